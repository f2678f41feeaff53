/* ls-list.c: lists: growth, indexing and slice assignment, methods, and
 * CPython's timsort (same comparisons in the same order).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ls-lang.h"
#include "ls-types-private.h"

/* ---------------------------------------------------------------- storage */

gboolean
_ls_list_reserve (LsVM   *vm,
                  LsList *l,
                  gsize   cap)
{
  LsValue *items;

  if (cap <= l->cap)
    return TRUE;
  if (cap > G_MAXSIZE / sizeof (LsValue))
    {
      ls_raise (vm, LS_EXC_MEMORY_ERROR, "%s", "");
      return FALSE;
    }
  items = ls_gc_realloc_buffer (vm, l->items, l->cap * sizeof (LsValue), cap * sizeof (LsValue));
  if (items == NULL)
    return FALSE;   /* MemoryError raised; the list keeps its old buffer */
  l->items = items;
  l->cap = cap;
  return TRUE;
}

/* Grows like CPython (about 1/8 over-allocation plus a little), which keeps
 * appends amortised O(1). */
static gboolean
list_grow (LsVM   *vm,
           LsList *l,
           gsize   need)
{
  gsize cap;

  if (need <= l->cap)
    return TRUE;
  cap = need + (need >> 3) + (need < 9 ? 3 : 6);
  return _ls_list_reserve (vm, l, cap);
}

static LsList *
list_alloc (LsVM   *vm,
            LsType *type,
            gsize   capacity)
{
  LsList *l = ls_gc_alloc (vm, LS_OBJ_LIST, type, sizeof (LsList));

  l->len = 0;
  l->cap = 0;
  l->items = NULL;
  if (capacity > 0)
    _ls_list_reserve (vm, l, capacity);
  return l;
}

LsList *
ls_list_new (LsVM *vm,
             gsize capacity)
{
  return list_alloc (vm, vm->types[LS_T_LIST], capacity);
}

LsList *
ls_list_from (LsVM          *vm,
              const LsValue *items,
              gsize          len)
{
  LsList *l = ls_list_new (vm, len);

  if (l->cap < len)
    return l;   /* MemoryError pending */
  if (len > 0)
    memcpy (l->items, items, len * sizeof (LsValue));
  l->len = len;
  return l;
}

void
ls_list_append (LsVM   *vm,
                LsList *list,
                LsValue v)
{
  if (list->len >= list->cap && !list_grow (vm, list, list->len + 1))
    return;
  list->items[list->len++] = v;
}

static gboolean
list_set_len (LsVM   *vm,
              LsList *l,
              gsize   n)
{
  if (n > l->cap && !list_grow (vm, l, n))
    return FALSE;
  l->len = n;
  return TRUE;
}

/* Replaces items [lo, hi) with n values (which must not live in l). */
static gboolean
list_splice (LsVM          *vm,
             LsList        *l,
             gsize          lo,
             gsize          hi,
             const LsValue *values,
             gsize          n)
{
  gsize old_len = l->len, tail = old_len - hi, new_len = old_len - (hi - lo) + n;

  if (new_len > l->cap && !list_grow (vm, l, new_len))
    return FALSE;
  if (tail > 0)
    memmove (l->items + lo + n, l->items + hi, tail * sizeof (LsValue));
  if (n > 0)
    memcpy (l->items + lo, values, n * sizeof (LsValue));
  l->len = new_len;
  return TRUE;
}

gboolean
_ls_list_extend (LsVM   *vm,
                 LsList *l,
                 LsValue iterable)
{
  LsValue it, v;
  int r;

  if (LS_IS_LIST (iterable) || LS_IS_TUPLE (iterable))
    {
      gsize n, len = l->len;
      const LsValue *items = _ls_seq_items (iterable, &n);
      if (!list_set_len (vm, l, len + n))
        return FALSE;
      /* re-read: l may be the source (l.extend(l)) */
      items = _ls_seq_items (iterable, &n);
      if (LS_AS_OBJ (iterable) == (LsObj *) l)
        n = len;
      if (n > 0)
        memcpy (l->items + len, items, n * sizeof (LsValue));
      return TRUE;
    }
  it = ls_get_iter (vm, iterable);
  if (LS_IS_ERR (it))
    return FALSE;
  while ((r = ls_iter_next (vm, it, &v)) > 0)
    {
      ls_list_append (vm, l, v);
      if (G_UNLIKELY (!LS_IS_UNDEF (vm->exc)))
        return FALSE;
    }
  return r == 0;
}

gboolean
ls_list_extend (LsVM   *vm,
                LsList *list,
                LsValue iterable)
{
  return _ls_list_extend (vm, list, iterable);
}

/* ------------------------------------------------------------ indexing */

static gboolean
list_index_arg (LsVM   *vm,
                LsValue key,
                gint64 *i)
{
  if (LS_IS_INTLIKE (key))
    {
      *i = LS_AS_INT (key);
      return TRUE;
    }
  if (!LS_IS_FLOAT (key) && !LS_IS_STR (key) && ls_index_value (vm, key, i))
    return TRUE;
  ls_exc_clear (vm);
  ls_raise (vm, LS_EXC_TYPE_ERROR, "list indices must be integers or slices, not %s",
            ls_type_name (vm, key));
  return FALSE;
}

