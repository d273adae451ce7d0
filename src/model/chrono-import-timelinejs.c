#define G_LOG_DOMAIN "chrono-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "chrono-html.h"
#include "chrono-import-private.h"
#include "chrono-link.h"
#include "chrono-loader-private.h"
#include "chrono-hash.h"

/* TimelineJS3 JSON: { "title": slide, "events": [slide...], "eras": [...],
 * "scale": "human" | "cosmological" }.  Real files carry members TimelineJS
 * ignores, so unknown members are accepted; known members of the wrong
 * type are errors.  json-glib nodes have no positions: diagnostics carry a
 * JSON path ("events[3].start_date.year") and the loader turns it into a
 * line and column. */

/* Importer: ids, lanes and categories shared by both importers {{{ */

struct _ChronoImporter
{
  ChronoDocumentBuilder *builder;
  GHashTable            *ids;           /* set of ids in use */
  GHashTable            *lanes;         /* name -> lane id */
  GHashTable            *lane_ids;      /* set */
  GHashTable            *categories;    /* name -> category id */
  GHashTable            *category_ids;  /* set */
  GHashTable            *next_id;       /* slug -> next suffix, for ids */
  GHashTable            *next_lane_id;
  GHashTable            *next_category_id;
};

ChronoImporter *
_chrono_importer_new (ChronoDocumentBuilder *builder)
{
  ChronoImporter *self = g_new0 (ChronoImporter, 1);

  self->builder = builder;
  self->ids = _chrono_str_table_new (g_free, NULL);
  self->lanes = _chrono_str_table_new (g_free, NULL);
  self->lane_ids = _chrono_str_table_new (g_free, NULL);
  self->categories = _chrono_str_table_new (g_free, NULL);
  self->category_ids = _chrono_str_table_new (g_free, NULL);
  self->next_id = _chrono_str_table_new (g_free, NULL);
  self->next_lane_id = _chrono_str_table_new (g_free, NULL);
  self->next_category_id = _chrono_str_table_new (g_free, NULL);

  return self;
}

void
_chrono_importer_free (ChronoImporter *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->ids);
  g_hash_table_unref (self->lanes);
  g_hash_table_unref (self->lane_ids);
  g_hash_table_unref (self->categories);
  g_hash_table_unref (self->category_ids);
  g_hash_table_unref (self->next_id);
  g_hash_table_unref (self->next_lane_id);
  g_hash_table_unref (self->next_category_id);
  g_free (self);
}

/* "Joins OpenAI (again)" -> "joins-openai-again"; never empty. */
static char *
make_slug (const char *text,
           const char *fallback)
{
  g_autofree char *ascii = g_str_to_ascii (text != NULL ? text : "", "C");
  GString *slug = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0' && slug->len < 48; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_assign (slug, fallback);

  return g_string_free (slug, FALSE);
}

/* Returns a slug of @text not in @used, added to it (owned by @used):
 * the bare slug, then "slug-2", "slug-3"...  @next maps each slug to the
 * suffix to try next (1 for the bare slug); ids are only ever added, so a
 * suffix found taken is never probed again and n rows with one title cost
 * O(n), with the same ids as probing from 2 every time. */
static const char *
make_unique_slug (GHashTable *used,
                  GHashTable *next,
                  const char *text,
                  const char *fallback)
{
  g_autofree char *base = make_slug (text, fallback);
  guint n = MAX (GPOINTER_TO_UINT (g_hash_table_lookup (next, base)), 1);
  char *candidate;

  for (;; n++)
    {
      candidate = n == 1 ? g_strdup (base) : g_strdup_printf ("%s-%u", base, n);
      if (!g_hash_table_contains (used, candidate))
        break;
      g_free (candidate);
    }
  g_hash_table_add (used, candidate);
  g_hash_table_replace (next, g_steal_pointer (&base), GUINT_TO_POINTER (n + 1));

  return candidate;
}

void
_chrono_importer_reserve_id (ChronoImporter *self,
                             const char     *id)
{
  if (id != NULL && !g_hash_table_contains (self->ids, id))
    g_hash_table_add (self->ids, g_strdup (id));
}

const char *
_chrono_importer_make_id (ChronoImporter *self,
                          const char     *title)
{
  return make_unique_slug (self->ids, self->next_id, title, "event");
}

/* The id made for @name in @by_name (name → id), making a unique one
 * from it in @used and @next the first time; *@added says whether it is new. */
static const char *
id_for_name (GHashTable *by_name,
             GHashTable *used,
             GHashTable *next,
             const char *name,
             const char *fallback,
             gboolean   *added)
{
  const char *id = g_hash_table_lookup (by_name, name);

  *added = id == NULL;
  if (id == NULL)
    {
      id = make_unique_slug (used, next, name, fallback);
      g_hash_table_insert (by_name, g_strdup (name), (gpointer) id);
    }

  return id;
}

const char *
_chrono_importer_lane (ChronoImporter *self,
                       const char     *name,
                       const char     *path,
                       ChronoPos       pos)
{
  gboolean added;
  const char *id = id_for_name (self->lanes, self->lane_ids, self->next_lane_id, name, "lane", &added);

  if (added)
    {
      ChronoLane lane = { 0 };

      lane.id = id;
      lane.title = name;
      lane.kind = CHRONO_LANE_OTHER;
      chrono_document_builder_add_lane (self->builder, &lane, path, pos);
    }

  return id;
}

const char *
_chrono_importer_category (ChronoImporter *self,
                           const char     *name,
                           const char     *path,
                           ChronoPos       pos)
{
  gboolean added;
  const char *id = id_for_name (self->categories, self->category_ids, self->next_category_id,
                                name, "category", &added);

  if (added)
    {
      ChronoCategory category = { 0 };

      category.id = id;
      category.title = name;
      chrono_document_builder_add_category (self->builder, &category, path, pos);
    }

  return id;
}

/* }}} */

/* Dates {{{ */

