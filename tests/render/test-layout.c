#define G_LOG_DOMAIN "chrono-test-layout"

#include "config.h"

#include <math.h>

#include <glib/gstdio.h>
#include <string.h>

#include "chrono-document-builder.h"
#include "chrono-edit.h"
#include "chrono-layout.h"
#include "chrono-loader.h"
#include "chrono-renderer.h"
#include "chrono-session.h"

#include "../model/model-test-util.h"
#include "render-test-util.h"

static PangoContext *context;

static void
add_lane (ChronoDocumentBuilder *builder,
          const char            *id)
{
  ChronoLane lane = { 0 };

  lane.id = id;
  lane.title = id;
  lane.kind = CHRONO_LANE_PERSON;
  chrono_document_builder_add_lane (builder, &lane, NULL, (ChronoPos) { 0, 0 });
}

static void
add_event (ChronoDocumentBuilder *builder,
           const char            *lane,
           const char            *title,
           const char            *start,
           const char            *end)
{
  ChronoEventDraft draft = { 0 };

  draft.title = title;
  draft.lane = lane;
  draft.start = test_date (start);
  if (end != NULL)
    draft.end = test_date (end);
  chrono_document_builder_add_event (builder, &draft);
}

static ChronoDocument *
finish (ChronoDocumentBuilder *builder)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_diagnostic_free);
  ChronoDocument *document = chrono_document_builder_finish (builder, diagnostics);

  for (guint i = 0; i < diagnostics->len; i++)
    g_test_message ("%s", ((ChronoDiagnostic *) diagnostics->pdata[i])->message);
  g_assert_nonnull (document);

  return document;
}

static gboolean
overlaps (const ChronoRect *a,
          const ChronoRect *b)
{
  /* Touching is fine; a sliver of antialiasing is not an overlap. */
  return a->x + 0.5 < b->x + b->width && b->x + 0.5 < a->x + a->width &&
         a->y + 0.5 < b->y + b->height && b->y + 0.5 < a->y + a->height;
}

/* Every label in the lanes (events, clusters, series, relations, lane
 * headers, eras) against every other. */
static void
assert_no_label_overlaps (ChronoScene *scene,
                          const char  *what)
{
  const ChronoSceneItem *items;
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (ChronoRect));
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  guint n_items;
  double width, height;

  items = chrono_scene_get_items (scene, &n_items);
  chrono_scene_get_size (scene, &width, &height);

  for (guint i = 0; i < n_items; i++)
    {
      ChronoRect rect = items[i].label_rect;

      if (items[i].label == NULL || rect.width <= 0)
        continue;
      /* Out of the picture is not on top of anything. */
      if (rect.y + rect.height < chrono_scene_get_axis_height (scene) || rect.y > height)
        continue;

      if (rect.x < -0.5 || rect.x + rect.width > width + 0.5)
        g_error ("%s: label “%s” (%g,%g %gx%g) is cut by the edge", what,
                 items[i].label, rect.x, rect.y, rect.width, rect.height);

      for (guint j = 0; j < rects->len; j++)
        if (overlaps (&rect, &g_array_index (rects, ChronoRect, j)))
          g_error ("%s: label “%s” (%g,%g %gx%g) overlaps “%s”", what,
                   items[i].label, rect.x, rect.y, rect.width, rect.height,
                   (const char *) texts->pdata[j]);

      g_array_append_val (rects, rect);
      g_ptr_array_add (texts, (gpointer) items[i].label);
    }

  g_assert_cmpuint (rects->len, >, 0);
}

static void
test_labels_no_overlap (void)
{
  static const char *examples[] = { "ai-talent.json", "computing-history.json" };
  static const double sizes[][2] = { { 1920, 1080 }, { 900, 700 } };
  ChronoStyle style;

  chrono_style_init_light (&style, 1);

  for (guint e = 0; e < G_N_ELEMENTS (examples); e++)
    {
      g_autoptr(ChronoDocument) document = render_test_load_example (examples[e]);
      g_autoptr(ChronoSession) session = chrono_session_new ();
      double fit_start, fit_end;

      chrono_session_set_document (session, document, FALSE);
      chrono_session_get_fit (session, &fit_start, &fit_end);

      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        for (guint z = 0; z < 5; z++)
          {
            /* Five zoom levels: the whole, then ever closer around a
             * point two thirds of the way, where events are dense. */
            double span = (fit_end - fit_start) / pow (12, z);
            double centre = fit_start + (fit_end - fit_start) * 0.93;
            g_autoptr(ChronoScene) scene = NULL;
            g_autofree char *what = g_strdup_printf ("%s %gx%g zoom %u", examples[e], sizes[s][0], sizes[s][1], z);

            if (z == 0)
              centre = (fit_start + fit_end) / 2;
            scene = render_test_build_scene (document, chrono_session_get_filter (session), &style, context,
                                             centre - span / 2, centre + span / 2, sizes[s][0], sizes[s][1]);
            assert_no_label_overlaps (scene, what);
          }
    }
}

