/* ls-mod-functools.c: the native part of functools (_functools): partial
 * and reduce. The rest (wraps, lru_cache, total_ordering...) is Python, in
 * lib/functools_py.py.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ls-lang.h"
#include "ls-modules-private.h"

typedef struct
{
  LsValue func;
  LsValue args;   /* tuple */
  LsValue kw;     /* dict */
} Partial;

static void
partial_trace (LsVM    *vm,
               LsCData *self)
{
  Partial *p = ls_cdata_payload (self);

  ls_gc_mark_value (vm, p->func);
  ls_gc_mark_value (vm, p->args);
  ls_gc_mark_value (vm, p->kw);
}

static const LsCDataClass partial_class = { "partial", partial_trace, NULL, NULL, NULL };

static Partial *
partial_of (LsVM    *vm,
            LsValue  v)
{
  Partial *p = _ls_cdata_get (v, &partial_class);

  if (p == NULL)
    ls_raise (vm, LS_EXC_TYPE_ERROR, "descriptor requires a 'functools.partial' object but received a '%s'",
              ls_type_name (vm, v));
  return p;
}

static LsValue
partial_new (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  LsType *type = (LsType *) LS_AS_OBJ (self);
  LsCData *cd;
  Partial *p, *inner;
  LsValue callable;
  LsDict *kw;
  LsList *pargs;

  if (nargs < 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "type 'partial' takes at least one argument");
  callable = ls_call (vm, ls_dict_get_str (vm->builtins, ls_str_intern (vm, "callable", -1)),
                      args, 1, NULL);
  if (LS_IS_ERR (callable))
    return LS_ERR;
  if (!LS_AS_INT (callable))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "the first argument must be callable");

  pargs = ls_list_new (vm, nargs);
  kw = ls_dict_new (vm);
  cd = ls_cdata_new (vm, type);
  p = ls_cdata_payload (cd);
  p->func = args[0];
  /* partial(partial(f, a), b) flattens to partial(f, a, b), as CPython does */
  inner = _ls_cdata_get (args[0], &partial_class);
  if (inner != NULL && LS_AS_OBJ (args[0])->type == type)
    {
      LsTuple *ia = (LsTuple *) LS_AS_OBJ (inner->args);
      gsize pos = 0;
      LsValue k, v;

      p->func = inner->func;
      for (gsize i = 0; i < ia->len; i++)
        ls_list_append (vm, pargs, ia->items[i]);
      while (ls_dict_next ((LsDict *) LS_AS_OBJ (inner->kw), &pos, &k, &v))
        ls_dict_set (vm, kw, k, v);
    }
  for (int i = 1; i < nargs; i++)
    ls_list_append (vm, pargs, args[i]);
  for (int k = 0; k < _ls_n_kwargs (kwnames); k++)
    ls_dict_set (vm, kw, kwnames->items[k], args[nargs + k]);
  p->args = ls_obj (ls_tuple_from (vm, pargs->items, pargs->len));
  p->kw = ls_obj (kw);
  return ls_obj (cd);
}

static LsValue
partial_call (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  Partial *p = partial_of (vm, self);
  LsTuple *pa, *names;
  LsDict *kw;
  g_autofree LsValue *all = NULL;
  gsize n, nk, pos = 0, j;
  LsValue k, v;

  if (p == NULL)
    return LS_ERR;
  pa = (LsTuple *) LS_AS_OBJ (p->args);
  kw = (LsDict *) LS_AS_OBJ (p->kw);
  if (kw->len == 0 && _ls_n_kwargs (kwnames) == 0 && pa->len == 0)
    return ls_call (vm, p->func, args, nargs, NULL);

  /* merged keywords: the partial's, overridden by the call's */
  if (_ls_n_kwargs (kwnames) > 0)
    {
      kw = ls_dict_copy (vm, kw);
      for (int i = 0; i < _ls_n_kwargs (kwnames); i++)
        ls_dict_set (vm, kw, kwnames->items[i], args[nargs + i]);
    }
  nk = kw->len;
  n = pa->len + nargs;
  all = g_new (LsValue, n + nk + 1);
  memcpy (all, pa->items, pa->len * sizeof (LsValue));
  memcpy (all + pa->len, args, nargs * sizeof (LsValue));
  names = nk > 0 ? ls_tuple_new (vm, nk) : NULL;
  j = 0;
  while (ls_dict_next (kw, &pos, &k, &v))
    {
      names->items[j] = k;
      all[n + j] = v;
      j++;
    }
  return ls_call (vm, p->func, all, (int) n, names);
}

