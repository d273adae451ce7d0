/* chrono-writer.c
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
 * The native writer.  Its output is meant to be read in a diff and
 * edited by hand, so it is stable: two-space indent, every lane,
 * category, event, series and era a block of its own with one member a
 * line, members in the fixed order of docs/format.md ("Saved files"),
 * optional members only when set, "x-" members last in their object in
 * the order they were read.  Events come in start order, which is the
 * order the loader sorts them into, so saving twice gives the same bytes.
 */

#define FLUSH_BYTES (256 * 1024)
#define CHECK_EVERY 4096

gboolean
_chrono_writer_out_flush (ChronoWriterOut *out,
                          gboolean         force)
{
  if (g_cancellable_is_cancelled (out->cancellable))
    {
      if (out->file != NULL)
        {
          GError *error = NULL;

          g_cancellable_set_error_if_cancelled (out->cancellable, &error);
          chrono_file_writer_fail (out->file, error);
        }
      return FALSE;
    }

  if (out->file == NULL || (!force && out->buf->len < FLUSH_BYTES))
    return TRUE;

  if (!chrono_file_writer_write (out->file, out->buf->str, out->buf->len))
    return FALSE;
  g_string_truncate (out->buf, 0);
  return TRUE;
}

void
_chrono_writer_append_date (GString          *out,
                            const ChronoDate *date)
{
  g_autofree char *text = chrono_date_to_iso (date);

  _chrono_json_append_string (out, text);
}

static const char * const lane_kinds[] = {
  "person", "company", "organization", "product", "topic", "other",
};

/* Members of one block: each on its own line, comma-separated. */
typedef struct
{
  GString    *buf;
  const char *indent;
  gboolean    first;
} Block;

static void
block_open (Block      *b,
            GString    *buf,
            const char *indent)
{
  b->buf = buf;
  b->indent = indent;
  b->first = TRUE;
  g_string_append (buf, "{\n");
}

/* Starts the member @name. */
static void
member (Block      *b,
        const char *name)
{
  if (!b->first)
    g_string_append (b->buf, ",\n");
  b->first = FALSE;
  g_string_append (b->buf, b->indent);
  g_string_append (b->buf, "  ");
  _chrono_json_append_string (b->buf, name);
  g_string_append (b->buf, ": ");
}

static void
member_string (Block      *b,
               const char *name,
               const char *value)
{
  if (value == NULL)
    return;
  member (b, name);
  _chrono_json_append_string (b->buf, value);
}

static void
member_date (Block            *b,
             const char       *name,
             const ChronoDate *date)
{
  member (b, name);
  _chrono_writer_append_date (b->buf, date);
}

static void
member_color (Block      *b,
              gboolean    has_color,
              guint32     color)
{
  if (!has_color)
    return;
  member (b, "color");
  g_string_append_printf (b->buf, "\"#%06x\"", color & 0xffffff);
}

/* The item's "x-" members, each on its line. */
static void
member_extensions (Block          *b,
                   ChronoDocument *document,
                   ChronoRecordKind kind,
                   guint           index)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObjectIter iter;
  const char *json = chrono_document_get_extensions (document, kind, index);
  const char *name;
  JsonNode *value;

  if (json == NULL)
    return;

  /* The reader made @json from a parsed object, so it parses. */
  node = json_from_string (json, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;

  json_object_iter_init_ordered (&iter, json_node_get_object (node));
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      member (b, name);
      _chrono_json_append_node (b->buf, value);
    }
}

/* Appends ", \"name\": value" to an inline object when @value is set. */
static void
inline_string (GString    *buf,
               gboolean   *first,
               const char *name,
               const char *value)
{
  if (value == NULL)
    return;
  g_string_append (buf, *first ? "{ \"" : ", \"");
  g_string_append (buf, name);
  g_string_append (buf, "\": ");
  _chrono_json_append_string (buf, value);
  *first = FALSE;
}

/* "media": { "image": …, "caption": … } on one line, the kind first. */
static void
member_media (Block             *b,
              const ChronoMedia *media)
{
  static const char * const kinds[] = { "image", "quote", "link" };
  gboolean first = TRUE;

  if (media == NULL)
    return;
  member (b, "media");
  inline_string (b->buf, &first, kinds[media->kind],
                 media->kind == CHRONO_MEDIA_QUOTE ? media->text : media->url);
  inline_string (b->buf, &first, "caption", media->caption);
  inline_string (b->buf, &first, "credit", media->credit);
  inline_string (b->buf, &first, "who", media->who);
  inline_string (b->buf, &first, "title", media->title);
  inline_string (b->buf, &first, "site", media->site);
  inline_string (b->buf, &first, "thumbnail", media->thumbnail);
  g_string_append (b->buf, first ? "{}" : " }");
}

