/* ls-session.c: LsSession, one run of one program, driven from the GLib main
 * loop by a GSource of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The program is a chain of VM runs: the module body (ls_vm_run_main), which
 * may stop at a host call (asyncio.run() asks us to drive its loop) or when its
 * instruction budget runs out (resume it later), and, for a program with
 * top-level await, its main coroutine. Each dispatch of the source moves that
 * chain on for a few milliseconds (instant mode) or up to the next deadline
 * the clock allows (paced and real modes), then gives the main loop back.
 *
 * Nothing may tear the VM down while it runs: stop() and step() called from a
 * handler of a signal emitted during a run ("output") wait until it returns.
 */
#include "config.h"

#include "ls-session-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ls-params.h"

/* One dispatch in instant mode: a few ms, so a frame still has room to draw. */
#define SLICE_USEC           4000
/* How often a paced or real run that waits reports progress. */
#define FRAME_USEC           16667
/* Callbacks run between two looks at the wall clock: as many as take about
 * BUDGET_USEC (callbacks range from a microsecond to a whole budget). */
#define MIN_CALLBACKS        1
#define MAX_CALLBACKS        1024
/* VM instructions of one step between two looks at the wall clock. An
 * instruction may be a native call doing much work (create_task, sorted), so
 * the budget adapts to take about BUDGET_USEC of wall time. */
#define DEFAULT_BUDGET       20000
#define MIN_BUDGET           500
#define MAX_BUDGET           2000000
#define BUDGET_USEC          1000

typedef struct
{
  GSource    source;
  LsSession *session;
} SessionSource;

G_DEFINE_FINAL_TYPE (LsSession, ls_session, G_TYPE_OBJECT)
G_DEFINE_QUARK (ls-session-error-quark, ls_session_error)

enum
{
  PROP_0,
  PROP_STATE,
  PROP_CLOCK_MODE,
  PROP_SPEED,
  PROP_VIRTUAL_TIME,
  PROP_TRACE,
  PROP_BLOCKING,
  PROP_RECORD_TRACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  STARTED,
  PROGRESS,
  OUTPUT,
  FINISHED,
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The session whose VM runs on this thread right now, for the VM's hooks
 * (time.sleep() gets no pointer of ours in the virtual modes). */
static _Thread_local LsSession *driving;

/* ------------------------------------------------------ small helpers */

LsSession *
_ls_session_get_driving (void)
{
  return driving;
}

LsSession *
_ls_session_enter_vm (LsSession *self)
{
  LsSession *saved = driving;

  driving = self;
  self->in_vm++;
  return saved;
}

void
_ls_session_leave_vm (LsSession *self,
                      LsSession *saved)
{
  g_assert (self->in_vm > 0);
  self->in_vm--;
  driving = saved;
}

LsAsyncioLoop *
_ls_session_get_loop (LsSession *self)
{
  if (self->vm == NULL || self->code != NULL || self->status != LS_RUN_HOSTCALL)
    return NULL;
  return ls_asyncio_hostcall_loop (self->vm);
}

static gboolean
trace_task_is_running (LsSession *self,
                       gint       id)
{
  LsTraceTask task;
  LsTraceSpan span;

  if (!ls_trace_get_task (self->trace, id, &task) || task.ended != LS_TRACE_TIME_NONE
      || task.n_spans == 0)
    return FALSE;
  ls_trace_task_get_span (self->trace, id, task.n_spans - 1, &span);
  return span.state == LS_TRACE_STATE_RUNNING || span.state == LS_TRACE_STATE_BLOCKING;
}

/* The runtime does not tell a task's trace id; the one task whose open span
 * is RUNNING is it. A hint per task object makes repeated look-ups O(1). */
gint
_ls_session_current_trace_task (LsSession *self)
{
  LsAsyncioLoop *loop = _ls_session_get_loop (self);
  LsValue task;
  gpointer hint;

  if (loop == NULL || !self->record_trace)
    return LS_TRACE_NO_ID;
  task = ls_asyncio_loop_current_task (loop);
  if (LS_IS_UNDEF (task))
    return LS_TRACE_NO_ID;
  hint = g_hash_table_lookup (self->task_hints, LS_AS_OBJ (task));
  if (hint != NULL && trace_task_is_running (self, GPOINTER_TO_INT (hint) - 1))
    return GPOINTER_TO_INT (hint) - 1;
  for (gint id = (gint) ls_trace_get_n_tasks (self->trace) - 1; id >= 0; id--)
    if (trace_task_is_running (self, id))
      {
        g_hash_table_insert (self->task_hints, LS_AS_OBJ (task), GINT_TO_POINTER (id + 1));
        return id;
      }
  return LS_TRACE_NO_ID;
}

static gint64
trace_now (LsSession *self)
{
  return ls_trace_time_from_seconds (_ls_session_clock_now (self));
}

/* Text the session itself reports (tracebacks, syntax errors), as console lines. */
static void
record_console (LsSession     *self,
                LsTraceStream  stream,
                const char    *text)
{
  g_auto (GStrv) lines = NULL;
  gint64 now;

  if (!self->record_trace || text == NULL || *text == '\0')
    return;
  now = trace_now (self);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i + 1] != NULL || *lines[i] != '\0')
      ls_trace_add_console (self->trace, now, LS_TRACE_NO_ID, stream, lines[i]);
}

