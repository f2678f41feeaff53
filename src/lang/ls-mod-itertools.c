/* ls-mod-itertools.c: the itertools module, as native iterators (LsIter):
 * each iterator keeps its state in the three traced value slots and the two
 * counters of LsIter, following the algorithms the itertools docs give.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ls-lang.h"
#include "ls-modules-private.h"

static LsIter *
new_iter (LsValue      self,
          LsVM        *vm,
          LsIterNextFn next)
{
  return ls_iter_new (vm, (LsType *) LS_AS_OBJ (self), next);
}

static LsIter *
iter_of (LsValue v)
{
  return (LsIter *) LS_AS_OBJ (v);
}

static LsValue
pack_tuple (LsVM    *vm,
            LsList  *pool,
            LsList  *indices,
            gsize    r)
{
  LsTuple *t = ls_tuple_new (vm, r);

  for (gsize i = 0; i < r; i++)
    t->items[i] = pool->items[LS_AS_INT (indices->items[i])];
  return ls_obj (t);
}

static LsList *
int_list (LsVM   *vm,
          gint64  start,
          gint64  n,
          gint64  step)
{
  LsList *l = ls_list_new (vm, MAX (n, 0));

  for (gint64 i = 0; i < n; i++)
    ls_list_append (vm, l, ls_int (start + i * step));
  return l;
}

static gboolean
no_kwargs (LsVM       *vm,
           const char *name,
           LsTuple    *kwnames)
{
  if (_ls_n_kwargs (kwnames) == 0)
    return TRUE;
  ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() takes no keyword arguments", name);
  return FALSE;
}

/* Positional/keyword arguments by name, for the constructors that take keywords. */
static gboolean
ctor_args (LsVM              *vm,
           const char        *name,
           const LsValue     *args,
           int                nargs,
           LsTuple           *kwnames,
           const char *const *names,
           int                min,
           LsValue           *out)
{
  int n = 0;

  while (names[n] != NULL)
    n++;
  if (nargs > n)
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() takes at most %d argument%s (%d given)", name, n,
                n == 1 ? "" : "s", nargs);
      return FALSE;
    }
  for (int i = 0; i < nargs; i++)
    out[i] = args[i];
  if (!_ls_take_kwargs (vm, name, args, nargs, kwnames, names, out))
    return FALSE;
  for (int i = 0; i < min; i++)
    if (LS_IS_UNDEF (out[i]))
      {
        ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() missing required argument '%s' (pos %d)", name,
                  names[i], i + 1);
        return FALSE;
      }
  return TRUE;
}

/* ------------------------------------------------------------------- count */

/* a = current value, b = step */
static int
count_next (LsVM    *vm,
            LsIter  *it,
            LsValue *out)
{
  gint64 r;

  *out = it->a;
  if (LS_IS_INT (it->a) && LS_IS_INT (it->b)
      && !__builtin_add_overflow (LS_AS_INT (it->a), LS_AS_INT (it->b), &r))
    it->a = ls_int (r);
  else
    {
      it->a = ls_binary_op (vm, it->a, it->b, LS_BINOP_ADD);
      if (LS_IS_ERR (it->a))
        return -1;
    }
  return 1;
}

static gboolean
is_number (LsValue v)
{
  return LS_IS_INTLIKE (v) || LS_IS_FLOAT (v) || LS_IS_OBJ (v);
}

static LsValue
count_new (LsVM          *vm,
           LsValue        self,
           const LsValue *args,
           int            nargs,
           LsTuple       *kwnames)
{
  static const char *const names[] = { "start", "step", NULL };
  LsValue a[2] = { LS_UNDEF, LS_UNDEF };
  LsIter *it;

  if (!ctor_args (vm, "count", args, nargs, kwnames, names, 0, a))
    return LS_ERR;
  it = new_iter (self, vm, count_next);
  it->a = LS_IS_UNDEF (a[0]) ? ls_int (0) : a[0];
  it->b = LS_IS_UNDEF (a[1]) ? ls_int (1) : a[1];
  if (!is_number (it->a) || !is_number (it->b) || _ls_is_str (it->a) || _ls_is_str (it->b))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "a number is required");
  if (LS_IS_BOOL (it->a))
    it->a = ls_int (LS_AS_INT (it->a));
  return ls_obj (it);
}

static LsValue
count_repr (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  LsIter *it = iter_of (self);
  g_autofree char *a = _ls_repr_cstr (vm, it->a);
  g_autofree char *b = NULL;

  if (a == NULL)
    return LS_ERR;
  if (LS_IS_INT (it->b) && LS_AS_INT (it->b) == 1)
    return ls_obj (ls_str_printf (vm, "count(%s)", a));
  b = _ls_repr_cstr (vm, it->b);
  if (b == NULL)
    return LS_ERR;
  return ls_obj (ls_str_printf (vm, "count(%s, %s)", a, b));
}

/* ------------------------------------------------------------------- cycle */

