/* test-layout-invariants.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Lays out every file of a corpus (the bundled examples and
 * tests/data/layout) at 1600 × 900 and 800 × 600, fitted and at several
 * zooms, in the view (with every relation drawn) and on an exported page
 * (with and without relations), and checks the scene dump
 * (chrono_scene_dump(), as `chronoscope-bench --dump` writes it) for the
 * rules of docs/layout.md: no label over another label or under any
 * marker, bar, today line or relation; no text under the minimum size;
 * no label without its marker; every lane drawn; every event in view
 * either drawn or counted in a cluster that says so. */

#define G_LOG_DOMAIN "chrono-test-layout-invariants"

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "chrono-export-private.h"
#include "chrono-layout.h"
#include "chrono-loader.h"
#include "chrono-scene-dump.h"
#include "chrono-session.h"

#include "render-test-util.h"

/* Boxes may touch; they overlap when they share more than this. */
#define SLACK 0.5

typedef struct
{
  char       *type;
  char       *of;
  char       *text;
  char       *full;
  int         event;
  int         lane;
  ChronoRect  box;
  double      px;
  gboolean    truncated;
  guint       count;
  guint       in_view;
  double     *points;   /* relations: x,y pairs */
  guint       n_points;
} Entry;

typedef struct
{
  GArray  *entries;     /* of Entry */
  double   width;
  double   height;
  double   min_px;
  GString *problems;
  guint    n_problems;
  guint    n_labels;
  guint    n_truncated;
  guint    n_clusters;
} Check;

static void
entry_clear (gpointer data)
{
  Entry *e = data;

  g_free (e->type);
  g_free (e->of);
  g_free (e->text);
  g_free (e->full);
  g_free (e->points);
}

static void
problem (Check      *check,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static void
problem (Check      *check,
         const char *format,
         ...)
{
  va_list args;

  check->n_problems++;
  if (check->n_problems > 12)
    return;
  va_start (args, format);
  g_string_append (check->problems, "  ");
  g_string_append_vprintf (check->problems, format, args);
  g_string_append_c (check->problems, '\n');
  va_end (args);
}

static gboolean
overlap (const ChronoRect *a,
         const ChronoRect *b)
{
  return a->x + SLACK < b->x + b->width && b->x + SLACK < a->x + a->width &&
         a->y + SLACK < b->y + b->height && b->y + SLACK < a->y + a->height;
}

static gboolean
segment_crosses (const ChronoRect *r,
                 double            x0,
                 double            y0,
                 double            x1,
                 double            y1)
{
  /* Sampled finely: the curves are sampled already, so a few steps a
   * segment are enough. */
  for (int k = 0; k <= 8; k++)
    {
      double x = x0 + (x1 - x0) * k / 8.0;
      double y = y0 + (y1 - y0) * k / 8.0;

      if (x > r->x + SLACK && x < r->x + r->width - SLACK && y > r->y + SLACK && y < r->y + r->height - SLACK)
        return TRUE;
    }

  return FALSE;
}

static void
parse_dump (Check      *check,
            const char *dump)
{
  g_auto(GStrv) lines = g_strsplit (dump, "\n", -1);
  g_autoptr(JsonParser) parser = json_parser_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      JsonObject *o;
      Entry e = { 0 };

      if (lines[i][0] == '\0')
        continue;
      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      o = json_node_get_object (json_parser_get_root (parser));

      e.type = g_strdup (json_object_get_string_member (o, "type"));
      if (g_str_equal (e.type, "scene"))
        {
          check->width = json_object_get_double_member (o, "width");
          check->height = json_object_get_double_member (o, "height");
          check->min_px = json_object_get_double_member (o, "min_px");
          g_free (e.type);
          continue;
        }
      e.of = g_strdup (json_object_get_string_member_with_default (o, "of", ""));
      e.text = g_strdup (json_object_get_string_member_with_default (o, "text", ""));
      e.full = g_strdup (json_object_get_string_member_with_default (o, "full", ""));
      e.event = json_object_get_int_member_with_default (o, "event", -1);
      e.lane = json_object_get_int_member_with_default (o, "lane", -1);
      e.box.x = json_object_get_double_member_with_default (o, "x", 0);
      e.box.y = json_object_get_double_member_with_default (o, "y", 0);
      e.box.width = json_object_get_double_member_with_default (o, "w", 0);
      e.box.height = json_object_get_double_member_with_default (o, "h", 0);
      e.px = json_object_get_double_member_with_default (o, "px", 0);
      e.truncated = json_object_get_boolean_member_with_default (o, "truncated", FALSE);
      e.count = json_object_get_int_member_with_default (o, "count", 0);
      e.in_view = json_object_get_int_member_with_default (o, "in_view", 0);
      if (json_object_has_member (o, "points"))
        {
          JsonArray *a = json_object_get_array_member (o, "points");

          /* Knocked-out samples are null: NAN here. */
          e.n_points = json_array_get_length (a) / 2;
          e.points = g_new (double, 2 * e.n_points);
          for (guint k = 0; k < 2 * e.n_points; k++)
            e.points[k] = JSON_NODE_HOLDS_NULL (json_array_get_element (a, k)) ? NAN
                                                                              : json_array_get_double_element (a, k);
        }
      g_array_append_val (check->entries, e);
    }
}

