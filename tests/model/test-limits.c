/* test-limits.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-limits"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "chrono-json-guard.h"
#include "chrono-limits.h"
#include "chrono-loader.h"

#include "model-test-util.h"

/*
 * Every limit of docs/limits.md, hit.  The ones that would need huge
 * inputs are lowered through _chrono_loader_set_limits_for_testing(), so
 * that a small file takes the same path as a huge one.
 */

static ChronoLimits
defaults (void)
{
  return *_chrono_limits ();
}

/* Loads @text as @name, expects it refused for a limit, and checks the
 * first error's position, and that its message contains @words. */
static void
assert_limit (const char *text,
              const char *name,
              guint       line,
              guint       column,
              const char *words)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_diagnostic_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s:%u:%u: ", name, line, column);
  const ChronoDiagnostic *d = NULL;

  document = test_load_text (text, name, diagnostics, &error);
  g_assert_null (document);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_LIMIT);
  for (guint i = 0; i < diagnostics->len && d == NULL; i++)
    if (!((ChronoDiagnostic *) g_ptr_array_index (diagnostics, i))->is_warning)
      d = g_ptr_array_index (diagnostics, i);
  g_assert_nonnull (d);
  g_assert_cmpint (d->code, ==, CHRONO_ERROR_LIMIT);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("expected “%s…”, got “%s”", prefix, error->message);
  if (strstr (error->message, words) == NULL)
    g_error ("expected “%s” in “%s”", words, error->message);
}

static void
assert_loads (const char *text,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = test_load_text (text, name, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
}

/* An object with @n members, one a line from line 2. */
static char *
object_with_members (guint n)
{
  GString *s = g_string_new ("{\"chronoscope\": 1, \"lanes\": [], \"events\": [], \"x-map\": {");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s\n\"k%u\": %u", i > 0 ? "," : "", i, i);
  g_string_append (s, "}}\n");

  return g_string_free (s, FALSE);
}

static void
test_members (void)
{
  g_autofree char *full = object_with_members (CHRONO_JSON_MAX_MEMBERS);
  g_autofree char *over = object_with_members (CHRONO_JSON_MAX_MEMBERS + 1);

  assert_loads (full, "full.json");
  /* The first member too many, on line 2 + 1024. */
  assert_limit (over, "over.json", CHRONO_JSON_MAX_MEMBERS + 2, 1,
                "the object at line 1, column 56 has more than 1024 members");
}

#define HEAD "{\"chronoscope\": 1, \"lanes\": [{\"id\": \"l\", \"title\": \"L\"}],"
#define EVENT(id) "{\"id\": \"" id "\", \"lane\": \"l\", \"title\": \"t\", \"start\": \"2000\""

static const char lanes[] =
  "{\"chronoscope\": 1, \"lanes\": [{\"id\": \"a\", \"title\": \"A\"}, {\"id\": \"b\", \"title\": \"B\"},\n"
  "{\"id\": \"c\", \"title\": \"C\"}], \"events\": []}";
static const char categories[] =
  HEAD " \"categories\": [{\"id\": \"a\", \"title\": \"A\"}, {\"id\": \"b\", \"title\": \"B\"},\n"
  "  {\"id\": \"c\", \"title\": \"C\"}], \"events\": []}";
static const char events[] =
  HEAD " \"events\": [\n"
  EVENT ("a") "},\n"
  EVENT ("b") "},\n"
  "  " EVENT ("c") "}]}";
static const char series[] =
  HEAD " \"events\": [], \"series\": [\n"
  "{\"id\": \"a\", \"lane\": \"l\", \"title\": \"a\", \"points\": []},\n"
  "{\"id\": \"b\", \"lane\": \"l\", \"title\": \"b\", \"points\": []},\n"
  " {\"id\": \"c\", \"lane\": \"l\", \"title\": \"c\", \"points\": []}]}";
static const char points[] =
  HEAD " \"events\": [], \"series\": [\n"
  "{\"id\": \"a\", \"lane\": \"l\", \"title\": \"a\", \"points\": [[\"2000\", 1], [\"2001\", 2]]},\n"
  " {\"id\": \"b\", \"lane\": \"l\", \"title\": \"b\", \"points\": [[\"2000\", 1], [\"2001\", 2], [\"2002\", 3]]}]}";
static const char tags[] =
  HEAD " \"events\": [\n"
  EVENT ("a") ", \"tags\": [\"x\", \"y\"]},\n"
  EVENT ("b") ", \"tags\": [\"x\", \"y\", \"z\"]}]}";
static const char links[] =
  HEAD " \"events\": [\n"
  EVENT ("a") ", \"links\": [{\"url\": \"https://a.example/\"}, {\"url\": \"https://b.example/\"}]},\n"
  EVENT ("b") ", \"links\": [{\"url\": \"https://a.example/\"}, {\"url\": \"https://b.example/\"},\n"
  "  {\"url\": \"https://c.example/\"}]}]}";
static const char related[] =
  HEAD " \"events\": [\n"
  EVENT ("a") "},\n"
  EVENT ("b") ", \"related\": [{\"event\": \"a\"}, {\"event\": \"a\"},\n"
  "  {\"event\": \"a\"}]}]}";

