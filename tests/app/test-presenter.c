#define G_LOG_DOMAIN "test-presenter"

#include "config.h"

#include <string.h>

#include "chrono-caption.h"
#include "chrono-presenter.h"
#include "chrono-presenter-console.h"
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

/* A window showing the file at @path, loaded. */
static ChronoWindow *
open_path (const char *path)
{
  ChronoWindow *window = chrono_window_new (NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gtk_window_present (GTK_WINDOW (window));
  chrono_window_open_file (window, file);
  wait_for (is_idle, window);
  settle ();
  g_assert_nonnull (chrono_session_get_document (chrono_window_get_session (window)));

  return window;
}

/* tests/data/export/@name */
static ChronoWindow *
open_window (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "export", name, NULL);

  return open_path (path);
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

/* Finds the first descendant of @widget of type @type, and with CSS
 * class @css_class when it is not NULL. */
static GtkWidget *
find_child (GtkWidget  *widget,
            GType       type,
            const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (css_class == NULL || gtk_widget_has_css_class (child, css_class)))
        return child;
      found = find_child (child, type, css_class);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* data/examples/@name */
static ChronoWindow *
open_example (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", name, NULL);

  return open_path (path);
}

static ChronoPresenter *
start_presenter (ChronoWindow *window)
{
  ChronoPresenter *presenter;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  settle ();
  presenter = find_presenter ();
  g_assert_nonnull (presenter);

  return presenter;
}

#define count_blue(presenter, slide) count_pixels ((presenter), (slide), -1)

static gboolean
pictures_loaded (gpointer data)
{
  return !chrono_presenter_get_loading_pictures (data);
}

/* How many pixels of slide @slide are of the portrait's blue, or, with
 * @other_than set, of another colour than @other_than. */
static guint
count_pixels (ChronoPresenter *presenter,
              guint            slide,
              gint64           other_than)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1280, 720);
  cairo_t *cr = cairo_create (surface);
  const guint32 *pixels;
  int stride;
  guint n = 0;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  chrono_presenter_draw_slide (presenter, cr, slide, 1280, 720);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixels = (const guint32 *) (gpointer) cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface) / 4;
  for (int y = 0; y < 720; y++)
    for (int x = 0; x < 1280; x++)
      {
        guint32 p = pixels[y * stride + x];
        int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

        if (other_than >= 0)
          n += (p & 0xffffff) != (guint32) other_than;
        else
          n += b > 120 && b > r + 40 && b > g + 40;
      }
  cairo_surface_destroy (surface);
  return n;
}

/* TimelineJS's story with pictures: the pictures come in the
 * background and the slides are drawn again with them; the cover
 * takes the title slide's background picture. */
static void
test_presenter_media (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "media", "story.json", NULL);
  ChronoWindow *window = open_path (path);
  ChronoPresenter *presenter = start_presenter (window);
  guint before, after;

  g_assert_cmpuint (chrono_presenter_get_n_steps (presenter), ==, 9);

  /* The first step is the portrait: asked for at the first frame. */
  before = count_blue (presenter, 1);
  wait_for (pictures_loaded, presenter);
  after = count_blue (presenter, 1);
  g_test_message ("blue pixels: %u before, %u after", before, after);
  g_assert_cmpuint (after, >, before + 2000);

  /* Every step draws, the quote and the link card too. */
  for (guint slide = 2; slide <= 9; slide++)
    count_blue (presenter, slide);
  wait_for (pictures_loaded, presenter);

  /* The cover: the title slide's picture over its colour, which shows
   * alone without pictures. */
  wait_for (pictures_loaded, presenter);
  count_pixels (presenter, 0, 0x1c2a3a);
  wait_for (pictures_loaded, presenter);
  after = count_pixels (presenter, 0, 0x1c2a3a);
  chrono_presenter_set_pictures (presenter, NULL, FALSE);
  before = count_pixels (presenter, 0, 0x1c2a3a);
  g_test_message ("cover pixels not of its colour: %u without pictures, %u with", before, after);
  g_assert_cmpuint (before, <, 1280 * 720 / 4);
  g_assert_cmpuint (after, >, 1280 * 720 / 2);

  chrono_presenter_leave (presenter);
  settle ();
  gtk_window_destroy (GTK_WINDOW (window));
}

/* With the system's animations off the camera jumps; at every step of
 * the example story it frames the current event with the previous
 * step's, so the path so far stays in view. */
