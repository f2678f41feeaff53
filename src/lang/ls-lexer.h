/* ls-lexer.h: Python source text to tokens, for the parser only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lexer is pulled one token at a time. It tracks indentation (INDENT and
 * DEDENT tokens) and bracket nesting the way CPython's tokenizer does, so that
 * the parser can report the same errors at the same places.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LS_TOK_ENDMARKER,
  LS_TOK_NAME,
  LS_TOK_NUMBER,
  LS_TOK_STRING,
  LS_TOK_NEWLINE,
  LS_TOK_INDENT,
  LS_TOK_DEDENT,
  LS_TOK_OP,               /* a character that is no operator: $ ? ! ` */

  /* operators and delimiters */
  LS_TOK_LPAR,
  LS_TOK_RPAR,
  LS_TOK_LSQB,
  LS_TOK_RSQB,
  LS_TOK_LBRACE,
  LS_TOK_RBRACE,
  LS_TOK_COLON,
  LS_TOK_COMMA,
  LS_TOK_SEMI,
  LS_TOK_DOT,
  LS_TOK_ELLIPSIS,
  LS_TOK_EQUAL,
  LS_TOK_RARROW,
  LS_TOK_COLONEQUAL,
  LS_TOK_TILDE,

  /* binary operators, in LsBinOpKind order; each has an augmented form */
  LS_TOK_PLUS,
  LS_TOK_MINUS,
  LS_TOK_STAR,
  LS_TOK_SLASH,
  LS_TOK_DOUBLESLASH,
  LS_TOK_PERCENT,
  LS_TOK_DOUBLESTAR,
  LS_TOK_AT,
  LS_TOK_LEFTSHIFT,
  LS_TOK_RIGHTSHIFT,
  LS_TOK_VBAR,
  LS_TOK_CIRCUMFLEX,
  LS_TOK_AMPER,

  LS_TOK_PLUSEQUAL,
  LS_TOK_MINEQUAL,
  LS_TOK_STAREQUAL,
  LS_TOK_SLASHEQUAL,
  LS_TOK_DOUBLESLASHEQUAL,
  LS_TOK_PERCENTEQUAL,
  LS_TOK_DOUBLESTAREQUAL,
  LS_TOK_ATEQUAL,
  LS_TOK_LEFTSHIFTEQUAL,
  LS_TOK_RIGHTSHIFTEQUAL,
  LS_TOK_VBAREQUAL,
  LS_TOK_CIRCUMFLEXEQUAL,
  LS_TOK_AMPEREQUAL,

  /* comparison operators */
  LS_TOK_LESS,
  LS_TOK_LESSEQUAL,
  LS_TOK_EQEQUAL,
  LS_TOK_NOTEQUAL,
  LS_TOK_GREATER,
  LS_TOK_GREATEREQUAL,

  /* keywords */
  LS_TOK_FALSE,
  LS_TOK_NONE,
  LS_TOK_TRUE,
  LS_TOK_AND,
  LS_TOK_AS,
  LS_TOK_ASSERT,
  LS_TOK_ASYNC,
  LS_TOK_AWAIT,
  LS_TOK_BREAK,
  LS_TOK_CLASS,
  LS_TOK_CONTINUE,
  LS_TOK_DEF,
  LS_TOK_DEL,
  LS_TOK_ELIF,
  LS_TOK_ELSE,
  LS_TOK_EXCEPT,
  LS_TOK_FINALLY,
  LS_TOK_FOR,
  LS_TOK_FROM,
  LS_TOK_GLOBAL,
  LS_TOK_IF,
  LS_TOK_IMPORT,
  LS_TOK_IN,
  LS_TOK_IS,
  LS_TOK_LAMBDA,
  LS_TOK_NONLOCAL,
  LS_TOK_NOT,
  LS_TOK_OR,
  LS_TOK_PASS,
  LS_TOK_RAISE,
  LS_TOK_RETURN,
  LS_TOK_TRY,
  LS_TOK_WHILE,
  LS_TOK_WITH,
  LS_TOK_YIELD,

  LS_TOK_N_KINDS
} LsTokenKind;

#define LS_TOK_IS_KEYWORD(k) ((k) >= LS_TOK_FALSE && (k) <= LS_TOK_YIELD)

typedef struct
{
  LsTokenKind  kind;
  /* 1-based lines, 0-based byte columns, end exclusive. INDENT, DEDENT and
   * ENDMARKER have no extent: end_col is -1 and col is where the lexer stood,
   * which is what CPython reports for errors at them. */
  int          line, col, end_line, end_col;
  int          level;    /* bracket depth after this token */
  const char  *start;    /* the token's text in the source */
  guint        len;
} LsToken;

typedef struct
{
  const char *type;      /* "SyntaxError", "IndentationError" or "TabError" */
  char        msg[160];
  int         line;
  /* 1-based byte offsets into the line, as CPython computes them before it
   * converts them to characters; values <= 0 are reported as they are. */
  int         offset, end_offset;
} LsLexError;

#define LS_LEXER_MAX_INDENT 100
#define LS_LEXER_MAX_LEVEL  200

typedef struct
{
  const char *src, *cur, *end;
  const char *line_start;
  int         line;

  int         indents[LS_LEXER_MAX_INDENT];
  int         alt_indents[LS_LEXER_MAX_INDENT];
  int         indent;            /* top of the indentation stacks */
  int         pending;           /* > 0: INDENTs to emit, < 0: DEDENTs */
  int         pending_col;
  gboolean    at_bol;
  gboolean    blank_line;
  gboolean    expression_mode;   /* an f-string field: no NEWLINE/INDENT */
  gboolean    done;

  int         level;
  char        parens[LS_LEXER_MAX_LEVEL];
  int         paren_lines[LS_LEXER_MAX_LEVEL];
  int         paren_cols[LS_LEXER_MAX_LEVEL];

  gboolean    failed;
  /* Set with @failed when the error is one CPython raises at once; the
   * others (bad dedents, tabs, EOF in brackets) only matter when the parser
   * reaches them. */
  gboolean    error_is_eager;
  LsLexError  error;
} LsLexer;

/* @source must end with '\n' (the parser normalizes line endings). */
void     ls_lexer_init          (LsLexer     *lexer,
                                 const char  *source,
                                 gsize        len);

/* Lexes the expression of an f-string replacement field in place: the text
 * [start, end) at @line, whose line begins at @line_start. */
void     ls_lexer_init_fragment (LsLexer     *lexer,
                                 const char  *start,
                                 const char  *end,
                                 int          line,
                                 const char  *line_start);

/* Returns FALSE with lexer->error set when the input is not Python. */
gboolean ls_lexer_next          (LsLexer     *lexer,
                                 LsToken     *token);

const char *ls_token_kind_name  (LsTokenKind  kind);

G_END_DECLS
