#define G_LOG_DOMAIN "chrono-test-session"

#include "config.h"

#include <math.h>

#include "chrono-edit.h"
#include "chrono-session.h"

#include "../model/model-test-util.h"
#include "render-test-util.h"

static void
test_fit (void)
{
  g_autoptr(ChronoDocument) document = render_test_load_example ("ai-talent.json");
  g_autoptr(ChronoSession) session = chrono_session_new ();
  gint64 first, last;
  double start, end;

  chrono_session_set_document (session, document, FALSE);
  g_assert_true (chrono_session_get_document (session) == document);
  chrono_document_get_bounds (document, &first, &last);
  chrono_session_get_visible (session, &start, &end);

  /* The whole document, with a margin. */
  g_assert_cmpfloat (start, <, (double) first);
  g_assert_cmpfloat (end, >, (double) last);
  g_assert_cmpfloat (end - start, <, 1.5 * (double) (last - first));
}

/* A deep-time document fits with a margin that keeps its last markers
 * whole on screen, but not billions of years into the future. */
static void
test_fit_deep_time (void)
{
  g_autoptr(ChronoDocument) document = render_test_load_example ("computing-history.json");
  g_autoptr(ChronoSession) session = chrono_session_new ();
  gint64 first, last;
  double start, end;

  chrono_session_set_document (session, document, FALSE);
  chrono_document_get_bounds (document, &first, &last);
  chrono_session_get_fit (session, &start, &end);

  g_assert_cmpfloat (start, <, (double) first);
  g_assert_cmpfloat (end, >, (double) last);
  g_assert_cmpfloat (end, >=, (double) last + 0.02 * (double) (last - first));
  g_assert_cmpfloat (end, <=, (double) last + 0.05 * (double) (last - first));
}

static void
test_selection (void)
{
  g_autoptr(ChronoDocument) document = render_test_load_example ("ai-talent.json");
  g_autoptr(ChronoDocument) reloaded = render_test_load_example ("ai-talent.json");
  g_autoptr(ChronoSession) session = chrono_session_new ();
  guint notified = 0;
  double start, end, start2, end2;
  int index;

  chrono_session_set_document (session, document, FALSE);
  g_signal_connect (session, "notify::selected", G_CALLBACK (test_count_notify), &notified);

  index = chrono_document_find_event (document, "joins-anthropic");
  g_assert_cmpint (index, >=, 0);
  chrono_session_set_selected (session, index);
  chrono_session_set_selected (session, index);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (chrono_session_get_selected_event (session)->id, ==, "joins-anthropic");

  /* Out of range clears it. */
  chrono_session_set_selected (session, 100000);
  g_assert_cmpint (chrono_session_get_selected (session), ==, -1);
  chrono_session_set_selected (session, index);

  /* A reload keeps the view and follows the selection by id. */
  chrono_session_set_visible (session, 1.5e9, 1.6e9);
  chrono_session_get_visible (session, &start, &end);
  chrono_session_set_document (session, reloaded, TRUE);
  chrono_session_get_visible (session, &start2, &end2);
  g_assert_cmpfloat (start, ==, start2);
  g_assert_cmpfloat (end, ==, end2);
  g_assert_cmpstr (chrono_session_get_selected_event (session)->id, ==, "joins-anthropic");

  /* A new document fits and clears. */
  chrono_session_set_document (session, document, FALSE);
  g_assert_cmpint (chrono_session_get_selected (session), ==, -1);
}

static void
test_visible (void)
{
  g_autoptr(ChronoSession) session = chrono_session_new ();
  guint notified = 0;
  double start, end;

  g_signal_connect (session, "notify::start", G_CALLBACK (test_count_notify), &notified);

  chrono_session_set_visible (session, 1000, 2000);
  chrono_session_get_visible (session, &start, &end);
  g_assert_cmpfloat (start, ==, 1000);
  g_assert_cmpfloat (end, ==, 2000);
  g_assert_cmpuint (notified, ==, 1);

  chrono_session_set_visible (session, 1000, 2000);
  g_assert_cmpuint (notified, ==, 1);

  /* Never less than a second, reversed spans are put right. */
  chrono_session_set_visible (session, 5000, 5000.1);
  chrono_session_get_visible (session, &start, &end);
  g_assert_cmpfloat_with_epsilon (end - start, 1, 1e-9);
  chrono_session_set_visible (session, 9000, 8000);
  chrono_session_get_visible (session, &start, &end);
  g_assert_cmpfloat (start, ==, 8000);
  g_assert_cmpfloat (end, ==, 9000);
}

