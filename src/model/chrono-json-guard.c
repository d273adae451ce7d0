#define G_LOG_DOMAIN "chrono-json-guard"

#include "config.h"

/* placeholder: being written */
