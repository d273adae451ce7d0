/* chrono-csv-mapping.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-csv-mapping"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "chrono-csv-mapping.h"
#include "chrono-document-builder.h"
#include "chrono-import-private.h"

/*
 * Importing any spreadsheet: which column holds what, how its dates are
 * written, a guess of both, and a preview for an import dialog.  The
 * rows themselves are read by the CSV importer (chrono-import-csv.c),
 * which takes the mapping instead of the header's names.
 */

#define MAX_REASONS     5
#define GUESS_ROWS      50

static const char * const field_names[CHRONO_CSV_N_FIELDS] = {
  "ignore", "title", "start", "end", "lane", "category", "description", "tags", "link",
};

static const char * const date_format_names[CHRONO_CSV_N_DATE_FORMATS] = {
  "iso", "M/D/YY", "D/M/YY", "M/D/YYYY", "D/M/YYYY", "D Month YYYY", "year",
};

ChronoCsvMapping *
chrono_csv_mapping_new (guint n_columns)
{
  ChronoCsvMapping *mapping = g_new0 (ChronoCsvMapping, 1);

  mapping->fields = g_new0 (ChronoCsvField, MAX (n_columns, 1));
  mapping->n_columns = n_columns;
  mapping->date_format = CHRONO_CSV_DATE_ISO;
  return mapping;
}

ChronoCsvMapping *
chrono_csv_mapping_copy (const ChronoCsvMapping *mapping)
{
  ChronoCsvMapping *copy;

  g_return_val_if_fail (mapping != NULL, NULL);

  copy = chrono_csv_mapping_new (mapping->n_columns);
  if (mapping->n_columns > 0)
    memcpy (copy->fields, mapping->fields, mapping->n_columns * sizeof (ChronoCsvField));
  copy->date_format = mapping->date_format;
  return copy;
}

gboolean
chrono_csv_mapping_equal (const ChronoCsvMapping *a,
                          const ChronoCsvMapping *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->n_columns == b->n_columns && a->date_format == b->date_format &&
         (a->n_columns == 0 || memcmp (a->fields, b->fields, a->n_columns * sizeof (ChronoCsvField)) == 0);
}

void
chrono_csv_mapping_free (ChronoCsvMapping *mapping)
{
  if (mapping == NULL)
    return;
  g_free (mapping->fields);
  g_free (mapping);
}

const char *
chrono_csv_field_to_string (ChronoCsvField field)
{
  g_return_val_if_fail (field < CHRONO_CSV_N_FIELDS, NULL);
  return field_names[field];
}

int
chrono_csv_field_from_string (const char *name)
{
  g_return_val_if_fail (name != NULL, -1);

  for (int i = 0; i < CHRONO_CSV_N_FIELDS; i++)
    if (g_ascii_strcasecmp (name, field_names[i]) == 0)
      return i;
  return -1;
}

const char *
chrono_csv_field_get_label (ChronoCsvField field)
{
  static const char * const labels[CHRONO_CSV_N_FIELDS] = {
    N_("Ignore"), N_("Title"), N_("Start date"), N_("End date"), N_("Lane"),
    N_("Category"), N_("Description"), N_("Tags"), N_("Link"),
  };

  g_return_val_if_fail (field < CHRONO_CSV_N_FIELDS, NULL);
  return _(labels[field]);
}

const char *
chrono_csv_date_format_to_string (ChronoCsvDateFormat format)
{
  g_return_val_if_fail (format < CHRONO_CSV_N_DATE_FORMATS, NULL);
  return date_format_names[format];
}

int
chrono_csv_date_format_from_string (const char *name)
{
  g_return_val_if_fail (name != NULL, -1);

  for (int i = 0; i < CHRONO_CSV_N_DATE_FORMATS; i++)
    if (strcmp (name, date_format_names[i]) == 0 ||
        (i == CHRONO_CSV_DATE_ISO && g_ascii_strcasecmp (name, "iso") == 0) ||
        (i == CHRONO_CSV_DATE_YEAR && g_ascii_strcasecmp (name, "year") == 0))
      return i;
  return -1;
}

