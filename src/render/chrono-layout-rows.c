/* chrono-layout-rows.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-layout"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chrono-date.h"
#include "chrono-style-private.h"
#include "chrono-layout-private.h"

/* An event that found no row, before it joins a cluster. */
typedef struct
{
  double x;
  guint  index;
  Placed placed;
} Overflow;

void
_chrono_layout_pack_lane (LayoutCtx  *ctx,
                          LaneLayout *lane,
                          guint       max_rows)
{
  const ChronoStyle *style = ctx->style;
  const ChronoViewport *vp = ctx->vp;
  double gap = chrono_style_px (style, 4);
  double radius = chrono_style_px (style, style->point_radius);
  double min_bar = chrono_style_px (style, 4);
  double now_x = chrono_viewport_time_to_x (vp, ctx->params->now);
  double row_end[LANE_MAX_ROWS];
  g_autoptr(GArray) overflow = g_array_new (FALSE, FALSE, sizeof (Overflow));
  guint used_rows = 0;

  max_rows = CLAMP (max_rows, 1, LANE_MAX_ROWS);
  for (guint r = 0; r < G_N_ELEMENTS (row_end); r++)
    row_end[r] = -G_MAXDOUBLE;
  /* The lane's title in the first row. */
  if (lane->header_w > 0)
    row_end[0] = lane->header_w;

  /* Packing again with fewer rows starts afresh. */
  g_clear_pointer (&lane->placed, g_array_unref);
  g_clear_pointer (&lane->clusters, g_array_unref);
  lane->placed = g_array_new (FALSE, TRUE, sizeof (Placed));
  lane->clusters = g_array_new (FALSE, TRUE, sizeof (Cluster));

  for (guint i = 0; i < lane->events->len; i++)
    {
      guint index = g_array_index (lane->events, guint, i);
      const ChronoEvent *event = chrono_document_get_event (ctx->document, index);
      Placed p = { 0 };
      double x0 = chrono_viewport_time_to_x (vp, event->start.time);
      double x1 = chrono_viewport_time_to_x (vp, event->end_time);
      double start_period_end = chrono_viewport_time_to_x (vp, chrono_date_get_period_end (&event->start));
      int row = -1;

      p.event = index;

      if (CHRONO_EVENT_IS_POINT (event))
        {
          if (x1 - x0 >= PERIOD_MIN_PIXELS && event->start.precision < CHRONO_PRECISION_SECOND)
            {
              p.flags |= CHRONO_ITEM_PERIOD;
              p.period_start = x0;
              p.period_end = x1;
            }
          /* A period's marker: in the middle of the part in view. */
          if (p.flags & CHRONO_ITEM_PERIOD)
            p.mid = (MAX (x0, 0) + MIN (x1, vp->width)) / 2;
          else
            p.mid = (x1 - x0 >= PERIOD_MIN_PIXELS) ? (x0 + x1) / 2 : x0;
          p.x0 = p.mid - radius;
          p.x1 = p.mid + radius;
          if (p.flags & CHRONO_ITEM_PERIOD)
            {
              p.x0 = MIN (p.x0, x0);
              p.x1 = MAX (p.x1, x1);
            }
        }
      else
        {
          if (event->end.flags & CHRONO_DATE_OPEN)
            {
              p.flags |= CHRONO_ITEM_ONGOING;
              x1 = MAX (x0 + min_bar, now_x);
              p.period_start = now_x;
              p.period_end = x1 + chrono_style_px (style, ONGOING_FADE);
            }
          else
            {
              /* The solid part: from the end of the start's period to the
               * start of the end's period, when those are wide. */
              double end_start = chrono_viewport_time_to_x (vp, event->end.time);

              p.period_start = start_period_end - x0 >= PERIOD_MIN_PIXELS ? start_period_end : x0;
              p.period_end = x1 - end_start >= PERIOD_MIN_PIXELS ? end_start : x1;
              if (p.period_start > p.period_end)
                p.period_start = p.period_end = (x0 + x1) / 2;
              if (p.period_start != x0 || p.period_end != x1)
                p.flags |= CHRONO_ITEM_PERIOD;
            }
          if (x1 - x0 < min_bar)
            x1 = x0 + min_bar;
          p.x0 = x0;
          p.x1 = x1;
          if (event->start.flags & CHRONO_DATE_APPROXIMATE)
            p.flags |= CHRONO_ITEM_FADE_START;
          if (event->end.flags & CHRONO_DATE_APPROXIMATE)
            p.flags |= CHRONO_ITEM_FADE_END;
        }

      if ((event->start.flags | event->end.flags) & CHRONO_DATE_UNCERTAIN)
        p.flags |= CHRONO_ITEM_UNCERTAIN;

      /* Candidates in order of preference; the first that fits a row wins. */
      {
        Candidate candidates[LABEL_MAX_CANDIDATES];
        guint n_candidates = _chrono_layout_label_candidates (ctx, event, &p, candidates);

        for (guint c = 0; c < n_candidates && row < 0; c++)
          for (guint r = 0; r < max_rows; r++)
            if (row_end[r] + gap <= candidates[c].occ_start)
              {
                row = r;
                row_end[r] = candidates[c].occ_end;
                p.label_x = candidates[c].label_x;
                p.label_w = candidates[c].label_w;
                p.flags |= candidates[c].flags;
                p.mid = candidates[c].marker;
                break;
              }
      }

      if (row < 0)
        {
          Overflow entry = { MAX (p.x0, 0), index, p };

          g_array_append_val (overflow, entry);
          continue;
        }

      p.row = row;
      used_rows = MAX (used_rows, (guint) row + 1);
      g_array_append_val (lane->placed, p);
    }

  lane->n_rows = MAX (1, used_rows);

  /* Overflowing events close together become one counted cluster. */
  if (overflow->len > 0)
    {
      double min_width = chrono_style_px (style, 30);
      double join = chrono_style_px (style, 24);
      Cluster current = { 0 };
      gboolean open = FALSE;

      for (guint i = 0; i < overflow->len; i++)
        {
          const Overflow *entry = &g_array_index (overflow, Overflow, i);
          const ChronoEvent *event = chrono_document_get_event (ctx->document, entry->index);
          double x = entry->x;

          if (open && x <= current.x1 + join)
            {
              current.count++;
              current.x1 = MAX (current.x1, x + min_width);
              current.x1 = MAX (current.x1, current.x0 + _chrono_layout_cluster_width (ctx, current.count));
              current.start_time = MIN (current.start_time, event->start.time);
              current.end_time = MAX (current.end_time, event->end_time);
              continue;
            }

          if (open)
            g_array_append_val (lane->clusters, current);

          current.x0 = x;
          current.x1 = x + MAX (min_width, _chrono_layout_cluster_width (ctx, 1));
          current.count = 1;
          current.start_time = event->start.time;
          current.end_time = event->end_time;
          open = TRUE;
        }

      if (open)
        g_array_append_val (lane->clusters, current);

      lane->n_rows++;

      /* A "cluster" of one is just the event, without its label, in the
       * cluster row. */
      for (guint i = lane->clusters->len; i > 0; i--)
        {
          Cluster *cluster = &g_array_index (lane->clusters, Cluster, i - 1);

          if (cluster->count != 1)
            continue;

          for (guint j = 0; j < overflow->len; j++)
            {
              Overflow *entry = &g_array_index (overflow, Overflow, j);

              if (entry->x == cluster->x0)
                {
                  Placed p = entry->placed;
                  double end = (p.flags & CHRONO_ITEM_ONGOING) ? p.period_end : p.x1;

                  /* Only when it does not reach the next cluster. */
                  if (j + 1 < overflow->len &&
                      g_array_index (overflow, Overflow, j + 1).x <= end + gap)
                    {
                      cluster = NULL;
                      break;
                    }

                  p.row = lane->n_rows - 1;
                  p.label_w = 0;
                  g_array_append_val (lane->placed, p);
                  break;
                }
            }
          if (cluster != NULL)
            g_array_remove_index (lane->clusters, i - 1);
        }

      _chrono_layout_label_cluster_row (ctx, lane);
    }
}

