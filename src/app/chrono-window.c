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
#include "chrono-recent-menu.h"
#include "chrono-event-row.h"
#include "chrono-import-dialog.h"
#include "chrono-window-private.h"

/* Loads that end sooner show no progress bar, so small files do not
 * flash one. */
#define PROGRESS_DELAY_MS 200
/* The glide to an event picked in the list. */
#define REVEAL_DURATION_MS 400

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


/* The file's life -------------------------------------------------------- */

/* The timeline once there is a document; until then the empty state,
 * or a spinner while the first file loads. */
static void
update_main_page (ChronoWindow *self)
{
  GFile *file = chrono_document_file_get_file (self->document_file);

  if (chrono_session_get_document (self->session) != NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "timeline");
  else if (chrono_document_file_get_loading (self->document_file))
    {
      g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;
      g_autofree char *title = NULL;

      /* Translators: the argument is a file name */
      title = g_strdup_printf (_("Opening “%s”…"), name ? name : "");
      adw_status_page_set_title (self->loading_page, title);
      gtk_stack_set_visible_child_name (self->main_stack, "loading");
    }
  else
    gtk_stack_set_visible_child_name (self->main_stack, "empty");
}

static gboolean
show_progress (gpointer user_data)
{
  ChronoWindow *self = user_data;

  self->progress_source = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);

  return G_SOURCE_REMOVE;
}

static void
on_loading_changed (ChronoWindow *self)
{
  /* NULL once dispose has dropped the template. */
  if (self->main_stack == NULL)
    return;

  update_main_page (self);
  if (chrono_document_file_get_loading (self->document_file))
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      /* Loads that end sooner show no progress bar, so small files do
       * not flash one. */
      if (self->progress_source == 0 &&
          !gtk_widget_get_visible (GTK_WIDGET (self->progress_bar)))
        self->progress_source = g_timeout_add (PROGRESS_DELAY_MS, show_progress, self);
    }
  else
    {
      g_clear_handle_id (&self->progress_source, g_source_remove);
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
on_progress_changed (ChronoWindow *self)
{
  if (self->progress_bar != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar,
                                   chrono_document_file_get_progress (self->document_file));
}

static void
on_details_changed (ChronoWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-details",
                                 chrono_document_file_get_details (self->document_file) != NULL);
}

