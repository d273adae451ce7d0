/* chrono-import-dialog.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-import-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chrono-a11y.h"
#include "chrono-import-dialog.h"
#include "chrono-loader.h"

/* The rows shown in the preview, and the rows kept for the guesses
 * (the model guesses from the first 50). */
#define PREVIEW_ROWS 5
#define SAMPLE_ROWS  50
/* Distinct cells named under a column's header. */
#define SAMPLE_CELLS 3

/* The drop-downs list the fields in this order, "ignore" last. */
static const ChronoCsvField field_order[] = {
  CHRONO_CSV_TITLE, CHRONO_CSV_START, CHRONO_CSV_END, CHRONO_CSV_LANE, CHRONO_CSV_CATEGORY,
  CHRONO_CSV_DESCRIPTION, CHRONO_CSV_TAGS, CHRONO_CSV_LINK, CHRONO_CSV_IGNORE,
};
G_STATIC_ASSERT (G_N_ELEMENTS (field_order) == CHRONO_CSV_N_FIELDS);

struct _ChronoImportDialog
{
  AdwWindow             parent_instance;

  /* Template */
  AdwWindowTitle       *window_title;
  GtkWidget            *import_button;
  GtkStack             *stack;
  AdwStatusPage        *loading_page;
  AdwStatusPage        *error_page;
  GtkGrid              *preview_grid;
  GtkLabel             *count_label;
  GtkLabel             *reasons_label;
  AdwPreferencesGroup  *columns_group;
  AdwComboRow          *date_format_row;
  GtkWidget            *ambiguous_row;

  ChronoWindow         *window;        /* weak */
  GFile                *file;
  GBytes               *data;          /* the file, once read */
  GPtrArray            *rows;          /* of GStrv: the header and the first rows */
  ChronoCsvMapping     *mapping;
  GPtrArray            *column_rows;   /* of AdwComboRow, one a column */
  ChronoCsvPreview     *preview;       /* of the mapping, or NULL while it is worked out */
  GCancellable         *cancellable;   /* of the read or the preview running */
  gboolean              ambiguous;
  guint                 busy : 1;
  guint                 updating : 1;  /* setting the drop-downs from the mapping */
};

G_DEFINE_FINAL_TYPE (ChronoImportDialog, chrono_import_dialog, ADW_TYPE_WINDOW)

static void update_preview (ChronoImportDialog *self);

/* Reading the file -------------------------------------------------------- */

typedef struct
{
  GBytes           *data;
  GPtrArray        *rows;
  ChronoCsvMapping *mapping;
  gboolean          ambiguous;
} ReadResult;

static void
read_result_free (ReadResult *result)
{
  g_clear_pointer (&result->data, g_bytes_unref);
  g_clear_pointer (&result->rows, g_ptr_array_unref);
  g_clear_pointer (&result->mapping, chrono_csv_mapping_free);
  g_free (result);
}

/* On a worker: the file's bytes, its first rows and the model's guess. */
static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  ReadResult *result;
  gsize length = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &error);
  if (info != NULL && g_file_info_get_size (info) > CHRONO_LOADER_MAX_SIZE)
    {
      g_task_return_new_error (task, CHRONO_ERROR, CHRONO_ERROR_TOO_LARGE,
                               _("The file is larger than 512 MiB"));
      return;
    }
  if (info == NULL || !g_file_load_contents (file, cancellable, &contents, &length, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = g_new0 (ReadResult, 1);
  result->rows = chrono_csv_read_rows (contents, length, &error);
  if (result->rows == NULL || result->rows->len == 0)
    {
      read_result_free (result);
      if (error != NULL)
        g_task_return_new_error (task, CHRONO_ERROR, CHRONO_ERROR_CSV,
                                 /* Translators: the argument is "LINE:COL: message" */
                                 _("This is not a spreadsheet: %s"), error->message);
      else
        g_task_return_new_error (task, CHRONO_ERROR, CHRONO_ERROR_EMPTY, _("The file is empty"));
      return;
    }

  result->mapping = chrono_csv_guess_mapping (result->rows);
  chrono_csv_guess_mapping_date_format (result->rows, result->mapping, &result->ambiguous);
  /* The dialog needs only the first rows; the whole file stays as bytes. */
  if (result->rows->len > SAMPLE_ROWS + 1)
    g_ptr_array_set_size (result->rows, SAMPLE_ROWS + 1);
  result->data = g_bytes_new_take (g_steal_pointer (&contents), length);

  g_task_return_pointer (task, result, (GDestroyNotify) read_result_free);
}

/* The columns -------------------------------------------------------------- */

static guint
position_of_field (ChronoCsvField field)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_order); i++)
    if (field_order[i] == field)
      return i;
  g_assert_not_reached ();
}

