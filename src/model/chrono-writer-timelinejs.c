/* chrono-writer-timelinejs.c
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
 * TimelineJS3 JSON, written so that the TimelineJS importer reads back
 * everything the format can hold (docs/format.md, "Writing other
 * formats"): the title slide, each event as a slide with its id
 * (unique_id), dates field by field (UTC; BC years as TimelineJS counts
 * them), headline and text as HTML, its lane as group, its last link
 * as media (with the link's title) and the ones before it as anchors of
 * a last paragraph of the text, which the importer reads in that order
 * (their titles come back in the description too); eras with both ends.  TimelineJS has no lanes of their own,
 * categories, importance, tags, relations, series, qualifiers, zones or
 * open ends; those are left out.
 */

static void
append_html_escaped (GString    *out,
                     const char *text,
                     gssize      length)
{
  const char *end = length < 0 ? text + strlen (text) : text + length;

  for (const char *p = text; p < end; p++)
    switch (*p)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '"': g_string_append (out, "&quot;"); break;
      default: g_string_append_c (out, *p); break;
      }
}

/* Plain text as HTML: a paragraph for each blank-line-separated block,
 * <br> for the single line breaks within one. */
static void
append_paragraphs (GString    *html,
                   const char *text)
{
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n\n", -1);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_auto(GStrv) lines = NULL;

      if (paragraphs[i][0] == '\0')
        continue;
      lines = g_strsplit (paragraphs[i], "\n", -1);
      g_string_append (html, "<p>");
      for (guint j = 0; lines[j] != NULL; j++)
        {
          if (j > 0)
            g_string_append (html, "<br>");
          append_html_escaped (html, lines[j], -1);
        }
      g_string_append (html, "</p>");
    }
}

/* A TimelineJS date object: the fields down to the precision. */
static void
append_date (GString          *out,
             const ChronoDate *date)
{
  gint64 year;
  int month, day, hour, minute, second, weekday;
  gint64 shown_year;

  chrono_time_to_civil (date->time, &year, &month, &day, &hour, &minute, &second, &weekday);
  /* TimelineJS counts BC years without a year 0: -1 is 1 BC. */
  shown_year = year > 0 ? year : year - 1;

  g_string_append_printf (out, "{ \"year\": %" G_GINT64_FORMAT, shown_year);
  if (date->precision >= CHRONO_PRECISION_MONTH)
    g_string_append_printf (out, ", \"month\": %d", month);
  if (date->precision >= CHRONO_PRECISION_DAY)
    g_string_append_printf (out, ", \"day\": %d", day);
  if (date->precision >= CHRONO_PRECISION_HOUR)
    g_string_append_printf (out, ", \"hour\": %d", hour);
  if (date->precision >= CHRONO_PRECISION_MINUTE)
    g_string_append_printf (out, ", \"minute\": %d", minute);
  if (date->precision >= CHRONO_PRECISION_SECOND)
    g_string_append_printf (out, ", \"second\": %d", second);
  g_string_append (out, " }");
}

/* "text": { "headline": …, "text": … } */
static void
append_text (GString    *out,
             const char *headline,
             const char *text,
             const ChronoEventExtra *extra)
{
  g_autoptr(GString) html = g_string_new (NULL);

  g_string_append (out, "\"text\": { \"headline\": ");
  g_string_truncate (html, 0);
  append_html_escaped (html, headline != NULL ? headline : "", -1);
  _chrono_json_append_string (out, html->str);

  g_string_truncate (html, 0);
  if (text != NULL)
    append_paragraphs (html, text);
  /* Every link goes into the text: "media" holds the picture, quote or
   * link card, and a link there would come back as a card. */
  if (extra != NULL && extra->n_links > 0)
    {
      g_string_append (html, "<p>");
      for (guint l = 0; l < extra->n_links; l++)
        {
          const ChronoLink *link = &extra->links[l];

          if (l > 0)
            g_string_append (html, "<br>");
          g_string_append (html, "<a href=\"");
          append_html_escaped (html, link->url, -1);
          g_string_append (html, "\">");
          append_html_escaped (html, link->title != NULL ? link->title : link->url, -1);
          g_string_append (html, "</a>");
        }
      g_string_append (html, "</p>");
    }
  if (html->len > 0)
    {
      g_string_append (out, ", \"text\": ");
      _chrono_json_append_string (out, html->str);
    }
  g_string_append (out, " }");
}

static void
append_html_member (GString    *out,
                    const char *name,
                    const char *text)
{
  g_autoptr(GString) html = NULL;

  if (text == NULL)
    return;
  html = g_string_new (NULL);
  append_html_escaped (html, text, -1);
  g_string_append_printf (out, ", \"%s\": ", name);
  _chrono_json_append_string (out, html->str);
}

