/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-link"

#include "config.h"

#include <string.h>

#include "chrono-link.h"
#include "chrono-loader.h"

/*
 * Only http, https and mailto links survive loading, from every format:
 * native links[].url, the CSV link column, TimelineJS media.url and
 * media.link, and <a href> in TimelineJS HTML.  Strict loading refuses
 * any other link with its line and column; lenient loading drops it with
 * a warning there and counts it.
 */

typedef enum
{
  REJECT,   /* refused everywhere */
  ACCEPT,   /* kept, as @normalized */
  BLANK,    /* an empty native url is an error; elsewhere it is no link */
} Expect;

typedef struct
{
  const char *url;
  Expect      expect;
  const char *normalized;
  gboolean    not_csv;   /* the CSV link column splits at tabs and newlines */
} LinkCase;

static const LinkCase cases[] = {
  /* Local files, shares and pages made of data. */
  { "file:///home/user/.ssh/id_rsa", REJECT },
  { "FILE:///etc/passwd", REJECT },
  { "file:C:/Windows/win.ini", REJECT },
  { "smb://host/share", REJECT },
  { "sftp://host/etc/shadow", REJECT },
  { "data:text/html,<script>alert(1)</script>", REJECT },
  { "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", REJECT },
  /* Script, however it is dressed up. */
  { "javascript:alert(1)", REJECT },
  { " JavaScript:alert(1)", REJECT },
  { "java\tscript:alert(1)", REJECT, NULL, TRUE },
  { "java\nscript:alert(1)", REJECT, NULL, TRUE },
  { "\njavascript:alert(1)", REJECT },
  { "\x01javascript:alert(1)", REJECT },
  { "java&#9;script:alert(1)", REJECT },
  { "vbscript:msgbox(1)", REJECT },
  /* Custom scheme handlers. */
  { "steam://run/1", REJECT },
  { "ms-settings:", REJECT },
  { "x-custom-handler:payload", REJECT },
  { "ftp://example.org/file", REJECT },
  /* No scheme at all. */
  { "www.example.org", REJECT },
  { "//example.org/path", REJECT },
  { "/etc/passwd", REJECT },
  { "C:\\Windows\\System32\\calc.exe", REJECT },
  /* The right scheme, but not an address. */
  { "https:relative/path", REJECT },
  { "http:///no-host", REJECT },
  { "mailto:", REJECT },
  { "https://exa\x02mple.org/", REJECT },
  /* Empty. */
  { "  ", BLANK },
  { "\n", BLANK },
  { "\t \r\n", BLANK },
  /* Kept, normalised as a browser would. */
  { "https://example.org/a?b=1&c=2#d", ACCEPT, "https://example.org/a?b=1&c=2#d" },
  { "http://example.org/", ACCEPT, "http://example.org/" },
  { "  HTTPS://Example.org/b \n", ACCEPT, "https://Example.org/b" },
  { "\nhttp://example.org/c", ACCEPT, "http://example.org/c" },
  { "ht\ttps://example.org/d", ACCEPT, "https://example.org/d", TRUE },
  { "mailto:someone@example.org", ACCEPT, "mailto:someone@example.org" },
};

typedef enum
{
  FORMAT_NATIVE,
  FORMAT_CSV,
  FORMAT_TLJS_MEDIA_URL,
  FORMAT_TLJS_MEDIA_LINK,
  FORMAT_TLJS_HTML,
  N_FORMATS
} Format;

static const char * const format_names[] = {
  "native", "csv", "timelinejs-media-url", "timelinejs-media-link", "timelinejs-html",
};

static char *
json_string (const char *text)
{
  GString *out = g_string_new ("\"");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');

  return g_string_free (out, FALSE);
}

/* A file in @format whose event "E" has one good link and @url, which
 * sits at @pos (the member or cell that holds it). */
