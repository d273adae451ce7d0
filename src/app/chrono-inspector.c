/* chrono-inspector.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-inspector"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chrono-a11y.h"
#include "chrono-inspector.h"
#include "chrono-link.h"
#include "chrono-style.h"

struct _ChronoInspector
{
  AdwBin          parent_instance;

  ChronoSession  *session;
  gulong          selected_handler;
  gulong          document_handler;

  guint           scroll_source;

  ChronoColor     lane_color;
  ChronoColor     category_color;

  GtkStack       *stack;
  GtkScrolledWindow *scroller;
  GtkLabel       *title_label;
  GtkLabel       *date_label;
  GtkLabel       *precision_label;
  AdwActionRow   *duration_row;
  AdwActionRow   *lane_row;
  AdwActionRow   *category_row;
  AdwActionRow   *era_row;
  AdwActionRow   *source_row;
  GtkDrawingArea *lane_chip;
  GtkDrawingArea *category_chip;
  GtkFlowBox     *tags_box;
  GtkLabel       *description_label;
  GtkWidget      *links_section;
  GtkListBox     *links_list;
  GtkWidget      *related_section;
  GtkListBox     *related_list;

  /* Media */
  ChronoImageCache *image_cache;
  gboolean        allow_web;
  GCancellable   *picture_cancellable;
  GdkTexture     *texture;
  char           *picture_source;  /* resolved: a path or a URL */
  char           *picture_name;    /* for the large view's title and names */
  GtkWidget      *media_section;
  GtkButton      *picture_button;
  GtkPicture     *picture;
  GtkLabel       *picture_message_label;
  GtkLabel       *caption_label;
  GtkLabel       *credit_label;
  GtkLabel       *quote_label;
  GtkLabel       *quote_by_label;
  GtkListBox     *card_list;
};

G_DEFINE_FINAL_TYPE (ChronoInspector, chrono_inspector, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

enum {
  EVENT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
draw_chip (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  const ChronoColor *color = user_data;
  double r = MIN (width, height) / 2.0;

  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
  cairo_arc (cr, width / 2.0, height / 2.0, r, 0, 2 * G_PI);
  cairo_fill (cr);
}

/* The renderer's colours, so the chips match the bars on the timeline. */
static void
init_style (ChronoStyle *style)
{
  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    chrono_style_init_dark (style, 1.0);
  else
    chrono_style_init_light (style, 1.0);
}

static void
clear_list_box (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
clear_flow_box (GtkFlowBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);
}

static const char *
precision_text (guint precision)
{
  switch (precision)
    {
    case CHRONO_PRECISION_YEAR:
      return _("to the year");
    case CHRONO_PRECISION_MONTH:
      return _("to the month");
    case CHRONO_PRECISION_DAY:
      return _("to the day");
    case CHRONO_PRECISION_HOUR:
      return _("to the hour");
    case CHRONO_PRECISION_MINUTE:
      return _("to the minute");
    case CHRONO_PRECISION_SECOND:
      return _("to the second");
    default:
      return NULL;
    }
}

/* A whole sentence, so that translations can start it as they need. */
static const char *
precision_sentence (guint precision)
{
  switch (precision)
    {
    case CHRONO_PRECISION_YEAR:
      return _("Known to the year");
    case CHRONO_PRECISION_MONTH:
      return _("Known to the month");
    case CHRONO_PRECISION_DAY:
      return _("Known to the day");
    case CHRONO_PRECISION_HOUR:
      return _("Known to the hour");
    case CHRONO_PRECISION_MINUTE:
      return _("Known to the minute");
    case CHRONO_PRECISION_SECOND:
      return _("Known to the second");
    default:
      return NULL;
    }
}

static void
append_qualifiers (GString          *str,
                   const ChronoDate *date,
                   const char       *approximate,
                   const char       *uncertain)
{
  if (date->flags & CHRONO_DATE_APPROXIMATE)
    {
      if (str->len > 0)
        g_string_append (str, " · ");
      g_string_append (str, approximate);
    }
  if (date->flags & CHRONO_DATE_UNCERTAIN)
    {
      if (str->len > 0)
        g_string_append (str, " · ");
      g_string_append (str, uncertain);
    }
}

/* "Known to the month · approximate start · ongoing" */
static char *
describe_precision (const ChronoEvent *event)
{
  g_autoptr(GString) str = g_string_new (NULL);
  const char *start_precision = precision_text (event->start.precision);
  gboolean point = CHRONO_EVENT_IS_POINT (event);

  if (start_precision != NULL)
    {
      if (!point && event->end.precision != CHRONO_PRECISION_NONE &&
          event->end.precision != event->start.precision &&
          precision_text (event->end.precision) != NULL)
        /* Translators: "Start known to the year, end to the month" */
        g_string_append_printf (str, _("Start known %s, end %s"),
                                start_precision,
                                precision_text (event->end.precision));
      else
        g_string_append (str, precision_sentence (event->start.precision));
    }

  if (point)
    append_qualifiers (str, &event->start, _("approximate"), _("uncertain"));
  else
    {
      append_qualifiers (str, &event->start, _("approximate start"), _("uncertain start"));
      append_qualifiers (str, &event->end, _("approximate end"), _("uncertain end"));
      if (event->end.flags & CHRONO_DATE_OPEN)
        {
          if (str->len > 0)
            g_string_append (str, " · ");
          g_string_append (str, _("ongoing"));
        }
    }

  return g_string_free (g_steal_pointer (&str), FALSE);
}

static void
on_link_shown (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = user_data;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not open %s: %s", url, error->message);
}

static void
on_link_activated (AdwActionRow *row,
                   gpointer      user_data)
{
  const char *url = g_object_get_data (G_OBJECT (row), "url");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (row));

  /* The loader keeps only http, https and mailto links; check again
   * here, the last step before the desktop picks a handler. */
  if (!chrono_link_is_safe (url) || !GTK_IS_WINDOW (root))
    return;

  /* Through GIO, which asks the OpenURI portal when sandboxed, with
   * the window as the parent of whatever the desktop shows. */
  gtk_show_uri_full (GTK_WINDOW (root), url, GDK_CURRENT_TIME, NULL,
                     on_link_shown, g_strdup (url));
}

static void
on_related_activated (AdwActionRow *row,
                      gpointer      user_data)
{
  ChronoInspector *self = user_data;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "event-index"));

  g_signal_emit (self, signals[EVENT_ACTIVATED], 0, index);
}

