/* ls-set.c: set and frozenset. The table follows CPython's algorithm
 * (linear probes then perturbation, its resize rules, dummy reuse and pop's
 * finger) so that iteration order matches CPython for ints, floats and
 * tuples of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ls-lang.h"
#include "ls-types-private.h"

#define MIN_SIZE       8
#define LINEAR_PROBES  9
#define PERTURB_SHIFT  5

#define ENTRY_ACTIVE(e) ((e)->key.tag != LS_V_UNDEF)
#define ENTRY_DUMMY(e)  ((e)->key.tag == LS_V_UNDEF && (e)->hash == -1)
#define ENTRY_EMPTY(e)  ((e)->key.tag == LS_V_UNDEF && (e)->hash != -1)

static const LsValue dummy_key = { .tag = LS_V_UNDEF, .u.i = 1 };

static LsSetEntry *
table_alloc (LsVM *vm,
             gsize size)
{
  LsSetEntry *t = ls_gc_realloc_buffer (vm, NULL, 0, size * sizeof (LsSetEntry));

  if (t != NULL)
    memset (t, 0, size * sizeof (LsSetEntry));
  return t;
}

static void
set_init_empty (LsVM  *vm,
                LsSet *s)
{
  s->table = table_alloc (vm, MIN_SIZE);
  s->mask = MIN_SIZE - 1;
  s->fill = s->used = 0;
  s->finger = 0;
}

LsSet *
ls_set_new (LsVM   *vm,
            LsType *type)
{
  LsSet *s = ls_gc_alloc (vm, LS_OBJ_SET, type != NULL ? type : vm->types[LS_T_SET], sizeof (LsSet));

  set_init_empty (vm, s);
  s->version = 0;
  return s;
}

static gboolean
is_frozen (LsVM  *vm,
           LsSet *s)
{
  return ls_is_subtype (s->hdr.type, vm->types[LS_T_FROZENSET]);
}

/* set or frozenset, whichever s derives from (results of set operations) */
static LsType *
base_type (LsVM  *vm,
           LsSet *s)
{
  return is_frozen (vm, s) ? vm->types[LS_T_FROZENSET] : vm->types[LS_T_SET];
}

/* ------------------------------------------------------------ probing */

/* Returns the entry holding key, or the empty entry ending the search; NULL
 * when an __eq__ raised. */
static LsSetEntry *
set_lookkey (LsVM   *vm,
             LsSet  *s,
             LsValue key,
             gint64  hash)
{
  LsSetEntry *entry, *table;
  gsize perturb, mask, i;
  int probes, cmp;

restart:
  perturb = (gsize) hash;
  mask = s->mask;
  i = (gsize) hash & mask;
  for (;;)
    {
      entry = &s->table[i];
      probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
      do
        {
          if (ENTRY_EMPTY (entry) && entry->hash == 0)
            return entry;
          if (entry->hash == hash && ENTRY_ACTIVE (entry))
            {
              LsValue startkey = entry->key;
              if (ls_is (startkey, key))
                return entry;
              if (LS_IS_STR (startkey) && LS_IS_STR (key))
                {
                  if (ls_str_equal (LS_STR (startkey), LS_STR (key)))
                    return entry;
                }
              else
                {
                  guint64 version = s->version;
                  table = s->table;
                  cmp = ls_eq (vm, startkey, key);
                  if (cmp < 0)
                    return NULL;
                  if (table != s->table || version != s->version)
                    goto restart;
                  if (cmp > 0)
                    return entry;
                  mask = s->mask;
                }
            }
          entry++;
        }
      while (probes--);
      perturb >>= PERTURB_SHIFT;
      i = (i * 5 + 1 + perturb) & mask;
    }
}

static void
set_insert_clean (LsSetEntry *table,
                  gsize       mask,
                  LsValue     key,
                  gint64      hash)
{
  LsSetEntry *entry;
  gsize perturb = (gsize) hash, i = (gsize) hash & mask, j;

  for (;;)
    {
      entry = &table[i];
      if (!ENTRY_ACTIVE (entry))
        goto found;
      if (i + LINEAR_PROBES <= mask)
        for (j = 0; j < LINEAR_PROBES; j++)
          {
            entry++;
            if (!ENTRY_ACTIVE (entry))
              goto found;
          }
      perturb >>= PERTURB_SHIFT;
      i = (i * 5 + 1 + perturb) & mask;
    }
found:
  entry->key = key;
  entry->hash = hash;
}

static gboolean
set_table_resize (LsVM  *vm,
                  LsSet *s,
                  gsize  minused)
{
  gsize newsize = MIN_SIZE, oldmask = s->mask, i;
  LsSetEntry *old = s->table, *table;

  while (newsize <= minused)
    newsize <<= 1;
  table = table_alloc (vm, newsize);
  if (table == NULL)
    return FALSE;
  s->table = table;
  s->mask = newsize - 1;
  s->fill = s->used;
  for (i = 0; i <= oldmask; i++)
    if (ENTRY_ACTIVE (&old[i]))
      set_insert_clean (table, s->mask, old[i].key, old[i].hash);
  ls_gc_free_buffer (vm, old, (oldmask + 1) * sizeof (LsSetEntry));
  s->version++;
  return TRUE;
}

