/* ls-mod-misc.c: small native modules: _lsutil (the primitives the Python
 * half of the library is built on), operator, heapq, bisect, string, copy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ls-lang.h"
#include "ls-modules-private.h"

static gboolean
want_type (LsVM     *vm,
           LsValue   v,
           LsType  **out)
{
  if (!LS_OBJ_IS (v, LS_OBJ_TYPE))
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "expected a class, not %s", ls_type_name (vm, v));
      return FALSE;
    }
  *out = (LsType *) LS_AS_OBJ (v);
  return TRUE;
}

/* =================================================================== _lsutil */

/* class_dict(cls): the class's own namespace dict (the real, mutable one) */
static LsValue
util_class_dict (LsVM          *vm,
                 LsValue        self,
                 const LsValue *args,
                 int            nargs,
                 LsTuple       *kwnames)
{
  LsType *t;

  if (!_ls_check_one (vm, "class_dict", nargs, kwnames) || !want_type (vm, args[0], &t))
    return LS_ERR;
  return ls_obj (t->dict);
}

/* base_of(cls): the single base class, None for object */
static LsValue
util_base_of (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  LsType *t;

  if (!_ls_check_one (vm, "base_of", nargs, kwnames) || !want_type (vm, args[0], &t))
    return LS_ERR;
  return t->base != NULL ? ls_obj (t->base) : LS_NONE;
}

/* new_instance(cls): an instance of a Python class without running __init__ */
static LsValue
util_new_instance (LsVM          *vm,
                   LsValue        self,
                   const LsValue *args,
                   int            nargs,
                   LsTuple       *kwnames)
{
  LsInstance *inst;
  LsType *t;

  if (!_ls_check_one (vm, "new_instance", nargs, kwnames) || !want_type (vm, args[0], &t))
    return LS_ERR;
  if (t->instance_kind != LS_OBJ_INSTANCE)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "new_instance(): '%s' instances are not plain objects",
                     ls_str_cstr (t->name));
  inst = ls_gc_alloc (vm, LS_OBJ_INSTANCE, t, sizeof (LsInstance));
  inst->dict = ls_dict_new (vm);
  return ls_obj (inst);
}

/* set_raw(obj, name, value): stores into the instance dict, bypassing __setattr__ */
static LsValue
util_set_raw (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  LsInstance *inst;

  if (!_ls_check_no_kwargs (vm, "set_raw", kwnames) || !_ls_check_nargs (vm, "set_raw", nargs, 3, 3))
    return LS_ERR;
  if (!LS_OBJ_IS (args[0], LS_OBJ_INSTANCE) || !_ls_is_str (args[1]))
    {
      if (ls_setattr (vm, args[0], _ls_is_str (args[1]) ? _ls_as_str (args[1]) : LS_NAME (vm, value), args[2]) < 0)
        return LS_ERR;
      return LS_NONE;
    }
  inst = (LsInstance *) LS_AS_OBJ (args[0]);
  if (inst->dict == NULL)
    inst->dict = ls_dict_new (vm);
  ls_dict_set_str (vm, inst->dict, _ls_as_str (args[1]), args[2]);
  return LS_NONE;
}

/* del_raw(obj, name): removes from the instance dict; False if absent */
static LsValue
util_del_raw (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  LsInstance *inst;
  int r;

  if (!_ls_check_no_kwargs (vm, "del_raw", kwnames) || !_ls_check_nargs (vm, "del_raw", nargs, 2, 2))
    return LS_ERR;
  if (!LS_OBJ_IS (args[0], LS_OBJ_INSTANCE))
    return LS_FALSE;
  inst = (LsInstance *) LS_AS_OBJ (args[0]);
  if (inst->dict == NULL)
    return LS_FALSE;
  r = ls_dict_del (vm, inst->dict, args[1]);
  return r < 0 ? LS_ERR : ls_bool (r);
}

/* set_qualname(func, qualname): the qualified name used in argument errors */
static LsValue
util_set_qualname (LsVM          *vm,
                   LsValue        self,
                   const LsValue *args,
                   int            nargs,
                   LsTuple       *kwnames)
{
  if (!_ls_check_no_kwargs (vm, "set_qualname", kwnames) || !_ls_check_nargs (vm, "set_qualname", nargs, 2, 2))
    return LS_ERR;
  if (LS_OBJ_IS (args[0], LS_OBJ_FUNCTION) && _ls_is_str (args[1]))
    ((LsFunction *) LS_AS_OBJ (args[0]))->qualname = _ls_as_str (args[1]);
  return LS_NONE;
}

