/* chrono-presenter.c: the full-screen presentation
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-presenter"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "chrono-caption.h"
#include "chrono-a11y.h"
#include "chrono-export.h"
#include "chrono-presenter.h"
#include "chrono-presenter-console.h"
#include "chrono-presenter-private.h"
#include "chrono-span-glide.h"
#include "chrono-story.h"
#include "chrono-style.h"

/* How long the camera takes to glide to a step, in milliseconds. */
#define GLIDE_DURATION_MS 600
/* Idle time before the controls and the pointer hide, in seconds. */
#define CONTROLS_TIMEOUT 3

struct _ChronoPresenter
{
  AdwWindow        parent_instance;

  /* Template */
  GtkOverlay      *overlay;
  GtkDrawingArea  *canvas;
  GtkRevealer     *controls_revealer;
  GtkToggleButton *autoplay_button;
  GtkSpinButton   *interval_spin;

  ChronoSession   *session;
  ChronoDocument  *document;
  GArray          *steps;
  /* 0 is the cover, n the step n - 1. */
  guint            slide;

  /* The camera, and its glide. */
  double           start;
  double           end;
  ChronoSpanGlide *glide;

  gboolean         autoplay;
  guint            interval;
  guint            autoplay_id;
  guint            hide_controls_id;

  ChronoPresenterConsole *console;
  gint64           start_time;

  /* Pictures: drawn from the cache when they are in it, else asked for
   * and drawn when they come (a frame must not wait for a decode). */
  ChronoImageCache *image_cache;
  gboolean         allow_web;
  GHashTable      *pictures_pending;  /* sources being loaded */
  GHashTable      *pictures_failed;   /* sources that could not be */
  GCancellable    *pictures_cancellable;
};