/* At the default zoom, events near the right edge keep their labels:
 * inside their bar, or on their left, when there is no room on their
 * right; an ongoing span's label always shows. */
static void
test_labels_at_edge (void)
{
  static const char *titles[] = { "Joins Anthropic pre-training", "“State of AI psychosis”" };
  static const double sizes[][2] = { { 1920, 1080 }, { 1400, 900 }, { 1100, 700 } };
  g_autoptr(ChronoDocument) document = render_test_load_example ("ai-talent.json");
  g_autoptr(ChronoSession) session = chrono_session_new ();
  double fit_start, fit_end;
  ChronoStyle style;

  chrono_style_init_light (&style, 1);
  chrono_session_set_document (session, document, FALSE);
  chrono_session_get_fit (session, &fit_start, &fit_end);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(ChronoScene) scene = render_test_build_scene (document, NULL, &style, context,
                                                              fit_start, fit_end, sizes[s][0], sizes[s][1]);
      const ChronoSceneItem *items;
      guint n_items;

      items = chrono_scene_get_items (scene, &n_items);
      for (guint t = 0; t < G_N_ELEMENTS (titles); t++)
        {
          gboolean found = FALSE;

          for (guint i = 0; i < n_items; i++)
            {
              const ChronoEvent *event;

              if (items[i].kind != CHRONO_ITEM_SPAN && items[i].kind != CHRONO_ITEM_POINT)
                continue;
              event = chrono_document_get_event (document, items[i].event);
              if (g_strcmp0 (event->title, titles[t]) != 0)
                continue;
              found = TRUE;
              if (items[i].label == NULL)
                g_error ("%gx%g: “%s” has no label", sizes[s][0], sizes[s][1], titles[t]);
              g_assert_cmpfloat (items[i].label_rect.x, >=, 0);
              g_assert_cmpfloat (items[i].label_rect.x + items[i].label_rect.width, <=, sizes[s][0]);
            }
          if (!found)
            g_error ("%gx%g: no “%s”", sizes[s][0], sizes[s][1], titles[t]);
        }
      assert_no_label_overlaps (scene, "labels at the edge");
    }
}

/* A series that spans orders of magnitude (transistor counts) is drawn
 * on a log scale, and says so: on a linear one it is a flat line. */
static void
test_series_log_scale (void)
{
  g_autoptr(ChronoDocument) document = render_test_load_example ("computing-history.json");
  g_autoptr(ChronoScene) scene = NULL;
  const ChronoSceneItem *items;
  ChronoStyle style;
  guint n_items;
  gboolean found_chart = FALSE;
  gboolean found_title = FALSE;

  chrono_style_init_light (&style, 1);
  scene = render_test_build_scene (document, NULL, &style, context,
                                   (double) chrono_time_from_civil (1940, 1, 1, 0, 0, 0),
                                   (double) chrono_time_from_civil (2030, 1, 1, 0, 0, 0),
                                   1920, 1080);
  items = chrono_scene_get_items (scene, &n_items);

  for (guint i = 0; i < n_items; i++)
    {
      if (items[i].kind == CHRONO_ITEM_SERIES)
        {
          double bottom = items[i].rect.y + items[i].rect.height;
          guint middle = items[i].count / 2;

          /* The middle point (a few million transistors) stands well
           * above the bottom of the chart. */
          found_chart = TRUE;
          g_assert_cmpuint (items[i].count, >=, 5);
          g_assert_cmpfloat (bottom - items[i].values[2 * middle + 1], >, 0.25 * items[i].rect.height);
        }
      else if (items[i].kind == CHRONO_ITEM_LABEL && items[i].label != NULL &&
               strstr (items[i].label, "Transistors") != NULL)
        {
          found_title = TRUE;
          g_assert_nonnull (strstr (items[i].label, "log scale"));
        }
    }

  g_assert_true (found_chart);
  g_assert_true (found_title);

  /* The revenue series of the other example stays linear. */
  {
    g_autoptr(ChronoDocument) talent = render_test_load_example ("ai-talent.json");
    g_autoptr(ChronoScene) other = render_test_build_scene (talent, NULL, &style, context,
                                                            (double) chrono_time_from_civil (2020, 1, 1, 0, 0, 0),
                                                            (double) chrono_time_from_civil (2027, 1, 1, 0, 0, 0),
                                                            1920, 1080);

    items = chrono_scene_get_items (other, &n_items);
    for (guint i = 0; i < n_items; i++)
      if (items[i].kind == CHRONO_ITEM_LABEL && items[i].label != NULL)
        g_assert_null (strstr (items[i].label, "log scale"));
  }
}

/* A series of 100,000 points is drawn with a path of a few points a
 * pixel column, keeping each column's extremes: drawing costs the
 * pixels, not the points. */
