/* ls-range.c: range objects with a fast native iterator, and slice
 * objects with CPython's index adjustment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ls-lang.h"
#include "ls-types-private.h"

static gint64
range_length (gint64 start,
              gint64 stop,
              gint64 step)
{
  guint64 span;

  if (step > 0 && start < stop)
    {
      span = (guint64) stop - (guint64) start - 1;
      return (gint64) (span / (guint64) step + 1);
    }
  if (step < 0 && start > stop)
    {
      span = (guint64) start - (guint64) stop - 1;
      return (gint64) (span / (0 - (guint64) step) + 1);
    }
  return 0;
}

LsValue
ls_range_new (LsVM  *vm,
              gint64 start,
              gint64 stop,
              gint64 step)
{
  LsRange *r;

  if (step == 0)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "range() arg 3 must not be zero");
  r = ls_gc_alloc (vm, LS_OBJ_RANGE, vm->types[LS_T_RANGE], sizeof (LsRange));
  r->start = start;
  r->stop = stop;
  r->step = step;
  r->len = range_length (start, stop, step);
  return ls_obj (r);
}

static gboolean
index_arg (LsVM   *vm,
           LsValue v,
           gint64 *out)
{
  if (LS_IS_INTLIKE (v))
    {
      *out = LS_AS_INT (v);
      return TRUE;
    }
  if (!LS_IS_FLOAT (v) && !LS_IS_STR (v) && ls_index_value (vm, v, out))
    return TRUE;
  if (!LS_IS_UNDEF (vm->exc) && !ls_exc_pending_is (vm, LS_EXC_TYPE_ERROR))
    return FALSE;
  ls_exc_clear (vm);
  ls_raise (vm, LS_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
            ls_type_name (vm, v));
  return FALSE;
}

static LsValue
range_ctor (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  gint64 v[3] = { 0, 0, 1 };
  int i;

  if (kwnames != NULL && kwnames->len > 0)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "range() takes no keyword arguments");
  if (nargs < 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "range expected at least 1 argument, got %d", nargs);
  if (nargs > 3)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "range expected at most 3 arguments, got %d", nargs);
  for (i = 0; i < nargs; i++)
    if (!index_arg (vm, args[i], &v[nargs == 1 ? 1 : i]))
      return LS_ERR;
  return ls_range_new (vm, v[0], v[1], v[2]);
}

/* ------------------------------------------------------------- indexing */

LsValue
_ls_range_getitem (LsVM    *vm,
                   LsRange *r,
                   LsValue  key)
{
  gint64 i;

  if (LS_OBJ_IS (key, LS_OBJ_SLICE))
    {
      gint64 start, stop, step, n;
      if (!ls_slice_indices (vm, LS_SLICE (key), r->len, &start, &stop, &step, &n))
        return LS_ERR;
      return ls_range_new (vm, r->start + start * r->step, r->start + stop * r->step,
                           r->step * step);
    }
  if (LS_IS_INTLIKE (key))
    i = LS_AS_INT (key);
  else if (LS_IS_FLOAT (key) || LS_IS_STR (key) || !ls_index_value (vm, key, &i))
    {
      ls_exc_clear (vm);
      return ls_raise (vm, LS_EXC_TYPE_ERROR, "range indices must be integers or slices, not %s",
                       ls_type_name (vm, key));
    }
  if (i < 0)
    i += r->len;
  if (i < 0 || i >= r->len)
    return ls_raise (vm, LS_EXC_INDEX_ERROR, "range object index out of range");
  return ls_int (r->start + i * r->step);
}

static gboolean
range_has_int (LsRange *r,
               gint64   v)
{
  if (r->len == 0)
    return FALSE;
  if (r->step > 0 ? (v < r->start || v >= r->stop) : (v > r->start || v <= r->stop))
    return FALSE;
  return ((guint64) v - (guint64) r->start) % (r->step > 0 ? (guint64) r->step : 0 - (guint64) r->step) == 0;
}

int
_ls_range_contains (LsVM    *vm,
                    LsRange *r,
                    LsValue  v)
{
  gint64 i;

  if (LS_IS_INTLIKE (v))
    return range_has_int (r, LS_AS_INT (v));
  for (i = 0; i < r->len; i++)
    {
      int eq = ls_eq (vm, ls_int (r->start + i * r->step), v);
      if (eq != 0)
        return eq;
    }
  return 0;
}

int
_ls_range_equal (LsRange *a,
                 LsRange *b)
{
  if (a == b)
    return 1;
  if (a->len != b->len)
    return 0;
  if (a->len == 0)
    return 1;
  if (a->start != b->start)
    return 0;
  return a->len == 1 || a->step == b->step;
}

gint64
_ls_range_hash (LsVM    *vm,
                LsRange *r)
{
  LsValue items[3];
  gboolean ok;

  items[0] = ls_int (r->len);
  items[1] = r->len == 0 ? LS_NONE : ls_int (r->start);
  items[2] = r->len <= 1 ? LS_NONE : ls_int (r->step);
  return _ls_tuple_hash (vm, ls_tuple_from (vm, items, 3), &ok);
}

