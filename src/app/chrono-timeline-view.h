#pragma once

#include <gtk/gtk.h>

#include "chrono-session.h"

G_BEGIN_DECLS

/**
 * ChronoTimelineView:
 *
 * The zoomable timeline: draws the session's document through the render
 * library and turns pointer, touchpad and keyboard input into changes of
 * the session's visible span and selection.  At the ends of its axis it
 * shows how many events lie outside the view each way; clicking a hint
 * (or Alt+Left, Alt+Right) goes to the nearest of them.  CSS name
 * "timeline".
 *
 * Actions: view.zoom-in, view.zoom-out, view.zoom-fit,
 * view.select-previous, view.select-next, view.lane-up, view.lane-down,
 * view.activate, view.earlier-events, view.later-events.
 */
#define CHRONO_TYPE_TIMELINE_VIEW (chrono_timeline_view_get_type ())
G_DECLARE_FINAL_TYPE (ChronoTimelineView, chrono_timeline_view, CHRONO, TIMELINE_VIEW, GtkWidget)

GtkWidget     *chrono_timeline_view_new            (void);
/* Shows @session (NULL allowed); the view holds a reference. */
void           chrono_timeline_view_set_session    (ChronoTimelineView *self,
                                                    ChronoSession      *session);
/* Returns: (transfer none) (nullable): the session. */
ChronoSession *chrono_timeline_view_get_session    (ChronoTimelineView *self);
/* Zoom by a factor of two about the centre, animated. */
void           chrono_timeline_view_zoom_in        (ChronoTimelineView *self);
void           chrono_timeline_view_zoom_out       (ChronoTimelineView *self);
/* Animates to the span that fits the filtered document. */
void           chrono_timeline_view_zoom_fit       (ChronoTimelineView *self);
/* Selects event @index and animates to frame it with its neighbours. */
void           chrono_timeline_view_zoom_to_event  (ChronoTimelineView *self,
                                                    guint               index);
/* Animates the visible span to [@start, @end) (seconds since the epoch)
 * over @duration_ms milliseconds with easing; 0 jumps there at once. */
void           chrono_timeline_view_animate_to     (ChronoTimelineView *self,
                                                    double              start,
                                                    double              end,
                                                    guint               duration_ms);
/* Zooms by @factor (> 1 zooms in) keeping the time at @x pixels under
 * @x, at once: what Ctrl+wheel and pinch do. */
void           chrono_timeline_view_zoom_at        (ChronoTimelineView *self,
                                                    double              factor,
                                                    double              x);
/* The time in seconds at @x pixels in the current view. */
double         chrono_timeline_view_get_time_at    (ChronoTimelineView *self,
                                                    double              x);

G_END_DECLS
