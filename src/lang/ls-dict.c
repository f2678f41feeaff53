/* ls-dict.c: the insertion-ordered dict (entries array + open-addressing
 * index, like CPython's compact dict), its views and methods.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ls-lang.h"
#include "ls-types-private.h"

#define IX_EMPTY  (-1)
#define IX_DUMMY  (-2)
#define MIN_SIZE  8
#define PERTURB_SHIFT 5

/* views share LsIter with next == NULL; `what` tells keys/values/items */
enum { WHAT_KEYS, WHAT_VALUES, WHAT_ITEMS };

static inline gsize
usable (gsize size)
{
  return (size << 1) / 3;
}

LsDict *
ls_dict_new (LsVM *vm)
{
  LsDict *d = ls_gc_alloc (vm, LS_OBJ_DICT, vm->types[LS_T_DICT], sizeof (LsDict));

  d->entries = NULL;
  d->index = NULL;
  d->n_entries = d->cap_entries = d->len = 0;
  d->mask = 0;
  d->version = 0;
  return d;
}

static LsDict *
dict_new_typed (LsVM   *vm,
                LsType *type)
{
  LsDict *d = ls_dict_new (vm);

  d->hdr.type = type;
  return d;
}

/* Rebuilds the table with room for at least `need` live entries, dropping
 * deleted entries (insertion order is kept). */
static gboolean
dict_resize (LsVM  *vm,
             LsDict *d,
             gsize   need)
{
  gsize size = MIN_SIZE, cap, i, j;
  LsDictEntry *entries;
  gint64 *index;

  while (usable (size) < need)
    size <<= 1;
  cap = usable (size);
  entries = ls_gc_realloc_buffer (vm, NULL, 0, cap * sizeof (LsDictEntry));
  if (entries == NULL)
    return FALSE;
  index = ls_gc_realloc_buffer (vm, NULL, 0, size * sizeof (gint64));
  if (index == NULL)
    {
      ls_gc_free_buffer (vm, entries, cap * sizeof (LsDictEntry));
      return FALSE;
    }
  memset (index, 0xff, size * sizeof (gint64));   /* all IX_EMPTY */
  for (i = 0, j = 0; i < d->n_entries; i++)
    {
      LsDictEntry *e = &d->entries[i];
      gsize slot, perturb;
      if (LS_IS_UNDEF (e->key))
        continue;
      entries[j] = *e;
      perturb = (gsize) e->hash;
      slot = (gsize) e->hash & (size - 1);
      while (index[slot] != IX_EMPTY)
        {
          perturb >>= PERTURB_SHIFT;
          slot = (slot * 5 + perturb + 1) & (size - 1);
        }
      index[slot] = j++;
    }
  ls_gc_free_buffer (vm, d->entries, d->cap_entries * sizeof (LsDictEntry));
  if (d->index != NULL)
    ls_gc_free_buffer (vm, d->index, (d->mask + 1) * sizeof (gint64));
  d->entries = entries;
  d->index = index;
  d->cap_entries = cap;
  d->mask = size - 1;
  d->n_entries = j;
  return TRUE;
}

/* Finds key: the entry number (>= 0), IX_EMPTY when missing (then *slot is
 * where to insert), or -3 when an __eq__ raised. */
static gint64
dict_find (LsVM   *vm,
           LsDict *d,
           LsValue key,
           gint64  hash,
           gsize  *slot)
{
  gsize mask, i, perturb;
  gssize free_slot;

restart:
  if (d->index == NULL)
    return IX_EMPTY;
  mask = d->mask;
  i = (gsize) hash & mask;
  perturb = (gsize) hash;
  free_slot = -1;
  for (;;)
    {
      gint64 ix = d->index[i];
      if (ix == IX_EMPTY)
        {
          *slot = free_slot >= 0 ? (gsize) free_slot : i;
          return IX_EMPTY;
        }
      if (ix >= 0)
        {
          LsDictEntry *e = &d->entries[ix];
          if (ls_is (e->key, key))
            {
              *slot = i;
              return ix;
            }
          if (e->hash == hash)
            {
              int eq;
              if (LS_IS_STR (e->key) && LS_IS_STR (key)
                  && (LS_AS_OBJ (e->key)->type->hdr.flags & LS_AS_OBJ (key)->type->hdr.flags
                      & LS_TYPE_BUILTIN))
                eq = ls_str_equal (LS_STR (e->key), LS_STR (key));
              else
                {
                  LsDictEntry *entries = d->entries;
                  guint64 version = d->version;
                  LsValue startkey = e->key;
                  eq = ls_eq (vm, startkey, key);
                  if (eq < 0)
                    return -3;
                  if (entries != d->entries || version != d->version)
                    goto restart;
                }
              if (eq)
                {
                  *slot = i;
                  return ix;
                }
            }
        }
      else if (free_slot < 0)
        free_slot = i;
      perturb >>= PERTURB_SHIFT;
      i = (i * 5 + perturb + 1) & mask;
    }
}

