#define G_LOG_DOMAIN "chrono-layout"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "chrono-date.h"
#include "chrono-layout.h"
#include "chrono-scene-private.h"
#include "chrono-style-private.h"

/* A lane with more events in view than one per this many pixels is drawn
 * as a density histogram with counted clusters instead of bars. */
#define DENSITY_PIXELS_PER_EVENT 4.0
/* The width of a density column and of a density cluster, in pixels. */
#define DENSITY_COLUMN 3.0
#define DENSITY_BUCKET 128.0
/* A partial date whose period is wider than this is shown as a period. */
#define PERIOD_MIN_PIXELS 24.0
/* How far an ongoing span fades out after today. */
#define ONGOING_FADE 48.0
#define EXPANDED_ROWS_FACTOR 5
/* An opened lane shows its events one by one up to this many in view. */
#define MAX_EXPANDED_EVENTS 2000
#define ERA_STRIP 22.0

typedef struct
{
  guint64  key;        /* of the filter's mask; 0 when empty */
  guint64  revision;   /* of the document it counts */
  gint64   start;      /* the document's bounds it was made for */
  gint64   end;
  guint    n_lanes;
  guint    n_buckets;
  gint64   t0;
  double   bucket;     /* seconds */
  guint32 *starts;     /* per lane, n_buckets + 1 prefix sums */
  guint32 *coverage;   /* per lane, n_buckets */
  guint32 *coarse;     /* per lane, the peak of each COARSE buckets */
} Aggregate;

struct _ChronoLayoutCache
{
  ChronoDocument *document;
  double          font_key;
  float          *widths;      /* per event (by index), < 0 when not measured */
  const char    **titles;      /* the title each width was measured for */
  guint           n_widths;
  Aggregate       aggregate;
};

static void
aggregate_clear (Aggregate *agg)
{
  g_clear_pointer (&agg->starts, g_free);
  g_clear_pointer (&agg->coverage, g_free);
  g_clear_pointer (&agg->coarse, g_free);
  agg->key = 0;
  agg->n_lanes = 0;
}

ChronoLayoutCache *
chrono_layout_cache_new (void)
{
  return g_new0 (ChronoLayoutCache, 1);
}

void
chrono_layout_cache_free (ChronoLayoutCache *cache)
{
  if (cache == NULL)
    return;

  g_clear_object (&cache->document);
  g_clear_pointer (&cache->widths, g_free);
  g_clear_pointer (&cache->titles, g_free);
  aggregate_clear (&cache->aggregate);
  g_free (cache);
}

static void
cache_prepare (ChronoLayoutCache *cache,
               ChronoDocument    *document,
               double             font_key)
{
  guint n = chrono_document_get_n_handles (document);

  if (cache->document == document && cache->font_key == font_key && cache->n_widths == n)
    return;

  if (cache->document == document && cache->font_key == font_key && n > cache->n_widths)
    {
      /* Events were added: widths are kept by index, which edits never
       * reuse, and each checks its title (see event_label_width). */
      cache->widths = g_renew (float, cache->widths, n);
      cache->titles = g_renew (const char *, cache->titles, n);
      for (guint i = cache->n_widths; i < n; i++)
        cache->widths[i] = -1;
      memset (cache->titles + cache->n_widths, 0, sizeof (char *) * (n - cache->n_widths));
      cache->n_widths = n;
      return;
    }

  if (cache->document != document)
    aggregate_clear (&cache->aggregate);
  g_set_object (&cache->document, document);
  cache->font_key = font_key;
  g_free (cache->widths);
  g_free (cache->titles);
  cache->widths = g_new (float, MAX (n, 1));
  cache->titles = g_new0 (const char *, MAX (n, 1));
  cache->n_widths = n;
  for (guint i = 0; i < n; i++)
    cache->widths[i] = -1;
}

typedef struct
{
  guint  event;
  guint  row;
  guint  flags;
  double x0;          /* the drawn shape, pixels */
  double x1;
  double mid;         /* a point's marker */
  double label_x;
  double label_w;     /* 0: no label */
  double period_start;
  double period_end;
} Placed;

typedef struct
{
  double x0;
  double x1;
  guint  count;
  gint64 start_time;
  gint64 end_time;
} Cluster;