static gboolean
has_field (const ChronoCsvMapping *mapping,
           ChronoCsvField          field)
{
  for (guint c = 0; c < mapping->n_columns; c++)
    if (mapping->fields[c] == field)
      return TRUE;
  return FALSE;
}

static gboolean
is_two_digit_format (ChronoCsvDateFormat format)
{
  return format == CHRONO_CSV_DATE_MDY_SHORT || format == CHRONO_CSV_DATE_DMY_SHORT;
}

static gboolean
is_numeric_format (ChronoCsvDateFormat format)
{
  return is_two_digit_format (format) || format == CHRONO_CSV_DATE_MDY || format == CHRONO_CSV_DATE_DMY;
}

/* Sets the drop-downs from the mapping, without treating it as a choice. */
static void
sync_rows (ChronoImportDialog *self)
{
  self->updating = TRUE;
  for (guint c = 0; c < self->column_rows->len; c++)
    adw_combo_row_set_selected (g_ptr_array_index (self->column_rows, c),
                                position_of_field (self->mapping->fields[c]));
  adw_combo_row_set_selected (self->date_format_row, self->mapping->date_format);
  self->updating = FALSE;
}

static void
on_column_selected (AdwComboRow        *row,
                    GParamSpec         *pspec,
                    ChronoImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "column"));
  guint selected = adw_combo_row_get_selected (row);
  ChronoCsvField field;

  if (self->updating || self->mapping == NULL || selected >= G_N_ELEMENTS (field_order))
    return;

  field = field_order[selected];
  if (self->mapping->fields[column] == field)
    return;

  /* Each field comes from one column: the column that had it lets go. */
  if (field != CHRONO_CSV_IGNORE)
    for (guint c = 0; c < self->mapping->n_columns; c++)
      if (c != column && self->mapping->fields[c] == field)
        self->mapping->fields[c] = CHRONO_CSV_IGNORE;
  self->mapping->fields[column] = field;

  /* Whether month and day can be told apart depends on which columns
   * are dates. */
  chrono_csv_guess_mapping_date_format (self->rows, self->mapping, &self->ambiguous);

  sync_rows (self);
  update_preview (self);
}

static void
on_date_format_selected (ChronoImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->date_format_row);

  if (self->updating || self->mapping == NULL || selected >= CHRONO_CSV_N_DATE_FORMATS ||
      self->mapping->date_format == selected)
    return;

  self->mapping->date_format = selected;
  update_preview (self);
}

/* "Jimmy Carter, Ronald Reagan, George H. W. Bush": the first different
 * cells of @column, so each drop-down says what it is about. */
