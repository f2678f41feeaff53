/* test-lexer.c: tokens, indentation and tokenizer errors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Token streams are written as the kinds' names joined by spaces
 * (ls_token_kind_name); error messages and offsets are CPython 3.11's.
 */
#include "ls-lexer.h"

#include <string.h>

/* The whole stream of @source (which ends with a newline, as the parser
 * guarantees) as kind names, or "ERROR: message" where lexing stopped. */
static char *
kinds (const char *source)
{
  GString *out = g_string_new (NULL);
  LsLexer lexer;
  LsToken tok;

  ls_lexer_init (&lexer, source, strlen (source));
  for (;;)
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      if (!ls_lexer_next (&lexer, &tok))
        {
          g_string_append_printf (out, "ERROR: %s", lexer.error.msg);
          break;
        }
      g_string_append (out, ls_token_kind_name (tok.kind));
      if (tok.kind == LS_TOK_ENDMARKER)
        break;
    }
  return g_string_free (out, FALSE);
}

static void
assert_kinds (const char *source,
              const char *expected)
{
  g_autofree char *got = kinds (source);

  g_assert_cmpstr (got, ==, expected);
}

/* The n-th token of @source. */
static LsToken
nth_token (const char *source,
           int         n)
{
  LsLexer lexer;
  LsToken tok = { 0 };

  ls_lexer_init (&lexer, source, strlen (source));
  for (int i = 0; i <= n; i++)
    g_assert_true (ls_lexer_next (&lexer, &tok));
  return tok;
}

static void
assert_text (const char *source,
             int         n,
             const char *text)
{
  LsToken tok = nth_token (source, n);

  g_assert_cmpint (tok.len, ==, strlen (text));
  g_assert_true (strncmp (tok.start, text, tok.len) == 0);
}

static LsLexError
lex_error (const char *source)
{
  LsLexer lexer;
  LsToken tok;

  ls_lexer_init (&lexer, source, strlen (source));
  while (ls_lexer_next (&lexer, &tok))
    g_assert_cmpint (tok.kind, !=, LS_TOK_ENDMARKER);
  g_assert_true (lexer.failed);
  return lexer.error;
}

static void
assert_error (const char *source,
              const char *type,
              const char *msg,
              int         line,
              int         offset,
              int         end_offset)
{
  LsLexError e = lex_error (source);

  g_assert_cmpstr (e.type, ==, type);
  g_assert_cmpstr (e.msg, ==, msg);
  g_assert_cmpint (e.line, ==, line);
  g_assert_cmpint (e.offset, ==, offset);
  g_assert_cmpint (e.end_offset, ==, end_offset);
}

static void
test_simple (void)
{
  assert_kinds ("x = 1\n", "NAME = NUMBER NEWLINE ENDMARKER");
  assert_kinds ("\n", "ENDMARKER");
  assert_kinds ("print('hi')\n", "NAME ( STRING ) NEWLINE ENDMARKER");
  assert_kinds ("a.b[c](d)\n", "NAME . NAME [ NAME ] ( NAME ) NEWLINE ENDMARKER");
}

static void
test_operators (void)
{
  assert_kinds ("+ - * / // % ** @ << >> | ^ & ~\n",
                "+ - * / // % ** @ << >> | ^ & ~ NEWLINE ENDMARKER");
  assert_kinds ("+= -= *= /= //= %= **= @= <<= >>= |= ^= &=\n",
                "+= -= *= /= //= %= **= @= <<= >>= |= ^= &= NEWLINE ENDMARKER");
  assert_kinds ("< <= == != > >= = := -> ... . , ; :\n",
                "< <= == != > >= = := -> ... . , ; : NEWLINE ENDMARKER");
  assert_kinds ("a<=b>>=c\n", "NAME <= NAME >>= NAME NEWLINE ENDMARKER");
  assert_kinds ("x ! $ ? `\n", "NAME OP OP OP OP NEWLINE ENDMARKER");
  assert_kinds ("x....y\n", "NAME ... . NAME NEWLINE ENDMARKER");
}

static void
test_keywords (void)
{
  assert_kinds ("if elif else while for in not is and or\n",
                "if elif else while for in not is and or NEWLINE ENDMARKER");
  assert_kinds ("async await def class lambda yield return\n",
                "async await def class lambda yield return NEWLINE ENDMARKER");
  assert_kinds ("True False None pass break continue\n",
                "True False None pass break continue NEWLINE ENDMARKER");
  /* Soft keywords and near misses are names. */
  assert_kinds ("match case _ iff Pass none\n", "NAME NAME NAME NAME NAME NAME NEWLINE ENDMARKER");
}

