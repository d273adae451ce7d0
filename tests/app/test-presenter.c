#define G_LOG_DOMAIN "test-presenter"

#include "config.h"

#include <string.h>

#include "chrono-presenter.h"
#include "chrono-story.h"
#include "chrono-window.h"

/* A limit that only turns a hang into a failure; nothing here measures
 * time. */
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

static void
settle (void)
{
  for (guint i = 0; i < 50 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static ChronoWindow *
open_window (const char *name)
{
  ChronoWindow *window = chrono_window_new (NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "export", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gtk_window_present (GTK_WINDOW (window));
  chrono_window_open_file (window, file);
  wait_for (is_idle, window);
  settle ();
  g_assert_nonnull (chrono_session_get_document (chrono_window_get_session (window)));

  return window;
}

static ChronoPresenter *
find_presenter (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  ChronoPresenter *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CHRONO_IS_PRESENTER (window))
        found = CHRONO_PRESENTER (window);
    }

  return found;
}

/* Presses @keyval on @widget through its shortcuts, as GTK does when the
 * key goes down: capture-phase controllers first, then the others; the
 * first shortcut bound to the key that runs wins. */
static void
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean found = FALSE;

  for (guint k = 0; k < 2 * g_list_model_get_n_items (controllers) && !found; k++)
    {
      guint n = g_list_model_get_n_items (controllers);
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, k % n);
      gboolean capture;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      capture = gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (controller)) == GTK_PHASE_CAPTURE;
      if (capture != (k < n))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !found; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            {
              found = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                    GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                    gtk_shortcut_get_arguments (shortcut));
            }
        }
    }

  g_assert_true (found);
  settle ();
}

static const char *
current_id (ChronoPresenter *presenter,
            ChronoDocument  *document)
{
  int event = chrono_presenter_get_event (presenter);

  g_assert_cmpint (event, >=, 0);
  return chrono_document_get_event (document, event)->id;
}

typedef struct
{
  ChronoPresenter *presenter;
  ChronoDocument  *document;
} Glide;

/* The camera arrived: it shows exactly the current slide's frame. */
static gboolean
camera_arrived (gpointer data)
{
  Glide *glide = data;
  double start, end, frame_start, frame_end;

  chrono_presenter_get_visible (glide->presenter, &start, &end);
  chrono_presenter_get_frame (glide->presenter, chrono_presenter_get_slide (glide->presenter),
                              &frame_start, &frame_end);

  return start == frame_start && end == frame_end;
}

