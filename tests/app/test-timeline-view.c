#define G_LOG_DOMAIN "test-timeline-view"

#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>

#include "chrono-loader.h"
#include "chrono-timeline-view.h"

/* Only turns a hang into a failure; nothing here measures time. */
#define WAIT_LIMIT_SECONDS 30

typedef gboolean (*Condition) (gpointer data);

static gboolean
on_wait_limit (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

static void
wait_for (Condition condition,
          gpointer  data)
{
  gboolean expired = FALSE;
  guint source = g_timeout_add_seconds (WAIT_LIMIT_SECONDS, on_wait_limit, &expired);

  while (!condition (data) && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (expired)
    g_error ("Gave up waiting after %d seconds", WAIT_LIMIT_SECONDS);

  g_source_remove (source);
}

static gboolean
is_mapped_and_sized (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 100;
}

static ChronoDocument *
load_example (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ChronoDocument *document;

  document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, NULL, NULL, &error);
  g_assert_no_error (error);

  return document;
}

typedef struct
{
  GtkWindow          *window;
  ChronoTimelineView *view;
  ChronoSession      *session;
  ChronoDocument     *document;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->document = load_example (data);
  fixture->session = chrono_session_new ();
  chrono_session_set_document (fixture->session, fixture->document, FALSE);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 700);
  fixture->view = CHRONO_TIMELINE_VIEW (chrono_timeline_view_new ());
  chrono_timeline_view_set_session (fixture->view, fixture->session);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
  wait_for (is_mapped_and_sized, fixture->view);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->document);
}

/* Ctrl+wheel and pinch zoom through chrono_timeline_view_zoom_at(): the
 * time under the pointer stays under it, in and out, at every scale. */
static void
test_zoom_keeps_pointer (Fixture       *fixture,
                         gconstpointer  data)
{
  static const double xs[] = { 10, 333, 500, 987 };
  static const double factors[] = { 1.25, 4, 0.5, 1.25, 1.25, 0.8, 10 };

  for (guint i = 0; i < G_N_ELEMENTS (xs); i++)
    {
      double start, end;

      chrono_session_get_fit (fixture->session, &start, &end);
      chrono_session_set_visible (fixture->session, start, end);

      for (guint j = 0; j < G_N_ELEMENTS (factors); j++)
        {
          double before = chrono_timeline_view_get_time_at (fixture->view, xs[i]);
          double after, span;

          chrono_timeline_view_zoom_at (fixture->view, factors[j], xs[i]);
          chrono_session_get_visible (fixture->session, &start, &end);
          span = end - start;
          after = chrono_timeline_view_get_time_at (fixture->view, xs[i]);

          /* Within a thousandth of a pixel (and of doubles' resolution). */
          g_assert_cmpfloat (fabs (after - before), <=, span / 1000 / 1000 + fabs (before) * 1e-15);
        }
    }
}

static gboolean
span_is_half (gpointer data)
{
  double *want = data;
  double start, end;

  chrono_session_get_visible (CHRONO_SESSION (*(gpointer *) (want + 1)), &start, &end);

  return fabs ((end - start) - want[0]) < want[0] * 1e-6;
}

