#define G_LOG_DOMAIN "chrono-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "chrono-caption.h"
#include "chrono-export.h"
#include "chrono-layout.h"
#include "chrono-renderer.h"
#include "chrono-story.h"
#include "chrono-style.h"
#include "chrono-viewport.h"

/* Device-independent sizes of the parts around the timeline. */
#define PAGE_PADDING    24.0
#define TITLE_SIZE      18.0
#define LEGEND_SIZE      9.5
#define LEGEND_SWATCH   10.0
#define LEGEND_GAP      16.0
#define CAPTION_SIZE     9.0
/* The timeline may shrink to this fraction of the scale to fit its lanes. */
#define MIN_FIT          0.5

G_DEFINE_QUARK (chrono-export-error-quark, chrono_export_error)

void
chrono_export_options_init (ChronoExportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->format = CHRONO_EXPORT_FORMAT_PNG;
  options->width = 1920;
  options->height = 1080;
  options->scale = 1.0;
  options->show_title = TRUE;
  options->show_legend = TRUE;
  options->show_caption = TRUE;
}

gboolean
chrono_export_format_from_path (const char          *path,
                                ChronoExportFormat  *format,
                                GError             **error)
{
  static const struct {
    const char *extension;
    ChronoExportFormat format;
  } formats[] = {
    { ".png", CHRONO_EXPORT_FORMAT_PNG },
    { ".svg", CHRONO_EXPORT_FORMAT_SVG },
    { ".pdf", CHRONO_EXPORT_FORMAT_PDF },
  };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (g_str_has_suffix (lower, formats[i].extension))
        {
          if (format != NULL)
            *format = formats[i].format;
          return TRUE;
        }
    }

  g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_FORMAT,
               _("cannot tell the format of “%s”: use a name ending in .png, .svg or .pdf"),
               path);
  return FALSE;
}

const char *
chrono_export_format_get_extension (ChronoExportFormat format)
{
  switch (format)
    {
    case CHRONO_EXPORT_FORMAT_SVG:
      return "svg";
    case CHRONO_EXPORT_FORMAT_PDF:
      return "pdf";
    case CHRONO_EXPORT_FORMAT_PNG:
    default:
      return "png";
    }
}

static void
get_output_size (const ChronoExportOptions *options,
                 int                       *width,
                 int                       *height)
{
  *width = (int) ceil (options->width * options->scale - 0.001);
  *height = (int) ceil (options->height * options->scale - 0.001);
}

gboolean
chrono_export_options_validate (const ChronoExportOptions  *options,
                                GError                    **error)
{
  int width, height;

  g_return_val_if_fail (options != NULL, FALSE);

  if (!(options->scale >= CHRONO_EXPORT_MIN_SCALE && options->scale <= CHRONO_EXPORT_MAX_SCALE))
    {
      g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_SIZE,
                   _("the scale %g is out of range: use %g to %g"),
                   options->scale, CHRONO_EXPORT_MIN_SCALE, CHRONO_EXPORT_MAX_SCALE);
      return FALSE;
    }

  if (options->width < 1 || options->height < 1 ||
      options->width > CHRONO_EXPORT_MAX_SIZE || options->height > CHRONO_EXPORT_MAX_SIZE)
    {
      g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_SIZE,
                   _("the size %d × %d is out of range: width and height must be 1 to %d"),
                   options->width, options->height, CHRONO_EXPORT_MAX_SIZE);
      return FALSE;
    }

  get_output_size (options, &width, &height);
  if (width > CHRONO_EXPORT_MAX_SIZE || height > CHRONO_EXPORT_MAX_SIZE)
    {
      g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_SIZE,
                   _("the size %d × %d at scale %g makes %d × %d, more than %d"),
                   options->width, options->height, options->scale,
                   width, height, CHRONO_EXPORT_MAX_SIZE);
      return FALSE;
    }

  if (options->has_range &&
      !(isfinite (options->start) && isfinite (options->end) && options->end > options->start))
    {
      g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_RANGE,
                   _("the date range is empty: its end must come after its start"));
      return FALSE;
    }

  return TRUE;
}

/* The times the shown events cover, without margins: the filtered
 * events', else the document's bounds, else a year either side of today. */
static void
get_extent (ChronoDocument *document,
            ChronoFilter   *filter,
            gint64         *start,
            gint64         *end)
{
  gint64 from = G_MAXINT64;
  gint64 to = G_MININT64;

  if (document != NULL)
    {
      if (filter != NULL && !chrono_filter_is_empty (filter))
        {
          guint n_visible = 0;
          const guint8 *mask = chrono_filter_get_mask (filter, document, &n_visible);
          guint n_events = chrono_document_get_n_events (document);

          for (guint i = 0; i < n_events; i++)
            {
              const ChronoEvent *event;

              if (!mask[i])
                continue;
              event = chrono_document_get_event (document, i);
              from = MIN (from, event->start.time);
              to = MAX (to, event->end_time);
            }
        }

      if (from > to && !chrono_document_get_bounds (document, &from, &to))
        from = G_MAXINT64;
    }

  if (from > to)
    {
      gint64 now = chrono_now ();

      from = now - CHRONO_SECONDS_PER_YEAR;
      to = now + CHRONO_SECONDS_PER_YEAR;
    }

  if (to - from < 60)
    to = from + 60;

  *start = from;
  *end = to;
}

