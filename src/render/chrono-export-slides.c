/* chrono-export-slides.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>

#include "chrono-caption.h"
#include "chrono-export-private.h"
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

void
chrono_export_draw_slide (cairo_t                   *cr,
                          ChronoDocument            *document,
                          const ChronoExportOptions *options,
                          GArray                    *steps,
                          guint                      page,
                          double                     width,
                          double                     height)
{
  ChronoStyle style;
  double start, end;

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
      const char *title = options->title;

      whole.has_range = FALSE;
      span_text = _chrono_export_format_caption (document, &whole);
      if (title == NULL)
        title = chrono_document_get_title (document);
      chrono_caption_draw_title (cr, &style, title, span_text,
                                 chrono_document_get_description (document),
                                 width, height);
    }
  else
    {
      guint event = g_array_index (steps, guint, page - 1);

      chrono_story_get_frame (document, options->filter, event, &start, &end);
      chrono_caption_draw_step (cr, &style, document, options->filter, event,
                                page - 1, steps->len, start, end, width, height);
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
