#define G_LOG_DOMAIN "chrono-renderer"

#include "config.h"

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "chrono-renderer.h"
#include "chrono-renderer-private.h"
#include "chrono-scene-private.h"

#define FAINT 0.32

typedef struct
{
  cairo_t           *cr;
  const ChronoStyle *style;
  ChronoScene       *scene;
  PangoLayout       *layout;
  PangoFontDescription *label_font;
  PangoFontDescription *small_font;
  PangoFontDescription *small_bold_font;
  PangoFontDescription *header_font;
  double             width;
  double             height;
  double             axis_height;
  double             lanes_top;
} Draw;

/* Draws @text in @rect, ellipsized to its width, vertically centred;
 * @align 0 left, 0.5 centre. */
static void
draw_text (Draw                       *d,
           const char                 *text,
           const ChronoRect           *rect,
           const PangoFontDescription *font,
           ChronoColor                 color,
           double                      align)
{
  PangoRectangle logical;
  double x;

  if (text == NULL || rect->width <= 1)
    return;

  pango_layout_set_font_description (d->layout, font);
  pango_layout_set_text (d->layout, text, -1);
  pango_layout_set_width (d->layout, (int) (rect->width * PANGO_SCALE) + PANGO_SCALE);
  pango_layout_get_pixel_extents (d->layout, NULL, &logical);

  x = rect->x + (rect->width - logical.width) * align;
  if (align == 0)
    x = rect->x;

  _chrono_cairo_set_color (d->cr, color);
  cairo_move_to (d->cr, x, rect->y + (rect->height - logical.height) / 2);
  pango_cairo_show_layout (d->cr, d->layout);
}

/* Dark or white text, whichever contrasts more with @fill (WCAG). */
static ChronoColor
text_on (const Draw  *d,
         ChronoColor  fill)
{
  ChronoColor dark = chrono_color_from_rgb (0x241f31, 1);
  ChronoColor light = chrono_color_from_rgb (0xffffff, 1);
  double l = chrono_color_luminance (fill);
  double with_dark = (l + 0.05) / (chrono_color_luminance (dark) + 0.05);
  double with_light = (chrono_color_luminance (light) + 0.05) / (l + 0.05);

  return with_dark > with_light ? dark : light;
}

/* Where a bar's fill is at least half opaque, [*@lo, *@hi] in pixels:
 * the same stops as draw_bar_fill(). */
static void
bar_strong_part (Draw                  *d,
                 const ChronoSceneItem *item,
                 double                *lo,
                 double                *hi)
{
  double x0 = item->bar.x;
  double x1 = item->bar.x + item->bar.width;
  double fade = MIN (chrono_style_px (d->style, 24), item->bar.width / 3);

  if (item->flags & CHRONO_ITEM_ONGOING)
    {
      *lo = (item->flags & CHRONO_ITEM_FADE_START) ? x0 + fade * (0.5 - 0.1) / 0.9 : x0;
      *hi = item->period_start + (x1 - item->period_start) * 0.5;
      return;
    }

  *lo = (item->flags & CHRONO_ITEM_PERIOD) ? item->period_start : x0;
  *hi = (item->flags & CHRONO_ITEM_PERIOD) ? item->period_end : x1;
  if (item->flags & CHRONO_ITEM_FADE_START)
    *lo = x0 + (MAX (*lo, x0 + fade) - x0) * (0.5 - 0.08) / 0.92;
  if (item->flags & CHRONO_ITEM_FADE_END)
    *hi = x1 - (x1 - MIN (*hi, x1 - fade)) * (0.5 - 0.08) / 0.92;
}

/* A label over a bar that fades: the text takes the colour that reads
 * on the bar where the bar is mostly opaque and the foreground where it
 * has mostly faded into the background.  A pill of the background under
 * the text would read too, but it hides the fade: on a dark background
 * it drew a flat grey block where the bar should fade out. */
static void
draw_text_over_fade (Draw                  *d,
                     const ChronoSceneItem *item,
                     ChronoColor            color)
{
  cairo_t *cr = d->cr;
  const ChronoRect *r = &item->label_rect;
  double lo, hi;

  bar_strong_part (d, item, &lo, &hi);

  cairo_save (cr);
  cairo_rectangle (cr, lo, r->y, MAX (hi - lo, 0), r->height);
  cairo_clip (cr);
  draw_text (d, item->label, r, d->label_font, text_on (d, color), 0);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_rectangle (cr, r->x - 1, r->y, MAX (lo - r->x + 1, 0), r->height);
  cairo_rectangle (cr, hi, r->y, MAX (r->x + r->width + 1 - hi, 0), r->height);
  cairo_clip (cr);
  draw_text (d, item->label, r, d->label_font, d->style->foreground, 0);
  cairo_restore (cr);
}

