/* ls-ops.c: the object protocol: type names, repr/str, truth, rich
 * comparison, hashing, operators, subscripts, len and iteration, with
 * user-defined dunders and CPython's dispatch rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "ls-lang.h"
#include "ls-types-private.h"
#include "ls-vm.h"

/* ------------------------------------------------------------ arguments */

/* Three message styles, as CPython's methods differ: "str.upper" (METH_O /
 * NOARGS style), "find()" (old getargs style) and "center" (clinic style). */
gboolean
_ls_check_args (LsVM       *vm,
                const char *name,
                int         nargs,
                LsTuple    *kwnames,
                int         min,
                int         max)
{
  gsize len = strlen (name);
  gboolean old_style = len > 2 && name[len - 2] == '(';
  gboolean dotted = strchr (name, '.') != NULL;
  const char *paren = old_style ? "" : "()";

  if (kwnames != NULL && kwnames->len > 0)
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "%s%s takes no keyword arguments", name, paren);
      return FALSE;
    }
  if (nargs >= min && nargs <= max)
    return TRUE;
  if (dotted && min == max && min <= 1)
    ls_raise (vm, LS_EXC_TYPE_ERROR, min == 0 ? "%s() takes no arguments (%d given)"
                                              : "%s() takes exactly one argument (%d given)",
              name, nargs);
  else if (old_style || dotted)
    {
      const char *how = min == max ? "exactly" : nargs < min ? "at least" : "at most";
      int n = nargs < min ? min : max;
      ls_raise (vm, LS_EXC_TYPE_ERROR, "%s%s takes %s %d argument%s (%d given)", name, paren, how,
                n, n == 1 ? "" : "s", nargs);
    }
  else
    {
      const char *how = min == max ? "" : nargs < min ? "at least " : "at most ";
      int n = nargs < min ? min : max;
      ls_raise (vm, LS_EXC_TYPE_ERROR, "%s expected %s%d argument%s, got %d", name, how, n,
                n == 1 ? "" : "s", nargs);
    }
  return FALSE;
}

gboolean
_ls_method_args (LsVM              *vm,
               const char        *fname,
               const char *const *names,
               int                npos,
               int                nreq,
               const LsValue     *args,
               int                nargs,
               LsTuple           *kwnames,
               LsValue           *out)
{
  int n = 0, i;

  while (names[n] != NULL)
    n++;
  if (nargs > npos)
    {
      if (npos == 0)
        ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() takes no positional arguments", fname);
      else
        ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() takes at most %d argument%s (%d given)", fname, npos,
                  npos == 1 ? "" : "s", nargs);
      return FALSE;
    }
  for (i = 0; i < nargs; i++)
    out[i] = args[i];
  if (kwnames != NULL)
    for (gsize k = 0; k < kwnames->len; k++)
      {
        const char *kw = LS_STR (kwnames->items[k])->data;
        for (i = 0; i < n && strcmp (names[i], kw) != 0; i++)
          ;
        if (i == n)
          {
            ls_raise (vm, LS_EXC_TYPE_ERROR, "'%s' is an invalid keyword argument for %s()", kw, fname);
            return FALSE;
          }
        if (i < nargs)
          {
            ls_raise (vm, LS_EXC_TYPE_ERROR, "argument for %s() given by name ('%s') and position (%d)",
                      fname, kw, i + 1);
            return FALSE;
          }
        out[i] = args[nargs + k];
      }
  for (i = 0; i < nreq; i++)
    if (LS_IS_UNDEF (out[i]))
      {
        ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() missing required argument '%s' (pos %d)", fname,
                  names[i], i + 1);
        return FALSE;
      }
  return TRUE;
}

/* ---------------------------------------------------------------- types */

LsType *
ls_typeof (LsVM   *vm,
           LsValue v)
{
  switch (v.tag)
    {
    case LS_V_INT: return vm->types[LS_T_INT];
    case LS_V_FLOAT: return vm->types[LS_T_FLOAT];
    case LS_V_BOOL: return vm->types[LS_T_BOOL];
    case LS_V_NONE: return vm->types[LS_T_NONE];
    case LS_V_OBJ: return v.u.o->type;
    default: return vm->types[LS_T_NONE];
    }
}

const char *
ls_type_name (LsVM   *vm,
              LsValue v)
{
  LsType *t = ls_typeof (vm, v);

  return t != NULL && t->name != NULL ? t->name->data : "?";
}

/* The number an instance of an int/float subclass carries; other values as they are. */
#define NUMBER_UNBOX(vm, v) (G_UNLIKELY (LS_OBJ_IS (v, LS_OBJ_INSTANCE)) ? _ls_number_unbox (vm, v) : (v))

/* Modules compiled into CPython (on a usual Linux build) say so; the others
 * were read from a file Loopscope does not have. */
static LsValue
module_repr (LsVM     *vm,
             LsModule *m)
{
  static const char *const builtin[] = {
    "builtins", "sys", "time", "math", "itertools", "gc", "errno", "marshal",
    "_io", "_thread", "_functools", "_collections", "_random", "_asyncio", "_json",
  };
  const char *name = ls_str_cstr (m->name);

  for (gsize i = 0; i < G_N_ELEMENTS (builtin); i++)
    if (strcmp (name, builtin[i]) == 0)
      return ls_obj (ls_str_printf (vm, "<module '%s' (built-in)>", name));
  return ls_obj (ls_str_printf (vm, "<module '%s'>", name));
}

/* Where the search for user overrides of a builtin kind stops: the builtin
 * type whose behaviour the C code here implements. */
static LsType *
override_stop (LsVM  *vm,
               LsObj *o)
{
  switch ((LsObjKind) o->kind)
    {
    case LS_OBJ_STR: return vm->types[LS_T_STR];
    case LS_OBJ_TUPLE: return vm->types[LS_T_TUPLE];
    case LS_OBJ_LIST: return vm->types[LS_T_LIST];
    case LS_OBJ_DICT: return vm->types[LS_T_DICT];
    case LS_OBJ_SET:
      return ls_is_subtype (o->type, vm->types[LS_T_FROZENSET]) ? vm->types[LS_T_FROZENSET]
                                                                 : vm->types[LS_T_SET];
    case LS_OBJ_RANGE: return vm->types[LS_T_RANGE];
    case LS_OBJ_SLICE: return vm->types[LS_T_SLICE];
    case LS_OBJ_TYPE: return vm->types[LS_T_TYPE];
    case LS_OBJ_EXCEPTION:
      {
        LsType *t = o->type;
        while (t != NULL && !(t->hdr.flags & LS_TYPE_BUILTIN))
          t = t->base;
        return t;
      }
    case LS_OBJ_FUNCTION: case LS_OBJ_NATIVE: case LS_OBJ_BOUND_METHOD: case LS_OBJ_CODE:
    case LS_OBJ_CELL: case LS_OBJ_MODULE:
      return o->type;
    default:
      return vm->types[LS_T_OBJECT];
    }
}

LsValue
_ls_find_override (LsVM   *vm,
                   LsValue v,
                   LsStr  *name)
{
  LsType *t, *stop;

  if (!LS_IS_OBJ (v))
    return LS_UNDEF;
  stop = override_stop (vm, LS_AS_OBJ (v));
  for (t = LS_AS_OBJ (v)->type; t != NULL && t != stop; t = t->base)
    {
      LsValue f;
      if (t->dict == NULL)
        continue;
      f = ls_dict_get_str (t->dict, name);
      if (!LS_IS_UNDEF (f))
        return f;
    }
  return LS_UNDEF;
}

LsValue
_ls_call_override (LsVM          *vm,
                   LsValue        func,
                   LsValue        self,
                   const LsValue *args,
                   int            nargs)
{
  LsValue stack[4], *argv, r;

  if (LS_OBJ_IS (func, LS_OBJ_NATIVE))
    {
      LsNative *n = (LsNative *) LS_AS_OBJ (func);
      if (n->hdr.flags & LS_NATIVE_STATIC)
        return n->fn (vm, n->data, args, nargs, NULL);
      if (n->hdr.flags & LS_NATIVE_CLASS)
        return n->fn (vm, ls_obj (ls_typeof (vm, self)), args, nargs, NULL);
      return n->fn (vm, self, args, nargs, NULL);
    }
  if (LS_OBJ_IS (func, LS_OBJ_WRAPPER))
    {
      LsWrapper *w = (LsWrapper *) LS_AS_OBJ (func);
      if (w->hdr.type == vm->types[LS_T_STATICMETHOD])
        return ls_call (vm, w->func, args, nargs, NULL);
      self = ls_obj (ls_typeof (vm, self));
      func = w->func;
    }
  argv = nargs + 1 <= (int) G_N_ELEMENTS (stack) ? stack : g_new (LsValue, nargs + 1);
  argv[0] = self;
  if (nargs > 0)
    memcpy (argv + 1, args, nargs * sizeof (LsValue));
  r = ls_call (vm, func, argv, nargs + 1, NULL);
  if (argv != stack)
    g_free (argv);
  return r;
}

