/* ls-lexer.c: the tokenizer, modelled on the behaviour of CPython 3.11's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Error messages and the columns they point at follow CPython, because
 * Loopscope shows them to people who will compare them with python3's.
 */
#include "ls-lexer.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define TAB_SIZE 8

typedef struct
{
  const char  *text;
  LsTokenKind  kind;
} Keyword;

static const Keyword keywords[] = {
  { "False", LS_TOK_FALSE }, { "None", LS_TOK_NONE }, { "True", LS_TOK_TRUE },
  { "and", LS_TOK_AND }, { "as", LS_TOK_AS }, { "assert", LS_TOK_ASSERT },
  { "async", LS_TOK_ASYNC }, { "await", LS_TOK_AWAIT }, { "break", LS_TOK_BREAK },
  { "class", LS_TOK_CLASS }, { "continue", LS_TOK_CONTINUE }, { "def", LS_TOK_DEF },
  { "del", LS_TOK_DEL }, { "elif", LS_TOK_ELIF }, { "else", LS_TOK_ELSE },
  { "except", LS_TOK_EXCEPT }, { "finally", LS_TOK_FINALLY }, { "for", LS_TOK_FOR },
  { "from", LS_TOK_FROM }, { "global", LS_TOK_GLOBAL }, { "if", LS_TOK_IF },
  { "import", LS_TOK_IMPORT }, { "in", LS_TOK_IN }, { "is", LS_TOK_IS },
  { "lambda", LS_TOK_LAMBDA }, { "nonlocal", LS_TOK_NONLOCAL }, { "not", LS_TOK_NOT },
  { "or", LS_TOK_OR }, { "pass", LS_TOK_PASS }, { "raise", LS_TOK_RAISE },
  { "return", LS_TOK_RETURN }, { "try", LS_TOK_TRY }, { "while", LS_TOK_WHILE },
  { "with", LS_TOK_WITH }, { "yield", LS_TOK_YIELD },
};

static const char *token_names[LS_TOK_N_KINDS] = {
  [LS_TOK_ENDMARKER] = "ENDMARKER", [LS_TOK_NAME] = "NAME", [LS_TOK_NUMBER] = "NUMBER",
  [LS_TOK_STRING] = "STRING", [LS_TOK_NEWLINE] = "NEWLINE", [LS_TOK_INDENT] = "INDENT",
  [LS_TOK_DEDENT] = "DEDENT", [LS_TOK_OP] = "OP", [LS_TOK_LPAR] = "(", [LS_TOK_RPAR] = ")",
  [LS_TOK_LSQB] = "[", [LS_TOK_RSQB] = "]", [LS_TOK_LBRACE] = "{", [LS_TOK_RBRACE] = "}",
  [LS_TOK_COLON] = ":", [LS_TOK_COMMA] = ",", [LS_TOK_SEMI] = ";", [LS_TOK_DOT] = ".",
  [LS_TOK_ELLIPSIS] = "...", [LS_TOK_EQUAL] = "=", [LS_TOK_RARROW] = "->",
  [LS_TOK_COLONEQUAL] = ":=", [LS_TOK_TILDE] = "~", [LS_TOK_PLUS] = "+", [LS_TOK_MINUS] = "-",
  [LS_TOK_STAR] = "*", [LS_TOK_SLASH] = "/", [LS_TOK_DOUBLESLASH] = "//",
  [LS_TOK_PERCENT] = "%", [LS_TOK_DOUBLESTAR] = "**", [LS_TOK_AT] = "@",
  [LS_TOK_LEFTSHIFT] = "<<", [LS_TOK_RIGHTSHIFT] = ">>", [LS_TOK_VBAR] = "|",
  [LS_TOK_CIRCUMFLEX] = "^", [LS_TOK_AMPER] = "&", [LS_TOK_PLUSEQUAL] = "+=",
  [LS_TOK_MINEQUAL] = "-=", [LS_TOK_STAREQUAL] = "*=", [LS_TOK_SLASHEQUAL] = "/=",
  [LS_TOK_DOUBLESLASHEQUAL] = "//=", [LS_TOK_PERCENTEQUAL] = "%=",
  [LS_TOK_DOUBLESTAREQUAL] = "**=", [LS_TOK_ATEQUAL] = "@=",
  [LS_TOK_LEFTSHIFTEQUAL] = "<<=", [LS_TOK_RIGHTSHIFTEQUAL] = ">>=",
  [LS_TOK_VBAREQUAL] = "|=", [LS_TOK_CIRCUMFLEXEQUAL] = "^=", [LS_TOK_AMPEREQUAL] = "&=",
  [LS_TOK_LESS] = "<", [LS_TOK_LESSEQUAL] = "<=", [LS_TOK_EQEQUAL] = "==",
  [LS_TOK_NOTEQUAL] = "!=", [LS_TOK_GREATER] = ">", [LS_TOK_GREATEREQUAL] = ">=",
};