static void
test_indent (void)
{
  assert_kinds ("if x:\n    y\n    z\nw\n",
                "if NAME : NEWLINE INDENT NAME NEWLINE NAME NEWLINE DEDENT NAME NEWLINE ENDMARKER");
  assert_kinds ("if a:\n  if b:\n    c\nd\n",
                "if NAME : NEWLINE INDENT if NAME : NEWLINE INDENT NAME NEWLINE DEDENT DEDENT "
                "NAME NEWLINE ENDMARKER");
  /* Dedents owed at the end come before the end marker. */
  assert_kinds ("if a:\n  if b:\n    c\n",
                "if NAME : NEWLINE INDENT if NAME : NEWLINE INDENT NAME NEWLINE DEDENT DEDENT "
                "ENDMARKER");
  assert_kinds ("if a:\n\tif b:\n\t\tc\n\td\n",
                "if NAME : NEWLINE INDENT if NAME : NEWLINE INDENT NAME NEWLINE DEDENT NAME "
                "NEWLINE DEDENT ENDMARKER");
  /* A tab counts to the next multiple of eight, so a tab and eight spaces
   * open the same block, if both are in the same order every time. */
  assert_kinds ("if a:\n    \tb\n        c\n",
                "if NAME : NEWLINE INDENT NAME NEWLINE ERROR: inconsistent use of tabs and "
                "spaces in indentation");
  assert_kinds ("if a:\n  \tb\n  \tc\n",
                "if NAME : NEWLINE INDENT NAME NEWLINE NAME NEWLINE DEDENT ENDMARKER");
  assert_kinds ("  x\n", "INDENT NAME NEWLINE DEDENT ENDMARKER");
}

static void
test_indent_errors (void)
{
  assert_error ("if x:\n    a\n  b\n", "IndentationError",
                "unindent does not match any outer indentation level", 3, 4, -1);
  assert_error ("if True:\n\tx\n        y\n", "TabError",
                "inconsistent use of tabs and spaces in indentation", 3, 1, 0);
}

static void
test_too_deep (void)
{
  GString *s = g_string_new (NULL);
  LsLexError e;

  for (int i = 0; i < 120; i++)
    {
      for (int k = 0; k < i; k++)
        g_string_append_c (s, ' ');
      g_string_append (s, "if x:\n");
    }
  e = lex_error (s->str);
  g_assert_cmpstr (e.type, ==, "IndentationError");
  g_assert_cmpstr (e.msg, ==, "too many levels of indentation");
  g_string_free (s, TRUE);

  s = g_string_new ("x = ");
  for (int i = 0; i < 300; i++)
    g_string_append_c (s, '(');
  g_string_append_c (s, '\n');
  e = lex_error (s->str);
  g_assert_cmpstr (e.msg, ==, "too many nested parentheses");
  g_string_free (s, TRUE);
}

/* Blank lines and comments make no tokens and do not count as indentation. */
static void
test_comments (void)
{
  assert_kinds ("# c\n\nx = 1  # c\n   \n  # c\ny\n",
                "NAME = NUMBER NEWLINE NAME NEWLINE ENDMARKER");
  assert_kinds ("if x:\n    a\n# c\n    b\n",
                "if NAME : NEWLINE INDENT NAME NEWLINE NAME NEWLINE DEDENT ENDMARKER");
}

static void
test_implicit_joining (void)
{
  assert_kinds ("x = (1,\n  2)\n", "NAME = ( NUMBER , NUMBER ) NEWLINE ENDMARKER");
  assert_kinds ("f(\n\n  a,\n    # c\n b)\n", "NAME ( NAME , NAME ) NEWLINE ENDMARKER");
  assert_kinds ("x = {\n 'a': [1,\n2]}\n",
                "NAME = { STRING : [ NUMBER , NUMBER ] } NEWLINE ENDMARKER");
}

static void
test_continuation (void)
{
  assert_kinds ("x = 1 + \\\n    2\n", "NAME = NUMBER + NUMBER NEWLINE ENDMARKER");
  assert_kinds ("if a and \\\n  b:\n  c\n",
                "if NAME and NAME : NEWLINE INDENT NAME NEWLINE DEDENT ENDMARKER");
  assert_error ("x = \\ 1\n", "SyntaxError",
                "unexpected character after line continuation character", 1, 6, 0);
  assert_error ("x = 1 \\\n", "SyntaxError", "unexpected EOF while parsing", 1, 8, -1);
}

