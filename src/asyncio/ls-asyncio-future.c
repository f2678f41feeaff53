/* ls-asyncio-future.c: asyncio.Future, natively.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Follows CPython 3.11's Future: done callbacks are never called directly but
 * scheduled with call_soon() in the order they were added; a cancelled
 * future raises the CancelledError saved by its task, else a new one carrying
 * the cancel message. The future is its own awaitable (LsCDataClass.send):
 * awaiting a pending future yields the future itself, which tells the task
 * to wait for it; once done, the await returns the result.
 */
#include "config.h"

#include <string.h>

#include "ls-asyncio-private.h"

void _ls_asyncio_add_property (LsAsyncioState *st, LsType *type, const char *name,
                               LsNativeFn getter, LsNativeFn setter);
void _ls_asyncio_task_unlink (LsAsyncioState *st, LsCData *task);

void
_ls_asyncio_future_trace (LsVM    *vm,
                          LsCData *self)
{
  LsAsyncioFuture *f = LS_FUTURE (self);

  ls_gc_mark_obj (vm, f->loop);
  ls_gc_mark_value (vm, f->result);
  ls_gc_mark_value (vm, f->exception);
  ls_gc_mark_obj (vm, f->exception_tb);
  ls_gc_mark_value (vm, f->cancel_message);
  ls_gc_mark_obj (vm, f->cancelled_exc);
  for (guint i = 0; i < f->n_callbacks; i++)
    ls_gc_mark_value (vm, f->callbacks[i].fn);
  if (!f->is_task)
    return;
  ls_gc_mark_value (vm, f->coro);
  ls_gc_mark_value (vm, f->name);
  ls_gc_mark_obj (vm, f->fut_waiter);
}

void
_ls_asyncio_future_finalize (LsVM    *vm,
                             LsCData *self)
{
  LsAsyncioFuture *f = LS_FUTURE (self);

  ls_gc_free_buffer (vm, f->callbacks, f->cap_callbacks * sizeof (LsFutureCallback));
  f->callbacks = NULL;
}

static int future_send  (LsVM *vm, LsCData *self, LsValue arg, LsValue *out);
static int future_throw (LsVM *vm, LsCData *self, LsValue exc, LsValue *out);

static const LsCDataClass future_class = {
  "Future", _ls_asyncio_future_trace, _ls_asyncio_future_finalize, future_send, future_throw,
};

void
_ls_asyncio_future_init (LsAsyncioFuture *f,
                         LsCData         *loop)
{
  f->state = LS_FUT_PENDING;
  f->loop = loop;
  f->result = LS_NONE;
  f->exception = LS_NONE;
  f->exception_tb = NULL;
  f->cancel_message = LS_NONE;
  f->cancelled_exc = NULL;
}

LsCData *
_ls_asyncio_future_new (LsAsyncioState *st,
                        LsCData        *loop)
{
  LsCData *cd = ls_cdata_new (st->vm, st->future_type);

  _ls_asyncio_future_init (LS_FUTURE (cd), loop);
  return cd;
}

gboolean
_ls_asyncio_is_future_cdata (LsCData *cd)
{
  return cd->klass == &future_class;
}

gboolean
_ls_asyncio_future_exact (LsAsyncioState *st,
                          LsValue         v)
{
  return LS_OBJ_IS (v, LS_OBJ_CDATA)
         && (LS_AS_OBJ (v)->type == st->future_type || LS_AS_OBJ (v)->type == st->task_type);
}

/* --------------------------------------------------------- callbacks */

static void
schedule_callbacks (LsAsyncioState *st,
                    LsCData        *self)
{
  LsAsyncioFuture *f = LS_FUTURE (self);
  guint n = f->n_callbacks;
  LsFutureCallback *cbs = f->callbacks;
  gsize cap = f->cap_callbacks;

  if (f->is_task && f->state != LS_FUT_PENDING)
    _ls_asyncio_task_unlink (st, self);
  if (n == 0)
    return;
  /* Detach the list first: scheduling may not add to it, but be safe. */
  f->callbacks = NULL;
  f->n_callbacks = 0;
  f->cap_callbacks = 0;
  _ls_asyncio_trace_wake (st, self, cbs, n);
  for (guint i = 0; i < n; i++)
    {
      if (cbs[i].kind == LS_CB_WAKEUP)
        _ls_asyncio_call_soon (f->loop, LS_HANDLE_TASK_WAKEUP, cbs[i].fn, ls_obj (self));
      else
        _ls_asyncio_call_soon (f->loop, LS_HANDLE_CALL1, cbs[i].fn, ls_obj (self));
    }
  ls_gc_free_buffer (st->vm, cbs, cap * sizeof (LsFutureCallback));
}

