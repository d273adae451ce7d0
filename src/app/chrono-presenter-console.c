/* chrono-presenter-console.c: the presenter view
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-presenter-console"

#include "config.h"

#include <glib/gi18n.h>

#include "chrono-a11y.h"
#include "chrono-presenter-console.h"
#include "chrono-presenter-private.h"

struct _ChronoPresenterConsole
{
  AdwWindow        parent_instance;

  /* Template */
  GtkLabel        *position_label;
  GtkLabel        *elapsed_label;
  GtkAspectFrame  *current_frame;
  GtkDrawingArea  *current_area;
  GtkAspectFrame  *next_frame;
  GtkDrawingArea  *next_area;
  GtkLabel        *notes_label;

  ChronoPresenter *presenter;  /* not owned: it owns us */
  guint            clock_id;
};

G_DEFINE_FINAL_TYPE (ChronoPresenterConsole, chrono_presenter_console, ADW_TYPE_WINDOW)

/* Draws slide @slide of the presentation as it shows at its own size,
 * scaled down to the preview. */
static void
draw_preview (ChronoPresenterConsole *self,
              cairo_t                *cr,
              guint                   slide,
              int                     width,
              int                     height)
{
  int canvas_width, canvas_height;
  double scale;

  if (self->presenter == NULL)
    return;

  chrono_presenter_get_canvas_size (self->presenter, &canvas_width, &canvas_height);
  scale = MIN (width / (double) canvas_width, height / (double) canvas_height);
  cairo_scale (cr, scale, scale);
  chrono_presenter_draw_slide (self->presenter, cr, slide, canvas_width, canvas_height);
}

static void
draw_current (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  ChronoPresenterConsole *self = user_data;

  draw_preview (self, cr, chrono_presenter_get_slide (self->presenter), width, height);
}

static void
draw_next (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  ChronoPresenterConsole *self = user_data;
  guint slide = chrono_presenter_get_slide (self->presenter);

  if (slide + 1 < chrono_presenter_get_n_slides (self->presenter))
    draw_preview (self, cr, slide + 1, width, height);
}

static void
update_clock (ChronoPresenterConsole *self)
{
  gint64 seconds = (g_get_monotonic_time () - chrono_presenter_get_start_time (self->presenter)) / G_USEC_PER_SEC;
  g_autofree char *text = NULL;

  seconds = MAX (seconds, 0);
  if (seconds >= 3600)
    text = g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600), (int) (seconds / 60 % 60), (int) (seconds % 60));
  else
    text = g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
  gtk_label_set_text (self->elapsed_label, text);
}

static gboolean
on_clock (gpointer user_data)
{
  update_clock (user_data);
  return G_SOURCE_CONTINUE;
}

static void
update (ChronoPresenterConsole *self)
{
  guint slide = chrono_presenter_get_slide (self->presenter);
  guint n_slides = chrono_presenter_get_n_slides (self->presenter);
  const char *notes = chrono_presenter_get_notes (self->presenter, slide);
  g_autofree char *position = NULL;
  int width, height;

  if (slide == 0)
    position = g_strdup (_("Title page"));
  else
    /* Translators: where the talk is in the presenter view, "Step 3 of 12" */
    position = g_strdup_printf (_("Step %u of %u"), slide, n_slides - 1);
  gtk_label_set_text (self->position_label, position);

  if (notes != NULL)
    {
      gtk_label_set_text (self->notes_label, notes);
      gtk_widget_remove_css_class (GTK_WIDGET (self->notes_label), "dim-label");
    }
  else
    {
      gtk_label_set_text (self->notes_label, _("No notes for this step"));
      gtk_widget_add_css_class (GTK_WIDGET (self->notes_label), "dim-label");
    }

  /* The previews have the presentation's shape. */
  chrono_presenter_get_canvas_size (self->presenter, &width, &height);
  gtk_aspect_frame_set_ratio (self->current_frame, width / (double) height);
  gtk_aspect_frame_set_ratio (self->next_frame, width / (double) height);
  gtk_widget_set_visible (GTK_WIDGET (self->next_frame), slide + 1 < n_slides);

  gtk_widget_queue_draw (GTK_WIDGET (self->current_area));
  gtk_widget_queue_draw (GTK_WIDGET (self->next_area));
}

static void
chrono_presenter_console_dispose (GObject *object)
{
  ChronoPresenterConsole *self = CHRONO_PRESENTER_CONSOLE (object);

  g_clear_handle_id (&self->clock_id, g_source_remove);
  if (self->presenter != NULL)
    g_signal_handlers_disconnect_by_data (self->presenter, self);
  self->presenter = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONO_TYPE_PRESENTER_CONSOLE);

  G_OBJECT_CLASS (chrono_presenter_console_parent_class)->dispose (object);
}

static void
chrono_presenter_console_class_init (ChronoPresenterConsoleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chrono_presenter_console_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/chrono-presenter-console.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronoPresenterConsole, position_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoPresenterConsole, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoPresenterConsole, current_frame);
  gtk_widget_class_bind_template_child (widget_class, ChronoPresenterConsole, current_area);
  gtk_widget_class_bind_template_child (widget_class, ChronoPresenterConsole, next_frame);
  gtk_widget_class_bind_template_child (widget_class, ChronoPresenterConsole, next_area);
  gtk_widget_class_bind_template_child (widget_class, ChronoPresenterConsole, notes_label);
}

static void
chrono_presenter_console_init (ChronoPresenterConsole *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->current_area, draw_current, self, NULL);
  gtk_drawing_area_set_draw_func (self->next_area, draw_next, self, NULL);
}

ChronoPresenterConsole *
chrono_presenter_console_new (ChronoPresenter *presenter)
{
  ChronoPresenterConsole *self;

  g_return_val_if_fail (CHRONO_IS_PRESENTER (presenter), NULL);

  self = g_object_new (CHRONO_TYPE_PRESENTER_CONSOLE,
                       "application", gtk_window_get_application (GTK_WINDOW (presenter)),
                       NULL);
  self->presenter = presenter;
  _chrono_presenter_add_keys (presenter, GTK_WIDGET (self));

  g_signal_connect_swapped (presenter, "notify::slide", G_CALLBACK (update), self);
  g_signal_connect_swapped (presenter, "pictures-loaded", G_CALLBACK (update), self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  self->clock_id = g_timeout_add_seconds (1, on_clock, self);
  update_clock (self);
  update (self);

  return self;
}