static void
test_series_dense (void)
{
  g_autoptr(GString) json = g_string_new ("{ \"chronoscope\": 1, \"lanes\": [ { \"id\": \"a\", \"title\": \"A\" } ],\n"
                                          "  \"events\": [], \"series\": [ { \"id\": \"s\", \"lane\": \"a\", \"title\": \"S\", \"points\": [\n");
  g_autofree char *dir = g_dir_make_tmp ("chrono-series-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "series.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  g_autoptr(ChronoScene) scene = NULL;
  const ChronoSceneItem *items;
  const guint n_points = 100000;
  const double width = 800;
  gboolean found = FALSE;
  ChronoStyle style;
  guint n_items;

  /* A point every hour from 2000, alternating low and high, with one
   * spike of 1000 in the middle. */
  for (guint i = 0; i < n_points; i++)
    {
      g_autoptr(GDateTime) time = g_date_time_new_utc (2000, 1, 1, 0, 0, 0);
      g_autoptr(GDateTime) at = g_date_time_add_hours (time, i);
      g_autofree char *iso = g_date_time_format (at, "%Y-%m-%dT%H:%M:%SZ");

      g_string_append_printf (json, "%s[\"%s\", %d]", i > 0 ? ",\n" : "", iso,
                              i == n_points / 2 ? 1000 : (int) (i % 2) * 10);
    }
  g_string_append (json, "] } ] }\n");
  g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));
  document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, NULL, NULL, &error);
  g_assert_no_error (error);
  g_unlink (path);
  g_rmdir (dir);

  chrono_style_init_light (&style, 1);
  scene = render_test_build_scene (document, NULL, &style, context,
                                   (double) chrono_time_from_civil (1999, 6, 1, 0, 0, 0),
                                   (double) chrono_time_from_civil (2012, 1, 1, 0, 0, 0),
                                   width, 600);
  items = chrono_scene_get_items (scene, &n_items);
  for (guint i = 0; i < n_items; i++)
    {
      double top = G_MAXDOUBLE;

      if (items[i].kind != CHRONO_ITEM_SERIES)
        continue;

      found = TRUE;
      g_assert_true (items[i].flags & CHRONO_ITEM_DENSE);
      /* At most four points a column, and a column either side. */
      g_assert_cmpuint (items[i].count, <=, 4 * (width + 2) + 2);
      g_assert_cmpuint (items[i].count, >=, 2);
      for (guint k = 1; k < items[i].count; k++)
        g_assert_cmpfloat (items[i].values[2 * k], >=, items[i].values[2 * (k - 1)]);

      /* The spike is kept: the path reaches the top of the chart. */
      for (guint k = 0; k < items[i].count; k++)
        top = MIN (top, items[i].values[2 * k + 1]);
      g_assert_cmpfloat (fabs (top - items[i].rect.y), <, 0.5);
    }
  g_assert_true (found);

  /* Zoomed in to a day, the same series is drawn point by point. */
  g_clear_pointer (&scene, chrono_scene_unref);
  scene = render_test_build_scene (document, NULL, &style, context,
                                   (double) chrono_time_from_civil (2001, 3, 1, 0, 0, 0),
                                   (double) chrono_time_from_civil (2001, 3, 2, 0, 0, 0),
                                   width, 600);
  items = chrono_scene_get_items (scene, &n_items);
  for (guint i = 0; i < n_items; i++)
    if (items[i].kind == CHRONO_ITEM_SERIES)
      {
        g_assert_false (items[i].flags & CHRONO_ITEM_DENSE);
        /* 25 hours in view and one either side. */
        g_assert_cmpuint (items[i].count, >=, 25);
        g_assert_cmpuint (items[i].count, <=, 27);
      }
}

/* Scrolled, a sticky lane header sits over its lane's rows: the labels
 * under it start right of it instead of being hidden by it. */
static void
test_sticky_header_labels (void)
{
  g_autoptr(ChronoDocument) document = render_test_load_example ("ai-talent.json");
  ChronoStyle style;

  chrono_style_init_light (&style, 1);

  for (double scroll = 0; scroll <= 400; scroll += 10)
    {
      g_autoptr(ChronoScene) scene = NULL;
      ChronoLayoutParams params;
      const ChronoSceneItem *items;
      guint n_items;

      chrono_layout_params_init (&params, &style,
                                 (double) chrono_time_from_civil (2016, 1, 1, 0, 0, 0),
                                 (double) chrono_time_from_civil (2026, 1, 1, 0, 0, 0), 1280, 600);
      params.document = document;
      params.context = context;
      params.scroll_y = scroll;
      scene = chrono_layout_build (&params);
      items = chrono_scene_get_items (scene, &n_items);

      for (guint h = 0; h < n_items; h++)
        {
          if (items[h].kind != CHRONO_ITEM_LANE_HEADER)
            continue;

          for (guint i = 0; i < n_items; i++)
            if ((items[i].kind == CHRONO_ITEM_SPAN || items[i].kind == CHRONO_ITEM_POINT) &&
                items[i].label != NULL && items[i].lane == items[h].lane &&
                overlaps (&items[i].label_rect, &items[h].rect))
              g_error ("scrolled by %g: the label of event %d is under the header of lane %d",
                       scroll, items[i].event, items[h].lane);
        }
    }
}

