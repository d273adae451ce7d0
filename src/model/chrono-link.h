/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *chrono_link_normalize_url (const char  *url,
                                     GError     **error);
gboolean  chrono_link_is_safe       (const char  *url);
char     *chrono_link_dup_host      (const char  *url);

gboolean  chrono_link_check_picture (const char  *url,
                                     GError     **error);

G_END_DECLS
