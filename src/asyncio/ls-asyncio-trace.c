/* ls-asyncio-trace.c: what the runtime records into an LsTrace: tasks and
 * their state spans, the objects they wait on, flows, console lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every function is a no-op when the VM runs without a trace. A task is
 * READY from its creation and whenever its next step is scheduled, RUNNING
 * during a step, and in between in the state of what it awaits: the Python
 * library announces its waits on queues, locks, sleeps... through
 * _asyncio_core._trace_wait() just before awaiting its waiter future, and
 * the task's next yield turns that into the state of the new span. Places in
 * the program (creation lines, object labels) are the innermost frame
 * outside the library.
 */
#include "config.h"

#include <string.h>

#include "ls-asyncio-private.h"

#define LIBRARY_PREFIX "<asyncio"

gint64
_ls_asyncio_trace_now (LsAsyncioState *st)
{
  return ls_trace_time_from_seconds (_ls_asyncio_now (st));
}

/* Whether @code is the library's. The first character rules out nearly every
 * program file without a call (this runs for each frame of an await chain). */
static inline gboolean
is_library_code (LsCode *code)
{
  const char *filename = ls_str_cstr (code->filename);

  return filename[0] == LIBRARY_PREFIX[0] && g_str_has_prefix (filename, LIBRARY_PREFIX);
}

/* The line the task's innermost coroutine of the program is at. */
static guint
task_line (LsCData *task)
{
  LsValue c = LS_FUTURE (task)->coro;
  guint line = 0;

  for (int guard = 0; guard < 256 && LS_OBJ_IS (c, LS_OBJ_GENERATOR); guard++)
    {
      LsCode *code = ls_gen_get_code (c);
      if (code != NULL && !is_library_code (code))
        line = (guint) MAX (0, ls_gen_get_line (c));
      c = ls_gen_get_awaiting (c);
    }
  return line;
}

/* The line a task stands at for a new span. Between the end of a step and
 * the start of the next one it cannot move, so the line found when it
 * stopped serves its wake-up and its next RUNNING too (the await chain walk
 * is most of what recording costs a task). */
static guint
span_line (LsCData      *task,
           LsTraceState  state)
{
  LsAsyncioFuture *f = LS_FUTURE (task);
  guint line;

  if (f->trace_line >= 0 && (state == LS_TRACE_STATE_RUNNING || state == LS_TRACE_STATE_READY
                             || state == LS_TRACE_STATE_READY_LATE))
    line = (guint) f->trace_line;
  else
    line = task_line (task);
  /* once it runs, it moves */
  f->trace_line = state == LS_TRACE_STATE_RUNNING ? -1 : (gint32) MIN (line, (guint) G_MAXINT32);
  return line;
}

static LsCData *
current_task (LsAsyncioState *st)
{
  LsValue t;

  if (LS_IS_UNDEF (st->running_loop))
    return NULL;
  t = LS_LOOP ((LsCData *) LS_AS_OBJ (st->running_loop))->current_task;
  return LS_IS_UNDEF (t) ? NULL : (LsCData *) LS_AS_OBJ (t);
}

static gint
current_trace_id (LsAsyncioState *st)
{
  LsCData *t = current_task (st);

  return t != NULL ? LS_FUTURE (t)->trace_id : LS_TRACE_NO_ID;
}

static gboolean
is_library_coroutine (LsValue coro)
{
  LsCode *code = LS_OBJ_IS (coro, LS_OBJ_GENERATOR) ? ls_gen_get_code (coro) : NULL;

  return code != NULL && is_library_code (code)
         && strcmp (ls_str_cstr (code->name), "_wrap_awaitable") != 0;
}

