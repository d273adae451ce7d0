#define G_LOG_DOMAIN "chrono-html"

#include "config.h"

#include <string.h>

#include "chrono-html.h"

/* A small, forgiving HTML-to-text converter for the fragments TimelineJS
 * files carry in headlines, texts and captions.  It is not a DOM parser:
 * it keeps the text a browser would show, turns block elements into line
 * and paragraph breaks, decodes entities and collects <a href> targets
 * (unchecked: the caller keeps only safe ones, see chrono-link.c).
 * Malformed markup never fails; a '<' that does not start a tag is text. */

typedef struct
{
  const char *name;
  gunichar    ch;
} Entity;

/* The named entities seen in real files; the rest stay as written. */
static const Entity entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
  { "apos", '\'' }, { "nbsp", 0x00A0 }, { "shy", 0x00AD },
  { "ndash", 0x2013 }, { "mdash", 0x2014 }, { "hellip", 0x2026 },
  { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "sbquo", 0x201A },
  { "ldquo", 0x201C }, { "rdquo", 0x201D }, { "bdquo", 0x201E },
  { "laquo", 0x00AB }, { "raquo", 0x00BB }, { "bull", 0x2022 },
  { "middot", 0x00B7 }, { "copy", 0x00A9 }, { "reg", 0x00AE },
  { "trade", 0x2122 }, { "deg", 0x00B0 }, { "times", 0x00D7 },
  { "divide", 0x00F7 }, { "plusmn", 0x00B1 }, { "frac12", 0x00BD },
  { "frac14", 0x00BC }, { "frac34", 0x00BE }, { "euro", 0x20AC },
  { "pound", 0x00A3 }, { "yen", 0x00A5 }, { "cent", 0x00A2 },
  { "sect", 0x00A7 }, { "para", 0x00B6 }, { "dagger", 0x2020 },
  { "prime", 0x2032 }, { "Prime", 0x2033 }, { "minus", 0x2212 },
  { "larr", 0x2190 }, { "rarr", 0x2192 }, { "iexcl", 0x00A1 },
  { "iquest", 0x00BF }, { "szlig", 0x00DF }, { "aelig", 0x00E6 },
  { "AElig", 0x00C6 }, { "oslash", 0x00F8 }, { "Oslash", 0x00D8 },
  { "aring", 0x00E5 }, { "Aring", 0x00C5 }, { "ccedil", 0x00E7 },
  { "Ccedil", 0x00C7 }, { "ntilde", 0x00F1 }, { "Ntilde", 0x00D1 },
  { "agrave", 0x00E0 }, { "aacute", 0x00E1 }, { "acirc", 0x00E2 },
  { "atilde", 0x00E3 }, { "auml", 0x00E4 }, { "Agrave", 0x00C0 },
  { "Aacute", 0x00C1 }, { "Acirc", 0x00C2 }, { "Auml", 0x00C4 },
  { "egrave", 0x00E8 }, { "eacute", 0x00E9 }, { "ecirc", 0x00EA },
  { "euml", 0x00EB }, { "Egrave", 0x00C8 }, { "Eacute", 0x00C9 },
  { "Ecirc", 0x00CA }, { "igrave", 0x00EC }, { "iacute", 0x00ED },
  { "icirc", 0x00EE }, { "iuml", 0x00EF }, { "Iacute", 0x00CD },
  { "ograve", 0x00F2 }, { "oacute", 0x00F3 }, { "ocirc", 0x00F4 },
  { "otilde", 0x00F5 }, { "ouml", 0x00F6 }, { "Oacute", 0x00D3 },
  { "Ouml", 0x00D6 }, { "ugrave", 0x00F9 }, { "uacute", 0x00FA },
  { "ucirc", 0x00FB }, { "uuml", 0x00FC }, { "Uacute", 0x00DA },
  { "Uuml", 0x00DC }, { "yacute", 0x00FD }, { "yuml", 0x00FF },
};

