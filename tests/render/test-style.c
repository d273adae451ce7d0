/* test-style.c: every text colour of the style reads on what it is
 * drawn on, in the light and the dark palette (WCAG 2.1 contrast).
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-style"

#include "config.h"

#include "chrono-style-private.h"

static ChronoColor
field (const ChronoStyle *style,
       gssize             offset)
{
  return G_STRUCT_MEMBER (ChronoColor, style, offset);
}

static void
check_style (const ChronoStyle *style,
             const char        *name)
{
  const ChronoTextPair *pairs;
  guint n_pairs;

  pairs = _chrono_style_get_text_pairs (&n_pairs);
  g_assert_cmpuint (n_pairs, >, 0);

  for (guint i = 0; i < n_pairs; i++)
    {
      ChronoColor text = field (style, pairs[i].text);
      ChronoColor background = chrono_color_with_alpha (field (style, pairs[i].background),
                                                        pairs[i].background_alpha);
      /* Under a translucent base lies the page, white or black. */
      ChronoColor page = chrono_color_from_rgb (style->dark ? 0x000000 : 0xffffff, 1);
      ChronoColor base = pairs[i].base >= 0 ? chrono_color_over (field (style, pairs[i].base), page) : page;
      double ratio = chrono_color_contrast (text, chrono_color_over (background, base));
      double needed = pairs[i].large ? 3.0 : 4.5;

      g_test_message ("%s: %s %.2f:1", name, pairs[i].what, ratio);
      if (ratio < needed)
        g_error ("%s style: %s has a contrast of %.2f:1, below %.1f:1",
                 name, pairs[i].what, ratio, needed);
    }
}

static void
test_style_contrast_light (void)
{
  ChronoStyle style;

  chrono_style_init_light (&style, 1);
  check_style (&style, "light");
}

static void
test_style_contrast_dark (void)
{
  ChronoStyle style;

  chrono_style_init_dark (&style, 1);
  check_style (&style, "dark");
}

/* Labels in an event's colour read on the background whatever the
 * palette colour. */
static void
test_style_label_colors (void)
{
  for (guint dark = 0; dark < 2; dark++)
    {
      ChronoStyle style;

      if (dark)
        chrono_style_init_dark (&style, 1);
      else
        chrono_style_init_light (&style, 1);

      for (guint i = 0; i < 11; i++)
        {
          ChronoColor color = chrono_style_get_palette_color (&style, i);
          ChronoColor label = chrono_style_get_label_color (&style, color);

          g_assert_cmpfloat (chrono_color_contrast (label, style.background), >=, 4.5);
        }
    }
}

/* The measure itself: black on white is 21:1, a colour on itself 1:1,
 * and the dark overview's old labels (#565656 on #202020) 2.2:1. */
static void
test_style_contrast_measure (void)
{
  ChronoColor black = chrono_color_from_rgb (0x000000, 1);
  ChronoColor white = chrono_color_from_rgb (0xffffff, 1);

  g_assert_cmpfloat_with_epsilon (chrono_color_contrast (black, white), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (chrono_color_contrast (white, black), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (chrono_color_contrast (white, white), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (chrono_color_contrast (chrono_color_from_rgb (0x565656, 1),
                                                         chrono_color_from_rgb (0x202020, 1)),
                                  2.2, 0.05);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/style/contrast-measure", test_style_contrast_measure);
  g_test_add_func ("/render/style/contrast-light", test_style_contrast_light);
  g_test_add_func ("/render/style/contrast-dark", test_style_contrast_dark);
  g_test_add_func ("/render/style/label-colors", test_style_label_colors);

  return g_test_run ();
}
