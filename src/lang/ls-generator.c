/* ls-generator.c: generators, coroutines and async generators: resuming
 * them (linking their frame above the resumer), throw()/close() with
 * delegation to the innermost `yield from`/await target, the awaitables of
 * async generators, and the await protocol (GET_AWAITABLE, __aiter__...).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ls-vm-private.h"

#define LS_CODE_GENLIKE (LS_CODE_GENERATOR | LS_CODE_COROUTINE | LS_CODE_ASYNC_GENERATOR)

static const LsCDataClass agen_await_class;
static const LsCDataClass coro_wrapper_class;

static inline LsGenerator *
GEN (LsValue v)
{
  return (LsGenerator *) LS_AS_OBJ (v);
}

const char *
_ls_gen_kind_word (LsGenerator *gen)
{
  switch (gen->kind)
    {
    case LS_GEN_KIND_COROUTINE:
      return "coroutine";
    case LS_GEN_KIND_ASYNC_GEN:
      return "async generator";
    default:
      return "generator";
    }
}

LsValue
_ls_gen_new (LsVM       *vm,
             LsFunction *func,
             LsFrame    *frame)
{
  LsCode *code = frame->code;
  LsTypeId tid;
  guint8 kind;
  LsGenerator *g;

  if (code->flags & LS_CODE_ASYNC_GENERATOR)
    tid = LS_T_ASYNC_GENERATOR, kind = LS_GEN_KIND_ASYNC_GEN;
  else if (code->flags & (LS_CODE_COROUTINE | LS_CODE_TOPLEVEL_AWAIT))
    tid = LS_T_COROUTINE, kind = LS_GEN_KIND_COROUTINE;
  else
    tid = LS_T_GENERATOR, kind = LS_GEN_KIND_GENERATOR;
  g = ls_gc_alloc (vm, LS_OBJ_GENERATOR, vm->types[tid], sizeof (LsGenerator));
  g->frame = frame;
  g->code = code;
  g->name = func ? func->name : code->name;
  g->qualname = func ? func->qualname : code->qualname;
  g->state = LS_GEN_CREATED;
  g->kind = kind;
  frame->gen = g;
  return ls_obj (g);
}

void
_ls_gen_finish (LsVM        *vm,
                LsGenerator *gen)
{
  gen->state = LS_GEN_FINISHED;
  if (gen->guarded)
    {
      gen->guarded = FALSE;
      vm->st->guarded_gens--;
    }
  if (gen->kind == LS_GEN_KIND_ASYNC_GEN)
    gen->ag_closed = TRUE;
  if (gen->frame != NULL)
    {
      LsFrame *f = gen->frame;
      gen->frame = NULL;
      f->gen = NULL;
      _ls_frame_release (vm, f);
    }
}

/* Is the suspended frame waiting in a YIELD_FROM? Then its delegate is on top. */
static gboolean
suspended_in_yield_from (LsGenerator *gen)
{
  LsFrame *f = gen->frame;

  return gen->state == LS_GEN_SUSPENDED && f != NULL && f->pc > 0
         && LS_OP (f->code->code[f->pc - 1]) == LS_OP_YIELD_FROM;
}

gboolean
_ls_gen_link (LsVM         *vm,
              LsGenerator  *gen,
              LsResumeKind  kind,
              gboolean      is_throw,
              LsValue       value,
              gboolean     *finished)
{
  LsVMState *st = vm->st;
  LsFrame *f;

  *finished = FALSE;
  switch (gen->state)
    {
    case LS_GEN_RUNNING:
      ls_raise (vm, LS_EXC_VALUE_ERROR, "%s already executing", _ls_gen_kind_word (gen));
      return FALSE;
    case LS_GEN_FINISHED:
      if (gen->kind == LS_GEN_KIND_COROUTINE)
        {
          ls_raise (vm, LS_EXC_RUNTIME_ERROR, "cannot reuse already awaited coroutine");
          return FALSE;
        }
      *finished = TRUE;
      return FALSE;
    case LS_GEN_CREATED:
      if (!is_throw && !LS_IS_NONE (value) && !LS_IS_UNDEF (value))
        {
          ls_raise (vm, LS_EXC_TYPE_ERROR, "can't send non-None value to a just-started %s",
                    _ls_gen_kind_word (gen));
          return FALSE;
        }
      break;
    default:
      break;
    }
  if (!_ls_vm_check_recursion (vm))
    return FALSE;

  f = gen->frame;
  if (gen->state == LS_GEN_SUSPENDED && !is_throw)
    {
      *f->sp++ = LS_IS_UNDEF (value) ? LS_NONE : value;
      if (LS_OP (f->code->code[f->pc - 1]) == LS_OP_YIELD_FROM)
        f->pc--;
    }
  f->back = st->frame;
  f->resume = (guint8) kind;
  st->frame = f;
  st->depth++;
  gen->state = LS_GEN_RUNNING;
  return TRUE;
}

/* --------------------------------------------------------------- throw */

static LsValue
unwrap_delegate (LsValue d)
{
  if (LS_OBJ_IS (d, LS_OBJ_CDATA) && ((LsCData *) LS_AS_OBJ (d))->klass == &coro_wrapper_class)
    return *(LsValue *) ls_cdata_payload ((LsCData *) LS_AS_OBJ (d));
  return d;
}