static const LsModFunc util_funcs[] = {
  { "class_dict", util_class_dict }, { "base_of", util_base_of }, { "new_instance", util_new_instance },
  { "set_raw", util_set_raw }, { "del_raw", util_del_raw }, { "set_qualname", util_set_qualname },
  { NULL, NULL }
};

static gboolean
util_init (LsVM   *vm,
           LsDict *dict)
{
  _ls_mod_add_funcs (vm, dict, util_funcs, LS_UNDEF);
  return TRUE;
}

/* ================================================================== operator */

/* itemgetter/attrgetter/methodcaller results: natives whose data holds the spec */
static LsValue
itemgetter_call (LsVM          *vm,
                 LsValue        self,
                 const LsValue *args,
                 int            nargs,
                 LsTuple       *kwnames)
{
  LsTuple *items = (LsTuple *) LS_AS_OBJ (self), *out;

  if (!_ls_check_one (vm, "itemgetter", nargs, kwnames))
    return LS_ERR;
  if (items->len == 1)
    return ls_getitem (vm, args[0], items->items[0]);
  out = ls_tuple_new (vm, items->len);
  for (gsize i = 0; i < items->len; i++)
    {
      out->items[i] = ls_getitem (vm, args[0], items->items[i]);
      if (LS_IS_ERR (out->items[i]))
        return LS_ERR;
    }
  return ls_obj (out);
}

static LsValue
op_itemgetter (LsVM          *vm,
               LsValue        self,
               const LsValue *args,
               int            nargs,
               LsTuple       *kwnames)
{
  if (!_ls_check_no_kwargs (vm, "itemgetter", kwnames))
    return LS_ERR;
  if (nargs < 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "itemgetter expected 1 argument, got 0");
  return ls_native_new (vm, "itemgetter", itemgetter_call, ls_obj (ls_tuple_from (vm, args, nargs)));
}

static LsValue
dotted_getattr (LsVM    *vm,
                LsValue  obj,
                LsStr   *path)
{
  g_auto (GStrv) parts = g_strsplit (ls_str_cstr (path), ".", -1);

  for (char **p = parts; *p != NULL && !LS_IS_ERR (obj); p++)
    obj = ls_getattr (vm, obj, ls_str_intern (vm, *p, -1));
  return obj;
}

static LsValue
attrgetter_call (LsVM          *vm,
                 LsValue        self,
                 const LsValue *args,
                 int            nargs,
                 LsTuple       *kwnames)
{
  LsTuple *names = (LsTuple *) LS_AS_OBJ (self), *out;

  if (!_ls_check_one (vm, "attrgetter", nargs, kwnames))
    return LS_ERR;
  if (names->len == 1)
    return dotted_getattr (vm, args[0], _ls_as_str (names->items[0]));
  out = ls_tuple_new (vm, names->len);
  for (gsize i = 0; i < names->len; i++)
    {
      out->items[i] = dotted_getattr (vm, args[0], _ls_as_str (names->items[i]));
      if (LS_IS_ERR (out->items[i]))
        return LS_ERR;
    }
  return ls_obj (out);
}

static LsValue
op_attrgetter (LsVM          *vm,
               LsValue        self,
               const LsValue *args,
               int            nargs,
               LsTuple       *kwnames)
{
  if (!_ls_check_no_kwargs (vm, "attrgetter", kwnames))
    return LS_ERR;
  if (nargs < 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "attrgetter expected 1 argument, got 0");
  for (int i = 0; i < nargs; i++)
    if (!_ls_is_str (args[i]))
      return ls_raise (vm, LS_EXC_TYPE_ERROR, "attribute name must be a string");
  return ls_native_new (vm, "attrgetter", attrgetter_call, ls_obj (ls_tuple_from (vm, args, nargs)));
}

/* methodcaller: data = (name, args tuple) */
static LsValue
methodcaller_call (LsVM          *vm,
                   LsValue        self,
                   const LsValue *args,
                   int            nargs,
                   LsTuple       *kwnames)
{
  LsTuple *spec = (LsTuple *) LS_AS_OBJ (self), *margs;
  LsValue m;

  if (!_ls_check_one (vm, "methodcaller", nargs, kwnames))
    return LS_ERR;
  m = ls_getattr (vm, args[0], _ls_as_str (spec->items[0]));
  if (LS_IS_ERR (m))
    return LS_ERR;
  margs = (LsTuple *) LS_AS_OBJ (spec->items[1]);
  return ls_call (vm, m, margs->items, (int) margs->len, NULL);
}

