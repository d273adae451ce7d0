#define G_LOG_DOMAIN "chrono-bench"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <time.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "chrono-edge-hints.h"
#include "chrono-edit.h"
#include "chrono-export-private.h"
#include "chrono-layout.h"
#include "chrono-loader.h"
#include "chrono-writer.h"
#include "chrono-renderer.h"
#include "chrono-scene-dump.h"
#include "chrono-session.h"

#define WIDTH 1920
#define HEIGHT 1080
#define REPEATS 15

static const char *words[] = {
  "research", "director", "founding", "team", "pre-training", "launch",
  "keynote", "acquisition", "series", "funding", "model", "release",
  "department", "laboratory", "announcement", "partnership", "conference",
  "quarterly", "infrastructure", "autonomy",
};

/* Writes @json to a new temporary file named after @tmpl; returns its
 * path. */
static char *
write_tmp (const GString *json,
           const char    *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd;

  fd = g_file_open_tmp (tmpl, &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, json->str, json->len, &error);
  g_assert_no_error (error);

  return path;
}

/* Writes N synthetic events as a native file: 10 lanes, 30 years, half
 * points and half spans, long titles. */
static char *
generate (guint n)
{
  g_autoptr(GString) json = g_string_sized_new ((gsize) n * 150);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260519);

  g_string_append (json, "{\n  \"chronoscope\": 1,\n  \"title\": \"Benchmark\",\n  \"lanes\": [\n");
  for (guint l = 0; l < 10; l++)
    g_string_append_printf (json, "    { \"id\": \"lane%u\", \"title\": \"Lane %u\", \"kind\": \"person\" }%s\n",
                            l, l, l < 9 ? "," : "");
  g_string_append (json, "  ],\n  \"events\": [\n");

  for (guint i = 0; i < n; i++)
    {
      int year = g_rand_int_range (rand, 1995, 2025);
      int month = g_rand_int_range (rand, 1, 13);
      int day = g_rand_int_range (rand, 1, 29);

      g_string_append_printf (json, "    { \"id\": \"e%u\", \"lane\": \"lane%u\", \"title\": \"%s %s %s %s event number %u\", "
                              "\"start\": \"%04d-%02d-%02d\"",
                              i, g_rand_int_range (rand, 0, 10),
                              words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                              words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                              words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                              words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                              i, year, month, day);
      if (i % 2 == 1)
        {
          int length = g_rand_int_range (rand, 1, 800);
          gint64 end = chrono_time_from_civil (year, month, day, 0, 0, 0) + (gint64) length * CHRONO_SECONDS_PER_DAY;
          gint64 end_year;
          int end_month, end_day;

          chrono_time_to_civil (end, &end_year, &end_month, &end_day, NULL, NULL, NULL, NULL);
          g_string_append_printf (json, ", \"end\": \"%04d-%02d-%02d\"", (int) end_year, end_month, end_day);
        }
      g_string_append (json, i + 1 < n ? " },\n" : " }\n");
    }
  g_string_append (json, "  ]\n}\n");

  return write_tmp (json, "chronoscope-bench-XXXXXX.json");
}

/* CPU time of this thread in microseconds: frames are measured in CPU
 * time so that other work on a shared machine does not count. */
static gint64
cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);

  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), (int (*) (const void *, const void *)) compare_double);
  return values[n / 2];
}

/* One frame, timed in two parts: layout and render, in milliseconds.
 * The scene goes to @out_scene when that is not NULL. */
static void
frame_parts (ChronoDocument    *document,
             ChronoFilter      *filter,
             const ChronoStyle *style,
             PangoContext      *context,
             ChronoLayoutCache *cache,
             cairo_t           *cr,
             double             start,
             double             end,
             double            *layout_ms,
             double            *render_ms,
             ChronoScene      **out_scene)
{
  ChronoLayoutParams params;
  ChronoScene *scene;
  gint64 begin = cpu_time ();
  gint64 middle;

  chrono_layout_params_init (&params, style, start, end, WIDTH, HEIGHT);
  params.document = document;
  params.filter = filter;
  params.context = context;
  params.cache = cache;
  scene = chrono_layout_build (&params);
  middle = cpu_time ();
  chrono_renderer_draw (cr, scene, style);
  cairo_surface_flush (cairo_get_target (cr));
  *layout_ms = (middle - begin) / 1000.0;
  *render_ms = (cpu_time () - middle) / 1000.0;

  if (out_scene != NULL)
    *out_scene = scene;
  else
    chrono_scene_unref (scene);
}

/* One frame: layout + render, in milliseconds. */
static double
frame (ChronoDocument    *document,
       ChronoFilter      *filter,
       const ChronoStyle *style,
       PangoContext      *context,
       ChronoLayoutCache *cache,
       cairo_t           *cr,
       double             start,
       double             end,
       ChronoScene      **out_scene)
{
  double layout_ms, render_ms;

  frame_parts (document, filter, style, context, cache, cr, start, end,
               &layout_ms, &render_ms, out_scene);

  return layout_ms + render_ms;
}

