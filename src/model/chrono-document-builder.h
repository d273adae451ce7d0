#pragma once

#include "chrono-document.h"

G_BEGIN_DECLS

/**
 * ChronoDocumentBuilder:
 *
 * Collects lanes, categories, events, series, eras and the story from a
 * loader or importer, then checks references and logic and makes an
 * immutable #ChronoDocument.  Every string passed in is copied.
 *
 * Positions: each item carries the JSON path of the item (or NULL) and
 * positions of its members where the caller knows them; diagnostics get
 * "path.member" and the position, and the loader fills in positions it
 * did not know from the path.
 */
typedef struct _ChronoDocumentBuilder ChronoDocumentBuilder;

typedef struct
{
  const char          *id;          /* NULL: made unique from the title */
  const char          *title;
  const char          *description; /* or NULL */
  const char          *lane;        /* lane id; NULL: a default lane */
  const char          *category;    /* category id or NULL */
  ChronoDate           start;
  ChronoDate           end;         /* precision NONE and not OPEN: a point */
  int                  importance;  /* 1..5; 0 means the default, 3 */
  const char * const  *tags;        /* NULL-terminated, or NULL */
  const ChronoLink    *links;
  guint                n_links;
  const char * const  *related;        /* event ids, NULL-terminated, or NULL */
  const char * const  *related_labels; /* parallel to @related, or NULL; entries may be NULL */
  const char          *path;        /* "events[3]" or NULL */
  ChronoPos            pos;         /* of the event */
  ChronoPos            lane_pos;
  ChronoPos            category_pos;
  ChronoPos            end_pos;
  const ChronoPos     *related_pos; /* parallel to @related, or NULL */
  const ChronoMedia   *media;       /* or NULL */
} ChronoEventDraft;

ChronoDocumentBuilder *chrono_document_builder_new             (ChronoSourceFormat     format);
void                   chrono_document_builder_free            (ChronoDocumentBuilder *self);

void chrono_document_builder_set_title       (ChronoDocumentBuilder *self,
                                              const char            *title);
void chrono_document_builder_set_description (ChronoDocumentBuilder *self,
                                              const char            *description);
/* The media and background of the cover (either may be NULL); copied. */
void chrono_document_builder_set_cover       (ChronoDocumentBuilder  *self,
                                              const ChronoMedia      *media,
                                              const ChronoBackground *background);
/* @path/@pos locate the item for duplicate-id diagnostics. */
void chrono_document_builder_add_lane        (ChronoDocumentBuilder *self,
                                              const ChronoLane      *lane,
                                              const char            *path,
                                              ChronoPos              pos);
void chrono_document_builder_add_category    (ChronoDocumentBuilder *self,
                                              const ChronoCategory  *category,
                                              const char            *path,
                                              ChronoPos              pos);
void chrono_document_builder_add_event       (ChronoDocumentBuilder *self,
                                              const ChronoEventDraft *draft);
/* Makes room for @n_events more events (optional; saves regrowing). */
void chrono_document_builder_reserve_events  (ChronoDocumentBuilder *self,
                                              guint                  n_events);
/* @series->lane is ignored: @lane_id names it. Points are copied. */
void chrono_document_builder_add_series      (ChronoDocumentBuilder *self,
                                              const ChronoSeries    *series,
                                              const char            *lane_id,
                                              const char            *path,
                                              ChronoPos              pos);
void chrono_document_builder_add_era         (ChronoDocumentBuilder *self,
                                              const ChronoEra       *era,
                                              const char            *path,
                                              ChronoPos              pos);
void chrono_document_builder_add_story_step  (ChronoDocumentBuilder *self,
                                              const char            *event_id,
                                              const char            *path,
                                              ChronoPos              pos);
/* Attaches the "x-" members @json (compact JSON text of an object) to
 * the item of @kind added last. */
void chrono_document_builder_set_extensions  (ChronoDocumentBuilder *self,
                                              ChronoRecordKind         kind,
                                              const char            *json);

/* A story step with speaker notes (@notes may be NULL). */
void chrono_document_builder_add_story_step_with_notes (ChronoDocumentBuilder *self,
                                                        const char            *event_id,
                                                        const char            *notes,
                                                        const char            *path,
                                                        ChronoPos              pos);
/* Adds a diagnostic found by the caller (takes ownership). */
void chrono_document_builder_add_diagnostic  (ChronoDocumentBuilder *self,
                                              ChronoDiagnostic      *diagnostic);

/* Checks references (lane, category, related, story), duplicate ids and
 * ranges, sorts the events and makes the document.  Returns NULL when
 * there is any error; every diagnostic, errors and warnings, is appended
 * to @diagnostics (of ChronoDiagnostic, with chrono_diagnostic_free) when
 * not NULL.  Consumes the builder. */
ChronoDocument *chrono_document_builder_finish (ChronoDocumentBuilder *self,
                                                GPtrArray             *diagnostics);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronoDocumentBuilder, chrono_document_builder_free)

G_END_DECLS
