/* chrono-layout-series.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-layout"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "chrono-layout-private.h"

/* A series whose values are all positive and span more than three
 * orders of magnitude (transistor counts) is drawn on a log scale: on a
 * linear one it is a flat line with a jump at the end. */
static gboolean
series_wants_log_scale (const ChronoSeries *series)
{
  double vmin = G_MAXDOUBLE;
  double vmax = 0;

  for (guint i = 0; i < series->n_points; i++)
    {
      double v = series->points[i].value;

      if (!(v > 0))
        return FALSE;
      vmin = MIN (vmin, v);
      vmax = MAX (vmax, v);
    }

  return series->n_points >= 2 && vmax / vmin > 1000;
}

static double
series_y_value (double   value,
                gboolean log_scale)
{
  return log_scale ? log10 (value) : value;
}

static void
add_shown (GArray             *shown,
           double             *xy,
           const ChronoSeries *series,
           guint               index,
           double              x,
           gboolean            log_scale,
           double              vmin,
           double              vmax,
           double              top,
           double              bottom)
{
  guint k = shown->len;

  if (k > 0 && g_array_index (shown, guint, k - 1) == index)
    return;

  g_array_append_val (shown, index);
  xy[2 * k] = x;
  xy[2 * k + 1] = bottom - (series_y_value (series->points[index].value, log_scale) - vmin) /
                           (vmax - vmin) * (bottom - top);
}

/* The points of @series to draw, as indices (a new array) and their
 * pixel positions in *@xy (in the scene), or NULL when the series is
 * wholly outside the view.  Drawing must cost what the pixels cost, not
 * what the points cost: points left and right of the view are dropped
 * (but for one on each side, so the line runs to the edge), and where
 * more points than pixel columns are in view, each column keeps only
 * its first, lowest, highest and last point (setting *@dense), so the
 * path has at most four points a column and looks the same. */
static GArray *
thin_series (LayoutCtx           *ctx,
             const ChronoSeries  *series,
             gboolean             log_scale,
             double               vmin,
             double               vmax,
             double               top,
             double               bottom,
             double             **xy,
             gboolean            *dense)
{
  double width = ctx->vp->width;
  guint n = series->n_points;
  guint first = 0, last = n - 1, lo, hi;
  guint n_columns = (guint) MAX (1, ceil (width)) + 2;
  g_autoptr(GArray) shown = NULL;

  /* The view holds [first, last]: binary searches, the points are
   * sorted by date. */
  lo = 0;
  hi = n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (chrono_viewport_time_to_x (ctx->vp, series->points[mid].date.time) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  first = lo > 0 ? lo - 1 : 0;

  lo = first;
  hi = n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (chrono_viewport_time_to_x (ctx->vp, series->points[mid].date.time) <= width)
        lo = mid + 1;
      else
        hi = mid;
    }
  last = MIN (lo, n - 1);

  /* Wholly outside the view: nothing to draw, not even the title. */
  if (chrono_viewport_time_to_x (ctx->vp, series->points[n - 1].date.time) < 0 ||
      chrono_viewport_time_to_x (ctx->vp, series->points[0].date.time) > width)
    return NULL;

  shown = g_array_new (FALSE, FALSE, sizeof (guint));
  *dense = last - first + 1 > 2 * n_columns;
  *xy = _chrono_scene_alloc_values (ctx->scene, 2 * MIN (last - first + 1, 4 * n_columns + 2));

  if (!*dense)
    {
      for (guint i = first; i <= last; i++)
        add_shown (shown, *xy, series, i,
                   chrono_viewport_time_to_x (ctx->vp, series->points[i].date.time),
                   log_scale, vmin, vmax, top, bottom);
      return g_steal_pointer (&shown);
    }

  {
    guint c_first = first, c_min = first, c_max = first, c_last = first;
    gint64 column = G_MININT64;

    for (guint i = first; i <= last + 1; i++)
      {
        double x = i <= last ? chrono_viewport_time_to_x (ctx->vp, series->points[i].date.time) : 0;
        gint64 c = i <= last ? (gint64) floor (CLAMP (x, -1, width + 1)) : G_MAXINT64;

        if (c != column)
          {
            if (column != G_MININT64)
              {
                guint order[4] = { c_first, MIN (c_min, c_max), MAX (c_min, c_max), c_last };
                double xs[4];

                xs[0] = chrono_viewport_time_to_x (ctx->vp, series->points[order[0]].date.time);
                xs[1] = chrono_viewport_time_to_x (ctx->vp, series->points[order[1]].date.time);
                xs[2] = chrono_viewport_time_to_x (ctx->vp, series->points[order[2]].date.time);
                xs[3] = chrono_viewport_time_to_x (ctx->vp, series->points[order[3]].date.time);
                for (guint k = 0; k < 4; k++)
                  add_shown (shown, *xy, series, order[k], xs[k], log_scale, vmin, vmax, top, bottom);
              }
            if (i > last)
              break;
            column = c;
            c_first = c_min = c_max = c_last = i;
            continue;
          }

        c_last = i;
        if (series->points[i].value < series->points[c_min].value)
          c_min = i;
        if (series->points[i].value > series->points[c_max].value)
          c_max = i;
      }
  }

  return g_steal_pointer (&shown);
}

