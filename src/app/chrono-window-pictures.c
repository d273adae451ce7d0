/* chrono-window-pictures.c: the window's pictures, and the question
 * whether to load those on the web
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-window"

#include "config.h"

#include <glib/gi18n.h>

#include "chrono-window-private.h"

/*
 * A timeline may name pictures on the web.  Fetching one tells its
 * server that the timeline was opened, so, as a mail client does with
 * remote images, nothing is fetched until the user says so: a bar asks
 * once per file, and the answer is remembered for that file (by URI, in
 * GSettings).  The pictures are decoded and cached by one
 * ChronoImageCache per window, handed to the inspector.
 */

/* Decoded pictures kept per window, in bytes. */
#define MEMORY_LIMIT (64 * 1024 * 1024)

static char *
file_uri (ChronoWindow *self)
{
  GFile *file = chrono_document_file_get_file (self->document_file);

  return file != NULL ? g_file_get_uri (file) : NULL;
}

static gboolean
listed (ChronoWindow *self,
        const char   *key,
        const char   *uri)
{
  g_auto(GStrv) uris = NULL;

  if (self->settings == NULL || uri == NULL)
    return FALSE;
  uris = g_settings_get_strv (self->settings, key);
  return g_strv_contains ((const char * const *) uris, uri);
}

/* Adds @uri to the list @key and takes it off the other one. */
static void
remember (ChronoWindow *self,
          const char   *key,
          const char   *other,
          const char   *uri)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) uris = NULL;
  g_auto(GStrv) others = NULL;
  g_auto(GStrv) kept = NULL;

  if (self->settings == NULL || uri == NULL)
    return;

  uris = g_settings_get_strv (self->settings, key);
  if (!g_strv_contains ((const char * const *) uris, uri))
    {
      builder = g_strv_builder_new ();
      g_strv_builder_addv (builder, (const char **) uris);
      g_strv_builder_add (builder, uri);
      g_clear_pointer (&uris, g_strfreev);
      uris = g_strv_builder_end (builder);
      g_settings_set_strv (self->settings, key, (const char * const *) uris);
      g_clear_pointer (&builder, g_strv_builder_unref);
    }

  others = g_settings_get_strv (self->settings, other);
  builder = g_strv_builder_new ();
  for (guint i = 0; others[i] != NULL; i++)
    if (!g_str_equal (others[i], uri))
      g_strv_builder_add (builder, others[i]);
  kept = g_strv_builder_end (builder);
  if (g_strv_length (kept) != g_strv_length (others))
    g_settings_set_strv (self->settings, other, (const char * const *) kept);
}

static void
hand_out (ChronoWindow *self)
{
  if (self->inspector != NULL)
    chrono_inspector_set_pictures (self->inspector, self->image_cache, self->web_pictures_allowed);
}

void
_chrono_window_pictures_update (ChronoWindow *self)
{
  ChronoDocument *document = chrono_session_get_document (self->session);
  g_autofree char *uri = file_uri (self);
  guint n_web;

  /* NULL once dispose has dropped the template. */
  if (self->pictures_revealer == NULL)
    return;

  n_web = document != NULL ? chrono_document_count_remote_images (document, NULL) : 0;
  self->web_pictures_allowed = listed (self, "web-pictures-allowed", uri);
  hand_out (self);

  if (n_web > 0 && !self->web_pictures_allowed && !listed (self, "web-pictures-declined", uri))
    {
      g_autofree char *title =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "This timeline has %u picture on the web",
                                      "This timeline has %u pictures on the web", n_web),
                         n_web);

      gtk_label_set_text (self->pictures_title, title);
      gtk_revealer_set_reveal_child (self->pictures_revealer, TRUE);
    }
  else
    gtk_revealer_set_reveal_child (self->pictures_revealer, FALSE);
}

static void
load_web_pictures_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ChronoWindow *self = CHRONO_WINDOW (widget);
  g_autofree char *uri = file_uri (self);

  remember (self, "web-pictures-allowed", "web-pictures-declined", uri);
  self->web_pictures_allowed = TRUE;
  gtk_revealer_set_reveal_child (self->pictures_revealer, FALSE);
  hand_out (self);
}

static void
decline_web_pictures_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  ChronoWindow *self = CHRONO_WINDOW (widget);
  g_autofree char *uri = file_uri (self);

  remember (self, "web-pictures-declined", "web-pictures-allowed", uri);
  self->web_pictures_allowed = FALSE;
  gtk_revealer_set_reveal_child (self->pictures_revealer, FALSE);
  hand_out (self);
}

void
_chrono_window_class_pictures_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, pictures_revealer);
  gtk_widget_class_bind_template_child (widget_class, ChronoWindow, pictures_title);
  gtk_widget_class_install_action (widget_class, "win.load-web-pictures", NULL,
                                   load_web_pictures_action);
  gtk_widget_class_install_action (widget_class, "win.decline-web-pictures", NULL,
                                   decline_web_pictures_action);
}

void
_chrono_window_pictures_init (ChronoWindow *self)
{
  self->image_cache = chrono_image_cache_new (MEMORY_LIMIT, NULL);
  hand_out (self);
}

void
_chrono_window_pictures_dispose (ChronoWindow *self)
{
  g_clear_object (&self->image_cache);
}
