/* test-document-file.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-document-file"

#include "config.h"

#include <glib/gstdio.h>

#include "chrono-csv-mapping.h"
#include "chrono-document-builder.h"
#include "chrono-document-file.h"

/* Waiting for the loader's thread or the file monitor: a generous limit
 * that only turns a hang into a failure; nothing here measures time. */
#define WAIT_LIMIT_SECONDS 30

static const char timeline[] =
  "{ \"chronoscope\": 1, \"title\": \"Test\",\n"
  "  \"lanes\": [ { \"id\": \"a\", \"title\": \"A\" } ],\n"
  "  \"events\": [ { \"id\": \"e\", \"lane\": \"a\", \"title\": \"First title\", \"start\": \"2001\" } ] }\n";
static const char changed[] =
  "{ \"chronoscope\": 1, \"title\": \"Test\",\n"
  "  \"lanes\": [ { \"id\": \"a\", \"title\": \"A\" } ],\n"
  "  \"events\": [ { \"id\": \"e\", \"lane\": \"a\", \"title\": \"Second title\", \"start\": \"2001\" } ] }\n";

typedef struct
{
  char               *dir;
  char               *path;
  GFile              *file;
  ChronoDocumentFile *document_file;
  guint               n_loaded;
  guint               n_failed;
  guint               n_needs_mapping;
  gboolean            last_reloaded;
} Fixture;

typedef gboolean (*Condition) (Fixture *fixture);

static gboolean
on_wait_limit (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;

  return G_SOURCE_REMOVE;
}

