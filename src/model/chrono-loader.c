#define G_LOG_DOMAIN "chrono-loader"

#include "config.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "chrono-csv-mapping.h"
#include "chrono-import.h"
#include "chrono-json-guard.h"
#include "chrono-limits.h"
#include "chrono-loader.h"
#include "chrono-loader-private.h"

/*
 * Loading runs in phases: read the bytes (refusing files over the size
 * cap before reading), detect the format from the content, guard the JSON
 * (chrono-json-guard.c) so that json-glib only ever sees strict JSON it
 * reads faithfully, parse, read the tree into a ChronoDocumentBuilder and
 * finish it.  Diagnostics are collected with JSON paths only; positions
 * are filled in afterwards by one more pass over the text, so a file
 * without errors pays nothing for them.
 */

/* Files from this size on give back the memory loading them took. */
#define TRIM_AFTER (8 * 1024 * 1024)

/* Progress phases, as fractions of the whole load. */
#define PHASE_READ   0.00
#define PHASE_GUARD  0.10
#define PHASE_PARSE  0.20
#define PHASE_BUILD  0.50
#define PHASE_FINISH 0.90

typedef struct
{
  ChronoProgressFunc func;
  gpointer           data;
} Progress;

static void
progress_report (const Progress *progress,
                 double          fraction)
{
  if (progress != NULL && progress->func != NULL)
    progress->func (CLAMP (fraction, 0.0, 1.0), progress->data);
}

static void
add_diagnostic (GPtrArray        *diagnostics,
                ChronoDiagnostic *diagnostic)
{
  if (diagnostics != NULL)
    g_ptr_array_add (diagnostics, diagnostic);
  else
    chrono_diagnostic_free (diagnostic);
}

/* Sets @error from @diagnostic, which is an error. */
static void
set_error (GError                 **error,
           const ChronoDiagnostic  *diagnostic,
           const char              *display_name)
{
  g_autofree char *text = chrono_diagnostic_format (diagnostic, display_name);

  g_set_error_literal (error, CHRONO_ERROR, diagnostic->code, text);
}

static const char *
display_name_of (GFile *file,
                 char **to_free)
{
  const char *path = g_file_peek_path (file);

  if (path != NULL)
    return path;
  *to_free = g_file_get_parse_name (file);
  return *to_free;
}

typedef struct
{
  ChronoDiagnostic *diagnostic;
  guint             sequence;
} Sorted;

static int
compare_sorted (gconstpointer a,
                gconstpointer b)
{
  const Sorted *sa = a, *sb = b;
  const ChronoPos *pa = &sa->diagnostic->pos, *pb = &sb->diagnostic->pos;
  /* Unknown positions last. */
  guint la = pa->line ? pa->line : G_MAXUINT;
  guint lb = pb->line ? pb->line : G_MAXUINT;

  if (la != lb)
    return la < lb ? -1 : 1;
  if (pa->column != pb->column)
    return pa->column < pb->column ? -1 : 1;
  return sa->sequence < sb->sequence ? -1 : (sa->sequence > sb->sequence);
}

/* The path without its last ".member" or "[i]", or NULL for the root.
 * Member names may hold "." and "[" themselves ("a.b", "[x"): "[" starts
 * a step only as an index, "[" digits "]" at the end, so that a name of
 * many "[" is one step up, not one a "[". */
static char *
parent_path (const char *path)
{
  gsize length = strlen (path);
  const char *dot;

  if (length == 0)
    return NULL;

  if (path[length - 1] == ']')
    {
      const char *open = path + length - 1;

      while (open > path && g_ascii_isdigit (open[-1]))
        open--;
      if (open < path + length - 1 && open > path && open[-1] == '[')
        return g_strndup (path, open - 1 - path);
    }

  dot = strrchr (path, '.');
  if (dot == NULL)
    return g_strdup ("");
  return g_strndup (path, dot - path);
}

/*
 * Gives every diagnostic that has a path but no position the position of
 * its member (of the character at fault inside a date string), falling
 * back to the closest enclosing member that exists (a missing member is
 * reported where its object starts).  With @all, diagnostics that have a
 * position get the one of their path too: the native reader gives the
 * builder only events' positions, which the builder falls back to.
 */