/* Layout and render of one frame apart, in milliseconds. */
static void
frame_split (ChronoDocument    *document,
             ChronoFilter      *filter,
             const ChronoStyle *style,
             PangoContext      *context,
             ChronoLayoutCache *cache,
             cairo_t           *cr,
             double             start,
             double             end,
             double            *layout_ms,
             double            *render_ms)
{
  double layout_times[REPEATS];
  double render_times[REPEATS];

  for (guint i = 0; i < REPEATS; i++)
    frame_parts (document, filter, style, context, cache, cr, start, end,
                 &layout_times[i], &render_times[i], NULL);

  *layout_ms = median (layout_times, REPEATS);
  *render_ms = median (render_times, REPEATS);
}

static double
frame_median (ChronoDocument    *document,
              ChronoFilter      *filter,
              const ChronoStyle *style,
              PangoContext      *context,
              ChronoLayoutCache *cache,
              cairo_t           *cr,
              double             start,
              double             end)
{
  double times[REPEATS];

  for (guint i = 0; i < REPEATS; i++)
    times[i] = frame (document, filter, style, context, cache, cr, start, end, NULL);

  return median (times, REPEATS);
}

/* The reference: Python's C json.load of @path, in a python3 process
 * that times itself (reading the file and parsing, not its start-up).
 * Returns milliseconds, or -1 without python3. */
static double
reference_parse (const char *path)
{
  const char *argv[] = {
    "python3", "-c",
    "import json, sys, time\n"
    "t = time.perf_counter()\n"
    "with open(sys.argv[1], 'rb') as f: json.load(f)\n"
    "print(time.perf_counter() - t)\n",
    path, NULL
  };
  g_autofree char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return -1;
  return g_ascii_strtod (out, NULL) * 1000;
}

/* A field of /proc/self/status in kilobytes (VmHWM, VmRSS), or 0. */
static gsize
status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, field)) == NULL)
    return 0;
  return strtoul (line + strlen (field), NULL, 10);
}

/* Starts the peak (VmHWM) over from the current RSS. */
static void
reset_peak_rss (void)
{
  g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
}

typedef struct
{
  double first_frame_ms;
  double stall_ms;
  double stall_cpu_ms;
  double peak_mb;
  double steady_mb;
} AppRun;

static int
compare_app_runs (gconstpointer a,
                  gconstpointer b)
{
  double da = ((const AppRun *) a)->first_frame_ms, db = ((const AppRun *) b)->first_frame_ms;

  return da < db ? -1 : da > db;
}

/*
 * The real app on @path, as bench/measure-first-frame.py runs it (see
 * src/app/chrono-frame-probe.c): launch to the first frame, the longest
 * main-loop stall after the document came in, and the app's own peak
 * and steady RSS (SETTLE_MS after the first frame).  The median run by
 * first frame of @runs.  FALSE without a display or without the app
 * next to this program's build directory.
 */
#define SETTLE_MS 3000

static gboolean
run_app (const char *bench_path,
         const char *path,
         guint       runs,
         AppRun     *out)
{
  g_autofree char *bench_dir = g_path_get_dirname (bench_path);
  g_autofree char *app = g_build_filename (bench_dir, "..", "src", "chronoscope", NULL);
  g_autofree char *schemas = g_build_filename (bench_dir, "..", "data", NULL);
  g_autoptr(GArray) results = g_array_new (FALSE, TRUE, sizeof (AppRun));
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *settle = g_strdup_printf ("%d", SETTLE_MS);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return FALSE;
  if (!g_file_test (app, G_FILE_TEST_IS_EXECUTABLE))
    return FALSE;

  env = g_environ_setenv (env, "CHRONOSCOPE_FIRST_FRAME_QUIT", settle, TRUE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  env = g_environ_setenv (env, "GSETTINGS_SCHEMA_DIR", schemas, TRUE);

  for (guint r = 0; r < runs; r++)
    {
      const char *argv[] = { app, path, NULL };
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;
      AppRun run = { -1, 0, 0, 0, 0 };
      gint64 start = g_get_monotonic_time ();
      int status;

      if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDERR_TO_DEV_NULL,
                         NULL, NULL, &text, NULL, &status, NULL))
        return FALSE;
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) parts = g_strsplit (lines[i], " ", 2);

          if (parts[0] == NULL || parts[1] == NULL)
            continue;
          if (strcmp (parts[0], "first-frame") == 0 && run.first_frame_ms < 0)
            run.first_frame_ms = (g_ascii_strtoll (parts[1], NULL, 10) - start) / 1000.0;
          else if (strcmp (parts[0], "longest-stall") == 0)
            run.stall_ms = g_ascii_strtod (parts[1], NULL);
          else if (strcmp (parts[0], "longest-stall-cpu") == 0)
            run.stall_cpu_ms = g_ascii_strtod (parts[1], NULL);
          else if (strcmp (parts[0], "rss-peak") == 0)
            run.peak_mb = g_ascii_strtod (parts[1], NULL) / 1024;
          else if (strcmp (parts[0], "rss-now") == 0)
            run.steady_mb = g_ascii_strtod (parts[1], NULL) / 1024;
        }
      if (run.first_frame_ms < 0)
        return FALSE;
      g_array_append_val (results, run);
    }

  g_array_sort (results, compare_app_runs);
  *out = g_array_index (results, AppRun, results->len / 2);
  return TRUE;
}

