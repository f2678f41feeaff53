/* ls-mod-collections.c: the native part of collections (the _collections
 * module): deque, defaultdict, OrderedDict, Counter, namedtuple and
 * typing.NamedTuple, plus the struct sequences of time and sys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * defaultdict, OrderedDict and Counter are real dict subclasses: dict
 * instances (LS_OBJ_DICT) whose type is the subclass; defaultdict keeps its
 * factory in LsDict.extra. namedtuple classes are tuple subclasses whose
 * instances are tuples with the class as type.
 */
#include "config.h"

#include <string.h>

#include "ls-lang.h"
#include "ls-modules-private.h"

static LsStr *
intern (LsVM       *vm,
        const char *s)
{
  return ls_str_intern (vm, s, -1);
}

static const char *
type_name_of (LsVM    *vm,
              LsValue  v)
{
  return ls_str_cstr (ls_typeof (vm, v)->name);
}

/* Appends repr(v) to out; FALSE with vm->exc set on error. */
static gboolean
append_repr (LsVM    *vm,
             GString *out,
             LsValue  v)
{
  LsValue r = ls_repr (vm, v);

  if (LS_IS_ERR (r))
    return FALSE;
  g_string_append_len (out, _ls_as_str (r)->data, _ls_as_str (r)->len);
  return TRUE;
}

static LsValue
gstring_to_value (LsVM    *vm,
                  GString *s)
{
  LsValue r = ls_obj (ls_str_new (vm, s->str, s->len));

  g_string_free (s, TRUE);
  return r;
}

/* "{k: v, ...}" */
static gboolean
append_dict_repr (LsVM    *vm,
                  GString *out,
                  LsDict  *d)
{
  gsize pos = 0;
  LsValue k, v;
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  while (ls_dict_next (d, &pos, &k, &v))
    {
      if (!first)
        g_string_append (out, ", ");
      first = FALSE;
      if (!append_repr (vm, out, k))
        return FALSE;
      g_string_append (out, ": ");
      if (!append_repr (vm, out, v))
        return FALSE;
    }
  g_string_append_c (out, '}');
  return TRUE;
}

/* ===================================================================== deque */

typedef struct
{
  LsValue *items;     /* ring buffer, capacity a power of two */
  gsize    cap;
  gsize    head;
  gsize    len;
  gint64   maxlen;    /* -1: unbounded */
  guint64  state;     /* bumped on each mutation, checked by iterators */
} Deque;

static void
deque_trace (LsVM    *vm,
             LsCData *self)
{
  Deque *dq = ls_cdata_payload (self);

  for (gsize i = 0; i < dq->len; i++)
    ls_gc_mark_value (vm, dq->items[(dq->head + i) & (dq->cap - 1)]);
}

static void
deque_finalize (LsVM    *vm,
                LsCData *self)
{
  Deque *dq = ls_cdata_payload (self);

  if (dq->items != NULL)
    ls_gc_free_buffer (vm, dq->items, dq->cap * sizeof (LsValue));
  dq->items = NULL;
}

static const LsCDataClass deque_class = { "deque", deque_trace, deque_finalize, NULL, NULL };

static Deque *
deque_of (LsVM    *vm,
          LsValue  v)
{
  Deque *dq = _ls_cdata_get (v, &deque_class);

  if (dq == NULL)
    ls_raise (vm, LS_EXC_TYPE_ERROR, "descriptor requires a 'collections.deque' object but received a '%s'",
              ls_type_name (vm, v));
  return dq;
}

static inline LsValue *
deque_slot (Deque *dq,
            gsize  i)
{
  return &dq->items[(dq->head + i) & (dq->cap - 1)];
}

static void
deque_grow (LsVM  *vm,
            Deque *dq)
{
  gsize ncap = dq->cap ? dq->cap * 2 : 8;
  LsValue *n = ls_gc_realloc_buffer (vm, NULL, 0, ncap * sizeof (LsValue));

  for (gsize i = 0; i < dq->len; i++)
    n[i] = *deque_slot (dq, i);
  if (dq->items != NULL)
    ls_gc_free_buffer (vm, dq->items, dq->cap * sizeof (LsValue));
  dq->items = n;
  dq->cap = ncap;
  dq->head = 0;
}

static LsValue
deque_take_right (Deque *dq)
{
  LsValue v = *deque_slot (dq, dq->len - 1);

  dq->len--;
  dq->state++;
  return v;
}

static LsValue
deque_take_left (Deque *dq)
{
  LsValue v = *deque_slot (dq, 0);

  dq->head = (dq->head + 1) & (dq->cap - 1);
  dq->len--;
  dq->state++;
  return v;
}

static void
deque_push_right (LsVM    *vm,
                  Deque   *dq,
                  LsValue  v)
{
  if (dq->maxlen == 0)
    return;
  if (dq->maxlen > 0 && (gint64) dq->len >= dq->maxlen)
    deque_take_left (dq);
  if (dq->len == dq->cap)
    deque_grow (vm, dq);
  *deque_slot (dq, dq->len) = v;
  dq->len++;
  dq->state++;
}

static void
deque_push_left (LsVM    *vm,
                 Deque   *dq,
                 LsValue  v)
{
  if (dq->maxlen == 0)
    return;
  if (dq->maxlen > 0 && (gint64) dq->len >= dq->maxlen)
    deque_take_right (dq);
  if (dq->len == dq->cap)
    deque_grow (vm, dq);
  dq->head = (dq->head + dq->cap - 1) & (dq->cap - 1);
  *deque_slot (dq, 0) = v;
  dq->len++;
  dq->state++;
}

static gboolean
deque_extend_from (LsVM     *vm,
                   Deque    *dq,
                   LsValue   iterable,
                   gboolean  left)
{
  LsList *items = ls_list_from_iterable (vm, iterable);

  if (items == NULL)
    return FALSE;
  for (gsize i = 0; i < items->len; i++)
    (left ? deque_push_left : deque_push_right) (vm, dq, items->items[i]);
  return TRUE;
}

static LsValue
deque_alloc (LsVM   *vm,
             LsType *type,
             gint64  maxlen)
{
  LsCData *cd = ls_cdata_new (vm, type);
  Deque *dq = ls_cdata_payload (cd);

  memset (dq, 0, sizeof *dq);
  dq->maxlen = maxlen;
  return ls_obj (cd);
}

static LsValue
deque_new (LsVM          *vm,
           LsValue        self,
           const LsValue *args,
           int            nargs,
           LsTuple       *kwnames)
{
  static const char *const kw[] = { "iterable", "maxlen", NULL };
  LsValue opt[2] = { LS_UNDEF, LS_UNDEF }, d;
  gint64 maxlen = -1;

  if (nargs > 2)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "deque() takes at most 2 arguments (%d given)", nargs);
  for (int i = 0; i < nargs; i++)
    opt[i] = args[i];
  if (!_ls_take_kwargs (vm, "deque", args, nargs, kwnames, kw, opt))
    return LS_ERR;
  if (!LS_IS_UNDEF (opt[1]) && !LS_IS_NONE (opt[1]))
    {
      if (!ls_index_value (vm, opt[1], &maxlen))
        return LS_ERR;
      if (maxlen < 0)
        return ls_raise (vm, LS_EXC_VALUE_ERROR, "maxlen must be non-negative");
    }
  d = deque_alloc (vm, (LsType *) LS_AS_OBJ (self), maxlen);
  if (!LS_IS_UNDEF (opt[0]) && !deque_extend_from (vm, ls_cdata_payload ((LsCData *) LS_AS_OBJ (d)), opt[0], FALSE))
    return LS_ERR;
  return d;
}

#define DEQUE_METHOD(fn) \
  static LsValue fn (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)

static gboolean
method_args (LsVM       *vm,
             const char *name,
             int         nargs,
             LsTuple    *kwnames,
             int         min,
             int         max)
{
  if (!_ls_check_no_kwargs (vm, name, kwnames))
    return FALSE;
  if (nargs < min || nargs > max)
    {
      if (min == max && min == 0)
        ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() takes no arguments (%d given)", name, nargs);
      else if (min == max && min == 1)
        ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() takes exactly one argument (%d given)", name, nargs);
      else
        return _ls_check_nargs (vm, name, nargs, min, max);
      return FALSE;
    }
  return TRUE;
}

DEQUE_METHOD (deque_append)
{
  Deque *dq = deque_of (vm, self);

  if (dq == NULL || !method_args (vm, "append", nargs, kwnames, 1, 1))
    return LS_ERR;
  deque_push_right (vm, dq, args[0]);
  return LS_NONE;
}

DEQUE_METHOD (deque_appendleft)
{
  Deque *dq = deque_of (vm, self);

  if (dq == NULL || !method_args (vm, "appendleft", nargs, kwnames, 1, 1))
    return LS_ERR;
  deque_push_left (vm, dq, args[0]);
  return LS_NONE;
}

DEQUE_METHOD (deque_pop)
{
  Deque *dq = deque_of (vm, self);

  if (dq == NULL || !method_args (vm, "pop", nargs, kwnames, 0, 0))
    return LS_ERR;
  if (dq->len == 0)
    return ls_raise (vm, LS_EXC_INDEX_ERROR, "pop from an empty deque");
  return deque_take_right (dq);
}

DEQUE_METHOD (deque_popleft)
{
  Deque *dq = deque_of (vm, self);

  if (dq == NULL || !method_args (vm, "popleft", nargs, kwnames, 0, 0))
    return LS_ERR;
  if (dq->len == 0)
    return ls_raise (vm, LS_EXC_INDEX_ERROR, "pop from an empty deque");
  return deque_take_left (dq);
}

DEQUE_METHOD (deque_extend)
{
  Deque *dq = deque_of (vm, self);

  if (dq == NULL || !method_args (vm, "extend", nargs, kwnames, 1, 1)
      || !deque_extend_from (vm, dq, args[0], FALSE))
    return LS_ERR;
  return LS_NONE;
}

