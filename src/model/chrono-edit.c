/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-edit"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "chrono-document-private.h"
#include "chrono-edit.h"
#include "chrono-error.h"
#include "chrono-limits.h"
#include "chrono-link.h"

/*
 * Commands: each edit stores the state before and after (an event is a
 * 112-byte struct whose strings live in the document, so a whole copy is
 * the cheapest undo record), and apply/revert write one or the other
 * through the document's storage edits.  Nothing is freed until the
 * stack goes, so undo never meets a dangling string.
 */

typedef enum
{
  EDIT_GROUP,
  EDIT_EVENT_SET,
  EDIT_EVENT_ADD,
  EDIT_EVENT_REMOVE,
  EDIT_LANES,
  EDIT_CATEGORIES,
  EDIT_META,
  EDIT_STORY,
} EditKind;

typedef struct
{
  EditKind        kind;
  char           *label;
  GPtrArray      *children;      /* of Edit, for groups */
  guint32         handle;
  ChronoEvent     event[2];      /* before, after */
  ChronoLane     *lanes[2];
  ChronoCategory *categories[2];
  guint           n_items[2];
  guint32        *lane_map[2];   /* [0]: old -> new when applied; [1]: back */
  gint32         *category_map[2];
  char           *title[2];
  char           *description[2];
  guint32        *story[2];
  guint           n_story[2];
} Edit;

static void
edit_free (gpointer data)
{
  Edit *edit = data;

  g_free (edit->label);
  g_clear_pointer (&edit->children, g_ptr_array_unref);
  for (guint i = 0; i < 2; i++)
    {
      g_free (edit->lanes[i]);
      g_free (edit->categories[i]);
      g_free (edit->lane_map[i]);
      g_free (edit->category_map[i]);
      g_free (edit->title[i]);
      g_free (edit->description[i]);
      g_free (edit->story[i]);
    }
  g_free (edit);
}

static Edit *
edit_new (EditKind kind)
{
  Edit *edit = g_new0 (Edit, 1);

  edit->kind = kind;

  return edit;
}

/* Applies @edit (@forward) or reverts it. */
static void
edit_run (Edit           *edit,
          ChronoDocument *document,
          gboolean        forward)
{
  guint to = forward ? 1 : 0;

  switch (edit->kind)
    {
    case EDIT_GROUP:
      if (forward)
        for (guint i = 0; i < edit->children->len; i++)
          edit_run (g_ptr_array_index (edit->children, i), document, TRUE);
      else
        for (guint i = edit->children->len; i > 0; i--)
          edit_run (g_ptr_array_index (edit->children, i - 1), document, FALSE);
      break;

    case EDIT_EVENT_SET:
      _chrono_document_replace_event (document, edit->handle, &edit->event[to]);
      break;

    case EDIT_EVENT_ADD:
    case EDIT_EVENT_REMOVE:
      if (forward == (edit->kind == EDIT_EVENT_ADD))
        _chrono_document_insert_handle (document, edit->handle);
      else
        _chrono_document_remove_handle (document, edit->handle);
      break;

    case EDIT_LANES:
      if (edit->lane_map[1 - to] != NULL)
        _chrono_document_remap_lanes (document, edit->lane_map[1 - to]);
      _chrono_document_set_lanes (document, edit->lanes[to], edit->n_items[to]);
      break;

    case EDIT_CATEGORIES:
      if (edit->category_map[1 - to] != NULL)
        _chrono_document_remap_categories (document, edit->category_map[1 - to]);
      _chrono_document_set_categories (document, edit->categories[to], edit->n_items[to]);
      break;

    case EDIT_META:
      _chrono_document_set_meta (document, edit->title[to], edit->description[to]);
      break;

    case EDIT_STORY:
      _chrono_document_set_story (document, edit->story[to], edit->n_story[to]);
      break;

    default:
      g_assert_not_reached ();
    }
}

struct _ChronoEditStack
{
  GObject         parent_instance;

