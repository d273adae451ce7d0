#pragma once

#include <cairo.h>

#include "chrono-document.h"
#include "chrono-filter.h"
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

/* The style scale of a presentation on @width × @height units: type
 * grows with the screen or page from a 1280 × 720 base, so that it reads
 * from the back of a room.  Multiply by any device scale. */
double chrono_caption_get_scale   (double             width,
                                   double             height);

/* Draws one presentation step as the presenter and the slides show it:
 * the timeline of @document (filtered by @filter, may be NULL) over
 * [@start, @end) seconds with event @event selected and kept clear of
 * the card, the caption card and the progress "@step + 1 / @n_steps",
 * on @width × @height units. */
void chrono_caption_draw_step     (cairo_t           *cr,
                                   const ChronoStyle *style,
                                   ChronoDocument    *document,
                                   ChronoFilter      *filter,
                                   guint              event,
                                   guint              step,
                                   guint              n_steps,
                                   double             start,
                                   double             end,
                                   double             width,
                                   double             height);

G_END_DECLS
