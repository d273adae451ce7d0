#pragma once

#include <adwaita.h>

#include "chrono-session.h"

G_BEGIN_DECLS

/**
 * ChronoPresenter:
 *
 * The full-screen presentation of a session's document: a cover, then
 * one slide per story step (chrono_story_get_steps()), the camera
 * gliding to each (or jumping, when the system reduces animation), the
 * story card in its own region beside or below the timeline, and the
 * progress, drawn by the same code as the slides.  It keeps its own
 * camera, so the window it was started from is left exactly as it was.
 * With a second monitor, a presenter view (#ChronoPresenterConsole)
 * shows the current and next slides, the speaker notes and the time.
 *
 * Keys: Right, Space, Page Down next; Left, Page Up previous; Home, End;
 * P autoplay; N the presenter view; Esc leaves.  A click or a scroll
 * down advances.
 *
 * Properties: "slide" (uint, 0 is the cover), "autoplay" (boolean),
 * "interval" (uint, seconds per step in autoplay).
 */
#include "chrono-image-cache.h"

#define CHRONO_TYPE_PRESENTER (chrono_presenter_get_type ())
G_DECLARE_FINAL_TYPE (ChronoPresenter, chrono_presenter, CHRONO, PRESENTER, AdwWindow)

/* A presentation of @session's document (filtered by its filter),
 * transient for @parent (may be NULL).  Call chrono_presenter_start(). */
ChronoPresenter *chrono_presenter_new           (GtkWindow       *parent,
                                                 ChronoSession   *session);
/* Where the slides' pictures come from (nullable; the presenter holds a
 * reference), and whether those on the web may be fetched. */
void             chrono_presenter_set_pictures  (ChronoPresenter  *self,
                                                 ChronoImageCache *cache,
                                                 gboolean          allow_web);
/* TRUE while a picture is being loaded for a slide. */
gboolean         chrono_presenter_get_loading_pictures (ChronoPresenter *self);
/* Shows the presentation full screen at its cover, with the presenter
 * view on another monitor when there is one. */
void             chrono_presenter_start         (ChronoPresenter *self);
/* Closes the presentation and its presenter view. */
void             chrono_presenter_leave         (ChronoPresenter *self);
/* The number of story steps, the cover not counted. */
guint            chrono_presenter_get_n_steps   (ChronoPresenter *self);
/* The number of slides: the cover and one a step. */
guint            chrono_presenter_get_n_slides  (ChronoPresenter *self);
/* The current slide: 0 is the cover, n is step n - 1. */
guint            chrono_presenter_get_slide     (ChronoPresenter *self);
/* Goes to slide @slide (clamped to the last one), the camera gliding. */
void             chrono_presenter_set_slide     (ChronoPresenter *self,
                                                 guint            slide);
/* The event index the current slide shows, or -1 on the cover. */
int              chrono_presenter_get_event     (ChronoPresenter *self);
/* The event shown by the slide before the current one, or -1. */
int              chrono_presenter_get_previous_event (ChronoPresenter *self);
/* The speaker notes of slide @slide, or NULL. */
const char      *chrono_presenter_get_notes     (ChronoPresenter *self,
                                                 guint            slide);
/* The span the camera is at now, seconds since the epoch. */
void             chrono_presenter_get_visible   (ChronoPresenter *self,
                                                 double          *start,
                                                 double          *end);
/* The span the camera goes to at slide @slide, seconds since the
 * epoch: the whole timeline at the cover, then each step's event with
 * the previous step's (chrono_story_get_step_frame()). */
void             chrono_presenter_get_frame     (ChronoPresenter *self,
                                                 guint            slide,
                                                 double          *start,
                                                 double          *end);
gboolean         chrono_presenter_get_autoplay  (ChronoPresenter *self);
void             chrono_presenter_set_autoplay  (ChronoPresenter *self,
                                                 gboolean         autoplay);
guint            chrono_presenter_get_interval  (ChronoPresenter *self);
/* Seconds per step in autoplay, 2 .. 120. */
void             chrono_presenter_set_interval  (ChronoPresenter *self,
                                                 guint            seconds);
/* Draws slide @slide as it is shown once the camera has arrived, on
 * @width × @height units: the presenter view's previews. */
void             chrono_presenter_draw_slide    (ChronoPresenter *self,
                                                 cairo_t         *cr,
                                                 guint            slide,
                                                 double           width,
                                                 double           height);
/* Shows or hides the presenter view; it opens on its own at the start
 * when there is a second monitor. */
void             chrono_presenter_set_console_visible (ChronoPresenter *self,
                                                       gboolean         visible);
/* When the presentation started, in g_get_monotonic_time() units. */
gint64           chrono_presenter_get_start_time (ChronoPresenter *self);
/* The size of the presentation's canvas, in pixels (1280 × 720 before
 * it is shown). */
void             chrono_presenter_get_canvas_size (ChronoPresenter *self,
                                                   int             *width,
                                                   int             *height);
/* The presenter view, or NULL when it is not shown. */
GtkWindow       *chrono_presenter_get_console   (ChronoPresenter *self);

G_END_DECLS