/* close() on whatever a yield from / await delegates to. 0 / -1 */
static int
close_delegate (LsVM    *vm,
                LsValue  d)
{
  LsValue m, r;

  d = unwrap_delegate (d);
  if (LS_OBJ_IS (d, LS_OBJ_GENERATOR))
    return ls_gen_close (vm, d);
  m = ls_getattr_opt (vm, d, LS_NAME (vm, close));
  if (LS_IS_UNDEF (m))
    return LS_IS_UNDEF (vm->exc) ? 0 : -1;
  r = ls_call (vm, m, NULL, 0, NULL);
  return LS_IS_ERR (r) ? -1 : 0;
}

/* throw() into a delegate that runs natively: 1 yielded, 0 returned, -1 error. */
static int
throw_native_delegate (LsVM    *vm,
                       LsValue  d,
                       LsValue  exc,
                       LsValue *out)
{
  LsValue m, r;

  if (LS_OBJ_IS (d, LS_OBJ_CDATA))
    {
      LsCData *cd = (LsCData *) LS_AS_OBJ (d);
      if (cd->klass != NULL && cd->klass->throw_ != NULL)
        return cd->klass->throw_ (vm, cd, exc, out);
    }
  m = ls_getattr_opt (vm, d, LS_NAME (vm, throw));
  if (LS_IS_UNDEF (m))
    {
      if (!LS_IS_UNDEF (vm->exc))
        return -1;
      vm->exc = exc;
      return -1;
    }
  r = ls_call (vm, m, &exc, 1, NULL);
  if (!LS_IS_ERR (r))
    {
      *out = r;
      return 1;
    }
  if (ls_exc_pending_is (vm, LS_EXC_STOP_ITERATION))
    {
      *out = _ls_exc_stop_value (vm, ls_exc_fetch (vm));
      return 0;
    }
  return -1;
}

static LsStartKind
raise_in_frame (LsVM    *vm,
                LsValue  exc)
{
  LsValue handled = _ls_vm_handled_exception (vm);

  if (LS_OBJ_IS (handled, LS_OBJ_EXCEPTION) && !ls_is (handled, exc) && LS_OBJ_IS (exc, LS_OBJ_EXCEPTION))
    {
      LsException *e = (LsException *) LS_AS_OBJ (exc);
      if (LS_IS_NONE (e->context))
        e->context = handled;
    }
  vm->exc = exc;
  return LS_START_RAISE;
}

LsStartKind
_ls_gen_prepare_throw (LsVM         *vm,
                       LsGenerator  *gen,
                       LsResumeKind  kind,
                       LsValue       exc,
                       LsValue      *value,
                       gboolean     *done)
{
  gboolean close_on_exit = kind != LS_RESUME_ASEND;
  gboolean finished = FALSE;

  *done = FALSE;
  if (!LS_OBJ_IS (exc, LS_OBJ_EXCEPTION))
    {
      if (_ls_is_exception_class (vm, exc))
        exc = ls_call (vm, exc, NULL, 0, NULL);
      else
        {
          ls_raise (vm, LS_EXC_TYPE_ERROR, "exceptions must be classes or instances deriving from "
                    "BaseException, not %s", ls_type_name (vm, exc));
          exc = LS_ERR;
        }
      if (LS_IS_ERR (exc))
        {
          *done = TRUE;
          return LS_START_RAISE;
        }
    }

  for (;;)
    {
      gboolean in_yield_from = suspended_in_yield_from (gen);

      if (!_ls_gen_link (vm, gen, kind, TRUE, LS_UNDEF, &finished))
        {
          if (finished)
            vm->exc = exc;
          if (kind == LS_RESUME_YIELD_FROM || kind == LS_RESUME_ASEND)
            return LS_START_RAISE;   /* raise in the delegating frame */
          *done = TRUE;
          return LS_START_RAISE;
        }
      if (!in_yield_from)
        return raise_in_frame (vm, exc);

      {
        LsFrame *f = gen->frame;
        LsValue d = unwrap_delegate (f->sp[-1]);
        LsValue out = LS_UNDEF;
        int r;

        if (close_on_exit && ls_isinstance (vm, exc, vm->exc_types[LS_EXC_GENERATOR_EXIT]))
          {
            if (close_delegate (vm, d) < 0)
              exc = ls_exc_fetch (vm);
            return raise_in_frame (vm, exc);
          }
        if (LS_OBJ_IS (d, LS_OBJ_GENERATOR) && GEN (d)->kind != LS_GEN_KIND_ASYNC_GEN)
          {
            gen = GEN (d);
            kind = LS_RESUME_YIELD_FROM;
            continue;
          }
        if (_ls_is_agen_await (vm, d))
          {
            LsAgenAwait *aw = _ls_agen_await_data (d);
            if (aw->state == LS_AWAIT_ITER && aw->agen->state == LS_GEN_SUSPENDED)
              {
                gen = aw->agen;
                kind = LS_RESUME_ASEND;
                continue;
              }
          }
        r = throw_native_delegate (vm, d, exc, &out);
        if (r > 0)
          {
            *value = out;
            return LS_START_YIELD;
          }
        if (r == 0)
          {
            f->sp[-1] = out;
            return LS_START_RUN;
          }
        return raise_in_frame (vm, ls_exc_fetch (vm));
      }
    }
}

