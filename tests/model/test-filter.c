#define G_LOG_DOMAIN "test-filter"

#include "config.h"

#include <string.h>

#include "chrono-document-builder.h"
#include "chrono-filter.h"

#include "model-test-util.h"

typedef struct
{
  const char *id;
  const char *lane;
  const char *category;
  const char *title;
  const char *description;
  const char *start;
  const char *end;
  const char *tags[3];
} EventSpec;

static const EventSpec sample[] = {
  { "openai", "karpathy", "role", "Founding member of OpenAI", NULL, "2015-12-11", NULL, { "openai", NULL } },
  { "tesla", "karpathy", "role", "Senior Director of AI, Tesla", "Autopilot vision", "2017-06", "2022-07", { NULL } },
  { "zero-to-hero", "karpathy", NULL, "Neural Networks: Zero to Hero", "Video lectures", "2022-08", "..", { "teaching", NULL } },
  { "eureka", "karpathy", "company", "Founds Eureka Labs", "An AI-native school", "2024-07", NULL, { "teaching", "company" } },
  { "joins", "karpathy", "role", "Joins Anthropic pre-training", "Under the head of pre-training", "2026-05-19", NULL, { "anthropic", NULL } },
  { "founded", "anthropic", "company", "Anthropic is founded", NULL, "2021", NULL, { "anthropic", "company" } },
  { "ete", "anthropic", NULL, "Été à Paris", "Conférence d’été", "2023-07", "2023-08", { NULL } },
  { "tokyo", "anthropic", NULL, "東京 オフィス", NULL, "2025", NULL, { NULL } },
};

static ChronoDocument *
make_document (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify)chrono_diagnostic_free);
  ChronoLane karpathy = { .id = "karpathy", .title = "Andrej Karpathy" };
  ChronoLane anthropic = { .id = "anthropic", .title = "Anthropic" };
  ChronoCategory role = { .id = "role", .title = "Role" };
  ChronoCategory company = { .id = "company", .title = "Company" };
  ChronoDocument *document;

  chrono_document_builder_add_lane (builder, &karpathy, NULL, (ChronoPos) { 0, 0 });
  chrono_document_builder_add_lane (builder, &anthropic, NULL, (ChronoPos) { 0, 0 });
  chrono_document_builder_add_category (builder, &role, NULL, (ChronoPos) { 0, 0 });
  chrono_document_builder_add_category (builder, &company, NULL, (ChronoPos) { 0, 0 });

  for (guint i = 0; i < G_N_ELEMENTS (sample); i++)
    {
      ChronoEventDraft draft = { 0 };

      draft.id = sample[i].id;
      draft.lane = sample[i].lane;
      draft.category = sample[i].category;
      draft.title = sample[i].title;
      draft.description = sample[i].description;
      draft.start = test_date (sample[i].start);
      if (sample[i].end != NULL)
        draft.end = test_date (sample[i].end);
      draft.tags = sample[i].tags;
      chrono_document_builder_add_event (builder, &draft);
    }

  document = chrono_document_builder_finish (g_steal_pointer (&builder), diagnostics);
  g_assert_nonnull (document);

  return document;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* The ids that pass, sorted, joined by spaces; checks matches() and the
 * mask agree. */
static char *
passing (ChronoFilter   *filter,
         ChronoDocument *document)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  guint n_visible = G_MAXUINT;
  const guint8 *mask = chrono_filter_get_mask (filter, document, &n_visible);
  guint count = 0;

  for (guint i = 0; i < chrono_document_get_n_events (document); i++)
    {
      const ChronoEvent *event = chrono_document_get_event (document, i);
      gboolean pass = chrono_filter_matches (filter, document, event);

      g_assert_cmpint (pass, ==, mask[i]);
      if (pass)
        {
          g_ptr_array_add (ids, (gpointer)event->id);
          count++;
        }
    }

  g_assert_cmpuint (count, ==, n_visible);
  g_ptr_array_sort (ids, compare_ids);
  g_ptr_array_add (ids, NULL);

  return g_strjoinv (" ", (char **)ids->pdata);
}

static void
count_changed (ChronoFilter *filter,
               guint        *count)
{
  (*count)++;
}

