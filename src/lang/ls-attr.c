/* ls-attr.c: attribute lookup, binding, classes and the small builtin types
 * of the object model (object, type, staticmethod, classmethod, property, super).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Classes have single inheritance, so a type's MRO is its base chain.
 */
#include "config.h"

#include <string.h>

#include "ls-vm-private.h"
#include "ls-types-private.h"

/* ------------------------------------------------------------------- types */

/* Type attribute lookups go through a cache of (type, name) -> what the walk
 * up the base chain found (misses included): a method call or an attribute
 * store on an instance otherwise costs a dict probe per class of the chain.
 * An entry is valid while every dict it walked keeps its version (bumped by
 * any insert, overwrite or delete) and no collection ran since (a freed type
 * or name could be replaced by a new one at the same address; collections
 * bump the epoch). VMs run on one thread, so one cache serves them all. */
#define TYPE_CACHE_SIZE  1024
#define TYPE_CACHE_DEPTH 4

typedef struct
{
  LsType  *type;
  LsStr   *name;
  guint64  epoch;
  LsValue  value;
  int      depth;
  LsDict  *dicts[TYPE_CACHE_DEPTH];
  guint64  versions[TYPE_CACHE_DEPTH];
} TypeCacheEntry;

static TypeCacheEntry type_cache[TYPE_CACHE_SIZE];
static guint64 type_cache_epoch = 1;

static inline gsize
type_cache_slot (LsType *type,
                 LsStr  *name)
{
  guintptr h = ((guintptr) type >> 4) * 31 + ((guintptr) name >> 4);

  return (h ^ (h >> 10)) & (TYPE_CACHE_SIZE - 1);
}

/* The chain from e->type still has the dicts the entry saw, unchanged. */
static inline gboolean
type_cache_valid (const TypeCacheEntry *e)
{
  int depth = 0;

  for (LsType *t = e->type; t != NULL && depth < e->depth; t = t->base)
    {
      if (t->dict == NULL)
        continue;
      if (t->dict != e->dicts[depth] || t->dict->version != e->versions[depth])
        return FALSE;
      depth++;
    }
  return depth == e->depth;
}

LsType *
_ls_type_alloc (LsVM      *vm,
                LsType    *base,
                LsObjKind  instance_kind)
{
  LsType *t = ls_gc_alloc (vm, LS_OBJ_TYPE, vm->types[LS_T_TYPE], sizeof (LsType));

  t->base = base;
  t->instance_kind = (guint8) instance_kind;
  if (base != NULL)
    {
      t->cdata_class = base->cdata_class;
      t->cdata_size = base->cdata_size;
    }
  return t;
}

LsType *
ls_type_new_builtin (LsVM       *vm,
                     const char *name,
                     LsType     *base,
                     LsObjKind   instance_kind)
{
  LsType *t;

  if (base == NULL)
    base = vm->types[LS_T_OBJECT];
  t = _ls_type_alloc (vm, base, instance_kind);
  t->hdr.flags = LS_TYPE_BUILTIN | LS_TYPE_BASETYPE | (base->hdr.flags & LS_TYPE_EXCEPTION);
  t->name = ls_str_intern (vm, name, -1);
  t->qualname = t->name;
  t->module = ls_str_intern (vm, "builtins", -1);
  t->dict = ls_dict_new (vm);
  return t;
}

static LsNative *
native_alloc (LsVM       *vm,
              const char *name,
              LsNativeFn  fn,
              guint16     flags,
              LsType     *owner)
{
  LsNative *n = ls_gc_alloc (vm, LS_OBJ_NATIVE, vm->types[LS_T_BUILTIN_FUNCTION], sizeof (LsNative));

  n->hdr.flags = flags;
  n->name = name;
  n->fn = fn;
  n->self = LS_UNDEF;
  n->data = LS_UNDEF;
  n->owner = owner;
  return n;
}

void
ls_type_add_method (LsVM       *vm,
                    LsType     *type,
                    const char *name,
                    LsNativeFn  fn)
{
  LsNative *n = native_alloc (vm, name, fn, LS_NATIVE_METHOD, type);
  ls_dict_set_str (vm, type->dict, ls_str_intern (vm, name, -1), ls_obj (n));
}

void
ls_type_add_classmethod (LsVM       *vm,
                         LsType     *type,
                         const char *name,
                         LsNativeFn  fn)
{
  LsNative *n = native_alloc (vm, name, fn, LS_NATIVE_CLASS, type);
  ls_dict_set_str (vm, type->dict, ls_str_intern (vm, name, -1), ls_obj (n));
}

void
ls_type_add_static (LsVM       *vm,
                    LsType     *type,
                    const char *name,
                    LsNativeFn  fn)
{
  LsNative *n = native_alloc (vm, name, fn, LS_NATIVE_STATIC, type);
  ls_dict_set_str (vm, type->dict, ls_str_intern (vm, name, -1), ls_obj (n));
}

LsValue
ls_native_new (LsVM       *vm,
               const char *name,
               LsNativeFn  fn,
               LsValue     data)
{
  LsNative *n = native_alloc (vm, name, fn, 0, NULL);
  n->data = data;
  return ls_obj (n);
}

LsCData *
ls_cdata_new (LsVM   *vm,
              LsType *type)
{
  gsize header = (sizeof (LsCData) + 15) & ~(gsize) 15;
  LsCData *cd = ls_gc_alloc (vm, LS_OBJ_CDATA, type, header + type->cdata_size);

  cd->klass = type->cdata_class;
  cd->size = type->cdata_size;
  return cd;
}

LsValue
ls_type_lookup (LsType *type,
                LsStr  *name)
{
  TypeCacheEntry *e = &type_cache[type_cache_slot (type, name)];
  LsValue v = LS_UNDEF;
  int depth = 0;

  if (e->type == type && e->name == name && e->epoch == type_cache_epoch && type_cache_valid (e))
    return e->value;
  /* Walk the chain, noting each dict's version for the entry. */
  e->type = NULL;
  for (LsType *t = type; t != NULL; t = t->base)
    {
      if (t->dict == NULL)
        continue;
      if (depth < TYPE_CACHE_DEPTH)
        {
          e->dicts[depth] = t->dict;
          e->versions[depth] = t->dict->version;
        }
      depth++;
      v = ls_dict_get_str (t->dict, name);
      if (!LS_IS_UNDEF (v))
        break;
    }
  if (depth <= TYPE_CACHE_DEPTH)
    {
      e->type = type;
      e->name = name;
      e->epoch = type_cache_epoch;
      e->depth = depth;
      e->value = v;
    }
  return v;
}

void
_ls_type_cache_flush (void)
{
  type_cache_epoch++;
}

gboolean
ls_is_subtype (LsType *sub,
               LsType *base)
{
  for (LsType *t = sub; t != NULL; t = t->base)
    if (t == base)
      return TRUE;
  /* ExceptionGroup also derives from BaseExceptionGroup. */
  if ((base->hdr.flags & LS_TYPE_BASE_EXC_GROUP) && (sub->hdr.flags & LS_TYPE_EXC_GROUP))
    return TRUE;
  return FALSE;
}

gboolean
ls_isinstance (LsVM    *vm,
               LsValue  obj,
               LsType  *type)
{
  return ls_is_subtype (ls_typeof (vm, obj), type);
}

/* -------------------------------------------------------- instance dicts */

/* Objects of user subclasses of builtin types (class Stack(list)) keep their
 * attributes in a side table whose entries live as long as their object. */