int
_ls_dict_lookup_hash (LsVM    *vm,
                      LsDict  *d,
                      LsValue  key,
                      gint64   hash,
                      LsValue *out)
{
  gsize slot;
  gint64 ix = dict_find (vm, d, key, hash, &slot);

  if (ix == -3)
    return -1;
  if (ix < 0)
    return 0;
  if (out != NULL)
    *out = d->entries[ix].value;
  return 1;
}

int
ls_dict_lookup (LsVM    *vm,
                LsDict  *d,
                LsValue  key,
                LsValue *out)
{
  gint64 hash;

  if (!ls_hash (vm, key, &hash))
    return -1;
  return _ls_dict_lookup_hash (vm, d, key, hash, out);
}

int
_ls_dict_set_hash (LsVM   *vm,
                   LsDict *d,
                   LsValue key,
                   gint64  hash,
                   LsValue value)
{
  gsize slot = 0;
  gint64 ix = dict_find (vm, d, key, hash, &slot);
  LsDictEntry *e;

  if (ix == -3)
    return -1;
  if (ix >= 0)
    {
      d->entries[ix].value = value;
      d->version++;   /* type lookups cache what they found (ls-attr.c) */
      return 0;
    }
  if (d->n_entries >= d->cap_entries)
    {
      if (!dict_resize (vm, d, (d->len + 1) * 3 / 2 + 1))
        return -1;
      ix = dict_find (vm, d, key, hash, &slot);
      g_assert (ix == IX_EMPTY);
    }
  e = &d->entries[d->n_entries];
  e->hash = hash;
  e->key = key;
  e->value = value;
  d->index[slot] = d->n_entries++;
  d->len++;
  d->version++;
  return 0;
}

int
ls_dict_set (LsVM   *vm,
             LsDict *d,
             LsValue key,
             LsValue value)
{
  gint64 hash;

  if (!ls_hash (vm, key, &hash))
    return -1;
  return _ls_dict_set_hash (vm, d, key, hash, value);
}

/* String keys (names, attributes): pointer comparison first, no __eq__. */
LsValue
ls_dict_get_str (LsDict *d,
                 LsStr  *key)
{
  gint64 hash;
  gsize mask, i, perturb;

  if (d->index == NULL)
    return LS_UNDEF;
  hash = G_LIKELY (key->hash != -1) ? key->hash : ls_str_hash (key);
  mask = d->mask;
  i = (gsize) hash & mask;
  perturb = (gsize) hash;
  for (;;)
    {
      gint64 ix = d->index[i];
      if (ix == IX_EMPTY)
        return LS_UNDEF;
      if (ix >= 0)
        {
          LsDictEntry *e = &d->entries[ix];
          if (LS_IS_OBJ (e->key) && LS_AS_OBJ (e->key) == (LsObj *) key)
            return e->value;
          if (e->hash == hash && LS_IS_STR (e->key) && ls_str_equal (LS_STR (e->key), key))
            return e->value;
        }
      perturb >>= PERTURB_SHIFT;
      i = (i * 5 + perturb + 1) & mask;
    }
}

void
ls_dict_set_str (LsVM   *vm,
                 LsDict *d,
                 LsStr  *key,
                 LsValue value)
{
  _ls_dict_set_hash (vm, d, ls_obj (key), ls_str_hash (key), value);
}

void
ls_dict_set_cstr (LsVM       *vm,
                  LsDict     *d,
                  const char *key,
                  LsValue     value)
{
  ls_dict_set_str (vm, d, ls_str_intern (vm, key, -1), value);
}

static void
dict_remove_at (LsDict *d,
                gsize   slot,
                gint64  ix)
{
  d->index[slot] = IX_DUMMY;
  d->entries[ix].key = LS_UNDEF;
  d->entries[ix].value = LS_UNDEF;
  d->len--;
  d->version++;
  /* trailing deleted entries are referenced by no index slot, so they can
   * be reused right away (popitem stays O(1)) */
  while (d->n_entries > 0 && LS_IS_UNDEF (d->entries[d->n_entries - 1].key))
    d->n_entries--;
}

/* Removes key; 1 found (*out = its value if out != NULL), 0 missing, -1 error. */
static int
dict_pop (LsVM    *vm,
          LsDict  *d,
          LsValue  key,
          LsValue *out)
{
  gint64 hash, ix;
  gsize slot;

  if (!ls_hash (vm, key, &hash))
    return -1;
  ix = dict_find (vm, d, key, hash, &slot);
  if (ix == -3)
    return -1;
  if (ix < 0)
    return 0;
  if (out != NULL)
    *out = d->entries[ix].value;
  dict_remove_at (d, slot, ix);
  return 1;
}

int
ls_dict_del (LsVM   *vm,
             LsDict *d,
             LsValue key)
{
  return dict_pop (vm, d, key, NULL);
}

