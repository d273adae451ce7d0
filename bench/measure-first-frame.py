#!/usr/bin/env python3
"""Measures Chronoscope's launch to its first drawn frame of a document.

    bench/measure-first-frame.py [--settle MS] BUILDDIR FILE [RUNS]

Starts BUILDDIR/src/chronoscope FILE RUNS times (default 10) with
CHRONOSCOPE_FIRST_FRAME_QUIT set: the timeline prints the monotonic time
at which the frame holding the first drawn document was painted, then the
app quits. The figure is that time minus the time just before the process
was started, so it covers exec, GTK start-up, loading, layout and drawing.

With --settle MS the app stays MS milliseconds after that frame and then
also reports the longest time its main loop was blocked from the moment
the document came in, the window being on screen already (a 4 ms
high-priority timeout measures it; also the main thread's CPU time in
such a gap, which a busy machine does not inflate), its
peak resident memory (VmHWM) and its resident memory when quitting
(VmRSS, the steady state with the document open); see
src/app/chrono-frame-probe.c.

Needs a display (run it under xvfb-run with GSK_RENDERER=cairo for the
figures in docs/performance.md). Prints the median and the range.
"""

import os
import statistics
import subprocess
import sys
import time


def spread(values, unit, fmt="%.0f"):
    return ("median " + fmt + " %s (" + fmt + "–" + fmt + " %s)") % (
        statistics.median(values), unit, min(values), max(values), unit)


def main():
    args = sys.argv[1:]
    settle = 0
    if args[:1] == ["--settle"]:
        settle = int(args[1])
        args = args[2:]
    if len(args) < 2:
        sys.exit(__doc__)
    builddir, path = args[0], args[1]
    runs = int(args[2]) if len(args) > 2 else 10
    env = dict(os.environ,
               CHRONOSCOPE_FIRST_FRAME_QUIT=str(max(settle, 1)),
               GSETTINGS_BACKEND="memory",
               GSETTINGS_SCHEMA_DIR=os.path.join(builddir, "data"))
    binary = os.path.join(builddir, "src", "chronoscope")
    times, stalls, cpus, peaks, steady = [], [], [], [], []
    for _ in range(runs):
        start = time.monotonic_ns() // 1000
        out = subprocess.run([binary, path], env=env, capture_output=True,
                             text=True, timeout=120).stdout
        values = {}
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] in ("first-frame", "longest-stall",
                                                "longest-stall-cpu",
                                                "rss-peak", "rss-now"):
                values.setdefault(parts[0], float(parts[1]))
        if "first-frame" not in values:
            sys.exit("no first frame reported:\n" + out)
        times.append((values["first-frame"] - start) / 1000.0)
        if settle:
            stalls.append(values.get("longest-stall", 0))
            cpus.append(values.get("longest-stall-cpu", 0))
            peaks.append(values.get("rss-peak", 0) / 1024)
            steady.append(values.get("rss-now", 0) / 1024)
    print("launch to first frame of %s: %s, %d runs"
          % (os.path.basename(path), spread(times, "ms"), runs))
    if settle:
        print("  longest main-loop stall: %s; CPU time in it: %s"
              % (spread(stalls, "ms"), spread(cpus, "ms")))
        print("  peak RSS: %s; RSS %d ms after the first frame: %s"
              % (spread(peaks, "MB"), settle, spread(steady, "MB")))


if __name__ == "__main__":
    main()
