#define G_LOG_DOMAIN "test-loader"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "chrono-json-guard.h"
#include "chrono-loader.h"
#include "chrono-loader-private.h"

#include "model-test-util.h"

/* A timeline of @n events over a megabyte, so that its tree is freed
 * on a thread of its own; with @bad_lane, the last event names a lane
 * that does not exist. */
static char *
large_timeline (guint    n,
                gboolean bad_lane)
{
  GString *text = g_string_new ("{\n  \"chronoscope\": 1,\n"
                                "  \"lanes\": [ { \"id\": \"a\", \"title\": \"A\" }, { \"id\": \"b\", \"title\": \"B\" } ],\n"
                                "  \"events\": [\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text,
                            "    { \"id\": \"event-%u\", \"lane\": \"%s\", \"start\": \"%u-%02u-%02u\", "
                            "\"title\": \"A title long enough to make the file large, number %u\" }%s\n",
                            i, bad_lane && i == n - 1 ? "nowhere" : (i % 2 ? "a" : "b"),
                            1900 + (i * 7) % 120, 1 + i % 12, 1 + i % 28, i, i + 1 < n ? "," : "");
  g_string_append (text, "  ]\n}\n");

  return g_string_free (text, FALSE);
}

static void
test_large (void)
{
  const guint n = 12000;
  g_autofree char *text = large_timeline (n, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;

  g_assert_cmpuint (strlen (text), >, 1024 * 1024);
  document = test_load_text (text, "large.json", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, n);

  for (guint i = 0; i < n; i++)
    {
      const ChronoEvent *event = chrono_document_get_event (document, i);

      g_assert_cmpint (chrono_document_find_event (document, event->id), ==, i);
      if (i > 0)
        g_assert_cmpint (chrono_document_get_event (document, i - 1)->start.time, <=, event->start.time);
    }
  /* The source position comes from the guard's pass. */
  g_assert_cmpuint (chrono_document_get_event (document, chrono_document_find_event (document, "event-0"))->source.line,
                    ==, 5);
  g_assert_cmpuint (chrono_document_get_event (document, chrono_document_find_event (document, "event-11999"))->source.line,
                    ==, 5 + n - 1);
}

static void
test_large_error (void)
{
  const guint n = 12000;
  g_autofree char *text = large_timeline (n, TRUE);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_diagnostic_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  const ChronoDiagnostic *d;

  document = test_load_text (text, "large.json", diagnostics, &error);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_REFERENCE);
  g_assert_null (document);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  d = g_ptr_array_index (diagnostics, 0);
  g_assert_cmpstr (d->path, ==, "events[11999].lane");
  g_assert_cmpuint (d->pos.line, ==, 5 + n - 1);
  g_assert_cmpuint (d->pos.column, ==, 28);
}

/* One fixture in tests/data/bad/ and what loading it must report: the
 * first error's code, exact position and, for errors found after
 * parsing, the JSON path.  Every fixture holds exactly one error. */
typedef struct
{
  const char      *name;
  ChronoErrorCode  code;
  guint            line;
  guint            column;
  const char      *path;
} BadCase;

static const BadCase bad_cases[] = {
  { "empty", CHRONO_ERROR_EMPTY, 1, 1, NULL },
  { "whitespace", CHRONO_ERROR_EMPTY, 1, 1, NULL },
  { "bom-only", CHRONO_ERROR_EMPTY, 1, 1, NULL },
  { "two-roots", CHRONO_ERROR_SYNTAX, 1, 22, NULL },
  { "json-lines", CHRONO_ERROR_SYNTAX, 2, 1, NULL },
  { "var-prefix", CHRONO_ERROR_SYNTAX, 1, 1, NULL },
  { "trailing-semicolon", CHRONO_ERROR_SYNTAX, 3, 2, NULL },
  { "huge-int", CHRONO_ERROR_NUMBER, 5, 87, NULL },
  { "huge-int-2", CHRONO_ERROR_NUMBER, 4, 76, NULL },
  { "inf", CHRONO_ERROR_NUMBER, 4, 76, NULL },
  { "octal", CHRONO_ERROR_NUMBER, 5, 87, NULL },
  { "hex", CHRONO_ERROR_NUMBER, 5, 87, NULL },
  { "plus-sign", CHRONO_ERROR_NUMBER, 5, 87, NULL },
  { "leading-dot", CHRONO_ERROR_NUMBER, 4, 76, NULL },
  { "nan", CHRONO_ERROR_NUMBER, 4, 76, NULL },
  { "infinity", CHRONO_ERROR_NUMBER, 4, 76, NULL },
  { "comment", CHRONO_ERROR_SYNTAX, 3, 3, NULL },
  { "block-comment", CHRONO_ERROR_SYNTAX, 2, 21, NULL },
  { "single-quotes", CHRONO_ERROR_SYNTAX, 3, 12, NULL },
  { "single-quoted-key", CHRONO_ERROR_SYNTAX, 3, 3, NULL },
  { "unquoted-key", CHRONO_ERROR_SYNTAX, 3, 3, NULL },
  { "trailing-comma", CHRONO_ERROR_SYNTAX, 4, 22, NULL },
  { "trailing-comma-object", CHRONO_ERROR_SYNTAX, 3, 15, NULL },
  { "missing-comma", CHRONO_ERROR_SYNTAX, 3, 3, NULL },
  { "unclosed", CHRONO_ERROR_SYNTAX, 4, 1, NULL },
  { "mismatched-bracket", CHRONO_ERROR_SYNTAX, 3, 14, NULL },
  { "duplicate-key", CHRONO_ERROR_DUPLICATE_KEY, 6, 7, NULL },
  { "duplicate-key-escaped", CHRONO_ERROR_DUPLICATE_KEY, 4, 3, NULL },
  { "invalid-utf8", CHRONO_ERROR_ENCODING, 5, 47, NULL },
  { "overlong-utf8", CHRONO_ERROR_ENCODING, 3, 14, NULL },
  { "truncated-utf8", CHRONO_ERROR_ENCODING, 3, 17, NULL },
  { "encoded-surrogate", CHRONO_ERROR_ENCODING, 3, 13, NULL },
  { "latin1", CHRONO_ERROR_ENCODING, 3, 14, NULL },
  { "nul-escape", CHRONO_ERROR_ENCODING, 3, 16, NULL },
  { "lone-surrogate", CHRONO_ERROR_ENCODING, 3, 19, NULL },
  { "lone-low-surrogate", CHRONO_ERROR_ENCODING, 3, 19, NULL },
  { "control-char", CHRONO_ERROR_SYNTAX, 3, 14, NULL },
  { "newline-in-string", CHRONO_ERROR_SYNTAX, 3, 23, NULL },
  { "bad-escape", CHRONO_ERROR_SYNTAX, 3, 15, NULL },
  { "curly-quotes", CHRONO_ERROR_SYNTAX, 3, 12, NULL },
  { "python-literal", CHRONO_ERROR_SYNTAX, 4, 14, NULL },
  { "bom-then-error", CHRONO_ERROR_SYNTAX, 2, 20, NULL },
  { "bom-line-one", CHRONO_ERROR_SYNTAX, 1, 19, NULL },
  { "not-object", CHRONO_ERROR_FORMAT, 1, 1, "" },
  { "wrong-type", CHRONO_ERROR_TYPE, 5, 73, "events[0].importance" },
  { "wrong-type-title", CHRONO_ERROR_TYPE, 3, 3, "title" },
  { "wrong-type-events", CHRONO_ERROR_TYPE, 4, 3, "events" },
  { "unknown-member", CHRONO_ERROR_UNKNOWN_MEMBER, 6, 32, "events[1].titel" },
  { "unknown-member-top", CHRONO_ERROR_UNKNOWN_MEMBER, 3, 3, "lane" },
  { "missing-title", CHRONO_ERROR_MISSING_MEMBER, 6, 5, "events[1]" },
  { "missing-version", CHRONO_ERROR_MISSING_MEMBER, 1, 1, "" },
  { "bad-version", CHRONO_ERROR_FORMAT, 2, 3, "chronoscope" },
  { "bad-version-type", CHRONO_ERROR_TYPE, 2, 3, "chronoscope" },
  { "version-float", CHRONO_ERROR_TYPE, 2, 3, "chronoscope" },
  { "empty-id", CHRONO_ERROR_VALUE, 5, 7, "events[0].id" },
  { "bad-color", CHRONO_ERROR_VALUE, 3, 41, "lanes[0].color" },
  { "bad-kind", CHRONO_ERROR_VALUE, 3, 41, "lanes[0].kind" },
  { "importance-range", CHRONO_ERROR_VALUE, 5, 73, "events[0].importance" },
  { "series-height", CHRONO_ERROR_VALUE, 4, 58, "series[0].height" },
  { "bad-date", CHRONO_ERROR_DATE, 5, 65, "events[0].start" },
  { "bad-date-february", CHRONO_ERROR_DATE, 5, 68, "events[0].start" },
  { "bad-date-escaped", CHRONO_ERROR_DATE, 5, 70, "events[0].start" },
  { "bad-date-point", CHRONO_ERROR_DATE, 4, 84, "series[0].points[1][0]" },
  { "unknown-lane", CHRONO_ERROR_REFERENCE, 6, 19, "events[1].lane" },
  { "unknown-category", CHRONO_ERROR_REFERENCE, 6, 73, "events[0].category" },
  { "unknown-related", CHRONO_ERROR_REFERENCE, 5, 107, "events[0].related[1]" },
  { "unknown-story", CHRONO_ERROR_REFERENCE, 7, 20, "story[1]" },
  { "story-step-typo", CHRONO_ERROR_UNKNOWN_MEMBER, 5, 35, "story[1].note" },
  { "story-step-unknown-event", CHRONO_ERROR_REFERENCE, 6, 5, "story[0]" },
  { "unknown-series-lane", CHRONO_ERROR_REFERENCE, 4, 28, "series[0].lane" },
  { "duplicate-id", CHRONO_ERROR_DUPLICATE_ID, 6, 7, "events[1].id" },
  { "duplicate-lane-id", CHRONO_ERROR_DUPLICATE_ID, 5, 7, "lanes[1].id" },
  { "end-before-start", CHRONO_ERROR_RANGE, 5, 70, "events[0].end" },
  { "media-two-kinds", CHRONO_ERROR_VALUE, 5, 62, "events[0].media" },
  { "media-scheme", CHRONO_ERROR_LINK, 5, 73, "events[0].media.image" },
  { "media-member", CHRONO_ERROR_UNKNOWN_MEMBER, 5, 91, "events[0].media.credit" },
  { "media-link", CHRONO_ERROR_LINK, 5, 73, "events[0].media.link" },
  { "media-lane-image", CHRONO_ERROR_LINK, 3, 41, "lanes[0].image" },
};

