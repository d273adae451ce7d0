/* chrono-application.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-application"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chrono-application.h"
#include "chrono-window.h"

struct _ChronoApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  gboolean        present_on_open;
};

G_DEFINE_FINAL_TYPE (ChronoApplication, chrono_application, ADW_TYPE_APPLICATION)

static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.shortcuts", { "<Control>question", NULL } },
  { "win.open", { "<Control>o", NULL } },
  { "win.reload", { "<Control>r", NULL } },
  { "win.search", { "<Control>f", NULL } },
  { "win.search-next", { "F3", "<Control>g", NULL } },
  { "win.search-previous", { "<Shift>F3", "<Control><Shift>g", NULL } },
  { "win.toggle-sidebar", { "F9", NULL } },
  { "win.zoom-in", { "<Control>plus", "<Control>equal", NULL } },
  { "win.zoom-out", { "<Control>minus", NULL } },
  { "win.zoom-fit", { "<Control>0", NULL } },
  { "win.present", { "F5", NULL } },
  { "win.export", { "<Control>e", NULL } },
  { "win.save", { "<Control>s", NULL } },
  { "win.save-as", { "<Control><Shift>s", NULL } },
  { "win.print", { "<Control>p", NULL } },
  { "window.close", { "<Control>w", NULL } },
};

static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Running from the build tree without GSETTINGS_SCHEMA_DIR: work, just
   * without remembering anything, rather than abort in g_settings_new(). */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_message ("GSettings schema %s is not installed; settings will not be saved",
                 APPLICATION_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/* "default", "light" or "dark", as the color-scheme key holds it. */
static void
apply_color_scheme (const char *scheme)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  if (g_strcmp0 (scheme, "light") == 0)
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_strcmp0 (scheme, "dark") == 0)
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

static void
on_color_scheme_changed (GSettings  *settings,
                         const char *key,
                         gpointer    user_data)
{
  g_autofree char *scheme = g_settings_get_string (settings, key);

  apply_color_scheme (scheme);
}

/* Without settings the choice lasts as long as the application. */
static void
on_color_scheme_activate (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  g_simple_action_set_state (action, parameter);
  apply_color_scheme (g_variant_get_string (parameter, NULL));
}

static void
on_quit_activate (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  g_autoptr(GList) copy = g_list_copy (windows);

  /* Closing the windows lets each save its state, and a window with
   * unsaved changes ask about them: it stays open until answered, and
   * the application with it. */
  for (GList *l = copy; l != NULL; l = l->next)
    gtk_window_close (l->data);

  if (gtk_application_get_windows (GTK_APPLICATION (app)) == NULL)
    g_application_quit (app);
}

static void
on_about_activate (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GtkApplication *app = user_data;
  GtkWindow *window = gtk_application_get_active_window (app);
  static const char *developers[] = { "The Chronoscope Authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application-name", _("Chronoscope"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Chronoscope Authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("See careers and company histories on one zoomable timeline."),
                        "website", "https://github.com/chronoscope/chronoscope",
                        "issue-url", "https://github.com/chronoscope/chronoscope/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", _("© 2026 The Chronoscope Authors"),
                        "developers", developers,
                        /* Translators: put your names here, one a line */
                        "translator-credits", _("translator-credits"),
                        "transient-for", window,
                        "modal", TRUE,
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_shortcuts_activate (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static ChronoWindow *
create_window (ChronoApplication *self)
{
  return chrono_window_new (GTK_APPLICATION (self));
}

/* A window that shows nothing yet, to reuse for an opened file. */
static ChronoWindow *
find_empty_window (ChronoApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (CHRONO_IS_WINDOW (l->data) &&
          chrono_window_get_file (l->data) == NULL &&
          !chrono_window_get_loading (l->data))
        return l->data;
    }

  return NULL;
}

static void
chrono_application_activate (GApplication *app)
{
  ChronoApplication *self = CHRONO_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      g_autofree char *last = NULL;

      window = GTK_WINDOW (create_window (self));

      /* Come back to what was open last time, when it is still there. */
      if (self->settings != NULL)
        last = g_settings_get_string (self->settings, "last-file");
      if (last != NULL && last[0] != '\0')
        {
          g_autoptr(GFile) file = g_file_new_for_uri (last);

          if (g_file_query_exists (file, NULL))
            chrono_window_open_file (CHRONO_WINDOW (window), file);
        }
    }

  gtk_window_present (window);
}

static gboolean
present_when_shown (gpointer user_data)
{
  g_autoptr(ChronoWindow) window = user_data;

  if (chrono_session_get_document (chrono_window_get_session (window)) != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);

  return G_SOURCE_REMOVE;
}

static void
on_first_document (ChronoWindow *window,
                   GParamSpec   *pspec,
                   gpointer      user_data)
{
  if (chrono_window_get_loading (window))
    return;

  g_signal_handlers_disconnect_by_func (window, on_first_document, user_data);
  /* Loading ends just before the document is shown: present once it is. */
  if (chrono_window_get_file (window) != NULL)
    g_idle_add (present_when_shown, g_object_ref (window));
}

static void
chrono_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  ChronoApplication *self = CHRONO_APPLICATION (app);
  /* "chronoscope --present FILE" sends the hint "present", also from a
   * second instance to the one already running. */
  gboolean present = self->present_on_open || g_strcmp0 (hint, "present") == 0;

  self->present_on_open = FALSE;

  for (int i = 0; i < n_files; i++)
    {
      ChronoWindow *window = find_empty_window (self);

      if (window == NULL)
        window = create_window (self);

      chrono_window_open_file (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));

      if (present && i == 0)
        {
          g_signal_connect (window, "notify::loading",
                            G_CALLBACK (on_first_document), NULL);
        }
    }
}

