#define G_LOG_DOMAIN "chrono-session"

#include "config.h"

#include <math.h>

#include "chrono-session.h"
#include "chrono-viewport.h"

/* The shortest span a view may show, in seconds. */
#define MIN_SPAN 1.0
/* The longest: a few times the document, at least two centuries. */
#define MIN_MAX_SPAN (200.0 * CHRONO_SECONDS_PER_YEAR)
#define TIME_LIMIT 3.0e18

struct _ChronoSession
{
  GObject         parent_instance;

  ChronoDocument *document;
  ChronoFilter   *filter;
  int             selected;
  double          start;
  double          end;
};

G_DEFINE_FINAL_TYPE (ChronoSession, chrono_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_FILTER,
  PROP_SELECTED,
  PROP_START,
  PROP_END,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
chrono_session_dispose (GObject *object)
{
  ChronoSession *self = (ChronoSession *) object;

  g_clear_object (&self->document);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (chrono_session_parent_class)->dispose (object);
}

static void
chrono_session_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ChronoSession *self = CHRONO_SESSION (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;
    case PROP_SELECTED:
      g_value_set_int (value, self->selected);
      break;
    case PROP_START:
      g_value_set_double (value, self->start);
      break;
    case PROP_END:
      g_value_set_double (value, self->end);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_session_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ChronoSession *self = CHRONO_SESSION (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      chrono_session_set_document (self, g_value_get_object (value), FALSE);
      break;
    case PROP_SELECTED:
      chrono_session_set_selected (self, g_value_get_int (value));
      break;
    case PROP_START:
      chrono_session_set_visible (self, g_value_get_double (value), MAX (self->end, g_value_get_double (value) + MIN_SPAN));
      break;
    case PROP_END:
      chrono_session_set_visible (self, MIN (self->start, g_value_get_double (value) - MIN_SPAN), g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_session_class_init (ChronoSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = chrono_session_dispose;
  object_class->get_property = chrono_session_get_property;
  object_class->set_property = chrono_session_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         CHRONO_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL,
                         CHRONO_TYPE_FILTER,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SELECTED] =
    g_param_spec_int ("selected", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_START] =
    g_param_spec_double ("start", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_END] =
    g_param_spec_double ("end", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 1,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chrono_session_init (ChronoSession *self)
{
  double now = (double) chrono_now ();

  self->filter = chrono_filter_new ();
  self->selected = -1;
  self->start = now - 10.0 * CHRONO_SECONDS_PER_YEAR;
  self->end = now + 1.0 * CHRONO_SECONDS_PER_YEAR;
}

/**
 * chrono_session_new:
 *
 * Returns: (transfer full): a session with no document, showing the last
 *   ten years.
 */
ChronoSession *
chrono_session_new (void)
{
  return g_object_new (CHRONO_TYPE_SESSION, NULL);
}

/* Returns: (transfer none) (nullable): the document. */
ChronoDocument *
chrono_session_get_document (ChronoSession *self)
{
  g_return_val_if_fail (CHRONO_IS_SESSION (self), NULL);

  return self->document;
}

/* Returns: (transfer none): the filter, never NULL. */
ChronoFilter *
chrono_session_get_filter (ChronoSession *self)
{
  g_return_val_if_fail (CHRONO_IS_SESSION (self), NULL);

  return self->filter;
}

void
chrono_session_set_document (ChronoSession  *self,
                             ChronoDocument *document,
                             gboolean        keep_view)
{
  g_autofree char *selected_id = NULL;
  g_autoptr(ChronoDocument) old = NULL;
  int selected = -1;

  g_return_if_fail (CHRONO_IS_SESSION (self));
  g_return_if_fail (!document || CHRONO_IS_DOCUMENT (document));

  if (document == self->document)
    return;

  if (keep_view && self->document != NULL && self->selected >= 0)
    selected_id = g_strdup (chrono_document_get_event (self->document, self->selected)->id);

  old = g_steal_pointer (&self->document);
  self->document = document ? g_object_ref (document) : NULL;

  if (selected_id != NULL && self->document != NULL)
    selected = chrono_document_find_event (self->document, selected_id);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);

  if (selected != self->selected)
    {
      self->selected = selected;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
    }

  if (!keep_view || old == NULL)
    {
      double start, end;

      chrono_session_get_fit (self, &start, &end);
      chrono_session_set_visible (self, start, end);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

int
chrono_session_get_selected (ChronoSession *self)
{
  g_return_val_if_fail (CHRONO_IS_SESSION (self), -1);

  return self->selected;
}

/* Returns: (transfer none) (nullable): the selected event, owned by the
 * document. */
const ChronoEvent *
chrono_session_get_selected_event (ChronoSession *self)
{
  g_return_val_if_fail (CHRONO_IS_SESSION (self), NULL);

  if (self->document == NULL || self->selected < 0)
    return NULL;

  return chrono_document_get_event (self->document, self->selected);
}

void
chrono_session_set_selected (ChronoSession *self,
                             int            index)
{
  g_return_if_fail (CHRONO_IS_SESSION (self));

  if (self->document == NULL || index < 0 || (guint) index >= chrono_document_get_n_events (self->document))
    index = -1;

  if (index == self->selected)
    return;

  self->selected = index;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

void
chrono_session_get_visible (ChronoSession *self,
                            double        *start,
                            double        *end)
{
  g_return_if_fail (CHRONO_IS_SESSION (self));

  if (start != NULL)
    *start = self->start;
  if (end != NULL)
    *end = self->end;
}

static double
max_span (ChronoSession *self)
{
  gint64 start, end;

  if (self->document != NULL && chrono_document_get_bounds (self->document, &start, &end))
    return MAX (MIN_MAX_SPAN, 4.0 * ((double) end - (double) start));

  return MIN_MAX_SPAN;
}

void
chrono_session_set_visible (ChronoSession *self,
                            double         start,
                            double         end)
{
  double duration;
  double centre;
  double limit;

  g_return_if_fail (CHRONO_IS_SESSION (self));

  if (!isfinite (start) || !isfinite (end))
    return;

  if (end < start)
    {
      double tmp = start;
      start = end;
      end = tmp;
    }

  duration = end - start;
  centre = start + duration / 2;
  limit = max_span (self);
  /* A second, but never less than the doubles can resolve here. */
  duration = CLAMP (duration, MAX (MIN_SPAN, fabs (centre) * 1e-12), limit);
  centre = CLAMP (centre, -TIME_LIMIT + duration, TIME_LIMIT - duration);
  start = centre - duration / 2;
  end = centre + duration / 2;

  if (start == self->start && end == self->end)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (start != self->start)
    {
      self->start = start;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
    }
  if (end != self->end)
    {
      self->end = end;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* The earliest start and latest end of the events that pass the filter;
 * FALSE when none does. */
static gboolean
get_filtered_bounds (ChronoSession *self,
                     gint64        *start,
                     gint64        *end)
{
  const guint8 *mask;
  guint n_events;
  guint n_visible = 0;
  gboolean found = FALSE;

  if (self->document == NULL)
    return FALSE;

  n_events = chrono_document_get_n_events (self->document);
  mask = chrono_filter_get_mask (self->filter, self->document, &n_visible);

  if (n_visible == n_events)
    return chrono_document_get_bounds (self->document, start, end);

  for (guint i = 0; i < n_events; i++)
    {
      const ChronoEvent *event;

      if (!mask[i])
        continue;

      event = chrono_document_get_event (self->document, i);
      if (!found)
        {
          /* Sorted by start: the first that passes starts earliest. */
          *start = event->start.time;
          *end = event->end_time;
          found = TRUE;
        }
      else
        *end = MAX (*end, event->end_time);
    }

  return found;
}

void
chrono_session_get_fit (ChronoSession *self,
                        double        *start,
                        double        *end)
{
  gint64 first, last;
  double s, e, margin;

  g_return_if_fail (CHRONO_IS_SESSION (self));

  if (!get_filtered_bounds (self, &first, &last))
    {
      double now = (double) chrono_now ();

      s = now - 10.0 * CHRONO_SECONDS_PER_YEAR;
      e = now + 1.0 * CHRONO_SECONDS_PER_YEAR;
    }
  else
    {
      s = (double) first;
      e = (double) last;
      if (e - s < CHRONO_SECONDS_PER_DAY)
        {
          s -= CHRONO_SECONDS_PER_DAY / 2.0;
          e += CHRONO_SECONDS_PER_DAY / 2.0;
        }
      /* Room for the labels of the last events on the right. */
      margin = (e - s) * 0.04;
      s -= margin;
      e += chrono_viewport_fit_right_margin (margin);
    }

  if (start != NULL)
    *start = s;
  if (end != NULL)
    *end = e;
}

void
chrono_session_get_event_frame (ChronoSession *self,
                                guint          index,
                                double        *start,
                                double        *end)
{
  const ChronoEvent *event;
  const guint8 *mask;
  guint n_events;
  double s, e, duration, pad;
  double nearest = G_MAXDOUBLE;

  g_return_if_fail (CHRONO_IS_SESSION (self));
  g_return_if_fail (self->document != NULL);
  g_return_if_fail (index < chrono_document_get_n_events (self->document));

  event = chrono_document_get_event (self->document, index);
  n_events = chrono_document_get_n_events (self->document);
  mask = chrono_filter_get_mask (self->filter, self->document, NULL);

  s = (double) event->start.time;
  e = (double) event->end_time;
  duration = MAX (e - s, 60.0);

  /* The nearest shown neighbour in time on either side gives context. */
  for (guint i = index; i > 0; i--)
    if (mask[i - 1])
      {
        nearest = MIN (nearest, s - (double) chrono_document_get_event (self->document, i - 1)->start.time);
        break;
      }
  for (guint i = index + 1; i < n_events; i++)
    if (mask[i])
      {
        nearest = MIN (nearest, (double) chrono_document_get_event (self->document, i)->start.time - s);
        break;
      }

  pad = duration * 0.6;
  if (nearest < G_MAXDOUBLE)
    pad = CLAMP (nearest * 1.2, pad, MAX (pad, duration * 4));

  /* More room on the right, where the label goes. */
  s -= pad;
  e += pad * 1.5;

  if (start != NULL)
    *start = s;
  if (end != NULL)
    *end = e;
}
