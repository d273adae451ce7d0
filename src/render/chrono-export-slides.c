/* chrono-export-slides.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-export"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "chrono-caption.h"
#include "chrono-export-private.h"
#include "chrono-image-cache.h"
#include "chrono-story.h"
#include "chrono-style.h"

static double
slide_scale (const ChronoExportOptions *options,
             double                     width,
             double                     height)
{
  /* As the presenter: type grows with the page. */
  return options->scale * chrono_caption_get_scale (width / options->scale,
                                                    height / options->scale);
}

/* Print resolution: a PDF page is in points, pictures go in at 300
 * pixels an inch; no picture is larger than this, whatever the page. */
#define PRINT_DPI 300.0
#define MAX_PICTURE_SIZE 3000

/* The slides' own pictures: decoded now, on the thread that exports. */
static cairo_surface_t *
load_picture (ChronoDocument *document,
              const char     *url,
              int             size,
              gpointer        user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  cairo_surface_t *surface;
  gboolean remote;

  source = chrono_document_resolve_media (document, url, &remote);
  if (source == NULL)
    return NULL;
  if (remote)
    surface = chrono_image_load_kept (NULL, source, size, size, &error);
  else
    surface = chrono_image_load_file (source, size, size, &error);
  /* A missing picture leaves its caption and the text: not a failure. */
  if (surface == NULL)
    g_debug ("no picture on the slide: %s", error->message);
  return surface;
}

void
chrono_export_draw_slide (cairo_t                   *cr,
                          ChronoDocument            *document,
                          const ChronoExportOptions *options,
                          GArray                    *steps,
                          guint                      page,
                          double                     width,
                          double                     height)
{
  chrono_export_draw_slide_with_pictures (cr, document, options, steps, page, width, height,
                                          load_picture, NULL);
}

/**
 * chrono_export_draw_slide_with_pictures:
 * @pictures: gives the pictures; may return NULL for any
 *
 * As chrono_export_draw_slide(), taking pictures from @pictures.
 */
void
chrono_export_draw_slide_with_pictures (cairo_t                   *cr,
                                        ChronoDocument            *document,
                                        const ChronoExportOptions *options,
                                        GArray                    *steps,
                                        guint                      page,
                                        double                     width,
                                        double                     height,
                                        ChronoExportPictureFunc    pictures,
                                        gpointer                   user_data)
{
  ChronoStyle style;
  /* The picture's pixels: the page's width in output units (pixels for
   * PNG), at print resolution for a PDF. */
  int size = (int) MIN (MAX_PICTURE_SIZE,
                        ceil (MAX (width, height) *
                              (options->format == CHRONO_EXPORT_FORMAT_PDF ? PRINT_DPI / 72.0 : 1.0)));

  g_return_if_fail (cr != NULL);
  g_return_if_fail (CHRONO_IS_DOCUMENT (document));
  g_return_if_fail (options != NULL);
  g_return_if_fail (steps != NULL);
  g_return_if_fail (page <= steps->len);

  if (options->dark)
    chrono_style_init_dark (&style, slide_scale (options, width, height));
  else
    chrono_style_init_light (&style, slide_scale (options, width, height));

  _chrono_export_count_drawn ();
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  if (page == 0)
    {
      g_autofree char *span_text = NULL;
      ChronoExportOptions whole = *options;
      ChronoCaptionCover cover = { NULL, };
      const ChronoBackground *background = chrono_document_get_background (document);

      whole.has_range = FALSE;
      span_text = _chrono_export_format_caption (document, &whole);
      cover.title = options->title != NULL ? options->title : chrono_document_get_title (document);
      cover.subtitle = span_text;
      cover.description = chrono_document_get_description (document);
      if (background != NULL)
        {
          cover.has_background = background->has_color;
          cover.background = chrono_color_from_rgb (background->color, 1);
          if (background->image != NULL && pictures != NULL)
            cover.image = pictures (document, background->image, size, user_data);
        }
      chrono_caption_draw_cover (cr, &style, &cover, width, height);
      g_clear_pointer (&cover.image, cairo_surface_destroy);
    }
  else
    {
      guint event = g_array_index (steps, guint, page - 1);
      const ChronoMedia *from = chrono_document_get_event_media (document, event);
      const char *picture = from == NULL ? NULL
                            : from->kind == CHRONO_MEDIA_IMAGE ? from->url : from->thumbnail;
      cairo_surface_t *image = NULL;
      ChronoCaptionMedia media;
      ChronoCaptionStep step = {
        .document = document,
        .filter = options->filter,
        .event = g_array_index (steps, guint, page - 1),
        .previous = chrono_story_get_previous (steps, page - 1),
        .step = page - 1,
        .n_steps = steps->len,
      };

      if (picture != NULL && pictures != NULL)
        image = pictures (document, picture, size, user_data);
      if (chrono_caption_media_init (&media, from, image))
        step.media = &media;
      chrono_story_get_step_frame (document, options->filter, step.event, step.previous,
                                   &step.start, &step.end);
      chrono_caption_draw_step (cr, &style, &step, width, height);
      g_clear_pointer (&image, cairo_surface_destroy);
    }

  cairo_restore (cr);
}

