#define G_LOG_DOMAIN "chrono-print"

#include "config.h"

#include <glib/gi18n.h>

#include "chrono-print.h"

/* Print type is smaller than screen type: 0.75 makes the timeline's
 * labels about 10 points. */
#define PRINT_SCALE 0.75

typedef struct
{
  ChronoWindow        *window;
  ChronoDocument      *document;
  ChronoExportOptions  options;
  guint                n_pages;
  GtkSpinButton       *pages_spin;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_object (&job->window);
  g_clear_object (&job->document);
  g_clear_object (&job->options.filter);
  g_free (job);
}

void
chrono_print_draw_page (cairo_t                   *cr,
                        ChronoDocument            *document,
                        const ChronoExportOptions *options,
                        guint                      page,
                        guint                      n_pages,
                        double                     width,
                        double                     height)
{
  ChronoExportOptions slice;
  double start, end, step;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (n_pages > 0 && n_pages <= CHRONO_PRINT_MAX_PAGES && page < n_pages);

  chrono_export_get_span (document, options, &start, &end);
  step = (end - start) / n_pages;

  slice = *options;
  slice.has_range = TRUE;
  slice.start = start + step * page;
  slice.end = page + 1 == n_pages ? end : start + step * (page + 1);
  /* The title once, on the first page; every page has its axis, legend
   * and the dates it covers. */
  slice.show_title = options->show_title && page == 0;

  chrono_export_draw (cr, document, &slice, width, height);
}

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  gtk_print_operation_set_n_pages (operation, job->n_pages);
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PrintJob          *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  chrono_print_draw_page (cr, job->document, &job->options, page, job->n_pages,
                          gtk_print_context_get_width (context),
                          gtk_print_context_get_height (context));
}

GtkWidget *
chrono_print_pages_widget_new (guint           n_pages,
                               GtkSpinButton **spin_out)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("Spread the timeline across _pages:"));
  GtkWidget *spin = gtk_spin_button_new_with_range (1, CHRONO_PRINT_MAX_PAGES, 1);

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), n_pages);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), spin);
  if (spin_out != NULL)
    *spin_out = GTK_SPIN_BUTTON (spin);

  return box;
}

static GObject *
on_create_custom_widget (GtkPrintOperation *operation,
                         PrintJob          *job)
{
  return G_OBJECT (chrono_print_pages_widget_new (job->n_pages, &job->pages_spin));
}

static void
on_custom_widget_apply (GtkPrintOperation *operation,
                        GtkWidget         *widget,
                        PrintJob          *job)
{
  job->n_pages = CLAMP (gtk_spin_button_get_value_as_int (job->pages_spin), 1, CHRONO_PRINT_MAX_PAGES);
}

static void
on_done (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         PrintJob                *job)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      chrono_window_add_toast (job->window,
                               adw_toast_new (error != NULL ? error->message : _("Printing failed")));
    }
}

void
chrono_print_run (ChronoWindow *window)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GError) error = NULL;
  ChronoSession *session;
  PrintJob *job;

  g_return_if_fail (CHRONO_IS_WINDOW (window));

  session = chrono_window_get_session (window);
  if (chrono_session_get_document (session) == NULL)
    return;

  job = g_new0 (PrintJob, 1);
  job->window = g_object_ref (window);
  job->document = g_object_ref (chrono_session_get_document (session));
  chrono_export_options_init (&job->options);
  job->options.format = CHRONO_EXPORT_FORMAT_PDF;
  job->options.scale = PRINT_SCALE;
  job->options.has_range = TRUE;
  chrono_session_get_visible (session, &job->options.start, &job->options.end);
  job->options.filter = g_object_ref (chrono_session_get_filter (session));
  job->n_pages = 1;

  operation = gtk_print_operation_new ();
  setup = gtk_page_setup_new ();
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_job_name (operation, chrono_document_get_title (job->document));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_custom_tab_label (operation, _("Timeline"));

  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), job);
  g_signal_connect (operation, "create-custom-widget", G_CALLBACK (on_create_custom_widget), job);
  g_signal_connect (operation, "custom-widget-apply", G_CALLBACK (on_custom_widget_apply), job);
  g_signal_connect (operation, "done", G_CALLBACK (on_done), job);
  g_object_set_data_full (G_OBJECT (operation), "chrono-print-job", job,
                          (GDestroyNotify) print_job_free);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (window), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    chrono_window_add_toast (window, adw_toast_new (error->message));
}
