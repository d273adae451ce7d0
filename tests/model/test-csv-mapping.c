/* test-csv-mapping.c: importing any spreadsheet's columns
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "chrono-csv-mapping.h"
#include "model-test-util.h"

static void
assert_date (const char          *text,
             ChronoCsvDateFormat  format,
             const char          *iso)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  ChronoDate date;

  g_assert_true (chrono_csv_parse_date (text, format, TRUE, &date, &error));
  g_assert_no_error (error);
  written = chrono_date_to_iso (&date);
  g_assert_cmpstr (written, ==, iso);
}

static void
assert_no_date (const char          *text,
                ChronoCsvDateFormat  format)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (chrono_csv_parse_date (text, format, TRUE, NULL, &error));
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_DATE);
}

static void
test_parse_date (void)
{
  assert_date ("1/21/77", CHRONO_CSV_DATE_MDY_SHORT, "1977-01-21");
  assert_date ("21/1/77", CHRONO_CSV_DATE_DMY_SHORT, "1977-01-21");
  assert_date ("1/21/1977", CHRONO_CSV_DATE_MDY, "1977-01-21");
  assert_date ("21.01.1977", CHRONO_CSV_DATE_DMY, "1977-01-21");
  assert_date ("21 January 1977", CHRONO_CSV_DATE_DAY_MONTH_YEAR, "1977-01-21");
  assert_date ("21 Jan. 1977", CHRONO_CSV_DATE_DAY_MONTH_YEAR, "1977-01-21");
  assert_date ("January 21, 1977", CHRONO_CSV_DATE_DAY_MONTH_YEAR, "1977-01-21");
  assert_date ("Sept 1977", CHRONO_CSV_DATE_DAY_MONTH_YEAR, "1977-09");
  assert_date ("1977", CHRONO_CSV_DATE_YEAR, "1977");
  assert_date ("-500", CHRONO_CSV_DATE_YEAR, "-0499");
  assert_date ("77", CHRONO_CSV_DATE_YEAR, "0077");
  assert_date ("1977-01~", CHRONO_CSV_DATE_ISO, "1977-01~");
  assert_date ("1/21/77?", CHRONO_CSV_DATE_MDY_SHORT, "1977-01-21?");
  assert_date ("..", CHRONO_CSV_DATE_MDY_SHORT, "..");

  /* The two-digit year window, in 2026 (CHRONO_NOW): 1946 to 2045. */
  assert_date ("1/1/45", CHRONO_CSV_DATE_MDY_SHORT, "2045-01-01");
  assert_date ("1/1/46", CHRONO_CSV_DATE_MDY_SHORT, "1946-01-01");
  assert_date ("1/1/00", CHRONO_CSV_DATE_MDY_SHORT, "2000-01-01");
  g_assert_cmpint (chrono_csv_two_digit_year (99), ==, 1999);

  assert_no_date ("2/30/77", CHRONO_CSV_DATE_MDY_SHORT);
  assert_no_date ("21/1/77", CHRONO_CSV_DATE_MDY_SHORT);
  assert_no_date ("1/21/1977", CHRONO_CSV_DATE_MDY_SHORT);
  assert_no_date ("1/21/77", CHRONO_CSV_DATE_MDY);
  assert_no_date ("21 Foo 1977", CHRONO_CSV_DATE_DAY_MONTH_YEAR);
  assert_no_date ("0", CHRONO_CSV_DATE_YEAR);
  assert_no_date ("", CHRONO_CSV_DATE_YEAR);
}

static void
test_guess_format (void)
{
  const char * const us[] = { "1/21/77", "", "11/23/87", "1/2/80", NULL };
  const char * const european[] = { "21/1/1977", "3/4/1980", NULL };
  const char * const unclear[] = { "1/2/77", "3/4/80", NULL };
  const char * const iso[] = { "1977-01-21", "1980", "..", NULL };
  const char * const words[] = { "21 January 1977", "3 March 1980", NULL };
  const char * const years[] = { "-500", "77", "1200", NULL };
  gboolean ambiguous;

  g_assert_cmpint (chrono_csv_guess_date_format (us, &ambiguous), ==, CHRONO_CSV_DATE_MDY_SHORT);
  g_assert_false (ambiguous);
  g_assert_cmpint (chrono_csv_guess_date_format (european, &ambiguous), ==, CHRONO_CSV_DATE_DMY);
  g_assert_false (ambiguous);
  g_assert_cmpint (chrono_csv_guess_date_format (unclear, &ambiguous), ==, CHRONO_CSV_DATE_MDY_SHORT);
  g_assert_true (ambiguous);
  g_assert_cmpint (chrono_csv_guess_date_format (iso, &ambiguous), ==, CHRONO_CSV_DATE_ISO);
  g_assert_false (ambiguous);
  g_assert_cmpint (chrono_csv_guess_date_format (words, NULL), ==, CHRONO_CSV_DATE_DAY_MONTH_YEAR);
  g_assert_cmpint (chrono_csv_guess_date_format (years, NULL), ==, CHRONO_CSV_DATE_YEAR);
}