static GPtrArray *
new_diagnostics (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_diagnostic_free);
}

static guint
count_errors (GPtrArray *diagnostics)
{
  guint n = 0;

  for (guint i = 0; i < diagnostics->len; i++)
    n += !((ChronoDiagnostic *) g_ptr_array_index (diagnostics, i))->is_warning;
  return n;
}

static const ChronoDiagnostic *
first_error (GPtrArray *diagnostics)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const ChronoDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (!d->is_warning)
        return d;
    }
  return NULL;
}

/* Words a message or hint may start with in capitals: JSON's own
 * literals, which are spelt as they are. */
static const char * const capital_words[] = { "NaN", "Infinity", NULL };

/* GNU style: "FILE:LINE:COL: message (hint)" with the message and the
 * hint starting in lower case, without a full stop at the end, with no
 * printf directive left in, and with no JSON path in the hint: a place
 * the hint refers to is given as a line and a column. */
static void
assert_gnu_style (const char *text,
                  gboolean    is_hint)
{
  g_autoptr(GRegex) path_regex = g_regex_new ("[a-z]+\\[[0-9]+\\]", 0, 0, NULL);
  gboolean capital_word = FALSE;
  gsize len;

  if (text == NULL)
    return;

  len = strlen (text);
  g_assert_cmpuint (len, >, 0);
  for (guint i = 0; capital_words[i] != NULL; i++)
    capital_word |= g_str_has_prefix (text, capital_words[i]);
  if (!capital_word && g_ascii_isupper (text[0]))
    g_error ("starts with a capital: %s", text);
  if (text[len - 1] == '.' && !g_str_has_suffix (text, "…"))
    g_error ("ends with a full stop: %s", text);
  if (strstr (text, "%s") != NULL || strstr (text, "%u") != NULL)
    g_error ("holds a printf directive: %s", text);
  if (is_hint && g_regex_match (path_regex, text, 0, NULL))
    g_error ("the hint names a JSON path, not a line and column: %s", text);
}

static void
test_bad (gconstpointer data)
{
  const BadCase *c = data;
  g_autofree char *name = g_strconcat (c->name, ".json", NULL);
  g_autofree char *filename = g_test_build_filename (G_TEST_DIST, "data", "bad", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (filename);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  g_autofree char *prefix = NULL;
  const ChronoDiagnostic *d;

  document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, diagnostics, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, CHRONO_ERROR, (int) c->code);

  g_assert_cmpuint (count_errors (diagnostics), ==, 1);
  d = first_error (diagnostics);
  g_assert_nonnull (d);
  g_assert_cmpint (d->code, ==, c->code);
  g_assert_cmpuint (d->pos.line, ==, c->line);
  g_assert_cmpuint (d->pos.column, ==, c->column);
  if (c->path != NULL)
    g_assert_cmpstr (d->path, ==, c->path);
  g_assert_nonnull (d->message);
  g_assert_cmpstr (d->message, !=, "");

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const ChronoDiagnostic *any = g_ptr_array_index (diagnostics, i);

      g_assert_cmpuint (any->pos.line, >, 0);
      g_assert_cmpuint (any->pos.column, >, 0);
      assert_gnu_style (any->message, FALSE);
      assert_gnu_style (any->hint, TRUE);
    }

  /* The GError reads FILE:LINE:COL: message. */
  prefix = g_strdup_printf ("%s:%u:%u: ", filename, c->line, c->column);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_nonnull (strstr (error->message, d->message));
}

static char *
nested (guint        depth,
        const char  *open,
        const char  *inner,
        const char  *close)
{
  GString *s = g_string_new ("{\"chronoscope\": 1, \"x-deep\": ");

  for (guint i = 0; i < depth; i++)
    g_string_append (s, open);
  g_string_append (s, inner);
  for (guint i = 0; i < depth; i++)
    g_string_append (s, close);
  g_string_append (s, "}");

  return g_string_free (s, FALSE);
}

