#pragma once

#include <pango/pango.h>

#include "chrono-style.h"
#include "chrono-viewport.h"

G_BEGIN_DECLS

typedef enum
{
  CHRONO_TICK_SECOND,
  CHRONO_TICK_MINUTE,
  CHRONO_TICK_HOUR,
  CHRONO_TICK_DAY,
  CHRONO_TICK_WEEK,
  CHRONO_TICK_MONTH,
  CHRONO_TICK_YEAR,
} ChronoTickUnit;

/**
 * ChronoTick:
 * @time: seconds since the epoch
 * @x: pixels
 * @major: a major (context) tick, drawn stronger
 * @label: the label, or NULL when there is none (no room); owned by the
 *   #ChronoTicks
 * @label_x: the left of the label in pixels
 * @label_width: the width of the label in pixels
 */
typedef struct
{
  gint64      time;
  double      x;
  gboolean    major;
  const char *label;
  double      label_x;
  double      label_width;
} ChronoTick;

/**
 * ChronoTicks:
 * @minor: the ticks of the chosen step, each with its short label
 *   ("Dec", "2015", "09:30") on the lower row of the axis
 * @major: the context ticks ("2015", "December 2015"), on the upper row;
 *   the first may be a sticky label for the period at the left edge,
 *   whose @x is then the left edge's
 * @unit: the unit of @minor; @step the number of units between them
 *
 * The ticks of an axis.  Labels on one row never overlap: each is at
 * least the style's label padding apart from the next.  Steps are
 * regular: the same number of @unit between ticks, restarting only at a
 * context tick where months and years are uneven (1 Jan for months; in
 * deep time, where there are no civil dates, days count from the start
 * of the year named by the context row: "+120 d").  A label says as
 * much as the step needs, so neighbours never read the same.
 */
typedef struct
{
  GArray         *minor;  /* of ChronoTick */
  GArray         *major;  /* of ChronoTick */
  ChronoTickUnit  unit;
  gint64          step;
  GStringChunk   *strings;
} ChronoTicks;

/**
 * ChronoTicksFlags:
 * @CHRONO_TICKS_DEFAULT: two rows, minor labels below context labels
 * @CHRONO_TICKS_ONE_ROW: both rows share one line of text, as in the
 *   overview strip: context labels are measured in the small font, stand
 *   for the minor label at their tick, and the step is the smallest
 *   whose minor labels all fit between them; the leading context label
 *   names the whole context ("August 2024"), the others are short
 *   ("Sep"), and it may cover the minor labels under it
 */
typedef enum
{
  CHRONO_TICKS_DEFAULT = 0,
  CHRONO_TICKS_ONE_ROW = 1 << 0,
} ChronoTicksFlags;

/* Computes the ticks of @viewport, measuring labels with @context in the
 * style's small (minor) and header (major) fonts.  Free with
 * chrono_ticks_free(). */
ChronoTicks *chrono_ticks_new       (const ChronoViewport *viewport,
                                     const ChronoStyle    *style,
                                     PangoContext         *context);
/* As chrono_ticks_new(), with @flags. */
ChronoTicks *chrono_ticks_new_full  (const ChronoViewport *viewport,
                                     const ChronoStyle    *style,
                                     PangoContext         *context,
                                     ChronoTicksFlags      flags);
void         chrono_ticks_free      (ChronoTicks          *ticks);
/* A label for @year on an axis whose ticks are @step years apart, for
 * deep time, to the precision of @step: "13.8 billion years ago",
 * "500 million years ago", "38.256 million years ago", and in whole years
 * where three decimals would not do, grouped by the locale:
 * "38,255,750 years ago" (on a deep-time axis year 0 is the present);
 * other years as chrono_format_year().  Free with g_free(). */
char        *chrono_ticks_format_year (gint64              year,
                                       gint64              step);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronoTicks, chrono_ticks_free)

G_END_DECLS