G_DEFINE_FINAL_TYPE (ChronoPresenter, chrono_presenter, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SLIDE,
  PROP_AUTOPLAY,
  PROP_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PICTURES_LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
init_style (ChronoStyle *style,
            double       width,
            double       height)
{
  double scale = chrono_caption_get_scale (width, height);

  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    chrono_style_init_dark (style, scale);
  else
    chrono_style_init_light (style, scale);
}

static void
on_glide (double   start,
          double   end,
          gpointer user_data)
{
  ChronoPresenter *self = user_data;

  self->start = start;
  self->end = end;
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* The canvas has the focus: a new name is read out at each slide, since
 * GTK 4.8 has no announcements of its own (see chrono_a11y_announce()). */
static void
announce_slide (ChronoPresenter *self)
{
  g_autofree char *label = NULL;
  int event = chrono_presenter_get_event (self);

  if (self->document == NULL)
    return;

  if (event < 0)
    {
      /* Translators: the presentation read by a screen reader on its
       * cover: "Title page: Andrej Karpathy and the race for AI talent" */
      label = g_strdup_printf (_("Title page: %s"), chrono_document_get_title (self->document));
    }
  else
    {
      g_autofree char *what = chrono_a11y_describe_event (self->document,
                                                          chrono_document_get_event (self->document, event));

      /* Translators: the presentation read by a screen reader at each step:
       * "Step 3 of 12: OpenAI is founded, 11 December 2015, OpenAI lane" */
      label = g_strdup_printf (_("Step %u of %u: %s"), self->slide, self->steps->len, what);
    }
  chrono_a11y_set_label (GTK_WIDGET (self->canvas), label);
}

static void
glide_to_slide (ChronoPresenter *self,
                gboolean         animate)
{
  double to_start, to_end;

  if (self->document == NULL)
    return;

  announce_slide (self);
  chrono_presenter_get_frame (self, self->slide, &to_start, &to_end);

  if (!animate || self->end <= self->start)
    {
      chrono_span_glide_stop (self->glide);
      on_glide (to_start, to_end, self);
      return;
    }

  /* Jumps at once when the system reduces animation. */
  chrono_span_glide_start (self->glide, self->start, self->end, to_start, to_end,
                           GLIDE_DURATION_MS, ADW_EASE_IN_OUT_CUBIC);
}

static void
update_steps (ChronoPresenter *self)
{
  g_clear_pointer (&self->steps, g_array_unref);
  g_set_object (&self->document, chrono_session_get_document (self->session));
  self->steps = chrono_story_get_steps (self->document, chrono_session_get_filter (self->session));
  self->slide = MIN (self->slide, self->steps->len);
}

/* The slides' options at the presenter's palette: the cover is drawn by
 * the slides' own code. */
static void
init_slide_options (ChronoPresenter     *self,
                    ChronoExportOptions *options)
{
  chrono_export_options_init (options);
  options->format = CHRONO_EXPORT_FORMAT_PDF;
  options->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  options->filter = chrono_session_get_filter (self->session);
}

/* The size pictures are decoded at for the screen: the presentation is
 * full screen, and a card's picture is at most as wide as it. */
#define SCREEN_PICTURE_SIZE 1600

typedef struct
{
  ChronoPresenter *self;
  char            *source;
} PictureLoad;

static void
on_picture_loaded (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PictureLoad *load = user_data;
  g_autoptr(ChronoPresenter) self = load->self;
  g_autofree char *source = load->source;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  g_free (load);
  surface = chrono_image_cache_load_finish (CHRONO_IMAGE_CACHE (object), result, &error);
  if (self->pictures_pending == NULL)
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      return;
    }
  g_hash_table_remove (self->pictures_pending, source);
  if (surface == NULL)
    {
      /* Not asked for again at every frame; the slide keeps its
       * caption and text. */
      g_hash_table_add (self->pictures_failed, g_steal_pointer (&source));
      g_debug ("no picture on the slide: %s", error->message);
      return;
    }
  cairo_surface_destroy (surface);
  if (self->canvas != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  g_signal_emit (self, signals[PICTURES_LOADED], 0);
}

/* ChronoExportPictureFunc: the picture if it is in memory; otherwise
 * it is asked for once, and the slide is drawn again when it comes. */
static cairo_surface_t *
get_picture (ChronoDocument *document,
             const char     *url,
             int             size,
             gpointer        user_data)
{
  ChronoPresenter *self = user_data;
  g_autofree char *source = NULL;
  cairo_surface_t *surface;
  PictureLoad *load;

  if (self->image_cache == NULL || self->pictures_pending == NULL)
    return NULL;
  source = chrono_document_resolve_media (document, url, NULL);
  if (source == NULL)
    return NULL;
  surface = chrono_image_cache_lookup (self->image_cache, source,
                                       SCREEN_PICTURE_SIZE, SCREEN_PICTURE_SIZE);
  if (surface != NULL || g_hash_table_contains (self->pictures_pending, source) ||
      g_hash_table_contains (self->pictures_failed, source))
    return surface;

  g_hash_table_add (self->pictures_pending, g_strdup (source));
  load = g_new0 (PictureLoad, 1);
  load->self = g_object_ref (self);
  load->source = g_steal_pointer (&source);
  chrono_image_cache_load_async (self->image_cache, load->source, SCREEN_PICTURE_SIZE,
                                 SCREEN_PICTURE_SIZE, self->allow_web, self->pictures_cancellable,
                                 on_picture_loaded, load);
  return NULL;
}

/* Draws slide @slide with the camera at [@start, @end). */
static void
draw_slide_at (ChronoPresenter *self,
               cairo_t         *cr,
               guint            slide,
               double           start,
               double           end,
               double           width,
               double           height)
{
  ChronoStyle style;

  init_style (&style, width, height);

  if (self->document == NULL || self->steps->len == 0)
    {
      ChronoCaptionCover cover = {
        .title = self->document != NULL ? chrono_document_get_title (self->document) : "",
        .subtitle = _("There are no events to present"),
      };

      chrono_caption_draw_cover (cr, &style, &cover, width, height);
      return;
    }

  if (slide == 0)
    {
      ChronoExportOptions options;

      init_slide_options (self, &options);
      chrono_export_draw_slide_with_pictures (cr, self->document, &options, self->steps, 0,
                                              width, height, get_picture, self);
    }
  else
    {
      guint event = g_array_index (self->steps, guint, slide - 1);
      const ChronoMedia *from = chrono_document_get_event_media (self->document, event);
      const char *picture = from == NULL ? NULL
                            : from->kind == CHRONO_MEDIA_IMAGE ? from->url : from->thumbnail;
      cairo_surface_t *image = picture != NULL ? get_picture (self->document, picture, 0, self) : NULL;
      ChronoCaptionMedia media;
      ChronoCaptionStep step = {
        .document = self->document,
        .filter = chrono_session_get_filter (self->session),
        .event = g_array_index (self->steps, guint, slide - 1),
        .previous = chrono_story_get_previous (self->steps, slide - 1),
        .step = slide - 1,
        .n_steps = self->steps->len,
        .start = start,
        .end = end,
      };

      if (chrono_caption_media_init (&media, from, image))
        step.media = &media;
      chrono_caption_draw_step (cr, &style, &step, width, height);
      g_clear_pointer (&image, cairo_surface_destroy);
    }
}

static void
draw_canvas (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  ChronoPresenter *self = CHRONO_PRESENTER (user_data);

  draw_slide_at (self, cr, self->slide, self->start, self->end, width, height);
}

/* The controls sit in the card's foot, beside the progress: never over
 * the timeline's axis or lanes.  On the cover, at the bottom right. */
static gboolean
on_get_child_position (GtkOverlay      *overlay,
                       GtkWidget       *widget,
                       GdkRectangle    *allocation,
                       ChronoPresenter *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (overlay));
  int height = gtk_widget_get_height (GTK_WIDGET (overlay));
  ChronoCaptionRegions regions;
  ChronoStyle style;
  int min_width, min_height;
  int margin;

  if (widget != GTK_WIDGET (self->controls_revealer))
    return FALSE;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, min_width, &min_height, NULL, NULL, NULL);

  init_style (&style, width, height);
  chrono_caption_get_regions (&style, width, height, &regions);
  margin = (int) MIN (chrono_style_px (&style, 28), regions.footer.width / 10);

  allocation->width = min_width;
  allocation->height = min_height;
  if (self->slide == 0 || self->steps->len == 0)
    {
      allocation->x = width - min_width - margin;
      allocation->y = height - min_height - margin;
    }
  else
    {
      allocation->x = (int) regions.footer.x + margin;
      allocation->y = (int) (regions.footer.y + (regions.footer.height - min_height) / 2);
    }
  allocation->x = MAX (0, allocation->x);
  allocation->y = MAX (0, allocation->y);

  return TRUE;
}

