/* ls-ast.h: the abstract syntax tree the parser builds and the compiler reads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shape follows Python's own `ast` module closely (same node kinds, same
 * field meaning) so that anyone who knows `ast.dump()` can read it.  Nodes
 * live in an arena owned by the LsAstArena; nothing here is GC-managed.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LsAst LsAst;
typedef struct _LsAstArena LsAstArena;

/* A growable array of nodes, allocated from the arena. */
typedef struct
{
  LsAst **items;
  int     len;
} LsAstList;

typedef enum
{
  /* module */
  LS_AST_MODULE,

  /* statements */
  LS_AST_FUNCTION_DEF,     /* also async def: is_async */
  LS_AST_CLASS_DEF,
  LS_AST_RETURN,
  LS_AST_DELETE,
  LS_AST_ASSIGN,
  LS_AST_AUG_ASSIGN,
  LS_AST_ANN_ASSIGN,
  LS_AST_FOR,              /* also async for */
  LS_AST_WHILE,
  LS_AST_IF,
  LS_AST_WITH,             /* also async with */
  LS_AST_RAISE,
  LS_AST_TRY,              /* also try/except* (is_star) */
  LS_AST_ASSERT,
  LS_AST_IMPORT,
  LS_AST_IMPORT_FROM,
  LS_AST_GLOBAL,
  LS_AST_NONLOCAL,
  LS_AST_EXPR,
  LS_AST_PASS,
  LS_AST_BREAK,
  LS_AST_CONTINUE,

  /* expressions */
  LS_AST_BOOL_OP,
  LS_AST_NAMED_EXPR,
  LS_AST_BIN_OP,
  LS_AST_UNARY_OP,
  LS_AST_LAMBDA,
  LS_AST_IF_EXP,
  LS_AST_DICT,
  LS_AST_SET,
  LS_AST_LIST_COMP,
  LS_AST_SET_COMP,
  LS_AST_DICT_COMP,
  LS_AST_GENERATOR_EXP,
  LS_AST_AWAIT,
  LS_AST_YIELD,
  LS_AST_YIELD_FROM,
  LS_AST_COMPARE,
  LS_AST_CALL,
  LS_AST_FORMATTED_VALUE,
  LS_AST_JOINED_STR,
  LS_AST_CONSTANT,
  LS_AST_ATTRIBUTE,
  LS_AST_SUBSCRIPT,
  LS_AST_STARRED,
  LS_AST_NAME,
  LS_AST_LIST,
  LS_AST_TUPLE,
  LS_AST_SLICE,

  /* helper nodes */
  LS_AST_ARGUMENTS,        /* the parameter list of a def/lambda */
  LS_AST_ARG,              /* one parameter */
  LS_AST_KEYWORD,          /* name=value in a call (arg NULL for **value) */
  LS_AST_ALIAS,            /* import name [as asname] */
  LS_AST_WITH_ITEM,
  LS_AST_EXCEPT_HANDLER,
  LS_AST_COMPREHENSION,    /* one `for ... in ... if ...` clause */

  LS_AST_N_KINDS
} LsAstKind;

typedef enum { LS_CTX_LOAD, LS_CTX_STORE, LS_CTX_DEL } LsExprCtx;

typedef enum { LS_BOOL_AND, LS_BOOL_OR } LsBoolOpKind;

/* Binary operators; the same numbering is used by the BINARY_OP opcode
 * (ls-opcodes.h), whose in-place variants add LS_BINOP_INPLACE. */
typedef enum
{
  LS_BINOP_ADD,
  LS_BINOP_SUB,
  LS_BINOP_MUL,
  LS_BINOP_DIV,        /* /  */
  LS_BINOP_FLOORDIV,   /* // */
  LS_BINOP_MOD,
  LS_BINOP_POW,
  LS_BINOP_MATMUL,     /* parsed, raises TypeError at run time */
  LS_BINOP_LSHIFT,
  LS_BINOP_RSHIFT,
  LS_BINOP_BITOR,
  LS_BINOP_BITXOR,
  LS_BINOP_BITAND,
  LS_BINOP_N,
  LS_BINOP_INPLACE = 16  /* added to the operator for augmented assignment */
} LsBinOpKind;