/* The loader as the application uses it: on a worker thread, timed until
 * the document is back on this thread. */
typedef struct
{
  GMainLoop      *loop;
  ChronoDocument *document;
  GError         *error;
  gint64          end;
} LoadJob;

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  LoadJob *job = data;

  job->document = chrono_loader_load_file_finish (result, NULL, &job->error);
  job->end = g_get_monotonic_time ();
  g_main_loop_quit (job->loop);
}

/* Hands freed memory back, so that each timing starts from the same
 * kind of heap instead of the blocks the previous one left. */
static void
settle_heap (void)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}


/* Edits at this size: each kind on random events, the edit, its undo and
 * its redo timed apart (CPU time of this thread, milliseconds); the
 * worst cases (the earliest event moved past the last, an event added
 * before all others) once; then frames with many edits applied. */
typedef enum
{
  EDIT_MOVE,
  EDIT_TITLE,
  EDIT_ADD,
  EDIT_REMOVE,
  N_EDIT_KINDS
} EditKind;

static const char *edit_names[] = { "move", "title", "add", "remove" };

static void
apply_edit (ChronoEditStack *stack,
            EditKind         kind,
            GRand           *rand,
            guint            serial)
{
  ChronoDocument *document = chrono_edit_stack_get_document (stack);
  guint n = chrono_document_get_n_events (document);
  guint p = g_rand_int_range (rand, 0, n);
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  switch (kind)
    {
    case EDIT_MOVE:
      ok = chrono_edit_stack_move_events (stack, &p, 1, 30 * CHRONO_SECONDS_PER_DAY, NULL, &error);
      break;

    case EDIT_TITLE:
      {
        g_autofree char *title = g_strdup_printf ("Edited title %u", serial);

        ok = chrono_edit_stack_set_title (stack, p, title, &error);
      }
      break;

    case EDIT_ADD:
      {
        g_autofree char *id = g_strdup_printf ("added-%u", serial);
        ChronoEventDraft draft = { .id = id, .title = "An added event", .lane = "lane3" };

        chrono_date_init_civil (&draft.start, g_rand_int_range (rand, 1995, 2025),
                                g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29),
                                0, 0, 0, CHRONO_PRECISION_DAY);
        ok = chrono_edit_stack_add_event (stack, &draft, NULL, &error);
      }
      break;

    case EDIT_REMOVE:
    default:
      ok = chrono_edit_stack_remove_events (stack, &p, 1, &error);
      break;
    }

  if (!ok)
    g_error ("edit failed: %s", error ? error->message : "?");
}

static void
run_edits (ChronoDocument    *document,
           ChronoFilter      *filter,
           const ChronoStyle *style,
           PangoContext      *context,
           ChronoLayoutCache *cache,
           cairo_t           *cr)
{
  g_autoptr(ChronoEditStack) stack = chrono_edit_stack_new (document);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GString) line = g_string_new (NULL);
  enum { TRIES = 31 };
  double times[3][TRIES];
  double thaw_ms, worst_move[3], worst_add[3];
  double full_ms, day_ms, after_edit_ms;
  gint64 begin, bounds_start, bounds_end;
  gsize strings = 0;
  double centre;
  guint serial = 0;
  guint p;

  /* The first edit of a document makes its order arrays. */
  begin = cpu_time ();
  apply_edit (stack, EDIT_TITLE, rand, serial++);
  thaw_ms = (cpu_time () - begin) / 1000.0;
  chrono_edit_stack_undo (stack);

  for (EditKind kind = 0; kind < N_EDIT_KINDS; kind++)
    {
      for (guint t = 0; t < TRIES; t++)
        {
          begin = cpu_time ();
          apply_edit (stack, kind, rand, serial++);
          times[0][t] = (cpu_time () - begin) / 1000.0;
          begin = cpu_time ();
          chrono_edit_stack_undo (stack);
          times[1][t] = (cpu_time () - begin) / 1000.0;
          begin = cpu_time ();
          chrono_edit_stack_redo (stack);
          times[2][t] = (cpu_time () - begin) / 1000.0;
          chrono_edit_stack_undo (stack);
        }
      g_string_append_printf (line, "%s %.3f/%.3f/%.3f ms  ", edit_names[kind],
                              median (times[0], TRIES), median (times[1], TRIES), median (times[2], TRIES));
    }

  /* Worst cases: every handle of the order shifts. */
  p = 0;
  begin = cpu_time ();
  chrono_edit_stack_move_events (stack, &p, 1, 40 * CHRONO_SECONDS_PER_YEAR, NULL, NULL);
  worst_move[0] = (cpu_time () - begin) / 1000.0;
  begin = cpu_time ();
  chrono_edit_stack_undo (stack);
  worst_move[1] = (cpu_time () - begin) / 1000.0;
  begin = cpu_time ();
  chrono_edit_stack_redo (stack);
  worst_move[2] = (cpu_time () - begin) / 1000.0;
  chrono_edit_stack_undo (stack);
  {
    ChronoEventDraft draft = { .id = "first-of-all", .title = "First", .lane = "lane0" };

    chrono_date_init_civil (&draft.start, 1900, 1, 1, 0, 0, 0, CHRONO_PRECISION_YEAR);
    begin = cpu_time ();
    chrono_edit_stack_add_event (stack, &draft, NULL, NULL);
    worst_add[0] = (cpu_time () - begin) / 1000.0;
    begin = cpu_time ();
    chrono_edit_stack_undo (stack);
    worst_add[1] = (cpu_time () - begin) / 1000.0;
    begin = cpu_time ();
    chrono_edit_stack_redo (stack);
    worst_add[2] = (cpu_time () - begin) / 1000.0;
    chrono_edit_stack_undo (stack);
  }

  g_print ("%8s         (edit/undo/redo: %s\n", "", line->str);
  g_print ("%8s          worst move %.2f/%.2f/%.2f ms  worst add %.2f/%.2f/%.2f ms  first edit %.1f ms)\n", "",
           worst_move[0], worst_move[1], worst_move[2], worst_add[0], worst_add[1], worst_add[2], thaw_ms);

  /* Frames with 1,000 edits in: a quarter of each kind. */
  for (guint i = 0; i < 1000; i++)
    apply_edit (stack, i % N_EDIT_KINDS, rand, serial++);

  chrono_document_get_bounds (document, &bounds_start, &bounds_end);
  centre = bounds_start + (bounds_end - bounds_start) * 0.5;
  frame (document, filter, style, context, cache, cr, bounds_start, bounds_end, NULL);
  full_ms = frame_median (document, filter, style, context, cache, cr, bounds_start, bounds_end);
  day_ms = frame_median (document, filter, style, context, cache, cr, centre, centre + CHRONO_SECONDS_PER_DAY);
  apply_edit (stack, EDIT_MOVE, rand, serial++);
  after_edit_ms = frame (document, filter, style, context, cache, cr, bounds_start, bounds_end, NULL);

  g_print ("%8s         (with 1000 edits: frame all %.2f ms, 1 day %.2f ms, the frame after one more edit %.2f ms; "
           "model %.0f B/event)\n", "", full_ms, day_ms, after_edit_ms,
           (double) chrono_document_get_memory_size (document, &strings) / chrono_document_get_n_events (document));
}