static int
set_add_entry (LsVM   *vm,
               LsSet  *s,
               LsValue key,
               gint64  hash)
{
  LsSetEntry *entry, *freeslot, *table;
  gsize perturb, mask, i;
  int probes, cmp;

restart:
  mask = s->mask;
  i = (gsize) hash & mask;
  freeslot = NULL;
  perturb = (gsize) hash;
  for (;;)
    {
      entry = &s->table[i];
      probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
      do
        {
          if (ENTRY_EMPTY (entry) && entry->hash == 0)
            goto found_unused_or_dummy;
          if (entry->hash == hash && ENTRY_ACTIVE (entry))
            {
              LsValue startkey = entry->key;
              if (ls_is (startkey, key))
                return 0;
              if (LS_IS_STR (startkey) && LS_IS_STR (key))
                {
                  if (ls_str_equal (LS_STR (startkey), LS_STR (key)))
                    return 0;
                }
              else
                {
                  guint64 version = s->version;
                  table = s->table;
                  cmp = ls_eq (vm, startkey, key);
                  if (cmp > 0)
                    return 0;
                  if (cmp < 0)
                    return -1;
                  if (table != s->table || version != s->version)
                    goto restart;
                  mask = s->mask;
                }
            }
          else if (ENTRY_DUMMY (entry))
            freeslot = entry;
          entry++;
        }
      while (probes--);
      perturb >>= PERTURB_SHIFT;
      i = (i * 5 + 1 + perturb) & mask;
    }

found_unused_or_dummy:
  s->version++;
  if (freeslot != NULL)
    {
      s->used++;
      freeslot->key = key;
      freeslot->hash = hash;
      return 0;
    }
  s->fill++;
  s->used++;
  entry->key = key;
  entry->hash = hash;
  if (s->fill * 5 < mask * 3)
    return 0;
  return set_table_resize (vm, s, s->used > 50000 ? s->used * 2 : s->used * 4) ? 0 : -1;
}

static int
set_contains_entry (LsVM   *vm,
                    LsSet  *s,
                    LsValue key,
                    gint64  hash)
{
  LsSetEntry *e = set_lookkey (vm, s, key, hash);

  if (e == NULL)
    return -1;
  return ENTRY_ACTIVE (e);
}

static int
set_discard_entry (LsVM   *vm,
                   LsSet  *s,
                   LsValue key,
                   gint64  hash)
{
  LsSetEntry *e = set_lookkey (vm, s, key, hash);

  if (e == NULL)
    return -1;
  if (!ENTRY_ACTIVE (e))
    return 0;
  e->key = dummy_key;
  e->hash = -1;
  s->used--;
  s->version++;
  return 1;
}

static gboolean
set_next_entry (LsSet       *s,
                gsize       *pos,
                LsSetEntry **entry)
{
  gsize i = *pos;

  while (i <= s->mask && !ENTRY_ACTIVE (&s->table[i]))
    i++;
  *pos = i + 1;
  if (i > s->mask)
    return FALSE;
  *entry = &s->table[i];
  return TRUE;
}

gboolean
ls_set_next (LsSet   *s,
             gsize   *pos,
             LsValue *key)
{
  LsSetEntry *e;

  if (!set_next_entry (s, pos, &e))
    return FALSE;
  *key = e->key;
  return TRUE;
}

static void
set_clear (LsVM  *vm,
           LsSet *s)
{
  ls_gc_free_buffer (vm, s->table, (s->mask + 1) * sizeof (LsSetEntry));
  set_init_empty (vm, s);
  s->version++;
}

/* ----------------------------------------------------------- public API */

/* A set used as a key is looked up as the equal frozenset. */
static gboolean
hash_key (LsVM    *vm,
          LsValue  key,
          gint64  *hash,
          LsValue *alt)
{
  *alt = key;
  if (ls_hash (vm, key, hash))
    return TRUE;
  if (!LS_IS_SET (key) || !ls_exc_pending_is (vm, LS_EXC_TYPE_ERROR))
    return FALSE;
  ls_exc_clear (vm);
  *alt = ls_obj (_ls_set_from_iterable (vm, vm->types[LS_T_FROZENSET], key));
  *hash = _ls_frozenset_hash (LS_SET (*alt));
  return TRUE;
}

int
ls_set_add (LsVM   *vm,
            LsSet  *s,
            LsValue key)
{
  gint64 hash;

  if (!ls_hash (vm, key, &hash))
    return -1;
  return set_add_entry (vm, s, key, hash);
}

