#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "chrono-style.h"

G_BEGIN_DECLS

/* Cairo helpers shared by the timeline, overview and caption painters. */

static inline void
_chrono_cairo_set_color (cairo_t     *cr,
                         ChronoColor  color)
{
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha);
}

/* Adds a rectangle with corners of @radius (pixels, clamped to half the
 * shorter side) to the path of @cr; a plain one when that is half a pixel
 * or less. */
static inline void
_chrono_cairo_rounded_rect (cairo_t *cr,
                            double   x,
                            double   y,
                            double   width,
                            double   height,
                            double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2);
  if (radius <= 0.5)
    {
      cairo_rectangle (cr, x, y, width, height);
      return;
    }

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A layout for @cr whose metrics scale linearly with the font size:
 * neither hinted metrics nor whole-pixel glyph positions, which look
 * uneven in small vector text.  Returns: (transfer full) */
static inline PangoLayout *
_chrono_cairo_create_layout (cairo_t *cr)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_layout_context_changed (layout);

  return layout;
}

G_END_DECLS
