/* chrono-document-file.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-document-file"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chrono-csv-mapping.h"
#include "chrono-document-file.h"
#include "chrono-error.h"
#include "chrono-writer.h"

/* How long the file must be quiet before it is reloaded: editors write a
 * file in several steps. */
#define RELOAD_DELAY_MS 250

struct _ChronoDocumentFile
{
  GObject          parent_instance;

  /* The file shown (or being opened while there is no document). */
  GFile           *file;
  ChronoDocument  *document;
  /* How the document was loaded, for reloads (lenient CSV). */
  ChronoLoadFlags  load_flags;
  /* The columns of a spreadsheet opened with a mapping (the import
   * dialog), read the same way on every reload; NULL for other files. */
  ChronoCsvMapping *mapping;

  GFileMonitor    *monitor;
  guint            reload_source;
  GCancellable    *cancellable;
  double           progress;

  /* The last failed load: its file, its flags, its mapping and the
   * first error. */
  GFile           *failed_file;
  ChronoLoadFlags  failed_flags;
  ChronoCsvMapping *failed_mapping;
  ChronoLenientFix lenient_fix;
  char            *error;
  /* Every diagnostic of the last load, and as text for a dialog. */
  GPtrArray       *diagnostics;
  char            *details;

  /* The etag of the file as this object last wrote it, so the monitor's
   * news of its own save is not taken for someone else's change. */
  char            *saved_etag;

  guint            loading : 1;
  guint            deleted : 1;
  guint            modified : 1;
  guint            changed_on_disk : 1;
};

