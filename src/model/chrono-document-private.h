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
  guint32     index;
  const char *json;   /* in the document's strings */
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
};

ChronoDocument *_chrono_document_new  (ChronoSourceFormat  format);
/* Builds the indices (interval tree, tags, and the id table unless the
 * builder gave one) once every array is in place and the events are
 * sorted. */
void            _chrono_document_seal (ChronoDocument     *self);
/* The open-addressing id table of events, shared with the builder which
 * fills it in input order and renumbers it after sorting. */
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
/* The sort order of events: start, then end_time, then id. */
int             _chrono_event_compare (const ChronoEvent  *a,
                                       const ChronoEvent  *b);

G_END_DECLS
