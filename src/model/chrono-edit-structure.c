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
 * Edits of the document's structure: lanes, categories, its title and
 * description, and the story.
 */

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

  return _chrono_edit_check_string (lane->id, error) && _chrono_edit_check_string (lane->title, error) &&
         _chrono_edit_check_string (lane->description, error);
}

static Edit *
lanes_edit (ChronoEditStack *self,
            const char      *label)
{
  Edit *edit = _chrono_edit_new (EDIT_LANES);
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
  _chrono_edit_stack_push (self, edit);

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
  _chrono_edit_stack_push (self, edit);

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
  _chrono_edit_stack_push (self, edit);

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
  if (move_to != NULL && (!_chrono_edit_find_lane (self, move_to, &target, error)))
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
  _chrono_edit_stack_push (self, edit);
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

  return _chrono_edit_check_string (category->id, error) && _chrono_edit_check_string (category->title, error);
}

static Edit *
categories_edit (ChronoEditStack *self,
                 const char      *label)
{
  Edit *edit = _chrono_edit_new (EDIT_CATEGORIES);
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
  _chrono_edit_stack_push (self, edit);

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
  _chrono_edit_stack_push (self, edit);

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
  _chrono_edit_stack_push (self, edit);

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
  if (!_chrono_edit_find_category (self, move_to, &target, error))
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
      _chrono_edit_push_event_set (self, handle, &after, NULL);
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
  _chrono_edit_stack_push (self, edit);
  chrono_edit_stack_end_group (self);

  return TRUE;
}

static void
push_meta (ChronoEditStack *self,
           const char      *title,
           const char      *description,
           const char      *label)
{
  Edit *edit = _chrono_edit_new (EDIT_META);

  edit->label = g_strdup (label);
  edit->title[0] = g_strdup (chrono_document_get_title (self->document));
  edit->description[0] = g_strdup (chrono_document_get_description (self->document));
  edit->title[1] = g_strdup (title);
  edit->description[1] = g_strdup (description);
  _chrono_edit_stack_push (self, edit);
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

  if (!_chrono_edit_check_string (title, error))
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

  if (!_chrono_edit_check_string (description, error))
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

  edit = _chrono_edit_new (EDIT_STORY);
  edit->label = g_strdup (_("Change Story"));
  edit->story[0] = g_memdup2 (document->story_handles, sizeof (guint32) * MAX (document->n_story, 1));
  edit->n_story[0] = document->n_story;
  edit->story[1] = g_steal_pointer (&handles);
  edit->n_story[1] = n;
  _chrono_edit_stack_push (self, edit);

  return TRUE;
}
