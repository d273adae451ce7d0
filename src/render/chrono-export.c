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


static guint n_drawn;

guint
_chrono_export_get_n_drawn (void)
{
  return g_atomic_int_get (&n_drawn);
}

void
_chrono_export_count_drawn (void)
{
  g_atomic_int_inc (&n_drawn);
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

cairo_status_t
_chrono_export_finish_surface (cairo_t         *cr,
                               cairo_surface_t *surface)
{
  cairo_status_t status = cairo_status (cr);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return status;
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
           ChronoExportFile           *file,
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
  _chrono_export_draw_page (cr, document, options, width, height, texts, &style, NULL, file->writer.cancellable);
  status = _chrono_export_finish_surface (cr, surface);

  if (status == CAIRO_STATUS_SUCCESS && !g_cancellable_is_cancelled (file->writer.cancellable))
    {
      _chrono_export_text_add_layer (svg, texts, &style);
      status = _chrono_export_file_write (file, svg->data, svg->len);
    }

  if (!_chrono_export_file_check_cairo (status, file, error))
    return FALSE;

  return _chrono_export_file_commit (file, error);
}

/* Draws a PNG into memory, then encodes it into @file (open) and commits
 * it. */
static gboolean
write_png (ChronoDocument             *document,
           const ChronoExportOptions  *options,
           int                         width,
           int                         height,
           ChronoExportFile           *file,
           GError                    **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      _chrono_export_file_abort (file);
      g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_DRAW,
                   _("cannot make an image of %d × %d pixels: %s"),
                   width, height, cairo_status_to_string (status));
      return FALSE;
    }

  cr = cairo_create (surface);
  _chrono_export_draw_page (cr, document, options, width, height, NULL, NULL, NULL, file->writer.cancellable);
  status = cairo_status (cr);
  cairo_destroy (cr);

  /* Encoding checks the cancellable at each write. */
  if (status == CAIRO_STATUS_SUCCESS && !g_cancellable_is_cancelled (file->writer.cancellable))
    status = cairo_surface_write_to_png_stream (surface, _chrono_export_file_write, file);
  cairo_surface_destroy (surface);

  if (!_chrono_export_file_check_cairo (status, file, error))
    return FALSE;

  return _chrono_export_file_commit (file, error);
}

static gboolean
write_pdf (ChronoDocument             *document,
           const ChronoExportOptions  *options,
           int                         width,
           int                         height,
           ChronoExportFile           *file,
           GError                    **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (_chrono_export_file_write, file, width, height);
  _chrono_export_set_pdf_metadata (surface, document, options->title);
  cr = cairo_create (surface);
  _chrono_export_draw_page (cr, document, options, width, height, NULL, NULL, NULL, file->writer.cancellable);
  status = _chrono_export_finish_surface (cr, surface);

  if (!_chrono_export_file_check_cairo (status, file, error))
    return FALSE;

  return _chrono_export_file_commit (file, error);
}

gboolean
chrono_export_to_file (ChronoDocument             *document,
                       const ChronoExportOptions  *options,
                       const char                 *path,
                       GCancellable               *cancellable,
                       GError                    **error)
{
  ChronoExportFile file;
  int width, height;

  g_return_val_if_fail (document == NULL || CHRONO_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!chrono_export_options_validate (options, error))
    return FALSE;

  _chrono_export_get_output_size (options, &width, &height);

  /* Open first: a folder that is missing or read-only fails at once,
   * not after a drawing that may take seconds. */
  if (!_chrono_export_file_open (&file, path, cancellable, error))
    return FALSE;

  /* Every lane on the page: a page too short for them grows. */
  height = _chrono_export_fit_height (document, options, width, height);

  switch (options->format)
    {
    case CHRONO_EXPORT_FORMAT_SVG:
      return write_svg (document, options, width, height, &file, error);
    case CHRONO_EXPORT_FORMAT_PDF:
      return write_pdf (document, options, width, height, &file, error);
    case CHRONO_EXPORT_FORMAT_PNG:
    default:
      return write_png (document, options, width, height, &file, error);
    }
}

/* Asynchronous export: the worker owns copies of everything it reads. */

typedef struct
{
  ChronoDocument      *document;
  ChronoExportOptions  options;
  char                *title;
  char                *path;
  gboolean             slides;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->document);
  g_clear_object (&data->options.filter);
  g_clear_pointer (&data->title, g_free);
  g_clear_pointer (&data->path, g_free);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError *error = NULL;
  gboolean ok;

  if (data->slides)
    ok = chrono_export_slides (data->document, &data->options, data->path, cancellable, &error);
  else
    ok = chrono_export_to_file (data->document, &data->options, data->path, cancellable, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
export_async (ChronoDocument            *document,
              const ChronoExportOptions *options,
              const char                *path,
              gboolean                   slides,
              GCancellable              *cancellable,
              GAsyncReadyCallback        callback,
              gpointer                   user_data,
              gpointer                   source_tag)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data = g_new0 (ExportData, 1);

  data->document = document != NULL ? g_object_ref (document) : NULL;
  data->options = *options;
  data->title = g_strdup (options->title);
  data->options.title = data->title;
  /* The caller may change its filter while the worker reads the copy. */
  data->options.filter = options->filter != NULL ? chrono_filter_copy (options->filter) : NULL;
  data->path = g_strdup (path);
  data->slides = slides;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  /* The worker stops soon after a cancel and cleans up its file before
   * returning, so the caller hears of the cancel only once no file is
   * left behind. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, export_thread);
}

void
chrono_export_to_file_async (ChronoDocument            *document,
                             const ChronoExportOptions *options,
                             const char                *path,
                             GCancellable              *cancellable,
                             GAsyncReadyCallback        callback,
                             gpointer                   user_data)
{
  g_return_if_fail (document == NULL || CHRONO_IS_DOCUMENT (document));
  g_return_if_fail (options != NULL);
  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  export_async (document, options, path, FALSE, cancellable, callback, user_data,
                chrono_export_to_file_async);
}

gboolean
chrono_export_to_file_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == chrono_export_to_file_async ||
                        g_task_get_source_tag (G_TASK (result)) == chrono_export_slides_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
chrono_export_slides_async (ChronoDocument            *document,
                            const ChronoExportOptions *options,
                            const char                *path,
                            GCancellable              *cancellable,
                            GAsyncReadyCallback        callback,
                            gpointer                   user_data)
{
  g_return_if_fail (CHRONO_IS_DOCUMENT (document));
  g_return_if_fail (options != NULL);
  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  export_async (document, options, path, TRUE, cancellable, callback, user_data,
                chrono_export_slides_async);
}

gboolean
chrono_export_slides_finish (GAsyncResult  *result,
                             GError       **error)
{
  return chrono_export_to_file_finish (result, error);
}
