/* test-trace.c: the trace model (src/trace/ls-trace.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include "ls-trace.h"

/* Helpers */

typedef struct
{
  LsTraceState state;
  gint         detail;
  guint        line;
} Effective;

/* One call of a random recording, kept to check the trace against. */
typedef struct
{
  gint64       time;
  Effective    what;
  gboolean     end;
} Call;

static gboolean
effective_equal (const Effective *a,
                 const Effective *b)
{
  return a->state == b->state && a->detail == b->detail && a->line == b->line;
}

static LsTraceSpan
get_span (LsTrace *trace,
          gint     task,
          guint    index)
{
  LsTraceSpan span;

  g_assert_true (ls_trace_task_get_span (trace, task, index, &span));
  return span;
}

static gint64
get_step_time (LsTrace *trace,
               gint     task,
               guint    index)
{
  gint64 time;

  g_assert_true (ls_trace_task_get_step (trace, task, index, &time, NULL));
  return time;
}

/* The invariants every task's spans keep, whatever was recorded. */
static void
assert_task_invariants (LsTrace *trace,
                        gint     task)
{
  LsTraceTask t;

  g_assert_true (ls_trace_get_task (trace, task, &t));

  for (guint i = 0; i < t.n_spans; i++)
    {
      LsTraceSpan span = get_span (trace, task, i);

      g_assert_cmpint (span.state, <, LS_TRACE_STATE_DONE);
      if (i == 0)
        g_assert_cmpint (span.start, ==, t.created);
      if (i + 1 < t.n_spans)
        {
          LsTraceSpan next = get_span (trace, task, i + 1);

          /* Contiguous, never empty. */
          g_assert_cmpint (span.end, ==, next.start);
          g_assert_cmpint (span.start, <, span.end);

          /* Two equal spans in a row only when the task ran in between (or it
           * is running, yielded and was resumed at once). */
          if (span.state == next.state && span.detail == next.detail && span.line == next.line
              && span.state != LS_TRACE_STATE_RUNNING)
            {
              guint step;

              g_assert_true (ls_trace_task_steps_in_range (trace, task, span.end, span.end,
                                                           &step, NULL));
            }
        }
      else if (t.ended != LS_TRACE_TIME_NONE)
        {
          g_assert_cmpint (span.end, ==, t.ended);
          g_assert_cmpint (span.start, <, span.end);
        }
      else
        g_assert_cmpint (span.end, ==, LS_TRACE_TIME_NONE);
    }

  for (guint i = 1; i < t.n_steps; i++)
    g_assert_cmpint (get_step_time (trace, task, i - 1), <, get_step_time (trace, task, i));
}

/* Records a random life for @task and returns the calls made. Times never go
 * back; about a third of the calls happen at the same time as the one before,
 * as in virtual time, where steps take no time. */
static GArray *
record_random_task (LsTrace  *trace,
                    gint      task,
                    GRand    *rand,
                    gint64   *clock,
                    guint     n_calls,
                    gboolean  end)
{
  GArray *calls = g_array_new (FALSE, FALSE, sizeof (Call));
  static const LsTraceState states[] = {
    LS_TRACE_STATE_RUNNING, LS_TRACE_STATE_RUNNING, LS_TRACE_STATE_READY,
    LS_TRACE_STATE_SLEEPING, LS_TRACE_STATE_SEMAPHORE, LS_TRACE_STATE_AWAIT_TASK,
    LS_TRACE_STATE_READY_LATE, LS_TRACE_STATE_BLOCKING,
  };

  for (guint i = 0; i < n_calls; i++)
    {
      Call call = { 0 };

      if (g_rand_int_range (rand, 0, 3) != 0)
        *clock += g_rand_int_range (rand, 1, 2000);
      call.time = *clock;
      call.what.state = states[g_rand_int_range (rand, 0, G_N_ELEMENTS (states))];
      call.what.detail = call.what.state == LS_TRACE_STATE_AWAIT_TASK ? 0
                         : call.what.state == LS_TRACE_STATE_SEMAPHORE ? 0 : -1;
      call.what.line = (guint) g_rand_int_range (rand, 1, 4);
      ls_trace_task_set_state (trace, task, call.time, call.what.state, call.what.detail,
                               call.what.line);
      g_array_append_val (calls, call);
    }

  if (end)
    {
      Call call = { .end = TRUE };

      if (g_rand_boolean (rand))
        *clock += g_rand_int_range (rand, 1, 2000);
      call.time = *clock;
      ls_trace_task_end (trace, task, call.time, LS_TRACE_END_DONE, NULL);
      g_array_append_val (calls, call);
    }

  return calls;
}

/* What the calls say the task was doing at @time: the last call at or before
 * it. Returns FALSE before creation and from the end on. */
