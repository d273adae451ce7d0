/* test-window.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <math.h>

#include <glib/gstdio.h>

#include "chrono-filter-popover.h"
#include "chrono-inspector.h"
#include "chrono-overview.h"
#include "chrono-timeline-view.h"
#include "chrono-window.h"
#include "app-test-util.h"

/* Waiting for the loader's thread or the file monitor: a generous limit
 * that only turns a hang into a failure; nothing here measures time. */
#define WAIT_LIMIT_SECONDS 30

typedef gboolean (*Condition) (gpointer data);

static gboolean
on_wait_limit (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;

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
is_idle (gpointer data)
{
  return !chrono_window_get_loading (data);
}

/* Lets the window lay itself out and draw once. */
static void
settle (void)
{
  for (guint i = 0; i < 50 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  guint *frames = user_data;

  (*frames)++;

  return G_SOURCE_CONTINUE;
}

static gboolean
two_frames_drawn (gpointer data)
{
  return *(guint *) data >= 2;
}

/* Waits until @widget has been through the frame clock twice, so what it
 * shows is laid out and drawn. */
static void
wait_for_frames (GtkWidget *widget)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);

  gtk_widget_queue_draw (widget);
  wait_for (two_frames_drawn, &frames);
  gtk_widget_remove_tick_callback (widget, id);
}

static GFile *
fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "app", "data", name, NULL);

  return g_file_new_for_path (path);
}

static gpointer
template_child (ChronoWindow *window,
                const char   *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), CHRONO_TYPE_WINDOW, name);

  g_assert_nonnull (child);

  return child;
}

/* Writes a copy of the fixture @name into a new temporary directory, for
 * tests that change the file under an open window.  Returns the copy's
 * path; *@dir is the directory and *@contents the text written. */
static char *
copy_fixture (const char  *name,
              char       **dir,
              char       **contents)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) source = fixture (name);
  char *path;

  *dir = g_dir_make_tmp ("chronoscope-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "timeline.json", NULL);
  g_file_load_contents (source, NULL, contents, NULL, NULL, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, *contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

static ChronoWindow *
open_window_on (GFile *file)
{
  ChronoWindow *window = chrono_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  chrono_window_open_file (window, file);
  g_assert_true (chrono_window_get_loading (window));
  wait_for (is_idle, window);
  settle ();

  return window;
}

static ChronoWindow *
open_window (const char *name)
{
  g_autoptr(GFile) file = fixture (name);

  return open_window_on (file);
}

static guint
n_listed (ChronoWindow *window)
{
  GtkListView *list = template_child (window, "event_list_view");

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)));
}

static const char *
count_text (ChronoWindow *window)
{
  return gtk_label_get_text (template_child (window, "count_label"));
}

/* Draws @widget as it is now onto an image and counts the magenta
 * pixels, faded or not: the fixture gives Acme's events a colour nothing
 * else uses, so this counts how much of them is drawn. */
static guint
count_drawn_pixels (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint count = 0;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (surface) +
                                              y * cairo_image_surface_get_stride (surface));

      for (int x = 0; x < width; x++)
        {
          guint r = (row[x] >> 16) & 0xff;
          guint g = (row[x] >> 8) & 0xff;
          guint b = row[x] & 0xff;

          if (r > 180 && b > 180 && g + 60 < MIN (r, b))
            count++;
        }
    }

  cairo_surface_destroy (surface);

  return count;
}

static void
test_window_empty (void)
{
  ChronoWindow *window = chrono_window_new (NULL);
  GtkStack *stack = template_child (window, "main_stack");

  gtk_window_present (GTK_WINDOW (window));
  settle ();

  g_assert_null (chrono_session_get_document (chrono_window_get_session (window)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_false (gtk_widget_get_visible (template_child (window, "filter_button")));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_open (void)
{
  ChronoWindow *window = open_window ("small.json");
  ChronoSession *session = chrono_window_get_session (window);
  ChronoDocument *document = chrono_session_get_document (session);
  GtkStack *stack = template_child (window, "main_stack");
  AdwWindowTitle *title = template_child (window, "window_title");

  g_assert_cmpstr (chrono_window_get_error (window), ==, NULL);
  g_assert_nonnull (document);
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, 6);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "timeline");
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "A Small Test Timeline");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "small.json");
  g_assert_cmpuint (n_listed (window), ==, 6);
  g_assert_cmpstr (count_text (window), ==, "6 events");
  g_assert_true (gtk_widget_get_visible (template_child (window, "filter_button")));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
filter_has_text (gpointer data)
{
  return g_strcmp0 (chrono_filter_get_text (data), "rocket") == 0;
}

static gboolean
filter_has_text_nothing (gpointer data)
{
  return g_strcmp0 (chrono_filter_get_text (data), "no such thing") == 0;
}

static void
test_window_filter (void)
{
  ChronoWindow *window = open_window ("small.json");
  ChronoSession *session = chrono_window_get_session (window);
  ChronoFilter *filter = chrono_session_get_filter (session);
  GtkEditable *search = template_child (window, "search_entry");

  /* A lane: Acme's three events go. */
  chrono_filter_set_lane_visible (filter, "acme", FALSE);
  settle ();
  g_assert_cmpuint (n_listed (window), ==, 3);
  g_assert_cmpstr (count_text (window), ==, "3 of 6 events shown");

  /* Searching narrows it further, in titles and descriptions; the entry
   * waits a moment before it applies what is typed. */
  gtk_editable_set_text (search, "rocket");
  wait_for (filter_has_text, filter);
  settle ();
  g_assert_cmpuint (n_listed (window), ==, 1);
  g_assert_cmpstr (count_text (window), ==, "1 of 6 events shown");

  chrono_filter_reset (filter);
  settle ();
  g_assert_cmpuint (n_listed (window), ==, 6);
  g_assert_cmpstr (count_text (window), ==, "6 events");

  /* Tags */
  {
    const char *tags[] = { "engineering", NULL };

    chrono_filter_set_tags (filter, tags);
    settle ();
    g_assert_cmpuint (n_listed (window), ==, 2);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static gpointer
popover_child (ChronoWindow *window,
               const char   *name)
{
  GtkWidget *popover = template_child (window, "filter_popover");
  GObject *child = gtk_widget_get_template_child (popover, CHRONO_TYPE_FILTER_POPOVER, name);

  g_assert_nonnull (child);

  return child;
}

static GtkCheckButton *
find_check (GtkWidget  *box,
            const char *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "id"), id) == 0)
      return GTK_CHECK_BUTTON (child);

  g_assert_not_reached ();
}

