/* chrono-export-page.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-export"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "chrono-export-private.h"
#include "chrono-layout.h"
#include "chrono-renderer.h"
#include "chrono-viewport.h"

/* Device-independent sizes of the parts around the timeline. */
#define PAGE_PADDING    24.0
#define TITLE_SIZE      18.0
#define LEGEND_SIZE      9.5
#define LEGEND_SWATCH   10.0
#define LEGEND_GAP      16.0
#define CAPTION_SIZE     9.0

/* The times the shown events cover, without margins: the filtered
 * events', else the document's bounds, else a year either side of today. */
static void
get_extent (ChronoDocument *document,
            ChronoFilter   *filter,
            gint64         *start,
            gint64         *end)
{
  gint64 from = G_MAXINT64;
  gint64 to = G_MININT64;

  if (document != NULL)
    {
      if (filter != NULL && !chrono_filter_is_empty (filter))
        {
          guint n_visible = 0;
          const guint8 *mask = chrono_filter_get_mask (filter, document, &n_visible);
          guint n_events = chrono_document_get_n_events (document);

          for (guint i = 0; i < n_events; i++)
            {
              const ChronoEvent *event;

              if (!mask[i])
                continue;
              event = chrono_document_get_event (document, i);
              from = MIN (from, event->start.time);
              to = MAX (to, event->end_time);
            }
        }

      if (from > to && !chrono_document_get_bounds (document, &from, &to))
        from = G_MAXINT64;
    }

  if (from > to)
    {
      gint64 now = chrono_now ();

      from = now - CHRONO_SECONDS_PER_YEAR;
      to = now + CHRONO_SECONDS_PER_YEAR;
    }

  if (to - from < 60)
    to = from + 60;

  *start = from;
  *end = to;
}

void
chrono_export_get_span (ChronoDocument            *document,
                        const ChronoExportOptions *options,
                        double                    *start,
                        double                    *end)
{
  gint64 from, to;
  double margin;

  g_return_if_fail (options != NULL);
  g_return_if_fail (start != NULL && end != NULL);

  if (options->has_range)
    {
      *start = options->start;
      *end = options->end;
      return;
    }

  get_extent (document, options->filter, &from, &to);
  margin = (double) (to - from) * 0.03;
  *start = (double) from - margin;
  /* Labels go right of their markers: more room on the right. */
  *end = (double) to + chrono_viewport_fit_right_margin (margin);
}



/* The caption's dates: the range asked for, or what the events cover. */
char *
_chrono_export_format_caption (ChronoDocument            *document,
                               const ChronoExportOptions *options)
{
  gint64 from, to;

  if (options->has_range)
    return chrono_format_time_span (options->start, options->end);

  get_extent (document, options->filter, &from, &to);
  return chrono_format_time_span ((double) from, (double) to);
}

static void
set_color (cairo_t     *cr,
           ChronoColor  color)
{
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha);
}

static PangoLayout *
create_layout (cairo_t           *cr,
               const ChronoStyle *style,
               double             size,
               gboolean           bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = chrono_style_create_font (style, size, bold);
  cairo_font_options_t *font_options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), font_options);
  cairo_font_options_destroy (font_options);
  pango_context_set_round_glyph_positions (pango_layout_get_context (layout), FALSE);
  pango_layout_context_changed (layout);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  return layout;
}

typedef struct
{
  const char  *text;
  ChronoColor  color;
  gboolean     heading;
} LegendEntry;

/* Lays the legend out in rows across @width and, with @draw, draws it with
 * its top left at (@x, @y).  Returns its height. */
