#define G_LOG_DOMAIN "chrono-export-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "chrono-a11y.h"
#include "chrono-export-dialog.h"

typedef enum
{
  SIZE_FULL_HD,
  SIZE_4K,
  SIZE_A4,
  SIZE_LETTER,
  SIZE_VIEW,
  SIZE_CUSTOM,
} SizePreset;

/* Paper sizes are in points: PDF pages of exactly that size. */
static const struct {
  int width;
  int height;
} presets[] = {
  [SIZE_FULL_HD] = { 1920, 1080 },
  [SIZE_4K] = { 3840, 2160 },
  [SIZE_A4] = { 842, 595 },
  [SIZE_LETTER] = { 792, 612 },
};

typedef enum
{
  RANGE_VIEW,
  RANGE_WHOLE,
  RANGE_CUSTOM,
} RangeChoice;

struct _ChronoExportDialog
{
  AdwWindow       parent_instance;

  /* Template */
  GtkDrawingArea *preview;
  AdwComboRow    *format_row;
  AdwComboRow    *size_row;
  AdwActionRow   *custom_size_row;
  GtkSpinButton  *width_spin;
  GtkSpinButton  *height_spin;
  AdwComboRow    *scale_row;
  AdwComboRow    *theme_row;
  AdwComboRow    *range_row;
  AdwEntryRow    *from_row;
  AdwEntryRow    *to_row;
  GtkSwitch      *title_switch;
  GtkSwitch      *legend_switch;
  GtkSwitch      *relations_switch;

  ChronoWindow   *window;  /* weak */
  ChronoSession  *session;
  GSettings      *settings;
  GtkFileChooserNative *chooser;
  GCancellable   *cancellable;  /* of the running export, or NULL */
  AdwToast       *busy_toast;   /* weak */
};

G_DEFINE_FINAL_TYPE (ChronoExportDialog, chrono_export_dialog, ADW_TYPE_WINDOW)

static void
get_view_size (ChronoExportDialog *self,
               int                *width,
               int                *height)
{
  GtkWidget *view = self->window != NULL ? chrono_window_get_timeline_view (self->window) : NULL;

  *width = view != NULL ? gtk_widget_get_width (view) : 0;
  *height = view != NULL ? gtk_widget_get_height (view) : 0;
  if (*width < 16 || *height < 16)
    {
      *width = 1280;
      *height = 720;
    }
}

/* A date typed in an entry row, or FALSE (and the row marked) when it
 * does not parse.  @end takes the end of the date's period. */
static gboolean
parse_row_date (AdwEntryRow *row,
                gboolean     end,
                double      *time)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  ChronoDate date;
  gboolean ok;

  ok = text != NULL && text[0] != '\0' && chrono_date_parse (text, FALSE, &date, NULL, NULL);
  if (ok)
    *time = end ? (double) chrono_date_get_period_end (&date) : (double) date.time;

  if (ok || text == NULL || text[0] == '\0')
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");

  return ok;
}