typedef struct
{
  double x;
  guint  index;
  Placed placed;
} Overflow;

typedef struct
{
  double occ_start;
  double occ_end;
  double label_x;
  double label_w;
  guint  flags;
} Candidate;

typedef struct
{
  guint    lane;
  gboolean density;
  gboolean from_cache;
  guint    n_in_view;
  GArray  *events;    /* of guint */
  GArray  *placed;    /* of Placed */
  GArray  *clusters;  /* of Cluster */
  double  *columns;   /* density */
  guint    n_columns;
  guint    n_rows;
  gboolean has_series;
  double   top;
  double   rows_top;
  double   series_top;
  double   bottom;
} LaneLayout;

typedef struct
{
  const ChronoLayoutParams *params;
  const ChronoStyle        *style;
  const ChronoViewport     *vp;
  ChronoDocument           *document;
  ChronoScene              *scene;
  PangoLayout              *label_layout;
  PangoLayout              *small_layout;
  PangoLayout              *small_bold_layout;
  GArray                   *labels;    /* of ChronoRect, every event label placed */
  double                    top;       /* lanes start here (under axis and eras) */
} Ctx;

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

static double
measure_text (PangoLayout *layout,
              const char  *text)
{
  PangoRectangle logical;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_extents (layout, NULL, &logical);

  return logical.width;
}

static double
event_label_width (Ctx               *ctx,
                   const ChronoEvent *event)
{
  ChronoLayoutCache *cache = ctx->params->cache;
  double width;

  if (event->title == NULL || event->title[0] == '\0')
    return 0;

  /* An edited title is a new string, and undo brings the old one back,
   * so the pointer says whether the width is still right. */
  if (cache != NULL && cache->widths[event->index] >= 0 && cache->titles[event->index] == event->title)
    return cache->widths[event->index];

  width = measure_text (ctx->label_layout, event->title);
  if (cache != NULL)
    {
      cache->widths[event->index] = width;
      cache->titles[event->index] = event->title;
    }

  return width;
}

static gboolean
lane_is_expanded (const ChronoLayoutParams *params,
                  guint                     lane)
{
  for (guint i = 0; i < params->n_expanded_lanes; i++)
    if (params->expanded_lanes[i] == lane)
      return TRUE;

  return FALSE;
}

/* Whether lane @lane, with @count events in view, is drawn as a
 * histogram: when crowded, unless the user opened it and it is not
 * hopelessly crowded. */
static gboolean
use_density (const ChronoLayoutParams *params,
             guint                     lane,
             guint                     count)
{
  if (count * DENSITY_PIXELS_PER_EVENT <= params->width)
    return FALSE;

  return !lane_is_expanded (params, lane) || count > MAX_EXPANDED_EVENTS;
}

