#define G_LOG_DOMAIN "chrono-test-ticks"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "chrono-date.h"
#include "chrono-overview-renderer.h"
#include "chrono-style-private.h"
#include "chrono-ticks.h"
#include "render-test-util.h"

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

static gint64
year_of_time (gint64 time)
{
  gint64 year;

  chrono_time_to_civil (time, &year, NULL, NULL, NULL, NULL, NULL, NULL);
  return year;
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

/* The labels of one row as people read them, with their boxes measured
 * again here in the font the renderer draws them in. */
typedef struct
{
  gint64      time;
  double      x;
  double      width;
  const char *text;
} Shown;

static GArray *
shown_labels (GArray      *row,
              PangoLayout *layout)
{
  GArray *shown = g_array_new (FALSE, FALSE, sizeof (Shown));

  for (guint i = 0; i < row->len; i++)
    {
      const ChronoTick *tick = &g_array_index (row, ChronoTick, i);
      PangoRectangle logical;
      Shown label;

      if (tick->label == NULL)
        continue;

      pango_layout_set_text (layout, tick->label, -1);
      pango_layout_get_pixel_extents (layout, NULL, &logical);
      label.time = tick->time;
      label.x = tick->label_x;
      label.width = logical.width;
      label.text = tick->label;
      g_array_append_val (shown, label);
    }

  return shown;
}

static int
compare_shown (gconstpointer a,
               gconstpointer b)
{
  const Shown *sa = a;
  const Shown *sb = b;

  return (sa->x > sb->x) - (sa->x < sb->x);
}

/* A civil month's name in @text, full or abbreviated. */
static gboolean
has_month_name (const char *text)
{
  for (int m = 1; m <= 12; m++)
    if (strstr (text, chrono_month_name (m, FALSE)) != NULL ||
        strstr (text, chrono_month_name (m, TRUE)) != NULL)
      return TRUE;

  return FALSE;
}

/* Five digits or more in a row: a number left ungrouped. */
static gboolean
has_ungrouped_number (const char *text)
{
  int run = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      run = g_ascii_isdigit (*p) ? run + 1 : 0;
      if (run >= 5)
        return TRUE;
    }

  return FALSE;
}

/* What people read on one row: labels in time order, whole, apart by
 * the padding in the font they are drawn in, never two the same side by
 * side, no civil date with deep time, long numbers grouped. */
static void
check_labels (GArray            *shown,
              const ChronoStyle *style,
              double             width,
              const char        *what)
{
  double pad = chrono_style_px (style, style->label_padding);

  for (guint i = 0; i < shown->len; i++)
    {
      const Shown *label = &g_array_index (shown, Shown, i);

      if (label->x < 0 || label->x + label->width > width + 0.5)
        g_error ("%s: “%s” at %g..%g is cut by an edge", what, label->text,
                 label->x, label->x + label->width);
      if (strstr (label->text, "years") != NULL && has_month_name (label->text))
        g_error ("%s: “%s” mixes a civil date with deep time", what, label->text);
      if (has_ungrouped_number (label->text))
        g_error ("%s: “%s” has an ungrouped number", what, label->text);

      if (i == 0)
        continue;

      {
        const Shown *prev = &g_array_index (shown, Shown, i - 1);

        if (label->time <= prev->time)
          g_error ("%s: “%s” comes after “%s” but is not later", what, label->text, prev->text);
        if (g_strcmp0 (label->text, prev->text) == 0)
          g_error ("%s: two labels side by side read “%s”", what, label->text);
        if (prev->x + prev->width + pad > label->x + 0.5)
          g_error ("%s: “%s” at %g..%g runs into “%s” at %g", what, prev->text,
                   prev->x, prev->x + prev->width, label->text, label->x);
      }
    }
}

static gint64
month_index (gint64 time)
{
  gint64 year;
  int month;

  chrono_time_to_civil (time, &year, &month, NULL, NULL, NULL, NULL, NULL);
  return year * 12 + month - 1;
}