static LsDict *
extra_dict (LsVM     *vm,
            LsObj    *obj,
            gboolean  create)
{
  LsVMState *st = vm->st;
  LsDict *d;

  if (st->extra_dicts == NULL)
    {
      if (!create)
        return NULL;
      st->extra_dicts = g_hash_table_new (NULL, NULL);
    }
  d = g_hash_table_lookup (st->extra_dicts, obj);
  if (d == NULL && create)
    {
      d = ls_dict_new (vm);
      g_hash_table_insert (st->extra_dicts, obj, d);
    }
  return d;
}

/* `__slots__ = ()` in every class above the builtin base (namedtuples have
 * it): the instances have no __dict__. */
static gboolean
slots_forbid_dict (LsVM   *vm,
                   LsType *type)
{
  for (LsType *t = type; t != NULL && !(t->hdr.flags & LS_TYPE_BUILTIN); t = t->base)
    {
      LsValue slots = ls_dict_get_str (t->dict, LS_NAME (vm, __slots__));

      if (!LS_OBJ_IS (slots, LS_OBJ_TUPLE) || ((LsTuple *) LS_AS_OBJ (slots))->len != 0)
        return FALSE;
    }
  return TRUE;
}

LsDict *
_ls_instance_dict (LsVM     *vm,
                   LsValue   obj,
                   gboolean  create)
{
  LsObj *o;

  if (!LS_IS_OBJ (obj))
    return NULL;
  o = obj.u.o;
  switch (o->kind)
    {
    case LS_OBJ_INSTANCE:
      if (((LsInstance *) o)->dict == NULL && create && !(o->type->hdr.flags & LS_TYPE_BUILTIN))
        ((LsInstance *) o)->dict = ls_dict_new (vm);
      return ((LsInstance *) o)->dict;
    case LS_OBJ_EXCEPTION:
      if (((LsException *) o)->dict == NULL && create)
        ((LsException *) o)->dict = ls_dict_new (vm);
      return ((LsException *) o)->dict;
    case LS_OBJ_FUNCTION:
      if (((LsFunction *) o)->dict == NULL && create)
        ((LsFunction *) o)->dict = ls_dict_new (vm);
      return ((LsFunction *) o)->dict;
    case LS_OBJ_MODULE:
      return ((LsModule *) o)->dict;
    case LS_OBJ_TYPE:
      return NULL;
    default:
      if (o->type != NULL && !(o->type->hdr.flags & LS_TYPE_BUILTIN) && !slots_forbid_dict (vm, o->type))
        return extra_dict (vm, o, create);
      return NULL;
    }
}

/* ----------------------------------------------------------------- binding */

static LsValue
bound_method_new (LsVM    *vm,
                  LsValue  func,
                  LsValue  self)
{
  LsBoundMethod *bm = ls_gc_alloc (vm, LS_OBJ_BOUND_METHOD, vm->types[LS_T_METHOD],
                                   sizeof (LsBoundMethod));
  bm->func = func;
  bm->self = self;
  return ls_obj (bm);
}

static LsValue
bound_native_new (LsVM     *vm,
                  LsNative *n,
                  LsValue   self)
{
  LsNative *b = native_alloc (vm, n->name, n->fn, n->hdr.flags, n->owner);
  b->self = self;
  b->data = n->data;
  return ls_obj (b);
}

static LsValue
property_get (LsVM        *vm,
              LsProperty  *p,
              LsValue      obj,
              LsStr       *name)
{
  if (LS_IS_NONE (p->fget) || LS_IS_UNDEF (p->fget))
    {
      if (name != NULL)
        return ls_raise (vm, LS_EXC_ATTRIBUTE_ERROR, "property '%s' of '%s' object has no getter",
                         ls_str_cstr (name), ls_type_name (vm, obj));
      return ls_raise (vm, LS_EXC_ATTRIBUTE_ERROR, "unreadable attribute");
    }
  return ls_call (vm, p->fget, &obj, 1, NULL);
}

/* Binds descr (found in type's MRO) to obj, as reading obj.name does. */
LsValue
_ls_bind_descriptor (LsVM    *vm,
                     LsValue  descr,
                     LsValue  obj,
                     LsType  *type)
{
  LsObj *d;

  if (!LS_IS_OBJ (descr))
    return descr;
  d = descr.u.o;
  switch (d->kind)
    {
    case LS_OBJ_FUNCTION:
      return bound_method_new (vm, descr, obj);
    case LS_OBJ_NATIVE:
      {
        LsNative *n = (LsNative *) d;
        if (!LS_IS_UNDEF (n->self))
          return descr;
        if (d->flags & LS_NATIVE_METHOD)
          return bound_native_new (vm, n, obj);
        if (d->flags & LS_NATIVE_CLASS)
          return bound_native_new (vm, n, ls_obj (type));
        return descr;
      }
    case LS_OBJ_WRAPPER:
      if (d->type == vm->types[LS_T_CLASSMETHOD])
        return bound_method_new (vm, ((LsWrapper *) d)->func, ls_obj (type));
      if (d->type == vm->types[LS_T_STATICMETHOD])
        return ((LsWrapper *) d)->func;
      return descr;
    case LS_OBJ_PROPERTY:
      return property_get (vm, (LsProperty *) d, obj, NULL);
    case LS_OBJ_INSTANCE:
      {
        LsValue get = ls_type_lookup (d->type, LS_NAME (vm, __get__));
        if (!LS_IS_UNDEF (get) && !(d->type->hdr.flags & LS_TYPE_BUILTIN))
          {
            LsValue args[3] = { descr, obj, ls_obj (type) };
            return ls_call (vm, get, args, 3, NULL);
          }
        return descr;
      }
    default:
      return descr;
    }
}

static gboolean
is_data_descriptor (LsVM    *vm,
                    LsValue  descr)
{
  if (!LS_IS_OBJ (descr))
    return FALSE;
  if (descr.u.o->kind == LS_OBJ_PROPERTY)
    return TRUE;
  if (descr.u.o->kind == LS_OBJ_INSTANCE && !(descr.u.o->type->hdr.flags & LS_TYPE_BUILTIN))
    return !LS_IS_UNDEF (ls_type_lookup (descr.u.o->type, LS_NAME (vm, __set__)))
           && !LS_IS_UNDEF (ls_type_lookup (descr.u.o->type, LS_NAME (vm, __get__)));
  return FALSE;
}

LsValue
ls_lookup_special (LsVM    *vm,
                   LsValue  obj,
                   LsStr   *name)
{
  LsType *type = ls_typeof (vm, obj);
  LsValue descr = ls_type_lookup (type, name);

  if (LS_IS_UNDEF (descr))
    return LS_UNDEF;
  return _ls_bind_descriptor (vm, descr, obj, type);
}

/* ------------------------------------------------------------- getattr */

LsValue
_ls_raise_attribute_error (LsVM    *vm,
                           LsValue  obj,
                           LsStr   *name)
{
  if (LS_OBJ_IS (obj, LS_OBJ_MODULE))
    ls_raise (vm, LS_EXC_ATTRIBUTE_ERROR, "module '%s' has no attribute '%s'",
              ls_str_cstr (((LsModule *) LS_AS_OBJ (obj))->name), ls_str_cstr (name));
  else if (LS_OBJ_IS (obj, LS_OBJ_TYPE))
    ls_raise (vm, LS_EXC_ATTRIBUTE_ERROR, "type object '%s' has no attribute '%s'",
              ls_str_cstr (((LsType *) LS_AS_OBJ (obj))->name), ls_str_cstr (name));
  else
    ls_raise (vm, LS_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'",
              ls_type_name (vm, obj), ls_str_cstr (name));
  _ls_exc_set_attr_info (vm, vm->exc, obj, name);
  return LS_ERR;
}