static void
block_close (Block *b)
{
  if (!b->first)
    g_string_append_c (b->buf, '\n');
  g_string_append (b->buf, b->indent);
  g_string_append_c (b->buf, '}');
}

static void
write_lane (ChronoDocument *document,
            guint           i,
            GString        *buf)
{
  const ChronoLane *lane = chrono_document_get_lane (document, i);
  Block b;

  block_open (&b, buf, "    ");
  member_string (&b, "id", lane->id);
  member_string (&b, "title", lane->title);
  if (lane->kind != CHRONO_LANE_OTHER && lane->kind < G_N_ELEMENTS (lane_kinds))
    member_string (&b, "kind", lane_kinds[lane->kind]);
  member_color (&b, lane->has_color, lane->color);
  member_string (&b, "description", lane->description);
  member_string (&b, "image", lane->image);
  member_extensions (&b, document, CHRONO_RECORD_LANE, i);
  block_close (&b);
}

static void
write_category (ChronoDocument *document,
                guint           i,
                GString        *buf)
{
  const ChronoCategory *category = chrono_document_get_category (document, i);
  Block b;

  block_open (&b, buf, "    ");
  member_string (&b, "id", category->id);
  member_string (&b, "title", category->title);
  member_color (&b, category->has_color, category->color);
  member_extensions (&b, document, CHRONO_RECORD_CATEGORY, i);
  block_close (&b);
}

static void
write_event (ChronoDocument *document,
             guint           i,
             GString        *buf)
{
  const ChronoEvent *event = chrono_document_get_event (document, i);
  const ChronoEventExtra *extra = event->extra;
  Block b;

  block_open (&b, buf, "    ");
  member_string (&b, "id", event->id);
  member_string (&b, "lane", chrono_document_get_lane (document, event->lane)->id);
  member_string (&b, "title", event->title);
  member_date (&b, "start", &event->start);
  if (chrono_date_is_set (&event->end))
    member_date (&b, "end", &event->end);
  if (event->category >= 0)
    member_string (&b, "category", chrono_document_get_category (document, event->category)->id);
  if (event->importance != 3)
    {
      member (&b, "importance");
      g_string_append_printf (buf, "%u", event->importance);
    }
  member_string (&b, "description", event->description);

  if (extra != NULL && extra->n_tags > 0)
    {
      member (&b, "tags");
      g_string_append_c (buf, '[');
      for (guint t = 0; t < extra->n_tags; t++)
        {
          if (t > 0)
            g_string_append (buf, ", ");
          _chrono_json_append_string (buf, extra->tags[t]);
        }
      g_string_append_c (buf, ']');
    }

  if (extra != NULL && extra->n_links > 0)
    {
      member (&b, "links");
      g_string_append (buf, "[\n");
      for (guint l = 0; l < extra->n_links; l++)
        {
          g_string_append (buf, l > 0 ? ",\n        { \"url\": " : "        { \"url\": ");
          _chrono_json_append_string (buf, extra->links[l].url);
          if (extra->links[l].title != NULL)
            {
              g_string_append (buf, ", \"title\": ");
              _chrono_json_append_string (buf, extra->links[l].title);
            }
          g_string_append (buf, " }");
        }
      g_string_append (buf, "\n      ]");
    }

  if (extra != NULL && extra->n_related > 0)
    {
      member (&b, "related");
      g_string_append (buf, "[\n");
      for (guint r = 0; r < extra->n_related; r++)
        {
          const ChronoRelation *relation = &extra->related[r];

          g_string_append (buf, r > 0 ? ",\n        { \"event\": " : "        { \"event\": ");
          _chrono_json_append_string (buf, chrono_document_get_event (document, relation->event)->id);
          if (relation->label != NULL)
            {
              g_string_append (buf, ", \"label\": ");
              _chrono_json_append_string (buf, relation->label);
            }
          g_string_append (buf, " }");
        }
      g_string_append (buf, "\n      ]");
    }

  if (extra != NULL)
    member_media (&b, extra->media);

  /* Most events have none: the table is not searched when it is empty. */
  if (document->n_extensions > 0)
    member_extensions (&b, document, CHRONO_RECORD_EVENT, event->index);
  block_close (&b);
}

