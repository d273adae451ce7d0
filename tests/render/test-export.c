#define G_LOG_DOMAIN "test-export"

#include "config.h"

#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "chrono-caption.h"
#include "chrono-export.h"
#include "chrono-export-private.h"
#include "chrono-layout.h"
#include "chrono-loader.h"
#include "chrono-story.h"
#include "chrono-style.h"
#include "render-test-util.h"

static ChronoDocument *
load (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  ChronoDocument *document;

  if (g_str_has_prefix (name, "examples/"))
    path = g_test_build_filename (G_TEST_DIST, "..", "data", name, NULL);
  else
    path = g_test_build_filename (G_TEST_DIST, "data", "export", name, NULL);
  file = g_file_new_for_path (path);
  document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

static char *
make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("chrono-export-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static guint
count_files (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  g_dir_close (d);

  return n;
}

static int
index_of (ChronoDocument *document,
          const char     *id)
{
  int index = chrono_document_find_event (document, id);

  g_assert_cmpint (index, >=, 0);
  return index;
}

/* Steps */

static void
test_story_order (void)
{
  g_autoptr(ChronoDocument) document = load ("story.json");
  g_autoptr(GArray) steps = chrono_story_get_steps (document, NULL);

  g_assert_cmpuint (steps->len, ==, 3);
  g_assert_cmpint (g_array_index (steps, guint, 0), ==, index_of (document, "fourth"));
  g_assert_cmpint (g_array_index (steps, guint, 1), ==, index_of (document, "first"));
  g_assert_cmpint (g_array_index (steps, guint, 2), ==, index_of (document, "third"));
}

static void
test_story_fallback (void)
{
  g_autoptr(ChronoDocument) document = load ("no-story.json");
  g_autoptr(GArray) steps = chrono_story_get_steps (document, NULL);
  const char *expected[] = { "second", "fourth", "third", "fifth", "first" };

  /* By importance, most important first, then by time. */
  g_assert_cmpuint (steps->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (g_array_index (steps, guint, i), ==, index_of (document, expected[i]));
}

static void
test_story_filtered (void)
{
  g_autoptr(ChronoDocument) document = load ("story.json");
  g_autoptr(ChronoFilter) filter = chrono_filter_new ();
  g_autoptr(GArray) steps = NULL;

  chrono_filter_set_lane_visible (filter, "b", FALSE);
  steps = chrono_story_get_steps (document, filter);

  g_assert_cmpuint (steps->len, ==, 2);
  g_assert_cmpint (g_array_index (steps, guint, 0), ==, index_of (document, "first"));
  g_assert_cmpint (g_array_index (steps, guint, 1), ==, index_of (document, "third"));
}

static void
test_story_frame (void)
{
  g_autoptr(ChronoDocument) document = load ("no-story.json");
  guint third = index_of (document, "third");
  const ChronoEvent *event = chrono_document_get_event (document, third);
  const ChronoEvent *prev = chrono_document_get_event (document, index_of (document, "second"));
  const ChronoEvent *next = chrono_document_get_event (document, index_of (document, "fourth"));
  double start, end;

  chrono_story_get_frame (document, NULL, third, &start, &end);

  /* The event and both its neighbours are in view. */
  g_assert_cmpfloat (start, <, (double) event->start.time);
  g_assert_cmpfloat (end, >, (double) event->end_time);
  g_assert_cmpfloat (start, <=, (double) prev->start.time);
  g_assert_cmpfloat (end, >, (double) next->start.time);
}

/* The regions of a step never overlap: the card has its own, beside
 * the timeline on a wide screen, below it on a tall one. */
static void
test_caption_regions (void)
{
  const struct {
    double width, height;
    ChronoCaptionPlacement placement;
  } sizes[] = {
    { 1920, 1080, CHRONO_CAPTION_SIDE },
    { 1280, 800, CHRONO_CAPTION_SIDE },
    { 1280, 720, CHRONO_CAPTION_SIDE },
    { 1024, 768, CHRONO_CAPTION_SIDE },
    { 800, 1280, CHRONO_CAPTION_BOTTOM },
    { 1080, 1920, CHRONO_CAPTION_BOTTOM },
    { 900, 900, CHRONO_CAPTION_BOTTOM },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      double width = sizes[i].width, height = sizes[i].height;
      ChronoCaptionRegions r;
      ChronoStyle style;

      chrono_style_init_light (&style, chrono_caption_get_scale (width, height));
      chrono_caption_get_regions (&style, width, height, &r);

      g_assert_cmpint (r.placement, ==, sizes[i].placement);
      /* Disjoint, and together the whole area. */
      if (r.placement == CHRONO_CAPTION_SIDE)
        {
          g_assert_cmpfloat (r.timeline.x + r.timeline.width, <=, r.card.x);
          g_assert_cmpfloat (r.timeline.height, ==, height);
          g_assert_cmpfloat (r.card.height, ==, height);
          g_assert_cmpfloat (r.timeline.width + r.card.width, ==, width);
          /* Both keep a useful share. */
          g_assert_cmpfloat (r.timeline.width, >=, width * 0.5);
          g_assert_cmpfloat (r.card.width, >=, 300 * style.scale - 1);
        }
      else
        {
          g_assert_cmpfloat (r.timeline.y + r.timeline.height, <=, r.card.y);
          g_assert_cmpfloat (r.timeline.width, ==, width);
          g_assert_cmpfloat (r.card.width, ==, width);
          g_assert_cmpfloat (r.timeline.height + r.card.height, ==, height);
          g_assert_cmpfloat (r.timeline.height, >=, height * 0.4);
        }
      /* The footer, where the controls go, is inside the card's region. */
      g_assert_cmpfloat (r.footer.x, >=, r.card.x);
      g_assert_cmpfloat (r.footer.y, >=, r.card.y);
      g_assert_cmpfloat (r.footer.y + r.footer.height, <=, r.card.y + r.card.height);
      g_assert_cmpfloat (r.footer.height, >, 0);
    }
}

/* Counts the pixels of @surface in @rect that are not @color. */
static guint
count_other_pixels (cairo_surface_t  *surface,
                    const ChronoRect *rect,
                    guint32           color)
{
  guint32 *pixels = (guint32 *) (gpointer) cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface) / 4;
  guint n = 0;

  cairo_surface_flush (surface);
  for (int y = (int) ceil (rect->y); y < (int) floor (rect->y + rect->height); y++)
    for (int x = (int) ceil (rect->x); x < (int) floor (rect->x + rect->width); x++)
      if ((pixels[y * stride + x] & 0xffffff) != color)
        n++;

  return n;
}

/* The card is opaque, its text stays above the footer however long
 * the description, and a step draws the timeline only in its region:
 * a timeline drawn alone, with the card's region masked, leaves it
 * untouched. */
static void
test_caption_card (void)
{
  g_autoptr(ChronoDocument) document = load ("captions.json");
  const char *ids[] = { "short", "medium", "long" };
  const double sizes[][2] = { { 1920, 1080 }, { 1280, 800 }, { 800, 1280 } };

  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      int width = (int) sizes[k][0], height = (int) sizes[k][1];
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
      cairo_t *cr = cairo_create (surface);
      ChronoCaptionRegions regions;
      ChronoRect used[3];
      ChronoStyle style;

      chrono_style_init_light (&style, chrono_caption_get_scale (width, height));
      chrono_caption_get_regions (&style, width, height, &regions);

      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        {
          cairo_set_source_rgb (cr, 1, 0, 0);
          cairo_paint (cr);
          chrono_caption_draw_card (cr, &style, document, index_of (document, ids[i]), NULL,
                                    &regions.card, &used[i]);

          /* Opaque: no red shows in the card's region; none outside it
           * was painted over. */
          g_assert_cmpuint (count_other_pixels (surface, &regions.card, 0xff0000), >, 0);
          g_assert_cmpuint (count_other_pixels (surface, &regions.timeline, 0xff0000), ==, 0);
          {
            guint32 *pixels = (guint32 *) (gpointer) cairo_image_surface_get_data (surface);
            int stride = cairo_image_surface_get_stride (surface) / 4;

            g_assert_cmphex (pixels[(int) (regions.card.y + regions.card.height - 2) * stride +
                                    (int) (regions.card.x + 2)] & 0xffffff, ==, 0xffffff);
          }

          g_assert_cmpfloat (used[i].x, >=, regions.card.x);
          g_assert_cmpfloat (used[i].y + used[i].height, <=, regions.footer.y + 0.5);
        }
      g_assert_cmpfloat (used[1].height, >, used[0].height);
      g_assert_cmpfloat (used[2].height, >=, used[1].height);

      {
        ChronoCaptionStep step = {
          .document = document,
          .event = index_of (document, "long"),
          .previous = index_of (document, "medium"),
          .step = 2,
          .n_steps = 3,
          .start = (double) chrono_time_from_civil (2009, 1, 1, 0, 0, 0),
          .end = (double) chrono_time_from_civil (2016, 1, 1, 0, 0, 0),
        };
        PangoContext *context = chrono_style_create_pango_context ();
        ChronoScene *scene = chrono_caption_build_step_scene (&style, &step, &regions.timeline, context);
        double scene_width, scene_height;
        guint n_items;
        const ChronoSceneItem *items = chrono_scene_get_items (scene, &n_items);

        /* The timeline is laid out for its region only. */
        chrono_scene_get_size (scene, &scene_width, &scene_height);
        g_assert_cmpfloat (scene_width, ==, regions.timeline.width);
        g_assert_cmpfloat (scene_height, ==, regions.timeline.height);
        for (guint i = 0; i < n_items; i++)
          if (items[i].label != NULL && items[i].kind != CHRONO_ITEM_LANE)
            g_assert_cmpfloat (items[i].label_rect.x, <, regions.timeline.width);

        chrono_scene_unref (scene);
        g_object_unref (context);

        /* The whole step: the card's region shows the card, the
         * progress and no red. */
        cairo_set_source_rgb (cr, 1, 0, 0);
        cairo_paint (cr);
        chrono_caption_draw_step (cr, &style, &step, width, height);
        {
          ChronoRect inner = regions.card;

          g_assert_cmpuint (count_other_pixels (surface, &regions.timeline, 0xff0000), >, 0);
          /* Red anywhere in the card's region would be the timeline. */
          cairo_surface_flush (surface);
          g_assert_cmpuint (count_other_pixels (surface, &inner, 0xff0000), ==,
                            (guint) (floor (inner.width) * floor (inner.height)));
        }
      }

      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

/* A card with media shows the picture at its top and the quote. */
static void
test_caption_media (void)
{
  g_autoptr(ChronoDocument) document = load ("captions.json");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1280, 720);
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 200);
  cairo_t *cr = cairo_create (image);
  ChronoCaptionMedia media = {
    .image = image,
    .image_credit = "Credit: a test",
    .quote = "We are building Claude with Claude.",
    .quote_by = "Someone",
  };
  ChronoCaptionRegions regions;
  ChronoRect plain, with_media;
  ChronoStyle style;
  guint32 *pixels;
  int stride;

  /* A green picture. */
  cairo_set_source_rgb (cr, 0, 1, 0);
  cairo_paint (cr);
  cairo_destroy (cr);

  chrono_style_init_light (&style, 1);
  chrono_caption_get_regions (&style, 1280, 720, &regions);
  cr = cairo_create (surface);
  chrono_caption_draw_card (cr, &style, document, index_of (document, "short"), NULL, &regions.card, &plain);
  chrono_caption_draw_card (cr, &style, document, index_of (document, "short"), &media, &regions.card, &with_media);
  cairo_surface_flush (surface);

  pixels = (guint32 *) (gpointer) cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface) / 4;
  g_assert_cmphex (pixels[(int) (with_media.y + 10) * stride + (int) (with_media.x + 10)] & 0xffffff, ==, 0x00ff00);
  g_assert_cmpfloat (with_media.height, >, plain.height + 100);

  cairo_destroy (cr);
  cairo_surface_destroy (image);
  cairo_surface_destroy (surface);
}

