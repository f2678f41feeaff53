/* test-types.c: the builtin types (str, int, float, containers, the object
 * protocol) against results produced by CPython 3.11 (data/types-cases.txt,
 * written by data/gen-types-data.py), plus targeted behaviours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ls-lang.h"
#include "ls-vm.h"

static LsVM *vm;

/* ------------------------------------------------------------ decoding */

static char *
unhex (const char **pp)
{
  const char *p = *pp;
  GString *out = g_string_new (NULL);

  while (g_ascii_isxdigit (p[0]) && g_ascii_isxdigit (p[1]))
    {
      g_string_append_c (out, (char) (g_ascii_xdigit_value (p[0]) * 16 + g_ascii_xdigit_value (p[1])));
      p += 2;
    }
  *pp = p;
  return g_string_free (out, FALSE);
}

static LsValue decode (const char **pp);

static LsList *
decode_items (const char **pp,
              char         close)
{
  LsList *l = ls_list_new (vm, 0);

  while (**pp != close && **pp != '\0')
    {
      ls_list_append (vm, l, decode (pp));
      if (**pp == ',')
        (*pp)++;
    }
  if (**pp == close)
    (*pp)++;
  return l;
}

static gint64
decode_int (const char **pp)
{
  char *end;
  gint64 v = g_ascii_strtoll (*pp, &end, 10);

  *pp = end;
  return v;
}

static LsValue
decode (const char **pp)
{
  const char *p = *pp;
  char c = *p++;
  LsValue v = LS_NONE;

  switch (c)
    {
    case 'i':
      v = ls_int (decode_int (&p));
      break;
    case 'f':
      {
        guint64 bits = 0;
        for (int i = 0; i < 16; i++)
          bits = bits * 16 + g_ascii_xdigit_value (*p++);
        double d;
        memcpy (&d, &bits, sizeof d);
        v = ls_float (d);
      }
      break;
    case 's':
      {
        const char *start = p;
        char *text = unhex (&p);
        v = ls_obj (ls_str_new (vm, text, (p - start) / 2));
        g_free (text);
      }
      break;
    case 'n':
      v = LS_NONE;
      break;
    case 'b':
      v = ls_bool (*p++ == '1');
      break;
    case '(':
      {
        LsList *l = decode_items (&p, ')');
        v = ls_obj (ls_tuple_from (vm, l->items, l->len));
      }
      break;
    case '[':
      v = ls_obj (decode_items (&p, ']'));
      break;
    case '{':
    case '<':
      {
        LsList *l = decode_items (&p, c == '{' ? '}' : '>');
        LsSet *s = ls_set_new (vm, vm->types[c == '{' ? LS_T_SET : LS_T_FROZENSET]);
        for (gsize i = 0; i < l->len; i++)
          ls_set_add (vm, s, l->items[i]);
        v = ls_obj (s);
      }
      break;
    case 'd':
      {
        LsDict *d = ls_dict_new (vm);
        p++;   /* '(' */
        while (*p != ')' && *p != '\0')
          {
            LsValue k = decode (&p);
            p++;   /* ':' */
            ls_dict_set (vm, d, k, decode (&p));
            if (*p == ',')
              p++;
          }
        p++;
        v = ls_obj (d);
      }
      break;
    case 'r':
      {
        gint64 a = decode_int (&p), b, s;
        p++;
        b = decode_int (&p);
        p++;
        s = decode_int (&p);
        v = ls_range_new (vm, a, b, s);
      }
      break;
    case 'S':
      {
        LsValue a = decode (&p), b, s;
        p++;
        b = decode (&p);
        p++;
        s = decode (&p);
        v = ls_slice_new (vm, a, b, s);
      }
      break;
    default:
      g_error ("bad encoded value at '%s'", *pp);
    }
  *pp = p;
  return v;
}

static LsValue
decode_field (const char *field)
{
  return decode (&field);
}

static char *
decode_text (const char *hex)
{
  return unhex (&hex);
}

/* ------------------------------------------------------------- running */

static char *
repr_text (LsValue v)
{
  LsValue r = ls_repr (vm, v);

  if (LS_IS_ERR (r))
    {
      ls_exc_clear (vm);
      return g_strdup ("<repr failed>");
    }
  return g_strdup (ls_str_cstr ((LsStr *) LS_AS_OBJ (r)));
}

/* Compares an outcome (result or pending exception) with the expectation;
 * returns NULL when they agree, else a description. */