const char *
ls_token_kind_name (LsTokenKind kind)
{
  if ((int) kind < 0 || kind >= LS_TOK_N_KINDS)
    return "?";
  if (LS_TOK_IS_KEYWORD (kind))
    return keywords[kind - LS_TOK_FALSE].text;
  return token_names[kind];
}

void
ls_lexer_init (LsLexer    *lexer,
               const char *source,
               gsize       len)
{
  memset (lexer, 0, sizeof *lexer);
  lexer->src = source;
  lexer->cur = source;
  lexer->end = source + len;
  lexer->line_start = source;
  lexer->line = 1;
  lexer->at_bol = TRUE;
}

void
ls_lexer_init_fragment (LsLexer    *lexer,
                        const char *start,
                        const char *end,
                        int         line,
                        const char *line_start)
{
  memset (lexer, 0, sizeof *lexer);
  lexer->src = line_start;
  lexer->cur = start;
  lexer->end = end;
  lexer->line_start = line_start;
  lexer->line = line;
  lexer->expression_mode = TRUE;
}

/* ------------------------------------------------------------------ */
/* Errors                                                               */
/* ------------------------------------------------------------------ */

static gboolean G_GNUC_PRINTF (5, 6)
fail_at (LsLexer    *lx,
         const char *type,
         int         offset,
         int         end_offset,
         const char *format,
         ...)
{
  va_list args;

  va_start (args, format);
  vsnprintf (lx->error.msg, sizeof lx->error.msg, format, args);
  va_end (args);
  lx->error.type = type;
  lx->error.line = lx->line;
  lx->error.offset = offset;
  lx->error.end_offset = end_offset;
  lx->failed = TRUE;
  lx->error_is_eager = TRUE;
  return FALSE;
}

/* The common case: CPython points just past the character it choked on. */
#define fail_here(lx, ...) \
  fail_at ((lx), "SyntaxError", (int) ((lx)->cur - (lx)->line_start), \
           (int) ((lx)->cur - (lx)->line_start), __VA_ARGS__)

/* Errors that CPython's tokenizer reports without raising at once. */
static gboolean
fail_lazily (LsLexer    *lx,
             const char *type,
             int         offset,
             int         end_offset,
             const char *msg)
{
  fail_at (lx, type, offset, end_offset, "%s", msg);
  lx->error_is_eager = FALSE;
  return FALSE;
}

static gboolean
fail_unclosed (LsLexer *lx)
{
  int top = lx->level - 1;

  fail_lazily (lx, "SyntaxError", lx->paren_cols[top] + 1, 0, "");
  snprintf (lx->error.msg, sizeof lx->error.msg, "'%c' was never closed", lx->parens[top]);
  lx->error.line = lx->paren_lines[top];
  return FALSE;
}

/* Where the last line starts when the lexer stands past its newline. */
static const char *
last_line_start (LsLexer *lx)
{
  const char *p = lx->end - 1;

  while (p > lx->src && p[-1] != '\n')
    p--;
  return p;
}

static gboolean
fail_eof (LsLexer *lx)
{
  const char *line_start = lx->line_start;

  if (lx->level > 0)
    return fail_unclosed (lx);

  /* CPython still counts the position as being on the last line. */
  if (lx->cur == lx->line_start && lx->line > 1)
    {
      line_start = last_line_start (lx);
      lx->line--;
    }
  fail_lazily (lx, "SyntaxError", (int) (lx->end - line_start), -1,
               "unexpected EOF while parsing");
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Characters                                                           */
/* ------------------------------------------------------------------ */

static inline int
peekc (LsLexer *lx,
       int      ahead)
{
  return lx->cur + ahead < lx->end ? (guchar) lx->cur[ahead] : -1;
}

/* Consumes one byte, keeping the line count. */
static inline int
nextc (LsLexer *lx)
{
  int c;

  if (lx->cur >= lx->end)
    return -1;
  c = (guchar) *lx->cur++;
  if (c == '\n')
    {
      lx->line++;
      lx->line_start = lx->cur;
    }
  return c;
}

static inline gboolean
is_ident_start (int c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 128;
}

static inline gboolean
is_ident_char (int c)
{
  return is_ident_start (c) || (c >= '0' && c <= '9');
}

static inline gboolean
is_digit (int c)
{
  return c >= '0' && c <= '9';
}

/* Python's str.isprintable() for one code point. */
static gboolean
is_printable (gunichar c)
{
  if (c < 0x80)
    return c >= 0x20 && c < 0x7f;
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_SPACE_SEPARATOR:
      return FALSE;
    default:
      return TRUE;
    }
}

