#pragma once

#include <gio/gio.h>

#include "chrono-document.h"
#include "chrono-filter.h"

G_BEGIN_DECLS

/**
 * ChronoEventItem:
 *
 * One row of a #ChronoEventList: a small object made when a list widget
 * asks for it.  Properties, for GtkBuilderListItemFactory bindings:
 * "index" (uint, the event's index in the document), "title",
 * "date-text" (localized, as chrono_date_format_range()), "lane-title".
 */
#define CHRONO_TYPE_EVENT_ITEM (chrono_event_item_get_type ())
G_DECLARE_FINAL_TYPE (ChronoEventItem, chrono_event_item, CHRONO, EVENT_ITEM, GObject)

ChronoDocument    *chrono_event_item_get_document   (ChronoEventItem *self);
guint              chrono_event_item_get_index      (ChronoEventItem *self);
const ChronoEvent *chrono_event_item_get_event      (ChronoEventItem *self);
const char        *chrono_event_item_get_title      (ChronoEventItem *self);
const char        *chrono_event_item_get_date_text  (ChronoEventItem *self);
const char        *chrono_event_item_get_lane_title (ChronoEventItem *self);

/**
 * ChronoEventList:
 *
 * A #GListModel of #ChronoEventItem over the events of a document, in
 * document (start) order, holding only those that pass the filter.  It
 * follows the filter's "changed" signal and document replacement with
 * "items-changed".  Properties: "document" and "filter" (read-write, may
 * be NULL), "n-items" (read-only).  To follow a session:
 * g_object_bind_property (session, "document", list, "document",
 * G_BINDING_SYNC_CREATE) and chrono_event_list_set_filter (list,
 * chrono_session_get_filter (session)).
 */
#define CHRONO_TYPE_EVENT_LIST (chrono_event_list_get_type ())
G_DECLARE_FINAL_TYPE (ChronoEventList, chrono_event_list, CHRONO, EVENT_LIST, GObject)

ChronoEventList *chrono_event_list_new             (ChronoDocument  *document,
                                                    ChronoFilter    *filter);
ChronoDocument  *chrono_event_list_get_document    (ChronoEventList *self);
void             chrono_event_list_set_document    (ChronoEventList *self,
                                                    ChronoDocument  *document);
ChronoFilter    *chrono_event_list_get_filter      (ChronoEventList *self);
void             chrono_event_list_set_filter      (ChronoEventList *self,
                                                    ChronoFilter    *filter);
/* The list position of the event with @event_index, or G_MAXUINT
 * (GTK_INVALID_LIST_POSITION) when it is filtered out or out of range. */
guint            chrono_event_list_get_position    (ChronoEventList *self,
                                                    guint            event_index);
/* The event index at @position, or G_MAXUINT past the end. */
guint            chrono_event_list_get_event_index (ChronoEventList *self,
                                                    guint            position);

G_END_DECLS