static void
draw_lane (Draw                  *d,
           const ChronoSceneItem *item)
{
  cairo_t *cr = d->cr;

  /* A band the colour of the background needs no fill. */
  if (memcmp (&item->color, &d->style->background, sizeof (ChronoColor)) != 0)
    {
      _chrono_cairo_set_color (cr, item->color);
      cairo_rectangle (cr, item->rect.x, item->rect.y, item->rect.width, item->rect.height);
      cairo_fill (cr);
    }

  _chrono_cairo_set_color (cr, d->style->lane_separator);
  cairo_rectangle (cr, item->rect.x, floor (item->rect.y + item->rect.height) - chrono_style_px (d->style, 1),
                   item->rect.width, chrono_style_px (d->style, 1));
  cairo_fill (cr);
}

static void
draw_era (Draw                  *d,
          const ChronoSceneItem *item)
{
  cairo_t *cr = d->cr;
  ChronoColor edge = chrono_color_with_alpha (d->style->era_foreground, 0.25);

  _chrono_cairo_set_color (cr, item->color);
  cairo_rectangle (cr, item->rect.x, item->rect.y, item->rect.width, item->rect.height);
  cairo_fill (cr);

  _chrono_cairo_set_color (cr, edge);
  cairo_rectangle (cr, item->rect.x, item->rect.y, chrono_style_px (d->style, 1), item->rect.height);
  cairo_rectangle (cr, item->rect.x + item->rect.width - chrono_style_px (d->style, 1), item->rect.y,
                   chrono_style_px (d->style, 1), item->rect.height);
  cairo_fill (cr);

  if (item->label != NULL)
    draw_text (d, item->label, &item->label_rect, d->small_bold_font, d->style->era_foreground, 0);
}

