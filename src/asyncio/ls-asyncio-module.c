/* ls-asyncio-module.c: installing the runtime in a VM, the `_asyncio_core`
 * module (the native half of `asyncio`) and the host-call entry points.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The runtime's per-VM state is the payload of a pinned CDATA object, so the
 * GC traces what it holds and frees it with the VM. Natives find it through
 * a small vm -> state table (LsModuleInit has no user data).
 */
#include "config.h"

#include <string.h>

#include "ls-asyncio-private.h"

extern void _ls_asyncio_lib_register_all (LsVM *vm);

G_LOCK_DEFINE_STATIC (states);
static GHashTable *states;            /* LsVM* -> LsAsyncioState* */
static LsVM *cached_vm;
static LsAsyncioState *cached_st;

LsAsyncioState *
_ls_asyncio_state (LsVM *vm)
{
  LsAsyncioState *st;

  if (G_LIKELY (vm == cached_vm))
    return cached_st;
  G_LOCK (states);
  st = states ? g_hash_table_lookup (states, vm) : NULL;
  G_UNLOCK (states);
  cached_vm = vm;
  cached_st = st;
  return st;
}

/* ------------------------------------------------------------ state */

static void
state_trace (LsVM    *vm,
             LsCData *self)
{
  LsAsyncioState *st = *(LsAsyncioState **) ls_cdata_payload (self);

  if (st == NULL)
    return;
  ls_gc_mark_obj (vm, st->state_type);
  ls_gc_mark_obj (vm, st->loop_type);
  ls_gc_mark_obj (vm, st->handle_type);
  ls_gc_mark_obj (vm, st->timer_handle_type);
  ls_gc_mark_obj (vm, st->future_type);
  ls_gc_mark_obj (vm, st->task_type);
  ls_gc_mark_obj (vm, st->yield_once_type);
  ls_gc_mark_obj (vm, st->sleep_type);
  ls_gc_mark_obj (vm, st->sleep_wrapper_type);
  ls_gc_mark_value (vm, st->cancelled_error);
  ls_gc_mark_value (vm, st->invalid_state_error);
  ls_gc_mark_value (vm, st->future_repr);
  ls_gc_mark_value (vm, st->task_repr);
  ls_gc_mark_value (vm, st->handle_repr);
  ls_gc_mark_value (vm, st->exception_handler);
  ls_gc_mark_value (vm, st->wakeup_marker);
  ls_gc_mark_value (vm, st->run_cb);
  ls_gc_mark_value (vm, st->running_loop);
  ls_gc_mark_value (vm, st->unretrieved);
  for (LsCData *t = st->all_head; t != NULL; t = LS_FUTURE (t)->all_next)
    ls_gc_mark_obj (vm, t);
}

static void
state_finalize (LsVM    *vm,
                LsCData *self)
{
  LsAsyncioState *st = *(LsAsyncioState **) ls_cdata_payload (self);

  if (st == NULL)
    return;
  G_LOCK (states);
  if (states != NULL)
    g_hash_table_remove (states, vm);
  G_UNLOCK (states);
  if (cached_vm == vm)
    {
      cached_vm = NULL;
      cached_st = NULL;
    }
  if (st->line[0] != NULL)
    g_string_free (st->line[0], TRUE);
  if (st->line[1] != NULL)
    g_string_free (st->line[1], TRUE);
  g_clear_object (&st->trace);
  g_free (st);
}

static const LsCDataClass state_class = {
  "asyncio state", state_trace, state_finalize, NULL, NULL,
};

/* ----------------------------------------------------------- helpers */

LsValue
_ls_asyncio_cancelled_error (LsAsyncioState *st,
                             LsValue         msg)
{
  LsVM *vm = st->vm;

  if (LS_IS_UNDEF (msg) || LS_IS_NONE (msg))
    return ls_call (vm, st->cancelled_error, NULL, 0, NULL);
  return ls_call (vm, st->cancelled_error, &msg, 1, NULL);
}

LsValue
_ls_asyncio_raise_invalid_state (LsAsyncioState *st,
                                 const char     *fmt,
                                 ...)
{
  LsVM *vm = st->vm;
  g_autofree char *text = NULL;
  va_list ap;
  LsValue msg, exc;

  va_start (ap, fmt);
  text = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  msg = ls_str_value (vm, text);
  exc = ls_call (vm, st->invalid_state_error, &msg, 1, NULL);
  if (LS_IS_ERR (exc))
    return LS_ERR;
  return ls_raise_value (vm, exc);
}

