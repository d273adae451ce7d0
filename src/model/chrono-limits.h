/* chrono-limits.h
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The limits on counts a loaded file must respect, documented in
 * docs/limits.md.  Each is far above any real timeline; together they
 * bound the time and the memory a crafted file can make loading take.
 * Going over one is an error (CHRONO_ERROR_LIMIT) with the position of
 * the first item over it.
 */

/* Events in one file (native, TimelineJS or CSV rows). */
#define CHRONO_LIMIT_EVENTS        2000000
/* Lanes, categories and series in one file, each. */
#define CHRONO_LIMIT_LANES         10000
#define CHRONO_LIMIT_CATEGORIES    10000
#define CHRONO_LIMIT_SERIES        10000
/* Points of one series. */
#define CHRONO_LIMIT_POINTS        1000000
/* Tags, links and related events of one event, each. */
#define CHRONO_LIMIT_TAGS          1000
#define CHRONO_LIMIT_LINKS         1000
#define CHRONO_LIMIT_RELATIONS     1000
/* Bytes of one string (a JSON string as written, or a CSV cell). */
#define CHRONO_LIMIT_STRING_BYTES  (1024 * 1024)
/* JSON values (objects, arrays, strings, numbers, literals) in one file:
 * json-glib keeps 80 to 300 bytes for each. */
#define CHRONO_LIMIT_JSON_VALUES   (16 * 1024 * 1024)

typedef struct
{
  guint events;
  guint lanes;
  guint categories;
  guint series;
  guint points;
  guint tags;
  guint links;
  guint relations;
  gsize string_bytes;
  guint json_values;
} ChronoLimits;

/* The limits in force: the constants above, unless a test lowered them. */
const ChronoLimits *_chrono_limits (void);

/* For tests only: makes loading use @limits (copied), so that a test
 * reaches each limit with a small input; NULL restores the constants. */
void                _chrono_loader_set_limits_for_testing (const ChronoLimits *limits);

G_END_DECLS
