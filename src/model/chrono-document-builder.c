#define G_LOG_DOMAIN "chrono-document-builder"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "chrono-document-builder.h"
#include "chrono-document-private.h"
#include "chrono-hash.h"
#include "chrono-limits.h"

/*
 * The builder copies what it is given straight into the string chunk the
 * document will own (ids, lane and category ids, tags and labels are
 * interned through a table that lives only while building; event ids are
 * unique, so interning them would only cost memory).  Paths and the ids
 * that still have to be resolved go to a scratch chunk dropped at finish.
 * Checks run at finish, in input order, so every diagnostic is reported
 * at once.
 */

#define DEFAULT_LANE_ID "default"
/* How many items ahead random reads are asked for. */
#define PREFETCH_AHEAD 16

typedef enum
{
  KIND_LANE,
  KIND_CATEGORY,
  KIND_EVENT,
  KIND_SERIES,
  KIND_STORY_STEP,
} ItemKind;
#define MAX_HINT_IDS 5

typedef struct
{
  const char *id;    /* interned, or NULL */
  const char *path;  /* scratch, or NULL */
  ChronoPos   pos;
} ItemSource;

typedef struct
{
  const char *lane_id;      /* interned, or NULL */
  const char *category_id;  /* interned, or NULL */
  const char *path;         /* scratch, or NULL */
  ChronoPos   pos;
  ChronoPos   lane_pos;
  ChronoPos   category_pos;
  ChronoPos   end_pos;
  int         importance;
  guint       tags_offset;
  guint       n_tags;
  guint       links_offset;
  guint       n_links;
  guint       related_offset;
  guint       n_related;
  int         duplicate_of; /* the earlier event with this id, or -1 */
  guint       has_title : 1;
  guint       has_media : 1; /* the next of the builder's media, in input order */
} PendingEvent;

typedef struct
{
  const char *id;     /* scratch */
  const char *label;  /* interned, or NULL */
  ChronoPos   pos;
} PendingRelation;

typedef struct
{
  const char *lane_id;  /* interned, or NULL */
  const char *path;
  ChronoPos   pos;
  guint       points_offset;
} PendingSeries;

#define ID_QUEUE 16

struct _ChronoDocumentBuilder
{
  ChronoSourceFormat  format;
  char               *title;
  char               *description;

  GStringChunk       *strings;
  gsize               string_bytes;
  GHashTable         *interned;
  GStringChunk       *scratch;

  GArray             *lanes;           /* ChronoLane */
  GArray             *lane_sources;    /* ItemSource */
  GArray             *categories;      /* ChronoCategory */
  GArray             *category_sources;
  GArray             *events;          /* ChronoEvent */
  GArray             *pending;         /* PendingEvent, parallel to events */
  /* The id table, filled as events are added: each id is hashed while
   * it is in the cache, and a duplicate is noted then (reported by
   * finish, in input order). */
  guint64            *id_slots;
  guint               id_mask;
  guint               n_ids;          /* in the table or queued */
  /* Ids waiting to go in, oldest first: their slots were asked for
   * ahead (a cache miss each at a million events), and they go in in
   * input order, so the first of duplicates stays the one found. */
  guint               id_queue_index[ID_QUEUE];
  guint32             id_queue_hash[ID_QUEUE];
  guint               id_queue_head;
  guint               id_queue_len;
  GPtrArray          *tag_slots;       /* interned tags, each event's NULL-terminated */
  GArray             *links;           /* ChronoLink */
  GArray             *media;           /* ChronoMedia, of events with has_media, in input order */
  ChronoMedia        *cover_media;     /* or NULL */
  ChronoBackground   *background;      /* or NULL */
  GArray             *related;         /* PendingRelation */
  GArray             *series;          /* ChronoSeries */
  GArray             *series_pending;  /* PendingSeries */
  GArray             *points;          /* ChronoSeriesPoint */
  GArray             *eras;            /* ChronoEra */
  GArray             *era_sources;     /* ItemSource */
  GArray             *story;           /* ItemSource, id in scratch */
  GArray             *extensions;      /* ChronoExtension, by input index */
  GPtrArray          *story_notes;     /* parallel to story, in strings; NULL until a step has notes */
  GPtrArray          *diagnostics;

  /* Which limits of chrono-limits.h were reported: each only once. */
  gboolean            over_events;
  gboolean            over_lanes;
  gboolean            over_categories;
  gboolean            over_series;
  gboolean            over_points;
  gboolean            over_tags;
  gboolean            over_links;
  gboolean            over_relations;
};

/**
 * chrono_document_builder_new:
 * @format: the format being read, kept in the document
 *
 * Returns: (transfer full): a new builder; free it with
 *   chrono_document_builder_free() or consume it with
 *   chrono_document_builder_finish()
 */
ChronoDocumentBuilder *
chrono_document_builder_new (ChronoSourceFormat format)
{
  ChronoDocumentBuilder *self = g_new0 (ChronoDocumentBuilder, 1);

  self->format = format;
  self->strings = g_string_chunk_new (64 * 1024);
  self->interned = _chrono_str_table_new (NULL, NULL);
  self->scratch = g_string_chunk_new (16 * 1024);
  self->lanes = g_array_new (FALSE, FALSE, sizeof (ChronoLane));
  self->lane_sources = g_array_new (FALSE, FALSE, sizeof (ItemSource));
  self->categories = g_array_new (FALSE, FALSE, sizeof (ChronoCategory));
  self->category_sources = g_array_new (FALSE, FALSE, sizeof (ItemSource));
  self->events = g_array_new (FALSE, FALSE, sizeof (ChronoEvent));
  self->pending = g_array_new (FALSE, FALSE, sizeof (PendingEvent));
  self->tag_slots = g_ptr_array_new ();
  self->links = g_array_new (FALSE, FALSE, sizeof (ChronoLink));
  self->media = g_array_new (FALSE, FALSE, sizeof (ChronoMedia));
  self->related = g_array_new (FALSE, FALSE, sizeof (PendingRelation));
  self->series = g_array_new (FALSE, FALSE, sizeof (ChronoSeries));
  self->series_pending = g_array_new (FALSE, FALSE, sizeof (PendingSeries));
  self->points = g_array_new (FALSE, FALSE, sizeof (ChronoSeriesPoint));
  self->eras = g_array_new (FALSE, FALSE, sizeof (ChronoEra));
  self->era_sources = g_array_new (FALSE, FALSE, sizeof (ItemSource));
  self->story = g_array_new (FALSE, FALSE, sizeof (ItemSource));
  self->extensions = g_array_new (FALSE, FALSE, sizeof (ChronoExtension));
  self->diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify)chrono_diagnostic_free);

  return self;
}

/**
 * chrono_document_builder_free:
 *
 * Frees a builder that was not finished.
 */
void
chrono_document_builder_free (ChronoDocumentBuilder *self)
{
  if (self == NULL)
    return;

  g_free (self->title);
  g_free (self->description);
  g_free (self->id_slots);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->interned, g_hash_table_unref);
  g_clear_pointer (&self->scratch, g_string_chunk_free);
  g_clear_pointer (&self->lanes, g_array_unref);
  g_clear_pointer (&self->lane_sources, g_array_unref);
  g_clear_pointer (&self->categories, g_array_unref);
  g_clear_pointer (&self->category_sources, g_array_unref);
  g_clear_pointer (&self->events, g_array_unref);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->tag_slots, g_ptr_array_unref);
  g_clear_pointer (&self->links, g_array_unref);
  g_clear_pointer (&self->media, g_array_unref);
  g_clear_pointer (&self->cover_media, g_free);
  g_clear_pointer (&self->background, g_free);
  g_clear_pointer (&self->related, g_array_unref);
  g_clear_pointer (&self->series, g_array_unref);
  g_clear_pointer (&self->series_pending, g_array_unref);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->eras, g_array_unref);
  g_clear_pointer (&self->era_sources, g_array_unref);
  g_clear_pointer (&self->story, g_array_unref);
  g_clear_pointer (&self->extensions, g_array_unref);
  g_clear_pointer (&self->story_notes, g_ptr_array_unref);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_free (self);
}