static char *
column_samples (GPtrArray *rows,
                guint      column)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  for (guint r = 1; r < rows->len && seen->len < SAMPLE_CELLS; r++)
    {
      const char * const *cells = g_ptr_array_index (rows, r);
      const char *cell;
      gboolean found = FALSE;

      if (column >= g_strv_length ((char **) cells) || cells[column][0] == '\0')
        continue;
      cell = cells[column];
      for (guint i = 0; i < seen->len && !found; i++)
        found = g_strcmp0 (seen->pdata[i], cell) == 0;
      if (found)
        continue;
      g_ptr_array_add (seen, (gpointer) cell);
      if (text->len > 0)
        /* Translators: between the sample cells of a column */
        g_string_append (text, _(", "));
      g_string_append (text, cell);
    }

  if (text->len == 0)
    return g_strdup (_("Empty in the first rows"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkStringList *
field_model (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (field_order); i++)
    gtk_string_list_append (list, chrono_csv_field_get_label (field_order[i]));
  return list;
}

static void
build_column_rows (ChronoImportDialog *self)
{
  const char * const *header = g_ptr_array_index (self->rows, 0);

  for (guint c = 0; c < self->mapping->n_columns; c++)
    {
      g_autoptr(GtkStringList) model = field_model ();
      g_autofree char *samples = column_samples (self->rows, c);
      g_autofree char *title = NULL;
      g_autofree char *description = NULL;
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

      if (header[c] != NULL && header[c][0] != '\0')
        title = g_strdup (header[c]);
      else
        /* Translators: a spreadsheet column without a name in its header */
        title = g_strdup_printf (_("Column %u"), c + 1);

      /* Names from the file are plain text, not markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), samples);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_combo_row_set_model (row, G_LIST_MODEL (model));
      /* Translators: what a screen reader says about a column's drop-down;
       * the arguments are the column's number and its first cells */
      description = g_strdup_printf (_("What column %u holds. It starts: %s"), c + 1, samples);
      chrono_a11y_set_description (GTK_WIDGET (row), description);

      g_object_set_data (G_OBJECT (row), "column", GUINT_TO_POINTER (c));
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_column_selected), self, 0);
      adw_preferences_group_add (self->columns_group, GTK_WIDGET (row));
      g_ptr_array_add (self->column_rows, row);
    }
}

/* The date notes ------------------------------------------------------------ */

/* "Two-digit years are read as 1946 to 2045: 77 → 1977", with the first
 * start date of the preview as the example. */
static char *
two_digit_years_note (ChronoImportDialog *self)
{
  gint64 lowest = G_MAXINT64, highest = G_MININT64;
  g_autofree char *lowest_text = NULL;
  g_autofree char *highest_text = NULL;
  g_autofree char *range = NULL;

  for (int yy = 0; yy <= 99; yy++)
    {
      gint64 year = chrono_csv_two_digit_year (yy);

      lowest = MIN (lowest, year);
      highest = MAX (highest, year);
    }
  lowest_text = g_strdup_printf ("%" G_GINT64_FORMAT, lowest);
  highest_text = g_strdup_printf ("%" G_GINT64_FORMAT, highest);
  /* Translators: the years two-digit years are read as, "1946 to 2045" */
  range = g_strdup_printf (_("%s to %s"), lowest_text, highest_text);

  for (guint r = 0; self->preview != NULL && r < self->preview->rows->len; r++)
    {
      char **fields = g_ptr_array_index (self->preview->rows, r);
      gint64 year = g_ascii_strtoll (fields[CHRONO_CSV_START], NULL, 10);

      if (fields[CHRONO_CSV_START][0] != '\0' && year > 0)
        {
          g_autofree char *yy = g_strdup_printf ("%02d", (int) (year % 100));
          g_autofree char *full = g_strdup_printf ("%" G_GINT64_FORMAT, year);

          /* Translators: "Two-digit years are read as 1946 to 2045: 77 → 1977" */
          return g_strdup_printf (_("Two-digit years are read as %s: %s → %s"), range, yy, full);
        }
    }

  /* Translators: the argument is "1946 to 2045" */
  return g_strdup_printf (_("Two-digit years are read as %s"), range);
}

static void
update_date_notes (ChronoImportDialog *self)
{
  ChronoCsvDateFormat format = self->mapping->date_format;
  g_autofree char *note = NULL;

  if (is_two_digit_format (format))
    note = two_digit_years_note (self);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->date_format_row), note != NULL ? note : "");
  chrono_a11y_set_description (GTK_WIDGET (self->date_format_row), note);

  gtk_widget_set_visible (self->ambiguous_row, self->ambiguous && is_numeric_format (format));
}