static void
draw_grid (Draw *d)
{
  const ChronoTicks *ticks = chrono_scene_get_ticks (d->scene);
  cairo_t *cr = d->cr;
  double line = chrono_style_px (d->style, 1);

  if (ticks == NULL)
    return;

  /* One fill per colour, on whole pixels: the fast path of pixman. */
  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  for (int major = 0; major <= 1; major++)
    {
      for (guint i = 0; i < ticks->minor->len; i++)
        {
          const ChronoTick *tick = &g_array_index (ticks->minor, ChronoTick, i);

          if (tick->major == major)
            cairo_rectangle (cr, round (tick->x), d->axis_height, MAX (1, round (line)), d->height - d->axis_height);
        }
      _chrono_cairo_set_color (cr, major ? d->style->grid_major : d->style->grid_minor);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

static void
draw_axis (Draw *d)
{
  const ChronoTicks *ticks = chrono_scene_get_ticks (d->scene);
  const ChronoStyle *style = d->style;
  cairo_t *cr = d->cr;
  double line = chrono_style_px (style, 1);
  double h = d->axis_height;
  gboolean two_rows;

  _chrono_cairo_set_color (cr, style->axis_background);
  cairo_rectangle (cr, 0, 0, d->width, h);
  cairo_fill (cr);
  _chrono_cairo_set_color (cr, style->axis_line);
  cairo_rectangle (cr, 0, h - line, d->width, line);
  cairo_fill (cr);

  if (ticks == NULL)
    return;

  two_rows = ticks->major->len > 0;

  for (guint i = 0; i < ticks->minor->len; i++)
    {
      const ChronoTick *tick = &g_array_index (ticks->minor, ChronoTick, i);
      double tick_h = chrono_style_px (style, tick->major ? 10 : 6);
      ChronoRect rect;

      _chrono_cairo_set_color (cr, style->axis_line);
      cairo_rectangle (cr, round (tick->x), h - tick_h, line, tick_h);
      cairo_fill (cr);

      if (tick->label == NULL)
        continue;

      rect.x = tick->label_x;
      rect.width = tick->label_width + 1;
      rect.height = h / 2;
      rect.y = two_rows ? h / 2 - chrono_style_px (style, 3) : h / 4;
      /* Same font as measured; major ticks stand out by colour. */
      draw_text (d, tick->label, &rect, d->small_font,
                 tick->major && !two_rows ? style->foreground : style->dim_foreground, 0);
    }

  for (guint i = 0; i < ticks->major->len; i++)
    {
      const ChronoTick *tick = &g_array_index (ticks->major, ChronoTick, i);
      ChronoRect rect;

      if (tick->label == NULL)
        continue;

      rect.x = tick->label_x;
      rect.width = tick->label_width + 1;
      rect.y = chrono_style_px (style, 4);
      rect.height = h / 2 - chrono_style_px (style, 4);
      draw_text (d, tick->label, &rect, d->header_font, style->foreground, 0);
    }
}

static void
draw_density (Draw                  *d,
              const ChronoSceneItem *item)
{
  cairo_t *cr = d->cr;
  double column = item->rect.width / MAX (item->count, 1);
  double bottom = round (item->rect.y + item->rect.height);

  /* Whole-pixel boxes without antialiasing: pixman fills them directly,
   * where a stair-shaped path would go through the tessellator. */
  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  for (guint c = 0; c < item->count; c++)
    {
      double x0 = round (item->rect.x + c * column);
      double x1 = round (item->rect.x + (c + 1) * column);
      double top = round (bottom - item->values[c] * item->rect.height * 0.92);

      if (top < bottom && x1 > x0)
        cairo_rectangle (cr, x0, top, x1 - x0, bottom - top);
    }
  _chrono_cairo_set_color (cr, chrono_color_with_alpha (item->color, 0.6));
  cairo_fill (cr);
  cairo_restore (cr);
}

/* Clusters in batches of one colour: one fill for many pills. */
static void
draw_clusters (Draw                  *d,
               const ChronoSceneItem *items,
               guint                  n_items)
{
  cairo_t *cr = d->cr;
  guint i = 0;

  while (i < n_items)
    {
      const ChronoColor *color;
      guint first, j;

      while (i < n_items && items[i].kind != CHRONO_ITEM_CLUSTER)
        i++;
      if (i >= n_items)
        break;

      first = i;
      color = &items[i].color;
      for (j = i; j < n_items; j++)
        {
          const ChronoRect *r;

          if (items[j].kind != CHRONO_ITEM_CLUSTER)
            continue;
          if (memcmp (&items[j].color, color, sizeof *color) != 0)
            break;

          r = &items[j].bar;
          _chrono_cairo_rounded_rect (cr, r->x + 0.5, r->y + 0.5, r->width - 1, r->height - 1, r->height / 2);
        }

      /* Tinted with the lane's colour and not outlined: a stroke around
       * a hundred pills costs as much as the rest of a zoomed-out frame. */
      _chrono_cairo_set_color (cr, chrono_color_with_alpha (*color, d->style->dark ? 0.34 : 0.24));
      cairo_fill (cr);

      for (guint k = first; k < j; k++)
        if (items[k].kind == CHRONO_ITEM_CLUSTER)
          draw_text (d, items[k].label, &items[k].label_rect, d->small_bold_font,
                     d->style->cluster_foreground, 0.5);

      i = j;
    }
}

typedef struct
{
  double offset;
  double alpha;
} Stop;

/* A horizontal gradient of @color over [@x0, @x1] with alpha stops at
 * pixel positions, to fade approximate and partial ends. */
static cairo_pattern_t *
make_bar_pattern (double       x0,
                  double       x1,
                  ChronoColor  color,
                  const Stop  *stops,
                  guint        n_stops)
{
  cairo_pattern_t *pattern = cairo_pattern_create_linear (x0, 0, x1, 0);
  double width = MAX (x1 - x0, 1);
  double last = 0;

  for (guint i = 0; i < n_stops; i++)
    {
      double offset = CLAMP ((stops[i].offset - x0) / width, last, 1.0);

      cairo_pattern_add_color_stop_rgba (pattern, offset, color.red, color.green, color.blue,
                                         color.alpha * stops[i].alpha);
      last = offset;
    }

  return pattern;
}

static void
draw_bar_fill (Draw                  *d,
               const ChronoSceneItem *item,
               ChronoColor            color,
               double                 radius)
{
  cairo_t *cr = d->cr;
  const ChronoRect *r = &item->bar;
  double x0 = r->x;
  double x1 = r->x + r->width;
  double fade = MIN (chrono_style_px (d->style, 24), r->width / 3);
  double margin = 4 * radius + 2;
  Stop stops[8];
  guint n = 0;

  /* Zoomed in, a bar may be millions of pixels long: draw only what is
   * in view (rounded ends off screen are not missed), which keeps cairo
   * from tessellating the rest. */
  if (x0 < -margin || x1 > d->width + margin)
    {
      double cx0 = MAX (x0, -margin);
      double cx1 = MIN (x1, d->width + margin);

      if (cx1 <= cx0)
        return;
      _chrono_cairo_rounded_rect (cr, cx0, r->y, cx1 - cx0, r->height, radius);
    }
  else
    _chrono_cairo_rounded_rect (cr, r->x, r->y, r->width, r->height, radius);

  if (!(item->flags & (CHRONO_ITEM_FADE_START | CHRONO_ITEM_FADE_END |
                       CHRONO_ITEM_PERIOD | CHRONO_ITEM_ONGOING)))
    {
      _chrono_cairo_set_color (cr, color);
      cairo_fill (cr);
      return;
    }

  if (item->flags & CHRONO_ITEM_ONGOING)
    {
      stops[n++] = (Stop) { x0, (item->flags & CHRONO_ITEM_FADE_START) ? 0.1 : 1 };
      if (item->flags & CHRONO_ITEM_FADE_START)
        stops[n++] = (Stop) { x0 + fade, 1 };
      stops[n++] = (Stop) { item->period_start, 1 };
      stops[n++] = (Stop) { x1, 0 };
    }
  else
    {
      double solid0 = (item->flags & CHRONO_ITEM_PERIOD) ? item->period_start : x0;
      double solid1 = (item->flags & CHRONO_ITEM_PERIOD) ? item->period_end : x1;
      double edge0 = solid0 > x0 ? FAINT : 1;
      double edge1 = solid1 < x1 ? FAINT : 1;

      if (item->flags & CHRONO_ITEM_FADE_START)
        {
          stops[n++] = (Stop) { x0, 0.08 };
          stops[n++] = (Stop) { MAX (solid0, x0 + fade), 1 };
        }
      else
        {
          stops[n++] = (Stop) { x0, edge0 };
          stops[n++] = (Stop) { solid0, edge0 };
          stops[n++] = (Stop) { solid0, 1 };
        }

      if (item->flags & CHRONO_ITEM_FADE_END)
        {
          stops[n++] = (Stop) { MIN (solid1, x1 - fade), 1 };
          stops[n++] = (Stop) { x1, 0.08 };
        }
      else
        {
          stops[n++] = (Stop) { solid1, 1 };
          stops[n++] = (Stop) { solid1, edge1 };
          stops[n++] = (Stop) { x1, edge1 };
        }
    }

  {
    cairo_pattern_t *pattern = make_bar_pattern (x0, x1, color, stops, n);

    cairo_set_source (cr, pattern);
    cairo_fill (cr);
    cairo_pattern_destroy (pattern);
  }
}

static void
draw_selection_ring (Draw             *d,
                     const ChronoRect *r,
                     double            radius,
                     gboolean          circle)
{
  cairo_t *cr = d->cr;
  double grow = chrono_style_px (d->style, 3);

  if (circle)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, r->x + r->width / 2, r->y + r->height / 2, r->width / 2 + grow, 0, 2 * G_PI);
    }
  else
    {
      double x0 = MAX (r->x, -4 * radius - grow);
      double x1 = MIN (r->x + r->width, d->width + 4 * radius + grow);

      _chrono_cairo_rounded_rect (cr, x0 - grow, r->y - grow, x1 - x0 + 2 * grow, r->height + 2 * grow, radius + grow);
    }

  _chrono_cairo_set_color (cr, d->style->selection);
  cairo_set_line_width (cr, chrono_style_px (d->style, 2));
  cairo_stroke (cr);
}