static LsValue
list_slice (LsVM    *vm,
            LsList  *l,
            LsSlice *slice)
{
  gint64 start, stop, step, n, i;
  LsList *r;

  if (!ls_slice_indices (vm, slice, l->len, &start, &stop, &step, &n))
    return LS_ERR;
  if (n <= 0)
    return ls_obj (ls_list_new (vm, 0));
  if (step == 1)
    return ls_obj (ls_list_from (vm, l->items + start, n));
  r = ls_list_new (vm, n);
  for (i = 0; i < n; i++)
    r->items[i] = l->items[start + i * step];
  r->len = n;
  return ls_obj (r);
}

LsValue
_ls_list_getitem (LsVM   *vm,
                  LsList *l,
                  LsValue key)
{
  gint64 i;

  if (LS_OBJ_IS (key, LS_OBJ_SLICE))
    return list_slice (vm, l, LS_SLICE (key));
  if (!list_index_arg (vm, key, &i))
    return LS_ERR;
  if (i < 0)
    i += l->len;
  if (i < 0 || (guint64) i >= l->len)
    return ls_raise (vm, LS_EXC_INDEX_ERROR, "list index out of range");
  return l->items[i];
}

/* l[slice] = iterable */
static int
list_assign_slice (LsVM    *vm,
                   LsList  *l,
                   LsSlice *slice,
                   LsValue  value)
{
  gint64 start, stop, step, n, i;
  LsList *src;

  if (!ls_slice_indices (vm, slice, l->len, &start, &stop, &step, &n))
    return -1;
  if (LS_IS_LIST (value) || LS_IS_TUPLE (value))
    {
      gsize m;
      const LsValue *items = _ls_seq_items (value, &m);
      src = ls_list_from (vm, items, m);   /* a copy: value may be l itself */
    }
  else
    {
      LsValue it = ls_get_iter (vm, value);
      if (LS_IS_ERR (it))
        {
          if (ls_exc_pending_is (vm, LS_EXC_TYPE_ERROR))
            {
              ls_exc_clear (vm);
              ls_raise (vm, LS_EXC_TYPE_ERROR, step == 1 ? "can only assign an iterable"
                                                         : "must assign iterable to extended slice");
            }
          return -1;
        }
      src = ls_list_from_iterable (vm, it);
      if (src == NULL)
        return -1;
    }
  if (step == 1)
    {
      if (stop < start)
        stop = start;
      return list_splice (vm, l, start, stop, src->items, src->len) ? 0 : -1;
    }
  if ((gint64) src->len != n)
    {
      ls_raise (vm, LS_EXC_VALUE_ERROR,
                "attempt to assign sequence of size %" G_GSIZE_FORMAT " to extended slice of size %"
                G_GINT64_FORMAT, src->len, n);
      return -1;
    }
  for (i = 0; i < n; i++)
    l->items[start + i * step] = src->items[i];
  return 0;
}

int
_ls_list_setitem (LsVM   *vm,
                  LsList *l,
                  LsValue key,
                  LsValue value)
{
  gint64 i;

  if (LS_OBJ_IS (key, LS_OBJ_SLICE))
    return list_assign_slice (vm, l, LS_SLICE (key), value);
  if (!list_index_arg (vm, key, &i))
    return -1;
  if (i < 0)
    i += l->len;
  if (i < 0 || (guint64) i >= l->len)
    {
      ls_raise (vm, LS_EXC_INDEX_ERROR, "list assignment index out of range");
      return -1;
    }
  l->items[i] = value;
  return 0;
}

int
_ls_list_delitem (LsVM   *vm,
                  LsList *l,
                  LsValue key)
{
  gint64 i, start, stop, step, n, w, r;

  if (LS_OBJ_IS (key, LS_OBJ_SLICE))
    {
      if (!ls_slice_indices (vm, LS_SLICE (key), l->len, &start, &stop, &step, &n))
        return -1;
      if (n <= 0)
        return 0;
      if (step < 0)
        {
          start = start + (n - 1) * step;
          step = -step;
        }
      if (step == 1)
        {
          list_splice (vm, l, start, start + n, NULL, 0);
          return 0;
        }
      /* compact, skipping every step-th item from start */
      for (w = start, r = start, i = 0; r < (gint64) l->len; r++)
        {
          if (i < n && r == start + i * step)
            {
              i++;
              continue;
            }
          l->items[w++] = l->items[r];
        }
      l->len = w;
      return 0;
    }
  if (!list_index_arg (vm, key, &i))
    return -1;
  if (i < 0)
    i += l->len;
  if (i < 0 || (guint64) i >= l->len)
    {
      ls_raise (vm, LS_EXC_INDEX_ERROR, "list assignment index out of range");
      return -1;
    }
  list_splice (vm, l, i, i + 1, NULL, 0);
  return 0;
}

LsValue
_ls_list_concat (LsVM   *vm,
                 LsList *a,
                 LsList *b)
{
  LsList *r = ls_list_new (vm, a->len + b->len);

  /* Empty lists may have no buffer at all, and memcpy from NULL is undefined
   * even for zero bytes. */
  if (a->len > 0)
    memcpy (r->items, a->items, a->len * sizeof (LsValue));
  if (b->len > 0)
    memcpy (r->items + a->len, b->items, b->len * sizeof (LsValue));
  r->len = a->len + b->len;
  return ls_obj (r);
}

/* ----------------------------------------------------------- iteration */

static int
list_iter_next (LsVM    *vm,
                LsIter  *it,
                LsValue *out)
{
  LsList *l;

  if (!LS_IS_OBJ (it->a))
    return 0;
  l = LS_LIST (it->a);
  if ((guint64) it->i >= l->len)
    {
      it->a = LS_NONE;
      return 0;
    }
  *out = l->items[it->i++];
  return 1;
}

