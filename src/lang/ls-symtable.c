/* ls-symtable.c: the scope tree and the local/global/free/cell analysis.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two passes, as CPython's symtable.c does it: a walk over the AST records
 * what each scope does with each name (assigns, uses, declares global...),
 * then a bottom-up analysis decides where every name lives. The rules that
 * matter: class bodies are invisible to the functions nested in them; a name
 * a nested function uses and an enclosing function binds is a cell there and
 * free in between; `super` or `__class__` in a method makes the class body
 * create a `__class__` cell; a walrus in a comprehension binds in the nearest
 * enclosing function (or module).
 */
#include "ls-symtable.h"

#include <string.h>

struct _LsSymtable
{
  LsScope      *top;
  LsScope      *cur;
  GHashTable   *by_node;        /* const LsAst* -> LsScope* */
  GPtrArray    *all_scopes;     /* owns every LsScope */
  GStringChunk *strings;        /* mangled names */
  int           comp_iter_expr; /* > 0 while visiting a comprehension's iterable */
  gboolean      comp_iter_target;
  LsSymtableError *error;
  gboolean      failed;
};

static void visit_stmt  (LsSymtable *st, const LsAst *s);
static void visit_expr  (LsSymtable *st, const LsAst *e);

/* ---------------------------------------------------------------- scopes */

static void
scope_free (gpointer data)
{
  LsScope *s = data;

  g_ptr_array_unref (s->children);
  g_hash_table_unref (s->symbols);
  g_ptr_array_unref (s->symbol_list);
  g_ptr_array_unref (s->params);
  g_free (s);
}

static LsScope *
scope_new (LsSymtable  *st,
           LsScopeKind  kind,
           const char  *name,
           const LsAst *node)
{
  LsScope *s = g_new0 (LsScope, 1);

  s->kind = kind;
  s->name = name;
  s->node = node;
  s->parent = st->cur;
  s->children = g_ptr_array_new ();
  s->symbols = g_hash_table_new (g_str_hash, g_str_equal);
  s->symbol_list = g_ptr_array_new_with_free_func (g_free);
  s->params = g_ptr_array_new ();
  s->private_name = st->cur ? st->cur->private_name : NULL;
  if (st->cur)
    g_ptr_array_add (st->cur->children, s);
  g_ptr_array_add (st->all_scopes, s);
  if (node)
    g_hash_table_insert (st->by_node, (gpointer) node, s);
  return s;
}

gboolean
ls_scope_is_function (LsScope *scope)
{
  return scope->kind == LS_SCOPE_FUNCTION
         || scope->kind == LS_SCOPE_LAMBDA
         || scope->kind == LS_SCOPE_COMPREHENSION;
}

LsSymbol *
ls_scope_symbol (LsScope    *scope,
                 const char *mangled)
{
  return g_hash_table_lookup (scope->symbols, mangled);
}

static LsSymbol *
scope_add_symbol (LsScope    *s,
                  const char *name)
{
  LsSymbol *sym = g_hash_table_lookup (s->symbols, name);

  if (sym == NULL)
    {
      sym = g_new0 (LsSymbol, 1);
      sym->name = name;
      g_hash_table_insert (s->symbols, (gpointer) name, sym);
      g_ptr_array_add (s->symbol_list, sym);
    }
  return sym;
}

/* ---------------------------------------------------------------- errors */

static void
error_at (LsSymtable  *st,
          const LsAst *node,
          const char  *fmt,
          ...) G_GNUC_PRINTF (3, 4);

static void
error_at (LsSymtable  *st,
          const LsAst *node,
          const char  *fmt,
          ...)
{
  va_list ap;

  if (st->failed)
    return;
  st->failed = TRUE;
  va_start (ap, fmt);
  st->error->msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  st->error->node = node;
}

/* ---------------------------------------------------------------- names */

const char *
ls_symtable_mangle (LsSymtable *st,
                    const char *private_name,
                    const char *name)
{
  gsize len = strlen (name);
  g_autofree char *mangled = NULL;

  if (private_name == NULL || len < 2 || name[0] != '_' || name[1] != '_')
    return name;
  /* dunder names and dotted module names stay as they are */
  if ((name[len - 1] == '_' && name[len - 2] == '_') || strchr (name, '.'))
    return name;
  while (*private_name == '_')
    private_name++;
  if (*private_name == '\0')
    return name;
  mangled = g_strconcat ("_", private_name, name, NULL);
  return g_string_chunk_insert_const (st->strings, mangled);
}