gboolean
chrono_export_dialog_get_options (ChronoExportDialog  *self,
                                  ChronoExportOptions *options)
{
  gboolean ok = TRUE;
  guint size;

  g_return_val_if_fail (CHRONO_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  chrono_export_options_init (options);
  options->format = adw_combo_row_get_selected (self->format_row);
  options->scale = adw_combo_row_get_selected (self->scale_row) + 1;
  options->dark = adw_combo_row_get_selected (self->theme_row) == 1;
  options->show_title = gtk_switch_get_active (self->title_switch);
  options->show_legend = gtk_switch_get_active (self->legend_switch);
  options->show_relations = gtk_switch_get_active (self->relations_switch);
  options->filter = chrono_session_get_filter (self->session);

  size = adw_combo_row_get_selected (self->size_row);
  if (size < G_N_ELEMENTS (presets))
    {
      options->width = presets[size].width;
      options->height = presets[size].height;
    }
  else if (size == SIZE_VIEW)
    get_view_size (self, &options->width, &options->height);
  else
    {
      options->width = gtk_spin_button_get_value_as_int (self->width_spin);
      options->height = gtk_spin_button_get_value_as_int (self->height_spin);
    }

  switch (adw_combo_row_get_selected (self->range_row))
    {
    case RANGE_VIEW:
      options->has_range = TRUE;
      chrono_session_get_visible (self->session, &options->start, &options->end);
      break;
    case RANGE_CUSTOM:
      options->has_range = TRUE;
      ok = parse_row_date (self->from_row, FALSE, &options->start) &&
           parse_row_date (self->to_row, TRUE, &options->end) &&
           options->end > options->start;
      if (!ok)
        options->has_range = FALSE;
      break;
    case RANGE_WHOLE:
    default:
      options->has_range = FALSE;
      break;
    }

  return ok && chrono_export_options_validate (options, NULL);
}

static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  ChronoExportDialog *self = CHRONO_EXPORT_DIALOG (user_data);
  ChronoDocument *document = chrono_session_get_document (self->session);
  ChronoExportOptions options;
  double out_width, out_height, scale, margin = 12;

  chrono_export_dialog_get_options (self, &options);
  if (options.has_range && !(options.end > options.start))
    options.has_range = FALSE;

  /* A page too short for every lane grows: show it as it will be. */
  out_width = options.width * options.scale;
  out_height = MAX (options.height * options.scale, chrono_export_get_page_height (document, &options));
  scale = MIN ((width - 2 * margin) / out_width, (height - 2 * margin) / out_height);
  if (scale <= 0)
    return;

  /* The page, centred, with a hairline around it. */
  cairo_translate (cr, (width - out_width * scale) / 2, (height - out_height * scale) / 2);
  cairo_rectangle (cr, -0.5, -0.5, out_width * scale + 1, out_height * scale + 1);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.2);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  cairo_scale (cr, scale, scale);
  chrono_export_draw (cr, document, &options, out_width, out_height);
}

static void
update (ChronoExportDialog *self)
{
  ChronoExportOptions options;
  gboolean custom_size = adw_combo_row_get_selected (self->size_row) == SIZE_CUSTOM;
  gboolean custom_range = adw_combo_row_get_selected (self->range_row) == RANGE_CUSTOM;

  gtk_widget_set_visible (GTK_WIDGET (self->custom_size_row), custom_size);
  gtk_widget_set_visible (GTK_WIDGET (self->from_row), custom_range);
  gtk_widget_set_visible (GTK_WIDGET (self->to_row), custom_range);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.save",
                                 self->cancellable == NULL &&
                                 chrono_export_dialog_get_options (self, &options));

  /* Say when the page will be taller than asked, and why. */
  {
    ChronoDocument *document = chrono_session_get_document (self->session);
    int width, height, grown = 0;
    g_autofree char *note = NULL;

    if (document != NULL && chrono_export_options_validate (&options, NULL))
      {
        width = (int) ceil (options.width * options.scale - 0.001);
        height = (int) ceil (options.height * options.scale - 0.001);
        grown = chrono_export_get_page_height (document, &options);
        if (grown > height)
          /* Translators: the export's page size grows, "1600 × 946" */
          note = g_strdup_printf (_("Grows to %d × %d to show every lane"), width, grown);
      }
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->size_row), note != NULL ? note : "");
  }
  gtk_widget_queue_draw (GTK_WIDGET (self->preview));
}

static void
save_settings (ChronoExportDialog        *self,
               const ChronoExportOptions *options)
{
  if (self->settings == NULL)
    return;

  g_settings_set_enum (self->settings, "export-format", options->format);
  g_settings_set_int (self->settings, "export-width", options->width);
  g_settings_set_int (self->settings, "export-height", options->height);
  g_settings_set_enum (self->settings, "export-theme", options->dark ? 1 : 0);
  g_settings_set_boolean (self->settings, "export-title", options->show_title);
  g_settings_set_boolean (self->settings, "export-legend", options->show_legend);
  g_settings_set_boolean (self->settings, "export-relations", options->show_relations);
  g_settings_set_enum (self->settings, "export-range", adw_combo_row_get_selected (self->range_row));
  g_settings_set_string (self->settings, "export-range-start",
                         gtk_editable_get_text (GTK_EDITABLE (self->from_row)));
  g_settings_set_string (self->settings, "export-range-end",
                         gtk_editable_get_text (GTK_EDITABLE (self->to_row)));
}