static gboolean
name_is (LsStr      *name,
         const char *s)
{
  return strcmp (name->data, s) == 0;
}

static LsValue
str_or_none (LsStr *s)
{
  return s != NULL ? ls_obj (s) : LS_NONE;
}

static LsValue
type_mro_tuple (LsVM   *vm,
                LsType *t)
{
  gsize n = 0, i = 0;
  LsTuple *tup;

  for (LsType *p = t; p != NULL; p = p->base)
    n++;
  tup = ls_tuple_new (vm, n);
  for (LsType *p = t; p != NULL; p = p->base)
    tup->items[i++] = ls_obj (p);
  return ls_obj (tup);
}

/* Attributes every type has through its metatype. */
static gboolean
type_special_attr (LsVM    *vm,
                   LsType  *t,
                   LsStr   *name,
                   LsValue *out)
{
  if (name->data[0] != '_' || name->data[1] != '_')
    return FALSE;
  if (name == LS_NAME (vm, __name__))
    *out = ls_obj (t->name);
  else if (name == LS_NAME (vm, __qualname__))
    *out = ls_obj (t->qualname);
  else if (name == LS_NAME (vm, __module__))
    {
      LsValue m = ls_dict_get_str (t->dict, name);
      *out = !LS_IS_UNDEF (m) ? m : str_or_none (t->module);
    }
  else if (name == LS_NAME (vm, __dict__))
    *out = ls_obj (t->dict);
  else if (name == LS_NAME (vm, __class__))
    *out = ls_obj (t->hdr.type);
  else if (name == LS_NAME (vm, __doc__))
    {
      LsValue d = ls_dict_get_str (t->dict, name);
      *out = LS_IS_UNDEF (d) ? LS_NONE : d;
    }
  else if (name_is (name, "__base__"))
    *out = t->base ? ls_obj (t->base) : LS_NONE;
  else if (name_is (name, "__bases__"))
    *out = t->base ? ls_obj (ls_tuple_from (vm, (LsValue[]) { ls_obj (t->base) }, 1)) : vm->empty_tuple;
  else if (name_is (name, "__mro__"))
    *out = type_mro_tuple (vm, t);
  else
    return FALSE;
  return TRUE;
}

static LsValue
type_getattr (LsVM    *vm,
              LsType  *t,
              LsStr   *name,
              gboolean raise)
{
  LsValue v;

  if (type_special_attr (vm, t, name, &v))
    return v;
  v = ls_type_lookup (t, name);
  if (!LS_IS_UNDEF (v))
    {
      if (LS_IS_OBJ (v))
        switch (v.u.o->kind)
          {
          case LS_OBJ_WRAPPER:
          case LS_OBJ_INSTANCE:
            return _ls_bind_descriptor (vm, v, LS_NONE, t);
          case LS_OBJ_NATIVE:
            if (v.u.o->flags & LS_NATIVE_CLASS)
              return _ls_bind_descriptor (vm, v, LS_NONE, t);
            return v;
          default:
            return v;
          }
      return v;
    }
  /* Methods of the metatype (type.mro() and the like). */
  v = ls_type_lookup (t->hdr.type, name);
  if (!LS_IS_UNDEF (v))
    return _ls_bind_descriptor (vm, v, ls_obj (t), t->hdr.type);
  if (!raise)
    return LS_UNDEF;
  return _ls_raise_attribute_error (vm, ls_obj (t), name);
}

static LsValue
func_attr (LsVM       *vm,
           LsFunction *f,
           LsStr      *name)
{
  if (name == LS_NAME (vm, __name__))
    return ls_obj (f->name);
  if (name == LS_NAME (vm, __qualname__))
    return ls_obj (f->qualname);
  if (name == LS_NAME (vm, __module__))
    return f->module;
  if (name == LS_NAME (vm, __doc__))
    return f->doc;
  if (name == LS_NAME (vm, __dict__))
    return ls_obj (_ls_instance_dict (vm, ls_obj (f), TRUE));
  if (name->data[0] != '_')
    return LS_UNDEF;
  if (name_is (name, "__code__"))
    return ls_obj (f->code);
  if (name_is (name, "__defaults__"))
    return f->defaults ? ls_obj (f->defaults) : LS_NONE;
  if (name_is (name, "__kwdefaults__"))
    return f->kwdefaults ? ls_obj (f->kwdefaults) : LS_NONE;
  if (name_is (name, "__closure__"))
    return f->closure ? ls_obj (f->closure) : LS_NONE;
  if (name_is (name, "__globals__"))
    return ls_obj (f->globals);
  if (name == LS_NAME (vm, __annotations__))
    {
      LsDict *d = _ls_instance_dict (vm, ls_obj (f), TRUE);
      LsValue a = ls_dict_get_str (d, name);
      if (LS_IS_UNDEF (a))
        {
          a = ls_obj (ls_dict_new (vm));
          ls_dict_set_str (vm, d, name, a);
        }
      return a;
    }
  return LS_UNDEF;
}

static LsValue
native_attr (LsVM     *vm,
             LsNative *n,
             LsStr    *name)
{
  if (name == LS_NAME (vm, __name__))
    return ls_obj (ls_str_new (vm, n->name, -1));
  if (name == LS_NAME (vm, __qualname__))
    {
      if (n->owner != NULL)
        return ls_obj (ls_str_printf (vm, "%s.%s", ls_str_cstr (n->owner->name), n->name));
      return ls_obj (ls_str_new (vm, n->name, -1));
    }
  if (name == LS_NAME (vm, __module__))
    return n->owner == NULL ? ls_obj (ls_str_intern (vm, "builtins", -1)) : LS_NONE;
  if (name == LS_NAME (vm, __doc__))
    return LS_NONE;
  if (name_is (name, "__self__"))
    {
      if (!LS_IS_UNDEF (n->self))
        return n->self;
      return ls_dict_get_str (vm->modules, ls_str_intern (vm, "builtins", -1));
    }
  return LS_UNDEF;
}

static LsValue
code_attr (LsVM   *vm,
           LsCode *c,
           LsStr  *name)
{
  if (name_is (name, "co_name"))
    return ls_obj (c->name);
  if (name_is (name, "co_qualname"))
    return ls_obj (c->qualname);
  if (name_is (name, "co_filename"))
    return ls_obj (c->filename);
  if (name_is (name, "co_firstlineno"))
    return ls_int (c->first_line);
  if (name_is (name, "co_argcount"))
    return ls_int (c->argcount);
  if (name_is (name, "co_flags"))
    return ls_int (c->flags);
  if (name_is (name, "co_varnames"))
    {
      LsTuple *t = ls_tuple_new (vm, (gsize) c->n_locals);
      for (int i = 0; i < c->n_locals; i++)
        t->items[i] = ls_obj (c->varnames[i]);
      return ls_obj (t);
    }
  return LS_UNDEF;
}