static const char *
mangle (LsSymtable *st,
        const char *name)
{
  return ls_symtable_mangle (st, st->cur->private_name, name);
}

static LsSymbol *
add_def_in (LsSymtable  *st,
            LsScope     *scope,
            const char  *name,
            guint        flag,
            const LsAst *node)
{
  LsSymbol *sym = scope_add_symbol (scope, ls_symtable_mangle (st, scope->private_name, name));

  if ((flag & LS_SYM_PARAM) && (sym->flags & LS_SYM_PARAM))
    error_at (st, node, "duplicate argument '%s' in function definition", name);
  sym->flags |= flag;
  return sym;
}

static LsSymbol *
add_def (LsSymtable  *st,
         const char  *name,
         guint        flag,
         const LsAst *node)
{
  LsSymbol *sym = add_def_in (st, st->cur, name, flag, node);

  if ((flag & LS_SYM_LOCAL) && st->comp_iter_target)
    sym->flags |= LS_SYM_COMP_ITER;
  return sym;
}

/* ------------------------------------------------------- declarations */

static const char *
declaration_error (guint       cur,
                   gboolean    is_global)
{
  if (cur & LS_SYM_PARAM)
    return is_global ? "name '%s' is parameter and global"
                     : "name '%s' is parameter and nonlocal";
  if (cur & LS_SYM_USE)
    return is_global ? "name '%s' is used prior to global declaration"
                     : "name '%s' is used prior to nonlocal declaration";
  if (cur & LS_SYM_ANNOT)
    return is_global ? "annotated name '%s' can't be global"
                     : "annotated name '%s' can't be nonlocal";
  return is_global ? "name '%s' is assigned to before global declaration"
                   : "name '%s' is assigned to before nonlocal declaration";
}

static void
visit_declaration (LsSymtable  *st,
                   const LsAst *s,
                   gboolean     is_global)
{
  if (!is_global && st->cur->kind == LS_SCOPE_MODULE)
    {
      error_at (st, s, "nonlocal declaration not allowed at module level");
      return;
    }
  for (int i = 0; i < s->u.global.n_names; i++)
    {
      const char *name = s->u.global.names[i];
      LsSymbol *sym = ls_scope_symbol (st->cur, mangle (st, name));
      guint cur = sym ? sym->flags : 0;

      if (cur & (LS_SYM_PARAM | LS_SYM_LOCAL | LS_SYM_USE | LS_SYM_ANNOT))
        {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
          error_at (st, s, declaration_error (cur, is_global), name);
#pragma GCC diagnostic pop
          return;
        }
      sym = add_def (st, name, is_global ? LS_SYM_GLOBAL : LS_SYM_NONLOCAL, s);
      if (sym->directive == NULL)
        sym->directive = s;
    }
}

/* --------------------------------------------------------- functions */

static void
visit_params (LsSymtable  *st,
              const LsAst *args)
{
  const LsAstList *lists[] = {
    &args->u.arguments.posonlyargs, &args->u.arguments.args, &args->u.arguments.kwonlyargs,
  };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (int i = 0; i < lists[l]->len; i++)
      {
        const LsAst *a = lists[l]->items[i];
        LsSymbol *sym = add_def (st, a->u.arg.arg, LS_SYM_PARAM, a);

        g_ptr_array_add (st->cur->params, (gpointer) sym->name);
      }
  if (args->u.arguments.vararg)
    {
      const LsAst *a = args->u.arguments.vararg;
      g_ptr_array_add (st->cur->params, (gpointer) add_def (st, a->u.arg.arg, LS_SYM_PARAM, a)->name);
    }
  if (args->u.arguments.kwarg)
    {
      const LsAst *a = args->u.arguments.kwarg;
      g_ptr_array_add (st->cur->params, (gpointer) add_def (st, a->u.arg.arg, LS_SYM_PARAM, a)->name);
    }
}

static void
visit_expr_list (LsSymtable      *st,
                 const LsAstList *list)
{
  for (int i = 0; i < list->len; i++)
    if (list->items[i])
      visit_expr (st, list->items[i]);
}

