/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-edit"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "chrono-edit-private.h"
#include "chrono-error.h"
#include "chrono-limits.h"
#include "chrono-link.h"

/*
 * Edits of events: each checks its input with the loader's rules and
 * messages, then records a command of the state before and after.
 */

gboolean
_chrono_edit_check_string (const char  *text,
              GError     **error)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, CHRONO_ERROR, CHRONO_ERROR_ENCODING, _("invalid UTF-8"));
      return FALSE;
    }

  if (text != NULL && strlen (text) > _chrono_limits ()->string_bytes)
    {
      g_autofree char *limit = g_format_size_full (_chrono_limits ()->string_bytes, G_FORMAT_SIZE_IEC_UNITS);

      /* The JSON guard's message for the same limit. */
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_LIMIT, _("a string longer than %s"), limit);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_position (ChronoEditStack *self,
                guint            position,
                GError         **error)
{
  if (position < chrono_document_get_n_events (self->document))
    return TRUE;

  g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_REFERENCE, _("there is no event %u"), position);
  return FALSE;
}

/* The exclusive end of an event, as the builder computes it. */
static gboolean
compute_end_time (const ChronoDate  *start,
                  const ChronoDate  *end,
                  gint64            *end_time,
                  GError           **error)
{
  gint64 start_end = chrono_date_get_period_end (start);

  if (start->precision == CHRONO_PRECISION_NONE)
    {
      g_set_error_literal (error, CHRONO_ERROR, CHRONO_ERROR_MISSING_MEMBER,
                           _("an event needs a start date"));
      return FALSE;
    }

  if (end->flags & CHRONO_DATE_OPEN)
    *end_time = MAX (chrono_now (), start_end);
  else if (end->precision == CHRONO_PRECISION_NONE)
    *end_time = start_end;
  else
    {
      *end_time = chrono_date_get_period_end (end);
      if (*end_time <= start->time)
        {
          g_autofree char *start_text = chrono_date_to_iso (start);
          g_autofree char *end_text = chrono_date_to_iso (end);

          g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_RANGE,
                       _("the end %s is before the start %s"), end_text, start_text);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
_chrono_edit_find_lane (ChronoEditStack *self,
           const char      *id,
           guint32         *lane,
           GError         **error)
{
  int found = chrono_document_find_lane (self->document, id);

  if (found < 0)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_REFERENCE, _("unknown lane “%s”"), id);
      return FALSE;
    }

  *lane = found;
  return TRUE;
}

gboolean
_chrono_edit_find_category (ChronoEditStack *self,
               const char      *id,
               gint32          *category,
               GError         **error)
{
  int found;

  if (id == NULL)
    {
      *category = -1;
      return TRUE;
    }

  found = chrono_document_find_category (self->document, id);
  if (found < 0)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_REFERENCE, _("unknown category “%s”"), id);
      return FALSE;
    }

  *category = found;
  return TRUE;
}

static gboolean
check_importance (int      importance,
                  GError **error)
{
  if (importance >= 1 && importance <= 5)
    return TRUE;

  g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_VALUE, _("importance %d is out of range"), importance);
  return FALSE;
}

/* The parts of an extra, before they are copied into the document. */
typedef struct
{
  const char * const   *tags;
  guint                 n_tags;
  const ChronoLink     *links;
  guint                 n_links;
  const ChronoRelation *related;
  const guint32        *related_handles;
  guint                 n_related;
} ExtraParts;

static ExtraParts
extra_parts (const ChronoEventExtra *extra)
{
  ExtraParts parts = { 0, };

  if (extra != NULL)
    {
      parts.tags = extra->tags;
      parts.n_tags = extra->n_tags;
      parts.links = extra->links;
      parts.n_links = extra->n_links;
      parts.related = extra->related;
      parts.n_related = extra->n_related;
    }

  return parts;
}

static gpointer
own (ChronoDocument *document,
     gpointer        block)
{
  g_ptr_array_add (document->owned, block);
  return block;
}

/* A new extra in the document for @parts (NULL when empty).  Relations
 * need their targets' handles: from @parts->related_handles, else taken
 * from the positions in @parts->related. */