int
ls_set_contains (LsVM   *vm,
                 LsSet  *s,
                 LsValue key)
{
  gint64 hash;
  LsValue k;

  if (!hash_key (vm, key, &hash, &k))
    return -1;
  return set_contains_entry (vm, s, k, hash);
}

int
ls_set_discard (LsVM   *vm,
                LsSet  *s,
                LsValue key)
{
  gint64 hash;
  LsValue k;

  if (!hash_key (vm, key, &hash, &k))
    return -1;
  return set_discard_entry (vm, s, k, hash);
}

static gboolean
set_merge (LsVM  *vm,
           LsSet *s,
           LsSet *other)
{
  gsize i;

  if (other == s || other->used == 0)
    return TRUE;
  if ((s->fill + other->used) * 5 >= s->mask * 3
      && !set_table_resize (vm, s, (s->used + other->used) * 2))
    return FALSE;
  s->version++;
  if (s->fill == 0 && s->mask == other->mask && other->fill == other->used)
    {
      for (i = 0; i <= other->mask; i++)
        if (ENTRY_ACTIVE (&other->table[i]))
          s->table[i] = other->table[i];
      s->fill = other->fill;
      s->used = other->used;
      return TRUE;
    }
  if (s->fill == 0)
    {
      s->fill = s->used = other->used;
      for (i = 0; i <= other->mask; i++)
        if (ENTRY_ACTIVE (&other->table[i]))
          set_insert_clean (s->table, s->mask, other->table[i].key, other->table[i].hash);
      return TRUE;
    }
  for (i = 0; i <= other->mask; i++)
    {
      LsSetEntry *e = &other->table[i];
      if (ENTRY_ACTIVE (e) && set_add_entry (vm, s, e->key, e->hash) < 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
set_update_internal (LsVM   *vm,
                     LsSet  *s,
                     LsValue other)
{
  LsValue it, key;
  int r;

  if (LS_IS_SET (other))
    return set_merge (vm, s, LS_SET (other));
  if (LS_IS_DICT (other) && LS_AS_OBJ (other)->type == vm->types[LS_T_DICT])
    {
      LsDict *d = LS_DICT (other);
      gsize pos = 0;
      gint64 hash;
      if ((s->fill + d->len) * 5 >= s->mask * 3 && !set_table_resize (vm, s, (s->used + d->len) * 2))
        return FALSE;
      while (_ls_dict_next_hash (d, &pos, &key, NULL, &hash))
        if (set_add_entry (vm, s, key, hash) < 0)
          return FALSE;
      return TRUE;
    }
  it = ls_get_iter (vm, other);
  if (LS_IS_ERR (it))
    return FALSE;
  while ((r = ls_iter_next (vm, it, &key)) > 0)
    if (ls_set_add (vm, s, key) < 0)
      return FALSE;
  return r == 0;
}

gboolean
ls_set_update (LsVM   *vm,
               LsSet  *s,
               LsValue iterable)
{
  return set_update_internal (vm, s, iterable);
}

LsSet *
_ls_set_from_iterable (LsVM   *vm,
                       LsType *type,
                       LsValue iterable)
{
  LsSet *s = ls_set_new (vm, type);

  if (!LS_IS_UNDEF (iterable) && !set_update_internal (vm, s, iterable))
    return NULL;
  return s;
}

static LsSet *
set_copy (LsVM  *vm,
          LsSet *s)
{
  return _ls_set_from_iterable (vm, base_type (vm, s), ls_obj (s));
}

/* ------------------------------------------------------- set algebra */

static LsSet *
set_intersection (LsVM   *vm,
                  LsSet  *s,
                  LsValue other)
{
  LsSet *result;
  LsValue it, key;
  gint64 hash;
  int rv, r;

  if (LS_IS_OBJ (other) && LS_AS_OBJ (other) == (LsObj *) s)
    return set_copy (vm, s);
  result = ls_set_new (vm, base_type (vm, s));
  if (LS_IS_SET (other))
    {
      LsSet *o = LS_SET (other);
      gsize pos = 0;
      LsSetEntry *e;
      if (o->used > s->used)
        {
          LsSet *t = s;
          s = o;
          o = t;
        }
      while (set_next_entry (o, &pos, &e))
        {
          LsValue k = e->key;
          hash = e->hash;
          rv = set_contains_entry (vm, s, k, hash);
          if (rv < 0 || (rv > 0 && set_add_entry (vm, result, k, hash) < 0))
            return NULL;
        }
      return result;
    }
  it = ls_get_iter (vm, other);
  if (LS_IS_ERR (it))
    return NULL;
  while ((r = ls_iter_next (vm, it, &key)) > 0)
    {
      if (!ls_hash (vm, key, &hash))
        return NULL;
      rv = set_contains_entry (vm, s, key, hash);
      if (rv < 0)
        return NULL;
      if (rv)
        {
          if (set_add_entry (vm, result, key, hash) < 0)
            return NULL;
          if (result->used >= s->used)
            break;
        }
    }
  return r < 0 ? NULL : result;
}

static gboolean
set_difference_update_internal (LsVM   *vm,
                                LsSet  *s,
                                LsValue other)
{
  LsValue it, key;
  int r;

  if (LS_IS_OBJ (other) && LS_AS_OBJ (other) == (LsObj *) s)
    {
      set_clear (vm, s);
      return TRUE;
    }
  if (LS_IS_SET (other))
    {
      LsSet *o = LS_SET (other);
      gsize pos = 0;
      LsSetEntry *e;
      if ((o->used >> 3) > s->used)
        {
          o = set_intersection (vm, s, other);
          if (o == NULL)
            return FALSE;
        }
      while (set_next_entry (o, &pos, &e))
        if (set_discard_entry (vm, s, e->key, e->hash) < 0)
          return FALSE;
    }
  else
    {
      it = ls_get_iter (vm, other);
      if (LS_IS_ERR (it))
        return FALSE;
      while ((r = ls_iter_next (vm, it, &key)) > 0)
        if (ls_set_discard (vm, s, key) < 0)
          return FALSE;
      if (r < 0)
        return FALSE;
    }
  /* more than a quarter dummies: rebuild */
  if (s->fill - s->used <= s->mask / 4)
    return TRUE;
  return set_table_resize (vm, s, s->used > 50000 ? s->used * 2 : s->used * 4);
}

static LsSet *
set_copy_and_difference (LsVM   *vm,
                         LsSet  *s,
                         LsValue other)
{
  LsSet *r = set_copy (vm, s);

  if (r == NULL || !set_difference_update_internal (vm, r, other))
    return NULL;
  return r;
}

static LsSet *
set_difference (LsVM   *vm,
                LsSet  *s,
                LsValue other)
{
  gsize other_size, pos = 0;
  LsSet *result;
  LsSetEntry *e;
  gboolean exact_dict = LS_IS_DICT (other) && LS_AS_OBJ (other)->type == vm->types[LS_T_DICT];
  int rv;

  if (LS_IS_SET (other))
    other_size = LS_SET (other)->used;
  else if (exact_dict)
    other_size = LS_DICT (other)->len;
  else
    return set_copy_and_difference (vm, s, other);
  if ((s->used >> 2) > other_size)
    return set_copy_and_difference (vm, s, other);
  result = ls_set_new (vm, base_type (vm, s));
  while (set_next_entry (s, &pos, &e))
    {
      LsValue k = e->key;
      gint64 hash = e->hash;
      if (exact_dict)
        rv = _ls_dict_lookup_hash (vm, LS_DICT (other), k, hash, NULL);
      else
        rv = set_contains_entry (vm, LS_SET (other), k, hash);
      if (rv < 0 || (rv == 0 && set_add_entry (vm, result, k, hash) < 0))
        return NULL;
    }
  return result;
}

static gboolean
set_symmetric_difference_update (LsVM   *vm,
                                 LsSet  *s,
                                 LsValue other)
{
  LsSet *o;
  gsize pos = 0;
  LsSetEntry *e;
  int rv;

  if (LS_IS_OBJ (other) && LS_AS_OBJ (other) == (LsObj *) s)
    {
      set_clear (vm, s);
      return TRUE;
    }
  if (LS_IS_DICT (other) && LS_AS_OBJ (other)->type == vm->types[LS_T_DICT])
    {
      LsValue k;
      gint64 hash;
      while (_ls_dict_next_hash (LS_DICT (other), &pos, &k, NULL, &hash))
        {
          rv = set_discard_entry (vm, s, k, hash);
          if (rv < 0 || (rv == 0 && set_add_entry (vm, s, k, hash) < 0))
            return FALSE;
        }
      return TRUE;
    }
  if (LS_IS_SET (other))
    o = LS_SET (other);
  else if ((o = _ls_set_from_iterable (vm, base_type (vm, s), other)) == NULL)
    return FALSE;
  while (set_next_entry (o, &pos, &e))
    {
      LsValue k = e->key;
      gint64 hash = e->hash;
      rv = set_discard_entry (vm, s, k, hash);
      if (rv < 0 || (rv == 0 && set_add_entry (vm, s, k, hash) < 0))
        return FALSE;
    }
  return TRUE;
}

static LsSet *
set_symmetric_difference (LsVM   *vm,
                          LsSet  *s,
                          LsValue other)
{
  LsSet *o = _ls_set_from_iterable (vm, base_type (vm, s), other);

  if (o == NULL || !set_symmetric_difference_update (vm, o, ls_obj (s)))
    return NULL;
  return o;
}

/* 1 / 0 / -1 */
static int
set_issubset (LsVM   *vm,
              LsSet  *s,
              LsValue other)
{
  LsSet *o;
  gsize pos = 0;
  LsSetEntry *e;

  if (!LS_IS_SET (other))
    {
      LsSet *tmp = set_intersection (vm, s, other);
      if (tmp == NULL)
        return -1;
      return tmp->used == s->used;
    }
  o = LS_SET (other);
  if (s->used > o->used)
    return 0;
  while (set_next_entry (s, &pos, &e))
    {
      int rv = set_contains_entry (vm, o, e->key, e->hash);
      if (rv <= 0)
        return rv;
    }
  return 1;
}

static int
set_issuperset (LsVM   *vm,
                LsSet  *s,
                LsValue other)
{
  LsValue it, key;
  int r;

  if (LS_IS_SET (other))
    return set_issubset (vm, LS_SET (other), ls_obj (s));
  it = ls_get_iter (vm, other);
  if (LS_IS_ERR (it))
    return -1;
  while ((r = ls_iter_next (vm, it, &key)) > 0)
    {
      int rv = ls_set_contains (vm, s, key);
      if (rv <= 0)
        return rv;
    }
  return r < 0 ? -1 : 1;
}

static int
set_isdisjoint (LsVM   *vm,
                LsSet  *s,
                LsValue other)
{
  LsValue it, key;
  int r;

  if (LS_IS_OBJ (other) && LS_AS_OBJ (other) == (LsObj *) s)
    return s->used == 0;
  if (LS_IS_SET (other))
    {
      LsSet *o = LS_SET (other);
      gsize pos = 0;
      LsSetEntry *e;
      if (o->used > s->used)
        {
          LsSet *t = s;
          s = o;
          o = t;
        }
      while (set_next_entry (o, &pos, &e))
        {
          int rv = set_contains_entry (vm, s, e->key, e->hash);
          if (rv != 0)
            return rv < 0 ? -1 : 0;
        }
      return 1;
    }
  it = ls_get_iter (vm, other);
  if (LS_IS_ERR (it))
    return -1;
  while ((r = ls_iter_next (vm, it, &key)) > 0)
    {
      int rv = ls_set_contains (vm, s, key);
      if (rv != 0)
        return rv < 0 ? -1 : 0;
    }
  return r < 0 ? -1 : 1;
}

int
_ls_set_richcmp (LsVM       *vm,
                 LsSet      *a,
                 LsSet      *b,
                 LsCmpOpKind op)
{
  int r;

  switch (op)
    {
    case LS_CMP_EQ:
      if (a->used != b->used)
        return 0;
      return set_issubset (vm, a, ls_obj (b));
    case LS_CMP_NE:
      r = _ls_set_richcmp (vm, a, b, LS_CMP_EQ);
      return r < 0 ? r : !r;
    case LS_CMP_LE:
      return set_issubset (vm, a, ls_obj (b));
    case LS_CMP_GE:
      return set_issuperset (vm, a, ls_obj (b));
    case LS_CMP_LT:
      if (a->used >= b->used)
        return 0;
      return set_issubset (vm, a, ls_obj (b));
    case LS_CMP_GT:
      if (a->used <= b->used)
        return 0;
      return set_issuperset (vm, a, ls_obj (b));
    default:
      return 0;
    }
}

static guint64
shuffle_bits (guint64 h)
{
  return ((h ^ G_GUINT64_CONSTANT (89869747)) ^ (h << 16)) * G_GUINT64_CONSTANT (3644798167);
}

gint64
_ls_frozenset_hash (LsSet *s)
{
  guint64 hash = 0;
  gsize i;

  for (i = 0; i <= s->mask; i++)
    hash ^= shuffle_bits ((guint64) s->table[i].hash);
  if ((s->mask + 1 - s->fill) & 1)
    hash ^= shuffle_bits (0);
  if ((s->fill - s->used) & 1)
    hash ^= shuffle_bits ((guint64) -1);
  hash ^= ((guint64) s->used + 1) * G_GUINT64_CONSTANT (1927868237);
  hash ^= (hash >> 11) ^ (hash >> 25);
  hash = hash * 69069U + G_GUINT64_CONSTANT (907133923);
  if (hash == (guint64) -1)
    hash = 590923713;
  return (gint64) hash;
}

/* | & - ^ and their in-place forms; NotImplemented unless both are sets */
LsValue
_ls_set_binop (LsVM   *vm,
               LsValue a,
               LsValue b,
               int     op)
{
  gboolean inplace = (op & LS_BINOP_INPLACE) != 0;
  LsSet *s, *r = NULL;

  op &= ~LS_BINOP_INPLACE;
  if (!LS_IS_SET (a) || !LS_IS_SET (b))
    return vm->not_implemented;
  s = LS_SET (a);
  if (inplace && !is_frozen (vm, s))
    {
      gboolean ok;
      switch (op)
        {
        case LS_BINOP_BITOR: ok = set_update_internal (vm, s, b); break;
        case LS_BINOP_SUB: ok = set_difference_update_internal (vm, s, b); break;
        case LS_BINOP_BITXOR: ok = set_symmetric_difference_update (vm, s, b); break;
        case LS_BINOP_BITAND:
          r = set_intersection (vm, s, b);
          ok = r != NULL;
          if (ok)
            {
              /* swap bodies: s takes the result's table */
              LsSet tmp = *s;
              s->table = r->table; s->mask = r->mask; s->fill = r->fill; s->used = r->used;
              r->table = tmp.table; r->mask = tmp.mask; r->fill = tmp.fill; r->used = tmp.used;
              s->version++;
            }
          break;
        default:
          return vm->not_implemented;
        }
      return ok ? a : LS_ERR;
    }
  switch (op)
    {
    case LS_BINOP_BITOR:
      r = set_copy (vm, s);
      if (r != NULL && LS_AS_OBJ (b) != LS_AS_OBJ (a) && !set_update_internal (vm, r, b))
        r = NULL;
      break;
    case LS_BINOP_BITAND: r = set_intersection (vm, s, b); break;
    case LS_BINOP_SUB: r = set_difference (vm, s, b); break;
    case LS_BINOP_BITXOR: r = set_symmetric_difference (vm, s, b); break;
    default:
      return vm->not_implemented;
    }
  return r != NULL ? ls_obj (r) : LS_ERR;
}

/* -------------------------------------------------------- repr, iter */

LsValue
_ls_set_repr (LsVM  *vm,
              LsSet *s)
{
  const char *tname = s->hdr.type->name->data;
  gboolean exact = s->hdr.type == vm->types[LS_T_SET];
  LsReprGuard guard;
  LsList *keys;
  LsValue r;
  LsStr *text;
  gsize pos = 0;
  LsValue k;
  int st;

  st = _ls_repr_enter (vm, &guard, s);
  if (st <= 0)
    return st < 0 ? LS_ERR : ls_obj (ls_str_printf (vm, "%s(...)", tname));
  if (s->used == 0)
    {
      _ls_repr_leave (&guard);
      return ls_obj (ls_str_printf (vm, "%s()", tname));
    }
  keys = ls_list_new (vm, s->used);
  while (ls_set_next (s, &pos, &k))
    ls_list_append (vm, keys, k);
  r = ls_repr (vm, ls_obj (keys));
  _ls_repr_leave (&guard);
  if (LS_IS_ERR (r))
    return r;
  text = LS_STR (r);
  if (exact)
    return ls_obj (ls_str_printf (vm, "{%.*s}", (int) text->len - 2, text->data + 1));
  return ls_obj (ls_str_printf (vm, "%s({%.*s})", tname, (int) text->len - 2, text->data + 1));
}

static int
set_iter_next (LsVM    *vm,
               LsIter  *it,
               LsValue *out)
{
  LsSet *s;
  gsize pos;

  if (!LS_IS_OBJ (it->a))
    return 0;
  s = LS_SET (it->a);
  if ((gint64) s->used != it->n)
    {
      it->n = -1;
      ls_raise (vm, LS_EXC_RUNTIME_ERROR, "Set changed size during iteration");
      return -1;
    }
  pos = it->i;
  if (!ls_set_next (s, &pos, out))
    {
      it->a = LS_NONE;
      return 0;
    }
  it->i = pos;
  return 1;
}

LsValue
_ls_set_iter (LsVM  *vm,
              LsSet *s)
{
  LsIter *it = _ls_iter_alloc (vm, LS_ITER_TYPE (vm, SET), set_iter_next, ls_obj (s));

  it->n = s->used;
  return ls_obj (it);
}

/* -------------------------------------------------------------- methods */

#define SELF (LS_SET (self))

static LsValue
set_add_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "set.add", nargs, kwnames, 1, 1))
    return LS_ERR;
  return ls_set_add (vm, SELF, args[0]) < 0 ? LS_ERR : LS_NONE;
}