static void
test_presenter_reduced_motion (void)
{
  ChronoWindow *window = open_example ("ai-talent.json");
  ChronoDocument *document = chrono_session_get_document (chrono_window_get_session (window));
  ChronoPresenter *presenter = start_presenter (window);
  GtkSettings *settings = gtk_settings_get_default ();
  double start, end, frame_start, frame_end;
  Glide glide = { presenter, document };

  g_object_set (settings, "gtk-enable-animations", FALSE, NULL);
  g_assert_cmpuint (chrono_presenter_get_n_slides (presenter), ==, 14);

  for (guint slide = 1; slide < chrono_presenter_get_n_slides (presenter); slide++)
    {
      const ChronoEvent *event;
      int previous;

      press_key (GTK_WIDGET (presenter), GDK_KEY_Right);
      g_assert_cmpuint (chrono_presenter_get_slide (presenter), ==, slide);

      /* No glide: the camera is there at once. */
      chrono_presenter_get_visible (presenter, &start, &end);
      chrono_presenter_get_frame (presenter, slide, &frame_start, &frame_end);
      g_assert_cmpfloat (start, ==, frame_start);
      g_assert_cmpfloat (end, ==, frame_end);

      event = chrono_document_get_event (document, chrono_presenter_get_event (presenter));
      g_assert_cmpfloat (start, <, (double) event->start.time);
      g_assert_cmpfloat (end, >, (double) event->start.time);
      previous = chrono_presenter_get_previous_event (presenter);
      if (slide > 1)
        {
          g_assert_cmpint (previous, >=, 0);
          g_assert_cmpfloat (start, <, (double) chrono_document_get_event (document, previous)->start.time);
          g_assert_cmpfloat (end, >, (double) chrono_document_get_event (document, previous)->start.time);
        }
      else
        g_assert_cmpint (previous, ==, -1);
    }

  /* With animations on, the camera glides: not there at once, there
   * after a while. */
  g_object_set (settings, "gtk-enable-animations", TRUE, NULL);
  press_key (GTK_WIDGET (presenter), GDK_KEY_Home);
  chrono_presenter_get_visible (presenter, &start, &end);
  chrono_presenter_get_frame (presenter, 0, &frame_start, &frame_end);
  g_assert_true (start != frame_start || end != frame_end);
  wait_for (camera_arrived, &glide);

  press_key (GTK_WIDGET (presenter), GDK_KEY_Escape);
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

/* The autoplay button shows what a press does, and says it; the
 * interval has its unit. */
static void
test_presenter_autoplay (void)
{
  ChronoWindow *window = open_window ("story.json");
  ChronoPresenter *presenter = start_presenter (window);
  GtkWidget *button = find_child (GTK_WIDGET (presenter), GTK_TYPE_TOGGLE_BUTTON, NULL);
  GtkWidget *spin = find_child (GTK_WIDGET (presenter), GTK_TYPE_SPIN_BUTTON, NULL);

  g_assert_nonnull (button);
  g_assert_nonnull (spin);
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (button)), ==, "media-playback-start-symbolic");
  gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL, "Start Autoplay");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "8 s");

  press_key (GTK_WIDGET (presenter), GDK_KEY_p);
  g_assert_true (chrono_presenter_get_autoplay (presenter));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (button)), ==, "media-playback-pause-symbolic");
  gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL, "Pause Autoplay");

  /* The button itself stops it. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), FALSE);
  g_assert_false (chrono_presenter_get_autoplay (presenter));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (button)), ==, "media-playback-start-symbolic");

  chrono_presenter_set_interval (presenter, 12);
  settle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "12 s");

  press_key (GTK_WIDGET (presenter), GDK_KEY_Escape);
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

static gboolean
is_allocated (gpointer data)
{
  return gtk_widget_get_width (data) > 100 && gtk_widget_get_mapped (data);
}

/* The controls have moved off the cover's corner into the card's foot. */
static gboolean
controls_moved (gpointer data)
{
  GtkWidget *revealer = data;
  graphene_rect_t bounds;

  return gtk_widget_compute_bounds (revealer, gtk_widget_get_parent (revealer), &bounds) &&
         bounds.origin.x + bounds.size.width < gtk_widget_get_width (gtk_widget_get_parent (revealer)) - 60;
}