static const char *
insert_string (ChronoDocumentBuilder *self,
               const char            *str)
{
  gsize len;

  if (str == NULL)
    return NULL;

  len = strlen (str);
  self->string_bytes += len + 1;

  return g_string_chunk_insert_len (self->strings, str, (gssize) len);
}

static const char *
intern_string (ChronoDocumentBuilder *self,
               const char            *str)
{
  const char *interned;

  if (str == NULL)
    return NULL;

  interned = g_hash_table_lookup (self->interned, str);
  if (interned == NULL)
    {
      interned = insert_string (self, str);
      g_hash_table_add (self->interned, (gpointer)interned);
    }

  return interned;
}

static const char *
scratch_string (ChronoDocumentBuilder *self,
                const char            *str)
{
  if (str == NULL)
    return NULL;

  return g_string_chunk_insert (self->scratch, str);
}

/* Notes where the item @id (interned, or NULL) came from. */
static void
append_source (ChronoDocumentBuilder *self,
               GArray                *sources,
               const char            *id,
               const char            *path,
               ChronoPos              pos)
{
  ItemSource source = { id, scratch_string (self, path), pos };

  g_array_append_val (sources, source);
}

static ChronoDiagnostic *report (ChronoDocumentBuilder *self,
                                  ChronoErrorCode        code,
                                  ChronoPos              pos,
                                  const char            *path,
                                  const char            *member,
                                  const char            *hint,
                                  const char            *message);

/* Whether @count items already reach @limit, so that one more is too
 * many; the first time, reports it at the item (@path, @member, @pos)
 * with @format, which takes the limit.  Items over a limit are dropped,
 * so that memory stays bounded however many the file holds. */
static gboolean G_GNUC_PRINTF (8, 9)
over_limit (ChronoDocumentBuilder *self,
            guint                  count,
            guint                  limit,
            ChronoPos              pos,
            const char            *path,
            const char            *member,
            gboolean              *reported,
            const char            *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (count < limit)
    return FALSE;
  if (*reported)
    return TRUE;
  *reported = TRUE;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  report (self, CHRONO_ERROR_LIMIT, pos, path, member,
          _("split the timeline into several files, or keep fewer"), message);

  return TRUE;
}

/**
 * chrono_document_builder_set_title:
 * @title: (nullable): the document's title, copied
 */
void
chrono_document_builder_set_title (ChronoDocumentBuilder *self,
                                   const char            *title)
{
  g_return_if_fail (self != NULL);

  g_free (self->title);
  self->title = g_strdup (title);
}

/**
 * chrono_document_builder_set_description:
 * @description: (nullable): plain text, copied
 */
void
chrono_document_builder_set_description (ChronoDocumentBuilder *self,
                                         const char            *description)
{
  g_return_if_fail (self != NULL);

  g_free (self->description);
  self->description = g_strdup (description);
}

/**
 * chrono_document_builder_add_lane:
 * @lane: the lane; its strings are copied
 * @path: (nullable): JSON path of the lane ("lanes[0]")
 * @pos: position of the lane in its file
 *
 * Adds a lane after the ones already added.  A NULL title shows the id.
 */
void
chrono_document_builder_add_lane (ChronoDocumentBuilder *self,
                                  const ChronoLane      *lane,
                                  const char            *path,
                                  ChronoPos              pos)
{
  ChronoLane copy;

  g_return_if_fail (self != NULL);
  g_return_if_fail (lane != NULL);

  if (over_limit (self, self->lanes->len, _chrono_limits ()->lanes, pos, path, "", &self->over_lanes,
                  _("more than %u lanes in one file"), _chrono_limits ()->lanes))
    return;

  copy = *lane;
  copy.id = intern_string (self, lane->id);
  copy.title = insert_string (self, lane->title != NULL ? lane->title : (lane->id != NULL ? lane->id : ""));
  copy.description = insert_string (self, lane->description);
  copy.image = insert_string (self, lane->image);
  g_array_append_val (self->lanes, copy);

  append_source (self, self->lane_sources, copy.id, path, pos);
}

/**
 * chrono_document_builder_add_category:
 * @category: the category; its strings are copied
 * @path: (nullable): JSON path of the category
 * @pos: position of the category in its file
 */
void
chrono_document_builder_add_category (ChronoDocumentBuilder *self,
                                      const ChronoCategory  *category,
                                      const char            *path,
                                      ChronoPos              pos)
{
  ChronoCategory copy;

  g_return_if_fail (self != NULL);
  g_return_if_fail (category != NULL);

  if (over_limit (self, self->categories->len, _chrono_limits ()->categories, pos, path, "",
                  &self->over_categories, _("more than %u categories in one file"),
                  _chrono_limits ()->categories))
    return;

  copy = *category;
  copy.id = intern_string (self, category->id);
  copy.title = insert_string (self, category->title != NULL ? category->title : (category->id != NULL ? category->id : ""));
  g_array_append_val (self->categories, copy);

  append_source (self, self->category_sources, copy.id, path, pos);
}

/* Puts the oldest queued id in the table, noting a duplicate. */
static void
insert_queued_id (ChronoDocumentBuilder *self)
{
  guint index = self->id_queue_index[self->id_queue_head];
  guint32 hash = self->id_queue_hash[self->id_queue_head];
  const ChronoEvent *events = (const ChronoEvent *)(gpointer)self->events->data;
  PendingEvent *pending = &g_array_index (self->pending, PendingEvent, index);

  pending->duplicate_of = _chrono_id_table_insert_hashed (self->id_slots, self->id_mask, events,
                                                          index, events[index].id, hash);
  if (pending->duplicate_of >= 0)
    self->n_ids--;
  self->id_queue_head = (self->id_queue_head + 1) % ID_QUEUE;
  self->id_queue_len--;
}

static void
flush_ids (ChronoDocumentBuilder *self)
{
  while (self->id_queue_len > 0)
    insert_queued_id (self);
}

/* Queues event @index's id for the table and asks for its slot ahead
 * (after the table grows, the slots asked for are only stale hints). */
static void
queue_id (ChronoDocumentBuilder *self,
          guint                  index,
          guint32                hash)
{
  guint tail;

  if (self->id_queue_len == ID_QUEUE)
    insert_queued_id (self);
  self->id_slots = _chrono_id_table_grow (self->id_slots, &self->id_mask, ++self->n_ids);
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch (&self->id_slots[hash & self->id_mask]);
#endif
  tail = (self->id_queue_head + self->id_queue_len) % ID_QUEUE;
  self->id_queue_index[tail] = index;
  self->id_queue_hash[tail] = hash;
  self->id_queue_len++;
}

static void
copy_media (ChronoDocumentBuilder *self,
            ChronoMedia           *out,
            const ChronoMedia     *media)
{
  out->kind = media->kind;
  out->url = insert_string (self, media->url);
  out->caption = insert_string (self, media->caption);
  out->credit = insert_string (self, media->credit);
  out->text = insert_string (self, media->text);
  out->who = insert_string (self, media->who);
  out->title = insert_string (self, media->title);
  out->site = insert_string (self, media->site);
  out->thumbnail = insert_string (self, media->thumbnail);
}

/**
 * chrono_document_builder_set_cover:
 * @media: (nullable): the cover's picture, quote or link
 * @background: (nullable): the cover's background
 *
 * Sets what the cover slide shows besides the title and description.
 */
