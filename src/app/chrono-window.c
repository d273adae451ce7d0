/* chrono-window.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chrono-a11y.h"
#include "chrono-application.h"
#include "chrono-event-list.h"
#include "chrono-export-dialog.h"
#include "chrono-filter-popover.h"
#include "chrono-import-dialog.h"
#include "chrono-inspector.h"
#include "chrono-loader.h"
#include "chrono-overview.h"
#include "chrono-presenter.h"
#include "chrono-print.h"
#include "chrono-style.h"
#include "chrono-timeline-view.h"
#include "chrono-window.h"

/* How long the file must be quiet before it is reloaded: editors write a
 * file in several steps. */
#define RELOAD_DELAY_MS 250
/* Loads that end sooner show no progress bar, so small files do not
 * flash one. */
#define PROGRESS_DELAY_MS 200
/* The glide to an event picked in the list. */
#define REVEAL_DURATION_MS 400

struct _ChronoWindow
{
  AdwApplicationWindow  parent_instance;

  ChronoSession        *session;
  ChronoEventList      *event_list;
  GtkSingleSelection   *selection;
  GSettings            *settings;
  GMenu                *recent_menu;
  GtkFileChooserNative *open_dialog;
  GtkRecentManager     *recent_manager;
  gulong                recent_handler;

  /* The file shown (or being loaded for the first time). */
  GFile                *file;
  /* The file whose load failed, for "Retry". */
  GFile                *failed_file;
  /* How the file shown was loaded, for reloads (lenient CSV). */
  ChronoLoadFlags       load_flags;
  /* The columns of a spreadsheet imported with the import dialog, read
   * the same way on reload; NULL for other files. */
  ChronoCsvMapping     *mapping;
  GFileMonitor         *monitor;
  guint                 reload_source;
  guint                 progress_source;
  GCancellable         *cancellable;
  char                 *error;
  /* Every diagnostic of the last load, one "FILE:LINE:COL: message" a
   * line, for the Details dialog; NULL when there were none. */
  char                 *details;
  guint                 loading : 1;
  guint                 syncing_selection : 1;

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
};

G_DEFINE_FINAL_TYPE (ChronoWindow, chrono_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_FILE,
  PROP_LOADING,
  PROP_ERROR,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Loading ---------------------------------------------------------------- */

typedef struct
{
  ChronoWindow    *self;
  GFile           *file;
  gboolean         keep_view;
  ChronoLoadFlags  flags;
  ChronoCsvMapping *mapping;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->mapping, chrono_csv_mapping_free);
  g_clear_object (&data->self);
  g_clear_object (&data->file);
  g_free (data);
}

/* The timeline once there is a document; until then the empty state,
 * or a spinner while the first file loads. */
static void
update_main_page (ChronoWindow *self)
{
  if (chrono_session_get_document (self->session) != NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "timeline");
  else if (self->loading)
    {
      g_autofree char *name = self->file ? g_file_get_basename (self->file) : NULL;
      g_autofree char *title = NULL;

      /* Translators: the argument is a file name */
      title = g_strdup_printf (_("Opening “%s”…"), name ? name : "");
      adw_status_page_set_title (self->loading_page, title);
      gtk_stack_set_visible_child_name (self->main_stack, "loading");
    }
  else
    gtk_stack_set_visible_child_name (self->main_stack, "empty");
}

static void
set_loading (ChronoWindow *self,
             gboolean      loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  update_main_page (self);
  if (!loading)
    {
      g_clear_handle_id (&self->progress_source, g_source_remove);
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Whether every error of a failed load is a bad link, which lenient
 * loading drops. */
static gboolean
only_link_errors (GPtrArray *diagnostics)
{
  guint n_errors = 0;

  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      const ChronoDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (diagnostic->is_warning)
        continue;
      if (diagnostic->code != CHRONO_ERROR_LINK)
        return FALSE;
      n_errors++;
    }

  return n_errors > 0;
}

/* Is @file a spreadsheet, whose bad rows can be skipped? */
static gboolean
is_csv_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_str_has_suffix (lower, ".csv");
}

/* Keeps every diagnostic of a load for the Details dialog. */
static void
set_details (ChronoWindow *self,
             GFile        *file,
             GPtrArray    *diagnostics)
{
  g_autofree char *name = g_file_get_basename (file);
  GString *text = NULL;

  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      const ChronoDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
      g_autofree char *line = chrono_diagnostic_format (diagnostic, name);

      if (text == NULL)
        text = g_string_new (NULL);
      else
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }

  g_free (self->details);
  self->details = text != NULL ? g_string_free (text, FALSE) : NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-details", self->details != NULL);
}

/* The Details button of the error bar and of the warnings toast: every
 * problem of the last load, selectable to copy. */
