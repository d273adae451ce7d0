/* test-unsaved.c: what the window does with unsaved changes
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-unsaved"

#include "config.h"

#include <sys/stat.h>

#include <glib/gstdio.h>

#include "app-test-util.h"
#include "chrono-loader.h"
#include "chrono-window.h"
#include "chrono-window-private.h"

static GFile *
fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "app", "data", name, NULL);

  return g_file_new_for_path (path);
}

static gboolean
is_loaded (gpointer data)
{
  return !chrono_window_get_loading (data) &&
         chrono_session_get_document (chrono_window_get_session (data)) != NULL;
}

static gboolean
has_error (gpointer data)
{
  return chrono_window_get_error (data) != NULL;
}

/* Loaded, and the file is not small.json any more. */
static gboolean
has_file_loaded (gpointer data)
{
  g_autofree char *name = NULL;

  if (!is_loaded (data) || chrono_window_get_file (data) == NULL)
    return FALSE;
  name = g_file_get_basename (chrono_window_get_file (data));

  return g_strcmp0 (name, "small.json") != 0;
}

static gboolean
document_replaced (gpointer data)
{
  gpointer *pair = data;

  return !chrono_window_get_loading (pair[0]) &&
         chrono_session_get_document (chrono_window_get_session (pair[0])) != pair[1];
}

static ChronoWindow *
open_window_on (GFile *file)
{
  ChronoWindow *window = chrono_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  chrono_window_open_file (window, file);
  app_test_wait_for (is_loaded, window);
  app_test_settle ();

  return window;
}

/* The question about unsaved changes shown over @window, or NULL. */
static AdwMessageDialog *
find_prompt (ChronoWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          gtk_window_get_transient_for (GTK_WINDOW (toplevel)) == GTK_WINDOW (window) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        {
          g_assert_null (found);
          found = ADW_MESSAGE_DIALOG (toplevel);
        }
    }

  return found;
}

static gboolean
prompt_gone (gpointer data)
{
  return find_prompt (data) == NULL;
}

/* Clicks the button of the prompt labelled @label, as a person would. */
static void
answer (ChronoWindow *window,
        const char   *label)
{
  AdwMessageDialog *prompt = find_prompt (window);
  GtkWidget *button;

  g_assert_nonnull (prompt);
  button = app_test_find_button (GTK_WIDGET (prompt), label);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  app_test_wait_for (prompt_gone, window);
}

