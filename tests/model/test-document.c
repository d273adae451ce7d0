#define G_LOG_DOMAIN "test-document"

#include "config.h"

#include <string.h>

#include "chrono-document-builder.h"

#include "model-test-util.h"

static ChronoDate
no_date (void)
{
  return (ChronoDate) { 0 };
}

static GPtrArray *
new_diagnostics (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)chrono_diagnostic_free);
}

static void
add_lane (ChronoDocumentBuilder *builder,
          const char            *id,
          const char            *title)
{
  ChronoLane lane = { .id = id, .title = title, .kind = CHRONO_LANE_PERSON };
  g_autofree char *path = g_strdup_printf ("lanes[%s]", id);

  chrono_document_builder_add_lane (builder, &lane, path, (ChronoPos) { 2, 3 });
}

static void
add_simple_event (ChronoDocumentBuilder *builder,
                  const char            *id,
                  const char            *lane,
                  const char            *start,
                  const char            *end)
{
  ChronoEventDraft draft = { 0 };

  draft.id = id;
  draft.title = id != NULL ? id : "Untitled";
  draft.lane = lane;
  draft.start = test_date (start);
  draft.end = end != NULL ? test_date (end) : no_date ();
  chrono_document_builder_add_event (builder, &draft);
}

/* The one diagnostic of a failed build. */
static ChronoDiagnostic *
expect_one_error (ChronoDocumentBuilder *builder,
                  GPtrArray             *diagnostics)
{
  ChronoDocument *document = chrono_document_builder_finish (builder, diagnostics);

  g_assert_null (document);
  g_assert_cmpuint (diagnostics->len, ==, 1);

  return g_ptr_array_index (diagnostics, 0);
}

