#define G_LOG_DOMAIN "chrono-document"

#include "config.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "chrono-document-private.h"
#include "chrono-hash.h"

/*
 * ChronoDocument changes after the builder seals it only through its
 * ChronoEditStack (chrono-document-edit.c), on the thread that owns it;
 * a document nobody edits may be read from any thread, an edited one
 * only where the edits happen (work on another thread, such as an
 * export or a save, must finish before the next edit).  Events are one start-sorted array of plain structs;
 * the range query walks an implicit augmented interval tree laid over that
 * array (one gint64 per event), and id lookups use an open-addressing table
 * of 32-bit indices, which keeps the model well under 160 bytes an event.
 */

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_FILE,
  PROP_N_EVENTS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (ChronoDocument, chrono_document, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
chrono_document_finalize (GObject *object)
{
  ChronoDocument *self = (ChronoDocument *)object;
  gboolean large = self->n_events >= 100000;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->events, g_free);
  g_clear_pointer (&self->max_end, g_free);
  g_clear_pointer (&self->id_slots, g_free);
  g_clear_pointer (&self->extras, g_free);
  g_clear_pointer (&self->tag_slots, g_free);
  g_clear_pointer (&self->links, g_free);
  g_clear_pointer (&self->relations, g_free);
  g_clear_pointer (&self->media, g_free);
  g_clear_pointer (&self->cover_media, g_free);
  g_clear_pointer (&self->background, g_free);
  g_clear_pointer (&self->lanes, g_free);
  g_clear_pointer (&self->categories, g_free);
  g_clear_pointer (&self->lane_ids, g_hash_table_unref);
  g_clear_pointer (&self->category_ids, g_hash_table_unref);
  g_clear_pointer (&self->series, g_free);
  g_clear_pointer (&self->points, g_free);
  g_clear_pointer (&self->eras, g_free);
  g_clear_pointer (&self->story, g_free);
  g_clear_pointer (&self->story_notes, g_free);
  g_clear_pointer (&self->tags, g_free);
  g_clear_pointer (&self->extensions, g_free);
  _chrono_document_free_edits (self);

  G_OBJECT_CLASS (chrono_document_parent_class)->finalize (object);

#ifdef __GLIBC__
  /* Closing a large document, or opening a small one instead, gives its
   * memory back: glibc keeps freed blocks below its (adaptive) mmap
   * threshold, the strings' chunks among them, in the heap. */
  if (large)
    malloc_trim (0);
#endif
}

static void
chrono_document_dispose (GObject *object)
{
  ChronoDocument *self = (ChronoDocument *)object;

  g_clear_object (&self->file);

  G_OBJECT_CLASS (chrono_document_parent_class)->dispose (object);
}

static void
chrono_document_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ChronoDocument *self = CHRONO_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_N_EVENTS:
      g_value_set_uint (value, self->n_events);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_document_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ChronoDocument *self = CHRONO_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      chrono_document_set_file (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_document_class_init (ChronoDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = chrono_document_dispose;
  object_class->finalize = chrono_document_finalize;
  object_class->get_property = chrono_document_get_property;
  object_class->set_property = chrono_document_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_EVENTS] =
    g_param_spec_uint ("n-events", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ChronoDocument::changed:
   * @flags: #ChronoChangeFlags
   * @position: the first event position that changed
   * @removed: how many positions from @position were there before
   * @added: how many are there now
   *
   * Emitted after every edit, like GListModel::items-changed over the
   * events in start order (0, 0, 0 when no event changed), so views
   * redo only what they must.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
}

void
_chrono_document_emit_changed (ChronoDocument *self,
                               guint           flags,
                               guint           position,
                               guint           removed,
                               guint           added)
{
  self->revision++;
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_EVENTS]);
  if (flags & CHRONO_CHANGE_META)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
    }
  g_signal_emit (self, signals[CHANGED], 0, flags, position, removed, added);
}

static void
chrono_document_init (ChronoDocument *self)
{
  self->title = g_strdup ("");
}

ChronoDocument *
_chrono_document_new (ChronoSourceFormat format)
{
  ChronoDocument *self = g_object_new (CHRONO_TYPE_DOCUMENT, NULL);

  self->format = format;

  return self;
}

