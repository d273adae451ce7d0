/* test-hash.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-hash"

#include "config.h"

#include <string.h>

#include "chrono-hash.h"
#include "chrono-json-guard.h"
#include "chrono-loader.h"

#include "model-test-util.h"

/* SipHash-2-4 of the messages 00, 00 01, 00 01 02 … (0 to 63 bytes) under
 * the key 00 01 … 0f: the reference implementation's vectors.h, each read
 * as a little-endian 64-bit number. */
static const guint64 reference_vectors[64] = {
  G_GUINT64_CONSTANT (0x726fdb47dd0e0e31), G_GUINT64_CONSTANT (0x74f839c593dc67fd),
  G_GUINT64_CONSTANT (0x0d6c8009d9a94f5a), G_GUINT64_CONSTANT (0x85676696d7fb7e2d),
  G_GUINT64_CONSTANT (0xcf2794e0277187b7), G_GUINT64_CONSTANT (0x18765564cd99a68d),
  G_GUINT64_CONSTANT (0xcbc9466e58fee3ce), G_GUINT64_CONSTANT (0xab0200f58b01d137),
  G_GUINT64_CONSTANT (0x93f5f5799a932462), G_GUINT64_CONSTANT (0x9e0082df0ba9e4b0),
  G_GUINT64_CONSTANT (0x7a5dbbc594ddb9f3), G_GUINT64_CONSTANT (0xf4b32f46226bada7),
  G_GUINT64_CONSTANT (0x751e8fbc860ee5fb), G_GUINT64_CONSTANT (0x14ea5627c0843d90),
  G_GUINT64_CONSTANT (0xf723ca908e7af2ee), G_GUINT64_CONSTANT (0xa129ca6149be45e5),
  G_GUINT64_CONSTANT (0x3f2acc7f57c29bdb), G_GUINT64_CONSTANT (0x699ae9f52cbe4794),
  G_GUINT64_CONSTANT (0x4bc1b3f0968dd39c), G_GUINT64_CONSTANT (0xbb6dc91da77961bd),
  G_GUINT64_CONSTANT (0xbed65cf21aa2ee98), G_GUINT64_CONSTANT (0xd0f2cbb02e3b67c7),
  G_GUINT64_CONSTANT (0x93536795e3a33e88), G_GUINT64_CONSTANT (0xa80c038ccd5ccec8),
  G_GUINT64_CONSTANT (0xb8ad50c6f649af94), G_GUINT64_CONSTANT (0xbce192de8a85b8ea),
  G_GUINT64_CONSTANT (0x17d835b85bbb15f3), G_GUINT64_CONSTANT (0x2f2e6163076bcfad),
  G_GUINT64_CONSTANT (0xde4daaaca71dc9a5), G_GUINT64_CONSTANT (0xa6a2506687956571),
  G_GUINT64_CONSTANT (0xad87a3535c49ef28), G_GUINT64_CONSTANT (0x32d892fad841c342),
  G_GUINT64_CONSTANT (0x7127512f72f27cce), G_GUINT64_CONSTANT (0xa7f32346f95978e3),
  G_GUINT64_CONSTANT (0x12e0b01abb051238), G_GUINT64_CONSTANT (0x15e034d40fa197ae),
  G_GUINT64_CONSTANT (0x314dffbe0815a3b4), G_GUINT64_CONSTANT (0x027990f029623981),
  G_GUINT64_CONSTANT (0xcadcd4e59ef40c4d), G_GUINT64_CONSTANT (0x9abfd8766a33735c),
  G_GUINT64_CONSTANT (0x0e3ea96b5304a7d0), G_GUINT64_CONSTANT (0xad0c42d6fc585992),
  G_GUINT64_CONSTANT (0x187306c89bc215a9), G_GUINT64_CONSTANT (0xd4a60abcf3792b95),
  G_GUINT64_CONSTANT (0xf935451de4f21df2), G_GUINT64_CONSTANT (0xa9538f0419755787),
  G_GUINT64_CONSTANT (0xdb9acddff56ca510), G_GUINT64_CONSTANT (0xd06c98cd5c0975eb),
  G_GUINT64_CONSTANT (0xe612a3cb9ecba951), G_GUINT64_CONSTANT (0xc766e62cfcadaf96),
  G_GUINT64_CONSTANT (0xee64435a9752fe72), G_GUINT64_CONSTANT (0xa192d576b245165a),
  G_GUINT64_CONSTANT (0x0a8787bf8ecb74b2), G_GUINT64_CONSTANT (0x81b3e73d20b49b6f),
  G_GUINT64_CONSTANT (0x7fa8220ba3b2ecea), G_GUINT64_CONSTANT (0x245731c13ca42499),
  G_GUINT64_CONSTANT (0xb78dbfaf3a8d83bd), G_GUINT64_CONSTANT (0xea1ad565322a1a0b),
  G_GUINT64_CONSTANT (0x60e61c23a3795013), G_GUINT64_CONSTANT (0x6606d7e446282b93),
  G_GUINT64_CONSTANT (0x6ca4ecb15c5f91e1), G_GUINT64_CONSTANT (0x9f626da15c9625f3),
  G_GUINT64_CONSTANT (0xe51b38608ef25f57), G_GUINT64_CONSTANT (0x958a324ceb064572),
};