void
_ls_asyncio_future_add_callback (LsAsyncioState *st,
                                 LsCData        *self,
                                 LsValue         fn,
                                 LsCallbackKind  kind)
{
  LsAsyncioFuture *f = LS_FUTURE (self);

  if (f->state != LS_FUT_PENDING)
    {
      _ls_asyncio_call_soon (f->loop, kind == LS_CB_WAKEUP ? LS_HANDLE_TASK_WAKEUP : LS_HANDLE_CALL1,
                             fn, ls_obj (self));
      return;
    }
  if (f->n_callbacks == f->cap_callbacks)
    {
      gsize cap = f->cap_callbacks ? f->cap_callbacks * 2 : 1;   /* mostly one: a waiting task */
      f->callbacks = ls_gc_realloc_buffer (st->vm, f->callbacks,
                                           f->cap_callbacks * sizeof (LsFutureCallback),
                                           cap * sizeof (LsFutureCallback));
      f->cap_callbacks = (guint32) cap;
    }
  f->callbacks[f->n_callbacks].fn = fn;
  f->callbacks[f->n_callbacks].kind = (guint8) kind;
  f->n_callbacks++;
}

/* ------------------------------------------------------ completion */

gboolean
_ls_asyncio_future_set_result (LsAsyncioState *st,
                               LsCData        *self,
                               LsValue         result)
{
  LsAsyncioFuture *f = LS_FUTURE (self);

  f->result = result;
  f->state = LS_FUT_FINISHED;
  schedule_callbacks (st, self);
  return TRUE;
}

/* Forgets the failed futures whose exception was looked at since, now
 * and then, so a long run does not keep them all. */
static void
prune_unretrieved (LsList *list)
{
  gsize kept = 0;

  if (list->len < 64 || (list->len & (list->len - 1)) != 0)
    return;
  for (gsize i = 0; i < list->len; i++)
    if (LS_FUTURE ((LsCData *) LS_AS_OBJ (list->items[i]))->log_traceback)
      list->items[kept++] = list->items[i];
  list->len = kept;
}

gboolean
_ls_asyncio_future_set_exception (LsAsyncioState *st,
                                  LsCData        *self,
                                  LsValue         exc)
{
  LsAsyncioFuture *f = LS_FUTURE (self);

  f->exception = exc;
  f->exception_tb = NULL;
  if (LS_OBJ_IS (exc, LS_OBJ_EXCEPTION) && LS_IS_OBJ (((LsException *) LS_AS_OBJ (exc))->traceback))
    f->exception_tb = LS_AS_OBJ (((LsException *) LS_AS_OBJ (exc))->traceback);
  f->state = LS_FUT_FINISHED;
  schedule_callbacks (st, self);
  f->log_traceback = TRUE;
  if (LS_IS_UNDEF (st->unretrieved))
    st->unretrieved = ls_obj (ls_list_new (st->vm, 4));
  prune_unretrieved ((LsList *) LS_AS_OBJ (st->unretrieved));
  ls_list_append (st->vm, (LsList *) LS_AS_OBJ (st->unretrieved), ls_obj (self));
  return TRUE;
}

void
_ls_asyncio_report_unretrieved (LsAsyncioState *st,
                                LsCData        *loop)
{
  LsList *list;
  gsize kept = 0;

  if (LS_IS_UNDEF (st->unretrieved))
    return;
  list = (LsList *) LS_AS_OBJ (st->unretrieved);
  for (gsize i = 0; i < list->len; i++)
    {
      LsCData *cd = (LsCData *) LS_AS_OBJ (list->items[i]);
      LsAsyncioFuture *f = LS_FUTURE (cd);
      if (f->loop != loop)
        {
          list->items[kept++] = list->items[i];
          continue;
        }
      if (!f->log_traceback)
        continue;
      f->log_traceback = FALSE;
      _ls_asyncio_report (st, loop, f->is_task ? "Task exception was never retrieved"
                                               : "Future exception was never retrieved",
                          f->exception, "future", ls_obj (cd));
    }
  list->len = kept;
}

