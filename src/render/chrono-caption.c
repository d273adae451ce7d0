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
#define PADDING         32.0
#define FOOTER          64.0
#define ACCENT_WIDTH    56.0
#define ACCENT_HEIGHT    6.0
#define META_SIZE       13.0
#define TITLE_SIZE      30.0
#define DATES_SIZE      16.0
#define BODY_SIZE       15.0
#define QUOTE_SIZE      20.0
#define CREDIT_SIZE     11.0
#define TITLE_LINES      4
#define BODY_LINES       2
/* The card's column: a share of a wide area's width, within bounds. */
#define SIDE_SHARE       0.34
#define SIDE_MIN       300.0
#define SIDE_MAX       560.0
/* An area at least this much wider than tall puts the card beside the
 * timeline; a taller one puts it below. */
#define SIDE_ASPECT      1.2
/* The band of a tall area: a share of its height, within bounds. */
#define BOTTOM_SHARE     0.42
#define BOTTOM_MIN     220.0
#define BOTTOM_MAX_SHARE 0.6
/* A picture takes at most this share of the card's height. */
#define IMAGE_SHARE      0.45

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
chrono_caption_get_regions (const ChronoStyle    *style,
                            double                width,
                            double                height,
                            ChronoCaptionRegions *regions)
{
  double footer;

  g_return_if_fail (style != NULL);
  g_return_if_fail (regions != NULL);

  width = MAX (width, 1);
  height = MAX (height, 1);

  /* Whole units, so that the regions share an edge but no pixel. */
  if (width >= height * SIDE_ASPECT)
    {
      double side = CLAMP (width * SIDE_SHARE, chrono_style_px (style, SIDE_MIN),
                           chrono_style_px (style, SIDE_MAX));

      side = round (MIN (side, width / 2));
      regions->placement = CHRONO_CAPTION_SIDE;
      regions->timeline = (ChronoRect) { 0, 0, width - side, height };
      regions->card = (ChronoRect) { width - side, 0, side, height };
    }
  else
    {
      double band = MAX (height * BOTTOM_SHARE, chrono_style_px (style, BOTTOM_MIN));

      band = round (MIN (band, height * BOTTOM_MAX_SHARE));
      regions->placement = CHRONO_CAPTION_BOTTOM;
      regions->timeline = (ChronoRect) { 0, 0, width, height - band };
      regions->card = (ChronoRect) { 0, height - band, width, band };
    }

  footer = MIN (round (chrono_style_px (style, FOOTER)), regions->card.height / 3);
  regions->footer = (ChronoRect) {
    regions->card.x, regions->card.y + regions->card.height - footer,
    regions->card.width, footer
  };
}

/* Black or white, whichever reads better on @background. */
static ChronoColor
contrasting (ChronoColor background)
{
  double luminance = 0.2126 * background.red + 0.7152 * background.green + 0.0722 * background.blue;

  return luminance > 0.5 ? (ChronoColor) { 0, 0, 0, 1 } : (ChronoColor) { 1, 1, 1, 1 };
}

/* Paints @image into the box (@x, @y, @width, @height): to fit inside it
 * (@cover FALSE) or to cover it (@cover TRUE, cut to the box), centred
 * and keeping its aspect.  Returns the height drawn. */
static double
paint_image (cairo_t         *cr,
             cairo_surface_t *image,
             double           x,
             double           y,
             double           width,
             double           height,
             gboolean         cover)
{
  double image_width, image_height, scale;
  cairo_rectangle_t extents;

  if (cairo_surface_get_type (image) == CAIRO_SURFACE_TYPE_IMAGE)
    {
      image_width = cairo_image_surface_get_width (image);
      image_height = cairo_image_surface_get_height (image);
    }
  else if (cairo_recording_surface_get_extents (image, &extents))
    {
      image_width = extents.width;
      image_height = extents.height;
    }
  else
    return 0;

  if (image_width <= 0 || image_height <= 0 || width <= 0 || height <= 0)
    return 0;

  scale = cover ? MAX (width / image_width, height / image_height)
                : MIN (width / image_width, height / image_height);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, cover ? height : image_height * scale);
  cairo_clip (cr);
  cairo_translate (cr, x + (width - image_width * scale) / 2,
                   cover ? y + (height - image_height * scale) / 2 : y);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);

  return cover ? height : image_height * scale;
}