static LsValue
set_discard_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "set.discard", nargs, kwnames, 1, 1))
    return LS_ERR;
  return ls_set_discard (vm, SELF, args[0]) < 0 ? LS_ERR : LS_NONE;
}

static LsValue
set_remove_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  int r;

  if (!_ls_check_args (vm, "set.remove", nargs, kwnames, 1, 1))
    return LS_ERR;
  r = ls_set_discard (vm, SELF, args[0]);
  if (r < 0)
    return LS_ERR;
  return r == 0 ? ls_raise_key_error (vm, args[0]) : LS_NONE;
}

static LsValue
set_pop_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsSet *s = SELF;
  LsSetEntry *entry, *limit;
  LsValue key;

  if (!_ls_check_args (vm, "set.pop", nargs, kwnames, 0, 0))
    return LS_ERR;
  if (s->used == 0)
    return ls_raise (vm, LS_EXC_KEY_ERROR, "pop from an empty set");
  entry = s->table + (s->finger & s->mask);
  limit = s->table + s->mask;
  while (!ENTRY_ACTIVE (entry))
    {
      entry++;
      if (entry > limit)
        entry = s->table;
    }
  key = entry->key;
  entry->key = dummy_key;
  entry->hash = -1;
  s->used--;
  s->finger = entry - s->table + 1;
  s->version++;
  return key;
}

