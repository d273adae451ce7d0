/* chrono-window-private.h
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "chrono-document-file.h"
#include "chrono-event-list.h"
#include "chrono-filter-popover.h"
#include "chrono-image-cache.h"
#include "chrono-inspector.h"
#include "chrono-overview.h"
#include "chrono-recent-menu.h"
#include "chrono-timeline-view.h"
#include "chrono-window.h"

G_BEGIN_DECLS

/* The window is split by concern, as GNOME Text Editor splits its own:
 * chrono-window.c (the window, the file's life shown, the session),
 * chrono-window-actions.c (the win.* actions and their keys),
 * chrono-window-search.c (the search bar and stepping through matches),
 * chrono-window-dnd.c (dropping files), chrono-window-save.c (asking
 * about unsaved changes, and saving), chrono-window-pictures.c (the
 * pictures and the question about those on the web).  This is what
 * they share. */

struct _ChronoWindow
{
  AdwApplicationWindow  parent_instance;

  ChronoSession        *session;
  ChronoEventList      *event_list;
  GtkSingleSelection   *selection;
  GSettings            *settings;
  GtkFileChooserNative *open_dialog;
  /* The question about unsaved changes, while it is asked. */
  AdwMessageDialog     *save_changes_dialog;
  /* The "Save Timeline" chooser while it is open: a second Save As
   * brings it back instead of opening another. */
  GtkNativeDialog      *save_dialog;
  /* Fills the template's recent_menu section. */
  ChronoRecentMenu     *recent_menu_model;

  /* Loading, watching and reloading the file shown. */
  ChronoDocumentFile   *document_file;
  guint                 progress_source;
  guint                 syncing_selection : 1;
  /* The unsaved changes were saved or discarded for closing. */
  guint                 close_confirmed : 1;
  /* The user allowed this file's pictures on the web. */
  guint                 web_pictures_allowed : 1;
  ChronoImageCache     *image_cache;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkWidget            *header_bar;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkLabel             *search_count_label;
  GtkMenuButton        *filter_button;
  ChronoFilterPopover  *filter_popover;
  GtkToggleButton      *sidebar_button;
  GtkToggleButton      *search_button;
  GtkWidget            *zoom_box;
  GtkWidget            *present_button;
  GtkRevealer          *error_revealer;
  GtkRevealer          *deleted_revealer;
  GtkRevealer          *changed_revealer;
  GtkRevealer          *pictures_revealer;
  GtkLabel             *pictures_title;
  GtkLabel             *changed_title;
  GtkLabel             *deleted_title;
  GtkLabel             *error_title;
  GtkLabel             *error_label;
  GtkWidget            *skip_rows_button;
  GtkWidget            *drop_links_button;
  GtkWidget            *details_button;
  GtkProgressBar       *progress_bar;
  GtkWidget            *drop_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *loading_page;
  AdwFlap              *flap;
  ChronoTimelineView   *timeline_view;
  ChronoOverview       *overview;
  ChronoInspector      *inspector;
  GtkListView          *event_list_view;
  GtkStack             *list_stack;
  GtkLabel             *count_label;
  GMenu                *recent_menu;
};

/* chrono-window-actions.c */
void _chrono_window_class_actions_init (GtkWidgetClass *widget_class);
void _chrono_window_actions_init       (ChronoWindow   *self);
void _chrono_window_actions_dispose    (ChronoWindow   *self);
/* Enables the actions that need a document or a file. */
void _chrono_window_update_actions     (ChronoWindow   *self);

/* chrono-window-save.c */
typedef void (*ChronoWindowThen) (ChronoWindow *self,
                                  gpointer      data);
void _chrono_window_when_changes_settled (ChronoWindow     *self,
                                          ChronoWindowThen  then,
                                          gpointer          data,
                                          GDestroyNotify    destroy);
void _chrono_window_save                 (ChronoWindow     *self,
                                          gboolean          ask_where);

/* chrono-window-pictures.c */
void _chrono_window_class_pictures_init (GtkWidgetClass *widget_class);
void _chrono_window_pictures_init       (ChronoWindow   *self);
void _chrono_window_pictures_dispose    (ChronoWindow   *self);
/* Asks about the document's pictures on the web, unless the file's
 * answer is known; called when the document changes. */
void _chrono_window_pictures_update     (ChronoWindow   *self);

/* chrono-window-dnd.c */
void _chrono_window_dnd_init           (ChronoWindow   *self);

/* chrono-window-search.c */
void _chrono_window_class_search_init  (GtkWidgetClass *widget_class);
void _chrono_window_search_init        (ChronoWindow   *self);
/* Selects the next (1), previous (-1) or nearest (0) search match and
 * frames it; without a search, opens the search bar. */
void _chrono_window_go_to_match        (ChronoWindow   *self,
                                        int             direction);
/* "3 of 12" beside the search entry. */
void _chrono_window_update_search_count (ChronoWindow  *self);

G_END_DECLS