/* @value as decimal text, for messages: the number is formatted outside
 * the translatable string, which G_GINT64_FORMAT would cut in two for
 * xgettext. */
static char *
format_int (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

const char * const _chrono_tljs_field_names[CHRONO_TLJS_N_FIELDS] = {
  "year", "month", "day", "hour", "minute", "second", "millisecond",
};

gboolean
_chrono_tljs_parse_number (const char *text,
                           gint64     *out,
                           gboolean   *empty)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *p;
  const char *dot;
  gint64 value;

  *empty = FALSE;
  *out = 0;

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      /* Thousands separators and spaces of every kind. */
      if (ch == ',' || ch == '_' || ch == '\'' || g_unichar_isspace (ch) ||
          ch == 0x00A0 || ch == 0x202F || ch == 0x2009 || ch == 0x2019)
        continue;
      if (ch == 0x2212) /* MINUS SIGN */
        ch = '-';
      g_string_append_unichar (digits, ch);
    }

  if (digits->len == 0)
    {
      *empty = TRUE;
      return TRUE;
    }

  /* "1835.0" is a whole number written by a spreadsheet. */
  dot = strchr (digits->str, '.');
  if (dot != NULL)
    {
      for (const char *q = dot + 1; *q != '\0'; q++)
        if (*q != '0')
          return FALSE;
      if (dot[1] == '\0' && dot == digits->str)
        return FALSE;
      g_string_truncate (digits, dot - digits->str);
    }

  if (digits->str[0] == '+')
    g_string_erase (digits, 0, 1);
  if (digits->len == 0 || (digits->str[0] == '-' && digits->len == 1))
    return FALSE;
  for (gsize i = digits->str[0] == '-' ? 1 : 0; i < digits->len; i++)
    if (!g_ascii_isdigit (digits->str[i]))
      return FALSE;

  if (!g_ascii_string_to_signed (digits->str, 10, G_MININT64, G_MAXINT64, &value, NULL))
    return FALSE;

  *out = value;
  return TRUE;
}

gboolean
_chrono_tljs_make_date (const char * const  fields[CHRONO_TLJS_N_FIELDS],
                        ChronoDate         *out,
                        int                *bad_field,
                        char              **message)
{
  static const ChronoPrecision precisions[CHRONO_TLJS_N_FIELDS] = {
    CHRONO_PRECISION_YEAR, CHRONO_PRECISION_MONTH, CHRONO_PRECISION_DAY,
    CHRONO_PRECISION_HOUR, CHRONO_PRECISION_MINUTE, CHRONO_PRECISION_SECOND,
    CHRONO_PRECISION_SECOND,
  };
  static const gint64 minimum[CHRONO_TLJS_N_FIELDS] = { 0, 1, 1, 0, 0, 0, 0 };
  static const gint64 maximum[CHRONO_TLJS_N_FIELDS] = { 0, 12, 31, 23, 59, 59, 999 };
  gint64 v[CHRONO_TLJS_N_FIELDS] = { 0 };
  gboolean given[CHRONO_TLJS_N_FIELDS] = { 0 };
  int finest = -1;
  gint64 year;

  *bad_field = -1;
  *message = NULL;

  for (int i = 0; i < CHRONO_TLJS_N_FIELDS; i++)
    {
      gboolean empty;

      if (fields[i] == NULL)
        continue;
      if (!_chrono_tljs_parse_number (fields[i], &v[i], &empty))
        {
          *bad_field = i;
          *message = g_strdup_printf (_("“%s” is not a whole number"), fields[i]);
          return FALSE;
        }
      if (empty)
        continue;
      given[i] = TRUE;
      finest = i;
    }

  if (finest < 0)
    return FALSE;

  if (!given[CHRONO_TLJS_YEAR])
    {
      *bad_field = CHRONO_TLJS_YEAR;
      *message = g_strdup (_("the year is missing"));
      return FALSE;
    }

  if (v[CHRONO_TLJS_YEAR] < CHRONO_YEAR_MIN || v[CHRONO_TLJS_YEAR] > CHRONO_YEAR_MAX)
    {
      g_autofree char *number = format_int (v[CHRONO_TLJS_YEAR]);

      *bad_field = CHRONO_TLJS_YEAR;
      /* Translators: %s is a year as a number, "-20000000000" */
      *message = g_strdup_printf (_("the year %s is out of range"), number);
      return FALSE;
    }

  /* TimelineJS shows year -500 as "500 BCE": years count historically,
   * with no year 0, while the model's years are astronomical. */
  year = v[CHRONO_TLJS_YEAR] < 0 ? v[CHRONO_TLJS_YEAR] + 1 : v[CHRONO_TLJS_YEAR];

  for (int i = CHRONO_TLJS_MONTH; i < CHRONO_TLJS_N_FIELDS; i++)
    {
      gint64 max = maximum[i];

      if (!given[i])
        continue;
      if (i == CHRONO_TLJS_DAY)
        max = chrono_days_in_month (year, given[CHRONO_TLJS_MONTH] ? (int) v[CHRONO_TLJS_MONTH] : 1);
      if (v[i] < minimum[i] || v[i] > max)
        {
          g_autofree char *value = format_int (v[i]);
          g_autofree char *low = format_int (minimum[i]);
          g_autofree char *high = format_int (max);

          *bad_field = i;
          if (i == CHRONO_TLJS_DAY)
            /* Translators: "day 31 does not exist in that month (it has 30 days)" */
            *message = g_strdup_printf (_("day %s does not exist in that month (it has %s days)"),
                                        value, high);
          else
            /* Translators: a TimelineJS date field (“month”, “hour”...,
             * left in English), its value and the valid range:
             * "month 13 is out of range (1–12)" */
            *message = g_strdup_printf (_("%s %s is out of range (%s–%s)"),
                                        _chrono_tljs_field_names[i], value, low, high);
          return FALSE;
        }
    }

  if (!chrono_date_init_civil (out, year,
                               given[CHRONO_TLJS_MONTH] ? (int) v[CHRONO_TLJS_MONTH] : 1,
                               given[CHRONO_TLJS_DAY] ? (int) v[CHRONO_TLJS_DAY] : 1,
                               (int) v[CHRONO_TLJS_HOUR],
                               (int) v[CHRONO_TLJS_MINUTE],
                               (int) v[CHRONO_TLJS_SECOND],
                               precisions[finest]))
    {
      g_autofree char *number = format_int (v[CHRONO_TLJS_YEAR]);

      *bad_field = CHRONO_TLJS_YEAR;
      /* Translators: %s is a year as a number, "-20000000000" */
      *message = g_strdup_printf (_("the year %s is out of range"), number);
      return FALSE;
    }

  return TRUE;
}

