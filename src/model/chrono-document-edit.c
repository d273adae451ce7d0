/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-document"

#include "config.h"

#include <string.h>

#include "chrono-document-private.h"
#include "chrono-hash.h"

/*
 * The storage side of editing: a mutable start order over stable event
 * slots.  The loaded events stay where the builder put them; the first
 * edit adds two arrays of 32-bit handles (position -> handle and back),
 * and an edit moves 4-byte handles and repairs only the part of the
 * interval tree, the id table, the relations and the story that it
 * touched.  docs/architecture.md ("Editing") says why this design and
 * not an overlay or a rebuild.
 */

static void
relation_set_clear (gpointer data)
{
  RelationSet *set = data;

  g_free (set->handles);
}

void
_chrono_document_free_edits (ChronoDocument *self)
{
  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->where, g_free);
  g_clear_pointer (&self->ends, g_free);
  g_clear_pointer (&self->journal, g_array_unref);
  g_clear_pointer (&self->journal_revisions, g_array_unref);
  g_clear_pointer (&self->added, g_ptr_array_unref);
  g_clear_pointer (&self->relation_sets, g_array_unref);
  g_clear_pointer (&self->story_handles, g_free);
  g_clear_pointer (&self->notes_by_handle, g_hash_table_unref);
  g_clear_pointer (&self->owned, g_ptr_array_unref);
}

void
_chrono_document_thaw (ChronoDocument *self)
{
  if (self->order != NULL)
    return;

  self->n_base = self->n_events;
  self->n_alloc = MAX (16, self->n_events + self->n_events / 64);
  self->order = g_new (guint32, self->n_alloc);
  self->where_alloc = self->n_alloc;
  self->where = g_new (guint32, self->where_alloc);
  self->ends = g_new (gint64, self->n_alloc);
  for (guint i = 0; i < self->n_events; i++)
    {
      self->order[i] = self->where[i] = i;
      self->ends[i] = self->events[i].end_time;
    }
  self->journal = g_array_new (FALSE, FALSE, sizeof (ChronoEventChange));
  self->journal_revisions = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->journal_from = self->revision;

  /* The tree grows with the order. */
  self->max_end = g_renew (gint64, self->max_end, self->n_alloc);

  self->added = g_ptr_array_new_with_free_func (g_free);
  self->owned = g_ptr_array_new_with_free_func (g_free);
  self->relation_sets = g_array_new (FALSE, FALSE, sizeof (RelationSet));
  g_array_set_clear_func (self->relation_sets, relation_set_clear);

  /* Loaded relations and story point at positions, which were handles
   * until now. */
  if (self->n_relations > 0)
    {
      RelationSet set = { self->relations, g_new (guint32, self->n_relations), self->n_relations };

      for (guint i = 0; i < set.n; i++)
        set.handles[i] = set.relations[i].event;
      g_array_append_val (self->relation_sets, set);
    }

  self->story_handles = g_memdup2 (self->story, sizeof (guint32) * self->n_story);

  if (self->id_slots == NULL)
    self->id_slots = _chrono_id_table_new (self->n_events, &self->id_mask);
  self->n_live_ids = self->n_events;

  /* The lanes and categories become growable copies. */
  if (self->lanes == NULL)
    self->lanes = g_new0 (ChronoLane, 1);
  if (self->categories == NULL)
    self->categories = g_new0 (ChronoCategory, 1);
}

const char *
_chrono_document_intern (ChronoDocument *self,
                         const char     *string)
{
  if (string == NULL)
    return NULL;

  if (self->strings == NULL)
    self->strings = g_string_chunk_new (4096);
  self->string_bytes += strlen (string) + 1;

  return g_string_chunk_insert (self->strings, string);
}

guint32
_chrono_document_get_handle (ChronoDocument *self,
                             guint           position)
{
  g_assert (position < self->n_events);

  return self->order != NULL ? self->order[position] : position;
}

/* The id table: linear probing; slots as the builder makes them
 * (SLOT_INDEX, SLOT_HASH), the index being a handle. */

static void id_table_insert (ChronoDocument *self,
                             guint32         handle);

