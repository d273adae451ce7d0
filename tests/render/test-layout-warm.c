/* test-layout-warm.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "chrono-document-builder.h"
#include "chrono-layout-warm.h"
#include "../model/model-test-util.h"

/* More events than the layout's aggregate needs (20,000), in 3 lanes. */
static ChronoDocument *
make_large_document (guint n)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_diagnostic_free);
  const char *lanes[] = { "a", "b", "c" };

  for (guint l = 0; l < G_N_ELEMENTS (lanes); l++)
    {
      ChronoLane lane = { .id = lanes[l], .title = lanes[l] };

      chrono_document_builder_add_lane (builder, &lane, NULL, (ChronoPos) { 0, 0 });
    }
  chrono_document_builder_reserve_events (builder, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", i);
      g_autofree char *title = g_strdup_printf ("Event %u", i);
      ChronoEventDraft draft = { 0 };

      draft.id = id;
      draft.title = title;
      draft.lane = lanes[i % 3];
      chrono_date_init_civil (&draft.start, 1990 + (int) (i % 30), 1 + (int) (i % 12), 1 + (int) (i % 28),
                              0, 0, 0, CHRONO_PRECISION_DAY);
      chrono_document_builder_add_event (builder, &draft);
    }

  return chrono_document_builder_finish (g_steal_pointer (&builder), diagnostics);
}

static void
on_warm (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  ChronoLayoutCache **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = chrono_layout_cache_warm_finish (result, &error);
  g_assert_no_error (error);
}

static void
assert_same_scene (ChronoScene *a,
                   ChronoScene *b)
{
  const ChronoSceneItem *items_a, *items_b;
  guint n_a, n_b;

  items_a = chrono_scene_get_items (a, &n_a);
  items_b = chrono_scene_get_items (b, &n_b);
  g_assert_cmpuint (n_a, ==, n_b);
  g_assert_cmpuint (n_a, >, 3);
  for (guint i = 0; i < n_a; i++)
    {
      g_assert_cmpint (items_a[i].kind, ==, items_b[i].kind);
      g_assert_true (memcmp (&items_a[i].rect, &items_b[i].rect, sizeof (ChronoRect)) == 0);
      g_assert_cmpstr (items_a[i].label, ==, items_b[i].label);
    }
}

/* A cache prepared on a worker gives the main thread the very layout a
 * cold cache gives, filter included, without copying the caller's
 * filter's later changes. */
static void
test_warm_same (void)
{
  g_autoptr(ChronoDocument) document = make_large_document (30000);
  g_autoptr(ChronoFilter) filter = chrono_filter_new ();
  g_autoptr(ChronoLayoutCache) cold = chrono_layout_cache_new ();
  ChronoLayoutCache *warm = NULL;
  g_autoptr(ChronoScene) a = NULL;
  g_autoptr(ChronoScene) b = NULL;
  ChronoLayoutParams params;
  ChronoStyle style;
  gint64 start, end;

  g_assert_nonnull (document);
  chrono_style_init_light (&style, 1);
  g_assert_true (chrono_document_get_bounds (document, &start, &end));
  chrono_filter_set_lane_visible (filter, "b", FALSE);

  chrono_layout_params_init (&params, &style, start, end, 1280, 800);
  params.document = document;
  params.filter = filter;
  chrono_layout_cache_warm_async (&params, NULL, on_warm, &warm);
  while (warm == NULL)
    g_main_context_iteration (NULL, TRUE);

  params.cache = cold;
  a = chrono_layout_build (&params);
  params.cache = warm;
  b = chrono_layout_build (&params);
  assert_same_scene (a, b);

  chrono_layout_cache_free (warm);
}

/* A cancelled preparation says so and gives no cache. */
static void
on_cancelled (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_null (chrono_layout_cache_warm_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *done = TRUE;
}

static void
test_warm_cancelled (void)
{
  g_autoptr(ChronoDocument) document = make_large_document (100);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ChronoLayoutParams params;
  ChronoStyle style;
  gboolean done = FALSE;

  chrono_style_init_light (&style, 1);
  chrono_layout_params_init (&params, &style, 0, CHRONO_SECONDS_PER_YEAR, 640, 480);
  params.document = document;
  g_cancellable_cancel (cancellable);
  chrono_layout_cache_warm_async (&params, cancellable, on_cancelled, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/layout-warm/same", test_warm_same);
  g_test_add_func ("/render/layout-warm/cancelled", test_warm_cancelled);

  return g_test_run ();
}