/* Whether a span's label lies wholly on the solid part of its bar, away
 * from faded ends and faint periods. */
static gboolean
label_on_solid (Draw                  *d,
                const ChronoSceneItem *item)
{
  double x0 = item->bar.x;
  double x1 = item->bar.x + item->bar.width;
  double fade = MIN (chrono_style_px (d->style, 24), item->bar.width / 3);
  double solid0 = x0;
  double solid1 = x1;

  if (item->flags & CHRONO_ITEM_ONGOING)
    solid1 = item->period_start;
  else if (item->flags & CHRONO_ITEM_PERIOD)
    {
      solid0 = item->period_start;
      solid1 = item->period_end;
    }
  if (item->flags & CHRONO_ITEM_FADE_START)
    solid0 = MAX (solid0, x0 + fade);
  if ((item->flags & CHRONO_ITEM_FADE_END) && !(item->flags & CHRONO_ITEM_ONGOING))
    solid1 = MIN (solid1, x1 - fade);

  return item->label_rect.x >= solid0 - 1 &&
         item->label_rect.x + item->label_rect.width <= solid1 + 1;
}

static void
draw_span (Draw                  *d,
           const ChronoSceneItem *item)
{
  cairo_t *cr = d->cr;
  double radius = chrono_style_px (d->style, d->style->bar_radius);
  ChronoColor color = item->color;

  if (item->flags & CHRONO_ITEM_HOVERED)
    color = chrono_color_mix (color, d->style->dark ? chrono_color_from_rgb (0xffffff, 1)
                                                    : chrono_color_from_rgb (0x000000, 1), 0.12);

  draw_bar_fill (d, item, color, radius);

  if (item->flags & CHRONO_ITEM_UNCERTAIN)
    {
      double x0 = MAX (item->bar.x, -4 * radius);
      double x1 = MIN (item->bar.x + item->bar.width, d->width + 4 * radius);

      _chrono_cairo_rounded_rect (cr, x0 + 0.5, item->bar.y + 0.5, x1 - x0 - 1, item->bar.height - 1, radius);
      _chrono_cairo_set_color (cr, chrono_color_mix (color, d->style->background, 0.5));
      cairo_set_line_width (cr, chrono_style_px (d->style, 1));
      cairo_set_dash (cr, (double[]) { chrono_style_px (d->style, 3), chrono_style_px (d->style, 3) }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  if (item->flags & CHRONO_ITEM_SELECTED)
    draw_selection_ring (d, &item->bar, radius, FALSE);

  if (item->label != NULL)
    {
      if (item->flags & CHRONO_ITEM_LABEL_OUTSIDE)
        draw_text (d, item->label, &item->label_rect, d->label_font, d->style->foreground, 0);
      else if (!label_on_solid (d, item))
        draw_text_over_fade (d, item, color);
      else
        draw_text (d, item->label, &item->label_rect, d->label_font, text_on (d, color), 0);
    }
}

static void
draw_point (Draw                  *d,
            const ChronoSceneItem *item)
{
  cairo_t *cr = d->cr;
  ChronoColor color = item->color;
  const ChronoRect *r = &item->bar;
  double radius = chrono_style_px (d->style, d->style->point_radius);
  double cx, cy;

  if (item->flags & CHRONO_ITEM_HOVERED)
    color = chrono_color_mix (color, d->style->dark ? chrono_color_from_rgb (0xffffff, 1)
                                                    : chrono_color_from_rgb (0x000000, 1), 0.12);

  cx = r->x + r->width / 2;
  cy = r->y + r->height / 2;

  if (item->flags & CHRONO_ITEM_PERIOD)
    {
      /* A partial date zoomed past its precision: its period, faintly,
       * with the marker in it (the bar is the marker). */
      double p0 = MAX (item->period_start, -chrono_style_px (d->style, 40));
      double p1 = MIN (item->period_end, d->width + chrono_style_px (d->style, 40));
      double band_h = chrono_style_px (d->style, d->style->bar_height);

      _chrono_cairo_rounded_rect (cr, p0, cy - band_h / 2, MAX (p1 - p0, 1), band_h,
                                  chrono_style_px (d->style, d->style->bar_radius));
      /* On a dark background a strong tint turns muddy: fainter, with a
       * clearer outline. */
      _chrono_cairo_set_color (cr, chrono_color_with_alpha (color, d->style->dark ? 0.13 : 0.22));
      cairo_fill_preserve (cr);
      _chrono_cairo_set_color (cr, chrono_color_with_alpha (color, d->style->dark ? 0.7 : 0.5));
      cairo_set_line_width (cr, chrono_style_px (d->style, 1));
      cairo_set_dash (cr, (double[]) { chrono_style_px (d->style, 4), chrono_style_px (d->style, 3) }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  cairo_new_sub_path (cr);
  cairo_arc (cr, cx, cy, radius, 0, 2 * G_PI);
  _chrono_cairo_set_color (cr, d->style->background);
  cairo_set_line_width (cr, chrono_style_px (d->style, 2.5));
  cairo_stroke_preserve (cr);
  _chrono_cairo_set_color (cr, (item->flags & CHRONO_ITEM_FADE_START) ? chrono_color_with_alpha (color, 0.55) : color);
  cairo_fill (cr);

  if (item->flags & CHRONO_ITEM_SELECTED)
    {
      ChronoRect ring = { cx - radius, cy - radius, 2 * radius, 2 * radius };

      draw_selection_ring (d, &ring, radius, TRUE);
    }

  if (item->label != NULL)
    {
      ChronoColor text = (item->flags & CHRONO_ITEM_LABEL_OUTSIDE) ? d->style->foreground : text_on (d, chrono_color_mix (d->style->background, color, 0.22));

      draw_text (d, item->label, &item->label_rect, d->label_font, text, 0);
    }
}

static void
draw_series (Draw                  *d,
             const ChronoSceneItem *item)
{
  cairo_t *cr = d->cr;
  const double *xy = item->values;
  double bottom = item->rect.y + item->rect.height;
  double dot = chrono_style_px (d->style, 3);

  if (item->count == 0)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, 0, d->axis_height, d->width, d->height - d->axis_height);
  cairo_clip (cr);

  cairo_move_to (cr, xy[0], xy[1]);
  for (guint i = 1; i < item->count; i++)
    {
      if (item->flags & CHRONO_ITEM_STEP)
        cairo_line_to (cr, xy[2 * i], xy[2 * i - 1]);
      cairo_line_to (cr, xy[2 * i], xy[2 * i + 1]);
    }

  /* The area under the line, then the line. */
  {
    cairo_path_t *path = cairo_copy_path (cr);

    cairo_line_to (cr, xy[2 * (item->count - 1)], bottom);
    cairo_line_to (cr, xy[0], bottom);
    cairo_close_path (cr);
    _chrono_cairo_set_color (cr, chrono_color_with_alpha (item->color, 0.14));
    cairo_fill (cr);

    cairo_append_path (cr, path);
    cairo_path_destroy (path);
  }
  _chrono_cairo_set_color (cr, item->color);
  cairo_set_line_width (cr, chrono_style_px (d->style, 2));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);

  /* A dot a point, unless the series is thinned to a few points a
   * pixel column: dots there would be one smear. */
  if (item->flags & CHRONO_ITEM_DENSE)
    {
      cairo_restore (cr);
      return;
    }

  for (guint i = 0; i < item->count; i++)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, xy[2 * i], xy[2 * i + 1], dot, 0, 2 * G_PI);
    }
  _chrono_cairo_set_color (cr, d->style->background);
  cairo_set_line_width (cr, chrono_style_px (d->style, 1.5));
  cairo_stroke_preserve (cr);
  _chrono_cairo_set_color (cr, item->color);
  cairo_fill (cr);

  cairo_restore (cr);
}

