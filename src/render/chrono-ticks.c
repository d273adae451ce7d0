#define G_LOG_DOMAIN "chrono-ticks"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "chrono-date.h"
#include "chrono-style-private.h"
#include "chrono-ticks.h"

#define MAX_TICKS 1000
#define DEEP_STEP 100000
#define MONDAY_OFFSET (-3 * (gint64) CHRONO_SECONDS_PER_DAY) /* 1969-12-29 */

typedef struct
{
  ChronoTickUnit unit;
  gint64         count;
} Step;

/* Steps within a day: the same everywhere, days being all alike. */
static const Step clock_steps[] = {
  { CHRONO_TICK_SECOND, 1 }, { CHRONO_TICK_SECOND, 2 }, { CHRONO_TICK_SECOND, 5 },
  { CHRONO_TICK_SECOND, 10 }, { CHRONO_TICK_SECOND, 15 }, { CHRONO_TICK_SECOND, 30 },
  { CHRONO_TICK_MINUTE, 1 }, { CHRONO_TICK_MINUTE, 2 }, { CHRONO_TICK_MINUTE, 5 },
  { CHRONO_TICK_MINUTE, 10 }, { CHRONO_TICK_MINUTE, 15 }, { CHRONO_TICK_MINUTE, 30 },
  { CHRONO_TICK_HOUR, 1 }, { CHRONO_TICK_HOUR, 3 }, { CHRONO_TICK_HOUR, 6 },
  { CHRONO_TICK_HOUR, 12 },
};

/* From a day to a year, on the calendar. */
static const Step calendar_steps[] = {
  { CHRONO_TICK_DAY, 1 }, { CHRONO_TICK_DAY, 2 },
  { CHRONO_TICK_WEEK, 1 },
  { CHRONO_TICK_MONTH, 1 }, { CHRONO_TICK_MONTH, 3 }, { CHRONO_TICK_MONTH, 6 },
};

/* Where civil dates mean nothing (38 million years ago) there are no
 * months and no weeks: days count from the start of the year, which the
 * context row names, in steps that read as round numbers. */
static const Step deep_day_steps[] = {
  { CHRONO_TICK_DAY, 1 }, { CHRONO_TICK_DAY, 2 }, { CHRONO_TICK_DAY, 5 },
  { CHRONO_TICK_DAY, 10 }, { CHRONO_TICK_DAY, 20 }, { CHRONO_TICK_DAY, 50 },
  { CHRONO_TICK_DAY, 100 },
};

/* What every step of one axis shares. */
typedef struct
{
  const ChronoViewport *vp;
  const ChronoStyle    *style;
  PangoLayout          *minor_layout;
  PangoLayout          *major_layout;
  GStringChunk         *strings;
  GArray               *times;  /* of gint64, scratch */
  gboolean              deep;   /* no civil dates in view */
  gboolean              one_row;
} Axis;

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;

  return q;
}

static double
unit_seconds (ChronoTickUnit unit)
{
  switch (unit)
    {
    case CHRONO_TICK_SECOND: return 1;
    case CHRONO_TICK_MINUTE: return 60;
    case CHRONO_TICK_HOUR: return 3600;
    case CHRONO_TICK_DAY: return CHRONO_SECONDS_PER_DAY;
    case CHRONO_TICK_WEEK: return 7.0 * CHRONO_SECONDS_PER_DAY;
    case CHRONO_TICK_MONTH: return 28.0 * CHRONO_SECONDS_PER_DAY; /* the shortest */
    case CHRONO_TICK_YEAR: return 365.0 * CHRONO_SECONDS_PER_DAY;
    default: g_assert_not_reached ();
    }
}

static gint64
year_start (gint64 year)
{
  return chrono_time_from_civil (year, 1, 1, 0, 0, 0);
}

static gint64
year_of (gint64 time)
{
  gint64 year;

  chrono_time_to_civil (time, &year, NULL, NULL, NULL, NULL, NULL, NULL);
  return year;
}

/* Years that chrono_format_year() names as calendar years ("12,000 BC",
 * "2015") rather than as deep time ("100 thousand years ago"): only
 * these may carry a month and a day. */
static gboolean
is_civil_year (gint64 year)
{
  return year > 1 - DEEP_STEP && year < DEEP_STEP;
}

