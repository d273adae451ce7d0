/* chrono-layout-density.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-layout"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "chrono-layout-private.h"

/* Whether lane @lane, with @count events in view, is drawn as a
 * histogram: when crowded, unless the user opened it and it is not
 * hopelessly crowded. */
gboolean
_chrono_layout_use_density (const ChronoLayoutParams *params,
                            guint                     lane,
                            guint                     count)
{
  if (count * DENSITY_PIXELS_PER_EVENT <= params->width)
    return FALSE;

  return !_chrono_layout_lane_is_expanded (params, lane) || count > MAX_EXPANDED_EVENTS;
}

/* The buckets of the density view's clusters across the view: whole
 * ones, the last taking the rest, so that no pill is too narrow for its
 * count. */
static guint
density_buckets (LayoutCtx *ctx)
{
  return (guint) MAX (1, floor (ctx->vp->width / chrono_style_px (ctx->style, DENSITY_BUCKET)));
}

static double
bucket_end (LayoutCtx *ctx,
            guint      b,
            guint      n_buckets)
{
  return b + 1 >= n_buckets ? ctx->vp->width : (b + 1) * chrono_style_px (ctx->style, DENSITY_BUCKET);
}

char *
_chrono_layout_cluster_text (guint count)
{
  g_autofree char *number = NULL;

  /* Exact up to 99,999; then rounded, as a count that long says only
   * "many". */
  if (count >= 1000000)
    number = g_strdup_printf ("%.1fM", count / 1e6);
  else if (count >= 100000)
    number = g_strdup_printf ("%uk", count / 1000);
  else
    number = g_strdup_printf ("%u", count);

  /* Translators: a cluster of events that are not drawn one by one,
   * "+39 more"; %s is the number */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%s more", "+%s more", count), number);
}

double
_chrono_layout_cluster_width (LayoutCtx *ctx,
                              guint      count)
{
  guint digits = 1;
  guint key;

  /* Measured once a frame for each number of digits (digits are
   * tabular in UI fonts), with eights, the widest; one apart, as its
   * plural form may differ.  Packing asks once per overflowing event. */
  for (guint n = count; n >= 10 && digits < G_N_ELEMENTS (ctx->cluster_widths) - 1; n /= 10)
    digits++;
  key = count == 1 ? 0 : digits;

  if (ctx->cluster_widths[key] <= 0)
    {
      guint sample = count == 1 ? 1 : 8;
      g_autofree char *text = NULL;

      for (guint d = 1; d < digits && count < 100000; d++)
        sample = sample * 10 + 8;
      text = _chrono_layout_cluster_text (count >= 100000 ? count : sample);
      ctx->cluster_widths[key] = _chrono_layout_measure_text (ctx->small_bold_layout, text) +
                                 2 * chrono_style_px (ctx->style, ctx->style->label_padding);
    }

  return ctx->cluster_widths[key];
}

/* Per-lane accumulators of the density view, pixel columns and cluster
 * buckets. */
typedef struct
{
  double *diff;          /* n_columns + 1 */
  guint  *bucket_counts;
  gint64 *bucket_start;
  gint64 *bucket_end;
} Bins;

static void
bins_init (Bins  *bins,
           guint  n_columns,
           guint  n_buckets)
{
  bins->diff = g_new0 (double, n_columns + 1);
  bins->bucket_counts = g_new0 (guint, n_buckets);
  bins->bucket_start = g_new (gint64, n_buckets);
  bins->bucket_end = g_new (gint64, n_buckets);
  for (guint b = 0; b < n_buckets; b++)
    {
      bins->bucket_start[b] = G_MAXINT64;
      bins->bucket_end[b] = G_MININT64;
    }
}

static void
bins_clear (Bins *bins)
{
  g_clear_pointer (&bins->diff, g_free);
  g_clear_pointer (&bins->bucket_counts, g_free);
  g_clear_pointer (&bins->bucket_start, g_free);
  g_clear_pointer (&bins->bucket_end, g_free);
}