/* A chart's title or value, as a label that others keep clear of. */
static void
add_label (LayoutCtx        *ctx,
           guint             lane,
           guint             series,
           const char       *text,
           const ChronoRect *rect,
           ChronoColor       color)
{
  ChronoSceneItem *item = _chrono_scene_add_item (ctx->scene, CHRONO_ITEM_LABEL);

  item->lane = lane;
  item->index = series;
  item->label = _chrono_scene_intern (ctx->scene, text);
  item->label_rect = *rect;
  item->rect = *rect;
  item->color = color;
  g_array_append_val (ctx->labels, *rect);
}

/* The height of a series' chart: its own, else the style's. */
static double
series_height (LayoutCtx          *ctx,
               const ChronoSeries *series)
{
  return chrono_style_px (ctx->style, series->height > 0 ? series->height : ctx->style->series_height);
}

void
_chrono_layout_emit_series (LayoutCtx  *ctx,
                            LaneLayout *lane)
{
  const ChronoStyle *style = ctx->style;
  ChronoDocument *document = ctx->document;
  double pad = chrono_style_px (style, style->label_padding);
  double title_h = chrono_style_px (style, 16);
  guint n_series = chrono_document_get_n_series (document);
  double slot_top = lane->series_top;

  for (guint s = 0; s < n_series; s++)
    {
      const ChronoSeries *series = chrono_document_get_series (document, s);
      ChronoSceneItem *item;
      double top, bottom, vmin = 0, vmax = 0;
      double *xy;
      g_autofree char *title = NULL;
      ChronoColor color;
      ChronoRect title_rect;
      gboolean log_scale;
      gboolean dense = FALSE;
      g_autoptr(GArray) shown = NULL;

      if (series->lane != lane->lane || series->n_points == 0)
        continue;

      top = slot_top + title_h + pad;
      bottom = slot_top + series_height (ctx, series) - pad;
      slot_top += series_height (ctx, series);

      log_scale = series_wants_log_scale (series);
      for (guint i = 0; i < series->n_points; i++)
        {
          double v = series_y_value (series->points[i].value, log_scale);

          vmin = i == 0 && log_scale ? v : MIN (vmin, v);
          vmax = i == 0 && log_scale ? v : MAX (vmax, v);
        }
      if (vmax <= vmin)
        vmax = vmin + 1;

      color = chrono_style_get_series_color (style, document, series);
      shown = thin_series (ctx, series, log_scale, vmin, vmax, top, bottom, &xy, &dense);
      if (shown == NULL)
        continue;

      item = _chrono_scene_add_item (ctx->scene, CHRONO_ITEM_SERIES);
      item->lane = lane->lane;
      item->index = s;
      item->count = shown->len;
      item->values = xy;
      item->color = color;
      /* The chart's box spans its points in view: lines are knocked out
       * there, so that nothing is drawn through it. */
      {
        double x0 = ctx->vp->width, x1 = 0;

        for (guint k = 0; k < shown->len; k++)
          {
            x0 = MIN (x0, xy[2 * k]);
            x1 = MAX (x1, xy[2 * k]);
          }
        x0 = MAX (x0, 0) - pad;
        x1 = MIN (x1, ctx->vp->width) + pad;
        item->rect.x = x0;
        item->rect.y = top;
        item->rect.width = MAX (x1 - x0, 0);
        item->rect.height = bottom - top;
      }
      item->bar = item->rect;
      if (series->style == CHRONO_SERIES_STEP)
        item->flags |= CHRONO_ITEM_STEP;
      if (dense)
        item->flags |= CHRONO_ITEM_DENSE;

      /* The title with its unit, at the left of the chart. */
      if (series->unit != NULL && log_scale)
        /* Translators: a chart's title: title (unit, log scale) */
        title = g_strdup_printf (_("%s (%s, log scale)"), series->title, series->unit);
      else if (series->unit != NULL)
        title = g_strdup_printf ("%s (%s)", series->title, series->unit);
      else if (log_scale)
        /* Translators: a chart's title */
        title = g_strdup_printf (_("%s (log scale)"), series->title);
      else
        title = g_strdup (series->title);

      title_rect.x = MAX (pad, MIN (MAX (xy[0], 0), ctx->vp->width) + pad);
      title_rect.x = MIN (title_rect.x, MAX (pad, ctx->vp->width - chrono_style_px (style, style->max_label_width)));
      title_rect.y = top - title_h - pad / 2;
      title_rect.height = title_h;
      title_rect.width = MIN (_chrono_layout_measure_text (ctx->small_bold_layout, title),
                              chrono_style_px (style, style->max_label_width) * 1.5);
      if (title_rect.x + title_rect.width > ctx->vp->width)
        title_rect.width = MAX (0, ctx->vp->width - title_rect.x - pad);

      add_label (ctx, lane->lane, s, title, &title_rect, color);

      /* Values at the last, first, highest and lowest points in view, in
       * that order of need: above the point, else below it, moved into
       * the view; one that fits nowhere is left out. */
      {
        guint picks[4] = { G_MAXUINT, G_MAXUINT, G_MAXUINT, G_MAXUINT };

        for (guint k = 0; k < shown->len; k++)
          {
            guint i = g_array_index (shown, guint, k);
            double x = xy[2 * k];

            if (x < 0 || x > ctx->vp->width)
              continue;
            if (picks[1] == G_MAXUINT)
              picks[1] = k;
            picks[0] = k;
            if (picks[2] == G_MAXUINT ||
                series->points[i].value > series->points[g_array_index (shown, guint, picks[2])].value)
              picks[2] = k;
            if (picks[3] == G_MAXUINT ||
                series->points[i].value < series->points[g_array_index (shown, guint, picks[3])].value)
              picks[3] = k;
          }

        for (guint p = 0; p < G_N_ELEMENTS (picks); p++)
          {
            guint k = picks[p];
            g_autofree char *text = NULL;
            ChronoRect rect;
            gboolean placed = FALSE;

            if (k == G_MAXUINT)
              continue;
            /* The same point picked twice (the last is the highest). */
            for (guint q = 0; q < p; q++)
              if (picks[q] == k)
                k = G_MAXUINT;
            if (k == G_MAXUINT)
              continue;

            text = g_strdup_printf ("%g", series->points[g_array_index (shown, guint, k)].value);
            rect.width = _chrono_layout_measure_text (ctx->small_layout, text);
            rect.height = title_h;
            rect.x = CLAMP (xy[2 * k] - rect.width / 2, pad / 2, ctx->vp->width - rect.width - pad / 2);
            for (guint side = 0; side < 2 && !placed; side++)
              {
                rect.y = side == 0 ? xy[2 * k + 1] - title_h - chrono_style_px (style, 3)
                                   : xy[2 * k + 1] + chrono_style_px (style, 3);
                placed = _chrono_layout_label_is_free (ctx, &rect);
              }
            if (!placed)
              continue;

            add_label (ctx, lane->lane, s, text, &rect, color);
          }
      }
    }
}

double
_chrono_layout_lane_series_height (LayoutCtx *ctx,
                                   guint      lane)
{
  double height = 0;

  for (guint s = 0; s < chrono_document_get_n_series (ctx->document); s++)
    {
      const ChronoSeries *series = chrono_document_get_series (ctx->document, s);

      if (series->lane == lane && series->n_points > 0)
        height += series_height (ctx, series);
    }

  return height;
}

guint
_chrono_layout_count_lane_series (ChronoDocument *document,
                                  guint           lane)
{
  guint n = 0;

  for (guint s = 0; s < chrono_document_get_n_series (document); s++)
    {
      const ChronoSeries *series = chrono_document_get_series (document, s);

      if (series->lane == lane && series->n_points > 0)
        n++;
    }

  return n;
}
