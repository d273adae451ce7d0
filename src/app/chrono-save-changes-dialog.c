/* chrono-save-changes-dialog.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-save-changes-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chrono-save-changes-dialog.h"

typedef struct
{
  ChronoSaveChangesFunc func;
  gpointer              user_data;
} Reply;

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  Reply *reply = user_data;
  ChronoSaveChangesResponse answer = CHRONO_SAVE_CHANGES_CANCEL;
  ChronoSaveChangesFunc func;

  /* One answer only, whatever else the dialog emits on its way out. */
  if (reply->func == NULL)
    return;

  if (g_strcmp0 (response, "discard") == 0)
    answer = CHRONO_SAVE_CHANGES_DISCARD;
  else if (g_strcmp0 (response, "save") == 0)
    answer = CHRONO_SAVE_CHANGES_SAVE;

  func = reply->func;
  reply->func = NULL;
  func (answer, reply->user_data);
}

/**
 * chrono_save_changes_dialog_run:
 * @parent: the window whose timeline has unsaved changes
 * @file: (nullable): its file, or %NULL for one never saved
 * @can_save: whether to offer Save
 * @func: called once with the answer
 * @user_data: for @func
 *
 * Returns: (transfer none): the dialog, presented; it destroys itself
 *   after answering
 */
AdwMessageDialog *
chrono_save_changes_dialog_run (GtkWindow             *parent,
                                GFile                 *file,
                                gboolean               can_save,
                                ChronoSaveChangesFunc  func,
                                gpointer               user_data)
{
  AdwMessageDialog *dialog;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  Reply *reply;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  if (file != NULL)
    name = g_file_get_basename (file);

  if (name != NULL)
    /* Translators: the argument is a file name */
    body = g_strdup_printf (_("“%s” has unsaved changes. Changes that are not saved will be lost."), name);
  else
    body = g_strdup (_("This timeline has never been saved. Changes that are not saved will be lost."));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
                                                       can_save ? _("Save Changes?") : _("Discard Changes?"),
                                                       body));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "discard", _("_Discard"));
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  if (can_save)
    {
      adw_message_dialog_add_response (dialog, "save", _("_Save"));
      adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "save");
    }
  else
    adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  reply = g_new0 (Reply, 1);
  reply->func = func;
  reply->user_data = user_data;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response),
                         reply, (GClosureNotify) (void (*) (void)) g_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}
