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

void
chrono_story_get_frame (ChronoDocument *document,
                        ChronoFilter   *filter,
                        guint           index,
                        double         *start,
                        double         *end)
{
  const ChronoEvent *event;
  const guint8 *mask = NULL;
  guint n_events, n_visible;
  gint64 doc_start, doc_end;
  double s, e, lo, hi, duration, extent, reach, width;

  g_return_if_fail (CHRONO_IS_DOCUMENT (document));
  g_return_if_fail (index < chrono_document_get_n_events (document));
  g_return_if_fail (start != NULL && end != NULL);

  n_events = chrono_document_get_n_events (document);
  event = chrono_document_get_event (document, index);
  if (filter != NULL && !chrono_filter_is_empty (filter))
    mask = chrono_filter_get_mask (filter, document, &n_visible);

  s = (double) event->start.time;
  e = (double) MAX (event->end_time, event->start.time + 1);
  duration = e - s;

  if (chrono_document_get_bounds (document, &doc_start, &doc_end) && doc_end > doc_start)
    extent = (double) doc_end - (double) doc_start;
  else
    extent = duration * 8;
  extent = MAX (extent, duration);

  /* A neighbour far away would make the event a speck: reach no further
   * than a sixth of the document, or twice the event, for context. */
  reach = MAX (duration * 2, extent / 6);
  lo = s;
  hi = e;

  for (guint i = index; i > 0; i--)
    {
      const ChronoEvent *other = chrono_document_get_event (document, i - 1);

      if ((mask == NULL || mask[i - 1]) && other->start.time < event->start.time)
        {
          lo = MAX (s - reach, (double) other->start.time);
          break;
        }
    }

  for (guint i = index + 1; i < n_events; i++)
    {
      const ChronoEvent *other = chrono_document_get_event (document, i);

      if ((mask == NULL || mask[i]) && other->start.time > event->start.time)
        {
          hi = MAX (hi, MIN (e + reach, (double) other->start.time));
          break;
        }
    }

  width = MAX (hi - lo, extent / 40);
  if (hi - lo < width)
    {
      double grow = (width - (hi - lo)) / 2;

      lo -= grow;
      hi += grow;
    }

  /* Labels go right of their markers: more room on the right. */
  *start = lo - width * 0.12;
  *end = hi + width * 0.35;
}

char *
chrono_story_format_progress (guint step,
                              guint n_steps)
{
  /* Translators: presentation progress, "step / number of steps" */
  return g_strdup_printf (C_("progress", "%u / %u"), step + 1, n_steps);
}