static void
show_details_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ChronoWindow *self = CHRONO_WINDOW (widget);
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  GFile *file;
  GtkWidget *dialog;
  GtkWidget *scrolled;
  GtkWidget *label;

  if (self->details == NULL)
    return;

  file = self->failed_file != NULL ? self->failed_file : self->file;
  if (file != NULL)
    {
      name = g_file_get_basename (file);
      /* Translators: the argument is a file name */
      heading = g_strdup_printf (_("Problems in “%s”"), name);
    }
  else
    heading = g_strdup (_("Problems"));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");

  label = gtk_label_new (self->details);
  gtk_widget_set_name (label, "details_label");
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "monospace");

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 200);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  gtk_widget_set_size_request (scrolled, 480, -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_error (ChronoWindow    *self,
            GFile           *file,
            const char      *message,
            ChronoLoadFlags  flags)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *title = NULL;

  gtk_widget_set_visible (self->skip_rows_button,
                          is_csv_file (file) && !(flags & CHRONO_LOAD_LENIENT));

  if (self->file != NULL && g_file_equal (file, self->file) &&
      chrono_session_get_document (self->session) != NULL)
    /* Translators: the argument is a file name */
    title = g_strdup_printf (_("Could not reload “%s”: showing the version opened before"), name);
  else
    /* Translators: the argument is a file name */
    title = g_strdup_printf (_("Could not open “%s”"), name);
  gtk_label_set_text (self->error_title, title);
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (self->details_button, self->details != NULL);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);

  g_free (self->error);
  self->error = g_strdup (message);
  g_set_object (&self->failed_file, file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload", TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
hide_error (ChronoWindow *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  g_clear_object (&self->failed_file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload", self->file != NULL);

  if (self->error != NULL)
    {
      g_clear_pointer (&self->error, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
}

static void
on_error_dismiss (ChronoWindow *self)
{
  hide_error (self);
}

static void
on_load_progress (double   fraction,
                  gpointer user_data)
{
  ChronoWindow *self = user_data;

  /* The load holds a reference on the window, but after dispose the
   * template's widgets are gone. */
  if (self->loading && self->progress_bar != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static gboolean
show_progress (gpointer user_data)
{
  ChronoWindow *self = user_data;

  self->progress_source = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);

  return G_SOURCE_REMOVE;
}

/* The file shown was deleted or moved away: say so, and keep showing the
 * timeline as it was loaded.  The monitor still watches its name, so a
 * file that comes back is reloaded and the notice goes. */
static void
show_deleted (ChronoWindow *self)
{
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *title = NULL;

  /* Translators: the argument is a file name */
  title = g_strdup_printf (_("“%s” was deleted or moved"), name);
  gtk_label_set_text (self->deleted_title, title);
  gtk_revealer_set_reveal_child (self->deleted_revealer, TRUE);
}

static void
hide_deleted (ChronoWindow *self)
{
  /* NULL once dispose has dropped the template. */
  if (self->deleted_revealer != NULL)
    gtk_revealer_set_reveal_child (self->deleted_revealer, FALSE);
}

static void
on_monitor_changed (ChronoWindow      *self,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    GFileMonitor      *monitor);

static void
watch_file (ChronoWindow *self,
            GFile        *file)
{
  g_autoptr(GError) error = NULL;

  /* A notice about the file watched before. */
  hide_deleted (self);

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->monitor, on_monitor_changed, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  g_clear_handle_id (&self->reload_source, g_source_remove);

  if (file == NULL)
    return;

  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Cannot watch %s: %s", g_file_peek_path (file), error->message);
      return;
    }

  g_signal_connect_swapped (self->monitor, "changed",
                            G_CALLBACK (on_monitor_changed), self);
}

static void
add_to_recent (ChronoWindow *self,
               GFile        *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *name = g_file_get_basename (file);
  const char *mime = g_str_has_suffix (name, ".csv") ? "text/csv" : "application/json";
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = (char *) mime,
    .app_name = (char *) g_get_application_name (),
    .app_exec = (char *) "chronoscope %u",
    .groups = NULL,
    .is_private = FALSE,
  };

  if (self->recent_manager != NULL && g_file_is_native (file))
    gtk_recent_manager_add_full (self->recent_manager, uri, &data);
}

static void
update_title (ChronoWindow *self)
{
  ChronoDocument *document = chrono_session_get_document (self->session);
  const char *title = document ? chrono_document_get_title (document) : NULL;
  g_autofree char *name = NULL;

  if (self->file != NULL && document != NULL)
    name = g_file_get_basename (self->file);

  if (title == NULL || title[0] == '\0')
    title = name != NULL ? name : _("Chronoscope");

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title,
                                 name != NULL && g_strcmp0 (name, title) != 0 ? name : "");
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
on_load_ready (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LoadData *data = user_data;
  ChronoWindow *self = data->self;
  g_autoptr(ChronoDocument) document = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) skipped = g_string_new (NULL);
  guint n_warnings = 0;

  document = chrono_loader_load_file_finish (result, &diagnostics, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      load_data_free (data);
      return;
    }

  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);

  if (document == NULL)
    {
      /* Keep the document that was open; only say what went wrong. */
      set_details (self, data->file, diagnostics);
      /* A spreadsheet with columns of its own: ask how to read them. */
      if (!data->keep_view && g_error_matches (error, CHRONO_ERROR, CHRONO_ERROR_COLUMNS))
        gtk_window_present (GTK_WINDOW (chrono_import_dialog_new (self, data->file)));
      else
        show_error (self, data->file, error ? error->message : _("Unknown error"), data->flags);
      /* A timeline that only has bad links opens without them. */
      gtk_widget_set_visible (self->drop_links_button,
                              !is_csv_file (data->file) && !(data->flags & CHRONO_LOAD_LENIENT) &&
                              only_link_errors (diagnostics));

      /* A file that never opened is not the window's file. */
      if (chrono_session_get_document (self->session) == NULL)
        {
          g_clear_object (&self->file);
          watch_file (self, NULL);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
        }
      load_data_free (data);
      return;
    }

  hide_error (self);
  set_details (self, data->file, diagnostics);
  self->load_flags = data->flags;
  g_clear_pointer (&self->mapping, chrono_csv_mapping_free);
  self->mapping = g_steal_pointer (&data->mapping);

  if (chrono_document_get_file (document) == NULL)
    chrono_document_set_file (document, data->file);

  if (self->file == NULL || !g_file_equal (self->file, data->file))
    {
      g_set_object (&self->file, data->file);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
    }

  if (self->monitor == NULL || !data->keep_view)
    watch_file (self, data->file);

  chrono_session_set_document (self->session, document, data->keep_view);

  /* Keyboard users land on the timeline: + - 0 and the arrows work; the
   * event list of another file starts from its top. */
  if (!data->keep_view)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->timeline_view));
      if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
        gtk_widget_activate_action (GTK_WIDGET (self->event_list_view),
                                    "list.scroll-to-item", "u", 0);
    }

  if (!data->keep_view)
    {
      g_autofree char *uri = g_file_get_uri (data->file);

      add_to_recent (self, data->file);
      if (self->settings != NULL)
        g_settings_set_string (self->settings, "last-file", uri);
    }

  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      const ChronoDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      /* The counts of skipped rows and dropped links say it all: each
       * of those has its own warning too. */
      if (diagnostic->code == CHRONO_ERROR_SKIPPED_ROWS)
        g_string_append_printf (skipped, "%s%s", skipped->len > 0 ? "; " : "", diagnostic->message);
      else if (diagnostic->is_warning)
        n_warnings++;
    }

  if (skipped->len > 0 || n_warnings > 0)
    {
      g_autofree char *text = NULL;
      AdwToast *toast;

      if (skipped->len > 0)
        text = g_strdup (skipped->str);
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Opened with %u warning",
                                             "Opened with %u warnings",
                                             n_warnings),
                                n_warnings);

      toast = adw_toast_new (text);
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "win.show-details");
      adw_toast_set_timeout (toast, 10);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  else if (data->keep_view)
    {
      AdwToast *toast = adw_toast_new (_("Reloaded"));

      adw_toast_set_timeout (toast, 2);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }

  load_data_free (data);
}