DEQUE_METHOD (deque_extendleft)
{
  Deque *dq = deque_of (vm, self);

  if (dq == NULL || !method_args (vm, "extendleft", nargs, kwnames, 1, 1)
      || !deque_extend_from (vm, dq, args[0], TRUE))
    return LS_ERR;
  return LS_NONE;
}

DEQUE_METHOD (deque_iadd)
{
  if (LS_IS_ERR (deque_extend (vm, self, args, nargs, kwnames)))
    return LS_ERR;
  return self;
}

DEQUE_METHOD (deque_rotate)
{
  Deque *dq = deque_of (vm, self);
  gint64 n = 1;

  if (dq == NULL || !method_args (vm, "rotate", nargs, kwnames, 0, 1))
    return LS_ERR;
  if (nargs == 1 && !ls_index_value (vm, args[0], &n))
    return LS_ERR;
  if (dq->len <= 1)
    return LS_NONE;
  n %= (gint64) dq->len;
  if (n < 0)
    n += dq->len;
  /* rotating right by n moves the last n items to the front */
  for (gint64 i = 0; i < n; i++)
    {
      LsValue v = deque_take_right (dq);

      deque_push_left (vm, dq, v);
    }
  return LS_NONE;
}

DEQUE_METHOD (deque_clear)
{
  Deque *dq = deque_of (vm, self);

  if (dq == NULL || !method_args (vm, "clear", nargs, kwnames, 0, 0))
    return LS_ERR;
  dq->len = 0;
  dq->head = 0;
  dq->state++;
  return LS_NONE;
}

DEQUE_METHOD (deque_copy)
{
  Deque *dq = deque_of (vm, self), *n;
  LsValue copy;

  if (dq == NULL || !method_args (vm, "copy", nargs, kwnames, 0, 0))
    return LS_ERR;
  copy = deque_alloc (vm, LS_AS_OBJ (self)->type, dq->maxlen);
  n = ls_cdata_payload ((LsCData *) LS_AS_OBJ (copy));
  for (gsize i = 0; i < dq->len; i++)
    deque_push_right (vm, n, *deque_slot (dq, i));
  return copy;
}

/* Finds x from index start (< stop); returns its index, -1 if absent, -2 on error. */
static gint64
deque_find (LsVM    *vm,
            Deque   *dq,
            LsValue  x,
            gint64   start,
            gint64   stop)
{
  guint64 state = dq->state;

  for (gint64 i = start; i < stop && i < (gint64) dq->len; i++)
    {
      int eq = ls_eq (vm, *deque_slot (dq, i), x);

      if (eq < 0)
        return -2;
      if (dq->state != state)
        {
          ls_raise (vm, LS_EXC_RUNTIME_ERROR, "deque mutated during iteration");
          return -2;
        }
      if (eq)
        return i;
    }
  return -1;
}

DEQUE_METHOD (deque_count)
{
  Deque *dq = deque_of (vm, self);
  gint64 count = 0, i = 0;

  if (dq == NULL || !method_args (vm, "count", nargs, kwnames, 1, 1))
    return LS_ERR;
  while ((i = deque_find (vm, dq, args[0], i, dq->len)) >= 0)
    {
      count++;
      i++;
    }
  return i == -2 ? LS_ERR : ls_int (count);
}

static gint64
clamp_index (gint64 i,
             gint64 len)
{
  if (i < 0)
    i = MAX (i + len, 0);
  return MIN (i, len);
}

DEQUE_METHOD (deque_index)
{
  Deque *dq = deque_of (vm, self);
  gint64 start = 0, stop, i;
  char *r;

  if (dq == NULL || !method_args (vm, "index", nargs, kwnames, 1, 3))
    return LS_ERR;
  stop = dq->len;
  if ((nargs > 1 && !ls_index_value (vm, args[1], &start))
      || (nargs > 2 && !ls_index_value (vm, args[2], &stop)))
    return LS_ERR;
  start = clamp_index (start, dq->len);
  stop = clamp_index (stop, dq->len);
  i = deque_find (vm, dq, args[0], start, stop);
  if (i >= 0)
    return ls_int (i);
  if (i == -2 || (r = _ls_repr_cstr (vm, args[0])) == NULL)
    return LS_ERR;
  ls_raise (vm, LS_EXC_VALUE_ERROR, "%s is not in deque", r);
  g_free (r);
  return LS_ERR;
}

/* Rebuilds the deque from a list (used by insert/remove/reverse/del). */
static void
deque_assign (LsVM   *vm,
              Deque  *dq,
              LsList *items)
{
  gint64 maxlen = dq->maxlen;

  dq->len = 0;
  dq->head = 0;
  dq->maxlen = -1;
  for (gsize i = 0; i < items->len; i++)
    deque_push_right (vm, dq, items->items[i]);
  dq->maxlen = maxlen;
}

static LsList *
deque_to_list (LsVM  *vm,
               Deque *dq)
{
  LsList *l = ls_list_new (vm, dq->len);

  for (gsize i = 0; i < dq->len; i++)
    ls_list_append (vm, l, *deque_slot (dq, i));
  return l;
}

DEQUE_METHOD (deque_insert)
{
  Deque *dq = deque_of (vm, self);
  LsList *l;
  gint64 i;

  if (dq == NULL || !method_args (vm, "insert", nargs, kwnames, 2, 2)
      || !ls_index_value (vm, args[0], &i))
    return LS_ERR;
  if (dq->maxlen >= 0 && (gint64) dq->len >= dq->maxlen)
    return ls_raise (vm, LS_EXC_INDEX_ERROR, "deque already at its maximum size");
  i = clamp_index (i, dq->len);
  l = deque_to_list (vm, dq);
  ls_list_append (vm, l, LS_NONE);
  memmove (&l->items[i + 1], &l->items[i], (l->len - 1 - i) * sizeof (LsValue));
  l->items[i] = args[1];
  deque_assign (vm, dq, l);
  return LS_NONE;
}

static void
deque_delete_at (LsVM   *vm,
                 Deque  *dq,
                 gint64  i)
{
  LsList *l = deque_to_list (vm, dq);

  memmove (&l->items[i], &l->items[i + 1], (l->len - 1 - i) * sizeof (LsValue));
  l->len--;
  deque_assign (vm, dq, l);
}

DEQUE_METHOD (deque_remove)
{
  Deque *dq = deque_of (vm, self);
  gint64 i;

  if (dq == NULL || !method_args (vm, "remove", nargs, kwnames, 1, 1))
    return LS_ERR;
  i = deque_find (vm, dq, args[0], 0, dq->len);
  if (i == -2)
    return LS_ERR;
  if (i < 0)
    {
      g_autofree char *r = _ls_repr_cstr (vm, args[0]);

      if (r == NULL)
        return LS_ERR;
      return ls_raise (vm, LS_EXC_VALUE_ERROR, "%s is not in deque", r);
    }
  deque_delete_at (vm, dq, i);
  return LS_NONE;
}

DEQUE_METHOD (deque_reverse)
{
  Deque *dq = deque_of (vm, self);

  if (dq == NULL || !method_args (vm, "reverse", nargs, kwnames, 0, 0))
    return LS_ERR;
  for (gsize i = 0, j = dq->len; i + 1 < j; i++, j--)
    {
      LsValue t = *deque_slot (dq, i);

      *deque_slot (dq, i) = *deque_slot (dq, j - 1);
      *deque_slot (dq, j - 1) = t;
    }
  dq->state++;
  return LS_NONE;
}

DEQUE_METHOD (deque_len)
{
  Deque *dq = deque_of (vm, self);

  return dq == NULL ? LS_ERR : ls_int (dq->len);
}

static gboolean
deque_index_arg (LsVM    *vm,
                 Deque   *dq,
                 LsValue  key,
                 gint64  *out)
{
  if (!LS_IS_INTLIKE (key) && !LS_OBJ_IS (key, LS_OBJ_INSTANCE))
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "sequence index must be integer, not '%s'", ls_type_name (vm, key));
      return FALSE;
    }
  if (!ls_index_value (vm, key, out))
    return FALSE;
  if (*out < 0)
    *out += dq->len;
  if (*out < 0 || *out >= (gint64) dq->len)
    {
      ls_raise (vm, LS_EXC_INDEX_ERROR, "deque index out of range");
      return FALSE;
    }
  return TRUE;
}

DEQUE_METHOD (deque_getitem)
{
  Deque *dq = deque_of (vm, self);
  gint64 i;

  if (dq == NULL || !method_args (vm, "__getitem__", nargs, kwnames, 1, 1)
      || !deque_index_arg (vm, dq, args[0], &i))
    return LS_ERR;
  return *deque_slot (dq, i);
}

DEQUE_METHOD (deque_setitem)
{
  Deque *dq = deque_of (vm, self);
  gint64 i;

  if (dq == NULL || !method_args (vm, "__setitem__", nargs, kwnames, 2, 2)
      || !deque_index_arg (vm, dq, args[0], &i))
    return LS_ERR;
  *deque_slot (dq, i) = args[1];
  return LS_NONE;
}

DEQUE_METHOD (deque_delitem)
{
  Deque *dq = deque_of (vm, self);
  gint64 i;

  if (dq == NULL || !method_args (vm, "__delitem__", nargs, kwnames, 1, 1)
      || !deque_index_arg (vm, dq, args[0], &i))
    return LS_ERR;
  deque_delete_at (vm, dq, i);
  return LS_NONE;
}

DEQUE_METHOD (deque_contains)
{
  Deque *dq = deque_of (vm, self);
  gint64 i;

  if (dq == NULL || !method_args (vm, "__contains__", nargs, kwnames, 1, 1))
    return LS_ERR;
  i = deque_find (vm, dq, args[0], 0, dq->len);
  return i == -2 ? LS_ERR : ls_bool (i >= 0);
}