  ChronoDocument *document;
  GPtrArray      *undo;         /* of Edit */
  GPtrArray      *redo;
  GPtrArray      *groups;       /* open groups, innermost last */
  int             saved;        /* undo->len at the saved point; -1: unreachable */
};

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MODIFIED,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (ChronoEditStack, chrono_edit_stack, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
chrono_edit_stack_dispose (GObject *object)
{
  ChronoEditStack *self = CHRONO_EDIT_STACK (object);

  g_clear_object (&self->document);

  G_OBJECT_CLASS (chrono_edit_stack_parent_class)->dispose (object);
}

static void
chrono_edit_stack_finalize (GObject *object)
{
  ChronoEditStack *self = CHRONO_EDIT_STACK (object);

  g_ptr_array_unref (self->undo);
  g_ptr_array_unref (self->redo);
  g_ptr_array_unref (self->groups);

  G_OBJECT_CLASS (chrono_edit_stack_parent_class)->finalize (object);
}

static void
chrono_edit_stack_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ChronoEditStack *self = CHRONO_EDIT_STACK (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_CAN_UNDO:
      g_value_set_boolean (value, chrono_edit_stack_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, chrono_edit_stack_can_redo (self));
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, chrono_edit_stack_get_modified (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_edit_stack_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ChronoEditStack *self = CHRONO_EDIT_STACK (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_edit_stack_class_init (ChronoEditStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = chrono_edit_stack_dispose;
  object_class->finalize = chrono_edit_stack_finalize;
  object_class->get_property = chrono_edit_stack_get_property;
  object_class->set_property = chrono_edit_stack_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CHRONO_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chrono_edit_stack_init (ChronoEditStack *self)
{
  self->undo = g_ptr_array_new_with_free_func (edit_free);
  self->redo = g_ptr_array_new_with_free_func (edit_free);
  self->groups = g_ptr_array_new_with_free_func (edit_free);
}

/**
 * chrono_edit_stack_new:
 * @document: the document to edit; a reference is taken
 *
 * Returns: (transfer full): a stack with no history; the document counts
 *   as saved
 */
ChronoEditStack *
chrono_edit_stack_new (ChronoDocument *document)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (document), NULL);

  return g_object_new (CHRONO_TYPE_EDIT_STACK, "document", document, NULL);
}

/**
 * chrono_edit_stack_get_document:
 *
 * Returns: (transfer none): the document
 */
ChronoDocument *
chrono_edit_stack_get_document (ChronoEditStack *self)
{
  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), NULL);

  return self->document;
}

typedef struct
{
  gboolean can_undo, can_redo, modified;
} State;

static State
get_state (ChronoEditStack *self)
{
  return (State) { chrono_edit_stack_can_undo (self), chrono_edit_stack_can_redo (self),
                   chrono_edit_stack_get_modified (self) };
}

static void
notify_state (ChronoEditStack *self,
              State            before)
{
  State now = get_state (self);

  if (now.can_undo != before.can_undo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (now.can_redo != before.can_redo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (now.modified != before.modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/* Applies @edit and records it (in the open group, else as a step). */
static void
push (ChronoEditStack *self,
      Edit            *edit)
{
  State before = get_state (self);

  _chrono_document_thaw (self->document);
  edit_run (edit, self->document, TRUE);

  if (self->groups->len > 0)
    {
      Edit *group = g_ptr_array_index (self->groups, self->groups->len - 1);

      g_ptr_array_add (group->children, edit);
      return;
    }

  if (self->saved > (int)self->undo->len)
    self->saved = -1;
  g_ptr_array_set_size (self->redo, 0);
  g_ptr_array_add (self->undo, edit);
  notify_state (self, before);
}

/**
 * chrono_edit_stack_can_undo:
 *
 * Returns: TRUE when there is a step to undo
 */
gboolean
chrono_edit_stack_can_undo (ChronoEditStack *self)
{
  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);

  return self->undo->len > 0 && self->groups->len == 0;
}

/**
 * chrono_edit_stack_can_redo:
 *
 * Returns: TRUE when there is an undone step to redo
 */
gboolean
chrono_edit_stack_can_redo (ChronoEditStack *self)
{
  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);

  return self->redo->len > 0 && self->groups->len == 0;
}

/**
 * chrono_edit_stack_get_undo_label:
 *
 * Returns: (nullable): the name of the step chrono_edit_stack_undo()
 *   would take back, translated
 */
const char *
chrono_edit_stack_get_undo_label (ChronoEditStack *self)
{
  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), NULL);

  if (self->undo->len == 0)
    return NULL;

  return ((Edit *)g_ptr_array_index (self->undo, self->undo->len - 1))->label;
}

/**
 * chrono_edit_stack_get_redo_label:
 *
 * Returns: (nullable): the name of the step chrono_edit_stack_redo()
 *   would apply again
 */
const char *
chrono_edit_stack_get_redo_label (ChronoEditStack *self)
{
  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), NULL);

  if (self->redo->len == 0)
    return NULL;

  return ((Edit *)g_ptr_array_index (self->redo, self->redo->len - 1))->label;
}

