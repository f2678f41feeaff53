/* ls-asyncio-sleep.c: asyncio.sleep(), natively.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The most frequent await of all, so it is a small native coroutine-like
 * object instead of a Python coroutine with a frame: it behaves as CPython's
 * `async def sleep(delay, result=None)` step for step. Its first step checks
 * the delay (a delay <= 0 is one bare yield) or creates the future and the
 * timer that completes it (loop.call_later(delay,
 * _set_result_unless_cancelled, future, result)), and yields the future; the
 * step after returns the future's result; leaving early cancels the timer
 * (its `finally: h.cancel()`). Reprs show CPython's own lines of tasks.py.
 *
 * That timer handle is the sleep object itself: its payload starts with a
 * handle's, so a sleeping task costs one object less (nobody else ever sees
 * the handle).
 */
#include "config.h"

#include "ls-asyncio-private.h"

typedef enum
{
  SLEEP_CREATED,
  SLEEP_YIELDED,     /* delay <= 0: yielded once */
  SLEEP_WAITING,     /* waiting for the future */
  SLEEP_DONE,
} SleepState;

typedef struct
{
  LsAsyncioHandle timer;   /* first: a SET_RESULT timer; a: the future, b: the result */
  guint8          state;
  LsValue         delay;
} Sleep;

#define SLEEP(cd) ((Sleep *) ls_cdata_payload (cd))

/* Where CPython's sleep() is, for the reprs of tasks running one. */
#define SLEEP_FILE  "/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/tasks.py"
#define SLEEP_DEF   637
#define SLEEP_ZERO  640
#define SLEEP_AWAIT 649

static void
sleep_trace (LsVM    *vm,
             LsCData *self)
{
  Sleep *s = SLEEP (self);

  ls_gc_mark_value (vm, s->delay);
  ls_gc_mark_value (vm, s->timer.a);
  ls_gc_mark_value (vm, s->timer.b);
  ls_gc_mark_obj (vm, s->timer.loop);
}

static inline LsCData *
sleep_future (Sleep *s)
{
  return (LsCData *) LS_AS_OBJ (s->timer.a);
}

/* Cancelling the timer (a no-op once it ran) also drops the future and result. */
static void
sleep_finish (LsCData *self)
{
  Sleep *s = SLEEP (self);

  if (s->state == SLEEP_WAITING)
    _ls_asyncio_handle_cancel (self);
  s->timer.a = LS_NONE;
  s->timer.b = LS_NONE;
  s->state = SLEEP_DONE;
}

/* The first step: `if delay <= 0` ... up to `await future`. */
static int
sleep_start (LsVM    *vm,
             LsCData *self,
             LsValue *out)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);
  Sleep *s = SLEEP (self);
  LsValue le, when;
  LsCData *loop;
  int zero;

  le = ls_compare (vm, s->delay, ls_int (0), LS_CMP_LE);
  zero = LS_IS_ERR (le) ? -1 : ls_truthy (vm, le);
  if (zero < 0)
    {
      s->state = SLEEP_DONE;
      return -1;
    }
  if (zero)
    {
      s->state = SLEEP_YIELDED;
      *out = LS_NONE;
      return 1;
    }
  if (LS_IS_UNDEF (st->running_loop))
    {
      s->state = SLEEP_DONE;
      ls_raise (vm, LS_EXC_RUNTIME_ERROR, "no running event loop");
      return -1;
    }
  loop = (LsCData *) LS_AS_OBJ (st->running_loop);
  when = ls_binary_op (vm, ls_float (_ls_asyncio_now (st)), s->delay, LS_BINOP_ADD);
  if (LS_IS_ERR (when) || !LS_IS_FLOAT (when))
    {
      if (!LS_IS_ERR (when))
        ls_raise (vm, LS_EXC_TYPE_ERROR, "the delay must be a number");
      s->state = SLEEP_DONE;
      return -1;
    }
  s->timer.a = ls_obj (_ls_asyncio_future_new (st, loop));
  _ls_asyncio_schedule_timer (loop, self, LS_AS_FLOAT (when));
  s->state = SLEEP_WAITING;
  if (st->trace != NULL && !LS_IS_UNDEF (LS_LOOP (loop)->current_task))
    {
      LsAsyncioFuture *t = LS_FUTURE ((LsCData *) LS_AS_OBJ (LS_LOOP (loop)->current_task));
      t->wait_state = (gint16) LS_TRACE_STATE_SLEEPING;
      t->wait_detail = -1;
    }
  LS_FUTURE (sleep_future (s))->blocking = TRUE;
  *out = s->timer.a;
  return 1;
}

