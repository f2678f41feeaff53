/* ls-exceptions.c: the builtin exception hierarchy, raising, chaining,
 * exception groups (split/subgroup, except*) and "Did you mean" suggestions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ls-vm-private.h"

/* NameError and AttributeError are never groups: their unused group slots
 * hold the name, and the object (AttributeError) or the precomputed
 * suggestion (NameError). */
#define EXC_ATTR_NAME(e)   ((e)->eg_message)
#define EXC_ATTR_OBJ(e)    ((e)->eg_exceptions)
#define EXC_SUGGESTION(e)  ((e)->eg_exceptions)

static inline LsException *
EXC (LsValue v)
{
  return (LsException *) LS_AS_OBJ (v);
}

static gboolean
is_group (LsVM    *vm,
          LsValue  v)
{
  return LS_OBJ_IS (v, LS_OBJ_EXCEPTION)
         && ls_is_subtype (LS_AS_OBJ (v)->type, vm->exc_types[LS_EXC_BASE_EXCEPTION_GROUP]);
}

gboolean
_ls_is_exception_class (LsVM    *vm,
                        LsValue  v)
{
  return LS_OBJ_IS (v, LS_OBJ_TYPE)
         && ls_is_subtype ((LsType *) LS_AS_OBJ (v), vm->exc_types[LS_EXC_BASE_EXCEPTION]);
}

/* ----------------------------------------------------------- creation */

LsValue
ls_exc_new (LsVM          *vm,
            LsType        *type,
            const LsValue *args,
            int            nargs)
{
  LsException *e = ls_gc_alloc (vm, LS_OBJ_EXCEPTION, type, sizeof (LsException));

  e->args = nargs > 0 ? ls_obj (ls_tuple_from (vm, args, (gsize) nargs)) : vm->empty_tuple;
  e->traceback = LS_NONE;
  e->cause = LS_NONE;
  e->context = LS_NONE;
  e->eg_message = LS_UNDEF;
  e->eg_exceptions = LS_UNDEF;
  return ls_obj (e);
}

static gboolean
has_user_init (LsVM   *vm,
               LsType *type)
{
  for (LsType *t = type; t != NULL && !(t->hdr.flags & LS_TYPE_BUILTIN); t = t->base)
    if (!LS_IS_UNDEF (ls_dict_get_str (t->dict, LS_NAME (vm, __init__))))
      return TRUE;
  return FALSE;
}

static LsValue
exc_ctor (LsVM          *vm,
          LsValue        self,
          const LsValue *args,
          int            nargs,
          LsTuple       *kwnames)
{
  LsType *type = (LsType *) LS_AS_OBJ (self);

  if (kwnames != NULL && kwnames->len > 0 && !has_user_init (vm, type))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() takes no keyword arguments",
                     ls_str_cstr (type->name));
  return ls_exc_new (vm, type, args, nargs);
}

/* BaseExceptionGroup(message, exceptions) */
static LsValue
group_ctor (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  LsType *type = (LsType *) LS_AS_OBJ (self);
  LsType *base_eg = vm->exc_types[LS_EXC_BASE_EXCEPTION_GROUP];
  LsType *exception = vm->exc_types[LS_EXC_EXCEPTION];
  LsList *items;
  gboolean all_exceptions = TRUE;
  LsValue r;
  LsException *e;

  if (kwnames != NULL && kwnames->len > 0)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() takes no keyword arguments",
                     ls_str_cstr (type->name));
  if (nargs != 2)
    return ls_raise (vm, LS_EXC_TYPE_ERROR,
                     "BaseExceptionGroup.__new__() takes exactly 2 arguments (%d given)", nargs);
  if (!LS_OBJ_IS (args[0], LS_OBJ_STR))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "argument 1 must be str, not %s",
                     ls_type_name (vm, args[0]));
  if (!LS_OBJ_IS (args[1], LS_OBJ_LIST) && !LS_OBJ_IS (args[1], LS_OBJ_TUPLE))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "second argument (exceptions) must be a sequence");
  items = ls_list_from_iterable (vm, args[1]);
  if (items == NULL)
    return LS_ERR;
  if (items->len == 0)
    return ls_raise (vm, LS_EXC_VALUE_ERROR,
                     "second argument (exceptions) must be a non-empty sequence");
  for (gsize i = 0; i < items->len; i++)
    {
      if (!LS_OBJ_IS (items->items[i], LS_OBJ_EXCEPTION))
        return ls_raise (vm, LS_EXC_VALUE_ERROR,
                         "Item %d of second argument (exceptions) is not an exception", (int) i);
      if (!ls_isinstance (vm, items->items[i], exception))
        all_exceptions = FALSE;
    }
  if (type == base_eg)
    {
      if (all_exceptions)
        type = vm->exc_types[LS_EXC_EXCEPTION_GROUP];
    }
  else if (ls_is_subtype (type, exception) && !all_exceptions)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, type == vm->exc_types[LS_EXC_EXCEPTION_GROUP]
                     ? "Cannot nest BaseExceptions in an ExceptionGroup"
                     : "Cannot nest BaseExceptions in '%s'", ls_str_cstr (type->name));
  r = ls_exc_new (vm, type, args, nargs);
  e = EXC (r);
  e->eg_message = args[0];
  e->eg_exceptions = ls_obj (ls_tuple_from (vm, items->items, items->len));
  return r;
}

static LsValue
make_group (LsVM    *vm,
            LsValue  message,
            gpointer excs)
{
  LsValue args[2] = { message, ls_obj (excs) };

  return group_ctor (vm, ls_obj (vm->exc_types[LS_EXC_BASE_EXCEPTION_GROUP]), args, 2, NULL);
}

