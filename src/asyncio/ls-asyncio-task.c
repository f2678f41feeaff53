/* ls-asyncio-task.c: asyncio.Task: a coroutine driven step by step by the loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Step and wake-up follow CPython 3.11's _asyncio Task: a step sends None
 * (or throws an exception) into the coroutine; what the coroutine yields
 * decides what happens next: a pending future gets the task's wake-up as a
 * done callback (so the task runs one loop iteration after the future
 * completes), a bare yield schedules the next step at once. A requested
 * cancellation (_must_cancel) is thrown in at the next step; cancel() on a
 * task waiting for a future cancels that future instead.
 *
 * A step runs through ls_vm_gen_send/throw with an instruction budget; when
 * the budget runs out the step is suspended and the loop resumes it later
 * (_ls_asyncio_task_resume). Only the loop's own driver runs at native depth
 * 0; a loop run nested inside a native steps coroutines nested, unbudgeted.
 */
#include "config.h"

#include <string.h>

#include "ls-asyncio-private.h"

void _ls_asyncio_add_property (LsAsyncioState *st, LsType *type, const char *name,
                               LsNativeFn getter, LsNativeFn setter);

/* ------------------------------------------------- the pending list */

static void
task_link (LsAsyncioState *st,
           LsCData        *task)
{
  LsAsyncioFuture *f = LS_FUTURE (task);

  f->all_prev = st->all_tail;
  f->all_next = NULL;
  if (st->all_tail != NULL)
    LS_FUTURE (st->all_tail)->all_next = task;
  else
    st->all_head = task;
  st->all_tail = task;
  st->n_pending_tasks++;
}

void _ls_asyncio_task_unlink (LsAsyncioState *st, LsCData *task);

void
_ls_asyncio_task_unlink (LsAsyncioState *st,
                         LsCData        *task)
{
  LsAsyncioFuture *f = LS_FUTURE (task);

  if (f->all_prev == NULL && st->all_head != task)
    return;
  if (f->all_prev != NULL)
    LS_FUTURE (f->all_prev)->all_next = f->all_next;
  else
    st->all_head = f->all_next;
  if (f->all_next != NULL)
    LS_FUTURE (f->all_next)->all_prev = f->all_prev;
  else
    st->all_tail = f->all_prev;
  f->all_prev = f->all_next = NULL;
  st->n_pending_tasks--;
  _ls_asyncio_trace_task_end (st, task);
}

/* ------------------------------------------------------- creation */

LsCData *
_ls_asyncio_task_new (LsAsyncioState *st,
                      LsCData        *loop,
                      LsValue         coro,
                      LsValue         name)
{
  LsVM *vm = st->vm;
  LsCData *cd;
  LsAsyncioFuture *f;

  if (!_ls_asyncio_is_coroutine (vm, coro))
    {
      LsValue r = ls_repr (vm, coro);
      if (LS_IS_ERR (r))
        return NULL;
      ls_raise (vm, LS_EXC_TYPE_ERROR, "a coroutine was expected, got %s",
                ls_str_cstr ((LsStr *) LS_AS_OBJ (r)));
      return NULL;
    }
  cd = ls_cdata_new (vm, st->task_type);
  f = LS_FUTURE (cd);
  _ls_asyncio_future_init (f, loop);
  f->is_task = TRUE;
  f->trace_id = -1;
  f->wait_state = -1;
  f->trace_line = -1;
  f->waiting_on = -1;
  if (LS_IS_UNDEF (name) || LS_IS_NONE (name))
    f->name = ls_int (++st->task_counter);
  else
    {
      LsValue s = ls_to_str (vm, name);
      if (LS_IS_ERR (s))
        return NULL;
      f->name = s;
    }
  f->coro = coro;
  f->fut_waiter = NULL;
  f->log_destroy_pending = TRUE;
  _ls_asyncio_call_soon (loop, LS_HANDLE_TASK_STEP, ls_obj (cd), LS_UNDEF);
  task_link (st, cd);
  _ls_asyncio_trace_task_new (st, cd);
  return cd;
}

LsValue
_ls_asyncio_task_get_name (LsAsyncioState *st,
                           LsCData        *task)
{
  LsAsyncioFuture *f = LS_FUTURE (task);

  if (LS_IS_INT (f->name))
    f->name = ls_obj (ls_str_printf (st->vm, "Task-%" G_GINT64_FORMAT, LS_AS_INT (f->name)));
  return f->name;
}