/* Turns a lane's accumulated bins into its histogram and clusters. */
static void
bins_finish (LayoutCtx  *ctx,
             LaneLayout *lane,
             Bins       *bins,
             guint       n_columns,
             guint       n_buckets)
{
  double bucket_px = chrono_style_px (ctx->style, DENSITY_BUCKET);
  double running = 0;
  double max = 0;

  lane->columns = _chrono_scene_alloc_values (ctx->scene, n_columns);
  lane->n_columns = n_columns;
  for (guint c = 0; c < n_columns; c++)
    {
      running += bins->diff[c];
      lane->columns[c] = running;
      max = MAX (max, running);
    }
  /* Logarithmic, so that sparse parts still show next to dense ones. */
  for (guint c = 0; c < n_columns && max > 0; c++)
    lane->columns[c] = log1p (lane->columns[c]) / log1p (max);

  lane->clusters = g_array_new (FALSE, TRUE, sizeof (Cluster));
  lane->placed = g_array_new (FALSE, TRUE, sizeof (Placed));
  for (guint b = 0; b < n_buckets; b++)
    {
      Cluster cluster;

      if (bins->bucket_counts[b] == 0)
        continue;

      cluster.x0 = b * bucket_px + chrono_style_px (ctx->style, 2);
      cluster.x1 = bucket_end (ctx, b, n_buckets) - chrono_style_px (ctx->style, 2);
      cluster.count = bins->bucket_counts[b];
      cluster.start_time = bins->bucket_start[b];
      cluster.end_time = bins->bucket_end[b];
      g_array_append_val (lane->clusters, cluster);
    }

  lane->n_rows = 3; /* two for the histogram, one for the clusters */
}

/* Far out, lanes show a histogram of their events and counted clusters
 * per bucket: one pass over the events in view for all such lanes, and
 * per event only a few additions, never a bar. */
void
_chrono_layout_bin_lanes (LayoutCtx    *ctx,
                          LaneLayout   *lanes,
                          guint         n_lanes,
                          const guint  *indices,
                          guint         n_indices,
                          const guint8 *mask)
{
  const ChronoViewport *vp = ctx->vp;
  double column_px = chrono_style_px (ctx->style, DENSITY_COLUMN);
  double bucket_px = chrono_style_px (ctx->style, DENSITY_BUCKET);
  guint n_columns = (guint) ceil (vp->width / column_px);
  guint n_buckets = density_buckets (ctx);
  g_autofree Bins *bins = g_new0 (Bins, MAX (n_lanes, 1));
  gboolean any = FALSE;

  for (guint l = 0; l < n_lanes; l++)
    if (lanes[l].density && !lanes[l].from_cache && lanes[l].bottom >= 0)
      {
        bins_init (&bins[l], n_columns, n_buckets);
        any = TRUE;
      }

  if (!any)
    return;

  for (guint i = 0; i < n_indices; i++)
    {
      guint index = indices[i];
      const ChronoEvent *event;
      Bins *lane_bins;
      double x0, x1;
      int c0, c1;
      guint b;

      if (mask != NULL && !mask[index])
        continue;

      event = chrono_document_get_event (ctx->document, index);
      lane_bins = &bins[event->lane];
      if (lane_bins->diff == NULL)
        continue;

      x0 = chrono_viewport_time_to_x (vp, event->start.time);
      x1 = chrono_viewport_time_to_x (vp, event->end_time);
      c0 = (int) CLAMP (floor (x0 / column_px), 0, (double) n_columns - 1);
      c1 = (int) CLAMP (floor (x1 / column_px), (double) c0, (double) n_columns - 1);
      lane_bins->diff[c0] += 1;
      lane_bins->diff[c1 + 1] -= 1;

      b = (guint) CLAMP (floor (MAX (x0, 0) / bucket_px), 0, (double) n_buckets - 1);
      lane_bins->bucket_counts[b]++;
      lane_bins->bucket_start[b] = MIN (lane_bins->bucket_start[b], event->start.time);
      lane_bins->bucket_end[b] = MAX (lane_bins->bucket_end[b], event->end_time);
    }

  for (guint l = 0; l < n_lanes; l++)
    if (bins[l].diff != NULL)
      {
        bins_finish (ctx, &lanes[l], &bins[l], n_columns, n_buckets);
        bins_clear (&bins[l]);
      }
}