/* The shapes a label must keep clear of: any marker (its own too), the
 * bars and bands of other events, cluster pills, lane title pills, the
 * today line and relations. */
static gboolean
covers (const Entry *shape,
        const Entry *label)
{
  if (g_str_equal (shape->type, "marker"))
    return overlap (&shape->box, &label->box);

  /* A label may lie on its own bar or band, not on another's. */
  if (g_str_equal (shape->type, "bar") || g_str_equal (shape->type, "band"))
    {
      gboolean own = (g_str_equal (label->of, "span") || g_str_equal (label->of, "point")) &&
                     shape->event == label->event;

      return !own && overlap (&shape->box, &label->box);
    }

  /* A cluster's count is inside its own pill. */
  if (g_str_equal (shape->type, "cluster"))
    return !g_str_equal (label->of, "cluster") && overlap (&shape->box, &label->box);

  if (g_str_equal (shape->type, "header"))
    return !g_str_equal (label->of, "header") && overlap (&shape->box, &label->box);

  if (g_str_equal (shape->type, "line") && g_str_equal (shape->of, "today"))
    return overlap (&shape->box, &label->box);

  if (g_str_equal (shape->type, "line") && shape->points != NULL)
    {
      if (g_str_equal (label->of, "relation"))
        return FALSE;
      for (guint k = 0; k + 1 < shape->n_points; k++)
        if (!isnan (shape->points[2 * k]) && !isnan (shape->points[2 * k + 2]) &&
            segment_crosses (&label->box, shape->points[2 * k], shape->points[2 * k + 1],
                             shape->points[2 * k + 2], shape->points[2 * k + 3]))
          return TRUE;
    }

  return FALSE;
}

