/* ls-builtins.c: the builtins module (print, len, sorted, min, ...), the
 * registration of the stdlib modules and the helpers the module files share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ls-lang.h"
#include "ls-modules-private.h"

/* ------------------------------------------------------------ shared helpers */

void
_ls_mod_add_funcs (LsVM            *vm,
                   LsDict          *dict,
                   const LsModFunc *funcs,
                   LsValue          data)
{
  for (const LsModFunc *f = funcs; f->name != NULL; f++)
    ls_dict_set_cstr (vm, dict, f->name, ls_native_new (vm, f->name, f->fn, data));
}

void
_ls_mod_add_methods (LsVM            *vm,
                     LsType          *type,
                     const LsModFunc *funcs)
{
  for (const LsModFunc *f = funcs; f->name != NULL; f++)
    ls_type_add_method (vm, type, f->name, f->fn);
}

LsType *
_ls_mod_new_type (LsVM       *vm,
                  const char *module,
                  const char *name,
                  LsType     *base,
                  LsObjKind   kind,
                  LsNativeFn  ctor)
{
  LsType *type = ls_type_new_builtin (vm, name, base, kind);

  if (module != NULL)
    type->module = ls_str_intern (vm, module, -1);
  if (ctor != NULL)
    type->ctor = ctor;
  return type;
}

void
_ls_mod_add_getter (LsVM       *vm,
                    LsType     *type,
                    const char *name,
                    LsNativeFn  fget)
{
  LsProperty *prop = ls_gc_alloc (vm, LS_OBJ_PROPERTY, LS_TYPE (vm, PROPERTY), sizeof (LsProperty));

  prop->fget = ls_native_new (vm, name, fget, LS_UNDEF);
  prop->fset = LS_NONE;
  prop->fdel = LS_NONE;
  prop->doc = LS_NONE;
  ls_dict_set_cstr (vm, type->dict, name, ls_obj (prop));
}

gboolean
_ls_check_nargs (LsVM       *vm,
                 const char *fname,
                 int         nargs,
                 int         min,
                 int         max)
{
  if (nargs < min)
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "%s expected %s%d argument%s, got %d", fname,
                min == max ? "" : "at least ", min, min == 1 ? "" : "s", nargs);
      return FALSE;
    }
  if (max >= 0 && nargs > max)
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "%s expected %s%d argument%s, got %d", fname,
                min == max ? "" : "at most ", max, max == 1 ? "" : "s", nargs);
      return FALSE;
    }
  return TRUE;
}

gboolean
_ls_check_no_kwargs (LsVM       *vm,
                     const char *fname,
                     LsTuple    *kwnames)
{
  if (kwnames == NULL || kwnames->len == 0)
    return TRUE;
  ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() takes no keyword arguments", fname);
  return FALSE;
}

gboolean
_ls_check_one (LsVM       *vm,
               const char *fname,
               int         nargs,
               LsTuple    *kwnames)
{
  if (!_ls_check_no_kwargs (vm, fname, kwnames))
    return FALSE;
  if (nargs == 1)
    return TRUE;
  ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() takes exactly one argument (%d given)", fname, nargs);
  return FALSE;
}

gboolean
_ls_take_kwargs (LsVM              *vm,
                 const char        *fname,
                 const LsValue     *args,
                 int                nargs,
                 LsTuple           *kwnames,
                 const char *const *names,
                 LsValue           *out)
{
  for (int k = 0; k < _ls_n_kwargs (kwnames); k++)
    {
      const char *kn = ls_str_cstr (_ls_as_str (kwnames->items[k]));
      int j;

      for (j = 0; names[j] != NULL; j++)
        if (strcmp (kn, names[j]) == 0)
          break;
      if (names[j] == NULL)
        {
          ls_raise (vm, LS_EXC_TYPE_ERROR, "'%s' is an invalid keyword argument for %s()", kn, fname);
          return FALSE;
        }
      out[j] = args[nargs + k];
    }
  return TRUE;
}

gboolean
_ls_value_as_double (LsVM    *vm,
                     LsValue  v,
                     double  *out)
{
  LsValue conv;

  if (LS_IS_FLOAT (v))
    {
      *out = LS_AS_FLOAT (v);
      return TRUE;
    }
  if (LS_IS_INTLIKE (v))
    {
      *out = (double) LS_AS_INT (v);
      return TRUE;
    }
  if (LS_IS_OBJ (v))
    {
      conv = ls_lookup_special (vm, v, LS_NAME (vm, __float__));
      if (LS_IS_UNDEF (conv))
        conv = ls_lookup_special (vm, v, LS_NAME (vm, __index__));
      if (!LS_IS_UNDEF (conv))
        {
          LsValue r = ls_call (vm, conv, NULL, 0, NULL);

          if (LS_IS_ERR (r))
            return FALSE;
          if (LS_IS_FLOAT (r) || LS_IS_INTLIKE (r))
            return _ls_value_as_double (vm, r, out);
        }
    }
  ls_raise (vm, LS_EXC_TYPE_ERROR, "must be real number, not %s", ls_type_name (vm, v));
  return FALSE;
}

gpointer
_ls_cdata_get (LsValue             v,
               const LsCDataClass *klass)
{
  LsCData *cd;

  if (!LS_OBJ_IS (v, LS_OBJ_CDATA))
    return NULL;
  cd = (LsCData *) LS_AS_OBJ (v);
  return cd->klass == klass ? ls_cdata_payload (cd) : NULL;
}

char *
_ls_repr_cstr (LsVM    *vm,
               LsValue  v)
{
  LsValue r = ls_repr (vm, v);

  if (LS_IS_ERR (r))
    return NULL;
  return g_strdup (ls_str_cstr (_ls_as_str (r)));
}

static LsValue
iter_next_value (LsVM    *vm,
                 LsValue  iter,
                 int     *status)
{
  LsValue v = LS_UNDEF;

  *status = ls_iter_next (vm, iter, &v);
  return v;
}

/* Class-level hooks (__class_len__, __class_iter__...): what a metaclass
 * method would do for the class object itself, e.g. len(Color) for an enum.
 * UNDEF without exception when the class does not define the hook. */
static LsValue
call_class_hook (LsVM          *vm,
                 LsValue        cls,
                 const char    *name,
                 const LsValue *args,
                 int            nargs)
{
  LsType *t = (LsType *) LS_AS_OBJ (cls);
  LsValue f;

  if (t->hdr.flags & LS_TYPE_BUILTIN)
    return LS_UNDEF;
  f = ls_type_lookup (t, ls_str_intern (vm, name, -1));
  if (LS_IS_UNDEF (f))
    return LS_UNDEF;
  f = ls_getattr (vm, cls, ls_str_intern (vm, name, -1));
  if (LS_IS_ERR (f))
    return LS_ERR;
  return ls_call (vm, f, args, nargs, NULL);
}

/* -------------------------------------------------------------------- print */

static gboolean
print_sep_arg (LsVM       *vm,
               const char *what,
               LsValue     v,
               const char *dflt,
               LsStr     **out)
{
  if (LS_IS_UNDEF (v) || LS_IS_NONE (v))
    {
      *out = NULL;
      return TRUE;
    }
  if (!_ls_is_str (v))
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "%s must be None or a string, not %s", what, ls_type_name (vm, v));
      return FALSE;
    }
  *out = _ls_as_str (v);
  return TRUE;
}

static gboolean
print_emit (LsVM    *vm,
            LsValue  file,
            GString *text)
{
  LsValue r;

  if (LS_IS_UNDEF (file) || LS_IS_NONE (file))
    {
      ls_vm_write_stdout (vm, text->str, text->len);
      return TRUE;
    }
  if (text->len == 0)
    return TRUE;
  {
    LsValue s = ls_obj (ls_str_new (vm, text->str, text->len));

    r = ls_call_method (vm, file, ls_str_intern (vm, "write", -1), &s, 1);
  }
  return !LS_IS_ERR (r);
}

static LsValue
builtin_print (LsVM          *vm,
               LsValue        self,
               const LsValue *args,
               int            nargs,
               LsTuple       *kwnames)
{
  static const char *const kw[] = { "sep", "end", "file", "flush", NULL };
  LsValue opt[4] = { LS_UNDEF, LS_UNDEF, LS_UNDEF, LS_UNDEF };
  LsStr *sep, *end;
  GString *text;
  gboolean ok = TRUE;

  if (!_ls_take_kwargs (vm, "print", args, nargs, kwnames, kw, opt)
      || !print_sep_arg (vm, "sep", opt[0], " ", &sep)
      || !print_sep_arg (vm, "end", opt[1], "\n", &end))
    return LS_ERR;

  text = g_string_new (NULL);
  for (int i = 0; i < nargs && ok; i++)
    {
      LsValue s;

      if (i > 0)
        {
          if (sep != NULL)
            g_string_append_len (text, sep->data, sep->len);
          else
            g_string_append_c (text, ' ');
        }
      s = _ls_is_str (args[i]) ? args[i] : ls_to_str (vm, args[i]);
      if (LS_IS_ERR (s))
        ok = FALSE;
      else
        g_string_append_len (text, _ls_as_str (s)->data, _ls_as_str (s)->len);
    }
  if (ok)
    {
      if (end != NULL)
        g_string_append_len (text, end->data, end->len);
      else
        g_string_append_c (text, '\n');
    }
  /* CPython has written the pieces before a failing str() already. */
  if (!print_emit (vm, opt[2], text))
    ok = FALSE;
  g_string_free (text, TRUE);
  if (!ok)
    return LS_ERR;

  if (!LS_IS_UNDEF (opt[3]) && !LS_IS_UNDEF (opt[2]) && !LS_IS_NONE (opt[2]))
    {
      int flush = ls_truthy (vm, opt[3]);

      if (flush < 0)
        return LS_ERR;
      if (flush && LS_IS_ERR (ls_call_method (vm, opt[2], ls_str_intern (vm, "flush", -1), NULL, 0)))
        return LS_ERR;
    }
  return LS_NONE;
}

