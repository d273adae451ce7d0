#define G_LOG_DOMAIN "test-import-csv"

#include "config.h"

#include <string.h>

#include "chrono-loader.h"
#include "model-test-util.h"

static GPtrArray *
diagnostics_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_diagnostic_free);
}

static ChronoDocument *
load_fixture (const char       *name,
              ChronoLoadFlags   flags,
              GPtrArray        *diagnostics,
              GError          **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return chrono_loader_load_file (file, flags, diagnostics, NULL, error);
}

static ChronoDocument *
load_text (const char       *text,
           ChronoLoadFlags   flags,
           GPtrArray        *diagnostics,
           GError          **error)
{
  return chrono_loader_load_data (text, strlen (text), "test.csv", flags, diagnostics, NULL, error);
}

static const ChronoEvent *
find_event (ChronoDocument *document,
            const char     *id)
{
  int index = chrono_document_find_event (document, id);

  g_assert_cmpint (index, >=, 0);
  return chrono_document_get_event (document, index);
}

static void
assert_date (const ChronoDate *date,
             const char       *iso)
{
  g_autofree char *text = chrono_date_to_iso (date);

  g_assert_cmpstr (text, ==, iso);
}

static const char *
lane_of (ChronoDocument    *document,
         const ChronoEvent *event)
{
  return chrono_document_get_lane (document, event->lane)->title;
}

/* Chronoscope's columns: quoted commas, newlines and doubled quotes,
 * header names in any case, blank trailing columns and rows, lanes and
 * categories created by name, tags split on ';'. */
static void
test_native (void)
{
  g_autoptr(GPtrArray) diagnostics = diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = load_fixture ("native.csv", CHRONO_LOAD_DEFAULT,
                                                     diagnostics, &error);
  const ChronoEvent *event;

  g_assert_no_error (error);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_cmpint (chrono_document_get_format (document), ==, CHRONO_FORMAT_CSV);
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, 5);

  g_assert_cmpuint (chrono_document_get_n_lanes (document), ==, 3);
  g_assert_cmpstr (chrono_document_get_lane (document, 0)->id, ==, "karpathy");
  g_assert_cmpstr (chrono_document_get_lane (document, 0)->title, ==, "Karpathy");
  g_assert_cmpstr (chrono_document_get_lane (document, 1)->id, ==, "anthropic");
  g_assert_cmpuint (chrono_document_get_n_categories (document), ==, 2);
  g_assert_cmpstr (chrono_document_get_category (document, 0)->id, ==, "role");
  g_assert_cmpstr (chrono_document_get_category (document, 1)->title, ==, "Founding");

  event = find_event (document, "founds-openai");
  g_assert_cmpstr (event->title, ==, "Founds OpenAI");
  assert_date (&event->start, "2015-12-11");
  g_assert_true (CHRONO_EVENT_IS_POINT (event));
  g_assert_cmpstr (event->description, ==, "Joins the founding team, as a research scientist.");
  g_assert_cmpstr (lane_of (document, event), ==, "Karpathy");
  g_assert_cmpstr (chrono_document_get_category (document, event->category)->id, ==, "role");
  g_assert_nonnull (event->extra);
  g_assert_cmpuint (event->extra->n_tags, ==, 2);
  g_assert_cmpstr (event->extra->tags[0], ==, "openai");
  g_assert_cmpstr (event->extra->tags[1], ==, "research");
  g_assert_cmpuint (event->extra->n_links, ==, 1);
  g_assert_cmpstr (event->extra->links[0].url, ==, "https://openai.com/");
  /* Events are sorted by start; the file position is kept. */
  g_assert_cmpuint (event->source.line, ==, 2);

  event = find_event (document, "senior-director-of-ai-tesla");
  g_assert_cmpstr (event->title, ==, "Senior Director of AI, Tesla");
  assert_date (&event->start, "2017-06");
  assert_date (&event->end, "2022-07");
  g_assert_cmpstr (event->description, ==, "Leads Autopilot vision.\nReports to \"Elon\".");

  event = find_event (document, "anthropic-is-founded");
  g_assert_true (event->start.flags & CHRONO_DATE_APPROXIMATE);
  g_assert_cmpuint (event->extra->n_links, ==, 2);
  g_assert_cmpstr (event->extra->links[1].url, ==, "https://example.org/b");
  g_assert_cmpint (chrono_document_get_category (document, event->category)->title[0], ==, 'F');

  event = find_event (document, "joins-anthropic");
  g_assert_true (event->end.flags & CHRONO_DATE_OPEN);
  g_assert_cmpuint (event->extra->n_tags, ==, 2);

  event = find_event (document, "plato-s-academy");
  assert_date (&event->start, "-0386");
  g_assert_cmpint (event->category, ==, -1);
  g_assert_cmpstr (chrono_document_get_lane (document, event->lane)->id, ==, "default");
}