static const ChronoEventExtra *
make_extra (ChronoDocument   *document,
            const ExtraParts *parts)
{
  ChronoEventExtra *extra;

  if (parts->n_tags == 0 && parts->n_links == 0 && parts->n_related == 0)
    return NULL;

  extra = own (document, g_new0 (ChronoEventExtra, 1));

  if (parts->n_tags > 0)
    {
      const char **tags = own (document, g_new0 (const char *, parts->n_tags + 1));

      for (guint i = 0; i < parts->n_tags; i++)
        tags[i] = _chrono_document_intern (document, parts->tags[i]);
      extra->tags = tags;
      extra->n_tags = parts->n_tags;
    }

  if (parts->n_links > 0)
    {
      ChronoLink *links = own (document, g_new0 (ChronoLink, parts->n_links));

      for (guint i = 0; i < parts->n_links; i++)
        {
          links[i].title = _chrono_document_intern (document, parts->links[i].title);
          links[i].url = _chrono_document_intern (document, parts->links[i].url);
        }
      extra->links = links;
      extra->n_links = parts->n_links;
    }

  if (parts->n_related > 0)
    {
      ChronoRelation *related = own (document, g_new0 (ChronoRelation, parts->n_related));
      g_autofree guint32 *handles = g_new (guint32, parts->n_related);

      for (guint i = 0; i < parts->n_related; i++)
        {
          related[i].label = _chrono_document_intern (document, parts->related[i].label);
          handles[i] = parts->related_handles != NULL
                       ? parts->related_handles[i]
                       : _chrono_document_get_handle (document, parts->related[i].event);
        }
      _chrono_document_add_relations (document, related, handles, parts->n_related);
      extra->related = related;
      extra->n_related = parts->n_related;
    }

  return extra;
}

void
_chrono_edit_push_event_set (ChronoEditStack   *self,
                guint32            handle,
                const ChronoEvent *after,
                const char        *label)
{
  Edit *edit = _chrono_edit_new (EDIT_EVENT_SET);

  edit->label = g_strdup (label);
  edit->handle = handle;
  edit->event[0] = *_chrono_document_handle_event (self->document, handle);
  edit->event[1] = *after;
  _chrono_edit_stack_push (self, edit);
}

/* The event at @position as a struct to change, after thawing. */
static gboolean
begin_set (ChronoEditStack *self,
           guint            position,
           guint32         *handle,
           ChronoEvent     *event,
           GError         **error)
{
  if (!check_position (self, position, error))
    return FALSE;

  _chrono_document_thaw (self->document);
  *handle = _chrono_document_get_handle (self->document, position);
  *event = *_chrono_document_handle_event (self->document, *handle);

  return TRUE;
}

/**
 * chrono_edit_stack_set_title:
 * @position: an event position
 * @title: the new title, not empty
 *
 * Returns: FALSE with @error set when the title is empty or invalid
 */
gboolean
chrono_edit_stack_set_title (ChronoEditStack  *self,
                             guint             position,
                             const char       *title,
                             GError          **error)
{
  ChronoEvent event;
  guint32 handle;

  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);

  if (title == NULL || title[0] == '\0')
    {
      g_set_error_literal (error, CHRONO_ERROR, CHRONO_ERROR_MISSING_MEMBER, _("an event needs a title"));
      return FALSE;
    }

  if (!_chrono_edit_check_string (title, error) || !begin_set (self, position, &handle, &event, error))
    return FALSE;

  event.title = _chrono_document_intern (self->document, title);
  _chrono_edit_push_event_set (self, handle, &event, _("Change Title"));

  return TRUE;
}

/**
 * chrono_edit_stack_set_dates:
 * @start: the start as the format writes it
 * @end: (nullable): the end, "" or NULL for a point, ".." for ongoing
 *
 * Parses both with the loader's parser.
 *
 * Returns: FALSE with a CHRONO_ERROR_DATE or CHRONO_ERROR_RANGE error
 *   and the loader's message when a date is wrong
 */
gboolean
chrono_edit_stack_set_dates (ChronoEditStack  *self,
                             guint             position,
                             const char       *start,
                             const char       *end,
                             GError          **error)
{
  ChronoEvent event;
  ChronoDate start_date, end_date = { 0, };
  guint32 handle;

  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);
  g_return_val_if_fail (start != NULL, FALSE);

  if (!chrono_date_parse (start, FALSE, &start_date, NULL, error))
    return FALSE;
  if (end != NULL && end[0] != '\0' && !chrono_date_parse (end, TRUE, &end_date, NULL, error))
    return FALSE;
  if (!check_position (self, position, error))
    return FALSE;

  if (!begin_set (self, position, &handle, &event, error))
    return FALSE;

  event.start = start_date;
  event.end = end_date;
  if (!compute_end_time (&event.start, &event.end, &event.end_time, error))
    return FALSE;

  _chrono_edit_push_event_set (self, handle, &event, _("Change Dates"));

  return TRUE;
}