/* The density aggregate of the whole document: per lane, fine time
 * buckets (262,144 over the document) with the number of events starting
 * in each (as prefix sums)
 * and the number overlapping each.  Built once per document and filter,
 * it makes a zoomed-out frame cost per pixel, not per event. */
#define AGGREGATE_BUCKETS 262144
#define AGGREGATE_MAX_CELLS (16u * 1024 * 1024)
/* Below this many events, a pass over them is as fast as the aggregate. */
#define AGGREGATE_MIN_EVENTS 20000
/* Fine buckets per coarse block, whose peaks speed up wide columns. */
#define COARSE 16

static guint64
hash_mask (const guint8 *mask,
           guint         n)
{
  guint64 hash = 14695981039346656037ULL;
  guint i = 0;

  if (mask == NULL)
    return 0;

  for (; i + 8 <= n; i += 8)
    {
      guint64 word;

      memcpy (&word, mask + i, 8);
      hash = (hash ^ word) * 1099511628211ULL;
    }
  for (; i < n; i++)
    hash = (hash ^ mask[i]) * 1099511628211ULL;

  return hash ^ n;
}

/* Each change costs a pass over one lane's buckets; past this many, a
 * recount is as cheap. */
#define AGGREGATE_MAX_CHANGES 256

static void
aggregate_buckets (const Aggregate *agg,
                   gint64           start,
                   gint64           end_time,
                   gint64          *b0,
                   gint64          *b1)
{
  *b0 = (gint64) (((double) start - agg->t0) / agg->bucket);
  *b1 = (gint64) (((double) end_time - 1 - agg->t0) / agg->bucket);
  *b0 = CLAMP (*b0, 0, (gint64) agg->n_buckets - 1);
  *b1 = CLAMP (*b1, *b0, (gint64) agg->n_buckets - 1);
}

/* Applies the edits since the aggregate was counted, event by event. */
static gboolean
aggregate_follow (Aggregate      *agg,
                  ChronoDocument *document,
                  guint64         revision)
{
  const ChronoEventChange *changes;
  guint n_changes;
  guint n_coarse = agg->n_buckets / COARSE + 1;

  if (!chrono_document_get_changes (document, agg->revision, &changes, &n_changes) ||
      n_changes > AGGREGATE_MAX_CHANGES)
    return FALSE;

  for (guint i = 0; i < n_changes; i++)
    {
      const ChronoEventChange *change = &changes[i];
      guint32 *starts, *coverage, *coarse;
      gint64 b0, b1;

      if (change->lane >= agg->n_lanes)
        return FALSE;

      aggregate_buckets (agg, change->start, change->end_time, &b0, &b1);
      starts = agg->starts + (gsize) change->lane * (agg->n_buckets + 1);
      coverage = agg->coverage + (gsize) change->lane * agg->n_buckets;
      coarse = agg->coarse + (gsize) change->lane * n_coarse;

      for (gint64 b = b0 + 1; b <= (gint64) agg->n_buckets; b++)
        starts[b] += change->delta;
      for (gint64 b = b0; b <= b1; b++)
        coverage[b] += change->delta;
      for (gint64 c = b0 / COARSE; c <= b1 / COARSE; c++)
        {
          guint32 peak = 0;

          for (gint64 b = c * COARSE; b < MIN ((c + 1) * COARSE, (gint64) agg->n_buckets); b++)
            peak = MAX (peak, coverage[b]);
          coarse[c] = peak;
        }
    }

  agg->revision = revision;
  return TRUE;
}