/* ------------------------------------------------------- simple functions */

static LsValue
builtin_len (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  gint64 n;

  if (!_ls_check_one (vm, "len", nargs, kwnames))
    return LS_ERR;
  if (LS_OBJ_IS (args[0], LS_OBJ_TYPE))
    {
      LsValue r = call_class_hook (vm, args[0], "__class_len__", NULL, 0);

      if (!LS_IS_UNDEF (r) || !LS_IS_UNDEF (vm->exc))
        return r;
    }
  if (!ls_len (vm, args[0], &n))
    return LS_ERR;
  return ls_int (n);
}

static LsValue
builtin_repr (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  if (!_ls_check_one (vm, "repr", nargs, kwnames))
    return LS_ERR;
  if (LS_OBJ_IS (args[0], LS_OBJ_TYPE))
    {
      LsValue r = call_class_hook (vm, args[0], "__class_repr__", NULL, 0);

      if (!LS_IS_UNDEF (r) || !LS_IS_UNDEF (vm->exc))
        return r;
    }
  return ls_repr (vm, args[0]);
}

static LsValue
builtin_ascii (LsVM          *vm,
               LsValue        self,
               const LsValue *args,
               int            nargs,
               LsTuple       *kwnames)
{
  LsValue r;
  LsStr *s;
  GString *out;

  if (!_ls_check_one (vm, "ascii", nargs, kwnames))
    return LS_ERR;
  r = ls_repr (vm, args[0]);
  if (LS_IS_ERR (r))
    return LS_ERR;
  s = _ls_as_str (r);
  if (s->len == s->nchars)
    return r;
  out = g_string_sized_new (s->len + 16);
  for (const char *p = s->data; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80)
        g_string_append_c (out, (char) c);
      else if (c < 0x100)
        g_string_append_printf (out, "\\x%02x", c);
      else if (c < 0x10000)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_printf (out, "\\U%08x", c);
    }
  r = ls_obj (ls_str_new (vm, out->str, out->len));
  g_string_free (out, TRUE);
  return r;
}

static LsValue
builtin_abs (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  LsValue v, m;

  if (!_ls_check_one (vm, "abs", nargs, kwnames))
    return LS_ERR;
  v = args[0];
  if (LS_IS_INTLIKE (v))
    {
      if (LS_AS_INT (v) == G_MININT64)
        return ls_raise (vm, LS_EXC_OVERFLOW_ERROR, "integer overflow: result does not fit in 64 bits");
      return ls_int (LS_AS_INT (v) < 0 ? -LS_AS_INT (v) : LS_AS_INT (v));
    }
  if (LS_IS_FLOAT (v))
    return ls_float (fabs (LS_AS_FLOAT (v)));
  m = ls_lookup_special (vm, v, LS_NAME (vm, __abs__));
  if (LS_IS_UNDEF (m))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "bad operand type for abs(): '%s'", ls_type_name (vm, v));
  return ls_call (vm, m, NULL, 0, NULL);
}

static LsValue
builtin_callable (LsVM          *vm,
                  LsValue        self,
                  const LsValue *args,
                  int            nargs,
                  LsTuple       *kwnames)
{
  LsValue v;

  if (!_ls_check_one (vm, "callable", nargs, kwnames))
    return LS_ERR;
  v = args[0];
  if (!LS_IS_OBJ (v))
    return LS_FALSE;
  switch (LS_AS_OBJ (v)->kind)
    {
    case LS_OBJ_FUNCTION:
    case LS_OBJ_NATIVE:
    case LS_OBJ_BOUND_METHOD:
    case LS_OBJ_TYPE:
      return LS_TRUE;
    case LS_OBJ_WRAPPER:
      return ls_bool (LS_AS_OBJ (v)->type == LS_TYPE (vm, STATICMETHOD));
    default:
      return ls_bool (!LS_IS_UNDEF (ls_type_lookup (ls_typeof (vm, v), LS_NAME (vm, __call__))));
    }
}

static LsValue
builtin_hash (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  gint64 h;

  if (!_ls_check_one (vm, "hash", nargs, kwnames))
    return LS_ERR;
  if (!ls_hash (vm, args[0], &h))
    {
      if (LS_IS_UNDEF (vm->exc))
        ls_raise (vm, LS_EXC_TYPE_ERROR, "unhashable type: '%s'", ls_type_name (vm, args[0]));
      return LS_ERR;
    }
  return ls_int (h);
}

/* CPython returns the object's address; immediates get a stable fake one. */
static LsValue
builtin_id (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  LsValue v;
  guint64 h;

  if (!_ls_check_one (vm, "id", nargs, kwnames))
    return LS_ERR;
  v = args[0];
  if (LS_IS_OBJ (v))
    return ls_int ((gint64) (guintptr) LS_AS_OBJ (v));
  h = (guint64) v.u.i * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) + v.tag;
  return ls_int ((gint64) (0x7f0000000000ULL + ((h >> 20) & 0xffffffffffULL) * 16));
}

static LsValue
builtin_chr (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  gint64 i;
  char buf[8];
  int n;

  if (!_ls_check_one (vm, "chr", nargs, kwnames) || !ls_index_value (vm, args[0], &i))
    return LS_ERR;
  if (i < 0 || i >= 0x110000)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "chr() arg not in range(0x110000)");
  if (i < 128)
    return vm->small_strs[i];
  n = g_unichar_to_utf8 ((gunichar) i, buf);
  return ls_obj (ls_str_new (vm, buf, n));
}

static LsValue
builtin_ord (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  LsStr *s;

  if (!_ls_check_one (vm, "ord", nargs, kwnames))
    return LS_ERR;
  if (!_ls_is_str (args[0]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "ord() expected string of length 1, but %s found",
                     ls_type_name (vm, args[0]));
  s = _ls_as_str (args[0]);
  if (s->nchars != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR,
                     "ord() expected a character, but string of length %" G_GSIZE_FORMAT " found",
                     s->nchars);
  return ls_int (g_utf8_get_char (s->data));
}

static LsValue
int_in_base (LsVM          *vm,
             const char    *fname,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames,
             int            base)
{
  static const char *const prefixes[] = { [2] = "0b", [8] = "0o", [16] = "0x" };
  gint64 i;
  guint64 mag;
  char digits[72];
  int pos = sizeof digits;

  if (!_ls_check_one (vm, fname, nargs, kwnames) || !ls_index_value (vm, args[0], &i))
    return LS_ERR;
  mag = i < 0 ? (guint64) 0 - (guint64) i : (guint64) i;
  digits[--pos] = '\0';
  do
    {
      digits[--pos] = "0123456789abcdef"[mag % base];
      mag /= base;
    }
  while (mag != 0);
  return ls_obj (ls_str_printf (vm, "%s%s%s", i < 0 ? "-" : "", prefixes[base], digits + pos));
}

static LsValue
builtin_hex (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return int_in_base (vm, "hex", args, nargs, kwnames, 16);
}

static LsValue
builtin_oct (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return int_in_base (vm, "oct", args, nargs, kwnames, 8);
}

static LsValue
builtin_bin (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return int_in_base (vm, "bin", args, nargs, kwnames, 2);
}

static LsValue
builtin_format (LsVM          *vm,
                LsValue        self,
                const LsValue *args,
                int            nargs,
                LsTuple       *kwnames)
{
  LsStr *spec;

  if (!_ls_check_no_kwargs (vm, "format", kwnames) || !_ls_check_nargs (vm, "format", nargs, 1, 2))
    return LS_ERR;
  if (nargs == 2 && !_ls_is_str (args[1]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "format() argument 2 must be str, not %s",
                     ls_type_name (vm, args[1]));
  spec = nargs == 2 ? _ls_as_str (args[1]) : _ls_as_str (vm->empty_str);
  return ls_format (vm, args[0], spec);
}

/* ---------------------------------------------------------- attributes */

static gboolean
attr_name_arg (LsVM     *vm,
               LsValue   v,
               LsStr   **out)
{
  if (!_ls_is_str (v))
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "attribute name must be string, not '%s'", ls_type_name (vm, v));
      return FALSE;
    }
  *out = _ls_as_str (v);
  return TRUE;
}