static void
chrono_application_startup (GApplication *app)
{
  ChronoApplication *self = CHRONO_APPLICATION (app);
  g_autoptr(GAction) scheme_action = NULL;
  static const GActionEntry app_actions[] = {
    { "quit", on_quit_activate },
    { "about", on_about_activate },
    { "shortcuts", on_shortcuts_activate },
  };

  G_APPLICATION_CLASS (chrono_application_parent_class)->startup (app);

  g_set_application_name (_("Chronoscope"));
  gtk_window_set_default_icon_name (APPLICATION_ID);

  self->settings = create_settings ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);

  /* app.color-scheme: the Style menu, kept in the settings. */
  if (self->settings != NULL)
    {
      scheme_action = g_settings_create_action (self->settings, "color-scheme");
      g_signal_connect_object (self->settings, "changed::color-scheme",
                               G_CALLBACK (on_color_scheme_changed), self, 0);
      on_color_scheme_changed (self->settings, "color-scheme", self);
    }
  else
    {
      GSimpleAction *action = g_simple_action_new_stateful ("color-scheme",
                                                            G_VARIANT_TYPE_STRING,
                                                            g_variant_new_string ("default"));

      g_signal_connect (action, "activate", G_CALLBACK (on_color_scheme_activate), NULL);
      scheme_action = G_ACTION (action);
    }
  g_action_map_add_action (G_ACTION_MAP (app), scheme_action);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app),
                                           accels[i].action,
                                           accels[i].accels);
}

static void
chrono_application_dispose (GObject *object)
{
  ChronoApplication *self = CHRONO_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (chrono_application_parent_class)->dispose (object);
}

static void
chrono_application_class_init (ChronoApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = chrono_application_dispose;

  app_class->startup = chrono_application_startup;
  app_class->activate = chrono_application_activate;
  app_class->open = chrono_application_open;
}

static void
chrono_application_init (ChronoApplication *self)
{
}

/**
 * chrono_application_new:
 *
 * Returns: (transfer full): the application, handling files to open.
 */
ChronoApplication *
chrono_application_new (void)
{
  return g_object_new (CHRONO_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * chrono_application_set_present_on_open:
 * @present: whether the first file opened starts presenting
 *
 * With %TRUE, the first file opened from the command line starts the
 * full-screen presentation (win.present) once it has loaded.
 */
void
chrono_application_set_present_on_open (ChronoApplication *self,
                                        gboolean           present)
{
  g_return_if_fail (CHRONO_IS_APPLICATION (self));

  self->present_on_open = present;
}

/**
 * chrono_application_get_settings:
 *
 * Returns: (transfer none) (nullable): the application's settings, or
 *   %NULL when the schema is not installed.
 */
GSettings *
chrono_application_get_settings (ChronoApplication *self)
{
  g_return_val_if_fail (CHRONO_IS_APPLICATION (self), NULL);

  return self->settings;
}