void
chrono_document_builder_set_cover (ChronoDocumentBuilder  *self,
                                   const ChronoMedia      *media,
                                   const ChronoBackground *background)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->cover_media, g_free);
  g_clear_pointer (&self->background, g_free);
  if (media != NULL)
    {
      self->cover_media = g_new0 (ChronoMedia, 1);
      copy_media (self, self->cover_media, media);
    }
  if (background != NULL && (background->has_color || background->image != NULL))
    {
      self->background = g_new0 (ChronoBackground, 1);
      self->background->color = background->color;
      self->background->has_color = background->has_color;
      self->background->image = insert_string (self, background->image);
    }
}

/**
 * chrono_document_builder_add_event:
 * @draft: the event; every string and array in it is copied
 *
 * Adds an event.  References are resolved, and the draft checked, by
 * chrono_document_builder_finish().
 */
void
chrono_document_builder_add_event (ChronoDocumentBuilder  *self,
                                   const ChronoEventDraft *draft)
{
  const ChronoLimits *limits = _chrono_limits ();
  ChronoEvent event = { 0 };
  PendingEvent pending = { 0 };

  g_return_if_fail (self != NULL);
  g_return_if_fail (draft != NULL);

  if (over_limit (self, self->events->len, limits->events, draft->pos, draft->path, "",
                  &self->over_events, _("more than %u events in one file"), limits->events))
    return;

  /* Event ids are unique; they need no interning. */
  event.id = insert_string (self, draft->id);
  event.title = insert_string (self, draft->title != NULL ? draft->title : "");
  event.description = insert_string (self, draft->description);
  event.start = draft->start;
  event.end = draft->end;
  event.category = -1;
  event.importance = 3;
  event.source = draft->pos;

  pending.lane_id = intern_string (self, draft->lane);
  pending.category_id = intern_string (self, draft->category);
  pending.path = scratch_string (self, draft->path);
  pending.pos = draft->pos;
  pending.lane_pos = draft->lane_pos;
  pending.category_pos = draft->category_pos;
  pending.end_pos = draft->end_pos;
  pending.importance = draft->importance;
  pending.has_title = draft->title != NULL;
  pending.duplicate_of = -1;

  if (draft->tags != NULL && draft->tags[0] != NULL)
    {
      pending.tags_offset = self->tag_slots->len;
      for (guint i = 0; draft->tags[i] != NULL; i++)
        {
          if (over_limit (self, i, limits->tags, draft->pos, draft->path, ".tags", &self->over_tags,
                          _("an event with more than %u tags"), limits->tags))
            break;
          g_ptr_array_add (self->tag_slots, (gpointer)intern_string (self, draft->tags[i]));
          pending.n_tags++;
        }
      g_ptr_array_add (self->tag_slots, NULL);
    }

  if (draft->media != NULL)
    {
      ChronoMedia media;

      copy_media (self, &media, draft->media);
      g_array_append_val (self->media, media);
      pending.has_media = TRUE;
    }

  if (draft->links != NULL && draft->n_links > 0)
    {
      pending.links_offset = self->links->len;
      pending.n_links = draft->n_links;
      if (over_limit (self, draft->n_links - 1, limits->links, draft->pos, draft->path, ".links",
                      &self->over_links, _("an event with more than %u links"), limits->links))
        pending.n_links = limits->links;
      for (guint i = 0; i < pending.n_links; i++)
        {
          ChronoLink link;

          link.title = insert_string (self, draft->links[i].title);
          link.url = insert_string (self, draft->links[i].url != NULL ? draft->links[i].url : "");
          g_array_append_val (self->links, link);
        }
    }

  if (draft->related != NULL && draft->related[0] != NULL)
    {
      pending.related_offset = self->related->len;
      for (guint i = 0; draft->related[i] != NULL; i++)
        {
          PendingRelation relation;

          if (over_limit (self, i, limits->relations, draft->pos, draft->path, ".related",
                          &self->over_relations, _("an event with more than %u related events"),
                          limits->relations))
            break;

          relation.id = scratch_string (self, draft->related[i]);
          relation.label = draft->related_labels != NULL ? intern_string (self, draft->related_labels[i]) : NULL;
          relation.pos = draft->related_pos != NULL ? draft->related_pos[i] : (ChronoPos) { 0, 0 };
          g_array_append_val (self->related, relation);
          pending.n_related++;
        }
    }

  g_array_append_val (self->events, event);
  g_array_append_val (self->pending, pending);

  if (event.id != NULL && event.id[0] != '\0')
    queue_id (self, self->events->len - 1, _chrono_id_hash (event.id));
}

/**
 * chrono_document_builder_reserve_events:
 * @n_events: how many events the caller is about to add
 *
 * Makes room for @n_events more events, so that adding them does not
 * regrow (and copy) the builder's arrays.  Optional.
 */
void
chrono_document_builder_reserve_events (ChronoDocumentBuilder *self,
                                        guint                  n_events)
{
  guint len;

  g_return_if_fail (self != NULL);

  /* A GArray keeps its allocation when it shrinks. */
  len = self->events->len;
  g_array_set_size (self->events, len + n_events);
  g_array_set_size (self->events, len);
  len = self->pending->len;
  g_array_set_size (self->pending, len + n_events);
  g_array_set_size (self->pending, len);
  self->id_slots = _chrono_id_table_grow (self->id_slots, &self->id_mask, self->n_ids + n_events);
}

/**
 * chrono_document_builder_add_series:
 * @series: the series; strings and points are copied, @series->lane is
 *   ignored
 * @lane_id: (nullable): the lane it is drawn in; NULL: the default lane
 * @path: (nullable): JSON path of the series
 * @pos: position of the series in its file
 */
void
chrono_document_builder_add_series (ChronoDocumentBuilder *self,
                                    const ChronoSeries    *series,
                                    const char            *lane_id,
                                    const char            *path,
                                    ChronoPos              pos)
{
  ChronoSeries copy;
  PendingSeries pending;

  g_return_if_fail (self != NULL);
  g_return_if_fail (series != NULL);
  g_return_if_fail (series->n_points == 0 || series->points != NULL);

  if (over_limit (self, self->series->len, _chrono_limits ()->series, pos, path, "", &self->over_series,
                  _("more than %u series in one file"), _chrono_limits ()->series))
    return;

  copy = *series;
  if (series->n_points > 0 &&
      over_limit (self, series->n_points - 1, _chrono_limits ()->points, pos, path, ".points",
                  &self->over_points, _("a series with more than %u points"), _chrono_limits ()->points))
    copy.n_points = 0;
  copy.id = insert_string (self, series->id);
  copy.title = insert_string (self, series->title != NULL ? series->title : "");
  copy.unit = insert_string (self, series->unit);
  copy.lane = 0;
  copy.points = NULL;

  pending.lane_id = intern_string (self, lane_id);
  pending.path = scratch_string (self, path);
  pending.pos = pos;
  pending.points_offset = self->points->len;

  if (copy.n_points > 0)
    g_array_append_vals (self->points, series->points, copy.n_points);

  g_array_append_val (self->series, copy);
  g_array_append_val (self->series_pending, pending);
}

/**
 * chrono_document_builder_add_era:
 * @era: the era; its title is copied and end_time is computed
 * @path: (nullable): JSON path of the era
 * @pos: position of the era in its file
 */
void
chrono_document_builder_add_era (ChronoDocumentBuilder *self,
                                 const ChronoEra       *era,
                                 const char            *path,
                                 ChronoPos              pos)
{
  ChronoEra copy;

  g_return_if_fail (self != NULL);
  g_return_if_fail (era != NULL);

  copy = *era;
  copy.title = insert_string (self, era->title != NULL ? era->title : "");
  g_array_append_val (self->eras, copy);

  append_source (self, self->era_sources, NULL, path, pos);
}