static void
visit_stmt_list (LsSymtable      *st,
                 const LsAstList *list)
{
  for (int i = 0; i < list->len && !st->failed; i++)
    visit_stmt (st, list->items[i]);
}

/* Defaults are evaluated where the def/lambda is; annotations never are. */
static void
visit_defaults (LsSymtable  *st,
                const LsAst *args)
{
  visit_expr_list (st, &args->u.arguments.defaults);
  visit_expr_list (st, &args->u.arguments.kw_defaults);
}

static void
visit_function_def (LsSymtable  *st,
                    const LsAst *s)
{
  LsScope *outer = st->cur;
  LsScope *scope;

  add_def (st, s->u.function_def.name, LS_SYM_LOCAL, s);
  visit_defaults (st, s->u.function_def.args);
  visit_expr_list (st, &s->u.function_def.decorators);

  scope = scope_new (st, LS_SCOPE_FUNCTION, s->u.function_def.name, s);
  scope->is_async = s->u.function_def.is_async;
  scope->is_coroutine = s->u.function_def.is_async;
  st->cur = scope;
  visit_params (st, s->u.function_def.args);
  visit_stmt_list (st, &s->u.function_def.body);
  st->cur = outer;
}

static void
visit_class_def (LsSymtable  *st,
                 const LsAst *s)
{
  LsScope *outer = st->cur;
  LsScope *scope;

  add_def (st, s->u.class_def.name, LS_SYM_LOCAL, s);
  visit_expr_list (st, &s->u.class_def.bases);
  for (int i = 0; i < s->u.class_def.keywords.len; i++)
    visit_expr (st, s->u.class_def.keywords.items[i]->u.keyword.value);
  visit_expr_list (st, &s->u.class_def.decorators);

  scope = scope_new (st, LS_SCOPE_CLASS, s->u.class_def.name, s);
  scope->private_name = s->u.class_def.name;
  st->cur = scope;
  visit_stmt_list (st, &s->u.class_def.body);
  st->cur = outer;
}

/* ------------------------------------------------------- statements */

static void
visit_ann_assign (LsSymtable  *st,
                  const LsAst *s)
{
  const LsAst *target = s->u.ann_assign.target;

  if (target->kind == LS_AST_NAME)
    {
      LsSymbol *sym = ls_scope_symbol (st->cur, mangle (st, target->u.name.id));
      guint cur = sym ? sym->flags : 0;

      if ((cur & (LS_SYM_GLOBAL | LS_SYM_NONLOCAL))
          && st->cur->kind != LS_SCOPE_MODULE && s->u.ann_assign.simple)
        {
          error_at (st, s, (cur & LS_SYM_GLOBAL) ? "annotated name '%s' can't be global"
                                                 : "annotated name '%s' can't be nonlocal",
                    target->u.name.id);
          return;
        }
      if (s->u.ann_assign.simple)
        add_def (st, target->u.name.id, LS_SYM_ANNOT | LS_SYM_LOCAL, target);
      else if (s->u.ann_assign.value)
        add_def (st, target->u.name.id, LS_SYM_LOCAL, target);
    }
  else
    visit_expr (st, target);
  if (s->u.ann_assign.value)
    visit_expr (st, s->u.ann_assign.value);
}

static void
visit_import (LsSymtable  *st,
              const LsAst *s)
{
  const LsAstList *names = s->kind == LS_AST_IMPORT ? &s->u.import.names
                                                    : &s->u.import_from.names;

  for (int i = 0; i < names->len; i++)
    {
      const LsAst *alias = names->items[i];
      const char *name = alias->u.alias.asname ? alias->u.alias.asname : alias->u.alias.name;

      if (strcmp (name, "*") == 0)
        {
          if (st->cur->kind != LS_SCOPE_MODULE)
            error_at (st, alias, "import * only allowed at module level");
          continue;
        }
      if (alias->u.alias.asname == NULL && strchr (name, '.'))
        {
          /* `import a.b` binds a */
          const char *dot = strchr (name, '.');
          g_autofree char *first = g_strndup (name, dot - name);
          name = g_string_chunk_insert_const (st->strings, first);
        }
      add_def (st, name, LS_SYM_LOCAL | LS_SYM_IMPORT, alias);
    }
}