/* iterator: a = deque, i = position, n = 1 for reversed, version = state */
static int
deque_iter_next (LsVM    *vm,
                 LsIter  *it,
                 LsValue *out)
{
  Deque *dq = ls_cdata_payload ((LsCData *) LS_AS_OBJ (it->a));

  if (dq->state != it->version)
    {
      ls_raise (vm, LS_EXC_RUNTIME_ERROR, "deque mutated during iteration");
      return -1;
    }
  if (it->i >= (gint64) dq->len)
    return 0;
  *out = *deque_slot (dq, it->n ? dq->len - 1 - it->i : (gsize) it->i);
  it->i++;
  return 1;
}

static LsValue
deque_make_iter (LsVM     *vm,
                 LsValue   self,
                 gboolean  reversed)
{
  Deque *dq = deque_of (vm, self);
  LsIter *it;
  LsValue t;

  if (dq == NULL)
    return LS_ERR;
  /* the iterator types live in deque's dict (per VM) */
  t = ls_type_lookup (LS_AS_OBJ (self)->type, intern (vm, reversed ? "_reviter" : "_iter"));
  if (!LS_OBJ_IS (t, LS_OBJ_TYPE))
    t = ls_obj (LS_TYPE (vm, ITERATOR));
  it = ls_iter_new (vm, (LsType *) LS_AS_OBJ (t), deque_iter_next);
  it->a = self;
  it->n = reversed;
  it->version = dq->state;
  return ls_obj (it);
}

DEQUE_METHOD (deque_iter)
{
  return deque_make_iter (vm, self, FALSE);
}

DEQUE_METHOD (deque_reversed)
{
  return deque_make_iter (vm, self, TRUE);
}

DEQUE_METHOD (deque_repr)
{
  Deque *dq = deque_of (vm, self);
  GString *out;

  if (dq == NULL)
    return LS_ERR;
  out = g_string_new (type_name_of (vm, self));
  g_string_append (out, "([");
  for (gsize i = 0; i < dq->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      if (!append_repr (vm, out, *deque_slot (dq, i)))
        {
          g_string_free (out, TRUE);
          return LS_ERR;
        }
    }
  g_string_append_c (out, ']');
  if (dq->maxlen >= 0)
    g_string_append_printf (out, ", maxlen=%" G_GINT64_FORMAT, dq->maxlen);
  g_string_append_c (out, ')');
  return gstring_to_value (vm, out);
}

static LsValue
deque_compare (LsVM        *vm,
               LsValue      self,
               LsValue      other,
               LsCmpOpKind  op)
{
  Deque *a = deque_of (vm, self), *b;
  LsList *la, *lb;

  if (a == NULL)
    return LS_ERR;
  b = _ls_cdata_get (other, &deque_class);
  if (b == NULL)
    return vm->not_implemented;
  la = deque_to_list (vm, a);
  lb = deque_to_list (vm, b);
  return ls_compare (vm, ls_obj (la), ls_obj (lb), op);
}

#define DEQUE_CMP(fn, name, op) \
  DEQUE_METHOD (fn) \
  { \
    if (!method_args (vm, name, nargs, kwnames, 1, 1)) \
      return LS_ERR; \
    return deque_compare (vm, self, args[0], op); \
  }

DEQUE_CMP (deque_eq, "__eq__", LS_CMP_EQ)
DEQUE_CMP (deque_ne, "__ne__", LS_CMP_NE)
DEQUE_CMP (deque_lt, "__lt__", LS_CMP_LT)
DEQUE_CMP (deque_le, "__le__", LS_CMP_LE)
DEQUE_CMP (deque_gt, "__gt__", LS_CMP_GT)
DEQUE_CMP (deque_ge, "__ge__", LS_CMP_GE)

DEQUE_METHOD (deque_add)
{
  Deque *b;
  LsValue copy;

  if (!method_args (vm, "__add__", nargs, kwnames, 1, 1))
    return LS_ERR;
  b = _ls_cdata_get (args[0], &deque_class);
  if (b == NULL)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "can only concatenate deque (not \"%s\") to deque",
                     ls_type_name (vm, args[0]));
  copy = deque_copy (vm, self, NULL, 0, NULL);
  if (LS_IS_ERR (copy))
    return LS_ERR;
  for (gsize i = 0; i < b->len; i++)
    deque_push_right (vm, ls_cdata_payload ((LsCData *) LS_AS_OBJ (copy)), *deque_slot (b, i));
  return copy;
}

static LsValue
deque_maxlen_get (LsVM          *vm,
                  LsValue        self,
                  const LsValue *args,
                  int            nargs,
                  LsTuple       *kwnames)
{
  Deque *dq;

  if (!method_args (vm, "maxlen", nargs, kwnames, 1, 1) || (dq = deque_of (vm, args[0])) == NULL)
    return LS_ERR;
  return dq->maxlen < 0 ? LS_NONE : ls_int (dq->maxlen);
}

static const LsModFunc deque_methods[] = {
  { "append", deque_append }, { "appendleft", deque_appendleft }, { "pop", deque_pop },
  { "popleft", deque_popleft }, { "extend", deque_extend }, { "extendleft", deque_extendleft },
  { "rotate", deque_rotate }, { "clear", deque_clear }, { "copy", deque_copy },
  { "__copy__", deque_copy }, { "count", deque_count }, { "index", deque_index },
  { "insert", deque_insert }, { "remove", deque_remove }, { "reverse", deque_reverse },
  { "__len__", deque_len }, { "__getitem__", deque_getitem }, { "__setitem__", deque_setitem },
  { "__delitem__", deque_delitem }, { "__contains__", deque_contains }, { "__iter__", deque_iter },
  { "__reversed__", deque_reversed }, { "__repr__", deque_repr }, { "__eq__", deque_eq },
  { "__ne__", deque_ne }, { "__lt__", deque_lt }, { "__le__", deque_le }, { "__gt__", deque_gt },
  { "__ge__", deque_ge }, { "__add__", deque_add }, { "__iadd__", deque_iadd },
  { NULL, NULL }
};

static LsType *
make_deque_type (LsVM *vm)
{
  LsType *type = _ls_mod_new_type (vm, "collections", "deque", NULL, LS_OBJ_CDATA, deque_new);

  type->cdata_class = &deque_class;
  type->cdata_size = sizeof (Deque);
  type->hdr.flags |= LS_TYPE_BASETYPE;
  _ls_mod_add_methods (vm, type, deque_methods);
  _ls_mod_add_getter (vm, type, "maxlen", deque_maxlen_get);
  ls_dict_set_cstr (vm, type->dict, "__hash__", LS_NONE);
  ls_dict_set_cstr (vm, type->dict, "_iter",
                    ls_obj (_ls_mod_new_iter_type (vm, "_collections", "_deque_iterator", NULL)));
  ls_dict_set_cstr (vm, type->dict, "_reviter",
                    ls_obj (_ls_mod_new_iter_type (vm, "_collections", "_deque_reverse_iterator", NULL)));
  return type;
}

/* =========================================================== dict subclasses */

static LsDict *
dict_of (LsVM    *vm,
         LsValue  v)
{
  if (!LS_OBJ_IS (v, LS_OBJ_DICT))
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "descriptor requires a 'dict' object but received a '%s'",
                ls_type_name (vm, v));
      return NULL;
    }
  return (LsDict *) LS_AS_OBJ (v);
}

static LsDict *
dict_new_typed (LsVM   *vm,
                LsType *type)
{
  LsDict *d = ls_dict_new (vm);

  d->hdr.type = type;
  return d;
}

/* Calls dict.update(d, *args, **kwargs) through the dict type's own method. */
static gboolean
dict_update_args (LsVM          *vm,
                  LsDict        *d,
                  const LsValue *args,
                  int            nargs,
                  LsTuple       *kwnames)
{
  LsValue update = ls_type_lookup (LS_TYPE (vm, DICT), intern (vm, "update"));
  LsValue *all;
  int n = nargs + _ls_n_kwargs (kwnames);
  LsValue r;

  if (n == 0)
    return TRUE;
  if (LS_IS_UNDEF (update))
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "dict has no update()");
      return FALSE;
    }
  all = g_new (LsValue, n + 1);
  all[0] = ls_obj (d);
  memcpy (all + 1, args, n * sizeof (LsValue));
  r = ls_call (vm, update, all, nargs + 1, kwnames);
  g_free (all);
  return !LS_IS_ERR (r);
}

/* --- defaultdict */

static gboolean
check_factory (LsVM    *vm,
               LsValue  f)
{
  LsValue ok;

  if (LS_IS_NONE (f))
    return TRUE;
  ok = ls_call (vm, ls_dict_get_str (vm->builtins, intern (vm, "callable")), &f, 1, NULL);
  if (LS_IS_ERR (ok))
    return FALSE;
  if (!LS_AS_INT (ok))
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "first argument must be callable or None");
      return FALSE;
    }
  return TRUE;
}

static LsValue
defaultdict_new (LsVM          *vm,
                 LsValue        self,
                 const LsValue *args,
                 int            nargs,
                 LsTuple       *kwnames)
{
  LsDict *d = dict_new_typed (vm, (LsType *) LS_AS_OBJ (self));
  LsValue factory = nargs > 0 ? args[0] : LS_NONE;

  if (!check_factory (vm, factory))
    return LS_ERR;
  d->extra = factory;
  if (!dict_update_args (vm, d, args + (nargs > 0), nargs > 0 ? nargs - 1 : 0, kwnames))
    return LS_ERR;
  return ls_obj (d);
}