int
_chrono_event_compare (const ChronoEvent *a,
                       const ChronoEvent *b)
{
  if (a->start.time != b->start.time)
    return a->start.time < b->start.time ? -1 : 1;
  if (a->end_time != b->end_time)
    return a->end_time < b->end_time ? -1 : 1;
  return strcmp (a->id, b->id);
}

/* The greatest end_time in the existing part of the subtree of @node at
 * @level; @node itself may lie past the end of the array, and then only
 * its left descendants can exist. */
gint64
_chrono_document_subtree_max_end (ChronoDocument *self,
                                  gsize           node,
                                  guint           level)
{
  while (node >= self->n_events)
    {
      if (level == 0)
        return G_MININT64;
      level--;
      node -= (gsize)1 << level;
    }

  return self->max_end[node];
}

static void
build_interval_tree (ChronoDocument *self)
{
  gsize n = self->n_events;
  guint k;

  g_clear_pointer (&self->max_end, g_free);
  self->tree_level = 0;

  if (n == 0)
    return;

  self->max_end = g_new (gint64, n);

  for (gsize i = 0; i < n; i += 2)
    self->max_end[i] = _chrono_document_event_at (self, i)->end_time;

  for (k = 1; ((gsize)1 << k) <= n; k++)
    {
      gsize half = (gsize)1 << (k - 1);

      for (gsize i = ((gsize)1 << k) - 1; i < n; i += (gsize)1 << (k + 1))
        {
          gint64 m = _chrono_document_event_at (self, i)->end_time;

          m = MAX (m, self->max_end[i - half]);
          m = MAX (m, _chrono_document_subtree_max_end (self, i + half, k - 1));
          self->max_end[i] = m;
        }
    }

  self->tree_level = k - 1;
}

static guint
id_hash (const char *id)
{
  return _chrono_str_hash (id);
}

/*
 * The id table: open addressing, linear probing.  A slot holds the
 * event's index + 1 in its low 32 bits (0: empty) and the id's hash in
 * its high 32 bits, so that probing compares hashes and reads an id (a
 * cache miss into the events and another into the strings, at a million
 * events) only when the hashes match (SLOT_INDEX and SLOT_HASH are in
 * chrono-document-private.h; once edited, the index is a handle).
 */

/**
 * _chrono_slugify:
 * @title: (nullable): a title
 *
 * Returns: (transfer full): an id made from @title: lower-case ASCII
 *   letters and digits joined by single dashes, at most 60, "event" when
 *   nothing is left; the builder and the edits make ids with it
 */
char *
_chrono_slugify (const char *title)
{
  g_autofree char *ascii = g_str_to_ascii (title != NULL ? title : "", "C");
  GString *slug = g_string_new (NULL);
  gboolean dash = FALSE;

  for (const char *p = ascii; *p != '\0' && slug->len < 60; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash && slug->len > 0)
            g_string_append_c (slug, '-');
          g_string_append_c (slug, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else
        dash = TRUE;
    }

  if (slug->len == 0)
    g_string_append (slug, "event");

  return g_string_free (slug, FALSE);
}

/**
 * _chrono_id_table_new:
 * @n_events: how many ids the table must hold
 * @mask: (out): the number of slots minus one
 *
 * Returns: (transfer full): an empty table, at most two thirds full once
 *   @n_events are in
 */
guint64 *
_chrono_id_table_new (guint  n_events,
                      guint *mask)
{
  gsize n_slots = 8;

  while (n_slots < (gsize)n_events + n_events / 2 + 1)
    n_slots <<= 1;

  *mask = n_slots - 1;

  return g_new0 (guint64, n_slots);
}

/**
 * _chrono_id_table_grow:
 * @n_events: how many ids the table must hold
 *
 * Returns: (transfer full): @slots (consumed) or a larger table with the
 *   same entries, at most two thirds full once @n_events are in
 */
guint64 *
_chrono_id_table_grow (guint64 *slots,
                       guint   *mask,
                       guint    n_events)
{
  guint64 *bigger;
  guint new_mask;

  if (slots != NULL && (gsize)n_events + n_events / 2 + 1 <= (gsize)*mask + 1)
    return slots;

  bigger = _chrono_id_table_new (n_events, &new_mask);
  if (slots != NULL)
    {
      for (gsize i = 0; i <= *mask; i++)
        {
          guint slot;

          if (slots[i] == 0)
            continue;
          for (slot = SLOT_HASH (slots[i]) & new_mask; bigger[slot] != 0; slot = (slot + 1) & new_mask)
            ;
          bigger[slot] = slots[i];
        }
      g_free (slots);
    }
  *mask = new_mask;
  return bigger;
}