/**
 * chrono_caption_media_init:
 * @media: (out caller-allocates): what the card shows
 * @from: (nullable): an event's media
 * @image: (nullable): its picture, decoded
 *
 * A link card shows its title and site as the picture's caption and
 * credit, so a step whose media is a video page still says what to
 * look at.
 *
 * Returns: whether @media shows anything
 */
gboolean
chrono_caption_media_init (ChronoCaptionMedia *media,
                           const ChronoMedia  *from,
                           cairo_surface_t    *image)
{
  g_return_val_if_fail (media != NULL, FALSE);

  memset (media, 0, sizeof *media);
  if (from == NULL)
    return FALSE;
  switch (from->kind)
    {
    case CHRONO_MEDIA_IMAGE:
      media->image = image;
      media->image_caption = from->caption;
      media->image_credit = from->credit;
      break;
    case CHRONO_MEDIA_QUOTE:
      media->quote = from->text;
      media->quote_by = from->who;
      break;
    case CHRONO_MEDIA_LINK:
      media->image = image;  /* its thumbnail, if any */
      media->image_caption = from->title != NULL ? from->title : from->caption;
      media->image_credit = from->site;
      break;
    default:
      g_assert_not_reached ();
    }
  return media->image != NULL || media->quote != NULL || media->image_caption != NULL ||
         media->image_credit != NULL;
}

