/* chrono-image-cache.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-image-cache"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <libsoup/soup.h>

#include "chrono-image-cache.h"

/*
 * Pictures for cards, the inspector and slides, as cairo surfaces: no
 * GTK, so export and tests use the same code.
 *
 * Files are read and decoded on a worker thread (GTask), scaled while
 * decoding to the size they are shown at, and kept in a memory cache
 * bounded in bytes (least recently used go first).  Pictures on the web
 * are fetched only when the caller says the user allowed it
 * (allow_web); otherwise no request is made at all.  A fetched picture
 * is kept on disk, so that a timeline shows it offline afterwards; the
 * disk copy is used without asking, since it was allowed once.  The
 * fetch runs on the worker thread with a session of its own (libsoup
 * sessions belong to one thread), a timeout and a size cap.
 */

#define DEFAULT_TIMEOUT_SECONDS 20

struct _ChronoImageCache
{
  GObject     parent_instance;

  char       *disk_dir;
  guint       timeout;        /* seconds */
  gsize       download_limit; /* bytes */

  GMutex      lock;           /* guards what follows: workers insert */
  GHashTable *entries;        /* key -> Entry */
  GQueue      lru;            /* of Entry, most recent first */
  gsize       memory_limit;
  gsize       memory_size;
};

typedef struct
{
  char            *key;
  cairo_surface_t *surface;
  gsize            bytes;
  GList            link;
} Entry;

G_DEFINE_FINAL_TYPE (ChronoImageCache, chrono_image_cache, G_TYPE_OBJECT)

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->key);
  cairo_surface_destroy (entry->surface);
  g_free (entry);
}

static void
chrono_image_cache_finalize (GObject *object)
{
  ChronoImageCache *self = CHRONO_IMAGE_CACHE (object);

  g_hash_table_unref (self->entries);
  g_mutex_clear (&self->lock);
  g_free (self->disk_dir);

  G_OBJECT_CLASS (chrono_image_cache_parent_class)->finalize (object);
}

static void
chrono_image_cache_class_init (ChronoImageCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = chrono_image_cache_finalize;
}

static void
chrono_image_cache_init (ChronoImageCache *self)
{
  g_mutex_init (&self->lock);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_free);
  self->timeout = DEFAULT_TIMEOUT_SECONDS;
  self->download_limit = CHRONO_IMAGE_MAX_FILE_BYTES;
}

/* Decoding {{{ */

typedef struct
{
  int      max_width;
  int      max_height;
  int      width;
  int      height;
  gboolean too_many_pixels;
} SizeRequest;

static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  SizeRequest *request = user_data;
  double scale = 1.0;

  request->width = width;
  request->height = height;
  if ((gint64) width * height > CHRONO_IMAGE_MAX_PIXELS)
    {
      /* Decoding at full size is what must not happen: ask for a pixel,
       * and refuse once the loader is done. */
      request->too_many_pixels = TRUE;
      gdk_pixbuf_loader_set_size (loader, 1, 1);
      return;
    }
  if (request->max_width > 0 && width > request->max_width)
    scale = MIN (scale, (double) request->max_width / width);
  if (request->max_height > 0 && height > request->max_height)
    scale = MIN (scale, (double) request->max_height / height);
  if (scale < 1.0)
    gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale + 0.5)),
                                MAX (1, (int) (height * scale + 0.5)));
}