static int
sleep_send (LsVM    *vm,
            LsCData *self,
            LsValue  arg,
            LsValue *out)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);
  Sleep *s = SLEEP (self);
  LsValue r;

  switch ((SleepState) s->state)
    {
    case SLEEP_CREATED:
      return sleep_start (vm, self, out);
    case SLEEP_YIELDED:
      *out = s->timer.b;
      sleep_finish (self);
      return 0;
    case SLEEP_WAITING:
      if (LS_FUTURE (sleep_future (s))->state == LS_FUT_PENDING)
        {
          /* `await future` not woken by the future (a stray send): wait on. */
          *out = s->timer.a;
          LS_FUTURE (sleep_future (s))->blocking = TRUE;
          return 1;
        }
      r = _ls_asyncio_future_result (st, sleep_future (s));
      sleep_finish (self);
      if (LS_IS_ERR (r))
        return -1;
      *out = r;
      return 0;
    case SLEEP_DONE:
    default:
      ls_raise (vm, LS_EXC_RUNTIME_ERROR, "cannot reuse already awaited coroutine");
      return -1;
    }
}

static int
sleep_throw (LsVM    *vm,
             LsCData *self,
             LsValue  exc,
             LsValue *out)
{
  Sleep *s = SLEEP (self);

  if (s->state == SLEEP_DONE)
    {
      ls_raise (vm, LS_EXC_RUNTIME_ERROR, "cannot reuse already awaited coroutine");
      return -1;
    }
  sleep_finish (self);
  if (LS_OBJ_IS (exc, LS_OBJ_TYPE))
    {
      exc = ls_call (vm, exc, NULL, 0, NULL);
      if (LS_IS_ERR (exc))
        return -1;
    }
  ls_raise_value (vm, exc);
  return -1;
}

static const LsCDataClass sleep_class = {
  "sleep", sleep_trace, NULL, sleep_send, sleep_throw,
};

static Sleep *
sleep_of (LsVM    *vm,
          LsValue  self)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);

  if (!LS_OBJ_IS (self, LS_OBJ_CDATA) || LS_AS_OBJ (self)->type != st->sleep_type)
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "a sleep() coroutine was expected");
      return NULL;
    }
  return SLEEP ((LsCData *) LS_AS_OBJ (self));
}

/* sleep(delay, result=None) */
static LsValue
sleep_new (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);
  LsValue a[2] = { LS_UNDEF, LS_NONE };
  LsCData *cd;

  if (!ls_parse_args (vm, "sleep", "delay|result", args, nargs, kw, a))
    return LS_ERR;
  cd = ls_cdata_new (vm, st->sleep_type);
  SLEEP (cd)->delay = a[0];
  SLEEP (cd)->timer.kind = LS_HANDLE_SET_RESULT;
  SLEEP (cd)->timer.is_timer = TRUE;
  SLEEP (cd)->timer.a = LS_NONE;
  SLEEP (cd)->timer.b = a[1];
  return ls_obj (cd);
}

static LsValue
step_value (LsVM    *vm,
            int      r,
            LsValue  out)
{
  if (r > 0)
    return out;
  if (r == 0)
    return ls_raise_stop_iteration (vm, out);
  return LS_ERR;
}

static LsValue
method_send (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsValue out = LS_NONE;

  if (sleep_of (vm, self) == NULL)
    return LS_ERR;
  if (nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "send() takes exactly one argument (%d given)", nargs);
  return step_value (vm, sleep_send (vm, (LsCData *) LS_AS_OBJ (self), args[0], &out), out);
}

static LsValue
method_throw (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsValue out = LS_NONE;

  if (sleep_of (vm, self) == NULL)
    return LS_ERR;
  if (nargs < 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "throw expected at least 1 argument, got 0");
  return step_value (vm, sleep_throw (vm, (LsCData *) LS_AS_OBJ (self), args[0], &out), out);
}

static LsValue
method_close (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  if (sleep_of (vm, self) == NULL)
    return LS_ERR;
  sleep_finish ((LsCData *) LS_AS_OBJ (self));
  return LS_NONE;
}

/* __await__() gives a coroutine_wrapper: an iterator over the same steps. */
static void
wrapper_trace (LsVM    *vm,
               LsCData *self)
{
  ls_gc_mark_obj (vm, *(LsCData **) ls_cdata_payload (self));
}

static int
wrapper_send (LsVM    *vm,
              LsCData *self,
              LsValue  arg,
              LsValue *out)
{
  return sleep_send (vm, *(LsCData **) ls_cdata_payload (self), arg, out);
}

static int
wrapper_throw (LsVM    *vm,
               LsCData *self,
               LsValue  exc,
               LsValue *out)
{
  return sleep_throw (vm, *(LsCData **) ls_cdata_payload (self), exc, out);
}

static const LsCDataClass wrapper_class = {
  "coroutine_wrapper", wrapper_trace, NULL, wrapper_send, wrapper_throw,
};

static LsCData *
wrapped_sleep (LsVM    *vm,
               LsValue  self)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);

  if (!LS_OBJ_IS (self, LS_OBJ_CDATA) || LS_AS_OBJ (self)->type != st->sleep_wrapper_type)
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "a coroutine_wrapper was expected");
      return NULL;
    }
  return *(LsCData **) ls_cdata_payload ((LsCData *) LS_AS_OBJ (self));
}