typedef enum { LS_UNARY_NOT, LS_UNARY_NEG, LS_UNARY_POS, LS_UNARY_INVERT } LsUnaryOpKind;

/* Comparison operators; the COMPARE_OP opcode uses the first six. */
typedef enum
{
  LS_CMP_LT, LS_CMP_LE, LS_CMP_EQ, LS_CMP_NE, LS_CMP_GT, LS_CMP_GE,
  LS_CMP_IS, LS_CMP_IS_NOT, LS_CMP_IN, LS_CMP_NOT_IN
} LsCmpOpKind;

typedef enum
{
  LS_CONST_NONE,
  LS_CONST_TRUE,
  LS_CONST_FALSE,
  LS_CONST_ELLIPSIS,
  LS_CONST_INT,        /* fits in gint64: i */
  LS_CONST_BIGINT,     /* decimal digits in s (too large for 64 bits) */
  LS_CONST_FLOAT,      /* f */
  LS_CONST_STR,        /* UTF-8 in s, byte length in slen (may contain NULs) */
  LS_CONST_BYTES       /* raw bytes in s/slen; parsed, unsupported at run time */
} LsConstKind;

struct _LsAst
{
  LsAstKind kind;
  /* Source position, as Python's ast: 1-based lines, 0-based UTF-8 byte columns,
   * end_col exclusive. Used for tracebacks and SyntaxError carets. */
  int line, col, end_line, end_col;

  union {
    struct { LsAstList body; } module;

    struct {
      const char *name;
      LsAst      *args;        /* LS_AST_ARGUMENTS */
      LsAstList   body;
      LsAstList   decorators;
      LsAst      *returns;     /* may be NULL; ignored */
      gboolean    is_async;
    } function_def;

    struct {
      const char *name;
      LsAstList   bases;
      LsAstList   keywords;    /* LS_AST_KEYWORD (e.g. metaclass=); may be empty */
      LsAstList   body;
      LsAstList   decorators;
    } class_def;

    struct { LsAst *value; } ret;              /* value may be NULL */
    struct { LsAstList targets; } del;
    struct { LsAstList targets; LsAst *value; } assign;  /* a = b = v: two targets */
    struct { LsAst *target; LsBinOpKind op; LsAst *value; } aug_assign;
    struct { LsAst *target; LsAst *annotation; LsAst *value; gboolean simple; } ann_assign;

    struct {
      LsAst    *target, *iter;
      LsAstList body, orelse;
      gboolean  is_async;
    } for_;

    struct { LsAst *test; LsAstList body, orelse; } while_;
    struct { LsAst *test; LsAstList body, orelse; } if_;   /* elif: orelse holds one IF */

    struct {
      LsAstList items;         /* LS_AST_WITH_ITEM */
      LsAstList body;
      gboolean  is_async;
    } with;

    struct { LsAst *exc, *cause; } raise;      /* both may be NULL */

    struct {
      LsAstList body;
      LsAstList handlers;      /* LS_AST_EXCEPT_HANDLER */
      LsAstList orelse;
      LsAstList finalbody;
      gboolean  is_star;       /* try/except* */
    } try_;

    struct { LsAst *test, *msg; } assert_;     /* msg may be NULL */
    struct { LsAstList names; } import;        /* LS_AST_ALIAS */
    struct { const char *module; LsAstList names; int level; } import_from;
    struct { const char **names; int n_names; } global;  /* also nonlocal */
    struct { LsAst *value; } expr;

    /* expressions */
    struct { LsBoolOpKind op; LsAstList values; } bool_op;
    struct { LsAst *target, *value; } named_expr;         /* target is a NAME */
    struct { LsAst *left; LsBinOpKind op; LsAst *right; } bin_op;
    struct { LsUnaryOpKind op; LsAst *operand; } unary_op;
    struct { LsAst *args; LsAst *body; } lambda;
    struct { LsAst *test, *body, *orelse; } if_exp;
    struct { LsAstList keys, values; } dict;  /* keys[i] NULL for **values[i] */
    struct { LsAstList elts; } set;

