#define G_LOG_DOMAIN "test-export-dialog"

#include "config.h"

#include <glib/gstdio.h>

#include "chrono-export-dialog.h"
#include "chrono-print.h"
#include "chrono-loader.h"

#include <cairo-pdf.h>
#include <string.h>
#include "chrono-window.h"

#define WAIT_LIMIT_SECONDS 30

static gboolean
on_wait_limit (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
is_idle (gpointer data)
{
  return !chrono_window_get_loading (data);
}

static void
wait_idle (ChronoWindow *window)
{
  gboolean expired = FALSE;
  guint source = g_timeout_add_seconds (WAIT_LIMIT_SECONDS, on_wait_limit, &expired);

  while (!is_idle (window) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (expired)
    g_error ("Gave up waiting after %d seconds", WAIT_LIMIT_SECONDS);
  g_source_remove (source);

  for (guint i = 0; i < 50 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

/* Spins the main loop until *@pointer is cleared; fails after
 * WAIT_LIMIT_SECONDS. */
static void
wait_for_null (gpointer *pointer)
{
  gboolean expired = FALSE;
  guint source = g_timeout_add_seconds (WAIT_LIMIT_SECONDS, on_wait_limit, &expired);

  while (*pointer != NULL && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (expired)
    g_error ("Gave up waiting after %d seconds", WAIT_LIMIT_SECONDS);
  g_source_remove (source);
}

/* A window showing @file, loaded. */
static ChronoWindow *
open_window (GSettings *settings,
             GFile     *file)
{
  ChronoWindow *window = g_object_new (CHRONO_TYPE_WINDOW, "settings", settings, NULL);

  gtk_window_present (GTK_WINDOW (window));
  chrono_window_open_file (window, file);
  wait_idle (window);

  return window;
}

static gpointer
child (ChronoExportDialog *dialog,
       const char         *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (dialog), CHRONO_TYPE_EXPORT_DIALOG, name);

  g_assert_nonnull (object);
  return object;
}

static void
test_export_dialog (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "export", "story.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("chrono-export-dialog-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out.pdf", NULL);
  g_autoptr(GFile) out_file = g_file_new_for_path (out);
  ChronoWindow *window;
  ChronoExportDialog *dialog;
  ChronoExportOptions options;
  double start, end;

  window = open_window (settings, file);

  chrono_session_set_visible (chrono_window_get_session (window), 1.2e9, 1.5e9);
  chrono_session_get_visible (chrono_window_get_session (window), &start, &end);

  /* The defaults: Full HD, light, the visible span, the window's filter. */
  dialog = chrono_export_dialog_new (window);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (chrono_export_dialog_get_options (dialog, &options));
  g_assert_cmpint (options.format, ==, CHRONO_EXPORT_FORMAT_PNG);
  g_assert_cmpint (options.width, ==, 1920);
  g_assert_cmpint (options.height, ==, 1080);
  g_assert_false (options.dark);
  g_assert_true (options.has_range);
  g_assert_cmpfloat (options.start, ==, start);
  g_assert_cmpfloat (options.end, ==, end);
  g_assert_true (options.filter == chrono_session_get_filter (chrono_window_get_session (window)));

  /* Custom dates must parse and be in order. */
  adw_combo_row_set_selected (child (dialog, "range_row"), 2);
  gtk_editable_set_text (child (dialog, "from_row"), "2015");
  gtk_editable_set_text (child (dialog, "to_row"), "2012");
  g_assert_false (chrono_export_dialog_get_options (dialog, &options));
  gtk_editable_set_text (child (dialog, "to_row"), "not a date");
  g_assert_false (chrono_export_dialog_get_options (dialog, &options));
  g_assert_true (gtk_widget_has_css_class (child (dialog, "to_row"), "error"));
  gtk_editable_set_text (child (dialog, "to_row"), "2016");
  g_assert_true (chrono_export_dialog_get_options (dialog, &options));
  g_assert_true (options.has_range);
  g_assert_cmpfloat (options.start, ==, 1420070400.0); /* 2015-01-01 */
  g_assert_cmpfloat (options.end, ==, 1483228800.0);   /* 2017-01-01 */

  /* A4 landscape PDF, dark, no legend. */
  adw_combo_row_set_selected (child (dialog, "format_row"), CHRONO_EXPORT_FORMAT_PDF);
  adw_combo_row_set_selected (child (dialog, "size_row"), 2);
  adw_combo_row_set_selected (child (dialog, "theme_row"), 1);
  gtk_switch_set_active (child (dialog, "legend_switch"), FALSE);
  g_assert_true (chrono_export_dialog_get_options (dialog, &options));
  g_assert_cmpint (options.width, ==, 842);
  g_assert_cmpint (options.height, ==, 595);
  g_assert_true (options.dark);
  g_assert_false (options.show_legend);

  /* The file chooser starts in Pictures or Documents, not in the
   * current folder... */
  g_settings_set_string (settings, "export-folder", "");
  {
    /* The test's own XDG_CONFIG_HOME (in the build directory) names them. */
    g_autofree char *pictures_dir = g_build_filename (dir, "Pictures", NULL);
    g_autofree char *documents_dir = g_build_filename (dir, "Documents", NULL);
    g_autofree char *dirs_file = g_build_filename (g_get_user_config_dir (), "user-dirs.dirs", NULL);
    g_autofree char *dirs = g_strdup_printf ("XDG_PICTURES_DIR=\"%s\"\nXDG_DOCUMENTS_DIR=\"%s\"\n",
                                             pictures_dir, documents_dir);
    g_autoptr(GFile) pictures = NULL;
    g_autoptr(GFile) documents = NULL;

    g_assert_cmpint (g_mkdir_with_parents (pictures_dir, 0700), ==, 0);
    g_assert_cmpint (g_mkdir_with_parents (documents_dir, 0700), ==, 0);
    g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
    g_assert_true (g_file_set_contents (dirs_file, dirs, -1, NULL));
    g_reload_user_special_dirs_cache ();

    pictures = chrono_export_default_folder (settings, CHRONO_EXPORT_FORMAT_PNG);
    documents = chrono_export_default_folder (settings, CHRONO_EXPORT_FORMAT_PDF);
    g_assert_cmpstr (g_file_peek_path (pictures), ==, pictures_dir);
    g_assert_cmpstr (g_file_peek_path (documents), ==, documents_dir);

    g_unlink (dirs_file);
    g_rmdir (pictures_dir);
    g_rmdir (documents_dir);
    g_reload_user_special_dirs_cache ();
  }

  /* The export runs in a thread; the dialog closes when it succeeded. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (chrono_export_dialog_export_to (dialog, out_file, &error));
  g_assert_no_error (error);
  g_assert_true (chrono_export_dialog_get_busy (dialog));
  g_assert_false (chrono_export_dialog_export_to (dialog, out_file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);
  wait_for_null ((gpointer *) &dialog);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));

  /* ...and then where the last export went. */
  {
    g_autoptr(GFile) last = chrono_export_default_folder (settings, CHRONO_EXPORT_FORMAT_SVG);

    g_assert_cmpstr (g_file_peek_path (last), ==, dir);
  }

  /* The choices are remembered for next time. */
  g_assert_cmpint (g_settings_get_enum (settings, "export-format"), ==, CHRONO_EXPORT_FORMAT_PDF);
  g_assert_cmpint (g_settings_get_int (settings, "export-width"), ==, 842);
  g_assert_cmpint (g_settings_get_enum (settings, "export-theme"), ==, 1);
  g_assert_false (g_settings_get_boolean (settings, "export-legend"));
  g_assert_cmpint (g_settings_get_enum (settings, "export-range"), ==, 2);

  dialog = chrono_export_dialog_new (window);
  g_assert_true (chrono_export_dialog_get_options (dialog, &options));
  g_assert_cmpint (options.format, ==, CHRONO_EXPORT_FORMAT_PDF);
  g_assert_cmpint (options.width, ==, 842);
  g_assert_true (options.dark);
  g_assert_false (options.show_legend);
  g_assert_cmpfloat (options.start, ==, 1420070400.0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_unlink (out);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}


/* Runs export.save in @dialog and accepts @name in @folder, which the
 * chooser names @expected. */
static void
accept_in (ChronoExportDialog *dialog,
           GFile              *folder,
           const char         *name,
           const char         *expected)
{
  gboolean expired = FALSE;
  GtkNativeDialog *chooser;
  g_autoptr(GFile) chosen = NULL;
  guint source;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.save", NULL));
  chooser = chrono_export_dialog_get_chooser (dialog);
  g_assert_nonnull (chooser);

  /* The chooser loads the folder before it names a file in it, and a
   * slow load (a loaded machine, a sanitizer build) can reset the name
   * typed before it finished: both are set again every half second until
   * the chooser names the expected file. */
  source = g_timeout_add_seconds (WAIT_LIMIT_SECONDS, on_wait_limit, &expired);
  while (!expired)
    {
      gboolean retry = FALSE;
      guint retry_source;

      g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

      retry_source = g_timeout_add (500, on_wait_limit, &retry);
      while (!expired && !retry)
        {
          g_clear_object (&chosen);
          chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
          if (chosen != NULL && g_strcmp0 (g_file_peek_path (chosen), expected) == 0)
            break;
          g_main_context_iteration (NULL, TRUE);
        }
      if (!retry)
        g_source_remove (retry_source);
      if (chosen != NULL && g_strcmp0 (g_file_peek_path (chosen), expected) == 0)
        break;
    }
  g_assert_false (expired);
  g_source_remove (source);

  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_ACCEPT);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (item))
        return ADW_MESSAGE_DIALOG (item);
    }

  return NULL;
}

static void
test_export_dialog_accept (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "export", "story.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *dir = g_dir_make_tmp ("chrono-export-accept-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "accepted.png", NULL);
  g_autofree char *typed = g_build_filename (dir, "taken", NULL);
  g_autofree char *taken = g_build_filename (dir, "taken.png", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autofree char *contents = NULL;
  ChronoExportDialog *dialog;
  AdwMessageDialog *question;
  ChronoWindow *window;

  window = open_window (settings, file);

  dialog = chrono_export_dialog_new (window);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  adw_combo_row_set_selected (child (dialog, "format_row"), CHRONO_EXPORT_FORMAT_PNG);
  adw_combo_row_set_selected (child (dialog, "size_row"), 0);

  /* Accepting writes the file and closes the export window, which must
   * not touch itself once destroyed (ASan builds catch that). */
  accept_in (dialog, folder, "accepted.png", out);
  wait_for_null ((gpointer *) &dialog);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  g_assert_null (dialog);

  /* A name typed without its extension: the chooser did not ask about
   * name.png, so the export window does before replacing it. */
  g_assert_true (g_file_set_contents (taken, "old", -1, NULL));
  dialog = chrono_export_dialog_new (window);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  accept_in (dialog, folder, "taken", typed);
  question = find_message_dialog ();
  g_assert_nonnull (question);
  g_assert_nonnull (dialog);
  g_assert_true (g_file_get_contents (taken, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_clear_pointer (&contents, g_free);

  adw_message_dialog_response (question, "cancel");
  g_assert_nonnull (dialog);
  g_assert_true (g_file_get_contents (taken, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_clear_pointer (&contents, g_free);

  accept_in (dialog, folder, "taken", typed);
  question = find_message_dialog ();
  g_assert_nonnull (question);
  adw_message_dialog_response (question, "replace");
  wait_for_null ((gpointer *) &dialog);
  g_assert_null (dialog);
  g_assert_true (g_file_get_contents (taken, &contents, NULL, NULL));
  g_assert_cmpstr (contents, !=, "old");

  g_unlink (out);
  g_unlink (taken);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The dialog's Cancel (window.close, as closing the window) stops an
 * export that is running: no file is left, not even a temporary one. */
static void
test_export_dialog_cancel (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", "ai-talent.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *dir = g_dir_make_tmp ("chrono-export-cancel-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "cancelled.pdf", NULL);
  g_autoptr(GFile) out_file = g_file_new_for_path (out);
  g_autoptr(GError) error = NULL;
  ChronoExportDialog *dialog;
  ChronoWindow *window;
  GDir *d;

  window = open_window (settings, file);

  dialog = chrono_export_dialog_new (window);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  adw_combo_row_set_selected (child (dialog, "format_row"), CHRONO_EXPORT_FORMAT_PDF);
  adw_combo_row_set_selected (child (dialog, "size_row"), 1);

  g_assert_true (chrono_export_dialog_export_to (dialog, out_file, &error));
  g_assert_no_error (error);
  g_assert_true (chrono_export_dialog_get_busy (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));

  /* The running export holds the dialog until it has stopped. */
  wait_for_null ((gpointer *) &dialog);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  d = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (d));
  g_dir_close (d);

  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The toast after an export offers to open the file. */
static void
test_export_result_toast (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/timeline.png");
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "broken");
  g_autoptr(AdwToast) done = NULL;
  g_autoptr(AdwToast) failed = NULL;

  done = g_object_ref_sink (chrono_export_result_toast_new (NULL, file, NULL));
  g_assert_cmpstr (adw_toast_get_title (done), ==, "Exported “timeline.png”");
  g_assert_cmpstr (adw_toast_get_button_label (done), ==, "_Open");
  g_assert_true (g_signal_has_handler_pending (done, g_signal_lookup ("button-clicked", ADW_TYPE_TOAST), 0, FALSE));

  failed = g_object_ref_sink (chrono_export_result_toast_new (NULL, file, error));
  g_assert_nonnull (strstr (adw_toast_get_title (failed), "broken"));
  g_assert_null (adw_toast_get_button_label (failed));
  g_assert_cmpuint (adw_toast_get_timeout (failed), ==, 0);
}

/* The text pdftotext finds on page @page of @path. */
static char *
page_text (const char *path,
           guint       page)
{
  g_autofree char *first = g_strdup_printf ("%u", page);
  const char *argv[] = { "pdftotext", "-f", first, "-l", first, path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return out;
}

/* The print dialog's page count stops at the documented limit. */
static void
test_print_page_limit (void)
{
  GtkSpinButton *spin = NULL;
  GtkWidget *widget = g_object_ref_sink (chrono_print_pages_widget_new (3, &spin));
  double min, max;

  g_assert_nonnull (spin);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 3);
  gtk_spin_button_get_range (spin, &min, &max);
  g_assert_cmpfloat (min, ==, 1);
  g_assert_cmpfloat (max, ==, CHRONO_PRINT_MAX_PAGES);
  g_assert_cmpint (CHRONO_PRINT_MAX_PAGES, ==, 50);

  /* Asking for more gives the limit, not more pages. */
  gtk_spin_button_set_value (spin, 500);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 50);
  gtk_spin_button_set_value (spin, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 1);

  g_object_unref (widget);
}

static void
test_print_tiles (void)
{
  g_autofree char *input = g_test_build_filename (G_TEST_DIST, "data", "export", "story.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (input);
  g_autoptr(ChronoDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("chrono-print-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "print.pdf", NULL);
  ChronoExportOptions options;
  cairo_surface_t *surface;
  cairo_t *cr;

  document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, NULL, NULL, &error);
  g_assert_no_error (error);

  /* 2010 to 2016 on three A4 landscape pages: two years a page. */
  chrono_export_options_init (&options);
  options.has_range = TRUE;
  options.start = 1262304000.0;  /* 2010-01-01 */
  options.end = 1451606400.0;    /* 2016-01-01 */
  options.scale = 0.75;

  surface = cairo_pdf_surface_create (path, 842, 595);
  cr = cairo_create (surface);
  for (guint page = 0; page < 3; page++)
    {
      chrono_print_draw_page (cr, document, &options, page, 3, 842, 595);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  /* The title once; the dates of its own slice on every page. */
  {
    g_autofree char *one = page_text (path, 1);
    g_autofree char *two = page_text (path, 2);
    g_autofree char *three = page_text (path, 3);

    g_assert_nonnull (strstr (one, "A story in three steps"));
    g_assert_null (strstr (two, "A story in three steps"));
    g_assert_nonnull (strstr (one, "2010"));
    g_assert_nonnull (strstr (two, "2012"));
    g_assert_null (strstr (two, "2010"));
    g_assert_nonnull (strstr (three, "2015"));
    g_assert_null (strstr (three, "2012"));
    /* Lane titles are on every page too. */
    g_assert_nonnull (strstr (three, "Lane A"));
  }

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/app/export-dialog/options", test_export_dialog);
  g_test_add_func ("/app/export-dialog/accept", test_export_dialog_accept);
  g_test_add_func ("/app/export-dialog/cancel", test_export_dialog_cancel);
  g_test_add_func ("/app/export-dialog/result-toast", test_export_result_toast);
  g_test_add_func ("/app/print/tiles", test_print_tiles);
  g_test_add_func ("/app/print/page-limit", test_print_page_limit);

  return g_test_run ();
}
