/* ls-gen-release.c: closing generators when CPython's reference counting
 * would: at `del`, rebinding, a returning frame or a call done with a
 * temporary, and at exit. Only generators suspended inside a try/with block
 * ("guarded") can show it, so only they are tracked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The collector traces, so "the last reference went" is a question: a full
 * mark from the roots (no sweep), after a cheap look for the obvious
 * holders. A generator in a reference cycle with what dropped it waits for
 * exit, as CPython's does for its cycle collector.
 *
 * Where CPython would close earlier than this does: a generator held more
 * than one object deep (an attribute of an attribute, a big container)
 * when the outer object goes; one replaced in an object with __slots__ or
 * a dict subclass; a temporary given to a builtin other than as its last
 * argument (or receiver). Those wait for exit (ls_vm_finalize_main), as do
 * generators that are only garbage inside cycles.
 */
#include "config.h"

#include <string.h>

#include "ls-vm-private.h"

/* Only a generator waiting inside a try/with block has something to run
 * when it is closed. */
void
_ls_gen_note_suspended (LsVM        *vm,
                        LsGenerator *gen)
{
  if (!gen->guarded && gen->kind == LS_GEN_KIND_GENERATOR && gen->frame != NULL
      && gen->frame->n_blocks > 0)
    {
      gen->guarded = TRUE;
      vm->st->guarded_gens++;
    }
}

#define MAX_HELD 16   /* bigger containers are not searched */

static gboolean
is_closable (LsValue v)
{
  return LS_OBJ_IS (v, LS_OBJ_GENERATOR) && ((LsGenerator *) LS_AS_OBJ (v))->guarded
         && ((LsGenerator *) LS_AS_OBJ (v))->state == LS_GEN_SUSPENDED;
}

/* The closable generators among values, in the order CPython's deallocation
 * drops them: lists and tuples from the end, dicts from the start. */
static int
collect_closable (const LsValue  *values,
                  gsize           n,
                  gboolean        backwards,
                  LsGenerator   **out)
{
  int found = 0;

  if (n > MAX_HELD)
    return 0;
  for (gsize i = 0; i < n; i++)
    {
      LsValue v = values[backwards ? n - 1 - i : i];
      if (is_closable (v))
        out[found++] = (LsGenerator *) LS_AS_OBJ (v);
    }
  return found;
}

static int
dict_closable (LsDict       *d,
               LsGenerator **out)
{
  LsValue values[MAX_HELD], key;
  gsize pos = 0, n = 0;

  if (d == NULL || d->len > MAX_HELD)
    return 0;
  while (n < MAX_HELD && ls_dict_next (d, &pos, &key, &values[n]))
    n++;
  return collect_closable (values, n, FALSE, out);
}

/* v itself, or what it held directly, that may just have died */
static int
dropped_generators (LsValue       v,
                    LsGenerator **out)
{
  LsObj *o;

  if (is_closable (v))
    {
      out[0] = (LsGenerator *) LS_AS_OBJ (v);
      return 1;
    }
  if (!LS_IS_OBJ (v))
    return 0;
  o = LS_AS_OBJ (v);
  switch (o->kind)
    {
    case LS_OBJ_INSTANCE:
      return dict_closable (((LsInstance *) o)->dict, out);
    case LS_OBJ_DICT:
      return dict_closable ((LsDict *) o, out);
    case LS_OBJ_LIST:
      return collect_closable (((LsList *) o)->items, ((LsList *) o)->len, TRUE, out);
    case LS_OBJ_TUPLE:
      return collect_closable (((LsTuple *) o)->items, ((LsTuple *) o)->len, TRUE, out);
    default:
      return 0;
    }
}

static gboolean holds (LsValue v, LsObj *target, int depth);

static gboolean
values_hold (const LsValue *values,
             gsize          n,
             LsObj         *target,
             int            depth)
{
  for (gsize i = 0; i < n; i++)
    if (holds (values[i], target, depth))
      return TRUE;
  return FALSE;
}

static gboolean
dict_holds (LsDict *d,
            LsObj  *target,
            int     depth,
            gsize   max)
{
  LsValue key, value;
  gsize pos = 0;

  if (d == NULL || d->len > max)
    return FALSE;
  while (ls_dict_next (d, &pos, &key, &value))
    if (holds (value, target, depth))
      return TRUE;
  return FALSE;
}