gboolean
ls_dict_next (LsDict  *d,
              gsize   *pos,
              LsValue *key,
              LsValue *value)
{
  while (*pos < d->n_entries)
    {
      LsDictEntry *e = &d->entries[(*pos)++];
      if (LS_IS_UNDEF (e->key))
        continue;
      if (key != NULL)
        *key = e->key;
      if (value != NULL)
        *value = e->value;
      return TRUE;
    }
  return FALSE;
}

gboolean
_ls_dict_next_hash (LsDict  *d,
                    gsize   *pos,
                    LsValue *key,
                    LsValue *value,
                    gint64  *hash)
{
  while (*pos < d->n_entries)
    {
      LsDictEntry *e = &d->entries[(*pos)++];
      if (LS_IS_UNDEF (e->key))
        continue;
      *key = e->key;
      if (value != NULL)
        *value = e->value;
      *hash = e->hash;
      return TRUE;
    }
  return FALSE;
}

static void
dict_clear (LsVM   *vm,
            LsDict *d)
{
  ls_gc_free_buffer (vm, d->entries, d->cap_entries * sizeof (LsDictEntry));
  if (d->index != NULL)
    ls_gc_free_buffer (vm, d->index, (d->mask + 1) * sizeof (gint64));
  d->entries = NULL;
  d->index = NULL;
  d->n_entries = d->cap_entries = d->len = 0;
  d->mask = 0;
  d->version++;
}

static gboolean
dict_merge_dict (LsVM   *vm,
                 LsDict *d,
                 LsDict *other)
{
  gsize pos = 0;
  LsValue k, v;
  gint64 h;

  if (other == d)
    return TRUE;
  if (d->len == 0 && other->len > d->cap_entries && !dict_resize (vm, d, other->len))
    return FALSE;
  while (_ls_dict_next_hash (other, &pos, &k, &v, &h))
    if (_ls_dict_set_hash (vm, d, k, h, v) < 0)
      return FALSE;
  return TRUE;
}

LsDict *
ls_dict_copy (LsVM   *vm,
              LsDict *d)
{
  LsDict *r = ls_dict_new (vm);

  dict_merge_dict (vm, r, d);
  return r;
}

/* Adds the pairs of an iterable: [(k, v), ...]. */
static gboolean
dict_merge_pairs (LsVM   *vm,
                  LsDict *d,
                  LsValue iterable)
{
  LsValue it = ls_get_iter (vm, iterable), item;
  gint64 n = 0;
  int r;

  if (LS_IS_ERR (it))
    return FALSE;
  while ((r = ls_iter_next (vm, it, &item)) > 0)
    {
      LsList *pair;
      if (LS_IS_TUPLE (item) && LS_TUPLE (item)->len == 2)
        {
          if (ls_dict_set (vm, d, LS_TUPLE (item)->items[0], LS_TUPLE (item)->items[1]) < 0)
            return FALSE;
          n++;
          continue;
        }
      pair = ls_list_from_iterable (vm, item);
      if (pair == NULL)
        {
          if (ls_exc_pending_is (vm, LS_EXC_TYPE_ERROR))
            {
              ls_exc_clear (vm);
              ls_raise (vm, LS_EXC_TYPE_ERROR,
                        "cannot convert dictionary update sequence element #%" G_GINT64_FORMAT
                        " to a sequence", n);
            }
          return FALSE;
        }
      if (pair->len != 2)
        {
          ls_raise (vm, LS_EXC_VALUE_ERROR,
                    "dictionary update sequence element #%" G_GINT64_FORMAT " has length %"
                    G_GSIZE_FORMAT "; 2 is required", n, pair->len);
          return FALSE;
        }
      if (ls_dict_set (vm, d, pair->items[0], pair->items[1]) < 0)
        return FALSE;
      n++;
    }
  return r == 0;
}

gboolean
_ls_dict_update (LsVM   *vm,
                 LsDict *d,
                 LsValue other)
{
  LsValue keys, it, k, v;
  int r;

  if (LS_IS_DICT (other) && LS_IS_UNDEF (_ls_find_override (vm, other, LS_NAME (vm, __iter__))))
    return dict_merge_dict (vm, d, LS_DICT (other));
  keys = LS_IS_OBJ (other) ? ls_getattr_opt (vm, other, LS_NAME (vm, keys)) : LS_UNDEF;
  if (!LS_IS_UNDEF (vm->exc))
    return FALSE;
  if (LS_IS_UNDEF (keys))
    return dict_merge_pairs (vm, d, other);
  keys = ls_call (vm, keys, NULL, 0, NULL);
  if (LS_IS_ERR (keys))
    return FALSE;
  it = ls_get_iter (vm, keys);
  if (LS_IS_ERR (it))
    return FALSE;
  while ((r = ls_iter_next (vm, it, &k)) > 0)
    {
      v = ls_getitem (vm, other, k);
      if (LS_IS_ERR (v) || ls_dict_set (vm, d, k, v) < 0)
        return FALSE;
    }
  return r == 0;
}

