/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*ChronoFrameProbeReady) (GtkWidget *widget);

void chrono_frame_probe_start       (GtkWidget             *widget,
                                     ChronoFrameProbeReady  ready);
void chrono_frame_probe_first_frame (void);

G_END_DECLS
