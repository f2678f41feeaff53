/* ls-parser.c: a hand-written recursive-descent parser for the scenario language.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The grammar is Python 3.11's, restricted to the node kinds of ls-ast.h.
 * CPython parses twice and only looks for its friendlier error messages in
 * the second pass; here the same checks run where the single pass fails,
 * peeking ahead ("probing") without disturbing the parse. Positions follow
 * CPython's: a node spans from the first token of its rule to the last one.
 */
#include "ls-parser.h"
#include "ls-lexer.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOKENS_PER_BLOCK 256
/* Nesting deeper than this is refused before the C stack is at risk. A
 * bracket or a nested expression costs the parser many C frames and counts
 * DEEP; an operator in a chain counts one. The lexer's limit of 200
 * brackets stays the one people meet. */
#define MAX_DEPTH        1000
#define DEEP             4

typedef struct _Parser Parser;

typedef struct
{
  const char *type;
  char        msg[256];
  int         line;
  int         offset, end_offset;  /* 1-based byte offsets; <= 0 kept as is */
  char       *text;                /* replaces the source line (f-string fields) */
  gboolean    from_lexer;
} ParseError;

struct _Parser
{
  LsAstArena  *arena;
  const char  *src, *src_end;
  LsLexer      lexer;

  LsToken    **blocks;
  int          n_blocks;
  GPtrArray   *spare_blocks;  /* the root parser's, lent to field parsers */
  int          fill;
  int          pos;
  int          furthest;     /* the furthest token the parse itself looked at */
  gboolean     lexer_done;

  int          probing;      /* > 0 while error checks look ahead */
  int          quiet;        /* > 0 while re-reading for a better message */
  int          depth;
  gboolean     failed;       /* the parse failed ... */
  gboolean     hard;         /* ... with a specific message in err */
  ParseError   err;

  /* Set for the parser of an f-string replacement field, which sees the
   * field as CPython 3.11 does: wrapped in parentheses. */
  Parser      *outer;
  int          frag_state;
  LsToken      frag_open, frag_close;
  const char  *frag_start, *frag_end;
  const char  *frag_line_start;
};

static LsToken error_token = { .kind = LS_TOK_N_KINDS, .end_col = -1 };

static LsAst *parse_expression (Parser *p);
static LsAst *parse_named_expression (Parser *p);
static LsAst *parse_star_expressions (Parser *p);
static LsAst *parse_star_named_expression (Parser *p);
static LsAst *parse_disjunction (Parser *p);
static LsAst *parse_bitwise_or (Parser *p);
static LsAst *parse_primary (Parser *p);
static LsAst *parse_atom (Parser *p);
static LsAst *parse_yield (Parser *p);
static gboolean parse_block (Parser *p, const char *what, int line, LsAstList *body);
static gboolean parse_statement (Parser *p, LsAstList *body);
static void settle_error (Parser *p);

/* ------------------------------------------------------------------ */
/* Tokens                                                               */
/* ------------------------------------------------------------------ */

static inline LsToken *
token_slot (Parser *p,
            int     i)
{
  return &p->blocks[i / TOKENS_PER_BLOCK][i % TOKENS_PER_BLOCK];
}

/* Tokens live in fixed blocks so that pointers to them stay valid. */
static LsToken *
push_token (Parser *p)
{
  int block = p->fill / TOKENS_PER_BLOCK;

  if (block == p->n_blocks)
    {
      GPtrArray *spare = p->spare_blocks;

      p->blocks = g_renew (LsToken *, p->blocks, p->n_blocks + 1);
      p->blocks[p->n_blocks++] = spare != NULL && spare->len > 0
                                 ? g_ptr_array_steal_index_fast (spare, spare->len - 1)
                                 : g_new (LsToken, TOKENS_PER_BLOCK);
    }
  return token_slot (p, p->fill++);
}

/* Field parsers hand their blocks back for the next field to use. */
static void
free_tokens (Parser *p)
{
  for (int i = 0; i < p->n_blocks; i++)
    {
      if (p->outer != NULL && p->spare_blocks != NULL)
        g_ptr_array_add (p->spare_blocks, p->blocks[i]);
      else
        g_free (p->blocks[i]);
    }
  g_clear_pointer (&p->blocks, g_free);
  p->n_blocks = 0;
}

static void
take_lexer_error (Parser *p)
{
  if (p->hard)
    return;
  p->failed = p->hard = TRUE;
  p->err.type = p->lexer.error.type;
  g_strlcpy (p->err.msg, p->lexer.error.msg, sizeof p->err.msg);
  p->err.line = p->lexer.error.line;
  p->err.offset = p->lexer.error.offset;
  p->err.end_offset = p->lexer.error.end_offset;
  p->err.from_lexer = TRUE;
}

static gboolean
lex_one (Parser *p)
{
  LsToken tok;

  if (p->outer != NULL && p->frag_state == 0)
    {
      *push_token (p) = p->frag_open;
      p->frag_state = 1;
      return TRUE;
    }
  if (!ls_lexer_next (&p->lexer, &tok))
    {
      take_lexer_error (p);
      return FALSE;
    }
  if (tok.kind == LS_TOK_ENDMARKER && p->outer != NULL && p->frag_state == 1)
    {
      /* The closing parenthesis first: errors raised at the last token
       * read point at it, as in CPython's "(expr)". */
      *push_token (p) = p->frag_close;
      p->frag_state = 2;
      return TRUE;
    }
  if (tok.kind == LS_TOK_ENDMARKER)
    p->lexer_done = TRUE;
  *push_token (p) = tok;
  return TRUE;
}

static LsToken *
peek (Parser *p,
      int     ahead)
{
  int i = p->pos + ahead;

  if (G_LIKELY (i < p->fill && (p->probing || p->quiet || i <= p->furthest)))
    return token_slot (p, i);
  while (i >= p->fill)
    {
      if (p->lexer_done)
        {
          i = p->fill - 1;
          break;
        }
      if (!lex_one (p))
        return &error_token;
    }
  if (!p->probing && !p->quiet && i > p->furthest)
    p->furthest = i;
  return token_slot (p, i);
}

static inline LsToken *
cur (Parser *p)
{
  return peek (p, 0);
}

static inline gboolean
at (Parser      *p,
    LsTokenKind  kind)
{
  return cur (p)->kind == kind;
}

static LsToken *
advance (Parser *p)
{
  LsToken *t = cur (p);

  if (t != &error_token && p->pos < p->fill)
    p->pos++;
  return t;
}

static LsToken *
accept (Parser      *p,
        LsTokenKind  kind)
{
  return at (p, kind) ? advance (p) : NULL;
}

/* The last consumed token that is not layout, as CPython ends nodes. */
static LsToken *
last_token (Parser *p)
{
  for (int i = p->pos - 1; i > 0; i--)
    {
      LsToken *t = token_slot (p, i);

      if (t->kind != LS_TOK_NEWLINE && t->kind != LS_TOK_INDENT
          && t->kind != LS_TOK_DEDENT && t->kind != LS_TOK_ENDMARKER)
        return t;
    }
  return token_slot (p, 0);
}

