/* chrono-filter-popover.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-filter-popover"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "chrono-a11y.h"
#include "chrono-filter-popover.h"
#include "chrono-style.h"

struct _ChronoFilterPopover
{
  GtkPopover      parent_instance;

  ChronoSession  *session;
  ChronoFilter   *filter;
  gulong          document_handler;
  gulong          changed_handler;
  /* Set while the widgets are brought in line with the filter, so their
   * signals do not write back into it. */
  gboolean        syncing;

  GtkWidget      *lanes_heading;
  GtkBox         *lanes_box;
  GtkWidget      *categories_heading;
  GtkBox         *categories_box;
  GtkWidget      *tags_heading;
  GtkFlowBox     *tags_box;
  GtkEntry       *from_entry;
  GtkEntry       *to_entry;
  GtkWidget      *reset_button;
};

G_DEFINE_FINAL_TYPE (ChronoFilterPopover, chrono_filter_popover, GTK_TYPE_POPOVER)

static void
remove_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    {
      if (GTK_IS_BOX (parent))
        gtk_box_remove (GTK_BOX (parent), child);
      else
        gtk_flow_box_remove (GTK_FLOW_BOX (parent), child);
    }
}

static void
on_lane_toggled (GtkCheckButton      *check,
                 ChronoFilterPopover *self)
{
  if (self->syncing || self->filter == NULL)
    return;

  chrono_filter_set_lane_visible (self->filter,
                                  g_object_get_data (G_OBJECT (check), "id"),
                                  gtk_check_button_get_active (check));
}

static void
on_category_toggled (GtkCheckButton      *check,
                     ChronoFilterPopover *self)
{
  if (self->syncing || self->filter == NULL)
    return;

  chrono_filter_set_category_visible (self->filter,
                                      g_object_get_data (G_OBJECT (check), "id"),
                                      gtk_check_button_get_active (check));
}

static void
on_tag_toggled (GtkToggleButton     *button,
                ChronoFilterPopover *self)
{
  g_autoptr(GPtrArray) tags = NULL;

  if (self->syncing || self->filter == NULL)
    return;

  tags = g_ptr_array_new ();
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *toggle = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)))
        g_ptr_array_add (tags, (gpointer) gtk_button_get_label (GTK_BUTTON (toggle)));
    }

  if (tags->len == 0)
    chrono_filter_set_tags (self->filter, NULL);
  else
    {
      g_ptr_array_add (tags, NULL);
      chrono_filter_set_tags (self->filter, (const char * const *) tags->pdata);
    }
}

static void
draw_chip (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  const ChronoColor *color = user_data;

  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

/* A check button labelled with @title after a chip of @color, the
 * lane's or category's colour on the timeline. */
static GtkWidget *
add_check (GtkBox              *box,
           const char          *id,
           const char          *title,
           const ChronoColor   *color,
           gboolean             active,
           GCallback            toggled,
           ChronoFilterPopover *self)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *chip = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (title);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (chip), 10);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (chip), 10);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (chip), draw_chip,
                                  g_memdup2 (color, sizeof *color), g_free);
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (content), chip);
  gtk_box_append (GTK_BOX (content), label);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), content);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  g_object_set_data_full (G_OBJECT (check), "id", g_strdup (id), g_free);
  g_signal_connect (check, "toggled", toggled, self);
  gtk_box_append (box, check);

  return check;
}

static gboolean
tag_is_required (ChronoFilter *filter,
                 const char   *tag)
{
  const char * const *tags = chrono_filter_get_tags (filter);

  return tags != NULL && g_strv_contains (tags, tag);
}

