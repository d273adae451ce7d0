#define G_LOG_DOMAIN "chrono-style"

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "chrono-style-private.h"

/* GNOME palette: a strong shade for light backgrounds and a lighter one
 * for dark backgrounds, in the same order. */
static const guint32 palette_light[] = {
  0x3584e4, /* blue 3 */
  0x26a269, /* green 5 */
  0xe66100, /* orange 5 */
  0x9141ac, /* purple 3 */
  0xc01c28, /* red 4 */
  0xe5a50a, /* yellow 5 */
  0x2190a4, /* teal */
  0x986a44, /* brown 3 */
  0xd56199, /* pink */
  0x5e5c64, /* dark 2 */
  0x6f8396, /* slate */
};

static const guint32 palette_dark[] = {
  0x62a0ea, /* blue 2 */
  0x33d17a, /* green 3 */
  0xffa348, /* orange 2 */
  0xc061cb, /* purple 2 */
  0xf66151, /* red 1 */
  0xf6d32d, /* yellow 3 */
  0x5bc8dc, /* teal, light */
  0xcdab8f, /* brown 1 */
  0xf28fc0, /* pink, light */
  0xc0bfbc, /* light 4 */
  0x6f8396, /* slate */
};

G_STATIC_ASSERT (G_N_ELEMENTS (palette_light) == G_N_ELEMENTS (palette_dark));

/* Era tints on dark backgrounds: saturated GNOME palette shades, with
 * the hue (degrees) each stands for.  Yellows and browns, which turn
 * olive on dark grey, become a neutral light tint. */
static const struct {
  double  hue;
  guint32 rgb;
} era_tints_dark[] = {
  { 0, 0xe01b24 },   /* red 3 */
  { 25, 0xff7800 },  /* orange 3 */
  { 150, 0x2ec27e }, /* green 4 */
  { 190, 0x2190a4 }, /* teal */
  { 215, 0x3584e4 }, /* blue 3 */
  { 285, 0x9141ac }, /* purple 3 */
  { 330, 0xd56199 }, /* pink */
};

ChronoColor
chrono_color_from_rgb (guint32 rgb,
                       double  alpha)
{
  ChronoColor c;

  c.red = ((rgb >> 16) & 0xff) / 255.0;
  c.green = ((rgb >> 8) & 0xff) / 255.0;
  c.blue = (rgb & 0xff) / 255.0;
  c.alpha = alpha;

  return c;
}

ChronoColor
chrono_color_with_alpha (ChronoColor color,
                         double      alpha)
{
  color.alpha *= alpha;
  return color;
}

ChronoColor
chrono_color_mix (ChronoColor a,
                  ChronoColor b,
                  double      t)
{
  ChronoColor c;

  c.red = a.red + (b.red - a.red) * t;
  c.green = a.green + (b.green - a.green) * t;
  c.blue = a.blue + (b.blue - a.blue) * t;
  c.alpha = a.alpha + (b.alpha - a.alpha) * t;

  return c;
}

static double
linear_channel (double v)
{
  return v <= 0.03928 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
}

double
chrono_color_luminance (ChronoColor color)
{
  return 0.2126 * linear_channel (color.red) +
         0.7152 * linear_channel (color.green) +
         0.0722 * linear_channel (color.blue);
}

/**
 * chrono_color_over:
 * @top: a colour, maybe translucent
 * @bottom: an opaque colour
 *
 * Returns: @top painted over @bottom, opaque
 */
ChronoColor
chrono_color_over (ChronoColor top,
                   ChronoColor bottom)
{
  ChronoColor c = chrono_color_mix (bottom, top, top.alpha);

  c.alpha = 1;

  return c;
}

/**
 * chrono_color_contrast:
 * @text: the text colour, maybe translucent
 * @background: the opaque colour under it
 *
 * Returns: the WCAG 2.1 contrast ratio of @text drawn on @background,
 *   from 1 (none) to 21 (black on white)
 */
double
chrono_color_contrast (ChronoColor text,
                       ChronoColor background)
{
  double a = chrono_color_luminance (chrono_color_over (text, background));
  double b = chrono_color_luminance (background);

  return (MAX (a, b) + 0.05) / (MIN (a, b) + 0.05);
}