/* "media": { "url": …, "caption": …, "credit": … }: TimelineJS knows
 * pictures and pages by their address, and quotes as a blockquote whose
 * credit is who said it. */
static void
append_media (GString           *out,
              const ChronoMedia *media)
{
  g_string_append (out, "\"media\": { \"url\": ");
  if (media->kind == CHRONO_MEDIA_QUOTE)
    {
      g_autoptr(GString) html = g_string_new ("<blockquote>");

      append_html_escaped (html, media->text, -1);
      g_string_append (html, "</blockquote>");
      _chrono_json_append_string (out, html->str);
      append_html_member (out, "credit", media->who);
    }
  else
    {
      _chrono_json_append_string (out, media->url);
      append_html_member (out, "credit", media->credit);
      append_html_member (out, "title", media->title);
      if (media->thumbnail != NULL)
        {
          g_string_append (out, ", \"thumbnail\": ");
          _chrono_json_append_string (out, media->thumbnail);
        }
    }
  append_html_member (out, "caption", media->caption);
  g_string_append (out, " }");
}

gboolean
_chrono_write_timelinejs (ChronoDocument  *document,
                          ChronoWriterOut *out)
{
  GString *buf = out->buf;
  const char *title = chrono_document_get_title (document);
  const char *description = chrono_document_get_description (document);
  guint n_events = chrono_document_get_n_events (document);
  guint n_eras = chrono_document_get_n_eras (document);
  gboolean first = TRUE;

  const ChronoMedia *cover = chrono_document_get_cover_media (document);
  const ChronoBackground *background = chrono_document_get_background (document);

  g_string_append (buf, "{\n");
  if ((title != NULL && title[0] != '\0') || (description != NULL && description[0] != '\0') ||
      cover != NULL || background != NULL)
    {
      g_string_append (buf, "  \"title\": { ");
      append_text (buf, title, description, NULL);
      if (cover != NULL)
        {
          g_string_append (buf, ", ");
          append_media (buf, cover);
        }
      if (background != NULL)
        {
          const char *sep = "";

          g_string_append (buf, ", \"background\": { ");
          if (background->has_color)
            {
              g_string_append_printf (buf, "\"color\": \"#%06x\"", background->color & 0xffffff);
              sep = ", ";
            }
          if (background->image != NULL)
            {
              g_string_append_printf (buf, "%s\"url\": ", sep);
              _chrono_json_append_string (buf, background->image);
            }
          g_string_append (buf, " }");
        }
      g_string_append (buf, " },\n");
    }

  g_string_append (buf, "  \"events\": [");
  for (guint i = 0; i < n_events; i++)
    {
      const ChronoEvent *event = chrono_document_get_event (document, i);
      const ChronoLane *lane = chrono_document_get_lane (document, event->lane);

      g_string_append (buf, i > 0 ? ",\n    {\n" : "\n    {\n");
      g_string_append (buf, "      \"unique_id\": ");
      _chrono_json_append_string (buf, event->id);
      g_string_append (buf, ",\n      \"start_date\": ");
      append_date (buf, &event->start);
      /* An open end has no TimelineJS form: the slide is a point. */
      if (event->end.precision != CHRONO_PRECISION_NONE)
        {
          g_string_append (buf, ",\n      \"end_date\": ");
          append_date (buf, &event->end);
        }
      g_string_append (buf, ",\n      ");
      append_text (buf, event->title, event->description, event->extra);
      if (event->extra != NULL && event->extra->media != NULL)
        {
          g_string_append (buf, ",\n      ");
          append_media (buf, event->extra->media);
        }
      g_string_append (buf, ",\n      \"group\": ");
      {
        g_autoptr(GString) html = g_string_new (NULL);

        append_html_escaped (html, lane->title, -1);
        _chrono_json_append_string (buf, html->str);
      }
      g_string_append (buf, "\n    }");

      if (i % 4096 == 4095 && !_chrono_writer_out_flush (out, FALSE))
        return FALSE;
    }
  g_string_append (buf, n_events > 0 ? "\n  ]" : "]");

  for (guint i = 0; i < n_eras; i++)
    {
      const ChronoEra *era = chrono_document_get_era (document, i);

      /* TimelineJS needs both ends of an era. */
      if (era->end.precision == CHRONO_PRECISION_NONE)
        continue;
      g_string_append (buf, first ? ",\n  \"eras\": [\n    { " : ",\n    { ");
      first = FALSE;
      g_string_append (buf, "\"start_date\": ");
      append_date (buf, &era->start);
      g_string_append (buf, ", \"end_date\": ");
      append_date (buf, &era->end);
      g_string_append (buf, ", ");
      append_text (buf, era->title, NULL, NULL);
      g_string_append (buf, " }");
    }
  if (!first)
    g_string_append (buf, "\n  ]");
  g_string_append (buf, "\n}\n");

  return _chrono_writer_out_flush (out, TRUE);
}