/* The designs considered for editing, timed on plain arrays the size of
 * a document of @n events (docs/architecture.md, "Editing"):
 * - structs: the start-sorted array of 112-byte events edited in place:
 *   an insertion in the middle moves half the events and renumbers half
 *   the id table's entries and the tree;
 * - handles: what the model does: 4-byte handles move, the back map and
 *   the tree are repaired over the moved range;
 * - rebuild: a new immutable document per edit: copy every event,
 *   rebuild the tree;
 * - overlay: the base stays, edits sit in a sorted side array, and every
 *   get_event() asks it where a position falls: the cost is on reads,
 *   timed as one pass over all positions with 1,000 edits. */
static void
run_designs (guint n)
{
  typedef struct { char bytes[112]; gint64 end; } Event;
  g_autofree Event *events = g_new0 (Event, n + 1);
  g_autofree Event *copy = g_new (Event, n + 1);
  g_autofree guint32 *order = g_new (guint32, n + 1);
  g_autofree guint32 *where = g_new (guint32, n + 1);
  g_autofree gint64 *max_end = g_new (gint64, n + 1);
  g_autofree guint32 *overlay = g_new (guint32, 1000);
  double structs_ms, handles_ms, rebuild_ms, overlay_ms, direct_ms;
  guint half = n / 2;
  volatile gint64 sink = 0;
  gint64 begin;

  for (guint i = 0; i < n; i++)
    {
      events[i].end = i;
      order[i] = where[i] = i;
    }
  for (guint i = 0; i < 1000; i++)
    overlay[i] = (guint32) ((guint64) i * n / 1000);

  /* structs: shift half the events, renumber them (the index field and
   * the id table, approximated by the back map), redo half the tree. */
  begin = cpu_time ();
  memmove (&events[half + 1], &events[half], sizeof (Event) * (n - half));
  for (guint i = half; i <= n; i++)
    {
      *(guint32 *) events[i].bytes = i;
      where[i] = i;
    }
  for (guint i = half; i <= n; i++)
    max_end[i] = events[i].end;
  structs_ms = (cpu_time () - begin) / 1000.0;

  /* handles: shift half the handles, redo their back map and tree. */
  begin = cpu_time ();
  memmove (&order[half + 1], &order[half], sizeof (guint32) * (n - half));
  order[half] = n;
  for (guint i = half; i <= n; i++)
    where[order[i]] = i;
  for (guint i = half; i <= n; i++)
    max_end[i] = events[order[i] < n ? order[i] : 0].end;
  handles_ms = (cpu_time () - begin) / 1000.0;

  /* rebuild: copy everything and build the tree. */
  begin = cpu_time ();
  memcpy (copy, events, sizeof (Event) * n);
  for (guint i = 0; i < n; i++)
    max_end[i] = copy[i].end;
  rebuild_ms = (cpu_time () - begin) / 1000.0;

  /* Reads: every position, directly and through an overlay's search. */
  begin = cpu_time ();
  for (guint i = 0; i < n; i++)
    sink += events[i].end;
  direct_ms = (cpu_time () - begin) / 1000.0;
  begin = cpu_time ();
  for (guint i = 0; i < n; i++)
    {
      guint lo = 0, hi = 1000;

      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (overlay[mid] < i)
            lo = mid + 1;
          else
            hi = mid;
        }
      sink += events[i - lo].end;
    }
  overlay_ms = (cpu_time () - begin) / 1000.0;

  g_print ("%8u events: insert in the middle: structs %.2f ms, handles %.2f ms, rebuild %.2f ms; "
           "reading every event: direct %.2f ms, through an overlay of 1000 edits %.2f ms\n",
           n, structs_ms, handles_ms, rebuild_ms, direct_ms, overlay_ms);
  (void) sink;
}