/* Calls the override of name on v if there is one; UNDEF (no error) if not. */
static LsValue
call_dunder (LsVM          *vm,
             LsValue        v,
             LsStr         *name,
             const LsValue *args,
             int            nargs)
{
  LsValue f = _ls_find_override (vm, v, name);

  if (LS_IS_UNDEF (f))
    return LS_UNDEF;
  if (LS_IS_NONE (f))
    return LS_UNDEF;
  return _ls_call_override (vm, f, v, args, nargs);
}

/* Class-level hooks: a class whose chain defines __class_iter__,
 * __class_contains__ or __class_repr__ (classmethods) gets that behaviour for
 * the class object itself, as a metaclass method would give it (enum). UNDEF
 * without exception when the class has no such hook. */
static LsValue
class_hook (LsVM          *vm,
            LsValue        cls,
            const char    *name,
            const LsValue *args,
            int            nargs)
{
  LsType *t = (LsType *) LS_AS_OBJ (cls);
  LsStr *n;
  LsValue f;

  if (t->hdr.flags & LS_TYPE_BUILTIN)
    return LS_UNDEF;
  n = ls_str_intern (vm, name, -1);
  if (LS_IS_UNDEF (ls_type_lookup (t, n)))
    return LS_UNDEF;
  f = ls_getattr (vm, cls, n);
  return LS_IS_ERR (f) ? LS_ERR : ls_call (vm, f, args, nargs, NULL);
}

/* --------------------------------------------------------- repr guard */

static _Thread_local LsReprGuard *repr_top;

int
_ls_repr_enter (LsVM        *vm,
                LsReprGuard *guard,
                gpointer     obj)
{
  LsReprGuard *g;
  int depth = repr_top != NULL ? repr_top->depth + 1 : 1;

  for (g = repr_top; g != NULL; g = g->prev)
    if (g->obj == obj)
      return 0;
  if (depth > MAX (vm->recursion_limit, 50))
    {
      ls_raise (vm, LS_EXC_RECURSION_ERROR, "maximum recursion depth exceeded while getting the repr of an object");
      return -1;
    }
  guard->obj = obj;
  guard->prev = repr_top;
  guard->depth = depth;
  repr_top = guard;
  return 1;
}

void
_ls_repr_leave (LsReprGuard *guard)
{
  repr_top = guard->prev;
}

/* ----------------------------------------------------------------- repr */

static const char *
type_module (LsType *t)
{
  return t->module != NULL ? t->module->data : "builtins";
}

LsValue
_ls_default_repr (LsVM   *vm,
                  LsValue v)
{
  LsType *t = ls_typeof (vm, v);
  const char *mod = type_module (t);
  const char *qn = t->qualname != NULL ? t->qualname->data : t->name->data;

  if (strcmp (mod, "builtins") == 0)
    return ls_obj (ls_str_printf (vm, "<%s object at %p>", qn, (gpointer) LS_AS_OBJ (v)));
  return ls_obj (ls_str_printf (vm, "<%s.%s object at %p>", mod, qn, (gpointer) LS_AS_OBJ (v)));
}

static LsValue
type_repr (LsVM   *vm,
           LsType *t)
{
  const char *mod = type_module (t);
  const char *qn = t->qualname != NULL ? t->qualname->data : t->name->data;

  if (strcmp (mod, "builtins") == 0)
    return ls_obj (ls_str_printf (vm, "<class '%s'>", qn));
  return ls_obj (ls_str_printf (vm, "<class '%s.%s'>", mod, qn));
}

static LsValue
exception_repr (LsVM        *vm,
                LsException *e)
{
  LsValue r;
  const char *name = e->hdr.type->name->data;

  if (LS_IS_TUPLE (e->args) && LS_TUPLE (e->args)->len == 1)
    {
      r = ls_repr (vm, LS_TUPLE (e->args)->items[0]);
      if (LS_IS_ERR (r))
        return r;
      return ls_obj (ls_str_printf (vm, "%s(%s)", name, LS_STR (r)->data));
    }
  if (!LS_IS_TUPLE (e->args))
    return ls_obj (ls_str_printf (vm, "%s()", name));
  r = ls_repr (vm, e->args);
  if (LS_IS_ERR (r))
    return r;
  return ls_obj (ls_str_printf (vm, "%s%s", name, LS_STR (r)->data));
}

static LsValue
native_repr (LsVM     *vm,
             LsNative *n)
{
  if (!LS_IS_UNDEF (n->self) && !LS_OBJ_IS (n->self, LS_OBJ_MODULE))
    {
      if (LS_OBJ_IS (n->self, LS_OBJ_TYPE))
        return ls_obj (ls_str_printf (vm, "<built-in method %s of type object at %p>", n->name,
                                      (gpointer) LS_AS_OBJ (n->self)));
      return ls_obj (ls_str_printf (vm, "<built-in method %s of %s object at %p>", n->name,
                                    ls_type_name (vm, n->self),
                                    LS_IS_OBJ (n->self) ? (gpointer) LS_AS_OBJ (n->self) : (gpointer) n));
    }
  if ((n->hdr.flags & LS_NATIVE_METHOD) && n->owner != NULL)
    return ls_obj (ls_str_printf (vm, "<method '%s' of '%s' objects>", n->name, n->owner->name->data));
  return ls_obj (ls_str_printf (vm, "<built-in function %s>", n->name));
}

static const char *
func_qualname (LsVM   *vm,
               LsValue f)
{
  if (LS_OBJ_IS (f, LS_OBJ_FUNCTION))
    {
      LsFunction *fn = (LsFunction *) LS_AS_OBJ (f);
      return (fn->qualname != NULL ? fn->qualname : fn->name)->data;
    }
  if (LS_OBJ_IS (f, LS_OBJ_NATIVE))
    return ((LsNative *) LS_AS_OBJ (f))->name;
  return "?";
}

static LsValue
bound_method_repr (LsVM          *vm,
                   LsBoundMethod *m)
{
  LsValue r = ls_repr (vm, m->self);

  if (LS_IS_ERR (r))
    return r;
  return ls_obj (ls_str_printf (vm, "<bound method %s of %s>", func_qualname (vm, m->func),
                                LS_STR (r)->data));
}

static LsValue
generator_repr (LsVM   *vm,
                LsValue v)
{
  LsCode *code = ls_gen_get_code (v);
  const char *qn = code != NULL ? (code->qualname != NULL ? code->qualname : code->name)->data : "?";

  return ls_obj (ls_str_printf (vm, "<%s object %s at %p>", ls_type_name (vm, v), qn,
                                (gpointer) LS_AS_OBJ (v)));
}

static LsValue
check_str_result (LsVM       *vm,
                  LsValue     r,
                  const char *what)
{
  if (LS_IS_ERR (r) || LS_IS_STR (r))
    return r;
  return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s returned non-string (type %s)", what,
                   ls_type_name (vm, r));
}

static LsValue
builtin_repr (LsVM   *vm,
              LsValue v)
{
  LsObj *o = LS_AS_OBJ (v);

  if (o->type == vm->types[LS_T_ELLIPSIS])
    return ls_obj (ls_str_intern (vm, "Ellipsis", -1));
  if (o->type == vm->types[LS_T_NOTIMPLEMENTED])
    return ls_obj (ls_str_intern (vm, "NotImplemented", -1));
  switch ((LsObjKind) o->kind)
    {
    case LS_OBJ_STR:
      return ls_obj (ls_str_repr (vm, (LsStr *) o));
    case LS_OBJ_TUPLE:
    case LS_OBJ_LIST:
      return _ls_seq_repr (vm, v);
    case LS_OBJ_DICT:
      return _ls_dict_repr (vm, (LsDict *) o);
    case LS_OBJ_SET:
      return _ls_set_repr (vm, (LsSet *) o);
    case LS_OBJ_RANGE:
      return _ls_range_repr (vm, (LsRange *) o);
    case LS_OBJ_SLICE:
      return _ls_slice_repr (vm, (LsSlice *) o);
    case LS_OBJ_TYPE:
      {
        LsValue r = class_hook (vm, v, "__class_repr__", NULL, 0);

        if (!LS_IS_UNDEF (r) || !LS_IS_UNDEF (vm->exc))
          return r;
        return type_repr (vm, (LsType *) o);
      }
    case LS_OBJ_EXCEPTION:
      return exception_repr (vm, (LsException *) o);
    case LS_OBJ_FUNCTION:
      return ls_obj (ls_str_printf (vm, "<function %s at %p>", func_qualname (vm, v), (gpointer) o));
    case LS_OBJ_NATIVE:
      return native_repr (vm, (LsNative *) o);
    case LS_OBJ_BOUND_METHOD:
      return bound_method_repr (vm, (LsBoundMethod *) o);
    case LS_OBJ_WRAPPER:
      {
        LsValue r = ls_repr (vm, ((LsWrapper *) o)->func);
        if (LS_IS_ERR (r))
          return r;
        return ls_obj (ls_str_printf (vm, "<%s(%s)>", o->type->name->data, LS_STR (r)->data));
      }
    case LS_OBJ_MODULE:
      return module_repr (vm, (LsModule *) o);
    case LS_OBJ_GENERATOR:
      return generator_repr (vm, v);
    case LS_OBJ_CODE:
      {
        LsCode *c = (LsCode *) o;
        return ls_obj (ls_str_printf (vm, "<code object %s at %p, file \"%s\", line %d>", c->name->data,
                                      (gpointer) o, c->filename != NULL ? c->filename->data : "?",
                                      c->first_line));
      }
    case LS_OBJ_ITER:
      if (_ls_is_dict_view (vm, v, NULL))
        return _ls_dict_view_repr (vm, v);
      return _ls_default_repr (vm, v);
    default:
      return _ls_default_repr (vm, v);
    }
}