static void
load_settings (ChronoExportDialog *self)
{
  int width, height;
  guint size = SIZE_CUSTOM;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (self->settings == NULL)
    return;

  adw_combo_row_set_selected (self->format_row, g_settings_get_enum (self->settings, "export-format"));
  adw_combo_row_set_selected (self->theme_row, g_settings_get_enum (self->settings, "export-theme"));
  adw_combo_row_set_selected (self->range_row, g_settings_get_enum (self->settings, "export-range"));
  gtk_switch_set_active (self->title_switch, g_settings_get_boolean (self->settings, "export-title"));
  gtk_switch_set_active (self->legend_switch, g_settings_get_boolean (self->settings, "export-legend"));
  gtk_switch_set_active (self->relations_switch, g_settings_get_boolean (self->settings, "export-relations"));

  width = g_settings_get_int (self->settings, "export-width");
  height = g_settings_get_int (self->settings, "export-height");
  gtk_spin_button_set_value (self->width_spin, width);
  gtk_spin_button_set_value (self->height_spin, height);
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (presets[i].width == width && presets[i].height == height)
      size = i;
  adw_combo_row_set_selected (self->size_row, size);

  from = g_settings_get_string (self->settings, "export-range-start");
  to = g_settings_get_string (self->settings, "export-range-end");
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), to);
}

/* "Andrej Karpathy and the race.png": a file name from the title. */
static char *
suggest_name (ChronoDocument *document,
              const char     *suffix,
              const char     *extension)
{
  const char *title = document != NULL ? chrono_document_get_title (document) : NULL;
  g_autofree char *base = g_strdup (title != NULL && title[0] != '\0' ? title : _("Timeline"));

  g_strdelimit (base, "/\\:*?\"<>|", '-');
  return g_strdup_printf ("%s%s.%s", base, suffix, extension);
}

/* @path with @extension added unless it already names a format. */
static char *
with_extension (const char *path,
                const char *extension)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  g_autofree char *dotted = g_strconcat (".", extension, NULL);

  if (g_str_has_suffix (lower, dotted))
    return g_strdup (path);

  return g_strconcat (path, dotted, NULL);
}

typedef struct
{
  GFile   *file;
  GWeakRef window;
} OpenData;

static void
open_data_free (gpointer  data,
                GClosure *closure)
{
  OpenData *open = data;

  g_clear_object (&open->file);
  g_weak_ref_clear (&open->window);
  g_free (open);
}

static void
on_open_done (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source_object), result, &error))
    g_warning ("Cannot open the export: %s", error->message);
}

static void
on_open_clicked (AdwToast *toast,
                 OpenData *open)
{
  g_autoptr(GtkWindow) window = g_weak_ref_get (&open->window);
  g_autofree char *uri = g_file_get_uri (open->file);

  /* Through the OpenURI portal when sandboxed, like any link. */
  gtk_show_uri_full (window, uri, GDK_CURRENT_TIME, NULL, on_open_done, NULL);
}