const char *
chrono_csv_date_format_get_label (ChronoCsvDateFormat format)
{
  static const char * const labels[CHRONO_CSV_N_DATE_FORMATS] = {
    N_("ISO 8601 (1977-01-21)"),
    N_("Month/day/two-digit year (1/21/77)"),
    N_("Day/month/two-digit year (21/1/77)"),
    N_("Month/day/year (1/21/1977)"),
    N_("Day/month/year (21/1/1977)"),
    N_("Day month year (21 January 1977)"),
    N_("Year only (1977)"),
  };

  g_return_val_if_fail (format < CHRONO_CSV_N_DATE_FORMATS, NULL);
  return _(labels[format]);
}

gint64
chrono_csv_two_digit_year (int yy)
{
  gint64 now_year, year;
  int month, day, hour, minute, second, weekday;

  g_return_val_if_fail (yy >= 0 && yy <= 99, yy);

  chrono_time_to_civil (chrono_now (), &now_year, &month, &day, &hour, &minute, &second, &weekday);
  /* The window runs from 80 years back to 19 ahead: a career or a
   * company's history lies mostly in the past, some plans ahead. */
  year = now_year - now_year % 100 + yy;
  if (year > now_year + 19)
    year -= 100;
  else if (year < now_year - 80)
    year += 100;
  return year;
}

static gboolean
date_error (GError     **error,
            const char  *text,
            const char  *expected)
{
  g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_DATE,
               /* Translators: "“13/45/77” is not a date written M/D/YY" */
               _("“%s” is not a date written %s"), text, expected);
  return FALSE;
}

/* A whole number of 1 to @max_digits digits (at least @min_digits). */
static gboolean
parse_digits (const char *text,
              guint       min_digits,
              guint       max_digits,
              gint64     *out)
{
  gsize n = strlen (text);
  guint64 v;

  if (n < min_digits || n > max_digits || strspn (text, "0123456789") != n)
    return FALSE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &v, NULL))
    return FALSE;
  *out = (gint64) v;
  return TRUE;
}

/* 1-12 from an English or localized month name or abbreviation, or 0. */
static int
month_from_name (const char *name)
{
  static const char * const english[] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
  };
  g_autofree char *folded = g_utf8_casefold (name, -1);
  gsize len = strlen (folded);

  if (len > 0 && folded[len - 1] == '.')
    folded[--len] = '\0';
  if (len < 3)
    return 0;

  for (int m = 1; m <= 12; m++)
    {
      g_autofree char *full = g_utf8_casefold (chrono_month_name (m, FALSE), -1);
      g_autofree char *abbr = g_utf8_casefold (chrono_month_name (m, TRUE), -1);
      g_autofree char *abbr_stripped = g_strdup (abbr);
      gsize abbr_len = strlen (abbr_stripped);

      if (abbr_len > 0 && abbr_stripped[abbr_len - 1] == '.')
        abbr_stripped[abbr_len - 1] = '\0';
      if (strcmp (folded, full) == 0 || strcmp (folded, abbr_stripped) == 0)
        return m;
      /* English, as exports are often English whatever the locale:
       * the whole name or its first three letters ("Sept" too). */
      if (g_str_has_prefix (english[m - 1], folded) && len <= strlen (english[m - 1]))
        return m;
    }

  return 0;
}

static gboolean
parse_numeric (const char          *text,
               ChronoCsvDateFormat  format,
               gint64              *year,
               int                 *month,
               int                 *day)
{
  g_auto(GStrv) parts = g_strsplit_set (text, "/.-", -1);
  gboolean month_first = format == CHRONO_CSV_DATE_MDY_SHORT || format == CHRONO_CSV_DATE_MDY;
  gboolean two_digits = format == CHRONO_CSV_DATE_MDY_SHORT || format == CHRONO_CSV_DATE_DMY_SHORT;
  gint64 a, b, y;

  if (g_strv_length (parts) != 3 ||
      !parse_digits (parts[0], 1, 2, &a) || !parse_digits (parts[1], 1, 2, &b))
    return FALSE;
  if (two_digits)
    {
      if (!parse_digits (parts[2], 2, 2, &y))
        return FALSE;
      y = chrono_csv_two_digit_year ((int) y);
    }
  else if (!parse_digits (parts[2], 4, 4, &y))
    return FALSE;

  *year = y;
  *month = (int) (month_first ? a : b);
  *day = (int) (month_first ? b : a);
  return TRUE;
}

/* "21 January 1977", "21 Jan. 1977", "21-Jan-1977", "January 21, 1977",
 * "January 1977" (a month). */
