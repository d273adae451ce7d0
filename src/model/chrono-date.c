#define G_LOG_DOMAIN "chrono-date"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <stdarg.h>

#include <glib/gi18n-lib.h>

#include "chrono-date.h"
#include "chrono-error.h"

/*
 * Dates are kept as seconds since the Unix epoch on the proleptic Gregorian
 * calendar.  GDateTime only covers years 1-9999, so the calendar maths here
 * is our own: Howard Hinnant's days-from-civil algorithm, done in gint64 with
 * floor division so that it is exact for negative (astronomical) years too.
 * CHRONO_YEAR_MAX years is about 3.2e18 seconds, inside gint64.
 *
 * The parser is a hand-written scanner: the loader parses up to a million
 * dates, so chrono_date_parse() never allocates unless it fails.
 */

/* Below this many years before year 1 (or after year 0), years are shown
 * exactly ("12,000 BC"); from there on, as deep time with three significant
 * digits ("300 thousand years ago", "13.8 billion years ago"), where a
 * single year means nothing any more. */
#define DEEP_TIME_YEARS 100000

/* The largest offset in use is +14:00; ±18:00 leaves room for oddities
 * while catching typos such as +25:00. */
#define MAX_OFFSET_MINUTES (18 * 60)

#define SECONDS_PER_MONTH (CHRONO_SECONDS_PER_YEAR / 12)

#define QUOTE_MAX_BYTES 32

static inline gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b) != 0 && ((a < 0) != (b < 0)))
    q--;

  return q;
}

static inline gint64
days_from_civil (gint64 year,
                 int    month,
                 int    day)
{
  gint64 era;
  gint64 yoe;
  gint64 doy;
  gint64 doe;

  year -= month <= 2;
  era = floor_div (year, 400);
  yoe = year - era * 400;
  doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

static inline void
civil_from_days (gint64  days,
                 gint64 *year,
                 int    *month,
                 int    *day)
{
  gint64 z = days + 719468;
  gint64 era = floor_div (z, 146097);
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  int d = (int) (doy - (153 * mp + 2) / 5 + 1);
  int m = (int) (mp < 10 ? mp + 3 : mp - 9);

  *year = yoe + era * 400 + (m <= 2);
  *month = m;
  *day = d;
}

/**
 * chrono_year_is_leap:
 * @year: an astronomical year (0 is 1 BC, -4 is 5 BC)
 *
 * Returns: whether @year has a 29 February in the proleptic Gregorian calendar
 */
gboolean
chrono_year_is_leap (gint64 year)
{
  /* C's % keeps the sign of the dividend; only zero matters here. */
  return (year % 4 == 0) && (year % 100 != 0 || year % 400 == 0);
}

/**
 * chrono_days_in_month:
 * @year: an astronomical year
 * @month: 1-12
 *
 * Returns: the number of days in @month of @year (28-31), or 0 for a month
 *   outside 1-12
 */
int
chrono_days_in_month (gint64 year,
                      int    month)
{
  static const guint8 days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month < 1 || month > 12)
    return 0;

  if (month == 2 && chrono_year_is_leap (year))
    return 29;

  return days[month - 1];
}

/**
 * chrono_time_from_civil:
 * @year: an astronomical year, CHRONO_YEAR_MIN to CHRONO_YEAR_MAX
 * @month: 1-12
 * @day: day of the month; values past the month's end roll over
 * @hour: hours, normally 0-23
 * @minute: minutes, normally 0-59
 * @second: seconds, normally 0-59
 *
 * Returns: seconds since 1970-01-01T00:00:00Z of the given UTC civil time
 */
gint64
chrono_time_from_civil (gint64 year,
                        int    month,
                        int    day,
                        int    hour,
                        int    minute,
                        int    second)
{
  g_return_val_if_fail (month >= 1 && month <= 12, 0);
  g_return_val_if_fail (year >= CHRONO_YEAR_MIN - 1 && year <= CHRONO_YEAR_MAX + 1, 0);

  return days_from_civil (year, month, day) * CHRONO_SECONDS_PER_DAY
         + (gint64) hour * 3600 + (gint64) minute * 60 + second;
}

/**
 * chrono_time_to_civil:
 * @time: seconds since 1970-01-01T00:00:00Z
 * @year: (out) (optional): the astronomical year
 * @month: (out) (optional): 1-12
 * @day: (out) (optional): 1-31
 * @hour: (out) (optional): 0-23
 * @minute: (out) (optional): 0-59
 * @second: (out) (optional): 0-59
 * @weekday: (out) (optional): 1 (Monday) to 7 (Sunday)
 *
 * Splits @time into its UTC civil fields.  Every out argument may be NULL.
 */
void
chrono_time_to_civil (gint64  time,
                      gint64 *year,
                      int    *month,
                      int    *day,
                      int    *hour,
                      int    *minute,
                      int    *second,
                      int    *weekday)
{
  gint64 days = floor_div (time, CHRONO_SECONDS_PER_DAY);
  gint64 rest = time - days * CHRONO_SECONDS_PER_DAY;
  gint64 y;
  int m;
  int d;

  civil_from_days (days, &y, &m, &d);

  if (year != NULL)
    *year = y;
  if (month != NULL)
    *month = m;
  if (day != NULL)
    *day = d;
  if (hour != NULL)
    *hour = (int) (rest / 3600);
  if (minute != NULL)
    *minute = (int) (rest / 60 % 60);
  if (second != NULL)
    *second = (int) (rest % 60);
  if (weekday != NULL)
    /* 1970-01-01 was a Thursday. */
    *weekday = (int) (days - floor_div (days + 3, 7) * 7 + 3) + 1;
}

/* Error reporting.  Only the failure path allocates. */

/* A short, valid UTF-8 excerpt of @text for a message: cut after
 * QUOTE_MAX_BYTES, with control characters escaped so that a message
 * stays on one line. */