gboolean
_chrono_layout_aggregate_prepare (ChronoLayoutCache *cache,
                                  ChronoDocument    *document,
                                  const guint8      *mask)
{
  Aggregate *agg = &cache->aggregate;
  guint n_events = chrono_document_get_n_events (document);
  guint n_lanes = chrono_document_get_n_lanes (document);
  guint64 key = hash_mask (mask, n_events) + 1;
  guint64 revision = chrono_document_get_revision (document);
  gint64 start, end;
  g_autofree gint32 *diff = NULL;

  if (n_events < AGGREGATE_MIN_EVENTS || n_lanes == 0)
    return FALSE;

  if (agg->key == key && agg->n_lanes == n_lanes && agg->revision == revision)
    return TRUE;

  if (!chrono_document_get_bounds (document, &start, &end) || end <= start)
    {
      _chrono_layout_aggregate_clear (agg);
      return FALSE;
    }

  /* An edit since: follow it rather than count a million events again,
   * unless a filter is on (its mask moves with the events; the key
   * changed then) or the bounds moved (the buckets would). */
  if (agg->key == key && agg->n_lanes == n_lanes && mask == NULL &&
      agg->start == start && agg->end == end && aggregate_follow (agg, document, revision))
    return TRUE;

  _chrono_layout_aggregate_clear (agg);

  agg->n_lanes = n_lanes;
  agg->n_buckets = MIN (AGGREGATE_BUCKETS, MAX (64, AGGREGATE_MAX_CELLS / n_lanes));
  agg->t0 = start;
  agg->bucket = MAX (1.0, ((double) end - (double) start) / agg->n_buckets);
  agg->starts = g_new0 (guint32, (gsize) n_lanes * (agg->n_buckets + 1));
  agg->coverage = g_new0 (guint32, (gsize) n_lanes * agg->n_buckets);
  agg->coarse = g_new0 (guint32, (gsize) n_lanes * (agg->n_buckets / COARSE + 1));
  diff = g_new0 (gint32, (gsize) n_lanes * (agg->n_buckets + 1));

  for (guint i = 0; i < n_events; i++)
    {
      const ChronoEvent *event;
      gint64 b0, b1;
      gsize row;

      if (mask != NULL && !mask[i])
        continue;

      event = chrono_document_get_event (document, i);
      aggregate_buckets (agg, event->start.time, event->end_time, &b0, &b1);
      row = (gsize) event->lane * (agg->n_buckets + 1);
      agg->starts[row + b0 + 1]++;
      diff[row + b0]++;
      diff[row + b1 + 1]--;
    }

  for (guint l = 0; l < n_lanes; l++)
    {
      gsize row = (gsize) l * (agg->n_buckets + 1);
      gint64 running = 0;

      for (guint b = 0; b < agg->n_buckets; b++)
        {
          running += diff[row + b];
          agg->coverage[(gsize) l * agg->n_buckets + b] = (guint32) running;
          agg->coarse[(gsize) l * (agg->n_buckets / COARSE + 1) + b / COARSE] =
            MAX (agg->coarse[(gsize) l * (agg->n_buckets / COARSE + 1) + b / COARSE], (guint32) running);
          agg->starts[row + b + 1] += agg->starts[row + b];
        }
    }

  agg->key = key;
  agg->revision = revision;
  agg->start = start;
  agg->end = end;
  return TRUE;
}

/* The bucket of @time, clamped to [0, n_buckets]. */
guint
_chrono_layout_aggregate_bucket (const Aggregate *agg,
                                 double           time)
{
  double b = floor ((time - (double) agg->t0) / agg->bucket);

  return (guint) CLAMP (b, 0, (double) agg->n_buckets);
}

/* Events of @lane starting in buckets [b0, b1), plus those started
 * earlier that still run at b0. */