static void
visit_try (LsSymtable  *st,
           const LsAst *s)
{
  visit_stmt_list (st, &s->u.try_.body);
  for (int i = 0; i < s->u.try_.handlers.len; i++)
    {
      const LsAst *h = s->u.try_.handlers.items[i];

      if (h->u.except_handler.type)
        visit_expr (st, h->u.except_handler.type);
      if (h->u.except_handler.name)
        add_def (st, h->u.except_handler.name, LS_SYM_LOCAL, h);
      visit_stmt_list (st, &h->u.except_handler.body);
    }
  visit_stmt_list (st, &s->u.try_.orelse);
  visit_stmt_list (st, &s->u.try_.finalbody);
}

static void
visit_stmt (LsSymtable  *st,
            const LsAst *s)
{
  switch (s->kind)
    {
    case LS_AST_FUNCTION_DEF:
      visit_function_def (st, s);
      break;
    case LS_AST_CLASS_DEF:
      visit_class_def (st, s);
      break;
    case LS_AST_RETURN:
      if (s->u.ret.value)
        visit_expr (st, s->u.ret.value);
      break;
    case LS_AST_DELETE:
      visit_expr_list (st, &s->u.del.targets);
      break;
    case LS_AST_ASSIGN:
      visit_expr_list (st, &s->u.assign.targets);
      visit_expr (st, s->u.assign.value);
      break;
    case LS_AST_AUG_ASSIGN:
      visit_expr (st, s->u.aug_assign.target);
      visit_expr (st, s->u.aug_assign.value);
      break;
    case LS_AST_ANN_ASSIGN:
      visit_ann_assign (st, s);
      break;
    case LS_AST_FOR:
      visit_expr (st, s->u.for_.target);
      visit_expr (st, s->u.for_.iter);
      visit_stmt_list (st, &s->u.for_.body);
      visit_stmt_list (st, &s->u.for_.orelse);
      break;
    case LS_AST_WHILE:
      visit_expr (st, s->u.while_.test);
      visit_stmt_list (st, &s->u.while_.body);
      visit_stmt_list (st, &s->u.while_.orelse);
      break;
    case LS_AST_IF:
      visit_expr (st, s->u.if_.test);
      visit_stmt_list (st, &s->u.if_.body);
      visit_stmt_list (st, &s->u.if_.orelse);
      break;
    case LS_AST_WITH:
      for (int i = 0; i < s->u.with.items.len; i++)
        {
          const LsAst *item = s->u.with.items.items[i];
          visit_expr (st, item->u.with_item.context_expr);
          if (item->u.with_item.optional_vars)
            visit_expr (st, item->u.with_item.optional_vars);
        }
      visit_stmt_list (st, &s->u.with.body);
      break;
    case LS_AST_RAISE:
      if (s->u.raise.exc)
        visit_expr (st, s->u.raise.exc);
      if (s->u.raise.cause)
        visit_expr (st, s->u.raise.cause);
      break;
    case LS_AST_TRY:
      visit_try (st, s);
      break;
    case LS_AST_ASSERT:
      visit_expr (st, s->u.assert_.test);
      if (s->u.assert_.msg)
        visit_expr (st, s->u.assert_.msg);
      break;
    case LS_AST_IMPORT:
    case LS_AST_IMPORT_FROM:
      visit_import (st, s);
      break;
    case LS_AST_GLOBAL:
      visit_declaration (st, s, TRUE);
      break;
    case LS_AST_NONLOCAL:
      visit_declaration (st, s, FALSE);
      break;
    case LS_AST_EXPR:
      visit_expr (st, s->u.expr.value);
      break;
    default:
      break;
    }
}

/* ------------------------------------------------------ expressions */

static const char *
comprehension_scope_name (LsAstKind kind)
{
  switch (kind)
    {
    case LS_AST_LIST_COMP:      return "<listcomp>";
    case LS_AST_SET_COMP:       return "<setcomp>";
    case LS_AST_DICT_COMP:      return "<dictcomp>";
    default:                    return "<genexpr>";
    }
}

static const char *
comprehension_description (LsAstKind kind)
{
  switch (kind)
    {
    case LS_AST_LIST_COMP:      return "list comprehension";
    case LS_AST_SET_COMP:       return "set comprehension";
    case LS_AST_DICT_COMP:      return "dict comprehension";
    default:                    return "generator expression";
    }
}