/* ------------------------------------------------------- native resumes */

/* Resumes gen in a nested run: 1 yielded, 0 returned, -1 error. */
static int
gen_resume (LsVM        *vm,
            LsGenerator *gen,
            gboolean     is_throw,
            LsValue      value,
            LsValue     *out)
{
  LsStartKind start = LS_START_RUN;
  LsValue sv = LS_UNDEF;
  LsExitKind exit;
  gboolean finished = FALSE;

  *out = LS_UNDEF;
  if (!is_throw)
    {
      if (!_ls_gen_link (vm, gen, LS_RESUME_ENTRY, FALSE, value, &finished))
        {
          if (!finished)
            return -1;
          *out = LS_NONE;
          return 0;
        }
    }
  else
    {
      gboolean done = FALSE;
      start = _ls_gen_prepare_throw (vm, gen, LS_RESUME_ENTRY, value, &sv, &done);
      if (done)
        return -1;
    }
  vm->native_depth++;
  exit = _ls_vm_run (vm, start, sv, -1, out);
  vm->native_depth--;
  switch (exit)
    {
    case LS_EXIT_YIELD:
      return 1;
    case LS_EXIT_RETURN:
      return 0;
    default:
      return -1;
    }
}

int
ls_gen_send (LsVM    *vm,
             LsValue  gen,
             LsValue  value,
             LsValue *out)
{
  if (!LS_OBJ_IS (gen, LS_OBJ_GENERATOR))
    return _ls_delegate_send (vm, gen, value, out);
  return gen_resume (vm, GEN (gen), FALSE, value, out);
}

int
ls_gen_throw (LsVM    *vm,
              LsValue  gen,
              LsValue  exc,
              LsValue *out)
{
  if (!LS_OBJ_IS (gen, LS_OBJ_GENERATOR))
    return throw_native_delegate (vm, gen, exc, out);
  return gen_resume (vm, GEN (gen), TRUE, exc, out);
}

int
ls_generator_next (LsVM    *vm,
                   LsValue  gen,
                   LsValue *out)
{
  LsValue v;
  int r = gen_resume (vm, GEN (gen), FALSE, LS_NONE, &v);

  /* On exhaustion *out gets the return value, for next()'s StopIteration. */
  if (r >= 0)
    *out = v;
  return r;
}

int
ls_gen_close (LsVM    *vm,
              LsValue  genv)
{
  LsGenerator *gen = GEN (genv);
  LsValue out, exc;
  int r;

  switch (gen->state)
    {
    case LS_GEN_CREATED:
      _ls_gen_finish (vm, gen);
      return 0;
    case LS_GEN_FINISHED:
      return 0;
    case LS_GEN_RUNNING:
      ls_raise (vm, LS_EXC_VALUE_ERROR, "%s already executing", _ls_gen_kind_word (gen));
      return -1;
    default:
      break;
    }
  /* Nothing to clean up: no handler block is active. */
  if (gen->frame->n_blocks == 0 && !suspended_in_yield_from (gen))
    {
      _ls_gen_finish (vm, gen);
      return 0;
    }
  exc = ls_exc_new (vm, vm->exc_types[LS_EXC_GENERATOR_EXIT], NULL, 0);
  r = gen_resume (vm, gen, TRUE, exc, &out);
  if (r > 0)
    {
      ls_raise (vm, LS_EXC_RUNTIME_ERROR, "%s ignored GeneratorExit", _ls_gen_kind_word (gen));
      return -1;
    }
  if (r == 0)
    return 0;
  if (ls_exc_pending_is (vm, LS_EXC_GENERATOR_EXIT) || ls_exc_pending_is (vm, LS_EXC_STOP_ITERATION))
    {
      ls_exc_clear (vm);
      return 0;
    }
  return -1;
}

/* send() into any delegate from C: 1 yielded, 0 returned (*out = value), -1 error. */
int
_ls_delegate_send (LsVM    *vm,
                   LsValue  d,
                   LsValue  value,
                   LsValue *out)
{
  LsValue r;

  d = unwrap_delegate (d);
  if (LS_OBJ_IS (d, LS_OBJ_GENERATOR))
    return gen_resume (vm, GEN (d), FALSE, value, out);
  if (LS_OBJ_IS (d, LS_OBJ_CDATA))
    {
      LsCData *cd = (LsCData *) LS_AS_OBJ (d);
      if (cd->klass != NULL && cd->klass->send != NULL)
        return cd->klass->send (vm, cd, value, out);
    }
  if (LS_IS_NONE (value) || LS_IS_UNDEF (value))
    {
      if (LS_OBJ_IS (d, LS_OBJ_ITER))
        {
          int res = ls_iter_next (vm, d, out);
          if (res == 0)
            *out = LS_NONE;
          return res > 0 ? 1 : res;
        }
      r = ls_call_method (vm, d, LS_NAME (vm, __next__), NULL, 0);
    }
  else
    r = ls_call_method (vm, d, LS_NAME (vm, send), &value, 1);
  if (!LS_IS_ERR (r))
    {
      *out = r;
      return 1;
    }
  if (ls_exc_pending_is (vm, LS_EXC_STOP_ITERATION))
    {
      *out = _ls_exc_stop_value (vm, ls_exc_fetch (vm));
      return 0;
    }
  return -1;
}