/**
 * chrono_edit_stack_set_lane:
 * @lane_id: the id of an existing lane
 *
 * Returns: FALSE with a CHRONO_ERROR_REFERENCE error for an unknown lane
 */
gboolean
chrono_edit_stack_set_lane (ChronoEditStack  *self,
                            guint             position,
                            const char       *lane_id,
                            GError          **error)
{
  ChronoEvent event;
  guint32 handle, lane;

  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);
  g_return_val_if_fail (lane_id != NULL, FALSE);

  if (!_chrono_edit_find_lane (self, lane_id, &lane, error) || !begin_set (self, position, &handle, &event, error))
    return FALSE;

  event.lane = lane;
  _chrono_edit_push_event_set (self, handle, &event, _("Change Lane"));

  return TRUE;
}

/**
 * chrono_edit_stack_set_category:
 * @category_id: (nullable): the id of an existing category, or NULL
 *
 * Returns: FALSE with a CHRONO_ERROR_REFERENCE error for an unknown one
 */
gboolean
chrono_edit_stack_set_category (ChronoEditStack  *self,
                                guint             position,
                                const char       *category_id,
                                GError          **error)
{
  ChronoEvent event;
  guint32 handle;
  gint32 category;

  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);

  if (!_chrono_edit_find_category (self, category_id, &category, error) ||
      !begin_set (self, position, &handle, &event, error))
    return FALSE;

  event.category = category;
  _chrono_edit_push_event_set (self, handle, &event, _("Change Category"));

  return TRUE;
}

/**
 * chrono_edit_stack_set_importance:
 * @importance: 1 (minor) to 5 (major)
 *
 * Returns: FALSE with a CHRONO_ERROR_VALUE error out of range
 */
gboolean
chrono_edit_stack_set_importance (ChronoEditStack  *self,
                                  guint             position,
                                  int               importance,
                                  GError          **error)
{
  ChronoEvent event;
  guint32 handle;

  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);

  if (!check_importance (importance, error) || !begin_set (self, position, &handle, &event, error))
    return FALSE;

  event.importance = importance;
  _chrono_edit_push_event_set (self, handle, &event, _("Change Importance"));

  return TRUE;
}

/**
 * chrono_edit_stack_set_description:
 * @description: (nullable): plain text; NULL or "" for none
 *
 * Returns: FALSE with @error set for invalid text
 */
gboolean
chrono_edit_stack_set_description (ChronoEditStack  *self,
                                   guint             position,
                                   const char       *description,
                                   GError          **error)
{
  ChronoEvent event;
  guint32 handle;

  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);

  if (!_chrono_edit_check_string (description, error) || !begin_set (self, position, &handle, &event, error))
    return FALSE;

  event.description = description != NULL && description[0] != '\0'
                      ? _chrono_document_intern (self->document, description) : NULL;
  _chrono_edit_push_event_set (self, handle, &event, _("Change Description"));

  return TRUE;
}

static gboolean
check_tags (const char * const  *tags,
            guint               *n_tags,
            GError             **error)
{
  *n_tags = tags != NULL ? g_strv_length ((char **)tags) : 0;

  if (*n_tags > _chrono_limits ()->tags)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_LIMIT, _("an event with more than %u tags"),
                   _chrono_limits ()->tags);
      return FALSE;
    }

  for (guint i = 0; i < *n_tags; i++)
    if (!_chrono_edit_check_string (tags[i], error))
      return FALSE;

  return TRUE;
}

/**
 * chrono_edit_stack_set_tags:
 * @tags: (nullable): NULL-terminated tags
 *
 * Returns: FALSE with @error set over the limit of tags
 */
gboolean
chrono_edit_stack_set_tags (ChronoEditStack     *self,
                            guint                position,
                            const char * const  *tags,
                            GError             **error)
{
  ChronoEvent event;
  ExtraParts parts;
  guint32 handle;
  guint n_tags;

  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);

  if (!check_tags (tags, &n_tags, error) || !begin_set (self, position, &handle, &event, error))
    return FALSE;

  parts = extra_parts (event.extra);
  parts.tags = tags;
  parts.n_tags = n_tags;
  event.extra = make_extra (self->document, &parts);
  _chrono_edit_push_event_set (self, handle, &event, _("Change Tags"));

  return TRUE;
}

