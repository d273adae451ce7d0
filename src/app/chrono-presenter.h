#pragma once

#include <adwaita.h>

#include "chrono-session.h"

G_BEGIN_DECLS

/**
 * ChronoPresenter:
 *
 * The full-screen presentation of a session's document: one step per
 * story event (chrono_story_get_steps()), the camera gliding to each, a
 * caption card and the progress, drawn by the same code as the slides.
 * It keeps its own camera, so the window it was started from is left
 * exactly as it was.
 *
 * Keys: Right, Space, Page Down next; Left, Page Up previous; Home, End;
 * P autoplay; Esc leaves.  A click or a scroll down advances.
 *
 * Properties: "step" (uint), "autoplay" (boolean), "interval" (uint,
 * seconds per step in autoplay).
 */
#define CHRONO_TYPE_PRESENTER (chrono_presenter_get_type ())
G_DECLARE_FINAL_TYPE (ChronoPresenter, chrono_presenter, CHRONO, PRESENTER, AdwWindow)

/* A presentation of @session's document (filtered by its filter),
 * transient for @parent (may be NULL).  Call chrono_presenter_start(). */
ChronoPresenter *chrono_presenter_new           (GtkWindow       *parent,
                                                 ChronoSession   *session);
/* Shows the presentation full screen at the first step. */
void             chrono_presenter_start         (ChronoPresenter *self);
/* Closes the presentation. */
void             chrono_presenter_leave         (ChronoPresenter *self);
guint            chrono_presenter_get_n_steps   (ChronoPresenter *self);
/* The current step, 0-based. */
guint            chrono_presenter_get_step      (ChronoPresenter *self);
/* Glides to step @step (clamped to the last one). */
void             chrono_presenter_set_step      (ChronoPresenter *self,
                                                 guint            step);
/* The event index the current step shows, or -1 when there are none. */
int              chrono_presenter_get_event     (ChronoPresenter *self);
/* The span the camera is at now, seconds since the epoch. */
void             chrono_presenter_get_visible   (ChronoPresenter *self,
                                                 double          *start,
                                                 double          *end);
gboolean         chrono_presenter_get_autoplay  (ChronoPresenter *self);
void             chrono_presenter_set_autoplay  (ChronoPresenter *self,
                                                 gboolean         autoplay);
guint            chrono_presenter_get_interval  (ChronoPresenter *self);
/* Seconds per step in autoplay, 2 .. 120. */
void             chrono_presenter_set_interval  (ChronoPresenter *self,
                                                 guint            seconds);

G_END_DECLS