static void
test_happy_path (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(ChronoDocument) document = NULL;
  ChronoCategory category = { .id = "role", .title = "Role", .color = 0x3584e4, .has_color = TRUE };
  const char *tags[] = { "pre-training", "anthropic", NULL };
  const char *related[] = { "tesla", NULL };
  const char *labels[] = { "after", NULL };
  ChronoLink link = { "Announcement", "https://example.com/a" };
  ChronoSeriesPoint points[] = { { test_date ("2026-04"), 30 }, { test_date ("2025-12"), 9 } };
  ChronoSeries series = { .id = "run-rate", .title = "Run rate", .unit = "USD bn",
                          .points = points, .n_points = 2 };
  ChronoEra era = { .title = "Eureka Labs years", .start = test_date ("2024-07"), .end = test_date ("2026-05") };
  ChronoEventDraft draft = { 0 };
  const ChronoEvent *event;
  const ChronoSeries *s;
  const guint *story;
  const char * const *all_tags;
  guint n_steps;
  gint64 lo, hi;
  int joins, tesla, openai;

  chrono_document_builder_set_title (builder, "Talent");
  chrono_document_builder_set_description (builder, "About people");
  add_lane (builder, "karpathy", "Andrej Karpathy");
  add_lane (builder, "anthropic", "Anthropic");
  chrono_document_builder_add_category (builder, &category, "categories[0]", (ChronoPos) { 5, 5 });

  draft.id = "joins-anthropic";
  draft.title = "Joins Anthropic pre-training";
  draft.description = "Under the head of pre-training";
  draft.lane = "karpathy";
  draft.category = "role";
  draft.start = test_date ("2026-05-19");
  draft.end = no_date ();
  draft.importance = 5;
  draft.tags = tags;
  draft.links = &link;
  draft.n_links = 1;
  draft.related = related;
  draft.related_labels = labels;
  draft.pos = (ChronoPos) { 10, 5 };
  chrono_document_builder_add_event (builder, &draft);

  add_simple_event (builder, "tesla", "karpathy", "2017-06", "2022-07");
  add_simple_event (builder, "openai", "karpathy", "2015-12-11", NULL);
  add_simple_event (builder, "claude-code", "anthropic", "2025-02", "..");

  chrono_document_builder_add_series (builder, &series, "anthropic", "series[0]", (ChronoPos) { 30, 5 });
  chrono_document_builder_add_era (builder, &era, "eras[0]", (ChronoPos) { 40, 5 });
  chrono_document_builder_add_story_step (builder, "tesla", "story[0]", (ChronoPos) { 50, 5 });
  chrono_document_builder_add_story_step (builder, "joins-anthropic", "story[1]", (ChronoPos) { 50, 15 });

  document = chrono_document_builder_finish (g_steal_pointer (&builder), diagnostics);
  g_assert_nonnull (document);
  g_assert_cmpuint (diagnostics->len, ==, 0);

  g_assert_cmpstr (chrono_document_get_title (document), ==, "Talent");
  g_assert_cmpstr (chrono_document_get_description (document), ==, "About people");
  g_assert_cmpint (chrono_document_get_format (document), ==, CHRONO_FORMAT_NATIVE);
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, 4);
  g_assert_cmpuint (chrono_document_get_n_lanes (document), ==, 2);
  g_assert_cmpuint (chrono_document_get_n_categories (document), ==, 1);

  /* Sorted by start. */
  openai = chrono_document_find_event (document, "openai");
  tesla = chrono_document_find_event (document, "tesla");
  joins = chrono_document_find_event (document, "joins-anthropic");
  g_assert_cmpint (openai, ==, 0);
  g_assert_cmpint (tesla, ==, 1);
  g_assert_cmpint (chrono_document_find_event (document, "claude-code"), ==, 2);
  g_assert_cmpint (joins, ==, 3);
  g_assert_cmpint (chrono_document_find_event (document, "nobody"), ==, -1);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (chrono_document_get_event (document, i)->index, ==, i);

  /* A point ends with its day; a span with its end's month; ongoing now. */
  event = chrono_document_get_event (document, openai);
  g_assert_true (CHRONO_EVENT_IS_POINT (event));
  g_assert_cmpint (event->end_time, ==, test_date ("2015-12-12").time);
  g_assert_null (event->extra);
  g_assert_cmpint (event->importance, ==, 3);
  g_assert_cmpint (event->category, ==, -1);
  event = chrono_document_get_event (document, tesla);
  g_assert_false (CHRONO_EVENT_IS_POINT (event));
  g_assert_cmpint (event->end_time, ==, test_date ("2022-08").time);
  event = chrono_document_get_event (document, 2);
  g_assert_true (event->end.flags & CHRONO_DATE_OPEN);
  g_assert_cmpint (event->end_time, ==, test_date ("2026-11-24T12:00:00Z").time);
  g_assert_cmpuint (event->lane, ==, 1);

  event = chrono_document_get_event (document, joins);
  g_assert_cmpstr (event->title, ==, "Joins Anthropic pre-training");
  g_assert_cmpstr (event->description, ==, "Under the head of pre-training");
  g_assert_cmpuint (event->lane, ==, 0);
  g_assert_cmpint (event->category, ==, 0);
  g_assert_cmpint (event->importance, ==, 5);
  g_assert_cmpuint (event->source.line, ==, 10);
  g_assert_nonnull (event->extra);
  g_assert_cmpuint (event->extra->n_tags, ==, 2);
  g_assert_cmpstr (event->extra->tags[0], ==, "pre-training");
  g_assert_cmpstr (event->extra->tags[1], ==, "anthropic");
  g_assert_null (event->extra->tags[2]);
  g_assert_cmpuint (event->extra->n_links, ==, 1);
  g_assert_cmpstr (event->extra->links[0].title, ==, "Announcement");
  g_assert_cmpstr (event->extra->links[0].url, ==, "https://example.com/a");
  g_assert_cmpuint (event->extra->n_related, ==, 1);
  g_assert_cmpuint (event->extra->related[0].event, ==, (guint)tesla);
  g_assert_cmpstr (event->extra->related[0].label, ==, "after");

  g_assert_cmpint (chrono_document_find_lane (document, "anthropic"), ==, 1);
  g_assert_cmpint (chrono_document_find_lane (document, "nobody"), ==, -1);
  g_assert_cmpstr (chrono_document_get_lane (document, 0)->title, ==, "Andrej Karpathy");
  g_assert_cmpint (chrono_document_find_category (document, "role"), ==, 0);
  g_assert_cmpint (chrono_document_find_category (document, "x"), ==, -1);
  g_assert_cmphex (chrono_document_get_category (document, 0)->color, ==, 0x3584e4);

  /* Series points sorted by date. */
  g_assert_cmpuint (chrono_document_get_n_series (document), ==, 1);
  s = chrono_document_get_series (document, 0);
  g_assert_cmpstr (s->id, ==, "run-rate");
  g_assert_cmpstr (s->unit, ==, "USD bn");
  g_assert_cmpuint (s->lane, ==, 1);
  g_assert_cmpuint (s->n_points, ==, 2);
  g_assert_cmpfloat (s->points[0].value, ==, 9);
  g_assert_cmpfloat (s->points[1].value, ==, 30);

  g_assert_cmpuint (chrono_document_get_n_eras (document), ==, 1);
  g_assert_cmpint (chrono_document_get_era (document, 0)->end_time, ==, test_date ("2026-06").time);

  story = chrono_document_get_story (document, &n_steps);
  g_assert_cmpuint (n_steps, ==, 2);
  g_assert_cmpuint (story[0], ==, (guint)tesla);
  g_assert_cmpuint (story[1], ==, (guint)joins);

  all_tags = chrono_document_get_tags (document);
  g_assert_cmpstr (all_tags[0], ==, "anthropic");
  g_assert_cmpstr (all_tags[1], ==, "pre-training");
  g_assert_null (all_tags[2]);

  g_assert_true (chrono_document_get_bounds (document, &lo, &hi));
  g_assert_cmpint (lo, ==, test_date ("2015-12-11").time);
  g_assert_cmpint (hi, ==, test_date ("2026-11-24T12:00:00Z").time);
}

static void
test_properties (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_CSV);
  g_autoptr(ChronoDocument) document = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/x.json");
  g_autoptr(GFile) got = NULL;
  g_autofree char *title = NULL;
  guint n_events = 0;
  guint notified = 0;

  add_simple_event (builder, "a", NULL, "2015", NULL);
  document = chrono_document_builder_finish (g_steal_pointer (&builder), NULL);
  g_assert_nonnull (document);

  g_signal_connect (document, "notify::file", G_CALLBACK (test_count_notify), &notified);

  g_assert_null (chrono_document_get_file (document));
  chrono_document_set_file (document, file);
  chrono_document_set_file (document, file);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (chrono_document_get_file (document) == file);

  g_object_get (document, "title", &title, "n-events", &n_events, "file", &got, NULL);
  g_assert_cmpstr (title, ==, "");
  g_assert_cmpuint (n_events, ==, 1);
  g_assert_true (got == file);
  g_assert_cmpint (chrono_document_get_format (document), ==, CHRONO_FORMAT_CSV);
}