/**
 * chrono_style_get_label_color:
 * @color: an event's or a series' colour
 *
 * Returns: @color darkened (light style) or lightened (dark style) until
 *   it reads as text on the style's background with a contrast of at
 *   least 4.5:1, so that labels keep the colour of what they label.
 */
ChronoColor
chrono_style_get_label_color (const ChronoStyle *style,
                              ChronoColor        color)
{
  ChronoColor toward = style->dark ? chrono_color_from_rgb (0xffffff, 1) : chrono_color_from_rgb (0x000000, 1);
  ChronoColor background = chrono_color_over (style->background, chrono_color_from_rgb (style->dark ? 0 : 0xffffff, 1));
  ChronoColor label = color;

  label.alpha = 1;
  for (double t = style->dark ? 0.3 : 0.25; t <= 1.0; t += 0.05)
    {
      label = chrono_color_mix (color, toward, t);
      label.alpha = 1;
      if (chrono_color_contrast (label, background) >= 4.5)
        break;
    }

  return label;
}

static void
init_common (ChronoStyle *style,
             double       scale)
{
  style->scale = scale > 0 ? scale : 1.0;
  style->font_family = "Cantarell, Adwaita Sans, Noto Sans, Sans";
  style->font_size = 10.0;
  style->small_font_size = 8.5;
  style->header_font_size = 10.5;
  style->axis_height = 46;
  style->lane_header_height = 30;
  style->row_height = 28;
  style->bar_height = 20;
  style->bar_radius = 6;
  style->point_radius = 6;
  style->series_height = 120;
  style->lane_padding = 10;
  style->label_padding = 6;
  style->max_label_width = 260;
}

/* A colour as written in the palette: 0xRRGGBB and an opacity. */
typedef struct
{
  guint32 rgb;
  double  alpha;
} Swatch;

/* Each colour of the style, light and dark side by side. */
static const struct
{
  gsize  offset;
  Swatch light;
  Swatch dark;
} style_colors[] = {
  { G_STRUCT_OFFSET (ChronoStyle, background),         { 0xffffff, 1     }, { 0x1e1e1e, 1     } },
  { G_STRUCT_OFFSET (ChronoStyle, foreground),         { 0x241f31, 1     }, { 0xffffff, 1     } },
  { G_STRUCT_OFFSET (ChronoStyle, dim_foreground),     { 0x5e5c64, 1     }, { 0xc0bfbc, 1     } },
  { G_STRUCT_OFFSET (ChronoStyle, lane_band[0]),       { 0xffffff, 1     }, { 0x1e1e1e, 1     } },
  { G_STRUCT_OFFSET (ChronoStyle, lane_band[1]),       { 0xf6f5f4, 1     }, { 0x262626, 1     } },
  { G_STRUCT_OFFSET (ChronoStyle, lane_separator),     { 0xdeddda, 1     }, { 0x3a3a3a, 1     } },
  { G_STRUCT_OFFSET (ChronoStyle, header_background),  { 0xffffff, 0.92  }, { 0x303030, 0.92  } },
  { G_STRUCT_OFFSET (ChronoStyle, axis_background),    { 0xfafafa, 0.97  }, { 0x242424, 0.97  } },
  { G_STRUCT_OFFSET (ChronoStyle, axis_line),          { 0xc0bfbc, 1     }, { 0x5e5c64, 1     } },
  { G_STRUCT_OFFSET (ChronoStyle, grid_major),         { 0x000000, 0.10  }, { 0xffffff, 0.10  } },
  { G_STRUCT_OFFSET (ChronoStyle, grid_minor),         { 0x000000, 0.045 }, { 0xffffff, 0.045 } },
  { G_STRUCT_OFFSET (ChronoStyle, era_fill[0]),        { 0x3584e4, 0.06  }, { 0x3584e4, 0.08  } },
  { G_STRUCT_OFFSET (ChronoStyle, era_fill[1]),        { 0x9141ac, 0.06  }, { 0x9141ac, 0.08  } },
  { G_STRUCT_OFFSET (ChronoStyle, era_foreground),     { 0x1a5fb4, 1     }, { 0x99c1f1, 1     } },
  { G_STRUCT_OFFSET (ChronoStyle, today),              { 0xe01b24, 1     }, { 0xff7b63, 1     } },
  { G_STRUCT_OFFSET (ChronoStyle, selection),          { 0x1c71d8, 1     }, { 0x78aeed, 1     } },
  { G_STRUCT_OFFSET (ChronoStyle, hover),              { 0x000000, 0.08  }, { 0xffffff, 0.10  } },
  { G_STRUCT_OFFSET (ChronoStyle, cluster_fill),       { 0x5e5c64, 0.14  }, { 0xdeddda, 0.16  } },
  { G_STRUCT_OFFSET (ChronoStyle, cluster_foreground), { 0x3d3846, 1     }, { 0xf6f5f4, 1     } },
  { G_STRUCT_OFFSET (ChronoStyle, relation),           { 0x77767b, 0.85  }, { 0x9a9996, 0.9   } },
  { G_STRUCT_OFFSET (ChronoStyle, accent),             { 0x3584e4, 1     }, { 0x78aeed, 1     } },
};