/* The hash the id table files @id under. */
guint32
_chrono_id_hash (const char *id)
{
  return id_hash (id);
}

/**
 * _chrono_id_table_lookup:
 * @events: the events the table's indices point into
 *
 * Returns: the index of the event with @id, or -1
 */
int
_chrono_id_table_lookup (const guint64     *slots,
                         guint              mask,
                         const ChronoEvent *events,
                         const char        *id)
{
  guint32 hash = id_hash (id);

  for (guint slot = hash & mask; slots[slot] != 0; slot = (slot + 1) & mask)
    {
      guint index = SLOT_INDEX (slots[slot]) - 1;

      if (SLOT_HASH (slots[slot]) == hash && strcmp (events[index].id, id) == 0)
        return index;
    }

  return -1;
}

/**
 * _chrono_id_table_insert_hashed:
 * @events: the events the table's indices point into; event @index
 *   need not be among them yet
 * @index: the event to add
 * @id: its id
 * @hash: _chrono_id_hash (@id)
 *
 * Returns: -1 when added, or the index of the event that already has
 *   that id (and then nothing is added)
 */
int
_chrono_id_table_insert_hashed (guint64           *slots,
                                guint              mask,
                                const ChronoEvent *events,
                                guint              index,
                                const char        *id,
                                guint32            hash)
{
  guint slot;

  for (slot = hash & mask; slots[slot] != 0; slot = (slot + 1) & mask)
    {
      guint other = SLOT_INDEX (slots[slot]) - 1;

      if (SLOT_HASH (slots[slot]) == hash && strcmp (events[other].id, id) == 0)
        return other;
    }

  slots[slot] = ((guint64) hash << 32) | (index + 1);

  return -1;
}

/**
 * _chrono_id_table_insert:
 * @index: the event to add, by its id
 *
 * Returns: -1 when added, or the index of the event that already has
 *   that id (and then nothing is added)
 */
int
_chrono_id_table_insert (guint64           *slots,
                         guint              mask,
                         const ChronoEvent *events,
                         guint              index)
{
  const char *id = events[index].id;

  return _chrono_id_table_insert_hashed (slots, mask, events, index, id, id_hash (id));
}

/* Points the table at events renumbered by @rank (old index -> new). */
void
_chrono_id_table_renumber (guint64     *slots,
                           guint        mask,
                           const guint *rank)
{
  for (gsize slot = 0; slot <= mask; slot++)
    if (slots[slot] != 0)
      slots[slot] = (slots[slot] & ~(guint64) G_MAXUINT32) | (rank[SLOT_INDEX (slots[slot]) - 1] + 1);
}