static void
emit_output (LsSession     *self,
             LsTraceStream  stream,
             const char    *text,
             gsize          len)
{
  if (self->discard_output || len == 0)
    return;
  g_string_truncate (self->scratch, 0);
  g_string_append_len (self->scratch, text, (gssize) len);
  g_signal_emit (self, signals[OUTPUT], 0, (int) stream, self->scratch->str, (guint) len);
}

static void
write_stdout (const char *text,
              gsize       len,
              gpointer    user_data)
{
  emit_output (user_data, LS_TRACE_STREAM_STDOUT, text, len);
}

static void
write_stderr (const char *text,
              gsize       len,
              gpointer    user_data)
{
  emit_output (user_data, LS_TRACE_STREAM_STDERR, text, len);
}

static void
set_state (LsSession      *self,
           LsSessionState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_blocking (LsSession *self,
              gboolean   blocking)
{
  blocking = !!blocking;
  if (self->blocking == blocking)
    return;
  self->blocking = blocking;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLOCKING]);
}

static gboolean
is_active (LsSession *self)
{
  return self->state == LS_SESSION_STATE_RUNNING || self->state == LS_SESSION_STATE_PAUSED;
}

/* ------------------------------------------------------ the VM world */

static void
read_developer_knobs (LsSession *self)
{
  const char *budget = g_getenv ("LOOPSCOPE_BUDGET");

  /* the output must not change with either (see src/cli/ls-run.c) */
  if (budget != NULL && g_ascii_strtoll (budget, NULL, 10) > 0)
    {
      self->budget = g_ascii_strtoll (budget, NULL, 10);
      self->fixed_budget = TRUE;
    }
  if (g_strcmp0 (g_getenv ("LOOPSCOPE_GC_STRESS"), "1") == 0)
    self->vm->gc_stress = TRUE;
}

static void
create_vm (LsSession  *self,
           const char *filename,
           const char *source)
{
  self->vm = ls_vm_new ();
  read_developer_knobs (self);
  /* before the runtime, which wraps these to record console lines */
  ls_vm_set_output (self->vm, write_stdout, write_stderr, self);
  _ls_session_clock_install (self, TRUE);
  ls_asyncio_install (self->vm, self->record_trace ? self->trace : NULL);
  if (self->record_trace)
    ls_trace_set_source (self->trace, filename, source);
}

static void
destroy_vm (LsSession *self)
{
  if (self->vm == NULL)
    return;
  _ls_session_clock_finish (self, g_get_monotonic_time ());
  /* finalizers must not reach the signal handlers of a run that is over */
  self->discard_output = TRUE;
  ls_vm_free (self->vm);
  self->vm = NULL;
  self->code = NULL;
  self->result = LS_UNDEF;
  g_hash_table_remove_all (self->task_hints);
}

static void
teardown (LsSession *self)
{
  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
    }
  if (self->starvation_guard != NULL)
    {
      g_source_destroy (self->starvation_guard);
      g_clear_pointer (&self->starvation_guard, g_source_unref);
    }
  destroy_vm (self);
  self->suspended = FALSE;
  self->step_pending = FALSE;
  self->stop_requested = FALSE;
  self->clock.waiting = FALSE;
  self->clock.blocked = FALSE;
}

/* ------------------------------------------------------- the program */

static void
program_exited (LsSession *self,
                int        status)
{
  self->exit_status = status;
  self->ended = TRUE;
}

/* An exception escaped the program (vm->exc): exit like python3 does. */
static void
program_failed (LsSession *self)
{
  LsVM *vm = self->vm;
  LsValue exc = vm->exc;
  int status = 1;
  char *message = NULL;

  if (ls_vm_system_exit_status (vm, exc, &status, &message))
    {
      self->exit_message = message;
      program_exited (self, status);
      return;
    }
  self->error_text = ls_format_exception (vm, exc, NULL);
  /* like CPython after Ctrl+C: the status of a SIGINT death */
  program_exited (self, ls_isinstance (vm, exc, LS_EXC (vm, KEYBOARD_INTERRUPT)) ? 130 : 1);
}

