/* chrono-convert-cli.h
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ChronoConvertCli:
 *
 * The options of headless conversion, as GOption fills them in:
 * chronoscope --convert IN --output OUT [--to native|timelinejs|csv]
 * [--columns title=COL,…] [--date-format FORMAT] [--lenient].
 * It needs no display: main() runs it before GTK starts.
 */
typedef struct
{
  char *input;
  char *output;
  char *to;
  char *columns;
  char *date_format;
} ChronoConvertCli;

void     chrono_convert_cli_init        (ChronoConvertCli       *cli);
void     chrono_convert_cli_clear       (ChronoConvertCli       *cli);
/* Adds the options to @context's main group; @cli must outlive the parse. */
void     chrono_convert_cli_add_entries (ChronoConvertCli       *cli,
                                         GOptionContext         *context);
/* Whether --convert was given. */
gboolean chrono_convert_cli_requested   (const ChronoConvertCli *cli);
/* Reads the input, writes the output; with @lenient, bad CSV rows are
 * skipped and counted on stderr.  Messages go to stderr.  Returns the
 * exit status: 0 on success, 1 on bad input or a failed write. */
int      chrono_convert_cli_run         (const ChronoConvertCli *cli,
                                         gboolean                lenient);

G_END_DECLS
