#define G_LOG_DOMAIN "chrono-timeline-view"

#include "config.h"

#include <math.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "chrono-a11y.h"
#include "chrono-edge-hints.h"
#include "chrono-frame-probe.h"
#include "chrono-layout.h"
#include "chrono-layout-warm.h"
#include "chrono-renderer.h"
#include "chrono-span-glide.h"
#include "chrono-timeline-view.h"

#define ZOOM_STEP 2.0
#define ANIMATION_MS 350
#define KINETIC_FRICTION 4.0     /* per second, exponential */
#define KINETIC_MIN_SPEED 30.0   /* pixels per second */
#define WHEEL_PIXELS 48.0
#define MAX_EXPAND_COUNT 60
/* How long the view must rest before its description says the new span. */
#define SETTLE_MS 300

/* From this many events on, a new document's first layout is prepared
 * on a worker thread (chrono-layout-warm.c). */
#define WARM_MIN_EVENTS 50000

struct _ChronoTimelineView
{
  GtkWidget          parent_instance;

  ChronoSession     *session;
  ChronoFilter      *filter;
  ChronoScene       *scene;
  ChronoLayoutCache *cache;
  GCancellable      *warming;   /* while a worker prepares the cache */
  PangoContext      *measure_context;
  GArray            *expanded_lanes;
  ChronoStyle        style;
  /* The counts of events off either end of the view, with the scene. */
  ChronoEdgeIndex   *edge_index;
  ChronoEdgeHints    edge_hints;

  double             scroll_y;
  int                hovered;
  guint              tooltip_source;
  double             pointer_x;
  double             pointer_y;

  /* Animation of the visible span. */
  ChronoSpanGlide   *glide;

  /* Dragging and kinetic panning. */
  double             drag_start;
  double             drag_end;
  double             drag_scroll_y;
  double             drag_last_x;
  gint64             drag_last_time;
  double             velocity;
  guint              kinetic_id;
  gint64             kinetic_last_time;

  /* Pinch. */
  double             zoom_start;
  double             zoom_end;

  /* What a screen reader was last told, to tell it only of changes. */
  char              *accessible_name;
  char              *accessible_description;
  guint              description_source;
  gboolean           dragging;

  /* CHRONOSCOPE_FIRST_FRAME_QUIT: report the first painted frame of a
   * document and quit (bench/measure-first-frame.py). */
  gboolean           first_frame_quit;
};

