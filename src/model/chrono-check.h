#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `chronoscope --check FILE...`: prints "FILE: OK, N events in M lanes,
 * 2015–2026" or one "FILE:LINE:COL: message" line per error for each file
 * (to stdout), and returns the exit status: 0 when every file is valid. */
int chrono_check_run (const char * const *files,
                      gboolean            lenient);

G_END_DECLS