/* Each minor tick is the same number of units after the one before it.
 * Where units are uneven the count restarts at a context tick: weeks on
 * one row at each month (1, 8, 15, 22), days in deep time at each year;
 * years skip the missing year 0 at AD 1 and the start of deep time. */
static void
check_steps (const ChronoTicks *ticks,
             gboolean           one_row,
             const char        *what)
{
  GArray *row = ticks->minor;

  for (guint i = 1; i < row->len; i++)
    {
      gint64 a = g_array_index (row, ChronoTick, i - 1).time;
      gint64 b = g_array_index (row, ChronoTick, i).time;
      gint64 ya = year_of_time (a), yb = year_of_time (b);
      gint64 expected = 0;
      gint64 got = b - a;
      gboolean ok;

      switch (ticks->unit)
        {
        case CHRONO_TICK_SECOND: expected = ticks->step; break;
        case CHRONO_TICK_MINUTE: expected = ticks->step * 60; break;
        case CHRONO_TICK_HOUR: expected = ticks->step * 3600; break;
        case CHRONO_TICK_DAY: expected = ticks->step * CHRONO_SECONDS_PER_DAY; break;
        case CHRONO_TICK_WEEK: expected = 7 * CHRONO_SECONDS_PER_DAY; break;
        case CHRONO_TICK_MONTH:
          expected = ticks->step;
          got = month_index (b) - month_index (a);
          break;
        case CHRONO_TICK_YEAR:
          expected = ticks->step;
          got = yb - ya;
          break;
        default:
          g_assert_not_reached ();
        }

      ok = got == expected;
      if (!ok && ticks->unit == CHRONO_TICK_WEEK && one_row)
        {
          int day;

          chrono_time_to_civil (b, NULL, NULL, &day, NULL, NULL, NULL, NULL);
          ok = day == 1 || day == 8 || day == 15 || day == 22;
          ok = ok && got >= 7 * CHRONO_SECONDS_PER_DAY && got <= 10 * CHRONO_SECONDS_PER_DAY;
        }
      /* Deep time: days count from each year's start. */
      if (!ok && ticks->unit == CHRONO_TICK_DAY && ya != yb)
        ok = b == chrono_time_from_civil (yb, 1, 1, 0, 0, 0) && got < expected;
      if (!ok && ticks->unit == CHRONO_TICK_YEAR && (ya == 1 || (ya <= -100000 && yb > -100000)))
        ok = ABS (got - expected) <= 1;
      if (!ok)
        g_error ("%s: ticks %" G_GINT64_FORMAT " then %" G_GINT64_FORMAT " (%s then %s): %"
                 G_GINT64_FORMAT " apart, not %" G_GINT64_FORMAT " (unit %d × %" G_GINT64_FORMAT ")",
                 what, a, b, g_array_index (row, ChronoTick, i - 1).label,
                 g_array_index (row, ChronoTick, i).label, got, expected, ticks->unit, ticks->step);
    }
}

/* From the whole age of the universe down to ten seconds, around now,
 * 500 BC, 38 million years ago, the Big Bang and 1970, at two widths, on
 * the axis's two rows and on the overview's one. */
