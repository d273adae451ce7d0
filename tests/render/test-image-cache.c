/* test-image-cache.c: decoding pictures, the memory cache, and fetching
 * from the web only with consent (from a server the test runs on
 * 127.0.0.1, never the internet)
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "chrono-image-cache.h"
#include "render-test-util.h"

/* Helpers {{{ */

static char *
media_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "media", name, NULL);
}

typedef struct
{
  cairo_surface_t *surface;
  GError          *error;
  gboolean         done;
} Result;

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *r = user_data;

  r->surface = chrono_image_cache_load_finish (CHRONO_IMAGE_CACHE (object), result, &r->error);
  r->done = TRUE;
}

/* Loads and waits, running the main context (where the server lives). */
static cairo_surface_t *
load (ChronoImageCache  *cache,
      const char        *source,
      int                size,
      gboolean           allow_web,
      GError           **error)
{
  Result r = { NULL, NULL, FALSE };

  chrono_image_cache_load_async (cache, source, size, size, allow_web, NULL, on_loaded, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  if (r.error != NULL)
    g_propagate_error (error, r.error);
  return r.surface;
}

/* }}} */

/* Local files {{{ */

static void
test_decode_scaled (void)
{
  g_autofree char *path = media_path ("engine.jpg");
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  /* 200 × 120, shown within 100 × 100: decoded at 100 × 60. */
  surface = chrono_image_load_file (path, 100, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 100);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 60);
  cairo_surface_destroy (surface);

  /* Never scaled up. */
  surface = chrono_image_load_file (path, 1000, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 200);
  cairo_surface_destroy (surface);
}

static void
test_not_a_picture (void)
{
  g_autofree char *path = media_path ("not-a-picture.png");
  g_autofree char *missing = media_path ("no-such-picture.png");
  g_autoptr(GError) error = NULL;

  g_assert_null (chrono_image_load_file (path, 100, 100, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "not-a-picture.png is not a picture Chronoscope can show");
  g_clear_error (&error);

  g_assert_null (chrono_image_load_file (missing, 100, 100, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "no-such-picture.png cannot be read: "));
}

/* A file larger than the limit is refused by its size, unread. */
static void
test_too_large_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("chrono-image-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.png", NULL);
  g_autoptr(GError) error = NULL;
  int fd;

  fd = g_open (path, O_CREAT | O_WRONLY, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 50 * 1024 * 1024), ==, 0);
  close (fd);

  g_assert_null (chrono_image_load_file (path, 100, 100, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "huge.png is too large to show (52.4"));
  render_test_remove_tree (dir);
}

static guint32
crc32 (const guint8 *data,
       gsize         length)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
    }
  return ~crc;
}