static LsValue
partial_repr (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  Partial *p = partial_of (vm, self);
  LsTuple *pa;
  GString *out;
  gsize pos = 0;
  LsValue k, v;
  char *r;
  LsType *type;

  if (p == NULL)
    return LS_ERR;
  type = LS_AS_OBJ (self)->type;
  out = g_string_new (NULL);
  if (strcmp (ls_str_cstr (type->name), "partial") == 0)
    g_string_append (out, "functools.partial(");
  else
    g_string_append_printf (out, "%s(", ls_str_cstr (type->qualname));
  if ((r = _ls_repr_cstr (vm, p->func)) == NULL)
    goto error;
  g_string_append (out, r);
  g_free (r);
  pa = (LsTuple *) LS_AS_OBJ (p->args);
  for (gsize i = 0; i < pa->len; i++)
    {
      if ((r = _ls_repr_cstr (vm, pa->items[i])) == NULL)
        goto error;
      g_string_append_printf (out, ", %s", r);
      g_free (r);
    }
  while (ls_dict_next ((LsDict *) LS_AS_OBJ (p->kw), &pos, &k, &v))
    {
      if ((r = _ls_repr_cstr (vm, v)) == NULL)
        goto error;
      g_string_append_printf (out, ", %s=%s", ls_str_cstr ((LsStr *) LS_AS_OBJ (k)), r);
      g_free (r);
    }
  g_string_append_c (out, ')');
  {
    LsValue s = ls_obj (ls_str_new (vm, out->str, out->len));

    g_string_free (out, TRUE);
    return s;
  }

error:
  g_string_free (out, TRUE);
  return LS_ERR;
}

static LsValue
partial_get_func (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  Partial *p;

  if (!_ls_check_nargs (vm, "func", nargs, 1, 1) || (p = partial_of (vm, args[0])) == NULL)
    return LS_ERR;
  return p->func;
}

static LsValue
partial_get_args (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  Partial *p;

  if (!_ls_check_nargs (vm, "args", nargs, 1, 1) || (p = partial_of (vm, args[0])) == NULL)
    return LS_ERR;
  return p->args;
}

static LsValue
partial_get_keywords (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  Partial *p;

  if (!_ls_check_nargs (vm, "keywords", nargs, 1, 1) || (p = partial_of (vm, args[0])) == NULL)
    return LS_ERR;
  return p->kw;
}

static LsValue
functools_reduce (LsVM          *vm,
                  LsValue        self,
                  const LsValue *args,
                  int            nargs,
                  LsTuple       *kwnames)
{
  LsValue it, acc, item = LS_UNDEF;
  int st;

  if (!_ls_check_no_kwargs (vm, "reduce", kwnames) || !_ls_check_nargs (vm, "reduce", nargs, 2, 3))
    return LS_ERR;
  it = ls_get_iter (vm, args[1]);
  if (LS_IS_ERR (it))
    {
      if (ls_exc_pending_is (vm, LS_EXC_TYPE_ERROR))
        {
          ls_exc_clear (vm);
          return ls_raise (vm, LS_EXC_TYPE_ERROR, "reduce() arg 2 must support iteration");
        }
      return LS_ERR;
    }
  acc = nargs == 3 ? args[2] : LS_UNDEF;
  while ((st = ls_iter_next (vm, it, &item)) > 0)
    {
      if (LS_IS_UNDEF (acc))
        acc = item;
      else
        {
          LsValue pair[2] = { acc, item };

          acc = ls_call (vm, args[0], pair, 2, NULL);
          if (LS_IS_ERR (acc))
            return LS_ERR;
        }
    }
  if (st < 0)
    return LS_ERR;
  if (LS_IS_UNDEF (acc))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "reduce() of empty iterable with no initial value");
  return acc;
}

gboolean
_ls_mod_functools_init (LsVM   *vm,
                        LsDict *dict)
{
  LsType *type = _ls_mod_new_type (vm, "functools", "partial", NULL, LS_OBJ_CDATA, partial_new);

  type->cdata_class = &partial_class;
  type->cdata_size = sizeof (Partial);
  type->hdr.flags |= LS_TYPE_BASETYPE;
  ls_type_add_method (vm, type, "__call__", partial_call);
  ls_type_add_method (vm, type, "__repr__", partial_repr);
  _ls_mod_add_getter (vm, type, "func", partial_get_func);
  _ls_mod_add_getter (vm, type, "args", partial_get_args);
  _ls_mod_add_getter (vm, type, "keywords", partial_get_keywords);
  ls_dict_set_cstr (vm, dict, "partial", ls_obj (type));
  ls_dict_set_cstr (vm, dict, "reduce", ls_native_new (vm, "reduce", functools_reduce, LS_UNDEF));
  return TRUE;
}