static void
test_default_lane (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(ChronoDocument) document = NULL;
  const ChronoLane *lane;

  add_lane (builder, "karpathy", "Andrej Karpathy");
  add_simple_event (builder, "a", "karpathy", "2015", NULL);
  add_simple_event (builder, "b", NULL, "2016", NULL);
  document = chrono_document_builder_finish (g_steal_pointer (&builder), NULL);
  g_assert_nonnull (document);

  g_assert_cmpuint (chrono_document_get_n_lanes (document), ==, 2);
  lane = chrono_document_get_lane (document, 1);
  g_assert_cmpstr (lane->id, ==, "default");
  g_assert_cmpstr (lane->title, ==, "Events");
  g_assert_cmpuint (chrono_document_get_event (document, 1)->lane, ==, 1);

  /* No lane is made when every event names one. */
  g_clear_object (&document);
  builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  add_lane (builder, "karpathy", "Andrej Karpathy");
  add_simple_event (builder, "a", "karpathy", "2015", NULL);
  document = chrono_document_builder_finish (g_steal_pointer (&builder), NULL);
  g_assert_cmpuint (chrono_document_get_n_lanes (document), ==, 1);
}

static void
test_sorting (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(ChronoDocument) document = NULL;
  const char *expected[] = { "deep", "bc", "a-short", "b-short", "c-short", "b-long-same-start", "z" };

  add_simple_event (builder, "z", NULL, "2020", NULL);
  add_simple_event (builder, "c-short", NULL, "2015", "2015");
  add_simple_event (builder, "b-long-same-start", NULL, "2015-01", "2016");
  add_simple_event (builder, "b-short", NULL, "2015", NULL);
  add_simple_event (builder, "a-short", NULL, "2015", "2015");
  add_simple_event (builder, "bc", NULL, "-0499", NULL);
  add_simple_event (builder, "deep", NULL, "-13800000000", NULL);
  document = chrono_document_builder_finish (g_steal_pointer (&builder), NULL);
  g_assert_nonnull (document);

  /* "2015-01" and "2015" start together: the earlier end comes first, then the id. */
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const ChronoEvent *event = chrono_document_get_event (document, i);

      g_assert_cmpstr (event->id, ==, expected[i]);
      g_assert_cmpuint (event->index, ==, i);
      g_assert_cmpint (chrono_document_find_event (document, expected[i]), ==, i);
    }
}

/* Many events with few distinct starts and ends, and ids that share long
 * prefixes or end early: every tie-break of the sort, in runs long and
 * short, compared with a plain comparison of (start, end, id). */
static void
test_sorting_many (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(ChronoDocument) document = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  const char *starts[] = { "-13800000000", "-0499", "1969-12-31", "1970", "2015", "2015-01", "2015-01-01T10:00", "2300" };
  const char *ends[] = { NULL, NULL, "2016", "2400", ".." };
  const char *stems[] = { "", "e", "event-with-a-long-id-", "eventxyz", "eventxy" };
  const guint n = 3000;

  chrono_document_builder_reserve_events (builder, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s%u", stems[g_rand_int_range (rand, 0, G_N_ELEMENTS (stems))], i);
      /* Mostly one start, so that one run is long. */
      const char *start = g_rand_int_range (rand, 0, 4) == 0
        ? starts[g_rand_int_range (rand, 0, G_N_ELEMENTS (starts))] : "2015";
      const char *end = ends[g_rand_int_range (rand, 0, G_N_ELEMENTS (ends))];

      if (end != NULL && strcmp (end, "2016") == 0 && strcmp (start, "2300") == 0)
        end = NULL;
      add_simple_event (builder, id, NULL, start, end);
    }

  document = chrono_document_builder_finish (g_steal_pointer (&builder), NULL);
  g_assert_nonnull (document);
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, n);

  for (guint i = 0; i < n; i++)
    {
      const ChronoEvent *event = chrono_document_get_event (document, i);

      g_assert_cmpuint (event->index, ==, i);
      g_assert_cmpint (chrono_document_find_event (document, event->id), ==, i);
      if (i > 0)
        {
          const ChronoEvent *previous = chrono_document_get_event (document, i - 1);

          g_assert_cmpint (previous->start.time, <=, event->start.time);
          if (previous->start.time == event->start.time)
            {
              g_assert_cmpint (previous->end_time, <=, event->end_time);
              if (previous->end_time == event->end_time)
                g_assert_cmpint (strcmp (previous->id, event->id), <, 0);
            }
        }
    }
}

static void
test_slug_ids (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(ChronoDocument) document = NULL;
  ChronoEventDraft draft = { 0 };
  const char *titles[] = { "Joins Anthropic", "Joins  Anthropic!", "Café Été", "!!!", "Joins Anthropic" };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      draft.title = titles[i];
      draft.start = test_date ("2020");
      chrono_document_builder_add_event (builder, &draft);
    }
  /* An explicit id declared later still wins over a slug. */
  add_simple_event (builder, "joins-anthropic-2", NULL, "2021", NULL);

  document = chrono_document_builder_finish (g_steal_pointer (&builder), NULL);
  g_assert_nonnull (document);

  g_assert_cmpint (chrono_document_find_event (document, "joins-anthropic"), >=, 0);
  g_assert_cmpint (chrono_document_find_event (document, "joins-anthropic-3"), >=, 0);
  g_assert_cmpint (chrono_document_find_event (document, "joins-anthropic-4"), >=, 0);
  g_assert_cmpint (chrono_document_find_event (document, "cafe-ete"), >=, 0);
  g_assert_cmpint (chrono_document_find_event (document, "event"), >=, 0);
  g_assert_cmpstr (chrono_document_get_event (document,
                                              chrono_document_find_event (document, "joins-anthropic-2"))->title,
                   ==, "joins-anthropic-2");
  g_assert_cmpstr (chrono_document_get_event (document,
                                              chrono_document_find_event (document, "joins-anthropic"))->title,
                   ==, "Joins Anthropic");
}

/* Many events with one title and no id: each slug is found without
 * probing every earlier suffix again (probing from "-2" each time takes
 * minutes for this many), and the ids stay unique, in input order, and
 * clear of explicit ids given later and of slugs of other titles. */