LsValue
ls_repr (LsVM   *vm,
         LsValue v)
{
  LsValue r;

  switch (v.tag)
    {
    case LS_V_NONE:
      return ls_obj (ls_str_intern (vm, "None", 4));
    case LS_V_BOOL:
      return ls_obj (ls_str_intern (vm, LS_AS_INT (v) ? "True" : "False", -1));
    case LS_V_INT:
      return ls_obj (ls_int_repr (vm, LS_AS_INT (v)));
    case LS_V_FLOAT:
      return ls_obj (ls_float_repr (vm, LS_AS_FLOAT (v)));
    case LS_V_OBJ:
      break;
    default:
      return ls_raise (vm, LS_EXC_RUNTIME_ERROR, "repr of an undefined value");
    }
  r = call_dunder (vm, v, LS_NAME (vm, __repr__), NULL, 0);
  if (!LS_IS_UNDEF (r) || !LS_IS_UNDEF (vm->exc))
    return check_str_result (vm, r, "__repr__");
  return builtin_repr (vm, v);
}

LsValue
ls_to_str (LsVM   *vm,
           LsValue v)
{
  LsValue r;

  if (LS_IS_STR (v))
    {
      LsStr *s = LS_STR (v);
      if (s->hdr.type == vm->types[LS_T_STR])
        return v;
      r = call_dunder (vm, v, LS_NAME (vm, __str__), NULL, 0);
      if (!LS_IS_UNDEF (r) || !LS_IS_UNDEF (vm->exc))
        return check_str_result (vm, r, "__str__");
      return ls_obj (_ls_str_new_typed (vm, vm->types[LS_T_STR], s->data, s->len));
    }
  if (!LS_IS_OBJ (v))
    return ls_repr (vm, v);
  r = call_dunder (vm, v, LS_NAME (vm, __str__), NULL, 0);
  if (!LS_IS_UNDEF (r) || !LS_IS_UNDEF (vm->exc))
    return check_str_result (vm, r, "__str__");
  if (LS_AS_OBJ (v)->kind == LS_OBJ_EXCEPTION)
    {
      /* a user __repr__ does not change str(exc) */
      return ls_exc_str (vm, v);
    }
  return ls_repr (vm, v);
}

LsValue
ls_ascii (LsVM   *vm,
          LsValue v)
{
  LsValue r = ls_repr (vm, v);
  LsStr *s;
  GString *out;
  const char *p, *end;

  if (LS_IS_ERR (r))
    return r;
  s = LS_STR (r);
  if (s->hdr.flags & LS_STR_ASCII)
    return r;
  out = g_string_sized_new (s->len + 8);
  for (p = s->data, end = p + s->len; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c < 0x80)
        g_string_append_c (out, (char) c);
      else if (c < 0x100)
        g_string_append_printf (out, "\\x%02x", c);
      else if (c < 0x10000)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_printf (out, "\\U%08x", c);
    }
  return _ls_str_from_gstring (vm, out);
}

/* ---------------------------------------------------------------- len */

static gboolean
check_len_result (LsVM   *vm,
                  LsValue r,
                  gint64 *out)
{
  if (LS_IS_ERR (r))
    return FALSE;
  if (!LS_IS_INTLIKE (r))
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                ls_type_name (vm, r));
      return FALSE;
    }
  if (LS_AS_INT (r) < 0)
    {
      ls_raise (vm, LS_EXC_VALUE_ERROR, "__len__() should return >= 0");
      return FALSE;
    }
  *out = LS_AS_INT (r);
  return TRUE;
}

/* 1 known length, 0 no length, -1 error */
static int
builtin_len (LsVM   *vm,
             LsValue v,
             gint64 *out)
{
  LsObj *o = LS_AS_OBJ (v);

  switch ((LsObjKind) o->kind)
    {
    case LS_OBJ_STR: *out = ((LsStr *) o)->nchars; return 1;
    case LS_OBJ_TUPLE: *out = ((LsTuple *) o)->len; return 1;
    case LS_OBJ_LIST: *out = ((LsList *) o)->len; return 1;
    case LS_OBJ_DICT: *out = ((LsDict *) o)->len; return 1;
    case LS_OBJ_SET: *out = ((LsSet *) o)->used; return 1;
    case LS_OBJ_RANGE: *out = ((LsRange *) o)->len; return 1;
    case LS_OBJ_ITER:
      if (_ls_is_dict_view (vm, v, NULL))
        {
          *out = LS_DICT (((LsIter *) o)->a)->len;
          return 1;
        }
      return 0;
    default:
      return 0;
    }
}

gboolean
ls_len (LsVM    *vm,
        LsValue  v,
        gint64  *out)
{
  LsValue r;

  if (LS_IS_OBJ (v))
    {
      LsObj *o = LS_AS_OBJ (v);
      if (o->kind == LS_OBJ_LIST)
        {
          *out = ((LsList *) o)->len;
          if (o->type == vm->types[LS_T_LIST])
            return TRUE;
        }
      r = call_dunder (vm, v, LS_NAME (vm, __len__), NULL, 0);
      if (!LS_IS_UNDEF (r) || !LS_IS_UNDEF (vm->exc))
        return check_len_result (vm, r, out);
      if (builtin_len (vm, v, out) > 0)
        return TRUE;
    }
  ls_raise (vm, LS_EXC_TYPE_ERROR, "object of type '%s' has no len()", ls_type_name (vm, v));
  return FALSE;
}

/* --------------------------------------------------------------- truth */

int
ls_truthy (LsVM   *vm,
           LsValue v)
{
  LsValue r;
  gint64 n;

  switch (v.tag)
    {
    case LS_V_BOOL: case LS_V_INT: return LS_AS_INT (v) != 0;
    case LS_V_FLOAT: return LS_AS_FLOAT (v) != 0;
    case LS_V_NONE: return 0;
    case LS_V_OBJ: break;
    default: return 0;
    }
  if (v.u.o->type->hdr.flags & LS_TYPE_BUILTIN)
    {
      /* exact builtin containers: their length, without looking for dunders */
      LsObjKind k = v.u.o->kind;
      if (k == LS_OBJ_LIST || k == LS_OBJ_STR || k == LS_OBJ_TUPLE || k == LS_OBJ_DICT
          || k == LS_OBJ_SET || k == LS_OBJ_RANGE)
        {
          if (v.u.o->type == override_stop (vm, v.u.o) && builtin_len (vm, v, &n) > 0)
            return n != 0;
        }
    }
  r = call_dunder (vm, v, LS_NAME (vm, __bool__), NULL, 0);
  if (!LS_IS_UNDEF (r))
    {
      if (!LS_IS_BOOL (r))
        {
          ls_raise (vm, LS_EXC_TYPE_ERROR, "__bool__ should return bool, returned %s",
                    ls_type_name (vm, r));
          return -1;
        }
      return (int) LS_AS_INT (r);
    }
  if (!LS_IS_UNDEF (vm->exc))
    return -1;
  r = call_dunder (vm, v, LS_NAME (vm, __len__), NULL, 0);
  if (!LS_IS_UNDEF (r) || !LS_IS_UNDEF (vm->exc))
    return check_len_result (vm, r, &n) ? n != 0 : -1;
  if (builtin_len (vm, v, &n) > 0)
    return n != 0;
  return 1;
}

/* ---------------------------------------------------------- comparison */

static const char *const cmp_symbols[] = { "<", "<=", "==", "!=", ">", ">=" };
static const LsCmpOpKind cmp_reflected[] = { LS_CMP_GT, LS_CMP_GE, LS_CMP_EQ, LS_CMP_NE, LS_CMP_LT, LS_CMP_LE };

static LsStr *
cmp_name (LsVM       *vm,
          LsCmpOpKind op)
{
  switch (op)
    {
    case LS_CMP_LT: return LS_NAME (vm, __lt__);
    case LS_CMP_LE: return LS_NAME (vm, __le__);
    case LS_CMP_EQ: return LS_NAME (vm, __eq__);
    case LS_CMP_NE: return LS_NAME (vm, __ne__);
    case LS_CMP_GT: return LS_NAME (vm, __gt__);
    default: return LS_NAME (vm, __ge__);
    }
}