static double
flow_legend (cairo_t           *cr,
             const ChronoStyle *style,
             GArray            *entries,
             double             x,
             double             y,
             double             width,
             gboolean           draw,
             GArray            *texts)
{
  g_autoptr(PangoLayout) layout = create_layout (cr, style, LEGEND_SIZE, FALSE);
  g_autoptr(PangoLayout) bold = create_layout (cr, style, LEGEND_SIZE, TRUE);
  double swatch = chrono_style_px (style, LEGEND_SWATCH);
  double gap = chrono_style_px (style, LEGEND_GAP);
  double line_height = 0;
  double cx = 0, cy = 0;

  if (entries->len == 0)
    return 0;

  {
    int w, h;

    pango_layout_set_text (layout, "Ag", -1);
    pango_layout_get_pixel_size (layout, &w, &h);
    line_height = MAX (h, swatch) + chrono_style_px (style, 6);
  }

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_width (bold, (int) (width * PANGO_SCALE));

  for (guint i = 0; i < entries->len; i++)
    {
      const LegendEntry *entry = &g_array_index (entries, LegendEntry, i);
      PangoLayout *l = entry->heading ? bold : layout;
      double entry_width;
      int w, h;

      pango_layout_set_text (l, entry->text, -1);
      pango_layout_get_pixel_size (l, &w, &h);
      entry_width = w + (entry->heading ? 0 : swatch + chrono_style_px (style, 6));

      /* A heading starts a new row, as does an entry that does not fit. */
      if (cx > 0 && (entry->heading || cx + entry_width > width))
        {
          cx = 0;
          cy += line_height;
        }

      if (draw)
        {
          double tx = x + cx;
          double mid = y + cy + line_height / 2;

          if (!entry->heading)
            {
              cairo_new_sub_path (cr);
              cairo_arc (cr, tx + swatch / 2, mid, swatch / 2, 0, 2 * G_PI);
              set_color (cr, entry->color);
              cairo_fill (cr);
              tx += swatch + chrono_style_px (style, 6);
            }

          cairo_move_to (cr, tx, mid - h / 2.0);
          set_color (cr, entry->heading ? style->dim_foreground : style->foreground);
          pango_cairo_show_layout (cr, l);
          _chrono_export_text_record (texts, entry->text, tx, mid - h / 2.0, w, h,
                       LEGEND_SIZE, style->scale, entry->heading);
        }

      cx += MIN (entry_width, width) + gap;
    }

  return cy + line_height;
}

/* The filter an export draws with: @filter, and when it hides events,
 * also the lanes left with none of them to show, so that a filtered
 * export has no empty lanes.  A lane that shows a chart is kept while
 * only lanes and categories are filtered. */
static ChronoFilter *
dup_export_filter (ChronoDocument *document,
                   ChronoFilter   *filter)
{
  g_autoptr(ChronoFilter) shown = NULL;
  g_autofree gboolean *has_event = NULL;
  const guint8 *mask;
  guint n_lanes, n_categories, n_events, n_series, n_visible = 0;
  gboolean by_content;
  gint64 from, to;

  if (filter == NULL || document == NULL || chrono_filter_is_empty (filter))
    return filter != NULL ? g_object_ref (filter) : NULL;

  n_lanes = chrono_document_get_n_lanes (document);
  n_categories = chrono_document_get_n_categories (document);
  n_events = chrono_document_get_n_events (document);
  n_series = chrono_document_get_n_series (document);

  shown = chrono_filter_new ();
  for (guint i = 0; i < n_lanes; i++)
    {
      const char *id = chrono_document_get_lane (document, i)->id;

      chrono_filter_set_lane_visible (shown, id, chrono_filter_get_lane_visible (filter, id));
    }
  for (guint i = 0; i < n_categories; i++)
    {
      const char *id = chrono_document_get_category (document, i)->id;

      chrono_filter_set_category_visible (shown, id, chrono_filter_get_category_visible (filter, id));
    }
  chrono_filter_set_tags (shown, chrono_filter_get_tags (filter));
  chrono_filter_set_text (shown, chrono_filter_get_text (filter));
  if (chrono_filter_get_range (filter, &from, &to))
    chrono_filter_set_range (shown, TRUE, from, to);

  by_content = (chrono_filter_get_text (filter) != NULL && chrono_filter_get_text (filter)[0] != '\0') ||
               (chrono_filter_get_tags (filter) != NULL && chrono_filter_get_tags (filter)[0] != NULL) ||
               chrono_filter_get_range (filter, NULL, NULL);

  has_event = g_new0 (gboolean, MAX (n_lanes, 1));
  mask = chrono_filter_get_mask (shown, document, &n_visible);
  for (guint i = 0; i < n_events; i++)
    if (mask[i])
      has_event[chrono_document_get_event (document, i)->lane] = TRUE;
  if (!by_content)
    for (guint i = 0; i < n_series; i++)
      has_event[chrono_document_get_series (document, i)->lane] = TRUE;

  for (guint i = 0; i < n_lanes; i++)
    if (!has_event[i])
      chrono_filter_set_lane_visible (shown, chrono_document_get_lane (document, i)->id, FALSE);

  return g_steal_pointer (&shown);
}