/* An approximation of XID_Start / XID_Continue from the general category. */
static gboolean
is_xid (gunichar c,
        gboolean first)
{
  if (c == '_')
    return TRUE;
  switch (g_unichar_type (c))
    {
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_LETTER_NUMBER:
      return TRUE;
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_CONNECT_PUNCTUATION:
      return !first;
    default:
      return FALSE;
    }
}

/* ------------------------------------------------------------------ */
/* Tokens                                                               */
/* ------------------------------------------------------------------ */

static void
begin_token (LsLexer *lx,
             LsToken *tok)
{
  tok->start = lx->cur;
  tok->line = lx->line;
  tok->col = (int) (lx->cur - lx->line_start);
}

static gboolean
finish_token (LsLexer     *lx,
              LsToken     *tok,
              LsTokenKind  kind)
{
  tok->kind = kind;
  tok->len = (guint) (lx->cur - tok->start);
  tok->end_line = lx->line;
  tok->end_col = (int) (lx->cur - lx->line_start);
  tok->level = lx->level;
  return TRUE;
}

/* INDENT, DEDENT and ENDMARKER carry the position CPython's error path
 * computes for them: the line and where the tokenizer stands. */
static gboolean
positionless_token (LsLexer     *lx,
                    LsToken     *tok,
                    LsTokenKind  kind)
{
  tok->kind = kind;
  tok->start = lx->cur;
  tok->len = 0;
  tok->line = tok->end_line = lx->line;
  tok->col = (int) (lx->cur - lx->line_start);
  tok->end_col = -1;
  tok->level = lx->level;
  if (lx->cur >= lx->end && lx->line > 1 && !lx->expression_mode)
    {
      /* At the end CPython still stands on the last line, past its newline. */
      tok->line = tok->end_line = lx->line - 1;
      tok->col = (int) (lx->end - last_line_start (lx));
    }
  return TRUE;
}

static LsTokenKind
keyword_kind (const char *s,
              gsize       len)
{
  if (len < 2 || len > 8 || !(s[0] >= 'F' && s[0] <= 'y'))
    return LS_TOK_NAME;
  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    {
      const char *k = keywords[i].text;

      if (k[0] == s[0] && strlen (k) == len && memcmp (k, s, len) == 0)
        return keywords[i].kind;
    }
  return LS_TOK_NAME;
}

/* Non-ASCII identifiers: find the first character that cannot be part of
 * one and report it as CPython does. */
static gboolean
verify_identifier (LsLexer *lx,
                   LsToken *tok)
{
  const char *p = tok->start;
  gboolean first = TRUE;

  while (p < lx->cur)
    {
      gunichar c = g_utf8_get_char_validated (p, lx->cur - p);
      const char *next;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          lx->cur = p + 1;
          return fail_here (lx, "invalid character '\\x%02x'", (guchar) *p);
        }
      next = g_utf8_next_char (p);
      if (c >= 0x80 ? !is_xid (c, first) : (first && is_digit (c)))
        {
          lx->cur = next;
          if (is_printable (c))
            {
              char utf8[8] = { 0 };

              g_unichar_to_utf8 (c, utf8);
              return fail_here (lx, "invalid character '%s' (U+%04X)", utf8, c);
            }
          return fail_here (lx, "invalid non-printable character U+%04X", c);
        }
      first = FALSE;
      p = next;
    }
  return TRUE;
}