/* A load failed: the error bar says why, and what would help. */
static void
on_load_failed (ChronoWindow *self,
                GFile        *file)
{
  ChronoLenientFix fix = chrono_document_file_get_lenient_fix (self->document_file);
  GFile *shown = chrono_document_file_get_file (self->document_file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *title = NULL;

  gtk_widget_set_visible (self->skip_rows_button, fix == CHRONO_LENIENT_FIX_SKIP_ROWS);
  /* A timeline that only has bad links opens without them. */
  gtk_widget_set_visible (self->drop_links_button, fix == CHRONO_LENIENT_FIX_DROP_LINKS);

  if (shown != NULL && g_file_equal (file, shown) &&
      chrono_session_get_document (self->session) != NULL)
    /* Translators: the argument is a file name */
    title = g_strdup_printf (_("Could not reload “%s”: showing the version opened before"), name);
  else
    /* Translators: the argument is a file name */
    title = g_strdup_printf (_("Could not open “%s”"), name);
  gtk_label_set_text (self->error_title, title);
  gtk_label_set_text (self->error_label, chrono_document_file_get_error (self->document_file));
  gtk_widget_set_visible (self->details_button,
                          chrono_document_file_get_details (self->document_file) != NULL);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  _chrono_window_update_actions (self);
}

/* A spreadsheet with columns of its own was opened: instead of an
 * error, ask how to read them.  Reloads fail with an error bar. */
static void
on_needs_mapping (ChronoWindow *self,
                  GFile        *file)
{
  gtk_window_present (GTK_WINDOW (chrono_import_dialog_new (self, file)));
}

static void
on_error_changed (ChronoWindow *self)
{
  if (chrono_document_file_get_error (self->document_file) == NULL && self->error_revealer != NULL)
    {
      gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
      _chrono_window_update_actions (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
on_error_dismiss (ChronoWindow *self)
{
  chrono_document_file_dismiss_error (self->document_file);
}

/* The file shown was deleted or moved away: say so, and keep showing the
 * timeline as it was loaded.  The file coming back reloads it and the
 * notice goes. */
static void
on_deleted_changed (ChronoWindow *self)
{
  GFile *file = chrono_document_file_get_file (self->document_file);

  /* NULL once dispose has dropped the template. */
  if (self->deleted_revealer == NULL)
    return;

  if (chrono_document_file_get_deleted (self->document_file) && file != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *title = NULL;

      /* Translators: the argument is a file name */
      title = g_strdup_printf (_("“%s” was deleted or moved"), name);
      gtk_label_set_text (self->deleted_title, title);
      gtk_revealer_set_reveal_child (self->deleted_revealer, TRUE);
    }
  else
    gtk_revealer_set_reveal_child (self->deleted_revealer, FALSE);
}

static void
on_file_changed (ChronoWindow *self)
{
  if (self->main_stack != NULL)
    _chrono_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

static void
update_title (ChronoWindow *self)
{
  ChronoDocument *document = chrono_session_get_document (self->session);
  GFile *file = chrono_document_file_get_file (self->document_file);
  const char *title = document ? chrono_document_get_title (document) : NULL;
  g_autofree char *name = NULL;
  g_autofree char *shown = NULL;

  if (file != NULL && document != NULL)
    name = g_file_get_basename (file);

  if (title == NULL || title[0] == '\0')
    title = name != NULL ? name : _("Chronoscope");

  /* Unsaved changes, as GNOME's editors mark them. */
  if (chrono_document_file_get_modified (self->document_file) && document != NULL)
    shown = g_strconcat ("• ", title, NULL);
  else
    shown = g_strdup (title);

  adw_window_title_set_title (self->window_title, shown);
  adw_window_title_set_subtitle (self->window_title,
                                 name != NULL && g_strcmp0 (name, title) != 0 ? name : "");
  gtk_window_set_title (GTK_WINDOW (self), shown);
}

/* The file changed on disk while there are unsaved changes: ask rather
 * than reload over them. */
static void
on_changed_on_disk (ChronoWindow *self)
{
  GFile *file = chrono_document_file_get_file (self->document_file);

  /* NULL once dispose has dropped the template. */
  if (self->changed_revealer == NULL)
    return;

  if (chrono_document_file_get_changed_on_disk (self->document_file) && file != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *title = NULL;

      /* Translators: the argument is a file name */
      title = g_strdup_printf (_("“%s” changed on disk"), name);
      gtk_label_set_text (self->changed_title, title);
      gtk_revealer_set_reveal_child (self->changed_revealer, TRUE);
    }
  else
    gtk_revealer_set_reveal_child (self->changed_revealer, FALSE);
}

/* A load succeeded: show the document, keeping the view on a reload. */
static void
on_loaded (ChronoWindow   *self,
           ChronoDocument *document,
           gboolean        reloaded)
{
  GPtrArray *diagnostics = chrono_document_file_get_diagnostics (self->document_file);
  GFile *file = chrono_document_file_get_file (self->document_file);
  g_autoptr(GString) skipped = g_string_new (NULL);
  guint n_warnings = 0;

  chrono_session_set_document (self->session, document, reloaded);

  /* Keyboard users land on the timeline: + - 0 and the arrows work; the
   * event list of another file starts from its top. */
  if (!reloaded)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->timeline_view));
      if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
        gtk_widget_activate_action (GTK_WIDGET (self->event_list_view),
                                    "list.scroll-to-item", "u", 0);
    }

  if (!reloaded && file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      chrono_recent_menu_add_file (self->recent_menu_model, file);
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
  else if (reloaded)
    {
      AdwToast *toast = adw_toast_new (_("Reloaded"));

      adw_toast_set_timeout (toast, 2);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
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
on_document_changed (ChronoWindow *self)
{
  update_main_page (self);
  update_title (self);
  _chrono_window_update_actions (self);
  update_count (self);
  sync_list_selection (self);
  _chrono_window_pictures_update (self);
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
  _chrono_window_update_search_count (self);
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

static void
close_now (ChronoWindow *self,
           gpointer      data)
{
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
chrono_window_close_request (GtkWindow *window)
{
  ChronoWindow *self = CHRONO_WINDOW (window);

  /* Unsaved changes are asked about first; the answer closes again. */
  if (!self->close_confirmed && chrono_document_file_get_modified (self->document_file))
    {
      _chrono_window_when_changes_settled (self, close_now, NULL, NULL);
      return TRUE;
    }

  save_state (self);

  return GTK_WINDOW_CLASS (chrono_window_parent_class)->close_request (window);
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

  /* A load in progress holds a reference on the file object. */
  if (self->document_file != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document_file, self);
      chrono_document_file_cancel (self->document_file);
    }
  g_clear_handle_id (&self->progress_source, g_source_remove);

  _chrono_window_actions_dispose (self);
  _chrono_window_pictures_dispose (self);

  g_clear_object (&self->recent_menu_model);

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
  g_clear_object (&self->document_file);

  G_OBJECT_CLASS (chrono_window_parent_class)->dispose (object);
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
      g_value_set_object (value, chrono_document_file_get_file (self->document_file));
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, chrono_document_file_get_loading (self->document_file));
      break;

    case PROP_ERROR:
      g_value_set_string (value, chrono_document_file_get_error (self->document_file));
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

  _chrono_window_class_actions_init (widget_class);

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
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, changed_revealer);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, changed_title);
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
  _chrono_window_class_search_init (widget_class);
  _chrono_window_class_pictures_init (widget_class);
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
  GtkEventController *list_keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  chrono_a11y_fix_names (GTK_WIDGET (self));

  self->session = chrono_session_new ();
  self->document_file = chrono_document_file_new ();
  g_signal_connect_swapped (self->document_file, "loaded", G_CALLBACK (on_loaded), self);
  g_signal_connect_swapped (self->document_file, "failed", G_CALLBACK (on_load_failed), self);
  g_signal_connect_swapped (self->document_file, "needs-mapping", G_CALLBACK (on_needs_mapping), self);
  g_signal_connect_swapped (self->document_file, "notify::loading",
                            G_CALLBACK (on_loading_changed), self);
  g_signal_connect_swapped (self->document_file, "notify::progress",
                            G_CALLBACK (on_progress_changed), self);
  g_signal_connect_swapped (self->document_file, "notify::error",
                            G_CALLBACK (on_error_changed), self);
  g_signal_connect_swapped (self->document_file, "notify::details",
                            G_CALLBACK (on_details_changed), self);
  g_signal_connect_swapped (self->document_file, "notify::deleted",
                            G_CALLBACK (on_deleted_changed), self);
  g_signal_connect_swapped (self->document_file, "notify::file",
                            G_CALLBACK (on_file_changed), self);
  g_signal_connect_swapped (self->document_file, "notify::modified",
                            G_CALLBACK (update_title), self);
  g_signal_connect_swapped (self->document_file, "notify::changed-on-disk",
                            G_CALLBACK (on_changed_on_disk), self);

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

  factory = chrono_event_row_factory_new ();
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
  g_signal_connect_swapped (chrono_session_get_filter (self->session), "changed",
                            G_CALLBACK (on_filter_changed), self);

  _chrono_window_search_init (self);
  _chrono_window_actions_init (self);

  g_object_bind_property (self->flap, "reveal-flap",
                          self->sidebar_button, "active",
                          G_BINDING_SYNC_CREATE);

  _chrono_window_dnd_init (self);
  _chrono_window_pictures_init (self);

  self->recent_menu_model = chrono_recent_menu_new (self->recent_menu,
                                                    gtk_recent_manager_get_default ());

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

static void
open_now (ChronoWindow *self,
          gpointer      data)
{
  chrono_document_file_open (self->document_file, G_FILE (data), CHRONO_LOAD_DEFAULT);
}

/**
 * chrono_window_open_file:
 * @file: a native, TimelineJS or CSV timeline
 *
 * Loads @file off the main thread.  On success it replaces the document
 * (the view fits it), is added to the recent files and watched; on
 * failure the error is shown and the document that was open stays.
 * With unsaved changes, asks first (Save / Discard / Cancel); Cancel
 * opens nothing.
 */
void
chrono_window_open_file (ChronoWindow *self,
                         GFile        *file)
{
  g_return_if_fail (CHRONO_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  _chrono_window_when_changes_settled (self, open_now, g_object_ref (file), g_object_unref);
}

/**
 * chrono_window_import_file:
 * @file: a CSV or TSV file
 * @mapping: which column holds what, and how dates are written (copied)
 *
 * Loads @file with @mapping, leniently: the rows the import dialog
 * counted as skipped are skipped, each with a warning.  The result is
 * the window's file as any other; when it changes on disk it is read
 * again with the same mapping, until another file is opened.  Unsaved
 * changes are not asked about: the import dialog is only reached after
 * they were (Import Spreadsheet…, or opening a file).
 */
void
chrono_window_import_file (ChronoWindow           *self,
                           GFile                  *file,
                           const ChronoCsvMapping *mapping)
{
  g_return_if_fail (CHRONO_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (mapping != NULL);

  chrono_document_file_open_mapped (self->document_file, file, mapping, CHRONO_LOAD_LENIENT);
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

  chrono_document_file_reload (self->document_file);
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

  return chrono_document_file_get_file (self->document_file);
}

/**
 * chrono_window_get_document_file:
 *
 * Returns: (transfer none): the life of the window's file: loading,
 *   watching, unsaved changes, saving
 */
ChronoDocumentFile *
chrono_window_get_document_file (ChronoWindow *self)
{
  g_return_val_if_fail (CHRONO_IS_WINDOW (self), NULL);

  return self->document_file;
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

  return chrono_document_file_get_loading (self->document_file);
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

  return chrono_document_file_get_error (self->document_file);
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

  return chrono_document_file_get_details (self->document_file);
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