/* ------------------------------------------------------------- raising */

/* Sets exc.__context__ to the exception being handled, as CPython does at
 * raise time, without creating a cycle through the context chain. */
static void
chain_context (LsVM    *vm,
               LsValue  exc)
{
  LsValue handled = _ls_vm_handled_exception (vm);
  LsValue o;
  int steps = 0;

  if (!LS_OBJ_IS (handled, LS_OBJ_EXCEPTION) || ls_is (handled, exc))
    return;
  for (o = handled; LS_OBJ_IS (o, LS_OBJ_EXCEPTION) && steps < 10000; steps++)
    {
      LsValue ctx = EXC (o)->context;
      if (ls_is (ctx, exc))
        {
          EXC (o)->context = LS_NONE;
          break;
        }
      o = ctx;
    }
  EXC (exc)->context = handled;
}

LsValue
ls_raise_value (LsVM    *vm,
                LsValue  exc)
{
  if (_ls_is_exception_class (vm, exc))
    {
      exc = ls_call (vm, exc, NULL, 0, NULL);
      if (LS_IS_ERR (exc))
        return LS_ERR;
    }
  if (!LS_OBJ_IS (exc, LS_OBJ_EXCEPTION))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "exceptions must derive from BaseException");
  chain_context (vm, exc);
  vm->exc = exc;
  return LS_ERR;
}

static LsValue
raise_typev (LsVM       *vm,
             LsType     *type,
             const char *fmt,
             va_list     ap)
{
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  LsValue exc;

  if (msg[0] == '\0')
    exc = ls_exc_new (vm, type, NULL, 0);
  else
    {
      LsValue m = ls_obj (ls_str_new (vm, msg, -1));
      exc = ls_exc_new (vm, type, &m, 1);
    }
  return ls_raise_value (vm, exc);
}

LsValue
ls_raise (LsVM       *vm,
          LsExcId     id,
          const char *fmt,
          ...)
{
  va_list ap;
  LsValue r;

  va_start (ap, fmt);
  r = raise_typev (vm, vm->exc_types[id], fmt, ap);
  va_end (ap);
  return r;
}

LsValue
ls_raise_type (LsVM       *vm,
               LsType     *type,
               const char *fmt,
               ...)
{
  va_list ap;
  LsValue r;

  va_start (ap, fmt);
  r = raise_typev (vm, type, fmt, ap);
  va_end (ap);
  return r;
}

LsValue
ls_raise_key_error (LsVM    *vm,
                    LsValue  key)
{
  return ls_raise_value (vm, ls_exc_new (vm, vm->exc_types[LS_EXC_KEY_ERROR], &key, 1));
}

LsValue
ls_raise_stop_iteration (LsVM    *vm,
                         LsValue  value)
{
  LsType *t = vm->exc_types[LS_EXC_STOP_ITERATION];

  if (LS_IS_NONE (value) || LS_IS_UNDEF (value))
    return ls_raise_value (vm, ls_exc_new (vm, t, NULL, 0));
  return ls_raise_value (vm, ls_exc_new (vm, t, &value, 1));
}

gboolean
ls_exc_pending_is (LsVM    *vm,
                   LsExcId  id)
{
  return !LS_IS_UNDEF (vm->exc) && ls_isinstance (vm, vm->exc, vm->exc_types[id]);
}

LsValue
ls_exc_fetch (LsVM *vm)
{
  LsValue e = vm->exc;

  vm->exc = LS_UNDEF;
  return e;
}

void
ls_exc_clear (LsVM *vm)
{
  vm->exc = LS_UNDEF;
}

void
_ls_exc_set_context (LsVM    *vm,
                     LsValue  exc,
                     LsValue  context)
{
  if (LS_OBJ_IS (exc, LS_OBJ_EXCEPTION))
    EXC (exc)->context = context;
}

LsValue
_ls_exc_stop_value (LsVM    *vm,
                    LsValue  exc)
{
  LsValue args;

  if (!LS_OBJ_IS (exc, LS_OBJ_EXCEPTION))
    return LS_NONE;
  args = EXC (exc)->args;
  if (LS_OBJ_IS (args, LS_OBJ_TUPLE) && ((LsTuple *) LS_AS_OBJ (args))->len > 0)
    return ((LsTuple *) LS_AS_OBJ (args))->items[0];
  return LS_NONE;
}

/* StopIteration escaping a generator becomes RuntimeError (PEP 479). */
LsValue
_ls_exc_convert_stop (LsVM    *vm,
                      LsValue  exc,
                      int      gen_kind)
{
  const char *what = gen_kind == LS_GEN_KIND_COROUTINE ? "coroutine"
                   : gen_kind == LS_GEN_KIND_ASYNC_GEN ? "async generator" : "generator";
  const char *name;
  LsValue msg, r;

  if (ls_isinstance (vm, exc, vm->exc_types[LS_EXC_STOP_ITERATION]))
    name = "StopIteration";
  else if (gen_kind == LS_GEN_KIND_ASYNC_GEN
           && ls_isinstance (vm, exc, vm->exc_types[LS_EXC_STOP_ASYNC_ITERATION]))
    name = "StopAsyncIteration";
  else
    return exc;
  msg = ls_obj (ls_str_printf (vm, "%s raised %s", what, name));
  r = ls_exc_new (vm, vm->exc_types[LS_EXC_RUNTIME_ERROR], &msg, 1);
  EXC (r)->cause = exc;
  EXC (r)->context = exc;
  EXC (r)->suppress_context = TRUE;
  return r;
}

/* --------------------------------------------------------- suggestions */

