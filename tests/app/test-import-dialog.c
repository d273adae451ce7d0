/* test-import-dialog.c: importing a spreadsheet with columns of its own
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-import-dialog"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "app-test-util.h"
#include "chrono-import-dialog.h"
#include "chrono-window.h"

/* The columns of tests/data/csv/appointments.csv. */
enum { PRESIDENT, POSITION, APPOINTEE, START_DATE, END_DATE };

static GFile *
csv_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);

  return g_file_new_for_path (path);
}

static GFile *
app_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "app", "data", name, NULL);

  return g_file_new_for_path (path);
}

static gboolean
dialog_idle (gpointer data)
{
  return !chrono_import_dialog_get_busy (data);
}

static gpointer
child (ChronoImportDialog *dialog,
       const char         *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (dialog), CHRONO_TYPE_IMPORT_DIALOG, name);

  g_assert_nonnull (object);
  return object;
}

/* The import dialog shown over @window, or NULL. */
static ChronoImportDialog *
find_dialog (ChronoWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (CHRONO_IS_IMPORT_DIALOG (toplevel) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
        return CHRONO_IMPORT_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
has_dialog (gpointer data)
{
  return find_dialog (data) != NULL;
}

static ChronoWindow *
new_window (void)
{
  ChronoWindow *window = chrono_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* Opens @file in @window as a user would, and returns the import dialog
 * that comes up instead of an error, once it has read the file. */
static ChronoImportDialog *
open_and_get_dialog (ChronoWindow *window,
                     GFile        *file)
{
  ChronoImportDialog *dialog;

  chrono_window_open_file (window, file);
  app_test_wait_for (app_test_window_idle, window);
  app_test_wait_for (has_dialog, window);
  dialog = find_dialog (window);
  app_test_wait_for (dialog_idle, dialog);
  app_test_settle ();
  return dialog;
}

/* The combo rows of the columns, in the file's order. */
static GPtrArray *
column_rows (ChronoImportDialog *dialog)
{
  GPtrArray *rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, child (dialog, "columns_group"));
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, 0);
      guint at = 0;

      if (ADW_IS_COMBO_ROW (widget))
        {
          g_ptr_array_add (rows, widget);
          continue;
        }
      for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_insert (stack, at++, c);
    }
  return rows;
}

static const char *
selected_text (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  g_assert_nonnull (item);
  return gtk_string_object_get_string (item);
}

/* Selects @label in @row's drop-down. */
static void
select_text (AdwComboRow *row,
             const char  *label)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), label) == 0)
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  g_error ("no “%s” in the drop-down", label);
}

/* Whether the preview shows a cell reading @text. */
static gboolean
preview_shows (ChronoImportDialog *dialog,
               const char         *text)
{
  for (GtkWidget *c = gtk_widget_get_first_child (child (dialog, "preview_grid")); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LABEL (c) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (c)), text) == 0)
      return TRUE;
  return FALSE;
}

static const char *
count_text (ChronoImportDialog *dialog)
{
  return gtk_label_get_text (child (dialog, "count_label"));
}

static gboolean
can_import (ChronoImportDialog *dialog)
{
  return gtk_widget_get_sensitive (child (dialog, "import_button"));
}

/* Opening the appointments sheet shows the dialog instead of an error,
 * with its five columns mapped as guessed and its dates read M/D/YY. */