static void
load_mapped (ChronoWindow           *self,
             GFile                  *file,
             gboolean                keep_view,
             ChronoLoadFlags         flags,
             const ChronoCsvMapping *mapping)
{
  LoadData *data;

  g_assert (CHRONO_IS_WINDOW (self));
  g_assert (G_IS_FILE (file));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (chrono_session_get_document (self->session) == NULL &&
      (self->file == NULL || !g_file_equal (self->file, file)))
    {
      g_set_object (&self->file, file);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
    }

  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->file = g_object_ref (file);
  data->keep_view = keep_view;
  data->flags = flags;
  data->mapping = mapping != NULL ? chrono_csv_mapping_copy (mapping) : NULL;

  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  set_loading (self, TRUE);
  if (self->progress_source == 0 &&
      !gtk_widget_get_visible (GTK_WIDGET (self->progress_bar)))
    self->progress_source = g_timeout_add (PROGRESS_DELAY_MS, show_progress, self);

  chrono_loader_load_mapped_async (file,
                                   data->mapping,
                                   flags,
                                   self->cancellable,
                                   on_load_progress, self,
                                   on_load_ready, data);
}

static void
load (ChronoWindow    *self,
      GFile           *file,
      gboolean         keep_view,
      ChronoLoadFlags  flags)
{
  /* A spreadsheet imported with a mapping is reloaded with it, never
   * as if it had Chronoscope's columns. */
  gboolean imported = self->mapping != NULL && self->file != NULL && g_file_equal (file, self->file);

  load_mapped (self, file, keep_view, flags, imported ? self->mapping : NULL);
}

static gboolean
reload_timeout (gpointer user_data)
{
  ChronoWindow *self = user_data;

  self->reload_source = 0;

  /* Never cancel a load in progress: try again once it is done.  A newly
   * opened file replaces this timeout when it starts being watched. */
  if (self->loading)
    {
      self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_timeout, self);
      return G_SOURCE_REMOVE;
    }

  if (self->file == NULL)
    return G_SOURCE_REMOVE;

  /* Gone for longer than a save that replaces the file takes: keep the
   * document, and reload only once the file is back. */
  if (chrono_session_get_document (self->session) != NULL &&
      !g_file_query_exists (self->file, NULL))
    {
      show_deleted (self);
      return G_SOURCE_REMOVE;
    }

  hide_deleted (self);
  load (self, self->file, chrono_session_get_document (self->session) != NULL,
        self->load_flags);

  return G_SOURCE_REMOVE;
}

static void
on_monitor_changed (ChronoWindow      *self,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    GFileMonitor      *monitor)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      /* Debounce: reload once the file has been quiet for a moment.  A
       * deletion waits as long: editors that save by deleting and
       * writing anew bring the file back before it is missed. */
      g_clear_handle_id (&self->reload_source, g_source_remove);
      self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_timeout, self);
      break;

    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      /* Keep showing what was loaded. */
      break;
    }
}

/* The session --------------------------------------------------------------- */

/* Returns whether the count shown changed. */
static gboolean
update_count (ChronoWindow *self)
{
  ChronoDocument *document = chrono_session_get_document (self->session);
  g_autofree char *text = NULL;
  gboolean changed;
  guint n_events, n_visible = 0;

  if (document == NULL)
    {
      gtk_label_set_text (self->count_label, "");
      return FALSE;
    }

  n_events = chrono_document_get_n_events (document);
  chrono_filter_get_mask (chrono_session_get_filter (self->session), document, &n_visible);

  if (n_visible == n_events)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n_events),
                            n_events);
  else
    /* Translators: "12 of 40 events shown" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u of %u event shown",
                                         "%u of %u events shown",
                                         n_events),
                            n_visible, n_events);

  changed = g_strcmp0 (text, gtk_label_get_text (self->count_label)) != 0;
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, n_visible > 0 ? "list" : "none");

  return changed;
}

/* The list follows the session's selection. */
static void
sync_list_selection (ChronoWindow *self)
{
  int selected = chrono_session_get_selected (self->session);
  guint position = GTK_INVALID_LIST_POSITION;

  if (self->syncing_selection)
    return;

  if (selected >= 0)
    position = chrono_event_list_get_position (self->event_list, selected);

  self->syncing_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->syncing_selection = FALSE;

  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->event_list_view),
                                "list.scroll-to-item", "u", position);
}

/* Picking an event off screen in the list pans the timeline to it,
 * keeping the zoom. */
static void
reveal_event (ChronoWindow *self,
              guint         index)
{
  ChronoDocument *document = chrono_session_get_document (self->session);
  const ChronoEvent *event;
  double start, end, span, middle;

  if (document == NULL || index >= chrono_document_get_n_events (document))
    return;

  event = chrono_document_get_event (document, index);
  chrono_session_get_visible (self->session, &start, &end);
  if ((double) event->start.time < end && (double) event->end_time > start)
    return;

  span = end - start;
  middle = (double) event->start.time;
  chrono_timeline_view_animate_to (self->timeline_view,
                                   middle - span / 2, middle + span / 2,
                                   REVEAL_DURATION_MS);
}