static gboolean
parse_day_month_year (const char      *text,
                      gint64          *year,
                      int             *month,
                      int             *day,
                      ChronoPrecision *precision)
{
  g_auto(GStrv) raw = g_strsplit_set (text, " -,", -1);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  gint64 d = 0;

  for (guint i = 0; raw[i] != NULL; i++)
    if (raw[i][0] != '\0')
      g_ptr_array_add (parts, raw[i]);

  if (parts->len == 2)
    {
      *month = month_from_name (g_ptr_array_index (parts, 0));
      *precision = CHRONO_PRECISION_MONTH;
      *day = 1;
      return *month != 0 && parse_digits (g_ptr_array_index (parts, 1), 1, 11, year);
    }
  if (parts->len != 3)
    return FALSE;

  *precision = CHRONO_PRECISION_DAY;
  if (parse_digits (g_ptr_array_index (parts, 0), 1, 2, &d))
    *month = month_from_name (g_ptr_array_index (parts, 1));
  else
    {
      *month = month_from_name (g_ptr_array_index (parts, 0));
      if (!parse_digits (g_ptr_array_index (parts, 1), 1, 2, &d))
        return FALSE;
    }
  *day = (int) d;
  return *month != 0 && parse_digits (g_ptr_array_index (parts, 2), 1, 11, year);
}

/**
 * chrono_csv_parse_date:
 * @text: a cell, trimmed
 * @format: how it is written
 * @allow_open: whether ".." (ongoing) is accepted
 * @out: (out) (optional): the date
 *
 * Reads a spreadsheet date.  Every format takes one trailing qualifier
 * (~ approximate, ? uncertain, % both) as Chronoscope's dates do.  A
 * year alone (CHRONO_CSV_DATE_YEAR) counts BC years as people write
 * them: -500 is 500 BC.
 *
 * Returns: TRUE on success; FALSE with a CHRONO_ERROR_DATE error
 */
gboolean
chrono_csv_parse_date (const char          *text,
                       ChronoCsvDateFormat  format,
                       gboolean             allow_open,
                       ChronoDate          *out,
                       GError             **error)
{
  g_autofree char *body = NULL;
  ChronoPrecision precision = CHRONO_PRECISION_DAY;
  ChronoDate date;
  guint8 flags = 0;
  gint64 year = 0;
  int month = 1, day = 1;
  gsize len;
  gboolean ok;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (format < CHRONO_CSV_N_DATE_FORMATS, FALSE);

  if (format == CHRONO_CSV_DATE_ISO || strcmp (text, "..") == 0)
    return chrono_date_parse (text, allow_open, out, NULL, error);

  body = g_strdup (text);
  len = strlen (body);
  if (len > 0 && strchr ("~?%", body[len - 1]) != NULL)
    {
      char q = body[--len];

      body[len] = '\0';
      g_strchomp (body);
      flags = q == '~' ? CHRONO_DATE_APPROXIMATE
            : q == '?' ? CHRONO_DATE_UNCERTAIN
            : CHRONO_DATE_APPROXIMATE | CHRONO_DATE_UNCERTAIN;
    }

  switch (format)
    {
    case CHRONO_CSV_DATE_YEAR:
      {
        const char *digits = body[0] == '-' || body[0] == '+' ? body + 1 : body;

        precision = CHRONO_PRECISION_YEAR;
        ok = parse_digits (digits, 1, 11, &year) && year > 0;
        if (ok && body[0] == '-')
          year = 1 - year;
      }
      break;
    case CHRONO_CSV_DATE_DAY_MONTH_YEAR:
      ok = parse_day_month_year (body, &year, &month, &day, &precision);
      break;
    default:
      ok = parse_numeric (body, format, &year, &month, &day);
      break;
    }

  if (!ok)
    return date_error (error, text, date_format_names[format]);

  if (!chrono_date_init_civil (&date, year, month, precision >= CHRONO_PRECISION_DAY ? day : 1,
                               0, 0, 0, precision))
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_DATE,
                   /* Translators: "“2/30/77” does not exist (read as M/D/YY)" */
                   _("“%s” does not exist (read as %s)"), text, date_format_names[format]);
      return FALSE;
    }
  date.flags |= flags;
  if (out != NULL)
    *out = date;
  return TRUE;
}

/**
 * chrono_csv_guess_date_format:
 * @samples: (array zero-terminated=1): cells of the date columns
 * @ambiguous: (out) (optional): whether another format reads as many
 *   samples to other dates (day and month swapped)
 *
 * Returns: the format that reads the most samples; ISO when none does
 */
