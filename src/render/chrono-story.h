#pragma once

#include <glib.h>

#include "chrono-document.h"
#include "chrono-filter.h"

G_BEGIN_DECLS

/* The steps of a presentation of @document, as a new array of event
 * indices (guint) in the order they are shown: the document's story when
 * it has one, else every event by importance (most important first), then
 * by time.  With @filter (may be NULL) events it hides are left out.
 * Used by the presenter and the slides alike.  Free with
 * g_array_unref(); the array is empty, never NULL, when there is
 * nothing to show. */
GArray *chrono_story_get_steps (ChronoDocument *document,
                                ChronoFilter   *filter);

/* The span that frames event @index for a presentation step, in seconds
 * since the epoch: the event with its nearest neighbours in time (among
 * those @filter, which may be NULL, shows) for context, with room on the
 * right for labels.  A neighbour far away counts only up to a few times
 * the distance of the nearest one, so deep time frames sensibly too. */
void    chrono_story_get_frame (ChronoDocument *document,
                                ChronoFilter   *filter,
                                guint           index,
                                double         *start,
                                double         *end);

/* The span the camera shows at a presentation step: the frame of event
 * @index (chrono_story_get_frame()) widened to keep event @previous,
 * the previous step's, in view too (-1: none), so that the path so far
 * stays visible; in seconds since the epoch. */
void    chrono_story_get_step_frame (ChronoDocument *document,
                                     ChronoFilter   *filter,
                                     guint           index,
                                     int             previous,
                                     double         *start,
                                     double         *end);

/* The event shown before step @step of @steps (from
 * chrono_story_get_steps()), or -1 at the first step. */
int     chrono_story_get_previous   (GArray         *steps,
                                     guint           step);

/* The speaker notes of the story step that shows event @event: those
 * of its first step in the story with notes, or NULL. */
const char *chrono_story_find_notes (ChronoDocument *document,
                                     guint           event);

/* "3 / 12": the localized progress text of @step (0-based) out of
 * @n_steps.  Free with g_free(). */
char   *chrono_story_format_progress (guint step,
                                      guint n_steps);

G_END_DECLS