/* Builtin comparisons; NotImplemented when the kinds do not match. */
static LsValue
native_richcmp (LsVM       *vm,
                LsValue     a,
                LsValue     b,
                LsCmpOpKind op)
{
  int r = -2;
  LsObj *oa, *ob;
  LsValue na = NUMBER_UNBOX (vm, a), nb = NUMBER_UNBOX (vm, b);

  if ((LS_IS_INTLIKE (na) || LS_IS_FLOAT (na)) && (LS_IS_INTLIKE (nb) || LS_IS_FLOAT (nb)))
    return ls_bool (_ls_number_cmp (na, nb, op));
  if (LS_IS_OBJ (a) && LS_IS_OBJ (b))
    {
      oa = LS_AS_OBJ (a);
      ob = LS_AS_OBJ (b);
      if (oa->kind == ob->kind)
        switch ((LsObjKind) oa->kind)
          {
          case LS_OBJ_STR:
            if (op == LS_CMP_EQ || op == LS_CMP_NE)
              r = ls_str_equal ((LsStr *) oa, (LsStr *) ob) == (op == LS_CMP_EQ);
            else
              {
                int c = _ls_str_cmp ((LsStr *) oa, (LsStr *) ob);
                r = op == LS_CMP_LT ? c < 0 : op == LS_CMP_LE ? c <= 0 : op == LS_CMP_GT ? c > 0 : c >= 0;
              }
            break;
          case LS_OBJ_TUPLE:
          case LS_OBJ_LIST:
            r = _ls_seq_richcmp (vm, a, b, op);
            break;
          case LS_OBJ_DICT:
            if (op == LS_CMP_EQ || op == LS_CMP_NE)
              {
                r = _ls_dict_equal (vm, (LsDict *) oa, (LsDict *) ob);
                if (r >= 0 && op == LS_CMP_NE)
                  r = !r;
              }
            break;
          case LS_OBJ_SET:
            r = _ls_set_richcmp (vm, (LsSet *) oa, (LsSet *) ob, op);
            break;
          case LS_OBJ_RANGE:
            if (op == LS_CMP_EQ || op == LS_CMP_NE)
              r = _ls_range_equal ((LsRange *) oa, (LsRange *) ob) == (op == LS_CMP_EQ);
            break;
          case LS_OBJ_SLICE:
            {
              LsSlice *sa = (LsSlice *) oa, *sb = (LsSlice *) ob;
              LsValue ta[3] = { sa->start, sa->stop, sa->step }, tb[3] = { sb->start, sb->stop, sb->step };
              r = _ls_seq_richcmp (vm, ls_obj (ls_tuple_from (vm, ta, 3)),
                                   ls_obj (ls_tuple_from (vm, tb, 3)), op);
            }
            break;
          default:
            break;
          }
      if (r == -2 && (_ls_is_dict_view (vm, a, NULL) || _ls_is_dict_view (vm, b, NULL)))
        r = _ls_dict_view_richcmp (vm, a, b, op);
    }
  if (r == -1)
    return LS_ERR;
  if (r >= 0)
    return ls_bool (r);
  /* object.__eq__ / object.__ne__: identity, else NotImplemented */
  if ((op == LS_CMP_EQ || op == LS_CMP_NE) && ls_is (a, b))
    return ls_bool (op == LS_CMP_EQ);
  return vm->not_implemented;
}

/* One side of a rich comparison: x's override, or the builtin behaviour. */
static LsValue
richcmp_slot (LsVM       *vm,
              LsValue     x,
              LsValue     y,
              LsCmpOpKind op)
{
  LsValue f = _ls_find_override (vm, x, cmp_name (vm, op)), r;

  if (!LS_IS_UNDEF (f) && !LS_IS_NONE (f))
    return _ls_call_override (vm, f, x, &y, 1);
  if (op == LS_CMP_NE)
    {
      /* object.__ne__ inverts __eq__ */
      f = _ls_find_override (vm, x, LS_NAME (vm, __eq__));
      if (!LS_IS_UNDEF (f) && !LS_IS_NONE (f))
        {
          int t;
          r = _ls_call_override (vm, f, x, &y, 1);
          if (LS_IS_ERR (r) || _ls_is_not_implemented (vm, r))
            return r;
          t = ls_truthy (vm, r);
          return t < 0 ? LS_ERR : ls_bool (!t);
        }
    }
  return native_richcmp (vm, x, y, op);
}

LsValue
_ls_richcmp_one_side (LsVM       *vm,
                      LsValue     x,
                      LsValue     y,
                      LsCmpOpKind op)
{
  return richcmp_slot (vm, x, y, op);
}

static gboolean
has_override (LsVM       *vm,
              LsValue     x,
              LsCmpOpKind op)
{
  LsValue f = _ls_find_override (vm, x, cmp_name (vm, op));

  return !LS_IS_UNDEF (f) && !LS_IS_NONE (f);
}

LsValue
ls_compare (LsVM       *vm,
            LsValue     a,
            LsValue     b,
            LsCmpOpKind op)
{
  LsType *ta, *tb;
  LsValue r;
  gboolean reversed = FALSE;

  if (op > LS_CMP_GE)
    {
      int c;
      switch (op)
        {
        case LS_CMP_IS: return ls_bool (ls_is (a, b));
        case LS_CMP_IS_NOT: return ls_bool (!ls_is (a, b));
        case LS_CMP_IN: case LS_CMP_NOT_IN:
          c = ls_contains (vm, b, a);
          return c < 0 ? LS_ERR : ls_bool (op == LS_CMP_IN ? c : !c);
        default:
          return LS_ERR;
        }
    }
  if (a.tag == LS_V_INT && b.tag == LS_V_INT)
    {
      gint64 x = LS_AS_INT (a), y = LS_AS_INT (b);
      switch (op)
        {
        case LS_CMP_LT: return ls_bool (x < y);
        case LS_CMP_LE: return ls_bool (x <= y);
        case LS_CMP_EQ: return ls_bool (x == y);
        case LS_CMP_NE: return ls_bool (x != y);
        case LS_CMP_GT: return ls_bool (x > y);
        default: return ls_bool (x >= y);
        }
    }
  if (!LS_IS_OBJ (a) && !LS_IS_OBJ (b) && (LS_IS_INTLIKE (a) || LS_IS_FLOAT (a))
      && (LS_IS_INTLIKE (b) || LS_IS_FLOAT (b)))
    return ls_bool (_ls_number_cmp (a, b, op));
  if (LS_IS_OBJ (a) && LS_IS_OBJ (b) && a.u.o->type == vm->types[LS_T_STR]
      && b.u.o->type == vm->types[LS_T_STR])
    {
      int c;
      if (op == LS_CMP_EQ || op == LS_CMP_NE)
        return ls_bool (ls_str_equal (LS_STR (a), LS_STR (b)) == (op == LS_CMP_EQ));
      c = _ls_str_cmp (LS_STR (a), LS_STR (b));
      return ls_bool (op == LS_CMP_LT ? c < 0 : op == LS_CMP_LE ? c <= 0 : op == LS_CMP_GT ? c > 0 : c >= 0);
    }

  ta = ls_typeof (vm, a);
  tb = ls_typeof (vm, b);
  if (ta != tb && ls_is_subtype (tb, ta) && has_override (vm, b, cmp_reflected[op]))
    {
      reversed = TRUE;
      r = richcmp_slot (vm, b, a, cmp_reflected[op]);
      if (LS_IS_ERR (r) || !_ls_is_not_implemented (vm, r))
        return r;
    }
  r = richcmp_slot (vm, a, b, op);
  if (LS_IS_ERR (r) || !_ls_is_not_implemented (vm, r))
    return r;
  if (!reversed)
    {
      r = richcmp_slot (vm, b, a, cmp_reflected[op]);
      if (LS_IS_ERR (r) || !_ls_is_not_implemented (vm, r))
        return r;
    }
  if (op == LS_CMP_EQ)
    return ls_bool (ls_is (a, b));
  if (op == LS_CMP_NE)
    return ls_bool (!ls_is (a, b));
  return ls_raise (vm, LS_EXC_TYPE_ERROR, "'%s' not supported between instances of '%s' and '%s'",
                   cmp_symbols[op], ls_type_name (vm, a), ls_type_name (vm, b));
}

int
ls_eq (LsVM   *vm,
       LsValue a,
       LsValue b)
{
  LsValue r;

  if (a.tag == LS_V_INT && b.tag == LS_V_INT)
    return LS_AS_INT (a) == LS_AS_INT (b);
  if (LS_IS_OBJ (a) && LS_IS_OBJ (b))
    {
      if (LS_AS_OBJ (a) == LS_AS_OBJ (b))
        return 1;
      if (LS_AS_OBJ (a)->kind == LS_OBJ_STR && LS_AS_OBJ (b)->kind == LS_OBJ_STR
          && (LS_AS_OBJ (a)->type->hdr.flags & LS_AS_OBJ (b)->type->hdr.flags & LS_TYPE_BUILTIN))
        return ls_str_equal (LS_STR (a), LS_STR (b));
    }
  r = ls_compare (vm, a, b, LS_CMP_EQ);
  if (LS_IS_ERR (r))
    return -1;
  if (LS_IS_BOOL (r))
    return (int) LS_AS_INT (r);
  return ls_truthy (vm, r);
}