G_DEFINE_FINAL_TYPE (ChronoTimelineView, chrono_timeline_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
requery_tooltip (gpointer user_data)
{
  ChronoTimelineView *self = user_data;

  self->tooltip_source = 0;
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
}

/* What is under the pointer moved (a new scene, a new size, the view
 * shifted in the window): ask for the tooltip again, once things have
 * settled, so it neither stays where the item was nor names another. */
static void
queue_tooltip_query (ChronoTimelineView *self)
{
  if (self->tooltip_source == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->tooltip_source = g_idle_add (requery_tooltip, self);
}

static void
invalidate (ChronoTimelineView *self)
{
  g_clear_pointer (&self->scene, chrono_scene_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  queue_tooltip_query (self);
}

static void
chrono_timeline_view_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  queue_tooltip_query (CHRONO_TIMELINE_VIEW (widget));
}

static ChronoDocument *
get_document (ChronoTimelineView *self)
{
  return self->session ? chrono_session_get_document (self->session) : NULL;
}

static gboolean
has_document (GtkWidget *widget)
{
  return get_document (CHRONO_TIMELINE_VIEW (widget)) != NULL;
}

static char *
format_time (double   time,
             double   span)
{
  ChronoDate date = { 0 };
  gint64 year;
  int month, day;

  chrono_time_to_civil ((gint64) floor (time), &year, &month, &day, NULL, NULL, NULL, NULL);
  if (span > 5.0 * CHRONO_SECONDS_PER_YEAR)
    chrono_date_init_civil (&date, year, 1, 1, 0, 0, 0, CHRONO_PRECISION_YEAR);
  else if (span > 60.0 * CHRONO_SECONDS_PER_DAY)
    chrono_date_init_civil (&date, year, month, 1, 0, 0, 0, CHRONO_PRECISION_MONTH);
  else
    chrono_date_init_civil (&date, year, month, day, 0, 0, 0, CHRONO_PRECISION_DAY);

  return chrono_date_format (&date);
}

/* The name leads with the selected event, which is what changes as the
 * arrows move, so a screen reader says it on each step (and on a lane
 * change); it is set once per selection, never per animation frame. */
static void
update_accessible_name (ChronoTimelineView *self)
{
  ChronoDocument *document = get_document (self);
  const ChronoEvent *event = NULL;
  g_autofree char *label = NULL;

  if (document != NULL)
    event = chrono_session_get_selected_event (self->session);

  if (document == NULL)
    label = g_strdup (_("Timeline, empty"));
  else if (event != NULL)
    {
      g_autofree char *what = chrono_a11y_describe_event (document, event);

      /* Translators: the timeline's accessible name: the selected event first */
      label = g_strdup_printf (_("%s; timeline"), what);
    }
  else
    label = g_strdup (_("Timeline, no event selected"));

  if (g_strcmp0 (label, self->accessible_name) == 0)
    return;

  g_free (self->accessible_name);
  self->accessible_name = g_steal_pointer (&label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->accessible_name,
                                  -1);
}

/* The span shown and how to use the keys, in the description: it changes
 * on every frame of a zoom, so it is written only once the view has
 * settled (see queue_accessible_description()). */
static void
update_accessible_description (ChronoTimelineView *self)
{
  g_autofree char *description = NULL;
  double start, end;

  if (self->session == NULL || get_document (self) == NULL)
    description = g_strdup (_("Open a timeline to see its events here"));
  else
    {
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      chrono_session_get_visible (self->session, &start, &end);
      from = format_time (start, end - start);
      to = format_time (end, end - start);
      /* Translators: the timeline's accessible description */
      description = g_strdup_printf (_("Showing %s to %s. Left and Right move between events, "
                                       "Up and Down between lanes, plus and minus zoom, "
                                       "Enter zooms to the event. The event list has every event."),
                                     from, to);
    }

  if (g_strcmp0 (description, self->accessible_description) == 0)
    return;

  g_free (self->accessible_description);
  self->accessible_description = g_steal_pointer (&description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->accessible_description,
                                  -1);
}

static gboolean
accessible_description_timeout (gpointer user_data)
{
  ChronoTimelineView *self = user_data;

  /* Still moving: wait for the animation, the fling or the drag to end. */
  if (chrono_span_glide_is_running (self->glide) || self->kinetic_id != 0 || self->dragging)
    return G_SOURCE_CONTINUE;

  self->description_source = 0;
  update_accessible_description (self);

  return G_SOURCE_REMOVE;
}

static void
queue_accessible_description (ChronoTimelineView *self)
{
  /* Restarted by each change: a wheel zoom is many small changes. */
  g_clear_handle_id (&self->description_source, g_source_remove);
  self->description_source = g_timeout_add (SETTLE_MS, accessible_description_timeout, self);
}

static void
on_view_changed (ChronoTimelineView *self)
{
  queue_accessible_description (self);
  invalidate (self);
}

static void
on_selection_changed (ChronoTimelineView *self)
{
  update_accessible_name (self);
  invalidate (self);
}

static void
on_filter_changed (ChronoTimelineView *self)
{
  /* The edge hints count only the events that pass the filter. */
  g_clear_pointer (&self->edge_index, chrono_edge_index_free);
  update_accessible_name (self);
  invalidate (self);
}

static void update_style (ChronoTimelineView *self);

static void
on_cache_warm (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ChronoTimelineView) self = user_data;
  ChronoLayoutCache *cache = chrono_layout_cache_warm_finish (result, NULL);

  if (cache == NULL)
    return;  /* cancelled: another document, or gone */

  chrono_layout_cache_free (self->cache);
  self->cache = cache;
  g_clear_object (&self->warming);
  invalidate (self);
}

/* Lays a large document out once on a worker, so that the main loop
 * never makes a pass over all its events; until then nothing is drawn. */
static void
warm_cache (ChronoTimelineView *self)
{
  ChronoDocument *document = get_document (self);
  ChronoLayoutParams params;
  double start, end;

  if (self->warming != NULL)
    {
      g_cancellable_cancel (self->warming);
      g_clear_object (&self->warming);
    }
  if (document == NULL || chrono_document_get_n_events (document) < WARM_MIN_EVENTS)
    return;

  update_style (self);
  chrono_session_get_visible (self->session, &start, &end);
  chrono_layout_params_init (&params, &self->style, start, end,
                             MAX (gtk_widget_get_width (GTK_WIDGET (self)), 1),
                             MAX (gtk_widget_get_height (GTK_WIDGET (self)), 1));
  params.document = document;
  params.filter = self->filter;
  self->warming = g_cancellable_new ();
  chrono_layout_cache_warm_async (&params, self->warming, on_cache_warm, g_object_ref (self));
}

static void
on_document_changed (ChronoTimelineView *self)
{
  g_clear_pointer (&self->edge_index, chrono_edge_index_free);
  self->hovered = -1;
  self->scroll_y = 0;
  g_array_set_size (self->expanded_lanes, 0);
  warm_cache (self);
  update_accessible_name (self);
  g_clear_handle_id (&self->description_source, g_source_remove);
  update_accessible_description (self);
  invalidate (self);
}

static void
stop_motion (ChronoTimelineView *self)
{
  chrono_span_glide_stop (self->glide);
  if (self->kinetic_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->kinetic_id);
      self->kinetic_id = 0;
    }
}