/* a = source iterator (UNDEF once exhausted), b = saved items, i = index */
static int
cycle_next (LsVM    *vm,
            LsIter  *it,
            LsValue *out)
{
  LsList *saved = (LsList *) LS_AS_OBJ (it->b);

  if (!LS_IS_UNDEF (it->a))
    {
      int st = ls_iter_next (vm, it->a, out);

      if (st != 0)
        {
          if (st > 0)
            ls_list_append (vm, saved, *out);
          return st;
        }
      it->a = LS_UNDEF;
      it->i = 0;
    }
  if (saved->len == 0)
    return 0;
  if ((gsize) it->i >= saved->len)
    it->i = 0;
  *out = saved->items[it->i++];
  return 1;
}

static LsValue
cycle_new (LsVM          *vm,
           LsValue        self,
           const LsValue *args,
           int            nargs,
           LsTuple       *kwnames)
{
  LsValue src;
  LsIter *it;

  if (!no_kwargs (vm, "cycle", kwnames) || !_ls_check_nargs (vm, "cycle", nargs, 1, 1))
    return LS_ERR;
  src = ls_get_iter (vm, args[0]);
  if (LS_IS_ERR (src))
    return LS_ERR;
  it = new_iter (self, vm, cycle_next);
  it->a = src;
  it->b = ls_obj (ls_list_new (vm, 8));
  return ls_obj (it);
}

/* ------------------------------------------------------------------ repeat */

/* a = object, n = remaining (-1: forever) */
static int
repeat_next (LsVM    *vm,
             LsIter  *it,
             LsValue *out)
{
  if (it->n == 0)
    return 0;
  if (it->n > 0)
    it->n--;
  *out = it->a;
  return 1;
}

static LsValue
repeat_new (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  static const char *const names[] = { "object", "times", NULL };
  LsValue a[2] = { LS_UNDEF, LS_UNDEF };
  gint64 times = -1;
  LsIter *it;

  if (!ctor_args (vm, "repeat", args, nargs, kwnames, names, 1, a))
    return LS_ERR;
  if (!LS_IS_UNDEF (a[1]) && !ls_index_value (vm, a[1], &times))
    return LS_ERR;
  it = new_iter (self, vm, repeat_next);
  it->a = a[0];
  it->n = LS_IS_UNDEF (a[1]) ? -1 : MAX (times, 0);
  return ls_obj (it);
}

static LsValue
repeat_repr (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  LsIter *it = iter_of (self);
  g_autofree char *a = _ls_repr_cstr (vm, it->a);

  if (a == NULL)
    return LS_ERR;
  if (it->n < 0)
    return ls_obj (ls_str_printf (vm, "repeat(%s)", a));
  return ls_obj (ls_str_printf (vm, "repeat(%s, %" G_GINT64_FORMAT ")", a, it->n));
}

/* ------------------------------------------------------------------ islice */

/* a = source iterator, i = index of the next item to yield, n = stop (-1: none),
 * b = step, version = items consumed so far */
static int
islice_next (LsVM    *vm,
             LsIter  *it,
             LsValue *out)
{
  gint64 step = LS_AS_INT (it->b), old;
  LsValue v;
  int st;

  if (LS_IS_UNDEF (it->a))
    return 0;
  while ((gint64) it->version < it->i)
    {
      st = ls_iter_next (vm, it->a, &v);
      if (st <= 0)
        {
          it->a = LS_UNDEF;
          return st;
        }
      it->version++;
    }
  if (it->n != -1 && (gint64) it->version >= it->n)
    {
      it->a = LS_UNDEF;
      return 0;
    }
  st = ls_iter_next (vm, it->a, out);
  if (st <= 0)
    {
      it->a = LS_UNDEF;
      return st;
    }
  it->version++;
  old = it->i;
  it->i += step;
  if (it->i < old || (it->n != -1 && it->i > it->n))
    it->i = it->n;
  return 1;
}

static gboolean
islice_index (LsVM       *vm,
              LsValue     v,
              const char *msg,
              gint64      dflt,
              gint64     *out)
{
  if (LS_IS_NONE (v))
    {
      *out = dflt;
      return TRUE;
    }
  if (LS_IS_INTLIKE (v) && LS_AS_INT (v) >= 0)
    {
      *out = LS_AS_INT (v);
      return TRUE;
    }
  ls_raise (vm, LS_EXC_VALUE_ERROR, "%s", msg);
  return FALSE;
}

static LsValue
islice_new (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  static const char *const stop_msg =
    "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
  static const char *const idx_msg =
    "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
  gint64 start = 0, stop = -1, step = 1;
  LsValue src;
  LsIter *it;

  if (!no_kwargs (vm, "islice", kwnames) || !_ls_check_nargs (vm, "islice", nargs, 2, 4))
    return LS_ERR;
  if (nargs == 2)
    {
      if (!islice_index (vm, args[1], stop_msg, -1, &stop))
        return LS_ERR;
    }
  else
    {
      if (!islice_index (vm, args[1], idx_msg, 0, &start)
          || !islice_index (vm, args[2], idx_msg, -1, &stop))
        return LS_ERR;
      if (nargs == 4)
        {
          if (!LS_IS_NONE (args[3]) && (!LS_IS_INTLIKE (args[3]) || LS_AS_INT (args[3]) < 1))
            return ls_raise (vm, LS_EXC_VALUE_ERROR,
                             "Step for islice() must be a positive integer or None.");
          step = LS_IS_NONE (args[3]) ? 1 : LS_AS_INT (args[3]);
        }
    }
  src = ls_get_iter (vm, args[0]);
  if (LS_IS_ERR (src))
    return LS_ERR;
  it = new_iter (self, vm, islice_next);
  it->a = src;
  it->b = ls_int (step);
  it->i = start;
  it->n = stop;
  it->version = 0;
  return ls_obj (it);
}

