/* chrono-writer-private.h
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "chrono-document-private.h"
#include "chrono-file-writer.h"
#include "chrono-json-text.h"
#include "chrono-writer.h"

G_BEGIN_DECLS

/* Where a writer puts its text: a buffer, handed to @file in large
 * pieces when there is one, else kept whole. */
typedef struct
{
  GString          *buf;
  ChronoFileWriter *file;         /* or NULL */
  GCancellable     *cancellable;  /* or NULL */
} ChronoWriterOut;

/* Passes the buffer on once it is large, and checks for cancellation;
 * FALSE once writing has failed. */
gboolean _chrono_writer_out_flush (ChronoWriterOut *out,
                                   gboolean         force);

/* Each appends a whole file; FALSE when writing failed on the way. */
gboolean _chrono_write_native     (ChronoDocument  *document,
                                   ChronoWriterOut *out);
gboolean _chrono_write_timelinejs (ChronoDocument  *document,
                                   ChronoWriterOut *out);
gboolean _chrono_write_csv        (ChronoDocument  *document,
                                   ChronoWriterOut *out);

/* @date as written in the native format, appended to @out. */
void     _chrono_writer_append_date (GString          *out,
                                     const ChronoDate *date);

G_END_DECLS
