/* app-test-util.h: waiting for the main loop in widget tests
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "chrono-window.h"

G_BEGIN_DECLS

/* A generous limit that only turns a hang into a failure; nothing in the
 * widget tests measures time. */
#define APP_TEST_WAIT_LIMIT_SECONDS 30

typedef gboolean (*AppTestCondition) (gpointer data);

void app_test_wait_for (AppTestCondition condition,
                        gpointer         data);
void app_test_settle   (void);
/* The first button labelled @label (mnemonic included) in @widget's
 * tree, or NULL. */
GtkWidget *app_test_find_button (GtkWidget  *widget,
                                 const char *label);

/* The template child @name of @window; fails the test without one. */
gpointer   app_test_window_child (ChronoWindow *window,
                                  const char   *name);

/* A condition: the ChronoWindow @data is not loading a file. */
gboolean app_test_window_idle (gpointer data);

G_END_DECLS