static void
begin_program (LsSession *self)
{
  LsCode *code = self->code;

  self->code = NULL;
  self->status = ls_vm_run_main (self->vm, code, self->budget, &self->result);
  ls_gc_unpin (self->vm, ls_obj (code));
  self->suspended = self->status == LS_RUN_SUSPENDED;
}

/* A host call that is not asyncio's: nothing here knows how to serve it. */
static void
refuse_hostcall (LsSession *self)
{
  LsVM *vm = self->vm;
  LsValue msg = ls_str_value (vm, "this host cannot serve the request");
  LsValue exc = ls_exc_new (vm, LS_EXC (vm, RUNTIME_ERROR), &msg, 1);

  self->status = ls_vm_resume_with_exception (vm, exc, self->budget, &self->result);
  self->suspended = self->status == LS_RUN_SUSPENDED;
}

static void
finish_hostcall (LsSession *self)
{
  self->status = ls_asyncio_finish_hostcall (self->vm, self->budget, &self->result);
  self->suspended = self->status == LS_RUN_SUSPENDED;
}

/* Runs the loop of asyncio.run() for at most max_callbacks callbacks. */
static void
drive_loop (LsSession *self,
            guint      max_callbacks,
            gint64     wall,
            gboolean   stepping)
{
  LsAsyncioLoop *loop = ls_asyncio_hostcall_loop (self->vm);
  double wait = 0;

  if (loop == NULL)
    {
      refuse_hostcall (self);
      return;
    }
  ls_asyncio_loop_set_auto_advance (loop, FALSE);
  if (!_ls_session_clock_end_wait (self, loop, stepping, wall))
    return;
  switch (ls_asyncio_drive (loop, self->budget, max_callbacks, &wait))
    {
    case LS_ASYNCIO_SUSPENDED:
      self->suspended = TRUE;
      break;
    case LS_ASYNCIO_SLICE:
      self->suspended = FALSE;
      break;
    case LS_ASYNCIO_WAIT:
      self->suspended = FALSE;
      _ls_session_clock_begin_wait (self, loop, wait, wall);
      if (self->clock_mode == LS_SESSION_CLOCK_INSTANT)
        {
          _ls_session_clock_end_wait (self, loop, TRUE, wall);
          if (self->record_trace)
            ls_trace_set_now (self->trace, trace_now (self));
        }
      break;
    case LS_ASYNCIO_STOPPED:
    case LS_ASYNCIO_ERROR:
    default:
      self->suspended = FALSE;
      finish_hostcall (self);
      break;
    }
}

/* Moves the program on by one VM run or one batch of callbacks. Returns
 * FALSE when it has to wait for wall time (paced, real) or is over. Stepping
 * ignores the clock: the wait, if any, is skipped. */