static LsValue
op_methodcaller (LsVM          *vm,
                 LsValue        self,
                 const LsValue *args,
                 int            nargs,
                 LsTuple       *kwnames)
{
  LsValue spec[2];

  if (!_ls_check_no_kwargs (vm, "methodcaller", kwnames))
    return LS_ERR;
  if (nargs < 1 || !_ls_is_str (args[0]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "methodcaller needs at least one argument, the method name");
  spec[0] = args[0];
  spec[1] = ls_obj (ls_tuple_from (vm, args + 1, nargs - 1));
  return ls_native_new (vm, "methodcaller", methodcaller_call, ls_obj (ls_tuple_from (vm, spec, 2)));
}

/* binary operators: self is the operator number (LsBinOpKind), or a
 * comparison encoded as 100 + LsCmpOpKind */
static LsValue
op_binary (LsVM          *vm,
           LsValue        self,
           const LsValue *args,
           int            nargs,
           LsTuple       *kwnames)
{
  gint64 op = LS_AS_INT (self);

  if (!_ls_check_no_kwargs (vm, "operator", kwnames) || !_ls_check_nargs (vm, "operator", nargs, 2, 2))
    return LS_ERR;
  if (op >= 100)
    {
      if (op - 100 == LS_CMP_IS)
        return ls_bool (ls_is (args[0], args[1]));
      if (op - 100 == LS_CMP_IS_NOT)
        return ls_bool (!ls_is (args[0], args[1]));
      if (op - 100 == LS_CMP_IN)
        {
          int r = ls_contains (vm, args[0], args[1]);

          return r < 0 ? LS_ERR : ls_bool (r);
        }
      return ls_compare (vm, args[0], args[1], (LsCmpOpKind) (op - 100));
    }
  return ls_binary_op (vm, args[0], args[1], (int) op);
}

static LsValue
op_unary (LsVM          *vm,
          LsValue        self,
          const LsValue *args,
          int            nargs,
          LsTuple       *kwnames)
{
  int t;

  if (!_ls_check_one (vm, "operator", nargs, kwnames))
    return LS_ERR;
  switch (LS_AS_INT (self))
    {
    case 100:   /* truth */
      t = ls_truthy (vm, args[0]);
      return t < 0 ? LS_ERR : ls_bool (t);
    case 101:   /* abs */
      return ls_call (vm, ls_dict_get_str (vm->builtins, ls_str_intern (vm, "abs", -1)), args, 1, NULL);
    case 102:   /* index */
      {
        gint64 i;

        return ls_index_value (vm, args[0], &i) ? ls_int (i) : LS_ERR;
      }
    default:
      return ls_unary_op (vm, args[0], (LsUnaryOpKind) LS_AS_INT (self));
    }
}

static LsValue
op_getitem (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_no_kwargs (vm, "getitem", kwnames) || !_ls_check_nargs (vm, "getitem", nargs, 2, 2))
    return LS_ERR;
  return ls_getitem (vm, args[0], args[1]);
}

static LsValue
op_setitem (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_no_kwargs (vm, "setitem", kwnames) || !_ls_check_nargs (vm, "setitem", nargs, 3, 3))
    return LS_ERR;
  return ls_setitem (vm, args[0], args[1], args[2]) < 0 ? LS_ERR : LS_NONE;
}

static LsValue
op_delitem (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_no_kwargs (vm, "delitem", kwnames) || !_ls_check_nargs (vm, "delitem", nargs, 2, 2))
    return LS_ERR;
  return ls_delitem (vm, args[0], args[1]) < 0 ? LS_ERR : LS_NONE;
}

static const struct { const char *name; int op; } binary_ops[] = {
  { "add", LS_BINOP_ADD }, { "sub", LS_BINOP_SUB }, { "mul", LS_BINOP_MUL },
  { "truediv", LS_BINOP_DIV }, { "floordiv", LS_BINOP_FLOORDIV }, { "mod", LS_BINOP_MOD },
  { "pow", LS_BINOP_POW }, { "matmul", LS_BINOP_MATMUL }, { "lshift", LS_BINOP_LSHIFT },
  { "rshift", LS_BINOP_RSHIFT }, { "or_", LS_BINOP_BITOR }, { "xor", LS_BINOP_BITXOR },
  { "and_", LS_BINOP_BITAND }, { "concat", LS_BINOP_ADD },
  { "iadd", LS_BINOP_ADD + LS_BINOP_INPLACE }, { "isub", LS_BINOP_SUB + LS_BINOP_INPLACE },
  { "imul", LS_BINOP_MUL + LS_BINOP_INPLACE },
  { "lt", 100 + LS_CMP_LT }, { "le", 100 + LS_CMP_LE }, { "eq", 100 + LS_CMP_EQ },
  { "ne", 100 + LS_CMP_NE }, { "gt", 100 + LS_CMP_GT }, { "ge", 100 + LS_CMP_GE },
  { "is_", 100 + LS_CMP_IS }, { "is_not", 100 + LS_CMP_IS_NOT }, { "contains", 100 + LS_CMP_IN },
};

