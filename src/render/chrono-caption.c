#define G_LOG_DOMAIN "chrono-caption"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "chrono-caption.h"
#include "chrono-layout.h"
#include "chrono-renderer.h"
#include "chrono-renderer-private.h"
#include "chrono-story.h"
#include "chrono-style-private.h"

/* Device-independent sizes of the card; the style's scale multiplies
 * them.  They are large on purpose: the presenter is read from the back
 * of a room and the slides on a projector. */
#define MARGIN          28.0
#define PADDING         22.0
#define RADIUS          14.0
#define ACCENT_WIDTH     6.0
#define MAX_CARD_WIDTH 780.0
#define META_SIZE       12.0
#define TITLE_SIZE      21.0
#define DATES_SIZE      14.0
#define BODY_SIZE       13.0
#define BODY_LINES       3
/* The card's height may grow to this fraction of the area's. */
#define MAX_CARD_HEIGHT  0.5

/* A layout for @cr with metrics that scale linearly, as the renderer's. */
static PangoLayout *
create_layout (cairo_t           *cr,
               const ChronoStyle *style,
               double             size,
               gboolean           bold,
               double             width,
               int                max_lines)
{
  PangoLayout *layout = _chrono_cairo_create_layout (cr);

  _chrono_style_set_layout_font (layout, style, size, bold);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  /* A negative height limits the number of lines. */
  pango_layout_set_height (layout, -max_lines);

  return layout;
}

static ChronoColor
opaque (ChronoColor color)
{
  color.alpha = 1;
  return color;
}

/* Sets @text on @layout, which wraps at words, in at most @max_lines
 * lines: when it needs more, it is cut after a whole word and ends with
 * an ellipsis, never in the middle of a word ("majo…"). */
static void
set_text_in_lines (PangoLayout *layout,
                   const char  *text,
                   int          max_lines)
{
  g_autoptr(GArray) cuts = NULL;
  g_autoptr(GString) cut = NULL;
  guint lo, hi;

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_height (layout, -1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_set_text (layout, text, -1);
  if (pango_layout_get_line_count (layout) <= MAX (max_lines, 1))
    return;

  /* The ends of words: where the text may be cut. */
  cuts = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *next = g_utf8_next_char (p);

      if (!g_unichar_isspace (g_utf8_get_char (p)) &&
          (*next == '\0' || g_unichar_isspace (g_utf8_get_char (next))))
        {
          gsize end = next - text;

          g_array_append_val (cuts, end);
        }
    }

  /* The longest prefix of whole words, plus the ellipsis, that fits. */
  cut = g_string_new (NULL);
  lo = 0;
  hi = cuts->len;
  while (lo < hi)
    {
      guint mid = (lo + hi + 1) / 2;

      g_string_truncate (cut, 0);
      g_string_append_len (cut, text, g_array_index (cuts, gsize, mid - 1));
      g_string_append (cut, "…");
      pango_layout_set_text (layout, cut->str, -1);
      if (pango_layout_get_line_count (layout) <= MAX (max_lines, 1))
        lo = mid;
      else
        hi = mid - 1;
    }

  g_string_truncate (cut, 0);
  if (lo > 0)
    g_string_append_len (cut, text, g_array_index (cuts, gsize, lo - 1));
  g_string_append (cut, "…");
  pango_layout_set_text (layout, cut->str, -1);
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return h;
}

static void
show_layout (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y,
             ChronoColor  color)
{
  cairo_move_to (cr, x, y);
  _chrono_cairo_set_color (cr, color);
  pango_cairo_show_layout (cr, layout);
}

