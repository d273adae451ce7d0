/* chrono-save-changes-dialog.h
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum
{
  CHRONO_SAVE_CHANGES_CANCEL,  /* keep the changes and do nothing */
  CHRONO_SAVE_CHANGES_DISCARD, /* go on, losing them */
  CHRONO_SAVE_CHANGES_SAVE,    /* save them, then go on */
} ChronoSaveChangesResponse;

typedef void (*ChronoSaveChangesFunc) (ChronoSaveChangesResponse response,
                                       gpointer                  user_data);

/* Asks, over @parent, what to do with the unsaved changes of @file
 * (NULL: a timeline never saved) before it is closed or replaced, as
 * GNOME Text Editor asks: Cancel, Discard, and Save when @can_save.
 * @func is called once with the answer (Escape and closing the dialog
 * cancel).  Returns the dialog (transfer none), already presented. */
AdwMessageDialog *chrono_save_changes_dialog_run (GtkWindow             *parent,
                                                  GFile                 *file,
                                                  gboolean               can_save,
                                                  ChronoSaveChangesFunc  func,
                                                  gpointer               user_data);

G_END_DECLS