static double
color_distance (ChronoColor a,
                ChronoColor b)
{
  return sqrt ((a.red - b.red) * (a.red - b.red) + (a.green - b.green) * (a.green - b.green) +
               (a.blue - b.blue) * (a.blue - b.blue));
}

/* Ten lanes without colours of their own look different, in both
 * styles; eras on a dark background get a faint tint that is not olive:
 * no yellow or brown cast. */
static void
test_style_colors (void)
{
  ChronoStyle styles[2];
  const guint32 era_colors[] = { 0xcdab8f, 0xf9f06b, 0x99c1f1, 0x8ff0a4, 0xf66151 };

  chrono_style_init_light (&styles[0], 1);
  chrono_style_init_dark (&styles[1], 1);

  for (guint s = 0; s < 2; s++)
    for (guint i = 0; i < 10; i++)
      for (guint j = i + 1; j < 10; j++)
        {
          ChronoColor a = chrono_style_get_lane_color (&styles[s], NULL, i);
          ChronoColor b = chrono_style_get_lane_color (&styles[s], NULL, j);

          if (color_distance (a, b) < 0.15)
            g_error ("style %u: lanes %u and %u look alike", s, i, j);
        }

  for (guint e = 0; e < G_N_ELEMENTS (era_colors); e++)
    {
      ChronoColor tint = chrono_style_get_era_tint (&styles[1], e, TRUE, era_colors[e]);
      ChronoColor over = chrono_color_mix (styles[1].background,
                                           chrono_color_with_alpha (tint, 1), tint.alpha);

      g_assert_cmpfloat (tint.alpha, <=, 0.08);
      /* Olive: red and green well above blue. */
      g_assert_false (over.red - over.blue > 0.02 && over.green - over.blue > 0.02);
    }
}

static gboolean
items_equal (const ChronoSceneItem *a,
             const ChronoSceneItem *b)
{
  return a->kind == b->kind && a->flags == b->flags && a->event == b->event &&
         a->lane == b->lane && a->count == b->count &&
         memcmp (&a->rect, &b->rect, sizeof a->rect) == 0 &&
         memcmp (&a->label_rect, &b->label_rect, sizeof a->label_rect) == 0 &&
         g_strcmp0 (a->label, b->label) == 0;
}

static void
test_deterministic (void)
{
  g_autoptr(ChronoDocument) document = render_test_load_example ("ai-talent.json");
  g_autoptr(ChronoLayoutCache) cache = chrono_layout_cache_new ();
  ChronoStyle style;
  gint64 start, end;

  chrono_style_init_light (&style, 1);
  g_assert_true (chrono_document_get_bounds (document, &start, &end));

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(ChronoScene) a = NULL;
      g_autoptr(ChronoScene) b = NULL;
      ChronoLayoutParams params;
      const ChronoSceneItem *items_a, *items_b;
      guint n_a, n_b;

      chrono_layout_params_init (&params, &style, start, end, 1280, 800);
      params.document = document;
      params.context = context;
      a = chrono_layout_build (&params);
      /* The same with a (warm, on later rounds) cache. */
      params.cache = cache;
      b = chrono_layout_build (&params);

      items_a = chrono_scene_get_items (a, &n_a);
      items_b = chrono_scene_get_items (b, &n_b);
      g_assert_cmpuint (n_a, ==, n_b);
      g_assert_cmpuint (n_a, >, 20);
      for (guint i = 0; i < n_a; i++)
        g_assert_true (items_equal (&items_a[i], &items_b[i]));
    }
}

static guint
count_kind (ChronoScene    *scene,
            ChronoItemKind  kind,
            guint          *total_count)
{
  const ChronoSceneItem *items;
  guint n_items, n = 0;

  items = chrono_scene_get_items (scene, &n_items);
  if (total_count != NULL)
    *total_count = 0;
  for (guint i = 0; i < n_items; i++)
    if (items[i].kind == kind)
      {
        n++;
        if (total_count != NULL)
          *total_count += items[i].count;
      }

  return n;
}

static guint
count_relations (ChronoScene *scene,
                 int          event)
{
  const ChronoSceneItem *items;
  guint n_items, n = 0;

  items = chrono_scene_get_items (scene, &n_items);
  for (guint i = 0; i < n_items; i++)
    if (items[i].kind == CHRONO_ITEM_RELATION)
      {
        /* Only the event's own relations, when one is given. */
        if (event >= 0)
          g_assert_true (items[i].event == event || items[i].target == event);
        n++;
      }

  return n;
}

/* Relations are drawn on demand: none by themselves, those of the
 * selected or hovered event, or all of them when asked. */