static void
on_list_selection_changed (ChronoWindow *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);
  guint index;

  if (self->syncing_selection || position == GTK_INVALID_LIST_POSITION)
    return;

  index = chrono_event_list_get_event_index (self->event_list, position);
  if (index == G_MAXUINT)
    return;

  self->syncing_selection = TRUE;
  chrono_session_set_selected (self->session, index);
  self->syncing_selection = FALSE;

  reveal_event (self, index);
}

static void
zoom_to_event (ChronoWindow *self,
               guint         index)
{
  chrono_timeline_view_zoom_to_event (self->timeline_view, index);
}

static void
on_event_list_activate (ChronoWindow *self,
                        guint         position)
{
  guint index = chrono_event_list_get_event_index (self->event_list, position);

  if (index == G_MAXUINT)
    return;

  chrono_session_set_selected (self->session, index);
  zoom_to_event (self, index);
}

static void
on_inspector_event_activated (ChronoWindow *self,
                              guint         index)
{
  ChronoFilter *filter = chrono_session_get_filter (self->session);
  ChronoDocument *document = chrono_session_get_document (self->session);
  const ChronoEvent *event;

  if (document == NULL || index >= chrono_document_get_n_events (document))
    return;

  /* A related event hidden by the filter is still reachable: show all. */
  event = chrono_document_get_event (document, index);
  if (!chrono_filter_matches (filter, document, event))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      chrono_filter_reset (filter);
    }

  chrono_session_set_selected (self->session, index);
  zoom_to_event (self, index);
}

static void
update_actions (ChronoWindow *self)
{
  gboolean has_document = chrono_session_get_document (self->session) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload",
                                 self->file != NULL || self->failed_file != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-fit", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search-next", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search-previous", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.present", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-slides", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", has_document);
  /* The empty state needs none of the timeline's buttons. */
  gtk_widget_set_visible (GTK_WIDGET (self->zoom_box), has_document);
  gtk_widget_set_visible (self->present_button, has_document);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_button), has_document);
  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_button), has_document);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), has_document);
  if (!has_document)
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
on_document_changed (ChronoWindow *self)
{
  update_main_page (self);
  update_title (self);
  update_actions (self);
  update_count (self);
  sync_list_selection (self);
}

/* "3 of 12" beside the search entry while a search is on. */
static void
update_search_count (ChronoWindow *self)
{
  const char *text = chrono_filter_get_text (chrono_session_get_filter (self->session));
  g_autofree char *label = NULL;
  guint position, n_matches;

  if (text == NULL || text[0] == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (self->search_count_label), FALSE);
      return;
    }

  if (chrono_session_get_match_position (self->session, &position, &n_matches))
    /* Translators: beside the search entry: the selected match and how
     * many there are, "3 of 12" */
    label = g_strdup_printf (C_("search", "%u of %u"), position + 1, n_matches);
  else if (n_matches == 0)
    label = g_strdup (_("No matches"));
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", n_matches), n_matches);

  gtk_label_set_text (self->search_count_label, label);
  gtk_widget_set_visible (GTK_WIDGET (self->search_count_label), TRUE);
}

static void
on_filter_changed (ChronoWindow *self)
{
  ChronoFilter *filter = chrono_session_get_filter (self->session);
  const char *text = chrono_filter_get_text (filter);

  /* "Reset" in the filter menu also clears the search. */
  if ((text == NULL || text[0] == '\0') &&
      gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  /* Say "9 of 38 events shown" to a screen reader when a search or a
   * filter changes it: politely, on the search entry or the filter
   * control that has the focus (see chrono_a11y_announce()). */
  if (update_count (self))
    chrono_a11y_announce (GTK_WIDGET (self->count_label),
                          gtk_label_get_text (self->count_label));
  sync_list_selection (self);
  update_search_count (self);
}

/* Search ---------------------------------------------------------------- */

/* Selects the match that way (see chrono_session_find_match()) and
 * frames it; without a search, opens the search bar. */
static void
go_to_match (ChronoWindow *self,
             int           direction)
{
  ChronoFilter *filter = chrono_session_get_filter (self->session);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  int index;

  if (chrono_session_get_document (self->session) == NULL)
    return;

  if (text[0] == '\0')
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.search", NULL);
      return;
    }

  /* Enter straight after typing: search what is typed, without waiting
   * for the entry's pause. */
  if (g_strcmp0 (chrono_filter_get_text (filter), text) != 0)
    chrono_filter_set_text (filter, text);

  index = chrono_session_find_match (self->session, direction);
  if (index >= 0)
    chrono_timeline_view_zoom_to_event (self->timeline_view, index);
}

static void
on_search_changed (ChronoWindow *self)
{
  ChronoFilter *filter = chrono_session_get_filter (self->session);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* Already applied by Enter pressed before the pause. */
  if (g_strcmp0 (chrono_filter_get_text (filter), text) == 0 ||
      (text[0] == '\0' && chrono_filter_get_text (filter) == NULL))
    return;

  chrono_filter_set_text (filter, text);

  /* A new search brings its first match into view. */
  if (text[0] != '\0')
    go_to_match (self, 0);
}

static void
on_search_activate (ChronoWindow *self)
{
  go_to_match (self, 1);
}

static void
on_search_next_match (ChronoWindow *self)
{
  go_to_match (self, 1);
}

static void
on_search_previous_match (ChronoWindow *self)
{
  go_to_match (self, -1);
}

/* Shift+Enter in the search entry goes back, as in GNOME's apps. */
static gboolean
on_search_key_pressed (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       ChronoWindow          *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK)) == GDK_SHIFT_MASK)
    {
      go_to_match (self, -1);
      return TRUE;
    }

  return FALSE;
}

static void
search_step_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ChronoWindow *self = CHRONO_WINDOW (widget);

  go_to_match (self, g_str_equal (action_name, "win.search-next") ? 1 : -1);
}