gboolean
_ls_asyncio_future_cancel (LsAsyncioState *st,
                           LsCData        *self,
                           LsValue         msg)
{
  LsAsyncioFuture *f = LS_FUTURE (self);

  f->log_traceback = FALSE;
  if (f->state != LS_FUT_PENDING)
    return FALSE;
  f->state = LS_FUT_CANCELLED;
  f->cancel_message = LS_IS_UNDEF (msg) ? LS_NONE : msg;
  schedule_callbacks (st, self);
  return TRUE;
}

LsValue
_ls_asyncio_make_cancelled_error (LsAsyncioState *st,
                                  LsCData        *self)
{
  LsAsyncioFuture *f = LS_FUTURE (self);
  LsValue exc;

  if (f->cancelled_exc != NULL)
    {
      exc = ls_obj (f->cancelled_exc);
      f->cancelled_exc = NULL;
      return exc;
    }
  exc = _ls_asyncio_cancelled_error (st, f->cancel_message);
  f->cancelled_exc = NULL;
  return exc;
}

/* Raises exc as `raise exc.with_traceback(saved_tb)` does. */
static LsValue
raise_saved (LsVM    *vm,
             LsValue  exc,
             LsValue  tb)
{
  if (LS_OBJ_IS (exc, LS_OBJ_EXCEPTION))
    ((LsException *) LS_AS_OBJ (exc))->traceback = tb;
  return ls_raise_value (vm, exc);
}

LsValue
_ls_asyncio_future_result (LsAsyncioState *st,
                           LsCData        *self)
{
  LsAsyncioFuture *f = LS_FUTURE (self);
  LsVM *vm = st->vm;

  if (f->state == LS_FUT_CANCELLED)
    {
      LsValue exc = _ls_asyncio_make_cancelled_error (st, self);
      if (LS_IS_ERR (exc))
        return LS_ERR;
      return ls_raise_value (vm, exc);
    }
  if (f->state != LS_FUT_FINISHED)
    return _ls_asyncio_raise_invalid_state (st, "Result is not set.");
  f->log_traceback = FALSE;
  if (!LS_IS_NONE (f->exception))
    {
      /* Like CPython's C futures: the saved traceback is used once. */
      LsValue tb = f->exception_tb != NULL ? ls_obj (f->exception_tb) : LS_NONE;
      f->exception_tb = NULL;
      return raise_saved (vm, f->exception, tb);
    }
  return f->result;
}

/* --------------------------------------------------- the awaitable */

static int
future_send (LsVM    *vm,
             LsCData *self,
             LsValue  arg,
             LsValue *out)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);
  LsAsyncioFuture *f = LS_FUTURE (self);
  LsValue r;

  if (f->state == LS_FUT_PENDING)
    {
      f->blocking = TRUE;
      *out = ls_obj (self);
      return 1;
    }
  r = _ls_asyncio_future_result (st, self);
  if (LS_IS_ERR (r))
    return -1;
  *out = r;
  return 0;
}

static int
future_throw (LsVM    *vm,
              LsCData *self,
              LsValue  exc,
              LsValue *out)
{
  if (LS_OBJ_IS (exc, LS_OBJ_TYPE))
    {
      exc = ls_call (vm, exc, NULL, 0, NULL);
      if (LS_IS_ERR (exc))
        return -1;
    }
  ls_raise_value (vm, exc);
  return -1;
}

/* ---------------------------------------------------- Python methods */

static LsCData *
future_of (LsVM    *vm,
           LsValue  self)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);

  if (!_ls_asyncio_is_future (st, self))
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "a Future was expected, got %s", ls_type_name (vm, self));
      return NULL;
    }
  return (LsCData *) LS_AS_OBJ (self);
}

#define FUTURE_OR_FAIL(cd, self)            \
  LsCData *cd = future_of (vm, self);       \
  if (cd == NULL)                           \
    return LS_ERR

