/* test-writer.c: saving in the native format, TimelineJS and CSV
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "chrono-loader.h"
#include "chrono-writer.h"
#include "model-test-util.h"

typedef enum
{
  SAME_ALL = 0,
  /* Importers' HOUR precision is written "Thh:00" and reads as MINUTE. */
  SAME_HOUR_IS_MINUTE = 1 << 0,
} SameFlags;

static void
assert_same_date (const ChronoDate *a,
                  const ChronoDate *b,
                  SameFlags         flags)
{
  guint pa = a->precision, pb = b->precision;

  if (flags & SAME_HOUR_IS_MINUTE)
    {
      if (pa == CHRONO_PRECISION_HOUR)
        pa = CHRONO_PRECISION_MINUTE;
      if (pb == CHRONO_PRECISION_HOUR)
        pb = CHRONO_PRECISION_MINUTE;
    }
  g_assert_cmpint (a->time, ==, b->time);
  g_assert_cmpint (a->offset, ==, b->offset);
  g_assert_cmpuint (pa, ==, pb);
  g_assert_cmpuint (a->flags, ==, b->flags);
}

static void
assert_same_extensions (ChronoDocument   *a,
                        ChronoDocument   *b,
                        ChronoRecordKind  kind,
                        guint             index)
{
  g_assert_cmpstr (chrono_document_get_extensions (a, kind, index), ==,
                   chrono_document_get_extensions (b, kind, index));
}

/* Compares every field of two documents but the file, the format and
 * the events' positions in their files. */
