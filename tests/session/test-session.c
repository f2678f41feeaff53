/* test-session.c: LsSession on a GLib main loop: signals, clock modes, pause,
 * step, stop (even in the middle of a step that never yields), blocking.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test runs the session on a main context of its own, often next to a
 * 60 Hz timer standing in for a GUI's frame clock: the session must never
 * starve it. Bounds on the timer are counted in ticks and generous; the only
 * wall-clock assertions are invariants (paced time never runs ahead of
 * speed × wall time), never speed goals.
 */
#include "config.h"

#include <libglib-testing/signal-logger.h>
#include <string.h>

#include "ls-params.h"
#include "ls-session.h"

#define TICK_USEC 16667

typedef struct
{
  GMainContext *context;
  LsSession    *session;
  GString      *out;
  GString      *err;
  char         *error_text;
  gboolean      finished;
  int           status;

  /* the stand-in frame clock */
  GSource      *tick;
  guint         ticks;
  gint64        last_tick;
  gint64        max_tick_gap;

  /* stop the run from the output handler after this many writes (0: never) */
  guint         stop_after_writes;
  guint         writes;
} Fixture;

static void
on_output (LsSession  *session,
           int         stream,
           const char *text,
           guint       len,
           Fixture    *f)
{
  g_assert_cmpuint (strlen (text), ==, len);
  g_string_append_len (stream == LS_TRACE_STREAM_STDERR ? f->err : f->out, text, len);
  if (f->stop_after_writes > 0 && ++f->writes == f->stop_after_writes)
    ls_session_stop (session);
}

static void
on_error (LsSession  *session,
          const char *text,
          Fixture    *f)
{
  g_assert_null (f->error_text);
  f->error_text = g_strdup (text);
}

static void
on_finished (LsSession *session,
             int        status,
             Fixture   *f)
{
  g_assert_false (f->finished);
  f->finished = TRUE;
  f->status = status;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->context = g_main_context_new ();
  g_main_context_push_thread_default (f->context);
  f->session = ls_session_new ();
  f->out = g_string_new (NULL);
  f->err = g_string_new (NULL);
  g_signal_connect (f->session, "output", G_CALLBACK (on_output), f);
  g_signal_connect (f->session, "error", G_CALLBACK (on_error), f);
  g_signal_connect (f->session, "finished", G_CALLBACK (on_finished), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->tick != NULL)
    {
      g_source_destroy (f->tick);
      g_source_unref (f->tick);
    }
  g_clear_object (&f->session);
  while (g_main_context_iteration (f->context, FALSE))
    ;
  g_main_context_pop_thread_default (f->context);
  g_main_context_unref (f->context);
  g_string_free (f->out, TRUE);
  g_string_free (f->err, TRUE);
  g_free (f->error_text);
}

static gboolean
on_tick (gpointer user_data)
{
  Fixture *f = user_data;
  gint64 now = g_get_monotonic_time ();

  if (f->ticks > 0)
    f->max_tick_gap = MAX (f->max_tick_gap, now - f->last_tick);
  f->last_tick = now;
  f->ticks++;
  return G_SOURCE_CONTINUE;
}

static void
start_ticks (Fixture *f)
{
  f->tick = g_timeout_source_new (TICK_USEC / 1000);
  g_source_set_callback (f->tick, on_tick, f, NULL);
  g_source_attach (f->tick, f->context);
}

/* The longest the frame clock had to wait, in ticks. */
static double
max_gap_in_ticks (Fixture *f)
{
  return (double) f->max_tick_gap / TICK_USEC;
}