static void
on_stop_search (ChronoWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
on_search_mode_changed (ChronoWindow *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Actions --------------------------------------------------------------- */

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  ChronoWindow *self = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  /* The window owns the dialog and destroys it in dispose, so @self is
   * alive here. */
  g_clear_object (&self->open_dialog);
  if (file != NULL)
    chrono_window_open_file (self, file);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChronoWindow *self = CHRONO_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Open Timeline"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  gtk_file_filter_set_name (all, _("All Timelines"));
  gtk_file_filter_add_mime_type (all, "application/json");
  gtk_file_filter_add_mime_type (all, "text/csv");
  gtk_file_filter_add_suffix (all, "json");
  gtk_file_filter_add_suffix (all, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);

  gtk_file_filter_set_name (json, _("Timelines (JSON, TimelineJS)"));
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_filter_add_suffix (json, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), json);

  gtk_file_filter_set_name (csv, _("Spreadsheets (CSV)"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), csv);

  if (self->file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (self->file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
    }

  if (self->open_dialog != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->open_dialog, on_open_response, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->open_dialog));
      g_clear_object (&self->open_dialog);
    }
  self->open_dialog = dialog;
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static GFile *
find_example (const char *name)
{
  const char *dirs[] = { PKGDATADIR "/examples", SOURCE_DATADIR "/examples" };

  /* Installed examples first; from the build tree, the source tree's. */
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = g_build_filename (dirs[i], name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_file_new_for_path (path);
    }

  return NULL;
}

static void
open_example_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ChronoWindow *self = CHRONO_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autoptr(GFile) file = NULL;

  /* Only plain names: the target comes from menus, but stay safe. */
  if (strchr (name, '/') == NULL)
    file = find_example (name);

  if (file == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("The example timelines are not installed")));
      return;
    }

  chrono_window_open_file (self, file);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  chrono_window_open_file (CHRONO_WINDOW (widget), file);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ChronoWindow *self = CHRONO_WINDOW (widget);

  /* After a failed open, try that file again rather than the shown one. */
  if (self->failed_file != NULL &&
      (self->file == NULL || !g_file_equal (self->failed_file, self->file)))
    {
      g_autoptr(GFile) file = g_object_ref (self->failed_file);

      load (self, file, FALSE, CHRONO_LOAD_DEFAULT);
    }
  else
    chrono_window_reload (self);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  chrono_import_dialog_choose_file (CHRONO_WINDOW (widget));
}

/* "Skip Bad Rows" on the error bar of a spreadsheet with bad rows. */
static void
open_lenient_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ChronoWindow *self = CHRONO_WINDOW (widget);
  g_autoptr(GFile) file = NULL;

  if (self->failed_file == NULL)
    return;

  file = g_object_ref (self->failed_file);
  load (self, file,
        self->file != NULL && g_file_equal (file, self->file) &&
        chrono_session_get_document (self->session) != NULL,
        CHRONO_LOAD_LENIENT);
}

/* "+", "-" and "0" zoom wherever the focus is not in a text entry, before
 * the search bar's key capture can take them as typed text: only letters
 * and digits typed start a search. */
static gboolean
on_zoom_key_pressed (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     gpointer               user_data)
{
  ChronoWindow *self = user_data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  const char *action;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;
  if (focus != NULL &&
      (GTK_IS_EDITABLE (focus) ||
       gtk_widget_get_ancestor (focus, GTK_TYPE_EDITABLE) != NULL))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      action = "win.zoom-in";
      break;

    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      action = "win.zoom-out";
      break;

    case GDK_KEY_0:
    case GDK_KEY_KP_0:
      action = "win.zoom-fit";
      break;

    default:
      return FALSE;
    }

  if (chrono_session_get_document (self->session) == NULL)
    return FALSE;

  return gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChronoWindow *self = CHRONO_WINDOW (widget);

  if (g_str_equal (action_name, "win.zoom-in"))
    chrono_timeline_view_zoom_in (self->timeline_view);
  else if (g_str_equal (action_name, "win.zoom-out"))
    chrono_timeline_view_zoom_out (self->timeline_view);
  else
    chrono_timeline_view_zoom_fit (self->timeline_view);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ChronoWindow *self = CHRONO_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ChronoWindow *self = CHRONO_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

/* The presenter keeps its own camera: leaving it finds the window as it
 * was. */
static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ChronoWindow *self = CHRONO_WINDOW (widget);
  ChronoPresenter *presenter;

  if (chrono_session_get_document (self->session) == NULL)
    return;

  presenter = chrono_presenter_new (GTK_WINDOW (self), self->session);
  chrono_presenter_start (presenter);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ChronoWindow *self = CHRONO_WINDOW (widget);

  if (chrono_session_get_document (self->session) == NULL)
    return;

  gtk_window_present (GTK_WINDOW (chrono_export_dialog_new (self)));
}

static void
export_slides_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  chrono_export_slides_run (CHRONO_WINDOW (widget));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  chrono_print_run (CHRONO_WINDOW (widget));
}

/* F6 and Shift+F6: the main regions in turn, as in other GNOME apps. */
static GtkWidget **
get_regions (ChronoWindow *self,
             guint        *n_regions)
{
  static GtkWidget *regions[4];

  regions[0] = self->header_bar;
  regions[1] = GTK_WIDGET (self->timeline_view);
  regions[2] = GTK_WIDGET (self->inspector);
  regions[3] = GTK_WIDGET (self->event_list_view);
  *n_regions = G_N_ELEMENTS (regions);

  return regions;
}

static gboolean
focus_region (ChronoWindow *self,
              GtkWidget    *region)
{
  if (!gtk_widget_get_mapped (region))
    return FALSE;

  if (region == self->header_bar || region == GTK_WIDGET (self->inspector))
    {
      gtk_root_set_focus (GTK_ROOT (self), NULL);
      return gtk_widget_child_focus (region, GTK_DIR_TAB_FORWARD);
    }

  return gtk_widget_grab_focus (region);
}