#define COLOR(field) ((gssize) G_STRUCT_OFFSET (ChronoStyle, field))

/* Every text the renderer and the overview draw from the style, on what:
 * tests/render/test-style.c checks each contrast in both palettes. */
static const ChronoTextPair text_pairs[] = {
  { "event label", COLOR (foreground), COLOR (background), 1, -1, FALSE },
  { "event label on a shaded lane", COLOR (foreground), COLOR (lane_band[1]), 1, -1, FALSE },
  { "label on a fading bar", COLOR (foreground), COLOR (background), 0.72, COLOR (lane_band[1]), FALSE },
  { "axis label", COLOR (foreground), COLOR (axis_background), 1, COLOR (background), FALSE },
  { "minor axis label", COLOR (dim_foreground), COLOR (axis_background), 1, COLOR (background), FALSE },
  { "value label", COLOR (dim_foreground), COLOR (background), 1, -1, FALSE },
  { "value label on a shaded lane", COLOR (dim_foreground), COLOR (lane_band[1]), 1, -1, FALSE },
  { "value label on its pill", COLOR (dim_foreground), COLOR (background), 0.92, COLOR (lane_band[1]), FALSE },
  { "lane title", COLOR (foreground), COLOR (header_background), 1, COLOR (lane_band[1]), FALSE },
  { "era label", COLOR (era_foreground), COLOR (background), 1, -1, FALSE },
  { "era label on a shaded lane", COLOR (era_foreground), COLOR (lane_band[1]), 1, -1, FALSE },
  { "cluster count", COLOR (cluster_foreground), COLOR (cluster_fill), 1, COLOR (lane_band[1]), FALSE },
  { "overview label", COLOR (dim_foreground), COLOR (axis_background), 1, COLOR (background), FALSE },
  { "overview label outside the view", COLOR (dim_foreground), COLOR (background), 0.55, COLOR (axis_background), FALSE },
};

#undef COLOR

const ChronoTextPair *
_chrono_style_get_text_pairs (guint *n_pairs)
{
  *n_pairs = G_N_ELEMENTS (text_pairs);

  return text_pairs;
}

static void
init_palette (ChronoStyle *style,
              double       scale,
              gboolean     dark)
{
  memset (style, 0, sizeof *style);
  init_common (style, scale);
  style->dark = dark;
  for (guint i = 0; i < G_N_ELEMENTS (style_colors); i++)
    {
      const Swatch *swatch = dark ? &style_colors[i].dark : &style_colors[i].light;

      G_STRUCT_MEMBER (ChronoColor, style, style_colors[i].offset) =
        chrono_color_from_rgb (swatch->rgb, swatch->alpha);
    }
}

void
chrono_style_init_light (ChronoStyle *style,
                         double       scale)
{
  g_return_if_fail (style != NULL);

  init_palette (style, scale, FALSE);
}

void
chrono_style_init_dark (ChronoStyle *style,
                        double       scale)
{
  g_return_if_fail (style != NULL);

  init_palette (style, scale, TRUE);
}

ChronoColor
chrono_style_get_palette_color (const ChronoStyle *style,
                                guint              n)
{
  const guint32 *palette = style->dark ? palette_dark : palette_light;

  return chrono_color_from_rgb (palette[n % G_N_ELEMENTS (palette_light)], 1);
}

/* A colour given in the file is made lighter on dark backgrounds so that
 * it keeps its contrast. */
