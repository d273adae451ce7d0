/* chrono-window-dnd.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-window"

#include "config.h"

#include "chrono-window-private.h"

/* Files dropped on the window open in it; while one is dragged over,
 * the drop overlay says so. */

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         ChronoWindow  *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;

  chrono_window_open_file (self, files->data);

  return TRUE;
}

static void
on_drop_current (GtkDropTarget *target,
                 GParamSpec    *pspec,
                 ChronoWindow  *self)
{
  gtk_widget_set_visible (self->drop_overlay,
                          gtk_drop_target_get_current_drop (target) != NULL);
}

void
_chrono_window_dnd_init (ChronoWindow *self)
{
  GtkDropTarget *drop;

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  g_signal_connect (drop, "notify::current-drop", G_CALLBACK (on_drop_current), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