static void
id_table_grow (ChronoDocument *self)
{
  g_autofree guint64 *old = self->id_slots;
  guint old_mask = self->id_mask;

  self->id_slots = _chrono_id_table_new ((self->n_live_ids + 1) * 2, &self->id_mask);
  self->n_live_ids = 0;
  for (guint slot = 0; slot <= old_mask; slot++)
    if (old[slot] != 0)
      id_table_insert (self, SLOT_INDEX (old[slot]) - 1);
}

static void
id_table_insert (ChronoDocument *self,
                 guint32         handle)
{
  const char *id = _chrono_document_handle_event (self, handle)->id;
  guint32 hash = _chrono_str_hash (id);
  guint slot;

  if ((gsize)(self->n_live_ids + 1) * 3 > ((gsize)self->id_mask + 1) * 2)
    id_table_grow (self);

  for (slot = hash & self->id_mask;
       self->id_slots[slot] != 0;
       slot = (slot + 1) & self->id_mask)
    ;
  self->id_slots[slot] = ((guint64) hash << 32) | (handle + 1);
  self->n_live_ids++;
}

/* Backward-shift deletion, so that lookups never meet a tombstone. */
static void
id_table_remove (ChronoDocument *self,
                 guint32         handle)
{
  const char *id = _chrono_document_handle_event (self, handle)->id;
  guint mask = self->id_mask;
  guint i, j;

  for (i = _chrono_str_hash (id) & mask; SLOT_INDEX (self->id_slots[i]) != handle + 1; i = (i + 1) & mask)
    g_assert (self->id_slots[i] != 0);

  self->id_slots[i] = 0;
  self->n_live_ids--;

  for (j = (i + 1) & mask; self->id_slots[j] != 0; j = (j + 1) & mask)
    {
      guint k = SLOT_HASH (self->id_slots[j]) & mask;

      /* Move the entry back unless its home lies cyclically in (i, j]. */
      if ((j > i && (k <= i || k > j)) || (j < i && k <= i && k > j))
        {
          self->id_slots[i] = self->id_slots[j];
          self->id_slots[j] = 0;
          i = j;
        }
    }
}

/* The interval tree over positions [lo, hi] (hi may lie past the end
 * when events went away): every node whose subtree meets the range is
 * recomputed, level by level, so a change costs O(hi - lo + log n). */

static void
update_tree (ChronoDocument *self,
             gsize           lo,
             gsize           hi)
{
  gsize n = self->n_events;
  guint top = 0;

  if (n == 0)
    {
      self->tree_level = 0;
      return;
    }

  while (((gsize)2 << top) <= n)
    top++;
  self->tree_level = top;
  hi = MAX (hi, lo);

  for (guint k = 0; k <= top; k++)
    {
      gint64 half = (gint64)1 << k;
      gint64 step = half * 2;
      gint64 first = half - 1;
      gint64 want = (gint64)lo - half + 1;
      gint64 i = first;

      if (want > first)
        i = first + (want - first + step - 1) / step * step;

      for (; i < (gint64)n && i - half + 1 <= (gint64)hi; i += step)
        {
          gint64 m = self->ends[i];

          if (k > 0)
            {
              m = MAX (m, self->max_end[i - half / 2]);
              m = MAX (m, _chrono_document_subtree_max_end (self, i + half / 2, k - 1));
            }
          self->max_end[i] = m;
        }
    }
}

/* Enough for a drag's worth of steps; past it, caches count again. */
#define JOURNAL_MAX 4096

static void
journal_add (ChronoDocument    *self,
             const ChronoEvent *event,
             int                delta)
{
  ChronoEventChange change = { event->start.time, event->end_time, event->lane, delta };
  guint64 revision = self->revision + 1;

  if (self->journal->len >= JOURNAL_MAX)
    {
      g_array_set_size (self->journal, 0);
      g_array_set_size (self->journal_revisions, 0);
      self->journal_from = self->revision;
    }

  g_array_append_val (self->journal, change);
  g_array_append_val (self->journal_revisions, revision);
}

/* Renumbered lanes: the journal's lanes mean nothing any more. */
static void
journal_reset (ChronoDocument *self)
{
  g_array_set_size (self->journal, 0);
  g_array_set_size (self->journal_revisions, 0);
  self->journal_from = self->revision + 1;
}

