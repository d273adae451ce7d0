/* chrono-layout.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The orchestration of one frame's layout: which events are in view, per
 * lane; each lane packed (chrono-layout-rows.c) or binned
 * (chrono-layout-density.c); lanes stacked; then the scene's items in
 * drawing order.  The rules of each piece live in its own file, listed
 * in chrono-layout-private.h. */

#define G_LOG_DOMAIN "chrono-layout"

#include "config.h"

#include <math.h>
#include <string.h>

#include "chrono-date.h"
#include "chrono-layout-private.h"
#include "chrono-style-private.h"

void
chrono_layout_params_init (ChronoLayoutParams *params,
                           const ChronoStyle  *style,
                           double              start,
                           double              end,
                           double              width,
                           double              height)
{
  g_return_if_fail (params != NULL);

  memset (params, 0, sizeof *params);
  params->style = style;
  chrono_viewport_init (&params->viewport, start, end, width);
  params->width = width;
  params->height = height;
  params->selected = -1;
  params->hovered = -1;
  params->now = chrono_now ();
}

gboolean
_chrono_layout_lane_is_expanded (const ChronoLayoutParams *params,
                                 guint                     lane)
{
  for (guint i = 0; i < params->n_expanded_lanes; i++)
    if (params->expanded_lanes[i] == lane)
      return TRUE;

  return FALSE;
}

/* Rows follow the height there is: when the packed lanes want more rows
 * than fit under the axis, each crowded lane gets an equal share
 * (water-filling: no lane gets more than it wants, none fewer than
 * LANE_MIN_ROWS) and is packed again into it, its other events going
 * into counted clusters.  Opened lanes, histograms and charts keep their
 * height; when even the least does not fit, the view scrolls. */
/* Whether @lane is packed into rows that it shares the height with. */
static gboolean
is_shared (LayoutCtx        *ctx,
           const LaneLayout *lane)
{
  return lane->bottom >= 0 && lane->placed != NULL && !lane->density &&
         !_chrono_layout_lane_is_expanded (ctx->params, lane->lane);
}

/* The rows of events that fit under the axis after the fixed parts:
 * lane titles (unless in the first row), padding, charts, and the rows of
 * lanes that do not share (histograms, opened lanes); *@want receives the
 * rows the sharing lanes want. */
static double
count_rows (LayoutCtx  *ctx,
            LaneLayout *lanes,
            guint       n_lanes,
            guint      *want)
{
  const ChronoStyle *style = ctx->style;
  double row_h = chrono_style_px (style, style->row_height);
  double fixed = 0;

  *want = 0;
  for (guint l = 0; l < n_lanes; l++)
    {
      LaneLayout *lane = &lanes[l];

      if (lane->bottom < 0)
        continue;

      fixed += chrono_style_px (style, style->lane_padding) + _chrono_layout_lane_series_height (ctx, l);
      if (lane->header_w <= 0)
        fixed += chrono_style_px (style, style->lane_header_height);
      if (!is_shared (ctx, lane))
        fixed += lane->n_rows * row_h;
      else
        *want += lane->n_rows;
    }

  return floor ((ctx->params->height - ctx->top - fixed) / row_h);
}

/* Where a lane's title pill ends when it sits in the first row: the
 * same geometry as the headers chrono_layout_build() emits. */
static double
inline_header_end (LayoutCtx  *ctx,
                   guint       lane)
{
  const ChronoStyle *style = ctx->style;
  const ChronoLane *info = chrono_document_get_lane (ctx->document, lane);
  double pad = chrono_style_px (style, style->label_padding);

  return 3 * pad + chrono_style_px (style, 14) + chrono_style_px (style, 4) +
         _chrono_layout_measure_text (ctx->header_layout, info->title);
}

