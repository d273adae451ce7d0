#define G_LOG_DOMAIN "chrono-export-cli"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "chrono-export-cli.h"
#include "chrono-export.h"
#include "chrono-loader.h"

/* The --help text of --export-slides names the cap. */
G_STATIC_ASSERT (CHRONO_EXPORT_MAX_SLIDES == 200);

void
chrono_export_cli_init (ChronoExportCli *cli)
{
  g_return_if_fail (cli != NULL);

  memset (cli, 0, sizeof *cli);
}

void
chrono_export_cli_clear (ChronoExportCli *cli)
{
  g_return_if_fail (cli != NULL);

  g_clear_pointer (&cli->export_path, g_free);
  g_clear_pointer (&cli->slides_path, g_free);
  g_clear_pointer (&cli->slides_format, g_free);
  g_clear_pointer (&cli->range, g_free);
  g_clear_pointer (&cli->width, g_free);
  g_clear_pointer (&cli->height, g_free);
  g_clear_pointer (&cli->scale, g_free);
  g_clear_pointer (&cli->theme, g_free);
  g_clear_pointer (&cli->title, g_free);
  g_clear_pointer (&cli->lanes, g_strfreev);
  g_clear_pointer (&cli->categories, g_strfreev);
  g_clear_pointer (&cli->search, g_free);
}

void
chrono_export_cli_add_entries (ChronoExportCli *cli,
                               GOptionContext  *context)
{
  /* GOption copies the entries; only their targets must live on. */
  const GOptionEntry entries[] = {
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &cli->export_path,
      N_("Export FILE to an image (.png, .svg or .pdf) and exit"), N_("OUT") },
    { "export-slides", 0, 0, G_OPTION_ARG_FILENAME, &cli->slides_path,
      N_("Export FILE’s presentation as a PDF with one page a step (at most 200), or as PNG images into a folder when OUT ends in “/”, and exit"), N_("OUT.pdf") },
    { "slides-format", 0, 0, G_OPTION_ARG_STRING, &cli->slides_format,
      N_("With --export-slides: pdf, or png for one image a slide in the folder OUT"), N_("FORMAT") },
    { "range", 0, 0, G_OPTION_ARG_STRING, &cli->range,
      N_("With --export: the dates to show, like 2015..2026"), N_("START..END") },
    { "width", 0, 0, G_OPTION_ARG_STRING, &cli->width,
      N_("With --export: the width in pixels (points for PDF)"), N_("W") },
    { "height", 0, 0, G_OPTION_ARG_STRING, &cli->height,
      N_("With --export: the height in pixels (points for PDF)"), N_("H") },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &cli->scale,
      N_("With --export: multiply the size and everything drawn"), N_("S") },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &cli->theme,
      N_("With --export: light or dark"), N_("THEME") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &cli->title,
      N_("With --export: the title to show instead of the document’s"), N_("TEXT") },
    { "no-legend", 0, 0, G_OPTION_ARG_NONE, &cli->no_legend,
      N_("With --export: leave out the legend"), NULL },
    { "relations", 0, 0, G_OPTION_ARG_NONE, &cli->relations,
      N_("With --export: draw the arrows between related events"), NULL },
    { "lane", 0, 0, G_OPTION_ARG_STRING_ARRAY, &cli->lanes,
      N_("With --export: show only this lane (repeat for more)"), N_("ID") },
    { "category", 0, 0, G_OPTION_ARG_STRING_ARRAY, &cli->categories,
      N_("With --export: show only this category (repeat for more)"), N_("ID") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &cli->search,
      N_("With --export: show only events that contain TEXT"), N_("TEXT") },
    { NULL }
  };

  g_return_if_fail (cli != NULL);
  g_return_if_fail (context != NULL);

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

gboolean
chrono_export_cli_requested (const ChronoExportCli *cli)
{
  g_return_val_if_fail (cli != NULL, FALSE);

  return cli->export_path != NULL || cli->slides_path != NULL;
}

static gboolean
parse_int (const char  *option,
           const char  *text,
           int         *value,
           GError     **error)
{
  gint64 v;

  if (!g_ascii_string_to_signed (text, 10, 1, CHRONO_EXPORT_MAX_SIZE, &v, NULL))
    {
      g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_SIZE,
                   _("%s “%s” is not a whole number from 1 to %d"),
                   option, text, CHRONO_EXPORT_MAX_SIZE);
      return FALSE;
    }

  *value = (int) v;
  return TRUE;
}