static void
fill_positions (const char *data,
                gsize       length,
                GPtrArray  *diagnostics,
                GHashTable *string_offsets,
                gboolean    all)
{
  g_autoptr(GPtrArray) todo = g_ptr_array_new ();
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      ChronoDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if ((d->pos.line == 0 || all) && d->path != NULL)
        {
          const char *bracket = strrchr (d->path, '[');

          g_ptr_array_add (todo, d);
          /* An unknown related event: point at its "event" member. */
          if (d->code == CHRONO_ERROR_REFERENCE && bracket != NULL &&
              g_str_has_suffix (d->path, "]") && bracket - d->path >= 8 &&
              strncmp (bracket - 8, ".related", 8) == 0)
            g_ptr_array_add (paths, g_strconcat (d->path, ".event", NULL));
          else
            g_ptr_array_add (paths, g_strdup (d->path));
        }
    }

  /* Each round resolves what it can and moves the rest one level up. */
  for (guint round = 0; todo->len > 0 && round < 32; round++)
    {
      g_autofree ChronoJsonLocation *locations = g_new0 (ChronoJsonLocation, todo->len);
      g_autoptr(GPtrArray) next_todo = g_ptr_array_new ();
      g_autoptr(GPtrArray) next_paths = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < todo->len; i++)
        locations[i].path = g_ptr_array_index (paths, i);

      chrono_json_guard_locate (data, length, locations, todo->len);

      for (guint i = 0; i < todo->len; i++)
        {
          ChronoDiagnostic *d = g_ptr_array_index (todo, i);
          gsize offset;

          if (locations[i].found)
            {
              offset = string_offsets && round == 0
                ? GPOINTER_TO_SIZE (g_hash_table_lookup (string_offsets, d)) : 0;
              if (offset > 0)
                d->pos = chrono_json_guard_string_pos (data, length, locations[i].value_offset,
                                                       locations[i].value_pos, offset - 1);
              else
                d->pos = locations[i].pos;
            }
          else
            {
              char *parent = parent_path (locations[i].path);

              if (parent != NULL)
                {
                  g_ptr_array_add (next_todo, d);
                  g_ptr_array_add (next_paths, parent);
                }
            }
        }

      g_ptr_array_set_size (todo, 0);
      g_ptr_array_extend_and_steal (todo, g_steal_pointer (&next_todo));
      g_ptr_array_set_size (paths, 0);
      for (guint i = 0; i < next_paths->len; i++)
        g_ptr_array_add (paths, g_strdup (g_ptr_array_index (next_paths, i)));
    }
}

/*
 * Finds the positions of the places diagnostics refer to (the first of
 * two duplicate ids) from their @related_path, the same way as
 * fill_positions(), and says them in the hint: a path means nothing to
 * the reader of "FILE:LINE:COL: message (hint)".  With @all, positions
 * already known are found again from the path (the native reader gives
 * only events' starts).
 */
static void
fill_related_positions (const char *data,
                        gsize       length,
                        GPtrArray  *diagnostics,
                        gboolean    all)
{
  g_autoptr(GPtrArray) related = g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_diagnostic_free);
  g_autoptr(GPtrArray) owners = g_ptr_array_new ();

  for (guint i = 0; i < diagnostics->len; i++)
    {
      ChronoDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (d->related_path != NULL && (d->related_pos.line == 0 || all))
        {
          g_ptr_array_add (owners, d);
          g_ptr_array_add (related, chrono_diagnostic_new (d->code, d->is_warning, (ChronoPos) { 0, 0 },
                                                           d->related_path, NULL, "%s", ""));
        }
    }

  if (related->len == 0)
    return;

  fill_positions (data, length, related, NULL, FALSE);

  for (guint i = 0; i < owners->len; i++)
    {
      ChronoDiagnostic *d = g_ptr_array_index (owners, i);
      const ChronoDiagnostic *r = g_ptr_array_index (related, i);

      if (r->pos.line == 0)
        continue;

      d->related_pos = r->pos;
      g_free (d->hint);
      d->hint = g_strdup_printf (_("first declared at line %u, column %u"),
                                 r->pos.line, MAX (r->pos.column, 1));
    }
}

/*
 * Sorts @all by position, caps the errors, moves everything into @out
 * (when not NULL) and returns the first error, or NULL.  Takes @all.
 */