/* ----------------------------------------------------------- steps */

/* Calls fut.cancel(msg), honouring Python subclasses (gather's future). */
static int
cancel_future (LsAsyncioState *st,
               LsValue         fut,
               LsValue         msg)
{
  LsVM *vm = st->vm;
  LsValue r;

  if (_ls_asyncio_future_exact (st, fut) && !LS_FUTURE ((LsCData *) LS_AS_OBJ (fut))->is_task)
    return _ls_asyncio_future_cancel (st, (LsCData *) LS_AS_OBJ (fut), msg);
  r = ls_call_method (vm, fut, ls_str_intern (vm, "cancel", -1), &msg, 1);
  if (LS_IS_ERR (r))
    return -1;
  return ls_truthy (vm, r);
}

static LsValue
repr_cstr (LsVM     *vm,
           LsValue   v,
           char    **out)
{
  LsValue r = ls_repr (vm, v);

  if (LS_IS_ERR (r))
    {
      ls_exc_clear (vm);
      *out = g_strdup ("<?>");
      return LS_NONE;
    }
  *out = g_strdup (ls_str_cstr ((LsStr *) LS_AS_OBJ (r)));
  return r;
}

/* Schedules a step that throws RuntimeError(message about task/obj) in. */
static void
step_soon_with_error (LsAsyncioState *st,
                      LsCData        *task,
                      const char     *fmt,
                      LsValue         obj)
{
  LsVM *vm = st->vm;
  g_autofree char *t = NULL;
  g_autofree char *o = NULL;
  g_autofree char *text = NULL;
  LsValue msg, exc;

  repr_cstr (vm, ls_obj (task), &t);
  if (!LS_IS_UNDEF (obj))
    repr_cstr (vm, obj, &o);
  text = g_strdup_printf (fmt, t, o ? o : "");
  msg = ls_str_value (vm, text);
  exc = ls_exc_new (vm, LS_EXC (vm, RUNTIME_ERROR), &msg, 1);
  _ls_asyncio_call_soon (LS_FUTURE (task)->loop, LS_HANDLE_TASK_STEP, ls_obj (task), exc);
}

static LsValue
wakeup_native (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw);

/* The coroutine yielded a future-like object that is not one of ours. */
static void
wait_on_foreign (LsAsyncioState *st,
                 LsCData        *task,
                 LsValue         result,
                 LsValue         blocking)
{
  LsVM *vm = st->vm;
  LsAsyncioFuture *f = LS_FUTURE (task);
  LsValue wake, r;
  int b = ls_truthy (vm, blocking);

  if (b <= 0)
    {
      ls_exc_clear (vm);
      step_soon_with_error (st, task, "yield was used instead of yield from in task %s with %s", result);
      return;
    }
  if (ls_setattr (vm, result, ls_str_intern (vm, "_asyncio_future_blocking", -1), LS_FALSE) < 0)
    goto fail;
  wake = ls_native_new (vm, "task_wakeup", wakeup_native, ls_obj (task));
  r = ls_call_method (vm, result, ls_str_intern (vm, "add_done_callback", -1), &wake, 1);
  if (LS_IS_ERR (r))
    goto fail;
  f->fut_waiter = LS_AS_OBJ (result);   /* an object: it had the attribute */
  if (f->must_cancel && cancel_future (st, result, f->cancel_message) > 0)
    f->must_cancel = FALSE;
  return;

fail:
  _ls_asyncio_report (st, f->loop, "Exception in task step", ls_exc_fetch (vm), "task", ls_obj (task));
}

