/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "chrono-layout.h"

G_BEGIN_DECLS

void               chrono_layout_cache_warm_async  (const ChronoLayoutParams  *params,
                                                    GCancellable              *cancellable,
                                                    GAsyncReadyCallback        callback,
                                                    gpointer                   user_data);
ChronoLayoutCache *chrono_layout_cache_warm_finish (GAsyncResult              *result,
                                                    GError                   **error);

G_END_DECLS