static void
test_numbers (void)
{
  const char *numbers[] = {
    "0", "00", "123", "1_000", "0x1F", "0XfF_0", "0o17", "0b1010", "0B1_0", "1.5", ".5", "1.",
    "1e-5", "1E+5", "1_000.5", "1.5e1_0", "3j", "1.5J",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *src = g_strdup_printf ("%s\n", numbers[i]);

      assert_text (src, 0, numbers[i]);
      g_assert_cmpint (nth_token (src, 0).kind, ==, LS_TOK_NUMBER);
    }
  /* "1if x else y" is allowed, with CPython's warning left out. */
  assert_kinds ("1if x else 2\n", "NUMBER if NAME else NUMBER NEWLINE ENDMARKER");
  assert_kinds ("x.1\n", "NAME NUMBER NEWLINE ENDMARKER");
  assert_kinds ("1\xc3\xa9\n", "NUMBER NAME NEWLINE ENDMARKER");
}

static void
test_number_errors (void)
{
  assert_error ("x = 1a\n", "SyntaxError", "invalid decimal literal", 1, 5, 5);
  assert_error ("x = 1__0\n", "SyntaxError", "invalid decimal literal", 1, 6, 6);
  assert_error ("x = 1_\n", "SyntaxError", "invalid decimal literal", 1, 6, 6);
  assert_error ("x = 1e+\n", "SyntaxError", "invalid decimal literal", 1, 7, 7);
  assert_error ("x = 0x\n", "SyntaxError", "invalid hexadecimal literal", 1, 6, 6);
  assert_error ("x = 0o8\n", "SyntaxError", "invalid digit '8' in octal literal", 1, 7, 7);
  assert_error ("x = 0b12\n", "SyntaxError", "invalid digit '2' in binary literal", 1, 8, 8);
  assert_error ("x = 0777\n", "SyntaxError",
                "leading zeros in decimal integer literals are not permitted; "
                "use an 0o prefix for octal integers", 1, 5, 6);
}

static void
test_strings (void)
{
  const char *strings[] = {
    "'a'", "\"a\"", "''", "'''a\nb'''", "\"\"\"a\"\"\"", "r'\\n'", "b'x'", "rb'x'", "BR'x'",
    "f'{x}'", "Rf'x'", "u'x'", "'a\\'b'", "'a\\\nb'", "\"\"\"a\"b\"\"c\"\"\"",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      g_autofree char *src = g_strdup_printf ("%s\n", strings[i]);

      assert_text (src, 0, strings[i]);
      g_assert_cmpint (nth_token (src, 0).kind, ==, LS_TOK_STRING);
    }
  /* Prefixes that are not prefixes make names. */
  assert_kinds ("ur'x'\n", "NAME STRING NEWLINE ENDMARKER");
  assert_kinds ("bf'x'\n", "NAME STRING NEWLINE ENDMARKER");
  assert_kinds ("'a' 'b'\n", "STRING STRING NEWLINE ENDMARKER");
}

static void
test_string_errors (void)
{
  assert_error ("s = 'abc\n", "SyntaxError", "unterminated string literal (detected at line 1)",
                1, 5, 5);
  assert_error ("x = 1\ns = '''abc\n\nx\n", "SyntaxError",
                "unterminated triple-quoted string literal (detected at line 4)", 2, 5, 5);
  assert_error ("s = f\"abc\n", "SyntaxError",
                "unterminated string literal (detected at line 1)", 1, 5, 5);
}

static void
test_brackets (void)
{
  LsLexError e;

  assert_error ("x = 1)\n", "SyntaxError", "unmatched ')'", 1, 6, 6);
  assert_error ("x = (1]\n", "SyntaxError",
                "closing parenthesis ']' does not match opening parenthesis '('", 1, 7, 7);
  assert_error ("x = (1,\n2]\n", "SyntaxError",
                "closing parenthesis ']' does not match opening parenthesis '(' on line 1",
                2, 2, 2);
  e = lex_error ("x = [1,\n  (2\n");
  g_assert_cmpstr (e.msg, ==, "'(' was never closed");
  g_assert_cmpint (e.line, ==, 2);
  g_assert_cmpint (e.offset, ==, 3);
}