static int
list_rev_iter_next (LsVM    *vm,
                    LsIter  *it,
                    LsValue *out)
{
  LsList *l;

  if (!LS_IS_OBJ (it->a))
    return 0;
  l = LS_LIST (it->a);
  if (it->i < 0 || (guint64) it->i >= l->len)
    {
      it->a = LS_NONE;
      return 0;
    }
  *out = l->items[it->i--];
  return 1;
}

LsValue
_ls_list_iter (LsVM   *vm,
               LsList *l)
{
  return ls_obj (_ls_iter_alloc (vm, LS_ITER_TYPE (vm, LIST), list_iter_next, ls_obj (l)));
}

/* ----------------------------------------------------------------- sort */

/* CPython's timsort (3.11: powersort merge policy, galloping merges),
 * rewritten from the algorithm's description. The exact sequence of
 * comparisons matters: it decides which operands a failing `<` names and
 * the result of inconsistent comparisons (NaN), as in CPython. */

#define MIN_GALLOP        7
#define MAX_MERGE_PENDING 85

typedef struct
{
  LsValue *keys;
  LsValue *values;   /* NULL without a key function */
} Slice;

typedef struct
{
  Slice  base;
  gssize len;
  int    power;
} Run;

typedef struct
{
  LsVM    *vm;
  int      fast;        /* 0 generic, 1 all int, 2 all numbers, 3 all exact str */
  gssize   min_gallop;
  LsValue *tmp_keys;
  LsValue *tmp_values;
  gssize   tmp_cap;
  LsValue *basekeys;
  gssize   listlen;
  int      n;
  Run      pending[MAX_MERGE_PENDING];
} SortState;

/* a < b: 1, 0, or -1 when the comparison raised */
static inline int
islt (SortState *ms,
      LsValue    a,
      LsValue    b)
{
  switch (ms->fast)
    {
    case 1:
      return LS_AS_INT (a) < LS_AS_INT (b);
    case 2:
      return _ls_number_cmp (a, b, LS_CMP_LT);
    case 3:
      return _ls_str_cmp (LS_STR (a), LS_STR (b)) < 0;
    default:
      return ls_less (ms->vm, a, b);
    }
}

static inline void
slice_advance (Slice *s,
               gssize n)
{
  s->keys += n;
  if (s->values != NULL)
    s->values += n;
}

static inline void
slice_copy (Slice *dst,
            gssize i,
            Slice *src,
            gssize j)
{
  dst->keys[i] = src->keys[j];
  if (dst->values != NULL)
    dst->values[i] = src->values[j];
}

static inline void
slice_copy_incr (Slice *dst,
                 Slice *src)
{
  *dst->keys++ = *src->keys++;
  if (dst->values != NULL)
    *dst->values++ = *src->values++;
}

static inline void
slice_copy_decr (Slice *dst,
                 Slice *src)
{
  *dst->keys-- = *src->keys--;
  if (dst->values != NULL)
    *dst->values-- = *src->values--;
}

static inline void
slice_move (Slice *dst,
            gssize i,
            Slice *src,
            gssize j,
            gssize n)
{
  memmove (&dst->keys[i], &src->keys[j], n * sizeof (LsValue));
  if (dst->values != NULL)
    memmove (&dst->values[i], &src->values[j], n * sizeof (LsValue));
}

static void
reverse_range (LsValue *lo,
               LsValue *hi)
{
  for (--hi; lo < hi; lo++, hi--)
    {
      LsValue t = *lo;
      *lo = *hi;
      *hi = t;
    }
}

static void
reverse_slice (Slice *s,
               gssize n)
{
  reverse_range (s->keys, s->keys + n);
  if (s->values != NULL)
    reverse_range (s->values, s->values + n);
}

/* Binary insertion sort of [lo, hi) where [lo, start) is already sorted. */
static gboolean
binarysort (SortState *ms,
            Slice      lo,
            LsValue   *hi,
            LsValue   *start)
{
  if (lo.keys == start)
    start++;
  for (; start < hi; start++)
    {
      LsValue *l = lo.keys, *r = start, *p, pivot = *r;
      do
        {
          int k;
          p = l + ((r - l) >> 1);
          k = islt (ms, pivot, *p);
          if (k < 0)
            return FALSE;
          if (k)
            r = p;
          else
            l = p + 1;
        }
      while (l < r);
      memmove (l + 1, l, (start - l) * sizeof (LsValue));
      *l = pivot;
      if (lo.values != NULL)
        {
          gssize off = l - lo.keys, sidx = start - lo.keys;
          LsValue v = lo.values[sidx];
          memmove (lo.values + off + 1, lo.values + off, (sidx - off) * sizeof (LsValue));
          lo.values[off] = v;
        }
    }
  return TRUE;
}

/* Length of the run at lo (strictly descending runs are flagged). */
static gssize
count_run (SortState *ms,
           LsValue   *lo,
           LsValue   *hi,
           gboolean  *descending)
{
  gssize n;
  int k;

  *descending = FALSE;
  lo++;
  if (lo == hi)
    return 1;
  n = 2;
  k = islt (ms, *lo, *(lo - 1));
  if (k < 0)
    return -1;
  if (k)
    {
      *descending = TRUE;
      for (lo++; lo < hi; lo++, n++)
        {
          k = islt (ms, *lo, *(lo - 1));
          if (k < 0)
            return -1;
          if (!k)
            break;
        }
    }
  else
    for (lo++; lo < hi; lo++, n++)
      {
        k = islt (ms, *lo, *(lo - 1));
        if (k < 0)
          return -1;
        if (k)
          break;
      }
  return n;
}

