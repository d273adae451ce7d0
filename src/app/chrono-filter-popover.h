#pragma once

#include <gtk/gtk.h>

#include "chrono-session.h"

G_BEGIN_DECLS

/**
 * ChronoFilterPopover:
 *
 * The header bar's filter menu: a check button per lane and category,
 * the document's tags as toggles, a date range and "Reset".  It edits
 * the session's #ChronoFilter and follows it when others change it.
 */
#define CHRONO_TYPE_FILTER_POPOVER (chrono_filter_popover_get_type ())
G_DECLARE_FINAL_TYPE (ChronoFilterPopover, chrono_filter_popover, CHRONO, FILTER_POPOVER, GtkPopover)

GtkWidget *chrono_filter_popover_new         (void);
/* Edits @session's filter (nullable); holds a reference. */
void       chrono_filter_popover_set_session (ChronoFilterPopover *self,
                                              ChronoSession       *session);

G_END_DECLS