GArray *
chrono_export_get_slide_steps (ChronoDocument *document,
                               ChronoFilter   *filter,
                               guint          *n_steps)
{
  GArray *steps;

  g_return_val_if_fail (CHRONO_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (filter == NULL || CHRONO_IS_FILTER (filter), NULL);

  steps = chrono_story_get_steps (document, filter);
  if (n_steps != NULL)
    *n_steps = steps->len;
  if (steps->len > CHRONO_EXPORT_MAX_SLIDES)
    g_array_set_size (steps, CHRONO_EXPORT_MAX_SLIDES);

  return steps;
}

/* One PNG a slide in the folder @path: each written through a
 * temporary file and renamed into place, so a slide is never left
 * half-written. */
static gboolean
write_png_folder (ChronoDocument             *document,
                  const ChronoExportOptions  *options,
                  GArray                     *steps,
                  const char                 *path,
                  GCancellable               *cancellable,
                  GError                    **error)
{
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autoptr(GError) local_error = NULL;
  int width, height;

  if (!g_file_make_directory_with_parents (folder, cancellable, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_WRITE,
                     _("cannot make the folder “%s”: %s"), display, local_error->message);
      return FALSE;
    }

  _chrono_export_get_output_size (options, &width, &height);

  for (guint page = 0; page <= steps->len; page++)
    {
      g_autofree char *name = chrono_export_slide_file_name (page);
      g_autofree char *file_path = g_build_filename (path, name, NULL);
      ChronoExportFile file;
      cairo_surface_t *surface;
      cairo_status_t status;
      cairo_t *cr;

      if (!_chrono_export_file_open (&file, file_path, cancellable, error))
        return FALSE;

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cr = cairo_create (surface);
      chrono_export_draw_slide (cr, document, options, steps, page, width, height);
      status = cairo_status (cr);
      cairo_destroy (cr);
      if (status == CAIRO_STATUS_SUCCESS && !g_cancellable_is_cancelled (cancellable))
        status = cairo_surface_write_to_png_stream (surface, _chrono_export_file_write, &file);
      cairo_surface_destroy (surface);

      if (!_chrono_export_file_check_cairo (status, &file, error) ||
          !_chrono_export_file_commit (&file, error))
        return FALSE;
    }

  /* Slides of a longer talk exported here before would follow these as
   * if they were part of it. */
  for (guint page = steps->len + 1; page <= CHRONO_EXPORT_MAX_SLIDES; page++)
    {
      g_autofree char *name = chrono_export_slide_file_name (page);
      g_autofree char *file_path = g_build_filename (path, name, NULL);

      if (g_unlink (file_path) != 0)
        break;
    }

  return TRUE;
}

char *
chrono_export_slide_file_name (guint page)
{
  return g_strdup_printf ("slide-%03u.png", page + 1);
}

gboolean
chrono_export_slides (ChronoDocument             *document,
                      const ChronoExportOptions  *options,
                      const char                 *path,
                      GCancellable               *cancellable,
                      GError                    **error)
{
  g_autoptr(GArray) steps = NULL;
  ChronoExportFile file;
  cairo_surface_t *surface;
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  cairo_t *cr;
  int width, height;

  g_return_val_if_fail (CHRONO_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!chrono_export_options_validate (options, error))
    return FALSE;

  steps = chrono_export_get_slide_steps (document, options->filter, NULL);
  if (steps->len == 0)
    {
      g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_EMPTY,
                   _("there are no events to make slides of"));
      return FALSE;
    }

  if (options->format == CHRONO_EXPORT_FORMAT_PNG)
    return write_png_folder (document, options, steps, path, cancellable, error);

  _chrono_export_get_output_size (options, &width, &height);

  /* Open first: a missing folder fails before any slide is drawn. */
  if (!_chrono_export_file_open (&file, path, cancellable, error))
    return FALSE;

  surface = cairo_pdf_surface_create_for_stream (_chrono_export_file_write, &file, width, height);
  _chrono_export_set_pdf_metadata (surface, document, options->title);
  cr = cairo_create (surface);

  for (guint page = 0; page <= steps->len && status == CAIRO_STATUS_SUCCESS; page++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      chrono_export_draw_slide (cr, document, options, steps, page, width, height);
      cairo_show_page (cr);
      status = cairo_status (cr);
    }

  if (status == CAIRO_STATUS_SUCCESS)
    status = _chrono_export_finish_surface (cr, surface);
  else
    _chrono_export_finish_surface (cr, surface);

  if (!_chrono_export_file_check_cairo (status, &file, error))
    return FALSE;

  return _chrono_export_file_commit (&file, error);
}
