#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ChronoExportCli:
 *
 * The command line options of headless export (--export,
 * --export-slides and their modifiers), as GOption fills them in.  It
 * needs no display and no GTK: main() runs it before GTK starts.
 */
typedef struct
{
  char      *export_path;
  char      *slides_path;
  char      *slides_format;  /* "pdf", "png" or NULL */
  char      *range;
  char      *width;
  char      *height;
  char      *scale;
  char      *theme;
  char      *title;
  gboolean   no_legend;
  gboolean   relations;
  char     **lanes;
  char     **categories;
  char      *search;
} ChronoExportCli;

/* Empties @cli: no export requested. */
void     chrono_export_cli_init        (ChronoExportCli  *cli);
/* Frees what GOption stored in @cli. */
void     chrono_export_cli_clear       (ChronoExportCli  *cli);
/* Adds the export options to @context's main group, storing into @cli,
 * which must outlive the parse. */
void     chrono_export_cli_add_entries (ChronoExportCli  *cli,
                                        GOptionContext   *context);
/* Whether --export or --export-slides was given. */
gboolean chrono_export_cli_requested   (const ChronoExportCli *cli);
/* Loads the one file in @files and writes the exports @cli asks for.
 * Prints a message to stderr on failure.  Returns the exit status: 0 on
 * success, 1 on any error. */
int      chrono_export_cli_run         (const ChronoExportCli *cli,
                                        const char * const    *files);

G_END_DECLS