/* ------------------------------------------------------------------- chain */

/* a = iterator over the iterables, b = current iterator (UNDEF between) */
static int
chain_next (LsVM    *vm,
            LsIter  *it,
            LsValue *out)
{
  for (;;)
    {
      LsValue src;
      int st;

      if (!LS_IS_UNDEF (it->b))
        {
          st = ls_iter_next (vm, it->b, out);
          if (st != 0)
            return st;
          it->b = LS_UNDEF;
        }
      if (LS_IS_UNDEF (it->a))
        return 0;
      st = ls_iter_next (vm, it->a, &src);
      if (st <= 0)
        {
          it->a = LS_UNDEF;
          return st;
        }
      it->b = ls_get_iter (vm, src);
      if (LS_IS_ERR (it->b))
        {
          it->b = LS_UNDEF;
          return -1;
        }
    }
}

static LsValue
chain_new (LsVM          *vm,
           LsValue        self,
           const LsValue *args,
           int            nargs,
           LsTuple       *kwnames)
{
  LsIter *it;

  if (!no_kwargs (vm, "chain", kwnames))
    return LS_ERR;
  it = new_iter (self, vm, chain_next);
  it->a = ls_get_iter (vm, ls_obj (ls_tuple_from (vm, args, nargs)));
  it->b = LS_UNDEF;
  return LS_IS_ERR (it->a) ? LS_ERR : ls_obj (it);
}

static LsValue
chain_from_iterable (LsVM          *vm,
                     LsValue        self,
                     const LsValue *args,
                     int            nargs,
                     LsTuple       *kwnames)
{
  LsValue src;
  LsIter *it;

  if (!_ls_check_one (vm, "from_iterable", nargs, kwnames))
    return LS_ERR;
  src = ls_get_iter (vm, args[0]);
  if (LS_IS_ERR (src))
    return LS_ERR;
  it = new_iter (self, vm, chain_next);
  it->a = src;
  it->b = LS_UNDEF;
  return ls_obj (it);
}

/* -------------------------------------------------------------- accumulate */

/* a = source iterator, b = function or None, c = running total (UNDEF first) */
static int
accumulate_next (LsVM    *vm,
                 LsIter  *it,
                 LsValue *out)
{
  LsValue v;
  int st;

  if (it->n)
    {
      /* initial= is yielded first */
      it->n = 0;
      *out = it->c;
      return 1;
    }
  st = ls_iter_next (vm, it->a, &v);
  if (st <= 0)
    return st;
  if (LS_IS_UNDEF (it->c))
    it->c = v;
  else if (LS_IS_NONE (it->b))
    it->c = ls_binary_op (vm, it->c, v, LS_BINOP_ADD);
  else
    {
      LsValue pair[2] = { it->c, v };

      it->c = ls_call (vm, it->b, pair, 2, NULL);
    }
  if (LS_IS_ERR (it->c))
    return -1;
  *out = it->c;
  return 1;
}

static LsValue
accumulate_new (LsVM          *vm,
                LsValue        self,
                const LsValue *args,
                int            nargs,
                LsTuple       *kwnames)
{
  static const char *const names[] = { "iterable", "func", "initial", NULL };
  LsValue a[3] = { LS_UNDEF, LS_UNDEF, LS_UNDEF }, src;
  LsIter *it;

  if (nargs > 2)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "accumulate() takes at most 2 positional arguments (%d given)", nargs);
  if (!ctor_args (vm, "accumulate", args, nargs, kwnames, names, 1, a))
    return LS_ERR;
  src = ls_get_iter (vm, a[0]);
  if (LS_IS_ERR (src))
    return LS_ERR;
  it = new_iter (self, vm, accumulate_next);
  it->a = src;
  it->b = LS_IS_UNDEF (a[1]) ? LS_NONE : a[1];
  it->c = (LS_IS_UNDEF (a[2]) || LS_IS_NONE (a[2])) ? LS_UNDEF : a[2];
  it->n = !LS_IS_UNDEF (it->c);
  return ls_obj (it);
}

/* ----------------------------------------------------------------- product */

/* a = list of pools (lists), b = indices (list of ints), n: 0 first, 1 running, 2 done */
static int
product_next (LsVM    *vm,
              LsIter  *it,
              LsValue *out)
{
  LsList *pools = (LsList *) LS_AS_OBJ (it->a);
  LsList *idx = (LsList *) LS_AS_OBJ (it->b);
  LsTuple *t;
  gssize i;

  if (it->n == 2)
    return 0;
  if (it->n == 1)
    {
      for (i = (gssize) pools->len - 1; i >= 0; i--)
        {
          LsList *pool = (LsList *) LS_AS_OBJ (pools->items[i]);
          gint64 j = LS_AS_INT (idx->items[i]) + 1;

          if ((gsize) j < pool->len)
            {
              idx->items[i] = ls_int (j);
              break;
            }
          idx->items[i] = ls_int (0);
        }
      if (i < 0)
        {
          it->n = 2;
          return 0;
        }
    }
  it->n = 1;
  t = ls_tuple_new (vm, pools->len);
  for (gsize k = 0; k < pools->len; k++)
    t->items[k] = ((LsList *) LS_AS_OBJ (pools->items[k]))->items[LS_AS_INT (idx->items[k])];
  *out = ls_obj (t);
  return 1;
}

