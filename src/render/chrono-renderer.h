#pragma once

#include <cairo.h>

#include "chrono-scene.h"
#include "chrono-style.h"

G_BEGIN_DECLS

/* Draws @scene onto @cr: the one drawing code of the widget and of every
 * export.  Coordinates are the scene's pixels; the caller sets up any
 * transform (HiDPI, print) and the style's scale must match it.  Leaves
 * @cr's state as it found it. */
void chrono_renderer_draw (cairo_t           *cr,
                           ChronoScene       *scene,
                           const ChronoStyle *style);

G_END_DECLS
