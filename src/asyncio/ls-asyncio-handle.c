/* ls-asyncio-handle.c: Handle and TimerHandle, what call_soon() and
 * call_later() return and what the ready queue and the timer heap hold.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A handle is a callback and its arguments. The loop's own callbacks (a
 * task's step and wake-up, sleep's timer) are kinds of their own, so
 * scheduling them allocates nothing but the handle.
 */
#include "config.h"

#include "ls-asyncio-private.h"

void _ls_asyncio_add_property (LsAsyncioState *st, LsType *type, const char *name,
                               LsNativeFn getter, LsNativeFn setter);

static void
handle_trace (LsVM    *vm,
              LsCData *self)
{
  LsAsyncioHandle *h = LS_HANDLE (self);

  ls_gc_mark_value (vm, h->a);
  ls_gc_mark_value (vm, h->b);
  ls_gc_mark_obj (vm, h->loop);
}

static const LsCDataClass handle_class = {
  "Handle", handle_trace, NULL, NULL, NULL,
};

LsCData *
_ls_asyncio_handle_new (LsAsyncioState *st,
                        LsCData        *loop,
                        LsHandleKind    kind,
                        LsValue         a,
                        LsValue         b,
                        gboolean        timer)
{
  LsCData *cd = ls_cdata_new (st->vm, timer ? st->timer_handle_type : st->handle_type);
  LsAsyncioHandle *h = LS_HANDLE (cd);

  h->kind = (guint8) kind;
  h->is_timer = (guint8) timer;
  h->a = a;
  h->b = b;
  h->loop = loop;
  return cd;
}

void
_ls_asyncio_handle_cancel (LsCData *handle)
{
  LsAsyncioHandle *h = LS_HANDLE (handle);

  if (h->cancelled)
    return;
  if (h->is_timer && h->loop != NULL)
    _ls_asyncio_timer_cancelled (h->loop, handle);
  h->cancelled = TRUE;
  h->a = LS_NONE;
  h->b = LS_NONE;
}

static LsAsyncioHandle *
handle_of (LsVM    *vm,
           LsValue  self)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);

  if (!LS_OBJ_IS (self, LS_OBJ_CDATA) || !ls_is_subtype (LS_AS_OBJ (self)->type, st->handle_type))
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "a Handle was expected, got %s", ls_type_name (vm, self));
      return NULL;
    }
  return LS_HANDLE ((LsCData *) LS_AS_OBJ (self));
}

static LsValue
handle_cancel (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  if (handle_of (vm, self) == NULL)
    return LS_ERR;
  _ls_asyncio_handle_cancel ((LsCData *) LS_AS_OBJ (self));
  return LS_NONE;
}

static LsValue
handle_cancelled (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioHandle *h = handle_of (vm, self);

  return h == NULL ? LS_ERR : ls_bool (h->cancelled);
}

static LsValue
handle_when (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioHandle *h = handle_of (vm, self);

  return h == NULL ? LS_ERR : ls_float (h->when);
}

static LsValue
handle_repr (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);

  if (handle_of (vm, self) == NULL)
    return LS_ERR;
  if (LS_IS_UNDEF (st->handle_repr))
    return ls_obj (ls_str_printf (vm, "<%s>", ls_type_name (vm, self)));
  return ls_call (vm, st->handle_repr, &self, 1, NULL);
}

/* Comparisons of TimerHandles are by deadline, like CPython's. */
static LsValue
handle_compare (LsVM          *vm,
                LsValue        self,
                const LsValue *args,
                int            nargs,
                int            op)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);
  LsAsyncioHandle *a = handle_of (vm, self), *b;

  if (a == NULL || nargs != 1)
    return LS_ERR;
  if (!LS_OBJ_IS (args[0], LS_OBJ_CDATA)
      || !ls_is_subtype (LS_AS_OBJ (args[0])->type, st->timer_handle_type))
    return vm->not_implemented;
  b = LS_HANDLE ((LsCData *) LS_AS_OBJ (args[0]));
  switch (op)
    {
    case 0: return ls_bool (a->when < b->when);
    case 1: return ls_bool (a->when < b->when || ls_is (self, args[0]));
    case 2: return ls_bool (a->when > b->when);
    case 3: return ls_bool (a->when > b->when || ls_is (self, args[0]));
    default: return ls_bool (ls_is (self, args[0]));
    }
}