static ChronoDiagnostic *
publish (GPtrArray *all,
         GPtrArray *out)
{
  g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (Sorted), all->len);
  ChronoDiagnostic *first = NULL;
  guint n_errors = 0;
  guint dropped = 0;
  ChronoPos first_dropped = { 0, 0 };

  for (guint i = 0; i < all->len; i++)
    {
      Sorted s = { g_ptr_array_index (all, i), i };

      g_array_append_val (sorted, s);
    }
  g_array_sort (sorted, compare_sorted);

  /* The array only held them; ownership moves to @out. */
  g_ptr_array_set_free_func (all, NULL);
  g_ptr_array_unref (all);

  for (guint i = 0; i < sorted->len; i++)
    {
      ChronoDiagnostic *d = g_array_index (sorted, Sorted, i).diagnostic;

      if (!d->is_warning)
        {
          if (++n_errors > CHRONO_LOADER_MAX_ERRORS)
            {
              if (dropped++ == 0)
                first_dropped = d->pos;
              chrono_diagnostic_free (d);
              continue;
            }
          if (first == NULL)
            first = d;
        }
      if (out != NULL)
        g_ptr_array_add (out, d);
      else if (d != first)
        chrono_diagnostic_free (d);
    }

  /* Where the first error not shown is. */
  if (dropped > 0 && out != NULL)
    {
      g_ptr_array_add (out, chrono_diagnostic_new (CHRONO_ERROR_VALUE, FALSE, first_dropped, NULL, NULL,
                                                   g_dngettext (GETTEXT_PACKAGE,
                                                                "%u more error not shown",
                                                                "%u more errors not shown",
                                                                dropped),
                                                   dropped));
    }

  return first;
}

/* Lenient loading drops bad links with a warning each; one more says how
 * many, the way the CSV importer counts skipped rows, at the first one's
 * position (every diagnostic names a line and column). */
static void
count_dropped_links (GPtrArray *all)
{
  const ChronoDiagnostic *first = NULL;
  guint dropped = 0;

  for (guint i = 0; i < all->len; i++)
    {
      const ChronoDiagnostic *d = g_ptr_array_index (all, i);

      if (d->code == CHRONO_ERROR_LINK && d->is_warning && dropped++ == 0)
        first = d;
    }

  /* The position or, in JSON, the path that is resolved to one later. */
  if (dropped > 0)
    g_ptr_array_add (all, chrono_diagnostic_new (CHRONO_ERROR_SKIPPED_ROWS, TRUE, first->pos,
                                                 first->path, _("only http, https and mailto links are kept"),
                                                 g_dngettext (GETTEXT_PACKAGE,
                                                              "%u bad link was dropped",
                                                              "%u bad links were dropped",
                                                              dropped),
                                                 dropped));
}

/* True when the content is text whose first line looks like a CSV or TSV
 * header. */
static gboolean
looks_like_csv (const char *data,
                gsize       length)
{
  gsize p = chrono_json_guard_skip_bom (data, length);
  gboolean separator = FALSE;

  while (p < length && g_ascii_isspace (data[p]))
    {
      guint64 word = 0;

      /* Spaces eight at a time: a file of blanks is refused fast. */
      if (p + 8 <= length)
        memcpy (&word, data + p, 8);
      p += word == G_GUINT64_CONSTANT (0x2020202020202020) ? 8 : 1;
    }
  if (p >= length || data[p] == '{' || data[p] == '[' || data[p] == '/' || data[p] == '#')
    return FALSE;

  for (; p < length && data[p] != '\n'; p++)
    {
      if (data[p] == '{' || data[p] == '=')
        return FALSE;
      separator |= data[p] == ',' || data[p] == ';' || data[p] == '\t';
    }

  return separator;
}

/* Whether @root is TimelineJS: an object with "events" and nothing like
 * "chronoscope" (a misspelt version member stays native, so it is
 * reported). */
static gboolean
looks_like_timelinejs (JsonNode *root)
{
  static const char * const version[] = { "chronoscope", NULL };
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  if (!json_object_has_member (object, "events"))
    return FALSE;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    if (strcmp (name, "chronoscope") == 0 || _chrono_suggest (name, version) != NULL)
      return FALSE;

  return TRUE;
}

static gpointer
unref_in_thread (gpointer object)
{
  g_object_unref (object);
#ifdef __GLIBC__
  /* Sort out the freed blocks here too, instead of in the next large
   * allocation of whichever thread makes it, and give the memory back. */
  malloc_trim (0);
#endif
  return NULL;
}

/*
 * Drops @parser and its tree.  Freeing the tree of a large file (millions
 * of small blocks) costs about as much as reading it into the builder, and
 * nothing needs to wait for it: nothing else refers to the tree once the
 * builder copied its strings, so the tree of a file of @length bytes
 * over a megabyte is freed on a thread of its own.
 */
static void
drop_parser (JsonParser *parser,
             gsize       length)
{
  GThread *thread = NULL;

  if (length >= 1024 * 1024)
    thread = g_thread_try_new ("chrono-free-tree", unref_in_thread, parser, NULL);
  if (thread != NULL)
    g_thread_unref (thread);
  else
    g_object_unref (parser);
}

typedef struct
{
  const char       *data;
  gsize             length;
  ChronoJsonItems  *items;
  ChronoDiagnostic *diagnostic;
  gint              done;
} GuardJob;

