#define G_LOG_DOMAIN "test-event-list"

#include "config.h"

#include <string.h>

#include "chrono-document-builder.h"
#include "chrono-event-list.h"

#include "model-test-util.h"

/* Events e0..e(n-1), one a year from 2000, in lanes "even" and "odd";
 * every third is tagged "third". */
static ChronoDocument *
make_document (guint n_events)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  ChronoLane even = { .id = "even", .title = "Even years" };
  ChronoLane odd = { .id = "odd", .title = "Odd years" };
  const char *third[] = { "third", NULL };

  chrono_document_builder_add_lane (builder, &even, NULL, (ChronoPos) { 0, 0 });
  chrono_document_builder_add_lane (builder, &odd, NULL, (ChronoPos) { 0, 0 });

  for (guint i = 0; i < n_events; i++)
    {
      ChronoEventDraft draft = { 0 };
      g_autofree char *id = g_strdup_printf ("e%u", i);
      g_autofree char *title = g_strdup_printf ("Event %u", i);
      g_autofree char *start = g_strdup_printf ("%04u", 2000 + i);
      g_autofree char *end = g_strdup_printf ("%04u", 2001 + i);

      draft.id = id;
      draft.title = title;
      draft.lane = i % 2 == 0 ? "even" : "odd";
      draft.start = test_date (start);
      if (i % 4 == 1)
        draft.end = test_date (end);
      if (i % 3 == 0)
        draft.tags = third;
      chrono_document_builder_add_event (builder, &draft);
    }

  return chrono_document_builder_finish (g_steal_pointer (&builder), NULL);
}

/* Mirrors the list by applying every items-changed to a plain array, so
 * the signals are checked, not only the final state. */
typedef struct
{
  GListModel *model;
  GArray     *shadow; /* event indices */
  guint       n_signals;
  guint       last_position;
  guint       last_removed;
  guint       last_added;
} Mirror;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Mirror     *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->shadow->len);

  g_array_remove_range (mirror->shadow, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(ChronoEventItem) item = g_list_model_get_item (model, position + i);
      guint index = chrono_event_item_get_index (item);

      g_array_insert_val (mirror->shadow, position + i, index);
    }

  mirror->n_signals++;
  mirror->last_position = position;
  mirror->last_removed = removed;
  mirror->last_added = added;
}

static void
mirror_init (Mirror     *mirror,
             GListModel *model)
{
  mirror->model = model;
  mirror->shadow = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ChronoEventItem) item = g_list_model_get_item (model, i);
      guint index = chrono_event_item_get_index (item);

      g_array_append_val (mirror->shadow, index);
    }
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), mirror);
}

static void
mirror_clear (Mirror *mirror)
{
  g_signal_handlers_disconnect_by_data (mirror->model, mirror);
  g_array_unref (mirror->shadow);
}

/* The list equals the mirror and holds exactly the events that pass. */
static void
check_list (ChronoEventList *list,
            Mirror          *mirror)
{
  ChronoDocument *document = chrono_event_list_get_document (list);
  ChronoFilter *filter = chrono_event_list_get_filter (list);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  guint n_events = document != NULL ? chrono_document_get_n_events (document) : 0;
  guint position = 0;

  g_assert_cmpuint (mirror->shadow->len, ==, n_items);

  for (guint i = 0; i < n_events; i++)
    {
      const ChronoEvent *event = chrono_document_get_event (document, i);

      if (filter == NULL || chrono_filter_matches (filter, document, event))
        {
          g_assert_cmpuint (chrono_event_list_get_position (list, i), ==, position);
          g_assert_cmpuint (chrono_event_list_get_event_index (list, position), ==, i);
          g_assert_cmpuint (g_array_index (mirror->shadow, guint, position), ==, i);
          position++;
        }
      else
        g_assert_cmpuint (chrono_event_list_get_position (list, i), ==, G_MAXUINT);
    }

  g_assert_cmpuint (position, ==, n_items);
  g_assert_cmpuint (chrono_event_list_get_event_index (list, n_items), ==, G_MAXUINT);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), n_items));
}