#define N_SAME_TITLE 50000

static void
test_slug_ids_many (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(ChronoDocument) document = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  ChronoEventDraft draft = { 0 };
  ChronoEventDraft other = { 0 };
  int found;

  draft.title = "Title";
  draft.start = test_date ("2020");
  other.title = "Title 3";
  other.start = test_date ("2020");

  for (guint i = 0; i < N_SAME_TITLE; i++)
    {
      chrono_document_builder_add_event (builder, &draft);
      /* Its slug "title-3" is taken before the third "Title" asks. */
      if (i == 0)
        chrono_document_builder_add_event (builder, &other);
    }
  /* Explicit ids given last are still kept clear of. */
  add_simple_event (builder, "title-7", NULL, "2021", NULL);
  add_simple_event (builder, "title-40000", NULL, "2021", NULL);

  document = chrono_document_builder_finish (g_steal_pointer (&builder), diagnostics);
  g_assert_nonnull (document);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, N_SAME_TITLE + 3);

  for (guint i = 0; i < chrono_document_get_n_events (document); i++)
    {
      const ChronoEvent *event = chrono_document_get_event (document, i);

      g_assert_true (g_hash_table_add (seen, (gpointer) event->id));
    }

  g_assert_cmpstr (chrono_document_get_event (document, chrono_document_find_event (document, "title"))->title,
                   ==, "Title");
  g_assert_cmpstr (chrono_document_get_event (document, chrono_document_find_event (document, "title-3"))->title,
                   ==, "Title 3");
  g_assert_cmpstr (chrono_document_get_event (document, chrono_document_find_event (document, "title-7"))->title,
                   ==, "title-7");
  g_assert_cmpstr (chrono_document_get_event (document, chrono_document_find_event (document, "title-40000"))->title,
                   ==, "title-40000");
  /* "title", "title-2", then 3 and 7 and 40000 are skipped. */
  found = chrono_document_find_event (document, "title-50003");
  g_assert_cmpint (found, >=, 0);
  g_assert_cmpstr (chrono_document_get_event (document, found)->title, ==, "Title");
  g_assert_cmpint (chrono_document_find_event (document, "title-50004"), <, 0);
}