static gboolean
lex_name (LsLexer *lx,
          LsToken *tok)
{
  gboolean ascii = TRUE;

  while (is_ident_char (peekc (lx, 0)))
    {
      if (peekc (lx, 0) >= 128)
        ascii = FALSE;
      nextc (lx);
    }
  if (!ascii && !verify_identifier (lx, tok))
    return FALSE;
  return finish_token (lx, tok, keyword_kind (tok->start, lx->cur - tok->start));
}

/* The length of a string prefix (r, b, u, f, rb, br, fr, rf in any case)
 * directly followed by a quote, or 0. */
static int
string_prefix_length (LsLexer *lx)
{
  int n = 0;
  gboolean saw_b = FALSE, saw_r = FALSE, saw_u = FALSE, saw_f = FALSE;

  for (;;)
    {
      int c = g_ascii_tolower (peekc (lx, n));

      if (c == '"' || c == '\'')
        return n;
      if (c == 'b' && !saw_b && !saw_u && !saw_f)
        saw_b = TRUE;
      else if (c == 'u' && !saw_b && !saw_u && !saw_r && !saw_f)
        saw_u = TRUE;
      else if (c == 'r' && !saw_r && !saw_u)
        saw_r = TRUE;
      else if (c == 'f' && !saw_f && !saw_b && !saw_u)
        saw_f = TRUE;
      else
        return 0;
      n++;
    }
}

static gboolean
fail_unterminated (LsLexer *lx,
                   LsToken *tok,
                   int      quote_size)
{
  int detected_at = lx->line;

  /* The newline that stopped the scan still belongs to its line. */
  if (lx->cur[-1] == '\n')
    detected_at--;
  lx->line = tok->line;
  lx->line_start = tok->start - tok->col;
  lx->cur = tok->start + 1;
  if (quote_size == 3)
    return fail_here (lx, "unterminated triple-quoted string literal (detected at line %d)",
                      detected_at);
  return fail_here (lx, "unterminated string literal (detected at line %d)", detected_at);
}

static gboolean
lex_string (LsLexer *lx,
            LsToken *tok,
            int      prefix_len)
{
  int quote, quote_size = 1, end_quote_size = 0;

  lx->cur += prefix_len;
  quote = nextc (lx);
  if (peekc (lx, 0) == quote)
    {
      nextc (lx);
      if (peekc (lx, 0) == quote)
        {
          nextc (lx);
          quote_size = 3;
        }
      else
        end_quote_size = 1;
    }

  while (end_quote_size != quote_size)
    {
      int c = nextc (lx);

      if (c == -1 || (quote_size == 1 && c == '\n'))
        return fail_unterminated (lx, tok, quote_size);
      if (c == quote)
        end_quote_size++;
      else
        {
          end_quote_size = 0;
          if (c == '\\')
            nextc (lx);
        }
    }
  return finish_token (lx, tok, LS_TOK_STRING);
}

/* A number followed directly by a letter: CPython lets a few keywords through
 * ("1if x else y") and rejects the rest. */
static gboolean
verify_end_of_number (LsLexer    *lx,
                      const char *kind)
{
  static const char *allowed[] = { "and", "else", "for", "if", "in", "is", "not", "or" };
  int c = peekc (lx, 0);

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      gsize n = strlen (allowed[i]);

      if (c == allowed[i][0] && lx->end - lx->cur >= (gssize) n
          && memcmp (lx->cur, allowed[i], n) == 0)
        return TRUE;
    }
  /* Only ASCII: a non-ASCII letter simply starts the next token. */
  if (is_ident_char (c) && c < 128)
    {
      nextc (lx);
      lx->cur--;
      return fail_here (lx, "invalid %s literal", kind);
    }
  return TRUE;
}

/* Digits with single underscores between them; the first is consumed. */
static gboolean
decimal_tail (LsLexer *lx)
{
  for (;;)
    {
      while (is_digit (peekc (lx, 0)))
        nextc (lx);
      if (peekc (lx, 0) != '_')
        return TRUE;
      nextc (lx);
      if (!is_digit (peekc (lx, 0)))
        return fail_here (lx, "invalid decimal literal");
    }
}

static gboolean
is_radix_digit (int c,
                int radix)
{
  if (radix == 16)
    return g_ascii_isxdigit (c);
  return c >= '0' && c < '0' + radix;
}