static void
draw_label (Draw                  *d,
            const ChronoSceneItem *item)
{
  ChronoColor color = chrono_style_get_label_color (d->style, item->color);

  draw_text (d, item->label, &item->label_rect, item->rect.height > 0 && item->index >= 0 ? d->small_bold_font : d->small_font,
             color, 0);
}

static void
draw_relation (Draw                  *d,
               const ChronoSceneItem *item)
{
  cairo_t *cr = d->cr;
  const double *p = item->values;
  double sx = p[0], sy = p[1], tx = p[2], ty = p[3];
  double dy = ty - sy;
  double c2x = tx, c2y = ty - dy / 2;
  double angle, head = chrono_style_px (d->style, 7);
  gboolean strong = (item->flags & CHRONO_ITEM_SELECTED) != 0;
  ChronoColor color = strong ? d->style->selection : chrono_color_with_alpha (item->color, 0.55);

  /* An S-curve: leaves and arrives vertically, so that arrows between
   * lanes read as links rather than as more bars. */
  cairo_move_to (cr, sx, sy);
  cairo_curve_to (cr, sx, sy + dy / 2, c2x, c2y, tx, ty);
  _chrono_cairo_set_color (cr, color);
  cairo_set_line_width (cr, chrono_style_px (d->style, strong ? 2 : 1.2));
  cairo_stroke (cr);

  angle = atan2 (ty - c2y, tx - c2x);
  cairo_move_to (cr, tx, ty);
  cairo_line_to (cr, tx - head * cos (angle - 0.45), ty - head * sin (angle - 0.45));
  cairo_line_to (cr, tx - head * cos (angle + 0.45), ty - head * sin (angle + 0.45));
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* A relation's label, on a pill over its line. */
static void
draw_relation_label (Draw                  *d,
                     const ChronoSceneItem *item)
{
  cairo_t *cr = d->cr;
  gboolean strong = (item->flags & CHRONO_ITEM_SELECTED) != 0;
  ChronoColor color = strong ? d->style->selection : chrono_color_with_alpha (item->color, 0.55);

  if (item->label != NULL)
    {
      const ChronoRect *r = &item->label_rect;
      double pad = chrono_style_px (d->style, 4);

      _chrono_cairo_rounded_rect (cr, r->x - pad, r->y, r->width + 2 * pad, r->height, r->height / 2);
      _chrono_cairo_set_color (cr, chrono_color_with_alpha (d->style->background, 0.92));
      cairo_fill_preserve (cr);
      _chrono_cairo_set_color (cr, chrono_color_with_alpha (color, 0.5));
      cairo_set_line_width (cr, chrono_style_px (d->style, 1));
      cairo_stroke (cr);
      draw_text (d, item->label, r, d->small_font, strong ? d->style->foreground : d->style->dim_foreground, 0);
    }
}

static void
draw_today (Draw                  *d,
            const ChronoSceneItem *item)
{
  cairo_t *cr = d->cr;
  double x = round (item->rect.x) + 0.5;
  double s = chrono_style_px (d->style, 5);

  _chrono_cairo_set_color (cr, chrono_color_with_alpha (item->color, 0.8));
  cairo_set_line_width (cr, chrono_style_px (d->style, 1.5));
  cairo_move_to (cr, x, d->axis_height);
  cairo_line_to (cr, x, d->height);
  cairo_stroke (cr);

  _chrono_cairo_set_color (cr, item->color);
  cairo_move_to (cr, x - s, d->axis_height - s);
  cairo_line_to (cr, x + s, d->axis_height - s);
  cairo_line_to (cr, x, d->axis_height + 1);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
draw_lane_header (Draw                  *d,
                  const ChronoSceneItem *item)
{
  cairo_t *cr = d->cr;
  const ChronoRect *r = &item->rect;
  double dot = chrono_style_px (d->style, 4.5);

  _chrono_cairo_rounded_rect (cr, r->x, r->y, r->width, r->height, r->height / 2);
  _chrono_cairo_set_color (cr, d->style->header_background);
  cairo_fill_preserve (cr);
  _chrono_cairo_set_color (cr, d->style->lane_separator);
  cairo_set_line_width (cr, chrono_style_px (d->style, 1));
  cairo_stroke (cr);

  cairo_new_sub_path (cr);
  cairo_arc (cr, r->x + chrono_style_px (d->style, d->style->label_padding) + dot,
             r->y + r->height / 2, dot, 0, 2 * G_PI);
  _chrono_cairo_set_color (cr, item->color);
  cairo_fill (cr);

  draw_text (d, item->label, &item->label_rect, d->header_font, d->style->foreground, 0);
}

typedef void (*DrawItemFunc) (Draw                  *d,
                              const ChronoSceneItem *item);

/* Clips to the items of @kind's area but for the boxes of text in it, so
 * that the lines drawn next (today, relations) stop short of every label
 * instead of running through it, as a map's roads stop at place names.
 * The clip covers only where the lines are: a mask of the whole canvas
 * would cost a millisecond a frame.  Returns FALSE, clipping nothing,
 * when there is no item of @kind; else undo with cairo_restore(). */
static gboolean
push_knockout (Draw                  *d,
               const ChronoSceneItem *items,
               guint                  n_items,
               ChronoItemKind         kind)
{
  cairo_t *cr = d->cr;
  double m = chrono_style_px (d->style, CHRONO_KNOCKOUT_MARGIN);
  /* Arrow heads and line widths reach past the items' boxes. */
  double reach = chrono_style_px (d->style, 10);
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (guint i = 0; i < n_items; i++)
    if (items[i].kind == kind)
      {
        x0 = MIN (x0, items[i].rect.x - reach);
        y0 = MIN (y0, items[i].rect.y - reach);
        x1 = MAX (x1, items[i].rect.x + items[i].rect.width + reach);
        y1 = MAX (y1, items[i].rect.y + items[i].rect.height + reach);
      }
  if (x0 > x1)
    return FALSE;
  x0 = floor (MAX (x0, 0));
  y0 = floor (MAX (y0, 0));
  x1 = ceil (MIN (x1, d->width));
  y1 = ceil (MIN (y1, d->height));

  cairo_save (cr);
  cairo_rectangle (cr, x0, y0, MAX (x1 - x0, 0), MAX (y1 - y0, 0));
  for (guint i = 0; i < n_items; i++)
    {
      ChronoRect box;

      if (_chrono_scene_item_text_box (&items[i], &box) &&
          box.x - m < x1 && box.x + box.width + m > x0 && box.y - m < y1 && box.y + box.height + m > y0)
        cairo_rectangle (cr, box.x - m, box.y - m, box.width + 2 * m, box.height + 2 * m);
    }
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_clip (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);

  return TRUE;
}

/* Draws the items of @kind in scene order, as one layer. */
static void
draw_each (Draw                  *d,
           const ChronoSceneItem *items,
           guint                  n_items,
           ChronoItemKind         kind,
           DrawItemFunc           draw)
{
  for (guint i = 0; i < n_items; i++)
    if (items[i].kind == kind)
      draw (d, &items[i]);
}

void
chrono_renderer_draw (cairo_t           *cr,
                      ChronoScene       *scene,
                      const ChronoStyle *style)
{
  const ChronoSceneItem *items;
  guint n_items;
  Draw d = { 0 };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (scene != NULL);
  g_return_if_fail (style != NULL);

  cairo_save (cr);

  d.cr = cr;
  d.style = style;
  d.scene = scene;
  chrono_scene_get_size (scene, &d.width, &d.height);
  d.axis_height = chrono_scene_get_axis_height (scene);
  d.lanes_top = chrono_scene_get_lanes_top (scene);
  d.layout = _chrono_cairo_create_layout (cr);
  pango_layout_context_changed (d.layout);
  pango_layout_set_ellipsize (d.layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (d.layout, TRUE);
  d.label_font = chrono_style_create_font (style, style->font_size, FALSE);
  d.small_font = chrono_style_create_font (style, style->small_font_size, FALSE);
  d.small_bold_font = chrono_style_create_font (style, style->small_font_size, TRUE);
  d.header_font = chrono_style_create_font (style, style->header_font_size, TRUE);

  cairo_rectangle (cr, 0, 0, d.width, d.height);
  cairo_clip (cr);
  _chrono_cairo_set_color (cr, style->background);
  cairo_paint (cr);

  items = chrono_scene_get_items (scene, &n_items);

  /* Passes by kind, so that each layer is under the next whatever the
   * order items were made in. */
  /* Lanes scroll under the axis and the eras' titles: clip them. */
  cairo_save (cr);
  cairo_rectangle (cr, 0, d.lanes_top, d.width, d.height - d.lanes_top);
  cairo_clip (cr);

  draw_each (&d, items, n_items, CHRONO_ITEM_LANE, draw_lane);

  cairo_restore (cr);

  draw_each (&d, items, n_items, CHRONO_ITEM_ERA, draw_era);

  draw_grid (&d);

  cairo_save (cr);
  cairo_rectangle (cr, 0, d.lanes_top, d.width, d.height - d.lanes_top);
  cairo_clip (cr);

  for (guint i = 0; i < n_items; i++)
    {
      switch (items[i].kind)
        {
        case CHRONO_ITEM_DENSITY:
          draw_density (&d, &items[i]);
          break;
        case CHRONO_ITEM_SERIES:
          draw_series (&d, &items[i]);
          break;
        default:
          break;
        }
    }

  if (push_knockout (&d, items, n_items, CHRONO_ITEM_RELATION))
    {
      draw_each (&d, items, n_items, CHRONO_ITEM_RELATION, draw_relation);
      cairo_restore (cr);
    }
  draw_each (&d, items, n_items, CHRONO_ITEM_RELATION, draw_relation_label);

  draw_clusters (&d, items, n_items);

  for (guint i = 0; i < n_items; i++)
    {
      switch (items[i].kind)
        {
        case CHRONO_ITEM_SPAN:
          draw_span (&d, &items[i]);
          break;
        case CHRONO_ITEM_POINT:
          draw_point (&d, &items[i]);
          break;
        case CHRONO_ITEM_LABEL:
          draw_label (&d, &items[i]);
          break;
        default:
          break;
        }
    }

  draw_each (&d, items, n_items, CHRONO_ITEM_LANE_HEADER, draw_lane_header);

  cairo_restore (cr);

  draw_axis (&d);

  if (push_knockout (&d, items, n_items, CHRONO_ITEM_TODAY))
    {
      draw_each (&d, items, n_items, CHRONO_ITEM_TODAY, draw_today);
      cairo_restore (cr);
    }

  pango_font_description_free (d.label_font);
  pango_font_description_free (d.small_font);
  pango_font_description_free (d.small_bold_font);
  pango_font_description_free (d.header_font);
  g_object_unref (d.layout);

  cairo_restore (cr);
}