static LsValue
defaultdict_missing (LsVM          *vm,
                     LsValue        self,
                     const LsValue *args,
                     int            nargs,
                     LsTuple       *kwnames)
{
  LsDict *d = dict_of (vm, self);
  LsValue v;

  if (d == NULL || !method_args (vm, "__missing__", nargs, kwnames, 1, 1))
    return LS_ERR;
  if (LS_IS_UNDEF (d->extra) || LS_IS_NONE (d->extra))
    return ls_raise_key_error (vm, args[0]);
  v = ls_call (vm, d->extra, NULL, 0, NULL);
  if (LS_IS_ERR (v) || ls_dict_set (vm, d, args[0], v) < 0)
    return LS_ERR;
  return v;
}

static LsValue
defaultdict_repr (LsVM          *vm,
                  LsValue        self,
                  const LsValue *args,
                  int            nargs,
                  LsTuple       *kwnames)
{
  LsDict *d = dict_of (vm, self);
  GString *out;

  if (d == NULL)
    return LS_ERR;
  out = g_string_new (type_name_of (vm, self));
  g_string_append_c (out, '(');
  if ((LS_IS_UNDEF (d->extra) ? (g_string_append (out, "None"), TRUE) : append_repr (vm, out, d->extra))
      && (g_string_append (out, ", "), append_dict_repr (vm, out, d)))
    {
      g_string_append_c (out, ')');
      return gstring_to_value (vm, out);
    }
  g_string_free (out, TRUE);
  return LS_ERR;
}

static LsValue
defaultdict_copy (LsVM          *vm,
                  LsValue        self,
                  const LsValue *args,
                  int            nargs,
                  LsTuple       *kwnames)
{
  LsDict *d = dict_of (vm, self), *n;

  if (d == NULL)
    return LS_ERR;
  n = ls_dict_copy (vm, d);
  n->hdr.type = d->hdr.type;
  n->extra = d->extra;
  return ls_obj (n);
}

static LsValue
defaultdict_factory_get (LsVM          *vm,
                         LsValue        self,
                         const LsValue *args,
                         int            nargs,
                         LsTuple       *kwnames)
{
  LsDict *d;

  if (!method_args (vm, "default_factory", nargs, kwnames, 1, 1) || (d = dict_of (vm, args[0])) == NULL)
    return LS_ERR;
  return LS_IS_UNDEF (d->extra) ? LS_NONE : d->extra;
}

static LsValue
defaultdict_factory_set (LsVM          *vm,
                         LsValue        self,
                         const LsValue *args,
                         int            nargs,
                         LsTuple       *kwnames)
{
  LsDict *d;

  if (!method_args (vm, "default_factory", nargs, kwnames, 2, 2) || (d = dict_of (vm, args[0])) == NULL)
    return LS_ERR;
  if (!check_factory (vm, args[1]))
    return LS_ERR;
  d->extra = args[1];
  return LS_NONE;
}

static LsType *
make_defaultdict_type (LsVM *vm)
{
  LsType *type = _ls_mod_new_type (vm, "collections", "defaultdict", LS_TYPE (vm, DICT), LS_OBJ_DICT,
                                   defaultdict_new);
  LsProperty *prop;

  type->hdr.flags |= LS_TYPE_BASETYPE;
  ls_type_add_method (vm, type, "__missing__", defaultdict_missing);
  ls_type_add_method (vm, type, "__repr__", defaultdict_repr);
  ls_type_add_method (vm, type, "copy", defaultdict_copy);
  ls_type_add_method (vm, type, "__copy__", defaultdict_copy);
  _ls_mod_add_getter (vm, type, "default_factory", defaultdict_factory_get);
  prop = (LsProperty *) LS_AS_OBJ (ls_dict_get_str (type->dict, intern (vm, "default_factory")));
  prop->fset = ls_native_new (vm, "default_factory", defaultdict_factory_set, LS_UNDEF);
  return type;
}

/* --- OrderedDict */

static LsValue
ordereddict_new (LsVM          *vm,
                 LsValue        self,
                 const LsValue *args,
                 int            nargs,
                 LsTuple       *kwnames)
{
  LsDict *d = dict_new_typed (vm, (LsType *) LS_AS_OBJ (self));

  if (nargs > 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "expected at most 1 arguments, got %d", nargs);
  if (!dict_update_args (vm, d, args, nargs, kwnames))
    return LS_ERR;
  return ls_obj (d);
}

static LsValue
ordereddict_repr (LsVM          *vm,
                  LsValue        self,
                  const LsValue *args,
                  int            nargs,
                  LsTuple       *kwnames)
{
  LsDict *d = dict_of (vm, self);
  GString *out;
  gsize pos = 0;
  LsValue k, v;
  gboolean first = TRUE;

  if (d == NULL)
    return LS_ERR;
  out = g_string_new (type_name_of (vm, self));
  if (d->len == 0)
    {
      g_string_append (out, "()");
      return gstring_to_value (vm, out);
    }
  g_string_append (out, "([");
  while (ls_dict_next (d, &pos, &k, &v))
    {
      g_string_append (out, first ? "(" : ", (");
      first = FALSE;
      if (!append_repr (vm, out, k) || (g_string_append (out, ", "), !append_repr (vm, out, v)))
        {
          g_string_free (out, TRUE);
          return LS_ERR;
        }
      g_string_append_c (out, ')');
    }
  g_string_append (out, "])");
  return gstring_to_value (vm, out);
}

/* Re-inserts every entry with key first or last. */
static gboolean
dict_move (LsVM    *vm,
           LsDict  *d,
           LsValue  key,
           LsValue  value,
           gboolean last)
{
  LsList *keys, *vals;
  gsize pos = 0;
  LsValue k, v;

  if (ls_dict_del (vm, d, key) < 0)
    return FALSE;
  if (last)
    return ls_dict_set (vm, d, key, value) == 0;
  keys = ls_list_new (vm, d->len);
  vals = ls_list_new (vm, d->len);
  while (ls_dict_next (d, &pos, &k, &v))
    {
      ls_list_append (vm, keys, k);
      ls_list_append (vm, vals, v);
    }
  for (gsize i = 0; i < keys->len; i++)
    if (ls_dict_del (vm, d, keys->items[i]) < 0)
      return FALSE;
  if (ls_dict_set (vm, d, key, value) < 0)
    return FALSE;
  for (gsize i = 0; i < keys->len; i++)
    if (ls_dict_set (vm, d, keys->items[i], vals->items[i]) < 0)
      return FALSE;
  return TRUE;
}

static LsValue
ordereddict_move_to_end (LsVM          *vm,
                         LsValue        self,
                         const LsValue *args,
                         int            nargs,
                         LsTuple       *kwnames)
{
  static const char *const kw[] = { "key", "last", NULL };
  LsValue opt[2] = { LS_UNDEF, LS_UNDEF }, v;
  LsDict *d = dict_of (vm, self);
  int last = 1, found;

  if (d == NULL)
    return LS_ERR;
  for (int i = 0; i < nargs && i < 2; i++)
    opt[i] = args[i];
  if (!_ls_take_kwargs (vm, "move_to_end", args, nargs, kwnames, kw, opt))
    return LS_ERR;
  if (LS_IS_UNDEF (opt[0]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "move_to_end() missing required argument 'key' (pos 1)");
  if (!LS_IS_UNDEF (opt[1]) && (last = ls_truthy (vm, opt[1])) < 0)
    return LS_ERR;
  found = ls_dict_lookup (vm, d, opt[0], &v);
  if (found < 0)
    return LS_ERR;
  if (found == 0)
    return ls_raise_key_error (vm, opt[0]);
  return dict_move (vm, d, opt[0], v, last) ? LS_NONE : LS_ERR;
}

static LsValue
ordereddict_popitem (LsVM          *vm,
                     LsValue        self,
                     const LsValue *args,
                     int            nargs,
                     LsTuple       *kwnames)
{
  static const char *const kw[] = { "last", NULL };
  LsValue opt[1] = { LS_UNDEF }, k = LS_UNDEF, v = LS_UNDEF, key, val, items[2];
  LsDict *d = dict_of (vm, self);
  gsize pos = 0;
  int last = 1;

  if (d == NULL)
    return LS_ERR;
  if (nargs > 0)
    opt[0] = args[0];
  if (!_ls_take_kwargs (vm, "popitem", args, nargs, kwnames, kw, opt))
    return LS_ERR;
  if (!LS_IS_UNDEF (opt[0]) && (last = ls_truthy (vm, opt[0])) < 0)
    return LS_ERR;
  if (d->len == 0)
    return ls_raise (vm, LS_EXC_KEY_ERROR, "dictionary is empty");
  while (ls_dict_next (d, &pos, &key, &val))
    {
      k = key;
      v = val;
      if (!last)
        break;
    }
  if (ls_dict_del (vm, d, k) < 0)
    return LS_ERR;
  items[0] = k;
  items[1] = v;
  return ls_obj (ls_tuple_from (vm, items, 2));
}

static LsValue
ordereddict_copy (LsVM          *vm,
                  LsValue        self,
                  const LsValue *args,
                  int            nargs,
                  LsTuple       *kwnames)
{
  LsDict *d = dict_of (vm, self), *n;

  if (d == NULL)
    return LS_ERR;
  n = ls_dict_copy (vm, d);
  n->hdr.type = d->hdr.type;
  return ls_obj (n);
}

static LsType *
make_ordereddict_type (LsVM *vm)
{
  LsType *type = _ls_mod_new_type (vm, "collections", "OrderedDict", LS_TYPE (vm, DICT), LS_OBJ_DICT,
                                   ordereddict_new);

  type->hdr.flags |= LS_TYPE_BASETYPE;
  ls_type_add_method (vm, type, "__repr__", ordereddict_repr);
  ls_type_add_method (vm, type, "move_to_end", ordereddict_move_to_end);
  ls_type_add_method (vm, type, "popitem", ordereddict_popitem);
  ls_type_add_method (vm, type, "copy", ordereddict_copy);
  ls_type_add_method (vm, type, "__copy__", ordereddict_copy);
  return type;
}

/* --- Counter */

static LsValue
counter_get (LsVM    *vm,
             LsDict  *d,
             LsValue  key)
{
  LsValue v;
  int r = ls_dict_lookup (vm, d, key, &v);

  if (r < 0)
    return LS_ERR;
  return r ? v : ls_int (0);
}

/* Adds (sign +1) or subtracts (sign -1) counts from a mapping or an iterable. */
static gboolean
counter_merge (LsVM    *vm,
               LsDict  *d,
               LsValue  src,
               int      sign)
{
  int op = sign > 0 ? LS_BINOP_ADD : LS_BINOP_SUB;

  if (LS_OBJ_IS (src, LS_OBJ_DICT))
    {
      LsDict *s = (LsDict *) LS_AS_OBJ (src);
      gsize pos = 0;
      LsValue k, v;

      while (ls_dict_next (s, &pos, &k, &v))
        {
          LsValue cur = counter_get (vm, d, k);

          if (LS_IS_ERR (cur) || LS_IS_ERR (cur = ls_binary_op (vm, cur, v, op))
              || ls_dict_set (vm, d, k, cur) < 0)
            return FALSE;
        }
      return TRUE;
    }
  {
    LsValue it = ls_get_iter (vm, src), item = LS_UNDEF;
    int st;

    if (LS_IS_ERR (it))
      return FALSE;
    while ((st = ls_iter_next (vm, it, &item)) > 0)
      {
        LsValue cur = counter_get (vm, d, item);

        if (LS_IS_ERR (cur) || LS_IS_ERR (cur = ls_binary_op (vm, cur, ls_int (1), op))
            || ls_dict_set (vm, d, item, cur) < 0)
          return FALSE;
      }
    return st == 0;
  }
}

static gboolean
counter_merge_args (LsVM          *vm,
                    LsDict        *d,
                    const char    *fname,
                    const LsValue *args,
                    int            nargs,
                    LsTuple       *kwnames,
                    int            sign)
{
  if (nargs > 1)
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "expected at most 1 arguments, got %d", nargs);
      return FALSE;
    }
  if (nargs == 1 && !LS_IS_NONE (args[0]) && !counter_merge (vm, d, args[0], sign))
    return FALSE;
  if (_ls_n_kwargs (kwnames) > 0)
    {
      LsDict *kw = ls_dict_new (vm);

      for (int i = 0; i < _ls_n_kwargs (kwnames); i++)
        ls_dict_set (vm, kw, kwnames->items[i], args[nargs + i]);
      if (!counter_merge (vm, d, ls_obj (kw), sign))
        return FALSE;
    }
  return TRUE;
}

