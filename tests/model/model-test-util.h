/* Helpers shared by the model and render test programs. */
#pragma once

#include <glib-object.h>
#include <string.h>

#include "chrono-date.h"
#include "chrono-document.h"
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

/* Both NULL, or media with the same members; a link card's title only
 * when @with_title (CSV has no column for it). */
static inline void
test_assert_same_media (const ChronoMedia *a,
                        const ChronoMedia *b,
                        gboolean           with_title)
{
  g_assert_true ((a == NULL) == (b == NULL));
  if (a == NULL)
    return;
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpstr (a->url, ==, b->url);
  g_assert_cmpstr (a->caption, ==, b->caption);
  g_assert_cmpstr (a->credit, ==, b->credit);
  g_assert_cmpstr (a->text, ==, b->text);
  g_assert_cmpstr (a->who, ==, b->who);
  if (with_title)
    g_assert_cmpstr (a->title, ==, b->title);
  g_assert_cmpstr (a->site, ==, b->site);
  g_assert_cmpstr (a->thumbnail, ==, b->thumbnail);
}

/* The documents' cover media and backgrounds are the same. */
static inline void
test_assert_same_cover (ChronoDocument *a,
                        ChronoDocument *b)
{
  const ChronoBackground *ba = chrono_document_get_background (a);
  const ChronoBackground *bb = chrono_document_get_background (b);

  test_assert_same_media (chrono_document_get_cover_media (a), chrono_document_get_cover_media (b), TRUE);
  g_assert_true ((ba == NULL) == (bb == NULL));
  if (ba == NULL)
    return;
  g_assert_cmpint (ba->has_color, ==, bb->has_color);
  g_assert_cmphex (ba->color, ==, bb->color);
  g_assert_cmpstr (ba->image, ==, bb->image);
}

G_END_DECLS