static LsValue
method_await (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);
  LsCData *w;

  if (sleep_of (vm, self) == NULL)
    return LS_ERR;
  w = ls_cdata_new (vm, st->sleep_wrapper_type);
  *(LsCData **) ls_cdata_payload (w) = (LsCData *) LS_AS_OBJ (self);
  return ls_obj (w);
}

static LsValue
wrapper_iter (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return wrapped_sleep (vm, self) == NULL ? LS_ERR : self;
}

static LsValue
wrapper_next (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsCData *s = wrapped_sleep (vm, self);
  LsValue out = LS_NONE;

  if (s == NULL)
    return LS_ERR;
  return step_value (vm, sleep_send (vm, s, LS_NONE, &out), out);
}

static LsValue
wrapper_method (LsVM          *vm,
                LsValue        self,
                const LsValue *args,
                int            nargs,
                LsTuple       *kw,
                LsNativeFn     fn)
{
  LsCData *s = wrapped_sleep (vm, self);

  return s == NULL ? LS_ERR : fn (vm, ls_obj (s), args, nargs, kw);
}

static LsValue method_send (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw);
static LsValue method_throw (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw);
static LsValue method_close (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw);

static LsValue
wrapper_send_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return wrapper_method (vm, self, args, nargs, kw, method_send);
}

static LsValue
wrapper_throw_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return wrapper_method (vm, self, args, nargs, kw, method_throw);
}

static LsValue
wrapper_close_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return wrapper_method (vm, self, args, nargs, kw, method_close);
}

static LsValue
method_repr (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  if (sleep_of (vm, self) == NULL)
    return LS_ERR;
  return ls_obj (ls_str_printf (vm, "<coroutine object sleep at %p>", (void *) LS_AS_OBJ (self)));
}

static LsValue
get_qualname (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return ls_str_value (vm, "sleep");
}

void _ls_asyncio_add_property (LsAsyncioState *st, LsType *type, const char *name,
                               LsNativeFn getter, LsNativeFn setter);

void
_ls_asyncio_sleep_init (LsAsyncioState *st,
                        LsDict         *module_dict)
{
  LsVM *vm = st->vm;
  LsType *t;

  if (st->sleep_type == NULL)
    {
      t = ls_type_new_builtin (vm, "coroutine", NULL, LS_OBJ_CDATA);
      t->cdata_class = &sleep_class;
      t->cdata_size = sizeof (Sleep);
      t->hdr.flags &= ~LS_TYPE_BASETYPE;
      ls_type_add_method (vm, t, "send", method_send);
      ls_type_add_method (vm, t, "throw", method_throw);
      ls_type_add_method (vm, t, "close", method_close);
      ls_type_add_method (vm, t, "__await__", method_await);
      ls_type_add_method (vm, t, "__repr__", method_repr);
      _ls_asyncio_add_property (st, t, "__qualname__", get_qualname, NULL);
      _ls_asyncio_add_property (st, t, "__name__", get_qualname, NULL);
      st->sleep_type = t;

      t = ls_type_new_builtin (vm, "coroutine_wrapper", NULL, LS_OBJ_CDATA);
      t->cdata_class = &wrapper_class;
      t->cdata_size = sizeof (LsCData *);
      t->hdr.flags &= ~LS_TYPE_BASETYPE;
      ls_type_add_method (vm, t, "__iter__", wrapper_iter);
      ls_type_add_method (vm, t, "__next__", wrapper_next);
      ls_type_add_method (vm, t, "send", wrapper_send_method);
      ls_type_add_method (vm, t, "throw", wrapper_throw_method);
      ls_type_add_method (vm, t, "close", wrapper_close_method);
      st->sleep_wrapper_type = t;
    }
  ls_dict_set_cstr (vm, module_dict, "sleep", ls_native_new (vm, "sleep", sleep_new, LS_UNDEF));
}

/* What a Task repr shows for it: "sleep() running at .../tasks.py:649". */
char *
_ls_asyncio_sleep_describe (LsAsyncioState *st,
                            LsValue         v)
{
  Sleep *s;

  if (!LS_OBJ_IS (v, LS_OBJ_CDATA) || LS_AS_OBJ (v)->type != st->sleep_type)
    return NULL;
  s = SLEEP ((LsCData *) LS_AS_OBJ (v));
  switch ((SleepState) s->state)
    {
    case SLEEP_CREATED:
      return g_strdup_printf ("sleep() running at %s:%d", SLEEP_FILE, SLEEP_DEF);
    case SLEEP_YIELDED:
      return g_strdup_printf ("sleep() running at %s:%d", SLEEP_FILE, SLEEP_ZERO);
    case SLEEP_WAITING:
      return g_strdup_printf ("sleep() running at %s:%d", SLEEP_FILE, SLEEP_AWAIT);
    case SLEEP_DONE:
    default:
      return g_strdup_printf ("sleep() done, defined at %s:%d", SLEEP_FILE, SLEEP_DEF);
    }
}