LsValue
_ls_range_repr (LsVM    *vm,
                LsRange *r)
{
  if (r->step == 1)
    return ls_obj (ls_str_printf (vm, "range(%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                                  r->start, r->stop));
  return ls_obj (ls_str_printf (vm, "range(%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %"
                                G_GINT64_FORMAT ")", r->start, r->stop, r->step));
}

/* ------------------------------------------------------------ iteration */

/* it->i: next value, it->n: values left, it->b: the step */
static int
range_iter_next (LsVM    *vm,
                 LsIter  *it,
                 LsValue *out)
{
  if (it->n <= 0)
    return 0;
  *out = ls_int (it->i);
  it->n--;
  it->i = (gint64) ((guint64) it->i + (guint64) LS_AS_INT (it->b));
  return 1;
}

static LsValue
range_iter_new (LsVM  *vm,
                gint64 start,
                gint64 step,
                gint64 len)
{
  LsIter *it = _ls_iter_alloc (vm, LS_ITER_TYPE (vm, RANGE), range_iter_next, LS_NONE);

  it->i = start;
  it->n = len;
  it->b = ls_int (step);
  return ls_obj (it);
}

LsValue
_ls_range_iter (LsVM    *vm,
                LsRange *r)
{
  return range_iter_new (vm, r->start, r->step, r->len);
}

/* -------------------------------------------------------------- methods */

#define SELF ((LsRange *) LS_AS_OBJ (self))

static LsValue
range_start (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return ls_int (SELF->start);
}

static LsValue
range_stop (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return ls_int (SELF->stop);
}

static LsValue
range_step (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return ls_int (SELF->step);
}

static LsValue
range_count (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  gint64 i, n = 0;

  if (!_ls_check_args (vm, "range.count", nargs, kwnames, 1, 1))
    return LS_ERR;
  if (LS_IS_INTLIKE (args[0]))
    return ls_int (range_has_int (SELF, LS_AS_INT (args[0])) ? 1 : 0);
  for (i = 0; i < SELF->len; i++)
    {
      int eq = ls_eq (vm, ls_int (SELF->start + i * SELF->step), args[0]);
      if (eq < 0)
        return LS_ERR;
      n += eq;
    }
  return ls_int (n);
}

static LsValue
range_index (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsRange *r = SELF;
  gint64 i;

  if (!_ls_check_args (vm, "range.index", nargs, kwnames, 1, 1))
    return LS_ERR;
  if (LS_IS_INTLIKE (args[0]))
    {
      gint64 v = LS_AS_INT (args[0]);
      if (range_has_int (r, v))
        return ls_int ((v - r->start) / r->step);
    }
  else
    for (i = 0; i < r->len; i++)
      {
        int eq = ls_eq (vm, ls_int (r->start + i * r->step), args[0]);
        if (eq < 0)
          return LS_ERR;
        if (eq)
          return ls_int (i);
      }
  {
    LsValue rep = ls_repr (vm, args[0]);
    if (LS_IS_ERR (rep))
      return rep;
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "%s is not in range", LS_STR (rep)->data);
  }
}

static LsValue
range_dunder_reversed (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsRange *r = SELF;

  return range_iter_new (vm, r->start + (r->len - 1) * r->step, -r->step, r->len);
}

static LsValue
range_dunder_len (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return ls_int (SELF->len);
}

static LsValue
range_dunder_iter (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return _ls_range_iter (vm, SELF);
}

static LsValue
range_dunder_getitem (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "range.__getitem__", nargs, kwnames, 1, 1))
    return LS_ERR;
  return _ls_range_getitem (vm, SELF, args[0]);
}

static LsValue
range_dunder_contains (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  int r;

  if (!_ls_check_args (vm, "range.__contains__", nargs, kwnames, 1, 1))
    return LS_ERR;
  r = _ls_range_contains (vm, SELF, args[0]);
  return r < 0 ? LS_ERR : ls_bool (r);
}

/* --------------------------------------------------------------- slices */

LsValue
ls_slice_new (LsVM   *vm,
              LsValue start,
              LsValue stop,
              LsValue step)
{
  LsSlice *s = ls_gc_alloc (vm, LS_OBJ_SLICE, vm->types[LS_T_SLICE], sizeof (LsSlice));

  s->start = LS_IS_UNDEF (start) ? LS_NONE : start;
  s->stop = LS_IS_UNDEF (stop) ? LS_NONE : stop;
  s->step = LS_IS_UNDEF (step) ? LS_NONE : step;
  return ls_obj (s);
}

static gboolean
slice_index (LsVM   *vm,
             LsValue v,
             gint64 *out)
{
  if (LS_IS_INTLIKE (v))
    {
      *out = LS_AS_INT (v);
      return TRUE;
    }
  if (!LS_IS_FLOAT (v) && !LS_IS_STR (v) && ls_index_value (vm, v, out))
    return TRUE;
  ls_exc_clear (vm);
  ls_raise (vm, LS_EXC_TYPE_ERROR, "slice indices must be integers or None or have an __index__ method");
  return FALSE;
}

