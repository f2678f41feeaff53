/* test-trace-invariants.c: what must hold in the trace of the guide patterns
 * (the programs in tests/session/data), run through LsSession in instant mode.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *  - every task's spans are contiguous, from its creation to its end;
 *  - Semaphore(5): never more than 5 tasks between acquire and release, and
 *    the semaphore's "free" counter never below 0;
 *  - Queue(maxsize=3): the "size" counter never above 3;
 *  - every operation a timeout cancelled has a TIMEOUT (or CANCEL) flow to it.
 *
 * Each program also prints what CPython prints (NAME.expected, made with the
 * reference virtual-clock runner).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ls-session.h"

typedef struct
{
  GString  *out;
  gboolean  finished;
  int       status;
} Run;

static void
on_output (LsSession  *session,
           int         stream,
           const char *text,
           guint       len,
           Run        *run)
{
  if (stream == LS_TRACE_STREAM_STDOUT)
    g_string_append_len (run->out, text, len);
}

static void
on_finished (LsSession *session,
             int        status,
             Run       *run)
{
  run->finished = TRUE;
  run->status = status;
}

/* Runs data/NAME.py to the end; returns its trace (transfer full). */
static LsTrace *
run_program (const char *name)
{
  g_autofree char *path = g_strdup_printf ("%s.py", name);
  g_autofree char *filename = g_test_build_filename (G_TEST_DIST, "data", path, NULL);
  g_autofree char *expected_name = g_strdup_printf ("%s.expected", name);
  g_autofree char *expected_file = g_test_build_filename (G_TEST_DIST, "data", expected_name, NULL);
  g_autofree char *source = NULL;
  g_autofree char *expected = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LsSession) session = ls_session_new ();
  GMainContext *context = g_main_context_new ();
  Run run = { g_string_new (NULL), FALSE, -1 };
  LsTrace *trace;

  g_assert_true (g_file_get_contents (filename, &source, NULL, &error));
  g_assert_true (g_file_get_contents (expected_file, &expected, NULL, &error));
  g_main_context_push_thread_default (context);
  g_signal_connect (session, "output", G_CALLBACK (on_output), &run);
  g_signal_connect (session, "finished", G_CALLBACK (on_finished), &run);
  g_assert_true (ls_session_load (session, path, source, NULL, NULL, &error));
  g_assert_no_error (error);
  ls_session_start (session);
  while (!run.finished)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out->str, ==, expected);
  g_string_free (run.out, TRUE);
  trace = g_object_ref (ls_session_get_trace (session));
  g_assert_cmpuint (ls_trace_get_n_tasks (trace), >, 0);
  return trace;
}

/* ------------------------------------------------------ the invariants */

static void
assert_spans_contiguous (LsTrace *trace)
{
  for (guint id = 0; id < ls_trace_get_n_tasks (trace); id++)
    {
      LsTraceTask task;
      gint64 at;

      g_assert_true (ls_trace_get_task (trace, (gint) id, &task));
      g_assert_cmpint (task.ended, !=, LS_TRACE_TIME_NONE);
      g_assert_cmpint (task.end, !=, LS_TRACE_END_RUNNING);
      /* a task that lived no virtual time keeps no span, only steps */
      if (task.n_spans == 0)
        g_assert_cmpint (task.created, ==, task.ended);
      at = task.created;
      for (guint i = 0; i < task.n_spans; i++)
        {
          LsTraceSpan span;
          g_assert_true (ls_trace_task_get_span (trace, (gint) id, i, &span));
          if (span.start != at)
            g_error ("task %s: span %u starts at %" G_GINT64_FORMAT ", the previous ended at %"
                     G_GINT64_FORMAT, task.name, i, span.start, at);
          g_assert_cmpint (span.end, !=, LS_TRACE_TIME_NONE);
          g_assert_cmpint (span.end, >, span.start);
          g_assert_cmpint (span.state, <, LS_TRACE_STATE_DONE);
          at = span.end;
        }
      g_assert_cmpint (at, ==, task.ended);
    }
}

static gint
find_object (LsTrace           *trace,
             LsTraceObjectKind  kind)
{
  for (guint id = 0; id < ls_trace_get_n_objects (trace); id++)
    {
      LsTraceObject object;
      ls_trace_get_object (trace, (gint) id, &object);
      if (object.kind == kind)
        return (gint) id;
    }
  return LS_TRACE_NO_ID;
}