/* The day of @time counted from 0 at the start of its year. */
static gint64
day_of_year (gint64 time)
{
  return floor_div (time - year_start (year_of (time)), CHRONO_SECONDS_PER_DAY);
}

/* The year as it is displayed, for rounding: BC years count from 1 BC
 * (astronomical year 0), so astronomical -2999 is 3000 BC; deep time
 * ("years ago") and AD years are their plain magnitudes. */
static gboolean
is_year_tick (gint64 year,
              gint64 count)
{
  /* Steps of deep time align on the present's scale, year 0 is "now". */
  if (count >= DEEP_STEP || year <= -DEEP_STEP)
    return year % count == 0;
  /* 100,000 BC would sit a year after "0.1 million years ago". */
  if (year == 1 - DEEP_STEP)
    return FALSE;
  if (year <= 0)
    return (1 - year) % count == 0;
  /* AD 1 follows 1 BC: it marks the era's boundary on a BC-AD axis. */
  return year == 1 || year % count == 0;
}

/* The first tick year at or after @year for a step of @count years. */
static gint64
next_year_tick (gint64 year,
                gint64 count)
{
  if (count >= DEEP_STEP || year <= -DEEP_STEP)
    {
      gint64 y = -floor_div (-year, count) * count;

      if (count >= DEEP_STEP || y <= -DEEP_STEP)
        return y;
      year = 2 - DEEP_STEP;
    }

  if (year <= 0)
    {
      gint64 n = ((1 - year) / count) * count;

      if (n >= 1 && 1 - n != 1 - DEEP_STEP)
        return 1 - n;
      if (n >= 1 && n - count >= 1)
        return 1 - (n - count);
      year = 1;
    }

  if (year == 1)
    return 1;

  return -floor_div (-year, count) * count;
}

/* Appends the times of every tick of @unit × @count from just before the
 * left edge to just after the right edge. */
static gboolean
collect_times (const ChronoViewport *vp,
               gboolean              deep,
               gboolean              one_row,
               ChronoTickUnit        unit,
               gint64                count,
               GArray               *times)
{
  gint64 first;
  gint64 last;

  g_array_set_size (times, 0);
  chrono_viewport_x_to_time_precise (vp, 0, &first, NULL);
  chrono_viewport_x_to_time_precise (vp, vp->width, &last, NULL);
  last += 1;

  if (unit == CHRONO_TICK_YEAR)
    {
      gint64 y_last = year_of (last);
      gint64 y = next_year_tick (MAX (year_of (first) - 2 * count - 1, CHRONO_YEAR_MIN), count);

      for (; y <= y_last + count && y <= CHRONO_YEAR_MAX; y = next_year_tick (y + 1, count))
        {
          gint64 t = year_start (y);

          if (y < CHRONO_YEAR_MIN)
            continue;
          g_array_append_val (times, t);
          if (times->len > MAX_TICKS)
            return FALSE;
          if (t > last)
            break;
        }
    }
  else if (unit == CHRONO_TICK_DAY && deep && count > 1)
    {
      /* Counted from each year's start, which the context row labels:
       * "+0 d, +10 d ... +360 d", then the next year's "+0 d". */
      gint64 step = count * CHRONO_SECONDS_PER_DAY;
      gint64 year = year_of (first);
      gint64 t = year_start (year) + floor_div (first - year_start (year), step) * step;

      for (;;)
        {
          g_array_append_val (times, t);
          if (times->len > MAX_TICKS)
            return FALSE;
          if (t > last)
            break;
          t += step;
          if (t >= year_start (year + 1))
            t = year_start (++year);
        }
    }
  else if (unit == CHRONO_TICK_WEEK && one_row)
    {
      /* On one row the month's name stands at its first day, so weeks
       * restart with each month, on the same days: 1, 8, 15, 22. */
      gint64 year;
      int month, day;

      chrono_time_to_civil (first, &year, &month, &day, NULL, NULL, NULL, NULL);
      day = MIN ((day - 1) / 7, 3) * 7 + 1;
      for (;;)
        {
          gint64 t = chrono_time_from_civil (year, month, day, 0, 0, 0);

          g_array_append_val (times, t);
          if (times->len > MAX_TICKS)
            return FALSE;
          if (t > last)
            break;
          day += 7;
          if (day > 22)
            {
              day = 1;
              if (++month > 12)
                {
                  month = 1;
                  year++;
                }
            }
        }
    }
  else if (unit == CHRONO_TICK_MONTH)
    {
      gint64 year;
      int month;

      chrono_time_to_civil (first, &year, &month, NULL, NULL, NULL, NULL, NULL);
      month = (int) (((month - 1) / count) * count) + 1;
      for (;;)
        {
          gint64 t = chrono_time_from_civil (year, month, 1, 0, 0, 0);

          g_array_append_val (times, t);
          if (times->len > MAX_TICKS)
            return FALSE;
          if (t > last)
            break;
          month += count;
          if (month > 12)
            {
              month -= 12;
              year++;
            }
        }
    }
  else
    {
      gint64 step = (gint64) unit_seconds (unit) * count;
      gint64 offset = unit == CHRONO_TICK_WEEK ? MONDAY_OFFSET : 0;
      gint64 t = floor_div (first - offset, step) * step + offset;

      for (;; t += step)
        {
          g_array_append_val (times, t);
          if (times->len > MAX_TICKS)
            return FALSE;
          if (t > last)
            break;
        }
    }

  return TRUE;
}