ChronoCsvDateFormat
chrono_csv_guess_date_format (const char * const *samples,
                              gboolean           *ambiguous)
{
  guint counts[CHRONO_CSV_N_DATE_FORMATS] = { 0 };
  ChronoCsvDateFormat best = CHRONO_CSV_DATE_ISO;

  g_return_val_if_fail (samples != NULL, CHRONO_CSV_DATE_ISO);

  for (guint i = 0; samples[i] != NULL; i++)
    {
      if (samples[i][0] == '\0' || strcmp (samples[i], "..") == 0)
        continue;
      for (int f = 0; f < CHRONO_CSV_N_DATE_FORMATS; f++)
        if (chrono_csv_parse_date (samples[i], f, TRUE, NULL, NULL))
          counts[f]++;
    }

  /* Earlier formats win ties: ISO over a year alone, month first over
   * day first as in most spreadsheets' exports. */
  for (int f = 1; f < CHRONO_CSV_N_DATE_FORMATS; f++)
    if (counts[f] > counts[best])
      best = f;

  if (ambiguous != NULL)
    {
      *ambiguous = FALSE;
      if (counts[best] > 0)
        switch (best)
          {
          case CHRONO_CSV_DATE_MDY_SHORT:
            *ambiguous = counts[CHRONO_CSV_DATE_DMY_SHORT] == counts[best];
            break;
          case CHRONO_CSV_DATE_MDY:
            *ambiguous = counts[CHRONO_CSV_DATE_DMY] == counts[best];
            break;
          default:
            break;
          }
    }

  return best;
}

/* Lower case, '_' and '-' as spaces: "Start_Date" -> "start date". */
static char *
normalize_header (const char *name)
{
  char *lower = g_utf8_strdown (name, -1);

  g_strdelimit (lower, "_-.", ' ');
  return g_strstrip (lower);
}

static ChronoCsvField
field_for_header (const char *name)
{
  static const struct {
    const char     *name;
    ChronoCsvField  field;
  } known[] = {
    { "title", CHRONO_CSV_TITLE }, { "name", CHRONO_CSV_TITLE }, { "headline", CHRONO_CSV_TITLE },
    { "event", CHRONO_CSV_TITLE }, { "label", CHRONO_CSV_TITLE }, { "who", CHRONO_CSV_TITLE },
    { "what", CHRONO_CSV_TITLE },
    { "start", CHRONO_CSV_START }, { "start date", CHRONO_CSV_START }, { "begin", CHRONO_CSV_START },
    { "from", CHRONO_CSV_START }, { "date", CHRONO_CSV_START }, { "started", CHRONO_CSV_START },
    { "start year", CHRONO_CSV_START }, { "year", CHRONO_CSV_START }, { "when", CHRONO_CSV_START },
    { "end", CHRONO_CSV_END }, { "end date", CHRONO_CSV_END }, { "to", CHRONO_CSV_END },
    { "until", CHRONO_CSV_END }, { "finish", CHRONO_CSV_END }, { "ended", CHRONO_CSV_END },
    { "end year", CHRONO_CSV_END },
    { "lane", CHRONO_CSV_LANE }, { "group", CHRONO_CSV_LANE }, { "track", CHRONO_CSV_LANE },
    { "category", CHRONO_CSV_CATEGORY }, { "type", CHRONO_CSV_CATEGORY }, { "kind", CHRONO_CSV_CATEGORY },
    { "description", CHRONO_CSV_DESCRIPTION }, { "text", CHRONO_CSV_DESCRIPTION },
    { "notes", CHRONO_CSV_DESCRIPTION }, { "details", CHRONO_CSV_DESCRIPTION },
    { "summary", CHRONO_CSV_DESCRIPTION },
    { "tags", CHRONO_CSV_TAGS }, { "keywords", CHRONO_CSV_TAGS },
    { "link", CHRONO_CSV_LINK }, { "url", CHRONO_CSV_LINK }, { "source", CHRONO_CSV_LINK },
    { "website", CHRONO_CSV_LINK },
  };
  g_autofree char *normalized = normalize_header (name);

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (strcmp (normalized, known[i].name) == 0)
      return known[i].field;
  return CHRONO_CSV_IGNORE;
}

