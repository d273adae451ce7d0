#define G_LOG_DOMAIN "chrono-overview-renderer"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "chrono-overview-renderer.h"
#include "chrono-renderer-private.h"
#include "chrono-style-private.h"
#include "chrono-ticks.h"
#include "chrono-viewport.h"

void
chrono_overview_compute_bins (ChronoDocument *document,
                              const guint8   *mask,
                              double          start,
                              double          end,
                              guint           n_bins,
                              double         *bins)
{
  g_autofree double *diff = NULL;
  double scale;
  double running = 0;
  guint n_events;

  g_return_if_fail (bins != NULL);

  for (guint b = 0; b < n_bins; b++)
    bins[b] = 0;

  if (document == NULL || n_bins == 0 || !(end > start))
    return;

  diff = g_new0 (double, n_bins + 1);
  scale = n_bins / (end - start);
  n_events = chrono_document_get_n_events (document);

  /* A difference array: each event is two additions, whatever it spans. */
  for (guint i = 0; i < n_events; i++)
    {
      const ChronoEvent *event;
      double b0, b1;

      if (mask != NULL && !mask[i])
        continue;

      event = chrono_document_get_event (document, i);
      b0 = floor (((double) event->start.time - start) * scale);
      b1 = floor (((double) event->end_time - start) * scale);
      if (b1 < 0 || b0 >= n_bins)
        continue;
      b0 = CLAMP (b0, 0, n_bins - 1);
      b1 = CLAMP (b1, b0, n_bins - 1);
      diff[(guint) b0] += 1;
      diff[(guint) b1 + 1] -= 1;
    }

  for (guint b = 0; b < n_bins; b++)
    {
      running += diff[b];
      bins[b] = running;
    }
}

typedef struct
{
  double      x;      /* the tick's */
  double      label_x;
  const char *text;   /* owned by the ticks */
} Label;

/* The axis labels of the strip: the ticks are computed for one row
 * (CHRONO_TICKS_ONE_ROW), so the context labels ("2015", "May 2015"),
 * which let the years always be told, and the short ones ("Apr", "Jul")
 * already leave room for each other at a regular step; none is dropped
 * here, which would thin the row irregularly. */
static GArray *
place_labels (const ChronoTicks *ticks)
{
  GArray *labels = g_array_new (FALSE, FALSE, sizeof (Label));

  for (int pass = 0; pass < 2; pass++)
    {
      GArray *row = pass == 0 ? ticks->major : ticks->minor;

      for (guint i = 0; i < row->len; i++)
        {
          const ChronoTick *tick = &g_array_index (row, ChronoTick, i);
          Label label;

          if (tick->label == NULL)
            continue;

          label.x = tick->x;
          label.text = tick->label;
          label.label_x = tick->label_x;
          g_array_append_val (labels, label);
        }
    }

  return labels;
}

static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  const Label *la = a;
  const Label *lb = b;

  return (la->label_x > lb->label_x) - (la->label_x < lb->label_x);
}