static char *
quote_text (const char *text)
{
  gsize len = strlen (text);
  gboolean cut = FALSE;
  g_autofree char *valid = NULL;
  GString *out;

  if (len > QUOTE_MAX_BYTES)
    {
      len = QUOTE_MAX_BYTES;
      /* Do not cut a UTF-8 sequence in half. */
      while (len > 0 && ((guchar) text[len] & 0xC0) == 0x80)
        len--;
      cut = TRUE;
    }

  valid = g_utf8_make_valid (text, len);
  out = g_string_sized_new (len + 8);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_printf (out, "\\x%02X", c);
      else
        g_string_append_unichar (out, c);
    }

  if (cut)
    g_string_append (out, "…");

  return g_string_free (out, FALSE);
}

static char *
quote_char (const char *at)
{
  gunichar c = g_utf8_get_char_validated (at, -1);

  if (c == (gunichar) -1 || c == (gunichar) -2)
    return g_strdup_printf ("\\x%02X", (guchar) *at);

  if (!g_unichar_isprint (c) || c == ' ')
    return g_strdup_printf ("U+%04X", c);

  return g_ucs4_to_utf8 (&c, 1, NULL, NULL, NULL);
}

static gboolean date_error (GError    **error,
                            gsize      *error_offset,
                            gsize       offset,
                            const char *format,
                            ...) G_GNUC_PRINTF (4, 5);

static gboolean
date_error (GError    **error,
            gsize      *error_offset,
            gsize       offset,
            const char *format,
            ...)
{
  va_list args;

  if (error_offset != NULL)
    *error_offset = offset;

  if (error != NULL)
    {
      g_autofree char *message = NULL;

      va_start (args, format);
      message = g_strdup_vprintf (format, args);
      va_end (args);

      g_set_error_literal (error, CHRONO_ERROR, CHRONO_ERROR_DATE, message);
    }

  return FALSE;
}

static gboolean
not_a_date (const char  *text,
            gsize        offset,
            gsize       *error_offset,
            GError     **error)
{
  g_autofree char *quoted = NULL;

  if (error == NULL)
    return date_error (NULL, error_offset, offset, "%s", "");

  quoted = quote_text (text);
  return date_error (error, error_offset, offset,
                     /* Translators: %s is the text found; keep YYYY, MM, DD, hh and mm */
                     _("“%s” is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD, "
                       "optionally followed by a time such as T09:30"),
                     quoted);
}

typedef enum
{
  FIELD_MONTH,
  FIELD_DAY,
  FIELD_HOUR,
  FIELD_MINUTE,
  FIELD_SECOND,
  FIELD_OFFSET_HOUR,
  FIELD_OFFSET_MINUTE,
} Field;

static gboolean
field_digits_error (Field    field,
                    gsize    offset,
                    gsize   *error_offset,
                    GError **error)
{
  const char *message = NULL;

  switch (field)
    {
    case FIELD_MONTH:
      message = _("the month must have two digits (01–12)");
      break;
    case FIELD_DAY:
      message = _("the day must have two digits (01–31)");
      break;
    case FIELD_HOUR:
      message = _("the hour must have two digits (00–23)");
      break;
    case FIELD_MINUTE:
      message = _("the minutes must have two digits (00–59)");
      break;
    case FIELD_SECOND:
      message = _("the seconds must have two digits (00–59)");
      break;
    case FIELD_OFFSET_HOUR:
    case FIELD_OFFSET_MINUTE:
    default:
      message = _("a time zone offset must be written +hh:mm or -hh:mm, or Z for UTC");
      break;
    }

  return date_error (error, error_offset, offset, "%s", message);
}

static gboolean
field_range_error (Field    field,
                   int      value,
                   gsize    offset,
                   gsize   *error_offset,
                   GError **error)
{
  switch (field)
    {
    case FIELD_MONTH:
      return date_error (error, error_offset, offset,
                         _("month %02d is out of range (01–12)"), value);
    case FIELD_DAY:
      return date_error (error, error_offset, offset,
                         _("day %02d is out of range (01–31)"), value);
    case FIELD_HOUR:
      return date_error (error, error_offset, offset,
                         _("hour %02d is out of range (00–23)"), value);
    case FIELD_MINUTE:
      return date_error (error, error_offset, offset,
                         _("minute %02d is out of range (00–59)"), value);
    case FIELD_SECOND:
      return date_error (error, error_offset, offset,
                         _("second %02d is out of range (00–59)"), value);
    case FIELD_OFFSET_HOUR:
    case FIELD_OFFSET_MINUTE:
    default:
      return date_error (error, error_offset, offset,
                         _("the time zone offset is out of range (-18:00 to +18:00)"));
    }
}

/* Reads exactly two digits at s[*i] into *value. */
static inline gboolean
parse_field (const guchar  *s,
             gsize         *i,
             Field          field,
             int            min,
             int            max,
             int           *value,
             gsize         *error_offset,
             GError       **error)
{
  gsize start = *i;

  if (!g_ascii_isdigit (s[start]) || !g_ascii_isdigit (s[start + 1]) ||
      g_ascii_isdigit (s[start + 2]))
    return field_digits_error (field, start, error_offset, error);

  *value = (s[start] - '0') * 10 + (s[start + 1] - '0');
  *i = start + 2;

  if (*value < min || *value > max)
    return field_range_error (field, *value, start, error_offset, error);

  return TRUE;
}

static inline gboolean
is_qualifier (guchar c)
{
  return c == '~' || c == '?' || c == '%';
}