/* Autoplay */

static gboolean
autoplay_tick (gpointer user_data)
{
  ChronoPresenter *self = CHRONO_PRESENTER (user_data);

  if (self->slide < self->steps->len)
    {
      chrono_presenter_set_slide (self, self->slide + 1);
      return G_SOURCE_CONTINUE;
    }

  /* The end of the talk: stop rather than loop. */
  self->autoplay_id = 0;
  chrono_presenter_set_autoplay (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
restart_autoplay (ChronoPresenter *self)
{
  g_clear_handle_id (&self->autoplay_id, g_source_remove);
  if (self->autoplay)
    self->autoplay_id = g_timeout_add_seconds (self->interval, autoplay_tick, self);
}

/* The button shows what a press does: pause while playing. */
static void
update_autoplay_button (ChronoPresenter *self)
{
  const char *label = self->autoplay ? _("Pause Autoplay") : _("Start Autoplay");
  g_autofree char *tooltip = g_strdup_printf ("%s (P)", label);

  gtk_button_set_icon_name (GTK_BUTTON (self->autoplay_button),
                            self->autoplay ? "media-playback-pause-symbolic"
                                           : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->autoplay_button), tooltip);
  chrono_a11y_set_label (GTK_WIDGET (self->autoplay_button), label);
}

/* "8 s": the interval with its unit. */
static gboolean
on_interval_output (GtkSpinButton *spin,
                    gpointer       user_data)
{
  g_autofree char *text = NULL;
  guint seconds = (guint) gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));

  /* Translators: seconds per step in autoplay, "8 s" */
  text = g_strdup_printf (_("%u s"), seconds);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

