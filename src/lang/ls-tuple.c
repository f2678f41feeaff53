/* ls-tuple.c: tuples, and the sequence helpers tuples and lists share
 * (lexicographic comparison, repetition, repr).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ls-lang.h"
#include "ls-types-private.h"

static LsTuple *
tuple_alloc (LsVM   *vm,
             LsType *type,
             gsize   len)
{
  LsTuple *t = ls_gc_alloc (vm, LS_OBJ_TUPLE, type, sizeof (LsTuple) + len * sizeof (LsValue));

  t->len = len;
  return t;
}

LsTuple *
ls_tuple_new (LsVM *vm,
              gsize len)
{
  LsTuple *t;
  gsize i;

  if (len == 0 && LS_IS_OBJ (vm->empty_tuple))
    return LS_TUPLE (vm->empty_tuple);
  t = tuple_alloc (vm, vm->types[LS_T_TUPLE], len);
  for (i = 0; i < len; i++)
    t->items[i] = LS_NONE;
  return t;
}

LsTuple *
ls_tuple_from (LsVM          *vm,
               const LsValue *items,
               gsize          len)
{
  LsTuple *t;

  if (len == 0 && LS_IS_OBJ (vm->empty_tuple))
    return LS_TUPLE (vm->empty_tuple);
  t = tuple_alloc (vm, vm->types[LS_T_TUPLE], len);
  if (len > 0)
    memcpy (t->items, items, len * sizeof (LsValue));
  return t;
}

static LsTuple *
tuple_from_typed (LsVM          *vm,
                  LsType        *type,
                  const LsValue *items,
                  gsize          len)
{
  LsTuple *t;

  if (type == vm->types[LS_T_TUPLE])
    return ls_tuple_from (vm, items, len);
  t = tuple_alloc (vm, type, len);
  if (len > 0)
    memcpy (t->items, items, len * sizeof (LsValue));
  return t;
}

/* ------------------------------------------------------------- indexing */

static LsValue
tuple_slice (LsVM    *vm,
             LsTuple *t,
             LsSlice *slice)
{
  gint64 start, stop, step, n, i;
  LsTuple *r;

  if (!ls_slice_indices (vm, slice, t->len, &start, &stop, &step, &n))
    return LS_ERR;
  if (n == (gint64) t->len && step == 1 && t->hdr.type == vm->types[LS_T_TUPLE])
    return ls_obj (t);
  if (n <= 0)
    return ls_obj (ls_tuple_new (vm, 0));
  if (step == 1)
    return ls_obj (ls_tuple_from (vm, t->items + start, n));
  r = tuple_alloc (vm, vm->types[LS_T_TUPLE], n);
  for (i = 0; i < n; i++)
    r->items[i] = t->items[start + i * step];
  return ls_obj (r);
}

LsValue
_ls_tuple_getitem (LsVM    *vm,
                   LsTuple *t,
                   LsValue  key)
{
  gint64 i;

  if (LS_IS_INTLIKE (key))
    i = LS_AS_INT (key);
  else if (LS_OBJ_IS (key, LS_OBJ_SLICE))
    return tuple_slice (vm, t, LS_SLICE (key));
  else if (LS_IS_FLOAT (key) || LS_IS_STR (key) || !ls_index_value (vm, key, &i))
    {
      ls_exc_clear (vm);
      return ls_raise (vm, LS_EXC_TYPE_ERROR, "tuple indices must be integers or slices, not %s",
                       ls_type_name (vm, key));
    }
  if (i < 0)
    i += t->len;
  if (i < 0 || (guint64) i >= t->len)
    return ls_raise (vm, LS_EXC_INDEX_ERROR, "tuple index out of range");
  return t->items[i];
}

LsValue
_ls_tuple_concat (LsVM    *vm,
                  LsTuple *a,
                  LsTuple *b)
{
  LsTuple *r;

  if (b->len == 0 && a->hdr.type == vm->types[LS_T_TUPLE])
    return ls_obj (a);
  if (a->len == 0 && b->hdr.type == vm->types[LS_T_TUPLE])
    return ls_obj (b);
  r = tuple_alloc (vm, vm->types[LS_T_TUPLE], a->len + b->len);
  memcpy (r->items, a->items, a->len * sizeof (LsValue));
  memcpy (r->items + a->len, b->items, b->len * sizeof (LsValue));
  return ls_obj (r);
}

