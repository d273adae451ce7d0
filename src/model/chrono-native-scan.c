/* chrono-native-scan.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-native"

#include "config.h"

#include <string.h>

#include "chrono-link.h"
#include "chrono-loader-private.h"

/*
 * Reads one event of a native file straight from its bytes into a
 * ChronoEventDraft, without a json-glib tree.
 *
 * The bytes have passed the JSON guard, so they are strict JSON and this
 * reader checks no syntax.  It reads only events that are entirely
 * right: any member it does not know, any value of another type, an
 * empty id, a bad date or link, an escaped member name, a number other
 * than a plain importance from 1 to 5.  For everything else it returns
 * FALSE and the caller reads that one event with json-glib and the tree
 * reader of chrono-native.c, which reports it.  So both readers make the
 * same draft for every event the fast one accepts (test-loader checks it
 * on every fixture), and every error is still found and worded by one
 * reader.
 */

struct _ChronoEventScan
{
  char      *buffer;      /* decoded strings of one event, nul-terminated */
  gsize      size;
  gsize      used;
  GPtrArray *tags;
  GArray    *links;       /* of ChronoLink */
  GPtrArray *link_urls;   /* normalised urls, owned */
  GPtrArray *related;
  GPtrArray *related_labels;
};

ChronoEventScan *
_chrono_event_scan_new (void)
{
  ChronoEventScan *s = g_new0 (ChronoEventScan, 1);

  s->tags = g_ptr_array_new ();
  s->links = g_array_new (FALSE, FALSE, sizeof (ChronoLink));
  s->link_urls = g_ptr_array_new_with_free_func (g_free);
  s->related = g_ptr_array_new ();
  s->related_labels = g_ptr_array_new ();
  return s;
}

void
_chrono_event_scan_free (ChronoEventScan *s)
{
  if (s == NULL)
    return;
  g_free (s->buffer);
  g_ptr_array_unref (s->tags);
  g_array_unref (s->links);
  g_ptr_array_unref (s->link_urls);
  g_ptr_array_unref (s->related);
  g_ptr_array_unref (s->related_labels);
  g_free (s);
}

static inline gsize
skip_ws (const guchar *d,
         gsize         p,
         gsize         n)
{
  while (p < n && (d[p] == ' ' || d[p] == '\n' || d[p] == '\r' || d[p] == '\t'))
    p++;
  return p;
}

static int
hex4 (const guchar *d)
{
  int v = 0;

  for (guint i = 0; i < 4; i++)
    {
      int x = g_ascii_xdigit_value (d[i]);

      if (x < 0)
        return -1;
      v = (v << 4) | x;
    }
  return v;
}

/*
 * Decodes the string whose opening quote is at *@pp into the buffer and
 * points @out at it; *@pp ends after the closing quote.  The buffer has
 * room: a decoded string and its nul take no more bytes than the string
 * and its quotes in the file.
 */
static gboolean
read_string (ChronoEventScan  *s,
             const guchar     *d,
             gsize            *pp,
             gsize             n,
             const char      **out)
{
  gsize p = *pp + 1;
  char *o = s->buffer + s->used;
  char *start = o;

  for (;;)
    {
      const guchar *quote = memchr (d + p, '"', n - p);
      const guchar *slash;

      if (quote == NULL)
        return FALSE;
      slash = memchr (d + p, '\\', (gsize) (quote - (d + p)));
      if (slash == NULL)
        {
          gsize len = (gsize) (quote - (d + p));

          memcpy (o, d + p, len);
          o += len;
          p += len + 1;
          break;
        }

      memcpy (o, d + p, (gsize) (slash - (d + p)));
      o += slash - (d + p);
      p = (gsize) (slash - d) + 1;
      if (p >= n)
        return FALSE;
      switch (d[p])
        {
        case '"': *o++ = '"'; p++; break;
        case '\\': *o++ = '\\'; p++; break;
        case '/': *o++ = '/'; p++; break;
        case 'b': *o++ = '\b'; p++; break;
        case 'f': *o++ = '\f'; p++; break;
        case 'n': *o++ = '\n'; p++; break;
        case 'r': *o++ = '\r'; p++; break;
        case 't': *o++ = '\t'; p++; break;
        case 'u':
          {
            int u, low;

            if (p + 5 > n || (u = hex4 (d + p + 1)) <= 0)
              return FALSE;
            p += 5;
            if (u >= 0xD800 && u <= 0xDBFF)
              {
                if (p + 6 > n || d[p] != '\\' || d[p + 1] != 'u' ||
                    (low = hex4 (d + p + 2)) < 0xDC00 || low > 0xDFFF)
                  return FALSE;
                p += 6;
                u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
              }
            else if (u >= 0xDC00 && u <= 0xDFFF)
              return FALSE;
            o += g_unichar_to_utf8 ((gunichar) u, o);
          }
          break;
        default:
          return FALSE;
        }
    }

  *o++ = '\0';
  s->used += (gsize) (o - start);
  *pp = p;
  *out = start;
  return TRUE;
}