AdwToast *
chrono_export_result_toast_new (ChronoWindow *window,
                                GFile        *file,
                                const GError *error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = NULL;
  AdwToast *toast;

  g_return_val_if_fail (window == NULL || CHRONO_IS_WINDOW (window), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (error == NULL)
    /* Translators: the argument is a file name */
    text = g_strdup_printf (_("Exported “%s”"), name);
  else
    /* Translators: the arguments are a file name and what went wrong */
    text = g_strdup_printf (_("Could not export “%s”: %s"), name, error->message);

  toast = adw_toast_new (text);
  if (error != NULL)
    adw_toast_set_timeout (toast, 0);
  else
    {
      OpenData *open = g_new0 (OpenData, 1);

      open->file = g_object_ref (file);
      g_weak_ref_init (&open->window, window);
      /* Translators: a button on the "Exported …" notice: opens the file */
      adw_toast_set_button_label (toast, _("_Open"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_open_clicked),
                             open, open_data_free, 0);
    }

  return toast;
}

static void
show_result (ChronoWindow *window,
             GFile        *file,
             const GError *error)
{
  chrono_window_add_toast (window, chrono_export_result_toast_new (window, file, error));
}

GFile *
chrono_export_default_folder (GSettings          *settings,
                              ChronoExportFormat  format)
{
  const char *special;

  if (settings != NULL)
    {
      g_autofree char *last = g_settings_get_string (settings, "export-folder");

      if (last != NULL && last[0] != '\0')
        {
          g_autoptr(GFile) folder = g_file_new_for_uri (last);

          if (g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
            return g_steal_pointer (&folder);
        }
    }

  special = g_get_user_special_dir (format == CHRONO_EXPORT_FORMAT_PDF
                                    ? G_USER_DIRECTORY_DOCUMENTS
                                    : G_USER_DIRECTORY_PICTURES);
  if (special != NULL && g_file_test (special, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (special);

  return g_file_new_for_path (g_get_home_dir ());
}

/* The next export starts in the folder this one went to. */
static void
remember_folder (GSettings *settings,
                 GFile     *file)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *uri = NULL;

  if (settings == NULL || (parent = g_file_get_parent (file)) == NULL)
    return;

  uri = g_file_get_uri (parent);
  g_settings_set_string (settings, "export-folder", uri);
}

static void
start_in_default_folder (GtkFileChooser     *chooser,
                         GSettings          *settings,
                         ChronoExportFormat  format)
{
  g_autoptr(GFile) folder = chrono_export_default_folder (settings, format);
  g_autoptr(GError) error = NULL;

  if (!gtk_file_chooser_set_current_folder (chooser, folder, &error))
    g_debug ("Cannot start the file chooser in %s: %s",
             g_file_peek_path (folder), error->message);
}

#define BUSY_TOAST_DELAY_MS  400
#define BUSY_TOAST_SETTLE_MS 1000

/* An export running in a worker thread (chrono_export_to_file_async(),
 * which copies what it reads): what to do when it is done.  Freed on
 * the main thread, so the widgets it holds are released there. */
typedef struct
{
  ChronoExportOptions  options;
  GFile               *file;
  ChronoWindow        *window;
  ChronoExportDialog  *dialog;   /* NULL for slides */
  GSettings           *settings; /* may be NULL */
  AdwToast            *toast;    /* weak */
  guint                toast_source;
  gint64               toast_shown;  /* monotonic µs */
  guint                n_steps;      /* slides: steps before the cap */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->file);
  g_clear_object (&job->window);
  g_clear_object (&job->dialog);
  g_clear_object (&job->settings);
  g_clear_weak_pointer (&job->toast);
  g_clear_handle_id (&job->toast_source, g_source_remove);
  g_free (job);
}

static gboolean
dismiss_toast (gpointer data)
{
  adw_toast_dismiss (data);
  return G_SOURCE_REMOVE;
}

/* "Exporting…", only for an export that takes a while: a toast that
 * comes and goes at once is a flicker, and libadwaita 1.2 crashes when
 * a toast is dismissed during its show animation. */
static gboolean
show_busy_toast (gpointer data)
{
  ExportJob *job = data;
  AdwToast *toast;

  job->toast_source = 0;
  toast = adw_toast_new (_("Exporting…"));
  adw_toast_set_timeout (toast, 0);
  g_set_weak_pointer (&job->toast, toast);
  job->toast_shown = g_get_monotonic_time ();
  chrono_window_add_toast (job->window, toast);

  return G_SOURCE_REMOVE;
}

/* Dismisses the busy toast once its show animation is surely over. */
static void
dismiss_busy_toast (ExportJob *job)
{
  gint64 age_ms;

  g_clear_handle_id (&job->toast_source, g_source_remove);
  if (job->toast == NULL)
    return;

  age_ms = (g_get_monotonic_time () - job->toast_shown) / 1000;
  if (age_ms >= BUSY_TOAST_SETTLE_MS)
    adw_toast_dismiss (job->toast);
  else
    g_timeout_add_full (G_PRIORITY_DEFAULT, BUSY_TOAST_SETTLE_MS - age_ms, dismiss_toast,
                        g_object_ref (job->toast), g_object_unref);
}

static void
on_export_done (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportJob *job = user_data;
  ChronoExportDialog *self = job->dialog;
  g_autoptr(GError) error = NULL;
  gboolean ok = chrono_export_to_file_finish (result, &error);
  gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  dismiss_busy_toast (job);

  if (ok)
    remember_folder (job->settings, job->file);
  /* Cancelled by closing the export window: nothing to report, and no
   * file was left behind. */
  if (!cancelled)
    {
      AdwToast *toast = chrono_export_result_toast_new (job->window, job->file, error);

      if (ok && job->n_steps > CHRONO_EXPORT_MAX_SLIDES)
        {
          g_autofree char *name = g_file_get_basename (job->file);
          g_autofree char *text = NULL;

          /* Translators: slides of a large timeline: the file name, then
           * how many steps are shown (200) and how many there are */
          text = g_strdup_printf (_("Exported “%s” with the first %u of %u steps, most important first"),
                                  name, (guint) CHRONO_EXPORT_MAX_SLIDES, job->n_steps);
          adw_toast_set_title (toast, text);
          adw_toast_set_timeout (toast, 0);
        }
      chrono_window_add_toast (job->window, toast);
    }

  /* Not when the window was closed and the export finished before it
   * noticed the cancel. */
  if (self != NULL && !cancelled && self->cancellable != NULL &&
      !g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_object (&self->cancellable);
      if (ok)
        {
          save_settings (self, &job->options);
          gtk_window_destroy (GTK_WINDOW (self));
        }
      else
        {
          gtk_widget_set_sensitive (GTK_WIDGET (self->preview), TRUE);
          update (self);
        }
    }

  export_job_free (job);
}

/* Starts @job writing @path; takes @job.  Shows a toast until it is done. */
static void
export_job_start (ExportJob          *job,
                  ChronoDocument     *document,
                  const char         *path,
                  gboolean            slides,
                  GCancellable       *cancellable)
{
  job->toast_source = g_timeout_add (BUSY_TOAST_DELAY_MS, show_busy_toast, job);

  /* The options are copied by the export; the job keeps its own only
   * to save them as settings, without the filter. */
  if (slides)
    chrono_export_slides_async (document, &job->options, path, cancellable, on_export_done, job);
  else
    chrono_export_to_file_async (document, &job->options, path, cancellable, on_export_done, job);
  job->options.filter = NULL;
  job->options.title = NULL;
}

gboolean
chrono_export_dialog_get_busy (ChronoExportDialog *self)
{
  g_return_val_if_fail (CHRONO_IS_EXPORT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

gboolean
chrono_export_dialog_export_to (ChronoExportDialog  *self,
                                GFile               *file,
                                GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  ChronoExportOptions options;
  gboolean ok;

  g_return_val_if_fail (CHRONO_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Exports can only be saved to local files"));
      ok = FALSE;
    }
  else if (!chrono_export_dialog_get_options (self, &options))
    {
      /* Either the size is out of range or the custom dates are wrong. */
      if (chrono_export_options_validate (&options, &local_error))
        g_set_error (&local_error, CHRONO_EXPORT_ERROR, CHRONO_EXPORT_ERROR_RANGE,
                     _("The custom dates are not valid: use dates like 2015 or 2015-06-30"));
      ok = FALSE;
    }
  else if (self->window == NULL || self->cancellable != NULL)
    {
      g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("An export is already running"));
      ok = FALSE;
    }
  else
    {
      ExportJob *job = g_new0 (ExportJob, 1);

      job->options = options;
      job->file = g_object_ref (file);
      job->window = g_object_ref (self->window);
      job->dialog = g_object_ref (self);
      job->settings = self->settings != NULL ? g_object_ref (self->settings) : NULL;

      /* Cancel and closing the window (dispose) cancel it. */
      self->cancellable = g_cancellable_new ();
      gtk_widget_set_sensitive (GTK_WIDGET (self->preview), FALSE);
      update (self);
      export_job_start (job, chrono_session_get_document (self->session), path, FALSE,
                        self->cancellable);
      return TRUE;
    }

  if (self->window != NULL)
    show_result (self->window, file, local_error);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

static void
on_replace_response (AdwMessageDialog   *dialog,
                     const char         *response,
                     ChronoExportDialog *self)
{
  g_autoptr(ChronoExportDialog) hold = g_object_ref (self);
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");

  /* @dialog may outlive this window: it closes after "response". */
  if (g_strcmp0 (response, "replace") == 0 &&
      chrono_export_dialog_export_to (self, file, NULL))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
}

/* The chooser confirmed replacing the name typed, not @file: the
 * extension was added after it.  Asks before replacing @file. */
static void
ask_replace (ChronoExportDialog *self,
             GFile              *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  /* Translators: the argument is a file name */
  heading = g_strdup_printf (_("Replace “%s”?"), name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _("A file with this name already exists. Replacing it overwrites its contents.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_replace_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_chooser_response (GtkNativeDialog    *chooser,
                     int                 response,
                     ChronoExportDialog *self)
{
  /* Destroying the window below drops the toplevel list's reference,
   * which may be the last one: keep @self alive until we return. */
  g_autoptr(ChronoExportDialog) hold = g_object_ref (self);
  g_autoptr(GFile) ask = NULL;
  ChronoExportOptions options;
  gboolean done = FALSE;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *chosen_path = chosen != NULL ? g_file_get_path (chosen) : NULL;
      g_autoptr(GFile) file = NULL;

      chrono_export_dialog_get_options (self, &options);
      if (chosen_path != NULL)
        {
          g_autofree char *path = with_extension (chosen_path, chrono_export_format_get_extension (options.format));

          file = g_file_new_for_path (path);
          /* The chooser only confirmed replacing the name as typed. */
          if (strcmp (path, chosen_path) != 0 && g_file_test (path, G_FILE_TEST_EXISTS))
            ask = g_steal_pointer (&file);
        }
      else if (chosen != NULL)
        file = g_object_ref (chosen);

      done = file != NULL && chrono_export_dialog_export_to (self, file, NULL);
    }

  /* Not destroyed here: the chooser is still emitting "response". */
  g_clear_object (&self->chooser);
  /* When @done, the dialog closes once the export succeeded. */
  if (!done && ask != NULL)
    ask_replace (self, ask);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChronoExportDialog *self = CHRONO_EXPORT_DIALOG (widget);
  ChronoExportOptions options;
  g_autofree char *name = NULL;

  chrono_export_dialog_get_options (self, &options);
  name = suggest_name (chrono_session_get_document (self->session), "",
                       chrono_export_format_get_extension (options.format));

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  start_in_default_folder (GTK_FILE_CHOOSER (self->chooser), self->settings, options.format);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Cancel and closing the window stop a running export.  Not left to
 * dispose: the export holds the dialog until it is done, so dispose
 * would only come after it. */
static gboolean
chrono_export_dialog_close_request (GtkWindow *window)
{
  ChronoExportDialog *self = CHRONO_EXPORT_DIALOG (window);

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (chrono_export_dialog_parent_class)->close_request (window);
}

static void
chrono_export_dialog_dispose (GObject *object)
{
  ChronoExportDialog *self = CHRONO_EXPORT_DIALOG (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->chooser, on_chooser_response, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
    }
  g_clear_object (&self->chooser);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONO_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (chrono_export_dialog_parent_class)->dispose (object);
}

static void
chrono_export_dialog_class_init (ChronoExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = chrono_export_dialog_dispose;
  window_class->close_request = chrono_export_dialog_close_request;

  gtk_widget_class_install_action (widget_class, "export.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/chrono-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, custom_size_row);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, theme_row);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, range_row);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, title_switch);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, legend_switch);
  gtk_widget_class_bind_template_child (widget_class, ChronoExportDialog, relations_switch);
}

static void
chrono_export_dialog_init (ChronoExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  chrono_a11y_fix_names (GTK_WIDGET (self));
  /* The text field inside an entry row takes the focus but has no name
   * in libadwaita 1.2: a screen reader would say nothing on it. */
  chrono_a11y_set_label (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->from_row))),
                         _("From date"));
  chrono_a11y_set_label (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->to_row))),
                         _("To date"));
  gtk_drawing_area_set_draw_func (self->preview, draw_preview, self, NULL);
}

ChronoExportDialog *
chrono_export_dialog_new (ChronoWindow *window)
{
  ChronoExportDialog *self;

  g_return_val_if_fail (CHRONO_IS_WINDOW (window), NULL);

  self = g_object_new (CHRONO_TYPE_EXPORT_DIALOG,
                       "transient-for", window,
                       NULL);
  g_set_weak_pointer (&self->window, window);
  self->session = g_object_ref (chrono_window_get_session (window));
  g_object_get (window, "settings", &self->settings, NULL);

  load_settings (self);

  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->size_row, "notify::selected", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->scale_row, "notify::selected", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->theme_row, "notify::selected", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->range_row, "notify::selected", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->width_spin, "value-changed", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->height_spin, "value-changed", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->from_row, "changed", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->to_row, "changed", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->title_switch, "notify::active", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->legend_switch, "notify::active", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->relations_switch, "notify::active", G_CALLBACK (update), self);
  update (self);

  return self;
}