/* A UTF-8 BOM, CRLF line ends and ';' as the delimiter. */
static void
test_semicolon (void)
{
  g_autoptr(GPtrArray) diagnostics = diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = load_fixture ("semicolon-bom-crlf.csv", CHRONO_LOAD_DEFAULT,
                                                     diagnostics, &error);
  const ChronoEvent *event;

  g_assert_no_error (error);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, 2);
  g_assert_cmpuint (chrono_document_get_n_lanes (document), ==, 1);

  event = chrono_document_get_event (document, 0);
  g_assert_cmpstr (event->title, ==, "Ships v1; finally");
  g_assert_cmpstr (event->description, ==, "Line one\nline two");
  assert_date (&event->start, "2020-01-15");

  event = chrono_document_get_event (document, 1);
  g_assert_cmpstr (event->title, ==, "Second");
  g_assert_cmpstr (event->description, ==, "plain");
  assert_date (&event->end, "2020-03");
  /* CRLF inside the quoted description counts as one line end. */
  g_assert_cmpuint (event->source.line, ==, 4);
  g_assert_cmpuint (event->source.column, ==, 1);
}

/* TimelineJS's spreadsheet template: the title row, an era row, times,
 * end dates, groups, HTML and media, and the rows' order as the story. */
static void
test_timelinejs (void)
{
  g_autoptr(GPtrArray) diagnostics = diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = load_fixture ("timelinejs.csv", CHRONO_LOAD_DEFAULT,
                                                     diagnostics, &error);
  const char *story_ids[] = {
    "the-big-bang", "eagle-has-landed", "same-time", "sputnik-1-in-orbit", "launch", "launch-2",
  };
  const ChronoEvent *event;
  const ChronoEra *era;
  const guint *story;
  guint n_steps;

  g_assert_no_error (error);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_cmpstr (chrono_document_get_title (document), ==, "A Sheet of Firsts");
  g_assert_cmpstr (chrono_document_get_description (document), ==, "Made in a spreadsheet.");
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, 6);

  g_assert_cmpuint (chrono_document_get_n_lanes (document), ==, 3);
  g_assert_cmpstr (chrono_document_get_lane (document, 0)->id, ==, "cosmos");
  g_assert_cmpstr (chrono_document_get_lane (document, 1)->id, ==, "space");

  event = find_event (document, "the-big-bang");
  assert_date (&event->start, "-13799999999");

  event = find_event (document, "eagle-has-landed");
  assert_date (&event->start, "1969-07-20T20:17");
  g_assert_true (CHRONO_EVENT_IS_POINT (event));
  g_assert_cmpstr (event->description, ==, "Armstrong & Aldrin.\n\nApollo 11");
  g_assert_cmpuint (event->extra->n_links, ==, 1);
  g_assert_cmpstr (event->extra->links[0].url, ==, "https://example.org/apollo");
  g_assert_cmpstr (event->extra->links[0].title, ==, "Apollo 11");
  /* The picture keeps its caption and credit instead of adding them to
   * the text. */
  g_assert_cmpint (event->extra->media->kind, ==, CHRONO_MEDIA_IMAGE);
  g_assert_cmpstr (event->extra->media->url, ==, "https://example.org/eagle.jpg");
  g_assert_cmpstr (event->extra->media->caption, ==, "The lunar module");
  g_assert_cmpstr (event->extra->media->credit, ==, "NASA");
  g_assert_cmpstr (lane_of (document, event), ==, "Space");

  /* An end equal to the start is dropped. */
  event = find_event (document, "same-time");
  assert_date (&event->start, "1969-07-20T14:56");
  g_assert_true (CHRONO_EVENT_IS_POINT (event));

  event = find_event (document, "sputnik-1-in-orbit");
  assert_date (&event->end, "1958-01-04");

  event = find_event (document, "launch-2");
  assert_date (&event->start, "2001-10");
  g_assert_cmpstr (chrono_document_get_lane (document, event->lane)->id, ==, "default");

  g_assert_cmpuint (chrono_document_get_n_eras (document), ==, 1);
  era = chrono_document_get_era (document, 0);
  g_assert_cmpstr (era->title, ==, "Space Race");
  assert_date (&era->start, "1961");
  assert_date (&era->end, "1975");

  story = chrono_document_get_story (document, &n_steps);
  g_assert_cmpuint (n_steps, ==, G_N_ELEMENTS (story_ids));
  for (guint i = 0; i < n_steps; i++)
    g_assert_cmpstr (chrono_document_get_event (document, story[i])->id, ==, story_ids[i]);
}