/* Reads the number back, with or without its unit. */
static int
on_interval_input (GtkSpinButton *spin,
                   double        *value,
                   gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);

  if (end == text)
    return GTK_INPUT_ERROR;

  *value = v;
  return TRUE;
}

/* Controls show while the pointer moves or a key is pressed. */

static gboolean
hide_controls (gpointer user_data)
{
  ChronoPresenter *self = CHRONO_PRESENTER (user_data);

  self->hide_controls_id = 0;
  /* Not while the interval is being typed. */
  if (gtk_widget_has_focus (GTK_WIDGET (self->interval_spin)) ||
      gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (self)), GTK_WIDGET (self->interval_spin)))
    {
      self->hide_controls_id = g_timeout_add_seconds (CONTROLS_TIMEOUT, hide_controls, self);
      return G_SOURCE_REMOVE;
    }

  gtk_revealer_set_reveal_child (self->controls_revealer, FALSE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->canvas), "none");

  return G_SOURCE_REMOVE;
}

static void
show_controls (ChronoPresenter *self)
{
  gtk_revealer_set_reveal_child (self->controls_revealer, TRUE);
  gtk_widget_set_cursor (GTK_WIDGET (self->canvas), NULL);
  g_clear_handle_id (&self->hide_controls_id, g_source_remove);
  self->hide_controls_id = g_timeout_add_seconds (CONTROLS_TIMEOUT, hide_controls, self);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           ChronoPresenter          *self)
{
  show_controls (self);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                ChronoPresenter       *self)
{
  show_controls (self);
  return GDK_EVENT_PROPAGATE;
}

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  ChronoPresenter *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
  if (button == GDK_BUTTON_SECONDARY)
    {
      if (self->slide > 0)
        chrono_presenter_set_slide (self, self->slide - 1);
    }
  else
    chrono_presenter_set_slide (self, self->slide + 1);

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           ChronoPresenter          *self)
{
  if (dy > 0)
    chrono_presenter_set_slide (self, self->slide + 1);
  else if (dy < 0 && self->slide > 0)
    chrono_presenter_set_slide (self, self->slide - 1);

  return GDK_EVENT_STOP;
}

static void
on_document_changed (ChronoPresenter *self)
{
  if (chrono_session_get_document (self->session) == NULL)
    {
      chrono_presenter_leave (self);
      return;
    }

  /* A reload: the same talk, from the same slide where possible. */
  update_steps (self);
  glide_to_slide (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLIDE]);
}

/* Actions */

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChronoPresenter *self = CHRONO_PRESENTER (widget);

  chrono_presenter_set_slide (self, self->slide + 1);
  restart_autoplay (self);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ChronoPresenter *self = CHRONO_PRESENTER (widget);

  if (self->slide > 0)
    chrono_presenter_set_slide (self, self->slide - 1);
  restart_autoplay (self);
}

static void
first_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  chrono_presenter_set_slide (CHRONO_PRESENTER (widget), 0);
}

static void
last_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  chrono_presenter_set_slide (CHRONO_PRESENTER (widget), G_MAXUINT);
}

static void
toggle_autoplay_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ChronoPresenter *self = CHRONO_PRESENTER (widget);

  chrono_presenter_set_autoplay (self, !self->autoplay);
}

static void
toggle_console_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ChronoPresenter *self = CHRONO_PRESENTER (widget);

  chrono_presenter_set_console_visible (self, self->console == NULL);
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  chrono_presenter_leave (CHRONO_PRESENTER (widget));
}

/* GObject */

static void
chrono_presenter_dispose (GObject *object)
{
  ChronoPresenter *self = CHRONO_PRESENTER (object);

  g_clear_handle_id (&self->autoplay_id, g_source_remove);
  g_clear_handle_id (&self->hide_controls_id, g_source_remove);
  g_clear_pointer (&self->glide, chrono_span_glide_free);
  g_cancellable_cancel (self->pictures_cancellable);
  g_clear_object (&self->pictures_cancellable);
  g_clear_object (&self->image_cache);
  g_clear_pointer (&self->pictures_pending, g_hash_table_unref);
  g_clear_pointer (&self->pictures_failed, g_hash_table_unref);
  if (self->console != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->console, self);
      gtk_window_destroy (GTK_WINDOW (self->console));
      self->console = NULL;
    }

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->document);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONO_TYPE_PRESENTER);

  G_OBJECT_CLASS (chrono_presenter_parent_class)->dispose (object);
}