static void
build_id_table (ChronoDocument *self)
{
  g_clear_pointer (&self->id_slots, g_free);
  self->id_slots = _chrono_id_table_new (self->n_events, &self->id_mask);

  for (guint i = 0; i < self->n_events; i++)
    _chrono_id_table_insert (self->id_slots, self->id_mask, self->events, i);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static void
build_tags (ChronoDocument *self)
{
  g_autoptr(GHashTable) seen = _chrono_str_table_new (NULL, NULL);
  GPtrArray *tags = g_ptr_array_new ();
  guint n = self->order != NULL ? self->n_events : self->n_extras;

  for (guint i = 0; i < n; i++)
    {
      const ChronoEventExtra *extra = self->order != NULL
                                      ? _chrono_document_event_at (self, i)->extra
                                      : &self->extras[i];

      if (extra == NULL)
        continue;

      for (guint j = 0; j < extra->n_tags; j++)
        {
          if (g_hash_table_add (seen, (gpointer)extra->tags[j]))
            g_ptr_array_add (tags, (gpointer)extra->tags[j]);
        }
    }

  g_ptr_array_sort (tags, compare_strings);
  self->n_tags = tags->len;
  g_ptr_array_add (tags, NULL);

  g_clear_pointer (&self->tags, g_free);
  self->tags = (const char **)g_ptr_array_free (tags, FALSE);
}

void
_chrono_document_seal (ChronoDocument *self)
{
  g_assert (CHRONO_IS_DOCUMENT (self));

  build_interval_tree (self);
  if (self->id_slots == NULL)
    build_id_table (self);

  /* Lanes and categories are renumbered by edits; their ids stay. */
  for (guint i = 0; i < self->n_extensions; i++)
    {
      ChronoExtension *x = &self->extensions[i];

      if (x->kind == CHRONO_RECORD_LANE && x->index < self->n_lanes)
        x->owner = self->lanes[x->index].id;
      else if (x->kind == CHRONO_RECORD_CATEGORY && x->index < self->n_categories)
        x->owner = self->categories[x->index].id;
    }
  build_tags (self);

  if (self->lane_ids == NULL)
    self->lane_ids = _chrono_str_table_new (NULL, NULL);
  g_hash_table_remove_all (self->lane_ids);
  for (guint i = 0; i < self->n_lanes; i++)
    g_hash_table_insert (self->lane_ids, (gpointer)self->lanes[i].id, GUINT_TO_POINTER (i + 1));

  if (self->category_ids == NULL)
    self->category_ids = _chrono_str_table_new (NULL, NULL);
  g_hash_table_remove_all (self->category_ids);
  for (guint i = 0; i < self->n_categories; i++)
    g_hash_table_insert (self->category_ids, (gpointer)self->categories[i].id, GUINT_TO_POINTER (i + 1));
}

/**
 * chrono_document_get_title:
 *
 * Returns: (transfer none): the title, "" when the file has none
 */
const char *
chrono_document_get_title (ChronoDocument *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), NULL);

  return self->title;
}

/**
 * chrono_document_get_description:
 *
 * Returns: (transfer none) (nullable): the description, plain text
 */
const char *
chrono_document_get_description (ChronoDocument *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), NULL);

  return self->description;
}

/**
 * chrono_document_get_file:
 *
 * Returns: (transfer none) (nullable): the file the document was loaded from
 */
GFile *
chrono_document_get_file (ChronoDocument *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), NULL);

  return self->file;
}

/**
 * chrono_document_set_file:
 * @file: (nullable): the file the document came from; a reference is taken
 *
 * The only mutable part of a document; the loader sets it.
 */
void
chrono_document_set_file (ChronoDocument *self,
                          GFile          *file)
{
  g_return_if_fail (CHRONO_IS_DOCUMENT (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

/**
 * chrono_document_get_format:
 *
 * Returns: the format the document was read from
 */
ChronoSourceFormat
chrono_document_get_format (ChronoDocument *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), CHRONO_FORMAT_NATIVE);

  return self->format;
}

/**
 * chrono_document_get_n_events:
 *
 * Returns: the number of events
 */
guint
chrono_document_get_n_events (ChronoDocument *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), 0);

  return self->n_events;
}

/**
 * chrono_document_get_event:
 * @index: an index below chrono_document_get_n_events()
 *
 * Returns: (transfer none): the event at @index of the start-sorted array;
 *   valid as long as the document
 */
const ChronoEvent *
chrono_document_get_event (ChronoDocument *self,
                           guint           index)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < self->n_events, NULL);

  return _chrono_document_event_at (self, index);
}

/**
 * chrono_document_find_event:
 * @id: an event id
 *
 * Returns: the index of the event with @id, or -1
 */
int
chrono_document_find_event (ChronoDocument *self,
                            const char     *id)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), -1);
  g_return_val_if_fail (id != NULL, -1);

  if (self->id_slots == NULL)
    return -1;

  if (self->order != NULL)
    {
      guint32 hash = id_hash (id);

      for (guint slot = hash & self->id_mask; self->id_slots[slot] != 0; slot = (slot + 1) & self->id_mask)
        {
          guint32 handle = SLOT_INDEX (self->id_slots[slot]) - 1;

          if (SLOT_HASH (self->id_slots[slot]) == hash &&
              strcmp (_chrono_document_handle_event (self, handle)->id, id) == 0)
            return self->where[handle];
        }
      return -1;
    }

  return _chrono_id_table_lookup (self->id_slots, self->id_mask, self->events, id);
}

/**
 * chrono_document_get_n_lanes:
 *
 * Returns: the number of lanes, the default lane included
 */
guint
chrono_document_get_n_lanes (ChronoDocument *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), 0);

  return self->n_lanes;
}