static gboolean
effective_at (const GArray *calls,
              gint64        created,
              guint         created_line,
              gint64        time,
              Effective    *out)
{
  Effective current = { LS_TRACE_STATE_READY, -1, created_line };

  if (time < created)
    return FALSE;

  for (guint i = 0; i < calls->len; i++)
    {
      const Call *call = &g_array_index (calls, Call, i);

      if (call->time > time)
        break;
      if (call->end)
        return FALSE;
      current = call->what;
    }

  *out = current;
  return TRUE;
}

/* The instants at which the task ran in no time: it became RUNNING at t and
 * changed again at that same t. */
static GArray *
expected_steps (const GArray *calls,
                gint64        created,
                guint         created_line)
{
  GArray *steps = g_array_new (FALSE, FALSE, sizeof (gint64));
  Effective current = { LS_TRACE_STATE_READY, -1, created_line };
  gint64 since = created;

  for (guint i = 0; i < calls->len; i++)
    {
      const Call *call = &g_array_index (calls, Call, i);

      if (!call->end && effective_equal (&current, &call->what))
        continue;
      if (current.state == LS_TRACE_STATE_RUNNING && since == call->time
          && (steps->len == 0 || g_array_index (steps, gint64, steps->len - 1) != call->time))
        g_array_append_val (steps, call->time);
      if (call->end)
        break;
      current = call->what;
      since = call->time;
    }

  return steps;
}

/* Model */

static void
test_task_basics (void)
{
  g_autoptr(LsTrace) trace = ls_trace_new ();
  LsTraceTask t;
  LsTraceSpan span;
  gint main_task, child;

  main_task = ls_trace_add_task (trace, 0, "main", -1, LS_TRACE_TASK_KIND_MAIN, 10);
  child = ls_trace_add_task (trace, 100, NULL, main_task, LS_TRACE_TASK_KIND_TASK, 12);
  g_assert_cmpint (main_task, ==, 0);
  g_assert_cmpint (child, ==, 1);
  g_assert_cmpuint (ls_trace_get_n_tasks (trace), ==, 2);
  g_assert_cmpstr (ls_trace_task_get_name (trace, child), ==, "Task-2");

  ls_trace_task_set_name (trace, child, "worker");
  g_assert_cmpstr (ls_trace_task_get_name (trace, child), ==, "worker");

  g_assert_true (ls_trace_get_task (trace, child, &t));
  g_assert_cmpint (t.id, ==, child);
  g_assert_cmpint (t.parent, ==, main_task);
  g_assert_cmpint (t.kind, ==, LS_TRACE_TASK_KIND_TASK);
  g_assert_cmpint (t.created, ==, 100);
  g_assert_cmpint (t.ended, ==, LS_TRACE_TIME_NONE);
  g_assert_cmpint (t.end, ==, LS_TRACE_END_RUNNING);
  g_assert_cmpuint (t.line, ==, 12);

  /* A new task is READY, open. */
  g_assert_cmpuint (ls_trace_task_get_n_spans (trace, child), ==, 1);
  span = get_span (trace, child, 0);
  g_assert_cmpint (span.state, ==, LS_TRACE_STATE_READY);
  g_assert_cmpint (span.start, ==, 100);
  g_assert_cmpint (span.end, ==, LS_TRACE_TIME_NONE);

  ls_trace_task_set_state (trace, child, 150, LS_TRACE_STATE_RUNNING, -1, 13);
  ls_trace_task_set_state (trace, child, 200, LS_TRACE_STATE_AWAIT_TASK, main_task, 14);
  ls_trace_task_end (trace, child, 300, LS_TRACE_END_FAILED, "ValueError: boom");

  g_assert_cmpuint (ls_trace_task_get_n_spans (trace, child), ==, 3);
  span = get_span (trace, child, 2);
  g_assert_cmpint (span.state, ==, LS_TRACE_STATE_AWAIT_TASK);
  g_assert_cmpint (span.detail, ==, main_task);
  g_assert_cmpuint (span.line, ==, 14);
  g_assert_cmpint (span.start, ==, 200);
  g_assert_cmpint (span.end, ==, 300);

  g_assert_true (ls_trace_get_task (trace, child, &t));
  g_assert_cmpint (t.ended, ==, 300);
  g_assert_cmpint (t.end, ==, LS_TRACE_END_FAILED);
  g_assert_cmpstr (t.exception, ==, "ValueError: boom");
  g_assert_cmpint (ls_trace_get_now (trace), ==, 300);

  /* Out of range reads fail politely. */
  g_assert_false (ls_trace_get_task (trace, 2, &t));
  g_assert_false (ls_trace_get_task (trace, -1, &t));
  g_assert_false (ls_trace_task_get_span (trace, child, 3, &span));
  g_assert_null (ls_trace_task_get_name (trace, 7));
  assert_task_invariants (trace, main_task);
  assert_task_invariants (trace, child);
}