/* A whole deep-time year, where year 0 is the present:
 * "38,255,750 years ago", "in 250,000 years". */
static char *
format_whole_years (gint64 year)
{
  g_autofree char *number = chrono_format_count ((guint64) ABS (year));

  if (year > 0)
    /* Translators: deep time on an axis, %s is a number of years */
    return g_strdup_printf (C_("axis", "in %s years"), number);

  /* Translators: deep time on an axis, %s is a number of years */
  return g_strdup_printf (_("%s years ago"), number);
}

char *
chrono_ticks_format_year (gint64 year,
                          gint64 step)
{
  g_autofree char *number = NULL;
  guint64 magnitude;
  double unit_size;
  int decimals = 0;

  /* On an axis of millions of years, year 0 is the present, not 1 BC. */
  if (year == 0 && step >= DEEP_STEP)
    return g_strdup (C_("axis", "now"));

  if (is_civil_year (year))
    return chrono_format_year (year);

  magnitude = (guint64) ABS (year);
  unit_size = magnitude >= 1000000000 ? 1e9 : 1e6;

  /* As many decimals as the step needs, the same on every tick ("38.250,
   * 38.251"), so that neighbours never read the same; past three, whole
   * years read better than "38.2557 million". */
  if (step > 0 && step < unit_size)
    decimals = (int) ceil (log10 (unit_size / (double) step) - 1e-9);
  if (decimals > 3)
    return format_whole_years (year);

  /* The locale's decimal separator, on purpose. */
  number = g_strdup_printf ("%.*f", decimals, (double) magnitude / unit_size);

  if (year > 0)
    return g_strdup_printf (unit_size == 1e9 ? _("in %s billion years") : _("in %s million years"),
                            number);

  return g_strdup_printf (unit_size == 1e9 ? _("%s billion years ago") : _("%s million years ago"),
                          number);
}

static char *
format_minor (const Axis     *axis,
              ChronoTickUnit  unit,
              gint64          count,
              gint64          time)
{
  gint64 year;
  int month, day, hour, minute, second;

  chrono_time_to_civil (time, &year, &month, &day, &hour, &minute, &second, NULL);

  switch (unit)
    {
    case CHRONO_TICK_SECOND:
      return g_strdup_printf ("%02d:%02d:%02d", hour, minute, second);
    case CHRONO_TICK_MINUTE:
    case CHRONO_TICK_HOUR:
      return g_strdup_printf ("%02d:%02d", hour, minute);
    case CHRONO_TICK_DAY:
      if (axis->deep)
        /* Translators: on a deep-time axis, a number of days after the
         * start of the year named above it: "+120 d" */
        return g_strdup_printf (C_("axis", "+%d d"), (int) day_of_year (time));
      return g_strdup_printf ("%d", day);
    case CHRONO_TICK_WEEK:
      return g_strdup_printf ("%d", day);
    case CHRONO_TICK_MONTH:
      return g_strdup (chrono_month_name (month, TRUE));
    case CHRONO_TICK_YEAR:
      /* Between "200 BC" and "200": the first year of the era. */
      if (year == 1 && count > 1 && count < DEEP_STEP)
        return g_strdup (C_("axis", "AD 1"));
      return chrono_ticks_format_year (year, count);
    default:
      g_assert_not_reached ();
    }
}