static char *
read_fixture (const char *name,
              gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, length, NULL));
  return data;
}

static void
test_appointments (void)
{
  gsize length;
  g_autofree char *data = read_fixture ("appointments.csv", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = chrono_csv_read_rows (data, length, &error);
  g_autoptr(ChronoCsvMapping) guessed = NULL;
  g_autoptr(ChronoCsvMapping) mapping = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  const char * const *header;
  const ChronoEvent *vance;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  gboolean ambiguous = TRUE;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 32);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (header[3], ==, "start_date");

  /* The dates and their format are found from the names and cells; the
   * other columns from their cells: the names that differ most are the
   * titles, the ones repeated most the lanes, then the categories. */
  guessed = chrono_csv_guess_mapping (rows);
  g_assert_cmpuint (guessed->n_columns, ==, 5);
  g_assert_cmpint (guessed->fields[0], ==, CHRONO_CSV_LANE);
  g_assert_cmpint (guessed->fields[1], ==, CHRONO_CSV_CATEGORY);
  g_assert_cmpint (guessed->fields[2], ==, CHRONO_CSV_TITLE);
  g_assert_cmpint (guessed->fields[3], ==, CHRONO_CSV_START);
  g_assert_cmpint (guessed->fields[4], ==, CHRONO_CSV_END);
  g_assert_cmpint (guessed->date_format, ==, CHRONO_CSV_DATE_MDY_SHORT);
  g_assert_cmpint (chrono_csv_guess_mapping_date_format (rows, guessed, &ambiguous), ==,
                   CHRONO_CSV_DATE_MDY_SHORT);
  /* 1/23/77 cannot be day first. */
  g_assert_false (ambiguous);

  mapping = chrono_csv_mapping_new (5);
  g_assert_true (chrono_csv_mapping_parse_columns (mapping, header,
                                                   "title=appointee,lane=President,category=position,"
                                                   "start=start_date,end=end_date", &error));
  g_assert_no_error (error);
  mapping->date_format = guessed->date_format;
  g_assert_true (chrono_csv_mapping_equal (mapping, guessed));

  document = chrono_csv_load_mapped (data, length, "appointments.csv", mapping, CHRONO_LOAD_DEFAULT,
                                     NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, 31);
  g_assert_cmpuint (chrono_document_get_n_lanes (document), ==, 3);
  g_assert_cmpstr (chrono_document_get_lane (document, 0)->title, ==, "Jimmy Carter");
  g_assert_cmpuint (chrono_document_get_n_categories (document), ==, 6);

  vance = chrono_document_get_event (document, chrono_document_find_event (document, "cyrus-vance"));
  start = chrono_date_to_iso (&vance->start);
  end = chrono_date_to_iso (&vance->end);
  g_assert_cmpstr (start, ==, "1977-01-23");
  g_assert_cmpstr (end, ==, "1980-04-28");
  g_assert_cmpstr (chrono_document_get_category (document, vance->category)->title, ==, "Secretary of State");
}

static GPtrArray *
rows_of (const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = chrono_csv_read_rows (text, strlen (text), &error);

  g_assert_no_error (error);
  return rows;
}

/* Columns whose names say nothing are guessed from their cells: dates
 * are the start, numbers are never titles, lanes or categories; long
 * texts are descriptions; names are kept over a guess; a copy is equal. */