static gboolean
trailing_error (const char       *text,
                gsize             i,
                ChronoPrecision   precision,
                gboolean          y_prefix,
                gsize            *error_offset,
                GError          **error)
{
  const guchar *s = (const guchar *) text;
  g_autofree char *c = NULL;

  if (is_qualifier (s[i]) && i > 0 && is_qualifier (s[i - 1]))
    return date_error (error, error_offset, i,
                       _("a date takes one qualifier at most: ~ (approximate), "
                         "? (uncertain) or %% (both)"));

  if (y_prefix && s[i] == '-')
    return date_error (error, error_offset, i,
                       _("a year written with “Y” stands alone: it cannot have a month or day"));

  if (precision < CHRONO_PRECISION_DAY && (s[i] == 'T' || s[i] == 't'))
    return date_error (error, error_offset, i,
                       _("a time needs a full date before it (YYYY-MM-DDThh:mm)"));

  if (precision == CHRONO_PRECISION_DAY && (s[i] == ' ' || s[i] == 't'))
    return date_error (error, error_offset, i,
                       _("write “T” between the date and the time (YYYY-MM-DDThh:mm)"));

  if (precision < CHRONO_PRECISION_MINUTE && (s[i] == 'Z' || s[i] == '+' ||
                                              (s[i] == '-' && precision == CHRONO_PRECISION_DAY)))
    return date_error (error, error_offset, i,
                       _("a time zone can only follow a time (YYYY-MM-DDThh:mmZ)"));

  if (precision >= CHRONO_PRECISION_MINUTE && (s[i] == '.' || s[i] == ','))
    return date_error (error, error_offset, i,
                       _("fractions of a second are not supported"));

  if (error == NULL)
    return date_error (NULL, error_offset, i, "%s", "");

  c = quote_char (text + i);
  return date_error (error, error_offset, i,
                     _("unexpected “%s” after the date"), c);
}

/**
 * chrono_date_parse:
 * @text: a NUL-terminated date, such as "2015-12~"
 * @allow_open: whether ".." (an ongoing end) is accepted
 * @out: (out) (optional): the date; untouched on failure
 * @error_offset: (out) (optional): on failure, the byte offset in @text of
 *   the problem
 * @error: a #GError, or NULL
 *
 * Parses the date syntax of docs/format.md:
 *
 * - `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-MM-DDThh:mm` and
 *   `YYYY-MM-DDThh:mm:ss`, where the time may end with `Z` or `±hh:mm`.  The
 *   time is converted to UTC and the offset kept, so chrono_date_to_iso()
 *   writes it back as it was.  An hour alone (`T09`) is not accepted.
 * - Years are astronomical (`0000` is 1 BC, `-0499` is 500 BC), at least four
 *   digits long, with an optional `+` or `-` sign, and may be longer
 *   (`-13800000000`, `12000`).  The EDTF long-year form `Y-13800000000`
 *   is accepted for a year alone.  Years beyond CHRONO_YEAR_MIN and
 *   CHRONO_YEAR_MAX are an error.
 * - One trailing qualifier: `~` approximate, `?` uncertain, `%` both.
 * - `..` alone, when @allow_open, is an open (ongoing) end.
 *
 * Does not allocate unless it fails.
 *
 * Returns: %TRUE if @text is a valid date
 */