/**
 * chrono_csv_guess_mapping_date_format:
 * @rows: (element-type GStrv): from chrono_csv_read_rows(), header first
 * @mapping: which columns hold the start and end dates
 * @ambiguous: (out) (optional): as chrono_csv_guess_date_format() says
 *
 * Returns: the format that reads the most date cells of the first 50
 *   data rows
 */
ChronoCsvDateFormat
chrono_csv_guess_mapping_date_format (GPtrArray              *rows,
                                      const ChronoCsvMapping *mapping,
                                      gboolean               *ambiguous)
{
  g_autoptr(GPtrArray) samples = g_ptr_array_new ();

  g_return_val_if_fail (rows != NULL, CHRONO_CSV_DATE_ISO);
  g_return_val_if_fail (mapping != NULL, CHRONO_CSV_DATE_ISO);

  for (guint r = 1; r < rows->len && r <= GUESS_ROWS; r++)
    {
      const char * const *cells = g_ptr_array_index (rows, r);
      guint n = g_strv_length ((char **) cells);

      for (guint c = 0; c < mapping->n_columns && c < n; c++)
        if (mapping->fields[c] == CHRONO_CSV_START || mapping->fields[c] == CHRONO_CSV_END)
          g_ptr_array_add (samples, (gpointer) cells[c]);
    }
  g_ptr_array_add (samples, NULL);

  return chrono_csv_guess_date_format ((const char * const *) samples->pdata, ambiguous);
}

/* The cells of @column in the first rows that are not empty,
 * NULL-terminated (owned by @rows). */
static GPtrArray *
column_cells (GPtrArray *rows,
              guint      column)
{
  GPtrArray *cells = g_ptr_array_new ();

  for (guint r = 1; r < rows->len && r <= GUESS_ROWS; r++)
    {
      const char * const *row = g_ptr_array_index (rows, r);

      if (column < g_strv_length ((char **) row) && row[column][0] != '\0')
        g_ptr_array_add (cells, (gpointer) row[column]);
    }
  g_ptr_array_add (cells, NULL);
  return cells;
}

/* What the cells of one column of the first rows look like. */
typedef struct
{
  guint  n_cells;     /* not empty */
  guint  n_distinct;
  guint  n_dates;     /* read as dates in the guessed format */
  guint  n_numbers;   /* only digits, signs, dots and commas */
  gsize  total_length;
} ColumnStats;

static void
column_stats (GPtrArray           *rows,
              guint                column,
              ChronoCsvDateFormat  date_format,
              ColumnStats         *stats)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  memset (stats, 0, sizeof *stats);
  for (guint r = 1; r < rows->len && r <= GUESS_ROWS; r++)
    {
      const char * const *cells = g_ptr_array_index (rows, r);
      const char *cell;

      if (column >= g_strv_length ((char **) cells))
        continue;
      cell = cells[column];
      if (cell[0] == '\0')
        continue;

      stats->n_cells++;
      stats->total_length += g_utf8_strlen (cell, -1);
      if (g_hash_table_add (seen, (gpointer) cell))
        stats->n_distinct++;
      if (chrono_csv_parse_date (cell, date_format, TRUE, NULL, NULL))
        stats->n_dates++;
      if (strspn (cell, "0123456789+-., ") == strlen (cell))
        stats->n_numbers++;
    }
}

/* Long cells are descriptions rather than titles. */
#define LONG_CELL 60

/**
 * chrono_csv_guess_mapping:
 * @rows: (element-type GStrv): from chrono_csv_read_rows(), header first
 *
 * Guesses each column from its header name (each field once, the first
 * column that names it).  The date format is the one
 * chrono_csv_guess_date_format() finds in the date columns of the first
 * 50 rows.  Then the columns left, by their cells in those rows (columns
 * of dates or numbers stay ignored): without a title column, the one
 * whose cells differ most is the title (a cast of people, the names of
 * appointees); without lane or category columns, the ones whose cells
 * repeat most are the lane (the fewest names: a president, a company)
 * and then the category (a position, a kind of event); a column of
 * long texts is the description.
 *
 * Returns: (transfer full): a mapping for the header's columns
 */