static void
share_rows (LayoutCtx  *ctx,
            LaneLayout *lanes,
            guint       n_lanes)
{
  g_autofree guint *allot = g_new0 (guint, MAX (n_lanes, 1));
  /* Rows of events, plus one for the clusters. */
  guint least = (ctx->params->min_lane_rows > 0 ? ctx->params->min_lane_rows : LANE_MIN_ROWS) + 1;
  guint want, level, sum;
  double rows;

  rows = count_rows (ctx, lanes, n_lanes, &want);
  if (want <= rows)
    return;

  /* Short of height, lanes first give up their title rows: each title
   * moves into its lane's first row, and the lanes pack again around it. */
  for (guint l = 0; l < n_lanes; l++)
    if (is_shared (ctx, &lanes[l]))
      {
        lanes[l].header_w = inline_header_end (ctx, l);
        _chrono_layout_pack_lane (ctx, &lanes[l], LANE_MAX_ROWS);
      }
  rows = count_rows (ctx, lanes, n_lanes, &want);
  if (want <= rows)
    return;

  /* The highest level all lanes can be cut to, then what is left one
   * row a lane, in order. */
  level = least;
  for (;;)
    {
      guint next = 0;

      sum = 0;
      for (guint l = 0; l < n_lanes; l++)
        if (is_shared (ctx, &lanes[l]))
          {
            sum += MIN (lanes[l].n_rows, level);
            next += MIN (lanes[l].n_rows, level + 1);
          }
      if (next > rows || next == sum)
        break;
      level++;
    }

  for (guint l = 0; l < n_lanes; l++)
    {
      LaneLayout *lane = &lanes[l];

      if (!is_shared (ctx, lane))
        continue;

      allot[l] = MIN (lane->n_rows, level);
      if (allot[l] < lane->n_rows && sum < rows)
        {
          allot[l]++;
          sum++;
        }
      /* One row is kept for the clusters. */
      if (allot[l] < lane->n_rows)
        _chrono_layout_pack_lane (ctx, lane, allot[l] - 1);
    }
}