static LsValue
set_union_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsSet *r;
  int i;

  if (!_ls_check_args (vm, "union", nargs, kwnames, 0, G_MAXINT))
    return LS_ERR;
  r = set_copy (vm, SELF);
  for (i = 0; r != NULL && i < nargs; i++)
    if (!(LS_IS_OBJ (args[i]) && LS_AS_OBJ (args[i]) == LS_AS_OBJ (self))
        && !set_update_internal (vm, r, args[i]))
      r = NULL;
  return r != NULL ? ls_obj (r) : LS_ERR;
}

static LsValue
set_intersection_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsSet *r = SELF;
  int i;

  if (!_ls_check_args (vm, "intersection", nargs, kwnames, 0, G_MAXINT))
    return LS_ERR;
  if (nargs == 0)
    r = set_copy (vm, r);
  for (i = 0; r != NULL && i < nargs; i++)
    r = set_intersection (vm, r, args[i]);
  return r != NULL ? ls_obj (r) : LS_ERR;
}

static LsValue
set_difference_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsSet *r;
  int i;

  if (!_ls_check_args (vm, "difference", nargs, kwnames, 0, G_MAXINT))
    return LS_ERR;
  if (nargs == 0)
    r = set_copy (vm, SELF);
  else
    r = set_difference (vm, SELF, args[0]);
  for (i = 1; r != NULL && i < nargs; i++)
    if (!set_difference_update_internal (vm, r, args[i]))
      r = NULL;
  return r != NULL ? ls_obj (r) : LS_ERR;
}