/**
 * chrono_document_get_lane:
 * @index: a lane index, in declaration order
 *
 * Returns: (transfer none): the lane
 */
const ChronoLane *
chrono_document_get_lane (ChronoDocument *self,
                          guint           index)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < self->n_lanes, NULL);

  return &self->lanes[index];
}

/**
 * chrono_document_find_lane:
 * @id: a lane id
 *
 * Returns: the index of the lane with @id, or -1
 */
int
chrono_document_find_lane (ChronoDocument *self,
                           const char     *id)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), -1);
  g_return_val_if_fail (id != NULL, -1);

  if (self->lane_ids == NULL)
    return -1;

  return GPOINTER_TO_INT (g_hash_table_lookup (self->lane_ids, id)) - 1;
}

/**
 * chrono_document_get_n_categories:
 *
 * Returns: the number of categories
 */
guint
chrono_document_get_n_categories (ChronoDocument *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), 0);

  return self->n_categories;
}

/**
 * chrono_document_get_category:
 * @index: a category index, in declaration order
 *
 * Returns: (transfer none): the category
 */
const ChronoCategory *
chrono_document_get_category (ChronoDocument *self,
                              guint           index)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < self->n_categories, NULL);

  return &self->categories[index];
}

/**
 * chrono_document_find_category:
 * @id: a category id
 *
 * Returns: the index of the category with @id, or -1
 */
int
chrono_document_find_category (ChronoDocument *self,
                               const char     *id)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), -1);
  g_return_val_if_fail (id != NULL, -1);

  if (self->category_ids == NULL)
    return -1;

  return GPOINTER_TO_INT (g_hash_table_lookup (self->category_ids, id)) - 1;
}

/**
 * chrono_document_get_n_series:
 *
 * Returns: the number of series
 */
guint
chrono_document_get_n_series (ChronoDocument *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), 0);

  return self->n_series;
}

/**
 * chrono_document_get_series:
 * @index: a series index, in declaration order
 *
 * Returns: (transfer none): the series, its points sorted by date
 */
const ChronoSeries *
chrono_document_get_series (ChronoDocument *self,
                            guint           index)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < self->n_series, NULL);

  return &self->series[index];
}

/**
 * chrono_document_get_n_eras:
 *
 * Returns: the number of eras
 */
guint
chrono_document_get_n_eras (ChronoDocument *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), 0);

  return self->n_eras;
}

/**
 * chrono_document_get_era:
 * @index: an era index; eras are sorted by start
 *
 * Returns: (transfer none): the era
 */
const ChronoEra *
chrono_document_get_era (ChronoDocument *self,
                         guint           index)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < self->n_eras, NULL);

  return &self->eras[index];
}

/**
 * chrono_document_get_story:
 * @n_steps: (out): the number of steps
 *
 * Returns: (transfer none) (array length=n_steps): event indices in story
 *   order, or NULL when there is no story
 */
const guint *
chrono_document_get_story (ChronoDocument *self,
                           guint          *n_steps)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (n_steps != NULL, NULL);

  *n_steps = self->n_story;

  return self->story;
}

/**
 * chrono_document_get_story_notes:
 * @step: a story step, below the number chrono_document_get_story() gives
 *
 * Returns: (transfer none) (nullable): the step's speaker notes, owned
 *   by the document, or NULL
 */
const char *
chrono_document_get_story_notes (ChronoDocument *self,
                                 guint           step)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (step < self->n_story, NULL);

  return self->story_notes != NULL ? self->story_notes[step] : NULL;
}

/**
 * chrono_document_get_cover_media:
 *
 * Returns: (transfer none) (nullable): the media of the cover, owned by
 *   the document, or NULL
 */
const ChronoMedia *
chrono_document_get_cover_media (ChronoDocument *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), NULL);

  return self->cover_media;
}

/**
 * chrono_document_get_background:
 *
 * Returns: (transfer none) (nullable): the cover's background, owned by
 *   the document, or NULL
 */
const ChronoBackground *
chrono_document_get_background (ChronoDocument *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), NULL);

  return self->background;
}

/**
 * chrono_document_get_event_media:
 * @index: an event index, below chrono_document_get_n_events()
 *
 * Returns: (transfer none) (nullable): the event's media, or NULL
 */
const ChronoMedia *
chrono_document_get_event_media (ChronoDocument *self,
                                 guint           index)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < self->n_events, NULL);

  return self->events[index].extra != NULL ? self->events[index].extra->media : NULL;
}