static GArray *
collect_legend (ChronoDocument    *document,
                ChronoFilter      *filter,
                const ChronoStyle *style)
{
  GArray *entries = g_array_new (FALSE, TRUE, sizeof (LegendEntry));
  g_autofree gboolean *category_shown = NULL;
  guint n_lanes, n_categories;
  guint first;

  if (document == NULL)
    return entries;

  /* With a filter, only the categories of the events shown. */
  if (filter != NULL && !chrono_filter_is_empty (filter))
    {
      guint n_events = chrono_document_get_n_events (document);
      const guint8 *mask = chrono_filter_get_mask (filter, document, NULL);

      category_shown = g_new0 (gboolean, chrono_document_get_n_categories (document) + 1);
      for (guint i = 0; i < n_events; i++)
        {
          const ChronoEvent *event = chrono_document_get_event (document, i);

          if (mask[i] && event->category >= 0)
            category_shown[event->category] = TRUE;
        }
    }

  n_lanes = chrono_document_get_n_lanes (document);
  first = entries->len;
  for (guint i = 0; i < n_lanes; i++)
    {
      const ChronoLane *lane = chrono_document_get_lane (document, i);
      LegendEntry entry = { lane->title, chrono_style_get_lane_color (style, document, i), FALSE };

      if (filter != NULL && !chrono_filter_get_lane_visible (filter, lane->id))
        continue;
      if (entries->len == first)
        {
          LegendEntry heading = { _("Lanes"), style->dim_foreground, TRUE };
          g_array_append_val (entries, heading);
        }
      g_array_append_val (entries, entry);
    }

  n_categories = chrono_document_get_n_categories (document);
  first = entries->len;
  for (guint i = 0; i < n_categories; i++)
    {
      const ChronoCategory *category = chrono_document_get_category (document, i);
      LegendEntry entry = { category->title, chrono_style_get_category_color (style, document, i), FALSE };

      if (filter != NULL && !chrono_filter_get_category_visible (filter, category->id))
        continue;
      if (category_shown != NULL && !category_shown[i])
        continue;
      if (entries->len == first)
        {
          LegendEntry heading = { _("Categories"), style->dim_foreground, TRUE };
          g_array_append_val (entries, heading);
        }
      g_array_append_val (entries, entry);
    }

  return entries;
}

/* Lays out and draws the timeline of @document over [@start, @end) in a
 * box of @width × @height at the current origin of @cr. */
static ChronoScene *
layout_timeline (ChronoDocument    *document,
                 ChronoFilter      *filter,
                 const ChronoStyle *style,
                 PangoContext      *context,
                 double             start,
                 double             end,
                 double             width,
                 double             height,
                 double             scroll_y,
                 int                selected,
                 gboolean           relations)
{
  ChronoLayoutParams params;

  chrono_layout_params_init (&params, style, start, end, width, height);
  params.document = document;
  params.filter = filter;
  params.context = context;
  params.scroll_y = scroll_y;
  params.selected = selected;
  params.hovered = -1;
  /* A page cannot scroll: lanes keep fewer rows so that more fit. */
  params.min_lane_rows = 1;
  params.all_relations = relations;

  return chrono_layout_build (&params);
}

/* Where the last lane ends, in the scene's pixels, as if nothing were
 * cut off at the bottom. */
static double
scene_content_bottom (ChronoScene *scene)
{
  const ChronoSceneItem *items = NULL;
  guint n_items = 0;
  double top = G_MAXDOUBLE;

  items = chrono_scene_get_items (scene, &n_items);
  for (guint i = 0; i < n_items; i++)
    if (items[i].kind == CHRONO_ITEM_LANE)
      top = MIN (top, items[i].rect.y);

  if (top == G_MAXDOUBLE)
    return 0;

  return top + chrono_scene_get_content_height (scene);
}