static void
visit_comp_target (LsSymtable  *st,
                   const LsAst *target)
{
  st->comp_iter_target = TRUE;
  visit_expr (st, target);
  st->comp_iter_target = FALSE;
}

static void
visit_comprehension (LsSymtable  *st,
                     const LsAst *e)
{
  const LsAstList *gens = &e->u.comp.generators;
  const LsAst *outermost = gens->items[0];
  LsScope *outer = st->cur;
  LsScope *scope;
  LsSymbol *param;
  gboolean is_genexp = e->kind == LS_AST_GENERATOR_EXP;

  /* the outermost iterable is evaluated in the enclosing scope */
  st->comp_iter_expr++;
  visit_expr (st, outermost->u.comprehension.iter);
  st->comp_iter_expr--;

  scope = scope_new (st, LS_SCOPE_COMPREHENSION, comprehension_scope_name (e->kind), e);
  st->cur = scope;
  if (outermost->u.comprehension.is_async)
    scope->is_coroutine = TRUE;
  param = add_def (st, ".0", LS_SYM_PARAM, e);
  g_ptr_array_add (scope->params, (gpointer) param->name);

  visit_comp_target (st, outermost->u.comprehension.target);
  visit_expr_list (st, &outermost->u.comprehension.ifs);
  for (int i = 1; i < gens->len; i++)
    {
      const LsAst *gen = gens->items[i];

      visit_comp_target (st, gen->u.comprehension.target);
      st->comp_iter_expr++;
      visit_expr (st, gen->u.comprehension.iter);
      st->comp_iter_expr--;
      visit_expr_list (st, &gen->u.comprehension.ifs);
      if (gen->u.comprehension.is_async)
        scope->is_coroutine = TRUE;
    }
  if (e->kind == LS_AST_DICT_COMP)
    {
      visit_expr (st, e->u.comp.key);
      visit_expr (st, e->u.comp.value);
    }
  else
    visit_expr (st, e->u.comp.elt);

  if (is_genexp)
    scope->is_generator = TRUE;
  st->cur = outer;
  /* an awaiting list/set/dict comprehension makes its user await too */
  if (scope->is_coroutine && !is_genexp)
    outer->is_coroutine = TRUE;
}

static void
visit_lambda (LsSymtable  *st,
              const LsAst *e)
{
  LsScope *outer = st->cur;

  visit_defaults (st, e->u.lambda.args);
  st->cur = scope_new (st, LS_SCOPE_LAMBDA, "<lambda>", e);
  visit_params (st, e->u.lambda.args);
  visit_expr (st, e->u.lambda.body);
  st->cur = outer;
}

/* A walrus inside a comprehension binds in the enclosing function or module. */
static void
extend_named_expr_scope (LsSymtable  *st,
                         const LsAst *target)
{
  const char *name = target->u.name.id;

  for (LsScope *s = st->cur; s; s = s->parent)
    {
      if (s->kind == LS_SCOPE_COMPREHENSION)
        {
          LsSymbol *sym = ls_scope_symbol (s, ls_symtable_mangle (st, s->private_name, name));

          if (sym && (sym->flags & LS_SYM_COMP_ITER))
            {
              error_at (st, target,
                        "assignment expression cannot rebind comprehension iteration variable '%s'",
                        name);
              return;
            }
          continue;
        }
      if (s->kind == LS_SCOPE_FUNCTION || s->kind == LS_SCOPE_LAMBDA)
        {
          LsSymbol *sym = ls_scope_symbol (s, ls_symtable_mangle (st, s->private_name, name));

          sym = add_def (st, name,
                         (sym && (sym->flags & LS_SYM_GLOBAL)) ? LS_SYM_GLOBAL : LS_SYM_NONLOCAL,
                         target);
          if (sym->directive == NULL)
            sym->directive = target;
          add_def_in (st, s, name, LS_SYM_LOCAL, target);
          return;
        }
      if (s->kind == LS_SCOPE_MODULE)
        {
          LsSymbol *sym = add_def (st, name, LS_SYM_GLOBAL, target);

          if (sym->directive == NULL)
            sym->directive = target;
          add_def_in (st, s, name, LS_SYM_GLOBAL, target);
          return;
        }
      error_at (st, target,
                "assignment expression within a comprehension cannot be used in a class body");
      return;
    }
}