static LsValue
product_new (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  static const char *const names[] = { "repeat", NULL };
  LsValue rep = LS_UNDEF;
  gint64 repeat = 1;
  LsList *pools, *base;
  LsIter *it;

  if (!_ls_take_kwargs (vm, "product", args, nargs, kwnames, names, &rep))
    return LS_ERR;
  if (!LS_IS_UNDEF (rep) && !ls_index_value (vm, rep, &repeat))
    return LS_ERR;
  if (repeat < 0)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "repeat argument cannot be negative");
  base = ls_list_new (vm, nargs);
  for (int i = 0; i < nargs; i++)
    {
      LsList *pool = ls_list_from_iterable (vm, args[i]);

      if (pool == NULL)
        return LS_ERR;
      if (pool == (LsList *) LS_AS_OBJ (args[i]))
        pool = ls_list_from (vm, pool->items, pool->len);
      ls_list_append (vm, base, ls_obj (pool));
    }
  pools = ls_list_new (vm, base->len * repeat);
  for (gint64 r = 0; r < repeat; r++)
    for (gsize i = 0; i < base->len; i++)
      ls_list_append (vm, pools, base->items[i]);
  it = new_iter (self, vm, product_next);
  it->a = ls_obj (pools);
  it->b = ls_obj (int_list (vm, 0, pools->len, 0));
  it->n = 0;
  for (gsize i = 0; i < pools->len; i++)
    if (((LsList *) LS_AS_OBJ (pools->items[i]))->len == 0)
      it->n = 2;
  return ls_obj (it);
}

/* ------------------------------------------------------------ permutations */

/* a = pool, b = indices, c = cycles, i = r, n: 0 first, 1 running, 2 done */
static int
permutations_next (LsVM    *vm,
                   LsIter  *it,
                   LsValue *out)
{
  LsList *pool = (LsList *) LS_AS_OBJ (it->a);
  LsList *indices = (LsList *) LS_AS_OBJ (it->b);
  LsList *cycles = (LsList *) LS_AS_OBJ (it->c);
  gint64 n = pool->len, r = it->i;

  if (it->n == 2)
    return 0;
  if (it->n == 0)
    {
      it->n = 1;
      *out = pack_tuple (vm, pool, indices, r);
      return 1;
    }
  if (n == 0)
    {
      it->n = 2;
      return 0;
    }
  for (gint64 i = r - 1; i >= 0; i--)
    {
      gint64 c = LS_AS_INT (cycles->items[i]) - 1;

      if (c == 0)
        {
          /* rotate indices[i:] left by one */
          LsValue first = indices->items[i];

          memmove (&indices->items[i], &indices->items[i + 1], (n - i - 1) * sizeof (LsValue));
          indices->items[n - 1] = first;
          cycles->items[i] = ls_int (n - i);
        }
      else
        {
          LsValue t = indices->items[i];

          cycles->items[i] = ls_int (c);
          indices->items[i] = indices->items[n - c];
          indices->items[n - c] = t;
          *out = pack_tuple (vm, pool, indices, r);
          return 1;
        }
    }
  it->n = 2;
  return 0;
}

static LsValue
permutations_new (LsVM          *vm,
                  LsValue        self,
                  const LsValue *args,
                  int            nargs,
                  LsTuple       *kwnames)
{
  static const char *const names[] = { "iterable", "r", NULL };
  LsValue a[2] = { LS_UNDEF, LS_UNDEF };
  LsList *pool;
  gint64 r;
  LsIter *it;

  if (!ctor_args (vm, "permutations", args, nargs, kwnames, names, 1, a))
    return LS_ERR;
  pool = ls_list_from_iterable (vm, a[0]);
  if (pool == NULL)
    return LS_ERR;
  pool = ls_list_from (vm, pool->items, pool->len);
  r = pool->len;
  if (!LS_IS_UNDEF (a[1]) && !LS_IS_NONE (a[1]))
    {
      if (!ls_index_value (vm, a[1], &r))
        return LS_ERR;
      if (r < 0)
        return ls_raise (vm, LS_EXC_VALUE_ERROR, "r must be non-negative");
    }
  it = new_iter (self, vm, permutations_next);
  it->a = ls_obj (pool);
  it->b = ls_obj (int_list (vm, 0, pool->len, 1));
  it->c = ls_obj (int_list (vm, pool->len, MAX (r, 0), -1));
  it->i = r;
  it->n = r > (gint64) pool->len ? 2 : 0;
  return ls_obj (it);
}

/* ------------------------------------------------------------ combinations */

