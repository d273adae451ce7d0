/* chrono-writer.h
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "chrono-document.h"

G_BEGIN_DECLS

/* Writing a document in Chronoscope's format (CHRONO_FORMAT_NATIVE),
 * TimelineJS3 JSON (CHRONO_FORMAT_TIMELINEJS) or CSV (CHRONO_FORMAT_CSV);
 * docs/format.md says what each keeps.  A native file loads back as the
 * same document, "x-" members included. */

/* The whole file in @format, as bytes (UTF-8, ending in a newline).
 * Free with g_free(). */
char     *chrono_writer_to_data          (ChronoDocument      *document,
                                          ChronoSourceFormat   format,
                                          gsize               *length);
/* Writes @document to @file atomically (ChronoFileWriter): a symlink is
 * followed, an existing file keeps its mode, and on any failure the old
 * file is left as it was.  Errors are G_IO_ERROR ("cannot write “NAME”:
 * reason"), G_IO_ERROR_CANCELLED when @cancellable is cancelled. */
gboolean  chrono_writer_write_file       (ChronoDocument      *document,
                                          ChronoSourceFormat   format,
                                          GFile               *file,
                                          GCancellable        *cancellable,
                                          GError             **error);
/* The same on a worker thread; @document is immutable, so the caller
 * may go on using it. */
void      chrono_writer_write_file_async (ChronoDocument      *document,
                                          ChronoSourceFormat   format,
                                          GFile               *file,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean  chrono_writer_write_file_finish (GAsyncResult       *result,
                                           GError            **error);
/* The format a file name asks for: ".csv" and ".tsv" CSV, anything else
 * native (a TimelineJS file is only written when asked for). */
ChronoSourceFormat chrono_writer_format_for_name (const char *name);

G_END_DECLS
