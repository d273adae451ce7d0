#pragma once

#include <glib-object.h>

#include "chrono-document.h"
#include "chrono-filter.h"

G_BEGIN_DECLS

/**
 * ChronoSession:
 *
 * What one window shows: the document, the filter, the visible time span
 * and the selected event.  Zoom, pan, selection and filter live here, not
 * in widgets; widgets listen to notify:: and turn pixels into times.
 * No GTK: the presenter and exports use it headless too.
 *
 * Properties: "document" (ChronoDocument), "filter" (ChronoFilter, read
 * only, never NULL), "selected" (int, event index or -1), "start" and
 * "end" (double, seconds since the epoch: the visible span).  Signal
 * "document-changed" passes on the edits of the document (see
 * ChronoDocument::changed), after the selection has followed them.
 */
#define CHRONO_TYPE_SESSION (chrono_session_get_type ())
G_DECLARE_FINAL_TYPE (ChronoSession, chrono_session, CHRONO, SESSION, GObject)

ChronoSession     *chrono_session_new                (void);
ChronoDocument    *chrono_session_get_document       (ChronoSession  *self);
/* Replaces the document (NULL allowed).  With @keep_view the visible span
 * is kept and the selection follows the selected event's id into the new
 * document (for reloads); otherwise the view fits the new document and
 * the selection is cleared. */
void               chrono_session_set_document       (ChronoSession  *self,
                                                      ChronoDocument *document,
                                                      gboolean        keep_view);
ChronoFilter      *chrono_session_get_filter         (ChronoSession  *self);
int                chrono_session_get_selected       (ChronoSession  *self);
const ChronoEvent *chrono_session_get_selected_event (ChronoSession  *self);
void               chrono_session_set_selected       (ChronoSession  *self,
                                                      int             index);
void               chrono_session_get_visible        (ChronoSession  *self,
                                                      double         *start,
                                                      double         *end);
/* Sets the visible span (seconds since the epoch), clamped as by
 * chrono_session_clamp_span(). */
void               chrono_session_set_visible        (ChronoSession  *self,
                                                      double          start,
                                                      double          end);
/* Clamps [*@start, *@end) (seconds) to what the view may show: at least
 * a second long, and within chrono_session_get_bounds(), shifted there
 * keeping its duration when it fits; at most two centuries long without
 * a dated document.  Animations clamp their target with it. */
void               chrono_session_clamp_span         (ChronoSession  *self,
                                                      double         *start,
                                                      double         *end);
/* The same for a view of @document (nullable) that keeps its own camera:
 * the presentation and its slides. */
void               chrono_session_clamp_span_for_document (ChronoDocument *document,
                                                           double         *start,
                                                           double         *end);
/* The span the view may show at most (seconds): the fit of the whole
 * document, unfiltered, widened by 4% on each side, so zooming out stops
 * a little past the data and panning cannot lose it.  Filtering does not
 * change it.  Returns FALSE, with the default fit, when there is no
 * dated document (the view is then not bounded in position). */
gboolean           chrono_session_get_bounds         (ChronoSession  *self,
                                                      double         *start,
                                                      double         *end);
/* The span that fits the filtered document (with a margin), without
 * applying it, so a widget can animate to it. */
void               chrono_session_get_fit            (ChronoSession  *self,
                                                      double         *start,
                                                      double         *end);
/* The span (seconds) that frames event @index in the middle: a span with
 * a fifth of the frame free on each side; a point (or partial date) with
 * one and a half times the distance to its nearest shown neighbour on
 * each side, so that the neighbour is in view, and its period at most a
 * third of the frame. */
void               chrono_session_get_event_frame    (ChronoSession  *self,
                                                      guint           index,
                                                      double         *start,
                                                      double         *end);
/* The event a search's "next" (@direction > 0) or "previous" (< 0)
 * goes to among those that pass the filter, in time order: after or
 * before the selected event, wrapping around at the ends; with no
 * selection, the first that way from the middle of the view.  With
 * @direction 0, the first in time.  Returns the event index, or -1 when
 * no event passes.  Selects nothing. */
int                chrono_session_find_match         (ChronoSession  *self,
                                                      int             direction);
/* Sets *@n_matches to the number of events that pass the filter and
 * *@position to the selected event's place among them, from 0.  Returns
 * FALSE (leaving @position) when the selected event is not one. */
gboolean           chrono_session_get_match_position (ChronoSession  *self,
                                                      guint          *position,
                                                      guint          *n_matches);

G_END_DECLS
