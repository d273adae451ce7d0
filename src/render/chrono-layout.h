#pragma once

#include <pango/pango.h>

#include "chrono-document.h"
#include "chrono-filter.h"
#include "chrono-scene.h"
#include "chrono-style.h"
#include "chrono-viewport.h"

G_BEGIN_DECLS

/**
 * ChronoLayoutCache:
 *
 * Remembers measured label widths between frames of one view so that
 * layout does not measure the same titles again.  It only speeds layout
 * up: a scene is the same with or without it.
 */
typedef struct _ChronoLayoutCache ChronoLayoutCache;

ChronoLayoutCache *chrono_layout_cache_new  (void);
void               chrono_layout_cache_free (ChronoLayoutCache *cache);

/**
 * ChronoLayoutParams:
 * @document: the document, or NULL (an empty axis)
 * @filter: the filter, or NULL to show every event
 * @viewport: the visible span; its width should be @width
 * @style: looks
 * @width, @height: the size of the view in pixels
 * @scroll_y: pixels the lanes are scrolled up by (0 at the top)
 * @expanded_lanes: lanes whose clusters are open (they may use many more
 *   rows), @n_expanded_lanes of them
 * @selected, @hovered: event indices or -1
 * @now: "today", seconds since the epoch (chrono_now())
 * @context: a pango context to measure text with, or NULL
 * @cache: a cache, or NULL
 * @min_lane_rows: when the lanes want more rows than the height holds,
 *   each keeps at least this many rows of events (plus one of clusters)
 *   and the content grows past the height; 0 for the default, 6.
 *   Exports ask for 1, to fit more lanes on a page.
 * @all_relations: draw every relation in view; otherwise only those of
 *   the @selected and @hovered events
 */
typedef struct
{
  ChronoDocument    *document;
  ChronoFilter      *filter;
  ChronoViewport     viewport;
  const ChronoStyle *style;
  double             width;
  double             height;
  double             scroll_y;
  const guint       *expanded_lanes;
  guint              n_expanded_lanes;
  int                selected;
  int                hovered;
  gint64             now;
  PangoContext      *context;
  ChronoLayoutCache *cache;
  guint              min_lane_rows;
  gboolean           all_relations;
} ChronoLayoutParams;

/* Fills @params with defaults: no document, no selection, today from
 * chrono_now(), the view [@start, @end) on @width × @height pixels. */
void         chrono_layout_params_init (ChronoLayoutParams *params,
                                        const ChronoStyle  *style,
                                        double              start,
                                        double              end,
                                        double              width,
                                        double              height);
/* Lays out one frame: a pure function of @params.  Returns a new scene
 * (chrono_scene_unref() it). */
ChronoScene *chrono_layout_build       (const ChronoLayoutParams *params);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronoLayoutCache, chrono_layout_cache_free)

G_END_DECLS