static gboolean
read_nonempty (ChronoEventScan  *s,
               const guchar     *d,
               gsize            *pp,
               gsize             n,
               gboolean          nonempty,
               const char      **out)
{
  if (*pp >= n || d[*pp] != '"' || !read_string (s, d, pp, n, out))
    return FALSE;
  return !nonempty || (*out)[0] != '\0';
}

/* Skips any value (an x- member's); the bytes are valid JSON. */
static gboolean
skip_value (const guchar *d,
            gsize        *pp,
            gsize         n)
{
  gsize p = *pp;
  guint depth = 0;

  do
    {
      p = skip_ws (d, p, n);
      if (p >= n)
        return FALSE;
      switch (d[p])
        {
        case '"':
          for (p++; p < n && d[p] != '"'; p++)
            if (d[p] == '\\')
              p++;
          if (p >= n)
            return FALSE;
          p++;
          break;
        case '{':
        case '[':
          depth++;
          p++;
          break;
        case '}':
        case ']':
          if (depth == 0)
            return FALSE;
          depth--;
          p++;
          break;
        case ',':
        case ':':
          p++;
          break;
        default:
          {
            gsize from = p;

            while (p < n && (g_ascii_isalnum (d[p]) || d[p] == '-' || d[p] == '+' || d[p] == '.'))
              p++;
            if (p == from)
              return FALSE;
          }
          break;
        }
    }
  while (depth > 0);

  *pp = p;
  return TRUE;
}

/*
 * Reads the name of the member at *@pp (a plain one, without escapes)
 * and the colon after it.  *@pp ends at the value.
 */
static gboolean
read_name (const guchar  *d,
           gsize         *pp,
           gsize          n,
           const char   **name,
           gsize         *len)
{
  gsize p = *pp;
  const guchar *quote;

  if (p >= n || d[p] != '"')
    return FALSE;
  quote = memchr (d + p + 1, '"', n - p - 1);
  if (quote == NULL || memchr (d + p + 1, '\\', (gsize) (quote - (d + p + 1))) != NULL)
    return FALSE;
  *name = (const char *) d + p + 1;
  *len = (gsize) (quote - (d + p + 1));
  p = skip_ws (d, (gsize) (quote - d) + 1, n);
  if (p >= n || d[p] != ':')
    return FALSE;
  *pp = skip_ws (d, p + 1, n);
  return TRUE;
}

static inline gboolean
is_extension (const char *name,
              gsize       len)
{
  return len >= 2 && name[0] == 'x' && name[1] == '-';
}

static guint
member_index (const char         *name,
              gsize               len,
              const char * const *names)
{
  guint i;

  for (i = 0; names[i] != NULL; i++)
    if (name[0] == names[i][0] && strlen (names[i]) == len && memcmp (name, names[i], len) == 0)
      break;
  return i;
}

/*
 * After a value: "," (then *@pp is at the next member or element) or
 * @close (then *@last is set).
 */
static inline gboolean
next_item (const guchar *d,
           gsize        *pp,
           gsize         n,
           guchar        close,
           gboolean     *last)
{
  gsize p = skip_ws (d, *pp, n);

  if (p >= n)
    return FALSE;
  if (d[p] == ',')
    {
      *pp = skip_ws (d, p + 1, n);
      *last = FALSE;
      return TRUE;
    }
  if (d[p] == close)
    {
      *pp = p + 1;
      *last = TRUE;
      return TRUE;
    }
  return FALSE;
}