/* Lowered to 2, each limit admits 2 items and refuses the third. */
static void
test_counts (void)
{
  ChronoLimits limits = defaults ();

  limits.lanes = limits.categories = limits.events = limits.series = 2;
  limits.points = limits.tags = limits.links = limits.relations = 2;
  _chrono_loader_set_limits_for_testing (&limits);

  assert_limit (lanes, "lanes.json", 2, 1, "more than 2 lanes in one file");
  assert_limit (categories, "categories.json", 2, 3, "more than 2 categories in one file");
  /* Events are counted by the guard, before json-glib builds a tree. */
  assert_limit (events, "events.json", 4, 3, "more than 2 elements in “events”");
  assert_limit (series, "series.json", 4, 2, "more than 2 series in one file");
  assert_limit (points, "points.json", 3, 41, "a series with more than 2 points");
  assert_limit (tags, "tags.json", 3, 57, "an event with more than 2 tags");
  assert_limit (links, "links.json", 3, 57, "an event with more than 2 links");
  assert_limit (related, "related.json", 3, 57, "an event with more than 2 related events");

  _chrono_loader_set_limits_for_testing (NULL);
  assert_loads (lanes, "lanes.json");
  assert_loads (related, "related.json");
}

/* CSV rows count against the limit on events while they are read. */
static void
test_csv_events (void)
{
  ChronoLimits limits = defaults ();
  static const char csv[] = "title,start\na,2000\nb,2000\n\nc,2000\nd,2000\n";

  limits.events = 3;
  _chrono_loader_set_limits_for_testing (&limits);
  assert_limit (csv, "rows.csv", 6, 1, "more than 3 events in one file");
  _chrono_loader_set_limits_for_testing (NULL);
  assert_loads (csv, "rows.csv");
}

static void
test_string_length (void)
{
  ChronoLimits limits = defaults ();
  static const char json[] = "{\"chronoscope\": 1, \"lanes\": [], \"title\": \"0123456789abcdefg\", \"events\": []}";
  static const char csv[] = "title,start\n0123456789abcdefg,2000\n";
  static const char escaped[] = "{\"chronoscope\": 1, \"lanes\": [], \"title\": \"\\u00e9\\u00e9\\u00e9\", \"events\": []}";

  limits.string_bytes = 16;
  _chrono_loader_set_limits_for_testing (&limits);
  assert_limit (json, "long.json", 1, 42, "a string longer than 16 bytes");
  assert_limit (csv, "long.csv", 2, 1, "a cell longer than 16 bytes");
  /* The length as written counts: 18 bytes of escapes. */
  assert_limit (escaped, "escaped.json", 1, 42, "a string longer than 16 bytes");
  _chrono_loader_set_limits_for_testing (NULL);
  assert_loads (json, "long.json");
  assert_loads (csv, "long.csv");
}

static void
test_json_values (void)
{
  ChronoLimits limits = defaults ();
  /* Eight values: the root, 1, [], [], "x-a"'s array and its three. */
  static const char json[] = "{\"chronoscope\": 1, \"lanes\": [], \"events\": [],\n\"x-a\": [true, null, 0]}";

  limits.json_values = 7;
  _chrono_loader_set_limits_for_testing (&limits);
  assert_limit (json, "values.json", 2, 21, "more than 7 JSON values in one file");
  limits.json_values = 8;
  _chrono_loader_set_limits_for_testing (&limits);
  assert_loads (json, "values.json");
  _chrono_loader_set_limits_for_testing (NULL);
}

/* The size cap, in binary units as docs/limits.md gives it. */
static void
test_file_size (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  g_autofree char *path = NULL;
  int fd;

  /* Sparse: refused from its size, before a byte is read. */
  fd = g_file_open_tmp ("chrono-limit-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ftruncate (fd, CHRONO_LOADER_MAX_SIZE + 1024 * 1024), ==, 0);
  close (fd);

  file = g_file_new_for_path (path);
  document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, NULL, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_TOO_LARGE);
  if (strstr (error->message, "(513.0\u00a0MiB; the limit is 512.0\u00a0MiB)") == NULL)
    g_error ("expected binary units in “%s”", error->message);

  g_unlink (path);
}

/* A file of nothing but blanks is refused as empty, at line 1. */
static void
test_whitespace (void)
{
  gsize n = 4 * 1024 * 1024;
  g_autofree char *text = g_malloc (n + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;

  for (gsize i = 0; i < n; i++)
    text[i] = " \n\t\r   "[i % 7];
  text[n] = '\0';

  document = test_load_text (text, "blank.json", NULL, &error);
  g_assert_null (document);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_EMPTY);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/limits/members", test_members);
  g_test_add_func ("/model/limits/counts", test_counts);
  g_test_add_func ("/model/limits/csv-events", test_csv_events);
  g_test_add_func ("/model/limits/string-length", test_string_length);
  g_test_add_func ("/model/limits/json-values", test_json_values);
  g_test_add_func ("/model/limits/file-size", test_file_size);
  g_test_add_func ("/model/limits/whitespace", test_whitespace);

  return g_test_run ();
}