/* At every step of the example story the camera keeps the previous
 * step in view with the current one, and both are drawn inside the
 * timeline's region at 1920 × 1080, 1280 × 800 and in portrait. */
static void
test_step_frames (void)
{
  g_autoptr(ChronoDocument) document = load ("examples/ai-talent.json");
  g_autoptr(GArray) steps = chrono_story_get_steps (document, NULL);
  PangoContext *context = chrono_style_create_pango_context ();
  const double sizes[][2] = { { 1920, 1080 }, { 1280, 800 }, { 800, 1280 } };

  g_assert_cmpuint (steps->len, ==, 13);
  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    for (guint i = 0; i < steps->len; i++)
      {
        ChronoCaptionStep step = {
          .document = document,
          .event = g_array_index (steps, guint, i),
          .previous = chrono_story_get_previous (steps, i),
          .step = i,
          .n_steps = steps->len,
        };
        const ChronoEvent *event = chrono_document_get_event (document, step.event);
        ChronoCaptionRegions regions;
        ChronoStyle style;
        ChronoScene *scene;
        const ChronoSceneItem *item;

        chrono_story_get_step_frame (document, NULL, step.event, step.previous, &step.start, &step.end);
        g_assert_cmpfloat (step.start, <, (double) event->start.time);
        g_assert_cmpfloat (step.end, >, (double) event->start.time);
        if (step.previous >= 0)
          {
            const ChronoEvent *previous = chrono_document_get_event (document, step.previous);

            g_assert_cmpfloat (step.start, <, (double) previous->start.time);
            g_assert_cmpfloat (step.end, >, (double) previous->start.time);
          }
        else
          g_assert_cmpuint (i, ==, 0);

        chrono_style_init_light (&style, chrono_caption_get_scale (sizes[k][0], sizes[k][1]));
        chrono_caption_get_regions (&style, sizes[k][0], sizes[k][1], &regions);
        scene = chrono_caption_build_step_scene (&style, &step, &regions.timeline, context);

        /* The current event is drawn, in the region, below the axis. */
        item = chrono_scene_find_event (scene, step.event);
        if (item == NULL)
          g_error ("step %u (%s) at %g × %g: the event is not drawn", i, event->id, sizes[k][0], sizes[k][1]);
        g_assert_cmpfloat (item->bar.x, >=, 0);
        g_assert_cmpfloat (item->bar.x, <, regions.timeline.width);
        g_assert_cmpfloat (item->rect.y, >=, chrono_scene_get_lanes_top (scene) - 1);
        g_assert_cmpfloat (item->rect.y + item->rect.height, <=, regions.timeline.height);

        chrono_scene_unref (scene);
      }

  g_object_unref (context);
}

static void
test_progress (void)
{
  g_autofree char *text = chrono_story_format_progress (2, 12);

  g_assert_cmpstr (text, ==, "3 / 12");
}

/* Images */

static void
test_format_from_path (void)
{
  g_autoptr(GError) error = NULL;
  ChronoExportFormat format;

  g_assert_true (chrono_export_format_from_path ("a/b.PNG", &format, NULL));
  g_assert_cmpint (format, ==, CHRONO_EXPORT_FORMAT_PNG);
  g_assert_true (chrono_export_format_from_path ("b.svg", &format, NULL));
  g_assert_cmpint (format, ==, CHRONO_EXPORT_FORMAT_SVG);
  g_assert_true (chrono_export_format_from_path ("b.pdf", &format, NULL));
  g_assert_cmpint (format, ==, CHRONO_EXPORT_FORMAT_PDF);

  g_assert_false (chrono_export_format_from_path ("b.gif", &format, &error));
  g_assert_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "b.gif"));
}