static void
test_relations_on_demand (void)
{
  g_autoptr(ChronoDocument) document = render_test_load_example ("ai-talent.json");
  g_autoptr(ChronoSession) session = chrono_session_new ();
  guint n_selected = 0, n_hovered = 0, n_all;
  double start, end;
  ChronoLayoutParams params;
  ChronoStyle style;
  int with_relations = -1;

  chrono_style_init_light (&style, 1);
  chrono_session_set_document (session, document, FALSE);
  chrono_session_get_fit (session, &start, &end);
  for (guint i = 0; i < chrono_document_get_n_events (document) && with_relations < 0; i++)
    {
      const ChronoEvent *event = chrono_document_get_event (document, i);

      if (event->extra != NULL && event->extra->n_related > 0)
        with_relations = (int) i;
    }
  g_assert_cmpint (with_relations, >=, 0);

  chrono_layout_params_init (&params, &style, start, end, 1600, 900);
  params.document = document;
  params.context = context;
  {
    g_autoptr(ChronoScene) scene = chrono_layout_build (&params);

    g_assert_cmpuint (count_relations (scene, -1), ==, 0);
  }

  params.selected = with_relations;
  {
    g_autoptr(ChronoScene) scene = chrono_layout_build (&params);

    n_selected = count_relations (scene, with_relations);
    g_assert_cmpuint (n_selected, >=, 1);
  }

  params.selected = -1;
  params.hovered = with_relations;
  {
    g_autoptr(ChronoScene) scene = chrono_layout_build (&params);

    n_hovered = count_relations (scene, with_relations);
    g_assert_cmpuint (n_hovered, ==, n_selected);
  }

  params.hovered = -1;
  params.all_relations = TRUE;
  {
    g_autoptr(ChronoScene) scene = chrono_layout_build (&params);

    n_all = count_relations (scene, -1);
    g_assert_cmpuint (n_all, >, n_selected);
  }
}

/* A chart is tall enough to read and labels its last, first, highest
 * and lowest values. */
static void
test_series_values (void)
{
  g_autoptr(ChronoDocument) document = render_test_load_example ("ai-talent.json");
  g_autoptr(ChronoSession) session = chrono_session_new ();
  g_autoptr(ChronoScene) scene = NULL;
  const ChronoSeries *series = chrono_document_get_series (document, 0);
  g_autofree char *first = g_strdup_printf ("%g", series->points[0].value);
  g_autofree char *last = g_strdup_printf ("%g", series->points[series->n_points - 1].value);
  gboolean has_first = FALSE, has_last = FALSE, has_chart = FALSE;
  const ChronoSceneItem *items;
  double start, end;
  guint n_items;
  ChronoStyle style;

  chrono_style_init_light (&style, 1);
  chrono_session_set_document (session, document, FALSE);
  chrono_session_get_fit (session, &start, &end);
  scene = render_test_build_scene (document, NULL, &style, context, start, end, 1600, 900);

  items = chrono_scene_get_items (scene, &n_items);
  for (guint i = 0; i < n_items; i++)
    {
      if (items[i].kind == CHRONO_ITEM_SERIES && items[i].index == 0)
        {
          has_chart = TRUE;
          g_assert_cmpfloat (items[i].rect.height, >=, 80);
        }
      if (items[i].kind == CHRONO_ITEM_LABEL && items[i].index == 0)
        {
          has_first |= g_strcmp0 (items[i].label, first) == 0;
          has_last |= g_strcmp0 (items[i].label, last) == 0;
        }
    }
  g_assert_true (has_chart);
  g_assert_true (has_first);
  g_assert_true (has_last);
}

/* No text of either style is drawn under the minimum size. */
static void
test_min_text_size (void)
{
  for (guint dark = 0; dark < 2; dark++)
    {
      ChronoStyle style;

      if (dark)
        chrono_style_init_dark (&style, 1);
      else
        chrono_style_init_light (&style, 1);

      g_assert_cmpfloat (chrono_style_text_px (&style, style.font_size), >=, CHRONO_MIN_TEXT_PX);
      g_assert_cmpfloat (chrono_style_text_px (&style, style.small_font_size), >=, CHRONO_MIN_TEXT_PX);
      g_assert_cmpfloat (chrono_style_text_px (&style, style.header_font_size), >=, CHRONO_MIN_TEXT_PX);
    }
}

/* 200 events on one day, seen over a year: as many rows of them as the
 * height holds, the rest counted in clusters; nothing lost. */