gboolean
ls_dict_update (LsVM   *vm,
                LsDict *d,
                LsValue other)
{
  return _ls_dict_update (vm, d, other);
}

static gboolean
update_kwargs (LsVM          *vm,
               LsDict        *d,
               const LsValue *kwvalues,
               LsTuple       *kwnames)
{
  gsize i;

  if (kwnames == NULL)
    return TRUE;
  for (i = 0; i < kwnames->len; i++)
    if (ls_dict_set (vm, d, kwnames->items[i], kwvalues[i]) < 0)
      return FALSE;
  return TRUE;
}

/* -------------------------------------------------------- comparisons */

int
_ls_dict_equal (LsVM   *vm,
                LsDict *a,
                LsDict *b)
{
  gsize pos = 0;
  LsValue k, v, w;
  gint64 h;

  if (a == b)
    return 1;
  if (a->len != b->len)
    return 0;
  while (_ls_dict_next_hash (a, &pos, &k, &v, &h))
    {
      int r = _ls_dict_lookup_hash (vm, b, k, h, &w), eq;
      if (r <= 0)
        return r;
      eq = ls_is (v, w) ? 1 : ls_eq (vm, v, w);
      if (eq <= 0)
        return eq;
    }
  return 1;
}

/* ---------------------------------------------------------------- repr */

LsValue
_ls_dict_repr (LsVM   *vm,
               LsDict *d)
{
  LsReprGuard guard;
  GString *out;
  gsize pos = 0;
  gboolean first = TRUE;
  LsValue k, v;
  int st;

  if (d->len == 0)
    return ls_obj (ls_str_new (vm, "{}", 2));
  st = _ls_repr_enter (vm, &guard, d);
  if (st <= 0)
    return st < 0 ? LS_ERR : ls_obj (ls_str_new (vm, "{...}", 5));
  out = g_string_new ("{");
  while (ls_dict_next (d, &pos, &k, &v))
    {
      LsValue rk = ls_repr (vm, k), rv = LS_ERR;
      if (!LS_IS_ERR (rk))
        rv = ls_repr (vm, v);
      if (LS_IS_ERR (rv))
        {
          _ls_repr_leave (&guard);
          g_string_free (out, TRUE);
          return LS_ERR;
        }
      if (!first)
        g_string_append (out, ", ");
      first = FALSE;
      g_string_append_len (out, LS_STR (rk)->data, LS_STR (rk)->len);
      g_string_append (out, ": ");
      g_string_append_len (out, LS_STR (rv)->data, LS_STR (rv)->len);
    }
  _ls_repr_leave (&guard);
  g_string_append_c (out, '}');
  return _ls_str_from_gstring (vm, out);
}

/* ------------------------------------------------------------ iteration */

static int
dict_iter_next (LsVM    *vm,
                LsIter  *it,
                LsValue *out)
{
  LsDict *d;
  gsize pos;
  LsValue k, v;

  if (!LS_IS_OBJ (it->a))
    return 0;
  d = LS_DICT (it->a);
  if ((gint64) d->len != it->n)
    {
      it->n = -1;   /* sticky, as in CPython */
      ls_raise (vm, LS_EXC_RUNTIME_ERROR, "dictionary changed size during iteration");
      return -1;
    }
  pos = it->i;
  if (!ls_dict_next (d, &pos, &k, &v))
    {
      it->a = LS_NONE;
      return 0;
    }
  it->i = pos;
  switch (LS_AS_INT (it->b))
    {
    case WHAT_KEYS:
      *out = k;
      break;
    case WHAT_VALUES:
      *out = v;
      break;
    default:
      {
        LsValue pair[2] = { k, v };
        *out = ls_obj (ls_tuple_from (vm, pair, 2));
      }
    }
  return 1;
}

static int
dict_rev_iter_next (LsVM    *vm,
                    LsIter  *it,
                    LsValue *out)
{
  LsDict *d;

  if (!LS_IS_OBJ (it->a))
    return 0;
  d = LS_DICT (it->a);
  if ((gint64) d->len != it->n)
    {
      it->n = -1;
      ls_raise (vm, LS_EXC_RUNTIME_ERROR, "dictionary changed size during iteration");
      return -1;
    }
  while (it->i > 0)
    {
      LsDictEntry *e = &d->entries[--it->i];
      if (LS_IS_UNDEF (e->key) || (gsize) it->i >= d->n_entries)
        continue;
      switch (LS_AS_INT (it->b))
        {
        case WHAT_KEYS: *out = e->key; break;
        case WHAT_VALUES: *out = e->value; break;
        default:
          {
            LsValue pair[2] = { e->key, e->value };
            *out = ls_obj (ls_tuple_from (vm, pair, 2));
          }
        }
      return 1;
    }
  it->a = LS_NONE;
  return 0;
}