static LsValue
counter_new (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  LsDict *d = dict_new_typed (vm, (LsType *) LS_AS_OBJ (self));

  if (!counter_merge_args (vm, d, "Counter", args, nargs, kwnames, 1))
    return LS_ERR;
  return ls_obj (d);
}

static LsValue
counter_update (LsVM          *vm,
                LsValue        self,
                const LsValue *args,
                int            nargs,
                LsTuple       *kwnames)
{
  LsDict *d = dict_of (vm, self);

  if (d == NULL || !counter_merge_args (vm, d, "update", args, nargs, kwnames, 1))
    return LS_ERR;
  return LS_NONE;
}

static LsValue
counter_subtract (LsVM          *vm,
                  LsValue        self,
                  const LsValue *args,
                  int            nargs,
                  LsTuple       *kwnames)
{
  LsDict *d = dict_of (vm, self);

  if (d == NULL || !counter_merge_args (vm, d, "subtract", args, nargs, kwnames, -1))
    return LS_ERR;
  return LS_NONE;
}

static LsValue
counter_missing (LsVM          *vm,
                 LsValue        self,
                 const LsValue *args,
                 int            nargs,
                 LsTuple       *kwnames)
{
  return ls_int (0);
}

static LsValue
second_item (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  return ((LsTuple *) LS_AS_OBJ (args[0]))->items[1];
}

/* Items sorted by count, largest first; ties keep insertion order. */
static LsList *
counter_sorted_items (LsVM   *vm,
                      LsDict *d)
{
  LsList *items = ls_list_new (vm, d->len);
  gsize pos = 0;
  LsValue k, v;

  while (ls_dict_next (d, &pos, &k, &v))
    {
      LsValue kv[2] = { k, v };

      ls_list_append (vm, items, ls_obj (ls_tuple_from (vm, kv, 2)));
    }
  if (!ls_list_sort (vm, items, ls_native_new (vm, "<lambda>", second_item, LS_UNDEF), TRUE))
    return NULL;
  return items;
}

static LsValue
counter_most_common (LsVM          *vm,
                     LsValue        self,
                     const LsValue *args,
                     int            nargs,
                     LsTuple       *kwnames)
{
  static const char *const kw[] = { "n", NULL };
  LsValue n = nargs > 0 ? args[0] : LS_UNDEF;
  LsDict *d = dict_of (vm, self);
  LsList *items;
  gint64 k;

  if (d == NULL || nargs > 1 || !_ls_take_kwargs (vm, "most_common", args, nargs, kwnames, kw, &n))
    return LS_ERR;
  items = counter_sorted_items (vm, d);
  if (items == NULL)
    return LS_ERR;
  if (LS_IS_UNDEF (n) || LS_IS_NONE (n))
    return ls_obj (items);
  if (!ls_index_value (vm, n, &k))
    return LS_ERR;
  if (k < 0)
    k = 0;
  if ((gsize) k < items->len)
    items->len = k;
  return ls_obj (items);
}

static LsValue
counter_elements (LsVM          *vm,
                  LsValue        self,
                  const LsValue *args,
                  int            nargs,
                  LsTuple       *kwnames)
{
  LsDict *d = dict_of (vm, self);
  LsList *out;
  gsize pos = 0;
  LsValue k, v;

  if (d == NULL || !method_args (vm, "elements", nargs, kwnames, 0, 0))
    return LS_ERR;
  out = ls_list_new (vm, d->len);
  while (ls_dict_next (d, &pos, &k, &v))
    {
      gint64 n;

      if (!LS_IS_INTLIKE (v) && !LS_IS_FLOAT (v))
        return ls_raise (vm, LS_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                         ls_type_name (vm, v));
      n = LS_IS_FLOAT (v) ? (gint64) LS_AS_FLOAT (v) : LS_AS_INT (v);
      for (gint64 i = 0; i < n; i++)
        ls_list_append (vm, out, k);
    }
  return ls_get_iter (vm, ls_obj (out));
}

static LsValue
counter_total (LsVM          *vm,
               LsValue        self,
               const LsValue *args,
               int            nargs,
               LsTuple       *kwnames)
{
  LsDict *d = dict_of (vm, self);
  LsValue acc = ls_int (0), k, v;
  gsize pos = 0;

  if (d == NULL || !method_args (vm, "total", nargs, kwnames, 0, 0))
    return LS_ERR;
  while (ls_dict_next (d, &pos, &k, &v))
    if (LS_IS_ERR (acc = ls_binary_op (vm, acc, v, LS_BINOP_ADD)))
      return LS_ERR;
  return acc;
}

static LsValue
counter_repr (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  LsDict *d = dict_of (vm, self);
  LsList *items;
  GString *out;

  if (d == NULL)
    return LS_ERR;
  out = g_string_new (type_name_of (vm, self));
  if (d->len == 0)
    {
      g_string_append (out, "()");
      return gstring_to_value (vm, out);
    }
  items = counter_sorted_items (vm, d);
  if (items == NULL)
    {
      /* unorderable counts: CPython falls back to the dict's own order */
      if (!ls_exc_pending_is (vm, LS_EXC_TYPE_ERROR))
        {
          g_string_free (out, TRUE);
          return LS_ERR;
        }
      ls_exc_clear (vm);
      g_string_append_c (out, '(');
      if (!append_dict_repr (vm, out, d))
        {
          g_string_free (out, TRUE);
          return LS_ERR;
        }
      g_string_append_c (out, ')');
      return gstring_to_value (vm, out);
    }
  g_string_append (out, "({");
  for (gsize i = 0; i < items->len; i++)
    {
      LsTuple *kv = (LsTuple *) LS_AS_OBJ (items->items[i]);

      if (i > 0)
        g_string_append (out, ", ");
      if (!append_repr (vm, out, kv->items[0]) || (g_string_append (out, ": "), !append_repr (vm, out, kv->items[1])))
        {
          g_string_free (out, TRUE);
          return LS_ERR;
        }
    }
  g_string_append (out, "})");
  return gstring_to_value (vm, out);
}

static LsValue
counter_copy (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  return ordereddict_copy (vm, self, args, nargs, kwnames);
}

static LsValue
counter_delitem (LsVM          *vm,
                 LsValue        self,
                 const LsValue *args,
                 int            nargs,
                 LsTuple       *kwnames)
{
  LsDict *d = dict_of (vm, self);

  if (d == NULL || !method_args (vm, "__delitem__", nargs, kwnames, 1, 1)
      || ls_dict_del (vm, d, args[0]) < 0)
    return LS_ERR;
  return LS_NONE;
}

typedef enum { CNT_ADD, CNT_SUB, CNT_OR, CNT_AND } CounterOp;