static cairo_surface_t *
read_png (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

static void
test_png_size (void)
{
  g_autoptr(ChronoDocument) document = load ("story.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "out.png", NULL);
  ChronoExportOptions options;
  cairo_surface_t *surface;

  chrono_export_options_init (&options);
  options.width = 640;
  options.height = 400;
  g_assert_true (chrono_export_to_file (document, &options, path, NULL, &error));
  g_assert_no_error (error);

  surface = read_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 400);
  cairo_surface_destroy (surface);

  /* The scale multiplies the output size. */
  options.scale = 2;
  options.dark = TRUE;
  g_assert_true (chrono_export_to_file (document, &options, path, NULL, &error));
  g_assert_no_error (error);
  surface = read_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 800);
  cairo_surface_destroy (surface);

  /* Only the image is left: no temporary file. */
  g_assert_cmpuint (count_files (dir), ==, 1);
  render_test_remove_tree (dir);
}

static gboolean
inside (const ChronoRect *r,
        double            x,
        double            y)
{
  return r->width > 0 && r->height > 0 &&
         x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height;
}

static void
check_pixel (cairo_surface_t *surface,
             double           x,
             double           y,
             ChronoColor      color)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel;
  int r, g, b;

  cairo_surface_flush (surface);
  pixel = *(const guint32 *) (data + (int) y * stride + 4 * (int) x);
  r = (pixel >> 16) & 0xff;
  g = (pixel >> 8) & 0xff;
  b = pixel & 0xff;

  g_test_message ("pixel at %.0f,%.0f is %02x%02x%02x, expected %02x%02x%02x", x, y, r, g, b,
                  (int) (color.red * 255 + 0.5), (int) (color.green * 255 + 0.5),
                  (int) (color.blue * 255 + 0.5));
  g_assert_cmpint (ABS (r - (int) (color.red * 255 + 0.5)), <=, 6);
  g_assert_cmpint (ABS (g - (int) (color.green * 255 + 0.5)), <=, 6);
  g_assert_cmpint (ABS (b - (int) (color.blue * 255 + 0.5)), <=, 6);
}

/* The scene of an export of @document with @options (no title, legend
 * or caption, so the timeline fills the image) in @style. */
static ChronoScene *
layout_export (ChronoDocument            *document,
               const ChronoExportOptions *options,
               const ChronoStyle         *style)
{
  PangoContext *context = chrono_style_create_pango_context ();
  ChronoLayoutParams params;
  ChronoScene *scene;
  double start, end;

  chrono_export_get_span (document, options, &start, &end);
  chrono_layout_params_init (&params, style, start, end, options->width, options->height);
  params.document = document;
  params.context = context;
  params.selected = -1;
  params.hovered = -1;
  scene = chrono_layout_build (&params);
  g_object_unref (context);

  return scene;
}

/* An exported page draws relation arrows only when asked, and then all
 * of those in view. */
static void
test_relations (void)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", "ai-talent.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;

  file = g_file_new_for_path (path);
  document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint asked = 0; asked < 2; asked++)
    {
      ChronoExportOptions options;
      ChronoExportPageScene capture;
      const ChronoSceneItem *items;
      guint n_items, n_relations = 0;

      chrono_export_options_init (&options);
      options.width = 1600;
      options.height = 900;
      options.show_relations = asked;
      _chrono_export_capture_page (document, &options, 1600, 900, &capture);
      items = chrono_scene_get_items (capture.scene, &n_items);
      for (guint i = 0; i < n_items; i++)
        if (items[i].kind == CHRONO_ITEM_RELATION)
          n_relations++;
      chrono_scene_unref (capture.scene);

      if (asked)
        g_assert_cmpuint (n_relations, >=, 10);
      else
        g_assert_cmpuint (n_relations, ==, 0);
    }
}

/* A page too short for every lane at full text size grows; one that
 * holds them keeps its size. */
static void
test_page_grows (void)
{
  static const struct { const char *path; int height; gboolean grows; } cases[] = {
    { "data/layout/appointments.json", 500, TRUE },
    { "../data/examples/ai-talent.json", 900, FALSE },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, cases[c].path, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronoDocument) document = NULL;
      ChronoExportOptions options;
      ChronoExportPageScene capture;
      int height;

      document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, NULL, NULL, &error);
      g_assert_no_error (error);
      chrono_export_options_init (&options);
      options.width = 1600;
      options.height = cases[c].height;
      height = chrono_export_get_page_height (document, &options);
      if (cases[c].grows)
        g_assert_cmpint (height, >, cases[c].height);
      else
        g_assert_cmpint (height, ==, cases[c].height);

      /* At that height, nothing is left under the page. */
      _chrono_export_capture_page (document, &options, 1600, height, &capture);
      g_assert_cmpfloat (capture.overflow, <=, 0);
      chrono_scene_unref (capture.scene);
    }
}

static void
test_png_colors (void)
{
  g_autoptr(ChronoDocument) document = load ("story.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "out.png", NULL);
  g_autoptr(ChronoScene) scene = NULL;
  ChronoExportOptions options;
  ChronoStyle style;
  cairo_surface_t *surface;
  const ChronoSceneItem *items;
  guint n_items, checked = 0;

  /* Without title, legend and caption the timeline fills the image, so
   * the same layout says where every event is. */
  chrono_export_options_init (&options);
  options.width = 1200;
  options.height = 600;
  options.show_title = FALSE;
  options.show_legend = FALSE;
  options.show_caption = FALSE;
  g_assert_true (chrono_export_to_file (document, &options, path, NULL, &error));
  g_assert_no_error (error);
  surface = read_png (path);

  chrono_style_init_light (&style, 1.0);
  scene = layout_export (document, &options, &style);

  items = chrono_scene_get_items (scene, &n_items);
  for (guint i = 0; i < n_items; i++)
    {
      const ChronoSceneItem *item = &items[i];
      ChronoColor expected;
      gboolean covered = FALSE;
      double x, y;

      if (item->kind != CHRONO_ITEM_SPAN && item->kind != CHRONO_ITEM_POINT)
        continue;
      if (item->flags & (CHRONO_ITEM_PERIOD | CHRONO_ITEM_FADE_START | CHRONO_ITEM_FADE_END))
        continue;

      x = item->bar.x + item->bar.width / 2;
      y = item->bar.y + item->bar.height / 2;
      if (item->kind == CHRONO_ITEM_SPAN && inside (&item->label_rect, x, y))
        y = item->bar.y + 2;

      /* Skip a spot that something drawn in the same pass or later
       * (other events, labels, the today line, lane titles) may cover. */
      for (guint j = 0; j < n_items && !covered; j++)
        {
          switch (items[j].kind)
            {
            case CHRONO_ITEM_LANE:
            case CHRONO_ITEM_ERA:
            case CHRONO_ITEM_DENSITY:
            case CHRONO_ITEM_SERIES:
            case CHRONO_ITEM_RELATION:
              break;
            default:
              if (j != i)
                covered = inside (&items[j].rect, x, y) || inside (&items[j].bar, x, y);
              covered = covered || (j != i && inside (&items[j].label_rect, x, y));
              break;
            }
        }
      if (covered)
        continue;

      expected = chrono_style_get_event_color (&style, document,
                                               chrono_document_get_event (document, item->event));
      check_pixel (surface, x, y, expected);
      checked++;
    }

  /* Every event of the fixture is drawn on its own. */
  g_assert_cmpuint (checked, >=, 3);

  cairo_surface_destroy (surface);
  render_test_remove_tree (dir);
}

static gboolean
run (const char * const  *argv,
     char               **out,
     char               **err)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  int status = 0;

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");

  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);

  return g_spawn_check_wait_status (status, NULL);
}

/* How far the pixel at (@x, @y) is from @color: the largest difference
 * of a channel, 0 to 255. */