static LsCData *
default_loop (LsVM *vm)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);
  LsValue mod, fn, loop;

  if (!LS_IS_UNDEF (st->running_loop))
    return (LsCData *) LS_AS_OBJ (st->running_loop);
  mod = ls_vm_import (vm, "asyncio");
  if (LS_IS_ERR (mod))
    return NULL;
  fn = ls_getattr (vm, mod, ls_str_intern (vm, "get_event_loop", -1));
  if (LS_IS_ERR (fn))
    return NULL;
  loop = ls_call (vm, fn, NULL, 0, NULL);
  if (LS_IS_ERR (loop))
    return NULL;
  if (!_ls_asyncio_is_loop (st, loop))
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "get_event_loop() returned a non-loop");
      return NULL;
    }
  return (LsCData *) LS_AS_OBJ (loop);
}

/* Future(*, loop=None) and Future.__init__ for subclasses. */
static gboolean
init_from_args (LsVM          *vm,
                LsCData       *cd,
                const char    *fname,
                const LsValue *args,
                int            nargs,
                LsTuple       *kw)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);
  LsValue a[1] = { LS_NONE };
  LsCData *loop;

  if (!ls_parse_args (vm, fname, "$|loop", args, nargs, kw, a))
    return FALSE;
  if (LS_IS_NONE (a[0]))
    loop = default_loop (vm);
  else if (_ls_asyncio_is_loop (st, a[0]))
    loop = (LsCData *) LS_AS_OBJ (a[0]);
  else
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "loop must be an event loop, not %s", ls_type_name (vm, a[0]));
      return FALSE;
    }
  if (loop == NULL)
    return FALSE;
  _ls_asyncio_future_init (LS_FUTURE (cd), loop);
  return TRUE;
}

static LsValue
future_ctor (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsCData *cd = ls_cdata_new (vm, (LsType *) LS_AS_OBJ (self));

  if (nargs == 0 && kw == NULL && LS_AS_OBJ (self) != (LsObj *) _ls_asyncio_state (vm)->future_type)
    {
      /* A subclass, maybe with an __init__ that calls super().__init__(loop=...). */
      LsAsyncioState *st = _ls_asyncio_state (vm);
      _ls_asyncio_future_init (LS_FUTURE (cd), LS_IS_UNDEF (st->running_loop)
                                   ? NULL : (LsCData *) LS_AS_OBJ (st->running_loop));
      return ls_obj (cd);
    }
  if (!init_from_args (vm, cd, "Future", args, nargs, kw))
    return LS_ERR;
  return ls_obj (cd);
}

static LsValue
future_init_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  FUTURE_OR_FAIL (cd, self);
  if (!init_from_args (vm, cd, "Future", args, nargs, kw))
    return LS_ERR;
  return LS_NONE;
}

static LsValue
future_cancel_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);
  LsValue a[1] = { LS_NONE };
  FUTURE_OR_FAIL (cd, self);

  if (!ls_parse_args (vm, "cancel", "|msg", args, nargs, kw, a))
    return LS_ERR;
  return ls_bool (_ls_asyncio_future_cancel (st, cd, a[0]));
}

static LsValue
future_cancelled (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  FUTURE_OR_FAIL (cd, self);
  return ls_bool (LS_FUTURE (cd)->state == LS_FUT_CANCELLED);
}

static LsValue
future_done (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  FUTURE_OR_FAIL (cd, self);
  return ls_bool (LS_FUTURE (cd)->state != LS_FUT_PENDING);
}

static LsValue
future_result (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  FUTURE_OR_FAIL (cd, self);
  return _ls_asyncio_future_result (_ls_asyncio_state (vm), cd);
}

static LsValue
future_exception (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);
  LsAsyncioFuture *f;
  FUTURE_OR_FAIL (cd, self);

  f = LS_FUTURE (cd);
  if (f->state == LS_FUT_CANCELLED)
    {
      LsValue exc = _ls_asyncio_make_cancelled_error (st, cd);
      return LS_IS_ERR (exc) ? exc : ls_raise_value (vm, exc);
    }
  if (f->state != LS_FUT_FINISHED)
    return _ls_asyncio_raise_invalid_state (st, "Exception is not set.");
  f->log_traceback = FALSE;
  return f->exception;
}

static LsValue
future_add_done_callback (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsValue a[2] = { LS_UNDEF, LS_NONE };
  FUTURE_OR_FAIL (cd, self);

  if (!ls_parse_args (vm, "add_done_callback", "fn|$context", args, nargs, kw, a))
    return LS_ERR;
  _ls_asyncio_future_add_callback (_ls_asyncio_state (vm), cd, a[0], LS_CB_CALL);
  return LS_NONE;
}

