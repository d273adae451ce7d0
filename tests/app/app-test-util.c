/* app-test-util.c: waiting for the main loop in widget tests
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "app-test-util"

#include "config.h"

#include "app-test-util.h"
#include "chrono-window.h"

/* Sanitizer builds: full leak stacks, so the suppressions for the file
 * chooser's libraries (lsan.supp) match.  Unused elsewhere. */
const char *__asan_default_options (void);

__attribute__((used, visibility ("default"))) const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

static gboolean
on_wait_limit (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;

  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @condition holds; fails the test after
 * APP_TEST_WAIT_LIMIT_SECONDS. */
void
app_test_wait_for (AppTestCondition condition,
                   gpointer         data)
{
  gboolean expired = FALSE;
  guint source = g_timeout_add_seconds (APP_TEST_WAIT_LIMIT_SECONDS, on_wait_limit, &expired);

  while (!condition (data) && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (expired)
    g_error ("Gave up waiting after %d seconds", APP_TEST_WAIT_LIMIT_SECONDS);

  g_source_remove (source);
}

/* Lets what is pending run: layout, drawing, idles. */
void
app_test_settle (void)
{
  for (guint i = 0; i < 50 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

GtkWidget *
app_test_find_button (GtkWidget  *widget,
                      const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = app_test_find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

gpointer
app_test_window_child (ChronoWindow *window,
                       const char   *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), CHRONO_TYPE_WINDOW, name);

  g_assert_nonnull (child);

  return child;
}

gboolean
app_test_window_idle (gpointer data)
{
  return !chrono_window_get_loading (data);
}