/* Whether v is target or holds it within depth steps (small containers only). */
static gboolean
holds (LsValue  v,
       LsObj   *target,
       int      depth)
{
  LsObj *o;

  if (!LS_IS_OBJ (v))
    return FALSE;
  o = LS_AS_OBJ (v);
  if (o == target)
    return TRUE;
  if (depth == 0)
    return FALSE;
  switch (o->kind)
    {
    case LS_OBJ_INSTANCE:
      return dict_holds (((LsInstance *) o)->dict, target, depth - 1, MAX_HELD);
    case LS_OBJ_DICT:
      return dict_holds ((LsDict *) o, target, depth - 1, MAX_HELD);
    case LS_OBJ_LIST:
      return ((LsList *) o)->len <= MAX_HELD
             && values_hold (((LsList *) o)->items, ((LsList *) o)->len, target, depth - 1);
    case LS_OBJ_TUPLE:
      return ((LsTuple *) o)->len <= MAX_HELD
             && values_hold (((LsTuple *) o)->items, ((LsTuple *) o)->len, target, depth - 1);
    case LS_OBJ_CELL:
      return holds (((LsCell *) o)->value, target, depth - 1);
    case LS_OBJ_BOUND_METHOD:
      return holds (((LsBoundMethod *) o)->self, target, depth);
    default:
      return FALSE;
    }
}

/* A cheap look for a generator that is obviously alive: held (within two
 * steps) by the running frames or the current globals. Saves the full mark
 * for `g = self.gen` and the like. */
static gboolean
obviously_reachable (LsVM  *vm,
                     LsObj *target)
{
  int depth = 0;

  for (LsFrame *f = vm->st->frame; f != NULL && depth < 16; f = f->back, depth++)
    {
      gsize fixed = (gsize) f->code->n_locals + f->code->n_cells + f->code->n_free;

      if (values_hold (f->slots, fixed, target, 2)
          || (f->sp != NULL && f->sp > f->stack
              && values_hold (f->stack, (gsize) (f->sp - f->stack), target, 2))
          || (depth == 0 && dict_holds (f->globals, target, 1, G_MAXSIZE)))
        return TRUE;
    }
  return FALSE;
}

/* A generator that refers back to itself or to the object that held it is
 * in a reference cycle: CPython frees that only in a later collection (or
 * at exit), not when the last outside reference goes. */
static gboolean
in_cycle (LsVM        *vm,
          LsGenerator *gen,
          LsValue      dropped)
{
  LsObj *targets[2] = { &gen->hdr, LS_AS_OBJ (dropped) };
  gboolean cycle;

  /* the frame's pointer back to its generator is no reference */
  gen->frame->gen = NULL;
  cycle = _ls_gc_reaches (vm, &gen->hdr, targets, 2);
  gen->frame->gen = gen;
  return cycle;
}

void
_ls_gen_release (LsVM    *vm,
                 LsValue  v)
{
  LsGenerator *gens[MAX_HELD];
  gboolean reached[MAX_HELD];
  LsValue saved;
  int n;

  if (vm->native_depth > 0 || vm->st->guarded_gens == 0)
    return;
  n = dropped_generators (v, gens);
  if (n == 1 && obviously_reachable (vm, &gens[0]->hdr))
    return;
  if (n == 0)
    return;
  _ls_gc_check_reachable (vm, (LsObj *const *) gens, n, reached);
  saved = vm->exc;
  vm->exc = LS_UNDEF;
  for (int i = 0; i < n; i++)
    if (!reached[i] && gens[i]->state == LS_GEN_SUSPENDED && !in_cycle (vm, gens[i], v))
      _ls_gen_drop_temp (vm, gens[i]);
  vm->exc = saved;
}

LsValue
_ls_gen_attr_before (LsValue  obj,
                     LsStr   *name)
{
  LsDict *d;

  if (!LS_OBJ_IS (obj, LS_OBJ_INSTANCE) || (d = ((LsInstance *) LS_AS_OBJ (obj))->dict) == NULL)
    return LS_UNDEF;
  return ls_dict_get_str (d, name);
}