LsValue
_ls_dict_iter (LsVM   *vm,
               LsDict *d,
               int     what)
{
  static const LsIterTypeId ids[] = { LS_IT_DICT_KEYS, LS_IT_DICT_VALUES, LS_IT_DICT_ITEMS };
  LsIter *it = _ls_iter_alloc (vm, vm->iter_types[ids[what]], dict_iter_next, ls_obj (d));

  it->b = ls_int (what);
  it->n = d->len;
  return ls_obj (it);
}

static LsValue
dict_rev_iter (LsVM   *vm,
               LsDict *d,
               int     what)
{
  static const LsIterTypeId ids[] = { LS_IT_DICT_REV_KEYS, LS_IT_DICT_REV_VALUES, LS_IT_DICT_REV_ITEMS };
  LsIter *it = _ls_iter_alloc (vm, vm->iter_types[ids[what]], dict_rev_iter_next, ls_obj (d));

  it->b = ls_int (what);
  it->n = d->len;
  it->i = d->n_entries;
  return ls_obj (it);
}

/* ---------------------------------------------------------------- views */

LsValue
_ls_dict_view (LsVM   *vm,
               LsDict *d,
               int     what)
{
  static const LsTypeId ids[] = { LS_T_DICT_KEYS, LS_T_DICT_VALUES, LS_T_DICT_ITEMS };
  LsIter *view = _ls_iter_alloc (vm, vm->types[ids[what]], NULL, ls_obj (d));

  view->b = ls_int (what);
  return ls_obj (view);
}

gboolean
_ls_is_dict_view (LsVM   *vm,
                  LsValue v,
                  int    *what)
{
  LsIter *it;

  if (!LS_OBJ_IS (v, LS_OBJ_ITER))
    return FALSE;
  it = LS_ITER (v);
  if (it->next != NULL || !LS_IS_INTLIKE (it->b) || !LS_IS_DICT (it->a))
    return FALSE;
  if (what != NULL)
    *what = (int) LS_AS_INT (it->b);
  return TRUE;
}

LsValue
_ls_dict_view_repr (LsVM   *vm,
                    LsValue view)
{
  static const char *const names[] = { "dict_keys", "dict_values", "dict_items" };
  LsIter *it = LS_ITER (view);
  LsList *items;
  LsValue r;
  LsReprGuard guard;
  int st;
  LsStr *s;

  st = _ls_repr_enter (vm, &guard, it);
  if (st <= 0)
    return st < 0 ? LS_ERR : ls_obj (ls_str_new (vm, "...", 3));
  items = ls_list_from_iterable (vm, view);
  r = items != NULL ? ls_repr (vm, ls_obj (items)) : LS_ERR;
  _ls_repr_leave (&guard);
  if (LS_IS_ERR (r))
    return r;
  s = ls_str_printf (vm, "%s(%s)", names[LS_AS_INT (it->b)], LS_STR (r)->data);
  return ls_obj (s);
}

int
_ls_dict_view_contains (LsVM   *vm,
                        LsValue view,
                        LsValue item)
{
  LsIter *it = LS_ITER (view);
  LsDict *d = LS_DICT (it->a);
  LsValue v;
  int r;

  switch (LS_AS_INT (it->b))
    {
    case WHAT_KEYS:
      return ls_dict_lookup (vm, d, item, NULL);
    case WHAT_ITEMS:
      if (!LS_IS_TUPLE (item) || LS_TUPLE (item)->len != 2)
        return 0;
      r = ls_dict_lookup (vm, d, LS_TUPLE (item)->items[0], &v);
      if (r <= 0)
        return r;
      return ls_is (v, LS_TUPLE (item)->items[1]) ? 1 : ls_eq (vm, v, LS_TUPLE (item)->items[1]);
    default:
      {
        gsize pos = 0;
        while (ls_dict_next (d, &pos, NULL, &v))
          {
            int eq = ls_is (v, item) ? 1 : ls_eq (vm, v, item);
            if (eq != 0)
              return eq;
          }
        return 0;
      }
    }
}

/* keys/items views behave like sets for & | - ^ and comparisons */
LsValue
_ls_dict_view_binop (LsVM   *vm,
                     LsValue a,
                     LsValue b,
                     int     op)
{
  int wa = -1, wb = -1;
  LsSet *sa, *sb;

  _ls_is_dict_view (vm, a, &wa);
  _ls_is_dict_view (vm, b, &wb);
  if (wa == WHAT_VALUES || wb == WHAT_VALUES || (wa < 0 && wb < 0))
    return vm->not_implemented;
  op &= ~LS_BINOP_INPLACE;
  if (op != LS_BINOP_BITAND && op != LS_BINOP_BITOR && op != LS_BINOP_SUB && op != LS_BINOP_BITXOR)
    return vm->not_implemented;
  sa = _ls_set_from_iterable (vm, vm->types[LS_T_SET], a);
  if (sa == NULL)
    return LS_ERR;
  if (LS_IS_SET (b))
    sb = LS_SET (b);
  else
    {
      sb = _ls_set_from_iterable (vm, vm->types[LS_T_SET], b);
      if (sb == NULL)
        {
          if (ls_exc_pending_is (vm, LS_EXC_TYPE_ERROR))
            {
              ls_exc_clear (vm);
              return vm->not_implemented;
            }
          return LS_ERR;
        }
    }
  return _ls_set_binop (vm, ls_obj (sa), ls_obj (sb), op);
}

