#define G_LOG_DOMAIN "chrono-story"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chrono-session.h"
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
  return *(const guint *) a < *(const guint *) b ? -1 : *(const guint *) a > *(const guint *) b;
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

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The median time between the starts of consecutive shown events, from
 * at most a few thousand samples: how far apart events usually are.  A
 * median, not a mean, so that deep time far away does not count. */
static double
typical_gap (ChronoDocument *document,
             const guint8   *mask)
{
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_events = chrono_document_get_n_events (document);
  guint stride = MAX (1, n_events / 4096);
  gint64 last = 0;
  gboolean has_last = FALSE;

  for (guint i = 0; i < n_events; i++)
    {
      const ChronoEvent *event;

      if (mask != NULL && !mask[i])
        continue;

      event = chrono_document_get_event (document, i);
      if (has_last && event->start.time > last && i % stride == 0)
        {
          double gap = (double) event->start.time - (double) last;

          g_array_append_val (gaps, gap);
        }
      last = event->start.time;
      has_last = TRUE;
    }

  if (gaps->len == 0)
    return 0;

  g_array_sort (gaps, compare_doubles);
  return g_array_index (gaps, double, gaps->len / 2);
}

/* The span of event @index with its context, before the room for labels. */
static void
get_core_frame (ChronoDocument *document,
                ChronoFilter   *filter,
                guint           index,
                double         *start,
                double         *end)
{
  const ChronoEvent *event;
  const guint8 *mask = NULL;
  guint n_events, n_visible;
  double s, e, duration, near = -1, reach, lo, hi, width;
  double prev = 0, next = 0;
  gboolean has_prev = FALSE, has_next = FALSE;

  n_events = chrono_document_get_n_events (document);
  event = chrono_document_get_event (document, index);
  if (filter != NULL && !chrono_filter_is_empty (filter))
    mask = chrono_filter_get_mask (filter, document, &n_visible);

  s = (double) event->start.time;
  e = (double) MAX (event->end_time, event->start.time + 1);
  duration = e - s;

  /* The nearest shown events that start before and after this one. */
  for (guint i = index; i > 0 && !has_prev; i--)
    {
      const ChronoEvent *other = chrono_document_get_event (document, i - 1);

      if ((mask == NULL || mask[i - 1]) && other->start.time < event->start.time)
        {
          prev = (double) other->start.time;
          has_prev = TRUE;
        }
    }
  for (guint i = index + 1; i < n_events && !has_next; i++)
    {
      const ChronoEvent *other = chrono_document_get_event (document, i);

      if ((mask == NULL || mask[i]) && other->start.time > event->start.time)
        {
          next = (double) other->start.time;
          has_next = TRUE;
        }
    }

  if (has_prev)
    near = s - prev;
  if (has_next && (near < 0 || next - s < near))
    near = next - s;
  if (near < 0)
    near = duration;
  /* An event close to its neighbour still gets the usual context. */
  near = MAX (near, typical_gap (document, mask) * 3);

  /* Context reaches a few times as far as the nearest neighbour: a
   * neighbour much further away, say the Big Bang next to the dinosaurs,
   * would make the event a speck. */
  reach = MAX (near * 3, duration);
  lo = has_prev ? MAX (prev, s - reach) : s;
  hi = has_next ? MAX (e, MIN (next, s + reach)) : e;

  width = MAX (hi - lo, MAX (duration * 1.5, near));
  if (hi - lo < width)
    {
      double grow = (width - (hi - lo)) / 2;

      lo -= grow;
      hi += grow;
    }

  *start = lo;
  *end = hi;
}

/* Labels go right of their markers: more room on the right. */
static void
pad_frame (ChronoDocument *document,
           double          lo,
           double          hi,
           double         *start,
           double         *end)
{
  double width = hi - lo;

  *start = lo - width * 0.12;
  *end = hi + width * 0.35;
  /* Within what the window's view may show. */
  chrono_session_clamp_span_for_document (document, start, end);
}

void
chrono_story_get_frame (ChronoDocument *document,
                        ChronoFilter   *filter,
                        guint           index,
                        double         *start,
                        double         *end)
{
  double lo, hi;

  g_return_if_fail (CHRONO_IS_DOCUMENT (document));
  g_return_if_fail (index < chrono_document_get_n_events (document));
  g_return_if_fail (start != NULL && end != NULL);

  get_core_frame (document, filter, index, &lo, &hi);
  pad_frame (document, lo, hi, start, end);
}

void
chrono_story_get_step_frame (ChronoDocument *document,
                             ChronoFilter   *filter,
                             guint           index,
                             int             previous,
                             double         *start,
                             double         *end)
{
  double lo, hi;

  g_return_if_fail (CHRONO_IS_DOCUMENT (document));
  g_return_if_fail (index < chrono_document_get_n_events (document));
  g_return_if_fail (previous < (int) chrono_document_get_n_events (document));
  g_return_if_fail (start != NULL && end != NULL);

  get_core_frame (document, filter, index, &lo, &hi);

  /* The path so far: the previous step stays in view, however far the
   * story jumps, so that the camera never zooms past it. */
  if (previous >= 0)
    {
      double p = (double) chrono_document_get_event (document, previous)->start.time;

      lo = MIN (lo, p);
      hi = MAX (hi, p);
    }

  pad_frame (document, lo, hi, start, end);
}

char *
chrono_story_format_progress (guint step,
                              guint n_steps)
{
  /* Translators: presentation progress, "step / number of steps" */
  return g_strdup_printf (C_("progress", "%u / %u"), step + 1, n_steps);
}

int
chrono_story_get_previous (GArray *steps,
                           guint   step)
{
  g_return_val_if_fail (steps != NULL, -1);

  if (step == 0 || step > steps->len)
    return -1;

  return (int) g_array_index (steps, guint, step - 1);
}

const char *
chrono_story_find_notes (ChronoDocument *document,
                         guint           event)
{
  const guint *story;
  guint n_story = 0;

  g_return_val_if_fail (CHRONO_IS_DOCUMENT (document), NULL);

  story = chrono_document_get_story (document, &n_story);
  for (guint i = 0; i < n_story; i++)
    {
      const char *notes = chrono_document_get_story_notes (document, i);

      if (story[i] == event && notes != NULL)
        return notes;
    }

  return NULL;
}
