/* chrono-export-svg-text.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-export"

#include "config.h"

#include <string.h>

#include "chrono-export-private.h"

/* SVG text layer.  cairo's SVG surface draws glyphs as shapes, so the
 * text of an SVG export could not be selected or searched.  While
 * drawing an SVG export, the text drawn is also recorded with its box and
 * added to the file as invisible <text> elements over the glyphs: the
 * picture is cairo's, the words are real text. */

static void
text_run_clear (gpointer data)
{
  ChronoExportTextRun *run = data;

  g_free (run->text);
}

GArray *
_chrono_export_text_new (void)
{
  GArray *texts = g_array_new (FALSE, FALSE, sizeof (ChronoExportTextRun));

  g_array_set_clear_func (texts, text_run_clear);
  return texts;
}

void
_chrono_export_text_record (GArray     *texts,
             const char *text,
             double      x,
             double      y,
             double      width,
             double      height,
             double      size_points,
             double      scale,
             gboolean    bold)
{
  ChronoExportTextRun run;

  if (texts == NULL || text == NULL || text[0] == '\0' || width <= 0 || height <= 0)
    return;

  run.text = g_strdup (text);
  run.x = x;
  run.y = y;
  run.width = width;
  run.height = height;
  run.size = size_points * 96.0 / 72.0 * scale;
  run.bold = bold;
  g_array_append_val (texts, run);
}

/* The labels of @scene, drawn at (0, @top) with @style. */
void
_chrono_export_text_record_scene (GArray            *texts,
                   ChronoScene       *scene,
                   const ChronoStyle *style,
                   double             top)
{
  const ChronoSceneItem *items;
  const ChronoTicks *ticks;
  guint n_items;
  double axis = chrono_scene_get_axis_height (scene);
  double width, height;

  if (texts == NULL)
    return;

  chrono_scene_get_size (scene, &width, &height);
  items = chrono_scene_get_items (scene, &n_items);
  for (guint i = 0; i < n_items; i++)
    {
      const ChronoSceneItem *item = &items[i];
      const ChronoRect *r = &item->label_rect;
      double size = style->font_size;
      gboolean bold = FALSE;

      if (item->label == NULL || r->y + r->height <= 0 || r->y >= height ||
          r->x + r->width <= 0 || r->x >= width)
        continue;

      switch (item->kind)
        {
        case CHRONO_ITEM_LANE_HEADER:
          size = style->header_font_size;
          bold = TRUE;
          break;
        case CHRONO_ITEM_ERA:
        case CHRONO_ITEM_LABEL:
        case CHRONO_ITEM_RELATION:
        case CHRONO_ITEM_CLUSTER:
          size = style->small_font_size;
          break;
        default:
          break;
        }

      _chrono_export_text_record (texts, item->label, r->x, r->y + top, r->width, r->height,
                   size, style->scale, bold);
    }

  ticks = chrono_scene_get_ticks (scene);
  if (ticks == NULL)
    return;

  for (guint i = 0; i < ticks->minor->len; i++)
    {
      const ChronoTick *tick = &g_array_index (ticks->minor, ChronoTick, i);
      gboolean two_rows = ticks->major->len > 0;

      _chrono_export_text_record (texts, tick->label, tick->label_x,
                   top + (two_rows ? axis / 2 - chrono_style_px (style, 3) : axis / 4),
                   tick->label_width, axis / 2, style->small_font_size, style->scale, FALSE);
    }
  for (guint i = 0; i < ticks->major->len; i++)
    {
      const ChronoTick *tick = &g_array_index (ticks->major, ChronoTick, i);

      _chrono_export_text_record (texts, tick->label, tick->label_x, top + chrono_style_px (style, 4),
                   tick->label_width, axis / 2 - chrono_style_px (style, 4),
                   style->header_font_size, style->scale, TRUE);
    }
}

/* Inserts @texts as invisible text before the end of @svg. */
void
_chrono_export_text_add_layer (GByteArray        *svg,
                               GArray            *texts,
                               const ChronoStyle *style)
{
  g_autoptr(GString) layer = g_string_new (NULL);
  const char *end_tag = "</svg>";
  gsize len = strlen (end_tag);
  gsize at = 0;
  gboolean found = FALSE;
  g_autofree char *family = g_markup_escape_text (style->font_family, -1);

  for (gsize i = svg->len >= len ? svg->len - len + 1 : 0; i-- > 0;)
    {
      if (memcmp (svg->data + i, end_tag, len) == 0)
        {
          at = i;
          found = TRUE;
          break;
        }
    }
  if (!found || texts->len == 0)
    return;

  g_string_append_printf (layer, "<g id=\"text\" style=\"fill:#000000;fill-opacity:0;stroke:none\" font-family=\"%s\">\n",
                          family);
  for (guint i = 0; i < texts->len; i++)
    {
      const ChronoExportTextRun *run = &g_array_index (texts, ChronoExportTextRun, i);
      g_autofree char *text = g_markup_escape_text (run->text, -1);
      char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];
      char size[G_ASCII_DTOSTR_BUF_SIZE], width[G_ASCII_DTOSTR_BUF_SIZE];

      /* The baseline sits about four fifths down a line of text. */
      g_ascii_formatd (x, sizeof x, "%.2f", run->x);
      g_ascii_formatd (y, sizeof y, "%.2f", run->y + (run->height + run->size) / 2 - run->size * 0.2);
      g_ascii_formatd (size, sizeof size, "%.2f", run->size);
      g_ascii_formatd (width, sizeof width, "%.2f", run->width);
      g_string_append_printf (layer,
                              "<text x=\"%s\" y=\"%s\" font-size=\"%s\"%s textLength=\"%s\" lengthAdjust=\"spacingAndGlyphs\">%s</text>\n",
                              x, y, size, run->bold ? " font-weight=\"bold\"" : "", width, text);
    }
  g_string_append (layer, "</g>\n");

  {
    g_autoptr(GByteArray) tail = g_byte_array_new ();

    g_byte_array_append (tail, svg->data + at, svg->len - at);
    g_byte_array_set_size (svg, at);
    g_byte_array_append (svg, (const guint8 *) layer->str, layer->len);
    g_byte_array_append (svg, tail->data, tail->len);
  }
}
