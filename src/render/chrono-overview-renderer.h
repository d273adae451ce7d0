#pragma once

#include <cairo.h>

#include "chrono-document.h"
#include "chrono-style.h"

G_BEGIN_DECLS

/* Counts the events that pass @mask (NULL: all) into @n_bins equal bins
 * over [@start, @end) seconds; a span counts in every bin it covers.
 * @bins receives the counts.  O(events + bins). */
void chrono_overview_compute_bins (ChronoDocument    *document,
                                   const guint8      *mask,
                                   double             start,
                                   double             end,
                                   guint              n_bins,
                                   double            *bins);
/* Draws the overview strip on @cr at @width × @height pixels: the
 * density histogram of all events in @bins covering [@range_start,
 * @range_end) (seconds), a year axis, and the visible window
 * [@visible_start, @visible_end) as a highlighted frame.  With
 * @match_bins (nullable, also @n_bins long: the events that pass a
 * filter or search), all events are dimmed and the matches drawn over
 * them in the accent colour; without, all events are. */
void chrono_overview_draw         (cairo_t           *cr,
                                   const ChronoStyle *style,
                                   const double      *bins,
                                   const double      *match_bins,
                                   guint              n_bins,
                                   double             width,
                                   double             height,
                                   double             range_start,
                                   double             range_end,
                                   double             visible_start,
                                   double             visible_end);

/* The axis labels that chrono_overview_draw() shows at @width pixels for
 * [@range_start, @range_end), left to right: never only month names, the
 * years can always be told.  Free with g_strfreev(). */
char **chrono_overview_dup_labels (const ChronoStyle *style,
                                   double             width,
                                   double             range_start,
                                   double             range_end);

G_END_DECLS