/**
 * chrono_edit_stack_undo:
 *
 * Reverts the last step.
 *
 * Returns: FALSE when there was nothing to undo (or a group is open)
 */
gboolean
chrono_edit_stack_undo (ChronoEditStack *self)
{
  State before;
  Edit *edit;

  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);

  if (!chrono_edit_stack_can_undo (self))
    return FALSE;

  before = get_state (self);
  edit = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  edit_run (edit, self->document, FALSE);
  g_ptr_array_add (self->redo, edit);
  notify_state (self, before);

  return TRUE;
}

/**
 * chrono_edit_stack_redo:
 *
 * Applies the last undone step again.
 *
 * Returns: FALSE when there was nothing to redo
 */
gboolean
chrono_edit_stack_redo (ChronoEditStack *self)
{
  State before;
  Edit *edit;

  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);

  if (!chrono_edit_stack_can_redo (self))
    return FALSE;

  before = get_state (self);
  edit = g_ptr_array_steal_index (self->redo, self->redo->len - 1);
  edit_run (edit, self->document, TRUE);
  g_ptr_array_add (self->undo, edit);
  notify_state (self, before);

  return TRUE;
}

/**
 * chrono_edit_stack_begin_group:
 * @label: (nullable): the name of the step, translated
 *
 * Starts a step made of several edits: a drag, a multi-event move.  Edits
 * apply at once; undo takes back the whole group.
 */
void
chrono_edit_stack_begin_group (ChronoEditStack *self,
                               const char      *label)
{
  Edit *group;

  g_return_if_fail (CHRONO_IS_EDIT_STACK (self));

  group = edit_new (EDIT_GROUP);
  group->label = g_strdup (label);
  group->children = g_ptr_array_new_with_free_func (edit_free);
  g_ptr_array_add (self->groups, group);
}

/**
 * chrono_edit_stack_end_group:
 *
 * Ends the innermost group; the outermost becomes one step, unless it
 * is empty.
 */
void
chrono_edit_stack_end_group (ChronoEditStack *self)
{
  Edit *group;

  g_return_if_fail (CHRONO_IS_EDIT_STACK (self));
  g_return_if_fail (self->groups->len > 0);

  group = g_ptr_array_steal_index (self->groups, self->groups->len - 1);

  if (group->children->len == 0)
    {
      edit_free (group);
      return;
    }

  if (self->groups->len > 0)
    {
      Edit *outer = g_ptr_array_index (self->groups, self->groups->len - 1);

      if (outer->label == NULL)
        outer->label = g_steal_pointer (&group->label);
      g_ptr_array_add (outer->children, group);
      return;
    }

  {
    State before = get_state (self);

    /* The group's edits are applied already: record it without running. */
    before.can_undo = self->undo->len > 0;
    if (group->label == NULL && group->children->len == 1)
      group->label = g_strdup (((Edit *)g_ptr_array_index (group->children, 0))->label);
    if (self->saved > (int)self->undo->len)
      self->saved = -1;
    g_ptr_array_set_size (self->redo, 0);
    g_ptr_array_add (self->undo, group);
    notify_state (self, before);
  }
}

/**
 * chrono_edit_stack_get_modified:
 *
 * Returns: TRUE when the document differs from its saved point
 */
gboolean
chrono_edit_stack_get_modified (ChronoEditStack *self)
{
  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);

  if (self->groups->len > 0)
    {
      Edit *group = g_ptr_array_index (self->groups, 0);

      if (group->children->len > 0)
        return TRUE;
    }

  return self->saved != (int)self->undo->len;
}

/**
 * chrono_edit_stack_set_saved:
 *
 * Marks the document as it is now as saved: call it after a save
 * succeeds.  Undoing from here makes it modified again.
 */
void
chrono_edit_stack_set_saved (ChronoEditStack *self)
{
  State before;

  g_return_if_fail (CHRONO_IS_EDIT_STACK (self));

  before = get_state (self);
  self->saved = self->undo->len;
  notify_state (self, before);
}

/* Validation, with the loader's messages. */

