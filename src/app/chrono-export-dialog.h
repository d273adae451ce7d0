#pragma once

#include <adwaita.h>

#include "chrono-export.h"
#include "chrono-window.h"

G_BEGIN_DECLS

/**
 * ChronoExportDialog:
 *
 * Exports what a window shows to PNG, SVG or PDF: format, size presets,
 * scale, theme, dates (the visible span, the whole timeline or custom
 * dates), title and legend, with a live preview.  It remembers the last
 * choices in the export-* settings and reports the result with a toast
 * on the window.
 */
#define CHRONO_TYPE_EXPORT_DIALOG (chrono_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChronoExportDialog, chrono_export_dialog, CHRONO, EXPORT_DIALOG, AdwWindow)

/* A dialog exporting @window's document, modal over it. */
ChronoExportDialog *chrono_export_dialog_new         (ChronoWindow         *window);
/* Fills @options from the dialog's choices (the filter is the window's).
 * FALSE when they cannot be exported, e.g. custom dates that do not
 * parse; @options is filled all the same. */
gboolean            chrono_export_dialog_get_options (ChronoExportDialog   *self,
                                                      ChronoExportOptions  *options);
/* Starts exporting to @file (a local path) in a worker thread; shows an
 * "Exporting…" toast, then the result in a toast on the window, and on
 * success remembers the choices and closes the dialog.  Returns FALSE and
 * sets @error when the export cannot start. */
gboolean            chrono_export_dialog_export_to   (ChronoExportDialog   *self,
                                                      GFile                *file,
                                                      GError              **error);

/* Whether an export started by the dialog is still running. */
gboolean            chrono_export_dialog_get_busy    (ChronoExportDialog   *self);
/* Where the file chooser starts for @format: the folder of the last
 * export (the export-folder key of @settings, may be NULL) when it still
 * exists, else the user's Pictures folder for images and Documents for
 * PDF, else the home folder.  Returns (transfer full). */
GFile              *chrono_export_default_folder     (GSettings            *settings,
                                                      ChronoExportFormat    format);

/* The toast that reports an export to @file: "Exported “name”" with an
 * Open button that opens the file in the default application (through
 * the portal when sandboxed), or what went wrong when @error is set.
 * Returns (transfer full). */
AdwToast           *chrono_export_result_toast_new   (ChronoWindow         *window,
                                                      GFile                *file,
                                                      const GError         *error);

/* Asks where to save and writes @window's presentation as a slide PDF,
 * then shows a toast. */
void                chrono_export_slides_run         (ChronoWindow         *window);
/* The file chooser export.save is showing, or NULL (transfer none; for
 * tests). */
GtkNativeDialog    *chrono_export_dialog_get_chooser (ChronoExportDialog   *self);

G_END_DECLS
