#pragma once

#include <glib.h>

#include "chrono-error.h"

G_BEGIN_DECLS

/*
 * The JSON guard: a strict RFC 8259 pre-scan of a file's bytes before
 * json-glib sees them, and a position lookup by JSON path for errors.
 *
 * json-glib 1.6 overflows its stack on deep nesting, accepts comments,
 * single quotes, octal and hex numbers, keeps the last of duplicate keys,
 * wraps huge integers and gives no position for invalid UTF-8.  The guard
 * refuses all of that, with the exact position, without recursing and
 * without allocating per member, so that only JSON json-glib reads
 * faithfully ever reaches it.
 *
 * Numbers: integers (no fraction, no exponent) must lie within ±2^53
 * (±9007199254740992), the range every JSON reader stores exactly; a
 * larger approximate value must be written with an exponent (1.5e20).
 * Numbers that overflow a double (1e999) are refused; underflow to zero
 * (1e-999) is accepted.
 *
 * Positions are 1-based; columns count characters, not bytes.  Lines end
 * at "\n".
 */

/* The most members one object may have (docs/limits.md).  json-glib
 * hashes member names with g_str_hash, so crafted names that collide
 * make an object of n members cost O(n²) to parse; at this cap the worst
 * case is about 10 ms an object. */
#define CHRONO_JSON_MAX_MEMBERS 1024

/* The largest integer magnitude the guard accepts: 2^53. */
#define CHRONO_JSON_MAX_INTEGER G_GINT64_CONSTANT (9007199254740992)

/* Returns the number of bytes of a leading UTF-8 byte order mark (0 or 3). */
gsize             chrono_json_guard_skip_bom    (const char *data,
                                                 gsize       length);

/* Checks that @data (@length bytes, not necessarily nul-terminated, may
 * start with a UTF-8 BOM) is one strict JSON value nested at most
 * @max_depth levels (the root object or array is level 1).  Returns NULL
 * when it is, else (transfer full) the diagnostic of the first problem,
 * with its code, position, message and hint.  Runs in linear time and
 * constant stack. */
ChronoDiagnostic *chrono_json_guard_check       (const char *data,
                                                 gsize       length,
                                                 guint       max_depth);

/* Like chrono_json_guard_check(); also appends to @items (a GArray of
 * ChronoPos) the position of every element of the array that is the
 * top-level member @items_member ("events"), in one pass: the loader
 * gives events their source position this way. */
ChronoDiagnostic *chrono_json_guard_check_full  (const char *data,
                                                 gsize       length,
                                                 guint       max_depth,
                                                 const char *items_member,
                                                 GArray     *items);

/**
 * ChronoJsonItems:
 * @positions: (element-type ChronoPos): appended to: the position of
 *   each element of the array
 * @offsets: (element-type gsize) (nullable): appended to: the byte offset
 *   of each element's first character
 * @open: (out): the byte offset of the array's "[", 0 when there is none
 * @close: (out): the byte offset of the array's "]", 0 when there is none
 * @ready: (out): how many elements are in both arrays, stored atomically
 *   after each one, so that another thread may read them while the guard
 *   runs; that thread must have made both arrays large enough for the
 *   limit of events (g_array_sized_new()), so that they never move
 */
typedef struct
{
  GArray *positions;
  GArray *offsets;
  gsize   open;
  gsize   close;
  gint    ready;
} ChronoJsonItems;

/* Like chrono_json_guard_check_full(), with the byte offsets of the
 * elements and of the array itself: the native reader reads events from
 * the bytes without building a tree of the whole file. */
ChronoDiagnostic *chrono_json_guard_check_items (const char      *data,
                                                 gsize            length,
                                                 guint            max_depth,
                                                 const char      *items_member,
                                                 ChronoJsonItems *items);

/**
 * ChronoJsonLocation:
 * @path: (in): a JSON path: "title", "events[3]", "events[3].lane",
 *   "series[0].points[2][0]"; "" is the root value
 * @found: (out): whether the path exists
 * @pos: (out): the position of the member's key, or of the value for
 *   array elements and the root
 * @value_pos: (out): the position of the value's first character
 * @value_offset: (out): the byte offset of the value in the data
 */
typedef struct
{
  const char *path;
  gboolean    found;
  ChronoPos   pos;
  ChronoPos   value_pos;
  gsize       value_offset;
} ChronoJsonLocation;

/* Finds the positions of @n_locations paths in one pass over @data, which
 * should have passed chrono_json_guard_check() (on other input it stops at
 * the first problem, leaving the rest not found).  Meant for error
 * reporting only: it walks the text again. */
void              chrono_json_guard_locate      (const char         *data,
                                                 gsize               length,
                                                 ChronoJsonLocation *locations,
                                                 guint               n_locations);

/* The position of the character of a JSON string value that decodes to
 * byte @decoded_offset of the string's content, given the offset and
 * position of the string's opening quote (from chrono_json_guard_locate).
 * Used to point at the bad character of a date. */
ChronoPos         chrono_json_guard_string_pos  (const char *data,
                                                 gsize       length,
                                                 gsize       value_offset,
                                                 ChronoPos   value_pos,
                                                 gsize       decoded_offset);

G_END_DECLS