/* a = pool, b = indices, i = r, n: 0 first, 1 running, 2 done; version: with replacement */
static int
combinations_next (LsVM    *vm,
                   LsIter  *it,
                   LsValue *out)
{
  LsList *pool = (LsList *) LS_AS_OBJ (it->a);
  LsList *indices = (LsList *) LS_AS_OBJ (it->b);
  gint64 n = pool->len, r = it->i, i;
  gboolean repl = it->version != 0;

  if (it->n == 2)
    return 0;
  if (it->n == 1)
    {
      for (i = r - 1; i >= 0; i--)
        if (LS_AS_INT (indices->items[i]) != (repl ? n - 1 : i + n - r))
          break;
      if (i < 0)
        {
          it->n = 2;
          return 0;
        }
      if (repl)
        {
          gint64 v = LS_AS_INT (indices->items[i]) + 1;

          for (gint64 j = i; j < r; j++)
            indices->items[j] = ls_int (v);
        }
      else
        {
          indices->items[i] = ls_int (LS_AS_INT (indices->items[i]) + 1);
          for (gint64 j = i + 1; j < r; j++)
            indices->items[j] = ls_int (LS_AS_INT (indices->items[j - 1]) + 1);
        }
    }
  it->n = 1;
  *out = pack_tuple (vm, pool, indices, r);
  return 1;
}

static LsValue
combinations_make (LsVM          *vm,
                   LsValue        self,
                   const char    *name,
                   const LsValue *args,
                   int            nargs,
                   LsTuple       *kwnames,
                   gboolean       repl)
{
  static const char *const names[] = { "iterable", "r", NULL };
  LsValue a[2] = { LS_UNDEF, LS_UNDEF };
  LsList *pool;
  gint64 r;
  LsIter *it;

  if (!ctor_args (vm, name, args, nargs, kwnames, names, 2, a) || !ls_index_value (vm, a[1], &r))
    return LS_ERR;
  if (r < 0)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "r must be non-negative");
  pool = ls_list_from_iterable (vm, a[0]);
  if (pool == NULL)
    return LS_ERR;
  pool = ls_list_from (vm, pool->items, pool->len);
  it = new_iter (self, vm, combinations_next);
  it->a = ls_obj (pool);
  it->b = ls_obj (int_list (vm, 0, r, repl ? 0 : 1));
  it->i = r;
  it->version = repl;
  it->n = (repl ? (pool->len == 0 && r > 0) : r > (gint64) pool->len) ? 2 : 0;
  return ls_obj (it);
}

static LsValue
combinations_new (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return combinations_make (vm, self, "combinations", args, nargs, kwnames, FALSE);
}

static LsValue
combinations_wr_new (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return combinations_make (vm, self, "combinations_with_replacement", args, nargs, kwnames, TRUE);
}

/* ------------------------------------------------------------- zip_longest */

/* a = list of iterators (None once exhausted), b = fillvalue, n = active count */
static int
zip_longest_next (LsVM    *vm,
                  LsIter  *it,
                  LsValue *out)
{
  LsList *its = (LsList *) LS_AS_OBJ (it->a);
  LsTuple *t;

  if (its->len == 0 || it->n == 0)
    return 0;
  t = ls_tuple_new (vm, its->len);
  for (gsize i = 0; i < its->len; i++)
    {
      int st = 0;

      if (!LS_IS_NONE (its->items[i]))
        st = ls_iter_next (vm, its->items[i], &t->items[i]);
      if (st < 0)
        return -1;
      if (st == 0)
        {
          if (!LS_IS_NONE (its->items[i]))
            {
              its->items[i] = LS_NONE;
              if (--it->n == 0)
                return 0;
            }
          t->items[i] = it->b;
        }
    }
  *out = ls_obj (t);
  return 1;
}

static LsValue
zip_longest_new (LsVM          *vm,
                 LsValue        self,
                 const LsValue *args,
                 int            nargs,
                 LsTuple       *kwnames)
{
  static const char *const names[] = { "fillvalue", NULL };
  LsValue fill = LS_NONE;
  LsList *its = ls_list_new (vm, nargs);
  LsIter *it;

  if (!_ls_take_kwargs (vm, "zip_longest", args, nargs, kwnames, names, &fill))
    return LS_ERR;
  for (int i = 0; i < nargs; i++)
    {
      LsValue src = ls_get_iter (vm, args[i]);

      if (LS_IS_ERR (src))
        return LS_ERR;
      ls_list_append (vm, its, src);
    }
  it = new_iter (self, vm, zip_longest_next);
  it->a = ls_obj (its);
  it->b = fill;
  it->n = nargs;
  return ls_obj (it);
}

/* ------------------------------------------ takewhile, dropwhile, filterfalse */

static int
call_pred (LsVM    *vm,
           LsValue  pred,
           LsValue  v)
{
  LsValue r;

  if (LS_IS_NONE (pred))
    return ls_truthy (vm, v);
  r = ls_call (vm, pred, &v, 1, NULL);
  return LS_IS_ERR (r) ? -1 : ls_truthy (vm, r);
}