/* Rows show markup; @value is plain text.  An empty row is hidden. */
static void
set_row (AdwActionRow *row,
         const char   *value)
{
  g_autofree char *escaped = g_markup_escape_text (value ? value : "", -1);

  gtk_widget_set_visible (GTK_WIDGET (row), value != NULL && value[0] != '\0');
  adw_action_row_set_subtitle (row, escaped);
}

static void
add_tag (ChronoInspector *self,
         const char      *tag)
{
  GtkWidget *label = gtk_label_new (tag);

  gtk_widget_add_css_class (label, "tag");
  gtk_widget_add_css_class (label, "caption");
  gtk_flow_box_append (self->tags_box, label);
  gtk_widget_set_halign (gtk_widget_get_parent (label), GTK_ALIGN_START);
  chrono_a11y_set_label (gtk_widget_get_parent (label), tag);
}

/* A row that opens @url when activated, titled @title (plain text)
 * over @subtitle; the address itself is its tooltip and description. */
static void
append_link_row (ChronoInspector *self,
                 GtkListBox      *list,
                 const char      *title,
                 const char      *subtitle,
                 const char      *url)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle, -1);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("adw-external-link-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
  gtk_widget_set_tooltip_text (row, url);
  chrono_a11y_set_description (row, url);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "url", g_strdup (url), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (on_link_activated), self);
  gtk_list_box_append (list, row);
}

static void
add_link (ChronoInspector  *self,
          const ChronoLink *link)
{
  g_autofree char *host = chrono_link_dup_host (link->url);
  g_autofree char *title = NULL;

  /* Never from a loaded document; refused rather than shown. */
  if (host == NULL)
    return;

  /* Where a link leads, beside what it is called: the title alone
   * could say anything. */
  if (link->title != NULL && link->title[0] != '\0')
    /* Translators: a link's title and the web site (or e-mail address)
     * it leads to: "Announcement — www.anthropic.com" */
    title = g_strdup_printf (_("%s — %s"), link->title, host);
  else
    title = g_strdup (host);
  append_link_row (self, self->links_list, title, link->url, link->url);
}

/* Media {{{ */