static void
chrono_presenter_finalize (GObject *object)
{
  ChronoPresenter *self = CHRONO_PRESENTER (object);

  g_clear_pointer (&self->steps, g_array_unref);

  G_OBJECT_CLASS (chrono_presenter_parent_class)->finalize (object);
}

static void
chrono_presenter_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ChronoPresenter *self = CHRONO_PRESENTER (object);

  switch (prop_id)
    {
    case PROP_SLIDE:
      g_value_set_uint (value, self->slide);
      break;
    case PROP_AUTOPLAY:
      g_value_set_boolean (value, self->autoplay);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_presenter_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ChronoPresenter *self = CHRONO_PRESENTER (object);

  switch (prop_id)
    {
    case PROP_SLIDE:
      chrono_presenter_set_slide (self, g_value_get_uint (value));
      break;
    case PROP_AUTOPLAY:
      chrono_presenter_set_autoplay (self, g_value_get_boolean (value));
      break;
    case PROP_INTERVAL:
      chrono_presenter_set_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_presenter_class_init (ChronoPresenterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chrono_presenter_dispose;
  object_class->finalize = chrono_presenter_finalize;
  object_class->get_property = chrono_presenter_get_property;
  object_class->set_property = chrono_presenter_set_property;

  properties[PROP_SLIDE] =
    g_param_spec_uint ("slide", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTOPLAY] =
    g_param_spec_boolean ("autoplay", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 2, 120, 8,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ChronoPresenter::pictures-loaded:
   *
   * A slide's picture came: the presenter view draws its previews again.
   */
  signals[PICTURES_LOADED] =
    g_signal_new ("pictures-loaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "presenter.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "presenter.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "presenter.first", NULL, first_action);
  gtk_widget_class_install_action (widget_class, "presenter.last", NULL, last_action);
  gtk_widget_class_install_action (widget_class, "presenter.toggle-autoplay", NULL, toggle_autoplay_action);
  gtk_widget_class_install_action (widget_class, "presenter.toggle-console", NULL, toggle_console_action);
  gtk_widget_class_install_action (widget_class, "presenter.leave", NULL, leave_action);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/chrono-presenter.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronoPresenter, overlay);
  gtk_widget_class_bind_template_child (widget_class, ChronoPresenter, canvas);
  gtk_widget_class_bind_template_child (widget_class, ChronoPresenter, controls_revealer);
  gtk_widget_class_bind_template_child (widget_class, ChronoPresenter, autoplay_button);
  gtk_widget_class_bind_template_child (widget_class, ChronoPresenter, interval_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_get_child_position);
  gtk_widget_class_bind_template_callback (widget_class, on_interval_output);
  gtk_widget_class_bind_template_callback (widget_class, on_interval_input);
}

static const struct {
  guint keyval;
  const char *action;
} keys[] = {
  { GDK_KEY_Right, "presenter.next" },
  { GDK_KEY_space, "presenter.next" },
  { GDK_KEY_Page_Down, "presenter.next" },
  { GDK_KEY_KP_Page_Down, "presenter.next" },
  { GDK_KEY_Down, "presenter.next" },
  { GDK_KEY_Return, "presenter.next" },
  { GDK_KEY_Left, "presenter.previous" },
  { GDK_KEY_Page_Up, "presenter.previous" },
  { GDK_KEY_KP_Page_Up, "presenter.previous" },
  { GDK_KEY_Up, "presenter.previous" },
  { GDK_KEY_BackSpace, "presenter.previous" },
  { GDK_KEY_Home, "presenter.first" },
  { GDK_KEY_End, "presenter.last" },
  { GDK_KEY_p, "presenter.toggle-autoplay" },
  { GDK_KEY_n, "presenter.toggle-console" },
  { GDK_KEY_Escape, "presenter.leave" },
  { GDK_KEY_F5, "presenter.leave" },
};

static gboolean
run_presenter_action (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  ChronoPresenter *self = g_object_get_data (G_OBJECT (widget), "chrono-presenter");
  const char *action = user_data;

  return self != NULL && gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
}

void
_chrono_presenter_add_keys (ChronoPresenter *self,
                            GtkWidget       *widget)
{
  GtkEventController *controller;

  /* Keys go through a controller in the capture phase: the window's own
   * bindings (arrows move the focus) must not see them first.
   * Presentation clickers send Page Up and Page Down.  The presenter
   * view answers to the same keys, for the presentation. */
  g_object_set_data (G_OBJECT (widget), "chrono-presenter", self);
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].keyval, 0),
                                                            gtk_callback_action_new (run_presenter_action,
                                                                                     (gpointer) keys[i].action,
                                                                                     NULL)));
  gtk_widget_add_controller (widget, controller);
}