static gboolean
normalize_links (const ChronoLink  *links,
                 guint              n_links,
                 GPtrArray         *urls,
                 GError           **error)
{
  if (n_links > _chrono_limits ()->links)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_LIMIT, _("an event with more than %u links"),
                   _chrono_limits ()->links);
      return FALSE;
    }

  for (guint i = 0; i < n_links; i++)
    {
      char *url;

      if (!_chrono_edit_check_string (links[i].title, error))
        return FALSE;
      url = chrono_link_normalize_url (links[i].url != NULL ? links[i].url : "", error);
      if (url == NULL)
        return FALSE;
      g_ptr_array_add (urls, url);
    }

  return TRUE;
}

/**
 * chrono_edit_stack_set_links:
 * @links: (array length=n_links): links; each URL goes through the
 *   loader's check (http, https and mailto only) and is kept normalised
 *
 * Returns: FALSE with a CHRONO_ERROR_LINK error for a refused link
 */
gboolean
chrono_edit_stack_set_links (ChronoEditStack   *self,
                             guint              position,
                             const ChronoLink  *links,
                             guint              n_links,
                             GError           **error)
{
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_autofree ChronoLink *normal = NULL;
  ChronoEvent event;
  ExtraParts parts;
  guint32 handle;

  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);
  g_return_val_if_fail (links != NULL || n_links == 0, FALSE);

  if (!normalize_links (links, n_links, urls, error) || !begin_set (self, position, &handle, &event, error))
    return FALSE;

  normal = g_new0 (ChronoLink, MAX (n_links, 1));
  for (guint i = 0; i < n_links; i++)
    normal[i] = (ChronoLink) { links[i].title, g_ptr_array_index (urls, i) };

  parts = extra_parts (event.extra);
  parts.links = normal;
  parts.n_links = n_links;
  event.extra = make_extra (self->document, &parts);
  _chrono_edit_push_event_set (self, handle, &event, _("Change Links"));

  return TRUE;
}

/* Resolves event ids to handles, with the loader's message. */
static gboolean
resolve_related (ChronoEditStack     *self,
                 const char * const  *ids,
                 const char * const  *labels,
                 ChronoRelation     **related,
                 guint32            **handles,
                 guint               *n,
                 GError             **error)
{
  *n = ids != NULL ? g_strv_length ((char **)ids) : 0;

  if (*n > _chrono_limits ()->relations)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_LIMIT, _("an event with more than %u related events"),
                   _chrono_limits ()->relations);
      return FALSE;
    }

  *related = g_new0 (ChronoRelation, MAX (*n, 1));
  *handles = g_new0 (guint32, MAX (*n, 1));

  for (guint i = 0; i < *n; i++)
    {
      int found = chrono_document_find_event (self->document, ids[i]);

      if (found < 0)
        {
          g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_REFERENCE, _("unknown event “%s”"), ids[i]);
          g_clear_pointer (related, g_free);
          g_clear_pointer (handles, g_free);
          return FALSE;
        }
      if (labels != NULL && !_chrono_edit_check_string (labels[i], error))
        {
          g_clear_pointer (related, g_free);
          g_clear_pointer (handles, g_free);
          return FALSE;
        }
      (*related)[i].event = found;
      (*related)[i].label = labels != NULL ? labels[i] : NULL;
      (*handles)[i] = _chrono_document_get_handle (self->document, found);
    }

  return TRUE;
}

/**
 * chrono_edit_stack_set_related:
 * @ids: (nullable): ids of existing events, NULL-terminated
 * @labels: (nullable): a label for each, entries may be NULL
 *
 * Returns: FALSE with a CHRONO_ERROR_REFERENCE error for an unknown id
 */
gboolean
chrono_edit_stack_set_related (ChronoEditStack     *self,
                               guint                position,
                               const char * const  *ids,
                               const char * const  *labels,
                               GError             **error)
{
  g_autofree ChronoRelation *related = NULL;
  g_autofree guint32 *handles = NULL;
  ChronoEvent event;
  ExtraParts parts;
  guint32 handle;
  guint n;

  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);

  if (!check_position (self, position, error))
    return FALSE;
  _chrono_document_thaw (self->document);
  if (!resolve_related (self, ids, labels, &related, &handles, &n, error) ||
      !begin_set (self, position, &handle, &event, error))
    return FALSE;

  parts = extra_parts (event.extra);
  parts.related = related;
  parts.related_handles = handles;
  parts.n_related = n;
  event.extra = make_extra (self->document, &parts);
  _chrono_edit_push_event_set (self, handle, &event, _("Change Related Events"));

  return TRUE;
}