static void
test_clusters (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(ChronoDocument) document = NULL;
  g_autoptr(ChronoScene) scene = NULL;
  ChronoStyle style;
  guint clustered, drawn;
  guint n_visible;

  add_lane (builder, "busy");
  add_event (builder, "busy", "Alone in spring", "2015-03-01", NULL);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *title = g_strdup_printf ("Event %u", i);

      add_event (builder, "busy", title, "2015-07-14", NULL);
    }
  document = finish (g_steal_pointer (&builder));

  chrono_style_init_light (&style, 1);
  scene = render_test_build_scene (document, NULL, &style, context,
                                   (double) chrono_time_from_civil (2015, 1, 1, 0, 0, 0),
                                   (double) chrono_time_from_civil (2016, 1, 1, 0, 0, 0),
                                   1200, 800);

  g_assert_cmpuint (count_kind (scene, CHRONO_ITEM_CLUSTER, &clustered), >=, 1);
  chrono_scene_get_visible_events (scene, &n_visible);
  drawn = count_kind (scene, CHRONO_ITEM_POINT, NULL);
  g_assert_cmpuint (drawn, ==, n_visible);
  /* As many rows as the height holds, one of them for the clusters, and
   * the lone event in it. */
  g_assert_cmpuint (drawn, <=, (800 - style.axis_height - style.lane_header_height - style.lane_padding) /
                                style.row_height + 1);
  g_assert_cmpuint (drawn, >, 6);
  g_assert_cmpfloat (chrono_scene_get_lanes_top (scene) + chrono_scene_get_content_height (scene), <=, 800);
  g_assert_cmpuint (drawn + clustered, ==, 201);
  /* The lone event is not in a cluster. */
  g_assert_nonnull (chrono_scene_find_event (scene, 0));
}

/* A hundred thousand events in view: a histogram and counted clusters
 * rather than a hundred thousand bars. */
static void
test_density (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(ChronoDocument) document = NULL;
  g_autoptr(ChronoScene) scene = NULL;
  ChronoStyle style;
  guint clustered;
  guint n_items;

  add_lane (builder, "crowd");
  for (guint i = 0; i < 20000; i++)
    {
      g_autofree char *start = g_strdup_printf ("%04u-%02u-%02u", 1990 + i % 30, 1 + i % 12, 1 + i % 28);
      g_autofree char *title = g_strdup_printf ("Crowded %u", i);

      add_event (builder, "crowd", title, start, NULL);
    }
  document = finish (g_steal_pointer (&builder));

  chrono_style_init_light (&style, 1);
  scene = render_test_build_scene (document, NULL, &style, context,
                                   (double) chrono_time_from_civil (1989, 1, 1, 0, 0, 0),
                                   (double) chrono_time_from_civil (2021, 1, 1, 0, 0, 0),
                                   1600, 900);

  g_assert_cmpuint (count_kind (scene, CHRONO_ITEM_DENSITY, NULL), ==, 1);
  g_assert_cmpuint (count_kind (scene, CHRONO_ITEM_CLUSTER, &clustered), >, 1);
  g_assert_cmpuint (clustered, ==, 20000);
  g_assert_cmpuint (count_kind (scene, CHRONO_ITEM_POINT, NULL), ==, 0);
  chrono_scene_get_items (scene, &n_items);
  g_assert_cmpuint (n_items, <, 200);
}

static ChronoScene *
build_cached (ChronoDocument    *document,
              ChronoLayoutCache *cache,
              const ChronoStyle *style)
{
  ChronoLayoutParams params;

  chrono_layout_params_init (&params, style,
                             (double) chrono_time_from_civil (1989, 1, 1, 0, 0, 0),
                             (double) chrono_time_from_civil (2021, 1, 1, 0, 0, 0), 1600, 900);
  params.document = document;
  params.context = context;
  params.cache = cache;

  return chrono_layout_build (&params);
}

static void
assert_same_scene (ChronoScene *a,
                   ChronoScene *b)
{
  const ChronoSceneItem *ia, *ib;
  guint na, nb;

  ia = chrono_scene_get_items (a, &na);
  ib = chrono_scene_get_items (b, &nb);
  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    {
      g_assert_cmpint (ia[i].kind, ==, ib[i].kind);
      g_assert_cmpint (ia[i].event, ==, ib[i].event);
      g_assert_cmpuint (ia[i].count, ==, ib[i].count);
      g_assert_cmpfloat (ia[i].rect.x, ==, ib[i].rect.x);
      g_assert_cmpfloat (ia[i].rect.width, ==, ib[i].rect.width);
      g_assert_cmpstr (ia[i].label, ==, ib[i].label);
      if (ia[i].kind == CHRONO_ITEM_DENSITY)
        for (guint v = 0; v < ia[i].count; v++)
          g_assert_cmpfloat (ia[i].values[v], ==, ib[i].values[v]);
    }
}

/* The zoomed-out aggregate follows edits (moves, additions, removals,
 * lane changes, undo) to the same counts as one made afresh, and edited
 * titles are measured again. */
