#pragma once

#include <gio/gio.h>

#include "chrono-date.h"
#include "chrono-error.h"

G_BEGIN_DECLS

typedef enum
{
  CHRONO_LANE_PERSON,
  CHRONO_LANE_COMPANY,
  CHRONO_LANE_ORGANIZATION,
  CHRONO_LANE_PRODUCT,
  CHRONO_LANE_TOPIC,
  CHRONO_LANE_OTHER,
} ChronoLaneKind;

typedef enum
{
  CHRONO_FORMAT_NATIVE,
  CHRONO_FORMAT_TIMELINEJS,
  CHRONO_FORMAT_CSV,
} ChronoSourceFormat;

/* Colours are 0xRRGGBB; has_color says whether the file gave one.
 * @image: a portrait or logo, as written in the file (a path relative to
 * the file or an http/https URL; see chrono_document_resolve_media()),
 * or NULL. */
typedef struct
{
  const char     *id;
  const char     *title;
  const char     *description; /* or NULL */
  ChronoLaneKind  kind;
  guint32         color;
  gboolean        has_color;
  const char     *image;       /* or NULL */
} ChronoLane;

typedef struct
{
  const char *id;
  const char *title;
  guint32     color;
  gboolean    has_color;
} ChronoCategory;

typedef struct
{
  const char *title; /* or NULL */
  const char *url;
} ChronoLink;

typedef struct
{
  guint       event;  /* index of the related event */
  const char *label;  /* or NULL */
} ChronoRelation;

typedef enum
{
  CHRONO_MEDIA_IMAGE,
  CHRONO_MEDIA_QUOTE,
  CHRONO_MEDIA_LINK,
} ChronoMediaKind;

/**
 * ChronoMedia:
 *
 * What an event, or the document's cover, shows besides its text: one
 * picture, one quote or one link card.  Strings live as long as the
 * document; members that do not belong to @kind are NULL.
 * @url: IMAGE: the picture, as written in the file: a path relative to
 *   the timeline file or an http/https URL (see
 *   chrono_document_resolve_media()); LINK: the normalised http, https
 *   or mailto URL (the rules of chrono-link.c)
 * @caption: what it shows or why it matters, or NULL
 * @credit: IMAGE, LINK: who made it or where it comes from, or NULL
 * @text: QUOTE: the words
 * @who: QUOTE: who said them, or NULL
 * @title: LINK: the title of the card, or NULL
 * @site: LINK: the site's name ("YouTube"), or NULL
 * @thumbnail: IMAGE or LINK: a small picture for the card, as @url of an
 *   image, or NULL
 */
typedef struct
{
  ChronoMediaKind  kind;
  const char      *url;
  const char      *caption;
  const char      *credit;
  const char      *text;
  const char      *who;
  const char      *title;
  const char      *site;
  const char      *thumbnail;
} ChronoMedia;

/* The cover's background: a colour (has_color) and/or a picture, named
 * like ChronoMedia.url. */
typedef struct
{
  guint32     color;
  gboolean    has_color;
  const char *image;  /* or NULL */
} ChronoBackground;

/* The rarely-present parts of an event, kept apart to keep events small.
 * The pointers come first so that the counts share their padding: the
 * media cost an event with tags or links no byte more. */
typedef struct
{
  const char * const   *tags;     /* NULL-terminated, interned */
  const ChronoLink     *links;
  const ChronoRelation *related;
  const ChronoMedia    *media;    /* or NULL */
  guint                 n_tags;
  guint                 n_links;
  guint                 n_related;
} ChronoEventExtra;

/**
 * ChronoEvent:
 *
 * One event: a point (end.precision == NONE, not OPEN) or a span.  Plain
 * struct, owned by the document; strings live as long as the document.
 * @end_time: the exclusive end of the whole event in seconds: the end of
 *   the end date's period for spans, of the start's period for points, and
 *   the time of loading for ongoing ("..") ends.
 * @index: a number that names the event for as long as the document
 *   lives, below chrono_document_get_n_handles(); a key for per-event
 *   caches.  In a document that was never edited it is also the event's
 *   position; after edits use chrono_document_get_position().
 * @source: position of the event in its file (0,0 when unknown).
 */
