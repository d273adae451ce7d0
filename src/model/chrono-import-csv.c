#define G_LOG_DOMAIN "chrono-import"

#include "config.h"

#include "chrono-import-private.h"
