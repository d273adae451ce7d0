/* test-accessibility.c: names, roles, the keyboard path and what a
 * screen reader is told, through GTK's accessibility test API.
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-accessibility"

#include "config.h"

#include "app-test-util.h"
#include "chrono-a11y.h"
#include "chrono-event-list.h"
#include "chrono-export-dialog.h"
#include "chrono-filter-popover.h"
#include "chrono-import-dialog.h"
#include "chrono-inspector.h"
#include "chrono-presenter.h"
#include "chrono-timeline-view.h"
#include "chrono-window.h"

static gboolean
stack_settled (gpointer data)
{
  return !gtk_stack_get_transition_running (data);
}

static ChronoWindow *
open_window (const char *name)
{
  ChronoWindow *window = chrono_window_new (NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "app", "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  chrono_window_open_file (window, file);
  app_test_wait_for (app_test_window_idle, window);
  /* The empty page's buttons stay focusable while it fades out. */
  app_test_wait_for (stack_settled, app_test_window_child (window, "main_stack"));
  app_test_settle ();

  return window;
}

/* Whether @widget has a name a screen reader can say: its own label, or
 * a label widget it is labelled by. */
static gboolean
has_name (GtkWidget *widget)
{
  /* The text inside an entry takes the focus; the entry is what a screen
   * reader shows for it. */
  if (GTK_IS_TEXT (widget) &&
      !gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) &&
      GTK_IS_EDITABLE (gtk_widget_get_parent (widget)) && !ADW_IS_ENTRY_ROW (gtk_widget_get_parent (widget)))
    return has_name (gtk_widget_get_parent (widget));

  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* Sends a key press the way GTK delivers it to the focus: the key
 * controllers from the window down to the focus (capture phase), then
 * back up (bubble phase), then the window's own keybinding (Tab moves
 * the focus).  GTK 4.8 has no public way to inject a key event. */
static gboolean
emit_key (GtkWidget      *widget,
          GtkPropagationPhase phase,
          guint           keyval,
          GdkModifierType state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (!GTK_IS_EVENT_CONTROLLER_KEY (controller) ||
          gtk_event_controller_get_propagation_phase (controller) != phase)
        continue;

      g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
      if (handled)
        return TRUE;
    }

  return FALSE;
}

static void
press_tab (GtkWindow *window,
           gboolean   backward)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GdkModifierType state = backward ? GDK_SHIFT_MASK : 0;
  guint keyval = backward ? GDK_KEY_ISO_Left_Tab : GDK_KEY_Tab;
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();

  /* Not the window's own controllers: the zoom keys and the search
   * bar's type-to-search leave Tab alone, and the latter can only
   * forward real events. */
  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (window); w = gtk_widget_get_parent (w))
    g_ptr_array_insert (chain, 0, w);

  for (guint i = 0; i < chain->len; i++)
    if (emit_key (chain->pdata[i], GTK_PHASE_CAPTURE, keyval, state))
      goto done;
  for (guint i = chain->len; i > 0; i--)
    if (emit_key (chain->pdata[i - 1], GTK_PHASE_BUBBLE, keyval, state))
      goto done;

  g_signal_emit_by_name (window, "move-focus", backward ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);

done:
  app_test_settle ();
}

enum {
  REGION_HEADER,
  REGION_TIMELINE,
  REGION_INSPECTOR,
  REGION_LIST,
  REGION_OTHER,
};

static const char * const region_names[] = { "header bar", "timeline", "inspector", "event list", "elsewhere" };

static int
region_of (ChronoWindow *window,
           GtkWidget    *widget)
{
  const char *regions[] = { "header_bar", "timeline_view", "inspector", "event_list_view" };

  for (guint i = 0; widget != NULL && i < G_N_ELEMENTS (regions); i++)
    {
      GtkWidget *region = app_test_window_child (window, regions[i]);

      if (widget == region || gtk_widget_is_ancestor (widget, region))
        return i;
    }

  return REGION_OTHER;
}

/* Tab from the timeline, 16 times: the header bar, the inspector and the
 * event list are reached in reading order and the focus comes back to
 * the timeline; the list is one stop; every stop is named. */