void
_ls_asyncio_trace_task_new (LsAsyncioState *st,
                            LsCData        *task)
{
  LsAsyncioFuture *f = LS_FUTURE (task);
  LsTraceTaskKind kind = LS_TRACE_TASK_KIND_TASK;
  gint64 now;
  int line = 0;
  gint parent;

  if (st->trace == NULL)
    return;
  if (st->next_task_main)
    kind = LS_TRACE_TASK_KIND_MAIN;
  else if (is_library_coroutine (f->coro))
    kind = LS_TRACE_TASK_KIND_INTERNAL;
  st->next_task_main = FALSE;
  now = _ls_asyncio_trace_now (st);
  parent = current_trace_id (st);
  ls_vm_user_location (st->vm, LIBRARY_PREFIX, NULL, &line, NULL);
  /* "Task-N" is made when someone asks for the name (the program or the
   * trace's reader): not for every task */
  if (LS_IS_INT (f->name))
    f->trace_id = ls_trace_add_numbered_task (st->trace, now, (guint64) MAX (LS_AS_INT (f->name), 0),
                                              parent, kind, (guint) MAX (line, 0));
  else
    f->trace_id = ls_trace_add_task (st->trace, now, ls_str_cstr ((LsStr *) LS_AS_OBJ (f->name)),
                                     parent, kind, (guint) MAX (line, 0));
  f->waiting_on = -1;
  if (parent != LS_TRACE_NO_ID)
    ls_trace_add_flow (st->trace, LS_TRACE_FLOW_SPAWN, parent, f->trace_id, now, now, LS_TRACE_NO_ID);
}

void
_ls_asyncio_trace_task_state (LsAsyncioState *st,
                              LsCData        *task,
                              int             state,
                              int             detail)
{
  LsAsyncioFuture *f = LS_FUTURE (task);

  if (st->trace == NULL || f->trace_id < 0)
    return;
  if (state == LS_TRACE_STATE_RUNNING || state == LS_TRACE_STATE_READY)
    f->waiting_on = -1;
  ls_trace_task_set_state (st->trace, f->trace_id, _ls_asyncio_trace_now (st), (LsTraceState) state,
                           detail, span_line (task, (LsTraceState) state));
}

void
_ls_asyncio_trace_task_end (LsAsyncioState *st,
                            LsCData        *task)
{
  LsVM *vm = st->vm;
  LsAsyncioFuture *f = LS_FUTURE (task);
  g_autofree char *text = NULL;
  LsTraceEnd end = LS_TRACE_END_DONE;

  if (st->trace == NULL || f->trace_id < 0)
    return;
  if (f->state == LS_FUT_CANCELLED)
    end = LS_TRACE_END_CANCELLED;
  else if (!LS_IS_NONE (f->exception))
    {
      LsValue saved = ls_exc_fetch (vm);
      LsValue r = ls_repr (vm, f->exception);
      end = LS_TRACE_END_FAILED;
      if (!LS_IS_ERR (r))
        text = g_strdup (ls_str_cstr ((LsStr *) LS_AS_OBJ (r)));
      ls_exc_clear (vm);
      vm->exc = saved;
    }
  ls_trace_task_end (st->trace, f->trace_id, _ls_asyncio_trace_now (st), end, text);
}

/* A task yielded `awaited` and now waits for it. */
void
_ls_asyncio_trace_task_wait (LsAsyncioState *st,
                             LsCData        *task,
                             LsValue         awaited)
{
  LsAsyncioFuture *f = LS_FUTURE (task);
  int state, detail = -1;

  if (st->trace == NULL || f->trace_id < 0)
    return;
  if (f->wait_state >= 0)
    {
      state = f->wait_state;
      detail = f->wait_detail;
      f->wait_state = -1;
    }
  else if (_ls_asyncio_is_task (st, awaited))
    {
      gint64 now = _ls_asyncio_trace_now (st);
      state = LS_TRACE_STATE_AWAIT_TASK;
      detail = LS_FUTURE ((LsCData *) LS_AS_OBJ (awaited))->trace_id;
      if (detail >= 0)
        ls_trace_add_flow (st->trace, LS_TRACE_FLOW_AWAIT, f->trace_id, detail, now, now, LS_TRACE_NO_ID);
    }
  else if (strcmp (ls_type_name (st->vm, awaited), "_GatheringFuture") == 0)
    state = LS_TRACE_STATE_AWAIT_GATHER;
  else
    state = LS_TRACE_STATE_AWAIT_FUTURE;
  _ls_asyncio_trace_task_state (st, task, state, detail);
  if (state != LS_TRACE_STATE_AWAIT_TASK)
    f->waiting_on = detail;
}

/* fut completed: each task waiting for it is ready, and the task that
 * completed it (if any) woke it. */