static LsValue
future_remove_done_callback (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioFuture *f;
  guint kept = 0, removed;
  FUTURE_OR_FAIL (cd, self);

  if (nargs != 1 || kw != NULL)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "remove_done_callback() takes exactly one argument");
  f = LS_FUTURE (cd);
  for (guint i = 0; i < f->n_callbacks; i++)
    {
      int eq = f->callbacks[i].kind == LS_CB_CALL ? ls_eq (vm, f->callbacks[i].fn, args[0]) : 0;
      if (eq < 0)
        return LS_ERR;
      if (!eq)
        f->callbacks[kept++] = f->callbacks[i];
    }
  removed = f->n_callbacks - kept;
  f->n_callbacks = kept;
  return ls_int (removed);
}

static const char *
state_name (LsAsyncioFuture *f)
{
  return f->state == LS_FUT_PENDING ? "PENDING" : f->state == LS_FUT_CANCELLED ? "CANCELLED"
                                                                                : "FINISHED";
}

/* What CPython's C Future says to a second completion. */
static LsValue
raise_already_done (LsVM    *vm,
                    LsValue  self)
{
  return _ls_asyncio_raise_invalid_state (_ls_asyncio_state (vm), "invalid state");
}

static LsValue
future_set_result_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  FUTURE_OR_FAIL (cd, self);
  if (nargs != 1 || kw != NULL)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "set_result() takes exactly one argument (%d given)", nargs);
  if (LS_FUTURE (cd)->is_task)
    return ls_raise (vm, LS_EXC_RUNTIME_ERROR, "Task does not support set_result operation");
  if (LS_FUTURE (cd)->state != LS_FUT_PENDING)
    return raise_already_done (vm, self);
  _ls_asyncio_future_set_result (_ls_asyncio_state (vm), cd, args[0]);
  return LS_NONE;
}

static LsValue
future_set_exception_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsValue exc;
  FUTURE_OR_FAIL (cd, self);

  if (nargs != 1 || kw != NULL)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "set_exception() takes exactly one argument (%d given)",
                     nargs);
  if (LS_FUTURE (cd)->is_task)
    return ls_raise (vm, LS_EXC_RUNTIME_ERROR, "Task does not support set_exception operation");
  if (LS_FUTURE (cd)->state != LS_FUT_PENDING)
    return raise_already_done (vm, self);
  exc = args[0];
  if (LS_OBJ_IS (exc, LS_OBJ_TYPE))
    {
      exc = ls_call (vm, exc, NULL, 0, NULL);
      if (LS_IS_ERR (exc))
        return exc;
    }
  if (!LS_OBJ_IS (exc, LS_OBJ_EXCEPTION))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "invalid exception object");
  if (LS_AS_OBJ (exc)->type == LS_EXC (vm, STOP_ITERATION))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "StopIteration interacts badly with generators and "
                     "cannot be raised into a Future");
  _ls_asyncio_future_set_exception (_ls_asyncio_state (vm), cd, exc);
  return LS_NONE;
}

static LsValue
future_get_loop (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  FUTURE_OR_FAIL (cd, self);
  return LS_FUTURE (cd)->loop ? ls_obj (LS_FUTURE (cd)->loop) : LS_NONE;
}

static LsValue
future_make_cancelled_error (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  FUTURE_OR_FAIL (cd, self);
  return _ls_asyncio_make_cancelled_error (_ls_asyncio_state (vm), cd);
}

static LsValue
future_await (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  FUTURE_OR_FAIL (cd, self);
  return self;
}

static LsValue
future_repr (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);
  LsValue fn;
  FUTURE_OR_FAIL (cd, self);

  fn = LS_FUTURE (cd)->is_task ? st->task_repr : st->future_repr;
  if (LS_IS_UNDEF (fn))
    return ls_obj (ls_str_printf (vm, "<%s %s>", ls_type_name (vm, self),
                                  state_name (LS_FUTURE (cd))));
  return ls_call (vm, fn, &self, 1, NULL);
}

/* Properties (getters get the instance as their argument). */

#define GETTER(name, expr)                                                           \
  static LsValue                                                                    \
  name (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)         \
  {                                                                                 \
    LsCData *cd = future_of (vm, args[0]);                                          \
    LsAsyncioFuture *f;                                                             \
    if (cd == NULL)                                                                 \
      return LS_ERR;                                                                \
    f = LS_FUTURE (cd);                                                             \
    (void) f;                                                                       \
    return (expr);                                                                  \
  }