static void
chrono_presenter_init (ChronoPresenter *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->interval = 8;
  self->start_time = g_get_monotonic_time ();
  self->pictures_pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pictures_failed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pictures_cancellable = g_cancellable_new ();
  self->steps = g_array_new (FALSE, FALSE, sizeof (guint));

  gtk_widget_init_template (GTK_WIDGET (self));
  chrono_a11y_fix_names (GTK_WIDGET (self));

  self->glide = chrono_span_glide_new (GTK_WIDGET (self->canvas), on_glide, self);
  gtk_drawing_area_set_draw_func (self->canvas, draw_canvas, self, NULL);

  _chrono_presenter_add_keys (self, GTK_WIDGET (self));

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL |
                                                GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_object_bind_property (self, "autoplay", self->autoplay_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "interval", self->interval_spin, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect (self, "notify::autoplay", G_CALLBACK (update_autoplay_button), NULL);
  update_autoplay_button (self);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self->canvas, G_CONNECT_SWAPPED);
}

ChronoPresenter *
chrono_presenter_new (GtkWindow     *parent,
                      ChronoSession *session)
{
  ChronoPresenter *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CHRONO_IS_SESSION (session), NULL);

  self = g_object_new (CHRONO_TYPE_PRESENTER, NULL);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
    }

  self->session = g_object_ref (session);
  g_signal_connect_swapped (session, "notify::document", G_CALLBACK (on_document_changed), self);
  update_steps (self);

  return self;
}

/* The monitor @window is on, or NULL. */
static GdkMonitor *
get_monitor_of (GtkWindow *window)
{
  GdkSurface *surface;

  if (window == NULL || !gtk_widget_get_realized (GTK_WIDGET (window)))
    return NULL;

  surface = gtk_native_get_surface (GTK_NATIVE (window));
  return surface != NULL ? gdk_display_get_monitor_at_surface (gtk_widget_get_display (GTK_WIDGET (window)),
                                                               surface)
                         : NULL;
}

void
chrono_presenter_start (ChronoPresenter *self)
{
  GListModel *monitors;
  GdkMonitor *own = NULL;
  GdkMonitor *other = NULL;

  g_return_if_fail (CHRONO_IS_PRESENTER (self));

  /* With two monitors, the talk goes on the one the window is not on
   * (the projector) and the presenter view stays with the speaker. */
  monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  if (g_list_model_get_n_items (monitors) >= 2)
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

      own = get_monitor_of (parent);
      for (guint i = 0; i < g_list_model_get_n_items (monitors) && other == NULL; i++)
        {
          g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);

          if (monitor != own)
            other = monitor;
        }
    }

  if (other != NULL)
    gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), other);
  else
    gtk_window_fullscreen (GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));

  self->slide = 0;
  self->start_time = g_get_monotonic_time ();
  glide_to_slide (self, FALSE);
  show_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLIDE]);

  if (other != NULL)
    {
      chrono_presenter_set_console_visible (self, TRUE);
      if (own != NULL)
        gtk_window_fullscreen_on_monitor (GTK_WINDOW (self->console), own);
    }
}