static const struct { const char *name; int op; } unary_ops[] = {
  { "neg", LS_UNARY_NEG }, { "pos", LS_UNARY_POS }, { "invert", LS_UNARY_INVERT },
  { "inv", LS_UNARY_INVERT }, { "not_", LS_UNARY_NOT }, { "truth", 100 }, { "abs", 101 },
  { "index", 102 },
};

static const LsModFunc operator_funcs[] = {
  { "itemgetter", op_itemgetter }, { "attrgetter", op_attrgetter },
  { "methodcaller", op_methodcaller }, { "getitem", op_getitem }, { "setitem", op_setitem },
  { "delitem", op_delitem },
  { NULL, NULL }
};

static gboolean
operator_init (LsVM   *vm,
               LsDict *dict)
{
  _ls_mod_add_funcs (vm, dict, operator_funcs, LS_UNDEF);
  for (gsize i = 0; i < G_N_ELEMENTS (binary_ops); i++)
    ls_dict_set_cstr (vm, dict, binary_ops[i].name,
                      ls_native_new (vm, binary_ops[i].name, op_binary, ls_int (binary_ops[i].op)));
  for (gsize i = 0; i < G_N_ELEMENTS (unary_ops); i++)
    ls_dict_set_cstr (vm, dict, unary_ops[i].name,
                      ls_native_new (vm, unary_ops[i].name, op_unary, ls_int (unary_ops[i].op)));
  return TRUE;
}

/* ===================================================================== heapq */

/* The sift operations of CPython's heapq, comparing with < only. */
static gboolean
heap_siftdown (LsVM   *vm,
               LsList *heap,
               gsize   startpos,
               gsize   pos)
{
  LsValue newitem = heap->items[pos];

  while (pos > startpos)
    {
      gsize parentpos = (pos - 1) >> 1;
      LsValue parent = heap->items[parentpos];
      int lt = ls_less (vm, newitem, parent);

      if (lt < 0)
        return FALSE;
      if (!lt)
        break;
      heap->items[pos] = parent;
      pos = parentpos;
    }
  heap->items[pos] = newitem;
  return TRUE;
}

static gboolean
heap_siftup (LsVM   *vm,
             LsList *heap,
             gsize   pos)
{
  gsize endpos = heap->len, startpos = pos, childpos = 2 * pos + 1;
  LsValue newitem = heap->items[pos];

  while (childpos < endpos)
    {
      gsize rightpos = childpos + 1;

      if (rightpos < endpos)
        {
          int lt = ls_less (vm, heap->items[childpos], heap->items[rightpos]);

          if (lt < 0)
            return FALSE;
          if (!lt)
            childpos = rightpos;
        }
      heap->items[pos] = heap->items[childpos];
      pos = childpos;
      childpos = 2 * pos + 1;
    }
  heap->items[pos] = newitem;
  return heap_siftdown (vm, heap, startpos, pos);
}

static LsList *
heap_arg (LsVM    *vm,
          LsValue  v)
{
  if (!LS_OBJ_IS (v, LS_OBJ_LIST))
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "heap argument must be a list");
      return NULL;
    }
  return (LsList *) LS_AS_OBJ (v);
}

static LsValue
heapq_heappush (LsVM          *vm,
                LsValue        self,
                const LsValue *args,
                int            nargs,
                LsTuple       *kwnames)
{
  LsList *heap;

  if (!_ls_check_no_kwargs (vm, "heappush", kwnames) || !_ls_check_nargs (vm, "heappush", nargs, 2, 2)
      || (heap = heap_arg (vm, args[0])) == NULL)
    return LS_ERR;
  ls_list_append (vm, heap, args[1]);
  return heap_siftdown (vm, heap, 0, heap->len - 1) ? LS_NONE : LS_ERR;
}