static void
put32 (guint8  *p,
       guint32  v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

/* A tiny file that says it holds 30000 × 20000 pixels: refused from its
 * header, before 2.4 GB are decoded. */
static void
test_too_many_pixels (void)
{
  guint8 png[8 + 25 + 14] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  guint8 *ihdr = png + 8;
  guint8 *idat = ihdr + 25;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  put32 (ihdr, 13);
  memcpy (ihdr + 4, "IHDR", 4);
  put32 (ihdr + 8, 30000);
  put32 (ihdr + 12, 20000);
  ihdr[16] = 8;  /* bit depth */
  ihdr[17] = 2;  /* RGB */
  put32 (ihdr + 21, crc32 (ihdr + 4, 17));
  /* The size is known once the data starts. */
  put32 (idat, 2);
  memcpy (idat + 4, "IDAT", 4);
  idat[8] = 0x78;
  idat[9] = 0x9c;
  put32 (idat + 10, crc32 (idat + 4, 6));
  bytes = g_bytes_new (png, sizeof png);

  g_assert_null (chrono_image_decode (bytes, "scan.png", 100, 100, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "scan.png has 30000 × 20000 pixels; at most 100 million are shown");
}

/* The memory cache keeps the most recent pictures within its bytes. */
static void
test_memory_limit (void)
{
  g_autofree char *engine = media_path ("engine.jpg");
  g_autofree char *portrait = media_path ("portrait.png");
  g_autofree char *cover = media_path ("cover.png");
  /* engine at 100 px: 100 × 60 × 4 bytes; room for two such. */
  g_autoptr(ChronoImageCache) cache = chrono_image_cache_new (100 * 100 * 4 * 2, "/nonexistent");
  cairo_surface_t *surface;

  surface = load (cache, engine, 100, FALSE, NULL);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (chrono_image_cache_get_memory_size (cache), ==, 100 * 60 * 4);
  surface = load (cache, portrait, 100, FALSE, NULL);
  cairo_surface_destroy (surface);
  surface = load (cache, cover, 100, FALSE, NULL);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (chrono_image_cache_get_memory_size (cache), <=, 100 * 100 * 4 * 2);

  /* The oldest went; the newest stayed. */
  g_assert_null (chrono_image_cache_lookup (cache, engine, 100, 100));
  surface = chrono_image_cache_lookup (cache, cover, 100, 100);
  g_assert_nonnull (surface);
  cairo_surface_destroy (surface);
}

/* }}} */

/* The web {{{ */

typedef struct
{
  SoupServer       *server;
  GPtrArray        *requests;  /* paths asked for, in order */
  char             *base;      /* http://127.0.0.1:PORT */
  char             *dir;       /* the disk cache */
  ChronoImageCache *cache;
  GBytes           *png;
} Web;

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Web *web = user_data;

  g_ptr_array_add (web->requests, g_strdup (path));

  if (g_str_equal (path, "/picture.png"))
    {
      gsize size;
      gconstpointer data = g_bytes_get_data (web->png, &size);

      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "image/png", SOUP_MEMORY_COPY, data, size);
    }
  else if (g_str_equal (path, "/huge.png"))
    {
      gsize size = 50 * 1024 * 1024;

      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "image/png", SOUP_MEMORY_TAKE, g_malloc0 (size), size);
    }
  else if (g_str_equal (path, "/page.png"))
    {
      const char *html = "<html><body>Not found, but 200</body></html>";

      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, html, strlen (html));
    }
  else if (g_str_equal (path, "/loop.png"))
    soup_server_message_set_redirect (message, SOUP_STATUS_FOUND, "/loop.png");
  else if (g_str_equal (path, "/silent.png"))
    /* Never answered: the client's timeout must end it. */
    soup_server_message_pause (message);
  else
    soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