/* Lays out the timeline, and measures the legend and caption, under a
 * title ending at @top. */
static ChronoScene *
layout_page (cairo_t                   *cr,
             ChronoDocument            *document,
             const ChronoExportOptions *options,
             GArray                    *legend,
             const char                *span_text,
             double                     top,
             double                     width,
             double                     height,
             PangoContext              *context,
             ChronoStyle               *style,
             double                    *legend_height,
             double                    *caption_height,
             double                    *bottom)
{
  double padding;
  double start, end;

  if (options->dark)
    chrono_style_init_dark (style, options->scale);
  else
    chrono_style_init_light (style, options->scale);
  padding = options->scale * PAGE_PADDING;
  chrono_export_get_span (document, options, &start, &end);

  *legend_height = *caption_height = 0;
  if (span_text != NULL)
    {
      g_autoptr(PangoLayout) layout = create_layout (cr, style, CAPTION_SIZE, FALSE);
      int w, h;

      pango_layout_set_text (layout, span_text, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      *caption_height = h + padding * 0.5;
    }

  if (legend != NULL)
    {
      *legend_height = flow_legend (cr, style, legend, padding, 0, MAX (1, width - 2 * padding), FALSE, NULL);
      if (*legend_height > 0)
        *legend_height += padding * 0.5;
      /* The timeline keeps at least half the page. */
      *legend_height = MIN (*legend_height, MAX (0, (height - top) / 2 - *caption_height));
    }

  *bottom = height;
  if (*legend_height > 0 || *caption_height > 0)
    *bottom = height - *legend_height - *caption_height - padding * 0.5;
  *bottom = MAX (*bottom, top + 1);

  return layout_timeline (document, options->filter, style, context,
                          start, end, width, *bottom - top, 0, -1, options->show_relations);
}

void
_chrono_export_draw_page (cairo_t                   *cr,
                          ChronoDocument            *document,
                          const ChronoExportOptions *options,
                          double                     width,
                          double                     height,
                          GArray                    *texts,
                          ChronoStyle               *page_style,
                          ChronoExportPageScene     *capture,
                          GCancellable              *cancellable)
{
  PangoContext *context = NULL;
  g_autoptr(GArray) legend = NULL;
  g_autoptr(ChronoScene) scene = NULL;
  g_autofree char *span_text = NULL;
  ChronoStyle style, scene_style;
  double padding, top = 0, bottom = height;
  double legend_height = 0, caption_height = 0;
  double start, end;
  g_autoptr(ChronoFilter) shown = dup_export_filter (document, options->filter);
  ChronoExportOptions filtered = *options;

  /* Filtered: no empty lanes, and a legend of what is shown. */
  filtered.filter = shown;
  options = &filtered;
  _chrono_export_count_drawn ();

  if (options->dark)
    chrono_style_init_dark (&style, options->scale);
  else
    chrono_style_init_light (&style, options->scale);

  padding = chrono_style_px (&style, PAGE_PADDING);
  chrono_export_get_span (document, options, &start, &end);
  context = chrono_style_create_pango_context ();

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  set_color (cr, style.background);
  cairo_paint (cr);

  if (options->show_title)
    {
      const char *title = options->title;
      g_autoptr(PangoLayout) layout = create_layout (cr, &style, TITLE_SIZE, TRUE);
      int w, h;

      if (title == NULL && document != NULL)
        title = chrono_document_get_title (document);
      if (title == NULL)
        title = "";

      pango_layout_set_text (layout, title, -1);
      pango_layout_set_width (layout, (int) (MAX (1, width - 2 * padding) * PANGO_SCALE));
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_move_to (cr, padding, padding * 0.75);
      set_color (cr, style.foreground);
      pango_cairo_show_layout (cr, layout);
      _chrono_export_text_record (texts, title, padding, padding * 0.75, w, h, TITLE_SIZE, style.scale, TRUE);
      top = padding * 1.25 + h;
    }

  if (options->show_caption)
    span_text = _chrono_export_format_caption (document, options);
  if (options->show_legend)
    legend = collect_legend (document, options->filter, &style);

  /* An export shows every lane and never draws text under the minimum
   * size: the timeline keeps its scale, lanes give up rows to clusters
   * down to one row of events each, and a page that still cannot hold
   * them grows (_chrono_export_fit_height()). */
  if (g_cancellable_is_cancelled (cancellable))
    goto out;
  scene = layout_page (cr, document, options, legend, span_text, top, width, height,
                       context, &scene_style, &legend_height, &caption_height, &bottom);

  if (g_cancellable_is_cancelled (cancellable))
    goto out;

  cairo_save (cr);
  cairo_translate (cr, 0, top);
  chrono_renderer_draw (cr, scene, &scene_style);
  cairo_restore (cr);
  _chrono_export_text_record_scene (texts, scene, &scene_style, top);

  if (legend_height > 0)
    {
      double y = bottom + padding * 0.5;

      cairo_save (cr);
      cairo_rectangle (cr, 0, y, width, legend_height);
      cairo_clip (cr);
      flow_legend (cr, &scene_style, legend, padding, y, MAX (1, width - 2 * padding), TRUE, texts);
      cairo_restore (cr);
    }

  if (span_text != NULL)
    {
      g_autoptr(PangoLayout) layout = create_layout (cr, &scene_style, CAPTION_SIZE, FALSE);
      int w, h;

      pango_layout_set_text (layout, span_text, -1);
      pango_layout_set_width (layout, (int) (MAX (1, width - 2 * padding) * PANGO_SCALE));
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_move_to (cr, padding, height - padding * 0.5 - h);
      set_color (cr, style.dim_foreground);
      pango_cairo_show_layout (cr, layout);
      _chrono_export_text_record (texts, span_text, padding, height - padding * 0.5 - h, w, h,
                   CAPTION_SIZE, scene_style.scale, FALSE);

      pango_layout_set_text (layout, "Chronoscope", -1);
      pango_layout_set_width (layout, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_move_to (cr, width - padding - w, height - padding * 0.5 - h);
      pango_cairo_show_layout (cr, layout);
      _chrono_export_text_record (texts, "Chronoscope", width - padding - w, height - padding * 0.5 - h, w, h,
                   CAPTION_SIZE, scene_style.scale, FALSE);
    }

  if (page_style != NULL)
    *page_style = style;
  if (capture != NULL)
    {
      capture->scene = chrono_scene_ref (scene);
      capture->style = scene_style;
      capture->top = top;
      capture->overflow = MAX (0, scene_content_bottom (scene) - (bottom - top));
    }

out:
  g_object_unref (context);
  cairo_restore (cr);
}

void
chrono_export_draw (cairo_t                   *cr,
                    ChronoDocument            *document,
                    const ChronoExportOptions *options,
                    double                     width,
                    double                     height)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (document == NULL || CHRONO_IS_DOCUMENT (document));
  g_return_if_fail (options != NULL);

  _chrono_export_draw_page (cr, document, options, width, height, NULL, NULL, NULL, NULL);
}

void
_chrono_export_capture_page (ChronoDocument            *document,
                             const ChronoExportOptions *options,
                             double                     width,
                             double                     height,
                             ChronoExportPageScene     *capture)
{
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);

  memset (capture, 0, sizeof *capture);
  _chrono_export_draw_page (cr, document, options, width, height, NULL, NULL, capture, NULL);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
chrono_export_get_page_height (ChronoDocument            *document,
                               const ChronoExportOptions *options)
{
  int width, height;

  g_return_val_if_fail (document == NULL || CHRONO_IS_DOCUMENT (document), 0);
  g_return_val_if_fail (options != NULL, 0);

  _chrono_export_get_output_size (options, &width, &height);

  return _chrono_export_fit_height (document, options, width, height);
}

int
_chrono_export_fit_height (ChronoDocument            *document,
                           const ChronoExportOptions *options,
                           int                        width,
                           int                        height)
{
  ChronoExportPageScene capture;
  double grown;

  _chrono_export_capture_page (document, options, width, height, &capture);
  grown = height + ceil (capture.overflow);
  g_clear_pointer (&capture.scene, chrono_scene_unref);

  return (int) MIN (grown, (double) CHRONO_EXPORT_MAX_SIZE);
}
