/* chrono-layout-private.h
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The structs the pieces of the layout share, and the functions each
 * piece offers the others.  Every chrono-layout-*.c includes this header
 * and no other piece's: the pieces only meet here, so they cannot form
 * include circles through the context.
 *
 *   chrono-layout.c            orchestration: what is in view, lanes
 *                              stacked, headers, today
 *   chrono-layout-cache.c      measured label widths kept between frames
 *   chrono-layout-labels.c     where a label goes beside its marker
 *   chrono-layout-rows.c       rows of a lane and their scene items
 *   chrono-layout-density.c    histograms, the aggregate and clusters
 *   chrono-layout-series.c     charts
 *   chrono-layout-eras.c       era bands
 *   chrono-layout-relations.c  relation arrows
 */

#pragma once

#include "chrono-layout.h"
#include "chrono-scene-private.h"

G_BEGIN_DECLS

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
/* The most rows a lane packs its events into; an opened lane may use
 * them all, others share the height of the view (chrono-layout.c). */
#define LANE_MAX_ROWS 64
/* A crowded lane keeps at least this many rows of events (and one of
 * clusters) when the height is short (the view then scrolls), unless
 * the caller asks for fewer. */
#define LANE_MIN_ROWS 6
/* An opened lane shows its events one by one up to this many in view. */
#define MAX_EXPANDED_EVENTS 2000
#define ERA_STRIP 22.0

/* The density aggregate of a whole document; see chrono-layout-density.c. */
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

/* An event placed in a row of its lane. */
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

/* Events collapsed into one counted pill. */
typedef struct
{
  double x0;
  double x1;
  guint  count;
  gint64 start_time;
  gint64 end_time;
} Cluster;

/* At most this many candidates for one label. */
#define LABEL_MAX_CANDIDATES 8

/* One way to place an event's label, and what it then occupies in its
 * row. */
typedef struct
{
  double occ_start;
  double occ_end;
  double label_x;
  double label_w;
  guint  flags;
  double marker;      /* a point's marker x with this label */
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
  double   header_w;  /* > 0: the lane's title sits in its first row, up to here */
  double   top;
  double   rows_top;
  double   series_top;
  double   bottom;
} LaneLayout;

/* One frame's layout in progress. */
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
  PangoLayout              *header_layout;
  GArray                   *labels;    /* of ChronoRect, every event label placed */
  double                    top;       /* lanes start here (under axis and eras) */
  double                    cluster_widths[8]; /* see _chrono_layout_cluster_width() */
} LayoutCtx;

/* chrono-layout.c */
gboolean _chrono_layout_lane_is_expanded        (const ChronoLayoutParams *params,
                                                 guint                     lane);

/* chrono-layout-cache.c */
void     _chrono_layout_aggregate_clear         (Aggregate                *agg);
void     _chrono_layout_cache_prepare           (ChronoLayoutCache        *cache,
                                                 ChronoDocument           *document,
                                                 double                    font_key);
double   _chrono_layout_measure_text            (PangoLayout              *layout,
                                                 const char               *text);
double   _chrono_layout_event_label_width       (LayoutCtx                *ctx,
                                                 const ChronoEvent        *event);

/* chrono-layout-labels.c */
double   _chrono_layout_max_label_width         (LayoutCtx                *ctx);
gboolean _chrono_layout_rects_overlap           (const ChronoRect         *a,
                                                 const ChronoRect         *b);
gboolean _chrono_layout_label_is_free           (LayoutCtx                *ctx,
                                                 const ChronoRect         *rect);
guint    _chrono_layout_label_candidates        (LayoutCtx                *ctx,
                                                 const ChronoEvent        *event,
                                                 const Placed             *p,
                                                 Candidate                *candidates);
void     _chrono_layout_label_cluster_row       (LayoutCtx                *ctx,
                                                 LaneLayout               *lane);

/* chrono-layout-rows.c */
void     _chrono_layout_pack_lane               (LayoutCtx                *ctx,
                                                 LaneLayout               *lane,
                                                 guint                     max_rows);
void     _chrono_layout_emit_lane_content       (LayoutCtx                *ctx,
                                                 LaneLayout               *lane);

/* chrono-layout-density.c */
gboolean _chrono_layout_use_density             (const ChronoLayoutParams *params,
                                                 guint                     lane,
                                                 guint                     count);
/* "+39 more": the text of a cluster of @count events. */
char    *_chrono_layout_cluster_text            (guint                     count);
/* The width of a pill that shows _chrono_layout_cluster_text(), pixels. */
double   _chrono_layout_cluster_width           (LayoutCtx                *ctx,
                                                 guint                     count);
void     _chrono_layout_bin_lanes               (LayoutCtx                *ctx,
                                                 LaneLayout               *lanes,
                                                 guint                     n_lanes,
                                                 const guint              *indices,
                                                 guint                     n_indices,
                                                 const guint8             *mask);
gboolean _chrono_layout_aggregate_prepare       (ChronoLayoutCache        *cache,
                                                 ChronoDocument           *document,
                                                 const guint8             *mask);
guint    _chrono_layout_aggregate_bucket        (const Aggregate          *agg,
                                                 double                    time);
guint    _chrono_layout_aggregate_count         (const Aggregate          *agg,
                                                 guint                     lane,
                                                 guint                     b0,
                                                 guint                     b1,
                                                 gboolean                  with_running);
void     _chrono_layout_bin_lane_from_aggregate (LayoutCtx                *ctx,
                                                 LaneLayout               *lane,
                                                 const Aggregate          *agg);

/* chrono-layout-series.c */
guint    _chrono_layout_count_lane_series       (ChronoDocument           *document,
                                                 guint                     lane);
/* The height of the charts of lane @lane, pixels. */
double   _chrono_layout_lane_series_height      (LayoutCtx                *ctx,
                                                 guint                     lane);
void     _chrono_layout_emit_series             (LayoutCtx                *ctx,
                                                 LaneLayout               *lane);

/* chrono-layout-eras.c */
void     _chrono_layout_emit_eras               (LayoutCtx                *ctx);

/* chrono-layout-relations.c */
void     _chrono_layout_emit_relations          (LayoutCtx                *ctx);

G_END_DECLS
