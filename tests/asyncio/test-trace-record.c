/* test-trace-record.c: what the runtime records into a trace, and the
 * invariants the views rely on, over the guide patterns.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ls-asyncio.h"

typedef struct
{
  LsVM    *vm;
  LsTrace *trace;
  GString *out;
} Run;

static void
capture_out (const char *text,
             gsize       len,
             gpointer    user_data)
{
  g_string_append_len (((Run *) user_data)->out, text, (gssize) len);
}

static void
run_program (Run        *run,
             const char *source)
{
  LsSyntaxError *err = NULL;
  LsCode *code;
  LsValue out = LS_NONE;
  LsRunStatus s;

  run->vm = ls_vm_new ();
  run->trace = ls_trace_new ();
  run->out = g_string_new (NULL);
  ls_vm_set_output (run->vm, capture_out, capture_out, run);
  ls_asyncio_install (run->vm, run->trace);
  code = ls_vm_compile (run->vm, "prog.py", source, -1, 0, &err);
  g_assert_nonnull (code);
  s = ls_vm_run_main (run->vm, code, 100, &out);
  while (s == LS_RUN_SUSPENDED || s == LS_RUN_HOSTCALL)
    s = s == LS_RUN_SUSPENDED ? ls_vm_resume (run->vm, 100, &out)
                              : ls_asyncio_run_hostcall (run->vm, 100, &out);
  g_assert_cmpint (s, ==, LS_RUN_DONE);
}

static void
run_clear (Run *run)
{
  ls_vm_free (run->vm);
  g_object_unref (run->trace);
  g_string_free (run->out, TRUE);
}

static gint
find_task (LsTrace    *trace,
           const char *name)
{
  for (guint i = 0; i < ls_trace_get_n_tasks (trace); i++)
    if (g_strcmp0 (ls_trace_task_get_name (trace, (gint) i), name) == 0)
      return (gint) i;
  return -1;
}

static gint
find_object (LsTrace    *trace,
             const char *label)
{
  LsTraceObject o;

  for (guint i = 0; i < ls_trace_get_n_objects (trace); i++)
    if (ls_trace_get_object (trace, (gint) i, &o) && g_strcmp0 (o.label, label) == 0)
      return (gint) i;
  return -1;
}

/* Spans of every task are contiguous and within the task's life. */
static void
check_spans (LsTrace *trace)
{
  for (guint t = 0; t < ls_trace_get_n_tasks (trace); t++)
    {
      LsTraceTask task;
      g_assert_true (ls_trace_get_task (trace, (gint) t, &task));
      for (guint i = 0; i < task.n_spans; i++)
        {
          LsTraceSpan s, next;
          g_assert_true (ls_trace_task_get_span (trace, (gint) t, i, &s));
          g_assert_cmpint (s.start, >=, task.created);
          if (i + 1 < task.n_spans)
            {
              g_assert_true (ls_trace_task_get_span (trace, (gint) t, i + 1, &next));
              g_assert_cmpint (s.end, ==, next.start);
            }
        }
    }
}

/* The values a series took, checked against [lo, hi]. */
static void
check_series_range (LsTrace    *trace,
                    gint        object,
                    const char *name,
                    double      lo,
                    double      hi)
{
  gint series[8];
  guint n = ls_trace_object_get_series (trace, object, series, G_N_ELEMENTS (series));
  gboolean found = FALSE;

  for (guint i = 0; i < n; i++)
    {
      LsTraceSeries s;
      g_assert_true (ls_trace_get_series (trace, series[i], &s));
      if (strcmp (s.name, name) != 0)
        continue;
      found = TRUE;
      g_assert_cmpuint (s.n_samples, >, 1);
      for (guint k = 0; k < s.n_samples; k++)
        {
          gint64 time;
          double v;
          g_assert_true (ls_trace_series_get_sample (trace, series[i], k, &time, &v));
          g_assert_cmpfloat (v, >=, lo);
          g_assert_cmpfloat (v, <=, hi);
        }
    }
  g_assert_true (found);
}

static void
test_semaphore (void)
{
  Run run;
  LsTraceObject o;
  LsTraceTask main_task, worker;
  gint sem;

  run_program (&run,
               "import asyncio\n"
               "async def fetch(i, sem):\n"
               "    async with sem:\n"
               "        await asyncio.sleep(0.1 * (i % 3 + 1))\n"
               "async def main():\n"
               "    sem = asyncio.Semaphore(5)\n"
               "    await asyncio.gather(*(fetch(i, sem) for i in range(20)))\n"
               "    print('done')\n"
               "asyncio.run(main())\n");
  check_spans (run.trace);
  sem = find_object (run.trace, "sem");
  g_assert_cmpint (sem, >=, 0);
  g_assert_true (ls_trace_get_object (run.trace, sem, &o));
  g_assert_cmpint (o.kind, ==, LS_TRACE_OBJECT_SEMAPHORE);
  g_assert_cmpint (o.capacity, ==, 5);
  check_series_range (run.trace, sem, "free", 0, 5);
  g_assert_true (ls_trace_get_task (run.trace, find_task (run.trace, "Task-1"), &main_task));
  g_assert_cmpint (main_task.kind, ==, LS_TRACE_TASK_KIND_MAIN);
  g_assert_cmpint (main_task.end, ==, LS_TRACE_END_DONE);
  g_assert_true (ls_trace_get_task (run.trace, find_task (run.trace, "Task-2"), &worker));
  g_assert_cmpint (worker.parent, ==, main_task.id);
  g_assert_cmpuint (worker.line, ==, 7);
  g_assert_cmpuint (ls_trace_get_n_console (run.trace), ==, 1);
  run_clear (&run);
}

