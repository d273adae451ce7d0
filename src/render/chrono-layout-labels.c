/* chrono-layout-labels.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-layout"

#include "config.h"

#include <stdlib.h>

#include "chrono-date.h"
#include "chrono-layout-private.h"

/* The widest a label may be: the style's width (260 px at scale 1), or
 * more of a wide view, so that a long title takes the free space there
 * is instead of ending in "…" beside it; never so wide that one title
 * holds a row across the whole view. */
double
_chrono_layout_max_label_width (LayoutCtx *ctx)
{
  const ChronoStyle *style = ctx->style;

  return MAX (chrono_style_px (style, style->max_label_width), ctx->vp->width * 0.6);
}

gboolean
_chrono_layout_rects_overlap (const ChronoRect *a,
                              const ChronoRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

gboolean
_chrono_layout_label_is_free (LayoutCtx        *ctx,
                              const ChronoRect *rect)
{
  for (guint i = 0; i < ctx->labels->len; i++)
    if (_chrono_layout_rects_overlap (&g_array_index (ctx->labels, ChronoRect, i), rect))
      return FALSE;

  return TRUE;
}

static int
compare_placed_x (gconstpointer a,
                  gconstpointer b)
{
  const Placed *pa = a;
  const Placed *pb = b;

  return (pa->x0 > pb->x0) - (pa->x0 < pb->x0);
}

/* Labels the lone events of the cluster row, left to right: beside them
 * on the right up to the next cluster or event, else on the left after
 * the one before, else ellipsized inside a bar, so that an event alone
 * there (an ongoing role past the last row) keeps its title. */
void
_chrono_layout_label_cluster_row (LayoutCtx  *ctx,
                                  LaneLayout *lane)
{
  const ChronoStyle *style = ctx->style;
  double pad = chrono_style_px (style, style->label_padding);
  double gap = chrono_style_px (style, 4);
  double max_label = _chrono_layout_max_label_width (ctx);
  double min_inside = chrono_style_px (style, 36);
  double width = ctx->vp->width;
  guint row = lane->n_rows - 1;
  guint first = 0;
  double row_end = -G_MAXDOUBLE;

  /* The lone events were appended last, in any order. */
  while (first < lane->placed->len && g_array_index (lane->placed, Placed, first).row != row)
    first++;
  if (first == lane->placed->len)
    return;
  qsort (&g_array_index (lane->placed, Placed, first), lane->placed->len - first,
         sizeof (Placed), compare_placed_x);

  for (guint i = first; i < lane->placed->len; i++)
    {
      Placed *p = &g_array_index (lane->placed, Placed, i);
      const ChronoEvent *event = chrono_document_get_event (ctx->document, p->event);
      /* A period's marker would cover a label inside it: only beside. */
      gboolean shaped = !CHRONO_EVENT_IS_POINT (event);
      double shape_end = (p->flags & CHRONO_ITEM_ONGOING) ? p->period_end : p->x1;
      double next = width;
      double label_w = MIN (_chrono_layout_event_label_width (ctx, event), max_label);
      double inside = MIN (shape_end, width) - MAX (p->x0, 0) - 2 * pad;
      double lx = shape_end + pad;

      for (guint c = 0; c < lane->clusters->len; c++)
        {
          const Cluster *cluster = &g_array_index (lane->clusters, Cluster, c);

          if (cluster->x0 >= p->x0)
            {
              next = MIN (next, cluster->x0 - gap);
              break;
            }
          row_end = MAX (row_end, cluster->x1);
        }
      if (i + 1 < lane->placed->len)
        next = MIN (next, g_array_index (lane->placed, Placed, i + 1).x0 - gap);

      p->label_w = 0;
      if (label_w <= 0 || shape_end < 0 || p->x0 > width)
        ;
      else if (shaped && label_w <= inside)
        {
          p->label_x = MAX (p->x0, 0) + pad;
          p->label_w = label_w;
        }
      else if (lx + label_w <= next)
        {
          p->label_x = lx;
          p->label_w = label_w;
          p->flags |= CHRONO_ITEM_LABEL_OUTSIDE;
        }
      else if (p->x0 - pad - label_w >= MAX (row_end + gap, pad))
        {
          p->label_x = p->x0 - pad - label_w;
          p->label_w = label_w;
          p->flags |= CHRONO_ITEM_LABEL_OUTSIDE;
        }
      else if (shaped && inside >= min_inside)
        {
          p->label_x = MAX (p->x0, 0) + pad;
          p->label_w = inside;
        }

      row_end = MAX (row_end, shape_end);
      if (p->label_w > 0)
        row_end = MAX (row_end, p->label_x + p->label_w);
    }
}

/* Where @event's label may go, given its shape in @p, in order of
 * preference: the whole label inside the bar, beside it on the right,
 * else on the left, ellipsized inside (an ongoing span's faded end
 * counts: its label sits on a pill), cut beside it, then no label at
 * all.  Fills @candidates (LABEL_MAX_CANDIDATES of them) and returns how
 * many there are; the last never has a label. */
guint
_chrono_layout_label_candidates (LayoutCtx         *ctx,
                                 const ChronoEvent *event,
                                 const Placed      *p,
                                 Candidate         *candidates)
{
  const ChronoStyle *style = ctx->style;
  const ChronoViewport *vp = ctx->vp;
  double pad = chrono_style_px (style, style->label_padding);
  double max_label = _chrono_layout_max_label_width (ctx);
  double min_inside = chrono_style_px (style, 36);
  double label_w = MIN (_chrono_layout_event_label_width (ctx, event), max_label);
  double occ_end_shape = (p->flags & CHRONO_ITEM_ONGOING) ? p->period_end : p->x1;
  guint n_candidates = 0;
  gboolean period_point = CHRONO_EVENT_IS_POINT (event) && (p->flags & CHRONO_ITEM_PERIOD);
  gboolean shaped = !CHRONO_EVENT_IS_POINT (event);
  double bar_left = MAX (p->x0, 0);
  double bar_right = MIN (occ_end_shape, vp->width);
  double inside = bar_right - bar_left - 2 * pad;
  double lx = occ_end_shape + pad;
  double left_room = p->x0 - 2 * pad;
  double mid = p->mid;
  Candidate period_cut = { 0 };
  gboolean has_period_cut = FALSE;

  /* A shape wholly outside the view (in the margin that keeps markers
   * at the edges whole) keeps no label: it would be an orphan. */
  if (occ_end_shape < 0 || p->x0 > vp->width)
    label_w = 0;

  /* A partial date's period: its marker sits in the middle of the part
   * in view, and a label inside the period goes right of the marker,
   * never under it; when it fits only so, the marker moves to the
   * period's left. */
  if (period_point && label_w > 0)
    {
      double radius = chrono_style_px (style, style->point_radius);
      double left_marker = bar_left + radius + pad / 2;

      if (mid + radius + pad + label_w <= bar_right - pad)
        candidates[n_candidates++] = (Candidate) { p->x0, occ_end_shape, mid + radius + pad, label_w, 0, mid };
      else if (left_marker + radius + pad + label_w <= bar_right - pad)
        candidates[n_candidates++] = (Candidate) { p->x0, occ_end_shape, left_marker + radius + pad, label_w, 0,
                                                   left_marker };
      else if (bar_right - pad - (left_marker + radius + pad) >= min_inside)
        {
          period_cut = (Candidate) { p->x0, occ_end_shape, left_marker + radius + pad,
                                     bar_right - pad - (left_marker + radius + pad), 0, left_marker };
          has_period_cut = TRUE;
        }
    }

  if (label_w > 0 && shaped && label_w <= inside)
    candidates[n_candidates++] = (Candidate) { p->x0, occ_end_shape, bar_left + pad, label_w, 0, mid };

  if (label_w > 0 && lx + label_w <= vp->width)
    candidates[n_candidates++] = (Candidate) { p->x0, lx + label_w, lx, label_w, CHRONO_ITEM_LABEL_OUTSIDE, mid };

  if (label_w > 0 && p->x0 - pad - label_w >= pad)
    candidates[n_candidates++] = (Candidate) { p->x0 - pad - label_w, occ_end_shape,
                                                p->x0 - pad - label_w, label_w, CHRONO_ITEM_LABEL_OUTSIDE, mid };

  if (label_w > 0 && shaped && inside >= min_inside && label_w > inside)
    candidates[n_candidates++] = (Candidate) { p->x0, occ_end_shape, bar_left + pad, inside, 0, mid };
  if (has_period_cut)
    candidates[n_candidates++] = period_cut;

  if (label_w > 0 && vp->width - pad - lx >= min_inside && lx + label_w > vp->width)
    candidates[n_candidates++] = (Candidate) { p->x0, vp->width, lx, vp->width - pad - lx, CHRONO_ITEM_LABEL_OUTSIDE, mid };

  if (label_w > 0 && left_room >= min_inside && label_w > left_room)
    candidates[n_candidates++] = (Candidate) { 0, occ_end_shape, pad, left_room, CHRONO_ITEM_LABEL_OUTSIDE, mid };

  candidates[n_candidates++] = (Candidate) { p->x0, occ_end_shape, 0, 0, 0, mid };

  return n_candidates;
}
