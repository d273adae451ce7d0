#define G_LOG_DOMAIN "test-import-timelinejs"

#include "config.h"

#include <string.h>

#include "chrono-html.h"
#include "chrono-loader.h"

#include "model-test-util.h"

static ChronoDocument *
load_fixture (const char *name,
              GPtrArray  *diagnostics)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "timelinejs", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ChronoDocument *document;

  document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, diagnostics, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

static ChronoDocument *
load_text (const char *text,
           GPtrArray  *diagnostics,
           GError    **error)
{
  return test_load_text (text, "test.json", diagnostics, error);
}

static GPtrArray *
diagnostics_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_diagnostic_free);
}

static void
assert_dates_equal (const ChronoDate *a,
                    const ChronoDate *b)
{
  g_assert_cmpint (a->precision, ==, b->precision);
  g_assert_cmpint (a->flags, ==, b->flags);
  g_assert_cmpint (a->offset, ==, b->offset);
  if (a->precision != CHRONO_PRECISION_NONE)
    g_assert_cmpint (a->time, ==, b->time);
}

static const char *
lane_id (ChronoDocument    *document,
         const ChronoEvent *event)
{
  return chrono_document_get_lane (document, event->lane)->id;
}

/* Compares two documents field by field: title, description, lanes,
 * categories, events (in start order), eras and story. */
static void
assert_documents_equal (ChronoDocument *tljs,
                        ChronoDocument *native)
{
  const guint *story_a, *story_b;
  guint n_a, n_b;

  g_assert_cmpstr (chrono_document_get_title (tljs), ==, chrono_document_get_title (native));
  g_assert_cmpstr (chrono_document_get_description (tljs), ==,
                   chrono_document_get_description (native));
  test_assert_same_cover (tljs, native);

  g_assert_cmpuint (chrono_document_get_n_categories (tljs), ==,
                    chrono_document_get_n_categories (native));
  g_assert_cmpuint (chrono_document_get_n_lanes (tljs), ==, chrono_document_get_n_lanes (native));
  for (guint i = 0; i < chrono_document_get_n_lanes (tljs); i++)
    {
      const ChronoLane *a = chrono_document_get_lane (tljs, i);
      const ChronoLane *b = chrono_document_get_lane (native, i);

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->title, ==, b->title);
      g_assert_cmpstr (a->description, ==, b->description);
      g_assert_cmpint (a->kind, ==, b->kind);
      g_assert_cmpint (a->has_color, ==, b->has_color);
    }

  g_assert_cmpuint (chrono_document_get_n_events (tljs), ==, chrono_document_get_n_events (native));
  for (guint i = 0; i < chrono_document_get_n_events (tljs); i++)
    {
      const ChronoEvent *a = chrono_document_get_event (tljs, i);
      const ChronoEvent *b = chrono_document_get_event (native, i);
      guint n_links_a = a->extra ? a->extra->n_links : 0;
      guint n_links_b = b->extra ? b->extra->n_links : 0;
      guint n_tags_a = a->extra ? a->extra->n_tags : 0;
      guint n_tags_b = b->extra ? b->extra->n_tags : 0;

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->title, ==, b->title);
      g_assert_cmpstr (a->description, ==, b->description);
      assert_dates_equal (&a->start, &b->start);
      assert_dates_equal (&a->end, &b->end);
      g_assert_cmpint (a->end_time, ==, b->end_time);
      g_assert_cmpstr (lane_id (tljs, a), ==, lane_id (native, b));
      g_assert_cmpint (a->category, ==, b->category);
      g_assert_cmpint (a->importance, ==, b->importance);
      g_assert_cmpuint (n_tags_a, ==, n_tags_b);
      g_assert_cmpuint (n_links_a, ==, n_links_b);
      test_assert_same_media (chrono_document_get_event_media (tljs, i),
                              chrono_document_get_event_media (native, i), TRUE);
      for (guint k = 0; k < n_links_a; k++)
        {
          g_assert_cmpstr (a->extra->links[k].url, ==, b->extra->links[k].url);
          g_assert_cmpstr (a->extra->links[k].title, ==, b->extra->links[k].title);
        }
    }

  g_assert_cmpuint (chrono_document_get_n_eras (tljs), ==, chrono_document_get_n_eras (native));
  for (guint i = 0; i < chrono_document_get_n_eras (tljs); i++)
    {
      const ChronoEra *a = chrono_document_get_era (tljs, i);
      const ChronoEra *b = chrono_document_get_era (native, i);

      g_assert_cmpstr (a->title, ==, b->title);
      assert_dates_equal (&a->start, &b->start);
      assert_dates_equal (&a->end, &b->end);
      g_assert_cmpint (a->end_time, ==, b->end_time);
    }

  story_a = chrono_document_get_story (tljs, &n_a);
  story_b = chrono_document_get_story (native, &n_b);
  g_assert_cmpuint (n_a, ==, n_b);
  for (guint i = 0; i < n_a; i++)
    g_assert_cmpstr (chrono_document_get_event (tljs, story_a[i])->id, ==,
                     chrono_document_get_event (native, story_b[i])->id);
}