static void
test_zero_length (void)
{
  g_autoptr(LsTrace) trace = ls_trace_new ();
  gint task = ls_trace_add_task (trace, 0, "t", -1, LS_TRACE_TASK_KIND_TASK, 1);
  LsTraceSpan span;
  guint line;

  /* Created, run and put to sleep in one instant: one SLEEPING span and a step. */
  ls_trace_task_set_state (trace, task, 0, LS_TRACE_STATE_RUNNING, -1, 2);
  ls_trace_task_set_state (trace, task, 0, LS_TRACE_STATE_SLEEPING, -1, 3);
  g_assert_cmpuint (ls_trace_task_get_n_spans (trace, task), ==, 1);
  span = get_span (trace, task, 0);
  g_assert_cmpint (span.state, ==, LS_TRACE_STATE_SLEEPING);
  g_assert_cmpint (span.start, ==, 0);
  g_assert_cmpuint (ls_trace_task_get_n_steps (trace, task), ==, 1);
  g_assert_true (ls_trace_task_get_step (trace, task, 0, NULL, &line));
  g_assert_cmpuint (line, ==, 2);

  /* Woken, run, asleep again at 1000: two sleeps, a step between them. */
  ls_trace_task_set_state (trace, task, 1000, LS_TRACE_STATE_READY, -1, 3);
  ls_trace_task_set_state (trace, task, 1000, LS_TRACE_STATE_RUNNING, -1, 3);
  ls_trace_task_set_state (trace, task, 1000, LS_TRACE_STATE_SLEEPING, -1, 3);
  g_assert_cmpuint (ls_trace_task_get_n_spans (trace, task), ==, 2);
  g_assert_cmpint (get_span (trace, task, 0).end, ==, 1000);
  g_assert_cmpint (get_span (trace, task, 1).start, ==, 1000);
  g_assert_cmpuint (ls_trace_task_get_n_steps (trace, task), ==, 2);
  g_assert_cmpint (get_step_time (trace, task, 1), ==, 1000);

  /* A state that comes back in the same instant without running continues. */
  ls_trace_task_set_state (trace, task, 2000, LS_TRACE_STATE_READY, -1, 3);
  ls_trace_task_set_state (trace, task, 2000, LS_TRACE_STATE_SLEEPING, -1, 3);
  g_assert_cmpuint (ls_trace_task_get_n_spans (trace, task), ==, 2);
  g_assert_cmpuint (ls_trace_task_get_n_steps (trace, task), ==, 2);

  /* Setting the current state again changes nothing. */
  ls_trace_task_set_state (trace, task, 2500, LS_TRACE_STATE_SLEEPING, -1, 3);
  g_assert_cmpuint (ls_trace_task_get_n_spans (trace, task), ==, 2);

  /* Many yields in one instant are one step. */
  for (int i = 0; i < 100; i++)
    {
      ls_trace_task_set_state (trace, task, 3000, LS_TRACE_STATE_RUNNING, -1, 4);
      ls_trace_task_set_state (trace, task, 3000, LS_TRACE_STATE_READY, -1, 4);
    }
  g_assert_cmpuint (ls_trace_task_get_n_steps (trace, task), ==, 3);
  g_assert_cmpint (get_step_time (trace, task, 2), ==, 3000);
  g_assert_cmpint (get_span (trace, task, ls_trace_task_get_n_spans (trace, task) - 1).state,
                   ==, LS_TRACE_STATE_READY);

  /* A time in the past is taken as the open span's start. */
  ls_trace_task_set_state (trace, task, 10, LS_TRACE_STATE_RUNNING, -1, 5);
  span = get_span (trace, task, ls_trace_task_get_n_spans (trace, task) - 1);
  g_assert_cmpint (span.state, ==, LS_TRACE_STATE_RUNNING);
  g_assert_cmpint (span.start, ==, 3000);

  /* Ending in the instant the open span began drops it (a RUNNING one is a step). */
  ls_trace_task_set_state (trace, task, 4000, LS_TRACE_STATE_READY, -1, 5);
  ls_trace_task_set_state (trace, task, 4000, LS_TRACE_STATE_RUNNING, -1, 5);
  ls_trace_task_set_state (trace, task, LS_TRACE_TIME_MAX, LS_TRACE_STATE_DONE, -1, 5);
  assert_task_invariants (trace, task);
  ls_trace_task_get_span (trace, task, ls_trace_task_get_n_spans (trace, task) - 1, &span);
  g_assert_cmpint (span.end, ==, LS_TRACE_TIME_MAX);
}

static void
test_instant_task (void)
{
  g_autoptr(LsTrace) trace = ls_trace_new ();
  gint task = ls_trace_add_task (trace, 500, "quick", -1, LS_TRACE_TASK_KIND_TASK, 1);
  LsTraceTask t;

  /* Created, run and finished without virtual time passing: no spans, a step. */
  ls_trace_task_set_state (trace, task, 500, LS_TRACE_STATE_RUNNING, -1, 2);
  ls_trace_task_end (trace, task, 500, LS_TRACE_END_DONE, NULL);
  g_assert_true (ls_trace_get_task (trace, task, &t));
  g_assert_cmpuint (t.n_spans, ==, 0);
  g_assert_cmpuint (t.n_steps, ==, 1);
  g_assert_cmpint (t.ended, ==, 500);
  g_assert_false (ls_trace_task_spans_in_range (trace, task, 0, 1000, NULL, NULL));
  g_assert_false (ls_trace_task_span_at (trace, task, 500, NULL));
}