void
chrono_caption_draw_card (cairo_t           *cr,
                          const ChronoStyle *style,
                          ChronoDocument    *document,
                          guint              event,
                          double             width,
                          double             height,
                          ChronoRect        *card)
{
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autofree char *dates = NULL;
  g_autoptr(PangoLayout) meta_layout = NULL;
  g_autoptr(PangoLayout) title_layout = NULL;
  g_autoptr(PangoLayout) dates_layout = NULL;
  g_autoptr(PangoLayout) body_layout = NULL;
  const ChronoEvent *ev;
  const ChronoLane *lane;
  ChronoColor color;
  double margin = chrono_style_px (style, MARGIN);
  double padding = chrono_style_px (style, PADDING);
  double accent = chrono_style_px (style, ACCENT_WIDTH);
  double gap = chrono_style_px (style, 6);
  double card_width, text_width, card_height, x, y, ty;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (CHRONO_IS_DOCUMENT (document));
  g_return_if_fail (event < chrono_document_get_n_events (document));

  ev = chrono_document_get_event (document, event);
  lane = chrono_document_get_lane (document, ev->lane);
  color = chrono_style_get_event_color (style, document, ev);

  card_width = MIN (chrono_style_px (style, MAX_CARD_WIDTH), width * 0.62);
  card_width = MAX (card_width, MIN (width - 2 * margin, chrono_style_px (style, 260)));
  text_width = MAX (1, card_width - 2 * padding - accent);

  g_string_append (meta, lane->title);
  if (ev->category >= 0)
    g_string_append_printf (meta, " · %s",
                            chrono_document_get_category (document, ev->category)->title);
  dates = chrono_date_format_range (&ev->start, &ev->end);

  cairo_save (cr);

  meta_layout = create_layout (cr, style, META_SIZE, TRUE, text_width, 1);
  pango_layout_set_text (meta_layout, meta->str, -1);
  title_layout = create_layout (cr, style, TITLE_SIZE, TRUE, text_width, 3);
  pango_layout_set_text (title_layout, ev->title, -1);
  dates_layout = create_layout (cr, style, DATES_SIZE, FALSE, text_width, 1);
  pango_layout_set_text (dates_layout, dates, -1);

  card_height = 2 * padding
                + layout_height (meta_layout) + gap
                + layout_height (title_layout) + gap
                + layout_height (dates_layout);

  if (ev->description != NULL && ev->description[0] != '\0')
    {
      /* The card grows with the description up to half the height,
       * then the description ends after a whole word. */
      double max_height = MAX (height * MAX_CARD_HEIGHT, card_height + chrono_style_px (style, 60));
      double line_height;
      int max_lines;

      body_layout = create_layout (cr, style, BODY_SIZE, FALSE, text_width, 1);
      pango_layout_set_text (body_layout, "Ag", -1);
      line_height = MAX (1, layout_height (body_layout));
      max_lines = (int) floor ((max_height - card_height - 2 * gap) / line_height);
      set_text_in_lines (body_layout, ev->description, CLAMP (max_lines, BODY_LINES, 40));
      card_height += 2 * gap + layout_height (body_layout);
    }

  x = margin;
  y = MAX (margin, height - margin - card_height);

  /* A soft shadow, then the card and its accent in the event's colour. */
  _chrono_cairo_rounded_rect (cr, x, y + chrono_style_px (style, 3), card_width, card_height,
                              chrono_style_px (style, RADIUS));
  cairo_set_source_rgba (cr, 0, 0, 0, style->dark ? 0.45 : 0.16);
  cairo_fill (cr);

  _chrono_cairo_rounded_rect (cr, x, y, card_width, card_height, chrono_style_px (style, RADIUS));
  /* Opaque: nothing of the timeline shows through. */
  _chrono_cairo_set_color (cr, opaque (style->dark ? style->header_background : style->background));
  cairo_fill_preserve (cr);
  _chrono_cairo_set_color (cr, style->lane_separator);
  cairo_set_line_width (cr, chrono_style_px (style, 1));
  cairo_stroke (cr);

  cairo_save (cr);
  _chrono_cairo_rounded_rect (cr, x, y, card_width, card_height, chrono_style_px (style, RADIUS));
  cairo_clip (cr);
  cairo_rectangle (cr, x, y, accent, card_height);
  _chrono_cairo_set_color (cr, color);
  cairo_fill (cr);
  cairo_restore (cr);

  ty = y + padding;
  show_layout (cr, meta_layout, x + accent + padding, ty, color);
  ty += layout_height (meta_layout) + gap;
  show_layout (cr, title_layout, x + accent + padding, ty, style->foreground);
  ty += layout_height (title_layout) + gap;
  show_layout (cr, dates_layout, x + accent + padding, ty, style->dim_foreground);
  ty += layout_height (dates_layout) + 2 * gap;
  if (body_layout != NULL)
    show_layout (cr, body_layout, x + accent + padding, ty, style->foreground);

  cairo_restore (cr);

  if (card != NULL)
    *card = (ChronoRect) { x, y, card_width, card_height };
}