static void
load (Fixture    *f,
      const char *source)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (ls_session_load (f->session, "prog.py", source, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Iterates the main context until the run finishes (or @seconds pass);
 * returns how many iterations it took. */
static guint
run_until_finished (Fixture *f,
                    double   seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  guint n = 0;

  while (!f->finished && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (f->context, TRUE);
      n++;
    }
  g_assert_true (f->finished);
  return n;
}

/* Iterates for @seconds of wall time (a paced run, a blocked loop). */
static void
run_for (Fixture *f,
         double   seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (!f->finished && g_get_monotonic_time () < deadline)
    g_main_context_iteration (f->context, FALSE) || (g_usleep (500), TRUE);
}

static void
assert_all_tasks_ended (LsTrace *trace)
{
  for (guint id = 0; id < ls_trace_get_n_tasks (trace); id++)
    {
      LsTraceTask task;
      g_assert_true (ls_trace_get_task (trace, (gint) id, &task));
      g_assert_cmpint (task.ended, !=, LS_TRACE_TIME_NONE);
    }
}

static gint
find_task (LsTrace    *trace,
           const char *name)
{
  for (guint id = 0; id < ls_trace_get_n_tasks (trace); id++)
    if (g_strcmp0 (ls_trace_task_get_name (trace, (gint) id), name) == 0)
      return (gint) id;
  return LS_TRACE_NO_ID;
}

/* How long @task spent in @state, in trace time. */
static gint64
time_in_state (LsTrace      *trace,
               gint          task,
               LsTraceState  state)
{
  gint64 total = 0;

  for (guint i = 0; i < ls_trace_task_get_n_spans (trace, task); i++)
    {
      LsTraceSpan span;
      g_assert_true (ls_trace_task_get_span (trace, task, i, &span));
      if (span.state == state && span.end != LS_TRACE_TIME_NONE)
        total += span.end - span.start;
    }
  return total;
}

/* ------------------------------------------------------------ basics */

static const char gather_program[] =
  "import asyncio\n"
  "\n"
  "async def worker(name, delay):\n"
  "    print(f'{name} starts')\n"
  "    await asyncio.sleep(delay)\n"
  "    print(f'{name} done at {asyncio.get_running_loop().time():.1f}')\n"
  "    return name.upper()\n"
  "\n"
  "async def main():\n"
  "    results = await asyncio.gather(worker('a', 2), worker('b', 1), worker('c', 3))\n"
  "    print(results)\n"
  "\n"
  "asyncio.run(main())\n";

static const char gather_output[] =
  "a starts\n"
  "b starts\n"
  "c starts\n"
  "b done at 1.0\n"
  "a done at 2.0\n"
  "c done at 3.0\n"
  "['A', 'B', 'C']\n";

static void
test_instant_run (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GtSignalLogger) logger = gt_signal_logger_new ();
  LsTrace *trace = ls_session_get_trace (f->session);
  guint n_progress = 0, n_iterations;
  int status = -2;

  gt_signal_logger_connect (logger, f->session, "started");
  gt_signal_logger_connect (logger, f->session, "progress");
  gt_signal_logger_connect (logger, f->session, "finished");
  gt_signal_logger_connect (logger, f->session, "error");

  load (f, gather_program);
  g_assert_cmpint (ls_session_get_state (f->session), ==, LS_SESSION_STATE_IDLE);
  ls_session_start (f->session);
  g_assert_cmpint (ls_session_get_state (f->session), ==, LS_SESSION_STATE_RUNNING);
  n_iterations = run_until_finished (f, 60);

  g_assert_cmpstr (f->out->str, ==, gather_output);
  g_assert_cmpstr (f->err->str, ==, "");
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpint (ls_session_get_exit_status (f->session), ==, 0);
  g_assert_cmpint (ls_session_get_state (f->session), ==, LS_SESSION_STATE_FINISHED);
  g_assert_cmpfloat_with_epsilon (ls_session_get_virtual_time (f->session), 3.0, 1e-9);
  g_assert_false (ls_session_get_blocking (f->session));

  /* started → progress… → finished, nothing else */
  gt_signal_logger_assert_emission_pop (logger, f->session, "started", NULL);
  for (;;)
    {
      gpointer obj = NULL;
      g_autofree char *type_name = NULL, *signal_name = NULL;
      g_autoptr (GtSignalLoggerEmission) emission = NULL;

      g_assert_true (gt_signal_logger_pop_emission (logger, &obj, &type_name, &signal_name, &emission));
      g_assert_true (obj == (gpointer) f->session);
      if (g_str_equal (signal_name, "progress"))
        {
          n_progress++;
          continue;
        }
      g_assert_cmpstr (signal_name, ==, "finished");
      gt_signal_logger_emission_get_params (emission, &status);
      break;
    }
  g_assert_cmpuint (n_progress, >=, 1);
  g_assert_cmpuint (n_progress, <=, n_iterations);
  g_assert_cmpint (status, ==, 0);
  gt_signal_logger_assert_no_emissions (logger);

  /* main, the three workers (and gather's children are the workers) */
  g_assert_cmpuint (ls_trace_get_n_tasks (trace), >=, 4);
  g_assert_cmpuint (ls_trace_get_n_console (trace), ==, 7);
  g_assert_cmpstr (ls_trace_get_filename (trace), ==, "prog.py");
  assert_all_tasks_ended (trace);
  {
    LsTraceConsoleLine line;
    g_assert_true (ls_trace_get_console (trace, 3, &line));
    g_assert_cmpstr (line.text, ==, "b done at 1.0");
    g_assert_cmpint (line.time, ==, ls_trace_time_from_seconds (1.0));
    g_assert_cmpint (line.task, !=, LS_TRACE_NO_ID);
    g_assert_cmpint (line.stream, ==, LS_TRACE_STREAM_STDOUT);
  }
}

static void
test_no_trace (Fixture       *f,
               gconstpointer  data)
{
  LsTrace *trace = ls_session_get_trace (f->session);

  ls_session_set_record_trace (f->session, FALSE);
  load (f, gather_program);
  ls_session_start (f->session);
  run_until_finished (f, 60);
  g_assert_cmpstr (f->out->str, ==, gather_output);
  g_assert_nonnull (trace);
  g_assert_cmpuint (ls_trace_get_n_tasks (trace), ==, 0);
  g_assert_cmpuint (ls_trace_get_n_console (trace), ==, 0);
}

static void
test_params (Fixture       *f,
             gconstpointer  data)
{
  static const char source[] =
    "N = 3  # param 1..10\n"
    "LABEL = 'x'  # param\n"
    "print(LABEL * N)\n";
  const char *names[] = { "N", "LABEL", NULL };
  const char *values[] = { "5", "ab", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (LsSession) other = ls_session_new ();

  g_assert_true (ls_session_load (f->session, "p.py", source, names, values, &error));
  g_assert_no_error (error);
  ls_session_start (f->session);
  run_until_finished (f, 30);
  g_assert_cmpstr (f->out->str, ==, "ababababab\n");

  names[0] = "MISSING";
  g_assert_false (ls_session_load (other, "p.py", source, names, values, &error));
  g_assert_error (error, LS_PARAMS_ERROR, LS_PARAMS_ERROR_UNKNOWN_NAME);
  g_assert_cmpint (ls_session_get_state (other), ==, LS_SESSION_STATE_IDLE);
}

/* ------------------------------------------------------------ errors */

static void
test_syntax_error (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  LsTrace *trace = ls_session_get_trace (f->session);

  g_assert_false (ls_session_load (f->session, "bad.py", "print('hi')\nx = (\n", NULL, NULL, &error));
  g_assert_error (error, LS_SESSION_ERROR, LS_SESSION_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==,
                   "  File \"bad.py\", line 2\n"
                   "    x = (\n"
                   "        ^\n"
                   "SyntaxError: '(' was never closed\n");
  g_assert_cmpint (ls_session_get_state (f->session), ==, LS_SESSION_STATE_FAILED);
  g_assert_cmpint (ls_session_get_exit_status (f->session), ==, 1);
  g_assert_cmpuint (ls_trace_get_n_console (trace), ==, 4);
  g_assert_cmpstr (f->out->str, ==, "");
  g_assert_false (f->finished);
}

static void
test_runtime_error (Fixture       *f,
                    gconstpointer  data)
{
  static const char source[] =
    "import asyncio\n"
    "\n"
    "async def main():\n"
    "    print('about to fail')\n"
    "    await asyncio.sleep(0.5)\n"
    "    raise ValueError('boom')\n"
    "\n"
    "asyncio.run(main())\n";
  LsTrace *trace = ls_session_get_trace (f->session);
  LsTraceConsoleLine line;

  load (f, source);
  ls_session_start (f->session);
  run_until_finished (f, 30);
  g_assert_cmpstr (f->out->str, ==, "about to fail\n");
  g_assert_cmpint (f->status, ==, 1);
  g_assert_cmpint (ls_session_get_state (f->session), ==, LS_SESSION_STATE_FAILED);
  g_assert_nonnull (f->error_text);
  g_assert_true (g_str_has_prefix (f->error_text, "Traceback (most recent call last):\n"));
  g_assert_true (g_str_has_suffix (f->error_text, "ValueError: boom\n"));
  g_assert_nonnull (strstr (f->error_text, "  File \"prog.py\", line 6, in main\n"));

  /* the traceback is in the console too, on stderr, at the time it happened */
  g_assert_true (ls_trace_get_console (trace, ls_trace_get_n_console (trace) - 1, &line));
  g_assert_cmpstr (line.text, ==, "ValueError: boom");
  g_assert_cmpint (line.stream, ==, LS_TRACE_STREAM_STDERR);
  g_assert_cmpint (line.time, ==, ls_trace_time_from_seconds (0.5));
}

static void
test_system_exit (Fixture       *f,
                  gconstpointer  data)
{
  load (f, "import sys\nprint('bye')\nsys.exit(3)\n");
  ls_session_start (f->session);
  run_until_finished (f, 30);
  g_assert_cmpint (f->status, ==, 3);
  g_assert_cmpint (ls_session_get_state (f->session), ==, LS_SESSION_STATE_FINISHED);
  g_assert_null (f->error_text);
  g_assert_cmpstr (f->out->str, ==, "bye\n");
}

static void
test_system_exit_message (Fixture       *f,
                          gconstpointer  data)
{
  load (f, "import sys\nsys.exit('giving up')\n");
  ls_session_start (f->session);
  run_until_finished (f, 30);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_cmpstr (f->err->str, ==, "giving up\n");
  g_assert_null (f->error_text);
}

/* ------------------------------------------------- pause, resume, step */

static void
test_pause_resume (Fixture       *f,
                   gconstpointer  data)
{
  load (f, gather_program);
  ls_session_start (f->session);
  ls_session_pause (f->session);
  g_assert_cmpint (ls_session_get_state (f->session), ==, LS_SESSION_STATE_PAUSED);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (f->context, FALSE);
  g_assert_cmpstr (f->out->str, ==, "");
  g_assert_cmpfloat (ls_session_get_virtual_time (f->session), ==, 0.0);

  ls_session_resume (f->session);
  g_assert_cmpint (ls_session_get_state (f->session), ==, LS_SESSION_STATE_RUNNING);
  run_until_finished (f, 60);
  g_assert_cmpstr (f->out->str, ==, gather_output);
}

static const char paced_program[] =
  "import asyncio\n"
  "\n"
  "async def main():\n"
  "    loop = asyncio.get_running_loop()\n"
  "    for i in range(10):\n"
  "        await asyncio.sleep(0.1)\n"
  "        print(f'{loop.time():.1f}')\n"
  "\n"
  "asyncio.run(main())\n";

static const char paced_output[] =
  "0.1\n0.2\n0.3\n0.4\n0.5\n0.6\n0.7\n0.8\n0.9\n1.0\n";

/* A paused paced run stands still, however long the pause. */
static void
test_pause_paced (Fixture       *f,
                  gconstpointer  data)
{
  double frozen;
  gsize printed;

  ls_session_set_clock_mode (f->session, LS_SESSION_CLOCK_PACED);
  ls_session_set_speed (f->session, 5);
  load (f, paced_program);
  ls_session_start (f->session);
  while (f->out->len == 0)
    g_main_context_iteration (f->context, TRUE);
  ls_session_pause (f->session);
  frozen = ls_session_get_virtual_time (f->session);
  printed = f->out->len;
  run_for (f, 0.1);
  g_assert_cmpfloat (ls_session_get_virtual_time (f->session), ==, frozen);
  g_assert_cmpuint (f->out->len, ==, printed);

  ls_session_resume (f->session);
  run_until_finished (f, 60);
  g_assert_cmpstr (f->out->str, ==, paced_output);
}

static void
pause_on_output (LsSession  *session,
                 int         stream,
                 const char *text,
                 guint       len,
                 gpointer    user_data)
{
  ls_session_pause (session);
}

/* Pause from a handler while the VM runs: nothing more runs until resume. */
static void
test_pause_from_output (Fixture       *f,
                        gconstpointer  data)
{
  gulong id = g_signal_connect (f->session, "output", G_CALLBACK (pause_on_output), NULL);

  load (f, paced_program);
  ls_session_start (f->session);
  while (f->out->len == 0)
    g_main_context_iteration (f->context, TRUE);
  g_assert_cmpint (ls_session_get_state (f->session), ==, LS_SESSION_STATE_PAUSED);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (f->context, FALSE);
  g_assert_cmpstr (f->out->str, ==, "0.1\n");
  g_clear_signal_handler (&id, f->session);
  ls_session_resume (f->session);
  run_until_finished (f, 60);
  g_assert_cmpstr (f->out->str, ==, paced_output);
}

static const char step_program[] =
  "import asyncio\n"
  "\n"
  "async def worker(name):\n"
  "    for i in range(2):\n"
  "        print(name, i)\n"
  "        await asyncio.sleep(1)\n"
  "\n"
  "async def main():\n"
  "    print('main')\n"
  "    await asyncio.gather(worker('a'), worker('b'))\n"
  "    print('end')\n"
  "\n"
  "asyncio.run(main())\n"
  "print('after')\n";

/* Task steps in the trace: RUNNING spans plus the instants ("steps") of
 * steps that took no virtual time. */
static guint
count_task_steps (LsTrace *trace)
{
  guint n = 0;

  for (guint id = 0; id < ls_trace_get_n_tasks (trace); id++)
    {
      n += ls_trace_task_get_n_steps (trace, (gint) id);
      for (guint i = 0; i < ls_trace_task_get_n_spans (trace, (gint) id); i++)
        {
          LsTraceSpan span;
          ls_trace_task_get_span (trace, (gint) id, i, &span);
          n += span.state == LS_TRACE_STATE_RUNNING;
        }
    }
  return n;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (; *text != '\0'; text++)
    n += *text == '\n';
  return n;
}

static void
test_step (Fixture       *f,
           gconstpointer  data)
{
  LsTrace *trace = ls_session_get_trace (f->session);
  double last_time = 0;
  guint n_calls = 0;

  load (f, step_program);
  while (!f->finished)
    {
      guint steps_before = count_task_steps (trace);
      guint lines_before = count_lines (f->out->str);
      double t;

      ls_session_step (f->session);
      n_calls++;
      g_assert_cmpuint (n_calls, <, 200);
      /* a step is synchronous unless it outlives the budget: none does here */
      if (!f->finished)
        g_assert_cmpint (ls_session_get_state (f->session), ==, LS_SESSION_STATE_PAUSED);
      g_assert_cmpuint (count_task_steps (trace), <=, steps_before + 1);
      g_assert_cmpuint (count_lines (f->out->str), <=, lines_before + 1);
      t = ls_session_get_virtual_time (f->session);
      g_assert_cmpfloat (t, >=, last_time);
      last_time = t;
      if (g_str_has_suffix (f->out->str, "a 1\n"))
        g_assert_cmpfloat_with_epsilon (t, 1.0, 1e-9);
      /* between steps the main loop does nothing */
      for (int i = 0; i < 3; i++)
        g_main_context_iteration (f->context, FALSE);
    }
  g_assert_cmpstr (f->out->str, ==, "main\na 0\nb 0\na 1\nb 1\nend\nafter\n");
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpuint (n_calls, >=, 7);
  g_assert_cmpfloat_with_epsilon (last_time, 2.0, 1e-9);
}

/* Step pauses a running session first; resume goes on at full speed. */
static void
test_step_then_resume (Fixture       *f,
                       gconstpointer  data)
{
  load (f, gather_program);
  ls_session_start (f->session);
  ls_session_step (f->session);
  ls_session_step (f->session);
  ls_session_step (f->session);
  g_assert_cmpint (ls_session_get_state (f->session), ==, LS_SESSION_STATE_PAUSED);
  g_assert_cmpstr (f->out->str, !=, gather_output);
  ls_session_resume (f->session);
  run_until_finished (f, 60);
  g_assert_cmpstr (f->out->str, ==, gather_output);
}

/* -------------------------------------------------------------- stop */

static const char spin_program[] =
  "import asyncio\n"
  "\n"
  "async def spin():\n"
  "    while True:\n"
  "        pass\n"
  "\n"
  "async def main():\n"
  "    print('before')\n"
  "    task = asyncio.create_task(spin(), name='spinner')\n"
  "    await asyncio.sleep(0)\n"
  "    print('never')\n"
  "\n"
  "asyncio.run(main())\n";

static void
test_stop_while_true (Fixture       *f,
                      gconstpointer  data)
{
  LsTrace *trace = ls_session_get_trace (f->session);
  LsTraceTask task;
  gboolean saw_blocking = FALSE;
  gint spinner;

  start_ticks (f);
  load (f, spin_program);
  ls_session_start (f->session);
  while (f->ticks < 30)
    {
      g_main_context_iteration (f->context, TRUE);
      saw_blocking |= ls_session_get_blocking (f->session);
    }
  g_test_message ("30 ticks while a task spins: longest wait of the 60 Hz timer %.1f ticks",
                  max_gap_in_ticks (f));
  /* generous: a slice is a few ms, a tick is 16.7 ms */
  g_assert_cmpfloat (max_gap_in_ticks (f), <, 30);
  g_assert_true (saw_blocking);
  g_assert_true (ls_session_get_blocking (f->session));
  g_assert_cmpint (ls_session_get_state (f->session), ==, LS_SESSION_STATE_RUNNING);
  g_assert_false (f->finished);

  ls_session_stop (f->session);
  g_assert_true (f->finished);
  g_assert_cmpint (f->status, ==, LS_SESSION_EXIT_STOPPED);
  g_assert_cmpint (ls_session_get_state (f->session), ==, LS_SESSION_STATE_STOPPED);
  g_assert_false (ls_session_get_blocking (f->session));
  g_assert_cmpstr (f->out->str, ==, "before\n");

  /* the trace is finished: every task ended, the spinner marked stopped */
  assert_all_tasks_ended (trace);
  spinner = find_task (trace, "spinner");
  g_assert_cmpint (spinner, !=, LS_TRACE_NO_ID);
  g_assert_true (ls_trace_get_task (trace, spinner, &task));
  g_assert_cmpint (task.end, ==, LS_TRACE_END_CANCELLED);
  g_assert_cmpstr (task.exception, ==, "stopped");
  {
    gboolean marked = FALSE;
    for (guint i = 0; i < ls_trace_get_n_instants (trace); i++)
      {
        LsTraceInstant instant;
        ls_trace_get_instant (trace, i, &instant);
        marked |= instant.task == spinner && g_str_has_prefix (instant.text, "blocking");
      }
    g_assert_true (marked);
  }

  /* the main loop is still fine, and stopping again does nothing */
  ls_session_stop (f->session);
  for (int i = 0; i < 5; i++)
    g_main_context_iteration (f->context, FALSE);
}

/* Stop from a handler of a signal the VM emits mid-step: it waits for the VM. */
static void
test_stop_from_output (Fixture       *f,
                       gconstpointer  data)
{
  f->stop_after_writes = 100;
  load (f, "i = 0\nwhile True:\n    print(i)\n    i += 1\n");
  ls_session_start (f->session);
  run_until_finished (f, 60);
  g_assert_cmpint (f->status, ==, LS_SESSION_EXIT_STOPPED);
  g_assert_cmpint (ls_session_get_state (f->session), ==, LS_SESSION_STATE_STOPPED);
  g_assert_true (g_str_has_prefix (f->out->str, "0\n1\n2\n"));
}

static void
test_stop_before_start (Fixture       *f,
                        gconstpointer  data)
{
  load (f, gather_program);
  ls_session_stop (f->session);
  g_assert_cmpint (ls_session_get_state (f->session), ==, LS_SESSION_STATE_STOPPED);
  g_assert_false (f->finished);
  g_assert_cmpstr (f->out->str, ==, "");
}

static void
test_stop_paused_mid_step (Fixture       *f,
                           gconstpointer  data)
{
  load (f, spin_program);
  ls_session_start (f->session);
  while (!ls_session_get_blocking (f->session))
    g_main_context_iteration (f->context, TRUE);
  ls_session_pause (f->session);
  /* a step goes on with the blocked task step, one budget slice at a time */
  ls_session_step (f->session);
  run_for (f, 0.05);
  g_assert_cmpint (ls_session_get_state (f->session), ==, LS_SESSION_STATE_PAUSED);
  ls_session_stop (f->session);
  g_assert_cmpint (f->status, ==, LS_SESSION_EXIT_STOPPED);
  assert_all_tasks_ended (ls_session_get_trace (f->session));
}

/* -------------------------------------------------------- paced, real */

typedef struct
{
  Fixture *f;
  gint64   start;
  double   speed;
  guint    samples;
  double   worst;     /* max of virtual - speed × wall */
} PacedCheck;

static void
sample_paced (PacedCheck *check)
{
  double v = ls_session_get_virtual_time (check->f->session);
  /* the wall time is read after the virtual time: conservative */
  double wall = (double) (g_get_monotonic_time () - check->start) / G_USEC_PER_SEC;

  check->worst = MAX (check->worst, v - check->speed * wall);
  check->samples++;
}

static void
on_paced_progress (LsSession  *session,
                   PacedCheck *check)
{
  sample_paced (check);
}

static gboolean
on_paced_tick (gpointer user_data)
{
  sample_paced (user_data);
  return G_SOURCE_CONTINUE;
}

static void
test_paced_never_ahead (Fixture       *f,
                        gconstpointer  data)
{
  PacedCheck check = { f, 0, 4.0, 0, -G_MAXDOUBLE };
  g_autoptr (GSource) tick = g_timeout_source_new (5);
  double elapsed;

  g_source_set_callback (tick, on_paced_tick, &check, NULL);
  g_source_attach (tick, f->context);
  g_signal_connect (f->session, "progress", G_CALLBACK (on_paced_progress), &check);
  ls_session_set_clock_mode (f->session, LS_SESSION_CLOCK_PACED);
  ls_session_set_speed (f->session, check.speed);
  g_assert_cmpfloat (ls_session_get_speed (f->session), ==, 4.0);
  load (f, paced_program);
  check.start = g_get_monotonic_time ();
  ls_session_start (f->session);
  run_until_finished (f, 60);
  elapsed = (double) (g_get_monotonic_time () - check.start) / G_USEC_PER_SEC;
  g_source_destroy (tick);

  g_test_message ("paced x%.0f: %u samples, virtual - speed * wall at most %.6f s; "
                  "1.0 s of virtual time took %.3f s", check.speed, check.samples, check.worst, elapsed);
  g_assert_cmpuint (check.samples, >, 10);
  g_assert_cmpfloat (check.worst, <=, 1e-6);
  /* the same invariant at the end: 1.0 s of virtual time needs 0.25 s of wall time */
  g_assert_cmpfloat (1.0, <=, check.speed * elapsed + 1e-6);
  /* and the program saw exactly the times it sees in instant mode */
  g_assert_cmpstr (f->out->str, ==, paced_output);
}

static void
test_paced_speed_clamped (Fixture       *f,
                          gconstpointer  data)
{
  ls_session_set_speed (f->session, 1000);
  g_assert_cmpfloat (ls_session_get_speed (f->session), ==, LS_SESSION_MAX_SPEED);
  ls_session_set_speed (f->session, 0);
  g_assert_cmpfloat (ls_session_get_speed (f->session), ==, LS_SESSION_MIN_SPEED);
}

/* Switching clocks mid-run changes when things happen, never what. */
static void
test_switch_clock_mode (Fixture       *f,
                        gconstpointer  data)
{
  static const char source[] =
    "import asyncio\n"
    "\n"
    "async def main():\n"
    "    loop = asyncio.get_running_loop()\n"
    "    for i in range(4):\n"
    "        await asyncio.sleep(2.5)\n"
    "        print(f'{loop.time():.1f}')\n"
    "\n"
    "asyncio.run(main())\n";

  ls_session_set_clock_mode (f->session, LS_SESSION_CLOCK_PACED);
  load (f, source);
  ls_session_start (f->session);
  /* into the first paced wait (time flows during it) */
  while (ls_session_get_virtual_time (f->session) == 0)
    g_main_context_iteration (f->context, TRUE);
  g_assert_false (f->finished);
  g_assert_cmpfloat (ls_session_get_virtual_time (f->session), <, 2.5);
  ls_session_set_clock_mode (f->session, LS_SESSION_CLOCK_INSTANT);
  g_assert_cmpint (ls_session_get_clock_mode (f->session), ==, LS_SESSION_CLOCK_INSTANT);
  run_until_finished (f, 60);
  g_assert_cmpstr (f->out->str, ==, "2.5\n5.0\n7.5\n10.0\n");
}

static void
test_real (Fixture       *f,
           gconstpointer  data)
{
  static const char source[] =
    "import asyncio, time\n"
    "\n"
    "async def main():\n"
    "    start = time.monotonic()\n"
    "    for i in range(3):\n"
    "        await asyncio.sleep(0.05)\n"
    "    print(time.monotonic() - start >= 0.15)\n"
    "\n"
    "asyncio.run(main())\n";
  gint64 start = g_get_monotonic_time ();
  double elapsed;

  ls_session_set_clock_mode (f->session, LS_SESSION_CLOCK_REAL);
  load (f, source);
  ls_session_start (f->session);
  run_until_finished (f, 60);
  elapsed = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  g_assert_cmpstr (f->out->str, ==, "True\n");
  /* a real clock cannot get through 0.15 s of waits in less */
  g_assert_cmpfloat (elapsed, >=, 0.15);
  g_assert_cmpfloat (ls_session_get_virtual_time (f->session), >=, 0.15);
}

/* ---------------------------------------------------------- blocking */

static const char sleep_blocking_program[] =
  "import asyncio, time\n"
  "\n"
  "async def sleeper(i):\n"
  "    await asyncio.sleep(0.1 * i)\n"
  "    print(f'sleeper {i} woke at {asyncio.get_running_loop().time():.2f}')\n"
  "\n"
  "async def blocker():\n"
  "    await asyncio.sleep(0.05)\n"
  "    time.sleep(1)\n"
  "    print(f'blocker done at {asyncio.get_running_loop().time():.2f}')\n"
  "\n"
  "async def main():\n"
  "    tasks = [asyncio.create_task(sleeper(i), name=f'sleeper-{i}') for i in range(1, 4)]\n"
  "    tasks.append(asyncio.create_task(blocker(), name='blocker'))\n"
  "    await asyncio.gather(*tasks)\n"
  "\n"
  "asyncio.run(main())\n";

static const char sleep_blocking_output[] =
  "blocker done at 1.05\n"
  "sleeper 1 woke at 1.05\n"
  "sleeper 2 woke at 1.05\n"
  "sleeper 3 woke at 1.05\n";

/* time.sleep() in a task: the clock moves while the task runs, the loop is
 * blocked (BLOCKING), and the tasks due meanwhile are ready but late. */
static void
test_time_sleep_blocks (Fixture       *f,
                        gconstpointer  data)
{
  LsTrace *trace = ls_session_get_trace (f->session);
  gint blocker;

  load (f, sleep_blocking_program);
  ls_session_start (f->session);
  run_until_finished (f, 60);
  g_assert_cmpstr (f->out->str, ==, sleep_blocking_output);

  blocker = find_task (trace, "blocker");
  g_assert_cmpint (blocker, !=, LS_TRACE_NO_ID);
  g_assert_cmpint (time_in_state (trace, blocker, LS_TRACE_STATE_BLOCKING), ==,
                   ls_trace_time_from_seconds (1.0));
  {
    guint index;
    LsTraceSpan span;
    g_assert_true (ls_trace_task_span_at (trace, blocker, ls_trace_time_from_seconds (0.5), &index));
    ls_trace_task_get_span (trace, blocker, index, &span);
    g_assert_cmpint (span.state, ==, LS_TRACE_STATE_BLOCKING);
    g_assert_cmpint (span.start, ==, ls_trace_time_from_seconds (0.05));
    g_assert_cmpint (span.end, ==, ls_trace_time_from_seconds (1.05));
    g_assert_cmpuint (span.line, ==, 9);
  }

  for (int i = 1; i <= 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("sleeper-%d", i);
      gint sleeper = find_task (trace, name);
      gint64 due = ls_trace_time_from_seconds (0.1 * i);
      guint index;
      LsTraceSpan span;

      g_assert_cmpint (sleeper, !=, LS_TRACE_NO_ID);
      /* due at 0.1 × i, run at 1.05: ready but late in between */
      g_assert_true (ls_trace_task_span_at (trace, sleeper, due + 1000, &index));
      ls_trace_task_get_span (trace, sleeper, index, &span);
      if (span.state != LS_TRACE_STATE_READY_LATE)
        {
          g_test_message ("%s at %.2f s: %s, expected ready_late", name, 0.1 * i + 1e-6,
                          ls_trace_state_to_string (span.state));
          g_test_fail ();
          continue;
        }
      g_assert_cmpint (span.start, <=, due);
      g_assert_cmpint (span.end, ==, ls_trace_time_from_seconds (1.05));
    }
}

/* A step that never yields, paced: the loop is blocked while wall time
 * passes, and the trace shows it (BLOCKING, for as long as it lasted). */
static void
test_blocking_paced (Fixture       *f,
                     gconstpointer  data)
{
  LsTrace *trace = ls_session_get_trace (f->session);
  gint spinner;

  start_ticks (f);
  ls_session_set_clock_mode (f->session, LS_SESSION_CLOCK_PACED);
  ls_session_set_speed (f->session, 2);
  load (f, spin_program);
  ls_session_start (f->session);
  while (f->ticks < 12)
    g_main_context_iteration (f->context, TRUE);
  g_assert_true (ls_session_get_blocking (f->session));
  g_assert_cmpfloat (ls_session_get_virtual_time (f->session), >, 0);
  ls_session_stop (f->session);

  spinner = find_task (trace, "spinner");
  g_assert_cmpint (spinner, !=, LS_TRACE_NO_ID);
  g_assert_cmpint (time_in_state (trace, spinner, LS_TRACE_STATE_BLOCKING), >, 0);
  g_assert_cmpfloat (max_gap_in_ticks (f), <, 30);
}

/* ------------------------------------------------------ many tasks */

static const char million_program[] =
  "import asyncio\n"
  "\n"
  "async def worker(i):\n"
  "    await asyncio.sleep(i % 10)\n"
  "\n"
  "async def main():\n"
  "    tasks = [asyncio.create_task(worker(i)) for i in range(1_000_000)]\n"
  "    await asyncio.gather(*tasks)\n"
  "    print('done', len(tasks))\n"
  "\n"
  "asyncio.run(main())\n";

/* A million tasks never freeze a main loop that also runs a 60 Hz timer, and
 * stop ends the run at any point. With -m slow the run goes to the end. */
static void
test_million_tasks (Fixture       *f,
                    gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();
  double seconds = g_test_slow () ? 3600 : 3;

  start_ticks (f);
  ls_session_set_record_trace (f->session, g_test_slow ());
  load (f, million_program);
  ls_session_start (f->session);
  run_for (f, seconds);
  g_test_message ("%s after %.1f s: %u ticks of the 60 Hz timer, longest wait %.1f ticks",
                  f->finished ? "finished" : "stopped",
                  (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC,
                  f->ticks, max_gap_in_ticks (f));
  g_assert_cmpuint (f->ticks, >, 0);
  /* generous: the collector's pauses grow with the heap */
  g_assert_cmpfloat (max_gap_in_ticks (f), <, 120);
  if (!f->finished)
    {
      ls_session_stop (f->session);
      g_assert_true (f->finished);
      g_assert_cmpint (ls_session_get_state (f->session), ==, LS_SESSION_STATE_STOPPED);
    }
  else
    g_assert_cmpstr (f->out->str, ==, "done 1000000\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/session/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

  ADD ("instant/run", test_instant_run);
  ADD ("instant/no-trace", test_no_trace);
  ADD ("load/params", test_params);
  ADD ("errors/syntax", test_syntax_error);
  ADD ("errors/runtime", test_runtime_error);
  ADD ("errors/system-exit", test_system_exit);
  ADD ("errors/system-exit-message", test_system_exit_message);
  ADD ("pause/instant", test_pause_resume);
  ADD ("pause/paced", test_pause_paced);
  ADD ("pause/from-output", test_pause_from_output);
  ADD ("step/one-callback", test_step);
  ADD ("step/then-resume", test_step_then_resume);
  ADD ("stop/while-true", test_stop_while_true);
  ADD ("stop/from-output", test_stop_from_output);
  ADD ("stop/before-start", test_stop_before_start);
  ADD ("stop/paused-mid-step", test_stop_paused_mid_step);
  ADD ("paced/never-ahead", test_paced_never_ahead);
  ADD ("paced/speed-clamped", test_paced_speed_clamped);
  ADD ("clock/switch", test_switch_clock_mode);
  ADD ("real/waits", test_real);
  ADD ("blocking/time-sleep", test_time_sleep_blocks);
  ADD ("blocking/paced", test_blocking_paced);
  ADD ("stress/million-tasks", test_million_tasks);

#undef ADD
  return g_test_run ();
}
