#define G_LOG_DOMAIN "chrono-document-builder"

#include "config.h"

/* placeholder: being written */