void
chrono_export_get_span (ChronoDocument            *document,
                        const ChronoExportOptions *options,
                        double                    *start,
                        double                    *end)
{
  gint64 from, to;
  double margin;

  g_return_if_fail (options != NULL);
  g_return_if_fail (start != NULL && end != NULL);

  if (options->has_range)
    {
      *start = options->start;
      *end = options->end;
      return;
    }

  get_extent (document, options->filter, &from, &to);
  margin = (double) (to - from) * 0.03;
  *start = (double) from - margin;
  /* Labels go right of their markers: more room on the right. */
  *end = (double) to + chrono_viewport_fit_right_margin (margin);
}


/* A date for @time at the precision that suits a span of @duration
 * seconds, for the caption. */
static void
date_at (ChronoDate *date,
         gint64      time,
         double      duration)
{
  ChronoPrecision precision;
  gint64 year;
  int month, day, hour, minute, second, weekday;

  if (duration > 4.0 * CHRONO_SECONDS_PER_YEAR)
    precision = CHRONO_PRECISION_YEAR;
  else if (duration > 90.0 * CHRONO_SECONDS_PER_DAY)
    precision = CHRONO_PRECISION_MONTH;
  else if (duration > 3.0 * CHRONO_SECONDS_PER_DAY)
    precision = CHRONO_PRECISION_DAY;
  else
    precision = CHRONO_PRECISION_MINUTE;

  chrono_time_to_civil (time, &year, &month, &day, &hour, &minute, &second, &weekday);
  year = CLAMP (year, CHRONO_YEAR_MIN, CHRONO_YEAR_MAX);
  if (!chrono_date_init_civil (date, year, month, day, hour, minute, second, precision))
    memset (date, 0, sizeof *date);
}

/* "2015 – 2026": the span as the caption shows it.  Free with g_free(). */
static char *
format_span (double start,
             double end)
{
  ChronoDate from, to;
  double duration = end - start;

  date_at (&from, (gint64) floor (start), duration);
  /* The end is exclusive: the last second shown names its period. */
  date_at (&to, (gint64) ceil (end) - 1, duration);

  return chrono_date_format_range (&from, &to);
}

/* The caption's dates: the range asked for, or what the events cover. */
static char *
format_caption (ChronoDocument            *document,
                const ChronoExportOptions *options)
{
  gint64 from, to;

  if (options->has_range)
    return format_span (options->start, options->end);

  get_extent (document, options->filter, &from, &to);
  return format_span ((double) from, (double) to);
}

static void
set_color (cairo_t     *cr,
           ChronoColor  color)
{
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha);
}

static PangoLayout *
create_layout (cairo_t           *cr,
               const ChronoStyle *style,
               double             size,
               gboolean           bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = chrono_style_create_font (style, size, bold);
  cairo_font_options_t *font_options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), font_options);
  cairo_font_options_destroy (font_options);
  pango_context_set_round_glyph_positions (pango_layout_get_context (layout), FALSE);
  pango_layout_context_changed (layout);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  return layout;
}

/* SVG text layer.  cairo's SVG surface draws glyphs as shapes, so the
 * text of an SVG export could not be selected or searched.  While
 * drawing an SVG export, the text drawn is also recorded with its box and
 * added to the file as invisible <text> elements over the glyphs: the
 * picture is cairo's, the words are real text. */

typedef struct
{
  char   *text;
  double  x;
  double  y;
  double  width;
  double  height;
  double  size;  /* pixels */
  gboolean bold;
} TextRun;

static void
text_run_clear (gpointer data)
{
  TextRun *run = data;

  g_free (run->text);
}

static void
record_text (GArray     *texts,
             const char *text,
             double      x,
             double      y,
             double      width,
             double      height,
             double      size_points,
             double      scale,
             gboolean    bold)
{
  TextRun run;

  if (texts == NULL || text == NULL || text[0] == '\0' || width <= 0 || height <= 0)
    return;

  run.text = g_strdup (text);
  run.x = x;
  run.y = y;
  run.width = width;
  run.height = height;
  run.size = size_points * 96.0 / 72.0 * scale;
  run.bold = bold;
  g_array_append_val (texts, run);
}