static void
check_random_task (LsTrace      *trace,
                   gint          task,
                   const GArray *calls,
                   gint64        created)
{
  g_autoptr(GArray) steps = expected_steps (calls, created, 1);
  LsTraceTask t;

  assert_task_invariants (trace, task);
  g_assert_true (ls_trace_get_task (trace, task, &t));

  /* The steps are exactly the instantaneous RUNNING spans. */
  g_assert_cmpuint (t.n_steps, ==, steps->len);
  for (guint i = 0; i < steps->len; i++)
    g_assert_cmpint (get_step_time (trace, task, i), ==, g_array_index (steps, gint64, i));

  /* Around every call, the span found is what the calls say. */
  for (guint c = 0; c <= calls->len; c++)
    {
      gint64 at = c < calls->len ? g_array_index (calls, Call, c).time : created;

      for (gint64 time = at - 1; time <= at + 1; time++)
        {
          Effective want;
          guint index;
          gboolean have = effective_at (calls, created, 1, time, &want);

          g_assert_cmpint (have, ==, ls_trace_task_span_at (trace, task, time, &index));
          if (have)
            {
              LsTraceSpan span = get_span (trace, task, index);

              g_assert_cmpint (span.state, ==, want.state);
              g_assert_cmpint (span.detail, ==, want.detail);
              g_assert_cmpuint (span.line, ==, want.line);
            }
        }
    }
}

static void
test_contiguity_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240611);

  for (int round = 0; round < 200; round++)
    {
      g_autoptr(LsTrace) trace = ls_trace_new ();
      gint64 clock = g_rand_int_range (rand, 0, 100);
      gint blocker = ls_trace_add_task (trace, 0, "blocker", -1, LS_TRACE_TASK_KIND_MAIN, 1);
      gint sem = ls_trace_add_object (trace, 0, LS_TRACE_OBJECT_SEMAPHORE, "sem", 2);
      gint64 created = clock;
      gint task = ls_trace_add_task (trace, created, "t", blocker, LS_TRACE_TASK_KIND_TASK, 1);
      g_autoptr(GArray) calls = NULL;

      g_assert_cmpint (blocker, ==, 0);
      g_assert_cmpint (sem, ==, 0);
      calls = record_random_task (trace, task, rand, &clock,
                                  g_rand_int_range (rand, 0, 60), g_rand_boolean (rand));
      check_random_task (trace, task, calls, created);
    }
}

/* Brute force: spans meeting [t0, t1] by the documented rule. */
static gboolean
brute_spans_in_range (LsTrace *trace,
                      gint     task,
                      gint64   t0,
                      gint64   t1,
                      guint   *first,
                      guint   *last)
{
  guint n = ls_trace_task_get_n_spans (trace, task);
  gboolean found = FALSE;

  if (t1 < t0)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      LsTraceSpan span = get_span (trace, task, i);

      if (span.start <= t1 && (span.end == LS_TRACE_TIME_NONE || span.end > t0))
        {
          if (!found)
            *first = i;
          *last = i;
          found = TRUE;
        }
    }

  return found;
}