static int
pixel_distance (cairo_surface_t *surface,
                double           x,
                double           y,
                ChronoColor      color)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel;
  int r, g, b;

  cairo_surface_flush (surface);
  pixel = *(const guint32 *) (data + (int) y * stride + 4 * (int) x);
  r = ABS ((int) ((pixel >> 16) & 0xff) - (int) (color.red * 255 + 0.5));
  g = ABS ((int) ((pixel >> 8) & 0xff) - (int) (color.green * 255 + 0.5));
  b = ABS ((int) (pixel & 0xff) - (int) (color.blue * 255 + 0.5));
  g_test_message ("pixel at %.0f,%.0f is %06x", x, y, pixel & 0xffffff);

  return MAX (r, MAX (g, b));
}

/* In a dark export the approximate start of a span fades from the
 * background into the lane's colour, under its label too: no flat grey
 * block hides it. */
static void
test_dark_fade (void)
{
  g_autoptr(ChronoDocument) document = load ("fades.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "dark.png", NULL);
  g_autoptr(ChronoScene) scene = NULL;
  ChronoExportOptions options;
  ChronoStyle style;
  cairo_surface_t *surface;
  const ChronoSceneItem *items;
  guint n_items;
  gboolean found = FALSE;

  chrono_export_options_init (&options);
  options.width = 600;
  options.height = 160;
  options.dark = TRUE;
  options.has_range = TRUE;
  options.start = (double) chrono_time_from_civil (1999, 1, 1, 0, 0, 0);
  options.end = (double) chrono_time_from_civil (2012, 1, 1, 0, 0, 0);
  options.show_title = FALSE;
  options.show_legend = FALSE;
  options.show_caption = FALSE;
  g_assert_true (chrono_export_to_file (document, &options, path, NULL, &error));
  g_assert_no_error (error);
  surface = read_png (path);

  chrono_style_init_dark (&style, 1.0);
  scene = layout_export (document, &options, &style);

  items = chrono_scene_get_items (scene, &n_items);
  for (guint i = 0; i < n_items; i++)
    {
      const ChronoSceneItem *item = &items[i];
      ChronoColor lane;
      double fade = MIN (chrono_style_px (&style, 24), item->bar.width / 3);
      double x0 = item->bar.x, y = item->bar.y + 2;
      int faded, middle, solid;

      if (item->kind != CHRONO_ITEM_SPAN || !(item->flags & CHRONO_ITEM_FADE_START))
        continue;

      /* The label starts over the fade: that is the case that broke. */
      found = TRUE;
      g_assert_nonnull (item->label);
      g_assert_cmpfloat (item->label_rect.x, <, x0 + fade);
      g_assert_false (item->flags & CHRONO_ITEM_LABEL_OUTSIDE);

      /* The row above the glyphs, from the faded end to the middle of
       * the bar: near the background first, then ever closer to the
       * lane's colour, which it reaches. */
      lane = chrono_style_get_event_color (&style, document, chrono_document_get_event (document, item->event));
      faded = pixel_distance (surface, x0 + 3, y, lane);
      middle = pixel_distance (surface, x0 + fade / 2, y, lane);
      solid = pixel_distance (surface, x0 + item->bar.width / 2, y, lane);
      g_assert_cmpint (pixel_distance (surface, x0 + 3, y, style.background), <, 40);
      g_assert_cmpint (faded, >, middle + 15);
      g_assert_cmpint (middle, >, solid + 15);
      g_assert_cmpint (solid, <=, 6);
      for (double x = x0 + 4; x < x0 + 3 * fade; x++)
        g_assert_cmpint (pixel_distance (surface, x, y, lane), <=, pixel_distance (surface, x - 1, y, lane) + 3);
    }
  g_assert_true (found);

  cairo_surface_destroy (surface);
  render_test_remove_tree (dir);
}

static void
test_svg (void)
{
  g_autoptr(ChronoDocument) document = load ("story.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "out.svg", NULL);
  g_autofree char *png = g_build_filename (dir, "check.png", NULL);
  g_autofree char *contents = NULL;
  ChronoExportOptions options;
  cairo_surface_t *surface;

  chrono_export_options_init (&options);
  options.format = CHRONO_EXPORT_FORMAT_SVG;
  options.width = 900;
  options.height = 500;
  g_assert_true (chrono_export_to_file (document, &options, path, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "width=\"900px\""));
  /* Its words are text, not only shapes: they can be searched. */
  g_assert_nonnull (strstr (contents, ">A story in three steps</text>"));
  g_assert_nonnull (strstr (contents, ">Lane A</text>"));
  g_assert_nonnull (strstr (contents, ">Fourth</text>"));

  /* A real reader parses it and finds the size. */
  {
    const char *argv[] = { "rsvg-convert", "-o", png, path, NULL };

    g_assert_true (run (argv, NULL, NULL));
  }
  surface = read_png (png);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 900);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 500);
  cairo_surface_destroy (surface);

  render_test_remove_tree (dir);
}

/* A filtered export leaves out the lanes with nothing to show, and its
 * legend lists only the lanes and categories shown. */
static void
test_filtered_lanes (void)
{
  g_autoptr(ChronoDocument) document = load ("examples/ai-talent.json");
  g_autoptr(ChronoFilter) filter = chrono_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "out.svg", NULL);
  g_autofree char *contents = NULL;
  ChronoExportOptions options;
  guint n_categories = chrono_document_get_n_categories (document);

  for (guint i = 0; i < n_categories; i++)
    {
      const char *id = chrono_document_get_category (document, i)->id;

      chrono_filter_set_category_visible (filter, id, g_str_equal (id, "role"));
    }
  chrono_filter_set_text (filter, "openai");

  chrono_export_options_init (&options);
  options.format = CHRONO_EXPORT_FORMAT_SVG;
  options.width = 1200;
  options.height = 700;
  options.filter = filter;
  g_assert_true (chrono_export_to_file (document, &options, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));

  g_assert_nonnull (strstr (contents, ">Andrej Karpathy</text>"));
  g_assert_nonnull (strstr (contents, ">Role</text>"));
  /* Lanes without a matching role: neither drawn nor in the legend. */
  g_assert_null (strstr (contents, ">Tesla</text>"));
  g_assert_null (strstr (contents, ">Claude</text>"));
  g_assert_null (strstr (contents, ">Eureka Labs</text>"));
  /* Categories hidden or without a shown event. */
  g_assert_null (strstr (contents, ">Funding and revenue</text>"));
  g_assert_null (strstr (contents, ">Milestone</text>"));

  render_test_remove_tree (dir);
}

/* pdfinfo's "Pages:" and "Page size:" lines. */
static void
pdf_info (const char  *path,
          guint       *pages,
          char       **size)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (run (argv, &out, NULL));
  lines = g_strsplit (out, "\n", -1);
  *pages = 0;
  *size = NULL;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "Pages:"))
        *pages = (guint) g_ascii_strtoull (g_strstrip (lines[i] + 6), NULL, 10);
      else if (g_str_has_prefix (lines[i], "Page size:"))
        *size = g_strdup (g_strstrip (lines[i] + 10));
    }
}

