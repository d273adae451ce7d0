#pragma once

#include <cairo.h>

#include "chrono-document.h"
#include "chrono-scene.h"
#include "chrono-style.h"

G_BEGIN_DECLS

/* Draws the caption card of event @event of @document (lane, title,
 * dates, description) at the bottom left of an area of @width × @height
 * units, as the presenter and the slides show it.  Sizes follow the
 * style's scale; colours its palette.  @card receives the card's box
 * (may be NULL).  Leaves @cr's state as it found it. */
void chrono_caption_draw_card     (cairo_t           *cr,
                                   const ChronoStyle *style,
                                   ChronoDocument    *document,
                                   guint              event,
                                   double             width,
                                   double             height,
                                   ChronoRect        *card);

/* Draws the "3 / 12" progress pill and a thin progress bar at the bottom
 * right of an area of @width × @height units; @step is 0-based. */
void chrono_caption_draw_progress (cairo_t           *cr,
                                   const ChronoStyle *style,
                                   guint              step,
                                   guint              n_steps,
                                   double             width,
                                   double             height);

/* Draws a title page: @title large, @subtitle (the date range) and
 * @description (may be NULL) centred on @width × @height units. */
void chrono_caption_draw_title    (cairo_t           *cr,
                                   const ChronoStyle *style,
                                   const char        *title,
                                   const char        *subtitle,
                                   const char        *description,
                                   double             width,
                                   double             height);

G_END_DECLS