static char *
make_file (Format      format,
           const char *url,
           ChronoPos  *pos,
           const char **name)
{
  g_autofree char *json = NULL;
  g_autofree char *html = NULL;
  g_autoptr(GString) csv = NULL;

  switch (format)
    {
    case FORMAT_NATIVE:
      *name = "links.json";
      *pos = (ChronoPos) { 5, 9 };
      json = json_string (url);
      return g_strdup_printf ("{ \"chronoscope\": 1,\n"
                              "  \"lanes\": [ { \"id\": \"l\", \"title\": \"L\" } ],\n"
                              "  \"events\": [ { \"id\": \"e\", \"lane\": \"l\", \"title\": \"E\", \"start\": \"2015\",\n"
                              "    \"links\": [ { \"title\": \"ok\", \"url\": \"https://example.org/ok\" },\n"
                              "      { \"url\": %s } ] } ] }\n", json);
    case FORMAT_CSV:
      *name = "links.csv";
      *pos = (ChronoPos) { 3, 8 };
      csv = g_string_new ("title,start,link\nOk,2014,https://example.org/ok\nE,2015,\"");
      for (const char *p = url; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (csv, '"');
          g_string_append_c (csv, *p);
        }
      g_string_append (csv, "\"\n");
      return g_string_free (g_steal_pointer (&csv), FALSE);
    case FORMAT_TLJS_MEDIA_URL:
    case FORMAT_TLJS_MEDIA_LINK:
      *name = "links.json";
      *pos = (ChronoPos) { 4, 5 };
      json = json_string (url);
      return g_strdup_printf ("{ \"events\": [ { \"start_date\": { \"year\": 2015 },\n"
                              "  \"text\": { \"headline\": \"E\", \"text\": \"<a href='https://example.org/ok'>ok</a>\" },\n"
                              "  \"media\": {\n"
                              "    \"%s\": %s } } ] }\n",
                              format == FORMAT_TLJS_MEDIA_URL ? "url" : "link", json);
    case FORMAT_TLJS_HTML:
      *name = "links.json";
      *pos = (ChronoPos) { 4, 5 };
      html = g_strdup_printf ("<p>See <a href=\"%s\">this</a>.</p>", url);
      json = json_string (html);
      return g_strdup_printf ("{ \"events\": [ { \"start_date\": { \"year\": 2015 },\n"
                              "  \"media\": { \"url\": \"https://example.org/ok\" },\n"
                              "  \"text\": { \"headline\": \"E\",\n"
                              "    \"text\": %s } } ] }\n", json);
    case N_FORMATS:
    default:
      g_assert_not_reached ();
    }
}

static const ChronoEvent *
find_event (ChronoDocument *document,
            const char     *title)
{
  for (guint i = 0; i < chrono_document_get_n_events (document); i++)
    if (g_strcmp0 (chrono_document_get_event (document, i)->title, title) == 0)
      return chrono_document_get_event (document, i);

  g_assert_not_reached ();
}

/* The links of "E" other than the good one every file has. */
static GPtrArray *
other_links (ChronoDocument *document)
{
  const ChronoEvent *event = find_event (document, "E");
  GPtrArray *urls = g_ptr_array_new ();

  for (guint i = 0; event->extra != NULL && i < event->extra->n_links; i++)
    if (!g_str_equal (event->extra->links[i].url, "https://example.org/ok"))
      g_ptr_array_add (urls, (gpointer) event->extra->links[i].url);
  /* A TimelineJS media url that is a page is a link card, under the
   * same rules. */
  if (event->extra != NULL && event->extra->media != NULL &&
      event->extra->media->kind == CHRONO_MEDIA_LINK &&
      !g_str_equal (event->extra->media->url, "https://example.org/ok"))
    g_ptr_array_add (urls, (gpointer) event->extra->media->url);

  return urls;
}

static void
check_case (const LinkCase *c,
            Format          format)
{
  g_autoptr(GPtrArray) strict_diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_diagnostic_free);
  g_autoptr(GPtrArray) lenient_diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_diagnostic_free);
  g_autoptr(ChronoDocument) strict = NULL;
  g_autoptr(ChronoDocument) lenient = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autofree char *text = NULL;
  const char *name;
  ChronoPos pos;
  gboolean rejected = c->expect == REJECT || (c->expect == BLANK && format == FORMAT_NATIVE);
  const ChronoDiagnostic *summary = NULL;
  guint n_dropped = 0;

  g_test_message ("%s: %s", format_names[format], c->url);

  text = make_file (format, c->url, &pos, &name);

  strict = chrono_loader_load_data (text, strlen (text), name, CHRONO_LOAD_DEFAULT,
                                    strict_diagnostics, NULL, &error);
  lenient = chrono_loader_load_data (text, strlen (text), name, CHRONO_LOAD_LENIENT,
                                     lenient_diagnostics, NULL, NULL);
  /* A lenient load never fails for a link. */
  g_assert_nonnull (lenient);

  if (!rejected)
    {
      g_assert_no_error (error);
      g_assert_nonnull (strict);
      g_assert_cmpuint (strict_diagnostics->len, ==, 0);
      g_assert_cmpuint (lenient_diagnostics->len, ==, 0);

      kept = other_links (strict);
      if (c->expect == ACCEPT)
        {
          g_assert_cmpuint (kept->len, ==, 1);
          g_assert_cmpstr (g_ptr_array_index (kept, 0), ==, c->normalized);
        }
      else
        g_assert_cmpuint (kept->len, ==, 0);
      return;
    }

  /* Strict: an error at the link. */
  g_assert_null (strict);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_LINK);
  g_assert_cmpuint (strict_diagnostics->len, >=, 1);
  {
    const ChronoDiagnostic *d = g_ptr_array_index (strict_diagnostics, 0);

    g_assert_cmpint (d->code, ==, CHRONO_ERROR_LINK);
    g_assert_false (d->is_warning);
    g_assert_cmpuint (d->pos.line, ==, pos.line);
    g_assert_cmpuint (d->pos.column, ==, pos.column);
  }

  /* Lenient: the link is dropped, with a warning there and a count. */
  kept = other_links (lenient);
  g_assert_cmpuint (kept->len, ==, 0);
  for (guint i = 0; i < lenient_diagnostics->len; i++)
    {
      const ChronoDiagnostic *d = g_ptr_array_index (lenient_diagnostics, i);

      g_assert_true (d->is_warning);
      if (d->code == CHRONO_ERROR_LINK)
        {
          if (n_dropped++ == 0)
            {
              g_assert_cmpuint (d->pos.line, ==, pos.line);
              g_assert_cmpuint (d->pos.column, ==, pos.column);
              g_assert_true (g_str_has_suffix (d->message, "; the link is dropped"));
            }
        }
      else
        {
          g_assert_cmpint (d->code, ==, CHRONO_ERROR_SKIPPED_ROWS);
          g_assert_null (summary);
          summary = d;
        }
    }
  g_assert_cmpuint (n_dropped, >=, 1);
  g_assert_nonnull (summary);
  /* The count stands at the first dropped link: every diagnostic names
   * a line and a column. */
  g_assert_cmpuint (summary->pos.line, ==, pos.line);
  g_assert_cmpuint (summary->pos.column, ==, pos.column);
  if (n_dropped == 1)
    g_assert_cmpstr (summary->message, ==, "1 bad link was dropped");
  else
    {
      g_autofree char *expected = g_strdup_printf ("%u bad links were dropped", n_dropped);

      g_assert_cmpstr (summary->message, ==, expected);
    }
}