static void
test_window_filter_popover (void)
{
  ChronoWindow *window = open_window ("small.json");
  ChronoFilter *filter = chrono_session_get_filter (chrono_window_get_session (window));
  GtkCheckButton *acme = find_check (popover_child (window, "lanes_box"), "acme");
  GtkEditable *from = popover_child (window, "from_entry");
  GtkEditable *to = popover_child (window, "to_entry");
  GtkEditable *search = template_child (window, "search_entry");

  /* The popover lists the document's lanes and categories. */
  g_assert_true (gtk_check_button_get_active (acme));
  find_check (popover_child (window, "categories_box"), "company");

  gtk_check_button_set_active (acme, FALSE);
  g_assert_false (chrono_filter_get_lane_visible (filter, "acme"));
  g_assert_cmpstr (count_text (window), ==, "3 of 6 events shown");
  gtk_check_button_set_active (acme, TRUE);
  g_assert_cmpstr (count_text (window), ==, "6 events");

  /* 2000 .. 2010 holds the IPO and the studies (2008–2012). */
  gtk_editable_set_text (from, "2000");
  gtk_editable_set_text (to, "2010");
  g_assert_true (chrono_filter_get_range (filter, NULL, NULL));
  g_assert_cmpstr (count_text (window), ==, "2 of 6 events shown");

  /* A bad date is marked and does not change the filter. */
  {
    int position = -1;

    gtk_editable_insert_text (to, "x", -1, &position);
  }
  g_assert_cmpstr (gtk_editable_get_text (to), ==, "2010x");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (to), "error"));
  g_assert_cmpstr (count_text (window), ==, "2 of 6 events shown");

  /* Reset clears everything, the search and the popover's widgets too. */
  gtk_editable_set_text (search, "rocket");
  wait_for (filter_has_text, filter);
  gtk_check_button_set_active (acme, FALSE);
  g_signal_emit_by_name (popover_child (window, "reset_button"), "clicked");
  g_assert_true (chrono_filter_is_empty (filter));
  g_assert_true (gtk_check_button_get_active (acme));
  g_assert_cmpstr (gtk_editable_get_text (from), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "");
  settle ();
  g_assert_cmpstr (count_text (window), ==, "6 events");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_filter_drawn (void)
{
  ChronoWindow *window = open_window ("small.json");
  ChronoFilter *filter = chrono_session_get_filter (chrono_window_get_session (window));
  GtkWidget *view = chrono_window_get_timeline_view (window);
  guint before, after;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 700);
  wait_for_frames (view);
  before = count_drawn_pixels (view);
  g_assert_cmpuint (before, >, 0);

  /* The list and the timeline follow the same filter. */
  chrono_filter_set_lane_visible (filter, "acme", FALSE);
  wait_for_frames (view);
  after = count_drawn_pixels (view);
  g_assert_cmpuint (after, ==, 0);
  g_assert_cmpuint (n_listed (window), ==, 3);

  chrono_filter_set_lane_visible (filter, "acme", TRUE);
  wait_for_frames (view);
  g_assert_cmpuint (count_drawn_pixels (view), >, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_zoom_at_pointer (void)
{
  ChronoWindow *window = open_window ("small.json");
  ChronoTimelineView *view = CHRONO_TIMELINE_VIEW (chrono_window_get_timeline_view (window));
  int width;

  wait_for_frames (GTK_WIDGET (view));
  width = gtk_widget_get_width (GTK_WIDGET (view));
  g_assert_cmpint (width, >, 100);

  /* What Ctrl+wheel and pinch do: the time under the pointer stays. */
  for (guint i = 0; i < 3; i++)
    {
      double x = width * (0.2 + 0.3 * i);
      double time = chrono_timeline_view_get_time_at (view, x);
      double start, end;

      chrono_timeline_view_zoom_at (view, 2.0, x);
      g_assert_cmpfloat_with_epsilon (chrono_timeline_view_get_time_at (view, x), time, 1.0);

      chrono_session_get_visible (chrono_window_get_session (window), &start, &end);
      g_assert_cmpfloat (start, <, time);
      g_assert_cmpfloat (end, >, time);

      chrono_timeline_view_zoom_at (view, 0.5, x);
      g_assert_cmpfloat_with_epsilon (chrono_timeline_view_get_time_at (view, x), time, 1.0);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The window's capture-phase key controller: what the keys reach first. */
static GtkEventController *
capture_key_controller (ChronoWindow *window)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        return controller;
    }

  g_assert_not_reached ();
  return NULL;
}

static gboolean
press_key (ChronoWindow *window,
           guint         keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (capture_key_controller (window), "key-pressed",
                         keyval, 0, (GdkModifierType) 0, &handled);

  return handled;
}

typedef struct {
  ChronoSession *session;
  double         span;
} SpanWait;

static gboolean
span_grew (gpointer data)
{
  SpanWait *wait = data;
  double start, end;

  chrono_session_get_visible (wait->session, &start, &end);

  return end - start > wait->span * 1.5;
}

/* "-" with the focus on a header button zooms out instead of starting a
 * search for "-"; in the search entry it stays text. */
static void
test_window_zoom_keys (void)
{
  ChronoWindow *window = open_window ("small.json");
  SpanWait wait = { chrono_window_get_session (window), 0 };
  GtkSearchBar *search_bar = template_child (window, "search_bar");
  double start, end;

  wait_for_frames (GTK_WIDGET (window));
  g_assert_true (gtk_widget_grab_focus (template_child (window, "sidebar_button")));

  /* Zoomed in first: zooming out stops a little past the document. */
  chrono_session_get_visible (wait.session, &start, &end);
  chrono_session_set_visible (wait.session, start, start + (end - start) / 4);
  chrono_session_get_visible (wait.session, &start, &end);
  wait.span = end - start;
  g_assert_true (press_key (window, GDK_KEY_minus));
  wait_for (span_grew, &wait);
  g_assert_false (gtk_search_bar_get_search_mode (search_bar));

  g_assert_true (press_key (window, GDK_KEY_plus));
  g_assert_true (press_key (window, GDK_KEY_0));
  g_assert_false (gtk_search_bar_get_search_mode (search_bar));
  /* Letters are left to the search bar. */
  g_assert_false (press_key (window, GDK_KEY_a));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  settle ();
  g_assert_true (gtk_search_bar_get_search_mode (search_bar));
  g_assert_false (press_key (window, GDK_KEY_minus));
  g_assert_false (press_key (window, GDK_KEY_0));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_inspector (void)
{
  ChronoWindow *window = open_window ("small.json");
  ChronoSession *session = chrono_window_get_session (window);
  ChronoDocument *document = chrono_session_get_document (session);
  ChronoInspector *inspector = template_child (window, "inspector");
  GtkListView *list = template_child (window, "event_list_view");
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));
  GtkLabel *title;
  GtkStack *stack;
  AdwActionRow *era_row;
  int index = chrono_document_find_event (document, "alice-acme");
  int other = chrono_document_find_event (document, "acme-ipo");
  g_autoptr(GObject) item = NULL;
  guint item_index;

  title = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (inspector),
                                                    CHRONO_TYPE_INSPECTOR, "title_label"));
  stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (inspector),
                                                    CHRONO_TYPE_INSPECTOR, "stack"));
  g_assert_cmpint (index, >=, 0);
  g_assert_cmpint (other, >=, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "none");

  /* The session selects: the inspector and the list follow. */
  chrono_session_set_selected (session, index);
  settle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "event");
  g_assert_cmpstr (gtk_label_get_text (title), ==, "Joins Acme as an engineer");
  era_row = ADW_ACTION_ROW (gtk_widget_get_template_child (GTK_WIDGET (inspector),
                                                           CHRONO_TYPE_INSPECTOR, "era_row"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (era_row)));
  g_assert_cmpstr (adw_action_row_get_subtitle (era_row), ==, "The rocket age");
  item = gtk_single_selection_get_selected_item (selection);
  g_assert_nonnull (item);
  g_object_ref (item);
  g_object_get (item, "index", &item_index, NULL);
  g_assert_cmpuint (item_index, ==, index);
  g_clear_object (&item);

  /* The list selects: the session and the inspector follow. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      item = g_list_model_get_item (G_LIST_MODEL (selection), i);
      g_object_get (item, "index", &item_index, NULL);
      g_clear_object (&item);
      if (item_index == (guint) other)
        {
          gtk_single_selection_set_selected (selection, i);
          break;
        }
    }
  settle ();
  g_assert_cmpint (chrono_session_get_selected (session), ==, other);
  g_assert_cmpstr (gtk_label_get_text (title), ==, "Acme goes public");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (era_row)));

  /* Dates with their precision and qualifiers. */
  chrono_session_set_selected (session, chrono_document_find_event (document, "alice-school"));
  settle ();
  g_assert_cmpstr (gtk_label_get_text (title), ==, "Studies physics");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (inspector),
                                                                                 CHRONO_TYPE_INSPECTOR,
                                                                                 "precision_label"))),
                   ==, "Start known to the year, end to the month · approximate start");

  chrono_session_set_selected (session, -1);
  settle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "none");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
