/* chrono-span-glide.c: a time span gliding to another
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-span-glide"

#include "config.h"

#include <math.h>

#include "chrono-span-glide.h"

struct _ChronoSpanGlide
{
  AdwAnimation        *animation;
  ChronoSpanGlideFunc  func;
  gpointer             user_data;
  /* Whether spans are reported: resetting the animation reports its
   * first value, which a stopped glide must not jump back to. */
  gboolean             running;
  double               from_centre;
  double               from_span;
  double               to_centre;
  double               to_span;
};

static void
on_value (double   t,
          gpointer user_data)
{
  ChronoSpanGlide *self = user_data;
  double centre, span;

  if (!self->running)
    return;

  centre = self->from_centre + (self->to_centre - self->from_centre) * t;
  span = self->from_span * pow (self->to_span / self->from_span, t);
  if (t >= 1)
    {
      centre = self->to_centre;
      span = self->to_span;
    }

  self->func (centre - span / 2, centre + span / 2, self->user_data);
}

static void
on_done (ChronoSpanGlide *self)
{
  self->running = FALSE;
}

ChronoSpanGlide *
chrono_span_glide_new (GtkWidget           *widget,
                       ChronoSpanGlideFunc  func,
                       gpointer             user_data)
{
  ChronoSpanGlide *self;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  self = g_new0 (ChronoSpanGlide, 1);
  self->func = func;
  self->user_data = user_data;
  self->animation = adw_timed_animation_new (widget, 0, 1, 1,
                                             adw_callback_animation_target_new (on_value, self, NULL));
  g_signal_connect_swapped (self->animation, "done", G_CALLBACK (on_done), self);

  return self;
}

void
chrono_span_glide_free (ChronoSpanGlide *self)
{
  if (self == NULL)
    return;

  chrono_span_glide_stop (self);
  g_signal_handlers_disconnect_by_data (self->animation, self);
  g_object_unref (self->animation);
  g_free (self);
}

void
chrono_span_glide_start (ChronoSpanGlide *self,
                         double           from_start,
                         double           from_end,
                         double           to_start,
                         double           to_end,
                         guint            duration_ms,
                         AdwEasing        easing)
{
  g_return_if_fail (self != NULL);

  chrono_span_glide_stop (self);

  self->from_centre = (from_start + from_end) / 2;
  self->from_span = MAX (from_end - from_start, 1e-3);
  self->to_centre = (to_start + to_end) / 2;
  self->to_span = MAX (to_end - to_start, 1e-3);

  self->running = TRUE;
  adw_timed_animation_set_duration (ADW_TIMED_ANIMATION (self->animation), MAX (duration_ms, 1));
  adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->animation), easing);
  /* Skipped at once, reporting the target, when animations are off or
   * the widget is not mapped. */
  adw_animation_play (self->animation);
}

void
chrono_span_glide_stop (ChronoSpanGlide *self)
{
  g_return_if_fail (self != NULL);

  if (!self->running)
    return;

  self->running = FALSE;
  adw_animation_reset (self->animation);
}

gboolean
chrono_span_glide_is_running (ChronoSpanGlide *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->running;
}

void
chrono_span_glide_get_target (ChronoSpanGlide *self,
                              double          *start,
                              double          *end)
{
  g_return_if_fail (self != NULL);

  if (start != NULL)
    *start = self->to_centre - self->to_span / 2;
  if (end != NULL)
    *end = self->to_centre + self->to_span / 2;
}
