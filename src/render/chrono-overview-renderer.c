#define G_LOG_DOMAIN "chrono-overview-renderer"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "chrono-overview-renderer.h"
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

static void
set_color (cairo_t     *cr,
           ChronoColor  color)
{
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha);
}

void
chrono_overview_draw (cairo_t           *cr,
                      const ChronoStyle *style,
                      const double      *bins,
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
  PangoFontDescription *font;
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
  set_color (cr, style->axis_background);
  cairo_paint (cr);

  chrono_viewport_init (&vp, range_start, range_end, width);

  /* Grid and year labels, small. */
  small = *style;
  small.small_font_size = style->small_font_size * 0.9;
  small.label_padding = style->label_padding * 2;
  layout = pango_cairo_create_layout (cr);
  ticks = chrono_ticks_new (&vp, &small, pango_layout_get_context (layout));
  font = chrono_style_create_font (&small, small.small_font_size, FALSE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  for (guint i = 0; i < ticks->minor->len; i++)
    {
      const ChronoTick *tick = &g_array_index (ticks->minor, ChronoTick, i);

      set_color (cr, style->grid_minor);
      cairo_rectangle (cr, round (tick->x), chart_top, style->scale, chart_bottom - chart_top);
      cairo_fill (cr);

      if (tick->label != NULL)
        {
          set_color (cr, style->dim_foreground);
          pango_layout_set_text (layout, tick->label, -1);
          cairo_move_to (cr, tick->label_x, chart_bottom);
          pango_cairo_show_layout (cr, layout);
        }
    }

  /* The density histogram. */
  for (guint b = 0; b < n_bins; b++)
    max = MAX (max, bins[b]);

  if (max > 0 && n_bins > 0)
    {
      double column = width / n_bins;

      cairo_move_to (cr, 0, chart_bottom);
      for (guint b = 0; b < n_bins; b++)
        {
          double h = log1p (bins[b]) / log1p (max) * (chart_bottom - chart_top);

          cairo_line_to (cr, b * column, chart_bottom - h);
          cairo_line_to (cr, (b + 1) * column, chart_bottom - h);
        }
      cairo_line_to (cr, width, chart_bottom);
      cairo_close_path (cr);
      set_color (cr, chrono_color_with_alpha (style->accent, 0.35));
      cairo_fill_preserve (cr);
      set_color (cr, chrono_color_with_alpha (style->accent, 0.8));
      cairo_set_line_width (cr, style->scale);
      cairo_stroke (cr);
    }

  /* The visible window: the rest is dimmed, the window framed. */
  x0 = chrono_viewport_time_to_x_double (&vp, visible_start);
  x1 = chrono_viewport_time_to_x_double (&vp, visible_end);
  x0 = CLAMP (x0, -2, width + 2);
  x1 = CLAMP (x1, x0 + 2 * style->scale, width + 4);

  set_color (cr, chrono_color_with_alpha (style->background, 0.55));
  cairo_rectangle (cr, 0, 0, x0, height);
  cairo_rectangle (cr, x1, 0, width - x1, height);
  cairo_fill (cr);

  cairo_rectangle (cr, x0 + 0.5 * style->scale, 0.5 * style->scale,
                   x1 - x0 - style->scale, height - style->scale);
  set_color (cr, chrono_color_with_alpha (style->selection, 0.12));
  cairo_fill_preserve (cr);
  set_color (cr, style->selection);
  cairo_set_line_width (cr, 1.5 * style->scale);
  cairo_stroke (cr);

  set_color (cr, style->lane_separator);
  cairo_rectangle (cr, 0, 0, width, style->scale);
  cairo_fill (cr);

  cairo_restore (cr);
}
