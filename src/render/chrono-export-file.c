/* chrono-export-file.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "chrono-export-private.h"

/* Atomic writes: a temporary file next to the target, renamed over it
 * only once everything was written. */

gboolean
_chrono_export_atomic_file_open (ChronoExportFile  *file,
                  const char  *path,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);
  int saved_errno;

  memset (file, 0, sizeof *file);
  file->fd = -1;
  file->tmp_path = g_build_filename (dir, name, NULL);
  file->fd = g_mkstemp_full (file->tmp_path, O_RDWR | O_CLOEXEC, 0666);
  saved_errno = errno;

  if (file->fd < 0)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_WRITE,
                   _("cannot write “%s”: %s"), display, g_strerror (saved_errno));
      g_clear_pointer (&file->tmp_path, g_free);
      return FALSE;
    }

  file->path = g_strdup (path);
  return TRUE;
}

cairo_status_t
_chrono_export_atomic_file_write (void                *closure,
                   const unsigned char *data,
                   unsigned int         length)
{
  ChronoExportFile *file = closure;

  if (file->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;

  while (length > 0)
    {
      gssize n = write (file->fd, data, length);

      if (n < 0)
        {
          int saved_errno = errno;
          g_autofree char *display = NULL;

          if (saved_errno == EINTR)
            continue;

          display = g_filename_display_name (file->path);
          g_set_error (&file->error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_WRITE,
                       _("cannot write “%s”: %s"), display, g_strerror (saved_errno));
          return CAIRO_STATUS_WRITE_ERROR;
        }

      data += n;
      length -= n;
    }

  return CAIRO_STATUS_SUCCESS;
}

void
_chrono_export_atomic_file_abort (ChronoExportFile *file)
{
  if (file->fd >= 0)
    close (file->fd);
  file->fd = -1;
  if (file->tmp_path != NULL)
    g_unlink (file->tmp_path);
  g_clear_pointer (&file->tmp_path, g_free);
  g_clear_pointer (&file->path, g_free);
  g_clear_error (&file->error);
}

/* Renames the file into place, or removes it and fails with the first
 * write error. */
gboolean
_chrono_export_atomic_file_commit (ChronoExportFile  *file,
                    GError     **error)
{
  g_autofree char *display = g_filename_display_name (file->path);
  int saved_errno;

  if (file->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&file->error));
      _chrono_export_atomic_file_abort (file);
      return FALSE;
    }

  /* Close even when fsync fails, keeping the first error. */
  saved_errno = fsync (file->fd) != 0 ? errno : 0;
  if (close (file->fd) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno != 0)
    {
      file->fd = -1;
      g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_WRITE,
                   _("cannot write “%s”: %s"), display, g_strerror (saved_errno));
      _chrono_export_atomic_file_abort (file);
      return FALSE;
    }
  file->fd = -1;

  if (g_rename (file->tmp_path, file->path) != 0)
    {
      saved_errno = errno;
      g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_WRITE,
                   _("cannot write “%s”: %s"), display, g_strerror (saved_errno));
      _chrono_export_atomic_file_abort (file);
      return FALSE;
    }

  g_clear_pointer (&file->tmp_path, g_free);
  g_clear_pointer (&file->path, g_free);
  return TRUE;
}

gboolean
_chrono_export_check_cairo (cairo_status_t   status,
             ChronoExportFile      *file,
             GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS && file->error == NULL)
    return TRUE;

  if (file->error != NULL)
    g_propagate_error (error, g_steal_pointer (&file->error));
  else
    g_set_error (error, CHRONO_EXPORT_ERROR,
                 status == CAIRO_STATUS_WRITE_ERROR ? CHRONO_EXPORT_ERROR_WRITE : CHRONO_EXPORT_ERROR_DRAW,
                 _("cannot draw the export: %s"), cairo_status_to_string (status));
  _chrono_export_atomic_file_abort (file);
  return FALSE;
}