static void
test_sweep (void)
{
  const struct { const char *name; gint64 time; } centres[] = {
    { "now", chrono_now () },
    { "500 BC", chrono_time_from_civil (-499, 6, 1, 0, 0, 0) },
    { "38 Ma", chrono_time_from_civil (-38255750, 7, 28, 15, 0, 0) },
    { "13.8 Ga", chrono_time_from_civil (-13800000000LL, 3, 1, 0, 0, 0) },
    { "1970", 0 },
  };
  const double widths[] = { 800, 1600 };
  const double whole = 13.8e9 * CHRONO_SECONDS_PER_YEAR * 1.05;
  g_autoptr(PangoLayout) small = pango_layout_new (context);
  g_autoptr(PangoLayout) header = pango_layout_new (context);
  ChronoStyle style;
  guint n_views = 0;

  chrono_style_init_light (&style, 1);
  _chrono_style_set_layout_font (small, &style, style.small_font_size, FALSE);
  _chrono_style_set_layout_font (header, &style, style.header_font_size, TRUE);

  for (guint c = 0; c < G_N_ELEMENTS (centres); c++)
    for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
      for (double span = whole; span >= 10; span = span > 27 ? span / 2.7 : span == 10 ? 0 : 10)
        for (int one_row = 0; one_row <= 1; one_row++)
          {
            g_autoptr(ChronoTicks) ticks = NULL;
            g_autoptr(GArray) minor = NULL;
            g_autoptr(GArray) major = NULL;
            g_autofree char *what = NULL;
            ChronoViewport vp;

            /* Exact to the second thirteen billion years ago. */
            chrono_viewport_init_precise (&vp, centres[c].time, -span / 2, span / 2, widths[w]);
            ticks = chrono_ticks_new_full (&vp, &style, context,
                                           one_row ? CHRONO_TICKS_ONE_ROW : CHRONO_TICKS_DEFAULT);
            what = g_strdup_printf ("%s, %g s wide, %g px, %s", centres[c].name, span, widths[w],
                                    one_row ? "one row" : "two rows");

            minor = shown_labels (ticks->minor, small);
            major = shown_labels (ticks->major, one_row ? small : header);
            check_steps (ticks, one_row, what);
            if (one_row)
              {
                g_array_append_vals (minor, major->data, major->len);
                g_array_sort (minor, compare_shown);
                check_labels (minor, &style, widths[w], what);
              }
            else
              {
                check_labels (minor, &style, widths[w], what);
                check_labels (major, &style, widths[w], what);
              }
            /* One row may be left with a single long label ("13,800,000,000
             * years ago" over 20 months), never with none. */
            if (minor->len < (one_row ? 1u : 2u))
              g_error ("%s: %u labels", what, minor->len);
            n_views++;
          }

  g_assert_cmpuint (n_views, >, 700);
}

/* The zooms of the report: around 38 million years ago from years to
 * hours, which read "38.3 million years ago" on every year, "38255750
 * years ago", then "28 Jul 38.3 million years ago, 15:00". */
static void
test_deep_zoom (void)
{
  const gint64 year = -38255750;
  ChronoStyle style;

  chrono_style_init_light (&style, 1);

  {
    g_autoptr(ChronoTicks) ticks = NULL;
    ChronoViewport vp;

    chrono_viewport_init (&vp, (double) chrono_time_from_civil (year - 10, 1, 1, 0, 0, 0),
                          (double) chrono_time_from_civil (year + 10, 1, 1, 0, 0, 0), 1600);
    ticks = chrono_ticks_new (&vp, &style, context);
    g_assert_cmpint (ticks->unit, ==, CHRONO_TICK_YEAR);
    g_assert_cmpint (ticks->step, <=, 2);
    g_assert_true (row_has_label (ticks->minor, "38,255,750 years ago"));
    g_assert_cmpuint (ticks->major->len, ==, 0);
  }

  {
    g_autoptr(ChronoTicks) ticks = NULL;
    ChronoViewport vp;

    chrono_viewport_init (&vp, (double) chrono_time_from_civil (year, 7, 20, 0, 0, 0),
                          (double) chrono_time_from_civil (year, 8, 5, 0, 0, 0), 1600);
    ticks = chrono_ticks_new (&vp, &style, context);
    g_assert_cmpint (ticks->unit, ==, CHRONO_TICK_DAY);
    /* 20 July is day 200 of a common year, counted from 0. */
    g_assert_true (row_has_label (ticks->minor, "+201 d"));
    g_assert_true (row_has_label (ticks->major, "38,255,750 years ago"));
  }

  {
    g_autoptr(ChronoTicks) ticks = NULL;
    ChronoViewport vp;

    chrono_viewport_init (&vp, (double) chrono_time_from_civil (year, 7, 28, 0, 0, 0),
                          (double) chrono_time_from_civil (year, 7, 29, 12, 0, 0), 1600);
    ticks = chrono_ticks_new (&vp, &style, context);
    g_assert_cmpint (ticks->unit, ==, CHRONO_TICK_HOUR);
    g_assert_true (row_has_label (ticks->minor, "15:00"));
    g_assert_true (row_has_label (ticks->major, "38,255,750 years ago +208 d"));
    g_assert_true (row_has_label (ticks->major, "38,255,750 years ago +209 d"));
  }
}