void
chrono_caption_draw_progress (cairo_t           *cr,
                              const ChronoStyle *style,
                              guint              step,
                              guint              n_steps,
                              double             width,
                              double             height)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  double margin = chrono_style_px (style, MARGIN);
  double pad_x = chrono_style_px (style, 16);
  double pad_y = chrono_style_px (style, 8);
  double bar = chrono_style_px (style, 4);
  double pill_width, pill_height, x, y;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);

  if (n_steps == 0)
    return;

  cairo_save (cr);

  /* A thin bar along the bottom edge shows how far the talk has come. */
  cairo_rectangle (cr, 0, height - bar, width, bar);
  _chrono_cairo_set_color (cr, chrono_color_with_alpha (style->foreground, 0.12));
  cairo_fill (cr);
  cairo_rectangle (cr, 0, height - bar, width * (step + 1) / (double) n_steps, bar);
  _chrono_cairo_set_color (cr, style->accent);
  cairo_fill (cr);

  text = chrono_story_format_progress (step, n_steps);
  layout = create_layout (cr, style, DATES_SIZE, TRUE, width, 1);
  pango_layout_set_text (layout, text, -1);
  pill_width = 0;
  {
    int w, h;

    pango_layout_get_pixel_size (layout, &w, &h);
    pill_width = w + 2 * pad_x;
    pill_height = h + 2 * pad_y;
  }
  x = width - margin - pill_width;
  y = height - margin - pill_height;

  _chrono_cairo_rounded_rect (cr, x, y, pill_width, pill_height, pill_height / 2);
  _chrono_cairo_set_color (cr, opaque (style->dark ? style->header_background : style->background));
  cairo_fill_preserve (cr);
  _chrono_cairo_set_color (cr, style->lane_separator);
  cairo_set_line_width (cr, chrono_style_px (style, 1));
  cairo_stroke (cr);
  show_layout (cr, layout, x + pad_x, y + pad_y, style->foreground);

  cairo_restore (cr);
}

void
chrono_caption_draw_title (cairo_t           *cr,
                           const ChronoStyle *style,
                           const char        *title,
                           const char        *subtitle,
                           const char        *description,
                           double             width,
                           double             height)
{
  g_autoptr(PangoLayout) title_layout = NULL;
  g_autoptr(PangoLayout) subtitle_layout = NULL;
  g_autoptr(PangoLayout) body_layout = NULL;
  double text_width = width * 0.8;
  double gap = chrono_style_px (style, 18);
  double total, y;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);

  cairo_save (cr);

  _chrono_cairo_set_color (cr, style->background);
  cairo_paint (cr);

  title_layout = create_layout (cr, style, 34, TRUE, text_width, 3);
  pango_layout_set_alignment (title_layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (title_layout, title != NULL ? title : "", -1);
  total = layout_height (title_layout);

  if (subtitle != NULL && subtitle[0] != '\0')
    {
      subtitle_layout = create_layout (cr, style, 18, FALSE, text_width, 1);
      pango_layout_set_alignment (subtitle_layout, PANGO_ALIGN_CENTER);
      pango_layout_set_text (subtitle_layout, subtitle, -1);
      total += gap + layout_height (subtitle_layout);
    }

  if (description != NULL && description[0] != '\0')
    {
      body_layout = create_layout (cr, style, 14, FALSE, MIN (text_width, chrono_style_px (style, 760)), 6);
      pango_layout_set_alignment (body_layout, PANGO_ALIGN_CENTER);
      pango_layout_set_text (body_layout, description, -1);
      total += 2 * gap + layout_height (body_layout);
    }

  y = (height - total) / 2;
  show_layout (cr, title_layout, (width - text_width) / 2, y, style->foreground);
  y += layout_height (title_layout);

  /* An accent rule between the title and the dates. */
  cairo_rectangle (cr, width / 2 - chrono_style_px (style, 36), y + gap / 2 - chrono_style_px (style, 2),
                   chrono_style_px (style, 72), chrono_style_px (style, 4));
  _chrono_cairo_set_color (cr, style->accent);
  cairo_fill (cr);

  if (subtitle_layout != NULL)
    {
      y += gap;
      show_layout (cr, subtitle_layout, (width - text_width) / 2, y, style->dim_foreground);
      y += layout_height (subtitle_layout);
    }

  if (body_layout != NULL)
    {
      double w = MIN (text_width, chrono_style_px (style, 760));

      y += 2 * gap;
      show_layout (cr, body_layout, (width - w) / 2, y, style->foreground);
    }

  cairo_restore (cr);
}