int
ls_less (LsVM   *vm,
         LsValue a,
         LsValue b)
{
  LsValue r;

  if (a.tag == LS_V_INT && b.tag == LS_V_INT)
    return LS_AS_INT (a) < LS_AS_INT (b);
  if (LS_IS_FLOAT (a) && LS_IS_FLOAT (b))
    return LS_AS_FLOAT (a) < LS_AS_FLOAT (b);
  r = ls_compare (vm, a, b, LS_CMP_LT);
  if (LS_IS_ERR (r))
    return -1;
  if (LS_IS_BOOL (r))
    return (int) LS_AS_INT (r);
  return ls_truthy (vm, r);
}

/* ---------------------------------------------------------------- hash */

static gboolean
unhashable (LsVM   *vm,
            LsValue v)
{
  ls_raise (vm, LS_EXC_TYPE_ERROR, "unhashable type: '%s'", ls_type_name (vm, v));
  return FALSE;
}

static gint64
pointer_hash (gconstpointer p)
{
  guint64 y = (guint64) (guintptr) p;

  y = (y >> 4) | (y << 60);
  return (gint64) y == -1 ? -2 : (gint64) y;
}

/* A class defining __eq__ without __hash__ is unhashable, as in CPython.
 * 1: *out set, 0: no override, -1: error or unhashable (exception set). */
static int
user_hash (LsVM    *vm,
           LsValue  v,
           gint64  *out)
{
  LsObj *o = LS_AS_OBJ (v);
  LsType *stop = override_stop (vm, o), *t;

  for (t = o->type; t != NULL && t != stop; t = t->base)
    {
      LsValue f;
      if (t->dict == NULL)
        continue;
      f = ls_dict_get_str (t->dict, LS_NAME (vm, __hash__));
      if (LS_IS_NONE (f))
        return unhashable (vm, v) ? 1 : -1;
      if (!LS_IS_UNDEF (f))
        {
          LsValue r = _ls_call_override (vm, f, v, NULL, 0);
          if (LS_IS_ERR (r))
            return -1;
          if (!LS_IS_INTLIKE (r))
            {
              ls_raise (vm, LS_EXC_TYPE_ERROR, "__hash__ method should return an integer");
              return -1;
            }
          /* CPython uses a __hash__ result that fits a hash as it is
           * (only -1 is reserved), so hash(A()) == hash('x') when
           * A.__hash__ returns hash('x'). */
          *out = LS_AS_INT (r) == -1 ? -2 : LS_AS_INT (r);
          return 1;
        }
      /* only classes written in Python lose __hash__ by defining __eq__ */
      if (!(t->hdr.flags & LS_TYPE_BUILTIN)
          && !LS_IS_UNDEF (ls_dict_get_str (t->dict, LS_NAME (vm, __eq__))))
        return unhashable (vm, v) ? 1 : -1;
    }
  return 0;
}

gboolean
ls_hash (LsVM    *vm,
         LsValue  v,
         gint64  *out)
{
  LsObj *o;
  int r;

  switch (v.tag)
    {
    case LS_V_INT: case LS_V_BOOL:
      *out = _ls_hash_int (LS_AS_INT (v));
      return TRUE;
    case LS_V_FLOAT:
      *out = _ls_hash_float (LS_AS_FLOAT (v));
      return TRUE;
    case LS_V_NONE:
      *out = 0x5f3a1c2b4d;
      return TRUE;
    case LS_V_OBJ:
      break;
    default:
      *out = 0;
      return TRUE;
    }
  o = LS_AS_OBJ (v);
  if (o->kind == LS_OBJ_STR && o->type == vm->types[LS_T_STR])
    {
      *out = ls_str_hash ((LsStr *) o);
      return TRUE;
    }
  r = user_hash (vm, v, out);
  if (r != 0)
    return r > 0;
  switch ((LsObjKind) o->kind)
    {
    case LS_OBJ_STR:
      *out = ls_str_hash ((LsStr *) o);
      return TRUE;
    case LS_OBJ_TUPLE:
      {
        gboolean ok;
        *out = _ls_tuple_hash (vm, (LsTuple *) o, &ok);
        return ok;
      }
    case LS_OBJ_SET:
      if (!ls_is_subtype (o->type, vm->types[LS_T_FROZENSET]))
        return unhashable (vm, v);
      *out = _ls_frozenset_hash ((LsSet *) o);
      return TRUE;
    case LS_OBJ_RANGE:
      *out = _ls_range_hash (vm, (LsRange *) o);
      return TRUE;
    case LS_OBJ_LIST:
    case LS_OBJ_DICT:
    case LS_OBJ_SLICE:
      return unhashable (vm, v);
    case LS_OBJ_ITER:
      {
        int what;
        if (_ls_is_dict_view (vm, v, &what) && what != 1)
          return unhashable (vm, v);
      }
      break;
    case LS_OBJ_BOUND_METHOD:
      {
        LsBoundMethod *m = (LsBoundMethod *) o;
        gint64 hs;
        if (!ls_hash (vm, m->self, &hs))
          return FALSE;
        *out = hs ^ pointer_hash (LS_IS_OBJ (m->func) ? (gpointer) LS_AS_OBJ (m->func) : NULL);
        if (*out == -1)
          *out = -2;
        return TRUE;
      }
    default:
      break;
    }
  *out = pointer_hash (o);
  return TRUE;
}

/* ------------------------------------------------------------ operators */

static const char *const binop_symbols[] = {
  "+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "|", "^", "&",
};

static inline LsStr *
binop_name (LsVM *vm, int op)
{
  return vm->names[LS_NAME___add__ + op];
}

static inline LsStr *
binop_rname (LsVM *vm, int op)
{
  return vm->names[LS_NAME___radd__ + op];
}

static inline LsStr *
binop_iname (LsVM *vm, int op)
{
  return vm->names[LS_NAME___iadd__ + op];
}

static gboolean
is_intlike_index (LsVM    *vm,
                  LsValue  v,
                  gint64  *n)
{
  if (LS_IS_INTLIKE (v))
    {
      *n = LS_AS_INT (v);
      return TRUE;
    }
  if (LS_IS_OBJ (v) && !LS_IS_STR (v) && !LS_IS_LIST (v) && !LS_IS_TUPLE (v)
      && !LS_IS_UNDEF (_ls_find_override (vm, v, LS_NAME (vm, __index__))))
    return ls_index_value (vm, v, n);
  return FALSE;
}

/* Builtin behaviour of a binary operator for non-number operands. */
static LsValue
native_binop (LsVM   *vm,
              LsValue a,
              LsValue b,
              int     op,
              gboolean inplace)
{
  LsValue r;
  gint64 n;

  /* instances of int/float subclasses that int's operators turned down */
  r = _ls_number_binop (vm, NUMBER_UNBOX (vm, a), NUMBER_UNBOX (vm, b), op);
  if (!_ls_is_not_implemented (vm, r))
    return r;
  switch (op)
    {
    case LS_BINOP_ADD:
      if (LS_IS_STR (a) && LS_IS_STR (b))
        return ls_str_concat (vm, LS_STR (a), LS_STR (b));
      if (LS_IS_LIST (a) && inplace)
        return _ls_list_extend (vm, LS_LIST (a), b) ? a : LS_ERR;
      if (LS_IS_LIST (a) && LS_IS_LIST (b))
        return _ls_list_concat (vm, LS_LIST (a), LS_LIST (b));
      if (LS_IS_TUPLE (a) && LS_IS_TUPLE (b))
        return _ls_tuple_concat (vm, LS_TUPLE (a), LS_TUPLE (b));
      break;
    case LS_BINOP_MUL:
      if ((LS_IS_STR (a) || LS_IS_LIST (a) || LS_IS_TUPLE (a)) && is_intlike_index (vm, b, &n))
        {
          if (LS_IS_STR (a))
            return _ls_str_repeat (vm, LS_STR (a), n);
          if (LS_IS_LIST (a) && inplace)
            {
              LsList *l = LS_LIST (a);
              LsValue rep = _ls_seq_repeat (vm, a, n);
              if (LS_IS_ERR (rep))
                return rep;
              l->len = 0;
              return _ls_list_extend (vm, l, rep) ? a : LS_ERR;
            }
          return _ls_seq_repeat (vm, a, n);
        }
      if ((LS_IS_STR (b) || LS_IS_LIST (b) || LS_IS_TUPLE (b)) && is_intlike_index (vm, a, &n))
        return LS_IS_STR (b) ? _ls_str_repeat (vm, LS_STR (b), n) : _ls_seq_repeat (vm, b, n);
      if (!LS_IS_UNDEF (vm->exc))
        return LS_ERR;
      break;
    case LS_BINOP_MOD:
      if (LS_IS_STR (a))
        return _ls_str_mod (vm, LS_STR (a), b);
      break;
    case LS_BINOP_BITOR:
      if (LS_IS_DICT (a) && (inplace || LS_IS_DICT (b)))
        return _ls_dict_or (vm, a, b, inplace);
      G_GNUC_FALLTHROUGH;
    case LS_BINOP_BITAND:
    case LS_BINOP_SUB:
    case LS_BINOP_BITXOR:
      if (LS_IS_SET (a) && LS_IS_SET (b))
        return _ls_set_binop (vm, a, b, op | (inplace ? LS_BINOP_INPLACE : 0));
      if (_ls_is_dict_view (vm, a, NULL) || _ls_is_dict_view (vm, b, NULL))
        return _ls_dict_view_binop (vm, a, b, op);
      break;
    default:
      break;
    }
  return vm->not_implemented;
}