/* Attributes implemented in C for builtin kinds; UNDEF when not one of them. */
static LsValue
builtin_attr (LsVM    *vm,
              LsValue  obj,
              LsStr   *name)
{
  LsObj *o = obj.u.o;

  switch (o->kind)
    {
    case LS_OBJ_FUNCTION:
      return func_attr (vm, (LsFunction *) o, name);
    case LS_OBJ_NATIVE:
      return native_attr (vm, (LsNative *) o, name);
    case LS_OBJ_BOUND_METHOD:
      {
        LsBoundMethod *bm = (LsBoundMethod *) o;
        if (name_is (name, "__self__"))
          return bm->self;
        if (name_is (name, "__func__"))
          return bm->func;
        /* Everything else comes from the function. */
        return ls_getattr_opt (vm, bm->func, name);
      }
    case LS_OBJ_WRAPPER:
      if (name_is (name, "__func__") || name == LS_NAME (vm, __wrapped__))
        return ((LsWrapper *) o)->func;
      if (name == LS_NAME (vm, __name__) || name == LS_NAME (vm, __qualname__)
          || name == LS_NAME (vm, __doc__))
        return ls_getattr_opt (vm, ((LsWrapper *) o)->func, name);
      return LS_UNDEF;
    case LS_OBJ_PROPERTY:
      {
        LsProperty *p = (LsProperty *) o;
        if (name_is (name, "fget"))
          return p->fget;
        if (name_is (name, "fset"))
          return p->fset;
        if (name_is (name, "fdel"))
          return p->fdel;
        if (name == LS_NAME (vm, __doc__))
          return p->doc;
        return LS_UNDEF;
      }
    case LS_OBJ_CODE:
      return code_attr (vm, (LsCode *) o, name);
    case LS_OBJ_CELL:
      if (name_is (name, "cell_contents"))
        {
          LsValue v = ((LsCell *) o)->value;
          if (LS_IS_UNDEF (v))
            return ls_raise (vm, LS_EXC_VALUE_ERROR, "Cell is empty");
          return v;
        }
      return LS_UNDEF;
    case LS_OBJ_SLICE:
      if (name_is (name, "start"))
        return ((LsSlice *) o)->start;
      if (name_is (name, "stop"))
        return ((LsSlice *) o)->stop;
      if (name_is (name, "step"))
        return ((LsSlice *) o)->step;
      return LS_UNDEF;
    case LS_OBJ_RANGE:
      if (name_is (name, "start"))
        return ls_int (((LsRange *) o)->start);
      if (name_is (name, "stop"))
        return ls_int (((LsRange *) o)->stop);
      if (name_is (name, "step"))
        return ls_int (((LsRange *) o)->step);
      return LS_UNDEF;
    case LS_OBJ_EXCEPTION:
      return _ls_exc_getattr (vm, obj, name);
    case LS_OBJ_GENERATOR:
      return _ls_gen_getattr (vm, obj, name);
    case LS_OBJ_MODULE:
      if (name == LS_NAME (vm, __dict__))
        return ls_obj (((LsModule *) o)->dict);
      return LS_UNDEF;
    default:
      return LS_UNDEF;
    }
}

static LsValue super_getattr (LsVM *vm, LsSuper *s, LsStr *name, gboolean raise);

static LsValue
getattr_impl (LsVM    *vm,
              LsValue  obj,
              LsStr   *name,
              gboolean raise)
{
  LsType *type;
  LsValue descr, v;
  LsDict *d;

  if (LS_IS_OBJ (obj))
    {
      if (obj.u.o->kind == LS_OBJ_TYPE)
        return type_getattr (vm, (LsType *) obj.u.o, name, raise);
      if (obj.u.o->kind == LS_OBJ_SUPER)
        return super_getattr (vm, (LsSuper *) obj.u.o, name, raise);
    }

  type = ls_typeof (vm, obj);
  if (name == LS_NAME (vm, __class__))
    return ls_obj (type);

  descr = ls_type_lookup (type, name);
  if (!LS_IS_UNDEF (descr) && is_data_descriptor (vm, descr))
    {
      if (LS_OBJ_IS (descr, LS_OBJ_PROPERTY))
        return property_get (vm, (LsProperty *) descr.u.o, obj, name);
      return _ls_bind_descriptor (vm, descr, obj, type);
    }

  if (LS_IS_OBJ (obj))
    {
      v = builtin_attr (vm, obj, name);
      if (!LS_IS_UNDEF (v) || !LS_IS_UNDEF (vm->exc))
        return v;
      d = _ls_instance_dict (vm, obj, FALSE);
      if (d != NULL)
        {
          v = ls_dict_get_str (d, name);
          if (!LS_IS_UNDEF (v))
            return v;
          if (name == LS_NAME (vm, __dict__))
            return ls_obj (d);
        }
      else if (name == LS_NAME (vm, __dict__) && !(type->hdr.flags & LS_TYPE_BUILTIN))
        return ls_obj (_ls_instance_dict (vm, obj, TRUE));
    }

  if (!LS_IS_UNDEF (descr))
    return _ls_bind_descriptor (vm, descr, obj, type);

  if (!(type->hdr.flags & LS_TYPE_BUILTIN))
    {
      LsValue ga = ls_type_lookup (type, LS_NAME (vm, __getattr__));
      if (!LS_IS_UNDEF (ga))
        {
          LsValue args[2] = { obj, ls_obj (name) };
          v = ls_call (vm, ga, args, 2, NULL);
          if (LS_IS_ERR (v) && !raise && ls_exc_pending_is (vm, LS_EXC_ATTRIBUTE_ERROR))
            ls_exc_clear (vm);
          return v;
        }
    }
  if (!raise)
    return LS_UNDEF;
  return _ls_raise_attribute_error (vm, obj, name);
}

LsValue
ls_getattr (LsVM    *vm,
            LsValue  obj,
            LsStr   *name)
{
  return getattr_impl (vm, obj, name, TRUE);
}

LsValue
ls_getattr_opt (LsVM    *vm,
                LsValue  obj,
                LsStr   *name)
{
  LsValue v = getattr_impl (vm, obj, name, FALSE);

  /* Properties and __getattr__ may still raise AttributeError: missing too. */
  if (LS_IS_ERR (v) && ls_exc_pending_is (vm, LS_EXC_ATTRIBUTE_ERROR))
    ls_exc_clear (vm);
  return v;
}

/* ------------------------------------------------------------- setattr */

static int
type_setattr (LsVM    *vm,
              LsType  *t,
              LsStr   *name,
              LsValue  value,
              gboolean del)
{
  if (t->hdr.flags & LS_TYPE_BUILTIN)
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "cannot %s '%s' attribute of immutable type '%s'",
                del ? "delete" : "set", ls_str_cstr (name), ls_str_cstr (t->name));
      return -1;
    }
  if (!del && name == LS_NAME (vm, __name__))
    {
      if (!LS_OBJ_IS (value, LS_OBJ_STR))
        {
          ls_raise (vm, LS_EXC_TYPE_ERROR, "can only assign string to %s.__name__, not '%s'",
                    ls_str_cstr (t->name), ls_type_name (vm, value));
          return -1;
        }
      t->name = (LsStr *) LS_AS_OBJ (value);
      return 0;
    }
  if (!del && name == LS_NAME (vm, __qualname__) && LS_OBJ_IS (value, LS_OBJ_STR))
    {
      t->qualname = (LsStr *) LS_AS_OBJ (value);
      return 0;
    }
  if (del)
    {
      int r = ls_dict_del (vm, t->dict, ls_obj (name));
      if (r == 0)
        {
          _ls_raise_attribute_error (vm, ls_obj (t), name);
          return -1;
        }
      return r < 0 ? -1 : 0;
    }
  ls_dict_set_str (vm, t->dict, name, value);
  return 0;
}