static gboolean
check_string (const char  *text,
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

static gboolean
find_lane (ChronoEditStack *self,
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

static gboolean
find_category (ChronoEditStack *self,
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

static void
push_event_set (ChronoEditStack   *self,
                guint32            handle,
                const ChronoEvent *after,
                const char        *label)
{
  Edit *edit = edit_new (EDIT_EVENT_SET);

  edit->label = g_strdup (label);
  edit->handle = handle;
  edit->event[0] = *_chrono_document_handle_event (self->document, handle);
  edit->event[1] = *after;
  push (self, edit);
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

  if (!check_string (title, error) || !begin_set (self, position, &handle, &event, error))
    return FALSE;

  event.title = _chrono_document_intern (self->document, title);
  push_event_set (self, handle, &event, _("Change Title"));

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

  push_event_set (self, handle, &event, _("Change Dates"));

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

  if (!find_lane (self, lane_id, &lane, error) || !begin_set (self, position, &handle, &event, error))
    return FALSE;

  event.lane = lane;
  push_event_set (self, handle, &event, _("Change Lane"));

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

  if (!find_category (self, category_id, &category, error) ||
      !begin_set (self, position, &handle, &event, error))
    return FALSE;

  event.category = category;
  push_event_set (self, handle, &event, _("Change Category"));

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
  push_event_set (self, handle, &event, _("Change Importance"));

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

  if (!check_string (description, error) || !begin_set (self, position, &handle, &event, error))
    return FALSE;

  event.description = description != NULL && description[0] != '\0'
                      ? _chrono_document_intern (self->document, description) : NULL;
  push_event_set (self, handle, &event, _("Change Description"));

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
    if (!check_string (tags[i], error))
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
  push_event_set (self, handle, &event, _("Change Tags"));

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

      if (!check_string (links[i].title, error))
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
  push_event_set (self, handle, &event, _("Change Links"));

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
      if (labels != NULL && !check_string (labels[i], error))
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
  push_event_set (self, handle, &event, _("Change Related Events"));

  return TRUE;
}

/* An id made from @title that no live event has. */
static char *
unique_id (ChronoDocument *document,
           const char     *title)
{
  g_autofree char *ascii = g_str_to_ascii (title, "C");
  GString *slug = g_string_new (NULL);
  gboolean dash = FALSE;
  gsize base_len;

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

  base_len = slug->len;
  for (guint n = 2; chrono_document_find_event (document, slug->str) >= 0; n++)
    {
      g_string_truncate (slug, base_len);
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
  if (!check_string (draft->id, error) || !check_string (draft->title, error) ||
      !check_string (draft->description, error))
    return FALSE;

  event.start = draft->start;
  event.end = draft->end;
  if (!compute_end_time (&event.start, &event.end, &event.end_time, error))
    return FALSE;

  if (draft->lane != NULL)
    {
      if (!find_lane (self, draft->lane, &event.lane, error))
        return FALSE;
    }
  else if (chrono_document_get_n_lanes (document) == 0)
    {
      ChronoLane lane = { .id = "events", .title = _("Events") };

      if (!chrono_edit_stack_add_lane (self, &lane, error))
        return FALSE;
    }

  if (!find_category (self, draft->category, &event.category, error))
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

  edit = edit_new (EDIT_EVENT_ADD);
  edit->label = g_strdup (_("Add Event"));
  edit->handle = _chrono_document_new_handle (document, &event);
  push (self, edit);

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
        push_event_set (self, handle, &after, NULL);
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
      Edit *edit = edit_new (EDIT_STORY);

      edit->story[0] = g_memdup2 (document->story_handles, sizeof (guint32) * document->n_story);
      edit->n_story[0] = document->n_story;
      edit->n_story[1] = story->len;
      edit->story[1] = (guint32 *)(gpointer)g_array_free (g_steal_pointer (&story), FALSE);
      push (self, edit);
    }

  for (guint i = 0; i < handles->len; i++)
    {
      Edit *edit = edit_new (EDIT_EVENT_REMOVE);

      edit->handle = g_array_index (handles, guint32, i);
      push (self, edit);
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

  if (lane_id != NULL && !find_lane (self, lane_id, &lane, error))
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
    push_event_set (self, g_array_index (handles, guint32, i), &g_array_index (moved, ChronoEvent, i), NULL);
  chrono_edit_stack_end_group (self);

  return TRUE;
}

/* Lanes and categories: an edit holds both arrays and, when indices
 * change, the maps of event indices each way. */

static gboolean
check_lane (ChronoEditStack  *self,
            const ChronoLane *lane,
            gboolean          is_new,
            GError          **error)
{
  if (is_new && (lane->id == NULL || lane->id[0] == '\0'))
    {
      g_set_error_literal (error, CHRONO_ERROR, CHRONO_ERROR_MISSING_MEMBER, _("a lane needs an id"));
      return FALSE;
    }
  if (is_new && chrono_document_find_lane (self->document, lane->id) >= 0)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_DUPLICATE_ID, _("duplicate lane id “%s”"), lane->id);
      return FALSE;
    }
  if (is_new && chrono_document_get_n_lanes (self->document) >= _chrono_limits ()->lanes)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_LIMIT, _("more than %u lanes in one file"),
                   _chrono_limits ()->lanes);
      return FALSE;
    }

  return check_string (lane->id, error) && check_string (lane->title, error) &&
         check_string (lane->description, error);
}