static LsValue
heapq_heappop (LsVM          *vm,
               LsValue        self,
               const LsValue *args,
               int            nargs,
               LsTuple       *kwnames)
{
  LsList *heap;
  LsValue last, ret;

  if (!_ls_check_one (vm, "heappop", nargs, kwnames) || (heap = heap_arg (vm, args[0])) == NULL)
    return LS_ERR;
  if (heap->len == 0)
    return ls_raise (vm, LS_EXC_INDEX_ERROR, "index out of range");
  last = heap->items[--heap->len];
  if (heap->len == 0)
    return last;
  ret = heap->items[0];
  heap->items[0] = last;
  return heap_siftup (vm, heap, 0) ? ret : LS_ERR;
}

static LsValue
heapq_heapify (LsVM          *vm,
               LsValue        self,
               const LsValue *args,
               int            nargs,
               LsTuple       *kwnames)
{
  LsList *heap;

  if (!_ls_check_one (vm, "heapify", nargs, kwnames) || (heap = heap_arg (vm, args[0])) == NULL)
    return LS_ERR;
  for (gssize i = (gssize) heap->len / 2 - 1; i >= 0; i--)
    if (!heap_siftup (vm, heap, i))
      return LS_ERR;
  return LS_NONE;
}

static LsValue
heapq_heapreplace (LsVM          *vm,
                   LsValue        self,
                   const LsValue *args,
                   int            nargs,
                   LsTuple       *kwnames)
{
  LsList *heap;
  LsValue ret;

  if (!_ls_check_no_kwargs (vm, "heapreplace", kwnames) || !_ls_check_nargs (vm, "heapreplace", nargs, 2, 2)
      || (heap = heap_arg (vm, args[0])) == NULL)
    return LS_ERR;
  if (heap->len == 0)
    return ls_raise (vm, LS_EXC_INDEX_ERROR, "index out of range");
  ret = heap->items[0];
  heap->items[0] = args[1];
  return heap_siftup (vm, heap, 0) ? ret : LS_ERR;
}

static LsValue
heapq_heappushpop (LsVM          *vm,
                   LsValue        self,
                   const LsValue *args,
                   int            nargs,
                   LsTuple       *kwnames)
{
  LsList *heap;
  LsValue ret;
  int lt;

  if (!_ls_check_no_kwargs (vm, "heappushpop", kwnames) || !_ls_check_nargs (vm, "heappushpop", nargs, 2, 2)
      || (heap = heap_arg (vm, args[0])) == NULL)
    return LS_ERR;
  if (heap->len == 0)
    return args[1];
  lt = ls_less (vm, heap->items[0], args[1]);
  if (lt < 0)
    return LS_ERR;
  if (!lt)
    return args[1];
  ret = heap->items[0];
  heap->items[0] = args[1];
  return heap_siftup (vm, heap, 0) ? ret : LS_ERR;
}