static void
assert_same_document (ChronoDocument *a,
                      ChronoDocument *b,
                      SameFlags       flags)
{
  const guint *story_a, *story_b;
  guint n_story_a, n_story_b;

  g_assert_cmpstr (chrono_document_get_title (a), ==, chrono_document_get_title (b));
  g_assert_cmpstr (chrono_document_get_description (a), ==, chrono_document_get_description (b));
  assert_same_extensions (a, b, CHRONO_RECORD_DOCUMENT, 0);
  test_assert_same_cover (a, b);

  g_assert_cmpuint (chrono_document_get_n_lanes (a), ==, chrono_document_get_n_lanes (b));
  for (guint i = 0; i < chrono_document_get_n_lanes (a); i++)
    {
      const ChronoLane *la = chrono_document_get_lane (a, i);
      const ChronoLane *lb = chrono_document_get_lane (b, i);

      g_assert_cmpstr (la->id, ==, lb->id);
      g_assert_cmpstr (la->title, ==, lb->title);
      g_assert_cmpstr (la->description, ==, lb->description);
      g_assert_cmpint (la->kind, ==, lb->kind);
      g_assert_cmpint (la->has_color, ==, lb->has_color);
      g_assert_cmphex (la->color, ==, lb->color);
      g_assert_cmpstr (la->image, ==, lb->image);
      assert_same_extensions (a, b, CHRONO_RECORD_LANE, i);
    }

  g_assert_cmpuint (chrono_document_get_n_categories (a), ==, chrono_document_get_n_categories (b));
  for (guint i = 0; i < chrono_document_get_n_categories (a); i++)
    {
      const ChronoCategory *ca = chrono_document_get_category (a, i);
      const ChronoCategory *cb = chrono_document_get_category (b, i);

      g_assert_cmpstr (ca->id, ==, cb->id);
      g_assert_cmpstr (ca->title, ==, cb->title);
      g_assert_cmpint (ca->has_color, ==, cb->has_color);
      g_assert_cmphex (ca->color, ==, cb->color);
      assert_same_extensions (a, b, CHRONO_RECORD_CATEGORY, i);
    }

  g_assert_cmpuint (chrono_document_get_n_events (a), ==, chrono_document_get_n_events (b));
  for (guint i = 0; i < chrono_document_get_n_events (a); i++)
    {
      const ChronoEvent *ea = chrono_document_get_event (a, i);
      const ChronoEvent *eb = chrono_document_get_event (b, i);
      const ChronoEventExtra *xa = ea->extra, *xb = eb->extra;

      g_assert_cmpstr (ea->id, ==, eb->id);
      g_assert_cmpstr (ea->title, ==, eb->title);
      g_assert_cmpstr (ea->description, ==, eb->description);
      assert_same_date (&ea->start, &eb->start, flags);
      assert_same_date (&ea->end, &eb->end, flags);
      g_assert_cmpint (ea->end_time, ==, eb->end_time);
      g_assert_cmpuint (ea->lane, ==, eb->lane);
      g_assert_cmpint (ea->category, ==, eb->category);
      g_assert_cmpuint (ea->importance, ==, eb->importance);
      g_assert_cmpuint (ea->index, ==, eb->index);
      g_assert_true ((xa == NULL) == (xb == NULL));
      if (xa != NULL)
        {
          test_assert_same_media (xa->media, xb->media, TRUE);
          g_assert_cmpuint (xa->n_tags, ==, xb->n_tags);
          for (guint t = 0; t < xa->n_tags; t++)
            g_assert_cmpstr (xa->tags[t], ==, xb->tags[t]);
          g_assert_cmpuint (xa->n_links, ==, xb->n_links);
          for (guint l = 0; l < xa->n_links; l++)
            {
              g_assert_cmpstr (xa->links[l].url, ==, xb->links[l].url);
              g_assert_cmpstr (xa->links[l].title, ==, xb->links[l].title);
            }
          g_assert_cmpuint (xa->n_related, ==, xb->n_related);
          for (guint r = 0; r < xa->n_related; r++)
            {
              g_assert_cmpuint (xa->related[r].event, ==, xb->related[r].event);
              g_assert_cmpstr (xa->related[r].label, ==, xb->related[r].label);
            }
        }
      assert_same_extensions (a, b, CHRONO_RECORD_EVENT, i);
    }

  g_assert_cmpuint (chrono_document_get_n_series (a), ==, chrono_document_get_n_series (b));
  for (guint i = 0; i < chrono_document_get_n_series (a); i++)
    {
      const ChronoSeries *sa = chrono_document_get_series (a, i);
      const ChronoSeries *sb = chrono_document_get_series (b, i);

      g_assert_cmpstr (sa->id, ==, sb->id);
      g_assert_cmpstr (sa->title, ==, sb->title);
      g_assert_cmpstr (sa->unit, ==, sb->unit);
      g_assert_cmpuint (sa->lane, ==, sb->lane);
      g_assert_cmpint (sa->has_color, ==, sb->has_color);
      g_assert_cmphex (sa->color, ==, sb->color);
      g_assert_cmpint (sa->style, ==, sb->style);
      g_assert_cmpuint (sa->n_points, ==, sb->n_points);
      for (guint p = 0; p < sa->n_points; p++)
        {
          assert_same_date (&sa->points[p].date, &sb->points[p].date, flags);
          g_assert_cmpfloat (sa->points[p].value, ==, sb->points[p].value);
        }
      assert_same_extensions (a, b, CHRONO_RECORD_SERIES, i);
    }

  g_assert_cmpuint (chrono_document_get_n_eras (a), ==, chrono_document_get_n_eras (b));
  for (guint i = 0; i < chrono_document_get_n_eras (a); i++)
    {
      const ChronoEra *ra = chrono_document_get_era (a, i);
      const ChronoEra *rb = chrono_document_get_era (b, i);

      g_assert_cmpstr (ra->title, ==, rb->title);
      assert_same_date (&ra->start, &rb->start, flags);
      assert_same_date (&ra->end, &rb->end, flags);
      g_assert_cmpint (ra->end_time, ==, rb->end_time);
      g_assert_cmpint (ra->has_color, ==, rb->has_color);
      g_assert_cmphex (ra->color, ==, rb->color);
      assert_same_extensions (a, b, CHRONO_RECORD_ERA, i);
    }

  story_a = chrono_document_get_story (a, &n_story_a);
  story_b = chrono_document_get_story (b, &n_story_b);
  g_assert_cmpuint (n_story_a, ==, n_story_b);
  for (guint i = 0; i < n_story_a; i++)
    {
      g_assert_cmpuint (story_a[i], ==, story_b[i]);
      g_assert_cmpstr (chrono_document_get_story_notes (a, i), ==, chrono_document_get_story_notes (b, i));
    }
}