static void
renumber_references (ChronoDocument *self)
{
  for (guint s = 0; s < self->relation_sets->len; s++)
    {
      RelationSet *set = &g_array_index (self->relation_sets, RelationSet, s);

      for (guint i = 0; i < set->n; i++)
        {
          guint32 where = self->where[set->handles[i]];

          /* A removed target belongs to a relation that is not live
           * either (removing an event drops the relations to it first);
           * it gets its number back with its event. */
          if (where != CHRONO_NO_POSITION)
            set->relations[i].event = where;
        }
    }

  for (guint i = 0; i < self->n_story; i++)
    if (self->where[self->story_handles[i]] != CHRONO_NO_POSITION)
      self->story[i] = self->where[self->story_handles[i]];
}

void
_chrono_document_add_relations (ChronoDocument *self,
                                ChronoRelation *relations,
                                const guint32  *handles,
                                guint           n)
{
  RelationSet set = { relations, g_memdup2 (handles, sizeof (guint32) * n), n };

  g_array_append_val (self->relation_sets, set);
  for (guint i = 0; i < n; i++)
    if (self->where[handles[i]] != CHRONO_NO_POSITION)
      relations[i].event = self->where[handles[i]];
}

guint32
_chrono_document_new_handle (ChronoDocument    *self,
                             const ChronoEvent *event)
{
  ChronoEvent *copy = g_memdup2 (event, sizeof *event);
  guint32 handle = self->n_base + self->added->len;

  copy->index = handle;
  g_ptr_array_add (self->added, copy);

  if (handle >= self->where_alloc)
    {
      self->where_alloc = MAX (self->where_alloc * 2, handle + 16);
      self->where = g_renew (guint32, self->where, self->where_alloc);
    }
  self->where[handle] = CHRONO_NO_POSITION;

  return handle;
}

/* The position @event would take among the live events other than
 * itself: the first whose key is greater. */