static LsValue
set_symdiff_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsSet *r;

  if (!_ls_check_args (vm, "set.symmetric_difference", nargs, kwnames, 1, 1))
    return LS_ERR;
  r = set_symmetric_difference (vm, SELF, args[0]);
  return r != NULL ? ls_obj (r) : LS_ERR;
}

static LsValue
set_update_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  int i;

  if (!_ls_check_args (vm, "update", nargs, kwnames, 0, G_MAXINT))
    return LS_ERR;
  for (i = 0; i < nargs; i++)
    if (!set_update_internal (vm, SELF, args[i]))
      return LS_ERR;
  return LS_NONE;
}

static LsValue
set_intersection_update_method (LsVM *vm, LsValue self, const LsValue *args, int nargs,
                                LsTuple *kwnames)
{
  LsValue r = set_intersection_method (vm, self, args, nargs, kwnames);
  LsSet *s = SELF, *t;
  LsSet tmp;

  if (LS_IS_ERR (r))
    return r;
  t = LS_SET (r);
  tmp = *s;
  s->table = t->table; s->mask = t->mask; s->fill = t->fill; s->used = t->used;
  t->table = tmp.table; t->mask = tmp.mask; t->fill = tmp.fill; t->used = tmp.used;
  s->version++;
  return LS_NONE;
}