/**
 * chrono_document_builder_add_story_step:
 * @event_id: the id of the event shown at this step
 * @path: (nullable): JSON path of the step ("story[2]")
 * @pos: position of the step in its file
 */
void
chrono_document_builder_add_story_step (ChronoDocumentBuilder *self,
                                        const char            *event_id,
                                        const char            *path,
                                        ChronoPos              pos)
{
  ItemSource step;

  g_return_if_fail (self != NULL);
  g_return_if_fail (event_id != NULL);

  step = (ItemSource) { scratch_string (self, event_id), scratch_string (self, path), pos };
  g_array_append_val (self->story, step);
  if (self->story_notes != NULL)
    g_ptr_array_add (self->story_notes, NULL);
}

/**
 * chrono_document_builder_add_story_step_with_notes:
 * @event_id: the id of the event shown at this step
 * @notes: (nullable): the speaker notes of the step
 * @path: (nullable): JSON path of the step ("story[2]")
 * @pos: position of the step in its file
 */
void
chrono_document_builder_add_story_step_with_notes (ChronoDocumentBuilder *self,
                                                   const char            *event_id,
                                                   const char            *notes,
                                                   const char            *path,
                                                   ChronoPos              pos)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (event_id != NULL);

  chrono_document_builder_add_story_step (self, event_id, path, pos);
  if (notes == NULL || notes[0] == '\0')
    return;

  /* Most stories have no notes: the array only exists once one does. */
  if (self->story_notes == NULL)
    {
      self->story_notes = g_ptr_array_new ();
      g_ptr_array_set_size (self->story_notes, self->story->len);
    }
  g_ptr_array_index (self->story_notes, self->story->len - 1) = (gpointer) insert_string (self, notes);
}

/**
 * chrono_document_builder_set_extensions:
 * @kind: the kind of item
 * @json: the item's "x-" members as the compact JSON text of an object
 *   ("{\"x-source\":\"wiki\"}"), copied
 *
 * Attaches extension members to the item of @kind added last (for
 * CHRONO_RECORD_DOCUMENT, to the document), for
 * chrono_document_get_extensions().  Nothing is checked: the reader
 * took @json from a parsed file.
 */
void
chrono_document_builder_set_extensions (ChronoDocumentBuilder *self,
                                        ChronoRecordKind         kind,
                                        const char            *json)
{
  ChronoExtension extension = { kind, 0, NULL };
  GArray *items = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (json != NULL);

  switch (kind)
    {
    case CHRONO_RECORD_DOCUMENT: break;
    case CHRONO_RECORD_LANE: items = self->lanes; break;
    case CHRONO_RECORD_CATEGORY: items = self->categories; break;
    case CHRONO_RECORD_EVENT: items = self->events; break;
    case CHRONO_RECORD_SERIES: items = self->series; break;
    case CHRONO_RECORD_ERA: items = self->eras; break;
    default: g_return_if_reached ();
    }

  if (items != NULL)
    {
      /* An item dropped over a limit has failed the document already. */
      if (items->len == 0)
        return;
      extension.index = items->len - 1;
    }
  extension.json = insert_string (self, json);
  g_array_append_val (self->extensions, extension);
}

static int
compare_extensions (gconstpointer a,
                    gconstpointer b)
{
  const ChronoExtension *xa = a;
  const ChronoExtension *xb = b;

  if (xa->kind != xb->kind)
    return xa->kind < xb->kind ? -1 : 1;
  return xa->index < xb->index ? -1 : xa->index > xb->index;
}

/**
 * chrono_document_builder_add_diagnostic:
 * @diagnostic: (transfer full): an error or warning found by the caller
 *
 * An error added here makes chrono_document_builder_finish() fail.
 */
void
chrono_document_builder_add_diagnostic (ChronoDocumentBuilder *self,
                                        ChronoDiagnostic      *diagnostic)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (diagnostic != NULL);

  g_ptr_array_add (self->diagnostics, diagnostic);
}

/* Checking */

static char *
member_path (const char *path,
             const char *member)
{
  if (path == NULL)
    return NULL;

  return g_strconcat (path, member, NULL);
}

static ChronoPos
best_pos (ChronoPos member_pos,
          ChronoPos item_pos)
{
  return member_pos.line > 0 ? member_pos : item_pos;
}

/* Adds an error; returns it (owned by @self). */
static ChronoDiagnostic *
report (ChronoDocumentBuilder *self,
        ChronoErrorCode        code,
        ChronoPos              pos,
        const char            *path,
        const char            *member,
        const char            *hint,
        const char            *message)
{
  g_autofree char *full_path = member_path (path, member);
  ChronoDiagnostic *diagnostic = chrono_diagnostic_new (code, FALSE, pos, full_path, hint, "%s", message);

  g_ptr_array_add (self->diagnostics, diagnostic);

  return diagnostic;
}

/* "karpathy, anthropic, …": up to MAX_HINT_IDS ids, in declaration order. */
static char *
list_ids (const char * const *ids,
          guint               n_ids,
          gsize               stride)
{
  GString *out = g_string_new (NULL);
  guint shown = 0;

  for (guint i = 0; i < n_ids; i++)
    {
      const char *id = *(const char * const *)((const guint8 *)ids + i * stride);

      if (id == NULL)
        continue;

      if (shown == MAX_HINT_IDS)
        {
          g_string_append (out, ", …");
          break;
        }

      if (shown > 0)
        g_string_append (out, ", ");
      g_string_append (out, id);
      shown++;
    }

  return g_string_free (out, FALSE);
}

typedef gboolean (*IdTakenFunc) (const char *id,
                                 gpointer    data);

/*
 * A free id made from @base: @base itself, then "@base-2", "@base-3"...
 * @next maps each base to the suffix to try next (1 standing for the
 * bare base).  Ids are only ever added, so a suffix found taken stays
 * taken and is never probed again: n items with one title cost O(n), not
 * O(n²), and the ids are the same as probing from 2 every time.
 */
static char *
make_free_id (GHashTable  *next,
              const char  *base,
              IdTakenFunc  taken,
              gpointer     data)
{
  guint n = MAX (GPOINTER_TO_UINT (g_hash_table_lookup (next, base)), 1);
  char *candidate;

  for (;; n++)
    {
      candidate = n == 1 ? g_strdup (base) : g_strdup_printf ("%s-%u", base, n);
      if (!taken (candidate, data))
        break;
      g_free (candidate);
    }

  g_hash_table_replace (next, g_strdup (base), GUINT_TO_POINTER (n + 1));

  return candidate;
}

typedef struct
{
  const guint64     *slots;
  guint              mask;
  const ChronoEvent *events;
} IdTable;

static gboolean
event_id_taken (const char *id,
                gpointer    data)
{
  const IdTable *table = data;

  return _chrono_id_table_lookup (table->slots, table->mask, table->events, id) >= 0;
}

static gboolean
hash_id_taken (const char *id,
               gpointer    data)
{
  return g_hash_table_contains (data, id);
}