void
_ls_asyncio_trace_wake (LsAsyncioState         *st,
                        LsCData                *fut,
                        const LsFutureCallback *cbs,
                        guint                   n)
{
  gint64 now, since;
  gint from;

  if (st->trace == NULL)
    return;
  now = _ls_asyncio_trace_now (st);
  since = st->late_since > 0 ? ls_trace_time_from_seconds (st->late_since) : now;
  from = current_trace_id (st);
  for (guint i = 0; i < n; i++)
    {
      LsAsyncioFuture *w;
      if (cbs[i].kind != LS_CB_WAKEUP)
        continue;
      w = LS_FUTURE ((LsCData *) LS_AS_OBJ (cbs[i].fn));
      if (w->trace_id < 0)
        continue;
      if (from != LS_TRACE_NO_ID && from != w->trace_id)
        ls_trace_add_flow (st->trace, LS_TRACE_FLOW_WAKE, from, w->trace_id, now, now, w->waiting_on);
      w->waiting_on = -1;
      if (since < now)
        {
          ls_trace_task_set_state (st->trace, w->trace_id, since, LS_TRACE_STATE_READY_LATE, -1,
                                   span_line ((LsCData *) LS_AS_OBJ (cbs[i].fn),
                                              LS_TRACE_STATE_READY_LATE));
          continue;
        }
      ls_trace_task_set_state (st->trace, w->trace_id, now, LS_TRACE_STATE_READY, -1,
                               span_line ((LsCData *) LS_AS_OBJ (cbs[i].fn), LS_TRACE_STATE_READY));
    }
}

/* task.cancel() was called (and will take effect). */
void
_ls_asyncio_trace_cancel (LsAsyncioState *st,
                          LsCData        *task)
{
  LsAsyncioFuture *f = LS_FUTURE (task);
  gint64 now;
  gint from;

  if (st->trace == NULL || f->trace_id < 0)
    return;
  now = _ls_asyncio_trace_now (st);
  from = current_trace_id (st);
  ls_trace_add_instant (st->trace, now, f->trace_id, LS_TRACE_INSTANT_CANCEL, NULL);
  if (from != f->trace_id)
    ls_trace_add_flow (st->trace, LS_TRACE_FLOW_CANCEL, from, f->trace_id, now, now, LS_TRACE_NO_ID);
}

/* Around a timer's callback: when the loop reaches it late (a blocking
 * step kept it from running in time), what it wakes was ready since then. */
void
_ls_asyncio_trace_timer (LsAsyncioState *st,
                         LsCData        *handle,
                         gboolean        start)
{
  double when = LS_HANDLE (handle)->when;

  if (!start)
    {
      st->late_since = 0;
      return;
    }
  st->late_since = _ls_asyncio_now (st) - when > 1e-6 ? when : 0;
  if (LS_HANDLE (handle)->kind == LS_HANDLE_RELEASE && _ls_asyncio_is_future (st, LS_HANDLE (handle)->a))
    {
      /* A timeout firing: the flow goes to each task waiting for the waiter. */
      LsAsyncioFuture *w = LS_FUTURE ((LsCData *) LS_AS_OBJ (LS_HANDLE (handle)->a));
      gint64 now = _ls_asyncio_trace_now (st);
      if (w->state != LS_FUT_PENDING)
        return;
      for (guint i = 0; i < w->n_callbacks; i++)
        if (w->callbacks[i].kind == LS_CB_WAKEUP)
          {
            gint id = LS_FUTURE ((LsCData *) LS_AS_OBJ (w->callbacks[i].fn))->trace_id;
            if (id < 0)
              continue;
            ls_trace_add_flow (st->trace, LS_TRACE_FLOW_TIMEOUT, LS_TRACE_NO_ID, id, now, now,
                               LS_TRACE_NO_ID);
            ls_trace_add_instant (st->trace, now, id, LS_TRACE_INSTANT_TIMEOUT, NULL);
          }
    }
}

/* ------------------------------------------- console and time.sleep() */

static void
record_lines (LsAsyncioState *st,
              int             stream,
              const char     *text,
              gsize           len)
{
  GString *buf;
  const char *nl;

  if (st->line[stream] == NULL)
    st->line[stream] = g_string_new (NULL);
  buf = st->line[stream];
  while (len > 0 && (nl = memchr (text, '\n', len)) != NULL)
    {
      g_string_append_len (buf, text, nl - text);
      ls_trace_add_console (st->trace, _ls_asyncio_trace_now (st), current_trace_id (st),
                            (LsTraceStream) stream, buf->str);
      g_string_truncate (buf, 0);
      len -= (gsize) (nl - text) + 1;
      text = nl + 1;
    }
  g_string_append_len (buf, text, len);
}

