/* chrono-json-text.h
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Writing JSON text, shared by the writers and by the native reader
 * (which keeps "x-" members as text).  Strings are written as UTF-8 with
 * only what JSON requires escaped; numbers in the shortest form that
 * reads back to the same double. */

void _chrono_json_append_string (GString    *out,
                                 const char *text);
void _chrono_json_append_number (GString    *out,
                                 double      value);
/* @node as compact JSON (no spaces), objects' members in their order. */
void _chrono_json_append_node   (GString    *out,
                                 JsonNode   *node);

G_END_DECLS
