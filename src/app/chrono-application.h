#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CHRONO_TYPE_APPLICATION (chrono_application_get_type ())
G_DECLARE_FINAL_TYPE (ChronoApplication, chrono_application, CHRONO, APPLICATION, AdwApplication)

ChronoApplication *chrono_application_new                 (void);
/* With TRUE, the first file opened starts presenting (--present). */
void               chrono_application_set_present_on_open (ChronoApplication *self,
                                                           gboolean           present);
/* The settings, or NULL when the schema is not installed. */
GSettings         *chrono_application_get_settings        (ChronoApplication *self);

G_END_DECLS