static void
test_siphash_vectors (void)
{
  guint8 key[16];
  guint8 message[64];

  for (guint i = 0; i < 16; i++)
    key[i] = i;
  for (guint i = 0; i < 64; i++)
    message[i] = i;

  for (guint n = 0; n < 64; n++)
    g_assert_cmphex (_chrono_siphash24 (key, message, n), ==, reference_vectors[n]);
}

/* The @i-th of 2^@k strings of @k blocks "Ab" or "BA", which all have the
 * same g_str_hash (djb2): 'A' * 31 + 'b' == 'B' * 31 + 'A'. */
static char *
colliding (guint i,
           guint k)
{
  GString *s = g_string_new (NULL);

  for (guint b = 0; b < k; b++)
    g_string_append (s, (i >> b) & 1 ? "BA" : "Ab");

  return g_string_free (s, FALSE);
}

/* Short sequential base-36 ids, as a database export writes them. */
static char *
base36 (guint i)
{
  static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  char buf[16];
  guint p = sizeof buf - 1;

  buf[p] = '\0';
  do
    {
      buf[--p] = digits[i % 36];
      i /= 36;
    }
  while (i > 0);

  return g_strdup (buf + p);
}

static void
test_crafted_premise (void)
{
  g_autofree char *first = colliding (0, 12);
  GHashTable *hashes = g_hash_table_new (NULL, NULL);

  /* What the tests below rely on: djb2 gives all of them one value ... */
  for (guint i = 0; i < 4096; i++)
    {
      g_autofree char *s = colliding (i, 12);

      g_assert_cmpuint (g_str_hash (s), ==, g_str_hash (first));
      g_hash_table_add (hashes, GUINT_TO_POINTER (_chrono_str_hash (s)));
    }

  /* ... and the keyed hash spreads them (a 32-bit collision among 4096
   * strings has a chance of about 1 in 500,000). */
  g_assert_cmpuint (g_hash_table_size (hashes), >=, 4095);
  g_hash_table_unref (hashes);
}

typedef char *(*IdFunc) (guint i, guint k);

static char *
base36_id (guint i,
           guint k)
{
  return base36 (i);
}

/* A native timeline of @n events with ids from @event_id, each in its
 * own lane, whose id comes from @lane_id when not NULL. */
static char *
timeline (guint   n,
          IdFunc  event_id,
          IdFunc  lane_id)
{
  GString *s = g_string_new ("{\"chronoscope\": 1, \"lanes\": [");
  guint k = g_bit_storage (n - 1);

  if (lane_id == NULL)
    g_string_append (s, "{\"id\": \"l\", \"title\": \"L\"}");
  for (guint i = 0; lane_id != NULL && i < n; i++)
    {
      g_autofree char *id = lane_id (i, k);

      g_string_append_printf (s, "%s{\"id\": \"%s\", \"title\": \"L\"}", i > 0 ? ",\n" : "", id);
    }
  g_string_append (s, "],\n\"events\": [\n");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = event_id (i, k);
      g_autofree char *lane = lane_id != NULL ? lane_id (i, k) : g_strdup ("l");

      g_string_append_printf (s, "%s{\"id\": \"%s\", \"lane\": \"%s\", \"title\": \"t\", \"start\": \"2000\"}",
                              i > 0 ? ",\n" : "", id, lane);
    }
  g_string_append (s, "]}\n");

  return g_string_free (s, FALSE);
}

