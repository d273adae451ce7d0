#define G_LOG_DOMAIN "chrono-scene"

#include "config.h"

#include <math.h>

#include "chrono-scene-private.h"

#define HIT_CELL 32.0

ChronoScene *
_chrono_scene_new (double width,
                   double height)
{
  ChronoScene *self = g_new0 (ChronoScene, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->items = g_array_sized_new (FALSE, TRUE, sizeof (ChronoSceneItem), 256);
  self->strings = g_string_chunk_new (4096);
  self->blocks = g_ptr_array_new_with_free_func (g_free);
  self->event_items = g_hash_table_new (NULL, NULL);
  self->visible_events = g_array_new (FALSE, FALSE, sizeof (guint));
  self->width = width;
  self->height = height;

  return self;
}

ChronoScene *
chrono_scene_ref (ChronoScene *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
chrono_scene_unref (ChronoScene *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->ticks, chrono_ticks_free);
  g_clear_pointer (&self->event_items, g_hash_table_unref);
  g_clear_pointer (&self->visible_events, g_array_unref);
  g_clear_pointer (&self->grid_offsets, g_free);
  g_clear_pointer (&self->grid_items, g_free);
  g_free (self);
}

ChronoSceneItem *
_chrono_scene_add_item (ChronoScene    *self,
                        ChronoItemKind  kind)
{
  ChronoSceneItem *item;

  g_array_set_size (self->items, self->items->len + 1);
  item = &g_array_index (self->items, ChronoSceneItem, self->items->len - 1);
  item->kind = kind;
  item->event = -1;
  item->target = -1;
  item->lane = -1;
  item->index = -1;

  return item;
}

const char *
_chrono_scene_intern (ChronoScene *self,
                      const char  *text)
{
  if (text == NULL)
    return NULL;

  return g_string_chunk_insert_const (self->strings, text);
}

double *
_chrono_scene_alloc_values (ChronoScene *self,
                            guint        n)
{
  double *values = g_new0 (double, MAX (n, 1));

  g_ptr_array_add (self->blocks, values);
  return values;
}

static gboolean
is_hit_target (const ChronoSceneItem *item)
{
  return item->kind == CHRONO_ITEM_SPAN ||
         item->kind == CHRONO_ITEM_POINT ||
         item->kind == CHRONO_ITEM_CLUSTER;
}

static void
cell_range (ChronoScene      *self,
            const ChronoRect *rect,
            guint            *c0,
            guint            *c1,
            guint            *r0,
            guint            *r1)
{
  double x0 = floor (rect->x / HIT_CELL);
  double x1 = floor ((rect->x + rect->width) / HIT_CELL);
  double y0 = floor (rect->y / HIT_CELL);
  double y1 = floor ((rect->y + rect->height) / HIT_CELL);

  *c0 = (guint) CLAMP (x0, 0, self->grid_columns - 1);
  *c1 = (guint) CLAMP (x1, 0, self->grid_columns - 1);
  *r0 = (guint) CLAMP (y0, 0, self->grid_rows - 1);
  *r1 = (guint) CLAMP (y1, 0, self->grid_rows - 1);
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint ua = *(const guint *) a;
  guint ub = *(const guint *) b;

  return ua < ub ? -1 : ua > ub;
}

gboolean
_chrono_scene_item_text_box (const ChronoSceneItem *item,
                             ChronoRect            *box)
{
  switch (item->kind)
    {
    case CHRONO_ITEM_LANE_HEADER:
      *box = item->rect;
      return TRUE;
    case CHRONO_ITEM_CLUSTER:
    case CHRONO_ITEM_SERIES:
      *box = item->bar;
      return TRUE;
    case CHRONO_ITEM_ERA:
    case CHRONO_ITEM_SPAN:
    case CHRONO_ITEM_POINT:
    case CHRONO_ITEM_LABEL:
    case CHRONO_ITEM_RELATION:
      *box = item->label_rect;
      return item->label != NULL && item->label_rect.width > 1;
    default:
      return FALSE;
    }
}

void
_chrono_scene_finish (ChronoScene *self)
{
  guint n_cells;
  g_autofree guint *fill = NULL;

  self->grid_columns = (guint) MAX (1, ceil (self->width / HIT_CELL));
  self->grid_rows = (guint) MAX (1, ceil (self->height / HIT_CELL));
  n_cells = self->grid_columns * self->grid_rows;
  self->grid_offsets = g_new0 (guint, n_cells + 1);

  /* Two passes: count per cell, then fill (a compact CSR layout). */
  for (guint i = 0; i < self->items->len; i++)
    {
      const ChronoSceneItem *item = &g_array_index (self->items, ChronoSceneItem, i);
      guint c0, c1, r0, r1;

      if (item->event >= 0 && (item->kind == CHRONO_ITEM_SPAN || item->kind == CHRONO_ITEM_POINT))
        {
          g_hash_table_insert (self->event_items, GUINT_TO_POINTER (item->event), GUINT_TO_POINTER (i + 1));
          g_array_append_val (self->visible_events, item->event);
        }

      if (!is_hit_target (item) ||
          item->rect.x + item->rect.width < 0 || item->rect.x > self->width ||
          item->rect.y + item->rect.height < 0 || item->rect.y > self->height)
        continue;

      cell_range (self, &item->rect, &c0, &c1, &r0, &r1);
      for (guint r = r0; r <= r1; r++)
        for (guint c = c0; c <= c1; c++)
          self->grid_offsets[r * self->grid_columns + c + 1]++;
    }

  for (guint i = 1; i <= n_cells; i++)
    self->grid_offsets[i] += self->grid_offsets[i - 1];

  self->grid_items = g_new (guint, MAX (1, self->grid_offsets[n_cells]));
  fill = g_new0 (guint, n_cells);

  for (guint i = 0; i < self->items->len; i++)
    {
      const ChronoSceneItem *item = &g_array_index (self->items, ChronoSceneItem, i);
      guint c0, c1, r0, r1;

      if (!is_hit_target (item) ||
          item->rect.x + item->rect.width < 0 || item->rect.x > self->width ||
          item->rect.y + item->rect.height < 0 || item->rect.y > self->height)
        continue;

      cell_range (self, &item->rect, &c0, &c1, &r0, &r1);
      for (guint r = r0; r <= r1; r++)
        for (guint c = c0; c <= c1; c++)
          {
            guint cell = r * self->grid_columns + c;

            self->grid_items[self->grid_offsets[cell] + fill[cell]++] = i;
          }
    }

  /* Event indices follow the document's start order, so sorting the
   * indices puts the visible events in time order. */
  g_array_sort (self->visible_events, compare_uint);
}

const ChronoSceneItem *
chrono_scene_get_items (ChronoScene *self,
                        guint       *n_items)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_items != NULL)
    *n_items = self->items->len;

  return (const ChronoSceneItem *) (gpointer) self->items->data;
}

