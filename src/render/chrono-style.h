#pragma once

#include <glib.h>
#include <pango/pango.h>

#include "chrono-document.h"

G_BEGIN_DECLS

/**
 * ChronoColor:
 *
 * A colour with components 0.0 .. 1.0, as cairo takes them.
 */
typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} ChronoColor;

/**
 * ChronoStyle:
 *
 * Everything the layout and the renderer need to know about looks: a plain
 * struct so exports work without GTK.  Sizes are in device-independent
 * pixels and are multiplied by @scale (HiDPI, print and large exports)
 * where they are used; use chrono_style_px().
 */
typedef struct
{
  gboolean     dark;
  double       scale;

  ChronoColor  background;
  ChronoColor  foreground;
  ChronoColor  dim_foreground;
  ChronoColor  lane_band[2];       /* alternating lane backgrounds */
  ChronoColor  lane_separator;
  ChronoColor  header_background;  /* the lane title pill */
  ChronoColor  axis_background;
  ChronoColor  axis_line;
  ChronoColor  grid_major;
  ChronoColor  grid_minor;
  ChronoColor  era_fill[2];
  ChronoColor  era_foreground;
  ChronoColor  today;
  ChronoColor  selection;
  ChronoColor  hover;
  ChronoColor  cluster_fill;
  ChronoColor  cluster_foreground;
  ChronoColor  relation;
  ChronoColor  accent;

  /* Family list for pango ("Cantarell, Sans"). */
  const char  *font_family;
  double       font_size;          /* event labels, in points at 96 dpi */
  double       small_font_size;    /* axis minor labels, values */
  double       header_font_size;   /* lane titles, axis major labels */

  double       axis_height;        /* two rows of labels */
  double       lane_header_height; /* the lane title row */
  double       row_height;         /* one row of events */
  double       bar_height;         /* the height of a span bar in a row */
  double       bar_radius;
  double       point_radius;
  double       series_height;      /* a chart's height, unless its series sets one */
  double       lane_padding;       /* space under the last row */
  double       label_padding;      /* between a marker and its label, and around labels */
  double       max_label_width;    /* labels may be this wide, or 60% of a wider view */
} ChronoStyle;

/**
 * CHRONO_MIN_TEXT_PX:
 *
 * The smallest text the layout draws, in device-independent pixels
 * (multiplied by the style's scale): 11 px on screen at scale 1, and in
 * PDF exports, whose unit is the point, 11 pt (above the 8 pt that print
 * needs).  Layouts collapse events into counted clusters rather than
 * draw smaller type.
 */
#define CHRONO_MIN_TEXT_PX 11.0

/* The pixel size of text drawn at @points points (the style's font
 * sizes) with @style, in device pixels. */
double      chrono_style_text_px          (const ChronoStyle *style,
                                           double             points);

/* Fills @style with the light palette (GNOME palette on white) at @scale. */
void        chrono_style_init_light       (ChronoStyle       *style,
                                           double             scale);
/* Fills @style with the dark palette at @scale. */
void        chrono_style_init_dark        (ChronoStyle       *style,
                                           double             scale);
/* @value device-independent pixels at the style's scale, in pixels. */
static inline double
chrono_style_px (const ChronoStyle *style,
                 double             value)
{
  return value * style->scale;
}
/* A colour from 0xRRGGBB. */
ChronoColor chrono_color_from_rgb         (guint32            rgb,
                                           double             alpha);
/* @color with its alpha multiplied by @alpha. */
ChronoColor chrono_color_with_alpha       (ChronoColor        color,
                                           double             alpha);
/* @a mixed with @b: @t 0.0 is @a, 1.0 is @b. */
ChronoColor chrono_color_mix              (ChronoColor        a,
                                           ChronoColor        b,
                                           double             t);
/* Relative luminance 0.0 .. 1.0, to choose a readable text colour. */
double      chrono_color_luminance        (ChronoColor        color);
ChronoColor chrono_color_over             (ChronoColor        top,
                                           ChronoColor        bottom);
double      chrono_color_contrast         (ChronoColor        text,
                                           ChronoColor        background);
ChronoColor chrono_style_get_label_color  (const ChronoStyle *style,
                                           ChronoColor        color);
/* The colour of an event: its category's colour, else its lane's, else
 * one of the palette's colours picked by lane index, adjusted for dark. */
ChronoColor chrono_style_get_event_color  (const ChronoStyle *style,
                                           ChronoDocument    *document,
                                           const ChronoEvent *event);
/* The colour of lane @index: its own, else a palette colour. */
ChronoColor chrono_style_get_lane_color   (const ChronoStyle *style,
                                           ChronoDocument    *document,
                                           guint              index);
/* The colour of category @index: its own, else a palette colour. */
ChronoColor chrono_style_get_category_color (const ChronoStyle *style,
                                           ChronoDocument    *document,
                                           guint              index);
/* The colour of a series: its own, else its lane's. */
ChronoColor chrono_style_get_series_color (const ChronoStyle *style,
                                           ChronoDocument    *document,
                                           const ChronoSeries *series);
/* The background tint of era number @index, whose colour in the file is
 * @rgb (when @has_color): on a dark background, the GNOME palette hue
 * nearest to it at a low alpha, so that tints do not turn olive. */
ChronoColor chrono_style_get_era_tint    (const ChronoStyle *style,
                                          guint              index,
                                          gboolean           has_color,
                                          guint32            rgb);
/* A font description for the style's family at @size points (at 96 dpi,
 * multiplied by the style's scale).  Free with pango_font_description_free(). */
PangoFontDescription *chrono_style_create_font (const ChronoStyle *style,
                                           double             size,
                                           gboolean           bold);
/* A pango context for measuring text independently of any surface (no
 * hinting of metrics, so that sizes scale linearly).  Unref when done. */
PangoContext *chrono_style_create_pango_context (void);
/* Palette colour @n (wraps around), for fallbacks and legends. */
ChronoColor chrono_style_get_palette_color (const ChronoStyle *style,
                                           guint              n);

G_END_DECLS