/* The context unit above @unit, or -1 for years (no context row). */
static int
major_unit_of (const Axis     *axis,
               ChronoTickUnit  unit)
{
  switch (unit)
    {
    case CHRONO_TICK_SECOND: return CHRONO_TICK_MINUTE;
    case CHRONO_TICK_MINUTE: return CHRONO_TICK_HOUR;
    case CHRONO_TICK_HOUR: return CHRONO_TICK_DAY;
    case CHRONO_TICK_DAY: return axis->deep ? CHRONO_TICK_YEAR : CHRONO_TICK_MONTH;
    case CHRONO_TICK_WEEK: return CHRONO_TICK_MONTH;
    case CHRONO_TICK_MONTH: return CHRONO_TICK_YEAR;
    case CHRONO_TICK_YEAR:
    default:
      return -1;
    }
}

/* A context label in deep time: the whole year, the anchor the minor
 * labels count from, then the day after it and the time of day. */
static char *
format_deep_major (ChronoTickUnit unit,
                   gint64         time)
{
  g_autofree char *year_text = format_whole_years (year_of (time));
  int day = (int) day_of_year (time);
  int hour, minute;

  chrono_time_to_civil (time, NULL, NULL, NULL, &hour, &minute, NULL, NULL);

  switch (unit)
    {
    case CHRONO_TICK_YEAR:
      return g_steal_pointer (&year_text);
    case CHRONO_TICK_DAY:
      /* Translators: a deep-time axis label: the year ("38,255,750 years
       * ago"), then a number of days after its start */
      return g_strdup_printf (C_("axis", "%s +%d d"), year_text, day);
    case CHRONO_TICK_MINUTE:
    case CHRONO_TICK_HOUR:
      /* Translators: a deep-time axis label: the year, a number of days
       * after its start, then the time of day */
      return g_strdup_printf (C_("axis", "%s +%d d %02d:%02d"), year_text, day, hour, minute);
    case CHRONO_TICK_SECOND:
    case CHRONO_TICK_WEEK:
    case CHRONO_TICK_MONTH:
    default:
      g_assert_not_reached ();
    }
}

static char *
format_major (const Axis     *axis,
              ChronoTickUnit  unit,
              gint64          time)
{
  g_autofree char *year_text = NULL;
  gint64 year;
  int month, day, hour, minute;

  if (axis->deep)
    return format_deep_major (unit, time);

  chrono_time_to_civil (time, &year, &month, &day, &hour, &minute, NULL, NULL);
  year_text = chrono_format_year (year);

  switch (unit)
    {
    case CHRONO_TICK_MINUTE:
    case CHRONO_TICK_HOUR:
      /* Translators: an axis label: day, abbreviated month, year, time */
      return g_strdup_printf (C_("axis", "%d %s %s, %02d:%02d"), day,
                              chrono_month_name (month, TRUE), year_text, hour, minute);
    case CHRONO_TICK_DAY:
      /* Translators: an axis label: day, abbreviated month, year */
      return g_strdup_printf (C_("axis", "%d %s %s"), day,
                              chrono_month_name (month, TRUE), year_text);
    case CHRONO_TICK_MONTH:
      /* Translators: an axis label: full month name, year */
      return g_strdup_printf (C_("axis", "%s %s"), chrono_month_name (month, FALSE), year_text);
    case CHRONO_TICK_YEAR:
      return g_steal_pointer (&year_text);
    case CHRONO_TICK_SECOND:
    case CHRONO_TICK_WEEK:
    default:
      g_assert_not_reached ();
    }
}

/* A context label on one row, after the sticky one at the left edge
 * has given the full context: as short as a minor label ("Sep", "2 Aug",
 * "10:00"), longer only where a larger period changes ("Jan 2025"). */