static LsValue
builtin_getattr (LsVM          *vm,
                 LsValue        self,
                 const LsValue *args,
                 int            nargs,
                 LsTuple       *kwnames)
{
  LsStr *name;
  LsValue r;

  if (!_ls_check_no_kwargs (vm, "getattr", kwnames) || !_ls_check_nargs (vm, "getattr", nargs, 2, 3)
      || !attr_name_arg (vm, args[1], &name))
    return LS_ERR;
  r = ls_getattr (vm, args[0], name);
  if (LS_IS_ERR (r) && nargs == 3 && ls_exc_pending_is (vm, LS_EXC_ATTRIBUTE_ERROR))
    {
      ls_exc_clear (vm);
      return args[2];
    }
  return r;
}

static LsValue
builtin_hasattr (LsVM          *vm,
                 LsValue        self,
                 const LsValue *args,
                 int            nargs,
                 LsTuple       *kwnames)
{
  LsStr *name;
  LsValue r;

  if (!_ls_check_no_kwargs (vm, "hasattr", kwnames) || !_ls_check_nargs (vm, "hasattr", nargs, 2, 2)
      || !attr_name_arg (vm, args[1], &name))
    return LS_ERR;
  r = ls_getattr (vm, args[0], name);
  if (!LS_IS_ERR (r))
    return LS_TRUE;
  if (!ls_exc_pending_is (vm, LS_EXC_ATTRIBUTE_ERROR))
    return LS_ERR;
  ls_exc_clear (vm);
  return LS_FALSE;
}

static LsValue
builtin_setattr (LsVM          *vm,
                 LsValue        self,
                 const LsValue *args,
                 int            nargs,
                 LsTuple       *kwnames)
{
  LsStr *name;

  if (!_ls_check_no_kwargs (vm, "setattr", kwnames) || !_ls_check_nargs (vm, "setattr", nargs, 3, 3)
      || !attr_name_arg (vm, args[1], &name))
    return LS_ERR;
  if (ls_setattr (vm, args[0], name, args[2]) < 0)
    return LS_ERR;
  return LS_NONE;
}

static LsValue
builtin_delattr (LsVM          *vm,
                 LsValue        self,
                 const LsValue *args,
                 int            nargs,
                 LsTuple       *kwnames)
{
  LsStr *name;

  if (!_ls_check_no_kwargs (vm, "delattr", kwnames) || !_ls_check_nargs (vm, "delattr", nargs, 2, 2)
      || !attr_name_arg (vm, args[1], &name))
    return LS_ERR;
  if (ls_delattr (vm, args[0], name) < 0)
    return LS_ERR;
  return LS_NONE;
}

/* ------------------------------------------------------- isinstance etc. */

static int
isinstance_rec (LsVM    *vm,
                LsValue  obj,
                LsValue  cls,
                int      depth)
{
  if (LS_OBJ_IS (cls, LS_OBJ_TYPE))
    return ls_isinstance (vm, obj, (LsType *) LS_AS_OBJ (cls));
  if (LS_OBJ_IS (cls, LS_OBJ_TUPLE) && depth < 100)
    {
      LsTuple *t = (LsTuple *) LS_AS_OBJ (cls);

      for (gsize i = 0; i < t->len; i++)
        {
          int r = isinstance_rec (vm, obj, t->items[i], depth + 1);

          if (r != 0)
            return r;
        }
      return 0;
    }
  ls_raise (vm, LS_EXC_TYPE_ERROR, "isinstance() arg 2 must be a type, a tuple of types, or a union");
  return -1;
}

static LsValue
builtin_isinstance (LsVM          *vm,
                    LsValue        self,
                    const LsValue *args,
                    int            nargs,
                    LsTuple       *kwnames)
{
  int r;

  if (!_ls_check_no_kwargs (vm, "isinstance", kwnames)
      || !_ls_check_nargs (vm, "isinstance", nargs, 2, 2))
    return LS_ERR;
  r = isinstance_rec (vm, args[0], args[1], 0);
  return r < 0 ? LS_ERR : ls_bool (r);
}

static int
issubclass_rec (LsVM   *vm,
                LsType *sub,
                LsValue cls,
                int     depth)
{
  if (LS_OBJ_IS (cls, LS_OBJ_TYPE))
    return ls_is_subtype (sub, (LsType *) LS_AS_OBJ (cls));
  if (LS_OBJ_IS (cls, LS_OBJ_TUPLE) && depth < 100)
    {
      LsTuple *t = (LsTuple *) LS_AS_OBJ (cls);

      for (gsize i = 0; i < t->len; i++)
        {
          int r = issubclass_rec (vm, sub, t->items[i], depth + 1);

          if (r != 0)
            return r;
        }
      return 0;
    }
  ls_raise (vm, LS_EXC_TYPE_ERROR, "issubclass() arg 2 must be a class, a tuple of classes, or a union");
  return -1;
}

static LsValue
builtin_issubclass (LsVM          *vm,
                    LsValue        self,
                    const LsValue *args,
                    int            nargs,
                    LsTuple       *kwnames)
{
  int r;

  if (!_ls_check_no_kwargs (vm, "issubclass", kwnames)
      || !_ls_check_nargs (vm, "issubclass", nargs, 2, 2))
    return LS_ERR;
  if (!LS_OBJ_IS (args[0], LS_OBJ_TYPE))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "issubclass() arg 1 must be a class");
  r = issubclass_rec (vm, (LsType *) LS_AS_OBJ (args[0]), args[1], 0);
  return r < 0 ? LS_ERR : ls_bool (r);
}

/* ------------------------------------------------------------ iteration */

static LsValue
builtin_iter (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames);

static LsValue
builtin_next (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  LsValue it, v = LS_UNDEF, m;
  int r;

  if (!_ls_check_no_kwargs (vm, "next", kwnames) || !_ls_check_nargs (vm, "next", nargs, 1, 2))
    return LS_ERR;
  it = args[0];
  if ((LS_OBJ_IS (it, LS_OBJ_ITER) && ((LsIter *) LS_AS_OBJ (it))->next != NULL)
      || (LS_OBJ_IS (it, LS_OBJ_GENERATOR) && LS_AS_OBJ (it)->type == LS_TYPE (vm, GENERATOR)))
    {
      r = ls_iter_next (vm, it, &v);
      if (r > 0)
        return v;
      if (r == 0)
        {
          if (nargs == 2)
            return args[1];
          /* a generator's return value rides on StopIteration */
          return ls_raise_stop_iteration (vm, LS_OBJ_IS (it, LS_OBJ_GENERATOR) ? v : LS_UNDEF);
        }
    }
  else
    {
      /* __next__ directly, so that its own StopIteration reaches the caller */
      m = ls_lookup_special (vm, it, LS_NAME (vm, __next__));
      if (LS_IS_UNDEF (m))
        return ls_raise (vm, LS_EXC_TYPE_ERROR, "'%s' object is not an iterator", ls_type_name (vm, it));
      v = ls_call (vm, m, NULL, 0, NULL);
      if (!LS_IS_ERR (v))
        return v;
    }
  if (nargs == 2 && ls_exc_pending_is (vm, LS_EXC_STOP_ITERATION))
    {
      ls_exc_clear (vm);
      return args[1];
    }
  return LS_ERR;
}

static LsValue
builtin_aiter (LsVM          *vm,
               LsValue        self,
               const LsValue *args,
               int            nargs,
               LsTuple       *kwnames)
{
  LsValue m;

  if (!_ls_check_one (vm, "aiter", nargs, kwnames))
    return LS_ERR;
  m = ls_lookup_special (vm, args[0], LS_NAME (vm, __aiter__));
  if (LS_IS_UNDEF (m))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "'%s' object is not an async iterable",
                     ls_type_name (vm, args[0]));
  return ls_call (vm, m, NULL, 0, NULL);
}

static LsValue
builtin_anext (LsVM          *vm,
               LsValue        self,
               const LsValue *args,
               int            nargs,
               LsTuple       *kwnames)
{
  LsValue m, awaitable, helper, mod;
  LsValue call_args[2];

  if (!_ls_check_no_kwargs (vm, "anext", kwnames) || !_ls_check_nargs (vm, "anext", nargs, 1, 2))
    return LS_ERR;
  m = ls_lookup_special (vm, args[0], LS_NAME (vm, __anext__));
  if (LS_IS_UNDEF (m))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "'%s' object is not an async iterator",
                     ls_type_name (vm, args[0]));
  awaitable = ls_call (vm, m, NULL, 0, NULL);
  if (LS_IS_ERR (awaitable) || nargs == 1)
    return awaitable;
  /* With a default, wrap the awaitable in a coroutine catching StopAsyncIteration. */
  mod = ls_vm_import (vm, "_prelude");
  if (LS_IS_ERR (mod))
    return LS_ERR;
  helper = ls_getattr (vm, mod, ls_str_intern (vm, "anext_default", -1));
  if (LS_IS_ERR (helper))
    return LS_ERR;
  call_args[0] = awaitable;
  call_args[1] = args[1];
  return ls_call (vm, helper, call_args, 2, NULL);
}