/* One combined count of Counter arithmetic; UNDEF result means "drop". */
static LsValue
counter_combine (LsVM      *vm,
                 CounterOp  op,
                 LsValue    a,
                 LsValue    b)
{
  LsValue r;
  int gt;

  switch (op)
    {
    case CNT_ADD:
      return ls_binary_op (vm, a, b, LS_BINOP_ADD);
    case CNT_SUB:
      return ls_binary_op (vm, a, b, LS_BINOP_SUB);
    default:
      r = ls_compare (vm, a, b, op == CNT_OR ? LS_CMP_LT : LS_CMP_GT);
      if (LS_IS_ERR (r) || (gt = ls_truthy (vm, r)) < 0)
        return LS_ERR;
      return gt ? b : a;
    }
}

static int
is_positive (LsVM    *vm,
             LsValue  v)
{
  LsValue r = ls_compare (vm, v, ls_int (0), LS_CMP_GT);

  return LS_IS_ERR (r) ? -1 : ls_truthy (vm, r);
}

static LsValue
counter_arith (LsVM      *vm,
               LsValue    self,
               LsValue    other,
               CounterOp  op,
               gboolean   inplace)
{
  LsDict *a = dict_of (vm, self), *b, *res;
  gsize pos = 0;
  LsValue k, v;

  if (a == NULL)
    return LS_ERR;
  if (!LS_OBJ_IS (other, LS_OBJ_DICT) || !ls_is_subtype (LS_AS_OBJ (other)->type, a->hdr.type))
    if (!LS_OBJ_IS (other, LS_OBJ_DICT) || strcmp (type_name_of (vm, other), "Counter") != 0)
      return vm->not_implemented;
  b = (LsDict *) LS_AS_OBJ (other);
  res = dict_new_typed (vm, a->hdr.type);
  while (ls_dict_next (a, &pos, &k, &v))
    {
      LsValue o = counter_get (vm, b, k), n;
      int pos_ok;

      if (LS_IS_ERR (o) || LS_IS_ERR (n = counter_combine (vm, op, v, o)))
        return LS_ERR;
      if ((pos_ok = is_positive (vm, n)) < 0)
        return LS_ERR;
      if (pos_ok && ls_dict_set (vm, res, k, n) < 0)
        return LS_ERR;
    }
  pos = 0;
  while (ls_dict_next (b, &pos, &k, &v))
    {
      LsValue dummy, n = v;
      int in_a = ls_dict_lookup (vm, a, k, &dummy), keep;

      if (in_a < 0)
        return LS_ERR;
      if (in_a || op == CNT_AND)
        continue;
      if (op == CNT_SUB && LS_IS_ERR (n = ls_binary_op (vm, ls_int (0), v, LS_BINOP_SUB)))
        return LS_ERR;
      if ((keep = is_positive (vm, n)) < 0)
        return LS_ERR;
      if (keep && ls_dict_set (vm, res, k, n) < 0)
        return LS_ERR;
    }
  if (!inplace)
    return ls_obj (res);
  /* in-place: self takes the result's contents */
  {
    LsList *keys = ls_list_new (vm, a->len);

    pos = 0;
    while (ls_dict_next (a, &pos, &k, &v))
      ls_list_append (vm, keys, k);
    for (gsize i = 0; i < keys->len; i++)
      if (ls_dict_del (vm, a, keys->items[i]) < 0)
        return LS_ERR;
    pos = 0;
    while (ls_dict_next (res, &pos, &k, &v))
      if (ls_dict_set (vm, a, k, v) < 0)
        return LS_ERR;
    return self;
  }
}

#define COUNTER_OP(fn, op, inplace) \
  static LsValue fn (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames) \
  { \
    if (!method_args (vm, #fn, nargs, kwnames, 1, 1)) \
      return LS_ERR; \
    return counter_arith (vm, self, args[0], op, inplace); \
  }

COUNTER_OP (counter_add, CNT_ADD, FALSE)
COUNTER_OP (counter_sub, CNT_SUB, FALSE)
COUNTER_OP (counter_or, CNT_OR, FALSE)
COUNTER_OP (counter_and, CNT_AND, FALSE)
COUNTER_OP (counter_iadd, CNT_ADD, TRUE)
COUNTER_OP (counter_isub, CNT_SUB, TRUE)
COUNTER_OP (counter_ior, CNT_OR, TRUE)
COUNTER_OP (counter_iand, CNT_AND, TRUE)

static const LsModFunc counter_methods[] = {
  { "update", counter_update }, { "subtract", counter_subtract }, { "__missing__", counter_missing },
  { "most_common", counter_most_common }, { "elements", counter_elements }, { "total", counter_total },
  { "__repr__", counter_repr }, { "copy", counter_copy }, { "__copy__", counter_copy },
  { "__delitem__", counter_delitem }, { "__add__", counter_add }, { "__sub__", counter_sub },
  { "__or__", counter_or }, { "__and__", counter_and }, { "__iadd__", counter_iadd },
  { "__isub__", counter_isub }, { "__ior__", counter_ior }, { "__iand__", counter_iand },
  { NULL, NULL }
};

static LsType *
make_counter_type (LsVM *vm)
{
  LsType *type = _ls_mod_new_type (vm, "collections", "Counter", LS_TYPE (vm, DICT), LS_OBJ_DICT,
                                   counter_new);

  type->hdr.flags |= LS_TYPE_BASETYPE;
  _ls_mod_add_methods (vm, type, counter_methods);
  return type;
}

/* ================================================================ namedtuple */

static gboolean
is_identifier (const char *s)
{
  if (*s == '\0' || g_ascii_isdigit (*s))
    return FALSE;
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!(c == '_' || g_unichar_isalnum (c)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_keyword (const char *s)
{
  static const char *const kws[] = {
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
    "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
    "return", "try", "while", "with", "yield", NULL
  };

  for (int i = 0; kws[i] != NULL; i++)
    if (strcmp (s, kws[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The type in the chain that defines _fields (the namedtuple class itself). */
static LsType *
nt_base (LsVM   *vm,
         LsType *type)
{
  for (LsType *t = type; t != NULL; t = t->base)
    if (!LS_IS_UNDEF (ls_dict_get_str (t->dict, intern (vm, "_fields"))))
      return t;
  return NULL;
}

static LsTuple *
nt_fields (LsVM   *vm,
           LsType *type)
{
  LsValue f = ls_type_lookup (type, intern (vm, "_fields"));

  return LS_OBJ_IS (f, LS_OBJ_TUPLE) ? (LsTuple *) LS_AS_OBJ (f) : NULL;
}

static LsTuple *
nt_fields_required (LsVM   *vm,
                    LsType *type)
{
  LsTuple *fields = nt_fields (vm, type);

  if (fields == NULL)
    ls_raise (vm, LS_EXC_TYPE_ERROR, "'%s' is not a namedtuple class", ls_str_cstr (type->name));
  return fields;
}

static int
nt_field_index (LsTuple    *fields,
                const char *name)
{
  for (gsize i = 0; i < fields->len; i++)
    if (strcmp (ls_str_cstr (_ls_as_str (fields->items[i])), name) == 0)
      return (int) i;
  return -1;
}

static LsValue
nt_missing_error (LsVM       *vm,
                  const char *owner,
                  GPtrArray  *missing)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < missing->len; i++)
    {
      if (i > 0)
        g_string_append (names, missing->len == 2 ? " and " : (i + 1 == missing->len ? ", and " : ", "));
      g_string_append_printf (names, "'%s'", (const char *) missing->pdata[i]);
    }
  ls_raise (vm, LS_EXC_TYPE_ERROR, "%s.__new__() missing %u required positional argument%s: %s",
            owner, missing->len, missing->len == 1 ? "" : "s", names->str);
  g_string_free (names, TRUE);
  return LS_ERR;
}

/* Builds an instance of a namedtuple type from arguments, like the
 * __new__(_cls, x, y=default) CPython generates. */
static LsValue
nt_construct (LsVM          *vm,
              LsType        *type,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  LsType *base = nt_base (vm, type);
  LsTuple *fields = nt_fields (vm, type), *t;
  LsValue defaults;
  const char *owner;
  g_autoptr (GPtrArray) missing = g_ptr_array_new ();

  if (base == NULL || fields == NULL)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "namedtuple type has no _fields");
  owner = ls_str_cstr (base->name);
  if ((gsize) nargs > fields->len)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s.__new__() takes %" G_GSIZE_FORMAT
                     " positional arguments but %d were given", owner, fields->len + 1, nargs + 1);
  t = ls_tuple_new (vm, fields->len);
  for (gsize i = 0; i < fields->len; i++)
    t->items[i] = i < (gsize) nargs ? args[i] : LS_UNDEF;
  for (int k = 0; k < _ls_n_kwargs (kwnames); k++)
    {
      const char *kn = ls_str_cstr (_ls_as_str (kwnames->items[k]));
      int idx = nt_field_index (fields, kn);

      if (idx < 0)
        return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s.__new__() got an unexpected keyword argument '%s'",
                         owner, kn);
      if (!LS_IS_UNDEF (t->items[idx]))
        return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s.__new__() got multiple values for argument '%s'",
                         owner, kn);
      t->items[idx] = args[nargs + k];
    }
  defaults = ls_type_lookup (type, intern (vm, "_field_defaults"));
  for (gsize i = 0; i < fields->len; i++)
    {
      if (!LS_IS_UNDEF (t->items[i]))
        continue;
      if (LS_OBJ_IS (defaults, LS_OBJ_DICT))
        t->items[i] = ls_dict_get_str ((LsDict *) LS_AS_OBJ (defaults), _ls_as_str (fields->items[i]));
      if (LS_IS_UNDEF (t->items[i]))
        g_ptr_array_add (missing, (gpointer) ls_str_cstr (_ls_as_str (fields->items[i])));
    }
  if (missing->len > 0)
    return nt_missing_error (vm, owner, missing);
  t->hdr.type = type;
  return ls_obj (t);
}

static LsValue
nt_new (LsVM          *vm,
        LsValue        self,
        const LsValue *args,
        int            nargs,
        LsTuple       *kwnames)
{
  return nt_construct (vm, (LsType *) LS_AS_OBJ (self), args, nargs, kwnames);
}

/* __new__(cls, ...) for super().__new__(cls, ...) in subclasses */
static LsValue
nt_dunder_new (LsVM          *vm,
               LsValue        self,
               const LsValue *args,
               int            nargs,
               LsTuple       *kwnames)
{
  if (nargs < 1 || !LS_OBJ_IS (args[0], LS_OBJ_TYPE))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "__new__(): not enough arguments");
  return nt_construct (vm, (LsType *) LS_AS_OBJ (args[0]), args + 1, nargs - 1, kwnames);
}

static LsTuple *
tuple_of (LsVM    *vm,
          LsValue  v)
{
  if (!LS_OBJ_IS (v, LS_OBJ_TUPLE))
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "descriptor requires a 'tuple' object but received a '%s'",
                ls_type_name (vm, v));
      return NULL;
    }
  return (LsTuple *) LS_AS_OBJ (v);
}