/* }}} */

/* Slides {{{ */

static void
add_link (const ChronoTljsSlide *slide,
          ChronoTljsMember       member,
          GArray                *links,
          GPtrArray             *strings,
          const char            *url,
          const char            *title)
{
  g_autoptr(GError) error = NULL;
  ChronoLink link;
  char *u, *t = NULL;

  if (url == NULL)
    return;

  /* An empty media url is how TimelineJS files say "no media". */
  u = g_strstrip (g_strdup (url));
  if (u[0] == '\0')
    {
      g_free (u);
      return;
    }
  g_free (u);

  u = chrono_link_normalize_url (url, &error);
  if (u == NULL)
    {
      if (slide->bad_link != NULL)
        slide->bad_link (member, error, slide->bad_link_data);
      return;
    }

  for (guint i = 0; i < links->len; i++)
    if (g_strcmp0 (g_array_index (links, ChronoLink, i).url, u) == 0)
      {
        g_free (u);
        return;
      }

  if (title != NULL && title[0] != '\0' && g_strcmp0 (title, u) != 0)
    {
      t = g_strdup (title);
      g_ptr_array_add (strings, t);
    }
  g_ptr_array_add (strings, u);

  link.url = u;
  link.title = t;
  g_array_append_val (links, link);
}

/* HTML -> text, with the links of @slide's @member appended to @links
 * (when not NULL); NULL for empty or NULL input. */
static char *
html_text (const char            *html,
           const ChronoTljsSlide *slide,
           ChronoTljsMember       member,
           GArray                *links,
           GPtrArray             *strings)
{
  g_autoptr(GPtrArray) found = NULL;
  char *text;

  if (html == NULL)
    return NULL;

  found = g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_html_link_free);
  text = chrono_html_to_text (html, -1, found);
  if (links != NULL)
    for (guint i = 0; i < found->len; i++)
      {
        ChronoHtmlLink *link = g_ptr_array_index (found, i);
        add_link (slide, member, links, strings, link->url, link->text);
      }

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

/* One line: a title never keeps the breaks of its HTML.  @whole joins
 * all the lines, else only the first non-empty one is kept. */
static char *
first_line (const char *text,
            gboolean    whole)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (text == NULL)
    return NULL;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, lines[i]);
      if (!whole)
        break;
    }

  return out->len > 0 ? g_strdup (out->str) : NULL;
}

char *
_chrono_tljs_group_name (const char *group)
{
  g_autofree char *text = NULL;

  if (group == NULL)
    return NULL;

  /* TimelineJS shows group names as HTML. */
  text = chrono_html_to_text (group, -1, NULL);
  return first_line (text, TRUE);
}

/* Keeps @s alive as long as @strings; NULL stays NULL. */
static const char *
keep (GPtrArray *strings,
      char      *s)
{
  if (s != NULL)
    g_ptr_array_add (strings, s);
  return s;
}

/* Whether @url names a picture, by the extension TimelineJS goes by. */
static gboolean
looks_like_picture (const char *url)
{
  static const char * const extensions[] = {
    ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".bmp", ".tif", ".tiff", NULL
  };
  g_autofree char *lower = NULL;
  char *end;

  lower = g_ascii_strdown (url, -1);
  end = lower + strcspn (lower, "?#");
  *end = '\0';
  for (guint i = 0; extensions[i] != NULL; i++)
    if (g_str_has_suffix (lower, extensions[i]))
      return TRUE;
  return FALSE;
}

/* The name a link card shows for the site of @url: the well-known ones
 * TimelineJS embeds by name, else the host without "www.". */
static char *
site_name (const char *url)
{
  static const struct { const char *host; const char *name; } sites[] = {
    { "youtube.com", "YouTube" }, { "youtu.be", "YouTube" }, { "vimeo.com", "Vimeo" },
    { "wikipedia.org", "Wikipedia" }, { "openstreetmap.org", "OpenStreetMap" },
    { "soundcloud.com", "SoundCloud" }, { "twitter.com", "X" }, { "x.com", "X" },
    { "flickr.com", "Flickr" }, { "wikimedia.org", "Wikimedia Commons" },
  };
  g_autofree char *host = chrono_link_dup_host (url);
  g_autofree char *lower = NULL;

  if (host == NULL)
    return NULL;
  lower = g_ascii_strdown (host, -1);
  for (guint i = 0; i < G_N_ELEMENTS (sites); i++)
    {
      gsize n = strlen (lower), m = strlen (sites[i].host);

      if (n >= m && strcmp (lower + n - m, sites[i].host) == 0 &&
          (n == m || lower[n - m - 1] == '.'))
        return g_strdup (sites[i].name);
    }
  /* google.com/maps/…, maps.google.de/… */
  if ((g_str_has_prefix (lower, "maps.google.") ||
       ((g_str_has_prefix (lower, "google.") || g_str_has_prefix (lower, "www.google.")) &&
        strstr (url, "/maps") != NULL)))
    return g_strdup ("Google Maps");
  if (g_str_has_prefix (lower, "www."))
    return g_strdup (lower + 4);
  return g_steal_pointer (&lower);
}

/* "“Words.”" -> "Words.": a quote is shown in quotation marks of the
 * reader's language, so those of the file would be doubled. */