static void
test_edits (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(ChronoDocument) document = NULL;
  g_autoptr(ChronoEditStack) stack = NULL;
  g_autoptr(ChronoLayoutCache) cache = chrono_layout_cache_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  ChronoStyle style;

  add_lane (builder, "crowd");
  add_lane (builder, "other");
  for (guint i = 0; i < 24000; i++)
    {
      g_autofree char *start = g_strdup_printf ("%04u-%02u-%02u", 1990 + i % 30, 1 + i % 12, 1 + i % 28);
      g_autofree char *title = g_strdup_printf ("Crowded %u", i);

      add_event (builder, i % 3 ? "crowd" : "other", title, start, NULL);
    }
  document = finish (g_steal_pointer (&builder));
  stack = chrono_edit_stack_new (document);
  chrono_style_init_light (&style, 1);

  for (guint round = 0; round < 6; round++)
    {
      g_autoptr(ChronoScene) followed = NULL;
      g_autoptr(ChronoScene) fresh = NULL;
      g_autoptr(ChronoLayoutCache) fresh_cache = chrono_layout_cache_new ();

      g_clear_pointer (&followed, chrono_scene_unref);
      followed = build_cached (document, cache, &style);
      fresh = build_cached (document, fresh_cache, &style);
      assert_same_scene (followed, fresh);

      for (guint i = 0; i < 20; i++)
        {
          guint n = chrono_document_get_n_events (document);
          guint p = g_rand_int_range (rand, 0, n);
          ChronoEventDraft draft = { .title = "Added", .lane = "other", .start = test_date ("2005-03-04") };

          switch (i % 5)
            {
            case 0:
              g_assert_true (chrono_edit_stack_move_events (stack, &p, 1, 400 * CHRONO_SECONDS_PER_DAY, NULL, NULL));
              break;
            case 1:
              g_assert_true (chrono_edit_stack_set_lane (stack, p, "other", NULL));
              break;
            case 2:
              g_assert_true (chrono_edit_stack_add_event (stack, &draft, NULL, NULL));
              break;
            case 3:
              g_assert_true (chrono_edit_stack_remove_events (stack, &p, 1, NULL));
              break;
            default:
              g_assert_true (chrono_edit_stack_set_dates (stack, p, "2001", "2003-05", NULL));
              chrono_edit_stack_undo (stack);
              break;
            }
        }
    }
}

static const ChronoSceneItem *
find_titled (ChronoScene    *scene,
             ChronoDocument *document,
             const char     *title)
{
  const ChronoSceneItem *items;
  guint n_items;

  items = chrono_scene_get_items (scene, &n_items);
  for (guint i = 0; i < n_items; i++)
    if (items[i].event >= 0 && (items[i].kind == CHRONO_ITEM_SPAN || items[i].kind == CHRONO_ITEM_POINT) &&
        g_str_equal (chrono_document_get_event (document, items[i].event)->title, title))
      return &items[i];

  return NULL;
}

static void
test_dates (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(ChronoDocument) document = NULL;
  g_autoptr(ChronoScene) scene = NULL;
  const ChronoSceneItem *item;
  ChronoStyle style;

  add_lane (builder, "a");
  add_lane (builder, "b");
  add_lane (builder, "c");
  add_event (builder, "a", "Sometime in 2015", "2015", NULL);
  add_event (builder, "b", "Still going", "2014-06", "..");
  add_event (builder, "c", "Roughly", "2014~", "2016~");
  document = finish (g_steal_pointer (&builder));

  chrono_style_init_light (&style, 1);
  scene = render_test_build_scene (document, NULL, &style, context,
                                   (double) chrono_time_from_civil (2014, 1, 1, 0, 0, 0),
                                   (double) chrono_time_from_civil (2017, 1, 1, 0, 0, 0),
                                   900, 600);

  /* The year, zoomed past its precision, shows as its whole period. */
  item = find_titled (scene, document, "Sometime in 2015");
  g_assert_nonnull (item);
  g_assert_true (item->flags & CHRONO_ITEM_PERIOD);
  g_assert_cmpfloat_with_epsilon (item->period_start, 300, 1);
  g_assert_cmpfloat_with_epsilon (item->period_end - item->period_start, 300, 1);

  item = find_titled (scene, document, "Still going");
  g_assert_nonnull (item);
  g_assert_cmpint (item->kind, ==, CHRONO_ITEM_SPAN);
  g_assert_true (item->flags & CHRONO_ITEM_ONGOING);

  item = find_titled (scene, document, "Roughly");
  g_assert_nonnull (item);
  g_assert_true (item->flags & CHRONO_ITEM_FADE_START);
  g_assert_true (item->flags & CHRONO_ITEM_FADE_END);
}