static gpointer
guard_in_thread (gpointer user_data)
{
  GuardJob *job = user_data;

  job->diagnostic = chrono_json_guard_check_items (job->data, job->length, CHRONO_LOADER_MAX_DEPTH,
                                                   "events", job->items);
  g_atomic_int_set (&job->done, 1);
  return NULL;
}

static ChronoDocument *
load_data (const char      *data,
           gsize            length,
           const char      *display_name,
           ChronoLoadFlags  flags,
           GPtrArray       *diagnostics,
           GCancellable    *cancellable,
           const Progress  *progress,
           GError         **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(ChronoDocumentBuilder) builder = NULL;
  g_autoptr(ChronoDocumentBuilder) early = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  ChronoReadContext ctx = { 0 };
  ChronoDiagnostic *diagnostic;
  ChronoDiagnostic *first;
  GPtrArray *all;
  GPtrArray *from_builder;
  gsize bom = chrono_json_guard_skip_bom (data, length);
  gboolean ok = TRUE;
  g_autoptr(GArray) event_positions = NULL;
  g_autoptr(GArray) event_offsets = NULL;
  g_autoptr(GByteArray) skeleton = NULL;
  ChronoJsonItems items = { NULL, NULL, 0, 0 };
  gboolean is_json = TRUE;
  gboolean native = FALSE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  progress_report (progress, PHASE_GUARD);

  if (looks_like_csv (data, length))
    {
      const char *end = NULL;

      is_json = FALSE;
      if (!g_utf8_validate (data, length, &end))
        {
          ChronoPos pos = { 1, 1 };

          for (const char *p = data; p < end; p++)
            {
              if (*p == '\n')
                {
                  pos.line++;
                  pos.column = 1;
                }
              else if ((*p & 0xC0) != 0x80)
                pos.column++;
            }
          diagnostic = chrono_diagnostic_new (CHRONO_ERROR_ENCODING, FALSE, pos, NULL,
                                              _("save the file as UTF-8"),
                                              *end == '\0' ? _("a NUL byte in a text file")
                                                           : _("invalid UTF-8"));
          set_error (error, diagnostic, display_name);
          add_diagnostic (diagnostics, diagnostic);
          return NULL;
        }

      builder = chrono_document_builder_new (CHRONO_FORMAT_CSV);
#ifdef CHRONO_HAVE_IMPORTERS
      ok = chrono_import_csv (data, length, flags, builder);
#else
      chrono_document_builder_add_diagnostic (builder,
        chrono_diagnostic_new (CHRONO_ERROR_FORMAT, FALSE, (ChronoPos) { 1, 1 }, NULL,
                               _("save the timeline in Chronoscope’s JSON format"),
                               _("CSV files are not supported yet")));
      ok = FALSE;
#endif
    }
  else
    {
      GuardJob job = { data, length, &items, NULL, 0 };
      GThread *guard_thread;
      guint max_items;

      /* The guard also notes where each event starts, for ChronoEvent.source,
       * and at which byte, for reading the events from the bytes.  Room
       * for the most events a file may have, so that the arrays never
       * move while the events are read on this thread (only what is
       * used is ever touched). */
      max_items = (guint) MIN ((gsize) _chrono_limits ()->events, length / 2) + 1;  /* "1," is the shortest */
      event_positions = g_array_sized_new (FALSE, FALSE, sizeof (ChronoPos), max_items);
      event_offsets = g_array_sized_new (FALSE, FALSE, sizeof (gsize), max_items);
      items.positions = event_positions;
      items.offsets = event_offsets;
      ctx.event_positions = event_positions;
      ctx.data = data;
      ctx.length = length;
      ctx.cancellable = cancellable;
      ctx.flags = flags;
      ctx.progress = progress ? progress->func : NULL;
      ctx.progress_data = progress ? progress->data : NULL;
      ctx.progress_from = PHASE_GUARD;
      ctx.progress_to = PHASE_FINISH;

      /* The guard runs on a thread of its own while this one reads the
       * events it has found so far, on the guess that the file is a good
       * native timeline (see _chrono_native_read_events_early()). */
      guard_thread = g_thread_try_new ("chrono-guard", guard_in_thread, &job, NULL);
      if (guard_thread != NULL)
        {
          early = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
          chrono_document_builder_reserve_events (early, (guint) MIN (length / 128, _chrono_limits ()->events));
          if (!_chrono_native_read_events_early (&ctx, early, &items, &job.done))
            g_clear_pointer (&early, chrono_document_builder_free);
          g_thread_join (guard_thread);
        }
      else
        guard_in_thread (&job);
      diagnostic = job.diagnostic;
      if (diagnostic != NULL)
        {
          set_error (error, diagnostic, display_name);
          add_diagnostic (diagnostics, diagnostic);
          return NULL;
        }

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      progress_report (progress, PHASE_PARSE);

      /* Not json_parser_new_immutable(): sealing hashes the whole tree,
       * which the reader never needs. */
      parser = json_parser_new ();
      if (items.close > items.open)
        {
          /* The file without the elements of "events": a native file's
           * events are read from the bytes (chrono-native-scan.c). */
          skeleton = g_byte_array_sized_new ((guint) (length - items.close + items.open + 1 - bom));
          g_byte_array_append (skeleton, (const guint8 *) data + bom, (guint) (items.open + 1 - bom));
          g_byte_array_append (skeleton, (const guint8 *) data + items.close, (guint) (length - items.close));
        }
      if (!json_parser_load_from_data (parser,
                                       skeleton != NULL ? (const char *) skeleton->data : data + bom,
                                       skeleton != NULL ? (gssize) skeleton->len : (gssize) (length - bom),
                                       &local_error) ||
          (skeleton != NULL && looks_like_timelinejs (json_parser_get_root (parser)) &&
           !json_parser_load_from_data (parser, data + bom, (gssize) (length - bom), &local_error)))
        {
          /* The guard should have caught it; keep json-glib's words. */
          diagnostic = chrono_diagnostic_new (CHRONO_ERROR_SYNTAX, FALSE, (ChronoPos) { 0, 0 }, NULL, NULL,
                                              "%s", local_error->message);
          set_error (error, diagnostic, display_name);
          add_diagnostic (diagnostics, diagnostic);
          return NULL;
        }

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      progress_report (progress, PHASE_BUILD);

      ctx.diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_diagnostic_free);

      if (looks_like_timelinejs (json_parser_get_root (parser)))
        {
          builder = chrono_document_builder_new (CHRONO_FORMAT_TIMELINEJS);
#ifdef CHRONO_HAVE_IMPORTERS
          ok = chrono_import_timelinejs (json_parser_get_root (parser), data, length, flags, builder);
#else
          chrono_document_builder_add_diagnostic (builder,
            chrono_diagnostic_new (CHRONO_ERROR_FORMAT, FALSE, (ChronoPos) { 1, 1 }, NULL,
                                   _("save the timeline in Chronoscope’s JSON format"),
                                   _("TimelineJS files are not supported yet")));
          ok = FALSE;
#endif
        }
      else
        {
          native = TRUE;
          if (skeleton != NULL)
            {
              ctx.event_offsets = event_offsets;
              ctx.events_close = items.close;
            }
          ctx.progress_from = PHASE_BUILD;
          ctx.progress_to = PHASE_FINISH;
          if (early != NULL && skeleton != NULL)
            {
              /* The events are in; read the rest.  Anything reported
               * drops the guess: read it all again, in the file's order. */
              ctx.events_read = TRUE;
              builder = g_steal_pointer (&early);
              ok = _chrono_native_read (&ctx, json_parser_get_root (parser), builder, &local_error);
              if (local_error == NULL && (!ok || ctx.diagnostics->len > 0 || ctx.n_errors > 0))
                {
                  g_clear_pointer (&builder, chrono_document_builder_free);
                  g_ptr_array_set_size (ctx.diagnostics, 0);
                  g_clear_pointer (&ctx.string_offsets, g_hash_table_unref);
                  ctx.n_errors = 0;
                  ctx.events_read = FALSE;
                }
            }
          if (builder == NULL && local_error == NULL)
            {
              builder = chrono_document_builder_new (CHRONO_FORMAT_NATIVE);
              ok = _chrono_native_read (&ctx, json_parser_get_root (parser), builder, &local_error);
            }
          /* The builder has what it needs of them: 16 MB at a million
           * events, given back before finishing, the peak of loading. */
          ctx.event_positions = ctx.event_offsets = NULL;
          g_clear_pointer (&event_positions, g_array_unref);
          g_clear_pointer (&event_offsets, g_array_unref);
          if (local_error != NULL)
            {
              /* Cancelled. */
              g_propagate_error (error, g_steal_pointer (&local_error));
              g_ptr_array_unref (ctx.diagnostics);
              g_clear_pointer (&ctx.string_offsets, g_hash_table_unref);
              return NULL;
            }
        }
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_clear_pointer (&ctx.diagnostics, g_ptr_array_unref);
      g_clear_pointer (&ctx.string_offsets, g_hash_table_unref);
      return NULL;
    }
  progress_report (progress, PHASE_FINISH);

  /* Finish even after errors, to report reference errors too. */
  from_builder = g_ptr_array_new ();
  document = chrono_document_builder_finish (g_steal_pointer (&builder), from_builder);
  /* The builder copied every string.  The tree goes only now: freed any
   * earlier, its millions of blocks would be sorted out by malloc during
   * the builder's first large allocations, on this thread. */
  if (parser != NULL)
    drop_parser (g_steal_pointer (&parser), ctx.event_offsets != NULL ? skeleton->len : length);
  g_clear_pointer (&skeleton, g_byte_array_unref);

  all = ctx.diagnostics ? ctx.diagnostics : g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_diagnostic_free);
  g_ptr_array_set_free_func (all, (GDestroyNotify) chrono_diagnostic_free);
  g_ptr_array_extend_and_steal (all, from_builder);
  count_dropped_links (all);

  if (is_json)
    {
      fill_positions (data, length, all, ctx.string_offsets, native);
      fill_related_positions (data, length, all, native);
    }
  g_clear_pointer (&ctx.string_offsets, g_hash_table_unref);

  first = publish (all, diagnostics);
  if (first != NULL || !ok)
    {
      g_clear_object (&document);
      if (first != NULL)
        set_error (error, first, display_name);
      else
        g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_FORMAT, "%s: %s", display_name,
                     _("the file could not be read"));
      if (diagnostics == NULL)
        chrono_diagnostic_free (first);
      return NULL;
    }

  if (document == NULL)
    {
      /* Defensive: the builder failed without saying why. */
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_FORMAT, "%s: %s", display_name,
                   _("the file could not be read"));
      return NULL;
    }

  progress_report (progress, 1.0);