G_DEFINE_FINAL_TYPE (ChronoDocumentFile, chrono_document_file, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_DOCUMENT,
  PROP_LOADING,
  PROP_PROGRESS,
  PROP_ERROR,
  PROP_FAILED_FILE,
  PROP_DETAILS,
  PROP_DELETED,
  PROP_MODIFIED,
  PROP_CHANGED_ON_DISK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_LOADED,
  SIGNAL_FAILED,
  SIGNAL_NEEDS_MAPPING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void watch (ChronoDocumentFile *self,
                   GFile              *file);
static void load  (ChronoDocumentFile     *self,
                   GFile                  *file,
                   gboolean                reload,
                   ChronoLoadFlags         flags,
                   const ChronoCsvMapping *mapping);

/* Setters that notify only on change ------------------------------------ */

static void
set_flag (ChronoDocumentFile *self,
          guint               prop_id,
          gboolean            value)
{
  gboolean old;

  switch (prop_id)
    {
    case PROP_LOADING:
      old = self->loading;
      self->loading = !!value;
      break;
    case PROP_DELETED:
      old = self->deleted;
      self->deleted = !!value;
      break;
    case PROP_MODIFIED:
      old = self->modified;
      self->modified = !!value;
      break;
    case PROP_CHANGED_ON_DISK:
      old = self->changed_on_disk;
      self->changed_on_disk = !!value;
      break;
    default:
      g_assert_not_reached ();
    }

  if (old != !!value)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_file (ChronoDocumentFile *self,
          GFile              *file)
{
  if (self->file == file || (self->file != NULL && file != NULL && g_file_equal (self->file, file)))
    return;

  g_set_object (&self->file, file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

static void
set_error (ChronoDocumentFile *self,
           GFile              *failed_file,
           const char         *error)
{
  if (g_set_object (&self->failed_file, failed_file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILED_FILE]);

  if (g_strcmp0 (self->error, error) != 0)
    {
      g_free (self->error);
      self->error = g_strdup (error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
}

/* Keeps every diagnostic of a load, and their text for a dialog. */
static void
set_diagnostics (ChronoDocumentFile *self,
                 GFile              *file,
                 GPtrArray          *diagnostics)
{
  g_autofree char *name = g_file_get_basename (file);
  GString *text = NULL;

  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      const ChronoDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
      g_autofree char *line = chrono_diagnostic_format (diagnostic, name);

      if (text == NULL)
        text = g_string_new (NULL);
      else
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }

  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  if (diagnostics != NULL)
    self->diagnostics = g_ptr_array_ref (diagnostics);

  g_free (self->details);
  self->details = text != NULL ? g_string_free (text, FALSE) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAILS]);
}

static void
set_progress (ChronoDocumentFile *self,
              double              progress)
{
  if (self->progress == progress)
    return;

  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

/* Loading ---------------------------------------------------------------- */

typedef struct
{
  ChronoDocumentFile *self;
  GFile              *file;
  gboolean            reload;
  ChronoLoadFlags     flags;
  ChronoCsvMapping   *mapping;  /* nullable */
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->mapping, chrono_csv_mapping_free);
  g_clear_object (&data->self);
  g_clear_object (&data->file);
  g_free (data);
}

/* Whether every error of a failed load is a bad link, which lenient
 * loading drops. */
static gboolean
only_link_errors (GPtrArray *diagnostics)
{
  guint n_errors = 0;

  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      const ChronoDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (diagnostic->is_warning)
        continue;
      if (diagnostic->code != CHRONO_ERROR_LINK)
        return FALSE;
      n_errors++;
    }

  return n_errors > 0;
}

/* Is @file a spreadsheet, whose bad rows can be skipped? */
static gboolean
is_csv_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv");
}

static ChronoLenientFix
find_lenient_fix (GFile           *file,
                  ChronoLoadFlags  flags,
                  GPtrArray       *diagnostics)
{
  if (flags & CHRONO_LOAD_LENIENT)
    return CHRONO_LENIENT_FIX_NONE;
  if (is_csv_file (file))
    return CHRONO_LENIENT_FIX_SKIP_ROWS;
  if (only_link_errors (diagnostics))
    return CHRONO_LENIENT_FIX_DROP_LINKS;

  return CHRONO_LENIENT_FIX_NONE;
}

static void
on_load_progress (double   fraction,
                  gpointer user_data)
{
  ChronoDocumentFile *self = user_data;

  /* Progress of a load replaced by a newer one may still arrive. */
  if (self->loading)
    set_progress (self, fraction);
}

static void
on_load_ready (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LoadData *data = user_data;
  ChronoDocumentFile *self = data->self;
  g_autoptr(ChronoDocument) document = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;

  document = chrono_loader_load_file_finish (result, &diagnostics, &error);

  /* A newer load (or dispose) took over; it says what happens. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      load_data_free (data);
      return;
    }

  g_clear_object (&self->cancellable);
  set_flag (self, PROP_LOADING, FALSE);

  if (document == NULL)
    {
      /* A spreadsheet with columns of its own, opened without saying
       * how to read them: not an error to show but a question for the
       * owner (the import dialog).  A reload that fails so is an error:
       * the file shown changed under it. */
      gboolean needs_mapping = !data->reload && data->mapping == NULL &&
                               g_error_matches (error, CHRONO_ERROR, CHRONO_ERROR_COLUMNS);

      /* Keep the document that was open; only say what went wrong. */
      set_diagnostics (self, data->file, diagnostics);
      if (needs_mapping)
        set_error (self, NULL, NULL);
      else
        {
          self->failed_flags = data->flags;
          g_clear_pointer (&self->failed_mapping, chrono_csv_mapping_free);
          self->failed_mapping = g_steal_pointer (&data->mapping);
          self->lenient_fix = find_lenient_fix (data->file, data->flags, diagnostics);
          set_error (self, data->file, error != NULL ? error->message : _("Unknown error"));
        }

      /* A file that never opened is not the file shown. */
      if (self->document == NULL)
        {
          watch (self, NULL);
          set_file (self, NULL);
        }

      g_signal_emit (self, signals[needs_mapping ? SIGNAL_NEEDS_MAPPING : SIGNAL_FAILED], 0, data->file);
      load_data_free (data);
      return;
    }

  set_error (self, NULL, NULL);
  set_diagnostics (self, data->file, diagnostics);
  self->load_flags = data->flags;
  /* Another file (or the same one opened without a mapping) drops the
   * mapping: only a load with one keeps one. */
  g_clear_pointer (&self->mapping, chrono_csv_mapping_free);
  self->mapping = g_steal_pointer (&data->mapping);

  if (chrono_document_get_file (document) == NULL)
    chrono_document_set_file (document, data->file);

  set_file (self, data->file);
  /* A reload keeps the watch (and its pending news); a new file is
   * watched afresh. */
  if (self->monitor == NULL || !data->reload)
    watch (self, data->file);
  else
    set_flag (self, PROP_DELETED, FALSE);

  g_clear_pointer (&self->saved_etag, g_free);
  g_set_object (&self->document, document);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  set_flag (self, PROP_CHANGED_ON_DISK, FALSE);
  set_flag (self, PROP_MODIFIED, FALSE);

  g_signal_emit (self, signals[SIGNAL_LOADED], 0, document, data->reload);
  load_data_free (data);
}