static char *
strip_quotation_marks (char *text)
{
  static const char * const opening[] = { "“", "\"", "„", "«", "‘", NULL };
  static const char * const closing[] = { "”", "\"", "“", "»", "’", NULL };
  gsize length = strlen (text);

  for (guint i = 0; opening[i] != NULL; i++)
    {
      gsize o = strlen (opening[i]), c = strlen (closing[i]);

      if (length > o + c && g_str_has_prefix (text, opening[i]) && g_str_has_suffix (text, closing[i]))
        {
          memmove (text, text + o, length - o - c);
          text[length - o - c] = '\0';
          return g_strstrip (text);
        }
    }
  return text;
}

/* The src of the first <iframe> of embed code, or NULL. */
static char *
iframe_source (const char *html)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *src = NULL;

  regex = g_regex_new ("<iframe[^>]*\\ssrc\\s*=\\s*[\"']([^\"']*)[\"']", G_REGEX_CASELESS, 0, NULL);
  if (!g_regex_match (regex, html, 0, &match))
    return NULL;
  src = g_match_info_fetch (match, 1);
  /* The address is HTML: &amp; and friends. */
  return chrono_html_to_text (src, -1, NULL);
}

/* A picture member (thumbnail, background): a path or an http/https
 * address; anything else goes to the slide's bad_link. */
static const char *
picture (const ChronoTljsSlide *slide,
         ChronoTljsMember       member,
         GPtrArray             *strings,
         const char            *url)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stripped = NULL;

  if (url == NULL)
    return NULL;
  stripped = g_strstrip (g_strdup (url));
  if (stripped[0] == '\0')
    return NULL;
  if (!chrono_link_check_picture (stripped, &error))
    {
      if (slide->bad_link != NULL)
        slide->bad_link (member, error, slide->bad_link_data);
      return NULL;
    }
  return keep (strings, g_steal_pointer (&stripped));
}

/* A link card for @url, or FALSE (reported) when it is no link. */
static gboolean
link_card (const ChronoTljsSlide *slide,
           GPtrArray             *strings,
           const char            *url,
           const char            *title,
           ChronoMedia           *media)
{
  g_autoptr(GError) error = NULL;
  char *normalized = chrono_link_normalize_url (url, &error);

  if (normalized == NULL)
    {
      if (slide->bad_link != NULL)
        slide->bad_link (CHRONO_TLJS_MEDIA_URL, error, slide->bad_link_data);
      return FALSE;
    }
  media->kind = CHRONO_MEDIA_LINK;
  media->url = keep (strings, normalized);
  media->title = keep (strings, g_strdup (title));
  media->site = keep (strings, site_name (normalized));
  return TRUE;
}

/*
 * The media of @slide as a picture, a quote or a link card, as
 * TimelineJS shows them: a URL with a picture's extension is a picture
 * (a relative path too, which TimelineJS allows); a <blockquote> is a
 * quote; an <iframe> or any other web page (YouTube, Vimeo, Wikipedia,
 * maps, articles) is a link card.  FALSE for none or other embed code.
 */
static gboolean
slide_media (const ChronoTljsSlide *slide,
             GArray                *links,
             GPtrArray             *strings,
             const char            *media_title,
             ChronoMedia           *media)
{
  const char *url = slide->media_url;

  memset (media, 0, sizeof *media);
  if (url == NULL)
    return FALSE;
  while (g_ascii_isspace (*url))
    url++;
  if (url[0] == '\0')
    return FALSE;

  if (url[0] == '<')
    {
      g_autofree char *lower = g_ascii_strdown (url, -1);
      g_autofree char *src = NULL;
      char *text;

      if (strstr (lower, "<blockquote") != NULL)
        {
          /* Its links still count (a tweet's, a source's). */
          text = html_text (url, slide, CHRONO_TLJS_MEDIA_URL, links, strings);
          if (text == NULL)
            return FALSE;
          media->kind = CHRONO_MEDIA_QUOTE;
          media->text = keep (strings, strip_quotation_marks (g_strstrip (text)));
          return TRUE;
        }
      src = iframe_source (url);
      if (src != NULL && src[0] != '\0')
        {
          /* "//www.youtube.com/embed/…" is how embed code is often written. */
          if (g_str_has_prefix (src, "//"))
            {
              char *https = g_strconcat ("https:", src, NULL);

              g_free (src);
              src = https;
            }
          return link_card (slide, strings, src, media_title, media);
        }
      g_free (html_text (url, slide, CHRONO_TLJS_MEDIA_URL, links, strings));
      return FALSE;
    }

  if (looks_like_picture (url))
    {
      media->url = picture (slide, CHRONO_TLJS_MEDIA_URL, strings, url);
      if (media->url == NULL)
        return FALSE;
      media->kind = CHRONO_MEDIA_IMAGE;
      return TRUE;
    }
  return link_card (slide, strings, url, media_title, media);
}

