#define G_LOG_DOMAIN "test-check"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "chrono-check.h"

/* chrono_check_run prints with g_print; collect it. */
static GString *output;

static void
capture (const char *text)
{
  g_string_append (output, text);
}

static int
run_check (const char * const *files,
           char              **out)
{
  GPrintFunc old;
  int status;

  output = g_string_new (NULL);
  old = g_set_print_handler (capture);
  status = chrono_check_run (files, FALSE);
  g_set_print_handler (old);
  *out = g_string_free (g_steal_pointer (&output), FALSE);

  return status;
}

static char *
fixture (const char *dir,
         const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", dir, name, NULL);
}

static void
test_good (void)
{
  g_autofree char *full = fixture ("good", "full.json");
  g_autofree char *minimal = fixture ("good", "minimal.json");
  g_autofree char *empty = fixture ("good", "empty.json");
  const char *files[] = { full, minimal, empty, NULL };
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpint (run_check (files, &out), ==, 0);
  expected = g_strdup_printf ("%s: OK, 7 events in 6 lanes, 500 BC–2026\n"
                              "%s: OK, 1 event in 1 lane, 1990\n"
                              "%s: OK, 0 events in 0 lanes\n",
                              full, minimal, empty);
  g_assert_cmpstr (out, ==, expected);
}

static void
test_bad (void)
{
  g_autofree char *bad = fixture ("bad", "unknown-lane.json");
  const char *files[] = { bad, NULL };
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpint (run_check (files, &out), ==, 1);
  expected = g_strdup_printf ("%s:6:19: unknown lane “zz”", bad);
  g_assert_true (g_str_has_prefix (out, expected));
  /* One line. */
  g_assert_nonnull (strchr (out, '\n'));
  g_assert_cmpstr (strchr (out, '\n'), ==, "\n");
}

static void
test_mixed (void)
{
  g_autofree char *good = fixture ("good", "minimal.json");
  g_autofree char *bad = fixture ("bad", "comment.json");
  g_autofree char *missing = fixture ("good", "no-such-file.json");
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "data", "good", NULL);
  const char *files[] = { bad, good, missing, folder, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *line0 = NULL;
  g_autofree char *line1 = NULL;
  g_autofree char *line2 = NULL;
  g_autofree char *line3 = NULL;

  /* Every file is reported, in order; one bad file makes the status 1. */
  g_assert_cmpint (run_check (files, &out), ==, 1);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  line0 = g_strdup_printf ("%s:3:3: comments are not allowed in JSON (remove the comment)", bad);
  line1 = g_strdup_printf ("%s: OK, 1 event in 1 lane, 1990", good);
  line2 = g_strdup_printf ("%s: no such file", missing);
  line3 = g_strdup_printf ("%s: this is a folder, not a file", folder);
  g_assert_cmpstr (lines[0], ==, line0);
  g_assert_cmpstr (lines[1], ==, line1);
  g_assert_cmpstr (lines[2], ==, line2);
  g_assert_cmpstr (lines[3], ==, line3);
  g_assert_cmpstr (lines[4], ==, "");
}

static void
test_all_errors_listed (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  const char *files[] = { NULL, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  static const char text[] =
    "{\n"
    "  \"chronoscope\": 1,\n"
    "  \"lanes\": [ { \"id\": \"k\", \"title\": \"K\" } ],\n"
    "  \"events\": [\n"
    "    { \"id\": \"a\", \"lane\": \"x\", \"title\": \"A\", \"start\": \"2015\" },\n"
    "    { \"id\": \"b\", \"lane\": \"k\", \"title\": \"B\", \"start\": \"2015-02-30\" }\n"
    "  ]\n"
    "}\n";
  int fd;

  fd = g_file_open_tmp ("chrono-check-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (write (fd, text, strlen (text)), ==, (gssize) strlen (text));
  close (fd);
  files[0] = path;

  g_assert_cmpint (run_check (files, &out), ==, 1);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[0], path));
  g_assert_true (g_str_has_prefix (lines[0] + strlen (path), ":5:18: unknown lane “x”"));
  g_assert_true (g_str_has_prefix (lines[1] + strlen (path), ":6:63: bad date in events[1].start: February 2015 has 28 days, not 30"));

  g_unlink (path);
}

static void
test_garbage (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  const char *files[] = { NULL, NULL };
  char bytes[4096];
  int fd;

  fd = g_file_open_tmp ("chrono-garbage-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  files[0] = path;

  for (guint round = 0; round < 50; round++)
    {
      gsize n = g_rand_int_range (rand, 0, sizeof bytes);
      g_autofree char *out = NULL;

      for (gsize i = 0; i < n; i++)
        bytes[i] = (char) g_rand_int_range (rand, 0, 256);
      g_assert_true (g_file_set_contents (path, bytes, n, NULL));

      /* Random bytes are never a valid timeline, and say why. */
      g_assert_cmpint (run_check (files, &out), ==, 1);
      g_assert_true (g_str_has_prefix (out, path));
      g_assert_true (g_str_has_suffix (out, "\n"));
    }

  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* GIO logs its first use through g_print in tests: get it over with
   * before output is captured. */
  g_vfs_get_default ();

  g_test_add_func ("/model/check/good", test_good);
  g_test_add_func ("/model/check/bad", test_bad);
  g_test_add_func ("/model/check/mixed", test_mixed);
  g_test_add_func ("/model/check/all-errors-listed", test_all_errors_listed);
  g_test_add_func ("/model/check/garbage", test_garbage);

  return g_test_run ();
}
