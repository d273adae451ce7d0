/* chrono-file-writer.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-file-writer"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <gio/gfiledescriptorbased.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "chrono-file-writer.h"

/* Writing goes through g_file_replace(): it writes a temporary file next
 * to an existing target and renames it into place on close, giving it
 * the target's mode (a 0600 file stays 0600).  Closing the stream with a
 * cancelled cancellable abandons the temporary file and keeps the target
 * as it was.
 *
 * Two cases need help.  A symlink would be written through in place,
 * truncating its target before the new content is ready: the link is
 * resolved here first, so the target is replaced atomically and the
 * link keeps pointing at it.  A target that does not exist yet would be
 * written directly at its final path, so a crash half-way would leave a
 * half-written file there: a new file is written to a hidden sibling
 * instead, synced and renamed into place on commit. */

#define MAX_SYMLINKS 32
#define BUFFER_SIZE  (64 * 1024)
#define MAX_TRIES    100

/* Creates a hidden, uniquely named file next to @target for a new
 * file (with the mode a new file gets under the umask). */
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

/* Turns a GIO error into one naming the file, with the same code, and
 * keeps a cancellation as it is so callers can tell it apart. */
static void
set_write_error (ChronoFileWriter  *writer,
                 GError           **error,
                 GError            *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, cause);
      return;
    }

  g_set_error (error, G_IO_ERROR, cause->domain == G_IO_ERROR ? cause->code : G_IO_ERROR_FAILED,
               _("cannot write “%s”: %s"), writer->display, describe_error (cause));
  g_error_free (cause);
}

/**
 * chrono_file_writer_open:
 * @writer: an uninitialised writer (its contents are overwritten)
 * @file: the file to write; a symlink is followed to its target
 * @display_name: (nullable): the name in messages; @file's parse name
 *   when NULL
 * @cancellable: (nullable): checked on every write and at commit
 *
 * Opens @file for writing.  The folder is checked here (a temporary
 * file is created in it), so a missing or read-only folder fails before
 * anything is written.  On failure @writer holds nothing to free.
 *
 * Returns: TRUE on success; FALSE with a G_IO_ERROR whose message reads
 *   "cannot write “NAME”: reason" (or G_IO_ERROR_CANCELLED)
 */
gboolean
chrono_file_writer_open (ChronoFileWriter  *writer,
                         GFile             *file,
                         const char        *display_name,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (writer, 0, sizeof *writer);
  writer->display = display_name != NULL ? g_strdup (display_name) : g_file_get_parse_name (file);
  writer->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  writer->target = resolve_symlinks (file, cancellable);
  writer->existed = g_file_query_exists (writer->target, cancellable);

  if (writer->existed)
    stream = g_file_replace (writer->target, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, &local_error);
  else
    stream = create_temporary (writer->target, &writer->temporary, cancellable, &local_error);
  if (stream == NULL)
    {
      set_write_error (writer, error, local_error);
      chrono_file_writer_abort (writer);
      return FALSE;
    }

  writer->base = G_OUTPUT_STREAM (g_steal_pointer (&stream));
  writer->stream = g_buffered_output_stream_new_sized (writer->base, BUFFER_SIZE);
  return TRUE;
}

/**
 * chrono_file_writer_write:
 * @data: (array length=length): bytes to append
 *
 * Appends @data.  The first error (a full disk, cancellation) is kept
 * and fails every later write and the commit.
 *
 * Returns: FALSE once writing has failed
 */
gboolean
chrono_file_writer_write (ChronoFileWriter *writer,
                          const void       *data,
                          gsize             length)
{
  GError *local_error = NULL;

  g_return_val_if_fail (writer != NULL, FALSE);

  if (writer->error != NULL || writer->stream == NULL)
    return FALSE;

  if (!g_output_stream_write_all (writer->stream, data, length, NULL, writer->cancellable, &local_error))
    {
      set_write_error (writer, &writer->error, local_error);
      return FALSE;
    }

  return TRUE;
}

const GError *
chrono_file_writer_get_error (ChronoFileWriter *writer)
{
  g_return_val_if_fail (writer != NULL, NULL);

  return writer->error;
}

void
chrono_file_writer_fail (ChronoFileWriter *writer,
                         GError           *error)
{
  g_return_if_fail (writer != NULL);
  g_return_if_fail (error != NULL);

  if (writer->error == NULL)
    writer->error = error;
  else
    g_error_free (error);
}

/**
 * chrono_file_writer_abort:
 *
 * Abandons the file: the target is left as it was before the open, and
 * nothing is left behind.  Frees what @writer holds; safe to call twice.
 */
void
chrono_file_writer_abort (ChronoFileWriter *writer)
{
  g_return_if_fail (writer != NULL);

  if (writer->base != NULL)
    {
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      /* A cancelled close deletes g_file_replace()'s temporary file
       * and keeps the target; a new target's sibling is ours to delete. */
      g_cancellable_cancel (cancelled);
      g_output_stream_close (writer->base, cancelled, NULL);
    }
  if (writer->temporary != NULL)
    g_file_delete (writer->temporary, NULL, NULL);

  g_clear_object (&writer->stream);
  g_clear_object (&writer->base);
  g_clear_object (&writer->target);
  g_clear_object (&writer->temporary);
  g_clear_object (&writer->cancellable);
  g_clear_pointer (&writer->display, g_free);
  g_clear_error (&writer->error);
}

/**
 * chrono_file_writer_commit:
 *
 * Puts the file in place: flushes, syncs a new file, closes and renames.
 * On any error, or when a write failed before, abandons the file as
 * chrono_file_writer_abort() does and fails with the first error.
 * Frees what @writer holds either way.
 */
gboolean
chrono_file_writer_commit (ChronoFileWriter  *writer,
                           GError           **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (writer != NULL, FALSE);

  if (writer->error == NULL)
    g_cancellable_set_error_if_cancelled (writer->cancellable, &writer->error);
  if (writer->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&writer->error));
      chrono_file_writer_abort (writer);
      return FALSE;
    }

  if (!g_output_stream_flush (writer->stream, writer->cancellable, &local_error) ||
      (writer->temporary != NULL && !sync_stream (writer->base, &local_error)) ||
      !g_output_stream_close (writer->base, writer->cancellable, &local_error))
    {
      set_write_error (writer, error, local_error);
      chrono_file_writer_abort (writer);
      return FALSE;
    }
  g_clear_object (&writer->stream);
  g_clear_object (&writer->base);

  /* A rename within the folder: the target appears whole or not at all. */
  if (writer->temporary != NULL &&
      !g_file_move (writer->temporary, writer->target,
                    G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                    writer->cancellable, NULL, NULL, &local_error))
    {
      set_write_error (writer, error, local_error);
      chrono_file_writer_abort (writer);
      return FALSE;
    }
  g_clear_object (&writer->temporary);

  /* Closed and in place: nothing left to abandon. */
  chrono_file_writer_abort (writer);
  return TRUE;
}