static void
test_deep_nesting (void)
{
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  GString *s = g_string_new (NULL);
  g_autofree char *text = NULL;
  const ChronoDiagnostic *d;

  /* 100,000 levels: json-glib alone would overflow its stack. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (s, ']');
  text = g_string_free (s, FALSE);

  document = test_load_text (text, "deep.json", diagnostics, &error);
  g_assert_null (document);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_NESTING);
  d = first_error (diagnostics);
  g_assert_cmpuint (d->pos.line, ==, 1);
  g_assert_cmpuint (d->pos.column, ==, CHRONO_LOADER_MAX_DEPTH + 1);
  g_assert_true (g_str_has_prefix (error->message, "deep.json:1:65: "));
}

static void
test_deep_objects (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  g_autofree char *text = nested (100000, "{\"a\":", "1", "}");

  document = test_load_text (text, "deep.json", NULL, &error);
  g_assert_null (document);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_NESTING);
}

static void
test_nesting_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  /* The root object is level 1: 63 more levels are fine, 64 are not. */
  g_autofree char *ok = nested (CHRONO_LOADER_MAX_DEPTH - 1, "[", "true", "]");
  g_autofree char *deep = nested (CHRONO_LOADER_MAX_DEPTH, "[", "true", "]");

  document = test_load_text (ok, "ok.json", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  g_clear_object (&document);
  document = test_load_text (deep, "deep.json", NULL, &error);
  g_assert_null (document);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_NESTING);
}

static void
test_too_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(ChronoDocument) document = NULL;
  g_autofree char *path = NULL;
  int fd;

  /* A sparse file just over the cap: refused before a byte is read. */
  fd = g_file_open_tmp ("chrono-large-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ftruncate (fd, CHRONO_LOADER_MAX_SIZE + 1), ==, 0);
  close (fd);

  file = g_file_new_for_path (path);
  document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, diagnostics, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_TOO_LARGE);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  g_assert_true (g_str_has_prefix (error->message, path));

  g_unlink (path);
}

static void
test_io_errors (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "bad", NULL);
  g_autofree char *missing = g_test_build_filename (G_TEST_DIST, "data", "bad", "no-such-file.json", NULL);
  const char *paths[] = { dir, missing };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronoDocument) document = NULL;

      document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, diagnostics, NULL, &error);
      g_assert_null (document);
      g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_IO);
      g_assert_cmpuint (diagnostics->len, ==, 1);
      g_assert_true (g_str_has_prefix (error->message, paths[i]));
    }
}

typedef struct
{
  const char *name;
  guint       n_events;
  guint       n_lanes;
  guint       n_categories;
  guint       n_series;
  guint       n_eras;
  guint       n_story;
} GoodCase;

static const GoodCase good_cases[] = {
  { "empty", 0, 0, 0, 0, 0, 0 },
  { "minimal", 1, 1, 0, 0, 0, 0 },
  { "full", 7, 6, 2, 2, 2, 4 },
  { "extensions", 2, 1, 1, 1, 1, 2 },
  { "unicode", 2, 1, 0, 0, 0, 2 },
  { "media", 5, 2, 0, 0, 0, 3 },
};

static ChronoDocument *
load_good (const char *name)
{
  g_autofree char *base = g_strconcat (name, ".json", NULL);
  g_autofree char *filename = g_test_build_filename (G_TEST_DIST, "data", "good", base, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (filename);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GError) error = NULL;
  ChronoDocument *document;

  document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, diagnostics, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_true (g_file_equal (chrono_document_get_file (document), file));
  g_assert_cmpint (chrono_document_get_format (document), ==, CHRONO_FORMAT_NATIVE);

  return document;
}

static void
test_good (gconstpointer data)
{
  const GoodCase *c = data;
  g_autoptr(ChronoDocument) document = load_good (c->name);
  guint n_story = 0;

  g_assert_cmpuint (chrono_document_get_n_events (document), ==, c->n_events);
  g_assert_cmpuint (chrono_document_get_n_lanes (document), ==, c->n_lanes);
  g_assert_cmpuint (chrono_document_get_n_categories (document), ==, c->n_categories);
  g_assert_cmpuint (chrono_document_get_n_series (document), ==, c->n_series);
  g_assert_cmpuint (chrono_document_get_n_eras (document), ==, c->n_eras);
  chrono_document_get_story (document, &n_story);
  g_assert_cmpuint (n_story, ==, c->n_story);
}

static void
test_good_full (void)
{
  g_autoptr(ChronoDocument) document = load_good ("full");
  const ChronoEvent *joins, *std, *ongoing;
  const ChronoLane *lane;
  const ChronoSeries *series;
  int i;

  g_assert_cmpstr (chrono_document_get_title (document), ==, "A full timeline");
  g_assert_cmpstr (chrono_document_get_description (document), ==, "Every member of the format at least once.");

  i = chrono_document_find_lane (document, "ada");
  g_assert_cmpint (i, >=, 0);
  lane = chrono_document_get_lane (document, i);
  g_assert_cmpint (lane->kind, ==, CHRONO_LANE_PERSON);
  g_assert_true (lane->has_color);
  g_assert_cmphex (lane->color, ==, 0x3584e4);
  g_assert_cmpstr (lane->description, ==, "A researcher");
  lane = chrono_document_get_lane (document, chrono_document_find_lane (document, "standards"));
  g_assert_cmpint (lane->kind, ==, CHRONO_LANE_ORGANIZATION);
  g_assert_false (lane->has_color);

  joins = chrono_document_get_event (document, chrono_document_find_event (document, "joins"));
  g_assert_cmpstr (joins->title, ==, "Joins Acme");
  g_assert_cmpstr (joins->description, ==, "Plain text.");
  g_assert_cmpuint (joins->importance, ==, 5);
  g_assert_cmpint (joins->start.precision, ==, CHRONO_PRECISION_DAY);
  g_assert_cmpint (joins->end.precision, ==, CHRONO_PRECISION_MONTH);
  g_assert_nonnull (joins->extra);
  g_assert_cmpuint (joins->extra->n_tags, ==, 2);
  g_assert_cmpuint (joins->extra->n_links, ==, 2);
  g_assert_cmpstr (joins->extra->links[0].title, ==, "Announcement");
  g_assert_cmpstr (joins->extra->links[0].url, ==, "https://example.com/a");
  g_assert_null (joins->extra->links[1].title);
  g_assert_cmpuint (joins->extra->n_related, ==, 2);
  g_assert_cmpstr (chrono_document_get_event (document, joins->extra->related[0].event)->id, ==, "gizmo-1");
  g_assert_cmpstr (joins->extra->related[0].label, ==, "leads");
  g_assert_cmpint (joins->category, ==, chrono_document_find_category (document, "role"));

  /* 1.0 is an integer importance; the default is 3. */
  std = chrono_document_get_event (document, chrono_document_find_event (document, "std"));
  g_assert_cmpuint (std->importance, ==, 1);
  g_assert_cmpint (std->start.precision, ==, CHRONO_PRECISION_SECOND);
  g_assert_cmpuint (chrono_document_get_event (document, chrono_document_find_event (document, "gizmo-1"))->importance, ==, 3);

  ongoing = chrono_document_get_event (document, chrono_document_find_event (document, "ongoing"));
  g_assert_true (ongoing->end.flags & CHRONO_DATE_OPEN);

  series = chrono_document_get_series (document, 0);
  g_assert_cmpstr (series->id, ==, "revenue");
  g_assert_cmpstr (series->unit, ==, "USD bn");
  g_assert_cmpint (series->style, ==, CHRONO_SERIES_STEP);
  g_assert_cmpuint (series->height, ==, 140);
  g_assert_cmphex (series->color, ==, 0x26a269);
  g_assert_cmpuint (series->n_points, ==, 3);
  g_assert_cmpfloat (series->points[2].value, ==, 2.25);
}