/* seq * n for tuples and lists */
LsValue
_ls_seq_repeat (LsVM   *vm,
                LsValue seq,
                gint64  n)
{
  gsize len, i, total;
  const LsValue *items = _ls_seq_items (seq, &len);
  LsValue *dst;

  if (n < 0)
    n = 0;
  if (len > 0 && (guint64) n > (G_MAXSIZE / sizeof (LsValue)) / len)
    return ls_raise (vm, LS_EXC_MEMORY_ERROR, "%s", "");
  total = len * n;
  if (!_ls_check_alloc (vm, (guint64) total * sizeof (LsValue)))
    return LS_ERR;
  if (LS_IS_TUPLE (seq))
    {
      LsTuple *r;
      if (n == 1 && LS_AS_OBJ (seq)->type == vm->types[LS_T_TUPLE])
        return seq;
      if (total == 0)
        return ls_obj (ls_tuple_new (vm, 0));
      r = tuple_alloc (vm, vm->types[LS_T_TUPLE], total);
      dst = r->items;
      for (i = 0; i < (gsize) n; i++)
        memcpy (dst + i * len, items, len * sizeof (LsValue));
      return ls_obj (r);
    }
  else
    {
      LsList *r = ls_list_new (vm, total);
      if (r->cap < total)
        return LS_ERR;
      items = _ls_seq_items (seq, &len);
      for (i = 0; len > 0 && i < (gsize) n; i++)
        memcpy (r->items + i * len, items, len * sizeof (LsValue));
      r->len = total;
      return ls_obj (r);
    }
}

/* ----------------------------------------------------------- iteration */

static int
tuple_iter_next (LsVM    *vm,
                 LsIter  *it,
                 LsValue *out)
{
  LsTuple *t;

  if (!LS_IS_OBJ (it->a))
    return 0;
  t = LS_TUPLE (it->a);
  if ((guint64) it->i >= t->len)
    {
      it->a = LS_NONE;
      return 0;
    }
  *out = t->items[it->i++];
  return 1;
}

LsValue
_ls_tuple_iter (LsVM    *vm,
                LsTuple *t)
{
  return ls_obj (_ls_iter_alloc (vm, LS_ITER_TYPE (vm, TUPLE), tuple_iter_next, ls_obj (t)));
}

/* --------------------------------------------------------------- hash */

#define XXPRIME_1 G_GUINT64_CONSTANT (11400714785074694791)
#define XXPRIME_2 G_GUINT64_CONSTANT (14029467366897019727)
#define XXPRIME_5 G_GUINT64_CONSTANT (2870177450012600261)
#define XXROTATE(x) (((x) << 31) | ((x) >> 33))

/* CPython 3.11's tuple hash (an xxHash variant), so that sets of tuples
 * iterate in CPython's order. */
gint64
_ls_tuple_hash (LsVM    *vm,
                LsTuple *t,
                gboolean *ok)
{
  guint64 acc = XXPRIME_5;
  gsize i;

  *ok = TRUE;
  for (i = 0; i < t->len; i++)
    {
      gint64 h;
      if (!ls_hash (vm, t->items[i], &h))
        {
          *ok = FALSE;
          return -1;
        }
      acc += (guint64) h * XXPRIME_2;
      acc = XXROTATE (acc);
      acc *= XXPRIME_1;
    }
  acc += t->len ^ (XXPRIME_5 ^ G_GUINT64_CONSTANT (3527539));
  if (acc == (guint64) -1)
    return 1546275796;
  return (gint64) acc;
}

/* ---------------------------------------------------- shared sequences */

/* nesting depth of container comparisons on this thread, so that deeply
 * nested lists raise RecursionError instead of exhausting the C stack */
static _Thread_local int compare_depth;

static int seq_richcmp (LsVM *vm, LsValue a, LsValue b, LsCmpOpKind op);

int
_ls_seq_richcmp (LsVM       *vm,
                 LsValue     a,
                 LsValue     b,
                 LsCmpOpKind op)
{
  int r;

  if (compare_depth > MAX (vm->recursion_limit, 50))
    {
      ls_raise (vm, LS_EXC_RECURSION_ERROR, "maximum recursion depth exceeded in comparison");
      return -1;
    }
  compare_depth++;
  r = seq_richcmp (vm, a, b, op);
  compare_depth--;
  return r;
}