static void
run_case (const char *bench_path,
          guint       n,
          guint       app_runs)
{
  g_autofree char *path = generate (n);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  LoadJob load_job = { NULL, NULL, NULL, 0 };
  g_autoptr(ChronoFilter) filter = chrono_filter_new ();
  g_autoptr(GObject) context = NULL;
  g_autoptr(ChronoLayoutCache) cache = chrono_layout_cache_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  ChronoStyle style;
  ChronoScene *scene = NULL;
  double reference_ms, load_ms, save_ms, first_ms, full_ms, year_ms, day_ms, zoom_ms, hit_us;
  double full_layout_ms, full_render_ms, day_layout_ms, day_render_ms;
  double zoom_times[REPEATS];
  gint64 begin, bounds_start, bounds_end;
  gsize strings = 0, model;
  double centre;
  guint hits = 0;

  gsize peak_kb, steady_kb;
  AppRun app_run = { 0 };
  gboolean have_app;

  reference_ms = reference_parse (path);

  settle_heap ();
  reset_peak_rss ();
  load_job.loop = loop;
  begin = g_get_monotonic_time ();
  chrono_loader_load_file_async (file, CHRONO_LOAD_DEFAULT, NULL, NULL, NULL, load_done, &load_job);
  g_main_loop_run (loop);
  g_assert_no_error (load_job.error);
  document = g_steal_pointer (&load_job.document);
  load_ms = (load_job.end - begin) / 1000.0;
  peak_kb = status_kb ("VmHWM:");
  steady_kb = status_kb ("VmRSS:");

  /* Saving, as the app saves: the native writer, atomically, over the
   * file just loaded (its size and the page cache as loading had them). */
  settle_heap ();
  begin = g_get_monotonic_time ();
  if (!chrono_writer_write_file (document, CHRONO_FORMAT_NATIVE, file, NULL, &error))
    g_error ("%s", error->message);
  save_ms = (g_get_monotonic_time () - begin) / 1000.0;

  have_app = app_runs > 0 && run_app (bench_path, path, app_runs, &app_run);
  g_unlink (path);

  model = chrono_document_get_memory_size (document, &strings);

  chrono_style_init_light (&style, 1);
  context = G_OBJECT (chrono_style_create_pango_context ());
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (surface);

  chrono_document_get_bounds (document, &bounds_start, &bounds_end);
  centre = bounds_start + (bounds_end - bounds_start) * 0.5;

  /* The first frame pays for measuring labels; later ones use the cache. */
  first_ms = frame (document, filter, &style, PANGO_CONTEXT (context), cache, cr,
                    bounds_start, bounds_end, NULL);
  full_ms = frame_median (document, filter, &style, PANGO_CONTEXT (context), cache, cr,
                          bounds_start, bounds_end);
  year_ms = frame_median (document, filter, &style, PANGO_CONTEXT (context), cache, cr,
                          centre, centre + CHRONO_SECONDS_PER_YEAR);
  day_ms = frame_median (document, filter, &style, PANGO_CONTEXT (context), cache, cr,
                         centre, centre + CHRONO_SECONDS_PER_DAY);
  frame_split (document, filter, &style, PANGO_CONTEXT (context), cache, cr,
               bounds_start, bounds_end, &full_layout_ms, &full_render_ms);
  frame_split (document, filter, &style, PANGO_CONTEXT (context), cache, cr,
               centre, centre + CHRONO_SECONDS_PER_DAY, &day_layout_ms, &day_render_ms);

  /* One zoom step: the viewport maths plus the frame it asks for. */
  for (guint i = 0; i < REPEATS; i++)
    {
      ChronoViewport vp;

      begin = cpu_time ();
      chrono_viewport_init (&vp, centre - 2.0 * CHRONO_SECONDS_PER_YEAR, centre + 2.0 * CHRONO_SECONDS_PER_YEAR, WIDTH);
      chrono_viewport_zoom (&vp, 1.25, WIDTH * 0.3);
      frame (document, filter, &style, PANGO_CONTEXT (context), cache, cr,
             chrono_viewport_get_start (&vp), chrono_viewport_get_end (&vp), NULL);
      zoom_times[i] = (cpu_time () - begin) / 1000.0;
    }
  zoom_ms = median (zoom_times, REPEATS);

  /* Hit-testing: many points over a 1-year view. */
  frame (document, filter, &style, PANGO_CONTEXT (context), cache, cr,
         centre, centre + CHRONO_SECONDS_PER_YEAR, &scene);
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (7);
    const guint n_tests = 100000;

    begin = cpu_time ();
    for (guint i = 0; i < n_tests; i++)
      if (chrono_scene_hit_test (scene, g_rand_double_range (rand, 0, WIDTH),
                                 g_rand_double_range (rand, 0, HEIGHT)) != NULL)
        hits++;
    hit_us = (cpu_time () - begin) / (double) n_tests;
  }
  chrono_scene_unref (scene);

  g_print ("%8u events: load %8.1f ms  python json.load %8.1f ms (load %.2fx)  RSS peak %4.0f MB, steady %4.0f MB  "
           "first frame %7.1f ms  frame all %6.2f ms  1 year %6.2f ms  1 day %6.2f ms  zoom step %6.2f ms  "
           "hit %5.2f us (%u%% hits)  model %5.0f B/event (+%.0f B strings)\n",
           n, load_ms, reference_ms, reference_ms > 0 ? load_ms / reference_ms : 0,
           peak_kb / 1024.0, steady_kb / 1024.0, first_ms,
           full_ms, year_ms, day_ms, zoom_ms, hit_us, hits / 1000,
           (double) model / n, (double) strings / n);
  g_print ("%8s         (layout + render: all %.2f + %.2f ms, 1 day %.2f + %.2f ms)\n", "",
           full_layout_ms, full_render_ms, day_layout_ms, day_render_ms);
  g_print ("%8s         (save %.1f ms: %.2f x the load)\n", "", save_ms, save_ms / load_ms);

  /* The widget's edge hints: the index, built once per document and
   * filter, then counts and pills for a one-day view each frame. */
  {
    g_autoptr(ChronoEdgeIndex) index = NULL;
    ChronoEdgeHints hints = { 0 };
    double index_ms, hints_us;

    begin = cpu_time ();
    index = chrono_edge_index_new (document, NULL);
    index_ms = (cpu_time () - begin) / 1000.0;
    begin = cpu_time ();
    for (guint i = 0; i < 1000; i++)
      {
        chrono_edge_hints_init (&hints, index, centre + i, centre + i + CHRONO_SECONDS_PER_DAY,
                                &style, PANGO_CONTEXT (context), WIDTH, 44);
        chrono_edge_hints_clear (&hints);
      }
    hints_us = (cpu_time () - begin) / 1000.0;
    g_print ("%8s         (edge hints: index %.1f ms once, %.1f us a frame)\n", "", index_ms, hints_us);
  }
  if (have_app)
    g_print ("%8s         (app: launch to first frame %.0f ms, longest main-loop stall %.0f ms (CPU %.0f ms), "
             "RSS peak %.0f MB, steady %.0f MB; median of %u runs)\n", "",
             app_run.first_frame_ms, app_run.stall_ms, app_run.stall_cpu_ms,
             app_run.peak_mb, app_run.steady_mb, app_runs);

  run_edits (document, filter, &style, PANGO_CONTEXT (context), cache, cr);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

