/* chrono-export-private.h
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* What the pieces of export share.  The dependencies point one way:
 *
 *   chrono-export.c          options, formats, chrono_export_to_file()
 *   chrono-export-slides.c   the slides PDF
 *      |          |
 *      v          v
 *   chrono-export-page.c     page layout and drawing
 *      |
 *      v
 *   chrono-export-svg-text.c the SVG text layer (records what is drawn)
 *   chrono-export-file.c     writing a file atomically
 *
 * The page records its text into a plain array of runs that the text
 * layer owns; the text layer knows nothing of pages, so neither needs
 * the other's internals beyond the structs below. */

#include <cairo.h>

#include "chrono-export.h"
#include "chrono-file-writer.h"
#include "chrono-scene.h"
#include "chrono-style.h"

G_BEGIN_DECLS

/* One piece of text drawn on a page, in output units. */
typedef struct
{
  char     *text;
  double    x;
  double    y;
  double    width;
  double    height;
  double    size;  /* pixels */
  gboolean  bold;
} ChronoExportTextRun;

/* chrono-export-svg-text.c */

/* A new empty array of ChronoExportTextRun that frees their text. */
GArray *_chrono_export_text_new          (void);
/* Records @text drawn in the box (@x, @y, @width, @height) at
 * @size_points × @scale; does nothing when @texts is NULL. */
void    _chrono_export_text_record       (GArray            *texts,
                                          const char        *text,
                                          double             x,
                                          double             y,
                                          double             width,
                                          double             height,
                                          double             size_points,
                                          double             scale,
                                          gboolean           bold);
/* Records the labels and axis text of @scene drawn at (0, @top). */
void    _chrono_export_text_record_scene (GArray            *texts,
                                          ChronoScene       *scene,
                                          const ChronoStyle *style,
                                          double             top);
/* Inserts @texts as invisible text before the end of the SVG in @svg. */
void    _chrono_export_text_add_layer    (GByteArray        *svg,
                                          GArray            *texts,
                                          const ChronoStyle *style);

/* chrono-export-page.c */

/* The caption's date range text.  Free with g_free(). */
char   *_chrono_export_format_caption    (ChronoDocument            *document,
                                          const ChronoExportOptions *options);
/* Draws the export page; records its text into @texts (may be NULL) and
 * gives the page's style in @page_style (may be NULL).  Stops between
 * stages once @cancellable (may be NULL) is cancelled. */
/* What a page drew its timeline with, for tools that check layouts:
 * the scene (a reference), the style it was laid out with, and where
 * its top is on the page, in pixels. */
typedef struct
{
  ChronoScene *scene;
  ChronoStyle  style;
  double       top;
  double       overflow;  /* how much taller the page should be, pixels */
} ChronoExportPageScene;

void    _chrono_export_draw_page         (cairo_t                   *cr,
                                          ChronoDocument            *document,
                                          const ChronoExportOptions *options,
                                          double                     width,
                                          double                     height,
                                          GArray                    *texts,
                                          ChronoStyle               *page_style,
                                          ChronoExportPageScene     *capture,
                                          GCancellable              *cancellable);
/* Lays out the page of @document with @options at @width × @height
 * and fills @capture with its timeline's scene, without drawing it
 * anywhere.  chrono_scene_unref() @capture->scene. */
void    _chrono_export_capture_page      (ChronoDocument            *document,
                                          const ChronoExportOptions *options,
                                          double                     width,
                                          double                     height,
                                          ChronoExportPageScene     *capture);
/* The height of a page @width × @height (output pixels) that holds every
 * lane of @document, @height or more. */
int     _chrono_export_fit_height        (ChronoDocument            *document,
                                          const ChronoExportOptions *options,
                                          int                        width,
                                          int                        height);

/* chrono-export.c */

/* The size in output units (pixels or points) of an export. */
void    _chrono_export_get_output_size   (const ChronoExportOptions *options,
                                          int                       *width,
                                          int                       *height);
void    _chrono_export_set_pdf_metadata  (cairo_surface_t           *surface,
                                          ChronoDocument            *document,
                                          const char                *title);
/* Destroys @cr, finishes and destroys @surface; returns the first error
 * of either. */
cairo_status_t _chrono_export_finish_surface (cairo_t               *cr,
                                              cairo_surface_t       *surface);

/* chrono-export-file.c: atomic writes through the model's
 * ChronoFileWriter (g_file_replace()) */

typedef struct
{
  ChronoFileWriter writer;
} ChronoExportFile;

/* Opens @path for writing (the folder is checked here, before anything
 * is drawn).  Fails with CHRONO_EXPORT_ERROR_WRITE, or G_IO_ERROR_CANCELLED. */
gboolean       _chrono_export_file_open        (ChronoExportFile     *file,
                                                const char           *path,
                                                GCancellable         *cancellable,
                                                GError              **error);
/* A cairo_write_func_t writing to a ChronoExportFile; fails once the
 * cancellable is cancelled. */
cairo_status_t _chrono_export_file_write       (void                 *closure,
                                                const unsigned char  *data,
                                                unsigned int          length);
/* Abandons the file: the target is left as it was before the open. */
void           _chrono_export_file_abort       (ChronoExportFile     *file);
/* Puts the file in place, or abandons it and fails with the first error. */
gboolean       _chrono_export_file_commit      (ChronoExportFile     *file,
                                                GError              **error);
/* TRUE when cairo succeeded, nothing failed to write and the export was
 * not cancelled; otherwise abandons the file and sets @error. */
gboolean       _chrono_export_file_check_cairo (cairo_status_t        status,
                                                ChronoExportFile     *file,
                                                GError              **error);

/* How many pages and slides have been drawn in this process: lets tests
 * see that a failing export drew nothing. */
guint          _chrono_export_get_n_drawn      (void);
void           _chrono_export_count_drawn      (void);

G_END_DECLS