void
chrono_timeline_view_set_session (ChronoTimelineView *self,
                                  ChronoSession      *session)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_VIEW (self));
  g_return_if_fail (!session || CHRONO_IS_SESSION (session));

  if (self->session == session)
    return;

  stop_motion (self);

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (self->filter, self);
      g_clear_object (&self->filter);
    }

  g_set_object (&self->session, session);

  if (session != NULL)
    {
      self->filter = g_object_ref (chrono_session_get_filter (session));
      g_signal_connect_object (session, "notify::document", G_CALLBACK (on_document_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::start", G_CALLBACK (on_view_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::end", G_CALLBACK (on_view_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::selected", G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->filter, "changed", G_CALLBACK (on_filter_changed), self, G_CONNECT_SWAPPED);
    }

  on_document_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

ChronoSession *
chrono_timeline_view_get_session (ChronoTimelineView *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_VIEW (self), NULL);

  return self->session;
}

/* Colours come from the theme's CSS, so that light, dark and high
 * contrast follow the system; the rest of the style is the renderer's. */
static void
update_style (ChronoTimelineView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkStyleContext *context;
  GdkRGBA rgba;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS

  if (adw_style_manager_get_dark (manager))
    chrono_style_init_dark (&self->style, 1);
  else
    chrono_style_init_light (&self->style, 1);

  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gtk_style_context_get_color (context, &rgba);
  self->style.foreground = (ChronoColor) { rgba.red, rgba.green, rgba.blue, rgba.alpha };
  self->style.dim_foreground = (ChronoColor) { rgba.red, rgba.green, rgba.blue, rgba.alpha * 0.7 };

  if (gtk_style_context_lookup_color (context, "view_bg_color", &rgba))
    {
      self->style.background = (ChronoColor) { rgba.red, rgba.green, rgba.blue, 1 };
      self->style.lane_band[0] = self->style.background;
      self->style.lane_band[1] = chrono_color_mix (self->style.background, self->style.foreground, 0.035);
    }
  if (gtk_style_context_lookup_color (context, "accent_bg_color", &rgba))
    self->style.selection = (ChronoColor) { rgba.red, rgba.green, rgba.blue, 1 };
  if (gtk_style_context_lookup_color (context, "headerbar_bg_color", &rgba))
    self->style.axis_background = (ChronoColor) { rgba.red, rgba.green, rgba.blue, 0.97 };

  if (adw_style_manager_get_high_contrast (manager))
    {
      self->style.dim_foreground = self->style.foreground;
      self->style.lane_separator = chrono_color_with_alpha (self->style.foreground, 0.5);
      self->style.grid_major = chrono_color_with_alpha (self->style.foreground, 0.3);
      self->style.grid_minor = chrono_color_with_alpha (self->style.foreground, 0.15);
    }
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static const ChronoEdgeIndex *
ensure_edge_index (ChronoTimelineView *self)
{
  ChronoDocument *document = get_document (self);

  if (self->edge_index == NULL && document != NULL)
    self->edge_index = chrono_edge_index_new (document, chrono_filter_get_mask (self->filter, document, NULL));

  return self->edge_index;
}

/* The hints at the ends of the axis for the view [@start, @end). */
static void
update_edge_hints (ChronoTimelineView *self,
                   double              start,
                   double              end,
                   double              width)
{
  const ChronoEdgeIndex *index = ensure_edge_index (self);

  chrono_edge_hints_clear (&self->edge_hints);
  if (index != NULL)
    chrono_edge_hints_init (&self->edge_hints, index, start, end, &self->style, self->measure_context,
                            width, chrono_scene_get_axis_height (self->scene));
}

static ChronoScene *
ensure_scene (ChronoTimelineView *self)
{
  ChronoLayoutParams params;
  double start, end;
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->scene != NULL)
    {
      double w, h;

      chrono_scene_get_size (self->scene, &w, &h);
      if (w == width && h == height)
        return self->scene;
      g_clear_pointer (&self->scene, chrono_scene_unref);
    }

  if (width <= 0 || height <= 0 || self->warming != NULL)
    return NULL;

  update_style (self);

  if (self->session != NULL)
    chrono_session_get_visible (self->session, &start, &end);
  else
    start = 0, end = CHRONO_SECONDS_PER_YEAR;

  chrono_layout_params_init (&params, &self->style, start, end, width, height);
  params.document = get_document (self);
  params.filter = self->filter;
  params.scroll_y = self->scroll_y;
  params.expanded_lanes = (const guint *) (gpointer) self->expanded_lanes->data;
  params.n_expanded_lanes = self->expanded_lanes->len;
  params.selected = self->session ? chrono_session_get_selected (self->session) : -1;
  params.hovered = self->hovered;
  params.context = self->measure_context;
  params.cache = self->cache;

  self->scene = chrono_layout_build (&params);

  /* Keep the vertical scroll within the lanes. */
  {
    double axis = chrono_scene_get_axis_height (self->scene);
    double max_scroll = MAX (0, chrono_scene_get_content_height (self->scene) - (height - axis) + 24);

    if (self->scroll_y > max_scroll)
      {
        self->scroll_y = max_scroll;
        g_clear_pointer (&self->scene, chrono_scene_unref);
        return ensure_scene (self);
      }
  }

  update_edge_hints (self, start, end, width);

  return self->scene;
}

/* The frame that held the first drawn document is on screen: print the
 * monotonic time (microseconds, the clock of g_get_monotonic_time) so a
 * benchmark that started the process can tell launch-to-first-frame. */
static void
first_frame_painted (GdkFrameClock *clock,
                     gpointer       user_data)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_painted, user_data);
  chrono_frame_probe_first_frame ();
}

static void
chrono_timeline_view_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  ChronoScene *scene = ensure_scene (self);
  cairo_t *cr;

  if (scene == NULL)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  chrono_renderer_draw (cr, scene, &self->style);
  chrono_edge_hints_draw (cr, &self->style, &self->edge_hints, width, chrono_scene_get_axis_height (scene));
  cairo_destroy (cr);

  if (G_UNLIKELY (self->first_frame_quit) &&
      self->session != NULL && chrono_session_get_document (self->session) != NULL)
    {
      self->first_frame_quit = FALSE;
      g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                        G_CALLBACK (first_frame_painted), NULL);
    }
}

static void
set_visible_span (ChronoTimelineView *self,
                  double              start,
                  double              end)
{
  if (self->session != NULL)
    chrono_session_set_visible (self->session, start, end);
}

static void
on_glide (double   start,
          double   end,
          gpointer user_data)
{
  set_visible_span (user_data, start, end);
}