/* The labels of @scene, drawn at (0, @top) with @style. */
static void
record_scene_text (GArray            *texts,
                   ChronoScene       *scene,
                   const ChronoStyle *style,
                   double             top)
{
  const ChronoSceneItem *items;
  const ChronoTicks *ticks;
  guint n_items;
  double axis = chrono_scene_get_axis_height (scene);
  double width, height;

  if (texts == NULL)
    return;

  chrono_scene_get_size (scene, &width, &height);
  items = chrono_scene_get_items (scene, &n_items);
  for (guint i = 0; i < n_items; i++)
    {
      const ChronoSceneItem *item = &items[i];
      const ChronoRect *r = &item->label_rect;
      double size = style->font_size;
      gboolean bold = FALSE;

      if (item->label == NULL || r->y + r->height <= 0 || r->y >= height ||
          r->x + r->width <= 0 || r->x >= width)
        continue;

      switch (item->kind)
        {
        case CHRONO_ITEM_LANE_HEADER:
          size = style->header_font_size;
          bold = TRUE;
          break;
        case CHRONO_ITEM_ERA:
        case CHRONO_ITEM_LABEL:
        case CHRONO_ITEM_RELATION:
        case CHRONO_ITEM_CLUSTER:
          size = style->small_font_size;
          break;
        default:
          break;
        }

      record_text (texts, item->label, r->x, r->y + top, r->width, r->height,
                   size, style->scale, bold);
    }

  ticks = chrono_scene_get_ticks (scene);
  if (ticks == NULL)
    return;

  for (guint i = 0; i < ticks->minor->len; i++)
    {
      const ChronoTick *tick = &g_array_index (ticks->minor, ChronoTick, i);
      gboolean two_rows = ticks->major->len > 0;

      record_text (texts, tick->label, tick->label_x,
                   top + (two_rows ? axis / 2 - chrono_style_px (style, 3) : axis / 4),
                   tick->label_width, axis / 2, style->small_font_size, style->scale, FALSE);
    }
  for (guint i = 0; i < ticks->major->len; i++)
    {
      const ChronoTick *tick = &g_array_index (ticks->major, ChronoTick, i);

      record_text (texts, tick->label, tick->label_x, top + chrono_style_px (style, 4),
                   tick->label_width, axis / 2 - chrono_style_px (style, 4),
                   style->header_font_size, style->scale, TRUE);
    }
}

/* Inserts @texts as invisible text before the end of @svg. */
static void
add_text_layer (GByteArray        *svg,
                GArray            *texts,
                const ChronoStyle *style)
{
  g_autoptr(GString) layer = g_string_new (NULL);
  const char *end_tag = "</svg>";
  gsize len = strlen (end_tag);
  gsize at = 0;
  gboolean found = FALSE;
  g_autofree char *family = g_markup_escape_text (style->font_family, -1);

  for (gsize i = svg->len >= len ? svg->len - len + 1 : 0; i-- > 0;)
    {
      if (memcmp (svg->data + i, end_tag, len) == 0)
        {
          at = i;
          found = TRUE;
          break;
        }
    }
  if (!found || texts->len == 0)
    return;

  g_string_append_printf (layer, "<g id=\"text\" style=\"fill:#000000;fill-opacity:0;stroke:none\" font-family=\"%s\">\n",
                          family);
  for (guint i = 0; i < texts->len; i++)
    {
      const TextRun *run = &g_array_index (texts, TextRun, i);
      g_autofree char *text = g_markup_escape_text (run->text, -1);
      char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];
      char size[G_ASCII_DTOSTR_BUF_SIZE], width[G_ASCII_DTOSTR_BUF_SIZE];

      /* The baseline sits about four fifths down a line of text. */
      g_ascii_formatd (x, sizeof x, "%.2f", run->x);
      g_ascii_formatd (y, sizeof y, "%.2f", run->y + (run->height + run->size) / 2 - run->size * 0.2);
      g_ascii_formatd (size, sizeof size, "%.2f", run->size);
      g_ascii_formatd (width, sizeof width, "%.2f", run->width);
      g_string_append_printf (layer,
                              "<text x=\"%s\" y=\"%s\" font-size=\"%s\"%s textLength=\"%s\" lengthAdjust=\"spacingAndGlyphs\">%s</text>\n",
                              x, y, size, run->bold ? " font-weight=\"bold\"" : "", width, text);
    }
  g_string_append (layer, "</g>\n");

  {
    g_autoptr(GByteArray) tail = g_byte_array_new ();

    g_byte_array_append (tail, svg->data + at, svg->len - at);
    g_byte_array_set_size (svg, at);
    g_byte_array_append (svg, (const guint8 *) layer->str, layer->len);
    g_byte_array_append (svg, tail->data, tail->len);
  }
}

typedef struct
{
  const char  *text;
  ChronoColor  color;
  gboolean     heading;
} LegendEntry;

/* Lays the legend out in rows across @width and, with @draw, draws it with
 * its top left at (@x, @y).  Returns its height. */