static int
any_all (LsVM    *vm,
         LsValue  iterable,
         gboolean want)
{
  LsValue it = ls_get_iter (vm, iterable), v;
  int st;

  if (LS_IS_ERR (it))
    return -1;
  for (v = iter_next_value (vm, it, &st); st > 0; v = iter_next_value (vm, it, &st))
    {
      int t = ls_truthy (vm, v);

      if (t < 0)
        return -1;
      if (t == want)
        return 1;
    }
  return st < 0 ? -1 : 0;
}

static LsValue
builtin_any (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  int r;

  if (!_ls_check_one (vm, "any", nargs, kwnames))
    return LS_ERR;
  r = any_all (vm, args[0], TRUE);
  return r < 0 ? LS_ERR : ls_bool (r);
}

static LsValue
builtin_all (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  int r;

  if (!_ls_check_one (vm, "all", nargs, kwnames))
    return LS_ERR;
  r = any_all (vm, args[0], FALSE);
  return r < 0 ? LS_ERR : ls_bool (!r);
}

/* ------------------------------------------------------ sum, min, max */

static LsValue
builtin_sum (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  static const char *const kw[] = { "start", NULL };
  LsValue start = LS_UNDEF, acc, it, v;
  int st;

  if (!_ls_take_kwargs (vm, "sum", args, nargs, kwnames, kw, &start))
    return LS_ERR;
  if (nargs == 0)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "sum() takes at least 1 positional argument (0 given)");
  if (nargs > 2)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "sum() takes at most 2 arguments (%d given)", nargs);
  if (nargs == 2)
    start = args[1];
  acc = LS_IS_UNDEF (start) ? ls_int (0) : start;
  if (_ls_is_str (acc))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "sum() can't sum strings [use ''.join(seq) instead]");

  it = ls_get_iter (vm, args[0]);
  if (LS_IS_ERR (it))
    return LS_ERR;
  for (v = iter_next_value (vm, it, &st); st > 0; v = iter_next_value (vm, it, &st))
    {
      gint64 r;

      if (LS_IS_INTLIKE (acc) && LS_IS_INTLIKE (v)
          && !__builtin_add_overflow (LS_AS_INT (acc), LS_AS_INT (v), &r))
        acc = ls_int (r);
      else if (LS_IS_FLOAT (acc) && LS_IS_FLOAT (v))
        acc = ls_float (LS_AS_FLOAT (acc) + LS_AS_FLOAT (v));
      else
        {
          acc = ls_binary_op (vm, acc, v, LS_BINOP_ADD);
          if (LS_IS_ERR (acc))
            return LS_ERR;
        }
    }
  return st < 0 ? LS_ERR : acc;
}

/* Is a better than b (a > b for max, a < b for min)? 1 / 0 / -1 */
static int
minmax_better (LsVM     *vm,
               LsValue   a,
               LsValue   b,
               gboolean  is_max)
{
  LsValue r;

  if (LS_IS_INTLIKE (a) && LS_IS_INTLIKE (b))
    return is_max ? LS_AS_INT (a) > LS_AS_INT (b) : LS_AS_INT (a) < LS_AS_INT (b);
  if (LS_IS_FLOAT (a) && LS_IS_FLOAT (b))
    return is_max ? LS_AS_FLOAT (a) > LS_AS_FLOAT (b) : LS_AS_FLOAT (a) < LS_AS_FLOAT (b);
  r = ls_compare (vm, a, b, is_max ? LS_CMP_GT : LS_CMP_LT);
  if (LS_IS_ERR (r))
    return -1;
  return ls_truthy (vm, r);
}

static LsValue
minmax (LsVM          *vm,
        const LsValue *args,
        int            nargs,
        LsTuple       *kwnames,
        gboolean       is_max)
{
  static const char *const kw[] = { "key", "default", NULL };
  const char *name = is_max ? "max" : "min";
  LsValue opt[2] = { LS_UNDEF, LS_UNDEF };
  LsValue key, it, item, best = LS_UNDEF, bestval = LS_UNDEF;
  int st;

  if (_ls_n_kwargs (kwnames) > 2)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() takes at most 2 keyword arguments (%d given)", name,
                     _ls_n_kwargs (kwnames));
  if (!_ls_take_kwargs (vm, name, args, nargs, kwnames, kw, opt))
    return LS_ERR;
  if (nargs == 0)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s expected at least 1 argument, got 0", name);
  if (nargs > 1 && !LS_IS_UNDEF (opt[1]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR,
                     "Cannot specify a default for %s() with multiple positional arguments", name);
  key = LS_IS_NONE (opt[0]) ? LS_UNDEF : opt[0];
  if (nargs == 1)
    it = ls_get_iter (vm, args[0]);
  else
    it = ls_get_iter (vm, ls_obj (ls_tuple_from (vm, args, nargs)));
  if (LS_IS_ERR (it))
    return LS_ERR;

  for (item = iter_next_value (vm, it, &st); st > 0; item = iter_next_value (vm, it, &st))
    {
      LsValue val = item;
      int better;

      if (!LS_IS_UNDEF (key))
        {
          val = ls_call (vm, key, &item, 1, NULL);
          if (LS_IS_ERR (val))
            return LS_ERR;
        }
      if (LS_IS_UNDEF (best))
        {
          best = item;
          bestval = val;
          continue;
        }
      better = minmax_better (vm, val, bestval, is_max);
      if (better < 0)
        return LS_ERR;
      if (better)
        {
          best = item;
          bestval = val;
        }
    }
  if (st < 0)
    return LS_ERR;
  if (LS_IS_UNDEF (best))
    {
      if (!LS_IS_UNDEF (opt[1]))
        return opt[1];
      return ls_raise (vm, LS_EXC_VALUE_ERROR, "%s() arg is an empty sequence", name);
    }
  return best;
}

static LsValue
builtin_min (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return minmax (vm, args, nargs, kwnames, FALSE);
}

static LsValue
builtin_max (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return minmax (vm, args, nargs, kwnames, TRUE);
}

static LsValue
builtin_sorted (LsVM          *vm,
                LsValue        self,
                const LsValue *args,
                int            nargs,
                LsTuple       *kwnames)
{
  static const char *const kw[] = { "key", "reverse", NULL };
  LsValue opt[2] = { LS_UNDEF, LS_UNDEF };
  gint64 reverse = 0;
  LsList *list;

  if (!_ls_check_nargs (vm, "sorted", nargs, 1, 1)
      || !_ls_take_kwargs (vm, "sort", args, nargs, kwnames, kw, opt))
    return LS_ERR;
  if (!LS_IS_UNDEF (opt[1]) && !LS_IS_FLOAT (opt[1]) && !ls_index_value (vm, opt[1], &reverse))
    return LS_ERR;
  if (LS_IS_FLOAT (opt[1]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "'float' object cannot be interpreted as an integer");
  list = ls_list_from_iterable (vm, args[0]);
  if (list == NULL)
    return LS_ERR;
  if (!ls_list_sort (vm, list, LS_IS_NONE (opt[0]) ? LS_UNDEF : opt[0], reverse != 0))
    return LS_ERR;
  return ls_obj (list);
}

/* ---------------------------------------------------------------- round */

/* Rounds |x| to a multiple of 10**k (k > 0), half to even, exactly. */
static double
round_float_negative (double x,
                      int    k)
{
  double ax = fabs (x), ip = trunc (ax);
  gboolean has_frac = ax != ip;
  char buf[400], *digits;
  gsize n;
  int cmp = 0;

  g_ascii_formatd (buf, sizeof buf, "%.0f", ip);
  n = strlen (buf);
  if ((gsize) k > n)
    return copysign (0.0, x);
  digits = buf;
  /* compare the dropped tail (k digits + fraction) with one half */
  if (digits[n - k] > '5')
    cmp = 1;
  else if (digits[n - k] < '5')
    cmp = -1;
  else
    {
      cmp = has_frac ? 1 : 0;
      for (gsize i = n - k + 1; i < n && cmp == 0; i++)
        if (digits[i] != '0')
          cmp = 1;
    }
  memset (digits + n - k, '0', k);
  if (cmp > 0 || (cmp == 0 && n > (gsize) k && ((digits[n - k - 1] - '0') & 1)))
    {
      /* add one unit at position n-k-1, carrying */
      gssize i = (gssize) (n - k) - 1;

      while (i >= 0 && digits[i] == '9')
        digits[i--] = '0';
      if (i >= 0)
        digits[i]++;
      else
        {
          memmove (digits + 1, digits, n + 1);
          digits[0] = '1';
        }
    }
  return copysign (g_ascii_strtod (digits, NULL), x);
}

static LsValue
round_float (LsVM   *vm,
             double  x,
             gint64  nd)
{
  double r;

  if (!isfinite (x) || nd > 323)
    return ls_float (x);
  if (nd < -308)
    return ls_float (0.0 * x);
  if (nd >= 0)
    {
      char fmt[32], buf[800];

      g_snprintf (fmt, sizeof fmt, "%%.%" G_GINT64_FORMAT "f", nd);
      g_ascii_formatd (buf, sizeof buf, fmt, x);
      r = g_ascii_strtod (buf, NULL);
    }
  else
    r = round_float_negative (x, (int) -nd);
  if (isinf (r))
    return ls_raise (vm, LS_EXC_OVERFLOW_ERROR, "rounded value too large to represent");
  return ls_float (r);
}

static LsValue
round_int (LsVM   *vm,
           gint64  v,
           gint64  nd)
{
  gint64 p = 1, q, rem;

  if (nd >= 0)
    return ls_int (v);
  if (nd < -18)
    return ls_int (0);
  for (gint64 i = 0; i < -nd; i++)
    p *= 10;
  q = v / p;
  rem = v % p;
  if (rem < 0)
    {
      q -= 1;
      rem += p;
    }
  /* v = q*p + rem, 0 <= rem < p: half to even */
  if (rem * 2 > p || (rem * 2 == p && (q & 1)))
    q += 1;
  if (q > G_MAXINT64 / p || q < G_MININT64 / p)
    return ls_raise (vm, LS_EXC_OVERFLOW_ERROR, "integer overflow: result does not fit in 64 bits");
  return ls_int (q * p);
}

static LsValue
float_to_int_checked (LsVM   *vm,
                      double  r)
{
  if (isinf (r))
    return ls_raise (vm, LS_EXC_OVERFLOW_ERROR, "cannot convert float infinity to integer");
  if (isnan (r))
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "cannot convert float NaN to integer");
  if (r >= 9223372036854775808.0 || r < -9223372036854775808.0)
    return ls_raise (vm, LS_EXC_OVERFLOW_ERROR, "integer overflow: result does not fit in 64 bits");
  return ls_int ((gint64) r);
}