static void
console_out (const char *text,
             gsize       len,
             gpointer    user_data)
{
  LsAsyncioState *st = user_data;

  st->out_write (text, len, st->write_data);
  record_lines (st, LS_TRACE_STREAM_STDOUT, text, len);
}

static void
console_err (const char *text,
             gsize       len,
             gpointer    user_data)
{
  LsAsyncioState *st = user_data;

  /* The VM's default writers tell the streams apart by user_data. */
  st->err_write (text, len, st->write_data == GINT_TO_POINTER (1) ? GINT_TO_POINTER (2) : st->write_data);
  record_lines (st, LS_TRACE_STREAM_STDERR, text, len);
}

/* time.sleep() in a task blocks the whole loop: the task shows as blocking. */
static gboolean
traced_sleep (LsVM     *vm,
              double    seconds,
              gpointer  user_data)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);
  LsCData *task = current_task (st);
  gboolean ok;

  if (task != NULL && seconds > 0)
    _ls_asyncio_trace_task_state (st, task, LS_TRACE_STATE_BLOCKING, -1);
  ok = st->sleep (vm, seconds, user_data);
  if (task != NULL && seconds > 0)
    _ls_asyncio_trace_task_state (st, task, LS_TRACE_STATE_RUNNING, -1);
  ls_trace_set_now (st->trace, _ls_asyncio_trace_now (st));
  return ok;
}

void
_ls_asyncio_trace_install (LsAsyncioState *st)
{
  LsVM *vm = st->vm;

  st->out_write = vm->stdout_write;
  st->err_write = vm->stderr_write;
  st->write_data = vm->write_data;
  vm->stdout_write = console_out;
  vm->stderr_write = console_err;
  vm->write_data = st;
  st->sleep = vm->sleep;
  vm->sleep = traced_sleep;
}

/* -------------------------------------------------- library hooks */

static const struct
{
  const char  *name;
  LsTraceState state;
} wait_kinds[] = {
  { "sleep", LS_TRACE_STATE_SLEEPING },
  { "queue_get", LS_TRACE_STATE_QUEUE_GET },
  { "queue_put", LS_TRACE_STATE_QUEUE_PUT },
  { "semaphore", LS_TRACE_STATE_SEMAPHORE },
  { "lock", LS_TRACE_STATE_LOCK },
  { "event", LS_TRACE_STATE_EVENT },
  { "condition", LS_TRACE_STATE_CONDITION },
  { "barrier", LS_TRACE_STATE_BARRIER },
  { "gather", LS_TRACE_STATE_AWAIT_GATHER },
  { "future", LS_TRACE_STATE_AWAIT_FUTURE },
};

/* _trace_wait(kind, object_id=-1): what the current task's next wait is. */
static LsValue
core_trace_wait (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);
  LsCData *t = current_task (st);
  const char *kind;

  if (st->trace == NULL || t == NULL || nargs < 1 || !LS_OBJ_IS (args[0], LS_OBJ_STR))
    return LS_NONE;
  kind = ls_str_cstr ((LsStr *) LS_AS_OBJ (args[0]));
  for (gsize i = 0; i < G_N_ELEMENTS (wait_kinds); i++)
    if (strcmp (kind, wait_kinds[i].name) == 0)
      {
        LsAsyncioFuture *f = LS_FUTURE (t);
        f->wait_state = wait_kinds[i].state;
        f->wait_detail = nargs > 1 && LS_IS_INT (args[1]) ? (int) LS_AS_INT (args[1]) : -1;
        break;
      }
  return LS_NONE;
}