static double
flow_legend (cairo_t           *cr,
             const ChronoStyle *style,
             GArray            *entries,
             double             x,
             double             y,
             double             width,
             gboolean           draw,
             GArray            *texts)
{
  g_autoptr(PangoLayout) layout = create_layout (cr, style, LEGEND_SIZE, FALSE);
  g_autoptr(PangoLayout) bold = create_layout (cr, style, LEGEND_SIZE, TRUE);
  double swatch = chrono_style_px (style, LEGEND_SWATCH);
  double gap = chrono_style_px (style, LEGEND_GAP);
  double line_height = 0;
  double cx = 0, cy = 0;

  if (entries->len == 0)
    return 0;

  {
    int w, h;

    pango_layout_set_text (layout, "Ag", -1);
    pango_layout_get_pixel_size (layout, &w, &h);
    line_height = MAX (h, swatch) + chrono_style_px (style, 6);
  }

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_width (bold, (int) (width * PANGO_SCALE));

  for (guint i = 0; i < entries->len; i++)
    {
      const LegendEntry *entry = &g_array_index (entries, LegendEntry, i);
      PangoLayout *l = entry->heading ? bold : layout;
      double entry_width;
      int w, h;

      pango_layout_set_text (l, entry->text, -1);
      pango_layout_get_pixel_size (l, &w, &h);
      entry_width = w + (entry->heading ? 0 : swatch + chrono_style_px (style, 6));

      /* A heading starts a new row, as does an entry that does not fit. */
      if (cx > 0 && (entry->heading || cx + entry_width > width))
        {
          cx = 0;
          cy += line_height;
        }

      if (draw)
        {
          double tx = x + cx;
          double mid = y + cy + line_height / 2;

          if (!entry->heading)
            {
              cairo_new_sub_path (cr);
              cairo_arc (cr, tx + swatch / 2, mid, swatch / 2, 0, 2 * G_PI);
              set_color (cr, entry->color);
              cairo_fill (cr);
              tx += swatch + chrono_style_px (style, 6);
            }

          cairo_move_to (cr, tx, mid - h / 2.0);
          set_color (cr, entry->heading ? style->dim_foreground : style->foreground);
          pango_cairo_show_layout (cr, l);
          record_text (texts, entry->text, tx, mid - h / 2.0, w, h,
                       LEGEND_SIZE, style->scale, entry->heading);
        }

      cx += MIN (entry_width, width) + gap;
    }

  return cy + line_height;
}

/* The filter an export draws with: @filter, and when it hides events,
 * also the lanes left with none of them to show, so that a filtered
 * export has no empty lanes.  A lane that shows a chart is kept while
 * only lanes and categories are filtered. */
static ChronoFilter *
dup_export_filter (ChronoDocument *document,
                   ChronoFilter   *filter)
{
  g_autoptr(ChronoFilter) shown = NULL;
  g_autofree gboolean *has_event = NULL;
  const guint8 *mask;
  guint n_lanes, n_categories, n_events, n_series, n_visible = 0;
  gboolean by_content;
  gint64 from, to;

  if (filter == NULL || document == NULL || chrono_filter_is_empty (filter))
    return filter != NULL ? g_object_ref (filter) : NULL;

  n_lanes = chrono_document_get_n_lanes (document);
  n_categories = chrono_document_get_n_categories (document);
  n_events = chrono_document_get_n_events (document);
  n_series = chrono_document_get_n_series (document);

  shown = chrono_filter_new ();
  for (guint i = 0; i < n_lanes; i++)
    {
      const char *id = chrono_document_get_lane (document, i)->id;

      chrono_filter_set_lane_visible (shown, id, chrono_filter_get_lane_visible (filter, id));
    }
  for (guint i = 0; i < n_categories; i++)
    {
      const char *id = chrono_document_get_category (document, i)->id;

      chrono_filter_set_category_visible (shown, id, chrono_filter_get_category_visible (filter, id));
    }
  chrono_filter_set_tags (shown, chrono_filter_get_tags (filter));
  chrono_filter_set_text (shown, chrono_filter_get_text (filter));
  if (chrono_filter_get_range (filter, &from, &to))
    chrono_filter_set_range (shown, TRUE, from, to);

  by_content = (chrono_filter_get_text (filter) != NULL && chrono_filter_get_text (filter)[0] != '\0') ||
               (chrono_filter_get_tags (filter) != NULL && chrono_filter_get_tags (filter)[0] != NULL) ||
               chrono_filter_get_range (filter, NULL, NULL);

  has_event = g_new0 (gboolean, MAX (n_lanes, 1));
  mask = chrono_filter_get_mask (shown, document, &n_visible);
  for (guint i = 0; i < n_events; i++)
    if (mask[i])
      has_event[chrono_document_get_event (document, i)->lane] = TRUE;
  if (!by_content)
    for (guint i = 0; i < n_series; i++)
      has_event[chrono_document_get_series (document, i)->lane] = TRUE;

  for (guint i = 0; i < n_lanes; i++)
    if (!has_event[i])
      chrono_filter_set_lane_visible (shown, chrono_document_get_lane (document, i)->id, FALSE);

  return g_steal_pointer (&shown);
}

