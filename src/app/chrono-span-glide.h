/* chrono-span-glide.h
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Called with the span of each frame, in seconds since the epoch. */
typedef void (*ChronoSpanGlideFunc) (double   start,
                                     double   end,
                                     gpointer user_data);

/**
 * ChronoSpanGlide:
 *
 * Glides a visible time span to another on a widget's frame clock, as
 * the timeline view zooms and the presenter moves its camera: the centre
 * moves evenly and the duration geometrically, so that a zoom looks as
 * even as a pan.  An #AdwTimedAnimation drives it, so it follows the
 * system's animation setting: with animations off (or the widget not
 * mapped) the span jumps to its target at once.
 */
typedef struct _ChronoSpanGlide ChronoSpanGlide;

/* A glide that reports spans to @func on @widget's frame clock; it does
 * not reference @widget, so free it before the widget goes. */
ChronoSpanGlide *chrono_span_glide_new        (GtkWidget           *widget,
                                               ChronoSpanGlideFunc  func,
                                               gpointer             user_data);
/* Stops the glide where it is and frees it. */
void             chrono_span_glide_free       (ChronoSpanGlide     *self);
/* Glides from [@from_start, @from_end) to [@to_start, @to_end) in
 * @duration_ms with @easing, replacing a glide under way. */
void             chrono_span_glide_start      (ChronoSpanGlide     *self,
                                               double               from_start,
                                               double               from_end,
                                               double               to_start,
                                               double               to_end,
                                               guint                duration_ms,
                                               AdwEasing            easing);
/* Stops the glide where it is: no more spans are reported. */
void             chrono_span_glide_stop       (ChronoSpanGlide     *self);
gboolean         chrono_span_glide_is_running (ChronoSpanGlide     *self);
/* The span the glide goes to (the last one started). */
void             chrono_span_glide_get_target (ChronoSpanGlide     *self,
                                               double              *start,
                                               double              *end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronoSpanGlide, chrono_span_glide_free)

G_END_DECLS