static void
check_dump (Check          *check,
            ChronoDocument *document,
            gboolean        page)
{
  GArray *entries = check->entries;
  guint n_lanes = chrono_document_get_n_lanes (document);
  g_autofree guint *drawn = g_new0 (guint, MAX (n_lanes, 1));
  g_autofree guint *counted = g_new0 (guint, MAX (n_lanes, 1));
  g_autofree int *in_view = g_new (int, MAX (n_lanes, 1));
  g_autofree gboolean *has_lane = g_new0 (gboolean, MAX (n_lanes, 1));

  for (guint l = 0; l < n_lanes; l++)
    in_view[l] = -1;

  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *a = &g_array_index (entries, Entry, i);

      if (g_str_equal (a->type, "lane"))
        {
          has_lane[a->lane] = TRUE;
          if (page && a->box.y + a->box.height > check->height + SLACK)
            problem (check, "lane %d ends at %.0f, under the page (%.0f)", a->lane,
                     a->box.y + a->box.height, check->height);
        }
      if (g_str_equal (a->type, "header"))
        in_view[a->lane] = a->in_view;
      if ((g_str_equal (a->type, "marker") || g_str_equal (a->type, "bar")) && a->lane >= 0)
        drawn[a->lane]++;
      if (g_str_equal (a->type, "cluster"))
        {
          counted[a->lane] += a->count;
          check->n_clusters++;
        }

      if (!g_str_equal (a->type, "label"))
        continue;

      check->n_labels++;
      if (a->truncated)
        check->n_truncated++;

      if (a->px < check->min_px - 0.01)
        problem (check, "“%s” at %.1f px, under %.1f", a->text, a->px, check->min_px);

      if (a->box.x < -SLACK || a->box.x + a->box.width > check->width + 1 + SLACK)
        problem (check, "“%s” leaves the canvas (%.0f..%.0f)", a->text, a->box.x, a->box.x + a->box.width);

      if (g_str_equal (a->of, "cluster"))
        {
          /* The pill comes just before its label. */
          const Entry *pill = &g_array_index (entries, Entry, i - 1);
          g_autofree char *count = g_strdup_printf ("+%u", pill->count);

          if (a->truncated || strstr (a->text, count) == NULL)
            problem (check, "a cluster of %u reads “%s”", pill->count, a->text);
        }

      /* A label without its marker: the event's shape is off the canvas. */
      if ((g_str_equal (a->of, "point") || g_str_equal (a->of, "span")))
        for (guint j = 0; j < entries->len; j++)
          {
            const Entry *b = &g_array_index (entries, Entry, j);

            if (b->event == a->event && (g_str_equal (b->type, "marker") || g_str_equal (b->type, "bar")) &&
                (b->box.x + b->box.width < 0 || b->box.x > check->width))
              problem (check, "“%s” is shown but its %s is off the canvas", a->text, b->type);
          }

      for (guint j = 0; j < entries->len; j++)
        {
          const Entry *b = &g_array_index (entries, Entry, j);

          if (j == i)
            continue;
          if (g_str_equal (b->type, "label"))
            {
              if (j > i && overlap (&a->box, &b->box))
                problem (check, "“%s” overlaps “%s”", a->text, b->text);
            }
          else if (covers (b, a))
            problem (check, "“%s” (%s %d) is under a %s %s of event %d", a->text, a->of, a->event,
                     b->of, b->type, b->event);
        }
    }

  /* Nothing is drawn through a chart: lines stop at its box. */
  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *chart = &g_array_index (entries, Entry, i);

      if (!g_str_equal (chart->type, "series"))
        continue;
      for (guint j = 0; j < entries->len; j++)
        {
          const Entry *line = &g_array_index (entries, Entry, j);

          if (!g_str_equal (line->type, "line"))
            continue;
          if (line->points == NULL && overlap (&line->box, &chart->box))
            problem (check, "the today line runs through a chart");
          for (guint k = 0; line->points != NULL && k < line->n_points; k++)
            if (!isnan (line->points[2 * k]) &&
                segment_crosses (&chart->box, line->points[2 * k], line->points[2 * k + 1],
                                 line->points[2 * k], line->points[2 * k + 1]))
              {
                problem (check, "a relation of event %d runs through a chart", line->event);
                break;
              }
        }
    }

  for (guint l = 0; l < n_lanes; l++)
    {
      if (!has_lane[l])
        problem (check, "lane %u is not drawn", l);
      if (in_view[l] >= 0 && drawn[l] + counted[l] != (guint) in_view[l])
        problem (check, "lane %u has %d events in view, draws %u and counts %u in clusters",
                 l, in_view[l], drawn[l], counted[l]);
    }
}

typedef struct
{
  const char *path;
  guint       n_problems;
  guint       n_layouts;
  guint       n_labels;
  guint       n_truncated;
  guint       n_clusters;
} Totals;