static ChronoDocument *
load_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ChronoDocument *document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, NULL, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static ChronoDocument *
load_written (const char *data,
              gsize       length,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  ChronoDocument *document = chrono_loader_load_data (data, length, name, CHRONO_LOAD_DEFAULT,
                                                      NULL, NULL, &error);

  if (error != NULL)
    g_printerr ("%s\n", data);
  g_assert_no_error (error);
  return document;
}

/* Load, save natively, load: the same document; saving again gives
 * the same bytes. */
static void
check_native_round_trip (const char *path,
                         SameFlags   flags)
{
  g_autoptr(ChronoDocument) original = load_path (path);
  g_autoptr(ChronoDocument) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize length;

  g_test_message ("%s", path);
  first = chrono_writer_to_data (original, CHRONO_FORMAT_NATIVE, &length);
  again = load_written (first, length, "saved.json");
  g_assert_cmpint (chrono_document_get_format (again), ==, CHRONO_FORMAT_NATIVE);
  assert_same_document (original, again, flags);

  second = chrono_writer_to_data (again, CHRONO_FORMAT_NATIVE, NULL);
  g_assert_cmpstr (first, ==, second);
}

static void
for_each_file (const char *dir_path,
               const char *suffix,
               SameFlags   flags)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!g_str_has_suffix (name, suffix))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      check_native_round_trip (path, flags);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

static void
test_round_trip_examples (void)
{
  g_autofree char *examples = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", NULL);
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "data", "good", NULL);

  for_each_file (examples, ".json", SAME_ALL);
  for_each_file (good, ".json", SAME_ALL);
}

static void
test_round_trip_converted (void)
{
  g_autofree char *timelinejs = g_test_build_filename (G_TEST_DIST, "data", "timelinejs", NULL);
  const char * const csv[] = { "native.csv", "semicolon-bom-crlf.csv", "timelinejs.csv" };

  for_each_file (timelinejs, ".json", SAME_HOUR_IS_MINUTE);
  for (guint i = 0; i < G_N_ELEMENTS (csv); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", csv[i], NULL);

      check_native_round_trip (path, SAME_HOUR_IS_MINUTE);
    }
}

/* The layout: what a diff of a saved file shows. */
static void
test_layout (void)
{
  const char *input =
    "{ \"x-tool\": [1, 2.5, \"é\"], \"story\": [\"b\"], \"chronoscope\": 1, \"title\": \"T\",\n"
    "  \"lanes\": [ { \"title\": \"K\", \"id\": \"k\", \"kind\": \"person\", \"color\": \"#3584E4\" } ],\n"
    "  \"events\": [\n"
    "    { \"title\": \"B\", \"id\": \"b\", \"lane\": \"k\", \"start\": \"2015-12-11T09:30+02:00\", \"end\": \"..\",\n"
    "      \"importance\": 5, \"tags\": [\"x\", \"y\"], \"x-source\": { \"page\": 3 },\n"
    "      \"links\": [ { \"title\": \"L\", \"url\": \"https://example.org/\" } ],\n"
    "      \"related\": [ { \"event\": \"a\", \"label\": \"after\" } ] },\n"
    "    { \"id\": \"a\", \"lane\": \"k\", \"title\": \"A \\\"q\\\"\\n2\", \"start\": \"-13800000000~\", \"importance\": 3 }\n"
    "  ],\n"
    "  \"series\": [ { \"id\": \"s\", \"lane\": \"k\", \"title\": \"S\", \"points\": [ [\"2016\", 0.1], [\"2015?\", 9] ] } ],\n"
    "  \"eras\": [ { \"title\": \"E\", \"start\": \"2015\", \"end\": \"2016%\", \"x-id\": \"e\" } ]\n"
    "}\n";
  const char *expected =
    "{\n"
    "  \"chronoscope\": 1,\n"
    "  \"title\": \"T\",\n"
    "  \"lanes\": [\n"
    "    {\n"
    "      \"id\": \"k\",\n"
    "      \"title\": \"K\",\n"
    "      \"kind\": \"person\",\n"
    "      \"color\": \"#3584e4\"\n"
    "    }\n"
    "  ],\n"
    "  \"events\": [\n"
    "    {\n"
    "      \"id\": \"a\",\n"
    "      \"lane\": \"k\",\n"
    "      \"title\": \"A \\\"q\\\"\\n2\",\n"
    "      \"start\": \"-13800000000~\"\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"b\",\n"
    "      \"lane\": \"k\",\n"
    "      \"title\": \"B\",\n"
    "      \"start\": \"2015-12-11T09:30+02:00\",\n"
    "      \"end\": \"..\",\n"
    "      \"importance\": 5,\n"
    "      \"tags\": [\"x\", \"y\"],\n"
    "      \"links\": [\n"
    "        { \"url\": \"https://example.org/\", \"title\": \"L\" }\n"
    "      ],\n"
    "      \"related\": [\n"
    "        { \"event\": \"a\", \"label\": \"after\" }\n"
    "      ],\n"
    "      \"x-source\": {\"page\":3}\n"
    "    }\n"
    "  ],\n"
    "  \"series\": [\n"
    "    {\n"
    "      \"id\": \"s\",\n"
    "      \"lane\": \"k\",\n"
    "      \"title\": \"S\",\n"
    "      \"points\": [\n"
    "        [\"2015?\", 9],\n"
    "        [\"2016\", 0.1]\n"
    "      ]\n"
    "    }\n"
    "  ],\n"
    "  \"eras\": [\n"
    "    {\n"
    "      \"title\": \"E\",\n"
    "      \"start\": \"2015\",\n"
    "      \"end\": \"2016%\",\n"
    "      \"x-id\": \"e\"\n"
    "    }\n"
    "  ],\n"
    "  \"story\": [\n"
    "    \"b\"\n"
    "  ],\n"
    "  \"x-tool\": [1,2.5,\"é\"]\n"
    "}\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = test_load_text (input, "in.json", NULL, &error);
  g_autofree char *written = NULL;

  g_assert_no_error (error);
  written = chrono_writer_to_data (document, CHRONO_FORMAT_NATIVE, NULL);
  g_assert_cmpstr (written, ==, expected);
}