static guint
find_place (ChronoDocument    *self,
            const ChronoEvent *event)
{
  guint lo = 0;
  guint hi = self->n_events;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (_chrono_event_compare (_chrono_document_event_at (self, mid), event) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static void
set_where (ChronoDocument *self,
           guint           lo,
           guint           hi)
{
  for (guint p = lo; p < hi; p++)
    self->where[self->order[p]] = p;
}

guint
_chrono_document_insert_handle (ChronoDocument *self,
                                guint32         handle)
{
  ChronoEvent *event = _chrono_document_handle_event (self, handle);
  guint old_n = self->n_events;
  guint pos;

  g_assert (self->where[handle] == CHRONO_NO_POSITION);

  if (old_n + 1 > self->n_alloc)
    {
      self->n_alloc = self->n_alloc * 2;
      self->order = g_renew (guint32, self->order, self->n_alloc);
      self->max_end = g_renew (gint64, self->max_end, self->n_alloc);
      self->ends = g_renew (gint64, self->ends, self->n_alloc);
    }

  pos = find_place (self, event);
  memmove (&self->order[pos + 1], &self->order[pos], sizeof (guint32) * (old_n - pos));
  memmove (&self->ends[pos + 1], &self->ends[pos], sizeof (gint64) * (old_n - pos));
  self->order[pos] = handle;
  self->ends[pos] = event->end_time;
  journal_add (self, event, +1);
  self->n_events++;
  set_where (self, pos, self->n_events);
  update_tree (self, pos, self->n_events - 1);
  id_table_insert (self, handle);
  renumber_references (self);
  if (event->extra != NULL && event->extra->n_tags > 0)
    self->tags_dirty = TRUE;

  _chrono_document_emit_changed (self, CHRONO_CHANGE_EVENTS, pos, 0, 1);

  return pos;
}

void
_chrono_document_remove_handle (ChronoDocument *self,
                                guint32         handle)
{
  ChronoEvent *event = _chrono_document_handle_event (self, handle);
  guint pos = self->where[handle];
  guint old_n = self->n_events;

  g_assert (pos != CHRONO_NO_POSITION);

  id_table_remove (self, handle);
  memmove (&self->order[pos], &self->order[pos + 1], sizeof (guint32) * (old_n - pos - 1));
  memmove (&self->ends[pos], &self->ends[pos + 1], sizeof (gint64) * (old_n - pos - 1));
  journal_add (self, event, -1);
  self->n_events--;
  self->where[handle] = CHRONO_NO_POSITION;
  set_where (self, pos, self->n_events);
  update_tree (self, pos, old_n - 1);
  renumber_references (self);
  if (event->extra != NULL && event->extra->n_tags > 0)
    self->tags_dirty = TRUE;

  _chrono_document_emit_changed (self, CHRONO_CHANGE_EVENTS, pos, 1, 0);
}

guint
_chrono_document_replace_event (ChronoDocument    *self,
                                guint32            handle,
                                const ChronoEvent *event)
{
  ChronoEvent *slot = _chrono_document_handle_event (self, handle);
  guint from = self->where[handle];
  gboolean moves;
  guint to, lo, hi;

  g_assert (from != CHRONO_NO_POSITION);
  g_assert (strcmp (slot->id, event->id) == 0);

  if (slot->extra != event->extra)
    self->tags_dirty = TRUE;

  moves = _chrono_event_compare (slot, event) != 0;
  if (slot->start.time != event->start.time || slot->end_time != event->end_time || slot->lane != event->lane)
    {
      journal_add (self, slot, -1);
      journal_add (self, event, +1);
    }
  *slot = *event;
  slot->index = handle;

  to = from;
  if (moves)
    {
      /* Take it out, find its place among the others, put it back. */
      memmove (&self->order[from], &self->order[from + 1], sizeof (guint32) * (self->n_events - from - 1));
      memmove (&self->ends[from], &self->ends[from + 1], sizeof (gint64) * (self->n_events - from - 1));
      self->n_events--;
      to = find_place (self, slot);
      memmove (&self->order[to + 1], &self->order[to], sizeof (guint32) * (self->n_events - to));
      memmove (&self->ends[to + 1], &self->ends[to], sizeof (gint64) * (self->n_events - to));
      self->order[to] = handle;
      self->n_events++;
    }
  self->ends[to] = slot->end_time;

  lo = MIN (from, to);
  hi = MAX (from, to);
  set_where (self, lo, hi + 1);
  update_tree (self, lo, hi);
  if (from != to)
    renumber_references (self);

  _chrono_document_emit_changed (self, CHRONO_CHANGE_EVENTS, lo, hi - lo + 1, hi - lo + 1);

  return to;
}

void
_chrono_document_remap_lanes (ChronoDocument *self,
                              const guint32  *map)
{
  /* Only live events: a removed one comes back only by undo or redo,
   * when the lanes are numbered again as they were when it went. */
  for (guint p = 0; p < self->n_events; p++)
    {
      ChronoEvent *event = _chrono_document_event_at (self, p);

      event->lane = map[event->lane];
    }
  journal_reset (self);

  for (guint i = 0; i < self->n_series; i++)
    self->series[i].lane = map[self->series[i].lane];
}

void
_chrono_document_remap_categories (ChronoDocument *self,
                                   const gint32   *map)
{
  for (guint p = 0; p < self->n_events; p++)
    {
      ChronoEvent *event = _chrono_document_event_at (self, p);

      if (event->category >= 0)
        event->category = map[event->category];
    }
}

static GHashTable *
index_ids (GHashTable *table,
           gsize       stride,
           gconstpointer items,
           guint       n)
{
  if (table == NULL)
    table = _chrono_str_table_new (NULL, NULL);
  g_hash_table_remove_all (table);
  for (guint i = 0; i < n; i++)
    {
      const char *id = *(const char * const *)((const char *)items + stride * i);

      g_hash_table_insert (table, (gpointer)id, GUINT_TO_POINTER (i + 1));
    }

  return table;
}

void
_chrono_document_set_lanes (ChronoDocument   *self,
                            const ChronoLane *lanes,
                            guint             n_lanes)
{
  g_free (self->lanes);
  self->lanes = g_memdup2 (lanes, sizeof (ChronoLane) * MAX (n_lanes, 1));
  self->n_lanes = n_lanes;
  self->lane_ids = index_ids (self->lane_ids, sizeof (ChronoLane), self->lanes, n_lanes);

  _chrono_document_emit_changed (self, CHRONO_CHANGE_LANES, 0, 0, 0);
}

void
_chrono_document_set_categories (ChronoDocument       *self,
                                 const ChronoCategory *categories,
                                 guint                 n_categories)
{
  g_free (self->categories);
  self->categories = g_memdup2 (categories, sizeof (ChronoCategory) * MAX (n_categories, 1));
  self->n_categories = n_categories;
  self->category_ids = index_ids (self->category_ids, sizeof (ChronoCategory),
                                  self->categories, n_categories);

  _chrono_document_emit_changed (self, CHRONO_CHANGE_CATEGORIES, 0, 0, 0);
}

void
_chrono_document_set_story (ChronoDocument *self,
                            const guint32  *handles,
                            guint           n_handles)
{
  /* Speaker notes go with their step's event: remember every step's
   * notes by handle, the first time they are seen, and give them to the
   * first step of the new story that shows that event. */
  if (self->story_notes != NULL && self->notes_by_handle == NULL)
    {
      self->notes_by_handle = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < self->n_story; i++)
        if (self->story_notes[i] != NULL &&
            !g_hash_table_contains (self->notes_by_handle, GUINT_TO_POINTER (self->story_handles[i])))
          g_hash_table_insert (self->notes_by_handle, GUINT_TO_POINTER (self->story_handles[i]),
                               (gpointer) self->story_notes[i]);
    }
  g_clear_pointer (&self->story_notes, g_free);
  if (self->notes_by_handle != NULL && n_handles > 0)
    {
      g_autoptr(GHashTable) given = g_hash_table_new (NULL, NULL);

      self->story_notes = g_new0 (const char *, n_handles);
      for (guint i = 0; i < n_handles; i++)
        if (g_hash_table_add (given, GUINT_TO_POINTER (handles[i])))
          self->story_notes[i] = g_hash_table_lookup (self->notes_by_handle, GUINT_TO_POINTER (handles[i]));
    }

  g_free (self->story_handles);
  g_free (self->story);
  self->story_handles = g_memdup2 (handles, sizeof (guint32) * n_handles);
  self->story = n_handles > 0 ? g_new (guint, n_handles) : NULL;
  self->n_story = n_handles;
  renumber_references (self);

  _chrono_document_emit_changed (self, CHRONO_CHANGE_STORY, 0, 0, 0);
}

void
_chrono_document_set_meta (ChronoDocument *self,
                           const char     *title,
                           const char     *description)
{
  g_free (self->title);
  self->title = g_strdup (title != NULL ? title : "");
  g_free (self->description);
  self->description = g_strdup (description);

  _chrono_document_emit_changed (self, CHRONO_CHANGE_META, 0, 0, 0);
}

/**
 * chrono_document_get_changes:
 * @revision: a revision the caller counted at (chrono_document_get_revision())
 * @changes: (out) (transfer none) (array length=n_changes): the changes
 *   since, oldest first; valid until the next edit
 * @n_changes: (out): their number
 *
 * Lets a cache of counts (the layout's aggregate) follow edits instead of
 * counting every event again.
 *
 * Returns: FALSE when the changes since @revision are no longer known
 */
gboolean
chrono_document_get_changes (ChronoDocument           *self,
                             guint64                   revision,
                             const ChronoEventChange **changes,
                             guint                    *n_changes)
{
  guint lo = 0, hi;

  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (changes != NULL && n_changes != NULL, FALSE);

  *changes = NULL;
  *n_changes = 0;

  if (revision == self->revision)
    return TRUE;
  if (self->journal == NULL || revision < self->journal_from || revision > self->revision)
    return FALSE;

  hi = self->journal_revisions->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->journal_revisions, guint64, mid) <= revision)
        lo = mid + 1;
      else
        hi = mid;
    }

  *changes = &g_array_index (self->journal, ChronoEventChange, lo);
  *n_changes = self->journal->len - lo;

  return TRUE;
}