/* What the coroutine yielded decides how the task goes on. */
static void
handle_yield (LsAsyncioState *st,
              LsCData        *task,
              LsValue         result)
{
  LsVM *vm = st->vm;
  LsAsyncioFuture *f = LS_FUTURE (task);
  LsValue blocking;

  if (ls_is (result, ls_obj (task)))
    {
      step_soon_with_error (st, task, "Task cannot await on itself: %s", LS_UNDEF);
      return;
    }
  if (_ls_asyncio_is_future (st, result))
    {
      LsCData *rcd = (LsCData *) LS_AS_OBJ (result);
      LsAsyncioFuture *rf = LS_FUTURE (rcd);
      if (rf->loop != f->loop)
        {
          step_soon_with_error (st, task, "Task %s got Future %s attached to a different loop", result);
          return;
        }
      if (!rf->blocking)
        {
          step_soon_with_error (st, task, "yield was used instead of yield from in task %s with %s",
                                result);
          return;
        }
      rf->blocking = FALSE;
      _ls_asyncio_future_add_callback (st, rcd, ls_obj (task), LS_CB_WAKEUP);
      f->fut_waiter = &rcd->hdr;
      _ls_asyncio_trace_task_wait (st, task, result);
      if (f->must_cancel)
        {
          int c = cancel_future (st, result, f->cancel_message);
          if (c < 0)
            _ls_asyncio_report (st, f->loop, "Exception in task step", ls_exc_fetch (vm), "task",
                                ls_obj (task));
          else if (c > 0)
            f->must_cancel = FALSE;
        }
      return;
    }
  if (LS_IS_NONE (result))
    {
      _ls_asyncio_call_soon (f->loop, LS_HANDLE_TASK_STEP, ls_obj (task), LS_UNDEF);
      _ls_asyncio_trace_task_state (st, task, LS_TRACE_STATE_READY, -1);
      return;
    }
  blocking = LS_OBJ_IS (result, LS_OBJ_TYPE) ? LS_UNDEF
             : ls_getattr_opt (vm, result, ls_str_intern (vm, "_asyncio_future_blocking", -1));
  if (LS_IS_UNDEF (blocking))
    ls_exc_clear (vm);
  if (!LS_IS_UNDEF (blocking) && !LS_IS_NONE (blocking))
    {
      wait_on_foreign (st, task, result, blocking);
      return;
    }
  if (LS_OBJ_IS (result, LS_OBJ_GENERATOR) && !ls_gen_is_coroutine (vm, result)
      && ls_typeof (vm, result) == vm->types[LS_T_GENERATOR])
    step_soon_with_error (st, task, "yield was used instead of yield from for generator in task %s "
                          "with %s", result);
  else
    {
      g_autofree char *r = NULL;
      repr_cstr (vm, result, &r);
      {
        g_autofree char *fmt = g_strdup_printf ("Task got bad yield: %s", r);
        LsValue msg = ls_str_value (vm, fmt);
        LsValue exc = ls_exc_new (vm, LS_EXC (vm, RUNTIME_ERROR), &msg, 1);
        _ls_asyncio_call_soon (f->loop, LS_HANDLE_TASK_STEP, ls_obj (task), exc);
      }
    }
}

static gboolean
is_fatal (LsVM    *vm,
          LsValue  exc)
{
  return ls_isinstance (vm, exc, LS_EXC (vm, KEYBOARD_INTERRUPT))
         || ls_isinstance (vm, exc, LS_EXC (vm, SYSTEM_EXIT));
}

/* The end of a step, once the coroutine yielded, returned or raised. */
static LsStepResult
finish_step (LsAsyncioState *st,
             LsCData        *task,
             LsRunStatus     status,
             LsValue         out)
{
  LsVM *vm = st->vm;
  LsAsyncioFuture *f = LS_FUTURE (task);
  LsAsyncioLoop *loop = LS_LOOP (f->loop);
  LsStepResult result = LS_STEP_DONE;

  switch (status)
    {
    case LS_RUN_RETURNED:
      if (f->must_cancel)
        {
          f->must_cancel = FALSE;
          _ls_asyncio_future_cancel (st, task, f->cancel_message);
        }
      else
        _ls_asyncio_future_set_result (st, task, out);
      break;
    case LS_RUN_ERROR:
      {
        LsValue exc = ls_exc_fetch (vm);
        if (_ls_asyncio_is_cancelled_error (st, exc))
          {
            f->cancelled_exc = LS_IS_OBJ (exc) ? LS_AS_OBJ (exc) : NULL;
            _ls_asyncio_future_cancel (st, task, LS_UNDEF);
          }
        else
          {
            _ls_asyncio_future_set_exception (st, task, exc);
            if (is_fatal (vm, exc))
              {
                loop->loop_error = exc;
                result = LS_STEP_FATAL;
              }
          }
      }
      break;
    case LS_RUN_YIELDED:
      handle_yield (st, task, out);
      break;
    default:
      g_assert_not_reached ();
    }
  loop->current_task = LS_UNDEF;
  return result;
}