/* The picture's size in the sidebar, in pixels: wide enough for a wide
 * sidebar on a screen of scale 2. */
#define SIDEBAR_PICTURE_SIZE 800
/* The large view's. */
#define LARGE_PICTURE_SIZE 2400

static GdkTexture *
texture_from_surface (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = NULL;

  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * height);
  /* cairo's ARGB32 is premultiplied, in native byte order: GDK's default. */
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

static void
show_picture_message (ChronoInspector *self,
                      const char      *message)
{
  gtk_label_set_text (self->picture_message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->picture_message_label), message != NULL);
}

static void
on_picture_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ChronoInspector) self = user_data;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  surface = chrono_image_cache_load_finish (CHRONO_IMAGE_CACHE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->picture == NULL)
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      return;
    }
  if (surface == NULL)
    {
      /* Refused or missing: say why where the picture would be. */
      show_picture_message (self, error->message);
      return;
    }

  g_clear_object (&self->texture);
  self->texture = texture_from_surface (surface);
  cairo_surface_destroy (surface);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (self->texture));
  gtk_widget_set_visible (GTK_WIDGET (self->picture_button), TRUE);
  show_picture_message (self, NULL);
}

static void
on_large_picture_loaded (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GtkPicture) picture = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *surface;

  surface = chrono_image_cache_load_finish (CHRONO_IMAGE_CACHE (source), result, &error);
  if (surface == NULL)
    return;  /* the sidebar's copy stays */
  texture = texture_from_surface (surface);
  cairo_surface_destroy (surface);
  gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
}

/* The picture large, in a window of its own; Escape closes it. */
static void
on_picture_clicked (ChronoInspector *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *window, *picture;
  GtkEventController *keys;

  if (self->texture == NULL)
    return;

  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), self->picture_name);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_default_size (GTK_WINDOW (window),
                               CLAMP (gdk_texture_get_width (self->texture) * 2, 480, 1200),
                               CLAMP (gdk_texture_get_height (self->texture) * 2, 360, 900));
  gtk_widget_add_css_class (window, "picture-viewer");

  picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (self->texture));
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_alternative_text (GTK_PICTURE (picture), self->picture_name);
  gtk_window_set_child (GTK_WINDOW (window), picture);

  keys = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, keys);

  chrono_image_cache_load_async (self->image_cache, self->picture_source,
                                 LARGE_PICTURE_SIZE, LARGE_PICTURE_SIZE, self->allow_web,
                                 NULL, on_large_picture_loaded, g_object_ref (picture));
  gtk_window_present (GTK_WINDOW (window));
}

static void
add_card (ChronoInspector   *self,
          const ChronoMedia *media)
{
  g_autofree char *host = chrono_link_dup_host (media->url);
  const char *site = media->site != NULL ? media->site : host;
  const char *title = media->title != NULL ? media->title : media->caption;

  if (host == NULL)
    return;

  if (title == NULL)
    title = site;
  /* Where it leads, beside what it is called. */
  append_link_row (self, self->card_list, title,
                   g_strcmp0 (site, title) != 0 ? site : media->url, media->url);
}

static void
set_text (GtkLabel   *label,
          const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
}