/* An id made from @title that no live event has, as the builder makes
 * them. */
static char *
unique_id (ChronoDocument *document,
           const char     *title)
{
  g_autofree char *base = _chrono_slugify (title);
  GString *slug = g_string_new (base);

  for (guint n = 2; chrono_document_find_event (document, slug->str) >= 0; n++)
    {
      g_string_truncate (slug, strlen (base));
      g_string_append_printf (slug, "-%u", n);
    }

  return g_string_free (slug, FALSE);
}

/**
 * chrono_edit_stack_add_event:
 * @draft: the event as a loader gives it to the builder; @draft->start
 *   must be set (parse it with chrono_date_parse())
 * @position: (out) (optional): where the event went
 *
 * Returns: FALSE with the loader's error for a missing title or date,
 *   an end before the start, an unknown lane, category or related event,
 *   a duplicate id, a refused link or a count over a limit
 */
gboolean
chrono_edit_stack_add_event (ChronoEditStack         *self,
                             const ChronoEventDraft  *draft,
                             guint                   *position,
                             GError                 **error)
{
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_autofree ChronoRelation *related = NULL;
  g_autofree guint32 *handles = NULL;
  g_autofree ChronoLink *links = NULL;
  g_autofree char *id = NULL;
  ChronoDocument *document;
  ChronoEvent event = { 0, };
  ExtraParts parts = { 0, };
  gboolean need_lane = FALSE;
  Edit *edit;

  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);

  document = self->document;

  if (draft->title == NULL || draft->title[0] == '\0')
    {
      g_set_error_literal (error, CHRONO_ERROR, CHRONO_ERROR_MISSING_MEMBER, _("an event needs a title"));
      return FALSE;
    }
  if (chrono_document_get_n_events (document) >= _chrono_limits ()->events)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_LIMIT, _("more than %u events in one file"),
                   _chrono_limits ()->events);
      return FALSE;
    }
  if (draft->id != NULL && draft->id[0] == '\0')
    {
      g_set_error_literal (error, CHRONO_ERROR, CHRONO_ERROR_VALUE, _("an event id cannot be empty"));
      return FALSE;
    }
  if (draft->id != NULL && chrono_document_find_event (document, draft->id) >= 0)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_DUPLICATE_ID, _("duplicate event id “%s”"), draft->id);
      return FALSE;
    }
  if (!_chrono_edit_check_string (draft->id, error) || !_chrono_edit_check_string (draft->title, error) ||
      !_chrono_edit_check_string (draft->description, error))
    return FALSE;

  event.start = draft->start;
  event.end = draft->end;
  if (!compute_end_time (&event.start, &event.end, &event.end_time, error))
    return FALSE;

  if (draft->lane != NULL)
    {
      if (!_chrono_edit_find_lane (self, draft->lane, &event.lane, error))
        return FALSE;
    }
  else if (chrono_document_get_n_lanes (document) == 0)
    need_lane = TRUE;  /* the builder's default lane, made below */

  if (!_chrono_edit_find_category (self, draft->category, &event.category, error))
    return FALSE;
  if (draft->importance != 0 && !check_importance (draft->importance, error))
    return FALSE;
  event.importance = draft->importance != 0 ? draft->importance : 3;

  if (!check_tags (draft->tags, &parts.n_tags, error) ||
      !normalize_links (draft->links, draft->n_links, urls, error))
    return FALSE;
  parts.tags = draft->tags;

  _chrono_document_thaw (document);
  if (!resolve_related (self, draft->related, draft->related_labels, &related, &handles,
                        &parts.n_related, error))
    return FALSE;

  links = g_new0 (ChronoLink, MAX (draft->n_links, 1));
  for (guint i = 0; i < draft->n_links; i++)
    links[i] = (ChronoLink) { draft->links[i].title, g_ptr_array_index (urls, i) };
  parts.links = links;
  parts.n_links = draft->n_links;
  parts.related = related;
  parts.related_handles = handles;

  id = draft->id != NULL ? g_strdup (draft->id) : unique_id (document, draft->title);
  event.id = _chrono_document_intern (document, id);
  event.title = _chrono_document_intern (document, draft->title);
  event.description = draft->description != NULL && draft->description[0] != '\0'
                      ? _chrono_document_intern (document, draft->description) : NULL;
  event.extra = make_extra (document, &parts);

  edit = _chrono_edit_new (EDIT_EVENT_ADD);
  edit->label = g_strdup (_("Add Event"));
  edit->handle = _chrono_document_new_handle (document, &event);

  /* The lane and the event are one step. */
  if (need_lane)
    {
      ChronoLane lane = { .id = "events", .title = _("Events") };

      chrono_edit_stack_begin_group (self, _("Add Event"));
      if (!chrono_edit_stack_add_lane (self, &lane, NULL))
        g_assert_not_reached ();
    }
  _chrono_edit_stack_push (self, edit);
  if (need_lane)
    chrono_edit_stack_end_group (self);

  if (position != NULL)
    *position = document->where[edit->handle];

  return TRUE;
}

