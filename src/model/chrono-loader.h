#pragma once

#include "chrono-document.h"

G_BEGIN_DECLS

/* Files larger than this are refused before they are read. */
#define CHRONO_LOADER_MAX_SIZE ((goffset) 512 * 1024 * 1024)
/* JSON nested deeper than this is refused before json-glib sees it. */
#define CHRONO_LOADER_MAX_DEPTH 64

typedef enum
{
  CHRONO_LOAD_DEFAULT = 0,
  CHRONO_LOAD_LENIENT = 1 << 0, /* CSV: skip bad rows; every format: drop links that are
                                 * not http, https or mailto; each reported as a warning,
                                 * and how many in a CHRONO_ERROR_SKIPPED_ROWS warning */
} ChronoLoadFlags;

/* Which column of a spreadsheet holds what (chrono-csv-mapping.h). */
typedef struct _ChronoCsvMapping ChronoCsvMapping;

/* Called on the main context with 0.0 .. 1.0. */
typedef void (*ChronoProgressFunc) (double fraction, gpointer user_data);

/* Loads a native, TimelineJS or CSV file, detected from its content.
 * Returns NULL and sets @error, whose message is the first error as
 * "FILE:LINE:COL: message".  Every diagnostic (errors and warnings) is
 * appended to @diagnostics when not NULL.  Never crashes or hangs. */
ChronoDocument *chrono_loader_load_file        (GFile               *file,
                                                ChronoLoadFlags      flags,
                                                GPtrArray           *diagnostics,
                                                GCancellable        *cancellable,
                                                GError             **error);
/* The same from memory; @display_name is used in messages. */
ChronoDocument *chrono_loader_load_data        (const char          *data,
                                                gsize                length,
                                                const char          *display_name,
                                                ChronoLoadFlags      flags,
                                                GPtrArray           *diagnostics,
                                                GCancellable        *cancellable,
                                                GError             **error);
/* Loads on a worker thread. */
void            chrono_loader_load_file_async  (GFile               *file,
                                                ChronoLoadFlags      flags,
                                                GCancellable        *cancellable,
                                                ChronoProgressFunc   progress,
                                                gpointer             progress_data,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* Loads a CSV or TSV file with the columns and date format of @mapping
 * (copied) on a worker thread, as chrono_csv_load_mapped() does; finish
 * with chrono_loader_load_file_finish(). */
void            chrono_loader_load_mapped_async (GFile                  *file,
                                                 const ChronoCsvMapping *mapping,
                                                 ChronoLoadFlags         flags,
                                                 GCancellable           *cancellable,
                                                 ChronoProgressFunc      progress,
                                                 gpointer                progress_data,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
ChronoDocument *chrono_loader_load_file_finish (GAsyncResult        *result,
                                                GPtrArray          **diagnostics,
                                                GError             **error);

G_END_DECLS