/* A premultiplied ARGB32 copy of @pixbuf, as cairo wants it. */
static cairo_surface_t *
surface_from_pixbuf (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  int src_stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guchar *src = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  guchar *dst;
  int dst_stride;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return surface;

  cairo_surface_flush (surface);
  dst = cairo_image_surface_get_data (surface);
  dst_stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    {
      const guchar *s = src + (gsize) y * src_stride;
      guint32 *d = (guint32 *) (gpointer) (dst + (gsize) y * dst_stride);

      for (int x = 0; x < width; x++, s += channels)
        {
          guint a = channels == 4 ? s[3] : 255;
          guint r = (s[0] * a + 127) / 255;
          guint g = (s[1] * a + 127) / 255;
          guint b = (s[2] * a + 127) / 255;

          d[x] = (a << 24) | (r << 16) | (g << 8) | b;
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/**
 * chrono_image_decode:
 * @bytes: the file's content
 * @name: what to call the picture in messages (a file name)
 * @max_width: the largest width to decode to, in pixels; 0: any
 * @max_height: the largest height, in pixels; 0: any
 * @error: a G_IO_ERROR with a message for the user
 *
 * Decodes a picture with gdk-pixbuf, scaled down while decoding to fit
 * @max_width × @max_height (never up; the aspect kept) and turned as its
 * EXIF orientation says.  Refuses what is not a picture and pictures of
 * more than CHRONO_IMAGE_MAX_PIXELS pixels.  Safe on any thread.
 *
 * Returns: (transfer full) (nullable): an ARGB32 image surface, or NULL
 */
cairo_surface_t *
chrono_image_decode (GBytes      *bytes,
                     const char  *name,
                     int          max_width,
                     int          max_height,
                     GError     **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  SizeRequest request = { max_width, max_height, 0, 0, FALSE };
  GdkPixbuf *pixbuf;
  gsize size;
  const guchar *data;
  gboolean ok;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size > CHRONO_IMAGE_MAX_FILE_BYTES)
    {
      g_autofree char *shown = g_format_size (size);
      g_autofree char *limit = g_format_size (CHRONO_IMAGE_MAX_FILE_BYTES);

      /* Translators: "portrait.jpg is too large to show (40.0 MB; at most 25.2 MB)" */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("%s is too large to show (%s; at most %s)"), name, shown, limit);
      return NULL;
    }

  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), &request);
  ok = size > 0 && gdk_pixbuf_loader_write (loader, data, size, &local_error);
  /* Closed in any case: a loader left open complains when finalized. */
  ok = gdk_pixbuf_loader_close (loader, ok ? &local_error : NULL) && ok;
  if (request.too_many_pixels)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   /* Translators: "scan.png has 20000 × 20000 pixels; at most 100 million are shown" */
                   _("%s has %d × %d pixels; at most %d million are shown"),
                   name, request.width, request.height, CHRONO_IMAGE_MAX_PIXELS / 1000000);
      return NULL;
    }
  if (!ok || (pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s is not a picture Chronoscope can show"), name);
      return NULL;
    }

  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  return surface_from_pixbuf (oriented != NULL ? oriented : pixbuf);
}

static char *
display_name (const char *source)
{
  const char *slash = strrchr (source, '/');
  const char *name = slash != NULL && slash[1] != '\0' ? slash + 1 : source;

  return g_strndup (name, strcspn (name, "?#"));
}

/* The bytes of a local file, refusing large ones before reading them. */
static GBytes *
read_file (const char    *path,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = display_name (path);
  GBytes *bytes;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error (error, G_IO_ERROR, local_error->code,
                   /* Translators: "portrait.jpg cannot be read: No such file or directory" */
                   _("%s cannot be read: %s"), name, local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s is not a picture Chronoscope can show"), name);
      return NULL;
    }
  if (g_file_info_get_size (info) > CHRONO_IMAGE_MAX_FILE_BYTES)
    {
      g_autofree char *shown = g_format_size (g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (CHRONO_IMAGE_MAX_FILE_BYTES);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("%s is too large to show (%s; at most %s)"), name, shown, limit);
      return NULL;
    }
  bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    g_set_error (error, G_IO_ERROR, local_error->code,
                 _("%s cannot be read: %s"), name, local_error->message);
  return bytes;
}

/**
 * chrono_image_load_file:
 * @path: a local file
 * @max_width: as chrono_image_decode()
 * @max_height: as chrono_image_decode()
 *
 * Reads and decodes a picture on the calling thread, for export, which
 * already runs off the main thread.
 *
 * Returns: (transfer full) (nullable): an image surface, or NULL
 */
cairo_surface_t *
chrono_image_load_file (const char  *path,
                        int          max_width,
                        int          max_height,
                        GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  bytes = read_file (path, NULL, error);
  if (bytes == NULL)
    return NULL;
  name = display_name (path);
  return chrono_image_decode (bytes, name, max_width, max_height, error);
}

/* }}} */

/* The web {{{ */