/* ------------------------------------------------ async generator awaitables */

gboolean
_ls_is_agen_await (LsVM    *vm,
                   LsValue  v)
{
  return LS_OBJ_IS (v, LS_OBJ_CDATA) && ((LsCData *) LS_AS_OBJ (v))->klass == &agen_await_class;
}

LsAgenAwait *
_ls_agen_await_data (LsValue v)
{
  return ls_cdata_payload ((LsCData *) LS_AS_OBJ (v));
}

static void
agen_await_trace (LsVM    *vm,
                  LsCData *self)
{
  LsAgenAwait *aw = ls_cdata_payload (self);
  ls_gc_mark_obj (vm, aw->agen);
  ls_gc_mark_value (vm, aw->value);
}

/* One step of an asend/athrow awaitable driven from C. */
static int
agen_await_step (LsVM        *vm,
                 LsAgenAwait *aw,
                 gboolean     is_throw,
                 LsValue      value,
                 LsValue     *out)
{
  LsGenerator *ag = aw->agen;
  int r;

  *out = LS_NONE;
  if (aw->state == LS_AWAIT_CLOSED)
    {
      ls_raise (vm, LS_EXC_RUNTIME_ERROR, aw->is_throw
                ? "cannot reuse already awaited aclose()/athrow()"
                : "cannot reuse already awaited __anext__()/asend()");
      return -1;
    }
  if (aw->state == LS_AWAIT_INIT)
    {
      if (ag->ag_running)
        {
          ls_raise (vm, LS_EXC_RUNTIME_ERROR, aw->is_throw
                    ? "athrow(): asynchronous generator is already running"
                    : "anext(): asynchronous generator is already running");
          return -1;
        }
      if (ag->ag_closed || ag->state == LS_GEN_FINISHED)
        {
          aw->state = LS_AWAIT_CLOSED;
          if (aw->is_close)
            return 0;
          ls_raise (vm, LS_EXC_STOP_ASYNC_ITERATION, "%s", "");
          return -1;
        }
      aw->state = LS_AWAIT_ITER;
      ag->ag_running = TRUE;
      if (!is_throw && aw->is_throw)
        {
          is_throw = TRUE;
          value = aw->is_close ? ls_exc_new (vm, vm->exc_types[LS_EXC_GENERATOR_EXIT], NULL, 0)
                               : aw->value;
        }
      else if (!is_throw && (LS_IS_NONE (value) || LS_IS_UNDEF (value)))
        value = aw->value;
    }

  if (is_throw)
    {
      gboolean done = FALSE;
      LsValue sv = LS_UNDEF;
      LsStartKind start = _ls_gen_prepare_throw (vm, ag, LS_RESUME_ENTRY, value, &sv, &done);
      LsExitKind exit;
      if (done)
        r = -1;
      else
        {
          vm->native_depth++;
          exit = _ls_vm_run (vm, start, sv, -1, out);
          vm->native_depth--;
          r = exit == LS_EXIT_YIELD ? 1 : exit == LS_EXIT_RETURN ? 0 : -1;
        }
    }
  else
    r = gen_resume (vm, ag, FALSE, value, out);

  if (r > 0)
    {
      if (!vm->st->yield_wrapped)
        return 1;   /* an inner await: pass the value through to the driver */
      aw->state = LS_AWAIT_CLOSED;
      ag->ag_running = FALSE;
      if (aw->is_close)
        {
          ls_raise (vm, LS_EXC_RUNTIME_ERROR, "async generator ignored GeneratorExit");
          return -1;
        }
      return 0;
    }
  aw->state = LS_AWAIT_CLOSED;
  ag->ag_running = FALSE;
  ag->ag_closed = TRUE;
  if (r == 0)
    {
      *out = LS_NONE;
      if (aw->is_close)
        return 0;
      ls_raise (vm, LS_EXC_STOP_ASYNC_ITERATION, "%s", "");
      return -1;
    }
  if (aw->is_close && (ls_exc_pending_is (vm, LS_EXC_GENERATOR_EXIT)
                       || ls_exc_pending_is (vm, LS_EXC_STOP_ASYNC_ITERATION)))
    {
      ls_exc_clear (vm);
      *out = LS_NONE;
      return 0;
    }
  return -1;
}

static int
agen_await_send (LsVM    *vm,
                 LsCData *self,
                 LsValue  arg,
                 LsValue *out)
{
  return agen_await_step (vm, ls_cdata_payload (self), FALSE, arg, out);
}

static int
agen_await_throw (LsVM    *vm,
                  LsCData *self,
                  LsValue  exc,
                  LsValue *out)
{
  return agen_await_step (vm, ls_cdata_payload (self), TRUE, exc, out);
}

static const LsCDataClass agen_await_class = {
  "async_generator_asend",
  agen_await_trace,
  NULL,
  agen_await_send,
  agen_await_throw,
};