static void
test_identifiers (void)
{
  assert_kinds ("\xc3\xa9t\xc3\xa9 = caf\xc3\xa9\n", "NAME = NAME NEWLINE ENDMARKER");
  assert_kinds ("_x1 = __init__\n", "NAME = NAME NEWLINE ENDMARKER");
  /* Byte offsets here; the parser turns them into characters. */
  assert_error ("x = a \xe2\x82\xac b\n", "SyntaxError", "invalid character '\xe2\x82\xac' (U+20AC)",
                1, 9, 9);
  assert_error ("x = \xc2\xa0 1\n", "SyntaxError", "invalid non-printable character U+00A0",
                1, 6, 6);
  assert_error ("\x01\n", "SyntaxError", "invalid non-printable character U+0001", 1, 1, 1);
}

static void
test_positions (void)
{
  const char *src = "if x:\n    y = 'a\nb' if z else (1,\n  2)  # c\n";
  LsToken t;

  t = nth_token (src, 0);
  g_assert_cmpint (t.line, ==, 1);
  g_assert_cmpint (t.col, ==, 0);
  g_assert_cmpint (t.end_col, ==, 2);
  /* NEWLINE has no width. */
  t = nth_token (src, 3);
  g_assert_cmpint (t.kind, ==, LS_TOK_NEWLINE);
  g_assert_cmpint (t.col, ==, 5);
  g_assert_cmpint (t.end_col, ==, 5);
  t = nth_token (src, 4);
  g_assert_cmpint (t.kind, ==, LS_TOK_INDENT);
  g_assert_cmpint (t.end_col, ==, -1);
  t = nth_token (src, 5);
  g_assert_cmpint (t.line, ==, 2);
  g_assert_cmpint (t.col, ==, 4);
  g_assert_cmpint (t.level, ==, 0);
  /* A string may span lines only with a continuation. */
  src = "x = 'a\\\nb'\n";
  t = nth_token (src, 2);
  g_assert_cmpint (t.kind, ==, LS_TOK_STRING);
  g_assert_cmpint (t.line, ==, 1);
  g_assert_cmpint (t.col, ==, 4);
  g_assert_cmpint (t.end_line, ==, 2);
  g_assert_cmpint (t.end_col, ==, 2);
  /* Bracket depth after each token. */
  t = nth_token ("f((a))\n", 3);
  g_assert_cmpint (t.level, ==, 2);
  t = nth_token ("f((a))\n", 5);
  g_assert_cmpint (t.level, ==, 0);
  /* After a comment, NEWLINE starts at the '#'. */
  t = nth_token ("x  # c\n", 1);
  g_assert_cmpint (t.kind, ==, LS_TOK_NEWLINE);
  g_assert_cmpint (t.col, ==, 3);
  g_assert_cmpint (t.end_col, ==, 6);
}

static void
test_fragment (void)
{
  const char *line = "f'{a + (b\n  * c)}'\n";
  const char *start = line + 3;
  const char *end = strchr (line, '}');
  LsLexer lexer;
  LsToken tok;
  GString *got = g_string_new (NULL);

  ls_lexer_init_fragment (&lexer, start, end, 1, line);
  while (ls_lexer_next (&lexer, &tok) && tok.kind != LS_TOK_ENDMARKER)
    g_string_append_printf (got, "%s@%d:%d ", ls_token_kind_name (tok.kind), tok.line, tok.col);
  g_assert_cmpstr (got->str, ==, "NAME@1:3 +@1:5 (@1:7 NAME@1:8 *@2:2 NAME@2:4 )@2:5 ");
  g_string_free (got, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lang/lexer/simple", test_simple);
  g_test_add_func ("/lang/lexer/operators", test_operators);
  g_test_add_func ("/lang/lexer/keywords", test_keywords);
  g_test_add_func ("/lang/lexer/indent", test_indent);
  g_test_add_func ("/lang/lexer/indent-errors", test_indent_errors);
  g_test_add_func ("/lang/lexer/too-deep", test_too_deep);
  g_test_add_func ("/lang/lexer/comments", test_comments);
  g_test_add_func ("/lang/lexer/implicit-joining", test_implicit_joining);
  g_test_add_func ("/lang/lexer/continuation", test_continuation);
  g_test_add_func ("/lang/lexer/numbers", test_numbers);
  g_test_add_func ("/lang/lexer/number-errors", test_number_errors);
  g_test_add_func ("/lang/lexer/strings", test_strings);
  g_test_add_func ("/lang/lexer/string-errors", test_string_errors);
  g_test_add_func ("/lang/lexer/brackets", test_brackets);
  g_test_add_func ("/lang/lexer/identifiers", test_identifiers);
  g_test_add_func ("/lang/lexer/positions", test_positions);
  g_test_add_func ("/lang/lexer/fragment", test_fragment);

  return g_test_run ();
}