static void
show_media (ChronoInspector   *self,
            ChronoDocument    *document,
            const ChronoEvent *event)
{
  const ChronoMedia *media = event->extra != NULL ? event->extra->media : NULL;
  gboolean is_picture = media != NULL && media->kind == CHRONO_MEDIA_IMAGE;
  gboolean is_quote = media != NULL && media->kind == CHRONO_MEDIA_QUOTE;
  g_autofree char *who = NULL;

  g_cancellable_cancel (self->picture_cancellable);
  g_clear_object (&self->picture_cancellable);
  g_clear_object (&self->texture);
  g_clear_pointer (&self->picture_source, g_free);
  gtk_picture_set_paintable (self->picture, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->picture_button), FALSE);
  show_picture_message (self, NULL);
  clear_list_box (self->card_list);

  gtk_widget_set_visible (self->media_section, media != NULL);
  if (media == NULL)
    return;

  set_text (self->caption_label, media->caption);
  set_text (self->credit_label, media->kind != CHRONO_MEDIA_QUOTE ? media->credit : NULL);
  if (is_quote)
    {
      /* Translators: a quotation, in the language's quotation marks */
      g_autofree char *quoted = g_strdup_printf (_("“%s”"), media->text);

      set_text (self->quote_label, quoted);
    }
  else
    set_text (self->quote_label, NULL);
  if (is_quote && media->who != NULL)
    /* Translators: who said a quote, under it: "— Ada Lovelace" */
    who = g_strdup_printf (_("— %s"), media->who);
  set_text (self->quote_by_label, who);
  gtk_widget_set_visible (GTK_WIDGET (self->card_list), media->kind == CHRONO_MEDIA_LINK);
  if (media->kind == CHRONO_MEDIA_LINK)
    add_card (self, media);

  if (is_picture)
    {
      g_autofree char *name = NULL;

      g_free (self->picture_name);
      self->picture_name = g_strdup (media->caption != NULL ? media->caption : event->title);
      /* Translators: the accessible name of the picture's button: "View the picture large: At the party" */
      name = g_strdup_printf (_("View the picture large: %s"), self->picture_name);
      chrono_a11y_set_label (GTK_WIDGET (self->picture_button), name);
      gtk_picture_set_alternative_text (self->picture, self->picture_name);

      self->picture_source = chrono_document_resolve_media (document, media->url, NULL);
      if (self->image_cache == NULL || self->picture_source == NULL)
        return;
      /* In memory already: shown at once, without a blank frame. */
      {
        cairo_surface_t *surface = chrono_image_cache_lookup (self->image_cache, self->picture_source,
                                                              SIDEBAR_PICTURE_SIZE, SIDEBAR_PICTURE_SIZE);

        if (surface != NULL)
          {
            self->texture = texture_from_surface (surface);
            cairo_surface_destroy (surface);
            gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (self->texture));
            gtk_widget_set_visible (GTK_WIDGET (self->picture_button), TRUE);
            return;
          }
      }
      self->picture_cancellable = g_cancellable_new ();
      chrono_image_cache_load_async (self->image_cache, self->picture_source,
                                     SIDEBAR_PICTURE_SIZE, SIDEBAR_PICTURE_SIZE, self->allow_web,
                                     self->picture_cancellable, on_picture_loaded,
                                     g_object_ref (self));
    }
}

/* }}} */

static void
add_related (ChronoInspector      *self,
             ChronoDocument       *document,
             const ChronoRelation *relation)
{
  const ChronoEvent *other;
  GtkWidget *row;
  g_autofree char *escaped = NULL;
  g_autofree char *dates = NULL;

  if (relation->event >= chrono_document_get_n_events (document))
    return;

  other = chrono_document_get_event (document, relation->event);
  row = adw_action_row_new ();
  escaped = g_markup_escape_text (other->title, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);

  if (CHRONO_EVENT_IS_POINT (other))
    dates = chrono_date_format (&other->start);
  else
    dates = chrono_date_format_range (&other->start, &other->end);

  if (relation->label != NULL && relation->label[0] != '\0')
    {
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", relation->label, dates);
      g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle, -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
    }
  else
    {
      g_autofree char *escaped_dates = g_markup_escape_text (dates, -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_dates);
    }

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "event-index", GUINT_TO_POINTER (relation->event));
  g_signal_connect (row, "activated", G_CALLBACK (on_related_activated), self);
  gtk_list_box_append (self->related_list, row);
}

/* The eras the event falls in, "Eureka Labs years, …", or NULL. */
static char *
describe_eras (ChronoDocument    *document,
               const ChronoEvent *event)
{
  g_autoptr(GString) str = NULL;
  guint n_eras = chrono_document_get_n_eras (document);

  for (guint i = 0; i < n_eras; i++)
    {
      const ChronoEra *era = chrono_document_get_era (document, i);

      if (era->title == NULL || era->start.time >= event->end_time || era->end_time <= event->start.time)
        continue;

      if (str == NULL)
        str = g_string_new (era->title);
      else
        g_string_append_printf (str, ", %s", era->title);
    }

  return str ? g_string_free (g_steal_pointer (&str), FALSE) : NULL;
}

/* A new event is read from its title: scroll to the top again once the
 * new content is laid out, after the focus has left the related-event
 * button that was clicked (the viewport scrolls to follow the focus). */
static gboolean
scroll_to_top (gpointer user_data)
{
  ChronoInspector *self = user_data;

  self->scroll_source = 0;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  return G_SOURCE_REMOVE;
}