/* Save is offered only once saving works: no Save that cannot save. */
static void
assert_prompt_offers (ChronoWindow *window)
{
  AdwMessageDialog *prompt = find_prompt (window);
  gboolean can_save = chrono_document_file_can_save (chrono_window_get_document_file (window));

  g_assert_nonnull (prompt);
  g_assert_true (adw_message_dialog_has_response (prompt, "cancel"));
  g_assert_true (adw_message_dialog_has_response (prompt, "discard"));
  g_assert_cmpint (adw_message_dialog_has_response (prompt, "save"), ==, can_save);
  g_assert_cmpstr (adw_message_dialog_get_heading (prompt), ==,
                   can_save ? "Save Changes?" : "Discard Changes?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (prompt), "small.json"));
}

static void
on_weak_notify (gpointer  data,
                GObject  *where_the_object_was)
{
  *(gboolean *) data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* The title says • while there are unsaved changes. */
static void
test_unsaved_title (void)
{
  g_autoptr(GFile) file = fixture ("small.json");
  ChronoWindow *window = open_window_on (file);
  ChronoDocumentFile *document_file = chrono_window_get_document_file (window);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "A Small Test Timeline");

  chrono_document_file_set_modified (document_file, TRUE);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• A Small Test Timeline");

  chrono_document_file_set_modified (document_file, FALSE);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "A Small Test Timeline");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Closing with unsaved changes asks; Cancel keeps the window, Discard
 * closes it.  Without changes, it closes at once. */
static void
test_unsaved_close (void)
{
  g_autoptr(GFile) file = fixture ("small.json");
  ChronoWindow *window = open_window_on (file);
  ChronoDocumentFile *document_file = chrono_window_get_document_file (window);
  gboolean closed = FALSE;

  g_object_weak_ref (G_OBJECT (window), on_weak_notify, &closed);
  chrono_document_file_set_modified (document_file, TRUE);

  gtk_window_close (GTK_WINDOW (window));
  app_test_settle ();
  g_assert_false (closed);
  assert_prompt_offers (window);

  /* Asked again while the question is open: still one question. */
  gtk_window_close (GTK_WINDOW (window));
  app_test_settle ();
  g_assert_nonnull (find_prompt (window));

  answer (window, "_Cancel");
  g_assert_false (closed);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (chrono_document_file_get_modified (document_file));

  /* Escape closes the question: the same as Cancel. */
  gtk_window_close (GTK_WINDOW (window));
  app_test_settle ();
  gtk_window_close (GTK_WINDOW (find_prompt (window)));
  app_test_wait_for (prompt_gone, window);
  g_assert_false (closed);

  gtk_window_close (GTK_WINDOW (window));
  app_test_settle ();
  answer (window, "_Discard");
  app_test_wait_for (is_true, &closed);
}

static void
test_unsaved_close_clean (void)
{
  g_autoptr(GFile) file = fixture ("small.json");
  ChronoWindow *window = open_window_on (file);
  gboolean closed = FALSE;

  g_object_weak_ref (G_OBJECT (window), on_weak_notify, &closed);
  gtk_window_close (GTK_WINDOW (window));
  app_test_wait_for (is_true, &closed);
}

/* Opening another file with unsaved changes asks; Cancel opens nothing,
 * Discard opens it. */
static void
test_unsaved_open_other (void)
{
  g_autoptr(GFile) file = fixture ("small.json");
  g_autoptr(GFile) other = fixture ("bad-row.csv");
  g_autoptr(GFile) other_good = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  ChronoWindow *window = open_window_on (file);
  ChronoDocumentFile *document_file = chrono_window_get_document_file (window);
  ChronoDocument *before = chrono_session_get_document (chrono_window_get_session (window));

  dir = g_dir_make_tmp ("chronoscope-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "other.csv", NULL);
  g_file_set_contents (path, "title,start\nOnly,2001\n", -1, &error);
  g_assert_no_error (error);
  other_good = g_file_new_for_path (path);

  chrono_document_file_set_modified (document_file, TRUE);

  chrono_window_open_file (window, other_good);
  app_test_settle ();
  assert_prompt_offers (window);
  g_assert_false (chrono_window_get_loading (window));
  answer (window, "_Cancel");
  g_assert_false (chrono_window_get_loading (window));
  g_assert_true (g_file_equal (chrono_window_get_file (window), file));
  g_assert_true (chrono_session_get_document (chrono_window_get_session (window)) == before);
  g_assert_true (chrono_document_file_get_modified (document_file));

  /* Discard, but the file does not open: the changes are still there. */
  chrono_window_open_file (window, other);
  app_test_settle ();
  answer (window, "_Discard");
  app_test_wait_for (has_error, window);
  g_assert_true (chrono_session_get_document (chrono_window_get_session (window)) == before);
  g_assert_true (chrono_document_file_get_modified (document_file));

  /* Discard, and it opens. */
  chrono_window_open_file (window, other_good);
  app_test_settle ();
  answer (window, "_Discard");
  app_test_wait_for (has_file_loaded, window);
  g_assert_true (g_file_equal (chrono_window_get_file (window), other_good));
  g_assert_false (chrono_document_file_get_modified (document_file));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "other.csv");

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

/* Reload (Ctrl+R) with unsaved changes asks too. */
static void
test_unsaved_reload (void)
{
  g_autoptr(GFile) file = fixture ("small.json");
  ChronoWindow *window = open_window_on (file);
  ChronoDocumentFile *document_file = chrono_window_get_document_file (window);
  ChronoDocument *before = chrono_session_get_document (chrono_window_get_session (window));
  gpointer pair[2];

  chrono_document_file_set_modified (document_file, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL);
  app_test_settle ();
  assert_prompt_offers (window);
  answer (window, "_Cancel");
  g_assert_false (chrono_window_get_loading (window));
  g_assert_true (chrono_session_get_document (chrono_window_get_session (window)) == before);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL);
  app_test_settle ();
  answer (window, "_Discard");
  pair[0] = window;
  pair[1] = before;
  app_test_wait_for (document_replaced, pair);
  g_assert_true (chrono_session_get_document (chrono_window_get_session (window)) != before);
  g_assert_false (chrono_document_file_get_modified (document_file));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
changed_shown (gpointer data)
{
  return gtk_revealer_get_reveal_child (app_test_window_child (data, "changed_revealer"));
}

static gboolean
changed_hidden (gpointer data)
{
  return !changed_shown (data);
}

/* The file changes on disk while there are unsaved changes: a bar
 * offers to reload (discarding them) or to keep them, and nothing is
 * reloaded until asked. */
static void
test_unsaved_changed_on_disk (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) source = fixture ("small.json");
  g_autofree char *contents = NULL;
  g_autofree char *dir = g_dir_make_tmp ("chronoscope-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "timeline.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) changed = NULL;
  ChronoWindow *window;
  ChronoDocumentFile *document_file;
  ChronoSession *session;
  ChronoDocument *before;
  GtkWidget *keep;
  GtkWidget *reload;

  g_file_load_contents (source, NULL, &contents, NULL, NULL, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  window = open_window_on (file);
  document_file = chrono_window_get_document_file (window);
  session = chrono_window_get_session (window);
  before = chrono_session_get_document (session);
  g_assert_false (changed_shown (window));

  chrono_document_file_set_modified (document_file, TRUE);
  changed = g_string_new (contents);
  g_string_replace (changed, "Acme goes public", "Acme lists on the exchange", 1);
  g_file_set_contents (path, changed->str, -1, &error);
  g_assert_no_error (error);

  app_test_wait_for (changed_shown, window);
  g_assert_true (chrono_session_get_document (session) == before);
  g_assert_cmpstr (gtk_label_get_text (app_test_window_child (window, "changed_title")), ==,
                   "“timeline.json” changed on disk");
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (gtk_revealer_get_child (app_test_window_child (window, "changed_revealer")))),
                   ==, GTK_ACCESSIBLE_ROLE_ALERT);

  /* Keep Mine: the bar goes, the changes stay. */
  keep = gtk_widget_get_last_child (gtk_revealer_get_child (app_test_window_child (window, "changed_revealer")));
  reload = gtk_widget_get_prev_sibling (keep);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (keep)), ==, "win.keep-changes");
  g_signal_emit_by_name (keep, "clicked");
  app_test_wait_for (changed_hidden, window);
  g_assert_true (chrono_document_file_get_modified (document_file));
  g_assert_true (chrono_session_get_document (session) == before);

  /* Changed again; Reload this time, without another question. */
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  app_test_wait_for (changed_shown, window);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (reload)), ==,
                   "win.discard-changes-and-reload");
  g_signal_emit_by_name (reload, "clicked");
  app_test_settle ();
  g_assert_null (find_prompt (window));
  app_test_wait_for (changed_hidden, window);
  app_test_wait_for (app_test_window_idle, window);
  g_assert_true (chrono_session_get_document (session) != before);
  g_assert_false (chrono_document_file_get_modified (document_file));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