/* A series without an id never takes one that a later series names. */
static void
test_slug_series_ids (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(ChronoDocument) document = NULL;
  ChronoSeriesPoint point = { test_date ("2020"), 1 };
  ChronoSeries unnamed = { .title = "Revenue", .points = &point, .n_points = 1 };
  ChronoSeries named = { .id = "revenue", .title = "Named", .points = &point, .n_points = 1 };

  chrono_document_builder_add_series (builder, &unnamed, NULL, "series[0]", (ChronoPos) { 0, 0 });
  chrono_document_builder_add_series (builder, &unnamed, NULL, "series[1]", (ChronoPos) { 0, 0 });
  chrono_document_builder_add_series (builder, &named, NULL, "series[2]", (ChronoPos) { 0, 0 });

  document = chrono_document_builder_finish (g_steal_pointer (&builder), diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_nonnull (document);
  g_assert_cmpuint (chrono_document_get_n_series (document), ==, 3);
  g_assert_cmpstr (chrono_document_get_series (document, 0)->id, ==, "revenue-2");
  g_assert_cmpstr (chrono_document_get_series (document, 1)->id, ==, "revenue-3");
  g_assert_cmpstr (chrono_document_get_series (document, 2)->id, ==, "revenue");
}

static void
test_unknown_lane (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  ChronoEventDraft draft = { 0 };
  ChronoDiagnostic *d;

  add_lane (builder, "karpathy", "Andrej Karpathy");
  add_lane (builder, "anthropic", "Anthropic");
  add_simple_event (builder, "a", "karpathy", "2015", NULL);
  draft.id = "b";
  draft.title = "B";
  draft.lane = "zz";
  draft.start = test_date ("2016");
  draft.path = "events[1]";
  draft.pos = (ChronoPos) { 7, 5 };
  draft.lane_pos = (ChronoPos) { 8, 15 };
  chrono_document_builder_add_event (builder, &draft);

  d = expect_one_error (g_steal_pointer (&builder), diagnostics);
  g_assert_cmpint (d->code, ==, CHRONO_ERROR_REFERENCE);
  g_assert_false (d->is_warning);
  g_assert_cmpstr (d->path, ==, "events[1].lane");
  g_assert_cmpuint (d->pos.line, ==, 8);
  g_assert_cmpuint (d->pos.column, ==, 15);
  g_assert_cmpstr (d->message, ==, "unknown lane “zz”");
  g_assert_cmpstr (d->hint, ==, "lanes declared in “lanes”: karpathy, anthropic");
}

static void
test_unknown_lane_hint_limit (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  ChronoEventDraft draft = { 0 };
  ChronoDiagnostic *d;
  const char *ids[] = { "a", "b", "c", "d", "e", "f", "g" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    add_lane (builder, ids[i], NULL);
  draft.title = "X";
  draft.lane = "zz";
  draft.start = test_date ("2016");
  draft.pos = (ChronoPos) { 7, 5 };
  chrono_document_builder_add_event (builder, &draft);

  d = expect_one_error (g_steal_pointer (&builder), diagnostics);
  /* Without a path and a lane position, the event's position is used. */
  g_assert_null (d->path);
  g_assert_cmpuint (d->pos.line, ==, 7);
  g_assert_cmpuint (d->pos.column, ==, 5);
  g_assert_cmpstr (d->hint, ==, "lanes declared in “lanes”: a, b, c, d, e, …");
}

/* @d is an error of @code at @path, line @line. */
static void
assert_error_at (const ChronoDiagnostic *d,
                 ChronoErrorCode         code,
                 const char             *path,
                 guint                   line)
{
  g_assert_cmpint (d->code, ==, code);
  g_assert_cmpstr (d->path, ==, path);
  g_assert_cmpuint (d->pos.line, ==, line);
}

/* @d reports a duplicate id at @path, line @line, with @hint. */
static void
assert_duplicate (const ChronoDiagnostic *d,
                  const char             *path,
                  guint                   line,
                  const char             *hint)
{
  assert_error_at (d, CHRONO_ERROR_DUPLICATE_ID, path, line);
  g_assert_cmpstr (d->hint, ==, hint);
}

static void
test_unknown_category (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  ChronoEventDraft draft = { 0 };
  ChronoDiagnostic *d;

  draft.id = "a";
  draft.title = "A";
  draft.category = "role";
  draft.start = test_date ("2016");
  draft.path = "events[0]";
  draft.category_pos = (ChronoPos) { 4, 19 };
  chrono_document_builder_add_event (builder, &draft);

  d = expect_one_error (g_steal_pointer (&builder), diagnostics);
  assert_error_at (d, CHRONO_ERROR_REFERENCE, "events[0].category", 4);
  g_assert_cmpuint (d->pos.column, ==, 19);
  g_assert_cmpstr (d->message, ==, "unknown category “role”");
  g_assert_nonnull (strstr (d->hint, "“categories”"));
}

static void
test_unknown_related (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  ChronoEventDraft draft = { 0 };
  const char *related[] = { "b", "nope", NULL };
  ChronoPos related_pos[] = { { 3, 20 }, { 3, 30 } };
  ChronoDiagnostic *d;

  add_simple_event (builder, "b", NULL, "2015", NULL);
  draft.id = "a";
  draft.title = "A";
  draft.start = test_date ("2016");
  draft.related = related;
  draft.related_pos = related_pos;
  draft.path = "events[1]";
  chrono_document_builder_add_event (builder, &draft);

  d = expect_one_error (g_steal_pointer (&builder), diagnostics);
  assert_error_at (d, CHRONO_ERROR_REFERENCE, "events[1].related[1]", 3);
  g_assert_cmpuint (d->pos.column, ==, 30);
  g_assert_cmpstr (d->message, ==, "unknown event “nope”");
  g_assert_cmpstr (d->hint, ==, "events declared in “events”: b, a");
}

static void
test_unknown_story (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  ChronoDiagnostic *d;

  add_simple_event (builder, "a", NULL, "2015", NULL);
  chrono_document_builder_add_story_step (builder, "a", "story[0]", (ChronoPos) { 9, 3 });
  chrono_document_builder_add_story_step (builder, "zz", "story[1]", (ChronoPos) { 9, 8 });

  d = expect_one_error (g_steal_pointer (&builder), diagnostics);
  assert_error_at (d, CHRONO_ERROR_REFERENCE, "story[1]", 9);
  g_assert_cmpuint (d->pos.column, ==, 8);
  g_assert_nonnull (strstr (d->message, "“zz”"));
}


static void
test_duplicate_event (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  ChronoEventDraft draft = { 0 };
  ChronoDiagnostic *d;

  draft.id = "a";
  draft.title = "A";
  draft.start = test_date ("2015");
  draft.path = "events[0]";
  draft.pos = (ChronoPos) { 3, 5 };
  chrono_document_builder_add_event (builder, &draft);
  add_simple_event (builder, "b", NULL, "2015", NULL);
  draft.path = "events[2]";
  draft.pos = (ChronoPos) { 12, 5 };
  chrono_document_builder_add_event (builder, &draft);

  d = expect_one_error (g_steal_pointer (&builder), diagnostics);
  assert_duplicate (d, "events[2].id", 12, "first declared at line 3, column 5");
  g_assert_cmpstr (d->message, ==, "duplicate event id “a”");
  g_assert_cmpstr (d->related_path, ==, "events[0].id");
}

static void
test_duplicate_lane (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  ChronoLane lane = { .id = "x", .title = "X" };
  ChronoDiagnostic *d;

  chrono_document_builder_add_lane (builder, &lane, "lanes[0]", (ChronoPos) { 2, 5 });
  chrono_document_builder_add_lane (builder, &lane, "lanes[1]", (ChronoPos) { 3, 5 });
  add_simple_event (builder, "a", "x", "2015", NULL);

  d = expect_one_error (g_steal_pointer (&builder), diagnostics);
  assert_duplicate (d, "lanes[1].id", 3, "first declared at line 2, column 5");
  g_assert_cmpstr (d->message, ==, "duplicate lane id “x”");
}

static void
test_duplicate_category (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  ChronoCategory category = { .id = "role", .title = "Role" };
  ChronoDiagnostic *d;

  chrono_document_builder_add_category (builder, &category, "categories[0]", (ChronoPos) { 2, 5 });
  chrono_document_builder_add_category (builder, &category, "categories[1]", (ChronoPos) { 4, 5 });

  d = expect_one_error (g_steal_pointer (&builder), diagnostics);
  assert_duplicate (d, "categories[1].id", 4, "first declared at line 2, column 5");
}

static void
test_duplicate_series (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  ChronoSeriesPoint point = { test_date ("2020"), 1 };
  ChronoSeries series = { .id = "s", .title = "S", .points = &point, .n_points = 1 };
  ChronoDiagnostic *d;

  /* Without positions (as the loader builds), the hint cannot say where
   * the first one is yet; the loader finds it from the related path. */
  chrono_document_builder_add_series (builder, &series, NULL, "series[0]", (ChronoPos) { 0, 0 });
  chrono_document_builder_add_series (builder, &series, NULL, "series[1]", (ChronoPos) { 0, 0 });

  d = expect_one_error (g_steal_pointer (&builder), diagnostics);
  assert_duplicate (d, "series[1].id", 0, "ids must be unique");
  g_assert_cmpstr (d->related_path, ==, "series[0].id");
  g_assert_cmpuint (d->related_pos.line, ==, 0);
}

static void
test_unknown_series_lane (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  ChronoSeriesPoint point = { test_date ("2020"), 1 };
  ChronoSeries series = { .id = "s", .title = "S", .points = &point, .n_points = 1 };
  ChronoDiagnostic *d;

  chrono_document_builder_add_series (builder, &series, "zz", "series[0]", (ChronoPos) { 2, 5 });

  d = expect_one_error (g_steal_pointer (&builder), diagnostics);
  g_assert_cmpint (d->code, ==, CHRONO_ERROR_REFERENCE);
  g_assert_cmpstr (d->path, ==, "series[0].lane");
}

static void
test_empty_id (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  ChronoDiagnostic *d;

  add_simple_event (builder, "", NULL, "2015", NULL);
  chrono_document_builder_add_story_step (builder, "", "story[0]", (ChronoPos) { 9, 3 });

  g_assert_null (chrono_document_builder_finish (g_steal_pointer (&builder), diagnostics));
  g_assert_cmpuint (diagnostics->len, ==, 2);
  d = g_ptr_array_index (diagnostics, 0);
  g_assert_cmpint (d->code, ==, CHRONO_ERROR_VALUE);
  d = g_ptr_array_index (diagnostics, 1);
  g_assert_cmpint (d->code, ==, CHRONO_ERROR_REFERENCE);
  g_assert_cmpstr (d->path, ==, "story[0]");
}

static void
test_end_before_start (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  ChronoEventDraft draft = { 0 };
  ChronoDiagnostic *d;

  draft.id = "a";
  draft.title = "A";
  draft.start = test_date ("2015-06-01");
  draft.end = test_date ("2015-05-31");
  draft.path = "events[0]";
  draft.pos = (ChronoPos) { 2, 5 };
  draft.end_pos = (ChronoPos) { 2, 40 };
  chrono_document_builder_add_event (builder, &draft);

  d = expect_one_error (g_steal_pointer (&builder), diagnostics);
  assert_error_at (d, CHRONO_ERROR_RANGE, "events[0].end", 2);
  g_assert_cmpuint (d->pos.column, ==, 40);
  g_assert_nonnull (strstr (d->message, "2015-05-31"));
}

static void
test_same_period_span (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(ChronoDocument) document = NULL;
  int index;

  /* "2015".."2015" is all of 2015; an end inside the start's month is fine. */
  add_simple_event (builder, "year", NULL, "2015", "2015");
  add_simple_event (builder, "month", NULL, "2015-06", "2015-06-10");
  document = chrono_document_builder_finish (g_steal_pointer (&builder), diagnostics);
  g_assert_nonnull (document);
  g_assert_cmpuint (diagnostics->len, ==, 0);

  index = chrono_document_find_event (document, "year");
  g_assert_cmpint (chrono_document_get_event (document, index)->end_time, ==, test_date ("2016").time);
  index = chrono_document_find_event (document, "month");
  g_assert_cmpint (chrono_document_get_event (document, index)->end_time, ==, test_date ("2015-06-11").time);
}

static void
test_era_end_before_start (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  ChronoEra era = { .title = "E", .start = test_date ("2020"), .end = test_date ("2019") };
  ChronoDiagnostic *d;

  chrono_document_builder_add_era (builder, &era, "eras[0]", (ChronoPos) { 20, 5 });

  d = expect_one_error (g_steal_pointer (&builder), diagnostics);
  assert_error_at (d, CHRONO_ERROR_RANGE, "eras[0].end", 20);
}

static void
test_importance (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  ChronoEventDraft draft = { 0 };
  ChronoDiagnostic *d;

  draft.id = "a";
  draft.title = "A";
  draft.start = test_date ("2015");
  draft.importance = 6;
  draft.path = "events[0]";
  draft.pos = (ChronoPos) { 2, 5 };
  chrono_document_builder_add_event (builder, &draft);

  d = expect_one_error (g_steal_pointer (&builder), diagnostics);
  assert_error_at (d, CHRONO_ERROR_VALUE, "events[0].importance", 2);
}

static void
test_missing_start_and_title (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  ChronoEventDraft draft = { 0 };
  ChronoDiagnostic *d;

  draft.id = "a";
  draft.path = "events[0]";
  chrono_document_builder_add_event (builder, &draft);

  g_assert_null (chrono_document_builder_finish (g_steal_pointer (&builder), diagnostics));
  g_assert_cmpuint (diagnostics->len, ==, 2);
  d = g_ptr_array_index (diagnostics, 0);
  g_assert_cmpint (d->code, ==, CHRONO_ERROR_MISSING_MEMBER);
  g_assert_cmpstr (d->path, ==, "events[0].title");
  d = g_ptr_array_index (diagnostics, 1);
  g_assert_cmpint (d->code, ==, CHRONO_ERROR_MISSING_MEMBER);
  g_assert_cmpstr (d->path, ==, "events[0].start");
}

static void
test_every_error_reported (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  ChronoEventDraft draft = { 0 };

  g_ptr_array_add (diagnostics, chrono_diagnostic_new (CHRONO_ERROR_IO, FALSE, (ChronoPos) { 0, 0 },
                                                       NULL, NULL, "from before"));
  add_simple_event (builder, "a", "x", "2015", NULL);
  add_simple_event (builder, "b", "y", "2015", "2014");
  draft.id = "a";
  draft.title = "A";
  draft.start = test_date ("2015");
  chrono_document_builder_add_event (builder, &draft);

  g_assert_null (chrono_document_builder_finish (g_steal_pointer (&builder), diagnostics));
  /* The caller's own entry is kept, then duplicate, lane, lane, range. */
  g_assert_cmpuint (diagnostics->len, ==, 5);
  g_assert_cmpstr (((ChronoDiagnostic *)g_ptr_array_index (diagnostics, 0))->message, ==, "from before");
}

static void
test_warnings_do_not_fail (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_CSV);
  g_autoptr(GPtrArray) diagnostics = new_diagnostics ();
  g_autoptr(ChronoDocument) document = NULL;

  add_simple_event (builder, "a", NULL, "2015", NULL);
  chrono_document_builder_add_diagnostic (builder,
                                          chrono_diagnostic_new (CHRONO_ERROR_CSV, TRUE, (ChronoPos) { 3, 1 },
                                                                 NULL, NULL, "row skipped"));
  document = chrono_document_builder_finish (g_steal_pointer (&builder), diagnostics);
  g_assert_nonnull (document);
  g_assert_cmpuint (diagnostics->len, ==, 1);

  builder = chrono_document_builder_new (CHRONO_FORMAT_CSV);
  add_simple_event (builder, "a", NULL, "2015", NULL);
  chrono_document_builder_add_diagnostic (builder,
                                          chrono_diagnostic_new (CHRONO_ERROR_CSV, FALSE, (ChronoPos) { 3, 1 },
                                                                 NULL, NULL, "bad row"));
  g_assert_null (chrono_document_builder_finish (g_steal_pointer (&builder), NULL));
}

static void
test_bounds (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(ChronoDocument) document = NULL;
  ChronoSeriesPoint points[] = { { test_date ("2030"), 1 }, { test_date ("2010-05"), 2 } };
  ChronoSeries series = { .id = "s", .title = "S", .points = points, .n_points = 2 };
  ChronoEra era = { .title = "E", .start = test_date ("2005"), .end = test_date ("2006") };
  gint64 lo = 0, hi = 0;

  document = chrono_document_builder_finish (chrono_document_builder_new (CHRONO_FORMAT_NATIVE), NULL);
  g_assert_nonnull (document);
  g_assert_false (chrono_document_get_bounds (document, &lo, &hi));
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, 0);
  g_assert_cmpint (chrono_document_find_event (document, "a"), ==, -1);
  g_assert_null (chrono_document_get_tags (document)[0]);
  g_clear_object (&document);

  add_simple_event (builder, "a", NULL, "2015", "2020");
  chrono_document_builder_add_series (builder, &series, NULL, NULL, (ChronoPos) { 0, 0 });
  chrono_document_builder_add_era (builder, &era, NULL, (ChronoPos) { 0, 0 });
  document = chrono_document_builder_finish (g_steal_pointer (&builder), NULL);

  g_assert_true (chrono_document_get_bounds (document, &lo, &hi));
  g_assert_cmpint (lo, ==, test_date ("2005").time);
  g_assert_cmpint (hi, ==, test_date ("2031").time);
}