static LsValue
binop_slot (LsVM   *vm,
            LsValue x,
            LsValue y,
            LsStr  *name)
{
  LsValue f = _ls_find_override (vm, x, name);

  if (LS_IS_UNDEF (f) || LS_IS_NONE (f))
    return vm->not_implemented;
  return _ls_call_override (vm, f, x, &y, 1);
}

static LsValue
binop_error (LsVM   *vm,
             LsValue a,
             LsValue b,
             int     op,
             gboolean inplace)
{
  const char *ta = ls_type_name (vm, a), *tb = ls_type_name (vm, b);

  if (op == LS_BINOP_ADD && (LS_IS_STR (a) || LS_IS_LIST (a) || LS_IS_TUPLE (a)))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "can only concatenate %s (not \"%s\") to %s",
                     LS_IS_STR (a) ? "str" : LS_IS_LIST (a) ? "list" : "tuple", tb,
                     LS_IS_STR (a) ? "str" : LS_IS_LIST (a) ? "list" : "tuple");
  if (op == LS_BINOP_MUL && (LS_IS_STR (a) || LS_IS_LIST (a) || LS_IS_TUPLE (a)))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "can't multiply sequence by non-int of type '%s'", tb);
  if (op == LS_BINOP_MUL && (LS_IS_STR (b) || LS_IS_LIST (b) || LS_IS_TUPLE (b)))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "can't multiply sequence by non-int of type '%s'", ta);
  if (op == LS_BINOP_POW)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "unsupported operand type(s) for %s: '%s' and '%s'",
                     inplace ? "**=" : "** or pow()", ta, tb);
  return ls_raise (vm, LS_EXC_TYPE_ERROR, "unsupported operand type(s) for %s%s: '%s' and '%s'",
                   binop_symbols[op], inplace ? "=" : "", ta, tb);
}

LsValue
ls_binary_op (LsVM   *vm,
              LsValue a,
              LsValue b,
              int     op)
{
  gboolean inplace = (op & LS_BINOP_INPLACE) != 0;
  LsType *ta, *tb;
  LsValue r;
  gboolean reflected_done = FALSE;

  op &= ~LS_BINOP_INPLACE;
  if (a.tag == LS_V_INT && b.tag == LS_V_INT)
    {
      gint64 x = LS_AS_INT (a), y = LS_AS_INT (b), z;
      switch (op)
        {
        case LS_BINOP_ADD:
          if (!__builtin_add_overflow (x, y, &z))
            return ls_int (z);
          break;
        case LS_BINOP_SUB:
          if (!__builtin_sub_overflow (x, y, &z))
            return ls_int (z);
          break;
        case LS_BINOP_MUL:
          if (!__builtin_mul_overflow (x, y, &z))
            return ls_int (z);
          break;
        default:
          break;
        }
      return _ls_number_binop (vm, a, b, op);
    }
  if (!LS_IS_OBJ (a) && !LS_IS_OBJ (b))
    {
      r = _ls_number_binop (vm, a, b, op);
      if (!_ls_is_not_implemented (vm, r))
        return r;
      return binop_error (vm, a, b, op, inplace);
    }

  if (inplace)
    {
      r = binop_slot (vm, a, b, binop_iname (vm, op));
      if (LS_IS_ERR (r) || !_ls_is_not_implemented (vm, r))
        return r;
    }
  ta = ls_typeof (vm, a);
  tb = ls_typeof (vm, b);
  if (ta != tb && ls_is_subtype (tb, ta)
      && !LS_IS_UNDEF (_ls_find_override (vm, b, binop_rname (vm, op))))
    {
      reflected_done = TRUE;
      r = binop_slot (vm, b, a, binop_rname (vm, op));
      if (LS_IS_ERR (r) || !_ls_is_not_implemented (vm, r))
        return r;
    }
  r = binop_slot (vm, a, b, binop_name (vm, op));
  if (LS_IS_ERR (r) || !_ls_is_not_implemented (vm, r))
    return r;
  r = native_binop (vm, a, b, op, inplace);
  if (LS_IS_ERR (r) || !_ls_is_not_implemented (vm, r))
    return r;
  if (!reflected_done && ta != tb)
    {
      r = binop_slot (vm, b, a, binop_rname (vm, op));
      if (LS_IS_ERR (r) || !_ls_is_not_implemented (vm, r))
        return r;
    }
  return binop_error (vm, a, b, op, inplace);
}

LsValue
ls_unary_op (LsVM          *vm,
             LsValue        v,
             LsUnaryOpKind  op)
{
  static const char *const symbols[] = { "not", "-", "+", "~" };
  LsStr *name;
  LsValue r;
  int t;

  switch (op)
    {
    case LS_UNARY_NOT:
      t = ls_truthy (vm, v);
      return t < 0 ? LS_ERR : ls_bool (!t);
    case LS_UNARY_NEG:
      if (LS_IS_INTLIKE (v))
        {
          if (LS_AS_INT (v) == G_MININT64)
            return _ls_int_overflow (vm);
          return ls_int (-LS_AS_INT (v));
        }
      if (LS_IS_FLOAT (v))
        return ls_float (-LS_AS_FLOAT (v));
      name = LS_NAME (vm, __neg__);
      break;
    case LS_UNARY_POS:
      if (LS_IS_INTLIKE (v))
        return ls_int (LS_AS_INT (v));
      if (LS_IS_FLOAT (v))
        return v;
      name = LS_NAME (vm, __pos__);
      break;
    case LS_UNARY_INVERT:
      if (LS_IS_INTLIKE (v))
        return ls_int (~LS_AS_INT (v));
      name = LS_NAME (vm, __invert__);
      break;
    default:
      return ls_raise (vm, LS_EXC_SYSTEM_EXIT, "bad unary operator");
    }
  r = call_dunder (vm, v, name, NULL, 0);
  if (!LS_IS_UNDEF (r) || !LS_IS_UNDEF (vm->exc))
    return r;
  return ls_raise (vm, LS_EXC_TYPE_ERROR, "bad operand type for unary %s: '%s'", symbols[op],
                   ls_type_name (vm, v));
}

/* ---------------------------------------------------------------- `in` */

static int
seq_contains (LsVM   *vm,
              LsValue seq,
              LsValue item)
{
  gsize n, i;

  for (i = 0;; i++)
    {
      const LsValue *items = _ls_seq_items (seq, &n);
      int eq;
      if (i >= n)
        return 0;
      eq = ls_eq (vm, items[i], item);
      if (eq != 0)
        return eq;
    }
}

int
ls_contains (LsVM   *vm,
             LsValue container,
             LsValue item)
{
  LsValue r, it, v;
  LsObj *o;
  int res;

  if (LS_OBJ_IS (container, LS_OBJ_TYPE))
    {
      r = class_hook (vm, container, "__class_contains__", &item, 1);
      if (!LS_IS_UNDEF (r))
        return LS_IS_ERR (r) ? -1 : ls_truthy (vm, r);
      if (!LS_IS_UNDEF (vm->exc))
        return -1;
    }
  if (!LS_IS_OBJ (container))
    goto not_iterable;
  o = LS_AS_OBJ (container);
  if (o->type->hdr.flags & LS_TYPE_BUILTIN)
    switch ((LsObjKind) o->kind)
      {
      case LS_OBJ_DICT:
        if (o->type == vm->types[LS_T_DICT])
          return ls_dict_lookup (vm, (LsDict *) o, item, NULL);
        break;
      case LS_OBJ_SET:
        return ls_set_contains (vm, (LsSet *) o, item);
      case LS_OBJ_LIST:
      case LS_OBJ_TUPLE:
        return seq_contains (vm, container, item);
      case LS_OBJ_STR:
        if (!LS_IS_STR (item))
          {
            ls_raise (vm, LS_EXC_TYPE_ERROR, "'in <string>' requires string as left operand, not %s",
                      ls_type_name (vm, item));
            return -1;
          }
        return _ls_str_contains ((LsStr *) o, LS_STR (item));
      default:
        break;
      }
  r = call_dunder (vm, container, LS_NAME (vm, __contains__), &item, 1);
  if (!LS_IS_UNDEF (r))
    return LS_IS_ERR (r) ? -1 : ls_truthy (vm, r);
  if (!LS_IS_UNDEF (vm->exc))
    return -1;
  switch ((LsObjKind) o->kind)
    {
    case LS_OBJ_DICT:
      return ls_dict_lookup (vm, (LsDict *) o, item, NULL);
    case LS_OBJ_SET:
      return ls_set_contains (vm, (LsSet *) o, item);
    case LS_OBJ_LIST:
    case LS_OBJ_TUPLE:
      if (LS_IS_UNDEF (_ls_find_override (vm, container, LS_NAME (vm, __iter__))))
        return seq_contains (vm, container, item);
      break;
    case LS_OBJ_STR:
      if (LS_IS_STR (item))
        return _ls_str_contains ((LsStr *) o, LS_STR (item));
      ls_raise (vm, LS_EXC_TYPE_ERROR, "'in <string>' requires string as left operand, not %s",
                ls_type_name (vm, item));
      return -1;
    case LS_OBJ_RANGE:
      return _ls_range_contains (vm, (LsRange *) o, item);
    case LS_OBJ_ITER:
      if (_ls_is_dict_view (vm, container, NULL))
        return _ls_dict_view_contains (vm, container, item);
      break;
    default:
      break;
    }
  it = ls_get_iter (vm, container);
  if (LS_IS_ERR (it))
    {
      if (!ls_exc_pending_is (vm, LS_EXC_TYPE_ERROR))
        return -1;
      ls_exc_clear (vm);
      goto not_iterable;
    }
  while ((res = ls_iter_next (vm, it, &v)) > 0)
    {
      int eq = ls_eq (vm, v, item);
      if (eq != 0)
        return eq;
    }
  return res;

not_iterable:
  ls_raise (vm, LS_EXC_TYPE_ERROR, "argument of type '%s' is not iterable",
            ls_type_name (vm, container));
  return -1;
}

