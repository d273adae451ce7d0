#pragma once

#include "chrono-document.h"

G_BEGIN_DECLS

/*
 * The document's storage, shared with the builder that fills it.  Every
 * array is one allocation owned by the document; strings live in
 * @strings.  After _chrono_document_seal() nothing changes any more.
 */
/* The "x-" members of one item, in a table sorted by (kind, index) that
 * only items with such members take room in. */
typedef struct
{
  guint32     kind;   /* ChronoRecordKind */
  guint32     index;  /* as loaded; for events the handle, which edits keep */
  const char *json;   /* in the document's strings */
  const char *owner;  /* a lane's or category's id, which edits keep
                       * while they renumber lanes; else NULL */
} ChronoExtension;

struct _ChronoDocument
{
  GObject             parent_instance;

  char               *title;
  char               *description;
  GFile              *file;
  ChronoSourceFormat  format;

  GStringChunk       *strings;
  gsize               string_bytes;

  ChronoEvent        *events;
  guint               n_events;

  /* Implicit augmented interval tree over the start-sorted events: the
   * node at index i of level k (the lowest k bits of i set, bit k clear)
   * covers [i - 2^k + 1, i + 2^k - 1]; max_end[i] is the greatest
   * end_time in that subtree. */
  gint64             *max_end;
  guint               tree_level;

  /* Open addressing table of event index + 1 (0: empty), keyed by id. */
  guint64            *id_slots;
  guint               id_mask;

  ChronoEventExtra   *extras;
  guint               n_extras;
  const char        **tag_slots;
  guint               n_tag_slots;
  ChronoLink         *links;
  guint               n_links;
  ChronoRelation     *relations;
  guint               n_relations;
  ChronoMedia        *media;        /* of events, in input order; or NULL */
  guint               n_media;
  ChronoMedia        *cover_media;  /* or NULL; strings in @strings */
  ChronoBackground   *background;   /* or NULL */

  ChronoLane         *lanes;
  guint               n_lanes;
  ChronoCategory     *categories;
  guint               n_categories;
  GHashTable         *lane_ids;     /* interned id -> index + 1 */
  GHashTable         *category_ids; /* interned id -> index + 1 */

  ChronoSeries       *series;
  guint               n_series;
  ChronoSeriesPoint  *points;
  guint               n_points;

  ChronoEra          *eras;
  guint               n_eras;

  guint              *story;
  guint               n_story;
  const char        **story_notes;  /* n_story, each may be NULL; NULL when none has notes */

  const char        **tags;         /* sorted, NULL-terminated */
  guint               n_tags;

  ChronoExtension    *extensions;   /* sorted by kind, then index; or NULL */
  guint               n_extensions;
  /* Editing (chrono-document-edit.c); all NULL or 0 until the first
   * edit, so a document that is only viewed costs nothing more.  Events
   * are then named by a stable handle (ChronoEvent.index): handles below
   * @n_base are in @events, the others in @added.  @order maps
   * positions in start order to handles and @where handles back to
   * positions (G_MAXUINT32: removed), so a move or an insertion shifts
   * 4-byte entries instead of 112-byte events. */
  guint32            *order;
  guint32            *where;
  gint64             *ends;         /* end_time by position, for the tree */
  guint               where_alloc;  /* capacity of where */
  guint               n_alloc;      /* capacity of order and max_end */
  guint               n_base;
  GPtrArray          *added;        /* ChronoEvent *, owned */
  GArray             *relation_sets; /* RelationSet: relations to renumber */
  guint32            *story_handles;
  GHashTable         *notes_by_handle; /* handle -> speaker notes, every step's ever
                                        * seen, so undo brings notes back */
  guint               n_live_ids;
  gboolean            tags_dirty;
  guint64             revision;
  GPtrArray          *owned;        /* blocks made by edits, freed with the document */
  GArray             *journal;      /* ChronoEventChange since @journal_from */
  GArray             *journal_revisions; /* guint64, parallel */
  guint64             journal_from;
};

#define CHRONO_NO_POSITION G_MAXUINT32

/* Relations whose targets the document renumbers as events move. */
typedef struct
{
  ChronoRelation *relations;
  guint32        *handles;   /* the targets, by handle */
  guint           n;
} RelationSet;

static inline ChronoEvent *
_chrono_document_handle_event (ChronoDocument *self,
                               guint32         handle)
{
  return handle < self->n_base || self->order == NULL
         ? &self->events[handle]
         : (ChronoEvent *)g_ptr_array_index (self->added, handle - self->n_base);
}

