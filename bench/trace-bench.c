/* trace-bench.c: how fast LsTrace records, and how much memory it keeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   trace-bench [--events N] [--tasks N] [--zero-percent P] [--repeat N] [--export] [--import]
 *
 * Appends N state transitions (default 1,000,000) spread over the tasks
 * (default 10,000), as a runtime would: in each loop step a random task runs,
 * wakes another (READY) and waits on something, with the clock moving between
 * steps. P percent (default 50) of the steps take no virtual time, as most do
 * on the virtual clock, and are kept as step marks rather than spans.
 * Prints CPU ns/event and bytes/event (the trace's own accounting and the growth
 * of the process's resident memory); --export and --import time the Chrome
 * JSON round trip too.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <unistd.h>

#include "ls-trace.h"
#include "ls-trace-export.h"
#include "ls-trace-import.h"

static const LsTraceState waits[] = {
  LS_TRACE_STATE_SLEEPING, LS_TRACE_STATE_QUEUE_GET, LS_TRACE_STATE_SEMAPHORE,
  LS_TRACE_STATE_AWAIT_TASK, LS_TRACE_STATE_LOCK,
};

static gsize
resident_bytes (void)
{
  g_autofree char *statm = NULL;
  unsigned long size = 0, resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL)
      || sscanf (statm, "%lu %lu", &size, &resident) != 2)
    return 0;
  return (gsize) resident * (gsize) sysconf (_SC_PAGESIZE);
}

/* CPU time of this thread, in microseconds: the machine may be shared, and
 * wall time would count other processes' turns. */
static gint64
cpu_time_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static guint32
next_random (guint32 *state)
{
  /* xorshift32: deterministic, and cheap next to what is being measured */
  *state ^= *state << 13;
  *state ^= *state >> 17;
  *state ^= *state << 5;
  return *state;
}

static LsTrace *
record (guint   n_events,
        guint   n_tasks,
        guint   zero_percent,
        gint64 *elapsed_us)
{
  LsTrace *trace = ls_trace_new ();
  guint32 rng = 2463534242u;
  gint64 now = 0, start;
  gint sem = ls_trace_add_object (trace, 0, LS_TRACE_OBJECT_SEMAPHORE, "sem", 10);

  for (guint i = 0; i < n_tasks; i++)
    ls_trace_add_task (trace, 0, NULL, i == 0 ? -1 : 0,
                       i == 0 ? LS_TRACE_TASK_KIND_MAIN : LS_TRACE_TASK_KIND_TASK, 1 + i % 50);

  start = cpu_time_us ();
  for (guint e = 0; e + 3 <= n_events; e += 3)
    {
      guint32 r = next_random (&rng);
      gint task = (gint) (r % n_tasks);
      gint woken = (gint) (next_random (&rng) % n_tasks);
      LsTraceState wait = waits[(r >> 12) % G_N_ELEMENTS (waits)];
      gint detail = -1;
      guint line = 1 + (r >> 24) % 200;

      /* One step of the loop: a task runs (often for no virtual time), wakes
       * another and waits on something; the clock moves between steps. */
      if ((r >> 20) % 4 == 0)
        now += 1 + (r >> 4) % 1000;
      ls_trace_task_set_state (trace, task, now, LS_TRACE_STATE_RUNNING, -1, line);
      if ((r >> 8) % 100 >= zero_percent)
        now += 1 + (r >> 16) % 5000;
      ls_trace_task_set_state (trace, woken, now, LS_TRACE_STATE_READY, -1, line);
      if (wait == LS_TRACE_STATE_AWAIT_TASK)
        detail = woken;
      else if (wait == LS_TRACE_STATE_SEMAPHORE)
        detail = sem;
      ls_trace_task_set_state (trace, task, now, wait, detail, line + 1);
    }
  *elapsed_us = cpu_time_us () - start;
  return trace;
}