/* The preview --------------------------------------------------------------- */

static GtkWidget *
cell_label (const char *text,
            gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_label_set_width_chars (GTK_LABEL (label), MIN ((int) g_utf8_strlen (text, -1), 8));
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  else if (g_utf8_strlen (text, -1) > 28)
    gtk_widget_set_tooltip_text (label, text);
  return label;
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

/* One column a field the mapping reads, in the drop-downs' order, then
 * why a row would be skipped. */
static void
fill_grid (ChronoImportDialog *self)
{
  const ChronoCsvPreview *preview = self->preview;
  int x = 0;

  clear_grid (self->preview_grid);

  for (guint i = 0; i < G_N_ELEMENTS (field_order); i++)
    {
      ChronoCsvField field = field_order[i];

      if (field == CHRONO_CSV_IGNORE || !has_field (self->mapping, field))
        continue;

      gtk_grid_attach (self->preview_grid, cell_label (chrono_csv_field_get_label (field), TRUE), x, 0, 1, 1);
      for (guint r = 0; r < preview->rows->len; r++)
        {
          char **fields = g_ptr_array_index (preview->rows, r);
          GtkWidget *label = cell_label (fields[field], FALSE);

          if (g_ptr_array_index (preview->row_errors, r) != NULL)
            gtk_widget_add_css_class (label, "dim-label");
          gtk_grid_attach (self->preview_grid, label, x, (int) r + 1, 1, 1);
        }
      x++;
    }

  for (guint r = 0; r < preview->rows->len; r++)
    {
      const char *error = g_ptr_array_index (preview->row_errors, r);
      GtkWidget *label;

      if (error == NULL)
        continue;
      /* Translators: in the preview, a row that will not be imported */
      label = cell_label (_("Skipped"), FALSE);
      gtk_widget_add_css_class (label, "error");
      gtk_widget_set_tooltip_text (label, error);
      gtk_grid_attach (self->preview_grid, label, x, (int) r + 1, 1, 1);
    }
}

static void
update_counts (ChronoImportDialog *self)
{
  const ChronoCsvPreview *preview = self->preview;
  g_autofree char *count = NULL;
  g_autofree char *reasons = NULL;
  gboolean can_import = FALSE;

  if (!has_field (self->mapping, CHRONO_CSV_TITLE) || !has_field (self->mapping, CHRONO_CSV_START))
    count = g_strdup (_("Choose the columns that hold each event’s title and start date"));
  else if (preview == NULL)
    count = g_strdup (_("Reading the rows…"));
  else if (preview->n_rows == 0)
    count = g_strdup (_("The file has no rows below its header"));
  else if (preview->n_skipped == 0)
    {
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u row will be imported",
                                            "All %u rows will be imported",
                                            preview->n_rows),
                               preview->n_rows);
      can_import = TRUE;
    }
  else
    {
      g_autofree char *listed = g_strjoinv ("\n", preview->reasons);
      guint n_more = preview->n_skipped - MIN (preview->n_skipped, g_strv_length (preview->reasons));

      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u of %u row will be skipped",
                                            "%u of %u rows will be skipped",
                                            preview->n_rows),
                               preview->n_skipped, preview->n_rows);
      if (n_more > 0)
        reasons = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%s\nand %u more",
                                                "%s\nand %u more",
                                                n_more),
                                   listed, n_more);
      else
        reasons = g_steal_pointer (&listed);
      can_import = preview->n_skipped < preview->n_rows;
    }

  gtk_label_set_text (self->count_label, count);
  gtk_label_set_text (self->reasons_label, reasons != NULL ? reasons : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reasons_label), reasons != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", can_import && !self->busy);
}