static int
seq_richcmp (LsVM       *vm,
             LsValue     a,
             LsValue     b,
             LsCmpOpKind op)
{
  gsize na, nb, i;
  const LsValue *ia, *ib;
  LsValue r;

  ia = _ls_seq_items (a, &na);
  ib = _ls_seq_items (b, &nb);
  if ((op == LS_CMP_EQ || op == LS_CMP_NE) && na != nb)
    return op == LS_CMP_NE;
  for (i = 0;; i++)
    {
      int eq;
      ia = _ls_seq_items (a, &na);
      ib = _ls_seq_items (b, &nb);
      if (i >= na || i >= nb)
        break;
      if (ls_is (ia[i], ib[i]))
        continue;
      eq = ls_eq (vm, ia[i], ib[i]);
      if (eq < 0)
        return -1;
      if (!eq)
        break;
    }
  if (i >= na || i >= nb)
    {
      switch (op)
        {
        case LS_CMP_LT: return na < nb;
        case LS_CMP_LE: return na <= nb;
        case LS_CMP_EQ: return na == nb;
        case LS_CMP_NE: return na != nb;
        case LS_CMP_GT: return na > nb;
        case LS_CMP_GE: return na >= nb;
        default: return 0;
        }
    }
  if (op == LS_CMP_EQ)
    return 0;
  if (op == LS_CMP_NE)
    return 1;
  r = ls_compare (vm, ia[i], ib[i], op);
  if (LS_IS_ERR (r))
    return -1;
  return ls_truthy (vm, r);
}

LsValue
_ls_seq_repr (LsVM   *vm,
              LsValue self)
{
  gboolean is_tuple = LS_IS_TUPLE (self);
  LsReprGuard guard;
  GString *out;
  gsize n, i;
  int st;

  _ls_seq_items (self, &n);
  if (n == 0)
    return ls_obj (ls_str_new (vm, is_tuple ? "()" : "[]", 2));
  st = _ls_repr_enter (vm, &guard, LS_AS_OBJ (self));
  if (st <= 0)
    return st < 0 ? LS_ERR : ls_obj (ls_str_new (vm, is_tuple ? "(...)" : "[...]", 5));
  out = g_string_new (is_tuple ? "(" : "[");
  for (i = 0;; i++)
    {
      const LsValue *items = _ls_seq_items (self, &n);
      LsValue r;
      if (i >= n)
        break;
      if (i > 0)
        g_string_append (out, ", ");
      r = ls_repr (vm, items[i]);
      if (LS_IS_ERR (r))
        {
          _ls_repr_leave (&guard);
          g_string_free (out, TRUE);
          return LS_ERR;
        }
      g_string_append_len (out, LS_STR (r)->data, LS_STR (r)->len);
    }
  _ls_repr_leave (&guard);
  if (is_tuple && n == 1)
    g_string_append_c (out, ',');
  g_string_append_c (out, is_tuple ? ')' : ']');
  return _ls_str_from_gstring (vm, out);
}

/* -------------------------------------------------------------- methods */

static LsValue
tuple_count (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsTuple *t = LS_TUPLE (self);
  gint64 n = 0;
  gsize i;

  if (!_ls_check_args (vm, "tuple.count", nargs, kwnames, 1, 1))
    return LS_ERR;
  for (i = 0; i < t->len; i++)
    {
      int eq = ls_is (t->items[i], args[0]) ? 1 : ls_eq (vm, t->items[i], args[0]);
      if (eq < 0)
        return LS_ERR;
      n += eq;
    }
  return ls_int (n);
}

/* start/stop arguments of index(): clamped like a slice */
static gboolean
index_bounds (LsVM          *vm,
              const LsValue *args,
              int            nargs,
              gsize          len,
              gint64        *start,
              gint64        *stop)
{
  *start = 0;
  *stop = len;
  for (int k = 1; k < nargs && k < 3; k++)
    {
      gint64 v, *out = k == 1 ? start : stop;
      if (!ls_index_value (vm, args[k], &v))
        {
          ls_exc_clear (vm);
          ls_raise (vm, LS_EXC_TYPE_ERROR,
                    "slice indices must be integers or have an __index__ method");
          return FALSE;
        }
      if (v < 0)
        v = MAX (v + (gint64) len, 0);
      *out = MIN (v, (gint64) len);
    }
  return TRUE;
}