/* Sorts handles by position, last first, and drops duplicates. */
static GArray *
handles_of (ChronoEditStack *self,
            const guint     *positions,
            guint            n_positions,
            GError         **error)
{
  g_autoptr(GArray) handles = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n_positions);
  g_autofree guint *sorted = g_memdup2 (positions, sizeof (guint) * n_positions);

  for (guint i = 0; i < n_positions; i++)
    if (!check_position (self, positions[i], error))
      return NULL;

  _chrono_document_thaw (self->document);
  for (guint i = 0; i < n_positions; i++)
    {
      guint32 handle = _chrono_document_get_handle (self->document, positions[i]);
      gboolean seen = FALSE;

      for (guint j = 0; j < handles->len && !seen; j++)
        seen = g_array_index (handles, guint32, j) == handle;
      if (!seen)
        g_array_append_val (handles, handle);
    }

  return g_steal_pointer (&handles);
}

static gboolean
is_in (const GArray *handles,
       guint32       handle)
{
  for (guint i = 0; i < handles->len; i++)
    if (g_array_index (handles, guint32, i) == handle)
      return TRUE;

  return FALSE;
}

/* Whether a live relation may name one of @handles. */
static gboolean
names_any (ChronoDocument *document,
           const GArray   *handles)
{
  for (guint s = 0; s < document->relation_sets->len; s++)
    {
      const RelationSet *set = &g_array_index (document->relation_sets, RelationSet, s);

      for (guint i = 0; i < set->n; i++)
        if (is_in (handles, set->handles[i]))
          return TRUE;
    }

  return FALSE;
}

/**
 * chrono_edit_stack_remove_events:
 * @positions: (array length=n_positions): event positions
 *
 * Removes the events in one step, and first the relations of other
 * events and the story steps that name them.
 *
 * Returns: FALSE with @error set for a position out of range
 */