static void
assert_loads (const char *text,
              guint       n,
              IdFunc      event_id,
              IdFunc      lane_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = test_load_text (text, "ids.json", NULL, &error);
  guint k = g_bit_storage (n - 1);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = event_id (i, k);
      int index = chrono_document_find_event (document, id);

      g_assert_cmpint (index, >=, 0);
      g_assert_cmpstr (chrono_document_get_event (document, index)->id, ==, id);
      if (lane_id != NULL)
        {
          g_autofree char *lane = lane_id (i, k);
          const ChronoEvent *event = chrono_document_get_event (document, index);

          g_assert_cmpstr (chrono_document_get_lane (document, event->lane)->id, ==, lane);
        }
    }
  g_assert_cmpint (chrono_document_find_event (document, "no-such-id"), ==, -1);
}

static void
test_colliding_ids (void)
{
  g_autofree char *text = timeline (4096, colliding, NULL);

  assert_loads (text, 4096, colliding, NULL);
}

static void
test_colliding_lane_ids (void)
{
  g_autofree char *text = timeline (4096, base36_id, colliding);

  assert_loads (text, 4096, base36_id, colliding);
}

static void
test_sequential_ids (void)
{
  g_autofree char *text = timeline (4096, base36_id, NULL);

  assert_loads (text, 4096, base36_id, NULL);
}

/* Duplicates are still found among colliding names, however escaped:
 * "A\u0062" is "Ab". */
static void
test_colliding_duplicates (void)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_diagnostic_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  GString *s = g_string_new ("{\"chronoscope\": 1, \"lanes\": [], \"events\": [],\n\"x-big\": {");
  g_autofree char *text = NULL;
  g_autofree char *first = NULL;
  const ChronoDiagnostic *d;

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *name = colliding (i, 7);

      g_string_append_printf (s, "\"%s\": %u,\n", name, i);
    }
  /* colliding (0, 7) again, its first block escaped. */
  first = colliding (0, 7);
  g_string_append_printf (s, "\"A\\u0062%s\": 0}}\n", first + 2);
  text = g_string_free (s, FALSE);

  document = test_load_text (text, "dup.json", diagnostics, &error);
  g_assert_null (document);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_DUPLICATE_KEY);
  d = g_ptr_array_index (diagnostics, 0);
  g_assert_cmpuint (d->pos.line, ==, 102);
  g_assert_cmpuint (d->pos.column, ==, 1);
  g_assert_nonnull (strstr (d->message, "line 2, column 11"));
}

/* TimelineJS groups become lanes through the importer's own tables. */
static void
test_colliding_groups (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoDocument) document = NULL;
  GString *s = g_string_new ("{\"events\": [\n");
  g_autofree char *text = NULL;

  for (guint i = 0; i < 1024; i++)
    {
      g_autofree char *group = colliding (i, 10);

      g_string_append_printf (s, "%s{\"start_date\": {\"year\": 2000}, \"text\": {\"headline\": \"%s\"}, \"group\": \"%s\"}",
                              i > 0 ? ",\n" : "", group, group);
    }
  g_string_append (s, "]}\n");
  text = g_string_free (s, FALSE);

  document = test_load_text (text, "groups.json", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, 1024);
  g_assert_cmpuint (chrono_document_get_n_lanes (document), ==, 1024);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/hash/siphash-vectors", test_siphash_vectors);
  g_test_add_func ("/model/hash/crafted-premise", test_crafted_premise);
  g_test_add_func ("/model/hash/colliding-ids", test_colliding_ids);
  g_test_add_func ("/model/hash/colliding-lane-ids", test_colliding_lane_ids);
  g_test_add_func ("/model/hash/sequential-ids", test_sequential_ids);
  g_test_add_func ("/model/hash/colliding-duplicates", test_colliding_duplicates);
  g_test_add_func ("/model/hash/colliding-groups", test_colliding_groups);

  return g_test_run ();
}