/* Story steps are event ids or objects with speaker notes. */
static void
test_story_notes (void)
{
  g_autoptr(ChronoDocument) document = load_good ("story-notes");
  const guint *story;
  guint n_story = 0;

  story = chrono_document_get_story (document, &n_story);
  g_assert_cmpuint (n_story, ==, 4);
  g_assert_cmpint (story[0], ==, chrono_document_find_event (document, "e"));
  g_assert_cmpint (story[1], ==, chrono_document_find_event (document, "f"));
  g_assert_null (chrono_document_get_story_notes (document, 0));
  g_assert_cmpstr (chrono_document_get_story_notes (document, 1), ==, "Slow down here.\nThen ask a question.");
  /* Empty notes are no notes. */
  g_assert_null (chrono_document_get_story_notes (document, 2));
  g_assert_null (chrono_document_get_story_notes (document, 3));
}

/* Pictures, quotes and link cards on events, lanes and the cover; an
 * event without media has no extra, so it costs nothing. */
static void
test_media (void)
{
  g_autoptr(ChronoDocument) document = load_good ("media");
  g_autoptr(GPtrArray) remote = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "good", NULL);
  g_autofree char *resolved = NULL;
  g_autofree char *expected = NULL;
  const ChronoMedia *media;
  const ChronoBackground *background;
  gboolean is_remote = TRUE;

  media = chrono_document_get_cover_media (document);
  g_assert_nonnull (media);
  g_assert_cmpint (media->kind, ==, CHRONO_MEDIA_IMAGE);
  g_assert_cmpstr (media->url, ==, "media/cover.png");
  g_assert_cmpstr (media->caption, ==, "The cover");
  g_assert_cmpstr (media->credit, ==, "Drawn for the tests");
  background = chrono_document_get_background (document);
  g_assert_nonnull (background);
  g_assert_true (background->has_color);
  g_assert_cmphex (background->color, ==, 0x1c2a3a);
  g_assert_cmpstr (background->image, ==, "media/background.jpg");
  g_assert_cmpstr (chrono_document_get_lane (document, 0)->image, ==, "media/portrait.png");

  media = chrono_document_get_event_media (document, chrono_document_find_event (document, "picture"));
  g_assert_cmpint (media->kind, ==, CHRONO_MEDIA_IMAGE);
  g_assert_cmpstr (media->url, ==, "media/engine.png");
  g_assert_cmpstr (media->caption, ==, "The engine");
  g_assert_null (media->text);

  media = chrono_document_get_event_media (document, chrono_document_find_event (document, "quote"));
  g_assert_cmpint (media->kind, ==, CHRONO_MEDIA_QUOTE);
  g_assert_cmpstr (media->text, ==, "That brain of mine is something more than merely mortal.");
  g_assert_cmpstr (media->who, ==, "Ada Lovelace");
  g_assert_null (media->url);
  /* Media and tags share the one extra. */
  g_assert_cmpuint (chrono_document_get_event (document, chrono_document_find_event (document, "quote"))->extra->n_tags, ==, 1);

  media = chrono_document_get_event_media (document, chrono_document_find_event (document, "link"));
  g_assert_cmpint (media->kind, ==, CHRONO_MEDIA_LINK);
  g_assert_cmpstr (media->url, ==, "https://www.youtube.com/watch?v=abc");
  g_assert_cmpstr (media->title, ==, "A film");
  g_assert_cmpstr (media->site, ==, "YouTube");

  g_assert_null (chrono_document_get_event (document, chrono_document_find_event (document, "plain"))->extra);
  g_assert_null (chrono_document_get_event_media (document, chrono_document_find_event (document, "plain")));

  /* Two pictures on the web plus a thumbnail; local ones do not count. */
  g_assert_cmpuint (chrono_document_count_remote_images (document, remote), ==, 3);
  g_assert_cmpuint (remote->len, ==, 3);

  /* Local pictures are found next to the file. */
  resolved = chrono_document_resolve_media (document, "media/cover.png", &is_remote);
  g_assert_false (is_remote);
  g_assert_true (g_path_is_absolute (resolved));
  expected = g_build_filename (dir, "media", "cover.png", NULL);
  g_assert_cmpstr (resolved, ==, expected);
  g_clear_pointer (&resolved, g_free);
  resolved = chrono_document_resolve_media (document, "https://example.org/a.png", &is_remote);
  g_assert_true (is_remote);
  g_assert_cmpstr (resolved, ==, "https://example.org/a.png");
}

static void
test_good_unicode (void)
{
  g_autoptr(ChronoDocument) document = load_good ("unicode");
  const ChronoEvent *e;
  int i;

  g_assert_cmpstr (chrono_document_get_title (document), ==, "Zürich, 東京 and 🚀");
  i = chrono_document_find_event (document, "ü");
  g_assert_cmpint (i, >=, 0);
  e = chrono_document_get_event (document, i);
  g_assert_cmpstr (e->title, ==, "café 🚀 \"quoted\"\ttab");
  e = chrono_document_get_event (document, chrono_document_find_event (document, "東京"));
  g_assert_cmpstr (chrono_document_get_event (document, e->extra->related[0].event)->id, ==, "ü");
}

static void
test_event_source (void)
{
  /* One long line and a multi-line part: each event knows where it starts. */
  static const char text[] =
    "{\"chronoscope\":1,\"lanes\":[{\"id\":\"k\",\"title\":\"K\"}],\"x-events\":[{}],\"events\":["
    "{\"id\":\"a\",\"lane\":\"k\",\"title\":\"A\",\"start\":\"2001\"},"
    "{\"id\":\"b\",\"lane\":\"k\",\"title\":\"\u00e9\u00e9\",\"start\":\"2002\"},\n"
    "  {\"id\":\"c\",\"lane\":\"k\",\"title\":\"C\",\"start\":\"2003\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  const char *a = strstr (text, "{\"id\":\"a\"");
  const char *b = strstr (text, "{\"id\":\"b\"");
  const ChronoEvent *e;

  document = test_load_text (text, "one-line.json", NULL, &error);
  g_assert_no_error (error);

  e = chrono_document_get_event (document, chrono_document_find_event (document, "a"));
  g_assert_cmpuint (e->source.line, ==, 1);
  g_assert_cmpuint (e->source.column, ==, (guint) (a - text) + 1);
  e = chrono_document_get_event (document, chrono_document_find_event (document, "b"));
  g_assert_cmpuint (e->source.line, ==, 1);
  g_assert_cmpuint (e->source.column, ==, (guint) (b - text) + 1);
  e = chrono_document_get_event (document, chrono_document_find_event (document, "c"));
  g_assert_cmpuint (e->source.line, ==, 2);
  g_assert_cmpuint (e->source.column, ==, 3);
}