/* property getter: self is the field index */
static LsValue
nt_field_get (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  LsTuple *t;

  if (!method_args (vm, "field", nargs, kwnames, 1, 1) || (t = tuple_of (vm, args[0])) == NULL)
    return LS_ERR;
  if ((gsize) LS_AS_INT (self) >= t->len)
    return ls_raise (vm, LS_EXC_INDEX_ERROR, "tuple index out of range");
  return t->items[LS_AS_INT (self)];
}

/* property setter/deleter of a field: self is "set" or "delete" */
static LsValue
nt_field_readonly (LsVM          *vm,
                   LsValue        self,
                   const LsValue *args,
                   int            nargs,
                   LsTuple       *kwnames)
{
  return ls_raise (vm, LS_EXC_ATTRIBUTE_ERROR, "can't %s attribute", ls_str_cstr (_ls_as_str (self)));
}

static gboolean
nt_repr_into (LsVM       *vm,
              GString    *out,
              LsTuple    *t,
              LsTuple    *fields)
{
  for (gsize i = 0; i < t->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      if (fields != NULL && i < fields->len)
        g_string_append_printf (out, "%s=", ls_str_cstr (_ls_as_str (fields->items[i])));
      if (!append_repr (vm, out, t->items[i]))
        return FALSE;
    }
  return TRUE;
}

static LsValue
nt_repr (LsVM          *vm,
         LsValue        self,
         const LsValue *args,
         int            nargs,
         LsTuple       *kwnames)
{
  LsTuple *t = tuple_of (vm, self);
  GString *out;

  if (t == NULL)
    return LS_ERR;
  out = g_string_new (type_name_of (vm, self));
  g_string_append_c (out, '(');
  if (!nt_repr_into (vm, out, t, nt_fields (vm, t->hdr.type)))
    {
      g_string_free (out, TRUE);
      return LS_ERR;
    }
  g_string_append_c (out, ')');
  return gstring_to_value (vm, out);
}

/* struct sequences print their module: time.struct_time(tm_year=...) */
static LsValue
structseq_repr (LsVM          *vm,
                LsValue        self,
                const LsValue *args,
                int            nargs,
                LsTuple       *kwnames)
{
  LsTuple *t = tuple_of (vm, self);
  LsType *type;
  GString *out;

  if (t == NULL)
    return LS_ERR;
  type = t->hdr.type;
  out = g_string_new (NULL);
  g_string_append_printf (out, "%s.%s(", ls_str_cstr (type->module), ls_str_cstr (type->name));
  if (!nt_repr_into (vm, out, t, nt_fields (vm, type)))
    {
      g_string_free (out, TRUE);
      return LS_ERR;
    }
  g_string_append_c (out, ')');
  return gstring_to_value (vm, out);
}

static LsValue
nt_asdict (LsVM          *vm,
           LsValue        self,
           const LsValue *args,
           int            nargs,
           LsTuple       *kwnames)
{
  LsTuple *t = tuple_of (vm, self), *fields;
  LsDict *d;

  if (t == NULL || (fields = nt_fields_required (vm, t->hdr.type)) == NULL)
    return LS_ERR;
  d = ls_dict_new (vm);
  for (gsize i = 0; i < fields->len && i < t->len; i++)
    ls_dict_set (vm, d, fields->items[i], t->items[i]);
  return ls_obj (d);
}

static LsValue
nt_replace (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  LsTuple *t = tuple_of (vm, self), *fields, *n;
  GString *bad = NULL;

  if (t == NULL || (fields = nt_fields_required (vm, t->hdr.type)) == NULL)
    return LS_ERR;
  if (nargs > 0)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s._replace() takes 1 positional argument but %d were given",
                     type_name_of (vm, self), nargs + 1);
  n = ls_tuple_from (vm, t->items, t->len);
  n->hdr.type = t->hdr.type;
  for (int k = 0; k < _ls_n_kwargs (kwnames); k++)
    {
      LsValue name = kwnames->items[k];
      int idx = nt_field_index (fields, ls_str_cstr (_ls_as_str (name)));

      if (idx >= 0 && (gsize) idx < n->len)
        n->items[idx] = args[k];
      else
        {
          LsValue r = ls_repr (vm, name);

          if (LS_IS_ERR (r))
            return LS_ERR;
          if (bad == NULL)
            bad = g_string_new ("Got unexpected field names: [");
          else
            g_string_append (bad, ", ");
          g_string_append (bad, ls_str_cstr (_ls_as_str (r)));
        }
    }
  if (bad != NULL)
    {
      ls_raise (vm, LS_EXC_VALUE_ERROR, "%s]", bad->str);
      g_string_free (bad, TRUE);
      return LS_ERR;
    }
  return ls_obj (n);
}

static LsValue
nt_make (LsVM          *vm,
         LsValue        self,
         const LsValue *args,
         int            nargs,
         LsTuple       *kwnames)
{
  LsType *type = (LsType *) LS_AS_OBJ (self);
  LsTuple *fields = nt_fields_required (vm, type);
  LsList *items;

  if (fields == NULL || !method_args (vm, "_make", nargs, kwnames, 1, 1))
    return LS_ERR;
  items = ls_list_from_iterable (vm, args[0]);
  if (items == NULL)
    return LS_ERR;
  if (items->len != fields->len)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "Expected %" G_GSIZE_FORMAT " arguments, got %" G_GSIZE_FORMAT,
                     fields->len, items->len);
  return nt_construct (vm, type, items->items, items->len, NULL);
}

static LsValue
nt_getnewargs (LsVM          *vm,
               LsValue        self,
               const LsValue *args,
               int            nargs,
               LsTuple       *kwnames)
{
  LsTuple *t = tuple_of (vm, self);

  return t == NULL ? LS_ERR : ls_obj (ls_tuple_from (vm, t->items, t->len));
}

/* Installs _fields, _field_defaults, accessors and methods on a class. */
static void
nt_install (LsVM    *vm,
            LsType  *type,
            LsTuple *fields,
            LsDict  *defaults,
            gboolean structseq)
{
  ls_dict_set_cstr (vm, type->dict, "_fields", ls_obj (fields));
  ls_dict_set_cstr (vm, type->dict, "__match_args__", ls_obj (fields));
  ls_dict_set_cstr (vm, type->dict, "_field_defaults", ls_obj (defaults));
  ls_dict_set_cstr (vm, type->dict, "__slots__", vm->empty_tuple);
  for (gsize i = 0; i < fields->len; i++)
    {
      LsProperty *prop = ls_gc_alloc (vm, LS_OBJ_PROPERTY, LS_TYPE (vm, PROPERTY), sizeof (LsProperty));

      prop->fget = ls_native_new (vm, ls_str_cstr (_ls_as_str (fields->items[i])), nt_field_get,
                                  ls_int ((gint64) i));
      /* CPython's field descriptors are read-only with their own message */
      prop->fset = ls_native_new (vm, "__set__", nt_field_readonly, ls_str_value (vm, "set"));
      prop->fdel = ls_native_new (vm, "__delete__", nt_field_readonly, ls_str_value (vm, "delete"));
      prop->doc = ls_obj (ls_str_printf (vm, "Alias for field number %" G_GSIZE_FORMAT, i));
      ls_dict_set (vm, type->dict, fields->items[i], ls_obj (prop));
    }
  ls_type_add_method (vm, type, "__repr__", structseq ? structseq_repr : nt_repr);
  ls_type_add_method (vm, type, "_asdict", nt_asdict);
  ls_type_add_method (vm, type, "_replace", nt_replace);
  ls_type_add_method (vm, type, "__getnewargs__", nt_getnewargs);
  ls_type_add_classmethod (vm, type, "_make", nt_make);
  ls_type_add_static (vm, type, "__new__", nt_dunder_new);
}

/* Splits "x y" / "x, y" / iterables of str into a list of names. */
static LsList *
nt_parse_field_names (LsVM    *vm,
                      LsValue  spec)
{
  LsList *names;

  if (_ls_is_str (spec))
    {
      g_autofree char *s = g_strdup (ls_str_cstr (_ls_as_str (spec)));
      g_auto (GStrv) parts = NULL;

      g_strdelimit (s, ",", ' ');
      parts = g_strsplit_set (s, " \t\n\r\f\v", -1);
      names = ls_list_new (vm, 4);
      for (char **p = parts; *p != NULL; p++)
        if (**p != '\0')
          ls_list_append (vm, names, ls_obj (ls_str_new (vm, *p, -1)));
      return names;
    }
  names = ls_list_from_iterable (vm, spec);
  if (names == NULL)
    return NULL;
  for (gsize i = 0; i < names->len; i++)
    if (!_ls_is_str (names->items[i]))
      {
        LsValue s = ls_to_str (vm, names->items[i]);

        if (LS_IS_ERR (s))
          return NULL;
        names->items[i] = s;
      }
  return names;
}