static void
test_import_dialog_guess (void)
{
  ChronoWindow *window = new_window ();
  g_autoptr(GFile) file = csv_fixture ("appointments.csv");
  ChronoImportDialog *dialog = open_and_get_dialog (window, file);
  const ChronoCsvMapping *mapping = chrono_import_dialog_get_mapping (dialog);
  g_autoptr(GPtrArray) rows = column_rows (dialog);
  const char *subtitle;

  /* No error bar, no document: the dialog asks. */
  g_assert_null (chrono_window_get_error (window));
  g_assert_null (chrono_session_get_document (chrono_window_get_session (window)));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_cmpstr (adw_window_title_get_subtitle (child (dialog, "window_title")), ==, "appointments.csv");

  g_assert_nonnull (mapping);
  g_assert_cmpuint (mapping->n_columns, ==, 5);
  g_assert_cmpint (mapping->fields[PRESIDENT], ==, CHRONO_CSV_LANE);
  g_assert_cmpint (mapping->fields[POSITION], ==, CHRONO_CSV_CATEGORY);
  g_assert_cmpint (mapping->fields[APPOINTEE], ==, CHRONO_CSV_TITLE);
  g_assert_cmpint (mapping->fields[START_DATE], ==, CHRONO_CSV_START);
  g_assert_cmpint (mapping->fields[END_DATE], ==, CHRONO_CSV_END);
  g_assert_cmpint (mapping->date_format, ==, CHRONO_CSV_DATE_MDY_SHORT);

  /* The drop-downs say the same, each titled by its header and showing
   * its first cells. */
  g_assert_cmpuint (rows->len, ==, 5);
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[PRESIDENT]), ==, "president");
  g_assert_cmpstr (selected_text (rows->pdata[PRESIDENT]), ==, "Lane");
  g_assert_cmpstr (selected_text (rows->pdata[POSITION]), ==, "Category");
  g_assert_cmpstr (selected_text (rows->pdata[APPOINTEE]), ==, "Title");
  g_assert_cmpstr (selected_text (rows->pdata[START_DATE]), ==, "Start date");
  g_assert_cmpstr (selected_text (rows->pdata[END_DATE]), ==, "End date");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (rows->pdata[PRESIDENT]),
                                   "Jimmy Carter, Ronald Reagan"));
  g_assert_cmpstr (selected_text (child (dialog, "date_format_row")), ==,
                   "Month/day/two-digit year (1/21/77)");

  /* 1/21/77 is 21 January 1977, and the dialog says how 77 was read. */
  g_assert_true (preview_shows (dialog, "1977-01-21"));
  g_assert_true (preview_shows (dialog, "Harold Brown"));
  g_assert_true (preview_shows (dialog, "Secretary of Defense"));
  subtitle = adw_action_row_get_subtitle (child (dialog, "date_format_row"));
  g_assert_nonnull (strstr (subtitle, "77 → 1977"));
  g_assert_nonnull (strstr (subtitle, "1946 to 2045"));
  /* 1/23/77 cannot be day first: nothing to warn about. */
  g_assert_false (gtk_widget_get_visible (child (dialog, "ambiguous_row")));

  g_assert_cmpstr (count_text (dialog), ==, "All 31 rows will be imported");
  g_assert_true (can_import (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Each change of a drop-down updates the preview and the count. */
static void
test_import_dialog_change (void)
{
  ChronoWindow *window = new_window ();
  g_autoptr(GFile) file = csv_fixture ("appointments.csv");
  ChronoImportDialog *dialog = open_and_get_dialog (window, file);
  const ChronoCsvMapping *mapping = chrono_import_dialog_get_mapping (dialog);
  g_autoptr(GPtrArray) rows = column_rows (dialog);
  const char *reasons;

  /* Day first: 1/23/77 has no 23rd month, and rows are skipped. */
  select_text (child (dialog, "date_format_row"), "Day/month/two-digit year (21/1/77)");
  g_assert_true (chrono_import_dialog_get_busy (dialog));
  app_test_wait_for (dialog_idle, dialog);
  g_assert_cmpint (mapping->date_format, ==, CHRONO_CSV_DATE_DMY_SHORT);
  g_assert_true (g_str_has_suffix (count_text (dialog), " of 31 rows will be skipped"));
  reasons = gtk_label_get_text (child (dialog, "reasons_label"));
  g_assert_nonnull (strstr (reasons, "row 2, column “start_date”: “1/23/77” does not exist (read as D/M/YY)"));
  g_assert_true (preview_shows (dialog, "Skipped"));
  g_assert_false (preview_shows (dialog, "1977-01-21"));
  /* 8/6/79 reads either way: 8 June 1979 now. */
  g_assert_true (preview_shows (dialog, "1979-06-08"));

  select_text (child (dialog, "date_format_row"), "Month/day/two-digit year (1/21/77)");
  app_test_wait_for (dialog_idle, dialog);
  g_assert_cmpstr (count_text (dialog), ==, "All 31 rows will be imported");
  g_assert_false (preview_shows (dialog, "Skipped"));

  /* Without an end column, the preview has no end dates. */
  g_assert_true (preview_shows (dialog, "End date"));
  g_assert_true (preview_shows (dialog, "1980-04-28"));
  select_text (rows->pdata[END_DATE], "Ignore");
  app_test_wait_for (dialog_idle, dialog);
  g_assert_cmpint (mapping->fields[END_DATE], ==, CHRONO_CSV_IGNORE);
  g_assert_false (preview_shows (dialog, "End date"));
  g_assert_false (preview_shows (dialog, "1980-04-28"));

  /* A field comes from one column: the president as the title leaves
   * the appointee ignored. */
  select_text (rows->pdata[PRESIDENT], "Title");
  app_test_wait_for (dialog_idle, dialog);
  g_assert_cmpint (mapping->fields[PRESIDENT], ==, CHRONO_CSV_TITLE);
  g_assert_cmpint (mapping->fields[APPOINTEE], ==, CHRONO_CSV_IGNORE);
  g_assert_cmpstr (selected_text (rows->pdata[APPOINTEE]), ==, "Ignore");
  g_assert_false (preview_shows (dialog, "Lane"));
  g_assert_false (preview_shows (dialog, "Harold Brown"));

  /* Without a start date nothing can be imported, and the dialog says
   * what is missing. */
  select_text (rows->pdata[START_DATE], "Ignore");
  app_test_wait_for (dialog_idle, dialog);
  g_assert_cmpstr (count_text (dialog), ==, "Choose the columns that hold each event’s title and start date");
  g_assert_false (can_import (dialog));
  g_assert_false (preview_shows (dialog, "Title"));

  select_text (rows->pdata[START_DATE], "Start date");
  app_test_wait_for (dialog_idle, dialog);
  g_assert_true (can_import (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog (data) == NULL;
}

/* Import opens the result in the window, named after the file. */
static void
test_import_dialog_import (void)
{
  ChronoWindow *window = new_window ();
  g_autoptr(GFile) file = csv_fixture ("appointments.csv");
  ChronoImportDialog *dialog = open_and_get_dialog (window, file);
  ChronoDocument *document;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  app_test_wait_for (dialog_gone, window);
  app_test_wait_for (app_test_window_idle, window);

  document = chrono_session_get_document (chrono_window_get_session (window));
  g_assert_nonnull (document);
  g_assert_null (chrono_window_get_error (window));
  g_assert_true (g_file_equal (chrono_window_get_file (window), file));
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, 31);
  g_assert_cmpuint (chrono_document_get_n_lanes (document), ==, 3);
  g_assert_cmpstr (chrono_document_get_lane (document, 0)->title, ==, "Jimmy Carter");
  g_assert_cmpstr (chrono_document_get_lane (document, 1)->title, ==, "Ronald Reagan");
  g_assert_cmpuint (chrono_document_get_n_categories (document), ==, 6);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "appointments.csv");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Cancel keeps the timeline that was open, without an error. */
static void
test_import_dialog_cancel (void)
{
  ChronoWindow *window = new_window ();
  g_autoptr(GFile) small = app_fixture ("small.json");
  g_autoptr(GFile) file = csv_fixture ("appointments.csv");
  ChronoSession *session = chrono_window_get_session (window);
  ChronoImportDialog *dialog;
  ChronoDocument *before;

  chrono_window_open_file (window, small);
  app_test_wait_for (app_test_window_idle, window);
  before = chrono_session_get_document (session);
  g_assert_nonnull (before);

  dialog = open_and_get_dialog (window, file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  app_test_wait_for (dialog_gone, window);
  app_test_settle ();

  g_assert_true (chrono_session_get_document (session) == before);
  g_assert_true (g_file_equal (chrono_window_get_file (window), small));
  g_assert_null (chrono_window_get_error (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "A Small Test Timeline");

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  ChronoWindow *window;
  guint         n_events;
} EventsWait;

static gboolean
has_n_events (gpointer data)
{
  EventsWait *wait = data;
  ChronoDocument *document = chrono_session_get_document (chrono_window_get_session (wait->window));

  return document != NULL && chrono_document_get_n_events (document) == wait->n_events &&
         !chrono_window_get_loading (wait->window);
}

/* An imported spreadsheet that changes on disk is read again with the
 * same mapping, not as a file with Chronoscope's columns. */
static void
test_import_dialog_reload (void)
{
  ChronoWindow *window = new_window ();
  g_autoptr(GFile) fixture = csv_fixture ("appointments.csv");
  g_autofree char *dir = g_dir_make_tmp ("chronoscope-import-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cabinet.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autoptr(GString) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  ChronoImportDialog *dialog;
  EventsWait wait = { window, 31 };

  g_assert_true (g_file_load_contents (fixture, NULL, &contents, NULL, NULL, &error));
  g_assert_true (g_file_set_contents (path, contents, -1, &error));

  dialog = open_and_get_dialog (window, file);
  /* Not the guess: the positions are the titles. */
  rows = column_rows (dialog);
  select_text (rows->pdata[POSITION], "Title");
  app_test_wait_for (dialog_idle, dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL);
  app_test_wait_for (has_n_events, &wait);
  g_assert_cmpstr (chrono_document_get_event (chrono_session_get_document (chrono_window_get_session (window)), 0)->title,
                   ==, "Secretary of Defense");

  changed = g_string_new (contents);
  g_string_append (changed, "Jimmy Carter,Secretary of Agriculture,Bob Bergland,1/23/77,1/20/81\n");
  g_assert_true (g_file_set_contents (path, changed->str, -1, &error));
  wait.n_events = 32;
  app_test_wait_for (has_n_events, &wait);

  g_assert_null (chrono_window_get_error (window));
  g_assert_null (find_dialog (window));
  g_assert_cmpint (chrono_document_find_event (chrono_session_get_document (chrono_window_get_session (window)),
                                               "secretary-of-agriculture"), >=, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

/* Month first and day first read 1/2/77 alike: the dialog says so. */
static void
test_import_dialog_ambiguous (void)
{
  ChronoWindow *window = new_window ();
  g_autofree char *dir = g_dir_make_tmp ("chronoscope-import-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "people.tsv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChronoImportDialog *dialog;

  g_assert_true (g_file_set_contents (path, "who\twhen\nAda\t1/2/77\nBob\t3/4/05\n", -1, NULL));
  dialog = open_and_get_dialog (window, file);

  g_assert_cmpint (chrono_import_dialog_get_mapping (dialog)->date_format, ==, CHRONO_CSV_DATE_MDY_SHORT);
  g_assert_true (gtk_widget_get_visible (child (dialog, "ambiguous_row")));
  g_assert_true (preview_shows (dialog, "1977-01-02"));
  g_assert_true (preview_shows (dialog, "2005-03-04"));

  /* Years alone are never ambiguous. */
  select_text (child (dialog, "date_format_row"), "Year only (1977)");
  app_test_wait_for (dialog_idle, dialog);
  g_assert_false (gtk_widget_get_visible (child (dialog, "ambiguous_row")));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

/* A file that is not a spreadsheet says why, and cannot be imported. */
static void
test_import_dialog_not_a_spreadsheet (void)
{
  ChronoWindow *window = new_window ();
  g_autoptr(GFile) file = csv_fixture ("unterminated.csv");
  ChronoImportDialog *dialog = chrono_import_dialog_new (window, file);

  gtk_window_present (GTK_WINDOW (dialog));
  app_test_wait_for (dialog_idle, dialog);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (dialog, "stack")), ==, "error");
  g_assert_cmpstr (adw_status_page_get_title (child (dialog, "error_page")), ==,
                   "Could not read “unterminated.csv”");
  g_assert_false (can_import (dialog));
  g_assert_null (chrono_import_dialog_get_mapping (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkFileChooser *
find_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return GTK_FILE_CHOOSER (toplevel);
    }
  return NULL;
}

static gboolean
chooser_has (GtkFileChooser *chooser,
             GFile          *file)
{
  g_autoptr(GFile) chosen = gtk_file_chooser_get_file (chooser);

  return chosen != NULL && g_file_equal (chosen, file);
}

static gboolean
on_retry (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Selects the "test-file" of the chooser @data until it is selected:
 * the chooser selects a file once it has loaded its folder, and a slow
 * load can drop a selection made before.  Selecting again restarts the
 * load, so only every half second. */
static gboolean
select_file (gpointer data)
{
  GFile *file = g_object_get_data (data, "test-file");
  gboolean *retry = g_object_get_data (data, "test-retry");

  if (chooser_has (data, file))
    return TRUE;
  if (*retry)
    {
      *retry = FALSE;
      g_assert_true (gtk_file_chooser_set_file (data, file, NULL));
      g_timeout_add (500, on_retry, retry);
    }
  return chooser_has (data, file);
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
no_chooser (gpointer data)
{
  return find_chooser () == NULL;
}

static gboolean
has_chooser (gpointer data)
{
  return find_chooser () != NULL;
}

static GtkMenuButton *
find_main_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) &&
      g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), "open-menu-symbolic") == 0)
    return GTK_MENU_BUTTON (widget);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkMenuButton *found = find_main_menu_button (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* "Import Spreadsheet…" in the main menu asks for a file, then shows
 * the dialog for it, even for a file in Chronoscope's own columns. */
static void
test_import_dialog_menu (void)
{
  ChronoWindow *window = new_window ();
  g_autoptr(GFile) file = csv_fixture ("native.csv");
  GtkFileChooser *chooser;
  ChronoImportDialog *dialog;
  GMenuModel *menu;
  gboolean found = FALSE;
  gboolean retry = TRUE;

  /* The menu item is there. */
  menu = gtk_menu_button_get_menu_model (find_main_menu_button (GTK_WIDGET (window)));
  g_assert_nonnull (menu);
  for (int s = 0; s < g_menu_model_get_n_items (menu) && !found; s++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

      for (int i = 0; section != NULL && i < g_menu_model_get_n_items (section) && !found; i++)
        {
          g_autofree char *action = NULL;

          if (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
            found = g_strcmp0 (action, "win.import") == 0;
        }
    }
  g_assert_true (found);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL));
  app_test_wait_for (has_chooser, NULL);
  chooser = find_chooser ();
  g_object_set_data (G_OBJECT (chooser), "test-file", file);
  g_object_set_data (G_OBJECT (chooser), "test-retry", &retry);
  app_test_wait_for (select_file, chooser);
  /* The last retry timeout must not outlive @retry. */
  app_test_wait_for (is_true, &retry);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  app_test_wait_for (has_dialog, window);
  dialog = find_dialog (window);
  app_test_wait_for (dialog_idle, dialog);
  g_assert_cmpstr (adw_window_title_get_subtitle (child (dialog, "window_title")), ==, "native.csv");
  g_assert_true (can_import (dialog));

  /* The chooser goes once it answered; what it was still reading
   * (folders, icons) ends before the test does. */
  app_test_wait_for (no_chooser, NULL);
  app_test_settle ();

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/app/import-dialog/guess", test_import_dialog_guess);
  g_test_add_func ("/app/import-dialog/change", test_import_dialog_change);
  g_test_add_func ("/app/import-dialog/import", test_import_dialog_import);
  g_test_add_func ("/app/import-dialog/cancel", test_import_dialog_cancel);
  g_test_add_func ("/app/import-dialog/reload", test_import_dialog_reload);
  g_test_add_func ("/app/import-dialog/ambiguous", test_import_dialog_ambiguous);
  g_test_add_func ("/app/import-dialog/not-a-spreadsheet", test_import_dialog_not_a_spreadsheet);
  g_test_add_func ("/app/import-dialog/menu", test_import_dialog_menu);

  return g_test_run ();
}