static GBytes *
fetch (const char    *url,
       guint          timeout,
       gsize          limit,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GByteArray) body = NULL;
  g_autofree char *name = display_name (url);
  g_autofree char *limit_text = g_format_size (limit);
  guint status;
  goffset length;

  message = soup_message_new (SOUP_METHOD_GET, url);
  if (message == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an address a picture can be fetched from"), url);
      return NULL;
    }

  session = soup_session_new_with_options ("timeout", timeout,
                                           "user-agent", "Chronoscope/" PACKAGE_VERSION " ",
                                           NULL);
  stream = soup_session_send (session, message, cancellable, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                     /* Translators: "portrait.jpg: the server did not answer within 20 seconds" */
                     g_dngettext (GETTEXT_PACKAGE, "%s: the server did not answer within %u second",
                                  "%s: the server did not answer within %u seconds", timeout),
                     name, timeout);
      else if (g_error_matches (local_error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     _("%s: the server sends the request round in circles (too many redirects)"), name);
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     /* Translators: "portrait.jpg cannot be fetched: Could not connect" */
                     _("%s cannot be fetched: %s"), name, local_error->message);
      return NULL;
    }

  status = soup_message_get_status (message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_set_error (error, G_IO_ERROR, status == SOUP_STATUS_NOT_FOUND ? G_IO_ERROR_NOT_FOUND : G_IO_ERROR_FAILED,
                   /* Translators: "portrait.jpg: the server answered 404 Not Found" */
                   _("%s: the server answered %u %s"), name, status,
                   soup_message_get_reason_phrase (message) != NULL ? soup_message_get_reason_phrase (message) : "");
      return NULL;
    }

  /* A length given is refused before a byte is read; one not given is
   * counted while reading. */
  length = soup_message_headers_get_content_length (soup_message_get_response_headers (message));
  body = g_byte_array_new ();
  if ((guint64) length > limit)
    goto too_large;
  for (;;)
    {
      guint8 buffer[64 * 1024];
      gssize n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, &local_error);

      if (n < 0)
        {
          g_set_error (error, G_IO_ERROR, local_error->code,
                       _("%s cannot be fetched: %s"), name, local_error->message);
          return NULL;
        }
      if (n == 0)
        break;
      if (body->len + (gsize) n > limit)
        goto too_large;
      g_byte_array_append (body, buffer, (guint) n);
    }
  g_input_stream_close (stream, NULL, NULL);
  return g_byte_array_free_to_bytes (g_steal_pointer (&body));

too_large:
  g_input_stream_close (stream, NULL, NULL);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
               /* Translators: "scan.png is larger than 24.0 MB; it is not fetched" */
               _("%s is larger than %s; it is not fetched"), name, limit_text);
  return NULL;
}

static char *
disk_path (const char *dir,
           const char *url)
{
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);

  return g_build_filename (dir, sum, NULL);
}

static char *
default_disk_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "chronoscope", "pictures", NULL);
}

/**
 * chrono_image_load_kept:
 * @disk_dir: (nullable): as chrono_image_cache_new()
 * @url: a picture on the web
 * @max_width: as chrono_image_decode()
 * @max_height: as chrono_image_decode()
 *
 * Decodes the copy of a picture on the web fetched earlier (with the
 * user's consent), on the calling thread; never makes a request.  For
 * export, which shows what the user has seen.
 *
 * Returns: (transfer full) (nullable): an image surface, or NULL with
 *   G_IO_ERROR_NOT_FOUND when no copy is kept
 */
cairo_surface_t *
chrono_image_load_kept (const char  *disk_dir,
                        const char  *url,
                        int          max_width,
                        int          max_height,
                        GError     **error)
{
  g_autofree char *dir = disk_dir != NULL ? g_strdup (disk_dir) : default_disk_dir ();
  g_autofree char *path = disk_path (dir, url);
  g_autofree char *name = display_name (url);
  g_autoptr(GBytes) bytes = NULL;
  char *contents;
  gsize length;

  g_return_val_if_fail (url != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s is on the web; pictures on the web are loaded only when you allow it"), name);
      return NULL;
    }
  bytes = g_bytes_new_take (contents, length);
  return chrono_image_decode (bytes, name, max_width, max_height, error);
}

