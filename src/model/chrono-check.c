#define G_LOG_DOMAIN "chrono-check"

#include "config.h"

/* placeholder: being written */
