/* chrono-window-actions.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chrono-document-builder.h"
#include "chrono-export-dialog.h"
#include "chrono-import-dialog.h"
#include "chrono-presenter.h"
#include "chrono-print.h"
#include "chrono-window-private.h"

/* The window's actions, named by scope ("win.open") so that grepping an
 * action's name lands here, and the keys that are not accelerators. */

/* The Details button of the error bar and of the warnings toast: every
 * problem of the last load, selectable to copy. */
static void
show_details_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ChronoWindow *self = CHRONO_WINDOW (widget);
  const char *details = chrono_document_file_get_details (self->document_file);
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  GFile *file;
  GtkWidget *dialog;
  GtkWidget *scrolled;
  GtkWidget *label;

  if (details == NULL)
    return;

  file = chrono_document_file_get_failed_file (self->document_file);
  if (file == NULL)
    file = chrono_document_file_get_file (self->document_file);
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

  label = gtk_label_new (details);
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
  gtk_file_filter_add_mime_type (all, "text/tab-separated-values");
  gtk_file_filter_add_suffix (all, "json");
  gtk_file_filter_add_suffix (all, "csv");
  gtk_file_filter_add_suffix (all, "tsv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);

  gtk_file_filter_set_name (json, _("Timelines (JSON, TimelineJS)"));
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_filter_add_suffix (json, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), json);

  gtk_file_filter_set_name (csv, _("Spreadsheets (CSV, TSV)"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_mime_type (csv, "text/tab-separated-values");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_suffix (csv, "tsv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), csv);

  if (chrono_document_file_get_file (self->document_file) != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (chrono_document_file_get_file (self->document_file));

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

/* A timeline with one lane and nothing in it, ready to be filled. */
static ChronoDocument *
new_blank_document (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  ChronoLane lane = {
    .id = "lane-1",
    /* Translators: the one lane of a new timeline */
    .title = _("Lane 1"),
    .kind = CHRONO_LANE_OTHER,
  };
  ChronoPos nowhere = { 0, 0 };

  chrono_document_builder_set_title (builder, _("Untitled Timeline"));
  chrono_document_builder_add_lane (builder, &lane, NULL, nowhere);

  return chrono_document_builder_finish (g_steal_pointer (&builder), NULL);
}

static void
new_now (ChronoWindow *self,
         gpointer      data)
{
  g_autoptr(ChronoDocument) document = new_blank_document ();

  chrono_document_file_set_document (self->document_file, document, NULL);
}

/* File → New: a blank timeline in this window, after asking about
 * unsaved changes.  Not in the menus until the timeline can be edited. */
static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  _chrono_window_when_changes_settled (CHRONO_WINDOW (widget), new_now, NULL, NULL);
}

/* Save (Ctrl+S) and Save As (Ctrl+Shift+S), in Chronoscope's format. */
static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _chrono_window_save (CHRONO_WINDOW (widget), g_str_equal (action_name, "win.save-as"));
}

static void
retry_now (ChronoWindow *self,
           gpointer      lenient)
{
  chrono_document_file_retry (self->document_file, GPOINTER_TO_INT (lenient));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  /* After a failed open, try that file again rather than the shown one;
   * unsaved changes are asked about first. */
  _chrono_window_when_changes_settled (CHRONO_WINDOW (widget), retry_now,
                                       GINT_TO_POINTER (FALSE), NULL);
}

static void
choose_spreadsheet_now (ChronoWindow *self,
                        gpointer      data)
{
  chrono_import_dialog_choose_file (self);
}

/* "Import Spreadsheet…": unsaved changes are asked about before the
 * file is chosen, so that Import in the dialog loads at once. */
static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _chrono_window_when_changes_settled (CHRONO_WINDOW (widget), choose_spreadsheet_now, NULL, NULL);
}

/* "Skip Bad Rows" on the error bar of a spreadsheet with bad rows. */
static void
open_lenient_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ChronoWindow *self = CHRONO_WINDOW (widget);

  if (chrono_document_file_get_failed_file (self->document_file) != NULL)
    _chrono_window_when_changes_settled (self, retry_now, GINT_TO_POINTER (TRUE), NULL);
}

/* "Reload" on the bar of a file changed on disk while there are unsaved
 * changes: the bar already said they go. */
static void
discard_changes_and_reload_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  chrono_document_file_reload (CHRONO_WINDOW (widget)->document_file);
}

/* "Keep Mine" on that bar. */
static void
keep_changes_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  chrono_document_file_keep_changes (CHRONO_WINDOW (widget)->document_file);
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
search_step_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ChronoWindow *self = CHRONO_WINDOW (widget);

  _chrono_window_go_to_match (self, g_str_equal (action_name, "win.search-next") ? 1 : -1);
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
  chrono_presenter_set_pictures (presenter, self->image_cache, self->web_pictures_allowed);
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

/* Enables what needs a document or a file; the empty state hides the
 * timeline's buttons. */
void
_chrono_window_update_actions (ChronoWindow *self)
{
  gboolean has_document = chrono_session_get_document (self->session) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload",
                                 chrono_document_file_get_file (self->document_file) != NULL ||
                                 chrono_document_file_get_failed_file (self->document_file) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-fit", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search-next", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search-previous", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.present", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", has_document);
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

/* Installed per class; the accelerators are the application's. */
void
_chrono_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-example", "s", open_example_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.open-lenient", NULL, open_lenient_action);
  gtk_widget_class_install_action (widget_class, "win.discard-changes-and-reload", NULL,
                                   discard_changes_and_reload_action);
  gtk_widget_class_install_action (widget_class, "win.keep-changes", NULL, keep_changes_action);
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
}

/* The keys that must come before the focused widget's own. */
void
_chrono_window_actions_init (ChronoWindow *self)
{
  GtkEventController *key;
  GtkEventController *shortcuts;

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
}

void
_chrono_window_actions_dispose (ChronoWindow *self)
{
  if (self->open_dialog != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->open_dialog, on_open_response, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->open_dialog));
      g_clear_object (&self->open_dialog);
    }
}