static char *
check (LsValue     result,
       LsValue     self,
       const char *expected)
{
  if (expected[0] == '!')
    {
      const char *colon = strchr (expected, ':');
      g_autofree char *type = g_strndup (expected + 1, colon - expected - 1);
      g_autofree char *msg = decode_text (colon + 1);
      g_autofree char *got_msg = NULL;
      const char *got_type;
      LsValue exc, s;

      if (!LS_IS_ERR (result))
        return g_strdup_printf ("expected %s: %s, got %s", type, msg, repr_text (result));
      if (LS_IS_UNDEF (vm->exc))
        return g_strdup_printf ("expected %s: %s, got an error without exception", type, msg);
      exc = ls_exc_fetch (vm);
      got_type = ls_type_name (vm, exc);
      s = ls_exc_str (vm, exc);
      got_msg = LS_IS_ERR (s) ? g_strdup ("?") : g_strdup (ls_str_cstr ((LsStr *) LS_AS_OBJ (s)));
      ls_exc_clear (vm);
      if (strcmp (type, got_type) != 0 || strcmp (msg, got_msg) != 0)
        return g_strdup_printf ("expected %s: %s, got %s: %s", type, msg, got_type, got_msg);
      return NULL;
    }
  if (LS_IS_ERR (result) && LS_IS_UNDEF (vm->exc))
    return g_strdup ("error returned without an exception set");
  if (LS_IS_ERR (result))
    {
      LsValue exc = ls_exc_fetch (vm), s = ls_exc_str (vm, exc);
      char *text = g_strdup_printf ("unexpected %s: %s", ls_type_name (vm, exc),
                                    LS_IS_ERR (s) ? "?" : ls_str_cstr ((LsStr *) LS_AS_OBJ (s)));
      ls_exc_clear (vm);
      return text;
    }
  if (expected[0] == '#')
    {
      gint64 want = g_ascii_strtoll (expected + 1, NULL, 10);
      if (LS_AS_INT (result) != want)
        return g_strdup_printf ("hash %" G_GINT64_FORMAT " != %" G_GINT64_FORMAT, LS_AS_INT (result), want);
      return NULL;
    }
  {
    const char *bar = strchr (expected, '|');
    g_autofree char *want = bar != NULL ? g_strndup (expected + 1, bar - expected - 1) : g_strdup (expected + 1);
    g_autofree char *want_text = decode_text (want);
    g_autofree char *got = repr_text (result);
    if (strcmp (want_text, got) != 0)
      return g_strdup_printf ("result %s != %s", got, want_text);
    if (bar != NULL && !LS_IS_UNDEF (self))
      {
        g_autofree char *want_self = decode_text (bar + 1);
        g_autofree char *got_self = repr_text (self);
        if (strcmp (want_self, got_self) != 0)
          return g_strdup_printf ("self %s != %s", got_self, want_self);
      }
  }
  return NULL;
}