static LsValue
builtin_round (LsVM          *vm,
               LsValue        self,
               const LsValue *args,
               int            nargs,
               LsTuple       *kwnames)
{
  static const char *const kw[] = { "number", "ndigits", NULL };
  LsValue opt[2] = { LS_UNDEF, LS_UNDEF };
  LsValue x, m;
  gint64 nd = 0;
  gboolean have_nd;

  if (nargs > 2)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "round() takes at most 2 arguments (%d given)", nargs);
  for (int i = 0; i < nargs; i++)
    opt[i] = args[i];
  if (!_ls_take_kwargs (vm, "round", args, nargs, kwnames, kw, opt))
    return LS_ERR;
  if (LS_IS_UNDEF (opt[0]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "round() missing required argument 'number' (pos 1)");
  x = opt[0];
  have_nd = !LS_IS_UNDEF (opt[1]) && !LS_IS_NONE (opt[1]);
  if (LS_IS_INTLIKE (x) || LS_IS_FLOAT (x))
    {
      if (have_nd && !ls_index_value (vm, opt[1], &nd))
        return LS_ERR;
      if (LS_IS_INTLIKE (x))
        return round_int (vm, LS_AS_INT (x), have_nd ? nd : 0);
      if (have_nd)
        return round_float (vm, LS_AS_FLOAT (x), nd);
      {
        double f = LS_AS_FLOAT (x), r = round (f);

        if (fabs (f - r) == 0.5)
          r = 2.0 * round (f / 2.0);
        return float_to_int_checked (vm, r);
      }
    }
  m = ls_lookup_special (vm, x, LS_NAME (vm, __round__));
  if (LS_IS_UNDEF (m))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "type %s doesn't define __round__ method",
                     ls_type_name (vm, x));
  return ls_call (vm, m, have_nd ? &opt[1] : NULL, have_nd ? 1 : 0, NULL);
}

/* ----------------------------------------------------------- divmod, pow */

static LsValue
float_divmod (LsVM   *vm,
              double  vx,
              double  wx)
{
  double mod, div, floordiv;
  LsValue items[2];

  if (wx == 0.0)
    return ls_raise (vm, LS_EXC_ZERO_DIVISION_ERROR, "float divmod()");
  mod = fmod (vx, wx);
  div = (vx - mod) / wx;
  if (mod != 0.0)
    {
      if ((wx < 0) != (mod < 0))
        {
          mod += wx;
          div -= 1.0;
        }
    }
  else
    mod = copysign (0.0, wx);
  if (div != 0.0)
    {
      floordiv = floor (div);
      if (div - floordiv > 0.5)
        floordiv += 1.0;
    }
  else
    floordiv = copysign (0.0, vx / wx);
  items[0] = ls_float (floordiv);
  items[1] = ls_float (mod);
  return ls_obj (ls_tuple_from (vm, items, 2));
}

static LsValue
builtin_divmod (LsVM          *vm,
                LsValue        self,
                const LsValue *args,
                int            nargs,
                LsTuple       *kwnames)
{
  LsValue a, b, m, r;
  LsValue items[2];

  if (!_ls_check_no_kwargs (vm, "divmod", kwnames) || !_ls_check_nargs (vm, "divmod", nargs, 2, 2))
    return LS_ERR;
  a = args[0];
  b = args[1];
  if (LS_IS_INTLIKE (a) && LS_IS_INTLIKE (b))
    {
      gint64 x = LS_AS_INT (a), y = LS_AS_INT (b), q, rem;

      if (y == 0)
        return ls_raise (vm, LS_EXC_ZERO_DIVISION_ERROR, "integer division or modulo by zero");
      if (x == G_MININT64 && y == -1)
        return ls_raise (vm, LS_EXC_OVERFLOW_ERROR, "integer overflow: result does not fit in 64 bits");
      q = x / y;
      rem = x % y;
      if (rem != 0 && ((rem < 0) != (y < 0)))
        {
          rem += y;
          q -= 1;
        }
      items[0] = ls_int (q);
      items[1] = ls_int (rem);
      return ls_obj (ls_tuple_from (vm, items, 2));
    }
  if ((LS_IS_FLOAT (a) || LS_IS_INTLIKE (a)) && (LS_IS_FLOAT (b) || LS_IS_INTLIKE (b)))
    return float_divmod (vm, LS_IS_FLOAT (a) ? LS_AS_FLOAT (a) : (double) LS_AS_INT (a),
                         LS_IS_FLOAT (b) ? LS_AS_FLOAT (b) : (double) LS_AS_INT (b));
  m = ls_lookup_special (vm, a, ls_str_intern (vm, "__divmod__", -1));
  if (!LS_IS_UNDEF (m))
    {
      r = ls_call (vm, m, &b, 1, NULL);
      if (LS_IS_ERR (r) || !ls_is (r, vm->not_implemented))
        return r;
    }
  m = ls_lookup_special (vm, b, ls_str_intern (vm, "__rdivmod__", -1));
  if (!LS_IS_UNDEF (m))
    {
      r = ls_call (vm, m, &a, 1, NULL);
      if (LS_IS_ERR (r) || !ls_is (r, vm->not_implemented))
        return r;
    }
  return ls_raise (vm, LS_EXC_TYPE_ERROR, "unsupported operand type(s) for divmod(): '%s' and '%s'",
                   ls_type_name (vm, a), ls_type_name (vm, b));
}

static guint64
mulmod (guint64 a,
        guint64 b,
        guint64 m)
{
  return (guint64) (((unsigned __int128) a * b) % m);
}

/* Modular inverse by the extended Euclid algorithm; FALSE if none. */
static gboolean
modinv (gint64  a,
        gint64  m,
        gint64 *out)
{
  __int128 t = 0, newt = 1, r = m, newr = a, q, tmp;

  while (newr != 0)
    {
      q = r / newr;
      tmp = t - q * newt; t = newt; newt = tmp;
      tmp = r - q * newr; r = newr; newr = tmp;
    }
  if (r != 1)
    return FALSE;
  if (t < 0)
    t += m;
  *out = (gint64) t;
  return TRUE;
}

static LsValue
pow_mod (LsVM    *vm,
         LsValue  base,
         LsValue  exp,
         LsValue  mod)
{
  gint64 b, e, m, mabs, r;
  guint64 acc = 1, x;

  if (!LS_IS_INTLIKE (base) || !LS_IS_INTLIKE (exp) || !LS_IS_INTLIKE (mod))
    return ls_raise (vm, LS_EXC_TYPE_ERROR,
                     "unsupported operand type(s) for ** or pow(): '%s', '%s', '%s'",
                     ls_type_name (vm, base), ls_type_name (vm, exp), ls_type_name (vm, mod));
  b = LS_AS_INT (base);
  e = LS_AS_INT (exp);
  m = LS_AS_INT (mod);
  if (m == 0)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "pow() 3rd argument cannot be 0");
  if (m == G_MININT64)
    return ls_raise (vm, LS_EXC_OVERFLOW_ERROR, "integer overflow: result does not fit in 64 bits");
  mabs = m < 0 ? -m : m;
  b %= mabs;
  if (b < 0)
    b += mabs;
  if (e < 0)
    {
      if (!modinv (b, mabs, &b))
        return ls_raise (vm, LS_EXC_VALUE_ERROR, "base is not invertible for the given modulus");
      e = e == G_MININT64 ? G_MAXINT64 : -e;
    }
  x = (guint64) b;
  for (guint64 ue = (guint64) e; ue != 0; ue >>= 1)
    {
      if (ue & 1)
        acc = mulmod (acc, x, (guint64) mabs);
      x = mulmod (x, x, (guint64) mabs);
    }
  r = (gint64) (acc % (guint64) mabs);
  if (m < 0 && r != 0)
    r += m;
  return ls_int (r);
}