static void
report_duplicate (ChronoDocumentBuilder *self,
                  ItemKind               kind,
                  const char            *id,
                  const char            *path,
                  ChronoPos              pos,
                  const char            *first_path,
                  ChronoPos              first_pos)
{
  g_autofree char *message = NULL;
  g_autofree char *hint = NULL;
  ChronoDiagnostic *diagnostic;

  switch (kind)
    {
    case KIND_LANE:
      message = g_strdup_printf (_("duplicate lane id “%s”"), id);
      break;
    case KIND_CATEGORY:
      message = g_strdup_printf (_("duplicate category id “%s”"), id);
      break;
    case KIND_SERIES:
      message = g_strdup_printf (_("duplicate series id “%s”"), id);
      break;
    case KIND_EVENT:
    case KIND_STORY_STEP:
    default:
      message = g_strdup_printf (_("duplicate event id “%s”"), id);
      break;
    }

  /* Without a position yet, the loader finds one from the path and
   * says it in the hint. */
  if (first_pos.line > 0)
    hint = g_strdup_printf (_("first declared at line %u, column %u"),
                            first_pos.line, MAX (first_pos.column, 1));
  else
    hint = g_strdup (_("ids must be unique"));

  diagnostic = report (self, CHRONO_ERROR_DUPLICATE_ID, pos, path, ".id", hint, message);
  diagnostic->related_path = member_path (first_path, ".id");
  diagnostic->related_pos = first_pos;
}

/* Registers @id as item @index of its kind.  Returns the index of an
 * earlier item with the same id, or -1. */
static int
register_id (GHashTable *seen,
             const char *id,
             guint       index)
{
  guint first = GPOINTER_TO_UINT (g_hash_table_lookup (seen, id));

  if (first > 0)
    return first - 1;

  g_hash_table_insert (seen, (gpointer)id, GUINT_TO_POINTER (index + 1));

  return -1;
}

/* Reports items of @kind (lanes or categories, by their @sources) with
 * no id, with @hint and @message, and ids given twice; fills @ids. */
static void
check_item_ids (ChronoDocumentBuilder *self,
                GArray                *sources,
                GHashTable            *ids,
                ItemKind               kind,
                const char            *hint,
                const char            *message)
{
  for (guint i = 0; i < sources->len; i++)
    {
      const ItemSource *source = &g_array_index (sources, ItemSource, i);
      int first;

      if (source->id == NULL || source->id[0] == '\0')
        {
          report (self, CHRONO_ERROR_MISSING_MEMBER, source->pos, source->path, ".id",
                  hint, message);
          continue;
        }

      first = register_id (ids, source->id, i);
      if (first >= 0)
        {
          const ItemSource *earlier = &g_array_index (sources, ItemSource, first);

          report_duplicate (self, kind, source->id, source->path, source->pos,
                            earlier->path, earlier->pos);
        }
    }
}

static void
check_lanes_and_categories (ChronoDocumentBuilder *self,
                            GHashTable            *lane_ids,
                            GHashTable            *category_ids)
{
  check_item_ids (self, self->lane_sources, lane_ids, KIND_LANE,
                  _("give every lane an id that events can name"), _("a lane needs an id"));
  check_item_ids (self, self->category_sources, category_ids, KIND_CATEGORY,
                  _("give every category an id that events can name"), _("a category needs an id"));
}

/* Fills the id table in input order.  Events without an id get a unique
 * one made from their title, after the explicit ids are known so that a
 * slug never takes one of them. */
static void
assign_event_ids (ChronoDocumentBuilder *self)
{
  ChronoEvent *events = (ChronoEvent *)(gpointer)self->events->data;
  g_autoptr(GHashTable) next = NULL;

  for (guint i = 0; i < self->events->len; i++)
    {
      const PendingEvent *pending = &g_array_index (self->pending, PendingEvent, i);
      int first;

      if (events[i].id == NULL)
        continue;

      if (events[i].id[0] == '\0')
        {
          report (self, CHRONO_ERROR_VALUE, pending->pos, pending->path, ".id",
                  _("leave “id” out to have one made from the title"),
                  _("an event id cannot be empty"));
          continue;
        }

      first = pending->duplicate_of;
      if (first >= 0)
        report_duplicate (self, KIND_EVENT, events[i].id, pending->path, pending->pos,
                          g_array_index (self->pending, PendingEvent, first).path, events[first].source);
    }

  for (guint i = 0; i < self->events->len; i++)
    {
      IdTable table = { NULL, 0, events };
      g_autofree char *base = NULL;
      g_autofree char *candidate = NULL;

      if (events[i].id != NULL)
        continue;

      if (next == NULL)
        next = _chrono_str_table_new (g_free, NULL);
      /* The table may have grown: look it up anew for each event. */
      self->id_slots = _chrono_id_table_grow (self->id_slots, &self->id_mask, self->n_ids + 1);
      table.slots = self->id_slots;
      table.mask = self->id_mask;
      base = _chrono_slugify (events[i].title);
      candidate = make_free_id (next, base, event_id_taken, &table);

      events[i].id = insert_string (self, candidate);
      self->id_slots = _chrono_id_table_grow (self->id_slots, &self->id_mask, ++self->n_ids);
      _chrono_id_table_insert (self->id_slots, self->id_mask, events, i);
    }
}

/* The exclusive end of an event or era with @start and @end, or FALSE
 * (with a diagnostic) when @end lies before @start. */
static gboolean
compute_end_time (ChronoDocumentBuilder *self,
                  const ChronoDate      *start,
                  const ChronoDate      *end,
                  const char            *path,
                  ChronoPos              pos,
                  gint64                 now,
                  gint64                *end_time)
{
  gint64 start_end = chrono_date_get_period_end (start);

  if (end->flags & CHRONO_DATE_OPEN)
    {
      *end_time = MAX (now, start_end);
      return TRUE;
    }

  if (end->precision == CHRONO_PRECISION_NONE)
    {
      *end_time = start_end;
      return TRUE;
    }

  *end_time = chrono_date_get_period_end (end);

  /* "2015".."2015" is one year; only an end whose whole period lies
   * before the start is wrong. */
  if (*end_time <= start->time)
    {
      g_autofree char *start_text = chrono_date_to_iso (start);
      g_autofree char *end_text = chrono_date_to_iso (end);
      g_autofree char *message = g_strdup_printf (_("the end %s is before the start %s"),
                                                  end_text, start_text);

      report (self, CHRONO_ERROR_RANGE, pos, path, ".end",
              _("swap “start” and “end”, or correct one of them"), message);
      *end_time = start_end;
      return FALSE;
    }

  return TRUE;
}

static void
report_unknown (ChronoDocumentBuilder *self,
                ItemKind               kind,
                ChronoPos              pos,
                const char            *path,
                const char            *member,
                const char            *id,
                const char            *known)
{
  g_autofree char *message = NULL;
  g_autofree char *hint = NULL;
  gboolean have_known = known != NULL && known[0] != '\0';

  switch (kind)
    {
    case KIND_LANE:
      message = g_strdup_printf (_("unknown lane “%s”"), id);
      hint = have_known ? g_strdup_printf (_("lanes declared in “lanes”: %s"), known)
                        : g_strdup (_("declare it in “lanes”, or leave “lane” out"));
      break;

    case KIND_CATEGORY:
      message = g_strdup_printf (_("unknown category “%s”"), id);
      hint = have_known ? g_strdup_printf (_("categories declared in “categories”: %s"), known)
                        : g_strdup (_("declare it in “categories”, or leave “category” out"));
      break;

    case KIND_STORY_STEP:
      message = g_strdup_printf (_("unknown event “%s” in the story"), id);
      hint = have_known ? g_strdup_printf (_("events declared in “events”: %s"), known)
                        : g_strdup (_("name an event declared in “events”"));
      break;

    case KIND_EVENT:
    case KIND_SERIES:
    default:
      message = g_strdup_printf (_("unknown event “%s”"), id);
      hint = have_known ? g_strdup_printf (_("events declared in “events”: %s"), known)
                        : g_strdup (_("name an event declared in “events”"));
      break;
    }

  report (self, CHRONO_ERROR_REFERENCE, pos, path, member, hint, message);
}