web_setup (Web           *web,
           gconstpointer  data)
{
  g_autofree char *png_path = media_path ("portrait.png");
  g_autoptr(GError) error = NULL;
  GSList *uris;
  char *contents;
  gsize length;

  g_assert_true (g_file_get_contents (png_path, &contents, &length, NULL));
  web->png = g_bytes_new_take (contents, length);
  web->requests = g_ptr_array_new_with_free_func (g_free);
  web->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (web->server, NULL, on_request, web, NULL);
  soup_server_listen_local (web->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (web->server);
  web->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  web->dir = g_dir_make_tmp ("chrono-pictures-XXXXXX", NULL);
  web->cache = chrono_image_cache_new (16 * 1024 * 1024, web->dir);
  chrono_image_cache_set_timeout (web->cache, 1);
}

static void
web_teardown (Web           *web,
              gconstpointer  data)
{
  g_clear_object (&web->cache);
  soup_server_disconnect (web->server);
  g_clear_object (&web->server);
  g_ptr_array_unref (web->requests);
  g_bytes_unref (web->png);
  render_test_remove_tree (web->dir);
  g_free (web->dir);
  g_free (web->base);
}

static char *
url (Web        *web,
     const char *path)
{
  return g_strconcat (web->base, path, NULL);
}

/* Without consent, no request at all: the server's log stays empty. */
static void
test_web_refused (Web           *web,
                  gconstpointer  data)
{
  g_autofree char *picture = url (web, "/picture.png");
  g_autoptr(GError) error = NULL;

  g_assert_null (load (web->cache, picture, 100, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_cmpstr (error->message, ==,
                   "picture.png is on the web; pictures on the web are loaded only when you allow it");
  /* Give a request that should not exist every chance to arrive. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (web->requests->len, ==, 0);
  g_assert_false (chrono_image_cache_is_on_disk (web->cache, picture));
}

/* With consent, one request; then the copy on disk, offline too. */
static void
test_web_consent_and_cache (Web           *web,
                            gconstpointer  data)
{
  g_autofree char *picture = url (web, "/picture.png");
  g_autoptr(ChronoImageCache) offline = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  surface = load (web->cache, picture, 80, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 80);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (web->requests->len, ==, 1);
  g_assert_true (chrono_image_cache_is_on_disk (web->cache, picture));

  /* Another size is decoded again, from the disk. */
  surface = load (web->cache, picture, 40, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 40);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (web->requests->len, ==, 1);

  /* A new session, without the server: the kept copy shows without
   * asking again and without a request. */
  soup_server_disconnect (web->server);
  offline = chrono_image_cache_new (16 * 1024 * 1024, web->dir);
  surface = load (offline, picture, 80, FALSE, &error);
  g_assert_no_error (error);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (web->requests->len, ==, 1);
}

static void
test_web_timeout (Web           *web,
                  gconstpointer  data)
{
  g_autofree char *silent = url (web, "/silent.png");
  g_autoptr(GError) error = NULL;

  g_assert_null (load (web->cache, silent, 80, TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpstr (error->message, ==, "silent.png: the server did not answer within 1 second");
}

static void
test_web_not_found (Web           *web,
                    gconstpointer  data)
{
  g_autofree char *missing = url (web, "/missing.png");
  g_autoptr(GError) error = NULL;

  g_assert_null (load (web->cache, missing, 80, TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "missing.png: the server answered 404 Not Found");
  g_assert_false (chrono_image_cache_is_on_disk (web->cache, missing));
}

/* 50 MB are refused by their length, and never kept. */
static void
test_web_too_large (Web           *web,
                    gconstpointer  data)
{
  g_autofree char *huge = url (web, "/huge.png");
  g_autoptr(GError) error = NULL;

  g_assert_null (load (web->cache, huge, 80, TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "huge.png is larger than "));
  g_assert_false (chrono_image_cache_is_on_disk (web->cache, huge));
}

/* An error page served as 200 is not a picture, and is not kept. */
static void
test_web_not_a_picture (Web           *web,
                        gconstpointer  data)
{
  g_autofree char *page = url (web, "/page.png");
  g_autoptr(GError) error = NULL;

  g_assert_null (load (web->cache, page, 80, TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "page.png is not a picture Chronoscope can show");
  g_assert_false (chrono_image_cache_is_on_disk (web->cache, page));
}

static void
test_web_redirect_loop (Web           *web,
                        gconstpointer  data)
{
  g_autofree char *loop = url (web, "/loop.png");
  g_autoptr(GError) error = NULL;

  g_assert_null (load (web->cache, loop, 80, TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==,
                   "loop.png: the server sends the request round in circles (too many redirects)");
  /* It gave up after a bounded number of tries. */
  g_assert_cmpuint (web->requests->len, >, 1);
  g_assert_cmpuint (web->requests->len, <=, 30);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  /* The server is on 127.0.0.1: no proxy may stand between. */
  g_unsetenv ("http_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTPS_PROXY");
  g_unsetenv ("all_proxy");
  g_unsetenv ("ALL_PROXY");
  g_setenv ("no_proxy", "*", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/image/decode-scaled", test_decode_scaled);
  g_test_add_func ("/render/image/not-a-picture", test_not_a_picture);
  g_test_add_func ("/render/image/too-large-file", test_too_large_file);
  g_test_add_func ("/render/image/too-many-pixels", test_too_many_pixels);
  g_test_add_func ("/render/image/memory-limit", test_memory_limit);
  g_test_add ("/render/image/web/refused", Web, NULL, web_setup, test_web_refused, web_teardown);
  g_test_add ("/render/image/web/consent-and-cache", Web, NULL, web_setup, test_web_consent_and_cache,
              web_teardown);
  g_test_add ("/render/image/web/timeout", Web, NULL, web_setup, test_web_timeout, web_teardown);
  g_test_add ("/render/image/web/not-found", Web, NULL, web_setup, test_web_not_found, web_teardown);
  g_test_add ("/render/image/web/too-large", Web, NULL, web_setup, test_web_too_large, web_teardown);
  g_test_add ("/render/image/web/not-a-picture", Web, NULL, web_setup, test_web_not_a_picture,
              web_teardown);
  g_test_add ("/render/image/web/redirect-loop", Web, NULL, web_setup, test_web_redirect_loop,
              web_teardown);

  return g_test_run ();
}