static LsValue
agen_await_new (LsVM        *vm,
                LsGenerator *agen,
                LsValue      value,
                gboolean     is_throw,
                gboolean     is_close)
{
  LsCData *cd;
  LsAgenAwait *aw;

  /* sys.set_asyncgen_hooks(firstiter=...) sees each async generator once. */
  if (!agen->ag_hooks_called)
    {
      agen->ag_hooks_called = TRUE;
      if (!LS_IS_UNDEF (vm->st->agen_firstiter))
        {
          LsValue a = ls_obj (agen);
          if (LS_IS_ERR (ls_call (vm, vm->st->agen_firstiter, &a, 1, NULL)))
            return LS_ERR;
        }
    }
  cd = ls_cdata_new (vm, is_throw ? vm->st->athrow_type : vm->st->asend_type);
  aw = ls_cdata_payload (cd);

  aw->agen = agen;
  aw->value = value;
  aw->state = LS_AWAIT_INIT;
  aw->is_throw = is_throw;
  aw->is_close = is_close;
  return ls_obj (cd);
}

LsValue
_ls_agen_asend_new (LsVM        *vm,
                    LsGenerator *agen,
                    LsValue      value)
{
  return agen_await_new (vm, agen, value, FALSE, FALSE);
}

/* CPython's "Exception ignored in: ..." report for errors nobody can catch. */
static void
report_unraisable (LsVM    *vm,
                   LsValue  obj)
{
  LsValue exc = ls_exc_fetch (vm);
  LsValue r = ls_repr (vm, obj);
  g_autofree char *report = NULL;
  g_autofree char *head = NULL;

  if (LS_IS_ERR (r))
    {
      ls_exc_clear (vm);
      r = ls_obj (ls_str_new (vm, "<object repr() failed>", -1));
    }
  head = g_strdup_printf ("Exception ignored in: %s\n", ls_str_cstr ((LsStr *) LS_AS_OBJ (r)));
  report = ls_format_exception (vm, exc, NULL);
  ls_vm_write_stderr (vm, head, strlen (head));
  ls_vm_write_stderr (vm, report, strlen (report));
}

void
_ls_gen_drop_temp (LsVM        *vm,
                   LsGenerator *gen)
{
  gen->temp = FALSE;
  if (gen->state != LS_GEN_SUSPENDED)
    return;
  vm->native_depth++;
  if (gen->kind == LS_GEN_KIND_ASYNC_GEN && !LS_IS_UNDEF (vm->st->agen_finalizer) && !gen->ag_closed)
    {
      LsValue a = ls_obj (gen);
      if (LS_IS_ERR (ls_call (vm, vm->st->agen_finalizer, &a, 1, NULL)))
        report_unraisable (vm, a);
    }
  else if (ls_gen_close (vm, ls_obj (gen)) < 0)
    report_unraisable (vm, ls_obj (gen));
  vm->native_depth--;
}

/* ------------------------------------------------- coroutine.__await__() */

static void
coro_wrapper_trace (LsVM    *vm,
                    LsCData *self)
{
  ls_gc_mark_value (vm, *(LsValue *) ls_cdata_payload (self));
}

static int
coro_wrapper_send (LsVM    *vm,
                   LsCData *self,
                   LsValue  arg,
                   LsValue *out)
{
  return gen_resume (vm, GEN (*(LsValue *) ls_cdata_payload (self)), FALSE, arg, out);
}

static int
coro_wrapper_throw (LsVM    *vm,
                    LsCData *self,
                    LsValue  exc,
                    LsValue *out)
{
  return gen_resume (vm, GEN (*(LsValue *) ls_cdata_payload (self)), TRUE, exc, out);
}

static const LsCDataClass coro_wrapper_class = {
  "coroutine_wrapper",
  coro_wrapper_trace,
  NULL,
  coro_wrapper_send,
  coro_wrapper_throw,
};

/* ---------------------------------------------------- the await protocol */

static gboolean
is_iterator (LsVM    *vm,
             LsValue  v)
{
  if (LS_OBJ_IS (v, LS_OBJ_GENERATOR))
    return GEN (v)->kind == LS_GEN_KIND_GENERATOR;
  if (LS_OBJ_IS (v, LS_OBJ_ITER))
    return TRUE;
  if (LS_OBJ_IS (v, LS_OBJ_CDATA) && ((LsCData *) LS_AS_OBJ (v))->klass != NULL
      && ((LsCData *) LS_AS_OBJ (v))->klass->send != NULL)
    return TRUE;
  return !LS_IS_UNDEF (ls_type_lookup (ls_typeof (vm, v), LS_NAME (vm, __next__)));
}