char **
chrono_overview_dup_labels (const ChronoStyle *style,
                            double             width,
                            double             range_start,
                            double             range_end)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GArray) labels = NULL;
  g_autoptr(ChronoTicks) ticks = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  ChronoStyle small;
  ChronoViewport vp;

  g_return_val_if_fail (style != NULL, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  small = *style;
  small.small_font_size = style->small_font_size * 0.9;
  small.label_padding = style->label_padding * 2;
  layout = pango_cairo_create_layout (cr);
  _chrono_style_set_layout_font (layout, &small, small.small_font_size, FALSE);
  chrono_viewport_init (&vp, range_start, range_end, width);
  ticks = chrono_ticks_new_full (&vp, &small, pango_layout_get_context (layout), CHRONO_TICKS_ONE_ROW);
  labels = place_labels (ticks);

  g_array_sort (labels, compare_labels);
  for (guint i = 0; i < labels->len; i++)
    g_ptr_array_add (texts, g_strdup (g_array_index (labels, Label, i).text));
  g_ptr_array_add (texts, NULL);
  g_clear_object (&layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return (char **) g_ptr_array_steal (texts, NULL);
}

/* Adds the outline of a log-scaled histogram of @bins to @cr's path. */
static void
draw_histogram (cairo_t      *cr,
                const double *bins,
                guint         n_bins,
                double        max,
                double        width,
                double        chart_top,
                double        chart_bottom)
{
  double column = width / n_bins;

  cairo_move_to (cr, 0, chart_bottom);
  for (guint b = 0; b < n_bins; b++)
    {
      double h = log1p (MIN (bins[b], max)) / log1p (max) * (chart_bottom - chart_top);

      cairo_line_to (cr, b * column, chart_bottom - h);
      cairo_line_to (cr, (b + 1) * column, chart_bottom - h);
    }
  cairo_line_to (cr, width, chart_bottom);
  cairo_close_path (cr);
}

void
chrono_overview_draw (cairo_t           *cr,
                      const ChronoStyle *style,
                      const double      *bins,
                      const double      *match_bins,
                      guint              n_bins,
                      double             width,
                      double             height,
                      double             range_start,
                      double             range_end,
                      double             visible_start,
                      double             visible_end)
{
  g_autoptr(ChronoTicks) ticks = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(GArray) labels = NULL;
  ChronoStyle small;
  ChronoViewport vp;
  double max = 0;
  double chart_top = 4 * style->scale;
  double chart_bottom = height - 14 * style->scale;
  double x0, x1;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  _chrono_cairo_set_color (cr, style->axis_background);
  cairo_paint (cr);

  chrono_viewport_init (&vp, range_start, range_end, width);

  /* Grid and year labels, small. */
  small = *style;
  small.small_font_size = style->small_font_size * 0.9;
  small.label_padding = style->label_padding * 2;
  layout = pango_cairo_create_layout (cr);
  ticks = chrono_ticks_new_full (&vp, &small, pango_layout_get_context (layout), CHRONO_TICKS_ONE_ROW);
  _chrono_style_set_layout_font (layout, &small, small.small_font_size, FALSE);

  for (guint i = 0; i < ticks->minor->len; i++)
    {
      const ChronoTick *tick = &g_array_index (ticks->minor, ChronoTick, i);

      _chrono_cairo_set_color (cr, tick->major ? style->grid_major : style->grid_minor);
      cairo_rectangle (cr, round (tick->x), chart_top, style->scale, chart_bottom - chart_top);
      cairo_fill (cr);
    }

  /* The density histogram: every event, and over it those that pass the
   * filter in the accent colour when a filter or search hides some. */
  for (guint b = 0; b < n_bins; b++)
    max = MAX (max, bins[b]);

  if (max > 0 && n_bins > 0)
    {
      if (match_bins != NULL)
        {
          draw_histogram (cr, bins, n_bins, max, width, chart_top, chart_bottom);
          _chrono_cairo_set_color (cr, chrono_color_with_alpha (style->dim_foreground, 0.15));
          cairo_fill_preserve (cr);
          _chrono_cairo_set_color (cr, chrono_color_with_alpha (style->dim_foreground, 0.35));
          cairo_set_line_width (cr, style->scale);
          cairo_stroke (cr);
        }

      draw_histogram (cr, match_bins != NULL ? match_bins : bins, n_bins, max, width, chart_top, chart_bottom);
      /* Matches look as all events do unfiltered, not tinted by the
       * dimmed layer under them. */
      if (match_bins != NULL)
        {
          _chrono_cairo_set_color (cr, style->axis_background);
          cairo_fill_preserve (cr);
        }
      _chrono_cairo_set_color (cr, chrono_color_with_alpha (style->accent, 0.35));
      cairo_fill_preserve (cr);
      _chrono_cairo_set_color (cr, chrono_color_with_alpha (style->accent, 0.8));
      cairo_set_line_width (cr, style->scale);
      cairo_stroke (cr);
    }

  /* The visible window: the rest is dimmed, the window framed. */
  x0 = chrono_viewport_time_to_x_double (&vp, visible_start);
  x1 = chrono_viewport_time_to_x_double (&vp, visible_end);
  x0 = CLAMP (x0, -2, width + 2);
  x1 = CLAMP (x1, x0 + 2 * style->scale, width + 4);

  _chrono_cairo_set_color (cr, chrono_color_with_alpha (style->background, 0.55));
  cairo_rectangle (cr, 0, 0, x0, height);
  cairo_rectangle (cr, x1, 0, width - x1, height);
  cairo_fill (cr);

  /* The year labels go over the dimming, so that they keep their
   * contrast outside the visible window too (the style's text pairs). */
  labels = place_labels (ticks);
  for (guint i = 0; i < labels->len; i++)
    {
      const Label *label = &g_array_index (labels, Label, i);

      _chrono_cairo_set_color (cr, style->dim_foreground);
      pango_layout_set_text (layout, label->text, -1);
      cairo_move_to (cr, label->label_x, chart_bottom);
      pango_cairo_show_layout (cr, layout);
    }

  cairo_rectangle (cr, x0 + 0.5 * style->scale, 0.5 * style->scale,
                   x1 - x0 - style->scale, height - style->scale);
  _chrono_cairo_set_color (cr, chrono_color_with_alpha (style->selection, 0.12));
  cairo_fill_preserve (cr);
  _chrono_cairo_set_color (cr, style->selection);
  cairo_set_line_width (cr, 1.5 * style->scale);
  cairo_stroke (cr);

  _chrono_cairo_set_color (cr, style->lane_separator);
  cairo_rectangle (cr, 0, 0, width, style->scale);
  cairo_fill (cr);

  cairo_restore (cr);
}