static gboolean
lex_radix_number (LsLexer *lx,
                  LsToken *tok,
                  int      radix)
{
  const char *kind = radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary";

  nextc (lx);
  do
    {
      if (peekc (lx, 0) == '_')
        nextc (lx);
      if (!is_radix_digit (peekc (lx, 0), radix))
        {
          if (radix != 16 && is_digit (peekc (lx, 0)))
            {
              int c = nextc (lx);

              return fail_here (lx, "invalid digit '%c' in %s literal", c, kind);
            }
          return fail_here (lx, "invalid %s literal", kind);
        }
      while (is_radix_digit (peekc (lx, 0), radix))
        nextc (lx);
    }
  while (peekc (lx, 0) == '_');
  if (radix != 16 && is_digit (peekc (lx, 0)))
    {
      int c = nextc (lx);

      return fail_here (lx, "invalid digit '%c' in %s literal", c, kind);
    }
  if (!verify_end_of_number (lx, kind))
    return FALSE;
  return finish_token (lx, tok, LS_TOK_NUMBER);
}

static gboolean
lex_exponent (LsLexer *lx)
{
  int c = peekc (lx, 1);

  if (c == '+' || c == '-')
    {
      nextc (lx);
      nextc (lx);
      if (!is_digit (peekc (lx, 0)))
        return fail_here (lx, "invalid decimal literal");
    }
  else if (!is_digit (c))
    {
      /* "1else": the e belongs to the next token. */
      return verify_end_of_number (lx, "decimal");
    }
  else
    nextc (lx);
  return decimal_tail (lx);
}

/* After the integer part: fraction, exponent and the imaginary suffix. */
static gboolean
lex_number_rest (LsLexer *lx,
                 LsToken *tok)
{
  int c = peekc (lx, 0);

  if (c == '.')
    {
      nextc (lx);
      if (is_digit (peekc (lx, 0)) && !decimal_tail (lx))
        return FALSE;
      c = peekc (lx, 0);
    }
  if (c == 'e' || c == 'E')
    {
      const char *before = lx->cur;

      if (!lex_exponent (lx))
        return FALSE;
      if (lx->cur == before)
        return finish_token (lx, tok, LS_TOK_NUMBER);
      c = peekc (lx, 0);
    }
  if (c == 'j' || c == 'J')
    {
      nextc (lx);
      if (!verify_end_of_number (lx, "imaginary"))
        return FALSE;
      return finish_token (lx, tok, LS_TOK_NUMBER);
    }
  if (!verify_end_of_number (lx, "decimal"))
    return FALSE;
  return finish_token (lx, tok, LS_TOK_NUMBER);
}

/* "0", "00", "0_0", and the forbidden "0777". */
static gboolean
lex_zero_number (LsLexer *lx,
                 LsToken *tok)
{
  const char *zeros_end;
  gboolean nonzero = FALSE;
  int c;

  for (;;)
    {
      if (peekc (lx, 0) == '_')
        {
          nextc (lx);
          if (!is_digit (peekc (lx, 0)))
            return fail_here (lx, "invalid decimal literal");
        }
      if (peekc (lx, 0) != '0')
        break;
      nextc (lx);
    }
  zeros_end = lx->cur + 1;
  if (is_digit (peekc (lx, 0)))
    {
      nonzero = TRUE;
      if (!decimal_tail (lx))
        return FALSE;
    }
  c = peekc (lx, 0);
  if (c == '.' || c == 'e' || c == 'E' || c == 'j' || c == 'J')
    return lex_number_rest (lx, tok);
  if (nonzero)
    return fail_at (lx, "SyntaxError", tok->col + 1, (int) (zeros_end - lx->line_start),
                    "leading zeros in decimal integer literals are not permitted; "
                    "use an 0o prefix for octal integers");
  if (!verify_end_of_number (lx, "decimal"))
    return FALSE;
  return finish_token (lx, tok, LS_TOK_NUMBER);
}

static gboolean
lex_number (LsLexer *lx,
            LsToken *tok)
{
  int c = peekc (lx, 0);

  if (c == '0')
    {
      int x = g_ascii_tolower (peekc (lx, 1));

      nextc (lx);
      if (x == 'x')
        return lex_radix_number (lx, tok, 16);
      if (x == 'o')
        return lex_radix_number (lx, tok, 8);
      if (x == 'b')
        return lex_radix_number (lx, tok, 2);
      return lex_zero_number (lx, tok);
    }
  if (c == '.')
    {
      nextc (lx);
      if (!decimal_tail (lx))
        return FALSE;
      c = peekc (lx, 0);
      if (c == 'e' || c == 'E' || c == 'j' || c == 'J')
        return lex_number_rest (lx, tok);
      if (!verify_end_of_number (lx, "decimal"))
        return FALSE;
      return finish_token (lx, tok, LS_TOK_NUMBER);
    }
  if (!decimal_tail (lx))
    return FALSE;
  return lex_number_rest (lx, tok);
}