typedef enum
{
  IDS_PLAIN,       /* "e0", "e1", … */
  IDS_SEQUENTIAL,  /* "0", "1", … "lfls": base 36, as database exports write them */
  IDS_CRAFTED,     /* 2^k strings of k blocks "Ab" or "BA": one g_str_hash value */
  IDS_MEMBERS,     /* no events; an x- object with that many crafted member names */
} IdKind;

static void
append_id (GString *s,
           IdKind   kind,
           guint    i,
           guint    k)
{
  static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  char buf[16];
  guint p = sizeof buf - 1;

  switch (kind)
    {
    case IDS_PLAIN:
      g_string_append_printf (s, "e%u", i);
      break;
    case IDS_SEQUENTIAL:
      buf[p] = '\0';
      do
        {
          buf[--p] = digits[i % 36];
          i /= 36;
        }
      while (i > 0);
      g_string_append (s, buf + p);
      break;
    case IDS_CRAFTED:
    case IDS_MEMBERS:
    default:
      for (guint b = 0; b < k; b++)
        g_string_append (s, (i >> b) & 1 ? "BA" : "Ab");
      break;
    }
}

/* Writes @n short events (one lane, ids of @kind) to a temporary file. */
static char *
generate_ids (guint  n,
              IdKind kind)
{
  g_autoptr(GString) json = g_string_sized_new ((gsize) n * 64);
  guint k = g_bit_storage (MAX (n, 2) - 1);

  g_string_append (json, "{\"chronoscope\": 1, \"lanes\": [{\"id\": \"l\", \"title\": \"L\"}],\n");
  if (kind == IDS_MEMBERS)
    {
      g_string_append (json, "\"events\": [],\n\"x-map\": {");
      for (guint i = 0; i < n; i++)
        {
          g_string_append (json, i > 0 ? ",\n\"" : "\n\"");
          append_id (json, kind, i, k);
          g_string_append (json, "\": 0");
        }
      g_string_append (json, "}}\n");
    }
  else
    {
      g_string_append (json, "\"events\": [\n");
      for (guint i = 0; i < n; i++)
        {
          g_string_append (json, "{\"id\": \"");
          append_id (json, kind, i, k);
          g_string_append_printf (json, "\", \"lane\": \"l\", \"title\": \"Event %u\", \"start\": \"%u-%02u\"}%s\n",
                                  i, 1900 + i % 120, 1 + i % 12, i + 1 < n ? "," : "");
        }
      g_string_append (json, "]}\n");
    }

  return write_tmp (json, "chronoscope-bench-ids-XXXXXX.json");
}

