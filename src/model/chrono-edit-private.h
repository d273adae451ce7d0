/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "chrono-document-private.h"
#include "chrono-edit.h"

G_BEGIN_DECLS

/* The commands of chrono-edit.c, shared with the files that make them
 * (chrono-edit-events.c, chrono-edit-structure.c). */
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

struct _ChronoEditStack
{
  GObject         parent_instance;

  ChronoDocument *document;
  GPtrArray      *undo;         /* of Edit */
  GPtrArray      *redo;
  GPtrArray      *groups;       /* open groups, innermost last */
  int             saved;        /* undo->len at the saved point; -1: unreachable */
};

Edit     *_chrono_edit_new             (EditKind           kind);
/* Applies @edit and records it, in the open group or as a step. */
void      _chrono_edit_stack_push      (ChronoEditStack   *self,
                                        Edit              *edit);
/* Records the change of the live event @handle to @after. */
void      _chrono_edit_push_event_set  (ChronoEditStack   *self,
                                        guint32            handle,
                                        const ChronoEvent *after,
                                        const char        *label);
gboolean  _chrono_edit_check_string    (const char        *text,
                                        GError           **error);
gboolean  _chrono_edit_find_lane       (ChronoEditStack   *self,
                                        const char        *id,
                                        guint32           *lane,
                                        GError           **error);
/* @id NULL gives -1. */
gboolean  _chrono_edit_find_category   (ChronoEditStack   *self,
                                        const char        *id,
                                        gint32            *category,
                                        GError           **error);

G_END_DECLS