static void
test_guess_by_cells (void)
{
  g_autoptr(GPtrArray) rows = rows_of (
    "company\tid\tsince\tmilestone\tabout\n"
    "Acme\t1\t1949\tFounded\tA maker of rockets, anvils and portable holes for the discerning coyote.\n"
    "Acme\t2\t1960\tFirst anvil\tThe anvil that made the company famous across the whole of the desert.\n"
    "Acme\t3\t2001\tGoes public\tShares in the company are sold on the exchange for the very first time.\n"
    "Globex\t4\t1989\tFounded\tA company whose business nobody quite understands, not even its staff.\n");
  g_autoptr(GPtrArray) named = rows_of ("Title,kind,date\nA,x,2015\nB,x,2016\nC,y,2017\n");
  g_autoptr(ChronoCsvMapping) mapping = chrono_csv_guess_mapping (rows);
  g_autoptr(ChronoCsvMapping) copy = NULL;

  g_assert_cmpint (mapping->fields[0], ==, CHRONO_CSV_LANE);
  g_assert_cmpint (mapping->fields[1], ==, CHRONO_CSV_IGNORE);
  g_assert_cmpint (mapping->fields[2], ==, CHRONO_CSV_START);
  g_assert_cmpint (mapping->fields[3], ==, CHRONO_CSV_TITLE);
  g_assert_cmpint (mapping->fields[4], ==, CHRONO_CSV_DESCRIPTION);

  copy = chrono_csv_mapping_copy (mapping);
  g_assert_true (chrono_csv_mapping_equal (copy, mapping));
  copy->fields[2] = CHRONO_CSV_END;
  g_assert_false (chrono_csv_mapping_equal (copy, mapping));
  g_assert_cmpint (chrono_csv_guess_mapping_date_format (rows, copy, NULL), ==, CHRONO_CSV_DATE_ISO);

  g_clear_pointer (&mapping, chrono_csv_mapping_free);
  mapping = chrono_csv_guess_mapping (named);
  g_assert_cmpint (mapping->fields[0], ==, CHRONO_CSV_TITLE);
  g_assert_cmpint (mapping->fields[1], ==, CHRONO_CSV_CATEGORY);
  g_assert_cmpint (mapping->fields[2], ==, CHRONO_CSV_START);
}

static void
test_columns_errors (void)
{
  const char * const header[] = { "a", "b", NULL };
  g_autoptr(ChronoCsvMapping) mapping = chrono_csv_mapping_new (2);
  g_autoptr(GError) error = NULL;

  g_assert_false (chrono_csv_mapping_parse_columns (mapping, header, "title=c", &error));
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_CSV);
  g_assert_nonnull (strstr (error->message, "a, b"));
  g_clear_error (&error);
  g_assert_false (chrono_csv_mapping_parse_columns (mapping, header, "titel=a", &error));
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_CSV);
  g_clear_error (&error);
  g_assert_false (chrono_csv_mapping_parse_columns (mapping, header, "title", &error));
  g_clear_error (&error);
  g_assert_true (chrono_csv_mapping_parse_columns (mapping, header, "title=A,start=b", &error));
  g_assert_cmpint (mapping->fields[0], ==, CHRONO_CSV_TITLE);
  g_assert_cmpint (mapping->fields[1], ==, CHRONO_CSV_START);
}

static const char bad_rows[] =
  "who;when;until\n"
  "Ada;1/2/77;3/4/80\n"
  ";1/2/77;\n"
  "Bob;13/45/77;\n"
  "Cy;5/6/78;..\n"
  "Di;7/8/79;1/1/79\n";

static ChronoCsvMapping *
bad_rows_mapping (void)
{
  ChronoCsvMapping *mapping = chrono_csv_mapping_new (3);

  mapping->fields[0] = CHRONO_CSV_TITLE;
  mapping->fields[1] = CHRONO_CSV_START;
  mapping->fields[2] = CHRONO_CSV_END;
  mapping->date_format = CHRONO_CSV_DATE_MDY_SHORT;
  return mapping;
}

static void
test_preview (void)
{
  g_autoptr(ChronoCsvMapping) mapping = bad_rows_mapping ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoCsvPreview) preview = chrono_csv_preview (bad_rows, strlen (bad_rows), mapping, 3, &error);
  char **row;

  g_assert_no_error (error);
  g_assert_cmpstr (preview->header[1], ==, "when");
  g_assert_cmpuint (preview->rows->len, ==, 3);
  row = g_ptr_array_index (preview->rows, 0);
  g_assert_cmpstr (row[CHRONO_CSV_TITLE], ==, "Ada");
  g_assert_cmpstr (row[CHRONO_CSV_START], ==, "1977-01-02");
  g_assert_cmpstr (row[CHRONO_CSV_END], ==, "1980-03-04");
  g_assert_null (g_ptr_array_index (preview->row_errors, 0));
  g_assert_nonnull (g_ptr_array_index (preview->row_errors, 1));
  g_assert_nonnull (g_ptr_array_index (preview->row_errors, 2));

  g_assert_cmpuint (preview->n_rows, ==, 5);
  g_assert_cmpuint (preview->n_skipped, ==, 3);
  g_assert_cmpuint (g_strv_length (preview->reasons), ==, 3);
  g_assert_nonnull (strstr (preview->reasons[0], "row 3"));
  g_assert_nonnull (strstr (preview->reasons[1], "13/45/77"));
}

