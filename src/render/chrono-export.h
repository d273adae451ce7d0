#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "chrono-document.h"
#include "chrono-filter.h"

G_BEGIN_DECLS

/* The largest width or height of an export, in output units. */
#define CHRONO_EXPORT_MAX_SIZE 16384
#define CHRONO_EXPORT_MIN_SCALE 0.25
#define CHRONO_EXPORT_MAX_SCALE 8.0
/* The most slides (steps, besides the title page) a slides PDF has: a
 * timeline of 100,000 events with no story would otherwise make 100,000
 * pages.  Without a story the most important events come first, so the
 * cap keeps those. */
#define CHRONO_EXPORT_MAX_SLIDES 200

typedef enum
{
  CHRONO_EXPORT_FORMAT_PNG,
  CHRONO_EXPORT_FORMAT_SVG,
  CHRONO_EXPORT_FORMAT_PDF,
} ChronoExportFormat;

#define CHRONO_EXPORT_ERROR (chrono_export_error_quark ())

typedef enum
{
  CHRONO_EXPORT_ERROR_FORMAT,  /* an unknown file name extension */
  CHRONO_EXPORT_ERROR_SIZE,    /* width, height or scale out of range */
  CHRONO_EXPORT_ERROR_RANGE,   /* an empty or reversed date range */
  CHRONO_EXPORT_ERROR_EMPTY,   /* nothing to export (no slides) */
  CHRONO_EXPORT_ERROR_DRAW,    /* cairo failed (out of memory...) */
  CHRONO_EXPORT_ERROR_WRITE,   /* the file could not be written */
} ChronoExportError;

/**
 * ChronoExportOptions:
 * @format: the file format
 * @width, @height: the size in device-independent units; the output is
 *   @width × @scale by @height × @scale pixels (PNG, SVG) or points (PDF)
 * @scale: output units per device-independent unit: 2.0 draws everything
 *   twice as large, as on a HiDPI screen
 * @dark: the dark palette rather than the light one
 * @has_range: whether @start and @end give the span; without it the
 *   whole (filtered) timeline is shown
 * @start, @end: the span, seconds since the epoch
 * @show_title: draw a title bar with @title, or the document's title
 *   when @title is NULL
 * @title: the title, or NULL
 * @show_legend: draw a legend of the lanes and categories shown
 * @show_caption: draw a caption giving the date range
 * @show_relations: draw every relation arrow; without it, none (the
 *   view draws only those of the selected or hovered event)
 * @filter: which events to show, or NULL for all; not owned
 *
 * What to export: a plain struct.  Initialize it with
 * chrono_export_options_init() and change what you need.
 */
typedef struct
{
  ChronoExportFormat  format;
  int                 width;
  int                 height;
  double              scale;
  gboolean            dark;
  gboolean            has_range;
  double              start;
  double              end;
  gboolean            show_title;
  const char         *title;
  gboolean            show_legend;
  gboolean            show_caption;
  gboolean            show_relations;
  ChronoFilter       *filter;
} ChronoExportOptions;

GQuark   chrono_export_error_quark        (void);

/* Defaults: PNG, 1920 × 1080 at scale 1, light, the whole timeline, with
 * title, legend and caption, no filter. */
void     chrono_export_options_init       (ChronoExportOptions       *options);
/* The height, in output units (pixels, or points for PDF), of the page
 * an export of @document with @options writes: the options' height times
 * their scale, or more when its lanes need it, as exports grow rather
 * than shrink text or leave a lane out. */
int      chrono_export_get_page_height    (ChronoDocument            *document,
                                           const ChronoExportOptions *options);

/* The format that the extension of @path (".png", ".svg", ".pdf", any
 * case) names; FALSE with CHRONO_EXPORT_ERROR_FORMAT otherwise. */
gboolean chrono_export_format_from_path   (const char                *path,
                                           ChronoExportFormat        *format,
                                           GError                   **error);

/* The usual extension of @format, without the dot ("png"). */
const char *chrono_export_format_get_extension (ChronoExportFormat format);

/* Checks @options: size within 1 .. CHRONO_EXPORT_MAX_SIZE output units,
 * scale within range, a range that is not empty or reversed. */
gboolean chrono_export_options_validate   (const ChronoExportOptions *options,
                                           GError                   **error);

/* The span an export of @document with @options shows, in seconds since
 * the epoch: the options' range, else the filtered document's extent with
 * a margin. */
void     chrono_export_get_span           (ChronoDocument            *document,
                                           const ChronoExportOptions *options,
                                           double                    *start,
                                           double                    *end);

/* Draws the export page (title, timeline, legend, caption) on @cr over
 * @width × @height output units at @options' scale, ignoring the
 * options' size and format.  The dialog's preview, printing and every
 * export share it. */
void     chrono_export_draw               (cairo_t                   *cr,
                                           ChronoDocument            *document,
                                           const ChronoExportOptions *options,
                                           double                     width,
                                           double                     height);