static gboolean
nt_validate (LsVM       *vm,
             const char *name,
             gboolean    is_field)
{
  if (!is_identifier (name))
    {
      ls_raise (vm, LS_EXC_VALUE_ERROR, "Type names and field names must be valid identifiers: '%s'", name);
      return FALSE;
    }
  if (is_keyword (name))
    {
      ls_raise (vm, LS_EXC_VALUE_ERROR, "Type names and field names cannot be a keyword: '%s'", name);
      return FALSE;
    }
  if (is_field && name[0] == '_')
    {
      ls_raise (vm, LS_EXC_VALUE_ERROR, "Field names cannot start with an underscore: '%s'", name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
nt_check_names (LsVM     *vm,
                LsList   *names,
                gboolean  rename)
{
  GHashTable *seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean ok = TRUE;

  for (gsize i = 0; i < names->len && ok; i++)
    {
      const char *n = ls_str_cstr (_ls_as_str (names->items[i]));

      if (rename && (!is_identifier (n) || is_keyword (n) || n[0] == '_'
                     || g_hash_table_contains (seen, n)))
        {
          names->items[i] = ls_obj (ls_str_printf (vm, "_%" G_GSIZE_FORMAT, i));
          n = ls_str_cstr (_ls_as_str (names->items[i]));
        }
      else if (!nt_validate (vm, n, TRUE))
        ok = FALSE;
      else if (g_hash_table_contains (seen, n))
        {
          ls_raise (vm, LS_EXC_VALUE_ERROR, "Encountered duplicate field name: '%s'", n);
          ok = FALSE;
        }
      g_hash_table_add (seen, (gpointer) n);
    }
  g_hash_table_destroy (seen);
  return ok;
}

static LsStr *
caller_module_name (LsVM *vm)
{
  LsDict *g = ls_vm_current_globals (vm);
  LsValue name = g != NULL ? ls_dict_get_str (g, LS_NAME (vm, __name__)) : LS_UNDEF;

  return _ls_is_str (name) ? _ls_as_str (name) : intern (vm, "__main__");
}

LsType *
_ls_namedtuple_new_type (LsVM       *vm,
                         const char *module,
                         const char *name,
                         LsTuple    *fields,
                         LsDict     *defaults,
                         gboolean    structseq)
{
  LsType *type = _ls_mod_new_type (vm, module, name, LS_TYPE (vm, TUPLE), LS_OBJ_TUPLE, nt_new);

  type->hdr.flags |= LS_TYPE_BASETYPE;
  type->hdr.flags &= ~LS_TYPE_BUILTIN;
  nt_install (vm, type, fields, defaults != NULL ? defaults : ls_dict_new (vm), structseq);
  return type;
}

static LsValue
namedtuple_factory (LsVM          *vm,
                    LsValue        self,
                    const LsValue *args,
                    int            nargs,
                    LsTuple       *kwnames)
{
  static const char *const kw[] = { "typename", "field_names", "rename", "defaults", "module", NULL };
  LsValue opt[5] = { LS_UNDEF, LS_UNDEF, LS_UNDEF, LS_UNDEF, LS_UNDEF };
  LsList *names, *defs = NULL;
  LsDict *defaults;
  LsType *type;
  int rename = 0;

  if (nargs > 2)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "namedtuple() takes 2 positional arguments but %d were given", nargs);
  for (int i = 0; i < nargs; i++)
    opt[i] = args[i];
  if (!_ls_take_kwargs (vm, "namedtuple", args, nargs, kwnames, kw, opt))
    return LS_ERR;
  if (LS_IS_UNDEF (opt[0]) || LS_IS_UNDEF (opt[1]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "namedtuple() missing 1 required positional argument: '%s'",
                     LS_IS_UNDEF (opt[0]) ? "typename" : "field_names");
  if (!_ls_is_str (opt[0]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "namedtuple() argument 'typename' must be str");
  if (!LS_IS_UNDEF (opt[2]) && (rename = ls_truthy (vm, opt[2])) < 0)
    return LS_ERR;
  names = nt_parse_field_names (vm, opt[1]);
  if (names == NULL || !nt_validate (vm, ls_str_cstr (_ls_as_str (opt[0])), FALSE)
      || !nt_check_names (vm, names, rename))
    return LS_ERR;
  defaults = ls_dict_new (vm);
  if (!LS_IS_UNDEF (opt[3]) && !LS_IS_NONE (opt[3]))
    {
      defs = ls_list_from_iterable (vm, opt[3]);
      if (defs == NULL)
        return LS_ERR;
      if (defs->len > names->len)
        return ls_raise (vm, LS_EXC_TYPE_ERROR, "Got more default values than field names");
      for (gsize i = 0; i < defs->len; i++)
        ls_dict_set (vm, defaults, names->items[names->len - defs->len + i], defs->items[i]);
    }
  type = _ls_namedtuple_new_type (vm, NULL, ls_str_cstr (_ls_as_str (opt[0])),
                                  ls_tuple_from (vm, names->items, names->len), defaults, FALSE);
  type->module = (!LS_IS_UNDEF (opt[4]) && _ls_is_str (opt[4])) ? _ls_as_str (opt[4])
                                                                  : caller_module_name (vm);
  return ls_obj (type);
}

LsValue
_ls_structseq_new (LsVM          *vm,
                   LsType        *type,
                   const LsValue *values,
                   gsize          n)
{
  LsTuple *t = ls_tuple_from (vm, values, n);

  t->hdr.type = type;
  return ls_obj (t);
}

/* --- typing.NamedTuple: `class P(NamedTuple): x: int; y: int = 0` */

static LsValue
namedtuple_base_init_subclass (LsVM          *vm,
                               LsValue        self,
                               const LsValue *args,
                               int            nargs,
                               LsTuple       *kwnames)
{
  LsType *cls = (LsType *) LS_AS_OBJ (self);
  LsValue ann = ls_dict_get_str (cls->dict, LS_NAME (vm, __annotations__));
  LsList *names = ls_list_new (vm, 4);
  LsDict *defaults = ls_dict_new (vm);
  gsize pos = 0;
  LsValue k, v;

  if (!LS_OBJ_IS (self, LS_OBJ_TYPE))
    return LS_NONE;
  if (LS_OBJ_IS (ann, LS_OBJ_DICT))
    while (ls_dict_next ((LsDict *) LS_AS_OBJ (ann), &pos, &k, &v))
      {
        LsValue dflt = _ls_is_str (k) ? ls_dict_get_str (cls->dict, _ls_as_str (k)) : LS_UNDEF;

        ls_list_append (vm, names, k);
        if (!LS_IS_UNDEF (dflt))
          ls_dict_set (vm, defaults, k, dflt);
        else if (defaults->len > 0)
          return ls_raise (vm, LS_EXC_TYPE_ERROR,
                           "Non-default namedtuple field %s cannot follow default field%s %s",
                           ls_str_cstr (_ls_as_str (k)), defaults->len > 1 ? "s" : "", "");
      }
  if (!nt_check_names (vm, names, FALSE))
    return LS_ERR;
  cls->ctor = nt_new;
  nt_install (vm, cls, ls_tuple_from (vm, names->items, names->len), defaults, FALSE);
  return LS_NONE;
}

/* NamedTuple('P', [('x', int), ...]) builds a class like namedtuple(). */
static LsValue
namedtuple_base_new (LsVM          *vm,
                     LsValue        self,
                     const LsValue *args,
                     int            nargs,
                     LsTuple       *kwnames)
{
  LsType *type = (LsType *) LS_AS_OBJ (self);
  LsList *pairs, *names;
  LsValue fargs[2];

  if (nt_fields (vm, type) != NULL)
    return nt_construct (vm, type, args, nargs, kwnames);
  if (nargs != 2)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "NamedTuple() takes 2 positional arguments");
  pairs = ls_list_from_iterable (vm, args[1]);
  if (pairs == NULL)
    return LS_ERR;
  names = ls_list_new (vm, pairs->len);
  for (gsize i = 0; i < pairs->len; i++)
    {
      LsValue name = ls_getitem (vm, pairs->items[i], ls_int (0));

      if (LS_IS_ERR (name))
        return LS_ERR;
      ls_list_append (vm, names, name);
    }
  fargs[0] = args[0];
  fargs[1] = ls_obj (names);
  return namedtuple_factory (vm, LS_UNDEF, fargs, 2, NULL);
}

static LsType *
make_namedtuple_base (LsVM *vm)
{
  LsType *type = _ls_mod_new_type (vm, "typing", "NamedTuple", LS_TYPE (vm, TUPLE), LS_OBJ_TUPLE,
                                   namedtuple_base_new);

  type->hdr.flags |= LS_TYPE_BASETYPE;
  ls_type_add_classmethod (vm, type, "__init_subclass__", namedtuple_base_init_subclass);
  return type;
}

/* ====================================================================== init */

gboolean
_ls_mod_collections_init (LsVM   *vm,
                          LsDict *dict)
{
  ls_dict_set_cstr (vm, dict, "deque", ls_obj (make_deque_type (vm)));
  ls_dict_set_cstr (vm, dict, "defaultdict", ls_obj (make_defaultdict_type (vm)));
  ls_dict_set_cstr (vm, dict, "OrderedDict", ls_obj (make_ordereddict_type (vm)));
  ls_dict_set_cstr (vm, dict, "Counter", ls_obj (make_counter_type (vm)));
  ls_dict_set_cstr (vm, dict, "NamedTuple", ls_obj (make_namedtuple_base (vm)));
  ls_dict_set_cstr (vm, dict, "namedtuple", ls_native_new (vm, "namedtuple", namedtuple_factory, LS_UNDEF));
  return TRUE;
}