static int
func_setattr (LsVM       *vm,
              LsFunction *f,
              LsStr      *name,
              LsValue     value)
{
  if (name == LS_NAME (vm, __name__) || name == LS_NAME (vm, __qualname__))
    {
      if (!LS_OBJ_IS (value, LS_OBJ_STR))
        {
          ls_raise (vm, LS_EXC_TYPE_ERROR, "%s must be set to a string object",
                    ls_str_cstr (name));
          return -1;
        }
      if (name == LS_NAME (vm, __name__))
        f->name = (LsStr *) LS_AS_OBJ (value);
      else
        f->qualname = (LsStr *) LS_AS_OBJ (value);
      return 0;
    }
  if (name == LS_NAME (vm, __module__))
    {
      f->module = value;
      return 0;
    }
  if (name == LS_NAME (vm, __doc__))
    {
      f->doc = value;
      return 0;
    }
  if (name_is (name, "__defaults__"))
    {
      f->defaults = LS_OBJ_IS (value, LS_OBJ_TUPLE) ? (LsTuple *) LS_AS_OBJ (value) : NULL;
      return 0;
    }
  if (name_is (name, "__kwdefaults__"))
    {
      f->kwdefaults = LS_OBJ_IS (value, LS_OBJ_DICT) ? (LsDict *) LS_AS_OBJ (value) : NULL;
      return 0;
    }
  if (name == LS_NAME (vm, __dict__) && LS_OBJ_IS (value, LS_OBJ_DICT))
    {
      f->dict = (LsDict *) LS_AS_OBJ (value);
      return 0;
    }
  return 1;
}

/* obj.__class__ = T: only between user classes with the same layout. */
static int
set_class (LsVM    *vm,
           LsValue  obj,
           LsValue  value)
{
  LsType *old, *t;

  if (!LS_OBJ_IS (value, LS_OBJ_TYPE))
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "__class__ must be set to a class, not '%s' object",
                ls_type_name (vm, value));
      return -1;
    }
  old = ls_typeof (vm, obj);
  t = (LsType *) LS_AS_OBJ (value);
  if (!LS_IS_OBJ (obj) || (old->hdr.flags & LS_TYPE_BUILTIN) || (t->hdr.flags & LS_TYPE_BUILTIN)
      || t->instance_kind != old->instance_kind
      || _ls_is_number_subtype (vm, old) != _ls_is_number_subtype (vm, t))
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "__class__ assignment only supported for mutable types "
                "or ModuleType subclasses");
      return -1;
    }
  obj.u.o->type = t;
  return 0;
}

static int
setattr_impl (LsVM    *vm,
              LsValue  obj,
              LsStr   *name,
              LsValue  value,
              gboolean del)
{
  LsType *type;
  LsValue descr;
  LsDict *d;

  if (LS_OBJ_IS (obj, LS_OBJ_TYPE))
    return type_setattr (vm, (LsType *) LS_AS_OBJ (obj), name, value, del);

  type = ls_typeof (vm, obj);
  if (name == LS_NAME (vm, __class__) && !del)
    return set_class (vm, obj, value);
  descr = ls_type_lookup (type, name);
  if (LS_OBJ_IS (descr, LS_OBJ_PROPERTY))
    {
      LsProperty *p = (LsProperty *) LS_AS_OBJ (descr);
      LsValue fn = del ? p->fdel : p->fset;
      LsValue args[2] = { obj, value };
      if (LS_IS_NONE (fn) || LS_IS_UNDEF (fn))
        {
          ls_raise (vm, LS_EXC_ATTRIBUTE_ERROR, "property '%s' of '%s' object has no %s",
                    ls_str_cstr (name), ls_type_name (vm, obj), del ? "deleter" : "setter");
          return -1;
        }
      return LS_IS_ERR (ls_call (vm, fn, args, del ? 1 : 2, NULL)) ? -1 : 0;
    }
  if (is_data_descriptor (vm, descr))
    {
      LsValue set = ls_type_lookup (descr.u.o->type,
                                    del ? ls_str_intern (vm, "__delete__", -1) : LS_NAME (vm, __set__));
      LsValue args[3] = { descr, obj, value };
      if (LS_IS_UNDEF (set))
        {
          ls_raise (vm, LS_EXC_ATTRIBUTE_ERROR, "__delete__");
          return -1;
        }
      return LS_IS_ERR (ls_call (vm, set, args, del ? 2 : 3, NULL)) ? -1 : 0;
    }

  if (!(type->hdr.flags & LS_TYPE_BUILTIN))
    {
      LsValue hook = ls_type_lookup (type, del ? LS_NAME (vm, __delattr__) : LS_NAME (vm, __setattr__));
      if (LS_OBJ_IS (hook, LS_OBJ_FUNCTION))
        {
          LsValue args[3] = { obj, ls_obj (name), value };
          return LS_IS_ERR (ls_call (vm, hook, args, del ? 2 : 3, NULL)) ? -1 : 0;
        }
    }

  if (LS_IS_OBJ (obj))
    {
      if (obj.u.o->kind == LS_OBJ_FUNCTION && !del)
        {
          int r = func_setattr (vm, (LsFunction *) obj.u.o, name, value);
          if (r <= 0)
            return r;
        }
      else if (obj.u.o->kind == LS_OBJ_EXCEPTION)
        {
          int r = _ls_exc_setattr (vm, obj, name, value, del);
          if (r <= 0)
            return r;
        }
    }

  d = _ls_instance_dict (vm, obj, TRUE);
  if (d == NULL)
    {
      _ls_raise_attribute_error (vm, obj, name);
      return -1;
    }
  if (del)
    {
      int r = ls_dict_del (vm, d, ls_obj (name));
      if (r == 0)
        {
          _ls_raise_attribute_error (vm, obj, name);
          return -1;
        }
      return r < 0 ? -1 : 0;
    }
  ls_dict_set_str (vm, d, name, value);
  return 0;
}

int
ls_setattr (LsVM    *vm,
            LsValue  obj,
            LsStr   *name,
            LsValue  value)
{
  return setattr_impl (vm, obj, name, value, FALSE);
}

int
ls_delattr (LsVM    *vm,
            LsValue  obj,
            LsStr   *name)
{
  return setattr_impl (vm, obj, name, LS_UNDEF, TRUE);
}

/* ---------------------------------------------------------------- super */

static LsValue
super_getattr (LsVM    *vm,
               LsSuper *s,
               LsStr   *name,
               gboolean raise)
{
  LsType *start;
  LsType *objtype;

  if (name == LS_NAME (vm, __class__))
    return ls_obj (s->hdr.type);
  if (name_is (name, "__self__"))
    return s->obj;
  if (name_is (name, "__thisclass__"))
    return ls_obj (s->type);

  if (LS_OBJ_IS (s->obj, LS_OBJ_TYPE) && ls_is_subtype ((LsType *) LS_AS_OBJ (s->obj), s->type))
    objtype = (LsType *) LS_AS_OBJ (s->obj);
  else
    objtype = ls_typeof (vm, s->obj);

  start = s->type->base;
  for (LsType *t = start; t != NULL; t = t->base)
    {
      LsValue v = ls_dict_get_str (t->dict, name);
      if (LS_IS_UNDEF (v))
        continue;
      if (objtype == (LsType *) LS_AS_OBJ (s->obj) && LS_OBJ_IS (s->obj, LS_OBJ_TYPE))
        {
          /* super() in a classmethod: bind like a class attribute. */
          if (LS_OBJ_IS (v, LS_OBJ_WRAPPER) || (LS_OBJ_IS (v, LS_OBJ_NATIVE) && (v.u.o->flags & LS_NATIVE_CLASS)))
            return _ls_bind_descriptor (vm, v, LS_NONE, objtype);
          return v;
        }
      return _ls_bind_descriptor (vm, v, s->obj, objtype);
    }
  if (!raise)
    return LS_UNDEF;
  ls_raise (vm, LS_EXC_ATTRIBUTE_ERROR, "'super' object has no attribute '%s'", ls_str_cstr (name));
  return LS_ERR;
}