/* GET_AWAITABLE: where 0 plain await, 1 after __aenter__, 2 after __aexit__. */
LsValue
_ls_get_awaitable (LsVM    *vm,
                   LsValue  obj,
                   int      where)
{
  LsValue m, r;

  if (LS_OBJ_IS (obj, LS_OBJ_GENERATOR) && GEN (obj)->kind == LS_GEN_KIND_COROUTINE)
    {
      if (suspended_in_yield_from (GEN (obj)))
        return ls_raise (vm, LS_EXC_RUNTIME_ERROR, "coroutine is being awaited already");
      return obj;
    }
  if (LS_OBJ_IS (obj, LS_OBJ_CDATA))
    {
      LsCData *cd = (LsCData *) LS_AS_OBJ (obj);
      if (cd->klass != NULL && cd->klass->send != NULL)
        return obj;
    }
  m = LS_OBJ_IS (obj, LS_OBJ_TYPE) ? LS_UNDEF : ls_lookup_special (vm, obj, LS_NAME (vm, __await__));
  if (LS_IS_UNDEF (m))
    {
      if (!LS_IS_UNDEF (vm->exc))
        return LS_ERR;
      if (where == 1)
        return ls_raise (vm, LS_EXC_TYPE_ERROR, "'async with' received an object from __aenter__ "
                         "that does not implement __await__: %s", ls_type_name (vm, obj));
      if (where == 2)
        return ls_raise (vm, LS_EXC_TYPE_ERROR, "'async with' received an object from __aexit__ "
                         "that does not implement __await__: %s", ls_type_name (vm, obj));
      return ls_raise (vm, LS_EXC_TYPE_ERROR, "object %s can't be used in 'await' expression",
                       ls_type_name (vm, obj));
    }
  r = ls_call (vm, m, NULL, 0, NULL);
  if (LS_IS_ERR (r))
    return r;
  if (LS_OBJ_IS (r, LS_OBJ_GENERATOR) && GEN (r)->kind == LS_GEN_KIND_COROUTINE)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "__await__() returned a coroutine");
  if (!is_iterator (vm, r))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "__await__() returned non-iterator of type '%s'",
                     ls_type_name (vm, r));
  return r;
}

LsValue
_ls_get_aiter (LsVM    *vm,
               LsValue  obj)
{
  LsValue m, r;

  if (LS_OBJ_IS (obj, LS_OBJ_GENERATOR) && GEN (obj)->kind == LS_GEN_KIND_ASYNC_GEN)
    return obj;
  m = ls_lookup_special (vm, obj, LS_NAME (vm, __aiter__));
  if (LS_IS_UNDEF (m))
    {
      if (!LS_IS_UNDEF (vm->exc))
        return LS_ERR;
      return ls_raise (vm, LS_EXC_TYPE_ERROR, "'async for' requires an object with __aiter__ "
                       "method, got %s", ls_type_name (vm, obj));
    }
  r = ls_call (vm, m, NULL, 0, NULL);
  if (LS_IS_ERR (r))
    return r;
  if (!(LS_OBJ_IS (r, LS_OBJ_GENERATOR) && GEN (r)->kind == LS_GEN_KIND_ASYNC_GEN)
      && LS_IS_UNDEF (ls_type_lookup (ls_typeof (vm, r), LS_NAME (vm, __anext__))))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "'async for' received an object from __aiter__ that "
                     "does not implement __anext__: %s", ls_type_name (vm, r));
  return r;
}

LsValue
_ls_get_anext (LsVM    *vm,
               LsValue  aiter)
{
  LsValue m, r, aw;

  if (LS_OBJ_IS (aiter, LS_OBJ_GENERATOR) && GEN (aiter)->kind == LS_GEN_KIND_ASYNC_GEN)
    return agen_await_new (vm, GEN (aiter), LS_NONE, FALSE, FALSE);
  m = ls_lookup_special (vm, aiter, LS_NAME (vm, __anext__));
  if (LS_IS_UNDEF (m))
    {
      if (!LS_IS_UNDEF (vm->exc))
        return LS_ERR;
      return ls_raise (vm, LS_EXC_TYPE_ERROR, "'async for' requires an iterator with __anext__ "
                       "method, got %s", ls_type_name (vm, aiter));
    }
  r = ls_call (vm, m, NULL, 0, NULL);
  if (LS_IS_ERR (r))
    return r;
  aw = _ls_get_awaitable (vm, r, 0);
  if (LS_IS_ERR (aw) && ls_exc_pending_is (vm, LS_EXC_TYPE_ERROR))
    {
      ls_exc_clear (vm);
      return ls_raise (vm, LS_EXC_TYPE_ERROR, "'async for' received an invalid object from "
                       "__anext__: %s", ls_type_name (vm, r));
    }
  return aw;
}

/* ---------------------------------------------------- Python-visible API */

static LsValue
stop_with (LsVM    *vm,
           LsValue  value)
{
  return ls_raise_stop_iteration (vm, value);
}

/* Result of a native step as a Python method returns it. */
static LsValue
step_result (LsVM    *vm,
             int      r,
             LsValue  out)
{
  if (r > 0)
    return out;
  if (r == 0)
    return stop_with (vm, out);
  return LS_ERR;
}

static LsValue
check_gen (LsVM       *vm,
           LsValue     self,
           const char *what)
{
  if (!LS_OBJ_IS (self, LS_OBJ_GENERATOR))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "descriptor '%s' requires a generator", what);
  return self;
}

static LsValue
gen_send_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsValue out;

  if (LS_IS_ERR (check_gen (vm, self, "send")))
    return LS_ERR;
  if (nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "send() takes exactly one argument (%d given)", nargs);
  if (GEN (self)->state == LS_GEN_FINISHED && GEN (self)->kind == LS_GEN_KIND_GENERATOR)
    return stop_with (vm, LS_NONE);
  return step_result (vm, gen_resume (vm, GEN (self), FALSE, args[0], &out), out);
}