/* Zooming out stops a little past the whole document, whatever asks for
 * it, and the view cannot be panned off the data. */
static void
test_zoom_out_bound (void)
{
  g_autoptr(ChronoDocument) document = render_test_load_example ("computing-history.json");
  g_autoptr(ChronoSession) session = chrono_session_new ();
  gint64 first, last;
  double extent, lo, hi, fit_start, fit_end, start, end;

  chrono_session_set_document (session, document, FALSE);
  chrono_document_get_bounds (document, &first, &last);
  extent = (double) last - (double) first;
  g_assert_true (chrono_session_get_bounds (session, &lo, &hi));
  chrono_session_get_fit (session, &fit_start, &fit_end);

  /* The bounds hold the fit and go 5-10% of the extent past the first
   * event, a little more past the last, where labels need room. */
  g_assert_cmpfloat (lo, <, fit_start);
  g_assert_cmpfloat (hi, >, fit_end);
  g_assert_cmpfloat ((double) first - lo, >=, 0.05 * extent);
  g_assert_cmpfloat ((double) first - lo, <=, 0.10 * extent);
  g_assert_cmpfloat (hi - (double) last, >=, 0.05 * extent);
  g_assert_cmpfloat (hi - (double) last, <=, 0.20 * extent);

  /* Sixty billion years is not on offer. */
  chrono_session_set_visible (session, -60e9 * CHRONO_SECONDS_PER_YEAR, 1e10);
  chrono_session_get_visible (session, &start, &end);
  g_assert_cmpfloat_with_epsilon (start, lo, extent * 1e-9);
  g_assert_cmpfloat_with_epsilon (end, hi, extent * 1e-9);

  /* Zooming out by steps (keys, wheel, pinch all end in set_visible)
   * ends at the bounds too, about any centre. */
  chrono_session_set_visible (session, 0, CHRONO_SECONDS_PER_YEAR);
  for (guint i = 0; i < 80; i++)
    {
      double centre;

      chrono_session_get_visible (session, &start, &end);
      centre = (start + end) / 2;
      chrono_session_set_visible (session, centre - (end - start), centre + (end - start));
    }
  chrono_session_get_visible (session, &start, &end);
  g_assert_cmpfloat_with_epsilon (end - start, hi - lo, extent * 1e-9);

  /* Panning keeps the zoom but stops at the bounds. */
  chrono_session_set_visible (session, hi + 1e15, hi + 1e15 + CHRONO_SECONDS_PER_YEAR);
  chrono_session_get_visible (session, &start, &end);
  /* Within the doubles' resolution out there. */
  g_assert_cmpfloat_with_epsilon (end - start, CHRONO_SECONDS_PER_YEAR, fabs (hi) * 1e-15 + 1);
  g_assert_cmpfloat (end, <=, hi);
  g_assert_cmpfloat (end, >=, hi - 1e3);
  chrono_session_set_visible (session, lo - 1e16, lo - 1e16 + 3600);
  chrono_session_get_visible (session, &start, &end);
  g_assert_cmpfloat (start, >=, lo);
  g_assert_cmpfloat (start, <=, lo + 1e6);

  /* Animations ask first. */
  start = -1e18;
  end = 1e18;
  chrono_session_clamp_span (session, &start, &end);
  g_assert_cmpfloat_with_epsilon (start, lo, extent * 1e-9);
  g_assert_cmpfloat_with_epsilon (end, hi, extent * 1e-9);
}