/* nlargest/nsmallest: documented as sorted(iterable, key=key, reverse=...)[:n] */
static LsValue
heapq_nbest (LsVM          *vm,
             const char    *name,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames,
             gboolean       largest)
{
  static const char *const kw[] = { "n", "iterable", "key", NULL };
  LsValue a[3] = { LS_UNDEF, LS_UNDEF, LS_UNDEF };
  LsList *items;
  gint64 n;

  if (nargs > 3)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() takes from 2 to 3 positional arguments but %d were given",
                     name, nargs);
  for (int i = 0; i < nargs; i++)
    a[i] = args[i];
  if (!_ls_take_kwargs (vm, name, args, nargs, kwnames, kw, a))
    return LS_ERR;
  if (LS_IS_UNDEF (a[0]) || LS_IS_UNDEF (a[1]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() missing required argument", name);
  if (!ls_index_value (vm, a[0], &n))
    return LS_ERR;
  items = ls_list_from_iterable (vm, a[1]);
  if (items == NULL)
    return LS_ERR;
  if (items == (LsList *) LS_AS_OBJ (a[1]))
    items = ls_list_from (vm, items->items, items->len);
  if (!ls_list_sort (vm, items, (LS_IS_UNDEF (a[2]) || LS_IS_NONE (a[2])) ? LS_UNDEF : a[2], largest))
    return LS_ERR;
  if (n < 0)
    n = 0;
  if ((gsize) n < items->len)
    items->len = n;
  return ls_obj (items);
}

static LsValue
heapq_nlargest (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return heapq_nbest (vm, "nlargest", args, nargs, kwnames, TRUE);
}

static LsValue
heapq_nsmallest (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return heapq_nbest (vm, "nsmallest", args, nargs, kwnames, FALSE);
}

static LsValue
heapq_merge (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  static const char *const kw[] = { "key", "reverse", NULL };
  LsValue opt[2] = { LS_UNDEF, LS_UNDEF };
  LsList *all = ls_list_new (vm, 8);
  int reverse = 0;

  if (!_ls_take_kwargs (vm, "merge", args, nargs, kwnames, kw, opt))
    return LS_ERR;
  if (!LS_IS_UNDEF (opt[1]) && (reverse = ls_truthy (vm, opt[1])) < 0)
    return LS_ERR;
  for (int i = 0; i < nargs; i++)
    {
      LsList *part = ls_list_from_iterable (vm, args[i]);

      if (part == NULL)
        return LS_ERR;
      for (gsize j = 0; j < part->len; j++)
        ls_list_append (vm, all, part->items[j]);
    }
  if (!ls_list_sort (vm, all, (LS_IS_UNDEF (opt[0]) || LS_IS_NONE (opt[0])) ? LS_UNDEF : opt[0], reverse))
    return LS_ERR;
  return ls_get_iter (vm, ls_obj (all));
}

static const LsModFunc heapq_funcs[] = {
  { "heappush", heapq_heappush }, { "heappop", heapq_heappop }, { "heapify", heapq_heapify },
  { "heapreplace", heapq_heapreplace }, { "heappushpop", heapq_heappushpop },
  { "nlargest", heapq_nlargest }, { "nsmallest", heapq_nsmallest }, { "merge", heapq_merge },
  { NULL, NULL }
};

static gboolean
heapq_init (LsVM   *vm,
            LsDict *dict)
{
  _ls_mod_add_funcs (vm, dict, heapq_funcs, LS_UNDEF);
  return TRUE;
}

/* ==================================================================== bisect */

/* self: 0 bisect_left, 1 bisect_right, 2 insort_left, 3 insort_right */
static LsValue
bisect_any (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  static const char *const kw[] = { "a", "x", "lo", "hi", "key", NULL };
  LsValue a[5] = { LS_UNDEF, LS_UNDEF, LS_UNDEF, LS_UNDEF, LS_UNDEF }, x;
  gint64 mode = LS_AS_INT (self), lo = 0, hi;
  gboolean right = mode & 1, insort = mode >= 2;

  if (nargs > 4)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "bisect() takes at most 4 positional arguments");
  for (int i = 0; i < nargs; i++)
    a[i] = args[i];
  if (!_ls_take_kwargs (vm, "bisect", args, nargs, kwnames, kw, a))
    return LS_ERR;
  if (LS_IS_UNDEF (a[0]) || LS_IS_UNDEF (a[1]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "bisect() missing required argument");
  if ((!LS_IS_UNDEF (a[2]) && !ls_index_value (vm, a[2], &lo)))
    return LS_ERR;
  if (lo < 0)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "lo must be non-negative");
  if (LS_IS_UNDEF (a[3]) || LS_IS_NONE (a[3]))
    {
      if (!ls_len (vm, a[0], &hi))
        return LS_ERR;
    }
  else if (!ls_index_value (vm, a[3], &hi))
    return LS_ERR;
  x = a[1];
  if (insort && !LS_IS_UNDEF (a[4]) && !LS_IS_NONE (a[4]))
    {
      x = ls_call (vm, a[4], &a[1], 1, NULL);
      if (LS_IS_ERR (x))
        return LS_ERR;
    }
  while (lo < hi)
    {
      gint64 mid = lo + (hi - lo) / 2;
      LsValue item = ls_getitem (vm, a[0], ls_int (mid));
      int lt;

      if (LS_IS_ERR (item))
        return LS_ERR;
      if (!LS_IS_UNDEF (a[4]) && !LS_IS_NONE (a[4]))
        {
          item = ls_call (vm, a[4], &item, 1, NULL);
          if (LS_IS_ERR (item))
            return LS_ERR;
        }
      lt = right ? ls_less (vm, x, item) : ls_less (vm, item, x);
      if (lt < 0)
        return LS_ERR;
      if (right ? lt : !lt)
        hi = mid;
      else
        lo = mid + 1;
    }
  if (!insort)
    return ls_int (lo);
  {
    LsValue ins[2] = { ls_int (lo), a[1] };
    LsValue m = ls_getattr (vm, a[0], ls_str_intern (vm, "insert", -1));

    if (LS_IS_ERR (m) || LS_IS_ERR (ls_call (vm, m, ins, 2, NULL)))
      return LS_ERR;
    return LS_NONE;
  }
}

