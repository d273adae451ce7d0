/* chrono-a11y.c: small accessibility helpers shared by the widgets
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-a11y"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <adwaita.h>

#include "chrono-a11y.h"

/**
 * chrono_a11y_fix_names:
 * @widget: a widget whose descendants (and itself) to fix
 *
 * Names what GTK 4.8 and libadwaita 1.2 leave unnamed or misnamed.
 *
 * A status page scrolls its content in a scrolled window that takes the
 * focus and has no name: it gets the page's title.
 *
 * GTK 4.8 gives a button with a mnemonic label both an accessible
 * label, the raw text with its underscore ("_Open"), and (through the
 * label's mnemonic widget) a labelled-by relation to its label widget,
 * whose name is the same text without the underscore; screen readers
 * join the two and read "_Open Open".  Dropping the label property leaves the relation, so
 * the name is read once, without the underscore.  GTK sets the
 * property again when a button's label changes: call this after.
 */
void
chrono_a11y_fix_names (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (ADW_IS_STATUS_PAGE (widget) && GTK_IS_SCROLLED_WINDOW (gtk_widget_get_first_child (widget)))
    {
      const char *title = adw_status_page_get_title (ADW_STATUS_PAGE (widget));

      if (title != NULL && title[0] != '\0')
        chrono_a11y_set_label (gtk_widget_get_first_child (widget), title);
    }

  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
      gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
      GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (widget))))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    chrono_a11y_fix_names (child);
}

/**
 * chrono_a11y_set_label:
 * @label: (nullable): the accessible name, or %NULL to drop it
 */
void
chrono_a11y_set_label (GtkWidget  *widget,
                       const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/**
 * chrono_a11y_set_description:
 * @description: (nullable): the accessible description, or %NULL to drop it
 */
void
chrono_a11y_set_description (GtkWidget  *widget,
                             const char *description)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/**
 * chrono_a11y_announce:
 * @widget: the widget the change belongs to
 * @text: what to say
 *
 * Says @text politely.  GTK 4.8 has neither gtk_accessible_announce()
 * (GTK 4.14) nor live-region properties, but over AT-SPI a change of the
 * focused object's description is sent as a property-change event,
 * which screen readers present for the object with the focus.  So the
 * text becomes the description of the widget that has the focus when it
 * is @widget or inside the same window (@widget's own description
 * otherwise), where it stays until the next announcement.
 */
void
chrono_a11y_announce (GtkWidget  *widget,
                      const char *text)
{
  GtkRoot *root;
  GtkWidget *focus = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  root = gtk_widget_get_root (widget);
  if (root != NULL)
    focus = gtk_root_get_focus (root);

  chrono_a11y_set_description (focus != NULL ? focus : widget, text);
}

/**
 * chrono_a11y_describe_event:
 * @document: the document of @event
 * @event: an event
 *
 * Returns: (transfer full): how a screen reader names @event, "OpenAI is
 *   founded, 11 December 2015, OpenAI lane": the event list's rows and
 *   the timeline's selection read alike.
 */
char *
chrono_a11y_describe_event (ChronoDocument    *document,
                            const ChronoEvent *event)
{
  const ChronoLane *lane;
  g_autofree char *dates = NULL;

  g_return_val_if_fail (CHRONO_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (event != NULL, NULL);

  lane = chrono_document_get_lane (document, event->lane);
  if (CHRONO_EVENT_IS_POINT (event))
    dates = chrono_date_format (&event->start);
  else
    dates = chrono_date_format_range (&event->start, &event->end);

  if (lane == NULL || lane->title == NULL || lane->title[0] == '\0')
    /* Translators: an event read by a screen reader: title, dates */
    return g_strdup_printf (_("%s, %s"), event->title, dates);

  /* Translators: an event read by a screen reader: title, dates, lane */
  return g_strdup_printf (_("%s, %s, %s lane"), event->title, dates, lane->title);
}