/* Opens an array or object at *@pp; *@empty when it closes at once. */
static inline gboolean
open_item (const guchar *d,
           gsize        *pp,
           gsize         n,
           guchar        open,
           gboolean     *empty)
{
  gsize p = *pp;

  if (p >= n || d[p] != open)
    return FALSE;
  p = skip_ws (d, p + 1, n);
  if (p >= n)
    return FALSE;
  *empty = d[p] == (open == '[' ? ']' : '}');
  *pp = *empty ? p + 1 : p;
  return TRUE;
}

static gboolean
read_tags (ChronoEventScan *s,
           const guchar    *d,
           gsize           *pp,
           gsize            n)
{
  gboolean last;

  if (!open_item (d, pp, n, '[', &last))
    return FALSE;
  while (!last)
    {
      const char *tag;

      if (!read_nonempty (s, d, pp, n, TRUE, &tag))
        return FALSE;
      g_ptr_array_add (s->tags, (gpointer) tag);
      if (!next_item (d, pp, n, ']', &last))
        return FALSE;
    }
  return TRUE;
}

/* An array of objects of a required non-empty string @names[0] and an
 * optional string @names[1] (links, relations). */
static gboolean
read_pairs (ChronoEventScan    *s,
            const guchar       *d,
            gsize              *pp,
            gsize               n,
            const char * const *names,
            gboolean            links)
{
  gboolean last;

  if (!open_item (d, pp, n, '[', &last))
    return FALSE;
  while (!last)
    {
      const char *key = NULL, *value = NULL;
      gboolean end;

      if (!open_item (d, pp, n, '{', &end))
        return FALSE;
      while (!end)
        {
          const char *name;
          gsize len;
          guint i;

          if (!read_name (d, pp, n, &name, &len))
            return FALSE;
          i = member_index (name, len, names);
          if (i == 0 && !read_nonempty (s, d, pp, n, TRUE, &key))
            return FALSE;
          else if (i == 1 && !read_nonempty (s, d, pp, n, FALSE, &value))
            return FALSE;
          else if (i > 1 && (!is_extension (name, len) || !skip_value (d, pp, n)))
            return FALSE;
          if (!next_item (d, pp, n, '}', &end))
            return FALSE;
        }
      if (key == NULL)
        return FALSE;

      if (links)
        {
          char *url = chrono_link_normalize_url (key, NULL);
          ChronoLink link = { .url = url, .title = value };

          if (url == NULL)
            return FALSE;
          g_ptr_array_add (s->link_urls, url);
          g_array_append_val (s->links, link);
        }
      else
        {
          g_ptr_array_add (s->related, (gpointer) key);
          g_ptr_array_add (s->related_labels, (gpointer) value);
        }

      if (!next_item (d, pp, n, ']', &last))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_date (ChronoEventScan *s,
           const guchar    *d,
           gsize           *pp,
           gsize            n,
           gboolean         allow_open,
           ChronoDate      *out)
{
  const char *text;
  gsize offset = 0;

  if (!read_nonempty (s, d, pp, n, FALSE, &text))
    return FALSE;
  /* As the tree reader does, so that both make the same draft. */
  chrono_date_init_civil (out, 1970, 1, 1, 0, 0, 0, CHRONO_PRECISION_YEAR);
  return chrono_date_parse (text, allow_open, out, &offset, NULL);
}

static const char * const link_members[] = { "url", "title", NULL };
static const char * const relation_members[] = { "event", "label", NULL };

/**
 * _chrono_event_scan_read:
 * @data: the file's bytes, which passed the guard
 * @begin: the byte offset of the event's "{"
 * @limit: an offset at or after the event's "}" (the next event's start,
 *   or the "]" of the array)
 * @draft: (out caller-allocates): filled in except for path and positions
 *
 * Returns: TRUE when the event was read; its strings live in @s until
 *   the next call.  FALSE when the tree reader must read it.
 */
gboolean
_chrono_event_scan_read (ChronoEventScan  *s,
                         const char       *data,
                         gsize             begin,
                         gsize             limit,
                         ChronoEventDraft *draft)
{
  const guchar *d = (const guchar *) data;
  gsize p = begin, n = limit;
  guint seen = 0;
  gboolean last;

  g_assert (limit >= begin);

  /* Room for every decoded string of the event: see read_string(). */
  if (s->size < limit - begin + 1)
    {
      s->size = MAX (limit - begin + 1, s->size * 2);
      g_free (s->buffer);
      s->buffer = g_malloc (s->size);
    }
  s->used = 0;
  g_ptr_array_set_size (s->tags, 0);
  g_array_set_size (s->links, 0);
  g_ptr_array_set_size (s->link_urls, 0);
  g_ptr_array_set_size (s->related, 0);
  g_ptr_array_set_size (s->related_labels, 0);

  if (!open_item (d, &p, n, '{', &last) || last)
    return FALSE;

  while (!last)
    {
      const char *name;
      gsize len;
      guint i;
      gboolean ok;

      if (!read_name (d, &p, n, &name, &len))
        return FALSE;
      i = member_index (name, len, _chrono_event_members);
      switch (i)
        {
        case CHRONO_EV_ID:
          ok = read_nonempty (s, d, &p, n, TRUE, &draft->id);
          break;
        case CHRONO_EV_LANE:
          ok = read_nonempty (s, d, &p, n, TRUE, &draft->lane);
          break;
        case CHRONO_EV_TITLE:
          ok = read_nonempty (s, d, &p, n, TRUE, &draft->title);
          break;
        case CHRONO_EV_CATEGORY:
          ok = read_nonempty (s, d, &p, n, TRUE, &draft->category);
          break;
        case CHRONO_EV_DESCRIPTION:
          ok = read_nonempty (s, d, &p, n, FALSE, &draft->description);
          break;
        case CHRONO_EV_START:
          ok = read_date (s, d, &p, n, FALSE, &draft->start);
          break;
        case CHRONO_EV_END:
          ok = read_date (s, d, &p, n, TRUE, &draft->end);
          break;
        case CHRONO_EV_IMPORTANCE:
          /* A plain digit; 3.0 and the like go to the tree reader. */
          ok = p + 1 < n && d[p] >= '1' && d[p] <= '5' && !g_ascii_isdigit (d[p + 1]) &&
               d[p + 1] != '.' && d[p + 1] != 'e' && d[p + 1] != 'E';
          if (ok)
            draft->importance = d[p++] - '0';
          break;
        case CHRONO_EV_TAGS:
          ok = read_tags (s, d, &p, n);
          break;
        case CHRONO_EV_LINKS:
          ok = read_pairs (s, d, &p, n, link_members, TRUE);
          break;
        case CHRONO_EV_RELATED:
          ok = read_pairs (s, d, &p, n, relation_members, FALSE);
          break;
        default:
          /* An x- member is kept for saving by the tree reader
           * (keep_extensions()), so such an event is left to it; so is
           * "media", rare enough that a second reader of it would only
           * be a second place for its rules. */
          ok = FALSE;
          i = CHRONO_N_EV;
          break;
        }
      if (!ok || !next_item (d, &p, n, '}', &last))
        return FALSE;
      if (i < CHRONO_N_EV)
        seen |= 1u << i;
    }

  if ((seen & CHRONO_EV_REQUIRED) != CHRONO_EV_REQUIRED)
    return FALSE;

  if (s->tags->len > 0)
    {
      g_ptr_array_add (s->tags, NULL);
      draft->tags = (const char * const *) s->tags->pdata;
    }
  draft->links = (const ChronoLink *) (gpointer) s->links->data;
  draft->n_links = s->links->len;
  if (s->related->len > 0)
    {
      g_ptr_array_add (s->related, NULL);
      g_ptr_array_add (s->related_labels, NULL);
      draft->related = (const char * const *) s->related->pdata;
      draft->related_labels = (const char * const *) s->related_labels->pdata;
    }

  return TRUE;
}

/**
 * _chrono_json_value_end:
 *
 * Returns: the offset just after the JSON value that starts at @begin in
 *   @data (which passed the guard), or @begin when there is none
 */
gsize
_chrono_json_value_end (const char *data,
                        gsize       length,
                        gsize       begin)
{
  gsize p = begin;

  if (!skip_value ((const guchar *) data, &p, length))
    return begin;
  return p;
}
