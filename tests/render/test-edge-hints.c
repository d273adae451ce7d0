/* test-edge-hints.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-test-edge-hints"

#include "config.h"

#include <string.h>

#include "chrono-edge-hints.h"
#include "chrono-session.h"

#include "render-test-util.h"

#define WIDTH 1000.0
#define AXIS 44.0

typedef struct
{
  guint before;
  guint after;
  guint in_view;
  int   nearest_before;
  int   nearest_after;
} Expected;

/* The counts the slow way, for events that pass @mask (NULL: all). */
static Expected
count_by_hand (ChronoDocument *document,
               const guint8   *mask,
               double          start,
               double          end)
{
  Expected want = { 0, 0, 0, -1, -1 };
  gint64 latest_end = G_MININT64;

  for (guint i = 0; i < chrono_document_get_n_events (document); i++)
    {
      const ChronoEvent *event = chrono_document_get_event (document, i);

      if (mask != NULL && !mask[i])
        continue;

      if ((double) event->end_time <= start)
        {
          want.before++;
          if (event->end_time >= latest_end)
            {
              latest_end = event->end_time;
              want.nearest_before = i;
            }
        }
      else if ((double) event->start.time >= end)
        {
          want.after++;
          if (want.nearest_after < 0)
            want.nearest_after = i;
        }
      else
        want.in_view++;
    }

  return want;
}

static void
check_hints (ChronoDocument *document,
             const guint8   *mask,
             double          start,
             double          end)
{
  g_autoptr(ChronoEdgeIndex) index = chrono_edge_index_new (document, mask);
  PangoContext *context = chrono_style_create_pango_context ();
  Expected want = count_by_hand (document, mask, start, end);
  ChronoEdgeHints hints = { 0 };
  ChronoStyle style;

  chrono_style_init_light (&style, 1);
  chrono_edge_hints_init (&hints, index, start, end, &style, context, WIDTH, AXIS);

  g_assert_cmpuint (hints.hints[CHRONO_EDGE_BEFORE].count, ==, want.before);
  g_assert_cmpuint (hints.hints[CHRONO_EDGE_AFTER].count, ==, want.after);
  g_assert_cmpuint (hints.in_view, ==, want.in_view);
  g_assert_cmpint (hints.hints[CHRONO_EDGE_BEFORE].nearest, ==, want.nearest_before);
  g_assert_cmpint (hints.hints[CHRONO_EDGE_AFTER].nearest, ==, want.nearest_after);

  for (int edge = CHRONO_EDGE_BEFORE; edge <= CHRONO_EDGE_AFTER; edge++)
    {
      const ChronoEdgeHint *hint = &hints.hints[edge];
      const ChronoRect *r = &hint->rect;
      g_autofree char *count = g_strdup_printf ("%u event", hint->count);

      if (hint->count == 0)
        {
          g_assert_null (hint->text);
          g_assert_cmpint (chrono_edge_hints_hit_test (&hints, edge == CHRONO_EDGE_BEFORE ? 10 : WIDTH - 10,
                                                       AXIS - 10), !=, edge);
          continue;
        }

      /* "← 12 events" on the left, "3 events →" on the right. */
      g_assert_nonnull (strstr (hint->text, count));
      g_assert_true (g_str_has_prefix (hint->text, "← ") == (edge == CHRONO_EDGE_BEFORE));
      g_assert_true (g_str_has_suffix (hint->text, " →") == (edge == CHRONO_EDGE_AFTER));

      /* In the axis band, at its end of the canvas, clickable. */
      g_assert_cmpfloat (r->y, >=, AXIS / 2 - 1);
      g_assert_cmpfloat (r->y + r->height, <=, AXIS);
      g_assert_cmpfloat (r->width, >, 20);
      if (edge == CHRONO_EDGE_BEFORE)
        g_assert_cmpfloat (r->x, <, 10);
      else
        g_assert_cmpfloat (r->x + r->width, >, WIDTH - 10);
      g_assert_cmpint (chrono_edge_hints_hit_test (&hints, r->x + r->width / 2, r->y + r->height / 2), ==, edge);
    }

  /* Never where the lanes are. */
  g_assert_cmpint (chrono_edge_hints_hit_test (&hints, 10, AXIS + 5), ==, -1);

  chrono_edge_hints_clear (&hints);
  g_assert_null (hints.hints[CHRONO_EDGE_BEFORE].text);
  g_object_unref (context);
}

/* Zoomed into empty time, both ends say how many events lie that way;
 * counts agree with counting by hand at every view and with filters. */
