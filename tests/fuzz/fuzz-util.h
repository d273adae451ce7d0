/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the libFuzzer targets in tests/fuzz share. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "chrono-loader.h"

G_BEGIN_DECLS

/* libFuzzer's entry points.  fuzz-util.c defines the first for every
 * target: it sets the process up as the tests run the libraries
 * (C.UTF-8, a fixed "now" so that an input behaves the same on every
 * run, quiet debug output, and criticals and warnings that abort, since
 * the libraries emit them only for their own mistakes).  Each target
 * defines the second. */
int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* Loads @size bytes as the app opens a file (chrono_loader_load_data())
 * and aborts unless the result keeps the loader's promises: a document
 * and no errors, or NULL with an error reading "FILE:LINE:COL: message",
 * every diagnostic with a line and a column.
 * Returns: (transfer full) (nullable): the document */
ChronoDocument *fuzz_load (const uint8_t   *data,
                           size_t           size,
                           ChronoLoadFlags  flags);

G_END_DECLS
