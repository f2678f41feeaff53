/* ls-vm.c: the bytecode dispatch loop over heap frames, and the VM's life cycle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Python-to-Python calls never recurse in C: CALL pushes a frame and the loop
 * continues in it; RETURN_VALUE pops it and continues in the caller. The
 * same holds for generators resumed by FOR_ITER and for the await chain
 * (YIELD_FROM resumes the delegate's frame above its own). How a finished or
 * yielding frame hands its outcome back is recorded in frame->resume. Only
 * natives that call back into Python (ls_call) start a nested loop; such a
 * loop ends when its LS_RESUME_ENTRY frame finishes.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ls-vm-private.h"

/* Instructions between two checks of the GC flag and the budget. */
#define LS_TICK_QUANTUM     64
#define LS_FRAME_CHUNK_SIZE (256 * 1024)
/* Bytecode nested in natives (sorted's key, __repr__...) may not nest deeper. */
#define LS_MAX_NATIVE_DEPTH 2500

/* ------------------------------------------------------------------ frames */

static gsize
frame_size (LsCode *code)
{
  gsize n_slots = (gsize) code->n_locals + code->n_cells + code->n_free + code->max_stack + 2;

  return sizeof (LsFrame) + n_slots * sizeof (LsValue) + (gsize) code->max_blocks * sizeof (LsBlock);
}

static gpointer
frame_stack_alloc (LsVM  *vm,
                   gsize  size)
{
  LsVMState *st = vm->st;
  LsFrameChunk *c = st->chunk;

  size = (size + 15) & ~(gsize) 15;
  if (c == NULL || (gsize) (c->limit - c->top) < size)
    {
      LsFrameChunk *n = st->spare_chunk;

      if (n != NULL && (gsize) (n->limit - n->data) >= size)
        st->spare_chunk = NULL;
      else
        {
          gsize cap = MAX (LS_FRAME_CHUNK_SIZE, size);
          n = g_malloc (sizeof (LsFrameChunk) + cap);
          n->limit = n->data + cap;
        }
      n->prev = c;
      n->top = n->data;
      st->chunk = n;
      c = n;
    }
  gpointer p = c->top;
  c->top += size;
  return p;
}

static void
frame_stack_free (LsVM    *vm,
                  LsFrame *frame)
{
  LsVMState *st = vm->st;
  LsFrameChunk *c = st->chunk;

  /* Frames on the frame stack die in LIFO order. */
  g_assert (c != NULL && (char *) frame >= c->data && (char *) frame < c->limit);
  c->top = (char *) frame;
  if (c->top == c->data && c->prev != NULL)
    {
      st->chunk = c->prev;
      g_free (st->spare_chunk);
      st->spare_chunk = c;
    }
}

LsFrame *
_ls_frame_new (LsVM       *vm,
               LsCode     *code,
               LsFunction *func,
               LsDict     *globals,
               LsDict     *locals,
               gboolean    on_heap)
{
  gsize size = frame_size (code);
  gsize n_slots = (gsize) code->n_locals + code->n_cells + code->n_free + code->max_stack + 2;
  LsFrame *f;

  f = on_heap ? g_malloc (size) : frame_stack_alloc (vm, size);
  memset (f, 0, sizeof (LsFrame) + ((gsize) code->n_locals + code->n_cells + code->n_free) * sizeof (LsValue));
  f->hdr.kind = LS_OBJ_FRAME;
  f->hdr.type = vm->types[LS_T_FRAME];
  f->code = code;
  f->func = func;
  f->globals = globals;
  f->locals = locals;
  f->builtins = vm->builtins;
  f->stack = f->slots + code->n_locals + code->n_cells + code->n_free;
  f->sp = f->stack;
  f->blocks = (LsBlock *) (f->slots + n_slots);
  f->flags = on_heap ? LS_FRAME_ON_HEAP : 0;
  f->alloc_size = (guint32) size;
  return f;
}

/* Creates the cells (after argument binding, for cell2arg) and copies the closure. */
void
_ls_frame_init_cells (LsVM    *vm,
                      LsFrame *f)
{
  LsCode *code = f->code;
  LsValue *cells = ls_frame_cells (f);

  for (int i = 0; i < code->n_cells; i++)
    {
      LsCell *cell = ls_gc_alloc (vm, LS_OBJ_CELL, vm->types[LS_T_CELL], sizeof (LsCell));
      if (code->cell2arg != NULL && code->cell2arg[i] >= 0)
        cell->value = f->slots[code->cell2arg[i]];
      cells[i] = ls_obj (cell);
    }
  if (code->n_free > 0 && f->func != NULL && f->func->closure != NULL)
    {
      LsTuple *cl = f->func->closure;
      for (int i = 0; i < code->n_free && (gsize) i < cl->len; i++)
        cells[code->n_cells + i] = cl->items[i];
    }
}

void
_ls_frame_release (LsVM    *vm,
                   LsFrame *frame)
{
  if (frame->flags & LS_FRAME_ON_HEAP)
    g_free (frame);
  else
    frame_stack_free (vm, frame);
}

static inline int
frame_cost (LsFrame *f)
{
  /* A class call costs CPython two levels (the type's tp_call and __init__). */
  return f->resume == LS_RESUME_INIT ? 2 : 1;
}

gboolean
_ls_vm_check_recursion (LsVM *vm)
{
  if (G_UNLIKELY (vm->st->depth >= vm->recursion_limit))
    {
      ls_raise (vm, LS_EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
      return FALSE;
    }
  return TRUE;
}

static inline void
frame_push (LsVM         *vm,
            LsFrame      *f,
            LsResumeKind  kind)
{
  LsVMState *st = vm->st;

  f->back = st->frame;
  f->resume = kind;
  st->frame = f;
  st->depth += frame_cost (f);
}

int
_ls_code_line_at (LsCode *code,
                  int     index)
{
  if (code->positions == NULL || code->n_code == 0)
    return code->first_line;
  if (index < 0)
    index = 0;
  if (index >= code->n_code)
    index = code->n_code - 1;
  return code->positions[index].line;
}

LsValue
_ls_vm_handled_exception (LsVM *vm)
{
  for (LsFrame *f = vm->st->frame; f != NULL; f = f->back)
    if (LS_IS_OBJ (f->handled))
      return f->handled;
  return LS_UNDEF;
}

/* ------------------------------------------------------------- small helpers */

static LsValue
raise_unbound_local (LsVM   *vm,
                     LsStr  *name)
{
  return ls_raise (vm, LS_EXC_UNBOUND_LOCAL_ERROR,
                   "cannot access local variable '%s' where it is not associated with a value",
                   ls_str_cstr (name));
}

static LsValue
raise_unbound_deref (LsVM   *vm,
                     LsCode *code,
                     int     index)
{
  if (index < code->n_cells)
    return raise_unbound_local (vm, code->cellnames[index]);
  return ls_raise (vm, LS_EXC_NAME_ERROR,
                   "cannot access free variable '%s' where it is not associated with a value"
                   " in enclosing scope", ls_str_cstr (code->freenames[index - code->n_cells]));
}

static LsValue
build_string (LsVM          *vm,
              const LsValue *items,
              int            n)
{
  gsize total = 0;
  char *buf, *p;
  LsStr *s;

  for (int i = 0; i < n; i++)
    total += ((LsStr *) LS_AS_OBJ (items[i]))->len;
  if (n == 1)
    return items[0];
  buf = p = g_malloc (total + 1);
  for (int i = 0; i < n; i++)
    {
      LsStr *part = (LsStr *) LS_AS_OBJ (items[i]);
      memcpy (p, part->data, part->len);
      p += part->len;
    }
  *p = '\0';
  s = ls_str_new (vm, buf, (gssize) total);
  g_free (buf);
  return ls_obj (s);
}

static LsValue
ascii_of (LsVM    *vm,
          LsValue  v)
{
  LsValue r = ls_repr (vm, v);
  LsStr *s;
  GString *out;
  const char *p;

  if (LS_IS_ERR (r))
    return r;
  s = (LsStr *) LS_AS_OBJ (r);
  if (s->len == s->nchars)
    return r;
  out = g_string_sized_new (s->len + 16);
  for (p = s->data; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c < 128)
        g_string_append_c (out, (char) c);
      else if (c < 0x100)
        g_string_append_printf (out, "\\x%02x", c);
      else if (c < 0x10000)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_printf (out, "\\U%08x", c);
    }
  r = ls_obj (ls_str_new (vm, out->str, (gssize) out->len));
  g_string_free (out, TRUE);
  return r;
}

static LsValue
format_value (LsVM    *vm,
              LsValue  v,
              int      flags,
              LsValue  spec)
{
  switch (flags & LS_FV_CONV_MASK)
    {
    case LS_FV_STR:
      v = ls_to_str (vm, v);
      break;
    case LS_FV_REPR:
      v = ls_repr (vm, v);
      break;
    case LS_FV_ASCII:
      v = ascii_of (vm, v);
      break;
    default:
      break;
    }
  if (LS_IS_ERR (v))
    return v;
  if (LS_IS_UNDEF (spec) && LS_OBJ_IS (v, LS_OBJ_STR) && v.u.o->type == vm->types[LS_T_STR])
    return v;
  return ls_format (vm, v, LS_IS_UNDEF (spec) ? (LsStr *) LS_AS_OBJ (vm->empty_str)
                                              : (LsStr *) LS_AS_OBJ (spec));
}

/* Unpacks seq into dst[0..n) in order; FALSE with vm->exc set. */
static gboolean
unpack_iterable (LsVM    *vm,
                 LsValue  seq,
                 int      before,
                 int      after,
                 gboolean star,
                 LsValue *dst,
                 LsList **rest)
{
  LsValue it, v;
  int got = 0, r;

  if (!star && (LS_OBJ_IS (seq, LS_OBJ_TUPLE) || LS_OBJ_IS (seq, LS_OBJ_LIST)))
    {
      gsize len = LS_OBJ_IS (seq, LS_OBJ_TUPLE) ? ((LsTuple *) LS_AS_OBJ (seq))->len
                                                  : ((LsList *) LS_AS_OBJ (seq))->len;
      LsValue *items = LS_OBJ_IS (seq, LS_OBJ_TUPLE) ? ((LsTuple *) LS_AS_OBJ (seq))->items
                                                       : ((LsList *) LS_AS_OBJ (seq))->items;
      if (len == (gsize) before)
        {
          ls_copy_values (dst, items, len);
          return TRUE;
        }
      if (len < (gsize) before)
        ls_raise (vm, LS_EXC_VALUE_ERROR, "not enough values to unpack (expected %d, got %d)",
                  before, (int) len);
      else
        ls_raise (vm, LS_EXC_VALUE_ERROR, "too many values to unpack (expected %d)", before);
      return FALSE;
    }

  it = ls_get_iter (vm, seq);
  if (LS_IS_ERR (it))
    {
      if (ls_exc_pending_is (vm, LS_EXC_TYPE_ERROR))
        {
          ls_exc_clear (vm);
          ls_raise (vm, LS_EXC_TYPE_ERROR, "cannot unpack non-iterable %s object",
                    ls_type_name (vm, seq));
        }
      return FALSE;
    }
  for (got = 0; got < before; got++)
    {
      r = ls_iter_next (vm, it, &v);
      if (r < 0)
        return FALSE;
      if (r == 0)
        {
          if (star)
            ls_raise (vm, LS_EXC_VALUE_ERROR,
                      "not enough values to unpack (expected at least %d, got %d)",
                      before + after, got);
          else
            ls_raise (vm, LS_EXC_VALUE_ERROR, "not enough values to unpack (expected %d, got %d)",
                      before, got);
          return FALSE;
        }
      dst[got] = v;
    }
  if (!star)
    {
      r = ls_iter_next (vm, it, &v);
      if (r < 0)
        return FALSE;
      if (r > 0)
        {
          ls_raise (vm, LS_EXC_VALUE_ERROR, "too many values to unpack (expected %d)", before);
          return FALSE;
        }
      return TRUE;
    }

  *rest = ls_list_from_iterable (vm, it);
  if (*rest == NULL)
    return FALSE;
  if ((*rest)->len < (gsize) after)
    {
      ls_raise (vm, LS_EXC_VALUE_ERROR,
                "not enough values to unpack (expected at least %d, got %d)",
                before + after, before + (int) (*rest)->len);
      return FALSE;
    }
  for (int i = 0; i < after; i++)
    dst[before + 1 + i] = (*rest)->items[(*rest)->len - after + i];
  (*rest)->len -= after;
  return TRUE;
}

static gboolean
is_mapping_like (LsVM    *vm,
                 LsValue  v)
{
  return LS_OBJ_IS (v, LS_OBJ_DICT) || !LS_IS_UNDEF (ls_lookup_special (vm, v, LS_NAME (vm, keys)));
}

/* dst.update(src) for {**src} and f(**src); merge: duplicates are an error. */
static gboolean
dict_merge (LsVM    *vm,
            LsDict  *dst,
            LsValue  src,
            gboolean merge,
            LsValue  func)
{
  LsValue key, value;

  if (LS_OBJ_IS (src, LS_OBJ_DICT))
    {
      gsize pos = 0;
      while (ls_dict_next ((LsDict *) LS_AS_OBJ (src), &pos, &key, &value))
        {
          if (merge)
            {
              LsValue old;
              int r = ls_dict_lookup (vm, dst, key, &old);
              if (r < 0)
                return FALSE;
              if (r > 0)
                goto duplicate;
            }
          if (ls_dict_set (vm, dst, key, value) < 0)
            return FALSE;
        }
      return TRUE;
    }
  else
    {
      LsValue keys = ls_call_method (vm, src, LS_NAME (vm, keys), NULL, 0);
      LsValue it;
      int r;

      if (LS_IS_ERR (keys))
        return FALSE;
      it = ls_get_iter (vm, keys);
      if (LS_IS_ERR (it))
        return FALSE;
      while ((r = ls_iter_next (vm, it, &key)) > 0)
        {
          if (merge)
            {
              LsValue old;
              int found = ls_dict_lookup (vm, dst, key, &old);
              if (found < 0)
                return FALSE;
              if (found > 0)
                goto duplicate;
            }
          value = ls_getitem (vm, src, key);
          if (LS_IS_ERR (value) || ls_dict_set (vm, dst, key, value) < 0)
            return FALSE;
        }
      return r == 0;
    }

duplicate:
  {
    char buf[256];
    LsValue r = ls_to_str (vm, key);
    if (LS_IS_ERR (r))
      return FALSE;
    ls_raise (vm, LS_EXC_TYPE_ERROR, "%s got multiple values for keyword argument '%s'",
              _ls_callable_name (vm, func, buf, sizeof buf),
              ls_str_cstr ((LsStr *) LS_AS_OBJ (r)));
    return FALSE;
  }
}

