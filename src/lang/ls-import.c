/* ls-import.c: the module registry and `import`: modules made in C (an init
 * function fills the dict on first import) and modules written in Python
 * (compiled and run on first import), cached in vm->modules (sys.modules).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ls-vm-private.h"

static void
module_entry_free (gpointer data)
{
  LsModuleEntry *e = data;

  g_free (e->source);
  g_free (e);
}

static GHashTable *
registry (LsVM *vm)
{
  if (vm->st->registry == NULL)
    vm->st->registry = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, module_entry_free);
  return vm->st->registry;
}

void
ls_vm_register_module (LsVM         *vm,
                       const char   *name,
                       LsModuleInit  init)
{
  LsModuleEntry *e;

  g_return_if_fail (vm != NULL && name != NULL && init != NULL);
  e = g_new0 (LsModuleEntry, 1);
  e->init = init;
  g_hash_table_replace (registry (vm), g_strdup (name), e);
}

void
ls_vm_register_source_module (LsVM       *vm,
                              const char *name,
                              const char *source)
{
  LsModuleEntry *e;

  g_return_if_fail (vm != NULL && name != NULL && source != NULL);
  e = g_new0 (LsModuleEntry, 1);
  e->source = g_strdup (source);
  g_hash_table_replace (registry (vm), g_strdup (name), e);
}

gboolean
ls_vm_find_registered_module (LsVM          *vm,
                              const char    *name,
                              LsModuleInit  *init,
                              const char   **source)
{
  LsModuleEntry *e = g_hash_table_lookup (registry (vm), name);

  if (e == NULL)
    return FALSE;
  if (init != NULL)
    *init = e->init;
  if (source != NULL)
    *source = e->source;
  return TRUE;
}

LsModule *
_ls_module_new (LsVM       *vm,
                const char *name)
{
  LsModule *m = ls_gc_alloc (vm, LS_OBJ_MODULE, vm->types[LS_T_MODULE], sizeof (LsModule));

  m->name = ls_str_intern (vm, name, -1);
  m->dict = ls_dict_new (vm);
  ls_dict_set_str (vm, m->dict, LS_NAME (vm, __name__), ls_obj (m->name));
  ls_dict_set_str (vm, m->dict, LS_NAME (vm, __doc__), LS_NONE);
  ls_dict_set_cstr (vm, m->dict, "__package__", LS_NONE);
  ls_dict_set_cstr (vm, m->dict, "__loader__", LS_NONE);
  ls_dict_set_cstr (vm, m->dict, "__spec__", LS_NONE);
  if (strcmp (name, "__main__") == 0)
    ls_dict_set_str (vm, m->dict, LS_NAME (vm, __annotations__), ls_obj (ls_dict_new (vm)));
  return m;
}

void
_ls_import_init (LsVM *vm)
{
  LsModule *b = _ls_module_new (vm, "builtins");

  registry (vm);
  vm->builtins = b->dict;
  ls_dict_set_str (vm, vm->modules, b->name, ls_obj (b));
}

static LsValue
raise_not_found (LsVM       *vm,
                 const char *name)
{
  LsValue n = ls_obj (ls_str_new (vm, name, -1));

  ls_raise (vm, LS_EXC_MODULE_NOT_FOUND_ERROR, "No module named '%s'", name);
  ls_dict_set_str (vm, _ls_instance_dict (vm, vm->exc, TRUE), LS_NAME (vm, name), n);
  return LS_ERR;
}

static gboolean
run_source_module (LsVM       *vm,
                   LsModule   *m,
                   const char *name,
                   const char *source)
{
  g_autofree char *filename = g_strdup_printf ("<%s>", name);
  LsSyntaxError *err = NULL;
  LsCode *code;
  LsFrame *f;
  LsValue r;

  _ls_vm_register_source (vm, filename, source);
  code = ls_compile_source (vm, filename, source, strlen (source), LS_COMPILE_DEFAULT, &err);
  if (code == NULL)
    {
      ls_raise (vm, LS_EXC_SYNTAX_ERROR, "%s (%s, line %d)", err && err->msg ? err->msg : "invalid syntax",
                filename, err ? err->lineno : 0);
      ls_syntax_error_free (err);
      return FALSE;
    }
  ls_dict_set_str (vm, m->dict, LS_NAME (vm, __builtins__), ls_obj (vm->builtins));
  ls_dict_set_str (vm, m->dict, LS_NAME (vm, __file__), ls_obj (code->filename));
  f = _ls_frame_new (vm, code, NULL, m->dict, m->dict, FALSE);
  _ls_frame_init_cells (vm, f);
  r = _ls_vm_run_frame (vm, f);
  return !LS_IS_ERR (r);
}

/* Imports one module by its full dotted name. */
static LsValue
import_one (LsVM       *vm,
            const char *name)
{
  LsStr *key = ls_str_intern (vm, name, -1);
  LsValue v = ls_dict_get_str (vm->modules, key);
  LsModuleEntry *e;
  LsModule *m;
  gboolean ok;

  if (!LS_IS_UNDEF (v))
    return v;
  e = g_hash_table_lookup (registry (vm), name);
  if (e == NULL)
    return raise_not_found (vm, name);

  m = _ls_module_new (vm, name);
  ls_dict_set_str (vm, vm->modules, key, ls_obj (m));
  if (e->init != NULL)
    {
      vm->native_depth++;
      ok = e->init (vm, m->dict);
      vm->native_depth--;
      if (!ok && LS_IS_UNDEF (vm->exc))
        ls_raise (vm, LS_EXC_IMPORT_ERROR, "initialization of %s failed", name);
    }
  else
    ok = run_source_module (vm, m, name, e->source);
  if (!ok)
    {
      LsValue saved = ls_exc_fetch (vm);
      ls_dict_del (vm, vm->modules, ls_obj (key));
      vm->exc = saved;
      return LS_ERR;
    }
  /* A module may replace itself in sys.modules while it runs. */
  v = ls_dict_get_str (vm->modules, key);
  return LS_IS_UNDEF (v) ? ls_obj (m) : v;
}

