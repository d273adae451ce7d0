#pragma once

#include <json-glib/json-glib.h>

#include "chrono-document-builder.h"
#include "chrono-loader.h"

G_BEGIN_DECLS

/* At most this many errors are collected from one file. */
#define CHRONO_LOADER_MAX_ERRORS 100

/*
 * What the loader shares with the native reader (chrono-native.c): the
 * text, for positions, and a list of the reader's own diagnostics.  Those
 * carry a JSON path and no position; the loader fills positions in one
 * pass after the whole file was read.
 */
typedef struct
{
  const char         *data;
  gsize               length;
  GPtrArray          *diagnostics;     /* of ChronoDiagnostic */
  GHashTable         *string_offsets;  /* ChronoDiagnostic* -> decoded offset + 1, or NULL */
  guint               n_errors;
  GArray             *event_positions; /* ChronoPos of each events[i], or NULL */
  GCancellable       *cancellable;
  ChronoLoadFlags     flags;
  ChronoProgressFunc  progress;        /* called on the loading thread */
  gpointer            progress_data;
  double              progress_from;
  double              progress_to;
} ChronoReadContext;

/* Adds an error at @path (no position yet); @decoded_offset >= 0 points
 * inside the string value at @path (dates). Returns the diagnostic. */
ChronoDiagnostic *_chrono_read_context_error (ChronoReadContext *ctx,
                                              ChronoErrorCode    code,
                                              const char        *path,
                                              gssize             decoded_offset,
                                              const char        *hint,
                                              const char        *message);

/* Reads a native (version 1) timeline from @root into @builder.  Returns
 * FALSE when reading must stop: on cancellation (@error set) or after a
 * fatal problem such as an unsupported version (a diagnostic added). */
gboolean _chrono_native_read (ChronoReadContext      *ctx,
                              JsonNode               *root,
                              ChronoDocumentBuilder  *builder,
                              GError                **error);

/* The closest of @candidates (NULL-terminated) to @name by edit distance,
 * or NULL when none is close. */
const char *_chrono_suggest (const char         *name,
                             const char * const *candidates);

/* "a string", "an object", … (translated): what @node holds, for type
 * errors.  With @integers, whole JSON numbers are "an integer". */
const char *_chrono_json_type_name (JsonNode *node,
                                    gboolean  integers);

G_END_DECLS
