/* chrono-edge-hints.h
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "chrono-document.h"
#include "chrono-scene.h"
#include "chrono-style.h"

G_BEGIN_DECLS

/**
 * ChronoEdgeIndex:
 *
 * The events that pass a filter, ordered by start and by end, so that
 * how many lie wholly before or after a view, and the nearest of them,
 * take O(log n) a frame.  Built once per document and filter: O(n log n)
 * time and 20 bytes an event that passes.
 */
typedef struct _ChronoEdgeIndex ChronoEdgeIndex;

typedef enum
{
  CHRONO_EDGE_BEFORE, /* the left edge: earlier events */
  CHRONO_EDGE_AFTER,  /* the right edge: later events */
} ChronoEdge;

/**
 * ChronoEdgeHint:
 * @count: events that lie wholly on this side of the view; 0: no hint
 * @nearest: the nearest of them (the latest to end before, the earliest
 *   to start after), an event index, or -1
 * @text: what the hint says ("← 12 events"), owned, or NULL
 * @rect: the pill in pixels, also its hit box; empty without a hint
 */
typedef struct
{
  guint       count;
  int         nearest;
  char       *text;
  ChronoRect  rect;
} ChronoEdgeHint;

/**
 * ChronoEdgeHints:
 * @hints: the hints at the left and right edges, by #ChronoEdge
 * @in_view: events that pass the filter and overlap the view
 *
 * What the timeline widget shows at the ends of its axis: where the
 * events outside the view are, and how many.  When none is in view the
 * hints stand out, so that zooming into empty time says where to go.
 * Exports do not draw them: a picture has no outside to go to.
 */
typedef struct
{
  ChronoEdgeHint hints[2];
  guint          in_view;
} ChronoEdgeHints;

/* Indexes the events of @document that pass @mask (NULL: all). */
ChronoEdgeIndex *chrono_edge_index_new      (ChronoDocument        *document,
                                             const guint8          *mask);
void             chrono_edge_index_free     (ChronoEdgeIndex       *self);

/* Fills @hints with the counts and nearest events outside [@start, @end)
 * (seconds since the epoch) and lays their pills out at the ends of an
 * axis band @axis_height pixels high on a canvas @width pixels wide,
 * measuring text with @context.  Clear with chrono_edge_hints_clear(). */
void             chrono_edge_hints_init     (ChronoEdgeHints       *hints,
                                             const ChronoEdgeIndex *index,
                                             double                 start,
                                             double                 end,
                                             const ChronoStyle     *style,
                                             PangoContext          *context,
                                             double                 width,
                                             double                 axis_height);
/* Frees what @hints holds and empties it; safe on a zeroed struct. */
void             chrono_edge_hints_clear    (ChronoEdgeHints       *hints);
/* The hint whose pill is at (@x, @y) pixels, or -1. */
int              chrono_edge_hints_hit_test (const ChronoEdgeHints *hints,
                                             double                 x,
                                             double                 y);
/* Draws the hints on @cr over a drawn scene, each on a strip of the
 * axis's background at its end of the axis, so that tick labels pass
 * under it rather than through it.  Leaves @cr's state as it was. */
void             chrono_edge_hints_draw     (cairo_t               *cr,
                                             const ChronoStyle     *style,
                                             const ChronoEdgeHints *hints,
                                             double                 width,
                                             double                 axis_height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronoEdgeIndex, chrono_edge_index_free)

G_END_DECLS