static LsValue
builtin_pow (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  static const char *const kw[] = { "base", "exp", "mod", NULL };
  static const char *const missing[] = { "base", "exp" };
  LsValue opt[3] = { LS_UNDEF, LS_UNDEF, LS_UNDEF };

  if (nargs > 3)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "pow() takes at most 3 arguments (%d given)", nargs);
  for (int i = 0; i < nargs; i++)
    opt[i] = args[i];
  if (!_ls_take_kwargs (vm, "pow", args, nargs, kwnames, kw, opt))
    return LS_ERR;
  for (int i = 0; i < 2; i++)
    if (LS_IS_UNDEF (opt[i]))
      return ls_raise (vm, LS_EXC_TYPE_ERROR, "pow() missing required argument '%s' (pos %d)",
                       missing[i], i + 1);
  if (LS_IS_UNDEF (opt[2]) || LS_IS_NONE (opt[2]))
    return ls_binary_op (vm, opt[0], opt[1], LS_BINOP_POW);
  return pow_mod (vm, opt[0], opt[1], opt[2]);
}

/* ------------------------------------------------- namespaces: vars, dir */

static LsValue
builtin_globals (LsVM          *vm,
                 LsValue        self,
                 const LsValue *args,
                 int            nargs,
                 LsTuple       *kwnames)
{
  LsDict *g;

  if (nargs != 0 || _ls_n_kwargs (kwnames) != 0)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "globals() takes no arguments (%d given)",
                     nargs + _ls_n_kwargs (kwnames));
  g = ls_vm_current_globals (vm);
  return g != NULL ? ls_obj (g) : ls_obj (ls_dict_new (vm));
}

static LsValue
current_locals (LsVM *vm)
{
  return ls_vm_current_locals (vm);
}

static LsValue
builtin_locals (LsVM          *vm,
                LsValue        self,
                const LsValue *args,
                int            nargs,
                LsTuple       *kwnames)
{
  if (nargs != 0 || _ls_n_kwargs (kwnames) != 0)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "locals() takes no arguments (%d given)",
                     nargs + _ls_n_kwargs (kwnames));
  return current_locals (vm);
}

static LsValue
builtin_vars (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  LsValue d;

  if (!_ls_check_no_kwargs (vm, "vars", kwnames) || !_ls_check_nargs (vm, "vars", nargs, 0, 1))
    return LS_ERR;
  if (nargs == 0)
    return current_locals (vm);
  d = ls_getattr (vm, args[0], LS_NAME (vm, __dict__));
  if (LS_IS_ERR (d) && ls_exc_pending_is (vm, LS_EXC_ATTRIBUTE_ERROR))
    {
      ls_exc_clear (vm);
      return ls_raise (vm, LS_EXC_TYPE_ERROR, "vars() argument must have __dict__ attribute");
    }
  return d;
}

static void
dir_add_dict (LsVM    *vm,
              LsSet   *names,
              LsDict  *d)
{
  gsize pos = 0;
  LsValue k, v;

  if (d == NULL)
    return;
  while (ls_dict_next (d, &pos, &k, &v))
    if (_ls_is_str (k))
      ls_set_add (vm, names, k);
}

/* A class's names as CPython's dir() lists them: its dict, plus the slots
 * every Python class has and the attributes object provides. */
static void
dir_add_class (LsVM   *vm,
               LsSet  *names,
               LsType *t)
{
  static const char *const object_names[] = {
    "__class__", "__delattr__", "__dir__", "__doc__", "__eq__", "__format__", "__ge__",
    "__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__",
    "__le__", "__lt__", "__ne__", "__new__", "__reduce__", "__reduce_ex__", "__repr__",
    "__setattr__", "__sizeof__", "__str__", "__subclasshook__", NULL
  };
  static const char *const class_names[] = { "__dict__", "__module__", "__weakref__", NULL };
  const char *const *extra = NULL;

  dir_add_dict (vm, names, t->dict);
  if (t == LS_TYPE (vm, OBJECT))
    extra = object_names;
  else if (!(t->hdr.flags & LS_TYPE_BUILTIN) && t->instance_kind == LS_OBJ_INSTANCE)
    extra = class_names;
  for (; extra != NULL && *extra != NULL; extra++)
    ls_set_add (vm, names, ls_obj (ls_str_intern (vm, *extra, -1)));
}

static LsDict *
instance_dict_of (LsValue v)
{
  if (!LS_IS_OBJ (v))
    return NULL;
  switch (LS_AS_OBJ (v)->kind)
    {
    case LS_OBJ_INSTANCE:
      return ((LsInstance *) LS_AS_OBJ (v))->dict;
    case LS_OBJ_EXCEPTION:
      return ((LsException *) LS_AS_OBJ (v))->dict;
    case LS_OBJ_MODULE:
      return ((LsModule *) LS_AS_OBJ (v))->dict;
    case LS_OBJ_FUNCTION:
      return ((LsFunction *) LS_AS_OBJ (v))->dict;
    default:
      return NULL;
    }
}

static LsValue
builtin_dir (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  LsSet *names;
  LsList *list;
  LsValue k;
  gsize pos = 0;

  if (!_ls_check_no_kwargs (vm, "dir", kwnames) || !_ls_check_nargs (vm, "dir", nargs, 0, 1))
    return LS_ERR;
  if (nargs == 0)
    {
      LsValue loc = current_locals (vm);

      if (LS_IS_ERR (loc))
        return LS_ERR;
      list = ls_list_from_iterable (vm, loc);
    }
  else
    {
      LsValue obj = args[0];
      LsType *t;

      names = ls_set_new (vm, LS_TYPE (vm, SET));
      dir_add_dict (vm, names, instance_dict_of (obj));
      if (!LS_OBJ_IS (obj, LS_OBJ_MODULE))
        {
          t = LS_OBJ_IS (obj, LS_OBJ_TYPE) ? (LsType *) LS_AS_OBJ (obj) : ls_typeof (vm, obj);
          for (; t != NULL; t = t->base)
            dir_add_class (vm, names, t);
        }
      list = ls_list_new (vm, names->used);
      while (ls_set_next (names, &pos, &k))
        ls_list_append (vm, list, k);
    }
  if (list == NULL || !ls_list_sort (vm, list, LS_UNDEF, FALSE))
    return LS_ERR;
  return ls_obj (list);
}

/* --------------------------------------------------------- input, exit */

static LsValue
builtin_input (LsVM          *vm,
               LsValue        self,
               const LsValue *args,
               int            nargs,
               LsTuple       *kwnames)
{
  if (!_ls_check_no_kwargs (vm, "input", kwnames) || !_ls_check_nargs (vm, "input", nargs, 0, 1))
    return LS_ERR;
  if (nargs == 1)
    {
      LsValue s = ls_to_str (vm, args[0]);

      if (LS_IS_ERR (s))
        return LS_ERR;
      ls_vm_write_stdout (vm, _ls_as_str (s)->data, _ls_as_str (s)->len);
    }
  /* Scenarios have no standard input. */
  return ls_raise (vm, LS_EXC_EOF_ERROR, "EOF when reading a line");
}

static LsValue
builtin_exit (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  LsValue exc;

  if (!_ls_check_no_kwargs (vm, "exit", kwnames) || !_ls_check_nargs (vm, "exit", nargs, 0, 1))
    return LS_ERR;
  exc = ls_exc_new (vm, LS_EXC (vm, SYSTEM_EXIT), args, nargs);
  if (LS_IS_ERR (exc))
    return LS_ERR;
  return ls_raise_value (vm, exc);
}

/* ------------------------------------------------- the iterator types */

/* enumerate: a = iterator, i = next index */
static int
enumerate_next (LsVM    *vm,
                LsIter  *it,
                LsValue *out)
{
  LsValue v, items[2];
  int st = ls_iter_next (vm, it->a, &v);

  if (st <= 0)
    return st;
  items[0] = ls_int (it->i);
  items[1] = v;
  if (it->i == G_MAXINT64)
    {
      ls_raise (vm, LS_EXC_OVERFLOW_ERROR, "integer overflow: result does not fit in 64 bits");
      return -1;
    }
  it->i++;
  *out = ls_obj (ls_tuple_from (vm, items, 2));
  return 1;
}

static LsValue
enumerate_new (LsVM          *vm,
               LsValue        self,
               const LsValue *args,
               int            nargs,
               LsTuple       *kwnames)
{
  static const char *const kw[] = { "iterable", "start", NULL };
  LsValue opt[2] = { LS_UNDEF, LS_UNDEF };
  gint64 start = 0;
  LsValue src;
  LsIter *it;

  if (nargs > 2)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "enumerate() takes at most 2 arguments (%d given)", nargs);
  for (int i = 0; i < nargs; i++)
    opt[i] = args[i];
  if (!_ls_take_kwargs (vm, "enumerate", args, nargs, kwnames, kw, opt))
    return LS_ERR;
  if (LS_IS_UNDEF (opt[0]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "enumerate() missing required argument 'iterable'");
  src = ls_get_iter (vm, opt[0]);
  if (LS_IS_ERR (src))
    return LS_ERR;
  if (!LS_IS_UNDEF (opt[1]) && !ls_index_value (vm, opt[1], &start))
    return LS_ERR;
  it = ls_iter_new (vm, (LsType *) LS_AS_OBJ (self), enumerate_next);
  it->a = src;
  it->i = start;
  return ls_obj (it);
}