#define SUGGEST_MAX_ITEMS   750
#define SUGGEST_MAX_SIZE    40
#define SUGGEST_MOVE_COST   2
#define SUGGEST_CASE_COST   1

static int
subst_cost (char a,
            char b)
{
  if ((a & 31) != (b & 31))
    return SUGGEST_MOVE_COST;
  if (a == b)
    return 0;
  a = g_ascii_tolower (a);
  b = g_ascii_tolower (b);
  return a == b ? SUGGEST_CASE_COST : SUGGEST_MOVE_COST;
}

/* The edit distance CPython uses for suggestions (case flips are cheaper),
 * with an early exit beyond max_cost. */
static gsize
edit_distance (const char *a,
               gsize       na,
               const char *b,
               gsize       nb,
               gsize       max_cost)
{
  gsize row[SUGGEST_MAX_SIZE];
  gsize result = 0;

  while (na > 0 && nb > 0 && a[0] == b[0])
    a++, b++, na--, nb--;
  while (na > 0 && nb > 0 && a[na - 1] == b[nb - 1])
    na--, nb--;
  if (na == 0 || nb == 0)
    return (na + nb) * SUGGEST_MOVE_COST;
  if (na > SUGGEST_MAX_SIZE || nb > SUGGEST_MAX_SIZE)
    return max_cost + 1;
  if (nb < na)
    {
      const char *t = a;
      gsize tn = na;
      a = b, na = nb;
      b = t, nb = tn;
    }
  if ((nb - na) * SUGGEST_MOVE_COST > max_cost)
    return max_cost + 1;
  for (gsize i = 0; i < na; i++)
    row[i] = (i + 1) * SUGGEST_MOVE_COST;
  for (gsize bi = 0; bi < nb; bi++)
    {
      gsize diag = bi * SUGGEST_MOVE_COST;
      gsize minimum = G_MAXSIZE;
      result = diag;
      for (gsize ai = 0; ai < na; ai++)
        {
          gsize substitute = diag + (gsize) subst_cost (b[bi], a[ai]);
          gsize above = row[ai];
          gsize insdel = MIN (result, above) + SUGGEST_MOVE_COST;
          diag = above;
          result = MIN (insdel, substitute);
          row[ai] = result;
          minimum = MIN (minimum, result);
        }
      if (minimum > max_cost)
        return max_cost + 1;
    }
  return result;
}

/* The closest candidate to name (a GPtrArray of char*), or NULL. */
static const char *
best_suggestion (GPtrArray  *candidates,
                 const char *name)
{
  gsize name_len = strlen (name);
  gsize best_dist = G_MAXSIZE;
  const char *best = NULL;

  if (candidates->len >= SUGGEST_MAX_ITEMS)
    return NULL;
  for (guint i = 0; i < candidates->len; i++)
    {
      const char *item = candidates->pdata[i];
      gsize item_len = strlen (item);
      gsize max_dist, d;

      if (strcmp (item, name) == 0)
        continue;
      max_dist = (name_len + item_len + 3) * SUGGEST_MOVE_COST / 6;
      if (best != NULL)
        max_dist = MIN (max_dist, best_dist - 1);
      d = edit_distance (name, name_len, item, item_len, max_dist);
      if (d > max_dist)
        continue;
      if (best == NULL || d < best_dist)
        {
          best = item;
          best_dist = d;
        }
    }
  return best;
}

static void
add_dict_keys (GPtrArray *out,
               LsDict    *d)
{
  LsValue k, v;
  gsize pos = 0;

  if (d == NULL)
    return;
  while (ls_dict_next (d, &pos, &k, &v))
    if (LS_OBJ_IS (k, LS_OBJ_STR))
      g_ptr_array_add (out, (gpointer) ls_str_cstr ((LsStr *) LS_AS_OBJ (k)));
}

static const char *
suggest_name (LsVM    *vm,
              LsFrame *frame,
              LsStr   *name)
{
  g_autoptr (GPtrArray) c = g_ptr_array_new ();
  const char *s;

  for (int i = 0; i < frame->code->n_locals; i++)
    g_ptr_array_add (c, (gpointer) ls_str_cstr (frame->code->varnames[i]));
  if ((s = best_suggestion (c, ls_str_cstr (name))) != NULL)
    return s;
  g_ptr_array_set_size (c, 0);
  add_dict_keys (c, frame->globals);
  if ((s = best_suggestion (c, ls_str_cstr (name))) != NULL)
    return s;
  g_ptr_array_set_size (c, 0);
  add_dict_keys (c, frame->builtins);
  return best_suggestion (c, ls_str_cstr (name));
}

LsValue
_ls_raise_name_error (LsVM    *vm,
                      LsStr   *name,
                      LsFrame *frame)
{
  LsException *e;
  const char *s;

  ls_raise (vm, LS_EXC_NAME_ERROR, "name '%s' is not defined", ls_str_cstr (name));
  e = EXC (vm->exc);
  EXC_ATTR_NAME (e) = ls_obj (name);
  if (frame != NULL && (s = suggest_name (vm, frame, name)) != NULL)
    EXC_SUGGESTION (e) = ls_obj (ls_str_new (vm, s, -1));
  return LS_ERR;
}

void
_ls_exc_set_attr_info (LsVM    *vm,
                       LsValue  exc,
                       LsValue  obj,
                       LsStr   *name)
{
  if (!LS_OBJ_IS (exc, LS_OBJ_EXCEPTION) || LS_AS_OBJ (exc)->type != vm->exc_types[LS_EXC_ATTRIBUTE_ERROR])
    return;
  EXC_ATTR_NAME (EXC (exc)) = ls_obj (name);
  EXC_ATTR_OBJ (EXC (exc)) = obj;
}

