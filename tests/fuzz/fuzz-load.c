/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Loads any bytes as the app opens a file: the loader detects native,
 * TimelineJS or CSV from the content.  Built three times (fuzz-loader,
 * fuzz-timelinejs, fuzz-csv) with a seed corpus and a dictionary of
 * each format, so that each run stays mostly in its format.  CSV inputs
 * are loaded strictly and again leniently, since only CSV reads the flag.
 */
#define G_LOG_DOMAIN "chrono-fuzz"

#include "config.h"

#include "fuzz-util.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(ChronoDocument) strict = NULL;

  strict = fuzz_load (data, size, CHRONO_LOAD_DEFAULT);
#ifdef FUZZ_LENIENT
  {
    g_autoptr(ChronoDocument) lenient = fuzz_load (data, size, CHRONO_LOAD_LENIENT);

    /* Lenient loading only skips what strict loading refuses. */
    if (strict != NULL)
      {
        g_assert_nonnull (lenient);
        g_assert_cmpuint (chrono_document_get_n_events (strict), ==,
                          chrono_document_get_n_events (lenient));
      }
  }
#endif

  return 0;
}