gboolean
chrono_date_parse (const char  *text,
                   gboolean     allow_open,
                   ChronoDate  *out,
                   gsize       *error_offset,
                   GError     **error)
{
  const guchar *s = (const guchar *) text;
  gsize i = 0;
  gsize year_start;
  gsize n_digits;
  gboolean negative = FALSE;
  gboolean y_prefix = FALSE;
  gboolean overflow = FALSE;
  guint64 year_abs = 0;
  gint64 year;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int offset = 0;
  ChronoPrecision precision;
  guint flags = 0;
  gint64 time;

  g_return_val_if_fail (text != NULL, FALSE);

  if (s[0] == '\0')
    return date_error (error, error_offset, 0,
                       _("empty date: expected YYYY, YYYY-MM or YYYY-MM-DD"));

  if (s[0] == '.' && s[1] == '.' && s[2] == '\0')
    {
      if (!allow_open)
        return date_error (error, error_offset, 0,
                           _("“..” (ongoing) is only allowed as an end date"));

      if (out != NULL)
        {
          out->time = 0;
          out->offset = 0;
          out->precision = CHRONO_PRECISION_NONE;
          out->flags = CHRONO_DATE_OPEN;
        }

      return TRUE;
    }

  if (s[i] == 'Y')
    {
      y_prefix = TRUE;
      i++;
    }

  if (s[i] == '-' || s[i] == '+')
    {
      negative = s[i] == '-';
      i++;
    }

  year_start = i;
  while (g_ascii_isdigit (s[i]))
    {
      if (!overflow)
        {
          year_abs = year_abs * 10 + (s[i] - '0');
          if (year_abs > (guint64) CHRONO_YEAR_MAX)
            overflow = TRUE;
        }
      i++;
    }
  n_digits = i - year_start;

  if (n_digits == 0)
    return not_a_date (text, i, error_offset, error);

  if (n_digits < 4 && !y_prefix)
    {
      if (s[i] == '\0' || s[i] == '-' || is_qualifier (s[i]))
        {
          g_autofree char *digits = g_strndup (text + year_start, n_digits);

          return date_error (error, error_offset, year_start,
                             /* Translators: the first %s is the year as written,
                              * the second the same year padded with zeros */
                             _("the year “%s” must have at least four digits (%s%0*d)"),
                             digits, negative ? "-" : "", 4, (int) year_abs);
        }

      return not_a_date (text, i, error_offset, error);
    }

  if (overflow)
    {
      if (error != NULL)
        {
          g_autofree char *quoted = quote_text (text);

          return date_error (error, error_offset, year_start,
                             _("year out of range in “%s”: years go from -99999999999 "
                               "to 99999999999"),
                             quoted);
        }

      return date_error (NULL, error_offset, year_start, "%s", "");
    }

  year = negative ? -(gint64) year_abs : (gint64) year_abs;
  precision = CHRONO_PRECISION_YEAR;

  if (s[i] == '-' && !y_prefix)
    {
      i++;
      if (!parse_field (s, &i, FIELD_MONTH, 1, 12, &month, error_offset, error))
        return FALSE;
      precision = CHRONO_PRECISION_MONTH;

      if (s[i] == '-')
        {
          gsize day_start;

          i++;
          day_start = i;
          if (!parse_field (s, &i, FIELD_DAY, 1, 31, &day, error_offset, error))
            return FALSE;

          if (day > chrono_days_in_month (year, month))
            {
              if (error != NULL)
                {
                  g_autofree char *year_text = chrono_format_year (year);

                  return date_error (error, error_offset, day_start,
                                     /* Translators: "February 2015 has 28 days, not 30" */
                                     _("%s %s has %d days, not %d"),
                                     chrono_month_name (month, FALSE), year_text,
                                     chrono_days_in_month (year, month), day);
                }

              return date_error (NULL, error_offset, day_start, "%s", "");
            }
          precision = CHRONO_PRECISION_DAY;

          if (s[i] == 'T')
            {
              i++;
              if (!parse_field (s, &i, FIELD_HOUR, 0, 23, &hour, error_offset, error))
                return FALSE;

              if (s[i] != ':')
                return date_error (error, error_offset, i,
                                   _("a time needs hours and minutes (Thh:mm), "
                                     "an hour alone is not enough"));
              i++;
              if (!parse_field (s, &i, FIELD_MINUTE, 0, 59, &minute, error_offset, error))
                return FALSE;
              precision = CHRONO_PRECISION_MINUTE;

              if (s[i] == ':')
                {
                  i++;
                  if (!parse_field (s, &i, FIELD_SECOND, 0, 59, &second, error_offset, error))
                    return FALSE;
                  precision = CHRONO_PRECISION_SECOND;
                }

              if (s[i] == 'Z')
                {
                  flags |= CHRONO_DATE_ZONE_UTC;
                  i++;
                }
              else if (s[i] == '+' || s[i] == '-')
                {
                  gsize sign_at = i;
                  int sign = s[i] == '-' ? -1 : 1;
                  int off_hours;
                  int off_minutes;

                  i++;
                  if (!parse_field (s, &i, FIELD_OFFSET_HOUR, 0, 99, &off_hours,
                                    error_offset, error))
                    return FALSE;
                  if (s[i] != ':')
                    return field_digits_error (FIELD_OFFSET_HOUR, i, error_offset, error);
                  i++;
                  if (!parse_field (s, &i, FIELD_OFFSET_MINUTE, 0, 59, &off_minutes,
                                    error_offset, error))
                    return FALSE;

                  offset = off_hours * 60 + off_minutes;
                  if (offset > MAX_OFFSET_MINUTES)
                    return field_range_error (FIELD_OFFSET_HOUR, offset, sign_at,
                                              error_offset, error);
                  offset *= sign;
                  flags |= CHRONO_DATE_ZONE_OFFSET;
                }
            }
        }
    }

  switch (s[i])
    {
    case '~':
      flags |= CHRONO_DATE_APPROXIMATE;
      i++;
      break;
    case '?':
      flags |= CHRONO_DATE_UNCERTAIN;
      i++;
      break;
    case '%':
      flags |= CHRONO_DATE_APPROXIMATE | CHRONO_DATE_UNCERTAIN;
      i++;
      break;
    default:
      break;
    }

  if (s[i] != '\0')
    return trailing_error (text, i, precision, y_prefix, error_offset, error);

  if (out != NULL)
    {
      time = days_from_civil (year, month, day) * CHRONO_SECONDS_PER_DAY
             + hour * 3600 + minute * 60 + second
             - (gint64) offset * 60;

      out->time = time;
      out->offset = (gint16) offset;
      out->precision = precision;
      out->flags = flags;
    }

  return TRUE;
}

static void
append_iso_year (GString *out,
                 gint64   year)
{
  if (year >= 0 && year <= 9999)
    g_string_append_printf (out, "%04d", (int) year);
  else if (year < 0 && year >= -9999)
    g_string_append_printf (out, "-%04d", (int) -year);
  else
    g_string_append_printf (out, "%" G_GINT64_FORMAT, year);
}

/* The civil fields of @date as it was written (in its own offset). */
static void
date_get_local (const ChronoDate *date,
                gint64           *year,
                int              *month,
                int              *day,
                int              *hour,
                int              *minute,
                int              *second)
{
  gint64 local = date->time;

  if (date->flags & CHRONO_DATE_ZONE_OFFSET)
    local += (gint64) date->offset * 60;

  chrono_time_to_civil (local, year, month, day, hour, minute, second, NULL);
}

/**
 * chrono_date_to_iso:
 * @date: a date
 *
 * Writes @date in the syntax chrono_date_parse() reads, so that parsing the
 * result gives back @date exactly.  HOUR precision, which only importers
 * make, is written as "Thh:00" and so reads back as MINUTE precision.  An
 * open date gives "..", an unset one "".
 *
 * Returns: (transfer full): the ISO 8601 / EDTF text; free with g_free()
 */