void
chrono_timeline_view_animate_to (ChronoTimelineView *self,
                                 double              start,
                                 double              end,
                                 guint               duration_ms)
{
  double from_start, from_end;

  g_return_if_fail (CHRONO_IS_TIMELINE_VIEW (self));

  if (self->session == NULL)
    return;

  stop_motion (self);
  /* Aim where the session will let the view go, so that the glide ends
   * where it seems to rather than pressing against the bounds. */
  chrono_session_clamp_span (self->session, &start, &end);

  if (duration_ms == 0)
    {
      set_visible_span (self, start, end);
      return;
    }

  /* Jumps when the widget is unmapped or animations are off. */
  chrono_session_get_visible (self->session, &from_start, &from_end);
  chrono_span_glide_start (self->glide, from_start, from_end, start, end, duration_ms,
                           ADW_EASE_OUT_CUBIC);
}

/* The span the view is going to: the animation's target if one runs. */
static void
get_target_span (ChronoTimelineView *self,
                 double             *start,
                 double             *end)
{
  if (chrono_span_glide_is_running (self->glide))
    chrono_span_glide_get_target (self->glide, start, end);
  else
    chrono_session_get_visible (self->session, start, end);
}

static void
zoom_animated (ChronoTimelineView *self,
               double              factor)
{
  double start, end, centre, span;

  if (self->session == NULL)
    return;

  get_target_span (self, &start, &end);
  centre = (start + end) / 2;
  span = (end - start) / factor;
  chrono_timeline_view_animate_to (self, centre - span / 2, centre + span / 2, ANIMATION_MS);
}

void
chrono_timeline_view_zoom_in (ChronoTimelineView *self)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_VIEW (self));

  zoom_animated (self, ZOOM_STEP);
}

void
chrono_timeline_view_zoom_out (ChronoTimelineView *self)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_VIEW (self));

  zoom_animated (self, 1 / ZOOM_STEP);
}

void
chrono_timeline_view_zoom_fit (ChronoTimelineView *self)
{
  double start, end;

  g_return_if_fail (CHRONO_IS_TIMELINE_VIEW (self));

  if (self->session == NULL)
    return;

  chrono_session_get_fit (self->session, &start, &end);
  chrono_timeline_view_animate_to (self, start, end, ANIMATION_MS + 100);
}

void
chrono_timeline_view_zoom_to_event (ChronoTimelineView *self,
                                    guint               index)
{
  ChronoDocument *document;
  double start, end;

  g_return_if_fail (CHRONO_IS_TIMELINE_VIEW (self));

  document = get_document (self);
  if (document == NULL || index >= chrono_document_get_n_events (document))
    return;

  chrono_session_set_selected (self->session, index);
  chrono_session_get_event_frame (self->session, index, &start, &end);
  chrono_timeline_view_animate_to (self, start, end, ANIMATION_MS + 150);
}

double
chrono_timeline_view_get_time_at (ChronoTimelineView *self,
                                  double              x)
{
  ChronoViewport vp;
  double start, end;

  g_return_val_if_fail (CHRONO_IS_TIMELINE_VIEW (self), 0);

  if (self->session == NULL)
    return 0;

  chrono_session_get_visible (self->session, &start, &end);
  chrono_viewport_init (&vp, start, end, MAX (1, gtk_widget_get_width (GTK_WIDGET (self))));

  return chrono_viewport_x_to_time (&vp, x);
}

void
chrono_timeline_view_zoom_at (ChronoTimelineView *self,
                              double              factor,
                              double              x)
{
  ChronoViewport vp;
  double start, end;

  g_return_if_fail (CHRONO_IS_TIMELINE_VIEW (self));
  g_return_if_fail (factor > 0);

  if (self->session == NULL)
    return;

  stop_motion (self);
  chrono_session_get_visible (self->session, &start, &end);
  chrono_viewport_init (&vp, start, end, MAX (1, gtk_widget_get_width (GTK_WIDGET (self))));
  chrono_viewport_zoom (&vp, factor, x);
  set_visible_span (self, chrono_viewport_get_start (&vp), chrono_viewport_get_end (&vp));
}

/* Brings the nearest event off the @edge end of the view into view: in
 * the middle at the same zoom when it fits, else framed. */
static void
go_to_edge (ChronoTimelineView *self,
            ChronoEdge          edge)
{
  const ChronoEdgeIndex *index = ensure_edge_index (self);
  ChronoEdgeHints hints;
  const ChronoEvent *event;
  double start, end, span, first, last;
  int nearest;

  if (self->session == NULL || index == NULL)
    return;

  /* From where an animation is going, so that pressing again goes on. */
  get_target_span (self, &start, &end);
  chrono_edge_hints_init (&hints, index, start, end, &self->style, self->measure_context, 1, 1);
  nearest = hints.hints[edge].nearest;
  chrono_edge_hints_clear (&hints);
  if (nearest < 0)
    return;

  event = chrono_document_get_event (get_document (self), nearest);
  first = (double) event->start.time;
  last = (double) MAX (event->end_time, event->start.time + 1);
  span = end - start;

  if (last - first <= span * 0.8)
    chrono_timeline_view_animate_to (self, (first + last) / 2 - span / 2, (first + last) / 2 + span / 2,
                                     ANIMATION_MS);
  else
    {
      chrono_session_get_event_frame (self->session, nearest, &start, &end);
      chrono_timeline_view_animate_to (self, start, end, ANIMATION_MS);
    }
}

static void
pan_pixels (ChronoTimelineView *self,
            double              dx)
{
  double start, end, shift;

  if (self->session == NULL)
    return;

  chrono_session_get_visible (self->session, &start, &end);
  shift = dx * (end - start) / MAX (1, gtk_widget_get_width (GTK_WIDGET (self)));
  set_visible_span (self, start + shift, end + shift);
}