gboolean
chrono_edit_stack_remove_events (ChronoEditStack  *self,
                                 const guint      *positions,
                                 guint             n_positions,
                                 GError          **error)
{
  g_autoptr(GArray) handles = NULL;
  ChronoDocument *document = self->document;
  gboolean story_changed = FALSE;
  g_autoptr(GArray) story = NULL;

  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);

  handles = handles_of (self, positions, n_positions, error);
  if (handles == NULL)
    return FALSE;
  if (handles->len == 0)
    return TRUE;

  chrono_edit_stack_begin_group (self, handles->len == 1 ? _("Remove Event") : _("Remove Events"));

  /* Relations to the removed events, from the others: a scan of the
   * relations finds out whether there are any, and only then a scan of
   * the events finds whose they are. */
  if (names_any (document, handles))
    for (guint p = 0; p < document->n_events; p++)
      {
        const ChronoEvent *event = _chrono_document_event_at (document, p);
        guint32 handle = document->order[p];
        ExtraParts parts = extra_parts (event->extra);
        g_autofree ChronoRelation *kept = NULL;
        g_autofree guint32 *kept_handles = NULL;
        guint n_kept = 0;
        ChronoEvent after;

        if (parts.n_related == 0 || is_in (handles, handle))
          continue;

        kept = g_new (ChronoRelation, parts.n_related);
        kept_handles = g_new (guint32, parts.n_related);
        for (guint r = 0; r < parts.n_related; r++)
          {
            guint32 target = _chrono_document_get_handle (document, parts.related[r].event);

            if (!is_in (handles, target))
              {
                kept[n_kept] = parts.related[r];
                kept_handles[n_kept++] = target;
              }
          }
        if (n_kept == parts.n_related)
          continue;

        parts.related = kept;
        parts.related_handles = kept_handles;
        parts.n_related = n_kept;
        after = *event;
        after.extra = make_extra (document, &parts);
        _chrono_edit_push_event_set (self, handle, &after, NULL);
      }

  story = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint i = 0; i < document->n_story; i++)
    {
      if (is_in (handles, document->story_handles[i]))
        story_changed = TRUE;
      else
        g_array_append_val (story, document->story_handles[i]);
    }
  if (story_changed)
    {
      Edit *edit = _chrono_edit_new (EDIT_STORY);

      edit->story[0] = g_memdup2 (document->story_handles, sizeof (guint32) * document->n_story);
      edit->n_story[0] = document->n_story;
      edit->n_story[1] = story->len;
      edit->story[1] = (guint32 *)(gpointer)g_array_free (g_steal_pointer (&story), FALSE);
      _chrono_edit_stack_push (self, edit);
    }

  for (guint i = 0; i < handles->len; i++)
    {
      Edit *edit = _chrono_edit_new (EDIT_EVENT_REMOVE);

      edit->handle = g_array_index (handles, guint32, i);
      _chrono_edit_stack_push (self, edit);
    }

  chrono_edit_stack_end_group (self);

  return TRUE;
}

/* @date moved by @delta, at its precision if the new time starts a
 * period of it, else at the coarsest precision that can say it. */
static ChronoDate
shift_date (const ChronoDate *date,
            gint64            delta)
{
  ChronoDate moved = *date;

  if (!chrono_date_is_set (date) || (date->flags & CHRONO_DATE_OPEN))
    return moved;

  moved.time += delta;

  for (guint precision = date->precision; precision <= CHRONO_PRECISION_SECOND; precision++)
    {
      g_autofree char *text = NULL;
      ChronoDate parsed;

      if (precision == CHRONO_PRECISION_HOUR)
        continue;
      moved.precision = precision;
      text = chrono_date_to_iso (&moved);
      if (chrono_date_parse (text, FALSE, &parsed, NULL, NULL) && parsed.time == moved.time)
        return parsed;
    }

  moved.precision = CHRONO_PRECISION_SECOND;
  return moved;
}

/**
 * chrono_edit_stack_move_events:
 * @positions: (array length=n_positions): event positions
 * @delta: seconds to add to each start and end
 * @lane_id: (nullable): the lane to move them to, or NULL to keep theirs
 *
 * Returns: FALSE with @error set for an unknown lane or a position out
 *   of range; nothing changes then
 */
gboolean
chrono_edit_stack_move_events (ChronoEditStack  *self,
                               const guint      *positions,
                               guint             n_positions,
                               gint64            delta,
                               const char       *lane_id,
                               GError          **error)
{
  g_autoptr(GArray) handles = NULL;
  g_autoptr(GArray) moved = NULL;
  guint32 lane = 0;

  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);

  if (lane_id != NULL && !_chrono_edit_find_lane (self, lane_id, &lane, error))
    return FALSE;

  handles = handles_of (self, positions, n_positions, error);
  if (handles == NULL)
    return FALSE;

  /* Check every event before changing any. */
  moved = g_array_sized_new (FALSE, FALSE, sizeof (ChronoEvent), handles->len);
  for (guint i = 0; i < handles->len; i++)
    {
      ChronoEvent event = *_chrono_document_handle_event (self->document, g_array_index (handles, guint32, i));

      event.start = shift_date (&event.start, delta);
      event.end = shift_date (&event.end, delta);
      if (!compute_end_time (&event.start, &event.end, &event.end_time, error))
        return FALSE;
      if (lane_id != NULL)
        event.lane = lane;
      g_array_append_val (moved, event);
    }

  chrono_edit_stack_begin_group (self, handles->len == 1 ? _("Move Event") : _("Move Events"));
  for (guint i = 0; i < handles->len; i++)
    _chrono_edit_push_event_set (self, g_array_index (handles, guint32, i), &g_array_index (moved, ChronoEvent, i), NULL);
  chrono_edit_stack_end_group (self);

  return TRUE;
}