static ChronoColor
adjust_for_style (const ChronoStyle *style,
                  guint32            rgb)
{
  ChronoColor c = chrono_color_from_rgb (rgb, 1);

  if (style->dark && chrono_color_luminance (c) < 0.25)
    c = chrono_color_mix (c, chrono_color_from_rgb (0xffffff, 1), 0.25);

  return c;
}

ChronoColor
chrono_style_get_lane_color (const ChronoStyle *style,
                             ChronoDocument    *document,
                             guint              index)
{
  const ChronoLane *lane = NULL;

  if (document != NULL && index < chrono_document_get_n_lanes (document))
    lane = chrono_document_get_lane (document, index);

  if (lane != NULL && lane->has_color)
    return adjust_for_style (style, lane->color);

  return chrono_style_get_palette_color (style, index);
}

ChronoColor
chrono_style_get_category_color (const ChronoStyle *style,
                                 ChronoDocument    *document,
                                 guint              index)
{
  const ChronoCategory *category = NULL;

  if (document != NULL && index < chrono_document_get_n_categories (document))
    category = chrono_document_get_category (document, index);

  if (category != NULL && category->has_color)
    return adjust_for_style (style, category->color);

  /* Offset so that categories do not repeat the first lanes' colours. */
  return chrono_style_get_palette_color (style, index + 3);
}

ChronoColor
chrono_style_get_event_color (const ChronoStyle *style,
                              ChronoDocument    *document,
                              const ChronoEvent *event)
{
  if (event->category >= 0)
    return chrono_style_get_category_color (style, document, event->category);

  return chrono_style_get_lane_color (style, document, event->lane);
}

ChronoColor
chrono_style_get_series_color (const ChronoStyle  *style,
                               ChronoDocument     *document,
                               const ChronoSeries *series)
{
  if (series->has_color)
    return adjust_for_style (style, series->color);

  return chrono_style_get_lane_color (style, document, series->lane);
}

static void
rgb_to_hue_saturation (ChronoColor  c,
                       double      *hue,
                       double      *saturation,
                       double      *value)
{
  double max = MAX (c.red, MAX (c.green, c.blue));
  double min = MIN (c.red, MIN (c.green, c.blue));
  double delta = max - min;
  double h = 0;

  if (delta > 0)
    {
      if (max == c.red)
        h = fmod ((c.green - c.blue) / delta, 6);
      else if (max == c.green)
        h = (c.blue - c.red) / delta + 2;
      else
        h = (c.red - c.green) / delta + 4;
      h *= 60;
      if (h < 0)
        h += 360;
    }

  *hue = h;
  *saturation = max > 0 ? delta / max : 0;
  *value = max;
}

ChronoColor
chrono_style_get_era_tint (const ChronoStyle *style,
                           guint              index,
                           gboolean           has_color,
                           guint32            rgb)
{
  double hue, saturation, value;
  double best = G_MAXDOUBLE;
  guint32 tint = 0xc0bfbc;

  g_return_val_if_fail (style != NULL, chrono_color_from_rgb (0, 0));

  if (!has_color)
    return style->era_fill[index % 2];

  if (!style->dark)
    return chrono_color_from_rgb (rgb, 0.08);

  rgb_to_hue_saturation (chrono_color_from_rgb (rgb, 1), &hue, &saturation, &value);

  /* Greys, yellows and browns: a neutral tint. */
  if (saturation < 0.15 || (hue >= 35 && hue < 80) || (hue >= 15 && hue < 35 && value < 0.85))
    return chrono_color_from_rgb (tint, 0.05);

  for (guint i = 0; i < G_N_ELEMENTS (era_tints_dark); i++)
    {
      double d = fabs (hue - era_tints_dark[i].hue);

      d = MIN (d, 360 - d);
      if (d < best)
        {
          best = d;
          tint = era_tints_dark[i].rgb;
        }
    }

  return chrono_color_from_rgb (tint, 0.08);
}

PangoFontDescription *
chrono_style_create_font (const ChronoStyle *style,
                          double             size,
                          gboolean           bold)
{
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, style->font_family);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size (desc, size * 96.0 / 72.0 * style->scale * PANGO_SCALE);

  return desc;
}

PangoContext *
chrono_style_create_pango_context (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 96);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);

  return context;
}

double
chrono_style_text_px (const ChronoStyle *style,
                      double             points)
{
  return points * 96.0 / 72.0 * style->scale;
}