gboolean
_chrono_tljs_slide_convert (const ChronoTljsSlide  *slide,
                            char                  **title,
                            char                  **description,
                            GArray                 *links,
                            GPtrArray              *strings,
                            ChronoMedia            *media)
{
  g_autofree char *headline = NULL;
  g_autofree char *text = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *credit = NULL;
  g_autofree char *media_title = NULL;
  g_autoptr(GString) desc = g_string_new (NULL);
  gboolean has_media = FALSE;

  headline = html_text (slide->headline, slide, CHRONO_TLJS_HEADLINE, links, strings);
  text = html_text (slide->text, slide, CHRONO_TLJS_TEXT, links, strings);

  media_title = html_text (slide->media_title, slide, 0, NULL, NULL);
  if (media != NULL)
    has_media = slide_media (slide, links, strings, media_title, media);
  else if (slide->media_url != NULL)
    {
      const char *url = slide->media_url;

      while (g_ascii_isspace (*url))
        url++;
      /* TimelineJS also takes embed code ("<blockquote>...</blockquote>")
       * as media; keep its links. */
      if (url[0] == '<')
        g_free (html_text (url, slide, CHRONO_TLJS_MEDIA_URL, links, strings));
      else
        add_link (slide, CHRONO_TLJS_MEDIA_URL, links, strings, url, media_title);
    }
  add_link (slide, CHRONO_TLJS_MEDIA_LINK, links, strings, slide->media_link, media_title);

  caption = html_text (slide->media_caption, slide, CHRONO_TLJS_MEDIA_CAPTION, links, strings);
  credit = html_text (slide->media_credit, slide, CHRONO_TLJS_MEDIA_CREDIT, links, strings);

  *title = first_line (headline, TRUE);
  if (*title == NULL)
    *title = first_line (text, FALSE);
  if (*title == NULL)
    *title = first_line (caption, FALSE);
  if (*title == NULL)
    *title = first_line (media_title, FALSE);
  if (*title == NULL && has_media && media->kind == CHRONO_MEDIA_QUOTE)
    *title = first_line (media->text, FALSE);

  if (text != NULL)
    g_string_append (desc, text);

  if (has_media)
    {
      /* The caption and credit go with what they describe. */
      media->caption = keep (strings, g_steal_pointer (&caption));
      if (media->kind == CHRONO_MEDIA_QUOTE)
        media->who = keep (strings, g_steal_pointer (&credit));
      else
        media->credit = keep (strings, g_steal_pointer (&credit));
      if (media->kind != CHRONO_MEDIA_QUOTE)
        media->thumbnail = picture (slide, CHRONO_TLJS_MEDIA_THUMBNAIL, strings, slide->media_thumbnail);
      if (media->kind == CHRONO_MEDIA_IMAGE && media->caption == NULL && media_title != NULL)
        media->caption = keep (strings, g_steal_pointer (&media_title));
    }

  if (caption != NULL)
    g_string_append_printf (desc, "%s%s", desc->len > 0 ? "\n\n" : "", caption);
  if (credit != NULL)
    {
      if (desc->len > 0)
        g_string_append (desc, "\n\n");
      /* Translators: the credit of a picture or video, from TimelineJS */
      g_string_append_printf (desc, _("Credit: %s"), credit);
    }

  *description = desc->len > 0 ? g_strdup (desc->str) : NULL;
  return has_media;
}

/* "#1c2a3a", "#fff" or a colour name CSS knows well; FALSE otherwise. */
static gboolean
parse_color (const char *text,
             guint32    *out)
{
  static const struct { const char *name; guint32 rgb; } names[] = {
    { "black", 0x000000 }, { "white", 0xffffff }, { "gray", 0x808080 }, { "grey", 0x808080 },
    { "red", 0xff0000 }, { "green", 0x008000 }, { "blue", 0x0000ff }, { "navy", 0x000080 },
    { "yellow", 0xffff00 }, { "orange", 0xffa500 }, { "purple", 0x800080 }, { "teal", 0x008080 },
  };
  g_autofree char *s = NULL;
  gsize n;
  guint32 v = 0;

  if (text == NULL)
    return FALSE;
  s = g_strstrip (g_ascii_strdown (text, -1));
  n = strlen (s);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (s, names[i].name) == 0)
      {
        *out = names[i].rgb;
        return TRUE;
      }
  if (s[0] != '#' || (n != 4 && n != 7))
    return FALSE;
  for (gsize i = 1; i < n; i++)
    {
      if (!g_ascii_isxdigit (s[i]))
        return FALSE;
      v = (v << 4) | (guint32) g_ascii_xdigit_value (s[i]);
      if (n == 4)
        v = (v << 4) | (guint32) g_ascii_xdigit_value (s[i]);
    }
  *out = v;
  return TRUE;
}

void
_chrono_tljs_set_title_slide (ChronoDocumentBuilder *builder,
                              const ChronoTljsSlide *slide,
                              GArray                *links,
                              GPtrArray             *strings)
{
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  ChronoMedia media;
  ChronoBackground background = { 0 };
  gboolean has_media;

  has_media = _chrono_tljs_slide_convert (slide, &title, &description, links, strings, &media);
  if (title != NULL)
    chrono_document_builder_set_title (builder, title);
  if (description != NULL)
    chrono_document_builder_set_description (builder, description);

  /* TimelineJS draws a colour it cannot read as none: so does the cover. */
  background.has_color = parse_color (slide->background_color, &background.color);
  background.image = picture (slide, CHRONO_TLJS_BACKGROUND, strings, slide->background_url);
  if (has_media || background.has_color || background.image != NULL)
    chrono_document_builder_set_cover (builder, has_media ? &media : NULL, &background);
}

/* }}} */

/* JSON {{{ */

typedef struct
{
  ChronoDocumentBuilder *builder;
  ChronoImporter        *importer;
  ChronoLoadFlags        flags;
  /* The path of the slide read last, for its bad links. */
  const char            *slide_path;
} Import;

static void
report (Import          *import,
        ChronoErrorCode  code,
        gboolean         is_warning,
        const char      *path,
        const char      *hint,
        const char      *format,
        ...) G_GNUC_PRINTF (6, 7);

static void
report (Import          *import,
        ChronoErrorCode  code,
        gboolean         is_warning,
        const char      *path,
        const char      *hint,
        const char      *format,
        ...)
{
  g_autofree char *message = NULL;
  ChronoPos pos = { 0, 0 };
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  chrono_document_builder_add_diagnostic (import->builder,
                                          chrono_diagnostic_new (code, is_warning, pos, path,
                                                                 hint, "%s", message));
}

static char *
member_path (const char *parent,
             const char *member)
{
  if (parent == NULL || parent[0] == '\0')
    return g_strdup (member);
  return g_strdup_printf ("%s.%s", parent, member);
}