/* A TimelineJS file and its hand-written native equivalent load to the
 * same model: title, lanes, events, eras and story, field by field. */
static void
test_roundtrip (void)
{
  g_autoptr(GPtrArray) diagnostics = diagnostics_new ();
  g_autoptr(ChronoDocument) tljs = load_fixture ("full.json", diagnostics);
  g_autoptr(ChronoDocument) native = load_fixture ("full-native.json", NULL);
  guint n_steps;

  g_assert_cmpint (chrono_document_get_format (tljs), ==, CHRONO_FORMAT_TIMELINEJS);
  g_assert_cmpint (chrono_document_get_format (native), ==, CHRONO_FORMAT_NATIVE);
  g_assert_cmpstr (chrono_document_get_title (tljs), ==, "A Short History of Almost Everything");
  g_assert_cmpuint (chrono_document_get_n_events (tljs), ==, 10);
  g_assert_cmpuint (chrono_document_get_n_lanes (tljs), ==, 5);
  g_assert_cmpuint (chrono_document_get_n_eras (tljs), ==, 2);
  chrono_document_get_story (tljs, &n_steps);
  g_assert_cmpuint (n_steps, ==, 10);

  assert_documents_equal (tljs, native);

  /* The slide without a start_date is skipped, with a positioned warning. */
  g_assert_cmpuint (diagnostics->len, ==, 1);
  {
    ChronoDiagnostic *d = g_ptr_array_index (diagnostics, 0);

    g_assert_true (d->is_warning);
    g_assert_cmpint (d->code, ==, CHRONO_ERROR_MISSING_MEMBER);
    g_assert_cmpstr (d->message, ==, "event 8 has no “start_date”; skipped");
    g_assert_cmpuint (d->pos.line, ==, 63);
    g_assert_cmpuint (d->pos.column, ==, 5);
  }
}

/* TimelineJS's spreadsheet template, read from CSV, maps as its JSON does. */
/* TimelineJS's media as TimelineJS shows them: pictures by their
 * extension (local ones too), blockquotes as quotes, YouTube, Vimeo
 * embeds, Wikipedia and maps as link cards; captions and credits stay
 * with them and out of the text; the title slide gives the cover. */