static GArray *
collect_legend (ChronoDocument    *document,
                ChronoFilter      *filter,
                const ChronoStyle *style)
{
  GArray *entries = g_array_new (FALSE, TRUE, sizeof (LegendEntry));
  g_autofree gboolean *category_shown = NULL;
  guint n_lanes, n_categories;
  guint first;

  if (document == NULL)
    return entries;

  /* With a filter, only the categories of the events shown. */
  if (filter != NULL && !chrono_filter_is_empty (filter))
    {
      guint n_events = chrono_document_get_n_events (document);
      const guint8 *mask = chrono_filter_get_mask (filter, document, NULL);

      category_shown = g_new0 (gboolean, chrono_document_get_n_categories (document) + 1);
      for (guint i = 0; i < n_events; i++)
        {
          const ChronoEvent *event = chrono_document_get_event (document, i);

          if (mask[i] && event->category >= 0)
            category_shown[event->category] = TRUE;
        }
    }

  n_lanes = chrono_document_get_n_lanes (document);
  first = entries->len;
  for (guint i = 0; i < n_lanes; i++)
    {
      const ChronoLane *lane = chrono_document_get_lane (document, i);
      LegendEntry entry = { lane->title, chrono_style_get_lane_color (style, document, i), FALSE };

      if (filter != NULL && !chrono_filter_get_lane_visible (filter, lane->id))
        continue;
      if (entries->len == first)
        {
          LegendEntry heading = { _("Lanes"), style->dim_foreground, TRUE };
          g_array_append_val (entries, heading);
        }
      g_array_append_val (entries, entry);
    }

  n_categories = chrono_document_get_n_categories (document);
  first = entries->len;
  for (guint i = 0; i < n_categories; i++)
    {
      const ChronoCategory *category = chrono_document_get_category (document, i);
      LegendEntry entry = { category->title, chrono_style_get_category_color (style, document, i), FALSE };

      if (filter != NULL && !chrono_filter_get_category_visible (filter, category->id))
        continue;
      if (category_shown != NULL && !category_shown[i])
        continue;
      if (entries->len == first)
        {
          LegendEntry heading = { _("Categories"), style->dim_foreground, TRUE };
          g_array_append_val (entries, heading);
        }
      g_array_append_val (entries, entry);
    }

  return entries;
}

/* Lays out and draws the timeline of @document over [@start, @end) in a
 * box of @width × @height at the current origin of @cr. */
static ChronoScene *
layout_timeline (ChronoDocument    *document,
                 ChronoFilter      *filter,
                 const ChronoStyle *style,
                 PangoContext      *context,
                 double             start,
                 double             end,
                 double             width,
                 double             height,
                 double             scroll_y,
                 int                selected)
{
  ChronoLayoutParams params;

  chrono_layout_params_init (&params, style, start, end, width, height);
  params.document = document;
  params.filter = filter;
  params.context = context;
  params.scroll_y = scroll_y;
  params.selected = selected;
  params.hovered = -1;

  return chrono_layout_build (&params);
}

/* Where the last lane ends, in the scene's pixels, as if nothing were
 * cut off at the bottom. */
static double
scene_content_bottom (ChronoScene *scene)
{
  const ChronoSceneItem *items = NULL;
  guint n_items = 0;
  double top = G_MAXDOUBLE;

  items = chrono_scene_get_items (scene, &n_items);
  for (guint i = 0; i < n_items; i++)
    if (items[i].kind == CHRONO_ITEM_LANE)
      top = MIN (top, items[i].rect.y);

  if (top == G_MAXDOUBLE)
    return 0;

  return top + chrono_scene_get_content_height (scene);
}

/* Lays out the timeline, and measures the legend and caption, at @fit
 * times the options' scale, under a title ending at @top. */