/* Writes an export of @document to @path in @options' format, through
 * g_file_replace(): the new file replaces the old one only when
 * complete, keeping its mode, and a symlink at @path keeps pointing
 * where it did (its target is replaced).  A failed or cancelled export
 * leaves no file behind and keeps any file that was there.  @path is
 * opened before anything is drawn, so a missing or read-only folder
 * fails at once with CHRONO_EXPORT_ERROR_WRITE.  Once @cancellable (may
 * be NULL) is cancelled, drawing and writing stop at the next stage and
 * the call fails with G_IO_ERROR_CANCELLED.  Blocks: see
 * chrono_export_to_file_async(). */
gboolean chrono_export_to_file            (ChronoDocument            *document,
                                           const ChronoExportOptions *options,
                                           const char                *path,
                                           GCancellable              *cancellable,
                                           GError                   **error);

/* chrono_export_to_file() in a worker thread.  @options and its filter
 * are copied, so the caller may change them at once; @document is
 * referenced (it is immutable).  @callback runs in the thread-default
 * main context of the caller, after the worker has cleaned up: on
 * cancel no file is left.  Get the result with
 * chrono_export_to_file_finish(). */
void     chrono_export_to_file_async      (ChronoDocument            *document,
                                           const ChronoExportOptions *options,
                                           const char                *path,
                                           GCancellable              *cancellable,
                                           GAsyncReadyCallback        callback,
                                           gpointer                   user_data);
/* TRUE when the export was written; FALSE with @error set otherwise
 * (G_IO_ERROR_CANCELLED when cancelled). */
gboolean chrono_export_to_file_finish     (GAsyncResult              *result,
                                           GError                   **error);

/* Writes the slides of the presentation of @document: a cover (title,
 * range and description), then one slide per step
 * (chrono_export_get_slide_steps()), each as the presenter shows it: the
 * timeline framed on the step's event and the previous step's, the
 * story card beside or below it and the progress.  With @options'
 * format CHRONO_EXPORT_FORMAT_PDF, one vector PDF at @path whose pages
 * are @options' width × height × scale points; with
 * CHRONO_EXPORT_FORMAT_PNG, one image a slide of that many pixels in
 * the folder @path (made when missing), named by
 * chrono_export_slide_file_name(), each written atomically, and older
 * slides numbered past the last one removed.  Range and
 * title/legend/caption switches are not used.  Atomic and cancellable
 * like chrono_export_to_file(). */
gboolean chrono_export_slides             (ChronoDocument            *document,
                                           const ChronoExportOptions *options,
                                           const char                *path,
                                           GCancellable              *cancellable,
                                           GError                   **error);

/* "slide-001.png": the file name of slide @page (0 is the cover) in a
 * folder of PNG slides.  Free with g_free(). */
char    *chrono_export_slide_file_name    (guint                      page);

/* chrono_export_slides() in a worker thread, as
 * chrono_export_to_file_async(). */
void     chrono_export_slides_async       (ChronoDocument            *document,
                                           const ChronoExportOptions *options,
                                           const char                *path,
                                           GCancellable              *cancellable,
                                           GAsyncReadyCallback        callback,
                                           gpointer                   user_data);
gboolean chrono_export_slides_finish      (GAsyncResult              *result,
                                           GError                   **error);

/* The steps the slides of @document show (chrono_story_get_steps(),
 * at most CHRONO_EXPORT_MAX_SLIDES of them), as a new array of event
 * indices; @n_steps (may be NULL) is set to the number of steps before
 * the cap, so callers can say when it applied. */
GArray  *chrono_export_get_slide_steps    (ChronoDocument            *document,
                                           ChronoFilter              *filter,
                                           guint                     *n_steps);

/* Gives the picture named @url in @document's file (a ChronoMedia.url
 * or a background image) decoded to at most @size × @size pixels, or
 * NULL when it is not available (yet); (transfer full). */
typedef cairo_surface_t *(*ChronoExportPictureFunc) (ChronoDocument *document,
                                                     const char     *url,
                                                     int             size,
                                                     gpointer        user_data);

/* chrono_export_draw_slide() with pictures from @pictures: the presenter
 * passes its cache, which loads them in the background. */
void     chrono_export_draw_slide_with_pictures (cairo_t                   *cr,
                                                 ChronoDocument            *document,
                                                 const ChronoExportOptions *options,
                                                 GArray                    *steps,
                                                 guint                      page,
                                                 double                     width,
                                                 double                     height,
                                                 ChronoExportPictureFunc    pictures,
                                                 gpointer                   user_data);

/* Draws slide @page of a presentation of @document on @cr over @width ×
 * @height units: page 0 is the title page (with the document's
 * background), page n the step n - 1 of @steps (event indices), with the
 * event's picture (decoded here, at print resolution for PDF: local
 * files and copies of web pictures the user allowed before; nothing is
 * fetched), quote and credits.  Shared by chrono_export_slides() and the
 * dialog's preview. */
void     chrono_export_draw_slide         (cairo_t                   *cr,
                                           ChronoDocument            *document,
                                           const ChronoExportOptions *options,
                                           GArray                    *steps,
                                           guint                      page,
                                           double                     width,
                                           double                     height);

G_END_DECLS
