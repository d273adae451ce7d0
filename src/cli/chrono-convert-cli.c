/* chrono-convert-cli.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-convert-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "chrono-convert-cli.h"
#include "chrono-csv-mapping.h"
#include "chrono-loader.h"
#include "chrono-writer.h"

void
chrono_convert_cli_init (ChronoConvertCli *cli)
{
  g_return_if_fail (cli != NULL);

  memset (cli, 0, sizeof *cli);
}

void
chrono_convert_cli_clear (ChronoConvertCli *cli)
{
  g_return_if_fail (cli != NULL);

  g_clear_pointer (&cli->input, g_free);
  g_clear_pointer (&cli->output, g_free);
  g_clear_pointer (&cli->to, g_free);
  g_clear_pointer (&cli->columns, g_free);
  g_clear_pointer (&cli->date_format, g_free);
}

void
chrono_convert_cli_add_entries (ChronoConvertCli *cli,
                                GOptionContext   *context)
{
  const GOptionEntry entries[] = {
    { "convert", 0, 0, G_OPTION_ARG_FILENAME, &cli->input,
      N_("Convert IN (a timeline, TimelineJS JSON or CSV) and exit; needs --output"), N_("IN") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &cli->output,
      N_("With --convert: the file to write"), N_("OUT") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &cli->to,
      N_("With --convert: native, timelinejs or csv (by default csv for a .csv OUT, else native)"),
      N_("FORMAT") },
    { "columns", 0, 0, G_OPTION_ARG_STRING, &cli->columns,
      N_("With --convert: which CSV columns hold what, by their header names"),
      N_("title=COL,start=COL,…") },
    { "date-format", 0, 0, G_OPTION_ARG_STRING, &cli->date_format,
      N_("With --convert: how CSV dates are written: iso, M/D/YY, D/M/YY, M/D/YYYY, D/M/YYYY or year"),
      N_("FORMAT") },
    { NULL }
  };

  g_return_if_fail (cli != NULL);
  g_return_if_fail (context != NULL);

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

gboolean
chrono_convert_cli_requested (const ChronoConvertCli *cli)
{
  g_return_val_if_fail (cli != NULL, FALSE);

  return cli->input != NULL;
}

static int
fail (const char *message)
{
  g_printerr ("chronoscope: %s\n", message);
  return 1;
}

/* Loads @file with the columns and date format of @cli. */
static ChronoDocument *
load_mapped (const ChronoConvertCli  *cli,
             GFile                   *file,
             const char              *name,
             ChronoLoadFlags          flags,
             GPtrArray               *diagnostics,
             GError                 **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(ChronoCsvMapping) mapping = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL && g_file_info_get_size (info) > CHRONO_LOADER_MAX_SIZE)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_TOO_LARGE,
                   _("%s: the file is larger than 512 MiB"), name);
      return NULL;
    }
  if (!g_file_load_contents (file, NULL, &data, &length, NULL, &local_error))
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_IO, "%s: %s", name, local_error->message);
      return NULL;
    }

  rows = chrono_csv_read_rows (data, length, &local_error);
  if (rows == NULL)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_CSV, "%s:%s", name, local_error->message);
      return NULL;
    }
  if (rows->len == 0)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_EMPTY, _("%s: the file has no header row"), name);
      return NULL;
    }

  mapping = chrono_csv_guess_mapping (rows);
  if (cli->columns != NULL &&
      !chrono_csv_mapping_parse_columns (mapping, g_ptr_array_index (rows, 0), cli->columns, &local_error))
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_CSV, "--columns: %s", local_error->message);
      return NULL;
    }
  if (cli->date_format != NULL)
    mapping->date_format = chrono_csv_date_format_from_string (cli->date_format);

  return chrono_csv_load_mapped (data, length, name, mapping, flags, diagnostics, error);
}

int
chrono_convert_cli_run (const ChronoConvertCli *cli,
                        gboolean                lenient)
{
  g_autoptr(GFile) input = NULL;
  g_autoptr(GFile) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_diagnostic_free);
  ChronoLoadFlags flags = lenient ? CHRONO_LOAD_LENIENT : CHRONO_LOAD_DEFAULT;
  ChronoSourceFormat format;

  g_return_val_if_fail (cli != NULL, 1);

  /* What can be checked before reading. */
  if (cli->output == NULL)
    return fail (_("--convert needs --output OUT"));
  if (cli->to == NULL)
    format = chrono_writer_format_for_name (cli->output);
  else if (strcmp (cli->to, "native") == 0)
    format = CHRONO_FORMAT_NATIVE;
  else if (strcmp (cli->to, "timelinejs") == 0)
    format = CHRONO_FORMAT_TIMELINEJS;
  else if (strcmp (cli->to, "csv") == 0)
    format = CHRONO_FORMAT_CSV;
  else
    {
      g_autofree char *message = g_strdup_printf (_("--to “%s” is not native, timelinejs or csv"), cli->to);

      return fail (message);
    }
  if (cli->date_format != NULL && chrono_csv_date_format_from_string (cli->date_format) < 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("--date-format “%s” is not iso, M/D/YY, D/M/YY, M/D/YYYY, D/M/YYYY, "
                           "D Month YYYY or year"), cli->date_format);

      return fail (message);
    }

  input = g_file_new_for_commandline_arg (cli->input);
  output = g_file_new_for_commandline_arg (cli->output);

  /* Mapped columns or dates: the file is a spreadsheet of its own. */
  if (cli->columns != NULL || cli->date_format != NULL)
    document = load_mapped (cli, input, cli->input, flags, diagnostics, &error);
  else
    document = chrono_loader_load_file (input, flags, diagnostics, NULL, &error);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const ChronoDiagnostic *d = g_ptr_array_index (diagnostics, i);

      /* The error is printed once, below; warnings (skipped rows and
       * their count, dropped links) as they come. */
      if (d->is_warning)
        {
          g_autofree char *line = chrono_diagnostic_format (d, cli->input);

          g_printerr ("%s\n", line);
        }
    }
  if (document == NULL)
    return fail (error->message);

  if (!chrono_writer_write_file (document, format, output, NULL, &error))
    return fail (error->message);

  return 0;
}