static void
on_preview_ready (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ChronoImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  ChronoCsvPreview *preview;

  preview = g_task_propagate_pointer (G_TASK (result), &error);
  if (preview == NULL)
    {
      /* A newer preview is on its way, or the dialog is gone. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->mapping == NULL)
        return;
      self->busy = FALSE;
      gtk_label_set_text (self->count_label, error->message);
      return;
    }

  g_clear_pointer (&self->preview, chrono_csv_preview_free);
  self->preview = preview;
  self->busy = FALSE;
  g_clear_object (&self->cancellable);

  fill_grid (self);
  update_counts (self);
  update_date_notes (self);
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ChronoImportDialog *self = source_object;
  const ChronoCsvMapping *mapping = task_data;
  g_autoptr(GError) error = NULL;
  ChronoCsvPreview *preview;
  gsize length;
  const char *data = g_bytes_get_data (self->data, &length);

  preview = chrono_csv_preview (data, length, mapping, PREVIEW_ROWS, &error);
  if (g_task_return_error_if_cancelled (task))
    chrono_csv_preview_free (preview);
  else if (preview == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, preview, (GDestroyNotify) chrono_csv_preview_free);
}

/* Works out what the mapping gives on a worker: the preview imports the
 * whole file, which takes a while for a large one. */
static void
update_preview (ChronoImportDialog *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->preview, chrono_csv_preview_free);
  self->busy = TRUE;
  update_counts (self);
  update_date_notes (self);

  if (!has_field (self->mapping, CHRONO_CSV_TITLE) || !has_field (self->mapping, CHRONO_CSV_START))
    {
      /* Nothing would be imported: say what is missing, show nothing. */
      self->busy = FALSE;
      clear_grid (self->preview_grid);
      update_counts (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_preview_ready, g_object_ref (self));
  g_task_set_source_tag (task, update_preview);
  g_task_set_task_data (task, chrono_csv_mapping_copy (self->mapping),
                        (GDestroyNotify) chrono_csv_mapping_free);
  g_task_run_in_thread (task, preview_thread);
}

static void
on_read_ready (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ChronoImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  ReadResult *read;

  read = g_task_propagate_pointer (G_TASK (result), &error);
  if (read == NULL)
    {
      g_autofree char *name = NULL;
      g_autofree char *title = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      name = g_file_get_basename (self->file);
      /* Translators: the argument is a file name */
      title = g_strdup_printf (_("Could not read “%s”"), name);
      self->busy = FALSE;
      adw_status_page_set_title (self->error_page, title);
      adw_status_page_set_description (self->error_page, error->message);
      chrono_a11y_fix_names (GTK_WIDGET (self->error_page));
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_clear_object (&self->cancellable);
  self->data = g_steal_pointer (&read->data);
  self->rows = g_steal_pointer (&read->rows);
  self->mapping = g_steal_pointer (&read->mapping);
  self->ambiguous = read->ambiguous;
  read_result_free (read);

  build_column_rows (self);
  sync_rows (self);
  gtk_stack_set_visible_child_name (self->stack, "mapping");
  update_preview (self);
}

/* Actions ------------------------------------------------------------------- */

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ChronoImportDialog *self = CHRONO_IMPORT_DIALOG (widget);

  if (self->busy || self->mapping == NULL || self->window == NULL)
    return;

  /* The rows the count says are skipped are skipped. */
  chrono_window_import_file (self->window, self->file, self->mapping);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
chrono_import_dialog_dispose (GObject *object)
{
  ChronoImportDialog *self = CHRONO_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->window);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONO_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (chrono_import_dialog_parent_class)->dispose (object);
}

static void
chrono_import_dialog_finalize (GObject *object)
{
  ChronoImportDialog *self = CHRONO_IMPORT_DIALOG (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->mapping, chrono_csv_mapping_free);
  g_clear_pointer (&self->preview, chrono_csv_preview_free);

  G_OBJECT_CLASS (chrono_import_dialog_parent_class)->finalize (object);
}

static void
chrono_import_dialog_class_init (ChronoImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chrono_import_dialog_dispose;
  object_class->finalize = chrono_import_dialog_finalize;

  gtk_widget_class_install_action (widget_class, "import.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/chrono-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronoImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ChronoImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, ChronoImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ChronoImportDialog, loading_page);
  gtk_widget_class_bind_template_child (widget_class, ChronoImportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, ChronoImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, ChronoImportDialog, count_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoImportDialog, reasons_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, ChronoImportDialog, date_format_row);
  gtk_widget_class_bind_template_child (widget_class, ChronoImportDialog, ambiguous_row);
}

/* The date formats' labels are long ("Month/day/two-digit year
 * (1/21/77)"), and the combo row's own factory cuts the chosen one to
 * about 20 characters: these labels are whole. */
static void
setup_format_label (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
bind_format_label (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

static void
chrono_import_dialog_init (ChronoImportDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkStringList) formats = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (int f = 0; f < CHRONO_CSV_N_DATE_FORMATS; f++)
    gtk_string_list_append (formats, chrono_csv_date_format_get_label (f));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_format_label), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_format_label), NULL);
  adw_combo_row_set_factory (self->date_format_row, factory);
  adw_combo_row_set_model (self->date_format_row, G_LIST_MODEL (formats));
  g_signal_connect_swapped (self->date_format_row, "notify::selected",
                            G_CALLBACK (on_date_format_selected), self);

  self->column_rows = g_ptr_array_new ();
  self->busy = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", FALSE);
  chrono_a11y_fix_names (GTK_WIDGET (self));
}

ChronoImportDialog *
chrono_import_dialog_new (ChronoWindow *window,
                          GFile        *file)
{
  ChronoImportDialog *self;
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = NULL;
  g_autofree char *reading = NULL;

  g_return_val_if_fail (CHRONO_IS_WINDOW (window), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (CHRONO_TYPE_IMPORT_DIALOG,
                       "transient-for", window,
                       NULL);
  g_set_weak_pointer (&self->window, window);
  self->file = g_object_ref (file);

  name = g_file_get_basename (file);
  adw_window_title_set_subtitle (self->window_title, name);
  /* Translators: the argument is a file name */
  reading = g_strdup_printf (_("Reading “%s”…"), name);
  adw_status_page_set_title (self->loading_page, reading);
  chrono_a11y_fix_names (GTK_WIDGET (self->loading_page));

  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, on_read_ready, g_object_ref (self));
  g_task_set_source_tag (task, chrono_import_dialog_new);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_thread);

  return self;
}

