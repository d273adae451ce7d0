/* chrono-event-row.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-event-row"

#include "config.h"

#include <adwaita.h>

#include "chrono-a11y.h"
#include "chrono-event-row.h"
#include "chrono-style.h"

struct _ChronoEventRow
{
  GtkWidget        parent_instance;

  ChronoEventItem *item;

  /* Template widgets */
  GtkDrawingArea  *dot;
  GtkLabel        *title_label;
  GtkLabel        *subtitle_label;
};

G_DEFINE_FINAL_TYPE (ChronoEventRow, chrono_event_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The event's colour on the timeline, so list and timeline match. */
static void
draw_dot (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  ChronoEventRow *self = user_data;
  ChronoStyle style;
  ChronoColor color;

  if (self->item == NULL || chrono_event_item_get_event (self->item) == NULL)
    return;

  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    chrono_style_init_dark (&style, 1.0);
  else
    chrono_style_init_light (&style, 1.0);
  color = chrono_style_get_event_color (&style,
                                       chrono_event_item_get_document (self->item),
                                       chrono_event_item_get_event (self->item));

  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
update (ChronoEventRow *self)
{
  const char *title = NULL;
  const char *date = NULL;
  const char *lane = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (self->item != NULL)
    {
      title = chrono_event_item_get_title (self->item);
      date = chrono_event_item_get_date_text (self->item);
      lane = chrono_event_item_get_lane_title (self->item);
      subtitle = g_strdup_printf ("%s · %s", date ? date : "", lane ? lane : "");
    }

  gtk_label_set_text (self->title_label, title ? title : "");
  gtk_label_set_text (self->subtitle_label, subtitle ? subtitle : "");
  gtk_widget_queue_draw (GTK_WIDGET (self->dot));

  /* The list item widget (the row's parent) is what a screen reader
   * reads: name it as the timeline names the selection. */
  if (self->item != NULL && chrono_event_item_get_event (self->item) != NULL && parent != NULL)
    {
      g_autofree char *name = chrono_a11y_describe_event (chrono_event_item_get_document (self->item),
                                                          chrono_event_item_get_event (self->item));

      chrono_a11y_set_label (parent, name);
    }
}

/* The row's tooltip is its title, asked for when shown: setting a
 * tooltip text on every bind made GTK query the pointer from the display
 * server once per row, a round trip each, when a document came in. */
static gboolean
chrono_event_row_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard,
                                GtkTooltip *tooltip)
{
  const char *text = gtk_label_get_text (CHRONO_EVENT_ROW (widget)->title_label);

  if (text == NULL || text[0] == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
chrono_event_row_dispose (GObject *object)
{
  ChronoEventRow *self = CHRONO_EVENT_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONO_TYPE_EVENT_ROW);
  /* A plain widget unparents its children itself, the box that is not
   * bound to a field included. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (chrono_event_row_parent_class)->dispose (object);
}

static void
chrono_event_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ChronoEventRow *self = CHRONO_EVENT_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_event_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ChronoEventRow *self = CHRONO_EVENT_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      chrono_event_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_event_row_class_init (ChronoEventRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chrono_event_row_dispose;
  object_class->get_property = chrono_event_row_get_property;
  object_class->set_property = chrono_event_row_set_property;
  widget_class->query_tooltip = chrono_event_row_query_tooltip;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         CHRONO_TYPE_EVENT_ITEM,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/chrono-event-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronoEventRow, dot);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventRow, subtitle_label);
  gtk_widget_class_set_css_name (widget_class, "eventrow");
}

static void
chrono_event_row_init (ChronoEventRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_drawing_area_set_draw_func (self->dot, draw_dot, self, NULL);
}

/**
 * chrono_event_row_new:
 *
 * Returns: (transfer floating): a row showing no event
 */
GtkWidget *
chrono_event_row_new (void)
{
  return g_object_new (CHRONO_TYPE_EVENT_ROW, NULL);
}

/**
 * chrono_event_row_get_item:
 *
 * Returns: (transfer none) (nullable): the event shown
 */
ChronoEventItem *
chrono_event_row_get_item (ChronoEventRow *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT_ROW (self), NULL);

  return self->item;
}

/**
 * chrono_event_row_set_item:
 * @item: (nullable): the event to show
 *
 * Shows @item, and names the row's parent (the list item) after it.
 */
void
chrono_event_row_set_item (ChronoEventRow  *self,
                           ChronoEventItem *item)
{
  g_return_if_fail (CHRONO_IS_EVENT_ROW (self));
  g_return_if_fail (item == NULL || CHRONO_IS_EVENT_ITEM (item));

  if (!g_set_object (&self->item, item))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, chrono_event_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  ChronoEventRow *row = CHRONO_EVENT_ROW (gtk_list_item_get_child (list_item));

  chrono_event_row_set_item (row, gtk_list_item_get_item (list_item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  chrono_event_row_set_item (CHRONO_EVENT_ROW (gtk_list_item_get_child (list_item)), NULL);
}

/**
 * chrono_event_row_factory_new:
 *
 * Returns: (transfer full): a factory that shows each #ChronoEventItem
 *   of a list in a #ChronoEventRow
 */
GtkListItemFactory *
chrono_event_row_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);

  return factory;
}