static gboolean
parse_scale (const char  *text,
             double      *value,
             GError     **error)
{
  char *end = NULL;
  double v;

  errno = 0;
  v = g_ascii_strtod (text, &end);
  if (errno != 0 || end == text || *end != '\0' || !isfinite (v) ||
      v < CHRONO_EXPORT_MIN_SCALE || v > CHRONO_EXPORT_MAX_SCALE)
    {
      g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_SIZE,
                   _("--scale “%s” is not a number from %g to %g"),
                   text, CHRONO_EXPORT_MIN_SCALE, CHRONO_EXPORT_MAX_SCALE);
      return FALSE;
    }

  *value = v;
  return TRUE;
}

/* "2015..2026", "2015-06..2026-03-01", or one date for its whole period:
 * [start of the first, end of the last's period). */
static gboolean
parse_range (const char  *text,
             double      *start,
             double      *end,
             GError     **error)
{
  g_autofree char *first = NULL;
  const char *second;
  const char *dots = strstr (text, "..");
  ChronoDate from, to;
  g_autoptr(GError) local_error = NULL;

  if (dots == NULL)
    {
      first = g_strdup (text);
      second = text;
    }
  else
    {
      first = g_strndup (text, dots - text);
      second = dots + 2;
    }

  if (!chrono_date_parse (first, FALSE, &from, NULL, &local_error) ||
      !chrono_date_parse (second, FALSE, &to, NULL, &local_error))
    {
      g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_RANGE,
                   _("--range “%s” is not a date range like 2015..2026: %s"),
                   text, local_error->message);
      return FALSE;
    }

  *start = (double) from.time;
  *end = (double) chrono_date_get_period_end (&to);

  if (!(*end > *start))
    {
      g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_RANGE,
                   _("--range “%s” ends before it starts"), text);
      return FALSE;
    }

  return TRUE;
}

/* Shows only the lanes (or categories) named in @ids; each must exist. */
static gboolean
apply_ids (ChronoDocument  *document,
           ChronoFilter    *filter,
           char           **ids,
           gboolean         lanes,
           const char      *filename,
           GError         **error)
{
  guint n = lanes ? chrono_document_get_n_lanes (document)
                  : chrono_document_get_n_categories (document);

  if (ids == NULL || ids[0] == NULL)
    return TRUE;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      int found = lanes ? chrono_document_find_lane (document, ids[i])
                        : chrono_document_find_category (document, ids[i]);

      if (found < 0)
        {
          g_autoptr(GString) known = g_string_new (NULL);

          for (guint j = 0; j < n; j++)
            {
              if (j > 0)
                g_string_append (known, ", ");
              g_string_append (known, lanes ? chrono_document_get_lane (document, j)->id
                                            : chrono_document_get_category (document, j)->id);
            }

          if (lanes)
            g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_RANGE,
                         _("%s has no lane “%s”; its lanes are: %s"),
                         filename, ids[i], known->len > 0 ? known->str : _("none"));
          else
            g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_RANGE,
                         _("%s has no category “%s”; its categories are: %s"),
                         filename, ids[i], known->len > 0 ? known->str : _("none"));
          return FALSE;
        }
    }

  for (guint j = 0; j < n; j++)
    {
      const char *id = lanes ? chrono_document_get_lane (document, j)->id
                             : chrono_document_get_category (document, j)->id;
      gboolean visible = g_strv_contains ((const char * const *) ids, id);

      if (lanes)
        chrono_filter_set_lane_visible (filter, id, visible);
      else
        chrono_filter_set_category_visible (filter, id, visible);
    }

  return TRUE;
}