acme_founded_visible (gpointer data)
{
  ChronoSession *session = data;
  const ChronoEvent *event = chrono_session_get_selected_event (session);
  double start, end;

  chrono_session_get_visible (session, &start, &end);

  return event != NULL && start <= event->start.time && event->start.time < end;
}

static void
test_window_list_reveals (void)
{
  ChronoWindow *window = open_window ("small.json");
  ChronoSession *session = chrono_window_get_session (window);
  ChronoDocument *document = chrono_session_get_document (session);
  GtkListView *list = template_child (window, "event_list_view");
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));
  int index = chrono_document_find_event (document, "acme-founded");
  double start, end, span;

  /* Zoomed into one month of 2019, far from 1949. */
  chrono_session_set_visible (session, 1572566400.0, 1575158400.0);
  chrono_session_get_visible (session, &start, &end);
  span = end - start;
  g_assert_false (acme_founded_visible (session));

  /* Events are listed in time order: Acme's founding comes first. */
  gtk_single_selection_set_selected (selection, 0);
  g_assert_cmpint (chrono_session_get_selected (session), ==, index);

  /* The timeline glides there, keeping the zoom. */
  wait_for (acme_founded_visible, session);
  wait_for_frames (chrono_window_get_timeline_view (window));
  chrono_session_get_visible (session, &start, &end);
  g_assert_cmpfloat_with_epsilon (end - start, span, span * 1e-6);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_related (void)
{
  ChronoWindow *window = open_window ("small.json");
  ChronoSession *session = chrono_window_get_session (window);
  ChronoDocument *document = chrono_session_get_document (session);
  ChronoInspector *inspector = template_child (window, "inspector");
  int index = chrono_document_find_event (document, "alice-acme");
  int related = chrono_document_find_event (document, "acme-founded");

  /* Even when the filter hides it, a related event can be reached. */
  chrono_filter_set_lane_visible (chrono_session_get_filter (session), "acme", FALSE);
  chrono_session_set_selected (session, index);
  g_signal_emit_by_name (inspector, "event-activated", (guint) related);
  settle ();

  g_assert_cmpint (chrono_session_get_selected (session), ==, related);
  g_assert_true (chrono_filter_is_empty (chrono_session_get_filter (session)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
adjustment_at_top (gpointer data)
{
  return gtk_adjustment_get_value (data) == 0;
}

/* A new selection is read from its title; another file's event list
 * from its first event. */
static void
test_window_scroll_reset (void)
{
  ChronoWindow *window = open_window ("small.json");
  ChronoSession *session = chrono_window_get_session (window);
  ChronoDocument *document = chrono_session_get_document (session);
  ChronoInspector *inspector = template_child (window, "inspector");
  GtkWidget *scroller = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (inspector),
                                                       CHRONO_TYPE_INSPECTOR, "scroller");
  GtkListBox *related_list = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (inspector),
                                                                          CHRONO_TYPE_INSPECTOR,
                                                                          "related_list"));
  GtkAdjustment *inspector_adj;
  GtkAdjustment *list_adj;
  g_autoptr(GFile) again = fixture ("small.json");
  GtkListBoxRow *row;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 420);
  chrono_session_set_selected (session, chrono_document_find_event (document, "alice-acme"));
  wait_for_frames (GTK_WIDGET (window));

  /* Scrolled down to the related events, one is clicked. */
  inspector_adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_assert_cmpfloat (gtk_adjustment_get_upper (inspector_adj), >, gtk_adjustment_get_page_size (inspector_adj));
  gtk_adjustment_set_value (inspector_adj, gtk_adjustment_get_upper (inspector_adj));
  g_assert_cmpfloat (gtk_adjustment_get_value (inspector_adj), >, 0);
  row = gtk_list_box_get_row_at_index (related_list, 0);
  g_assert_nonnull (row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  g_signal_emit_by_name (row, "activate");
  wait_for_frames (GTK_WIDGET (window));
  settle ();
  g_assert_cmpint (chrono_session_get_selected (session), ==,
                   chrono_document_find_event (document, "acme-founded"));
  wait_for (adjustment_at_top, inspector_adj);

  /* The event list scrolled down, another file opens. */
  list_adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (template_child (window, "event_list_view")));
  g_assert_cmpfloat (gtk_adjustment_get_upper (list_adj), >, gtk_adjustment_get_page_size (list_adj));
  gtk_adjustment_set_value (list_adj, gtk_adjustment_get_upper (list_adj) -
                                      gtk_adjustment_get_page_size (list_adj));
  g_assert_cmpfloat (gtk_adjustment_get_value (list_adj), >, 0);
  chrono_window_open_file (window, again);
  wait_for (is_idle, window);
  wait_for_frames (GTK_WIDGET (window));
  g_assert_cmpfloat (gtk_adjustment_get_value (list_adj), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_broken (void)
{
  ChronoWindow *window = open_window ("small.json");
  ChronoSession *session = chrono_window_get_session (window);
  ChronoDocument *before = chrono_session_get_document (session);
  g_autoptr(GFile) broken = fixture ("broken.json");
  g_autoptr(GFile) small = fixture ("small.json");
  GtkRevealer *revealer = template_child (window, "error_revealer");
  const char *error;

  g_assert_nonnull (before);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  chrono_window_open_file (window, broken);
  wait_for (is_idle, window);
  settle ();

  /* The error names the file, line and column... */
  error = chrono_window_get_error (window);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error, "broken.json:7:") ||
                 strstr (error, "/broken.json:7:") != NULL);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_cmpstr (gtk_label_get_text (template_child (window, "error_label")), ==, error);
  g_assert_false (gtk_widget_get_visible (template_child (window, "skip_rows_button")));

  /* ...and the document that was open stays. */
  g_assert_true (chrono_session_get_document (session) == before);
  g_assert_true (g_file_equal (chrono_window_get_file (window), small));
  g_assert_cmpuint (n_listed (window), ==, 6);

  /* A good file clears the error. */
  chrono_window_open_file (window, small);
  wait_for (is_idle, window);
  g_assert_null (chrono_window_get_error (window));
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_broken_first (void)
{
  ChronoWindow *window = chrono_window_new (NULL);
  g_autoptr(GFile) broken = fixture ("broken.json");
  GtkStack *stack = template_child (window, "main_stack");

  chrono_window_open_file (window, broken);
  wait_for (is_idle, window);

  g_assert_nonnull (chrono_window_get_error (window));
  g_assert_null (chrono_session_get_document (chrono_window_get_session (window)));
  g_assert_null (chrono_window_get_file (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_skip_bad_rows (void)
{
  ChronoWindow *window = chrono_window_new (NULL);
  g_autoptr(GFile) file = fixture ("bad-row.csv");
  GtkWidget *skip = template_child (window, "skip_rows_button");
  ChronoDocument *document;

  gtk_window_present (GTK_WINDOW (window));
  chrono_window_open_file (window, file);
  wait_for (is_idle, window);

  /* A spreadsheet with a bad row does not open, and says where... */
  g_assert_nonnull (chrono_window_get_error (window));
  g_assert_nonnull (strstr (chrono_window_get_error (window), "bad-row.csv:3:"));
  g_assert_null (chrono_session_get_document (chrono_window_get_session (window)));
  /* ...but offers to open it without that row. */
  g_assert_true (gtk_widget_get_visible (skip));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-lenient", NULL);
  wait_for (is_idle, window);

  document = chrono_session_get_document (chrono_window_get_session (window));
  g_assert_nonnull (document);
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, 2);
  g_assert_null (chrono_window_get_error (window));
  g_assert_true (g_file_equal (chrono_window_get_file (window), file));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A timeline whose only problem is a link that is not http, https or
 * mailto opens without it on request; a spreadsheet offers its own
 * button instead. */
static void
test_window_drop_bad_links (void)
{
  ChronoWindow *window = chrono_window_new (NULL);
  g_autoptr(GFile) file = fixture ("bad-link.json");
  g_autoptr(GFile) csv = fixture ("bad-row.csv");
  GtkWidget *drop = template_child (window, "drop_links_button");
  GtkWidget *skip = template_child (window, "skip_rows_button");
  ChronoDocument *document;
  const ChronoEvent *event;

  gtk_window_present (GTK_WINDOW (window));
  chrono_window_open_file (window, file);
  wait_for (is_idle, window);

  g_assert_nonnull (chrono_window_get_error (window));
  g_assert_nonnull (strstr (chrono_window_get_error (window), "bad-link.json:8:37: “file:” links are not allowed"));
  g_assert_null (chrono_session_get_document (chrono_window_get_session (window)));
  g_assert_true (gtk_widget_get_visible (drop));
  g_assert_false (gtk_widget_get_visible (skip));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-lenient", NULL);
  wait_for (is_idle, window);

  document = chrono_session_get_document (chrono_window_get_session (window));
  g_assert_nonnull (document);
  g_assert_null (chrono_window_get_error (window));
  event = chrono_document_get_event (document, 0);
  g_assert_cmpuint (event->extra->n_links, ==, 1);
  g_assert_cmpstr (event->extra->links[0].url, ==, "https://example.com/joins");

  /* Other errors are not links: no such button. */
  chrono_window_open_file (window, csv);
  wait_for (is_idle, window);
  g_assert_nonnull (chrono_window_get_error (window));
  g_assert_false (gtk_widget_get_visible (drop));
  g_assert_true (gtk_widget_get_visible (skip));

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWindow *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return window;
    }

  return NULL;
}

static guint
count_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  return g_strv_length (lines);
}

/* Every problem is listed in the app, none sends the user to a terminal. */
static void
test_window_all_problems (void)
{
  ChronoWindow *window = chrono_window_new (NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", "bad-rows.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *details;
  GtkWindow *dialog;
  GtkWidget *label;

  gtk_window_present (GTK_WINDOW (window));
  chrono_window_open_file (window, file);
  wait_for (is_idle, window);
  settle ();

  /* The error bar shows the first of the five bad rows... */
  g_assert_nonnull (strstr (chrono_window_get_error (window), "bad-rows.csv:3:1:"));
  g_assert_true (gtk_widget_get_visible (template_child (window, "details_button")));

  /* ...and Details lists all five. */
  details = chrono_window_get_details (window);
  g_assert_nonnull (details);
  g_assert_cmpuint (count_lines (details), ==, 5);
  g_assert_nonnull (strstr (details, "bad-rows.csv:3:1: "));
  g_assert_nonnull (strstr (details, "bad-rows.csv:9:16: "));

  g_assert_null (find_message_dialog ());
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-details", NULL);
  settle ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  label = find_label (GTK_WIDGET (dialog), "bad-rows.csv:9:16: ");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, details);
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (label)));
  gtk_window_destroy (dialog);

  /* Skipping the bad rows says how many were skipped. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-lenient", NULL);
  wait_for (is_idle, window);
  settle ();
  g_assert_nonnull (chrono_session_get_document (chrono_window_get_session (window)));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "5 bad rows were skipped"));
  g_assert_null (find_label (GTK_WIDGET (window), "--check"));
  details = chrono_window_get_details (window);
  g_assert_cmpuint (count_lines (details), ==, 6);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_error (gpointer data)
{
  return !chrono_window_get_loading (data) && chrono_window_get_error (data) != NULL;
}

static gboolean
document_changed (gpointer data)
{
  gpointer *pair = data;

  return chrono_session_get_document (pair[0]) != pair[1];
}

static void
test_window_reload (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = copy_fixture ("small.json", &dir, &contents);
  g_autoptr(GString) changed = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChronoWindow *window = open_window_on (file);
  ChronoSession *session;
  ChronoDocument *before;
  const ChronoEvent *selected;
  double start, end, start_after, end_after;
  gpointer pair[2];

  session = chrono_window_get_session (window);
  before = chrono_session_get_document (session);
  g_assert_nonnull (before);

  /* A view and a selection the reload must keep. */
  chrono_session_set_visible (session, 946684800.0, 1262304000.0); /* 2000 .. 2010 */
  chrono_session_set_selected (session, chrono_document_find_event (before, "acme-ipo"));
  chrono_session_get_visible (session, &start, &end);

  changed = g_string_new (contents);
  g_string_replace (changed, "Acme goes public", "Acme lists on the exchange", 1);
  g_file_set_contents (path, changed->str, -1, &error);
  g_assert_no_error (error);

  pair[0] = session;
  pair[1] = before;
  wait_for (document_changed, pair);
  wait_for (is_idle, window);

  selected = chrono_session_get_selected_event (session);
  g_assert_nonnull (selected);
  g_assert_cmpstr (selected->id, ==, "acme-ipo");
  g_assert_cmpstr (selected->title, ==, "Acme lists on the exchange");
  chrono_session_get_visible (session, &start_after, &end_after);
  g_assert_cmpfloat (start_after, ==, start);
  g_assert_cmpfloat (end_after, ==, end);

  /* Saving a broken version shows why and keeps the last good one. */
  before = chrono_session_get_document (session);
  g_file_set_contents (path, "{ \"chronoscope\": 1,, }", -1, &error);
  g_assert_no_error (error);
  wait_for (has_error, window);
  g_assert_true (chrono_session_get_document (session) == before);
  g_assert_nonnull (strstr (chrono_window_get_error (window), "timeline.json:1:"));
  g_assert_nonnull (strstr (gtk_label_get_text (template_child (window, "error_title")), "reload"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
deleted_shown (gpointer data)
{
  return gtk_revealer_get_reveal_child (template_child (data, "deleted_revealer"));
}

static gboolean
deleted_hidden_and_reloaded (gpointer data)
{
  gpointer *pair = data;

  return !gtk_revealer_get_reveal_child (template_child (pair[2], "deleted_revealer")) &&
         chrono_session_get_document (pair[0]) != pair[1] &&
         !chrono_window_get_loading (pair[2]);
}

/* The file deleted under an open window: a notice says so, the timeline
 * stays; the file back (an editor's save by rename) reloads and the
 * notice goes. */
static void
test_window_file_deleted (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = copy_fixture ("small.json", &dir, &contents);
  g_autoptr(GString) changed = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChronoWindow *window = open_window_on (file);
  ChronoSession *session;
  ChronoDocument *before;
  GtkWidget *close_button;
  gpointer triple[3];

  session = chrono_window_get_session (window);
  before = chrono_session_get_document (session);
  g_assert_nonnull (before);
  g_assert_false (deleted_shown (window));

  g_assert_cmpint (g_unlink (path), ==, 0);
  wait_for (deleted_shown, window);
  settle ();

  /* The document is kept, no error is shown, and the notice names the
   * file and offers to close the window. */
  g_assert_true (chrono_session_get_document (session) == before);
  g_assert_true (chrono_window_get_file (window) != NULL);
  g_assert_true (g_file_equal (chrono_window_get_file (window), file));
  g_assert_null (chrono_window_get_error (window));
  g_assert_cmpstr (gtk_label_get_text (template_child (window, "deleted_title")), ==,
                   "“timeline.json” was deleted or moved");
  close_button = gtk_widget_get_last_child (gtk_revealer_get_child (template_child (window, "deleted_revealer")));
  g_assert_true (GTK_IS_BUTTON (close_button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (close_button)), ==, "window.close");
  g_assert_true (gtk_widget_is_visible (close_button));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (gtk_revealer_get_child (template_child (window, "deleted_revealer")))),
                   ==, GTK_ACCESSIBLE_ROLE_ALERT);

  /* Back, changed: reloaded, and the notice hides. */
  changed = g_string_new (contents);
  g_string_replace (changed, "Acme goes public", "Acme lists on the exchange", 1);
  g_file_set_contents (path, changed->str, -1, &error);
  g_assert_no_error (error);
  triple[0] = session;
  triple[1] = before;
  triple[2] = window;
  wait_for (deleted_hidden_and_reloaded, triple);
  g_assert_cmpstr (chrono_document_get_event (chrono_session_get_document (session),
                                              chrono_document_find_event (chrono_session_get_document (session),
                                                                          "acme-ipo"))->title,
                   ==, "Acme lists on the exchange");
  g_assert_null (chrono_window_get_error (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

static ChronoWindow *
open_with_settings (GSettings  *settings,
                    const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChronoWindow *window = g_object_new (CHRONO_TYPE_WINDOW, "settings", settings, NULL);

  gtk_window_present (GTK_WINDOW (window));
  chrono_window_open_file (window, file);
  wait_for (is_idle, window);
  settle ();
  return window;
}

static gboolean
pictures_asked (ChronoWindow *window)
{
  return gtk_revealer_get_reveal_child (template_child (window, "pictures_revealer"));
}

/* Pictures on the web: asked about once per file, the answer kept. */
static void
test_window_web_pictures (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "good", "media.json", NULL);
  g_autofree char *local = g_test_build_filename (G_TEST_DIST, "data", "media", "story.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_auto(GStrv) allowed = NULL;
  g_auto(GStrv) declined = NULL;
  ChronoWindow *window;
  GtkWidget *bar;

  g_settings_reset (settings, "web-pictures-allowed");
  g_settings_reset (settings, "web-pictures-declined");

  /* Only local pictures: nothing to ask. */
  window = open_with_settings (settings, local);
  g_assert_false (pictures_asked (window));
  gtk_window_destroy (GTK_WINDOW (window));

  window = open_with_settings (settings, path);
  g_assert_true (pictures_asked (window));
  g_assert_cmpstr (gtk_label_get_text (template_child (window, "pictures_title")), ==,
                   "This timeline has 3 pictures on the web");
  bar = gtk_revealer_get_child (template_child (window, "pictures_revealer"));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (bar)), ==, GTK_ACCESSIBLE_ROLE_ALERT);
  g_assert_nonnull (app_test_find_button (bar, "_Load"));
  g_assert_nonnull (app_test_find_button (bar, "_Don’t Load"));

  /* Declined: not asked again for this file. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.decline-web-pictures", NULL);
  g_assert_false (pictures_asked (window));
  declined = g_settings_get_strv (settings, "web-pictures-declined");
  g_assert_true (g_strv_contains ((const char * const *) declined, uri));
  gtk_window_destroy (GTK_WINDOW (window));
  window = open_with_settings (settings, path);
  g_assert_false (pictures_asked (window));
  gtk_window_destroy (GTK_WINDOW (window));

  /* Allowed: remembered, and the refusal forgotten. */
  g_settings_reset (settings, "web-pictures-declined");
  window = open_with_settings (settings, path);
  g_assert_true (pictures_asked (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-web-pictures", NULL);
  g_assert_false (pictures_asked (window));
  allowed = g_settings_get_strv (settings, "web-pictures-allowed");
  g_assert_true (g_strv_contains ((const char * const *) allowed, uri));
  gtk_window_destroy (GTK_WINDOW (window));
  window = open_with_settings (settings, path);
  g_assert_false (pictures_asked (window));
  gtk_window_destroy (GTK_WINDOW (window));

  g_settings_reset (settings, "web-pictures-allowed");
}

static gpointer
inspector_child (ChronoWindow *window,
                 const char   *name)
{
  GObject *child = gtk_widget_get_template_child (template_child (window, "inspector"),
                                                  CHRONO_TYPE_INSPECTOR, name);

  g_assert_nonnull (child);
  return child;
}

static gboolean
picture_shown (gpointer data)
{
  return gtk_picture_get_paintable (inspector_child (data, "picture")) != NULL;
}

static gboolean
picture_refused (gpointer data)
{
  return gtk_widget_get_visible (inspector_child (data, "picture_message_label"));
}

static void
select_event (ChronoWindow *window,
              const char   *id)
{
  ChronoSession *session = chrono_window_get_session (window);
  int index = chrono_document_find_event (chrono_session_get_document (session), id);

  g_assert_cmpint (index, >=, 0);
  chrono_session_set_selected (session, index);
}

static GtkWindow *
find_toplevel (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (window), title) == 0)
        return window;
    }
  return NULL;
}