/* zip: a = tuple of iterators, i = strict, n = 1 once exhausted */
static int
zip_strict_fail (LsVM    *vm,
                 LsTuple *its,
                 gsize    k)
{
  LsValue v;
  int st;

  if (k > 0)
    {
      ls_raise (vm, LS_EXC_VALUE_ERROR, "zip() argument %" G_GSIZE_FORMAT " is shorter than argument%s%"
                G_GSIZE_FORMAT, k + 1, k == 1 ? " " : "s 1-", k);
      return -1;
    }
  for (gsize j = 1; j < its->len; j++)
    {
      st = ls_iter_next (vm, its->items[j], &v);
      if (st < 0)
        return -1;
      if (st > 0)
        {
          ls_raise (vm, LS_EXC_VALUE_ERROR, "zip() argument %" G_GSIZE_FORMAT " is longer than argument%s%"
                    G_GSIZE_FORMAT, j + 1, j == 1 ? " " : "s 1-", j);
          return -1;
        }
    }
  return 0;
}

static int
zip_next (LsVM    *vm,
          LsIter  *it,
          LsValue *out)
{
  LsTuple *its = (LsTuple *) LS_AS_OBJ (it->a);
  LsTuple *res;

  if (it->n || its->len == 0)
    return 0;
  res = ls_tuple_new (vm, its->len);
  for (gsize k = 0; k < its->len; k++)
    {
      int st = ls_iter_next (vm, its->items[k], &res->items[k]);

      if (st < 0)
        return -1;
      if (st == 0)
        {
          it->n = 1;
          return it->i ? zip_strict_fail (vm, its, k) : 0;
        }
    }
  *out = ls_obj (res);
  return 1;
}

static LsValue
iterators_of (LsVM          *vm,
              const LsValue *args,
              int            n)
{
  LsTuple *t = ls_tuple_new (vm, n);

  for (int i = 0; i < n; i++)
    {
      t->items[i] = ls_get_iter (vm, args[i]);
      if (LS_IS_ERR (t->items[i]))
        return LS_ERR;
    }
  return ls_obj (t);
}

static LsValue
zip_new (LsVM          *vm,
         LsValue        self,
         const LsValue *args,
         int            nargs,
         LsTuple       *kwnames)
{
  static const char *const kw[] = { "strict", NULL };
  LsValue strict = LS_UNDEF, its;
  LsIter *it;
  int s = 0;

  if (!_ls_take_kwargs (vm, "zip", args, nargs, kwnames, kw, &strict))
    return LS_ERR;
  if (!LS_IS_UNDEF (strict) && (s = ls_truthy (vm, strict)) < 0)
    return LS_ERR;
  its = iterators_of (vm, args, nargs);
  if (LS_IS_ERR (its))
    return LS_ERR;
  it = ls_iter_new (vm, (LsType *) LS_AS_OBJ (self), zip_next);
  it->a = its;
  it->i = s;
  return ls_obj (it);
}

/* map: a = function, b = tuple of iterators */
static int
map_next (LsVM    *vm,
          LsIter  *it,
          LsValue *out)
{
  LsTuple *its = (LsTuple *) LS_AS_OBJ (it->b);
  LsValue stack[8], *vals = its->len <= 8 ? stack : g_new (LsValue, its->len);
  int st = 1;

  for (gsize k = 0; k < its->len && st > 0; k++)
    st = ls_iter_next (vm, its->items[k], &vals[k]);
  if (st > 0)
    {
      *out = ls_call (vm, it->a, vals, (int) its->len, NULL);
      st = LS_IS_ERR (*out) ? -1 : 1;
    }
  if (vals != stack)
    g_free (vals);
  return st;
}

static LsValue
map_new (LsVM          *vm,
         LsValue        self,
         const LsValue *args,
         int            nargs,
         LsTuple       *kwnames)
{
  LsValue its;
  LsIter *it;

  if (!_ls_check_no_kwargs (vm, "map", kwnames))
    return LS_ERR;
  if (nargs < 2)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "map() must have at least two arguments.");
  its = iterators_of (vm, args + 1, nargs - 1);
  if (LS_IS_ERR (its))
    return LS_ERR;
  it = ls_iter_new (vm, (LsType *) LS_AS_OBJ (self), map_next);
  it->a = args[0];
  it->b = its;
  return ls_obj (it);
}

/* filter: a = function or None, b = iterator */
static int
filter_next (LsVM    *vm,
             LsIter  *it,
             LsValue *out)
{
  for (;;)
    {
      LsValue v, t;
      int st = ls_iter_next (vm, it->b, &v), ok;

      if (st <= 0)
        return st;
      if (LS_IS_NONE (it->a) || ls_is (it->a, ls_obj (LS_TYPE (vm, BOOL))))
        t = v;
      else
        {
          t = ls_call (vm, it->a, &v, 1, NULL);
          if (LS_IS_ERR (t))
            return -1;
        }
      ok = ls_truthy (vm, t);
      if (ok < 0)
        return -1;
      if (ok)
        {
          *out = v;
          return 1;
        }
    }
}

static LsValue
filter_new (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  LsValue src;
  LsIter *it;

  if (!_ls_check_no_kwargs (vm, "filter", kwnames) || !_ls_check_nargs (vm, "filter", nargs, 2, 2))
    return LS_ERR;
  src = ls_get_iter (vm, args[1]);
  if (LS_IS_ERR (src))
    return LS_ERR;
  it = ls_iter_new (vm, (LsType *) LS_AS_OBJ (self), filter_next);
  it->a = args[0];
  it->b = src;
  return ls_obj (it);
}

/* reversed over an indexable sequence: a = sequence, i = next index (-1: done) */
static int
reversed_next (LsVM    *vm,
               LsIter  *it,
               LsValue *out)
{
  LsValue seq = it->a;

  if (it->i < 0)
    return 0;
  if (LS_OBJ_IS (seq, LS_OBJ_LIST))
    {
      LsList *l = (LsList *) LS_AS_OBJ (seq);

      if ((gsize) it->i >= l->len)
        {
          it->i = -1;
          return 0;
        }
      *out = l->items[it->i--];
      return 1;
    }
  if (LS_OBJ_IS (seq, LS_OBJ_TUPLE))
    {
      *out = ((LsTuple *) LS_AS_OBJ (seq))->items[it->i--];
      return 1;
    }
  *out = ls_getitem (vm, seq, ls_int (it->i--));
  if (!LS_IS_ERR (*out))
    return 1;
  if (ls_exc_pending_is (vm, LS_EXC_INDEX_ERROR) || ls_exc_pending_is (vm, LS_EXC_STOP_ITERATION))
    {
      ls_exc_clear (vm);
      it->i = -1;
      return 0;
    }
  return -1;
}

static LsValue
reversed_over (LsVM    *vm,
               LsType  *type,
               LsValue  seq,
               gint64   len)
{
  LsIter *it = ls_iter_new (vm, type, reversed_next);

  it->a = seq;
  it->i = len - 1;
  return ls_obj (it);
}

static LsValue
reversed_new (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  LsType *type = (LsType *) LS_AS_OBJ (self);
  LsValue seq, m;
  gint64 len;

  if (!_ls_check_no_kwargs (vm, "reversed", kwnames) || !_ls_check_nargs (vm, "reversed", nargs, 1, 1))
    return LS_ERR;
  seq = args[0];
  if (LS_OBJ_IS (seq, LS_OBJ_TYPE))
    {
      LsValue r = call_class_hook (vm, seq, "__class_reversed__", NULL, 0);

      if (!LS_IS_UNDEF (r) || !LS_IS_UNDEF (vm->exc))
        return r;
    }
  m = LS_IS_OBJ (seq) ? ls_lookup_special (vm, seq, LS_NAME (vm, __reversed__)) : LS_UNDEF;
  if (!LS_IS_UNDEF (m))
    return ls_call (vm, m, NULL, 0, NULL);
  if (LS_OBJ_IS (seq, LS_OBJ_LIST) || LS_OBJ_IS (seq, LS_OBJ_TUPLE))
    {
      ls_len (vm, seq, &len);
      return reversed_over (vm, type, seq, len);
    }
  if (LS_OBJ_IS (seq, LS_OBJ_RANGE))
    {
      LsRange *r = (LsRange *) LS_AS_OBJ (seq);
      LsValue rr = ls_range_new (vm, r->start + (r->len - 1) * r->step, r->start - r->step, -r->step);

      if (r->len == 0)
        rr = ls_range_new (vm, 0, 0, 1);
      return LS_IS_ERR (rr) ? LS_ERR : ls_get_iter (vm, rr);
    }
  if (LS_OBJ_IS (seq, LS_OBJ_STR) || LS_OBJ_IS (seq, LS_OBJ_DICT))
    {
      LsList *items = ls_list_from_iterable (vm, seq);

      if (items == NULL)
        return LS_ERR;
      return reversed_over (vm, type, ls_obj (items), items->len);
    }
  if (LS_OBJ_IS (seq, LS_OBJ_INSTANCE)
      && !LS_IS_UNDEF (ls_type_lookup (ls_typeof (vm, seq), LS_NAME (vm, __getitem__)))
      && !LS_IS_UNDEF (ls_type_lookup (ls_typeof (vm, seq), LS_NAME (vm, __len__))))
    {
      if (!ls_len (vm, seq, &len))
        return LS_ERR;
      return reversed_over (vm, type, seq, len);
    }
  return ls_raise (vm, LS_EXC_TYPE_ERROR, "'%s' object is not reversible", ls_type_name (vm, seq));
}

