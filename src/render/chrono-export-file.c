/* chrono-export-file.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-export"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <gio/gfiledescriptorbased.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "chrono-export-private.h"

/* Writing goes through g_file_replace(): it writes a temporary file next
 * to an existing target and renames it into place on close, giving it
 * the target's mode (a 0600 file stays 0600).  Closing the stream with a
 * cancelled cancellable abandons the temporary file and keeps the target
 * as it was.
 *
 * Two cases need help.  A symlink would be written through in place,
 * truncating its target before the export is drawn: the link is
 * resolved here first, so the target is replaced atomically and the
 * link keeps pointing at it.  A target that does not exist yet would be
 * written directly at its final path, so a crash half-way would leave a
 * half-written file there: a new file is written to a hidden sibling
 * instead, synced and renamed into place on commit. */

#define MAX_SYMLINKS 32
#define BUFFER_SIZE  (64 * 1024)
#define MAX_TRIES    100

/* Creates a hidden, uniquely named file next to @target for a new
 * export (with the mode a new file gets under the umask). */
static GFileOutputStream *
create_temporary (GFile         *target,
                  GFile        **temporary,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (target);
  g_autofree char *basename = g_file_get_basename (target);

  for (guint i = 0; parent != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf (".%s.%08x", basename, g_random_int ());
      g_autoptr(GFile) candidate = g_file_get_child (parent, name);
      g_autoptr(GError) local_error = NULL;
      GFileOutputStream *stream;

      stream = g_file_create (candidate, G_FILE_CREATE_NONE, cancellable, &local_error);
      if (stream != NULL)
        {
          *temporary = g_steal_pointer (&candidate);
          return stream;
        }
      if (i + 1 == MAX_TRIES || !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, g_strerror (ENOENT));
  return NULL;
}

/* Flushes a temporary file to the disk before it is renamed over the
 * target, so a crash after the rename cannot leave an empty file. */
static gboolean
sync_stream (GOutputStream  *stream,
             GError        **error)
{
  if (G_IS_FILE_DESCRIPTOR_BASED (stream) &&
      g_fsync (g_file_descriptor_based_get_fd (G_FILE_DESCRIPTOR_BASED (stream))) != 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* The file that @file's symlinks, if any, lead to. */
static GFile *
resolve_symlinks (GFile        *file,
                  GCancellable *cancellable)
{
  g_autoptr(GFile) current = g_object_ref (file);

  for (guint i = 0; i < MAX_SYMLINKS; i++)
    {
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GFile) parent = NULL;
      const char *target;

      info = g_file_query_info (current,
                                G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK ","
                                G_FILE_ATTRIBUTE_STANDARD_SYMLINK_TARGET,
                                G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, NULL);
      if (info == NULL || !g_file_info_get_is_symlink (info))
        break;

      target = g_file_info_get_symlink_target (info);
      parent = g_file_get_parent (current);
      if (target == NULL || parent == NULL)
        break;

      g_object_unref (current);
      current = g_file_resolve_relative_path (parent, target);
    }

  return g_steal_pointer (&current);
}

/* "No such file or directory" rather than GIO's longer message, which
 * repeats the path. */
static const char *
describe_error (const GError *error)
{
  static const struct {
    GIOErrorEnum code;
    int          errnum;
  } errors[] = {
    { G_IO_ERROR_NOT_FOUND, ENOENT },
    { G_IO_ERROR_PERMISSION_DENIED, EACCES },
    { G_IO_ERROR_IS_DIRECTORY, EISDIR },
    { G_IO_ERROR_NOT_DIRECTORY, ENOTDIR },
    { G_IO_ERROR_NO_SPACE, ENOSPC },
    { G_IO_ERROR_READ_ONLY, EROFS },
    { G_IO_ERROR_FILENAME_TOO_LONG, ENAMETOOLONG },
  };

  if (error->domain == G_IO_ERROR)
    for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
      if (error->code == (int) errors[i].code)
        return g_strerror (errors[i].errnum);

  return error->message;
}

/* Turns a GIO error into an export error naming @file, keeping a
 * cancellation as it is so callers can tell it apart. */
static void
set_write_error (ChronoExportFile  *file,
                 GError           **error,
                 GError            *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, cause);
      return;
    }

  g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_WRITE,
               _("cannot write “%s”: %s"), file->display, describe_error (cause));
  g_error_free (cause);
}

