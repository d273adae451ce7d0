/* chrono-writer-csv.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-writer"

#include "config.h"

#include <string.h>

#include "chrono-writer-private.h"

/*
 * CSV with Chronoscope's columns (docs/format.md, "CSV"), one row an
 * event in start order: title, start, end, lane and category (by their
 * titles, as the importer reads them), description, tags (";"), links
 * (" "), id and importance; then, when any event has media, the
 * TimelineJS template's media columns, which the importer reads in both
 * kinds of sheet.  Dates are written as in the native format,
 * so qualifiers, zones, open ends and deep time survive.  Quoting follows
 * RFC 4180; lines end with CRLF, as spreadsheets write them.
 */

static const char * const columns[] = {
  "title", "start", "end", "lane", "category", "description", "tags", "link", "id", "importance",
};

static const char * const media_columns[] = {
  "media", "media caption", "media credit", "media thumbnail",
};

static void append_cell (GString    *out,
                         const char *text,
                         gboolean    first);

/* The media cells are read as TimelineJS's: HTML, and a quote is a
 * blockquote whose credit is who said it. */
static void
append_media (GString           *out,
              const ChronoMedia *media)
{
  g_autofree char *quote = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *credit = NULL;
  const char *who_or_credit;

  if (media == NULL)
    {
      for (guint c = 0; c < G_N_ELEMENTS (media_columns); c++)
        append_cell (out, NULL, FALSE);
      return;
    }
  if (media->kind == CHRONO_MEDIA_QUOTE)
    {
      g_autofree char *text = g_markup_escape_text (media->text, -1);

      quote = g_strconcat ("<blockquote>", text, "</blockquote>", NULL);
    }
  who_or_credit = media->kind == CHRONO_MEDIA_QUOTE ? media->who : media->credit;
  caption = media->caption != NULL ? g_markup_escape_text (media->caption, -1) : NULL;
  credit = who_or_credit != NULL ? g_markup_escape_text (who_or_credit, -1) : NULL;
  append_cell (out, quote != NULL ? quote : media->url, FALSE);
  append_cell (out, caption, FALSE);
  append_cell (out, credit, FALSE);
  append_cell (out, media->thumbnail, FALSE);
}

static void
append_cell (GString    *out,
             const char *text,
             gboolean    first)
{
  if (!first)
    g_string_append_c (out, ',');
  if (text == NULL || text[0] == '\0')
    return;

  if (strpbrk (text, ",\"\r\n;\t") == NULL)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

gboolean
_chrono_write_csv (ChronoDocument  *document,
                   ChronoWriterOut *out)
{
  g_autoptr(GString) cell = g_string_new (NULL);
  GString *buf = out->buf;
  guint n_events = chrono_document_get_n_events (document);
  gboolean has_media = FALSE;

  for (guint i = 0; i < n_events && !has_media; i++)
    has_media = chrono_document_get_event_media (document, i) != NULL;

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    append_cell (buf, columns[c], c == 0);
  for (guint c = 0; has_media && c < G_N_ELEMENTS (media_columns); c++)
    append_cell (buf, media_columns[c], FALSE);
  g_string_append (buf, "\r\n");

  for (guint i = 0; i < n_events; i++)
    {
      const ChronoEvent *event = chrono_document_get_event (document, i);
      const ChronoEventExtra *extra = event->extra;
      g_autofree char *start = chrono_date_to_iso (&event->start);
      g_autofree char *end = chrono_date_to_iso (&event->end);
      char importance[4] = "";

      append_cell (buf, event->title, TRUE);
      append_cell (buf, start, FALSE);
      append_cell (buf, end, FALSE);
      append_cell (buf, chrono_document_get_lane (document, event->lane)->title, FALSE);
      append_cell (buf, event->category >= 0
                          ? chrono_document_get_category (document, event->category)->title
                          : NULL, FALSE);
      append_cell (buf, event->description, FALSE);

      g_string_truncate (cell, 0);
      for (guint t = 0; extra != NULL && t < extra->n_tags; t++)
        g_string_append_printf (cell, "%s%s", t > 0 ? ";" : "", extra->tags[t]);
      append_cell (buf, cell->str, FALSE);

      g_string_truncate (cell, 0);
      for (guint l = 0; extra != NULL && l < extra->n_links; l++)
        g_string_append_printf (cell, "%s%s", l > 0 ? " " : "", extra->links[l].url);
      append_cell (buf, cell->str, FALSE);

      append_cell (buf, event->id, FALSE);
      if (event->importance != 3)
        g_snprintf (importance, sizeof importance, "%u", event->importance);
      append_cell (buf, importance, FALSE);
      if (has_media)
        append_media (buf, extra != NULL ? extra->media : NULL);
      g_string_append (buf, "\r\n");

      if (i % 4096 == 4095 && !_chrono_writer_out_flush (out, FALSE))
        return FALSE;
    }

  return _chrono_writer_out_flush (out, TRUE);
}