static void
load (ChronoDocumentFile     *self,
      GFile                  *file,
      gboolean                reload,
      ChronoLoadFlags         flags,
      const ChronoCsvMapping *mapping)
{
  LoadData *data;

  g_assert (CHRONO_IS_DOCUMENT_FILE (self));
  g_assert (G_IS_FILE (file));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* Until there is a document, the file being opened is the file: a
   * window names it while it loads. */
  if (self->document == NULL)
    set_file (self, file);

  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->file = g_object_ref (file);
  data->reload = reload;
  data->flags = flags;
  data->mapping = mapping != NULL ? chrono_csv_mapping_copy (mapping) : NULL;

  set_progress (self, 0);
  set_flag (self, PROP_LOADING, TRUE);

  chrono_loader_load_mapped_async (file,
                                   data->mapping,
                                   flags,
                                   self->cancellable,
                                   on_load_progress, self,
                                   on_load_ready, data);
}

/* Watching --------------------------------------------------------------- */

static gboolean
is_own_save (ChronoDocumentFile *self)
{
  g_autoptr(GFileInfo) info = NULL;

  if (self->saved_etag == NULL)
    return FALSE;

  info = g_file_query_info (self->file, G_FILE_ATTRIBUTE_ETAG_VALUE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info != NULL &&
         g_strcmp0 (g_file_info_get_etag (info), self->saved_etag) == 0;
}

static gboolean
reload_timeout (gpointer user_data)
{
  ChronoDocumentFile *self = user_data;

  self->reload_source = 0;

  /* Never cancel a load in progress: look again once it is done.  A
   * newly opened file replaces this timeout when it is watched. */
  if (self->loading)
    {
      self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_timeout, self);
      return G_SOURCE_REMOVE;
    }

  if (self->file == NULL)
    return G_SOURCE_REMOVE;

  /* Gone for longer than a save that replaces the file takes: keep the
   * document, and look again only once the file is back. */
  if (self->document != NULL && !g_file_query_exists (self->file, NULL))
    {
      set_flag (self, PROP_DELETED, TRUE);
      return G_SOURCE_REMOVE;
    }

  set_flag (self, PROP_DELETED, FALSE);

  if (is_own_save (self))
    return G_SOURCE_REMOVE;

  /* Unsaved changes are never thrown away behind the user's back. */
  if (self->modified)
    {
      set_flag (self, PROP_CHANGED_ON_DISK, TRUE);
      return G_SOURCE_REMOVE;
    }

  load (self, self->file, self->document != NULL, self->load_flags, self->mapping);

  return G_SOURCE_REMOVE;
}

static void
on_monitor_changed (ChronoDocumentFile *self,
                    GFile              *file,
                    GFile              *other_file,
                    GFileMonitorEvent   event,
                    GFileMonitor       *monitor)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      /* Debounce: look once the file has been quiet for a moment.  A
       * deletion waits as long: editors that save by deleting and
       * writing anew bring the file back before it is missed. */
      g_clear_handle_id (&self->reload_source, g_source_remove);
      self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_timeout, self);
      break;

    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      /* Keep what was loaded. */
      break;
    }
}