static LsRunStatus
coro_step (LsAsyncioState *st,
           LsValue         coro,
           LsValue         exc,
           gint64          budget,
           LsValue        *out)
{
  LsVM *vm = st->vm;
  int r;

  if (vm->native_depth == 0 && !ls_vm_is_suspended (vm))
    return LS_IS_UNDEF (exc) ? ls_vm_gen_send (vm, coro, LS_NONE, budget, out)
                             : ls_vm_gen_throw (vm, coro, exc, budget, out);
  r = LS_IS_UNDEF (exc) ? ls_gen_send (vm, coro, LS_NONE, out) : ls_gen_throw (vm, coro, exc, out);
  return r > 0 ? LS_RUN_YIELDED : r == 0 ? LS_RUN_RETURNED : LS_RUN_ERROR;
}

LsStepResult
_ls_asyncio_task_step (LsAsyncioState *st,
                       LsCData        *task,
                       LsValue         exc,
                       gint64          budget)
{
  LsVM *vm = st->vm;
  LsAsyncioFuture *f = LS_FUTURE (task);
  LsAsyncioLoop *loop = LS_LOOP (f->loop);
  LsValue out = LS_NONE;
  LsRunStatus status;

  if (f->state != LS_FUT_PENDING)
    {
      g_autofree char *t = NULL, *e = NULL;
      repr_cstr (vm, ls_obj (task), &t);
      repr_cstr (vm, LS_IS_UNDEF (exc) ? LS_NONE : exc, &e);
      _ls_asyncio_raise_invalid_state (st, "_step(): already done: %s %s", t, e);
      _ls_asyncio_report (st, f->loop, "Exception in callback Task.__step()", ls_exc_fetch (vm),
                          "handle", LS_UNDEF);
      return LS_STEP_DONE;
    }
  if (f->must_cancel)
    {
      if (LS_IS_UNDEF (exc) || !_ls_asyncio_is_cancelled_error (st, exc))
        {
          exc = _ls_asyncio_make_cancelled_error (st, task);
          if (LS_IS_ERR (exc))
            {
              _ls_asyncio_report (st, f->loop, "Exception in callback Task.__step()",
                                  ls_exc_fetch (vm), "handle", LS_UNDEF);
              return LS_STEP_DONE;
            }
        }
      f->must_cancel = FALSE;
    }
  f->fut_waiter = NULL;
  if (!LS_IS_UNDEF (loop->current_task))
    {
      _ls_asyncio_report (st, f->loop, "Cannot enter into task while another task is being executed.",
                          LS_UNDEF, "task", ls_obj (task));
      return LS_STEP_DONE;
    }
  loop->current_task = ls_obj (task);
  _ls_asyncio_trace_task_state (st, task, LS_TRACE_STATE_RUNNING, -1);
  status = coro_step (st, f->coro, exc, budget, &out);
  if (status == LS_RUN_SUSPENDED)
    {
      loop->stepping = task;
      return LS_STEP_SUSPENDED;
    }
  return finish_step (st, task, status, out);
}

LsStepResult
_ls_asyncio_task_resume (LsAsyncioState *st,
                         LsCData        *task,
                         gint64          budget)
{
  LsAsyncioLoop *loop = LS_LOOP (LS_FUTURE (task)->loop);
  LsValue out = LS_NONE;
  LsRunStatus status = ls_vm_resume (st->vm, budget, &out);

  if (status == LS_RUN_SUSPENDED)
    return LS_STEP_SUSPENDED;
  loop->stepping = NULL;
  return finish_step (st, task, status, out);
}