/* win.new: a blank timeline with one lane and no file, after asking
 * about unsaved changes. */
static void
test_unsaved_new (void)
{
  g_autoptr(GFile) file = fixture ("small.json");
  ChronoWindow *window = open_window_on (file);
  ChronoDocumentFile *document_file = chrono_window_get_document_file (window);
  ChronoSession *session = chrono_window_get_session (window);
  ChronoDocument *before = chrono_session_get_document (session);
  ChronoDocument *document;

  chrono_document_file_set_modified (document_file, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL);
  app_test_settle ();
  assert_prompt_offers (window);
  answer (window, "_Cancel");
  g_assert_true (chrono_session_get_document (session) == before);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL);
  app_test_settle ();
  answer (window, "_Discard");
  app_test_wait_for (is_loaded, window);
  app_test_settle ();

  document = chrono_session_get_document (session);
  g_assert_true (document != before);
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, 0);
  g_assert_cmpuint (chrono_document_get_n_lanes (document), ==, 1);
  g_assert_cmpstr (chrono_document_get_lane (document, 0)->title, ==, "Lane 1");
  g_assert_null (chrono_window_get_file (window));
  g_assert_false (chrono_document_file_get_modified (document_file));
  g_assert_true (chrono_document_file_get_save_needs_file (document_file));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Untitled Timeline");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (app_test_window_child (window, "main_stack")), ==, "timeline");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Saving ---------------------------------------------------------------- */

/* A copy of the fixture @name in a new folder, with @mode, on one line
 * (so that a save, which writes one member a line, shows). */
static GFile *
copy_fixture_to_tmp (const char  *name,
                     int          mode,
                     char       **dir_out)
{
  g_autoptr(GFile) source = fixture (name);
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  gsize length;

  *dir_out = g_dir_make_tmp ("chrono-save-XXXXXX", NULL);
  g_assert_nonnull (*dir_out);
  g_assert_true (g_file_load_contents (source, NULL, &contents, &length, NULL, NULL));
  g_strdelimit (contents, "\n", ' ');
  path = g_build_filename (*dir_out, name, NULL);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  g_assert_cmpint (g_chmod (path, mode), ==, 0);

  return g_file_new_for_path (path);
}

static gboolean
is_saved (gpointer data)
{
  return !chrono_document_file_get_modified (chrono_window_get_document_file (data));
}