static void
write_series (ChronoDocument *document,
              guint           i,
              GString        *buf)
{
  const ChronoSeries *series = chrono_document_get_series (document, i);
  Block b;

  block_open (&b, buf, "    ");
  member_string (&b, "id", series->id);
  member_string (&b, "lane", chrono_document_get_lane (document, series->lane)->id);
  member_string (&b, "title", series->title);
  member_string (&b, "unit", series->unit);
  if (series->style == CHRONO_SERIES_STEP)
    member_string (&b, "style", "step");
  member_color (&b, series->has_color, series->color);
  member (&b, "points");
  g_string_append_c (buf, '[');
  for (guint p = 0; p < series->n_points; p++)
    {
      g_string_append (buf, p > 0 ? ",\n        [" : "\n        [");
      _chrono_writer_append_date (buf, &series->points[p].date);
      g_string_append (buf, ", ");
      _chrono_json_append_number (buf, series->points[p].value);
      g_string_append_c (buf, ']');
    }
  g_string_append (buf, series->n_points > 0 ? "\n      ]" : "]");
  member_extensions (&b, document, CHRONO_RECORD_SERIES, i);
  block_close (&b);
}

static void
write_era (ChronoDocument *document,
           guint           i,
           GString        *buf)
{
  const ChronoEra *era = chrono_document_get_era (document, i);
  Block b;

  block_open (&b, buf, "    ");
  member_string (&b, "title", era->title);
  member_date (&b, "start", &era->start);
  member_date (&b, "end", &era->end);
  member_color (&b, era->has_color, era->color);
  member_extensions (&b, document, CHRONO_RECORD_ERA, i);
  block_close (&b);
}

typedef void (*WriteItemFunc) (ChronoDocument *document,
                               guint           index,
                               GString        *buf);

/* The member @name of the top level: an array of @n items, each written
 * by @write; with @always, also when empty. */
static gboolean
write_array (ChronoDocument  *document,
             ChronoWriterOut *out,
             Block           *top,
             const char      *name,
             guint            n,
             WriteItemFunc    write,
             gboolean         always)
{
  if (n == 0 && !always)
    return TRUE;

  member (top, name);
  g_string_append_c (out->buf, '[');
  for (guint i = 0; i < n; i++)
    {
      g_string_append (out->buf, i > 0 ? ",\n    " : "\n    ");
      write (document, i, out->buf);
      if (i % CHECK_EVERY == CHECK_EVERY - 1 && !_chrono_writer_out_flush (out, FALSE))
        return FALSE;
    }
  g_string_append (out->buf, n > 0 ? "\n  ]" : "]");

  return _chrono_writer_out_flush (out, FALSE);
}

gboolean
_chrono_write_native (ChronoDocument  *document,
                      ChronoWriterOut *out)
{
  const char *title = chrono_document_get_title (document);
  const guint *story;
  guint n_story;
  Block top;

  block_open (&top, out->buf, "");
  member (&top, "chronoscope");
  g_string_append_c (out->buf, '1');
  if (title != NULL && title[0] != '\0')
    member_string (&top, "title", title);
  member_string (&top, "description", chrono_document_get_description (document));
  member_media (&top, chrono_document_get_cover_media (document));
  {
    const ChronoBackground *background = chrono_document_get_background (document);

    if (background != NULL)
      {
        gboolean first = TRUE;

        member (&top, "background");
        if (background->has_color)
          {
            g_autofree char *color = g_strdup_printf ("#%06x", background->color & 0xffffff);

            inline_string (out->buf, &first, "color", color);
          }
        inline_string (out->buf, &first, "image", background->image);
        g_string_append (out->buf, first ? "{}" : " }");
      }
  }

  if (!write_array (document, out, &top, "lanes", chrono_document_get_n_lanes (document),
                    write_lane, TRUE) ||
      !write_array (document, out, &top, "categories", chrono_document_get_n_categories (document),
                    write_category, FALSE) ||
      !write_array (document, out, &top, "events", chrono_document_get_n_events (document),
                    write_event, TRUE) ||
      !write_array (document, out, &top, "series", chrono_document_get_n_series (document),
                    write_series, FALSE) ||
      !write_array (document, out, &top, "eras", chrono_document_get_n_eras (document),
                    write_era, FALSE))
    return FALSE;

  story = chrono_document_get_story (document, &n_story);
  if (n_story > 0)
    {
      member (&top, "story");
      g_string_append_c (out->buf, '[');
      for (guint i = 0; i < n_story; i++)
        {
          const char *notes = chrono_document_get_story_notes (document, i);

          g_string_append (out->buf, i > 0 ? ",\n    " : "\n    ");
          /* A step with speaker notes is an object; others stay ids. */
          if (notes != NULL)
            g_string_append (out->buf, "{ \"event\": ");
          _chrono_json_append_string (out->buf, chrono_document_get_event (document, story[i])->id);
          if (notes != NULL)
            {
              g_string_append (out->buf, ", \"notes\": ");
              _chrono_json_append_string (out->buf, notes);
              g_string_append (out->buf, " }");
            }
        }
      g_string_append (out->buf, "\n  ]");
    }

  member_extensions (&top, document, CHRONO_RECORD_DOCUMENT, 0);
  block_close (&top);
  g_string_append_c (out->buf, '\n');

  return _chrono_writer_out_flush (out, TRUE);
}