static void
test_examples (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n_examples = 0;

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
      g_autoptr(ChronoDocument) document = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;

      path = g_build_filename (dir_path, name, NULL);
      file = g_file_new_for_path (path);
      document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, diagnostics, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (document);
      g_assert_cmpuint (count_errors (diagnostics), ==, 0);
      g_assert_cmpuint (chrono_document_get_n_events (document), >, 0);
      n_examples++;
    }

  g_assert_cmpuint (n_examples, >, 0);
}

static void
test_all_errors (void)
{
  /* Several independent errors: all reported, sorted by position, and
   * the GError names the first. */
  static const char text[] =
    "{\n"
    "  \"chronoscope\": 1,\n"
    "  \"lanes\": [ { \"id\": \"k\", \"title\": \"K\", \"colour\": \"#ffffff\" } ],\n"
    "  \"events\": [\n"
    "    { \"id\": \"a\", \"lane\": \"k\", \"title\": \"A\", \"start\": \"2015-13\" },\n"
    "    { \"id\": \"b\", \"lane\": \"q\", \"title\": \"B\", \"start\": \"2015\", \"importance\": true }\n"
    "  ],\n"
    "  \"story\": [ \"c\" ]\n"
    "}\n";
  static const struct { ChronoErrorCode code; guint line, column; } expected[] = {
    { CHRONO_ERROR_UNKNOWN_MEMBER, 3, 41 },
    { CHRONO_ERROR_DATE, 5, 60 },
    { CHRONO_ERROR_REFERENCE, 6, 18 },
    { CHRONO_ERROR_TYPE, 6, 62 },
    { CHRONO_ERROR_REFERENCE, 8, 14 },
  };
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;

  document = test_load_text (text, "many.json", diagnostics, &error);
  g_assert_null (document);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_UNKNOWN_MEMBER);
  g_assert_true (g_str_has_prefix (error->message, "many.json:3:41: unknown member “colour” in lanes[0]"));
  g_assert_nonnull (strstr (error->message, "did you mean “color”?"));

  g_assert_cmpuint (diagnostics->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const ChronoDiagnostic *d = g_ptr_array_index (diagnostics, i);

      g_assert_cmpint (d->code, ==, expected[i].code);
      g_assert_cmpuint (d->pos.line, ==, expected[i].line);
      g_assert_cmpuint (d->pos.column, ==, expected[i].column);
    }
}

/* Member names may hold "[" and ".": their errors still point at them
 * (a name of many "[" once lost its position; found by tests/fuzz). */
static void
test_member_name_brackets (void)
{
  g_autofree char *brackets = g_strnfill (80, '[');
  g_autofree char *text = g_strdup_printf (
    "{\n"
    "  \"chronoscope\": 1,\n"
    "  \"lanes\": [ { \"%sid\": \"k\", \"id\": \"k\", \"title\": \"K\" } ],\n"
    "  \"[x\": 1,\n"
    "  \"events\": [ { \"id\": \"a\", \"lane\": \"k\", \"title\": \"A\", \"start\": \"2015\", \"a.b[0]\": 1 } ]\n"
    "}\n", brackets);
  static const struct { guint line, column; const char *message; } expected[] = {
    { 3, 16, "unknown member “[[[" },
    { 4, 3, "unknown member “[x” at the top level" },
    { 5, 72, "unknown member “a.b[0]” in events[0]" },
  };
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;

  document = test_load_text (text, "brackets.json", diagnostics, &error);
  g_assert_null (document);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_UNKNOWN_MEMBER);

  g_assert_cmpuint (diagnostics->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const ChronoDiagnostic *d = g_ptr_array_index (diagnostics, i);

      g_assert_cmpint (d->code, ==, CHRONO_ERROR_UNKNOWN_MEMBER);
      g_assert_true (g_str_has_prefix (d->message, expected[i].message));
      g_assert_cmpuint (d->pos.line, ==, expected[i].line);
      g_assert_cmpuint (d->pos.column, ==, expected[i].column);
    }
}

static void
test_error_cap (void)
{
  GString *s = g_string_new ("{ \"chronoscope\": 1, \"lanes\": [ { \"id\": \"k\", \"title\": \"K\" } ], \"events\": [\n");
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (s, "%s{ \"id\": \"e%u\", \"lane\": \"k\", \"title\": \"T\", \"start\": \"bad\" }\n",
                            i ? "," : "", i);
  g_string_append (s, "] }\n");
  text = g_string_free (s, FALSE);

  document = test_load_text (text, "many.json", diagnostics, &error);
  g_assert_null (document);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_DATE);
  g_assert_true (g_str_has_prefix (error->message, "many.json:2:"));
  g_assert_cmpuint (count_errors (diagnostics), >=, 100);
  g_assert_cmpuint (count_errors (diagnostics), <=, 101);
}

/* A duplicate id's hint gives the line and column of the first one's
 * "id" member, resolved like the error's own position, for items the
 * reader has no position for (lanes) and for events alike. */
static void
test_duplicate_hints (void)
{
  static const struct
  {
    const char *name;
    const char *line;
  } cases[] = {
    { "duplicate-lane-id.json", ":5:7: duplicate lane id “k” (first declared at line 4, column 7)" },
    { "duplicate-id.json", ":6:7: duplicate event id “e1” (first declared at line 5, column 7)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *filename = g_test_build_filename (G_TEST_DIST, "data", "bad", cases[i].name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (filename);
      g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronoDocument) document = NULL;
      g_autofree char *formatted = NULL;
      g_autofree char *expected = NULL;
      const ChronoDiagnostic *d;

      document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, diagnostics, NULL, &error);
      g_assert_null (document);
      g_assert_cmpuint (diagnostics->len, ==, 1);
      d = g_ptr_array_index (diagnostics, 0);
      g_assert_cmpint (d->code, ==, CHRONO_ERROR_DUPLICATE_ID);
      g_assert_cmpuint (d->related_pos.column, ==, 7);

      formatted = chrono_diagnostic_format (d, "t.json");
      expected = g_strconcat ("t.json", cases[i].line, NULL);
      g_assert_cmpstr (formatted, ==, expected);
    }
}

/* The note that more errors were not shown has a position too: the
 * first one not shown. */
static void
test_error_cap_position (void)
{
  GString *s = g_string_new ("{ \"chronoscope\": 1, \"lanes\": [ { \"id\": \"k\", \"title\": \"K\" } ], \"events\": [\n");
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  g_autofree char *text = NULL;
  const ChronoDiagnostic *last;

  /* Unknown lanes: found by the builder, after the reader. */
  for (guint i = 0; i < 150; i++)
    g_string_append_printf (s, "%s{ \"id\": \"e%u\", \"lane\": \"zz\", \"title\": \"T\", \"start\": \"2015\" }\n",
                            i ? "," : "", i);
  g_string_append (s, "] }\n");
  text = g_string_free (s, FALSE);

  document = test_load_text (text, "many.json", diagnostics, &error);
  g_assert_null (document);
  g_assert_cmpuint (count_errors (diagnostics), ==, CHRONO_LOADER_MAX_ERRORS + 1);
  last = g_ptr_array_index (diagnostics, diagnostics->len - 1);
  g_assert_cmpstr (last->message, ==, "50 more errors not shown");
  /* Event 100 (the 101st) is on line 2 + 100. */
  g_assert_cmpuint (last->pos.line, ==, 102);
  g_assert_cmpuint (last->pos.column, >, 0);
}

