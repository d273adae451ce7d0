#!/usr/bin/env python3
"""Measures Chronoscope's launch to its first drawn frame of a document.

    bench/measure-first-frame.py BUILDDIR FILE [RUNS]

Starts BUILDDIR/src/chronoscope FILE RUNS times (default 10) with
CHRONOSCOPE_FIRST_FRAME_QUIT set: the timeline prints the monotonic time
at which the frame holding the first drawn document was painted, then the
app quits. The figure is that time minus the time just before the process
was started, so it covers exec, GTK start-up, loading, layout and drawing.
Needs a display (run it under xvfb-run with GSK_RENDERER=cairo for the
figures in docs/performance.md). Prints the median and the range.
"""

import os
import statistics
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    builddir, path = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    env = dict(os.environ,
               CHRONOSCOPE_FIRST_FRAME_QUIT="1",
               GSETTINGS_BACKEND="memory",
               GSETTINGS_SCHEMA_DIR=os.path.join(builddir, "data"))
    binary = os.path.join(builddir, "src", "chronoscope")
    times = []
    for _ in range(runs):
        start = time.monotonic_ns() // 1000
        out = subprocess.run([binary, path], env=env, capture_output=True,
                             text=True, timeout=60).stdout
        lines = [l for l in out.splitlines() if l.startswith("first-frame ")]
        if not lines:
            sys.exit("no first frame reported:\n" + out)
        times.append((int(lines[0].split()[1]) - start) / 1000.0)
    print("launch to first frame of %s: median %.0f ms (%.0f–%.0f ms, %d runs)"
          % (os.path.basename(path), statistics.median(times),
             min(times), max(times), runs))


if __name__ == "__main__":
    main()
