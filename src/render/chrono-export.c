/* chrono-export.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-export"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "chrono-export-private.h"

G_DEFINE_QUARK (chrono-export-error-quark, chrono_export_error)

void
chrono_export_options_init (ChronoExportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->format = CHRONO_EXPORT_FORMAT_PNG;
  options->width = 1920;
  options->height = 1080;
  options->scale = 1.0;
  options->show_title = TRUE;
  options->show_legend = TRUE;
  options->show_caption = TRUE;
}

gboolean
chrono_export_format_from_path (const char          *path,
                                ChronoExportFormat  *format,
                                GError             **error)
{
  static const struct {
    const char *extension;
    ChronoExportFormat format;
  } formats[] = {
    { ".png", CHRONO_EXPORT_FORMAT_PNG },
    { ".svg", CHRONO_EXPORT_FORMAT_SVG },
    { ".pdf", CHRONO_EXPORT_FORMAT_PDF },
  };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (g_str_has_suffix (lower, formats[i].extension))
        {
          if (format != NULL)
            *format = formats[i].format;
          return TRUE;
        }
    }

  g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_FORMAT,
               _("cannot tell the format of “%s”: use a name ending in .png, .svg or .pdf"),
               path);
  return FALSE;
}

const char *
chrono_export_format_get_extension (ChronoExportFormat format)
{
  switch (format)
    {
    case CHRONO_EXPORT_FORMAT_SVG:
      return "svg";
    case CHRONO_EXPORT_FORMAT_PDF:
      return "pdf";
    case CHRONO_EXPORT_FORMAT_PNG:
    default:
      return "png";
    }
}

void
_chrono_export_get_output_size (const ChronoExportOptions *options,
                                int                       *width,
                                int                       *height)
{
  *width = (int) ceil (options->width * options->scale - 0.001);
  *height = (int) ceil (options->height * options->scale - 0.001);
}

gboolean
chrono_export_options_validate (const ChronoExportOptions  *options,
                                GError                    **error)
{
  int width, height;

  g_return_val_if_fail (options != NULL, FALSE);

  if (!(options->scale >= CHRONO_EXPORT_MIN_SCALE && options->scale <= CHRONO_EXPORT_MAX_SCALE))
    {
      g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_SIZE,
                   _("the scale %g is out of range: use %g to %g"),
                   options->scale, CHRONO_EXPORT_MIN_SCALE, CHRONO_EXPORT_MAX_SCALE);
      return FALSE;
    }

  if (options->width < 1 || options->height < 1 ||
      options->width > CHRONO_EXPORT_MAX_SIZE || options->height > CHRONO_EXPORT_MAX_SIZE)
    {
      g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_SIZE,
                   _("the size %d × %d is out of range: width and height must be 1 to %d"),
                   options->width, options->height, CHRONO_EXPORT_MAX_SIZE);
      return FALSE;
    }

  _chrono_export_get_output_size (options, &width, &height);
  if (width > CHRONO_EXPORT_MAX_SIZE || height > CHRONO_EXPORT_MAX_SIZE)
    {
      g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_SIZE,
                   _("the size %d × %d at scale %g makes %d × %d, more than %d"),
                   options->width, options->height, options->scale,
                   width, height, CHRONO_EXPORT_MAX_SIZE);
      return FALSE;
    }

  if (options->has_range &&
      !(isfinite (options->start) && isfinite (options->end) && options->end > options->start))
    {
      g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_RANGE,
                   _("the date range is empty: its end must come after its start"));
      return FALSE;
    }

  return TRUE;
}


void
_chrono_export_set_pdf_metadata (cairo_surface_t *surface,
                                 ChronoDocument  *document,
                                 const char      *title)
{
  if (title == NULL && document != NULL)
    title = chrono_document_get_title (document);
  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Chronoscope " PACKAGE_VERSION);
}

static cairo_status_t
byte_array_write (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Draws an SVG in memory, adds the text layer, then writes it to @file
 * (open) and commits it. */
static gboolean
write_svg (ChronoDocument             *document,
           const ChronoExportOptions  *options,
           int                         width,
           int                         height,
           ChronoExportFile                 *file,
           GError                    **error)
{
  g_autoptr(GByteArray) svg = g_byte_array_new ();
  g_autoptr(GArray) texts = _chrono_export_text_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  ChronoStyle style;
  cairo_t *cr;

  surface = cairo_svg_surface_create_for_stream (byte_array_write, svg, width, height);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  cr = cairo_create (surface);
  _chrono_export_draw_page (cr, document, options, width, height, texts, &style);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    {
      _chrono_export_text_add_layer (svg, texts, &style);
      status = _chrono_export_atomic_file_write (file, svg->data, svg->len);
    }

  if (!_chrono_export_check_cairo (status, file, error))
    return FALSE;

  return _chrono_export_atomic_file_commit (file, error);
}

gboolean
chrono_export_to_file (ChronoDocument             *document,
                       const ChronoExportOptions  *options,
                       const char                 *path,
                       GError                    **error)
{
  ChronoExportFile file;
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  cairo_t *cr;
  int width, height;

  g_return_val_if_fail (document == NULL || CHRONO_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!chrono_export_options_validate (options, error))
    return FALSE;

  _chrono_export_get_output_size (options, &width, &height);

  /* Draw a raster image before creating any file: running out of memory
   * for a huge image must not leave an empty file. */
  if (options->format == CHRONO_EXPORT_FORMAT_PNG)
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      status = cairo_surface_status (surface);
      if (status != CAIRO_STATUS_SUCCESS)
        {
          cairo_surface_destroy (surface);
          g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_DRAW,
                       _("cannot make an image of %d × %d pixels: %s"),
                       width, height, cairo_status_to_string (status));
          return FALSE;
        }

      cr = cairo_create (surface);
      chrono_export_draw (cr, document, options, width, height);
      status = cairo_status (cr);
      cairo_destroy (cr);

      if (status != CAIRO_STATUS_SUCCESS)
        {
          cairo_surface_destroy (surface);
          g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_DRAW,
                       _("cannot draw the export: %s"), cairo_status_to_string (status));
          return FALSE;
        }

      if (!_chrono_export_atomic_file_open (&file, path, error))
        {
          cairo_surface_destroy (surface);
          return FALSE;
        }

      status = cairo_surface_write_to_png_stream (surface, _chrono_export_atomic_file_write, &file);
      cairo_surface_destroy (surface);
      if (!_chrono_export_check_cairo (status, &file, error))
        return FALSE;

      return _chrono_export_atomic_file_commit (&file, error);
    }

  if (!_chrono_export_atomic_file_open (&file, path, error))
    return FALSE;

  if (options->format == CHRONO_EXPORT_FORMAT_SVG)
    return write_svg (document, options, width, height, &file, error);
  else
    {
      surface = cairo_pdf_surface_create_for_stream (_chrono_export_atomic_file_write, &file, width, height);
      _chrono_export_set_pdf_metadata (surface, document, options->title);
    }

  cr = cairo_create (surface);
  chrono_export_draw (cr, document, options, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (!_chrono_export_check_cairo (status, &file, error))
    return FALSE;

  return _chrono_export_atomic_file_commit (&file, error);
}
