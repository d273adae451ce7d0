#define G_LOG_DOMAIN "chrono-event-list"

#include "config.h"

/* placeholder: being written */