static void
test_range_queries (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(LsTrace) trace = ls_trace_new ();
  gint64 clock = 0;
  gint sem = ls_trace_add_object (trace, 0, LS_TRACE_OBJECT_SEMAPHORE, "sem", 3);
  gint series = ls_trace_add_series (trace, sem, "free");
  gint n_tasks = 40;

  for (gint i = 0; i < n_tasks; i++)
    {
      gint task;

      clock += g_rand_int_range (rand, 0, 500);
      task = ls_trace_add_task (trace, clock, NULL, -1, LS_TRACE_TASK_KIND_TASK, 1);
      g_array_unref (record_random_task (trace, task, rand, &clock,
                                         g_rand_int_range (rand, 0, 200), i % 3 == 0));
      ls_trace_series_sample (trace, series, clock, g_rand_int_range (rand, 0, 4));
      ls_trace_add_console (trace, clock, task, LS_TRACE_STREAM_STDOUT, "line\n");
      ls_trace_add_instant (trace, clock, task, LS_TRACE_INSTANT_CUSTOM, NULL);
    }

  for (int q = 0; q < 20000; q++)
    {
      gint task = g_rand_int_range (rand, 0, n_tasks);
      gint64 t0 = g_rand_int_range (rand, -10, (gint32) clock + 10);
      gint64 t1 = g_rand_boolean (rand) ? t0 : g_rand_int_range (rand, -10, (gint32) clock + 10);
      guint first = G_MAXUINT, last = G_MAXUINT, bfirst = G_MAXUINT, blast = G_MAXUINT;
      gboolean got = ls_trace_task_spans_in_range (trace, task, t0, t1, &first, &last);
      gboolean want = brute_spans_in_range (trace, task, t0, t1, &bfirst, &blast);

      g_assert_cmpint (got, ==, want);
      if (got)
        {
          g_assert_cmpuint (first, ==, bfirst);
          g_assert_cmpuint (last, ==, blast);
        }
    }

  /* Steps, console lines, instants: points with t0 <= time <= t1. */
  for (int q = 0; q < 5000; q++)
    {
      gint task = g_rand_int_range (rand, 0, n_tasks);
      gint64 t0 = g_rand_int_range (rand, -10, (gint32) clock + 10);
      gint64 t1 = t0 + g_rand_int_range (rand, -5, 3000);
      guint first = 0, last = 0, n = ls_trace_task_get_n_steps (trace, task);
      gint bfirst = -1, blast = -1;

      for (guint i = 0; i < n; i++)
        {
          gint64 time = get_step_time (trace, task, i);

          if (time >= t0 && time <= t1)
            {
              if (bfirst < 0)
                bfirst = (gint) i;
              blast = (gint) i;
            }
        }
      g_assert_cmpint (ls_trace_task_steps_in_range (trace, task, t0, t1, &first, &last),
                       ==, bfirst >= 0);
      if (bfirst >= 0)
        {
          g_assert_cmpint ((gint) first, ==, bfirst);
          g_assert_cmpint ((gint) last, ==, blast);
        }

      bfirst = blast = -1;
      for (guint i = 0; i < ls_trace_get_n_console (trace); i++)
        {
          LsTraceConsoleLine line;

          ls_trace_get_console (trace, i, &line);
          if (line.time >= t0 && line.time <= t1)
            {
              if (bfirst < 0)
                bfirst = (gint) i;
              blast = (gint) i;
            }
        }
      g_assert_cmpint (ls_trace_console_in_range (trace, t0, t1, &first, &last), ==, bfirst >= 0);
      if (bfirst >= 0)
        {
          g_assert_cmpint ((gint) first, ==, bfirst);
          g_assert_cmpint ((gint) last, ==, blast);
        }
      g_assert_cmpint (ls_trace_instants_in_range (trace, t0, t1, &first, &last), ==, bfirst >= 0);
    }

  /* Samples: the one in effect at t0, through the last at or before t1. */
  for (int q = 0; q < 5000; q++)
    {
      LsTraceSeries s;
      gint64 t0 = g_rand_int_range (rand, -10, (gint32) clock + 10);
      gint64 t1 = t0 + g_rand_int_range (rand, 0, 3000);
      guint first = 0, last = 0;
      gint bfirst = -1, blast = -1;

      ls_trace_get_series (trace, series, &s);
      for (guint i = 0; i < s.n_samples; i++)
        {
          gint64 time;

          ls_trace_series_get_sample (trace, series, i, &time, NULL);
          if (time <= t0)
            bfirst = (gint) i;
          if (time <= t1)
            blast = (gint) i;
        }
      if (bfirst < 0 && blast >= 0)
        bfirst = 0;
      g_assert_cmpint (ls_trace_series_samples_in_range (trace, series, t0, t1, &first, &last),
                       ==, blast >= 0);
      if (blast >= 0)
        {
          g_assert_cmpint ((gint) first, ==, bfirst);
          g_assert_cmpint ((gint) last, ==, blast);
        }
    }
}

static void
assert_samples (LsTrace      *trace,
                gint          series,
                const gint64 *times,
                const double *values,
                guint         n)
{
  LsTraceSeries s;

  g_assert_true (ls_trace_get_series (trace, series, &s));
  g_assert_cmpuint (s.n_samples, ==, n);
  for (guint i = 0; i < n; i++)
    {
      gint64 time;
      double value;

      g_assert_true (ls_trace_series_get_sample (trace, series, i, &time, &value));
      g_assert_cmpint (time, ==, times[i]);
      g_assert_cmpfloat (value, ==, values[i]);
    }
}