static void
test_pdf (void)
{
  g_autoptr(ChronoDocument) document = load ("story.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "out.pdf", NULL);
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;
  ChronoExportOptions options;
  guint pages;

  /* A4 landscape. */
  chrono_export_options_init (&options);
  options.format = CHRONO_EXPORT_FORMAT_PDF;
  options.width = 842;
  options.height = 595;
  g_assert_true (chrono_export_to_file (document, &options, path, NULL, &error));
  g_assert_no_error (error);

  pdf_info (path, &pages, &size);
  g_assert_cmpuint (pages, ==, 1);
  g_assert_nonnull (size);
  g_assert_true (g_str_has_prefix (size, "842 x 595 pts"));

  /* Text stays text: it can be extracted. */
  {
    const char *argv[] = { "pdftotext", path, "-", NULL };

    g_assert_true (run (argv, &text, NULL));
    g_assert_nonnull (strstr (text, "A story in three steps"));
    g_assert_nonnull (strstr (text, "Lane A"));
  }

  render_test_remove_tree (dir);
}

/* TimelineJS's story with pictures, quotes and credits and a cover:
 * every slide says something, and the PDF holds the pictures, their
 * captions and credits, the quotes and who said them. */
static void
test_slides_media (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "media", "story.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, NULL, NULL, &error);
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "slides.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *images = NULL;
  g_auto(GStrv) pages = NULL;
  g_auto(GStrv) rows = NULL;
  const char * const expected[] = {
    "The Engine Makers", "At the party", "Drawn for the tests", "That brain of mine",
    "Ada Lovelace", "The Analytical Engine", "Science Museum", "Building the engine", "YouTube",
  };
  ChronoExportOptions options;
  guint n_images = 0;

  g_assert_no_error (error);
  chrono_export_options_init (&options);
  options.format = CHRONO_EXPORT_FORMAT_PDF;
  options.width = 1280;
  options.height = 720;
  g_assert_true (chrono_export_slides (document, &options, path, NULL, &error));
  g_assert_no_error (error);

  {
    const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };

    g_assert_true (run (argv, &text, NULL));
  }
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_test_message ("%s", expected[i]);
      g_assert_nonnull (strstr (text, expected[i]));
    }
  /* The cover and nine steps, none empty. */
  pages = g_strsplit (text, "\f", -1);
  g_assert_cmpuint (g_strv_length (pages), >=, 10);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpuint (strlen (g_strstrip (pages[i])), >, 0);

  /* The cover's background and the two pictures of the steps. */
  {
    const char *argv[] = { "pdfimages", "-list", path, NULL };

    g_assert_true (run (argv, &images, NULL));
  }
  rows = g_strsplit (images, "\n", -1);
  for (guint i = 2; rows[i] != NULL; i++)
    n_images += strstr (rows[i], " image ") != NULL;
  g_assert_cmpuint (n_images, >=, 3);

  render_test_remove_tree (dir);
}

/* A large picture goes into the slides PDF at print resolution, not at
 * the size a screen shows it. */
static void
test_slides_print_resolution (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *picture = g_build_filename (dir, "large.png", NULL);
  g_autofree char *json = g_build_filename (dir, "large.json", NULL);
  g_autofree char *path = g_build_filename (dir, "slides.pdf", NULL);
  g_autofree char *images = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 2400, 1600);
  cairo_t *cr = cairo_create (surface);
  ChronoExportOptions options;

  cairo_set_source_rgb (cr, 0.2, 0.4, 0.8);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, picture), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_file_set_contents (json,
                       "{ \"chronoscope\": 1, \"lanes\": [ { \"id\": \"k\", \"title\": \"K\" } ],\n"
                       "  \"events\": [ { \"id\": \"a\", \"lane\": \"k\", \"title\": \"A\", \"start\": \"2000\",\n"
                       "    \"media\": { \"image\": \"large.png\" } } ] }\n", -1, &error);
  g_assert_no_error (error);
  document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, NULL, NULL, &error);
  g_assert_no_error (error);

  chrono_export_options_init (&options);
  options.format = CHRONO_EXPORT_FORMAT_PDF;
  options.width = 1280;
  options.height = 720;
  g_assert_true (chrono_export_slides (document, &options, path, NULL, &error));
  g_assert_no_error (error);
  {
    const char *argv[] = { "pdfimages", "-list", path, NULL };

    g_assert_true (run (argv, &images, NULL));
  }
  /* page num type width height: all 2,400 pixels of it. */
  g_assert_nonnull (strstr (images, " 2400  1600 "));

  render_test_remove_tree (dir);
}

static void
check_slides (const char *name,
              guint       n_steps)
{
  g_autoptr(ChronoDocument) document = load (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) steps = chrono_story_get_steps (document, NULL);
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "slides.pdf", NULL);
  g_autofree char *size = NULL;
  ChronoExportOptions options;
  guint pages;

  chrono_export_options_init (&options);
  options.format = CHRONO_EXPORT_FORMAT_PDF;
  options.width = 1280;
  options.height = 720;
  g_assert_true (chrono_export_slides (document, &options, path, NULL, &error));
  g_assert_no_error (error);

  pdf_info (path, &pages, &size);
  g_assert_cmpuint (steps->len, ==, n_steps);
  g_assert_cmpuint (pages, ==, steps->len + 1);
  g_assert_true (g_str_has_prefix (size, "1280 x 720 pts"));
  g_assert_cmpuint (count_files (dir), ==, 1);

  render_test_remove_tree (dir);
}

static void
test_slides (void)
{
  check_slides ("story.json", 3);
  check_slides ("no-story.json", 5);
  check_slides ("examples/ai-talent.json", 13);
}

static char *get_binary (void);

/* Checks that @dir holds exactly the PNG slides 1 .. @n_pages of
 * @width × @height pixels. */
static void
check_png_folder (const char *dir,
                  guint       n_pages,
                  int         width,
                  int         height)
{
  g_assert_cmpuint (count_files (dir), ==, n_pages);
  for (guint page = 0; page < n_pages; page++)
    {
      g_autofree char *name = chrono_export_slide_file_name (page);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      cairo_surface_t *image = cairo_image_surface_create_from_png (path);

      g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (image), ==, width);
      g_assert_cmpint (cairo_image_surface_get_height (image), ==, height);
      cairo_surface_destroy (image);
    }
}

/* Slides as one PNG a page in a folder: the cover and each step, the
 * folder made when missing, and slides of a longer talk exported there
 * before removed; from the API and from the command line. */
static void
test_slides_png (void)
{
  g_autoptr(ChronoDocument) document = load ("story.json");
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *folder = g_build_filename (dir, "slides", NULL);
  g_autofree char *stale = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = chrono_export_slide_file_name (0);
  ChronoExportOptions options;

  g_assert_cmpstr (first, ==, "slide-001.png");

  chrono_export_options_init (&options);
  options.format = CHRONO_EXPORT_FORMAT_PNG;
  options.width = 640;
  options.height = 360;
  g_assert_true (chrono_export_slides (document, &options, folder, NULL, &error));
  g_assert_no_error (error);
  check_png_folder (folder, 3 + 1, 640, 360);

  /* A slide left from a longer talk goes; other files stay. */
  stale = g_build_filename (folder, "slide-005.png", NULL);
  g_assert_true (g_file_set_contents (stale, "old", -1, NULL));
  g_assert_true (chrono_export_slides (document, &options, folder, NULL, &error));
  check_png_folder (folder, 3 + 1, 640, 360);

  /* A file where the folder should be is an error, not a crash. */
  {
    g_autofree char *file = g_build_filename (dir, "a-file", NULL);

    g_assert_true (g_file_set_contents (file, "x", -1, NULL));
    g_assert_false (chrono_export_slides (document, &options, file, NULL, &error));
    g_assert_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_WRITE);
    g_clear_error (&error);
    g_unlink (file);
  }

  if (CHRONOSCOPE_BUILT)
    {
      g_autofree char *binary = get_binary ();
      g_autofree char *input = g_test_build_filename (G_TEST_DIST, "data", "export", "story.json", NULL);
      g_autofree char *out = g_build_filename (dir, "cli", NULL);
      g_autofree char *out_slash = g_strconcat (out, G_DIR_SEPARATOR_S, NULL);
      g_autofree char *out2 = g_build_filename (dir, "cli2", NULL);
      g_autofree char *err = NULL;
      const char *argv[] = { binary, "--export-slides", out_slash, input, NULL };
      const char *argv2[] = { binary, "--export-slides", out2, "--slides-format", "png",
                              "--width", "320", "--height", "200", input, NULL };
      const char *bad[] = { binary, "--export-slides", out2, "--slides-format", "gif", input, NULL };

      g_assert_true (run (argv, NULL, NULL));
      check_png_folder (out, 3 + 1, 1920, 1080);
      g_assert_true (run (argv2, NULL, NULL));
      check_png_folder (out2, 3 + 1, 320, 200);
      g_assert_false (run (bad, NULL, &err));
      g_assert_nonnull (strstr (err, "gif"));
      render_test_remove_tree (out);
      render_test_remove_tree (out2);
    }

  render_test_remove_tree (folder);
  render_test_remove_tree (dir);
}