typedef struct
{
  guint       line;
  guint       column;
  ChronoErrorCode code;
  const char *message; /* a prefix */
} Expected;

static const Expected bad_rows[] = {
  { 3, 1, CHRONO_ERROR_MISSING_MEMBER, "row 3, column “title”: the title is missing" },
  { 5, 13, CHRONO_ERROR_DATE, "row 4, column “start”: " },
  { 6, 14, CHRONO_ERROR_DATE, "row 5, column “end”: " },
  { 8, 10, CHRONO_ERROR_MISSING_MEMBER, "row 7, column “start”: the start date is missing" },
  { 9, 16, CHRONO_ERROR_RANGE, "row 8, column “end”: the end 2018 is before the start 2019" },
};

/* Every bad row is an error at its cell, naming the row and column; a
 * file with errors does not open. */
/* The template's media columns: a local picture with caption, credit
 * and thumbnail, a blockquote, a video page; the title row's cover and
 * background colour. */
static void
test_media (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "media", "story.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) diagnostics = diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, diagnostics,
                                                                NULL, &error);
  const ChronoMedia *media;

  g_assert_no_error (error);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_cmpstr (chrono_document_get_description (document), ==, "Told in a spreadsheet.");
  media = chrono_document_get_cover_media (document);
  g_assert_cmpint (media->kind, ==, CHRONO_MEDIA_IMAGE);
  g_assert_cmpstr (media->url, ==, "cover.png");
  g_assert_cmpstr (media->caption, ==, "A story told with pictures");
  g_assert_cmphex (chrono_document_get_background (document)->color, ==, 0x1c2a3a);

  media = find_event (document, "a-portrait")->extra->media;
  g_assert_cmpint (media->kind, ==, CHRONO_MEDIA_IMAGE);
  g_assert_cmpstr (media->url, ==, "portrait.png");
  g_assert_cmpstr (media->credit, ==, "Drawn for the tests");
  g_assert_cmpstr (media->thumbnail, ==, "thumb.png");
  g_assert_cmpstr (find_event (document, "a-portrait")->description, ==, "The first meeting.");

  media = find_event (document, "the-notes")->extra->media;
  g_assert_cmpint (media->kind, ==, CHRONO_MEDIA_QUOTE);
  g_assert_cmpstr (media->text, ==, "That brain of mine is something more than merely mortal.");
  g_assert_cmpstr (media->who, ==, "Ada Lovelace");
  g_assert_null (find_event (document, "the-notes")->description);

  media = find_event (document, "a-film")->extra->media;
  g_assert_cmpint (media->kind, ==, CHRONO_MEDIA_LINK);
  g_assert_cmpstr (media->site, ==, "YouTube");
  g_assert_cmpstr (media->caption, ==, "Building the engine");
}