static gboolean
advance (LsSession *self,
         guint      max_callbacks,
         gint64     wall,
         gboolean   stepping)
{
  if (self->ended)
    return FALSE;
  if (self->code != NULL)
    {
      begin_program (self);
      return TRUE;
    }
  if (!stepping)
    {
      if (_ls_session_clock_ready_at (self, wall) > wall)
        return FALSE;
      _ls_session_clock_flow_blocked (self, wall);
    }
  switch (self->status)
    {
    case LS_RUN_SUSPENDED:
      self->status = ls_vm_resume (self->vm, self->budget, &self->result);
      self->suspended = self->status == LS_RUN_SUSPENDED;
      return TRUE;
    case LS_RUN_HOSTCALL:
      drive_loop (self, max_callbacks, wall, stepping);
      return TRUE;
    case LS_RUN_DONE:
      if (self->toplevel_await && !self->main_started)
        {
          /* the body of a top-level-await program, as asyncio.run()'s main task */
          self->main_started = TRUE;
          self->status = ls_asyncio_run_main_coroutine (self->vm, self->result, self->budget,
                                                        &self->result);
          self->suspended = self->status == LS_RUN_SUSPENDED;
          return TRUE;
        }
      program_exited (self, 0);
      return FALSE;
    case LS_RUN_ERROR:
      program_failed (self);
      return FALSE;
    case LS_RUN_RETURNED:
    case LS_RUN_YIELDED:
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/* A module run that ended goes on at once (into the main coroutine, or the end). */
static void
settle (LsSession *self,
        gint64     wall)
{
  while (!self->ended && self->code == NULL
         && (self->status == LS_RUN_DONE || self->status == LS_RUN_ERROR))
    advance (self, 1, wall, TRUE);
}

/* A move of the program took @elapsed µs: aim the next at BUDGET_USEC by
 * scaling the instruction budget (if it ran out) or the batch of callbacks,
 * by at most a factor of two at a time. */
static void
adapt_slicing (LsSession *self,
               gint64     elapsed)
{
  double factor = CLAMP ((double) BUDGET_USEC / (double) MAX (elapsed, 1), 0.5, 2.0);

  if (self->suspended && !self->fixed_budget)
    self->budget = CLAMP ((gint64) ((double) self->budget * factor), MIN_BUDGET, MAX_BUDGET);
  else if (!self->suspended && self->status == LS_RUN_HOSTCALL)
    self->batch = CLAMP ((guint) ((double) self->batch * factor), MIN_CALLBACKS, MAX_CALLBACKS);
}

static void
run_slice (LsSession *self,
           gint64     start)
{
  gint64 deadline = start + SLICE_USEC;
  gint64 wall = start;

  while (self->state == LS_SESSION_STATE_RUNNING && !self->ended && !self->stop_requested)
    {
      gint64 before = wall;
      if (!advance (self, self->batch, wall, FALSE))
        break;
      /* never leave a finished module run (its main coroutine) for later */
      settle (self, wall);
      wall = g_get_monotonic_time ();
      adapt_slicing (self, wall - before);
      if (wall >= deadline)
        break;
    }
}

/* One step: one ready callback, or the rest of a step cut by the budget, or
 * the module body up to its next host call. */
static void
step_program (LsSession *self,
              gint64     wall)
{
  LsAsyncioLoop *loop = self->suspended ? NULL : _ls_session_get_loop (self);

  /* nothing ready: let the loop ask for its wait (it runs nothing), then skip it */
  if (loop != NULL && !self->clock.waiting && ls_asyncio_loop_next_deadline (loop) > 0)
    advance (self, 1, wall, TRUE);
  advance (self, 1, wall, TRUE);
  settle (self, wall);
  self->step_pending = self->suspended && !self->ended;
}

static void
continue_step (LsSession *self,
               gint64     start)
{
  gint64 wall = start;

  while (self->step_pending && !self->ended && !self->stop_requested)
    {
      advance (self, 1, wall, TRUE);
      settle (self, wall);
      self->step_pending = self->suspended && !self->ended;
      wall = g_get_monotonic_time ();
      if (wall >= start + SLICE_USEC)
        break;
    }
}

/* ---------------------------------------------- after each VM visit */

/* Every tracked task that has not ended yet ends now (a stopped run). */
static void
close_open_tasks (LsSession  *self,
                  gint64      time,
                  const char *why)
{
  guint n = ls_trace_get_n_tasks (self->trace);

  for (guint id = 0; id < n; id++)
    {
      LsTraceTask task;
      if (ls_trace_get_task (self->trace, (gint) id, &task) && task.ended == LS_TRACE_TIME_NONE)
        ls_trace_task_end (self->trace, (gint) id, time, LS_TRACE_END_CANCELLED, why);
    }
}

/* A step runs on across slices: the loop is blocked. */
static void
mark_blocked (LsSession *self)
{
  gint task = _ls_session_current_trace_task (self);
  int line = 0;

  if (!self->record_trace)
    return;
  if (task != LS_TRACE_NO_ID)
    {
      ls_vm_current_location (self->vm, NULL, &line, NULL);
      ls_trace_task_set_state (self->trace, task, trace_now (self), LS_TRACE_STATE_BLOCKING,
                               LS_TRACE_NO_ID, (guint) MAX (line, 0));
    }
  ls_trace_add_instant (self->trace, trace_now (self), task, LS_TRACE_INSTANT_CUSTOM,
                        "blocking: a step runs without yielding to the event loop");
}

static void
update_blocking (LsSession *self,
                 gint64     wall)
{
  gboolean blocked = self->suspended;
  gboolean in_debt;

  if (blocked && !self->clock.blocked)
    mark_blocked (self);
  _ls_session_clock_set_blocked (self, blocked, wall);
  /* paced and real modes hold the loop for a time.sleep() */
  in_debt = self->state == LS_SESSION_STATE_RUNNING && !self->clock.waiting
            && _ls_session_clock_ready_at (self, wall) > wall;
  set_blocking (self, blocked || in_debt);
}

static void
publish_progress (LsSession *self,
                  gint64     wall)
{
  double shown = _ls_session_clock_shown (self, wall);

  if (self->record_trace)
    {
      ls_trace_set_now (self->trace, ls_trace_time_from_seconds (shown));
      ls_trace_flush_notify (self->trace);
    }
  if (shown != self->notified_time)
    {
      self->notified_time = shown;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIRTUAL_TIME]);
    }
  g_signal_emit (self, signals[PROGRESS], 0);
}