LsValue
_ls_gen_item_before (LsVM    *vm,
                     LsValue  obj,
                     LsValue  key)
{
  LsValue v = LS_UNDEF;

  if (LS_OBJ_IS (obj, LS_OBJ_LIST) && LS_IS_INT (key))
    {
      LsList *l = (LsList *) LS_AS_OBJ (obj);
      gint64 i = LS_AS_INT (key) < 0 ? LS_AS_INT (key) + (gint64) l->len : LS_AS_INT (key);

      return i >= 0 && i < (gint64) l->len ? l->items[i] : LS_UNDEF;
    }
  /* only keys whose hashing runs no Python code */
  if (LS_OBJ_IS (obj, LS_OBJ_DICT) && LS_AS_OBJ (obj)->type == vm->types[LS_T_DICT]
      && (LS_IS_INTLIKE (key) || LS_OBJ_IS (key, LS_OBJ_STR))
      && ls_dict_lookup (vm, (LsDict *) LS_AS_OBJ (obj), key, &v) <= 0)
    return LS_UNDEF;
  return v;
}

/* Closes generators, keeping any exception pending in the program. */
static void
close_generators (LsVM         *vm,
                  LsGenerator **gens,
                  guint         n,
                  gboolean     *skip)
{
  LsValue saved = vm->exc;

  vm->exc = LS_UNDEF;
  for (guint i = 0; i < n; i++)
    if ((skip == NULL || !skip[i]) && gens[i]->state == LS_GEN_SUSPENDED)
      _ls_gen_drop_temp (vm, gens[i]);
  vm->exc = saved;
}

/* The guarded generators still alive, oldest first; with only_garbage, those
 * nothing reaches any more (the collection CPython runs first at exit). */
static void
close_remaining (LsVM     *vm,
                 gboolean  only_garbage)
{
  g_autoptr (GPtrArray) gens = g_ptr_array_new ();
  g_autofree gboolean *reached = NULL;

  /* the heap list runs newest first */
  for (LsObj *o = vm->objects; o != NULL; o = o->gc_next)
    if (o->kind == LS_OBJ_GENERATOR && ((LsGenerator *) o)->guarded)
      g_ptr_array_add (gens, o);
  if (gens->len == 0)
    return;
  for (guint i = 0; i < gens->len / 2; i++)
    {
      gpointer t = gens->pdata[i];
      gens->pdata[i] = gens->pdata[gens->len - 1 - i];
      gens->pdata[gens->len - 1 - i] = t;
    }
  if (only_garbage)
    {
      reached = g_new (gboolean, gens->len);
      _ls_gc_check_reachable (vm, (LsObj *const *) gens->pdata, (int) gens->len, reached);
    }
  close_generators (vm, (LsGenerator **) gens->pdata, gens->len, reached);
}

/* Sets the globals of __main__ to None, in order, closing the generators
 * bound to them that die then. */
static void
clear_main_globals (LsVM   *vm,
                    LsDict *d)
{
  LsValue key, value;
  gsize pos = 0;

  while (ls_dict_next (d, &pos, &key, &value))
    {
      LsGenerator *gen;
      gboolean reached;

      if (!LS_OBJ_IS (key, LS_OBJ_STR) || !is_closable (value)
          || strcmp (ls_str_cstr ((LsStr *) LS_AS_OBJ (key)), "__builtins__") == 0)
        continue;
      /* overwriting a value leaves the dict's layout and this walk alone */
      ls_dict_set (vm, d, key, LS_NONE);
      gen = (LsGenerator *) LS_AS_OBJ (value);
      _ls_gc_check_reachable (vm, (LsObj *const *) &gen, 1, &reached);
      close_generators (vm, &gen, 1, &reached);
    }
}

/* CPython's order at exit comes from its collector: garbage cycles first,
 * then, for globals created in order, the generators bound to globals, then
 * the rest. */
void
ls_vm_finalize_main (LsVM *vm)
{
  LsVMState *st = vm->st;

  g_return_if_fail (st->frame == NULL && vm->native_depth == 0);
  if (st->guarded_gens == 0 || st->main_module == NULL)
    return;
  close_remaining (vm, TRUE);
  clear_main_globals (vm, st->main_module->dict);
  close_remaining (vm, FALSE);
}
