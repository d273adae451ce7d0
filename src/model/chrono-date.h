#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ChronoPrecision:
 *
 * How much of a date was written.  A date stands for its whole period:
 * "2015" (YEAR) is all of 2015.
 */
typedef enum
{
  CHRONO_PRECISION_NONE = 0,   /* no date (the end of a point event) */
  CHRONO_PRECISION_YEAR,
  CHRONO_PRECISION_MONTH,
  CHRONO_PRECISION_DAY,
  CHRONO_PRECISION_HOUR,       /* only from importers (TimelineJS "hour") */
  CHRONO_PRECISION_MINUTE,
  CHRONO_PRECISION_SECOND,
} ChronoPrecision;

typedef enum
{
  CHRONO_DATE_APPROXIMATE = 1 << 0, /* "~"; "%" sets both */
  CHRONO_DATE_UNCERTAIN   = 1 << 1, /* "?" */
  CHRONO_DATE_OPEN        = 1 << 2, /* ".." ongoing end; precision NONE, time
                                     * unused (0): it ends at chrono_now () */
  CHRONO_DATE_ZONE_UTC    = 1 << 3, /* written with "Z" */
  CHRONO_DATE_ZONE_OFFSET = 1 << 4, /* written with "±hh:mm", see offset */
} ChronoDateFlags;

/**
 * ChronoDate:
 * @time: seconds since 1970-01-01T00:00:00Z on the proleptic Gregorian
 *   calendar (astronomical years: year 0 is 1 BC), at the start of the
 *   period.  A time without a zone is taken as UTC.
 * @offset: minutes east of UTC as written (with CHRONO_DATE_ZONE_OFFSET)
 * @precision: a #ChronoPrecision
 * @flags: #ChronoDateFlags
 */
typedef struct
{
  gint64 time;
  gint16 offset;
  guint8 precision;
  guint8 flags;
} ChronoDate;

/* The years a date may have: deep time to the far future.  Parsing a year
 * beyond them fails with "year out of range". */
#define CHRONO_YEAR_MIN (-99999999999LL)
#define CHRONO_YEAR_MAX (99999999999LL)

#define CHRONO_SECONDS_PER_DAY  86400
/* Mean Gregorian year, for spans and zoom arithmetic (not for calendars). */
#define CHRONO_SECONDS_PER_YEAR 31556952

/* Parses ISO 8601 + the EDTF subset of docs/format.md ("2015", "2015-12~",
 * "-13800000000", "2015-12-11T09:30+02:00", ".." for an open end when
 * @allow_open).  Precision YEAR to SECOND (an hour alone, "T09", is not
 * accepted); years are astronomical, at least four digits, optionally
 * signed and longer ("-0499" is 500 BC, "+12000", "Y-13800000000" for a
 * year alone); offsets "Z" or "±hh:mm" up to ±18:00; one trailing
 * qualifier ~ ? %.  @out may be NULL (validation only) and is untouched on
 * failure.  Never allocates on success.  On failure sets a CHRONO_ERROR_DATE
 * error whose message says what is wrong (no file position; the caller adds
 * it) and, if @error_offset is not NULL, the byte offset in @text of the
 * problem. */
gboolean chrono_date_parse          (const char       *text,
                                     gboolean          allow_open,
                                     ChronoDate       *out,
                                     gsize            *error_offset,
                                     GError          **error);
/* The ISO/EDTF text of @date, in the offset it was written in; parse
 * (to_iso (d)) == d exactly, except that HOUR precision (importers only)
 * is written "Thh:00" and reads back as MINUTE.  Open: "..", unset: "".
 * Free with g_free(). */
char    *chrono_date_to_iso         (const ChronoDate *date);
/* Localized, precision-following text: "2015", "Dec 2015", "11 Dec 2015",
 * "11 Dec 2015, 09:30" (plus " UTC" / " UTC+02:00" when a zone was
 * written), "c. 2015", "2015?", "500 BC", "13.8 billion years ago" (years
 * 100,000 or more away from year 0 show only the year, as deep time),
 * "ongoing"; "" when unset.  Free with g_free(). */