/**
 * chrono_media_url_is_remote:
 * @url: (nullable): a picture as named in a file
 *
 * Returns: TRUE for http and https URLs, which are only fetched with the
 *   user's consent
 */
gboolean
chrono_media_url_is_remote (const char *url)
{
  return url != NULL &&
         (g_ascii_strncasecmp (url, "http://", 7) == 0 ||
          g_ascii_strncasecmp (url, "https://", 8) == 0);
}

/**
 * chrono_document_resolve_media:
 * @url: (nullable): a picture as named in the file
 * @remote: (out) (optional): TRUE when the result is a URL on the web
 *
 * Returns: (transfer full) (nullable): the URL, or the absolute path of
 *   the local file
 */
char *
chrono_document_resolve_media (ChronoDocument *self,
                               const char     *url,
                               gboolean       *remote)
{
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), NULL);

  if (remote != NULL)
    *remote = FALSE;
  if (url == NULL || url[0] == '\0')
    return NULL;
  if (chrono_media_url_is_remote (url))
    {
      if (remote != NULL)
        *remote = TRUE;
      return g_strdup (url);
    }
  if (g_path_is_absolute (url))
    return g_strdup (url);

  dir = self->file != NULL ? g_file_get_parent (self->file) : NULL;
  if (dir == NULL)
    {
      g_autofree char *cwd = g_get_current_dir ();

      return g_build_filename (cwd, url, NULL);
    }
  file = g_file_resolve_relative_path (dir, url);
  return g_file_get_path (file);
}

static void
add_remote (GHashTable *seen,
            GPtrArray  *out,
            const char *url)
{
  if (!chrono_media_url_is_remote (url) || g_hash_table_contains (seen, url))
    return;
  g_hash_table_add (seen, (gpointer) url);
  if (out != NULL)
    g_ptr_array_add (out, g_strdup (url));
}

static void
add_media_remote (GHashTable        *seen,
                  GPtrArray         *out,
                  const ChronoMedia *media)
{
  if (media == NULL)
    return;
  if (media->kind == CHRONO_MEDIA_IMAGE)
    add_remote (seen, out, media->url);
  add_remote (seen, out, media->thumbnail);
}

/**
 * chrono_document_count_remote_images:
 * @out: (nullable) (element-type utf8): receives each URL once
 *
 * Counts the pictures on the web that the document names, each once,
 * for the question whether to load them.
 *
 * Returns: how many
 */
guint
chrono_document_count_remote_images (ChronoDocument *self,
                                     GPtrArray      *out)
{
  g_autoptr(GHashTable) seen = NULL;

  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), 0);

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  add_media_remote (seen, out, self->cover_media);
  if (self->background != NULL)
    add_remote (seen, out, self->background->image);
  for (guint i = 0; i < self->n_lanes; i++)
    add_remote (seen, out, self->lanes[i].image);
  for (guint i = 0; i < self->n_media; i++)
    add_media_remote (seen, out, &self->media[i]);
  return g_hash_table_size (seen);
}

/**
 * chrono_document_get_tags:
 *
 * Returns: (transfer none): every distinct tag, sorted bytewise,
 *   NULL-terminated
 */
const char * const *
chrono_document_get_tags (ChronoDocument *self)
{
  static const char *empty[] = { NULL };

  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), NULL);

  if (self->tags_dirty)
    {
      build_tags (self);
      self->tags_dirty = FALSE;
    }

  if (self->tags == NULL)
    return empty;

  return (const char * const *)self->tags;
}

/**
 * chrono_document_get_bounds:
 * @start: (out) (optional): the earliest start, in seconds
 * @end: (out) (optional): the latest exclusive end, in seconds
 *
 * Spans events, series points (each over its date's period) and eras.
 *
 * Returns: FALSE when the document has nothing dated
 */
