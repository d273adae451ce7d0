/* chrono-export-file.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chrono-export-private.h"

/* Exports are written with the model's atomic file writer
 * (chrono-file-writer.c: g_file_replace(), symlinks resolved, a new file
 * written to a hidden sibling and renamed); this adds cairo's write
 * callback and turns its errors into export errors. */

/* A writer's error as CHRONO_EXPORT_ERROR_WRITE, keeping a cancellation
 * as it is so callers can tell it apart. */
static void
to_export_error (GError **error,
                 GError  *cause)
{
  if (cause == NULL || g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      cause->domain == CHRONO_EXPORT_ERROR)
    {
      if (cause != NULL)
        g_propagate_error (error, cause);
      return;
    }

  g_set_error_literal (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_WRITE, cause->message);
  g_error_free (cause);
}

gboolean
_chrono_export_file_open (ChronoExportFile  *file,
                          const char        *path,
                          GCancellable      *cancellable,
                          GError           **error)
{
  g_autoptr(GFile) given = g_file_new_for_path (path);
  g_autofree char *display = g_filename_display_name (path);
  GError *local_error = NULL;

  if (!chrono_file_writer_open (&file->writer, given, display, cancellable, &local_error))
    {
      to_export_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

cairo_status_t
_chrono_export_file_write (void                *closure,
                           const unsigned char *data,
                           unsigned int         length)
{
  ChronoExportFile *file = closure;

  /* Cancelling fails the write, which stops cairo at once. */
  if (!chrono_file_writer_write (&file->writer, data, length))
    return CAIRO_STATUS_WRITE_ERROR;

  return CAIRO_STATUS_SUCCESS;
}

void
_chrono_export_file_abort (ChronoExportFile *file)
{
  chrono_file_writer_abort (&file->writer);
}

gboolean
_chrono_export_file_commit (ChronoExportFile  *file,
                            GError           **error)
{
  GError *local_error = NULL;

  if (!chrono_file_writer_commit (&file->writer, &local_error))
    {
      to_export_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

gboolean
_chrono_export_file_check_cairo (cairo_status_t     status,
                                 ChronoExportFile  *file,
                                 GError           **error)
{
  GError *cancelled = NULL;

  if (status == CAIRO_STATUS_SUCCESS && chrono_file_writer_get_error (&file->writer) == NULL &&
      !g_cancellable_set_error_if_cancelled (file->writer.cancellable, &cancelled))
    return TRUE;

  if (cancelled != NULL)
    chrono_file_writer_fail (&file->writer, cancelled);

  if (chrono_file_writer_get_error (&file->writer) != NULL)
    to_export_error (error, g_steal_pointer (&file->writer.error));
  else
    g_set_error (error, CHRONO_EXPORT_ERROR,
                 status == CAIRO_STATUS_WRITE_ERROR ? CHRONO_EXPORT_ERROR_WRITE : CHRONO_EXPORT_ERROR_DRAW,
                 _("cannot draw the export: %s"), cairo_status_to_string (status));
  _chrono_export_file_abort (file);
  return FALSE;
}