char *
chrono_date_to_iso (const ChronoDate *date)
{
  GString *out;
  gint64 year;
  int month;
  int day;
  int hour;
  int minute;
  int second;

  g_return_val_if_fail (date != NULL, NULL);

  if (date->flags & CHRONO_DATE_OPEN)
    return g_strdup ("..");

  if (date->precision == CHRONO_PRECISION_NONE)
    return g_strdup ("");

  date_get_local (date, &year, &month, &day, &hour, &minute, &second);

  out = g_string_sized_new (32);
  append_iso_year (out, year);

  if (date->precision >= CHRONO_PRECISION_MONTH)
    g_string_append_printf (out, "-%02d", month);
  if (date->precision >= CHRONO_PRECISION_DAY)
    g_string_append_printf (out, "-%02d", day);
  if (date->precision >= CHRONO_PRECISION_HOUR)
    g_string_append_printf (out, "T%02d:%02d", hour,
                            date->precision >= CHRONO_PRECISION_MINUTE ? minute : 0);
  if (date->precision >= CHRONO_PRECISION_SECOND)
    g_string_append_printf (out, ":%02d", second);

  if (date->precision >= CHRONO_PRECISION_HOUR)
    {
      if (date->flags & CHRONO_DATE_ZONE_UTC)
        g_string_append_c (out, 'Z');
      else if (date->flags & CHRONO_DATE_ZONE_OFFSET)
        g_string_append_printf (out, "%c%02d:%02d",
                                date->offset < 0 ? '-' : '+',
                                ABS (date->offset) / 60, ABS (date->offset) % 60);
    }

  if ((date->flags & CHRONO_DATE_APPROXIMATE) && (date->flags & CHRONO_DATE_UNCERTAIN))
    g_string_append_c (out, '%');
  else if (date->flags & CHRONO_DATE_APPROXIMATE)
    g_string_append_c (out, '~');
  else if (date->flags & CHRONO_DATE_UNCERTAIN)
    g_string_append_c (out, '?');

  return g_string_free (out, FALSE);
}

/**
 * chrono_date_is_set:
 * @date: a date
 *
 * Returns: %TRUE if @date has a precision or is open (".."); %FALSE for the
 *   missing end of a point event
 */
gboolean
chrono_date_is_set (const ChronoDate *date)
{
  g_return_val_if_fail (date != NULL, FALSE);

  return date->precision != CHRONO_PRECISION_NONE || (date->flags & CHRONO_DATE_OPEN) != 0;
}

/**
 * chrono_date_get_period_end:
 * @date: a date
 *
 * A date stands for its whole period: "2015" is all of 2015.  This is the
 * first second after that period (2015 gives 2016-01-01T00:00:00Z,
 * 2015-12 gives 2016-01-01, 2015-12-11T09:30 gives 09:31).  An open date
 * ends now (chrono_now()); an unset date ends at its own time.
 *
 * Returns: the exclusive end of the period, in seconds since the epoch
 */
gint64
chrono_date_get_period_end (const ChronoDate *date)
{
  gint64 year;
  int month;

  g_return_val_if_fail (date != NULL, 0);

  if (date->flags & CHRONO_DATE_OPEN)
    return chrono_now ();

  switch ((ChronoPrecision) date->precision)
    {
    case CHRONO_PRECISION_YEAR:
      chrono_time_to_civil (date->time, &year, NULL, NULL, NULL, NULL, NULL, NULL);
      return days_from_civil (year + 1, 1, 1) * CHRONO_SECONDS_PER_DAY;

    case CHRONO_PRECISION_MONTH:
      chrono_time_to_civil (date->time, &year, &month, NULL, NULL, NULL, NULL, NULL);
      if (month == 12)
        return days_from_civil (year + 1, 1, 1) * CHRONO_SECONDS_PER_DAY;
      return days_from_civil (year, month + 1, 1) * CHRONO_SECONDS_PER_DAY;

    case CHRONO_PRECISION_DAY:
      return date->time + CHRONO_SECONDS_PER_DAY;

    case CHRONO_PRECISION_HOUR:
      return date->time + 3600;

    case CHRONO_PRECISION_MINUTE:
      return date->time + 60;

    case CHRONO_PRECISION_SECOND:
      return date->time + 1;

    case CHRONO_PRECISION_NONE:
    default:
      return date->time;
    }
}

/**
 * chrono_date_init_civil:
 * @date: (out): the date to set; untouched on failure
 * @year: an astronomical year, CHRONO_YEAR_MIN to CHRONO_YEAR_MAX
 * @month: 1-12, ignored below MONTH precision
 * @day: 1 to the month's length, ignored below DAY precision
 * @hour: 0-23, ignored below HOUR precision
 * @minute: 0-59, ignored below MINUTE precision
 * @second: 0-59, ignored below SECOND precision
 * @precision: how much of the date is known; NONE makes an unset date
 *
 * Makes a UTC date without qualifiers from civil fields, for importers.
 * Fields finer than @precision are ignored, so an importer may pass 0 for
 * what it does not know.
 *
 * Returns: %FALSE if a field that @precision uses is out of range
 */
gboolean
chrono_date_init_civil (ChronoDate      *date,
                        gint64           year,
                        int              month,
                        int              day,
                        int              hour,
                        int              minute,
                        int              second,
                        ChronoPrecision  precision)
{
  g_return_val_if_fail (date != NULL, FALSE);

  if (precision == CHRONO_PRECISION_NONE)
    {
      date->time = 0;
      date->offset = 0;
      date->precision = CHRONO_PRECISION_NONE;
      date->flags = 0;
      return TRUE;
    }

  if (precision > CHRONO_PRECISION_SECOND)
    return FALSE;

  if (year < CHRONO_YEAR_MIN || year > CHRONO_YEAR_MAX)
    return FALSE;

  if (precision < CHRONO_PRECISION_MONTH)
    month = 1;
  else if (month < 1 || month > 12)
    return FALSE;

  if (precision < CHRONO_PRECISION_DAY)
    day = 1;
  else if (day < 1 || day > chrono_days_in_month (year, month))
    return FALSE;

  if (precision < CHRONO_PRECISION_HOUR)
    hour = 0;
  else if (hour < 0 || hour > 23)
    return FALSE;

  if (precision < CHRONO_PRECISION_MINUTE)
    minute = 0;
  else if (minute < 0 || minute > 59)
    return FALSE;

  if (precision < CHRONO_PRECISION_SECOND)
    second = 0;
  else if (second < 0 || second > 59)
    return FALSE;

  date->time = chrono_time_from_civil (year, month, day, hour, minute, second);
  date->offset = 0;
  date->precision = precision;
  date->flags = 0;

  return TRUE;
}