/* a = predicate, b = source iterator, n = 1 once finished / dropping done */
static int
takewhile_next (LsVM    *vm,
                LsIter  *it,
                LsValue *out)
{
  int st, ok;

  if (it->n)
    return 0;
  st = ls_iter_next (vm, it->b, out);
  if (st <= 0)
    return st;
  ok = call_pred (vm, it->a, *out);
  if (ok < 0)
    return -1;
  if (ok)
    return 1;
  it->n = 1;
  return 0;
}

static int
dropwhile_next (LsVM    *vm,
                LsIter  *it,
                LsValue *out)
{
  for (;;)
    {
      int st = ls_iter_next (vm, it->b, out), ok;

      if (st <= 0 || it->n)
        return st;
      ok = call_pred (vm, it->a, *out);
      if (ok < 0)
        return -1;
      if (!ok)
        {
          it->n = 1;
          return 1;
        }
    }
}

static int
filterfalse_next (LsVM    *vm,
                  LsIter  *it,
                  LsValue *out)
{
  for (;;)
    {
      int st = ls_iter_next (vm, it->b, out), ok;

      if (st <= 0)
        return st;
      ok = call_pred (vm, it->a, *out);
      if (ok < 0)
        return -1;
      if (!ok)
        return 1;
    }
}

static LsValue
pred_iter_new (LsVM          *vm,
               LsValue        self,
               const char    *name,
               LsIterNextFn   next,
               const LsValue *args,
               int            nargs,
               LsTuple       *kwnames)
{
  LsValue src;
  LsIter *it;

  if (!no_kwargs (vm, name, kwnames) || !_ls_check_nargs (vm, name, nargs, 2, 2))
    return LS_ERR;
  src = ls_get_iter (vm, args[1]);
  if (LS_IS_ERR (src))
    return LS_ERR;
  it = new_iter (self, vm, next);
  it->a = args[0];
  it->b = src;
  return ls_obj (it);
}

static LsValue
takewhile_new (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return pred_iter_new (vm, self, "takewhile", takewhile_next, args, nargs, kwnames);
}

static LsValue
dropwhile_new (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return pred_iter_new (vm, self, "dropwhile", dropwhile_next, args, nargs, kwnames);
}

static LsValue
filterfalse_new (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return pred_iter_new (vm, self, "filterfalse", filterfalse_next, args, nargs, kwnames);
}

/* ------------------------------------------------------ starmap, compress */

/* a = function, b = source iterator */
static int
starmap_next (LsVM    *vm,
              LsIter  *it,
              LsValue *out)
{
  LsValue v;
  LsList *argl;
  int st = ls_iter_next (vm, it->b, &v);

  if (st <= 0)
    return st;
  argl = ls_list_from_iterable (vm, v);
  if (argl == NULL)
    return -1;
  *out = ls_call (vm, it->a, argl->items, (int) argl->len, NULL);
  return LS_IS_ERR (*out) ? -1 : 1;
}

static LsValue
starmap_new (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return pred_iter_new (vm, self, "starmap", starmap_next, args, nargs, kwnames);
}

/* a = data iterator, b = selector iterator */
static int
compress_next (LsVM    *vm,
               LsIter  *it,
               LsValue *out)
{
  for (;;)
    {
      LsValue sel;
      int st = ls_iter_next (vm, it->a, out), ok;

      if (st <= 0)
        return st;
      st = ls_iter_next (vm, it->b, &sel);
      if (st <= 0)
        return st;
      ok = ls_truthy (vm, sel);
      if (ok != 0)
        return ok < 0 ? -1 : 1;
    }
}

static LsValue
compress_new (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  static const char *const names[] = { "data", "selectors", NULL };
  LsValue a[2] = { LS_UNDEF, LS_UNDEF };
  LsIter *it;

  if (!ctor_args (vm, "compress", args, nargs, kwnames, names, 2, a))
    return LS_ERR;
  it = new_iter (self, vm, compress_next);
  it->a = ls_get_iter (vm, a[0]);
  if (LS_IS_ERR (it->a))
    return LS_ERR;
  it->b = ls_get_iter (vm, a[1]);
  return LS_IS_ERR (it->b) ? LS_ERR : ls_obj (it);
}

/* ---------------------------------------------------------------- pairwise */

/* a = source iterator, b = previous item (UNDEF before the first) */
static int
pairwise_next (LsVM    *vm,
               LsIter  *it,
               LsValue *out)
{
  LsValue items[2];
  int st;

  if (LS_IS_UNDEF (it->a))
    return 0;
  if (LS_IS_UNDEF (it->b))
    {
      st = ls_iter_next (vm, it->a, &it->b);
      if (st <= 0)
        {
          it->a = LS_UNDEF;
          it->b = LS_UNDEF;
          return st;
        }
    }
  st = ls_iter_next (vm, it->a, &items[1]);
  if (st <= 0)
    {
      it->a = LS_UNDEF;
      return st;
    }
  items[0] = it->b;
  it->b = items[1];
  *out = ls_obj (ls_tuple_from (vm, items, 2));
  return 1;
}

static LsValue
pairwise_new (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  LsValue src;
  LsIter *it;

  if (!no_kwargs (vm, "pairwise", kwnames) || !_ls_check_nargs (vm, "pairwise", nargs, 1, 1))
    return LS_ERR;
  src = ls_get_iter (vm, args[0]);
  if (LS_IS_ERR (src))
    return LS_ERR;
  it = new_iter (self, vm, pairwise_next);
  it->a = src;
  it->b = LS_UNDEF;
  return ls_obj (it);
}

