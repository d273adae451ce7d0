#pragma once

#include "chrono-scene.h"

G_BEGIN_DECLS

struct _ChronoScene
{
  gatomicrefcount  ref_count;
  GArray          *items;       /* of ChronoSceneItem */
  GStringChunk    *strings;
  GPtrArray       *blocks;      /* double arrays owned by the scene */
  ChronoTicks     *ticks;
  double           width;
  double           height;
  double           axis_height;
  double           lanes_top;
  double           content_height;
  GHashTable      *event_items; /* event index -> item index + 1 */
  GArray          *visible_events; /* of guint */

  /* The hit grid: cells of HIT_CELL pixels, each a list of item indices. */
  guint            grid_columns;
  guint            grid_rows;
  guint           *grid_offsets; /* grid_columns * grid_rows + 1 */
  guint           *grid_items;
};

ChronoScene     *_chrono_scene_new            (double           width,
                                               double           height);
ChronoSceneItem *_chrono_scene_add_item       (ChronoScene     *self,
                                               ChronoItemKind   kind);
const char      *_chrono_scene_intern         (ChronoScene     *self,
                                               const char      *text);
double          *_chrono_scene_alloc_values   (ChronoScene     *self,
                                               guint            n);
/* Where @item draws text or a chart, in *@box (the label's box, a lane
 * title's or a cluster's pill, a chart's area); FALSE when it draws
 * neither.  Lines (today, relations) are knocked out around these boxes
 * so that no line runs through text or a chart. */
gboolean         _chrono_scene_item_text_box  (const ChronoSceneItem *item,
                                               ChronoRect            *box);
/* How far a knocked-out line stays from text, pixels at scale 1. */
#define CHRONO_KNOCKOUT_MARGIN 2.0

/* Builds the hit grid and the event index; call once all items are in. */
void             _chrono_scene_finish         (ChronoScene     *self);

G_END_DECLS