static gint
find_series (LsTrace    *trace,
             gint        object,
             const char *name)
{
  gint ids[16];
  guint n = ls_trace_object_get_series (trace, object, ids, G_N_ELEMENTS (ids));

  for (guint i = 0; i < n; i++)
    {
      LsTraceSeries series;
      ls_trace_get_series (trace, ids[i], &series);
      if (g_strcmp0 (series.name, name) == 0)
        return ids[i];
    }
  return LS_TRACE_NO_ID;
}

/* The value of @series in effect at @time (after everything at @time). */
static double
series_at (LsTrace *trace,
           gint     series,
           gint64   time)
{
  guint first, last;
  gint64 t;
  double v;

  g_assert_true (ls_trace_series_samples_in_range (trace, series, time, time, &first, &last));
  g_assert_true (ls_trace_series_get_sample (trace, series, last, &t, &v));
  g_assert_cmpint (t, <=, time);
  return v;
}

static void
series_bounds (LsTrace *trace,
               gint     series,
               double  *min,
               double  *max)
{
  LsTraceSeries info;

  g_assert_true (ls_trace_get_series (trace, series, &info));
  g_assert_cmpuint (info.n_samples, >, 0);
  *min = G_MAXDOUBLE;
  *max = -G_MAXDOUBLE;
  for (guint i = 0; i < info.n_samples; i++)
    {
      gint64 t;
      double v;
      ls_trace_series_get_sample (trace, series, i, &t, &v);
      *min = MIN (*min, v);
      *max = MAX (*max, v);
    }
}

/* The state @task is in once everything at @time has happened. */
static LsTraceState
state_at (LsTrace *trace,
          gint     task,
          gint64   time)
{
  guint index;
  LsTraceSpan span;

  if (!ls_trace_task_span_at (trace, task, time, &index))
    return LS_TRACE_STATE_DONE;
  ls_trace_task_get_span (trace, task, index, &span);
  return span.state;
}

static guint
count_spans_in_state (LsTrace      *trace,
                      LsTraceState  state)
{
  guint n = 0;

  for (guint id = 0; id < ls_trace_get_n_tasks (trace); id++)
    for (guint i = 0; i < ls_trace_task_get_n_spans (trace, (gint) id); i++)
      {
        LsTraceSpan span;
        ls_trace_task_get_span (trace, (gint) id, i, &span);
        n += span.state == state;
      }
  return n;
}

/* ------------------------------------------------------------- tests */

static void
test_contiguous (gconstpointer data)
{
  g_autoptr (LsTrace) trace = run_program (data);

  assert_spans_contiguous (trace);
}

/* Semaphore(5) with 30 requests: the console says who holds a permit. */
static void
test_semaphore (void)
{
  g_autoptr (LsTrace) trace = run_program ("semaphore_rate_limit");
  gint sem = find_object (trace, LS_TRACE_OBJECT_SEMAPHORE);
  LsTraceObject object;
  gint free_series;
  double min, max;
  GHashTable *holders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = ls_trace_get_n_console (trace);

  g_assert_cmpint (sem, !=, LS_TRACE_NO_ID);
  ls_trace_get_object (trace, sem, &object);
  g_assert_cmpint (object.capacity, ==, 5);
  free_series = find_series (trace, sem, "free");
  g_assert_cmpint (free_series, !=, LS_TRACE_NO_ID);
  series_bounds (trace, free_series, &min, &max);
  g_assert_cmpfloat (min, ==, 0);   /* it was saturated... */
  g_assert_cmpfloat (max, <=, 5);   /* ...and never over-released */

  /* 25 of the 30 had to queue for a permit */
  g_assert_cmpuint (count_spans_in_state (trace, LS_TRACE_STATE_SEMAPHORE), >=, 25);

  for (guint i = 0; i < n; i++)
    {
      LsTraceConsoleLine line, next;
      g_auto (GStrv) words = NULL;

      ls_trace_get_console (trace, i, &line);
      words = g_strsplit (line.text, " ", -1);
      if (g_strv_length (words) == 3 && g_str_equal (words[2], "acquired"))
        g_hash_table_add (holders, g_strdup (words[1]));
      else if (g_strv_length (words) == 3 && g_str_equal (words[2], "released"))
        g_assert_true (g_hash_table_remove (holders, words[1]));
      /* at the end of each instant: who holds a permit matches the counter */
      if (i + 1 < n && ls_trace_get_console (trace, i + 1, &next) && next.time == line.time)
        continue;
      g_assert_cmpuint (g_hash_table_size (holders), <=, 5);
      g_assert_cmpfloat (series_at (trace, free_series, line.time), >=, 0);
      g_assert_cmpfloat (g_hash_table_size (holders) + series_at (trace, free_series, line.time), ==, 5);
      /* nobody queues for a permit while one is free */
      if (series_at (trace, free_series, line.time) > 0)
        for (guint id = 0; id < ls_trace_get_n_tasks (trace); id++)
          g_assert_cmpint (state_at (trace, (gint) id, line.time), !=, LS_TRACE_STATE_SEMAPHORE);
    }
  g_assert_cmpuint (g_hash_table_size (holders), ==, 0);
  g_hash_table_unref (holders);
  assert_spans_contiguous (trace);
}

