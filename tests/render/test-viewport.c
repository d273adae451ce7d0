#define G_LOG_DOMAIN "chrono-test-viewport"

#include "config.h"

#include <math.h>

#include "chrono-date.h"
#include "chrono-viewport.h"

static void
test_roundtrip (void)
{
  ChronoViewport vp;
  gint64 start = chrono_time_from_civil (2015, 1, 1, 0, 0, 0);
  gint64 end = chrono_time_from_civil (2025, 1, 1, 0, 0, 0);

  chrono_viewport_init (&vp, start, end, 1000);

  g_assert_cmpfloat_with_epsilon (chrono_viewport_time_to_x (&vp, start), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (chrono_viewport_time_to_x (&vp, end), 1000, 1e-9);
  g_assert_cmpfloat_with_epsilon (chrono_viewport_x_to_time (&vp, 500), (start + end) / 2.0, 1e-3);
  g_assert_cmpfloat_with_epsilon (chrono_viewport_get_duration (&vp), (double) (end - start), 1e-6);
  g_assert_cmpfloat_with_epsilon (chrono_viewport_get_resolution (&vp), (end - start) / 1000.0, 1e-6);
}

/* Ten seconds 13.8 billion years ago: a double alone has about a minute
 * of resolution there, the viewport must still place each second. */
static void
test_deep_time_precision (void)
{
  ChronoViewport vp;
  gint64 big_bang = chrono_time_from_civil (-13800000000LL, 1, 1, 0, 0, 0);
  gint64 seconds;
  double fraction;

  g_assert_cmpint (big_bang, <, -400000000000000000LL);

  chrono_viewport_init_precise (&vp, big_bang, 0, 10, 1000);
  for (int s = 0; s <= 10; s++)
    g_assert_cmpfloat_with_epsilon (chrono_viewport_time_to_x (&vp, big_bang + s), s * 100.0, 1e-6);

  chrono_viewport_x_to_time_precise (&vp, 250, &seconds, &fraction);
  g_assert_cmpint (seconds, ==, big_bang + 2);
  g_assert_cmpfloat_with_epsilon (fraction, 0.5, 1e-9);

  /* Zooming about x = 250 keeps 2.5 s there. */
  chrono_viewport_zoom (&vp, 4, 250);
  chrono_viewport_x_to_time_precise (&vp, 250, &seconds, &fraction);
  g_assert_cmpint (seconds, ==, big_bang + 2);
  g_assert_cmpfloat_with_epsilon (fraction, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (chrono_viewport_get_duration (&vp), 2.5, 1e-9);

  /* Panning by 400 px (one second at this zoom) moves by one second. */
  chrono_viewport_pan (&vp, 400);
  chrono_viewport_x_to_time_precise (&vp, 250, &seconds, &fraction);
  g_assert_cmpint (seconds, ==, big_bang + 3);
  g_assert_cmpfloat_with_epsilon (fraction, 0.5, 1e-9);
}

static void
test_seconds (void)
{
  ChronoViewport vp;
  gint64 t = chrono_time_from_civil (2026, 5, 19, 9, 30, 15);

  chrono_viewport_init (&vp, t, t + 2, 1920);
  g_assert_cmpfloat_with_epsilon (chrono_viewport_time_to_x (&vp, t + 1), 960, 1e-6);
  g_assert_cmpfloat_with_epsilon (chrono_viewport_x_to_time (&vp, 960), t + 1.0, 1e-6);
}

/* Zooming keeps the time under the pointer, at every scale. */
static void
test_zoom_keeps_anchor (void)
{
  static const double spans[] = { 5, 3600, 86400 * 30.0, 3.15e9, 3.15e15 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    for (guint j = 0; j < 20; j++)
      {
        ChronoViewport vp;
        gint64 origin = (gint64) g_rand_double_range (rand, -1e17, 1e11);
        double x = g_rand_double_range (rand, 0, 800);
        double factor = g_rand_double_range (rand, 0.2, 5);
        gint64 before_s, after_s;
        double before_f, after_f;

        chrono_viewport_init_precise (&vp, origin, 0, spans[i], 800);
        chrono_viewport_x_to_time_precise (&vp, x, &before_s, &before_f);
        chrono_viewport_zoom (&vp, factor, x);
        chrono_viewport_x_to_time_precise (&vp, x, &after_s, &after_f);

        /* Within a millionth of the visible span. */
        g_assert_cmpfloat (fabs ((double) (after_s - before_s) + (after_f - before_f)), <=,
                           MAX (1e-6 * spans[i], 1e-6));
        g_assert_cmpfloat_with_epsilon (chrono_viewport_get_duration (&vp), spans[i] / factor,
                                        spans[i] * 1e-9);
      }
}

static void
test_clamp (void)
{
  ChronoViewport vp;
  double centre;

  chrono_viewport_init (&vp, 1000, 1000.25, 100);
  centre = (chrono_viewport_get_start (&vp) + chrono_viewport_get_end (&vp)) / 2;
  chrono_viewport_clamp (&vp, 1, 1e12);
  g_assert_cmpfloat_with_epsilon (chrono_viewport_get_duration (&vp), 1, 1e-9);
  g_assert_cmpfloat_with_epsilon ((chrono_viewport_get_start (&vp) + chrono_viewport_get_end (&vp)) / 2, centre, 1e-6);

  chrono_viewport_init (&vp, 0, 1e15, 100);
  chrono_viewport_clamp (&vp, 1, 1e12);
  g_assert_cmpfloat_with_epsilon (chrono_viewport_get_duration (&vp), 1e12, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/viewport/roundtrip", test_roundtrip);
  g_test_add_func ("/render/viewport/deep-time-precision", test_deep_time_precision);
  g_test_add_func ("/render/viewport/seconds", test_seconds);
  g_test_add_func ("/render/viewport/zoom-keeps-anchor", test_zoom_keeps_anchor);
  g_test_add_func ("/render/viewport/clamp", test_clamp);

  return g_test_run ();
}