static ChronoScene *
layout_page (cairo_t                   *cr,
             ChronoDocument            *document,
             const ChronoExportOptions *options,
             GArray                    *legend,
             const char                *span_text,
             double                     fit,
             double                     top,
             double                     width,
             double                     height,
             PangoContext              *context,
             ChronoStyle               *style,
             double                    *legend_height,
             double                    *caption_height,
             double                    *bottom)
{
  double padding;
  double start, end;

  if (options->dark)
    chrono_style_init_dark (style, options->scale * fit);
  else
    chrono_style_init_light (style, options->scale * fit);
  padding = options->scale * PAGE_PADDING;
  chrono_export_get_span (document, options, &start, &end);

  *legend_height = *caption_height = 0;
  if (span_text != NULL)
    {
      g_autoptr(PangoLayout) layout = create_layout (cr, style, CAPTION_SIZE, FALSE);
      int w, h;

      pango_layout_set_text (layout, span_text, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      *caption_height = h + padding * 0.5;
    }

  if (legend != NULL)
    {
      *legend_height = flow_legend (cr, style, legend, padding, 0, MAX (1, width - 2 * padding), FALSE, NULL);
      if (*legend_height > 0)
        *legend_height += padding * 0.5;
      /* The timeline keeps at least half the page. */
      *legend_height = MIN (*legend_height, MAX (0, (height - top) / 2 - *caption_height));
    }

  *bottom = height;
  if (*legend_height > 0 || *caption_height > 0)
    *bottom = height - *legend_height - *caption_height - padding * 0.5;
  *bottom = MAX (*bottom, top + 1);

  return layout_timeline (document, options->filter, style, context,
                          start, end, width, *bottom - top, 0, -1);
}

static void
draw_page (cairo_t                   *cr,
           ChronoDocument            *document,
           const ChronoExportOptions *options,
           double                     width,
           double                     height,
           GArray                    *texts,
           ChronoStyle               *page_style)
{
  PangoContext *context = NULL;
  g_autoptr(GArray) legend = NULL;
  g_autoptr(ChronoScene) scene = NULL;
  g_autofree char *span_text = NULL;
  ChronoStyle style, scene_style;
  double padding, top = 0, bottom = height;
  double legend_height = 0, caption_height = 0;
  double start, end;
  g_autoptr(ChronoFilter) shown = dup_export_filter (document, options->filter);
  ChronoExportOptions filtered = *options;

  /* Filtered: no empty lanes, and a legend of what is shown. */
  filtered.filter = shown;
  options = &filtered;

  if (options->dark)
    chrono_style_init_dark (&style, options->scale);
  else
    chrono_style_init_light (&style, options->scale);

  padding = chrono_style_px (&style, PAGE_PADDING);
  chrono_export_get_span (document, options, &start, &end);
  context = chrono_style_create_pango_context ();

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  set_color (cr, style.background);
  cairo_paint (cr);

  if (options->show_title)
    {
      const char *title = options->title;
      g_autoptr(PangoLayout) layout = create_layout (cr, &style, TITLE_SIZE, TRUE);
      int w, h;

      if (title == NULL && document != NULL)
        title = chrono_document_get_title (document);
      if (title == NULL)
        title = "";

      pango_layout_set_text (layout, title, -1);
      pango_layout_set_width (layout, (int) (MAX (1, width - 2 * padding) * PANGO_SCALE));
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_move_to (cr, padding, padding * 0.75);
      set_color (cr, style.foreground);
      pango_cairo_show_layout (cr, layout);
      record_text (texts, title, padding, padding * 0.75, w, h, TITLE_SIZE, style.scale, TRUE);
      top = padding * 1.25 + h;
    }

  if (options->show_caption)
    span_text = format_caption (document, options);
  if (options->show_legend)
    legend = collect_legend (document, options->filter, &style);

  /* An export shows every lane: when they do not fit, draw the timeline,
   * its legend and caption smaller (the title keeps its size) rather
   * than cut the last lanes off.  Rows pack differently at each size, so
   * search for the largest scale that fits, down to MIN_FIT. */
  {
    double lo = MIN_FIT, hi = 1.0, fit = 1.0;
    gboolean fits = FALSE;

    for (guint attempt = 0; attempt < 7; attempt++)
      {
        g_clear_pointer (&scene, chrono_scene_unref);
        scene = layout_page (cr, document, options, legend, span_text, fit, top, width, height,
                             context, &scene_style, &legend_height, &caption_height, &bottom);
        fits = scene_content_bottom (scene) <= bottom - top;

        if (attempt == 0 && fits)
          break;
        if (fits)
          lo = fit;
        else
          hi = fit;
        if (attempt == 0)
          fit = lo;
        else if (attempt == 1 && !fits)
          break;  /* not even the smallest fits: keep it */
        else
          fit = (lo + hi) / 2;
      }

    /* The last try may have been too large: settle on the best fit. */
    if (!fits && fit != lo)
      {
        g_clear_pointer (&scene, chrono_scene_unref);
        scene = layout_page (cr, document, options, legend, span_text, lo, top, width, height,
                             context, &scene_style, &legend_height, &caption_height, &bottom);
      }
  }

  cairo_save (cr);
  cairo_translate (cr, 0, top);
  chrono_renderer_draw (cr, scene, &scene_style);
  cairo_restore (cr);
  record_scene_text (texts, scene, &scene_style, top);

  if (legend_height > 0)
    {
      double y = bottom + padding * 0.5;

      cairo_save (cr);
      cairo_rectangle (cr, 0, y, width, legend_height);
      cairo_clip (cr);
      flow_legend (cr, &scene_style, legend, padding, y, MAX (1, width - 2 * padding), TRUE, texts);
      cairo_restore (cr);
    }

  if (span_text != NULL)
    {
      g_autoptr(PangoLayout) layout = create_layout (cr, &scene_style, CAPTION_SIZE, FALSE);
      int w, h;

      pango_layout_set_text (layout, span_text, -1);
      pango_layout_set_width (layout, (int) (MAX (1, width - 2 * padding) * PANGO_SCALE));
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_move_to (cr, padding, height - padding * 0.5 - h);
      set_color (cr, style.dim_foreground);
      pango_cairo_show_layout (cr, layout);
      record_text (texts, span_text, padding, height - padding * 0.5 - h, w, h,
                   CAPTION_SIZE, scene_style.scale, FALSE);

      pango_layout_set_text (layout, "Chronoscope", -1);
      pango_layout_set_width (layout, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_move_to (cr, width - padding - w, height - padding * 0.5 - h);
      pango_cairo_show_layout (cr, layout);
      record_text (texts, "Chronoscope", width - padding - w, height - padding * 0.5 - h, w, h,
                   CAPTION_SIZE, scene_style.scale, FALSE);
    }

  if (page_style != NULL)
    *page_style = style;

  g_object_unref (context);
  cairo_restore (cr);
}

void
chrono_export_draw (cairo_t                   *cr,
                    ChronoDocument            *document,
                    const ChronoExportOptions *options,
                    double                     width,
                    double                     height)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (document == NULL || CHRONO_IS_DOCUMENT (document));
  g_return_if_fail (options != NULL);

  draw_page (cr, document, options, width, height, NULL, NULL);
}

/* Atomic writes: a temporary file next to the target, renamed over it
 * only once everything was written. */

typedef struct
{
  char   *path;
  char   *tmp_path;
  int     fd;
  GError *error;
} AtomicFile;

static gboolean
atomic_file_open (AtomicFile  *file,
                  const char  *path,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);
  int saved_errno;

  memset (file, 0, sizeof *file);
  file->fd = -1;
  file->tmp_path = g_build_filename (dir, name, NULL);
  file->fd = g_mkstemp_full (file->tmp_path, O_RDWR | O_CLOEXEC, 0666);
  saved_errno = errno;

  if (file->fd < 0)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_WRITE,
                   _("cannot write “%s”: %s"), display, g_strerror (saved_errno));
      g_clear_pointer (&file->tmp_path, g_free);
      return FALSE;
    }

  file->path = g_strdup (path);
  return TRUE;
}

