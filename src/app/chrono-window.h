#pragma once

#include <adwaita.h>

#include "chrono-document-file.h"
#include "chrono-session.h"

G_BEGIN_DECLS

/**
 * ChronoWindow:
 *
 * The main window: header bar, the timeline with its overview strip, the
 * inspector and event list sidebar, and the empty state.  It shows the
 * life of its file, which a #ChronoDocumentFile keeps (loading off the
 * main thread, watching, reloading, keeping the open document when a
 * load fails): the window listens to it and never the other way round.
 *
 * Properties: "session" (read only), "file" (read only: the file shown,
 * or loading), "loading" (read only), "error" (read only: the message of
 * the last failed load, or NULL), "settings" (construct only, nullable).
 */
#define CHRONO_TYPE_WINDOW (chrono_window_get_type ())
G_DECLARE_FINAL_TYPE (ChronoWindow, chrono_window, CHRONO, WINDOW, AdwApplicationWindow)

/* @application may be NULL; its settings are used when it is a
 * ChronoApplication. */
ChronoWindow  *chrono_window_new               (GtkApplication *application);
/* Starts loading @file (after asking about unsaved changes); the result
 * replaces the document, or an error is shown and the document that was
 * open is kept. */
void           chrono_window_open_file         (ChronoWindow   *self,
                                                GFile          *file);
/* Starts loading the spreadsheet @file with @mapping (copied), skipping
 * the rows it cannot read; the file is reloaded with the same mapping
 * when it changes. */
void           chrono_window_import_file       (ChronoWindow           *self,
                                                GFile                  *file,
                                                const ChronoCsvMapping *mapping);
/* Loads the current file again, keeping the view and the selection. */
void           chrono_window_reload            (ChronoWindow   *self);
GFile         *chrono_window_get_file          (ChronoWindow   *self);
/* The file's life: loading, watching, unsaved changes, saving. */
ChronoDocumentFile *chrono_window_get_document_file (ChronoWindow *self);
gboolean       chrono_window_get_loading       (ChronoWindow   *self);
const char    *chrono_window_get_error         (ChronoWindow   *self);
const char    *chrono_window_get_details       (ChronoWindow   *self);
ChronoSession *chrono_window_get_session       (ChronoWindow   *self);
/* The ChronoTimelineView. */
GtkWidget     *chrono_window_get_timeline_view (ChronoWindow   *self);
/* Shows @toast (transfer full) over the window's content. */
void           chrono_window_add_toast         (ChronoWindow   *self,
                                                AdwToast       *toast);

G_END_DECLS