/* throw(exc) / throw(type[, value[, tb]]) */
static LsValue
make_thrown (LsVM          *vm,
             const LsValue *args,
             int            nargs)
{
  LsValue exc;

  if (nargs < 1 || nargs > 3)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "throw expected at least 1 argument, got %d", nargs);
  exc = args[0];
  if (_ls_is_exception_class (vm, exc))
    {
      if (nargs >= 2 && LS_OBJ_IS (args[1], LS_OBJ_EXCEPTION))
        exc = args[1];
      else if (nargs >= 2 && !LS_IS_NONE (args[1]))
        exc = ls_call (vm, exc, &args[1], 1, NULL);
      else
        exc = ls_call (vm, exc, NULL, 0, NULL);
      if (LS_IS_ERR (exc))
        return exc;
    }
  else if (!LS_OBJ_IS (exc, LS_OBJ_EXCEPTION))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "exceptions must be classes or instances deriving from "
                     "BaseException, not %s", ls_type_name (vm, exc));
  else if (nargs >= 2 && !LS_IS_NONE (args[1]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "instance exception may not have a separate value");
  if (nargs == 3 && LS_OBJ_IS (args[2], LS_OBJ_TRACEBACK))
    ((LsException *) LS_AS_OBJ (exc))->traceback = args[2];
  return exc;
}

static LsValue
gen_throw_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsValue out, exc;

  if (LS_IS_ERR (check_gen (vm, self, "throw")))
    return LS_ERR;
  exc = make_thrown (vm, args, nargs);
  if (LS_IS_ERR (exc))
    return exc;
  return step_result (vm, gen_resume (vm, GEN (self), TRUE, exc, &out), out);
}

static LsValue
gen_close_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  if (LS_IS_ERR (check_gen (vm, self, "close")))
    return LS_ERR;
  return ls_gen_close (vm, self) < 0 ? LS_ERR : LS_NONE;
}

static LsValue
gen_next_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsValue out;
  int r;

  if (LS_IS_ERR (check_gen (vm, self, "__next__")))
    return LS_ERR;
  r = gen_resume (vm, GEN (self), FALSE, LS_NONE, &out);
  if (r > 0)
    return out;
  if (r == 0)
    return stop_with (vm, out);
  return LS_ERR;
}

static LsValue
gen_iter_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return self;
}

static LsValue
coro_await_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsCData *cd = ls_cdata_new (vm, vm->st->native_type_wrapper);

  *(LsValue *) ls_cdata_payload (cd) = self;
  return ls_obj (cd);
}

static LsValue
agen_aiter_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return self;
}

static LsValue
agen_anext_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return agen_await_new (vm, GEN (self), LS_NONE, FALSE, FALSE);
}

static LsValue
agen_asend_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  if (nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "asend() takes exactly one argument (%d given)", nargs);
  return agen_await_new (vm, GEN (self), args[0], FALSE, FALSE);
}

static LsValue
agen_athrow_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsValue exc = make_thrown (vm, args, nargs);

  if (LS_IS_ERR (exc))
    return exc;
  return agen_await_new (vm, GEN (self), exc, TRUE, FALSE);
}

static LsValue
agen_aclose_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return agen_await_new (vm, GEN (self), LS_UNDEF, TRUE, TRUE);
}

/* Methods of the asend/athrow awaitables and of coroutine_wrapper. */
static LsValue
await_send_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsCData *cd = (LsCData *) LS_AS_OBJ (self);
  LsValue out;

  if (nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "send() takes exactly one argument (%d given)", nargs);
  return step_result (vm, cd->klass->send (vm, cd, args[0], &out), out);
}

static LsValue
await_next_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsCData *cd = (LsCData *) LS_AS_OBJ (self);
  LsValue out;

  return step_result (vm, cd->klass->send (vm, cd, LS_NONE, &out), out);
}

static LsValue
await_throw_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsCData *cd = (LsCData *) LS_AS_OBJ (self);
  LsValue out, exc = make_thrown (vm, args, nargs);

  if (LS_IS_ERR (exc))
    return exc;
  return step_result (vm, cd->klass->throw_ (vm, cd, exc, &out), out);
}

static LsValue
await_close_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsCData *cd = (LsCData *) LS_AS_OBJ (self);

  if (cd->klass == &agen_await_class)
    ((LsAgenAwait *) ls_cdata_payload (cd))->state = LS_AWAIT_CLOSED;
  else
    return ls_gen_close (vm, *(LsValue *) ls_cdata_payload (cd)) < 0 ? LS_ERR : LS_NONE;
  return LS_NONE;
}

/* A snapshot standing in for gi_frame / cr_frame. */
static LsValue
frame_snapshot (LsVM        *vm,
                LsGenerator *g)
{
  LsInstance *o;

  if (g->frame == NULL)
    return LS_NONE;
  o = ls_gc_alloc (vm, LS_OBJ_INSTANCE, vm->types[LS_T_FRAME], sizeof (LsInstance));
  o->dict = ls_dict_new (vm);
  ls_dict_set_cstr (vm, o->dict, "f_lineno", ls_int (ls_gen_get_line (ls_obj (g))));
  ls_dict_set_cstr (vm, o->dict, "f_code", ls_obj (g->code));
  ls_dict_set_cstr (vm, o->dict, "f_globals", ls_obj (g->frame->globals));
  return ls_obj (o);
}

