/* chrono-hash.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-hash"

#include "config.h"

#include <string.h>

#include "chrono-hash.h"

#define ROTL(x, b) (guint64) (((x) << (b)) | ((x) >> (64 - (b))))

#define SIPROUND(v0, v1, v2, v3) \
  G_STMT_START {                 \
    v0 += v1;                    \
    v1 = ROTL (v1, 13);          \
    v1 ^= v0;                    \
    v0 = ROTL (v0, 32);          \
    v2 += v3;                    \
    v3 = ROTL (v3, 16);          \
    v3 ^= v2;                    \
    v0 += v3;                    \
    v3 = ROTL (v3, 21);          \
    v3 ^= v0;                    \
    v2 += v1;                    \
    v1 = ROTL (v1, 17);          \
    v1 ^= v2;                    \
    v2 = ROTL (v2, 32);          \
  } G_STMT_END

static inline guint64
read_le64 (const guint8 *p)
{
  guint64 v;

  memcpy (&v, p, sizeof v);

  return GUINT64_FROM_LE (v);
}

/**
 * _chrono_siphash24:
 * @key: 16 bytes
 * @data: (array length=length): the message
 *
 * Returns: SipHash-2-4 of the message, the 64-bit value whose
 *   little-endian bytes the reference implementation writes
 */
guint64
_chrono_siphash24 (const guint8  key[16],
                   const void   *data,
                   gsize         length)
{
  const guint8 *in = data;
  const guint8 *end = in + (length - length % 8);
  guint64 k0 = read_le64 (key);
  guint64 k1 = read_le64 (key + 8);
  guint64 v0 = G_GUINT64_CONSTANT (0x736f6d6570736575) ^ k0;
  guint64 v1 = G_GUINT64_CONSTANT (0x646f72616e646f6d) ^ k1;
  guint64 v2 = G_GUINT64_CONSTANT (0x6c7967656e657261) ^ k0;
  guint64 v3 = G_GUINT64_CONSTANT (0x7465646279746573) ^ k1;
  guint64 b = (guint64) length << 56;

  for (; in != end; in += 8)
    {
      guint64 m = read_le64 (in);

      v3 ^= m;
      SIPROUND (v0, v1, v2, v3);
      SIPROUND (v0, v1, v2, v3);
      v0 ^= m;
    }

  switch (length & 7)
    {
    case 7: b |= (guint64) in[6] << 48; G_GNUC_FALLTHROUGH;
    case 6: b |= (guint64) in[5] << 40; G_GNUC_FALLTHROUGH;
    case 5: b |= (guint64) in[4] << 32; G_GNUC_FALLTHROUGH;
    case 4: b |= (guint64) in[3] << 24; G_GNUC_FALLTHROUGH;
    case 3: b |= (guint64) in[2] << 16; G_GNUC_FALLTHROUGH;
    case 2: b |= (guint64) in[1] << 8; G_GNUC_FALLTHROUGH;
    case 1: b |= (guint64) in[0]; break;
    default: break;
    }

  v3 ^= b;
  SIPROUND (v0, v1, v2, v3);
  SIPROUND (v0, v1, v2, v3);
  v0 ^= b;

  v2 ^= 0xff;
  SIPROUND (v0, v1, v2, v3);
  SIPROUND (v0, v1, v2, v3);
  SIPROUND (v0, v1, v2, v3);
  SIPROUND (v0, v1, v2, v3);

  return v0 ^ v1 ^ v2 ^ v3;
}

/* The process's key, drawn once from GLib's generator, which is seeded
 * from /dev/urandom: a file cannot be made to collide without it. */
static const guint8 *
process_key (void)
{
  static guint8 key[16];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < 4; i++)
        {
          guint32 r = g_random_int ();

          memcpy (key + 4 * i, &r, sizeof r);
        }
      g_once_init_leave (&initialized, 1);
    }

  return key;
}

/**
 * _chrono_hash_bytes:
 * @data: (array length=length): the bytes to hash
 *
 * Returns: their SipHash-2-4 under this process's random key
 */
guint64
_chrono_hash_bytes (const void *data,
                    gsize       length)
{
  return _chrono_siphash24 (process_key (), data, length);
}

/**
 * _chrono_str_hash:
 * @str: a nul-terminated string
 *
 * A #GHashFunc to use instead of g_str_hash() for strings read from a
 * file.
 *
 * Returns: the keyed hash of @str folded to 32 bits
 */
guint
_chrono_str_hash (gconstpointer str)
{
  guint64 h = _chrono_hash_bytes (str, strlen (str));

  return (guint) (h ^ (h >> 32));
}

/**
 * _chrono_str_table_new:
 * @key_destroy: (nullable): frees keys
 * @value_destroy: (nullable): frees values
 *
 * Returns: (transfer full): a new string-keyed table hashed with
 *   _chrono_str_hash()
 */
GHashTable *
_chrono_str_table_new (GDestroyNotify key_destroy,
                       GDestroyNotify value_destroy)
{
  return g_hash_table_new_full (_chrono_str_hash, g_str_equal, key_destroy, value_destroy);
}
