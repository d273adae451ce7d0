/* chrono-frame-probe.c
 *
 * Copyright 2026 The Chronoscope Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chrono-frame-probe"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chrono-frame-probe.h"

/*
 * What bench/measure-first-frame.py reads from the real app, asked for
 * with CHRONOSCOPE_FIRST_FRAME_QUIT (never set otherwise):
 *
 *   first-frame T      the monotonic time (µs) at which the frame that
 *                      holds the first drawn document was painted
 *   longest-stall MS   the longest the main loop did not turn while or
 *                      after the document came in, the window being on
 *                      screen already (its own first frame is GTK's)
 *   longest-stall-cpu MS  the most CPU time the main thread spent
 *                      between two turns of its loop in that time: the
 *                      same on a quiet machine, and what to read on a
 *                      shared one, where waiting for a core counts too
 *   rss-peak KB        VmHWM of the process
 *   rss-now KB         VmRSS when quitting
 *
 * A value of CHRONOSCOPE_FIRST_FRAME_QUIT above 1 is a number of
 * milliseconds to stay after the first frame (the steady state); 1
 * quits at once.  A high-priority timeout every 4 ms measures the main
 * loop: a gap between two of its runs is work that blocked it.
 */

#define PROBE_INTERVAL_MS 4

typedef struct
{
  GWeakRef              widget;
  ChronoFrameProbeReady ready;
  gint64                last;
  gint64                last_cpu;
  gboolean              was_mapped;
  gint64                longest;
  gint64                longest_cpu;
  guint                 settle_ms;
} Probe;

static Probe *probe;

/* CPU time of this thread, in microseconds. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
probe_tick (gpointer user_data)
{
  g_autoptr(GtkWidget) widget = g_weak_ref_get (&probe->widget);
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();

  if (widget != NULL && probe->was_mapped && probe->ready (widget))
    {
      probe->longest = MAX (probe->longest, now - probe->last);
      probe->longest_cpu = MAX (probe->longest_cpu, cpu - probe->last_cpu);
    }
  probe->was_mapped = widget != NULL && gtk_widget_get_mapped (widget);
  probe->last = now;
  probe->last_cpu = cpu;

  return G_SOURCE_CONTINUE;
}

static void
print_status_kb (const char *status,
                 const char *field,
                 const char *name)
{
  const char *line = status != NULL ? strstr (status, field) : NULL;

  if (line != NULL)
    g_print ("%s %lu\n", name, strtoul (line + strlen (field), NULL, 10));
}

static gboolean
report_and_quit (gpointer user_data)
{
  g_autofree char *status = NULL;

  probe_tick (NULL);
  g_print ("longest-stall %.1f\n", probe->longest / 1000.0);
  g_print ("longest-stall-cpu %.1f\n", probe->longest_cpu / 1000.0);
  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  print_status_kb (status, "VmHWM:", "rss-peak");
  print_status_kb (status, "VmRSS:", "rss-now");
  g_application_quit (g_application_get_default ());

  return G_SOURCE_REMOVE;
}

/* Starts the probe for the timeline @widget, which has its document
 * when @ready says so; once only. */
void
chrono_frame_probe_start (GtkWidget             *widget,
                          ChronoFrameProbeReady  ready)
{
  const char *value = g_getenv ("CHRONOSCOPE_FIRST_FRAME_QUIT");

  if (probe != NULL || value == NULL)
    return;

  probe = g_new0 (Probe, 1);
  g_weak_ref_init (&probe->widget, widget);
  probe->ready = ready;
  probe->settle_ms = (guint) MIN (strtoul (value, NULL, 10), 600000);
  g_timeout_add_full (G_PRIORITY_HIGH, PROBE_INTERVAL_MS, probe_tick, NULL, NULL);
}

/* The first document is on screen: report it, and quit now or after the
 * time asked for. */
void
chrono_frame_probe_first_frame (void)
{
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  if (probe == NULL || probe->settle_ms <= 1)
    {
      if (probe != NULL)
        report_and_quit (NULL);
      else
        g_application_quit (g_application_get_default ());
      return;
    }
  g_timeout_add (probe->settle_ms, report_and_quit, NULL);
}
