#pragma once

#include "chrono-document.h"

G_BEGIN_DECLS

/**
 * ChronoFilter:
 *
 * Which events are shown: by lane, category, tag, text (in title and
 * description, case- and accent-insensitive) and date range.  An empty
 * criterion lets everything through.  Emits "changed" when any criterion
 * changes; the timeline, the list and the overview all follow it.
 */
#define CHRONO_TYPE_FILTER (chrono_filter_get_type ())
G_DECLARE_FINAL_TYPE (ChronoFilter, chrono_filter, CHRONO, FILTER, GObject)

ChronoFilter *chrono_filter_new                (void);
/* A deep copy of every criterion (transfer full). */
ChronoFilter *chrono_filter_copy               (ChronoFilter   *self);
/* Hidden lanes/categories by id; by default all are shown. */
void          chrono_filter_set_lane_visible   (ChronoFilter   *self,
                                                const char     *lane_id,
                                                gboolean        visible);
gboolean      chrono_filter_get_lane_visible   (ChronoFilter   *self,
                                                const char     *lane_id);
void          chrono_filter_set_category_visible (ChronoFilter *self,
                                                const char     *category_id,
                                                gboolean        visible);
gboolean      chrono_filter_get_category_visible (ChronoFilter *self,
                                                const char     *category_id);
/* Required tags: an event passes when it has any of them. NULL clears. */
void          chrono_filter_set_tags           (ChronoFilter   *self,
                                                const char * const *tags);
const char * const *chrono_filter_get_tags     (ChronoFilter   *self);
void          chrono_filter_set_text           (ChronoFilter   *self,
                                                const char     *text);
const char   *chrono_filter_get_text           (ChronoFilter   *self);
/* Events overlapping [from, to) pass; has_range FALSE clears it. */
void          chrono_filter_set_range          (ChronoFilter   *self,
                                                gboolean        has_range,
                                                gint64          from,
                                                gint64          to);
gboolean      chrono_filter_get_range          (ChronoFilter   *self,
                                                gint64         *from,
                                                gint64         *to);
void          chrono_filter_reset              (ChronoFilter   *self);
gboolean      chrono_filter_is_empty           (ChronoFilter   *self);
gboolean      chrono_filter_matches            (ChronoFilter      *self,
                                                ChronoDocument    *document,
                                                const ChronoEvent *event);
/* One byte per event, 1 when it passes; cached until the filter or the
 * document changes. Returns the number that pass in @n_visible. */
const guint8 *chrono_filter_get_mask           (ChronoFilter   *self,
                                                ChronoDocument *document,
                                                guint          *n_visible);

G_END_DECLS