static Edit *
lanes_edit (ChronoEditStack *self,
            const char      *label)
{
  Edit *edit = edit_new (EDIT_LANES);
  ChronoDocument *document = self->document;

  _chrono_document_thaw (document);
  edit->label = g_strdup (label);
  edit->n_items[0] = document->n_lanes;
  edit->lanes[0] = g_memdup2 (document->lanes, sizeof (ChronoLane) * MAX (document->n_lanes, 1));

  return edit;
}

static ChronoLane
intern_lane (ChronoDocument   *document,
             const ChronoLane *lane,
             const char       *id)
{
  ChronoLane copy = *lane;

  copy.id = _chrono_document_intern (document, id);
  copy.title = _chrono_document_intern (document, lane->title != NULL ? lane->title : id);
  copy.description = _chrono_document_intern (document, lane->description);

  return copy;
}

/**
 * chrono_edit_stack_add_lane:
 * @lane: the new lane, appended after the others; its id must be new
 *
 * Returns: FALSE with @error set for a missing or duplicate id
 */
gboolean
chrono_edit_stack_add_lane (ChronoEditStack   *self,
                            const ChronoLane  *lane,
                            GError           **error)
{
  Edit *edit;
  guint n;

  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);
  g_return_val_if_fail (lane != NULL, FALSE);

  if (!check_lane (self, lane, TRUE, error))
    return FALSE;

  edit = lanes_edit (self, _("Add Lane"));
  n = edit->n_items[0];
  edit->n_items[1] = n + 1;
  edit->lanes[1] = g_new (ChronoLane, n + 1);
  memcpy (edit->lanes[1], edit->lanes[0], sizeof (ChronoLane) * n);
  edit->lanes[1][n] = intern_lane (self->document, lane, lane->id);
  push (self, edit);

  return TRUE;
}

/**
 * chrono_edit_stack_update_lane:
 * @index: a lane index
 * @lane: the new title, description, kind and colour (@lane->id is
 *   ignored)
 *
 * Returns: FALSE with @error set for an index out of range
 */
gboolean
chrono_edit_stack_update_lane (ChronoEditStack   *self,
                               guint              index,
                               const ChronoLane  *lane,
                               GError           **error)
{
  Edit *edit;

  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);
  g_return_val_if_fail (lane != NULL, FALSE);

  if (index >= chrono_document_get_n_lanes (self->document))
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_REFERENCE, _("there is no lane %u"), index);
      return FALSE;
    }
  if (!check_lane (self, lane, FALSE, error))
    return FALSE;

  edit = lanes_edit (self, _("Change Lane"));
  edit->n_items[1] = edit->n_items[0];
  edit->lanes[1] = g_memdup2 (edit->lanes[0], sizeof (ChronoLane) * MAX (edit->n_items[0], 1));
  edit->lanes[1][index] = intern_lane (self->document, lane, edit->lanes[0][index].id);
  push (self, edit);

  return TRUE;
}

/* The permutation that takes item @from to @to, and its inverse. */
static void
make_move_maps (guint     n,
                guint     from,
                guint     to,
                guint32 **map,
                guint32 **back)
{
  *map = g_new (guint32, n);
  *back = g_new (guint32, n);

  for (guint i = 0; i < n; i++)
    {
      guint j = i;

      if (i == from)
        j = to;
      else if (from < to && i > from && i <= to)
        j = i - 1;
      else if (from > to && i >= to && i < from)
        j = i + 1;
      (*map)[i] = j;
      (*back)[j] = i;
    }
}

/**
 * chrono_edit_stack_move_lane:
 * @from: the lane's index
 * @to: its new index
 *
 * Reorders the lanes (the order they are drawn in).
 *
 * Returns: FALSE with @error set for an index out of range
 */
gboolean
chrono_edit_stack_move_lane (ChronoEditStack  *self,
                             guint             from,
                             guint             to,
                             GError          **error)
{
  guint n = chrono_document_get_n_lanes (self->document);
  Edit *edit;

  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);

  if (from >= n || to >= n)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_REFERENCE, _("there is no lane %u"), MAX (from, to));
      return FALSE;
    }
  if (from == to)
    return TRUE;

  edit = lanes_edit (self, _("Move Lane"));
  make_move_maps (n, from, to, &edit->lane_map[0], &edit->lane_map[1]);
  edit->n_items[1] = n;
  edit->lanes[1] = g_new (ChronoLane, n);
  for (guint i = 0; i < n; i++)
    edit->lanes[1][edit->lane_map[0][i]] = edit->lanes[0][i];
  push (self, edit);

  return TRUE;
}

