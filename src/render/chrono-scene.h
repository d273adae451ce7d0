#pragma once

#include <glib.h>

#include "chrono-style.h"
#include "chrono-ticks.h"

G_BEGIN_DECLS

typedef enum
{
  CHRONO_ITEM_LANE,        /* a lane's band; @lane */
  CHRONO_ITEM_ERA,         /* an era's background band; @era, @label */
  CHRONO_ITEM_SPAN,        /* an event with a duration; @event */
  CHRONO_ITEM_POINT,       /* an event at one time; @event */
  CHRONO_ITEM_CLUSTER,     /* @count events collapsed; @start_time/@end_time */
  CHRONO_ITEM_DENSITY,     /* a lane's histogram at far zoom; @values */
  CHRONO_ITEM_SERIES,      /* a chart; @series, @points */
  CHRONO_ITEM_RELATION,    /* an arrow from @event to @target; @points */
  CHRONO_ITEM_TODAY,       /* the today marker */
  CHRONO_ITEM_LANE_HEADER, /* a lane's title, sticky; @lane */
  CHRONO_ITEM_LABEL,       /* a free label: series titles and values */
} ChronoItemKind;

typedef enum
{
  CHRONO_ITEM_SELECTED       = 1 << 0,
  CHRONO_ITEM_HOVERED        = 1 << 1,
  CHRONO_ITEM_FADE_START     = 1 << 2, /* approximate start: faded left edge */
  CHRONO_ITEM_FADE_END       = 1 << 3, /* approximate end */
  CHRONO_ITEM_ONGOING        = 1 << 4, /* fades out after today (@x2) */
  CHRONO_ITEM_PERIOD         = 1 << 5, /* a partial date shown as its whole period */
  CHRONO_ITEM_UNCERTAIN      = 1 << 6,
  CHRONO_ITEM_LABEL_OUTSIDE  = 1 << 7, /* the label is beside the bar */
  CHRONO_ITEM_EXPANDED       = 1 << 8, /* a lane whose clusters are open */
  CHRONO_ITEM_STEP           = 1 << 9, /* a step chart rather than a line */
  CHRONO_ITEM_DENSE          = 1 << 10, /* a series thinned to a few points a pixel column */
} ChronoItemFlags;

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} ChronoRect;

/**
 * ChronoSceneItem:
 * @kind: a #ChronoItemKind
 * @flags: #ChronoItemFlags
 * @event: the event index, or -1
 * @target: the target event of a relation, or -1
 * @lane: the lane index, or -1
 * @index: the era or series index, or -1
 * @count: events in a cluster; number of @values or @points
 * @rect: the box, in pixels; also the hit box (points include their
 *   marker and label)
 * @bar: the drawn shape (the bar of a span, the marker of a point)
 * @label: the label text or NULL; owned by the scene
 * @label_rect: where the label goes; it never overlaps another label
 * @start_time, @end_time: seconds, the times the item covers
 * @period_start, @period_end: pixels; for PERIOD, the faint whole period;
 *   for ONGOING, @period_start is today's x
 * @color: the fill colour
 * @values: DENSITY: @count column heights 0..1, SERIES/RELATION: @count
 *   x,y pairs in pixels; owned by the scene
 */
typedef struct
{
  ChronoItemKind  kind;
  guint           flags;
  int             event;
  int             target;
  int             lane;
  int             index;
  guint           count;
  ChronoRect      rect;
  ChronoRect      bar;
  const char     *label;
  ChronoRect      label_rect;
  gint64          start_time;
  gint64          end_time;
  double          period_start;
  double          period_end;
  ChronoColor     color;
  const double   *values;
} ChronoSceneItem;

/**
 * ChronoScene:
 *
 * What one frame shows: the output of the layout, the input of the
 * renderer and of hit-testing.  Items are in drawing order.  Immutable
 * once built; reference counted.
 */
typedef struct _ChronoScene ChronoScene;

ChronoScene           *chrono_scene_ref          (ChronoScene *self);
void                   chrono_scene_unref        (ChronoScene *self);
/* The items in drawing order; @n_items receives their number. */
const ChronoSceneItem *chrono_scene_get_items    (ChronoScene *self,
                                                  guint       *n_items);
/* The axis ticks, or NULL. */
const ChronoTicks     *chrono_scene_get_ticks    (ChronoScene *self);
/* The size the scene was laid out for, in pixels. */
void                   chrono_scene_get_size     (ChronoScene *self,
                                                  double      *width,
                                                  double      *height);
/* The height of all lanes, to bound vertical scrolling, in pixels. */
double                 chrono_scene_get_content_height (ChronoScene *self);
/* The height of the axis band at the top, in pixels. */
double                 chrono_scene_get_axis_height (ChronoScene *self);
/* Where the lanes start, under the axis and the eras' titles, in pixels;
 * lanes scroll under this line. */
double                 chrono_scene_get_lanes_top (ChronoScene *self);
/* The topmost event or cluster item at (@x, @y) pixels, or NULL.  Fast:
 * a bucket grid built with the scene. */
const ChronoSceneItem *chrono_scene_hit_test     (ChronoScene *self,
                                                  double       x,
                                                  double       y);
/* The item that draws event @index, or NULL when it is not drawn on its
 * own (outside the view, filtered out or in a cluster). */
const ChronoSceneItem *chrono_scene_find_event   (ChronoScene *self,
                                                  guint        index);
/* The lane band item of lane @lane, or NULL. */
const ChronoSceneItem *chrono_scene_find_lane    (ChronoScene *self,
                                                  guint        lane);
/* The events drawn on their own, in time order; @n receives the number. */
const guint           *chrono_scene_get_visible_events (ChronoScene *self,
                                                        guint       *n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronoScene, chrono_scene_unref)

G_END_DECLS