static void
test_counters (void)
{
  g_autoptr(LsTrace) trace = ls_trace_new ();
  gint q = ls_trace_add_object (trace, 0, LS_TRACE_OBJECT_QUEUE, "q", 5);
  gint sem = ls_trace_add_object (trace, 0, LS_TRACE_OBJECT_SEMAPHORE, NULL, 2);
  gint size = ls_trace_add_series (trace, q, "size");
  gint waiters = ls_trace_add_series (trace, q, "waiters");
  gint ids[4];
  LsTraceObject o;

  /* Series are per object and name, created once. */
  g_assert_cmpint (ls_trace_add_series (trace, q, "size"), ==, size);
  g_assert_cmpint (ls_trace_add_series (trace, sem, "size"), !=, size);
  g_assert_cmpuint (ls_trace_object_get_series (trace, q, ids, G_N_ELEMENTS (ids)), ==, 2);
  g_assert_cmpint (ids[0], ==, size);
  g_assert_cmpint (ids[1], ==, waiters);
  g_assert_true (ls_trace_get_object (trace, q, &o));
  g_assert_cmpuint (o.n_series, ==, 2);
  g_assert_cmpint (o.capacity, ==, 5);

  ls_trace_series_sample (trace, size, 0, 0);
  ls_trace_series_sample (trace, size, 10, 1);
  ls_trace_series_sample (trace, size, 10, 2);   /* same time: replaces */
  ls_trace_series_sample (trace, size, 20, 2);   /* unchanged: nothing */
  ls_trace_series_sample (trace, size, 30, 3);
  ls_trace_series_sample (trace, size, 30, 2);   /* back to the value before: dropped */
  ls_trace_series_sample (trace, size, 5, 4);    /* in the past: at the last time, 20 */
  {
    const gint64 times[] = { 0, 10, 30 };
    const double values[] = { 0, 2, 4 };

    assert_samples (trace, size, times, values, G_N_ELEMENTS (times));
  }

  /* By name, through the object. */
  ls_trace_object_sample (trace, sem, "free", 0, 2);
  ls_trace_object_sample (trace, sem, "free", 7, 1.5);
  {
    const gint64 times[] = { 0, 7 };
    const double values[] = { 2, 1.5 };

    assert_samples (trace, ls_trace_add_series (trace, sem, "free"), times, values, 2);
  }

  /* A first sample at a time is kept even if it replaces nothing. */
  ls_trace_series_sample (trace, waiters, 3, 0);
  ls_trace_series_sample (trace, waiters, 3, 1);
  {
    const gint64 times[] = { 3 };
    const double values[] = { 1 };

    assert_samples (trace, waiters, times, values, 1);
  }
}

static void
test_objects_and_tables (void)
{
  g_autoptr(LsTrace) trace = ls_trace_new ();
  gint task = ls_trace_add_task (trace, 0, "main", -1, LS_TRACE_TASK_KIND_MAIN, 1);
  gint lock = ls_trace_add_object (trace, 3, LS_TRACE_OBJECT_LOCK, "lock", 0);
  LsTraceObject o;
  LsTraceFlow flow;
  LsTraceConsoleLine line;
  LsTraceInstant instant;

  ls_trace_object_set_label (trace, lock, "mutex");
  g_assert_true (ls_trace_get_object (trace, lock, &o));
  g_assert_cmpstr (o.label, ==, "mutex");
  g_assert_cmpint (o.kind, ==, LS_TRACE_OBJECT_LOCK);
  g_assert_cmpint (o.created, ==, 3);
  g_assert_false (ls_trace_get_object (trace, 1, &o));

  ls_trace_add_flow (trace, LS_TRACE_FLOW_WAKE, task, LS_TRACE_NO_ID, 50, 40, lock);
  g_assert_cmpuint (ls_trace_get_n_flows (trace), ==, 1);
  g_assert_true (ls_trace_get_flow (trace, 0, &flow));
  g_assert_cmpint (flow.kind, ==, LS_TRACE_FLOW_WAKE);
  g_assert_cmpint (flow.from_task, ==, task);
  g_assert_cmpint (flow.to_task, ==, LS_TRACE_NO_ID);
  g_assert_cmpint (flow.time_from, ==, 50);
  g_assert_cmpint (flow.time_to, ==, 50);   /* never before its start */
  g_assert_cmpint (flow.object, ==, lock);

  /* Console lines: newline dropped, strings interned, invalid UTF-8 repaired,
   * times kept in order. */
  ls_trace_add_console (trace, 100, task, LS_TRACE_STREAM_STDOUT, "hello\n");
  ls_trace_add_console (trace, 90, LS_TRACE_NO_ID, LS_TRACE_STREAM_STDERR, "bad \xff byte");
  ls_trace_add_console (trace, 120, task, LS_TRACE_STREAM_STDOUT, "hello");
  g_assert_cmpuint (ls_trace_get_n_console (trace), ==, 3);
  g_assert_true (ls_trace_get_console (trace, 0, &line));
  g_assert_cmpstr (line.text, ==, "hello");
  {
    LsTraceConsoleLine again;

    g_assert_true (ls_trace_get_console (trace, 2, &again));
    g_assert_true (again.text == line.text);
  }
  g_assert_true (ls_trace_get_console (trace, 1, &line));
  g_assert_cmpint (line.time, ==, 100);
  g_assert_cmpint (line.task, ==, LS_TRACE_NO_ID);
  g_assert_cmpint (line.stream, ==, LS_TRACE_STREAM_STDERR);
  g_assert_true (g_utf8_validate (line.text, -1, NULL));

  ls_trace_add_instant (trace, 130, task, LS_TRACE_INSTANT_CANCEL, "CancelledError()");
  g_assert_true (ls_trace_get_instant (trace, 0, &instant));
  g_assert_cmpint (instant.kind, ==, LS_TRACE_INSTANT_CANCEL);
  g_assert_cmpstr (instant.text, ==, "CancelledError()");
  g_assert_false (ls_trace_get_instant (trace, 1, &instant));

  ls_trace_set_source (trace, "prog.py", "import asyncio\n");
  g_assert_cmpstr (ls_trace_get_filename (trace), ==, "prog.py");
  g_assert_cmpstr (ls_trace_get_source (trace), ==, "import asyncio\n");
}

