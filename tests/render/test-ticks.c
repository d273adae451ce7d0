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
          /* Context labels too: a sticky one pushed by the next gives
           * way rather than being cut ("002" for 2002). */
          for (guint i = 0; i < ticks->major->len; i++)
            {
              const ChronoTick *tick = &g_array_index (ticks->major, ChronoTick, i);

              if (tick->label != NULL &&
                  (tick->label_x < 0 || tick->label_x + tick->label_width > widths[w]))
                g_error ("%s: context label “%s” at %g..%g is cut by an edge", what,
                         tick->label, tick->label_x, tick->label_x + tick->label_width);
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

/* The year a tick shows: BC years count from 1 BC (astronomical 0). */
static gint64
displayed_year (gint64 time)
{
  gint64 year;

  chrono_time_to_civil (time, &year, NULL, NULL, NULL, NULL, NULL, NULL);
  return year <= 0 ? 1 - year : year;
}

/* BC ticks fall on round displayed years: 3000 BC, 2800 BC, not 3001 BC;
 * AD 1 may mark the era's boundary. */
static void
test_bc_years (void)
{
  const gint64 ranges[][2] = {
    { -2999, 1900 }, { -30000, 2000 }, { -600, 300 }, { -99, 50 }, { -150000, -20000 },
  };
  ChronoStyle style;

  chrono_style_init_light (&style, 1);

  for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
    for (double width = 640; width <= 1920; width += 640)
      {
        g_autoptr(ChronoTicks) ticks = NULL;
        ChronoViewport vp;
        guint n_bc = 0;

        chrono_viewport_init (&vp, (double) chrono_time_from_civil (ranges[r][0], 1, 1, 0, 0, 0),
                              (double) chrono_time_from_civil (ranges[r][1], 1, 1, 0, 0, 0), width);
        ticks = chrono_ticks_new (&vp, &style, context);
        g_assert_cmpint (ticks->unit, ==, CHRONO_TICK_YEAR);

        for (guint i = 0; i < ticks->minor->len; i++)
          {
            const ChronoTick *tick = &g_array_index (ticks->minor, ChronoTick, i);
            gint64 shown = displayed_year (tick->time);
            gint64 year;

            chrono_time_to_civil (tick->time, &year, NULL, NULL, NULL, NULL, NULL, NULL);
            if (year <= -100000)
              {
                g_assert_cmpint (-year % ticks->step, ==, 0);
                continue;
              }
            if (year == 1)
              continue;
            if (shown % ticks->step != 0)
              g_error ("range %" G_GINT64_FORMAT "..%" G_GINT64_FORMAT ": tick at %s, step %" G_GINT64_FORMAT,
                       ranges[r][0], ranges[r][1], tick->label, ticks->step);
            if (tick->label != NULL && g_str_has_suffix (tick->label, " BC"))
              n_bc++;
          }
        if (ranges[r][1] > -100000 && ranges[r][0] > -100000)
          g_assert_cmpuint (n_bc, >, 0);
      }

  {
    g_autoptr(ChronoTicks) ticks = NULL;
    ChronoViewport vp;

    chrono_viewport_init (&vp, (double) chrono_time_from_civil (-2999, 1, 1, 0, 0, 0),
                          (double) chrono_time_from_civil (1900, 1, 1, 0, 0, 0), 1920);
    ticks = chrono_ticks_new (&vp, &style, context);
    g_assert_true (row_has_label (ticks->minor, "2000 BC"));
    g_assert_false (row_has_label (ticks->minor, "1 BC"));
    g_assert_false (row_has_label (ticks->minor, "201 BC"));
  }
}

/* Context ticks at minute, hour and second steps are round multiples of
 * one step, evenly spaced, and never cut by the right edge. */
static void
test_regular_majors (void)
{
  gint64 t = chrono_time_from_civil (2026, 5, 19, 9, 26, 30);
  ChronoStyle style;

  chrono_style_init_light (&style, 1);

  for (double span = 120; span < 3 * 86400; span *= 1.3)
    for (double width = 600; width <= 1500; width += 450)
      {
        g_autoptr(ChronoTicks) ticks = NULL;
        ChronoViewport vp;
        gint64 gap = 0;
        gint64 last = G_MININT64;

        chrono_viewport_init (&vp, t, t + span, width);
        ticks = chrono_ticks_new (&vp, &style, context);
        if (ticks->unit > CHRONO_TICK_HOUR)
          continue;

        for (guint i = 0; i < ticks->major->len; i++)
          {
            const ChronoTick *tick = &g_array_index (ticks->major, ChronoTick, i);

            if (tick->label != NULL)
              g_assert_cmpfloat (tick->label_x + tick->label_width, <=, width);
            if (tick->x <= 0)
              continue;
            g_assert_cmpint (tick->time % 60, ==, 0);
            if (last != G_MININT64)
              {
                if (gap != 0 && tick->time - last != gap)
                  g_error ("span %g width %g: majors %" G_GINT64_FORMAT " then %" G_GINT64_FORMAT " s apart",
                           span, width, gap, tick->time - last);
                gap = tick->time - last;
                g_assert_cmpint (tick->time % gap, ==, 0);
                /* Every major tick in view is labelled, but the last
                 * may give way to the right edge. */
                if (i + 1 < ticks->major->len)
                  g_assert_nonnull (tick->label);
              }
            last = tick->time;
          }
      }
}

/* Panning slowly, so that each context label is pushed against the
 * left edge in turn: no label is ever cut by an edge. */
static void
test_edges (void)
{
  const double spans[] = { 3.0 * CHRONO_SECONDS_PER_YEAR, 40.0 * CHRONO_SECONDS_PER_DAY, 3.0 * 3600 };
  gint64 t0 = chrono_time_from_civil (2002, 1, 1, 0, 0, 0);
  ChronoStyle style;

  chrono_style_init_light (&style, 1);

  for (guint s = 0; s < G_N_ELEMENTS (spans); s++)
    for (guint step = 0; step < 200; step++)
      {
        g_autoptr(ChronoTicks) ticks = NULL;
        double start = t0 + spans[s] * step / 400.0;
        ChronoViewport vp;

        chrono_viewport_init (&vp, start, start + spans[s], 900);
        ticks = chrono_ticks_new (&vp, &style, context);

        for (guint i = 0; i < ticks->major->len; i++)
          {
            const ChronoTick *tick = &g_array_index (ticks->major, ChronoTick, i);

            if (tick->label != NULL &&
                (tick->label_x < 0 || tick->label_x + tick->label_width > 900))
              g_error ("span %g at %g: “%s” at %g..%g is cut by an edge", spans[s], start,
                       tick->label, tick->label_x, tick->label_x + tick->label_width);
          }
        for (guint i = 0; i < ticks->minor->len; i++)
          {
            const ChronoTick *tick = &g_array_index (ticks->minor, ChronoTick, i);

            if (tick->label != NULL)
              g_assert_true (tick->label_x >= 0 && tick->label_x + tick->label_width <= 900);
          }
      }
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
  g_test_add_func ("/render/ticks/bc-years", test_bc_years);
  g_test_add_func ("/render/ticks/regular-majors", test_regular_majors);
  g_test_add_func ("/render/ticks/edges", test_edges);

  {
    int status = g_test_run ();

    g_object_unref (context);
    return status;
  }
}