int
_ls_dict_view_richcmp (LsVM       *vm,
                       LsValue     a,
                       LsValue     b,
                       LsCmpOpKind op)
{
  int wa = -1, wb = -1;
  LsSet *sa, *sb;

  _ls_is_dict_view (vm, a, &wa);
  _ls_is_dict_view (vm, b, &wb);
  if (wa == WHAT_VALUES || wa < 0)
    return -2;
  if (!(wb == WHAT_KEYS || wb == WHAT_ITEMS || LS_IS_SET (b)))
    return -2;
  sa = _ls_set_from_iterable (vm, vm->types[LS_T_SET], a);
  sb = sa != NULL ? (LS_IS_SET (b) ? LS_SET (b) : _ls_set_from_iterable (vm, vm->types[LS_T_SET], b)) : NULL;
  if (sb == NULL)
    return -1;
  return _ls_set_richcmp (vm, sa, sb, op);
}

/* ----------------------------------------------------- subscript, | */

LsValue
_ls_dict_getitem (LsVM   *vm,
                  LsValue self,
                  LsValue key)
{
  LsValue v, missing;
  int r = ls_dict_lookup (vm, LS_DICT (self), key, &v);

  if (r > 0)
    return v;
  if (r < 0)
    return LS_ERR;
  if (LS_AS_OBJ (self)->type != vm->types[LS_T_DICT])
    {
      missing = _ls_find_override (vm, self, LS_NAME (vm, __missing__));
      if (!LS_IS_UNDEF (missing))
        return _ls_call_override (vm, missing, self, &key, 1);
    }
  return ls_raise_key_error (vm, key);
}

LsValue
_ls_dict_or (LsVM   *vm,
             LsValue a,
             LsValue b,
             gboolean inplace)
{
  LsDict *r;

  if (inplace)
    {
      if (!LS_IS_DICT (a))
        return vm->not_implemented;
      return _ls_dict_update (vm, LS_DICT (a), b) ? a : LS_ERR;
    }
  if (!LS_IS_DICT (a) || !LS_IS_DICT (b))
    return vm->not_implemented;
  r = ls_dict_copy (vm, LS_DICT (a));
  if (!dict_merge_dict (vm, r, LS_DICT (b)))
    return LS_ERR;
  return ls_obj (r);
}

/* -------------------------------------------------------------- methods */

#define SELF (LS_DICT (self))

static LsValue
dict_get (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsValue v;
  int r;

  if (!_ls_check_args (vm, "get", nargs, kwnames, 1, 2))
    return LS_ERR;
  r = ls_dict_lookup (vm, SELF, args[0], &v);
  if (r < 0)
    return LS_ERR;
  return r > 0 ? v : nargs == 2 ? args[1] : LS_NONE;
}

static LsValue
dict_keys (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "dict.keys", nargs, kwnames, 0, 0))
    return LS_ERR;
  return _ls_dict_view (vm, SELF, WHAT_KEYS);
}

static LsValue
dict_values (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "dict.values", nargs, kwnames, 0, 0))
    return LS_ERR;
  return _ls_dict_view (vm, SELF, WHAT_VALUES);
}

static LsValue
dict_items (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "dict.items", nargs, kwnames, 0, 0))
    return LS_ERR;
  return _ls_dict_view (vm, SELF, WHAT_ITEMS);
}

static LsValue
dict_setdefault (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsValue v, dflt;
  int r;

  if (!_ls_check_args (vm, "setdefault", nargs, kwnames, 1, 2))
    return LS_ERR;
  r = ls_dict_lookup (vm, SELF, args[0], &v);
  if (r != 0)
    return r < 0 ? LS_ERR : v;
  dflt = nargs == 2 ? args[1] : LS_NONE;
  return ls_dict_set (vm, SELF, args[0], dflt) < 0 ? LS_ERR : dflt;
}

static LsValue
dict_pop_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsValue v;
  int r;

  if (!_ls_check_args (vm, "pop", nargs, kwnames, 1, 2))
    return LS_ERR;
  r = dict_pop (vm, SELF, args[0], &v);
  if (r < 0)
    return LS_ERR;
  if (r > 0)
    return v;
  if (nargs == 2)
    return args[1];
  return ls_raise_key_error (vm, args[0]);
}

