/* chrono-window-save.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "chrono-save-changes-dialog.h"
#include "chrono-window-private.h"

/* Unsaved changes: what closing the window, opening another file or
 * reloading asks first, and saving as the answer.  The file's life (and
 * the write itself) is the ChronoDocumentFile's; this is only the
 * asking. */

typedef struct
{
  ChronoWindow      *self;
  ChronoWindowThen   then;
  gpointer           data;
  GDestroyNotify     destroy;
} Pending;

static void
pending_free (Pending *pending)
{
  if (pending->destroy != NULL)
    pending->destroy (pending->data);
  g_clear_object (&pending->self);
  g_free (pending);
}

static void
pending_run (Pending *pending)
{
  pending->then (pending->self, pending->data);
  pending_free (pending);
}

static gboolean
pending_run_idle (gpointer user_data)
{
  pending_run (user_data);

  return G_SOURCE_REMOVE;
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(GError) error = NULL;

  if (!chrono_document_file_save_finish (CHRONO_DOCUMENT_FILE (object), result, &error))
    {
      /* Not saved: stay, and say why. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        chrono_window_add_toast (pending->self, adw_toast_new (error->message));
      pending_free (pending);
      return;
    }

  pending_run (pending);
}

static void
save_to (Pending *pending,
         GFile   *file)
{
  ChronoWindow *self = pending->self;

  chrono_document_file_save_async (self->document_file,
                                   chrono_session_get_document (self->session),
                                   file, NULL, on_saved, pending);
}

static void
on_save_as_response (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  Pending *pending = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (pending->self->save_dialog == dialog)
    pending->self->save_dialog = NULL;
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);

  if (file != NULL)
    save_to (pending, file);
  else
    pending_free (pending);
}

/* Saves the timeline, asking where when @ask_where or when it has no
 * file of its own (a new or imported timeline: Save never overwrites an
 * import), then runs what was pending. */
static void
save_then (Pending  *pending,
           gboolean  ask_where)
{
  ChronoWindow *self = pending->self;
  GtkFileChooserNative *dialog;
  GFile *current = chrono_document_file_get_file (self->document_file);

  if (!ask_where && !chrono_document_file_get_save_needs_file (self->document_file))
    {
      save_to (pending, current);
      return;
    }

  if (self->save_dialog != NULL)
    {
      gtk_native_dialog_show (self->save_dialog);
      pending_free (pending);
      return;
    }

  dialog = gtk_file_chooser_native_new (_("Save Timeline"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  if (current != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (current);
      g_autofree char *basename = g_file_get_basename (current);
      g_autofree char *name = NULL;
      char *dot = strrchr (basename, '.');

      /* An import is offered beside itself, as .json. */
      if (dot != NULL && g_ascii_strcasecmp (dot, ".json") != 0)
        *dot = '\0';
      name = g_str_has_suffix (basename, ".json") ? g_strdup (basename)
                                                  : g_strconcat (basename, ".json", NULL);
      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
    }
  else
    {
      /* Translators: the name a new timeline is saved under at first */
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("Timeline.json"));
    }
  self->save_dialog = GTK_NATIVE_DIALOG (dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_as_response), pending);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_save_changes_response (ChronoSaveChangesResponse  response,
                          gpointer                   user_data)
{
  Pending *pending = user_data;

  switch (response)
    {
    case CHRONO_SAVE_CHANGES_DISCARD:
      /* Once the dialog has gone: what is pending may destroy the
       * window, and the dialog with it, while it still answers. */
      g_idle_add (pending_run_idle, pending);
      break;

    case CHRONO_SAVE_CHANGES_SAVE:
      save_then (pending, FALSE);
      break;

    case CHRONO_SAVE_CHANGES_CANCEL:
    default:
      pending_free (pending);
      break;
    }
}

/**
 * _chrono_window_when_changes_settled:
 * @then: what to do once the unsaved changes are saved or discarded
 * @data: (nullable): for @then
 * @destroy: (nullable): frees @data, whether @then ran or not
 *
 * Runs @then at once when there are no unsaved changes; otherwise asks
 * (Save / Discard / Cancel) and runs it after Save succeeded or on
 * Discard, never on Cancel.  While a question is open, a second one is
 * not asked: the first comes to the front.
 */
void
_chrono_window_when_changes_settled (ChronoWindow     *self,
                                     ChronoWindowThen  then,
                                     gpointer          data,
                                     GDestroyNotify    destroy)
{
  Pending *pending;

  pending = g_new0 (Pending, 1);
  pending->self = g_object_ref (self);
  pending->then = then;
  pending->data = data;
  pending->destroy = destroy;

  if (!chrono_document_file_get_modified (self->document_file))
    {
      pending_run (pending);
      return;
    }

  if (self->save_changes_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->save_changes_dialog));
      pending_free (pending);
      return;
    }

  self->save_changes_dialog =
    chrono_save_changes_dialog_run (GTK_WINDOW (self),
                                    chrono_document_file_get_file (self->document_file),
                                    chrono_document_file_can_save (self->document_file),
                                    on_save_changes_response, pending);
  g_object_add_weak_pointer (G_OBJECT (self->save_changes_dialog),
                             (gpointer *) &self->save_changes_dialog);
}

static void
saved_nothing_pending (ChronoWindow *self,
                       gpointer      data)
{
}

/**
 * _chrono_window_save:
 * @ask_where: %TRUE for Save As: always ask for a file
 *
 * Saves the timeline in Chronoscope's format: to its own file, or, when
 * @ask_where or when it has none of its own (new, or imported from
 * TimelineJS or CSV), to a file chosen in a "Save Timeline" chooser.  A
 * failure is told in a toast and leaves the file on disk as it was.
 */
void
_chrono_window_save (ChronoWindow *self,
                     gboolean      ask_where)
{
  Pending *pending;

  if (chrono_session_get_document (self->session) == NULL)
    return;

  pending = g_new0 (Pending, 1);
  pending->self = g_object_ref (self);
  pending->then = saved_nothing_pending;
  save_then (pending, ask_where);
}
