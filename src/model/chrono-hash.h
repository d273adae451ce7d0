/* chrono-hash.h
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Hashing of strings that come from a file.  g_str_hash (djb2) is fixed
 * and trivially attacked: "Ab" and "BA" collide, so do all 2^k strings
 * made of k such blocks, and short sequential ids cluster.  Every table
 * the loaders key by such strings uses these functions instead: SipHash-2-4
 * with a key drawn at random once per process, so that no file can be
 * crafted to collide.
 */

/* SipHash-2-4 of @length bytes at @data with the 16-byte @key, as in the
 * reference implementation (exposed for its test vectors). */
guint64     _chrono_siphash24        (const guint8   key[16],
                                      const void    *data,
                                      gsize          length);

/* The keyed hash of @length bytes at @data (this process's key). */
guint64     _chrono_hash_bytes       (const void    *data,
                                      gsize          length);

/* A GHashFunc for nul-terminated strings: the keyed hash, folded. */
guint       _chrono_str_hash         (gconstpointer  str);

/* A GHashTable keyed by strings with _chrono_str_hash and g_str_equal. */
GHashTable *_chrono_str_table_new    (GDestroyNotify key_destroy,
                                      GDestroyNotify value_destroy);

G_END_DECLS