static void
test_empty (void)
{
  g_autoptr(ChronoDocument) document = make_document ();
  g_autoptr(ChronoFilter) filter = chrono_filter_new ();
  guint n_visible = 0;

  g_assert_true (chrono_filter_is_empty (filter));
  g_assert_cmpstr (chrono_filter_get_text (filter), ==, "");
  g_assert_null (chrono_filter_get_tags (filter));
  g_assert_false (chrono_filter_get_range (filter, NULL, NULL));
  g_assert_true (chrono_filter_get_lane_visible (filter, "karpathy"));
  g_assert_true (chrono_filter_get_category_visible (filter, "role"));

  chrono_filter_get_mask (filter, document, &n_visible);
  g_assert_cmpuint (n_visible, ==, G_N_ELEMENTS (sample));
}

static void
test_lanes (void)
{
  g_autoptr(ChronoDocument) document = make_document ();
  g_autoptr(ChronoFilter) filter = chrono_filter_new ();
  g_autofree char *ids = NULL;
  g_autofree char *all = NULL;
  guint changed = 0;

  g_signal_connect (filter, "changed", G_CALLBACK (count_changed), &changed);

  chrono_filter_set_lane_visible (filter, "karpathy", FALSE);
  g_assert_cmpuint (changed, ==, 1);
  chrono_filter_set_lane_visible (filter, "karpathy", FALSE);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_false (chrono_filter_get_lane_visible (filter, "karpathy"));
  g_assert_true (chrono_filter_get_lane_visible (filter, "anthropic"));
  g_assert_false (chrono_filter_is_empty (filter));

  ids = passing (filter, document);
  g_assert_cmpstr (ids, ==, "ete founded tokyo");

  chrono_filter_set_lane_visible (filter, "karpathy", TRUE);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_true (chrono_filter_is_empty (filter));
  all = passing (filter, document);
  g_assert_cmpstr (all, ==, "ete eureka founded joins openai tesla tokyo zero-to-hero");
}

static void
test_categories (void)
{
  g_autoptr(ChronoDocument) document = make_document ();
  g_autoptr(ChronoFilter) filter = chrono_filter_new ();
  g_autofree char *ids = NULL;
  guint changed = 0;

  g_signal_connect (filter, "changed", G_CALLBACK (count_changed), &changed);

  /* Events without a category stay. */
  chrono_filter_set_category_visible (filter, "role", FALSE);
  g_assert_false (chrono_filter_get_category_visible (filter, "role"));
  g_assert_true (chrono_filter_get_category_visible (filter, "company"));
  g_assert_cmpuint (changed, ==, 1);
  ids = passing (filter, document);
  g_assert_cmpstr (ids, ==, "ete eureka founded tokyo zero-to-hero");
}

static void
test_tags (void)
{
  g_autoptr(ChronoDocument) document = make_document ();
  g_autoptr(ChronoFilter) filter = chrono_filter_new ();
  const char *teaching[] = { "teaching", NULL };
  const char *either[] = { "anthropic", "openai", NULL };
  const char *same[] = { "anthropic", "openai", NULL };
  const char *none[] = { NULL };
  g_autofree char *ids1 = NULL;
  g_autofree char *ids2 = NULL;
  guint changed = 0;

  g_signal_connect (filter, "changed", G_CALLBACK (count_changed), &changed);

  chrono_filter_set_tags (filter, teaching);
  ids1 = passing (filter, document);
  g_assert_cmpstr (ids1, ==, "eureka zero-to-hero");

  /* Any of the tags. */
  chrono_filter_set_tags (filter, either);
  ids2 = passing (filter, document);
  g_assert_cmpstr (ids2, ==, "founded joins openai");
  g_assert_cmpstr (chrono_filter_get_tags (filter)[1], ==, "openai");
  g_assert_cmpuint (changed, ==, 2);

  chrono_filter_set_tags (filter, same);
  g_assert_cmpuint (changed, ==, 2);

  /* An empty list clears, like NULL. */
  chrono_filter_set_tags (filter, none);
  g_assert_null (chrono_filter_get_tags (filter));
  g_assert_true (chrono_filter_is_empty (filter));
  g_assert_cmpuint (changed, ==, 3);
  chrono_filter_set_tags (filter, NULL);
  g_assert_cmpuint (changed, ==, 3);
}

static void
check_text (ChronoFilter   *filter,
            ChronoDocument *document,
            const char     *text,
            const char     *expected)
{
  g_autofree char *ids = NULL;

  chrono_filter_set_text (filter, text);
  ids = passing (filter, document);
  g_assert_cmpstr (ids, ==, expected);
}