/* Lanes, categories and tags come from the document. */
static void
rebuild (ChronoFilterPopover *self)
{
  ChronoDocument *document = self->session ? chrono_session_get_document (self->session) : NULL;
  guint n_lanes = 0, n_categories = 0, n_tags = 0;
  const char * const *tags = NULL;

  self->syncing = TRUE;

  remove_children (GTK_WIDGET (self->lanes_box));
  remove_children (GTK_WIDGET (self->categories_box));
  remove_children (GTK_WIDGET (self->tags_box));

  if (document != NULL)
    {
      ChronoStyle style;

      if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
        chrono_style_init_dark (&style, 1.0);
      else
        chrono_style_init_light (&style, 1.0);

      n_lanes = chrono_document_get_n_lanes (document);
      for (guint i = 0; i < n_lanes; i++)
        {
          const ChronoLane *lane = chrono_document_get_lane (document, i);
          ChronoColor color = chrono_style_get_lane_color (&style, document, i);

          add_check (self->lanes_box, lane->id, lane->title, &color,
                     chrono_filter_get_lane_visible (self->filter, lane->id),
                     G_CALLBACK (on_lane_toggled), self);
        }

      n_categories = chrono_document_get_n_categories (document);
      for (guint i = 0; i < n_categories; i++)
        {
          const ChronoCategory *category = chrono_document_get_category (document, i);
          ChronoColor color = chrono_style_get_category_color (&style, document, i);

          add_check (self->categories_box, category->id, category->title, &color,
                     chrono_filter_get_category_visible (self->filter, category->id),
                     G_CALLBACK (on_category_toggled), self);
        }

      tags = chrono_document_get_tags (document);
      for (; tags != NULL && tags[n_tags] != NULL; n_tags++)
        {
          GtkWidget *toggle = gtk_toggle_button_new_with_label (tags[n_tags]);

          gtk_widget_add_css_class (toggle, "tag-toggle");
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle),
                                        tag_is_required (self->filter, tags[n_tags]));
          g_signal_connect (toggle, "toggled", G_CALLBACK (on_tag_toggled), self);
          gtk_widget_set_halign (toggle, GTK_ALIGN_START);
          gtk_flow_box_append (self->tags_box, toggle);
          /* One Tab stop a tag, the toggle, named by its tag: the flow
           * box child around it would be a second, unnamed stop. */
          gtk_widget_set_focusable (gtk_widget_get_parent (toggle), FALSE);
          chrono_a11y_set_label (gtk_widget_get_parent (toggle), tags[n_tags]);
        }
    }

  gtk_widget_set_visible (self->lanes_heading, n_lanes > 0);
  gtk_widget_set_visible (self->categories_heading, n_categories > 0);
  gtk_widget_set_visible (self->tags_heading, n_tags > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), n_tags > 0);

  self->syncing = FALSE;
}

/* Someone else changed the filter (Reset, a test, the search entry). */
static void
on_filter_changed (ChronoFilterPopover *self)
{
  gint64 from, to;

  if (self->syncing)
    return;

  self->syncing = TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->lanes_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (child),
                                 chrono_filter_get_lane_visible (self->filter,
                                                                 g_object_get_data (G_OBJECT (child), "id")));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->categories_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (child),
                                 chrono_filter_get_category_visible (self->filter,
                                                                     g_object_get_data (G_OBJECT (child), "id")));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *toggle = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle),
                                    tag_is_required (self->filter,
                                                     gtk_button_get_label (GTK_BUTTON (toggle))));
    }

  if (!chrono_filter_get_range (self->filter, &from, &to))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->from_entry), "");
      gtk_editable_set_text (GTK_EDITABLE (self->to_entry), "");
      gtk_widget_remove_css_class (GTK_WIDGET (self->from_entry), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->to_entry), "error");
    }

  gtk_widget_set_sensitive (self->reset_button, !chrono_filter_is_empty (self->filter));

  self->syncing = FALSE;
}

/* Parses an entry: TRUE with *set FALSE when empty. */
static gboolean
parse_entry (GtkEntry   *entry,
             ChronoDate *date,
             gboolean   *set)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  gboolean ok = TRUE;

  *set = stripped[0] != '\0';
  if (*set)
    ok = chrono_date_parse (stripped, FALSE, date, NULL, NULL);

  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");

  return ok;
}

