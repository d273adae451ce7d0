#define G_LOG_DOMAIN "chrono-test-overview"

#include "config.h"

#include <string.h>

#include "chrono-document-builder.h"
#include "chrono-overview-renderer.h"

static void
add_event (ChronoDocumentBuilder *builder,
           const char            *title,
           const char            *start,
           const char            *end)
{
  ChronoEventDraft draft = { 0 };
  g_autoptr(GError) error = NULL;

  draft.title = title;
  chrono_date_parse (start, FALSE, &draft.start, NULL, &error);
  g_assert_no_error (error);
  if (end != NULL)
    {
      chrono_date_parse (end, FALSE, &draft.end, NULL, &error);
      g_assert_no_error (error);
    }
  chrono_document_builder_add_event (builder, &draft);
}

/* Ten bins over 2010–2020: points count in their bin, spans in every bin
 * they cover, filtered-out events nowhere. */
static void
test_bins (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(ChronoDocument) document = NULL;
  g_autofree guint8 *mask = NULL;
  double start = (double) chrono_time_from_civil (2010, 1, 1, 0, 0, 0);
  double end = (double) chrono_time_from_civil (2020, 1, 1, 0, 0, 0);
  double bins[10];

  add_event (builder, "A point in 2011", "2011-06-01", NULL);
  add_event (builder, "A span 2013-2015", "2013-03-01", "2015-09-01");
  add_event (builder, "Another point in 2011", "2011-07-01", NULL);
  add_event (builder, "Long before", "1900-01-01", NULL);
  document = chrono_document_builder_finish (g_steal_pointer (&builder), NULL);
  g_assert_nonnull (document);

  chrono_overview_compute_bins (document, NULL, start, end, 10, bins);
  g_assert_cmpfloat (bins[0], ==, 0);
  g_assert_cmpfloat (bins[1], ==, 2);
  g_assert_cmpfloat (bins[2], ==, 0);
  g_assert_cmpfloat (bins[3], ==, 1);
  g_assert_cmpfloat (bins[4], ==, 1);
  g_assert_cmpfloat (bins[5], ==, 1);
  g_assert_cmpfloat (bins[6], ==, 0);
  g_assert_cmpfloat (bins[9], ==, 0);

  /* Without the span. */
  mask = g_new (guint8, chrono_document_get_n_events (document));
  memset (mask, 1, chrono_document_get_n_events (document));
  for (guint i = 0; i < chrono_document_get_n_events (document); i++)
    if (g_str_equal (chrono_document_get_event (document, i)->title, "A span 2013-2015"))
      mask[i] = 0;
  chrono_overview_compute_bins (document, mask, start, end, 10, bins);
  g_assert_cmpfloat (bins[1], ==, 2);
  g_assert_cmpfloat (bins[3], ==, 0);
  g_assert_cmpfloat (bins[4], ==, 0);
}

static void
test_draw (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 50);
  cairo_t *cr = cairo_create (surface);
  double bins[200] = { 0 };
  ChronoStyle style;
  guint32 *pixels;
  int stride;

  bins[100] = 10;
  chrono_style_init_light (&style, 1);
  chrono_overview_draw (cr, &style, bins, NULL, 200, 400, 50, 0, 1000, 250, 750);
  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  /* The dimmed outside and the framed window differ. */
  pixels = (guint32 *) (gpointer) cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface) / 4;
  g_assert_cmphex (pixels[20 * stride + 50], !=, pixels[20 * stride + 300]);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Whether ARGB pixels @a and @b differ by at most 2 in each channel:
 * compositing the same colour in a different order rounds differently. */
static gboolean
same_colour (guint32 a,
             guint32 b)
{
  for (guint shift = 0; shift < 32; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > 2)
      return FALSE;

  return TRUE;
}

/* With a filter, the matches are in the accent colour and the rest of
 * the events dimmed, over the same scale. */
static void
test_draw_matches (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 50);
  cairo_t *cr = cairo_create (surface);
  double bins[200] = { 0 };
  double matches[200] = { 0 };
  ChronoStyle style;
  guint32 *pixels;
  guint32 match, other, unfiltered;
  int stride;

  for (guint b = 0; b < 200; b++)
    bins[b] = 10;
  for (guint b = 40; b < 60; b++)
    matches[b] = 10;
  chrono_style_init_light (&style, 1);
  /* The whole strip is the visible window: nothing else is dimmed. */
  chrono_overview_draw (cr, &style, bins, matches, 200, 400, 50, 0, 1000, 0, 1000);
  cairo_surface_flush (surface);
  pixels = (guint32 *) (gpointer) cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface) / 4;
  match = pixels[30 * stride + 101];
  other = pixels[30 * stride + 301];
  g_assert_false (same_colour (match, other));

  chrono_overview_draw (cr, &style, bins, NULL, 200, 400, 50, 0, 1000, 0, 1000);
  cairo_surface_flush (surface);
  unfiltered = pixels[30 * stride + 301];
  /* Unfiltered events look like matches, not like the dimmed rest. */
  g_assert_true (same_colour (unfiltered, match));
  g_assert_false (same_colour (unfiltered, other));

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static gboolean
has_year (char **labels,
          gint64  year)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, year);

  for (guint i = 0; labels[i] != NULL; i++)
    if (strstr (labels[i], text) != NULL)
      return TRUE;

  return FALSE;
}

/* The strip's axis always tells the years, whatever its width and span:
 * never only "Jan Jul Jan Jul". */
static void
test_labels (void)
{
  const struct {
    int y0, m0, y1, m1;
    double width;
  } cases[] = {
    { 2015, 1, 2016, 1, 1600 },
    { 2015, 3, 2016, 2, 800 },
    { 2014, 6, 2017, 6, 1600 },
    { 2014, 6, 2017, 6, 2400 },
    { 2009, 1, 2027, 1, 1600 },
    { 2015, 5, 2015, 6, 800 },
  };
  ChronoStyle style;

  chrono_style_init_light (&style, 1);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      double start = (double) chrono_time_from_civil (cases[c].y0, cases[c].m0, 1, 0, 0, 0);
      double end = (double) chrono_time_from_civil (cases[c].y1, cases[c].m1, 1, 0, 0, 0);
      g_auto(GStrv) labels = chrono_overview_dup_labels (&style, cases[c].width, start, end);
      g_autofree char *joined = g_strjoinv (" ", labels);

      g_test_message ("%d-%d..%d-%d at %g: %s", cases[c].y0, cases[c].m0,
                      cases[c].y1, cases[c].m1, cases[c].width, joined);
      g_assert_cmpuint (g_strv_length (labels), >=, 2);
      if (!has_year (labels, cases[c].y0) && !has_year (labels, cases[c].y0 + 1))
        g_error ("no year in “%s”", joined);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/overview/bins", test_bins);
  g_test_add_func ("/render/overview/draw", test_draw);
  g_test_add_func ("/render/overview/draw-matches", test_draw_matches);
  g_test_add_func ("/render/overview/labels", test_labels);

  return g_test_run ();
}
