#define G_LOG_DOMAIN "chrono-story"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chrono-story.h"

static int
compare_importance (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  ChronoDocument *document = user_data;
  const ChronoEvent *ea = chrono_document_get_event (document, *(const guint *) a);
  const ChronoEvent *eb = chrono_document_get_event (document, *(const guint *) b);

  if (ea->importance != eb->importance)
    return ea->importance > eb->importance ? -1 : 1;

  /* The document is sorted by start, then end, then id: its order is the
   * time order, and it makes the sort stable. */
  return ea->index < eb->index ? -1 : ea->index > eb->index;
}

GArray *
chrono_story_get_steps (ChronoDocument *document,
                        ChronoFilter   *filter)
{
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (guint));
  const guint8 *mask = NULL;
  const guint *story;
  guint n_story = 0;
  guint n_events;
  guint n_visible;

  g_return_val_if_fail (document == NULL || CHRONO_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (filter == NULL || CHRONO_IS_FILTER (filter), NULL);

  if (document == NULL)
    return g_steal_pointer (&steps);

  n_events = chrono_document_get_n_events (document);
  if (filter != NULL && !chrono_filter_is_empty (filter))
    mask = chrono_filter_get_mask (filter, document, &n_visible);

  story = chrono_document_get_story (document, &n_story);
  if (story != NULL && n_story > 0)
    {
      for (guint i = 0; i < n_story; i++)
        {
          guint index = story[i];

          if (index < n_events && (mask == NULL || mask[index]))
            g_array_append_val (steps, index);
        }

      /* A story whose every step is filtered out falls back to the
       * events the filter lets through rather than showing nothing. */
      if (steps->len > 0)
        return g_steal_pointer (&steps);
    }

  for (guint i = 0; i < n_events; i++)
    if (mask == NULL || mask[i])
      g_array_append_val (steps, i);

  g_array_sort_with_data (steps, compare_importance, document);

  return g_steal_pointer (&steps);
}

char *
chrono_story_format_progress (guint step,
                              guint n_steps)
{
  /* Translators: presentation progress, "step / number of steps" */
  return g_strdup_printf (C_("progress", "%u / %u"), step + 1, n_steps);
}