static void
run_one (Totals         *totals,
         ChronoDocument *document,
         PangoContext   *context,
         double          start,
         double          end,
         double          width,
         double          height,
         gboolean        page,
         gboolean        relations)
{
  g_autoptr(ChronoScene) scene = NULL;
  g_autofree char *dump = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  ChronoStyle style;
  Check check = { 0 };

  if (page)
    {
      ChronoExportOptions options;
      ChronoExportPageScene capture;

      chrono_export_options_init (&options);
      options.width = (int) width;
      options.height = (int) height;
      options.show_relations = relations;
      /* As an export does: the page grows to hold every lane. */
      height = _chrono_export_fit_height (document, &options, (int) width, (int) height);
      _chrono_export_capture_page (document, &options, width, height, &capture);
      scene = capture.scene;
      style = capture.style;
    }
  else
    {
      ChronoLayoutParams params;

      chrono_style_init_light (&style, 1);
      chrono_layout_params_init (&params, &style, start, end, width, height);
      params.document = document;
      params.context = context;
      params.all_relations = relations;
      scene = chrono_layout_build (&params);
    }

  dump = chrono_scene_dump (scene, document, &style, 1, context);
  check.entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (check.entries, entry_clear);
  check.problems = problems;
  parse_dump (&check, dump);
  check_dump (&check, document, page);
  g_array_unref (check.entries);

  totals->n_layouts++;
  totals->n_problems += check.n_problems;
  totals->n_labels += check.n_labels;
  totals->n_truncated += check.n_truncated;
  totals->n_clusters += check.n_clusters;
  if (check.n_problems > 0)
    g_test_message ("%s %s%s %.0f×%.0f [%.0f, %.0f]: %u problems\n%s", totals->path, page ? "page" : "view",
                    relations ? " with relations" : "",
                    width, height, start, end, check.n_problems, problems->str);
}

static void
test_file (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  g_autoptr(ChronoSession) session = NULL;
  g_autoptr(GObject) context = G_OBJECT (chrono_style_create_pango_context ());
  static const double sizes[][2] = { { 1600, 900 }, { 800, 600 } };
  /* Fitted, then zoomed in around a quarter, the middle and three
   * quarters of the span. */
  static const double zooms[] = { 1, 4, 16, 64 };
  static const double centres[] = { 0.25, 0.5, 0.75 };
  Totals totals = { path };
  double start, end;

  document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, NULL, NULL, &error);
  g_assert_no_error (error);
  session = chrono_session_new ();
  chrono_session_set_document (session, document, FALSE);
  chrono_session_get_visible (session, &start, &end);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      /* Pages with and without relations. */
      run_one (&totals, document, PANGO_CONTEXT (context), 0, 0, sizes[s][0], sizes[s][1], TRUE, FALSE);
      run_one (&totals, document, PANGO_CONTEXT (context), 0, 0, sizes[s][0], sizes[s][1], TRUE, TRUE);
      for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
        for (guint c = 0; c < (z == 0 ? 1 : G_N_ELEMENTS (centres)); c++)
          {
            double span = (end - start) / zooms[z];
            double mid = z == 0 ? (start + end) / 2 : start + (end - start) * centres[c];

            /* Every relation drawn: the most lines there can be. */
            run_one (&totals, document, PANGO_CONTEXT (context), mid - span / 2, mid + span / 2,
                     sizes[s][0], sizes[s][1], FALSE, TRUE);
          }
    }

  g_test_message ("%s: %u layouts, %u labels (%u truncated), %u clusters, %u problems",
                  path, totals.n_layouts, totals.n_labels, totals.n_truncated, totals.n_clusters,
                  totals.n_problems);
  if (totals.n_problems > 0)
    g_test_fail_printf ("%u problems in the layouts of %s", totals.n_problems, path);
}

static void
add_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort_with_data (names, (GCompareDataFunc) (void (*) (void)) g_strcmp0, NULL);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *base = g_strndup (file, strlen (file) - 5);
      g_autofree char *test = g_strdup_printf ("/render/layout-invariants/%s", base);
      char *path = g_build_filename (folder, file, NULL);

      g_test_add_data_func_full (test, path, test_file, g_free);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *examples = NULL;
  g_autofree char *corpus = NULL;

  g_test_init (&argc, &argv, NULL);

  examples = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", NULL);
  corpus = g_test_build_filename (G_TEST_DIST, "data", "layout", NULL);
  add_folder (examples);
  add_folder (corpus);

  return g_test_run ();
}