static void
schedule (LsSession *self,
          gint64     wall)
{
  gint64 ready = -1;

  if (self->source == NULL)
    return;
  if (self->state == LS_SESSION_STATE_RUNNING)
    {
      ready = _ls_session_clock_ready_at (self, wall);
      /* a live view wants to see time flow while the loop waits */
      if (ready > wall + FRAME_USEC
          && g_signal_has_handler_pending (self, signals[PROGRESS], 0, TRUE))
        ready = wall + FRAME_USEC;
      if (ready <= wall)
        ready = 0;
    }
  else if (self->step_pending)
    ready = 0;
  g_source_set_ready_time (self->source, ready);
}

/* The program ended: report it, drop the VM, say so. */
static void
complete_run (LsSession *self)
{
  g_autofree char *error_text = g_steal_pointer (&self->error_text);
  g_autofree char *exit_message = g_steal_pointer (&self->exit_message);

  if (exit_message != NULL)
    {
      g_autofree char *line = g_strconcat (exit_message, "\n", NULL);
      emit_output (self, LS_TRACE_STREAM_STDERR, line, strlen (line));
      record_console (self, LS_TRACE_STREAM_STDERR, line);
    }
  if (error_text != NULL)
    {
      record_console (self, LS_TRACE_STREAM_STDERR, error_text);
      g_signal_emit (self, signals[ERROR], 0, error_text);
    }
  /* CPython's interpreter exit: generators left half-way run their finally
   * blocks now, after the traceback, and may still print. */
  if (self->vm != NULL)
    ls_vm_finalize_main (self->vm);
  if (self->record_trace && self->vm != NULL)
    ls_trace_set_now (self->trace, trace_now (self));
  teardown (self);
  set_blocking (self, FALSE);
  set_state (self, error_text != NULL ? LS_SESSION_STATE_FAILED : LS_SESSION_STATE_FINISHED);
  publish_progress (self, g_get_monotonic_time ());
  g_signal_emit (self, signals[FINISHED], 0, self->exit_status);
}

static void
do_stop (LsSession *self)
{
  gboolean was_started = is_active (self);

  if (self->vm != NULL && self->code == NULL && self->suspended)
    {
      /* abandon the run in the middle of its step: its frames are dropped */
      if (self->status == LS_RUN_HOSTCALL && _ls_session_get_loop (self) != NULL)
        ls_asyncio_loop_abandon (_ls_session_get_loop (self));
      else if (ls_vm_is_suspended (self->vm))
        ls_vm_abandon (self->vm);
    }
  if (self->vm != NULL && self->record_trace)
    {
      gint64 wall = g_get_monotonic_time ();
      /* a paced wait has run up to the shown time: the tasks waited that long */
      double now = MAX (_ls_session_clock_now (self), _ls_session_clock_shown (self, wall));
      _ls_session_clock_flow_blocked (self, wall);
      close_open_tasks (self, ls_trace_time_from_seconds (now), "stopped");
      ls_trace_set_now (self->trace, ls_trace_time_from_seconds (now));
    }
  teardown (self);
  self->exit_status = LS_SESSION_EXIT_STOPPED;
  set_blocking (self, FALSE);
  set_state (self, LS_SESSION_STATE_STOPPED);
  if (was_started)
    {
      publish_progress (self, g_get_monotonic_time ());
      g_signal_emit (self, signals[FINISHED], 0, self->exit_status);
    }
}

/* Whatever the VM visit left to do, once the VM is no longer running. */
static void
after_vm (LsSession *self)
{
  gint64 wall = g_get_monotonic_time ();

  if (self->in_vm > 0)
    return;
  if (self->stop_requested)
    {
      do_stop (self);
      return;
    }
  if (self->ended)
    {
      complete_run (self);
      return;
    }
  if (self->state == LS_SESSION_STATE_PAUSED)
    _ls_session_clock_sync_paused (self);
  update_blocking (self, wall);
  publish_progress (self, wall);
  schedule (self, wall);
}

static void
dispatch (LsSession *self)
{
  gint64 wall = g_get_monotonic_time ();
  LsSession *saved;

  self->last_dispatch = wall;
  g_object_ref (self);
  saved = _ls_session_enter_vm (self);
  if (self->state == LS_SESSION_STATE_RUNNING)
    run_slice (self, wall);
  else if (self->step_pending)
    continue_step (self, wall);
  _ls_session_leave_vm (self, saved);
  after_vm (self);
  g_object_unref (self);
}

