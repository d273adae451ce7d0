/* chrono-layout-warm.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-layout"

#include "config.h"

#include "chrono-layout-warm.h"

/*
 * The first frame of a large document costs a pass over all its events:
 * the layout cache's aggregate (per lane and time bucket, 65 ms and more
 * at a million events) and the widths of the labels in view.  Done in a
 * widget's snapshot, that pass blocks the main loop; here it is done on
 * a worker thread, by laying the view out once with a cache of its own,
 * which the widget then takes.  Everything the worker reads is its own
 * (a copy of the filter, of the style, a Pango context of its thread)
 * or immutable (the document).
 */

typedef struct
{
  ChronoLayoutParams params;
  ChronoStyle        style;
  char              *font_family;
  guint             *expanded_lanes;
} Warm;

static void
warm_free (Warm *warm)
{
  g_clear_object (&warm->params.document);
  g_clear_object (&warm->params.filter);
  g_clear_pointer (&warm->params.cache, chrono_layout_cache_free);
  g_free (warm->font_family);
  g_free (warm->expanded_lanes);
  g_free (warm);
}

static void
warm_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Warm *warm = task_data;
  ChronoScene *scene;

  if (g_task_return_error_if_cancelled (task))
    return;

  scene = chrono_layout_build (&warm->params);
  chrono_scene_unref (scene);

  g_task_return_pointer (task, g_steal_pointer (&warm->params.cache),
                         (GDestroyNotify) chrono_layout_cache_free);
}

/**
 * chrono_layout_cache_warm_async:
 * @params: the view to prepare; copied (the filter too), except that its
 *   cache and Pango context are not used: the worker makes its own
 * @cancellable: (nullable): drops the result
 *
 * Lays the view out once on a worker thread with a new cache, so that
 * the cache holds what the first frames of a large document need.
 */
void
chrono_layout_cache_warm_async (const ChronoLayoutParams *params,
                                GCancellable             *cancellable,
                                GAsyncReadyCallback       callback,
                                gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  Warm *warm;

  g_return_if_fail (params != NULL && CHRONO_IS_DOCUMENT (params->document));

  warm = g_new0 (Warm, 1);
  warm->params = *params;
  warm->style = *params->style;
  warm->font_family = g_strdup (params->style->font_family);
  warm->style.font_family = warm->font_family;
  warm->params.style = &warm->style;
  g_object_ref (warm->params.document);
  warm->params.filter = params->filter != NULL ? chrono_filter_copy (params->filter) : NULL;
  warm->expanded_lanes = g_memdup2 (params->expanded_lanes, sizeof (guint) * params->n_expanded_lanes);
  warm->params.expanded_lanes = warm->expanded_lanes;
  warm->params.context = NULL;
  warm->params.cache = chrono_layout_cache_new ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, chrono_layout_cache_warm_async);
  g_task_set_task_data (task, warm, (GDestroyNotify) warm_free);
  g_task_run_in_thread (task, warm_thread);
}

/**
 * chrono_layout_cache_warm_finish:
 *
 * Returns: (transfer full) (nullable): the cache, or NULL with @error
 *   set (G_IO_ERROR_CANCELLED when cancelled)
 */
ChronoLayoutCache *
chrono_layout_cache_warm_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
