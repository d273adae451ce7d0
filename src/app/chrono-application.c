#define G_LOG_DOMAIN "chrono-application"

#include "config.h"

#include "chrono-application.h"

/* placeholder until the app shell lands */

struct _ChronoApplication
{
  AdwApplication parent_instance;
  gboolean present_on_open;
};

G_DEFINE_FINAL_TYPE (ChronoApplication, chrono_application, ADW_TYPE_APPLICATION)

static void
chrono_application_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
}

static void
chrono_application_class_init (ChronoApplicationClass *klass)
{
  G_APPLICATION_CLASS (klass)->activate = chrono_application_activate;
}

static void
chrono_application_init (ChronoApplication *self)
{
}

ChronoApplication *
chrono_application_new (void)
{
  return g_object_new (CHRONO_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

void
chrono_application_set_present_on_open (ChronoApplication *self,
                                        gboolean           present)
{
  g_return_if_fail (CHRONO_IS_APPLICATION (self));
  self->present_on_open = present;
}
