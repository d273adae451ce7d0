/* chrono-document-file.h
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "chrono-document.h"
#include "chrono-loader.h"

G_BEGIN_DECLS

/* What lenient loading (CHRONO_LOAD_LENIENT) would do for the last
 * failed load, so a window can offer it. */
typedef enum
{
  CHRONO_LENIENT_FIX_NONE,       /* nothing: it would fail again */
  CHRONO_LENIENT_FIX_SKIP_ROWS,  /* a spreadsheet: skip the rows with errors */
  CHRONO_LENIENT_FIX_DROP_LINKS, /* every error is a refused link: drop them */
} ChronoLenientFix;

/**
 * ChronoDocumentFile:
 *
 * The life of the file behind one window, apart from any widget: it
 * loads a file off the main thread (cancellable, with progress), watches
 * it and reloads it when it has been quiet for a moment, keeps the
 * document it has when a load fails, says when the file is deleted or
 * moved away and when it comes back, and keeps whether the document has
 * unsaved changes.  A file changed on disk while there are unsaved
 * changes is not reloaded: "changed-on-disk" turns on and the owner
 * decides (reload, discarding them, or keep them).
 *
 * It never calls into a window: it notifies its properties and emits
 * "loaded" (ChronoDocument *document, gboolean reloaded) after a load
 * succeeded and "failed" (GFile *file) after one failed, once every
 * property says so; "needs-mapping" (GFile *file) instead of "failed"
 * when a spreadsheet opened has columns of its own, which the owner
 * asks about (the import dialog) and opens with
 * chrono_document_file_open_mapped().  A file opened with a mapping
 * keeps it for its reloads.
 *
 * Properties (all read only but "modified"): "file" (the file shown, or
 * the one being opened while there is no document yet), "document"
 * (the last one loaded or saved), "loading", "progress" (0 .. 1 while
 * loading), "error" ("FILE:LINE:COL: message" of the last failed load,
 * until dismissed or a load succeeds), "failed-file", "details" (every
 * diagnostic of the last load, one a line), "deleted", "modified",
 * "changed-on-disk".
 */
#define CHRONO_TYPE_DOCUMENT_FILE (chrono_document_file_get_type ())
G_DECLARE_FINAL_TYPE (ChronoDocumentFile, chrono_document_file, CHRONO, DOCUMENT_FILE, GObject)

ChronoDocumentFile *chrono_document_file_new                  (void);

void                chrono_document_file_open                 (ChronoDocumentFile  *self,
                                                               GFile               *file,
                                                               ChronoLoadFlags      flags);
void                chrono_document_file_open_mapped          (ChronoDocumentFile     *self,
                                                               GFile                  *file,
                                                               const ChronoCsvMapping *mapping,
                                                               ChronoLoadFlags         flags);
void                chrono_document_file_reload               (ChronoDocumentFile  *self);
void                chrono_document_file_retry                (ChronoDocumentFile  *self,
                                                               gboolean             lenient);
void                chrono_document_file_cancel               (ChronoDocumentFile  *self);
void                chrono_document_file_dismiss_error        (ChronoDocumentFile  *self);
void                chrono_document_file_keep_changes         (ChronoDocumentFile  *self);
void                chrono_document_file_set_document         (ChronoDocumentFile  *self,
                                                               ChronoDocument      *document,
                                                               GFile               *file);

GFile              *chrono_document_file_get_file             (ChronoDocumentFile  *self);
ChronoDocument     *chrono_document_file_get_document         (ChronoDocumentFile  *self);
gboolean            chrono_document_file_get_loading          (ChronoDocumentFile  *self);
double              chrono_document_file_get_progress         (ChronoDocumentFile  *self);
ChronoLoadFlags     chrono_document_file_get_load_flags       (ChronoDocumentFile  *self);
const ChronoCsvMapping *chrono_document_file_get_mapping      (ChronoDocumentFile  *self);
const char         *chrono_document_file_get_error            (ChronoDocumentFile  *self);
GFile              *chrono_document_file_get_failed_file      (ChronoDocumentFile  *self);
ChronoLenientFix    chrono_document_file_get_lenient_fix      (ChronoDocumentFile  *self);
const char         *chrono_document_file_get_details          (ChronoDocumentFile  *self);
GPtrArray          *chrono_document_file_get_diagnostics      (ChronoDocumentFile  *self);
gboolean            chrono_document_file_get_deleted          (ChronoDocumentFile  *self);
gboolean            chrono_document_file_get_modified         (ChronoDocumentFile  *self);
void                chrono_document_file_set_modified         (ChronoDocumentFile  *self,
                                                               gboolean             modified);
gboolean            chrono_document_file_get_changed_on_disk  (ChronoDocumentFile  *self);

gboolean            chrono_document_file_can_save             (ChronoDocumentFile  *self);
gboolean            chrono_document_file_get_save_needs_file  (ChronoDocumentFile  *self);
void                chrono_document_file_save_async           (ChronoDocumentFile  *self,
                                                               ChronoDocument      *document,
                                                               GFile               *file,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
gboolean            chrono_document_file_save_finish          (ChronoDocumentFile  *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);

G_END_DECLS
