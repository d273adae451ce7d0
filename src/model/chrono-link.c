/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-link"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "chrono-error.h"
#include "chrono-link.h"

/*
 * The one rule for links, whatever the format they come from: only
 * http, https and mailto survive loading, so that a click in the
 * inspector can never hand a local file, a network share, a data: page or
 * a custom scheme handler to the desktop.
 *
 * A link is checked after the normalisation a browser applies before it
 * looks at the scheme (the URL standard's "remove leading and trailing C0
 * control or space" and "remove all ASCII tab or newline"), so that
 * "java\tscript:", " javascript:" or "\njavascript:" are seen for what
 * they are; the HTML reader decodes entities before it gets here.  What is
 * stored is the normalised text, so what was checked is what is opened.
 */

/* At most this many characters of a link are quoted in a message. */
#define SHOWN_CHARS 40

static gboolean
is_strippable (gunichar ch)
{
  /* C0 controls and space, as browsers strip them, plus the Unicode
   * spaces and the BOM that copy and paste brings along. */
  return ch <= 0x20 || ch == 0xFEFF || g_unichar_isspace (ch);
}

static gboolean
is_control (gunichar ch)
{
  return ch < 0x20 || (ch >= 0x7F && ch <= 0x9F);
}

/* The start of @text for a message: a data: link may be megabytes long. */
static char *
shown (const char *text)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (text, -1) <= SHOWN_CHARS)
    return g_strdup (text);
  start = g_utf8_substring (text, 0, SHOWN_CHARS - 1);
  return g_strconcat (start, "…", NULL);
}

/**
 * chrono_link_normalize_url:
 * @url: a link's address as the file writes it (UTF-8; with HTML
 *   character references already decoded when it came from HTML)
 * @error: return location for a CHRONO_ERROR_LINK error, whose message
 *   (translated) says what is wrong and what to write instead
 *
 * Strips leading and trailing spaces and control characters, removes tabs
 * and line breaks anywhere (as browsers do), lowercases the scheme and
 * checks that what is left is an http or https link with a host or a
 * mailto link with an address.  Empty links, scheme-less ones
 * ("www.example.org", "//example.org") and every other scheme (file:,
 * smb:, data:, javascript:, custom handlers) are refused.
 *
 * Returns: (transfer full) (nullable): the normalised address, or NULL
 *   with @error set
 */
char *
chrono_link_normalize_url (const char  *url,
                           GError     **error)
{
  g_autoptr(GString) out = NULL;
  g_autofree char *shown_url = NULL;
  const char *scheme;
  const char *p, *end;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_utf8_validate (url, -1, NULL))
    {
      g_set_error_literal (error, CHRONO_ERROR, CHRONO_ERROR_LINK,
                           _("the link is not valid UTF-8"));
      return NULL;
    }

  /* Trim both ends. */
  p = url;
  end = url + strlen (url);
  while (p < end && is_strippable (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  while (end > p)
    {
      const char *prev = g_utf8_find_prev_char (p, end);

      if (!is_strippable (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  out = g_string_sized_new (end - p);
  for (; p < end; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (ch == '\t' || ch == '\n' || ch == '\r')
        continue;
      if (is_control (ch))
        {
          g_set_error_literal (error, CHRONO_ERROR, CHRONO_ERROR_LINK,
                               _("the link contains a control character"));
          return NULL;
        }
      g_string_append_unichar (out, ch);
    }

  if (out->len == 0)
    {
      g_set_error_literal (error, CHRONO_ERROR, CHRONO_ERROR_LINK,
                           _("the link is empty; give an http, https or mailto address"));
      return NULL;
    }

  shown_url = shown (out->str);
  scheme = g_uri_peek_scheme (out->str);
  if (scheme == NULL)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_LINK,
                   _("“%s” is not a full address; write it with https:// in front"),
                   shown_url);
      return NULL;
    }

  if (g_str_equal (scheme, "http") || g_str_equal (scheme, "https"))
    {
      g_autoptr(GUri) uri = NULL;
      g_autoptr(GError) local_error = NULL;

      uri = g_uri_parse (out->str, G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED, &local_error);
      if (uri == NULL)
        {
          /* Translators: the first argument is a link, the second GLib's words */
          g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_LINK,
                       _("“%s” is not a valid address: %s"), shown_url, local_error->message);
          return NULL;
        }
      if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
        {
          g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_LINK,
                       _("“%s” names no host; write it as https://host/…"), shown_url);
          return NULL;
        }
    }
  else if (g_str_equal (scheme, "mailto"))
    {
      if (out->str[strlen ("mailto:")] == '\0')
        {
          g_set_error_literal (error, CHRONO_ERROR, CHRONO_ERROR_LINK,
                               _("the mailto link has no address"));
          return NULL;
        }
    }
  else
    {
      g_autofree char *shown_scheme = shown (scheme);

      /* Translators: the argument is a URL scheme such as "file" or "javascript" */
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_LINK,
                   _("“%s:” links are not allowed; only http, https and mailto links are kept"),
                   shown_scheme);
      return NULL;
    }

  /* g_uri_peek_scheme() gives it lowercased (and interned); it is ASCII. */
  memcpy (out->str, scheme, strlen (scheme));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * chrono_link_is_safe:
 * @url: (nullable): an address
 *
 * Whether @url may be opened: an http, https or mailto link exactly as
 * chrono_link_normalize_url() leaves it.  Every link of a loaded document
 * is; this is the last check before one is handed to the desktop.
 *
 * Returns: %TRUE when it is safe to open
 */