/* Loads a file of @n ids of @kind through the real loader and prints the
 * wall time: loading must stay linear whatever the ids are. */
static void
run_ids_case (guint  n,
              IdKind kind)
{
  static const char * const names[] = {
    "ids e0, e1, ...", "ids 0, 1, ... (base 36)", "crafted colliding ids", "x- object, crafted members",
  };
  g_autofree char *path = generate_ids (n, kind);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  gint64 begin;
  double ms;

  settle_heap ();
  begin = g_get_monotonic_time ();
  document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, NULL, NULL, &error);
  ms = (g_get_monotonic_time () - begin) / 1000.0;
  g_unlink (path);

  if (document != NULL)
    g_print ("%8u %-28s load %8.1f ms\n", n, names[kind], ms);
  else
    g_print ("%8u %-28s refused in %8.1f ms: %s\n", n, names[kind], ms, error->message);
}

static gboolean
parse_range (const char *text,
             double     *start,
             double     *end)
{
  g_auto(GStrv) parts = g_strsplit (text, "..", 2);
  ChronoDate a, b;

  if (g_strv_length (parts) != 2 ||
      !chrono_date_parse (parts[0], FALSE, &a, NULL, NULL) ||
      !chrono_date_parse (parts[1], FALSE, &b, NULL, NULL))
    return FALSE;

  *start = (double) a.time;
  *end = (double) chrono_date_get_period_end (&b);

  return *end > *start;
}

/* Loads @input and its fitted span (or @range), and a style: what
 * --dump and --render start from.  Returns NULL after printing why. */
static ChronoDocument *
open_view (const char     *input,
           const char     *range,
           gboolean        dark,
           double          scale,
           ChronoSession **session,
           ChronoStyle    *style,
           double         *start,
           double         *end)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (input);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;

  document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, NULL, NULL, &error);
  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return NULL;
    }

  *session = chrono_session_new ();
  chrono_session_set_document (*session, document, FALSE);
  chrono_session_get_visible (*session, start, end);
  if (range != NULL && !parse_range (range, start, end))
    {
      g_printerr ("Bad range “%s”: use START..END, e.g. 2015..2026\n", range);
      g_clear_object (session);
      return NULL;
    }

  if (dark)
    chrono_style_init_dark (style, scale);
  else
    chrono_style_init_light (style, scale);

  return g_steal_pointer (&document);
}

/* Writes the scene of @input at @range (else fitted) and the size as
 * JSON lines to @out ("-" for standard output): see docs/layout.md. */