/**
 * chrono_now:
 *
 * The current time.  If CHRONO_NOW is set in the environment to a date
 * chrono_date_parse() accepts, that date's start is returned instead, so
 * that tests and screenshots are repeatable.
 *
 * Returns: seconds since the epoch
 */
gint64
chrono_now (void)
{
  const char *env = g_getenv ("CHRONO_NOW");
  ChronoDate date;

  if (env != NULL && env[0] != '\0')
    {
      if (chrono_date_parse (env, FALSE, &date, NULL, NULL))
        return date.time;

      g_warning ("Ignoring CHRONO_NOW=%s: not a date", env);
    }

  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Formatting */

typedef struct
{
  /* [abbreviated][standalone][month - 1] */
  char *names[2][2][12];
} MonthNames;

static const MonthNames *
get_month_names (void)
{
  static MonthNames *cache = NULL;

  if (g_once_init_enter (&cache))
    {
      MonthNames *names = g_new0 (MonthNames, 1);
      static const char *formats[2][2] = { { "%B", "%OB" }, { "%b", "%Ob" } };

      for (int m = 1; m <= 12; m++)
        {
          g_autoptr(GDateTime) dt = g_date_time_new_utc (2000, m, 1, 12, 0, 0);

          for (int a = 0; a < 2; a++)
            for (int s = 0; s < 2; s++)
              {
                char *name = g_date_time_format (dt, formats[a][s]);

                /* Some C libraries lack the standalone forms. */
                if (name == NULL || name[0] == '\0' || strcmp (name, formats[a][s]) == 0)
                  {
                    g_free (name);
                    name = g_date_time_format (dt, formats[a][0]);
                  }

                names->names[a][s][m - 1] = name != NULL ? name : g_strdup_printf ("%02d", m);
              }
        }

      g_once_init_leave (&cache, names);
    }

  return cache;
}

/**
 * chrono_month_name:
 * @month: 1-12
 * @abbreviated: %TRUE for "Dec", %FALSE for "December"
 *
 * The month's name in the current locale (LC_TIME), as used inside a date
 * ("11 December").  Read once, the first time it is needed.
 *
 * Returns: (transfer none): the name, valid for the whole program
 */
const char *
chrono_month_name (int      month,
                   gboolean abbreviated)
{
  g_return_val_if_fail (month >= 1 && month <= 12, "");

  return get_month_names ()->names[abbreviated ? 1 : 0][0][month - 1];
}

/* The month's name standing alone ("Dec 2015"), which some languages
 * inflect differently from the one inside a full date. */
static const char *
month_name_standalone (int      month,
                       gboolean abbreviated)
{
  return get_month_names ()->names[abbreviated ? 1 : 0][1][month - 1];
}

static void
append_grouped (GString *out,
                guint64  value)
{
  const char *sep = localeconv ()->thousands_sep;
  char digits[32];
  int len;

  if (sep == NULL || sep[0] == '\0' || !g_utf8_validate (sep, -1, NULL))
    sep = ",";

  len = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, value);
  for (int k = 0; k < len; k++)
    {
      if (k > 0 && (len - k) % 3 == 0)
        g_string_append (out, sep);
      g_string_append_c (out, digits[k]);
    }
}

/**
 * chrono_format_count:
 * @value: a count (of years, days ...)
 *
 * @value with the locale's thousands separator from five digits on
 * ("2015", "12,000", "38,255,750" in English, "38.255.750" in German);
 * "," where the locale has none (C), so long numbers are always grouped.
 *
 * Returns: (transfer full): the text; free with g_free()
 */
char *
chrono_format_count (guint64 value)
{
  GString *out = g_string_new (NULL);

  if (value < 10000)
    g_string_append_printf (out, "%" G_GUINT64_FORMAT, value);
  else
    append_grouped (out, value);

  return g_string_free (out, FALSE);
}

typedef enum
{
  DEEP_AGO,
  DEEP_HENCE,
  DEEP_ABOUT,
} DeepKind;

/* @years >= DEEP_TIME_YEARS, to three significant digits in a named unit. */
static char *
format_deep (guint64  years,
             DeepKind kind)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  int unit;
  double value;

  if (years < G_GUINT64_CONSTANT (999500))
    {
      unit = 0;
      value = years / 1e3;
    }
  else if (years < G_GUINT64_CONSTANT (999500000))
    {
      unit = 1;
      value = years / 1e6;
    }
  else
    {
      unit = 2;
      value = years / 1e9;
    }

  /* Localized decimal separator on purpose. */
  g_snprintf (number, sizeof number, "%.3g", value);

  switch (kind)
    {
    case DEEP_AGO:
      if (unit == 0)
        return g_strdup_printf (_("%s thousand years ago"), number);
      if (unit == 1)
        return g_strdup_printf (_("%s million years ago"), number);
      return g_strdup_printf (_("%s billion years ago"), number);

    case DEEP_HENCE:
      if (unit == 0)
        return g_strdup_printf (_("in %s thousand years"), number);
      if (unit == 1)
        return g_strdup_printf (_("in %s million years"), number);
      return g_strdup_printf (_("in %s billion years"), number);

    case DEEP_ABOUT:
    default:
      if (unit == 0)
        return g_strdup_printf (_("about %s thousand years"), number);
      if (unit == 1)
        return g_strdup_printf (_("about %s million years"), number);
      return g_strdup_printf (_("about %s billion years"), number);
    }
}

/**
 * chrono_format_year:
 * @year: an astronomical year (0 is 1 BC)
 *
 * A localized year for people: "2015", "12,000", "1 BC" (year 0),
 * "500 BC" (year -499), "12,000 BC"; from DEEP_TIME_YEARS (100,000) years
 * on, deep time: "300 thousand years ago", "13.8 billion years ago",
 * "in 2 million years".
 *
 * Returns: (transfer full): the text; free with g_free()
 */