static gint
compare_cstr (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The candidates of dir(obj): instance dict, class attributes, object's. */
static GPtrArray *
dir_names (LsVM    *vm,
           LsValue  obj)
{
  GPtrArray *c = g_ptr_array_new ();
  GHashTable *seen = g_hash_table_new (g_str_hash, g_str_equal);
  LsDict *d = _ls_instance_dict (vm, obj, FALSE);
  LsType *t = LS_OBJ_IS (obj, LS_OBJ_TYPE) ? (LsType *) LS_AS_OBJ (obj) : ls_typeof (vm, obj);
  static const char *const extra[] = {
    "__class__", "__delattr__", "__dir__", "__doc__", "__eq__", "__format__", "__ge__",
    "__getattribute__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__le__",
    "__lt__", "__ne__", "__new__", "__reduce__", "__reduce_ex__", "__repr__", "__setattr__",
    "__sizeof__", "__str__", "__subclasshook__",
  };
  GPtrArray *all = g_ptr_array_new ();

  add_dict_keys (all, d);
  if (!LS_OBJ_IS (obj, LS_OBJ_MODULE))
    {
      for (LsType *p = t; p != NULL; p = p->base)
        add_dict_keys (all, p->dict);
      for (gsize i = 0; i < G_N_ELEMENTS (extra); i++)
        g_ptr_array_add (all, (gpointer) extra[i]);
      if (!(t->hdr.flags & LS_TYPE_BUILTIN))
        {
          g_ptr_array_add (all, (gpointer) "__dict__");
          g_ptr_array_add (all, (gpointer) "__module__");
          g_ptr_array_add (all, (gpointer) "__weakref__");
        }
    }
  for (guint i = 0; i < all->len; i++)
    if (g_hash_table_add (seen, all->pdata[i]))
      g_ptr_array_add (c, all->pdata[i]);
  g_ptr_array_unref (all);
  g_hash_table_unref (seen);
  g_ptr_array_sort (c, compare_cstr);
  return c;
}

/* The "Did you mean" part of an uncaught NameError/AttributeError, or NULL. */
char *
_ls_exc_suggestion (LsVM    *vm,
                    LsValue  exc)
{
  LsException *e = EXC (exc);
  LsType *t = e->hdr.type;

  if (t == vm->exc_types[LS_EXC_NAME_ERROR])
    {
      if (LS_OBJ_IS (EXC_SUGGESTION (e), LS_OBJ_STR))
        return g_strdup (ls_str_cstr ((LsStr *) LS_AS_OBJ (EXC_SUGGESTION (e))));
      return NULL;
    }
  if (t == vm->exc_types[LS_EXC_ATTRIBUTE_ERROR]
      && LS_OBJ_IS (EXC_ATTR_NAME (e), LS_OBJ_STR) && !LS_IS_UNDEF (EXC_ATTR_OBJ (e)))
    {
      g_autoptr (GPtrArray) c = dir_names (vm, EXC_ATTR_OBJ (e));
      const char *s = best_suggestion (c, ls_str_cstr ((LsStr *) LS_AS_OBJ (EXC_ATTR_NAME (e))));
      return s ? g_strdup (s) : NULL;
    }
  return NULL;
}

/* --------------------------------------------------------------- str() */

LsValue
ls_exc_str (LsVM    *vm,
            LsValue  exc)
{
  LsException *e;
  LsTuple *args;

  if (!LS_OBJ_IS (exc, LS_OBJ_EXCEPTION))
    return ls_to_str (vm, exc);
  e = EXC (exc);
  if (is_group (vm, exc) && LS_OBJ_IS (e->eg_exceptions, LS_OBJ_TUPLE))
    {
      gsize n = ((LsTuple *) LS_AS_OBJ (e->eg_exceptions))->len;
      LsValue m = ls_to_str (vm, e->eg_message);
      if (LS_IS_ERR (m))
        return m;
      return ls_obj (ls_str_printf (vm, "%s (%" G_GSIZE_FORMAT " sub-exception%s)",
                                    ls_str_cstr ((LsStr *) LS_AS_OBJ (m)), n, n == 1 ? "" : "s"));
    }
  if (!LS_OBJ_IS (e->args, LS_OBJ_TUPLE))
    return ls_to_str (vm, e->args);
  args = (LsTuple *) LS_AS_OBJ (e->args);
  if (args->len == 0)
    return vm->empty_str;
  if (args->len == 1)
    {
      if (ls_is_subtype (e->hdr.type, vm->exc_types[LS_EXC_KEY_ERROR]))
        return ls_repr (vm, args->items[0]);
      return ls_to_str (vm, args->items[0]);
    }
  return ls_repr (vm, e->args);
}

/* ------------------------------------------------------- attributes */

static gboolean
name_is (LsStr      *name,
         const char *s)
{
  return strcmp (ls_str_cstr (name), s) == 0;
}

static gboolean
exc_is (LsVM    *vm,
        LsValue  exc,
        LsExcId  id)
{
  return ls_is_subtype (LS_AS_OBJ (exc)->type, vm->exc_types[id]);
}

LsValue
_ls_exc_getattr (LsVM    *vm,
                 LsValue  exc,
                 LsStr   *name)
{
  LsException *e = EXC (exc);

  if (name == LS_NAME (vm, args))
    return e->args;
  if (name->data[0] == '_' && name->data[1] == '_')
    {
      if (name_is (name, "__traceback__"))
        return e->traceback;
      if (name_is (name, "__cause__"))
        return e->cause;
      if (name_is (name, "__context__"))
        return e->context;
      if (name_is (name, "__suppress_context__"))
        return ls_bool (e->suppress_context);
      return LS_UNDEF;
    }
  if (is_group (vm, exc))
    {
      if (name_is (name, "message"))
        return e->eg_message;
      if (name_is (name, "exceptions"))
        return e->eg_exceptions;
      return LS_UNDEF;
    }
  if (name == LS_NAME (vm, value)
      && (exc_is (vm, exc, LS_EXC_STOP_ITERATION) || exc_is (vm, exc, LS_EXC_STOP_ASYNC_ITERATION)))
    {
      LsDict *d = e->dict;
      LsValue v = d ? ls_dict_get_str (d, name) : LS_UNDEF;
      return LS_IS_UNDEF (v) ? _ls_exc_stop_value (vm, exc) : v;
    }
  if (name_is (name, "code") && exc_is (vm, exc, LS_EXC_SYSTEM_EXIT))
    {
      LsTuple *a = (LsTuple *) LS_AS_OBJ (e->args);
      LsValue v = e->dict ? ls_dict_get_str (e->dict, name) : LS_UNDEF;
      if (!LS_IS_UNDEF (v))
        return v;
      return a->len == 0 ? LS_NONE : a->len == 1 ? a->items[0] : e->args;
    }
  if (name == LS_NAME (vm, name) && (exc_is (vm, exc, LS_EXC_NAME_ERROR)
                                     || exc_is (vm, exc, LS_EXC_ATTRIBUTE_ERROR)))
    return LS_IS_UNDEF (EXC_ATTR_NAME (e)) ? LS_NONE : EXC_ATTR_NAME (e);
  if (name_is (name, "obj") && exc_is (vm, exc, LS_EXC_ATTRIBUTE_ERROR))
    return LS_IS_UNDEF (EXC_ATTR_OBJ (e)) ? LS_NONE : EXC_ATTR_OBJ (e);
  if ((name_is (name, "errno") || name_is (name, "strerror") || name_is (name, "filename"))
      && exc_is (vm, exc, LS_EXC_OS_ERROR))
    {
      LsValue v = e->dict ? ls_dict_get_str (e->dict, name) : LS_UNDEF;
      return LS_IS_UNDEF (v) ? LS_NONE : v;
    }
  return LS_UNDEF;
}

/* 0 handled, -1 error, 1 not a special attribute (use the instance dict). */
int
_ls_exc_setattr (LsVM    *vm,
                 LsValue  exc,
                 LsStr   *name,
                 LsValue  value,
                 gboolean del)
{
  LsException *e = EXC (exc);

  if (name == LS_NAME (vm, args))
    {
      LsList *l;
      if (del)
        {
          ls_raise (vm, LS_EXC_TYPE_ERROR, "args may not be deleted");
          return -1;
        }
      l = ls_list_from_iterable (vm, value);
      if (l == NULL)
        return -1;
      e->args = ls_obj (ls_tuple_from (vm, l->items, l->len));
      return 0;
    }
  if (name_is (name, "__traceback__"))
    {
      if (del || !(LS_IS_NONE (value) || LS_OBJ_IS (value, LS_OBJ_TRACEBACK)))
        {
          ls_raise (vm, LS_EXC_TYPE_ERROR, "__traceback__ must be a traceback or None");
          return -1;
        }
      e->traceback = value;
      return 0;
    }
  if (name_is (name, "__cause__") || name_is (name, "__context__"))
    {
      gboolean cause = name_is (name, "__cause__");
      if (del)
        {
          ls_raise (vm, LS_EXC_TYPE_ERROR, "%s may not be deleted", ls_str_cstr (name));
          return -1;
        }
      if (!LS_IS_NONE (value) && !LS_OBJ_IS (value, LS_OBJ_EXCEPTION))
        {
          ls_raise (vm, LS_EXC_TYPE_ERROR, "exception %s must be None or derive from BaseException",
                    cause ? "cause" : "context");
          return -1;
        }
      if (cause)
        {
          e->cause = value;
          e->suppress_context = TRUE;
        }
      else
        e->context = value;
      return 0;
    }
  if (name_is (name, "__suppress_context__"))
    {
      int t = del ? 0 : ls_truthy (vm, value);
      if (t < 0)
        return -1;
      e->suppress_context = t;
      return 0;
    }
  if (!del && name == LS_NAME (vm, name)
      && (exc_is (vm, exc, LS_EXC_NAME_ERROR) || exc_is (vm, exc, LS_EXC_ATTRIBUTE_ERROR)))
    {
      EXC_ATTR_NAME (e) = value;
      return 0;
    }
  if (!del && name_is (name, "obj") && exc_is (vm, exc, LS_EXC_ATTRIBUTE_ERROR))
    {
      EXC_ATTR_OBJ (e) = value;
      return 0;
    }
  return 1;
}

/* ------------------------------------------------------------ methods */

static LsValue
exc_init (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  if (!LS_OBJ_IS (self, LS_OBJ_EXCEPTION))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "descriptor '__init__' requires a 'BaseException' object");
  if (kw != NULL && kw->len > 0)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() takes no keyword arguments", ls_type_name (vm, self));
  EXC (self)->args = nargs > 0 ? ls_obj (ls_tuple_from (vm, args, (gsize) nargs)) : vm->empty_tuple;
  return LS_NONE;
}