static gboolean
bisect_init (LsVM   *vm,
             LsDict *dict)
{
  static const struct { const char *name; int mode; } fns[] = {
    { "bisect_left", 0 }, { "bisect_right", 1 }, { "bisect", 1 },
    { "insort_left", 2 }, { "insort_right", 3 }, { "insort", 3 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (fns); i++)
    ls_dict_set_cstr (vm, dict, fns[i].name, ls_native_new (vm, fns[i].name, bisect_any, ls_int (fns[i].mode)));
  return TRUE;
}

/* ==================================================================== string */

static gboolean
string_init (LsVM   *vm,
             LsDict *dict)
{
  static const struct { const char *name, *value; } consts[] = {
    { "ascii_lowercase", "abcdefghijklmnopqrstuvwxyz" },
    { "ascii_uppercase", "ABCDEFGHIJKLMNOPQRSTUVWXYZ" },
    { "ascii_letters", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" },
    { "digits", "0123456789" },
    { "hexdigits", "0123456789abcdefABCDEF" },
    { "octdigits", "01234567" },
    { "punctuation", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" },
    { "whitespace", " \t\n\r\x0b\x0c" },
    { "printable", "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                   "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\x0b\x0c" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (consts); i++)
    ls_dict_set_cstr (vm, dict, consts[i].name, ls_str_value (vm, consts[i].value));
  return TRUE;
}

/* ====================================================================== copy */

static LsValue deep_copy (LsVM *vm, LsValue v, LsDict *memo, int depth);

static LsValue
shallow_copy (LsVM    *vm,
              LsValue  v)
{
  LsObj *o;
  LsValue m;

  if (!LS_IS_OBJ (v))
    return v;
  m = ls_lookup_special (vm, v, ls_str_intern (vm, "__copy__", -1));
  if (!LS_IS_UNDEF (m))
    return ls_call (vm, m, NULL, 0, NULL);
  o = LS_AS_OBJ (v);
  switch (o->kind)
    {
    case LS_OBJ_LIST:
      {
        LsList *l = (LsList *) o, *n = ls_list_from (vm, l->items, l->len);

        n->hdr.type = o->type;
        return ls_obj (n);
      }
    case LS_OBJ_DICT:
      {
        LsDict *d = ls_dict_copy (vm, (LsDict *) o);

        d->hdr.type = o->type;
        d->extra = ((LsDict *) o)->extra;
        return ls_obj (d);
      }
    case LS_OBJ_SET:
      {
        LsSet *s = ls_set_new (vm, o->type);
        gsize pos = 0;
        LsValue k;

        while (ls_set_next ((LsSet *) o, &pos, &k))
          ls_set_add (vm, s, k);
        return ls_obj (s);
      }
    case LS_OBJ_INSTANCE:
      {
        LsInstance *src = (LsInstance *) o;
        LsInstance *inst = ls_gc_alloc (vm, LS_OBJ_INSTANCE, o->type, sizeof (LsInstance));

        inst->dict = src->dict != NULL ? ls_dict_copy (vm, src->dict) : ls_dict_new (vm);
        return ls_obj (inst);
      }
    default:
      return v;
    }
}

static LsValue
deep_copy_list_items (LsVM    *vm,
                      LsValue *items,
                      gsize    n,
                      LsDict  *memo,
                      int      depth)
{
  for (gsize i = 0; i < n; i++)
    {
      items[i] = deep_copy (vm, items[i], memo, depth + 1);
      if (LS_IS_ERR (items[i]))
        return LS_ERR;
    }
  return LS_NONE;
}

static LsValue
deep_copy (LsVM    *vm,
           LsValue  v,
           LsDict  *memo,
           int      depth)
{
  LsValue key, found, copy;
  LsObj *o;

  if (!LS_IS_OBJ (v))
    return v;
  o = LS_AS_OBJ (v);
  if (o->kind == LS_OBJ_STR || o->kind == LS_OBJ_TYPE || o->kind == LS_OBJ_FUNCTION
      || o->kind == LS_OBJ_NATIVE || o->kind == LS_OBJ_RANGE || o->kind == LS_OBJ_MODULE)
    return v;
  if (depth > vm->recursion_limit)
    return ls_raise (vm, LS_EXC_RECURSION_ERROR, "maximum recursion depth exceeded while calling a Python object");
  key = ls_int ((gint64) (guintptr) o);
  if (ls_dict_lookup (vm, memo, key, &found) == 1)
    return found;
  switch (o->kind)
    {
    case LS_OBJ_TUPLE:
      {
        LsTuple *t = (LsTuple *) o, *n = ls_tuple_from (vm, t->items, t->len);

        n->hdr.type = o->type;
        if (LS_IS_ERR (deep_copy_list_items (vm, n->items, n->len, memo, depth)))
          return LS_ERR;
        copy = ls_obj (n);
        break;
      }
    case LS_OBJ_LIST:
      {
        LsList *l = (LsList *) o, *n = ls_list_from (vm, l->items, l->len);

        n->hdr.type = o->type;
        ls_dict_set (vm, memo, key, ls_obj (n));
        if (LS_IS_ERR (deep_copy_list_items (vm, n->items, n->len, memo, depth)))
          return LS_ERR;
        return ls_obj (n);
      }
    case LS_OBJ_DICT:
      {
        LsDict *d = ls_dict_new (vm);
        gsize pos = 0;
        LsValue k, val;

        d->hdr.type = o->type;
        d->extra = ((LsDict *) o)->extra;
        ls_dict_set (vm, memo, key, ls_obj (d));
        while (ls_dict_next ((LsDict *) o, &pos, &k, &val))
          {
            LsValue nk = deep_copy (vm, k, memo, depth + 1), nv;

            if (LS_IS_ERR (nk) || LS_IS_ERR (nv = deep_copy (vm, val, memo, depth + 1))
                || ls_dict_set (vm, d, nk, nv) < 0)
              return LS_ERR;
          }
        return ls_obj (d);
      }
    case LS_OBJ_INSTANCE:
      {
        LsValue m = ls_lookup_special (vm, v, ls_str_intern (vm, "__deepcopy__", -1));
        LsInstance *src = (LsInstance *) o, *inst;
        gsize pos = 0;
        LsValue k, val;

        if (!LS_IS_UNDEF (m))
          {
            LsValue mv = ls_obj (memo);

            return ls_call (vm, m, &mv, 1, NULL);
          }
        inst = ls_gc_alloc (vm, LS_OBJ_INSTANCE, o->type, sizeof (LsInstance));
        inst->dict = ls_dict_new (vm);
        ls_dict_set (vm, memo, key, ls_obj (inst));
        if (src->dict != NULL)
          while (ls_dict_next (src->dict, &pos, &k, &val))
            {
              LsValue nv = deep_copy (vm, val, memo, depth + 1);

              if (LS_IS_ERR (nv) || ls_dict_set (vm, inst->dict, k, nv) < 0)
                return LS_ERR;
            }
        return ls_obj (inst);
      }
    default:
      copy = shallow_copy (vm, v);
      break;
    }
  if (!LS_IS_ERR (copy))
    ls_dict_set (vm, memo, key, copy);
  return copy;
}

static LsValue
copy_copy (LsVM          *vm,
           LsValue        self,
           const LsValue *args,
           int            nargs,
           LsTuple       *kwnames)
{
  if (!_ls_check_no_kwargs (vm, "copy", kwnames) || !_ls_check_nargs (vm, "copy", nargs, 1, 1))
    return LS_ERR;
  return shallow_copy (vm, args[0]);
}

static LsValue
copy_deepcopy (LsVM          *vm,
               LsValue        self,
               const LsValue *args,
               int            nargs,
               LsTuple       *kwnames)
{
  LsDict *memo;

  if (!_ls_check_no_kwargs (vm, "deepcopy", kwnames) || !_ls_check_nargs (vm, "deepcopy", nargs, 1, 2))
    return LS_ERR;
  memo = (nargs == 2 && LS_OBJ_IS (args[1], LS_OBJ_DICT)) ? (LsDict *) LS_AS_OBJ (args[1]) : ls_dict_new (vm);
  return deep_copy (vm, args[0], memo, 0);
}

static const LsModFunc copy_funcs[] = {
  { "copy", copy_copy }, { "deepcopy", copy_deepcopy },
  { NULL, NULL }
};

static gboolean
copy_init (LsVM   *vm,
           LsDict *dict)
{
  _ls_mod_add_funcs (vm, dict, copy_funcs, LS_UNDEF);
  return TRUE;
}

void
_ls_mod_misc_register (LsVM *vm)
{
  ls_vm_register_module (vm, "_lsutil", util_init);
  ls_vm_register_module (vm, "operator", operator_init);
  ls_vm_register_module (vm, "heapq", heapq_init);
  ls_vm_register_module (vm, "bisect", bisect_init);
  ls_vm_register_module (vm, "string", string_init);
  ls_vm_register_module (vm, "copy", copy_init);
}