void
chrono_caption_draw_card (cairo_t                  *cr,
                          const ChronoStyle        *style,
                          ChronoDocument           *document,
                          guint                     event,
                          const ChronoCaptionMedia *media,
                          const ChronoRect         *region,
                          ChronoRect               *used)
{
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autofree char *dates = NULL;
  g_autoptr(PangoLayout) meta_layout = NULL;
  g_autoptr(PangoLayout) title_layout = NULL;
  g_autoptr(PangoLayout) dates_layout = NULL;
  g_autoptr(PangoLayout) credit_layout = NULL;
  g_autoptr(PangoLayout) quote_layout = NULL;
  g_autoptr(PangoLayout) quote_by_layout = NULL;
  g_autoptr(PangoLayout) body_layout = NULL;
  const ChronoEvent *ev;
  const ChronoLane *lane;
  ChronoColor color;
  double padding = chrono_style_px (style, PADDING);
  double gap = chrono_style_px (style, 8);
  double footer = MIN (round (chrono_style_px (style, FOOTER)), region->height / 3);
  double x, y, top, bottom, text_width;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (CHRONO_IS_DOCUMENT (document));
  g_return_if_fail (event < chrono_document_get_n_events (document));
  g_return_if_fail (region != NULL);

  ev = chrono_document_get_event (document, event);
  lane = chrono_document_get_lane (document, ev->lane);
  color = chrono_style_get_event_color (style, document, ev);

  /* Narrower padding on a small card, so the text keeps its room. */
  padding = MIN (padding, region->width / 10);
  x = region->x + padding;
  top = region->y + padding;
  bottom = region->y + region->height - footer;
  text_width = MAX (1, region->width - 2 * padding);
  /* A line longer than this reads badly, however wide the band. */
  text_width = MIN (text_width, chrono_style_px (style, 900));

  cairo_save (cr);

  /* The card's region is opaque: nothing of the timeline shows. */
  cairo_rectangle (cr, region->x, region->y, region->width, region->height);
  _chrono_cairo_set_color (cr, opaque (style->background));
  cairo_fill_preserve (cr);
  cairo_clip (cr);

  y = top;

  /* The picture first, as a magazine opens a story with it; its caption
   * and credit also stand alone (a picture not loaded yet, a link card
   * without one). */
  if (media != NULL && (media->image != NULL || media->image_caption != NULL || media->image_credit != NULL))
    {
      g_autoptr(GString) credit = g_string_new (NULL);
      double max_height = MAX (1, (bottom - top) * IMAGE_SHARE);

      if (media->image != NULL)
        y += paint_image (cr, media->image, x, y, text_width, max_height, FALSE);
      if (media->image_caption != NULL && media->image_caption[0] != '\0')
        g_string_append (credit, media->image_caption);
      if (media->image_credit != NULL && media->image_credit[0] != '\0')
        {
          if (credit->len > 0)
            g_string_append (credit, " · ");
          g_string_append (credit, media->image_credit);
        }
      if (credit->len > 0)
        {
          credit_layout = create_layout (cr, style, CREDIT_SIZE, FALSE, text_width, 2);
          pango_layout_set_text (credit_layout, credit->str, -1);
          y += gap / 2;
          show_layout (cr, credit_layout, x, y, style->dim_foreground);
          y += layout_height (credit_layout);
        }
      y += 2 * gap;
    }

  /* A short rule in the event's colour heads the text. */
  cairo_rectangle (cr, x, y, chrono_style_px (style, ACCENT_WIDTH), chrono_style_px (style, ACCENT_HEIGHT));
  _chrono_cairo_set_color (cr, color);
  cairo_fill (cr);
  y += chrono_style_px (style, ACCENT_HEIGHT) + 2 * gap;

  g_string_append (meta, lane->title);
  if (ev->category >= 0)
    g_string_append_printf (meta, " · %s",
                            chrono_document_get_category (document, ev->category)->title);
  meta_layout = create_layout (cr, style, META_SIZE, TRUE, text_width, 1);
  pango_layout_set_text (meta_layout, meta->str, -1);
  show_layout (cr, meta_layout, x, y, style->dim_foreground);
  y += layout_height (meta_layout) + gap;

  title_layout = create_layout (cr, style, TITLE_SIZE, TRUE, text_width, TITLE_LINES);
  set_text_in_lines (title_layout, ev->title, TITLE_LINES);
  show_layout (cr, title_layout, x, y, style->foreground);
  y += layout_height (title_layout) + gap;

  dates = chrono_date_format_range (&ev->start, &ev->end);
  dates_layout = create_layout (cr, style, DATES_SIZE, FALSE, text_width, 1);
  pango_layout_set_text (dates_layout, dates, -1);
  show_layout (cr, dates_layout, x, y, style->dim_foreground);
  y += layout_height (dates_layout) + 2 * gap;

  if (media != NULL && media->quote != NULL && media->quote[0] != '\0')
    {
      g_autofree char *quoted = g_strdup_printf (_("“%s”"), media->quote);
      PangoFontDescription *font = chrono_style_create_font (style, QUOTE_SIZE, FALSE);
      double rule = chrono_style_px (style, 3);
      double quote_top = y;

      /* A quote stands apart: italic, larger, with a rule beside it. */
      quote_layout = create_layout (cr, style, QUOTE_SIZE, FALSE, text_width - 4 * rule, 6);
      pango_font_description_set_style (font, PANGO_STYLE_ITALIC);
      pango_layout_set_font_description (quote_layout, font);
      pango_font_description_free (font);
      set_text_in_lines (quote_layout, quoted, 6);
      show_layout (cr, quote_layout, x + 4 * rule, y, style->foreground);
      y += layout_height (quote_layout);
      if (media->quote_by != NULL && media->quote_by[0] != '\0')
        {
          g_autofree char *by = g_strdup_printf (_("— %s"), media->quote_by);

          quote_by_layout = create_layout (cr, style, BODY_SIZE, FALSE, text_width - 4 * rule, 1);
          pango_layout_set_text (quote_by_layout, by, -1);
          y += gap / 2;
          show_layout (cr, quote_by_layout, x + 4 * rule, y, style->dim_foreground);
          y += layout_height (quote_by_layout);
        }
      cairo_rectangle (cr, x, quote_top, rule, y - quote_top);
      _chrono_cairo_set_color (cr, color);
      cairo_fill (cr);
      y += 2 * gap;
    }

  if (ev->description != NULL && ev->description[0] != '\0')
    {
      double line_height;
      int max_lines;

      /* The body takes the room that is left, then ends after a whole
       * word. */
      body_layout = create_layout (cr, style, BODY_SIZE, FALSE, text_width, 1);
      pango_layout_set_spacing (body_layout, (int) (chrono_style_px (style, 4) * PANGO_SCALE));
      pango_layout_set_text (body_layout, "Ag\nAg", -1);
      line_height = MAX (1, layout_height (body_layout) / 2);
      max_lines = (int) floor ((bottom - y) / line_height);
      if (max_lines >= 1)
        {
          set_text_in_lines (body_layout, ev->description, CLAMP (max_lines, 1, 60));
          show_layout (cr, body_layout, x, y, style->foreground);
          y += layout_height (body_layout);
        }
    }

  cairo_restore (cr);

  if (used != NULL)
    *used = (ChronoRect) { x, top, text_width, MIN (y, bottom) - top };
}