static void
test_no_diagnostics_array (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  static const char text[] = "{ \"chronoscope\": 1, \"lanes\": [ { \"id\": 1, \"title\": \"K\" } ] }";

  /* Without a diagnostics array the GError still carries the first error. */
  document = test_load_text (text, "x.json", NULL, &error);
  g_assert_null (document);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_TYPE);
  g_assert_true (g_str_has_prefix (error->message, "x.json:1:34: lanes[0].id must be a string, not an integer"));
}

static void
test_csv_encoding (void)
{
  static const char text[] = "title,start\nCaf\xc3\xa9,2015\nBad \xff,2016\n";
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  const ChronoDiagnostic *d;

  document = test_load_text (text, "x.csv", diagnostics, &error);
  g_assert_null (document);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_ENCODING);
  d = first_error (diagnostics);
  g_assert_cmpuint (d->pos.line, ==, 3);
  g_assert_cmpuint (d->pos.column, ==, 5);
}

static void
test_dispatch (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) tljs = NULL;
  g_autoptr(ChronoDocument) csv = NULL;
  g_autoptr(ChronoDocument) native = NULL;
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  const ChronoDiagnostic *d;

  /* An object with "events" and no version is TimelineJS. */
  tljs = test_load_text ("{ \"events\": [ { \"start_date\": { \"year\": \"2015\" },"
                         " \"text\": { \"headline\": \"A\" } } ] }", "text", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tljs);
  g_assert_cmpint (chrono_document_get_format (tljs), ==, CHRONO_FORMAT_TIMELINEJS);
  g_assert_cmpuint (chrono_document_get_n_events (tljs), ==, 1);

  /* Text whose first line has commas is CSV. */
  csv = test_load_text ("title,start\nA,2015\nB,2016\n", "text", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (csv);
  g_assert_cmpint (chrono_document_get_format (csv), ==, CHRONO_FORMAT_CSV);
  g_assert_cmpuint (chrono_document_get_n_events (csv), ==, 2);

  /* A misspelt version member keeps a file native, so it is reported. */
  native = test_load_text ("{ \"chronoscop\": 1, \"events\": [] }", "text", diagnostics, &error);
  g_assert_null (native);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_UNKNOWN_MEMBER);
  d = first_error (diagnostics);
  g_assert_cmpuint (d->pos.column, ==, 3);
  g_assert_cmpstr (d->hint, ==, "did you mean “chronoscope”?");
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *filename = g_test_build_filename (G_TEST_DIST, "data", "good", "full.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (filename);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;

  g_cancellable_cancel (cancellable);
  document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, NULL, cancellable, &error);
  g_assert_null (document);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct
{
  GMainLoop      *loop;
  ChronoDocument *document;
  GPtrArray      *diagnostics;
  GError         *error;
  GArray         *progress;
  GThread        *main_thread;
  GCancellable   *cancel_on_progress;
} AsyncState;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->main_thread);
  g_array_append_val (state->progress, fraction);
  if (state->cancel_on_progress != NULL)
    g_cancellable_cancel (state->cancel_on_progress);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncState *state = user_data;

  state->document = chrono_loader_load_file_finish (result, &state->diagnostics, &state->error);
  g_main_loop_quit (state->loop);
}

static void
run_async (const char   *filename,
           GCancellable *cancellable,
           AsyncState   *state)
{
  g_autoptr(GFile) file = g_file_new_for_path (filename);

  state->loop = g_main_loop_new (NULL, FALSE);
  state->progress = g_array_new (FALSE, FALSE, sizeof (double));
  state->main_thread = g_thread_self ();

  chrono_loader_load_file_async (file, CHRONO_LOAD_DEFAULT, cancellable, on_progress, state,
                                 on_loaded, state);
  g_main_loop_run (state->loop);

  /* Let progress calls queued before the result run too. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
async_state_clear (AsyncState *state)
{
  g_clear_pointer (&state->loop, g_main_loop_unref);
  g_clear_object (&state->document);
  g_clear_pointer (&state->diagnostics, g_ptr_array_unref);
  g_clear_error (&state->error);
  g_clear_pointer (&state->progress, g_array_unref);
}

static void
test_async (void)
{
  g_autofree char *filename = g_test_build_filename (G_TEST_DIST, "data", "good", "full.json", NULL);
  AsyncState state = { 0 };

  run_async (filename, NULL, &state);
  g_assert_no_error (state.error);
  g_assert_nonnull (state.document);
  g_assert_cmpuint (chrono_document_get_n_events (state.document), ==, 7);
  g_assert_nonnull (state.diagnostics);
  g_assert_cmpuint (state.diagnostics->len, ==, 0);

  g_assert_cmpuint (state.progress->len, >, 0);
  for (guint i = 1; i < state.progress->len; i++)
    g_assert_cmpfloat (g_array_index (state.progress, double, i), >=,
                       g_array_index (state.progress, double, i - 1));
  g_assert_cmpfloat (g_array_index (state.progress, double, state.progress->len - 1), ==, 1.0);

  async_state_clear (&state);
}

static void
test_async_error (void)
{
  g_autofree char *filename = g_test_build_filename (G_TEST_DIST, "data", "bad", "unknown-lane.json", NULL);
  AsyncState state = { 0 };

  run_async (filename, NULL, &state);
  g_assert_null (state.document);
  g_assert_error (state.error, CHRONO_ERROR, CHRONO_ERROR_REFERENCE);
  g_assert_cmpuint (state.diagnostics->len, ==, 1);
  g_assert_cmpuint (((ChronoDiagnostic *) g_ptr_array_index (state.diagnostics, 0))->pos.line, ==, 6);

  async_state_clear (&state);
}

static void
test_async_cancel (void)
{
  g_autofree char *filename = g_test_build_filename (G_TEST_DIST, "data", "good", "full.json", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncState state = { 0 };

  g_cancellable_cancel (cancellable);
  run_async (filename, cancellable, &state);
  g_assert_null (state.document);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  async_state_clear (&state);
}

/* Progress queued by the worker before it saw the cancellation is not
 * delivered: the caller may already be showing the next load. */
static void
test_async_cancel_progress (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GString) text = g_string_new ("{\"chronoscope\": 1, \"title\": \"Big\",\n"
                                          "\"lanes\": [{\"id\": \"a\", \"title\": \"A\"}],\n"
                                          "\"events\": [");
  g_autofree char *filename = NULL;
  AsyncState state = { 0 };
  int fd;

  /* Big enough for the worker to report many fractions. */
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "%s\n{\"id\": \"e%u\", \"lane\": \"a\", \"title\": \"Event %u\", \"start\": \"2000\"}",
                            i ? "," : "", i, i);
  g_string_append (text, "]}\n");
  fd = g_file_open_tmp ("chrono-loader-XXXXXX.json", &filename, NULL);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_true (g_file_set_contents (filename, text->str, text->len, NULL));

  state.cancel_on_progress = cancellable;
  run_async (filename, cancellable, &state);
  g_assert_cmpuint (state.progress->len, ==, 1);

  async_state_clear (&state);
  g_unlink (filename);
}

/* The guard on its own: what it must accept. */
static void
test_guard_accepts (void)
{
  static const char * const texts[] = {
    "0", "-0", "1.5", "-1.5e10", "1E+2", "1e-999", "9007199254740992", "-9007199254740992",
    "1e308", "1.7976931348623157e308", "0.000001e300", "\"\\u00e9\\ud83d\\ude00\\/\\b\\f\\n\\r\\t\"",
    "[]", "{}", "[[], {}, [{}]]", " \r\n\t{\"a\": [1, 2], \"b\": {\"a\": 1}} \n",
    "\xef\xbb\xbf{}", "\"caf\xc3\xa9 \xf0\x9f\x9a\x80 \xe6\x9d\xb1\"", "true", "null",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(ChronoDiagnostic) d = chrono_json_guard_check (texts[i], strlen (texts[i]), 8);

      if (d != NULL)
        g_error ("“%s” refused: %s", texts[i], d->message);
    }
}