gboolean
chrono_import_dialog_get_busy (ChronoImportDialog *self)
{
  g_return_val_if_fail (CHRONO_IS_IMPORT_DIALOG (self), FALSE);

  return self->busy;
}

const ChronoCsvMapping *
chrono_import_dialog_get_mapping (ChronoImportDialog *self)
{
  g_return_val_if_fail (CHRONO_IS_IMPORT_DIALOG (self), NULL);

  return self->mapping;
}

/* Choosing a file ----------------------------------------------------------- */

static void
on_choose_response (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(ChronoWindow) window = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL && gtk_widget_get_visible (GTK_WIDGET (window)))
        gtk_window_present (GTK_WINDOW (chrono_import_dialog_new (window, file)));
    }

  g_object_unref (chooser);
}

void
chrono_import_dialog_choose_file (ChronoWindow *window)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) sheets = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GFile *current;

  g_return_if_fail (CHRONO_IS_WINDOW (window));

  chooser = gtk_file_chooser_native_new (_("Import Spreadsheet"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (sheets, _("Spreadsheets (CSV, TSV)"));
  gtk_file_filter_add_mime_type (sheets, "text/csv");
  gtk_file_filter_add_mime_type (sheets, "text/tab-separated-values");
  gtk_file_filter_add_suffix (sheets, "csv");
  gtk_file_filter_add_suffix (sheets, "tsv");
  gtk_file_filter_add_suffix (sheets, "tab");
  gtk_file_filter_add_suffix (sheets, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), sheets);

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  current = chrono_window_get_file (window);
  if (current != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (current);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  g_signal_connect (chooser, "response", G_CALLBACK (on_choose_response), g_object_ref (window));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