/* Leftmost position to insert key in sorted a[0:n]; hint is where to start. */
static gssize
gallop_left (SortState *ms,
             LsValue    key,
             LsValue   *a,
             gssize     n,
             gssize     hint)
{
  gssize ofs = 1, lastofs = 0, k;

  a += hint;
  k = islt (ms, *a, key);
  if (k < 0)
    return -1;
  if (k)
    {
      const gssize maxofs = n - hint;
      while (ofs < maxofs)
        {
          k = islt (ms, a[ofs], key);
          if (k < 0)
            return -1;
          if (!k)
            break;
          lastofs = ofs;
          ofs = (ofs << 1) + 1;
        }
      if (ofs > maxofs)
        ofs = maxofs;
      lastofs += hint;
      ofs += hint;
    }
  else
    {
      const gssize maxofs = hint + 1;
      while (ofs < maxofs)
        {
          k = islt (ms, *(a - ofs), key);
          if (k < 0)
            return -1;
          if (k)
            break;
          lastofs = ofs;
          ofs = (ofs << 1) + 1;
        }
      if (ofs > maxofs)
        ofs = maxofs;
      k = lastofs;
      lastofs = hint - ofs;
      ofs = hint - k;
    }
  a -= hint;
  lastofs++;
  while (lastofs < ofs)
    {
      gssize m = lastofs + ((ofs - lastofs) >> 1);
      k = islt (ms, a[m], key);
      if (k < 0)
        return -1;
      if (k)
        lastofs = m + 1;
      else
        ofs = m;
    }
  return ofs;
}

/* Rightmost position to insert key in sorted a[0:n]. */
static gssize
gallop_right (SortState *ms,
              LsValue    key,
              LsValue   *a,
              gssize     n,
              gssize     hint)
{
  gssize ofs = 1, lastofs = 0, k;

  a += hint;
  k = islt (ms, key, *a);
  if (k < 0)
    return -1;
  if (k)
    {
      const gssize maxofs = hint + 1;
      while (ofs < maxofs)
        {
          k = islt (ms, key, *(a - ofs));
          if (k < 0)
            return -1;
          if (!k)
            break;
          lastofs = ofs;
          ofs = (ofs << 1) + 1;
        }
      if (ofs > maxofs)
        ofs = maxofs;
      k = lastofs;
      lastofs = hint - ofs;
      ofs = hint - k;
    }
  else
    {
      const gssize maxofs = n - hint;
      while (ofs < maxofs)
        {
          k = islt (ms, key, a[ofs]);
          if (k < 0)
            return -1;
          if (k)
            break;
          lastofs = ofs;
          ofs = (ofs << 1) + 1;
        }
      if (ofs > maxofs)
        ofs = maxofs;
      lastofs += hint;
      ofs += hint;
    }
  a -= hint;
  lastofs++;
  while (lastofs < ofs)
    {
      gssize m = lastofs + ((ofs - lastofs) >> 1);
      k = islt (ms, key, a[m]);
      if (k < 0)
        return -1;
      if (k)
        ofs = m;
      else
        lastofs = m + 1;
    }
  return ofs;
}

static void
ensure_tmp (SortState *ms,
            gssize     need,
            gboolean   values)
{
  if (need <= ms->tmp_cap)
    return;
  ms->tmp_keys = g_renew (LsValue, ms->tmp_keys, need);
  if (values)
    ms->tmp_values = g_renew (LsValue, ms->tmp_values, need);
  ms->tmp_cap = need;
}

/* Merges the adjacent runs a (na items) and b (nb items), na <= nb, with a
 * copied aside. */
static gboolean
merge_lo (SortState *ms,
          Slice      ssa,
          gssize     na,
          Slice      ssb,
          gssize     nb)
{
  Slice dest, tmp;
  gssize min_gallop, k;
  gboolean ok = FALSE;

  ensure_tmp (ms, na, ssa.values != NULL);
  tmp.keys = ms->tmp_keys;
  tmp.values = ssa.values != NULL ? ms->tmp_values : NULL;
  slice_move (&tmp, 0, &ssa, 0, na);
  dest = ssa;
  ssa = tmp;

  slice_copy_incr (&dest, &ssb);
  --nb;
  if (nb == 0)
    goto succeed;
  if (na == 1)
    goto copy_b;

  min_gallop = ms->min_gallop;
  for (;;)
    {
      gssize acount = 0, bcount = 0;

      for (;;)
        {
          k = islt (ms, ssb.keys[0], ssa.keys[0]);
          if (k < 0)
            goto fail;
          if (k)
            {
              slice_copy_incr (&dest, &ssb);
              ++bcount;
              acount = 0;
              --nb;
              if (nb == 0)
                goto succeed;
              if (bcount >= min_gallop)
                break;
            }
          else
            {
              slice_copy_incr (&dest, &ssa);
              ++acount;
              bcount = 0;
              --na;
              if (na == 1)
                goto copy_b;
              if (acount >= min_gallop)
                break;
            }
        }

      ++min_gallop;
      do
        {
          min_gallop -= min_gallop > 1;
          ms->min_gallop = min_gallop;
          k = gallop_right (ms, ssb.keys[0], ssa.keys, na, 0);
          acount = k;
          if (k)
            {
              if (k < 0)
                goto fail;
              slice_move (&dest, 0, &ssa, 0, k);
              slice_advance (&dest, k);
              slice_advance (&ssa, k);
              na -= k;
              if (na == 1)
                goto copy_b;
              if (na == 0)
                goto succeed;
            }
          slice_copy_incr (&dest, &ssb);
          --nb;
          if (nb == 0)
            goto succeed;

          k = gallop_left (ms, ssa.keys[0], ssb.keys, nb, 0);
          bcount = k;
          if (k)
            {
              if (k < 0)
                goto fail;
              slice_move (&dest, 0, &ssb, 0, k);
              slice_advance (&dest, k);
              slice_advance (&ssb, k);
              nb -= k;
              if (nb == 0)
                goto succeed;
            }
          slice_copy_incr (&dest, &ssa);
          --na;
          if (na == 1)
            goto copy_b;
        }
      while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
      ++min_gallop;
      ms->min_gallop = min_gallop;
    }
succeed:
  ok = TRUE;
fail:
  if (na)
    slice_move (&dest, 0, &ssa, 0, na);
  return ok;
copy_b:
  /* the last element of a belongs at the end of the merge */
  slice_move (&dest, 0, &ssb, 0, nb);
  slice_copy (&dest, nb, &ssa, 0);
  return TRUE;
}