/*
 * Events are sorted by start, then end, then id (_chrono_event_compare()).
 * The key holds the id's first eight bytes as a big-endian number, which
 * orders like strcmp() on them, so that the ids themselves are only
 * compared when those bytes are equal and neither id ends within them.
 */
typedef struct
{
  gint64  start;
  gint64  end_time;
  guint64 id_prefix;
  guint   index;
} SortKey;

static inline guint64
id_prefix (const char *id)
{
  guint64 prefix = 0;
  guint i;

  for (i = 0; i < 8 && id[i] != '\0'; i++)
    prefix = (prefix << 8) | (guchar) id[i];

  return prefix << (8 * (8 - i));
}

static inline int
compare_keys (const SortKey     *ka,
              const SortKey     *kb,
              const ChronoEvent *events)
{
  if (ka->start != kb->start)
    return ka->start < kb->start ? -1 : 1;
  if (ka->end_time != kb->end_time)
    return ka->end_time < kb->end_time ? -1 : 1;
  if (ka->id_prefix != kb->id_prefix)
    return ka->id_prefix < kb->id_prefix ? -1 : 1;
  /* Equal prefixes without a NUL byte: the ids go on. */
  if ((ka->id_prefix & 0xff) == 0)
    return 0;
  return strcmp (events[ka->index].id, events[kb->index].id);
}

static int
compare_sort_keys (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  return compare_keys (a, b, user_data);
}

/*
 * Sorts @keys: a least-significant-digit radix sort on the start (11
 * bits a pass, only as many passes as the starts' range needs), then
 * each run of equal starts by the rest of the key.  @scratch holds
 * @n keys.
 */
static void
sort_keys (SortKey           *keys,
           SortKey           *scratch,
           guint              n,
           const ChronoEvent *events)
{
  enum { BITS = 11, BUCKETS = 1 << BITS };
  g_autofree guint *counts = NULL;
  SortKey *from = keys, *to = scratch;
  gint64 min_start = G_MAXINT64, max_start = G_MININT64;
  guint64 range;

  if (n < 2)
    return;

  for (guint i = 0; i < n; i++)
    {
      min_start = MIN (min_start, keys[i].start);
      max_start = MAX (max_start, keys[i].start);
    }
  range = (guint64) max_start - (guint64) min_start;

  counts = g_new (guint, BUCKETS);
  for (guint shift = 0; shift < 64 && (range >> shift) != 0; shift += BITS)
    {
      guint total = 0;
      SortKey *swap;

      memset (counts, 0, sizeof (guint) * BUCKETS);
      for (guint i = 0; i < n; i++)
        counts[(((guint64) from[i].start - (guint64) min_start) >> shift) & (BUCKETS - 1)]++;
      for (guint b = 0; b < BUCKETS; b++)
        {
          guint c = counts[b];

          counts[b] = total;
          total += c;
        }
      for (guint i = 0; i < n; i++)
        to[counts[(((guint64) from[i].start - (guint64) min_start) >> shift) & (BUCKETS - 1)]++] = from[i];

      swap = from;
      from = to;
      to = swap;
    }
  if (from != keys)
    memcpy (keys, from, sizeof (SortKey) * n);

  /* Runs of equal starts: by end, then id. */
  for (guint run = 0; run < n;)
    {
      guint end = run + 1;

      while (end < n && keys[end].start == keys[run].start)
        end++;

      if (end - run > 32)
        g_qsort_with_data (&keys[run], end - run, sizeof (SortKey), compare_sort_keys, (gpointer) events);
      else
        for (guint i = run + 1; i < end; i++)
          {
            SortKey key = keys[i];
            guint j = i;

            while (j > run && compare_keys (&keys[j - 1], &key, events) > 0)
              {
                keys[j] = keys[j - 1];
                j--;
              }
            keys[j] = key;
          }

      run = end;
    }
}

static int
compare_points (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const ChronoSeriesPoint *pa = a;
  const ChronoSeriesPoint *pb = b;

  return pa->date.time < pb->date.time ? -1 : pa->date.time > pb->date.time;
}

static int
compare_eras (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const ChronoEra *ea = a;
  const ChronoEra *eb = b;

  if (ea->start.time != eb->start.time)
    return ea->start.time < eb->start.time ? -1 : 1;
  return ea->end_time < eb->end_time ? -1 : ea->end_time > eb->end_time;
}

/* Sorts era indices as compare_eras() sorts eras, stable. */
static int
compare_era_indices (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const ChronoEra *eras = user_data;
  guint ia = *(const guint *) a;
  guint ib = *(const guint *) b;
  int order = compare_eras (&eras[ia], &eras[ib], NULL);

  if (order != 0)
    return order;
  return ia < ib ? -1 : ia > ib;
}

static guint
resolve_default_lane (ChronoDocumentBuilder *self,
                      GHashTable            *lane_ids,
                      int                   *default_lane)
{
  if (*default_lane < 0)
    {
      guint found = GPOINTER_TO_UINT (g_hash_table_lookup (lane_ids, DEFAULT_LANE_ID));

      if (found > 0)
        *default_lane = found - 1;
      else
        {
          ChronoLane lane = { 0 };
          ItemSource source = { 0 };

          lane.id = intern_string (self, DEFAULT_LANE_ID);
          lane.title = insert_string (self, _("Events"));
          lane.kind = CHRONO_LANE_OTHER;
          g_array_append_val (self->lanes, lane);
          source.id = lane.id;
          g_array_append_val (self->lane_sources, source);
          *default_lane = self->lanes->len - 1;
          g_hash_table_insert (lane_ids, (gpointer)lane.id, GUINT_TO_POINTER (self->lanes->len));
        }
    }

  return *default_lane;
}

static gboolean
has_errors (GPtrArray *diagnostics)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const ChronoDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (!diagnostic->is_warning)
        return TRUE;
    }

  return FALSE;
}

/**
 * chrono_document_builder_finish:
 * @diagnostics: (nullable) (element-type ChronoDiagnostic): where every
 *   diagnostic is appended (the array must free its elements with
 *   chrono_diagnostic_free())
 *
 * Resolves lanes, categories, related events and the story; checks ids,
 * dates and importance; sorts events by start (then end, then id) and
 * series points and eras by date, and makes the document.  Diagnostics
 * carry the item's path plus the member (".lane") and the member's
 * position when the draft gave one, the item's otherwise.
 *
 * Returns: (transfer full) (nullable): the document, or NULL when any
 *   diagnostic is an error.  Consumes @self either way.
 */