static void
watch (ChronoDocumentFile *self,
       GFile              *file)
{
  g_autoptr(GError) error = NULL;

  /* News of the file watched before. */
  set_flag (self, PROP_DELETED, FALSE);
  set_flag (self, PROP_CHANGED_ON_DISK, FALSE);

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->monitor, on_monitor_changed, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  g_clear_handle_id (&self->reload_source, g_source_remove);

  if (file == NULL)
    return;

  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Cannot watch %s: %s", g_file_peek_path (file), error->message);
      return;
    }

  g_signal_connect_swapped (self->monitor, "changed",
                            G_CALLBACK (on_monitor_changed), self);
}

/* Saving ----------------------------------------------------------------- */

typedef struct
{
  ChronoDocument *document;
  GFile          *file;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->document);
  g_clear_object (&data->file);
  g_free (data);
}

/* GObject --------------------------------------------------------------- */

static void
chrono_document_file_dispose (GObject *object)
{
  ChronoDocumentFile *self = CHRONO_DOCUMENT_FILE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->monitor, on_monitor_changed, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_handle_id (&self->reload_source, g_source_remove);

  g_clear_object (&self->document);
  g_clear_object (&self->file);
  g_clear_object (&self->failed_file);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);

  G_OBJECT_CLASS (chrono_document_file_parent_class)->dispose (object);
}

static void
chrono_document_file_finalize (GObject *object)
{
  ChronoDocumentFile *self = CHRONO_DOCUMENT_FILE (object);

  g_free (self->error);
  g_free (self->details);
  g_free (self->saved_etag);
  g_clear_pointer (&self->mapping, chrono_csv_mapping_free);
  g_clear_pointer (&self->failed_mapping, chrono_csv_mapping_free);

  G_OBJECT_CLASS (chrono_document_file_parent_class)->finalize (object);
}

