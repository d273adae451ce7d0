/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-fuzz"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "chrono-error.h"
#include "fuzz-util.h"

/* The name inputs get in messages. */
#define FUZZ_NAME "input"

static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  /* Debug and info output would slow every run down and bury the report
   * of a finding; anything worse is a bug and ends the run with a stack. */
  if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO | G_LOG_LEVEL_MESSAGE))
    return G_LOG_WRITER_HANDLED;

  g_log_writer_standard_streams (level, fields, n_fields, user_data);
  abort ();
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_setenv ("CHRONO_NOW", "2026-11-24T12:00:00Z", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_log_set_writer_func (log_writer, NULL, NULL);
  return 0;
}

ChronoDocument *
fuzz_load (const uint8_t   *data,
           size_t           size,
           ChronoLoadFlags  flags)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_diagnostic_free);
  g_autoptr(GError) error = NULL;
  ChronoDocument *document;
  gboolean has_error = FALSE;

  document = chrono_loader_load_data ((const char *) data, size, FUZZ_NAME, flags,
                                      diagnostics, NULL, &error);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const ChronoDiagnostic *diagnostic = diagnostics->pdata[i];
      g_autofree char *text = chrono_diagnostic_format (diagnostic, FUZZ_NAME);

      g_assert_nonnull (diagnostic->message);
      /* Every problem says where it is: FILE:LINE:COL. */
      g_assert_cmpuint (diagnostic->pos.line, >=, 1);
      g_assert_cmpuint (diagnostic->pos.column, >=, 1);
      g_assert_true (g_str_has_prefix (text, FUZZ_NAME ":"));
      has_error |= !diagnostic->is_warning;
    }

  if (document == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, FUZZ_NAME ":"));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
  else
    {
      g_assert_no_error (error);
      /* A document is made only when nothing was wrong. */
      g_assert_false (has_error);
      g_assert_true (CHRONO_IS_DOCUMENT (document));
    }

  return document;
}