GtkNativeDialog *
chrono_export_dialog_get_chooser (ChronoExportDialog *self)
{
  g_return_val_if_fail (CHRONO_IS_EXPORT_DIALOG (self), NULL);

  return self->chooser != NULL ? GTK_NATIVE_DIALOG (self->chooser) : NULL;
}

/* Slides */

static void
on_slides_response (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(ChronoWindow) window = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *chosen_path = chosen != NULL ? g_file_get_path (chosen) : NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GFile) file = NULL;
      ChronoSession *session = chrono_window_get_session (window);
      ChronoExportOptions options;
      GSettings *settings = NULL;

      if (chosen_path == NULL)
        {
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("Exports can only be saved to local files"));
          file = chosen != NULL ? g_object_ref (chosen) : g_file_new_for_path ("slides.pdf");
        }
      else
        {
          const char *choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "format");
          gboolean png = g_strcmp0 (choice, "png") == 0;
          g_autofree char *path = NULL;
          ExportJob *job;

          /* PNG slides go into a folder of the chosen name, without the
           * ".pdf" the name was suggested with. */
          if (png && g_str_has_suffix (chosen_path, ".pdf"))
            path = g_strndup (chosen_path, strlen (chosen_path) - strlen (".pdf"));
          else
            path = png ? g_strdup (chosen_path) : with_extension (chosen_path, "pdf");
          file = g_file_new_for_path (path);
          chrono_export_options_init (&options);
          /* The same pages as the PDF, as images of 1920 × 1080 pixels
           * to paste into other presentations. */
          options.format = png ? CHRONO_EXPORT_FORMAT_PNG : CHRONO_EXPORT_FORMAT_PDF;
          options.width = 1280;
          options.height = 720;
          options.scale = png ? 1.5 : 1.0;
          options.filter = chrono_session_get_filter (session);
          g_object_get (window, "settings", &settings, NULL);
          if (settings != NULL)
            options.dark = g_settings_get_enum (settings, "export-theme") == 1;

          job = g_new0 (ExportJob, 1);
          g_array_unref (chrono_export_get_slide_steps (chrono_session_get_document (session),
                                                        options.filter, &job->n_steps));
          job->options = options;
          job->file = g_object_ref (file);
          job->window = g_object_ref (window);
          job->settings = g_steal_pointer (&settings);
          export_job_start (job, chrono_session_get_document (session), path, TRUE, NULL);
        }

      if (error != NULL)
        show_result (window, file, error);
    }

  g_object_unref (chooser);
}

void
chrono_export_slides_run (ChronoWindow *window)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  ChronoDocument *document;
  GSettings *settings = NULL;

  g_return_if_fail (CHRONO_IS_WINDOW (window));

  document = chrono_session_get_document (chrono_window_get_session (window));
  if (document == NULL)
    return;

  name = suggest_name (document, _(" slides"), "pdf");
  chooser = gtk_file_chooser_native_new (_("Export Slides"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_get (window, "settings", &settings, NULL);
  start_in_default_folder (GTK_FILE_CHOOSER (chooser), settings, CHRONO_EXPORT_FORMAT_PDF);
  g_clear_object (&settings);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  {
    const char *ids[] = { "pdf", "png", NULL };
    const char *labels[] = { _("PDF document"), _("PNG images in a folder"), NULL };

    gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "format", _("Format"),
                                 (const char **) ids, (const char **) labels);
    gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "format", "pdf");
  }
  g_signal_connect (chooser, "response", G_CALLBACK (on_slides_response), g_object_ref (window));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