static LsValue
dict_popitem (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsDict *d = SELF;
  gint64 ix;
  LsValue pair[2];

  if (!_ls_check_args (vm, "dict.popitem", nargs, kwnames, 0, 0))
    return LS_ERR;
  if (d->len == 0)
    return ls_raise (vm, LS_EXC_KEY_ERROR, "popitem(): dictionary is empty");
  for (ix = d->n_entries - 1; ix >= 0 && LS_IS_UNDEF (d->entries[ix].key); ix--)
    ;
  pair[0] = d->entries[ix].key;
  pair[1] = d->entries[ix].value;
  {
    gsize slot;
    gint64 found = dict_find (vm, d, pair[0], d->entries[ix].hash, &slot);
    if (found != ix)
      {
        /* an __eq__ matched another entry first: fall back to identity search */
        gsize i;
        for (i = 0; i <= d->mask; i++)
          if (d->index[i] == ix)
            {
              slot = i;
              break;
            }
      }
    dict_remove_at (d, slot, ix);
  }
  return ls_obj (ls_tuple_from (vm, pair, 2));
}

static LsValue
dict_update_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (nargs > 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "update expected at most 1 argument, got %d", nargs);
  if (nargs == 1 && !_ls_dict_update (vm, SELF, args[0]))
    return LS_ERR;
  return update_kwargs (vm, SELF, args + nargs, kwnames) ? LS_NONE : LS_ERR;
}

static LsValue
dict_copy_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "dict.copy", nargs, kwnames, 0, 0))
    return LS_ERR;
  return ls_obj (ls_dict_copy (vm, SELF));
}

static LsValue
dict_clear_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "dict.clear", nargs, kwnames, 0, 0))
    return LS_ERR;
  dict_clear (vm, SELF);
  return LS_NONE;
}

/* dict.fromkeys(iterable[, value]): self is the class */
static LsValue
dict_fromkeys (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsType *type = LS_OBJ_IS (self, LS_OBJ_TYPE) ? (LsType *) LS_AS_OBJ (self) : vm->types[LS_T_DICT];
  LsValue value, it, k, d;
  int r;

  if (!_ls_check_args (vm, "fromkeys", nargs, kwnames, 1, 2))
    return LS_ERR;
  value = nargs == 2 ? args[1] : LS_NONE;
  if (type == vm->types[LS_T_DICT])
    d = ls_obj (ls_dict_new (vm));
  else
    d = ls_call (vm, ls_obj (type), NULL, 0, NULL);
  if (LS_IS_ERR (d))
    return d;
  it = ls_get_iter (vm, args[0]);
  if (LS_IS_ERR (it))
    return it;
  while ((r = ls_iter_next (vm, it, &k)) > 0)
    if (ls_setitem (vm, d, k, value) < 0)
      return LS_ERR;
  return r < 0 ? LS_ERR : d;
}

static LsValue
dict_dunder_getitem (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "dict.__getitem__", nargs, kwnames, 1, 1))
    return LS_ERR;
  return _ls_dict_getitem (vm, self, args[0]);
}

static LsValue
dict_dunder_setitem (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "__setitem__", nargs, kwnames, 2, 2))
    return LS_ERR;
  return ls_dict_set (vm, SELF, args[0], args[1]) < 0 ? LS_ERR : LS_NONE;
}

static LsValue
dict_dunder_delitem (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  int r;

  if (!_ls_check_args (vm, "dict.__delitem__", nargs, kwnames, 1, 1))
    return LS_ERR;
  r = ls_dict_del (vm, SELF, args[0]);
  if (r < 0)
    return LS_ERR;
  return r == 0 ? ls_raise_key_error (vm, args[0]) : LS_NONE;
}

static LsValue
dict_dunder_contains (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  int r;

  if (!_ls_check_args (vm, "dict.__contains__", nargs, kwnames, 1, 1))
    return LS_ERR;
  r = ls_dict_lookup (vm, SELF, args[0], NULL);
  return r < 0 ? LS_ERR : ls_bool (r);
}

static LsValue
dict_dunder_len (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "dict.__len__", nargs, kwnames, 0, 0))
    return LS_ERR;
  return ls_int (SELF->len);
}

static LsValue
dict_dunder_iter (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "dict.__iter__", nargs, kwnames, 0, 0))
    return LS_ERR;
  return _ls_dict_iter (vm, SELF, WHAT_KEYS);
}

static LsValue
dict_dunder_reversed (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "dict.__reversed__", nargs, kwnames, 0, 0))
    return LS_ERR;
  return dict_rev_iter (vm, SELF, WHAT_KEYS);
}

static LsValue
dict_dunder_repr (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "dict.__repr__", nargs, kwnames, 0, 0))
    return LS_ERR;
  return _ls_dict_repr (vm, SELF);
}

static LsValue
dict_dunder_init (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (nargs > 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "dict expected at most 1 argument, got %d", nargs);
  if (nargs == 1 && !_ls_dict_update (vm, SELF, args[0]))
    return LS_ERR;
  return update_kwargs (vm, SELF, args + nargs, kwnames) ? LS_NONE : LS_ERR;
}