static gboolean
write_format (ChronoDocument     *document,
              ChronoSourceFormat  format,
              ChronoWriterOut    *out)
{
  switch (format)
    {
    case CHRONO_FORMAT_TIMELINEJS:
      return _chrono_write_timelinejs (document, out);
    case CHRONO_FORMAT_CSV:
      return _chrono_write_csv (document, out);
    case CHRONO_FORMAT_NATIVE:
    default:
      return _chrono_write_native (document, out);
    }
}

/**
 * chrono_writer_to_data:
 * @document: the document
 * @format: the format to write
 * @length: (out) (optional): the number of bytes, without the NUL
 *
 * Returns: (transfer full): the file's text, NUL-terminated
 */
char *
chrono_writer_to_data (ChronoDocument     *document,
                       ChronoSourceFormat  format,
                       gsize              *length)
{
  ChronoWriterOut out = { NULL, NULL, NULL };

  g_return_val_if_fail (CHRONO_IS_DOCUMENT (document), NULL);

  out.buf = g_string_sized_new (4096);
  write_format (document, format, &out);
  if (length != NULL)
    *length = out.buf->len;

  return g_string_free (out.buf, FALSE);
}

/**
 * chrono_writer_write_file:
 * @document: the document
 * @format: the format to write
 * @file: where to write; a symlink is followed and its target replaced
 * @cancellable: (nullable): checked every few thousand items
 *
 * Writes @document to @file through a #ChronoFileWriter: the file is
 * replaced whole or not at all, and keeps its mode.  The text goes out
 * in pieces, so writing a large document takes little memory.
 *
 * Returns: TRUE on success; FALSE with a G_IO_ERROR otherwise
 */
gboolean
chrono_writer_write_file (ChronoDocument      *document,
                          ChronoSourceFormat   format,
                          GFile               *file,
                          GCancellable        *cancellable,
                          GError             **error)
{
  ChronoFileWriter writer;
  g_autoptr(GString) buf = NULL;
  ChronoWriterOut out;

  g_return_val_if_fail (CHRONO_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!chrono_file_writer_open (&writer, file, NULL, cancellable, error))
    return FALSE;

  buf = g_string_sized_new (FLUSH_BYTES + 64 * 1024);
  out = (ChronoWriterOut) { buf, &writer, cancellable };
  write_format (document, format, &out);

  return chrono_file_writer_commit (&writer, error);
}

typedef struct
{
  ChronoSourceFormat  format;
  GFile              *file;
} WriteData;

static void
write_data_free (gpointer data)
{
  WriteData *w = data;

  g_object_unref (w->file);
  g_free (w);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *w = task_data;
  GError *error = NULL;

  if (chrono_writer_write_file (source_object, w->format, w->file, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * chrono_writer_write_file_async:
 *
 * Runs chrono_writer_write_file() on a worker thread; @callback is
 * called on the thread-default main context of the caller.
 */
void
chrono_writer_write_file_async (ChronoDocument      *document,
                                ChronoSourceFormat   format,
                                GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *w;

  g_return_if_fail (CHRONO_IS_DOCUMENT (document));
  g_return_if_fail (G_IS_FILE (file));

  w = g_new0 (WriteData, 1);
  w->format = format;
  w->file = g_object_ref (file);
  task = g_task_new (document, cancellable, callback, user_data);
  g_task_set_source_tag (task, chrono_writer_write_file_async);
  g_task_set_task_data (task, w, write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
chrono_writer_write_file_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

ChronoSourceFormat
chrono_writer_format_for_name (const char *name)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (name != NULL, CHRONO_FORMAT_NATIVE);

  lower = g_ascii_strdown (name, -1);
  if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv"))
    return CHRONO_FORMAT_CSV;
  return CHRONO_FORMAT_NATIVE;
}