static void
region_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ChronoWindow *self = CHRONO_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  int direction = g_str_equal (action_name, "win.previous-region") ? -1 : 1;
  guint n_regions;
  GtkWidget **regions = get_regions (self, &n_regions);
  int current = -1;

  for (guint i = 0; focus != NULL && i < n_regions; i++)
    if (focus == regions[i] || gtk_widget_is_ancestor (focus, regions[i]))
      current = i;
  /* The search bar sits under the header bar and belongs with it. */
  if (current < 0 && focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_bar)))
    current = 0;
  if (current < 0)
    current = direction > 0 ? -1 : 0;

  for (guint step = 1; step <= n_regions; step++)
    {
      int next = ((current + direction * (int) step) % (int) n_regions + (int) n_regions) % (int) n_regions;

      if (focus_region (self, regions[next]))
        return;
    }
}

/* Recent files ---------------------------------------------------------- */

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *info_a = *(GtkRecentInfo **) a;
  GtkRecentInfo *info_b = *(GtkRecentInfo **) b;
  GDateTime *time_a = gtk_recent_info_get_modified (info_a);
  GDateTime *time_b = gtk_recent_info_get_modified (info_b);

  return g_date_time_compare (time_b, time_a);
}

/* Doubles the underscores of @text, which a menu label would take for
 * mnemonics. */
static char *
escape_underscores (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

/* "name.json — ~/folder": files of the same name in different folders
 * stay apart.  (Menu labels in GTK 4.8 take no markup to dim the folder.) */
static char *
recent_label (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *folder = NULL;
  g_autofree char *escaped_name = NULL;
  g_autofree char *escaped_folder = NULL;
  const char *home = g_get_home_dir ();

  if (parent != NULL)
    folder = g_file_get_path (parent);
  if (folder == NULL)
    folder = g_strdup ("");

  if (home != NULL && home[0] != '\0' && g_strcmp0 (home, "/") != 0 &&
      g_str_has_prefix (folder, home) &&
      (folder[strlen (home)] == '\0' || folder[strlen (home)] == G_DIR_SEPARATOR))
    {
      char *tilde = g_strconcat ("~", folder + strlen (home), NULL);

      g_free (folder);
      folder = tilde;
    }

  {
    g_autofree char *display_name = g_filename_display_name (name);
    g_autofree char *display_folder = g_filename_display_name (folder);

    escaped_name = escape_underscores (display_name);
    escaped_folder = escape_underscores (display_folder);
  }

  /* Translators: a recent file in the Open Recent menu: its name, then
   * its folder */
  return g_strdup_printf (_("%s — %s"), escaped_name, escaped_folder);
}

static void
rebuild_recent_menu (ChronoWindow *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_items = 0;
  GList *items;
  g_autoptr(GPtrArray) mine = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);
  const char *app_name = g_get_application_name ();

  g_menu_remove_all (self->recent_menu);

  if (self->recent_manager == NULL)
    return;

  items = gtk_recent_manager_get_items (self->recent_manager);
  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (app_name != NULL && gtk_recent_info_has_application (info, app_name) &&
          gtk_recent_info_is_local (info) && gtk_recent_info_exists (info))
        g_ptr_array_add (mine, gtk_recent_info_ref (info));
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);

  g_ptr_array_sort (mine, compare_recent);

  for (guint i = 0; i < mine->len && n_items < 10; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (mine, i);
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GFile) file = g_file_new_for_uri (uri);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      /* One entry a file, however its URI was spelled. */
      if (!g_hash_table_add (seen, g_file_get_uri (file)))
        continue;

      label = recent_label (file);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", uri);
      g_menu_append_item (self->recent_menu, item);
      n_items++;
    }

  if (n_items == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Timelines"), "win.no-recent");

      g_menu_append_item (self->recent_menu, item);
    }
}

/* Drag and drop --------------------------------------------------------- */

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         ChronoWindow  *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;

  chrono_window_open_file (self, files->data);

  return TRUE;
}

static void
on_drop_current (GtkDropTarget *target,
                 GParamSpec    *pspec,
                 ChronoWindow  *self)
{
  gtk_widget_set_visible (self->drop_overlay,
                          gtk_drop_target_get_current_drop (target) != NULL);
}

/* Settings -------------------------------------------------------------- */

static void
restore_state (ChronoWindow *self)
{
  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, "sidebar-visible",
                   self->flap, "reveal-flap",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
save_state (ChronoWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static gboolean
chrono_window_close_request (GtkWindow *window)
{
  save_state (CHRONO_WINDOW (window));

  return GTK_WINDOW_CLASS (chrono_window_parent_class)->close_request (window);
}

/* List rows ------------------------------------------------------------- */

/* The event's colour on the timeline, so list and timeline match. */
static void
draw_row_dot (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  GtkListItem *list_item = user_data;
  ChronoEventItem *item = gtk_list_item_get_item (list_item);
  ChronoStyle style;
  ChronoColor color;

  if (item == NULL || chrono_event_item_get_event (item) == NULL)
    return;

  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    chrono_style_init_dark (&style, 1.0);
  else
    chrono_style_init_light (&style, 1.0);
  color = chrono_style_get_event_color (&style,
                                       chrono_event_item_get_document (item),
                                       chrono_event_item_get_event (item));

  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *dot = gtk_drawing_area_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), 10);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), 10);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_row_dot, list_item, NULL);
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);

  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_box_append (GTK_BOX (row), dot);
  gtk_box_append (GTK_BOX (row), box);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *dot = gtk_widget_get_first_child (row);
  GtkWidget *box = gtk_widget_get_next_sibling (dot);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  ChronoEventItem *item = gtk_list_item_get_item (list_item);
  const char *title_text = chrono_event_item_get_title (item);
  const char *date_text = chrono_event_item_get_date_text (item);
  const char *lane_text = chrono_event_item_get_lane_title (item);
  g_autofree char *subtitle_text = NULL;

  subtitle_text = g_strdup_printf ("%s · %s", date_text ? date_text : "", lane_text ? lane_text : "");
  gtk_label_set_text (GTK_LABEL (title), title_text);
  gtk_label_set_text (GTK_LABEL (subtitle), subtitle_text);
  gtk_widget_set_tooltip_text (row, title_text);
  gtk_widget_queue_draw (dot);

  /* The list item widget (the row's parent) is what a screen reader
   * reads: name it as the timeline names the selection. */
  if (chrono_event_item_get_event (item) != NULL && gtk_widget_get_parent (row) != NULL)
    {
      g_autofree char *name = chrono_a11y_describe_event (chrono_event_item_get_document (item),
                                                          chrono_event_item_get_event (item));

      chrono_a11y_set_label (gtk_widget_get_parent (row), name);
    }
}