static int
dump_file (const char *out,
           const char *input,
           const char *range,
           gboolean    dark,
           int         width,
           int         height,
           double      scale,
           gboolean    page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  g_autoptr(ChronoSession) session = NULL;
  g_autoptr(ChronoScene) scene = NULL;
  g_autofree char *text = NULL;
  ChronoLayoutParams params;
  ChronoStyle style;
  double start, end;

  document = open_view (input, range, dark, scale, &session, &style, &start, &end);
  if (document == NULL)
    return 1;

  if (page)
    {
      ChronoExportOptions options;
      ChronoExportPageScene capture;

      chrono_export_options_init (&options);
      options.width = width;
      options.height = height;
      options.scale = scale;
      options.dark = dark;
      options.has_range = range != NULL;
      options.start = start;
      options.end = end;
      _chrono_export_capture_page (document, &options, width * scale,
                                   _chrono_export_fit_height (document, &options, width * scale, height * scale),
                                   &capture);
      scene = capture.scene;
      style = capture.style;
    }
  else
    {
      chrono_layout_params_init (&params, &style, start, end, width * scale, height * scale);
      params.document = document;
      params.filter = chrono_session_get_filter (session);
      scene = chrono_layout_build (&params);
    }
  text = chrono_scene_dump (scene, document, &style, scale, NULL);

  if (g_strcmp0 (out, "-") == 0)
    {
      fputs (text, stdout);
      return 0;
    }
  if (!g_file_set_contents (out, text, -1, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  return 0;
}

static int
render_file (const char *out,
             const char *input,
             const char *range,
             gboolean    dark,
             int         width,
             int         height,
             double      scale,
             int         repeat)
{
  g_autoptr(ChronoDocument) document = NULL;
  g_autoptr(ChronoSession) session = NULL;
  g_autoptr(ChronoScene) scene = NULL;
  ChronoLayoutParams params;
  ChronoStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  double start, end;

  document = open_view (input, range, dark, scale, &session, &style, &start, &end);
  if (document == NULL)
    return 1;

  chrono_layout_params_init (&params, &style, start, end, width * scale, height * scale);
  params.document = document;
  params.filter = chrono_session_get_filter (session);
  scene = chrono_layout_build (&params);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  cr = cairo_create (surface);
  chrono_renderer_draw (cr, scene, &style);

  /* Timing the sample itself: layout + render, median of @repeat. */
  if (repeat > 0)
    {
      g_autofree double *times = g_new (double, repeat);
      g_autoptr(ChronoLayoutCache) cache = chrono_layout_cache_new ();
      g_autoptr(GObject) measure = G_OBJECT (chrono_style_create_pango_context ());

      params.cache = cache;
      params.context = PANGO_CONTEXT (measure);
      for (int i = 0; i < repeat; i++)
        {
          gint64 begin = cpu_time ();
          ChronoScene *again = chrono_layout_build (&params);

          chrono_renderer_draw (cr, again, &style);
          cairo_surface_flush (surface);
          chrono_scene_unref (again);
          times[i] = (cpu_time () - begin) / 1000.0;
        }
      g_print ("%s: %d frames, median %.2f ms (layout + render)\n", input, repeat, median (times, repeat));
    }

  cairo_destroy (cr);
  if (cairo_surface_write_to_png (surface, out) != CAIRO_STATUS_SUCCESS)
    {
      g_printerr ("Cannot write %s\n", out);
      cairo_surface_destroy (surface);
      return 1;
    }
  cairo_surface_destroy (surface);

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *render = NULL;
  g_autofree char *dump = NULL;
  gboolean page = FALSE;
  g_autofree char *range = NULL;
  g_autofree char *sizes = NULL;
  g_autofree char *write = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *designs = NULL;
  g_auto(GStrv) size_list = NULL;
  gboolean dark = FALSE;
  int width = WIDTH;
  int height = HEIGHT;
  double scale = 1;
  int repeat = 0;
  int app_runs = 3;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  GOptionEntry entries[] = {
    { "render", 0, 0, G_OPTION_ARG_FILENAME, &render, "Render FILE to this PNG instead of benchmarking", "OUT.png" },
    { "dump", 0, 0, G_OPTION_ARG_FILENAME, &dump, "Write the scene of FILE as JSON lines (- for standard output)", "OUT.jsonl" },
    { "page", 0, 0, G_OPTION_ARG_NONE, &page, "With --dump, the timeline of an exported page (as --export draws it)", NULL },
    { "range", 0, 0, G_OPTION_ARG_STRING, &range, "The span to render", "START..END" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Width in pixels", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Height in pixels", "H" },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, "Scale factor", "S" },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "With --render, also time this many frames", "N" },
    { "write", 0, 0, G_OPTION_ARG_FILENAME, &write, "Write the synthetic timeline of the first size to this file and stop", "OUT.json" },
    { "app-runs", 0, 0, G_OPTION_ARG_INT, &app_runs, "Runs of the real app per size (needs a display; 0: none)", "N" },
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes, "Event counts to benchmark (default 10000,100000)", "N,N,…" },
    { "ids", 0, 0, G_OPTION_ARG_STRING, &ids, "Instead, time loading N events with plain, sequential and crafted colliding ids "
      "(and an x- object of N crafted members)", "N,N,…" },
    { "edit-designs", 0, 0, G_OPTION_ARG_STRING, &designs, "Instead, time the storage designs considered for editing "
      "at N events", "N" },
    { NULL }
  };

  context = g_option_context_new ("[FILE] — measure layout and rendering, or render FILE");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (dump != NULL)
    {
      if (argc != 2)
        {
          g_printerr ("--dump needs one timeline file\n");
          return 1;
        }
      return dump_file (dump, argv[1], range, dark, width, height, scale, page);
    }

  if (render != NULL)
    {
      if (argc != 2)
        {
          g_printerr ("--render needs one timeline file\n");
          return 1;
        }
      return render_file (render, argv[1], range, dark, width, height, scale, repeat);
    }

  if (designs != NULL)
    {
      guint64 n = g_ascii_strtoull (designs, NULL, 10);

      if (n == 0 || n > 10000000)
        {
          g_printerr ("Bad count “%s”\n", designs);
          return 1;
        }
      run_designs ((guint) n);
      return 0;
    }

  if (ids != NULL)
    {
      g_auto(GStrv) counts = g_strsplit (ids, ",", -1);

      for (guint i = 0; counts[i] != NULL; i++)
        {
          guint64 n = g_ascii_strtoull (counts[i], NULL, 10);

          if (n == 0 || n > 10000000)
            {
              g_printerr ("Bad count “%s”\n", counts[i]);
              return 1;
            }
          for (IdKind kind = IDS_PLAIN; kind <= IDS_MEMBERS; kind++)
            run_ids_case ((guint) n, kind);
        }
      return 0;
    }

  size_list = g_strsplit (sizes ? sizes : "10000,100000", ",", -1);

  if (write != NULL)
    {
      g_autofree char *path = generate ((guint) g_ascii_strtoull (size_list[0], NULL, 10));
      g_autoptr(GError) move_error = NULL;
      g_autoptr(GFile) from = g_file_new_for_path (path);
      g_autoptr(GFile) to = g_file_new_for_commandline_arg (write);

      if (!g_file_move (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &move_error))
        {
          g_printerr ("%s\n", move_error->message);
          return 1;
        }
      return 0;
    }
  for (guint i = 0; size_list[i] != NULL; i++)
    {
      guint64 n = g_ascii_strtoull (size_list[i], NULL, 10);

      if (n == 0 || n > 10000000)
        {
          g_printerr ("Bad size “%s”\n", size_list[i]);
          return 1;
        }
      run_case (argv[0], (guint) n, (guint) MAX (app_runs, 0));
    }

  return 0;
}