static void
scroll_lanes (ChronoTimelineView *self,
              double              dy)
{
  double scroll = MAX (0, self->scroll_y + dy);

  if (scroll != self->scroll_y)
    {
      self->scroll_y = scroll;
      invalidate (self);
    }
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           ChronoTimelineView       *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double unit = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL ? WHEEL_PIXELS : 1;

  if (self->session == NULL)
    return FALSE;

  if (state & GDK_CONTROL_MASK)
    {
      double factor = exp (-dy * (unit > 1 ? 0.25 : 0.01));

      chrono_timeline_view_zoom_at (self, factor, self->pointer_x);
      return TRUE;
    }

  stop_motion (self);

  if (state & GDK_SHIFT_MASK)
    {
      pan_pixels (self, (dy + dx) * unit);
      return TRUE;
    }

  if (dx != 0)
    pan_pixels (self, dx * unit);
  if (dy != 0)
    scroll_lanes (self, dy * unit);

  return TRUE;
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           ChronoTimelineView       *self)
{
  const ChronoSceneItem *item = NULL;
  gboolean on_hint = FALSE;
  int hovered;

  self->pointer_x = x;
  self->pointer_y = y;

  if (ensure_scene (self) != NULL && chrono_edge_hints_hit_test (&self->edge_hints, x, y) >= 0)
    on_hint = TRUE;
  else if (self->scene != NULL)
    item = chrono_scene_hit_test (self->scene, x, y);

  hovered = item != NULL ? item->event : -1;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), item != NULL || on_hint ? "pointer" : NULL);

  if (hovered != self->hovered)
    {
      self->hovered = hovered;
      invalidate (self);
    }
}

static void
on_leave (GtkEventControllerMotion *controller,
          ChronoTimelineView       *self)
{
  if (self->hovered != -1)
    {
      self->hovered = -1;
      invalidate (self);
    }
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);
  const ChronoSceneItem *item;
  ChronoDocument *document = get_document (self);
  g_autofree char *markup = NULL;
  int edge;

  if (document == NULL || ensure_scene (self) == NULL)
    return FALSE;

  if (!keyboard && (edge = chrono_edge_hints_hit_test (&self->edge_hints, x, y)) >= 0)
    {
      const ChronoEdgeHint *hint = &self->edge_hints.hints[edge];
      const ChronoEvent *nearest = chrono_document_get_event (document, hint->nearest);
      g_autofree char *dates = chrono_date_format_range (&nearest->start, &nearest->end);

      markup = g_markup_printf_escaped ("<b>%s</b>\n%s\n<span size='small'>%s</span>",
                                        nearest->title, dates,
                                        edge == CHRONO_EDGE_BEFORE
                                          ? _("The nearest earlier event: click to go there (Alt+Left)")
                                          : _("The nearest later event: click to go there (Alt+Right)"));
      gtk_tooltip_set_markup (tooltip, markup);
      gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                                  (int) hint->rect.x, (int) hint->rect.y,
                                  MAX (1, (int) hint->rect.width), MAX (1, (int) hint->rect.height) });
      return TRUE;
    }

  if (keyboard)
    {
      int selected = chrono_session_get_selected (self->session);

      item = selected >= 0 ? chrono_scene_find_event (self->scene, selected) : NULL;
    }
  else
    item = chrono_scene_hit_test (self->scene, x, y);

  if (item == NULL)
    return FALSE;

  if (item->kind == CHRONO_ITEM_CLUSTER)
    {
      gboolean expandable = item->count <= MAX_EXPAND_COUNT && !(item->flags & CHRONO_ITEM_EXPANDED);

      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", item->count),
                                                item->count);

      markup = g_markup_printf_escaped ("<b>%s</b>\n%s", count,
                                        expandable ? _("Click to show them all") : _("Click to zoom in"));
    }
  else
    {
      const ChronoEvent *event = chrono_document_get_event (document, item->event);
      const ChronoLane *lane = chrono_document_get_lane (document, event->lane);
      g_autofree char *dates = chrono_date_format_range (&event->start, &event->end);

      markup = g_markup_printf_escaped ("<b>%s</b>\n%s\n<span size='small'>%s</span>",
                                        event->title, dates, lane->title);
    }

  gtk_tooltip_set_markup (tooltip, markup);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                              (int) item->rect.x, (int) item->rect.y,
                              MAX (1, (int) item->rect.width), MAX (1, (int) item->rect.height) });

  return TRUE;
}

static void
toggle_lane_expanded (ChronoTimelineView *self,
                      guint               lane)
{
  for (guint i = 0; i < self->expanded_lanes->len; i++)
    if (g_array_index (self->expanded_lanes, guint, i) == lane)
      {
        g_array_remove_index (self->expanded_lanes, i);
        invalidate (self);
        return;
      }

  g_array_append_val (self->expanded_lanes, lane);
  invalidate (self);
}