ChronoCsvMapping *
chrono_csv_guess_mapping (GPtrArray *rows)
{
  const char * const *header;
  ChronoCsvMapping *mapping;
  gboolean used[CHRONO_CSV_N_FIELDS] = { FALSE };
  g_autofree ColumnStats *stats = NULL;
  int title = -1;

  g_return_val_if_fail (rows != NULL && rows->len > 0, NULL);

  header = g_ptr_array_index (rows, 0);
  mapping = chrono_csv_mapping_new (g_strv_length ((char **) header));

  for (guint c = 0; c < mapping->n_columns; c++)
    {
      ChronoCsvField field = field_for_header (header[c]);

      if (field != CHRONO_CSV_IGNORE && !used[field])
        {
          mapping->fields[c] = field;
          used[field] = TRUE;
        }
    }

  /* Dates under other names: start, then end.  Not years alone, which
   * numbers of every kind read as. */
  for (guint c = 0; c < mapping->n_columns && !(used[CHRONO_CSV_START] && used[CHRONO_CSV_END]); c++)
    {
      g_autoptr(GPtrArray) cells = NULL;
      ChronoCsvDateFormat format;
      guint n_read = 0;

      if (mapping->fields[c] != CHRONO_CSV_IGNORE)
        continue;
      cells = column_cells (rows, c);
      format = chrono_csv_guess_date_format ((const char * const *) cells->pdata, NULL);
      for (guint i = 0; i + 1 < cells->len; i++)
        n_read += chrono_csv_parse_date (cells->pdata[i], format, TRUE, NULL, NULL);
      if (format == CHRONO_CSV_DATE_YEAR || cells->len <= 1 || n_read * 2 <= cells->len - 1)
        continue;
      mapping->fields[c] = used[CHRONO_CSV_START] ? CHRONO_CSV_END : CHRONO_CSV_START;
      used[mapping->fields[c]] = TRUE;
    }

  mapping->date_format = chrono_csv_guess_mapping_date_format (rows, mapping, NULL);

  /* The columns no name told, by their cells. */
  stats = g_new0 (ColumnStats, MAX (mapping->n_columns, 1));
  for (guint c = 0; c < mapping->n_columns; c++)
    if (mapping->fields[c] == CHRONO_CSV_IGNORE)
      column_stats (rows, c, mapping->date_format, &stats[c]);

#define IS_TEXT(c) (mapping->fields[c] == CHRONO_CSV_IGNORE && stats[c].n_cells > 0 && \
                    stats[c].n_dates * 2 <= stats[c].n_cells && stats[c].n_numbers * 2 <= stats[c].n_cells)
#define MEAN_LENGTH(c) (stats[c].total_length / MAX (stats[c].n_cells, 1))

  if (!used[CHRONO_CSV_TITLE])
    {
      /* The most distinct short texts; ties to the first column. */
      for (guint c = 0; c < mapping->n_columns; c++)
        if (IS_TEXT (c) && MEAN_LENGTH (c) <= LONG_CELL &&
            (title < 0 || stats[c].n_distinct > stats[title].n_distinct))
          title = (int) c;
      /* Else any text at all. */
      for (guint c = 0; c < mapping->n_columns && title < 0; c++)
        if (IS_TEXT (c))
          title = (int) c;
      if (title >= 0)
        {
          mapping->fields[title] = CHRONO_CSV_TITLE;
          used[CHRONO_CSV_TITLE] = TRUE;
        }
    }

  /* Lane, then category: the short texts that repeat (at most half as
   * many names as cells), the fewest names first. */
  for (ChronoCsvField field = CHRONO_CSV_LANE; field <= CHRONO_CSV_CATEGORY; field++)
    {
      int best = -1;

      if (used[field])
        continue;
      for (guint c = 0; c < mapping->n_columns; c++)
        if (IS_TEXT (c) && MEAN_LENGTH (c) <= LONG_CELL && stats[c].n_cells > 1 &&
            stats[c].n_distinct * 2 <= stats[c].n_cells &&
            (best < 0 || stats[c].n_distinct < stats[best].n_distinct))
          best = (int) c;
      if (best >= 0)
        {
          mapping->fields[best] = field;
          used[field] = TRUE;
        }
    }

  if (!used[CHRONO_CSV_DESCRIPTION])
    for (guint c = 0; c < mapping->n_columns; c++)
      if (IS_TEXT (c) && MEAN_LENGTH (c) > LONG_CELL)
        {
          mapping->fields[c] = CHRONO_CSV_DESCRIPTION;
          break;
        }

#undef IS_TEXT
#undef MEAN_LENGTH

  return mapping;
}

