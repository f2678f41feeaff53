/* ls-modules-private.h: helpers shared by the builtins and the stdlib modules
 * written in C (ls-builtins.c, ls-mod-*.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ls-lang.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  LsNativeFn  fn;
} LsModFunc;

/* Adds natives (NULL-terminated table) to a module dict; data becomes their self. */
void      _ls_mod_add_funcs      (LsVM            *vm,
                                  LsDict          *dict,
                                  const LsModFunc *funcs,
                                  LsValue          data);
/* Adds native methods (NULL-terminated table) to a type. */
void      _ls_mod_add_methods    (LsVM            *vm,
                                  LsType          *type,
                                  const LsModFunc *funcs);
/* A builtin type living in a module: __module__ is set to module. */
LsType   *_ls_mod_new_type       (LsVM            *vm,
                                  const char      *module,
                                  const char      *name,
                                  LsType          *base,
                                  LsObjKind        kind,
                                  LsNativeFn       ctor);
/* A native iterator type (LS_OBJ_ITER instances) with Python-visible __iter__/__next__. */
LsType   *_ls_mod_new_iter_type  (LsVM            *vm,
                                  const char      *module,
                                  const char      *name,
                                  LsNativeFn       ctor);
/* A read-only property whose getter is a native (fget receives the object as args[0]). */
void      _ls_mod_add_getter     (LsVM            *vm,
                                  LsType          *type,
                                  const char      *name,
                                  LsNativeFn       fget);

/* Argument checks with CPython's messages. */
/* "NAME expected [at least |at most ]N argument(s), got M" */
gboolean  _ls_check_nargs        (LsVM *vm, const char *fname, int nargs, int min, int max);
/* "NAME() takes exactly one argument (N given)" */
gboolean  _ls_check_one          (LsVM *vm, const char *fname, int nargs, LsTuple *kwnames);
/* "NAME() takes no keyword arguments" */
gboolean  _ls_check_no_kwargs   (LsVM *vm, const char *fname, LsTuple *kwnames);
/* Stores keyword argument values by name (names is NULL-terminated) into out[];
 * others raise "'x' is an invalid keyword argument for NAME()". */
gboolean  _ls_take_kwargs        (LsVM              *vm,
                                  const char        *fname,
                                  const LsValue     *args,
                                  int                nargs,
                                  LsTuple           *kwnames,
                                  const char *const *names,
                                  LsValue           *out);
static inline int
_ls_n_kwargs (LsTuple *kwnames)
{
  return kwnames != NULL ? (int) kwnames->len : 0;
}

/* int, bool or float (or __float__/__index__) to double: "must be real number, not str" */
gboolean  _ls_value_as_double    (LsVM *vm, LsValue v, double *out);
/* True if v is an exact str. */
static inline gboolean
_ls_is_str (LsValue v)
{
  return LS_OBJ_IS (v, LS_OBJ_STR);
}
static inline LsStr *
_ls_as_str (LsValue v)
{
  return (LsStr *) LS_AS_OBJ (v);
}
/* Payload of a CDATA value of class klass, or NULL if v is something else. */
gpointer  _ls_cdata_get          (LsValue v, const LsCDataClass *klass);
/* Python repr/str as a C string (g_free); NULL with vm->exc set. */
char     *_ls_repr_cstr          (LsVM *vm, LsValue v);

/* ls-mod-collections.c: namedtuple classes and struct sequences (time.struct_time...). */
LsType   *_ls_namedtuple_new_type  (LsVM       *vm,
                                    const char *module,
                                    const char *name,
                                    LsTuple    *fields,
                                    LsDict     *defaults,
                                    gboolean    structseq);
LsValue   _ls_structseq_new        (LsVM          *vm,
                                    LsType        *type,
                                    const LsValue *values,
                                    gsize          n);

/* Module initialisers (registered by _ls_builtins_init). */
gboolean  _ls_mod_random_init      (LsVM *vm, LsDict *dict);
gboolean  _ls_mod_time_init        (LsVM *vm, LsDict *dict);
gboolean  _ls_mod_math_init        (LsVM *vm, LsDict *dict);
gboolean  _ls_mod_sys_init         (LsVM *vm, LsDict *dict);
gboolean  _ls_mod_collections_init (LsVM *vm, LsDict *dict);
gboolean  _ls_mod_itertools_init   (LsVM *vm, LsDict *dict);
gboolean  _ls_mod_functools_init   (LsVM *vm, LsDict *dict);
/* ls-mod-misc.c: typing's native helpers, the _ls_native helper module... */
void      _ls_mod_misc_register    (LsVM *vm);

G_END_DECLS