static LsValue
dict_ctor (LsVM          *vm,
           LsValue        self,
           const LsValue *args,
           int            nargs,
           LsTuple       *kwnames)
{
  LsType *type = (LsType *) LS_AS_OBJ (self);
  LsDict *d = dict_new_typed (vm, type);
  LsValue init;

  if (nargs > 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "dict expected at most 1 argument, got %d", nargs);
  if (type != vm->types[LS_T_DICT])
    {
      /* a subclass with its own __init__ fills itself */
      init = ls_type_lookup (type, LS_NAME (vm, __init__));
      if (!LS_OBJ_IS (init, LS_OBJ_NATIVE) || ((LsNative *) LS_AS_OBJ (init))->fn != dict_dunder_init)
        return ls_obj (d);
    }
  if (nargs == 1 && !_ls_dict_update (vm, d, args[0]))
    return LS_ERR;
  if (!update_kwargs (vm, d, args + nargs, kwnames))
    return LS_ERR;
  return ls_obj (d);
}

/* ------------------------------------------------------- view methods */

static LsValue
view_dunder_len (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return ls_int (LS_DICT (LS_ITER (self)->a)->len);
}

static LsValue
view_dunder_iter (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return _ls_dict_iter (vm, LS_DICT (LS_ITER (self)->a), (int) LS_AS_INT (LS_ITER (self)->b));
}

static LsValue
view_dunder_reversed (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return dict_rev_iter (vm, LS_DICT (LS_ITER (self)->a), (int) LS_AS_INT (LS_ITER (self)->b));
}

static LsValue
view_isdisjoint (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsValue it, v;
  int r;

  if (!_ls_check_args (vm, "isdisjoint", nargs, kwnames, 1, 1))
    return LS_ERR;
  it = ls_get_iter (vm, args[0]);
  if (LS_IS_ERR (it))
    return it;
  while ((r = ls_iter_next (vm, it, &v)) > 0)
    {
      int c = _ls_dict_view_contains (vm, self, v);
      if (c != 0)
        return c < 0 ? LS_ERR : LS_FALSE;
    }
  return r < 0 ? LS_ERR : LS_TRUE;
}

static LsValue
view_mapping (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return LS_ITER (self)->a;
}

void
_ls_dict_init_type (LsVM *vm)
{
  static const struct { const char *name; LsNativeFn fn; } methods[] = {
    { "get", dict_get }, { "keys", dict_keys }, { "values", dict_values }, { "items", dict_items },
    { "setdefault", dict_setdefault }, { "pop", dict_pop_method }, { "popitem", dict_popitem },
    { "update", dict_update_method }, { "copy", dict_copy_method }, { "clear", dict_clear_method },
    { "__getitem__", dict_dunder_getitem }, { "__setitem__", dict_dunder_setitem },
    { "__delitem__", dict_dunder_delitem }, { "__contains__", dict_dunder_contains },
    { "__len__", dict_dunder_len }, { "__iter__", dict_dunder_iter },
    { "__reversed__", dict_dunder_reversed }, { "__repr__", dict_dunder_repr },
    { "__init__", dict_dunder_init },
  };
  static const LsTypeId views[] = { LS_T_DICT_KEYS, LS_T_DICT_VALUES, LS_T_DICT_ITEMS };
  LsType *type = vm->types[LS_T_DICT];
  guint i;

  type->ctor = dict_ctor;
  for (i = 0; i < G_N_ELEMENTS (methods); i++)
    ls_type_add_method (vm, type, methods[i].name, methods[i].fn);
  ls_type_add_classmethod (vm, type, "fromkeys", dict_fromkeys);

  for (i = 0; i < G_N_ELEMENTS (views); i++)
    {
      LsType *vt = vm->types[views[i]];
      ls_type_add_method (vm, vt, "__len__", view_dunder_len);
      ls_type_add_method (vm, vt, "__iter__", view_dunder_iter);
      ls_type_add_method (vm, vt, "__reversed__", view_dunder_reversed);
      _ls_type_add_getter (vm, vt, "mapping", view_mapping);
      if (views[i] != LS_T_DICT_VALUES)
        ls_type_add_method (vm, vt, "isdisjoint", view_isdisjoint);
    }

  LS_ITER_TYPE (vm, DICT_KEYS) = _ls_iter_type_new (vm, "dict_keyiterator");
  LS_ITER_TYPE (vm, DICT_VALUES) = _ls_iter_type_new (vm, "dict_valueiterator");
  LS_ITER_TYPE (vm, DICT_ITEMS) = _ls_iter_type_new (vm, "dict_itemiterator");
  LS_ITER_TYPE (vm, DICT_REV_KEYS) = _ls_iter_type_new (vm, "dict_reversekeyiterator");
  LS_ITER_TYPE (vm, DICT_REV_VALUES) = _ls_iter_type_new (vm, "dict_reversevalueiterator");
  LS_ITER_TYPE (vm, DICT_REV_ITEMS) = _ls_iter_type_new (vm, "dict_reverseitemiterator");
}