static void
test_strict_and_lenient (void)
{
  g_autoptr(ChronoCsvMapping) mapping = bad_rows_mapping ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_diagnostic_free);
  g_autoptr(ChronoDocument) document = NULL;

  document = chrono_csv_load_mapped (bad_rows, strlen (bad_rows), "people.csv", mapping,
                                     CHRONO_LOAD_DEFAULT, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_MISSING_MEMBER);
  g_assert_true (g_str_has_prefix (error->message, "people.csv:3:1: row 3, column “who”"));
  g_clear_error (&error);

  document = chrono_csv_load_mapped (bad_rows, strlen (bad_rows), "people.csv", mapping,
                                     CHRONO_LOAD_LENIENT, diagnostics, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, 2);
  g_assert_true (chrono_document_get_event (document, 1)->end.flags & CHRONO_DATE_OPEN);
}

static ChronoDocument *
load_async (GFile                  *file,
            const ChronoCsvMapping *mapping,
            GError                **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  chrono_loader_load_mapped_async (file, mapping, CHRONO_LOAD_LENIENT, NULL, NULL, NULL,
                                   test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return chrono_loader_load_file_finish (result, NULL, error);
}

/* A file whose header is not Chronoscope's is a CHRONO_ERROR_COLUMNS
 * error, TSV included; with a mapping it loads off the main thread, and
 * a TSV file with Chronoscope's columns loads without one. */
static void
test_load_mapped_async (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", "appointments.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  g_autoptr(ChronoCsvMapping) mapping = chrono_csv_mapping_new (5);
  g_autofree char *dir = g_dir_make_tmp ("chrono-tsv-XXXXXX", NULL);
  g_autofree char *tsv_path = g_build_filename (dir, "people.tsv", NULL);
  g_autoptr(GFile) tsv = g_file_new_for_path (tsv_path);

  document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, NULL, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_COLUMNS);
  g_clear_error (&error);

  mapping->fields[0] = CHRONO_CSV_LANE;
  mapping->fields[2] = CHRONO_CSV_TITLE;
  mapping->fields[3] = CHRONO_CSV_START;
  mapping->date_format = CHRONO_CSV_DATE_MDY_SHORT;
  document = load_async (file, mapping, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, 31);
  g_assert_cmpuint (chrono_document_get_n_lanes (document), ==, 3);
  g_assert_true (g_file_equal (chrono_document_get_file (document), file));
  g_clear_object (&document);

  g_assert_true (g_file_set_contents (tsv_path, "title\tstart\nAda\t1843\n", -1, NULL));
  document = chrono_loader_load_file (tsv, CHRONO_LOAD_DEFAULT, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, 1);
  g_clear_object (&document);

  g_assert_true (g_file_set_contents (tsv_path, "who\twhen\nAda\t1843\n", -1, NULL));
  document = chrono_loader_load_file (tsv, CHRONO_LOAD_DEFAULT, NULL, NULL, &error);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_COLUMNS);
  g_clear_error (&error);

  /* A mapping that no longer fits the file is an error, not a crash. */
  g_clear_pointer (&mapping, chrono_csv_mapping_free);
  mapping = chrono_csv_mapping_new (1);
  mapping->fields[0] = CHRONO_CSV_TITLE;
  document = load_async (tsv, mapping, &error);
  g_assert_null (document);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_MISSING_MEMBER);

  g_unlink (tsv_path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/csv-mapping/parse-date", test_parse_date);
  g_test_add_func ("/model/csv-mapping/guess-format", test_guess_format);
  g_test_add_func ("/model/csv-mapping/appointments", test_appointments);
  g_test_add_func ("/model/csv-mapping/guess-by-cells", test_guess_by_cells);
  g_test_add_func ("/model/csv-mapping/columns-errors", test_columns_errors);
  g_test_add_func ("/model/csv-mapping/preview", test_preview);
  g_test_add_func ("/model/csv-mapping/strict-and-lenient", test_strict_and_lenient);
  g_test_add_func ("/model/csv-mapping/load-mapped-async", test_load_mapped_async);

  return g_test_run ();
}
