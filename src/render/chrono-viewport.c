#define G_LOG_DOMAIN "chrono-viewport"

#include "config.h"

#include <math.h>

#include "chrono-viewport.h"

/* Times past these are not representable by the model's years. */
#define TIME_LIMIT (3.1e18)

/* Moves the whole seconds of start into the origin so that the offsets
 * stay small and precise. */
static void
normalize (ChronoViewport *self)
{
  double whole = floor (self->start);

  if (whole != 0 && fabs (whole) < TIME_LIMIT)
    {
      self->origin += (gint64) whole;
      self->start -= whole;
      self->end -= whole;
    }
}

void
chrono_viewport_init (ChronoViewport *self,
                      double          start,
                      double          end,
                      double          width)
{
  double whole;

  g_return_if_fail (self != NULL);

  start = CLAMP (start, -TIME_LIMIT, TIME_LIMIT);
  end = CLAMP (end, -TIME_LIMIT, TIME_LIMIT);
  if (!(end > start))
    end = start + 1;

  whole = floor (start);
  self->origin = (gint64) whole;
  self->start = start - whole;
  self->end = end - whole;
  self->width = MAX (width, 1);
}

void
chrono_viewport_init_precise (ChronoViewport *self,
                              gint64          origin,
                              double          start,
                              double          end,
                              double          width)
{
  g_return_if_fail (self != NULL);

  self->origin = origin;
  self->start = start;
  self->end = end > start ? end : start + 1;
  self->width = MAX (width, 1);
  normalize (self);
}

double
chrono_viewport_get_start (const ChronoViewport *self)
{
  return (double) self->origin + self->start;
}

double
chrono_viewport_get_end (const ChronoViewport *self)
{
  return (double) self->origin + self->end;
}

double
chrono_viewport_get_duration (const ChronoViewport *self)
{
  return self->end - self->start;
}

double
chrono_viewport_get_resolution (const ChronoViewport *self)
{
  return (self->end - self->start) / self->width;
}

double
chrono_viewport_time_to_x (const ChronoViewport *self,
                           gint64                time)
{
  /* The subtraction is exact in integers; only the small difference is
   * turned into a double. */
  double offset;

  if (time >= self->origin)
    offset = (double) (guint64) ((guint64) time - (guint64) self->origin);
  else
    offset = -(double) (guint64) ((guint64) self->origin - (guint64) time);

  return (offset - self->start) * self->width / (self->end - self->start);
}

double
chrono_viewport_time_to_x_double (const ChronoViewport *self,
                                  double                time)
{
  return (time - (double) self->origin - self->start) * self->width / (self->end - self->start);
}

double
chrono_viewport_x_to_time (const ChronoViewport *self,
                           double                x)
{
  return (double) self->origin + self->start + x * (self->end - self->start) / self->width;
}

void
chrono_viewport_x_to_time_precise (const ChronoViewport *self,
                                   double                x,
                                   gint64               *seconds,
                                   double               *fraction)
{
  double offset = self->start + x * (self->end - self->start) / self->width;
  double whole = floor (offset);

  if (seconds != NULL)
    *seconds = self->origin + (gint64) whole;
  if (fraction != NULL)
    *fraction = offset - whole;
}

void
chrono_viewport_zoom (ChronoViewport *self,
                      double          factor,
                      double          x)
{
  double anchor;
  double duration;

  g_return_if_fail (self != NULL);
  g_return_if_fail (factor > 0);

  anchor = self->start + x * (self->end - self->start) / self->width;
  duration = (self->end - self->start) / factor;
  self->start = anchor - duration * (x / self->width);
  self->end = self->start + duration;
  normalize (self);
}

void
chrono_viewport_pan (ChronoViewport *self,
                     double          dx)
{
  double shift;

  g_return_if_fail (self != NULL);

  shift = dx * (self->end - self->start) / self->width;
  self->start += shift;
  self->end += shift;
  normalize (self);
}

void
chrono_viewport_clamp (ChronoViewport *self,
                       double          min_duration,
                       double          max_duration)
{
  double duration;
  double centre;
  double abs_start;
  double abs_end;

  g_return_if_fail (self != NULL);

  duration = self->end - self->start;
  centre = self->start + duration / 2;

  if (min_duration > 0 && duration < min_duration)
    duration = min_duration;
  if (max_duration > 0 && duration > max_duration)
    duration = max_duration;

  self->start = centre - duration / 2;
  self->end = centre + duration / 2;

  abs_start = (double) self->origin + self->start;
  abs_end = (double) self->origin + self->end;
  if (abs_start < -TIME_LIMIT)
    {
      self->origin = (gint64) -TIME_LIMIT;
      self->start = 0;
      self->end = MIN (duration, 2 * TIME_LIMIT);
    }
  else if (abs_end > TIME_LIMIT)
    {
      self->origin = (gint64) TIME_LIMIT;
      self->end = 0;
      self->start = -MIN (duration, 2 * TIME_LIMIT);
    }

  normalize (self);
}
