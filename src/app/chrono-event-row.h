/* chrono-event-row.h
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "chrono-event-list.h"

G_BEGIN_DECLS

/**
 * ChronoEventRow:
 *
 * One row of the event list: a dot in the event's colour on the
 * timeline, its title, and "date · lane" under it.  The list item that
 * holds it is named for screen readers as the timeline names its
 * selection (chrono_a11y_describe_event()).  Property: "item" (a
 * #ChronoEventItem, or %NULL).
 */
#define CHRONO_TYPE_EVENT_ROW (chrono_event_row_get_type ())
G_DECLARE_FINAL_TYPE (ChronoEventRow, chrono_event_row, CHRONO, EVENT_ROW, GtkWidget)

GtkWidget          *chrono_event_row_new             (void);
ChronoEventItem    *chrono_event_row_get_item        (ChronoEventRow *self);
void                chrono_event_row_set_item        (ChronoEventRow  *self,
                                                      ChronoEventItem *item);
/* A factory of rows for a GtkListView over a #ChronoEventList. */
GtkListItemFactory *chrono_event_row_factory_new     (void);

G_END_DECLS