static LsValue
super_new (LsVM    *vm,
           LsType  *type,
           LsValue  obj)
{
  LsSuper *s;

  if (!(ls_isinstance (vm, obj, type)
        || (LS_OBJ_IS (obj, LS_OBJ_TYPE) && ls_is_subtype ((LsType *) LS_AS_OBJ (obj), type))))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "super(type, obj): obj must be an instance or subtype of type");
  s = ls_gc_alloc (vm, LS_OBJ_SUPER, vm->types[LS_T_SUPER], sizeof (LsSuper));
  s->type = type;
  s->obj = obj;
  return ls_obj (s);
}

LsValue
_ls_builtin_super (LsVM          *vm,
                   LsValue        self,
                   const LsValue *args,
                   int            nargs,
                   LsTuple       *kwnames)
{
  LsFrame *f = vm->st->frame;
  LsCode *code;
  LsValue cls = LS_UNDEF, first;

  if (kwnames != NULL && kwnames->len > 0)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "super() takes no keyword arguments");
  if (nargs >= 1)
    {
      if (!LS_OBJ_IS (args[0], LS_OBJ_TYPE))
        return ls_raise (vm, LS_EXC_TYPE_ERROR, "super() argument 1 must be a type, not %s",
                         ls_type_name (vm, args[0]));
      if (nargs == 1)
        return ls_raise (vm, LS_EXC_TYPE_ERROR, "super() with one argument is not supported");
      return super_new (vm, (LsType *) LS_AS_OBJ (args[0]), args[1]);
    }

  if (f == NULL || f->func == NULL)
    return ls_raise (vm, LS_EXC_RUNTIME_ERROR, "super(): no arguments");
  code = f->code;
  if (code->argcount + code->kwonlyargcount == 0 && !(code->flags & LS_CODE_VARARGS))
    return ls_raise (vm, LS_EXC_RUNTIME_ERROR, "super(): no arguments");
  first = f->slots[0];
  /* A first argument captured by a closure lives in its cell. */
  for (int i = 0; i < code->n_cells; i++)
    if (code->cell2arg != NULL && code->cell2arg[i] == 0)
      {
        LsValue c = ls_frame_cells (f)[i];
        if (LS_OBJ_IS (c, LS_OBJ_CELL))
          first = ((LsCell *) LS_AS_OBJ (c))->value;
      }
  if (LS_IS_UNDEF (first))
    return ls_raise (vm, LS_EXC_RUNTIME_ERROR, "super(): arg[0] deleted");
  for (int i = 0; i < code->n_free; i++)
    if (code->freenames[i] == LS_NAME (vm, __class__))
      {
        LsValue c = ls_frame_cells (f)[code->n_cells + i];
        if (LS_OBJ_IS (c, LS_OBJ_CELL))
          cls = ((LsCell *) LS_AS_OBJ (c))->value;
        if (LS_IS_UNDEF (cls))
          return ls_raise (vm, LS_EXC_RUNTIME_ERROR, "super(): empty __class__ cell");
        break;
      }
  if (LS_IS_UNDEF (cls))
    return ls_raise (vm, LS_EXC_RUNTIME_ERROR, "super(): __class__ cell not found");
  if (!LS_OBJ_IS (cls, LS_OBJ_TYPE))
    return ls_raise (vm, LS_EXC_RUNTIME_ERROR, "super(): __class__ is not a type (%s)",
                     ls_type_name (vm, cls));
  return super_new (vm, (LsType *) LS_AS_OBJ (cls), first);
}

/* ------------------------------------------- staticmethod, classmethod, property */

static LsValue
wrapper_new (LsVM    *vm,
             LsTypeId id,
             LsValue  func)
{
  LsWrapper *w = ls_gc_alloc (vm, LS_OBJ_WRAPPER, vm->types[id], sizeof (LsWrapper));
  w->func = func;
  return ls_obj (w);
}

LsValue
_ls_builtin_staticmethod (LsVM          *vm,
                          LsValue        self,
                          const LsValue *args,
                          int            nargs,
                          LsTuple       *kwnames)
{
  LsValue f = LS_UNDEF;

  if (!ls_parse_args (vm, "staticmethod", "function", args, nargs, kwnames, &f))
    return LS_ERR;
  return wrapper_new (vm, LS_T_STATICMETHOD, f);
}

LsValue
_ls_builtin_classmethod (LsVM          *vm,
                         LsValue        self,
                         const LsValue *args,
                         int            nargs,
                         LsTuple       *kwnames)
{
  LsValue f = LS_UNDEF;

  if (!ls_parse_args (vm, "classmethod", "function", args, nargs, kwnames, &f))
    return LS_ERR;
  return wrapper_new (vm, LS_T_CLASSMETHOD, f);
}

static LsValue
property_make (LsVM    *vm,
               LsType  *type,
               LsValue  fget,
               LsValue  fset,
               LsValue  fdel,
               LsValue  doc)
{
  LsProperty *p = ls_gc_alloc (vm, LS_OBJ_PROPERTY, type, sizeof (LsProperty));

  p->fget = fget;
  p->fset = fset;
  p->fdel = fdel;
  if (LS_IS_NONE (doc) && !LS_IS_NONE (fget))
    {
      doc = ls_getattr_opt (vm, fget, LS_NAME (vm, __doc__));
      if (LS_IS_UNDEF (doc))
        doc = LS_NONE;
      ls_exc_clear (vm);
    }
  p->doc = doc;
  return ls_obj (p);
}

LsValue
_ls_builtin_property (LsVM          *vm,
                      LsValue        self,
                      const LsValue *args,
                      int            nargs,
                      LsTuple       *kwnames)
{
  LsValue a[4] = { LS_NONE, LS_NONE, LS_NONE, LS_NONE };
  LsType *type = LS_OBJ_IS (self, LS_OBJ_TYPE) ? (LsType *) LS_AS_OBJ (self) : vm->types[LS_T_PROPERTY];

  if (!ls_parse_args (vm, "property", "|fget,fset,fdel,doc", args, nargs, kwnames, a))
    return LS_ERR;
  return property_make (vm, type, a[0], a[1], a[2], a[3]);
}

static LsValue
property_copy_with (LsVM          *vm,
                    LsValue        self,
                    const LsValue *args,
                    int            nargs,
                    int            which)
{
  LsProperty *p;
  LsValue f[3];

  if (!LS_OBJ_IS (self, LS_OBJ_PROPERTY) || nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "property method takes exactly one argument");
  p = (LsProperty *) LS_AS_OBJ (self);
  f[0] = p->fget;
  f[1] = p->fset;
  f[2] = p->fdel;
  f[which] = args[0];
  return property_make (vm, p->hdr.type, f[0], f[1], f[2], which == 0 ? LS_NONE : p->doc);
}

static LsValue
property_getter (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return property_copy_with (vm, self, args, nargs, 0);
}

static LsValue
property_setter (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return property_copy_with (vm, self, args, nargs, 1);
}

static LsValue
property_deleter (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return property_copy_with (vm, self, args, nargs, 2);
}

static LsValue
property_dunder_get (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  if (nargs < 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "expected at least 1 argument, got 0");
  if (LS_IS_NONE (args[0]))
    return self;
  return property_get (vm, (LsProperty *) LS_AS_OBJ (self), args[0], NULL);
}

/* --------------------------------------------------------- type and object */

