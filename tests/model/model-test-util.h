/* Helpers shared by the model and render test programs. */
#pragma once

#include <glib-object.h>
#include <string.h>

#include "chrono-date.h"
#include "chrono-loader.h"

G_BEGIN_DECLS

/* The date @text (ISO 8601, as in documents) stands for; aborts the test
 * when it does not parse, since that is a mistake in the test itself. */
static inline ChronoDate
test_date (const char *text)
{
  g_autoptr(GError) error = NULL;
  ChronoDate d;

  if (!chrono_date_parse (text, TRUE, &d, NULL, &error))
    g_error ("bad test date %s: %s", text, error->message);

  return d;
}

/* A "notify" handler that counts the signals it gets in *@count. */
static inline void
test_count_notify (GObject    *object,
                   GParamSpec *pspec,
                   guint      *count)
{
  (*count)++;
}

/* A GAsyncReadyCallback that keeps a reference to @result in the
 * GAsyncResult pointer @user_data points to, for a test that runs the
 * main context until it is set. */
static inline void
test_store_result (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Loads the NUL-terminated @text as a file called @name (which picks the
 * format by its extension), with the default flags.
 * Returns: (transfer full) (nullable): the document, or NULL with @error */
static inline ChronoDocument *
test_load_text (const char  *text,
                const char  *name,
                GPtrArray   *diagnostics,
                GError     **error)
{
  return chrono_loader_load_data (text, strlen (text), name, CHRONO_LOAD_DEFAULT,
                                  diagnostics, NULL, error);
}

G_END_DECLS