static LsValue
make_function (LsVM    *vm,
               LsFrame *frame,
               LsCode  *code,
               int      flags,
               LsValue *extra)
{
  LsFunction *f = ls_gc_alloc (vm, LS_OBJ_FUNCTION, vm->types[LS_T_FUNCTION], sizeof (LsFunction));
  int i = 0;
  LsValue mod;

  f->code = code;
  f->globals = frame->globals;
  if (flags & LS_MF_DEFAULTS)
    f->defaults = (LsTuple *) LS_AS_OBJ (extra[i++]);
  if (flags & LS_MF_KWDEFAULTS)
    f->kwdefaults = (LsDict *) LS_AS_OBJ (extra[i++]);
  if (flags & LS_MF_CLOSURE)
    f->closure = (LsTuple *) LS_AS_OBJ (extra[i++]);
  f->name = code->name;
  f->qualname = code->qualname;
  mod = ls_dict_get_str (frame->globals, LS_NAME (vm, __name__));
  f->module = LS_IS_UNDEF (mod) ? LS_NONE : mod;
  /* The compiler puts a def's docstring (or None) in consts[0]. */
  f->doc = LS_NONE;
  if (!(code->flags & LS_CODE_CLASS_BODY) && code->n_consts > 0
      && LS_OBJ_IS (code->consts[0], LS_OBJ_STR) && code->name->data[0] != '<')
    f->doc = code->consts[0];
  return ls_obj (f);
}

static gboolean
check_exc_match_type (LsVM    *vm,
                      LsValue  type)
{
  if (LS_OBJ_IS (type, LS_OBJ_TUPLE))
    {
      LsTuple *t = (LsTuple *) LS_AS_OBJ (type);
      for (gsize i = 0; i < t->len; i++)
        if (!_ls_is_exception_class (vm, t->items[i]))
          goto bad;
      return TRUE;
    }
  if (_ls_is_exception_class (vm, type))
    return TRUE;
bad:
  ls_raise (vm, LS_EXC_TYPE_ERROR,
            "catching classes that do not inherit from BaseException is not allowed");
  return FALSE;
}

static gboolean
exc_matches (LsVM    *vm,
             LsValue  exc,
             LsValue  type)
{
  LsType *et = ls_typeof (vm, exc);

  if (LS_OBJ_IS (type, LS_OBJ_TUPLE))
    {
      LsTuple *t = (LsTuple *) LS_AS_OBJ (type);
      for (gsize i = 0; i < t->len; i++)
        if (ls_is_subtype (et, (LsType *) LS_AS_OBJ (t->items[i])))
          return TRUE;
      return FALSE;
    }
  return ls_is_subtype (et, (LsType *) LS_AS_OBJ (type));
}

/* Instantiates an exception class given to raise; checks instances. */
static LsValue
make_exception (LsVM       *vm,
                LsValue     v,
                const char *what)
{
  if (_ls_is_exception_class (vm, v))
    {
      LsValue r = ls_call (vm, v, NULL, 0, NULL);
      if (LS_IS_ERR (r))
        return r;
      if (!LS_OBJ_IS (r, LS_OBJ_EXCEPTION))
        return ls_raise (vm, LS_EXC_TYPE_ERROR,
                         "calling %s should have returned an instance of BaseException, not %s",
                         ls_type_name (vm, v), ls_type_name (vm, r));
      return r;
    }
  if (LS_OBJ_IS (v, LS_OBJ_EXCEPTION))
    return v;
  return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s", what);
}

static LsValue
do_raise (LsVM    *vm,
          LsValue  exc,
          LsValue  cause,
          gboolean have_cause)
{
  exc = make_exception (vm, exc, "exceptions must derive from BaseException");
  if (LS_IS_ERR (exc))
    return exc;
  if (have_cause)
    {
      LsException *e = (LsException *) LS_AS_OBJ (exc);
      if (LS_IS_NONE (cause))
        e->cause = LS_NONE;
      else
        {
          cause = make_exception (vm, cause, "exception causes must derive from BaseException");
          if (LS_IS_ERR (cause))
            return cause;
          e->cause = cause;
        }
      e->suppress_context = TRUE;
    }
  return ls_raise_value (vm, exc);
}

static LsValue
lookup_special_or_raise (LsVM       *vm,
                         LsValue     mgr,
                         LsStr      *enter,
                         LsStr      *exit,
                         LsValue    *exit_out,
                         const char *protocol)
{
  LsValue e = ls_lookup_special (vm, mgr, enter);
  LsValue x;

  if (LS_IS_UNDEF (e))
    {
      if (!LS_IS_UNDEF (vm->exc))
        return LS_ERR;
      return ls_raise (vm, LS_EXC_TYPE_ERROR, "'%s' object does not support the %s protocol",
                       ls_type_name (vm, mgr), protocol);
    }
  x = ls_lookup_special (vm, mgr, exit);
  if (LS_IS_UNDEF (x))
    {
      if (!LS_IS_UNDEF (vm->exc))
        return LS_ERR;
      return ls_raise (vm, LS_EXC_TYPE_ERROR,
                       "'%s' object does not support the %s protocol (missed %s method)",
                       ls_type_name (vm, mgr), protocol, ls_str_cstr (exit));
    }
  *exit_out = x;
  return e;
}

/* Builds (args, kwnames) for CALL_EX from a tuple and an optional dict. */
static gboolean
explode_call_ex (LsVM     *vm,
                 LsValue   func,
                 LsValue   args,
                 LsValue   kwargs,
                 LsValue **out_args,
                 int      *out_nargs,
                 LsTuple **out_kwnames)
{
  LsTuple *t;
  gsize nk = 0, pos = 0, i = 0;
  LsValue *buf;

  if (!LS_OBJ_IS (args, LS_OBJ_TUPLE))
    {
      LsList *l = ls_list_from_iterable (vm, args);
      char name[256];
      if (l == NULL)
        {
          if (ls_exc_pending_is (vm, LS_EXC_TYPE_ERROR)
              && LS_IS_UNDEF (ls_lookup_special (vm, args, LS_NAME (vm, __iter__)))
              && LS_IS_UNDEF (ls_lookup_special (vm, args, LS_NAME (vm, __getitem__))))
            {
              ls_exc_clear (vm);
              ls_raise (vm, LS_EXC_TYPE_ERROR, "%s argument after * must be an iterable, not %s",
                        _ls_callable_name (vm, func, name, sizeof name), ls_type_name (vm, args));
            }
          return FALSE;
        }
      args = ls_obj (ls_tuple_from (vm, l->items, l->len));
    }
  t = (LsTuple *) LS_AS_OBJ (args);
  if (!LS_IS_UNDEF (kwargs))
    nk = ((LsDict *) LS_AS_OBJ (kwargs))->len;
  buf = g_new (LsValue, t->len + nk + 1);
  ls_copy_values (buf, t->items, t->len);
  *out_kwnames = NULL;
  if (nk > 0)
    {
      LsTuple *names = ls_tuple_new (vm, nk);
      LsValue k, v;
      while (ls_dict_next ((LsDict *) LS_AS_OBJ (kwargs), &pos, &k, &v))
        {
          if (!LS_OBJ_IS (k, LS_OBJ_STR))
            {
              g_free (buf);
              ls_raise (vm, LS_EXC_TYPE_ERROR, "keywords must be strings");
              return FALSE;
            }
          names->items[i] = k;
          buf[t->len + i] = v;
          i++;
        }
      *out_kwnames = names;
    }
  *out_args = buf;
  *out_nargs = (int) t->len;
  return TRUE;
}

/* ------------------------------------------------------------------ calls */

typedef enum
{
  LS_CALL_DONE,     /* *out holds the result */
  LS_CALL_PUSHED,   /* a frame was pushed: continue in vm->st->frame */
  LS_CALL_ERROR,
  LS_CALL_HOSTCALL, /* the native requested a host call: leave the dispatch loop */
} LsCallOutcome;