static void
chrono_document_file_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ChronoDocumentFile *self = CHRONO_DOCUMENT_FILE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_FAILED_FILE:
      g_value_set_object (value, self->failed_file);
      break;
    case PROP_DETAILS:
      g_value_set_string (value, self->details);
      break;
    case PROP_DELETED:
      g_value_set_boolean (value, self->deleted);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_CHANGED_ON_DISK:
      g_value_set_boolean (value, self->changed_on_disk);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_document_file_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ChronoDocumentFile *self = CHRONO_DOCUMENT_FILE (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      chrono_document_file_set_modified (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_document_file_class_init (ChronoDocumentFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = chrono_document_file_dispose;
  object_class->finalize = chrono_document_file_finalize;
  object_class->get_property = chrono_document_file_get_property;
  object_class->set_property = chrono_document_file_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, ro);
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CHRONO_TYPE_DOCUMENT, ro);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0, ro);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL, ro);
  properties[PROP_FAILED_FILE] =
    g_param_spec_object ("failed-file", NULL, NULL, G_TYPE_FILE, ro);
  properties[PROP_DETAILS] =
    g_param_spec_string ("details", NULL, NULL, NULL, ro);
  properties[PROP_DELETED] =
    g_param_spec_boolean ("deleted", NULL, NULL, FALSE, ro);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHANGED_ON_DISK] =
    g_param_spec_boolean ("changed-on-disk", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ChronoDocumentFile::loaded:
   * @document: the document now shown
   * @reloaded: whether it is the file shown loaded again (keep the view)
   *
   * A load succeeded; every property already says so.
   */
  signals[SIGNAL_LOADED] =
    g_signal_new ("loaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, CHRONO_TYPE_DOCUMENT, G_TYPE_BOOLEAN);

  /**
   * ChronoDocumentFile::failed:
   * @file: the file that did not load
   *
   * A load failed; "error", "failed-file" and "details" say why, and the
   * document (if any) is the one that was open.
   */
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  /**
   * ChronoDocumentFile::needs-mapping:
   * @file: the spreadsheet that did not open
   *
   * chrono_document_file_open() of a spreadsheet whose header names
   * neither Chronoscope's nor TimelineJS's columns (CHRONO_ERROR_COLUMNS)
   * failed: say which column holds what and open it again with
   * chrono_document_file_open_mapped().  Emitted instead of "failed":
   * "error" is cleared, "details" says why, and the document (if any)
   * is the one that was open.  A reload failing so emits "failed".
   */
  signals[SIGNAL_NEEDS_MAPPING] =
    g_signal_new ("needs-mapping",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);
}

static void
chrono_document_file_init (ChronoDocumentFile *self)
{
}

/* Public API ------------------------------------------------------------ */

/**
 * chrono_document_file_new:
 *
 * Returns: (transfer full): an object with no file and no document
 */
ChronoDocumentFile *
chrono_document_file_new (void)
{
  return g_object_new (CHRONO_TYPE_DOCUMENT_FILE, NULL);
}

/**
 * chrono_document_file_open:
 * @file: a native, TimelineJS or CSV timeline
 * @flags: how to load it
 *
 * Starts loading @file on a worker thread, cancelling a load in
 * progress.  On success it becomes the file and its document the
 * document, it is watched, and "loaded" is emitted with @reloaded
 * %FALSE; on failure "error" is set, the document that was open stays,
 * and "failed" is emitted.  Unsaved changes are the caller's to ask
 * about first: a successful load drops them.
 */
void
chrono_document_file_open (ChronoDocumentFile *self,
                           GFile              *file,
                           ChronoLoadFlags     flags)
{
  g_return_if_fail (CHRONO_IS_DOCUMENT_FILE (self));
  g_return_if_fail (G_IS_FILE (file));

  load (self, file, FALSE, flags, NULL);
}

/**
 * chrono_document_file_open_mapped:
 * @file: a CSV or TSV spreadsheet
 * @mapping: which column holds what and how dates are written (copied)
 * @flags: how to load it
 *
 * Opens @file as chrono_document_file_open() does, reading its columns
 * with @mapping.  Once it loaded, the mapping stays with the file:
 * reloads (the file changed on disk, chrono_document_file_reload(),
 * chrono_document_file_retry()) read it the same way, and opening
 * another file drops it.
 */
void
chrono_document_file_open_mapped (ChronoDocumentFile     *self,
                                  GFile                  *file,
                                  const ChronoCsvMapping *mapping,
                                  ChronoLoadFlags         flags)
{
  g_return_if_fail (CHRONO_IS_DOCUMENT_FILE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (mapping != NULL);

  load (self, file, FALSE, flags, mapping);
}

/**
 * chrono_document_file_reload:
 *
 * Loads the file again with the flags it was loaded with; "loaded" says
 * @reloaded %TRUE when there was a document.  Does nothing without a
 * file.
 */
void
chrono_document_file_reload (ChronoDocumentFile *self)
{
  g_return_if_fail (CHRONO_IS_DOCUMENT_FILE (self));

  if (self->file != NULL)
    load (self, self->file, self->document != NULL, self->load_flags, self->mapping);
}

/**
 * chrono_document_file_retry:
 * @lenient: whether to load leniently (CHRONO_LOAD_LENIENT)
 *
 * Loads the file of the last failed load again (or the file, when no
 * load failed), as a reload when it is the file shown.
 */
void
chrono_document_file_retry (ChronoDocumentFile *self,
                            gboolean            lenient)
{
  g_autoptr(GFile) file = NULL;
  ChronoLoadFlags flags;
  gboolean same;

  g_return_if_fail (CHRONO_IS_DOCUMENT_FILE (self));

  if (self->failed_file == NULL)
    {
      if (lenient && self->file != NULL)
        load (self, self->file, self->document != NULL, CHRONO_LOAD_LENIENT, self->mapping);
      else
        chrono_document_file_reload (self);
      return;
    }

  file = g_object_ref (self->failed_file);
  same = self->file != NULL && g_file_equal (file, self->file) && self->document != NULL;
  if (lenient)
    flags = CHRONO_LOAD_LENIENT;
  else
    flags = same ? self->load_flags : CHRONO_LOAD_DEFAULT;

  /* The failed load's mapping: the file shown reloaded with its own, or
   * a mapped open that failed (the file unreadable for a moment). */
  load (self, file, same, flags, self->failed_mapping);
}

/**
 * chrono_document_file_cancel:
 *
 * Cancels a load in progress (the document stays as it is) and stops
 * watching: for an owner going away, since a load holds a reference.
 */
void
chrono_document_file_cancel (ChronoDocumentFile *self)
{
  g_return_if_fail (CHRONO_IS_DOCUMENT_FILE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  watch (self, NULL);
  set_flag (self, PROP_LOADING, FALSE);
}

/**
 * chrono_document_file_dismiss_error:
 *
 * Forgets the last failed load ("error" and "failed-file" go back to
 * %NULL); the details stay for the Details dialog.
 */
void
chrono_document_file_dismiss_error (ChronoDocumentFile *self)
{
  g_return_if_fail (CHRONO_IS_DOCUMENT_FILE (self));

  set_error (self, NULL, NULL);
}

/**
 * chrono_document_file_keep_changes:
 *
 * Answers "changed-on-disk" by keeping the unsaved changes: the notice
 * goes, the document stays modified, and a later save replaces what is
 * on disk.
 */
void
chrono_document_file_keep_changes (ChronoDocumentFile *self)
{
  g_return_if_fail (CHRONO_IS_DOCUMENT_FILE (self));

  set_flag (self, PROP_CHANGED_ON_DISK, FALSE);
}

/**
 * chrono_document_file_set_document:
 * @document: the document
 * @file: (nullable): its file, or %NULL for one never saved
 *
 * Shows @document without loading it, as File → New does: a load in
 * progress is cancelled, @file (if any) is watched, the document is not
 * modified, and "loaded" is emitted with @reloaded %FALSE.
 */
void
chrono_document_file_set_document (ChronoDocumentFile *self,
                                   ChronoDocument     *document,
                                   GFile              *file)
{
  g_return_if_fail (CHRONO_IS_DOCUMENT_FILE (self));
  g_return_if_fail (CHRONO_IS_DOCUMENT (document));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_flag (self, PROP_LOADING, FALSE);

  set_error (self, NULL, NULL);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  if (self->details != NULL)
    {
      g_clear_pointer (&self->details, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAILS]);
    }
  self->load_flags = CHRONO_LOAD_DEFAULT;
  g_clear_pointer (&self->mapping, chrono_csv_mapping_free);
  g_clear_pointer (&self->saved_etag, g_free);

  set_file (self, file);
  watch (self, file);
  if (g_set_object (&self->document, document))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  set_flag (self, PROP_MODIFIED, FALSE);

  g_signal_emit (self, signals[SIGNAL_LOADED], 0, document, FALSE);
}

/**
 * chrono_document_file_get_file:
 *
 * Returns: (transfer none) (nullable): the file shown, or the one being
 *   opened while there is no document
 */
GFile *
chrono_document_file_get_file (ChronoDocumentFile *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT_FILE (self), NULL);

  return self->file;
}

/**
 * chrono_document_file_get_document:
 *
 * Returns: (transfer none) (nullable): the document last loaded, set or
 *   saved
 */
ChronoDocument *
chrono_document_file_get_document (ChronoDocumentFile *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT_FILE (self), NULL);

  return self->document;
}