void
chrono_presenter_leave (ChronoPresenter *self)
{
  GtkWindow *parent;

  g_return_if_fail (CHRONO_IS_PRESENTER (self));

  chrono_presenter_set_autoplay (self, FALSE);
  chrono_presenter_set_console_visible (self, FALSE);
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    gtk_window_present (parent);

  gtk_window_destroy (GTK_WINDOW (self));
}

guint
chrono_presenter_get_n_steps (ChronoPresenter *self)
{
  g_return_val_if_fail (CHRONO_IS_PRESENTER (self), 0);

  return self->steps->len;
}

guint
chrono_presenter_get_n_slides (ChronoPresenter *self)
{
  g_return_val_if_fail (CHRONO_IS_PRESENTER (self), 0);

  return self->steps->len + 1;
}

guint
chrono_presenter_get_slide (ChronoPresenter *self)
{
  g_return_val_if_fail (CHRONO_IS_PRESENTER (self), 0);

  return self->slide;
}

void
chrono_presenter_set_slide (ChronoPresenter *self,
                            guint            slide)
{
  g_return_if_fail (CHRONO_IS_PRESENTER (self));

  slide = MIN (slide, self->steps->len);
  if (slide == self->slide)
    return;

  self->slide = slide;
  glide_to_slide (self, TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  /* The controls move between the cover's corner and the card's foot. */
  gtk_widget_queue_allocate (GTK_WIDGET (self->overlay));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLIDE]);
}

int
chrono_presenter_get_event (ChronoPresenter *self)
{
  g_return_val_if_fail (CHRONO_IS_PRESENTER (self), -1);

  if (self->slide == 0 || self->slide > self->steps->len)
    return -1;

  return (int) g_array_index (self->steps, guint, self->slide - 1);
}

int
chrono_presenter_get_previous_event (ChronoPresenter *self)
{
  g_return_val_if_fail (CHRONO_IS_PRESENTER (self), -1);

  if (self->slide == 0)
    return -1;

  return chrono_story_get_previous (self->steps, self->slide - 1);
}

const char *
chrono_presenter_get_notes (ChronoPresenter *self,
                            guint            slide)
{
  g_return_val_if_fail (CHRONO_IS_PRESENTER (self), NULL);

  if (self->document == NULL || slide == 0 || slide > self->steps->len)
    return NULL;

  return chrono_story_find_notes (self->document, g_array_index (self->steps, guint, slide - 1));
}

void
chrono_presenter_get_visible (ChronoPresenter *self,
                              double          *start,
                              double          *end)
{
  g_return_if_fail (CHRONO_IS_PRESENTER (self));

  if (start != NULL)
    *start = self->start;
  if (end != NULL)
    *end = self->end;
}

void
chrono_presenter_get_frame (ChronoPresenter *self,
                            guint            slide,
                            double          *start,
                            double          *end)
{
  ChronoFilter *filter;

  g_return_if_fail (CHRONO_IS_PRESENTER (self));
  g_return_if_fail (start != NULL && end != NULL);

  *start = self->start;
  *end = self->end;
  if (self->document == NULL)
    return;

  filter = chrono_session_get_filter (self->session);
  if (slide == 0 || self->steps->len == 0)
    {
      ChronoExportOptions options;

      /* The cover looks at the whole story, so that the first step
       * zooms into it. */
      chrono_export_options_init (&options);
      options.filter = filter;
      chrono_export_get_span (self->document, &options, start, end);
      return;
    }

  slide = MIN (slide, self->steps->len);
  chrono_story_get_step_frame (self->document, filter, g_array_index (self->steps, guint, slide - 1),
                               chrono_story_get_previous (self->steps, slide - 1), start, end);
}

gboolean
chrono_presenter_get_autoplay (ChronoPresenter *self)
{
  g_return_val_if_fail (CHRONO_IS_PRESENTER (self), FALSE);

  return self->autoplay;
}

