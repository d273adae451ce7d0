#pragma once

#include <adwaita.h>

#include "chrono-image-cache.h"
#include "chrono-session.h"

G_BEGIN_DECLS

/**
 * ChronoInspector:
 *
 * The sidebar that shows everything about the session's selected event:
 * title, dates with precision and qualifiers, duration, lane, category,
 * its picture (click to view it large), quote or link card, tags,
 * description, links, related events and where it is in its file.
 * Emits "event-activated" (guint index) when a related event is clicked.
 */
#define CHRONO_TYPE_INSPECTOR (chrono_inspector_get_type ())
G_DECLARE_FINAL_TYPE (ChronoInspector, chrono_inspector, CHRONO, INSPECTOR, AdwBin)

GtkWidget     *chrono_inspector_new         (void);
/* Follows @session (nullable); the inspector holds a reference. */
void           chrono_inspector_set_session (ChronoInspector *self,
                                             ChronoSession   *session);
ChronoSession *chrono_inspector_get_session (ChronoInspector *self);
/* Where pictures come from (nullable), and whether the user allowed
 * those on the web; the inspector holds a reference on @cache. */
void           chrono_inspector_set_pictures (ChronoInspector  *self,
                                              ChronoImageCache *cache,
                                              gboolean          allow_web);

G_END_DECLS
