/* chrono-a11y.h
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "chrono-document.h"

G_BEGIN_DECLS

void chrono_a11y_fix_names        (GtkWidget  *widget);
void chrono_a11y_set_label        (GtkWidget  *widget,
                                   const char *label);
void chrono_a11y_set_description  (GtkWidget  *widget,
                                   const char *description);
void chrono_a11y_announce         (GtkWidget  *widget,
                                   const char *text);
char *chrono_a11y_describe_event  (ChronoDocument    *document,
                                   const ChronoEvent *event);

G_END_DECLS