static void
test_items (void)
{
  g_autoptr(ChronoDocument) document = make_document (6);
  g_autoptr(ChronoEventList) list = chrono_event_list_new (document, NULL);
  g_autoptr(ChronoEventItem) item = NULL;
  g_autofree char *title = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *lane_title = NULL;
  g_autofree char *expected = NULL;
  guint index = G_MAXUINT;
  const ChronoEvent *event;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == CHRONO_TYPE_EVENT_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 6);

  /* e1 is a span over 2001..2002, in the odd lane. */
  item = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_object_get (item,
                "index", &index,
                "title", &title,
                "date-text", &date_text,
                "lane-title", &lane_title,
                NULL);
  g_assert_cmpuint (index, ==, 1);
  g_assert_cmpstr (title, ==, "Event 1");
  g_assert_cmpstr (lane_title, ==, "Odd years");
  event = chrono_event_item_get_event (item);
  g_assert_cmpstr (event->id, ==, "e1");
  g_assert_true (chrono_event_item_get_document (item) == document);
  expected = chrono_date_format_range (&event->start, &event->end);
  g_assert_cmpstr (date_text, ==, expected);
  g_assert_nonnull (strstr (date_text, "2001"));
  g_assert_nonnull (strstr (date_text, "2002"));
  g_clear_object (&item);

  /* A point shows one date. */
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (chrono_event_item_get_date_text (item), ==, "2000");
  g_assert_cmpstr (chrono_event_item_get_title (item), ==, "Event 0");
  g_assert_cmpstr (chrono_event_item_get_lane_title (item), ==, "Even years");
}

static void
test_lazy_items (void)
{
  g_autoptr(ChronoDocument) document = make_document (3);
  g_autoptr(ChronoEventList) list = chrono_event_list_new (document, NULL);
  ChronoEventItem *item = g_list_model_get_item (G_LIST_MODEL (list), 2);

  /* The list keeps no item alive: the caller's reference is the only one. */
  g_object_add_weak_pointer (G_OBJECT (item), (gpointer *)&item);
  g_object_unref (item);
  g_assert_null (item);
}

static void
count_notify (guint *count)
{
  (*count)++;
}

static void
test_filter_change (void)
{
  g_autoptr(ChronoDocument) document = make_document (12);
  g_autoptr(ChronoFilter) filter = chrono_filter_new ();
  g_autoptr(ChronoEventList) list = chrono_event_list_new (document, filter);
  const char *third[] = { "third", NULL };
  Mirror mirror = { 0 };
  guint n_items = 0;
  guint n_notifies = 0;

  mirror_init (&mirror, G_LIST_MODEL (list));
  g_signal_connect_swapped (list, "notify::n-items", G_CALLBACK (count_notify), &n_notifies);
  check_list (list, &mirror);
  g_assert_cmpuint (mirror.shadow->len, ==, 12);

  chrono_filter_set_lane_visible (filter, "odd", FALSE);
  g_assert_cmpuint (mirror.n_signals, ==, 1);
  /* e0 stays at 0: only what follows changed. */
  g_assert_cmpuint (mirror.last_position, ==, 1);
  g_assert_cmpuint (mirror.last_removed, ==, 11);
  g_assert_cmpuint (mirror.last_added, ==, 5);
  check_list (list, &mirror);
  g_object_get (list, "n-items", &n_items, NULL);
  g_assert_cmpuint (n_items, ==, 6);
  g_assert_cmpuint (n_notifies, ==, 1);
  g_assert_cmpuint (chrono_event_list_get_position (list, 4), ==, 2);
  g_assert_cmpuint (chrono_event_list_get_position (list, 5), ==, G_MAXUINT);

  chrono_filter_set_tags (filter, third);
  check_list (list, &mirror);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  /* A change that keeps the same events announces nothing. */
  mirror.n_signals = 0;
  n_notifies = 0;
  chrono_filter_set_text (filter, "event");
  g_assert_cmpuint (mirror.n_signals, ==, 0);
  g_assert_cmpuint (n_notifies, ==, 0);

  chrono_filter_reset (filter);
  check_list (list, &mirror);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 12);

  mirror_clear (&mirror);
}