static void
on_click_released (GtkGestureClick    *gesture,
                   int                 n_press,
                   double              x,
                   double              y,
                   ChronoTimelineView *self)
{
  const ChronoSceneItem *item;
  int edge;

  gtk_widget_grab_focus (GTK_WIDGET (self));

  if (self->session == NULL || ensure_scene (self) == NULL)
    return;

  edge = chrono_edge_hints_hit_test (&self->edge_hints, x, y);
  if (edge >= 0)
    {
      go_to_edge (self, edge);
      return;
    }

  item = chrono_scene_hit_test (self->scene, x, y);

  if (item == NULL)
    {
      if (n_press == 1)
        chrono_session_set_selected (self->session, -1);
      return;
    }

  if (item->kind == CHRONO_ITEM_CLUSTER)
    {
      if (item->count <= MAX_EXPAND_COUNT && !(item->flags & CHRONO_ITEM_EXPANDED))
        toggle_lane_expanded (self, item->lane);
      else
        {
          double span = MAX ((double) (item->end_time - item->start_time), 60.0);

          chrono_timeline_view_animate_to (self, item->start_time - span * 0.1,
                                           item->end_time + span * 0.3, ANIMATION_MS);
        }
      return;
    }

  if (n_press >= 2)
    chrono_timeline_view_zoom_to_event (self, item->event);
  else
    chrono_session_set_selected (self->session, item->event);
}

static void
on_drag_begin (GtkGestureDrag     *gesture,
               double              x,
               double              y,
               ChronoTimelineView *self)
{
  if (self->session == NULL)
    return;

  stop_motion (self);
  self->dragging = TRUE;
  chrono_session_get_visible (self->session, &self->drag_start, &self->drag_end);
  self->drag_scroll_y = self->scroll_y;
  self->drag_last_x = 0;
  self->drag_last_time = g_get_monotonic_time ();
  self->velocity = 0;
}

static void
on_drag_update (GtkGestureDrag     *gesture,
                double              offset_x,
                double              offset_y,
                ChronoTimelineView *self)
{
  double width = MAX (1, gtk_widget_get_width (GTK_WIDGET (self)));
  double shift = -offset_x * (self->drag_end - self->drag_start) / width;
  gint64 now = g_get_monotonic_time ();
  double dt = (now - self->drag_last_time) / 1e6;

  if (self->session == NULL)
    return;

  /* Smoothed velocity for the kinetic fling at the end. */
  if (dt > 0)
    {
      double instant = (offset_x - self->drag_last_x) / dt;

      self->velocity = self->velocity * 0.6 + instant * 0.4;
      self->drag_last_x = offset_x;
      self->drag_last_time = now;
    }

  set_visible_span (self, self->drag_start + shift, self->drag_end + shift);

  if (fabs (offset_y) > 0)
    {
      self->scroll_y = MAX (0, self->drag_scroll_y - offset_y);
      invalidate (self);
    }
}

static gboolean
kinetic_tick (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double dt, before, after;

  if (self->kinetic_last_time == 0)
    {
      self->kinetic_last_time = now;
      return G_SOURCE_CONTINUE;
    }

  dt = (now - self->kinetic_last_time) / 1e6;
  self->kinetic_last_time = now;

  chrono_session_get_visible (self->session, &before, NULL);
  pan_pixels (self, -self->velocity * dt);
  chrono_session_get_visible (self->session, &after, NULL);
  self->velocity *= exp (-KINETIC_FRICTION * dt);

  /* Slowing down, or stopped at the bounds. */
  if (fabs (self->velocity) < KINETIC_MIN_SPEED || (before == after && dt > 0))
    {
      self->kinetic_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
on_drag_end (GtkGestureDrag     *gesture,
             double              offset_x,
             double              offset_y,
             ChronoTimelineView *self)
{
  self->dragging = FALSE;

  /* A pause before letting go means no fling. */
  if (g_get_monotonic_time () - self->drag_last_time > 80000)
    self->velocity = 0;

  if (fabs (self->velocity) >= KINETIC_MIN_SPEED * 4 && adw_get_enable_animations (GTK_WIDGET (self)))
    {
      self->kinetic_last_time = 0;
      self->kinetic_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), kinetic_tick, NULL, NULL);
    }
}

/* A touchpad swipe that lets go keeps panning, slowing down. */
static void
on_decelerate (GtkEventControllerScroll *controller,
               double                    velocity_x,
               double                    velocity_y,
               ChronoTimelineView       *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (self->session == NULL || (state & GDK_CONTROL_MASK) ||
      fabs (velocity_x) < KINETIC_MIN_SPEED * 4 || !adw_get_enable_animations (GTK_WIDGET (self)))
    return;

  stop_motion (self);
  self->velocity = -velocity_x;
  self->kinetic_last_time = 0;
  self->kinetic_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), kinetic_tick, NULL, NULL);
}

static void
on_zoom_begin (GtkGesture         *gesture,
               GdkEventSequence   *sequence,
               ChronoTimelineView *self)
{
  if (self->session == NULL)
    return;

  stop_motion (self);
  chrono_session_get_visible (self->session, &self->zoom_start, &self->zoom_end);
}

static void
on_zoom_scale_changed (GtkGestureZoom     *gesture,
                       double              scale,
                       ChronoTimelineView *self)
{
  ChronoViewport vp;
  double x, y;

  if (self->session == NULL || scale <= 0)
    return;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;

  chrono_viewport_init (&vp, self->zoom_start, self->zoom_end, MAX (1, gtk_widget_get_width (GTK_WIDGET (self))));
  chrono_viewport_zoom (&vp, scale, x);
  set_visible_span (self, chrono_viewport_get_start (&vp), chrono_viewport_get_end (&vp));
}