static void
test_presenter_story (void)
{
  ChronoWindow *window = open_window ("story.json");
  ChronoSession *session = chrono_window_get_session (window);
  ChronoDocument *document = chrono_session_get_document (session);
  ChronoPresenter *presenter;
  Glide glide;
  double start, end, before_start, before_end;
  int selected;

  /* Somewhere particular, to come back to. */
  chrono_session_set_visible (session, 1.3e9, 1.4e9);
  chrono_session_set_selected (session, chrono_document_find_event (document, "second"));
  settle ();
  chrono_session_get_visible (session, &before_start, &before_end);
  selected = chrono_session_get_selected (session);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  settle ();
  presenter = find_presenter ();
  g_assert_nonnull (presenter);
  g_object_add_weak_pointer (G_OBJECT (presenter), (gpointer *) &presenter);

  /* The cover first, then the story, in its order. */
  g_assert_cmpuint (chrono_presenter_get_n_steps (presenter), ==, 3);
  g_assert_cmpuint (chrono_presenter_get_n_slides (presenter), ==, 4);
  g_assert_cmpuint (chrono_presenter_get_slide (presenter), ==, 0);
  g_assert_cmpint (chrono_presenter_get_event (presenter), ==, -1);
  g_assert_null (chrono_presenter_get_notes (presenter, 0));
  press_key (GTK_WIDGET (presenter), GDK_KEY_Right);
  g_assert_cmpuint (chrono_presenter_get_slide (presenter), ==, 1);
  g_assert_cmpstr (current_id (presenter, document), ==, "fourth");
  g_assert_cmpint (chrono_presenter_get_previous_event (presenter), ==, -1);

  /* The camera glides there on the frame clock. */
  glide = (Glide) { presenter, document };
  wait_for (camera_arrived, &glide);

  press_key (GTK_WIDGET (presenter), GDK_KEY_Right);
  g_assert_cmpstr (current_id (presenter, document), ==, "first");
  wait_for (camera_arrived, &glide);
  press_key (GTK_WIDGET (presenter), GDK_KEY_space);
  g_assert_cmpstr (current_id (presenter, document), ==, "third");
  g_assert_cmpuint (chrono_presenter_get_slide (presenter), ==, 3);
  g_assert_cmpint (chrono_presenter_get_previous_event (presenter), ==,
                   chrono_document_find_event (document, "first"));

  /* The end stays the end. */
  press_key (GTK_WIDGET (presenter), GDK_KEY_Page_Down);
  g_assert_cmpstr (current_id (presenter, document), ==, "third");

  press_key (GTK_WIDGET (presenter), GDK_KEY_Left);
  g_assert_cmpstr (current_id (presenter, document), ==, "first");
  press_key (GTK_WIDGET (presenter), GDK_KEY_Page_Up);
  g_assert_cmpstr (current_id (presenter, document), ==, "fourth");
  press_key (GTK_WIDGET (presenter), GDK_KEY_Page_Up);
  g_assert_cmpuint (chrono_presenter_get_slide (presenter), ==, 0);
  press_key (GTK_WIDGET (presenter), GDK_KEY_Page_Up);
  g_assert_cmpuint (chrono_presenter_get_slide (presenter), ==, 0);
  press_key (GTK_WIDGET (presenter), GDK_KEY_End);
  g_assert_cmpstr (current_id (presenter, document), ==, "third");
  press_key (GTK_WIDGET (presenter), GDK_KEY_Home);
  g_assert_cmpuint (chrono_presenter_get_slide (presenter), ==, 0);
  wait_for (camera_arrived, &glide);

  /* Autoplay toggles with P. */
  press_key (GTK_WIDGET (presenter), GDK_KEY_p);
  g_assert_true (chrono_presenter_get_autoplay (presenter));
  press_key (GTK_WIDGET (presenter), GDK_KEY_p);
  g_assert_false (chrono_presenter_get_autoplay (presenter));

  /* Esc leaves, and the window shows what it showed before. */
  press_key (GTK_WIDGET (presenter), GDK_KEY_Escape);
  settle ();
  g_assert_null (presenter);
  g_assert_null (find_presenter ());

  chrono_session_get_visible (session, &start, &end);
  g_assert_cmpfloat (start, ==, before_start);
  g_assert_cmpfloat (end, ==, before_end);
  g_assert_cmpint (chrono_session_get_selected (session), ==, selected);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_false (gtk_window_is_fullscreen (GTK_WINDOW (window)));

  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

static void
test_presenter_fallback (void)
{
  ChronoWindow *window = open_window ("no-story.json");
  ChronoDocument *document = chrono_session_get_document (chrono_window_get_session (window));
  ChronoPresenter *presenter;
  const char *expected[] = { "second", "fourth", "third", "fifth", "first" };

  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  settle ();
  presenter = find_presenter ();
  g_assert_nonnull (presenter);

  /* No story: by importance, then by time, after the cover. */
  g_assert_cmpuint (chrono_presenter_get_n_steps (presenter), ==, G_N_ELEMENTS (expected));
  press_key (GTK_WIDGET (presenter), GDK_KEY_Page_Down);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpstr (current_id (presenter, document), ==, expected[i]);
      press_key (GTK_WIDGET (presenter), GDK_KEY_Page_Down);
    }

  press_key (GTK_WIDGET (presenter), GDK_KEY_Escape);
  g_assert_null (find_presenter ());

  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

/* The shortcuts window lists the keys the presenter answers to. */
static void
test_presenter_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/help-overlay.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  g_autoptr(GString) accels = g_string_new (" ");
  static const char *keys[] = {
    "Right", "space", "Page_Down", "Left", "Page_Up", "Home", "End", "p", "n", "Escape",
  };

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *title = NULL;
      GtkWidget *section;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      section = gtk_widget_get_ancestor (l->data, GTK_TYPE_SHORTCUTS_SECTION);
      g_object_get (section, "title", &title, NULL);
      if (g_strcmp0 (title, "Presentation") != 0)
        continue;
      g_object_get (l->data, "accelerator", &accelerator, NULL);
      g_string_append_printf (accels, "%s ", accelerator);
    }

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *key = g_strdup_printf (" %s ", keys[i]);

      if (strstr (accels->str, key) == NULL)
        g_error ("The shortcuts window does not list %s for the presenter (it lists%s)",
                 keys[i], accels->str);
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/app/presenter/story", test_presenter_story);
  g_test_add_func ("/app/presenter/fallback", test_presenter_fallback);
  g_test_add_func ("/app/presenter/help-overlay", test_presenter_help_overlay);

  return g_test_run ();
}