/* The event at @position of the start order. */
static inline ChronoEvent *
_chrono_document_event_at (ChronoDocument *self,
                           gsize           position)
{
  return self->order == NULL
         ? &self->events[position]
         : _chrono_document_handle_event (self, self->order[position]);
}

ChronoDocument *_chrono_document_new  (ChronoSourceFormat  format);
/* Builds the indices (interval tree, tags, and the id table unless the
 * builder gave one) once every array is in place and the events are
 * sorted. */
void            _chrono_document_seal (ChronoDocument     *self);
/* The open-addressing id table of events, shared with the builder which
 * fills it in input order and renumbers it after sorting. */
/* An id table slot: the event's index (a handle once edited) + 1 in
 * the low 32 bits, 0 when empty; the id's hash in the high 32 bits. */
#define SLOT_INDEX(slot) ((guint) ((slot) & G_MAXUINT32))
#define SLOT_HASH(slot)  ((guint32) ((slot) >> 32))

guint64        *_chrono_id_table_new    (guint               n_events,
                                         guint              *mask);
guint64        *_chrono_id_table_grow   (guint64            *slots,
                                         guint              *mask,
                                         guint               n_events);
guint32         _chrono_id_hash         (const char         *id);
int             _chrono_id_table_lookup (const guint64      *slots,
                                         guint               mask,
                                         const ChronoEvent  *events,
                                         const char         *id);
int             _chrono_id_table_insert (guint64            *slots,
                                         guint               mask,
                                         const ChronoEvent  *events,
                                         guint               index);
int             _chrono_id_table_insert_hashed (guint64           *slots,
                                                guint              mask,
                                                const ChronoEvent *events,
                                                guint              index,
                                                const char        *id,
                                                guint32            hash);
void            _chrono_id_table_renumber (guint64           *slots,
                                           guint              mask,
                                           const guint       *rank);
/* The greatest end_time in the existing part of the subtree of the
 * interval tree's @node at @level. */
gint64          _chrono_document_subtree_max_end (ChronoDocument *self,
                                                  gsize           node,
                                                  guint           level);
char           *_chrono_slugify       (const char         *title);
/* The sort order of events: start, then end_time, then id. */
int             _chrono_event_compare (const ChronoEvent  *a,
                                       const ChronoEvent  *b);

/* Edits of the storage (chrono-document-edit.c), for chrono-edit.c.
 * Each keeps the order, the interval tree, the id table, relations and
 * the story right and emits ChronoDocument::changed. */
void     _chrono_document_thaw            (ChronoDocument    *self);
void     _chrono_document_free_edits      (ChronoDocument    *self);
/* Takes a copy of @event, not yet in the document; returns its handle. */
guint32  _chrono_document_new_handle      (ChronoDocument    *self,
                                           const ChronoEvent *event);
guint    _chrono_document_insert_handle   (ChronoDocument    *self,
                                           guint32            handle);
void     _chrono_document_remove_handle   (ChronoDocument    *self,
                                           guint32            handle);
/* Writes @event over the live event @handle and moves it to its place
 * in the start order. */
guint    _chrono_document_replace_event   (ChronoDocument    *self,
                                           guint32            handle,
                                           const ChronoEvent *event);
guint32  _chrono_document_get_handle      (ChronoDocument    *self,
                                           guint              position);
/* Renumbers the lanes (or categories) of every live event, and of series: @map[old] is the new index. */
void     _chrono_document_remap_lanes     (ChronoDocument    *self,
                                           const guint32     *map);
void     _chrono_document_remap_categories (ChronoDocument   *self,
                                            const gint32     *map);
void     _chrono_document_set_lanes       (ChronoDocument    *self,
                                           const ChronoLane  *lanes,
                                           guint              n_lanes);
void     _chrono_document_set_categories  (ChronoDocument    *self,
                                           const ChronoCategory *categories,
                                           guint              n_categories);
void     _chrono_document_set_story       (ChronoDocument    *self,
                                           const guint32     *handles,
                                           guint              n_handles);
void     _chrono_document_set_meta        (ChronoDocument    *self,
                                           const char        *title,
                                           const char        *description);
/* Copies @string into the document's strings; NULL stays NULL. */
const char *_chrono_document_intern       (ChronoDocument    *self,
                                           const char        *string);
/* Registers the relations of an extra made by an edit: @handles are the
 * targets, which the document renumbers as events move. */
void     _chrono_document_add_relations   (ChronoDocument    *self,
                                           ChronoRelation    *relations,
                                           const guint32     *handles,
                                           guint              n);
void     _chrono_document_emit_changed    (ChronoDocument    *self,
                                           guint              flags,
                                           guint              position,
                                           guint              removed,
                                           guint              added);

G_END_DECLS
