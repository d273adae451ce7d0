/* chrono-scene-dump.h
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pango.h>

#include "chrono-document.h"
#include "chrono-scene.h"
#include "chrono-style.h"

G_BEGIN_DECLS

/* What @scene draws, one JSON object a line, for tools and tests that
 * check layouts mechanically: every label with the text that is visible
 * after ellipsizing, its box and font size in pixels; every marker, bar,
 * period band, cluster (with its count and span), line (today, relation,
 * sampled along its curve) and lane.  @document names the lanes and
 * events; @output_scale is the scale of the view or export (the style
 * of an export's timeline may differ), to state the minimum text size;
 * @context measures text as the renderer does (NULL for a default one).  Returns a newly allocated string; g_free() it.  The
 * format is described in docs/layout.md. */
char  *chrono_scene_dump    (ChronoScene       *scene,
                             ChronoDocument    *document,
                             const ChronoStyle *style,
                             double             output_scale,
                             PangoContext      *context);

G_END_DECLS
