/* chrono-csv-mapping.h
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "chrono-document.h"
#include "chrono-loader.h"

G_BEGIN_DECLS

/* What a spreadsheet column holds, for importing any CSV or TSV file
 * whose columns are not Chronoscope's or TimelineJS's. */
typedef enum
{
  CHRONO_CSV_IGNORE,
  CHRONO_CSV_TITLE,
  CHRONO_CSV_START,
  CHRONO_CSV_END,
  CHRONO_CSV_LANE,
  CHRONO_CSV_CATEGORY,
  CHRONO_CSV_DESCRIPTION,
  CHRONO_CSV_TAGS,
  CHRONO_CSV_LINK,
  CHRONO_CSV_N_FIELDS,
} ChronoCsvField;

/* How the date columns are written.  Two-digit years (the YY forms) are
 * read as the year within 80 years before and 19 after the current one
 * (chrono_csv_two_digit_year()). */
typedef enum
{
  CHRONO_CSV_DATE_ISO,             /* Chronoscope's dates: 1977-01-21, 1977-01, 1977, 1977~ */
  CHRONO_CSV_DATE_MDY_SHORT,       /* M/D/YY: 1/21/77 */
  CHRONO_CSV_DATE_DMY_SHORT,       /* D/M/YY: 21/1/77 */
  CHRONO_CSV_DATE_MDY,             /* M/D/YYYY: 1/21/1977 */
  CHRONO_CSV_DATE_DMY,             /* D/M/YYYY: 21/1/1977 (also 21.1.1977, 21-1-1977) */
  CHRONO_CSV_DATE_DAY_MONTH_YEAR,  /* D Month YYYY: 21 January 1977, 21 Jan 1977 */
  CHRONO_CSV_DATE_YEAR,            /* a year alone, any number of digits: 77 is AD 77, -500 */
  CHRONO_CSV_N_DATE_FORMATS,
} ChronoCsvDateFormat;

/**
 * ChronoCsvMapping:
 * @fields: (array length=n_columns): what each column of the file holds
 * @n_columns: the number of columns of the header row
 * @date_format: how the start and end columns are written
 *
 * (The typedef is in chrono-loader.h, which loads files with one.)
 */
struct _ChronoCsvMapping
{
  ChronoCsvField      *fields;
  guint                n_columns;
  ChronoCsvDateFormat  date_format;
};

/**
 * ChronoCsvPreview:
 * @header: (array zero-terminated=1): the header row's cells
 * @rows: of #GStrv: the first data rows as mapped, each
 *   CHRONO_CSV_N_FIELDS texts (dates in Chronoscope's form, "" when
 *   empty or unreadable)
 * @row_errors: parallel to @rows: why the row would be skipped, or NULL
 * @n_rows: how many data rows the file has
 * @n_skipped: how many of them would be skipped
 * @reasons: (array zero-terminated=1): the first few reasons, as
 *   "row 7, column “start”: …"
 */
typedef struct
{
  char      **header;
  GPtrArray  *rows;
  GPtrArray  *row_errors;
  guint       n_rows;
  guint       n_skipped;
  char      **reasons;
} ChronoCsvPreview;

ChronoCsvMapping *chrono_csv_mapping_new          (guint                   n_columns);
ChronoCsvMapping *chrono_csv_mapping_copy         (const ChronoCsvMapping *mapping);
gboolean          chrono_csv_mapping_equal        (const ChronoCsvMapping *a,
                                                   const ChronoCsvMapping *b);
void              chrono_csv_mapping_free         (ChronoCsvMapping       *mapping);
/* Reads "title=COL,start=COL,…" (COL a header name, case-insensitive)
 * into @mapping; every other column is ignored. */
gboolean          chrono_csv_mapping_parse_columns (ChronoCsvMapping      *mapping,
                                                    const char * const    *header,
                                                    const char            *spec,
                                                    GError               **error);

