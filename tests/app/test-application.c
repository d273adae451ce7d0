/* test-application.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-application"

#include "config.h"

#include "chrono-application.h"
#include "chrono-presenter.h"
#include "chrono-window.h"

/* Only turns a hang into a failure; nothing here measures time. */
#define WAIT_LIMIT_SECONDS 30

static gboolean
on_wait_limit (gpointer user_data)
{
  g_error ("Gave up waiting after %d seconds", WAIT_LIMIT_SECONDS);

  return G_SOURCE_REMOVE;
}

static ChronoApplication *
start_application (void)
{
  ChronoApplication *app = chrono_application_new ();
  g_autoptr(GError) error = NULL;

  /* No session bus in the test: run as a lone instance. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) |
                           G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return app;
}

/* One application for the whole program, as a process has. */
static void
test_application_actions (gconstpointer data)
{
  ChronoApplication *app = (ChronoApplication *) data;
  g_auto(GStrv) accels = NULL;
  GSettings *settings = chrono_application_get_settings (app);
  g_autoptr(GVariant) state = NULL;

  g_assert_nonnull (settings);

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "shortcuts"));

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.toggle-sidebar");
  g_assert_cmpstr (accels[0], ==, "F9");
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_cmpstr (accels[0], ==, "<Control>q");
  g_clear_pointer (&accels, g_strfreev);
  /* Next and previous match as in GNOME's apps: F3 and Ctrl+G. */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.search-next");
  g_assert_cmpstr (accels[0], ==, "F3");
  g_assert_cmpstr (accels[1], ==, "<Control>g");
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.search-previous");
  g_assert_cmpstr (accels[0], ==, "<Shift>F3");
  g_assert_cmpstr (accels[1], ==, "<Shift><Control>g");

  /* The Style menu: kept in the settings and applied to the style manager. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "color-scheme",
                                  g_variant_new_string ("dark"));
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()),
                   ==, ADW_COLOR_SCHEME_FORCE_DARK);
  {
    g_autofree char *scheme = g_settings_get_string (settings, "color-scheme");
    g_assert_cmpstr (scheme, ==, "dark");
  }

  /* A change of the setting from elsewhere is followed too. */
  g_settings_set_string (settings, "color-scheme", "light");
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()),
                   ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  state = g_action_group_get_action_state (G_ACTION_GROUP (app), "color-scheme");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "light");

  g_settings_set_string (settings, "color-scheme", "default");
}

static gboolean
window_loaded (gpointer data)
{
  ChronoWindow *window = data;

  return !chrono_window_get_loading (window) &&
         chrono_session_get_document (chrono_window_get_session (window)) != NULL;
}

static void
test_application_open (gconstpointer data)
{
  ChronoApplication *app = (ChronoApplication *) data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "app", "data", "small.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GList *windows;
  ChronoWindow *window;
  g_autofree char *last = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  guint limit;

  /* What "chronoscope FILE" does. */
  g_application_open (G_APPLICATION (app), &file, 1, "");

  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  window = windows->data;
  g_assert_true (CHRONO_IS_WINDOW (window));
  g_assert_true (g_file_equal (chrono_window_get_file (window), file));

  limit = g_timeout_add_seconds (WAIT_LIMIT_SECONDS, on_wait_limit, NULL);
  while (!window_loaded (window))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (limit);

  /* The last file is remembered for the next start. */
  last = g_settings_get_string (chrono_application_get_settings (app), "last-file");
  g_assert_cmpstr (last, ==, uri);

  /* A second file opens in a new window: the first one shows a document. */
  g_application_open (G_APPLICATION (app), &file, 1, "");
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 2);

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
}

static ChronoPresenter *
find_presenter (ChronoApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (CHRONO_IS_PRESENTER (l->data))
      return l->data;

  return NULL;
}

/* What "chronoscope --present FILE" sends to the running instance. */
static void
test_application_open_present (gconstpointer data)
{
  ChronoApplication *app = (ChronoApplication *) data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "app", "data", "small.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChronoWindow *window;
  GList *windows;
  guint limit;

  g_assert_null (find_presenter (app));

  g_application_open (G_APPLICATION (app), &file, 1, "present");

  limit = g_timeout_add_seconds (WAIT_LIMIT_SECONDS, on_wait_limit, NULL);
  while (find_presenter (app) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (limit);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (find_presenter (app))));
  g_assert_cmpuint (chrono_presenter_get_n_steps (find_presenter (app)), >, 0);

  /* A plain open afterwards does not present again. */
  chrono_presenter_leave (find_presenter (app));
  while (find_presenter (app) != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_application_open (G_APPLICATION (app), &file, 1, "");
  window = CHRONO_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (g_file_equal (chrono_window_get_file (window), file));
  limit = g_timeout_add_seconds (WAIT_LIMIT_SECONDS, on_wait_limit, NULL);
  while (!window_loaded (window))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (limit);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (find_presenter (app));

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ChronoApplication) app = NULL;

  g_test_init (&argc, &argv, NULL);

  app = start_application ();
  g_test_add_data_func ("/app/application/actions", app, test_application_actions);
  g_test_add_data_func ("/app/application/open", app, test_application_open);
  g_test_add_data_func ("/app/application/open-present", app, test_application_open_present);

  return g_test_run ();
}
