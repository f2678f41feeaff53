/* ls-gc.c: the heap: allocation accounting and a precise mark & sweep collector.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Allocation never collects; it only raises vm->gc_pending once the heap has
 * grown past vm->next_gc. The dispatch loop calls ls_gc_safepoint() between
 * two instructions, and only when vm->native_depth is 0: at that point every
 * live value is in a frame slot, a frame's operand stack (below its saved
 * stack pointer) or reachable from a root, and no C code further up the
 * stack holds a raw pointer to a young object. Natives may therefore keep
 * object pointers in C locals while they run, even across ls_call().
 *
 * Marking uses an explicit gray stack, so deep structures (long linked lists,
 * nested tuples) never recurse in C.
 */
#include "config.h"

#include <string.h>

#include "ls-vm-private.h"

#define LS_GC_INITIAL_THRESHOLD ((gsize) 4 << 20)
#define LS_POOL_CHUNK           ((gsize) 256 << 10)

/* Under AddressSanitizer every object gets its own malloc, so that reuse
 * of freed objects is caught. */
#if defined(__SANITIZE_ADDRESS__)
#define LS_USE_POOL 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LS_USE_POOL 0
#endif
#endif
#ifndef LS_USE_POOL
#define LS_USE_POOL 1
#endif

/* ------------------------------------------------------------ the pool */

/* Small objects come from per-size free lists carved out of big chunks:
 * allocation-light and cache-friendly. */
static gpointer
pool_alloc (LsVM  *vm,
            gsize  size)
{
  LsPool *pool = &vm->st->pool;
  gsize cls, bytes;
  gpointer p;

  if (!LS_USE_POOL || size > LS_POOL_MAX)
    return g_malloc0 (size);
  cls = (size + LS_POOL_GRAIN - 1) / LS_POOL_GRAIN - 1;
  bytes = (cls + 1) * LS_POOL_GRAIN;
  p = pool->free[cls];
  if (p != NULL)
    {
      pool->free[cls] = *(gpointer *) p;
      memset (p, 0, bytes);
      return p;
    }
  if ((gsize) (pool->bump_end - pool->bump) < bytes)
    {
      char *chunk = g_malloc (LS_POOL_CHUNK);
      if (pool->chunks == NULL)
        pool->chunks = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (pool->chunks, chunk);
      pool->bump = chunk;
      pool->bump_end = chunk + LS_POOL_CHUNK;
    }
  p = pool->bump;
  pool->bump += bytes;
  memset (p, 0, bytes);
  return p;
}

static void
pool_free (LsVM     *vm,
           gpointer  p,
           gsize     size)
{
  LsPool *pool = &vm->st->pool;
  gsize cls;

  if (!LS_USE_POOL || size > LS_POOL_MAX)
    {
      g_free (p);
      return;
    }
  cls = (size + LS_POOL_GRAIN - 1) / LS_POOL_GRAIN - 1;
  *(gpointer *) p = pool->free[cls];
  pool->free[cls] = p;
}

void
_ls_gc_init (LsVM *vm)
{
  vm->objects = NULL;
  vm->bytes_allocated = 0;
  vm->next_gc = LS_GC_INITIAL_THRESHOLD;
  vm->heap_limit = LS_VM_DEFAULT_HEAP_LIMIT;
  vm->st->roots = g_array_new (FALSE, FALSE, sizeof (LsRootsEntry));
  vm->st->pins = g_array_new (FALSE, FALSE, sizeof (LsValue));
  vm->st->next_roots_id = 1;
}

static inline void
note_growth (LsVM *vm)
{
#ifdef LS_GC_STRESS
  vm->gc_pending = TRUE;
#else
  if (G_UNLIKELY (vm->gc_stress) || vm->bytes_allocated > vm->next_gc)
    vm->gc_pending = TRUE;
#endif
}

gpointer
ls_gc_alloc (LsVM      *vm,
             LsObjKind  kind,
             LsType    *type,
             gsize      size)
{
  LsObj *obj;

  g_assert (size >= sizeof (LsObj) && size <= G_MAXUINT32);
  obj = pool_alloc (vm, size);
  obj->type = type;
  obj->kind = kind;
  obj->gc_size = (guint32) MIN (size, G_MAXUINT32);
  obj->gc_next = vm->objects;
  vm->objects = obj;
  vm->bytes_allocated += size;
  note_growth (vm);
  return obj;
}

