/* chrono-layout-eras.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-layout"

#include "config.h"

#include "chrono-layout-private.h"

void
_chrono_layout_emit_eras (LayoutCtx *ctx)
{
  const ChronoStyle *style = ctx->style;
  guint n_eras = chrono_document_get_n_eras (ctx->document);
  double pad = chrono_style_px (style, style->label_padding);
  double strip_top = chrono_style_px (style, style->axis_height);
  double last_label_end = -G_MAXDOUBLE;

  for (guint e = 0; e < n_eras; e++)
    {
      const ChronoEra *era = chrono_document_get_era (ctx->document, e);
      double x0 = chrono_viewport_time_to_x (ctx->vp, era->start.time);
      double x1 = chrono_viewport_time_to_x (ctx->vp, era->end_time);
      ChronoSceneItem *item;
      double label_w;

      if (x1 < 0 || x0 > ctx->vp->width)
        continue;

      item = _chrono_scene_add_item (ctx->scene, CHRONO_ITEM_ERA);
      item->index = e;
      item->start_time = era->start.time;
      item->end_time = era->end_time;
      item->rect.x = x0;
      item->rect.width = x1 - x0;
      item->rect.y = strip_top;
      item->rect.height = ctx->params->height - strip_top;
      item->bar = item->rect;
      item->color = chrono_style_get_era_tint (style, e, era->has_color, era->color);

      /* The title stays in view while any of the era is. */
      label_w = _chrono_layout_measure_text (ctx->small_bold_layout, era->title);
      item->label_rect.x = MAX (x0, 0) + pad;
      item->label_rect.width = MIN (label_w, MIN (x1, ctx->vp->width) - item->label_rect.x - pad);
      item->label_rect.y = strip_top + chrono_style_px (style, 3);
      item->label_rect.height = chrono_style_px (style, ERA_STRIP) - chrono_style_px (style, 6);
      if (item->label_rect.width >= MIN (label_w, chrono_style_px (style, 40)) &&
          item->label_rect.x >= last_label_end + pad)
        {
          item->label = era->title;
          last_label_end = item->label_rect.x + item->label_rect.width;
        }
    }
}