static void
test_media (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "media", "story.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) diagnostics = diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, diagnostics,
                                                                NULL, &error);
  static const struct
  {
    const char      *id;
    ChronoMediaKind  kind;
    const char      *url;
    const char      *site;
  } cards[] = {
    { "a-film", CHRONO_MEDIA_LINK, "https://www.youtube.com/watch?v=abc123", "YouTube" },
    { "an-article", CHRONO_MEDIA_LINK, "https://en.wikipedia.org/wiki/Analytical_engine", "Wikipedia" },
    { "where-it-stands", CHRONO_MEDIA_LINK, "https://www.google.com/maps/place/Science+Museum", "Google Maps" },
    { "another-film", CHRONO_MEDIA_LINK, "https://player.vimeo.com/video/42", "Vimeo" },
  };
  const ChronoMedia *media;
  const ChronoBackground *background;
  const ChronoEvent *event;

  g_assert_no_error (error);
  g_assert_cmpuint (diagnostics->len, ==, 0);

  g_assert_cmpstr (chrono_document_get_title (document), ==, "The Engine Makers");
  g_assert_cmpstr (chrono_document_get_description (document), ==,
                   "Pictures, quotes and credits, as TimelineJS tells a story.");
  media = chrono_document_get_cover_media (document);
  g_assert_cmpint (media->kind, ==, CHRONO_MEDIA_IMAGE);
  g_assert_cmpstr (media->url, ==, "cover.png");
  g_assert_cmpstr (media->credit, ==, "Drawn for the tests");
  background = chrono_document_get_background (document);
  g_assert_true (background->has_color);
  g_assert_cmphex (background->color, ==, 0x1c2a3a);
  g_assert_cmpstr (background->image, ==, "background.jpg");

  event = chrono_document_get_event (document, chrono_document_find_event (document, "the-engine"));
  g_assert_null (event->description);
  g_assert_cmpint (event->extra->media->kind, ==, CHRONO_MEDIA_IMAGE);
  g_assert_cmpstr (event->extra->media->url, ==, "engine.jpg");
  g_assert_cmpstr (event->extra->media->caption, ==, "The Analytical Engine");
  g_assert_cmpstr (event->extra->media->credit, ==, "Science Museum");
  /* The credit's link is still a link. */
  g_assert_cmpuint (event->extra->n_links, ==, 1);

  media = chrono_document_get_event_media (document, chrono_document_find_event (document, "a-portrait"));
  g_assert_cmpstr (media->thumbnail, ==, "thumb.png");

  media = chrono_document_get_event_media (document, chrono_document_find_event (document, "the-notes"));
  g_assert_cmpint (media->kind, ==, CHRONO_MEDIA_QUOTE);
  /* Shown in the reader's quotation marks, so the file's go. */
  g_assert_cmpstr (media->text, ==, "That brain of mine is something more than merely mortal.");
  g_assert_cmpstr (media->who, ==, "Ada Lovelace");

  /* A slide that is only a quote is named by it. */
  media = chrono_document_get_event_media (document,
                                           chrono_document_find_event (document, "the-engine-weaves-algebraic-patterns"));
  g_assert_cmpint (media->kind, ==, CHRONO_MEDIA_QUOTE);

  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      media = chrono_document_get_event_media (document, chrono_document_find_event (document, cards[i].id));
      g_assert_nonnull (media);
      g_assert_cmpint (media->kind, ==, cards[i].kind);
      g_assert_cmpstr (media->url, ==, cards[i].url);
      g_assert_cmpstr (media->site, ==, cards[i].site);
    }
  media = chrono_document_get_event_media (document, chrono_document_find_event (document, "a-film"));
  g_assert_cmpstr (media->caption, ==, "Building the engine");
  g_assert_cmpstr (media->credit, ==, "A museum");

  g_assert_null (chrono_document_get_event_media (document, chrono_document_find_event (document, "no-media")));
}

/* A picture named by another scheme is refused like a bad link. */
static void
test_media_bad_scheme (void)
{
  g_autoptr(GPtrArray) diagnostics = diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document =
    load_text ("{ \"events\": [ { \"start_date\": { \"year\": 2015 },\n"
               "  \"media\": { \"url\": \"ftp://example.org/a.png\" } } ] }",
               diagnostics, &error);
  const ChronoDiagnostic *d;

  g_assert_null (document);
  g_assert_cmpuint (diagnostics->len, >=, 1);
  d = g_ptr_array_index (diagnostics, 0);
  g_assert_cmpint (d->code, ==, CHRONO_ERROR_LINK);
  g_assert_cmpstr (d->path, ==, "events[0].media.url");
  g_assert_cmpuint (d->pos.line, ==, 2);
}