static void
test_filter (void)
{
  g_autoptr(ChronoDocument) document = render_test_load_example ("ai-talent.json");
  g_autoptr(ChronoFilter) filter = chrono_filter_new ();
  g_autoptr(ChronoScene) all = NULL;
  g_autoptr(ChronoScene) some = NULL;
  const ChronoLane *lane = chrono_document_get_lane (document, 0);
  const ChronoSceneItem *items;
  ChronoStyle style;
  gint64 start, end;
  guint n_items, n_all, n_some;

  chrono_style_init_light (&style, 1);
  chrono_document_get_bounds (document, &start, &end);

  all = render_test_build_scene (document, filter, &style, context, start, end, 1600, 1000);
  chrono_filter_set_lane_visible (filter, lane->id, FALSE);
  some = render_test_build_scene (document, filter, &style, context, start, end, 1600, 1000);

  chrono_scene_get_visible_events (all, &n_all);
  chrono_scene_get_visible_events (some, &n_some);
  g_assert_cmpuint (n_some, <, n_all);
  g_assert_null (chrono_scene_find_lane (some, 0));

  items = chrono_scene_get_items (some, &n_items);
  for (guint i = 0; i < n_items; i++)
    g_assert_cmpint (items[i].lane, !=, 0);
}

/* Dark or light, HiDPI or not, the same scene shape scaled. */
static void
test_scale (void)
{
  g_autoptr(ChronoDocument) document = render_test_load_example ("ai-talent.json");
  g_autoptr(ChronoScene) one = NULL;
  g_autoptr(ChronoScene) two = NULL;
  ChronoStyle style1, style2;
  gint64 start, end;

  chrono_style_init_light (&style1, 1);
  chrono_style_init_dark (&style2, 2);
  chrono_document_get_bounds (document, &start, &end);

  one = render_test_build_scene (document, NULL, &style1, context, start, end, 1200, 800);
  two = render_test_build_scene (document, NULL, &style2, context, start, end, 2400, 1600);
  g_assert_cmpfloat_with_epsilon (chrono_scene_get_axis_height (two), 2 * chrono_scene_get_axis_height (one), 1e-9);
  g_assert_cmpfloat_with_epsilon (chrono_scene_get_content_height (two), 2 * chrono_scene_get_content_height (one), 1e-6);
}

/* Nothing in the way a view can be set makes layout or rendering fail:
 * empty documents, tiny and huge sizes, a second in deep time, the whole
 * representable range. */
static void
test_extremes (void)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
  g_autoptr(ChronoDocument) empty = NULL;
  g_autoptr(ChronoDocument) history = render_test_load_example ("computing-history.json");
  gint64 big_bang = chrono_time_from_civil (-13800000000LL, 1, 1, 0, 0, 0);
  const struct {
    double start, end, width, height;
  } views[] = {
    { (double) big_bang, (double) big_bang + 1, 800, 600 },
    { (double) big_bang - 1e6, (double) big_bang + 1e6, 800, 600 },
    { -3e18, 3e18, 800, 600 },
    { 0, 1, 1, 1 },
    { 1.7e9, 1.8e9, 3, 4000 },
    { 1.7e9, 1.8e9, 8000, 50 },
  };
  ChronoStyle style;

  empty = finish (g_steal_pointer (&builder));
  chrono_style_init_dark (&style, 1.5);

  for (guint d = 0; d < 3; d++)
    for (guint v = 0; v < G_N_ELEMENTS (views); v++)
      {
        ChronoDocument *document = d == 0 ? NULL : d == 1 ? empty : history;
        g_autoptr(ChronoScene) scene = render_test_build_scene (document, NULL, &style, context,
                                                                views[v].start, views[v].end,
                                                                views[v].width, views[v].height);
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                               (int) views[v].width, (int) views[v].height);
        cairo_t *cr = cairo_create (surface);
        const ChronoTicks *ticks = chrono_scene_get_ticks (scene);

        g_assert_nonnull (ticks);
        chrono_renderer_draw (cr, scene, &style);
        g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
        g_assert_null (chrono_scene_hit_test (scene, -1, -1));
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
      }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  context = chrono_style_create_pango_context ();

  g_test_add_func ("/render/layout/min-text-size", test_min_text_size);
  g_test_add_func ("/render/layout/series-values", test_series_values);
  g_test_add_func ("/render/layout/relations-on-demand", test_relations_on_demand);
  g_test_add_func ("/render/layout/labels-no-overlap", test_labels_no_overlap);
  g_test_add_func ("/render/layout/labels-at-edge", test_labels_at_edge);
  g_test_add_func ("/render/layout/series-log-scale", test_series_log_scale);
  g_test_add_func ("/render/layout/series-dense", test_series_dense);
  g_test_add_func ("/render/style/colors", test_style_colors);
  g_test_add_func ("/render/layout/sticky-header-labels", test_sticky_header_labels);
  g_test_add_func ("/render/layout/deterministic", test_deterministic);
  g_test_add_func ("/render/layout/clusters", test_clusters);
  g_test_add_func ("/render/layout/density", test_density);
  g_test_add_func ("/render/layout/dates", test_dates);
  g_test_add_func ("/render/layout/filter", test_filter);
  g_test_add_func ("/render/layout/scale", test_scale);
  g_test_add_func ("/render/layout/extremes", test_extremes);
  g_test_add_func ("/render/layout/edits", test_edits);

  status = g_test_run ();
  g_object_unref (context);

  return status;
}