static char *
format_major_short (const Axis     *axis,
                    ChronoTickUnit  unit,
                    gint64          time)
{
  gint64 year;
  int month, day, hour, minute;
  gint64 yday = day_of_year (time);

  chrono_time_to_civil (time, &year, &month, &day, &hour, &minute, NULL, NULL);

  if (axis->deep)
    {
      if (unit == CHRONO_TICK_YEAR || yday == 0)
        return format_whole_years (year);
      if (unit == CHRONO_TICK_DAY || (hour == 0 && minute == 0))
        return format_minor (axis, CHRONO_TICK_DAY, 1, time);
      return format_minor (axis, CHRONO_TICK_HOUR, 1, time);
    }

  switch (unit)
    {
    case CHRONO_TICK_MINUTE:
    case CHRONO_TICK_HOUR:
      if (hour != 0 || minute != 0)
        return format_minor (axis, CHRONO_TICK_HOUR, 1, time);
      G_GNUC_FALLTHROUGH;
    case CHRONO_TICK_DAY:
      if (yday == 0)
        return format_major (axis, CHRONO_TICK_DAY, time);
      /* Translators: an axis label: day, abbreviated month */
      return g_strdup_printf (C_("axis", "%d %s"), day, chrono_month_name (month, TRUE));
    case CHRONO_TICK_MONTH:
      if (month == 1)
        {
          g_autofree char *year_text = chrono_format_year (year);

          return g_strdup_printf (C_("axis", "%s %s"), chrono_month_name (month, TRUE), year_text);
        }
      return g_strdup (chrono_month_name (month, TRUE));
    case CHRONO_TICK_YEAR:
      return chrono_format_year (year);
    case CHRONO_TICK_SECOND:
    case CHRONO_TICK_WEEK:
    default:
      g_assert_not_reached ();
    }
}

/* Measures @text, remembering widths in the layout's data: axis labels
 * repeat ("Jan", "Jul", "12:00") and shaping is the cost of ticks. */
static double
measure (PangoLayout *layout,
         const char  *text)
{
  GHashTable *widths = g_object_get_data (G_OBJECT (layout), "chrono-widths");
  PangoRectangle logical;
  gpointer width;

  if (widths == NULL)
    {
      widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_object_set_data_full (G_OBJECT (layout), "chrono-widths", widths,
                              (GDestroyNotify) g_hash_table_unref);
    }

  if (g_hash_table_lookup_extended (widths, text, NULL, &width))
    return GPOINTER_TO_INT (width);

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  g_hash_table_insert (widths, g_strdup (text), GINT_TO_POINTER (logical.width));

  return logical.width;
}

static gboolean
is_major_year (gint64 year,
               gint64 count)
{
  gint64 lead = count;
  gint64 modulus;

  while (lead >= 10)
    lead /= 10;
  modulus = lead == 2 ? count * 5 : lead == 5 ? count * 2 : count * 10;

  return is_year_tick (year, modulus) && year != 1;
}

/* Fills @out with labelled minor ticks for @unit × @count; returns FALSE
 * when the labels do not fit without overlapping. */
static gboolean
try_step (const Axis     *axis,
          ChronoTickUnit  unit,
          gint64          count,
          GArray         *out,
          gboolean        force)
{
  const ChronoViewport *vp = axis->vp;
  double pad = chrono_style_px (axis->style, axis->style->label_padding);
  double inset = chrono_style_px (axis->style, 4);
  double last_end = -G_MAXDOUBLE;
  GArray *times = axis->times;

  g_array_set_size (out, 0);

  if (!collect_times (vp, axis->deep, axis->one_row, unit, count, times))
    return FALSE;

  for (guint i = 0; i < times->len; i++)
    {
      ChronoTick tick = { 0 };
      g_autofree char *text = NULL;

      tick.time = g_array_index (times, gint64, i);
      tick.x = chrono_viewport_time_to_x (vp, tick.time);

      if (tick.x > vp->width + 1)
        break;

      if (unit == CHRONO_TICK_YEAR)
        tick.major = is_major_year (year_of (tick.time), count);

      text = format_minor (axis, unit, count, tick.time);
      tick.label_width = measure (axis->minor_layout, text);
      tick.label_x = tick.x + inset;

      if (tick.label_x < last_end + pad)
        {
          if (!force)
            return FALSE;
          /* Forced: drop the label rather than overlap. */
          tick.label_width = 0;
        }
      else
        {
          tick.label = g_string_chunk_insert (axis->strings, text);
          last_end = tick.label_x + tick.label_width;
        }

      /* Ticks left of the view only serve to check overlaps; a label cut
       * by the left edge is not shown. */
      if (tick.label_x < 0 || tick.label_x + tick.label_width > vp->width)
        {
          tick.label = NULL;
          tick.label_width = 0;
        }
      if (tick.x >= -0.5)
        g_array_append_val (out, tick);
    }

  return TRUE;
}

