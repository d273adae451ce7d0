/* chrono-recent-menu.h
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * ChronoRecentMenu:
 *
 * Keeps a menu section of the timelines this application opened last:
 * up to ten local files that still exist, newest first, one entry a
 * file however its URI was spelled, each labelled "name — ~/folder" and
 * activating "win.open-recent" with the file's URI; "No Recent
 * Timelines" (win.no-recent, which no one installs) when there are
 * none.  It follows the recent manager's changes.
 */
#define CHRONO_TYPE_RECENT_MENU (chrono_recent_menu_get_type ())
G_DECLARE_FINAL_TYPE (ChronoRecentMenu, chrono_recent_menu, CHRONO, RECENT_MENU, GObject)

/* Fills @menu (whose items it replaces) from @manager; NULL leaves it empty. */
ChronoRecentMenu *chrono_recent_menu_new      (GMenu            *menu,
                                               GtkRecentManager *manager);
/* Adds @file to the recent files as this application's. */
void              chrono_recent_menu_add_file (ChronoRecentMenu *self,
                                               GFile            *file);

G_END_DECLS