GETTER (get_state, ls_str_value (vm, state_name (f)))
GETTER (get_result, f->result)
GETTER (get_exception, f->exception)
GETTER (get_loop_prop, f->loop ? ls_obj (f->loop) : LS_NONE)
GETTER (get_cancel_message, f->cancel_message)
GETTER (get_blocking, ls_bool (f->blocking))
GETTER (get_log_traceback, ls_bool (f->log_traceback))

static LsValue
get_callbacks (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);
  LsCData *cd = future_of (vm, args[0]);
  LsAsyncioFuture *f;
  LsList *list;

  if (cd == NULL)
    return LS_ERR;
  f = LS_FUTURE (cd);
  list = ls_list_new (vm, f->n_callbacks);
  for (guint i = 0; i < f->n_callbacks; i++)
    {
      LsValue pair[2];
      pair[0] = f->callbacks[i].kind == LS_CB_WAKEUP ? st->wakeup_marker : f->callbacks[i].fn;
      pair[1] = LS_NONE;
      ls_list_append (vm, list, ls_obj (ls_tuple_from (vm, pair, 2)));
    }
  return ls_obj (list);
}

static LsValue
set_cancel_message (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsCData *cd = future_of (vm, args[0]);

  if (cd == NULL)
    return LS_ERR;
  LS_FUTURE (cd)->cancel_message = args[1];
  return LS_NONE;
}

static LsValue
set_blocking (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsCData *cd = future_of (vm, args[0]);
  int t;

  if (cd == NULL)
    return LS_ERR;
  t = ls_truthy (vm, args[1]);
  if (t < 0)
    return LS_ERR;
  LS_FUTURE (cd)->blocking = (guint8) t;
  return LS_NONE;
}

static LsValue
set_log_traceback (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsCData *cd = future_of (vm, args[0]);
  int t;

  if (cd == NULL)
    return LS_ERR;
  t = ls_truthy (vm, args[1]);
  if (t < 0)
    return LS_ERR;
  if (t)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "_log_traceback can only be set to False");
  LS_FUTURE (cd)->log_traceback = FALSE;
  return LS_NONE;
}

void
_ls_asyncio_future_init_types (LsAsyncioState *st)
{
  LsVM *vm = st->vm;
  LsType *t = ls_type_new_builtin (vm, "Future", NULL, LS_OBJ_CDATA);
  static const struct { const char *name; LsNativeFn fn; } methods[] = {
    { "__init__", future_init_method },
    { "cancel", future_cancel_method },
    { "cancelled", future_cancelled },
    { "done", future_done },
    { "result", future_result },
    { "exception", future_exception },
    { "add_done_callback", future_add_done_callback },
    { "remove_done_callback", future_remove_done_callback },
    { "set_result", future_set_result_method },
    { "set_exception", future_set_exception_method },
    { "get_loop", future_get_loop },
    { "_make_cancelled_error", future_make_cancelled_error },
    { "__await__", future_await },
    { "__iter__", future_await },
    { "__repr__", future_repr },
  };

  t->module = ls_str_intern (vm, "_asyncio", -1);
  t->cdata_class = &future_class;
  /* A plain future has no use for the task's fields at the end. */
  t->cdata_size = G_STRUCT_OFFSET (LsAsyncioFuture, coro);
  t->ctor = future_ctor;
  for (gsize i = 0; i < G_N_ELEMENTS (methods); i++)
    ls_type_add_method (vm, t, methods[i].name, methods[i].fn);
  _ls_asyncio_add_property (st, t, "_state", get_state, NULL);
  _ls_asyncio_add_property (st, t, "_result", get_result, NULL);
  _ls_asyncio_add_property (st, t, "_exception", get_exception, NULL);
  _ls_asyncio_add_property (st, t, "_loop", get_loop_prop, NULL);
  _ls_asyncio_add_property (st, t, "_callbacks", get_callbacks, NULL);
  _ls_asyncio_add_property (st, t, "_cancel_message", get_cancel_message, set_cancel_message);
  _ls_asyncio_add_property (st, t, "_asyncio_future_blocking", get_blocking, set_blocking);
  _ls_asyncio_add_property (st, t, "_log_traceback", get_log_traceback, set_log_traceback);
  st->future_type = t;
}
