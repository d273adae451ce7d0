/* chrono-recent-menu.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-recent-menu"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chrono-recent-menu.h"

/* How many recent timelines the menu lists. */
#define MAX_ITEMS 10

struct _ChronoRecentMenu
{
  GObject           parent_instance;

  GMenu            *menu;
  GtkRecentManager *manager;
  gulong            changed_handler;
};

G_DEFINE_FINAL_TYPE (ChronoRecentMenu, chrono_recent_menu, G_TYPE_OBJECT)

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *info_a = *(GtkRecentInfo **) a;
  GtkRecentInfo *info_b = *(GtkRecentInfo **) b;
  GDateTime *time_a = gtk_recent_info_get_modified (info_a);
  GDateTime *time_b = gtk_recent_info_get_modified (info_b);

  return g_date_time_compare (time_b, time_a);
}

/* Doubles the underscores of @text, which a menu label would take for
 * mnemonics. */
static char *
escape_underscores (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

/* "name.json — ~/folder": files of the same name in different folders
 * stay apart.  (Menu labels in GTK 4.8 take no markup to dim the folder.) */
static char *
recent_label (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *folder = NULL;
  g_autofree char *escaped_name = NULL;
  g_autofree char *escaped_folder = NULL;
  const char *home = g_get_home_dir ();

  if (parent != NULL)
    folder = g_file_get_path (parent);
  if (folder == NULL)
    folder = g_strdup ("");

  if (home != NULL && home[0] != '\0' && g_strcmp0 (home, "/") != 0 &&
      g_str_has_prefix (folder, home) &&
      (folder[strlen (home)] == '\0' || folder[strlen (home)] == G_DIR_SEPARATOR))
    {
      char *tilde = g_strconcat ("~", folder + strlen (home), NULL);

      g_free (folder);
      folder = tilde;
    }

  {
    g_autofree char *display_name = g_filename_display_name (name);
    g_autofree char *display_folder = g_filename_display_name (folder);

    escaped_name = escape_underscores (display_name);
    escaped_folder = escape_underscores (display_folder);
  }

  /* Translators: a recent file in the Open Recent menu: its name, then
   * its folder */
  return g_strdup_printf (_("%s — %s"), escaped_name, escaped_folder);
}

static void
rebuild (ChronoRecentMenu *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_items = 0;
  GList *items;
  g_autoptr(GPtrArray) mine = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);
  const char *app_name = g_get_application_name ();

  g_menu_remove_all (self->menu);

  if (self->manager == NULL)
    return;

  items = gtk_recent_manager_get_items (self->manager);
  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (app_name != NULL && gtk_recent_info_has_application (info, app_name) &&
          gtk_recent_info_is_local (info) && gtk_recent_info_exists (info))
        g_ptr_array_add (mine, gtk_recent_info_ref (info));
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);

  g_ptr_array_sort (mine, compare_recent);

  for (guint i = 0; i < mine->len && n_items < MAX_ITEMS; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (mine, i);
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GFile) file = g_file_new_for_uri (uri);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      /* One entry a file, however its URI was spelled. */
      if (!g_hash_table_add (seen, g_file_get_uri (file)))
        continue;

      label = recent_label (file);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", uri);
      g_menu_append_item (self->menu, item);
      n_items++;
    }

  if (n_items == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Timelines"), "win.no-recent");

      g_menu_append_item (self->menu, item);
    }
}

static void
chrono_recent_menu_dispose (GObject *object)
{
  ChronoRecentMenu *self = CHRONO_RECENT_MENU (object);

  if (self->manager != NULL)
    g_clear_signal_handler (&self->changed_handler, self->manager);
  g_clear_object (&self->manager);
  g_clear_object (&self->menu);

  G_OBJECT_CLASS (chrono_recent_menu_parent_class)->dispose (object);
}

static void
chrono_recent_menu_class_init (ChronoRecentMenuClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = chrono_recent_menu_dispose;
}

static void
chrono_recent_menu_init (ChronoRecentMenu *self)
{
}

/**
 * chrono_recent_menu_new:
 * @menu: the section to fill; its items are replaced
 * @manager: (nullable): the recent files, usually
 *   gtk_recent_manager_get_default(); %NULL leaves @menu empty
 *
 * Returns: (transfer full): an object that keeps @menu up to date while
 *   it lives
 */
ChronoRecentMenu *
chrono_recent_menu_new (GMenu            *menu,
                        GtkRecentManager *manager)
{
  ChronoRecentMenu *self;

  g_return_val_if_fail (G_IS_MENU (menu), NULL);
  g_return_val_if_fail (manager == NULL || GTK_IS_RECENT_MANAGER (manager), NULL);

  self = g_object_new (CHRONO_TYPE_RECENT_MENU, NULL);
  self->menu = g_object_ref (menu);
  if (manager != NULL)
    {
      self->manager = g_object_ref (manager);
      self->changed_handler = g_signal_connect_swapped (manager, "changed",
                                                        G_CALLBACK (rebuild), self);
    }
  rebuild (self);

  return self;
}

/**
 * chrono_recent_menu_add_file:
 * @file: a timeline just opened
 *
 * Adds @file to the recent files as this application's, when it is a
 * local file; the menu follows once the manager has written it.
 */
void
chrono_recent_menu_add_file (ChronoRecentMenu *self,
                             GFile            *file)
{
  g_autofree char *uri = NULL;
  g_autofree char *name = NULL;
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .app_name = (char *) g_get_application_name (),
    .app_exec = (char *) "chronoscope %u",
    .groups = NULL,
    .is_private = FALSE,
  };

  g_return_if_fail (CHRONO_IS_RECENT_MENU (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->manager == NULL || !g_file_is_native (file))
    return;

  uri = g_file_get_uri (file);
  name = g_file_get_basename (file);
  data.mime_type = (char *) (g_str_has_suffix (name, ".csv") ? "text/csv" : "application/json");
  gtk_recent_manager_add_full (self->manager, uri, &data);
}