/* The mirror image of merge_lo, for na > nb: b is copied aside and the
 * merge runs from the right. */
static gboolean
merge_hi (SortState *ms,
          Slice      ssa,
          gssize     na,
          Slice      ssb,
          gssize     nb)
{
  Slice dest, basea, baseb;
  gssize min_gallop, k;
  gboolean ok = FALSE;

  ensure_tmp (ms, nb, ssa.values != NULL);
  dest = ssb;
  slice_advance (&dest, nb - 1);
  baseb.keys = ms->tmp_keys;
  baseb.values = ssa.values != NULL ? ms->tmp_values : NULL;
  slice_move (&baseb, 0, &ssb, 0, nb);
  basea = ssa;
  ssb.keys = baseb.keys + nb - 1;
  ssb.values = baseb.values != NULL ? baseb.values + nb - 1 : NULL;
  slice_advance (&ssa, na - 1);

  slice_copy_decr (&dest, &ssa);
  --na;
  if (na == 0)
    goto succeed;
  if (nb == 1)
    goto copy_a;

  min_gallop = ms->min_gallop;
  for (;;)
    {
      gssize acount = 0, bcount = 0;

      for (;;)
        {
          k = islt (ms, ssb.keys[0], ssa.keys[0]);
          if (k < 0)
            goto fail;
          if (k)
            {
              slice_copy_decr (&dest, &ssa);
              ++acount;
              bcount = 0;
              --na;
              if (na == 0)
                goto succeed;
              if (acount >= min_gallop)
                break;
            }
          else
            {
              slice_copy_decr (&dest, &ssb);
              ++bcount;
              acount = 0;
              --nb;
              if (nb == 1)
                goto copy_a;
              if (bcount >= min_gallop)
                break;
            }
        }

      ++min_gallop;
      do
        {
          min_gallop -= min_gallop > 1;
          ms->min_gallop = min_gallop;
          k = gallop_right (ms, ssb.keys[0], basea.keys, na, na - 1);
          if (k < 0)
            goto fail;
          k = na - k;
          acount = k;
          if (k)
            {
              slice_advance (&dest, -k);
              slice_advance (&ssa, -k);
              slice_move (&dest, 1, &ssa, 1, k);
              na -= k;
              if (na == 0)
                goto succeed;
            }
          slice_copy_decr (&dest, &ssb);
          --nb;
          if (nb == 1)
            goto copy_a;

          k = gallop_left (ms, ssa.keys[0], baseb.keys, nb, nb - 1);
          if (k < 0)
            goto fail;
          k = nb - k;
          bcount = k;
          if (k)
            {
              slice_advance (&dest, -k);
              slice_advance (&ssb, -k);
              slice_move (&dest, 1, &ssb, 1, k);
              nb -= k;
              if (nb == 1)
                goto copy_a;
              if (nb == 0)
                goto succeed;
            }
          slice_copy_decr (&dest, &ssa);
          --na;
          if (na == 0)
            goto succeed;
        }
      while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
      ++min_gallop;
      ms->min_gallop = min_gallop;
    }
succeed:
  ok = TRUE;
fail:
  if (nb)
    slice_move (&dest, -(nb - 1), &baseb, 0, nb);
  return ok;
copy_a:
  /* the first element of b belongs at the front of the merge */
  slice_move (&dest, 1 - na, &ssa, 1 - na, na);
  slice_advance (&dest, -na);
  slice_advance (&ssa, -na);
  slice_copy (&dest, 0, &ssb, 0);
  return TRUE;
}

static gboolean
merge_at (SortState *ms,
          int        i)
{
  Slice ssa = ms->pending[i].base, ssb = ms->pending[i + 1].base;
  gssize na = ms->pending[i].len, nb = ms->pending[i + 1].len, k;

  ms->pending[i].len = na + nb;
  if (i == ms->n - 3)
    ms->pending[i + 1] = ms->pending[i + 2];
  --ms->n;

  /* where b starts in a: elements of a before that are in place */
  k = gallop_right (ms, *ssb.keys, ssa.keys, na, 0);
  if (k < 0)
    return FALSE;
  slice_advance (&ssa, k);
  na -= k;
  if (na == 0)
    return TRUE;
  /* where a ends in b: elements of b after that are in place */
  nb = gallop_left (ms, ssa.keys[na - 1], ssb.keys, nb, nb - 1);
  if (nb <= 0)
    return nb == 0;
  return na <= nb ? merge_lo (ms, ssa, na, ssb, nb) : merge_hi (ms, ssa, na, ssb, nb);
}