/* Searching and filtering do not move the bounds. */
static void
test_bounds_ignore_filter (void)
{
  g_autoptr(ChronoDocument) document = render_test_load_example ("computing-history.json");
  g_autoptr(ChronoSession) session = chrono_session_new ();
  double lo, hi, lo2, hi2, fit_start, fit_end;

  chrono_session_set_document (session, document, FALSE);
  chrono_session_get_bounds (session, &lo, &hi);
  chrono_filter_set_text (chrono_session_get_filter (session), "transistor");
  chrono_session_get_bounds (session, &lo2, &hi2);
  g_assert_cmpfloat (lo, ==, lo2);
  g_assert_cmpfloat (hi, ==, hi2);

  /* Fitting still fits the matches. */
  chrono_session_get_fit (session, &fit_start, &fit_end);
  g_assert_cmpfloat (fit_end - fit_start, <, (hi - lo) / 1000);
}

/* A document of one instant still zooms out to a day or so, and no
 * further. */
static void
test_bound_single_instant (void)
{
  g_autoptr(ChronoDocument) document =
    test_load_text ("{ \"chronoscope\": 1, \"title\": \"One\", "
                    "\"lanes\": [ { \"id\": \"l\", \"title\": \"L\" } ], "
                    "\"events\": [ { \"id\": \"a\", \"lane\": \"l\", \"title\": \"Launch\", "
                    "\"start\": \"2020-05-30T19:22:45Z\" } ] }", "one.json", NULL, NULL);
  g_autoptr(ChronoSession) session = chrono_session_new ();
  double start, end;

  g_assert_nonnull (document);
  chrono_session_set_document (session, document, FALSE);
  chrono_session_set_visible (session, 0, 1e12);
  chrono_session_get_visible (session, &start, &end);
  g_assert_cmpfloat (end - start, >=, CHRONO_SECONDS_PER_DAY);
  g_assert_cmpfloat (end - start, <=, 2 * CHRONO_SECONDS_PER_DAY);
  g_assert_cmpfloat (start, <, 1590866565.0);
  g_assert_cmpfloat (end, >, 1590866565.0);
}

static void
count_change (guint *count)
{
  (*count)++;
}

/* The selection follows its event when edits move it, and goes with it;
 * the session passes every change on. */
static void
test_selection_follows_edits (void)
{
  g_autoptr(ChronoDocument) document =
    test_load_text ("{ \"chronoscope\": 1, \"lanes\": [ { \"id\": \"l\", \"title\": \"L\" } ], "
                    "\"events\": [ { \"id\": \"a\", \"lane\": \"l\", \"title\": \"A\", \"start\": \"2001\" }, "
                    "{ \"id\": \"b\", \"lane\": \"l\", \"title\": \"B\", \"start\": \"2002\" }, "
                    "{ \"id\": \"c\", \"lane\": \"l\", \"title\": \"C\", \"start\": \"2003\" } ] }",
                    "three.json", NULL, NULL);
  g_autoptr(ChronoSession) session = chrono_session_new ();
  g_autoptr(ChronoEditStack) stack = chrono_edit_stack_new (document);
  ChronoEventDraft draft = { .title = "First", .start = test_date ("1990") };
  guint p = 2;

  guint changes = 0;

  chrono_session_set_document (session, document, FALSE);
  g_signal_connect_swapped (session, "document-changed", G_CALLBACK (count_change), &changes);
  chrono_session_set_selected (session, 1);
  g_assert_cmpstr (chrono_session_get_selected_event (session)->id, ==, "b");

  g_assert_true (chrono_edit_stack_add_event (stack, &draft, NULL, NULL));
  g_assert_cmpint (chrono_session_get_selected (session), ==, 2);
  g_assert_cmpstr (chrono_session_get_selected_event (session)->id, ==, "b");

  g_assert_true (chrono_edit_stack_set_dates (stack, 2, "2010", NULL, NULL));
  g_assert_cmpint (chrono_session_get_selected (session), ==, 3);

  g_assert_true (chrono_edit_stack_undo (stack));
  g_assert_cmpint (chrono_session_get_selected (session), ==, 2);

  g_assert_true (chrono_edit_stack_remove_events (stack, &p, 1, NULL));
  g_assert_cmpint (chrono_session_get_selected (session), ==, -1);
  g_assert_cmpuint (changes, ==, 4);
}