/* iter(callable, sentinel): a = callable (None once done), b = sentinel */
static int
callable_iter_next (LsVM    *vm,
                    LsIter  *it,
                    LsValue *out)
{
  LsValue v;
  int eq;

  if (LS_IS_NONE (it->a))
    return 0;
  v = ls_call (vm, it->a, NULL, 0, NULL);
  if (LS_IS_ERR (v))
    {
      if (!ls_exc_pending_is (vm, LS_EXC_STOP_ITERATION))
        return -1;
      ls_exc_clear (vm);
      it->a = LS_NONE;
      return 0;
    }
  eq = ls_eq (vm, v, it->b);
  if (eq < 0)
    return -1;
  if (eq)
    {
      it->a = LS_NONE;
      return 0;
    }
  *out = v;
  return 1;
}

static LsValue
builtin_iter (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  LsIter *it;
  LsValue callable;

  if (!_ls_check_no_kwargs (vm, "iter", kwnames) || !_ls_check_nargs (vm, "iter", nargs, 1, 2))
    return LS_ERR;
  if (nargs == 1)
    return ls_get_iter (vm, args[0]);
  callable = builtin_callable (vm, LS_UNDEF, args, 1, NULL);
  if (!LS_AS_INT (callable))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "iter(v, w): v must be callable");
  /* self (the native's data) is the callable_iterator type */
  it = ls_iter_new (vm, LS_OBJ_IS (self, LS_OBJ_TYPE) ? (LsType *) LS_AS_OBJ (self) : LS_TYPE (vm, ITERATOR),
                    callable_iter_next);
  it->a = args[0];
  it->b = args[1];
  return ls_obj (it);
}

/* Python-visible __iter__/__next__ for the iterator types made here. */
static LsValue
iter_self (LsVM          *vm,
           LsValue        self,
           const LsValue *args,
           int            nargs,
           LsTuple       *kwnames)
{
  return self;
}

static LsValue
iter_dunder_next (LsVM          *vm,
                  LsValue        self,
                  const LsValue *args,
                  int            nargs,
                  LsTuple       *kwnames)
{
  LsValue v = LS_UNDEF;
  int st = ls_iter_next (vm, self, &v);

  if (st > 0)
    return v;
  if (st < 0)
    return LS_ERR;
  return ls_raise_stop_iteration (vm, LS_UNDEF);
}

LsType *
_ls_mod_new_iter_type (LsVM       *vm,
                       const char *module,
                       const char *name,
                       LsNativeFn  ctor)
{
  LsType *type = _ls_mod_new_type (vm, module, name, NULL, LS_OBJ_ITER, ctor);

  ls_type_add_method (vm, type, "__iter__", iter_self);
  ls_type_add_method (vm, type, "__next__", iter_dunder_next);
  return type;
}

/* ------------------------------------------------------------------ init */

static const LsModFunc builtin_funcs[] = {
  { "print", builtin_print },
  { "len", builtin_len },
  { "repr", builtin_repr },
  { "ascii", builtin_ascii },
  { "abs", builtin_abs },
  { "callable", builtin_callable },
  { "hash", builtin_hash },
  { "id", builtin_id },
  { "chr", builtin_chr },
  { "ord", builtin_ord },
  { "hex", builtin_hex },
  { "oct", builtin_oct },
  { "bin", builtin_bin },
  { "format", builtin_format },
  { "getattr", builtin_getattr },
  { "hasattr", builtin_hasattr },
  { "setattr", builtin_setattr },
  { "delattr", builtin_delattr },
  { "isinstance", builtin_isinstance },
  { "issubclass", builtin_issubclass },
  { "iter", builtin_iter },
  { "next", builtin_next },
  { "aiter", builtin_aiter },
  { "anext", builtin_anext },
  { "any", builtin_any },
  { "all", builtin_all },
  { "sum", builtin_sum },
  { "min", builtin_min },
  { "max", builtin_max },
  { "sorted", builtin_sorted },
  { "round", builtin_round },
  { "divmod", builtin_divmod },
  { "pow", builtin_pow },
  { "globals", builtin_globals },
  { "locals", builtin_locals },
  { "vars", builtin_vars },
  { "dir", builtin_dir },
  { "input", builtin_input },
  { "exit", builtin_exit },
  { "quit", builtin_exit },
  { NULL, NULL }
};

static void
add_builtin_types (LsVM *vm)
{
  static const struct { const char *name; LsTypeId id; } types[] = {
    { "object", LS_T_OBJECT }, { "type", LS_T_TYPE }, { "bool", LS_T_BOOL },
    { "int", LS_T_INT }, { "float", LS_T_FLOAT }, { "str", LS_T_STR },
    { "tuple", LS_T_TUPLE }, { "list", LS_T_LIST }, { "dict", LS_T_DICT },
    { "set", LS_T_SET }, { "frozenset", LS_T_FROZENSET }, { "range", LS_T_RANGE },
    { "slice", LS_T_SLICE }, { "staticmethod", LS_T_STATICMETHOD },
    { "classmethod", LS_T_CLASSMETHOD }, { "property", LS_T_PROPERTY },
    { "super", LS_T_SUPER },
  };
  static const struct { const char *name; LsNativeFn ctor; } iters[] = {
    { "enumerate", enumerate_new }, { "zip", zip_new }, { "map", map_new },
    { "filter", filter_new }, { "reversed", reversed_new },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    if (vm->types[types[i].id] != NULL)
      ls_dict_set_cstr (vm, vm->builtins, types[i].name, ls_obj (vm->types[types[i].id]));
  for (gsize i = 0; i < G_N_ELEMENTS (iters); i++)
    ls_dict_set_cstr (vm, vm->builtins, iters[i].name,
                      ls_obj (_ls_mod_new_iter_type (vm, NULL, iters[i].name, iters[i].ctor)));
  /* iter(f, sentinel)'s iterator type is reachable only through iter itself */
  ls_dict_set_cstr (vm, vm->builtins, "iter",
                    ls_native_new (vm, "iter", builtin_iter,
                                   ls_obj (_ls_mod_new_iter_type (vm, NULL, "callable_iterator", NULL))));
}

static void
add_exceptions (LsVM *vm)
{
  static const char *const names[] = {
#define LS_EXC_NAME(id, name, base) name,
    LS_FOREACH_EXC (LS_EXC_NAME)
#undef LS_EXC_NAME
  };

  for (int i = 0; i < LS_N_EXC; i++)
    if (vm->exc_types[i] != NULL)
      ls_dict_set_cstr (vm, vm->builtins, names[i], ls_obj (vm->exc_types[i]));
  ls_dict_set_cstr (vm, vm->builtins, "IOError", ls_obj (LS_EXC (vm, OS_ERROR)));
  ls_dict_set_cstr (vm, vm->builtins, "EnvironmentError", ls_obj (LS_EXC (vm, OS_ERROR)));
}

static void
register_modules (LsVM *vm)
{
  static const struct { const char *name; LsModuleInit init; } mods[] = {
    { "random", _ls_mod_random_init },
    { "time", _ls_mod_time_init },
    { "math", _ls_mod_math_init },
    { "sys", _ls_mod_sys_init },
    { "_collections", _ls_mod_collections_init },
    { "itertools", _ls_mod_itertools_init },
    { "_functools", _ls_mod_functools_init },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (mods); i++)
    ls_vm_register_module (vm, mods[i].name, mods[i].init);
  _ls_mod_misc_register (vm);
  _ls_lib_register_all (vm);
}

void
_ls_builtins_init (LsVM *vm)
{
  g_return_if_fail (vm->builtins != NULL);

  _ls_mod_add_funcs (vm, vm->builtins, builtin_funcs, LS_UNDEF);
  add_builtin_types (vm);
  add_exceptions (vm);
  ls_dict_set_cstr (vm, vm->builtins, "None", LS_NONE);
  ls_dict_set_cstr (vm, vm->builtins, "True", LS_TRUE);
  ls_dict_set_cstr (vm, vm->builtins, "False", LS_FALSE);
  ls_dict_set_cstr (vm, vm->builtins, "NotImplemented", vm->not_implemented);
  ls_dict_set_cstr (vm, vm->builtins, "Ellipsis", vm->ellipsis);
  ls_dict_set_cstr (vm, vm->builtins, "__debug__", LS_TRUE);
  register_modules (vm);
}