static void
test_a11y_tab_order (void)
{
  ChronoWindow *window = open_window ("small.json");
  GtkWidget *timeline = chrono_window_get_timeline_view (window);
  int regions[17];
  guint n_timeline = 0, n_list = 0, n_header = 0;

  g_assert_true (gtk_widget_grab_focus (timeline));
  for (guint i = 0; i <= 16; i++)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

      g_assert_nonnull (focus);
      regions[i] = region_of (window, focus);
      g_test_message ("stop %u: %s %s (in %s) in the %s", i, G_OBJECT_TYPE_NAME (focus),
                      GTK_IS_BUTTON (focus) ? gtk_button_get_label (GTK_BUTTON (focus)) : "",
                      G_OBJECT_TYPE_NAME (gtk_widget_get_parent (focus)), region_names[regions[i]]);
      g_assert_cmpint (regions[i], !=, REGION_OTHER);
      if (!has_name (focus) && !GTK_IS_LIST_ITEM (focus))
        {
          /* A list item widget is named by the row: look at its label. */
          g_assert_true (gtk_widget_get_parent (focus) == app_test_window_child (window, "event_list_view") &&
                         gtk_test_accessible_has_property (GTK_ACCESSIBLE (focus), GTK_ACCESSIBLE_PROPERTY_LABEL));
        }

      n_timeline += regions[i] == REGION_TIMELINE;
      n_list += regions[i] == REGION_LIST;
      n_header += regions[i] == REGION_HEADER;

      /* Reading order: each step stays in its region or goes on to the
       * next one, from the list back to the header bar. */
      if (i > 0)
        g_assert_true (regions[i] == regions[i - 1] ||
                       regions[i] == (regions[i - 1] + 1) % REGION_OTHER);
      /* The list is one stop: Tab leaves it at once. */
      if (i > 0 && regions[i - 1] == REGION_LIST)
        g_assert_cmpint (regions[i], ==, REGION_HEADER);

      if (i < 16)
        press_tab (GTK_WINDOW (window), FALSE);
    }

  g_assert_cmpuint (n_timeline, >=, 2);
  g_assert_cmpuint (n_list, >=, 1);
  g_assert_cmpuint (n_header, >=, 3);

  /* Shift+Tab walks back: from the header bar into the event list, and
   * from the list up to the inspector. */
  g_assert_true (gtk_widget_grab_focus (app_test_window_child (window, "event_list_view")));
  press_tab (GTK_WINDOW (window), FALSE);
  g_assert_cmpint (region_of (window, gtk_root_get_focus (GTK_ROOT (window))), ==, REGION_HEADER);
  press_tab (GTK_WINDOW (window), TRUE);
  g_assert_cmpint (region_of (window, gtk_root_get_focus (GTK_ROOT (window))), ==, REGION_LIST);
  press_tab (GTK_WINDOW (window), TRUE);
  g_assert_cmpint (region_of (window, gtk_root_get_focus (GTK_ROOT (window))), ==, REGION_INSPECTOR);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* F6 and Shift+F6 go round the four regions. */