#ifdef __GLIBC__
  /* What loading a large file allocated and freed (the builder's arrays,
   * the tree of the rest) goes back to the system now, here, rather than
   * staying in the heap for as long as the document is open. */
  if (length >= TRIM_AFTER)
    malloc_trim (0);
#endif

  return g_steal_pointer (&document);
}

/**
 * chrono_loader_load_data:
 * @data: (array length=length): the file's bytes; need not be nul-terminated
 * @display_name: (nullable): the name used in messages
 * @diagnostics: (nullable): a #GPtrArray of #ChronoDiagnostic to append to
 *
 * Returns: (transfer full) (nullable): the document, or NULL with @error
 *   set to the first error as "FILE:LINE:COL: message (hint)"
 */
ChronoDocument *
chrono_loader_load_data (const char       *data,
                         gsize             length,
                         const char       *display_name,
                         ChronoLoadFlags   flags,
                         GPtrArray        *diagnostics,
                         GCancellable     *cancellable,
                         GError          **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";

  return load_data (data, length, display_name ? display_name : "-", flags,
                    diagnostics, cancellable, NULL, error);
}

static ChronoDiagnostic *
io_diagnostic (GError *io_error)
{
  ChronoPos nowhere = { 0, 0 };
  const char *message;

  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    message = _("no such file");
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    message = _("this is a folder, not a file");
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    message = _("permission denied");
  else
    message = io_error->message;

  return chrono_diagnostic_new (CHRONO_ERROR_IO, FALSE, nowhere, NULL, NULL, "%s", message);
}

