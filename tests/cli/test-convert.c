/* test-convert.c: chronoscope --convert, run as a program with no display
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "chrono-loader.h"

static char *dir;

static char *
get_binary (void)
{
  const char *env = g_getenv ("CHRONOSCOPE_BIN");

  g_assert_nonnull (env);
  return g_strdup (env);
}

/* Runs chronoscope with @args; returns its exit status. */
static int
run (const char * const  *args,
     char               **err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) envp = g_get_environ ();
  int status = 0;

  g_ptr_array_add (argv, get_binary ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");

  g_spawn_sync (dir, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, NULL, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static ChronoDocument *
load (const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ChronoDocument *document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, NULL, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static char *
fixture (const char *subdir,
         const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", subdir, name, NULL);
}

static void
test_appointments (void)
{
  g_autofree char *csv = fixture ("csv", "appointments.csv");
  const char *args[] = { "--convert", csv, "--output", "cabinet.json",
                         "--columns", "title=appointee,lane=president,category=position,start=start_date,end=end_date",
                         "--date-format", "M/D/YY", NULL };
  g_autofree char *err = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  const ChronoEvent *event;
  g_autofree char *start = NULL;

  g_assert_cmpint (run (args, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  document = load ("cabinet.json");
  g_assert_cmpint (chrono_document_get_format (document), ==, CHRONO_FORMAT_NATIVE);
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, 31);
  g_assert_cmpuint (chrono_document_get_n_lanes (document), ==, 3);
  event = chrono_document_get_event (document, chrono_document_find_event (document, "harold-brown"));
  start = chrono_date_to_iso (&event->start);
  g_assert_cmpstr (start, ==, "1977-01-21");

  /* Without --date-format, the format is guessed. */
  {
    const char *guessed[] = { "--convert", csv, "--output", "guessed.json",
                              "--columns", "title=appointee,start=start_date,end=end_date", NULL };
    g_autoptr(ChronoDocument) again = NULL;

    g_assert_cmpint (run (guessed, NULL), ==, 0);
    again = load ("guessed.json");
    g_assert_cmpuint (chrono_document_get_n_events (again), ==, 31);
  }
}

static void
test_formats (void)
{
  g_autofree char *full = fixture ("good", "full.json");
  g_autoptr(ChronoDocument) from_csv = NULL;
  g_autoptr(ChronoDocument) from_tljs = NULL;

  {
    /* .csv picks CSV. */
    const char *args[] = { "--convert", full, "--output", "full.csv", NULL };

    g_assert_cmpint (run (args, NULL), ==, 0);
    from_csv = load ("full.csv");
    g_assert_cmpint (chrono_document_get_format (from_csv), ==, CHRONO_FORMAT_CSV);
  }
  {
    const char *args[] = { "--convert", full, "--output", "full.tljs", "--to", "timelinejs", NULL };

    g_assert_cmpint (run (args, NULL), ==, 0);
    from_tljs = load ("full.tljs");
    g_assert_cmpint (chrono_document_get_format (from_tljs), ==, CHRONO_FORMAT_TIMELINEJS);
  }
  {
    /* And back to native. */
    const char *args[] = { "--convert", "full.tljs", "--output", "back.json", NULL };
    g_autoptr(ChronoDocument) back = NULL;

    g_assert_cmpint (run (args, NULL), ==, 0);
    back = load ("back.json");
    g_assert_cmpint (chrono_document_get_format (back), ==, CHRONO_FORMAT_NATIVE);
    g_assert_cmpuint (chrono_document_get_n_events (back), ==, chrono_document_get_n_events (from_tljs));
  }
}

static void
test_bad_input (void)
{
  const char *bad = "who,when\nAda,1/2/77\nBob,13/45/77\n,1/3/77\nCy,2/3/78\n";
  g_autofree char *path = g_build_filename (dir, "bad.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "bad.json", NULL);

  g_assert_true (g_file_set_contents (path, bad, -1, NULL));

  {
    const char *args[] = { "--convert", "bad.csv", "--output", "bad.json", "--date-format", "M/D/YY", NULL };
    g_autofree char *err = NULL;

    g_assert_cmpint (run (args, &err), ==, 1);
    g_assert_true (g_str_has_prefix (err, "chronoscope: bad.csv:3:5: row 3, column “when”"));
    g_assert_null (strchr (strchr (err, '\n') + 1, '\n'));
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }
  {
    const char *args[] = { "--convert", "bad.csv", "--output", "bad.json", "--date-format", "M/D/YY",
                           "--lenient", NULL };
    g_autofree char *err = NULL;
    g_autoptr(ChronoDocument) document = NULL;

    g_assert_cmpint (run (args, &err), ==, 0);
    g_assert_nonnull (strstr (err, "bad.csv:3:5: warning: row 3"));
    g_assert_nonnull (strstr (err, "2 bad rows were skipped"));
    document = load ("bad.json");
    g_assert_cmpuint (chrono_document_get_n_events (document), ==, 2);
  }
  {
    const char *args[] = { "--convert", "missing.csv", "--output", "x.json", NULL };

    g_assert_cmpint (run (args, NULL), ==, 1);
  }
  {
    const char *args[] = { "--convert", "bad.csv", "--output", "x.json", "--to", "xml", NULL };
    g_autofree char *err = NULL;

    g_assert_cmpint (run (args, &err), ==, 1);
    g_assert_nonnull (strstr (err, "--to “xml”"));
  }
  {
    const char *args[] = { "--convert", "bad.csv", "--output", "x.json", "--columns", "title=nope", NULL };
    g_autofree char *err = NULL;

    g_assert_cmpint (run (args, &err), ==, 1);
    g_assert_nonnull (strstr (err, "who, when"));
  }
  {
    const char *args[] = { "--convert", "bad.csv", NULL };

    g_assert_cmpint (run (args, NULL), ==, 1);
  }
}

/* The old file survives a conversion that fails to read its input. */
static void
test_keeps_output (void)
{
  g_autofree char *out = g_build_filename (dir, "kept.json", NULL);
  g_autofree char *contents = NULL;
  const char *args[] = { "--convert", "nothing-here.csv", "--output", "kept.json", NULL };

  g_assert_true (g_file_set_contents (out, "old", -1, NULL));
  g_assert_cmpint (g_chmod (out, 0600), ==, 0);
  g_assert_cmpint (run (args, NULL), ==, 1);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("chronoscope-convert-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli/convert/appointments", test_appointments);
  g_test_add_func ("/cli/convert/formats", test_formats);
  g_test_add_func ("/cli/convert/bad-input", test_bad_input);
  g_test_add_func ("/cli/convert/keeps-output", test_keeps_output);

  status = g_test_run ();

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);

        g_unlink (child);
      }
    g_rmdir (dir);
    g_free (dir);
  }

  return status;
}