guint
_chrono_layout_aggregate_count (const Aggregate *agg,
                                guint            lane,
                                guint            b0,
                                guint            b1,
                                gboolean         with_running)
{
  const guint32 *starts = agg->starts + (gsize) lane * (agg->n_buckets + 1);
  guint count = b1 > b0 ? starts[b1] - starts[b0] : 0;

  if (with_running && b0 < agg->n_buckets)
    count += agg->coverage[(gsize) lane * agg->n_buckets + b0] - (starts[b0 + 1] - starts[b0]);

  return count;
}

void
_chrono_layout_bin_lane_from_aggregate (LayoutCtx       *ctx,
                                        LaneLayout      *lane,
                                        const Aggregate *agg)
{
  const ChronoViewport *vp = ctx->vp;
  double column_px = chrono_style_px (ctx->style, DENSITY_COLUMN);
  double bucket_px = chrono_style_px (ctx->style, DENSITY_BUCKET);
  guint n_columns = (guint) ceil (vp->width / column_px);
  guint n_buckets = density_buckets (ctx);
  const guint32 *coverage = agg->coverage + (gsize) lane->lane * agg->n_buckets;
  const guint32 *coarse = agg->coarse + (gsize) lane->lane * (agg->n_buckets / COARSE + 1);
  double max = 0;

  lane->columns = _chrono_scene_alloc_values (ctx->scene, n_columns);
  lane->n_columns = n_columns;
  for (guint c = 0; c < n_columns; c++)
    {
      double t0 = chrono_viewport_x_to_time (vp, c * column_px);
      double t1 = chrono_viewport_x_to_time (vp, (c + 1) * column_px);
      guint b0 = _chrono_layout_aggregate_bucket (agg, t0);
      guint b1 = _chrono_layout_aggregate_bucket (agg, t1);
      guint32 peak = 0;
      guint b = b0;

      /* Before the first bucket or after the last, there is nothing. */
      if (t1 <= (double) agg->t0 || b0 >= agg->n_buckets)
        {
          lane->columns[c] = 0;
          continue;
        }

      b1 = MIN (MAX (b1, b0 + 1), agg->n_buckets);
      /* A wide column reads only the coarse peaks (its edges widened by
       * less than a coarse block, a few percent of the column): the fine
       * arrays are megabytes, and reading their edges was mostly cache
       * misses. */
      if (b1 - b0 >= 4 * COARSE)
        {
          for (guint k = b0 / COARSE; k <= (b1 - 1) / COARSE; k++)
            peak = MAX (peak, coarse[k]);
        }
      else
        {
          for (; b < b1; b++)
            peak = MAX (peak, coverage[b]);
        }
      lane->columns[c] = peak;
      max = MAX (max, peak);
    }
  for (guint c = 0; c < n_columns && max > 0; c++)
    lane->columns[c] = log1p (lane->columns[c]) / log1p (max);

  lane->clusters = g_array_new (FALSE, TRUE, sizeof (Cluster));
  lane->placed = g_array_new (FALSE, TRUE, sizeof (Placed));
  for (guint k = 0; k < n_buckets; k++)
    {
      double t0 = chrono_viewport_x_to_time (vp, k * bucket_px);
      double t1 = chrono_viewport_x_to_time (vp, bucket_end (ctx, k, n_buckets));
      guint b0 = _chrono_layout_aggregate_bucket (agg, t0);
      guint b1 = _chrono_layout_aggregate_bucket (agg, t1);
      Cluster cluster;

      cluster.count = _chrono_layout_aggregate_count (agg, lane->lane, b0, b1, k == 0);
      if (cluster.count == 0)
        continue;

      cluster.x0 = k * bucket_px + chrono_style_px (ctx->style, 2);
      cluster.x1 = bucket_end (ctx, k, n_buckets) - chrono_style_px (ctx->style, 2);
      cluster.start_time = (gint64) floor (t0);
      cluster.end_time = (gint64) ceil (t1);
      g_array_append_val (lane->clusters, cluster);
    }

  lane->n_rows = 3;
}