/* }}} */

/* The memory cache {{{ */

static char *
cache_key (const char *source,
           int         width,
           int         height)
{
  return g_strdup_printf ("%d %d %s", width, height, source);
}

static void
cache_insert (ChronoImageCache *self,
              char             *key,
              cairo_surface_t  *surface)
{
  Entry *entry;
  gsize bytes = (gsize) cairo_image_surface_get_stride (surface) *
                (gsize) cairo_image_surface_get_height (surface);

  g_mutex_lock (&self->lock);
  if (bytes > self->memory_limit || g_hash_table_contains (self->entries, key))
    {
      g_mutex_unlock (&self->lock);
      g_free (key);
      return;
    }
  entry = g_new0 (Entry, 1);
  entry->key = key;
  entry->surface = cairo_surface_reference (surface);
  entry->bytes = bytes;
  entry->link.data = entry;
  g_queue_push_head_link (&self->lru, &entry->link);
  g_hash_table_insert (self->entries, entry->key, entry);
  self->memory_size += bytes;

  while (self->memory_size > self->memory_limit)
    {
      Entry *old = g_queue_peek_tail (&self->lru);

      g_queue_unlink (&self->lru, &old->link);
      self->memory_size -= old->bytes;
      g_hash_table_remove (self->entries, old->key);
    }
  g_mutex_unlock (&self->lock);
}

/* }}} */

/**
 * chrono_image_cache_new:
 * @memory_limit: how many bytes of decoded pictures to keep in memory
 * @disk_dir: (nullable): where pictures from the web are kept; NULL for
 *   g_get_user_cache_dir()/chronoscope/pictures
 *
 * Returns: (transfer full): a new cache
 */
ChronoImageCache *
chrono_image_cache_new (gsize       memory_limit,
                        const char *disk_dir)
{
  ChronoImageCache *self = g_object_new (CHRONO_TYPE_IMAGE_CACHE, NULL);

  self->memory_limit = memory_limit;
  self->disk_dir = disk_dir != NULL ? g_strdup (disk_dir) : default_disk_dir ();
  return self;
}

/**
 * chrono_image_cache_set_timeout:
 * @seconds: how long a server may stay silent before a fetch fails
 */
void
chrono_image_cache_set_timeout (ChronoImageCache *self,
                                guint             seconds)
{
  g_return_if_fail (CHRONO_IS_IMAGE_CACHE (self));

  self->timeout = seconds;
}

/**
 * chrono_image_cache_set_download_limit:
 * @bytes: the largest picture fetched from the web
 */
void
chrono_image_cache_set_download_limit (ChronoImageCache *self,
                                       gsize             bytes)
{
  g_return_if_fail (CHRONO_IS_IMAGE_CACHE (self));

  self->download_limit = bytes;
}

/**
 * chrono_image_cache_get_disk_dir:
 *
 * Returns: where pictures from the web are kept
 */
const char *
chrono_image_cache_get_disk_dir (ChronoImageCache *self)
{
  g_return_val_if_fail (CHRONO_IS_IMAGE_CACHE (self), NULL);

  return self->disk_dir;
}

/**
 * chrono_image_cache_get_memory_size:
 *
 * Returns: the bytes of decoded pictures held, at most the limit
 */
gsize
chrono_image_cache_get_memory_size (ChronoImageCache *self)
{
  gsize size;

  g_return_val_if_fail (CHRONO_IS_IMAGE_CACHE (self), 0);

  g_mutex_lock (&self->lock);
  size = self->memory_size;
  g_mutex_unlock (&self->lock);
  return size;
}

/**
 * chrono_image_cache_is_on_disk:
 * @url: a picture on the web
 *
 * Returns: whether a copy fetched earlier is kept, so that it shows
 *   without a request
 */