void
chrono_presenter_set_autoplay (ChronoPresenter *self,
                               gboolean         autoplay)
{
  g_return_if_fail (CHRONO_IS_PRESENTER (self));

  autoplay = !!autoplay;
  if (autoplay == self->autoplay)
    return;

  self->autoplay = autoplay;
  restart_autoplay (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOPLAY]);
}

guint
chrono_presenter_get_interval (ChronoPresenter *self)
{
  g_return_val_if_fail (CHRONO_IS_PRESENTER (self), 0);

  return self->interval;
}

void
chrono_presenter_set_interval (ChronoPresenter *self,
                               guint            seconds)
{
  g_return_if_fail (CHRONO_IS_PRESENTER (self));

  seconds = CLAMP (seconds, 2, 120);
  if (seconds == self->interval)
    return;

  self->interval = seconds;
  restart_autoplay (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

void
chrono_presenter_draw_slide (ChronoPresenter *self,
                             cairo_t         *cr,
                             guint            slide,
                             double           width,
                             double           height)
{
  double start, end;

  g_return_if_fail (CHRONO_IS_PRESENTER (self));
  g_return_if_fail (cr != NULL);

  chrono_presenter_get_frame (self, slide, &start, &end);
  draw_slide_at (self, cr, MIN (slide, self->steps->len), start, end, width, height);
}

static void
on_console_destroyed (ChronoPresenter *self)
{
  self->console = NULL;
}

void
chrono_presenter_set_console_visible (ChronoPresenter *self,
                                      gboolean         visible)
{
  g_return_if_fail (CHRONO_IS_PRESENTER (self));

  if (visible == (self->console != NULL))
    return;

  if (visible)
    {
      self->console = chrono_presenter_console_new (self);
      g_signal_connect_swapped (self->console, "destroy", G_CALLBACK (on_console_destroyed), self);
      gtk_window_present (GTK_WINDOW (self->console));
    }
  else
    {
      ChronoPresenterConsole *console = g_steal_pointer (&self->console);

      g_signal_handlers_disconnect_by_data (console, self);
      gtk_window_destroy (GTK_WINDOW (console));
    }
}

GtkWindow *
chrono_presenter_get_console (ChronoPresenter *self)
{
  g_return_val_if_fail (CHRONO_IS_PRESENTER (self), NULL);

  return self->console != NULL ? GTK_WINDOW (self->console) : NULL;
}

gint64
chrono_presenter_get_start_time (ChronoPresenter *self)
{
  g_return_val_if_fail (CHRONO_IS_PRESENTER (self), 0);

  return self->start_time;
}

void
chrono_presenter_get_canvas_size (ChronoPresenter *self,
                                  int             *width,
                                  int             *height)
{
  int w, h;

  g_return_if_fail (CHRONO_IS_PRESENTER (self));

  w = gtk_widget_get_width (GTK_WIDGET (self->canvas));
  h = gtk_widget_get_height (GTK_WIDGET (self->canvas));
  if (w <= 1 || h <= 1)
    {
      w = 1280;
      h = 720;
    }
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

/**
 * chrono_presenter_set_pictures:
 * @cache: (nullable): decodes and keeps the slides' pictures
 * @allow_web: whether pictures on the web may be fetched
 *
 * Without a cache, slides show captions and credits but no pictures.
 */
void
chrono_presenter_set_pictures (ChronoPresenter  *self,
                               ChronoImageCache *cache,
                               gboolean          allow_web)
{
  g_return_if_fail (CHRONO_IS_PRESENTER (self));
  g_return_if_fail (cache == NULL || CHRONO_IS_IMAGE_CACHE (cache));

  g_set_object (&self->image_cache, cache);
  self->allow_web = allow_web;
  g_hash_table_remove_all (self->pictures_failed);
  if (self->canvas != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/**
 * chrono_presenter_get_loading_pictures:
 *
 * Returns: whether a slide's picture is still being loaded
 */
gboolean
chrono_presenter_get_loading_pictures (ChronoPresenter *self)
{
  g_return_val_if_fail (CHRONO_IS_PRESENTER (self), FALSE);

  return self->pictures_pending != NULL && g_hash_table_size (self->pictures_pending) > 0;
}