static void
test_text (void)
{
  g_autoptr(ChronoDocument) document = make_document ();
  g_autoptr(ChronoFilter) filter = chrono_filter_new ();
  g_autofree char *text = NULL;
  guint notified = 0;

  g_signal_connect (filter, "notify::text", G_CALLBACK (test_count_notify), &notified);

  /* Case-insensitive, in titles and descriptions. */
  check_text (filter, document, "ANTHROPIC", "founded joins");
  check_text (filter, document, "autopilot", "tesla");
  check_text (filter, document, "pre-train", "joins");
  /* Accent-insensitive both ways. */
  check_text (filter, document, "ete", "ete");
  check_text (filter, document, "ÉTÉ", "ete");
  check_text (filter, document, "conference", "ete");
  check_text (filter, document, "Zéro", "zero-to-hero");
  /* Every word must occur, anywhere. */
  check_text (filter, document, "  school   eureka ", "eureka");
  check_text (filter, document, "school tesla", "");
  /* Scripts without case still match. */
  check_text (filter, document, "東京", "tokyo");
  check_text (filter, document, "nothing like this", "");
  g_assert_false (chrono_filter_is_empty (filter));

  g_object_get (filter, "text", &text, NULL);
  g_assert_cmpstr (text, ==, "nothing like this");
  g_assert_cmpstr (chrono_filter_get_text (filter), ==, "nothing like this");

  notified = 0;
  g_object_set (filter, "text", "", NULL);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (chrono_filter_get_text (filter), ==, "");
  g_assert_true (chrono_filter_is_empty (filter));
  chrono_filter_set_text (filter, NULL);
  g_assert_cmpuint (notified, ==, 1);

  /* Only blanks: no criterion. */
  chrono_filter_set_text (filter, "   ");
  g_assert_true (chrono_filter_is_empty (filter));
}

static void
test_range (void)
{
  g_autoptr(ChronoDocument) document = make_document ();
  g_autoptr(ChronoFilter) filter = chrono_filter_new ();
  g_autofree char *ids1 = NULL;
  g_autofree char *ids2 = NULL;
  gint64 from = 0, to = 0;
  guint changed = 0;

  g_signal_connect (filter, "changed", G_CALLBACK (count_changed), &changed);

  /* 2022: Tesla ends in July, Zero to Hero starts in August and goes on. */
  chrono_filter_set_range (filter, TRUE, test_date ("2022").time, test_date ("2023").time);
  g_assert_true (chrono_filter_get_range (filter, &from, &to));
  g_assert_cmpint (from, ==, test_date ("2022").time);
  g_assert_cmpint (to, ==, test_date ("2023").time);
  ids1 = passing (filter, document);
  g_assert_cmpstr (ids1, ==, "tesla zero-to-hero");

  /* The range is half-open: an event starting at @to is out, one ending
   * at @from too. */
  chrono_filter_set_range (filter, TRUE, test_date ("2022-08").time, test_date ("2024-07").time);
  ids2 = passing (filter, document);
  g_assert_cmpstr (ids2, ==, "ete zero-to-hero");
  g_assert_cmpuint (changed, ==, 2);

  chrono_filter_set_range (filter, TRUE, test_date ("2022-08").time, test_date ("2024-07").time);
  g_assert_cmpuint (changed, ==, 2);
  chrono_filter_set_range (filter, FALSE, 0, 0);
  g_assert_false (chrono_filter_get_range (filter, NULL, NULL));
  g_assert_true (chrono_filter_is_empty (filter));
  g_assert_cmpuint (changed, ==, 3);
}

static void
test_combined_and_reset (void)
{
  g_autoptr(ChronoDocument) document = make_document ();
  g_autoptr(ChronoFilter) filter = chrono_filter_new ();
  const char *company[] = { "company", NULL };
  g_autofree char *ids = NULL;
  guint changed = 0;

  chrono_filter_set_tags (filter, company);
  chrono_filter_set_lane_visible (filter, "anthropic", FALSE);
  chrono_filter_set_text (filter, "labs");
  ids = passing (filter, document);
  g_assert_cmpstr (ids, ==, "eureka");

  g_signal_connect (filter, "changed", G_CALLBACK (count_changed), &changed);
  chrono_filter_reset (filter);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (chrono_filter_is_empty (filter));
  g_assert_true (chrono_filter_get_lane_visible (filter, "anthropic"));
  g_assert_cmpstr (chrono_filter_get_text (filter), ==, "");
  chrono_filter_reset (filter);
  g_assert_cmpuint (changed, ==, 1);
}