gboolean
chrono_document_get_bounds (ChronoDocument *self,
                            gint64         *start,
                            gint64         *end)
{
  gint64 lo = G_MAXINT64;
  gint64 hi = G_MININT64;

  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), FALSE);

  if (self->n_events > 0)
    {
      lo = _chrono_document_event_at (self, 0)->start.time;
      hi = self->max_end[((gsize)1 << self->tree_level) - 1];
    }

  for (guint i = 0; i < self->n_points; i++)
    {
      lo = MIN (lo, self->points[i].date.time);
      hi = MAX (hi, chrono_date_get_period_end (&self->points[i].date));
    }

  for (guint i = 0; i < self->n_eras; i++)
    {
      lo = MIN (lo, self->eras[i].start.time);
      hi = MAX (hi, self->eras[i].end_time);
    }

  if (lo > hi)
    return FALSE;

  if (start != NULL)
    *start = lo;
  if (end != NULL)
    *end = hi;

  return TRUE;
}

typedef struct
{
  gsize node;
  guint level;
  guint left_done : 1;
} QueryFrame;

/**
 * chrono_document_query_range:
 * @from: start of the range, seconds
 * @to: exclusive end of the range, seconds
 * @out: a #GArray of guint to append to
 *
 * Appends the indices, ascending, of the events that overlap
 * [@from, @to): start < @to and end_time > @from.  O(log n + k): an
 * in-order walk of the implicit interval tree that skips subtrees ending
 * before @from and stops right of the first start at or after @to.
 */
void
chrono_document_query_range (ChronoDocument *self,
                             gint64          from,
                             gint64          to,
                             GArray         *out)
{
  QueryFrame stack[2 * 64 + 2];
  guint depth = 0;
  gsize n;

  g_return_if_fail (CHRONO_IS_DOCUMENT (self));
  g_return_if_fail (out != NULL);
  g_return_if_fail (g_array_get_element_size (out) == sizeof (guint));

  n = self->n_events;
  if (n == 0 || from >= to)
    return;

  stack[depth++] = (QueryFrame) { ((gsize)1 << self->tree_level) - 1, self->tree_level, FALSE };

  while (depth > 0)
    {
      QueryFrame z = stack[--depth];

      if (!z.left_done)
        {
          /* Nothing in this subtree reaches into the range. */
          if (z.node < n && self->max_end[z.node] <= from)
            continue;

          if (z.level <= 3)
            {
              /* Small subtree: a linear scan is cheaper than the walk. */
              gsize lo = (z.node >> z.level) << z.level;
              gsize hi = MIN (lo + ((gsize)1 << (z.level + 1)) - 1, n);

              for (gsize i = lo; i < hi && _chrono_document_event_at (self, i)->start.time < to; i++)
                {
                  if (_chrono_document_event_at (self, i)->end_time > from)
                    {
                      guint index = i;
                      g_array_append_val (out, index);
                    }
                }
              continue;
            }

          stack[depth++] = (QueryFrame) { z.node, z.level, TRUE };
          stack[depth++] = (QueryFrame) { z.node - ((gsize)1 << (z.level - 1)), z.level - 1, FALSE };
        }
      else if (z.node < n && _chrono_document_event_at (self, z.node)->start.time < to)
        {
          if (_chrono_document_event_at (self, z.node)->end_time > from)
            {
              guint index = z.node;
              g_array_append_val (out, index);
            }
          stack[depth++] = (QueryFrame) { z.node + ((gsize)1 << (z.level - 1)), z.level - 1, FALSE };
        }
    }
}

/**
 * chrono_document_get_extensions:
 * @kind: the kind of item
 * @index: the item's index among its kind (0 for the document)
 *
 * The item's "x-" extension members, kept by the native reader so that
 * saving writes them back: the compact JSON text of an object holding
 * them in the order of the file, such as {"x-source":"wikidata"}.
 * Found by binary search in a table that only items with extension
 * members take room in.
 *
 * Returns: (nullable): the JSON text, owned by the document, or NULL
 */
const char *
chrono_document_get_extensions (ChronoDocument *self,
                                ChronoRecordKind  kind,
                                guint           index)
{
  guint lo = 0, hi;

  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), NULL);

  /* By the lane's or category's id, which follows it through edits. */
  if ((kind == CHRONO_RECORD_LANE && index < self->n_lanes) ||
      (kind == CHRONO_RECORD_CATEGORY && index < self->n_categories))
    {
      const char *id = kind == CHRONO_RECORD_LANE ? self->lanes[index].id : self->categories[index].id;

      for (guint i = 0; i < self->n_extensions; i++)
        if (self->extensions[i].kind == (guint32) kind && self->extensions[i].owner != NULL &&
            g_strcmp0 (self->extensions[i].owner, id) == 0)
          return self->extensions[i].json;
      return NULL;
    }

  hi = self->n_extensions;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const ChronoExtension *x = &self->extensions[mid];

      if (x->kind < (guint32) kind || (x->kind == (guint32) kind && x->index < index))
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo < self->n_extensions && self->extensions[lo].kind == (guint32) kind &&
      self->extensions[lo].index == index)
    return self->extensions[lo].json;

  return NULL;
}

