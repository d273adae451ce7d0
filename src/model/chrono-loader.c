#define G_LOG_DOMAIN "chrono-loader"

#include "config.h"

/* placeholder: being written */
