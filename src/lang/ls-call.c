/* ls-call.c: calling any callable from C, argument binding with CPython's
 * TypeErrors, class calls, and argument parsing for natives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ls-vm-private.h"
#include "ls-types-private.h"

#define LS_CODE_GENLIKE (LS_CODE_GENERATOR | LS_CODE_COROUTINE | LS_CODE_ASYNC_GENERATOR)

/* ------------------------------------------------------- argument binding */

static const char *
func_qualname (LsFunction *func)
{
  return ls_str_cstr (func->qualname ? func->qualname : func->code->qualname);
}

static int
find_param (LsCode *code,
            LsStr  *name,
            int     from,
            int     to)
{
  for (int j = from; j < to; j++)
    if (code->varnames[j] == name)
      return j;
  for (int j = from; j < to; j++)
    if (ls_str_equal (code->varnames[j], name))
      return j;
  return -1;
}

/* 'a' / 'a' and 'b' / 'a', 'b', and 'c' */
static void
append_name_list (GString  *out,
                  GPtrArray *names)
{
  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (out, names->len == 2 ? " and " : i + 1 == names->len ? ", and " : ", ");
      g_string_append_printf (out, "'%s'", (const char *) names->pdata[i]);
    }
}

static void
raise_missing (LsVM       *vm,
               LsFunction *func,
               LsValue    *locals,
               int         start,
               int         end,
               const char *kind)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GString) msg = g_string_new (NULL);

  for (int i = start; i < end; i++)
    if (LS_IS_UNDEF (locals[i]))
      g_ptr_array_add (names, (gpointer) ls_str_cstr (func->code->varnames[i]));
  g_string_append_printf (msg, "%s() missing %u required %s argument%s: ", func_qualname (func),
                          names->len, kind, names->len == 1 ? "" : "s");
  append_name_list (msg, names);
  ls_raise (vm, LS_EXC_TYPE_ERROR, "%s", msg->str);
}

static void
raise_too_many_positional (LsVM       *vm,
                           LsFunction *func,
                           LsValue    *locals,
                           int         given)
{
  LsCode *code = func->code;
  int defcount = func->defaults ? (int) func->defaults->len : 0;
  int kwonly_given = 0;
  gboolean plural;
  g_autofree char *sig = NULL;
  g_autofree char *kwonly_sig = NULL;

  for (int i = code->argcount; i < code->argcount + code->kwonlyargcount; i++)
    if (!LS_IS_UNDEF (locals[i]))
      kwonly_given++;
  if (defcount > 0)
    {
      plural = TRUE;
      sig = g_strdup_printf ("from %d to %d", code->argcount - defcount, code->argcount);
    }
  else
    {
      plural = code->argcount != 1;
      sig = g_strdup_printf ("%d", code->argcount);
    }
  if (kwonly_given > 0)
    kwonly_sig = g_strdup_printf (" positional argument%s (and %d keyword-only argument%s)",
                                  given != 1 ? "s" : "", kwonly_given, kwonly_given != 1 ? "s" : "");
  ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() takes %s positional argument%s but %d%s %s given",
            func_qualname (func), sig, plural ? "s" : "", given, kwonly_sig ? kwonly_sig : "",
            given == 1 && kwonly_given == 0 ? "was" : "were");
}

static gboolean
raise_bad_keyword (LsVM       *vm,
                   LsFunction *func,
                   LsStr      *name,
                   LsTuple    *kwnames)
{
  LsCode *code = func->code;
  g_autoptr (GString) posonly = g_string_new (NULL);

  /* Positional-only parameters passed by keyword get their own message. */
  for (gsize k = 0; k < kwnames->len; k++)
    {
      LsStr *kn = (LsStr *) LS_AS_OBJ (kwnames->items[k]);
      if (find_param (code, kn, 0, code->posonlyargcount) >= 0)
        {
          if (posonly->len > 0)
            g_string_append (posonly, ", ");
          g_string_append (posonly, ls_str_cstr (kn));
        }
    }
  if (posonly->len > 0)
    ls_raise (vm, LS_EXC_TYPE_ERROR,
              "%s() got some positional-only arguments passed as keyword arguments: '%s'",
              func_qualname (func), posonly->str);
  else
    ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() got an unexpected keyword argument '%s'",
              func_qualname (func), ls_str_cstr (name));
  return FALSE;
}