static void
wait_for (Fixture   *fixture,
          Condition  condition)
{
  gboolean expired = FALSE;
  guint source = g_timeout_add_seconds (WAIT_LIMIT_SECONDS, on_wait_limit, &expired);

  while (!condition (fixture) && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (expired)
    g_error ("Gave up waiting after %d seconds", WAIT_LIMIT_SECONDS);

  g_source_remove (source);
}

/* Runs the main loop until the monitor has had time to speak and the
 * debounce to pass, for the checks that nothing happens. */
static gboolean
on_quiet (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

static void
let_time_pass (void)
{
  gboolean done = FALSE;

  g_timeout_add (1000, on_quiet, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
on_loaded (ChronoDocumentFile *document_file,
           ChronoDocument     *document,
           gboolean            reloaded,
           Fixture            *fixture)
{
  g_assert_true (CHRONO_IS_DOCUMENT (document));
  /* Every property says so before the signal. */
  g_assert_true (chrono_document_file_get_document (document_file) == document);
  g_assert_false (chrono_document_file_get_loading (document_file));
  g_assert_null (chrono_document_file_get_error (document_file));
  fixture->n_loaded++;
  fixture->last_reloaded = reloaded;
}

static void
on_failed (ChronoDocumentFile *document_file,
           GFile              *file,
           Fixture            *fixture)
{
  g_assert_true (G_IS_FILE (file));
  g_assert_nonnull (chrono_document_file_get_error (document_file));
  g_assert_false (chrono_document_file_get_loading (document_file));
  fixture->n_failed++;
}

static void
on_needs_mapping (ChronoDocumentFile *document_file,
                  GFile              *file,
                  Fixture            *fixture)
{
  g_assert_true (G_IS_FILE (file));
  /* A question, not an error to show. */
  g_assert_null (chrono_document_file_get_error (document_file));
  g_assert_nonnull (chrono_document_file_get_details (document_file));
  g_assert_false (chrono_document_file_get_loading (document_file));
  fixture->n_needs_mapping++;
}

static void
write_file (Fixture    *fixture,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (fixture->path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("chronoscope-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "timeline.json", NULL);
  fixture->file = g_file_new_for_path (fixture->path);
  write_file (fixture, timeline);

  fixture->document_file = chrono_document_file_new ();
  g_signal_connect (fixture->document_file, "loaded", G_CALLBACK (on_loaded), fixture);
  g_signal_connect (fixture->document_file, "failed", G_CALLBACK (on_failed), fixture);
  g_signal_connect (fixture->document_file, "needs-mapping", G_CALLBACK (on_needs_mapping), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* A worker thread drops its task, and the task's reference on the
   * object, just after the task's callback has run: nothing wakes the
   * main context for that, so look without blocking. */
  for (guint i = 0; G_OBJECT (fixture->document_file)->ref_count > 1 && i < WAIT_LIMIT_SECONDS * 1000; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_finalize_object (fixture->document_file);
  g_unlink (fixture->path);
  g_rmdir (fixture->dir);
  g_clear_object (&fixture->file);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gboolean
loaded_once (Fixture *fixture)
{
  return fixture->n_loaded >= 1;
}

static gboolean
loaded_twice (Fixture *fixture)
{
  return fixture->n_loaded >= 2;
}

static gboolean
loaded_thrice (Fixture *fixture)
{
  return fixture->n_loaded >= 3;
}

static gboolean
failed_once (Fixture *fixture)
{
  return fixture->n_failed >= 1;
}

static gboolean
needs_mapping_once (Fixture *fixture)
{
  return fixture->n_needs_mapping >= 1;
}

static gboolean
is_deleted (Fixture *fixture)
{
  return chrono_document_file_get_deleted (fixture->document_file);
}

static gboolean
is_changed_on_disk (Fixture *fixture)
{
  return chrono_document_file_get_changed_on_disk (fixture->document_file);
}

static const char *
event_title (Fixture *fixture)
{
  ChronoDocument *document = chrono_document_file_get_document (fixture->document_file);

  g_assert_nonnull (document);

  return chrono_document_get_event (document, 0)->title;
}

static void
open_and_wait (Fixture *fixture)
{
  chrono_document_file_open (fixture->document_file, fixture->file, CHRONO_LOAD_DEFAULT);
  /* While the first load runs, the file being opened is the file. */
  g_assert_true (chrono_document_file_get_loading (fixture->document_file));
  g_assert_true (g_file_equal (chrono_document_file_get_file (fixture->document_file), fixture->file));
  wait_for (fixture, loaded_once);
}

static void
test_open (Fixture       *fixture,
           gconstpointer  data)
{
  ChronoDocumentFile *document_file = fixture->document_file;

  g_assert_null (chrono_document_file_get_document (document_file));
  g_assert_null (chrono_document_file_get_file (document_file));

  open_and_wait (fixture);

  g_assert_false (fixture->last_reloaded);
  g_assert_cmpstr (event_title (fixture), ==, "First title");
  g_assert_true (g_file_equal (chrono_document_file_get_file (document_file), fixture->file));
  g_assert_false (chrono_document_file_get_modified (document_file));
  g_assert_false (chrono_document_file_get_deleted (document_file));
  g_assert_false (chrono_document_file_get_changed_on_disk (document_file));
  g_assert_null (chrono_document_file_get_details (document_file));
  g_assert_cmpfloat (chrono_document_file_get_progress (document_file), <=, 1.0);
  /* A native file saves in place. */
  g_assert_false (chrono_document_file_get_save_needs_file (document_file));
}

/* A file that never opened is not the file; nothing is shown. */
static void
test_open_missing (Fixture       *fixture,
                   gconstpointer  data)
{
  ChronoDocumentFile *document_file = fixture->document_file;
  g_autofree char *missing_path = g_build_filename (fixture->dir, "missing.json", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);

  chrono_document_file_open (document_file, missing, CHRONO_LOAD_DEFAULT);
  wait_for (fixture, failed_once);

  g_assert_null (chrono_document_file_get_document (document_file));
  g_assert_null (chrono_document_file_get_file (document_file));
  g_assert_true (g_file_equal (chrono_document_file_get_failed_file (document_file), missing));
  g_assert_nonnull (strstr (chrono_document_file_get_error (document_file), "missing.json"));
  g_assert_cmpint (chrono_document_file_get_lenient_fix (document_file), ==, CHRONO_LENIENT_FIX_NONE);

  chrono_document_file_dismiss_error (document_file);
  g_assert_null (chrono_document_file_get_error (document_file));
  g_assert_null (chrono_document_file_get_failed_file (document_file));
}

/* The file changes on disk: reloaded, as a reload; then broken: the
 * error is kept with its position and so is the document. */
static void
test_reload (Fixture       *fixture,
             gconstpointer  data)
{
  ChronoDocumentFile *document_file = fixture->document_file;
  ChronoDocument *before;

  open_and_wait (fixture);

  write_file (fixture, changed);
  wait_for (fixture, loaded_twice);
  g_assert_true (fixture->last_reloaded);
  g_assert_cmpstr (event_title (fixture), ==, "Second title");

  before = chrono_document_file_get_document (document_file);
  write_file (fixture, "{ \"chronoscope\": 1,, }");
  wait_for (fixture, failed_once);
  g_assert_true (chrono_document_file_get_document (document_file) == before);
  g_assert_true (g_file_equal (chrono_document_file_get_file (document_file), fixture->file));
  g_assert_true (g_file_equal (chrono_document_file_get_failed_file (document_file), fixture->file));
  g_assert_nonnull (strstr (chrono_document_file_get_error (document_file), "timeline.json:1:"));
  g_assert_nonnull (strstr (chrono_document_file_get_details (document_file), "timeline.json:1:"));

  /* Fixed and retried: the error goes. */
  write_file (fixture, timeline);
  chrono_document_file_retry (document_file, FALSE);
  wait_for (fixture, loaded_thrice);
  g_assert_null (chrono_document_file_get_error (document_file));
  g_assert_cmpstr (event_title (fixture), ==, "First title");
}

static gboolean
deleted_and_back (Fixture *fixture)
{
  return !chrono_document_file_get_deleted (fixture->document_file) && fixture->n_loaded >= 2;
}

/* Deleted: the document stays, "deleted" says so; back: reloaded. */
static void
test_deleted (Fixture       *fixture,
              gconstpointer  data)
{
  ChronoDocumentFile *document_file = fixture->document_file;
  ChronoDocument *before;

  open_and_wait (fixture);
  before = chrono_document_file_get_document (document_file);

  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  wait_for (fixture, is_deleted);
  g_assert_true (chrono_document_file_get_document (document_file) == before);
  g_assert_true (g_file_equal (chrono_document_file_get_file (document_file), fixture->file));
  g_assert_null (chrono_document_file_get_error (document_file));
  g_assert_cmpuint (fixture->n_failed, ==, 0);

  write_file (fixture, changed);
  wait_for (fixture, deleted_and_back);
  g_assert_true (fixture->last_reloaded);
  g_assert_cmpstr (event_title (fixture), ==, "Second title");
}

/* Unsaved changes are never reloaded over: "changed-on-disk" instead,
 * answered by keeping them or by reloading. */
static void
test_changed_while_modified (Fixture       *fixture,
                             gconstpointer  data)
{
  ChronoDocumentFile *document_file = fixture->document_file;
  ChronoDocument *before;

  open_and_wait (fixture);
  before = chrono_document_file_get_document (document_file);

  chrono_document_file_set_modified (document_file, TRUE);
  g_assert_true (chrono_document_file_get_modified (document_file));

  write_file (fixture, changed);
  wait_for (fixture, is_changed_on_disk);
  g_assert_true (chrono_document_file_get_document (document_file) == before);
  g_assert_false (chrono_document_file_get_loading (document_file));
  g_assert_cmpuint (fixture->n_loaded, ==, 1);
  g_assert_true (chrono_document_file_get_modified (document_file));

  /* Keep mine: the notice goes, the changes stay. */
  chrono_document_file_keep_changes (document_file);
  g_assert_false (chrono_document_file_get_changed_on_disk (document_file));
  g_assert_true (chrono_document_file_get_modified (document_file));

  /* Changed again: asked again. */
  write_file (fixture, timeline);
  wait_for (fixture, is_changed_on_disk);
  g_assert_cmpuint (fixture->n_loaded, ==, 1);

  /* Reload, discarding them. */
  chrono_document_file_reload (document_file);
  wait_for (fixture, loaded_twice);
  g_assert_true (fixture->last_reloaded);
  g_assert_false (chrono_document_file_get_modified (document_file));
  g_assert_false (chrono_document_file_get_changed_on_disk (document_file));

  /* Not modified any more: changes reload again by themselves. */
  write_file (fixture, changed);
  wait_for (fixture, loaded_thrice);
  g_assert_cmpstr (event_title (fixture), ==, "Second title");
}

/* Saving back the changes clears them: without changes left, nothing
 * on disk is held back. */
static void
test_modified_cleared (Fixture       *fixture,
                       gconstpointer  data)
{
  ChronoDocumentFile *document_file = fixture->document_file;

  open_and_wait (fixture);
  chrono_document_file_set_modified (document_file, TRUE);
  write_file (fixture, changed);
  wait_for (fixture, is_changed_on_disk);

  chrono_document_file_set_modified (document_file, FALSE);
  g_assert_false (chrono_document_file_get_changed_on_disk (document_file));
}

/* A spreadsheet with a bad row: lenient loading is offered, and works. */
static void
test_lenient (Fixture       *fixture,
              gconstpointer  data)
{
  ChronoDocumentFile *document_file = fixture->document_file;
  g_autofree char *path = g_build_filename (fixture->dir, "rows.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "title,start,end,lane\nFirst,2001,,a\nBroken,20x1,,a\n", -1, &error);
  g_assert_no_error (error);

  chrono_document_file_open (document_file, file, CHRONO_LOAD_DEFAULT);
  wait_for (fixture, failed_once);
  g_assert_cmpint (chrono_document_file_get_lenient_fix (document_file), ==, CHRONO_LENIENT_FIX_SKIP_ROWS);
  g_assert_nonnull (strstr (chrono_document_file_get_error (document_file), "rows.csv:3:"));

  chrono_document_file_retry (document_file, TRUE);
  wait_for (fixture, loaded_once);
  g_assert_false (fixture->last_reloaded);
  g_assert_cmpint (chrono_document_file_get_load_flags (document_file), ==, CHRONO_LOAD_LENIENT);
  g_assert_cmpuint (chrono_document_get_n_events (chrono_document_file_get_document (document_file)), ==, 1);
  g_assert_nonnull (chrono_document_file_get_diagnostics (document_file));
  g_assert_nonnull (chrono_document_file_get_details (document_file));
  g_assert_cmpint (chrono_document_file_get_lenient_fix (document_file), ==, CHRONO_LENIENT_FIX_NONE);
  /* An import is saved elsewhere, never over itself. */
  g_assert_true (chrono_document_file_get_save_needs_file (document_file));

  chrono_document_file_cancel (document_file);
  g_unlink (path);
}

static gboolean
loaded_four_times (Fixture *fixture)
{
  return fixture->n_loaded >= 4;
}

/* A spreadsheet with columns of its own: opened plainly, it asks for a
 * mapping instead of failing; opened with one, it keeps it for the
 * reloads (the file changed on disk, or asked for), and opening another
 * file drops it. */
static void
test_mapped (Fixture       *fixture,
             gconstpointer  data)
{
  ChronoDocumentFile *document_file = fixture->document_file;
  g_autofree char *path = g_build_filename (fixture->dir, "people.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ChronoCsvMapping) mapping = chrono_csv_mapping_new (3);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "Who,When,Team\nFirst title,2001,a\n", -1, &error);
  g_assert_no_error (error);

  chrono_document_file_open (document_file, file, CHRONO_LOAD_DEFAULT);
  wait_for (fixture, needs_mapping_once);
  g_assert_cmpuint (fixture->n_failed, ==, 0);
  g_assert_null (chrono_document_file_get_document (document_file));
  g_assert_null (chrono_document_file_get_file (document_file));
  g_assert_null (chrono_document_file_get_mapping (document_file));

  mapping->fields[0] = CHRONO_CSV_TITLE;
  mapping->fields[1] = CHRONO_CSV_START;
  mapping->fields[2] = CHRONO_CSV_LANE;
  mapping->date_format = CHRONO_CSV_DATE_YEAR;
  chrono_document_file_open_mapped (document_file, file, mapping, CHRONO_LOAD_LENIENT);
  wait_for (fixture, loaded_once);
  g_assert_false (fixture->last_reloaded);
  g_assert_cmpstr (event_title (fixture), ==, "First title");
  g_assert_true (g_file_equal (chrono_document_file_get_file (document_file), file));
  g_assert_true (chrono_csv_mapping_equal (chrono_document_file_get_mapping (document_file), mapping));

  /* Changed on disk: read with the same columns, not as Chronoscope's. */
  g_file_set_contents (path, "Who,When,Team\nSecond title,2002,a\n", -1, &error);
  g_assert_no_error (error);
  wait_for (fixture, loaded_twice);
  g_assert_true (fixture->last_reloaded);
  g_assert_cmpstr (event_title (fixture), ==, "Second title");
  g_assert_null (chrono_document_file_get_error (document_file));
  g_assert_true (chrono_csv_mapping_equal (chrono_document_file_get_mapping (document_file), mapping));

  chrono_document_file_reload (document_file);
  wait_for (fixture, loaded_thrice);
  g_assert_true (fixture->last_reloaded);
  g_assert_cmpstr (event_title (fixture), ==, "Second title");
  g_assert_true (chrono_csv_mapping_equal (chrono_document_file_get_mapping (document_file), mapping));
  g_assert_cmpuint (fixture->n_needs_mapping, ==, 1);

  /* Another file is read with its own columns. */
  chrono_document_file_open (document_file, fixture->file, CHRONO_LOAD_DEFAULT);
  wait_for (fixture, loaded_four_times);
  g_assert_cmpstr (event_title (fixture), ==, "First title");
  g_assert_null (chrono_document_file_get_mapping (document_file));

  chrono_document_file_cancel (document_file);
  g_unlink (path);
}

/* A document made in memory (File → New): no file, nothing to watch. */
static void
test_set_document (Fixture       *fixture,
                   gconstpointer  data)
{
  ChronoDocumentFile *document_file = fixture->document_file;
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(ChronoDocument) document = NULL;

  open_and_wait (fixture);
  chrono_document_file_set_modified (document_file, TRUE);

  document = chrono_document_builder_finish (g_steal_pointer (&builder), NULL);
  g_assert_nonnull (document);
  chrono_document_file_set_document (document_file, document, NULL);
  g_assert_cmpuint (fixture->n_loaded, ==, 2);
  g_assert_false (fixture->last_reloaded);
  g_assert_true (chrono_document_file_get_document (document_file) == document);
  g_assert_null (chrono_document_file_get_file (document_file));
  g_assert_false (chrono_document_file_get_modified (document_file));
  g_assert_true (chrono_document_file_get_save_needs_file (document_file));

  /* The old file is no longer watched. */
  write_file (fixture, changed);
  let_time_pass ();
  g_assert_cmpuint (fixture->n_loaded, ==, 2);
  g_assert_true (chrono_document_file_get_document (document_file) == document);
}

static void
on_save_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (chrono_document_file_save_finish (CHRONO_DOCUMENT_FILE (object), result, error));
  g_assert_nonnull (*error);
}

/* Until the model has a writer, saving says so and changes nothing. */
static void
test_save_unavailable (Fixture       *fixture,
                       gconstpointer  data)
{
  ChronoDocumentFile *document_file = fixture->document_file;
  g_autoptr(GError) error = NULL;

  if (chrono_document_file_can_save (document_file))
    {
      g_test_skip ("the model has a writer");
      return;
    }

  open_and_wait (fixture);
  chrono_document_file_set_modified (document_file, TRUE);
  chrono_document_file_save_async (document_file,
                                   chrono_document_file_get_document (document_file),
                                   fixture->file, NULL, on_save_done, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_true (chrono_document_file_get_modified (document_file));
  g_assert_cmpstr (event_title (fixture), ==, "First title");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/model/document-file/open", test_open);
  ADD ("/model/document-file/open-missing", test_open_missing);
  ADD ("/model/document-file/reload", test_reload);
  ADD ("/model/document-file/deleted", test_deleted);
  ADD ("/model/document-file/changed-while-modified", test_changed_while_modified);
  ADD ("/model/document-file/modified-cleared", test_modified_cleared);
  ADD ("/model/document-file/lenient", test_lenient);
  ADD ("/model/document-file/mapped", test_mapped);
  ADD ("/model/document-file/set-document", test_set_document);
  ADD ("/model/document-file/save-unavailable", test_save_unavailable);

#undef ADD

  return g_test_run ();
}