/* Failures leave nothing behind */

static void
test_failure_no_dir (void)
{
  g_autoptr(ChronoDocument) document = load ("story.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "missing", "out.png", NULL);
  ChronoExportOptions options;

  guint drawn = _chrono_export_get_n_drawn ();

  /* The folder is checked before drawing: nothing is drawn. */
  chrono_export_options_init (&options);
  options.width = 100;
  options.height = 100;
  for (int format = CHRONO_EXPORT_FORMAT_PNG; format <= CHRONO_EXPORT_FORMAT_PDF; format++)
    {
      options.format = format;
      g_assert_false (chrono_export_to_file (document, &options, path, NULL, &error));
      g_assert_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, "missing"));
      g_clear_error (&error);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }

  g_assert_false (chrono_export_slides (document, &options, path, NULL, &error));
  g_assert_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_WRITE);
  g_assert_cmpuint (count_files (dir), ==, 0);
  g_assert_cmpuint (_chrono_export_get_n_drawn (), ==, drawn);

  render_test_remove_tree (dir);
}

static void
test_failure_bad_size (void)
{
  g_autoptr(ChronoDocument) document = load ("story.json");
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "out.png", NULL);
  g_autofree char *old_path = g_build_filename (dir, "old.png", NULL);
  g_autofree char *contents = NULL;
  struct { int width; int height; double scale; } bad[] = {
    { 0, 100, 1 },
    { 100, -5, 1 },
    { 16385, 100, 1 },
    { 100, 20000, 1 },
    { 9000, 100, 2 },     /* 18000 pixels wide */
    { 100, 100, 0 },
    { 100, 100, 100 },
  };

  g_assert_true (g_file_set_contents (old_path, "old", -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      for (int format = CHRONO_EXPORT_FORMAT_PNG; format <= CHRONO_EXPORT_FORMAT_PDF; format++)
        {
          g_autoptr(GError) error = NULL;
          ChronoExportOptions options;

          chrono_export_options_init (&options);
          options.format = format;
          options.width = bad[i].width;
          options.height = bad[i].height;
          options.scale = bad[i].scale;

          g_assert_false (chrono_export_to_file (document, &options, path, NULL, &error));
          g_assert_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_SIZE);
          g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
          g_clear_error (&error);

          /* A file that was there is kept as it was. */
          g_assert_false (chrono_export_to_file (document, &options, old_path, NULL, &error));
          g_assert_true (g_file_get_contents (old_path, &contents, NULL, NULL));
          g_assert_cmpstr (contents, ==, "old");
          g_clear_pointer (&contents, g_free);
        }
    }

  g_assert_cmpuint (count_files (dir), ==, 1);
  render_test_remove_tree (dir);
}

static void
test_failure_bad_range (void)
{
  g_autoptr(ChronoDocument) document = load ("story.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "out.pdf", NULL);
  ChronoExportOptions options;

  chrono_export_options_init (&options);
  options.format = CHRONO_EXPORT_FORMAT_PDF;
  options.has_range = TRUE;
  options.start = 1e9;
  options.end = 1e9;
  g_assert_false (chrono_export_to_file (document, &options, path, NULL, &error));
  g_assert_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_RANGE);
  g_assert_cmpuint (count_files (dir), ==, 0);

  render_test_remove_tree (dir);
}

static void
test_failure_rename (void)
{
  g_autoptr(ChronoDocument) document = load ("story.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "taken.png", NULL);
  ChronoExportOptions options;

  /* A directory where the file should go: everything is written, then
   * the rename fails; the temporary file must go too. */
  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);

  chrono_export_options_init (&options);
  options.width = 200;
  options.height = 100;
  g_assert_false (chrono_export_to_file (document, &options, path, NULL, &error));
  g_assert_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_WRITE);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_files (dir), ==, 1);

  render_test_remove_tree (dir);
}

