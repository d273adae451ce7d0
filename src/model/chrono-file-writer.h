/* chrono-file-writer.h
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * ChronoFileWriter:
 *
 * Writes one file atomically: the old file stays whole until the new
 * one is complete, synced and renamed over it; a symlink keeps pointing
 * at its target, which is replaced; an existing file keeps its mode.
 * Exports and saving share it.  A plain struct, usually on the stack:
 * open it, write, then commit or abort.  The members are private.
 */
typedef struct
{
  GFile         *target;       /* the file written, symlinks resolved */
  GFile         *temporary;    /* a new target's hidden sibling, or NULL */
  char          *display;      /* the name used in messages */
  GOutputStream *base;         /* from g_file_replace() or g_file_create() */
  GOutputStream *stream;       /* buffered, over @base */
  GCancellable  *cancellable;  /* may be NULL */
  gboolean       existed;      /* whether @target was there before */
  GError        *error;        /* the first write error */
} ChronoFileWriter;

gboolean chrono_file_writer_open   (ChronoFileWriter  *writer,
                                    GFile             *file,
                                    const char        *display_name,
                                    GCancellable      *cancellable,
                                    GError           **error);
gboolean chrono_file_writer_write  (ChronoFileWriter  *writer,
                                    const void        *data,
                                    gsize              length);
void     chrono_file_writer_abort  (ChronoFileWriter  *writer);
gboolean chrono_file_writer_commit (ChronoFileWriter  *writer,
                                    GError           **error);
/* The first write error, kept until commit or abort; or NULL. */
const GError *chrono_file_writer_get_error (ChronoFileWriter *writer);
/* Sets the writer's error, if it has none yet (takes @error), so that
 * commit fails with it: for callers that find a problem of their own
 * half-way (cancellation checked between stages). */
void     chrono_file_writer_fail   (ChronoFileWriter  *writer,
                                    GError            *error);

G_END_DECLS