static void
test_bad_rows (void)
{
  g_autoptr(GPtrArray) diagnostics = diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = load_fixture ("bad-rows.csv", CHRONO_LOAD_DEFAULT,
                                                     diagnostics, &error);

  g_assert_null (document);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_MISSING_MEMBER);
  g_assert_true (g_str_has_suffix (error->message, "bad-rows.csv:3:1: row 3, column “title”: the title is missing"));

  g_assert_cmpuint (diagnostics->len, ==, G_N_ELEMENTS (bad_rows));
  for (guint i = 0; i < diagnostics->len; i++)
    {
      ChronoDiagnostic *d = g_ptr_array_index (diagnostics, i);

      g_assert_false (d->is_warning);
      g_assert_cmpint (d->code, ==, bad_rows[i].code);
      g_assert_cmpuint (d->pos.line, ==, bad_rows[i].line);
      g_assert_cmpuint (d->pos.column, ==, bad_rows[i].column);
      g_assert_true (g_str_has_prefix (d->message, bad_rows[i].message));
      /* A date's own message follows the row and column. */
      if (g_str_has_suffix (bad_rows[i].message, ": "))
        g_assert_cmpuint (strlen (d->message), >, strlen (bad_rows[i].message) + 4);
    }
}

/* With CHRONO_LOAD_LENIENT bad rows are skipped, reported as warnings,
 * and a last warning says how many. */
static void
test_lenient (void)
{
  g_autoptr(GPtrArray) diagnostics = diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = load_fixture ("bad-rows.csv", CHRONO_LOAD_LENIENT,
                                                     diagnostics, &error);
  gboolean found_summary = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, 2);
  g_assert_cmpstr (chrono_document_get_event (document, 0)->title, ==, "Good one");
  g_assert_cmpstr (chrono_document_get_event (document, 1)->title, ==, "Another good");
  /* No lane for the skipped rows only. */
  g_assert_cmpuint (chrono_document_get_n_lanes (document), ==, 2);

  g_assert_cmpuint (diagnostics->len, ==, G_N_ELEMENTS (bad_rows) + 1);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      ChronoDiagnostic *d = g_ptr_array_index (diagnostics, i);

      g_assert_true (d->is_warning);
      g_assert_cmpuint (d->pos.line, >, 0);
      /* The count is one warning, found by its code. */
      if (d->code == CHRONO_ERROR_SKIPPED_ROWS)
        {
          g_assert_false (found_summary);
          g_assert_cmpstr (d->message, ==, "5 bad rows were skipped");
          found_summary = TRUE;
        }
      else
        g_assert_true (g_str_has_prefix (d->message, "row "));
    }
  g_assert_true (found_summary);
}

/* Loading on a worker thread, as the app does, hands the count over in
 * the diagnostics too, as a positioned warning. */
static void
test_lenient_async (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", "bad-rows.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  guint n_rows = 0;
  guint n_summaries = 0;

  chrono_loader_load_file_async (file, CHRONO_LOAD_LENIENT, NULL, NULL, NULL, test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  document = chrono_loader_load_file_finish (result, &diagnostics, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_nonnull (diagnostics);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const ChronoDiagnostic *d = g_ptr_array_index (diagnostics, i);
      g_autofree char *line = chrono_diagnostic_format (d, "bad-rows.csv");

      g_assert_true (d->is_warning);
      if (d->code == CHRONO_ERROR_SKIPPED_ROWS)
        {
          n_summaries++;
          g_assert_cmpstr (line, ==, "bad-rows.csv:1:1: warning: 5 bad rows were skipped");
        }
      else
        n_rows++;
    }
  g_assert_cmpuint (n_summaries, ==, 1);
  g_assert_cmpuint (n_rows, ==, 5);
}

/* Many rows with one title and no id: each id is found without probing
 * every earlier suffix again (probing from "-2" each time takes minutes
 * for this many), unique and clear of an id the last row names. */
#define N_SAME_TITLE 50000

static void
test_same_title_ids (void)
{
  g_autoptr(GString) text = g_string_new ("id,title,start,lane\n");
  g_autoptr(GPtrArray) diagnostics = diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < N_SAME_TITLE; i++)
    g_string_append (text, ",Title,2020,A\n");
  g_string_append (text, "title-7,Named,2021,A\n");

  document = chrono_loader_load_data (text->str, text->len, "test.csv", CHRONO_LOAD_DEFAULT,
                                      diagnostics, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, N_SAME_TITLE + 1);

  for (guint i = 0; i < chrono_document_get_n_events (document); i++)
    g_assert_true (g_hash_table_add (seen, (gpointer) chrono_document_get_event (document, i)->id));

  g_assert_cmpstr (find_event (document, "title")->title, ==, "Title");
  g_assert_cmpstr (find_event (document, "title-7")->title, ==, "Named");
  /* "title", then 2 to 50001 but 7. */
  g_assert_cmpstr (find_event (document, "title-50001")->title, ==, "Title");
  g_assert_cmpint (chrono_document_find_event (document, "title-50002"), <, 0);
}