static cairo_status_t
atomic_file_write (void                *closure,
                   const unsigned char *data,
                   unsigned int         length)
{
  AtomicFile *file = closure;

  if (file->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;

  while (length > 0)
    {
      gssize n = write (file->fd, data, length);

      if (n < 0)
        {
          int saved_errno = errno;
          g_autofree char *display = NULL;

          if (saved_errno == EINTR)
            continue;

          display = g_filename_display_name (file->path);
          g_set_error (&file->error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_WRITE,
                       _("cannot write “%s”: %s"), display, g_strerror (saved_errno));
          return CAIRO_STATUS_WRITE_ERROR;
        }

      data += n;
      length -= n;
    }

  return CAIRO_STATUS_SUCCESS;
}

static void
atomic_file_abort (AtomicFile *file)
{
  if (file->fd >= 0)
    close (file->fd);
  file->fd = -1;
  if (file->tmp_path != NULL)
    g_unlink (file->tmp_path);
  g_clear_pointer (&file->tmp_path, g_free);
  g_clear_pointer (&file->path, g_free);
  g_clear_error (&file->error);
}

/* Renames the file into place, or removes it and fails with the first
 * write error. */
static gboolean
atomic_file_commit (AtomicFile  *file,
                    GError     **error)
{
  g_autofree char *display = g_filename_display_name (file->path);
  int saved_errno;

  if (file->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&file->error));
      atomic_file_abort (file);
      return FALSE;
    }

  /* Close even when fsync fails, keeping the first error. */
  saved_errno = fsync (file->fd) != 0 ? errno : 0;
  if (close (file->fd) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno != 0)
    {
      file->fd = -1;
      g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_WRITE,
                   _("cannot write “%s”: %s"), display, g_strerror (saved_errno));
      atomic_file_abort (file);
      return FALSE;
    }
  file->fd = -1;

  if (g_rename (file->tmp_path, file->path) != 0)
    {
      saved_errno = errno;
      g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_WRITE,
                   _("cannot write “%s”: %s"), display, g_strerror (saved_errno));
      atomic_file_abort (file);
      return FALSE;
    }

  g_clear_pointer (&file->tmp_path, g_free);
  g_clear_pointer (&file->path, g_free);
  return TRUE;
}

static gboolean
check_cairo (cairo_status_t   status,
             AtomicFile      *file,
             GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS && file->error == NULL)
    return TRUE;

  if (file->error != NULL)
    g_propagate_error (error, g_steal_pointer (&file->error));
  else
    g_set_error (error, CHRONO_EXPORT_ERROR,
                 status == CAIRO_STATUS_WRITE_ERROR ? CHRONO_EXPORT_ERROR_WRITE : CHRONO_EXPORT_ERROR_DRAW,
                 _("cannot draw the export: %s"), cairo_status_to_string (status));
  atomic_file_abort (file);
  return FALSE;
}

static void
set_pdf_metadata (cairo_surface_t *surface,
                  ChronoDocument  *document,
                  const char      *title)
{
  if (title == NULL && document != NULL)
    title = chrono_document_get_title (document);
  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Chronoscope " PACKAGE_VERSION);
}