int
main (int    argc,
      char **argv)
{
  gint n_events = 1000000, n_tasks = 10000, zero_percent = 50, repeat = 1;
  gboolean do_export = FALSE, do_import = FALSE;
  GOptionEntry entries[] = {
    { "events", 'n', 0, G_OPTION_ARG_INT, &n_events, "State transitions to record", "N" },
    { "tasks", 't', 0, G_OPTION_ARG_INT, &n_tasks, "Tasks to spread them over", "N" },
    { "zero-percent", 'z', 0, G_OPTION_ARG_INT, &zero_percent,
      "Percent of task steps that take no time", "P" },
    { "repeat", 'r', 0, G_OPTION_ARG_INT, &repeat,
      "Record this many times and report the fastest (warm memory)", "N" },
    { "export", 'e', 0, G_OPTION_ARG_NONE, &do_export, "Time the Chrome JSON export", NULL },
    { "import", 'i', 0, G_OPTION_ARG_NONE, &do_import, "Time the import (implies --export)", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- LsTrace recording benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(LsTrace) trace = NULL;
  LsTraceStats stats;
  gsize rss_before, rss_after;
  gint64 elapsed_us;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("trace-bench: %s\n", error->message);
      return 2;
    }
  if (n_events <= 0 || n_tasks <= 0 || repeat <= 0 || zero_percent < 0 || zero_percent > 100)
    {
      g_printerr ("trace-bench: --events, --tasks and --repeat must be positive, "
                  "--zero-percent 0..100\n");
      return 2;
    }

  /* Later rounds reuse the memory freed by earlier ones (as far as malloc
   * keeps it), which leaves out the cost of first-touch page faults. */
  for (gint round = 0; round < repeat; round++)
    {
      gint64 round_us;

      g_clear_object (&trace);
      if (round == 0)
        rss_before = resident_bytes ();
      trace = record ((guint) n_events, (guint) n_tasks, (guint) zero_percent, &round_us);
      if (round == 0)
        rss_after = resident_bytes ();
      elapsed_us = round == 0 ? round_us : MIN (elapsed_us, round_us);
    }
  ls_trace_get_stats (trace, &stats);

  g_print ("record: %d transitions over %d tasks (%d%% instantaneous steps)\n",
           n_events, n_tasks, zero_percent);
  g_print ("  %.1f ns/event, %.1f ms in all\n",
           1000.0 * (double) elapsed_us / n_events, elapsed_us / 1000.0);
  g_print ("  stored: %u spans, %u steps\n", stats.n_spans, stats.n_steps);
  g_print ("  memory: %.1f bytes/event by the trace's count (%.1f MiB), "
           "%.1f bytes/event by resident growth\n",
           (double) stats.bytes / n_events, stats.bytes / 1048576.0,
           (double) (rss_after - MIN (rss_before, rss_after)) / n_events);

  if (do_export || do_import)
    {
      g_autofree char *json = NULL;
      gsize len;
      gint64 t0 = cpu_time_us ();

      json = ls_trace_to_chrome_json (trace, &len);
      elapsed_us = cpu_time_us () - t0;
      g_print ("export: %.1f MiB of JSON in %.1f ms (%.1f MiB/s, %.1f bytes/event)\n",
               len / 1048576.0, elapsed_us / 1000.0,
               (len / 1048576.0) / (elapsed_us / 1e6), (double) len / n_events);

      if (do_import)
        {
          g_autoptr(LsTrace) back = NULL;
          struct rusage usage;

          t0 = cpu_time_us ();
          back = ls_trace_import_chrome_json_data (json, (gssize) len, &error);
          elapsed_us = cpu_time_us () - t0;
          if (back == NULL)
            {
              g_printerr ("trace-bench: import failed: %s\n", error->message);
              return 1;
            }
          getrusage (RUSAGE_SELF, &usage);
          g_print ("import: %.1f ms; peak resident size of the process %.1f MiB\n",
                   elapsed_us / 1000.0, usage.ru_maxrss / 1024.0);
        }
    }

  return 0;
}