/* Places the labelled context ticks of @major_unit × @count in @placed;
 * returns FALSE when a label had to be dropped to avoid an overlap. */
static gboolean
place_major_ticks (const Axis *axis,
                   int         major_unit,
                   gint64      count,
                   GArray     *placed)
{
  const ChronoViewport *vp = axis->vp;
  double pad = chrono_style_px (axis->style, axis->style->label_padding);
  double inset = chrono_style_px (axis->style, 4);
  double last_end = -G_MAXDOUBLE;
  GArray *times = axis->times;
  gboolean fits = TRUE;
  guint n = 0;

  g_array_set_size (placed, 0);

  if (!collect_times (vp, axis->deep, axis->one_row, major_unit, count, times))
    return FALSE;

  for (guint i = 0; i < times->len; i++)
    {
      ChronoTick tick = { 0 };
      g_autofree char *text = NULL;

      tick.time = g_array_index (times, gint64, i);
      tick.x = chrono_viewport_time_to_x (vp, tick.time);
      tick.major = TRUE;

      if (tick.x > vp->width + 1)
        break;

      if (axis->one_row && tick.x >= 0)
        text = format_major_short (axis, major_unit, tick.time);
      else
        text = format_major (axis, major_unit, tick.time);
      tick.label_width = measure (axis->major_layout, text);
      tick.label = g_string_chunk_insert (axis->strings, text);

      /* The period at the left edge: a sticky label at the edge. */
      tick.label_x = tick.x < 0 ? inset : tick.x + inset;

      g_array_append_val (placed, tick);
    }

  /* A sticky label is the last one left of the edge; later ones win. */
  while (placed->len > 1 && g_array_index (placed, ChronoTick, 1).x < 0)
    g_array_remove_index (placed, 0);

  if (placed->len > 1)
    {
      ChronoTick *sticky = &g_array_index (placed, ChronoTick, 0);
      ChronoTick *next = &g_array_index (placed, ChronoTick, 1);

      /* The next period's label pushes the sticky one out to the left;
       * once it would be cut by the edge, it gives way. */
      if (sticky->x < 0 && sticky->label_x + sticky->label_width + pad > next->label_x)
        {
          sticky->label = NULL;
          sticky->label_width = 0;
        }
    }

  /* On one row, the leading label names the whole context, so that the
   * year can always be told: the sticky one, or else the first. */
  for (guint i = 0; axis->one_row && i < placed->len; i++)
    {
      ChronoTick *tick = &g_array_index (placed, ChronoTick, i);
      g_autofree char *text = NULL;

      if (tick->label == NULL)
        continue;
      if (tick->x >= 0)
        {
          text = format_major (axis, major_unit, tick->time);
          tick->label_width = measure (axis->major_layout, text);
          tick->label = g_string_chunk_insert (axis->strings, text);
        }
      break;
    }

  /* Drop labels that would overlap the one before them, or be cut by
   * the right edge. */
  for (guint i = 0; i < placed->len; i++)
    {
      ChronoTick *tick = &g_array_index (placed, ChronoTick, i);

      if (tick->label == NULL)
        ;
      else if (tick->label_x < last_end + pad)
        {
          tick->label = NULL;
          tick->label_width = 0;
          fits = FALSE;
        }
      else if (tick->label_x + tick->label_width > vp->width)
        {
          tick->label = NULL;
          tick->label_width = 0;
        }
      else
        last_end = tick->label_x + tick->label_width;

      if (tick->x < 0 && tick->label == NULL)
        continue;
      if (tick->x < 0)
        tick->x = 0;

      g_array_index (placed, ChronoTick, n++) = *tick;
    }
  g_array_set_size (placed, n);

  return fits;
}

/* Returns FALSE when even the largest round step of the context row
 * leaves labels out. */
