/* ls-asyncio-trace.c: what the runtime records into an LsTrace: tasks and
 * their state spans, waits on objects, wake-up flows and console lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every function is a no-op when the VM runs without a trace. The Python
 * library reports what a task is about to wait on (a queue, a lock, a
 * sleep...) through _asyncio_core._trace_wait() just before it awaits its
 * waiter future; the task's next yield turns that into the state of its span.
 */
#include "config.h"

#include <string.h>

#include "ls-asyncio-private.h"

gint64
_ls_asyncio_trace_now (LsAsyncioState *st)
{
  return ls_trace_time_from_seconds (_ls_asyncio_now (st));
}

/* The line the task's innermost coroutine of the program is at. */
static guint
task_line (LsAsyncioState *st,
           LsCData        *task)
{
  LsValue c = LS_FUTURE (task)->coro;
  guint line = 0;

  for (int guard = 0; guard < 256 && LS_OBJ_IS (c, LS_OBJ_GENERATOR); guard++)
    {
      LsCode *code = ls_gen_get_code (c);
      if (code != NULL && !g_str_has_prefix (ls_str_cstr (code->filename), "<asyncio"))
        line = (guint) MAX (0, ls_gen_get_line (c));
      c = ls_gen_get_awaiting (c);
    }
  return line;
}

static gint
current_trace_id (LsAsyncioState *st)
{
  LsValue t;

  if (LS_IS_UNDEF (st->running_loop))
    return LS_TRACE_NO_ID;
  t = LS_LOOP ((LsCData *) LS_AS_OBJ (st->running_loop))->current_task;
  if (LS_IS_UNDEF (t))
    return LS_TRACE_NO_ID;
  return LS_FUTURE ((LsCData *) LS_AS_OBJ (t))->trace_id;
}

void
_ls_asyncio_trace_task_new (LsAsyncioState *st,
                            LsCData        *task,
                            gboolean        is_main)
{
  LsValue name;
  int line = 0;

  if (st->trace == NULL)
    return;
  name = _ls_asyncio_task_get_name (st, task);
  ls_vm_current_location (st->vm, NULL, &line, NULL);
  LS_FUTURE (task)->trace_id =
    ls_trace_add_task (st->trace, _ls_asyncio_trace_now (st), ls_str_cstr ((LsStr *) LS_AS_OBJ (name)),
                       current_trace_id (st),
                       is_main ? LS_TRACE_TASK_KIND_MAIN : LS_TRACE_TASK_KIND_TASK, (guint) MAX (line, 0));
  if (current_trace_id (st) != LS_TRACE_NO_ID)
    ls_trace_add_flow (st->trace, LS_TRACE_FLOW_SPAWN, current_trace_id (st), LS_FUTURE (task)->trace_id,
                       _ls_asyncio_trace_now (st), _ls_asyncio_trace_now (st), LS_TRACE_NO_ID);
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
  ls_trace_task_set_state (st->trace, f->trace_id, _ls_asyncio_trace_now (st), (LsTraceState) state,
                           detail, task_line (st, task));
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

/* A task yielded `awaited` and waits for it. */
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
      state = LS_TRACE_STATE_AWAIT_TASK;
      detail = LS_FUTURE ((LsCData *) LS_AS_OBJ (awaited))->trace_id;
      ls_trace_add_flow (st->trace, LS_TRACE_FLOW_AWAIT, f->trace_id, detail, _ls_asyncio_trace_now (st),
                         _ls_asyncio_trace_now (st), LS_TRACE_NO_ID);
    }
  else
    state = LS_TRACE_STATE_AWAIT_FUTURE;
  _ls_asyncio_trace_task_state (st, task, state, detail);
}

/* A future completed: the tasks waiting for it become ready. */
void
_ls_asyncio_trace_wake (LsAsyncioState *st,
                        LsCData        *fut)
{
  (void) st;
  (void) fut;
}

/* -------------------------------------------------------- console */

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

  /* The VM's default stderr writer tells the streams apart by user_data. */
  st->err_write (text, len, st->write_data == GINT_TO_POINTER (1) ? GINT_TO_POINTER (2) : st->write_data);
  record_lines (st, LS_TRACE_STREAM_STDERR, text, len);
}

void
_ls_asyncio_install_console (LsAsyncioState *st)
{
  LsVM *vm = st->vm;

  st->out_write = vm->stdout_write;
  st->err_write = vm->stderr_write;
  st->write_data = vm->write_data;
  vm->stdout_write = console_out;
  vm->stderr_write = console_err;
  vm->write_data = st;
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
  LsValue t;
  const char *kind;

  if (st->trace == NULL || nargs < 1 || !LS_OBJ_IS (args[0], LS_OBJ_STR) || LS_IS_UNDEF (st->running_loop))
    return LS_NONE;
  t = LS_LOOP ((LsCData *) LS_AS_OBJ (st->running_loop))->current_task;
  if (LS_IS_UNDEF (t))
    return LS_NONE;
  kind = ls_str_cstr ((LsStr *) LS_AS_OBJ (args[0]));
  for (gsize i = 0; i < G_N_ELEMENTS (wait_kinds); i++)
    if (strcmp (kind, wait_kinds[i].name) == 0)
      {
        LsAsyncioFuture *f = LS_FUTURE ((LsCData *) LS_AS_OBJ (t));
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

/* _trace_object(kind, capacity) -> object id, or -1 without a trace. */
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
        return ls_int (ls_trace_add_object (st->trace, _ls_asyncio_trace_now (st), object_kinds[i].kind,
                                            NULL, MAX (cap, 0)));
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

/* _trace_main(task): the task asyncio.run() runs the program's coroutine in. */
static LsValue
core_trace_main (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  (void) vm;
  return LS_NONE;
}

void
_ls_asyncio_trace_module_init (LsAsyncioState *st,
                               LsDict         *dict,
                               LsValue         data)
{
  LsVM *vm = st->vm;

  ls_dict_set_cstr (vm, dict, "_trace_wait", ls_native_new (vm, "_trace_wait", core_trace_wait, data));
  ls_dict_set_cstr (vm, dict, "_trace_object", ls_native_new (vm, "_trace_object", core_trace_object, data));
  ls_dict_set_cstr (vm, dict, "_trace_sample", ls_native_new (vm, "_trace_sample", core_trace_sample, data));
  ls_dict_set_cstr (vm, dict, "_trace_main", ls_native_new (vm, "_trace_main", core_trace_main, data));
  ls_dict_set_cstr (vm, dict, "_tracing", ls_bool (st->trace != NULL));
}
