/* chrono-edge-hints.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-edge-hints"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "chrono-edge-hints.h"
#include "chrono-renderer-private.h"

typedef struct
{
  gint64 end;
  guint  event;
} EndEntry;

struct _ChronoEdgeIndex
{
  ChronoDocument *document;
  guint           n;
  guint          *by_start;  /* events that pass, in the document's order */
  EndEntry       *by_end;    /* the same, by end time */
};

static int
compare_ends (gconstpointer a,
              gconstpointer b)
{
  const EndEntry *ea = a;
  const EndEntry *eb = b;

  if (ea->end != eb->end)
    return ea->end < eb->end ? -1 : 1;

  return (ea->event > eb->event) - (ea->event < eb->event);
}

ChronoEdgeIndex *
chrono_edge_index_new (ChronoDocument *document,
                       const guint8   *mask)
{
  ChronoEdgeIndex *self;
  guint n_events;

  g_return_val_if_fail (CHRONO_IS_DOCUMENT (document), NULL);

  n_events = chrono_document_get_n_events (document);
  self = g_new0 (ChronoEdgeIndex, 1);
  self->document = g_object_ref (document);
  self->by_start = g_new (guint, MAX (n_events, 1));
  self->by_end = g_new (EndEntry, MAX (n_events, 1));

  for (guint i = 0; i < n_events; i++)
    {
      if (mask != NULL && !mask[i])
        continue;

      self->by_start[self->n] = i;
      self->by_end[self->n].end = chrono_document_get_event (document, i)->end_time;
      self->by_end[self->n].event = i;
      self->n++;
    }

  /* Mostly in order already: ends follow starts for most events. */
  qsort (self->by_end, self->n, sizeof (EndEntry), compare_ends);

  return self;
}

void
chrono_edge_index_free (ChronoEdgeIndex *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->document);
  g_free (self->by_start);
  g_free (self->by_end);
  g_free (self);
}

/* The number of indexed events that start before @time. */
static guint
count_starting_before (const ChronoEdgeIndex *self,
                       double                 time)
{
  guint lo = 0, hi = self->n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((double) chrono_document_get_event (self->document, self->by_start[mid])->start.time < time)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* The number of indexed events that end at or before @time. */
static guint
count_ending_by (const ChronoEdgeIndex *self,
                 double                 time)
{
  guint lo = 0, hi = self->n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((double) self->by_end[mid].end <= time)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Lays out the pill of @hint at its end of the axis. */
static void
place_hint (ChronoEdgeHint    *hint,
            ChronoEdge         edge,
            PangoLayout       *layout,
            const ChronoStyle *style,
            double             width,
            double             axis_height)
{
  PangoRectangle logical;
  double pad = chrono_style_px (style, 8);
  double inset = chrono_style_px (style, 4);
  double height;

  pango_layout_set_text (layout, hint->text, -1);
  pango_layout_get_pixel_extents (layout, NULL, &logical);

  /* In the minor row of the axis, its lower half, clear of the major
   * labels above. */
  height = MIN (logical.height + chrono_style_px (style, 4), axis_height / 2);
  hint->rect.width = MIN (logical.width + 2 * pad, width / 2 - 2 * inset);
  hint->rect.height = height;
  hint->rect.y = axis_height - height - chrono_style_px (style, 3);
  hint->rect.x = edge == CHRONO_EDGE_BEFORE ? inset : width - inset - hint->rect.width;
}

void
chrono_edge_hints_init (ChronoEdgeHints       *hints,
                        const ChronoEdgeIndex *index,
                        double                 start,
                        double                 end,
                        const ChronoStyle     *style,
                        PangoContext          *context,
                        double                 width,
                        double                 axis_height)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *font;
  guint first_after, n_before;

  g_return_if_fail (hints != NULL);
  g_return_if_fail (index != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (PANGO_IS_CONTEXT (context));

  memset (hints, 0, sizeof *hints);
  hints->hints[CHRONO_EDGE_BEFORE].nearest = -1;
  hints->hints[CHRONO_EDGE_AFTER].nearest = -1;

  n_before = count_ending_by (index, start);
  first_after = count_starting_before (index, end);
  hints->in_view = first_after - MIN (first_after, n_before);
  /* An event that ends by the start starts before the end, so none is
   * counted on both sides. */
  hints->hints[CHRONO_EDGE_BEFORE].count = n_before;
  hints->hints[CHRONO_EDGE_AFTER].count = index->n - first_after;
  if (n_before > 0)
    hints->hints[CHRONO_EDGE_BEFORE].nearest = (int) index->by_end[n_before - 1].event;
  if (first_after < index->n)
    hints->hints[CHRONO_EDGE_AFTER].nearest = (int) index->by_start[first_after];

  layout = pango_layout_new (context);
  font = chrono_style_create_font (style, style->small_font_size, hints->in_view == 0);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  for (int edge = CHRONO_EDGE_BEFORE; edge <= CHRONO_EDGE_AFTER; edge++)
    {
      ChronoEdgeHint *hint = &hints->hints[edge];

      if (hint->count == 0)
        continue;

      if (edge == CHRONO_EDGE_BEFORE)
        /* Translators: at the left end of the timeline's axis: how many
         * events are earlier than the view; the arrow points left */
        hint->text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "← %u event", "← %u events", hint->count),
                                      hint->count);
      else
        /* Translators: at the right end of the timeline's axis: how many
         * events are later than the view; the arrow points right */
        hint->text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event →", "%u events →", hint->count),
                                      hint->count);

      place_hint (hint, edge, layout, style, width, axis_height);
    }
}