static void
test_random_filters (void)
{
  g_autoptr(ChronoDocument) document = make_document (40);
  g_autoptr(ChronoFilter) filter = chrono_filter_new ();
  g_autoptr(ChronoEventList) list = chrono_event_list_new (document, filter);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  const char *third[] = { "third", NULL };
  Mirror mirror = { 0 };

  mirror_init (&mirror, G_LIST_MODEL (list));

  for (guint step = 0; step < 200; step++)
    {
      switch (g_rand_int_range (rand, 0, 5))
        {
        case 0:
          chrono_filter_set_lane_visible (filter, g_rand_boolean (rand) ? "even" : "odd", g_rand_boolean (rand));
          break;

        case 1:
          chrono_filter_set_tags (filter, g_rand_boolean (rand) ? third : NULL);
          break;

        case 2:
          {
            gint64 from = test_date ("2000").time + g_rand_int_range (rand, -3, 45) * (gint64)CHRONO_SECONDS_PER_YEAR;
            gint64 to = from + g_rand_int_range (rand, 1, 20) * (gint64)CHRONO_SECONDS_PER_YEAR;

            chrono_filter_set_range (filter, g_rand_boolean (rand), from, to);
          }
          break;

        case 3:
          {
            g_autofree char *text = g_strdup_printf ("%d", g_rand_int_range (rand, 0, 12));

            chrono_filter_set_text (filter, g_rand_boolean (rand) ? text : NULL);
          }
          break;

        default:
          chrono_filter_reset (filter);
          break;
        }

      check_list (list, &mirror);
    }

  mirror_clear (&mirror);
}

static void
test_document_change (void)
{
  g_autoptr(ChronoDocument) first = make_document (5);
  g_autoptr(ChronoDocument) second = make_document (8);
  g_autoptr(ChronoFilter) filter = chrono_filter_new ();
  g_autoptr(ChronoEventList) list = chrono_event_list_new (NULL, NULL);
  Mirror mirror = { 0 };

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpuint (chrono_event_list_get_position (list, 0), ==, G_MAXUINT);
  mirror_init (&mirror, G_LIST_MODEL (list));

  chrono_event_list_set_document (list, first);
  g_assert_cmpuint (mirror.n_signals, ==, 1);
  check_list (list, &mirror);

  chrono_filter_set_lane_visible (filter, "even", FALSE);
  g_object_set (list, "filter", filter, NULL);
  g_assert_true (chrono_event_list_get_filter (list) == filter);
  check_list (list, &mirror);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  /* A new document replaces every row, even ones with equal indices. */
  mirror.n_signals = 0;
  g_object_set (list, "document", second, NULL);
  g_assert_cmpuint (mirror.n_signals, ==, 1);
  g_assert_cmpuint (mirror.last_position, ==, 0);
  g_assert_cmpuint (mirror.last_removed, ==, 2);
  g_assert_cmpuint (mirror.last_added, ==, 4);
  check_list (list, &mirror);

  /* The list follows the new filter, and no longer the old one. */
  chrono_event_list_set_filter (list, NULL);
  check_list (list, &mirror);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 8);
  mirror.n_signals = 0;
  chrono_filter_set_lane_visible (filter, "odd", FALSE);
  g_assert_cmpuint (mirror.n_signals, ==, 0);

  chrono_event_list_set_document (list, NULL);
  check_list (list, &mirror);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  mirror_clear (&mirror);
}

static void
test_filter_outlives_list (void)
{
  g_autoptr(ChronoDocument) document = make_document (4);
  g_autoptr(ChronoFilter) filter = chrono_filter_new ();
  ChronoEventList *list = chrono_event_list_new (document, filter);

  g_object_add_weak_pointer (G_OBJECT (list), (gpointer *)&list);
  g_object_unref (list);
  g_assert_null (list);

  /* No handler of the finalized list may run. */
  chrono_filter_set_lane_visible (filter, "odd", FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/event-list/items", test_items);
  g_test_add_func ("/model/event-list/lazy-items", test_lazy_items);
  g_test_add_func ("/model/event-list/filter-change", test_filter_change);
  g_test_add_func ("/model/event-list/random-filters", test_random_filters);
  g_test_add_func ("/model/event-list/document-change", test_document_change);
  g_test_add_func ("/model/event-list/filter-outlives-list", test_filter_outlives_list);

  return g_test_run ();
}