static void
test_tags (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(ChronoDocument) document = NULL;
  ChronoEventDraft draft = { 0 };
  const char *tags_a[] = { "zeta", "alpha", NULL };
  const char *tags_b[] = { "alpha", "mid", NULL };
  const char * const *tags;
  const ChronoEvent *a, *b;

  draft.title = "A";
  draft.start = test_date ("2015");
  draft.tags = tags_a;
  chrono_document_builder_add_event (builder, &draft);
  draft.title = "B";
  draft.tags = tags_b;
  chrono_document_builder_add_event (builder, &draft);
  document = chrono_document_builder_finish (g_steal_pointer (&builder), NULL);

  tags = chrono_document_get_tags (document);
  g_assert_cmpstr (tags[0], ==, "alpha");
  g_assert_cmpstr (tags[1], ==, "mid");
  g_assert_cmpstr (tags[2], ==, "zeta");
  g_assert_null (tags[3]);

  /* Interned: one copy of "alpha". */
  a = chrono_document_get_event (document, chrono_document_find_event (document, "a"));
  b = chrono_document_get_event (document, chrono_document_find_event (document, "b"));
  g_assert_true (a->extra->tags[1] == b->extra->tags[0]);
}

/* Random events between -1e12 and 1e12 seconds, points and spans, at
 * second precision, some with long spans. */