static void
visit_named_expr (LsSymtable  *st,
                  const LsAst *e)
{
  const LsAst *target = e->u.named_expr.target;

  if (st->comp_iter_expr > 0)
    {
      error_at (st, e, "assignment expression cannot be used in a comprehension iterable expression");
      return;
    }
  visit_expr (st, e->u.named_expr.value);
  if (st->cur->kind == LS_SCOPE_COMPREHENSION)
    extend_named_expr_scope (st, target);
  else
    add_def (st, target->u.name.id, LS_SYM_LOCAL, target);
}

static void
visit_name (LsSymtable  *st,
            const LsAst *e)
{
  const char *id = e->u.name.id;

  if (e->u.name.ctx == LS_CTX_LOAD)
    {
      add_def (st, id, LS_SYM_USE, e);
      /* zero-argument super() needs the class cell */
      if (ls_scope_is_function (st->cur) && strcmp (id, "super") == 0)
        add_def (st, "__class__", LS_SYM_USE, e);
    }
  else
    add_def (st, id, LS_SYM_LOCAL, e);
}

static void
visit_yield (LsSymtable  *st,
             const LsAst *e)
{
  if (e->u.await.value)
    visit_expr (st, e->u.await.value);
  st->cur->is_generator = TRUE;
  if (st->cur->first_yield == NULL)
    st->cur->first_yield = e;
  if (st->cur->kind == LS_SCOPE_COMPREHENSION)
    error_at (st, e, "'yield' inside %s", comprehension_description (st->cur->node->kind));
}

static void
visit_call (LsSymtable  *st,
            const LsAst *e)
{
  visit_expr (st, e->u.call.func);
  visit_expr_list (st, &e->u.call.args);
  for (int i = 0; i < e->u.call.keywords.len; i++)
    visit_expr (st, e->u.call.keywords.items[i]->u.keyword.value);
}

static void
visit_expr (LsSymtable  *st,
            const LsAst *e)
{
  if (st->failed)
    return;
  switch (e->kind)
    {
    case LS_AST_BOOL_OP:
      visit_expr_list (st, &e->u.bool_op.values);
      break;
    case LS_AST_NAMED_EXPR:
      visit_named_expr (st, e);
      break;
    case LS_AST_BIN_OP:
      visit_expr (st, e->u.bin_op.left);
      visit_expr (st, e->u.bin_op.right);
      break;
    case LS_AST_UNARY_OP:
      visit_expr (st, e->u.unary_op.operand);
      break;
    case LS_AST_LAMBDA:
      visit_lambda (st, e);
      break;
    case LS_AST_IF_EXP:
      visit_expr (st, e->u.if_exp.test);
      visit_expr (st, e->u.if_exp.body);
      visit_expr (st, e->u.if_exp.orelse);
      break;
    case LS_AST_DICT:
      for (int i = 0; i < e->u.dict.values.len; i++)
        {
          if (e->u.dict.keys.items[i])
            visit_expr (st, e->u.dict.keys.items[i]);
          visit_expr (st, e->u.dict.values.items[i]);
        }
      break;
    case LS_AST_SET:
      visit_expr_list (st, &e->u.set.elts);
      break;
    case LS_AST_LIST_COMP:
    case LS_AST_SET_COMP:
    case LS_AST_DICT_COMP:
    case LS_AST_GENERATOR_EXP:
      visit_comprehension (st, e);
      break;
    case LS_AST_AWAIT:
      visit_expr (st, e->u.await.value);
      st->cur->is_coroutine = TRUE;
      break;
    case LS_AST_YIELD:
    case LS_AST_YIELD_FROM:
      visit_yield (st, e);
      break;
    case LS_AST_COMPARE:
      visit_expr (st, e->u.compare.left);
      visit_expr_list (st, &e->u.compare.comparators);
      break;
    case LS_AST_CALL:
      visit_call (st, e);
      break;
    case LS_AST_FORMATTED_VALUE:
      visit_expr (st, e->u.formatted_value.value);
      if (e->u.formatted_value.format_spec)
        visit_expr (st, e->u.formatted_value.format_spec);
      break;
    case LS_AST_JOINED_STR:
      visit_expr_list (st, &e->u.joined_str.values);
      break;
    case LS_AST_ATTRIBUTE:
      visit_expr (st, e->u.attribute.value);
      break;
    case LS_AST_SUBSCRIPT:
      visit_expr (st, e->u.subscript.value);
      visit_expr (st, e->u.subscript.slice);
      break;
    case LS_AST_STARRED:
      visit_expr (st, e->u.starred.value);
      break;
    case LS_AST_NAME:
      visit_name (st, e);
      break;
    case LS_AST_LIST:
    case LS_AST_TUPLE:
      visit_expr_list (st, &e->u.list.elts);
      break;
    case LS_AST_SLICE:
      if (e->u.slice.lower)
        visit_expr (st, e->u.slice.lower);
      if (e->u.slice.upper)
        visit_expr (st, e->u.slice.upper);
      if (e->u.slice.step)
        visit_expr (st, e->u.slice.step);
      break;
    default:
      break;
    }
}