static LsValue
exc_str_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return ls_exc_str (vm, self);
}

static LsValue
exc_repr_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsException *e = EXC (self);
  const char *name = ls_str_cstr (e->hdr.type->name);
  LsTuple *a = (LsTuple *) LS_AS_OBJ (e->args);
  LsValue r;

  if (a->len == 1)
    {
      r = ls_repr (vm, a->items[0]);
      if (LS_IS_ERR (r))
        return r;
      return ls_obj (ls_str_printf (vm, "%s(%s)", name, ls_str_cstr ((LsStr *) LS_AS_OBJ (r))));
    }
  if (a->len == 0)
    return ls_obj (ls_str_printf (vm, "%s()", name));
  r = ls_repr (vm, e->args);
  if (LS_IS_ERR (r))
    return r;
  return ls_obj (ls_str_printf (vm, "%s%s", name, ls_str_cstr ((LsStr *) LS_AS_OBJ (r))));
}

static LsValue
exc_with_traceback (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  if (nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "with_traceback() takes exactly one argument (%d given)",
                     nargs);
  if (_ls_exc_setattr (vm, self, ls_str_intern (vm, "__traceback__", -1), args[0], FALSE) < 0)
    return LS_ERR;
  return self;
}

static LsValue
exc_add_note (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsDict *d;
  LsStr *key = ls_str_intern (vm, "__notes__", -1);
  LsValue notes;

  if (nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "add_note() takes exactly one argument (%d given)", nargs);
  if (!LS_OBJ_IS (args[0], LS_OBJ_STR))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "note must be a str, not '%s'", ls_type_name (vm, args[0]));
  d = _ls_instance_dict (vm, self, TRUE);
  notes = ls_dict_get_str (d, key);
  if (LS_IS_UNDEF (notes))
    {
      notes = ls_obj (ls_list_new (vm, 1));
      ls_dict_set_str (vm, d, key, notes);
    }
  if (!LS_OBJ_IS (notes, LS_OBJ_LIST))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "Cannot add note: __notes__ is not a list");
  ls_list_append (vm, (LsList *) LS_AS_OBJ (notes), args[0]);
  return LS_NONE;
}