/* A reload that keeps the view keeps it inside the new bounds. */
static void
test_reload_clamps (void)
{
  g_autoptr(ChronoDocument) document = render_test_load_example ("computing-history.json");
  g_autoptr(ChronoDocument) small = render_test_load_example ("ai-talent.json");
  g_autoptr(ChronoSession) session = chrono_session_new ();
  double lo, hi, start, end;

  chrono_session_set_document (session, document, FALSE);
  chrono_session_set_visible (session, -1e17, 1e10);
  chrono_session_set_document (session, small, TRUE);
  chrono_session_get_bounds (session, &lo, &hi);
  chrono_session_get_visible (session, &start, &end);
  g_assert_cmpfloat (start, >=, lo);
  g_assert_cmpfloat (end, <=, hi);
}

/* Enter frames a span in the middle with a fifth of the frame free on
 * each side: 2011-2015 is not shown as 2006-2022 with the event in the
 * left third. */
static void
test_event_frame_span (void)
{
  g_autoptr(ChronoDocument) document = render_test_load_example ("ai-talent.json");
  g_autoptr(ChronoSession) session = chrono_session_new ();
  guint n = chrono_document_get_n_events (document);
  int phd = chrono_document_find_event (document, "karpathy-stanford-phd");
  const ChronoEvent *event;
  double start, end, left, right;

  chrono_session_set_document (session, document, FALSE);
  g_assert_cmpint (phd, >=, 0);
  event = chrono_document_get_event (document, phd);
  chrono_session_get_event_frame (session, phd, &start, &end);
  left = ((double) event->start.time - start) / (end - start);
  right = (end - (double) event->end_time) / (end - start);
  g_assert_cmpfloat (left, >=, 0.15);
  g_assert_cmpfloat (left, <=, 0.25);
  g_assert_cmpfloat_with_epsilon (left, right, 1e-9);
  /* 2009 to 2017, not 2006 to 2022. */
  g_assert_cmpfloat (start, >, (double) chrono_time_from_civil (2009, 1, 1, 0, 0, 0));
  g_assert_cmpfloat (end, <, (double) chrono_time_from_civil (2018, 1, 1, 0, 0, 0));

  for (guint i = 0; i < n; i++)
    {
      event = chrono_document_get_event (document, i);
      if (CHRONO_EVENT_IS_POINT (event))
        continue;
      chrono_session_get_event_frame (session, i, &start, &end);
      left = ((double) event->start.time - start) / (end - start);
      right = (end - (double) event->end_time) / (end - start);
      g_assert_cmpfloat_with_epsilon (left, 0.2, 1e-6);
      g_assert_cmpfloat_with_epsilon (right, 0.2, 1e-6);
    }
}

/* A point is centred with its nearest neighbour in view, and no wider
 * than that needs, at any scale. */
static void
test_event_frame_point (gconstpointer data)
{
  g_autoptr(ChronoDocument) document = render_test_load_example (data);
  g_autoptr(ChronoSession) session = chrono_session_new ();
  guint n = chrono_document_get_n_events (document);

  chrono_session_set_document (session, document, FALSE);
  for (guint i = 0; i < n; i++)
    {
      const ChronoEvent *event = chrono_document_get_event (document, i);
      double start, end, centre, nearest = G_MAXDOUBLE;

      if (!CHRONO_EVENT_IS_POINT (event))
        continue;

      chrono_session_get_event_frame (session, i, &start, &end);
      centre = ((double) event->start.time + (double) event->end_time) / 2;
      g_assert_cmpfloat_with_epsilon ((start + end) / 2, centre, (end - start) * 1e-9);
      /* Its whole period is inside, in the middle third. */
      g_assert_cmpfloat ((double) (event->end_time - event->start.time), <=, (end - start) / 3 * (1 + 1e-9));

      for (guint j = 0; j < n; j++)
        {
          gint64 t = chrono_document_get_event (document, j)->start.time;

          if (t != event->start.time)
            nearest = MIN (nearest, fabs ((double) t - (double) event->start.time));
        }
      /* The nearest neighbour is in view, well inside. */
      g_assert_cmpfloat ((double) event->start.time - nearest, >, start);
      g_assert_cmpfloat ((double) event->start.time + nearest, <, end);
      g_assert_cmpfloat (end - start, <=, 2 * MAX (1.5 * nearest + (double) (event->end_time - event->start.time) / 2,
                                                  1.5 * (double) (event->end_time - event->start.time)) * (1 + 1e-9) + 60);
    }
}

