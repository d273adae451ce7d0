/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Load, lay out and draw, headless, as the window and the exports do:
 * any document that loads must lay out and draw at any view.  Each input
 * is drawn on image surfaces at four views: the fitted span through the
 * export page (title, legend, caption), one event framed with its
 * neighbours and selected (dark), a 1 × 1 view and a large 4K view at
 * scale 2, each hit-tested; plus the overview strip.
 */
#define G_LOG_DOMAIN "chrono-fuzz"

#include "config.h"

#include <math.h>

#include "chrono-export.h"
#include "chrono-layout.h"
#include "chrono-overview-renderer.h"
#include "chrono-renderer.h"
#include "chrono-session.h"
#include "fuzz-util.h"

#define N_BINS 64

static PangoContext *context;

static void
assert_finite_rect (const ChronoRect *rect)
{
  /* Not necessarily positive: a view lower than the axis (the 1 × 1
   * one) gives the eras and the today line a negative height, which
   * draws nothing. */
  g_assert_true (isfinite (rect->x) && isfinite (rect->y) &&
                 isfinite (rect->width) && isfinite (rect->height));
}

/* Every box of @scene is a real box: a NaN or infinity would draw
 * nothing, or anything, and break hit-testing. */
static void
assert_scene_finite (ChronoScene *scene)
{
  const ChronoSceneItem *items;
  guint n_items;

  items = chrono_scene_get_items (scene, &n_items);
  for (guint i = 0; i < n_items; i++)
    {
      const ChronoSceneItem *item = &items[i];

      assert_finite_rect (&item->rect);
      assert_finite_rect (&item->bar);
      if (item->label != NULL)
        {
          g_assert_true (g_utf8_validate (item->label, -1, NULL));
          assert_finite_rect (&item->label_rect);
        }
      if (item->values != NULL)
        {
          guint n_values = item->count;

          if (item->kind == CHRONO_ITEM_SERIES || item->kind == CHRONO_ITEM_RELATION)
            n_values *= 2;
          for (guint j = 0; j < n_values; j++)
            g_assert_true (isfinite (item->values[j]));
        }
    }
}

/* Lays out [@start, @end) on @width × @height pixels, checks the scene,
 * draws it on @surface and hit-tests a few points of it. */
static void
draw_view (ChronoDocument    *document,
           const ChronoStyle *style,
           cairo_surface_t   *surface,
           double             start,
           double             end,
           double             width,
           double             height,
           int                selected)
{
  g_autoptr(ChronoScene) scene = NULL;
  ChronoLayoutParams params;
  cairo_t *cr;

  chrono_layout_params_init (&params, style, start, end, width, height);
  params.document = document;
  params.context = context;
  params.selected = selected;
  scene = chrono_layout_build (&params);
  g_assert_nonnull (scene);
  assert_scene_finite (scene);

  cr = cairo_create (surface);
  chrono_renderer_draw (cr, scene, style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);

  for (double fx = 0.0; fx <= 1.0; fx += 0.25)
    for (double fy = 0.0; fy <= 1.0; fy += 0.5)
      chrono_scene_hit_test (scene, fx * width, fy * height);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static cairo_surface_t *small, *tiny, *large;
  g_autoptr(ChronoDocument) document = NULL;
  g_autoptr(ChronoSession) session = NULL;
  ChronoExportOptions options;
  ChronoStyle light, dark, hidpi;
  double start, end, frame_start, frame_end;
  double bins[N_BINS];
  guint n_events;
  int selected = -1;
  cairo_t *cr;

  document = fuzz_load (data, size, CHRONO_LOAD_LENIENT);
  if (document == NULL)
    return 0;

  /* Made once, like a window's: fontconfig's start-up and clearing a
   * new 4K surface would dominate every run. */
  if (context == NULL)
    {
      context = chrono_style_create_pango_context ();
      small = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 450);
      tiny = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      large = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 3840, 2160);
    }
  chrono_style_init_light (&light, 1.0);
  chrono_style_init_dark (&dark, 1.0);
  chrono_style_init_light (&hidpi, 2.0);

  session = chrono_session_new ();
  chrono_session_set_document (session, document, FALSE);
  chrono_session_get_fit (session, &start, &end);
  g_assert_true (isfinite (start) && isfinite (end));
  g_assert_cmpfloat (start, <, end);

  /* The fitted span as an export page. */
  chrono_export_options_init (&options);
  cr = cairo_create (small);
  chrono_export_draw (cr, document, &options, 800, 450);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);

  /* Zoomed in on the middle event, selected, as a double-click does. */
  n_events = chrono_document_get_n_events (document);
  frame_start = start;
  frame_end = end;
  if (n_events > 0)
    {
      selected = (int) (n_events / 2);
      chrono_session_get_event_frame (session, (guint) selected, &frame_start, &frame_end);
      chrono_session_set_selected (session, selected);
    }
  draw_view (document, &dark, small, frame_start, frame_end, 800, 450, selected);

  draw_view (document, &light, tiny, start, end, 1, 1, -1);
  draw_view (document, &hidpi, large, start, end, 3840, 2160, selected);

  chrono_overview_compute_bins (document, NULL, start, end, N_BINS, bins);
  cr = cairo_create (small);
  chrono_overview_draw (cr, &light, bins, NULL, N_BINS, 800, 40, start, end, frame_start, frame_end);
  cairo_destroy (cr);

  return 0;
}