static void
test_extensions (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "good", "extensions.json", NULL);
  g_autoptr(ChronoDocument) document = load_path (path);
  int a = chrono_document_find_event (document, "a");
  int b = chrono_document_find_event (document, "b");

  g_assert_cmpstr (chrono_document_get_extensions (document, CHRONO_RECORD_DOCUMENT, 0), ==,
                   "{\"x-generator\":{\"name\":\"hand\",\"version\":[1,2,3]}}");
  g_assert_cmpstr (chrono_document_get_extensions (document, CHRONO_RECORD_LANE, 0), ==,
                   "{\"x-wikidata\":\"Q123\"}");
  g_assert_cmpstr (chrono_document_get_extensions (document, CHRONO_RECORD_CATEGORY, 0), ==,
                   "{\"x-note\":null}");
  g_assert_cmpstr (chrono_document_get_extensions (document, CHRONO_RECORD_EVENT, a), ==,
                   "{\"x-source\":{\"page\":3}}");
  g_assert_null (chrono_document_get_extensions (document, CHRONO_RECORD_EVENT, b));
  g_assert_cmpstr (chrono_document_get_extensions (document, CHRONO_RECORD_SERIES, 0), ==,
                   "{\"x-source\":\"survey\"}");
  g_assert_cmpstr (chrono_document_get_extensions (document, CHRONO_RECORD_ERA, 0), ==,
                   "{\"x-id\":\"e\"}");
  g_assert_null (chrono_document_get_extensions (document, CHRONO_RECORD_ERA, 1));
}

