#define G_LOG_DOMAIN "chrono-presenter"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "chrono-caption.h"
#include "chrono-a11y.h"
#include "chrono-presenter.h"
#include "chrono-story.h"
#include "chrono-style.h"

/* How long the camera takes to glide to a step, in microseconds. */
#define GLIDE_DURATION_US (600 * 1000)
/* Idle time before the controls and the pointer hide, in seconds. */
#define CONTROLS_TIMEOUT 2

struct _ChronoPresenter
{
  AdwWindow        parent_instance;

  /* Template */
  GtkDrawingArea  *canvas;
  GtkRevealer     *controls_revealer;
  GtkToggleButton *autoplay_button;
  GtkSpinButton   *interval_spin;

  ChronoSession   *session;
  ChronoDocument  *document;
  GArray          *steps;
  guint            step;

  /* The camera: where it is, and where a glide started and goes. */
  double           start;
  double           end;
  double           from_start;
  double           from_end;
  double           to_start;
  double           to_end;
  gint64           glide_begin;
  guint            tick_id;

  gboolean         autoplay;
  guint            interval;
  guint            autoplay_id;
  guint            hide_controls_id;
};

G_DEFINE_FINAL_TYPE (ChronoPresenter, chrono_presenter, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STEP,
  PROP_AUTOPLAY,
  PROP_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static double
ease_in_out_cubic (double t)
{
  t = CLAMP (t, 0.0, 1.0);
  return t < 0.5 ? 4 * t * t * t : 1 - pow (-2 * t + 2, 3) / 2;
}

/* Between two spans, the centre moves evenly and the duration
 * geometrically, so that a zoom looks as even as a pan. */
static void
interpolate (ChronoPresenter *self,
             double           t)
{
  double c0 = (self->from_start + self->from_end) / 2;
  double c1 = (self->to_start + self->to_end) / 2;
  double d0 = MAX (self->from_end - self->from_start, 1e-3);
  double d1 = MAX (self->to_end - self->to_start, 1e-3);
  double c = c0 + (c1 - c0) * t;
  double d = d0 * pow (d1 / d0, t);

  self->start = c - d / 2;
  self->end = c + d / 2;
}

static gboolean
glide_tick (GtkWidget     *widget,
            GdkFrameClock *frame_clock,
            gpointer       user_data)
{
  ChronoPresenter *self = CHRONO_PRESENTER (user_data);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  double t;

  if (self->glide_begin == 0)
    self->glide_begin = now;

  t = (double) (now - self->glide_begin) / GLIDE_DURATION_US;
  interpolate (self, ease_in_out_cubic (t));
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));

  if (t >= 1.0)
    {
      self->start = self->to_start;
      self->end = self->to_end;
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/* The canvas has the focus: a new name is read out at each step, since
 * GTK 4.8 has no announcements of its own (see chrono_a11y_announce()). */
static void
announce_step (ChronoPresenter *self,
               guint            event)
{
  g_autofree char *what = NULL;
  g_autofree char *label = NULL;

  if (event >= chrono_document_get_n_events (self->document))
    return;

  what = chrono_a11y_describe_event (self->document, chrono_document_get_event (self->document, event));
  /* Translators: the presentation read by a screen reader at each step:
   * "Step 3 of 12: OpenAI is founded, 11 December 2015, OpenAI lane" */
  label = g_strdup_printf (_("Step %u of %u: %s"), self->step + 1, self->steps->len, what);
  chrono_a11y_set_label (GTK_WIDGET (self->canvas), label);
}

static void
glide_to_step (ChronoPresenter *self,
               gboolean         animate)
{
  guint event;

  if (self->steps->len == 0)
    return;

  event = g_array_index (self->steps, guint, self->step);
  announce_step (self, event);
  chrono_story_get_frame (self->document, chrono_session_get_filter (self->session),
                          event, &self->to_start, &self->to_end);

  if (!animate || !gtk_widget_get_mapped (GTK_WIDGET (self->canvas)) ||
      self->end <= self->start)
    {
      if (self->tick_id != 0)
        gtk_widget_remove_tick_callback (GTK_WIDGET (self->canvas), self->tick_id);
      self->tick_id = 0;
      self->start = self->to_start;
      self->end = self->to_end;
      gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
      return;
    }

  self->from_start = self->start;
  self->from_end = self->end;
  self->glide_begin = 0;
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->canvas), glide_tick, self, NULL);
}

static void
update_steps (ChronoPresenter *self)
{
  g_clear_pointer (&self->steps, g_array_unref);
  g_set_object (&self->document, chrono_session_get_document (self->session));
  self->steps = chrono_story_get_steps (self->document, chrono_session_get_filter (self->session));
  if (self->step >= self->steps->len)
    self->step = self->steps->len > 0 ? self->steps->len - 1 : 0;
}

static void
draw_canvas (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  ChronoPresenter *self = CHRONO_PRESENTER (user_data);
  ChronoStyle style;
  double scale = chrono_caption_get_scale (width, height);

  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    chrono_style_init_dark (&style, scale);
  else
    chrono_style_init_light (&style, scale);

  if (self->document == NULL || self->steps->len == 0)
    {
      chrono_caption_draw_title (cr, &style,
                                 self->document != NULL ? chrono_document_get_title (self->document) : "",
                                 _("There are no events to present"), NULL, width, height);
      return;
    }

  chrono_caption_draw_step (cr, &style, self->document, chrono_session_get_filter (self->session),
                            g_array_index (self->steps, guint, self->step),
                            self->step, self->steps->len,
                            self->start, self->end, width, height);
}