static gboolean
open_bracket (LsLexer *lx,
              LsToken *tok,
              int      c)
{
  if (lx->level >= LS_LEXER_MAX_LEVEL)
    return fail_here (lx, "too many nested parentheses");
  lx->parens[lx->level] = (char) c;
  lx->paren_lines[lx->level] = lx->line;
  lx->paren_cols[lx->level] = tok->col;
  lx->level++;
  return finish_token (lx, tok, c == '(' ? LS_TOK_LPAR : c == '[' ? LS_TOK_LSQB : LS_TOK_LBRACE);
}

static gboolean
close_bracket (LsLexer *lx,
               LsToken *tok,
               int      c)
{
  int open;

  if (lx->level == 0)
    return fail_here (lx, "unmatched '%c'", c);
  open = lx->parens[lx->level - 1];
  if ((open == '(' && c != ')') || (open == '[' && c != ']') || (open == '{' && c != '}'))
    {
      if (lx->paren_lines[lx->level - 1] != lx->line)
        return fail_here (lx, "closing parenthesis '%c' does not match opening parenthesis "
                          "'%c' on line %d", c, open, lx->paren_lines[lx->level - 1]);
      return fail_here (lx, "closing parenthesis '%c' does not match opening parenthesis '%c'",
                        c, open);
    }
  lx->level--;
  return finish_token (lx, tok, c == ')' ? LS_TOK_RPAR : c == ']' ? LS_TOK_RSQB : LS_TOK_RBRACE);
}

/* The kind of the operator at @s: @one alone, @two when followed by '=',
 * and @dbl/@dbl_eq for the doubled forms (** //= and the like). */
static LsTokenKind
operator_with_equal (const char  *s,
                     gsize        avail,
                     int         *len,
                     LsTokenKind  one,
                     LsTokenKind  two,
                     LsTokenKind  dbl,
                     LsTokenKind  dbl_eq)
{
  if (dbl != LS_TOK_N_KINDS && avail >= 2 && s[1] == s[0])
    {
      if (dbl_eq != LS_TOK_N_KINDS && avail >= 3 && s[2] == '=')
        return *len = 3, dbl_eq;
      return *len = 2, dbl;
    }
  if (two != LS_TOK_N_KINDS && avail >= 2 && s[1] == '=')
    return *len = 2, two;
  return *len = 1, one;
}

static LsTokenKind
operator_kind (const char *s,
               gsize       avail,
               int        *len)
{
  const LsTokenKind none = LS_TOK_N_KINDS;

  switch (s[0])
    {
    case '+': return operator_with_equal (s, avail, len, LS_TOK_PLUS, LS_TOK_PLUSEQUAL, none, none);
    case '%': return operator_with_equal (s, avail, len, LS_TOK_PERCENT, LS_TOK_PERCENTEQUAL, none, none);
    case '&': return operator_with_equal (s, avail, len, LS_TOK_AMPER, LS_TOK_AMPEREQUAL, none, none);
    case '|': return operator_with_equal (s, avail, len, LS_TOK_VBAR, LS_TOK_VBAREQUAL, none, none);
    case '^': return operator_with_equal (s, avail, len, LS_TOK_CIRCUMFLEX, LS_TOK_CIRCUMFLEXEQUAL, none, none);
    case '@': return operator_with_equal (s, avail, len, LS_TOK_AT, LS_TOK_ATEQUAL, none, none);
    case '=': return operator_with_equal (s, avail, len, LS_TOK_EQUAL, LS_TOK_EQEQUAL, none, none);
    case '*': return operator_with_equal (s, avail, len, LS_TOK_STAR, LS_TOK_STAREQUAL,
                                          LS_TOK_DOUBLESTAR, LS_TOK_DOUBLESTAREQUAL);
    case '/': return operator_with_equal (s, avail, len, LS_TOK_SLASH, LS_TOK_SLASHEQUAL,
                                          LS_TOK_DOUBLESLASH, LS_TOK_DOUBLESLASHEQUAL);
    case '<': return operator_with_equal (s, avail, len, LS_TOK_LESS, LS_TOK_LESSEQUAL,
                                          LS_TOK_LEFTSHIFT, LS_TOK_LEFTSHIFTEQUAL);
    case '>': return operator_with_equal (s, avail, len, LS_TOK_GREATER, LS_TOK_GREATEREQUAL,
                                          LS_TOK_RIGHTSHIFT, LS_TOK_RIGHTSHIFTEQUAL);
    case '-':
      if (avail >= 2 && s[1] == '>')
        return *len = 2, LS_TOK_RARROW;
      return operator_with_equal (s, avail, len, LS_TOK_MINUS, LS_TOK_MINEQUAL, none, none);
    case ':': return operator_with_equal (s, avail, len, LS_TOK_COLON, LS_TOK_COLONEQUAL, none, none);
    case '!': return operator_with_equal (s, avail, len, LS_TOK_OP, LS_TOK_NOTEQUAL, none, none);
    case '.':
      if (avail >= 3 && s[1] == '.' && s[2] == '.')
        return *len = 3, LS_TOK_ELLIPSIS;
      return *len = 1, LS_TOK_DOT;
    case '~': return *len = 1, LS_TOK_TILDE;
    case ',': return *len = 1, LS_TOK_COMMA;
    case ';': return *len = 1, LS_TOK_SEMI;
    default: return *len = 1, LS_TOK_OP;
    }
}