/* The inspector shows an event's picture with its caption and credit
 * (a click shows it large), a quote and who said it, a link card; and
 * says why a picture is not shown. */
static void
test_window_inspector_media (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "media", "story.json", NULL);
  g_autofree char *refused = g_test_build_filename (G_TEST_DIST, "data", "media", "refused.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) refused_file = g_file_new_for_path (refused);
  ChronoWindow *window = open_window_on (file);
  GtkPicture *picture = inspector_child (window, "picture");
  GtkListBoxRow *card;
  GtkWindow *large;

  select_event (window, "a-portrait");
  wait_for (picture_shown, window);
  g_assert_true (gtk_widget_get_visible (inspector_child (window, "media_section")));
  g_assert_true (gtk_widget_get_visible (inspector_child (window, "picture_button")));
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (gtk_picture_get_paintable (picture)), ==, 160);
  g_assert_cmpstr (gtk_picture_get_alternative_text (picture), ==, "At the party");
  g_assert_cmpstr (gtk_label_get_text (inspector_child (window, "caption_label")), ==, "At the party");
  g_assert_cmpstr (gtk_label_get_text (inspector_child (window, "credit_label")), ==, "Drawn for the tests");
  g_assert_false (gtk_widget_get_visible (inspector_child (window, "quote_label")));

  /* Large, in a window of its own that Escape closes. */
  g_signal_emit_by_name (inspector_child (window, "picture_button"), "clicked");
  large = find_toplevel ("At the party");
  g_assert_nonnull (large);
  g_assert_true (gtk_window_get_transient_for (large) == GTK_WINDOW (window));
  g_assert_true (GTK_IS_PICTURE (gtk_window_get_child (large)));
  settle ();
  gtk_window_destroy (large);

  select_event (window, "the-notes");
  settle ();
  g_assert_true (gtk_widget_get_visible (inspector_child (window, "quote_label")));
  g_assert_cmpstr (gtk_label_get_text (inspector_child (window, "quote_label")), ==,
                   "“That brain of mine is something more than merely mortal.”");
  g_assert_cmpstr (gtk_label_get_text (inspector_child (window, "quote_by_label")), ==, "— Ada Lovelace");
  g_assert_false (gtk_widget_get_visible (inspector_child (window, "picture_button")));
  g_assert_null (gtk_picture_get_paintable (picture));

  select_event (window, "a-film");
  settle ();
  card = gtk_list_box_get_row_at_index (inspector_child (window, "card_list"), 0);
  g_assert_nonnull (card);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (card)), ==, "Building the engine");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (card)), ==, "YouTube");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (card)), ==, "https://www.youtube.com/watch?v=abc123");
  g_assert_cmpstr (gtk_label_get_text (inspector_child (window, "credit_label")), ==, "A museum");

  select_event (window, "no-media");
  settle ();
  g_assert_false (gtk_widget_get_visible (inspector_child (window, "media_section")));

  /* What cannot be shown says why, where the picture would be; a
   * picture on the web without consent is not fetched. */
  chrono_window_open_file (window, refused_file);
  wait_for (is_idle, window);
  settle ();
  select_event (window, "not-a-picture");
  wait_for (picture_refused, window);
  g_assert_cmpstr (gtk_label_get_text (inspector_child (window, "picture_message_label")), ==,
                   "not-a-picture.png is not a picture Chronoscope can show");
  g_assert_false (gtk_widget_get_visible (inspector_child (window, "picture_button")));
  select_event (window, "web");
  wait_for (picture_refused, window);
  g_assert_cmpstr (gtk_label_get_text (inspector_child (window, "picture_message_label")), ==,
                   "never.png is on the web; pictures on the web are loaded only when you allow it");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A link row says where it leads, beside its title. */