static ChronoDocument *
make_random_document (GRand *rand,
                      guint  n_events,
                      guint  with_extra_every)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  const char *tags[] = { "tag", NULL };

  for (guint i = 0; i < n_events; i++)
    {
      ChronoEventDraft draft = { 0 };
      char id[32];
      gint64 start = g_rand_int_range (rand, -1000000, 1000000) * (gint64)1000000;
      double kind = g_rand_double (rand);

      g_snprintf (id, sizeof id, "e%u", i);
      draft.id = id;
      draft.title = "Random event";
      draft.start = (ChronoDate) { start, 0, CHRONO_PRECISION_SECOND, 0 };
      if (kind < 0.3)
        draft.end = (ChronoDate) { 0 };
      else if (kind < 0.95)
        draft.end = (ChronoDate) { start + g_rand_int_range (rand, 0, 100000000), 0, CHRONO_PRECISION_SECOND, 0 };
      else
        draft.end = (ChronoDate) { start + g_rand_int_range (rand, 0, 1000000) * (gint64)1000000, 0,
                                   CHRONO_PRECISION_SECOND, 0 };
      if (with_extra_every > 0 && i % with_extra_every == 0)
        draft.tags = tags;
      chrono_document_builder_add_event (builder, &draft);
    }

  return chrono_document_builder_finish (g_steal_pointer (&builder), NULL);
}