gboolean
_ls_asyncio_is_cancelled_error (LsAsyncioState *st,
                                LsValue         exc)
{
  return LS_OBJ_IS (st->cancelled_error, LS_OBJ_TYPE)
         && ls_isinstance (st->vm, exc, (LsType *) LS_AS_OBJ (st->cancelled_error));
}

gboolean
_ls_asyncio_is_future (LsAsyncioState *st,
                       LsValue         v)
{
  return LS_OBJ_IS (v, LS_OBJ_CDATA) && ls_is_subtype (LS_AS_OBJ (v)->type, st->future_type);
}

gboolean
_ls_asyncio_is_task (LsAsyncioState *st,
                     LsValue         v)
{
  return LS_OBJ_IS (v, LS_OBJ_CDATA) && ls_is_subtype (LS_AS_OBJ (v)->type, st->task_type);
}

gboolean
_ls_asyncio_is_loop (LsAsyncioState *st,
                     LsValue         v)
{
  return LS_OBJ_IS (v, LS_OBJ_CDATA) && ls_is_subtype (LS_AS_OBJ (v)->type, st->loop_type);
}

double
_ls_asyncio_now (LsAsyncioState *st)
{
  LsVM *vm = st->vm;

  return vm->clock (vm->clock_data);
}

/* Hands the report to loop.call_exception_handler(context) (Python), which
 * logs like CPython's default handler unless the program set its own. */
void
_ls_asyncio_report (LsAsyncioState *st,
                    LsCData        *loop,
                    const char     *message,
                    LsValue         exc,
                    const char     *key,
                    LsValue         obj)
{
  LsVM *vm = st->vm;
  LsValue saved = ls_exc_fetch (vm);
  LsDict *ctx = ls_dict_new (vm);
  LsValue arg = ls_obj (ctx), r;

  ls_dict_set_cstr (vm, ctx, "message", ls_str_value (vm, message));
  if (!LS_IS_UNDEF (exc))
    ls_dict_set_cstr (vm, ctx, "exception", exc);
  if (key != NULL && !LS_IS_UNDEF (obj))
    ls_dict_set_cstr (vm, ctx, key, obj);
  r = ls_call_method (vm, ls_obj (loop), ls_str_intern (vm, "call_exception_handler", -1), &arg, 1);
  if (LS_IS_ERR (r))
    ls_exc_clear (vm);
  vm->exc = saved;
}

/* Adds a read-only (setter NULL) or read-write property made of natives. */
void _ls_asyncio_add_property (LsAsyncioState *st, LsType *type, const char *name,
                               LsNativeFn getter, LsNativeFn setter);

void
_ls_asyncio_add_property (LsAsyncioState *st,
                          LsType         *type,
                          const char     *name,
                          LsNativeFn      getter,
                          LsNativeFn      setter)
{
  LsVM *vm = st->vm;
  LsValue args[2];
  LsValue prop;

  args[0] = ls_native_new (vm, name, getter, LS_UNDEF);
  args[1] = setter != NULL ? ls_native_new (vm, name, setter, LS_UNDEF) : LS_NONE;
  prop = ls_call (vm, ls_obj (vm->types[LS_T_PROPERTY]), args, 2, NULL);
  g_assert (!LS_IS_ERR (prop));
  ls_dict_set_cstr (vm, type->dict, name, prop);
}

/* ------------------------------------------------------ module natives */

#define STATE(vm) _ls_asyncio_state (vm)

static LsValue
core_setup (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioState *st = STATE (vm);
  LsValue a[8] = { LS_UNDEF, LS_UNDEF, LS_UNDEF, LS_UNDEF, LS_UNDEF, LS_UNDEF, LS_UNDEF, LS_UNDEF };

  if (!ls_parse_args (vm, "_setup", "cancelled_error,invalid_state_error,future_repr,task_repr,"
                      "handle_repr,wakeup_marker,run_cb", args, nargs, kw, a))
    return LS_ERR;
  st->cancelled_error = a[0];
  st->invalid_state_error = a[1];
  st->future_repr = a[2];
  st->task_repr = a[3];
  st->handle_repr = a[4];
  st->wakeup_marker = a[5];
  st->run_cb = a[6];
  return LS_NONE;
}

static LsValue
core_get_running_loop (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioState *st = STATE (vm);

  if (nargs != 0)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "get_running_loop() takes no arguments (%d given)", nargs);
  if (LS_IS_UNDEF (st->running_loop))
    return ls_raise (vm, LS_EXC_RUNTIME_ERROR, "no running event loop");
  return st->running_loop;
}