static void
test_guard_many_members (void)
{
  GString *s = g_string_new ("{");
  g_autofree char *text = NULL;
  g_autoptr(ChronoDiagnostic) ok = NULL;
  g_autoptr(ChronoDiagnostic) dup = NULL;
  gsize unique_length;

  /* Enough members for the hash table path, including its growth; the
   * duplicate is the last member the cap allows. */
  for (guint i = 0; i < CHRONO_JSON_MAX_MEMBERS - 1; i++)
    g_string_append_printf (s, "%s\n\"k%u\": %u", i ? "," : "", i, i);
  unique_length = s->len;
  g_string_append (s, ",\n\"k1000\": 0}");
  text = g_string_free (s, FALSE);

  ok = chrono_json_guard_check (text, unique_length, 8);
  g_assert_nonnull (ok); /* unclosed, but no duplicate before the end */
  g_assert_cmpint (ok->code, ==, CHRONO_ERROR_SYNTAX);

  dup = chrono_json_guard_check (text, strlen (text), 8);
  g_assert_nonnull (dup);
  g_assert_cmpint (dup->code, ==, CHRONO_ERROR_DUPLICATE_KEY);
  g_assert_cmpuint (dup->pos.line, ==, CHRONO_JSON_MAX_MEMBERS + 1);
  g_assert_cmpuint (dup->pos.column, ==, 1);
  g_assert_nonnull (strstr (dup->message, "line 1002, column 1"));
}

static void
test_guard_same_key_other_objects (void)
{
  static const char text[] = "[{\"a\": 1, \"b\": {\"a\": 2}}, {\"a\": 3}]";
  g_autoptr(ChronoDiagnostic) d = chrono_json_guard_check (text, strlen (text), 8);

  g_assert_null (d);
}

static void
test_guard_locate (void)
{
  static const char text[] =
    "{\n"
    "  \"events\": [\n"
    "    { \"id\": \"a\", \"t\\u00eftle\": \"x\" },\n"
    "    { \"id\": \"\xc3\xa9\xc3\xa9\", \"lane\": \"k\", \"deep\": [[1, 2], [3, {\"q\": 4}]] }\n"
    "  ],\n"
    "  \"title\": \"T\"\n"
    "}\n";
  ChronoJsonLocation locations[] = {
    { "events[1].lane" }, { "events[1]" }, { "title" }, { "events[0].tïtle" },
    { "events[1].deep[1][1].q" }, { "events[1].deep[0][1]" }, { "events[2]" },
    { "events[1].nope" }, { "" }, { "events[1].lane" },
  };
  static const guint expected[][2] = {
    { 4, 19 }, { 4, 5 }, { 6, 3 }, { 3, 18 }, { 4, 54 }, { 4, 45 }, { 0, 0 }, { 0, 0 }, { 1, 1 }, { 4, 19 },
  };

  chrono_json_guard_locate (text, strlen (text), locations, G_N_ELEMENTS (locations));
  for (guint i = 0; i < G_N_ELEMENTS (locations); i++)
    {
      g_test_message ("%s", locations[i].path);
      g_assert_cmpint (locations[i].found, ==, expected[i][0] != 0);
      if (!locations[i].found)
        continue;
      g_assert_cmpuint (locations[i].pos.line, ==, expected[i][0]);
      g_assert_cmpuint (locations[i].pos.column, ==, expected[i][1]);
    }

  /* The value of a member: after the key. */
  g_assert_cmpuint (locations[0].value_pos.column, ==, 27);
  g_assert_cmpint (text[locations[0].value_offset], ==, '"');
}

static void
test_guard_string_pos (void)
{
  static const char text[] = "{ \"d\": \"\\u0032\xc3\xa9-13\" }";
  ChronoJsonLocation location = { "d" };
  ChronoPos pos;

  chrono_json_guard_locate (text, strlen (text), &location, 1);
  g_assert_true (location.found);
  g_assert_cmpuint (location.value_pos.column, ==, 8);
  /* Decoded "2é-13": byte 4 is the "1"; raw it is after \u0032, é and -. */
  pos = chrono_json_guard_string_pos (text, strlen (text), location.value_offset, location.value_pos, 4);
  g_assert_cmpuint (pos.line, ==, 1);
  g_assert_cmpuint (pos.column, ==, 8 + 1 + 6 + 1 + 1);
}

/* Random and mutated input never crashes: it loads or fails with a
 * positioned diagnostic. */
static void
test_garbage (void)
{
  g_autofree char *filename = g_test_build_filename (G_TEST_DIST, "data", "good", "full.json", NULL);
  g_autofree char *original = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  gsize length;

  g_assert_true (g_file_get_contents (filename, &original, &length, NULL));

  for (guint round = 0; round < 600; round++)
    {
      g_autofree char *text = g_memdup2 (original, length + 1);
      g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronoDocument) document = NULL;
      gsize n = length;

      if (round % 3 == 0)
        {
          /* Pure noise. */
          n = g_rand_int_range (rand, 0, 512);
          for (gsize i = 0; i < n; i++)
            text[i] = (char) g_rand_int_range (rand, 0, 256);
        }
      else
        {
          /* A few flipped, dropped or cut bytes. */
          guint edits = g_rand_int_range (rand, 1, 4);

          for (guint e = 0; e < edits; e++)
            {
              gsize at = g_rand_int_range (rand, 0, (gint32) n);

              switch (g_rand_int_range (rand, 0, 3))
                {
                case 0:
                  text[at] = (char) g_rand_int_range (rand, 0, 256);
                  break;
                case 1:
                  memmove (text + at, text + at + 1, n - at);
                  n--;
                  break;
                default:
                  n = at;
                  break;
                }
              if (n == 0)
                break;
            }
        }

      document = chrono_loader_load_data (text, n, "garbage.json", CHRONO_LOAD_DEFAULT,
                                          diagnostics, NULL, &error);

      /* The lookup copes with unchecked text too (it may find nothing). */
      {
        ChronoJsonLocation locations[] = { { "events[3].title" }, { "lanes[0]" }, { "title" } };

        chrono_json_guard_locate (text, n, locations, G_N_ELEMENTS (locations));
        for (guint i = 0; i < G_N_ELEMENTS (locations); i++)
          if (locations[i].found)
            chrono_json_guard_string_pos (text, n, locations[i].value_offset,
                                          locations[i].value_pos, 3);
      }
      if (document == NULL)
        {
          g_assert_nonnull (error);
          g_assert_cmpuint (count_errors (diagnostics), >, 0);
        }
      else
        g_assert_no_error (error);
    }
}

