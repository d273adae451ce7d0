/* chrono-scene-dump.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-scene"

#include "config.h"

#include <math.h>
#include <string.h>

#include "chrono-scene-dump.h"
#include "chrono-scene-private.h"
#include "chrono-style-private.h"

/* The font sizes the renderer uses for each kind of label, in points. */
typedef enum
{
  FONT_LABEL,
  FONT_SMALL,
  FONT_SMALL_BOLD,
  FONT_HEADER,
} Font;

typedef struct
{
  GString           *out;
  ChronoDocument    *document;
  const ChronoStyle *style;
  PangoLayout       *layouts[4];
  GArray            *holes;    /* of ChronoRect: where lines are knocked out */
} Dump;

static gboolean
in_hole (Dump   *d,
         double  x,
         double  y)
{
  for (guint i = 0; i < d->holes->len; i++)
    {
      const ChronoRect *r = &g_array_index (d->holes, ChronoRect, i);

      if (x >= r->x && x <= r->x + r->width && y >= r->y && y <= r->y + r->height)
        return TRUE;
    }

  return FALSE;
}



static double
font_points (const ChronoStyle *style,
             Font               font)
{
  switch (font)
    {
    case FONT_LABEL:
      return style->font_size;
    case FONT_SMALL:
    case FONT_SMALL_BOLD:
      return style->small_font_size;
    case FONT_HEADER:
    default:
      return style->header_font_size;
    }
}

static double
text_width (PangoLayout *layout,
            const char  *text,
            int          length)
{
  PangoRectangle logical;

  pango_layout_set_text (layout, text, length);
  pango_layout_get_pixel_extents (layout, NULL, &logical);

  return logical.width;
}

/* The text the renderer shows of @text in @width pixels: all of it, or
 * the longest start that fits with an ellipsis (as draw_text() lets
 * pango ellipsize to @width + 1). */
static char *
visible_text (PangoLayout *layout,
              const char  *text,
              double       width,
              double      *drawn_width)
{
  double full = text_width (layout, text, -1);
  glong n_chars;
  glong lo = 0, hi;

  if (full <= width + 1)
    {
      *drawn_width = full;
      return g_strdup (text);
    }

  n_chars = g_utf8_strlen (text, -1);
  hi = n_chars;
  while (lo < hi)
    {
      glong mid = (lo + hi + 1) / 2;
      const char *end = g_utf8_offset_to_pointer (text, mid);
      g_autoptr(GString) s = g_string_new_len (text, end - text);

      g_string_append (s, "…");
      if (text_width (layout, s->str, -1) <= width + 1)
        lo = mid;
      else
        hi = mid - 1;
    }

  {
    const char *end = g_utf8_offset_to_pointer (text, lo);
    GString *s = g_string_new_len (text, end - text);

    g_string_append (s, "…");
    *drawn_width = text_width (layout, s->str, -1);
    return g_string_free (s, FALSE);
  }
}

static void
append_box (GString          *out,
            const ChronoRect *r)
{
  g_string_append_printf (out, "\"x\":%.1f,\"y\":%.1f,\"w\":%.1f,\"h\":%.1f", r->x, r->y, r->width, r->height);
}