static gboolean
session_source_dispatch (GSource     *source,
                         GSourceFunc  callback,
                         gpointer     user_data)
{
  dispatch (((SessionSource *) source)->session);
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs session_source_funcs = {
  .dispatch = session_source_dispatch,
};

/* The run's source sits below redraw so a busy program never starves the
 * frame clock. The reverse can happen too: when painting a frame takes longer
 * than the frame interval (software rendering, a loaded machine), a redraw is
 * always due and GLib never gets down to our priority. So a timer above redraw
 * runs one slice whenever the source has been due but starved for a while:
 * the program always moves on, at worst a slice per STARVATION_US. */
#define STARVATION_US (100 * G_TIME_SPAN_MILLISECOND)

static gboolean
guard_starvation (gpointer user_data)
{
  LsSession *self = user_data;
  gint64 wall = g_get_monotonic_time ();
  gint64 ready;

  if (self->source == NULL || self->in_vm > 0 || wall - self->last_dispatch < STARVATION_US)
    return G_SOURCE_CONTINUE;
  ready = g_source_get_ready_time (self->source);
  if (ready != -1 && ready <= wall)
    dispatch (self);
  return G_SOURCE_CONTINUE;
}

static void
start_starvation_guard (LsSession    *self,
                        GMainContext *context)
{
  self->last_dispatch = g_get_monotonic_time ();
  self->starvation_guard = g_timeout_source_new (STARVATION_US / G_TIME_SPAN_MILLISECOND);
  /* above GDK's redraw (G_PRIORITY_HIGH_IDLE + 20), below input */
  g_source_set_priority (self->starvation_guard, G_PRIORITY_HIGH_IDLE + 10);
  g_source_set_static_name (self->starvation_guard, "LsSession starvation guard");
  g_source_set_callback (self->starvation_guard, guard_starvation, self, NULL);
  g_source_attach (self->starvation_guard, context);
}

/* -------------------------------------------------------- GObject */

static void
ls_session_dispose (GObject *object)
{
  LsSession *self = LS_SESSION (object);

  /* no signals from here on: the run just ends */
  if (self->in_vm == 0)
    teardown (self);
  G_OBJECT_CLASS (ls_session_parent_class)->dispose (object);
}

static void
ls_session_finalize (GObject *object)
{
  LsSession *self = LS_SESSION (object);

  teardown (self);
  g_clear_object (&self->trace);
  g_clear_pointer (&self->error_text, g_free);
  g_clear_pointer (&self->exit_message, g_free);
  g_string_free (self->scratch, TRUE);
  g_hash_table_unref (self->task_hints);
  G_OBJECT_CLASS (ls_session_parent_class)->finalize (object);
}

static void
ls_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LsSession *self = LS_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, ls_session_get_state (self));
      break;
    case PROP_CLOCK_MODE:
      g_value_set_enum (value, ls_session_get_clock_mode (self));
      break;
    case PROP_SPEED:
      g_value_set_double (value, ls_session_get_speed (self));
      break;
    case PROP_VIRTUAL_TIME:
      g_value_set_double (value, ls_session_get_virtual_time (self));
      break;
    case PROP_TRACE:
      g_value_set_object (value, ls_session_get_trace (self));
      break;
    case PROP_BLOCKING:
      g_value_set_boolean (value, ls_session_get_blocking (self));
      break;
    case PROP_RECORD_TRACE:
      g_value_set_boolean (value, ls_session_get_record_trace (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LsSession *self = LS_SESSION (object);

  switch (prop_id)
    {
    case PROP_CLOCK_MODE:
      ls_session_set_clock_mode (self, g_value_get_enum (value));
      break;
    case PROP_SPEED:
      ls_session_set_speed (self, g_value_get_double (value));
      break;
    case PROP_RECORD_TRACE:
      ls_session_set_record_trace (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_session_class_init (LsSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ls_session_dispose;
  object_class->finalize = ls_session_finalize;
  object_class->get_property = ls_session_get_property;
  object_class->set_property = ls_session_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       LS_TYPE_SESSION_STATE, LS_SESSION_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOCK_MODE] =
    g_param_spec_enum ("clock-mode", NULL, NULL,
                       LS_TYPE_SESSION_CLOCK_MODE, LS_SESSION_CLOCK_INSTANT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL,
                         LS_SESSION_MIN_SPEED, LS_SESSION_MAX_SPEED, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIRTUAL_TIME] =
    g_param_spec_double ("virtual-time", NULL, NULL,
                         0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRACE] =
    g_param_spec_object ("trace", NULL, NULL,
                         LS_TYPE_TRACE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BLOCKING] =
    g_param_spec_boolean ("blocking", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD_TRACE] =
    g_param_spec_boolean ("record-trace", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[STARTED] =
    g_signal_new ("started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* the run moved on (or its time flowed): at most once per main-loop iteration */
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* output (LsTraceStream stream, const char *text, guint length): what the
   * program wrote; text may hold NULs, length counts its bytes */
  signals[OUTPUT] =
    g_signal_new ("output", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_INT, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_UINT);
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  /* error (const char *text): an uncaught exception's traceback, as python3 prints it */
  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
ls_session_init (LsSession *self)
{
  self->speed = 1.0;
  self->record_trace = TRUE;
  self->trace = ls_trace_new ();
  self->budget = DEFAULT_BUDGET;
  self->batch = 32;
  self->result = LS_UNDEF;
  self->scratch = g_string_new (NULL);
  self->task_hints = g_hash_table_new (NULL, NULL);
}

/* ------------------------------------------------------ public API */

LsSession *
ls_session_new (void)
{
  return g_object_new (LS_TYPE_SESSION, NULL);
}

/* Compiles the program into a fresh VM world; a syntax error fails the session. */
static gboolean
compile_program (LsSession   *self,
                 const char  *filename,
                 const char  *source,
                 GError     **error)
{
  LsSyntaxError *syntax_error = NULL;
  LsCode *code;

  create_vm (self, filename, source);
  code = ls_vm_compile (self->vm, filename, source, -1, LS_COMPILE_TOPLEVEL_AWAIT, &syntax_error);
  if (code == NULL)
    {
      g_autofree char *report = ls_vm_format_syntax_error (syntax_error);
      ls_syntax_error_free (syntax_error);
      record_console (self, LS_TRACE_STREAM_STDERR, report);
      destroy_vm (self);
      self->exit_status = 1;
      set_state (self, LS_SESSION_STATE_FAILED);
      g_set_error_literal (error, LS_SESSION_ERROR, LS_SESSION_ERROR_SYNTAX, report);
      return FALSE;
    }
  /* nothing runs before start(), but the code must outlive any collection */
  ls_gc_pin (self->vm, ls_obj (code));
  self->code = code;
  self->toplevel_await = (code->flags & LS_CODE_TOPLEVEL_AWAIT) != 0;
  return TRUE;
}

gboolean
ls_session_load (LsSession           *self,
                 const char          *filename,
                 const char          *source,
                 const char * const  *param_names,
                 const char * const  *param_values,
                 GError             **error)
{
  g_autofree char *applied = NULL;
  guint n_params = param_names != NULL ? g_strv_length ((char **) param_names) : 0;

  g_return_val_if_fail (LS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (filename != NULL && source != NULL, FALSE);
  g_return_val_if_fail (n_params == 0 || (param_values != NULL
                                          && g_strv_length ((char **) param_values) == n_params),
                        FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->state != LS_SESSION_STATE_IDLE || self->vm != NULL)
    {
      g_set_error_literal (error, LS_SESSION_ERROR, LS_SESSION_ERROR_STATE,
                           _("The session already has a program"));
      return FALSE;
    }
  if (n_params > 0)
    {
      applied = ls_params_apply (source, n_params, param_names, param_values, error);
      if (applied == NULL)
        return FALSE;
      source = applied;
    }
  return compile_program (self, filename, source, error);
}

void
ls_session_start (LsSession *self)
{
  GMainContext *context;

  g_return_if_fail (LS_IS_SESSION (self));
  g_return_if_fail (self->state == LS_SESSION_STATE_IDLE);
  g_return_if_fail (self->vm != NULL);

  context = g_main_context_ref_thread_default ();
  self->source = g_source_new (&session_source_funcs, sizeof (SessionSource));
  ((SessionSource *) self->source)->session = self;
  /* below redraw and input: a busy run never starves the frame clock */
  g_source_set_priority (self->source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_static_name (self->source, "LsSession");
  g_source_set_ready_time (self->source, 0);
  g_source_attach (self->source, context);
  start_starvation_guard (self, context);
  g_main_context_unref (context);

  _ls_session_clock_start (self, g_get_monotonic_time ());
  set_state (self, LS_SESSION_STATE_RUNNING);
  g_signal_emit (self, signals[STARTED], 0);
}

void
ls_session_pause (LsSession *self)
{
  gint64 wall = g_get_monotonic_time ();

  g_return_if_fail (LS_IS_SESSION (self));

  if (self->state != LS_SESSION_STATE_RUNNING)
    return;
  _ls_session_clock_pause (self, wall);
  set_state (self, LS_SESSION_STATE_PAUSED);
  if (self->in_vm == 0)
    schedule (self, wall);
}

void
ls_session_resume (LsSession *self)
{
  gint64 wall = g_get_monotonic_time ();

  g_return_if_fail (LS_IS_SESSION (self));

  if (self->state != LS_SESSION_STATE_PAUSED)
    return;
  _ls_session_clock_resume (self, wall);
  self->step_pending = FALSE;
  set_state (self, LS_SESSION_STATE_RUNNING);
  if (self->in_vm == 0)
    schedule (self, wall);
}

void
ls_session_step (LsSession *self)
{
  LsSession *saved;

  g_return_if_fail (LS_IS_SESSION (self));

  if (self->state == LS_SESSION_STATE_IDLE && self->vm != NULL)
    ls_session_start (self);
  ls_session_pause (self);
  if (self->state != LS_SESSION_STATE_PAUSED || self->step_pending)
    return;
  if (self->in_vm > 0)
    {
      /* called from a handler while the VM runs: the next dispatch does it */
      self->step_pending = TRUE;
      return;
    }

  g_object_ref (self);
  saved = _ls_session_enter_vm (self);
  step_program (self, g_get_monotonic_time ());
  _ls_session_leave_vm (self, saved);
  after_vm (self);
  g_object_unref (self);
}

void
ls_session_stop (LsSession *self)
{
  g_return_if_fail (LS_IS_SESSION (self));

  if (!is_active (self) && !(self->state == LS_SESSION_STATE_IDLE && self->vm != NULL))
    return;
  if (self->in_vm > 0)
    {
      /* the VM is running under us: stop as soon as it returns */
      self->stop_requested = TRUE;
      return;
    }
  g_object_ref (self);
  do_stop (self);
  g_object_unref (self);
}

LsSessionState
ls_session_get_state (LsSession *self)
{
  g_return_val_if_fail (LS_IS_SESSION (self), LS_SESSION_STATE_IDLE);

  return self->state;
}

LsSessionClockMode
ls_session_get_clock_mode (LsSession *self)
{
  g_return_val_if_fail (LS_IS_SESSION (self), LS_SESSION_CLOCK_INSTANT);

  return self->clock_mode;
}

void
ls_session_set_clock_mode (LsSession          *self,
                           LsSessionClockMode  mode)
{
  gint64 wall = g_get_monotonic_time ();

  g_return_if_fail (LS_IS_SESSION (self));
  g_return_if_fail (mode <= LS_SESSION_CLOCK_REAL);

  if (self->clock_mode == mode)
    return;
  _ls_session_clock_set_mode (self, mode, wall);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK_MODE]);
  if (self->in_vm == 0)
    schedule (self, wall);
}

double
ls_session_get_speed (LsSession *self)
{
  g_return_val_if_fail (LS_IS_SESSION (self), 1.0);

  return self->speed;
}

void
ls_session_set_speed (LsSession *self,
                      double     speed)
{
  gint64 wall = g_get_monotonic_time ();

  g_return_if_fail (LS_IS_SESSION (self));
  g_return_if_fail (!isnan (speed));

  speed = CLAMP (speed, LS_SESSION_MIN_SPEED, LS_SESSION_MAX_SPEED);
  if (self->speed == speed)
    return;
  _ls_session_clock_set_speed (self, speed, wall);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
  if (self->in_vm == 0)
    schedule (self, wall);
}

double
ls_session_get_virtual_time (LsSession *self)
{
  g_return_val_if_fail (LS_IS_SESSION (self), 0);

  return _ls_session_clock_shown (self, g_get_monotonic_time ());
}

LsTrace *
ls_session_get_trace (LsSession *self)
{
  g_return_val_if_fail (LS_IS_SESSION (self), NULL);

  return self->trace;
}

gboolean
ls_session_get_blocking (LsSession *self)
{
  g_return_val_if_fail (LS_IS_SESSION (self), FALSE);

  return self->blocking;
}

gboolean
ls_session_get_record_trace (LsSession *self)
{
  g_return_val_if_fail (LS_IS_SESSION (self), FALSE);

  return self->record_trace;
}

void
ls_session_set_record_trace (LsSession *self,
                             gboolean   record_trace)
{
  g_return_if_fail (LS_IS_SESSION (self));
  g_return_if_fail (self->state == LS_SESSION_STATE_IDLE && self->vm == NULL);

  record_trace = !!record_trace;
  if (self->record_trace == record_trace)
    return;
  self->record_trace = record_trace;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD_TRACE]);
}

int
ls_session_get_exit_status (LsSession *self)
{
  g_return_val_if_fail (LS_IS_SESSION (self), 0);

  return self->exit_status;
}
