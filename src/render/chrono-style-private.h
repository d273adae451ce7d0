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

/* A text colour of the style and what it is drawn on: @background (its
 * alpha multiplied by @background_alpha) over the opaque @base, or on
 * @background alone when @base is -1.  Large text (18 pt, or 14 pt bold)
 * needs 3:1, other text 4.5:1 (WCAG 2.1, 1.4.3). */
typedef struct
{
  const char *what;
  gssize      text;
  gssize      background;
  double      background_alpha;
  gssize      base;
  gboolean    large;
} ChronoTextPair;

const ChronoTextPair *_chrono_style_get_text_pairs (guint *n_pairs);

G_END_DECLS