char *
chrono_format_year (gint64 year)
{
  g_autofree char *number = NULL;

  if (year >= 1)
    {
      if ((guint64) year >= DEEP_TIME_YEARS)
        return format_deep ((guint64) year, DEEP_HENCE);

      return chrono_format_count ((guint64) year);
    }
  else
    {
      /* Year 0 is 1 BC; "years ago" counts from year 1 too, which at three
       * significant digits is the same as counting from today. */
      guint64 bc = (guint64) (1 - year);

      if (bc >= DEEP_TIME_YEARS)
        return format_deep (bc, DEEP_AGO);

      number = chrono_format_count (bc);
      /* Translators: a year before Christ, "500 BC" */
      return g_strdup_printf (_("%s BC"), number);
    }
}

static gboolean
year_is_deep (gint64 year)
{
  return year >= DEEP_TIME_YEARS || year <= 1 - DEEP_TIME_YEARS;
}

static char *
format_plain (const ChronoDate *date)
{
  g_autofree char *year_text = NULL;
  g_autofree char *day_text = NULL;
  g_autofree char *zone = NULL;
  char *text = NULL;
  gint64 year;
  int month;
  int day;
  int hour;
  int minute;
  int second;

  date_get_local (date, &year, &month, &day, &hour, &minute, &second);
  year_text = chrono_format_year (year);

  if (date->precision == CHRONO_PRECISION_YEAR || year_is_deep (year))
    return g_steal_pointer (&year_text);

  if (date->precision == CHRONO_PRECISION_MONTH)
    /* Translators: month and year, "Dec 2015"; reorder with %2$s %1$s */
    return g_strdup_printf (C_("month and year", "%1$s %2$s"),
                            month_name_standalone (month, TRUE), year_text);

  /* Translators: day, abbreviated month and year, "11 Dec 2015" */
  day_text = g_strdup_printf (C_("day month year", "%1$d %2$s %3$s"),
                              day, chrono_month_name (month, TRUE), year_text);

  if (date->precision == CHRONO_PRECISION_DAY)
    return g_steal_pointer (&day_text);

  if (date->precision == CHRONO_PRECISION_SECOND)
    /* Translators: a date and a time, "11 Dec 2015, 09:30:15" */
    text = g_strdup_printf (C_("date and time", "%1$s, %2$02d:%3$02d:%4$02d"),
                            day_text, hour, minute, second);
  else
    /* Translators: a date and a time, "11 Dec 2015, 09:30" */
    text = g_strdup_printf (C_("date and time", "%1$s, %2$02d:%3$02d"),
                            day_text, hour, date->precision >= CHRONO_PRECISION_MINUTE ? minute : 0);

  if (date->flags & CHRONO_DATE_ZONE_UTC)
    {
      /* Translators: a time in UTC, "11 Dec 2015, 09:30 UTC" */
      zone = g_strdup_printf (_("%s UTC"), text);
    }
  else if (date->flags & CHRONO_DATE_ZONE_OFFSET)
    {
      char offset_text[16];

      g_snprintf (offset_text, sizeof offset_text, "%c%02d:%02d",
                  date->offset < 0 ? '-' : '+',
                  ABS (date->offset) / 60, ABS (date->offset) % 60);
      /* Translators: a time and its offset from UTC, "11 Dec 2015, 09:30 UTC+02:00" */
      zone = g_strdup_printf (_("%s UTC%s"), text, offset_text);
    }

  if (zone != NULL)
    {
      g_free (text);
      return g_steal_pointer (&zone);
    }

  return text;
}

/**
 * chrono_date_format:
 * @date: a date
 *
 * A localized text for @date that shows what was written, no more:
 * "2015", "Dec 2015", "11 Dec 2015", "11 Dec 2015, 09:30" (the time as
 * written, followed by "UTC" or "UTC+02:00" when a zone was given),
 * "c. 2015" (approximate), "2015?" (uncertain), "c. 2015?" (both),
 * "500 BC", "13.8 billion years ago" (deep time shows only the year),
 * "ongoing" (open).  An unset date gives "".
 *
 * Returns: (transfer full): the text; free with g_free()
 */
char *
chrono_date_format (const ChronoDate *date)
{
  g_autofree char *plain = NULL;
  gboolean approximate;
  gboolean uncertain;

  g_return_val_if_fail (date != NULL, NULL);

  if (date->flags & CHRONO_DATE_OPEN)
    /* Translators: the end of something that has not ended */
    return g_strdup (_("ongoing"));

  if (date->precision == CHRONO_PRECISION_NONE)
    return g_strdup ("");

  plain = format_plain (date);
  approximate = (date->flags & CHRONO_DATE_APPROXIMATE) != 0;
  uncertain = (date->flags & CHRONO_DATE_UNCERTAIN) != 0;

  if (approximate && uncertain)
    /* Translators: an approximate and uncertain date, "c. 2015?" */
    return g_strdup_printf (_("c. %s?"), plain);
  if (approximate)
    /* Translators: an approximate date (circa), "c. 2015" */
    return g_strdup_printf (_("c. %s"), plain);
  if (uncertain)
    /* Translators: an uncertain date, "2015?" */
    return g_strdup_printf (_("%s?"), plain);

  return g_steal_pointer (&plain);
}

/**
 * chrono_date_format_range:
 * @start: the first date
 * @end: the last date; unset for a point, open for an ongoing range
 *
 * A localized text for the range [@start, @end], each end as
 * chrono_date_format() writes it: "Jun 2017 – Jul 2022",
 * "2024 – ongoing".  A point, or a range whose ends read the same, gives
 * one date: "2015".
 *
 * Returns: (transfer full): the text; free with g_free()
 */