static void
on_bad_link (ChronoTljsMember  member,
             const GError     *error,
             gpointer          user_data)
{
  static const char * const members[] = {
    [CHRONO_TLJS_HEADLINE] = "text.headline",
    [CHRONO_TLJS_TEXT] = "text.text",
    [CHRONO_TLJS_MEDIA_URL] = "media.url",
    [CHRONO_TLJS_MEDIA_CAPTION] = "media.caption",
    [CHRONO_TLJS_MEDIA_CREDIT] = "media.credit",
    [CHRONO_TLJS_MEDIA_LINK] = "media.link",
    [CHRONO_TLJS_MEDIA_THUMBNAIL] = "media.thumbnail",
    [CHRONO_TLJS_BACKGROUND] = "background.url",
  };
  Import *import = user_data;
  g_autofree char *path = member_path (import->slide_path, members[member]);

  /* Lenient loading drops the link and keeps the slide. */
  if (import->flags & CHRONO_LOAD_LENIENT)
    report (import, CHRONO_ERROR_LINK, TRUE, path, NULL, _("%s; the link is dropped"),
            error->message);
  else
    report (import, CHRONO_ERROR_LINK, FALSE, path, NULL, "%s", error->message);
}

/* The member's node, or NULL when it is absent or null. */
static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

static void
report_type (Import     *import,
             JsonNode   *node,
             const char *parent,
             const char *name,
             const char *expected)
{
  g_autofree char *path = member_path (parent, name);

  report (import, CHRONO_ERROR_TYPE, FALSE, path, NULL,
          /* Translators: "“media” must be an object, not a string" */
          _("“%s” must be %s, not %s"), name, expected, _chrono_json_type_name (node, FALSE));
}

/* Looks up the member @name of @object and checks that it is a
 * @node_type (for values, one of @value_type).  FALSE on a type error,
 * reported with @expected (untranslated, N_()); *out is NULL then and when
 * the member is absent or null. */
static gboolean
get_typed (Import      *import,
           JsonObject  *object,
           const char  *parent,
           const char  *name,
           JsonNodeType node_type,
           GType        value_type,
           const char  *expected,
           JsonNode   **out)
{
  JsonNode *node = get_member (object, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_TYPE (node) != node_type ||
      (node_type == JSON_NODE_VALUE && json_node_get_value_type (node) != value_type))
    {
      report_type (import, node, parent, name, _(expected));
      return FALSE;
    }

  *out = node;
  return TRUE;
}

/* FALSE on a type error (reported); *out is NULL when absent. */
static gboolean
get_string (Import      *import,
            JsonObject  *object,
            const char  *parent,
            const char  *name,
            const char **out)
{
  JsonNode *node;
  gboolean ok = get_typed (import, object, parent, name, JSON_NODE_VALUE, G_TYPE_STRING,
                           N_("a string"), &node);

  *out = node != NULL ? json_node_get_string (node) : NULL;
  return ok;
}

static gboolean
get_object (Import      *import,
            JsonObject  *object,
            const char  *parent,
            const char  *name,
            JsonObject **out)
{
  JsonNode *node;
  gboolean ok = get_typed (import, object, parent, name, JSON_NODE_OBJECT, G_TYPE_INVALID,
                           N_("an object"), &node);

  *out = node != NULL ? json_node_get_object (node) : NULL;
  return ok;
}

static gboolean
check_boolean (Import     *import,
               JsonObject *object,
               const char *parent,
               const char *name)
{
  JsonNode *node;

  return get_typed (import, object, parent, name, JSON_NODE_VALUE, G_TYPE_BOOLEAN,
                    N_("true or false"), &node);
}

/* Reads the date object @name of @object.  FALSE on an error (reported);
 * *present says whether there was a date at all.  With @empty_is_absent,
 * a date with no field given ({ "year": "" }) is no date, as TimelineJS
 * treats it where a date is optional. */
static gboolean
read_date (Import     *import,
           JsonObject *object,
           const char *parent,
           const char *name,
           gboolean    empty_is_absent,
           ChronoDate *out,
           gboolean   *present)
{
  g_autofree char *path = member_path (parent, name);
  g_autofree char *message = NULL;
  char *texts[CHRONO_TLJS_N_FIELDS] = { NULL };
  const char *fields[CHRONO_TLJS_N_FIELDS] = { NULL };
  JsonObject *date;
  const char *ignored;
  gboolean ok = TRUE;
  int bad_field;

  *present = FALSE;
  memset (out, 0, sizeof *out);

  if (!get_object (import, object, parent, name, &date))
    return FALSE;
  if (date == NULL)
    return TRUE;
  *present = TRUE;

  for (int i = 0; i < CHRONO_TLJS_N_FIELDS; i++)
    {
      JsonNode *node = get_member (date, _chrono_tljs_field_names[i]);

      if (node == NULL)
        continue;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        texts[i] = g_strdup (json_node_get_string (node));
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
        texts[i] = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
        {
          double d = json_node_get_double (node);

          if (d > -1e18 && d < 1e18 && d == (double) (gint64) d)
            texts[i] = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) d);
          else
            {
              g_autofree char *field_path = member_path (path, _chrono_tljs_field_names[i]);
              char buf[G_ASCII_DTOSTR_BUF_SIZE];

              report (import, CHRONO_ERROR_DATE, FALSE, field_path, NULL,
                      _("“%s” is not a whole number"), g_ascii_dtostr (buf, sizeof buf, d));
              ok = FALSE;
            }
        }
      else
        {
          report_type (import, node, path, _chrono_tljs_field_names[i],
                       _("a number or a string"));
          ok = FALSE;
        }
    }

  if (!get_string (import, date, path, "display_date", &ignored) ||
      !get_string (import, date, path, "format", &ignored))
    ok = FALSE;

  if (ok)
    {
      for (int i = 0; i < CHRONO_TLJS_N_FIELDS; i++)
        fields[i] = texts[i];

      if (!_chrono_tljs_make_date (fields, out, &bad_field, &message))
        {
          /* Converted spreadsheets write empty dates ("year": ""). */
          if (bad_field < 0 && empty_is_absent)
            *present = FALSE;
          else if (bad_field < 0)
            {
              report (import, CHRONO_ERROR_MISSING_MEMBER, FALSE, path,
                      _("give at least a year"), _("“%s” has no year"), name);
              ok = FALSE;
            }
          else
            {
              g_autofree char *field_path = member_path (path, _chrono_tljs_field_names[bad_field]);

              report (import, CHRONO_ERROR_DATE, FALSE, field_path, NULL, "%s", message);
              ok = FALSE;
            }
        }
    }

  for (int i = 0; i < CHRONO_TLJS_N_FIELDS; i++)
    g_free (texts[i]);

  return ok;
}