/**
 * chrono_document_file_get_loading:
 *
 * Returns: whether a load is in progress
 */
gboolean
chrono_document_file_get_loading (ChronoDocumentFile *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT_FILE (self), FALSE);

  return self->loading;
}

/**
 * chrono_document_file_get_progress:
 *
 * Returns: how far the load in progress is, 0 .. 1
 */
double
chrono_document_file_get_progress (ChronoDocumentFile *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT_FILE (self), 0.0);

  return self->progress;
}

/**
 * chrono_document_file_get_load_flags:
 *
 * Returns: the flags the document was loaded with, which reloads use
 */
ChronoLoadFlags
chrono_document_file_get_load_flags (ChronoDocumentFile *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT_FILE (self), CHRONO_LOAD_DEFAULT);

  return self->load_flags;
}

/**
 * chrono_document_file_get_mapping:
 *
 * Returns: (transfer none) (nullable): the mapping the file shown was
 *   opened with (chrono_document_file_open_mapped()), which reloads use;
 *   %NULL for a file read with its own columns
 */
const ChronoCsvMapping *
chrono_document_file_get_mapping (ChronoDocumentFile *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT_FILE (self), NULL);

  return self->mapping;
}

/**
 * chrono_document_file_get_error:
 *
 * Returns: (nullable): the first error of the last failed load,
 *   "FILE:LINE:COL: message", until it is dismissed or a load succeeds
 */