LsValue
_ls_builtin_type (LsVM          *vm,
                  LsValue        self,
                  const LsValue *args,
                  int            nargs,
                  LsTuple       *kwnames)
{
  if (nargs == 1 && (kwnames == NULL || kwnames->len == 0))
    return ls_obj (ls_typeof (vm, args[0]));
  if (nargs == 3)
    {
      LsValue bases = args[1];
      LsTuple *bt;
      if (!LS_OBJ_IS (args[0], LS_OBJ_STR))
        return ls_raise (vm, LS_EXC_TYPE_ERROR, "type.__new__() argument 1 must be str, not %s",
                         ls_type_name (vm, args[0]));
      if (!LS_OBJ_IS (bases, LS_OBJ_TUPLE))
        return ls_raise (vm, LS_EXC_TYPE_ERROR, "type.__new__() argument 2 must be tuple, not %s",
                         ls_type_name (vm, bases));
      if (!LS_OBJ_IS (args[2], LS_OBJ_DICT))
        return ls_raise (vm, LS_EXC_TYPE_ERROR, "type.__new__() argument 3 must be dict, not %s",
                         ls_type_name (vm, args[2]));
      bt = (LsTuple *) LS_AS_OBJ (bases);
      return _ls_build_class (vm, (LsStr *) LS_AS_OBJ (args[0]), bt->items, (int) bt->len,
                              ls_dict_copy (vm, (LsDict *) LS_AS_OBJ (args[2])), LS_UNDEF);
    }
  return ls_raise (vm, LS_EXC_TYPE_ERROR, "type() takes 1 or 3 arguments");
}

LsValue
_ls_builtin_object (LsVM          *vm,
                    LsValue        self,
                    const LsValue *args,
                    int            nargs,
                    LsTuple       *kwnames)
{
  LsType *type = LS_OBJ_IS (self, LS_OBJ_TYPE) ? (LsType *) LS_AS_OBJ (self) : vm->types[LS_T_OBJECT];
  LsInstance *o;

  if (nargs > 0 || (kwnames != NULL && kwnames->len > 0))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() takes no arguments", ls_str_cstr (type->name));
  o = ls_gc_alloc (vm, LS_OBJ_INSTANCE, type, sizeof (LsInstance));
  if (!(type->hdr.flags & LS_TYPE_BUILTIN))
    o->dict = ls_dict_new (vm);
  return ls_obj (o);
}

static LsValue
object_init (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  if (nargs > 0 || (kw != NULL && kw->len > 0))
    return ls_raise (vm, LS_EXC_TYPE_ERROR,
                     "object.__init__() takes exactly one argument (the instance to initialize)");
  return LS_NONE;
}

static LsValue
object_new (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsType *type;

  if (nargs < 1 || !LS_OBJ_IS (args[0], LS_OBJ_TYPE))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "object.__new__(X): X is not a type object");
  type = (LsType *) LS_AS_OBJ (args[0]);
  if (type->instance_kind == LS_OBJ_EXCEPTION)
    return ls_exc_new (vm, type, args + 1, nargs - 1);
  if (type->instance_kind != LS_OBJ_INSTANCE)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "object.__new__(%s) is not safe",
                     ls_str_cstr (type->name));
  if (_ls_is_number_subtype (vm, type))
    {
      /* CPython names the first class that does not define __new__ itself */
      LsType *base = type;

      while (base->base != NULL
             && LS_OBJ_IS (ls_dict_get_str (base->dict, LS_NAME (vm, __new__)), LS_OBJ_WRAPPER))
        base = base->base;
      return ls_raise (vm, LS_EXC_TYPE_ERROR, "object.__new__(%s) is not safe, use %s.__new__()",
                       ls_str_cstr (type->name), ls_str_cstr (base->name));
    }
  return _ls_builtin_object (vm, args[0], NULL, 0, NULL);
}

static LsValue
object_init_subclass (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  if (nargs > 0 || (kw != NULL && kw->len > 0))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s.__init_subclass__() takes no keyword arguments",
                     LS_OBJ_IS (self, LS_OBJ_TYPE) ? ls_str_cstr (((LsType *) LS_AS_OBJ (self))->name)
                                                   : "object");
  return LS_NONE;
}

/* The default repr, "<__main__.Foo object at 0x7f...>". */
static LsValue
object_repr (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsType *t = ls_typeof (vm, self);
  const char *mod = t->module ? ls_str_cstr (t->module) : NULL;
  LsValue m = ls_dict_get_str (t->dict, LS_NAME (vm, __module__));

  if (LS_OBJ_IS (m, LS_OBJ_STR))
    mod = ls_str_cstr ((LsStr *) LS_AS_OBJ (m));
  if (!LS_IS_OBJ (self) || (t->hdr.flags & LS_TYPE_BUILTIN && self.u.o->kind != LS_OBJ_INSTANCE
                            && self.u.o->kind != LS_OBJ_CDATA))
    return ls_repr (vm, self);
  if (mod == NULL || strcmp (mod, "builtins") == 0)
    return ls_obj (ls_str_printf (vm, "<%s object at %p>", ls_str_cstr (t->qualname),
                                  (void *) self.u.o));
  return ls_obj (ls_str_printf (vm, "<%s.%s object at %p>", mod, ls_str_cstr (t->qualname),
                                (void *) self.u.o));
}

static LsValue
object_str (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return ls_repr (vm, self);
}

static LsValue
object_eq (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  if (nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "expected 1 argument, got %d", nargs);
  return ls_is (self, args[0]) ? LS_TRUE : vm->not_implemented;
}

static LsValue
object_ne (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsValue r;
  int t;

  if (nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "expected 1 argument, got %d", nargs);
  /* the == of self's own type, not reflected: object.__ne__(1, 2) is True */
  r = _ls_richcmp_one_side (vm, self, args[0], LS_CMP_EQ);
  if (LS_IS_ERR (r) || ls_is (r, vm->not_implemented))
    return r;
  t = ls_truthy (vm, r);
  return t < 0 ? LS_ERR : ls_bool (!t);
}

/* object.__lt__ and friends: the ordering object does not have */
static LsValue
object_no_order (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  if (nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "expected 1 argument, got %d", nargs);
  return vm->not_implemented;
}

static LsValue
object_hash (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  if (!LS_IS_OBJ (self))
    {
      gint64 h;
      if (!ls_hash (vm, self, &h))
        return LS_ERR;
      return ls_int (h);
    }
  return ls_int ((gint64) (((guintptr) self.u.o) >> 4));
}

static LsValue
object_setattr (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsDict *d;

  if (nargs != 2 || !LS_OBJ_IS (args[0], LS_OBJ_STR))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "expected 2 arguments, got %d", nargs);
  d = _ls_instance_dict (vm, self, TRUE);
  if (d == NULL)
    return _ls_raise_attribute_error (vm, self, (LsStr *) LS_AS_OBJ (args[0]));
  ls_dict_set (vm, d, args[0], args[1]);
  return LS_NONE;
}

static LsValue
object_getattribute (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  if (nargs != 1 || !LS_OBJ_IS (args[0], LS_OBJ_STR))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "expected 1 argument, got %d", nargs);
  return ls_getattr (vm, self, (LsStr *) LS_AS_OBJ (args[0]));
}

static LsValue
object_delattr (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsDict *d;
  int r;

  if (nargs != 1 || !LS_OBJ_IS (args[0], LS_OBJ_STR))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "expected 1 argument, got %d", nargs);
  d = _ls_instance_dict (vm, self, FALSE);
  r = d ? ls_dict_del (vm, d, args[0]) : 0;
  if (r == 0)
    return _ls_raise_attribute_error (vm, self, (LsStr *) LS_AS_OBJ (args[0]));
  return r < 0 ? LS_ERR : LS_NONE;
}

static LsValue
object_format (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  if (nargs != 1 || !LS_OBJ_IS (args[0], LS_OBJ_STR))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "format expects arg 2 to be string");
  if (((LsStr *) LS_AS_OBJ (args[0]))->len > 0)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "unsupported format string passed to %s.__format__",
                     ls_type_name (vm, self));
  return ls_to_str (vm, self);
}