/* Every scheme, in every format, strict and lenient. */
static void
test_schemes (gconstpointer data)
{
  Format format = GPOINTER_TO_INT (data);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (format == FORMAT_CSV && cases[i].not_csv)
        continue;
      check_case (&cases[i], format);
    }
}

/* The helper itself: its normalisation, and the inspector's checks. */
static void
test_normalize (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = chrono_link_normalize_url (cases[i].url, &error);

      if (cases[i].expect == ACCEPT)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (normalized, ==, cases[i].normalized);
          g_assert_true (chrono_link_is_safe (normalized));
          /* Safe means already normalised: what was checked is opened. */
          g_assert_cmpint (chrono_link_is_safe (cases[i].url), ==,
                           g_str_equal (cases[i].url, cases[i].normalized));
        }
      else
        {
          g_assert_null (normalized);
          g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_LINK);
          g_assert_false (chrono_link_is_safe (cases[i].url));
        }
    }

  g_assert_false (chrono_link_is_safe (NULL));
}

static void
test_messages (void)
{
  static const struct { const char *url; const char *message; } messages[] = {
    { "file:///etc/passwd", "“file:” links are not allowed; only http, https and mailto links are kept" },
    { "www.example.org", "“www.example.org” is not a full address; write it with https:// in front" },
    { " ", "the link is empty; give an http, https or mailto address" },
    { "https:x", "“https:x” names no host; write it as https://host/…" },
    { "https://a\x7f", "the link contains a control character" },
    { "data:text/plain,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "“data:” links are not allowed; only http, https and mailto links are kept" },
    { "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "“aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…” is not a full address; write it with https:// in front" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = chrono_link_normalize_url (messages[i].url, &error);

      g_assert_null (normalized);
      g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_LINK);
      g_assert_cmpstr (error->message, ==, messages[i].message);
    }
}

/* What the inspector shows beside a link's title. */
static void
test_host (void)
{
  static const struct { const char *url; const char *host; } hosts[] = {
    { "https://www.anthropic.com/news/x", "www.anthropic.com" },
    { "http://user@example.org:8080/a", "example.org" },
    { "https://[::1]/", "::1" },
    { "mailto:someone@example.org?subject=Hi", "someone@example.org" },
    { "mailto:some%20one@example.org", "some one@example.org" },
    { "file:///etc/passwd", NULL },
    { "javascript:alert(1)", NULL },
    { " https://example.org/", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (hosts); i++)
    {
      g_autofree char *host = chrono_link_dup_host (hosts[i].url);

      g_assert_cmpstr (host, ==, hosts[i].host);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/link/normalize", test_normalize);
  g_test_add_func ("/model/link/messages", test_messages);
  g_test_add_func ("/model/link/host", test_host);
  for (Format f = 0; f < N_FORMATS; f++)
    {
      g_autofree char *path = g_strdup_printf ("/model/link/schemes/%s", format_names[f]);

      g_test_add_data_func (path, GINT_TO_POINTER (f), test_schemes);
    }

  return g_test_run ();
}