/* ----------------------------------------------------------------- groupby */

/* groupby: a = source iterator, b = key function (None: identity),
 * c = state list [currkey, currvalue, tgtkey] (UNDEF entries: unset),
 * i = generation (bumped by each next, invalidating older groupers).
 * _grouper: a = the groupby, b = its target key, i = generation. */
enum { GB_CURRKEY, GB_CURRVALUE, GB_TGTKEY };

static int
groupby_step (LsVM   *vm,
              LsIter *gb)
{
  LsList *state = (LsList *) LS_AS_OBJ (gb->c);
  LsValue v, k;
  int st = ls_iter_next (vm, gb->a, &v);

  if (st <= 0)
    return st;
  if (LS_IS_NONE (gb->b))
    k = v;
  else
    {
      k = ls_call (vm, gb->b, &v, 1, NULL);
      if (LS_IS_ERR (k))
        return -1;
    }
  state->items[GB_CURRVALUE] = v;
  state->items[GB_CURRKEY] = k;
  return 1;
}

static int
grouper_next (LsVM    *vm,
              LsIter  *it,
              LsValue *out)
{
  LsIter *gb = iter_of (it->a);
  LsList *state = (LsList *) LS_AS_OBJ (gb->c);
  int eq;

  if (gb->i != it->i)
    return 0;
  if (LS_IS_UNDEF (state->items[GB_CURRVALUE]))
    {
      int st = groupby_step (vm, gb);

      if (st <= 0)
        return st;
    }
  eq = ls_eq (vm, it->b, state->items[GB_CURRKEY]);
  if (eq <= 0)
    return eq;
  *out = state->items[GB_CURRVALUE];
  state->items[GB_CURRVALUE] = LS_UNDEF;
  state->items[GB_CURRKEY] = LS_UNDEF;
  return 1;
}

static int
groupby_next (LsVM    *vm,
              LsIter  *it,
              LsValue *out)
{
  LsList *state = (LsList *) LS_AS_OBJ (it->c);
  LsValue grouper_type = ls_type_lookup (LS_AS_OBJ (ls_obj (it))->type, ls_str_intern (vm, "_grouper", -1));
  LsIter *g;
  LsValue items[2];

  it->i++;
  for (;;)
    {
      int st;

      if (!LS_IS_UNDEF (state->items[GB_CURRKEY]))
        {
          int eq;

          if (LS_IS_UNDEF (state->items[GB_TGTKEY]))
            break;
          eq = ls_eq (vm, state->items[GB_TGTKEY], state->items[GB_CURRKEY]);
          if (eq < 0)
            return -1;
          if (eq == 0)
            break;
        }
      st = groupby_step (vm, it);
      if (st <= 0)
        return st;
    }
  state->items[GB_TGTKEY] = state->items[GB_CURRKEY];
  g = ls_iter_new (vm, LS_OBJ_IS (grouper_type, LS_OBJ_TYPE) ? (LsType *) LS_AS_OBJ (grouper_type)
                                                              : LS_TYPE (vm, ITERATOR), grouper_next);
  g->a = ls_obj (it);
  g->b = state->items[GB_TGTKEY];
  g->i = it->i;
  items[0] = state->items[GB_CURRKEY];
  items[1] = ls_obj (g);
  *out = ls_obj (ls_tuple_from (vm, items, 2));
  return 1;
}

static LsValue
groupby_new (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  static const char *const names[] = { "iterable", "key", NULL };
  LsValue a[2] = { LS_UNDEF, LS_UNDEF }, src;
  LsList *state;
  LsIter *it;

  if (!ctor_args (vm, "groupby", args, nargs, kwnames, names, 1, a))
    return LS_ERR;
  src = ls_get_iter (vm, a[0]);
  if (LS_IS_ERR (src))
    return LS_ERR;
  state = ls_list_new (vm, 3);
  for (int i = 0; i < 3; i++)
    ls_list_append (vm, state, LS_UNDEF);
  it = new_iter (self, vm, groupby_next);
  it->a = src;
  it->b = LS_IS_UNDEF (a[1]) ? LS_NONE : a[1];
  it->c = ls_obj (state);
  it->i = 0;
  return ls_obj (it);
}

/* --------------------------------------------------------------------- tee */

/* shared state: list [source iterator, buffer list]; a = shared, i = position */
static int
tee_next (LsVM    *vm,
          LsIter  *it,
          LsValue *out)
{
  LsList *shared = (LsList *) LS_AS_OBJ (it->a);
  LsList *buf = (LsList *) LS_AS_OBJ (shared->items[1]);

  if ((gsize) it->i >= buf->len)
    {
      int st;

      if (LS_IS_NONE (shared->items[0]))
        return 0;
      st = ls_iter_next (vm, shared->items[0], out);
      if (st <= 0)
        {
          if (st == 0)
            shared->items[0] = LS_NONE;
          return st;
        }
      ls_list_append (vm, buf, *out);
    }
  *out = buf->items[it->i++];
  return 1;
}

