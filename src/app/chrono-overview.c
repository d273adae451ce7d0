#define G_LOG_DOMAIN "chrono-overview"

#include "config.h"

#include <math.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "chrono-overview.h"
#include "chrono-overview-renderer.h"
#include "chrono-style.h"

struct _ChronoOverview
{
  GtkWidget      parent_instance;

  ChronoSession *session;
  ChronoFilter  *filter;
  double        *bins;        /* all events */
  double        *match_bins;  /* those that pass the filter, or NULL */
  guint          n_bins;
  double         range_start;
  double         range_end;
  double         drag_offset;  /* seconds from the pointer to the window centre */
};

G_DEFINE_FINAL_TYPE (ChronoOverview, chrono_overview, GTK_TYPE_WIDGET)

static void
invalidate_bins (ChronoOverview *self)
{
  g_clear_pointer (&self->bins, g_free);
  g_clear_pointer (&self->match_bins, g_free);
  self->n_bins = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The whole document's extent, the range the strip shows: the bounds of
 * the view, so the window never leaves the strip, and never the span of
 * a search's matches, which the strip highlights instead. */
static void
update_range (ChronoOverview *self)
{
  double start = 0, end = 1;

  if (self->session != NULL)
    chrono_session_get_bounds (self->session, &start, &end);

  self->range_start = start;
  self->range_end = end;
}

static void
ensure_bins (ChronoOverview *self,
             guint           n_bins)
{
  ChronoDocument *document;

  if (self->bins != NULL && self->n_bins == n_bins)
    return;

  g_clear_pointer (&self->bins, g_free);
  g_clear_pointer (&self->match_bins, g_free);
  self->n_bins = n_bins;
  self->bins = g_new0 (double, MAX (n_bins, 1));
  update_range (self);

  document = self->session ? chrono_session_get_document (self->session) : NULL;
  if (document == NULL)
    return;

  chrono_overview_compute_bins (document, NULL, self->range_start, self->range_end, n_bins, self->bins);
  if (!chrono_filter_is_empty (self->filter))
    {
      self->match_bins = g_new0 (double, MAX (n_bins, 1));
      chrono_overview_compute_bins (document,
                                    chrono_filter_get_mask (self->filter, document, NULL),
                                    self->range_start, self->range_end, n_bins, self->match_bins);
    }
}

static void
chrono_overview_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  ChronoOverview *self = CHRONO_OVERVIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double start = 0, end = 1;
  ChronoStyle style;
  cairo_t *cr;
  GdkRGBA rgba;

  if (width <= 0 || height <= 0)
    return;

  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    chrono_style_init_dark (&style, 1);
  else
    chrono_style_init_light (&style, 1);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "accent_bg_color", &rgba))
    style.selection = style.accent = (ChronoColor) { rgba.red, rgba.green, rgba.blue, 1 };
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &rgba);
  style.foreground = (ChronoColor) { rgba.red, rgba.green, rgba.blue, rgba.alpha };
  /* Dimmer would fall under 4.5:1 on the light strip (WCAG). */
  style.dim_foreground = chrono_color_with_alpha (style.foreground, 0.75);
  G_GNUC_END_IGNORE_DEPRECATIONS

  ensure_bins (self, (guint) MAX (1, width / 2));

  if (self->session != NULL)
    chrono_session_get_visible (self->session, &start, &end);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  chrono_overview_draw (cr, &style, self->bins, self->match_bins, self->n_bins, width, height,
                        self->range_start, self->range_end, start, end);
  cairo_destroy (cr);
}

static double
x_to_time (ChronoOverview *self,
           double          x)
{
  double width = MAX (1, gtk_widget_get_width (GTK_WIDGET (self)));

  return self->range_start + x / width * (self->range_end - self->range_start);
}

static void
move_window_to (ChronoOverview *self,
                double          centre)
{
  double start, end, span;

  chrono_session_get_visible (self->session, &start, &end);
  span = end - start;
  chrono_session_set_visible (self->session, centre - span / 2, centre + span / 2);
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               ChronoOverview *self)
{
  double start, end, t;

  if (self->session == NULL)
    return;

  chrono_session_get_visible (self->session, &start, &end);
  t = x_to_time (self, x);

  /* Grabbing the window drags it; elsewhere the window jumps there. */
  if (t >= start && t <= end)
    self->drag_offset = (start + end) / 2 - t;
  else
    {
      self->drag_offset = 0;
      move_window_to (self, t);
    }
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                ChronoOverview *self)
{
  double x, y;

  if (self->session == NULL)
    return;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  move_window_to (self, x_to_time (self, x + offset_x) + self->drag_offset);
}

static void
on_session_changed (ChronoOverview *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
chrono_overview_set_session (ChronoOverview *self,
                             ChronoSession  *session)
{
  g_return_if_fail (CHRONO_IS_OVERVIEW (self));
  g_return_if_fail (!session || CHRONO_IS_SESSION (session));

  if (self->session == session)
    return;

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
      g_signal_connect_object (session, "notify::document", G_CALLBACK (invalidate_bins), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::start", G_CALLBACK (on_session_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::end", G_CALLBACK (on_session_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->filter, "changed", G_CALLBACK (invalidate_bins), self, G_CONNECT_SWAPPED);
    }

  invalidate_bins (self);
}

void
chrono_overview_get_range (ChronoOverview *self,
                           double         *start,
                           double         *end)
{
  g_return_if_fail (CHRONO_IS_OVERVIEW (self));

  update_range (self);
  if (start != NULL)
    *start = self->range_start;
  if (end != NULL)
    *end = self->range_end;
}

static void
chrono_overview_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 100 : 48;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 600 : 56;
}

static void
chrono_overview_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  ChronoOverview *self = CHRONO_OVERVIEW (widget);

  /* The bins follow the width only; a window relayout that keeps it (the
   * sidebar sliding, say) must not walk a million events again. */
  if (self->n_bins != (guint) MAX (1, width / 2))
    invalidate_bins (self);
}

static void
chrono_overview_dispose (GObject *object)
{
  ChronoOverview *self = (ChronoOverview *) object;

  chrono_overview_set_session (self, NULL);

  G_OBJECT_CLASS (chrono_overview_parent_class)->dispose (object);
}

static void
chrono_overview_finalize (GObject *object)
{
  ChronoOverview *self = (ChronoOverview *) object;

  g_clear_pointer (&self->bins, g_free);
  g_clear_pointer (&self->match_bins, g_free);

  G_OBJECT_CLASS (chrono_overview_parent_class)->finalize (object);
}

static void
chrono_overview_class_init (ChronoOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chrono_overview_dispose;
  object_class->finalize = chrono_overview_finalize;
  widget_class->snapshot = chrono_overview_snapshot;
  widget_class->measure = chrono_overview_measure;
  widget_class->size_allocate = chrono_overview_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "overview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
chrono_overview_init (ChronoOverview *self)
{
  GtkGesture *gesture;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Overview of the whole timeline"),
                                  -1);

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grab");

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_session_changed), self, G_CONNECT_SWAPPED);
}

/**
 * chrono_overview_new:
 *
 * Returns: (transfer floating): a new overview strip with no session.
 */
GtkWidget *
chrono_overview_new (void)
{
  return g_object_new (CHRONO_TYPE_OVERVIEW, NULL);
}
