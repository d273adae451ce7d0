/* chrono-layout-cache.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-layout"

#include "config.h"

#include <string.h>

#include "chrono-layout-private.h"

void
_chrono_layout_aggregate_clear (Aggregate *agg)
{
  g_clear_pointer (&agg->starts, g_free);
  g_clear_pointer (&agg->coverage, g_free);
  g_clear_pointer (&agg->coarse, g_free);
  agg->key = 0;
  agg->n_lanes = 0;
}

ChronoLayoutCache *
chrono_layout_cache_new (void)
{
  return g_new0 (ChronoLayoutCache, 1);
}

void
chrono_layout_cache_free (ChronoLayoutCache *cache)
{
  if (cache == NULL)
    return;

  g_clear_object (&cache->document);
  g_clear_pointer (&cache->widths, g_free);
  g_clear_pointer (&cache->titles, g_free);
  _chrono_layout_aggregate_clear (&cache->aggregate);
  g_free (cache);
}

void
_chrono_layout_cache_prepare (ChronoLayoutCache *cache,
                              ChronoDocument    *document,
                              double             font_key)
{
  guint n = chrono_document_get_n_handles (document);

  if (cache->document == document && cache->font_key == font_key && cache->n_widths == n)
    return;

  if (cache->document == document && cache->font_key == font_key && n > cache->n_widths)
    {
      /* Events were added: widths are kept by index, which edits never
       * reuse, and each checks its title (see event_label_width). */
      cache->widths = g_renew (float, cache->widths, n);
      cache->titles = g_renew (const char *, cache->titles, n);
      for (guint i = cache->n_widths; i < n; i++)
        cache->widths[i] = -1;
      memset (cache->titles + cache->n_widths, 0, sizeof (char *) * (n - cache->n_widths));
      cache->n_widths = n;
      return;
    }

  if (cache->document != document)
    _chrono_layout_aggregate_clear (&cache->aggregate);
  g_set_object (&cache->document, document);
  cache->font_key = font_key;
  g_free (cache->widths);
  g_free (cache->titles);
  cache->widths = g_new (float, MAX (n, 1));
  cache->titles = g_new0 (const char *, MAX (n, 1));
  cache->n_widths = n;
  for (guint i = 0; i < n; i++)
    cache->widths[i] = -1;
}

double
_chrono_layout_measure_text (PangoLayout *layout,
                             const char  *text)
{
  PangoRectangle logical;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_extents (layout, NULL, &logical);

  return logical.width;
}

double
_chrono_layout_event_label_width (LayoutCtx         *ctx,
                                  const ChronoEvent *event)
{
  ChronoLayoutCache *cache = ctx->params->cache;
  double width;

  if (event->title == NULL || event->title[0] == '\0')
    return 0;

  /* An edited title is a new string, and undo brings the old one back,
   * so the pointer says whether the width is still right. */
  if (cache != NULL && cache->widths[event->index] >= 0 && cache->titles[event->index] == event->title)
    return cache->widths[event->index];

  width = _chrono_layout_measure_text (ctx->label_layout, event->title);
  if (cache != NULL)
    {
      cache->widths[event->index] = width;
      cache->titles[event->index] = event->title;
    }

  return width;
}