double
chrono_caption_get_scale (double width,
                          double height)
{
  return MAX (0.75, MIN (width / 1280.0, height / 720.0));
}

static ChronoScene *
layout_step (ChronoDocument    *document,
             ChronoFilter      *filter,
             const ChronoStyle *style,
             PangoContext      *context,
             guint              event,
             double             start,
             double             end,
             double             width,
             double             height,
             double             scroll_y)
{
  ChronoLayoutParams params;

  chrono_layout_params_init (&params, style, start, end, width, height);
  params.document = document;
  params.filter = filter;
  params.context = context;
  params.scroll_y = scroll_y;
  params.selected = (int) event;
  params.hovered = -1;

  return chrono_layout_build (&params);
}

void
chrono_caption_draw_step (cairo_t           *cr,
                          const ChronoStyle *style,
                          ChronoDocument    *document,
                          ChronoFilter      *filter,
                          guint              event,
                          guint              step,
                          guint              n_steps,
                          double             start,
                          double             end,
                          double             width,
                          double             height)
{
  PangoContext *context;
  ChronoScene *scene;
  const ChronoSceneItem *item;
  ChronoRect card;
  double timeline_height;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (CHRONO_IS_DOCUMENT (document));
  g_return_if_fail (event < chrono_document_get_n_events (document));

  context = chrono_style_create_pango_context ();

  /* Measure the card first: the timeline takes the area above it, so
   * that the card covers no lane header and no event. */
  {
    cairo_surface_t *scratch = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *scratch_cr = cairo_create (scratch);

    chrono_caption_draw_card (scratch_cr, style, document, event, width, height, &card);
    cairo_destroy (scratch_cr);
    cairo_surface_destroy (scratch);
  }
  timeline_height = MAX (1, floor (card.y - chrono_style_px (style, MARGIN) / 2));

  /* Where the event is in all the lanes: a lane below the area is not
   * laid out at the area's height. */
  scene = layout_step (document, filter, style, context, event, start, end, width,
                       timeline_height + 20000, 0);
  item = chrono_scene_find_event (scene, event);
  if (item != NULL && item->rect.y + item->rect.height > timeline_height)
    {
      /* Scroll the lanes until the event is in view. */
      double scroll = item->rect.y + item->rect.height - timeline_height + chrono_style_px (style, 24);

      chrono_scene_unref (scene);
      scene = layout_step (document, filter, style, context, event, start, end, width, timeline_height, scroll);
    }
  else
    {
      chrono_scene_unref (scene);
      scene = layout_step (document, filter, style, context, event, start, end, width, timeline_height, 0);
    }

  cairo_save (cr);
  _chrono_cairo_set_color (cr, style->background);
  cairo_paint (cr);
  cairo_rectangle (cr, 0, 0, width, timeline_height);
  cairo_clip (cr);
  chrono_renderer_draw (cr, scene, style);
  cairo_restore (cr);

  cairo_save (cr);
  _chrono_cairo_set_color (cr, style->lane_separator);
  cairo_rectangle (cr, 0, timeline_height, width, chrono_style_px (style, 1));
  cairo_fill (cr);
  cairo_restore (cr);

  chrono_caption_draw_card (cr, style, document, event, width, height, NULL);
  chrono_caption_draw_progress (cr, style, step, n_steps, width, height);

  chrono_scene_unref (scene);
  g_object_unref (context);
}