/* Autoplay */

static gboolean
autoplay_tick (gpointer user_data)
{
  ChronoPresenter *self = CHRONO_PRESENTER (user_data);

  if (self->step + 1 < self->steps->len)
    {
      chrono_presenter_set_step (self, self->step + 1);
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

/* Controls show while the pointer moves. */

static gboolean
hide_controls (gpointer user_data)
{
  ChronoPresenter *self = CHRONO_PRESENTER (user_data);

  self->hide_controls_id = 0;
  gtk_revealer_set_reveal_child (self->controls_revealer, FALSE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->canvas), "none");

  return G_SOURCE_REMOVE;
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           ChronoPresenter          *self)
{
  gtk_revealer_set_reveal_child (self->controls_revealer, TRUE);
  gtk_widget_set_cursor (GTK_WIDGET (self->canvas), NULL);
  g_clear_handle_id (&self->hide_controls_id, g_source_remove);
  self->hide_controls_id = g_timeout_add_seconds (CONTROLS_TIMEOUT, hide_controls, self);
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
      if (self->step > 0)
        chrono_presenter_set_step (self, self->step - 1);
    }
  else
    chrono_presenter_set_step (self, self->step + 1);

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           ChronoPresenter          *self)
{
  if (dy > 0)
    chrono_presenter_set_step (self, self->step + 1);
  else if (dy < 0 && self->step > 0)
    chrono_presenter_set_step (self, self->step - 1);

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

  /* A reload: the same talk, from the same step where possible. */
  update_steps (self);
  glide_to_step (self, FALSE);
}

/* Actions */

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChronoPresenter *self = CHRONO_PRESENTER (widget);

  chrono_presenter_set_step (self, self->step + 1);
  restart_autoplay (self);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ChronoPresenter *self = CHRONO_PRESENTER (widget);

  if (self->step > 0)
    chrono_presenter_set_step (self, self->step - 1);
  restart_autoplay (self);
}

static void
first_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  chrono_presenter_set_step (CHRONO_PRESENTER (widget), 0);
}

static void
last_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  chrono_presenter_set_step (CHRONO_PRESENTER (widget), G_MAXUINT);
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
  if (self->tick_id != 0 && self->canvas != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->canvas), self->tick_id);
  self->tick_id = 0;

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
    case PROP_STEP:
      g_value_set_uint (value, self->step);
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
    case PROP_STEP:
      chrono_presenter_set_step (self, g_value_get_uint (value));
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

  properties[PROP_STEP] =
    g_param_spec_uint ("step", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTOPLAY] =
    g_param_spec_boolean ("autoplay", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 2, 120, 8,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "presenter.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "presenter.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "presenter.first", NULL, first_action);
  gtk_widget_class_install_action (widget_class, "presenter.last", NULL, last_action);
  gtk_widget_class_install_action (widget_class, "presenter.toggle-autoplay", NULL, toggle_autoplay_action);
  gtk_widget_class_install_action (widget_class, "presenter.leave", NULL, leave_action);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/chrono-presenter.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronoPresenter, canvas);
  gtk_widget_class_bind_template_child (widget_class, ChronoPresenter, controls_revealer);
  gtk_widget_class_bind_template_child (widget_class, ChronoPresenter, autoplay_button);
  gtk_widget_class_bind_template_child (widget_class, ChronoPresenter, interval_spin);
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
  { GDK_KEY_Escape, "presenter.leave" },
  { GDK_KEY_F5, "presenter.leave" },
};

static void
chrono_presenter_init (ChronoPresenter *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->interval = 8;
  self->steps = g_array_new (FALSE, FALSE, sizeof (guint));

  gtk_widget_init_template (GTK_WIDGET (self));
  chrono_a11y_fix_names (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->canvas, draw_canvas, self, NULL);

  /* Keys go through a controller in the capture phase: the window's own
   * bindings (arrows move the focus) must not see them first.
   * Presentation clickers send Page Up and Page Down. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].keyval, 0),
                                                            gtk_named_action_new (keys[i].action)));
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

  /* Start from what the window shows, so the first glide comes from
   * there. */
  chrono_session_get_visible (session, &self->start, &self->end);

  return self;
}

void
chrono_presenter_start (ChronoPresenter *self)
{
  g_return_if_fail (CHRONO_IS_PRESENTER (self));

  gtk_window_fullscreen (GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));

  self->step = 0;
  glide_to_step (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

void
chrono_presenter_leave (ChronoPresenter *self)
{
  GtkWindow *parent;

  g_return_if_fail (CHRONO_IS_PRESENTER (self));

  chrono_presenter_set_autoplay (self, FALSE);
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
chrono_presenter_get_step (ChronoPresenter *self)
{
  g_return_val_if_fail (CHRONO_IS_PRESENTER (self), 0);

  return self->step;
}

void
chrono_presenter_set_step (ChronoPresenter *self,
                           guint            step)
{
  g_return_if_fail (CHRONO_IS_PRESENTER (self));

  if (self->steps->len == 0)
    return;

  step = MIN (step, self->steps->len - 1);
  if (step == self->step)
    return;

  self->step = step;
  glide_to_step (self, TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

int
chrono_presenter_get_event (ChronoPresenter *self)
{
  g_return_val_if_fail (CHRONO_IS_PRESENTER (self), -1);

  if (self->steps->len == 0)
    return -1;

  return (int) g_array_index (self->steps, guint, self->step);
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