/* Queue(maxsize=3): the producer blocks on put() exactly when it is full. */
static void
test_bounded_queue (void)
{
  g_autoptr (LsTrace) trace = run_program ("bounded_queue");
  gint queue = find_object (trace, LS_TRACE_OBJECT_QUEUE);
  LsTraceObject object;
  gint size_series;
  double min, max;
  guint n_put_waits = 0;

  g_assert_cmpint (queue, !=, LS_TRACE_NO_ID);
  ls_trace_get_object (trace, queue, &object);
  g_assert_cmpint (object.capacity, ==, 3);
  size_series = find_series (trace, queue, "size");
  g_assert_cmpint (size_series, !=, LS_TRACE_NO_ID);
  series_bounds (trace, size_series, &min, &max);
  g_assert_cmpfloat (min, >=, 0);
  g_assert_cmpfloat (max, ==, 3);

  for (guint id = 0; id < ls_trace_get_n_tasks (trace); id++)
    for (guint i = 0; i < ls_trace_task_get_n_spans (trace, (gint) id); i++)
      {
        LsTraceSpan span;
        ls_trace_task_get_span (trace, (gint) id, i, &span);
        if (span.state != LS_TRACE_STATE_QUEUE_PUT)
          continue;
        n_put_waits++;
        g_assert_cmpint (span.detail, ==, queue);
        /* blocked on put(): the queue was full when it started waiting */
        g_assert_cmpfloat (series_at (trace, size_series, span.start), ==, 3);
      }
  g_assert_cmpuint (n_put_waits, >, 0);
  assert_spans_contiguous (trace);
}

static gboolean
has_flow_to (LsTrace *trace,
             gint     task)
{
  for (guint i = 0; i < ls_trace_get_n_flows (trace); i++)
    {
      LsTraceFlow flow;
      ls_trace_get_flow (trace, i, &flow);
      if (flow.to_task == task
          && (flow.kind == LS_TRACE_FLOW_TIMEOUT || flow.kind == LS_TRACE_FLOW_CANCEL))
        return TRUE;
    }
  return FALSE;
}

/* Every timeout cancels something, and the trace shows what. */
static void
test_timeouts (void)
{
  g_autoptr (LsTrace) trace = run_program ("wait_for_timeouts");
  guint n_cancelled = 0, n_timeout_flows = 0;

  for (guint id = 0; id < ls_trace_get_n_tasks (trace); id++)
    {
      LsTraceTask task;
      ls_trace_get_task (trace, (gint) id, &task);
      if (task.end != LS_TRACE_END_CANCELLED)
        continue;
      n_cancelled++;
      if (!has_flow_to (trace, (gint) id))
        {
          g_test_message ("task %s was cancelled by a timeout, but no TIMEOUT/CANCEL flow leads to it",
                          task.name);
          g_test_fail ();
        }
    }
  /* wait_for's op2 and op3 */
  g_assert_cmpuint (n_cancelled, >=, 2);

  for (guint i = 0; i < ls_trace_get_n_flows (trace); i++)
    {
      LsTraceFlow flow;
      ls_trace_get_flow (trace, i, &flow);
      n_timeout_flows += flow.kind == LS_TRACE_FLOW_TIMEOUT;
    }
  /* op2, op3 and the timeout() block (which cancels the task it runs in) */
  if (n_timeout_flows < 3)
    {
      g_test_message ("%u TIMEOUT flows, expected one per expired timeout (3)", n_timeout_flows);
      g_test_fail ();
    }
  assert_spans_contiguous (trace);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/trace-invariants/contiguous/semaphore", "semaphore_rate_limit",
                        test_contiguous);
  g_test_add_data_func ("/trace-invariants/contiguous/queue", "bounded_queue", test_contiguous);
  g_test_add_data_func ("/trace-invariants/contiguous/timeouts", "wait_for_timeouts",
                        test_contiguous);
  g_test_add_data_func ("/trace-invariants/contiguous/guide", "guide_patterns", test_contiguous);
  g_test_add_func ("/trace-invariants/semaphore/at-most-five", test_semaphore);
  g_test_add_func ("/trace-invariants/queue/bounded", test_bounded_queue);
  g_test_add_func ("/trace-invariants/timeouts/flows", test_timeouts);
  return g_test_run ();
}