const char *
chrono_document_file_get_error (ChronoDocumentFile *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT_FILE (self), NULL);

  return self->error;
}

/**
 * chrono_document_file_get_failed_file:
 *
 * Returns: (transfer none) (nullable): the file whose load failed, while
 *   "error" is set
 */
GFile *
chrono_document_file_get_failed_file (ChronoDocumentFile *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT_FILE (self), NULL);

  return self->failed_file;
}

/**
 * chrono_document_file_get_lenient_fix:
 *
 * Returns: what chrono_document_file_retry() with @lenient would do for
 *   the last failed load
 */
ChronoLenientFix
chrono_document_file_get_lenient_fix (ChronoDocumentFile *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT_FILE (self), CHRONO_LENIENT_FIX_NONE);

  return self->failed_file != NULL ? self->lenient_fix : CHRONO_LENIENT_FIX_NONE;
}

/**
 * chrono_document_file_get_details:
 *
 * Returns: (nullable): every error and warning of the last load, one
 *   "FILE:LINE:COL: message (hint)" a line, or %NULL when there were none
 */
const char *
chrono_document_file_get_details (ChronoDocumentFile *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT_FILE (self), NULL);

  return self->details;
}

/**
 * chrono_document_file_get_diagnostics:
 *
 * Returns: (transfer none) (nullable) (element-type ChronoDiagnostic):
 *   every diagnostic of the last load
 */
GPtrArray *
chrono_document_file_get_diagnostics (ChronoDocumentFile *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT_FILE (self), NULL);

  return self->diagnostics;
}

/**
 * chrono_document_file_get_deleted:
 *
 * Returns: whether the file was deleted or moved away (for longer than
 *   a save by rename takes); the document stays, and the file coming
 *   back is loaded again
 */
gboolean
chrono_document_file_get_deleted (ChronoDocumentFile *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT_FILE (self), FALSE);

  return self->deleted;
}

/**
 * chrono_document_file_get_modified:
 *
 * Returns: whether the document has changes not saved to the file
 */
gboolean
chrono_document_file_get_modified (ChronoDocumentFile *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT_FILE (self), FALSE);

  return self->modified;
}

/**
 * chrono_document_file_set_modified:
 * @modified: whether there are unsaved changes
 *
 * Said by whoever edits the document (the edit history, when its
 * position moves away from or back to where it was saved).  A load or a
 * save clears it.  While it is set, the file changing on disk sets
 * "changed-on-disk" instead of reloading.
 */
void
chrono_document_file_set_modified (ChronoDocumentFile *self,
                                   gboolean            modified)
{
  g_return_if_fail (CHRONO_IS_DOCUMENT_FILE (self));

  set_flag (self, PROP_MODIFIED, modified);
  /* Nothing unsaved left to keep: the next change reloads again. */
  if (!modified)
    set_flag (self, PROP_CHANGED_ON_DISK, FALSE);
}

/**
 * chrono_document_file_get_changed_on_disk:
 *
 * Returns: whether the file changed on disk while the document had
 *   unsaved changes, and was not reloaded: answer with
 *   chrono_document_file_reload() (dropping the changes) or
 *   chrono_document_file_keep_changes()
 */
gboolean
chrono_document_file_get_changed_on_disk (ChronoDocumentFile *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT_FILE (self), FALSE);

  return self->changed_on_disk;
}

