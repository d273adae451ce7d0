#define G_LOG_DOMAIN "chrono-filter"

#include "config.h"

/* placeholder: being written */