const ChronoTicks *
chrono_scene_get_ticks (ChronoScene *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->ticks;
}

void
chrono_scene_get_size (ChronoScene *self,
                       double      *width,
                       double      *height)
{
  g_return_if_fail (self != NULL);

  if (width != NULL)
    *width = self->width;
  if (height != NULL)
    *height = self->height;
}

double
chrono_scene_get_content_height (ChronoScene *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->content_height;
}

double
chrono_scene_get_axis_height (ChronoScene *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->axis_height;
}

double
chrono_scene_get_lanes_top (ChronoScene *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return MAX (self->lanes_top, self->axis_height);
}

static gboolean
rect_contains (const ChronoRect *rect,
               double            x,
               double            y)
{
  return x >= rect->x && x < rect->x + rect->width &&
         y >= rect->y && y < rect->y + rect->height;
}

const ChronoSceneItem *
chrono_scene_hit_test (ChronoScene *self,
                       double       x,
                       double       y)
{
  guint column, row, cell;
  const ChronoSceneItem *items;

  g_return_val_if_fail (self != NULL, NULL);

  if (x < 0 || y < 0 || x >= self->width || y >= self->height ||
      y < MAX (self->lanes_top, self->axis_height))
    return NULL;

  column = MIN ((guint) (x / HIT_CELL), self->grid_columns - 1);
  row = MIN ((guint) (y / HIT_CELL), self->grid_rows - 1);
  cell = row * self->grid_columns + column;
  items = (const ChronoSceneItem *) (gpointer) self->items->data;

  /* Later items are drawn on top: look from the end. */
  for (guint i = self->grid_offsets[cell + 1]; i > self->grid_offsets[cell]; i--)
    {
      const ChronoSceneItem *item = &items[self->grid_items[i - 1]];

      if (rect_contains (&item->rect, x, y))
        return item;
    }

  return NULL;
}

const ChronoSceneItem *
chrono_scene_find_event (ChronoScene *self,
                         guint        index)
{
  guint position;

  g_return_val_if_fail (self != NULL, NULL);

  position = GPOINTER_TO_UINT (g_hash_table_lookup (self->event_items, GUINT_TO_POINTER (index)));
  if (position == 0)
    return NULL;

  return &g_array_index (self->items, ChronoSceneItem, position - 1);
}

const ChronoSceneItem *
chrono_scene_find_lane (ChronoScene *self,
                        guint        lane)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      const ChronoSceneItem *item = &g_array_index (self->items, ChronoSceneItem, i);

      if (item->kind == CHRONO_ITEM_LANE && item->lane == (int) lane)
        return item;
    }

  return NULL;
}

const guint *
chrono_scene_get_visible_events (ChronoScene *self,
                                 guint       *n)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n != NULL)
    *n = self->visible_events->len;

  return (const guint *) (gpointer) self->visible_events->data;
}
