/* ls-symtable.h: scopes and name classification, the compiler's first pass.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One LsScope per module, class body, def, lambda and comprehension (each
 * comprehension and generator expression is a function scope taking its first
 * iterator as the parameter ".0", as in CPython 3.11). After the walk, every
 * name of every scope is classified as local, global, free or cell.
 */
#pragma once

#include <glib.h>

#include "ls-ast.h"

G_BEGIN_DECLS

typedef enum
{
  LS_SCOPE_MODULE,
  LS_SCOPE_CLASS,
  LS_SCOPE_FUNCTION,
  LS_SCOPE_LAMBDA,
  LS_SCOPE_COMPREHENSION,
} LsScopeKind;

/* What the source does with a name inside one scope. */
#define LS_SYM_GLOBAL      (1 << 0)   /* `global` declaration */
#define LS_SYM_NONLOCAL    (1 << 1)   /* `nonlocal` declaration */
#define LS_SYM_LOCAL       (1 << 2)   /* assigned, deleted, or a loop/with/except target */
#define LS_SYM_PARAM       (1 << 3)
#define LS_SYM_IMPORT      (1 << 4)
#define LS_SYM_USE         (1 << 5)
#define LS_SYM_ANNOT       (1 << 6)   /* annotated assignment target */
#define LS_SYM_COMP_ITER   (1 << 7)   /* comprehension iteration variable */
#define LS_SYM_FREE_CLASS  (1 << 8)   /* class-local name that a method sees as free */
#define LS_SYM_BOUND       (LS_SYM_LOCAL | LS_SYM_PARAM | LS_SYM_IMPORT)

/* Where a name lives, once the analysis ran. */
typedef enum
{
  LS_BIND_NONE,
  LS_BIND_LOCAL,
  LS_BIND_GLOBAL_EXPLICIT,
  LS_BIND_GLOBAL_IMPLICIT,
  LS_BIND_FREE,
  LS_BIND_CELL,
} LsBinding;

typedef struct
{
  const char *name;          /* mangled */
  guint       flags;         /* LS_SYM_* */
  LsBinding   binding;
  const LsAst *directive;    /* first global/nonlocal statement naming it, for errors */
} LsSymbol;

typedef struct _LsScope LsScope;

struct _LsScope
{
  LsScopeKind  kind;
  const char  *name;          /* "f", "C", "<lambda>", "<listcomp>", "top" */
  const LsAst *node;
  LsScope     *parent;
  GPtrArray   *children;      /* LsScope*, in source order */
  GHashTable  *symbols;       /* mangled name -> LsSymbol* */
  GPtrArray   *symbol_list;   /* LsSymbol*, in first-seen order */
  GPtrArray   *params;        /* const char*, declaration order (mangled) */
  const char  *private_name;  /* innermost enclosing class name, for mangling */
  const LsAst *first_yield;
  gboolean     is_async;      /* async def */
  gboolean     is_generator;  /* contains yield (or is a generator expression) */
  gboolean     is_coroutine;  /* async def, or contains await / async for */
  gboolean     needs_class_closure;  /* class body: a method uses __class__ or super() */
};

typedef struct _LsSymtable LsSymtable;

typedef struct
{
  char        *msg;
  const LsAst *node;          /* where CPython puts the caret */
} LsSymtableError;

/* Builds and analyzes the scopes of a module. NULL with *error filled (free
 * msg with g_free) on a SyntaxError such as "no binding for nonlocal 'x' found". */
LsSymtable *ls_symtable_build   (const LsAst     *module,
                                 LsSymtableError *error);
void        ls_symtable_free    (LsSymtable      *st);
LsScope    *ls_symtable_top     (LsSymtable      *st);
/* The scope a def, lambda, class or comprehension node opened. */
LsScope    *ls_symtable_lookup  (LsSymtable      *st,
                                 const LsAst     *node);
/* Private name mangling: "__x" inside class C becomes "_C__x". */
const char *ls_symtable_mangle  (LsSymtable      *st,
                                 const char      *private_name,
                                 const char      *name);
LsSymbol   *ls_scope_symbol     (LsScope         *scope,
                                 const char      *mangled);
/* Function-like scopes use fast locals and cells. */
gboolean    ls_scope_is_function(LsScope         *scope);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsSymtable, ls_symtable_free)

G_END_DECLS