static LsCallOutcome
push_function_frame (LsVM          *vm,
                     LsFunction    *func,
                     LsValue        self,
                     const LsValue *args,
                     int            nargs,
                     LsTuple       *kwnames,
                     LsResumeKind   kind,
                     LsValue        aux)
{
  LsFrame *f;

  /* A class call costs CPython two levels: type.__call__ and __init__'s frame. */
  if (kind == LS_RESUME_INIT && vm->st->depth + 1 >= vm->recursion_limit)
    {
      ls_raise (vm, LS_EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
      return LS_CALL_ERROR;
    }
  if (!_ls_vm_check_recursion (vm))
    return LS_CALL_ERROR;
  f = _ls_frame_new (vm, func->code, func, func->globals, NULL, FALSE);
  if (!_ls_bind_args (vm, func, f, self, args, nargs, kwnames))
    {
      _ls_frame_release (vm, f);
      return LS_CALL_ERROR;
    }
  _ls_frame_init_cells (vm, f);
  f->aux = aux;
  frame_push (vm, f, kind);
  return LS_CALL_PUSHED;
}

#define LS_CODE_GENLIKE (LS_CODE_GENERATOR | LS_CODE_COROUTINE | LS_CODE_ASYNC_GENERATOR)

/* Calls callable from the dispatch loop: Python functions get a frame pushed,
 * everything else runs now. self, when not UNDEF, is an extra first argument. */
static LsCallOutcome
vm_call (LsVM          *vm,
         LsValue        callable,
         LsValue        self,
         const LsValue *args,
         int            nargs,
         LsTuple       *kwnames,
         LsValue       *out)
{
  for (;;)
    {
      if (!LS_IS_OBJ (callable))
        break;
      switch (callable.u.o->kind)
        {
        case LS_OBJ_FUNCTION:
          {
            LsFunction *func = (LsFunction *) callable.u.o;
            if (!(func->code->flags & LS_CODE_GENLIKE))
              return push_function_frame (vm, func, self, args, nargs, kwnames,
                                          LS_RESUME_CALL, LS_UNDEF);
            *out = _ls_call_function (vm, func, self, args, nargs, kwnames);
            if (LS_IS_ERR (*out))
              return LS_CALL_ERROR;
            /* Remember where it was born: GET_ITER right after may make it a temporary. */
            vm->st->fresh_gen = (LsGenerator *) LS_AS_OBJ (*out);
            vm->st->fresh_frame = vm->st->frame;
            vm->st->fresh_pc = vm->st->frame ? vm->st->frame->pc : -1;
            return LS_CALL_DONE;
          }
        case LS_OBJ_BOUND_METHOD:
          if (!LS_IS_UNDEF (self))
            goto generic;
          self = ((LsBoundMethod *) callable.u.o)->self;
          callable = ((LsBoundMethod *) callable.u.o)->func;
          continue;
        case LS_OBJ_NATIVE:
          {
            LsNative *nat = (LsNative *) callable.u.o;
            LsNative *saved_direct = vm->st->direct_native;
            vm->st->direct_native = nat;
            if (LS_IS_UNDEF (self))
              *out = _ls_call_native (vm, nat, args, nargs, kwnames);
            else if (LS_IS_UNDEF (nat->self) && (nat->hdr.flags & LS_NATIVE_METHOD))
              *out = nat->fn (vm, self, args, nargs, kwnames);
            else
              {
                vm->st->direct_native = saved_direct;
                goto generic;
              }
            vm->st->direct_native = saved_direct;
            if (LS_IS_ERR (*out))
              {
                if (vm->st->hostcall_requested && LS_IS_UNDEF (vm->exc))
                  {
                    vm->st->hostcall_requested = FALSE;
                    return LS_CALL_HOSTCALL;
                  }
                if (LS_IS_UNDEF (vm->exc))
                  ls_raise (vm, LS_EXC_RUNTIME_ERROR, "%s() returned NULL without setting an exception",
                            nat->name);
                return LS_CALL_ERROR;
              }
            return LS_CALL_DONE;
          }
        case LS_OBJ_TYPE:
          {
            LsValue init = LS_UNDEF;
            LsValue obj;
            if (!LS_IS_UNDEF (self))
              goto generic;
            obj = _ls_type_call_new (vm, (LsType *) callable.u.o, args, nargs, kwnames, &init);
            if (LS_IS_ERR (obj))
              return LS_CALL_ERROR;
            if (LS_IS_UNDEF (init))
              {
                *out = obj;
                return LS_CALL_DONE;
              }
            if (LS_OBJ_IS (init, LS_OBJ_FUNCTION)
                && !(((LsFunction *) init.u.o)->code->flags & LS_CODE_GENLIKE))
              return push_function_frame (vm, (LsFunction *) init.u.o, obj, args, nargs, kwnames,
                                          LS_RESUME_INIT, obj);
            {
              LsValue r;
              LsValue *buf = g_new (LsValue, nargs + (kwnames ? kwnames->len : 0) + 1);
              buf[0] = obj;
              ls_copy_values (buf + 1, args, nargs + (kwnames ? kwnames->len : 0));
              r = ls_call (vm, init, buf, nargs + 1, kwnames);
              g_free (buf);
              if (LS_IS_ERR (r) || !_ls_check_init_result (vm, r))
                return LS_CALL_ERROR;
              *out = obj;
              return LS_CALL_DONE;
            }
          }
        case LS_OBJ_INSTANCE:
        case LS_OBJ_EXCEPTION:
          {
            LsValue call;
            if (!LS_IS_UNDEF (self))
              goto generic;
            call = ls_type_lookup (ls_typeof (vm, callable), LS_NAME (vm, __call__));
            if (!LS_OBJ_IS (call, LS_OBJ_FUNCTION))
              goto generic;
            self = callable;
            callable = call;
            continue;
          }
        default:
          goto generic;
        }
    }

generic:
  if (LS_IS_UNDEF (self))
    *out = ls_call (vm, callable, args, nargs, kwnames);
  else
    {
      int total = nargs + (kwnames ? (int) kwnames->len : 0);
      LsValue small[8];
      LsValue *buf = total + 1 <= (int) G_N_ELEMENTS (small) ? small : g_new (LsValue, total + 1);
      buf[0] = self;
      ls_copy_values (buf + 1, args, (gsize) total);
      *out = ls_call (vm, callable, buf, nargs + 1, kwnames);
      if (buf != small)
        g_free (buf);
    }
  return LS_IS_ERR (*out) ? LS_CALL_ERROR : LS_CALL_DONE;
}

/* Runs a frame from C until it finishes. */
LsValue
_ls_vm_run_frame (LsVM    *vm,
                  LsFrame *frame)
{
  LsValue out = LS_UNDEF;
  LsExitKind exit;

  if (!_ls_vm_check_recursion (vm) || vm->native_depth >= LS_MAX_NATIVE_DEPTH)
    {
      if (LS_IS_UNDEF (vm->exc))
        ls_raise (vm, LS_EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
      _ls_frame_release (vm, frame);
      return LS_ERR;
    }
  frame_push (vm, frame, LS_RESUME_ENTRY);
  vm->native_depth++;
  exit = _ls_vm_run (vm, LS_START_RUN, LS_UNDEF, -1, &out);
  vm->native_depth--;
  if (exit == LS_EXIT_RETURN)
    return out;
  g_assert (exit == LS_EXIT_ERROR);
  return LS_ERR;
}

/* --------------------------------------------------------- the dispatch loop */

#define PUSH(v)      (*sp++ = (v))
#define POP()        (*--sp)
#define TOP()        (sp[-1])
#define PEEK(n)      (sp[-(gint64) (n)])
#define SET_TOP(v)   (sp[-1] = (v))
#define NAME(i)      (code->names[(i)])

#define SAVE_FRAME()           \
  do {                         \
    frame->pc = pc;            \
    frame->sp = sp;            \
  } while (0)

/* v lost a reference: a generator waiting in a try block (or an object
 * holding one) may die here. */
#define RELEASE(v)                                                           \
  do {                                                                       \
    if (G_UNLIKELY (st->guarded_gens > 0) && LS_IS_OBJ (v))                   \
      {                                                                      \
        SAVE_FRAME ();                                                       \
        _ls_gen_release (vm, v);                                             \
      }                                                                      \
  } while (0)

#define LOAD_FRAME()                   \
  do {                                 \
    frame = st->frame;                 \
    code = frame->code;                \
    instrs = code->code;               \
    consts = code->consts;             \
    locals = frame->slots;             \
    pc = frame->pc;                    \
    sp = frame->sp;                    \
  } while (0)

/* Result of an operation that yields a value or fails. */
#define CHECK(v)                       \
  do {                                 \
    if (G_UNLIKELY (LS_IS_ERR (v)))    \
      goto error;                      \
  } while (0)

/* After vm_call: continue in a pushed frame, push a result, or fail. */
#define FINISH_CALL(outcome, result)        \
  do {                                      \
    if ((outcome) == LS_CALL_PUSHED)        \
      {                                     \
        LOAD_FRAME ();                      \
        goto next;                          \
      }                                     \
    if ((outcome) == LS_CALL_ERROR)         \
      {                                     \
        LOAD_FRAME ();                      \
        goto error;                         \
      }                                     \
    if ((outcome) == LS_CALL_HOSTCALL)      \
      return LS_EXIT_HOSTCALL;              \
    PUSH (result);                          \
  } while (0)

static inline gboolean
int_binop_fast (int      op,
                gint64   a,
                gint64   b,
                LsValue *out)
{
  gint64 r;

  switch (op & ~LS_BINOP_INPLACE)
    {
    case LS_BINOP_ADD:
      if (__builtin_add_overflow (a, b, &r))
        return FALSE;
      break;
    case LS_BINOP_SUB:
      if (__builtin_sub_overflow (a, b, &r))
        return FALSE;
      break;
    case LS_BINOP_MUL:
      if (__builtin_mul_overflow (a, b, &r))
        return FALSE;
      break;
    case LS_BINOP_FLOORDIV:
      if (b == 0 || (b == -1 && a == G_MININT64))
        return FALSE;
      r = a / b;
      if ((a % b != 0) && ((a < 0) != (b < 0)))
        r--;
      break;
    case LS_BINOP_MOD:
      if (b == 0 || b == -1)
        return FALSE;
      r = a % b;
      if (r != 0 && ((r < 0) != (b < 0)))
        r += b;
      break;
    case LS_BINOP_BITAND:
      r = a & b;
      break;
    case LS_BINOP_BITOR:
      r = a | b;
      break;
    case LS_BINOP_BITXOR:
      r = a ^ b;
      break;
    default:
      return FALSE;
    }
  *out = ls_int (r);
  return TRUE;
}

static inline gboolean
float_binop_fast (int      op,
                  double   a,
                  double   b,
                  LsValue *out)
{
  switch (op & ~LS_BINOP_INPLACE)
    {
    case LS_BINOP_ADD:
      *out = ls_float (a + b);
      return TRUE;
    case LS_BINOP_SUB:
      *out = ls_float (a - b);
      return TRUE;
    case LS_BINOP_MUL:
      *out = ls_float (a * b);
      return TRUE;
    case LS_BINOP_DIV:
      if (b == 0.0)
        return FALSE;
      *out = ls_float (a / b);
      return TRUE;
    default:
      return FALSE;
    }
}

static inline gboolean
compare_fast (int      op,
              LsValue  a,
              LsValue  b,
              LsValue *out)
{
  gboolean r;

  if (a.tag == LS_V_INT && b.tag == LS_V_INT)
    {
      gint64 x = a.u.i, y = b.u.i;
      switch (op)
        {
        case LS_CMP_LT: r = x < y; break;
        case LS_CMP_LE: r = x <= y; break;
        case LS_CMP_EQ: r = x == y; break;
        case LS_CMP_NE: r = x != y; break;
        case LS_CMP_GT: r = x > y; break;
        case LS_CMP_GE: r = x >= y; break;
        default: return FALSE;
        }
    }
  else if (a.tag == LS_V_FLOAT && b.tag == LS_V_FLOAT)
    {
      double x = a.u.f, y = b.u.f;
      switch (op)
        {
        case LS_CMP_LT: r = x < y; break;
        case LS_CMP_LE: r = x <= y; break;
        case LS_CMP_EQ: r = x == y; break;
        case LS_CMP_NE: r = x != y; break;
        case LS_CMP_GT: r = x > y; break;
        case LS_CMP_GE: r = x >= y; break;
        default: return FALSE;
        }
    }
  else
    return FALSE;
  *out = ls_bool (r);
  return TRUE;
}

static inline int
truthy_fast (LsVM    *vm,
             LsValue  v)
{
  switch (v.tag)
    {
    case LS_V_BOOL:
    case LS_V_INT:
      return v.u.i != 0;
    case LS_V_NONE:
      return 0;
    default:
      return ls_truthy (vm, v);
    }
}

/* Builds a class once its body frame has returned (BUILD_CLASS). */
static LsValue
finish_class (LsVM    *vm,
              LsValue *sp,
              int      n_bases,
              LsDict  *ns,
              LsValue  classcell)
{
  LsValue name = sp[-n_bases - 1];

  return _ls_build_class (vm, (LsStr *) LS_AS_OBJ (name), sp - n_bases, n_bases, ns, classcell);
}

static inline void
mark_if_fresh (LsVMState *st,
               LsFrame   *frame,
               gint32     pc,
               LsValue    v)
{
  if (LS_OBJ_IS (v, LS_OBJ_GENERATOR) && (LsGenerator *) v.u.o == st->fresh_gen
      && st->fresh_frame == frame && st->fresh_pc == pc - 1)
    st->fresh_gen->temp = TRUE;
  st->fresh_gen = NULL;
}

/* The generator a call is about to consume as a temporary: made by the call
 * just before (`next(gen())`, `gen().__next__()`) and passed as the last
 * argument or the receiver. Once the call is over it may be dead, as in
 * CPython; any other argument is held by a variable or object, so is not
 * worth the full mark _ls_gen_release costs. */
static LsGenerator *
temporary_generator_arg (LsVMState     *st,
                         LsFrame       *frame,
                         gint32         pc,
                         const LsValue *last)
{
  LsGenerator *g = st->fresh_gen;

  if (g == NULL || st->fresh_frame != frame || st->fresh_pc < pc - 2
      || !LS_OBJ_IS (*last, LS_OBJ_GENERATOR) || (LsGenerator *) last->u.o != g)
    return NULL;
  return g;
}

/* Values leaving an operand stack: temporaries among them die. */
static void
drop_stack_values (LsVM    *vm,
                   LsValue *from,
                   LsValue *to)
{
  for (LsValue *v = from; v < to; v++)
    if (LS_OBJ_IS (*v, LS_OBJ_GENERATOR) && ((LsGenerator *) v->u.o)->temp)
      {
        LsValue saved = vm->exc;
        vm->exc = LS_UNDEF;
        _ls_gen_drop_temp (vm, (LsGenerator *) v->u.o);
        vm->exc = saved;
      }
}

/* The asend/athrow awaitable in the frame below an async generator frame. */
static LsAgenAwait *
asend_of_caller (LsFrame *caller)
{
  return _ls_agen_await_data (caller->sp[-1]);
}

LsExitKind
_ls_vm_run (LsVM        *vm,
            LsStartKind  start,
            LsValue      start_value,
            gint64       budget,
            LsValue     *out)
{
  LsVMState *st = vm->st;
  LsFrame *frame;
  LsCode *code;
  const guint32 *instrs;
  LsValue *consts, *locals, *sp;
  gint32 pc;
  guint32 word, arg;
  gboolean outer = vm->native_depth == 0;
  gint64 budget_left = budget < 0 ? G_MAXINT64 : budget;
  gint64 ticks = 0;
  gboolean skip_tb = FALSE;
  gboolean wrapped = FALSE;
  LsValue retval = LS_UNDEF;
  LsValue yval = LS_UNDEF;

  LOAD_FRAME ();

  switch (start)
    {
    case LS_START_RUN:
      break;
    case LS_START_RAISE:
      goto error;
    case LS_START_RERAISE:
      skip_tb = TRUE;
      goto error;
    case LS_START_YIELD:
      yval = start_value;
      wrapped = FALSE;
      goto yield_value;
    case LS_START_RETURN:
      retval = start_value;
      goto do_return;
    case LS_START_PUSH:
      PUSH (start_value);
      break;
    }

next:
  for (;;)
    {
      if (G_UNLIKELY (--ticks < 0))
        {
          if (!outer)
            ticks = G_MAXINT64;
          else
            {
              gint64 grant;
              if (vm->gc_pending)
                {
                  SAVE_FRAME ();
                  if (!ls_gc_safepoint (vm))
                    goto error;
                }
              if (budget_left <= 0)
                {
                  SAVE_FRAME ();
                  return LS_EXIT_SUSPEND;
                }
#ifdef LS_GC_STRESS
              grant = 1;
#else
              grant = vm->gc_stress ? 1 : MIN (budget_left, LS_TICK_QUANTUM);
#endif
              budget_left -= grant;
              ticks = grant - 1;
            }
        }

      word = instrs[pc++];
      arg = LS_ARG (word);

      switch ((LsOpcode) LS_OP (word))
        {
        case LS_OP_NOP:
          break;

        case LS_OP_POP_TOP:
          sp--;
          if (G_UNLIKELY (LS_OBJ_IS (*sp, LS_OBJ_GENERATOR)) && ((LsGenerator *) sp->u.o)->temp)
            {
              SAVE_FRAME ();
              drop_stack_values (vm, sp, sp + 1);
            }
          break;

        case LS_OP_COPY:
          {
            LsValue v = PEEK (arg);
            PUSH (v);
          }
          break;

        case LS_OP_SWAP:
          {
            LsValue v = TOP ();
            SET_TOP (PEEK (arg));
            PEEK (arg) = v;
          }
          break;

        case LS_OP_PUSH_NULL:
          PUSH (LS_UNDEF);
          break;

        /* ------------------------------------------------------ names */

        case LS_OP_LOAD_CONST:
          PUSH (consts[arg]);
          break;

        case LS_OP_LOAD_FAST:
          {
            LsValue v = locals[arg];
            if (G_UNLIKELY (LS_IS_UNDEF (v)))
              {
                raise_unbound_local (vm, code->varnames[arg]);
                goto error;
              }
            PUSH (v);
          }
          break;

        case LS_OP_STORE_FAST:
          {
            LsValue old = locals[arg];
            locals[arg] = POP ();
            RELEASE (old);
          }
          break;

        case LS_OP_DELETE_FAST:
          if (LS_IS_UNDEF (locals[arg]))
            {
              raise_unbound_local (vm, code->varnames[arg]);
              goto error;
            }
          {
            LsValue old = locals[arg];
            locals[arg] = LS_UNDEF;
            RELEASE (old);
          }
          break;

        case LS_OP_LOAD_DEREF:
          {
            LsCell *cell = (LsCell *) LS_AS_OBJ (locals[code->n_locals + arg]);
            if (G_UNLIKELY (LS_IS_UNDEF (cell->value)))
              {
                raise_unbound_deref (vm, code, (int) arg);
                goto error;
              }
            PUSH (cell->value);
          }
          break;

        case LS_OP_STORE_DEREF:
          ((LsCell *) LS_AS_OBJ (locals[code->n_locals + arg]))->value = POP ();
          break;

        case LS_OP_DELETE_DEREF:
          {
            LsCell *cell = (LsCell *) LS_AS_OBJ (locals[code->n_locals + arg]);
            if (LS_IS_UNDEF (cell->value))
              {
                raise_unbound_deref (vm, code, (int) arg);
                goto error;
              }
            cell->value = LS_UNDEF;
          }
          break;

        case LS_OP_LOAD_CLOSURE:
          PUSH (locals[code->n_locals + arg]);
          break;

        case LS_OP_LOAD_CLASSDEREF:
          {
            LsStr *name = code->freenames[arg - code->n_cells];
            LsValue v = frame->locals ? ls_dict_get_str (frame->locals, name) : LS_UNDEF;
            if (LS_IS_UNDEF (v))
              {
                LsCell *cell = (LsCell *) LS_AS_OBJ (locals[code->n_locals + arg]);
                v = cell->value;
                if (LS_IS_UNDEF (v))
                  {
                    raise_unbound_deref (vm, code, (int) arg);
                    goto error;
                  }
              }
            PUSH (v);
          }
          break;

        case LS_OP_LOAD_GLOBAL:
          {
            LsValue v = ls_dict_get_str (frame->globals, NAME (arg));
            if (LS_IS_UNDEF (v))
              {
                v = ls_dict_get_str (frame->builtins, NAME (arg));
                if (G_UNLIKELY (LS_IS_UNDEF (v)))
                  {
                    SAVE_FRAME ();
                    _ls_raise_name_error (vm, NAME (arg), frame);
                    goto error;
                  }
              }
            PUSH (v);
          }
          break;

        case LS_OP_STORE_GLOBAL:
          {
            LsValue old = st->guarded_gens > 0 ? ls_dict_get_str (frame->globals, NAME (arg)) : LS_UNDEF;
            ls_dict_set_str (vm, frame->globals, NAME (arg), POP ());
            RELEASE (old);
          }
          break;

        case LS_OP_DELETE_GLOBAL:
          {
            LsValue old = st->guarded_gens > 0 ? ls_dict_get_str (frame->globals, NAME (arg)) : LS_UNDEF;
            int r = ls_dict_del (vm, frame->globals, ls_obj (NAME (arg)));
            if (r < 0)
              goto error;
            if (r == 0)
              {
                _ls_raise_name_error (vm, NAME (arg), NULL);
                goto error;
              }
            RELEASE (old);
          }
          break;

        case LS_OP_LOAD_NAME:
          {
            LsValue v = LS_UNDEF;
            if (frame->locals != NULL)
              v = ls_dict_get_str (frame->locals, NAME (arg));
            if (LS_IS_UNDEF (v) && frame->locals != frame->globals)
              v = ls_dict_get_str (frame->globals, NAME (arg));
            if (LS_IS_UNDEF (v))
              v = ls_dict_get_str (frame->builtins, NAME (arg));
            if (G_UNLIKELY (LS_IS_UNDEF (v)))
              {
                SAVE_FRAME ();
                _ls_raise_name_error (vm, NAME (arg), frame);
                goto error;
              }
            PUSH (v);
          }
          break;

        case LS_OP_STORE_NAME:
          {
            LsDict *ns = frame->locals ? frame->locals : frame->globals;
            LsValue old = st->guarded_gens > 0 ? ls_dict_get_str (ns, NAME (arg)) : LS_UNDEF;
            ls_dict_set_str (vm, ns, NAME (arg), POP ());
            RELEASE (old);
          }
          break;

        case LS_OP_DELETE_NAME:
          {
            LsDict *ns = frame->locals ? frame->locals : frame->globals;
            LsValue old = st->guarded_gens > 0 ? ls_dict_get_str (ns, NAME (arg)) : LS_UNDEF;
            int r = ls_dict_del (vm, ns, ls_obj (NAME (arg)));
            if (r < 0)
              goto error;
            if (r == 0)
              {
                _ls_raise_name_error (vm, NAME (arg), NULL);
                goto error;
              }
            RELEASE (old);
          }
          break;

        case LS_OP_LOAD_ATTR:
          {
            LsValue v;
            SAVE_FRAME ();
            v = ls_getattr (vm, TOP (), NAME (arg));
            CHECK (v);
            SET_TOP (v);
          }
          break;

        case LS_OP_STORE_ATTR:
          {
            LsValue obj = POP ();
            LsValue v = POP ();
            LsValue old = st->guarded_gens > 0 ? _ls_gen_attr_before (obj, NAME (arg)) : LS_UNDEF;
            SAVE_FRAME ();
            if (ls_setattr (vm, obj, NAME (arg), v) < 0)
              goto error;
            RELEASE (old);
          }
          break;

        case LS_OP_DELETE_ATTR:
          {
            LsValue obj = POP ();
            LsValue old = st->guarded_gens > 0 ? _ls_gen_attr_before (obj, NAME (arg)) : LS_UNDEF;
            SAVE_FRAME ();
            if (ls_delattr (vm, obj, NAME (arg)) < 0)
              goto error;
            RELEASE (old);
          }
          break;

        case LS_OP_LOAD_METHOD:
          {
            LsValue obj = TOP ();
            LsStr *name = NAME (arg);
            {
              LsValue m = LS_UNDEF;
              LsType *t = ls_typeof (vm, obj);
              if (!(LS_IS_OBJ (obj) && (obj.u.o->kind == LS_OBJ_TYPE || obj.u.o->kind == LS_OBJ_MODULE
                     || obj.u.o->kind == LS_OBJ_SUPER)))
                m = ls_type_lookup (t, name);
              if (LS_IS_OBJ (m)
                  && (m.u.o->kind == LS_OBJ_FUNCTION
                      || (m.u.o->kind == LS_OBJ_NATIVE && (m.u.o->flags & LS_NATIVE_METHOD)
                          && LS_IS_UNDEF (((LsNative *) m.u.o)->self))))
                {
                  LsDict *d = _ls_instance_dict (vm, obj, FALSE);
                  if (d == NULL || LS_IS_UNDEF (ls_dict_get_str (d, name)))
                    {
                      SET_TOP (m);
                      PUSH (obj);
                      break;
                    }
                }
              SAVE_FRAME ();
              m = ls_getattr (vm, obj, name);
              CHECK (m);
              SET_TOP (LS_UNDEF);
              PUSH (m);
            }
          }
          break;

        case LS_OP_LOAD_ASSERTION_ERROR:
          PUSH (ls_obj (vm->exc_types[LS_EXC_ASSERTION_ERROR]));
          break;

        case LS_OP_LOAD_BUILD_CLASS:
        case LS_OP_BUILD_CONST_KEY_MAP:
          ls_raise (vm, LS_EXC_RUNTIME_ERROR, "unsupported opcode %s", ls_opcode_name (LS_OP (word)));
          goto error;

        /* -------------------------------------------------- operators */

        case LS_OP_UNARY_NEGATIVE:
          {
            LsValue v = TOP ();
            if (v.tag == LS_V_INT && v.u.i != G_MININT64)
              SET_TOP (ls_int (-v.u.i));
            else if (v.tag == LS_V_FLOAT)
              SET_TOP (ls_float (-v.u.f));
            else
              {
                SAVE_FRAME ();
                v = ls_unary_op (vm, v, LS_UNARY_NEG);
                CHECK (v);
                SET_TOP (v);
              }
          }
          break;

        case LS_OP_UNARY_POSITIVE:
        case LS_OP_UNARY_INVERT:
          {
            LsValue v;
            SAVE_FRAME ();
            v = ls_unary_op (vm, TOP (), LS_OP (word) == LS_OP_UNARY_POSITIVE ? LS_UNARY_POS
                                                                               : LS_UNARY_INVERT);
            CHECK (v);
            SET_TOP (v);
          }
          break;

        case LS_OP_UNARY_NOT:
          {
            int r;
            SAVE_FRAME ();
            r = truthy_fast (vm, TOP ());
            if (r < 0)
              goto error;
            SET_TOP (ls_bool (!r));
          }
          break;

        case LS_OP_BINARY_OP:
          {
            LsValue b = POP ();
            LsValue a = TOP ();
            LsValue r;
            if (a.tag == LS_V_INT && b.tag == LS_V_INT && int_binop_fast ((int) arg, a.u.i, b.u.i, &r))
              {
                SET_TOP (r);
                break;
              }
            if (a.tag == LS_V_FLOAT && b.tag == LS_V_FLOAT && float_binop_fast ((int) arg, a.u.f, b.u.f, &r))
              {
                SET_TOP (r);
                break;
              }
            SAVE_FRAME ();
            r = ls_binary_op (vm, a, b, (int) arg);
            CHECK (r);
            SET_TOP (r);
          }
          break;

        case LS_OP_COMPARE_OP:
          {
            LsValue b = POP ();
            LsValue a = TOP ();
            LsValue r;
            if (!compare_fast ((int) arg, a, b, &r))
              {
                SAVE_FRAME ();
                r = ls_compare (vm, a, b, (LsCmpOpKind) arg);
                CHECK (r);
              }
            SET_TOP (r);
          }
          break;

        case LS_OP_IS_OP:
          {
            LsValue b = POP ();
            gboolean r = ls_is (TOP (), b);
            SET_TOP (ls_bool (arg ? !r : r));
          }
          break;

        case LS_OP_CONTAINS_OP:
          {
            LsValue container = POP ();
            int r;
            SAVE_FRAME ();
            r = ls_contains (vm, container, TOP ());
            if (r < 0)
              goto error;
            SET_TOP (ls_bool (arg ? !r : r));
          }
          break;

        case LS_OP_BINARY_SUBSCR:
          {
            LsValue key = POP ();
            LsValue obj = TOP ();
            LsValue r;
            if (key.tag == LS_V_INT && LS_OBJ_IS (obj, LS_OBJ_LIST))
              {
                LsList *l = (LsList *) obj.u.o;
                gint64 i = key.u.i < 0 ? key.u.i + (gint64) l->len : key.u.i;
                if (i >= 0 && i < (gint64) l->len)
                  {
                    SET_TOP (l->items[i]);
                    break;
                  }
              }
            else if (key.tag == LS_V_INT && LS_OBJ_IS (obj, LS_OBJ_TUPLE))
              {
                LsTuple *t = (LsTuple *) obj.u.o;
                gint64 i = key.u.i < 0 ? key.u.i + (gint64) t->len : key.u.i;
                if (i >= 0 && i < (gint64) t->len)
                  {
                    SET_TOP (t->items[i]);
                    break;
                  }
              }
            SAVE_FRAME ();
            r = ls_getitem (vm, obj, key);
            CHECK (r);
            SET_TOP (r);
          }
          break;

        case LS_OP_STORE_SUBSCR:
          {
            LsValue key = POP ();
            LsValue obj = POP ();
            LsValue v = POP ();
            if (key.tag == LS_V_INT && LS_OBJ_IS (obj, LS_OBJ_LIST))
              {
                LsList *l = (LsList *) obj.u.o;
                gint64 i = key.u.i < 0 ? key.u.i + (gint64) l->len : key.u.i;
                if (i >= 0 && i < (gint64) l->len)
                  {
                    LsValue old = l->items[i];
                    l->items[i] = v;
                    RELEASE (old);
                    break;
                  }
              }
            {
              LsValue old = st->guarded_gens > 0 ? _ls_gen_item_before (vm, obj, key) : LS_UNDEF;
              SAVE_FRAME ();
              if (ls_setitem (vm, obj, key, v) < 0)
                goto error;
              RELEASE (old);
            }
          }
          break;

        case LS_OP_DELETE_SUBSCR:
          {
            LsValue key = POP ();
            LsValue obj = POP ();
            LsValue old = st->guarded_gens > 0 ? _ls_gen_item_before (vm, obj, key) : LS_UNDEF;
            SAVE_FRAME ();
            if (ls_delitem (vm, obj, key) < 0)
              goto error;
            RELEASE (old);
          }
          break;

        case LS_OP_BUILD_SLICE:
          {
            LsValue step = arg == 3 ? POP () : LS_NONE;
            LsValue stop = POP ();
            LsValue start = TOP ();
            LsValue r = ls_slice_new (vm, start, stop, step);
            CHECK (r);
            SET_TOP (r);
          }
          break;

        /* --------------------------------------------------- building */

        case LS_OP_BUILD_TUPLE:
          {
            LsValue r = arg == 0 ? vm->empty_tuple : ls_obj (ls_tuple_from (vm, sp - arg, arg));
            sp -= arg;
            PUSH (r);
          }
          break;

        case LS_OP_BUILD_LIST:
          {
            LsList *l = ls_list_from (vm, sp - arg, arg);
            sp -= arg;
            PUSH (ls_obj (l));
          }
          break;

        case LS_OP_BUILD_SET:
          {
            LsSet *s = ls_set_new (vm, vm->types[LS_T_SET]);
            SAVE_FRAME ();
            for (guint32 i = 0; i < arg; i++)
              if (ls_set_add (vm, s, sp[-(gint32) arg + (gint32) i]) < 0)
                goto error;
            sp -= arg;
            PUSH (ls_obj (s));
          }
          break;

        case LS_OP_BUILD_MAP:
          {
            LsDict *d = ls_dict_new (vm);
            LsValue *base = sp - 2 * arg;
            SAVE_FRAME ();
            for (guint32 i = 0; i < arg; i++)
              if (ls_dict_set (vm, d, base[2 * i], base[2 * i + 1]) < 0)
                goto error;
            sp = base;
            PUSH (ls_obj (d));
          }
          break;

        case LS_OP_BUILD_STRING:
          {
            LsValue r = build_string (vm, sp - arg, (int) arg);
            sp -= arg;
            PUSH (r);
          }
          break;

        case LS_OP_LIST_APPEND:
          {
            LsValue v = POP ();
            ls_list_append (vm, (LsList *) LS_AS_OBJ (PEEK (arg)), v);
          }
          break;

        case LS_OP_SET_ADD:
          {
            LsValue v = POP ();
            SAVE_FRAME ();
            if (ls_set_add (vm, (LsSet *) LS_AS_OBJ (PEEK (arg)), v) < 0)
              goto error;
          }
          break;

        case LS_OP_MAP_ADD:
          {
            LsValue v = POP ();
            LsValue k = POP ();
            SAVE_FRAME ();
            if (ls_dict_set (vm, (LsDict *) LS_AS_OBJ (PEEK (arg)), k, v) < 0)
              goto error;
          }
          break;

        case LS_OP_LIST_EXTEND:
          {
            LsValue iterable = POP ();
            LsList *l = (LsList *) LS_AS_OBJ (PEEK (arg));
            LsList *src;
            SAVE_FRAME ();
            src = ls_list_from_iterable (vm, iterable);
            if (src == NULL)
              {
                if (ls_exc_pending_is (vm, LS_EXC_TYPE_ERROR)
                    && LS_IS_UNDEF (ls_lookup_special (vm, iterable, LS_NAME (vm, __iter__)))
                    && LS_IS_UNDEF (ls_lookup_special (vm, iterable, LS_NAME (vm, __getitem__))))
                  {
                    ls_exc_clear (vm);
                    ls_raise (vm, LS_EXC_TYPE_ERROR, "Value after * must be an iterable, not %s",
                              ls_type_name (vm, iterable));
                  }
                goto error;
              }
            for (gsize i = 0; i < src->len; i++)
              ls_list_append (vm, l, src->items[i]);
          }
          break;

        case LS_OP_SET_UPDATE:
          {
            LsValue iterable = POP ();
            LsSet *s = (LsSet *) LS_AS_OBJ (PEEK (arg));
            SAVE_FRAME ();
            /* merges a set's table as set.update() does: the order shows */
            if (!ls_set_update (vm, s, iterable))
              goto error;
          }
          break;

        case LS_OP_DICT_UPDATE:
          {
            LsValue m = POP ();
            SAVE_FRAME ();
            if (!is_mapping_like (vm, m))
              {
                ls_raise (vm, LS_EXC_TYPE_ERROR, "'%s' object is not a mapping", ls_type_name (vm, m));
                goto error;
              }
            if (!dict_merge (vm, (LsDict *) LS_AS_OBJ (PEEK (arg)), m, FALSE, LS_UNDEF))
              goto error;
          }
          break;

        case LS_OP_DICT_MERGE:
          {
            LsValue m = POP ();
            LsValue func = sp - (gint32) arg - 2 >= frame->stack ? PEEK (arg + 2) : LS_UNDEF;
            SAVE_FRAME ();
            if (!is_mapping_like (vm, m))
              {
                char name[256];
                ls_raise (vm, LS_EXC_TYPE_ERROR, "%s argument after ** must be a mapping, not %s",
                          _ls_callable_name (vm, func, name, sizeof name), ls_type_name (vm, m));
                goto error;
              }
            if (!dict_merge (vm, (LsDict *) LS_AS_OBJ (PEEK (arg)), m, TRUE, func))
              goto error;
          }
          break;

        case LS_OP_LIST_TO_TUPLE:
          {
            LsList *l = (LsList *) LS_AS_OBJ (TOP ());
            SET_TOP (ls_obj (ls_tuple_from (vm, l->items, l->len)));
          }
          break;

        case LS_OP_FORMAT_VALUE:
          {
            LsValue spec = (arg & LS_FV_HAVE_SPEC) ? POP () : LS_UNDEF;
            LsValue r;
            SAVE_FRAME ();
            r = format_value (vm, TOP (), (int) arg, spec);
            CHECK (r);
            SET_TOP (r);
          }
          break;

        case LS_OP_UNPACK_SEQUENCE:
          {
            LsValue seq = POP ();
            LsValue small[16];
            LsValue *dst = arg <= 16 ? small : g_new (LsValue, arg);
            gboolean ok;
            SAVE_FRAME ();
            ok = unpack_iterable (vm, seq, (int) arg, 0, FALSE, dst, NULL);
            if (ok)
              for (guint32 i = arg; i-- > 0;)
                PUSH (dst[i]);
            if (dst != small)
              g_free (dst);
            if (!ok)
              goto error;
          }
          break;

        case LS_OP_UNPACK_EX:
          {
            int before = (int) (arg & 0xff), after = (int) (arg >> 8);
            int total = before + 1 + after;
            LsValue seq = POP ();
            LsValue *dst = g_new (LsValue, total);
            LsList *rest = NULL;
            gboolean ok;
            SAVE_FRAME ();
            ok = unpack_iterable (vm, seq, before, after, TRUE, dst, &rest);
            if (ok)
              {
                dst[before] = ls_obj (rest);
                for (int i = total; i-- > 0;)
                  PUSH (dst[i]);
              }
            g_free (dst);
            if (!ok)
              goto error;
          }
          break;

        /* ------------------------------------------------ control flow */

        case LS_OP_JUMP:
          pc = (gint32) arg;
          break;

        case LS_OP_POP_JUMP_IF_FALSE:
        case LS_OP_POP_JUMP_IF_TRUE:
          {
            LsValue v = POP ();
            int r;
            if (v.tag == LS_V_BOOL)
              r = (int) v.u.i;
            else
              {
                SAVE_FRAME ();
                r = truthy_fast (vm, v);
                if (r < 0)
                  goto error;
              }
            if (r == (LS_OP (word) == LS_OP_POP_JUMP_IF_TRUE))
              pc = (gint32) arg;
          }
          break;

        case LS_OP_POP_JUMP_IF_NONE:
          if (LS_IS_NONE (POP ()))
            pc = (gint32) arg;
          break;

        case LS_OP_POP_JUMP_IF_NOT_NONE:
          if (!LS_IS_NONE (POP ()))
            pc = (gint32) arg;
          break;

        case LS_OP_JUMP_IF_FALSE_OR_POP:
        case LS_OP_JUMP_IF_TRUE_OR_POP:
          {
            int r;
            SAVE_FRAME ();
            r = truthy_fast (vm, TOP ());
            if (r < 0)
              goto error;
            if (r == (LS_OP (word) == LS_OP_JUMP_IF_TRUE_OR_POP))
              pc = (gint32) arg;
            else
              sp--;
          }
          break;

        case LS_OP_GET_ITER:
          {
            LsValue v = TOP ();
            if (st->fresh_gen != NULL)
              mark_if_fresh (st, frame, pc, v);
            if (!(LS_OBJ_IS (v, LS_OBJ_GENERATOR)
                  && ((LsGenerator *) v.u.o)->kind == LS_GEN_KIND_GENERATOR))
              {
                SAVE_FRAME ();
                v = ls_get_iter (vm, v);
                CHECK (v);
                SET_TOP (v);
              }
          }
          break;

        case LS_OP_FOR_ITER:
          {
            LsValue it = TOP ();
            LsValue v;
            int r;
            if (LS_OBJ_IS (it, LS_OBJ_ITER))
              {
                LsIter *iter = (LsIter *) it.u.o;
                SAVE_FRAME ();
                r = iter->next (vm, iter, &v);
              }
            else if (LS_OBJ_IS (it, LS_OBJ_GENERATOR)
                     && ((LsGenerator *) it.u.o)->kind == LS_GEN_KIND_GENERATOR)
              {
                gboolean finished = FALSE;
                SAVE_FRAME ();
                if (_ls_gen_link (vm, (LsGenerator *) it.u.o, LS_RESUME_FOR_ITER, FALSE, LS_NONE,
                                  &finished))
                  {
                    LOAD_FRAME ();
                    break;
                  }
                if (!finished)
                  goto error;
                r = 0;
              }
            else
              {
                SAVE_FRAME ();
                r = ls_iter_next (vm, it, &v);
              }
            if (r > 0)
              PUSH (v);
            else if (r == 0)
              {
                sp--;
                pc = (gint32) arg;
              }
            else
              goto error;
          }
          break;

        case LS_OP_RETURN_VALUE:
          retval = POP ();
          goto do_return;

        /* ---------------------------------------------------- calls */

        case LS_OP_CALL:
          {
            LsValue *args = sp - arg;
            LsValue func = args[-1];
            LsValue r = LS_UNDEF;
            LsCallOutcome o;
            LsGenerator *temp = arg > 0 ? temporary_generator_arg (st, frame, pc, &args[arg - 1]) : NULL;
            sp = args - 1;
            SAVE_FRAME ();
            o = vm_call (vm, func, LS_UNDEF, args, (int) arg, NULL, &r);
            FINISH_CALL (o, r);
            if (G_UNLIKELY (temp != NULL && temp->guarded))
              RELEASE (ls_obj (temp));
          }
          break;

        case LS_OP_CALL_KW:
          {
            LsTuple *kwnames = (LsTuple *) LS_AS_OBJ (POP ());
            LsValue *args = sp - arg;
            LsValue func = args[-1];
            LsValue r = LS_UNDEF;
            LsCallOutcome o;
            sp = args - 1;
            SAVE_FRAME ();
            o = vm_call (vm, func, LS_UNDEF, args, (int) (arg - kwnames->len), kwnames, &r);
            FINISH_CALL (o, r);
          }
          break;

        case LS_OP_CALL_METHOD:
        case LS_OP_CALL_METHOD_KW:
          {
            LsTuple *kwnames = LS_OP (word) == LS_OP_CALL_METHOD_KW ? (LsTuple *) LS_AS_OBJ (POP ()) : NULL;
            LsValue *args = sp - arg;
            LsValue meth = args[-2];
            LsValue self = args[-1];
            LsValue r = LS_UNDEF;
            LsCallOutcome o;
            int npos = (int) arg - (kwnames ? (int) kwnames->len : 0);
            LsGenerator *temp = temporary_generator_arg (st, frame, pc, &args[npos - 1]);
            sp = args - 2;
            SAVE_FRAME ();
            if (LS_IS_UNDEF (meth))
              o = vm_call (vm, self, LS_UNDEF, args, npos, kwnames, &r);
            else
              o = vm_call (vm, meth, self, args, npos, kwnames, &r);
            FINISH_CALL (o, r);
            if (G_UNLIKELY (temp != NULL && temp->guarded))
              RELEASE (ls_obj (temp));
          }
          break;

        case LS_OP_CALL_EX:
          {
            LsValue kwargs = (arg & 1) ? POP () : LS_UNDEF;
            LsValue args = POP ();
            LsValue func = POP ();
            LsValue *argv = NULL;
            LsTuple *kwnames = NULL;
            int nargs = 0;
            LsValue r = LS_UNDEF;
            LsCallOutcome o;
            SAVE_FRAME ();
            if (!explode_call_ex (vm, func, args, kwargs, &argv, &nargs, &kwnames))
              goto error;
            o = vm_call (vm, func, LS_UNDEF, argv, nargs, kwnames, &r);
            g_free (argv);
            FINISH_CALL (o, r);
          }
          break;

        case LS_OP_MAKE_FUNCTION:
          {
            LsCode *fcode = (LsCode *) LS_AS_OBJ (POP ());
            int n = ((arg & LS_MF_DEFAULTS) != 0) + ((arg & LS_MF_KWDEFAULTS) != 0)
                    + ((arg & LS_MF_CLOSURE) != 0);
            LsValue f;
            sp -= n;
            f = make_function (vm, frame, fcode, (int) arg, sp);
            PUSH (f);
          }
          break;

        case LS_OP_BUILD_CLASS:
          {
            LsValue body = PEEK (arg + 2);
            LsFunction *bf = (LsFunction *) LS_AS_OBJ (body);
            LsFrame *f;
            SAVE_FRAME ();
            if (!_ls_vm_check_recursion (vm))
              goto error;
            f = _ls_frame_new (vm, bf->code, bf, bf->globals, ls_dict_new (vm), FALSE);
            _ls_frame_init_cells (vm, f);
            frame_push (vm, f, LS_RESUME_CLASS_BODY);
            LOAD_FRAME ();
          }
          break;

        case LS_OP_SETUP_ANNOTATIONS:
          {
            LsDict *d = frame->locals ? frame->locals : frame->globals;
            if (LS_IS_UNDEF (ls_dict_get_str (d, LS_NAME (vm, __annotations__))))
              ls_dict_set_str (vm, d, LS_NAME (vm, __annotations__), ls_obj (ls_dict_new (vm)));
          }
          break;

        /* ------------------------------------------------ exceptions */

        case LS_OP_SETUP_FINALLY:
          {
            LsBlock *b = &frame->blocks[frame->n_blocks++];
            b->handler = (gint32) arg;
            b->level = (gint32) (sp - frame->stack);
          }
          break;

        case LS_OP_POP_BLOCK:
          frame->n_blocks--;
          break;

        case LS_OP_PUSH_EXC_INFO:
          {
            LsValue exc = TOP ();
            SET_TOP (LS_IS_UNDEF (frame->handled) ? LS_NONE : frame->handled);
            PUSH (exc);
            frame->handled = exc;
          }
          break;

        case LS_OP_POP_EXCEPT:
          {
            LsValue prev = POP ();
            frame->handled = LS_IS_NONE (prev) ? LS_UNDEF : prev;
          }
          break;

        case LS_OP_CHECK_EXC_MATCH:
          {
            LsValue type = TOP ();
            if (!check_exc_match_type (vm, type))
              goto error;
            SET_TOP (ls_bool (exc_matches (vm, PEEK (2), type)));
          }
          break;

        case LS_OP_CHECK_EG_MATCH:
          {
            LsValue type = POP ();
            LsValue rest = LS_NONE;
            LsValue match;
            SAVE_FRAME ();
            match = _ls_exc_group_match (vm, TOP (), type, &rest);
            CHECK (match);
            SET_TOP (rest);
            PUSH (match);
            if (!LS_IS_NONE (match))
              frame->handled = match;
          }
          break;

        case LS_OP_PREP_RERAISE_STAR:
          {
            LsValue list = POP ();
            LsValue r;
            SAVE_FRAME ();
            r = _ls_exc_prep_reraise_star (vm, TOP (), list);
            CHECK (r);
            SET_TOP (r);
          }
          break;

        case LS_OP_RAISE_VARARGS:
          SAVE_FRAME ();
          if (arg == 0)
            {
              LsValue h = _ls_vm_handled_exception (vm);
              if (LS_IS_UNDEF (h))
                {
                  ls_raise (vm, LS_EXC_RUNTIME_ERROR, "No active exception to reraise");
                  goto error;
                }
              vm->exc = h;
              skip_tb = TRUE;
              goto error;
            }
          else
            {
              LsValue cause = arg == 2 ? POP () : LS_UNDEF;
              LsValue exc = POP ();
              SAVE_FRAME ();
              do_raise (vm, exc, cause, arg == 2);
              goto error;
            }

        case LS_OP_RERAISE:
          vm->exc = POP ();
          skip_tb = TRUE;
          goto error;

        case LS_OP_WITH_EXCEPT_START:
          {
            LsValue exc = TOP ();
            LsValue exit = PEEK (3);
            LsValue argv[3];
            LsValue r = LS_UNDEF;
            LsCallOutcome o;
            argv[0] = ls_obj (ls_typeof (vm, exc));
            argv[1] = exc;
            argv[2] = LS_OBJ_IS (exc, LS_OBJ_EXCEPTION) ? ((LsException *) exc.u.o)->traceback : LS_NONE;
            if (LS_IS_UNDEF (argv[2]))
              argv[2] = LS_NONE;
            SAVE_FRAME ();
            o = vm_call (vm, exit, LS_UNDEF, argv, 3, NULL, &r);
            FINISH_CALL (o, r);
          }
          break;

        case LS_OP_BEFORE_WITH:
        case LS_OP_BEFORE_ASYNC_WITH:
          {
            gboolean is_async = LS_OP (word) == LS_OP_BEFORE_ASYNC_WITH;
            LsValue mgr = TOP ();
            LsValue exit = LS_UNDEF;
            LsValue enter;
            LsValue r = LS_UNDEF;
            LsCallOutcome o;
            SAVE_FRAME ();
            enter = lookup_special_or_raise (vm, mgr,
                                             is_async ? LS_NAME (vm, __aenter__) : LS_NAME (vm, __enter__),
                                             is_async ? LS_NAME (vm, __aexit__) : LS_NAME (vm, __exit__),
                                             &exit,
                                             is_async ? "asynchronous context manager" : "context manager");
            CHECK (enter);
            SET_TOP (exit);
            SAVE_FRAME ();
            o = vm_call (vm, enter, LS_UNDEF, NULL, 0, NULL, &r);
            FINISH_CALL (o, r);
          }
          break;

        /* --------------------------------------- generators and coroutines */

        case LS_OP_YIELD_VALUE:
          yval = POP ();
          wrapped = (code->flags & LS_CODE_ASYNC_GENERATOR) != 0;
          goto yield_value;

        case LS_OP_GET_AWAITABLE:
          {
            LsValue r;
            SAVE_FRAME ();
            r = _ls_get_awaitable (vm, TOP (), (int) arg);
            CHECK (r);
            SET_TOP (r);
          }
          break;

        case LS_OP_GET_YIELD_FROM_ITER:
          {
            LsValue v = TOP ();
            if (LS_OBJ_IS (v, LS_OBJ_GENERATOR))
              {
                LsGenerator *g = (LsGenerator *) v.u.o;
                if (g->kind == LS_GEN_KIND_COROUTINE && !(code->flags & LS_CODE_COROUTINE))
                  {
                    ls_raise (vm, LS_EXC_TYPE_ERROR,
                              "cannot 'yield from' a coroutine object in a non-coroutine generator");
                    goto error;
                  }
                if (g->kind != LS_GEN_KIND_ASYNC_GEN)
                  break;
              }
            SAVE_FRAME ();
            v = ls_get_iter (vm, v);
            CHECK (v);
            SET_TOP (v);
          }
          break;

        case LS_OP_YIELD_FROM:
          {
            LsValue v = POP ();
            LsValue it = TOP ();
            LsValue r = LS_UNDEF;
            int res;

            SAVE_FRAME ();
            if (LS_OBJ_IS (it, LS_OBJ_GENERATOR) && ((LsGenerator *) it.u.o)->kind != LS_GEN_KIND_ASYNC_GEN)
              {
                gboolean finished = FALSE;
                if (_ls_gen_link (vm, (LsGenerator *) it.u.o, LS_RESUME_YIELD_FROM, FALSE, v, &finished))
                  {
                    LOAD_FRAME ();
                    break;
                  }
                if (!finished)
                  goto error;
                SET_TOP (LS_NONE);
                break;
              }
            if (_ls_is_agen_await (vm, it))
              {
                LsAgenAwait *aw = _ls_agen_await_data (it);
                LsGenerator *ag = aw->agen;
                gboolean finished = FALSE;

                if (aw->state == LS_AWAIT_CLOSED)
                  {
                    ls_raise (vm, LS_EXC_RUNTIME_ERROR, aw->is_throw
                              ? "cannot reuse already awaited aclose()/athrow()"
                              : "cannot reuse already awaited __anext__()/asend()");
                    goto error;
                  }
                if (aw->state == LS_AWAIT_INIT)
                  {
                    if (ag->ag_running)
                      {
                        ls_raise (vm, LS_EXC_RUNTIME_ERROR, aw->is_throw
                                  ? "athrow(): asynchronous generator is already running"
                                  : "anext(): asynchronous generator is already running");
                        goto error;
                      }
                    if (ag->ag_closed || ag->state == LS_GEN_FINISHED)
                      {
                        aw->state = LS_AWAIT_CLOSED;
                        if (aw->is_close)
                          {
                            SET_TOP (LS_NONE);
                            break;
                          }
                        ls_raise (vm, LS_EXC_STOP_ASYNC_ITERATION, "%s", "");
                        goto error;
                      }
                    aw->state = LS_AWAIT_ITER;
                    ag->ag_running = TRUE;
                    if (aw->is_throw)
                      {
                        LsStartKind sk;
                        gboolean done = FALSE;
                        LsValue sv = LS_UNDEF;
                        LsValue exc = aw->is_close
                          ? ls_exc_new (vm, vm->exc_types[LS_EXC_GENERATOR_EXIT], NULL, 0)
                          : aw->value;
                        sk = _ls_gen_prepare_throw (vm, ag, LS_RESUME_ASEND, exc, &sv, &done);
                        LOAD_FRAME ();
                        if (done)
                          goto error;
                        if (sk == LS_START_RAISE)
                          goto error;
                        if (sk == LS_START_YIELD)
                          {
                            yval = sv;
                            wrapped = FALSE;
                            goto yield_value;
                          }
                        break;
                      }
                    v = aw->value;
                  }
                if (_ls_gen_link (vm, ag, LS_RESUME_ASEND, FALSE, v, &finished))
                  {
                    LOAD_FRAME ();
                    break;
                  }
                ag->ag_running = FALSE;
                aw->state = LS_AWAIT_CLOSED;
                if (finished)
                  ls_raise (vm, LS_EXC_STOP_ASYNC_ITERATION, "%s", "");
                goto error;
              }
            res = _ls_delegate_send (vm, it, v, &r);
            if (res < 0)
              goto error;
            if (res == 0)
              {
                SET_TOP (r);
                break;
              }
            yval = r;
            wrapped = FALSE;
            goto yield_value;
          }

        case LS_OP_GET_AITER:
          {
            LsValue r;
            if (st->fresh_gen != NULL)
              mark_if_fresh (st, frame, pc, TOP ());
            SAVE_FRAME ();
            r = _ls_get_aiter (vm, TOP ());
            CHECK (r);
            SET_TOP (r);
          }
          break;

        case LS_OP_GET_ANEXT:
          {
            LsValue r;
            SAVE_FRAME ();
            r = _ls_get_anext (vm, TOP ());
            CHECK (r);
            PUSH (r);
          }
          break;

        case LS_OP_END_ASYNC_FOR:
          {
            LsValue exc = POP ();
            if (ls_isinstance (vm, exc, vm->exc_types[LS_EXC_STOP_ASYNC_ITERATION]))
              {
                sp--;
                break;
              }
            vm->exc = exc;
            skip_tb = TRUE;
            goto error;
          }

        /* ---------------------------------------------------- modules */

        case LS_OP_IMPORT_NAME:
          {
            LsValue m;
            SAVE_FRAME ();
            m = _ls_import_name (vm, NAME (arg));
            CHECK (m);
            PUSH (m);
          }
          break;

        case LS_OP_IMPORT_FROM:
          {
            LsValue v;
            SAVE_FRAME ();
            v = _ls_import_from (vm, TOP (), NAME (arg));
            CHECK (v);
            PUSH (v);
          }
          break;

        case LS_OP_IMPORT_STAR:
          {
            LsValue m = POP ();
            SAVE_FRAME ();
            if (!_ls_import_star (vm, m, frame->locals ? frame->locals : frame->globals))
              goto error;
          }
          break;

        case LS_N_OPCODES:
        default:
          ls_raise (vm, LS_EXC_RUNTIME_ERROR, "bad opcode %u", LS_OP (word));
          goto error;
        }
    }

  /* ------------------------------------------------------ frame exits */

do_return:
  {
    LsFrame *done = frame;
    LsFrame *caller = done->back;
    LsResumeKind kind = (LsResumeKind) done->resume;
    LsValue aux = done->aux;
    LsDict *ns = done->locals;
    LsValue dying[8];
    int n_dying = 0;

    /* the locals die with the frame: generators among them may too, and those
     * held by objects the function made (not by its parameters, like self) */
    if (G_UNLIKELY (st->guarded_gens > 0) && done->gen == NULL && kind == LS_RESUME_CALL)
      {
        int n_params = done->code->argcount + done->code->kwonlyargcount
                       + !!(done->code->flags & LS_CODE_VARARGS)
                       + !!(done->code->flags & LS_CODE_VARKEYWORDS);

        for (int i = 0; i < done->code->n_locals && n_dying < (int) G_N_ELEMENTS (dying); i++)
          if (LS_OBJ_IS (done->slots[i], LS_OBJ_GENERATOR)
              || (i >= n_params && LS_IS_OBJ (done->slots[i])))
            dying[n_dying++] = done->slots[i];
      }
    st->depth -= frame_cost (done);
    st->frame = caller;
    done->back = NULL;
    if (done->gen != NULL)
      _ls_gen_finish (vm, done->gen);
    else
      _ls_frame_release (vm, done);

    if (kind == LS_RESUME_ENTRY)
      {
        *out = retval;
        return LS_EXIT_RETURN;
      }
    LOAD_FRAME ();
    switch (kind)
      {
      case LS_RESUME_CALL:
        PUSH (retval);
        for (int i = 0; i < n_dying; i++)
          RELEASE (dying[i]);
        break;
      case LS_RESUME_INIT:
        if (!_ls_check_init_result (vm, retval))
          goto error;
        PUSH (aux);
        break;
      case LS_RESUME_CLASS_BODY:
        {
          int n = (int) LS_ARG (instrs[pc - 1]);
          LsValue cls = finish_class (vm, sp, n, ns, retval);
          CHECK (cls);
          sp -= n + 2;
          PUSH (cls);
        }
        break;
      case LS_RESUME_FOR_ITER:
        sp--;
        pc = (gint32) LS_ARG (instrs[pc - 1]);
        break;
      case LS_RESUME_YIELD_FROM:
        SET_TOP (retval);
        break;
      case LS_RESUME_ASEND:
        {
          LsAgenAwait *aw = asend_of_caller (frame);
          aw->state = LS_AWAIT_CLOSED;
          aw->agen->ag_running = FALSE;
          aw->agen->ag_closed = TRUE;
          if (aw->is_close)
            SET_TOP (LS_NONE);
          else
            {
              ls_raise (vm, LS_EXC_STOP_ASYNC_ITERATION, "%s", "");
              goto error;
            }
        }
        break;
      case LS_RESUME_ENTRY:
      default:
        g_assert_not_reached ();
      }
    goto next;
  }

yield_value:
  for (;;)
    {
      LsFrame *done = frame;
      LsFrame *caller = done->back;
      LsResumeKind kind = (LsResumeKind) done->resume;

      SAVE_FRAME ();
      g_assert (done->gen != NULL);
      done->gen->state = LS_GEN_SUSPENDED;
      if (G_UNLIKELY (done->n_blocks > 0))
        _ls_gen_note_suspended (vm, done->gen);
      st->depth -= frame_cost (done);
      st->frame = caller;
      done->back = NULL;

      if (kind == LS_RESUME_ENTRY)
        {
          st->yield_wrapped = wrapped;
          *out = yval;
          return LS_EXIT_YIELD;
        }
      LOAD_FRAME ();
      if (kind == LS_RESUME_FOR_ITER)
        {
          PUSH (yval);
          goto next;
        }
      if (kind == LS_RESUME_ASEND && wrapped)
        {
          LsAgenAwait *aw = asend_of_caller (frame);
          aw->state = LS_AWAIT_CLOSED;
          aw->agen->ag_running = FALSE;
          if (aw->is_close)
            {
              ls_raise (vm, LS_EXC_RUNTIME_ERROR, "async generator ignored GeneratorExit");
              goto error;
            }
          SET_TOP (yval);
          goto next;
        }
      /* YIELD_FROM, or a raw value passing through an async generator: the
       * caller yields it in turn. */
      g_assert (kind == LS_RESUME_YIELD_FROM || kind == LS_RESUME_ASEND);
      wrapped = FALSE;
    }

error:
  /* vm->exc is set. */
  g_assert (!LS_IS_UNDEF (vm->exc));
  if (!skip_tb)
    _ls_traceback_add (vm, vm->exc, code, pc > 0 ? pc - 1 : 0);
  skip_tb = FALSE;
  if (frame->n_blocks > 0)
    {
      LsBlock *b = &frame->blocks[--frame->n_blocks];
      LsValue *old_sp = sp;
      sp = frame->stack + b->level;
      if (old_sp > sp)
        {
          SAVE_FRAME ();
          drop_stack_values (vm, sp, old_sp);
        }
      PUSH (vm->exc);
      vm->exc = LS_UNDEF;
      pc = b->handler;
      goto next;
    }

  /* No handler here: the frame ends with the exception. */
  if (sp > frame->stack)
    {
      LsValue *old_sp = sp;
      sp = frame->stack;
      SAVE_FRAME ();
      drop_stack_values (vm, frame->stack, old_sp);
    }
  {
    LsFrame *done = frame;
    LsFrame *caller = done->back;
    LsResumeKind kind = (LsResumeKind) done->resume;

    st->depth -= frame_cost (done);
    st->frame = caller;
    done->back = NULL;
    if (done->gen != NULL)
      {
        LsGenerator *g = done->gen;
        vm->exc = _ls_exc_convert_stop (vm, vm->exc, g->kind);
        _ls_gen_finish (vm, g);
      }
    else
      _ls_frame_release (vm, done);

    if (kind == LS_RESUME_ENTRY)
      return LS_EXIT_ERROR;
    LOAD_FRAME ();
    if (kind == LS_RESUME_ASEND)
      {
        LsAgenAwait *aw = asend_of_caller (frame);
        aw->state = LS_AWAIT_CLOSED;
        aw->agen->ag_running = FALSE;
        aw->agen->ag_closed = TRUE;
        if (aw->is_close
            && (ls_exc_pending_is (vm, LS_EXC_GENERATOR_EXIT)
                || ls_exc_pending_is (vm, LS_EXC_STOP_ASYNC_ITERATION)))
          {
            ls_exc_clear (vm);
            SET_TOP (LS_NONE);
            goto next;
          }
      }
    goto error;
  }
}

/* -------------------------------------------------------------- VM life */

static void
default_write (const char *text,
               gsize       len,
               gpointer    user_data)
{
  fwrite (text, 1, len, GPOINTER_TO_INT (user_data) == 2 ? stderr : stdout);
}

static void
default_write_err (const char *text,
                   gsize       len,
                   gpointer    user_data)
{
  fflush (stdout);
  fwrite (text, 1, len, stderr);
}

static double
virtual_clock (gpointer user_data)
{
  LsVM *vm = user_data;
  return vm->st->vclock;
}

static gboolean
virtual_sleep (LsVM     *vm,
               double    seconds,
               gpointer  user_data)
{
  if (seconds > 0)
    vm->st->vclock += seconds;
  return TRUE;
}

static void
create_types (LsVM *vm)
{
  static const struct { LsTypeId id; const char *name; LsObjKind kind; gboolean base; } specs[] = {
    { LS_T_OBJECT, "object", LS_OBJ_INSTANCE, TRUE },
    { LS_T_TYPE, "type", LS_OBJ_TYPE, FALSE },
    { LS_T_NONE, "NoneType", LS_OBJ_INSTANCE, FALSE },
    { LS_T_BOOL, "bool", LS_OBJ_INSTANCE, FALSE },
    { LS_T_INT, "int", LS_OBJ_INSTANCE, TRUE },
    { LS_T_FLOAT, "float", LS_OBJ_INSTANCE, TRUE },
    { LS_T_STR, "str", LS_OBJ_STR, TRUE },
    { LS_T_TUPLE, "tuple", LS_OBJ_TUPLE, TRUE },
    { LS_T_LIST, "list", LS_OBJ_LIST, TRUE },
    { LS_T_DICT, "dict", LS_OBJ_DICT, TRUE },
    { LS_T_SET, "set", LS_OBJ_SET, TRUE },
    { LS_T_FROZENSET, "frozenset", LS_OBJ_SET, TRUE },
    { LS_T_RANGE, "range", LS_OBJ_RANGE, FALSE },
    { LS_T_SLICE, "slice", LS_OBJ_SLICE, FALSE },
    { LS_T_FUNCTION, "function", LS_OBJ_FUNCTION, FALSE },
    { LS_T_BUILTIN_FUNCTION, "builtin_function_or_method", LS_OBJ_NATIVE, FALSE },
    { LS_T_METHOD, "method", LS_OBJ_BOUND_METHOD, FALSE },
    { LS_T_STATICMETHOD, "staticmethod", LS_OBJ_WRAPPER, TRUE },
    { LS_T_CLASSMETHOD, "classmethod", LS_OBJ_WRAPPER, TRUE },
    { LS_T_PROPERTY, "property", LS_OBJ_PROPERTY, TRUE },
    { LS_T_SUPER, "super", LS_OBJ_SUPER, TRUE },
    { LS_T_CODE, "code", LS_OBJ_CODE, FALSE },
    { LS_T_CELL, "cell", LS_OBJ_CELL, FALSE },
    { LS_T_FRAME, "frame", LS_OBJ_FRAME, FALSE },
    { LS_T_GENERATOR, "generator", LS_OBJ_GENERATOR, FALSE },
    { LS_T_COROUTINE, "coroutine", LS_OBJ_GENERATOR, FALSE },
    { LS_T_ASYNC_GENERATOR, "async_generator", LS_OBJ_GENERATOR, FALSE },
    { LS_T_MODULE, "module", LS_OBJ_MODULE, TRUE },
    { LS_T_TRACEBACK, "traceback", LS_OBJ_TRACEBACK, FALSE },
    { LS_T_ITERATOR, "iterator", LS_OBJ_ITER, FALSE },
    { LS_T_ELLIPSIS, "ellipsis", LS_OBJ_INSTANCE, FALSE },
    { LS_T_NOTIMPLEMENTED, "NotImplementedType", LS_OBJ_INSTANCE, FALSE },
    { LS_T_DICT_KEYS, "dict_keys", LS_OBJ_ITER, FALSE },
    { LS_T_DICT_VALUES, "dict_values", LS_OBJ_ITER, FALSE },
    { LS_T_DICT_ITEMS, "dict_items", LS_OBJ_ITER, FALSE },
  };

  /* Types first, without names: strings need the str type to exist. */
  for (gsize i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      LsType *t = _ls_type_alloc (vm, NULL, specs[i].kind);
      t->hdr.flags = LS_TYPE_BUILTIN | (specs[i].base ? LS_TYPE_BASETYPE : 0);
      vm->types[specs[i].id] = t;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      LsType *t = vm->types[specs[i].id];
      t->hdr.type = vm->types[LS_T_TYPE];
      t->base = specs[i].id == LS_T_OBJECT ? NULL
              : specs[i].id == LS_T_BOOL ? vm->types[LS_T_INT]
              : vm->types[LS_T_OBJECT];
    }
  for (gsize i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      LsType *t = vm->types[specs[i].id];
      t->name = ls_str_intern (vm, specs[i].name, -1);
      t->qualname = t->name;
      t->dict = ls_dict_new (vm);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (specs); i++)
    vm->types[specs[i].id]->module = ls_str_intern (vm, "builtins", -1);
}

static void
create_constants (LsVM *vm)
{
  LsInstance *o;

#define LS_NAME_INTERN(n) vm->names[LS_NAME_##n] = ls_str_intern (vm, #n, -1);
  LS_FOREACH_NAME (LS_NAME_INTERN)
#undef LS_NAME_INTERN

  if (LS_IS_UNDEF (vm->empty_str))
    vm->empty_str = ls_obj (ls_str_intern (vm, "", 0));
  for (int c = 0; c < 128; c++)
    if (LS_IS_UNDEF (vm->small_strs[c]))
      {
        char s[2] = { (char) c, 0 };
        vm->small_strs[c] = ls_obj (ls_str_intern (vm, s, 1));
      }
  if (LS_IS_UNDEF (vm->empty_tuple))
    vm->empty_tuple = ls_obj (ls_tuple_new (vm, 0));
  o = ls_gc_alloc (vm, LS_OBJ_INSTANCE, vm->types[LS_T_ELLIPSIS], sizeof (LsInstance));
  vm->ellipsis = ls_obj (o);
  o = ls_gc_alloc (vm, LS_OBJ_INSTANCE, vm->types[LS_T_NOTIMPLEMENTED], sizeof (LsInstance));
  vm->not_implemented = ls_obj (o);
}

LsVM *
ls_vm_new (void)
{
  LsVM *vm = g_new0 (LsVM, 1);

  vm->st = g_new0 (LsVMState, 1);
  _ls_gc_init (vm);
  vm->recursion_limit = 1000;
  vm->max_int_str_digits = 4300;
  vm->exc = LS_UNDEF;
  vm->stdout_write = default_write;
  vm->stderr_write = default_write_err;
  vm->write_data = GINT_TO_POINTER (1);
  vm->clock = virtual_clock;
  vm->sleep = virtual_sleep;
  vm->clock_data = vm;
  vm->interned = g_hash_table_new (g_str_hash, g_str_equal);
  vm->st->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  create_types (vm);
  create_constants (vm);
  vm->modules = ls_dict_new (vm);

  _ls_str_init_type (vm);
  _ls_number_init_types (vm);
  _ls_tuple_init_type (vm);
  _ls_list_init_type (vm);
  _ls_dict_init_type (vm);
  _ls_set_init_type (vm);
  _ls_range_init_types (vm);
  _ls_ops_init (vm);
  _ls_attr_init_types (vm);
  _ls_exceptions_init (vm);
  _ls_generator_init_types (vm);
  _ls_import_init (vm);
  _ls_builtins_init (vm);

  /* Nothing allocated during start-up is garbage yet; start counting afresh. */
  vm->gc_pending = FALSE;
  return vm;
}

void
ls_vm_free (LsVM *vm)
{
  LsFrameChunk *c;

  if (vm == NULL)
    return;
  /* Frames of a suspended run live on the frame stack; drop them wholesale. */
  vm->st->frame = NULL;
  _ls_gc_free_all (vm);
  for (c = vm->st->chunk; c != NULL;)
    {
      LsFrameChunk *prev = c->prev;
      g_free (c);
      c = prev;
    }
  g_free (vm->st->spare_chunk);
  g_hash_table_unref (vm->st->sources);
  if (vm->st->registry != NULL)
    g_hash_table_unref (vm->st->registry);
  g_hash_table_unref (vm->interned);
  g_free (vm->st);
  g_free (vm);
}

void
ls_vm_set_output (LsVM        *vm,
                  LsWriteFunc  out,
                  LsWriteFunc  err,
                  gpointer     user_data)
{
  g_return_if_fail (vm != NULL);
  vm->stdout_write = out ? out : default_write;
  vm->stderr_write = err ? err : default_write_err;
  vm->write_data = out || err ? user_data : GINT_TO_POINTER (1);
}

void
ls_vm_set_clock (LsVM        *vm,
                 LsClockFunc  clock,
                 LsSleepFunc  sleep,
                 gpointer     user_data)
{
  g_return_if_fail (vm != NULL);
  vm->clock = clock ? clock : virtual_clock;
  vm->sleep = sleep ? sleep : virtual_sleep;
  vm->clock_data = clock ? user_data : vm;
}

void
ls_vm_set_heap_limit (LsVM  *vm,
                      gsize  bytes)
{
  vm->heap_limit = bytes;
  if (vm->next_gc > bytes)
    vm->next_gc = bytes;
}

void
ls_vm_set_recursion_limit (LsVM *vm,
                           int   limit)
{
  vm->recursion_limit = MAX (limit, 10);
}

double
ls_vm_get_virtual_time (LsVM *vm)
{
  return vm->st->vclock;
}

void
ls_vm_advance_virtual_time (LsVM   *vm,
                            double  seconds)
{
  vm->st->vclock += seconds;
}

void
ls_vm_write_stdout (LsVM       *vm,
                    const char *text,
                    gsize       len)
{
  vm->stdout_write (text, len, vm->write_data);
}

void
ls_vm_write_stderr (LsVM       *vm,
                    const char *text,
                    gsize       len)
{
  vm->stderr_write (text, len, vm->write_data == GINT_TO_POINTER (1) ? GINT_TO_POINTER (2)
                                                                     : vm->write_data);
}

/* ------------------------------------------------------------ running */

LsCode *
ls_vm_compile (LsVM            *vm,
               const char      *filename,
               const char      *source,
               gssize           len,
               LsCompileFlags   flags,
               LsSyntaxError  **error)
{
  gsize n = len < 0 ? strlen (source) : (gsize) len;
  g_autofree char *copy = g_strndup (source, n);

  _ls_vm_register_source (vm, filename, copy);
  return ls_compile_source (vm, filename, copy, n, flags, error);
}

void
ls_vm_add_source (LsVM       *vm,
                  const char *filename,
                  const char *source)
{
  _ls_vm_register_source (vm, filename, source);
}

LsModule *
ls_vm_main_module (LsVM *vm)
{
  if (vm->st->main_module == NULL)
    {
      vm->st->main_module = _ls_module_new (vm, "__main__");
      ls_dict_set_str (vm, vm->modules, LS_NAME (vm, __main__), ls_obj (vm->st->main_module));
    }
  return vm->st->main_module;
}

static LsRunStatus
run_outer (LsVM        *vm,
           LsStartKind  start,
           LsValue      value,
           gint64       budget,
           LsValue     *out,
           LsRunStatus  on_return)
{
  LsValue r = LS_UNDEF;
  LsExitKind exit;

  g_assert (vm->native_depth == 0);
  exit = _ls_vm_run (vm, start, value, budget, &r);
  switch (exit)
    {
    case LS_EXIT_RETURN:
      if (out)
        *out = on_return == LS_RUN_DONE && LS_IS_UNDEF (r) ? LS_NONE : r;
      return on_return;
    case LS_EXIT_YIELD:
      if (out)
        *out = r;
      return LS_RUN_YIELDED;
    case LS_EXIT_SUSPEND:
      vm->st->suspended = TRUE;
      vm->st->suspended_what = (guint8) on_return;
      return LS_RUN_SUSPENDED;
    case LS_EXIT_HOSTCALL:
      vm->st->hostcall_pending = TRUE;
      vm->st->hostcall_what = (guint8) on_return;
      return LS_RUN_HOSTCALL;
    case LS_EXIT_ERROR:
    default:
      return LS_RUN_ERROR;
    }
}

LsRunStatus
ls_vm_run_module (LsVM     *vm,
                  LsCode   *code,
                  LsModule *module,
                  gint64    budget,
                  LsValue  *out)
{
  LsFrame *f;

  g_return_val_if_fail (!vm->st->suspended, LS_RUN_ERROR);
  if (LS_IS_UNDEF (ls_dict_get_str (module->dict, LS_NAME (vm, __builtins__))))
    ls_dict_set_str (vm, module->dict, LS_NAME (vm, __builtins__),
                     ls_dict_get_str (vm->modules, ls_str_intern (vm, "builtins", -1)));
  if (code->flags & LS_CODE_TOPLEVEL_AWAIT)
    {
      f = _ls_frame_new (vm, code, NULL, module->dict, module->dict, TRUE);
      _ls_frame_init_cells (vm, f);
      if (out)
        *out = _ls_gen_new (vm, NULL, f);
      return LS_RUN_DONE;
    }
  if (!_ls_vm_check_recursion (vm))
    return LS_RUN_ERROR;
  f = _ls_frame_new (vm, code, NULL, module->dict, module->dict, FALSE);
  _ls_frame_init_cells (vm, f);
  frame_push (vm, f, LS_RESUME_ENTRY);
  return run_outer (vm, LS_START_RUN, LS_UNDEF, budget, out, LS_RUN_DONE);
}

LsRunStatus
ls_vm_run_main (LsVM    *vm,
                LsCode  *code,
                gint64   budget,
                LsValue *out)
{
  LsModule *m = ls_vm_main_module (vm);

  if (LS_IS_UNDEF (ls_dict_get_str (m->dict, LS_NAME (vm, __file__))))
    ls_dict_set_str (vm, m->dict, LS_NAME (vm, __file__), ls_obj (code->filename));
  return ls_vm_run_module (vm, code, m, budget, out);
}

static LsRunStatus
gen_step (LsVM     *vm,
          LsValue   genv,
          gboolean  is_throw,
          LsValue   value,
          gint64    budget,
          LsValue  *out)
{
  LsGenerator *gen;
  gboolean finished = FALSE;

  g_return_val_if_fail (!vm->st->suspended, LS_RUN_ERROR);
  if (!LS_OBJ_IS (genv, LS_OBJ_GENERATOR) || ((LsGenerator *) genv.u.o)->kind == LS_GEN_KIND_ASYNC_GEN)
    {
      /* Native awaitables and other iterators: one native step. */
      LsValue r = LS_UNDEF;
      int res;
      vm->native_depth++;
      if (is_throw)
        {
          LsValue meth = ls_getattr (vm, genv, LS_NAME (vm, throw));
          LsValue rr = LS_IS_ERR (meth) ? meth : ls_call (vm, meth, &value, 1, NULL);
          if (LS_IS_ERR (rr))
            {
              if (ls_exc_pending_is (vm, LS_EXC_STOP_ITERATION))
                {
                  r = _ls_exc_stop_value (vm, ls_exc_fetch (vm));
                  res = 0;
                }
              else
                res = -1;
            }
          else
            {
              r = rr;
              res = 1;
            }
        }
      else
        res = _ls_delegate_send (vm, genv, value, &r);
      vm->native_depth--;
      if (out)
        *out = r;
      return res < 0 ? LS_RUN_ERROR : res == 0 ? LS_RUN_RETURNED : LS_RUN_YIELDED;
    }

  gen = (LsGenerator *) genv.u.o;
  if (!is_throw)
    {
      if (!_ls_gen_link (vm, gen, LS_RESUME_ENTRY, FALSE, value, &finished))
        {
          if (finished)
            {
              if (out)
                *out = LS_NONE;
              return LS_RUN_RETURNED;
            }
          return LS_RUN_ERROR;
        }
      return run_outer (vm, LS_START_RUN, LS_UNDEF, budget, out, LS_RUN_RETURNED);
    }
  else
    {
      LsValue sv = LS_UNDEF;
      gboolean done = FALSE;
      LsStartKind sk = _ls_gen_prepare_throw (vm, gen, LS_RESUME_ENTRY, value, &sv, &done);
      if (done)
        return LS_RUN_ERROR;
      return run_outer (vm, sk, sv, budget, out, LS_RUN_RETURNED);
    }
}

LsRunStatus
ls_vm_gen_send (LsVM    *vm,
                LsValue  gen,
                LsValue  value,
                gint64   budget,
                LsValue *out)
{
  return gen_step (vm, gen, FALSE, value, budget, out);
}

LsRunStatus
ls_vm_gen_throw (LsVM    *vm,
                 LsValue  gen,
                 LsValue  exc,
                 gint64   budget,
                 LsValue *out)
{
  return gen_step (vm, gen, TRUE, exc, budget, out);
}

LsRunStatus
ls_vm_resume (LsVM    *vm,
              gint64   budget,
              LsValue *out)
{
  g_return_val_if_fail (vm->st->suspended, LS_RUN_ERROR);
  vm->st->suspended = FALSE;
  return run_outer (vm, LS_START_RUN, LS_UNDEF, budget, out, (LsRunStatus) vm->st->suspended_what);
}

gboolean
ls_vm_is_suspended (LsVM *vm)
{
  return vm->st->suspended;
}

void
ls_vm_abandon (LsVM *vm)
{
  LsVMState *st = vm->st;

  if (!st->suspended)
    return;
  st->suspended = FALSE;
  for (;;)
    {
      LsFrame *f = st->frame;
      gboolean last;
      if (f == NULL)
        break;
      last = f->resume == LS_RESUME_ENTRY;
      st->frame = f->back;
      st->depth -= frame_cost (f);
      f->back = NULL;
      if (f->gen != NULL)
        _ls_gen_finish (vm, f->gen);
      else
        _ls_frame_release (vm, f);
      if (last)
        break;
    }
}

gboolean
ls_vm_can_hostcall (LsVM       *vm,
                    LsNativeFn  fn)
{
  LsVMState *st = vm->st;

  return vm->native_depth == 0 && st->direct_native != NULL && st->direct_native->fn == fn
         && !st->hostcall_pending && !st->suspended;
}

LsValue
ls_vm_request_hostcall (LsVM    *vm,
                        LsValue  request)
{
  g_return_val_if_fail (vm->native_depth == 0, LS_ERR);
  vm->st->hostcall_requested = TRUE;
  vm->st->hostcall_request = request;
  ls_gc_pin (vm, request);
  return LS_ERR;
}

gboolean
ls_vm_hostcall_pending (LsVM *vm)
{
  return vm->st->hostcall_pending;
}

LsValue
ls_vm_get_hostcall (LsVM *vm)
{
  return vm->st->hostcall_pending ? vm->st->hostcall_request : LS_UNDEF;
}

/* Ends a pending host call: the request is no longer the host's. */
static LsRunStatus
finish_hostcall (LsVM        *vm,
                 LsStartKind  start,
                 LsValue      value,
                 gint64       budget,
                 LsValue     *out)
{
  LsVMState *st = vm->st;

  g_return_val_if_fail (st->hostcall_pending && !st->suspended, LS_RUN_ERROR);
  st->hostcall_pending = FALSE;
  ls_gc_unpin (vm, st->hostcall_request);
  st->hostcall_request = LS_UNDEF;
  return run_outer (vm, start, value, budget, out, (LsRunStatus) st->hostcall_what);
}

LsRunStatus
ls_vm_resume_with_value (LsVM    *vm,
                         LsValue  value,
                         gint64   budget,
                         LsValue *out)
{
  return finish_hostcall (vm, LS_START_PUSH, value, budget, out);
}

LsRunStatus
ls_vm_resume_with_exception (LsVM    *vm,
                             LsValue  exc,
                             gint64   budget,
                             LsValue *out)
{
  vm->exc = exc;
  return finish_hostcall (vm, LS_START_RAISE, LS_UNDEF, budget, out);
}

gboolean
ls_vm_current_location (LsVM         *vm,
                        const char  **filename,
                        int          *line,
                        const char  **function)
{
  LsFrame *f = vm->st->frame;

  if (f == NULL)
    return FALSE;
  if (filename)
    *filename = ls_str_cstr (f->code->filename);
  if (line)
    *line = _ls_code_line_at (f->code, ls_frame_lasti (f));
  if (function)
    *function = ls_str_cstr (f->code->name);
  return TRUE;
}

/* The innermost running frame whose file name does not start with prefix. */
static LsFrame *
user_frame (LsVM       *vm,
            const char *skip_prefix)
{
  for (LsFrame *f = vm->st->frame; f != NULL; f = f->back)
    if (skip_prefix == NULL || !g_str_has_prefix (ls_str_cstr (f->code->filename), skip_prefix))
      return f;
  return NULL;
}

gboolean
ls_vm_user_location (LsVM         *vm,
                     const char   *skip_prefix,
                     const char  **filename,
                     int          *line,
                     const char  **function)
{
  LsFrame *f = user_frame (vm, skip_prefix);

  if (f == NULL)
    return FALSE;
  if (filename)
    *filename = ls_str_cstr (f->code->filename);
  if (line)
    *line = _ls_code_line_at (f->code, ls_frame_lasti (f));
  if (function)
    *function = ls_str_cstr (f->code->name);
  return TRUE;
}

const char *
ls_vm_user_store_target (LsVM       *vm,
                         const char *skip_prefix)
{
  LsFrame *f = user_frame (vm, skip_prefix);
  LsCode *code;
  guint32 word;
  int pc;

  if (f == NULL || f->pc < 0 || f->pc >= f->code->n_code)
    return NULL;
  code = f->code;
  pc = f->pc;
  word = code->code[pc];
  /* `obj.attr = call()` loads obj after the call, then stores. */
  if ((LS_OP (word) == LS_OP_LOAD_FAST || LS_OP (word) == LS_OP_LOAD_NAME
       || LS_OP (word) == LS_OP_LOAD_GLOBAL || LS_OP (word) == LS_OP_LOAD_DEREF)
      && pc + 1 < code->n_code && LS_OP (code->code[pc + 1]) == LS_OP_STORE_ATTR)
    word = code->code[pc + 1];
  switch (LS_OP (word))
    {
    case LS_OP_STORE_FAST:
      return ls_str_cstr (code->varnames[LS_ARG (word)]);
    case LS_OP_STORE_DEREF:
      return LS_ARG (word) < (guint32) code->n_cells ? ls_str_cstr (code->cellnames[LS_ARG (word)])
                                                     : ls_str_cstr (code->freenames[LS_ARG (word) - code->n_cells]);
    case LS_OP_STORE_NAME:
    case LS_OP_STORE_GLOBAL:
    case LS_OP_STORE_ATTR:
      return ls_str_cstr (code->names[LS_ARG (word)]);
    default:
      return NULL;
    }
}

LsDict *
ls_vm_current_globals (LsVM *vm)
{
  LsFrame *f = vm->st->frame;

  return f != NULL ? f->globals : NULL;
}

LsValue
ls_vm_current_locals (LsVM *vm)
{
  LsFrame *f = vm->st->frame;
  LsDict *d;

  if (f == NULL)
    return ls_obj (ls_dict_new (vm));
  if (f->locals != NULL)
    return ls_obj (f->locals);
  d = ls_dict_new (vm);
  for (int i = 0; i < f->code->n_locals; i++)
    if (!LS_IS_UNDEF (f->slots[i]))
      ls_dict_set_str (vm, d, f->code->varnames[i], f->slots[i]);
  for (int i = 0; i < f->code->n_cells + f->code->n_free; i++)
    {
      LsValue c = f->slots[f->code->n_locals + i];
      LsStr *name = i < f->code->n_cells ? f->code->cellnames[i]
                                         : f->code->freenames[i - f->code->n_cells];
      if (LS_OBJ_IS (c, LS_OBJ_CELL) && !LS_IS_UNDEF (((LsCell *) c.u.o)->value))
        ls_dict_set_str (vm, d, name, ((LsCell *) c.u.o)->value);
    }
  return ls_obj (d);
}

gboolean
ls_vm_system_exit_status (LsVM     *vm,
                          LsValue   exc,
                          int      *status,
                          char    **message)
{
  LsValue code;

  *message = NULL;
  if (!ls_isinstance (vm, exc, vm->exc_types[LS_EXC_SYSTEM_EXIT]))
    return FALSE;
  code = ls_getattr (vm, exc, ls_str_intern (vm, "code", -1));
  if (LS_IS_ERR (code))
    {
      ls_exc_clear (vm);
      code = LS_NONE;
    }
  if (LS_IS_NONE (code))
    *status = 0;
  else if (LS_IS_INTLIKE (code))
    *status = (int) (LS_AS_INT (code) & 0xff);
  else
    {
      LsValue s = ls_to_str (vm, code);
      *status = 1;
      if (LS_IS_ERR (s))
        ls_exc_clear (vm);
      else
        *message = g_strdup (ls_str_cstr ((LsStr *) LS_AS_OBJ (s)));
    }
  return TRUE;
}

void
ls_vm_set_asyncgen_hooks (LsVM    *vm,
                          LsValue  firstiter,
                          LsValue  finalizer)
{
  vm->st->agen_firstiter = LS_IS_NONE (firstiter) ? LS_UNDEF : firstiter;
  vm->st->agen_finalizer = LS_IS_NONE (finalizer) ? LS_UNDEF : finalizer;
}

void
ls_vm_get_asyncgen_hooks (LsVM    *vm,
                          LsValue *firstiter,
                          LsValue *finalizer)
{
  *firstiter = LS_IS_UNDEF (vm->st->agen_firstiter) ? LS_NONE : vm->st->agen_firstiter;
  *finalizer = LS_IS_UNDEF (vm->st->agen_finalizer) ? LS_NONE : vm->st->agen_finalizer;
}

void
ls_vm_add_depth (LsVM *vm,
                 int   delta)
{
  vm->st->depth += delta;
}