ChronoDocument *
chrono_document_builder_finish (ChronoDocumentBuilder *self,
                                GPtrArray             *diagnostics)
{
  g_autoptr(GHashTable) lane_ids = _chrono_str_table_new (NULL, NULL);
  g_autoptr(GHashTable) category_ids = _chrono_str_table_new (NULL, NULL);
  g_autoptr(GHashTable) series_ids = _chrono_str_table_new (NULL, NULL);
  g_autoptr(GHashTable) next_series_id = NULL;
  g_autofree char *known_lanes = NULL;
  g_autofree char *known_categories = NULL;
  g_autofree char *known_events = NULL;
  g_autofree guint64 *id_slots = NULL;
  g_autofree SortKey *keys = NULL;
  g_autofree guint *rank = NULL;
  guint id_mask;
  ChronoDocument *document = NULL;
  int default_lane = -1;
  gint64 now = chrono_now ();
  guint n_events;
  guint n_extras = 0;
  guint n_media_used = 0;
  gboolean failed;
  guint n_related = 0;
  ChronoEvent *events;

  g_return_val_if_fail (self != NULL, NULL);

  n_events = self->events->len;
  events = (ChronoEvent *)(gpointer)self->events->data;

  check_lanes_and_categories (self, lane_ids, category_ids);
  flush_ids (self);
  assign_event_ids (self);
  self->id_slots = _chrono_id_table_grow (self->id_slots, &self->id_mask, self->n_ids);
  id_slots = g_steal_pointer (&self->id_slots);
  id_mask = self->id_mask;

  known_lanes = list_ids ((const char * const *)(gpointer)self->lanes->data, self->lanes->len, sizeof (ChronoLane));
  known_categories = list_ids ((const char * const *)(gpointer)self->categories->data, self->categories->len,
                               sizeof (ChronoCategory));
  known_events = list_ids ((const char * const *)(gpointer)self->events->data, n_events, sizeof (ChronoEvent));

  /* Events, in input order. */
  for (guint i = 0; i < n_events; i++)
    {
      ChronoEvent *event = &events[i];
      const PendingEvent *pending = &g_array_index (self->pending, PendingEvent, i);

      if (!pending->has_title)
        report (self, CHRONO_ERROR_MISSING_MEMBER, pending->pos, pending->path, ".title",
                _("give every event a title"), _("an event needs a title"));

      if (pending->lane_id == NULL)
        event->lane = resolve_default_lane (self, lane_ids, &default_lane);
      else
        {
          guint found = GPOINTER_TO_UINT (g_hash_table_lookup (lane_ids, pending->lane_id));

          if (found > 0)
            event->lane = found - 1;
          else
            report_unknown (self, KIND_LANE, best_pos (pending->lane_pos, pending->pos), pending->path,
                            ".lane", pending->lane_id, known_lanes);
        }

      if (pending->category_id != NULL)
        {
          guint found = GPOINTER_TO_UINT (g_hash_table_lookup (category_ids, pending->category_id));

          if (found > 0)
            event->category = found - 1;
          else
            report_unknown (self, KIND_CATEGORY, best_pos (pending->category_pos, pending->pos),
                            pending->path, ".category", pending->category_id, known_categories);
        }

      if (pending->importance == 0)
        event->importance = 3;
      else if (pending->importance >= 1 && pending->importance <= 5)
        event->importance = pending->importance;
      else
        {
          g_autofree char *message = g_strdup_printf (_("importance %d is out of range"), pending->importance);

          report (self, CHRONO_ERROR_VALUE, pending->pos, pending->path, ".importance",
                  _("use 1 (minor) to 5 (major)"), message);
        }

      if (event->start.precision == CHRONO_PRECISION_NONE)
        {
          report (self, CHRONO_ERROR_MISSING_MEMBER, pending->pos, pending->path, ".start",
                  _("give every event a “start” date such as “2015-12-11”"),
                  _("an event needs a start date"));
          event->end_time = event->start.time;
        }
      else
        compute_end_time (self, &event->start, &event->end, pending->path,
                          best_pos (pending->end_pos, pending->pos), now, &event->end_time);

      for (guint j = 0; j < pending->n_related; j++)
        {
          const PendingRelation *relation = &g_array_index (self->related, PendingRelation,
                                                            pending->related_offset + j);

          if (_chrono_id_table_lookup (id_slots, id_mask, events, relation->id) < 0)
            {
              g_autofree char *member = g_strdup_printf (".related[%u]", j);

              report_unknown (self, KIND_EVENT, best_pos (relation->pos, pending->pos), pending->path,
                              member, relation->id, known_events);
            }
        }

      if (pending->n_tags > 0 || pending->n_links > 0 || pending->n_related > 0 || pending->has_media)
        {
          n_extras++;
          n_related += pending->n_related;
        }
    }

  /* Explicit series ids first, so that a made-up one never takes an id
   * that a later series names. */
  for (guint i = 0; i < self->series->len; i++)
    {
      ChronoSeries *series = &g_array_index (self->series, ChronoSeries, i);
      const PendingSeries *pending = &g_array_index (self->series_pending, PendingSeries, i);
      int first;

      if (series->id == NULL)
        continue;

      first = register_id (series_ids, series->id, i);
      if (first >= 0)
        {
          const PendingSeries *earlier = &g_array_index (self->series_pending, PendingSeries, first);

          report_duplicate (self, KIND_SERIES, series->id, pending->path, pending->pos,
                            earlier->path, earlier->pos);
        }
    }

  for (guint i = 0; i < self->series->len; i++)
    {
      ChronoSeries *series = &g_array_index (self->series, ChronoSeries, i);
      const PendingSeries *pending = &g_array_index (self->series_pending, PendingSeries, i);

      if (series->id == NULL)
        {
          g_autofree char *base = _chrono_slugify (series->title);
          g_autofree char *candidate = NULL;

          if (next_series_id == NULL)
            next_series_id = _chrono_str_table_new (g_free, NULL);
          candidate = make_free_id (next_series_id, base, hash_id_taken, series_ids);
          series->id = insert_string (self, candidate);
          register_id (series_ids, series->id, i);
        }

      if (pending->lane_id == NULL)
        series->lane = resolve_default_lane (self, lane_ids, &default_lane);
      else
        {
          guint found = GPOINTER_TO_UINT (g_hash_table_lookup (lane_ids, pending->lane_id));

          if (found > 0)
            series->lane = found - 1;
          else
            report_unknown (self, KIND_LANE, pending->pos, pending->path, ".lane",
                            pending->lane_id, known_lanes);
        }

      if (series->n_points > 1)
        g_qsort_with_data (&g_array_index (self->points, ChronoSeriesPoint, pending->points_offset),
                           series->n_points, sizeof (ChronoSeriesPoint), compare_points, NULL);
    }

  for (guint i = 0; i < self->eras->len; i++)
    {
      ChronoEra *era = &g_array_index (self->eras, ChronoEra, i);
      const ItemSource *source = &g_array_index (self->era_sources, ItemSource, i);

      if (era->start.precision == CHRONO_PRECISION_NONE)
        {
          report (self, CHRONO_ERROR_MISSING_MEMBER, source->pos, source->path, ".start",
                  _("give every era a “start” date"), _("an era needs a start date"));
          era->end_time = era->start.time;
          continue;
        }

      compute_end_time (self, &era->start, &era->end, source->path, source->pos, now, &era->end_time);
    }

  for (guint i = 0; i < self->story->len; i++)
    {
      const ItemSource *step = &g_array_index (self->story, ItemSource, i);

      if (_chrono_id_table_lookup (id_slots, id_mask, events, step->id) < 0)
        report_unknown (self, KIND_STORY_STEP, step->pos, step->path, "", step->id, known_events);
    }

  failed = has_errors (self->diagnostics);

  if (diagnostics != NULL)
    {
      for (guint i = 0; i < self->diagnostics->len; i++)
        g_ptr_array_add (diagnostics, g_steal_pointer (&g_ptr_array_index (self->diagnostics, i)));
      g_ptr_array_set_size (self->diagnostics, 0);
    }

  if (failed)
    {
      chrono_document_builder_free (self);
      return NULL;
    }

  /* Sort compact keys, not the events, so the pending data stays in
   * input order and the sort stays in cache. */
  keys = g_new (SortKey, MAX (n_events, 1));
  for (guint i = 0; i < n_events; i++)
    keys[i] = (SortKey) { events[i].start.time, events[i].end_time, id_prefix (events[i].id), i };
  {
    g_autofree SortKey *scratch = g_new (SortKey, MAX (n_events, 1));

    sort_keys (keys, scratch, n_events, events);
  }
  rank = g_new (guint, MAX (n_events, 1));
  for (guint i = 0; i < n_events; i++)
    rank[keys[i].index] = i;

  document = _chrono_document_new (self->format);
  g_free (document->title);
  document->title = self->title != NULL ? g_steal_pointer (&self->title) : g_strdup ("");
  document->description = g_steal_pointer (&self->description);
  document->strings = g_steal_pointer (&self->strings);
  document->string_bytes = self->string_bytes;

  document->n_tag_slots = self->tag_slots->len;
  document->tag_slots = (const char **)g_ptr_array_free (g_steal_pointer (&self->tag_slots), FALSE);
  document->n_links = self->links->len;
  document->links = (ChronoLink *)(gpointer)g_array_free (g_steal_pointer (&self->links), FALSE);
  document->relations = g_new (ChronoRelation, MAX (n_related, 1));
  document->n_media = self->media->len;
  document->media = self->media->len > 0
    ? (ChronoMedia *)(gpointer)g_array_free (g_steal_pointer (&self->media), FALSE)
    : NULL;
  document->cover_media = g_steal_pointer (&self->cover_media);
  document->background = g_steal_pointer (&self->background);
  document->extras = g_new (ChronoEventExtra, MAX (n_extras, 1));

  /* Extras first, in input order, reading the pending data in order;
   * relations find their targets through the id table, still in input
   * order, and rank. */
  for (guint i = 0; i < n_events; i++)
    {
      static const char * const no_tags[] = { NULL };
      const PendingEvent *pending = &g_array_index (self->pending, PendingEvent, i);
      ChronoEventExtra *extra;

      events[i].extra = NULL;
      if (pending->n_tags == 0 && pending->n_links == 0 && pending->n_related == 0 && !pending->has_media)
        continue;

      extra = &document->extras[document->n_extras++];
      extra->tags = pending->n_tags > 0 ? (const char * const *)&document->tag_slots[pending->tags_offset] : no_tags;
      extra->n_tags = pending->n_tags;
      extra->links = pending->n_links > 0 ? &document->links[pending->links_offset] : NULL;
      extra->n_links = pending->n_links;
      extra->related = pending->n_related > 0 ? &document->relations[document->n_relations] : NULL;
      extra->n_related = pending->n_related;
      extra->media = pending->has_media ? &document->media[n_media_used++] : NULL;

      for (guint j = 0; j < pending->n_related; j++)
        {
          const PendingRelation *relation = &g_array_index (self->related, PendingRelation,
                                                            pending->related_offset + j);
          int target = _chrono_id_table_lookup (id_slots, id_mask, events, relation->id);
          ChronoRelation *out = &document->relations[document->n_relations++];

          g_assert (target >= 0);
          out->event = rank[target];
          out->label = relation->label;
        }

      events[i].extra = extra;
    }
  /* The pending data (96 bytes an event) is not needed any more: gone
   * before the events move, the peak of loading. */
  g_clear_pointer (&self->pending, g_array_unref);

  /* The id table points at the sorted events from now on. */
  _chrono_id_table_renumber (id_slots, id_mask, rank);

  /* The events go into order in place, following the cycles of the
   * permutation, with a bitmap of the places filled: a sorted copy would
   * double their memory (112 MB at a million events) at the peak of
   * loading.  The walk reads where each place's event comes from in a
   * compact array and asks for the events a few steps ahead, since the
   * order is random. */
  {
    g_autofree guint8 *placed = g_new0 (guint8, (n_events + 7) / 8);
    g_autofree guint *source = g_new (guint, MAX (n_events, 1));

    for (guint i = 0; i < n_events; i++)
      source[i] = keys[i].index;
    g_clear_pointer (&keys, g_free);

    for (guint first = 0; first < n_events; first++)
      {
        ChronoEvent held;
        guint i = first;
        guint ahead = first;

        if (placed[first / 8] & (1u << (first % 8)))
          continue;
        for (guint k = 0; k < PREFETCH_AHEAD && source[ahead] != first; k++)
          {
            ahead = source[ahead];
#if defined(__GNUC__) || defined(__clang__)
            __builtin_prefetch (&events[ahead]);
#endif
          }
        held = events[first];
        for (;;)
          {
            guint from = source[i];

            placed[i / 8] |= 1u << (i % 8);
            if (from == first)
              {
                events[i] = held;
                break;
              }
            if (source[ahead] != first)
              {
                ahead = source[ahead];
#if defined(__GNUC__) || defined(__clang__)
                __builtin_prefetch (&events[ahead]);
                __builtin_prefetch ((const char *) &events[ahead] + 64);
#endif
              }
            events[i] = events[from];
            i = from;
          }
      }
  }
  for (guint i = 0; i < n_events; i++)
    events[i].index = i;
  if (n_events > 0)
    document->events = (ChronoEvent *)(gpointer)g_array_free (g_steal_pointer (&self->events), FALSE);
  else
    document->events = g_new0 (ChronoEvent, 1);
  document->n_events = n_events;

  document->id_slots = g_steal_pointer (&id_slots);
  document->id_mask = id_mask;

  document->n_lanes = self->lanes->len;
  document->lanes = (ChronoLane *)(gpointer)g_array_free (g_steal_pointer (&self->lanes), FALSE);
  document->n_categories = self->categories->len;
  document->categories = (ChronoCategory *)(gpointer)g_array_free (g_steal_pointer (&self->categories), FALSE);

  document->n_points = self->points->len;
  document->points = (ChronoSeriesPoint *)(gpointer)g_array_free (g_steal_pointer (&self->points), FALSE);
  document->n_series = self->series->len;
  document->series = (ChronoSeries *)(gpointer)g_array_free (g_steal_pointer (&self->series), FALSE);
  for (guint i = 0; i < document->n_series; i++)
    {
      const PendingSeries *pending = &g_array_index (self->series_pending, PendingSeries, i);

      if (document->series[i].n_points > 0)
        document->series[i].points = &document->points[pending->points_offset];
    }

  /* Eras are sorted through their indices, so that their extensions
   * can follow them. */
  {
    guint n_eras = self->eras->len;
    g_autofree guint *order = g_new (guint, MAX (n_eras, 1));
    g_autofree guint *era_rank = g_new (guint, MAX (n_eras, 1));

    for (guint i = 0; i < n_eras; i++)
      order[i] = i;
    g_qsort_with_data (order, n_eras, sizeof (guint), compare_era_indices, self->eras->data);
    document->n_eras = n_eras;
    document->eras = g_new (ChronoEra, MAX (n_eras, 1));
    for (guint i = 0; i < n_eras; i++)
      {
        document->eras[i] = g_array_index (self->eras, ChronoEra, order[i]);
        era_rank[order[i]] = i;
      }

    if (self->extensions->len > 0)
      {
        for (guint i = 0; i < self->extensions->len; i++)
          {
            ChronoExtension *x = &g_array_index (self->extensions, ChronoExtension, i);

            if (x->kind == CHRONO_RECORD_EVENT)
              x->index = rank[x->index];
            else if (x->kind == CHRONO_RECORD_ERA)
              x->index = era_rank[x->index];
          }
        g_array_sort (self->extensions, compare_extensions);
        document->n_extensions = self->extensions->len;
        document->extensions = (ChronoExtension *)(gpointer)g_array_free (g_steal_pointer (&self->extensions), FALSE);
      }
  }

  document->n_story = self->story->len;
  document->story = g_new (guint, MAX (self->story->len, 1));
  if (self->story_notes != NULL)
    document->story_notes = (const char **) g_ptr_array_free (g_steal_pointer (&self->story_notes), FALSE);
  for (guint i = 0; i < self->story->len; i++)
    {
      const ItemSource *step = &g_array_index (self->story, ItemSource, i);
      int target = chrono_document_find_event (document, step->id);

      g_assert (target >= 0);
      document->story[i] = target;
    }

  _chrono_document_seal (document);

  chrono_document_builder_free (self);

  return document;
}