void
_chrono_layout_emit_lane_content (LayoutCtx  *ctx,
                                  LaneLayout *lane)
{
  const ChronoStyle *style = ctx->style;
  ChronoDocument *document = ctx->document;
  double row_h = chrono_style_px (style, style->row_height);
  double bar_h = chrono_style_px (style, style->bar_height);
  double radius = chrono_style_px (style, style->point_radius);
  double pad = chrono_style_px (style, style->label_padding);
  double cluster_h = bar_h;

  if (lane->density)
    {
      ChronoSceneItem *item = _chrono_scene_add_item (ctx->scene, CHRONO_ITEM_DENSITY);

      item->lane = lane->lane;
      item->rect.x = 0;
      item->rect.y = lane->rows_top;
      item->rect.width = ctx->vp->width;
      item->rect.height = 2 * row_h;
      item->bar = item->rect;
      item->count = lane->n_columns;
      item->values = lane->columns;
      item->color = chrono_style_get_lane_color (style, document, lane->lane);
    }

  for (guint i = 0; i < lane->clusters->len; i++)
    {
      Cluster *cluster = &g_array_index (lane->clusters, Cluster, i);
      ChronoSceneItem *item = _chrono_scene_add_item (ctx->scene, CHRONO_ITEM_CLUSTER);
      g_autofree char *text = _chrono_layout_cluster_text (cluster->count);
      double row_top = lane->rows_top + (lane->n_rows - 1) * row_h;

      /* Keep the pill in view at the right edge, wide enough for its
       * count. */
      if (cluster->x1 > ctx->vp->width)
        {
          double w = MIN (cluster->x1 - cluster->x0, ctx->vp->width - 1);

          cluster->x1 = ctx->vp->width - 1;
          cluster->x0 = MIN (cluster->x0, cluster->x1 - w);
        }
      /* With the span it covers when there is room for it (never in a
       * histogram's buckets, too narrow, and too many to measure). */
      if (!lane->density &&
          cluster->x1 - cluster->x0 > _chrono_layout_cluster_width (ctx, cluster->count) + chrono_style_px (style, 40))
        {
          g_autofree char *span = chrono_format_time_span ((double) cluster->start_time, (double) cluster->end_time);
          /* Translators: a cluster's text and the span it covers: "+39 more, 1981 – 1984" */
          g_autofree char *both = g_strdup_printf (_ ("%s, %s"), text, span);

          if (_chrono_layout_measure_text (ctx->small_bold_layout, both) + 2 * pad <= cluster->x1 - cluster->x0)
            {
              g_free (text);
              text = g_steal_pointer (&both);
            }
        }

      item->lane = lane->lane;
      item->count = cluster->count;
      item->start_time = cluster->start_time;
      item->end_time = cluster->end_time;
      item->rect.x = cluster->x0;
      item->rect.width = cluster->x1 - cluster->x0;
      item->rect.y = row_top + (row_h - cluster_h) / 2;
      item->rect.height = cluster_h;
      item->bar = item->rect;
      item->label = _chrono_scene_intern (ctx->scene, text);
      item->label_rect = item->rect;
      item->color = chrono_style_get_lane_color (style, document, lane->lane);
      g_array_append_val (ctx->labels, item->rect);
      if (_chrono_layout_lane_is_expanded (ctx->params, lane->lane))
        item->flags |= CHRONO_ITEM_EXPANDED;
    }

  for (guint i = 0; i < lane->placed->len; i++)
    {
      const Placed *p = &g_array_index (lane->placed, Placed, i);
      const ChronoEvent *event = chrono_document_get_event (document, p->event);
      gboolean is_point = CHRONO_EVENT_IS_POINT (event);
      ChronoSceneItem *item = _chrono_scene_add_item (ctx->scene, is_point ? CHRONO_ITEM_POINT : CHRONO_ITEM_SPAN);
      double row_top = lane->rows_top + p->row * row_h;
      double bar_y = row_top + (row_h - bar_h) / 2;

      item->event = p->event;
      item->lane = lane->lane;
      item->flags = p->flags;
      item->start_time = event->start.time;
      item->end_time = event->end_time;
      item->period_start = p->period_start;
      item->period_end = p->period_end;
      item->color = chrono_style_get_event_color (style, document, event);
      if ((int) p->event == ctx->params->selected)
        item->flags |= CHRONO_ITEM_SELECTED;
      if ((int) p->event == ctx->params->hovered)
        item->flags |= CHRONO_ITEM_HOVERED;

      /* A point's bar is its marker; a period's band is in
       * @period_start..@period_end, and in its hit box. */
      if (is_point)
        {
          item->bar.x = p->mid - radius;
          item->bar.width = 2 * radius;
          item->bar.y = row_top + row_h / 2 - radius;
          item->bar.height = 2 * radius;
        }
      else
        {
          item->bar.x = p->x0;
          item->bar.width = p->x1 - p->x0;
          item->bar.y = bar_y;
          item->bar.height = bar_h;
        }

      if (p->flags & CHRONO_ITEM_ONGOING)
        item->bar.width = p->period_end - p->x0;

      item->rect = item->bar;
      if (is_point && (p->flags & CHRONO_ITEM_PERIOD))
        {
          item->rect.x = p->x0;
          item->rect.width = p->x1 - p->x0;
          item->rect.y = bar_y;
          item->rect.height = bar_h;
        }
      if (p->label_w > 0)
        {
          item->label = event->title;
          item->label_rect.x = p->label_x;
          item->label_rect.width = p->label_w;
          item->label_rect.y = bar_y;
          item->label_rect.height = bar_h;
          g_array_append_val (ctx->labels, item->label_rect);

          /* The hit box takes in a label beside the shape, either side. */
          if (p->flags & CHRONO_ITEM_LABEL_OUTSIDE)
            {
              double x0 = MIN (item->rect.x, p->label_x);
              double x1 = MAX (item->rect.x + item->rect.width, p->label_x + p->label_w);

              item->rect.x = x0;
              item->rect.width = x1 - x0;
            }
        }
      /* A small target is hard to hit: give it some slack. */
      if (item->rect.width < 2 * pad)
        {
          item->rect.x -= pad - item->rect.width / 2;
          item->rect.width = 2 * pad;
        }
    }
}