static void
test_mask_cache (void)
{
  g_autoptr(ChronoDocument) document = make_document ();
  g_autoptr(ChronoDocument) other = make_document ();
  g_autoptr(ChronoFilter) filter = chrono_filter_new ();
  const guint8 *mask;
  guint n_visible = 0;
  int tesla = chrono_document_find_event (document, "tesla");
  int founded = chrono_document_find_event (document, "founded");

  chrono_filter_set_lane_visible (filter, "anthropic", FALSE);
  mask = chrono_filter_get_mask (filter, document, &n_visible);
  g_assert_cmpuint (n_visible, ==, 5);
  g_assert_true (chrono_filter_get_mask (filter, document, NULL) == mask);
  g_assert_cmpuint (mask[tesla], ==, 1);
  g_assert_cmpuint (mask[founded], ==, 0);

  /* A change invalidates it. */
  chrono_filter_set_lane_visible (filter, "anthropic", TRUE);
  chrono_filter_set_lane_visible (filter, "karpathy", FALSE);
  mask = chrono_filter_get_mask (filter, document, &n_visible);
  g_assert_cmpuint (n_visible, ==, 3);
  g_assert_cmpuint (mask[tesla], ==, 0);
  g_assert_cmpuint (mask[founded], ==, 1);

  /* So does another document, and a finalized one. */
  mask = chrono_filter_get_mask (filter, other, &n_visible);
  g_assert_cmpuint (n_visible, ==, 3);
  g_clear_object (&other);
  mask = chrono_filter_get_mask (filter, document, &n_visible);
  g_assert_cmpuint (n_visible, ==, 3);
  g_assert_cmpuint (mask[founded], ==, 1);
}

static void
test_copy (void)
{
  g_autoptr(ChronoDocument) document = make_document ();
  g_autoptr(ChronoFilter) filter = chrono_filter_new ();
  g_autoptr(ChronoFilter) copy = NULL;
  const char *tags[] = { "ai", NULL };
  gboolean has_range;
  gint64 from, to;
  guint n_filter = 0, n_copy = 0;
  int tesla = chrono_document_find_event (document, "tesla");
  int founded = chrono_document_find_event (document, "founded");

  chrono_filter_set_lane_visible (filter, "anthropic", FALSE);
  chrono_filter_set_category_visible (filter, "education", FALSE);
  chrono_filter_set_tags (filter, tags);
  chrono_filter_set_text (filter, "Été");
  chrono_filter_set_range (filter, TRUE, 100, 200);

  copy = chrono_filter_copy (filter);
  g_assert_true (copy != filter);
  g_assert_false (chrono_filter_get_lane_visible (copy, "anthropic"));
  g_assert_true (chrono_filter_get_lane_visible (copy, "karpathy"));
  g_assert_false (chrono_filter_get_category_visible (copy, "education"));
  g_assert_nonnull (chrono_filter_get_tags (copy));
  g_assert_true (chrono_filter_get_tags (copy) != chrono_filter_get_tags (filter));
  g_assert_true (g_strv_equal (chrono_filter_get_tags (copy), tags));
  g_assert_cmpstr (chrono_filter_get_text (copy), ==, "Été");
  has_range = chrono_filter_get_range (copy, &from, &to);
  g_assert_true (has_range);
  g_assert_cmpint (from, ==, 100);
  g_assert_cmpint (to, ==, 200);

  /* Changing the original leaves the copy alone. */
  chrono_filter_reset (filter);
  g_assert_true (chrono_filter_is_empty (filter));
  g_assert_false (chrono_filter_is_empty (copy));
  g_assert_false (chrono_filter_get_lane_visible (copy, "anthropic"));
  g_assert_cmpstr (chrono_filter_get_text (copy), ==, "Été");

  /* Both match the same events as the criteria say. */
  chrono_filter_set_lane_visible (filter, "anthropic", FALSE);
  g_clear_object (&copy);
  copy = chrono_filter_copy (filter);
  chrono_filter_get_mask (filter, document, &n_filter);
  g_assert_cmpuint (chrono_filter_get_mask (copy, document, &n_copy)[tesla], ==, 1);
  g_assert_cmpuint (chrono_filter_get_mask (copy, document, NULL)[founded], ==, 0);
  g_assert_cmpuint (n_copy, ==, n_filter);
  g_assert_cmpuint (n_copy, ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/filter/empty", test_empty);
  g_test_add_func ("/model/filter/lanes", test_lanes);
  g_test_add_func ("/model/filter/categories", test_categories);
  g_test_add_func ("/model/filter/tags", test_tags);
  g_test_add_func ("/model/filter/text", test_text);
  g_test_add_func ("/model/filter/range", test_range);
  g_test_add_func ("/model/filter/combined-and-reset", test_combined_and_reset);
  g_test_add_func ("/model/filter/mask-cache", test_mask_cache);
  g_test_add_func ("/model/filter/copy", test_copy);

  return g_test_run ();
}