void
chrono_edge_hints_clear (ChronoEdgeHints *hints)
{
  g_return_if_fail (hints != NULL);

  for (guint edge = 0; edge < G_N_ELEMENTS (hints->hints); edge++)
    g_free (hints->hints[edge].text);
  memset (hints, 0, sizeof *hints);
  hints->hints[CHRONO_EDGE_BEFORE].nearest = -1;
  hints->hints[CHRONO_EDGE_AFTER].nearest = -1;
}

int
chrono_edge_hints_hit_test (const ChronoEdgeHints *hints,
                            double                 x,
                            double                 y)
{
  g_return_val_if_fail (hints != NULL, -1);

  for (int edge = CHRONO_EDGE_BEFORE; edge <= CHRONO_EDGE_AFTER; edge++)
    {
      const ChronoRect *r = &hints->hints[edge].rect;

      if (hints->hints[edge].count > 0 &&
          x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height)
        return edge;
    }

  return -1;
}

void
chrono_edge_hints_draw (cairo_t               *cr,
                        const ChronoStyle     *style,
                        const ChronoEdgeHints *hints,
                        double                 width,
                        double                 axis_height)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *font;
  gboolean empty;
  double line = chrono_style_px (style, 1);
  double fade = chrono_style_px (style, 16);

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (hints != NULL);

  empty = hints->in_view == 0;
  cairo_save (cr);
  layout = _chrono_cairo_create_layout (cr);
  font = chrono_style_create_font (style, style->small_font_size, empty);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  for (int edge = CHRONO_EDGE_BEFORE; edge <= CHRONO_EDGE_AFTER; edge++)
    {
      const ChronoEdgeHint *hint = &hints->hints[edge];
      const ChronoRect *r = &hint->rect;
      ChronoColor border = empty ? style->accent : style->axis_line;
      ChronoColor text = style->foreground;
      cairo_pattern_t *pattern;
      PangoRectangle logical;
      double x0, x1, outer;

      if (hint->count == 0 || hint->text == NULL)
        continue;

      /* The strip: the axis's background under the pill, fading out
       * towards the middle, over the tick labels that reach this far. */
      x0 = edge == CHRONO_EDGE_BEFORE ? 0 : r->x - fade;
      x1 = edge == CHRONO_EDGE_BEFORE ? r->x + r->width + fade : width;
      outer = edge == CHRONO_EDGE_BEFORE ? x1 : x0;
      pattern = cairo_pattern_create_linear (outer, 0, edge == CHRONO_EDGE_BEFORE ? r->x + r->width : r->x, 0);
      cairo_pattern_add_color_stop_rgba (pattern, 0, style->axis_background.red, style->axis_background.green,
                                         style->axis_background.blue, 0);
      cairo_pattern_add_color_stop_rgba (pattern, 1, style->axis_background.red, style->axis_background.green,
                                         style->axis_background.blue, 1);
      cairo_set_source (cr, pattern);
      cairo_rectangle (cr, x0, 0, x1 - x0, axis_height - line);
      cairo_fill (cr);
      cairo_pattern_destroy (pattern);

      _chrono_cairo_rounded_rect (cr, r->x + line / 2, r->y + line / 2,
                                  r->width - line, r->height - line, r->height / 2);
      _chrono_cairo_set_color (cr, empty ? chrono_color_mix (style->axis_background, style->accent, 0.15)
                                         : style->axis_background);
      cairo_fill_preserve (cr);
      _chrono_cairo_set_color (cr, border);
      cairo_set_line_width (cr, line);
      cairo_stroke (cr);

      pango_layout_set_text (layout, hint->text, -1);
      pango_layout_set_width (layout, (int) (r->width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_get_pixel_extents (layout, NULL, &logical);
      _chrono_cairo_set_color (cr, text);
      cairo_move_to (cr, r->x, r->y + (r->height - logical.height) / 2);
      pango_cairo_show_layout (cr, layout);
    }

  cairo_restore (cr);
}