static LsValue
core_get_running_loop_opt (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioState *st = STATE (vm);

  return LS_IS_UNDEF (st->running_loop) ? LS_NONE : st->running_loop;
}

static LsValue
core_set_running_loop (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioState *st = STATE (vm);

  if (nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "_set_running_loop() takes exactly one argument");
  st->running_loop = LS_IS_NONE (args[0]) ? LS_UNDEF : args[0];
  return LS_NONE;
}

static LsValue
loop_arg (LsVM          *vm,
          const char    *fname,
          const LsValue *args,
          int            nargs,
          LsTuple       *kw)
{
  LsAsyncioState *st = STATE (vm);
  LsValue a[1] = { LS_NONE };

  if (!ls_parse_args (vm, fname, "|loop", args, nargs, kw, a))
    return LS_ERR;
  if (LS_IS_NONE (a[0]))
    {
      if (LS_IS_UNDEF (st->running_loop))
        return ls_raise (vm, LS_EXC_RUNTIME_ERROR, "no running event loop");
      return st->running_loop;
    }
  if (!_ls_asyncio_is_loop (st, a[0]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s(): an event loop was expected", fname);
  return a[0];
}

static LsValue
core_current_task (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsValue loop = loop_arg (vm, "current_task", args, nargs, kw);
  LsAsyncioLoop *l;

  if (LS_IS_ERR (loop))
    return loop;
  l = LS_LOOP ((LsCData *) LS_AS_OBJ (loop));
  return LS_IS_UNDEF (l->current_task) ? LS_NONE : l->current_task;
}

static LsValue
core_all_tasks (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioState *st = STATE (vm);
  LsValue loop = loop_arg (vm, "all_tasks", args, nargs, kw);
  LsSet *set;

  if (LS_IS_ERR (loop))
    return loop;
  set = ls_set_new (vm, vm->types[LS_T_SET]);
  for (LsCData *t = st->all_head; t != NULL; t = LS_FUTURE (t)->all_next)
    {
      LsAsyncioFuture *f = LS_FUTURE (t);
      if (f->loop == (LsCData *) LS_AS_OBJ (loop) && f->state == LS_FUT_PENDING)
        if (ls_set_add (vm, set, ls_obj (t)) < 0)
          return LS_ERR;
    }
  return ls_obj (set);
}

/* asyncio.iscoroutine(): coroutine objects, and objects with the whole
 * Coroutine protocol (an async generator's aclose() awaitable, for one). */
gboolean
_ls_asyncio_is_coroutine (LsVM    *vm,
                          LsValue  v)
{
  static const char *const protocol[] = { "send", "throw", "close", "__await__" };
  LsType *t;

  if (ls_gen_is_coroutine (vm, v))
    return TRUE;
  if (!LS_IS_OBJ (v) || LS_AS_OBJ (v)->kind == LS_OBJ_TYPE || LS_AS_OBJ (v)->kind == LS_OBJ_GENERATOR)
    return FALSE;
  t = ls_typeof (vm, v);
  for (gsize i = 0; i < G_N_ELEMENTS (protocol); i++)
    if (LS_IS_UNDEF (ls_type_lookup (t, ls_str_intern (vm, protocol[i], -1))))
      return FALSE;
  return TRUE;
}

static LsValue
core_iscoroutine (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  if (nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "iscoroutine() takes exactly one argument (%d given)", nargs);
  return ls_bool (_ls_asyncio_is_coroutine (vm, args[0]));
}

/* inspect.iscoroutinefunction(): through bound methods and partials. */
static LsValue
core_iscoroutinefunction (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsValue f;

  if (nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "iscoroutinefunction() takes exactly one argument (%d given)",
                     nargs);
  f = args[0];
  for (int guard = 0; guard < 100; guard++)
    {
      if (LS_OBJ_IS (f, LS_OBJ_BOUND_METHOD))
        f = ((LsBoundMethod *) LS_AS_OBJ (f))->func;
      else if (LS_OBJ_IS (f, LS_OBJ_FUNCTION))
        return ls_bool (((LsFunction *) LS_AS_OBJ (f))->code->flags & LS_CODE_COROUTINE);
      else
        {
          LsValue inner;
          if (!LS_IS_OBJ (f) || strcmp (ls_type_name (vm, f), "partial") != 0)
            return LS_FALSE;
          inner = ls_getattr_opt (vm, f, ls_str_intern (vm, "func", -1));
          if (LS_IS_UNDEF (inner))
            {
              ls_exc_clear (vm);
              return LS_FALSE;
            }
          f = inner;
        }
    }
  return LS_FALSE;
}

static LsValue
core_isfuture (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioState *st = STATE (vm);
  LsValue b;

  if (nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "isfuture() takes exactly one argument (%d given)", nargs);
  if (_ls_asyncio_is_future (st, args[0]))
    return LS_TRUE;
  if (LS_OBJ_IS (args[0], LS_OBJ_TYPE))
    return LS_FALSE;
  b = ls_getattr_opt (vm, args[0], ls_str_intern (vm, "_asyncio_future_blocking", -1));
  if (LS_IS_UNDEF (b))
    {
      ls_exc_clear (vm);
      return LS_FALSE;
    }
  return ls_bool (!LS_IS_NONE (b));
}

static LsValue
core_format_exception (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  g_autofree char *text = NULL;

  if (nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "_format_exception() takes exactly one argument");
  text = ls_format_exception (vm, args[0], NULL);
  return ls_str_value (vm, text);
}

/* Where the program's innermost frame is: (filename, line), for reprs. */
static LsValue
core_code_location (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsValue f;
  LsCode *code;
  LsValue items[2];

  if (nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "_code_location() takes exactly one argument");
  f = args[0];
  if (LS_OBJ_IS (f, LS_OBJ_BOUND_METHOD))
    f = ((LsBoundMethod *) LS_AS_OBJ (f))->func;
  if (!LS_OBJ_IS (f, LS_OBJ_FUNCTION))
    return LS_NONE;
  code = ((LsFunction *) LS_AS_OBJ (f))->code;
  items[0] = ls_obj (code->filename);
  items[1] = ls_int (code->first_line);
  return ls_obj (ls_tuple_from (vm, items, 2));
}

/* The coroutine's repr part of a Task repr: "main() running at prog.py:13". */
static LsValue
core_format_coroutine (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsValue coro, qn;
  LsCode *code;
  const char *name;

  if (nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "_format_coroutine() takes exactly one argument");
  coro = args[0];
  {
    g_autofree char *sleep = _ls_asyncio_sleep_describe (STATE (vm), coro);
    if (sleep != NULL)
      return ls_str_value (vm, sleep);
  }
  qn = ls_getattr_opt (vm, coro, LS_NAME (vm, __qualname__));
  if (LS_IS_UNDEF (qn))
    ls_exc_clear (vm);
  name = LS_OBJ_IS (qn, LS_OBJ_STR) ? ls_str_cstr ((LsStr *) LS_AS_OBJ (qn)) : ls_type_name (vm, coro);
  if (!LS_OBJ_IS (coro, LS_OBJ_GENERATOR) || (code = ls_gen_get_code (coro)) == NULL)
    return ls_obj (ls_str_printf (vm, "%s()", name));
  if (ls_gen_is_finished (coro))
    return ls_obj (ls_str_printf (vm, "%s() done, defined at %s:%d", name,
                                  ls_str_cstr (code->filename), code->first_line));
  return ls_obj (ls_str_printf (vm, "%s() running at %s:%d", name, ls_str_cstr (code->filename),
                                ls_gen_get_line (coro)));
}

/* sleep(0)'s bare yield: an awaitable that yields None once, then returns. */
static int
yield_once_send (LsVM    *vm,
                 LsCData *self,
                 LsValue  arg,
                 LsValue *out)
{
  gboolean *done = ls_cdata_payload (self);

  *out = LS_NONE;
  if (*done)
    return 0;
  *done = TRUE;
  return 1;
}

static int
yield_once_throw (LsVM    *vm,
                  LsCData *self,
                  LsValue  exc,
                  LsValue *out)
{
  *(gboolean *) ls_cdata_payload (self) = TRUE;
  if (LS_OBJ_IS (exc, LS_OBJ_TYPE))
    {
      exc = ls_call (vm, exc, NULL, 0, NULL);
      if (LS_IS_ERR (exc))
        return -1;
    }
  ls_raise_value (vm, exc);
  return -1;
}

static const LsCDataClass yield_once_class = {
  "__sleep0", NULL, NULL, yield_once_send, yield_once_throw,
};

static LsType *
yield_once_type (LsVM *vm)
{
  LsAsyncioState *st = STATE (vm);

  if (st->yield_once_type == NULL)
    {
      LsType *t = ls_type_new_builtin (vm, "generator", NULL, LS_OBJ_CDATA);
      t->cdata_class = &yield_once_class;
      t->cdata_size = sizeof (gboolean);
      t->hdr.flags &= ~LS_TYPE_BASETYPE;
      st->yield_once_type = t;
    }
  return st->yield_once_type;
}

static LsValue
core_sleep0 (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return ls_obj (ls_cdata_new (vm, yield_once_type (vm)));
}

/* loop.call_later(delay, ...) with one of the loop's own callbacks. */
static LsValue
call_later_kind (LsVM          *vm,
                 const char    *fname,
                 const LsValue *args,
                 int            nargs,
                 int            want,
                 LsHandleKind   kind)
{
  LsAsyncioState *st = STATE (vm);
  LsValue when;

  if (nargs != want || !_ls_asyncio_is_loop (st, args[0]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s(): bad arguments", fname);
  if (LS_IS_NONE (args[1]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "delay must not be None");
  if (LS_LOOP ((LsCData *) LS_AS_OBJ (args[0]))->closed)
    return ls_raise (vm, LS_EXC_RUNTIME_ERROR, "Event loop is closed");
  when = ls_binary_op (vm, ls_float (_ls_asyncio_now (st)), args[1], LS_BINOP_ADD);
  if (LS_IS_ERR (when))
    return when;
  if (!LS_IS_FLOAT (when))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s(): the delay must be a number", fname);
  return ls_obj (_ls_asyncio_call_at ((LsCData *) LS_AS_OBJ (args[0]), LS_AS_FLOAT (when), kind,
                                      args[2], want > 3 ? args[3] : LS_NONE));
}

/* _call_later_set_result(loop, delay, future, result): sleep()'s timer. */
static LsValue
core_call_later_set_result (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return call_later_kind (vm, "_call_later_set_result", args, nargs, 4, LS_HANDLE_SET_RESULT);
}

/* _call_later_release(loop, delay, waiter): wait_for()'s and wait()'s timeout. */
static LsValue
core_call_later_release (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return call_later_kind (vm, "_call_later_release", args, nargs, 3, LS_HANDLE_RELEASE);
}

/* The loop's pending tasks, oldest first. */
static LsValue
core_pending_tasks (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioState *st = STATE (vm);
  LsValue loop = loop_arg (vm, "_pending_tasks", args, nargs, kw);
  LsList *list;

  if (LS_IS_ERR (loop))
    return loop;
  list = ls_list_new (vm, 0);
  for (LsCData *t = st->all_head; t != NULL; t = LS_FUTURE (t)->all_next)
    {
      LsAsyncioFuture *f = LS_FUTURE (t);
      if (f->loop == (LsCData *) LS_AS_OBJ (loop) && f->state == LS_FUT_PENDING)
        ls_list_append (vm, list, ls_obj (t));
    }
  return ls_obj (list);
}

static const struct
{
  const char *name;
  LsNativeFn  fn;
} core_functions[] = {
  { "_sleep0", core_sleep0 },
  { "_call_later_set_result", core_call_later_set_result },
  { "_call_later_release", core_call_later_release },
  { "_pending_tasks", core_pending_tasks },
  { "_setup", core_setup },
  { "get_running_loop", core_get_running_loop },
  { "_get_running_loop", core_get_running_loop_opt },
  { "_set_running_loop", core_set_running_loop },
  { "current_task", core_current_task },
  { "all_tasks", core_all_tasks },
  { "iscoroutine", core_iscoroutine },
  { "iscoroutinefunction", core_iscoroutinefunction },
  { "isfuture", core_isfuture },
  { "_format_exception", core_format_exception },
  { "_format_coroutine", core_format_coroutine },
  { "_code_location", core_code_location },
};

static gboolean
core_init (LsVM   *vm,
           LsDict *dict)
{
  LsAsyncioState *st = STATE (vm);

  if (st == NULL)
    {
      ls_raise (vm, LS_EXC_IMPORT_ERROR, "the asyncio runtime is not installed");
      return FALSE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (core_functions); i++)
    ls_dict_set_cstr (vm, dict, core_functions[i].name,
                      ls_native_new (vm, core_functions[i].name, core_functions[i].fn, LS_UNDEF));
  ls_dict_set_cstr (vm, dict, "BaseEventLoop", ls_obj (st->loop_type));
  ls_dict_set_cstr (vm, dict, "Handle", ls_obj (st->handle_type));
  ls_dict_set_cstr (vm, dict, "TimerHandle", ls_obj (st->timer_handle_type));
  ls_dict_set_cstr (vm, dict, "Future", ls_obj (st->future_type));
  ls_dict_set_cstr (vm, dict, "Task", ls_obj (st->task_type));
  _ls_asyncio_trace_module_init (st, dict, LS_UNDEF);
  _ls_asyncio_sleep_init (st, dict);
  return TRUE;
}

/* ------------------------------------------------------------ install */

void
ls_asyncio_install (LsVM    *vm,
                    LsTrace *trace)
{
  LsAsyncioState *st;
  LsType *state_type;
  LsCData *obj;

  g_return_if_fail (vm != NULL);
  g_return_if_fail (_ls_asyncio_state (vm) == NULL);

  st = g_new0 (LsAsyncioState, 1);
  st->vm = vm;
  st->trace = trace != NULL ? g_object_ref (trace) : NULL;
  st->running_loop = LS_UNDEF;
  st->unretrieved = LS_UNDEF;

  state_type = ls_type_new_builtin (vm, "_asyncio_state", NULL, LS_OBJ_CDATA);
  state_type->cdata_class = &state_class;
  state_type->cdata_size = sizeof (LsAsyncioState *);
  obj = ls_cdata_new (vm, state_type);
  *(LsAsyncioState **) ls_cdata_payload (obj) = st;
  st->obj = obj;
  st->state_type = state_type;
  ls_gc_pin (vm, ls_obj (obj));

  G_LOCK (states);
  if (states == NULL)
    states = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (states, vm, st);
  G_UNLOCK (states);
  cached_vm = NULL;

  _ls_asyncio_loop_init_types (st);
  _ls_asyncio_handle_init_types (st);
  _ls_asyncio_future_init_types (st);
  _ls_asyncio_task_init_types (st);

  ls_vm_register_module (vm, "_asyncio_core", core_init);
  _ls_asyncio_lib_register_all (vm);
  if (trace != NULL)
    _ls_asyncio_trace_install (st);
}

LsTrace *
ls_asyncio_get_trace (LsVM *vm)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);

  return st != NULL ? st->trace : NULL;
}

/* ------------------------------------------------------- host calls */

LsAsyncioLoop *
ls_asyncio_hostcall_loop (LsVM *vm)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);
  LsValue req = ls_vm_get_hostcall (vm);

  if (st == NULL || !_ls_asyncio_is_loop (st, req))
    return NULL;
  return LS_LOOP ((LsCData *) LS_AS_OBJ (req));
}

LsRunStatus
ls_asyncio_finish_hostcall (LsVM    *vm,
                            gint64   budget,
                            LsValue *out)
{
  LsAsyncioLoop *loop = ls_asyncio_hostcall_loop (vm);
  LsValue err;

  g_return_val_if_fail (loop != NULL, LS_RUN_ERROR);
  err = loop->loop_error;
  loop->loop_error = LS_UNDEF;
  _ls_asyncio_loop_end_run (loop->obj);
  if (!LS_IS_UNDEF (err))
    return ls_vm_resume_with_exception (vm, err, budget, out);
  return ls_vm_resume_with_value (vm, LS_NONE, budget, out);
}

LsRunStatus
ls_asyncio_run_hostcall (LsVM    *vm,
                         gint64   budget,
                         LsValue *out)
{
  LsAsyncioLoop *loop = ls_asyncio_hostcall_loop (vm);
  LsAsyncioStatus d;

  g_return_val_if_fail (loop != NULL, LS_RUN_ERROR);
  do
    d = ls_asyncio_drive (loop, budget, 0, NULL);
  while (d != LS_ASYNCIO_STOPPED && d != LS_ASYNCIO_ERROR);
  return ls_asyncio_finish_hostcall (vm, budget, out);
}

LsRunStatus
ls_asyncio_run_main_coroutine (LsVM    *vm,
                               LsValue  coro,
                               gint64   budget,
                               LsValue *out)
{
  static const char source[] =
    "import asyncio as __ls_asyncio__\n"
    "__ls_asyncio__._run_toplevel(__ls_main_coroutine__)\n";
  LsModule *main = ls_vm_main_module (vm);
  LsSyntaxError *err = NULL;
  LsCode *code;

  code = ls_vm_compile (vm, "<asyncio>", source, -1, 0, &err);
  g_assert (code != NULL);
  ls_dict_set_cstr (vm, main->dict, "__ls_main_coroutine__", coro);
  return ls_vm_run_module (vm, code, main, budget, out);
}