static void
test_same_as_sheet (void)
{
  g_autofree char *csv_path = g_test_build_filename (G_TEST_DIST, "data", "csv", "timelinejs.csv", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) json = load_fixture ("sheet.json", NULL);
  g_autoptr(ChronoDocument) csv = chrono_loader_load_file (csv_file, CHRONO_LOAD_DEFAULT, NULL,
                                                           NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (chrono_document_get_format (csv), ==, CHRONO_FORMAT_CSV);
  g_assert_cmpuint (chrono_document_get_n_events (json), ==, 6);
  assert_documents_equal (json, csv);
}

/* Ids: unique_id when given, else a slug of the headline that avoids
 * every other id, given or made. */
static void
test_ids (void)
{
  g_autoptr(ChronoDocument) document = load_fixture ("full.json", NULL);
  const char *expected[][2] = {
    { "launch", "1957-10-04" },
    { "launch-2", "1958-01-31" },
    { "launch-3", "1961-04-12" },
    { "launch-4", "1962" },
    { "babbage-the-analytical-engine", "1835-12" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      int index = chrono_document_find_event (document, expected[i][0]);
      g_autofree char *iso = NULL;

      g_assert_cmpint (index, >=, 0);
      iso = chrono_date_to_iso (&chrono_document_get_event (document, index)->start);
      g_assert_cmpstr (iso, ==, expected[i][1]);
    }
}

typedef struct
{
  const char      *json;    /* a start_date object */
  const char      *iso;     /* what it is */
  ChronoPrecision  precision;
} DateCase;

static void
test_dates (void)
{
  static const DateCase cases[] = {
    { "{ \"year\": 2015 }", "2015", CHRONO_PRECISION_YEAR },
    { "{ \"year\": \"2015\" }", "2015", CHRONO_PRECISION_YEAR },
    { "{ \"year\": \" 2,015 \", \"month\": \"\" }", "2015", CHRONO_PRECISION_YEAR },
    { "{ \"year\": 2015.0, \"month\": \"3\" }", "2015-03", CHRONO_PRECISION_MONTH },
    { "{ \"year\": \"2015\", \"month\": 3, \"day\": \"09\" }", "2015-03-09", CHRONO_PRECISION_DAY },
    { "{ \"year\": 2015, \"month\": 3, \"day\": 9, \"hour\": \"16\" }", NULL, CHRONO_PRECISION_HOUR },
    { "{ \"year\": 2015, \"month\": 3, \"day\": 9, \"hour\": 16, \"minute\": \"5\" }",
      "2015-03-09T16:05", CHRONO_PRECISION_MINUTE },
    { "{ \"year\": 2015, \"month\": 3, \"day\": 9, \"hour\": 16, \"minute\": 5, \"second\": 7 }",
      "2015-03-09T16:05:07", CHRONO_PRECISION_SECOND },
    { "{ \"year\": 2015, \"month\": 3, \"day\": 9, \"hour\": 16, \"minute\": 5, \"second\": 7,"
      " \"millisecond\": \"999\", \"display_date\": \"Spring\", \"format\": \"full\" }",
      "2015-03-09T16:05:07", CHRONO_PRECISION_SECOND },
    { "{ \"year\": -500 }", "-0499", CHRONO_PRECISION_YEAR },
    { "{ \"year\": \"-1\" }", "0000", CHRONO_PRECISION_YEAR },
    { "{ \"year\": \"-13 800 000 000\" }", "-13799999999", CHRONO_PRECISION_YEAR },
    { "{ \"year\": -65000000, \"month\": null }", "-64999999", CHRONO_PRECISION_YEAR },
    { "{ \"year\": 2016, \"month\": 2, \"day\": 29 }", "2016-02-29", CHRONO_PRECISION_DAY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronoDocument) document = NULL;
      g_autofree char *json = g_strdup_printf ("{ \"events\": [ { \"start_date\": %s,"
                                               " \"text\": { \"headline\": \"x\" } } ] }",
                                               cases[i].json);
      const ChronoEvent *event;

      document = load_text (json, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (chrono_document_get_n_events (document), ==, 1);
      event = chrono_document_get_event (document, 0);
      g_assert_cmpint (event->start.precision, ==, cases[i].precision);
      g_assert_true (CHRONO_EVENT_IS_POINT (event));
      if (cases[i].iso != NULL)
        {
          g_autofree char *iso = chrono_date_to_iso (&event->start);
          g_assert_cmpstr (iso, ==, cases[i].iso);
        }
      else
        {
          gint64 year;
          int month, day, hour, minute, second, weekday;

          chrono_time_to_civil (event->start.time, &year, &month, &day, &hour, &minute,
                                &second, &weekday);
          g_assert_cmpint (year, ==, 2015);
          g_assert_cmpint (day, ==, 9);
          g_assert_cmpint (hour, ==, 16);
          g_assert_cmpint (minute, ==, 0);
          /* An hour stands for the whole hour. */
          g_assert_cmpint (event->end_time - event->start.time, ==, 3600);
        }
    }
}

typedef struct
{
  const char      *json;
  ChronoErrorCode  code;
  guint            line;
  guint            column;
  const char      *message;
} BadCase;

/* Known members of the wrong type and bad dates are errors at the member. */
static void
test_bad (void)
{
  static const BadCase cases[] = {
    { "{ \"events\": [\n { \"start_date\": { \"year\": \"20x5\" } } ] }",
      CHRONO_ERROR_DATE, 2, 20, "“20x5” is not a whole number" },
    { "{ \"events\": [\n { \"start_date\": { \"year\": 2015,\n \"month\": 13 } } ] }",
      CHRONO_ERROR_DATE, 3, 2, "month 13 is out of range (1–12)" },
    { "{ \"events\": [\n { \"start_date\": { \"year\": 2015, \"month\": 2, \"day\": \"30\" } } ] }",
      CHRONO_ERROR_DATE, 2, 46, "day 30 does not exist in that month (it has 28 days)" },
    { "{ \"events\": [\n { \"start_date\": { \"month\": 5 } } ] }",
      CHRONO_ERROR_DATE, 2, 4, "the year is missing" },
    { "{ \"events\": [\n { \"start_date\": { \"year\": \"\" } } ] }",
      CHRONO_ERROR_MISSING_MEMBER, 2, 4, "“start_date” has no year" },
    { "{ \"events\": [\n { \"start_date\": { \"year\": 1.5 } } ] }",
      CHRONO_ERROR_DATE, 2, 20, "“1.5” is not a whole number" },
    { "{ \"events\": [\n { \"start_date\": { \"year\": true } } ] }",
      CHRONO_ERROR_TYPE, 2, 20, "“year” must be a number or a string, not a boolean" },
    { "{ \"events\": [\n { \"start_date\": \"2015\" } ] }",
      CHRONO_ERROR_TYPE, 2, 4, "“start_date” must be an object, not a string" },
    { "{ \"events\": [\n { \"start_date\": { \"year\": 2015 },\n   \"text\": \"hello\" } ] }",
      CHRONO_ERROR_TYPE, 3, 4, "“text” must be an object, not a string" },
    { "{ \"events\": [\n { \"start_date\": { \"year\": 2015 },\n   \"text\": { \"headline\": 5 } } ] }",
      CHRONO_ERROR_TYPE, 3, 14, "“headline” must be a string, not a number" },
    { "{ \"events\": [\n { \"start_date\": { \"year\": 2015 }, \"group\": [] } ] }",
      CHRONO_ERROR_TYPE, 2, 36, "“group” must be a string, not an array" },
    { "{ \"events\": [\n { \"start_date\": { \"year\": 2015 }, \"autolink\": \"yes\" } ] }",
      CHRONO_ERROR_TYPE, 2, 36, "“autolink” must be true or false, not a string" },
    { "{ \"events\": [\n 7 ] }",
      CHRONO_ERROR_TYPE, 2, 2, "an event must be an object, not a number" },
    { "{ \"events\": {} }",
      CHRONO_ERROR_TYPE, 1, 3, "“events” must be an array, not an object" },
    { "{ \"events\": [], \"eras\": [\n { \"start_date\": { \"year\": 1 }, \"end_date\": { \"year\": \"x\" } } ] }",
      CHRONO_ERROR_DATE, 2, 47, "“x” is not a whole number" },
    { "{ \"events\": [ { \"start_date\": { \"year\": 2015 } } ],\n \"title\": { \"media\": 3 } }",
      CHRONO_ERROR_TYPE, 2, 13, "“media” must be an object, not a number" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) diagnostics = diagnostics_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronoDocument) document = NULL;
      ChronoDiagnostic *d = NULL;

      document = load_text (cases[i].json, diagnostics, &error);
      g_assert_null (document);
      g_assert_error (error, CHRONO_ERROR, (int) cases[i].code);

      for (guint k = 0; k < diagnostics->len && d == NULL; k++)
        if (!((ChronoDiagnostic *) g_ptr_array_index (diagnostics, k))->is_warning)
          d = g_ptr_array_index (diagnostics, k);
      g_assert_nonnull (d);
      g_assert_cmpstr (d->message, ==, cases[i].message);
      g_assert_cmpuint (d->pos.line, ==, cases[i].line);
      g_assert_cmpuint (d->pos.column, ==, cases[i].column);
    }
}

/* Real files carry members TimelineJS does not define: they are fine. */
static void
test_unknown_members (void)
{
  const char *json =
    "{ \"events\": [ { \"start_date\": { \"year\": 2015, \"calendar\": \"gregorian\" },"
    "  \"text\": { \"headline\": \"A\", \"subhead\": 1 }, \"location\": { \"lat\": 1 },"
    "  \"media\": { \"url\": \"https://example.org/a.png\", \"width\": 300 } } ],"
    "  \"options\": { \"zoom\": 3 }, \"scale\": \"human\" }";
  g_autoptr(GPtrArray) diagnostics = diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = load_text (json, diagnostics, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, 1);
  /* Events without a group share the default lane. */
  g_assert_cmpuint (chrono_document_get_n_lanes (document), ==, 1);
}

/* Slides without a headline are still named; media embeds give links. */
static void
test_titles (void)
{
  const char *json =
    "{ \"events\": ["
    "  { \"start_date\": { \"year\": 2001 }, \"text\": { \"text\": \"<p>First line</p><p>Second</p>\" } },"
    "  { \"start_date\": { \"year\": 2002 }, \"media\": { \"url\": \"<blockquote><a href='https://example.org/t'>t</a></blockquote>\","
    "    \"caption\": \"The <b>caption</b>\" } },"
    "  { \"start_date\": { \"year\": 2003 }, \"display_date\": \"Early 2003\" },"
    "  { \"start_date\": { \"year\": 2004, \"month\": 6 } } ] }";
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = load_text (json, NULL, &error);
  const ChronoEvent *event;

  g_assert_no_error (error);
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, 4);

  event = chrono_document_get_event (document, 0);
  g_assert_cmpstr (event->title, ==, "First line");
  g_assert_cmpstr (event->description, ==, "First line\n\nSecond");
  g_assert_cmpstr (event->id, ==, "first-line");

  event = chrono_document_get_event (document, 1);
  g_assert_cmpstr (event->title, ==, "The caption");
  g_assert_nonnull (event->extra);
  g_assert_cmpuint (event->extra->n_links, ==, 1);
  g_assert_cmpstr (event->extra->links[0].url, ==, "https://example.org/t");

  event = chrono_document_get_event (document, 2);
  g_assert_cmpstr (event->title, ==, "Early 2003");

  event = chrono_document_get_event (document, 3);
  g_assert_cmpstr (event->title, ==, "Jun 2004");
}

/* Group names are HTML on one line; an end_date with no field given (as
 * converted spreadsheets write it) is no end. */
static void
test_groups_and_empty_ends (void)
{
  const char *json =
    "{ \"events\": ["
    "  { \"start_date\": { \"year\": 2001 }, \"end_date\": { \"year\": \"\", \"month\": \"\" },"
    "    \"text\": { \"headline\": \"<p>Two</p><p>paragraphs</p>\" }, \"group\": \"R&amp;D <b>lab</b>\" },"
    "  { \"start_date\": { \"year\": 2002 }, \"end_date\": null, \"text\": { \"headline\": \"B\" },"
    "    \"group\": \" R&amp;D  lab \" } ] }";
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = load_text (json, NULL, &error);
  const ChronoEvent *event;

  g_assert_no_error (error);
  g_assert_cmpuint (chrono_document_get_n_lanes (document), ==, 1);
  g_assert_cmpstr (chrono_document_get_lane (document, 0)->title, ==, "R&D lab");
  g_assert_cmpstr (chrono_document_get_lane (document, 0)->id, ==, "r-d-lab");

  event = chrono_document_get_event (document, 0);
  g_assert_cmpstr (event->title, ==, "Two paragraphs");
  g_assert_true (CHRONO_EVENT_IS_POINT (event));
  g_assert_true (CHRONO_EVENT_IS_POINT (chrono_document_get_event (document, 1)));
}

static void
test_not_timelinejs (void)
{
  g_autoptr(GPtrArray) diagnostics = diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = load_text ("{ \"events\": null }", diagnostics, &error);

  g_assert_null (document);
  g_assert_nonnull (error);
}

typedef struct
{
  const char *html;
  const char *text;
} HtmlCase;

static void
test_html (void)
{
  static const HtmlCase cases[] = {
    { "plain   text\n with  spaces ", "plain text with spaces" },
    { "<p>One</p><p>Two</p>", "One\n\nTwo" },
    { "One<br>Two<br/>Three<br><br>Four", "One\nTwo\nThree\n\nFour" },
    { "<div>A</div>\n<div>B</div>", "A\n\nB" },
    { "<ul><li>a</li><li> b</li></ul>after", "• a\n• b\n\nafter" },
    { "&amp; &lt;b&gt; &quot;q&quot; &#39;s&#39; &eacute;t&eacute; &#x1F600; &copy;",
      "& <b> \"q\" 's' été 😀 ©" },
    { "&unknown; &amp &#xZZ; AT&T", "&unknown; &amp &#xZZ; AT&T" },
    { "a < b and c > d", "a < b and c > d" },
    { "<!-- hidden -->shown<script>var x = '<p>';</script><style>p{}</style>", "shown" },
    { "<P CLASS=\"x\">Upper</P><H2>Head</H2>", "Upper\n\nHead" },
    { "<b>bold</b><i>it</i> <span>span</span>", "boldit span" },
    { "&#0; &#xD800; &#1114112;", "\xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD" },
    { "<p>unclosed <b", "unclosed <b" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = chrono_html_to_text (cases[i].html, -1, NULL);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_html_links (void)
{
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_html_link_free);
  g_autofree char *text = NULL;
  ChronoHtmlLink *link;

  text = chrono_html_to_text ("See <a href=\"https://a.example/?x=1&amp;y=2\" target=_blank>the "
                              "<b>page</b></a>, <a href='#top'>top</a>, "
                              "<A HREF=https://b.example/>B</A> and <a href=\"https://c.example\"></a>.",
                              -1, links);
  g_assert_cmpstr (text, ==, "See the page, top, B and .");
  g_assert_cmpuint (links->len, ==, 3);
  link = g_ptr_array_index (links, 0);
  g_assert_cmpstr (link->url, ==, "https://a.example/?x=1&y=2");
  g_assert_cmpstr (link->text, ==, "the page");
  link = g_ptr_array_index (links, 1);
  g_assert_cmpstr (link->url, ==, "https://b.example/");
  g_assert_cmpstr (link->text, ==, "B");
  link = g_ptr_array_index (links, 2);
  g_assert_cmpstr (link->url, ==, "https://c.example");
  g_assert_null (link->text);
}

/* TimelineJS never reads the title slide's dates, and its own samples
 * carry "start_date": { "year": "" } there: that opens, as do empty end
 * dates and a blank era (skipped with a warning, as an era needs both
 * dates).  An event's empty start_date stays an error (see test_bad). */
static void
test_title_empty_date (void)
{
  g_autoptr(GPtrArray) diagnostics = diagnostics_new ();
  g_autoptr(ChronoDocument) document = load_fixture ("title-empty-date.json", diagnostics);
  const ChronoDiagnostic *d;
  const ChronoEvent *event;

  g_assert_cmpstr (chrono_document_get_title (document), ==, "A short history of computing");
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, 2);
  event = chrono_document_get_event (document, 0);
  g_assert_cmpstr (event->title, ==, "Notes on the Analytical Engine");
  g_assert_true (CHRONO_EVENT_IS_POINT (event));
  event = chrono_document_get_event (document, 1);
  g_assert_false (CHRONO_EVENT_IS_POINT (event));
  g_assert_cmpuint (chrono_document_get_n_eras (document), ==, 1);

  g_assert_cmpuint (diagnostics->len, ==, 1);
  d = g_ptr_array_index (diagnostics, 0);
  g_assert_true (d->is_warning);
  g_assert_cmpint (d->code, ==, CHRONO_ERROR_MISSING_MEMBER);
  g_assert_cmpuint (d->pos.line, ==, 60);
  g_assert_cmpuint (d->pos.column, ==, 9);
}

static void
test_title_dates (void)
{
  static const char * const titles[] = {
    "{ \"start_date\": { \"year\": \"\" } }",
    "{ \"start_date\": { \"year\": \"\", \"month\": \"\", \"day\": null }, \"end_date\": { } }",
    "{ \"start_date\": { \"year\": \" \" }, \"end_date\": { \"year\": \"\" } }",
    "{ \"start_date\": { \"year\": 1900 } }",
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *json = g_strdup_printf ("{ \"events\": [ { \"start_date\": { \"year\": 2015 } } ],"
                                               "  \"title\": %s }", titles[i]);
      g_autoptr(GPtrArray) diagnostics = diagnostics_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronoDocument) document = load_text (json, diagnostics, &error);

      g_assert_no_error (error);
      g_assert_nonnull (document);
      g_assert_cmpuint (diagnostics->len, ==, 0);
    }

  /* What is written there is still checked. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ChronoDocument) document =
      load_text ("{ \"events\": [ { \"start_date\": { \"year\": 2015 } } ],"
                 "  \"title\": { \"start_date\": { \"year\": 2015, \"month\": 13 } } }", NULL, &error);

    g_assert_null (document);
    g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_DATE);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/import/timelinejs/roundtrip", test_roundtrip);
  g_test_add_func ("/model/import/timelinejs/media", test_media);
  g_test_add_func ("/model/import/timelinejs/media-bad-scheme", test_media_bad_scheme);
  g_test_add_func ("/model/import/timelinejs/same-as-sheet", test_same_as_sheet);
  g_test_add_func ("/model/import/timelinejs/ids", test_ids);
  g_test_add_func ("/model/import/timelinejs/dates", test_dates);
  g_test_add_func ("/model/import/timelinejs/bad", test_bad);
  g_test_add_func ("/model/import/timelinejs/unknown-members", test_unknown_members);
  g_test_add_func ("/model/import/timelinejs/titles", test_titles);
  g_test_add_func ("/model/import/timelinejs/groups-and-empty-ends", test_groups_and_empty_ends);
  g_test_add_func ("/model/import/timelinejs/not-timelinejs", test_not_timelinejs);
  g_test_add_func ("/model/import/timelinejs/html", test_html);
  g_test_add_func ("/model/import/timelinejs/html-links", test_html_links);
  g_test_add_func ("/model/import/timelinejs/title-empty-date", test_title_empty_date);
  g_test_add_func ("/model/import/timelinejs/title-dates", test_title_dates);

  return g_test_run ();
}