/* Day ticks in August 2024 in the overview strip, at every width:
 * regular (every day, every other day, or 1, 8, 15, 22), never thinned
 * to 15, 17, 18, 20, 22, 24 Aug. */
static void
test_regular_days (void)
{
  gint64 start = chrono_time_from_civil (2024, 8, 1, 0, 0, 0);
  ChronoStyle style;

  chrono_style_init_light (&style, 1);

  for (double days = 5; days < 120; days *= 1.2)
    for (double width = 300; width <= 1600; width += 130)
      {
        g_auto(GStrv) labels = chrono_overview_dup_labels (&style, width, start,
                                                           start + days * CHRONO_SECONDS_PER_DAY);
        g_autofree char *joined = g_strjoinv (" | ", labels);
        gint64 gap = 0;
        gint64 prev = -1;

        for (guint i = 0; labels[i] != NULL; i++)
          {
            gint64 day;
            char *end;

            day = g_ascii_strtoll (labels[i], &end, 10);
            if (*end != '\0' || end == labels[i])
              {
                prev = -1;  /* a month's name restarts the count */
                continue;
              }
            if (prev > 0 && day > prev)
              {
                if (gap != 0 && day - prev != gap)
                  g_error ("%g days at %g px: “%s” is irregular", days, width, joined);
                gap = day - prev;
              }
            prev = day;
          }
      }
}

/* Digits are grouped with the locale's separator: "," in C, "." in
 * German, where such a locale can be had. */
static void
test_grouping (void)
{
  g_autofree char *c_text = chrono_ticks_format_year (-38255750, 1);
  g_autofree char *locdir = NULL;
  g_autofree char *old = g_strdup (setlocale (LC_NUMERIC, NULL));
  const char *name = "de_DE.UTF-8";

  g_assert_cmpstr (c_text, ==, "38,255,750 years ago");

  if (setlocale (LC_NUMERIC, name) == NULL)
    {
      /* The machine may have no German locale: make one, as
       * tests/app/test-translation.sh does. */
      g_autofree char *target = NULL;
      const char *argv[] = { "localedef", "-i", "de_DE", "-f", "UTF-8", NULL, NULL };
      int status = 0;

      locdir = g_dir_make_tmp ("chrono-locale-XXXXXX", NULL);
      target = g_build_filename (locdir, name, NULL);
      argv[5] = target;
      if (locdir != NULL &&
          g_spawn_sync (NULL, (char **) argv, NULL,
                        G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                        NULL, NULL, NULL, NULL, &status, NULL) &&
          g_spawn_check_wait_status (status, NULL))
        {
          g_setenv ("LOCPATH", locdir, TRUE);
          setlocale (LC_NUMERIC, name);
        }
    }

  if (g_strcmp0 (setlocale (LC_NUMERIC, NULL), name) != 0)
    g_test_skip ("no German locale");
  else
    {
      g_autofree char *whole = chrono_ticks_format_year (-38255750, 1);
      g_autofree char *decimal = chrono_ticks_format_year (-38250000, 1000);

      g_assert_cmpstr (whole, ==, "38.255.750 years ago");
      g_assert_cmpstr (decimal, ==, "38,250 million years ago");
    }

  setlocale (LC_NUMERIC, old);
  g_unsetenv ("LOCPATH");
  if (locdir != NULL)
    render_test_remove_tree (locdir);
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
  g_test_add_func ("/render/ticks/sweep", test_sweep);
  g_test_add_func ("/render/ticks/deep-zoom", test_deep_zoom);
  g_test_add_func ("/render/ticks/regular-days", test_regular_days);
  g_test_add_func ("/render/ticks/grouping", test_grouping);

  {
    int status = g_test_run ();

    g_object_unref (context);
    return status;
  }
}