/* IMPORT_NAME: `import a.b.c` imports a, a.b, a.b.c and pushes a. */
LsValue
_ls_import_name (LsVM  *vm,
                 LsStr *name)
{
  const char *full = ls_str_cstr (name);
  const char *dot = strchr (full, '.');
  LsValue top, parent;

  if (dot == NULL)
    return import_one (vm, full);
  {
    g_autofree char *first = g_strndup (full, (gsize) (dot - full));
    top = import_one (vm, first);
  }
  if (LS_IS_ERR (top))
    return top;
  parent = top;
  while (dot != NULL)
    {
      const char *next = strchr (dot + 1, '.');
      g_autofree char *prefix = g_strndup (full, next ? (gsize) (next - full) : strlen (full));
      g_autofree char *last = g_strndup (dot + 1, next ? (gsize) (next - dot - 1) : strlen (dot + 1));
      LsValue sub = import_one (vm, prefix);
      if (LS_IS_ERR (sub))
        return sub;
      if (LS_OBJ_IS (parent, LS_OBJ_MODULE))
        ls_dict_set_cstr (vm, ((LsModule *) LS_AS_OBJ (parent))->dict, last, sub);
      parent = sub;
      dot = next;
    }
  return top;
}

/* IMPORT_FROM: module.name, else the submodule module.name. */
LsValue
_ls_import_from (LsVM    *vm,
                 LsValue  module,
                 LsStr   *name)
{
  LsValue v = ls_getattr_opt (vm, module, name);
  const char *modname = "?";

  if (!LS_IS_UNDEF (v) || !LS_IS_UNDEF (vm->exc))
    return v;
  if (LS_OBJ_IS (module, LS_OBJ_MODULE))
    {
      LsModule *m = (LsModule *) LS_AS_OBJ (module);
      g_autofree char *full = g_strdup_printf ("%s.%s", ls_str_cstr (m->name), ls_str_cstr (name));
      modname = ls_str_cstr (m->name);
      if (g_hash_table_contains (registry (vm), full)
          || !LS_IS_UNDEF (ls_dict_get_str (vm->modules, ls_str_intern (vm, full, -1))))
        {
          v = import_one (vm, full);
          if (!LS_IS_ERR (v))
            ls_dict_set_str (vm, m->dict, name, v);
          return v;
        }
    }
  ls_raise (vm, LS_EXC_IMPORT_ERROR, "cannot import name '%s' from '%s' (unknown location)",
            ls_str_cstr (name), modname);
  return LS_ERR;
}

static gboolean
import_star_name (LsVM    *vm,
                  LsValue  module,
                  LsValue  name,
                  LsDict  *ns)
{
  LsValue v;

  if (!LS_OBJ_IS (name, LS_OBJ_STR))
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "Item in %s.__all__ must be str, not %s",
                ls_str_cstr (((LsModule *) LS_AS_OBJ (module))->name), ls_type_name (vm, name));
      return FALSE;
    }
  v = ls_getattr (vm, module, (LsStr *) LS_AS_OBJ (name));
  return !LS_IS_ERR (v) && ls_dict_set (vm, ns, name, v) == 0;
}

/* IMPORT_STAR: `from m import *` binds the names of __all__, or every
 * public (no leading underscore) name of the module. */
gboolean
_ls_import_star (LsVM    *vm,
                 LsValue  module,
                 LsDict  *ns)
{
  LsDict *d;
  LsValue all, key, value;
  gsize pos = 0;

  if (!LS_OBJ_IS (module, LS_OBJ_MODULE))
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "from-import-* object has no __dict__ and no __all__");
      return FALSE;
    }
  d = ((LsModule *) LS_AS_OBJ (module))->dict;
  all = ls_dict_get_str (d, ls_str_intern (vm, "__all__", -1));
  if (!LS_IS_UNDEF (all))
    {
      LsList *names = ls_list_from_iterable (vm, all);

      if (names == NULL)
        return FALSE;
      for (gsize i = 0; i < names->len; i++)
        if (!import_star_name (vm, module, names->items[i], ns))
          return FALSE;
      return TRUE;
    }
  while (ls_dict_next (d, &pos, &key, &value))
    if (LS_OBJ_IS (key, LS_OBJ_STR) && ls_str_cstr ((LsStr *) LS_AS_OBJ (key))[0] != '_'
        && ls_dict_set (vm, ns, key, value) < 0)
      return FALSE;
  return TRUE;
}

LsValue
ls_vm_import (LsVM       *vm,
              const char *name)
{
  return _ls_import_name (vm, ls_str_intern (vm, name, -1));
}