/* ------------------------------------------------------- exception groups */

typedef enum
{
  MATCH_TYPE,       /* a class or a tuple of classes */
  MATCH_PREDICATE,  /* a callable */
  MATCH_IDS,        /* leaves whose identity is in a set (except* re-raise) */
} MatchKind;

typedef struct
{
  MatchKind   kind;
  LsValue     value;
  GHashTable *ids;
} Matcher;

static int
matches (LsVM    *vm,
         Matcher *m,
         LsValue  exc)
{
  switch (m->kind)
    {
    case MATCH_TYPE:
      if (LS_OBJ_IS (m->value, LS_OBJ_TUPLE))
        {
          LsTuple *t = (LsTuple *) LS_AS_OBJ (m->value);
          for (gsize i = 0; i < t->len; i++)
            if (ls_isinstance (vm, exc, (LsType *) LS_AS_OBJ (t->items[i])))
              return 1;
          return 0;
        }
      return ls_isinstance (vm, exc, (LsType *) LS_AS_OBJ (m->value));
    case MATCH_PREDICATE:
      {
        LsValue r = ls_call (vm, m->value, &exc, 1, NULL);
        if (LS_IS_ERR (r))
          return -1;
        return ls_truthy (vm, r);
      }
    case MATCH_IDS:
    default:
      return g_hash_table_contains (m->ids, LS_AS_OBJ (exc));
    }
}

static gboolean
matcher_init (LsVM    *vm,
              Matcher *m,
              LsValue  value)
{
  m->value = value;
  m->ids = NULL;
  if (_ls_is_exception_class (vm, value))
    m->kind = MATCH_TYPE;
  else if (LS_OBJ_IS (value, LS_OBJ_TUPLE))
    {
      LsTuple *t = (LsTuple *) LS_AS_OBJ (value);
      for (gsize i = 0; i < t->len; i++)
        if (!_ls_is_exception_class (vm, t->items[i]))
          goto bad;
      m->kind = MATCH_TYPE;
    }
  else if (!LS_IS_UNDEF (ls_lookup_special (vm, value, LS_NAME (vm, __call__)))
           || LS_OBJ_IS (value, LS_OBJ_FUNCTION) || LS_OBJ_IS (value, LS_OBJ_NATIVE))
    m->kind = MATCH_PREDICATE;
  else
    goto bad;
  return TRUE;
bad:
  ls_raise (vm, LS_EXC_TYPE_ERROR, "expected an exception type, a tuple of exception types, "
            "or a callable (other than a class)");
  return FALSE;
}

/* A group like orig holding excs, with orig's traceback, cause, context and notes. */
static LsValue
group_subset (LsVM    *vm,
              LsValue  orig,
              LsList  *excs)
{
  LsException *o = EXC (orig);
  LsValue eg;
  LsDict *od;

  if (excs->len == 0)
    return LS_NONE;
  eg = ls_call_method (vm, orig, ls_str_intern (vm, "derive", -1), (LsValue[]) { ls_obj (excs) }, 1);
  if (LS_IS_ERR (eg))
    return eg;
  if (!is_group (vm, eg))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "derive must return an instance of BaseExceptionGroup");
  EXC (eg)->traceback = o->traceback;
  EXC (eg)->context = o->context;
  EXC (eg)->cause = o->cause;
  EXC (eg)->suppress_context = o->suppress_context;
  od = o->dict;
  if (od != NULL)
    {
      LsValue notes = ls_dict_get_str (od, ls_str_intern (vm, "__notes__", -1));
      if (!LS_IS_UNDEF (notes))
        ls_dict_set_str (vm, _ls_instance_dict (vm, eg, TRUE), ls_str_intern (vm, "__notes__", -1), notes);
    }
  return eg;
}