static gboolean
lex_operator (LsLexer *lx,
              LsToken *tok)
{
  int c = peekc (lx, 0);
  LsTokenKind kind;
  int len;

  if (c == '(' || c == '[' || c == '{')
    {
      nextc (lx);
      return open_bracket (lx, tok, c);
    }
  if (c == ')' || c == ']' || c == '}')
    {
      nextc (lx);
      return close_bracket (lx, tok, c);
    }
  kind = operator_kind (lx->cur, lx->end - lx->cur, &len);
  lx->cur += len;
  if (c < 0x20 || c == 0x7f)
    return fail_here (lx, "invalid non-printable character U+%04X", c);
  return finish_token (lx, tok, kind);
}

/* A backslash joins the next physical line to this one. */
static gboolean
continuation_line (LsLexer *lx)
{
  nextc (lx);
  if (peekc (lx, 0) != '\n')
    {
      int offset = (int) (lx->cur - lx->line_start) + 1;

      return fail_lazily (lx, "SyntaxError", offset, 0,
                          "unexpected character after line continuation character");
    }
  nextc (lx);
  if (lx->cur >= lx->end)
    return fail_eof (lx);
  return TRUE;
}

static gboolean
check_indentation (LsLexer *lx,
                   int      col,
                   int      altcol)
{
  int top = lx->indent;

  if (col == lx->indents[top])
    {
      if (altcol != lx->alt_indents[top])
        return fail_lazily (lx, "TabError", 1, 0,
                            "inconsistent use of tabs and spaces in indentation");
    }
  else if (col > lx->indents[top])
    {
      if (top + 1 >= LS_LEXER_MAX_INDENT)
        return fail_lazily (lx, "IndentationError", 1, 0, "too many levels of indentation");
      if (altcol <= lx->alt_indents[top])
        return fail_lazily (lx, "TabError", 1, 0,
                            "inconsistent use of tabs and spaces in indentation");
      lx->pending++;
      lx->indent++;
      lx->indents[lx->indent] = col;
      lx->alt_indents[lx->indent] = altcol;
    }
  else
    {
      while (lx->indent > 0 && col < lx->indents[lx->indent])
        {
          lx->pending--;
          lx->indent--;
        }
      if (col != lx->indents[lx->indent])
        {
          const char *eol = memchr (lx->cur, '\n', lx->end - lx->cur);
          int offset = (int) ((eol ? eol + 1 : lx->end) - lx->line_start);

          return fail_lazily (lx, "IndentationError", offset, -1,
                              "unindent does not match any outer indentation level");
        }
      if (altcol != lx->alt_indents[lx->indent])
        return fail_lazily (lx, "TabError", 1, 0,
                            "inconsistent use of tabs and spaces in indentation");
    }
  return TRUE;
}

/* At the start of a line: measure its indentation and queue INDENT/DEDENT
 * tokens. Blank and comment-only lines do not count. */