static LsValue
tee_new (LsVM          *vm,
         LsValue        self,
         const LsValue *args,
         int            nargs,
         LsTuple       *kwnames)
{
  LsValue src, tee_type;
  LsList *shared;
  LsTuple *out;
  gint64 n = 2;

  if (!no_kwargs (vm, "tee", kwnames) || !_ls_check_nargs (vm, "tee", nargs, 1, 2))
    return LS_ERR;
  if (nargs == 2 && !ls_index_value (vm, args[1], &n))
    return LS_ERR;
  if (n < 0)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "n must be >= 0");
  src = ls_get_iter (vm, args[0]);
  if (LS_IS_ERR (src))
    return LS_ERR;
  shared = ls_list_new (vm, 2);
  ls_list_append (vm, shared, src);
  ls_list_append (vm, shared, ls_obj (ls_list_new (vm, 8)));
  tee_type = ls_dict_get_str ((LsDict *) LS_AS_OBJ (self), ls_str_intern (vm, "_tee", -1));
  out = ls_tuple_new (vm, n);
  for (gint64 i = 0; i < n; i++)
    {
      LsIter *it = ls_iter_new (vm, LS_OBJ_IS (tee_type, LS_OBJ_TYPE) ? (LsType *) LS_AS_OBJ (tee_type)
                                                                      : LS_TYPE (vm, ITERATOR), tee_next);

      it->a = ls_obj (shared);
      out->items[i] = ls_obj (it);
    }
  return ls_obj (out);
}

/* ------------------------------------------------------------------ batched */

/* a = source iterator, n = batch size */
static int
batched_next (LsVM    *vm,
              LsIter  *it,
              LsValue *out)
{
  LsList *batch;

  if (LS_IS_UNDEF (it->a))
    return 0;
  batch = ls_list_new (vm, it->n);
  while ((gint64) batch->len < it->n)
    {
      LsValue v;
      int st = ls_iter_next (vm, it->a, &v);

      if (st < 0)
        return -1;
      if (st == 0)
        {
          it->a = LS_UNDEF;
          break;
        }
      ls_list_append (vm, batch, v);
    }
  if (batch->len == 0)
    return 0;
  *out = ls_obj (ls_tuple_from (vm, batch->items, batch->len));
  return 1;
}

static LsValue
batched_new (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  static const char *const names[] = { "iterable", "n", NULL };
  LsValue a[2] = { LS_UNDEF, LS_UNDEF };
  gint64 n;
  LsIter *it;

  if (!ctor_args (vm, "batched", args, nargs, kwnames, names, 2, a) || !ls_index_value (vm, a[1], &n))
    return LS_ERR;
  if (n < 1)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "n must be at least one");
  it = new_iter (self, vm, batched_next);
  it->a = ls_get_iter (vm, a[0]);
  it->n = n;
  return LS_IS_ERR (it->a) ? LS_ERR : ls_obj (it);
}

/* -------------------------------------------------------------------- init */

static const struct
{
  const char *name;
  LsNativeFn  ctor;
} iter_types[] = {
  { "count", count_new }, { "cycle", cycle_new }, { "repeat", repeat_new },
  { "islice", islice_new }, { "chain", chain_new }, { "accumulate", accumulate_new },
  { "product", product_new }, { "permutations", permutations_new },
  { "combinations", combinations_new },
  { "combinations_with_replacement", combinations_wr_new },
  { "zip_longest", zip_longest_new }, { "takewhile", takewhile_new },
  { "dropwhile", dropwhile_new }, { "filterfalse", filterfalse_new },
  { "starmap", starmap_new }, { "compress", compress_new }, { "pairwise", pairwise_new },
  { "groupby", groupby_new }, { "batched", batched_new },
};

gboolean
_ls_mod_itertools_init (LsVM   *vm,
                        LsDict *dict)
{
  for (gsize i = 0; i < G_N_ELEMENTS (iter_types); i++)
    {
      LsType *t = _ls_mod_new_iter_type (vm, "itertools", iter_types[i].name, iter_types[i].ctor);

      ls_dict_set_cstr (vm, dict, iter_types[i].name, ls_obj (t));
      if (strcmp (iter_types[i].name, "count") == 0)
        ls_type_add_method (vm, t, "__repr__", count_repr);
      else if (strcmp (iter_types[i].name, "repeat") == 0)
        ls_type_add_method (vm, t, "__repr__", repeat_repr);
      else if (strcmp (iter_types[i].name, "chain") == 0)
        ls_type_add_classmethod (vm, t, "from_iterable", chain_from_iterable);
      else if (strcmp (iter_types[i].name, "groupby") == 0)
        ls_dict_set_cstr (vm, t->dict, "_grouper",
                          ls_obj (_ls_mod_new_iter_type (vm, "itertools", "_grouper", NULL)));
    }
  ls_dict_set_cstr (vm, dict, "_tee", ls_obj (_ls_mod_new_iter_type (vm, "itertools", "_tee", NULL)));
  ls_dict_set_cstr (vm, dict, "tee", ls_native_new (vm, "tee", tee_new, ls_obj (dict)));
  return TRUE;
}