static void
test_a11y_regions (void)
{
  ChronoWindow *window = open_window ("small.json");
  const int forward[] = { REGION_INSPECTOR, REGION_LIST, REGION_HEADER, REGION_TIMELINE };

  g_assert_true (gtk_widget_grab_focus (chrono_window_get_timeline_view (window)));
  for (guint i = 0; i < G_N_ELEMENTS (forward); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-region", NULL));
      app_test_settle ();
      g_assert_cmpint (region_of (window, gtk_root_get_focus (GTK_ROOT (window))), ==, forward[i]);
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-region", NULL));
  app_test_settle ();
  g_assert_cmpint (region_of (window, gtk_root_get_focus (GTK_ROOT (window))), ==, REGION_HEADER);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Roles, names, descriptions and relations of the window's controls. */
static void
test_a11y_names (void)
{
  ChronoWindow *window = open_window ("small.json");
  ChronoSession *session = chrono_window_get_session (window);
  GtkWidget *timeline = chrono_window_get_timeline_view (window);
  GtkWidget *open = app_test_find_button (app_test_window_child (window, "header_bar"), "_Open");
  GtkWidget *sidebar = gtk_widget_get_parent (app_test_window_child (window, "inspector"));
  GtkWidget *inspector = app_test_window_child (window, "inspector");
  GtkWidget *links = (GtkWidget *) gtk_widget_get_template_child (inspector, CHRONO_TYPE_INSPECTOR, "links_list");

  gtk_test_accessible_assert_role (timeline, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (timeline, GTK_ACCESSIBLE_PROPERTY_LABEL, "Timeline, no event selected");
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (timeline), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));

  gtk_test_accessible_assert_property (app_test_window_child (window, "present_button"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Present");
  gtk_test_accessible_assert_property (app_test_window_child (window, "present_button"),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Show the story full screen, one event at a time");
  gtk_test_accessible_assert_property (app_test_window_child (window, "search_entry"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Search events");
  gtk_test_accessible_assert_role (app_test_window_child (window, "count_label"), GTK_ACCESSIBLE_ROLE_STATUS);
  gtk_test_accessible_assert_property (sidebar, GTK_ACCESSIBLE_PROPERTY_LABEL, "Inspector and event list");

  /* "Open" is named once, by its label, not "_Open Open". */
  g_assert_true (GTK_IS_BUTTON (open));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (open)), ==, "_Open");
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL));
  gtk_test_accessible_assert_relation (open, GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       gtk_button_get_child (GTK_BUTTON (open)), NULL);

  gtk_test_accessible_assert_property (links, GTK_ACCESSIBLE_PROPERTY_LABEL, "Links");

  /* The selection leads the timeline's name, with dates and lane. */
  chrono_session_set_selected (session, 0);
  gtk_test_accessible_assert_property (timeline, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Acme is founded, 1949, Acme Corporation lane; timeline");

  /* A link row says its address. */
  chrono_session_set_selected (session, 4);
  app_test_settle ();
  {
    GtkWidget *row = gtk_widget_get_first_child (links);

    g_assert_nonnull (row);
    gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "https://example.com/alice");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The event list is the canvas's non-visual twin: the events that Right
 * reaches on the canvas, in the same order, are the list's rows, each
 * named as the timeline names it, and the selection is shared. */
static void
test_a11y_list_matches_canvas (void)
{
  ChronoWindow *window = open_window ("small.json");
  ChronoSession *session = chrono_window_get_session (window);
  ChronoDocument *document = chrono_session_get_document (session);
  GtkWidget *timeline = chrono_window_get_timeline_view (window);
  GtkListView *list = app_test_window_child (window, "event_list_view");
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));

  for (guint pass = 0; pass < 2; pass++)
    {
      guint n_items = g_list_model_get_n_items (G_LIST_MODEL (selection));
      guint position = 0;

      /* The second time with a lane hidden. */
      if (pass == 1)
        chrono_filter_set_lane_visible (chrono_session_get_filter (session), "alice", FALSE);
      n_items = g_list_model_get_n_items (G_LIST_MODEL (selection));
      g_assert_cmpuint (n_items, >, 0);

      /* To the first event the arrows reach, then Right through all. */
      chrono_session_set_selected (session, -1);
      gtk_widget_activate_action (timeline, "view.select-next", NULL);
      for (int before = -2; before != chrono_session_get_selected (session);)
        {
          before = chrono_session_get_selected (session);
          gtk_widget_activate_action (timeline, "view.select-previous", NULL);
        }
      app_test_settle ();
      for (gboolean first = TRUE;; first = FALSE)
        {
          int before = chrono_session_get_selected (session);
          g_autoptr(ChronoEventItem) item = NULL;
          g_autofree char *name = NULL;
          g_autofree char *expected = NULL;

          if (!first)
            {
              gtk_widget_activate_action (timeline, "view.select-next", NULL);
              if (chrono_session_get_selected (session) == before)
                break;
            }

          g_assert_cmpuint (position, <, n_items);
          item = g_list_model_get_item (G_LIST_MODEL (selection), position);
          g_assert_cmpuint (chrono_event_item_get_index (item), ==, chrono_session_get_selected (session));
          g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, position);

          name = chrono_a11y_describe_event (document, chrono_event_item_get_event (item));
          expected = g_strdup_printf ("%s; timeline", name);
          gtk_test_accessible_assert_property (timeline, GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
          position++;
        }
      g_assert_cmpuint (position, ==, n_items);
    }

  /* Each row bound on screen is named like the timeline's selection. */
  app_test_settle ();
  {
    guint n_named = 0;

    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
         child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL))
        n_named++;
    g_assert_cmpuint (n_named, >=, 1);
  }

  chrono_filter_reset (chrono_session_get_filter (session));
  gtk_widget_activate_action (GTK_WIDGET (list), "list.scroll-to-item", "u", 0);
  app_test_settle ();
  gtk_test_accessible_assert_property (gtk_widget_get_first_child (GTK_WIDGET (list)) ?
                                       gtk_widget_get_first_child (GTK_WIDGET (list)) : GTK_WIDGET (list),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Acme is founded, 1949, Acme Corporation lane");

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct {
  GtkWidget  *widget;
  const char *text;
} DescriptionWait;

static gboolean
description_is (gpointer data)
{
  DescriptionWait *wait = data;
  g_autofree char *error = NULL;

  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (wait->widget),
                                              GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, wait->text);

  return error == NULL;
}

/* What changes is said: Up and Down name the event in the other lane,
 * the span is described once the view settles, and the "N of M" count
 * of a search is told on the search entry. */
static void
test_a11y_announcements (void)
{
  ChronoWindow *window = open_window ("small.json");
  ChronoSession *session = chrono_window_get_session (window);
  GtkWidget *timeline = chrono_window_get_timeline_view (window);
  GtkWidget *entry = app_test_window_child (window, "search_entry");
  DescriptionWait wait;

  /* Studies physics (Alice, 2008) and down to Acme: the IPO in 2001. */
  chrono_session_set_selected (session, 3);
  app_test_settle ();
  gtk_widget_activate_action (timeline, "view.lane-down", NULL);
  gtk_test_accessible_assert_property (timeline, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Acme goes public, May 2001, Acme Corporation lane; timeline");

  chrono_timeline_view_animate_to (CHRONO_TIMELINE_VIEW (timeline), 946684800.0, 1262304000.0, 0);
  wait.widget = timeline;
  wait.text = "Showing 2000 to 2010. Left and Right move between events, Up and Down between lanes, "
              "plus and minus zoom, Enter zooms to the event. The event list has every event.";
  app_test_wait_for (description_is, &wait);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  app_test_settle ();
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry) ||
                 gtk_root_get_focus (GTK_ROOT (window)) == entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "rocket");
  wait.widget = gtk_root_get_focus (GTK_ROOT (window));
  wait.text = "2 of 6 events shown";
  app_test_wait_for (description_is, &wait);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The presenter's canvas is renamed at each step. */
static void
test_a11y_presenter (void)
{
  ChronoWindow *window = open_window ("small.json");
  ChronoPresenter *presenter = chrono_presenter_new (GTK_WINDOW (window), chrono_window_get_session (window));
  GtkWidget *canvas = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (presenter), CHRONO_TYPE_PRESENTER, "canvas");

  chrono_presenter_start (presenter);
  app_test_settle ();
  gtk_test_accessible_assert_property (canvas, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Title page: A Small Test Timeline");
  chrono_presenter_set_slide (presenter, 1);
  gtk_test_accessible_assert_property (canvas, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Step 1 of 6: Acme is founded, 1949, Acme Corporation lane");
  chrono_presenter_set_slide (presenter, 2);
  gtk_test_accessible_assert_property (canvas, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Step 2 of 6: Alice is born, 14 Mar 1990, Alice Example lane");

  gtk_window_destroy (GTK_WINDOW (presenter));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Walks the Tab stops inside @root once round and checks that each is
 * named and none comes twice. */
static guint
check_stops (GtkWidget *root)
{
  g_autoptr(GPtrArray) stops = g_ptr_array_new ();
  GtkRoot *toplevel = gtk_widget_get_root (root);

  gtk_root_set_focus (toplevel, NULL);
  while (gtk_widget_child_focus (root, GTK_DIR_TAB_FORWARD))
    {
      GtkWidget *focus = gtk_root_get_focus (toplevel);

      g_assert_nonnull (focus);
      g_test_message ("stop: %s", G_OBJECT_TYPE_NAME (focus));
      if (g_ptr_array_find (stops, focus, NULL))
        break;
      g_assert_true (has_name (focus));
      g_ptr_array_add (stops, focus);
      g_assert_cmpuint (stops->len, <, 200);
    }

  return stops->len;
}

static void
test_a11y_filter_popover (void)
{
  ChronoWindow *window = open_window ("small.json");
  GtkWidget *button = app_test_window_child (window, "filter_button");
  GtkWidget *popover = app_test_window_child (window, "filter_popover");
  GtkWidget *tags = (GtkWidget *) gtk_widget_get_template_child (popover, CHRONO_TYPE_FILTER_POPOVER, "tags_box");
  guint n_tags = 0;

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  app_test_settle ();

  /* small.json has 4 tags, 2 lanes, 3 categories, 2 dates and Reset
   * (disabled while the filter is empty). */
  g_assert_cmpuint (check_stops (popover), ==, 4 + 2 + 3 + 2);

  for (GtkWidget *child = gtk_widget_get_first_child (tags); child != NULL;
       child = gtk_widget_get_next_sibling (child), n_tags++)
    {
      GtkWidget *toggle = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      g_assert_false (gtk_widget_get_focusable (child));
      gtk_test_accessible_assert_property (child, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           gtk_button_get_label (GTK_BUTTON (toggle)));
      gtk_test_accessible_assert_property (toggle, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           gtk_button_get_label (GTK_BUTTON (toggle)));
    }
  g_assert_cmpuint (n_tags, ==, 4);

  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_a11y_export_dialog (void)
{
  ChronoWindow *window = open_window ("small.json");
  ChronoExportDialog *dialog = chrono_export_dialog_new (window);
  GtkWidget *from_row = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (dialog), CHRONO_TYPE_EXPORT_DIALOG, "from_row");

  gtk_window_present (GTK_WINDOW (dialog));
  app_test_settle ();
  gtk_test_accessible_assert_property (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (from_row))),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "From date");
  g_assert_cmpuint (check_stops (GTK_WIDGET (dialog)), >=, 8);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
import_dialog_idle (gpointer data)
{
  return !chrono_import_dialog_get_busy (data);
}

/* The import dialog: Cancel, Import, the preview (it scrolls), a
 * drop-down a column and the date format, each named, each one stop;
 * the count is a status. */
static void
test_a11y_import_dialog (void)
{
  ChronoWindow *window = open_window ("small.json");
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", "appointments.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChronoImportDialog *dialog = chrono_import_dialog_new (window, file);
  GtkWidget *count = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (dialog), CHRONO_TYPE_IMPORT_DIALOG,
                                                                 "count_label");

  gtk_window_present (GTK_WINDOW (dialog));
  app_test_wait_for (import_dialog_idle, dialog);
  app_test_settle ();

  g_assert_cmpuint (check_stops (GTK_WIDGET (dialog)), ==, 2 + 1 + 5 + 1);
  gtk_test_accessible_assert_role (count, GTK_ACCESSIBLE_ROLE_STATUS);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* The test AT context records what a screen reader would be told;
   * with GTK_A11Y=none (the other widget tests) there is none. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/app/a11y/names", test_a11y_names);
  g_test_add_func ("/app/a11y/tab-order", test_a11y_tab_order);
  g_test_add_func ("/app/a11y/regions", test_a11y_regions);
  g_test_add_func ("/app/a11y/list-matches-canvas", test_a11y_list_matches_canvas);
  g_test_add_func ("/app/a11y/announcements", test_a11y_announcements);
  g_test_add_func ("/app/a11y/presenter", test_a11y_presenter);
  g_test_add_func ("/app/a11y/filter-popover", test_a11y_filter_popover);
  g_test_add_func ("/app/a11y/export-dialog", test_a11y_export_dialog);
  g_test_add_func ("/app/a11y/import-dialog", test_a11y_import_dialog);

  return g_test_run ();
}