static void
test_bounded_queue (void)
{
  Run run;
  gint q;
  gboolean put_wait = FALSE;

  run_program (&run,
               "import asyncio\n"
               "async def producer(q):\n"
               "    for i in range(10):\n"
               "        await q.put(i)\n"
               "    await q.put(None)\n"
               "async def consumer(q):\n"
               "    while (item := await q.get()) is not None:\n"
               "        await asyncio.sleep(0.5)\n"
               "        print('got', item)\n"
               "async def main():\n"
               "    queue = asyncio.Queue(maxsize=2)\n"
               "    await asyncio.gather(producer(queue), consumer(queue))\n"
               "asyncio.run(main())\n");
  check_spans (run.trace);
  q = find_object (run.trace, "queue");
  g_assert_cmpint (q, >=, 0);
  check_series_range (run.trace, q, "size", 0, 2);
  for (guint i = 0; i < ls_trace_task_get_n_spans (run.trace, find_task (run.trace, "Task-2")); i++)
    {
      LsTraceSpan s;
      ls_trace_task_get_span (run.trace, find_task (run.trace, "Task-2"), i, &s);
      if (s.state == LS_TRACE_STATE_QUEUE_PUT)
        {
          put_wait = TRUE;
          g_assert_cmpint (s.detail, ==, q);
          g_assert_true (s.line == 4 || s.line == 5);
        }
    }
  g_assert_true (put_wait);
  g_assert_cmpuint (ls_trace_get_n_console (run.trace), ==, 10);
  run_clear (&run);
}

/* Every timeout leaves a flow to the task it cancels. */
static void
test_timeouts (void)
{
  Run run;
  guint timeouts = 0;

  run_program (&run,
               "import asyncio\n"
               "async def slow():\n"
               "    await asyncio.sleep(5)\n"
               "async def main():\n"
               "    try:\n"
               "        await asyncio.wait_for(slow(), 1)\n"
               "    except TimeoutError:\n"
               "        print('timed out')\n"
               "    try:\n"
               "        async with asyncio.timeout(0.5):\n"
               "            await asyncio.sleep(2)\n"
               "    except TimeoutError:\n"
               "        print('block timed out')\n"
               "asyncio.run(main())\n");
  check_spans (run.trace);
  for (guint i = 0; i < ls_trace_get_n_flows (run.trace); i++)
    {
      LsTraceFlow f;
      ls_trace_get_flow (run.trace, i, &f);
      if (f.kind == LS_TRACE_FLOW_TIMEOUT)
        {
          timeouts++;
          g_assert_cmpint (f.to_task, ==, find_task (run.trace, "Task-1"));
        }
    }
  g_assert_cmpuint (timeouts, ==, 2);
  {
    LsTraceTask slow;
    g_assert_true (ls_trace_get_task (run.trace, find_task (run.trace, "Task-2"), &slow));
    g_assert_cmpint (slow.end, ==, LS_TRACE_END_CANCELLED);
  }
  run_clear (&run);
}

/* time.sleep() blocks: the task is BLOCKING, the due timer's task is late. */
static void
test_blocking (void)
{
  Run run;
  gboolean blocking = FALSE, late = FALSE;
  gint worker, ticker;

  run_program (&run,
               "import asyncio, time\n"
               "async def ticker():\n"
               "    await asyncio.sleep(0.1)\n"
               "    print('tick')\n"
               "async def worker():\n"
               "    time.sleep(0.5)\n"
               "async def main():\n"
               "    await asyncio.gather(ticker(), worker())\n"
               "asyncio.run(main())\n");
  check_spans (run.trace);
  ticker = find_task (run.trace, "Task-2");
  worker = find_task (run.trace, "Task-3");
  for (guint i = 0; i < ls_trace_task_get_n_spans (run.trace, worker); i++)
    {
      LsTraceSpan s;
      ls_trace_task_get_span (run.trace, worker, i, &s);
      blocking |= s.state == LS_TRACE_STATE_BLOCKING && s.end - s.start == 500000000;
    }
  for (guint i = 0; i < ls_trace_task_get_n_spans (run.trace, ticker); i++)
    {
      LsTraceSpan s;
      ls_trace_task_get_span (run.trace, ticker, i, &s);
      late |= s.state == LS_TRACE_STATE_READY_LATE && s.start == 100000000;
    }
  g_assert_true (blocking);
  g_assert_true (late);
  run_clear (&run);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/asyncio/trace/semaphore", test_semaphore);
  g_test_add_func ("/asyncio/trace/bounded-queue", test_bounded_queue);
  g_test_add_func ("/asyncio/trace/timeouts", test_timeouts);
  g_test_add_func ("/asyncio/trace/blocking", test_blocking);
  return g_test_run ();
}