ChronoScene *
chrono_layout_build (const ChronoLayoutParams *params)
{
  g_autoptr(GObject) own_context = NULL;
  g_autoptr(PangoLayout) label_layout = NULL;
  g_autoptr(PangoLayout) small_layout = NULL;
  g_autoptr(PangoLayout) header_layout = NULL;
  g_autoptr(PangoLayout) small_bold_layout = NULL;
  g_autoptr(GArray) indices = NULL;
  g_autoptr(GArray) labels = NULL;
  g_autofree LaneLayout *lanes = NULL;
  g_autofree ChronoRect *headers = NULL;
  g_autofree guint *lane_counts = NULL;
  const ChronoStyle *style;
  PangoContext *context;
  ChronoScene *scene;
  const guint8 *mask = NULL;
  guint n_lanes;
  double y;
  double row_h, header_h, lane_pad;
  gint64 from, to;
  gboolean use_aggregate = FALSE;
  gboolean need_events = FALSE;
  LayoutCtx ctx = { 0 };

  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (params->style != NULL, NULL);

  style = params->style;
  context = params->context;
  if (context == NULL)
    {
      context = chrono_style_create_pango_context ();
      own_context = G_OBJECT (context);
    }

  scene = _chrono_scene_new (params->width, params->height);
  scene->axis_height = chrono_style_px (style, style->axis_height);
  scene->ticks = chrono_ticks_new (&params->viewport, style, context);

  label_layout = pango_layout_new (context);
  _chrono_style_set_layout_font (label_layout, style, style->font_size, FALSE);

  small_layout = pango_layout_new (context);
  _chrono_style_set_layout_font (small_layout, style, style->small_font_size, FALSE);

  small_bold_layout = pango_layout_new (context);
  _chrono_style_set_layout_font (small_bold_layout, style, style->small_font_size, TRUE);

  header_layout = pango_layout_new (context);
  _chrono_style_set_layout_font (header_layout, style, style->header_font_size, TRUE);

  labels = g_array_new (FALSE, FALSE, sizeof (ChronoRect));

  ctx.params = params;
  ctx.style = style;
  ctx.vp = &params->viewport;
  ctx.document = params->document;
  ctx.scene = scene;
  ctx.label_layout = label_layout;
  ctx.small_layout = small_layout;
  ctx.small_bold_layout = small_bold_layout;
  ctx.header_layout = header_layout;
  ctx.labels = labels;

  if (params->document == NULL)
    {
      _chrono_scene_finish (scene);
      return scene;
    }

  if (params->cache != NULL)
    _chrono_layout_cache_prepare (params->cache, params->document, style->font_size * style->scale);

  /* An empty filter passes everything: no mask, which also spares
   * making one again after every edit. */
  if (params->filter != NULL && !chrono_filter_is_empty (params->filter))
    mask = chrono_filter_get_mask (params->filter, params->document, NULL);

  row_h = chrono_style_px (style, style->row_height);
  header_h = chrono_style_px (style, style->lane_header_height);
  lane_pad = chrono_style_px (style, style->lane_padding);

  ctx.top = scene->axis_height;
  if (chrono_document_get_n_eras (params->document) > 0)
    ctx.top += chrono_style_px (style, ERA_STRIP);
  scene->lanes_top = ctx.top;

  /* The events in view (with a margin for markers at the edges), counted
   * per lane to choose between bars and a histogram. */
  {
    double margin = chrono_style_px (style, style->point_radius) + 1;
    double t0 = floor (chrono_viewport_x_to_time (ctx.vp, -margin));
    double t1 = ceil (chrono_viewport_x_to_time (ctx.vp, params->width + margin));

    from = (gint64) CLAMP (t0, (double) G_MININT64 / 2, (double) G_MAXINT64 / 2);
    to = (gint64) CLAMP (t1, (double) G_MININT64 / 2, (double) G_MAXINT64 / 2);
  }
  indices = g_array_new (FALSE, FALSE, sizeof (guint));
  n_lanes = chrono_document_get_n_lanes (params->document);
  lanes = g_new0 (LaneLayout, MAX (n_lanes, 1));
  headers = g_new0 (ChronoRect, MAX (n_lanes, 1));
  lane_counts = g_new0 (guint, MAX (n_lanes, 1));

  /* Zoomed out on a large document, the aggregate counts the events in
   * view per lane; when every lane is then a histogram, no event needs to
   * be looked at at all. */
  if (params->cache != NULL &&
      _chrono_layout_aggregate_prepare (params->cache, params->document, mask) &&
      DENSITY_COLUMN * style->scale * chrono_viewport_get_resolution (ctx.vp) >= 2 * params->cache->aggregate.bucket)
    {
      const Aggregate *agg = &params->cache->aggregate;
      guint b0 = _chrono_layout_aggregate_bucket (agg, (double) from);
      guint b1 = _chrono_layout_aggregate_bucket (agg, (double) to);

      use_aggregate = TRUE;
      for (guint l = 0; l < n_lanes; l++)
        lane_counts[l] = _chrono_layout_aggregate_count (agg, l, b0, MIN (b1 + 1, agg->n_buckets), TRUE);
    }

  for (guint l = 0; l < n_lanes; l++)
    {
      lanes[l].lane = l;
      lanes[l].n_in_view = lane_counts[l];
      lanes[l].density = _chrono_layout_use_density (params, l, lane_counts[l]);
      lanes[l].from_cache = use_aggregate && lanes[l].density;
      if (!lanes[l].from_cache)
        need_events = TRUE;
    }

  if (need_events)
    {
      chrono_document_query_range (params->document, from, to, indices);

      if (!use_aggregate)
        {
          for (guint i = 0; i < indices->len; i++)
            {
              guint index = g_array_index (indices, guint, i);

              if (mask == NULL || mask[index])
                lane_counts[chrono_document_get_event (params->document, index)->lane]++;
            }

          for (guint l = 0; l < n_lanes; l++)
            {
              lanes[l].n_in_view = lane_counts[l];
              lanes[l].density = _chrono_layout_use_density (params, l, lane_counts[l]);
            }
        }

      for (guint l = 0; l < n_lanes; l++)
        if (!lanes[l].density)
          lanes[l].events = g_array_sized_new (FALSE, FALSE, sizeof (guint), lane_counts[l]);

      for (guint i = 0; i < indices->len; i++)
        {
          guint index = g_array_index (indices, guint, i);
          const ChronoEvent *event;

          if (mask != NULL && !mask[index])
            continue;

          event = chrono_document_get_event (params->document, index);
          if (lanes[event->lane].events != NULL)
            g_array_append_val (lanes[event->lane].events, index);
        }
    }

  /* Hidden lanes are left out; the histograms of the others are made in
   * one pass. */
  for (guint l = 0; l < n_lanes; l++)
    {
      const ChronoLane *info = chrono_document_get_lane (params->document, l);

      if (params->filter != NULL && !chrono_filter_get_lane_visible (params->filter, info->id))
        lanes[l].bottom = -1;
    }
  _chrono_layout_bin_lanes (&ctx, lanes, n_lanes, (const guint *) (gpointer) indices->data, indices->len, mask);

  /* Pack each lane with all the rows it wants, share the height out
   * when they do not fit, then stack the lanes. */
  for (guint l = 0; l < n_lanes; l++)
    {
      LaneLayout *lane = &lanes[l];

      if (lane->bottom < 0)
        continue;

      if (lane->from_cache)
        _chrono_layout_bin_lane_from_aggregate (&ctx, lane, &params->cache->aggregate);
      else if (!lane->density)
        _chrono_layout_pack_lane (&ctx, lane, LANE_MAX_ROWS);
    }
  share_rows (&ctx, lanes, n_lanes);

  y = ctx.top - params->scroll_y;
  for (guint l = 0; l < n_lanes; l++)
    {
      LaneLayout *lane = &lanes[l];
      guint n_series;

      if (lane->bottom < 0)
        continue;

      n_series = _chrono_layout_count_lane_series (params->document, l);
      /* Whole pixels: bands and bars on the pixel grid stay sharp and
       * fill fast. */
      y = round (y);
      lane->top = y;
      lane->rows_top = y + (lane->header_w > 0 ? 0 : header_h);
      lane->series_top = lane->rows_top + lane->n_rows * row_h;
      lane->bottom = lane->series_top + _chrono_layout_lane_series_height (&ctx, l) + lane_pad;
      lane->has_series = n_series > 0;
      y = lane->bottom;
    }
  scene->content_height = y + params->scroll_y - ctx.top;

  /* Lane bands first, under everything. */
  for (guint l = 0; l < n_lanes; l++)
    {
      ChronoSceneItem *item;

      if (lanes[l].bottom < 0)
        continue;

      item = _chrono_scene_add_item (scene, CHRONO_ITEM_LANE);
      item->lane = l;
      item->rect.x = 0;
      item->rect.y = lanes[l].top;
      item->rect.width = params->width;
      item->rect.height = lanes[l].bottom - lanes[l].top;
      item->bar = item->rect;
      item->color = style->lane_band[l % 2];
      if (_chrono_layout_lane_is_expanded (params, l))
        item->flags |= CHRONO_ITEM_EXPANDED;
    }

  _chrono_layout_emit_eras (&ctx);

  for (guint l = 0; l < n_lanes; l++)
    {
      if (lanes[l].bottom < 0)
        continue;
      /* Lanes wholly scrolled out of view need no items. */
      if (lanes[l].bottom < ctx.top || lanes[l].top > params->height)
        continue;

      _chrono_layout_emit_lane_content (&ctx, &lanes[l]);
      if (lanes[l].has_series)
        _chrono_layout_emit_series (&ctx, &lanes[l]);
    }

  /* Today. */
  {
    double x = chrono_viewport_time_to_x (ctx.vp, params->now);

    if (x >= 0 && x <= params->width)
      {
        ChronoSceneItem *item = _chrono_scene_add_item (scene, CHRONO_ITEM_TODAY);

        item->start_time = item->end_time = params->now;
        item->rect.x = x;
        item->rect.y = scene->axis_height;
        item->rect.width = 0;
        item->rect.height = params->height - scene->axis_height;
        item->bar = item->rect;
        item->color = style->today;
      }
  }

  /* Sticky lane headers last, on top of the lane's events. */
  for (guint l = 0; l < n_lanes; l++)
    {
      const ChronoLane *info = chrono_document_get_lane (params->document, l);
      ChronoSceneItem *item;
      double pad = chrono_style_px (style, style->label_padding);
      double header_y;

      if (lanes[l].bottom < 0 || lanes[l].bottom < ctx.top || lanes[l].top > params->height)
        continue;

      header_y = MAX (lanes[l].top, ctx.top);
      header_y = MIN (header_y, lanes[l].bottom - header_h);

      item = _chrono_scene_add_item (scene, CHRONO_ITEM_LANE_HEADER);
      item->lane = l;
      item->label = info->title;
      item->count = lanes[l].n_in_view;
      /* A pill: a colour dot, then the title. */
      item->rect.x = pad;
      item->rect.y = header_y + chrono_style_px (style, 4);
      item->rect.height = header_h - chrono_style_px (style, 8);
      item->label_rect.x = item->rect.x + pad + chrono_style_px (style, 14);
      item->label_rect.y = item->rect.y;
      item->label_rect.height = item->rect.height;
      item->label_rect.width = MIN (_chrono_layout_measure_text (header_layout, info->title),
                                    params->width - item->label_rect.x - 2 * pad);
      item->rect.width = item->label_rect.x + item->label_rect.width + pad - item->rect.x;
      g_array_append_val (ctx.labels, item->rect);
      item->bar = item->rect;
      item->color = chrono_style_get_lane_color (style, params->document, l);
      if (_chrono_layout_lane_is_expanded (params, l))
        item->flags |= CHRONO_ITEM_EXPANDED;
      headers[l] = item->rect;
    }

  /* A sticky header scrolled over its lane's rows hides the start of
   * the labels under it ("…esla"): they start right of it instead, cut
   * at the same end, or go when too little of them is left. */
  {
    double pad = chrono_style_px (style, style->label_padding);
    double min_label = chrono_style_px (style, 36);
    guint n_items = scene->items->len;

    for (guint i = 0; i < n_items; i++)
      {
        ChronoSceneItem *item = &g_array_index (scene->items, ChronoSceneItem, i);
        const ChronoRect *header;
        double end;

        if ((item->kind != CHRONO_ITEM_SPAN && item->kind != CHRONO_ITEM_POINT) ||
            item->label == NULL || item->lane < 0 || (guint) item->lane >= n_lanes)
          continue;
        header = &headers[item->lane];
        if (header->width <= 0 ||
            item->label_rect.y >= header->y + header->height ||
            item->label_rect.y + item->label_rect.height <= header->y ||
            item->label_rect.x >= header->x + header->width + pad)
          continue;

        end = item->label_rect.x + item->label_rect.width;
        item->label_rect.x = header->x + header->width + pad;
        item->label_rect.width = end - item->label_rect.x;
        if (item->label_rect.width < min_label)
          {
            item->label = NULL;
            item->label_rect.width = 0;
          }
      }
  }

  /* Relations last: their labels avoid every other label. */
  _chrono_layout_emit_relations (&ctx);

  for (guint l = 0; l < n_lanes; l++)
    {
      g_clear_pointer (&lanes[l].events, g_array_unref);
      g_clear_pointer (&lanes[l].placed, g_array_unref);
      g_clear_pointer (&lanes[l].clusters, g_array_unref);
    }

  _chrono_scene_finish (scene);

  return scene;
}