/**
 * chrono_document_file_can_save:
 *
 * Returns: whether chrono_document_file_save_async() can write a file
 *   (always, since the model has a native writer; kept so that the
 *   window asks one place whether to offer Save)
 */
gboolean
chrono_document_file_can_save (ChronoDocumentFile *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT_FILE (self), FALSE);

  return TRUE;
}

/**
 * chrono_document_file_get_save_needs_file:
 *
 * Returns: whether Save must ask where: the document has no file, or it
 *   was imported (TimelineJS, CSV), which Save never overwrites
 */
gboolean
chrono_document_file_get_save_needs_file (ChronoDocumentFile *self)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT_FILE (self), TRUE);

  return self->file == NULL || self->document == NULL ||
         chrono_document_get_format (self->document) != CHRONO_FORMAT_NATIVE;
}

static void
on_saved (ChronoDocumentFile *self,
          SaveData           *data)
{
  g_autoptr(GFileInfo) info = NULL;

  /* What is on disk now is this document: its etag tells the monitor's
   * news of this write from someone else's. */
  info = g_file_query_info (data->file, G_FILE_ATTRIBUTE_ETAG_VALUE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_free (self->saved_etag);
  self->saved_etag = info != NULL ? g_strdup (g_file_info_get_etag (info)) : NULL;

  if (self->file == NULL || !g_file_equal (self->file, data->file))
    {
      set_file (self, data->file);
      watch (self, data->file);
    }
  /* What is on disk now is a Chronoscope timeline, not the spreadsheet
   * the mapping read. */
  g_clear_pointer (&self->mapping, chrono_csv_mapping_free);
  set_flag (self, PROP_DELETED, FALSE);
  if (g_set_object (&self->document, data->document))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  chrono_document_file_set_modified (self, FALSE);
}

/* Runs on a worker thread; @document is immutable, so that is safe.
 * The writer writes atomically (chrono-file-writer.c): a failed save
 * leaves the file as it was. */
static gboolean
write_document (ChronoDocument  *document,
                GFile           *file,
                GCancellable    *cancellable,
                GError         **error)
{
  /* Always the native format: an import is saved as a Chronoscope
   * timeline (Save As; Save never overwrites an import). */
  return chrono_writer_write_file (document, CHRONO_FORMAT_NATIVE, file, cancellable, error);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (write_document (data->document, data->file, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Back on the main context: take the new state before telling the
 * caller, so its callback sees it. */
static void
on_save_ready (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ChronoDocumentFile *self = CHRONO_DOCUMENT_FILE (object);
  g_autoptr(GTask) outer = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      return;
    }

  on_saved (self, g_task_get_task_data (G_TASK (result)));
  g_task_return_boolean (outer, TRUE);
}

/**
 * chrono_document_file_save_async:
 * @document: the document to write (the edited one)
 * @file: where: the file, or another for Save As
 * @cancellable: (nullable): cancels the write, leaving the old file whole
 * @callback: called on the calling thread's main context when done
 * @user_data: for @callback
 *
 * Writes @document to @file in Chronoscope's format, atomically, on a
 * worker thread.  On success @file becomes the file (watched),
 * @document the document, "modified" and "changed-on-disk" are cleared,
 * and the monitor's news of this write does not reload it.  On failure
 * nothing changes, the file on disk included.
 */
void
chrono_document_file_save_async (ChronoDocumentFile  *self,
                                 ChronoDocument      *document,
                                 GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (CHRONO_IS_DOCUMENT_FILE (self));
  g_return_if_fail (CHRONO_IS_DOCUMENT (document));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, chrono_document_file_save_async);

  task = g_task_new (self, cancellable, on_save_ready, g_steal_pointer (&outer));
  data = g_new0 (SaveData, 1);
  data->document = g_object_ref (document);
  data->file = g_object_ref (file);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

/**
 * chrono_document_file_save_finish:
 *
 * Returns: whether @document was written; %FALSE with @error set
 *   otherwise (the file on disk and every property as they were)
 */
gboolean
chrono_document_file_save_finish (ChronoDocumentFile  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (CHRONO_IS_DOCUMENT_FILE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
