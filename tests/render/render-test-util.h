/* Helpers shared by the render test programs. */
#pragma once

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "chrono-layout.h"
#include "chrono-loader.h"

G_BEGIN_DECLS

/* Removes @path and everything in it (symlinks, not what they point at). */
static inline void
render_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        render_test_remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

/* Loads data/examples/@name, failing the test on any error.
 * Returns: (transfer full) */
static inline ChronoDocument *
render_test_load_example (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ChronoDocument *document;

  document = chrono_loader_load_file (file, CHRONO_LOAD_DEFAULT, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

/* Lays @document (and @filter, nullable) out for the span [@start, @end]
 * (Unix seconds) in an area of @width × @height pixels, measuring text
 * with @context.  Returns: (transfer full) */
static inline ChronoScene *
render_test_build_scene (ChronoDocument    *document,
                         ChronoFilter      *filter,
                         const ChronoStyle *style,
                         PangoContext      *context,
                         double             start,
                         double             end,
                         double             width,
                         double             height)
{
  ChronoLayoutParams params;

  chrono_layout_params_init (&params, style, start, end, width, height);
  params.document = document;
  params.filter = filter;
  params.context = context;

  return chrono_layout_build (&params);
}

G_END_DECLS
