#define G_LOG_DOMAIN "chronoscope"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "chrono-check.h"
#include "chrono-convert-cli.h"
#include "chrono-export-cli.h"
#include "chrono-application.h"

/* Everything that works without a display (--check, --version, --export,
 * --convert)
 * is handled here before GTK is initialised, so it runs in CI with no
 * DISPLAY.  What is left goes to the GtkApplication. */

static gboolean opt_version;
static gboolean opt_check;
static gboolean opt_lenient;
static gboolean opt_present;
static char **opt_files;

static const GOptionEntry entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, &opt_version, N_("Show the version and exit"), NULL },
  { "check", 0, 0, G_OPTION_ARG_NONE, &opt_check, N_("Check files for errors and exit"), NULL },
  { "lenient", 0, 0, G_OPTION_ARG_NONE, &opt_lenient, N_("With --check and --convert: skip bad CSV rows and drop bad links instead of failing"), NULL },
  { "present", 0, 0, G_OPTION_ARG_NONE, &opt_present, N_("Present the timeline full screen"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_files, NULL, N_("[FILE…]") },
  { NULL }
};

/*
 * GLib before 2.76 keeps freed GSlice blocks (json-glib's nodes, GTK's
 * lists) in its own magazines and never gives them back to the system:
 * after a large file the process stayed gigabytes large.  With
 * G_SLICE=always-malloc they are malloc blocks, which malloc_trim()
 * returns.  GSlice reads G_SLICE once, at its first allocation, and the
 * constructors of the libraries (GObject's type system) allocate slices
 * before main() or any constructor of this program runs, so setting it
 * here has no effect: the robust way is to start again with it set.
 */
static void
use_malloc_for_slices (char *argv[])
{
#ifdef __linux__
  const char *value = g_getenv ("G_SLICE");
  g_autofree char *with = NULL;
  g_autofree char *self = NULL;

  if (glib_check_version (2, 76, 0) == NULL)
    return;  /* GSlice is g_malloc() since 2.76 */
  if (value != NULL && strstr (value, "always-malloc") != NULL)
    return;

  with = value != NULL && value[0] != '\0' ? g_strconcat (value, ",always-malloc", NULL)
                                           : g_strdup ("always-malloc");
  /* The program's own path, not /proc/self/exe: the process keeps its
   * name ("chronoscope", not "exe") in ps and in the desktop's lists. */
  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL || !g_setenv ("G_SLICE", with, TRUE))
    return;
  execv (self, argv);
  /* Without /proc, go on with GSlice as it is. */
#endif
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GApplication) app = NULL;
  g_autoptr(GPtrArray) app_argv = NULL;
  ChronoExportCli export_cli;
  ChronoConvertCli convert_cli;
  const char *localedir;
  int status;

  use_malloc_for_slices (argv);
  setlocale (LC_ALL, "");
  /* Running from the build tree: build-aux/chronoscope-dev points this at
   * the translations compiled there, which are not installed yet. */
  localedir = g_getenv ("CHRONOSCOPE_LOCALEDIR");
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Chronoscope — see careers and company histories on one zoomable timeline."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  chrono_export_cli_init (&export_cli);
  chrono_export_cli_add_entries (&export_cli, context);
  chrono_convert_cli_init (&convert_cli);
  chrono_convert_cli_add_entries (&convert_cli, context);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("chronoscope: %s\n", error->message);
      g_printerr (_("Run “%s --help” to see the options.\n"), "chronoscope");
      return 2;
    }

  if (opt_version)
    {
      g_print ("chronoscope %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (chrono_convert_cli_requested (&convert_cli))
    {
      chrono_export_cli_clear (&export_cli);
      if (opt_files != NULL && opt_files[0] != NULL)
        {
          g_printerr (_("chronoscope: --convert takes its input as --convert IN, not as FILE\n"));
          chrono_convert_cli_clear (&convert_cli);
          return 1;
        }
      status = chrono_convert_cli_run (&convert_cli, opt_lenient);
      chrono_convert_cli_clear (&convert_cli);
      return status;
    }
  chrono_convert_cli_clear (&convert_cli);

  if (chrono_export_cli_requested (&export_cli))
    {
      status = chrono_export_cli_run (&export_cli, (const char * const *) opt_files);
      chrono_export_cli_clear (&export_cli);
      return status;
    }
  chrono_export_cli_clear (&export_cli);

  if (opt_check)
    {
      if (opt_files == NULL || opt_files[0] == NULL)
        {
          g_printerr (_("chronoscope: --check needs at least one FILE\n"));
          return 2;
        }
      return chrono_check_run ((const char * const *) opt_files, opt_lenient);
    }

  app = G_APPLICATION (chrono_application_new ());

  if (opt_present && opt_files != NULL && opt_files[0] != NULL)
    {
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("chronoscope: %s\n", error->message);
          return 1;
        }

      /* Another instance is running: hand it the files with the hint
       * "present", which its open handler honours. */
      if (g_application_get_is_remote (app))
        {
          char *no_files[] = { argv[0], NULL };

          for (guint i = 0; opt_files[i] != NULL; i++)
            g_ptr_array_add (files, g_file_new_for_commandline_arg (opt_files[i]));
          g_application_open (app, (GFile **) files->pdata, files->len, "present");
          /* Sends what is queued and lets go of the bus, as any second
           * instance does; it activates the first, which is already
           * showing the files. */
          return g_application_run (app, 1, no_files);
        }

      chrono_application_set_present_on_open (CHRONO_APPLICATION (app), TRUE);
    }

  app_argv = g_ptr_array_new ();
  g_ptr_array_add (app_argv, argv[0]);
  for (guint i = 0; opt_files != NULL && opt_files[i] != NULL; i++)
    g_ptr_array_add (app_argv, opt_files[i]);
  g_ptr_array_add (app_argv, NULL);

  return g_application_run (app, app_argv->len - 1, (char **) app_argv->pdata);
}