static guint
n_events_in (GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, NULL, NULL, &error);

  g_assert_no_error (error);
  return chrono_document_get_n_events (document);
}

/* Save (Ctrl+S) writes the timeline over its own file, in the native
 * layout, keeping the file's mode. */
static void
test_save_native (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = copy_fixture_to_tmp ("small.json", 0600, &dir);
  g_autofree char *contents = NULL;
  ChronoWindow *window = open_window_on (file);
  guint n = chrono_document_get_n_events (chrono_session_get_document (chrono_window_get_session (window)));
  GStatBuf st;

  chrono_document_file_set_modified (chrono_window_get_document_file (window), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  app_test_wait_for (is_saved, window);

  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "{\n  \"chronoscope\": 1,\n"));
  g_assert_cmpuint (n_events_in (file), ==, n);
  g_assert_cmpint (g_stat (g_file_peek_path (file), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  /* The monitor's news of our own write does not reload the timeline. */
  app_test_settle ();
  g_assert_null (chrono_window_get_error (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (g_file_peek_path (file));
  g_rmdir (dir);
}

/* Save in the question about unsaved changes saves, then closes. */
static void
test_save_from_prompt (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = copy_fixture_to_tmp ("small.json", 0644, &dir);
  g_autofree char *contents = NULL;
  ChronoWindow *window = open_window_on (file);
  gboolean closed = FALSE;

  g_object_weak_ref (G_OBJECT (window), on_weak_notify, &closed);
  chrono_document_file_set_modified (chrono_window_get_document_file (window), TRUE);
  gtk_window_close (GTK_WINDOW (window));
  app_test_settle ();
  answer (window, "_Save");
  app_test_wait_for (is_true, &closed);

  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "{\n  \"chronoscope\": 1,\n"));
  g_unlink (g_file_peek_path (file));
  g_rmdir (dir);
}

/* The chooser names @pair[1] (it loads its folder first). */
static gboolean
chooser_names (gpointer data)
{
  gpointer *pair = data;
  g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (pair[0]));

  return chosen != NULL && g_file_equal (chosen, pair[1]);
}

static gboolean
has_file_named (gpointer data)
{
  gpointer *pair = data;
  GFile *file = chrono_window_get_file (pair[0]);

  return file != NULL && g_file_equal (file, pair[1]) && is_saved (pair[0]);
}

/* An imported spreadsheet is never overwritten: Save asks where, offers
 * NAME.json beside it, and the timeline then lives in that file. */
static void
test_save_import_asks (void)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "csv", "native.csv", NULL);
  g_autofree char *dir = g_dir_make_tmp ("chrono-save-XXXXXX", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "native.csv", NULL);
  g_autofree char *json_path = g_build_filename (dir, "native.json", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GFile) json = g_file_new_for_path (json_path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ChronoWindow *window;
  GtkNativeDialog *chooser;
  gpointer pair[2];
  guint n;

  g_assert_true (g_file_get_contents (source, &before, NULL, NULL));
  g_assert_true (g_file_set_contents (csv_path, before, -1, NULL));
  window = open_window_on (csv);
  n = chrono_document_get_n_events (chrono_session_get_document (chrono_window_get_session (window)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  chooser = window->save_dialog;
  g_assert_nonnull (chooser);
  /* Offered beside the spreadsheet, as .json. */
  pair[0] = chooser;
  pair[1] = json;
  app_test_wait_for (chooser_names, pair);
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_ACCEPT);
  g_assert_null (window->save_dialog);

  pair[0] = window;
  pair[1] = json;
  app_test_wait_for (has_file_named, pair);
  g_assert_cmpuint (n_events_in (json), ==, n);
  /* The spreadsheet is as it was. */
  g_assert_true (g_file_get_contents (csv_path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (csv_path);
  g_unlink (json_path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/app/unsaved/title", test_unsaved_title);
  g_test_add_func ("/app/unsaved/close", test_unsaved_close);
  g_test_add_func ("/app/unsaved/close-clean", test_unsaved_close_clean);
  g_test_add_func ("/app/unsaved/open-other", test_unsaved_open_other);
  g_test_add_func ("/app/unsaved/reload", test_unsaved_reload);
  g_test_add_func ("/app/unsaved/changed-on-disk", test_unsaved_changed_on_disk);
  g_test_add_func ("/app/unsaved/new", test_unsaved_new);
  g_test_add_func ("/app/save/native", test_save_native);
  g_test_add_func ("/app/save/from-prompt", test_save_from_prompt);
  g_test_add_func ("/app/save/import-asks", test_save_import_asks);

  return g_test_run ();
}