/* GObject --------------------------------------------------------------- */

static void
chrono_window_constructed (GObject *object)
{
  ChronoWindow *self = CHRONO_WINDOW (object);

  G_OBJECT_CLASS (chrono_window_parent_class)->constructed (object);

  restore_state (self);
}

static void
chrono_window_dispose (GObject *object)
{
  ChronoWindow *self = CHRONO_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  watch_file (self, NULL);
  g_clear_handle_id (&self->progress_source, g_source_remove);

  if (self->open_dialog != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->open_dialog, on_open_response, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->open_dialog));
      g_clear_object (&self->open_dialog);
    }

  if (self->recent_manager != NULL)
    g_clear_signal_handler (&self->recent_handler, self->recent_manager);
  self->recent_manager = NULL;

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (chrono_session_get_filter (self->session), self);
    }
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONO_TYPE_WINDOW);

  g_clear_object (&self->selection);
  g_clear_object (&self->event_list);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->file);
  g_clear_object (&self->failed_file);

  G_OBJECT_CLASS (chrono_window_parent_class)->dispose (object);
}

static void
chrono_window_finalize (GObject *object)
{
  ChronoWindow *self = CHRONO_WINDOW (object);

  g_free (self->error);
  g_free (self->details);
  g_clear_pointer (&self->mapping, chrono_csv_mapping_free);

  G_OBJECT_CLASS (chrono_window_parent_class)->finalize (object);
}

static void
chrono_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ChronoWindow *self = CHRONO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ChronoWindow *self = CHRONO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_window_class_init (ChronoWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = chrono_window_constructed;
  object_class->dispose = chrono_window_dispose;
  object_class->finalize = chrono_window_finalize;
  object_class->get_property = chrono_window_get_property;
  object_class->set_property = chrono_window_set_property;

  window_class->close_request = chrono_window_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         CHRONO_TYPE_SESSION,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-example", "s", open_example_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.open-lenient", NULL, open_lenient_action);
  gtk_widget_class_install_action (widget_class, "win.show-details", NULL, show_details_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.search-next", NULL, search_step_action);
  gtk_widget_class_install_action (widget_class, "win.search-previous", NULL, search_step_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-slides", NULL, export_slides_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.next-region", NULL, region_action);
  gtk_widget_class_install_action (widget_class, "win.previous-region", NULL, region_action);

  g_type_ensure (CHRONO_TYPE_TIMELINE_VIEW);
  g_type_ensure (CHRONO_TYPE_OVERVIEW);
  g_type_ensure (CHRONO_TYPE_INSPECTOR);
  g_type_ensure (CHRONO_TYPE_FILTER_POPOVER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/chrono-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, search_count_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, filter_button);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, filter_popover);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, zoom_box);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, present_button);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, deleted_revealer);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, deleted_title);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, error_title);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, skip_rows_button);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, drop_links_button);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, details_button);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, drop_overlay);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, timeline_view);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, overview);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, event_list_view);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, recent_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_next_match);
  gtk_widget_class_bind_template_callback (widget_class, on_search_previous_match);
  gtk_widget_class_bind_template_callback (widget_class, on_error_dismiss);
  gtk_widget_class_bind_template_callback (widget_class, on_event_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_inspector_event_activated);
}

/* The event list is one Tab stop, the last of the window: Tab goes on
 * to the header bar, where the window's focus chain starts again, and
 * Shift+Tab back to the inspector above (or the timeline), rather than
 * through every row.  The arrows move inside the list. */
static gboolean
on_event_list_key_pressed (GtkEventControllerKey *controller,
                           guint                  keyval,
                           guint                  keycode,
                           GdkModifierType        state,
                           ChronoWindow          *self)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  if (keyval == GDK_KEY_ISO_Left_Tab || (keyval == GDK_KEY_Tab && (state & GDK_SHIFT_MASK)))
    {
      gtk_root_set_focus (GTK_ROOT (self), NULL);
      if (!gtk_widget_child_focus (GTK_WIDGET (self->inspector), GTK_DIR_TAB_BACKWARD))
        gtk_widget_grab_focus (GTK_WIDGET (self->timeline_view));
      return GDK_EVENT_STOP;
    }

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    {
      gtk_root_set_focus (GTK_ROOT (self), NULL);
      gtk_widget_child_focus (self->header_bar, GTK_DIR_TAB_FORWARD);
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
chrono_window_init (ChronoWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkDropTarget *drop;
  GtkEventController *key;
  GtkEventController *list_keys;
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  chrono_a11y_fix_names (GTK_WIDGET (self));

  self->session = chrono_session_new ();

  chrono_timeline_view_set_session (self->timeline_view, self->session);
  chrono_overview_set_session (self->overview, self->session);
  chrono_inspector_set_session (self->inspector, self->session);
  chrono_filter_popover_set_session (self->filter_popover, self->session);

  /* Bound before the window's own notify::document handler, so the list
   * has the new document when the window looks at it. */
  self->event_list = chrono_event_list_new (NULL, chrono_session_get_filter (self->session));
  g_object_bind_property (self->session, "document",
                          self->event_list, "document",
                          G_BINDING_SYNC_CREATE);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->event_list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected",
                            G_CALLBACK (on_list_selection_changed), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  gtk_list_view_set_factory (self->event_list_view, factory);
  gtk_list_view_set_model (self->event_list_view, GTK_SELECTION_MODEL (self->selection));

  /* GTK 4.8's list view moves Tab from row to row; a keyboard user should
   * pass the list in one step and use the arrows inside it. */
  list_keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (list_keys, GTK_PHASE_CAPTURE);
  g_signal_connect (list_keys, "key-pressed", G_CALLBACK (on_event_list_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->event_list_view), list_keys);

  g_signal_connect_swapped (self->session, "notify::document",
                            G_CALLBACK (on_document_changed), self);
  g_signal_connect_swapped (self->session, "notify::selected",
                            G_CALLBACK (sync_list_selection), self);
  g_signal_connect_swapped (self->session, "notify::selected",
                            G_CALLBACK (update_search_count), self);
  g_signal_connect_swapped (chrono_session_get_filter (self->session), "changed",
                            G_CALLBACK (on_filter_changed), self);

  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (on_search_mode_changed), self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_search_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), key);
  /* Typing anywhere the focus does not use the keys starts a search. */
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  /* The zoom keys go first, whatever has the focus. */
  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_zoom_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  /* F6 before the paned, whose own F6 only cycles its two panes. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F6, 0),
                                                          gtk_named_action_new ("win.next-region")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F6, GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("win.previous-region")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_object_bind_property (self->flap, "reveal-flap",
                          self->sidebar_button, "active",
                          G_BINDING_SYNC_CREATE);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  g_signal_connect (drop, "notify::current-drop", G_CALLBACK (on_drop_current), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  self->recent_manager = gtk_recent_manager_get_default ();
  self->recent_handler = g_signal_connect_swapped (self->recent_manager, "changed",
                                                   G_CALLBACK (rebuild_recent_menu), self);
  rebuild_recent_menu (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.present", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-details", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", FALSE);

  on_document_changed (self);
}

/* Public API ------------------------------------------------------------ */