/* Scrolls the lanes so that the top of @lane's band is in view. */
static void
reveal_lane (ChronoTimelineView *self,
             guint               lane)
{
  const ChronoSceneItem *band;
  double top, height, bottom;

  if (ensure_scene (self) == NULL)
    return;

  band = chrono_scene_find_lane (self->scene, lane);
  if (band == NULL)
    return;

  top = chrono_scene_get_lanes_top (self->scene);
  height = gtk_widget_get_height (GTK_WIDGET (self));
  bottom = band->rect.y + MIN (band->rect.height, height - top);

  if (band->rect.y < top)
    scroll_lanes (self, band->rect.y - top);
  else if (bottom > height)
    scroll_lanes (self, bottom - height);
}

/* Keeps event @index in view, panning (animated) when it is outside. */
static void
reveal_event (ChronoTimelineView *self,
              guint               index)
{
  const ChronoEvent *event = chrono_document_get_event (get_document (self), index);
  double start, end, span, t;

  reveal_lane (self, event->lane);

  chrono_session_get_visible (self->session, &start, &end);
  span = end - start;
  t = (double) event->start.time;

  if (t >= start + span * 0.05 && t <= end - span * 0.2)
    return;

  chrono_timeline_view_animate_to (self, t - span * 0.4, t + span * 0.6, ANIMATION_MS);
}

static void
select_step (ChronoTimelineView *self,
             int                 direction)
{
  ChronoDocument *document = get_document (self);
  const guint8 *mask;
  guint n_events;
  int selected;
  double start, end;

  if (document == NULL)
    return;

  n_events = chrono_document_get_n_events (document);
  mask = chrono_filter_get_mask (self->filter, document, NULL);
  selected = chrono_session_get_selected (self->session);
  chrono_session_get_visible (self->session, &start, &end);

  if (selected < 0)
    {
      /* Start from the first (or last) event in view. */
      if (direction > 0)
        {
          for (guint i = 0; i < n_events; i++)
            if (mask[i] && (double) chrono_document_get_event (document, i)->end_time >= start)
              {
                chrono_session_set_selected (self->session, i);
                reveal_event (self, i);
                return;
              }
        }
      else
        {
          for (guint i = n_events; i > 0; i--)
            if (mask[i - 1] && (double) chrono_document_get_event (document, i - 1)->start.time <= end)
              {
                chrono_session_set_selected (self->session, i - 1);
                reveal_event (self, i - 1);
                return;
              }
        }
      return;
    }

  for (int i = selected + direction; i >= 0 && i < (int) n_events; i += direction)
    if (mask[i])
      {
        chrono_session_set_selected (self->session, i);
        reveal_event (self, i);
        return;
      }
}

static void
lane_step (ChronoTimelineView *self,
           int                 direction)
{
  const ChronoSceneItem *current;
  const ChronoSceneItem *items;
  const ChronoSceneItem *best = NULL;
  guint n_items;
  int selected;
  double best_distance = G_MAXDOUBLE;
  int best_lane = -1;

  if (self->session == NULL || ensure_scene (self) == NULL)
    return;

  selected = chrono_session_get_selected (self->session);
  current = selected >= 0 ? chrono_scene_find_event (self->scene, selected) : NULL;
  if (current == NULL)
    {
      scroll_lanes (self, direction * self->style.row_height * 2);
      return;
    }

  /* The nearest event in time in the closest lane above or below. */
  items = chrono_scene_get_items (self->scene, &n_items);
  for (guint i = 0; i < n_items; i++)
    {
      const ChronoSceneItem *item = &items[i];
      double distance;

      if ((item->kind != CHRONO_ITEM_SPAN && item->kind != CHRONO_ITEM_POINT) ||
          (item->lane - current->lane) * direction <= 0)
        continue;

      if (best_lane >= 0 && (item->lane - best_lane) * direction > 0)
        continue;

      distance = fabs (item->bar.x - current->bar.x);
      if (item->lane != best_lane || distance < best_distance)
        {
          best = item;
          best_lane = item->lane;
          best_distance = distance;
        }
    }

  if (best != NULL)
    {
      guint lane = best->lane;

      chrono_session_set_selected (self->session, best->event);
      reveal_lane (self, lane);
    }
  else
    scroll_lanes (self, direction * self->style.row_height * 2);
}

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);

  if (g_str_equal (action_name, "view.zoom-in"))
    chrono_timeline_view_zoom_in (self);
  else if (g_str_equal (action_name, "view.zoom-out"))
    chrono_timeline_view_zoom_out (self);
  else if (g_str_equal (action_name, "view.zoom-fit"))
    chrono_timeline_view_zoom_fit (self);
  else if (g_str_equal (action_name, "view.select-previous"))
    select_step (self, -1);
  else if (g_str_equal (action_name, "view.select-next"))
    select_step (self, 1);
  else if (g_str_equal (action_name, "view.lane-up"))
    lane_step (self, -1);
  else if (g_str_equal (action_name, "view.lane-down"))
    lane_step (self, 1);
  else if (g_str_equal (action_name, "view.earlier-events"))
    go_to_edge (self, CHRONO_EDGE_BEFORE);
  else if (g_str_equal (action_name, "view.later-events"))
    go_to_edge (self, CHRONO_EDGE_AFTER);
  else if (g_str_equal (action_name, "view.activate"))
    {
      int selected = self->session ? chrono_session_get_selected (self->session) : -1;

      if (selected >= 0)
        chrono_timeline_view_zoom_to_event (self, selected);
    }
}

static void
chrono_timeline_view_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 800 : 480;
}

static void
on_style_changed (ChronoTimelineView *self)
{
  invalidate (self);
}