    /* LIST_COMP, SET_COMP, GENERATOR_EXP use elt; DICT_COMP uses key/value */
    struct {
      LsAst    *elt;
      LsAst    *key, *value;
      LsAstList generators;    /* LS_AST_COMPREHENSION */
    } comp;

    struct { LsAst *value; } await;            /* also YIELD (value may be NULL), YIELD_FROM */

    struct {
      LsAst       *left;
      LsCmpOpKind *ops;
      LsAstList    comparators;  /* same length as ops */
    } compare;

    struct {
      LsAst    *func;
      LsAstList args;          /* may contain LS_AST_STARRED for *x */
      LsAstList keywords;      /* LS_AST_KEYWORD */
    } call;

    struct {
      LsAst *value;
      int    conversion;       /* -1 none, 's', 'r', 'a' */
      LsAst *format_spec;      /* NULL or LS_AST_JOINED_STR */
    } formatted_value;

    struct { LsAstList values; } joined_str;  /* CONSTANT(str) and FORMATTED_VALUE */

    struct {
      LsConstKind kind;
      gint64      i;
      double      f;
      const char *s;
      gsize       slen;
    } constant;

    struct { LsAst *value; const char *attr; LsExprCtx ctx; } attribute;
    struct { LsAst *value; LsAst *slice; LsExprCtx ctx; } subscript;
    struct { LsAst *value; LsExprCtx ctx; } starred;
    struct { const char *id; LsExprCtx ctx; } name;
    struct { LsAstList elts; LsExprCtx ctx; } list;   /* also TUPLE */
    struct { LsAst *lower, *upper, *step; } slice;    /* each may be NULL */

    /* helpers */
    struct {
      LsAstList posonlyargs;   /* LS_AST_ARG */
      LsAstList args;          /* LS_AST_ARG */
      LsAst    *vararg;        /* LS_AST_ARG or NULL */
      LsAstList kwonlyargs;    /* LS_AST_ARG */
      LsAstList kw_defaults;   /* parallel to kwonlyargs; items may be NULL */
      LsAst    *kwarg;         /* LS_AST_ARG or NULL */
      LsAstList defaults;      /* for the last len(defaults) of posonlyargs+args */
    } arguments;

    struct { const char *arg; LsAst *annotation; } arg;
    struct { const char *arg; LsAst *value; } keyword;     /* arg NULL: **value */
    struct { const char *name; const char *asname; } alias; /* name may be dotted */
    struct { LsAst *context_expr; LsAst *optional_vars; } with_item;
    struct { LsAst *type; const char *name; LsAstList body; } except_handler;
    struct { LsAst *target, *iter; LsAstList ifs; gboolean is_async; } comprehension;
  } u;
};

/* Arena: every node, list and string of one parse. */
LsAstArena *ls_ast_arena_new   (void);
void        ls_ast_arena_free  (LsAstArena *arena);
gpointer    ls_ast_alloc       (LsAstArena *arena,
                                gsize       size);
const char *ls_ast_strndup     (LsAstArena *arena,
                                const char *s,
                                gsize       len);
LsAst      *ls_ast_new         (LsAstArena *arena,
                                LsAstKind   kind,
                                int         line,
                                int         col);
void        ls_ast_list_append (LsAstArena *arena,
                                LsAstList  *list,
                                LsAst      *node);

/* A compact, deterministic dump in the style of Python's ast.dump(), for tests. */
char       *ls_ast_dump        (const LsAst *node);
/* The same, with lineno/col_offset/end_lineno/end_col_offset on the nodes
 * that have them in Python, like ast.dump(include_attributes=True). */
char       *ls_ast_dump_full   (const LsAst *node,
                                gboolean     include_positions);
const char *ls_ast_kind_name   (LsAstKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsAstArena, ls_ast_arena_free)

G_END_DECLS