gboolean
chrono_link_is_safe (const char *url)
{
  g_autofree char *normalized = NULL;

  if (url == NULL)
    return FALSE;

  normalized = chrono_link_normalize_url (url, NULL);
  return normalized != NULL && g_str_equal (normalized, url);
}

/**
 * chrono_link_dup_host:
 * @url: (nullable): an address
 *
 * The part of a link that says where it leads, for showing beside its
 * title: the host of an http or https link ("www.anthropic.com"), the
 * address of a mailto link.
 *
 * Returns: (transfer full) (nullable): the host or address, or NULL for
 *   anything else
 */
char *
chrono_link_dup_host (const char *url)
{
  const char *scheme;

  if (url == NULL || !chrono_link_is_safe (url))
    return NULL;

  scheme = g_uri_peek_scheme (url);
  if (g_str_equal (scheme, "mailto"))
    {
      const char *address = url + strlen ("mailto:");
      const char *query = strchr (address, '?');
      g_autofree char *raw = query ? g_strndup (address, query - address) : g_strdup (address);
      char *unescaped = g_uri_unescape_string (raw, NULL);

      if (unescaped == NULL || unescaped[0] == '\0')
        {
          g_free (unescaped);
          return NULL;
        }
      return unescaped;
    }
  else
    {
      g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED, NULL);
      g_autofree char *host = NULL;

      if (uri == NULL || g_uri_get_host (uri) == NULL)
        return NULL;
      /* Punycode stays as written; "xn--" hosts are rare in timelines. */
      host = g_uri_unescape_string (g_uri_get_host (uri), NULL);
      return host != NULL ? g_steal_pointer (&host) : g_strdup (g_uri_get_host (uri));
    }
}

/**
 * chrono_link_check_picture:
 * @url: a picture as named in a file
 * @error: return location for a CHRONO_ERROR_LINK error
 *
 * Pictures are local files, named by a path relative to the timeline file
 * (or an absolute one), or http/https URLs, which are only fetched with
 * the user's consent.  Any other scheme (file:, data:, javascript:, ftp:)
 * is refused, so a file cannot make the app open anything else.
 *
 * Returns: TRUE when @url may name a picture
 */
gboolean
chrono_link_check_picture (const char  *url,
                           GError     **error)
{
  g_autofree char *scheme = NULL;

  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (url[0] == '\0')
    {
      g_set_error_literal (error, CHRONO_ERROR, CHRONO_ERROR_LINK,
                           _("the picture is empty; give a file path or an http or https address"));
      return FALSE;
    }
  if (!g_utf8_validate (url, -1, NULL))
    {
      g_set_error_literal (error, CHRONO_ERROR, CHRONO_ERROR_LINK,
                           _("the picture's name is not valid UTF-8"));
      return FALSE;
    }

  scheme = g_uri_parse_scheme (url);
  if (scheme == NULL || g_ascii_strcasecmp (scheme, "http") == 0 ||
      g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  {
    g_autofree char *shown_url = shown (url);

    g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_LINK,
                 _("“%s” is not a picture Chronoscope opens; give a file path relative to the timeline or an http or https address"),
                 shown_url);
  }
  return FALSE;
}
