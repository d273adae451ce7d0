#define G_LOG_DOMAIN "chrono-event-list"

#include "config.h"

#include <string.h>

#include <stdlib.h>

#include "chrono-event-list.h"

/*
 * The list keeps one guint32 per visible event, and nothing at all while
 * the filter lets everything through; items are made only when a widget
 * asks for a position, so a million events cost no million objects.
 */

/* ChronoEventItem */

struct _ChronoEventItem
{
  GObject         parent_instance;

  ChronoDocument *document;
  guint           index;
  char           *date_text; /* made on first use */
};

enum {
  ITEM_PROP_0,
  ITEM_PROP_INDEX,
  ITEM_PROP_TITLE,
  ITEM_PROP_DATE_TEXT,
  ITEM_PROP_LANE_TITLE,
  ITEM_N_PROPS
};

G_DEFINE_FINAL_TYPE (ChronoEventItem, chrono_event_item, G_TYPE_OBJECT)

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
chrono_event_item_dispose (GObject *object)
{
  ChronoEventItem *self = (ChronoEventItem *)object;

  g_clear_object (&self->document);

  G_OBJECT_CLASS (chrono_event_item_parent_class)->dispose (object);
}

static void
chrono_event_item_finalize (GObject *object)
{
  ChronoEventItem *self = (ChronoEventItem *)object;

  g_clear_pointer (&self->date_text, g_free);

  G_OBJECT_CLASS (chrono_event_item_parent_class)->finalize (object);
}