static LsValue
type_mro (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsValue t = type_mro_tuple (vm, (LsType *) LS_AS_OBJ (self));
  LsTuple *tt = (LsTuple *) LS_AS_OBJ (t);
  return ls_obj (ls_list_from (vm, tt->items, tt->len));
}

/* ------------------------------------------------------------ classes */

static void
wrap_implicit (LsVM     *vm,
               LsDict   *ns,
               LsStr    *name,
               LsTypeId  wrapper)
{
  LsValue v = ls_dict_get_str (ns, name);

  if (LS_OBJ_IS (v, LS_OBJ_FUNCTION))
    ls_dict_set_str (vm, ns, name, wrapper_new (vm, wrapper, v));
}

static gboolean
call_set_names (LsVM   *vm,
                LsType *type)
{
  LsDict *ns = type->dict;
  GArray *items = g_array_new (FALSE, FALSE, sizeof (LsValue));
  LsValue k, v;
  gsize pos = 0;
  gboolean ok = TRUE;

  /* Snapshot first: __set_name__ may change the class dict. */
  while (ls_dict_next (ns, &pos, &k, &v))
    {
      g_array_append_val (items, k);
      g_array_append_val (items, v);
    }
  for (guint i = 0; ok && i < items->len; i += 2)
    {
      LsValue val = g_array_index (items, LsValue, i + 1);
      LsValue m;
      if (!LS_IS_OBJ (val) || (val.u.o->type->hdr.flags & LS_TYPE_BUILTIN))
        continue;
      m = ls_lookup_special (vm, val, LS_NAME (vm, __set_name__));
      if (LS_IS_UNDEF (m))
        {
          if (!LS_IS_UNDEF (vm->exc))
            ok = FALSE;
          continue;
        }
      {
        LsValue args[2] = { ls_obj (type), g_array_index (items, LsValue, i) };
        if (LS_IS_ERR (ls_call (vm, m, args, 2, NULL)))
          ok = FALSE;
      }
    }
  g_array_unref (items);
  return ok;
}

LsValue
_ls_build_class (LsVM    *vm,
                 LsStr   *name,
                 LsValue *bases,
                 int      n_bases,
                 LsDict  *ns,
                 LsValue  classcell)
{
  LsType *base = vm->types[LS_T_OBJECT];
  LsType *t;
  LsValue v;

  if (n_bases > 0)
    {
      if (!LS_OBJ_IS (bases[0], LS_OBJ_TYPE))
        return ls_raise (vm, LS_EXC_TYPE_ERROR, "bases must be types");
      base = (LsType *) LS_AS_OBJ (bases[0]);
    }
  for (int i = 1; i < n_bases; i++)
    if (!LS_OBJ_IS (bases[i], LS_OBJ_TYPE))
      return ls_raise (vm, LS_EXC_TYPE_ERROR, "bases must be types");
  if (!(base->hdr.flags & LS_TYPE_BASETYPE))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "type '%s' is not an acceptable base type",
                     ls_str_cstr (base->name));

  t = _ls_type_alloc (vm, base, (LsObjKind) base->instance_kind);
  t->hdr.flags = LS_TYPE_BASETYPE
               | (base->hdr.flags & (LS_TYPE_EXCEPTION | LS_TYPE_EXC_GROUP));
  t->name = name;
  v = ls_dict_get_str (ns, LS_NAME (vm, __qualname__));
  if (LS_OBJ_IS (v, LS_OBJ_STR))
    {
      t->qualname = (LsStr *) LS_AS_OBJ (v);
      ls_dict_del (vm, ns, ls_obj (LS_NAME (vm, __qualname__)));
    }
  else
    t->qualname = name;
  v = ls_dict_get_str (ns, LS_NAME (vm, __module__));
  t->module = LS_OBJ_IS (v, LS_OBJ_STR) ? (LsStr *) LS_AS_OBJ (v) : LS_NAME (vm, __main__);
  t->dict = ns;
  if (LS_OBJ_IS (ls_dict_get_str (ns, LS_NAME (vm, __classcell__)), LS_OBJ_CELL))
    {
      if (LS_IS_UNDEF (classcell))
        classcell = ls_dict_get_str (ns, LS_NAME (vm, __classcell__));
      ls_dict_del (vm, ns, ls_obj (LS_NAME (vm, __classcell__)));
    }
  if (LS_OBJ_IS (classcell, LS_OBJ_CELL))
    ((LsCell *) LS_AS_OBJ (classcell))->value = ls_obj (t);

  wrap_implicit (vm, ns, LS_NAME (vm, __init_subclass__), LS_T_CLASSMETHOD);
  wrap_implicit (vm, ns, LS_NAME (vm, __class_getitem__), LS_T_CLASSMETHOD);
  wrap_implicit (vm, ns, LS_NAME (vm, __new__), LS_T_STATICMETHOD);

  if (!call_set_names (vm, t))
    return LS_ERR;

  /* super(t, t).__init_subclass__() */
  for (LsType *b = base; b != NULL; b = b->base)
    {
      LsValue is = ls_dict_get_str (b->dict, LS_NAME (vm, __init_subclass__));
      if (LS_IS_UNDEF (is))
        continue;
      is = _ls_bind_descriptor (vm, is, ls_obj (t), t);
      if (LS_IS_ERR (is) || LS_IS_ERR (ls_call (vm, is, NULL, 0, NULL)))
        return LS_ERR;
      break;
    }
  return ls_obj (t);
}

/* ------------------------------------------------------------------ init */

void
_ls_attr_init_types (LsVM *vm)
{
  LsType *object = vm->types[LS_T_OBJECT];
  LsType *property = vm->types[LS_T_PROPERTY];

  ls_type_add_method (vm, object, "__init__", object_init);
  ls_type_add_static (vm, object, "__new__", object_new);
  ls_type_add_classmethod (vm, object, "__init_subclass__", object_init_subclass);
  ls_type_add_method (vm, object, "__repr__", object_repr);
  ls_type_add_method (vm, object, "__str__", object_str);
  ls_type_add_method (vm, object, "__eq__", object_eq);
  ls_type_add_method (vm, object, "__ne__", object_ne);
  ls_type_add_method (vm, object, "__lt__", object_no_order);
  ls_type_add_method (vm, object, "__le__", object_no_order);
  ls_type_add_method (vm, object, "__gt__", object_no_order);
  ls_type_add_method (vm, object, "__ge__", object_no_order);
  ls_type_add_method (vm, object, "__hash__", object_hash);
  ls_type_add_method (vm, object, "__setattr__", object_setattr);
  ls_type_add_method (vm, object, "__getattribute__", object_getattribute);
  ls_type_add_method (vm, object, "__delattr__", object_delattr);
  ls_type_add_method (vm, object, "__format__", object_format);
  ls_type_add_method (vm, vm->types[LS_T_TYPE], "mro", type_mro);

  ls_type_add_method (vm, property, "getter", property_getter);
  ls_type_add_method (vm, property, "setter", property_setter);
  ls_type_add_method (vm, property, "deleter", property_deleter);
  ls_type_add_method (vm, property, "__get__", property_dunder_get);

  vm->types[LS_T_TYPE]->ctor = _ls_builtin_type;
  vm->types[LS_T_STATICMETHOD]->ctor = _ls_builtin_staticmethod;
  vm->types[LS_T_CLASSMETHOD]->ctor = _ls_builtin_classmethod;
  vm->types[LS_T_PROPERTY]->ctor = _ls_builtin_property;
  vm->types[LS_T_SUPER]->ctor = _ls_builtin_super;
}