/* ---------------------------------------------------------- analysis */

typedef GHashTable NameSet;   /* const char* -> itself */

static NameSet *
set_new (void)
{
  return g_hash_table_new (g_str_hash, g_str_equal);
}

static NameSet *
set_copy (NameSet *src)
{
  NameSet *copy = set_new ();
  GHashTableIter it;
  gpointer key;

  g_hash_table_iter_init (&it, src);
  while (g_hash_table_iter_next (&it, &key, NULL))
    g_hash_table_add (copy, key);
  return copy;
}

static void
set_update (NameSet *dst,
            NameSet *src)
{
  GHashTableIter it;
  gpointer key;

  g_hash_table_iter_init (&it, src);
  while (g_hash_table_iter_next (&it, &key, NULL))
    g_hash_table_add (dst, key);
}

#define set_has(set, name) g_hash_table_contains ((set), (name))

/* Decides one name from this scope's own use of it and what the enclosing
 * scopes bind (bound) or declare global (global). */
static void
analyze_name (LsSymtable *st,
              LsScope    *s,
              LsSymbol   *sym,
              NameSet    *bound,
              NameSet    *local,
              NameSet    *free,
              NameSet    *global)
{
  const char *name = sym->name;

  if (sym->flags & LS_SYM_GLOBAL)
    {
      if (sym->flags & LS_SYM_NONLOCAL)
        {
          error_at (st, sym->directive, "name '%s' is nonlocal and global", name);
          return;
        }
      sym->binding = LS_BIND_GLOBAL_EXPLICIT;
      g_hash_table_add (global, (gpointer) name);
      g_hash_table_remove (bound, name);
    }
  else if (sym->flags & LS_SYM_NONLOCAL)
    {
      if (!set_has (bound, name))
        {
          error_at (st, sym->directive, "no binding for nonlocal '%s' found", name);
          return;
        }
      sym->binding = LS_BIND_FREE;
      g_hash_table_add (free, (gpointer) name);
    }
  else if (sym->flags & LS_SYM_BOUND)
    {
      sym->binding = LS_BIND_LOCAL;
      g_hash_table_add (local, (gpointer) name);
      g_hash_table_remove (global, name);
    }
  else if (set_has (bound, name))
    {
      sym->binding = LS_BIND_FREE;
      g_hash_table_add (free, (gpointer) name);
    }
  else
    sym->binding = LS_BIND_GLOBAL_IMPLICIT;
}

/* Free names of the children that this scope passes through or binds. */
static void
update_symbols (LsScope *s,
                NameSet *bound,
                NameSet *newfree)
{
  GHashTableIter it;
  gpointer key;

  g_hash_table_iter_init (&it, newfree);
  while (g_hash_table_iter_next (&it, &key, NULL))
    {
      LsSymbol *sym = ls_scope_symbol (s, key);

      if (sym)
        {
          if (s->kind == LS_SCOPE_CLASS && (sym->flags & (LS_SYM_BOUND | LS_SYM_GLOBAL)))
            sym->flags |= LS_SYM_FREE_CLASS;
          continue;
        }
      if (!set_has (bound, key))
        continue;
      sym = scope_add_symbol (s, key);
      sym->binding = LS_BIND_FREE;
    }
}

static gboolean analyze_scope (LsSymtable *st, LsScope *s, NameSet *bound, NameSet *free,
                               NameSet *global);