static void
check_query (ChronoDocument *document,
             gint64          from,
             gint64          to)
{
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = chrono_document_get_n_events (document);

  for (guint i = 0; i < n; i++)
    {
      const ChronoEvent *event = chrono_document_get_event (document, i);

      if (event->start.time < to && event->end_time > from)
        g_array_append_val (expected, i);
    }

  chrono_document_query_range (document, from, to, got);

  g_assert_cmpuint (got->len, ==, expected->len);
  if (expected->len > 0)
    g_assert_cmpmem (got->data, got->len * sizeof (guint), expected->data, expected->len * sizeof (guint));
}

static void
test_range_query (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(ChronoDocument) document = make_random_document (rand, 10000, 0);
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (guint));
  gint64 lo, hi;

  g_assert_nonnull (document);
  g_assert_true (chrono_document_get_bounds (document, &lo, &hi));

  for (guint i = 0; i < 500; i++)
    {
      gint64 from = g_rand_int_range (rand, -1100000, 1100000) * (gint64)1000000;
      gint64 length = g_rand_double (rand) < 0.5 ? g_rand_int_range (rand, 1, 1000000)
                                                  : g_rand_int_range (rand, 1, 200000) * (gint64)1000000;

      check_query (document, from, from + length);
    }

  /* The whole document, beyond it, and edges. */
  check_query (document, lo, hi);
  check_query (document, G_MININT64 / 2, G_MAXINT64 / 2);
  check_query (document, hi, hi + 1000);
  check_query (document, lo - 1000, lo);
  check_query (document, lo, lo + 1);
  check_query (document, hi - 1, hi);

  /* An empty range finds nothing. */
  chrono_document_query_range (document, lo + 10, lo + 10, out);
  g_assert_cmpuint (out->len, ==, 0);
}

static void
test_range_query_small (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  /* Every shape of the implicit tree's ragged right edge. */
  for (guint n = 0; n <= 70; n++)
    {
      g_autoptr(ChronoDocument) document = make_random_document (rand, n, 0);

      for (guint i = 0; i < 60; i++)
        {
          gint64 from = g_rand_int_range (rand, -1100000, 1100000) * (gint64)1000000;
          gint64 length = g_rand_int_range (rand, 1, 400000) * (gint64)1000000;

          check_query (document, from, from + length);
        }
    }
}

static void
test_memory (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  g_autoptr(ChronoDocument) document = make_random_document (rand, 100000, 10);
  gsize string_bytes = 0;
  gsize size;

  size = chrono_document_get_memory_size (document, &string_bytes);
  g_test_message ("%" G_GSIZE_FORMAT " bytes, %.1f an event; strings %" G_GSIZE_FORMAT,
                  size, (double)size / 100000, string_bytes);
  g_assert_cmpuint (size, >=, 100000 * sizeof (ChronoEvent));
  g_assert_cmpuint (size / 100000, <, 160);
  /* Ids "e0".."e99999" and the titles at least. */
  g_assert_cmpuint (string_bytes, >=, 100000 * (strlen ("e0") + 1 + strlen ("Random event") + 1));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/document/happy-path", test_happy_path);
  g_test_add_func ("/model/document/properties", test_properties);
  g_test_add_func ("/model/document/default-lane", test_default_lane);
  g_test_add_func ("/model/document/sorting", test_sorting);
  g_test_add_func ("/model/document/sorting-many", test_sorting_many);
  g_test_add_func ("/model/document/slug-ids", test_slug_ids);
  g_test_add_func ("/model/document/slug-ids-many", test_slug_ids_many);
  g_test_add_func ("/model/document/slug-series-ids", test_slug_series_ids);
  g_test_add_func ("/model/document/tags", test_tags);
  g_test_add_func ("/model/document/bounds", test_bounds);
  g_test_add_func ("/model/document/same-period-span", test_same_period_span);
  g_test_add_func ("/model/document/error/unknown-lane", test_unknown_lane);
  g_test_add_func ("/model/document/error/unknown-lane-hint-limit", test_unknown_lane_hint_limit);
  g_test_add_func ("/model/document/error/unknown-category", test_unknown_category);
  g_test_add_func ("/model/document/error/unknown-related", test_unknown_related);
  g_test_add_func ("/model/document/error/unknown-story", test_unknown_story);
  g_test_add_func ("/model/document/error/unknown-series-lane", test_unknown_series_lane);
  g_test_add_func ("/model/document/error/duplicate-event", test_duplicate_event);
  g_test_add_func ("/model/document/error/duplicate-lane", test_duplicate_lane);
  g_test_add_func ("/model/document/error/duplicate-category", test_duplicate_category);
  g_test_add_func ("/model/document/error/duplicate-series", test_duplicate_series);
  g_test_add_func ("/model/document/error/empty-id", test_empty_id);
  g_test_add_func ("/model/document/error/end-before-start", test_end_before_start);
  g_test_add_func ("/model/document/error/era-end-before-start", test_era_end_before_start);
  g_test_add_func ("/model/document/error/importance", test_importance);
  g_test_add_func ("/model/document/error/missing-start-and-title", test_missing_start_and_title);
  g_test_add_func ("/model/document/error/every-error-reported", test_every_error_reported);
  g_test_add_func ("/model/document/warnings-do-not-fail", test_warnings_do_not_fail);
  g_test_add_func ("/model/document/range-query", test_range_query);
  g_test_add_func ("/model/document/range-query-small", test_range_query_small);
  g_test_add_func ("/model/document/memory", test_memory);

  return g_test_run ();
}
