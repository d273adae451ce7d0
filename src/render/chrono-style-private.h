#pragma once

#include "chrono-style.h"

G_BEGIN_DECLS

/* Sets the style's font of @size (points before the style's scale) on
 * @layout, bold or not. */
static inline void
_chrono_style_set_layout_font (PangoLayout       *layout,
                               const ChronoStyle *style,
                               double             size,
                               gboolean           bold)
{
  PangoFontDescription *font = chrono_style_create_font (style, size, bold);

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
}

G_END_DECLS