/* Reads the text and media members of a slide.  FALSE on a type error. */
static gboolean
read_slide (Import          *import,
            JsonObject      *object,
            const char      *path,
            ChronoTljsSlide *slide)
{
  g_autofree char *text_path = member_path (path, "text");
  g_autofree char *media_path = member_path (path, "media");
  g_autofree char *background_path = member_path (path, "background");
  JsonObject *text, *media, *background;
  const char *ignored;
  gboolean ok = TRUE;

  memset (slide, 0, sizeof *slide);
  import->slide_path = path;
  slide->bad_link = on_bad_link;
  slide->bad_link_data = import;

  if (!get_object (import, object, path, "text", &text))
    ok = FALSE;
  else if (text != NULL)
    {
      ok &= get_string (import, text, text_path, "headline", &slide->headline);
      ok &= get_string (import, text, text_path, "text", &slide->text);
    }

  if (!get_object (import, object, path, "media", &media))
    ok = FALSE;
  else if (media != NULL)
    {
      ok &= get_string (import, media, media_path, "url", &slide->media_url);
      ok &= get_string (import, media, media_path, "caption", &slide->media_caption);
      ok &= get_string (import, media, media_path, "credit", &slide->media_credit);
      ok &= get_string (import, media, media_path, "title", &slide->media_title);
      ok &= get_string (import, media, media_path, "link", &slide->media_link);
      ok &= get_string (import, media, media_path, "thumbnail", &slide->media_thumbnail);
      ok &= get_string (import, media, media_path, "alt", &ignored);
      ok &= get_string (import, media, media_path, "link_target", &ignored);
    }

  if (!get_object (import, object, path, "background", &background))
    ok = FALSE;
  else if (background != NULL)
    {
      ok &= get_string (import, background, background_path, "url", &slide->background_url);
      ok &= get_string (import, background, background_path, "color", &slide->background_color);
    }

  ok &= get_string (import, object, path, "display_date", &ignored);
  ok &= check_boolean (import, object, path, "autolink");

  return ok;
}

static gboolean
read_title (Import     *import,
            JsonObject *root)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (ChronoLink));
  ChronoTljsSlide slide;
  JsonObject *object;
  ChronoDate date;
  gboolean present;
  gboolean ok;

  if (!get_object (import, root, NULL, "title", &object))
    return FALSE;
  if (object == NULL)
    return TRUE;

  ok = read_slide (import, object, "title", &slide);
  /* The title slide's dates are optional and not drawn (TimelineJS never
   * reads them; its own samples carry "start_date": { "year": "" }):
   * empty ones are fine, others are checked only. */
  ok &= read_date (import, object, "title", "start_date", TRUE, &date, &present);
  ok &= read_date (import, object, "title", "end_date", TRUE, &date, &present);
  if (!ok)
    return FALSE;

  _chrono_tljs_set_title_slide (import->builder, &slide, links, strings);

  return TRUE;
}

static void
read_eras (Import     *import,
           JsonObject *root)
{
  JsonNode *node = get_member (root, "eras");
  JsonArray *eras;

  if (node == NULL)
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      report_type (import, node, NULL, "eras", _("an array"));
      return;
    }

  eras = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (eras); i++)
    {
      g_autofree char *path = g_strdup_printf ("eras[%u]", i);
      g_autofree char *title = NULL;
      g_autofree char *description = NULL;
      g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (ChronoLink));
      JsonNode *element = json_array_get_element (eras, i);
      ChronoTljsSlide slide;
      ChronoEra era = { 0 };
      gboolean has_start, has_end;
      gboolean ok;
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          report (import, CHRONO_ERROR_TYPE, FALSE, path, NULL,
                  _("an era must be an object, not %s"), _chrono_json_type_name (element, FALSE));
          continue;
        }
      object = json_node_get_object (element);

      ok = read_slide (import, object, path, &slide);
      /* An era without both dates is skipped with a warning below, so
       * an empty date is as good as none. */
      ok &= read_date (import, object, path, "start_date", TRUE, &era.start, &has_start);
      ok &= read_date (import, object, path, "end_date", TRUE, &era.end, &has_end);
      if (!ok)
        continue;

      if (!has_start || !has_end)
        {
          report (import, CHRONO_ERROR_MISSING_MEMBER, TRUE, path,
                  _("an era needs both dates"),
                  _("era %u has no “%s”; skipped"), i + 1,
                  has_start ? "end_date" : "start_date");
          continue;
        }

      _chrono_tljs_slide_convert (&slide, &title, &description, links, strings, NULL);
      if (title == NULL)
        title = chrono_date_format_range (&era.start, &era.end);

      era.title = title;
      era.end_time = chrono_date_get_period_end (&era.end);
      chrono_document_builder_add_era (import->builder, &era, path, (ChronoPos) { 0, 0 });
    }
}

/* Checks every event's type and remembers its unique_id, so made-up ids
 * never take one that a later event names. */
static void
reserve_ids (Import    *import,
             JsonArray *events)
{
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonNode *element = json_array_get_element (events, i);
      JsonNode *id;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      id = get_member (json_node_get_object (element), "unique_id");
      if (id != NULL && JSON_NODE_HOLDS_VALUE (id) &&
          json_node_get_value_type (id) == G_TYPE_STRING)
        {
          g_autofree char *stripped = g_strstrip (g_strdup (json_node_get_string (id)));

          if (stripped[0] != '\0')
            _chrono_importer_reserve_id (import->importer, stripped);
        }
    }
}