static int
binop_code (const char *op,
            gboolean   *is_cmp)
{
  static const char *const bin[] = { "+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "|", "^", "&" };
  static const char *const cmp[] = { "<", "<=", "==", "!=", ">", ">=" };

  for (guint i = 0; i < G_N_ELEMENTS (bin); i++)
    if (strcmp (op, bin[i]) == 0)
      {
        *is_cmp = FALSE;
        return i;
      }
  for (guint i = 0; i < G_N_ELEMENTS (cmp); i++)
    if (strcmp (op, cmp[i]) == 0)
      {
        *is_cmp = TRUE;
        return i;
      }
  g_error ("unknown operator %s", op);
  return -1;
}

static LsType *
type_by_name (const char *name)
{
  for (int i = 0; i < LS_N_TYPES; i++)
    if (strcmp (ls_str_cstr (vm->types[i]->name), name) == 0)
      return vm->types[i];
  g_error ("no type %s", name);
  return NULL;
}

/* Calls a method found on the type, like obj.name(*args, **kw). */
static LsValue
call_method (LsValue        self,
             const char    *name,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  LsValue f = ls_type_lookup (ls_typeof (vm, self), ls_str_intern (vm, name, -1));
  LsNative *n;

  if (!LS_OBJ_IS (f, LS_OBJ_NATIVE))
    return ls_raise (vm, LS_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'",
                     ls_type_name (vm, self), name);
  n = (LsNative *) LS_AS_OBJ (f);
  if (LS_AS_OBJ (f)->flags & LS_NATIVE_CLASS)
    return n->fn (vm, ls_obj (ls_typeof (vm, self)), args, nargs, kwnames);
  if (LS_AS_OBJ (f)->flags & LS_NATIVE_STATIC)
    return n->fn (vm, n->data, args, nargs, kwnames);
  return n->fn (vm, self, args, nargs, kwnames);
}

/* Splits "a b c... kx=v" fields into positional values and keywords. */
static int
decode_args (char   **fields,
             int      n,
             LsValue *args,
             LsTuple **kwnames)
{
  int nargs = 0, nkw = 0;
  LsValue kwvals[8], names[8];

  for (int i = 0; i < n; i++)
    {
      if (fields[i][0] == 'k' && strchr (fields[i], '=') != NULL)
        {
          char *eq = strchr (fields[i], '=');
          names[nkw] = ls_obj (ls_str_intern (vm, fields[i] + 1, eq - fields[i] - 1));
          kwvals[nkw++] = decode_field (eq + 1);
        }
      else
        args[nargs++] = decode_field (fields[i]);
    }
  for (int i = 0; i < nkw; i++)
    args[nargs + i] = kwvals[i];
  *kwnames = nkw > 0 ? ls_tuple_from (vm, names, nkw) : NULL;
  return nargs;
}

/* Runs one case line; returns NULL if it agrees with CPython. */
static char *
run_case (char **f,
          int    nf)
{
  const char *kind = f[0], *expected = f[nf - 1];
  LsValue result = LS_UNDEF, self = LS_UNDEF, args[16];
  LsTuple *kwnames;
  gboolean is_cmp;
  int nargs;

  if (strcmp (kind, "repr") == 0)
    result = decode_field (f[1]);
  else if (strcmp (kind, "ascii") == 0)
    result = ls_ascii (vm, decode_field (f[1]));
  else if (strcmp (kind, "format") == 0)
    result = ls_format (vm, decode_field (f[1]), (LsStr *) LS_AS_OBJ (decode_field (f[2])));
  else if (strcmp (kind, "binop") == 0 || strcmp (kind, "inplace") == 0)
    {
      g_autofree char *op = decode_text (f[1] + 1);
      int code = binop_code (op, &is_cmp);
      LsValue a = decode_field (f[2]), b = decode_field (f[3]);
      if (is_cmp)
        result = ls_compare (vm, a, b, code);
      else
        result = ls_binary_op (vm, a, b, code | (kind[0] == 'i' ? LS_BINOP_INPLACE : 0));
    }
  else if (strcmp (kind, "hash") == 0)
    {
      gint64 h;
      result = ls_hash (vm, decode_field (f[1]), &h) ? ls_int (h) : LS_ERR;
    }
  else if (strcmp (kind, "method") == 0)
    {
      g_autofree char *name = decode_text (f[2] + 1);
      self = decode_field (f[1]);
      nargs = decode_args (f + 3, nf - 4, args, &kwnames);
      result = call_method (self, name, args, nargs, kwnames);
    }
  else if (strcmp (kind, "popn") == 0)
    {
      self = decode_field (f[1]);
      result = LS_NONE;
      for (int i = 0; i < 3 && !LS_IS_ERR (result) && ((LsSet *) LS_AS_OBJ (self))->used > 0; i++)
        result = call_method (self, "pop", NULL, 0, NULL);
      if (!LS_IS_ERR (result))
        result = self;
    }
  else if (strcmp (kind, "mutate") == 0)
    {
      LsList *dels = (LsList *) LS_AS_OBJ (decode_field (f[2]));
      LsList *adds = (LsList *) LS_AS_OBJ (decode_field (f[3]));
      LsSet *s = (LsSet *) LS_AS_OBJ (decode_field (f[1]));
      for (gsize i = 0; i < dels->len; i++)
        ls_set_discard (vm, s, dels->items[i]);
      for (gsize i = 0; i < adds->len; i++)
        ls_set_add (vm, s, adds->items[i]);
      result = ls_obj (s);
    }
  else if (strcmp (kind, "ctor") == 0)
    {
      g_autofree char *tname = decode_text (f[1] + 1);
      LsType *t = type_by_name (tname);
      nargs = decode_args (f + 2, nf - 3, args, &kwnames);
      result = t->ctor (vm, ls_obj (t), args, nargs, kwnames);
    }
  else if (strcmp (kind, "round") == 0)
    result = ls_number_round (vm, decode_field (f[1]), decode_field (f[2]));
  else if (strcmp (kind, "getitem") == 0)
    result = ls_getitem (vm, decode_field (f[1]), decode_field (f[2]));
  else if (strcmp (kind, "setitem") == 0)
    result = ls_setitem (vm, decode_field (f[1]), decode_field (f[2]), decode_field (f[3])) < 0
             ? LS_ERR : LS_NONE;
  else if (strcmp (kind, "len") == 0)
    {
      gint64 n;
      result = ls_len (vm, decode_field (f[1]), &n) ? ls_int (n) : LS_ERR;
    }
  else if (strcmp (kind, "iter") == 0)
    {
      LsList *l = ls_list_from_iterable (vm, decode_field (f[1]));
      result = l != NULL ? ls_obj (l) : LS_ERR;
    }
  else if (strcmp (kind, "contains") == 0)
    {
      int r = ls_contains (vm, decode_field (f[1]), decode_field (f[2]));
      result = r < 0 ? LS_ERR : ls_bool (r);
    }
  else if (strcmp (kind, "unary") == 0)
    {
      g_autofree char *op = decode_text (f[1] + 1);
      LsUnaryOpKind k = strcmp (op, "-") == 0 ? LS_UNARY_NEG : strcmp (op, "+") == 0 ? LS_UNARY_POS
                        : strcmp (op, "~") == 0 ? LS_UNARY_INVERT : LS_UNARY_NOT;
      result = ls_unary_op (vm, decode_field (f[1 + 1]), k);
    }
  else
    g_error ("unknown case kind %s", kind);
  return check (result, self, expected);
}

static GPtrArray *all_lines;

static void
load_cases (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "types-cases.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  char **lines;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("%s", error->message);
  lines = g_strsplit (text, "\n", -1);
  all_lines = g_ptr_array_new_with_free_func (g_free);
  for (char **l = lines; *l != NULL; l++)
    if (**l != '\0')
      g_ptr_array_add (all_lines, g_strdup (*l));
  g_strfreev (lines);
}

static void
test_cases (gconstpointer data)
{
  const char *kind = data;
  guint total = 0, failed = 0;

  for (guint i = 0; i < all_lines->len; i++)
    {
      const char *line = g_ptr_array_index (all_lines, i);
      g_auto (GStrv) f = NULL;
      char *problem;

      if (!g_str_has_prefix (line, kind) || line[strlen (kind)] != '\t')
        continue;
      f = g_strsplit (line, "\t", -1);
      total++;
      problem = run_case (f, g_strv_length (f));
      g_assert_true (LS_IS_UNDEF (vm->exc));
      if (problem != NULL)
        {
          if (failed < 40)
            g_test_message ("line %u: %s\n    %s", i + 1, problem, line);
          failed++;
          g_free (problem);
        }
    }
  g_test_message ("%s: %u of %u cases differ from CPython", kind, failed, total);
  if (failed > 0)
    g_test_fail ();
}

/* ------------------------------------------------------ targeted tests */

static LsValue
str (const char *text)
{
  return ls_str_value (vm, text);
}

static void
assert_repr (LsValue     v,
             const char *want)
{
  g_autofree char *got = repr_text (v);

  g_assert_cmpstr (got, ==, want);
}

static void
test_float_repr_cstr (void)
{
  static const struct { double f; const char *text; } cases[] = {
    { 0.1, "0.1" }, { 1e-05, "1e-05" }, { 1e16, "1e+16" }, { 100.0, "100.0" }, { -0.0, "-0.0" },
    { 1.0 / 0.0, "inf" }, { -1.0 / 0.0, "-inf" }, { 0.1 + 0.2, "0.30000000000000004" },
    { 5e-324, "5e-324" }, { 1.7976931348623157e308, "1.7976931348623157e+308" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = ls_float_repr_cstr (cases[i].f);
      g_assert_cmpstr (s, ==, cases[i].text);
    }
}

static void
test_interning (void)
{
  LsStr *a = ls_str_intern (vm, "hello_name", -1);
  LsStr *b = ls_str_intern (vm, "hello_name_x", 10);
  LsDict *d = ls_dict_new (vm);

  g_assert_true (a == b);
  g_assert_true (a->hdr.flags & LS_STR_INTERNED);
  ls_dict_set_str (vm, d, a, ls_int (7));
  g_assert_cmpint (LS_AS_INT (ls_dict_get_str (d, ls_str_new (vm, "hello_name", -1))), ==, 7);
  g_assert_true (LS_IS_UNDEF (ls_dict_get_str (d, ls_str_new (vm, "other", -1))));
  g_assert_true (ls_str_new (vm, "a", 1) == ls_str_new (vm, "a", 1));
  g_assert_true (ls_str_hash (a) != -1);
}

static void
test_dict_order_and_delete (void)
{
  LsDict *d = ls_dict_new (vm);
  LsValue k, v;
  gsize pos = 0;
  int n = 0;

  for (int i = 0; i < 1000; i++)
    g_assert_cmpint (ls_dict_set (vm, d, ls_int (i * 7), ls_int (i)), ==, 0);
  for (int i = 0; i < 1000; i += 2)
    g_assert_cmpint (ls_dict_del (vm, d, ls_int (i * 7)), ==, 1);
  g_assert_cmpint (ls_dict_del (vm, d, ls_int (0)), ==, 0);
  g_assert_cmpuint (d->len, ==, 500);
  while (ls_dict_next (d, &pos, &k, &v))
    {
      g_assert_cmpint (LS_AS_INT (v), ==, 2 * n + 1);
      n++;
    }
  g_assert_cmpint (n, ==, 500);
  /* 1 == 1.0 == True as keys */
  ls_dict_set (vm, d, ls_float (7.0), str ("seven"));
  g_assert_cmpint (ls_dict_lookup (vm, d, ls_int (7), &v), ==, 1);
  assert_repr (v, "'seven'");
  g_assert_cmpuint (d->len, ==, 500);
}

static void
test_dict_changed_during_iteration (void)
{
  LsDict *d = ls_dict_new (vm);
  LsValue it, v;

  ls_dict_set (vm, d, str ("a"), ls_int (1));
  it = ls_get_iter (vm, ls_obj (d));
  g_assert_cmpint (ls_iter_next (vm, it, &v), ==, 1);
  ls_dict_set (vm, d, str ("b"), ls_int (2));
  g_assert_cmpint (ls_iter_next (vm, it, &v), ==, -1);
  g_assert_true (ls_exc_pending_is (vm, LS_EXC_RUNTIME_ERROR));
  ls_exc_clear (vm);
}

static void
test_recursive_repr (void)
{
  LsList *l = ls_list_new (vm, 0);
  LsDict *d = ls_dict_new (vm);

  ls_list_append (vm, l, ls_int (1));
  ls_list_append (vm, l, ls_obj (l));
  assert_repr (ls_obj (l), "[1, [...]]");
  ls_dict_set (vm, d, str ("me"), ls_obj (d));
  assert_repr (ls_obj (d), "{'me': {...}}");
}

static void
test_list_slice_assignment (void)
{
  LsList *l = ls_list_new (vm, 0);
  LsValue all = ls_slice_new (vm, LS_NONE, LS_NONE, LS_NONE);

  for (int i = 0; i < 10; i++)
    ls_list_append (vm, l, ls_int (i));
  g_assert_cmpint (ls_setitem (vm, ls_obj (l), ls_slice_new (vm, ls_int (2), ls_int (5), LS_NONE),
                               str ("ab")), ==, 0);
  assert_repr (ls_obj (l), "[0, 1, 'a', 'b', 5, 6, 7, 8, 9]");
  g_assert_cmpint (ls_delitem (vm, ls_obj (l), ls_slice_new (vm, LS_NONE, LS_NONE, ls_int (2))), ==, 0);
  assert_repr (ls_obj (l), "[1, 'b', 6, 8]");
  g_assert_cmpint (ls_setitem (vm, ls_obj (l), ls_slice_new (vm, LS_NONE, LS_NONE, ls_int (-1)),
                               ls_obj (l)), ==, 0);
  assert_repr (ls_obj (l), "[8, 6, 'b', 1]");
  g_assert_cmpint (ls_setitem (vm, ls_obj (l), ls_slice_new (vm, LS_NONE, LS_NONE, ls_int (2)),
                               str ("xyz")), ==, -1);
  g_assert_true (ls_exc_pending_is (vm, LS_EXC_VALUE_ERROR));
  ls_exc_clear (vm);
  g_assert_cmpint (ls_setitem (vm, ls_obj (l), all, ls_int (3)), ==, -1);
  g_assert_true (ls_exc_pending_is (vm, LS_EXC_TYPE_ERROR));
  ls_exc_clear (vm);
  g_assert_cmpint (ls_setitem (vm, ls_obj (l), all, ls_obj (ls_list_new (vm, 0))), ==, 0);
  assert_repr (ls_obj (l), "[]");
}

static void
test_list_sort_stable_with_key (void)
{
  LsList *l = ls_list_new (vm, 0);
  LsValue key = ls_type_lookup (vm->types[LS_T_STR], ls_str_intern (vm, "lower", -1));
  const char *words[] = { "b", "A", "a", "B", "c", "C", "a" };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    ls_list_append (vm, l, str (words[i]));
  g_assert_true (ls_list_sort (vm, l, key, FALSE));
  assert_repr (ls_obj (l), "['A', 'a', 'a', 'b', 'B', 'c', 'C']");
  g_assert_true (ls_list_sort (vm, l, key, TRUE));
  assert_repr (ls_obj (l), "['c', 'C', 'b', 'B', 'A', 'a', 'a']");
}

static void
test_set_literal_order (void)
{
  /* {5, 3, 1, 100, 33}: added one by one */
  LsSet *s = ls_set_new (vm, NULL);
  const int items[] = { 5, 3, 1, 100, 33 };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    ls_set_add (vm, s, ls_int (items[i]));
  assert_repr (ls_obj (s), "{1, 33, 3, 100, 5}");
  g_assert_cmpint (ls_set_discard (vm, s, ls_int (33)), ==, 1);
  ls_set_add (vm, s, ls_int (9));
  assert_repr (ls_obj (s), "{1, 3, 100, 5, 9}");
  /* a dummy slot is reused: {1, 2, 3} - {1} + {9} */
  s = ls_set_new (vm, NULL);
  for (int i = 1; i <= 3; i++)
    ls_set_add (vm, s, ls_int (i));
  ls_set_discard (vm, s, ls_int (1));
  ls_set_add (vm, s, ls_int (9));
  assert_repr (ls_obj (s), "{9, 2, 3}");
}

static void
test_int_overflow (void)
{
  LsValue r = ls_binary_op (vm, ls_int (G_MAXINT64), ls_int (1), LS_BINOP_ADD);

  g_assert_true (LS_IS_ERR (r));
  g_assert_true (ls_exc_pending_is (vm, LS_EXC_OVERFLOW_ERROR));
  ls_exc_clear (vm);
  r = ls_binary_op (vm, ls_int (3), ls_int (4), LS_BINOP_MUL);
  g_assert_cmpint (LS_AS_INT (r), ==, 12);
}

static void
test_str_indexing_unicode (void)
{
  LsValue s = str ("h\xc3\xa9llo w\xc3\xb6rld");

  assert_repr (ls_getitem (vm, s, ls_int (1)), "'\xc3\xa9'");
  assert_repr (ls_getitem (vm, s, ls_int (-4)), "'\xc3\xb6'");
  assert_repr (ls_getitem (vm, s, ls_slice_new (vm, ls_int (1), ls_int (8), ls_int (2))), "'\xc3\xa9l \xc3\xb6'");
  g_assert_cmpuint (((LsStr *) LS_AS_OBJ (s))->nchars, ==, 11);
}

int
main (int   argc,
      char *argv[])
{
  static const char *const kinds[] = {
    "repr", "ascii", "format", "binop", "inplace", "hash", "method", "popn", "mutate", "ctor", "round",
    "getitem", "setitem", "len", "iter", "contains", "unary",
  };
  int ret;

  g_test_init (&argc, &argv, NULL);
  vm = ls_vm_new ();
  load_cases ();

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *path = g_strdup_printf ("/lang/types/cpython/%s", kinds[i]);
      g_test_add_data_func (path, kinds[i], test_cases);
    }
  g_test_add_func ("/lang/types/float-repr-cstr", test_float_repr_cstr);
  g_test_add_func ("/lang/types/str/interning", test_interning);
  g_test_add_func ("/lang/types/str/unicode-indexing", test_str_indexing_unicode);
  g_test_add_func ("/lang/types/dict/order-and-delete", test_dict_order_and_delete);
  g_test_add_func ("/lang/types/dict/changed-during-iteration", test_dict_changed_during_iteration);
  g_test_add_func ("/lang/types/repr/recursive", test_recursive_repr);
  g_test_add_func ("/lang/types/list/slice-assignment", test_list_slice_assignment);
  g_test_add_func ("/lang/types/list/sort-stable-key", test_list_sort_stable_with_key);
  g_test_add_func ("/lang/types/set/literal-order", test_set_literal_order);
  g_test_add_func ("/lang/types/int/overflow", test_int_overflow);

  ret = g_test_run ();
  g_ptr_array_unref (all_lines);
  ls_vm_free (vm);
  return ret;
}