static ChronoDiagnostic *
too_large (goffset size)
{
  ChronoPos nowhere = { 0, 0 };
  /* Binary units, as the limit is documented: "512 MiB", not "536.9 MB". */
  g_autofree char *size_text = g_format_size_full ((guint64) size, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *limit_text = g_format_size_full ((guint64) CHRONO_LOADER_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);

  return chrono_diagnostic_new (CHRONO_ERROR_TOO_LARGE, FALSE, nowhere, NULL,
                                _("split the timeline into several files"),
                                _("the file is too large (%s; the limit is %s)"),
                                size_text, limit_text);
}

/*
 * Reads the whole file, refusing directories, special files (a FIFO would
 * block) and files over the cap before reading them; a file that grows
 * while being read is cut off at the cap and refused too.
 */
static gboolean
read_file (GFile              *file,
           GCancellable       *cancellable,
           char              **out_data,
           gsize              *out_length,
           ChronoDiagnostic  **diagnostic,
           GError            **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *buffer = NULL;
  ChronoPos nowhere = { 0, 0 };
  gsize allocated, length = 0;
  goffset size;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    goto failed;

  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_DIRECTORY:
      *diagnostic = chrono_diagnostic_new (CHRONO_ERROR_IO, FALSE, nowhere, NULL, NULL,
                                           "%s", _("this is a folder, not a file"));
      return FALSE;
    case G_FILE_TYPE_REGULAR:
    case G_FILE_TYPE_UNKNOWN:
      break;
    default:
      *diagnostic = chrono_diagnostic_new (CHRONO_ERROR_IO, FALSE, nowhere, NULL, NULL,
                                           "%s", _("this is not a regular file"));
      return FALSE;
    }

  size = g_file_info_get_size (info);
  if (size > CHRONO_LOADER_MAX_SIZE)
    {
      *diagnostic = too_large (size);
      return FALSE;
    }

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    goto failed;

  allocated = (gsize) MAX (size, 0) + 1;
  buffer = g_malloc (allocated + 1);
  for (;;)
    {
      gssize n;

      if (length == allocated)
        {
          if (allocated > (gsize) CHRONO_LOADER_MAX_SIZE)
            {
              *diagnostic = too_large ((goffset) length);
              return FALSE;
            }
          allocated = MIN (allocated * 2, (gsize) CHRONO_LOADER_MAX_SIZE + 1);
          buffer = g_realloc (buffer, allocated + 1);
        }
      n = g_input_stream_read (G_INPUT_STREAM (stream), buffer + length, allocated - length,
                               cancellable, &local_error);
      if (n < 0)
        goto failed;
      if (n == 0)
        break;
      length += (gsize) n;
    }
  if (length > (gsize) CHRONO_LOADER_MAX_SIZE)
    {
      *diagnostic = too_large ((goffset) length);
      return FALSE;
    }
  buffer[length] = '\0';

  *out_data = g_steal_pointer (&buffer);
  *out_length = length;
  return TRUE;

failed:
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    *diagnostic = io_diagnostic (local_error);
  return FALSE;
}