static void
read_event (Import     *import,
            JsonArray  *events,
            guint       i,
            GPtrArray  *story,
            GPtrArray  *story_paths)
{
  g_autofree char *path = g_strdup_printf ("events[%u]", i);
  g_autofree char *group_path = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *unique_id = NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (ChronoLink));
  JsonNode *element = json_array_get_element (events, i);
  ChronoEventDraft draft = { 0 };
  ChronoTljsSlide slide;
  JsonObject *object;
  const char *group, *id, *display_date = NULL;
  ChronoMedia media;
  gboolean has_start, has_end;
  gboolean ok;

  if (!JSON_NODE_HOLDS_OBJECT (element))
    {
      report (import, CHRONO_ERROR_TYPE, FALSE, path, NULL,
              _("an event must be an object, not %s"), _chrono_json_type_name (element, FALSE));
      return;
    }
  object = json_node_get_object (element);

  ok = read_slide (import, object, path, &slide);
  /* An event needs a start: an empty one is an error, as it is for
   * TimelineJS (which would put it in the year 0); an empty end is none. */
  ok &= read_date (import, object, path, "start_date", FALSE, &draft.start, &has_start);
  ok &= read_date (import, object, path, "end_date", TRUE, &draft.end, &has_end);
  ok &= get_string (import, object, path, "group", &group);
  ok &= get_string (import, object, path, "unique_id", &id);
  get_string (import, object, path, "display_date", &display_date);
  if (!ok)
    return;

  if (!has_start)
    {
      /* TimelineJS itself drops such slides. */
      report (import, CHRONO_ERROR_MISSING_MEMBER, TRUE, path, NULL,
              _("event %u has no “start_date”; skipped"), i + 1);
      return;
    }

  /* An end equal to the start is how TimelineJS files say "a point". */
  if (has_end && draft.end.time == draft.start.time &&
      draft.end.precision == draft.start.precision)
    memset (&draft.end, 0, sizeof draft.end);

  if (_chrono_tljs_slide_convert (&slide, &title, &description, links, strings, &media))
    draft.media = &media;
  if (title == NULL && display_date != NULL)
    title = html_text (display_date, &slide, 0, NULL, NULL);
  if (title == NULL)
    title = chrono_date_format (&draft.start);

  if (id != NULL)
    {
      unique_id = g_strstrip (g_strdup (id));
      if (unique_id[0] == '\0')
        g_clear_pointer (&unique_id, g_free);
    }
  draft.id = unique_id != NULL ? unique_id : _chrono_importer_make_id (import->importer, title);

  if (group != NULL)
    {
      g_autofree char *name = _chrono_tljs_group_name (group);

      group_path = member_path (path, "group");
      if (name != NULL)
        draft.lane = _chrono_importer_lane (import->importer, name, group_path,
                                            (ChronoPos) { 0, 0 });
    }

  draft.title = title;
  draft.description = description;
  draft.links = links->len > 0 ? (const ChronoLink *) (gpointer) links->data : NULL;
  draft.n_links = links->len;
  draft.path = path;
  chrono_document_builder_add_event (import->builder, &draft);

  g_ptr_array_add (story, g_strdup (draft.id));
  g_ptr_array_add (story_paths, g_steal_pointer (&path));
}

/**
 * chrono_import_timelinejs:
 * @root: the parsed TimelineJS3 document
 * @data: the file's text (unused for now; positions come from paths)
 * @length: its length in bytes
 * @flags: #ChronoLoadFlags; with CHRONO_LOAD_LENIENT links other than
 *   http, https and mailto are dropped with a warning instead of an error
 * @builder: where the title, lanes, events, eras and story go
 *
 * Maps a TimelineJS3 JSON document onto @builder.  Errors and warnings
 * are added to @builder as diagnostics with JSON paths.
 *
 * Returns: FALSE when the document is not TimelineJS at all (the root is
 *   not an object with an "events" array); TRUE otherwise, even when
 *   diagnostics were added
 */
gboolean
chrono_import_timelinejs (JsonNode              *root,
                          const char            *data,
                          gsize                  length,
                          ChronoLoadFlags        flags,
                          ChronoDocumentBuilder *builder)
{
  g_autoptr(ChronoImporter) importer = NULL;
  g_autoptr(GPtrArray) story = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) story_paths = g_ptr_array_new_with_free_func (g_free);
  Import import;
  JsonObject *object;
  JsonNode *events;
  const char *scale;

  g_return_val_if_fail (root != NULL, FALSE);
  g_return_val_if_fail (builder != NULL, FALSE);

  importer = _chrono_importer_new (builder);
  import.builder = builder;
  import.importer = importer;
  import.flags = flags;
  import.slide_path = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      report (&import, CHRONO_ERROR_TYPE, FALSE, NULL, NULL,
              _("a TimelineJS file must be an object, not %s"), _chrono_json_type_name (root, FALSE));
      return FALSE;
    }
  object = json_node_get_object (root);

  events = get_member (object, "events");
  if (events == NULL)
    {
      report (&import, CHRONO_ERROR_MISSING_MEMBER, FALSE, NULL, NULL,
              _("a TimelineJS file needs an “events” array"));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (events))
    {
      report_type (&import, events, NULL, "events", _("an array"));
      return FALSE;
    }

  get_string (&import, object, NULL, "scale", &scale);
  read_title (&import, object);
  reserve_ids (&import, json_node_get_array (events));
  for (guint i = 0; i < json_array_get_length (json_node_get_array (events)); i++)
    read_event (&import, json_node_get_array (events), i, story, story_paths);
  read_eras (&import, object);

  /* Presenting a TimelineJS file steps through its slides in file order. */
  for (guint i = 0; i < story->len; i++)
    chrono_document_builder_add_story_step (builder, g_ptr_array_index (story, i),
                                            g_ptr_array_index (story_paths, i),
                                            (ChronoPos) { 0, 0 });

  return TRUE;
}

/* }}} */