static void
test_window_inspector_links (void)
{
  ChronoWindow *window = open_window ("small.json");
  ChronoSession *session = chrono_window_get_session (window);
  ChronoDocument *document = chrono_session_get_document (session);
  ChronoInspector *inspector = template_child (window, "inspector");
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (inspector),
                                                               CHRONO_TYPE_INSPECTOR, "links_list"));
  GtkListBoxRow *row;

  chrono_session_set_selected (session, chrono_document_find_event (document, "alice-acme"));
  settle ();

  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  g_assert_nonnull (row);
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Press release — example.com");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "https://example.com/alice");
  g_assert_true (gtk_list_box_row_get_activatable (row));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_loaded (gpointer data)
{
  return !chrono_window_get_loading (data) &&
         chrono_session_get_document (chrono_window_get_session (data)) != NULL;
}

static void
test_window_drop (void)
{
  ChronoWindow *window = chrono_window_new (NULL);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_autoptr(GFile) file = fixture ("small.json");
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  GSList *files;
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  /* What dropping a file from a file manager delivers. */
  files = g_slist_prepend (NULL, file);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, files);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_slist_free (files);

  g_assert_true (accepted);
  wait_for (is_loaded, window);
  g_assert_true (g_file_equal (chrono_window_get_file (window), file));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_open_example (void)
{
  ChronoWindow *window = chrono_window_new (NULL);
  ChronoDocument *document;
  g_autofree char *name = NULL;

  /* From the build tree the examples come from the source tree. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-example", "s", "ai-talent.json");
  g_assert_true (chrono_window_get_loading (window));
  wait_for (is_idle, window);

  document = chrono_session_get_document (chrono_window_get_session (window));
  g_assert_nonnull (document);
  g_assert_cmpuint (chrono_document_get_n_events (document), >, 10);
  name = g_file_get_basename (chrono_window_get_file (window));
  g_assert_cmpstr (name, ==, "ai-talent.json");

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
recent_menu_has (gpointer data)
{
  gpointer *pair = data;
  GMenuModel *menu = pair[0];
  const char *uri = pair[1];

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GVariant) target =
        g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);

      if (target != NULL && g_strcmp0 (g_variant_get_string (target, NULL), uri) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_window_recent (void)
{
  ChronoWindow *window = open_window ("small.json");
  g_autoptr(GFile) file = fixture ("small.json");
  g_autofree char *uri = g_file_get_uri (file);
  gpointer pair[2] = { template_child (window, "recent_menu"), uri };

  GMenuModel *menu = pair[0];
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *folder = g_file_get_path (parent);
  g_autofree char *dir_uri = g_file_get_uri (parent);
  g_autofree char *other_uri = g_strconcat (dir_uri, "/./small.json", NULL);
  GtkRecentData data = {
    .mime_type = (char *) "application/json",
    .app_exec = (char *) "test-window %u",
  };
  guint n_small = 0;

  /* The recent files are written and read back asynchronously. */
  wait_for (recent_menu_has, pair);

  /* The same file under another spelling of its URI is listed once, by
   * its latest URI, which the item opens as it is. */
  data.app_name = (char *) g_get_application_name ();
  g_assert_true (gtk_recent_manager_add_full (gtk_recent_manager_get_default (), other_uri, &data));
  pair[1] = other_uri;
  wait_for (recent_menu_has, pair);

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;

      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label));
      if (!g_str_has_prefix (label, "small.json — "))
        continue;
      n_small++;
      /* The name and its folder (tilde-abbreviated under the home). */
      if (!g_str_has_prefix (folder, g_get_home_dir ()))
        g_assert_cmpstr (label + strlen ("small.json — "), ==, folder);
      g_assert_true (g_str_has_suffix (label, "/app/data"));
    }
  g_assert_cmpuint (n_small, ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  ChronoWindow *window;
  AdwFlap *flap;

  g_settings_set_boolean (settings, "sidebar-visible", FALSE);
  window = g_object_new (CHRONO_TYPE_WINDOW, "settings", settings, NULL);
  flap = template_child (window, "flap");
  g_assert_false (adw_flap_get_reveal_flap (flap));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL);
  g_assert_true (adw_flap_get_reveal_flap (flap));
  g_assert_true (g_settings_get_boolean (settings, "sidebar-visible"));

  /* The size is saved when the window closes, and used by the next. */
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (GTK_WIDGET (window));
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  window = g_object_new (CHRONO_TYPE_WINDOW, "settings", settings, NULL);
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
    g_assert_cmpint (width, ==, 900);
    g_assert_cmpint (height, ==, 640);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct {
  ChronoSession *session;
  int            index;
} FrameWait;