static void
test_replace (void)
{
  g_autoptr(ChronoDocument) document = load ("story.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "out.pdf", NULL);
  g_autofree char *contents = NULL;
  ChronoExportOptions options;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));

  chrono_export_options_init (&options);
  options.format = CHRONO_EXPORT_FORMAT_PDF;
  options.width = 300;
  options.height = 200;
  g_assert_true (chrono_export_to_file (document, &options, path, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_assert_cmpuint (count_files (dir), ==, 1);

  render_test_remove_tree (dir);
}

/* Writes keep links and modes */

static void
test_symlink (void)
{
  g_autoptr(ChronoDocument) document = load ("story.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *sub = g_build_filename (dir, "real", NULL);
  g_autofree char *target = g_build_filename (sub, "target.png", NULL);
  g_autofree char *link = g_build_filename (dir, "link.png", NULL);
  g_autofree char *read_back = NULL;
  cairo_surface_t *surface;
  ChronoExportOptions options;

  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  g_assert_cmpint (symlink ("real/target.png", link), ==, 0);

  chrono_export_options_init (&options);
  options.width = 200;
  options.height = 100;
  g_assert_true (chrono_export_to_file (document, &options, link, NULL, &error));
  g_assert_no_error (error);

  /* The link still points where it did; its target has the image. */
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  read_back = g_file_read_link (link, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read_back, ==, "real/target.png");
  surface = read_png (target);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 200);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (count_files (dir), ==, 2);
  g_assert_cmpuint (count_files (sub), ==, 1);

  /* A symlink to a file that does not exist yet: the file is made. */
  g_unlink (target);
  options.format = CHRONO_EXPORT_FORMAT_PDF;
  g_assert_true (chrono_export_to_file (document, &options, link, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (target, G_FILE_TEST_IS_REGULAR));

  g_unlink (target);
  g_rmdir (sub);
  render_test_remove_tree (dir);
}

static void
test_mode (void)
{
  g_autoptr(ChronoDocument) document = load ("story.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "private.svg", NULL);
  g_autofree char *contents = NULL;
  ChronoExportOptions options;
  GStatBuf st;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);

  chrono_export_options_init (&options);
  options.format = CHRONO_EXPORT_FORMAT_SVG;
  options.width = 200;
  options.height = 100;
  g_assert_true (chrono_export_to_file (document, &options, path, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_cmpuint (count_files (dir), ==, 1);

  /* A new file gets the mode new files get under the umask, although
   * it is written under another name and renamed into place. */
  {
    g_autofree char *fresh = g_build_filename (dir, "new.svg", NULL);
    mode_t old_mask = umask (027);

    g_assert_true (chrono_export_to_file (document, &options, fresh, NULL, &error));
    g_assert_no_error (error);
    umask (old_mask);
    g_assert_cmpint (g_stat (fresh, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0640);
    g_assert_cmpuint (count_files (dir), ==, 2);
  }

  render_test_remove_tree (dir);
}

static void
test_failure_read_only_folder (void)
{
  g_autoptr(ChronoDocument) document = load ("story.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  ChronoExportOptions options;
  guint drawn;

  if (geteuid () == 0)
    {
      g_test_skip ("root writes into read-only folders");
      return;
    }

  dir = make_tmpdir ();
  path = g_build_filename (dir, "out.png", NULL);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  chrono_export_options_init (&options);
  drawn = _chrono_export_get_n_drawn ();
  g_assert_false (chrono_export_to_file (document, &options, path, NULL, &error));
  g_assert_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_WRITE);
  g_assert_cmpuint (_chrono_export_get_n_drawn (), ==, drawn);

  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_cmpuint (count_files (dir), ==, 0);
  render_test_remove_tree (dir);
}

/* A write that fails half-way (the file size limit is hit): the file
 * that was there is kept and no temporary file is left. */
static void
test_failure_write (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *fresh = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  {
    g_autoptr(ChronoDocument) document = load ("story.json");
    g_autoptr(GError) error = NULL;
    g_autofree char *contents = NULL;
    struct rlimit limit = { 4096, 4096 };
    ChronoExportOptions options;

    dir = make_tmpdir ();
    path = g_build_filename (dir, "out.pdf", NULL);
    fresh = g_build_filename (dir, "new.pdf", NULL);
    g_assert_true (g_file_set_contents (path, "old", -1, NULL));

    /* Writes past 4 KiB fail with EFBIG rather than kill the process. */
    signal (SIGXFSZ, SIG_IGN);
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

    chrono_export_options_init (&options);
    for (int format = CHRONO_EXPORT_FORMAT_PNG; format <= CHRONO_EXPORT_FORMAT_PDF; format++)
      {
        options.format = format;
        g_assert_false (chrono_export_to_file (document, &options, path, NULL, &error));
        g_assert_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_WRITE);
        g_clear_error (&error);
        g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
        g_assert_cmpstr (contents, ==, "old");
        g_clear_pointer (&contents, g_free);

        /* A new file that fails is not left half-written. */
        g_assert_false (chrono_export_to_file (document, &options, fresh, NULL, &error));
        g_assert_error (error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_WRITE);
        g_clear_error (&error);
        g_assert_cmpuint (count_files (dir), ==, 1);
      }

    render_test_remove_tree (dir);
  }
}

/* Cancelling */

/* Writes a timeline of @n_events events over a century, with no story,
 * to @path. */
static void
write_large_document (const char *path,
                      guint       n_events)
{
  g_autoptr(GString) json = g_string_new ("{ \"chronoscope\": 1, \"title\": \"Large\",\n"
                                          "  \"lanes\": [ { \"id\": \"a\", \"title\": \"A\" }, { \"id\": \"b\", \"title\": \"B\" } ],\n"
                                          "  \"events\": [\n");

  for (guint i = 0; i < n_events; i++)
    g_string_append_printf (json, "%s    { \"id\": \"e%u\", \"lane\": \"%s\", \"title\": \"Event %u\", \"start\": \"%04u-%02u-%02u\" }",
                            i > 0 ? ",\n" : "", i, i % 2 ? "a" : "b", i,
                            1920 + i % 100, 1 + i % 12, 1 + i % 28);
  g_string_append (json, "\n  ]\n}\n");
  g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));
}

/* A document of @n_events events (write_large_document()), made in @dir. */
static ChronoDocument *
make_large_document (const char *dir,
                     guint       n_events)
{
  g_autofree char *path = g_build_filename (dir, "large.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ChronoDocument *document;

  write_large_document (path, n_events);
  document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, NULL, NULL, &error);
  g_assert_no_error (error);
  g_unlink (path);

  return document;
}

static void
on_async_done (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (chrono_export_to_file_finish (result, error));
  g_assert_nonnull (*error);
}

static void
test_cancel (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autoptr(ChronoDocument) document = make_large_document (dir, 50000);
  g_autofree char *path = g_build_filename (dir, "out.png", NULL);
  g_autofree char *old_path = g_build_filename (dir, "old.pdf", NULL);
  g_autofree char *contents = NULL;
  ChronoExportOptions options;

  chrono_export_options_init (&options);
  options.width = 4000;
  options.height = 4000;

  /* Cancelled while it runs: the worker stops, and no file (not even a
   * temporary one) is left. */
  for (int format = CHRONO_EXPORT_FORMAT_PNG; format <= CHRONO_EXPORT_FORMAT_PDF; format++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;

      options.format = format;
      chrono_export_to_file_async (document, &options, path, cancellable, on_async_done, &error);
      g_cancellable_cancel (cancellable);
      while (error == NULL)
        g_main_context_iteration (NULL, TRUE);

      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_cmpuint (count_files (dir), ==, 0);
    }

  /* Slides too, and a file that was there is kept. */
  g_assert_true (g_file_set_contents (old_path, "old", -1, NULL));
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GError) error = NULL;

    chrono_export_slides_async (document, &options, old_path, cancellable, on_async_done, &error);
    g_cancellable_cancel (cancellable);
    while (error == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
  g_assert_true (g_file_get_contents (old_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_assert_cmpuint (count_files (dir), ==, 1);

  render_test_remove_tree (dir);
}

static char *get_binary (void);

/* A timeline with more events than slides, and no story: the slides
 * stop at CHRONO_EXPORT_MAX_SLIDES, most important events first, and the
 * command line says so. */
static void
test_slides_cap (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autoptr(ChronoDocument) document = make_large_document (dir, CHRONO_EXPORT_MAX_SLIDES + 50);
  g_autofree char *path = g_build_filename (dir, "slides.pdf", NULL);
  g_autoptr(GArray) steps = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *size = NULL;
  ChronoExportOptions options;
  guint n_steps = 0, n_story = 0;
  guint pages;

  chrono_document_get_story (document, &n_story);
  g_assert_cmpuint (n_story, ==, 0);
  steps = chrono_export_get_slide_steps (document, NULL, &n_steps);
  g_assert_cmpuint (n_steps, ==, CHRONO_EXPORT_MAX_SLIDES + 50);
  g_assert_cmpuint (steps->len, ==, CHRONO_EXPORT_MAX_SLIDES);

  chrono_export_options_init (&options);
  options.format = CHRONO_EXPORT_FORMAT_PDF;
  options.width = 320;
  options.height = 180;
  g_assert_true (chrono_export_slides (document, &options, path, NULL, &error));
  g_assert_no_error (error);
  pdf_info (path, &pages, &size);
  g_assert_cmpuint (pages, ==, CHRONO_EXPORT_MAX_SLIDES + 1);

  if (CHRONOSCOPE_BUILT)
    {
      g_autofree char *binary = get_binary ();
      g_autofree char *json = g_build_filename (dir, "large.json", NULL);
      g_autofree char *err = NULL;
      g_autofree char *help = NULL;
      const char *argv[] = { binary, "--export-slides", path, "--width", "320", "--height", "180", json, NULL };
      const char *help_argv[] = { binary, "--help", NULL };

      write_large_document (json, CHRONO_EXPORT_MAX_SLIDES + 50);
      g_assert_true (run (argv, NULL, &err));
      g_assert_nonnull (strstr (err, "250 steps"));
      g_assert_nonnull (strstr (err, "first 200"));
      g_unlink (json);

      g_assert_true (run (help_argv, &help, NULL));
      g_assert_nonnull (strstr (help, "at most 200"));
    }

  render_test_remove_tree (dir);
}

/* Cancelled half-way through writing: the stream is abandoned. */
static void
test_cancel_while_writing (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *fresh = g_build_filename (dir, "new.png", NULL);
  g_autofree char *old_path = g_build_filename (dir, "old.png", NULL);
  g_autofree char *contents = NULL;
  const char *paths[] = { fresh, old_path };

  g_assert_true (g_file_set_contents (old_path, "old", -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;
      guchar data[100000] = { 0 };
      ChronoExportFile file;

      g_assert_true (_chrono_export_file_open (&file, paths[i], cancellable, &error));
      g_assert_no_error (error);
      g_assert_cmpint (_chrono_export_file_write (&file, data, sizeof data), ==, CAIRO_STATUS_SUCCESS);
      g_cancellable_cancel (cancellable);
      g_assert_cmpint (_chrono_export_file_write (&file, data, sizeof data), ==, CAIRO_STATUS_WRITE_ERROR);
      g_assert_false (_chrono_export_file_commit (&file, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }

  g_assert_true (g_file_get_contents (old_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_assert_cmpuint (count_files (dir), ==, 1);

  render_test_remove_tree (dir);
}

/* The command line, with no display */

static char *
get_binary (void)
{
  const char *env = g_getenv ("CHRONOSCOPE_BIN");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  return g_test_build_filename (G_TEST_BUILT, "..", "src", "chronoscope", NULL);
}

static void
test_cli (void)
{
  g_autofree char *binary = get_binary ();
  g_autofree char *dir = NULL;
  g_autofree char *input = g_test_build_filename (G_TEST_DIST, "data", "export", "story.json", NULL);
  g_autofree char *input2 = g_test_build_filename (G_TEST_DIST, "data", "export", "no-story.json", NULL);
  g_autofree char *png = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *slides = NULL;
  g_autofree char *size = NULL;
  cairo_surface_t *surface;
  guint pages;

  g_assert_true (g_file_test (binary, G_FILE_TEST_IS_EXECUTABLE));

  dir = make_tmpdir ();
  png = g_build_filename (dir, "out.png", NULL);
  pdf = g_build_filename (dir, "out.pdf", NULL);
  slides = g_build_filename (dir, "slides.pdf", NULL);

  {
    const char *argv[] = { binary, "--export", png, "--range", "2009..2019",
                           "--width", "800", "--height", "450", "--theme", "dark",
                           "--title", "Custom", "--lane", "a", "--search", "i",
                           input, NULL };
    g_autofree char *err = NULL;

    g_assert_true (run (argv, NULL, &err));
    g_assert_cmpstr (err, ==, "");
  }
  surface = read_png (png);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 450);
  cairo_surface_destroy (surface);

  {
    const char *argv[] = { binary, "--export", pdf, "--width", "400", "--height", "300",
                           "--scale", "2", "--no-legend", "--category", "role", input2, NULL };

    g_assert_true (run (argv, NULL, NULL));
    pdf_info (pdf, &pages, &size);
    g_assert_cmpuint (pages, ==, 1);
    g_assert_true (g_str_has_prefix (size, "800 x 600 pts"));
    g_clear_pointer (&size, g_free);
  }

  {
    const char *argv[] = { binary, "--export-slides", slides, "--theme", "dark", input, NULL };

    g_assert_true (run (argv, NULL, NULL));
    pdf_info (slides, &pages, &size);
    g_assert_cmpuint (pages, ==, 4);
  }

  render_test_remove_tree (dir);
}

static void
check_cli_error (const char * const *args,
                 const char         *expected)
{
  g_autofree char *binary = get_binary ();
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *input = g_test_build_filename (G_TEST_DIST, "data", "export", "story.json", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_environ_unsetenv (g_get_environ (), "DISPLAY");
  int status;

  g_ptr_array_add (argv, g_strdup (binary));
  for (guint i = 0; args[i] != NULL; i++)
    {
      if (g_str_equal (args[i], "OUT.png") || g_str_equal (args[i], "OUT.gif") ||
          g_str_equal (args[i], "OUT.pdf"))
        g_ptr_array_add (argv, g_build_filename (dir, args[i], NULL));
      else if (g_str_equal (args[i], "FILE"))
        g_ptr_array_add (argv, g_strdup (input));
      else
        g_ptr_array_add (argv, g_strdup (args[i]));
    }
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);

  g_test_message ("%s", err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_nonnull (strstr (err, expected));
  g_assert_cmpuint (count_files (dir), ==, 0);

  render_test_remove_tree (dir);
}

static void
test_cli_errors (void)
{
  g_autofree char *binary = get_binary ();

  g_assert_true (g_file_test (binary, G_FILE_TEST_IS_EXECUTABLE));

  check_cli_error ((const char *[]) { "--export", "OUT.png", "--lane", "nosuch", "FILE", NULL }, "nosuch");
  check_cli_error ((const char *[]) { "--export", "OUT.png", "--category", "nosuch", "FILE", NULL }, "nosuch");
  check_cli_error ((const char *[]) { "--export", "OUT.png", "--range", "2026..2015", "FILE", NULL }, "2026..2015");
  check_cli_error ((const char *[]) { "--export", "OUT.png", "--range", "soon..2015", "FILE", NULL }, "soon..2015");
  check_cli_error ((const char *[]) { "--export", "OUT.gif", "FILE", NULL }, ".png");
  check_cli_error ((const char *[]) { "--export", "OUT.png", "no-such-file.json", NULL }, "no-such-file.json");
  check_cli_error ((const char *[]) { "--export", "OUT.png", "--width", "20000", "FILE", NULL }, "20000");
  check_cli_error ((const char *[]) { "--export", "OUT.png", "--height", "wide", "FILE", NULL }, "wide");
  check_cli_error ((const char *[]) { "--export", "OUT.png", "--scale", "0", "FILE", NULL }, "--scale");
  check_cli_error ((const char *[]) { "--export", "OUT.png", "--theme", "blue", "FILE", NULL }, "blue");
  check_cli_error ((const char *[]) { "--export", "OUT.png", NULL }, "FILE");
  check_cli_error ((const char *[]) { "--export-slides", "OUT.png", "FILE", NULL }, ".pdf");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/story/story-order", test_story_order);
  g_test_add_func ("/render/story/importance-fallback", test_story_fallback);
  g_test_add_func ("/render/story/filtered", test_story_filtered);
  g_test_add_func ("/render/story/frame", test_story_frame);
  g_test_add_func ("/render/story/progress", test_progress);
  g_test_add_func ("/render/story/caption-regions", test_caption_regions);
  g_test_add_func ("/render/story/caption-card", test_caption_card);
  g_test_add_func ("/render/story/caption-media", test_caption_media);
  g_test_add_func ("/render/story/step-frames", test_step_frames);
  g_test_add_func ("/render/export/format-from-path", test_format_from_path);
  g_test_add_func ("/render/export/png-size", test_png_size);
  g_test_add_func ("/render/export/relations", test_relations);
  g_test_add_func ("/render/export/page-grows", test_page_grows);
  g_test_add_func ("/render/export/png-colors", test_png_colors);
  g_test_add_func ("/render/export/dark-fade", test_dark_fade);
  g_test_add_func ("/render/export/svg", test_svg);
  g_test_add_func ("/render/export/filtered-lanes", test_filtered_lanes);
  g_test_add_func ("/render/export/pdf", test_pdf);
  g_test_add_func ("/render/export/slides", test_slides);
  g_test_add_func ("/render/export/slides-media", test_slides_media);
  g_test_add_func ("/render/export/slides-print-resolution", test_slides_print_resolution);
  g_test_add_func ("/render/export/slides-png", test_slides_png);
  g_test_add_func ("/render/export/replace", test_replace);
  g_test_add_func ("/render/export/failure/no-directory", test_failure_no_dir);
  g_test_add_func ("/render/export/failure/bad-size", test_failure_bad_size);
  g_test_add_func ("/render/export/failure/bad-range", test_failure_bad_range);
  g_test_add_func ("/render/export/failure/rename", test_failure_rename);
  g_test_add_func ("/render/export/failure/read-only-folder", test_failure_read_only_folder);
  g_test_add_func ("/render/export/failure/write", test_failure_write);
  g_test_add_func ("/render/export/symlink", test_symlink);
  g_test_add_func ("/render/export/mode", test_mode);
  g_test_add_func ("/render/export/cancel", test_cancel);
  g_test_add_func ("/render/export/cancel-while-writing", test_cancel_while_writing);
  g_test_add_func ("/render/export/slides-cap", test_slides_cap);
  /* Only when chronoscope is built (it needs GTK): see meson.build. */
  if (CHRONOSCOPE_BUILT)
    {
      g_test_add_func ("/render/export/cli/no-display", test_cli);
      g_test_add_func ("/render/export/cli/errors", test_cli_errors);
    }

  return g_test_run ();
}