static gboolean
starts_atom (LsTokenKind k)
{
  switch (k)
    {
    case LS_TOK_NAME:
    case LS_TOK_NUMBER:
    case LS_TOK_STRING:
    case LS_TOK_LPAR:
    case LS_TOK_LSQB:
    case LS_TOK_LBRACE:
    case LS_TOK_NONE:
    case LS_TOK_TRUE:
    case LS_TOK_FALSE:
    case LS_TOK_ELLIPSIS:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
starts_expression (LsTokenKind k)
{
  return starts_atom (k) || k == LS_TOK_MINUS || k == LS_TOK_PLUS || k == LS_TOK_TILDE
         || k == LS_TOK_NOT || k == LS_TOK_LAMBDA || k == LS_TOK_AWAIT;
}

static gboolean
starts_star_expression (LsTokenKind k)
{
  return starts_expression (k) || k == LS_TOK_STAR;
}

/* ------------------------------------------------------------------ */
/* Errors                                                               */
/* ------------------------------------------------------------------ */

/* A failure without a message: CPython's generic "invalid syntax". */
static gpointer
fail (Parser *p)
{
  p->failed = TRUE;
  return NULL;
}

static gpointer
set_error_va (Parser     *p,
              const char *type,
              int         line,
              int         offset,
              int         end_offset,
              const char *format,
              va_list     args)
{
  if (p->hard)
    return NULL;
  p->failed = p->hard = TRUE;
  p->err.type = type;
  p->err.line = line;
  p->err.offset = offset;
  p->err.end_offset = end_offset;
  vsnprintf (p->err.msg, sizeof p->err.msg, format, args);
  return NULL;
}

static gpointer G_GNUC_PRINTF (5, 6)
error_range (Parser     *p,
             int         line,
             int         col,
             int         end_col,
             const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  set_error_va (p, "SyntaxError", line, col + 1, end_col + 1, format, args);
  va_end (args);
  return NULL;
}

static gpointer G_GNUC_PRINTF (3, 4)
error_at_node (Parser      *p,
               const LsAst *node,
               const char  *format,
               ...)
{
  va_list args;

  va_start (args, format);
  set_error_va (p, "SyntaxError", node->line, node->col + 1, node->end_col + 1, format, args);
  va_end (args);
  return NULL;
}

static gpointer G_GNUC_PRINTF (4, 5)
error_between (Parser      *p,
               const LsAst *a,
               const LsAst *b,
               const char  *format,
               ...)
{
  va_list args;

  va_start (args, format);
  set_error_va (p, "SyntaxError", a->line, a->col + 1, b->end_col + 1, format, args);
  va_end (args);
  return NULL;
}

static void
token_offsets (const LsToken *t,
               int           *offset,
               int           *end_offset)
{
  if (t->end_col < 0)
    {
      *offset = t->col;
      *end_offset = -1;
    }
  else
    {
      *offset = t->col + 1;
      *end_offset = t->end_col + 1;
    }
}

static gpointer
error_at_token_va (Parser        *p,
                   const char    *type,
                   const LsToken *t,
                   const char    *format,
                   va_list        args)
{
  int offset, end_offset;

  token_offsets (t, &offset, &end_offset);
  return set_error_va (p, type, t->line, offset, end_offset, format, args);
}

static gpointer G_GNUC_PRINTF (3, 4)
error_at_token (Parser        *p,
                const LsToken *t,
                const char    *format,
                ...)
{
  va_list args;

  va_start (args, format);
  error_at_token_va (p, "SyntaxError", t, format, args);
  va_end (args);
  return NULL;
}

/* CPython's RAISE_SYNTAX_ERROR: at the last token read so far. */
static gpointer G_GNUC_PRINTF (2, 3)
error_last (Parser     *p,
            const char *format,
            ...)
{
  va_list args;
  LsToken *t = p->fill > 0 ? token_slot (p, p->fill - 1) : &error_token;

  va_start (args, format);
  error_at_token_va (p, "SyntaxError", t, format, args);
  va_end (args);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Nodes                                                                */
/* ------------------------------------------------------------------ */

static LsAst *
node_at (Parser        *p,
         LsAstKind      kind,
         const LsToken *start)
{
  return ls_ast_new (p->arena, kind, start->line, start->col);
}

/* Ends @node at the last token consumed. */
static LsAst *
finish (Parser *p,
        LsAst  *node)
{
  LsToken *t = last_token (p);

  node->end_line = t->end_line;
  node->end_col = t->end_col;
  return node;
}

static LsAst *
node_span (Parser        *p,
           LsAstKind      kind,
           const LsToken *start)
{
  return finish (p, node_at (p, kind, start));
}

static void
append (Parser    *p,
        LsAstList *list,
        LsAst     *node)
{
  ls_ast_list_append (p->arena, list, node);
}

/* Bounds the depth of the tree, and so the recursion of whoever walks it
 * (the compiler, ls_ast_dump) as well as the parser's own. */
static gboolean
enter_by (Parser *p,
          int     weight)
{
  p->depth += weight;
  if (p->depth > MAX_DEPTH)
    {
      LsToken *t = cur (p);
      gboolean bracket = t->kind == LS_TOK_LPAR || t->kind == LS_TOK_LSQB
                         || t->kind == LS_TOK_LBRACE || t->level >= MAX_DEPTH / 4;

      error_at_token (p, t, bracket ? "too many nested parentheses"
                                    : "expression too deeply nested");
      return FALSE;
    }
  return TRUE;
}

static gboolean
enter (Parser *p)
{
  return enter_by (p, 1);
}

static void
leave_by (Parser *p,
          int     weight)
{
  p->depth -= weight;
}

static void
leave (Parser *p)
{
  leave_by (p, 1);
}

/* Identifiers are NFKC-normalized, as Python does. */
static const char *
identifier (Parser        *p,
            const LsToken *t)
{
  for (guint i = 0; i < t->len; i++)
    {
      if ((guchar) t->start[i] >= 0x80)
        {
          g_autofree char *norm = g_utf8_normalize (t->start, t->len, G_NORMALIZE_NFKC);

          if (norm != NULL)
            return ls_ast_strndup (p->arena, norm, strlen (norm));
          break;
        }
    }
  return ls_ast_strndup (p->arena, t->start, t->len);
}

static LsAst *
name_node (Parser        *p,
           const LsToken *t,
           LsExprCtx      ctx)
{
  LsAst *n = ls_ast_new (p->arena, LS_AST_NAME, t->line, t->col);

  n->end_line = t->end_line;
  n->end_col = t->end_col;
  n->u.name.id = identifier (p, t);
  n->u.name.ctx = ctx;
  return n;
}

/* ------------------------------------------------------------------ */
/* Targets                                                              */
/* ------------------------------------------------------------------ */

typedef enum { TARGETS_STAR, TARGETS_DEL, TARGETS_FOR } TargetsType;

/* The part of @e that cannot be assigned to (or deleted), or NULL. */
static const LsAst *
invalid_target (const LsAst *e,
                TargetsType  type)
{
  switch (e->kind)
    {
    case LS_AST_LIST:
    case LS_AST_TUPLE:
      for (int i = 0; i < e->u.list.elts.len; i++)
        {
          const LsAst *bad = invalid_target (e->u.list.elts.items[i], type);

          if (bad != NULL)
            return bad;
        }
      return NULL;
    case LS_AST_STARRED:
      return type == TARGETS_DEL ? e : invalid_target (e->u.starred.value, type);
    case LS_AST_COMPARE:
      /* "for x in y" read as an expression is a comparison. */
      if (type == TARGETS_FOR)
        return e->u.compare.ops[0] == LS_CMP_IN
               ? invalid_target (e->u.compare.left, type) : NULL;
      return e;
    case LS_AST_NAME:
    case LS_AST_SUBSCRIPT:
    case LS_AST_ATTRIBUTE:
      return NULL;
    default:
      return e;
    }
}

/* What CPython calls an expression in "cannot assign to ...". */
static const char *
expr_name (const LsAst *e)
{
  switch (e->kind)
    {
    case LS_AST_ATTRIBUTE: return "attribute";
    case LS_AST_SUBSCRIPT: return "subscript";
    case LS_AST_STARRED: return "starred";
    case LS_AST_NAME: return "name";
    case LS_AST_LIST: return "list";
    case LS_AST_TUPLE: return "tuple";
    case LS_AST_LAMBDA: return "lambda";
    case LS_AST_CALL: return "function call";
    case LS_AST_BOOL_OP:
    case LS_AST_BIN_OP:
    case LS_AST_UNARY_OP: return "expression";
    case LS_AST_GENERATOR_EXP: return "generator expression";
    case LS_AST_YIELD:
    case LS_AST_YIELD_FROM: return "yield expression";
    case LS_AST_AWAIT: return "await expression";
    case LS_AST_LIST_COMP: return "list comprehension";
    case LS_AST_SET_COMP: return "set comprehension";
    case LS_AST_DICT_COMP: return "dict comprehension";
    case LS_AST_DICT: return "dict literal";
    case LS_AST_SET: return "set display";
    case LS_AST_JOINED_STR:
    case LS_AST_FORMATTED_VALUE: return "f-string expression";
    case LS_AST_COMPARE: return "comparison";
    case LS_AST_IF_EXP: return "conditional expression";
    case LS_AST_NAMED_EXPR: return "named expression";
    case LS_AST_CONSTANT:
      switch (e->u.constant.kind)
        {
        case LS_CONST_NONE: return "None";
        case LS_CONST_TRUE: return "True";
        case LS_CONST_FALSE: return "False";
        case LS_CONST_ELLIPSIS: return "ellipsis";
        default: return "literal";
        }
    default:
      return "expression";
    }
}

static void
set_context (LsAst     *e,
             LsExprCtx  ctx)
{
  switch (e->kind)
    {
    case LS_AST_NAME:
      e->u.name.ctx = ctx;
      break;
    case LS_AST_ATTRIBUTE:
      e->u.attribute.ctx = ctx;
      break;
    case LS_AST_SUBSCRIPT:
      e->u.subscript.ctx = ctx;
      break;
    case LS_AST_STARRED:
      e->u.starred.ctx = ctx;
      set_context (e->u.starred.value, ctx);
      break;
    case LS_AST_LIST:
    case LS_AST_TUPLE:
      e->u.list.ctx = ctx;
      for (int i = 0; i < e->u.list.elts.len; i++)
        set_context (e->u.list.elts.items[i], ctx);
      break;
    default:
      break;
    }
}

static gpointer
error_invalid_target (Parser      *p,
                      const LsAst *e,
                      TargetsType  type)
{
  const LsAst *bad = invalid_target (e, type);

  if (bad == NULL)
    return fail (p);
  if (type == TARGETS_DEL)
    return error_at_node (p, bad, "cannot delete %s", expr_name (bad));
  return error_at_node (p, bad, "cannot assign to %s", expr_name (bad));
}

/* ------------------------------------------------------------------ */
/* Probing: error checks that look ahead and then put everything back   */
/* ------------------------------------------------------------------ */

typedef struct
{
  int      pos;
  int      depth;
  gboolean failed;
} Mark;

static Mark
probe_begin (Parser *p)
{
  Mark m = { p->pos, p->depth, p->failed };

  p->probing++;
  return m;
}

/* Rewinds; a soft failure inside the probe is forgotten, a real error
 * (from the lexer) stays. */
static void
probe_end (Parser *p,
           Mark    m)
{
  p->probing--;
  p->pos = m.pos;
  p->depth = m.depth;
  if (!p->hard)
    p->failed = m.failed;
}

/* Re-reading with the error checks on, as CPython's second pass does,
 * without moving the furthest token. */
static Mark
reread_begin (Parser *p,
              int     pos)
{
  Mark m = { p->pos, p->depth, p->failed };

  p->quiet++;
  p->pos = pos;
  return m;
}

static void
reread_end (Parser *p,
            Mark    m)
{
  p->quiet--;
  p->pos = m.pos;
  p->depth = m.depth;
  if (!p->hard)
    p->failed = m.failed;
}

/* Gives up an optional part of the grammar that did not parse; FALSE when
 * the failure was a real error. */
static gboolean
backtrack (Parser *p,
           int     pos)
{
  if (p->hard)
    return FALSE;
  p->pos = pos;
  p->failed = FALSE;
  return TRUE;
}

/* Parses a bitwise_or at @pos, telling what comes after it. */
static LsAst *
probe_bitwise_or (Parser       *p,
                  int           pos,
                  LsTokenKind  *next)
{
  Mark m = probe_begin (p);
  LsAst *e;

  p->pos = pos;
  e = parse_bitwise_or (p);
  *next = e != NULL ? cur (p)->kind : LS_TOK_N_KINDS;
  probe_end (p, m);
  return p->hard ? NULL : e;
}

/* ------------------------------------------------------------------ */
/* Numbers                                                              */
/* ------------------------------------------------------------------ */

/* Digits in any radix to a decimal string, for integers beyond 64 bits. */
static const char *
big_to_decimal (Parser     *p,
                const char *digits,
                int         radix)
{
  g_autoptr (GArray) limbs = g_array_new (FALSE, TRUE, sizeof (guint32));
  GString *out = g_string_new (NULL);
  const char *result;
  guint32 zero = 0;

  g_array_append_val (limbs, zero);
  for (const char *d = digits; *d; d++)
    {
      guint64 carry = g_ascii_xdigit_value (*d);

      for (guint i = 0; i < limbs->len; i++)
        {
          guint64 v = (guint64) g_array_index (limbs, guint32, i) * radix + carry;

          g_array_index (limbs, guint32, i) = (guint32) (v % 1000000000u);
          carry = v / 1000000000u;
        }
      if (carry > 0)
        {
          guint32 limb = (guint32) carry;

          g_array_append_val (limbs, limb);
        }
    }
  g_string_append_printf (out, "%u", g_array_index (limbs, guint32, limbs->len - 1));
  for (int i = (int) limbs->len - 2; i >= 0; i--)
    g_string_append_printf (out, "%09u", g_array_index (limbs, guint32, i));
  result = ls_ast_strndup (p->arena, out->str, out->len);
  g_string_free (out, TRUE);
  return result;
}

static void
set_integer (Parser     *p,
             LsAst      *node,
             const char *digits,
             int         radix)
{
  guint64 v = 0;
  gboolean overflow = FALSE;

  for (const char *d = digits; *d; d++)
    {
      guint64 digit = g_ascii_xdigit_value (*d);

      if (v > (G_MAXUINT64 - digit) / radix)
        overflow = TRUE;
      v = v * radix + digit;
    }
  if (!overflow && v <= G_MAXINT64)
    {
      node->u.constant.kind = LS_CONST_INT;
      node->u.constant.i = (gint64) v;
      return;
    }
  node->u.constant.kind = LS_CONST_BIGINT;
  while (radix == 10 && digits[0] == '0' && digits[1] != '\0')
    digits++;
  node->u.constant.s = radix == 10 ? ls_ast_strndup (p->arena, digits, strlen (digits))
                                   : big_to_decimal (p, digits, radix);
}

static LsAst *
number_node (Parser        *p,
             const LsToken *t)
{
  g_autofree char *text = g_malloc (t->len + 1);
  LsAst *node = node_at (p, LS_AST_CONSTANT, t);
  int n = 0;
  int radix = 10;
  gboolean is_float = FALSE;

  node->end_line = t->end_line;
  node->end_col = t->end_col;
  for (guint i = 0; i < t->len; i++)
    if (t->start[i] != '_')
      text[n++] = t->start[i];
  text[n] = '\0';

  if (text[n - 1] == 'j' || text[n - 1] == 'J')
    return error_at_token (p, t, "complex numbers are not supported");
  if (n > 1 && text[0] == '0' && strchr ("xXoObB", text[1]) != NULL)
    radix = g_ascii_tolower (text[1]) == 'x' ? 16 : g_ascii_tolower (text[1]) == 'o' ? 8 : 2;
  else
    is_float = strpbrk (text, ".eE") != NULL;

  if (is_float)
    {
      node->u.constant.kind = LS_CONST_FLOAT;
      node->u.constant.f = g_ascii_strtod (text, NULL);
    }
  else
    set_integer (p, node, radix == 10 ? text : text + 2, radix);
  return node;
}

/* ------------------------------------------------------------------ */
/* String literals                                                      */
/* ------------------------------------------------------------------ */

typedef struct
{
  gboolean    bytes, raw, fstring;
  const char *body, *body_end;     /* between the quotes */
} StringParts;

static void
split_string (const LsToken *t,
              StringParts   *parts)
{
  const char *s = t->start;
  const char *end = t->start + t->len;
  int quote_len;

  memset (parts, 0, sizeof *parts);
  while (*s != '"' && *s != '\'')
    {
      char c = g_ascii_tolower (*s++);

      parts->bytes |= c == 'b';
      parts->raw |= c == 'r';
      parts->fstring |= c == 'f';
    }
  quote_len = (end - s >= 6 && s[1] == s[0] && s[2] == s[0]) ? 3 : 1;
  parts->body = s + quote_len;
  parts->body_end = end - quote_len;
}

/* Code points are stored as UTF-8; lone surrogates use the same 3-byte
 * pattern so that "\ud800" survives. */
static void
append_code_point (GString  *out,
                   gunichar  c)
{
  if (c >= 0xd800 && c <= 0xdfff)
    {
      g_string_append_c (out, (char) (0xe0 | (c >> 12)));
      g_string_append_c (out, (char) (0x80 | ((c >> 6) & 0x3f)));
      g_string_append_c (out, (char) (0x80 | (c & 0x3f)));
    }
  else
    g_string_append_unichar (out, c);
}

static gpointer
unicode_error (Parser     *p,
               gboolean    bytes,
               gsize       start,
               gsize       end,
               const char *what)
{
  if (bytes)
    return error_last (p, "(value error) invalid \\x escape at position %" G_GSIZE_FORMAT, start);
  return error_last (p, "(unicode error) 'unicodeescape' codec can't decode bytes in "
                     "position %" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT ": %s", start, end, what);
}

/* \x, \u and \U: exactly @n hex digits. Returns the number of bytes used
 * after the letter, or -1 after reporting an error. */
static int
decode_hex_escape (Parser     *p,
                   GString    *out,
                   const char *s,
                   const char *end,
                   const char *body,
                   int         n,
                   gboolean    bytes)
{
  static const char *names[] = { NULL, NULL, "truncated \\xXX escape", NULL,
                                 "truncated \\uXXXX escape", NULL, NULL, NULL,
                                 "truncated \\UXXXXXXXX escape" };
  gunichar c = 0;
  int i;

  for (i = 0; i < n && s + i < end && g_ascii_isxdigit (s[i]); i++)
    c = c * 16 + g_ascii_xdigit_value (s[i]);
  if (i < n)
    {
      unicode_error (p, bytes, (s - 2) - body, (s + i - 1) - body, names[n]);
      return -1;
    }
  if (c > 0x10ffff)
    {
      unicode_error (p, bytes, (s - 2) - body, (s + i - 1) - body, "illegal Unicode character");
      return -1;
    }
  if (bytes)
    g_string_append_c (out, (char) c);
  else
    append_code_point (out, c);
  return n;
}

static int
decode_octal_escape (GString    *out,
                     const char *s,
                     const char *end,
                     gboolean    bytes)
{
  int c = 0;
  int i;

  for (i = 0; i < 3 && s + i < end && s[i] >= '0' && s[i] <= '7'; i++)
    c = c * 8 + (s[i] - '0');
  if (bytes)
    g_string_append_c (out, (char) (c & 0xff));
  else
    append_code_point (out, c);
  return i;
}

static char
simple_escape (char c)
{
  switch (c)
    {
    case '\\': return '\\';
    case '\'': return '\'';
    case '"': return '"';
    case 'a': return '\a';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case 'v': return '\v';
    default: return 0;
    }
}

/* One escape sequence after its backslash; returns the bytes used. */
static int
decode_escape (Parser     *p,
               GString    *out,
               const char *s,
               const char *end,
               const char *body,
               gboolean    bytes)
{
  char c = *s;
  char simple = simple_escape (c);

  if (c == '\n')
    return 1;
  if (simple)
    {
      g_string_append_c (out, simple);
      return 1;
    }
  if (c >= '0' && c <= '7')
    return decode_octal_escape (out, s, end, bytes);
  if (c == 'x' || (!bytes && (c == 'u' || c == 'U')))
    {
      int used = decode_hex_escape (p, out, s + 1, end, body,
                                    c == 'x' ? 2 : c == 'u' ? 4 : 8, bytes);

      return used < 0 ? -1 : used + 1;
    }
  if (c == 'N' && !bytes)
    {
      const char *close = s + 1 < end && s[1] == '{' ? memchr (s, '}', end - s) : NULL;

      /* Loopscope has no table of Unicode character names. */
      unicode_error (p, bytes, (s - 1) - body, (close ? close : s) - body,
                     "\\N{...} escapes are not supported");
      return -1;
    }
  /* Unknown escapes keep their backslash. */
  g_string_append_c (out, '\\');
  return 0;
}

/* Appends the value of a literal piece to @out. */
static gboolean
decode_literal (Parser        *p,
                GString       *out,
                const char    *s,
                const char    *end,
                gboolean       raw,
                gboolean       bytes,
                const LsToken *t)
{
  const char *body = s;

  if (bytes)
    {
      for (const char *q = s; q < end; q++)
        if ((guchar) *q >= 0x80)
          {
            error_at_token (p, t, "bytes can only contain ASCII literal characters");
            return FALSE;
          }
    }
  if (raw)
    {
      g_string_append_len (out, s, end - s);
      return TRUE;
    }
  while (s < end)
    {
      const char *bs = memchr (s, '\\', end - s);
      int used;

      if (bs == NULL)
        bs = end;
      g_string_append_len (out, s, bs - s);
      if (bs + 1 >= end)
        {
          g_string_append_len (out, bs, end - bs);
          break;
        }
      used = decode_escape (p, out, bs + 1, end, body, bytes);
      if (used < 0)
        return FALSE;
      s = bs + 1 + used;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* f-strings                                                            */
/* ------------------------------------------------------------------ */

typedef struct
{
  Parser        *p;
  LsAstList      values;
  GString       *text;      /* literal text not yet in a Constant */
  gboolean       fmode;
  const LsToken *first, *last;
} FString;

static gboolean fstring_concat (FString *fs, const char **str, const char *end,
                                gboolean raw, int level, const LsToken *t);

static LsAst *
string_constant (Parser        *p,
                 GString       *text,
                 const LsToken *first,
                 const LsToken *last)
{
  LsAst *node = node_at (p, LS_AST_CONSTANT, first);

  node->end_line = last->end_line;
  node->end_col = last->end_col;
  node->u.constant.kind = LS_CONST_STR;
  node->u.constant.s = ls_ast_strndup (p->arena, text->str, text->len);
  node->u.constant.slen = text->len;
  g_string_truncate (text, 0);
  return node;
}

static void
flush_text (FString       *fs,
            const LsToken *first,
            const LsToken *last)
{
  if (fs->text->len > 0)
    append (fs->p, &fs->values, string_constant (fs->p, fs->text, first, last));
}

static LsAst *
fstring_finish (FString       *fs,
                const LsToken *first,
                const LsToken *last)
{
  LsAst *node;

  if (!fs->fmode)
    return string_constant (fs->p, fs->text, first, last);
  flush_text (fs, first, last);
  node = node_at (fs->p, LS_AST_JOINED_STR, first);
  node->end_line = last->end_line;
  node->end_col = last->end_col;
  node->u.joined_str.values = fs->values;
  return node;
}

/* Literal text up to a single '{' (or '}' in a format spec). Returns 1 when
 * it stopped after a doubled brace, 0 otherwise, -1 on error. */
static int
fstring_literal (FString        *fs,
                 const char    **str,
                 const char     *end,
                 gboolean        raw,
                 int             level,
                 const LsToken  *t)
{
  const char *s = *str;
  const char *start = s;
  int result = 0;

  while (s < end)
    {
      char c = *s++;

      if (!raw && c == '\\' && s < end)
        {
          c = *s++;
          if (c == 'N' && s < end && *s == '{')
            {
              while (s < end && *s++ != '}')
                ;
              continue;
            }
        }
      if (c == '{' || c == '}')
        {
          if (level == 0 && s < end && *s == c)
            {
              *str = s + 1;
              result = 1;
              goto done;
            }
          if (level == 0 && c == '}')
            {
              error_last (fs->p, "f-string: single '}' is not allowed");
              return -1;
            }
          s--;
          break;
        }
    }
  *str = s;
done:
  if (s > start && !decode_literal (fs->p, fs->text, start, s, raw, FALSE, t))
    return -1;
  return result;
}

/* Where [start, ...) of token @t is in the source. */
static void
locate_in_token (const LsToken *t,
                 const char    *start,
                 int           *line,
                 const char   **line_start)
{
  *line = t->line;
  *line_start = t->start - t->col;
  for (const char *q = t->start; q < start; q++)
    if (*q == '\n')
      {
        (*line)++;
        *line_start = q + 1;
      }
}

static void
virtual_token (LsToken       *tok,
               LsTokenKind    kind,
               const LsToken *t,
               const char    *where,
               int            level)
{
  int line;
  const char *line_start;

  locate_in_token (t, where, &line, &line_start);
  tok->kind = kind;
  tok->line = tok->end_line = line;
  tok->col = (int) (where - line_start);
  tok->end_col = tok->col + 1;
  tok->start = where;
  tok->len = 1;
  tok->level = level;
}

/* The line of "(expr)" that CPython shows for an error in a field. */
static char *
fragment_text (Parser *sub,
               int     line,
               int    *shift)
{
  GString *text = g_string_new (NULL);
  const char *s = sub->frag_start;
  int l = sub->frag_open.line;

  *shift = sub->frag_open.col;
  if (line == l)
    g_string_append_c (text, '(');
  else
    {
      while (l < line && s < sub->frag_end)
        if (*s++ == '\n')
          l++;
      *shift = 0;
    }
  while (s < sub->frag_end && *s != '\n')
    g_string_append_c (text, *s++);
  if (s >= sub->frag_end)
    g_string_append_c (text, ')');
  return g_string_free (text, FALSE);
}

/* Moves an error in a replacement field to the enclosing parser. */
static void
adopt_fragment_error (Parser *p,
                      Parser *sub)
{
  ParseError *e = &p->err;
  int shift;

  settle_error (sub);
  if (p->hard)
    {
      g_free (sub->err.text);
      return;
    }
  p->failed = p->hard = TRUE;
  *e = sub->err;
  /* An error from a field nested in this one is already in its own terms. */
  if (sub->err.text != NULL)
    return;
  if (!sub->err.from_lexer)
    {
      g_strlcpy (e->msg, "f-string: ", sizeof e->msg);
      g_strlcat (e->msg, sub->err.msg, sizeof e->msg);
    }
  e->text = fragment_text (sub, e->line, &shift);
  if (e->offset > 0)
    e->offset -= shift;
  if (e->end_offset > 0)
    e->end_offset -= shift;
  e->from_lexer = FALSE;
}

static void parser_init (Parser *p, LsAstArena *arena);

/* Parses the expression text [start, end) of a field in token @t. */
static LsAst *
fstring_compile_expr (Parser        *p,
                      const char    *start,
                      const char    *end,
                      const LsToken *t)
{
  Parser sub;
  LsAst *e;
  int line;
  const char *line_start;

  parser_init (&sub, p->arena);
  sub.outer = p;
  sub.spare_blocks = p->spare_blocks;
  sub.src = p->src;
  sub.src_end = p->src_end;
  sub.depth = p->depth;
  sub.frag_start = start;
  sub.frag_end = end;
  virtual_token (&sub.frag_open, LS_TOK_LPAR, t, start - 1, 1);
  virtual_token (&sub.frag_close, LS_TOK_RPAR, t, end, 0);
  locate_in_token (t, start, &line, &line_start);
  sub.frag_line_start = line_start;
  ls_lexer_init_fragment (&sub.lexer, start, end, line, line_start);
  sub.lexer.level = 1;
  sub.lexer.parens[0] = '(';
  sub.lexer.paren_lines[0] = line;

  e = parse_star_expressions (&sub);
  if (e != NULL && !at (&sub, LS_TOK_ENDMARKER))
    e = fail (&sub);
  if (e == NULL)
    adopt_fragment_error (p, &sub);
  free_tokens (&sub);
  return e;
}

typedef struct
{
  const char *start, *end;
  int         depth;
  char        stack[LS_LEXER_MAX_LEVEL];
  char        quote;
  int         quote_len;
} FieldScan;

typedef enum { SCAN_MORE, SCAN_END, SCAN_ERROR } ScanResult;

static gboolean
triple_quote_at (FieldScan  *sc,
                 const char *s)
{
  return s + 2 < sc->end && s[1] == s[0] && s[2] == s[0];
}

/* Strings inside a field are skipped whole: their brackets do not count. */
static void
scan_quote (FieldScan   *sc,
            const char **s)
{
  char c = **s;

  if (sc->quote == 0)
    {
      sc->quote_len = triple_quote_at (sc, *s) ? 3 : 1;
      sc->quote = c;
      *s += sc->quote_len - 1;
    }
  else if (c == sc->quote && (sc->quote_len == 1 || triple_quote_at (sc, *s)))
    {
      *s += sc->quote_len - 1;
      sc->quote = 0;
    }
}

static ScanResult
scan_close_bracket (FString   *fs,
                    FieldScan *sc,
                    char       c)
{
  char open;

  if (sc->depth == 0)
    {
      error_last (fs->p, "f-string: unmatched '%c'", c);
      return SCAN_ERROR;
    }
  open = sc->stack[--sc->depth];
  if ((open == '(' && c == ')') || (open == '[' && c == ']') || (open == '{' && c == '}'))
    return SCAN_MORE;
  error_last (fs->p, "f-string: closing parenthesis '%c' does not match opening parenthesis '%c'",
              c, open);
  return SCAN_ERROR;
}

/* '!', ':', '=' and '}' end the expression at depth 0, but not as part of
 * "!=", "==", "<=" or ">=". */
static ScanResult
scan_terminator (FieldScan   *sc,
                 const char **s)
{
  char c = **s;
  char next = *s + 1 < sc->end ? (*s)[1] : 0;

  if (next == '=' && (c == '!' || c == '=' || c == '<' || c == '>'))
    {
      (*s)++;
      return SCAN_MORE;
    }
  return c == '<' || c == '>' ? SCAN_MORE : SCAN_END;
}

/* One character of a field's expression while looking for its end, as
 * CPython 3.11's fstring_find_expr does. */
static ScanResult
scan_field_char (FString     *fs,
                 FieldScan   *sc,
                 const char **s)
{
  char c = **s;

  if (c == '\\')
    {
      error_last (fs->p, "f-string expression part cannot include a backslash");
      return SCAN_ERROR;
    }
  if (sc->quote != 0 || c == '\'' || c == '"')
    {
      scan_quote (sc, s);
      return SCAN_MORE;
    }
  if (c == '[' || c == '{' || c == '(')
    {
      if (sc->depth >= LS_LEXER_MAX_LEVEL)
        {
          error_last (fs->p, "f-string: too many nested parenthesis");
          return SCAN_ERROR;
        }
      sc->stack[sc->depth++] = c;
      return SCAN_MORE;
    }
  if (c == '#')
    {
      error_last (fs->p, "f-string expression part cannot include '#'");
      return SCAN_ERROR;
    }
  if (sc->depth == 0 && strchr ("!:}=<>", c) != NULL)
    return scan_terminator (sc, s);
  if (c == ']' || c == '}' || c == ')')
    return scan_close_bracket (fs, sc, c);
  return SCAN_MORE;
}

/* Finds the end of a field's expression; returns FALSE after an error. */
static gboolean
scan_field_expression (FString     *fs,
                       const char **str,
                       const char  *end)
{
  FieldScan sc = { .start = *str, .end = end };
  ScanResult r = SCAN_MORE;
  const char *s;

  for (s = *str; s < end; s++)
    if ((r = scan_field_char (fs, &sc, &s)) != SCAN_MORE)
      break;
  *str = s;
  if (r == SCAN_ERROR)
    return FALSE;
  if (sc.quote)
    {
      error_last (fs->p, "f-string: unterminated string");
      return FALSE;
    }
  if (sc.depth > 0)
    {
      error_last (fs->p, "f-string: unmatched '%c'", sc.stack[sc.depth - 1]);
      return FALSE;
    }
  if (s >= end)
    {
      error_last (fs->p, "f-string: expecting '}'");
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_field_not_empty (FString    *fs,
                       const char *start,
                       const char *end)
{
  for (const char *s = start; s < end; s++)
    if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\f')
      return TRUE;
  if (*end == '!' || *end == ':' || *end == '=')
    error_last (fs->p, "f-string: expression required before '%c'", *end);
  else
    error_last (fs->p, "f-string: empty expression not allowed");
  return FALSE;
}

typedef struct
{
  LsAst      *value;
  int         conversion;
  LsAst      *spec;
  const char *expr_text;     /* for "{x=}": the text up to and after '=' */
  gsize       expr_text_len;
} Field;

static gboolean
fstring_conversion (FString     *fs,
                    const char **s,
                    const char  *end,
                    Field       *field)
{
  char c;

  if (++*s >= end)
    return error_last (fs->p, "f-string: expecting '}'"), FALSE;
  c = *(*s)++;
  if (c != 's' && c != 'r' && c != 'a')
    return error_last (fs->p, "f-string: invalid conversion character: "
                       "expected 's', 'r', or 'a'"), FALSE;
  field->conversion = c;
  return TRUE;
}

static gboolean
fstring_format_spec (FString        *fs,
                     const char    **s,
                     const char     *end,
                     gboolean        raw,
                     int             level,
                     const LsToken  *t,
                     Field          *field)
{
  FString spec = { fs->p, { 0 }, g_string_new (NULL), FALSE, fs->first, fs->last };
  gboolean ok;

  if (++*s >= end)
    {
      g_string_free (spec.text, TRUE);
      return error_last (fs->p, "f-string: expecting '}'"), FALSE;
    }
  ok = fstring_concat (&spec, s, end, raw, level + 1, t);
  if (ok)
    {
      spec.fmode = TRUE;
      field->spec = fstring_finish (&spec, t, t);
    }
  g_string_free (spec.text, TRUE);
  return ok;
}

/* "{expr=!r:spec}" starting at '{'. */
static gboolean
fstring_field (FString        *fs,
               const char    **str,
               const char     *end,
               gboolean        raw,
               int             level,
               const LsToken  *t,
               Field          *field)
{
  const char *expr_start;
  const char *s;

  if (level >= 2)
    return error_last (fs->p, "f-string: expressions nested too deeply"), FALSE;
  expr_start = s = *str + 1;
  if (!scan_field_expression (fs, &s, end) || !check_field_not_empty (fs, expr_start, s))
    return FALSE;
  field->value = fstring_compile_expr (fs->p, expr_start, s, t);
  if (field->value == NULL)
    return FALSE;
  if (*s == '=')
    {
      s++;
      while (s < end && g_ascii_isspace (*s))
        s++;
      field->expr_text = expr_start;
      field->expr_text_len = s - expr_start;
    }
  if (s < end && *s == '!' && !fstring_conversion (fs, &s, end, field))
    return FALSE;
  if (s < end && *s == ':' && !fstring_format_spec (fs, &s, end, raw, level, t, field))
    return FALSE;
  if (s >= end || *s != '}')
    return error_last (fs->p, "f-string: expecting '}'"), FALSE;
  *str = s + 1;
  if (field->expr_text != NULL && field->spec == NULL && field->conversion == -1)
    field->conversion = 'r';
  return TRUE;
}

static LsAst *
formatted_value (FString *fs,
                 Field   *field)
{
  LsAst *node = node_at (fs->p, LS_AST_FORMATTED_VALUE, fs->first);

  node->end_line = fs->last->end_line;
  node->end_col = fs->last->end_col;
  node->u.formatted_value.value = field->value;
  node->u.formatted_value.conversion = field->conversion;
  node->u.formatted_value.format_spec = field->spec;
  return node;
}

/* Adds the pieces of one f-string body (or format spec) to @fs. */
static gboolean
fstring_concat (FString        *fs,
                const char    **str,
                const char     *end,
                gboolean        raw,
                int             level,
                const LsToken  *t)
{
  fs->fmode = TRUE;
  for (;;)
    {
      Field field = { NULL, -1, NULL, NULL, 0 };
      int r = fstring_literal (fs, str, end, raw, level, t);

      if (r < 0)
        return FALSE;
      if (r == 1)
        continue;
      if (*str >= end || **str == '}')
        break;
      if (!fstring_field (fs, str, end, raw, level, t, &field))
        return FALSE;
      if (field.expr_text != NULL)
        g_string_append_len (fs->text, field.expr_text, field.expr_text_len);
      flush_text (fs, fs->first, fs->last);
      append (fs->p, &fs->values, formatted_value (fs, &field));
    }
  if (level > 0 && (*str >= end || **str != '}'))
    return error_last (fs->p, "f-string: expecting '}'"), FALSE;
  return TRUE;
}

/* Adjacent string literals, joined into one Constant or JoinedStr. */
static LsAst *
parse_strings (Parser *p)
{
  int first_i = p->pos;
  LsToken *first = cur (p);
  FString fs = { p, { 0 }, g_string_new (NULL), FALSE, first, NULL };
  gboolean bytes = FALSE;
  LsAst *result = NULL;

  while (at (p, LS_TOK_STRING))
    fs.last = advance (p);
  cur (p);  /* CPython has read one token past the strings */

  for (int i = first_i; i < p->pos; i++)
    {
      LsToken *t = token_slot (p, i);
      StringParts parts;
      const char *s;

      split_string (t, &parts);
      if (i > first_i && parts.bytes != bytes)
        {
          error_last (p, "cannot mix bytes and nonbytes literals");
          goto out;
        }
      bytes = parts.bytes;
      s = parts.body;
      if (parts.fstring)
        {
          if (!fstring_concat (&fs, &s, parts.body_end, parts.raw, 0, t))
            goto out;
        }
      else if (!decode_literal (p, fs.text, parts.body, parts.body_end, parts.raw, bytes, t))
        goto out;
    }

  if (bytes)
    {
      result = string_constant (p, fs.text, first, fs.last);
      result->u.constant.kind = LS_CONST_BYTES;
    }
  else
    result = fstring_finish (&fs, first, fs.last);
out:
  g_string_free (fs.text, TRUE);
  return result;
}

/* ------------------------------------------------------------------ */
/* Atoms and displays                                                   */
/* ------------------------------------------------------------------ */

static LsAst *
constant_token (Parser      *p,
                LsConstKind  kind)
{
  LsToken *t = advance (p);
  LsAst *node = node_at (p, LS_AST_CONSTANT, t);

  node->end_line = t->end_line;
  node->end_col = t->end_col;
  node->u.constant.kind = kind;
  return node;
}

static gboolean
at_comp_for (Parser *p)
{
  return at (p, LS_TOK_FOR) || (at (p, LS_TOK_ASYNC) && peek (p, 1)->kind == LS_TOK_FOR);
}

static LsAst *parse_for_targets (Parser *p);

/* for_if_clauses: one or more "[async] for ... in ... [if ...]". */
static gboolean
parse_comprehensions (Parser    *p,
                      LsAstList *generators)
{
  while (at_comp_for (p))
    {
      LsAst *comp = node_at (p, LS_AST_COMPREHENSION, cur (p));

      comp->u.comprehension.is_async = accept (p, LS_TOK_ASYNC) != NULL;
      advance (p);
      comp->u.comprehension.target = parse_for_targets (p);
      if (comp->u.comprehension.target == NULL || !accept (p, LS_TOK_IN))
        return fail (p), FALSE;
      comp->u.comprehension.iter = parse_disjunction (p);
      if (comp->u.comprehension.iter == NULL)
        return FALSE;
      while (accept (p, LS_TOK_IF))
        {
          LsAst *cond = parse_disjunction (p);

          if (cond == NULL)
            return FALSE;
          append (p, &comp->u.comprehension.ifs, cond);
        }
      append (p, generators, finish (p, comp));
    }
  return TRUE;
}

static LsAst *
comprehension (Parser        *p,
               LsAstKind      kind,
               const LsToken *open,
               LsAst         *elt,
               LsAst         *value,
               LsTokenKind    close)
{
  LsAst *node = node_at (p, kind, open);

  if (elt->kind == LS_AST_STARRED && !p->probing)
    return error_at_node (p, elt, "iterable unpacking cannot be used in comprehension");
  if (kind == LS_AST_DICT_COMP)
    {
      node->u.comp.key = elt;
      node->u.comp.value = value;
    }
  else
    node->u.comp.elt = elt;
  if (!parse_comprehensions (p, &node->u.comp.generators))
    return NULL;
  if (!accept (p, close))
    return fail (p);
  return finish (p, node);
}

/* The elements after the first of a tuple, list or set display. */
static LsAst *
sequence_rest (Parser        *p,
               LsAstKind      kind,
               const LsToken *open,
               LsAst         *first,
               LsTokenKind    close)
{
  LsAst *node = node_at (p, kind, open);
  LsAstList *elts = kind == LS_AST_SET ? &node->u.set.elts : &node->u.list.elts;
  LsAst *last = first;

  append (p, elts, first);
  while (at (p, LS_TOK_COMMA))
    {
      LsToken *comma = advance (p);

      if (kind != LS_AST_TUPLE && at_comp_for (p) && !p->probing)
        return error_range (p, first->line, first->col, comma->end_col,
                            "did you forget parentheses around the comprehension target?");
      if (at (p, close))
        break;
      last = parse_star_named_expression (p);
      if (last == NULL)
        return NULL;
      append (p, elts, last);
    }
  if (kind != LS_AST_TUPLE && at_comp_for (p) && !p->probing)
    return error_between (p, first, last,
                          "did you forget parentheses around the comprehension target?");
  if (!accept (p, close))
    return fail (p);
  return finish (p, node);
}

/* "(**x)" gets a message of its own, as in CPython's invalid_group. */
static LsAst *
double_starred_group (Parser *p)
{
  LsToken *star = cur (p);
  gboolean closed = FALSE;

  if (!p->probing)
    {
      Mark m = probe_begin (p);

      advance (p);
      closed = parse_expression (p) != NULL && at (p, LS_TOK_RPAR);
      probe_end (p, m);
    }
  if (!closed || p->hard)
    return fail (p);
  return error_at_token (p, star, "cannot use double starred expression here");
}

static LsAst *
parse_paren (Parser *p)
{
  LsToken *open = advance (p);
  LsAst *first;

  if (accept (p, LS_TOK_RPAR))
    return node_span (p, LS_AST_TUPLE, open);
  if (at (p, LS_TOK_YIELD))
    {
      first = parse_yield (p);
      return first == NULL || accept (p, LS_TOK_RPAR) ? first : fail (p);
    }
  if (at (p, LS_TOK_DOUBLESTAR))
    return double_starred_group (p);
  first = parse_star_named_expression (p);
  if (first == NULL)
    return NULL;
  if (at_comp_for (p))
    return comprehension (p, LS_AST_GENERATOR_EXP, open, first, NULL, LS_TOK_RPAR);
  if (at (p, LS_TOK_COMMA))
    return sequence_rest (p, LS_AST_TUPLE, open, first, LS_TOK_RPAR);
  if (!accept (p, LS_TOK_RPAR))
    return fail (p);
  if (first->kind == LS_AST_STARRED && !p->probing)
    return error_at_node (p, first, "cannot use starred expression here");
  return first;
}

static LsAst *
parse_list (Parser *p)
{
  LsToken *open = advance (p);
  LsAst *first;

  if (accept (p, LS_TOK_RSQB))
    return node_span (p, LS_AST_LIST, open);
  first = parse_star_named_expression (p);
  if (first == NULL)
    return NULL;
  if (at_comp_for (p))
    return comprehension (p, LS_AST_LIST_COMP, open, first, NULL, LS_TOK_RSQB);
  return sequence_rest (p, LS_AST_LIST, open, first, LS_TOK_RSQB);
}

/* One "key: value" or "**mapping" of a dict display. */
static gboolean
parse_dict_item (Parser *p,
                 LsAst  *dict,
                 gboolean after_comma)
{
  LsAst *key = NULL, *value;
  LsToken *colon;

  if (after_comma && !at (p, LS_TOK_DOUBLESTAR) && !p->probing)
    {
      Mark m = probe_begin (p);
      LsAst *probe = parse_expression (p);
      gboolean colon_follows = at (p, LS_TOK_COLON);

      probe_end (p, m);
      if (probe != NULL && !colon_follows && !p->hard)
        return error_range (p, probe->line, probe->end_col - 1, -1,
                            "':' expected after dictionary key"), FALSE;
    }
  if (accept (p, LS_TOK_DOUBLESTAR))
    value = parse_bitwise_or (p);
  else
    {
      key = parse_expression (p);
      if (key == NULL)
        return FALSE;
      colon = accept (p, LS_TOK_COLON);
      if (colon == NULL)
        return fail (p), FALSE;
      if ((at (p, LS_TOK_RBRACE) || at (p, LS_TOK_COMMA)) && !p->probing)
        return error_at_token (p, colon, "expression expected after dictionary key and ':'"), FALSE;
      value = parse_expression (p);
    }
  if (value == NULL)
    return FALSE;
  append (p, &dict->u.dict.keys, key);
  append (p, &dict->u.dict.values, value);
  return TRUE;
}

static LsAst *
dict_rest (Parser        *p,
           const LsToken *open,
           LsAst         *key,
           LsAst         *value)
{
  LsAst *dict = node_at (p, LS_AST_DICT, open);
  gboolean after_comma = FALSE;

  if (key != NULL)
    {
      append (p, &dict->u.dict.keys, key);
      append (p, &dict->u.dict.values, value);
      if (!accept (p, LS_TOK_COMMA))
        goto close;
      after_comma = TRUE;
    }
  while (!at (p, LS_TOK_RBRACE))
    {
      if (!parse_dict_item (p, dict, after_comma))
        return NULL;
      if (!accept (p, LS_TOK_COMMA))
        break;
      after_comma = TRUE;
    }
close:
  if (!accept (p, LS_TOK_RBRACE))
    return fail (p);
  return finish (p, dict);
}

static LsAst *
parse_brace (Parser *p)
{
  LsToken *open = advance (p);
  LsAst *first, *value;
  LsToken *colon;

  if (accept (p, LS_TOK_RBRACE))
    return node_span (p, LS_AST_DICT, open);
  if (at (p, LS_TOK_DOUBLESTAR))
    return dict_rest (p, open, NULL, NULL);
  first = parse_star_named_expression (p);
  if (first == NULL)
    return NULL;
  colon = accept (p, LS_TOK_COLON);
  if (colon == NULL)
    {
      if (at_comp_for (p))
        return comprehension (p, LS_AST_SET_COMP, open, first, NULL, LS_TOK_RBRACE);
      return sequence_rest (p, LS_AST_SET, open, first, LS_TOK_RBRACE);
    }
  if ((at (p, LS_TOK_RBRACE) || at (p, LS_TOK_COMMA)) && !p->probing)
    return error_at_token (p, colon, "expression expected after dictionary key and ':'");
  value = parse_expression (p);
  if (value == NULL)
    return NULL;
  if (at_comp_for (p))
    return comprehension (p, LS_AST_DICT_COMP, open, first, value, LS_TOK_RBRACE);
  return dict_rest (p, open, first, value);
}

static LsAst *
parse_atom (Parser *p)
{
  LsToken *t = cur (p);
  LsAst *node;

  switch (t->kind)
    {
    case LS_TOK_NAME:
      advance (p);
      return name_node (p, t, LS_CTX_LOAD);
    case LS_TOK_TRUE:
      return constant_token (p, LS_CONST_TRUE);
    case LS_TOK_FALSE:
      return constant_token (p, LS_CONST_FALSE);
    case LS_TOK_NONE:
      return constant_token (p, LS_CONST_NONE);
    case LS_TOK_ELLIPSIS:
      return constant_token (p, LS_CONST_ELLIPSIS);
    case LS_TOK_NUMBER:
      advance (p);
      return number_node (p, t);
    case LS_TOK_STRING:
      return parse_strings (p);
    case LS_TOK_LPAR:
    case LS_TOK_LSQB:
    case LS_TOK_LBRACE:
      if (!enter_by (p, DEEP))
        return NULL;
      node = t->kind == LS_TOK_LPAR ? parse_paren (p)
             : t->kind == LS_TOK_LSQB ? parse_list (p) : parse_brace (p);
      leave_by (p, DEEP);
      return node;
    default:
      return fail (p);
    }
}

/* ------------------------------------------------------------------ */
/* Calls, subscripts, primaries                                         */
/* ------------------------------------------------------------------ */

static LsAst *
starred (Parser        *p,
         const LsToken *star,
         LsAst         *value)
{
  LsAst *node = node_at (p, LS_AST_STARRED, star);

  node->u.starred.value = value;
  node->u.starred.ctx = LS_CTX_LOAD;
  return finish (p, node);
}

static LsAst *
keyword_argument (Parser        *p,
                  const LsToken *start)
{
  LsAst *kw = node_at (p, LS_AST_KEYWORD, start);

  if (start->kind == LS_TOK_DOUBLESTAR)
    advance (p);
  else
    {
      kw->u.keyword.arg = identifier (p, advance (p));
      advance (p);  /* = */
    }
  kw->u.keyword.value = parse_expression (p);
  if (kw->u.keyword.value == NULL)
    return NULL;
  if (start->kind == LS_TOK_NAME && at_comp_for (p) && !p->probing)
    return error_range (p, start->line, start->col, token_slot (p, p->pos)->col,
                        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
  return finish (p, kw);
}

/* The end of a generator's comprehension clauses, for error ranges. */
static const LsAst *
last_comprehension_item (const LsAst *genexp)
{
  const LsAst *last = genexp->u.comp.generators.items[genexp->u.comp.generators.len - 1];

  if (last->u.comprehension.ifs.len > 0)
    return last->u.comprehension.ifs.items[last->u.comprehension.ifs.len - 1];
  return last->u.comprehension.iter;
}

/* "f(x for x in y)": only as the sole argument. */
static LsAst *
call_generator (Parser        *p,
                const LsToken *open,
                LsAst         *elt,
                gboolean       first)
{
  LsAst *gen = node_at (p, LS_AST_GENERATOR_EXP, open);

  gen->u.comp.elt = elt;
  if (!parse_comprehensions (p, &gen->u.comp.generators))
    return NULL;
  if (!first || !at (p, LS_TOK_RPAR))
    {
      if (p->probing)
        return fail (p);
      return error_between (p, elt, last_comprehension_item (gen),
                            "Generator expression must be parenthesized");
    }
  gen->end_line = cur (p)->end_line;
  gen->end_col = cur (p)->end_col;
  return gen;
}

static LsAst *
positional_argument (Parser *p)
{
  LsToken *start = cur (p);
  LsAst *e;

  if (start->kind == LS_TOK_STAR)
    {
      advance (p);
      e = parse_expression (p);
      return e != NULL ? starred (p, start, e) : NULL;
    }
  if (start->kind == LS_TOK_NAME && peek (p, 1)->kind == LS_TOK_COLONEQUAL)
    return parse_named_expression (p);
  e = parse_expression (p);
  if (e != NULL && at (p, LS_TOK_EQUAL) && !p->probing)
    return error_range (p, e->line, e->col, cur (p)->end_col,
                        "expression cannot contain assignment, perhaps you meant \"==\"?");
  return e;
}

typedef struct
{
  gboolean keyword;
  gboolean double_star;
  gboolean misplaced;   /* a positional argument after keywords */
} ArgsState;

static gboolean
parse_argument (Parser        *p,
                const LsToken *open,
                LsAstList     *args,
                LsAstList     *keywords,
                ArgsState     *st)
{
  LsToken *t = cur (p);
  LsTokenKind next = LS_TOK_N_KINDS;
  LsAst *e;

  if (t->kind == LS_TOK_NAME || t->kind == LS_TOK_TRUE || t->kind == LS_TOK_FALSE
      || t->kind == LS_TOK_NONE)
    next = peek (p, 1)->kind;
  if (t->kind == LS_TOK_DOUBLESTAR || (t->kind == LS_TOK_NAME && next == LS_TOK_EQUAL))
    {
      e = keyword_argument (p, t);
      st->double_star |= t->kind == LS_TOK_DOUBLESTAR;
      st->keyword = TRUE;
      if (e != NULL)
        append (p, keywords, e);
      return e != NULL;
    }
  if ((t->kind == LS_TOK_TRUE || t->kind == LS_TOK_FALSE || t->kind == LS_TOK_NONE)
      && next == LS_TOK_EQUAL && !p->probing)
    return error_range (p, t->line, t->col, peek (p, 1)->end_col, "cannot assign to %s",
                        ls_token_kind_name (t->kind)), FALSE;
  if (t->kind == LS_TOK_STAR && st->double_star && !p->probing)
    return error_at_token (p, t, "iterable argument unpacking follows keyword "
                           "argument unpacking"), FALSE;
  e = positional_argument (p);
  if (e != NULL && at_comp_for (p))
    e = call_generator (p, open, e, args->len == 0 && keywords->len == 0);
  if (e == NULL)
    return FALSE;
  if (e->kind != LS_AST_STARRED && st->keyword)
    st->misplaced = TRUE;
  append (p, args, e);
  return TRUE;
}

/* The arguments of a call or class, after '('. */
static gboolean
parse_arguments (Parser        *p,
                 const LsToken *open,
                 LsAstList     *args,
                 LsAstList     *keywords)
{
  ArgsState st = { FALSE, FALSE, FALSE };

  while (!at (p, LS_TOK_RPAR))
    {
      if (!parse_argument (p, open, args, keywords, &st))
        return FALSE;
      if (!accept (p, LS_TOK_COMMA))
        break;
    }
  if (st.misplaced && !p->probing)
    {
      error_last (p, st.double_star ? "positional argument follows keyword argument unpacking"
                                    : "positional argument follows keyword argument");
      return FALSE;
    }
  return TRUE;
}

static LsAst *
parse_call (Parser        *p,
            const LsToken *start,
            LsAst         *func)
{
  LsAst *call = node_at (p, LS_AST_CALL, start);
  LsToken *open = advance (p);

  call->u.call.func = func;
  if (!enter_by (p, DEEP))
    return NULL;
  if (!parse_arguments (p, open, &call->u.call.args, &call->u.call.keywords))
    return NULL;
  leave_by (p, DEEP);
  if (!accept (p, LS_TOK_RPAR))
    return fail (p);
  return finish (p, call);
}

static LsAst *
optional_expression (Parser *p)
{
  return starts_expression (cur (p)->kind) ? parse_expression (p) : NULL;
}

/* One element of a subscript: a slice, an expression or *expression. */
static LsAst *
parse_slice (Parser *p)
{
  LsToken *start = cur (p);
  LsAst *lower = NULL, *slice;

  if (start->kind == LS_TOK_STAR)
    {
      LsAst *e;

      advance (p);
      e = parse_expression (p);
      return e != NULL ? starred (p, start, e) : NULL;
    }
  if (start->kind == LS_TOK_NAME && peek (p, 1)->kind == LS_TOK_COLONEQUAL)
    return parse_named_expression (p);
  if (start->kind != LS_TOK_COLON)
    {
      lower = parse_named_expression (p);
      if (lower == NULL || !at (p, LS_TOK_COLON))
        return lower;
    }
  advance (p);
  slice = node_at (p, LS_AST_SLICE, start);
  slice->u.slice.lower = lower;
  slice->u.slice.upper = optional_expression (p);
  if (p->failed)
    return NULL;
  if (accept (p, LS_TOK_COLON))
    {
      slice->u.slice.step = optional_expression (p);
      if (p->failed)
        return NULL;
    }
  return finish (p, slice);
}

static LsAst *
parse_slices (Parser *p)
{
  LsToken *start = cur (p);
  LsAst *first = parse_slice (p);
  LsAst *tuple;

  if (first == NULL)
    return NULL;
  if (!at (p, LS_TOK_COMMA) && first->kind != LS_AST_STARRED)
    return first;
  tuple = node_at (p, LS_AST_TUPLE, start);
  append (p, &tuple->u.list.elts, first);
  while (accept (p, LS_TOK_COMMA) && !at (p, LS_TOK_RSQB))
    {
      LsAst *e = parse_slice (p);

      if (e == NULL)
        return NULL;
      append (p, &tuple->u.list.elts, e);
    }
  return finish (p, tuple);
}

static LsAst *
parse_subscript (Parser        *p,
                 const LsToken *start,
                 LsAst         *value)
{
  LsAst *node = node_at (p, LS_AST_SUBSCRIPT, start);

  advance (p);
  if (!enter_by (p, DEEP))
    return NULL;
  node->u.subscript.value = value;
  node->u.subscript.slice = parse_slices (p);
  leave_by (p, DEEP);
  if (node->u.subscript.slice == NULL)
    return NULL;
  if (!accept (p, LS_TOK_RSQB))
    return fail (p);
  return finish (p, node);
}

static LsAst *
parse_attribute (Parser        *p,
                 const LsToken *start,
                 LsAst         *value)
{
  LsAst *node = node_at (p, LS_AST_ATTRIBUTE, start);
  LsToken *name;

  advance (p);
  name = accept (p, LS_TOK_NAME);
  if (name == NULL)
    return fail (p);
  node->u.attribute.value = value;
  node->u.attribute.attr = identifier (p, name);
  return finish (p, node);
}

static LsAst *
parse_primary (Parser *p)
{
  LsToken *start = cur (p);
  LsAst *e = parse_atom (p);

  int depth = p->depth;

  while (e != NULL)
    {
      int before = p->pos;
      LsAst *next;

      switch (cur (p)->kind)
        {
        case LS_TOK_DOT:
          next = parse_attribute (p, start, e);
          break;
        case LS_TOK_LPAR:
          next = parse_call (p, start, e);
          break;
        case LS_TOK_LSQB:
          next = parse_subscript (p, start, e);
          break;
        default:
          p->depth = depth;
          return e;
        }
      /* Like CPython's left-recursive primary, keep what parsed so far:
       * the error then shows where an expression cannot go on. */
      if (next == NULL)
        {
          p->depth = depth;
          return backtrack (p, before) ? e : NULL;
        }
      e = next;
      if (!enter (p))
        return NULL;
    }
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Operators                                                            */
/* ------------------------------------------------------------------ */

static LsAst *parse_factor (Parser *p);

static LsAst *
parse_await_primary (Parser *p)
{
  LsToken *t = cur (p);
  LsAst *node;

  if (t->kind != LS_TOK_AWAIT)
    return parse_primary (p);
  advance (p);
  if (!enter (p))
    return NULL;
  node = node_at (p, LS_AST_AWAIT, t);
  node->u.await.value = parse_primary (p);
  leave (p);
  return node->u.await.value != NULL ? finish (p, node) : NULL;
}

static LsAst *
parse_power (Parser *p)
{
  LsToken *start = cur (p);
  LsAst *base = parse_await_primary (p);
  int before = p->pos;
  LsAst *node;

  if (base == NULL || !accept (p, LS_TOK_DOUBLESTAR))
    return base;
  if (!enter (p))
    return NULL;
  node = node_at (p, LS_AST_BIN_OP, start);
  node->u.bin_op.left = base;
  node->u.bin_op.op = LS_BINOP_POW;
  node->u.bin_op.right = parse_factor (p);
  leave (p);
  if (node->u.bin_op.right == NULL)
    return backtrack (p, before) ? base : NULL;
  return finish (p, node);
}

static LsAst *
parse_factor (Parser *p)
{
  LsToken *t = cur (p);
  LsUnaryOpKind op;
  LsAst *node;

  switch (t->kind)
    {
    case LS_TOK_PLUS:
      op = LS_UNARY_POS;
      break;
    case LS_TOK_MINUS:
      op = LS_UNARY_NEG;
      break;
    case LS_TOK_TILDE:
      op = LS_UNARY_INVERT;
      break;
    default:
      return parse_power (p);
    }
  advance (p);
  if (!enter (p))
    return NULL;
  node = node_at (p, LS_AST_UNARY_OP, t);
  node->u.unary_op.op = op;
  node->u.unary_op.operand = parse_factor (p);
  leave (p);
  return node->u.unary_op.operand != NULL ? finish (p, node) : NULL;
}

/* Binding strength of the binary operators from '|' (1) to '*' (6). */
static int
binop_precedence (LsTokenKind  kind,
                  LsBinOpKind *op)
{
  switch (kind)
    {
    case LS_TOK_VBAR: *op = LS_BINOP_BITOR; return 1;
    case LS_TOK_CIRCUMFLEX: *op = LS_BINOP_BITXOR; return 2;
    case LS_TOK_AMPER: *op = LS_BINOP_BITAND; return 3;
    case LS_TOK_LEFTSHIFT: *op = LS_BINOP_LSHIFT; return 4;
    case LS_TOK_RIGHTSHIFT: *op = LS_BINOP_RSHIFT; return 4;
    case LS_TOK_PLUS: *op = LS_BINOP_ADD; return 5;
    case LS_TOK_MINUS: *op = LS_BINOP_SUB; return 5;
    case LS_TOK_STAR: *op = LS_BINOP_MUL; return 6;
    case LS_TOK_SLASH: *op = LS_BINOP_DIV; return 6;
    case LS_TOK_DOUBLESLASH: *op = LS_BINOP_FLOORDIV; return 6;
    case LS_TOK_PERCENT: *op = LS_BINOP_MOD; return 6;
    case LS_TOK_AT: *op = LS_BINOP_MATMUL; return 6;
    default: return 0;
    }
}

/* Left-associative binary operators by precedence climbing; every node of
 * a chain starts where the chain starts, as in CPython. */
static LsAst *
parse_binary (Parser *p,
              int     min_prec)
{
  LsToken *start = cur (p);
  LsAst *left = parse_factor (p);
  int depth = p->depth;

  while (left != NULL)
    {
      LsBinOpKind op;
      int prec = binop_precedence (cur (p)->kind, &op);
      int before;
      LsAst *node;

      if (prec == 0 || prec < min_prec)
        break;
      if (!enter (p))
        return NULL;
      before = p->pos;
      advance (p);
      node = node_at (p, LS_AST_BIN_OP, start);
      node->u.bin_op.left = left;
      node->u.bin_op.op = op;
      node->u.bin_op.right = parse_binary (p, prec + 1);
      /* As in a PEG, an operator without a right operand is left for
       * whatever comes next to complain about. */
      if (node->u.bin_op.right == NULL)
        {
          p->depth = depth;
          return backtrack (p, before) ? left : NULL;
        }
      left = finish (p, node);
    }
  p->depth = depth;
  return left;
}

static LsAst *
parse_bitwise_or (Parser *p)
{
  return parse_binary (p, 1);
}

/* Returns the number of tokens of the comparison operator at the cursor. */
static int
comparison_operator (Parser      *p,
                     LsCmpOpKind *op)
{
  switch (cur (p)->kind)
    {
    case LS_TOK_LESS: *op = LS_CMP_LT; return 1;
    case LS_TOK_LESSEQUAL: *op = LS_CMP_LE; return 1;
    case LS_TOK_EQEQUAL: *op = LS_CMP_EQ; return 1;
    case LS_TOK_NOTEQUAL: *op = LS_CMP_NE; return 1;
    case LS_TOK_GREATER: *op = LS_CMP_GT; return 1;
    case LS_TOK_GREATEREQUAL: *op = LS_CMP_GE; return 1;
    case LS_TOK_IN: *op = LS_CMP_IN; return 1;
    case LS_TOK_IS:
      if (peek (p, 1)->kind == LS_TOK_NOT)
        {
          *op = LS_CMP_IS_NOT;
          return 2;
        }
      *op = LS_CMP_IS;
      return 1;
    case LS_TOK_NOT:
      if (peek (p, 1)->kind != LS_TOK_IN)
        return 0;
      *op = LS_CMP_NOT_IN;
      return 2;
    default:
      return 0;
    }
}

static LsAst *
parse_comparison (Parser *p)
{
  LsToken *start = cur (p);
  LsAst *left = parse_bitwise_or (p);
  LsAst *node;
  LsCmpOpKind op;
  int n, cap = 0;

  if (left == NULL || (n = comparison_operator (p, &op)) == 0)
    return left;
  node = node_at (p, LS_AST_COMPARE, start);
  node->u.compare.left = left;
  do
    {
      int before = p->pos;
      LsAst *right;

      while (n-- > 0)
        advance (p);
      right = parse_bitwise_or (p);
      if (right == NULL)
        {
          if (!backtrack (p, before))
            return NULL;
          break;
        }
      if (node->u.compare.comparators.len == cap)
        {
          LsCmpOpKind *ops = ls_ast_alloc (p->arena, sizeof (LsCmpOpKind) * (cap + 4));

          if (cap > 0)
            memcpy (ops, node->u.compare.ops, sizeof (LsCmpOpKind) * cap);
          node->u.compare.ops = ops;
          cap += 4;
        }
      node->u.compare.ops[node->u.compare.comparators.len] = op;
      append (p, &node->u.compare.comparators, right);
    }
  while ((n = comparison_operator (p, &op)) > 0);
  if (node->u.compare.comparators.len == 0)
    return left;
  return finish (p, node);
}

static LsAst *
parse_inversion (Parser *p)
{
  LsToken *t = cur (p);
  LsAst *node;

  if (t->kind != LS_TOK_NOT)
    return parse_comparison (p);
  advance (p);
  if (!enter (p))
    return NULL;
  node = node_at (p, LS_AST_UNARY_OP, t);
  node->u.unary_op.op = LS_UNARY_NOT;
  node->u.unary_op.operand = parse_inversion (p);
  leave (p);
  return node->u.unary_op.operand != NULL ? finish (p, node) : NULL;
}

static LsAst *
parse_bool_op (Parser       *p,
               LsBoolOpKind  op)
{
  LsTokenKind keyword = op == LS_BOOL_AND ? LS_TOK_AND : LS_TOK_OR;
  LsToken *start = cur (p);
  LsAst *first = op == LS_BOOL_AND ? parse_inversion (p) : parse_bool_op (p, LS_BOOL_AND);
  LsAst *node;

  if (first == NULL || !at (p, keyword))
    return first;
  node = node_at (p, LS_AST_BOOL_OP, start);
  node->u.bool_op.op = op;
  append (p, &node->u.bool_op.values, first);
  while (at (p, keyword))
    {
      int before = p->pos;
      LsAst *e;

      advance (p);
      e = op == LS_BOOL_AND ? parse_inversion (p) : parse_bool_op (p, LS_BOOL_AND);
      if (e == NULL)
        {
          if (!backtrack (p, before))
            return NULL;
          break;
        }
      append (p, &node->u.bool_op.values, e);
    }
  if (node->u.bool_op.values.len == 1)
    return first;
  return finish (p, node);
}

static LsAst *
parse_disjunction (Parser *p)
{
  return parse_bool_op (p, LS_BOOL_OR);
}

/* ------------------------------------------------------------------ */
/* Expressions                                                          */
/* ------------------------------------------------------------------ */

/* CPython compares only as many characters as the name has, so any prefix
 * of "match" or "case" counts as a soft keyword there; so it does here. */
static gboolean
is_soft_keyword (const LsToken *t)
{
  return t->kind == LS_TOK_NAME
         && ((t->len == 1 && t->start[0] == '_')
             || (t->len <= 4 && memcmp (t->start, "case", t->len) == 0)
             || (t->len <= 5 && memcmp (t->start, "match", t->len) == 0));
}

static gboolean
is_legacy_print (const LsAst   *a,
                 const LsToken *start)
{
  return a->kind == LS_AST_NAME && start->kind == LS_TOK_NAME
         && a->line == start->line && a->col == start->col && a->end_col == start->end_col
         && (strcmp (a->u.name.id, "print") == 0 || strcmp (a->u.name.id, "exec") == 0);
}

/* An expression directly followed by another: CPython's invalid_expression
 * and invalid_legacy_expression. */
static gboolean
check_juxtaposition (Parser *p,
                     int     start_i,
                     LsAst  *a)
{
  LsToken *start = token_slot (p, start_i);
  LsToken *next = cur (p);
  gboolean legacy, comma_check;
  LsAst *b;
  Mark m;

  if (p->probing || !starts_expression (next->kind))
    return TRUE;
  legacy = is_legacy_print (a, start);
  comma_check = !legacy && !is_soft_keyword (start)
                && !(start->kind == LS_TOK_NAME
                     && token_slot (p, start_i + 1)->kind == LS_TOK_STRING);
  if (comma_check)
    {
      int level;

      m = probe_begin (p);
      b = parse_expression (p);
      level = b != NULL ? token_slot (p, p->pos - 1)->level : 0;
      probe_end (p, m);
      if (b != NULL && level > 0)
        return error_between (p, a, b, "invalid syntax. Perhaps you forgot a comma?"), FALSE;
    }
  /* CPython reads what follows any bare name, and only then checks for
   * print and exec, so errors in there show first; unless the comma check
   * already read it without checks, which CPython then remembers. */
  if (a->kind == LS_AST_NAME && start->kind == LS_TOK_NAME && a->end_col == start->end_col
      && a->line == start->line && next->kind != LS_TOK_LPAR)
    {
      m = comma_check ? probe_begin (p) : reread_begin (p, p->pos);
      b = parse_star_expressions (p);
      if (comma_check)
        probe_end (p, m);
      else
        reread_end (p, m);
      if (p->hard)
        return FALSE;
      if (b != NULL && legacy)
        return error_between (p, a, b, "Missing parentheses in call to '%s'. Did you mean %s(...)?",
                              a->u.name.id, a->u.name.id), FALSE;
    }
  return TRUE;
}

static LsAst *parse_lambda (Parser *p);

static LsAst *
parse_expression (Parser *p)
{
  int start_i = p->pos;
  LsToken *start = cur (p);
  LsAst *body, *node;

  if (start->kind == LS_TOK_LAMBDA)
    return parse_lambda (p);
  body = parse_disjunction (p);
  if (body == NULL)
    return NULL;
  if (!at (p, LS_TOK_IF))
    return check_juxtaposition (p, start_i, body) ? body : NULL;
  advance (p);
  node = node_at (p, LS_AST_IF_EXP, start);
  node->u.if_exp.body = body;
  node->u.if_exp.test = parse_disjunction (p);
  if (node->u.if_exp.test == NULL)
    return NULL;
  if (!accept (p, LS_TOK_ELSE))
    {
      if (!p->probing && !at (p, LS_TOK_COLON))
        return error_between (p, body, node->u.if_exp.test,
                              "expected 'else' after 'if' expression");
      return fail (p);
    }
  if (!enter_by (p, DEEP))
    return NULL;
  node->u.if_exp.orelse = parse_expression (p);
  leave_by (p, DEEP);
  return node->u.if_exp.orelse != NULL ? finish (p, node) : NULL;
}

/* A list, tuple or generator display at token @i, for the exclusions of
 * CPython's invalid_named_expression. */
static gboolean
is_display_at (Parser *p,
               int     i)
{
  LsToken *t = token_slot (p, i);
  LsAst *atom;
  Mark m;
  gboolean display;

  if (t->kind == LS_TOK_TRUE || t->kind == LS_TOK_FALSE || t->kind == LS_TOK_NONE)
    return TRUE;
  if (t->kind != LS_TOK_LPAR && t->kind != LS_TOK_LSQB)
    return FALSE;
  m = probe_begin (p);
  p->pos = i;
  atom = parse_atom (p);
  display = atom != NULL && atom->line == t->line && atom->col == t->col
            && (atom->kind == LS_AST_LIST || atom->kind == LS_AST_TUPLE
                || atom->kind == LS_AST_GENERATOR_EXP);
  probe_end (p, m);
  return display;
}

/* "if x = 1:" and friends: an '=' where only '==' or ':=' would do. */
static gpointer
check_misplaced_assign (Parser *p,
                        int     start_i,
                        LsAst  *a)
{
  LsToken *start = token_slot (p, start_i);
  LsTokenKind after;
  LsAst *value = probe_bitwise_or (p, p->pos + 1, &after);
  gboolean bare_name = a->kind == LS_AST_NAME && start->kind == LS_TOK_NAME
                       && a->col == start->col && a->line == start->line;

  if (p->hard || value == NULL || after == LS_TOK_EQUAL || after == LS_TOK_COLONEQUAL)
    return NULL;
  if (bare_name)
    return error_between (p, a, value,
                          "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
  if (is_display_at (p, start_i))
    return NULL;
  return error_at_node (p, a, "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                        expr_name (a));
}

/* "x.y := 1": CPython complains only once the value parses. */
static gpointer
report_bad_walrus (Parser *p,
                   LsAst  *target)
{
  Mark m = reread_begin (p, p->pos + 1);
  LsAst *value = parse_expression (p);

  reread_end (p, m);
  if (value == NULL || p->hard)
    return fail (p);
  return error_at_node (p, target, "cannot use assignment expressions with %s",
                        expr_name (target));
}

static LsAst *
parse_named_expression (Parser *p)
{
  int start_i = p->pos;
  LsToken *start = cur (p);
  LsAst *e, *node;

  if (start->kind == LS_TOK_NAME && peek (p, 1)->kind == LS_TOK_COLONEQUAL)
    {
      advance (p);
      advance (p);
      node = node_at (p, LS_AST_NAMED_EXPR, start);
      node->u.named_expr.target = name_node (p, start, LS_CTX_STORE);
      node->u.named_expr.value = parse_expression (p);
      return node->u.named_expr.value != NULL ? finish (p, node) : NULL;
    }
  e = parse_expression (p);
  if (e == NULL || p->probing)
    return e;
  if (at (p, LS_TOK_COLONEQUAL))
    return report_bad_walrus (p, e);
  if (at (p, LS_TOK_EQUAL))
    {
      check_misplaced_assign (p, start_i, e);
      if (p->hard)
        return NULL;
    }
  return e;
}

static LsAst *
parse_star_expression (Parser *p)
{
  LsToken *t = cur (p);
  LsAst *value;

  if (t->kind != LS_TOK_STAR)
    return parse_expression (p);
  advance (p);
  value = parse_bitwise_or (p);
  return value != NULL ? starred (p, t, value) : NULL;
}

static LsAst *
parse_star_named_expression (Parser *p)
{
  LsToken *t = cur (p);
  LsAst *value;

  if (t->kind != LS_TOK_STAR)
    return parse_named_expression (p);
  advance (p);
  value = parse_bitwise_or (p);
  return value != NULL ? starred (p, t, value) : NULL;
}

/* star_expressions: a tuple without parentheses when there is a comma. */
static LsAst *
parse_star_expressions (Parser *p)
{
  LsToken *start = cur (p);
  LsAst *first = parse_star_expression (p);
  LsAst *tuple;

  if (first == NULL || !at (p, LS_TOK_COMMA))
    return first;
  tuple = node_at (p, LS_AST_TUPLE, start);
  append (p, &tuple->u.list.elts, first);
  while (accept (p, LS_TOK_COMMA) && starts_star_expression (cur (p)->kind))
    {
      LsAst *e = parse_star_expression (p);

      if (e == NULL)
        return NULL;
      append (p, &tuple->u.list.elts, e);
    }
  return finish (p, tuple);
}

static LsAst *
parse_yield (Parser *p)
{
  LsToken *t = advance (p);
  LsAst *node;

  if (accept (p, LS_TOK_FROM))
    {
      node = node_at (p, LS_AST_YIELD_FROM, t);
      node->u.await.value = parse_expression (p);
      return node->u.await.value != NULL ? finish (p, node) : NULL;
    }
  node = node_at (p, LS_AST_YIELD, t);
  if (starts_star_expression (cur (p)->kind))
    {
      node->u.await.value = parse_star_expressions (p);
      if (node->u.await.value == NULL)
        return NULL;
    }
  return finish (p, node);
}

/* ------------------------------------------------------------------ */
/* Parameters                                                           */
/* ------------------------------------------------------------------ */

typedef struct
{
  LsAst       *args;
  gboolean     annotations;
  LsTokenKind  close;
  gboolean     slash, star, double_star;
} Params;

static LsAst *
parse_param (Parser   *p,
             Params   *ps,
             gboolean  star_annotation)
{
  LsToken *t = accept (p, LS_TOK_NAME);
  LsAst *arg;

  if (t == NULL)
    return fail (p);
  arg = node_at (p, LS_AST_ARG, t);
  arg->u.arg.arg = identifier (p, t);
  if (ps->annotations && accept (p, LS_TOK_COLON))
    {
      arg->u.arg.annotation = star_annotation ? parse_star_expression (p) : parse_expression (p);
      if (arg->u.arg.annotation == NULL)
        return NULL;
    }
  return finish (p, arg);
}

static gboolean
param_error (Parser        *p,
             const LsToken *t,
             const char    *msg)
{
  if (p->probing)
    return fail (p), FALSE;
  error_at_token (p, t, "%s", msg);
  return FALSE;
}

static gboolean
parse_slash (Parser *p,
             Params *ps)
{
  LsToken *t = cur (p);
  LsAst *args = ps->args;

  if (ps->star)
    return param_error (p, t, "/ must be ahead of *");
  if (ps->slash)
    return param_error (p, t, "/ may appear only once");
  if (args->u.arguments.args.len == 0)
    {
      Mark m = probe_begin (p);
      gboolean comma = peek (p, 1)->kind == LS_TOK_COMMA;

      probe_end (p, m);
      if (!comma)
        return fail (p), FALSE;
      return param_error (p, t, "at least one argument must precede /");
    }
  advance (p);
  args->u.arguments.posonlyargs = args->u.arguments.args;
  memset (&args->u.arguments.args, 0, sizeof (LsAstList));
  ps->slash = TRUE;
  return TRUE;
}

static gboolean
parse_star_param (Parser *p,
                  Params *ps)
{
  LsToken *t = advance (p);
  LsTokenKind next = cur (p)->kind;

  if (ps->star)
    return param_error (p, t, "* argument may appear only once");
  ps->star = TRUE;
  if (next == ps->close || (next == LS_TOK_COMMA && (peek (p, 1)->kind == ps->close
                                                      || peek (p, 1)->kind == LS_TOK_DOUBLESTAR)))
    return param_error (p, t, "named arguments must follow bare *");
  if (next == LS_TOK_COMMA)
    return TRUE;
  ps->args->u.arguments.vararg = parse_param (p, ps, TRUE);
  if (ps->args->u.arguments.vararg == NULL)
    return FALSE;
  if (at (p, LS_TOK_EQUAL))
    return param_error (p, cur (p), "var-positional argument cannot have default value");
  return TRUE;
}

static gboolean
parse_double_star_param (Parser *p,
                         Params *ps)
{
  advance (p);
  ps->args->u.arguments.kwarg = parse_param (p, ps, FALSE);
  if (ps->args->u.arguments.kwarg == NULL)
    return FALSE;
  if (at (p, LS_TOK_EQUAL))
    return param_error (p, cur (p), "var-keyword argument cannot have default value");
  ps->double_star = TRUE;
  return TRUE;
}

static gboolean
parse_plain_param (Parser *p,
                   Params *ps)
{
  LsAstList *defaults = &ps->args->u.arguments.defaults;
  LsAst *arg = parse_param (p, ps, FALSE);
  LsAst *value = NULL;
  LsToken *eq;

  if (arg == NULL)
    return FALSE;
  if ((eq = accept (p, LS_TOK_EQUAL)) != NULL)
    {
      if (at (p, LS_TOK_COMMA) || at (p, LS_TOK_RPAR))
        return param_error (p, eq, "expected default value expression");
      value = parse_expression (p);
      if (value == NULL)
        return FALSE;
    }
  if (ps->star)
    {
      append (p, &ps->args->u.arguments.kwonlyargs, arg);
      append (p, &ps->args->u.arguments.kw_defaults, value);
      return TRUE;
    }
  if (value == NULL && defaults->len > 0 && !p->probing)
    return error_at_node (p, arg, "non-default argument follows default argument"), FALSE;
  append (p, &ps->args->u.arguments.args, arg);
  if (value != NULL)
    append (p, defaults, value);
  return TRUE;
}

/* "def f((a, b)):", a Python 2 habit, gets its own message. */
static LsAst *
parenthesized_params (Parser *p,
                      Params *ps)
{
  LsToken *open = cur (p);
  LsToken *close;
  Mark m;

  if (p->probing || ps->star || ps->slash || ps->args->u.arguments.defaults.len > 0)
    return fail (p);
  m = probe_begin (p);
  advance (p);
  do
    {
      if (parse_param (p, ps, FALSE) == NULL)
        break;
    }
  while (accept (p, LS_TOK_COMMA) && !at (p, LS_TOK_RPAR));
  close = accept (p, LS_TOK_RPAR);
  probe_end (p, m);
  if (close == NULL || p->hard)
    return fail (p);
  return error_range (p, open->line, open->col, close->end_col,
                      ps->close == LS_TOK_COLON ? "Lambda expression parameters cannot be parenthesized"
                                                : "Function parameters cannot be parenthesized");
}

/* The parameters of a def (annotated, up to ')') or a lambda (up to ':'). */
static LsAst *
parse_parameters (Parser      *p,
                  gboolean     annotations,
                  LsTokenKind  close)
{
  Params ps = { NULL, annotations, close, FALSE, FALSE, FALSE };

  ps.args = node_at (p, LS_AST_ARGUMENTS, cur (p));
  while (!at (p, close))
    {
      LsToken *t = cur (p);
      gboolean ok;

      if (ps.double_star)
        {
          if (t->kind == LS_TOK_NAME || t->kind == LS_TOK_STAR || t->kind == LS_TOK_DOUBLESTAR
              || t->kind == LS_TOK_SLASH)
            param_error (p, t, "arguments cannot follow var-keyword argument");
          return fail (p);
        }
      if (t->kind == LS_TOK_LPAR)
        return parenthesized_params (p, &ps);
      if (t->kind == LS_TOK_SLASH)
        ok = parse_slash (p, &ps);
      else if (t->kind == LS_TOK_STAR)
        ok = parse_star_param (p, &ps);
      else if (t->kind == LS_TOK_DOUBLESTAR)
        ok = parse_double_star_param (p, &ps);
      else
        ok = parse_plain_param (p, &ps);
      if (!ok)
        return NULL;
      if (!accept (p, LS_TOK_COMMA))
        break;
    }
  return finish (p, ps.args);
}

static LsAst *
parse_lambda (Parser *p)
{
  LsToken *t = advance (p);
  LsAst *node = node_at (p, LS_AST_LAMBDA, t);

  if (!enter_by (p, DEEP))
    return NULL;
  node->u.lambda.args = parse_parameters (p, FALSE, LS_TOK_COLON);
  if (node->u.lambda.args == NULL)
    return NULL;
  if (!accept (p, LS_TOK_COLON))
    return fail (p);
  node->u.lambda.body = parse_expression (p);
  leave_by (p, DEEP);
  return node->u.lambda.body != NULL ? finish (p, node) : NULL;
}

/* ------------------------------------------------------------------ */
/* Targets of for and with                                              */
/* ------------------------------------------------------------------ */

static LsAst *
parse_star_target (Parser *p)
{
  LsToken *t = cur (p);
  LsAst *value;

  if (t->kind != LS_TOK_STAR)
    return parse_primary (p);
  advance (p);
  if (at (p, LS_TOK_STAR) || !enter (p))
    return fail (p);
  value = parse_star_target (p);
  leave (p);
  return value != NULL ? starred (p, t, value) : NULL;
}

static LsAst *
parse_star_targets (Parser *p)
{
  LsToken *start = cur (p);
  LsAst *first = parse_star_target (p);
  LsAst *tuple;

  if (first == NULL || !at (p, LS_TOK_COMMA))
    return first;
  tuple = node_at (p, LS_AST_TUPLE, start);
  append (p, &tuple->u.list.elts, first);
  while (accept (p, LS_TOK_COMMA)
         && (starts_atom (cur (p)->kind) || at (p, LS_TOK_STAR)))
    {
      LsAst *e = parse_star_target (p);

      if (e == NULL)
        return NULL;
      append (p, &tuple->u.list.elts, e);
    }
  return finish (p, tuple);
}

/* Reads the target of a for loop or comprehension, up to 'in'; a bad one is
 * reported the way CPython's invalid_for_target does, reading it again as an
 * expression. */
static LsAst *
parse_for_targets (Parser *p)
{
  int start = p->pos;
  LsAst *t = parse_star_targets (p);
  LsAst *e;
  Mark m;

  if (t != NULL && invalid_target (t, TARGETS_FOR) == NULL && at (p, LS_TOK_IN))
    {
      set_context (t, LS_CTX_STORE);
      return t;
    }
  if (p->hard || p->probing)
    return fail (p);
  m = reread_begin (p, start);
  e = parse_star_expressions (p);
  reread_end (p, m);
  if (e != NULL && !p->hard && invalid_target (e, TARGETS_FOR) != NULL)
    return error_invalid_target (p, e, TARGETS_FOR);
  return fail (p);
}

static LsAst *
parse_with_target (Parser *p)
{
  int start = p->pos;
  LsAst *t = parse_star_target (p);
  LsAst *e;
  LsTokenKind next;
  Mark m;

  if (t != NULL && invalid_target (t, TARGETS_STAR) == NULL)
    {
      set_context (t, LS_CTX_STORE);
      return t;
    }
  if (p->hard || p->probing)
    return fail (p);
  m = reread_begin (p, start);
  e = parse_expression (p);
  next = cur (p)->kind;
  reread_end (p, m);
  if (e != NULL && !p->hard
      && (next == LS_TOK_COMMA || next == LS_TOK_RPAR || next == LS_TOK_COLON))
    return error_invalid_target (p, e, TARGETS_STAR);
  return fail (p);
}

/* ------------------------------------------------------------------ */
/* Simple statements                                                    */
/* ------------------------------------------------------------------ */

static LsAst *
parse_rhs (Parser *p)
{
  return at (p, LS_TOK_YIELD) ? parse_yield (p) : parse_star_expressions (p);
}

/* Where the element of the first target that meets the first '=' starts:
 * the target itself, or the last item of a tuple without parentheses. */
static int
element_before_equal (Parser *p,
                      int     start_i)
{
  int depth = 0;
  int elem = start_i;

  for (int i = start_i; i < p->fill; i++)
    {
      LsTokenKind k = token_slot (p, i)->kind;

      if (k == LS_TOK_LPAR || k == LS_TOK_LSQB || k == LS_TOK_LBRACE)
        depth++;
      else if (k == LS_TOK_RPAR || k == LS_TOK_RSQB || k == LS_TOK_RBRACE)
        depth--;
      else if (depth == 0 && k == LS_TOK_COMMA)
        elem = i + 1;
      else if (depth == 0 && (k == LS_TOK_EQUAL || k == LS_TOK_NEWLINE))
        break;
    }
  return elem;
}

/* CPython's invalid_named_expression at the statement's first target:
 * "x = 1 if y else 2 = 3" gets a hint about '==' rather than a target error. */
static gpointer
report_misplaced_assign (Parser *p,
                         int     elem_i)
{
  LsToken *t = token_slot (p, elem_i);
  LsTokenKind after;
  LsAst *lhs, *rhs = NULL;
  Mark m;

  if (t->kind == LS_TOK_NAME && token_slot (p, elem_i + 1)->kind == LS_TOK_EQUAL)
    {
      rhs = probe_bitwise_or (p, elem_i + 2, &after);
      if (rhs != NULL && after != LS_TOK_EQUAL && after != LS_TOK_COLONEQUAL)
        return error_range (p, t->line, t->col, rhs->end_col,
                            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    }
  if (is_display_at (p, elem_i))
    return NULL;
  m = probe_begin (p);
  p->pos = elem_i;
  lhs = parse_bitwise_or (p);
  rhs = NULL;
  if (lhs != NULL && at (p, LS_TOK_EQUAL))
    {
      p->pos++;
      rhs = parse_bitwise_or (p);
      after = rhs != NULL ? cur (p)->kind : LS_TOK_N_KINDS;
    }
  probe_end (p, m);
  if (rhs != NULL && after != LS_TOK_EQUAL && after != LS_TOK_COLONEQUAL && !p->hard)
    return error_at_node (p, lhs, "cannot assign to %s here. Maybe you meant '==' instead "
                          "of '='?", expr_name (lhs));
  return NULL;
}

/* Why "a = b = c" failed, in CPython's order of invalid_assignment. */
static gpointer
report_bad_assignment (Parser *p,
                       int     start_i,
                       LsAst  *bad,
                       int     bad_i)
{
  const LsAst *target;

  report_misplaced_assign (p, element_before_equal (p, start_i));
  if (p->hard)
    return NULL;
  if (token_slot (p, bad_i)->kind == LS_TOK_YIELD)
    return error_at_node (p, bad, "assignment to yield expression not possible");
  target = invalid_target (bad, TARGETS_STAR);
  if (target == NULL)
    return fail (p);
  return error_at_node (p, target, "cannot assign to %s", expr_name (target));
}

static LsAst *
parse_assign (Parser *p,
              int     start_i,
              LsAst  *first)
{
  LsAst *node = node_at (p, LS_AST_ASSIGN, token_slot (p, start_i));
  LsAst *value = first;
  int value_i = start_i;

  while (accept (p, LS_TOK_EQUAL))
    {
      if (invalid_target (value, TARGETS_STAR) != NULL)
        return report_bad_assignment (p, start_i, value, value_i);
      set_context (value, LS_CTX_STORE);
      append (p, &node->u.assign.targets, value);
      value_i = p->pos;
      value = parse_rhs (p);
      if (value == NULL)
        return NULL;
    }
  node->u.assign.value = value;
  return finish (p, node);
}

/* Is @target (read from token @start_i) in parentheses of its own? */
static gboolean
is_parenthesized (Parser      *p,
                  int          start_i,
                  const LsAst *target)
{
  LsToken *start = token_slot (p, start_i);

  return start->kind == LS_TOK_LPAR && (target->line != start->line || target->col != start->col);
}

/* Why "target: annotation" cannot be, once the annotation is known to parse
 * (CPython's invalid_ann_assign_target and friends). */
static gpointer
report_bad_annotation (Parser *p,
                       int     start_i,
                       LsAst  *target)
{
  LsToken *start = token_slot (p, start_i);
  gboolean own_parens = target->line == start->line && target->col == start->col
                        && start->kind == LS_TOK_LPAR;
  Mark m = probe_begin (p);
  LsAst *annotation;

  p->pos++;
  annotation = parse_expression (p);
  probe_end (p, m);
  if (annotation == NULL || p->hard)
    return fail (p);
  if (target->kind == LS_AST_LIST || (target->kind == LS_AST_TUPLE && own_parens))
    return error_at_node (p, target, "only single target (not %s) can be annotated",
                          expr_name (target));
  if (target->kind == LS_AST_TUPLE)
    return error_at_node (p, target->u.list.elts.items[0],
                          "only single target (not tuple) can be annotated");
  return error_at_node (p, target, "illegal target for annotation");
}

static LsAst *
parse_ann_assign (Parser *p,
                  int     start_i,
                  LsAst  *target)
{
  LsAst *node;

  if (target->kind != LS_AST_NAME && target->kind != LS_AST_ATTRIBUTE
      && target->kind != LS_AST_SUBSCRIPT)
    return p->probing ? fail (p) : report_bad_annotation (p, start_i, target);
  node = node_at (p, LS_AST_ANN_ASSIGN, token_slot (p, start_i));
  advance (p);
  node->u.ann_assign.annotation = parse_expression (p);
  if (node->u.ann_assign.annotation == NULL)
    return NULL;
  set_context (target, LS_CTX_STORE);
  node->u.ann_assign.target = target;
  node->u.ann_assign.simple = target->kind == LS_AST_NAME && !is_parenthesized (p, start_i, target);
  if (accept (p, LS_TOK_EQUAL))
    {
      node->u.ann_assign.value = parse_rhs (p);
      if (node->u.ann_assign.value == NULL)
        return NULL;
    }
  return finish (p, node);
}

static gboolean
augmented_operator (LsTokenKind  kind,
                    LsBinOpKind *op)
{
  if (kind < LS_TOK_PLUSEQUAL || kind > LS_TOK_AMPEREQUAL)
    return FALSE;
  *op = LS_BINOP_POW;
  if (kind != LS_TOK_DOUBLESTAREQUAL)
    binop_precedence (kind - LS_TOK_PLUSEQUAL + LS_TOK_PLUS, op);
  return TRUE;
}

static LsAst *
parse_aug_assign (Parser      *p,
                  int          start_i,
                  LsAst       *target,
                  LsBinOpKind  op)
{
  LsAst *node = node_at (p, LS_AST_AUG_ASSIGN, token_slot (p, start_i));

  advance (p);
  node->u.aug_assign.value = parse_rhs (p);
  if (node->u.aug_assign.value == NULL)
    return NULL;
  if (target->kind != LS_AST_NAME && target->kind != LS_AST_ATTRIBUTE
      && target->kind != LS_AST_SUBSCRIPT)
    return error_at_node (p, target, "'%s' is an illegal expression for augmented assignment",
                          expr_name (target));
  set_context (target, LS_CTX_STORE);
  node->u.aug_assign.target = target;
  node->u.aug_assign.op = op;
  return finish (p, node);
}

/* "x := 1, y = 2" at statement level: CPython reads it as the start of a
 * tuple of named expressions while looking for a better message. */
static LsAst *
reread_named_tuple (Parser *p,
                    int     start_i)
{
  Mark m = reread_begin (p, start_i);

  while (parse_star_named_expression (p) != NULL && accept (p, LS_TOK_COMMA))
    ;
  reread_end (p, m);
  return fail (p);
}

static LsAst *
parse_expression_statement (Parser *p)
{
  int start_i = p->pos;
  LsAst *first = parse_rhs (p);
  LsTokenKind next;
  LsBinOpKind op;
  LsAst *node;

  if (first == NULL)
    return NULL;
  next = cur (p)->kind;
  if (next == LS_TOK_EQUAL)
    return parse_assign (p, start_i, first);
  if (next == LS_TOK_COLON)
    return parse_ann_assign (p, start_i, first);
  if (augmented_operator (next, &op))
    return parse_aug_assign (p, start_i, first, op);
  if (next == LS_TOK_COLONEQUAL && !p->probing)
    return first->kind == LS_AST_NAME ? reread_named_tuple (p, start_i)
                                      : report_bad_walrus (p, first);
  node = node_at (p, LS_AST_EXPR, token_slot (p, start_i));
  node->u.expr.value = first;
  return finish (p, node);
}

static LsAst *
parse_return (Parser *p)
{
  LsAst *node = node_at (p, LS_AST_RETURN, advance (p));

  if (starts_star_expression (cur (p)->kind))
    {
      node->u.ret.value = parse_star_expressions (p);
      if (node->u.ret.value == NULL)
        return NULL;
    }
  return finish (p, node);
}

static LsAst *
parse_raise (Parser *p)
{
  LsAst *node = node_at (p, LS_AST_RAISE, advance (p));

  if (starts_expression (cur (p)->kind))
    {
      node->u.raise.exc = parse_expression (p);
      if (node->u.raise.exc == NULL)
        return NULL;
      if (accept (p, LS_TOK_FROM))
        {
          node->u.raise.cause = parse_expression (p);
          if (node->u.raise.cause == NULL)
            return NULL;
        }
    }
  return finish (p, node);
}

static LsAst *
parse_assert (Parser *p)
{
  LsAst *node = node_at (p, LS_AST_ASSERT, advance (p));

  node->u.assert_.test = parse_expression (p);
  if (node->u.assert_.test == NULL)
    return NULL;
  if (accept (p, LS_TOK_COMMA))
    {
      node->u.assert_.msg = parse_expression (p);
      if (node->u.assert_.msg == NULL)
        return NULL;
    }
  return finish (p, node);
}

static LsAst *
parse_del (Parser *p)
{
  LsAst *node = node_at (p, LS_AST_DELETE, advance (p));
  LsAstList *targets = &node->u.del.targets;

  do
    {
      LsAst *e = parse_star_expression (p);

      if (e == NULL)
        return NULL;
      append (p, targets, e);
    }
  while (accept (p, LS_TOK_COMMA) && !at (p, LS_TOK_SEMI) && !at (p, LS_TOK_NEWLINE));
  for (int i = 0; i < targets->len; i++)
    {
      if (invalid_target (targets->items[i], TARGETS_DEL) != NULL)
        return error_invalid_target (p, targets->items[i], TARGETS_DEL);
      set_context (targets->items[i], LS_CTX_DEL);
    }
  return finish (p, node);
}

static LsAst *
parse_global (Parser    *p,
              LsAstKind  kind)
{
  LsAst *node = node_at (p, kind, advance (p));
  int cap = 0;

  do
    {
      LsToken *name = accept (p, LS_TOK_NAME);

      if (name == NULL)
        return fail (p);
      if (node->u.global.n_names == cap)
        {
          const char **names = ls_ast_alloc (p->arena, sizeof (char *) * (cap + 4));

          if (cap > 0)
            memcpy (names, node->u.global.names, sizeof (char *) * cap);
          node->u.global.names = names;
          cap += 4;
        }
      node->u.global.names[node->u.global.n_names++] = identifier (p, name);
    }
  while (accept (p, LS_TOK_COMMA));
  return finish (p, node);
}

/* "a.b.c" as one string. */
static const char *
parse_dotted_name (Parser *p)
{
  LsToken *first = accept (p, LS_TOK_NAME);
  GString *name;
  const char *result;

  if (first == NULL)
    return fail (p);
  if (!(at (p, LS_TOK_DOT) && peek (p, 1)->kind == LS_TOK_NAME))
    return identifier (p, first);
  name = g_string_new (identifier (p, first));
  while (at (p, LS_TOK_DOT) && peek (p, 1)->kind == LS_TOK_NAME)
    {
      advance (p);
      g_string_append_c (name, '.');
      g_string_append (name, identifier (p, advance (p)));
    }
  result = ls_ast_strndup (p->arena, name->str, name->len);
  g_string_free (name, TRUE);
  return result;
}

static LsAst *
parse_alias (Parser   *p,
             gboolean  dotted)
{
  LsToken *start = cur (p);
  LsAst *alias = node_at (p, LS_AST_ALIAS, start);
  LsToken *asname;

  if (dotted)
    alias->u.alias.name = parse_dotted_name (p);
  else if (accept (p, LS_TOK_NAME))
    alias->u.alias.name = identifier (p, start);
  if (alias->u.alias.name == NULL)
    return fail (p);
  if (accept (p, LS_TOK_AS))
    {
      asname = accept (p, LS_TOK_NAME);
      if (asname == NULL)
        return fail (p);
      alias->u.alias.asname = identifier (p, asname);
    }
  return finish (p, alias);
}

static LsAst *
parse_import (Parser *p)
{
  LsAst *node = node_at (p, LS_AST_IMPORT, advance (p));

  do
    {
      LsAst *alias = parse_alias (p, TRUE);

      if (alias == NULL)
        return NULL;
      append (p, &node->u.import.names, alias);
    }
  while (accept (p, LS_TOK_COMMA));
  return finish (p, node);
}

static gboolean
parse_import_names (Parser    *p,
                    LsAstList *names)
{
  gboolean parens = accept (p, LS_TOK_LPAR) != NULL;

  if (!parens && at (p, LS_TOK_STAR))
    {
      LsToken *star = advance (p);
      LsAst *alias = node_at (p, LS_AST_ALIAS, star);

      alias->u.alias.name = "*";
      append (p, names, finish (p, alias));
      return TRUE;
    }
  do
    {
      LsAst *alias;

      if (parens && at (p, LS_TOK_RPAR) && names->len > 0)
        break;
      if (!parens && at (p, LS_TOK_NEWLINE) && names->len > 0 && !p->probing)
        return error_last (p, "trailing comma not allowed without surrounding parentheses"), FALSE;
      alias = parse_alias (p, FALSE);
      if (alias == NULL)
        return FALSE;
      append (p, names, alias);
    }
  while (accept (p, LS_TOK_COMMA));
  if (parens && !accept (p, LS_TOK_RPAR))
    return fail (p), FALSE;
  return TRUE;
}

static LsAst *
parse_from_import (Parser *p)
{
  LsAst *node = node_at (p, LS_AST_IMPORT_FROM, advance (p));

  for (;;)
    {
      if (accept (p, LS_TOK_DOT))
        node->u.import_from.level += 1;
      else if (accept (p, LS_TOK_ELLIPSIS))
        node->u.import_from.level += 3;
      else
        break;
    }
  if (at (p, LS_TOK_NAME) || node->u.import_from.level == 0)
    {
      node->u.import_from.module = parse_dotted_name (p);
      if (node->u.import_from.module == NULL)
        return NULL;
    }
  if (!accept (p, LS_TOK_IMPORT))
    return fail (p);
  if (!parse_import_names (p, &node->u.import_from.names))
    return NULL;
  return finish (p, node);
}

static LsAst *
parse_simple_statement (Parser *p)
{
  LsToken *t = cur (p);

  switch (t->kind)
    {
    case LS_TOK_RETURN:
      return parse_return (p);
    case LS_TOK_IMPORT:
      return parse_import (p);
    case LS_TOK_FROM:
      return parse_from_import (p);
    case LS_TOK_RAISE:
      return parse_raise (p);
    case LS_TOK_PASS:
      return node_span (p, LS_AST_PASS, advance (p));
    case LS_TOK_BREAK:
      return node_span (p, LS_AST_BREAK, advance (p));
    case LS_TOK_CONTINUE:
      return node_span (p, LS_AST_CONTINUE, advance (p));
    case LS_TOK_DEL:
      return parse_del (p);
    case LS_TOK_ASSERT:
      return parse_assert (p);
    case LS_TOK_GLOBAL:
      return parse_global (p, LS_AST_GLOBAL);
    case LS_TOK_NONLOCAL:
      return parse_global (p, LS_AST_NONLOCAL);
    default:
      return parse_expression_statement (p);
    }
}

/* simple_stmts: statements separated by ';' up to the end of the line. */
static gboolean
parse_simple_statements (Parser    *p,
                         LsAstList *body)
{
  for (;;)
    {
      LsAst *s = parse_simple_statement (p);

      if (s == NULL)
        return FALSE;
      append (p, body, s);
      if (!accept (p, LS_TOK_SEMI) || at (p, LS_TOK_NEWLINE))
        break;
    }
  if (!accept (p, LS_TOK_NEWLINE))
    return fail (p), FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Compound statements                                                  */
/* ------------------------------------------------------------------ */

/* The ':' of if, elif, while, for, with, except and class: CPython says
 * "expected ':'" only when the line ends instead. */
static gboolean
expect_colon (Parser *p)
{
  if (accept (p, LS_TOK_COLON))
    return TRUE;
  if (at (p, LS_TOK_NEWLINE) && !p->probing)
    error_last (p, "expected ':'");
  else
    fail (p);
  return FALSE;
}

/* CPython's forced tokens (def's '(' and ':', try, else, finally). */
static gboolean
expect_forced (Parser      *p,
               LsTokenKind  kind)
{
  if (accept (p, kind))
    return TRUE;
  error_at_token (p, cur (p), "expected '%s'", ls_token_kind_name (kind));
  return FALSE;
}

/* A header's NEWLINE not followed by an INDENT. */
static gboolean
missing_block (Parser     *p,
               const char *what,
               int         line)
{
  gboolean had_error = p->hard;

  if (p->probing)
    return fail (p), FALSE;
  error_last (p, "expected an indented block after %s on line %d", what, line);
  if (!had_error)
    p->err.type = "IndentationError";
  return FALSE;
}

static gboolean
parse_block (Parser     *p,
             const char *what,
             int         line,
             LsAstList  *body)
{
  if (!accept (p, LS_TOK_NEWLINE))
    return parse_simple_statements (p, body);
  if (!at (p, LS_TOK_INDENT))
    return missing_block (p, what, line);
  advance (p);
  while (!at (p, LS_TOK_DEDENT) && !at (p, LS_TOK_ENDMARKER))
    if (!parse_statement (p, body))
      return FALSE;
  accept (p, LS_TOK_DEDENT);
  return TRUE;
}

static gboolean
parse_else_block (Parser    *p,
                  LsAstList *body)
{
  LsToken *t = advance (p);

  if (!expect_forced (p, LS_TOK_COLON))
    return FALSE;
  return parse_block (p, "'else' statement", t->line, body);
}

static LsAst *
parse_if (Parser *p)
{
  LsToken *t = advance (p);
  LsAst *node = node_at (p, LS_AST_IF, t);
  const char *what = t->kind == LS_TOK_ELIF ? "'elif' statement" : "'if' statement";

  node->u.if_.test = parse_named_expression (p);
  if (node->u.if_.test == NULL || !expect_colon (p)
      || !parse_block (p, what, t->line, &node->u.if_.body))
    return NULL;
  if (at (p, LS_TOK_ELIF))
    {
      LsAst *elif = parse_if (p);

      if (elif == NULL)
        return NULL;
      append (p, &node->u.if_.orelse, elif);
    }
  else if (at (p, LS_TOK_ELSE) && !parse_else_block (p, &node->u.if_.orelse))
    return NULL;
  return finish (p, node);
}

static LsAst *
parse_while (Parser *p)
{
  LsToken *t = advance (p);
  LsAst *node = node_at (p, LS_AST_WHILE, t);

  node->u.while_.test = parse_named_expression (p);
  if (node->u.while_.test == NULL || !expect_colon (p)
      || !parse_block (p, "'while' statement", t->line, &node->u.while_.body))
    return NULL;
  if (at (p, LS_TOK_ELSE) && !parse_else_block (p, &node->u.while_.orelse))
    return NULL;
  return finish (p, node);
}

static LsAst *
parse_for (Parser        *p,
           const LsToken *start,
           gboolean       is_async)
{
  LsToken *t = advance (p);
  LsAst *node = node_at (p, LS_AST_FOR, start);

  node->u.for_.is_async = is_async;
  node->u.for_.target = parse_for_targets (p);
  if (node->u.for_.target == NULL || !accept (p, LS_TOK_IN))
    return fail (p);
  node->u.for_.iter = parse_star_expressions (p);
  if (node->u.for_.iter == NULL || !expect_colon (p)
      || !parse_block (p, "'for' statement", t->line, &node->u.for_.body))
    return NULL;
  if (at (p, LS_TOK_ELSE) && !parse_else_block (p, &node->u.for_.orelse))
    return NULL;
  return finish (p, node);
}

static LsAst *
parse_with_item (Parser *p)
{
  LsAst *item = node_at (p, LS_AST_WITH_ITEM, cur (p));

  item->u.with_item.context_expr = parse_expression (p);
  if (item->u.with_item.context_expr == NULL)
    return NULL;
  if (accept (p, LS_TOK_AS))
    {
      item->u.with_item.optional_vars = parse_with_target (p);
      if (item->u.with_item.optional_vars == NULL)
        return NULL;
    }
  return finish (p, item);
}

/* "with (a as b, c as d):" is tried first and given up for an ordinary
 * parenthesized expression, as CPython's ordered alternatives do. */
static gboolean
parse_parenthesized_items (Parser    *p,
                           LsAstList *items)
{
  int start = p->pos;
  int depth = p->depth;

  advance (p);
  do
    {
      LsAst *item;

      if (at (p, LS_TOK_RPAR) && items->len > 0)
        break;
      item = parse_with_item (p);
      if (item == NULL)
        goto backtrack;
      append (p, items, item);
    }
  while (accept (p, LS_TOK_COMMA));
  if (accept (p, LS_TOK_RPAR) && at (p, LS_TOK_COLON))
    return TRUE;
backtrack:
  if (!p->hard)
    {
      p->pos = start;
      p->depth = depth;
      p->failed = FALSE;
      memset (items, 0, sizeof *items);
    }
  return FALSE;
}

static LsAst *
parse_with (Parser        *p,
            const LsToken *start,
            gboolean       is_async)
{
  LsToken *t = advance (p);
  LsAst *node = node_at (p, LS_AST_WITH, start);

  node->u.with.is_async = is_async;
  if (!(at (p, LS_TOK_LPAR) && parse_parenthesized_items (p, &node->u.with.items)))
    {
      if (p->hard)
        return NULL;
      do
        {
          LsAst *item = parse_with_item (p);

          if (item == NULL)
            return NULL;
          append (p, &node->u.with.items, item);
        }
      while (accept (p, LS_TOK_COMMA));
    }
  if (!expect_colon (p) || !parse_block (p, "'with' statement", t->line, &node->u.with.body))
    return NULL;
  return finish (p, node);
}

static LsAst *
parse_except (Parser *p,
              int    *star)
{
  LsToken *t = advance (p);
  LsAst *handler = node_at (p, LS_AST_EXCEPT_HANDLER, t);
  LsToken *star_tok = accept (p, LS_TOK_STAR);
  int this_star = star_tok != NULL;

  if (*star >= 0 && *star != this_star && !p->probing)
    return error_range (p, t->line, t->col, star_tok ? star_tok->end_col : t->end_col,
                        "cannot have both 'except' and 'except*' on the same 'try'");
  *star = this_star;
  if (!at (p, LS_TOK_COLON) && !(at (p, LS_TOK_NEWLINE) && !this_star))
    {
      handler->u.except_handler.type = parse_expression (p);
      if (handler->u.except_handler.type == NULL)
        return NULL;
      if (at (p, LS_TOK_COMMA) && !p->probing)
        return error_range (p, handler->u.except_handler.type->line,
                            handler->u.except_handler.type->col, -1,
                            "multiple exception types must be parenthesized");
      if (accept (p, LS_TOK_AS))
        {
          LsToken *name = accept (p, LS_TOK_NAME);

          if (name == NULL)
            return fail (p);
          handler->u.except_handler.name = identifier (p, name);
        }
    }
  if (!expect_colon (p)
      || !parse_block (p, this_star ? "'except*' statement" : "'except' statement", t->line,
                       &handler->u.except_handler.body))
    return NULL;
  return finish (p, handler);
}

static LsAst *
parse_try (Parser *p)
{
  LsToken *t = advance (p);
  LsAst *node = node_at (p, LS_AST_TRY, t);
  int star = -1;

  if (!expect_forced (p, LS_TOK_COLON)
      || !parse_block (p, "'try' statement", t->line, &node->u.try_.body))
    return NULL;
  while (at (p, LS_TOK_EXCEPT))
    {
      LsAst *handler = parse_except (p, &star);

      if (handler == NULL)
        return NULL;
      append (p, &node->u.try_.handlers, handler);
    }
  node->u.try_.is_star = star == 1;
  if (node->u.try_.handlers.len == 0 && !at (p, LS_TOK_FINALLY))
    return error_last (p, "expected 'except' or 'finally' block");
  if (node->u.try_.handlers.len > 0 && at (p, LS_TOK_ELSE)
      && !parse_else_block (p, &node->u.try_.orelse))
    return NULL;
  if (at (p, LS_TOK_FINALLY))
    {
      LsToken *f = advance (p);

      if (!expect_forced (p, LS_TOK_COLON)
          || !parse_block (p, "'finally' statement", f->line, &node->u.try_.finalbody))
        return NULL;
    }
  return finish (p, node);
}

static LsAst *
parse_class (Parser    *p,
             LsAstList *decorators)
{
  LsToken *t = advance (p);
  LsAst *node = node_at (p, LS_AST_CLASS_DEF, t);
  LsToken *name = accept (p, LS_TOK_NAME);
  LsToken *open;

  if (name == NULL)
    return fail (p);
  node->u.class_def.name = identifier (p, name);
  if (decorators != NULL)
    node->u.class_def.decorators = *decorators;
  if ((open = accept (p, LS_TOK_LPAR)) != NULL)
    {
      if (!parse_arguments (p, open, &node->u.class_def.bases, &node->u.class_def.keywords))
        return NULL;
      if (!accept (p, LS_TOK_RPAR))
        return fail (p);
    }
  if (!expect_colon (p)
      || !parse_block (p, "class definition", t->line, &node->u.class_def.body))
    return NULL;
  return finish (p, node);
}

static LsAst *
parse_function (Parser    *p,
                LsAstList *decorators)
{
  LsToken *start = cur (p);
  LsAst *node = node_at (p, LS_AST_FUNCTION_DEF, start);
  LsToken *def, *name;

  node->u.function_def.is_async = accept (p, LS_TOK_ASYNC) != NULL;
  def = advance (p);
  name = accept (p, LS_TOK_NAME);
  if (name == NULL)
    return fail (p);
  node->u.function_def.name = identifier (p, name);
  if (decorators != NULL)
    node->u.function_def.decorators = *decorators;
  if (!expect_forced (p, LS_TOK_LPAR))
    return NULL;
  node->u.function_def.args = parse_parameters (p, TRUE, LS_TOK_RPAR);
  if (node->u.function_def.args == NULL || !accept (p, LS_TOK_RPAR))
    return fail (p);
  if (at (p, LS_TOK_RARROW))
    {
      int arrow = p->pos;

      advance (p);
      node->u.function_def.returns = parse_expression (p);
      /* An optional part in CPython's grammar: without an annotation the
       * arrow is where ':' was expected. */
      if (node->u.function_def.returns == NULL && !backtrack (p, arrow))
        return NULL;
    }
  if (!expect_forced (p, LS_TOK_COLON)
      || !parse_block (p, "function definition", def->line, &node->u.function_def.body))
    return NULL;
  return finish (p, node);
}

static LsAst *
parse_decorated (Parser *p)
{
  LsAstList decorators = { NULL, 0 };

  while (accept (p, LS_TOK_AT))
    {
      LsAst *d = parse_named_expression (p);

      if (d == NULL)
        return NULL;
      if (!accept (p, LS_TOK_NEWLINE))
        return fail (p);
      append (p, &decorators, d);
    }
  if (at (p, LS_TOK_DEF) || (at (p, LS_TOK_ASYNC) && peek (p, 1)->kind == LS_TOK_DEF))
    return parse_function (p, &decorators);
  if (at (p, LS_TOK_CLASS))
    return parse_class (p, &decorators);
  return fail (p);
}

static LsAst *
parse_async (Parser *p)
{
  LsToken *start = cur (p);

  switch (peek (p, 1)->kind)
    {
    case LS_TOK_DEF:
      return parse_function (p, NULL);
    case LS_TOK_FOR:
      advance (p);
      return parse_for (p, start, TRUE);
    case LS_TOK_WITH:
      advance (p);
      return parse_with (p, start, TRUE);
    default:
      return fail (p);
    }
}

static LsAst *
parse_compound (Parser *p)
{
  LsToken *start = cur (p);

  switch (start->kind)
    {
    case LS_TOK_AT:
      return parse_decorated (p);
    case LS_TOK_DEF:
      return parse_function (p, NULL);
    case LS_TOK_ASYNC:
      return parse_async (p);
    case LS_TOK_CLASS:
      return parse_class (p, NULL);
    case LS_TOK_IF:
      return parse_if (p);
    case LS_TOK_WHILE:
      return parse_while (p);
    case LS_TOK_FOR:
      return parse_for (p, start, FALSE);
    case LS_TOK_WITH:
      return parse_with (p, start, FALSE);
    case LS_TOK_TRY:
      return parse_try (p);
    default:
      return NULL;
    }
}

static gboolean
is_compound_start (LsTokenKind kind)
{
  switch (kind)
    {
    case LS_TOK_AT:
    case LS_TOK_DEF:
    case LS_TOK_ASYNC:
    case LS_TOK_CLASS:
    case LS_TOK_IF:
    case LS_TOK_WHILE:
    case LS_TOK_FOR:
    case LS_TOK_WITH:
    case LS_TOK_TRY:
      return TRUE;
    default:
      return FALSE;
    }
}

/* "match x:" is valid Python that the scenario language leaves out; say so
 * rather than "invalid syntax". */
static gboolean
is_match_statement (Parser *p)
{
  LsToken *t = cur (p);
  gboolean header = FALSE;
  Mark m;

  if (t->kind != LS_TOK_NAME || t->len != 5 || memcmp (t->start, "match", 5) != 0
      || !starts_star_expression (peek (p, 1)->kind) || p->probing)
    return FALSE;
  m = probe_begin (p);
  advance (p);
  if (parse_star_expressions (p) != NULL && at (p, LS_TOK_COLON))
    header = peek (p, 1)->kind == LS_TOK_NEWLINE;
  probe_end (p, m);
  return header && !p->hard;
}

static gboolean
parse_statement (Parser    *p,
                 LsAstList *body)
{
  LsAst *s;

  if (is_match_statement (p))
    return error_at_token (p, cur (p), "match statements are not supported"), FALSE;
  if (!is_compound_start (cur (p)->kind))
    return parse_simple_statements (p, body);
  if (!enter_by (p, DEEP))
    return FALSE;
  s = parse_compound (p);
  leave_by (p, DEEP);
  if (s == NULL)
    return FALSE;
  append (p, body, s);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Entry point                                                          */
/* ------------------------------------------------------------------ */

static void
parser_init (Parser     *p,
             LsAstArena *arena)
{
  memset (p, 0, sizeof *p);
  p->arena = arena;
}

static LsAst *
parse_file (Parser *p)
{
  LsAst *module = ls_ast_new (p->arena, LS_AST_MODULE, 1, 0);

  while (!at (p, LS_TOK_ENDMARKER))
    if (!parse_statement (p, &module->u.module.body))
      return NULL;
  return module;
}

/* CPython reads its input with universal newlines and a final newline. */
static char *
normalize_source (const char *source,
                  gsize       len,
                  gsize      *out_len)
{
  char *buf = g_malloc (len + 2);
  gsize n = 0;

  if (len >= 3 && memcmp (source, "\xef\xbb\xbf", 3) == 0)
    source += 3, len -= 3;
  for (gsize i = 0; i < len; i++)
    {
      if (source[i] == '\r')
        {
          buf[n++] = '\n';
          if (i + 1 < len && source[i + 1] == '\n')
            i++;
        }
      else
        buf[n++] = source[i];
    }
  if (n == 0 || buf[n - 1] != '\n')
    buf[n++] = '\n';
  buf[n] = '\0';
  *out_len = n;
  return buf;
}

static int
line_of (const char *src,
         const char *at_ptr)
{
  int line = 1;

  for (const char *s = src; s < at_ptr; s++)
    if (*s == '\n')
      line++;
  return line;
}

/* Input that is not text at all is refused before lexing. */
static gboolean
check_encoding (Parser     *p,
                const char *src,
                gsize       len)
{
  const char *bad;
  const char *nul = memchr (src, '\0', len);

  if (!g_utf8_validate (src, len, &bad))
    {
      if (nul == NULL || bad < nul)
        {
          p->failed = p->hard = TRUE;
          p->err.type = "SyntaxError";
          p->err.line = line_of (src, bad);
          p->err.offset = 1;
          p->err.end_offset = 0;
          snprintf (p->err.msg, sizeof p->err.msg,
                    "(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %d: "
                    "invalid start byte", (guchar) *bad, (int) (bad - src));
          return FALSE;
        }
    }
  if (nul != NULL)
    {
      p->failed = p->hard = TRUE;
      p->err.type = "SyntaxError";
      p->err.line = line_of (src, nul);
      p->err.offset = 1;
      p->err.end_offset = 0;
      g_strlcpy (p->err.msg, "source code cannot contain null bytes", sizeof p->err.msg);
      return FALSE;
    }
  return TRUE;
}

/* After a parser error CPython still tokenizes the rest of the file, and a
 * tokenizer error found there wins; so does a bracket left open on an
 * earlier line than the one the parser stopped at. */
static void
check_rest_of_file (Parser *p)
{
  LsToken *last = p->fill > 0 ? token_slot (p, p->fill - 1) : &error_token;
  int err_line = last->line;
  LsLexer *lx = &p->lexer;
  LsToken tok;

  if (p->err.from_lexer || lx->failed || p->lexer_done)
    return;
  while (ls_lexer_next (lx, &tok))
    if (tok.kind == LS_TOK_ENDMARKER)
      return;
  if (lx->error_is_eager)
    {
      p->hard = FALSE;
      g_clear_pointer (&p->err.text, g_free);
      take_lexer_error (p);
    }
  else if (lx->level > 0 && lx->paren_lines[lx->level - 1] < err_line)
    {
      p->err.type = "SyntaxError";
      p->err.line = lx->paren_lines[lx->level - 1];
      p->err.offset = lx->paren_cols[lx->level - 1] + 1;
      p->err.end_offset = 0;
      snprintf (p->err.msg, sizeof p->err.msg, "'%c' was never closed",
                lx->parens[lx->level - 1]);
      g_clear_pointer (&p->err.text, g_free);
    }
}

/* A failure without a message becomes "invalid syntax" at the furthest
 * token, or an indentation error when that token is one. */
static void
settle_error (Parser *p)
{
  LsToken *t;
  int offset, end_offset;

  if (p->hard)
    {
      if (!p->err.from_lexer)
        check_rest_of_file (p);
      return;
    }
  t = token_slot (p, p->furthest);
  token_offsets (t, &offset, &end_offset);
  p->hard = TRUE;
  p->err.type = "SyntaxError";
  p->err.line = t->line;
  p->err.offset = offset;
  p->err.end_offset = end_offset;
  if (t->kind == LS_TOK_INDENT || t->kind == LS_TOK_DEDENT)
    {
      p->err.type = "IndentationError";
      g_strlcpy (p->err.msg, t->kind == LS_TOK_INDENT ? "unexpected indent" : "unexpected unindent",
                 sizeof p->err.msg);
      return;
    }
  g_strlcpy (p->err.msg, "invalid syntax", sizeof p->err.msg);
  check_rest_of_file (p);
}

/* The text of line @line, without its newline. */
static char *
source_line (const char *src,
             const char *end,
             int         line)
{
  const char *s = src;
  const char *eol;

  for (int l = 1; l < line && s < end; s++)
    if (*s == '\n')
      l++;
  if (s >= end)
    return NULL;
  eol = memchr (s, '\n', end - s);
  return g_strndup (s, (eol ? eol : end) - s);
}

/* CPython turns byte offsets into character offsets by decoding the first
 * @offset bytes of the line (with its newline), a cut character counting one. */
static int
to_characters (const char *text,
               int         offset)
{
  int len = (int) strlen (text) + 1;
  int chars = 0;

  if (offset <= 0)
    return offset;
  for (int i = 0; i < MIN (offset, len + 1); i++)
    if (i >= len - 1 || ((guchar) text[i] & 0xc0) != 0x80)
      chars++;
  return chars;
}

static LsSyntaxError *
make_error (Parser     *p,
            const char *filename)
{
  LsSyntaxError *err = g_new0 (LsSyntaxError, 1);
  const char *text;

  err->type = g_strdup (p->err.type != NULL ? p->err.type : "SyntaxError");
  err->msg = g_strdup (p->err.msg);
  err->filename = g_strdup (filename != NULL ? filename : "<string>");
  err->lineno = p->err.line;
  err->text = p->err.text != NULL ? g_strdup (p->err.text)
                                  : source_line (p->src, p->src_end, p->err.line);
  text = err->text != NULL ? err->text : "";
  err->offset = to_characters (text, p->err.offset);
  err->end_offset = to_characters (text, p->err.end_offset);
  return err;
}

void
ls_syntax_error_free (LsSyntaxError *err)
{
  if (err == NULL)
    return;
  g_free (err->type);
  g_free (err->msg);
  g_free (err->filename);
  g_free (err->text);
  g_free (err);
}

LsAst *
ls_parse_module (LsAstArena     *arena,
                 const char     *filename,
                 const char     *source,
                 gsize           len,
                 LsSyntaxError **error)
{
  Parser p;
  gsize n;
  g_autofree char *src = NULL;
  LsAst *module = NULL;

  g_return_val_if_fail (arena != NULL, NULL);
  g_return_val_if_fail (source != NULL || len == 0, NULL);

  parser_init (&p, arena);
  p.spare_blocks = g_ptr_array_new_with_free_func (g_free);
  src = normalize_source (source != NULL ? source : "", len, &n);
  p.src = src;
  p.src_end = src + n;
  if (check_encoding (&p, src, n))
    {
      ls_lexer_init (&p.lexer, src, n);
      module = parse_file (&p);
    }
  if (module == NULL)
    {
      settle_error (&p);
      if (error != NULL)
        *error = make_error (&p, filename);
    }
  g_free (p.err.text);
  free_tokens (&p);
  g_ptr_array_unref (p.spare_blocks);
  return module;
}