/* With @mapping (nullable), the file is read as a spreadsheet with its
 * columns; without it the format is detected from the content. */
static ChronoDocument *
load_file (GFile                  *file,
           const ChronoCsvMapping *mapping,
           ChronoLoadFlags         flags,
           GPtrArray              *diagnostics,
           GCancellable           *cancellable,
           const Progress         *progress,
           GError                **error)
{
  g_autofree char *name_to_free = NULL;
  g_autofree char *data = NULL;
  const char *display_name = display_name_of (file, &name_to_free);
  ChronoDiagnostic *diagnostic = NULL;
  ChronoDocument *document;
  gsize length = 0;

  progress_report (progress, PHASE_READ);

  if (!read_file (file, cancellable, &data, &length, &diagnostic, error))
    {
      if (diagnostic != NULL)
        {
          set_error (error, diagnostic, display_name);
          add_diagnostic (diagnostics, diagnostic);
        }
      return NULL;
    }

  if (mapping != NULL)
    {
      /* The CSV importer takes no cancellable: a cancelled load ends
       * once it is done. */
      document = chrono_csv_load_mapped (data, length, display_name, mapping, flags, diagnostics, error);
      if (document != NULL && g_cancellable_set_error_if_cancelled (cancellable, error))
        g_clear_object (&document);
      if (document != NULL)
        progress_report (progress, 1.0);
    }
  else
    document = load_data (data, length, display_name, flags, diagnostics, cancellable, progress, error);
  if (document != NULL)
    chrono_document_set_file (document, file);

  return document;
}

/**
 * chrono_loader_load_file:
 * @file: the file to load
 * @diagnostics: (nullable): a #GPtrArray of #ChronoDiagnostic to append to
 *
 * Loads synchronously; see chrono_loader_load_data().
 *
 * Returns: (transfer full) (nullable): the document
 */
ChronoDocument *
chrono_loader_load_file (GFile            *file,
                         ChronoLoadFlags   flags,
                         GPtrArray        *diagnostics,
                         GCancellable     *cancellable,
                         GError          **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_file (file, NULL, flags, diagnostics, cancellable, NULL, error);
}

/* Asynchronous loading. */

typedef struct
{
  GFile              *file;
  ChronoCsvMapping   *mapping;       /* nullable */
  ChronoLoadFlags     flags;
  GPtrArray          *diagnostics;
  GMainContext       *context;
  ChronoProgressFunc  progress;
  gpointer            progress_data;
  double              last_fraction;
  GTask              *task;          /* unowned, set on the worker */
} LoadData;

static void
load_data_free (LoadData *ld)
{
  g_clear_object (&ld->file);
  g_clear_pointer (&ld->mapping, chrono_csv_mapping_free);
  g_clear_pointer (&ld->diagnostics, g_ptr_array_unref);
  g_clear_pointer (&ld->context, g_main_context_unref);
  g_free (ld);
}

typedef struct
{
  ChronoProgressFunc func;
  gpointer           data;
  double             fraction;
  GTask             *task;
} ProgressCall;

static void
progress_call_free (ProgressCall *call)
{
  g_clear_object (&call->task);
  g_free (call);
}

