#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ChronoViewport:
 * @origin: a whole second near the visible span, seconds since the epoch
 * @start: the left edge, seconds after @origin
 * @end: the right edge, seconds after @origin
 * @width: the width of the view in pixels
 *
 * The visible time span of a view of @width pixels.  Times are kept as a
 * whole-second origin plus small double offsets, so that a view of a few
 * seconds stays exact thirteen billion years ago: a double alone has only
 * about a minute of resolution there.  A plain struct, copied freely.
 */
typedef struct
{
  gint64 origin;
  double start;
  double end;
  double width;
} ChronoViewport;

/* The most a fitted view extends past the last event beyond its left
 * margin, in seconds: a view that fits a deep-time document ends soon
 * after it, not a further billion years into the future. */
#define CHRONO_FIT_MAX_RIGHT_MARGIN (25.0 * 31556952.0)

/* The room a fitted view leaves right of its last event, given the
 * proportional @margin it leaves on the left (seconds).  Labels go right
 * of their markers, so up to three margins, but at most
 * CHRONO_FIT_MAX_RIGHT_MARGIN more than one margin: the last markers stay
 * whole on screen without a deep-time axis running into the future. */
static inline double
chrono_viewport_fit_right_margin (double margin)
{
  return MAX (margin, MIN (margin * 3, CHRONO_FIT_MAX_RIGHT_MARGIN));
}

/* Sets @self to show [@start, @end) (seconds since the epoch) on @width
 * pixels. */
void    chrono_viewport_init              (ChronoViewport       *self,
                                           double                start,
                                           double                end,
                                           double                width);
/* Sets @self to show [@origin + @start, @origin + @end). */
void    chrono_viewport_init_precise      (ChronoViewport       *self,
                                           gint64                origin,
                                           double                start,
                                           double                end,
                                           double                width);
/* The left / right edge in seconds since the epoch (rounded to a double). */
double  chrono_viewport_get_start         (const ChronoViewport *self);
double  chrono_viewport_get_end           (const ChronoViewport *self);
/* The visible duration in seconds. */
double  chrono_viewport_get_duration      (const ChronoViewport *self);
/* Seconds per pixel. */
double  chrono_viewport_get_resolution    (const ChronoViewport *self);
/* The x in pixels of @time (seconds since the epoch); exact for any time. */
double  chrono_viewport_time_to_x         (const ChronoViewport *self,
                                           gint64                time);
/* The x in pixels of a time given as a double. */
double  chrono_viewport_time_to_x_double  (const ChronoViewport *self,
                                           double                time);
/* The time at @x pixels, in seconds since the epoch. */
double  chrono_viewport_x_to_time         (const ChronoViewport *self,
                                           double                x);
/* The time at @x as whole seconds (floor) and a fraction 0 <= f < 1. */
void    chrono_viewport_x_to_time_precise (const ChronoViewport *self,
                                           double                x,
                                           gint64               *seconds,
                                           double               *fraction);
/* Zooms by @factor (> 1 zooms in) keeping the time at @x pixels at @x. */
void    chrono_viewport_zoom              (ChronoViewport       *self,
                                           double                factor,
                                           double                x);
/* Moves the view by @dx pixels (positive shows later times). */
void    chrono_viewport_pan               (ChronoViewport       *self,
                                           double                dx);
/* Keeps the duration within [@min_duration, @max_duration] seconds,
 * around the centre, and the span inside the representable years. */
void    chrono_viewport_clamp             (ChronoViewport       *self,
                                           double                min_duration,
                                           double                max_duration);

G_END_DECLS
