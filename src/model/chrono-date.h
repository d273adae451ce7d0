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
  CHRONO_DATE_OPEN        = 1 << 2, /* ".." ongoing end; time is unused */
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

/* The years a date may have: deep time to the far future. */
#define CHRONO_YEAR_MIN (-99999999999LL)
#define CHRONO_YEAR_MAX (99999999999LL)

#define CHRONO_SECONDS_PER_DAY  86400
/* Mean Gregorian year, for spans and zoom arithmetic (not for calendars). */
#define CHRONO_SECONDS_PER_YEAR 31556952

/* Parses ISO 8601 + the EDTF subset of docs/format.md ("2015", "2015-12~",
 * "-13800000000", "2015-12-11T09:30+02:00", ".." for an open end when
 * @allow_open).  On failure sets a CHRONO_ERROR_DATE error whose message
 * says what is wrong (no file position; the caller adds it) and, if
 * @error_offset is not NULL, the byte offset in @text of the problem. */
gboolean chrono_date_parse          (const char       *text,
                                     gboolean          allow_open,
                                     ChronoDate       *out,
                                     gsize            *error_offset,
                                     GError          **error);
/* The ISO/EDTF text of @date; parse (to_iso (d)) == d exactly. */
char    *chrono_date_to_iso         (const ChronoDate *date);
/* Localized, precision-following text: "2015", "Dec 2015", "11 Dec 2015",
 * "11 Dec 2015, 09:30", "c. 2015", "500 BC", "13.8 billion years ago",
 * "ongoing". */
char    *chrono_date_format         (const ChronoDate *date);
/* A localized text for the range [start, end] ("Jun 2017 – Jul 2022"). */
char    *chrono_date_format_range   (const ChronoDate *start,
                                     const ChronoDate *end);
/* The exclusive end of the period @date stands for, in seconds. */
gint64   chrono_date_get_period_end (const ChronoDate *date);
gboolean chrono_date_is_set         (const ChronoDate *date);
/* Makes a date at the given precision from civil fields (UTC). */
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
/* A localized year: "2015", "500 BC", "12,000 BC", "13.8 billion years ago". */
char    *chrono_format_year         (gint64            year);
/* A localized duration: "5 years 1 month", "3 days", "about 13.8 billion years". */
char    *chrono_format_duration     (gint64            seconds);
/* Localized abbreviated / full month name, month 1-12. */
const char *chrono_month_name       (int               month,
                                     gboolean          abbreviated);
/* The current time in seconds; CHRONO_NOW in the environment overrides it
 * (an ISO date) so tests and screenshots are repeatable. */
gint64   chrono_now                 (void);

G_END_DECLS