static LsValue
set_difference_update_method (LsVM *vm, LsValue self, const LsValue *args, int nargs,
                              LsTuple *kwnames)
{
  int i;

  if (!_ls_check_args (vm, "difference_update", nargs, kwnames, 0, G_MAXINT))
    return LS_ERR;
  for (i = 0; i < nargs; i++)
    if (!set_difference_update_internal (vm, SELF, args[i]))
      return LS_ERR;
  return LS_NONE;
}

static LsValue
set_symdiff_update_method (LsVM *vm, LsValue self, const LsValue *args, int nargs,
                           LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "set.symmetric_difference_update", nargs, kwnames, 1, 1))
    return LS_ERR;
  return set_symmetric_difference_update (vm, SELF, args[0]) ? LS_NONE : LS_ERR;
}

static LsValue
set_copy_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsSet *r;

  if (!_ls_check_args (vm, "set.copy", nargs, kwnames, 0, 0))
    return LS_ERR;
  if (SELF->hdr.type == vm->types[LS_T_FROZENSET])
    return self;
  r = set_copy (vm, SELF);
  return r != NULL ? ls_obj (r) : LS_ERR;
}

static LsValue
set_clear_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "set.clear", nargs, kwnames, 0, 0))
    return LS_ERR;
  set_clear (vm, SELF);
  return LS_NONE;
}

static LsValue
predicate (LsVM *vm, int r)
{
  return r < 0 ? LS_ERR : ls_bool (r);
}

static LsValue
set_issubset_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "set.issubset", nargs, kwnames, 1, 1))
    return LS_ERR;
  return predicate (vm, set_issubset (vm, SELF, args[0]));
}