static void
test_zoom_in_animates (Fixture       *fixture,
                       gconstpointer  data)
{
  double start, end, centre;
  double want[2];

  chrono_session_get_visible (fixture->session, &start, &end);
  centre = (start + end) / 2;
  want[0] = (end - start) / 2;
  memcpy (&want[1], &fixture->session, sizeof (gpointer));

  /* The action, as the + key and the header bar's button trigger it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.zoom-in", NULL));
  wait_for (span_is_half, want);

  chrono_session_get_visible (fixture->session, &start, &end);
  g_assert_cmpfloat_with_epsilon ((start + end) / 2, centre, want[0] * 1e-6);
}

/* Right moves the selection to the next event in time, panning to it. */
static void
test_select_next (Fixture       *fixture,
                  gconstpointer  data)
{
  guint n = chrono_document_get_n_events (fixture->document);
  int previous;

  g_assert_cmpint (chrono_session_get_selected (fixture->session), ==, -1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.select-next", NULL));
  previous = chrono_session_get_selected (fixture->session);
  g_assert_cmpint (previous, >=, 0);

  for (guint i = 0; i < 5 && (guint) previous + 1 < n; i++)
    {
      int selected;

      gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.select-next", NULL);
      selected = chrono_session_get_selected (fixture->session);
      g_assert_cmpint (selected, >, previous);
      g_assert_cmpint (chrono_document_get_event (fixture->document, selected)->start.time, >=,
                       chrono_document_get_event (fixture->document, previous)->start.time);
      previous = selected;
    }

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.select-previous", NULL);
  g_assert_cmpint (chrono_session_get_selected (fixture->session), <, previous);
}

static gboolean
frames_event (gpointer data)
{
  Fixture *fixture = data;
  int selected = chrono_session_get_selected (fixture->session);
  double start, end, want_start, want_end;

  chrono_session_get_visible (fixture->session, &start, &end);
  chrono_session_get_event_frame (fixture->session, selected, &want_start, &want_end);
  chrono_session_clamp_span (fixture->session, &want_start, &want_end);

  return fabs (start - want_start) < (want_end - want_start) * 1e-6 &&
         fabs (end - want_end) < (want_end - want_start) * 1e-6;
}

static void
test_zoom_to_event (Fixture       *fixture,
                    gconstpointer  data)
{
  int index = chrono_document_find_event (fixture->document, "joins-anthropic");

  g_assert_cmpint (index, >=, 0);
  chrono_timeline_view_zoom_to_event (fixture->view, index);
  g_assert_cmpint (chrono_session_get_selected (fixture->session), ==, index);
  wait_for (frames_event, fixture);
}

static gboolean
shows_bounds (gpointer data)
{
  Fixture *fixture = data;
  double start, end, lo, hi;

  chrono_session_get_visible (fixture->session, &start, &end);
  chrono_session_get_bounds (fixture->session, &lo, &hi);

  return fabs (start - lo) <= (hi - lo) * 1e-9 && fabs (end - hi) <= (hi - lo) * 1e-9;
}

/* Zooming out with the keys stops a little past the document, in the
 * thirteen billion years of deep time too; a fling of the view off the
 * data stops at the bounds. */
static void
test_zoom_out_stops (Fixture       *fixture,
                     gconstpointer  data)
{
  double lo, hi, start, end;

  for (guint i = 0; i < 12; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.zoom-out", NULL));
  wait_for (shows_bounds, fixture);

  chrono_session_get_bounds (fixture->session, &lo, &hi);
  chrono_timeline_view_zoom_at (fixture->view, 0.01, 0);
  g_assert_true (shows_bounds (fixture));

  /* Zoomed in, the view pans to the bounds and no further. */
  chrono_timeline_view_zoom_at (fixture->view, 1000, 500);
  chrono_timeline_view_animate_to (fixture->view, hi + (hi - lo), hi + (hi - lo) * 1.001, 0);
  chrono_session_get_visible (fixture->session, &start, &end);
  g_assert_cmpfloat (end, <=, hi);
  g_assert_cmpfloat (end - start, <, (hi - lo) / 100);
}

typedef struct
{
  ChronoSession *session;
  double         start;
  double         end;
} Span;

static gboolean
shows_span (gpointer data)
{
  Span *want = data;
  double start, end;

  chrono_session_get_visible (want->session, &start, &end);

  return fabs (start - want->start) <= (want->end - want->start) * 1e-6 &&
         fabs (end - want->end) <= (want->end - want->start) * 1e-6;
}

/* Zoomed into empty time, Alt+Left and Alt+Right (and clicks on the
 * hints at the ends of the axis) go to the nearest event that way: in
 * the middle at the same zoom when it fits, else framed. */
static void
test_edge_hint_jumps (Fixture       *fixture,
                      gconstpointer  data)
{
  int tesla = chrono_document_find_event (fixture->document, "tesla-founded");
  int phd = chrono_document_find_event (fixture->document, "karpathy-stanford-phd");
  const ChronoEvent *event = chrono_document_get_event (fixture->document, tesla);
  double t = (double) chrono_time_from_civil (2008, 6, 1, 0, 0, 0);
  double span = 10 * 86400.0, centre;
  Span want = { fixture->session, 0, 0 };

  /* Ten days of 2008, where nothing happens. */
  chrono_session_set_visible (fixture->session, t, t + span);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.earlier-events", NULL));
  centre = ((double) event->start.time + (double) event->end_time) / 2;
  want.start = centre - span / 2;
  want.end = centre + span / 2;
  wait_for (shows_span, &want);
  /* Nothing is selected for it: only the view moves. */
  g_assert_cmpint (chrono_session_get_selected (fixture->session), ==, -1);

  /* From there, the next event later is five years long: framed. */
  chrono_session_set_visible (fixture->session, t, t + span);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.later-events", NULL));
  chrono_session_get_event_frame (fixture->session, phd, &want.start, &want.end);
  wait_for (shows_span, &want);

  /* Nothing earlier than the first event: nothing happens. */
  chrono_session_set_visible (fixture->session, 0, 1e9);
  chrono_session_get_visible (fixture->session, &want.start, &want.end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.earlier-events", NULL));
  g_assert_true (shows_span (&want));
}

/* Enter on a selected span frames it in the middle with room each side;
 * a double click does the same. */
static void
test_enter_frames_event (Fixture       *fixture,
                         gconstpointer  data)
{
  int phd = chrono_document_find_event (fixture->document, "karpathy-stanford-phd");
  const ChronoEvent *event = chrono_document_get_event (fixture->document, phd);
  double start, end, left, right;

  chrono_session_set_selected (fixture->session, phd);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.activate", NULL));
  wait_for (frames_event, fixture);

  chrono_session_get_visible (fixture->session, &start, &end);
  left = ((double) event->start.time - start) / (end - start);
  right = (end - (double) event->end_time) / (end - start);
  g_assert_cmpfloat (left, >=, 0.15);
  g_assert_cmpfloat (left, <=, 0.25);
  g_assert_cmpfloat (right, >=, 0.15);
  g_assert_cmpfloat (right, <=, 0.25);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/app/timeline-view/zoom-keeps-pointer", Fixture, "ai-talent.json",
              fixture_setup, test_zoom_keeps_pointer, fixture_teardown);
  g_test_add ("/app/timeline-view/zoom-keeps-pointer-deep-time", Fixture, "computing-history.json",
              fixture_setup, test_zoom_keeps_pointer, fixture_teardown);
  g_test_add ("/app/timeline-view/zoom-in-animates", Fixture, "ai-talent.json",
              fixture_setup, test_zoom_in_animates, fixture_teardown);
  g_test_add ("/app/timeline-view/select-next", Fixture, "ai-talent.json",
              fixture_setup, test_select_next, fixture_teardown);
  g_test_add ("/app/timeline-view/zoom-to-event", Fixture, "ai-talent.json",
              fixture_setup, test_zoom_to_event, fixture_teardown);

  g_test_add ("/app/timeline-view/edge-hint-jumps", Fixture, "ai-talent.json",
              fixture_setup, test_edge_hint_jumps, fixture_teardown);
  g_test_add ("/app/timeline-view/enter-frames-event", Fixture, "ai-talent.json",
              fixture_setup, test_enter_frames_event, fixture_teardown);
  g_test_add ("/app/timeline-view/zoom-out-stops", Fixture, "ai-talent.json",
              fixture_setup, test_zoom_out_stops, fixture_teardown);
  g_test_add ("/app/timeline-view/zoom-out-stops-deep-time", Fixture, "computing-history.json",
              fixture_setup, test_zoom_out_stops, fixture_teardown);

  return g_test_run ();
}
