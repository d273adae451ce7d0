/* chrono-presenter-private.h
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "chrono-presenter.h"

G_BEGIN_DECLS

/* Makes @widget answer to the presentation's keys (next, previous,
 * autoplay, the presenter view, leave) by running @self's actions: the
 * presenter and its presenter view share them. */
void _chrono_presenter_add_keys (ChronoPresenter *self,
                                 GtkWidget       *widget);

G_END_DECLS