static gboolean
analyze_children (LsSymtable *st,
                  LsScope    *s,
                  NameSet    *newbound,
                  NameSet    *newglobal,
                  NameSet    *allfree)
{
  for (guint i = 0; i < s->children->len; i++)
    {
      g_autoptr (GHashTable) b = set_copy (newbound);
      g_autoptr (GHashTable) f = set_new ();
      g_autoptr (GHashTable) g = set_copy (newglobal);

      if (!analyze_scope (st, s->children->pdata[i], b, f, g))
        return FALSE;
      set_update (allfree, f);
    }
  return TRUE;
}

static gboolean
analyze_scope (LsSymtable *st,
               LsScope    *s,
               NameSet    *bound,
               NameSet    *free,
               NameSet    *global)
{
  g_autoptr (GHashTable) local = set_new ();
  g_autoptr (GHashTable) newbound = set_new ();
  g_autoptr (GHashTable) newglobal = set_new ();
  g_autoptr (GHashTable) newfree = set_new ();

  /* a class body's names are invisible to nested functions */
  if (s->kind == LS_SCOPE_CLASS)
    {
      set_update (newglobal, global);
      set_update (newbound, bound);
    }
  for (guint i = 0; i < s->symbol_list->len && !st->failed; i++)
    analyze_name (st, s, s->symbol_list->pdata[i], bound, local, free, global);
  if (st->failed)
    return FALSE;

  if (s->kind != LS_SCOPE_CLASS)
    {
      if (ls_scope_is_function (s))
        set_update (newbound, local);
      set_update (newbound, bound);
      set_update (newglobal, global);
    }
  else
    g_hash_table_add (newbound, (gpointer) "__class__");

  if (!analyze_children (st, s, newbound, newglobal, newfree))
    return FALSE;

  if (ls_scope_is_function (s))
    {
      /* locals that children capture become cells */
      for (guint i = 0; i < s->symbol_list->len; i++)
        {
          LsSymbol *sym = s->symbol_list->pdata[i];

          if (sym->binding == LS_BIND_LOCAL && set_has (newfree, sym->name))
            {
              sym->binding = LS_BIND_CELL;
              g_hash_table_remove (newfree, sym->name);
            }
        }
    }
  else if (s->kind == LS_SCOPE_CLASS && g_hash_table_remove (newfree, "__class__"))
    s->needs_class_closure = TRUE;

  update_symbols (s, bound, newfree);
  set_update (free, newfree);
  return TRUE;
}

/* ---------------------------------------------------------- public */

LsSymtable *
ls_symtable_build (const LsAst     *module,
                   LsSymtableError *error)
{
  g_autoptr (LsSymtable) st = g_new0 (LsSymtable, 1);
  g_autoptr (GHashTable) bound = set_new ();
  g_autoptr (GHashTable) free = set_new ();
  g_autoptr (GHashTable) global = set_new ();

  g_return_val_if_fail (module != NULL && module->kind == LS_AST_MODULE, NULL);
  g_return_val_if_fail (error != NULL, NULL);

  error->msg = NULL;
  error->node = NULL;
  st->error = error;
  st->by_node = g_hash_table_new (g_direct_hash, g_direct_equal);
  st->all_scopes = g_ptr_array_new_with_free_func (scope_free);
  st->strings = g_string_chunk_new (256);
  st->top = scope_new (st, LS_SCOPE_MODULE, "top", module);
  st->cur = st->top;

  visit_stmt_list (st, &module->u.module.body);
  if (!st->failed)
    analyze_scope (st, st->top, bound, free, global);
  if (st->failed)
    return NULL;
  return g_steal_pointer (&st);
}

void
ls_symtable_free (LsSymtable *st)
{
  if (st == NULL)
    return;
  g_clear_pointer (&st->by_node, g_hash_table_unref);
  g_clear_pointer (&st->all_scopes, g_ptr_array_unref);
  if (st->strings)
    g_string_chunk_free (st->strings);
  g_free (st);
}

LsScope *
ls_symtable_top (LsSymtable *st)
{
  return st->top;
}

LsScope *
ls_symtable_lookup (LsSymtable  *st,
                    const LsAst *node)
{
  return g_hash_table_lookup (st->by_node, node);
}