static gboolean
split_recursive (LsVM    *vm,
                 LsValue  exc,
                 Matcher *m,
                 gboolean want_rest,
                 LsValue *match,
                 LsValue *rest)
{
  int r = matches (vm, m, exc);
  LsTuple *sub;
  LsList *ml, *rl;

  *match = LS_NONE;
  *rest = LS_NONE;
  if (r < 0)
    return FALSE;
  if (r > 0 && m->kind != MATCH_IDS)
    {
      *match = exc;
      return TRUE;
    }
  if (!is_group (vm, exc))
    {
      if (r > 0)
        *match = exc;
      else if (want_rest)
        *rest = exc;
      return TRUE;
    }
  sub = (LsTuple *) LS_AS_OBJ (EXC (exc)->eg_exceptions);
  ml = ls_list_new (vm, sub->len);
  rl = ls_list_new (vm, sub->len);
  for (gsize i = 0; i < sub->len; i++)
    {
      LsValue mm, rr;
      if (!split_recursive (vm, sub->items[i], m, want_rest, &mm, &rr))
        return FALSE;
      if (!LS_IS_NONE (mm))
        ls_list_append (vm, ml, mm);
      if (!LS_IS_NONE (rr))
        ls_list_append (vm, rl, rr);
    }
  *match = group_subset (vm, exc, ml);
  if (LS_IS_ERR (*match))
    return FALSE;
  if (want_rest)
    {
      *rest = group_subset (vm, exc, rl);
      if (LS_IS_ERR (*rest))
        return FALSE;
    }
  return TRUE;
}

static LsValue
group_split (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  Matcher m;
  LsValue match, rest;

  if (nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "split() takes exactly one argument (%d given)", nargs);
  if (!matcher_init (vm, &m, args[0]) || !split_recursive (vm, self, &m, TRUE, &match, &rest))
    return LS_ERR;
  return ls_obj (ls_tuple_from (vm, (LsValue[]) { match, rest }, 2));
}

static LsValue
group_subgroup (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  Matcher m;
  LsValue match, rest;

  if (nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "subgroup() takes exactly one argument (%d given)", nargs);
  if (!matcher_init (vm, &m, args[0]) || !split_recursive (vm, self, &m, FALSE, &match, &rest))
    return LS_ERR;
  return match;
}

static LsValue
group_derive (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsValue a[2];

  if (nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "derive() takes exactly one argument (%d given)", nargs);
  a[0] = EXC (self)->eg_message;
  a[1] = args[0];
  return group_ctor (vm, ls_obj (vm->exc_types[LS_EXC_BASE_EXCEPTION_GROUP]), a, 2, NULL);
}

/* CHECK_EG_MATCH */
LsValue
_ls_exc_group_match (LsVM    *vm,
                     LsValue  exc,
                     LsValue  type,
                     LsValue *rest)
{
  Matcher m;
  LsValue match;

  if (LS_OBJ_IS (type, LS_OBJ_TUPLE))
    {
      LsTuple *t = (LsTuple *) LS_AS_OBJ (type);
      for (gsize i = 0; i < t->len; i++)
        if (!_ls_is_exception_class (vm, t->items[i]))
          goto bad_type;
        else if (ls_is_subtype ((LsType *) LS_AS_OBJ (t->items[i]),
                                vm->exc_types[LS_EXC_BASE_EXCEPTION_GROUP]))
          goto group_type;
    }
  else if (!_ls_is_exception_class (vm, type))
    goto bad_type;
  else if (ls_is_subtype ((LsType *) LS_AS_OBJ (type), vm->exc_types[LS_EXC_BASE_EXCEPTION_GROUP]))
    goto group_type;

  *rest = LS_NONE;
  if (LS_IS_NONE (exc))
    return LS_NONE;
  m.kind = MATCH_TYPE;
  m.value = type;
  m.ids = NULL;
  if (matches (vm, &m, exc))
    {
      if (is_group (vm, exc))
        return exc;
      {
        LsTuple *t = ls_tuple_from (vm, &exc, 1);
        LsValue wrapped = make_group (vm, vm->empty_str, t);
        if (LS_IS_ERR (wrapped))
          return wrapped;
        EXC (wrapped)->traceback = EXC (exc)->traceback;
        return wrapped;
      }
    }
  if (is_group (vm, exc))
    {
      if (!split_recursive (vm, exc, &m, TRUE, &match, rest))
        return LS_ERR;
      return match;
    }
  *rest = exc;
  return LS_NONE;

bad_type:
  return ls_raise (vm, LS_EXC_TYPE_ERROR,
                   "catching classes that do not inherit from BaseException is not allowed");
group_type:
  return ls_raise (vm, LS_EXC_TYPE_ERROR,
                   "catching ExceptionGroup with except* is not allowed. Use except instead.");
}

static gboolean
same_metadata (LsVM    *vm,
               LsValue  a,
               LsValue  b)
{
  LsException *x = EXC (a), *y = EXC (b);
  LsStr *key = ls_str_intern (vm, "__notes__", -1);
  LsValue nx = x->dict ? ls_dict_get_str (x->dict, key) : LS_UNDEF;
  LsValue ny = y->dict ? ls_dict_get_str (y->dict, key) : LS_UNDEF;

  return ls_is (nx, ny) && ls_is (x->traceback, y->traceback) && ls_is (x->cause, y->cause)
         && ls_is (x->context, y->context);
}