char *
chrono_date_format_range (const ChronoDate *start,
                          const ChronoDate *end)
{
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;

  g_return_val_if_fail (start != NULL, NULL);

  start_text = chrono_date_format (start);

  if (end == NULL || !chrono_date_is_set (end))
    return g_steal_pointer (&start_text);

  end_text = chrono_date_format (end);

  if (!chrono_date_is_set (start))
    return g_steal_pointer (&end_text);

  if (g_str_equal (start_text, end_text))
    return g_steal_pointer (&start_text);

  /* Translators: a range of dates, "Jun 2017 – Jul 2022" */
  return g_strdup_printf (C_("date range", "%1$s – %2$s"), start_text, end_text);
}

static char *
format_unit (int     unit,
             guint64 n)
{
  g_autofree char *number = chrono_format_count (n);
  gulong plural = n > G_MAXULONG ? G_MAXULONG : (gulong) n;

  switch (unit)
    {
    case 0:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s year", "%s years", plural), number);
    case 1:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s month", "%s months", plural), number);
    case 2:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days", plural), number);
    case 3:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s hour", "%s hours", plural), number);
    case 4:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s minute", "%s minutes", plural), number);
    case 5:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s second", "%s seconds", plural), number);
    }
}

/**
 * chrono_format_duration:
 * @seconds: a length of time, in seconds
 *
 * A localized length of time in its two largest units, the smaller one
 * rounded: "5 years 1 month", "3 days", "2 hours 5 minutes", "45 seconds".
 * Years and months are mean Gregorian ones (CHRONO_SECONDS_PER_YEAR and a
 * twelfth of it).  From 100 years on only years are shown ("12,000 years"),
 * from 100,000 years on, deep time: "about 13.8 billion years".  A negative
 * length gets a minus sign.
 *
 * Returns: (transfer full): the text; free with g_free()
 */
char *
chrono_format_duration (gint64 seconds)
{
  static const gint64 units[] = {
    CHRONO_SECONDS_PER_YEAR, SECONDS_PER_MONTH, CHRONO_SECONDS_PER_DAY, 3600, 60, 1,
  };
  /* How many of the next unit make one of this one, for the carry. */
  static const guint64 per[] = { 12, 30, 24, 60, 60, 1 };
  g_autofree char *major_text = NULL;
  g_autofree char *minor_text = NULL;
  g_autofree char *text = NULL;
  guint64 abs_seconds;
  guint64 major;
  guint64 minor;
  guint64 rest;
  guint u;

  if (seconds < 0)
    {
      text = chrono_format_duration (seconds == G_MININT64 ? G_MAXINT64 : -seconds);
      /* Translators: a negative length of time */
      return g_strdup_printf (_("-%s"), text);
    }

  abs_seconds = (guint64) seconds;

  if (abs_seconds / CHRONO_SECONDS_PER_YEAR >= DEEP_TIME_YEARS)
    return format_deep (abs_seconds / CHRONO_SECONDS_PER_YEAR, DEEP_ABOUT);

  for (u = 0; u < G_N_ELEMENTS (units) - 1; u++)
    if (abs_seconds >= (guint64) units[u])
      break;

  major = abs_seconds / (guint64) units[u];
  rest = abs_seconds % (guint64) units[u];

  if (u == G_N_ELEMENTS (units) - 1 || (u == 0 && major >= 100))
    return format_unit (u, major);

  minor = (rest + (guint64) units[u + 1] / 2) / (guint64) units[u + 1];
  /* Rounding up may fill the larger unit: 23 hours 59 minutes 59 seconds
   * is "1 day", 11 months 30 days is "1 year". */
  if (minor >= per[u])
    return chrono_format_duration ((gint64) ((major + 1) * (guint64) units[u]));

  major_text = format_unit (u, major);
  if (minor == 0)
    return g_steal_pointer (&major_text);

  minor_text = format_unit (u + 1, minor);
  /* Translators: two parts of a length of time, "5 years 1 month" */
  return g_strdup_printf (C_("duration", "%1$s %2$s"), major_text, minor_text);
}

/* A date for @time at the precision that suits a span of @duration
 * seconds, for captions and clusters. */
static void
date_at (ChronoDate *date,
         gint64      time,
         double      duration)
{
  ChronoPrecision precision;
  gint64 year;
  int month, day, hour, minute, second, weekday;

  if (duration > 4.0 * CHRONO_SECONDS_PER_YEAR)
    precision = CHRONO_PRECISION_YEAR;
  else if (duration > 90.0 * CHRONO_SECONDS_PER_DAY)
    precision = CHRONO_PRECISION_MONTH;
  else if (duration > 3.0 * CHRONO_SECONDS_PER_DAY)
    precision = CHRONO_PRECISION_DAY;
  else
    precision = CHRONO_PRECISION_MINUTE;

  chrono_time_to_civil (time, &year, &month, &day, &hour, &minute, &second, &weekday);
  year = CLAMP (year, CHRONO_YEAR_MIN, CHRONO_YEAR_MAX);
  if (!chrono_date_init_civil (date, year, month, day, hour, minute, second, precision))
    memset (date, 0, sizeof *date);
}

/**
 * chrono_format_time_span:
 * @start: seconds since the epoch
 * @end: seconds since the epoch, exclusive
 *
 * "2015 – 2026", "Mar 2020 – Jun 2021": the span [@start, @end) at the
 * precision its length calls for, for captions and clusters.
 *
 * Returns: (transfer full): the text; free with g_free()
 */
char *
chrono_format_time_span (double start,
                         double end)
{
  ChronoDate from, to;
  double duration = end - start;

  date_at (&from, (gint64) floor (start), duration);
  /* The end is exclusive: the last second shown names its period. */
  date_at (&to, (gint64) ceil (end) - 1, duration);

  return chrono_date_format_range (&from, &to);
}