/* The "power" of the boundary between two runs (Munro & Wild). */
static int
powerloop (gssize s1,
           gssize n1,
           gssize n2,
           gssize n)
{
  int result = 0;
  gssize a = 2 * s1 + n1, b = a + n1 + n2;

  for (;;)
    {
      ++result;
      if (a >= n)
        {
          a -= n;
          b -= n;
        }
      else if (b >= n)
        break;
      a <<= 1;
      b <<= 1;
    }
  return result;
}

static gboolean
found_new_run (SortState *ms,
               gssize     n2)
{
  if (ms->n > 0)
    {
      Run *p = ms->pending;
      gssize s1 = p[ms->n - 1].base.keys - ms->basekeys, n1 = p[ms->n - 1].len;
      int power = powerloop (s1, n1, n2, ms->listlen);
      while (ms->n > 1 && p[ms->n - 2].power > power)
        if (!merge_at (ms, ms->n - 2))
          return FALSE;
      p[ms->n - 1].power = power;
    }
  return TRUE;
}

static gboolean
merge_force_collapse (SortState *ms)
{
  Run *p = ms->pending;

  while (ms->n > 1)
    {
      int n = ms->n - 2;
      if (n > 0 && p[n - 1].len < p[n + 1].len)
        --n;
      if (!merge_at (ms, n))
        return FALSE;
    }
  return TRUE;
}

static gssize
compute_minrun (gssize n)
{
  gssize r = 0;

  while (n >= 64)
    {
      r |= n & 1;
      n >>= 1;
    }
  return n + r;
}

/* Sorts keys[0:n] (carrying values along if not NULL). */
static gboolean
timsort (SortState *ms,
         LsValue   *keys,
         LsValue   *values,
         gssize     n)
{
  Slice lo = { keys, values };
  gssize remaining = n, minrun;

  ms->basekeys = keys;
  ms->listlen = n;
  ms->min_gallop = MIN_GALLOP;
  ms->n = 0;
  if (n < 2)
    return TRUE;
  minrun = compute_minrun (remaining);
  do
    {
      gboolean descending;
      gssize run = count_run (ms, lo.keys, lo.keys + remaining, &descending);
      if (run < 0)
        return FALSE;
      if (descending)
        reverse_slice (&lo, run);
      if (run < minrun)
        {
          const gssize force = remaining <= minrun ? remaining : minrun;
          if (!binarysort (ms, lo, lo.keys + force, lo.keys + run))
            return FALSE;
          run = force;
        }
      if (!found_new_run (ms, run))
        return FALSE;
      ms->pending[ms->n].base = lo;
      ms->pending[ms->n].len = run;
      ms->n++;
      slice_advance (&lo, run);
      remaining -= run;
    }
  while (remaining > 0);
  return merge_force_collapse (ms);
}

static int
detect_fast_path (const LsValue *keys,
                  gsize          n)
{
  gboolean all_int = TRUE, all_num = TRUE, all_str = TRUE;
  gsize i;

  for (i = 0; i < n; i++)
    {
      LsValue k = keys[i];
      if (k.tag != LS_V_INT)
        all_int = FALSE;
      if (k.tag != LS_V_INT && k.tag != LS_V_FLOAT && k.tag != LS_V_BOOL)
        all_num = FALSE;
      if (!LS_IS_STR (k) || (LS_AS_OBJ (k)->type->hdr.flags & LS_TYPE_BUILTIN) == 0)
        all_str = FALSE;
    }
  return all_int ? 1 : all_num ? 2 : all_str ? 3 : 0;
}

gboolean
ls_list_sort (LsVM    *vm,
              LsList  *list,
              LsValue  key,
              gboolean reverse)
{
  SortState *ms;
  LsValue *items = list->items, *keys = NULL;
  gsize n = list->len, cap = list->cap, i;
  gboolean ok = TRUE, with_key = !LS_IS_UNDEF (key) && !LS_IS_NONE (key);

  if (n < 2 && (!with_key || n == 0))
    return TRUE;
  /* detach the items: the list looks empty to key functions and
   * comparisons, as in CPython */
  list->items = NULL;
  list->len = list->cap = 0;
  if (with_key)
    {
      keys = g_new (LsValue, n);
      for (i = 0; i < n && ok; i++)
        {
          keys[i] = ls_call (vm, key, &items[i], 1, NULL);
          ok = !LS_IS_ERR (keys[i]);
        }
    }
  if (ok)
    {
      ms = g_new0 (SortState, 1);
      ms->vm = vm;
      ms->fast = detect_fast_path (keys != NULL ? keys : items, n);
      /* reverse stability: reverse, sort forward, reverse back */
      if (reverse)
        {
          if (keys != NULL)
            reverse_range (keys, keys + n);
          reverse_range (items, items + n);
        }
      ok = timsort (ms, keys != NULL ? keys : items, keys != NULL ? items : NULL, n);
      if (reverse)
        reverse_range (items, items + n);
      g_free (ms->tmp_keys);
      g_free (ms->tmp_values);
      g_free (ms);
    }
  g_free (keys);
  if (list->items != NULL || list->len != 0)
    {
      ls_gc_free_buffer (vm, list->items, list->cap * sizeof (LsValue));
      list->items = items;
      list->len = n;
      list->cap = cap;
      if (ok)
        ls_raise (vm, LS_EXC_VALUE_ERROR, "list modified during sort");
      return FALSE;
    }
  list->items = items;
  list->len = n;
  list->cap = cap;
  return ok;
}

