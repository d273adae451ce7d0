#pragma once

#include <gtk/gtk.h>

#include "chrono-session.h"

G_BEGIN_DECLS

/**
 * ChronoOverview:
 *
 * A strip under the timeline: the density of the whole document, with
 * the events that pass the filter or search highlighted and the others
 * dimmed, and the visible window drawn on it.  It always spans the
 * session's bounds, whatever is filtered.  Clicking or dragging moves
 * the view.  CSS name "overview".
 */
#define CHRONO_TYPE_OVERVIEW (chrono_overview_get_type ())
G_DECLARE_FINAL_TYPE (ChronoOverview, chrono_overview, CHRONO, OVERVIEW, GtkWidget)

GtkWidget *chrono_overview_new         (void);
/* Shows @session (NULL allowed); the overview holds a reference. */
void       chrono_overview_set_session (ChronoOverview *self,
                                        ChronoSession  *session);
/* The span the strip shows, in seconds since the epoch: the session's
 * bounds. */
void       chrono_overview_get_range   (ChronoOverview *self,
                                        double         *start,
                                        double         *end);

G_END_DECLS
