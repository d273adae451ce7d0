/* chrono-json-text.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-json-text"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chrono-json-text.h"

/**
 * _chrono_json_append_string:
 * @text: UTF-8 text
 *
 * Appends @text as a JSON string: quotes, backslashes and control
 * characters escaped, everything else as it is, so that non-ASCII text
 * stays readable in a diff.
 */
void
_chrono_json_append_string (GString    *out,
                            const char *text)
{
  const char *run = text;
  const char *p;

  g_string_append_c (out, '"');
  for (p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      const char *escape;
      char buf[8];

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\n': escape = "\\n"; break;
        case '\t': escape = "\\t"; break;
        case '\r': escape = "\\r"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        default:
          g_snprintf (buf, sizeof buf, "\\u%04x", c);
          escape = buf;
          break;
        }
      g_string_append (out, escape);
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

/**
 * _chrono_json_append_number:
 * @value: a finite number
 *
 * Appends @value: a whole number within ±2^53 as an integer ("9"), any
 * other in the fewest significant digits that read back exactly
 * ("0.1", not "0.10000000000000001").
 */
void
_chrono_json_append_number (GString *out,
                            double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (isfinite (value));

  if (value == floor (value) && fabs (value) <= 9007199254740992.0)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) value);
      return;
    }

  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (digits == 17 || g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (out, buf);
}

void
_chrono_json_append_node (GString  *out,
                          JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            _chrono_json_append_string (out, name);
            g_string_append_c (out, ':');
            _chrono_json_append_node (out, member);
          }
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            _chrono_json_append_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          _chrono_json_append_string (out, json_node_get_string (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        default:
          _chrono_json_append_number (out, json_node_get_double (node));
          break;
        }
      break;
    }
}