char    *chrono_date_format         (const ChronoDate *date);
/* A localized text for the range [start, end] ("Jun 2017 – Jul 2022",
 * "2024 – ongoing"); @end may be NULL or unset for a point.  Ends that read
 * the same give one date.  Free with g_free(). */
char    *chrono_date_format_range   (const ChronoDate *start,
                                     const ChronoDate *end);
/* "2015 – 2026", "Mar 2020 – Jun 2021": the span [@start, @end) seconds
 * at the precision its length calls for.  Free with g_free(). */
char    *chrono_format_time_span    (double            start,
                                     double            end);
/* The exclusive end of the period @date stands for, in seconds (2015 ->
 * 2016-01-01T00:00Z, 2015-12 -> 2016-01-01, a minute -> 60 s later).  An
 * open date ends at chrono_now (); an unset one at its own time. */
gint64   chrono_date_get_period_end (const ChronoDate *date);
/* TRUE unless @date is unset (precision NONE and not open). */
gboolean chrono_date_is_set         (const ChronoDate *date);
/* Makes a date at the given precision from civil fields (UTC), for
 * importers.  Fields finer than @precision are ignored (pass 0); NONE
 * makes an unset date.  Returns FALSE, leaving @date untouched, if a field
 * in use is out of range or the year is beyond CHRONO_YEAR_MIN/MAX. */
gboolean chrono_date_init_civil     (ChronoDate       *date,
                                     gint64            year,
                                     int               month,
                                     int               day,
                                     int               hour,
                                     int               minute,
                                     int               second,
                                     ChronoPrecision   precision);

/* Proleptic Gregorian civil time <-> seconds since the epoch, UTC.  Exact
 * for every year between CHRONO_YEAR_MIN and CHRONO_YEAR_MAX. month 1-12,
 * day 1-31, weekday 1 (Monday) - 7. */
gint64   chrono_time_from_civil     (gint64            year,
                                     int               month,
                                     int               day,
                                     int               hour,
                                     int               minute,
                                     int               second);
void     chrono_time_to_civil       (gint64            time,
                                     gint64           *year,
                                     int              *month,
                                     int              *day,
                                     int              *hour,
                                     int              *minute,
                                     int              *second,
                                     int              *weekday);
gboolean chrono_year_is_leap        (gint64            year);
int      chrono_days_in_month       (gint64            year,
                                     int               month);
/* A localized year: "2015", "1 BC" (year 0), "500 BC", "12,000 BC"; from
 * 100,000 years before year 1 (or after year 0) on, deep time to three
 * significant digits: "300 thousand years ago", "13.8 billion years ago",
 * "in 2 million years".  Free with g_free(). */
char    *chrono_format_year         (gint64            year);
/* @value grouped by the locale from five digits on: "2015", "12,000",
 * "38,255,750" ("," where the locale has no separator).  Free with
 * g_free(). */
char    *chrono_format_count        (guint64           value);
/* A localized duration in its two largest units, the smaller rounded, with
 * mean Gregorian years and months: "5 years 1 month", "3 days", "2 hours 5
 * minutes"; only years from 100 years on ("12,000 years"); "about 13.8
 * billion years" from 100,000 years on.  Free with g_free(). */
char    *chrono_format_duration     (gint64            seconds);
/* Localized abbreviated / full month name (LC_TIME, read once), month
 * 1-12.  Owned by the library, valid for the program's life. */
const char *chrono_month_name       (int               month,
                                     gboolean          abbreviated);
/* The current time in seconds; CHRONO_NOW in the environment overrides it
 * (an ISO date) so tests and screenshots are repeatable. */
gint64   chrono_now                 (void);

G_END_DECLS
