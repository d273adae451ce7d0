#pragma once

#include <json-glib/json-glib.h>

#include "chrono-document-builder.h"
#include "chrono-loader.h"

G_BEGIN_DECLS

/*
 * Importers of other formats, called by the loader once it has detected
 * the format from the content.  Both add every problem to @builder as a
 * diagnostic (with a JSON path, or a line and column for CSV); they return
 * FALSE only for a fatal error after which nothing else can be read.
 * Diagnostics with a path and no position get their position from the
 * loader (chrono_json_guard_locate).
 */

/* @root is the parsed file, @data/@length its text (already checked by
 * the JSON guard, possibly starting with a BOM). */
gboolean chrono_import_timelinejs (JsonNode              *root,
                                   const char            *data,
                                   gsize                  length,
                                   ChronoLoadFlags        flags,
                                   ChronoDocumentBuilder *builder);

/* @data/@length: the file's bytes (may start with a BOM; not checked). */
gboolean chrono_import_csv        (const char            *data,
                                   gsize                  length,
                                   ChronoLoadFlags        flags,
                                   ChronoDocumentBuilder *builder);

G_END_DECLS