/* Buffers owned by objects: g_realloc'd, charged to the heap. A single
 * request larger than the whole heap limit fails with MemoryError (and
 * returns NULL) instead of aborting the process. */
gpointer
ls_gc_realloc_buffer (LsVM     *vm,
                      gpointer  buf,
                      gsize     old_size,
                      gsize     new_size)
{
  if (new_size == 0)
    {
      ls_gc_free_buffer (vm, buf, old_size);
      return NULL;
    }
  if (G_UNLIKELY (new_size > vm->heap_limit))
    {
      ls_raise (vm, LS_EXC_MEMORY_ERROR, "%s", "");
      return NULL;
    }
  buf = g_realloc (buf, new_size);
  if (new_size > old_size)
    {
      vm->bytes_allocated += new_size - old_size;
      note_growth (vm);
    }
  else
    vm->bytes_allocated -= MIN (vm->bytes_allocated, old_size - new_size);
  return buf;
}

void
ls_gc_free_buffer (LsVM     *vm,
                   gpointer  buf,
                   gsize     size)
{
  if (buf == NULL)
    return;
  g_free (buf);
  vm->bytes_allocated -= MIN (vm->bytes_allocated, size);
}

/* ------------------------------------------------------------------ marking */

static void
gray_push (LsVM  *vm,
           LsObj *obj)
{
  LsVMState *st = vm->st;

  if (st->gray_len == st->gray_cap)
    {
      st->gray_cap = MAX (256, st->gray_cap * 2);
      st->gray = g_renew (LsObj *, st->gray, st->gray_cap);
    }
  st->gray[st->gray_len++] = obj;
}

void
ls_gc_mark_obj (LsVM     *vm,
                gpointer  ptr)
{
  LsObj *obj = ptr;

  if (obj == NULL || obj->marked)
    return;
  obj->marked = 1;
  /* Frames are not heap objects; they are traced by their owners. */
  g_assert (obj->kind != LS_OBJ_FRAME);
  gray_push (vm, obj);
}

void
ls_gc_mark_value (LsVM    *vm,
                  LsValue  v)
{
  if (v.tag == LS_V_OBJ)
    ls_gc_mark_obj (vm, v.u.o);
}

static void
mark_values (LsVM          *vm,
             const LsValue *values,
             gsize          n)
{
  for (gsize i = 0; i < n; i++)
    if (values[i].tag == LS_V_OBJ)
      ls_gc_mark_obj (vm, values[i].u.o);
}

static void
mark_strs (LsVM   *vm,
           LsStr **strs,
           int     n)
{
  if (strs == NULL)
    return;
  for (int i = 0; i < n; i++)
    ls_gc_mark_obj (vm, strs[i]);
}

void
_ls_gc_trace_frame (LsVM    *vm,
                    LsFrame *f)
{
  LsCode *code = f->code;
  gsize fixed = (gsize) code->n_locals + code->n_cells + code->n_free;

  ls_gc_mark_obj (vm, code);
  ls_gc_mark_obj (vm, f->func);
  ls_gc_mark_obj (vm, f->globals);
  ls_gc_mark_obj (vm, f->locals);
  ls_gc_mark_obj (vm, f->builtins);
  ls_gc_mark_obj (vm, f->gen);
  ls_gc_mark_value (vm, f->handled);
  ls_gc_mark_value (vm, f->aux);
  mark_values (vm, f->slots, fixed);
  if (f->sp != NULL && f->sp > f->stack)
    mark_values (vm, f->stack, (gsize) (f->sp - f->stack));
}

static void
trace_code (LsVM   *vm,
            LsCode *c)
{
  if (c->consts != NULL)
    mark_values (vm, c->consts, (gsize) c->n_consts);
  mark_strs (vm, c->names, c->n_names);
  mark_strs (vm, c->varnames, c->n_locals);
  mark_strs (vm, c->cellnames, c->n_cells);
  mark_strs (vm, c->freenames, c->n_free);
  ls_gc_mark_obj (vm, c->name);
  ls_gc_mark_obj (vm, c->qualname);
  ls_gc_mark_obj (vm, c->filename);
}