typedef struct
{
  const char             *id;
  const char             *title;
  const char             *description; /* or NULL */
  ChronoDate              start;
  ChronoDate              end;
  gint64                  end_time;
  guint32                 lane;        /* index into the lanes */
  gint32                  category;    /* index into the categories, or -1 */
  guint8                  importance;  /* 1 (minor) .. 5 (major); 3 by default */
  guint32                 index;
  ChronoPos               source;
  const ChronoEventExtra *extra;       /* or NULL */
} ChronoEvent;

#define CHRONO_EVENT_IS_POINT(e) ((e)->end.precision == CHRONO_PRECISION_NONE && \
                                  !((e)->end.flags & CHRONO_DATE_OPEN))

typedef struct
{
  ChronoDate date;
  double     value;
} ChronoSeriesPoint;

typedef enum
{
  CHRONO_SERIES_LINE,
  CHRONO_SERIES_STEP,
} ChronoSeriesStyle;

typedef struct
{
  const char              *id;
  const char              *title;
  const char              *unit;    /* or NULL */
  guint32                  lane;
  guint32                  color;
  gboolean                 has_color;
  ChronoSeriesStyle        style;
  const ChronoSeriesPoint *points;  /* sorted by date */
  guint                    n_points;
  guint                    height;  /* of its chart, pixels at scale 1; 0: the default */
} ChronoSeries;

typedef struct
{
  const char *title;
  ChronoDate  start;
  ChronoDate  end;
  gint64      end_time;
  guint32     color;
  gboolean    has_color;
} ChronoEra;

/* The kinds of records of a file: the document and its items, which
 * may carry "x-" extension members. */
typedef enum
{
  CHRONO_RECORD_DOCUMENT,
  CHRONO_RECORD_LANE,
  CHRONO_RECORD_CATEGORY,
  CHRONO_RECORD_EVENT,
  CHRONO_RECORD_SERIES,
  CHRONO_RECORD_ERA,
} ChronoRecordKind;

#define CHRONO_TYPE_DOCUMENT (chrono_document_get_type ())
G_DECLARE_FINAL_TYPE (ChronoDocument, chrono_document, CHRONO, DOCUMENT, GObject)

const char           *chrono_document_get_title       (ChronoDocument *self);
const char           *chrono_document_get_description (ChronoDocument *self); /* or NULL */
/* The file it was loaded from, or NULL. */
GFile                *chrono_document_get_file        (ChronoDocument *self);
void                  chrono_document_set_file        (ChronoDocument *self,
                                                       GFile          *file);
ChronoSourceFormat    chrono_document_get_format      (ChronoDocument *self);

guint                 chrono_document_get_n_events    (ChronoDocument *self);
/* Events sorted by start time (then end, then id).  The pointer stays
 * valid as long as the document; its contents follow edits (see
 * ChronoDocument::changed).  Lanes and categories are valid until the
 * next edit of lanes or categories. */
const ChronoEvent    *chrono_document_get_event       (ChronoDocument *self,
                                                       guint           index);
/* Index of the event with @id, or -1. */
int                   chrono_document_find_event      (ChronoDocument *self,
                                                       const char     *id);
guint                 chrono_document_get_n_lanes     (ChronoDocument *self);
const ChronoLane     *chrono_document_get_lane        (ChronoDocument *self,
                                                       guint           index);
int                   chrono_document_find_lane       (ChronoDocument *self,
                                                       const char     *id);
guint                 chrono_document_get_n_categories(ChronoDocument *self);
const ChronoCategory *chrono_document_get_category    (ChronoDocument *self,
                                                       guint           index);
int                   chrono_document_find_category   (ChronoDocument *self,
                                                       const char     *id);
guint                 chrono_document_get_n_series    (ChronoDocument *self);
const ChronoSeries   *chrono_document_get_series      (ChronoDocument *self,
                                                       guint           index);
guint                 chrono_document_get_n_eras      (ChronoDocument *self);
const ChronoEra      *chrono_document_get_era         (ChronoDocument *self,
                                                       guint           index);
/* Event indices of the story, in story order. */
const guint          *chrono_document_get_story       (ChronoDocument *self,
                                                       guint          *n_steps);
/* The speaker notes of story step @step (0-based), or NULL when it has
 * none. */
const char           *chrono_document_get_story_notes (ChronoDocument *self,
                                                       guint           step);