/**
 * chrono_csv_mapping_parse_columns:
 * @header: (array zero-terminated=1): the header row's cells
 * @spec: "title=COL,start=COL,…" with COL a header name
 *   (case-insensitive), as --columns takes it
 *
 * Sets @mapping's fields from @spec; columns it does not name are
 * ignored.  @mapping must have as many columns as @header.
 *
 * Returns: FALSE with a CHRONO_ERROR_CSV error naming what is wrong
 */
gboolean
chrono_csv_mapping_parse_columns (ChronoCsvMapping   *mapping,
                                  const char * const *header,
                                  const char         *spec,
                                  GError            **error)
{
  g_auto(GStrv) pairs = NULL;

  g_return_val_if_fail (mapping != NULL, FALSE);
  g_return_val_if_fail (header != NULL, FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  for (guint c = 0; c < mapping->n_columns; c++)
    mapping->fields[c] = CHRONO_CSV_IGNORE;

  pairs = g_strsplit (spec, ",", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');
      int field;
      guint c;

      if (g_strstrip (pairs[i])[0] == '\0')
        continue;
      if (eq == NULL)
        {
          g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_CSV,
                       _("“%s” is not FIELD=COLUMN, such as title=name"), pairs[i]);
          return FALSE;
        }
      *eq = '\0';
      g_strstrip (pairs[i]);
      g_strstrip (eq + 1);
      field = chrono_csv_field_from_string (pairs[i]);
      if (field < 0)
        {
          g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_CSV,
                       _("unknown field “%s”; the fields are title, start, end, lane, category, "
                         "description, tags, link and ignore"), pairs[i]);
          return FALSE;
        }

      for (c = 0; c < mapping->n_columns; c++)
        if (g_utf8_collate (header[c], eq + 1) == 0 || g_ascii_strcasecmp (header[c], eq + 1) == 0)
          break;
      if (c == mapping->n_columns)
        {
          g_autofree char *names = g_strjoinv (", ", (char **) header);

          g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_CSV,
                       _("the file has no column “%s”; its columns are: %s"), eq + 1, names);
          return FALSE;
        }
      mapping->fields[c] = field;
    }

  return TRUE;
}

void
chrono_csv_preview_free (ChronoCsvPreview *preview)
{
  if (preview == NULL)
    return;
  g_strfreev (preview->header);
  g_clear_pointer (&preview->rows, g_ptr_array_unref);
  g_clear_pointer (&preview->row_errors, g_ptr_array_unref);
  g_strfreev (preview->reasons);
  g_free (preview);
}

/* The cells of one row as mapped; *error_message says why it would be
 * skipped. */
static char **
map_row (const char * const     *cells,
         const ChronoCsvMapping *mapping,
         char                  **error_message)
{
  char **fields = g_new0 (char *, CHRONO_CSV_N_FIELDS + 1);
  guint n = g_strv_length ((char **) cells);
  ChronoDate start = { 0 };
  gboolean has_start = FALSE;

  for (int f = 0; f < CHRONO_CSV_N_FIELDS; f++)
    fields[f] = g_strdup ("");
  *error_message = NULL;

  for (guint c = 0; c < mapping->n_columns && c < n; c++)
    {
      ChronoCsvField field = mapping->fields[c];

      if (field == CHRONO_CSV_IGNORE || field >= CHRONO_CSV_N_FIELDS)
        continue;
      if ((field == CHRONO_CSV_START || field == CHRONO_CSV_END) && cells[c][0] != '\0')
        {
          g_autoptr(GError) error = NULL;
          ChronoDate date;

          if (chrono_csv_parse_date (cells[c], mapping->date_format, field == CHRONO_CSV_END,
                                     &date, &error))
            {
              g_free (fields[field]);
              fields[field] = chrono_date_to_iso (&date);
              if (field == CHRONO_CSV_START)
                {
                  start = date;
                  has_start = TRUE;
                }
            }
          else if (*error_message == NULL)
            *error_message = g_strdup (error->message);
          continue;
        }
      g_free (fields[field]);
      fields[field] = g_strdup (cells[c]);
    }

  if (*error_message == NULL && fields[CHRONO_CSV_TITLE][0] == '\0')
    *error_message = g_strdup (_("the title is missing"));
  if (*error_message == NULL && !has_start)
    *error_message = g_strdup (_("the start date is missing"));
  (void) start;

  return fields;
}