/* ------------------------------------------------------------ subscripts */

static LsValue
type_getitem (LsVM   *vm,
              LsValue type,
              LsValue key)
{
  LsType *t = (LsType *) LS_AS_OBJ (type);
  LsValue f = ls_type_lookup (t, LS_NAME (vm, __class_getitem__));

  if (!LS_IS_UNDEF (f))
    {
      if (LS_OBJ_IS (f, LS_OBJ_WRAPPER))
        f = ((LsWrapper *) LS_AS_OBJ (f))->func;
      if (LS_OBJ_IS (f, LS_OBJ_NATIVE))
        return ((LsNative *) LS_AS_OBJ (f))->fn (vm, type, &key, 1, NULL);
      {
        LsValue argv[2] = { type, key };
        return ls_call (vm, f, argv, 2, NULL);
      }
    }
  /* generic aliases (list[int], dict[str, int]) stand for the class itself */
  if (t == vm->types[LS_T_LIST] || t == vm->types[LS_T_DICT] || t == vm->types[LS_T_TUPLE]
      || t == vm->types[LS_T_SET] || t == vm->types[LS_T_FROZENSET] || t == vm->types[LS_T_TYPE])
    return type;
  return ls_raise (vm, LS_EXC_TYPE_ERROR, "type '%s' is not subscriptable", t->name->data);
}

LsValue
ls_getitem (LsVM   *vm,
            LsValue obj,
            LsValue key)
{
  LsObj *o;
  LsValue r;

  if (!LS_IS_OBJ (obj))
    goto not_subscriptable;
  o = LS_AS_OBJ (obj);
  if (o->kind == LS_OBJ_LIST && o->type == vm->types[LS_T_LIST] && LS_IS_INT (key))
    {
      LsList *l = (LsList *) o;
      gint64 i = LS_AS_INT (key);
      if (i < 0)
        i += l->len;
      if (i >= 0 && (guint64) i < l->len)
        return l->items[i];
      return ls_raise (vm, LS_EXC_INDEX_ERROR, "list index out of range");
    }
  if (!(o->type->hdr.flags & LS_TYPE_BUILTIN) || o->kind == LS_OBJ_INSTANCE || o->kind == LS_OBJ_CDATA)
    {
      r = call_dunder (vm, obj, LS_NAME (vm, __getitem__), &key, 1);
      if (!LS_IS_UNDEF (r) || !LS_IS_UNDEF (vm->exc))
        return r;
    }
  switch ((LsObjKind) o->kind)
    {
    case LS_OBJ_LIST: return _ls_list_getitem (vm, (LsList *) o, key);
    case LS_OBJ_TUPLE: return _ls_tuple_getitem (vm, (LsTuple *) o, key);
    case LS_OBJ_STR: return _ls_str_getitem (vm, (LsStr *) o, key);
    case LS_OBJ_DICT: return _ls_dict_getitem (vm, obj, key);
    case LS_OBJ_RANGE: return _ls_range_getitem (vm, (LsRange *) o, key);
    case LS_OBJ_TYPE: return type_getitem (vm, obj, key);
    default: break;
    }
  if (o->type->hdr.flags & LS_TYPE_BUILTIN)
    {
      r = call_dunder (vm, obj, LS_NAME (vm, __getitem__), &key, 1);
      if (!LS_IS_UNDEF (r) || !LS_IS_UNDEF (vm->exc))
        return r;
    }
not_subscriptable:
  return ls_raise (vm, LS_EXC_TYPE_ERROR, "'%s' object is not subscriptable", ls_type_name (vm, obj));
}

int
ls_setitem (LsVM   *vm,
            LsValue obj,
            LsValue key,
            LsValue value)
{
  LsObj *o;
  LsValue r, args[2] = { key, value };

  if (!LS_IS_OBJ (obj))
    goto unsupported;
  o = LS_AS_OBJ (obj);
  if (o->type == vm->types[LS_T_LIST])
    return _ls_list_setitem (vm, (LsList *) o, key, value);
  if (o->type == vm->types[LS_T_DICT])
    return ls_dict_set (vm, (LsDict *) o, key, value);
  r = call_dunder (vm, obj, LS_NAME (vm, __setitem__), args, 2);
  if (!LS_IS_UNDEF (r))
    return LS_IS_ERR (r) ? -1 : 0;
  if (!LS_IS_UNDEF (vm->exc))
    return -1;
  if (o->kind == LS_OBJ_LIST)
    return _ls_list_setitem (vm, (LsList *) o, key, value);
  if (o->kind == LS_OBJ_DICT)
    return ls_dict_set (vm, (LsDict *) o, key, value);
unsupported:
  ls_raise (vm, LS_EXC_TYPE_ERROR, "'%s' object does not support item assignment",
            ls_type_name (vm, obj));
  return -1;
}

int
ls_delitem (LsVM   *vm,
            LsValue obj,
            LsValue key)
{
  LsObj *o;
  LsValue r;
  int res;

  if (!LS_IS_OBJ (obj))
    goto unsupported;
  o = LS_AS_OBJ (obj);
  if (o->type != vm->types[LS_T_LIST] && o->type != vm->types[LS_T_DICT])
    {
      r = call_dunder (vm, obj, LS_NAME (vm, __delitem__), &key, 1);
      if (!LS_IS_UNDEF (r))
        return LS_IS_ERR (r) ? -1 : 0;
      if (!LS_IS_UNDEF (vm->exc))
        return -1;
    }
  if (o->kind == LS_OBJ_LIST)
    return _ls_list_delitem (vm, (LsList *) o, key);
  if (o->kind == LS_OBJ_DICT)
    {
      res = ls_dict_del (vm, (LsDict *) o, key);
      if (res == 0)
        ls_raise_key_error (vm, key);
      return res > 0 ? 0 : -1;
    }
unsupported:
  ls_raise (vm, LS_EXC_TYPE_ERROR, "'%s' object doesn't support item deletion",
            ls_type_name (vm, obj));
  return -1;
}

/* ------------------------------------------------------------ iteration */

LsIter *
_ls_iter_alloc (LsVM        *vm,
                LsType      *type,
                LsIterNextFn next,
                LsValue      a)
{
  LsIter *it = ls_gc_alloc (vm, LS_OBJ_ITER, type != NULL ? type : vm->types[LS_T_ITERATOR],
                            sizeof (LsIter));

  it->next = next;
  it->a = a;
  it->b = LS_UNDEF;
  it->c = LS_UNDEF;
  it->i = 0;
  it->n = 0;
  it->version = 0;
  return it;
}

LsIter *
ls_iter_new (LsVM        *vm,
             LsType      *type,
             LsIterNextFn next)
{
  return _ls_iter_alloc (vm, type, next, LS_UNDEF);
}

/* iteration through __getitem__(0), __getitem__(1)... until IndexError */
static int
seq_iter_next (LsVM    *vm,
               LsIter  *it,
               LsValue *out)
{
  LsValue r;

  if (!LS_IS_OBJ (it->a))
    return 0;
  r = ls_getitem (vm, it->a, ls_int (it->i));
  if (LS_IS_ERR (r))
    {
      if (ls_exc_pending_is (vm, LS_EXC_INDEX_ERROR) || ls_exc_pending_is (vm, LS_EXC_STOP_ITERATION))
        {
          ls_exc_clear (vm);
          it->a = LS_NONE;
          return 0;
        }
      return -1;
    }
  it->i++;
  *out = r;
  return 1;
}