static void
append_string (GString    *out,
               const char *key,
               const char *value)
{
  g_string_append_printf (out, ",\"%s\":\"", key);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static const char *
kind_name (ChronoItemKind kind)
{
  switch (kind)
    {
    case CHRONO_ITEM_LANE: return "lane";
    case CHRONO_ITEM_ERA: return "era";
    case CHRONO_ITEM_SPAN: return "span";
    case CHRONO_ITEM_POINT: return "point";
    case CHRONO_ITEM_CLUSTER: return "cluster";
    case CHRONO_ITEM_DENSITY: return "density";
    case CHRONO_ITEM_SERIES: return "series";
    case CHRONO_ITEM_RELATION: return "relation";
    case CHRONO_ITEM_TODAY: return "today";
    case CHRONO_ITEM_LANE_HEADER: return "header";
    case CHRONO_ITEM_LABEL: return "series-label";
    default: return "item";
    }
}

/* A label line: the box of the text as drawn (its width is the drawn
 * text's, aligned as the renderer aligns it), in @rect's height. */
static void
dump_label (Dump                  *d,
            const ChronoSceneItem *item,
            const char            *text,
            const ChronoRect      *rect,
            Font                   font,
            double                 align)
{
  g_autofree char *shown = NULL;
  double drawn = 0;
  ChronoRect box = *rect;

  /* The renderer draws nothing in a box a pixel wide or less. */
  if (text == NULL || rect->width <= 1)
    return;

  shown = visible_text (d->layouts[font], text, rect->width, &drawn);
  box.width = MIN (drawn, rect->width + 1);
  box.x = rect->x + (rect->width - box.width) * align;

  g_string_append_printf (d->out, "{\"type\":\"label\",\"of\":\"%s\",\"event\":%d,\"lane\":%d,",
                          kind_name (item->kind), item->event, item->lane);
  append_box (d->out, &box);
  g_string_append_printf (d->out, ",\"px\":%.2f,\"truncated\":%s", chrono_style_text_px (d->style, font_points (d->style, font)),
                          strcmp (shown, text) != 0 ? "true" : "false");
  append_string (d->out, "text", shown);
  append_string (d->out, "full", text);
  g_string_append (d->out, "}\n");
}

static void
dump_shape (Dump                  *d,
            const char            *type,
            const ChronoSceneItem *item,
            const ChronoRect      *box)
{
  g_string_append_printf (d->out, "{\"type\":\"%s\",\"of\":\"%s\",\"event\":%d,\"lane\":%d,",
                          type, kind_name (item->kind), item->event, item->lane);
  append_box (d->out, box);
  g_string_append (d->out, "}\n");
}

static void
dump_item (Dump                  *d,
           const ChronoSceneItem *item)
{
  const ChronoStyle *style = d->style;
  double radius = chrono_style_px (style, style->point_radius);
  /* The marker's white outline is part of what covers text. */
  double outline = chrono_style_px (style, 2.5) / 2;

  switch (item->kind)
    {
    case CHRONO_ITEM_LANE:
      {
        const ChronoLane *lane = chrono_document_get_lane (d->document, item->lane);

        g_string_append_printf (d->out, "{\"type\":\"lane\",\"lane\":%d,", item->lane);
        append_box (d->out, &item->rect);
        append_string (d->out, "id", lane->id);
        g_string_append (d->out, "}\n");
      }
      break;

    case CHRONO_ITEM_LANE_HEADER:
      g_string_append_printf (d->out, "{\"type\":\"header\",\"lane\":%d,\"in_view\":%u,", item->lane, item->count);
      append_box (d->out, &item->rect);
      g_string_append (d->out, "}\n");
      dump_label (d, item, item->label, &item->label_rect, FONT_HEADER, 0);
      break;

    case CHRONO_ITEM_ERA:
      dump_label (d, item, item->label, &item->label_rect, FONT_SMALL_BOLD, 0);
      break;

    case CHRONO_ITEM_POINT:
      {
        double cx = item->bar.x + item->bar.width / 2;
        double cy = item->bar.y + item->bar.height / 2;
        ChronoRect marker = { cx - radius - outline, cy - radius - outline,
                              2 * (radius + outline), 2 * (radius + outline) };

        if (item->flags & CHRONO_ITEM_PERIOD)
          {
            double band_h = chrono_style_px (style, style->bar_height);
            ChronoRect band = { item->period_start, cy - band_h / 2,
                                item->period_end - item->period_start, band_h };

            dump_shape (d, "band", item, &band);
          }
        dump_shape (d, "marker", item, &marker);
        dump_label (d, item, item->label, &item->label_rect, FONT_LABEL, 0);
      }
      break;

    case CHRONO_ITEM_SPAN:
      dump_shape (d, "bar", item, &item->bar);
      dump_label (d, item, item->label, &item->label_rect, FONT_LABEL, 0);
      break;

    case CHRONO_ITEM_CLUSTER:
      g_string_append_printf (d->out, "{\"type\":\"cluster\",\"lane\":%d,\"count\":%u,"
                              "\"start\":%" G_GINT64_FORMAT ",\"end\":%" G_GINT64_FORMAT ",",
                              item->lane, item->count, item->start_time, item->end_time);
      append_box (d->out, &item->bar);
      g_string_append (d->out, "}\n");
      dump_label (d, item, item->label, &item->label_rect, FONT_SMALL_BOLD, 0.5);
      break;

    case CHRONO_ITEM_DENSITY:
    case CHRONO_ITEM_SERIES:
      dump_shape (d, kind_name (item->kind), item, &item->bar);
      break;

    case CHRONO_ITEM_LABEL:
      dump_label (d, item, item->label, &item->label_rect,
                  item->rect.height > 0 && item->index >= 0 ? FONT_SMALL_BOLD : FONT_SMALL, 0);
      break;

    case CHRONO_ITEM_TODAY:
      {
        /* The line, in the pieces left between knocked-out text. */
        double x0 = round (item->rect.x) + 0.5 - chrono_style_px (style, 0.75);
        double x1 = x0 + chrono_style_px (style, 1.5);
        double y = item->rect.y;
        double bottom = item->rect.y + item->rect.height;
        g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (double));

        for (guint i = 0; i < d->holes->len; i++)
          {
            const ChronoRect *r = &g_array_index (d->holes, ChronoRect, i);

            if (r->x < x1 && x0 < r->x + r->width)
              {
                g_array_append_val (cuts, r->y);
                g_array_append_vals (cuts, (double[]) { r->y + r->height }, 1);
              }
          }
        /* Pairs sorted by their start. */
        for (guint i = 0; i + 1 < cuts->len; i += 2)
          for (guint j = i + 2; j + 1 < cuts->len; j += 2)
            if (g_array_index (cuts, double, j) < g_array_index (cuts, double, i))
              {
                double a = g_array_index (cuts, double, i), b = g_array_index (cuts, double, i + 1);

                g_array_index (cuts, double, i) = g_array_index (cuts, double, j);
                g_array_index (cuts, double, i + 1) = g_array_index (cuts, double, j + 1);
                g_array_index (cuts, double, j) = a;
                g_array_index (cuts, double, j + 1) = b;
              }
        for (guint i = 0; i <= cuts->len; i += 2)
          {
            double end = i < cuts->len ? g_array_index (cuts, double, i) : bottom;
            ChronoRect piece = { x0, y, x1 - x0, MIN (end, bottom) - y };

            if (piece.height > 0)
              {
                g_string_append (d->out, "{\"type\":\"line\",\"of\":\"today\",");
                append_box (d->out, &piece);
                g_string_append (d->out, "}\n");
              }
            if (i < cuts->len)
              y = MAX (y, g_array_index (cuts, double, i + 1));
          }
      }
      break;

    case CHRONO_ITEM_RELATION:
      {
        /* The renderer's S-curve, sampled. */
        const double *p = item->values;
        double sx = p[0], sy = p[1], tx = p[2], ty = p[3];
        double dy = ty - sy;

        g_string_append_printf (d->out, "{\"type\":\"line\",\"of\":\"relation\",\"event\":%d,\"target\":%d,",
                                item->event, item->target);
        append_box (d->out, &item->rect);
        g_string_append (d->out, ",\"points\":[");
        /* Samples where the line is knocked out around text are null. */
        for (int k = 0; k <= 64; k++)
          {
            double t = k / 64.0, u = 1 - t;
            double x = u * u * u * sx + 3 * u * u * t * sx + 3 * u * t * t * tx + t * t * t * tx;
            double y = u * u * u * sy + 3 * u * u * t * (sy + dy / 2) + 3 * u * t * t * (ty - dy / 2) + t * t * t * ty;

            if (in_hole (d, x, y))
              g_string_append_printf (d->out, "%snull,null", k > 0 ? "," : "");
            else
              g_string_append_printf (d->out, "%s%.1f,%.1f", k > 0 ? "," : "", x, y);
          }
        g_string_append (d->out, "]}\n");
        dump_label (d, item, item->label, &item->label_rect, FONT_SMALL, 0);
      }
      break;

    default:
      break;
    }
}

