/* chrono-import-dialog.h
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "chrono-csv-mapping.h"
#include "chrono-window.h"

G_BEGIN_DECLS

/**
 * ChronoImportDialog:
 *
 * Imports a spreadsheet whose columns are not Chronoscope's or
 * TimelineJS's: a drop-down per column (title, start, end, lane,
 * category, description, tags, link or ignore) and a date format, both
 * preset from the model's guess, with a preview of the first rows as
 * they will be read, the two-digit years and an ambiguous month and day
 * stated, and how many rows will be skipped and why.  Import opens the
 * result in the window, which reloads it with the same mapping when the
 * file changes.
 */
#define CHRONO_TYPE_IMPORT_DIALOG (chrono_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChronoImportDialog, chrono_import_dialog, CHRONO, IMPORT_DIALOG, AdwWindow)

/* A dialog importing @file into @window, modal over it.  It reads the
 * file on a worker thread; until then it shows that it is reading. */
ChronoImportDialog     *chrono_import_dialog_new         (ChronoWindow       *window,
                                                          GFile              *file);
/* Whether the file is being read or the preview worked out. */
gboolean                chrono_import_dialog_get_busy    (ChronoImportDialog *self);
/* The mapping as chosen, or NULL until the file is read. */
const ChronoCsvMapping *chrono_import_dialog_get_mapping (ChronoImportDialog *self);
/* Asks for a CSV or TSV file, then shows the dialog for it over
 * @window ("Import Spreadsheet…"). */
void                    chrono_import_dialog_choose_file (ChronoWindow       *window);

G_END_DECLS
