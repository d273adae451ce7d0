#pragma once

#include <cairo.h>

#include "chrono-document.h"
#include "chrono-filter.h"
#include "chrono-scene.h"
#include "chrono-style.h"

G_BEGIN_DECLS

/**
 * ChronoCaptionPlacement:
 * @CHRONO_CAPTION_SIDE: the card is a column on the right (landscape)
 * @CHRONO_CAPTION_BOTTOM: the card is a band at the bottom (tall areas)
 */
typedef enum
{
  CHRONO_CAPTION_SIDE,
  CHRONO_CAPTION_BOTTOM,
} ChronoCaptionPlacement;

/**
 * ChronoCaptionRegions:
 * @placement: where the card goes, chosen by the area's shape
 * @timeline: where the timeline is drawn, axis included
 * @card: the card's region: the story card is drawn in it, and nothing
 *   of the timeline is
 * @footer: the foot of @card, where the progress is drawn and the
 *   presenter puts its controls; the card's text stays above it
 *
 * How a presentation step divides its area, in the area's units: the
 * regions never overlap, so the card covers no lane and no axis label.
 */
typedef struct
{
  ChronoCaptionPlacement placement;
  ChronoRect             timeline;
  ChronoRect             card;
  ChronoRect             footer;
} ChronoCaptionRegions;

/**
 * ChronoCaptionMedia:
 * @image: a picture shown at the top of the card, or NULL; drawn scaled
 *   to the card's width, its aspect kept
 * @image_caption: a line under the picture, or NULL
 * @image_credit: who made the picture, or NULL
 * @quote: a quotation shown large between the date and the body, or NULL
 * @quote_by: who said it, or NULL
 *
 * What a card shows besides the event's own text.  Everything may be
 * NULL: a card without media shows the lane, headline, dates and body.
 * Not owned: the caller keeps the surface and strings alive while the
 * card is drawn.
 */
typedef struct
{
  cairo_surface_t *image;
  const char      *image_caption;
  const char      *image_credit;
  const char      *quote;
  const char      *quote_by;
} ChronoCaptionMedia;

/* Fills @media from @from (nullable): its caption and credit, or its
 * quote and who said it, with @image (nullable, not owned) as the
 * picture.  @media points into @from's strings.  Returns FALSE when
 * there is nothing to show. */
gboolean chrono_caption_media_init (ChronoCaptionMedia *media,
                                    const ChronoMedia  *from,
                                    cairo_surface_t    *image);

/**
 * ChronoCaptionCover:
 * @title: the presentation's title
 * @subtitle: a line under it (the date range), or NULL
 * @description: a paragraph, or NULL
 * @has_background: whether @background colours the page instead of the
 *   style's background; the text then takes black or white, whichever
 *   reads better on it
 * @background: the page's colour when @has_background
 * @image: a picture covering the page behind the text (scaled to cover,
 *   darkened so that the text reads), or NULL
 *
 * The cover slide: the first page of the slides and of the presenter.
 */
typedef struct
{
  const char      *title;
  const char      *subtitle;
  const char      *description;
  gboolean         has_background;
  ChronoColor      background;
  cairo_surface_t *image;
} ChronoCaptionCover;

/**
 * ChronoCaptionStep:
 * @document: the document
 * @filter: which events show, or NULL
 * @event: the event the step shows
 * @previous: the previous step's event, kept in view with it, or -1
 * @step: the step, 0-based, for the progress
 * @n_steps: the number of steps
 * @start: @end: the span the timeline shows, seconds since the epoch
 * @media: what the card shows besides the event's text, or NULL
 *
 * One presentation step as chrono_caption_draw_step() draws it.
 */
typedef struct
{
  ChronoDocument           *document;
  ChronoFilter             *filter;
  guint                     event;
  int                       previous;
  guint                     step;
  guint                     n_steps;
  double                    start;
  double                    end;
  const ChronoCaptionMedia *media;
} ChronoCaptionStep;

/* Divides an area of @width × @height units for a presentation step:
 * the card takes a column on the right when the area is wide (16:9,
 * 16:10, 4:3), a band at the bottom when it is tall; the timeline keeps
 * the rest.  Sizes follow @style's scale. */
void   chrono_caption_get_regions   (const ChronoStyle     *style,
                                     double                 width,
                                     double                 height,
                                     ChronoCaptionRegions  *regions);

/* Draws the story card of event @event of @document in @region (units
 * of @cr), typeset like a magazine page: the lane and category, a large
 * headline, the dates, then @media's picture and quote (may be NULL)
 * and the description, which ends after a whole word when it does not
 * fit.  Paints @region's background first.  @used receives the box the
 * text takes (may be NULL).  Leaves @cr's state as it found it. */
void   chrono_caption_draw_card     (cairo_t                   *cr,
                                     const ChronoStyle         *style,
                                     ChronoDocument            *document,
                                     guint                      event,
                                     const ChronoCaptionMedia  *media,
                                     const ChronoRect          *region,
                                     ChronoRect                *used);

/* Draws the "3 / 12" progress pill and a thin progress bar in @footer;
 * @step is 0-based. */
void   chrono_caption_draw_progress (cairo_t                   *cr,
                                     const ChronoStyle         *style,
                                     guint                      step,
                                     guint                      n_steps,
                                     const ChronoRect          *footer);

/* Draws the cover slide @cover on @width × @height units: the title
 * large, the subtitle and the description centred. */
void   chrono_caption_draw_cover    (cairo_t                   *cr,
                                     const ChronoStyle         *style,
                                     const ChronoCaptionCover  *cover,
                                     double                     width,
                                     double                     height);

/* The style scale of a presentation on @width × @height units: type
 * grows with the screen or page from a 1280 × 720 base, so that it reads
 * from the back of a room.  Multiply by any device scale. */
double chrono_caption_get_scale     (double                     width,
                                     double                     height);

/* Lays out the timeline of @step for its region @timeline (see
 * chrono_caption_get_regions()), scrolled vertically so that the
 * step's event, and its previous one when both fit, are in view.
 * Measures text with @context.  Returns: (transfer full) the scene, in
 * the region's coordinates. */
ChronoScene *chrono_caption_build_step_scene (const ChronoStyle       *style,
                                              const ChronoCaptionStep *step,
                                              const ChronoRect        *timeline,
                                              PangoContext            *context);

/* Draws one presentation step as the presenter and the slides show it
 * on @width × @height units: the timeline in its region with the
 * step's event selected, the story card in its own region beside or
 * below it (chrono_caption_get_regions()), and the progress. */
void   chrono_caption_draw_step     (cairo_t                   *cr,
                                     const ChronoStyle         *style,
                                     const ChronoCaptionStep   *step,
                                     double                     width,
                                     double                     height);

G_END_DECLS
