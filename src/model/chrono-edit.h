/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "chrono-document.h"
#include "chrono-document-builder.h"

G_BEGIN_DECLS

/**
 * ChronoEditStack:
 *
 * Every change to a #ChronoDocument goes through its edit stack: each
 * call checks its input with the loader's rules (same parser, same
 * messages, CHRONO_ERROR codes), applies the change as a command that
 * can be reverted, and records it for undo.  Calls between
 * chrono_edit_stack_begin_group() and chrono_edit_stack_end_group() make
 * one step (one drag, one "delete five events").  The history lives as
 * long as the stack, which is as long as the document is open.
 *
 * Positions are event positions in start order at the time of the call
 * (as chrono_document_get_event() takes them); edits move events, so
 * keep a #ChronoEvent pointer or its id across edits and ask
 * chrono_document_get_position() again.
 *
 * The document emits ChronoDocument::changed for each change; the stack
 * notifies #ChronoEditStack:can-undo, :can-redo and :modified.
 */
#define CHRONO_TYPE_EDIT_STACK (chrono_edit_stack_get_type ())
G_DECLARE_FINAL_TYPE (ChronoEditStack, chrono_edit_stack, CHRONO, EDIT_STACK, GObject)

ChronoEditStack *chrono_edit_stack_new            (ChronoDocument  *document);
ChronoDocument  *chrono_edit_stack_get_document   (ChronoEditStack *self);

gboolean    chrono_edit_stack_can_undo            (ChronoEditStack *self);
gboolean    chrono_edit_stack_can_redo            (ChronoEditStack *self);
/* The label of the step undo (redo) would take back, or NULL. */
const char *chrono_edit_stack_get_undo_label      (ChronoEditStack *self);
const char *chrono_edit_stack_get_redo_label      (ChronoEditStack *self);
gboolean    chrono_edit_stack_undo                (ChronoEditStack *self);
gboolean    chrono_edit_stack_redo                (ChronoEditStack *self);
/* Groups nest; the outermost @label names the step. */
void        chrono_edit_stack_begin_group         (ChronoEditStack *self,
                                                   const char      *label);
void        chrono_edit_stack_end_group           (ChronoEditStack *self);
/* Modified: the document differs from the last saved point (or from
 * how it was opened). */
gboolean    chrono_edit_stack_get_modified        (ChronoEditStack *self);
void        chrono_edit_stack_set_saved           (ChronoEditStack *self);

/* Events.  Each returns FALSE with @error set, and changes nothing, when
 * the input breaks a rule of the format. */
gboolean chrono_edit_stack_set_title       (ChronoEditStack    *self,
                                            guint               position,
                                            const char         *title,
                                            GError            **error);
/* Dates as the format writes them ("2015", "2015-12~"); @end NULL or ""
 * makes a point, ".." an ongoing span. */
gboolean chrono_edit_stack_set_dates       (ChronoEditStack    *self,
                                            guint               position,
                                            const char         *start,
                                            const char         *end,
                                            GError            **error);
gboolean chrono_edit_stack_set_lane        (ChronoEditStack    *self,
                                            guint               position,
                                            const char         *lane_id,
                                            GError            **error);
/* @category_id: NULL for none */
gboolean chrono_edit_stack_set_category    (ChronoEditStack    *self,
                                            guint               position,
                                            const char         *category_id,
                                            GError            **error);
gboolean chrono_edit_stack_set_importance  (ChronoEditStack    *self,
                                            guint               position,
                                            int                 importance,
                                            GError            **error);
gboolean chrono_edit_stack_set_description (ChronoEditStack    *self,
                                            guint               position,
                                            const char         *description,
                                            GError            **error);
/* @tags: NULL-terminated, or NULL for none */
gboolean chrono_edit_stack_set_tags        (ChronoEditStack    *self,
                                            guint               position,
                                            const char * const *tags,
                                            GError            **error);
gboolean chrono_edit_stack_set_links       (ChronoEditStack    *self,
                                            guint               position,
                                            const ChronoLink   *links,
                                            guint               n_links,
                                            GError            **error);
/* @ids: event ids, NULL-terminated; @labels: parallel, or NULL */
gboolean chrono_edit_stack_set_related     (ChronoEditStack    *self,
                                            guint               position,
                                            const char * const *ids,
                                            const char * const *labels,
                                            GError            **error);
/* Adds an event from @draft as a loader would (lane NULL: the first
 * lane; id NULL: made from the title).  @position: (out) (optional). */
gboolean chrono_edit_stack_add_event       (ChronoEditStack        *self,
                                            const ChronoEventDraft *draft,
                                            guint                  *position,
                                            GError                **error);
/* Removes events, with the relations and story steps that name them. */
gboolean chrono_edit_stack_remove_events   (ChronoEditStack    *self,
                                            const guint        *positions,
                                            guint               n_positions,
                                            GError            **error);
/* Moves events by @delta seconds (dates keep their precision unless the
 * new time needs a finer one) and, when @lane_id is not NULL, into
 * that lane.  One step. */
gboolean chrono_edit_stack_move_events     (ChronoEditStack    *self,
                                            const guint        *positions,
                                            guint               n_positions,
                                            gint64              delta,
                                            const char         *lane_id,
                                            GError            **error);

/* Lanes and categories.  @lane->id must be new; colours as in the
 * struct.  Removing a lane that events use needs @move_to (a lane id):
 * its events move there, or, with NULL, they are removed. */
gboolean chrono_edit_stack_add_lane          (ChronoEditStack      *self,
                                              const ChronoLane     *lane,
                                              GError              **error);
/* Title, description, kind and colour of the lane at @index (its id
 * stays). */
gboolean chrono_edit_stack_update_lane       (ChronoEditStack      *self,
                                              guint                 index,
                                              const ChronoLane     *lane,
                                              GError              **error);
gboolean chrono_edit_stack_move_lane         (ChronoEditStack      *self,
                                              guint                 from,
                                              guint                 to,
                                              GError              **error);
gboolean chrono_edit_stack_remove_lane       (ChronoEditStack      *self,
                                              guint                 index,
                                              const char           *move_to,
                                              GError              **error);
gboolean chrono_edit_stack_add_category      (ChronoEditStack      *self,
                                              const ChronoCategory *category,
                                              GError              **error);
gboolean chrono_edit_stack_update_category   (ChronoEditStack      *self,
                                              guint                 index,
                                              const ChronoCategory *category,
                                              GError              **error);
gboolean chrono_edit_stack_move_category     (ChronoEditStack      *self,
                                              guint                 from,
                                              guint                 to,
                                              GError              **error);
/* @move_to: a category id, or NULL to leave its events without one */
gboolean chrono_edit_stack_remove_category   (ChronoEditStack      *self,
                                              guint                 index,
                                              const char           *move_to,
                                              GError              **error);

/* The document's title (NULL: none) and description. */
gboolean chrono_edit_stack_set_document_title       (ChronoEditStack    *self,
                                                     const char         *title,
                                                     GError            **error);
gboolean chrono_edit_stack_set_document_description (ChronoEditStack    *self,
                                                     const char         *description,
                                                     GError            **error);
/* The whole story, as event ids in order (NULL-terminated). */
gboolean chrono_edit_stack_set_story                (ChronoEditStack    *self,
                                                     const char * const *ids,
                                                     GError            **error);

G_END_DECLS
