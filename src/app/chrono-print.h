#pragma once

#include <gtk/gtk.h>

#include "chrono-export.h"
#include "chrono-window.h"

G_BEGIN_DECLS

/* The most pages a print is spread across (docs/limits.md). */
#define CHRONO_PRINT_MAX_PAGES 50

/* Prints what @window shows (its visible span, filtered) through
 * GtkPrintOperation, on one page or tiled across several pages side by
 * side in time, each with its own date axis.  The print dialog has a
 * "Timeline" tab to choose the number of pages. */
void  chrono_print_run         (ChronoWindow              *window);

/* The print dialog's "Timeline" tab: a labelled spin button choosing
 * how many pages (1 to CHRONO_PRINT_MAX_PAGES) the timeline is spread
 * across, starting at @n_pages.  The spin button is returned in
 * @spin_out (owned by the returned widget). */
GtkWidget *chrono_print_pages_widget_new (guint           n_pages,
                                          GtkSpinButton **spin_out);

/* Draws page @page of @n_pages of a print of @document on @cr over
 * @width × @height points: the span of @options cut into @n_pages equal
 * slices side by side in time, each with its own axis.  Shared by
 * printing and its tests. */
void  chrono_print_draw_page   (cairo_t                   *cr,
                                ChronoDocument            *document,
                                const ChronoExportOptions *options,
                                guint                      page,
                                guint                      n_pages,
                                double                     width,
                                double                     height);

G_END_DECLS