LsValue
_ls_gen_getattr (LsVM    *vm,
                 LsValue  v,
                 LsStr   *name)
{
  LsGenerator *g = GEN (v);
  const char *n = ls_str_cstr (name);
  const char *p;

  if (name == LS_NAME (vm, __name__))
    return ls_obj (g->name);
  if (name == LS_NAME (vm, __qualname__))
    return ls_obj (g->qualname);
  if (g->kind == LS_GEN_KIND_COROUTINE)
    p = "cr_";
  else if (g->kind == LS_GEN_KIND_ASYNC_GEN)
    p = "ag_";
  else
    p = "gi_";
  if (strncmp (n, p, 3) != 0)
    return LS_UNDEF;
  n += 3;
  if (strcmp (n, "running") == 0)
    return ls_bool (g->kind == LS_GEN_KIND_ASYNC_GEN ? g->ag_running : g->state == LS_GEN_RUNNING);
  if (strcmp (n, "frame") == 0)
    return frame_snapshot (vm, g);
  if (strcmp (n, "code") == 0)
    return ls_obj (g->code);
  if (strcmp (n, "suspended") == 0)
    return ls_bool (g->state == LS_GEN_SUSPENDED);
  if (strcmp (n, "await") == 0 || strcmp (n, "yieldfrom") == 0)
    {
      LsValue d = ls_gen_get_awaiting (v);
      return LS_IS_UNDEF (d) ? LS_NONE : d;
    }
  return LS_UNDEF;
}

/* ------------------------------------------------------- public accessors */

gboolean
ls_gen_is_coroutine (LsVM    *vm,
                     LsValue  v)
{
  return LS_OBJ_IS (v, LS_OBJ_GENERATOR) && GEN (v)->kind == LS_GEN_KIND_COROUTINE;
}

gboolean
ls_gen_is_finished (LsValue gen)
{
  return LS_OBJ_IS (gen, LS_OBJ_GENERATOR) && GEN (gen)->state == LS_GEN_FINISHED;
}

gboolean
ls_gen_is_running (LsValue gen)
{
  return LS_OBJ_IS (gen, LS_OBJ_GENERATOR) && GEN (gen)->state == LS_GEN_RUNNING;
}

LsCode *
ls_gen_get_code (LsValue gen)
{
  return LS_OBJ_IS (gen, LS_OBJ_GENERATOR) ? GEN (gen)->code : NULL;
}

int
ls_gen_get_line (LsValue gen)
{
  LsGenerator *g;

  if (!LS_OBJ_IS (gen, LS_OBJ_GENERATOR))
    return 0;
  g = GEN (gen);
  if (g->frame == NULL || g->state == LS_GEN_CREATED)
    return g->code->first_line;
  return _ls_code_line_at (g->code, ls_frame_lasti (g->frame));
}

LsValue
ls_gen_get_awaiting (LsValue gen)
{
  if (!LS_OBJ_IS (gen, LS_OBJ_GENERATOR) || !suspended_in_yield_from (GEN (gen)))
    return LS_UNDEF;
  return GEN (gen)->frame->sp[-1];
}

/* ------------------------------------------------------------------ init */

static LsType *
cdata_type (LsVM               *vm,
            const char         *name,
            const LsCDataClass *klass,
            gsize               size)
{
  LsType *t = ls_type_new_builtin (vm, name, NULL, LS_OBJ_CDATA);

  t->hdr.flags &= ~LS_TYPE_BASETYPE;
  t->cdata_class = klass;
  t->cdata_size = size;
  ls_type_add_method (vm, t, "send", await_send_method);
  ls_type_add_method (vm, t, "throw", await_throw_method);
  ls_type_add_method (vm, t, "close", await_close_method);
  ls_type_add_method (vm, t, "__next__", await_next_method);
  ls_type_add_method (vm, t, "__iter__", gen_iter_method);
  ls_type_add_method (vm, t, "__await__", gen_iter_method);
  return t;
}

void
_ls_generator_init_types (LsVM *vm)
{
  LsType *gen = vm->types[LS_T_GENERATOR];
  LsType *coro = vm->types[LS_T_COROUTINE];
  LsType *agen = vm->types[LS_T_ASYNC_GENERATOR];

  ls_type_add_method (vm, gen, "send", gen_send_method);
  ls_type_add_method (vm, gen, "throw", gen_throw_method);
  ls_type_add_method (vm, gen, "close", gen_close_method);
  ls_type_add_method (vm, gen, "__next__", gen_next_method);
  ls_type_add_method (vm, gen, "__iter__", gen_iter_method);

  ls_type_add_method (vm, coro, "send", gen_send_method);
  ls_type_add_method (vm, coro, "throw", gen_throw_method);
  ls_type_add_method (vm, coro, "close", gen_close_method);
  ls_type_add_method (vm, coro, "__await__", coro_await_method);

  ls_type_add_method (vm, agen, "__aiter__", agen_aiter_method);
  ls_type_add_method (vm, agen, "__anext__", agen_anext_method);
  ls_type_add_method (vm, agen, "asend", agen_asend_method);
  ls_type_add_method (vm, agen, "athrow", agen_athrow_method);
  ls_type_add_method (vm, agen, "aclose", agen_aclose_method);

  vm->st->asend_type = cdata_type (vm, "async_generator_asend", &agen_await_class, sizeof (LsAgenAwait));
  vm->st->athrow_type = cdata_type (vm, "async_generator_athrow", &agen_await_class, sizeof (LsAgenAwait));
  vm->st->native_type_wrapper = cdata_type (vm, "coroutine_wrapper", &coro_wrapper_class, sizeof (LsValue));
}