static void
test_counts (void)
{
  g_autoptr(ChronoDocument) document = render_test_load_example ("ai-talent.json");
  g_autoptr(ChronoFilter) filter = chrono_filter_new ();
  double t = (double) chrono_time_from_civil (2008, 6, 1, 12, 0, 0);
  gint64 first, last;

  /* Twenty empty minutes in 2008: events on both sides, none in view. */
  check_hints (document, NULL, t, t + 1200);
  {
    Expected want = count_by_hand (document, NULL, t, t + 1200);

    g_assert_cmpuint (want.in_view, ==, 0);
    g_assert_cmpuint (want.before, >, 0);
    g_assert_cmpuint (want.after, >, 0);
  }

  /* Sweeping views of every size across the document. */
  chrono_document_get_bounds (document, &first, &last);
  for (double span = 3600; span < 1e9; span *= 7.3)
    for (guint i = 0; i <= 40; i++)
      {
        double s = (double) first - span + i / 40.0 * ((double) last - (double) first + span);

        check_hints (document, NULL, s, s + span);
      }

  /* Only what passes the filter counts. */
  chrono_filter_set_text (filter, "claude");
  check_hints (document, chrono_filter_get_mask (filter, document, NULL), t, t + 1200);
  for (double s = (double) first; s < (double) last; s += 3e7)
    check_hints (document, chrono_filter_get_mask (filter, document, NULL), s, s + 5e7);
}

/* The whole document in view: no hints at all. */
static void
test_none_when_fitted (void)
{
  g_autoptr(ChronoDocument) document = render_test_load_example ("computing-history.json");
  g_autoptr(ChronoSession) session = chrono_session_new ();
  g_autoptr(ChronoEdgeIndex) index = chrono_edge_index_new (document, NULL);
  PangoContext *context = chrono_style_create_pango_context ();
  ChronoEdgeHints hints = { 0 };
  ChronoStyle style;
  double start, end;

  chrono_session_set_document (session, document, FALSE);
  chrono_session_get_fit (session, &start, &end);
  chrono_style_init_light (&style, 1);
  chrono_edge_hints_init (&hints, index, start, end, &style, context, WIDTH, AXIS);
  g_assert_cmpuint (hints.hints[CHRONO_EDGE_BEFORE].count, ==, 0);
  g_assert_cmpuint (hints.hints[CHRONO_EDGE_AFTER].count, ==, 0);
  g_assert_cmpuint (hints.in_view, ==, chrono_document_get_n_events (document));
  chrono_edge_hints_clear (&hints);
  g_object_unref (context);
}

/* The hints are drawn where their boxes say, and nowhere in the lanes. */
static void
test_draw (void)
{
  g_autoptr(ChronoDocument) document = render_test_load_example ("ai-talent.json");
  g_autoptr(ChronoEdgeIndex) index = chrono_edge_index_new (document, NULL);
  PangoContext *context = chrono_style_create_pango_context ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) WIDTH, 100);
  cairo_t *cr = cairo_create (surface);
  double t = (double) chrono_time_from_civil (2008, 6, 1, 12, 0, 0);
  ChronoEdgeHints hints = { 0 };
  ChronoStyle style;
  guint32 *pixels;
  int stride;
  guint32 background;
  gboolean drawn = FALSE;

  chrono_style_init_light (&style, 1);
  chrono_edge_hints_init (&hints, index, t, t + 1200, &style, context, WIDTH, AXIS);

  cairo_set_source_rgb (cr, 1, 0, 1);
  cairo_paint (cr);
  chrono_edge_hints_draw (cr, &style, &hints, WIDTH, AXIS);
  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  pixels = (guint32 *) (gpointer) cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface) / 4;
  background = pixels[(int) AXIS * stride + 500];
  g_assert_cmphex (background, ==, 0xffff00ff);
  /* The lanes and the middle of the axis are left alone. */
  for (int x = 0; x < (int) WIDTH; x += 7)
    g_assert_cmphex (pixels[((int) AXIS + 5) * stride + x], ==, background);
  g_assert_cmphex (pixels[5 * stride + 500], ==, background);
  /* Something is drawn in each pill. */
  for (int edge = CHRONO_EDGE_BEFORE; edge <= CHRONO_EDGE_AFTER; edge++)
    {
      const ChronoRect *r = &hints.hints[edge].rect;

      drawn = FALSE;
      for (int x = (int) r->x + 2; x < (int) (r->x + r->width) - 2; x++)
        if (pixels[(int) (r->y + r->height / 2) * stride + x] != background)
          drawn = TRUE;
      g_assert_true (drawn);
    }

  chrono_edge_hints_clear (&hints);
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/edge-hints/counts", test_counts);
  g_test_add_func ("/render/edge-hints/none-when-fitted", test_none_when_fitted);
  g_test_add_func ("/render/edge-hints/draw", test_draw);

  return g_test_run ();
}