static void
trace_dict (LsVM   *vm,
            LsDict *d)
{
  for (gsize i = 0; i < d->n_entries; i++)
    {
      if (LS_IS_UNDEF (d->entries[i].key))
        continue;
      ls_gc_mark_value (vm, d->entries[i].key);
      ls_gc_mark_value (vm, d->entries[i].value);
    }
}

static void
trace_object (LsVM  *vm,
              LsObj *o)
{
  ls_gc_mark_obj (vm, o->type);

  switch ((LsObjKind) o->kind)
    {
    case LS_OBJ_STR:
    case LS_OBJ_RANGE:
      break;
    case LS_OBJ_TUPLE:
      mark_values (vm, ((LsTuple *) o)->items, ((LsTuple *) o)->len);
      break;
    case LS_OBJ_LIST:
      if (((LsList *) o)->items != NULL)
        mark_values (vm, ((LsList *) o)->items, ((LsList *) o)->len);
      break;
    case LS_OBJ_DICT:
      if (((LsDict *) o)->entries != NULL)
        trace_dict (vm, (LsDict *) o);
      ls_gc_mark_value (vm, ((LsDict *) o)->extra);
      break;
    case LS_OBJ_SET:
      {
        LsSet *s = (LsSet *) o;
        if (s->table != NULL)
          for (gsize i = 0; i <= s->mask; i++)
            ls_gc_mark_value (vm, s->table[i].key);
      }
      break;
    case LS_OBJ_SLICE:
      ls_gc_mark_value (vm, ((LsSlice *) o)->start);
      ls_gc_mark_value (vm, ((LsSlice *) o)->stop);
      ls_gc_mark_value (vm, ((LsSlice *) o)->step);
      break;
    case LS_OBJ_TYPE:
      {
        LsType *t = (LsType *) o;
        ls_gc_mark_obj (vm, t->name);
        ls_gc_mark_obj (vm, t->qualname);
        ls_gc_mark_obj (vm, t->module);
        ls_gc_mark_obj (vm, t->base);
        ls_gc_mark_obj (vm, t->dict);
      }
      break;
    case LS_OBJ_INSTANCE:
      ls_gc_mark_obj (vm, ((LsInstance *) o)->dict);
      break;
    case LS_OBJ_EXCEPTION:
      {
        LsException *e = (LsException *) o;
        ls_gc_mark_obj (vm, e->dict);
        ls_gc_mark_value (vm, e->args);
        ls_gc_mark_value (vm, e->traceback);
        ls_gc_mark_value (vm, e->cause);
        ls_gc_mark_value (vm, e->context);
        ls_gc_mark_value (vm, e->eg_message);
        ls_gc_mark_value (vm, e->eg_exceptions);
      }
      break;
    case LS_OBJ_FUNCTION:
      {
        LsFunction *f = (LsFunction *) o;
        ls_gc_mark_obj (vm, f->code);
        ls_gc_mark_obj (vm, f->globals);
        ls_gc_mark_obj (vm, f->defaults);
        ls_gc_mark_obj (vm, f->kwdefaults);
        ls_gc_mark_obj (vm, f->closure);
        ls_gc_mark_obj (vm, f->name);
        ls_gc_mark_obj (vm, f->qualname);
        ls_gc_mark_obj (vm, f->dict);
        ls_gc_mark_value (vm, f->module);
        ls_gc_mark_value (vm, f->doc);
      }
      break;
    case LS_OBJ_NATIVE:
      ls_gc_mark_value (vm, ((LsNative *) o)->self);
      ls_gc_mark_value (vm, ((LsNative *) o)->data);
      ls_gc_mark_obj (vm, ((LsNative *) o)->owner);
      break;
    case LS_OBJ_BOUND_METHOD:
      ls_gc_mark_value (vm, ((LsBoundMethod *) o)->self);
      ls_gc_mark_value (vm, ((LsBoundMethod *) o)->func);
      break;
    case LS_OBJ_WRAPPER:
      ls_gc_mark_value (vm, ((LsWrapper *) o)->func);
      break;
    case LS_OBJ_PROPERTY:
      ls_gc_mark_value (vm, ((LsProperty *) o)->fget);
      ls_gc_mark_value (vm, ((LsProperty *) o)->fset);
      ls_gc_mark_value (vm, ((LsProperty *) o)->fdel);
      ls_gc_mark_value (vm, ((LsProperty *) o)->doc);
      break;
    case LS_OBJ_SUPER:
      ls_gc_mark_obj (vm, ((LsSuper *) o)->type);
      ls_gc_mark_value (vm, ((LsSuper *) o)->obj);
      break;
    case LS_OBJ_CODE:
      trace_code (vm, (LsCode *) o);
      break;
    case LS_OBJ_CELL:
      ls_gc_mark_value (vm, ((LsCell *) o)->value);
      break;
    case LS_OBJ_GENERATOR:
      {
        LsGenerator *g = (LsGenerator *) o;
        ls_gc_mark_obj (vm, g->code);
        ls_gc_mark_obj (vm, g->name);
        ls_gc_mark_obj (vm, g->qualname);
        if (g->frame != NULL)
          _ls_gc_trace_frame (vm, g->frame);
      }
      break;
    case LS_OBJ_MODULE:
      ls_gc_mark_obj (vm, ((LsModule *) o)->name);
      ls_gc_mark_obj (vm, ((LsModule *) o)->dict);
      break;
    case LS_OBJ_TRACEBACK:
      ls_gc_mark_obj (vm, ((LsTraceback *) o)->next);
      ls_gc_mark_obj (vm, ((LsTraceback *) o)->code);
      break;
    case LS_OBJ_ITER:
      ls_gc_mark_value (vm, ((LsIter *) o)->a);
      ls_gc_mark_value (vm, ((LsIter *) o)->b);
      ls_gc_mark_value (vm, ((LsIter *) o)->c);
      break;
    case LS_OBJ_CDATA:
      {
        LsCData *cd = (LsCData *) o;
        if (cd->klass != NULL && cd->klass->trace != NULL)
          cd->klass->trace (vm, cd);
      }
      break;
    case LS_OBJ_FRAME:
    case LS_OBJ_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static void
mark_roots (LsVM *vm)
{
  LsVMState *st = vm->st;

  for (int i = 0; i < LS_N_TYPES; i++)
    ls_gc_mark_obj (vm, vm->types[i]);
  for (int i = 0; i < LS_N_EXC; i++)
    ls_gc_mark_obj (vm, vm->exc_types[i]);
  for (int i = 0; i < LS_N_NAMES; i++)
    ls_gc_mark_obj (vm, vm->names[i]);
  mark_values (vm, vm->small_strs, G_N_ELEMENTS (vm->small_strs));
  ls_gc_mark_value (vm, vm->empty_str);
  ls_gc_mark_value (vm, vm->empty_tuple);
  ls_gc_mark_value (vm, vm->ellipsis);
  ls_gc_mark_value (vm, vm->not_implemented);
  ls_gc_mark_value (vm, vm->exc);
  ls_gc_mark_obj (vm, vm->modules);
  ls_gc_mark_obj (vm, vm->builtins);

  /* Interned strings are immortal: the interned table's keys point into them. */
  if (vm->interned != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, vm->interned);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        ls_gc_mark_obj (vm, value);
    }

  ls_gc_mark_obj (vm, st->main_module);
  ls_gc_mark_obj (vm, st->asend_type);
  ls_gc_mark_obj (vm, st->athrow_type);
  ls_gc_mark_obj (vm, st->native_type_wrapper);
  ls_gc_mark_value (vm, st->agen_firstiter);
  ls_gc_mark_value (vm, st->agen_finalizer);

  /* The running chain, suspended runs included. A generator's frame is
   * traced through its generator. */
  for (LsFrame *f = st->frame; f != NULL; f = f->back)
    {
      if (f->gen != NULL)
        ls_gc_mark_obj (vm, f->gen);
      else
        _ls_gc_trace_frame (vm, f);
    }

  mark_values (vm, (LsValue *) st->pins->data, st->pins->len);
  for (guint i = 0; i < st->roots->len; i++)
    {
      LsRootsEntry *e = &g_array_index (st->roots, LsRootsEntry, i);
      e->func (vm, e->user_data);
    }
}

static void
drain_gray (LsVM *vm)
{
  LsVMState *st = vm->st;

  while (st->gray_len > 0)
    trace_object (vm, st->gray[--st->gray_len]);
}

/* Attribute dicts of builtin-kind objects live exactly as long as their
 * object: mark them (ephemeron style) until nothing new is reached. */
static void
mark_extra_dicts (LsVM *vm)
{
  GHashTable *t = vm->st->extra_dicts;
  gboolean again = TRUE;

  if (t == NULL)
    return;
  while (again)
    {
      GHashTableIter iter;
      gpointer key, value;

      again = FALSE;
      g_hash_table_iter_init (&iter, t);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (((LsObj *) key)->marked && !((LsObj *) value)->marked)
          {
            ls_gc_mark_obj (vm, value);
            again = TRUE;
          }
      drain_gray (vm);
    }
}

static void
purge_extra_dicts (LsVM *vm)
{
  GHashTableIter iter;
  gpointer key, value;

  if (vm->st->extra_dicts == NULL)
    return;
  g_hash_table_iter_init (&iter, vm->st->extra_dicts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!((LsObj *) key)->marked)
      g_hash_table_iter_remove (&iter);
}

/* ---------------------------------------------------------------- sweeping */

static void
free_object (LsVM  *vm,
             LsObj *o)
{
  switch ((LsObjKind) o->kind)
    {
    case LS_OBJ_LIST:
      {
        LsList *l = (LsList *) o;
        ls_gc_free_buffer (vm, l->items, l->cap * sizeof (LsValue));
      }
      break;
    case LS_OBJ_DICT:
      {
        LsDict *d = (LsDict *) o;
        ls_gc_free_buffer (vm, d->entries, d->cap_entries * sizeof (LsDictEntry));
        if (d->index != NULL)
          ls_gc_free_buffer (vm, d->index, (d->mask + 1) * sizeof (gint64));
      }
      break;
    case LS_OBJ_SET:
      {
        LsSet *s = (LsSet *) o;
        if (s->table != NULL)
          ls_gc_free_buffer (vm, s->table, (s->mask + 1) * sizeof (LsSetEntry));
      }
      break;
    case LS_OBJ_CODE:
      {
        LsCode *c = (LsCode *) o;
        g_free (c->code);
        g_free (c->positions);
        g_free (c->consts);
        g_free (c->names);
        g_free (c->varnames);
        g_free (c->cellnames);
        g_free (c->freenames);
        g_free (c->cell2arg);
      }
      break;
    case LS_OBJ_GENERATOR:
      {
        LsGenerator *g = (LsGenerator *) o;
        if (g->guarded)
          vm->st->guarded_gens--;
        if (g->frame != NULL)
          {
            g->frame->gen = NULL;
            _ls_frame_release (vm, g->frame);
            g->frame = NULL;
          }
      }
      break;
    case LS_OBJ_CDATA:
      {
        LsCData *cd = (LsCData *) o;
        if (cd->klass != NULL && cd->klass->finalize != NULL)
          cd->klass->finalize (vm, cd);
      }
      break;
    default:
      break;
    }
  vm->bytes_allocated -= MIN (vm->bytes_allocated, o->gc_size);
  pool_free (vm, o, o->gc_size);
}

static void
sweep (LsVM *vm)
{
  LsObj **link = &vm->objects;

  while (*link != NULL)
    {
      LsObj *o = *link;

      if (o->marked)
        {
          o->marked = 0;
          link = &o->gc_next;
        }
      else
        {
          *link = o->gc_next;
          free_object (vm, o);
        }
    }
}

gboolean
_ls_gc_reaches (LsVM         *vm,
                LsObj        *from,
                LsObj *const *targets,
                int           n)
{
  gboolean hit = FALSE;

  trace_object (vm, from);
  drain_gray (vm);
  for (int i = 0; i < n; i++)
    hit = hit || targets[i]->marked;
  for (LsObj *x = vm->objects; x != NULL; x = x->gc_next)
    x->marked = 0;
  return hit;
}

void
_ls_gc_check_reachable (LsVM         *vm,
                        LsObj *const *objs,
                        int           n,
                        gboolean     *reached)
{
  mark_roots (vm);
  drain_gray (vm);
  mark_extra_dicts (vm);
  for (int i = 0; i < n; i++)
    reached[i] = objs[i]->marked;
  for (LsObj *x = vm->objects; x != NULL; x = x->gc_next)
    x->marked = 0;
}

void
ls_gc_collect (LsVM *vm)
{
  mark_roots (vm);
  drain_gray (vm);
  mark_extra_dicts (vm);
  purge_extra_dicts (vm);
  if (vm->st->fresh_gen != NULL && !vm->st->fresh_gen->hdr.marked)
    vm->st->fresh_gen = NULL;
  sweep (vm);
  _ls_type_cache_flush ();

  vm->gc_pending = FALSE;
  vm->st->n_collections++;
  /* Grow the threshold with the live heap, but never beyond the limit, so the
   * limit is always checked before the heap can outgrow it by much. */
  vm->next_gc = MAX (vm->bytes_allocated * 2, LS_GC_INITIAL_THRESHOLD);
  if (vm->next_gc > vm->heap_limit)
    vm->next_gc = MAX (vm->heap_limit, vm->bytes_allocated + (vm->heap_limit >> 4));
}

gboolean
ls_gc_safepoint (LsVM *vm)
{
  if (!vm->gc_pending)
    return TRUE;
  g_assert (vm->native_depth == 0);
  ls_gc_collect (vm);
  if (vm->bytes_allocated > vm->heap_limit)
    {
      ls_raise (vm, LS_EXC_MEMORY_ERROR, "%s", "");
      return FALSE;
    }
  return TRUE;
}

/* Frees everything, for ls_vm_free(). */
void
_ls_gc_free_all (LsVM *vm)
{
  LsObj *o = vm->objects;

  _ls_type_cache_flush ();
  /* Generators own frames; release those first while every code object lives. */
  for (LsObj *p = o; p != NULL; p = p->gc_next)
    if (p->kind == LS_OBJ_GENERATOR && ((LsGenerator *) p)->frame != NULL)
      {
        LsGenerator *g = (LsGenerator *) p;
        g->frame->gen = NULL;
        _ls_frame_release (vm, g->frame);
        g->frame = NULL;
      }
  while (o != NULL)
    {
      LsObj *next = o->gc_next;
      free_object (vm, o);
      o = next;
    }
  vm->objects = NULL;
  if (vm->st->extra_dicts != NULL)
    g_hash_table_unref (vm->st->extra_dicts);
  g_free (vm->st->gray);
  vm->st->gray = NULL;
  if (vm->st->pool.chunks != NULL)
    g_ptr_array_unref (vm->st->pool.chunks);
  memset (&vm->st->pool, 0, sizeof vm->st->pool);
  g_array_unref (vm->st->roots);
  g_array_unref (vm->st->pins);
}

/* ------------------------------------------------------------ host roots */

guint
ls_gc_add_roots (LsVM        *vm,
                 LsRootsFunc  func,
                 gpointer     user_data)
{
  LsRootsEntry e = { func, user_data, vm->st->next_roots_id++ };

  g_array_append_val (vm->st->roots, e);
  return e.id;
}

void
ls_gc_remove_roots (LsVM  *vm,
                    guint  id)
{
  GArray *roots = vm->st->roots;

  for (guint i = 0; i < roots->len; i++)
    if (g_array_index (roots, LsRootsEntry, i).id == id)
      {
        g_array_remove_index (roots, i);
        return;
      }
}

void
ls_gc_pin (LsVM    *vm,
           LsValue  v)
{
  if (LS_IS_OBJ (v))
    g_array_append_val (vm->st->pins, v);
}

void
ls_gc_unpin (LsVM    *vm,
             LsValue  v)
{
  GArray *pins = vm->st->pins;

  if (!LS_IS_OBJ (v))
    return;
  for (guint i = pins->len; i-- > 0;)
    if (g_array_index (pins, LsValue, i).u.o == v.u.o)
      {
        g_array_remove_index_fast (pins, i);
        return;
      }
}