LsStepResult
_ls_asyncio_task_wakeup (LsAsyncioState *st,
                         LsCData        *task,
                         LsValue         fut,
                         gint64          budget)
{
  LsVM *vm = st->vm;
  LsValue exc = LS_UNDEF;

  if (_ls_asyncio_future_exact (st, fut))
    {
      LsCData *fcd = (LsCData *) LS_AS_OBJ (fut);
      LsAsyncioFuture *ff = LS_FUTURE (fcd);
      if (ff->state == LS_FUT_CANCELLED)
        exc = _ls_asyncio_make_cancelled_error (st, fcd);
      else if (ff->state != LS_FUT_FINISHED)
        {
          _ls_asyncio_raise_invalid_state (st, "Result is not set.");
          exc = ls_exc_fetch (vm);
        }
      else if (!LS_IS_NONE (ff->exception))
        {
          exc = ff->exception;
          if (LS_OBJ_IS (exc, LS_OBJ_EXCEPTION))
            ((LsException *) LS_AS_OBJ (exc))->traceback = ff->exception_tb != NULL
                                                           ? ls_obj (ff->exception_tb) : LS_NONE;
          ff->exception_tb = NULL;
          ff->log_traceback = FALSE;
        }
      if (LS_IS_ERR (exc) && !LS_IS_UNDEF (vm->exc))
        exc = ls_exc_fetch (vm);
    }
  else
    {
      LsValue r = ls_call_method (vm, fut, ls_str_intern (vm, "result", -1), NULL, 0);
      if (LS_IS_ERR (r))
        exc = ls_exc_fetch (vm);
    }
  return _ls_asyncio_task_step (st, task, exc, budget);
}

/* The wake-up handed to futures that are not ours (task_wakeup(fut)). The
 * loop recognizes it (_ls_asyncio_wakeup_task) and steps the task with its
 * budget; called any other way, it steps the task nested. */
static LsValue
wakeup_native (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);

  if (nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "task_wakeup() takes exactly one argument");
  vm->native_depth++;
  _ls_asyncio_task_wakeup (st, (LsCData *) LS_AS_OBJ (self), args[0], -1);
  vm->native_depth--;
  return LS_NONE;
}

LsCData *
_ls_asyncio_wakeup_task (LsValue callback)
{
  LsNative *n;

  if (!LS_OBJ_IS (callback, LS_OBJ_NATIVE))
    return NULL;
  n = (LsNative *) LS_AS_OBJ (callback);
  return n->fn == wakeup_native ? (LsCData *) LS_AS_OBJ (n->data) : NULL;
}

/* --------------------------------------------------- Python methods */

static LsCData *
task_of (LsVM    *vm,
         LsValue  self)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);

  if (!_ls_asyncio_is_task (st, self))
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "a Task was expected, got %s", ls_type_name (vm, self));
      return NULL;
    }
  return (LsCData *) LS_AS_OBJ (self);
}

#define TASK_OR_FAIL(cd, self)              \
  LsCData *cd = task_of (vm, self);         \
  if (cd == NULL)                           \
    return LS_ERR

static LsValue
task_ctor (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);
  LsValue a[4] = { LS_UNDEF, LS_NONE, LS_NONE, LS_NONE };
  LsCData *loop, *task;

  if (!ls_parse_args (vm, "Task", "coro|$loop,name,context", args, nargs, kw, a))
    return LS_ERR;
  if (_ls_asyncio_is_loop (st, a[1]))
    loop = (LsCData *) LS_AS_OBJ (a[1]);
  else if (!LS_IS_UNDEF (st->running_loop))
    loop = (LsCData *) LS_AS_OBJ (st->running_loop);
  else
    return ls_raise (vm, LS_EXC_RUNTIME_ERROR, "no running event loop");
  task = _ls_asyncio_task_new (st, loop, a[0], a[2]);
  if (task == NULL)
    return LS_ERR;
  if (LS_AS_OBJ (self) != (LsObj *) st->task_type)
    task->hdr.type = (LsType *) LS_AS_OBJ (self);
  return ls_obj (task);
}

static LsValue
task_get_name (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  TASK_OR_FAIL (cd, self);
  return _ls_asyncio_task_get_name (_ls_asyncio_state (vm), cd);
}

static LsValue
task_set_name (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsValue s;
  TASK_OR_FAIL (cd, self);

  if (nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "set_name() takes exactly one argument (%d given)", nargs);
  s = ls_to_str (vm, args[0]);
  if (LS_IS_ERR (s))
    return s;
  LS_FUTURE (cd)->name = s;
  if (_ls_asyncio_state (vm)->trace != NULL && LS_FUTURE (cd)->trace_id >= 0)
    ls_trace_task_set_name (_ls_asyncio_state (vm)->trace, LS_FUTURE (cd)->trace_id,
                            ls_str_cstr ((LsStr *) LS_AS_OBJ (s)));
  return LS_NONE;
}