static void
show_event (ChronoInspector   *self,
            ChronoDocument    *document,
            const ChronoEvent *event)
{
  const ChronoLane *lane = chrono_document_get_lane (document, event->lane);
  const ChronoEventExtra *extra = event->extra;
  g_autofree char *dates = NULL;
  g_autofree char *precision = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *source = NULL;
  g_autofree char *eras = NULL;
  ChronoStyle style;
  GFile *file;

  init_style (&style);

  /* The focus is on a related event's row, about to go: drop it first,
   * or the viewport scrolls after where the focus lands. */
  {
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
    GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

    if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->scroller)))
      gtk_root_set_focus (root, NULL);
  }

  gtk_label_set_text (self->title_label, event->title);

  if (CHRONO_EVENT_IS_POINT (event))
    dates = chrono_date_format (&event->start);
  else
    dates = chrono_date_format_range (&event->start, &event->end);
  gtk_label_set_text (self->date_label, dates);

  precision = describe_precision (event);
  gtk_label_set_text (self->precision_label, precision);
  gtk_widget_set_visible (GTK_WIDGET (self->precision_label), precision[0] != '\0');

  if (!CHRONO_EVENT_IS_POINT (event) && event->end_time > event->start.time)
    {
      g_autofree char *span = chrono_format_duration (event->end_time - event->start.time);

      if (event->end.flags & CHRONO_DATE_OPEN)
        /* Translators: a duration of an ongoing event, "3 years so far" */
        duration = g_strdup_printf (_("%s so far"), span);
      else
        duration = g_steal_pointer (&span);
    }
  set_row (self->duration_row, duration);

  if (lane != NULL)
    self->lane_color = chrono_style_get_lane_color (&style, document, event->lane);
  set_row (self->lane_row, lane ? lane->title : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self->lane_chip));

  if (event->category >= 0 &&
      (guint) event->category < chrono_document_get_n_categories (document))
    {
      const ChronoCategory *category = chrono_document_get_category (document, event->category);

      self->category_color = chrono_style_get_category_color (&style, document, event->category);
      set_row (self->category_row, category->title);
    }
  else
    set_row (self->category_row, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self->category_chip));

  eras = describe_eras (document, event);
  set_row (self->era_row, eras);

  file = chrono_document_get_file (document);
  if (file != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);

      if (event->source.line > 0)
        source = g_strdup_printf ("%s:%u:%u", name, event->source.line, event->source.column);
      else
        source = g_steal_pointer (&name);
    }
  else if (event->source.line > 0)
    /* Translators: a position in a file */
    source = g_strdup_printf (_("line %u, column %u"), event->source.line, event->source.column);
  set_row (self->source_row, source);
  if (file != NULL)
    {
      g_autofree char *path = g_file_get_parse_name (file);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->source_row), path);
    }

  show_media (self, document, event);

  clear_flow_box (self->tags_box);
  for (guint i = 0; extra != NULL && i < extra->n_tags; i++)
    add_tag (self, extra->tags[i]);
  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), extra != NULL && extra->n_tags > 0);

  gtk_label_set_text (self->description_label, event->description ? event->description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label),
                          event->description != NULL && event->description[0] != '\0');

  clear_list_box (self->links_list);
  for (guint i = 0; extra != NULL && i < extra->n_links; i++)
    add_link (self, &extra->links[i]);
  gtk_widget_set_visible (self->links_section, extra != NULL && extra->n_links > 0);

  clear_list_box (self->related_list);
  for (guint i = 0; extra != NULL && i < extra->n_related; i++)
    add_related (self, document, &extra->related[i]);
  gtk_widget_set_visible (self->related_section, extra != NULL && extra->n_related > 0);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_stack_set_visible_child_name (self->stack, "event");
  /* After the next frame's layout (idle runs after redraw). */
  if (self->scroll_source == 0)
    self->scroll_source = g_idle_add (scroll_to_top, self);
}

static void
update (ChronoInspector *self)
{
  const ChronoEvent *event = NULL;
  ChronoDocument *document = NULL;

  if (self->session != NULL)
    {
      document = chrono_session_get_document (self->session);
      event = chrono_session_get_selected_event (self->session);
    }

  if (document != NULL && event != NULL)
    show_event (self, document, event);
  else
    gtk_stack_set_visible_child_name (self->stack, "none");
}

