#define G_LOG_DOMAIN "chrono-test-hit"

#include "config.h"

#include "render-test-util.h"

static PangoContext *context;

static ChronoScene *
build (ChronoDocument *document,
       double          start,
       double          end)
{
  static ChronoStyle style;

  chrono_style_init_light (&style, 1);
  return render_test_build_scene (document, NULL, &style, context, start, end, 1600, 1000);
}

/* The middle of every drawn event hits that event. */
static void
test_events (void)
{
  static const char *examples[] = { "ai-talent.json", "computing-history.json" };

  for (guint e = 0; e < G_N_ELEMENTS (examples); e++)
    {
      g_autoptr(ChronoDocument) document = render_test_load_example (examples[e]);
      g_autoptr(ChronoScene) scene = NULL;
      const ChronoSceneItem *items;
      gint64 start, end;
      guint n_items, n_checked = 0;

      chrono_document_get_bounds (document, &start, &end);
      /* Computing history's last century, where events are dense. */
      if (e == 1)
        start = chrono_time_from_civil (1900, 1, 1, 0, 0, 0);
      scene = build (document, start, end);

      items = chrono_scene_get_items (scene, &n_items);
      for (guint i = 0; i < n_items; i++)
        {
          const ChronoSceneItem *item = &items[i];
          const ChronoSceneItem *hit;
          double x, y;

          if (item->kind != CHRONO_ITEM_SPAN && item->kind != CHRONO_ITEM_POINT)
            continue;

          x = CLAMP (item->bar.x + item->bar.width / 2, 1, 1599);
          y = item->bar.y + item->bar.height / 2;
          if (y < chrono_scene_get_axis_height (scene) || y >= 1000)
            continue;

          hit = chrono_scene_hit_test (scene, x, y);
          g_assert_nonnull (hit);
          g_assert_cmpint (hit->event, ==, item->event);
          g_assert_true (chrono_scene_find_event (scene, item->event) == item);

          /* Its label too, when it has one beside it. */
          if (item->label != NULL && (item->flags & CHRONO_ITEM_LABEL_OUTSIDE) &&
              item->label_rect.x > item->bar.x)
            {
              hit = chrono_scene_hit_test (scene, item->label_rect.x + item->label_rect.width / 2,
                                           item->label_rect.y + item->label_rect.height / 2);
              g_assert_nonnull (hit);
              g_assert_cmpint (hit->event, ==, item->event);
            }
          n_checked++;
        }

      g_assert_cmpuint (n_checked, >, 20);
    }
}

static void
test_misses (void)
{
  g_autoptr(ChronoDocument) document = render_test_load_example ("ai-talent.json");
  g_autoptr(ChronoScene) scene = NULL;
  gint64 start, end;

  chrono_document_get_bounds (document, &start, &end);
  scene = build (document, start, end);

  /* The axis, outside the view, and far left before any event. */
  g_assert_null (chrono_scene_hit_test (scene, 800, 5));
  g_assert_null (chrono_scene_hit_test (scene, -10, 500));
  g_assert_null (chrono_scene_hit_test (scene, 800, 1200));
  g_assert_null (chrono_scene_hit_test (scene, 1700, 500));
}

static void
test_clusters (void)
{
  g_autoptr(ChronoDocument) document = render_test_load_example ("computing-history.json");
  g_autoptr(ChronoScene) scene = NULL;
  const ChronoSceneItem *items;
  gint64 start, end;
  guint n_items, n_clusters = 0;

  /* Zoomed all the way out, human history is one crowded column. */
  chrono_document_get_bounds (document, &start, &end);
  scene = build (document, start, end);

  items = chrono_scene_get_items (scene, &n_items);
  for (guint i = 0; i < n_items; i++)
    if (items[i].kind == CHRONO_ITEM_CLUSTER &&
        items[i].rect.y + items[i].rect.height / 2 < 1000)
      {
        const ChronoSceneItem *hit = chrono_scene_hit_test (scene, items[i].rect.x + items[i].rect.width / 2,
                                                            items[i].rect.y + items[i].rect.height / 2);

        if (hit == NULL)
          g_error ("no hit on the cluster at %g,%g %gx%g", items[i].rect.x, items[i].rect.y,
                   items[i].rect.width, items[i].rect.height);
        g_assert_cmpint (hit->kind, ==, CHRONO_ITEM_CLUSTER);
        g_assert_cmpuint (hit->count, >, 1);
        n_clusters++;
      }

  g_assert_cmpuint (n_clusters, >=, 1);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  context = chrono_style_create_pango_context ();

  g_test_add_func ("/render/hit/events", test_events);
  g_test_add_func ("/render/hit/misses", test_misses);
  g_test_add_func ("/render/hit/clusters", test_clusters);

  status = g_test_run ();
  g_object_unref (context);

  return status;
}
