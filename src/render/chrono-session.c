#define G_LOG_DOMAIN "chrono-session"

#include "config.h"

#include <math.h>

#include "chrono-session.h"
#include "chrono-viewport.h"

/* The shortest span a view may show, in seconds. */
#define MIN_SPAN 1.0
/* The longest with no dated document: two centuries. */
#define NO_DOCUMENT_MAX_SPAN (200.0 * CHRONO_SECONDS_PER_YEAR)
#define TIME_LIMIT 3.0e18
/* How far past the whole document's fitted view zooming out and panning
 * may go: this share of that view on each side. */
#define BOUNDS_MARGIN 0.04
/* A span is framed with this share of the frame on each side. */
#define FRAME_SPAN_MARGIN 0.2
/* A point is framed this many times the distance to its nearest
 * neighbour either side, so that the neighbour shows well inside. */
#define FRAME_POINT_CONTEXT 1.5

struct _ChronoSession
{
  GObject         parent_instance;

  ChronoDocument *document;
  ChronoFilter   *filter;
  int             selected;
  /* The selected event itself: edits move events, and its memory lives
   * as long as the document. */
  const ChronoEvent *selected_event;
  gulong          document_changed_id;
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

enum {
  DOCUMENT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
chrono_session_dispose (GObject *object)
{
  ChronoSession *self = (ChronoSession *) object;

  if (self->document != NULL)
    g_clear_signal_handler (&self->document_changed_id, self->document);
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

  /**
   * ChronoSession::document-changed:
   * @flags: #ChronoChangeFlags
   * @position: the first event position that changed
   * @removed: how many positions were there
   * @added: how many are there now
   *
   * ChronoDocument::changed of the session's document, after the session
   * has moved its selection: views that follow the session redraw here.
   */
  signals[DOCUMENT_CHANGED] =
    g_signal_new ("document-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
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

/* An edit moved events: the selection follows its event, and is
 * dropped when the event was removed. */
static void
on_document_changed (ChronoSession  *self,
                     guint           flags,
                     guint           position,
                     guint           removed,
                     guint           added,
                     ChronoDocument *document)
{
  if (self->selected_event != NULL && (flags & CHRONO_CHANGE_EVENTS))
    {
      int selected = chrono_document_get_position (document, self->selected_event);

      if (selected < 0)
        self->selected_event = NULL;
      if (selected != self->selected)
        {
          self->selected = selected;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
        }
    }

  g_signal_emit (self, signals[DOCUMENT_CHANGED], 0, flags, position, removed, added);
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

  if (self->document != NULL)
    g_clear_signal_handler (&self->document_changed_id, self->document);
  old = g_steal_pointer (&self->document);
  self->document = document ? g_object_ref (document) : NULL;
  if (self->document != NULL)
    self->document_changed_id = g_signal_connect_swapped (self->document, "changed",
                                                          G_CALLBACK (on_document_changed), self);

  if (selected_id != NULL && self->document != NULL)
    selected = chrono_document_find_event (self->document, selected_id);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);

  self->selected_event = selected >= 0 ? chrono_document_get_event (self->document, selected) : NULL;
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
  else
    {
      /* The kept view within the new document's bounds. */
      chrono_session_set_visible (self, self->start, self->end);
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
  self->selected_event = index >= 0 ? chrono_document_get_event (self->document, index) : NULL;
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

/* The bounds of @document (nullable), as chrono_session_get_bounds(). */
static gboolean
document_bounds (ChronoDocument *document,
                 double         *start,
                 double         *end);

void
chrono_session_clamp_span_for_document (ChronoDocument *document,
                                        double         *start,
                                        double         *end)
{
  double s, e, duration, centre, min_duration, lo, hi;
  gboolean bounded;

  g_return_if_fail (document == NULL || CHRONO_IS_DOCUMENT (document));
  g_return_if_fail (start != NULL && end != NULL);

  s = MIN (*start, *end);
  e = MAX (*start, *end);
  if (!isfinite (s) || !isfinite (e))
    return;

  duration = e - s;
  centre = s + duration / 2;
  /* A second, but never less than the doubles can resolve here. */
  min_duration = MAX (MIN_SPAN, fabs (centre) * 1e-12);
  bounded = document_bounds (document, &lo, &hi);
  if (!bounded)
    hi = lo + NO_DOCUMENT_MAX_SPAN;

  duration = CLAMP (duration, min_duration, MAX (min_duration, hi - lo));

  /* The view stays inside the bounds, so the data can never be zoomed
   * or panned away entirely. */
  if (bounded)
    {
      if (duration >= hi - lo)
        centre = lo + (hi - lo) / 2;
      else
        centre = CLAMP (centre, lo + duration / 2, hi - duration / 2);
    }

  centre = CLAMP (centre, -TIME_LIMIT + duration, TIME_LIMIT - duration);
  *start = centre - duration / 2;
  *end = centre + duration / 2;
}

void
chrono_session_clamp_span (ChronoSession *self,
                           double        *start,
                           double        *end)
{
  g_return_if_fail (CHRONO_IS_SESSION (self));

  chrono_session_clamp_span_for_document (self->document, start, end);
}

void
chrono_session_set_visible (ChronoSession *self,
                            double         start,
                            double         end)
{
  g_return_if_fail (CHRONO_IS_SESSION (self));

  if (!isfinite (start) || !isfinite (end))
    return;

  chrono_session_clamp_span (self, &start, &end);

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

/* The span that fits times [@first, @last) with room for labels. */
static void
fit_times (gint64  first,
           gint64  last,
           double *start,
           double *end)
{
  double s = (double) first;
  double e = (double) last;
  double margin;

  if (e - s < CHRONO_SECONDS_PER_DAY)
    {
      s -= CHRONO_SECONDS_PER_DAY / 2.0;
      e += CHRONO_SECONDS_PER_DAY / 2.0;
    }
  /* Room for the labels of the last events on the right. */
  margin = (e - s) * 0.04;
  *start = s - margin;
  *end = e + chrono_viewport_fit_right_margin (margin);
}

/* The fit with no document: the last ten years. */
static void
fit_nothing (double *start,
             double *end)
{
  double now = (double) chrono_now ();

  *start = now - 10.0 * CHRONO_SECONDS_PER_YEAR;
  *end = now + 1.0 * CHRONO_SECONDS_PER_YEAR;
}

void
chrono_session_get_fit (ChronoSession *self,
                        double        *start,
                        double        *end)
{
  gint64 first, last;
  double s, e;

  g_return_if_fail (CHRONO_IS_SESSION (self));

  if (get_filtered_bounds (self, &first, &last))
    fit_times (first, last, &s, &e);
  else
    fit_nothing (&s, &e);

  if (start != NULL)
    *start = s;
  if (end != NULL)
    *end = e;
}

static gboolean
document_bounds (ChronoDocument *document,
                 double         *start,
                 double         *end)
{
  gint64 first, last;
  double margin;

  /* The whole document, not the filtered part: filtering or searching
   * must not move the bounds (nor the overview, which shows them). */
  if (document == NULL || !chrono_document_get_bounds (document, &first, &last))
    {
      fit_nothing (start, end);
      return FALSE;
    }

  fit_times (first, last, start, end);
  margin = (*end - *start) * BOUNDS_MARGIN;
  *start = MAX (*start - margin, -TIME_LIMIT);
  *end = MIN (*end + margin, TIME_LIMIT);

  return TRUE;
}

gboolean
chrono_session_get_bounds (ChronoSession *self,
                           double        *start,
                           double        *end)
{
  double s, e;
  gboolean found;

  g_return_val_if_fail (CHRONO_IS_SESSION (self), FALSE);

  found = document_bounds (self->document, &s, &e);
  if (start != NULL)
    *start = s;
  if (end != NULL)
    *end = e;

  return found;
}

/* The distance in seconds from @time to the start of the nearest event
 * other than @index that passes @mask (NULL: all) and starts at another
 * time, before or after; G_MAXDOUBLE when there is none. */
static double
nearest_neighbour (ChronoDocument *document,
                   const guint8   *mask,
                   guint           index,
                   gint64          time)
{
  guint n_events = chrono_document_get_n_events (document);
  double nearest = G_MAXDOUBLE;

  /* Sorted by start: the first that passes on each side is the nearest. */
  for (guint i = index; i > 0; i--)
    {
      const ChronoEvent *other = chrono_document_get_event (document, i - 1);

      if ((mask == NULL || mask[i - 1]) && other->start.time < time)
        {
          nearest = (double) time - (double) other->start.time;
          break;
        }
    }
  for (guint i = index + 1; i < n_events; i++)
    {
      const ChronoEvent *other = chrono_document_get_event (document, i);

      if ((mask == NULL || mask[i]) && other->start.time > time)
        {
          nearest = MIN (nearest, (double) other->start.time - (double) time);
          break;
        }
    }

  return nearest;
}

void
chrono_session_get_event_frame (ChronoSession *self,
                                guint          index,
                                double        *start,
                                double        *end)
{
  const ChronoEvent *event;
  double s, e, centre, duration, half;

  g_return_if_fail (CHRONO_IS_SESSION (self));
  g_return_if_fail (self->document != NULL);
  g_return_if_fail (index < chrono_document_get_n_events (self->document));

  event = chrono_document_get_event (self->document, index);
  s = (double) event->start.time;
  e = (double) MAX (event->end_time, event->start.time + 1);
  duration = e - s;
  centre = s + duration / 2;

  if (!CHRONO_EVENT_IS_POINT (event))
    {
      /* A span fills the middle, with the same room on either side. */
      half = duration / 2 / (1 - 2 * FRAME_SPAN_MARGIN);
    }
  else
    {
      const guint8 *mask = chrono_filter_get_mask (self->filter, self->document, NULL);
      double nearest = nearest_neighbour (self->document, mask, index, event->start.time);

      /* Context from the nearest shown neighbour; when the filter hides
       * them all, the document's own spacing still gives a scale. */
      if (nearest == G_MAXDOUBLE)
        nearest = nearest_neighbour (self->document, NULL, index, event->start.time);
      /* Measured from the start, where the neighbours' markers are too;
       * the frame is centred on the middle of the period. */
      half = nearest < G_MAXDOUBLE ? nearest * FRAME_POINT_CONTEXT + duration / 2 : duration * 3;
      /* A partial date's period takes at most a third of the frame. */
      half = MAX (half, duration * 1.5);
      half = MAX (half, 30.0);
    }

  if (start != NULL)
    *start = centre - half;
  if (end != NULL)
    *end = centre + half;
}

int
chrono_session_find_match (ChronoSession *self,
                           int            direction)
{
  const guint8 *mask;
  guint n_events, n_visible = 0;
  int from;

  g_return_val_if_fail (CHRONO_IS_SESSION (self), -1);

  if (self->document == NULL)
    return -1;

  n_events = chrono_document_get_n_events (self->document);
  mask = chrono_filter_get_mask (self->filter, self->document, &n_visible);
  if (n_visible == 0)
    return -1;

  if (direction == 0)
    {
      for (guint i = 0; i < n_events; i++)
        if (mask[i])
          return (int) i;
      return -1;
    }

  direction = direction > 0 ? 1 : -1;
  from = self->selected;
  if (from < 0)
    {
      double centre = self->start + (self->end - self->start) / 2;
      guint i;

      /* From the middle of the view: the first match on that side. */
      for (i = 0; i < n_events; i++)
        if ((double) chrono_document_get_event (self->document, i)->start.time >= centre)
          break;
      from = direction > 0 ? (int) i - 1 : (int) i;
    }

  /* Around the whole document at most once, wrapping at the ends. */
  for (guint step = 1; step <= n_events; step++)
    {
      gint64 i = ((gint64) from + (gint64) direction * step) % (gint64) n_events;

      if (i < 0)
        i += n_events;
      if (mask[i])
        return (int) i;
    }

  return -1;
}

gboolean
chrono_session_get_match_position (ChronoSession *self,
                                   guint         *position,
                                   guint         *n_matches)
{
  const guint8 *mask;
  guint n_visible = 0, before = 0;

  g_return_val_if_fail (CHRONO_IS_SESSION (self), FALSE);

  if (self->document == NULL)
    {
      if (n_matches != NULL)
        *n_matches = 0;
      return FALSE;
    }

  mask = chrono_filter_get_mask (self->filter, self->document, &n_visible);
  if (n_matches != NULL)
    *n_matches = n_visible;
  if (self->selected < 0 || !mask[self->selected])
    return FALSE;

  for (int i = 0; i < self->selected; i++)
    before += mask[i] != 0;
  if (position != NULL)
    *position = before;

  return TRUE;
}