char *
chrono_scene_dump (ChronoScene       *scene,
                   ChronoDocument    *document,
                   const ChronoStyle *style,
                   double             output_scale,
                   PangoContext      *context)
{
  g_autoptr(GObject) own_context = NULL;
  const ChronoSceneItem *items;
  guint n_items;
  double width, height;
  Dump d = { 0 };

  g_return_val_if_fail (scene != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);

  if (context == NULL)
    {
      context = chrono_style_create_pango_context ();
      own_context = G_OBJECT (context);
    }

  d.out = g_string_new (NULL);
  d.document = document;
  d.style = style;
  for (Font f = FONT_LABEL; f <= FONT_HEADER; f++)
    {
      d.layouts[f] = pango_layout_new (context);
      _chrono_style_set_layout_font (d.layouts[f], style, font_points (style, f), f == FONT_SMALL_BOLD || f == FONT_HEADER);
    }

  chrono_scene_get_size (scene, &width, &height);
  g_string_append_printf (d.out, "{\"type\":\"scene\",\"width\":%.1f,\"height\":%.1f,\"scale\":%g,"
                          "\"lanes_top\":%.1f,\"content_height\":%.1f,\"min_px\":%.2f}\n",
                          width, height, style->scale, chrono_scene_get_lanes_top (scene),
                          chrono_scene_get_content_height (scene), CHRONO_MIN_TEXT_PX * output_scale);

  items = chrono_scene_get_items (scene, &n_items);
  d.holes = g_array_new (FALSE, FALSE, sizeof (ChronoRect));
  for (guint i = 0; i < n_items; i++)
    {
      double m = chrono_style_px (style, CHRONO_KNOCKOUT_MARGIN);
      ChronoRect box;

      if (_chrono_scene_item_text_box (&items[i], &box))
        {
          box.x -= m;
          box.y -= m;
          box.width += 2 * m;
          box.height += 2 * m;
          g_array_append_val (d.holes, box);
        }
    }

  for (guint i = 0; i < n_items; i++)
    if (document != NULL)
      dump_item (&d, &items[i]);
  g_array_unref (d.holes);

  for (Font f = FONT_LABEL; f <= FONT_HEADER; f++)
    g_object_unref (d.layouts[f]);

  return g_string_free (d.out, FALSE);
}
