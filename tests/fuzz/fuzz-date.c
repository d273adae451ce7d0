/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The date parser, with its promise as the property: any text it accepts
 * is written back by chrono_date_to_iso() as text that parses to exactly
 * the same date (time, offset, precision and qualifiers).  The civil
 * conversions round-trip too, and formatting never fails.  Aborts on any
 * mismatch.
 */
#define G_LOG_DOMAIN "chrono-fuzz"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chrono-date.h"
#include "chrono-error.h"
#include "fuzz-util.h"

static void
mismatch (const char       *text,
          const char       *iso,
          const ChronoDate *a,
          const ChronoDate *b)
{
  fprintf (stderr,
           "round trip mismatch: “%s” -> “%s”\n"
           "  first:  time %" G_GINT64_FORMAT " offset %d precision %u flags 0x%x\n"
           "  second: time %" G_GINT64_FORMAT " offset %d precision %u flags 0x%x\n",
           text, iso,
           a->time, a->offset, a->precision, a->flags,
           b->time, b->offset, b->precision, b->flags);
  abort ();
}

static void
check_date (const char       *text,
            const ChronoDate *date)
{
  g_autofree char *iso = chrono_date_to_iso (date);
  g_autofree char *formatted = chrono_date_format (date);
  g_autofree char *range = NULL;
  g_autofree char *duration = NULL;
  g_autoptr(GError) error = NULL;
  ChronoDate again = { 0 };
  gint64 year;
  int month, day, hour, minute, second, weekday;
  gint64 end;

  if (!chrono_date_parse (iso, TRUE, &again, NULL, &error))
    {
      fprintf (stderr, "“%s” parses but its ISO text “%s” does not: %s\n",
               text, iso, error->message);
      abort ();
    }
  if (again.time != date->time || again.offset != date->offset ||
      again.precision != date->precision || again.flags != date->flags)
    mismatch (text, iso, date, &again);

  g_assert_true (g_utf8_validate (formatted, -1, NULL));
  g_assert_true (chrono_date_is_set (date));

  if (date->flags & CHRONO_DATE_OPEN)
    return;

  /* The year range holds for the date as written; with an offset, the
   * instant may be a day beyond it ("99999999999-12-31T23:30-01:00"). */
  chrono_time_to_civil (date->time + ((date->flags & CHRONO_DATE_ZONE_OFFSET) ? date->offset * 60 : 0),
                        &year, NULL, NULL, NULL, NULL, NULL, NULL);
  g_assert_cmpint (year, >=, CHRONO_YEAR_MIN);
  g_assert_cmpint (year, <=, CHRONO_YEAR_MAX);

  chrono_time_to_civil (date->time, &year, &month, &day, &hour, &minute, &second, &weekday);
  g_assert_cmpint (month, >=, 1);
  g_assert_cmpint (month, <=, 12);
  g_assert_cmpint (day, >=, 1);
  g_assert_cmpint (day, <=, chrono_days_in_month (year, month));
  g_assert_cmpint (weekday, >=, 1);
  g_assert_cmpint (weekday, <=, 7);
  if (chrono_time_from_civil (year, month, day, hour, minute, second) != date->time)
    {
      fprintf (stderr, "“%s”: time %" G_GINT64_FORMAT " does not round-trip through civil time\n",
               text, date->time);
      abort ();
    }

  end = chrono_date_get_period_end (date);
  g_assert_cmpint (end, >, date->time);
  duration = chrono_format_duration (end - date->time);
  range = chrono_date_format_range (date, date);
  g_free (chrono_format_year (year));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* The parser takes NUL-terminated text: an inner NUL ends it. */
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  ChronoDate open = { 0 };
  ChronoDate closed = { 0 };
  gsize error_offset = G_MAXSIZE;
  gboolean ok;

  ok = chrono_date_parse (text, TRUE, &open, &error_offset, &error);
  if (!ok)
    {
      g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_DATE);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpuint (error_offset, <=, strlen (text));
      return 0;
    }
  g_assert_no_error (error);
  check_date (text, &open);

  /* Without ".." allowed, the same text gives the same date or fails. */
  if (chrono_date_parse (text, FALSE, &closed, NULL, NULL))
    g_assert_true (open.time == closed.time && open.offset == closed.offset &&
                   open.precision == closed.precision && open.flags == closed.flags);
  else
    g_assert_true (open.flags & CHRONO_DATE_OPEN);

  return 0;
}