/* -------------------------------------------------------------- methods */

#define SELF (LS_LIST (self))

static LsValue
list_append (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsList *l = SELF;

  if (nargs != 1 || kwnames != NULL)
    if (!_ls_check_args (vm, "list.append", nargs, kwnames, 1, 1))
      return LS_ERR;
  if (l->len >= l->cap && !list_grow (vm, l, l->len + 1))
    return LS_ERR;
  l->items[l->len++] = args[0];
  return LS_NONE;
}

static LsValue
list_extend (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "list.extend", nargs, kwnames, 1, 1))
    return LS_ERR;
  return _ls_list_extend (vm, SELF, args[0]) ? LS_NONE : LS_ERR;
}

static LsValue
list_insert (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsList *l = SELF;
  gint64 i;

  if (!_ls_check_args (vm, "insert", nargs, kwnames, 2, 2))
    return LS_ERR;
  if (!ls_index_value (vm, args[0], &i))
    return LS_ERR;
  if (i < 0)
    i = MAX (i + (gint64) l->len, 0);
  if (i > (gint64) l->len)
    i = l->len;
  return list_splice (vm, l, i, i, &args[1], 1) ? LS_NONE : LS_ERR;
}

static LsValue
list_pop (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsList *l = SELF;
  gint64 i = -1;
  LsValue v;

  if (!_ls_check_args (vm, "pop", nargs, kwnames, 0, 1))
    return LS_ERR;
  if (nargs == 1 && !ls_index_value (vm, args[0], &i))
    return LS_ERR;
  if (l->len == 0)
    return ls_raise (vm, LS_EXC_INDEX_ERROR, "pop from empty list");
  if (i < 0)
    i += l->len;
  if (i < 0 || (guint64) i >= l->len)
    return ls_raise (vm, LS_EXC_INDEX_ERROR, "pop index out of range");
  v = l->items[i];
  if ((guint64) i == l->len - 1)
    l->len--;
  else
    list_splice (vm, l, i, i + 1, NULL, 0);
  return v;
}

/* position of x in l[start:stop], -1 if absent, -2 on error */
static gint64
list_find (LsVM   *vm,
           LsList *l,
           LsValue x,
           gint64  start,
           gint64  stop)
{
  gint64 i;

  for (i = start; i < stop && (guint64) i < l->len; i++)
    {
      int eq = ls_is (l->items[i], x) ? 1 : ls_eq (vm, l->items[i], x);
      if (eq < 0)
        return -2;
      if (eq)
        return i;
    }
  return -1;
}

static LsValue
list_index (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsList *l = SELF;
  gint64 start = 0, stop = l->len, r;

  if (!_ls_check_args (vm, "index", nargs, kwnames, 1, 3))
    return LS_ERR;
  for (int k = 1; k < nargs; k++)
    {
      gint64 v, *out = k == 1 ? &start : &stop;
      if (!ls_index_value (vm, args[k], &v))
        {
          ls_exc_clear (vm);
          return ls_raise (vm, LS_EXC_TYPE_ERROR,
                           "slice indices must be integers or have an __index__ method");
        }
      if (v < 0)
        v = MAX (v + (gint64) l->len, 0);
      *out = v;
    }
  r = list_find (vm, l, args[0], start, stop);
  if (r == -2)
    return LS_ERR;
  if (r < 0)
    {
      LsValue rep = ls_repr (vm, args[0]);
      if (LS_IS_ERR (rep))
        return rep;
      return ls_raise (vm, LS_EXC_VALUE_ERROR, "%s is not in list", LS_STR (rep)->data);
    }
  return ls_int (r);
}

static LsValue
list_remove (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsList *l = SELF;
  gint64 r;

  if (!_ls_check_args (vm, "list.remove", nargs, kwnames, 1, 1))
    return LS_ERR;
  r = list_find (vm, l, args[0], 0, l->len);
  if (r == -2)
    return LS_ERR;
  if (r < 0)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "list.remove(x): x not in list");
  list_splice (vm, l, r, r + 1, NULL, 0);
  return LS_NONE;
}

static LsValue
list_count (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsList *l = SELF;
  gint64 n = 0;
  gsize i;

  if (!_ls_check_args (vm, "list.count", nargs, kwnames, 1, 1))
    return LS_ERR;
  for (i = 0; i < l->len; i++)
    {
      int eq = ls_is (l->items[i], args[0]) ? 1 : ls_eq (vm, l->items[i], args[0]);
      if (eq < 0)
        return LS_ERR;
      n += eq;
    }
  return ls_int (n);
}

static LsValue
list_clear (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "list.clear", nargs, kwnames, 0, 0))
    return LS_ERR;
  SELF->len = 0;
  return LS_NONE;
}

static LsValue
list_copy (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "list.copy", nargs, kwnames, 0, 0))
    return LS_ERR;
  return ls_obj (ls_list_from (vm, SELF->items, SELF->len));
}

static void
reverse_values (LsValue *items,
                gsize    n)
{
  gsize i;

  for (i = 0; i < n / 2; i++)
    {
      LsValue t = items[i];
      items[i] = items[n - 1 - i];
      items[n - 1 - i] = t;
    }
}

static LsValue
list_reverse (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "list.reverse", nargs, kwnames, 0, 0))
    return LS_ERR;
  reverse_values (SELF->items, SELF->len);
  return LS_NONE;
}