/* The controls sit in the card's foot, never over the timeline and its
 * axis. */
static void
test_presenter_controls (void)
{
  ChronoWindow *window = open_window ("story.json");
  ChronoPresenter *presenter = start_presenter (window);
  GtkWidget *canvas = gtk_widget_get_parent (find_child (GTK_WIDGET (presenter), GTK_TYPE_REVEALER, NULL));
  GtkWidget *revealer = find_child (GTK_WIDGET (presenter), GTK_TYPE_REVEALER, NULL);
  ChronoCaptionRegions regions;
  graphene_rect_t bounds;
  ChronoStyle style;
  int width, height;

  press_key (GTK_WIDGET (presenter), GDK_KEY_Right);
  wait_for (is_allocated, canvas);
  gtk_revealer_set_reveal_child (GTK_REVEALER (revealer), TRUE);
  wait_for (controls_moved, revealer);
  width = gtk_widget_get_width (canvas);
  height = gtk_widget_get_height (canvas);
  chrono_style_init_light (&style, chrono_caption_get_scale (width, height));
  chrono_caption_get_regions (&style, width, height, &regions);

  g_assert_true (gtk_widget_compute_bounds (revealer, canvas, &bounds));
  g_test_message ("controls at %g,%g %gx%g in %dx%d; card from %g,%g",
                  bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height,
                  width, height, regions.card.x, regions.card.y);
  g_assert_cmpfloat (bounds.origin.x, >=, regions.card.x);
  g_assert_cmpfloat (bounds.origin.y, >=, regions.card.y);
  g_assert_cmpfloat (bounds.origin.y, >=, regions.footer.y - 1);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, height);

  press_key (GTK_WIDGET (presenter), GDK_KEY_Escape);
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

/* N shows the presenter view with the step's notes; N again hides it. */
static void
test_presenter_notes (void)
{
  ChronoWindow *window = open_window ("story.json");
  ChronoPresenter *presenter = start_presenter (window);
  GtkWindow *console;
  GtkWidget *notes;

  /* One monitor under Xvfb: no presenter view until asked for. */
  g_assert_null (chrono_presenter_get_console (presenter));
  press_key (GTK_WIDGET (presenter), GDK_KEY_n);
  console = chrono_presenter_get_console (presenter);
  g_assert_nonnull (console);
  notes = find_child (GTK_WIDGET (console), GTK_TYPE_LABEL, "notes");
  g_assert_nonnull (notes);

  /* The cover and "fourth" have no notes; "first" has. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (notes)), ==, "No notes for this step");
  press_key (GTK_WIDGET (presenter), GDK_KEY_Right);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (notes)), ==, "No notes for this step");
  /* The presenter view answers to the same keys. */
  press_key (GTK_WIDGET (console), GDK_KEY_Right);
  g_assert_cmpuint (chrono_presenter_get_slide (presenter), ==, 2);
  g_assert_cmpstr (chrono_presenter_get_notes (presenter, 2), ==, "Say where it all starts.");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (notes)), ==, "Say where it all starts.");

  press_key (GTK_WIDGET (console), GDK_KEY_n);
  g_assert_null (chrono_presenter_get_console (presenter));

  /* Leaving closes the presenter view too. */
  press_key (GTK_WIDGET (presenter), GDK_KEY_n);
  g_assert_nonnull (chrono_presenter_get_console (presenter));
  press_key (GTK_WIDGET (presenter), GDK_KEY_Escape);
  settle ();
  for (guint i = 0; i < g_list_model_get_n_items (gtk_window_get_toplevels ()); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (gtk_window_get_toplevels (), i);

      g_assert_false (CHRONO_IS_PRESENTER_CONSOLE (toplevel));
    }

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
  /* The test AT context records the autoplay button's name. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/app/presenter/story", test_presenter_story);
  g_test_add_func ("/app/presenter/media", test_presenter_media);
  g_test_add_func ("/app/presenter/fallback", test_presenter_fallback);
  g_test_add_func ("/app/presenter/reduced-motion", test_presenter_reduced_motion);
  g_test_add_func ("/app/presenter/autoplay", test_presenter_autoplay);
  g_test_add_func ("/app/presenter/controls", test_presenter_controls);
  g_test_add_func ("/app/presenter/notes", test_presenter_notes);
  g_test_add_func ("/app/presenter/help-overlay", test_presenter_help_overlay);

  return g_test_run ();
}