/* "title", "start" …, "ignore"; and back (-1 when unknown). */
const char       *chrono_csv_field_to_string      (ChronoCsvField          field);
int               chrono_csv_field_from_string    (const char             *name);
/* A translated name for a drop-down ("Title", "Start date" …). */
const char       *chrono_csv_field_get_label      (ChronoCsvField          field);
/* "iso", "M/D/YY" …, as --date-format names them; and back. */
const char       *chrono_csv_date_format_to_string (ChronoCsvDateFormat    format);
int               chrono_csv_date_format_from_string (const char          *name);
/* A translated description with an example ("Month/day/year, 1/21/77"). */
const char       *chrono_csv_date_format_get_label (ChronoCsvDateFormat    format);

/* The full year a two-digit year stands for: within 80 years before and
 * 19 years after the current year (chrono_now()); in 2026, 00–45 are
 * 2000–2045 and 46–99 are 1946–1999. */
gint64            chrono_csv_two_digit_year       (int                     yy);
/* Parses a cell in @format ("..", when @allow_open, is an ongoing end
 * in every format).  CHRONO_ERROR_DATE errors say what is wrong. */
gboolean          chrono_csv_parse_date           (const char             *text,
                                                   ChronoCsvDateFormat     format,
                                                   gboolean                allow_open,
                                                   ChronoDate             *out,
                                                   GError                **error);
/* The format that reads the most of @samples (NULL-terminated; empty
 * ones are skipped).  *ambiguous is TRUE when another format reads as
 * many (1/2/77: M/D or D/M), so a dialog should ask. */
ChronoCsvDateFormat chrono_csv_guess_date_format  (const char * const     *samples,
                                                   gboolean               *ambiguous);

/* Reads the cells of a CSV or TSV file: a GPtrArray of GStrv, the
 * header row first, blank rows left out.  NULL with a
 * "LINE:COL: message" CHRONO_ERROR_CSV error when it is not CSV. */
GPtrArray        *chrono_csv_read_rows            (const char             *data,
                                                   gsize                   length,
                                                   GError                **error);
/* A mapping guessed from the header names (title, name, headline…;
 * start, start_date, from, begin…; end, end_date, to…) and from the
 * cells of the first 50 rows: the date format, and for columns with
 * other names the title (the one whose cells differ most), the lane and
 * the category (the ones whose cells repeat most). */
ChronoCsvMapping *chrono_csv_guess_mapping        (GPtrArray              *rows);
/* The date format chrono_csv_guess_date_format() finds in the columns
 * @mapping reads as start and end, over the first 50 rows of @rows. */
ChronoCsvDateFormat chrono_csv_guess_mapping_date_format (GPtrArray              *rows,
                                                         const ChronoCsvMapping *mapping,
                                                         gboolean               *ambiguous);

/* Maps the first @max_rows data rows and counts the rows that would be
 * skipped, for an import dialog.  Free with chrono_csv_preview_free(). */
ChronoCsvPreview *chrono_csv_preview              (const char             *data,
                                                   gsize                   length,
                                                   const ChronoCsvMapping *mapping,
                                                   guint                   max_rows,
                                                   GError                **error);
void              chrono_csv_preview_free         (ChronoCsvPreview       *preview);

/* Loads @data with @mapping.  As chrono_loader_load_data(): every
 * diagnostic goes to @diagnostics; the first error is @error as
 * "FILE:LINE:COL: message"; with CHRONO_LOAD_LENIENT bad rows are
 * skipped with a warning each and one with the count. */
ChronoDocument   *chrono_csv_load_mapped          (const char             *data,
                                                   gsize                   length,
                                                   const char             *display_name,
                                                   const ChronoCsvMapping *mapping,
                                                   ChronoLoadFlags         flags,
                                                   GPtrArray              *diagnostics,
                                                   GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronoCsvMapping, chrono_csv_mapping_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronoCsvPreview, chrono_csv_preview_free)

G_END_DECLS