static void
chrono_timeline_view_dispose (GObject *object)
{
  ChronoTimelineView *self = (ChronoTimelineView *) object;

  stop_motion (self);
  g_clear_handle_id (&self->tooltip_source, g_source_remove);
  g_clear_handle_id (&self->description_source, g_source_remove);
  if (self->warming != NULL)
    g_cancellable_cancel (self->warming);
  g_clear_object (&self->warming);
  chrono_timeline_view_set_session (self, NULL);
  g_clear_pointer (&self->scene, chrono_scene_unref);

  G_OBJECT_CLASS (chrono_timeline_view_parent_class)->dispose (object);
}

static void
chrono_timeline_view_finalize (GObject *object)
{
  ChronoTimelineView *self = (ChronoTimelineView *) object;

  g_clear_pointer (&self->glide, chrono_span_glide_free);
  g_clear_pointer (&self->cache, chrono_layout_cache_free);
  g_clear_pointer (&self->edge_index, chrono_edge_index_free);
  chrono_edge_hints_clear (&self->edge_hints);
  g_clear_object (&self->measure_context);
  g_clear_pointer (&self->expanded_lanes, g_array_unref);
  g_free (self->accessible_name);
  g_free (self->accessible_description);

  G_OBJECT_CLASS (chrono_timeline_view_parent_class)->finalize (object);
}

static void
chrono_timeline_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_timeline_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      chrono_timeline_view_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_binding (GtkWidgetClass *widget_class,
             guint           keyval,
             GdkModifierType modifiers,
             const char     *action)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, modifiers, action, NULL);
}

static void
chrono_timeline_view_class_init (ChronoTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chrono_timeline_view_dispose;
  object_class->finalize = chrono_timeline_view_finalize;
  object_class->get_property = chrono_timeline_view_get_property;
  object_class->set_property = chrono_timeline_view_set_property;

  widget_class->snapshot = chrono_timeline_view_snapshot;
  widget_class->measure = chrono_timeline_view_measure;
  widget_class->size_allocate = chrono_timeline_view_size_allocate;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         CHRONO_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  /* A chart drawn as a picture, as WAI-ARIA asks of canvas charts; its
   * name and description carry the selection, the span and the keys. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  gtk_widget_class_install_action (widget_class, "view.zoom-in", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "view.zoom-out", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "view.zoom-fit", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "view.select-previous", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "view.select-next", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "view.lane-up", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "view.lane-down", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "view.activate", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "view.earlier-events", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "view.later-events", NULL, view_action);

  add_binding (widget_class, GDK_KEY_plus, 0, "view.zoom-in");
  add_binding (widget_class, GDK_KEY_plus, GDK_SHIFT_MASK, "view.zoom-in");
  add_binding (widget_class, GDK_KEY_equal, 0, "view.zoom-in");
  add_binding (widget_class, GDK_KEY_KP_Add, 0, "view.zoom-in");
  add_binding (widget_class, GDK_KEY_minus, 0, "view.zoom-out");
  add_binding (widget_class, GDK_KEY_KP_Subtract, 0, "view.zoom-out");
  add_binding (widget_class, GDK_KEY_0, 0, "view.zoom-fit");
  add_binding (widget_class, GDK_KEY_KP_0, 0, "view.zoom-fit");
  add_binding (widget_class, GDK_KEY_Left, 0, "view.select-previous");
  add_binding (widget_class, GDK_KEY_KP_Left, 0, "view.select-previous");
  add_binding (widget_class, GDK_KEY_Right, 0, "view.select-next");
  add_binding (widget_class, GDK_KEY_KP_Right, 0, "view.select-next");
  add_binding (widget_class, GDK_KEY_Up, 0, "view.lane-up");
  add_binding (widget_class, GDK_KEY_KP_Up, 0, "view.lane-up");
  add_binding (widget_class, GDK_KEY_Down, 0, "view.lane-down");
  add_binding (widget_class, GDK_KEY_KP_Down, 0, "view.lane-down");
  add_binding (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "view.earlier-events");
  add_binding (widget_class, GDK_KEY_KP_Left, GDK_ALT_MASK, "view.earlier-events");
  add_binding (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "view.later-events");
  add_binding (widget_class, GDK_KEY_KP_Right, GDK_ALT_MASK, "view.later-events");
  add_binding (widget_class, GDK_KEY_Return, 0, "view.activate");
  add_binding (widget_class, GDK_KEY_KP_Enter, 0, "view.activate");
}

static void
chrono_timeline_view_init (ChronoTimelineView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->hovered = -1;
  self->first_frame_quit = g_getenv ("CHRONOSCOPE_FIRST_FRAME_QUIT") != NULL;
  if (self->first_frame_quit)
    chrono_frame_probe_start (GTK_WIDGET (self), has_document);
  self->expanded_lanes = g_array_new (FALSE, FALSE, sizeof (guint));
  self->cache = chrono_layout_cache_new ();
  self->measure_context = chrono_style_create_pango_context ();
  self->glide = chrono_span_glide_new (GTK_WIDGET (self), on_glide, self);
  chrono_style_init_light (&self->style, 1);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES |
                                                GTK_EVENT_CONTROLLER_SCROLL_KINETIC);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  g_signal_connect (controller, "decelerate", G_CALLBACK (on_decelerate), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "enter", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_style_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (on_style_changed), self, G_CONNECT_SWAPPED);

  update_accessible_name (self);
  update_accessible_description (self);
}

/**
 * chrono_timeline_view_new:
 *
 * Returns: (transfer floating): a new timeline view with no session.
 */
GtkWidget *
chrono_timeline_view_new (void)
{
  return g_object_new (CHRONO_TYPE_TIMELINE_VIEW, NULL);
}