typedef struct
{
  const char      *csv;
  ChronoErrorCode  code;
  guint            line;
  guint            column;
  const char      *message;
} BadCase;

static void
test_bad_files (void)
{
  static const BadCase cases[] = {
    /* The BOM takes no column; CRLF is one line end; a quoted newline
     * makes row 3 start on line 3 and its date sit on line 4. */
    { "\xEF\xBB\xBFtitle;start\r\nA;2015\r\n\"B\r\nB\";20x5\r\n",
      CHRONO_ERROR_DATE, 4, 4, "row 3, column “start”: " },
    { "title,start\nA,2015\n\"B\"x,2016\n", CHRONO_ERROR_CSV, 3, 4,
      "unexpected “x” after a closing quote" },
    { "title,when\nA,2015\n", CHRONO_ERROR_COLUMNS, 1, 1,
      "the header has no “start” column" },
    { "title,start,Title\nA,2015,B\n", CHRONO_ERROR_CSV, 1, 13,
      "the column “Title” appears twice in the header" },
    { "Year,Headline\n2015,A\n19x0,B\n", CHRONO_ERROR_DATE, 3, 1,
      "row 3, column “Year”: “19x0” is not a whole number" },
    { "Year,Month,Day,Headline\n2015,2,29,A\n", CHRONO_ERROR_DATE, 2, 8,
      "row 2, column “Day”: day 29 does not exist in that month (it has 28 days)" },
    { "Year,Time,Headline\n2015,25:00,A\n", CHRONO_ERROR_DATE, 2, 6,
      "row 2, column “Time”: hour 25 is out of range (0–23)" },
    { "Year,Time,Headline\n2015,noon,A\n", CHRONO_ERROR_DATE, 2, 6,
      "row 2, column “Time”: “noon” is not a time" },
    { "Year,End Year,Type,Headline\n2015,,era,A\n", CHRONO_ERROR_MISSING_MEMBER, 2, 6,
      "row 2, column “End Year”: an era needs a start and an end year" },
    /* An era row in a sheet with no end columns at all. */
    { "Year,Type,Headline\n2015,era,A\n", CHRONO_ERROR_MISSING_MEMBER, 2, 11,
      "row 2, column “end year”: an era needs a start and an end year" },
    { "Year,End Month,Headline\n2015,3,A\n", CHRONO_ERROR_DATE, 2, 9,
      "row 2, column “end year”: the year is missing" },
    { "Year,End Year,Headline\n2015,2014,A\n", CHRONO_ERROR_RANGE, 2, 6,
      "row 2, column “End Year”: the end 2014 is before the start 2015" },
    { "Headline,Text\nA,B\n", CHRONO_ERROR_COLUMNS, 1, 1,
      "the header has no “Year” column" },
    { "title,start,importance\nA,2015,9\n", CHRONO_ERROR_VALUE, 2, 8,
      "row 2, column “importance”: the importance must be a whole number from 1 to 5" },
    { "title,start\nA,2015\nB,2015-02-30\n", CHRONO_ERROR_DATE, 3, 3, "row 3, column “start”: " },
    { "title,start\nA\xC3\xA9\xC3\xA9,2015\xFF\n", CHRONO_ERROR_ENCODING, 2, 9, "invalid UTF-8" },
    { ",\n,\n", CHRONO_ERROR_EMPTY, 1, 1, "the file has no header row" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) diagnostics = diagnostics_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronoDocument) document = NULL;
      ChronoDiagnostic *d;

      document = load_text (cases[i].csv, CHRONO_LOAD_DEFAULT, diagnostics, &error);
      g_assert_null (document);
      g_assert_error (error, CHRONO_ERROR, (int) cases[i].code);
      g_assert_cmpuint (diagnostics->len, >=, 1);
      d = g_ptr_array_index (diagnostics, 0);
      g_assert_false (d->is_warning);
      g_assert_cmpuint (d->pos.line, ==, cases[i].line);
      g_assert_cmpuint (d->pos.column, ==, cases[i].column);
      g_assert_true (g_str_has_prefix (d->message, cases[i].message));
    }
}