static gboolean
build_options (const ChronoExportCli  *cli,
               ChronoDocument         *document,
               ChronoFilter           *filter,
               const char             *filename,
               ChronoExportOptions    *options,
               GError                **error)
{
  chrono_export_options_init (options);
  options->filter = filter;

  if (cli->width != NULL && !parse_int ("--width", cli->width, &options->width, error))
    return FALSE;
  if (cli->height != NULL && !parse_int ("--height", cli->height, &options->height, error))
    return FALSE;
  if (cli->scale != NULL && !parse_scale (cli->scale, &options->scale, error))
    return FALSE;

  if (cli->theme != NULL)
    {
      if (g_str_equal (cli->theme, "dark"))
        options->dark = TRUE;
      else if (!g_str_equal (cli->theme, "light"))
        {
          g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_FORMAT,
                       _("--theme “%s” is neither light nor dark"), cli->theme);
          return FALSE;
        }
    }

  if (cli->range != NULL)
    {
      if (!parse_range (cli->range, &options->start, &options->end, error))
        return FALSE;
      options->has_range = TRUE;
    }

  options->title = cli->title;
  options->show_legend = !cli->no_legend;
  options->show_relations = cli->relations;

  if (!apply_ids (document, filter, cli->lanes, TRUE, filename, error) ||
      !apply_ids (document, filter, cli->categories, FALSE, filename, error))
    return FALSE;

  if (cli->search != NULL && cli->search[0] != '\0')
    chrono_filter_set_text (filter, cli->search);

  return chrono_export_options_validate (options, error);
}

static int
fail (GError *error)
{
  g_printerr ("chronoscope: %s\n", error->message);
  return 1;
}

int
chrono_export_cli_run (const ChronoExportCli *cli,
                       const char * const    *files)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  g_autoptr(ChronoFilter) filter = chrono_filter_new ();
  g_autofree char *filename = NULL;
  ChronoExportOptions options;
  guint n_steps = 0;
  gboolean slides_png = FALSE;

  g_return_val_if_fail (cli != NULL, 1);

  if (files == NULL || files[0] == NULL || files[1] != NULL)
    {
      g_printerr (_("chronoscope: --export and --export-slides need exactly one FILE\n"));
      return 1;
    }

  /* Check what can be checked before the file is read. */
  if (cli->export_path != NULL)
    {
      ChronoExportFormat format;

      if (!chrono_export_format_from_path (cli->export_path, &format, &error))
        return fail (error);
    }
  if (cli->slides_path != NULL)
    {
      ChronoExportFormat format = CHRONO_EXPORT_FORMAT_PNG;

      if (cli->slides_format != NULL && !g_str_equal (cli->slides_format, "pdf") &&
          !g_str_equal (cli->slides_format, "png"))
        {
          g_printerr (_("chronoscope: --slides-format “%s” is neither pdf nor png\n"), cli->slides_format);
          return 1;
        }
      slides_png = g_strcmp0 (cli->slides_format, "png") == 0 ||
                   (cli->slides_format == NULL && g_str_has_suffix (cli->slides_path, G_DIR_SEPARATOR_S));
      if (!slides_png &&
          (!chrono_export_format_from_path (cli->slides_path, &format, NULL) ||
           format != CHRONO_EXPORT_FORMAT_PDF))
        {
          g_printerr (_("chronoscope: slides are a PDF (“%s” must end in .pdf) or PNG images in a folder (end it in “/” or give --slides-format png)\n"),
                      cli->slides_path);
          return 1;
        }
    }

  file = g_file_new_for_commandline_arg (files[0]);
  filename = g_file_get_parse_name (file);
  document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, NULL, NULL, &error);
  if (document == NULL)
    return fail (error);

  if (!build_options (cli, document, filter, filename, &options, &error))
    return fail (error);

  if (cli->export_path != NULL)
    {
      chrono_export_format_from_path (cli->export_path, &options.format, NULL);
      if (!chrono_export_to_file (document, &options, cli->export_path, NULL, &error))
        return fail (error);
    }

  if (cli->slides_path != NULL)
    {
      /* Slides default to a 16:9 page of 1280 × 720 points, or images
       * of 1920 × 1080 pixels to paste into other presentations. */
      if (cli->width == NULL && cli->height == NULL)
        {
          options.width = slides_png ? 1920 : 1280;
          options.height = slides_png ? 1080 : 720;
        }
      options.format = slides_png ? CHRONO_EXPORT_FORMAT_PNG : CHRONO_EXPORT_FORMAT_PDF;
      if (!chrono_export_slides (document, &options, cli->slides_path, NULL, &error))
        return fail (error);

      {
        g_autoptr(GArray) steps = chrono_export_get_slide_steps (document, filter, &n_steps);

        if (n_steps > steps->len)
          /* Translators: the first number is always 200 or more */
          g_printerr (_("chronoscope: the presentation has %u steps; the slides show the first %u, most important first when there is no story\n"),
                      n_steps, steps->len);
      }
    }

  return 0;
}