static gboolean
add_major_ticks (ChronoTicks *ticks,
                 const Axis  *axis)
{
  static const gint64 minute_counts[] = { 1, 2, 5, 10, 15, 30 };
  static const gint64 hour_counts[] = { 1, 2, 3, 6, 12 };
  static const gint64 month_counts[] = { 1, 2, 3, 6 };
  static const gint64 one[] = { 1 };
  int major_unit = major_unit_of (axis, ticks->unit);
  g_autoptr(GArray) placed = NULL;
  const gint64 *counts;
  guint n_counts;
  gboolean fits = FALSE;

  g_array_set_size (ticks->major, 0);
  if (major_unit < 0)
    return TRUE;

  switch (major_unit)
    {
    case CHRONO_TICK_MINUTE:
      counts = minute_counts;
      n_counts = G_N_ELEMENTS (minute_counts);
      break;
    case CHRONO_TICK_HOUR:
      counts = hour_counts;
      n_counts = G_N_ELEMENTS (hour_counts);
      break;
    case CHRONO_TICK_MONTH:
      counts = month_counts;
      n_counts = G_N_ELEMENTS (month_counts);
      break;
    default:
      counts = one;
      n_counts = 1;
      break;
    }

  placed = g_array_new (FALSE, TRUE, sizeof (ChronoTick));

  /* The smallest round step whose labels all fit: never a label dropped
   * here and there, which would make the row irregular. */
  for (guint c = 0; c < n_counts && !fits; c++)
    fits = place_major_ticks (axis, major_unit, counts[c], placed);

  g_array_append_vals (ticks->major, placed->data, placed->len);

  /* Minor ticks on a major boundary are drawn as major. */
  for (guint i = 0; i < ticks->minor->len; i++)
    {
      ChronoTick *minor = &g_array_index (ticks->minor, ChronoTick, i);

      for (guint j = 0; j < axis->times->len; j++)
        if (g_array_index (axis->times, gint64, j) == minor->time)
          {
            minor->major = TRUE;
            break;
          }
    }

  return fits;
}

/* On one row, a context label takes the place of the minor label at its
 * tick and the leading one hides the minor labels under it; returns
 * FALSE when any other minor label runs into a context label, so that a
 * larger step is tried rather than labels dropped here and there. */
static gboolean
merge_rows (ChronoTicks *ticks,
            const Axis  *axis)
{
  double pad = chrono_style_px (axis->style, axis->style->label_padding);
  guint leading = 0;

  while (leading < ticks->major->len && g_array_index (ticks->major, ChronoTick, leading).label == NULL)
    leading++;

  for (guint i = 0; i < ticks->minor->len; i++)
    {
      ChronoTick *minor = &g_array_index (ticks->minor, ChronoTick, i);

      for (guint j = 0; j < ticks->major->len && minor->label != NULL; j++)
        {
          const ChronoTick *major = &g_array_index (ticks->major, ChronoTick, j);
          /* The leading context label, sticky at the left edge or not,
           * covers the minor labels under it like a header. */
          gboolean sticky = j == leading;

          if (major->time == minor->time)
            {
              minor->label = NULL;
              minor->label_width = 0;
            }
          else if (major->label != NULL &&
                   minor->label_x < major->label_x + major->label_width + pad &&
                   major->label_x < minor->label_x + minor->label_width + pad)
            {
              if (!sticky)
                return FALSE;
              minor->label = NULL;
              minor->label_width = 0;
            }
        }
    }

  return TRUE;
}

/* Tries @unit × @count for the minor row with its context row: when
 * the context labels do not all fit ("10 Aug 2024" over every 12 hours),
 * a larger minor step is tried rather than every other day named. */
static gboolean
try_axis (ChronoTicks    *ticks,
          const Axis     *axis,
          ChronoTickUnit  unit,
          gint64          count,
          gboolean        force)
{
  if (!try_step (axis, unit, count, ticks->minor, force))
    return FALSE;

  ticks->unit = unit;
  ticks->step = count;
  if (!add_major_ticks (ticks, axis))
    return force;

  return !axis->one_row || merge_rows (ticks, axis) || force;
}

ChronoTicks *
chrono_ticks_new (const ChronoViewport *viewport,
                  const ChronoStyle    *style,
                  PangoContext         *context)
{
  return chrono_ticks_new_full (viewport, style, context, CHRONO_TICKS_DEFAULT);
}