static void
on_changed (LsTrace *trace,
            guint   *count)
{
  (*count)++;
}

static void
on_notify (LsTrace    *trace,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_notify (void)
{
  g_autoptr(LsTrace) trace = ls_trace_new ();
  guint changed = 0, now_notified = 0;
  guint64 generation;
  gint task;

  g_signal_connect (trace, "changed", G_CALLBACK (on_changed), &changed);
  g_signal_connect (trace, "notify::now", G_CALLBACK (on_notify), &now_notified);

  /* Recording never emits. */
  task = ls_trace_add_task (trace, 0, "t", -1, LS_TRACE_TASK_KIND_TASK, 1);
  for (int i = 1; i <= 1000; i++)
    ls_trace_task_set_state (trace, task, i * 10,
                             i % 2 ? LS_TRACE_STATE_RUNNING : LS_TRACE_STATE_READY, -1, 1);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpuint (ls_trace_get_n_events (trace), ==, 1001);

  ls_trace_flush_notify (trace);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (now_notified, ==, 1);
  ls_trace_flush_notify (trace);
  g_assert_cmpuint (changed, ==, 1);

  /* Only "now" moving is a change too, but not backwards. */
  generation = ls_trace_get_generation (trace);
  ls_trace_set_now (trace, 5);
  g_assert_cmpuint (ls_trace_get_generation (trace), ==, generation);
  ls_trace_set_now (trace, 50000);
  g_assert_cmpint (ls_trace_get_now (trace), ==, 50000);
  ls_trace_flush_notify (trace);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpuint (now_notified, ==, 2);

  /* A rename changes the trace but not "now". */
  ls_trace_task_set_name (trace, task, "renamed");
  ls_trace_flush_notify (trace);
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpuint (now_notified, ==, 2);
}

static void
test_stats (void)
{
  g_autoptr(LsTrace) trace = ls_trace_new ();
  gint a = ls_trace_add_task (trace, 0, "a", -1, LS_TRACE_TASK_KIND_TASK, 1);
  gint b = ls_trace_add_task (trace, 0, "b", -1, LS_TRACE_TASK_KIND_TASK, 1);
  LsTraceStats stats;

  ls_trace_task_set_state (trace, a, 100, LS_TRACE_STATE_RUNNING, -1, 1);
  ls_trace_task_set_state (trace, a, 300, LS_TRACE_STATE_SLEEPING, -1, 1);
  ls_trace_task_end (trace, a, 1000, LS_TRACE_END_DONE, NULL);
  ls_trace_task_set_state (trace, b, 400, LS_TRACE_STATE_SLEEPING, -1, 1);
  ls_trace_set_now (trace, 2000);

  ls_trace_get_stats (trace, &stats);
  g_assert_cmpuint (stats.n_tasks, ==, 2);
  g_assert_cmpuint (stats.n_spans, ==, 5);
  g_assert_cmpint (stats.now, ==, 2000);
  g_assert_cmpint (stats.state_time[LS_TRACE_STATE_READY], ==, 100 + 400);
  g_assert_cmpint (stats.state_time[LS_TRACE_STATE_RUNNING], ==, 200);
  /* b's sleep is open and counts up to now. */
  g_assert_cmpint (stats.state_time[LS_TRACE_STATE_SLEEPING], ==, 700 + 1600);
  g_assert_cmpuint (stats.bytes, >, 0);
}

static void
test_preconditions (void)
{
  g_autoptr(LsTrace) trace = ls_trace_new ();
  gint task = ls_trace_add_task (trace, 0, "t", -1, LS_TRACE_TASK_KIND_TASK, 1);

  /* Programming errors in the recorder are reported, not recorded. */
  g_test_expect_message ("Loopscope-Trace", G_LOG_LEVEL_CRITICAL, "*valid_task*");
  ls_trace_task_set_state (trace, 5, 0, LS_TRACE_STATE_RUNNING, -1, 1);
  g_test_assert_expected_messages ();

  g_test_expect_message ("Loopscope-Trace", G_LOG_LEVEL_CRITICAL, "*valid_object_or_none*");
  ls_trace_task_set_state (trace, task, 0, LS_TRACE_STATE_SEMAPHORE, 3, 1);
  g_test_assert_expected_messages ();

  g_test_expect_message ("Loopscope-Trace", G_LOG_LEVEL_CRITICAL, "*time >= 0*");
  ls_trace_task_set_state (trace, task, -5, LS_TRACE_STATE_RUNNING, -1, 1);
  g_test_assert_expected_messages ();

  ls_trace_task_end (trace, task, 10, LS_TRACE_END_CANCELLED, NULL);
  g_test_expect_message ("Loopscope-Trace", G_LOG_LEVEL_CRITICAL, "*ended*");
  ls_trace_task_set_state (trace, task, 20, LS_TRACE_STATE_RUNNING, -1, 1);
  g_test_assert_expected_messages ();

  g_test_expect_message ("Loopscope-Trace", G_LOG_LEVEL_CRITICAL, "*isfinite*");
  ls_trace_series_sample (trace,
                          ls_trace_add_series (trace,
                                               ls_trace_add_object (trace, 0,
                                                                    LS_TRACE_OBJECT_QUEUE,
                                                                    "q", 0),
                                               "size"),
                          0, NAN);
  g_test_assert_expected_messages ();

  g_assert_cmpuint (ls_trace_task_get_n_spans (trace, task), ==, 1);
}

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double) ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
test_million_events (void)
{
  g_autoptr(LsTrace) trace = ls_trace_new ();
  const guint n_tasks = 10000, n_events = 1000000;
  guint32 rng = 12345;
  gint64 clock = 0;
  LsTraceStats stats;
  double start, elapsed;

  for (guint i = 0; i < n_tasks; i++)
    ls_trace_add_task (trace, 0, NULL, -1, LS_TRACE_TASK_KIND_TASK, 1);

  start = cpu_seconds ();
  for (guint e = 0; e < n_events; e++)
    {
      rng = rng * 1664525u + 1013904223u;
      clock += (rng >> 30) == 0 ? 0 : 1 + (rng >> 24) % 64;
      ls_trace_task_set_state (trace, (gint) ((rng >> 8) % n_tasks), clock,
                               (LsTraceState) ((rng >> 4) % LS_TRACE_STATE_DONE), -1, 1 + e % 97);
    }
  elapsed = cpu_seconds () - start;

  ls_trace_get_stats (trace, &stats);
  g_test_message ("1M transitions over 10k tasks: %.0f ns/event (CPU), %.1f bytes/event, "
                  "%u spans, %u steps",
                  elapsed * 1e9 / n_events, (double) stats.bytes / n_events,
                  stats.n_spans, stats.n_steps);

  g_assert_cmpuint (stats.n_events, ==, n_tasks + n_events);
  g_assert_cmpuint (stats.n_spans + stats.n_steps, <=, n_tasks + n_events);
  /* Memory-bounded: a 16-byte record per span plus growth slack. */
  g_assert_cmpfloat ((double) stats.bytes / n_events, <, 48.0);

  for (guint i = 0; i < n_tasks; i += 997)
    assert_task_invariants (trace, (gint) i);
}