static gboolean
is_iterator (LsVM   *vm,
             LsValue v)
{
  if (LS_OBJ_IS (v, LS_OBJ_ITER))
    return LS_ITER (v)->next != NULL;
  if (LS_OBJ_IS (v, LS_OBJ_GENERATOR))
    return LS_AS_OBJ (v)->type == vm->types[LS_T_GENERATOR];
  return !LS_IS_UNDEF (_ls_find_override (vm, v, LS_NAME (vm, __next__)));
}

LsValue
ls_get_iter (LsVM   *vm,
             LsValue v)
{
  LsObj *o;
  LsValue r;

  if (!LS_IS_OBJ (v))
    goto not_iterable;
  o = LS_AS_OBJ (v);
  if (o->kind == LS_OBJ_TYPE)
    {
      r = class_hook (vm, v, "__class_iter__", NULL, 0);
      if (!LS_IS_UNDEF (r) || !LS_IS_UNDEF (vm->exc))
        return r;
    }
  if (o->type->hdr.flags & LS_TYPE_BUILTIN)
    switch ((LsObjKind) o->kind)
      {
      case LS_OBJ_LIST:
        if (o->type == vm->types[LS_T_LIST])
          return _ls_list_iter (vm, (LsList *) o);
        break;
      case LS_OBJ_TUPLE:
        if (o->type == vm->types[LS_T_TUPLE])
          return _ls_tuple_iter (vm, (LsTuple *) o);
        break;
      case LS_OBJ_RANGE:
        return _ls_range_iter (vm, (LsRange *) o);
      case LS_OBJ_ITER:
        if (((LsIter *) o)->next != NULL)
          return v;
        if (_ls_is_dict_view (vm, v, NULL))
          return _ls_dict_iter (vm, LS_DICT (((LsIter *) o)->a), (int) LS_AS_INT (((LsIter *) o)->b));
        break;
      default:
        break;
      }
  r = call_dunder (vm, v, LS_NAME (vm, __iter__), NULL, 0);
  if (!LS_IS_UNDEF (r))
    {
      if (LS_IS_ERR (r) || is_iterator (vm, r))
        return r;
      return ls_raise (vm, LS_EXC_TYPE_ERROR, "iter() returned non-iterator of type '%s'",
                       ls_type_name (vm, r));
    }
  if (!LS_IS_UNDEF (vm->exc))
    return LS_ERR;
  switch ((LsObjKind) o->kind)
    {
    case LS_OBJ_LIST: return _ls_list_iter (vm, (LsList *) o);
    case LS_OBJ_TUPLE: return _ls_tuple_iter (vm, (LsTuple *) o);
    case LS_OBJ_STR: return _ls_str_iter (vm, (LsStr *) o);
    case LS_OBJ_DICT: return _ls_dict_iter (vm, (LsDict *) o, 0);
    case LS_OBJ_SET: return _ls_set_iter (vm, (LsSet *) o);
    case LS_OBJ_RANGE: return _ls_range_iter (vm, (LsRange *) o);
    case LS_OBJ_GENERATOR:
      if (o->type == vm->types[LS_T_GENERATOR])
        return v;
      break;
    case LS_OBJ_ITER:
      if (((LsIter *) o)->next != NULL)
        return v;
      break;
    default:
      break;
    }
  if (!LS_IS_UNDEF (_ls_find_override (vm, v, LS_NAME (vm, __getitem__))))
    return ls_obj (_ls_iter_alloc (vm, LS_ITER_TYPE (vm, SEQ), seq_iter_next, v));
not_iterable:
  return ls_raise (vm, LS_EXC_TYPE_ERROR, "'%s' object is not iterable", ls_type_name (vm, v));
}

int
ls_iter_next (LsVM    *vm,
              LsValue  iter,
              LsValue *out)
{
  LsValue r;

  if (LS_OBJ_IS (iter, LS_OBJ_ITER) && LS_ITER (iter)->next != NULL)
    return LS_ITER (iter)->next (vm, LS_ITER (iter), out);
  if (LS_OBJ_IS (iter, LS_OBJ_GENERATOR) && LS_AS_OBJ (iter)->type == vm->types[LS_T_GENERATOR])
    return ls_generator_next (vm, iter, out);
  r = call_dunder (vm, iter, LS_NAME (vm, __next__), NULL, 0);
  if (LS_IS_ERR (r))
    {
      if (LS_IS_UNDEF (vm->exc))
        {
          ls_raise (vm, LS_EXC_TYPE_ERROR, "'%s' object is not an iterator", ls_type_name (vm, iter));
          return -1;
        }
      if (ls_exc_pending_is (vm, LS_EXC_STOP_ITERATION))
        {
          ls_exc_clear (vm);
          return 0;
        }
      return -1;
    }
  *out = r;
  return 1;
}

LsList *
ls_list_from_iterable (LsVM   *vm,
                       LsValue iterable)
{
  LsList *l;
  LsValue it, v;
  int r;

  if (LS_IS_OBJ (iterable) && (LS_AS_OBJ (iterable)->type == vm->types[LS_T_LIST]
                               || LS_AS_OBJ (iterable)->type == vm->types[LS_T_TUPLE]))
    {
      gsize n;
      const LsValue *items = _ls_seq_items (iterable, &n);
      l = ls_list_from (vm, items, n);
      return LS_IS_UNDEF (vm->exc) ? l : NULL;
    }
  it = ls_get_iter (vm, iterable);
  if (LS_IS_ERR (it))
    return NULL;
  l = ls_list_new (vm, 0);
  while ((r = ls_iter_next (vm, it, &v)) > 0)
    {
      ls_list_append (vm, l, v);
      if (G_UNLIKELY (!LS_IS_UNDEF (vm->exc)))
        return NULL;
    }
  return r == 0 ? l : NULL;
}

gboolean
ls_index_value (LsVM    *vm,
                LsValue  v,
                gint64  *out)
{
  LsValue r;

  if (LS_IS_INTLIKE (v))
    {
      *out = LS_AS_INT (v);
      return TRUE;
    }
  r = call_dunder (vm, v, LS_NAME (vm, __index__), NULL, 0);
  if (!LS_IS_UNDEF (r))
    {
      if (LS_IS_ERR (r))
        return FALSE;
      if (!LS_IS_INTLIKE (r))
        {
          ls_raise (vm, LS_EXC_TYPE_ERROR, "__index__ returned non-int (type %s)", ls_type_name (vm, r));
          return FALSE;
        }
      *out = LS_AS_INT (r);
      return TRUE;
    }
  if (!LS_IS_UNDEF (vm->exc))
    return FALSE;
  ls_raise (vm, LS_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
            ls_type_name (vm, v));
  return FALSE;
}

/* ---------------------------------------------------- native iterator types */

static LsValue
iter_dunder_iter (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return self;
}

static LsValue
iter_dunder_next (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsValue v;
  int r = ls_iter_next (vm, self, &v);

  if (r > 0)
    return v;
  if (r == 0)
    return ls_raise_value (vm, ls_obj (vm->exc_types[LS_EXC_STOP_ITERATION]));
  return LS_ERR;
}

LsType *
_ls_iter_type_new (LsVM       *vm,
                   const char *name)
{
  LsType *t = ls_type_new_builtin (vm, name, NULL, LS_OBJ_ITER);

  t->hdr.flags &= ~LS_TYPE_BASETYPE;
  ls_type_add_method (vm, t, "__iter__", iter_dunder_iter);
  ls_type_add_method (vm, t, "__next__", iter_dunder_next);
  return t;
}

/* Getters are stored as property(fget=native); the native's data carries
 * the C function, and the property passes the object as the argument. */
static LsValue
getter_trampoline (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsNativeFn fn = (LsNativeFn) (guintptr) LS_AS_INT (self);

  if (nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "getter expected 1 argument, got %d", nargs);
  return fn (vm, args[0], NULL, 0, NULL);
}

void
_ls_type_add_getter (LsVM       *vm,
                     LsType     *type,
                     const char *name,
                     LsNativeFn  fn)
{
  LsProperty *p = ls_gc_alloc (vm, LS_OBJ_PROPERTY, vm->types[LS_T_PROPERTY], sizeof (LsProperty));

  p->fget = ls_native_new (vm, name, getter_trampoline, ls_int ((gint64) (guintptr) fn));
  p->fset = LS_NONE;
  p->fdel = LS_NONE;
  p->doc = LS_NONE;
  ls_dict_set_cstr (vm, type->dict, name, ls_obj (p));
}

static void
mark_iter_types (LsVM    *vm,
                 gpointer user_data)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (vm->iter_types); i++)
    ls_gc_mark_obj (vm, vm->iter_types[i]);
}

void
_ls_ops_init (LsVM *vm)
{
  ls_gc_add_roots (vm, mark_iter_types, NULL);
  if (LS_ITER_TYPE (vm, SEQ) == NULL)
    LS_ITER_TYPE (vm, SEQ) = _ls_iter_type_new (vm, "iterator");
  if (LS_ITER_TYPE (vm, CALLABLE) == NULL)
    LS_ITER_TYPE (vm, CALLABLE) = _ls_iter_type_new (vm, "callable_iterator");
}