/**
 * chrono_window_new:
 * @application: (nullable): the application
 *
 * Returns: (transfer none): a new, empty window; it belongs to the
 *   application (or, without one, to GTK's list of toplevels).
 */
ChronoWindow *
chrono_window_new (GtkApplication *application)
{
  GSettings *settings = NULL;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  if (CHRONO_IS_APPLICATION (application))
    settings = chrono_application_get_settings (CHRONO_APPLICATION (application));

  return g_object_new (CHRONO_TYPE_WINDOW,
                       "application", application,
                       "settings", settings,
                       NULL);
}

/**
 * chrono_window_open_file:
 * @file: a native, TimelineJS or CSV timeline
 *
 * Loads @file off the main thread.  On success it replaces the document
 * (the view fits it), is added to the recent files and watched; on
 * failure the error is shown and the document that was open stays.
 */
void
chrono_window_open_file (ChronoWindow *self,
                         GFile        *file)
{
  g_return_if_fail (CHRONO_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  load (self, file, FALSE, CHRONO_LOAD_DEFAULT);
}

/**
 * chrono_window_import_file:
 * @file: a CSV or TSV file
 * @mapping: which column holds what, and how dates are written
 *
 * Loads @file with @mapping, leniently: the rows the import dialog
 * counted as skipped are skipped, each with a warning.  The result is
 * the window's file as any other; when it changes on disk it is read
 * again with the same mapping.
 */
void
chrono_window_import_file (ChronoWindow           *self,
                           GFile                  *file,
                           const ChronoCsvMapping *mapping)
{
  g_return_if_fail (CHRONO_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (mapping != NULL);

  load_mapped (self, file, FALSE, CHRONO_LOAD_LENIENT, mapping);
}

/**
 * chrono_window_reload:
 *
 * Loads the window's file again, keeping the visible span and the
 * selection.  Does nothing without a file.
 */
void
chrono_window_reload (ChronoWindow *self)
{
  g_return_if_fail (CHRONO_IS_WINDOW (self));

  if (self->file != NULL)
    load (self, self->file, chrono_session_get_document (self->session) != NULL,
          self->load_flags);
}

/**
 * chrono_window_get_file:
 *
 * Returns: (transfer none) (nullable): the file shown, or being opened
 *   while nothing is shown yet
 */
GFile *
chrono_window_get_file (ChronoWindow *self)
{
  g_return_val_if_fail (CHRONO_IS_WINDOW (self), NULL);

  return self->file;
}

/**
 * chrono_window_get_loading:
 *
 * Returns: whether a file is being loaded
 */
gboolean
chrono_window_get_loading (ChronoWindow *self)
{
  g_return_val_if_fail (CHRONO_IS_WINDOW (self), FALSE);

  return self->loading;
}

/**
 * chrono_window_get_error:
 *
 * Returns: (nullable): the "FILE:LINE:COL: message" of the last failed
 *   load while it is shown, or %NULL
 */
const char *
chrono_window_get_error (ChronoWindow *self)
{
  g_return_val_if_fail (CHRONO_IS_WINDOW (self), NULL);

  return self->error;
}

/**
 * chrono_window_get_details:
 *
 * Returns: (transfer none) (nullable): every error and warning of the last
 *   load, one "FILE:LINE:COL: message (hint)" a line, as the Details
 *   dialog lists them, or %NULL when there were none
 */
const char *
chrono_window_get_details (ChronoWindow *self)
{
  g_return_val_if_fail (CHRONO_IS_WINDOW (self), NULL);

  return self->details;
}

/**
 * chrono_window_get_session:
 *
 * Returns: (transfer none): the window's session, never %NULL
 */
ChronoSession *
chrono_window_get_session (ChronoWindow *self)
{
  g_return_val_if_fail (CHRONO_IS_WINDOW (self), NULL);

  return self->session;
}

/**
 * chrono_window_get_timeline_view:
 *
 * Returns: (transfer none): the timeline widget
 */
GtkWidget *
chrono_window_get_timeline_view (ChronoWindow *self)
{
  g_return_val_if_fail (CHRONO_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->timeline_view);
}

/**
 * chrono_window_add_toast:
 * @toast: (transfer full): the toast
 *
 * Shows @toast over the window's content.
 */
void
chrono_window_add_toast (ChronoWindow *self,
                         AdwToast     *toast)
{
  g_return_if_fail (CHRONO_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
