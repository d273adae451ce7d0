/* app-test-util.h: waiting for the main loop in widget tests
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A generous limit that only turns a hang into a failure; nothing in the
 * widget tests measures time. */
#define APP_TEST_WAIT_LIMIT_SECONDS 30

typedef gboolean (*AppTestCondition) (gpointer data);

void app_test_wait_for (AppTestCondition condition,
                        gpointer         data);
void app_test_settle   (void);

/* A condition: the ChronoWindow @data is not loading a file. */
gboolean app_test_window_idle (gpointer data);

G_END_DECLS
