#pragma once

#include <json-glib/json-glib.h>

#include "chrono-document-builder.h"
#include "chrono-json-guard.h"
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
  /* When set, the tree's "events" is empty and the events are read from
   * the bytes: gsize offset of each events[i], and of the array's "]". */
  GArray             *event_offsets;
  gsize               events_close;
  gboolean            events_read;     /* already, by _chrono_native_read_events_early() */
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

/* The members of an event, shared by both readers of events. */
enum
{
  CHRONO_EV_ID, CHRONO_EV_LANE, CHRONO_EV_TITLE, CHRONO_EV_START, CHRONO_EV_END,
  CHRONO_EV_CATEGORY, CHRONO_EV_IMPORTANCE, CHRONO_EV_DESCRIPTION, CHRONO_EV_TAGS,
  CHRONO_EV_LINKS, CHRONO_EV_RELATED, CHRONO_EV_MEDIA, CHRONO_N_EV
};
#define CHRONO_EV_REQUIRED ((1u << CHRONO_EV_ID) | (1u << CHRONO_EV_LANE) | \
                            (1u << CHRONO_EV_TITLE) | (1u << CHRONO_EV_START))
extern const char * const _chrono_event_members[];

/* The reader of events straight from the bytes (chrono-native-scan.c). */
typedef struct _ChronoEventScan ChronoEventScan;

ChronoEventScan *_chrono_event_scan_new  (void);
void             _chrono_event_scan_free (ChronoEventScan  *s);
gboolean         _chrono_event_scan_read (ChronoEventScan  *s,
                                          const char       *data,
                                          gsize             begin,
                                          gsize             limit,
                                          ChronoEventDraft *draft);
gsize            _chrono_json_value_end  (const char       *data,
                                          gsize             length,
                                          gsize             begin);

gboolean _chrono_native_read_events_early (ChronoReadContext     *ctx,
                                           ChronoDocumentBuilder *builder,
                                           ChronoJsonItems       *items,
                                           const gint            *guard_done);

/* Tests: FALSE reads every event through a json-glib tree. */
void _chrono_native_set_scan_for_testing (gboolean scan);

/* The closest of @candidates (NULL-terminated) to @name by edit distance,
 * or NULL when none is close. */
const char *_chrono_suggest (const char         *name,
                             const char * const *candidates);

/* "a string", "an object", … (translated): what @node holds, for type
 * errors.  With @integers, whole JSON numbers are "an integer". */
const char *_chrono_json_type_name (JsonNode *node,
                                    gboolean  integers);

G_END_DECLS