/* Eras are sorted by the builder: their extensions follow them. */
static void
test_extensions_follow_sorting (void)
{
  const char *input =
    "{ \"chronoscope\": 1, \"lanes\": [], \"events\": [\n"
    "  { \"id\": \"late\", \"lane\": \"k\", \"title\": \"L\", \"start\": \"2020\", \"x-n\": 2 },\n"
    "  { \"id\": \"early\", \"lane\": \"k\", \"title\": \"E\", \"start\": \"2010\", \"x-n\": 1 } ],\n"
    "  \"lanes\": [ { \"id\": \"k\", \"title\": \"K\" } ],\n"
    "  \"eras\": [ { \"title\": \"B\", \"start\": \"2000\", \"end\": \"2001\", \"x-n\": \"b\" },\n"
    "            { \"title\": \"A\", \"start\": \"1990\", \"end\": \"1991\" } ] }";
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = test_load_text (input, "in.json", NULL, &error);

  /* A duplicate "lanes" is an error: make the input valid first. */
  g_assert_null (document);
  g_clear_error (&error);
  {
    g_autofree char *fixed = g_strdup (input);
    char *dup = strstr (fixed, "\"lanes\": [], ");

    memset (dup, ' ', strlen ("\"lanes\": [], "));
    document = test_load_text (fixed, "in.json", NULL, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpstr (chrono_document_get_event (document, 0)->id, ==, "early");
  g_assert_cmpstr (chrono_document_get_extensions (document, CHRONO_RECORD_EVENT, 0), ==, "{\"x-n\":1}");
  g_assert_cmpstr (chrono_document_get_extensions (document, CHRONO_RECORD_EVENT, 1), ==, "{\"x-n\":2}");
  g_assert_cmpstr (chrono_document_get_era (document, 0)->title, ==, "A");
  g_assert_null (chrono_document_get_extensions (document, CHRONO_RECORD_ERA, 0));
  g_assert_cmpstr (chrono_document_get_extensions (document, CHRONO_RECORD_ERA, 1), ==, "{\"x-n\":\"b\"}");
}

/* Extensions cost events without them nothing. */
static void
test_extensions_memory (void)
{
  const char *plain = "{ \"chronoscope\": 1, \"lanes\": [ { \"id\": \"k\", \"title\": \"K\" } ],"
                      " \"events\": [ { \"id\": \"a\", \"lane\": \"k\", \"title\": \"A\", \"start\": \"2015\" } ] }";
  const char *extended = "{ \"chronoscope\": 1, \"lanes\": [ { \"id\": \"k\", \"title\": \"K\" } ],"
                         " \"events\": [ { \"id\": \"a\", \"lane\": \"k\", \"title\": \"A\", \"start\": \"2015\", \"x-a\": 1 } ] }";
  g_autoptr(ChronoDocument) a = test_load_text (plain, "a.json", NULL, NULL);
  g_autoptr(ChronoDocument) b = test_load_text (extended, "b.json", NULL, NULL);

  g_assert_cmpuint (chrono_document_get_memory_size (b, NULL), >,
                    chrono_document_get_memory_size (a, NULL));
  g_assert_cmpuint (chrono_document_get_memory_size (b, NULL) - chrono_document_get_memory_size (a, NULL),
                    <=, 2 * sizeof (gpointer) + 8);
}

/* Files */

static char *
make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("chronoscope-writer-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
remove_tmpdir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static ChronoDocument *
load_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "good", "full.json", NULL);

  return load_path (path);
}

static void
test_file_symlink_and_mode (void)
{
  g_autoptr(ChronoDocument) document = load_example ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *target = g_build_filename (dir, "target.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link.json", NULL);
  g_autofree char *read_back = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (link);
  g_autoptr(ChronoDocument) again = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  g_assert_cmpint (g_chmod (target, 0600), ==, 0);
  g_assert_cmpint (symlink ("target.json", link), ==, 0);

  g_assert_true (chrono_writer_write_file (document, CHRONO_FORMAT_NATIVE, file, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  read_back = g_file_read_link (link, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read_back, ==, "target.json");
  g_assert_cmpint (g_stat (target, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (count_files (dir), ==, 2);

  again = load_path (target);
  assert_same_document (document, again, SAME_ALL);
  remove_tmpdir (dir);
}

/* A write that fails half-way (the file size limit is hit) keeps the
 * old file and leaves nothing behind; so does a new file. */
static void
test_file_failure (void)
{
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  {
    g_autoptr(ChronoDocument) document = load_example ();
    g_autoptr(GError) error = NULL;
    g_autofree char *dir = make_tmpdir ();
    g_autofree char *path = g_build_filename (dir, "old.json", NULL);
    g_autofree char *fresh = g_build_filename (dir, "new.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GFile) fresh_file = g_file_new_for_path (fresh);
    g_autofree char *contents = NULL;
    struct rlimit limit = { 1024, 1024 };

    g_assert_true (g_file_set_contents (path, "old", -1, NULL));
    signal (SIGXFSZ, SIG_IGN);
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

    g_assert_false (chrono_writer_write_file (document, CHRONO_FORMAT_NATIVE, file, NULL, &error));
    g_assert_nonnull (error);
    g_assert_true (g_str_has_prefix (error->message, "cannot write"));
    g_clear_error (&error);
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "old");

    g_assert_false (chrono_writer_write_file (document, CHRONO_FORMAT_NATIVE, fresh_file, NULL, &error));
    g_assert_nonnull (error);
    g_assert_cmpuint (count_files (dir), ==, 1);
    remove_tmpdir (dir);
  }
}

static void
test_file_cancel (void)
{
  g_autoptr(ChronoDocument) document = load_example ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (chrono_writer_write_file (document, CHRONO_FORMAT_NATIVE, file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_assert_cmpuint (count_files (dir), ==, 1);
  remove_tmpdir (dir);
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (chrono_writer_write_file_finish (result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_file_async (void)
{
  g_autoptr(ChronoDocument) document = load_example ();
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "new.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ChronoDocument) again = NULL;
  gboolean done = FALSE;

  chrono_writer_write_file_async (document, CHRONO_FORMAT_NATIVE, file, NULL, on_written, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  again = load_path (path);
  assert_same_document (document, again, SAME_ALL);
  remove_tmpdir (dir);
}

/* Other formats */

/* What TimelineJS holds comes back: titles, descriptions, dates to
 * their precision, lanes by title, links, media, the cover, eras; and a
 * file written from what was read back is the same file. */
static void
check_timelinejs (const char *path)
{
  g_autoptr(ChronoDocument) original = load_path (path);
  g_autoptr(ChronoDocument) read_back = NULL;
  g_autoptr(ChronoDocument) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gboolean any_links = FALSE;
  gsize length;

  g_test_message ("%s", path);
  first = chrono_writer_to_data (original, CHRONO_FORMAT_TIMELINEJS, &length);
  read_back = load_written (first, length, "out.json");
  g_assert_cmpint (chrono_document_get_format (read_back), ==, CHRONO_FORMAT_TIMELINEJS);

  g_assert_cmpstr (chrono_document_get_title (read_back), ==, chrono_document_get_title (original));
  test_assert_same_media (chrono_document_get_cover_media (read_back), chrono_document_get_cover_media (original),
                          TRUE);
  g_assert_cmpuint (chrono_document_get_n_events (read_back), ==, chrono_document_get_n_events (original));
  for (guint i = 0; i < chrono_document_get_n_events (original); i++)
    {
      const ChronoEvent *a = chrono_document_get_event (original, i);
      const ChronoEvent *b = chrono_document_get_event (read_back, i);

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->title, ==, b->title);
      g_assert_cmpint (a->start.time, ==, b->start.time);
      g_assert_cmpuint (a->start.precision, ==, b->start.precision);
      g_assert_cmpstr (chrono_document_get_lane (original, a->lane)->title, ==,
                       chrono_document_get_lane (read_back, b->lane)->title);
      if (a->extra == NULL || a->extra->n_links == 0)
        g_assert_cmpstr (a->description, ==, b->description);
      test_assert_same_media (chrono_document_get_event_media (original, i),
                              chrono_document_get_event_media (read_back, i), TRUE);
      if (a->extra != NULL && a->extra->n_links > 0)
        {
          g_assert_nonnull (b->extra);
          g_assert_cmpuint (a->extra->n_links, ==, b->extra->n_links);
          for (guint l = 0; l < a->extra->n_links; l++)
            {
              g_assert_cmpstr (a->extra->links[l].url, ==, b->extra->links[l].url);
              if (a->extra->links[l].title != NULL)
                g_assert_cmpstr (a->extra->links[l].title, ==, b->extra->links[l].title);
            }
          any_links = TRUE;
        }
    }

  /* Links add their titles to the description each time. */
  if (any_links)
    return;

  second = chrono_writer_to_data (read_back, CHRONO_FORMAT_TIMELINEJS, &length);
  again = load_written (second, length, "again.json");
  assert_same_document (read_back, again, SAME_ALL);
  g_assert_cmpstr (first, ==, second);
}

static void
test_timelinejs (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "timelinejs", NULL);
  const char * const names[] = { "full.json", "sheet.json", "title-empty-date.json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      check_timelinejs (path);
    }
}

/* What a native file holds that TimelineJS can hold survives. */
static void
test_timelinejs_from_native (void)
{
  const char *input =
    "{ \"chronoscope\": 1, \"title\": \"T & U\", \"description\": \"One\\n\\nTwo <b>\\nthree\",\n"
    "  \"lanes\": [ { \"id\": \"k\", \"title\": \"K <1>\" } ],\n"
    "  \"events\": [\n"
    "    { \"id\": \"bc\", \"lane\": \"k\", \"title\": \"Caesar\", \"start\": \"-0043-03-15\" },\n"
    "    { \"id\": \"t\", \"lane\": \"k\", \"title\": \"Time\", \"start\": \"2015-12-11T09:30:15\",\n"
    "      \"end\": \"2016-01\", \"links\": [ { \"url\": \"https://a.example/\", \"title\": \"A\" } ] },\n"
    "    { \"id\": \"deep\", \"lane\": \"k\", \"title\": \"Big Bang\", \"start\": \"-13800000000\" } ],\n"
    "  \"eras\": [ { \"title\": \"E\", \"start\": \"2015\", \"end\": \"2016\" } ] }";
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = test_load_text (input, "in.json", NULL, &error);
  g_autoptr(ChronoDocument) back = NULL;
  g_autofree char *text = NULL;
  gsize length;
  const ChronoEvent *e;

  g_assert_no_error (error);
  text = chrono_writer_to_data (document, CHRONO_FORMAT_TIMELINEJS, &length);
  back = load_written (text, length, "out.json");
  g_assert_cmpstr (chrono_document_get_title (back), ==, "T & U");
  g_assert_cmpstr (chrono_document_get_description (back), ==, "One\n\nTwo <b>\nthree");
  g_assert_cmpuint (chrono_document_get_n_events (back), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const ChronoEvent *a = chrono_document_get_event (document, i);

      e = chrono_document_get_event (back, i);
      g_assert_cmpstr (e->id, ==, a->id);
      assert_same_date (&a->start, &e->start, SAME_ALL);
      assert_same_date (&a->end, &e->end, SAME_ALL);
      g_assert_cmpstr (chrono_document_get_lane (back, e->lane)->title, ==, "K <1>");
    }
  e = chrono_document_get_event (back, chrono_document_find_event (back, "t"));
  g_assert_cmpstr (e->extra->links[0].url, ==, "https://a.example/");
  g_assert_cmpstr (e->extra->links[0].title, ==, "A");
  g_assert_cmpuint (chrono_document_get_n_eras (back), ==, 1);
  assert_same_date (&chrono_document_get_era (document, 0)->end,
                    &chrono_document_get_era (back, 0)->end, SAME_ALL);
}

/* CSV holds every event field but relations, link titles and the ids of
 * lanes and categories (it names them). */
static void
test_csv (void)
{
  g_autoptr(ChronoDocument) original = load_example ();
  g_autoptr(ChronoDocument) read_back = NULL;
  g_autoptr(ChronoDocument) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize length;

  first = chrono_writer_to_data (original, CHRONO_FORMAT_CSV, &length);
  g_assert_true (g_str_has_prefix (first, "title,start,end,lane,category,description,tags,link,id,importance\r\n"));
  read_back = load_written (first, length, "out.csv");
  g_assert_cmpint (chrono_document_get_format (read_back), ==, CHRONO_FORMAT_CSV);

  g_assert_cmpuint (chrono_document_get_n_events (read_back), ==, chrono_document_get_n_events (original));
  for (guint i = 0; i < chrono_document_get_n_events (original); i++)
    {
      const ChronoEvent *a = chrono_document_get_event (original, i);
      const ChronoEvent *b = chrono_document_get_event (read_back, i);

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->title, ==, b->title);
      g_assert_cmpstr (a->description, ==, b->description);
      assert_same_date (&a->start, &b->start, SAME_ALL);
      assert_same_date (&a->end, &b->end, SAME_ALL);
      g_assert_cmpuint (a->importance, ==, b->importance);
      g_assert_cmpstr (chrono_document_get_lane (original, a->lane)->title, ==,
                       chrono_document_get_lane (read_back, b->lane)->title);
      if (a->category >= 0)
        g_assert_cmpstr (chrono_document_get_category (original, a->category)->title, ==,
                         chrono_document_get_category (read_back, b->category)->title);
      else
        g_assert_cmpint (b->category, ==, -1);
      g_assert_cmpuint (a->extra != NULL ? a->extra->n_tags : 0, ==, b->extra != NULL ? b->extra->n_tags : 0);
      for (guint t = 0; a->extra != NULL && t < a->extra->n_tags; t++)
        g_assert_cmpstr (a->extra->tags[t], ==, b->extra->tags[t]);
      g_assert_cmpuint (a->extra != NULL ? a->extra->n_links : 0, ==, b->extra != NULL ? b->extra->n_links : 0);
      for (guint l = 0; a->extra != NULL && l < a->extra->n_links; l++)
        g_assert_cmpstr (a->extra->links[l].url, ==, b->extra->links[l].url);
    }

  second = chrono_writer_to_data (read_back, CHRONO_FORMAT_CSV, &length);
  g_assert_cmpstr (first, ==, second);
  again = load_written (second, length, "again.csv");
  assert_same_document (read_back, again, SAME_ALL);
}

/* Media survive CSV (but a link card's title, which the template has
 * no column for) and TimelineJS. */
static void
test_media_other_formats (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "good", "media.json", NULL);
  g_autoptr(ChronoDocument) original = load_path (path);
  const ChronoSourceFormat formats[] = { CHRONO_FORMAT_CSV, CHRONO_FORMAT_TIMELINEJS };
  const char * const names[] = { "out.csv", "out.json" };

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *data = NULL;
      g_autoptr(ChronoDocument) read_back = NULL;
      gsize length;

      data = chrono_writer_to_data (original, formats[f], &length);
      read_back = load_written (data, length, names[f]);
      for (guint i = 0; i < chrono_document_get_n_events (original); i++)
        {
          const ChronoMedia *a = chrono_document_get_event_media (original, i);
          const ChronoMedia *b = chrono_document_get_event_media (read_back, i);

          g_test_message ("%s: %s", names[f], chrono_document_get_event (original, i)->id);
          test_assert_same_media (a, b, formats[f] == CHRONO_FORMAT_TIMELINEJS);
        }
      if (formats[f] == CHRONO_FORMAT_TIMELINEJS)
        test_assert_same_cover (original, read_back);
    }
}

static void
test_format_for_name (void)
{
  g_assert_cmpint (chrono_writer_format_for_name ("a.csv"), ==, CHRONO_FORMAT_CSV);
  g_assert_cmpint (chrono_writer_format_for_name ("A.TSV"), ==, CHRONO_FORMAT_CSV);
  g_assert_cmpint (chrono_writer_format_for_name ("a.json"), ==, CHRONO_FORMAT_NATIVE);
  g_assert_cmpint (chrono_writer_format_for_name ("a"), ==, CHRONO_FORMAT_NATIVE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/writer/native/round-trip", test_round_trip_examples);
  g_test_add_func ("/model/writer/native/round-trip-converted", test_round_trip_converted);
  g_test_add_func ("/model/writer/native/layout", test_layout);
  g_test_add_func ("/model/writer/extensions/kept", test_extensions);
  g_test_add_func ("/model/writer/extensions/sorting", test_extensions_follow_sorting);
  g_test_add_func ("/model/writer/extensions/memory", test_extensions_memory);
  g_test_add_func ("/model/writer/file/symlink-and-mode", test_file_symlink_and_mode);
  g_test_add_func ("/model/writer/file/failure", test_file_failure);
  g_test_add_func ("/model/writer/file/cancel", test_file_cancel);
  g_test_add_func ("/model/writer/file/async", test_file_async);
  g_test_add_func ("/model/writer/timelinejs/round-trip", test_timelinejs);
  g_test_add_func ("/model/writer/timelinejs/from-native", test_timelinejs_from_native);
  g_test_add_func ("/model/writer/csv/round-trip", test_csv);
  g_test_add_func ("/model/writer/media/other-formats", test_media_other_formats);
  g_test_add_func ("/model/writer/format-for-name", test_format_for_name);

  return g_test_run ();
}
