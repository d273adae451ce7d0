/* chrono-presenter-console.h
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "chrono-presenter.h"

G_BEGIN_DECLS

/**
 * ChronoPresenterConsole:
 *
 * The presenter view: what the speaker sees on their own screen while
 * the presentation shows on the other.  The current and the next slide,
 * the current step's speaker notes, where the talk is and the time
 * since it started.  It answers to the presentation's keys.
 */
#define CHRONO_TYPE_PRESENTER_CONSOLE (chrono_presenter_console_get_type ())
G_DECLARE_FINAL_TYPE (ChronoPresenterConsole, chrono_presenter_console, CHRONO, PRESENTER_CONSOLE, AdwWindow)

/* A presenter view following @presenter (not referenced: the presenter
 * destroys its view when it goes). */
ChronoPresenterConsole *chrono_presenter_console_new (ChronoPresenter *presenter);

G_END_DECLS