/* Everything a document holds of its events, as text, to compare two. */
static char *
describe_events (ChronoDocument *document)
{
  GString *s = g_string_new (NULL);
  guint n = chrono_document_get_n_events (document);

  for (guint i = 0; i < n; i++)
    {
      const ChronoEvent *e = chrono_document_get_event (document, i);
      g_autofree char *start = chrono_date_to_iso (&e->start);
      g_autofree char *end = chrono_date_to_iso (&e->end);

      g_string_append_printf (s, "%s|%s|%s|%s %d|%s %d|%" G_GINT64_FORMAT "|%u|%d|%u|%u:%u",
                              e->id, e->title, e->description ? e->description : "(null)",
                              start, e->start.precision, end, e->end.precision, e->end_time,
                              e->lane, e->category, e->importance, e->source.line, e->source.column);
      if (e->extra != NULL)
        {
          for (guint j = 0; j < e->extra->n_tags; j++)
            g_string_append_printf (s, "|tag %s", e->extra->tags[j]);
          for (guint j = 0; j < e->extra->n_links; j++)
            g_string_append_printf (s, "|link %s %s", e->extra->links[j].url,
                                    e->extra->links[j].title ? e->extra->links[j].title : "(null)");
          for (guint j = 0; j < e->extra->n_related; j++)
            g_string_append_printf (s, "|related %u %s", e->extra->related[j].event,
                                    e->extra->related[j].label ? e->extra->related[j].label : "(null)");
        }
      g_string_append_c (s, '\n');
    }

  return g_string_free (s, FALSE);
}

/* What loading @path gives: the events or the error, and every diagnostic. */
static char *
describe_load (const char      *path,
               ChronoLoadFlags  flags)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_diagnostic_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = chrono_loader_load_file (file, flags, diagnostics, NULL, &error);
  GString *s = g_string_new (NULL);

  if (document != NULL)
    {
      g_autofree char *events = describe_events (document);

      g_string_append (s, events);
    }
  else
    g_string_append_printf (s, "error: %s\n", error->message);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *text = chrono_diagnostic_format (g_ptr_array_index (diagnostics, i), "f");

      g_string_append_printf (s, "%s\n", text);
    }

  return g_string_free (s, FALSE);
}

/* Reading events from the bytes gives what reading them from a json-glib
 * tree gives: the same events and the same diagnostics in the same
 * order, for every fixture, strict and lenient. */
static void
test_scan_same (void)
{
  const char *dirs[][2] = {
    { "data", "scan" }, { "data", "good" }, { "data", "bad" }, { "data", "timelinejs" },
  };
  guint n_files = 0;

  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, dirs[d][0], dirs[d][1], NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir_path, name, NULL);

          if (!g_str_has_suffix (name, ".json"))
            continue;
          for (guint lenient = 0; lenient < 2; lenient++)
            {
              ChronoLoadFlags flags = lenient ? CHRONO_LOAD_LENIENT : CHRONO_LOAD_DEFAULT;
              g_autofree char *scanned = NULL;
              g_autofree char *tree = NULL;

              scanned = describe_load (path, flags);
              _chrono_native_set_scan_for_testing (FALSE);
              tree = describe_load (path, flags);
              _chrono_native_set_scan_for_testing (TRUE);
              g_test_message ("%s%s", name, lenient ? " (lenient)" : "");
              g_assert_cmpstr (scanned, ==, tree);
            }
          n_files++;
        }
    }
  g_assert_cmpuint (n_files, >, 70);
}

/* The variety fixture loads, every event through the scanner or not. */
static void
test_scan_variety (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "scan", "variety.json", NULL);
  g_autofree char *text = describe_load (path, CHRONO_LOAD_DEFAULT);

  g_assert_false (g_str_has_prefix (text, "error:"));
  g_assert_nonnull (strstr (text, "esc\"aped|Tab\there, quote \" slash / back \\ nl \n \b\f\r|Surrogates \xf0\x9f\x98\x80 and \xe2\x82\xac and A|"));
  g_assert_nonnull (strstr (text, "|link https://example.org/b (null)|"));
  g_assert_nonnull (strstr (text, "|tag t\xc3\xa9l\xc3\xa9|"));
  g_assert_nonnull (strstr (text, "escaped-name|An escaped member name|"));
}

/* Errors inside events read from the bytes keep their positions. */
static void
test_scan_errors (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "scan", "errors.json", NULL);
  g_autofree char *text = describe_load (path, CHRONO_LOAD_DEFAULT);

  g_assert_true (g_str_has_prefix (text, "error: "));
  /* The empty id, at its member; the bad month, at its character. */
  g_assert_nonnull (strstr (text, "f:6:7: "));
  g_assert_nonnull (strstr (text, "f:8:74: "));
  g_assert_nonnull (strstr (text, "f:22:5: "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/model/loader/bad/%s", bad_cases[i].name);

      g_test_add_data_func (path, &bad_cases[i], test_bad);
    }
  for (guint i = 0; i < G_N_ELEMENTS (good_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/model/loader/good/%s", good_cases[i].name);

      g_test_add_data_func (path, &good_cases[i], test_good);
    }

  g_test_add_func ("/model/loader/story-notes", test_story_notes);
  g_test_add_func ("/model/loader/media", test_media);
  g_test_add_func ("/model/loader/deep-nesting", test_deep_nesting);
  g_test_add_func ("/model/loader/deep-objects", test_deep_objects);
  g_test_add_func ("/model/loader/nesting-limit", test_nesting_limit);
  g_test_add_func ("/model/loader/too-large", test_too_large);
  g_test_add_func ("/model/loader/io-errors", test_io_errors);
  g_test_add_func ("/model/loader/good/full-members", test_good_full);
  g_test_add_func ("/model/loader/good/unicode-text", test_good_unicode);
  g_test_add_func ("/model/loader/event-source", test_event_source);
  g_test_add_func ("/model/loader/examples", test_examples);
  g_test_add_func ("/model/loader/all-errors", test_all_errors);
  g_test_add_func ("/model/loader/error-cap", test_error_cap);
  g_test_add_func ("/model/loader/error-cap-position", test_error_cap_position);
  g_test_add_func ("/model/loader/member-name-brackets", test_member_name_brackets);
  g_test_add_func ("/model/loader/duplicate-hints", test_duplicate_hints);
  g_test_add_func ("/model/loader/no-diagnostics-array", test_no_diagnostics_array);
  g_test_add_func ("/model/loader/csv-encoding", test_csv_encoding);
  g_test_add_func ("/model/loader/dispatch", test_dispatch);
  g_test_add_func ("/model/loader/cancelled", test_cancelled);
  g_test_add_func ("/model/loader/async", test_async);
  g_test_add_func ("/model/loader/async-error", test_async_error);
  g_test_add_func ("/model/loader/async-cancel", test_async_cancel);
  g_test_add_func ("/model/loader/async-cancel-progress", test_async_cancel_progress);
  g_test_add_func ("/model/loader/guard/accepts", test_guard_accepts);
  g_test_add_func ("/model/loader/guard/many-members", test_guard_many_members);
  g_test_add_func ("/model/loader/guard/same-key-other-objects", test_guard_same_key_other_objects);
  g_test_add_func ("/model/loader/guard/locate", test_guard_locate);
  g_test_add_func ("/model/loader/guard/string-pos", test_guard_string_pos);
  g_test_add_func ("/model/loader/garbage", test_garbage);
  g_test_add_func ("/model/loader/large", test_large);
  g_test_add_func ("/model/loader/large-error", test_large_error);
  g_test_add_func ("/model/loader/scan/same", test_scan_same);
  g_test_add_func ("/model/loader/scan/variety", test_scan_variety);
  g_test_add_func ("/model/loader/scan/errors", test_scan_errors);

  return g_test_run ();
}