gboolean
_ls_bind_args (LsVM          *vm,
               LsFunction    *func,
               LsFrame       *frame,
               LsValue        self,
               const LsValue *args,
               int            nargs,
               LsTuple       *kwnames)
{
  LsCode *code = func->code;
  LsValue *locals = frame->slots;
  int total_args = code->argcount + code->kwonlyargcount;
  int has_self = !LS_IS_UNDEF (self);
  int n = nargs + has_self;
  int n_copy = MIN (n, code->argcount);
  LsDict *kwdict = NULL;
  int nkw = kwnames ? (int) kwnames->len : 0;

  /* Fast path: exact positional call, no defaults needed. */
  if (nkw == 0 && n == code->argcount && code->kwonlyargcount == 0
      && !(code->flags & (LS_CODE_VARARGS | LS_CODE_VARKEYWORDS)))
    {
      if (has_self)
        locals[0] = self;
      ls_copy_values (locals + has_self, args, (gsize) nargs);
      return TRUE;
    }

  if (code->flags & LS_CODE_VARKEYWORDS)
    {
      kwdict = ls_dict_new (vm);
      locals[total_args + ((code->flags & LS_CODE_VARARGS) ? 1 : 0)] = ls_obj (kwdict);
    }

  for (int j = 0; j < n_copy; j++)
    locals[j] = (has_self && j == 0) ? self : args[j - has_self];

  if (code->flags & LS_CODE_VARARGS)
    {
      if (n > n_copy)
        {
          LsTuple *t = ls_tuple_new (vm, (gsize) (n - n_copy));
          for (int j = n_copy; j < n; j++)
            t->items[j - n_copy] = (has_self && j == 0) ? self : args[j - has_self];
          locals[total_args] = ls_obj (t);
        }
      else
        locals[total_args] = vm->empty_tuple;
    }

  for (int k = 0; k < nkw; k++)
    {
      LsStr *name = (LsStr *) LS_AS_OBJ (kwnames->items[k]);
      LsValue value = args[nargs + k];
      int j = find_param (code, name, code->posonlyargcount, total_args);

      if (j < 0)
        {
          if (kwdict == NULL)
            return raise_bad_keyword (vm, func, name, kwnames);
          ls_dict_set_str (vm, kwdict, name, value);
          continue;
        }
      if (!LS_IS_UNDEF (locals[j]))
        {
          ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() got multiple values for argument '%s'",
                    func_qualname (func), ls_str_cstr (name));
          return FALSE;
        }
      locals[j] = value;
    }

  if (n > code->argcount && !(code->flags & LS_CODE_VARARGS))
    {
      raise_too_many_positional (vm, func, locals, n);
      return FALSE;
    }

  if (n < code->argcount)
    {
      int defcount = func->defaults ? (int) func->defaults->len : 0;
      int m = code->argcount - defcount;
      int missing = 0;

      for (int i = n; i < m; i++)
        if (LS_IS_UNDEF (locals[i]))
          missing++;
      if (missing > 0)
        {
          raise_missing (vm, func, locals, 0, m, "positional");
          return FALSE;
        }
      for (int i = n > m ? n - m : 0; i < defcount; i++)
        if (LS_IS_UNDEF (locals[m + i]))
          locals[m + i] = func->defaults->items[i];
    }

  if (code->kwonlyargcount > 0)
    {
      int missing = 0;
      for (int i = code->argcount; i < total_args; i++)
        {
          LsValue def = LS_UNDEF;
          if (!LS_IS_UNDEF (locals[i]))
            continue;
          if (func->kwdefaults != NULL)
            def = ls_dict_get_str (func->kwdefaults, code->varnames[i]);
          if (!LS_IS_UNDEF (def))
            locals[i] = def;
          else
            missing++;
        }
      if (missing > 0)
        {
          raise_missing (vm, func, locals, code->argcount, total_args, "keyword-only");
          return FALSE;
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------ calls */

LsValue
_ls_call_function (LsVM          *vm,
                   LsFunction    *func,
                   LsValue        self,
                   const LsValue *args,
                   int            nargs,
                   LsTuple       *kwnames)
{
  LsCode *code = func->code;
  gboolean genlike = (code->flags & LS_CODE_GENLIKE) != 0;
  LsFrame *frame = _ls_frame_new (vm, code, func, func->globals, NULL, genlike);

  if (!_ls_bind_args (vm, func, frame, self, args, nargs, kwnames))
    {
      _ls_frame_release (vm, frame);
      return LS_ERR;
    }
  _ls_frame_init_cells (vm, frame);
  if (genlike)
    return _ls_gen_new (vm, func, frame);
  return _ls_vm_run_frame (vm, frame);
}

LsValue
_ls_call_native (LsVM          *vm,
                 LsNative      *nat,
                 const LsValue *args,
                 int            nargs,
                 LsTuple       *kwnames)
{
  LsValue self;
  LsValue r;

  if (!LS_IS_UNDEF (nat->self))
    self = nat->self;
  else if (nat->hdr.flags & (LS_NATIVE_METHOD | LS_NATIVE_CLASS))
    {
      const char *owner = nat->owner ? ls_str_cstr (nat->owner->name) : "object";
      if (nargs < 1)
        return ls_raise (vm, LS_EXC_TYPE_ERROR, "unbound method %s.%s() needs an argument",
                         owner, nat->name);
      self = args[0];
      if (nat->owner != NULL)
        {
          gboolean ok = (nat->hdr.flags & LS_NATIVE_CLASS)
            ? LS_OBJ_IS (self, LS_OBJ_TYPE) && ls_is_subtype ((LsType *) LS_AS_OBJ (self), nat->owner)
            : ls_isinstance (vm, self, nat->owner);
          if (!ok)
            return ls_raise (vm, LS_EXC_TYPE_ERROR,
                             "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                             nat->name, owner, ls_type_name (vm, self));
        }
      args++;
      nargs--;
    }
  else
    self = nat->data;
  r = nat->fn (vm, self, args, nargs, kwnames);
  if (LS_IS_ERR (r) && LS_IS_UNDEF (vm->exc) && !vm->st->hostcall_requested)
    ls_raise (vm, LS_EXC_RUNTIME_ERROR, "%s() returned NULL without setting an exception", nat->name);
  return r;
}

static LsValue
call_with_self (LsVM          *vm,
                LsValue        callable,
                LsValue        self,
                const LsValue *args,
                int            nargs,
                LsTuple       *kwnames)
{
  int total = nargs + (kwnames ? (int) kwnames->len : 0);
  LsValue small[8];
  LsValue *buf = total + 1 <= (int) G_N_ELEMENTS (small) ? small : g_new (LsValue, total + 1);
  LsValue r;

  if (LS_OBJ_IS (callable, LS_OBJ_FUNCTION))
    r = _ls_call_function (vm, (LsFunction *) LS_AS_OBJ (callable), self, args, nargs, kwnames);
  else if (LS_OBJ_IS (callable, LS_OBJ_NATIVE)
           && LS_IS_UNDEF (((LsNative *) LS_AS_OBJ (callable))->self)
           && (LS_AS_OBJ (callable)->flags & LS_NATIVE_METHOD))
    r = ((LsNative *) LS_AS_OBJ (callable))->fn (vm, self, args, nargs, kwnames);
  else
    {
      buf[0] = self;
      ls_copy_values (buf + 1, args, (gsize) total);
      r = ls_call (vm, callable, buf, nargs + 1, kwnames);
    }
  if (buf != small)
    g_free (buf);
  return r;
}

LsValue
ls_call (LsVM          *vm,
         LsValue        callable,
         const LsValue *args,
         int            nargs,
         LsTuple       *kwnames)
{
  if (LS_IS_OBJ (callable))
    {
      switch (callable.u.o->kind)
        {
        case LS_OBJ_NATIVE:
          return _ls_call_native (vm, (LsNative *) callable.u.o, args, nargs, kwnames);
        case LS_OBJ_FUNCTION:
          return _ls_call_function (vm, (LsFunction *) callable.u.o, LS_UNDEF, args, nargs, kwnames);
        case LS_OBJ_BOUND_METHOD:
          {
            LsBoundMethod *bm = (LsBoundMethod *) callable.u.o;
            return call_with_self (vm, bm->func, bm->self, args, nargs, kwnames);
          }
        case LS_OBJ_TYPE:
          return _ls_type_call (vm, (LsType *) callable.u.o, args, nargs, kwnames);
        default:
          {
            LsValue call = ls_type_lookup (ls_typeof (vm, callable), LS_NAME (vm, __call__));
            if (!LS_IS_UNDEF (call))
              {
                if (LS_OBJ_IS (call, LS_OBJ_FUNCTION) || LS_OBJ_IS (call, LS_OBJ_NATIVE))
                  return call_with_self (vm, call, callable, args, nargs, kwnames);
                call = _ls_bind_descriptor (vm, call, callable, ls_typeof (vm, callable));
                if (LS_IS_ERR (call))
                  return call;
                return ls_call (vm, call, args, nargs, kwnames);
              }
          }
          break;
        }
    }
  return ls_raise (vm, LS_EXC_TYPE_ERROR, "'%s' object is not callable", ls_type_name (vm, callable));
}

LsValue
ls_call_method (LsVM          *vm,
                LsValue        obj,
                LsStr         *name,
                const LsValue *args,
                int            nargs)
{
  LsValue m = LS_UNDEF;

  if (!(LS_IS_OBJ (obj) && (obj.u.o->kind == LS_OBJ_TYPE || obj.u.o->kind == LS_OBJ_MODULE
                     || obj.u.o->kind == LS_OBJ_SUPER)))
    m = ls_type_lookup (ls_typeof (vm, obj), name);
  if (LS_OBJ_IS (m, LS_OBJ_FUNCTION)
      || (LS_OBJ_IS (m, LS_OBJ_NATIVE) && (m.u.o->flags & LS_NATIVE_METHOD)
          && LS_IS_UNDEF (((LsNative *) m.u.o)->self)))
    {
      LsDict *d = _ls_instance_dict (vm, obj, FALSE);
      if (d == NULL || LS_IS_UNDEF (ls_dict_get_str (d, name)))
        return call_with_self (vm, m, obj, args, nargs, NULL);
    }
  m = ls_getattr (vm, obj, name);
  if (LS_IS_ERR (m))
    return m;
  return ls_call (vm, m, args, nargs, NULL);
}

/* ------------------------------------------------------------ class calls */

static LsNativeFn
find_ctor (LsType *type)
{
  for (LsType *t = type; t != NULL; t = t->base)
    if (t->ctor != NULL)
      return t->ctor;
  return NULL;
}

/* The __init__ a class call must run: one defined by a user class in the MRO. */
static LsValue
find_user_init (LsVM   *vm,
                LsType *type)
{
  for (LsType *t = type; t != NULL; t = t->base)
    {
      LsValue v = ls_dict_get_str (t->dict, LS_NAME (vm, __init__));
      if (!LS_IS_UNDEF (v))
        return (t->hdr.flags & LS_TYPE_BUILTIN) ? LS_UNDEF : v;
    }
  return LS_UNDEF;
}

static LsValue
find_user_new (LsVM   *vm,
               LsType *type)
{
  for (LsType *t = type; t != NULL; t = t->base)
    {
      LsValue v;
      if (t->hdr.flags & LS_TYPE_BUILTIN)
        return LS_UNDEF;
      v = ls_dict_get_str (t->dict, LS_NAME (vm, __new__));
      if (!LS_IS_UNDEF (v))
        return v;
    }
  return LS_UNDEF;
}

/* Immutable builtins (and exceptions, and type) take their value in __new__,
 * so a class that only defines __init__ still hands the call's arguments to
 * the base; list, dict, set and deque fill themselves in __init__ instead. */
static gboolean
ctor_takes_value (LsVM   *vm,
                  LsType *type)
{
  switch (type->instance_kind)
    {
    case LS_OBJ_STR:
    case LS_OBJ_TUPLE:
    case LS_OBJ_EXCEPTION:
    case LS_OBJ_TYPE:
      return TRUE;
    case LS_OBJ_SET:
      return ls_is_subtype (type, vm->types[LS_T_FROZENSET]);
    case LS_OBJ_INSTANCE:
      return _ls_is_number_subtype (vm, type);
    default:
      return FALSE;
    }
}

static LsValue
generic_instance (LsVM   *vm,
                  LsType *type)
{
  switch (type->instance_kind)
    {
    case LS_OBJ_INSTANCE:
      {
        LsInstance *o = ls_gc_alloc (vm, LS_OBJ_INSTANCE, type, sizeof (LsInstance));
        /* object() itself has no __dict__ */
        if (!(type->hdr.flags & LS_TYPE_BUILTIN))
          o->dict = ls_dict_new (vm);
        return ls_obj (o);
      }
    case LS_OBJ_EXCEPTION:
      return ls_exc_new (vm, type, NULL, 0);
    case LS_OBJ_CDATA:
      if (type->cdata_class != NULL)
        return ls_obj (ls_cdata_new (vm, type));
      G_GNUC_FALLTHROUGH;
    default:
      return ls_raise (vm, LS_EXC_TYPE_ERROR, "cannot create '%s' instances",
                       ls_str_cstr (type->qualname));
    }
}

LsValue
_ls_type_call_new (LsVM          *vm,
                   LsType        *type,
                   const LsValue *args,
                   int            nargs,
                   LsTuple       *kwnames,
                   LsValue       *init)
{
  LsValue user_init, user_new, obj;
  LsNativeFn ctor;
  int nkw = kwnames ? (int) kwnames->len : 0;

  *init = LS_UNDEF;
  if (type == vm->types[LS_T_TYPE] && nargs == 1 && nkw == 0)
    return ls_obj (ls_typeof (vm, args[0]));

  user_init = find_user_init (vm, type);
  user_new = find_user_new (vm, type);
  if (!LS_IS_UNDEF (user_new))
    {
      LsValue *buf = g_new (LsValue, nargs + nkw + 1);
      if (LS_OBJ_IS (user_new, LS_OBJ_WRAPPER))
        user_new = ((LsWrapper *) LS_AS_OBJ (user_new))->func;
      buf[0] = ls_obj (type);
      ls_copy_values (buf + 1, args, (gsize) (nargs + nkw));
      obj = ls_call (vm, user_new, buf, nargs + 1, kwnames);
      g_free (buf);
      if (LS_IS_ERR (obj) || !ls_isinstance (vm, obj, type))
        return obj;
    }
  else
    {
      ctor = find_ctor (type);
      if (ctor != NULL)
        {
          if (!LS_IS_UNDEF (user_init) && !ctor_takes_value (vm, type))
            obj = ctor (vm, ls_obj (type), NULL, 0, NULL);
          else
            obj = ctor (vm, ls_obj (type), args, nargs, kwnames);
        }
      else
        {
          if (LS_IS_UNDEF (user_init) && (nargs > 0 || nkw > 0))
            return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() takes no arguments",
                             ls_str_cstr (type->name));
          obj = generic_instance (vm, type);
        }
      if (LS_IS_ERR (obj))
        return obj;
    }
  *init = user_init;
  return obj;
}

gboolean
_ls_check_init_result (LsVM    *vm,
                       LsValue  result)
{
  if (LS_IS_NONE (result))
    return TRUE;
  ls_raise (vm, LS_EXC_TYPE_ERROR, "__init__() should return None, not '%s'",
            ls_type_name (vm, result));
  return FALSE;
}

LsValue
_ls_type_call (LsVM          *vm,
               LsType        *type,
               const LsValue *args,
               int            nargs,
               LsTuple       *kwnames)
{
  LsValue init = LS_UNDEF;
  LsValue obj = _ls_type_call_new (vm, type, args, nargs, kwnames, &init);
  LsValue r;

  if (LS_IS_ERR (obj) || LS_IS_UNDEF (init))
    return obj;
  vm->st->depth++;
  r = call_with_self (vm, init, obj, args, nargs, kwnames);
  vm->st->depth--;
  if (LS_IS_ERR (r) || !_ls_check_init_result (vm, r))
    return LS_ERR;
  return obj;
}

/* "__main__.f()" / "print()", as CPython's _PyObject_FunctionStr. */
const char *
_ls_callable_name (LsVM    *vm,
                   LsValue  callable,
                   char    *buf,
                   gsize    len)
{
  LsValue qual, mod;
  const char *q, *m = NULL;

  if (LS_IS_UNDEF (callable))
    return "function";
  if (LS_OBJ_IS (callable, LS_OBJ_BOUND_METHOD))
    callable = ((LsBoundMethod *) LS_AS_OBJ (callable))->func;
  if (LS_OBJ_IS (callable, LS_OBJ_NATIVE))
    {
      g_snprintf (buf, len, "%s()", ((LsNative *) LS_AS_OBJ (callable))->name);
      return buf;
    }
  qual = ls_getattr_opt (vm, callable, LS_NAME (vm, __qualname__));
  if (!LS_OBJ_IS (qual, LS_OBJ_STR))
    {
      ls_exc_clear (vm);
      g_snprintf (buf, len, "%s object", ls_type_name (vm, callable));
      return buf;
    }
  q = ls_str_cstr ((LsStr *) LS_AS_OBJ (qual));
  mod = ls_getattr_opt (vm, callable, LS_NAME (vm, __module__));
  ls_exc_clear (vm);
  if (LS_OBJ_IS (mod, LS_OBJ_STR))
    m = ls_str_cstr ((LsStr *) LS_AS_OBJ (mod));
  if (m != NULL && strcmp (m, "builtins") != 0)
    g_snprintf (buf, len, "%s.%s()", m, q);
  else
    g_snprintf (buf, len, "%s()", q);
  return buf;
}

/* --------------------------------------------------------- argument specs */

typedef struct
{
  const char *name;
  gsize       len;
  gboolean    optional;
  gboolean    kwonly;
} LsSpecItem;

static int
parse_spec (const char *spec,
            LsSpecItem *items,
            int         max,
            gboolean   *star)
{
  gboolean optional = FALSE, kwonly = FALSE;
  const char *p = spec;
  int n = 0;

  *star = FALSE;
  if (*p == '*')
    {
      *star = TRUE;
      kwonly = TRUE;
      p++;
    }
  while (*p != '\0' && n < max)
    {
      const char *start;
      if (*p == '|')
        {
          optional = TRUE;
          p++;
          continue;
        }
      if (*p == '$')
        {
          kwonly = TRUE;
          p++;
          continue;
        }
      if (*p == ',')
        {
          p++;
          continue;
        }
      start = p;
      while (*p != '\0' && *p != ',' && *p != '|' && *p != '$')
        p++;
      items[n].name = start;
      items[n].len = (gsize) (p - start);
      items[n].optional = optional;
      items[n].kwonly = kwonly;
      n++;
    }
  return n;
}

gboolean
ls_parse_args (LsVM          *vm,
               const char    *fname,
               const char    *spec,
               const LsValue *args,
               int            nargs,
               LsTuple       *kwnames,
               LsValue       *out)
{
  LsSpecItem items[32];
  gboolean star;
  int n = parse_spec (spec, items, G_N_ELEMENTS (items), &star);
  int n_pos = 0, n_required = 0;
  int nkw = kwnames ? (int) kwnames->len : 0;
  gboolean filled[32] = { FALSE, };

  for (int i = 0; i < n; i++)
    {
      if (!items[i].kwonly)
        n_pos++;
      if (!items[i].optional && !items[i].kwonly)
        n_required++;
    }

  if (!star)
    {
      if (nargs > n_pos)
        {
          if (n_pos == 0)
            ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() takes no positional arguments", fname);
          else if (n_required == n_pos)
            ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() takes exactly %d argument%s (%d given)", fname,
                      n_pos, n_pos == 1 ? "" : "s", nargs);
          else
            ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() takes at most %d argument%s (%d given)", fname,
                      n_pos, n_pos == 1 ? "" : "s", nargs);
          return FALSE;
        }
      for (int i = 0; i < nargs; i++)
        {
          out[i] = args[i];
          filled[i] = TRUE;
        }
    }

  for (int k = 0; k < nkw; k++)
    {
      LsStr *kn = (LsStr *) LS_AS_OBJ (kwnames->items[k]);
      int found = -1;
      for (int i = 0; i < n; i++)
        if (items[i].len == kn->len && memcmp (items[i].name, kn->data, kn->len) == 0)
          {
            found = i;
            break;
          }
      if (found < 0)
        {
          if (n == 0)
            ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() takes no keyword arguments", fname);
          else
            ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() got an unexpected keyword argument '%s'", fname,
                      kn->data);
          return FALSE;
        }
      if (filled[found])
        {
          ls_raise (vm, LS_EXC_TYPE_ERROR, "argument for %s() given by name ('%s') and position (%d)",
                    fname, kn->data, found + 1);
          return FALSE;
        }
      out[found] = args[nargs + k];
      filled[found] = TRUE;
    }

  for (int i = 0; i < n; i++)
    if (!items[i].optional && !filled[i])
      {
        if (items[i].kwonly)
          ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() missing required keyword-only argument: '%.*s'",
                    fname, (int) items[i].len, items[i].name);
        else if (n_required == n_pos && nkw == 0)
          ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() takes exactly %d argument%s (%d given)", fname,
                    n_pos, n_pos == 1 ? "" : "s", nargs);
        else if (nkw == 0)
          ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() takes at least %d argument%s (%d given)", fname,
                    n_required, n_required == 1 ? "" : "s", nargs);
        else
          ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() missing required argument '%.*s' (pos %d)", fname,
                    (int) items[i].len, items[i].name, i + 1);
        return FALSE;
      }
  return TRUE;
}
