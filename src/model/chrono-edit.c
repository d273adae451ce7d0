/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-edit"

#include "config.h"

#include "chrono-edit-private.h"

/*
 * Commands: each edit stores the state before and after (an event is a
 * 112-byte struct whose strings live in the document, so a whole copy is
 * the cheapest undo record), and apply/revert write one or the other
 * through the document's storage edits.  Nothing is freed until the
 * stack goes, so undo never meets a dangling string.
 */

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

Edit *
_chrono_edit_new (EditKind kind)
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
void
_chrono_edit_stack_push (ChronoEditStack *self,
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

  group = _chrono_edit_new (EDIT_GROUP);
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