/* Numbered tasks get their "Task-N" name when it is first read. */
static void
test_numbered_tasks (void)
{
  g_autoptr (LsTrace) trace = ls_trace_new ();
  LsTraceTask info;
  gint a = ls_trace_add_numbered_task (trace, 0, 7, -1, LS_TRACE_TASK_KIND_TASK, 3);
  gint b = ls_trace_add_numbered_task (trace, 5, G_GUINT64_CONSTANT (5000000000), a,
                                       LS_TRACE_TASK_KIND_TASK, 4);
  gint c = ls_trace_add_numbered_task (trace, 6, 8, a, LS_TRACE_TASK_KIND_TASK, 5);

  ls_trace_task_set_name (trace, c, "renamed");
  g_assert_true (ls_trace_get_task (trace, a, &info));
  g_assert_cmpstr (info.name, ==, "Task-7");
  g_assert_cmpint (info.parent, ==, -1);
  g_assert_cmpuint (info.line, ==, 3);
  g_assert_cmpstr (ls_trace_task_get_name (trace, a), ==, "Task-7");
  g_assert_cmpstr (ls_trace_task_get_name (trace, b), ==, "Task-5000000000");
  g_assert_cmpstr (ls_trace_task_get_name (trace, c), ==, "renamed");
  g_assert_cmpuint (ls_trace_task_get_n_spans (trace, b), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trace/model/task-basics", test_task_basics);
  g_test_add_func ("/trace/model/zero-length", test_zero_length);
  g_test_add_func ("/trace/model/instant-task", test_instant_task);
  g_test_add_func ("/trace/model/contiguity-random", test_contiguity_random);
  g_test_add_func ("/trace/model/range-queries", test_range_queries);
  g_test_add_func ("/trace/model/counters", test_counters);
  g_test_add_func ("/trace/model/objects-and-tables", test_objects_and_tables);
  g_test_add_func ("/trace/model/notify", test_notify);
  g_test_add_func ("/trace/model/stats", test_stats);
  g_test_add_func ("/trace/model/preconditions", test_preconditions);
  g_test_add_func ("/trace/model/million-events", test_million_events);
  g_test_add_func ("/trace/model/numbered-tasks", test_numbered_tasks);

  return g_test_run ();
}