static void
chrono_event_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ChronoEventItem *self = CHRONO_EVENT_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;

    case ITEM_PROP_TITLE:
      g_value_set_string (value, chrono_event_item_get_title (self));
      break;

    case ITEM_PROP_DATE_TEXT:
      g_value_set_string (value, chrono_event_item_get_date_text (self));
      break;

    case ITEM_PROP_LANE_TITLE:
      g_value_set_string (value, chrono_event_item_get_lane_title (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_event_item_class_init (ChronoEventItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = chrono_event_item_dispose;
  object_class->finalize = chrono_event_item_finalize;
  object_class->get_property = chrono_event_item_get_property;

  item_properties[ITEM_PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  item_properties[ITEM_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  item_properties[ITEM_PROP_DATE_TEXT] =
    g_param_spec_string ("date-text", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  item_properties[ITEM_PROP_LANE_TITLE] =
    g_param_spec_string ("lane-title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
chrono_event_item_init (ChronoEventItem *self)
{
}

static ChronoEventItem *
chrono_event_item_new (ChronoDocument *document,
                       guint           index)
{
  ChronoEventItem *self = g_object_new (CHRONO_TYPE_EVENT_ITEM, NULL);

  self->document = g_object_ref (document);
  self->index = index;

  return self;
}

/**
 * chrono_event_item_get_document:
 *
 * Returns: (transfer none): the document the event belongs to
 */
ChronoDocument *
chrono_event_item_get_document (ChronoEventItem *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT_ITEM (self), NULL);

  return self->document;
}

/**
 * chrono_event_item_get_index:
 *
 * Returns: the event's index in its document
 */
guint
chrono_event_item_get_index (ChronoEventItem *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT_ITEM (self), 0);

  return self->index;
}

/**
 * chrono_event_item_get_event:
 *
 * Returns: (transfer none): the event, valid as long as the item
 */
const ChronoEvent *
chrono_event_item_get_event (ChronoEventItem *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT_ITEM (self), NULL);

  return chrono_document_get_event (self->document, self->index);
}

/**
 * chrono_event_item_get_title:
 *
 * Returns: (transfer none): the event's title
 */
const char *
chrono_event_item_get_title (ChronoEventItem *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT_ITEM (self), NULL);

  return chrono_event_item_get_event (self)->title;
}

/**
 * chrono_event_item_get_date_text:
 *
 * Returns: (transfer none): the event's dates, localized: "Jun 2017 –
 *   Jul 2022" for a span, "11 Dec 2015" for a point
 */
const char *
chrono_event_item_get_date_text (ChronoEventItem *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT_ITEM (self), NULL);

  if (self->date_text == NULL)
    {
      const ChronoEvent *event = chrono_event_item_get_event (self);

      if (CHRONO_EVENT_IS_POINT (event))
        self->date_text = chrono_date_format (&event->start);
      else
        self->date_text = chrono_date_format_range (&event->start, &event->end);
    }

  return self->date_text;
}

/**
 * chrono_event_item_get_lane_title:
 *
 * Returns: (transfer none): the title of the event's lane
 */
const char *
chrono_event_item_get_lane_title (ChronoEventItem *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT_ITEM (self), NULL);

  return chrono_document_get_lane (self->document, chrono_event_item_get_event (self)->lane)->title;
}

/* ChronoEventList */

struct _ChronoEventList
{
  GObject         parent_instance;

  ChronoDocument *document;
  ChronoFilter   *filter;
  gulong          filter_changed_id;
  gulong          document_changed_id;

  /* Event indices of the visible events, ascending; NULL when every
   * event is visible and positions are indices. */
  guint32        *visible;
  guint           n_items;
};

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_FILTER,
  PROP_N_ITEMS,
  N_PROPS
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ChronoEventList, chrono_event_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GParamSpec *properties[N_PROPS];

static GType
chrono_event_list_get_item_type (GListModel *model)
{
  return CHRONO_TYPE_EVENT_ITEM;
}

static guint
chrono_event_list_get_n_items (GListModel *model)
{
  return CHRONO_EVENT_LIST (model)->n_items;
}

static gpointer
chrono_event_list_get_item (GListModel *model,
                            guint       position)
{
  ChronoEventList *self = CHRONO_EVENT_LIST (model);

  if (position >= self->n_items)
    return NULL;

  return chrono_event_item_new (self->document, chrono_event_list_get_event_index (self, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = chrono_event_list_get_item_type;
  iface->get_n_items = chrono_event_list_get_n_items;
  iface->get_item = chrono_event_list_get_item;
}

static inline guint
index_at (const guint32 *visible,
          guint          position)
{
  return visible != NULL ? visible[position] : position;
}

/* Recomputes the visible events.  With @same_document, only the changed
 * middle is announced, so list widgets keep their scroll position and
 * rows when a filter narrows or widens. */
static void
chrono_event_list_update (ChronoEventList *self,
                          gboolean         same_document)
{
  g_autofree guint32 *old_visible = g_steal_pointer (&self->visible);
  guint old_n = self->n_items;
  guint new_n = 0;
  guint prefix = 0;
  guint suffix = 0;

  if (self->document != NULL)
    {
      guint n_events = chrono_document_get_n_events (self->document);

      if (self->filter == NULL || chrono_filter_is_empty (self->filter))
        new_n = n_events;
      else
        {
          const guint8 *mask = chrono_filter_get_mask (self->filter, self->document, &new_n);
          guint j = 0;

          self->visible = g_new (guint32, MAX (new_n, 1));
          for (guint i = 0; i < n_events; i++)
            {
              if (mask[i])
                self->visible[j++] = i;
            }
          g_assert (j == new_n);
        }
    }

  self->n_items = new_n;

  if (same_document)
    {
      while (prefix < old_n && prefix < new_n &&
             index_at (old_visible, prefix) == index_at (self->visible, prefix))
        prefix++;
      while (suffix < old_n - prefix && suffix < new_n - prefix &&
             index_at (old_visible, old_n - 1 - suffix) == index_at (self->visible, new_n - 1 - suffix))
        suffix++;
    }

  if (old_n - prefix - suffix > 0 || new_n - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_n - prefix - suffix, new_n - prefix - suffix);

  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
on_filter_changed (ChronoEventList *self,
                   ChronoFilter    *filter)
{
  chrono_event_list_update (self, TRUE);
}

/* First index in @visible (@n entries) at or after @index. */
static guint
lower_bound (const guint32 *visible,
             guint          n,
             guint          index)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (visible[mid] < index)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* An edit replaced events [position, position + removed) by @added
 * others: the rows outside stay (shifted), the rows inside are redone,
 * so list widgets keep their rows and scroll position. */
static void
on_document_changed (ChronoEventList *self,
                     guint            flags,
                     guint            position,
                     guint            removed,
                     guint            added,
                     ChronoDocument  *document)
{
  g_autofree guint32 *old_visible = NULL;
  const guint8 *mask;
  guint old_n = self->n_items;
  guint lo, hi, n_in, n_visible;

  if (!(flags & CHRONO_CHANGE_EVENTS))
    {
      /* A lane or category renamed, or removed with its events moved:
       * the rows' texts may differ; the filter may hide others now. */
      if (self->visible != NULL)
        chrono_event_list_update (self, TRUE);
      else if (self->n_items > 0 && (flags & (CHRONO_CHANGE_LANES | CHRONO_CHANGE_CATEGORIES)))
        g_list_model_items_changed (G_LIST_MODEL (self), 0, self->n_items, self->n_items);
      return;
    }

  if (self->visible == NULL && (self->filter == NULL || chrono_filter_is_empty (self->filter)))
    {
      self->n_items = chrono_document_get_n_events (document);
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      if (removed != added)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
      return;
    }

  if (self->visible == NULL)
    {
      chrono_event_list_update (self, TRUE);
      return;
    }

  mask = chrono_filter_get_mask (self->filter, document, &n_visible);
  old_visible = g_steal_pointer (&self->visible);
  lo = lower_bound (old_visible, old_n, position);
  hi = lower_bound (old_visible, old_n, position + removed);

  self->visible = g_new (guint32, MAX (n_visible, 1));
  memcpy (self->visible, old_visible, sizeof (guint32) * lo);
  n_in = 0;
  for (guint i = position; i < position + added; i++)
    if (mask[i])
      self->visible[lo + n_in++] = i;
  for (guint j = hi; j < old_n; j++)
    self->visible[lo + n_in + j - hi] = old_visible[j] + added - removed;
  self->n_items = lo + n_in + old_n - hi;
  g_assert (self->n_items == n_visible);

  if (hi - lo > 0 || n_in > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), lo, hi - lo, n_in);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
chrono_event_list_dispose (GObject *object)
{
  ChronoEventList *self = (ChronoEventList *)object;

  if (self->document != NULL)
    g_clear_signal_handler (&self->document_changed_id, self->document);
  if (self->filter != NULL)
    g_clear_signal_handler (&self->filter_changed_id, self->filter);
  g_clear_object (&self->filter);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (chrono_event_list_parent_class)->dispose (object);
}

static void
chrono_event_list_finalize (GObject *object)
{
  ChronoEventList *self = (ChronoEventList *)object;

  g_clear_pointer (&self->visible, g_free);

  G_OBJECT_CLASS (chrono_event_list_parent_class)->finalize (object);
}

static void
chrono_event_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ChronoEventList *self = CHRONO_EVENT_LIST (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_event_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ChronoEventList *self = CHRONO_EVENT_LIST (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      chrono_event_list_set_document (self, g_value_get_object (value));
      break;

    case PROP_FILTER:
      chrono_event_list_set_filter (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_event_list_class_init (ChronoEventListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = chrono_event_list_dispose;
  object_class->finalize = chrono_event_list_finalize;
  object_class->get_property = chrono_event_list_get_property;
  object_class->set_property = chrono_event_list_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         CHRONO_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL,
                         CHRONO_TYPE_FILTER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chrono_event_list_init (ChronoEventList *self)
{
}

/**
 * chrono_event_list_new:
 * @document: (nullable): the document whose events are listed
 * @filter: (nullable): the filter the events must pass
 *
 * Returns: (transfer full): a new list model of #ChronoEventItem
 */
ChronoEventList *
chrono_event_list_new (ChronoDocument *document,
                       ChronoFilter   *filter)
{
  g_return_val_if_fail (document == NULL || CHRONO_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (filter == NULL || CHRONO_IS_FILTER (filter), NULL);

  return g_object_new (CHRONO_TYPE_EVENT_LIST,
                       "document", document,
                       "filter", filter,
                       NULL);
}

/**
 * chrono_event_list_get_document:
 *
 * Returns: (transfer none) (nullable): the listed document
 */
ChronoDocument *
chrono_event_list_get_document (ChronoEventList *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT_LIST (self), NULL);

  return self->document;
}

/**
 * chrono_event_list_set_document:
 * @document: (nullable): the document to list
 *
 * Replaces every item.
 */
void
chrono_event_list_set_document (ChronoEventList *self,
                                ChronoDocument  *document)
{
  g_return_if_fail (CHRONO_IS_EVENT_LIST (self));
  g_return_if_fail (document == NULL || CHRONO_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_clear_signal_handler (&self->document_changed_id, self->document);
  g_set_object (&self->document, document);
  if (document != NULL)
    self->document_changed_id = g_signal_connect_swapped (document, "changed",
                                                          G_CALLBACK (on_document_changed), self);

  chrono_event_list_update (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/**
 * chrono_event_list_get_filter:
 *
 * Returns: (transfer none) (nullable): the filter
 */
ChronoFilter *
chrono_event_list_get_filter (ChronoEventList *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT_LIST (self), NULL);

  return self->filter;
}

/**
 * chrono_event_list_set_filter:
 * @filter: (nullable): the filter events must pass; NULL lists them all
 */
void
chrono_event_list_set_filter (ChronoEventList *self,
                              ChronoFilter    *filter)
{
  g_return_if_fail (CHRONO_IS_EVENT_LIST (self));
  g_return_if_fail (filter == NULL || CHRONO_IS_FILTER (filter));

  if (self->filter == filter)
    return;

  if (self->filter != NULL)
    g_clear_signal_handler (&self->filter_changed_id, self->filter);

  g_set_object (&self->filter, filter);

  if (filter != NULL)
    self->filter_changed_id = g_signal_connect_object (filter, "changed",
                                                       G_CALLBACK (on_filter_changed),
                                                       self, G_CONNECT_SWAPPED);

  chrono_event_list_update (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

static int
compare_index (gconstpointer a,
               gconstpointer b)
{
  guint32 x = *(const guint32 *)a;
  guint32 y = *(const guint32 *)b;

  return x < y ? -1 : x > y;
}

/**
 * chrono_event_list_get_position:
 * @event_index: an index into the document's events
 *
 * For selection sync between the timeline and a list widget.
 *
 * Returns: the position of that event in the list, or G_MAXUINT when it
 *   is not listed
 */
guint
chrono_event_list_get_position (ChronoEventList *self,
                                guint            event_index)
{
  guint32 key = event_index;
  const guint32 *found;

  g_return_val_if_fail (CHRONO_IS_EVENT_LIST (self), G_MAXUINT);

  if (self->visible == NULL)
    return event_index < self->n_items ? event_index : G_MAXUINT;

  found = bsearch (&key, self->visible, self->n_items, sizeof (guint32), compare_index);
  if (found == NULL)
    return G_MAXUINT;

  return found - self->visible;
}

/**
 * chrono_event_list_get_event_index:
 * @position: a list position
 *
 * Returns: the index in the document of the event at @position, or
 *   G_MAXUINT past the end
 */
guint
chrono_event_list_get_event_index (ChronoEventList *self,
                                   guint            position)
{
  g_return_val_if_fail (CHRONO_IS_EVENT_LIST (self), G_MAXUINT);

  if (position >= self->n_items)
    return G_MAXUINT;

  return index_at (self->visible, position);
}
