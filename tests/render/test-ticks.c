#define G_LOG_DOMAIN "chrono-test-ticks"

#include "config.h"

#include <math.h>

#include "chrono-date.h"
#include "chrono-ticks.h"

static PangoContext *context;

static void
check_row (GArray            *row,
           const ChronoStyle *style,
           const char        *what)
{
  double last_end = -G_MAXDOUBLE;
  const char *last_label = NULL;
  gint64 last_time = G_MININT64;

  for (guint i = 0; i < row->len; i++)
    {
      const ChronoTick *tick = &g_array_index (row, ChronoTick, i);

      /* Monotonic in time and in x. */
      g_assert_cmpint (tick->time, >, last_time);
      last_time = tick->time;

      if (tick->label == NULL)
        continue;

      g_assert_cmpstr (tick->label, !=, "");
      g_assert_true (g_utf8_validate (tick->label, -1, NULL));
      if (tick->label_x < last_end + style->label_padding * style->scale - 0.01)
        g_error ("%s: label “%s” at %g overlaps “%s” ending at %g",
                 what, tick->label, tick->label_x, last_label, last_end);
      /* Consecutive labels say different things. */
      if (last_label != NULL)
        g_assert_cmpstr (tick->label, !=, last_label);
      last_end = tick->label_x + tick->label_width;
      last_label = tick->label;
    }
}

static guint
count_labels (GArray *row)
{
  guint n = 0;

  for (guint i = 0; i < row->len; i++)
    if (g_array_index (row, ChronoTick, i).label != NULL)
      n++;

  return n;
}

/* From 10 seconds to 30 billion years, at three places in time and two
 * widths: sensible, monotonic and never overlapping labels. */
static void
test_every_scale (void)
{
  ChronoStyle style;
  const double centres[] = {
    (double) chrono_time_from_civil (2026, 5, 19, 9, 30, 0),
    (double) chrono_time_from_civil (-499, 6, 1, 0, 0, 0),
    (double) chrono_time_from_civil (-4500000000LL, 1, 1, 0, 0, 0),
  };
  const double widths[] = { 1920, 640 };
  guint n_views = 0;

  chrono_style_init_light (&style, 1);

  for (guint c = 0; c < G_N_ELEMENTS (centres); c++)
    for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
      for (double span = 10; span < 30e9 * CHRONO_SECONDS_PER_YEAR; span *= 3.7)
        {
          g_autoptr(ChronoTicks) ticks = NULL;
          g_autofree char *what = NULL;
          ChronoViewport vp;

          /* Deep time only makes sense zoomed out. */
          if (c == 2 && span < 1e9)
            continue;

          chrono_viewport_init (&vp, centres[c] - span / 2, centres[c] + span / 2, widths[w]);
          ticks = chrono_ticks_new (&vp, &style, context);
          what = g_strdup_printf ("centre %g span %g width %g", centres[c], span, widths[w]);

          g_assert_nonnull (ticks);
          check_row (ticks->minor, &style, what);
          check_row (ticks->major, &style, what);
          /* Minor labels are whole, never cut by an edge. */
          for (guint i = 0; i < ticks->minor->len; i++)
            {
              const ChronoTick *tick = &g_array_index (ticks->minor, ChronoTick, i);

              if (tick->label != NULL)
                {
                  g_assert_cmpfloat (tick->label_x, >=, 0);
                  g_assert_cmpfloat (tick->label_x + tick->label_width, <=, widths[w]);
                }
            }
          if (count_labels (ticks->minor) < 2)
            g_error ("%s: only %u labels", what, count_labels (ticks->minor));
          n_views++;
        }

  g_assert_cmpuint (n_views, >, 60);
}

static gboolean
row_has_label (GArray     *row,
               const char *text)
{
  for (guint i = 0; i < row->len; i++)
    if (g_strcmp0 (g_array_index (row, ChronoTick, i).label, text) == 0)
      return TRUE;

  return FALSE;
}

static void
test_deep_time_labels (void)
{
  g_autoptr(ChronoTicks) ticks = NULL;
  ChronoStyle style;
  ChronoViewport vp;

  chrono_style_init_light (&style, 1);

  chrono_viewport_init (&vp, (double) chrono_time_from_civil (-14000000000LL, 1, 1, 0, 0, 0),
                        (double) chrono_time_from_civil (2026, 1, 1, 0, 0, 0), 1920);
  ticks = chrono_ticks_new (&vp, &style, context);
  g_assert_cmpint (ticks->unit, ==, CHRONO_TICK_YEAR);
  g_assert_true (row_has_label (ticks->minor, "10 billion years ago") ||
                 row_has_label (ticks->minor, "12 billion years ago"));
  g_clear_pointer (&ticks, chrono_ticks_free);

  chrono_viewport_init (&vp, (double) chrono_time_from_civil (-700000000LL, 1, 1, 0, 0, 0),
                        (double) chrono_time_from_civil (-300000000LL, 1, 1, 0, 0, 0), 1920);
  ticks = chrono_ticks_new (&vp, &style, context);
  g_assert_true (row_has_label (ticks->minor, "500 million years ago"));
}

static void
test_format_year (void)
{
  g_autofree char *a = chrono_ticks_format_year (-13800000000LL, 100000000);
  g_autofree char *b = chrono_ticks_format_year (-500000000LL, 100000000);
  g_autofree char *c = chrono_ticks_format_year (-2000000000LL, 1000000000);
  g_autofree char *d = chrono_ticks_format_year (2015, 1);

  g_assert_cmpstr (a, ==, "13.8 billion years ago");
  g_assert_cmpstr (b, ==, "500 million years ago");
  g_assert_cmpstr (c, ==, "2 billion years ago");
  g_assert_cmpstr (d, ==, "2015");
}

static void
test_months (void)
{
  g_autoptr(ChronoTicks) ticks = NULL;
  ChronoStyle style;
  ChronoViewport vp;

  chrono_style_init_light (&style, 1);
  chrono_viewport_init (&vp, (double) chrono_time_from_civil (2015, 1, 1, 0, 0, 0),
                        (double) chrono_time_from_civil (2016, 1, 1, 0, 0, 0), 640);
  ticks = chrono_ticks_new (&vp, &style, context);

  g_assert_cmpint (ticks->unit, ==, CHRONO_TICK_MONTH);
  g_assert_true (row_has_label (ticks->minor, chrono_month_name (3, TRUE)));
  g_assert_true (row_has_label (ticks->major, "2015"));
}

static void
test_seconds (void)
{
  g_autoptr(ChronoTicks) ticks = NULL;
  ChronoStyle style;
  ChronoViewport vp;
  gint64 t = chrono_time_from_civil (2026, 5, 19, 9, 30, 0);

  chrono_style_init_light (&style, 1);
  chrono_viewport_init (&vp, t, t + 20, 1920);
  ticks = chrono_ticks_new (&vp, &style, context);

  g_assert_cmpint (ticks->unit, ==, CHRONO_TICK_SECOND);
  g_assert_true (row_has_label (ticks->minor, "09:30:10"));
  /* The minute's context stays at the left edge. */
  g_assert_cmpuint (count_labels (ticks->major), >=, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  context = chrono_style_create_pango_context ();

  g_test_add_func ("/render/ticks/every-scale", test_every_scale);
  g_test_add_func ("/render/ticks/deep-time-labels", test_deep_time_labels);
  g_test_add_func ("/render/ticks/format-year", test_format_year);
  g_test_add_func ("/render/ticks/months", test_months);
  g_test_add_func ("/render/ticks/seconds", test_seconds);

  {
    int status = g_test_run ();

    g_object_unref (context);
    return status;
  }
}
