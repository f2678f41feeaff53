/* test-params.c: `# param` scanning and rewriting (ls-params.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ls-params.h"

static const char *design_example =
  "import asyncio\n"
  "\n"
  "N_TASKS = 100        # param 1..1000  number of tasks\n"
  "MAX_CONCURRENT = 5   # param 1..50    semaphore size\n"
  "TIMEOUT = 2.5        # param 0.1..10  wait_for timeout (s)\n"
  "\n"
  "async def main():\n"
  "    X = 3  # param 1..5 indented: not a parameter\n"
  "    print(N_TASKS)\n";

static LsParam *
param_at (GPtrArray *params,
          guint      i)
{
  g_assert_cmpuint (i, <, params->len);
  return params->pdata[i];
}

static void
test_scan_design_example (void)
{
  g_autoptr (GPtrArray) params = ls_params_scan (design_example);
  LsParam *p;

  g_assert_cmpuint (params->len, ==, 3);

  p = param_at (params, 0);
  g_assert_cmpstr (p->name, ==, "N_TASKS");
  g_assert_cmpint (p->line, ==, 3);
  g_assert_cmpint (p->kind, ==, LS_PARAM_INT);
  g_assert_cmpstr (p->literal, ==, "100");
  g_assert_true (p->has_range);
  g_assert_cmpfloat (p->min, ==, 1);
  g_assert_cmpfloat (p->max, ==, 1000);
  g_assert_cmpstr (p->label, ==, "number of tasks");
  g_assert_cmpint (strncmp (design_example + p->start, "100", p->end - p->start), ==, 0);
  g_assert_cmpuint (p->end - p->start, ==, 3);

  p = param_at (params, 1);
  g_assert_cmpstr (p->name, ==, "MAX_CONCURRENT");
  g_assert_cmpstr (p->label, ==, "semaphore size");

  p = param_at (params, 2);
  g_assert_cmpstr (p->name, ==, "TIMEOUT");
  g_assert_cmpint (p->kind, ==, LS_PARAM_FLOAT);
  g_assert_cmpfloat (p->min, ==, 0.1);
  g_assert_cmpfloat (p->max, ==, 10);
  g_assert_cmpstr (p->label, ==, "wait_for timeout (s)");
}

static void
test_scan_kinds (void)
{
  const char *src =
    "A = -3 # param\n"
    "B = 1e-3  #param -1..1\n"
    "C = 'hi \\' there'  # param greeting\n"
    "D = True  # param verbose output\n"
    "E: float = .5  # param 0..1.5\n"
    "F = 1_000  # param\n"
    "G = 0x10  # param\n"
    "H = \"x\"  # param\n";
  g_autoptr (GPtrArray) params = ls_params_scan (src);

  g_assert_cmpuint (params->len, ==, 8);
  g_assert_cmpint (param_at (params, 0)->kind, ==, LS_PARAM_INT);
  g_assert_cmpstr (param_at (params, 0)->literal, ==, "-3");
  g_assert_false (param_at (params, 0)->has_range);
  g_assert_cmpstr (param_at (params, 0)->label, ==, "");
  g_assert_cmpint (param_at (params, 1)->kind, ==, LS_PARAM_FLOAT);
  g_assert_cmpfloat (param_at (params, 1)->min, ==, -1);
  g_assert_cmpint (param_at (params, 2)->kind, ==, LS_PARAM_STR);
  g_assert_cmpstr (param_at (params, 2)->literal, ==, "'hi \\' there'");
  g_assert_cmpstr (param_at (params, 2)->label, ==, "greeting");
  g_assert_cmpint (param_at (params, 3)->kind, ==, LS_PARAM_BOOL);
  g_assert_cmpstr (param_at (params, 3)->label, ==, "verbose output");
  g_assert_cmpstr (param_at (params, 4)->name, ==, "E");
  g_assert_cmpstr (param_at (params, 4)->literal, ==, ".5");
  g_assert_cmpfloat (param_at (params, 4)->max, ==, 1.5);
  g_assert_cmpint (param_at (params, 5)->kind, ==, LS_PARAM_INT);
  g_assert_cmpint (param_at (params, 6)->kind, ==, LS_PARAM_INT);
  g_assert_cmpstr (param_at (params, 7)->literal, ==, "\"x\"");
}

static void
test_scan_ignores (void)
{
  const char *src =
    "A = 1 + 2  # param\n"             /* not a literal */
    "B = 5  # parameter\n"             /* another word */
    "C == 5  # param\n"                /* comparison */
    "D = 5\n"                          /* no comment */
    "E = 5  # a param\n"               /* comment does not start with param */
    "s = \"\"\"\n"
    "F = 1  # param\n"                 /* inside a triple-quoted string */
    "\"\"\"\n"
    "t = (1,\n"
    "G = 2  # param\n"                 /* inside brackets */
    ")\n"
    "u = 1 + \\\n"
    "H = 2  # param\n"                 /* continuation line */
    "if True:\n"
    "  I = 3  # param\n"               /* indented */
    "J = x  # param\n"                 /* a name */
    "K = 5abc  # param\n"              /* bad token */
    "L = '''x'''  # param\n"           /* triple-quoted literal */
    "M = 7  # param last one";
  g_autoptr (GPtrArray) params = ls_params_scan (src);

  g_assert_cmpuint (params->len, ==, 1);
  g_assert_cmpstr (param_at (params, 0)->name, ==, "M");
  g_assert_cmpint (param_at (params, 0)->line, ==, 19);
  g_assert_cmpstr (param_at (params, 0)->label, ==, "last one");
}

static void
test_scan_empty (void)
{
  g_autoptr (GPtrArray) params = ls_params_scan ("");

  g_assert_cmpuint (params->len, ==, 0);
}