static void
chrono_inspector_dispose (GObject *object)
{
  ChronoInspector *self = CHRONO_INSPECTOR (object);

  chrono_inspector_set_session (self, NULL);
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  g_cancellable_cancel (self->picture_cancellable);
  g_clear_object (&self->picture_cancellable);
  g_clear_object (&self->image_cache);
  g_clear_object (&self->texture);
  g_clear_pointer (&self->picture_source, g_free);
  g_clear_pointer (&self->picture_name, g_free);
  /* AdwBin unparents its child (the template's stack) itself. */

  G_OBJECT_CLASS (chrono_inspector_parent_class)->dispose (object);
}

static void
chrono_inspector_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ChronoInspector *self = CHRONO_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_inspector_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ChronoInspector *self = CHRONO_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      chrono_inspector_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_inspector_class_init (ChronoInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chrono_inspector_dispose;
  object_class->get_property = chrono_inspector_get_property;
  object_class->set_property = chrono_inspector_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         CHRONO_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ChronoInspector::event-activated:
   * @index: the event's index in the document
   *
   * A related event was clicked; the window selects it and moves to it.
   */
  signals[EVENT_ACTIVATED] =
    g_signal_new ("event-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/chrono-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, scroller);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, date_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, precision_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, duration_row);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, lane_row);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, category_row);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, era_row);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, source_row);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, lane_chip);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, category_chip);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, tags_box);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, description_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, links_section);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, links_list);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, related_section);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, related_list);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, media_section);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, picture_button);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, picture);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, picture_message_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, caption_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, credit_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, quote_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, quote_by_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoInspector, card_list);

  gtk_widget_class_set_css_name (widget_class, "inspector");
}

static void
chrono_inspector_init (ChronoInspector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  chrono_a11y_fix_names (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->lane_chip, draw_chip, &self->lane_color, NULL);
  gtk_drawing_area_set_draw_func (self->category_chip, draw_chip, &self->category_color, NULL);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->picture_button, "clicked", G_CALLBACK (on_picture_clicked), self);
}

/**
 * chrono_inspector_new:
 *
 * Returns: (transfer floating): a new inspector showing nothing.
 */
GtkWidget *
chrono_inspector_new (void)
{
  return g_object_new (CHRONO_TYPE_INSPECTOR, NULL);
}

/**
 * chrono_inspector_set_session:
 * @session: (nullable): the session to follow
 *
 * Shows @session's selected event from now on, following its changes.
 */
void
chrono_inspector_set_session (ChronoInspector *self,
                              ChronoSession   *session)
{
  g_return_if_fail (CHRONO_IS_INSPECTOR (self));
  g_return_if_fail (session == NULL || CHRONO_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->selected_handler, self->session);
      g_clear_signal_handler (&self->document_handler, self->session);
      g_clear_object (&self->session);
    }

  if (session != NULL)
    {
      self->session = g_object_ref (session);
      self->selected_handler =
        g_signal_connect_swapped (session, "notify::selected", G_CALLBACK (update), self);
      self->document_handler =
        g_signal_connect_swapped (session, "notify::document", G_CALLBACK (update), self);
    }

  /* The stack is gone once the template is disposed. */
  if (self->stack != NULL)
    update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * chrono_inspector_get_session:
 *
 * Returns: (transfer none) (nullable): the session shown
 */
ChronoSession *
chrono_inspector_get_session (ChronoInspector *self)
{
  g_return_val_if_fail (CHRONO_IS_INSPECTOR (self), NULL);

  return self->session;
}

/**
 * chrono_inspector_set_pictures:
 * @cache: (nullable): decodes and keeps the pictures shown
 * @allow_web: whether pictures on the web may be fetched
 *
 * Shows the selected event's picture from @cache; without a cache, no
 * picture is shown (its caption and credit still are).
 */
void
chrono_inspector_set_pictures (ChronoInspector  *self,
                               ChronoImageCache *cache,
                               gboolean          allow_web)
{
  g_return_if_fail (CHRONO_IS_INSPECTOR (self));
  g_return_if_fail (cache == NULL || CHRONO_IS_IMAGE_CACHE (cache));

  if (self->image_cache == cache && self->allow_web == allow_web)
    return;
  g_set_object (&self->image_cache, cache);
  self->allow_web = allow_web;
  if (self->stack != NULL)
    update (self);
}