/* Block elements end a paragraph; these end only a line. */
static const char * const paragraph_elements[] = {
  "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol",
  "dl", "table", "section", "article", "header", "footer", "aside", "nav",
  "pre", "figure", "hr", "address", "main", "details", "summary",
};
static const char * const line_elements[] = {
  "br", "li", "tr", "dt", "dd", "figcaption", "caption",
};
/* Their content is not text. */
static const char * const hidden_elements[] = {
  "script", "style", "head", "title", "template", "noscript", "iframe",
};

static gboolean
name_in (const char         *name,
         const char * const *names,
         gsize               n_names)
{
  for (gsize i = 0; i < n_names; i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Decodes the entity at @p (which points at '&') into @ch and returns
 * its length in bytes, or 0 when it is not a known entity. */
static gsize
parse_entity (const char *p,
              const char *end,
              gunichar   *ch)
{
  const char *q = p + 1;

  if (q < end && *q == '#')
    {
      guint64 value = 0;
      gboolean hex = FALSE;
      gsize digits = 0;

      q++;
      if (q < end && (*q == 'x' || *q == 'X'))
        {
          hex = TRUE;
          q++;
        }
      while (q < end && (hex ? g_ascii_isxdigit (*q) : g_ascii_isdigit (*q)))
        {
          if (value < 0x110000)
            value = value * (hex ? 16 : 10) + (hex ? g_ascii_xdigit_value (*q) : g_ascii_digit_value (*q));
          digits++;
          q++;
        }
      if (digits == 0)
        return 0;
      /* Browsers accept a missing ';' in numeric references. */
      if (q < end && *q == ';')
        q++;
      if (value == 0 || value >= 0x110000 || (value >= 0xD800 && value <= 0xDFFF))
        *ch = 0xFFFD;
      else
        *ch = (gunichar) value;
      return q - p;
    }

  {
    const char *name = q;
    gsize len;

    while (q < end && g_ascii_isalnum (*q) && q - name < 16)
      q++;
    len = q - name;
    if (len == 0 || q >= end || *q != ';')
      return 0;

    for (gsize i = 0; i < G_N_ELEMENTS (entities); i++)
      if (strlen (entities[i].name) == len && memcmp (entities[i].name, name, len) == 0)
        {
          *ch = entities[i].ch;
          return q + 1 - p;
        }
  }

  return 0;
}

/**
 * chrono_html_decode_entities:
 * @text: text with HTML character references
 * @length: length of @text in bytes, or -1 when nul-terminated
 *
 * Decodes named (the common ones) and numeric character references;
 * unknown ones stay as written.  Does not touch tags.
 *
 * Returns: (transfer full): the decoded text
 */
char *
chrono_html_decode_entities (const char *text,
                             gssize      length)
{
  const char *p, *end;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  if (length < 0)
    length = strlen (text);
  end = text + length;
  out = g_string_sized_new (length);

  for (p = text; p < end;)
    {
      gunichar ch;
      gsize n;

      if (*p == '&' && (n = parse_entity (p, end, &ch)) > 0)
        {
          if (ch != 0x00AD)
            g_string_append_unichar (out, ch);
          p += n;
        }
      else
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

typedef enum
{
  BREAK_NONE,
  BREAK_SPACE,
  BREAK_LINE,
  BREAK_PARAGRAPH,
} Break;

typedef struct
{
  GString   *out;
  Break      pending;
  GPtrArray *links;
  char      *link_url;    /* the open <a>'s href */
  gsize      link_start;  /* offset in out of its text */
} Converter;

static void
converter_break (Converter *c,
                 Break      brk)
{
  c->pending = MAX (c->pending, brk);
}

static void
converter_text (Converter  *c,
                const char *text,
                gsize       len)
{
  if (len == 0)
    return;

  if (c->out->len > 0)
    {
      if (c->pending == BREAK_PARAGRAPH)
        g_string_append (c->out, "\n\n");
      else if (c->pending == BREAK_LINE)
        g_string_append_c (c->out, '\n');
      else if (c->pending == BREAK_SPACE)
        g_string_append_c (c->out, ' ');
    }
  c->pending = BREAK_NONE;
  g_string_append_len (c->out, text, len);
}

static void
converter_close_link (Converter *c)
{
  ChronoHtmlLink *link;
  g_autofree char *text = NULL;

  if (c->link_url == NULL)
    return;

  if (c->links != NULL)
    {
      if (c->out->len > c->link_start)
        text = g_strstrip (g_strndup (c->out->str + c->link_start,
                                      c->out->len - c->link_start));
      link = g_new0 (ChronoHtmlLink, 1);
      link->url = g_steal_pointer (&c->link_url);
      if (text != NULL && text[0] != '\0')
        link->text = g_steal_pointer (&text);
      g_ptr_array_add (c->links, link);
    }

  g_clear_pointer (&c->link_url, g_free);
}

/* Returns the decoded value of the href attribute in @attrs, or NULL. */
static char *
find_href (const char *attrs,
           const char *end)
{
  const char *p = attrs;

  while (p < end)
    {
      const char *name, *value = NULL;
      gsize name_len, value_len = 0;

      while (p < end && (g_ascii_isspace (*p) || *p == '/'))
        p++;
      name = p;
      while (p < end && !g_ascii_isspace (*p) && *p != '=' && *p != '/')
        p++;
      name_len = p - name;
      if (name_len == 0)
        {
          p++;
          continue;
        }
      while (p < end && g_ascii_isspace (*p))
        p++;
      if (p < end && *p == '=')
        {
          p++;
          while (p < end && g_ascii_isspace (*p))
            p++;
          if (p < end && (*p == '"' || *p == '\''))
            {
              char quote = *p++;

              value = p;
              while (p < end && *p != quote)
                p++;
              value_len = p - value;
              if (p < end)
                p++;
            }
          else
            {
              value = p;
              while (p < end && !g_ascii_isspace (*p))
                p++;
              value_len = p - value;
            }
        }

      if (name_len == 4 && g_ascii_strncasecmp (name, "href", 4) == 0 && value != NULL)
        {
          g_autofree char *decoded = chrono_html_decode_entities (value, value_len);

          /* An empty href or an anchor in the page is no link.  Every
           * other target is kept, javascript: too: the importer checks
           * them all with chrono_link_normalize_url() and reports what it
           * refuses, after the entities decoded here ("java&#9;script:"). */
          g_strstrip (decoded);
          if (decoded[0] == '\0' || decoded[0] == '#')
            return NULL;
          return g_steal_pointer (&decoded);
        }
    }

  return NULL;
}

/* Finds the '>' that ends the tag starting at @p, skipping quoted
 * attribute values, or NULL. */
static const char *
find_tag_end (const char *p,
              const char *end)
{
  char quote = 0;

  for (; p < end; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
        }
      else if (*p == '"' || *p == '\'')
        quote = *p;
      else if (*p == '>')
        return p;
    }

  return NULL;
}

static void
emit_text (Converter  *c,
           const char *text,
           gsize       len)
{
  g_autofree char *decoded = chrono_html_decode_entities (text, len);
  const char *p = decoded;

  /* Collapse whitespace as a browser does; a non-breaking space stays. */
  while (*p != '\0')
    {
      const char *word = p;

      if (g_ascii_isspace (*p))
        {
          while (g_ascii_isspace (*p))
            p++;
          converter_break (c, BREAK_SPACE);
          continue;
        }
      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;
      converter_text (c, word, p - word);
    }
}

/**
 * chrono_html_to_text:
 * @html: an HTML fragment (UTF-8)
 * @length: its length in bytes, or -1 when nul-terminated
 * @links: (nullable) (element-type ChronoHtmlLink): where to append the
 *   targets of <a href> elements, in document order
 *
 * Converts @html to plain text: tags are removed, whitespace collapsed,
 * <p> and other block elements separate paragraphs with a blank line,
 * <br> and <li> start a new line, and character references are decoded.
 * Plain text passes through with only its whitespace collapsed.
 *
 * Returns: (transfer full): the text, possibly empty
 */
char *
chrono_html_to_text (const char *html,
                     gssize      length,
                     GPtrArray  *links)
{
  Converter c = { 0 };
  const char *p, *end, *text_start;

  g_return_val_if_fail (html != NULL, NULL);

  if (length < 0)
    length = strlen (html);
  end = html + length;

  c.out = g_string_sized_new (length);
  c.links = links;

  text_start = html;
  for (p = html; p < end;)
    {
      const char *tag_end, *name;
      gboolean closing = FALSE;
      g_autofree char *tag_name = NULL;
      gsize name_len;

      if (*p != '<')
        {
          p++;
          continue;
        }

      if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          const char *close = g_strstr_len (p + 4, end - p - 4, "-->");

          emit_text (&c, text_start, p - text_start);
          p = close != NULL ? close + 3 : end;
          text_start = p;
          continue;
        }

      name = p + 1;
      if (name < end && *name == '/')
        {
          closing = TRUE;
          name++;
        }
      if (name >= end || !(g_ascii_isalpha (*name) || (!closing && *name == '!')))
        {
          /* "a < b": not a tag. */
          p++;
          continue;
        }
      tag_end = find_tag_end (name, end);
      if (tag_end == NULL)
        {
          p++;
          continue;
        }

      emit_text (&c, text_start, p - text_start);

      name_len = 0;
      while (name + name_len < tag_end && (g_ascii_isalnum (name[name_len]) || name[name_len] == '!'))
        name_len++;
      tag_name = g_ascii_strdown (name, name_len);

      if (name_in (tag_name, hidden_elements, G_N_ELEMENTS (hidden_elements)) && !closing)
        {
          g_autofree char *close_tag = g_strdup_printf ("</%s", tag_name);
          const char *q = tag_end + 1;

          /* Skip to the matching end tag, case-insensitively. */
          while (q < end)
            {
              if (*q == '<' && (gsize) (end - q) >= strlen (close_tag) &&
                  g_ascii_strncasecmp (q, close_tag, strlen (close_tag)) == 0)
                break;
              q++;
            }
          tag_end = q < end ? find_tag_end (q, end) : NULL;
          p = tag_end != NULL ? tag_end + 1 : end;
          text_start = p;
          continue;
        }

      if (g_strcmp0 (tag_name, "a") == 0)
        {
          converter_close_link (&c);
          if (!closing)
            {
              c.link_url = find_href (name + name_len, tag_end);
              /* The link text starts after any pending break. */
              if (c.link_url != NULL)
                {
                  c.link_start = c.out->len;
                  if (c.pending == BREAK_SPACE && c.out->len > 0)
                    c.link_start++;
                  else if (c.pending == BREAK_LINE && c.out->len > 0)
                    c.link_start++;
                  else if (c.pending == BREAK_PARAGRAPH && c.out->len > 0)
                    c.link_start += 2;
                }
            }
        }
      else if (name_in (tag_name, paragraph_elements, G_N_ELEMENTS (paragraph_elements)))
        converter_break (&c, BREAK_PARAGRAPH);
      else if (name_in (tag_name, line_elements, G_N_ELEMENTS (line_elements)))
        {
          if (g_strcmp0 (tag_name, "br") == 0)
            {
              /* Two <br> in a row are how many editors write a paragraph. */
              if (c.pending == BREAK_LINE)
                c.pending = BREAK_PARAGRAPH;
              else
                converter_break (&c, BREAK_LINE);
            }
          else
            converter_break (&c, BREAK_LINE);
          if (g_strcmp0 (tag_name, "li") == 0 && !closing)
            {
              converter_text (&c, "•", strlen ("•"));
              converter_break (&c, BREAK_SPACE);
            }
        }
      else if (g_strcmp0 (tag_name, "td") == 0 || g_strcmp0 (tag_name, "th") == 0)
        converter_break (&c, BREAK_SPACE);

      p = tag_end + 1;
      text_start = p;
    }

  emit_text (&c, text_start, end - text_start);
  converter_close_link (&c);

  return g_string_free (c.out, FALSE);
}

void
chrono_html_link_free (ChronoHtmlLink *link)
{
  if (link == NULL)
    return;

  g_free (link->url);
  g_free (link->text);
  g_free (link);
}