static gboolean
rects_overlap (const ChronoRect *a,
               const ChronoRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static gboolean
label_is_free (Ctx              *ctx,
               const ChronoRect *rect)
{
  for (guint i = 0; i < ctx->labels->len; i++)
    if (rects_overlap (&g_array_index (ctx->labels, ChronoRect, i), rect))
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
static void
label_cluster_row (Ctx        *ctx,
                   LaneLayout *lane)
{
  const ChronoStyle *style = ctx->style;
  double pad = chrono_style_px (style, style->label_padding);
  double gap = chrono_style_px (style, 4);
  double max_label = chrono_style_px (style, style->max_label_width);
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
      gboolean shaped = !CHRONO_EVENT_IS_POINT (event) || (p->flags & CHRONO_ITEM_PERIOD);
      double shape_end = (p->flags & CHRONO_ITEM_ONGOING) ? p->period_end : p->x1;
      double next = width;
      double label_w = MIN (event_label_width (ctx, event), max_label);
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
      if (label_w <= 0)
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

/* Greedy interval packing: each event takes the first row where it fits
 * with its label, else the first where its shape alone fits, else it
 * overflows into a cluster. */
static void
pack_lane (Ctx        *ctx,
           LaneLayout *lane)
{
  const ChronoStyle *style = ctx->style;
  const ChronoViewport *vp = ctx->vp;
  double pad = chrono_style_px (style, style->label_padding);
  double gap = chrono_style_px (style, 4);
  double radius = chrono_style_px (style, style->point_radius);
  double max_label = chrono_style_px (style, style->max_label_width);
  double min_inside = chrono_style_px (style, 36);
  double min_bar = chrono_style_px (style, 4);
  double now_x = chrono_viewport_time_to_x (vp, ctx->params->now);
  guint max_rows = MAX (1, style->max_rows);
  double row_end[64];
  g_autoptr(GArray) overflow = g_array_new (FALSE, FALSE, sizeof (Overflow));
  guint used_rows = 0;

  if (lane_is_expanded (ctx->params, lane->lane))
    max_rows = MIN (64, max_rows * EXPANDED_ROWS_FACTOR);

  for (guint r = 0; r < G_N_ELEMENTS (row_end); r++)
    row_end[r] = -G_MAXDOUBLE;

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
      double occ_end_shape;
      double label_w;
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

      label_w = MIN (event_label_width (ctx, event), max_label);
      occ_end_shape = (p.flags & CHRONO_ITEM_ONGOING) ? p.period_end : p.x1;

      /* Candidates in order of preference: the whole label inside the
       * bar, beside it on the right, else on the left, ellipsized inside
       * (an ongoing span's faded end counts: its label sits on a pill),
       * cut beside it, then no label at all. */
      {
        Candidate candidates[7];
        guint n_candidates = 0;
        gboolean shaped = !CHRONO_EVENT_IS_POINT (event) || (p.flags & CHRONO_ITEM_PERIOD);
        double bar_left = MAX (p.x0, 0);
        double bar_right = MIN (occ_end_shape, vp->width);
        double inside = bar_right - bar_left - 2 * pad;
        double lx = occ_end_shape + pad;
        double left_room = p.x0 - 2 * pad;

        if (label_w > 0 && shaped && label_w <= inside)
          candidates[n_candidates++] = (Candidate) { p.x0, occ_end_shape, bar_left + pad, label_w, 0 };

        if (label_w > 0 && lx + label_w <= vp->width)
          candidates[n_candidates++] = (Candidate) { p.x0, lx + label_w, lx, label_w, CHRONO_ITEM_LABEL_OUTSIDE };

        if (label_w > 0 && p.x0 - pad - label_w >= pad)
          candidates[n_candidates++] = (Candidate) { p.x0 - pad - label_w, occ_end_shape,
                                                      p.x0 - pad - label_w, label_w, CHRONO_ITEM_LABEL_OUTSIDE };

        if (label_w > 0 && shaped && inside >= min_inside && label_w > inside)
          candidates[n_candidates++] = (Candidate) { p.x0, occ_end_shape, bar_left + pad, inside, 0 };

        if (label_w > 0 && vp->width - pad - lx >= min_inside && lx + label_w > vp->width)
          candidates[n_candidates++] = (Candidate) { p.x0, vp->width, lx, vp->width - pad - lx, CHRONO_ITEM_LABEL_OUTSIDE };

        if (label_w > 0 && left_room >= min_inside && label_w > left_room)
          candidates[n_candidates++] = (Candidate) { 0, occ_end_shape, pad, left_room, CHRONO_ITEM_LABEL_OUTSIDE };

        candidates[n_candidates++] = (Candidate) { p.x0, occ_end_shape, 0, 0, 0 };

        for (guint c = 0; c < n_candidates && row < 0; c++)
          for (guint r = 0; r < max_rows; r++)
            if (row_end[r] + gap <= candidates[c].occ_start)
              {
                row = r;
                row_end[r] = candidates[c].occ_end;
                p.label_x = candidates[c].label_x;
                p.label_w = candidates[c].label_w;
                p.flags |= candidates[c].flags;
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
              current.start_time = MIN (current.start_time, event->start.time);
              current.end_time = MAX (current.end_time, event->end_time);
              continue;
            }

          if (open)
            g_array_append_val (lane->clusters, current);

          current.x0 = x;
          current.x1 = x + min_width;
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

      label_cluster_row (ctx, lane);
    }
}

static char *
format_count (guint count)
{
  if (count >= 1000000)
    return g_strdup_printf ("%.1fM", count / 1e6);
  if (count >= 10000)
    return g_strdup_printf ("%uk", count / 1000);
  if (count >= 1000)
    return g_strdup_printf ("%.1fk", count / 1e3);

  return g_strdup_printf ("%u", count);
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
bins_finish (Ctx        *ctx,
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
      cluster.x1 = MIN ((b + 1) * bucket_px, ctx->vp->width) - chrono_style_px (ctx->style, 2);
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
static void
bin_lanes (Ctx          *ctx,
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
  guint n_buckets = (guint) ceil (vp->width / bucket_px);
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

static gboolean
aggregate_prepare (ChronoLayoutCache *cache,
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
      aggregate_clear (agg);
      return FALSE;
    }

  /* An edit since: follow it rather than count a million events again,
   * unless a filter is on (its mask moves with the events; the key
   * changed then) or the bounds moved (the buckets would). */
  if (agg->key == key && agg->n_lanes == n_lanes && mask == NULL &&
      agg->start == start && agg->end == end && aggregate_follow (agg, document, revision))
    return TRUE;

  aggregate_clear (agg);

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
static guint
aggregate_bucket (const Aggregate *agg,
                  double           time)
{
  double b = floor ((time - (double) agg->t0) / agg->bucket);

  return (guint) CLAMP (b, 0, (double) agg->n_buckets);
}

/* Events of @lane starting in buckets [b0, b1), plus those started
 * earlier that still run at b0. */
static guint
aggregate_count (const Aggregate *agg,
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

static void
bin_lane_from_aggregate (Ctx             *ctx,
                         LaneLayout      *lane,
                         const Aggregate *agg)
{
  const ChronoViewport *vp = ctx->vp;
  double column_px = chrono_style_px (ctx->style, DENSITY_COLUMN);
  double bucket_px = chrono_style_px (ctx->style, DENSITY_BUCKET);
  guint n_columns = (guint) ceil (vp->width / column_px);
  guint n_buckets = (guint) ceil (vp->width / bucket_px);
  const guint32 *coverage = agg->coverage + (gsize) lane->lane * agg->n_buckets;
  const guint32 *coarse = agg->coarse + (gsize) lane->lane * (agg->n_buckets / COARSE + 1);
  double max = 0;

  lane->columns = _chrono_scene_alloc_values (ctx->scene, n_columns);
  lane->n_columns = n_columns;
  for (guint c = 0; c < n_columns; c++)
    {
      double t0 = chrono_viewport_x_to_time (vp, c * column_px);
      double t1 = chrono_viewport_x_to_time (vp, (c + 1) * column_px);
      guint b0 = aggregate_bucket (agg, t0);
      guint b1 = aggregate_bucket (agg, t1);
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
      double t1 = chrono_viewport_x_to_time (vp, MIN ((k + 1) * bucket_px, vp->width));
      guint b0 = aggregate_bucket (agg, t0);
      guint b1 = aggregate_bucket (agg, t1);
      Cluster cluster;

      cluster.count = aggregate_count (agg, lane->lane, b0, b1, k == 0);
      if (cluster.count == 0)
        continue;

      cluster.x0 = k * bucket_px + chrono_style_px (ctx->style, 2);
      cluster.x1 = MIN ((k + 1) * bucket_px, vp->width) - chrono_style_px (ctx->style, 2);
      cluster.start_time = (gint64) floor (t0);
      cluster.end_time = (gint64) ceil (t1);
      g_array_append_val (lane->clusters, cluster);
    }

  lane->n_rows = 3;
}

static void
emit_lane_content (Ctx        *ctx,
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
      g_autofree char *text = format_count (cluster->count);
      double row_top = lane->rows_top + (lane->n_rows - 1) * row_h;

      /* Keep the pill in view at the right edge. */
      if (cluster->x1 > ctx->vp->width)
        {
          double w = cluster->x1 - cluster->x0;

          cluster->x1 = ctx->vp->width - 1;
          cluster->x0 = MIN (cluster->x0, cluster->x1 - MIN (w, chrono_style_px (style, 30)));
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
      if (lane_is_expanded (ctx->params, lane->lane))
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

      if (is_point && !(p->flags & CHRONO_ITEM_PERIOD))
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
thin_series (Ctx                *ctx,
             const ChronoSeries *series,
             gboolean            log_scale,
             double              vmin,
             double              vmax,
             double              top,
             double              bottom,
             double            **xy,
             gboolean           *dense)
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

static void
emit_series (Ctx        *ctx,
             LaneLayout *lane)
{
  const ChronoStyle *style = ctx->style;
  ChronoDocument *document = ctx->document;
  double series_h = chrono_style_px (style, style->series_height);
  double pad = chrono_style_px (style, style->label_padding);
  double title_h = chrono_style_px (style, 16);
  guint n_series = chrono_document_get_n_series (document);
  guint slot = 0;

  for (guint s = 0; s < n_series; s++)
    {
      const ChronoSeries *series = chrono_document_get_series (document, s);
      ChronoSceneItem *item;
      double top, bottom, vmin = 0, vmax = 0;
      double *xy;
      g_autofree char *title = NULL;
      ChronoColor color;
      ChronoRect title_rect;
      double last_label_end = -G_MAXDOUBLE;
      gboolean log_scale;
      gboolean dense = FALSE;
      g_autoptr(GArray) shown = NULL;

      if (series->lane != lane->lane || series->n_points == 0)
        continue;

      top = lane->series_top + slot * series_h + title_h + pad;
      bottom = lane->series_top + (slot + 1) * series_h - pad;
      slot++;

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
      item->rect.x = 0;
      item->rect.y = top;
      item->rect.width = ctx->vp->width;
      item->rect.height = bottom - top;
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
      title_rect.width = MIN (measure_text (ctx->small_bold_layout, title),
                              chrono_style_px (style, style->max_label_width) * 1.5);
      if (title_rect.x + title_rect.width > ctx->vp->width)
        title_rect.width = MAX (0, ctx->vp->width - title_rect.x - pad);

      item = _chrono_scene_add_item (ctx->scene, CHRONO_ITEM_LABEL);
      item->lane = lane->lane;
      item->index = s;
      item->label = _chrono_scene_intern (ctx->scene, title);
      item->label_rect = title_rect;
      item->rect = title_rect;
      item->color = color;
      g_array_append_val (ctx->labels, title_rect);

      /* Value labels above their points; those that would collide with
       * the previous one or with the title are dropped. */
      for (guint k = 0; k < shown->len; k++)
        {
          guint i = g_array_index (shown, guint, k);
          g_autofree char *text = NULL;
          ChronoRect rect;
          double x = xy[2 * k];

          /* The label would start left of x: skip before measuring. */
          if (x < 0 || x > ctx->vp->width || x < last_label_end + pad / 2)
            continue;

          text = g_strdup_printf ("%g", series->points[i].value);
          rect.width = measure_text (ctx->small_layout, text);
          rect.height = title_h;
          rect.x = x - rect.width / 2;
          rect.y = xy[2 * k + 1] - title_h - chrono_style_px (style, 3);
          if (rect.x < last_label_end + pad / 2 || !label_is_free (ctx, &rect) ||
              rect.x < 0 || rect.x + rect.width > ctx->vp->width)
            continue;

          item = _chrono_scene_add_item (ctx->scene, CHRONO_ITEM_LABEL);
          item->lane = lane->lane;
          item->index = s;
          item->label = _chrono_scene_intern (ctx->scene, text);
          item->label_rect = rect;
          item->rect = rect;
          item->color = color;
          g_array_append_val (ctx->labels, rect);
          last_label_end = rect.x + rect.width;
        }
    }
}

static guint
count_lane_series (ChronoDocument *document,
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

static void
emit_eras (Ctx *ctx)
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
      label_w = measure_text (ctx->small_bold_layout, era->title);
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
           item->kind == CHRONO_ITEM_CLUSTER) && rects_overlap (&item->bar, rect))
        return TRUE;
    }

  return FALSE;
}

static void
emit_relations (Ctx *ctx)
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
              ChronoRect rect;

              rect.width = measure_text (ctx->small_layout, relation->label);
              rect.height = chrono_style_px (ctx->style, 16);
              rect.x = (sx + tx) / 2 - rect.width / 2;
              rect.y = (sy + ty) / 2 - rect.height / 2;
              if (rect.x >= 0 && rect.x + rect.width <= ctx->vp->width &&
                  rect.y >= ctx->top && label_is_free (ctx, &rect) &&
                  !covers_shape (scene, &rect, n_items))
                {
                  item->label = relation->label;
                  item->label_rect = rect;
                  g_array_append_val (ctx->labels, rect);
                }
            }
        }
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
  double row_h, header_h, series_h, lane_pad;
  gint64 from, to;
  gboolean use_aggregate = FALSE;
  gboolean need_events = FALSE;
  Ctx ctx = { 0 };

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
  ctx.labels = labels;

  if (params->document == NULL)
    {
      _chrono_scene_finish (scene);
      return scene;
    }

  if (params->cache != NULL)
    cache_prepare (params->cache, params->document, style->font_size * style->scale);

  /* An empty filter passes everything: no mask, which also spares
   * making one again after every edit. */
  if (params->filter != NULL && !chrono_filter_is_empty (params->filter))
    mask = chrono_filter_get_mask (params->filter, params->document, NULL);

  row_h = chrono_style_px (style, style->row_height);
  header_h = chrono_style_px (style, style->lane_header_height);
  series_h = chrono_style_px (style, style->series_height);
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
      aggregate_prepare (params->cache, params->document, mask) &&
      DENSITY_COLUMN * style->scale * chrono_viewport_get_resolution (ctx.vp) >= 2 * params->cache->aggregate.bucket)
    {
      const Aggregate *agg = &params->cache->aggregate;
      guint b0 = aggregate_bucket (agg, (double) from);
      guint b1 = aggregate_bucket (agg, (double) to);

      use_aggregate = TRUE;
      for (guint l = 0; l < n_lanes; l++)
        lane_counts[l] = aggregate_count (agg, l, b0, MIN (b1 + 1, agg->n_buckets), TRUE);
    }

  for (guint l = 0; l < n_lanes; l++)
    {
      lanes[l].lane = l;
      lanes[l].n_in_view = lane_counts[l];
      lanes[l].density = use_density (params, l, lane_counts[l]);
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
              lanes[l].density = use_density (params, l, lane_counts[l]);
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
  bin_lanes (&ctx, lanes, n_lanes, (const guint *) (gpointer) indices->data, indices->len, mask);

  /* Pack, then stack the lanes. */
  y = ctx.top - params->scroll_y;
  for (guint l = 0; l < n_lanes; l++)
    {
      LaneLayout *lane = &lanes[l];
      guint n_series;

      if (lane->bottom < 0)
        continue;

      if (lane->from_cache)
        bin_lane_from_aggregate (&ctx, lane, &params->cache->aggregate);
      else if (!lane->density)
        pack_lane (&ctx, lane);

      n_series = count_lane_series (params->document, l);
      /* Whole pixels: bands and bars on the pixel grid stay sharp and
       * fill fast. */
      y = round (y);
      lane->top = y;
      lane->rows_top = y + header_h;
      lane->series_top = lane->rows_top + lane->n_rows * row_h;
      lane->bottom = lane->series_top + n_series * series_h + lane_pad;
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
      if (lane_is_expanded (params, l))
        item->flags |= CHRONO_ITEM_EXPANDED;
    }

  emit_eras (&ctx);

  for (guint l = 0; l < n_lanes; l++)
    {
      if (lanes[l].bottom < 0)
        continue;
      /* Lanes wholly scrolled out of view need no items. */
      if (lanes[l].bottom < ctx.top || lanes[l].top > params->height)
        continue;

      emit_lane_content (&ctx, &lanes[l]);
      if (lanes[l].has_series)
        emit_series (&ctx, &lanes[l]);
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
      item->label_rect.width = MIN (measure_text (header_layout, info->title),
                                    params->width - item->label_rect.x - 2 * pad);
      item->rect.width = item->label_rect.x + item->label_rect.width + pad - item->rect.x;
      g_array_append_val (ctx.labels, item->rect);
      item->bar = item->rect;
      item->color = chrono_style_get_lane_color (style, params->document, l);
      if (lane_is_expanded (params, l))
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
  emit_relations (&ctx);

  for (guint l = 0; l < n_lanes; l++)
    {
      g_clear_pointer (&lanes[l].events, g_array_unref);
      g_clear_pointer (&lanes[l].placed, g_array_unref);
      g_clear_pointer (&lanes[l].clusters, g_array_unref);
    }

  _chrono_scene_finish (scene);

  return scene;
}