static gboolean
progress_dispatch (gpointer user_data)
{
  ProgressCall *call = user_data;
  GCancellable *cancellable = g_task_get_cancellable (call->task);

  /* A stale call from a finished or cancelled load: its caller may have
   * moved on to the next load, and must not see this fraction. */
  if (g_task_get_completed (call->task) ||
      (cancellable != NULL && g_cancellable_is_cancelled (cancellable)))
    return G_SOURCE_REMOVE;

  call->func (call->fraction, call->data);
  return G_SOURCE_REMOVE;
}

/* On the worker: forwards progress to the caller's context, at most about
 * a hundred times per load. */
static void
progress_forward (double   fraction,
                  gpointer user_data)
{
  LoadData *ld = user_data;
  ProgressCall *call;
  GSource *source;

  if (fraction < 1.0 && fraction - ld->last_fraction < 0.01 && ld->last_fraction >= 0)
    return;
  ld->last_fraction = fraction;

  call = g_new (ProgressCall, 1);
  call->func = ld->progress;
  call->data = ld->progress_data;
  call->fraction = fraction;
  call->task = g_object_ref (ld->task);
  /* Not g_main_context_invoke(): when the caller's context is the global
   * default and idle, it would run the callback here, on the worker. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_dispatch, call, (GDestroyNotify) progress_call_free);
  g_source_set_static_name (source, "[chronoscope] load progress");
  g_source_attach (source, ld->context);
  g_source_unref (source);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *ld = task_data;
  Progress progress = { progress_forward, ld };
  g_autoptr(GError) error = NULL;
  ChronoDocument *document;

  ld->task = task;
  document = load_file (ld->file, ld->mapping, ld->flags, ld->diagnostics, cancellable,
                        ld->progress != NULL ? &progress : NULL, &error);
  if (document == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, document, g_object_unref);
}

/**
 * chrono_loader_load_file_async:
 * @file: the file to load
 * @cancellable: (nullable): cancels the load between phases and every few
 *   thousand events
 * @progress: (nullable): called on the calling thread's thread-default
 *   main context with the fraction done, 0.0 to 1.0, before @callback
 * @callback: called when done
 *
 * Loads @file on a worker thread.
 */
void
chrono_loader_load_file_async (GFile               *file,
                               ChronoLoadFlags      flags,
                               GCancellable        *cancellable,
                               ChronoProgressFunc   progress,
                               gpointer             progress_data,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  chrono_loader_load_mapped_async (file, NULL, flags, cancellable, progress, progress_data,
                                   callback, user_data);
}

/**
 * chrono_loader_load_mapped_async:
 * @file: a CSV or TSV file
 * @mapping: (nullable): which column holds what and how dates are
 *   written (copied); %NULL detects the format as
 *   chrono_loader_load_file_async() does
 *
 * Loads @file on a worker thread with @mapping, as
 * chrono_csv_load_mapped() loads bytes: for a spreadsheet imported
 * with columns of its own, and reloaded the same way when it changes.
 * The size cap and the errors of reading the file are those of
 * chrono_loader_load_file_async(); progress says only 0.0 and 1.0.
 */
void
chrono_loader_load_mapped_async (GFile                  *file,
                                 const ChronoCsvMapping *mapping,
                                 ChronoLoadFlags         flags,
                                 GCancellable           *cancellable,
                                 ChronoProgressFunc      progress,
                                 gpointer                progress_data,
                                 GAsyncReadyCallback     callback,
                                 gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *ld;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  ld = g_new0 (LoadData, 1);
  ld->file = g_object_ref (file);
  ld->mapping = mapping != NULL ? chrono_csv_mapping_copy (mapping) : NULL;
  ld->flags = flags;
  ld->diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_diagnostic_free);
  ld->context = g_main_context_ref_thread_default ();
  ld->progress = progress;
  ld->progress_data = progress_data;
  ld->last_fraction = -1;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, chrono_loader_load_file_async);
  g_task_set_task_data (task, ld, (GDestroyNotify) load_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, load_thread);
}

/**
 * chrono_loader_load_file_finish:
 * @diagnostics: (out) (optional) (transfer full): every diagnostic, also
 *   when the load failed
 *
 * Returns: (transfer full) (nullable): the document, or NULL with @error
 *   set (G_IO_ERROR_CANCELLED when cancelled)
 */
ChronoDocument *
chrono_loader_load_file_finish (GAsyncResult  *result,
                                GPtrArray    **diagnostics,
                                GError       **error)
{
  LoadData *ld;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == chrono_loader_load_file_async, NULL);

  ld = g_task_get_task_data (G_TASK (result));
  if (diagnostics != NULL)
    *diagnostics = g_ptr_array_ref (ld->diagnostics);

  return g_task_propagate_pointer (G_TASK (result), error);
}