gboolean
chrono_image_cache_is_on_disk (ChronoImageCache *self,
                               const char       *url)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (CHRONO_IS_IMAGE_CACHE (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  path = disk_path (self->disk_dir, url);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/**
 * chrono_image_cache_lookup:
 * @source: a local path or an http/https URL
 * @width: the size asked of chrono_image_cache_load_async()
 * @height: likewise
 *
 * Returns: (transfer full) (nullable): the picture when it is in memory
 */
cairo_surface_t *
chrono_image_cache_lookup (ChronoImageCache *self,
                           const char       *source,
                           int               width,
                           int               height)
{
  g_autofree char *key = NULL;
  cairo_surface_t *surface = NULL;
  Entry *entry;

  g_return_val_if_fail (CHRONO_IS_IMAGE_CACHE (self), NULL);
  g_return_val_if_fail (source != NULL, NULL);

  key = cache_key (source, width, height);
  g_mutex_lock (&self->lock);
  entry = g_hash_table_lookup (self->entries, key);
  if (entry != NULL)
    {
      g_queue_unlink (&self->lru, &entry->link);
      g_queue_push_head_link (&self->lru, &entry->link);
      surface = cairo_surface_reference (entry->surface);
    }
  g_mutex_unlock (&self->lock);
  return surface;
}

typedef struct
{
  char     *source;
  int       width;
  int       height;
  gboolean  allow_web;
} Load;

static void
load_free (gpointer data)
{
  Load *load = data;

  g_free (load->source);
  g_free (load);
}

static gboolean
is_web (const char *source)
{
  return g_ascii_strncasecmp (source, "http://", 7) == 0 ||
         g_ascii_strncasecmp (source, "https://", 8) == 0;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ChronoImageCache *self = source_object;
  Load *load = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = display_name (load->source);
  g_autofree char *kept = NULL;
  GError *error = NULL;
  gboolean fetched = FALSE;
  cairo_surface_t *surface;

  if (is_web (load->source))
    {
      g_autofree char *contents = NULL;
      gsize length;

      kept = disk_path (self->disk_dir, load->source);
      if (g_file_get_contents (kept, &contents, &length, NULL))
        bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      else if (!load->allow_web)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                                   _("%s is on the web; pictures on the web are loaded only when you allow it"),
                                   name);
          return;
        }
      else
        {
          bytes = fetch (load->source, self->timeout, self->download_limit, cancellable, &error);
          fetched = TRUE;
        }
    }
  else
    bytes = read_file (load->source, cancellable, &error);

  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  surface = chrono_image_decode (bytes, name, load->width, load->height, &error);
  if (surface == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Only what decodes is kept: a server's error page is not a picture. */
  if (fetched && g_mkdir_with_parents (self->disk_dir, 0700) == 0)
    {
      gsize size;
      gconstpointer data = g_bytes_get_data (bytes, &size);

      if (!g_file_set_contents (kept, data, (gssize) size, NULL))
        g_debug ("could not keep %s in %s", name, self->disk_dir);
    }

  cache_insert (self, cache_key (load->source, load->width, load->height), surface);
  g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

/**
 * chrono_image_cache_load_async:
 * @source: a local path (absolute) or an http/https URL, as
 *   chrono_document_resolve_media() gives
 * @width: the largest width it is shown at, in pixels; 0: any
 * @height: the largest height, in pixels; 0: any
 * @allow_web: whether the user allowed fetching pictures from the web;
 *   without it a URL not kept on disk fails with
 *   G_IO_ERROR_PERMISSION_DENIED and no request is made
 *
 * Reads, fetches and decodes on a worker thread; the picture is kept in
 * memory for chrono_image_cache_lookup().
 */
void
chrono_image_cache_load_async (ChronoImageCache    *self,
                               const char          *source,
                               int                  width,
                               int                  height,
                               gboolean             allow_web,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  cairo_surface_t *surface;
  Load *load;

  g_return_if_fail (CHRONO_IS_IMAGE_CACHE (self));
  g_return_if_fail (source != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chrono_image_cache_load_async);

  surface = chrono_image_cache_lookup (self, source, width, height);
  if (surface != NULL)
    {
      g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
      return;
    }

  load = g_new0 (Load, 1);
  load->source = g_strdup (source);
  load->width = width;
  load->height = height;
  load->allow_web = allow_web;
  g_task_set_task_data (task, load, load_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * chrono_image_cache_load_finish:
 *
 * Returns: (transfer full) (nullable): the picture, or NULL with @error
 *   set (a message for the user)
 */
cairo_surface_t *
chrono_image_cache_load_finish (ChronoImageCache  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
