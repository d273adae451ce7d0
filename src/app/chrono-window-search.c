/* chrono-window-search.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chrono-window-private.h"

/* The search bar: a search is the session's filter text; Enter,
 * Shift+Enter, F3 and Ctrl+G step through its matches in time order
 * (chrono_session_find_match()), and "3 of 12" says where. */

/* "3 of 12" beside the search entry while a search is on. */
void
_chrono_window_update_search_count (ChronoWindow *self)
{
  const char *text = chrono_filter_get_text (chrono_session_get_filter (self->session));
  g_autofree char *label = NULL;
  guint position, n_matches;

  if (text == NULL || text[0] == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (self->search_count_label), FALSE);
      return;
    }

  if (chrono_session_get_match_position (self->session, &position, &n_matches))
    /* Translators: beside the search entry: the selected match and how
     * many there are, "3 of 12" */
    label = g_strdup_printf (C_("search", "%u of %u"), position + 1, n_matches);
  else if (n_matches == 0)
    label = g_strdup (_("No matches"));
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", n_matches), n_matches);

  gtk_label_set_text (self->search_count_label, label);
  gtk_widget_set_visible (GTK_WIDGET (self->search_count_label), TRUE);
}

/* Selects the match that way (see chrono_session_find_match()) and
 * frames it; without a search, opens the search bar. */
void
_chrono_window_go_to_match (ChronoWindow *self,
                            int           direction)
{
  ChronoFilter *filter = chrono_session_get_filter (self->session);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  int index;

  if (chrono_session_get_document (self->session) == NULL)
    return;

  if (text[0] == '\0')
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.search", NULL);
      return;
    }

  /* Enter straight after typing: search what is typed, without waiting
   * for the entry's pause. */
  if (g_strcmp0 (chrono_filter_get_text (filter), text) != 0)
    chrono_filter_set_text (filter, text);

  index = chrono_session_find_match (self->session, direction);
  if (index >= 0)
    chrono_timeline_view_zoom_to_event (self->timeline_view, index);
}

static void
on_search_changed (ChronoWindow *self)
{
  ChronoFilter *filter = chrono_session_get_filter (self->session);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* Already applied by Enter pressed before the pause. */
  if (g_strcmp0 (chrono_filter_get_text (filter), text) == 0 ||
      (text[0] == '\0' && chrono_filter_get_text (filter) == NULL))
    return;

  chrono_filter_set_text (filter, text);

  /* A new search brings its first match into view. */
  if (text[0] != '\0')
    _chrono_window_go_to_match (self, 0);
}

static void
on_search_activate (ChronoWindow *self)
{
  _chrono_window_go_to_match (self, 1);
}

static void
on_search_next_match (ChronoWindow *self)
{
  _chrono_window_go_to_match (self, 1);
}

static void
on_search_previous_match (ChronoWindow *self)
{
  _chrono_window_go_to_match (self, -1);
}

/* Shift+Enter in the search entry goes back, as in GNOME's apps. */
static gboolean
on_search_key_pressed (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       ChronoWindow          *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK)) == GDK_SHIFT_MASK)
    {
      _chrono_window_go_to_match (self, -1);
      return TRUE;
    }

  return FALSE;
}

static void
on_stop_search (ChronoWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
on_search_mode_changed (ChronoWindow *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* The search entry's template callbacks. */
void
_chrono_window_class_search_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_next_match);
  gtk_widget_class_bind_template_callback (widget_class, on_search_previous_match);
}

void
_chrono_window_search_init (ChronoWindow *self)
{
  GtkEventController *key;

  g_signal_connect_swapped (self->session, "notify::selected",
                            G_CALLBACK (_chrono_window_update_search_count), self);
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (on_search_mode_changed), self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_search_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), key);
  /* Typing anywhere the focus does not use the keys starts a search. */
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
}