static LsValue
list_sort (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  static const char *const names[] = { "key", "reverse", NULL };
  LsValue opt[2] = { LS_UNDEF, LS_UNDEF };
  int reverse = 0;

  if (!_ls_method_args (vm, "sort", names, 0, 0, args, nargs, kwnames, opt))
    return LS_ERR;
  if (!LS_IS_UNDEF (opt[1]) && (reverse = ls_truthy (vm, opt[1])) < 0)
    return LS_ERR;
  return ls_list_sort (vm, SELF, opt[0], reverse) ? LS_NONE : LS_ERR;
}

static LsValue
list_dunder_reversed (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsIter *it;

  if (!_ls_check_args (vm, "list.__reversed__", nargs, kwnames, 0, 0))
    return LS_ERR;
  it = _ls_iter_alloc (vm, LS_ITER_TYPE (vm, LIST_REV), list_rev_iter_next, self);
  it->i = (gint64) SELF->len - 1;
  return ls_obj (it);
}

static LsValue
list_dunder_init (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (kwnames != NULL && kwnames->len > 0)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "list() takes no keyword arguments");
  if (nargs > 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "list expected at most 1 argument, got %d", nargs);
  SELF->len = 0;
  if (nargs == 1 && !_ls_list_extend (vm, SELF, args[0]))
    return LS_ERR;
  return LS_NONE;
}

static LsValue
list_dunder_getitem (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "list.__getitem__", nargs, kwnames, 1, 1))
    return LS_ERR;
  return _ls_list_getitem (vm, SELF, args[0]);
}

static LsValue
list_dunder_setitem (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "__setitem__", nargs, kwnames, 2, 2))
    return LS_ERR;
  return _ls_list_setitem (vm, SELF, args[0], args[1]) < 0 ? LS_ERR : LS_NONE;
}

static LsValue
list_dunder_delitem (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "list.__delitem__", nargs, kwnames, 1, 1))
    return LS_ERR;
  return _ls_list_delitem (vm, SELF, args[0]) < 0 ? LS_ERR : LS_NONE;
}

static LsValue
list_dunder_len (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "list.__len__", nargs, kwnames, 0, 0))
    return LS_ERR;
  return ls_int (SELF->len);
}

static LsValue
list_dunder_iter (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "list.__iter__", nargs, kwnames, 0, 0))
    return LS_ERR;
  return _ls_list_iter (vm, SELF);
}

static LsValue
list_dunder_contains (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  gint64 r;

  if (!_ls_check_args (vm, "list.__contains__", nargs, kwnames, 1, 1))
    return LS_ERR;
  r = list_find (vm, SELF, args[0], 0, SELF->len);
  return r == -2 ? LS_ERR : ls_bool (r >= 0);
}

static LsValue
list_dunder_repr (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "list.__repr__", nargs, kwnames, 0, 0))
    return LS_ERR;
  return _ls_seq_repr (vm, self);
}

static LsValue
list_ctor (LsVM          *vm,
           LsValue        self,
           const LsValue *args,
           int            nargs,
           LsTuple       *kwnames)
{
  LsType *type = (LsType *) LS_AS_OBJ (self);
  LsList *l;

  if (type == vm->types[LS_T_LIST])
    {
      if (kwnames != NULL && kwnames->len > 0)
        return ls_raise (vm, LS_EXC_TYPE_ERROR, "list() takes no keyword arguments");
      if (nargs > 1)
        return ls_raise (vm, LS_EXC_TYPE_ERROR, "list expected at most 1 argument, got %d", nargs);
      if (nargs == 0)
        return ls_obj (ls_list_new (vm, 0));
      l = ls_list_from_iterable (vm, args[0]);
      return l != NULL ? ls_obj (l) : LS_ERR;
    }
  /* a subclass: its own __init__ fills it; with ours, the arguments do */
  l = list_alloc (vm, type, 0);
  {
    LsValue init = ls_type_lookup (type, LS_NAME (vm, __init__));
    if (LS_OBJ_IS (init, LS_OBJ_NATIVE) && ((LsNative *) LS_AS_OBJ (init))->fn == list_dunder_init)
      {
        LsValue r = list_dunder_init (vm, ls_obj (l), args, nargs, kwnames);
        if (LS_IS_ERR (r))
          return r;
      }
  }
  return ls_obj (l);
}

void
_ls_list_init_type (LsVM *vm)
{
  static const struct { const char *name; LsNativeFn fn; } methods[] = {
    { "append", list_append }, { "extend", list_extend }, { "insert", list_insert },
    { "pop", list_pop }, { "index", list_index }, { "remove", list_remove },
    { "count", list_count }, { "clear", list_clear }, { "copy", list_copy },
    { "reverse", list_reverse }, { "sort", list_sort }, { "__reversed__", list_dunder_reversed },
    { "__init__", list_dunder_init }, { "__getitem__", list_dunder_getitem },
    { "__setitem__", list_dunder_setitem }, { "__delitem__", list_dunder_delitem },
    { "__len__", list_dunder_len }, { "__iter__", list_dunder_iter },
    { "__contains__", list_dunder_contains }, { "__repr__", list_dunder_repr },
  };
  LsType *type = vm->types[LS_T_LIST];
  guint i;

  type->ctor = list_ctor;
  for (i = 0; i < G_N_ELEMENTS (methods); i++)
    ls_type_add_method (vm, type, methods[i].name, methods[i].fn);
  LS_ITER_TYPE (vm, LIST) = _ls_iter_type_new (vm, "list_iterator");
  LS_ITER_TYPE (vm, LIST_REV) = _ls_iter_type_new (vm, "list_reverseiterator");
}