static cairo_status_t
byte_array_write (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Draws an SVG in memory, adds the text layer, then writes it to @file
 * (open) and commits it. */
static gboolean
write_svg (ChronoDocument             *document,
           const ChronoExportOptions  *options,
           int                         width,
           int                         height,
           AtomicFile                 *file,
           GError                    **error)
{
  g_autoptr(GByteArray) svg = g_byte_array_new ();
  g_autoptr(GArray) texts = g_array_new (FALSE, FALSE, sizeof (TextRun));
  cairo_surface_t *surface;
  cairo_status_t status;
  ChronoStyle style;
  cairo_t *cr;

  g_array_set_clear_func (texts, text_run_clear);

  surface = cairo_svg_surface_create_for_stream (byte_array_write, svg, width, height);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  cr = cairo_create (surface);
  draw_page (cr, document, options, width, height, texts, &style);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    {
      add_text_layer (svg, texts, &style);
      status = atomic_file_write (file, svg->data, svg->len);
    }

  if (!check_cairo (status, file, error))
    return FALSE;

  return atomic_file_commit (file, error);
}

gboolean
chrono_export_to_file (ChronoDocument             *document,
                       const ChronoExportOptions  *options,
                       const char                 *path,
                       GError                    **error)
{
  AtomicFile file;
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  cairo_t *cr;
  int width, height;

  g_return_val_if_fail (document == NULL || CHRONO_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!chrono_export_options_validate (options, error))
    return FALSE;

  get_output_size (options, &width, &height);

  /* Draw a raster image before creating any file: running out of memory
   * for a huge image must not leave an empty file. */
  if (options->format == CHRONO_EXPORT_FORMAT_PNG)
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      status = cairo_surface_status (surface);
      if (status != CAIRO_STATUS_SUCCESS)
        {
          cairo_surface_destroy (surface);
          g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_DRAW,
                       _("cannot make an image of %d × %d pixels: %s"),
                       width, height, cairo_status_to_string (status));
          return FALSE;
        }

      cr = cairo_create (surface);
      chrono_export_draw (cr, document, options, width, height);
      status = cairo_status (cr);
      cairo_destroy (cr);

      if (status != CAIRO_STATUS_SUCCESS)
        {
          cairo_surface_destroy (surface);
          g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_DRAW,
                       _("cannot draw the export: %s"), cairo_status_to_string (status));
          return FALSE;
        }

      if (!atomic_file_open (&file, path, error))
        {
          cairo_surface_destroy (surface);
          return FALSE;
        }

      status = cairo_surface_write_to_png_stream (surface, atomic_file_write, &file);
      cairo_surface_destroy (surface);
      if (!check_cairo (status, &file, error))
        return FALSE;

      return atomic_file_commit (&file, error);
    }

  if (!atomic_file_open (&file, path, error))
    return FALSE;

  if (options->format == CHRONO_EXPORT_FORMAT_SVG)
    return write_svg (document, options, width, height, &file, error);
  else
    {
      surface = cairo_pdf_surface_create_for_stream (atomic_file_write, &file, width, height);
      set_pdf_metadata (surface, document, options->title);
    }

  cr = cairo_create (surface);
  chrono_export_draw (cr, document, options, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (!check_cairo (status, &file, error))
    return FALSE;

  return atomic_file_commit (&file, error);
}

/* Slides */

static double
slide_scale (const ChronoExportOptions *options,
             double                     width,
             double                     height)
{
  /* As the presenter: type grows with the page. */
  return options->scale * chrono_caption_get_scale (width / options->scale,
                                                    height / options->scale);
}

void
chrono_export_draw_slide (cairo_t                   *cr,
                          ChronoDocument            *document,
                          const ChronoExportOptions *options,
                          GArray                    *steps,
                          guint                      page,
                          double                     width,
                          double                     height)
{
  ChronoStyle style;
  double start, end;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (CHRONO_IS_DOCUMENT (document));
  g_return_if_fail (options != NULL);
  g_return_if_fail (steps != NULL);
  g_return_if_fail (page <= steps->len);

  if (options->dark)
    chrono_style_init_dark (&style, slide_scale (options, width, height));
  else
    chrono_style_init_light (&style, slide_scale (options, width, height));

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  if (page == 0)
    {
      g_autofree char *span_text = NULL;
      ChronoExportOptions whole = *options;
      const char *title = options->title;

      whole.has_range = FALSE;
      span_text = format_caption (document, &whole);
      if (title == NULL)
        title = chrono_document_get_title (document);
      chrono_caption_draw_title (cr, &style, title, span_text,
                                 chrono_document_get_description (document),
                                 width, height);
    }
  else
    {
      guint event = g_array_index (steps, guint, page - 1);

      chrono_story_get_frame (document, options->filter, event, &start, &end);
      chrono_caption_draw_step (cr, &style, document, options->filter, event,
                                page - 1, steps->len, start, end, width, height);
    }

  cairo_restore (cr);
}

gboolean
chrono_export_slides (ChronoDocument             *document,
                      const ChronoExportOptions  *options,
                      const char                 *path,
                      GError                    **error)
{
  g_autoptr(GArray) steps = NULL;
  AtomicFile file;
  cairo_surface_t *surface;
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  cairo_t *cr;
  int width, height;

  g_return_val_if_fail (CHRONO_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!chrono_export_options_validate (options, error))
    return FALSE;

  steps = chrono_story_get_steps (document, options->filter);
  if (steps->len == 0)
    {
      g_set_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_EMPTY,
                   _("there are no events to make slides of"));
      return FALSE;
    }

  get_output_size (options, &width, &height);

  if (!atomic_file_open (&file, path, error))
    return FALSE;

  surface = cairo_pdf_surface_create_for_stream (atomic_file_write, &file, width, height);
  set_pdf_metadata (surface, document, options->title);
  cr = cairo_create (surface);

  for (guint page = 0; page <= steps->len && status == CAIRO_STATUS_SUCCESS; page++)
    {
      chrono_export_draw_slide (cr, document, options, steps, page, width, height);
      cairo_show_page (cr);
      status = cairo_status (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (!check_cairo (status, &file, error))
    return FALSE;

  return atomic_file_commit (&file, error);
}