static void
test_scan_crlf (void)
{
  g_autoptr (GPtrArray) params = ls_params_scan ("A = 1  # param 0..2 lbl\r\nB = 2  # param\r\n");

  g_assert_cmpuint (params->len, ==, 2);
  g_assert_cmpstr (param_at (params, 0)->label, ==, "lbl");
  g_assert_cmpint (param_at (params, 1)->line, ==, 2);
}

static char *
apply1 (const char  *src,
        const char  *name,
        const char  *value,
        GError     **error)
{
  const char *names[] = { name };
  const char *values[] = { value };

  return ls_params_apply (src, 1, names, values, error);
}

static void
test_apply_basic (void)
{
  const char *names[] = { "TIMEOUT", "N_TASKS" };
  const char *values[] = { "0.25", "7" };
  g_autoptr (GError) error = NULL;
  g_autofree char *out = ls_params_apply (design_example, 2, names, values, &error);
  g_autoptr (GPtrArray) params = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, "N_TASKS = 7        # param 1..1000  number of tasks\n"));
  g_assert_nonnull (strstr (out, "TIMEOUT = 0.25        # param 0.1..10"));
  g_assert_nonnull (strstr (out, "MAX_CONCURRENT = 5   #"));
  g_assert_nonnull (strstr (out, "    X = 3  # param"));

  params = ls_params_scan (out);
  g_assert_cmpuint (params->len, ==, 3);
  g_assert_cmpstr (param_at (params, 0)->literal, ==, "7");
  g_assert_cmpstr (param_at (params, 2)->literal, ==, "0.25");
}

static void
test_apply_conversions (void)
{
  const char *src = "F = 1.5  # param\nB = False  # param\nS = 'a'  # param\nI = 2  # param\n";
  struct { const char *name, *value, *expect; } cases[] = {
    { "F", "3", "F = 3.0  #" },
    { "F", "-2", "F = -2.0  #" },
    { "F", "1e3", "F = 1e3  #" },
    { "B", "true", "B = True  #" },
    { "B", "FALSE", "B = False  #" },
    { "S", "hello", "S = 'hello'  #" },
    { "S", "it's", "S = \"it's\"  #" },
    { "S", "\"q\"", "S = \"q\"  #" },
    { "S", "a\\b", "S = 'a\\\\b'  #" },
    { "I", " -42 ", "I = -42  #" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *out = apply1 (src, cases[i].name, cases[i].value, &error);

      g_assert_no_error (error);
      g_assert_nonnull (strstr (out, cases[i].expect));
    }
}

static void
test_apply_errors (void)
{
  const char *src = "I = 2  # param\nB = True  # param\nF = 2.0  # param\n";
  struct { const char *name, *value; int code; const char *message; } cases[] = {
    { "NOPE", "1", LS_PARAMS_ERROR_UNKNOWN_NAME, "no parameter named 'NOPE'" },
    { "I", "2.5", LS_PARAMS_ERROR_BAD_VALUE, "parameter 'I' needs an int, not '2.5'" },
    { "I", "abc", LS_PARAMS_ERROR_BAD_VALUE, "parameter 'I' needs an int, not 'abc'" },
    { "I", "", LS_PARAMS_ERROR_BAD_VALUE, "parameter 'I' needs an int, not ''" },
    { "B", "maybe", LS_PARAMS_ERROR_BAD_VALUE, "parameter 'B' needs a bool, not 'maybe'" },
    { "F", "x1", LS_PARAMS_ERROR_BAD_VALUE, "parameter 'F' needs a float, not 'x1'" },
    { "F", "'1'", LS_PARAMS_ERROR_BAD_VALUE, "parameter 'F' needs a float, not ''1''" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *out = apply1 (src, cases[i].name, cases[i].value, &error);

      g_assert_null (out);
      g_assert_error (error, LS_PARAMS_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_apply_nothing (void)
{
  g_autofree char *out = ls_params_apply (design_example, 0, NULL, NULL, NULL);

  g_assert_cmpstr (out, ==, design_example);
}

static void
test_format_number (void)
{
  LsParam ip = { .kind = LS_PARAM_INT };
  LsParam fp = { .kind = LS_PARAM_FLOAT };
  struct { double v; const char *expect; } floats[] = {
    { 0.1, "0.1" }, { 2.0, "2.0" }, { 1e16, "1e+16" }, { 1e-5, "1e-05" },
    { 0.0001, "0.0001" }, { 123.456, "123.456" }, { -0.5, "-0.5" }, { 1.5e300, "1.5e+300" },
    { 0.30000000000000004, "0.30000000000000004" }, { 1234567890123456.0, "1234567890123456.0" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (floats); i++)
    {
      g_autofree char *s = ls_param_format_number (&fp, floats[i].v);

      g_assert_cmpstr (s, ==, floats[i].expect);
    }
  {
    g_autofree char *s = ls_param_format_number (&ip, 41.6);

    g_assert_cmpstr (s, ==, "42");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lang/params/scan/design-example", test_scan_design_example);
  g_test_add_func ("/lang/params/scan/kinds", test_scan_kinds);
  g_test_add_func ("/lang/params/scan/ignores", test_scan_ignores);
  g_test_add_func ("/lang/params/scan/empty", test_scan_empty);
  g_test_add_func ("/lang/params/scan/crlf", test_scan_crlf);
  g_test_add_func ("/lang/params/apply/basic", test_apply_basic);
  g_test_add_func ("/lang/params/apply/conversions", test_apply_conversions);
  g_test_add_func ("/lang/params/apply/errors", test_apply_errors);
  g_test_add_func ("/lang/params/apply/nothing", test_apply_nothing);
  g_test_add_func ("/lang/params/format-number", test_format_number);

  return g_test_run ();
}
