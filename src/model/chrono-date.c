#define G_LOG_DOMAIN "chrono-date"

#include "config.h"

/* placeholder: being written */