/* Positions of the live events for which @test (event, data) holds. */
static GArray *
events_where (ChronoDocument *document,
              gboolean      (*test) (const ChronoEvent *, gint32),
              gint32          data)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint p = 0; p < document->n_events; p++)
    if (test (_chrono_document_event_at (document, p), data))
      g_array_append_val (found, p);

  return found;
}

static gboolean
in_lane (const ChronoEvent *event,
         gint32             lane)
{
  return event->lane == (guint32)lane;
}

static gboolean
in_category (const ChronoEvent *event,
             gint32             category)
{
  return event->category == category;
}

/**
 * chrono_edit_stack_remove_lane:
 * @index: the lane's index
 * @move_to: (nullable): the id of another lane for its events, or NULL
 *   to remove them
 *
 * One step: the events move (or go), then the lane.
 *
 * Returns: FALSE with @error set for a bad index or @move_to
 */
gboolean
chrono_edit_stack_remove_lane (ChronoEditStack  *self,
                               guint             index,
                               const char       *move_to,
                               GError          **error)
{
  ChronoDocument *document = self->document;
  g_autoptr(GArray) events = NULL;
  guint32 target = 0;
  guint n = chrono_document_get_n_lanes (document);
  Edit *edit;

  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);

  if (index >= n)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_REFERENCE, _("there is no lane %u"), index);
      return FALSE;
    }
  if (move_to != NULL && (!find_lane (self, move_to, &target, error)))
    return FALSE;
  if (move_to != NULL && target == index)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_REFERENCE, _("unknown lane “%s”"), move_to);
      return FALSE;
    }
  for (guint i = 0; i < document->n_series; i++)
    if (document->series[i].lane == index)
      {
        g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_REFERENCE,
                     _("the series “%s” is in this lane"), document->series[i].id);
        return FALSE;
      }

  _chrono_document_thaw (document);
  events = events_where (document, in_lane, index);

  chrono_edit_stack_begin_group (self, _("Remove Lane"));
  if (move_to != NULL)
    {
      if (events->len > 0 &&
          !chrono_edit_stack_move_events (self, (guint *)(gpointer)events->data, events->len, 0, move_to, error))
        g_assert_not_reached ();
    }
  else if (events->len > 0)
    chrono_edit_stack_remove_events (self, (guint *)(gpointer)events->data, events->len, NULL);

  edit = lanes_edit (self, NULL);
  edit->lane_map[0] = g_new (guint32, n);
  edit->lane_map[1] = g_new (guint32, n);
  for (guint i = 0; i < n; i++)
    {
      edit->lane_map[0][i] = i < index ? i : i > index ? i - 1 : 0;
      if (i < n - 1)
        edit->lane_map[1][i] = i < index ? i : i + 1;
    }
  edit->n_items[1] = n - 1;
  edit->lanes[1] = g_new (ChronoLane, MAX (n - 1, 1));
  memcpy (edit->lanes[1], edit->lanes[0], sizeof (ChronoLane) * index);
  memcpy (edit->lanes[1] + index, edit->lanes[0] + index + 1, sizeof (ChronoLane) * (n - 1 - index));
  push (self, edit);
  chrono_edit_stack_end_group (self);

  return TRUE;
}

static gboolean
check_category (ChronoEditStack      *self,
                const ChronoCategory *category,
                gboolean              is_new,
                GError              **error)
{
  if (is_new && (category->id == NULL || category->id[0] == '\0'))
    {
      g_set_error_literal (error, CHRONO_ERROR, CHRONO_ERROR_MISSING_MEMBER, _("a category needs an id"));
      return FALSE;
    }
  if (is_new && chrono_document_find_category (self->document, category->id) >= 0)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_DUPLICATE_ID, _("duplicate category id “%s”"),
                   category->id);
      return FALSE;
    }
  if (is_new && chrono_document_get_n_categories (self->document) >= _chrono_limits ()->categories)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_LIMIT, _("more than %u categories in one file"),
                   _chrono_limits ()->categories);
      return FALSE;
    }

  return check_string (category->id, error) && check_string (category->title, error);
}