/* The media of the cover (the document's own), or NULL. */
const ChronoMedia    *chrono_document_get_cover_media (ChronoDocument *self);
/* The cover's background, or NULL when the file gives none. */
const ChronoBackground *chrono_document_get_background (ChronoDocument *self);
/* The media of event @index, or NULL. */
const ChronoMedia    *chrono_document_get_event_media (ChronoDocument *self,
                                                       guint           index);
/* Where the picture named @url (a ChronoMedia.url, a lane's image, a
 * background image) is: a newly allocated http/https URL as it is, or
 * the absolute path of a local file, resolved against the directory of
 * the document's file (or the current directory when it has none).
 * *@remote tells which.  NULL for an empty @url. */
char                 *chrono_document_resolve_media   (ChronoDocument *self,
                                                       const char     *url,
                                                       gboolean       *remote);
/* TRUE when @url names a picture on the web (http or https). */
gboolean              chrono_media_url_is_remote      (const char     *url);
/* How many distinct pictures on the web the document names: event
 * pictures and thumbnails, lane images, the cover and its background.
 * Fills @out (of char *, owned by the array's free func) when not NULL. */
guint                 chrono_document_count_remote_images (ChronoDocument *self,
                                                           GPtrArray      *out);
/* All distinct tags, sorted, NULL-terminated; owned by the document. */
const char * const   *chrono_document_get_tags        (ChronoDocument *self);

/* Earliest start and latest end_time over events, series and eras.
 * FALSE for an empty document. */
gboolean              chrono_document_get_bounds      (ChronoDocument *self,
                                                       gint64         *start,
                                                       gint64         *end);
/* Appends to @out (a GArray of guint) the indices, ascending, of every
 * event that overlaps [from, to): start < to && end_time > from.
 * O(log n + k). */
void                  chrono_document_query_range     (ChronoDocument *self,
                                                       gint64          from,
                                                       gint64          to,
                                                       GArray         *out);
/* The "x-" members of an item, as the compact JSON text of an object
 * holding them in file order ("{\"x-source\":\"wiki\"}"), or NULL when
 * it has none.  @index is the item's index: a lane's or category's
 * place (its x- members follow its id through edits), an event's
 * ChronoEvent.index (its place in start order as loaded, kept through
 * edits; an event added since has none), the document's 0.  Owned by
 * the document. */
const char           *chrono_document_get_extensions  (ChronoDocument *self,
                                                       ChronoRecordKind  kind,
                                                       guint           index);

/**
 * ChronoChangeFlags:
 *
 * What an edit changed, in ChronoDocument::changed.
 */
typedef enum
{
  CHRONO_CHANGE_EVENTS     = 1 << 0, /* events in the given positions */
  CHRONO_CHANGE_LANES      = 1 << 1, /* lanes (and maybe every event's lane index) */
  CHRONO_CHANGE_CATEGORIES = 1 << 2,
  CHRONO_CHANGE_META       = 1 << 3, /* title, description */
  CHRONO_CHANGE_STORY      = 1 << 4,
  CHRONO_CHANGE_TAGS       = 1 << 5, /* the set of tags may differ */
} ChronoChangeFlags;

/**
 * ChronoEventChange:
 * @start: the start of an event that went (@delta -1) or came (+1)
 * @end_time: its exclusive end
 * @lane: its lane
 * @delta: -1 or +1
 *
 * What edits did to the events' places, for caches of counts.
 */
typedef struct
{
  gint64  start;
  gint64  end_time;
  guint32 lane;
  int     delta;
} ChronoEventChange;

/* Counts every edit; caches keyed on the document compare it. */
guint64               chrono_document_get_revision    (ChronoDocument *self);
/* The changes since @revision: FALSE when the document no longer keeps
 * them (too many, or lanes renumbered): count again. */
gboolean              chrono_document_get_changes     (ChronoDocument           *self,
                                                       guint64                   revision,
                                                       const ChronoEventChange **changes,
                                                       guint                    *n_changes);
/* One more than the greatest ChronoEvent.index, removed events included. */
guint                 chrono_document_get_n_handles   (ChronoDocument *self);
/* The position of @event (from this document), or -1 if it was removed. */
int                   chrono_document_get_position    (ChronoDocument    *self,
                                                       const ChronoEvent *event);
/* Bytes of model memory, strings excluded / included, for the benchmark. */
gsize                 chrono_document_get_memory_size (ChronoDocument *self,
                                                       gsize          *string_bytes);

G_END_DECLS