static void
on_range_changed (ChronoFilterPopover *self)
{
  ChronoDate from_date, to_date;
  gboolean has_from, has_to;
  gboolean from_ok, to_ok;
  /* Far beyond any year a file may hold, yet safe to add to. */
  gint64 from = G_MININT64 / 4;
  gint64 to = G_MAXINT64 / 4;

  if (self->syncing || self->filter == NULL)
    return;

  from_ok = parse_entry (self->from_entry, &from_date, &has_from);
  to_ok = parse_entry (self->to_entry, &to_date, &has_to);
  if (!from_ok || !to_ok)
    return;

  if (has_from)
    from = from_date.time;
  /* "To 2020" includes all of 2020. */
  if (has_to)
    to = chrono_date_get_period_end (&to_date);

  if (has_from && has_to && to <= from)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->to_entry), "error");
      return;
    }

  self->syncing = TRUE;
  chrono_filter_set_range (self->filter, has_from || has_to, from, to);
  gtk_widget_set_sensitive (self->reset_button, !chrono_filter_is_empty (self->filter));
  self->syncing = FALSE;
}

static void
on_reset_clicked (ChronoFilterPopover *self)
{
  if (self->filter != NULL)
    chrono_filter_reset (self->filter);
}

static void
chrono_filter_popover_dispose (GObject *object)
{
  ChronoFilterPopover *self = CHRONO_FILTER_POPOVER (object);

  chrono_filter_popover_set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONO_TYPE_FILTER_POPOVER);

  G_OBJECT_CLASS (chrono_filter_popover_parent_class)->dispose (object);
}

static void
chrono_filter_popover_class_init (ChronoFilterPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chrono_filter_popover_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/chrono-filter-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronoFilterPopover, lanes_heading);
  gtk_widget_class_bind_template_child (widget_class, ChronoFilterPopover, lanes_box);
  gtk_widget_class_bind_template_child (widget_class, ChronoFilterPopover, categories_heading);
  gtk_widget_class_bind_template_child (widget_class, ChronoFilterPopover, categories_box);
  gtk_widget_class_bind_template_child (widget_class, ChronoFilterPopover, tags_heading);
  gtk_widget_class_bind_template_child (widget_class, ChronoFilterPopover, tags_box);
  gtk_widget_class_bind_template_child (widget_class, ChronoFilterPopover, from_entry);
  gtk_widget_class_bind_template_child (widget_class, ChronoFilterPopover, to_entry);
  gtk_widget_class_bind_template_child (widget_class, ChronoFilterPopover, reset_button);
  gtk_widget_class_bind_template_callback (widget_class, on_range_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked);
}

static void
chrono_filter_popover_init (ChronoFilterPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  chrono_a11y_fix_names (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "filter-popover");

  /* The colour chips follow the light or dark palette. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
}

/**
 * chrono_filter_popover_new:
 *
 * Returns: (transfer floating): a new filter popover
 */
GtkWidget *
chrono_filter_popover_new (void)
{
  return g_object_new (CHRONO_TYPE_FILTER_POPOVER, NULL);
}

/**
 * chrono_filter_popover_set_session:
 * @session: (nullable): the session whose filter to edit
 *
 * Shows the lanes, categories and tags of @session's document and edits
 * its filter.
 */
void
chrono_filter_popover_set_session (ChronoFilterPopover *self,
                                   ChronoSession       *session)
{
  g_return_if_fail (CHRONO_IS_FILTER_POPOVER (self));
  g_return_if_fail (session == NULL || CHRONO_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->document_handler, self->session);
      g_clear_signal_handler (&self->changed_handler, self->filter);
      g_clear_object (&self->filter);
      g_clear_object (&self->session);
    }

  if (session != NULL)
    {
      self->session = g_object_ref (session);
      self->filter = g_object_ref (chrono_session_get_filter (session));
      self->document_handler =
        g_signal_connect_swapped (session, "notify::document", G_CALLBACK (rebuild), self);
      self->changed_handler =
        g_signal_connect_swapped (self->filter, "changed", G_CALLBACK (on_filter_changed), self);
    }

  if (self->lanes_box != NULL)
    {
      rebuild (self);
      if (self->filter != NULL)
        on_filter_changed (self);
    }
}