static LsValue
task_get_coro (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  TASK_OR_FAIL (cd, self);
  return LS_FUTURE (cd)->coro;
}

static LsValue
task_cancel (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);
  LsValue a[1] = { LS_NONE };
  LsAsyncioFuture *f;
  TASK_OR_FAIL (cd, self);

  if (!ls_parse_args (vm, "cancel", "|msg", args, nargs, kw, a))
    return LS_ERR;
  f = LS_FUTURE (cd);
  f->log_traceback = FALSE;
  if (f->state != LS_FUT_PENDING)
    return LS_FALSE;
  f->num_cancels++;
  _ls_asyncio_trace_cancel (st, cd);
  if (f->fut_waiter != NULL)
    {
      int c = cancel_future (st, ls_obj (f->fut_waiter), a[0]);
      if (c < 0)
        return LS_ERR;
      if (c > 0)
        return LS_TRUE;
    }
  f->must_cancel = TRUE;
  f->cancel_message = a[0];
  return LS_TRUE;
}

static LsValue
task_cancelling (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  TASK_OR_FAIL (cd, self);
  return ls_int (LS_FUTURE (cd)->num_cancels);
}

static LsValue
task_uncancel (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioFuture *f;
  TASK_OR_FAIL (cd, self);

  f = LS_FUTURE (cd);
  if (f->num_cancels > 0)
    f->num_cancels--;
  return ls_int (f->num_cancels);
}

static LsValue
task_get_stack (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  TASK_OR_FAIL (cd, self);
  return ls_obj (ls_list_new (vm, 0));
}

#define TASK_GETTER(name, expr)                                                      \
  static LsValue                                                                    \
  name (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)         \
  {                                                                                 \
    LsCData *cd = task_of (vm, args[0]);                                            \
    LsAsyncioFuture *f;                                                             \
    if (cd == NULL)                                                                 \
      return LS_ERR;                                                                \
    f = LS_FUTURE (cd);                                                             \
    return (expr);                                                                  \
  }

TASK_GETTER (get_coro_prop, f->coro)
TASK_GETTER (get_fut_waiter, f->fut_waiter == NULL ? LS_NONE : ls_obj (f->fut_waiter))
TASK_GETTER (get_must_cancel, ls_bool (f->must_cancel))
TASK_GETTER (get_log_destroy_pending, ls_bool (f->log_destroy_pending))
TASK_GETTER (get_num_cancels, ls_int (f->num_cancels))

static LsValue
set_log_destroy_pending (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsCData *cd = task_of (vm, args[0]);
  int t;

  if (cd == NULL)
    return LS_ERR;
  t = ls_truthy (vm, args[1]);
  if (t < 0)
    return LS_ERR;
  LS_FUTURE (cd)->log_destroy_pending = (guint8) t;
  return LS_NONE;
}

void
_ls_asyncio_task_init_types (LsAsyncioState *st)
{
  LsVM *vm = st->vm;
  LsType *t = ls_type_new_builtin (vm, "Task", st->future_type, LS_OBJ_CDATA);
  static const struct { const char *name; LsNativeFn fn; } methods[] = {
    { "get_name", task_get_name },
    { "set_name", task_set_name },
    { "get_coro", task_get_coro },
    { "cancel", task_cancel },
    { "cancelling", task_cancelling },
    { "uncancel", task_uncancel },
    { "get_stack", task_get_stack },
  };

  /* The payload and its class (the awaitable protocol included) are Future's. */
  t->module = ls_str_intern (vm, "_asyncio", -1);
  t->cdata_size = sizeof (LsAsyncioFuture);
  t->ctor = task_ctor;
  for (gsize i = 0; i < G_N_ELEMENTS (methods); i++)
    ls_type_add_method (vm, t, methods[i].name, methods[i].fn);
  _ls_asyncio_add_property (st, t, "_coro", get_coro_prop, NULL);
  _ls_asyncio_add_property (st, t, "_fut_waiter", get_fut_waiter, NULL);
  _ls_asyncio_add_property (st, t, "_must_cancel", get_must_cancel, NULL);
  _ls_asyncio_add_property (st, t, "_log_destroy_pending", get_log_destroy_pending,
                            set_log_destroy_pending);
  _ls_asyncio_add_property (st, t, "_num_cancels_requested", get_num_cancels, NULL);
  st->task_type = t;
}