static void
test_unterminated (void)
{
  g_autoptr(GPtrArray) diagnostics = diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = load_fixture ("unterminated.csv", CHRONO_LOAD_LENIENT,
                                                     diagnostics, &error);

  /* Not even lenient loading can guess where a quote should have ended. */
  g_assert_null (document);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_CSV);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  g_assert_cmpuint (((ChronoDiagnostic *) g_ptr_array_index (diagnostics, 0))->pos.line, ==, 3);
  g_assert_cmpuint (((ChronoDiagnostic *) g_ptr_array_index (diagnostics, 0))->pos.column, ==, 1);
}

/* Columns the importer does not know are warned about, not errors; a
 * cell beyond the named columns too. */
static void
test_warnings (void)
{
  g_autoptr(GPtrArray) diagnostics = diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document =
    load_text ("title,start,notes\nA,2015,x,extra\nB,2016,,\n", CHRONO_LOAD_DEFAULT,
               diagnostics, &error);
  ChronoDiagnostic *d;

  g_assert_no_error (error);
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, 2);
  g_assert_cmpuint (diagnostics->len, ==, 2);

  d = g_ptr_array_index (diagnostics, 0);
  g_assert_true (d->is_warning);
  g_assert_cmpint (d->code, ==, CHRONO_ERROR_UNKNOWN_MEMBER);
  g_assert_cmpuint (d->pos.line, ==, 1);
  g_assert_cmpuint (d->pos.column, ==, 13);

  d = g_ptr_array_index (diagnostics, 1);
  g_assert_true (d->is_warning);
  g_assert_cmpuint (d->pos.line, ==, 2);
  g_assert_cmpuint (d->pos.column, ==, 10);
}

/* Times as spreadsheets write them. */
static void
test_times (void)
{
  static const struct {
    const char *time;
    const char *iso;
    ChronoPrecision precision;
  } cases[] = {
    { "9", NULL, CHRONO_PRECISION_HOUR },
    { "09:05", "2015-03-09T09:05", CHRONO_PRECISION_MINUTE },
    { "9:05:07", "2015-03-09T09:05:07", CHRONO_PRECISION_SECOND },
    { "9:05:07.5", "2015-03-09T09:05:07", CHRONO_PRECISION_SECOND },
    { "12:30 AM", "2015-03-09T00:30", CHRONO_PRECISION_MINUTE },
    { "12:30 pm", "2015-03-09T12:30", CHRONO_PRECISION_MINUTE },
    { "11:59:59 p.m.", "2015-03-09T23:59:59", CHRONO_PRECISION_SECOND },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronoDocument) document = NULL;
      g_autofree char *csv = g_strdup_printf ("Year,Month,Day,Time,Headline\n2015,3,9,%s,A\n",
                                              cases[i].time);
      const ChronoEvent *event;

      document = load_text (csv, CHRONO_LOAD_DEFAULT, NULL, &error);
      g_assert_no_error (error);
      event = chrono_document_get_event (document, 0);
      g_assert_cmpint (event->start.precision, ==, cases[i].precision);
      if (cases[i].iso != NULL)
        assert_date (&event->start, cases[i].iso);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/import/csv/native", test_native);
  g_test_add_func ("/model/import/csv/semicolon-bom-crlf", test_semicolon);
  g_test_add_func ("/model/import/csv/timelinejs", test_timelinejs);
  g_test_add_func ("/model/import/csv/media", test_media);
  g_test_add_func ("/model/import/csv/bad-rows", test_bad_rows);
  g_test_add_func ("/model/import/csv/lenient", test_lenient);
  g_test_add_func ("/model/import/csv/lenient-async", test_lenient_async);
  g_test_add_func ("/model/import/csv/same-title-ids", test_same_title_ids);
  g_test_add_func ("/model/import/csv/bad-files", test_bad_files);
  g_test_add_func ("/model/import/csv/unterminated", test_unterminated);
  g_test_add_func ("/model/import/csv/warnings", test_warnings);
  g_test_add_func ("/model/import/csv/times", test_times);

  return g_test_run ();
}
