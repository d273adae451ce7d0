#define G_LOG_DOMAIN "chrono-document"

#include "config.h"

/* placeholder: being written */