static LsValue
handle_lt (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return handle_compare (vm, self, args, nargs, 0);
}

static LsValue
handle_le (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return handle_compare (vm, self, args, nargs, 1);
}

static LsValue
handle_gt (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return handle_compare (vm, self, args, nargs, 2);
}

static LsValue
handle_ge (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return handle_compare (vm, self, args, nargs, 3);
}

/* What the repr helper reads: _ls_kind, _callback, _args, _cancelled, _when. */
static LsValue
get_kind (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioHandle *h = handle_of (vm, args[0]);

  return h == NULL ? LS_ERR : ls_int (h->kind);
}

static LsValue
get_callback (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioHandle *h = handle_of (vm, args[0]);

  if (h == NULL)
    return LS_ERR;
  if (h->cancelled)
    return LS_NONE;
  return h->a;
}

static LsValue
get_args (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioHandle *h = handle_of (vm, args[0]);
  LsValue items[2];

  if (h == NULL)
    return LS_ERR;
  if (h->cancelled)
    return LS_NONE;
  switch ((LsHandleKind) h->kind)
    {
    case LS_HANDLE_CALL:
      return h->b;
    case LS_HANDLE_TASK_STEP:
      if (LS_IS_UNDEF (h->b))
        return vm->empty_tuple;
      G_GNUC_FALLTHROUGH;
    case LS_HANDLE_CALL1:
    case LS_HANDLE_TASK_WAKEUP:
      return ls_obj (ls_tuple_from (vm, &h->b, 1));
    case LS_HANDLE_RELEASE:
      return ls_obj (ls_tuple_from (vm, &h->a, 1));
    case LS_HANDLE_SET_RESULT:
    default:
      items[0] = h->a;
      items[1] = h->b;
      return ls_obj (ls_tuple_from (vm, items, 2));
    }
}

static LsValue
get_cancelled (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioHandle *h = handle_of (vm, args[0]);

  return h == NULL ? LS_ERR : ls_bool (h->cancelled);
}

static LsValue
get_when (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioHandle *h = handle_of (vm, args[0]);

  return h == NULL ? LS_ERR : ls_float (h->when);
}

static LsValue
get_scheduled (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioHandle *h = handle_of (vm, args[0]);

  return h == NULL ? LS_ERR : ls_bool (h->scheduled);
}

void
_ls_asyncio_handle_init_types (LsAsyncioState *st)
{
  LsVM *vm = st->vm;
  LsType *h = ls_type_new_builtin (vm, "Handle", NULL, LS_OBJ_CDATA);
  LsType *t;

  h->module = ls_str_intern (vm, "asyncio.events", -1);
  h->cdata_class = &handle_class;
  h->cdata_size = sizeof (LsAsyncioHandle);
  h->hdr.flags &= ~LS_TYPE_BASETYPE;
  ls_type_add_method (vm, h, "cancel", handle_cancel);
  ls_type_add_method (vm, h, "cancelled", handle_cancelled);
  ls_type_add_method (vm, h, "__repr__", handle_repr);
  _ls_asyncio_add_property (st, h, "_ls_kind", get_kind, NULL);
  _ls_asyncio_add_property (st, h, "_callback", get_callback, NULL);
  _ls_asyncio_add_property (st, h, "_args", get_args, NULL);
  _ls_asyncio_add_property (st, h, "_cancelled", get_cancelled, NULL);
  st->handle_type = h;

  t = ls_type_new_builtin (vm, "TimerHandle", h, LS_OBJ_CDATA);
  t->module = h->module;
  t->hdr.flags &= ~LS_TYPE_BASETYPE;
  ls_type_add_method (vm, t, "when", handle_when);
  ls_type_add_method (vm, t, "__lt__", handle_lt);
  ls_type_add_method (vm, t, "__le__", handle_le);
  ls_type_add_method (vm, t, "__gt__", handle_gt);
  ls_type_add_method (vm, t, "__ge__", handle_ge);
  _ls_asyncio_add_property (st, t, "_when", get_when, NULL);
  _ls_asyncio_add_property (st, t, "_scheduled", get_scheduled, NULL);
  st->timer_handle_type = t;
}