void
chrono_caption_draw_progress (cairo_t           *cr,
                              const ChronoStyle *style,
                              guint              step,
                              guint              n_steps,
                              const ChronoRect  *footer)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  double margin = MIN (chrono_style_px (style, MARGIN), footer->width / 10);
  double pad_x = chrono_style_px (style, 14);
  double pad_y = chrono_style_px (style, 6);
  double bar = chrono_style_px (style, 4);
  double pill_width, pill_height, x, y;
  int w, h;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (footer != NULL);

  if (n_steps == 0)
    return;

  cairo_save (cr);

  /* A thin bar along the foot of the card shows how far the talk has
   * come. */
  cairo_rectangle (cr, footer->x, footer->y + footer->height - bar, footer->width, bar);
  _chrono_cairo_set_color (cr, chrono_color_with_alpha (style->foreground, 0.12));
  cairo_fill (cr);
  cairo_rectangle (cr, footer->x, footer->y + footer->height - bar,
                   footer->width * (step + 1) / (double) n_steps, bar);
  _chrono_cairo_set_color (cr, style->accent);
  cairo_fill (cr);

  text = chrono_story_format_progress (step, n_steps);
  layout = create_layout (cr, style, DATES_SIZE, TRUE, footer->width, 1);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  pill_width = w + 2 * pad_x;
  pill_height = h + 2 * pad_y;
  x = footer->x + footer->width - margin - pill_width;
  y = footer->y + (footer->height - bar - pill_height) / 2;

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
chrono_caption_draw_cover (cairo_t                  *cr,
                           const ChronoStyle        *style,
                           const ChronoCaptionCover *cover,
                           double                    width,
                           double                    height)
{
  g_autoptr(PangoLayout) title_layout = NULL;
  g_autoptr(PangoLayout) subtitle_layout = NULL;
  g_autoptr(PangoLayout) body_layout = NULL;
  ChronoColor background, foreground, dim, accent;
  double text_width = width * 0.8;
  double body_width;
  double gap = chrono_style_px (style, 18);
  double total, y;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (cover != NULL);

  background = cover->has_background ? opaque (cover->background) : style->background;
  foreground = cover->has_background ? contrasting (background) : style->foreground;
  dim = cover->has_background ? chrono_color_with_alpha (foreground, 0.8) : style->dim_foreground;
  accent = cover->has_background ? foreground : style->accent;
  body_width = MIN (text_width, chrono_style_px (style, 760));

  cairo_save (cr);

  _chrono_cairo_set_color (cr, background);
  cairo_paint (cr);

  if (cover->image != NULL)
    {
      /* The picture covers the page; a veil keeps white text legible. */
      paint_image (cr, cover->image, 0, 0, width, height, TRUE);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.55);
      cairo_paint (cr);
      foreground = (ChronoColor) { 1, 1, 1, 1 };
      dim = chrono_color_with_alpha (foreground, 0.85);
      accent = foreground;
    }

  title_layout = create_layout (cr, style, 40, TRUE, text_width, 3);
  pango_layout_set_alignment (title_layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (title_layout, cover->title != NULL ? cover->title : "", -1);
  total = layout_height (title_layout);

  if (cover->subtitle != NULL && cover->subtitle[0] != '\0')
    {
      subtitle_layout = create_layout (cr, style, 20, FALSE, text_width, 1);
      pango_layout_set_alignment (subtitle_layout, PANGO_ALIGN_CENTER);
      pango_layout_set_text (subtitle_layout, cover->subtitle, -1);
      total += gap + layout_height (subtitle_layout);
    }

  if (cover->description != NULL && cover->description[0] != '\0')
    {
      body_layout = create_layout (cr, style, 15, FALSE, body_width, 8);
      pango_layout_set_alignment (body_layout, PANGO_ALIGN_CENTER);
      set_text_in_lines (body_layout, cover->description, 8);
      total += 2 * gap + layout_height (body_layout);
    }

  y = MAX (0, (height - total) / 2);
  show_layout (cr, title_layout, (width - text_width) / 2, y, foreground);
  y += layout_height (title_layout);

  /* An accent rule between the title and the dates. */
  cairo_rectangle (cr, width / 2 - chrono_style_px (style, 36), y + gap / 2 - chrono_style_px (style, 2),
                   chrono_style_px (style, 72), chrono_style_px (style, 4));
  _chrono_cairo_set_color (cr, accent);
  cairo_fill (cr);

  if (subtitle_layout != NULL)
    {
      y += gap;
      show_layout (cr, subtitle_layout, (width - text_width) / 2, y, dim);
      y += layout_height (subtitle_layout);
    }

  if (body_layout != NULL)
    {
      y += 2 * gap;
      show_layout (cr, body_layout, (width - body_width) / 2, y, foreground);
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
layout_step (const ChronoCaptionStep *step,
             const ChronoStyle       *style,
             PangoContext            *context,
             double                   width,
             double                   height,
             double                   scroll_y)
{
  ChronoLayoutParams params;

  chrono_layout_params_init (&params, style, step->start, step->end, width, height);
  params.document = step->document;
  params.filter = step->filter;
  params.context = context;
  params.scroll_y = scroll_y;
  params.selected = (int) step->event;
  params.hovered = -1;

  return chrono_layout_build (&params);
}

/* The scroll that brings @item (and @previous, when both fit one above
 * the other) between the axis and the bottom of a region @height high,
 * given the scroll @scroll that @scene was laid out with. */
static double
scroll_to_show (const ChronoSceneItem *item,
                const ChronoSceneItem *previous,
                double                 lanes_top,
                double                 height,
                double                 margin,
                double                 scroll)
{
  double top = item->rect.y + scroll;
  double bottom = item->rect.y + item->rect.height + scroll;

  /* Both steps when they fit one above the other, else the current
   * one. */
  if (previous != NULL)
    {
      double both_top = MIN (top, previous->rect.y + scroll);
      double both_bottom = MAX (bottom, previous->rect.y + previous->rect.height + scroll);

      if (both_bottom - both_top + 2 * margin <= height - lanes_top)
        {
          top = both_top;
          bottom = both_bottom;
        }
    }

  scroll = 0;
  if (bottom + margin > height)
    scroll = bottom + margin - height;
  if (top - scroll < lanes_top + margin / 2)
    scroll = top - lanes_top - margin / 2;

  return MAX (0, scroll);
}

ChronoScene *
chrono_caption_build_step_scene (const ChronoStyle       *style,
                                 const ChronoCaptionStep *step,
                                 const ChronoRect        *timeline,
                                 PangoContext            *context)
{
  ChronoScene *scene;
  const ChronoSceneItem *item;
  const ChronoSceneItem *previous = NULL;
  double margin = chrono_style_px (style, 24);
  double scroll = 0;

  g_return_val_if_fail (style != NULL, NULL);
  g_return_val_if_fail (step != NULL, NULL);
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (step->document), NULL);
  g_return_val_if_fail (timeline != NULL, NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  /* Where the events are in all the lanes, as a first guess: a lane
   * below the region is not laid out at the region's height.  Rows
   * follow the height there is, so a taller layout packs differently:
   * the guess is then corrected at the region's own height. */
  scene = layout_step (step, style, context, timeline->width, timeline->height + 20000, 0);
  item = chrono_scene_find_event (scene, step->event);
  if (step->previous >= 0 && (guint) step->previous != step->event)
    previous = chrono_scene_find_event (scene, step->previous);
  if (item != NULL)
    scroll = scroll_to_show (item, previous, chrono_scene_get_lanes_top (scene),
                             timeline->height, margin, 0);
  chrono_scene_unref (scene);

  for (guint i = 0; ; i++)
    {
      double better;

      scene = layout_step (step, style, context, timeline->width, timeline->height, scroll);
      item = chrono_scene_find_event (scene, step->event);
      previous = NULL;
      if (step->previous >= 0 && (guint) step->previous != step->event)
        previous = chrono_scene_find_event (scene, step->previous);
      if (item == NULL || i == 3)
        return scene;

      better = scroll_to_show (item, previous, chrono_scene_get_lanes_top (scene),
                               timeline->height, margin, scroll);
      if (fabs (better - scroll) < 0.5)
        return scene;
      scroll = better;
      chrono_scene_unref (scene);
    }
}

void
chrono_caption_draw_step (cairo_t                 *cr,
                          const ChronoStyle       *style,
                          const ChronoCaptionStep *step,
                          double                   width,
                          double                   height)
{
  PangoContext *context;
  ChronoCaptionRegions regions;
  ChronoScene *scene;
  double line = chrono_style_px (style, 1);

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (step != NULL);
  g_return_if_fail (CHRONO_IS_DOCUMENT (step->document));
  g_return_if_fail (step->event < chrono_document_get_n_events (step->document));

  chrono_caption_get_regions (style, width, height, &regions);
  context = chrono_style_create_pango_context ();
  scene = chrono_caption_build_step_scene (style, step, &regions.timeline, context);

  cairo_save (cr);
  _chrono_cairo_set_color (cr, style->background);
  cairo_paint (cr);
  cairo_rectangle (cr, regions.timeline.x, regions.timeline.y,
                   regions.timeline.width, regions.timeline.height);
  cairo_clip (cr);
  cairo_translate (cr, regions.timeline.x, regions.timeline.y);
  chrono_renderer_draw (cr, scene, style);
  cairo_restore (cr);

  chrono_caption_draw_card (cr, style, step->document, step->event, step->media, &regions.card, NULL);
  chrono_caption_draw_progress (cr, style, step->step, step->n_steps, &regions.footer);

  /* The line between the timeline and the card, on the card's side. */
  cairo_save (cr);
  _chrono_cairo_set_color (cr, style->lane_separator);
  if (regions.placement == CHRONO_CAPTION_SIDE)
    cairo_rectangle (cr, regions.card.x, 0, line, height);
  else
    cairo_rectangle (cr, 0, regions.card.y, width, line);
  cairo_fill (cr);
  cairo_restore (cr);

  chrono_scene_unref (scene);
  g_object_unref (context);
}
