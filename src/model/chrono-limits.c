/* chrono-limits.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-limits"

#include "config.h"

#include "chrono-limits.h"

static const ChronoLimits defaults = {
  .events = CHRONO_LIMIT_EVENTS,
  .lanes = CHRONO_LIMIT_LANES,
  .categories = CHRONO_LIMIT_CATEGORIES,
  .series = CHRONO_LIMIT_SERIES,
  .points = CHRONO_LIMIT_POINTS,
  .tags = CHRONO_LIMIT_TAGS,
  .links = CHRONO_LIMIT_LINKS,
  .relations = CHRONO_LIMIT_RELATIONS,
  .string_bytes = CHRONO_LIMIT_STRING_BYTES,
  .json_values = CHRONO_LIMIT_JSON_VALUES,
};

/* Only tests change it, before loading anything. */
static ChronoLimits for_testing;
static gboolean testing;

/**
 * _chrono_limits:
 *
 * Returns: (transfer none): the limits loading enforces
 */
const ChronoLimits *
_chrono_limits (void)
{
  return testing ? &for_testing : &defaults;
}

/**
 * _chrono_loader_set_limits_for_testing:
 * @limits: (nullable): the limits to use instead of the constants, or
 *   NULL for the constants again
 *
 * Lets a test hit each limit with a small input, through the same code
 * as a huge one.  Not thread-safe: call it before loading.
 */
void
_chrono_loader_set_limits_for_testing (const ChronoLimits *limits)
{
  testing = limits != NULL;
  if (limits != NULL)
    for_testing = *limits;
}