static Edit *
categories_edit (ChronoEditStack *self,
                 const char      *label)
{
  Edit *edit = edit_new (EDIT_CATEGORIES);
  ChronoDocument *document = self->document;

  _chrono_document_thaw (document);
  edit->label = g_strdup (label);
  edit->n_items[0] = document->n_categories;
  edit->categories[0] = g_memdup2 (document->categories,
                                   sizeof (ChronoCategory) * MAX (document->n_categories, 1));

  return edit;
}

static ChronoCategory
intern_category (ChronoDocument       *document,
                 const ChronoCategory *category,
                 const char           *id)
{
  ChronoCategory copy = *category;

  copy.id = _chrono_document_intern (document, id);
  copy.title = _chrono_document_intern (document, category->title != NULL ? category->title : id);

  return copy;
}

/**
 * chrono_edit_stack_add_category:
 * @category: the new category, appended; its id must be new
 *
 * Returns: FALSE with @error set for a missing or duplicate id
 */
gboolean
chrono_edit_stack_add_category (ChronoEditStack       *self,
                                const ChronoCategory  *category,
                                GError               **error)
{
  Edit *edit;
  guint n;

  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);
  g_return_val_if_fail (category != NULL, FALSE);

  if (!check_category (self, category, TRUE, error))
    return FALSE;

  edit = categories_edit (self, _("Add Category"));
  n = edit->n_items[0];
  edit->n_items[1] = n + 1;
  edit->categories[1] = g_new (ChronoCategory, n + 1);
  memcpy (edit->categories[1], edit->categories[0], sizeof (ChronoCategory) * n);
  edit->categories[1][n] = intern_category (self->document, category, category->id);
  push (self, edit);

  return TRUE;
}

/**
 * chrono_edit_stack_update_category:
 * @index: a category index
 * @category: the new title and colour (@category->id is ignored)
 *
 * Returns: FALSE with @error set for an index out of range
 */
gboolean
chrono_edit_stack_update_category (ChronoEditStack       *self,
                                   guint                  index,
                                   const ChronoCategory  *category,
                                   GError               **error)
{
  Edit *edit;

  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);
  g_return_val_if_fail (category != NULL, FALSE);

  if (index >= chrono_document_get_n_categories (self->document))
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_REFERENCE, _("there is no category %u"), index);
      return FALSE;
    }
  if (!check_category (self, category, FALSE, error))
    return FALSE;

  edit = categories_edit (self, _("Change Category"));
  edit->n_items[1] = edit->n_items[0];
  edit->categories[1] = g_memdup2 (edit->categories[0], sizeof (ChronoCategory) * MAX (edit->n_items[0], 1));
  edit->categories[1][index] = intern_category (self->document, category, edit->categories[0][index].id);
  push (self, edit);

  return TRUE;
}

/**
 * chrono_edit_stack_move_category:
 * @from: the category's index
 * @to: its new index
 *
 * Returns: FALSE with @error set for an index out of range
 */
gboolean
chrono_edit_stack_move_category (ChronoEditStack  *self,
                                 guint             from,
                                 guint             to,
                                 GError          **error)
{
  guint n = chrono_document_get_n_categories (self->document);
  g_autofree guint32 *map = NULL;
  g_autofree guint32 *back = NULL;
  Edit *edit;

  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);

  if (from >= n || to >= n)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_REFERENCE, _("there is no category %u"), MAX (from, to));
      return FALSE;
    }
  if (from == to)
    return TRUE;

  edit = categories_edit (self, _("Move Category"));
  make_move_maps (n, from, to, &map, &back);
  edit->category_map[0] = g_memdup2 (map, sizeof (gint32) * n);
  edit->category_map[1] = g_memdup2 (back, sizeof (gint32) * n);
  edit->n_items[1] = n;
  edit->categories[1] = g_new (ChronoCategory, n);
  for (guint i = 0; i < n; i++)
    edit->categories[1][map[i]] = edit->categories[0][i];
  push (self, edit);

  return TRUE;
}

/**
 * chrono_edit_stack_remove_category:
 * @index: the category's index
 * @move_to: (nullable): the id of another category for its events, or
 *   NULL to leave them without one
 *
 * Returns: FALSE with @error set for a bad index or @move_to
 */
