#define G_LOG_DOMAIN "chrono-test-session"

#include "config.h"

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

static void
test_event_frame (void)
{
  g_autoptr(ChronoDocument) document = render_test_load_example ("ai-talent.json");
  g_autoptr(ChronoSession) session = chrono_session_new ();
  guint n = chrono_document_get_n_events (document);

  chrono_session_set_document (session, document, FALSE);
  for (guint i = 0; i < n; i++)
    {
      const ChronoEvent *event = chrono_document_get_event (document, i);
      double start, end;

      chrono_session_get_event_frame (session, i, &start, &end);
      /* The event is in the frame, not lost in it. */
      g_assert_cmpfloat (start, <, (double) event->start.time);
      g_assert_cmpfloat (end, >, (double) event->end_time);
      g_assert_cmpfloat (end - start, <, 12.0 * MAX ((double) (event->end_time - event->start.time), 86400.0) + 1e7);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/session/fit", test_fit);
  g_test_add_func ("/render/session/fit-deep-time", test_fit_deep_time);
  g_test_add_func ("/render/session/selection", test_selection);
  g_test_add_func ("/render/session/visible", test_visible);
  g_test_add_func ("/render/session/event-frame", test_event_frame);

  return g_test_run ();
}
