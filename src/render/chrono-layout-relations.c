/* chrono-layout-relations.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-layout"

#include "config.h"

#include <math.h>

#include "chrono-layout-private.h"

/* Whether @rect is over an event's or cluster's shape among the first
 * @n_items items, so that a relation's label does not hide one. */
static gboolean
covers_shape (ChronoScene      *scene,
              const ChronoRect *rect,
              guint             n_items)
{
  for (guint i = 0; i < n_items; i++)
    {
      const ChronoSceneItem *item = &g_array_index (scene->items, ChronoSceneItem, i);

      if ((item->kind == CHRONO_ITEM_SPAN || item->kind == CHRONO_ITEM_POINT ||
           item->kind == CHRONO_ITEM_CLUSTER) && _chrono_layout_rects_overlap (&item->bar, rect))
        return TRUE;
    }

  return FALSE;
}

/* Whether the relation from @source to @target is drawn: all of them
 * when asked (exports that want them), else only those of the selected
 * or hovered event, so that a view of many relations does not turn into
 * a tangle. */
static gboolean
relation_wanted (LayoutCtx *ctx,
                 int        source,
                 int        target)
{
  const ChronoLayoutParams *params = ctx->params;

  if (params->all_relations)
    return TRUE;

  return (params->selected >= 0 && (source == params->selected || target == params->selected)) ||
         (params->hovered >= 0 && (source == params->hovered || target == params->hovered));
}

void
_chrono_layout_emit_relations (LayoutCtx *ctx)
{
  ChronoScene *scene = ctx->scene;
  double pad = chrono_style_px (ctx->style, 4);
  guint n_items = scene->items->len;

  for (guint i = 0; i < n_items; i++)
    {
      ChronoSceneItem source = g_array_index (scene->items, ChronoSceneItem, i);
      const ChronoEvent *event;

      if (source.kind != CHRONO_ITEM_SPAN && source.kind != CHRONO_ITEM_POINT)
        continue;

      event = chrono_document_get_event (ctx->document, source.event);
      if (event->extra == NULL || event->extra->n_related == 0)
        continue;

      for (guint r = 0; r < event->extra->n_related; r++)
        {
          const ChronoRelation *relation = &event->extra->related[r];
          const ChronoSceneItem *target = NULL;
          ChronoSceneItem target_copy;
          ChronoSceneItem *item;
          double *points;
          double sx, sy, tx, ty;

          if (!relation_wanted (ctx, source.event, (int) relation->event))
            continue;

          for (guint j = 0; j < n_items; j++)
            {
              const ChronoSceneItem *candidate = &g_array_index (scene->items, ChronoSceneItem, j);

              if ((candidate->kind == CHRONO_ITEM_SPAN || candidate->kind == CHRONO_ITEM_POINT) &&
                  candidate->event == (int) relation->event)
                {
                  /* A copy: adding items below moves the array. */
                  target_copy = *candidate;
                  target = &target_copy;
                  break;
                }
            }
          if (target == NULL)
            continue;

          /* Far off screen, the curve would only cost time. */
          if (MAX (source.bar.x, target->bar.x) > 3 * ctx->vp->width ||
              MIN (source.bar.x + source.bar.width, target->bar.x + target->bar.width) < -2 * ctx->vp->width)
            continue;

          sx = source.kind == CHRONO_ITEM_POINT ? source.bar.x + source.bar.width / 2
                                                : source.bar.x + MIN (source.bar.width / 2, chrono_style_px (ctx->style, 16));
          sy = source.bar.y + source.bar.height / 2;
          tx = target->kind == CHRONO_ITEM_POINT ? target->bar.x + target->bar.width / 2
                                                 : target->bar.x + MIN (target->bar.width / 2, chrono_style_px (ctx->style, 16));
          ty = target->bar.y + target->bar.height / 2;
          /* Start and end at the shapes' edges, not their centres. */
          sy += (ty > sy ? 1 : -1) * source.bar.height / 2;
          ty -= (ty > sy ? 1 : -1) * (target->bar.height / 2 + pad);

          points = _chrono_scene_alloc_values (scene, 4);
          points[0] = sx;
          points[1] = sy;
          points[2] = tx;
          points[3] = ty;

          item = _chrono_scene_add_item (scene, CHRONO_ITEM_RELATION);
          item->event = source.event;
          item->target = relation->event;
          item->count = 2;
          item->values = points;
          item->color = ctx->style->relation;
          if ((source.flags | target->flags) & (CHRONO_ITEM_SELECTED | CHRONO_ITEM_HOVERED))
            item->flags |= CHRONO_ITEM_SELECTED;
          item->rect.x = MIN (sx, tx);
          item->rect.y = MIN (sy, ty);
          item->rect.width = fabs (tx - sx);
          item->rect.height = fabs (ty - sy);
          item->bar = item->rect;

          if (relation->label != NULL && relation->label[0] != '\0')
            {
              ChronoRect rect, pill;

              rect.width = _chrono_layout_measure_text (ctx->small_layout, relation->label);
              rect.height = chrono_style_px (ctx->style, 16);
              rect.x = (sx + tx) / 2 - rect.width / 2;
              rect.y = (sy + ty) / 2 - rect.height / 2;
              /* The label's pill, and a marker's outline, reach past
               * their boxes. */
              pill = rect;
              pill.x -= 2 * pad;
              pill.width += 4 * pad;
              pill.y -= pad / 2;
              pill.height += pad;
              if (rect.x >= 0 && rect.x + rect.width <= ctx->vp->width &&
                  rect.y >= ctx->top && _chrono_layout_label_is_free (ctx, &rect) &&
                  !covers_shape (scene, &pill, n_items))
                {
                  item->label = relation->label;
                  item->label_rect = rect;
                  g_array_append_val (ctx->labels, rect);
                }
            }
        }
    }
}