ChronoTicks *
chrono_ticks_new_full (const ChronoViewport *viewport,
                       const ChronoStyle    *style,
                       PangoContext         *context,
                       ChronoTicksFlags      flags)
{
  g_autoptr(ChronoTicks) ticks = NULL;
  g_autoptr(GArray) times = NULL;
  g_autoptr(PangoLayout) minor_layout = NULL;
  g_autoptr(PangoLayout) major_layout = NULL;
  const Step *days;
  guint n_days;
  Axis axis;
  gint64 first, last;
  double spp;
  double min_px;
  gboolean found = FALSE;

  g_return_val_if_fail (viewport != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  ticks = g_new0 (ChronoTicks, 1);
  ticks->minor = g_array_new (FALSE, TRUE, sizeof (ChronoTick));
  ticks->major = g_array_new (FALSE, TRUE, sizeof (ChronoTick));
  ticks->strings = g_string_chunk_new (512);
  times = g_array_new (FALSE, FALSE, sizeof (gint64));

  minor_layout = pango_layout_new (context);
  _chrono_style_set_layout_font (minor_layout, style, style->small_font_size, FALSE);

  /* On one row, context labels share the minor labels' font. */
  major_layout = pango_layout_new (context);
  if (flags & CHRONO_TICKS_ONE_ROW)
    _chrono_style_set_layout_font (major_layout, style, style->small_font_size, FALSE);
  else
    _chrono_style_set_layout_font (major_layout, style, style->header_font_size, TRUE);

  chrono_viewport_x_to_time_precise (viewport, 0, &first, NULL);
  chrono_viewport_x_to_time_precise (viewport, viewport->width, &last, NULL);

  axis.vp = viewport;
  axis.style = style;
  axis.minor_layout = minor_layout;
  axis.major_layout = major_layout;
  axis.strings = ticks->strings;
  axis.times = times;
  axis.deep = !is_civil_year (year_of (first)) || !is_civil_year (year_of (last));
  axis.one_row = (flags & CHRONO_TICKS_ONE_ROW) != 0;

  days = axis.deep ? deep_day_steps : calendar_steps;
  n_days = axis.deep ? G_N_ELEMENTS (deep_day_steps) : G_N_ELEMENTS (calendar_steps);

  spp = chrono_viewport_get_resolution (viewport);
  min_px = chrono_style_px (style, 20);

  for (guint i = 0; i < G_N_ELEMENTS (clock_steps) + n_days && !found; i++)
    {
      const Step *s = i < G_N_ELEMENTS (clock_steps) ? &clock_steps[i] : &days[i - G_N_ELEMENTS (clock_steps)];

      if (unit_seconds (s->unit) * s->count / spp < min_px)
        continue;
      /* Every other day would put half the months' names between two
       * ticks, where they run into a day's number. */
      if (axis.one_row && !axis.deep && s->unit == CHRONO_TICK_DAY && s->count == 2)
        continue;

      found = try_axis (ticks, &axis, s->unit, s->count, FALSE);
    }

  /* Years: 1, 2, 5, 10, 20, 50 ... up to ten billion. */
  for (gint64 magnitude = 1; !found && magnitude <= 10000000000LL; magnitude *= 10)
    {
      static const int leads[] = { 1, 2, 5 };

      for (guint j = 0; j < G_N_ELEMENTS (leads) && !found; j++)
        {
          gint64 count = magnitude * leads[j];
          gboolean last_step = magnitude == 10000000000LL && j == G_N_ELEMENTS (leads) - 1;

          if (unit_seconds (CHRONO_TICK_YEAR) * (double) count / spp < min_px && !last_step)
            continue;

          found = try_axis (ticks, &axis, CHRONO_TICK_YEAR, count, last_step);
        }
    }

  return g_steal_pointer (&ticks);
}

void
chrono_ticks_free (ChronoTicks *ticks)
{
  if (ticks == NULL)
    return;

  g_clear_pointer (&ticks->minor, g_array_unref);
  g_clear_pointer (&ticks->major, g_array_unref);
  g_clear_pointer (&ticks->strings, g_string_chunk_free);
  g_free (ticks);
}