static void
collect_leaf_ids (LsVM       *vm,
                  LsValue     exc,
                  GHashTable *ids)
{
  if (LS_IS_NONE (exc))
    return;
  if (is_group (vm, exc))
    {
      LsTuple *t = (LsTuple *) LS_AS_OBJ (EXC (exc)->eg_exceptions);
      for (gsize i = 0; i < t->len; i++)
        collect_leaf_ids (vm, t->items[i], ids);
    }
  else
    g_hash_table_add (ids, LS_AS_OBJ (exc));
}

/* PREP_RERAISE_STAR: what an except* statement propagates. */
LsValue
_ls_exc_prep_reraise_star (LsVM    *vm,
                           LsValue  orig,
                           LsValue  listv)
{
  LsList *excs = (LsList *) LS_AS_OBJ (listv);
  LsList *raised, *reraised;
  LsValue reraised_eg = LS_NONE;

  if (excs->len == 0)
    return LS_NONE;
  if (!is_group (vm, orig))
    return excs->items[0];

  raised = ls_list_new (vm, excs->len);
  reraised = ls_list_new (vm, excs->len);
  for (gsize i = 0; i < excs->len; i++)
    {
      LsValue e = excs->items[i];
      if (LS_IS_NONE (e))
        continue;
      if (same_metadata (vm, e, orig))
        ls_list_append (vm, reraised, e);
      else
        ls_list_append (vm, raised, e);
    }

  if (reraised->len > 0)
    {
      Matcher m = { MATCH_IDS, LS_UNDEF, g_hash_table_new (NULL, NULL) };
      LsValue rest;
      gboolean ok;
      for (gsize i = 0; i < reraised->len; i++)
        collect_leaf_ids (vm, reraised->items[i], m.ids);
      ok = split_recursive (vm, orig, &m, FALSE, &reraised_eg, &rest);
      g_hash_table_unref (m.ids);
      if (!ok)
        return LS_ERR;
    }

  if (raised->len == 0)
    return reraised_eg;
  if (!LS_IS_NONE (reraised_eg))
    ls_list_append (vm, raised, reraised_eg);
  if (raised->len == 1)
    return raised->items[0];
  return make_group (vm, vm->empty_str, raised);
}

/* ------------------------------------------------------------------ init */

void
_ls_exceptions_init (LsVM *vm)
{
  static const struct { LsExcId id; const char *name; int base; } specs[] = {
#define LS_EXC_SPEC(id, name, base) { LS_EXC_##id, name, (int) (base) },
#define BASE_EXCEPTION LS_EXC_BASE_EXCEPTION
#define SYSTEM_EXIT LS_EXC_SYSTEM_EXIT
#define EXCEPTION LS_EXC_EXCEPTION
#define ARITHMETIC_ERROR LS_EXC_ARITHMETIC_ERROR
#define LOOKUP_ERROR LS_EXC_LOOKUP_ERROR
#define NAME_ERROR LS_EXC_NAME_ERROR
#define RUNTIME_ERROR LS_EXC_RUNTIME_ERROR
#define SYNTAX_ERROR LS_EXC_SYNTAX_ERROR
#define INDENTATION_ERROR LS_EXC_INDENTATION_ERROR
#define VALUE_ERROR LS_EXC_VALUE_ERROR
#define OS_ERROR LS_EXC_OS_ERROR
#define CONNECTION_ERROR LS_EXC_CONNECTION_ERROR
#define IMPORT_ERROR LS_EXC_IMPORT_ERROR
#define WARNING LS_EXC_WARNING
    LS_FOREACH_EXC (LS_EXC_SPEC)
#undef LS_EXC_SPEC
#undef BASE_EXCEPTION
#undef SYSTEM_EXIT
#undef EXCEPTION
#undef ARITHMETIC_ERROR
#undef LOOKUP_ERROR
#undef NAME_ERROR
#undef RUNTIME_ERROR
#undef SYNTAX_ERROR
#undef INDENTATION_ERROR
#undef VALUE_ERROR
#undef OS_ERROR
#undef CONNECTION_ERROR
#undef IMPORT_ERROR
#undef WARNING
  };
  LsType *base_exc;

  for (gsize i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      LsType *base = specs[i].base < 0 ? vm->types[LS_T_OBJECT] : vm->exc_types[specs[i].base];
      LsType *t = ls_type_new_builtin (vm, specs[i].name, base, LS_OBJ_EXCEPTION);
      t->hdr.flags |= LS_TYPE_EXCEPTION;
      vm->exc_types[specs[i].id] = t;
    }
  base_exc = vm->exc_types[LS_EXC_BASE_EXCEPTION];
  base_exc->ctor = exc_ctor;
  ls_type_add_method (vm, base_exc, "__init__", exc_init);
  ls_type_add_method (vm, base_exc, "__str__", exc_str_method);
  ls_type_add_method (vm, base_exc, "__repr__", exc_repr_method);
  ls_type_add_method (vm, base_exc, "with_traceback", exc_with_traceback);
  ls_type_add_method (vm, base_exc, "add_note", exc_add_note);

  vm->exc_types[LS_EXC_BASE_EXCEPTION_GROUP]->hdr.flags |= LS_TYPE_BASE_EXC_GROUP;
  vm->exc_types[LS_EXC_EXCEPTION_GROUP]->hdr.flags |= LS_TYPE_EXC_GROUP;
  for (int k = 0; k < 2; k++)
    {
      LsType *g = vm->exc_types[k == 0 ? LS_EXC_BASE_EXCEPTION_GROUP : LS_EXC_EXCEPTION_GROUP];
      g->ctor = group_ctor;
      ls_type_add_method (vm, g, "split", group_split);
      ls_type_add_method (vm, g, "subgroup", group_subgroup);
      ls_type_add_method (vm, g, "derive", group_derive);
    }
}
