#define G_LOG_DOMAIN "chrono-check"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chrono-check.h"
#include "chrono-loader.h"

/* "2015–2026", or "2015" when the timeline lies within one year. */
static char *
format_years (ChronoDocument *document)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  gint64 start, end, start_year, end_year;

  if (!chrono_document_get_bounds (document, &start, &end))
    return NULL;

  /* end is exclusive: the last second belongs to the last year. */
  chrono_time_to_civil (start, &start_year, NULL, NULL, NULL, NULL, NULL, NULL);
  chrono_time_to_civil (end > start ? end - 1 : end, &end_year, NULL, NULL, NULL, NULL, NULL, NULL);

  first = chrono_format_year (start_year);
  if (end_year == start_year)
    return g_steal_pointer (&first);
  last = chrono_format_year (end_year);

  return g_strdup_printf ("%s–%s", first, last);
}

static gboolean
check_one (const char *arg,
           gboolean    lenient)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (arg);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_diagnostic_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  g_autofree char *events = NULL;
  g_autofree char *lanes = NULL;
  g_autofree char *years = NULL;
  guint n_events, n_lanes;

  document = chrono_loader_load_file (file, lenient ? CHRONO_LOAD_LENIENT : CHRONO_LOAD_DEFAULT,
                                      diagnostics, NULL, &error);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = chrono_diagnostic_format (g_ptr_array_index (diagnostics, i), arg);

      g_print ("%s\n", line);
    }

  if (document == NULL)
    {
      /* Every failure leaves a diagnostic; this is only a safety net. */
      if (diagnostics->len == 0)
        g_print ("%s: %s\n", arg, error ? error->message : _("the file could not be read"));
      return FALSE;
    }

  n_events = chrono_document_get_n_events (document);
  n_lanes = chrono_document_get_n_lanes (document);
  events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n_events), n_events);
  lanes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lane", "%u lanes", n_lanes), n_lanes);
  years = format_years (document);

  if (years != NULL)
    /* Translators: "FILE: OK, 30 events in 6 lanes, 2015–2026" */
    g_print (_("%s: OK, %s in %s, %s\n"), arg, events, lanes, years);
  else
    /* Translators: "FILE: OK, 0 events in 0 lanes" */
    g_print (_("%s: OK, %s in %s\n"), arg, events, lanes);

  return TRUE;
}

/**
 * chrono_check_run:
 * @files: (array zero-terminated=1): file names or URIs as given on the
 *   command line; messages name them the same way
 * @lenient: skip bad CSV rows and drop bad links, reporting them as warnings
 *
 * Returns: the exit status: 0 when every file is valid, 1 otherwise
 */
int
chrono_check_run (const char * const *files,
                  gboolean            lenient)
{
  gboolean all_ok = TRUE;

  g_return_val_if_fail (files != NULL, 2);

  for (guint i = 0; files[i] != NULL; i++)
    all_ok &= check_one (files[i], lenient);

  return all_ok ? 0 : 1;
}
