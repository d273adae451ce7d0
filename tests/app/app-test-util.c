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

gboolean
app_test_window_idle (gpointer data)
{
  return !chrono_window_get_loading (data);
}