/**
 * chrono_document_get_memory_size:
 * @string_bytes: (out) (optional): bytes held by strings: the string
 *   chunk's contents, the title and the description
 *
 * Counts every array and table the document owns.  Hash tables count
 * their buckets as GLib lays them out (about three pointers' worth per
 * bucket, buckets a power of two above the entries).
 *
 * Returns: bytes of model memory, strings excluded
 */
gsize
chrono_document_get_memory_size (ChronoDocument *self,
                                 gsize          *string_bytes)
{
  gsize size;

  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), 0);

  size = sizeof *self;
  size += (gsize)self->n_events * (sizeof (ChronoEvent) + sizeof (gint64));
  if (self->id_slots != NULL)
    size += ((gsize)self->id_mask + 1) * sizeof (guint64);
  size += (gsize)self->n_extras * sizeof (ChronoEventExtra);
  size += (gsize)self->n_tag_slots * sizeof (char *);
  size += (gsize)self->n_links * sizeof (ChronoLink);
  size += (gsize)self->n_relations * sizeof (ChronoRelation);
  size += (gsize)self->n_media * sizeof (ChronoMedia);
  if (self->cover_media != NULL)
    size += sizeof (ChronoMedia);
  if (self->background != NULL)
    size += sizeof (ChronoBackground);
  size += (gsize)self->n_lanes * sizeof (ChronoLane);
  size += (gsize)self->n_categories * sizeof (ChronoCategory);
  size += (gsize)self->n_series * sizeof (ChronoSeries);
  size += (gsize)self->n_points * sizeof (ChronoSeriesPoint);
  size += (gsize)self->n_eras * sizeof (ChronoEra);
  size += (gsize)self->n_story * sizeof (guint);
  if (self->story_notes != NULL)
    size += (gsize)self->n_story * sizeof (char *);
  size += ((gsize)self->n_tags + 1) * sizeof (char *);
  size += (gsize)self->n_extensions * sizeof (ChronoExtension);
  /* GHashTable: keys, values and hashes per bucket, 8 buckets at least. */
  size += 2 * (sizeof (char *) * 2 + sizeof (guint)) * (MAX (self->n_lanes, 4) + MAX (self->n_categories, 4));

  if (self->order != NULL)
    size += (gsize)self->n_alloc * (sizeof (guint32) + sizeof (gint64)) +
            ((gsize)self->n_base + self->added->len) * sizeof (guint32) +
            (gsize)self->added->len * (sizeof (ChronoEvent) + sizeof (gpointer));

  if (string_bytes != NULL)
    {
      *string_bytes = self->string_bytes;
      if (self->title != NULL)
        *string_bytes += strlen (self->title) + 1;
      if (self->description != NULL)
        *string_bytes += strlen (self->description) + 1;
    }

  return size;
}

/**
 * chrono_document_get_revision:
 *
 * Returns: how many edits the document has seen; 0 for one as loaded
 */
guint64
chrono_document_get_revision (ChronoDocument *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), 0);

  return self->revision;
}

/**
 * chrono_document_get_n_handles:
 *
 * Returns: one more than the greatest #ChronoEvent.index of any event the
 *   document has held, removed ones included: the size of a per-event
 *   cache keyed by index
 */
guint
chrono_document_get_n_handles (ChronoDocument *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), 0);

  if (self->order == NULL)
    return self->n_events;

  return self->n_base + self->added->len;
}

/**
 * chrono_document_get_position:
 * @event: an event of @self
 *
 * Returns: the position of @event in start order, or -1 when it has been
 *   removed (an event's memory stays valid as long as the document)
 */
int
chrono_document_get_position (ChronoDocument    *self,
                              const ChronoEvent *event)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (self), -1);
  g_return_val_if_fail (event != NULL, -1);

  if (self->order == NULL)
    return event->index;

  if (self->where[event->index] == CHRONO_NO_POSITION)
    return -1;

  return self->where[event->index];
}