/**
 * chrono_csv_preview:
 * @data: the file's bytes
 * @mapping: the columns and date format to try
 * @max_rows: how many data rows to map
 *
 * What importing @data with @mapping would give: the first @max_rows
 * rows as mapped, each with why it would be skipped, and over the whole
 * file the number of rows that would be skipped with the first few
 * reasons (found by importing it leniently).
 *
 * Returns: (transfer full) (nullable): the preview, or NULL with @error
 *   when @data is not CSV at all
 */
ChronoCsvPreview *
chrono_csv_preview (const char             *data,
                    gsize                   length,
                    const ChronoCsvMapping *mapping,
                    guint                   max_rows,
                    GError                **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_diagnostic_free);
  g_autoptr(GPtrArray) reasons = g_ptr_array_new ();
  ChronoDocumentBuilder *builder;
  g_autoptr(ChronoDocument) document = NULL;
  ChronoCsvPreview *preview;

  g_return_val_if_fail (mapping != NULL, NULL);

  rows = chrono_csv_read_rows (data, length, error);
  if (rows == NULL)
    return NULL;

  preview = g_new0 (ChronoCsvPreview, 1);
  preview->header = rows->len > 0 ? g_strdupv (g_ptr_array_index (rows, 0)) : g_new0 (char *, 1);
  preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  preview->row_errors = g_ptr_array_new_with_free_func (g_free);
  for (guint r = 1; r < rows->len && r <= max_rows; r++)
    {
      char *message = NULL;

      g_ptr_array_add (preview->rows, map_row (g_ptr_array_index (rows, r), mapping, &message));
      g_ptr_array_add (preview->row_errors, message);
    }

  builder = chrono_document_builder_new (CHRONO_FORMAT_CSV);
  _chrono_import_csv_mapped (data, length, CHRONO_LOAD_LENIENT, mapping, builder,
                             &preview->n_rows, &preview->n_skipped);
  document = chrono_document_builder_finish (builder, diagnostics);
  for (guint i = 0; i < diagnostics->len && reasons->len < MAX_REASONS; i++)
    {
      const ChronoDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (d->code != CHRONO_ERROR_SKIPPED_ROWS && d->code != CHRONO_ERROR_LINK)
        g_ptr_array_add (reasons, g_strdup (d->message));
    }
  g_ptr_array_add (reasons, NULL);
  preview->reasons = (char **) g_ptr_array_free (g_steal_pointer (&reasons), FALSE);

  return preview;
}

/**
 * chrono_csv_load_mapped:
 * @data: the file's bytes
 * @display_name: (nullable): the name in messages
 * @mapping: which column holds what, and the date format
 * @flags: with CHRONO_LOAD_LENIENT, bad rows are skipped
 * @diagnostics: (nullable): of #ChronoDiagnostic, appended to
 *
 * Returns: (transfer full) (nullable): the document (its format CSV), or
 *   NULL with @error as "FILE:LINE:COL: message (hint)"
 */
ChronoDocument *
chrono_csv_load_mapped (const char             *data,
                        gsize                   length,
                        const char             *display_name,
                        const ChronoCsvMapping *mapping,
                        ChronoLoadFlags         flags,
                        GPtrArray              *diagnostics,
                        GError                **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_diagnostic_free);
  ChronoDocumentBuilder *builder;
  ChronoDocument *document;
  const ChronoDiagnostic *first = NULL;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (mapping != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (display_name == NULL)
    display_name = "-";

  builder = chrono_document_builder_new (CHRONO_FORMAT_CSV);
  ok = _chrono_import_csv_mapped (data != NULL ? data : "", length, flags, mapping, builder, NULL, NULL);
  document = chrono_document_builder_finish (builder, all);

  for (guint i = 0; i < all->len && first == NULL; i++)
    {
      const ChronoDiagnostic *d = g_ptr_array_index (all, i);

      if (!d->is_warning)
        first = d;
    }

  if (first != NULL || !ok || document == NULL)
    {
      g_clear_object (&document);
      if (first != NULL)
        {
          g_autofree char *text = chrono_diagnostic_format (first, display_name);

          g_set_error_literal (error, CHRONO_ERROR, first->code, text);
        }
      else
        g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_FORMAT, "%s: %s", display_name,
                     _("the file could not be read"));
    }

  if (diagnostics != NULL)
    for (guint i = 0; i < all->len; i++)
      g_ptr_array_add (diagnostics, g_steal_pointer (&g_ptr_array_index (all, i)));

  return document;
}