static const struct
{
  const char        *name;
  LsTraceObjectKind  kind;
} object_kinds[] = {
  { "Queue", LS_TRACE_OBJECT_QUEUE },
  { "LifoQueue", LS_TRACE_OBJECT_LIFO_QUEUE },
  { "PriorityQueue", LS_TRACE_OBJECT_PRIORITY_QUEUE },
  { "Semaphore", LS_TRACE_OBJECT_SEMAPHORE },
  { "BoundedSemaphore", LS_TRACE_OBJECT_BOUNDED_SEMAPHORE },
  { "Lock", LS_TRACE_OBJECT_LOCK },
  { "Event", LS_TRACE_OBJECT_EVENT },
  { "Condition", LS_TRACE_OBJECT_CONDITION },
  { "Barrier", LS_TRACE_OBJECT_BARRIER },
  { "TaskGroup", LS_TRACE_OBJECT_TASKGROUP },
};

/* _trace_object(kind, capacity) -> object id (-1 without a trace); its
 * label is the variable the program is about to store it in. */
static LsValue
core_trace_object (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);
  const char *kind;

  if (st->trace == NULL || nargs < 1 || !LS_OBJ_IS (args[0], LS_OBJ_STR))
    return ls_int (-1);
  kind = ls_str_cstr ((LsStr *) LS_AS_OBJ (args[0]));
  for (gsize i = 0; i < G_N_ELEMENTS (object_kinds); i++)
    if (strcmp (kind, object_kinds[i].name) == 0)
      {
        gint64 cap = nargs > 1 && LS_IS_INTLIKE (args[1]) ? LS_AS_INT (args[1]) : 0;
        const char *label = ls_vm_user_store_target (vm, LIBRARY_PREFIX);
        return ls_int (ls_trace_add_object (st->trace, _ls_asyncio_trace_now (st), object_kinds[i].kind,
                                            label, MAX (cap, 0)));
      }
  return ls_int (-1);
}

/* _trace_sample(object_id, series, value) */
static LsValue
core_trace_sample (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);
  double v;

  if (st->trace == NULL || nargs != 3 || !LS_IS_INT (args[0]) || LS_AS_INT (args[0]) < 0
      || !LS_OBJ_IS (args[1], LS_OBJ_STR))
    return LS_NONE;
  v = LS_IS_FLOAT (args[2]) ? LS_AS_FLOAT (args[2]) : LS_IS_INTLIKE (args[2]) ? (double) LS_AS_INT (args[2]) : 0;
  ls_trace_object_sample (st->trace, (gint) LS_AS_INT (args[0]), ls_str_cstr ((LsStr *) LS_AS_OBJ (args[1])),
                          _ls_asyncio_trace_now (st), v);
  return LS_NONE;
}

/* _trace_next_main(): the next task created runs asyncio.run()'s coroutine. */
static LsValue
core_trace_next_main (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);

  st->next_task_main = st->trace != NULL;
  return LS_NONE;
}

/* _trace_timeout(task): a timeout() block expired and cancels task. */
static LsValue
core_trace_timeout (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);
  gint id;
  gint64 now;

  if (st->trace == NULL || nargs != 1 || !_ls_asyncio_is_task (st, args[0]))
    return LS_NONE;
  id = LS_FUTURE ((LsCData *) LS_AS_OBJ (args[0]))->trace_id;
  if (id < 0)
    return LS_NONE;
  now = _ls_asyncio_trace_now (st);
  ls_trace_add_flow (st->trace, LS_TRACE_FLOW_TIMEOUT, LS_TRACE_NO_ID, id, now, now, LS_TRACE_NO_ID);
  ls_trace_add_instant (st->trace, now, id, LS_TRACE_INSTANT_TIMEOUT, NULL);
  return LS_NONE;
}

void
_ls_asyncio_trace_module_init (LsAsyncioState *st,
                               LsDict         *dict,
                               LsValue         data)
{
  static const struct { const char *name; LsNativeFn fn; } hooks[] = {
    { "_trace_wait", core_trace_wait },
    { "_trace_object", core_trace_object },
    { "_trace_sample", core_trace_sample },
    { "_trace_next_main", core_trace_next_main },
    { "_trace_timeout", core_trace_timeout },
  };
  LsVM *vm = st->vm;

  for (gsize i = 0; i < G_N_ELEMENTS (hooks); i++)
    ls_dict_set_cstr (vm, dict, hooks[i].name, ls_native_new (vm, hooks[i].name, hooks[i].fn, data));
  ls_dict_set_cstr (vm, dict, "_tracing", ls_bool (st->trace != NULL));
}