static LsValue
tuple_index (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsTuple *t = LS_TUPLE (self);
  gint64 start, stop, i;

  if (!_ls_check_args (vm, "index", nargs, kwnames, 1, 3))
    return LS_ERR;
  if (!index_bounds (vm, args, nargs, t->len, &start, &stop))
    return LS_ERR;
  for (i = start; i < stop && (gsize) i < t->len; i++)
    {
      int eq = ls_is (t->items[i], args[0]) ? 1 : ls_eq (vm, t->items[i], args[0]);
      if (eq < 0)
        return LS_ERR;
      if (eq)
        return ls_int (i);
    }
  return ls_raise (vm, LS_EXC_VALUE_ERROR, "tuple.index(x): x not in tuple");
}

static LsValue
tuple_dunder_getitem (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "tuple.__getitem__", nargs, kwnames, 1, 1))
    return LS_ERR;
  return _ls_tuple_getitem (vm, LS_TUPLE (self), args[0]);
}

static LsValue
tuple_dunder_len (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "tuple.__len__", nargs, kwnames, 0, 0))
    return LS_ERR;
  return ls_int (LS_TUPLE (self)->len);
}

static LsValue
tuple_dunder_iter (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "tuple.__iter__", nargs, kwnames, 0, 0))
    return LS_ERR;
  return _ls_tuple_iter (vm, LS_TUPLE (self));
}

static LsValue
tuple_dunder_repr (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "tuple.__repr__", nargs, kwnames, 0, 0))
    return LS_ERR;
  return _ls_seq_repr (vm, self);
}

/* tuple(iterable) for tuple and its subclasses (namedtuple) */
static LsValue
make_tuple (LsVM   *vm,
            LsType *type,
            LsValue iterable)
{
  LsList *items;

  if (LS_IS_UNDEF (iterable))
    return ls_obj (type == vm->types[LS_T_TUPLE] ? ls_tuple_new (vm, 0) : tuple_alloc (vm, type, 0));
  if (LS_IS_TUPLE (iterable) && LS_AS_OBJ (iterable)->type == type && type == vm->types[LS_T_TUPLE])
    return iterable;
  if (LS_IS_TUPLE (iterable))
    return ls_obj (tuple_from_typed (vm, type, LS_TUPLE (iterable)->items, LS_TUPLE (iterable)->len));
  items = ls_list_from_iterable (vm, iterable);
  if (items == NULL)
    return LS_ERR;
  return ls_obj (tuple_from_typed (vm, type, items->items, items->len));
}

static LsValue
tuple_ctor (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  LsType *type = (LsType *) LS_AS_OBJ (self);

  if (kwnames != NULL && kwnames->len > 0 && type == vm->types[LS_T_TUPLE])
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "tuple() takes no keyword arguments");
  if (nargs > 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "tuple expected at most 1 argument, got %d", nargs);
  return make_tuple (vm, type, nargs == 1 ? args[0] : LS_UNDEF);
}

/* tuple.__new__(cls[, iterable]): for subclasses that define __new__ */
static LsValue
tuple_dunder_new (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (nargs < 1 || !LS_OBJ_IS (args[0], LS_OBJ_TYPE))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "tuple.__new__(X): X is not a type object");
  if (!ls_is_subtype ((LsType *) LS_AS_OBJ (args[0]), vm->types[LS_T_TUPLE]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "tuple.__new__(%s): %s is not a subtype of tuple",
                     ((LsType *) LS_AS_OBJ (args[0]))->name->data,
                     ((LsType *) LS_AS_OBJ (args[0]))->name->data);
  if (nargs > 2)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "tuple expected at most 1 argument, got %d", nargs - 1);
  return make_tuple (vm, (LsType *) LS_AS_OBJ (args[0]), nargs == 2 ? args[1] : LS_UNDEF);
}

void
_ls_tuple_init_type (LsVM *vm)
{
  LsType *type = vm->types[LS_T_TUPLE];

  if (!LS_IS_OBJ (vm->empty_tuple))
    vm->empty_tuple = ls_obj (tuple_alloc (vm, type, 0));
  type->ctor = tuple_ctor;
  ls_type_add_method (vm, type, "count", tuple_count);
  ls_type_add_method (vm, type, "index", tuple_index);
  ls_type_add_method (vm, type, "__getitem__", tuple_dunder_getitem);
  ls_type_add_method (vm, type, "__len__", tuple_dunder_len);
  ls_type_add_method (vm, type, "__iter__", tuple_dunder_iter);
  ls_type_add_method (vm, type, "__repr__", tuple_dunder_repr);
  ls_type_add_static (vm, type, "__new__", tuple_dunder_new);
  LS_ITER_TYPE (vm, TUPLE) = _ls_iter_type_new (vm, "tuple_iterator");
}