gboolean
chrono_edit_stack_remove_category (ChronoEditStack  *self,
                                   guint             index,
                                   const char       *move_to,
                                   GError          **error)
{
  ChronoDocument *document = self->document;
  g_autoptr(GArray) events = NULL;
  guint n = chrono_document_get_n_categories (document);
  gint32 target = -1;
  Edit *edit;

  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);

  if (index >= n)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_REFERENCE, _("there is no category %u"), index);
      return FALSE;
    }
  if (!find_category (self, move_to, &target, error))
    return FALSE;
  if (target == (gint32)index)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_REFERENCE, _("unknown category “%s”"), move_to);
      return FALSE;
    }

  _chrono_document_thaw (document);
  events = events_where (document, in_category, index);

  chrono_edit_stack_begin_group (self, _("Remove Category"));
  for (guint i = 0; i < events->len; i++)
    {
      guint32 handle = _chrono_document_get_handle (document, g_array_index (events, guint, i));
      ChronoEvent after = *_chrono_document_handle_event (document, handle);

      after.category = target;
      push_event_set (self, handle, &after, NULL);
    }

  edit = categories_edit (self, NULL);
  edit->category_map[0] = g_new (gint32, n);
  edit->category_map[1] = g_new (gint32, n);
  for (guint i = 0; i < n; i++)
    {
      edit->category_map[0][i] = i < index ? (gint32)i : i > index ? (gint32)i - 1 : -1;
      if (i < n - 1)
        edit->category_map[1][i] = i < index ? i : i + 1;
    }
  edit->n_items[1] = n - 1;
  edit->categories[1] = g_new (ChronoCategory, MAX (n - 1, 1));
  memcpy (edit->categories[1], edit->categories[0], sizeof (ChronoCategory) * index);
  memcpy (edit->categories[1] + index, edit->categories[0] + index + 1, sizeof (ChronoCategory) * (n - 1 - index));
  push (self, edit);
  chrono_edit_stack_end_group (self);

  return TRUE;
}

static void
push_meta (ChronoEditStack *self,
           const char      *title,
           const char      *description,
           const char      *label)
{
  Edit *edit = edit_new (EDIT_META);

  edit->label = g_strdup (label);
  edit->title[0] = g_strdup (chrono_document_get_title (self->document));
  edit->description[0] = g_strdup (chrono_document_get_description (self->document));
  edit->title[1] = g_strdup (title);
  edit->description[1] = g_strdup (description);
  push (self, edit);
}

/**
 * chrono_edit_stack_set_document_title:
 * @title: (nullable): the title, NULL or "" for none
 *
 * Returns: FALSE with @error set for invalid text
 */
gboolean
chrono_edit_stack_set_document_title (ChronoEditStack  *self,
                                      const char       *title,
                                      GError          **error)
{
  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);

  if (!check_string (title, error))
    return FALSE;

  push_meta (self, title, chrono_document_get_description (self->document), _("Change Timeline Title"));

  return TRUE;
}

/**
 * chrono_edit_stack_set_document_description:
 * @description: (nullable): plain text, NULL or "" for none
 *
 * Returns: FALSE with @error set for invalid text
 */
gboolean
chrono_edit_stack_set_document_description (ChronoEditStack  *self,
                                            const char       *description,
                                            GError          **error)
{
  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);

  if (!check_string (description, error))
    return FALSE;

  push_meta (self, chrono_document_get_title (self->document),
             description != NULL && description[0] != '\0' ? description : NULL,
             _("Change Timeline Description"));

  return TRUE;
}

/**
 * chrono_edit_stack_set_story:
 * @ids: (nullable): event ids in story order, NULL-terminated
 *
 * Returns: FALSE with the loader's CHRONO_ERROR_REFERENCE message for
 *   an unknown event
 */
gboolean
chrono_edit_stack_set_story (ChronoEditStack     *self,
                             const char * const  *ids,
                             GError             **error)
{
  guint n = ids != NULL ? g_strv_length ((char **)ids) : 0;
  g_autofree guint32 *handles = g_new (guint32, MAX (n, 1));
  ChronoDocument *document = self->document;
  Edit *edit;

  g_return_val_if_fail (CHRONO_IS_EDIT_STACK (self), FALSE);

  for (guint i = 0; i < n; i++)
    {
      int found = chrono_document_find_event (document, ids[i]);

      if (found < 0)
        {
          g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_REFERENCE, _("unknown event “%s” in the story"), ids[i]);
          return FALSE;
        }
      handles[i] = found;
    }

  _chrono_document_thaw (document);
  for (guint i = 0; i < n; i++)
    handles[i] = _chrono_document_get_handle (document, handles[i]);

  edit = edit_new (EDIT_STORY);
  edit->label = g_strdup (_("Change Story"));
  edit->story[0] = g_memdup2 (document->story_handles, sizeof (guint32) * MAX (document->n_story, 1));
  edit->n_story[0] = document->n_story;
  edit->story[1] = g_steal_pointer (&handles);
  edit->n_story[1] = n;
  push (self, edit);

  return TRUE;
}