/* The view has arrived at the frame of event @index. */
static gboolean
frames_event (gpointer data)
{
  FrameWait *wait = data;
  double start, end, want_start, want_end;

  chrono_session_get_visible (wait->session, &start, &end);
  chrono_session_get_event_frame (wait->session, wait->index, &want_start, &want_end);
  chrono_session_clamp_span (wait->session, &want_start, &want_end);

  return fabs (start - want_start) < (want_end - want_start) * 1e-6 &&
         fabs (end - want_end) < (want_end - want_start) * 1e-6;
}

static const char *
selected_id (ChronoSession *session)
{
  const ChronoEvent *event = chrono_session_get_selected_event (session);

  return event != NULL ? event->id : NULL;
}

/* The entry's own capture-phase key controller: Shift+Enter. */
static gboolean
press_shift_enter (GtkWidget *entry)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (entry);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Return, 0, GDK_SHIFT_MASK, &handled);
    }

  return handled;
}

/* Searching selects the first match and brings it into view; Enter,
 * Shift+Enter, F3 and Ctrl+G step through the matches in time order and
 * wrap around; "n of m" says where; the overview keeps the whole
 * document. */
static void
test_window_search_navigation (void)
{
  ChronoWindow *window = open_window ("small.json");
  ChronoSession *session = chrono_window_get_session (window);
  ChronoDocument *document = chrono_session_get_document (session);
  ChronoFilter *filter = chrono_session_get_filter (session);
  GtkEditable *search = template_child (window, "search_entry");
  GtkLabel *count = template_child (window, "search_count_label");
  ChronoOverview *overview = template_child (window, "overview");
  FrameWait wait = { session, -1 };
  double range_start, range_end, start, end, lo, hi;

  chrono_overview_get_range (overview, &range_start, &range_end);
  chrono_session_get_bounds (session, &lo, &hi);
  g_assert_cmpfloat (range_start, ==, lo);
  g_assert_cmpfloat (range_end, ==, hi);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (count)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  gtk_editable_set_text (search, "rocket");
  wait_for (filter_has_text, filter);
  settle ();

  /* The first of the two matches in time, selected and framed. */
  g_assert_cmpstr (selected_id (session), ==, "alice-acme");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (count)));
  g_assert_cmpstr (gtk_label_get_text (count), ==, "1 of 2");
  wait.index = chrono_session_get_selected (session);
  wait_for (frames_event, &wait);

  /* The overview still spans the whole document, not the matches. */
  chrono_overview_get_range (overview, &start, &end);
  g_assert_cmpfloat (start, ==, range_start);
  g_assert_cmpfloat (end, ==, range_end);

  /* Enter: the next; again: around to the first. */
  g_signal_emit_by_name (search, "activate");
  g_assert_cmpstr (selected_id (session), ==, "acme-skates");
  g_assert_cmpstr (gtk_label_get_text (count), ==, "2 of 2");
  wait.index = chrono_session_get_selected (session);
  wait_for (frames_event, &wait);
  g_signal_emit_by_name (search, "activate");
  g_assert_cmpstr (selected_id (session), ==, "alice-acme");
  g_assert_cmpstr (gtk_label_get_text (count), ==, "1 of 2");

  /* Shift+Enter: back, around to the last. */
  g_assert_true (press_shift_enter (GTK_WIDGET (search)));
  g_assert_cmpstr (selected_id (session), ==, "acme-skates");

  /* F3 and Shift+F3 (and Ctrl+G, Ctrl+Shift+G), from anywhere. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search-next", NULL));
  g_assert_cmpstr (selected_id (session), ==, "alice-acme");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search-previous", NULL));
  g_assert_cmpstr (selected_id (session), ==, "acme-skates");
  /* The entry's own Ctrl+G signals step once too. */
  g_signal_emit_by_name (search, "next-match");
  g_assert_cmpstr (selected_id (session), ==, "alice-acme");
  g_signal_emit_by_name (search, "previous-match");
  g_assert_cmpstr (selected_id (session), ==, "acme-skates");

  /* Nothing matches: said so, and nothing to step to. */
  gtk_editable_set_text (search, "no such thing");
  wait_for (filter_has_text_nothing, filter);
  settle ();
  g_assert_cmpstr (gtk_label_get_text (count), ==, "No matches");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search-next", NULL));
  chrono_overview_get_range (overview, &start, &end);
  g_assert_cmpfloat (start, ==, range_start);
  g_assert_cmpfloat (end, ==, range_end);

  /* Stopping the search hides the count and keeps the selection. */
  gtk_editable_set_text (search, "");
  settle ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (count)));
  g_assert_cmpstr (selected_id (session), ==, "acme-skates");
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, 6);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/app/window/empty", test_window_empty);
  g_test_add_func ("/app/window/open", test_window_open);
  g_test_add_func ("/app/window/filter", test_window_filter);
  g_test_add_func ("/app/window/filter-popover", test_window_filter_popover);
  g_test_add_func ("/app/window/filter-drawn", test_window_filter_drawn);
  g_test_add_func ("/app/window/zoom-at-pointer", test_window_zoom_at_pointer);
  g_test_add_func ("/app/window/zoom-keys", test_window_zoom_keys);
  g_test_add_func ("/app/window/search-navigation", test_window_search_navigation);
  g_test_add_func ("/app/window/inspector", test_window_inspector);
  g_test_add_func ("/app/window/list-reveals", test_window_list_reveals);
  g_test_add_func ("/app/window/related", test_window_related);
  g_test_add_func ("/app/window/scroll-reset", test_window_scroll_reset);
  g_test_add_func ("/app/window/broken", test_window_broken);
  g_test_add_func ("/app/window/broken-first", test_window_broken_first);
  g_test_add_func ("/app/window/skip-bad-rows", test_window_skip_bad_rows);
  g_test_add_func ("/app/window/drop-bad-links", test_window_drop_bad_links);
  g_test_add_func ("/app/window/all-problems", test_window_all_problems);
  g_test_add_func ("/app/window/reload", test_window_reload);
  g_test_add_func ("/app/window/file-deleted", test_window_file_deleted);
  g_test_add_func ("/app/window/web-pictures", test_window_web_pictures);
  g_test_add_func ("/app/window/inspector-media", test_window_inspector_media);
  g_test_add_func ("/app/window/inspector-links", test_window_inspector_links);
  g_test_add_func ("/app/window/drop", test_window_drop);
  g_test_add_func ("/app/window/open-example", test_window_open_example);
  g_test_add_func ("/app/window/recent", test_window_recent);
  g_test_add_func ("/app/window/settings", test_window_settings);

  return g_test_run ();
}
