/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* The largest picture file read, local or from the web, in bytes. */
#define CHRONO_IMAGE_MAX_FILE_BYTES (24 * 1024 * 1024)
/* The most pixels a picture may have before it is scaled (a 12000 ×
 * 8000 photograph): a small file may still decode to gigabytes. */
#define CHRONO_IMAGE_MAX_PIXELS (100 * 1000 * 1000)

cairo_surface_t *chrono_image_decode    (GBytes      *bytes,
                                         const char  *name,
                                         int          max_width,
                                         int          max_height,
                                         GError     **error);
cairo_surface_t *chrono_image_load_file (const char  *path,
                                         int          max_width,
                                         int          max_height,
                                         GError     **error);

cairo_surface_t *chrono_image_load_kept (const char  *disk_dir,
                                         const char  *url,
                                         int          max_width,
                                         int          max_height,
                                         GError     **error);

#define CHRONO_TYPE_IMAGE_CACHE (chrono_image_cache_get_type ())
G_DECLARE_FINAL_TYPE (ChronoImageCache, chrono_image_cache, CHRONO, IMAGE_CACHE, GObject)

ChronoImageCache *chrono_image_cache_new                 (gsize              memory_limit,
                                                          const char        *disk_dir);
void              chrono_image_cache_set_timeout         (ChronoImageCache  *self,
                                                          guint              seconds);
void              chrono_image_cache_set_download_limit  (ChronoImageCache  *self,
                                                          gsize              bytes);
const char       *chrono_image_cache_get_disk_dir        (ChronoImageCache  *self);
gsize             chrono_image_cache_get_memory_size     (ChronoImageCache  *self);
gboolean          chrono_image_cache_is_on_disk          (ChronoImageCache  *self,
                                                          const char        *url);
cairo_surface_t  *chrono_image_cache_lookup              (ChronoImageCache  *self,
                                                          const char        *source,
                                                          int                width,
                                                          int                height);
void              chrono_image_cache_load_async          (ChronoImageCache  *self,
                                                          const char        *source,
                                                          int                width,
                                                          int                height,
                                                          gboolean           allow_web,
                                                          GCancellable      *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer           user_data);
cairo_surface_t  *chrono_image_cache_load_finish         (ChronoImageCache  *self,
                                                          GAsyncResult      *result,
                                                          GError           **error);

G_END_DECLS