gboolean
_chrono_export_file_open (ChronoExportFile  *file,
                          const char        *path,
                          GCancellable      *cancellable,
                          GError           **error)
{
  g_autoptr(GFile) given = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  GError *local_error = NULL;

  memset (file, 0, sizeof *file);
  file->display = g_filename_display_name (path);
  file->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  file->target = resolve_symlinks (given, cancellable);
  file->existed = g_file_query_exists (file->target, cancellable);

  /* Opening creates a temporary sibling: a missing or read-only folder
   * fails here, before anything is drawn. */
  if (file->existed)
    stream = g_file_replace (file->target, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, &local_error);
  else
    stream = create_temporary (file->target, &file->temporary, cancellable, &local_error);
  if (stream == NULL)
    {
      set_write_error (file, error, local_error);
      _chrono_export_file_abort (file);
      return FALSE;
    }

  file->base = G_OUTPUT_STREAM (g_steal_pointer (&stream));
  file->stream = g_buffered_output_stream_new_sized (file->base, BUFFER_SIZE);
  return TRUE;
}

cairo_status_t
_chrono_export_file_write (void                *closure,
                           const unsigned char *data,
                           unsigned int         length)
{
  ChronoExportFile *file = closure;
  GError *local_error = NULL;

  if (file->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;

  /* Cancelling fails the write, which stops cairo at once. */
  if (!g_output_stream_write_all (file->stream, data, length, NULL, file->cancellable, &local_error))
    {
      set_write_error (file, &file->error, local_error);
      return CAIRO_STATUS_WRITE_ERROR;
    }

  return CAIRO_STATUS_SUCCESS;
}

void
_chrono_export_file_abort (ChronoExportFile *file)
{
  if (file->base != NULL)
    {
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      /* A cancelled close deletes g_file_replace()'s temporary file
       * and keeps the target; a new target's sibling is ours to delete. */
      g_cancellable_cancel (cancelled);
      g_output_stream_close (file->base, cancelled, NULL);
    }
  if (file->temporary != NULL)
    g_file_delete (file->temporary, NULL, NULL);

  g_clear_object (&file->stream);
  g_clear_object (&file->base);
  g_clear_object (&file->target);
  g_clear_object (&file->temporary);
  g_clear_object (&file->cancellable);
  g_clear_pointer (&file->display, g_free);
  g_clear_error (&file->error);
}

gboolean
_chrono_export_file_commit (ChronoExportFile  *file,
                            GError           **error)
{
  GError *local_error = NULL;

  if (file->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&file->error));
      _chrono_export_file_abort (file);
      return FALSE;
    }

  if (!g_output_stream_flush (file->stream, file->cancellable, &local_error) ||
      (file->temporary != NULL && !sync_stream (file->base, &local_error)) ||
      !g_output_stream_close (file->base, file->cancellable, &local_error))
    {
      set_write_error (file, error, local_error);
      _chrono_export_file_abort (file);
      return FALSE;
    }
  g_clear_object (&file->stream);
  g_clear_object (&file->base);

  /* A rename within the folder: the target appears whole or not at all. */
  if (file->temporary != NULL &&
      !g_file_move (file->temporary, file->target,
                    G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                    file->cancellable, NULL, NULL, &local_error))
    {
      set_write_error (file, error, local_error);
      _chrono_export_file_abort (file);
      return FALSE;
    }
  g_clear_object (&file->temporary);

  /* Closed and in place: nothing left to abandon. */
  _chrono_export_file_abort (file);
  return TRUE;
}

gboolean
_chrono_export_file_check_cairo (cairo_status_t     status,
                                 ChronoExportFile  *file,
                                 GError           **error)
{
  if (status == CAIRO_STATUS_SUCCESS && file->error == NULL &&
      !g_cancellable_set_error_if_cancelled (file->cancellable, &file->error))
    return TRUE;

  if (file->error != NULL)
    g_propagate_error (error, g_steal_pointer (&file->error));
  else
    g_set_error (error, CHRONO_EXPORT_ERROR,
                 status == CAIRO_STATUS_WRITE_ERROR ? CHRONO_EXPORT_ERROR_WRITE : CHRONO_EXPORT_ERROR_DRAW,
                 _("cannot draw the export: %s"), cairo_status_to_string (status));
  _chrono_export_file_abort (file);
  return FALSE;
}