/* Next and previous match walk the events that pass the search in time
 * order and wrap around; the position says "n of m". */
static void
test_search_steps (void)
{
  g_autoptr(ChronoDocument) document = render_test_load_example ("ai-talent.json");
  g_autoptr(ChronoSession) session = chrono_session_new ();
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (int));
  ChronoFilter *filter = chrono_session_get_filter (session);
  const guint8 *mask;
  guint position = G_MAXUINT, n_matches = 0;
  int index;
  double start;

  chrono_session_set_document (session, document, FALSE);
  chrono_filter_set_text (filter, "claude");
  mask = chrono_filter_get_mask (filter, document, NULL);
  for (guint i = 0; i < chrono_document_get_n_events (document); i++)
    if (mask[i])
      g_array_append_val (matches, i);
  g_assert_cmpuint (matches->len, >=, 3);

  /* Not a match selected: no position, but the count. */
  g_assert_false (chrono_session_get_match_position (session, &position, &n_matches));
  g_assert_cmpuint (n_matches, ==, matches->len);

  /* The first, then each in turn, then around to the first again. */
  index = chrono_session_find_match (session, 0);
  g_assert_cmpint (index, ==, g_array_index (matches, int, 0));
  chrono_session_set_selected (session, index);
  for (guint i = 1; i <= matches->len; i++)
    {
      index = chrono_session_find_match (session, 1);
      g_assert_cmpint (index, ==, g_array_index (matches, int, i % matches->len));
      chrono_session_set_selected (session, index);
      g_assert_true (chrono_session_get_match_position (session, &position, &n_matches));
      g_assert_cmpuint (position, ==, i % matches->len);
    }

  /* Previous from the first is the last. */
  index = chrono_session_find_match (session, -1);
  g_assert_cmpint (index, ==, g_array_index (matches, int, matches->len - 1));
  chrono_session_set_selected (session, index);
  index = chrono_session_find_match (session, -1);
  g_assert_cmpint (index, ==, g_array_index (matches, int, matches->len - 2));

  /* With nothing selected, from the middle of the view. */
  chrono_session_set_selected (session, -1);
  start = (double) chrono_document_get_event (document, g_array_index (matches, int, 1))->start.time;
  chrono_session_set_visible (session, start - 86400 + 10, start + 86400 + 10);
  g_assert_cmpint (chrono_session_find_match (session, 1), ==, g_array_index (matches, int, 2));
  g_assert_cmpint (chrono_session_find_match (session, -1), ==, g_array_index (matches, int, 1));

  /* No match: nothing to go to. */
  chrono_filter_set_text (filter, "no such words anywhere");
  g_assert_cmpint (chrono_session_find_match (session, 0), ==, -1);
  g_assert_cmpint (chrono_session_find_match (session, 1), ==, -1);
  g_assert_false (chrono_session_get_match_position (session, &position, &n_matches));
  g_assert_cmpuint (n_matches, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/session/fit", test_fit);
  g_test_add_func ("/render/session/fit-deep-time", test_fit_deep_time);
  g_test_add_func ("/render/session/selection", test_selection);
  g_test_add_func ("/render/session/selection-follows-edits", test_selection_follows_edits);
  g_test_add_func ("/render/session/visible", test_visible);
  g_test_add_func ("/render/session/zoom-out-bound", test_zoom_out_bound);
  g_test_add_func ("/render/session/search-steps", test_search_steps);
  g_test_add_func ("/render/session/bounds-ignore-filter", test_bounds_ignore_filter);
  g_test_add_func ("/render/session/bound-single-instant", test_bound_single_instant);
  g_test_add_func ("/render/session/reload-clamps", test_reload_clamps);
  g_test_add_func ("/render/session/event-frame-span", test_event_frame_span);
  g_test_add_data_func ("/render/session/event-frame-point", "ai-talent.json", test_event_frame_point);
  g_test_add_data_func ("/render/session/event-frame-point-deep-time", "computing-history.json",
                        test_event_frame_point);

  return g_test_run ();
}