static gboolean
read_indentation (LsLexer *lx)
{
  int col = 0, altcol = 0, cont_col = 0;
  int c;

  for (;;)
    {
      c = peekc (lx, 0);
      if (c == ' ')
        col++, altcol++;
      else if (c == '\t')
        {
          col = (col / TAB_SIZE + 1) * TAB_SIZE;
          altcol++;
        }
      else if (c == '\f')
        col = altcol = 0;
      else if (c == '\\')
        {
          cont_col = cont_col ? cont_col : col;
          if (!continuation_line (lx))
            return FALSE;
          continue;
        }
      else
        break;
      nextc (lx);
    }

  lx->blank_line = (c == '#' || c == '\n');
  if (lx->blank_line || lx->level > 0)
    return TRUE;
  if (cont_col)
    col = altcol = cont_col;
  if (c == -1)
    col = altcol = 0;
  lx->pending_col = (int) (lx->cur - lx->line_start);
  return check_indentation (lx, col, altcol);
}

/* Returns where a comment started, or NULL: a NEWLINE token after a
 * comment starts at the '#' in CPython. */
static const char *
skip_whitespace_and_comment (LsLexer *lx)
{
  int c = peekc (lx, 0);
  const char *comment = NULL;

  while (c == ' ' || c == '\t' || c == '\f' || (lx->expression_mode && c == '\n'))
    {
      nextc (lx);
      c = peekc (lx, 0);
    }
  if (c == '#')
    {
      const char *eol = memchr (lx->cur, '\n', lx->end - lx->cur);

      comment = lx->cur;
      lx->cur = eol ? eol : lx->end;
    }
  return comment;
}

static gboolean
lex_end (LsLexer *lx,
         LsToken *tok)
{
  if (lx->level > 0 && !lx->expression_mode)
    return fail_unclosed (lx);
  lx->done = TRUE;
  return positionless_token (lx, tok, LS_TOK_ENDMARKER);
}

static gboolean
lex_newline (LsLexer    *lx,
             LsToken    *tok,
             const char *comment,
             gboolean   *emitted)
{
  gboolean silent = lx->blank_line || lx->level > 0;

  begin_token (lx, tok);
  tok->kind = LS_TOK_NEWLINE;
  tok->len = 1;
  tok->end_line = tok->line;
  /* CPython leaves the newline character out of the token. */
  tok->end_col = tok->col;
  if (comment != NULL)
    {
      tok->col = (int) (comment - lx->line_start);
      tok->start = comment;
    }
  tok->level = lx->level;
  nextc (lx);
  lx->at_bol = TRUE;
  lx->blank_line = FALSE;
  *emitted = !silent;
  return TRUE;
}

static gboolean
lex_token (LsLexer *lx,
           LsToken *tok)
{
  int c = peekc (lx, 0);
  int prefix;

  begin_token (lx, tok);
  if (is_ident_start (c))
    {
      prefix = string_prefix_length (lx);
      if (prefix > 0 || c == '"' || c == '\'')
        return lex_string (lx, tok, prefix);
      return lex_name (lx, tok);
    }
  if (c == '"' || c == '\'')
    return lex_string (lx, tok, 0);
  if (is_digit (c) || (c == '.' && is_digit (peekc (lx, 1))))
    return lex_number (lx, tok);
  return lex_operator (lx, tok);
}

gboolean
ls_lexer_next (LsLexer *lx,
               LsToken *tok)
{
  if (lx->failed)
    return FALSE;

  for (;;)
    {
      const char *comment;
      int c;

      if (lx->at_bol && !lx->expression_mode)
        {
          lx->at_bol = FALSE;
          if (!read_indentation (lx))
            return FALSE;
        }
      if (lx->pending != 0)
        {
          LsTokenKind kind = lx->pending > 0 ? LS_TOK_INDENT : LS_TOK_DEDENT;

          lx->pending += lx->pending > 0 ? -1 : 1;
          return positionless_token (lx, tok, kind);
        }
      comment = skip_whitespace_and_comment (lx);
      c = peekc (lx, 0);
      if (c == -1)
        return lex_end (lx, tok);
      if (c == '\n')
        {
          gboolean emitted;

          lex_newline (lx, tok, comment, &emitted);
          if (emitted)
            return TRUE;
          continue;
        }
      if (c == '\\')
        {
          if (!continuation_line (lx))
            return FALSE;
          continue;
        }
      return lex_token (lx, tok);
    }
}