static gint64
adjust (gint64 i,
        gint64 length,
        gint64 step)
{
  if (i < 0)
    {
      i += length;
      if (i < 0)
        i = step < 0 ? -1 : 0;
    }
  else if (i >= length)
    i = step < 0 ? length - 1 : length;
  return i;
}

gboolean
ls_slice_indices (LsVM    *vm,
                  LsSlice *s,
                  gint64   length,
                  gint64  *start,
                  gint64  *stop,
                  gint64  *step,
                  gint64  *slicelen)
{
  if (LS_IS_NONE (s->step))
    *step = 1;
  else
    {
      if (!slice_index (vm, s->step, step))
        return FALSE;
      if (*step == 0)
        {
          ls_raise (vm, LS_EXC_VALUE_ERROR, "slice step cannot be zero");
          return FALSE;
        }
      if (*step == G_MININT64)
        *step = -G_MAXINT64;
    }
  if (LS_IS_NONE (s->start))
    *start = *step < 0 ? length - 1 : 0;
  else if (!slice_index (vm, s->start, start))
    return FALSE;
  else
    *start = adjust (*start, length, *step);
  if (LS_IS_NONE (s->stop))
    *stop = *step < 0 ? -1 : length;
  else if (!slice_index (vm, s->stop, stop))
    return FALSE;
  else
    *stop = adjust (*stop, length, *step);
  if (*step < 0)
    *slicelen = *stop < *start ? (*start - *stop - 1) / (-*step) + 1 : 0;
  else
    *slicelen = *start < *stop ? (*stop - *start - 1) / *step + 1 : 0;
  return TRUE;
}

LsValue
_ls_slice_repr (LsVM    *vm,
                LsSlice *s)
{
  LsValue a = ls_repr (vm, s->start), b, c;

  if (LS_IS_ERR (a) || LS_IS_ERR (b = ls_repr (vm, s->stop)) || LS_IS_ERR (c = ls_repr (vm, s->step)))
    return LS_ERR;
  return ls_obj (ls_str_printf (vm, "slice(%s, %s, %s)", LS_STR (a)->data, LS_STR (b)->data,
                                LS_STR (c)->data));
}

static LsValue
slice_ctor (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  if (kwnames != NULL && kwnames->len > 0)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "slice() takes no keyword arguments");
  if (nargs < 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "slice expected at least 1 argument, got %d", nargs);
  if (nargs > 3)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "slice expected at most 3 arguments, got %d", nargs);
  if (nargs == 1)
    return ls_slice_new (vm, LS_NONE, args[0], LS_NONE);
  return ls_slice_new (vm, args[0], args[1], nargs == 3 ? args[2] : LS_NONE);
}

static LsValue
slice_start (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return LS_SLICE (self)->start;
}

static LsValue
slice_stop (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return LS_SLICE (self)->stop;
}

static LsValue
slice_step (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return LS_SLICE (self)->step;
}

static LsValue
slice_indices_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  gint64 len, start, stop, step, n;
  LsValue items[3];

  if (!_ls_check_args (vm, "slice.indices", nargs, kwnames, 1, 1))
    return LS_ERR;
  if (!index_arg (vm, args[0], &len))
    return LS_ERR;
  if (len < 0)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "length should not be negative");
  if (!ls_slice_indices (vm, LS_SLICE (self), len, &start, &stop, &step, &n))
    return LS_ERR;
  items[0] = ls_int (start);
  items[1] = ls_int (stop);
  items[2] = ls_int (step);
  return ls_obj (ls_tuple_from (vm, items, 3));
}

void
_ls_range_init_types (LsVM *vm)
{
  LsType *range = vm->types[LS_T_RANGE], *slice = vm->types[LS_T_SLICE];

  range->ctor = range_ctor;
  _ls_type_add_getter (vm, range, "start", range_start);
  _ls_type_add_getter (vm, range, "stop", range_stop);
  _ls_type_add_getter (vm, range, "step", range_step);
  ls_type_add_method (vm, range, "count", range_count);
  ls_type_add_method (vm, range, "index", range_index);
  ls_type_add_method (vm, range, "__reversed__", range_dunder_reversed);
  ls_type_add_method (vm, range, "__len__", range_dunder_len);
  ls_type_add_method (vm, range, "__iter__", range_dunder_iter);
  ls_type_add_method (vm, range, "__getitem__", range_dunder_getitem);
  ls_type_add_method (vm, range, "__contains__", range_dunder_contains);
  LS_ITER_TYPE (vm, RANGE) = _ls_iter_type_new (vm, "range_iterator");

  slice->ctor = slice_ctor;
  _ls_type_add_getter (vm, slice, "start", slice_start);
  _ls_type_add_getter (vm, slice, "stop", slice_stop);
  _ls_type_add_getter (vm, slice, "step", slice_step);
  ls_type_add_method (vm, slice, "indices", slice_indices_method);
}