static LsValue
set_issuperset_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "set.issuperset", nargs, kwnames, 1, 1))
    return LS_ERR;
  return predicate (vm, set_issuperset (vm, SELF, args[0]));
}

static LsValue
set_isdisjoint_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "set.isdisjoint", nargs, kwnames, 1, 1))
    return LS_ERR;
  return predicate (vm, set_isdisjoint (vm, SELF, args[0]));
}

static LsValue
set_dunder_contains (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "set.__contains__", nargs, kwnames, 1, 1))
    return LS_ERR;
  return predicate (vm, ls_set_contains (vm, SELF, args[0]));
}

static LsValue
set_dunder_len (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return ls_int (SELF->used);
}

static LsValue
set_dunder_iter (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return _ls_set_iter (vm, SELF);
}

static LsValue
set_dunder_repr (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return _ls_set_repr (vm, SELF);
}

static LsValue
set_dunder_init (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (kwnames != NULL && kwnames->len > 0)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "set() takes no keyword arguments");
  if (nargs > 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "set expected at most 1 argument, got %d", nargs);
  if (SELF->fill > 0)
    set_clear (vm, SELF);
  if (nargs == 1 && !set_update_internal (vm, SELF, args[0]))
    return LS_ERR;
  return LS_NONE;
}

static LsValue
set_ctor_common (LsVM          *vm,
                 LsValue        self,
                 const LsValue *args,
                 int            nargs,
                 LsTuple       *kwnames,
                 const char    *name)
{
  LsType *type = (LsType *) LS_AS_OBJ (self);
  LsSet *s;

  if (kwnames != NULL && kwnames->len > 0)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() takes no keyword arguments", name);
  if (nargs > 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s expected at most 1 argument, got %d", name, nargs);
  if (type == vm->types[LS_T_FROZENSET] && nargs == 1 && LS_IS_SET (args[0])
      && LS_AS_OBJ (args[0])->type == type)
    return args[0];
  if (type != vm->types[LS_T_SET] && type != vm->types[LS_T_FROZENSET]
      && !ls_is_subtype (type, vm->types[LS_T_FROZENSET]))
    {
      /* a set subclass: its __init__ fills it unless it inherits ours */
      LsValue init = ls_type_lookup (type, LS_NAME (vm, __init__));
      if (!LS_OBJ_IS (init, LS_OBJ_NATIVE) || ((LsNative *) LS_AS_OBJ (init))->fn != set_dunder_init)
        return ls_obj (ls_set_new (vm, type));
    }
  s = _ls_set_from_iterable (vm, type, nargs == 1 ? args[0] : LS_UNDEF);
  return s != NULL ? ls_obj (s) : LS_ERR;
}

static LsValue
set_ctor (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return set_ctor_common (vm, self, args, nargs, kwnames, "set");
}

static LsValue
frozenset_ctor (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return set_ctor_common (vm, self, args, nargs, kwnames, "frozenset");
}

void
_ls_set_init_type (LsVM *vm)
{
  static const struct { const char *name; LsNativeFn fn; gboolean mutating; } methods[] = {
    { "add", set_add_method, TRUE }, { "discard", set_discard_method, TRUE },
    { "remove", set_remove_method, TRUE }, { "pop", set_pop_method, TRUE },
    { "update", set_update_method, TRUE }, { "clear", set_clear_method, TRUE },
    { "intersection_update", set_intersection_update_method, TRUE },
    { "difference_update", set_difference_update_method, TRUE },
    { "symmetric_difference_update", set_symdiff_update_method, TRUE },
    { "__init__", set_dunder_init, TRUE },
    { "union", set_union_method, FALSE }, { "intersection", set_intersection_method, FALSE },
    { "difference", set_difference_method, FALSE },
    { "symmetric_difference", set_symdiff_method, FALSE }, { "copy", set_copy_method, FALSE },
    { "issubset", set_issubset_method, FALSE }, { "issuperset", set_issuperset_method, FALSE },
    { "isdisjoint", set_isdisjoint_method, FALSE }, { "__contains__", set_dunder_contains, FALSE },
    { "__len__", set_dunder_len, FALSE }, { "__iter__", set_dunder_iter, FALSE },
    { "__repr__", set_dunder_repr, FALSE },
  };
  LsType *set = vm->types[LS_T_SET], *frozen = vm->types[LS_T_FROZENSET];
  guint i;

  set->ctor = set_ctor;
  frozen->ctor = frozenset_ctor;
  for (i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      ls_type_add_method (vm, set, methods[i].name, methods[i].fn);
      if (!methods[i].mutating)
        ls_type_add_method (vm, frozen, methods[i].name, methods[i].fn);
    }
  LS_ITER_TYPE (vm, SET) = _ls_iter_type_new (vm, "set_iterator");
}
