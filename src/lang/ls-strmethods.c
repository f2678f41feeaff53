/* ls-strmethods.c: the Python-visible methods of str.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE   /* memmem, memrchr */
#endif
#include <string.h>

#include "ls-lang.h"
#include "ls-types-private.h"

#define SELF (LS_STR (self))
#define IS_ASCII(s) (((s)->hdr.flags & LS_STR_ASCII) != 0)

/* ---------------------------------------------------------------- helpers */

static LsValue
new_str (LsVM       *vm,
         const char *p,
         gsize       len)
{
  return ls_obj (ls_str_new (vm, p, len));
}

/* Resolves optional start/end code point arguments like a slice. */
static gboolean
get_range (LsVM          *vm,
           LsStr         *s,
           const LsValue *args,
           int            nargs,
           int            first,
           gint64        *start,
           gint64        *end)
{
  gint64 n = s->nchars;

  *start = 0;
  *end = n;
  for (int k = 0; k < 2; k++)
    {
      gint64 *out = k == 0 ? start : end;
      LsValue v;
      if (first + k >= nargs)
        break;
      v = args[first + k];
      if (LS_IS_NONE (v))
        continue;
      if (!LS_IS_INTLIKE (v) && (LS_IS_FLOAT (v) || LS_IS_STR (v) || !ls_index_value (vm, v, out)))
        {
          ls_exc_clear (vm);
          ls_raise (vm, LS_EXC_TYPE_ERROR,
                    "slice indices must be integers or None or have an __index__ method");
          return FALSE;
        }
      if (LS_IS_INTLIKE (v))
        *out = LS_AS_INT (v);
      if (*out < 0)
        *out = MAX (*out + n, 0);
      else if (*out > n)
        *out = n;
    }
  return TRUE;
}

static LsStr *
str_arg (LsVM       *vm,
         LsValue     v,
         const char *what)
{
  if (LS_IS_STR (v))
    return LS_STR (v);
  if (what != NULL)
    ls_raise (vm, LS_EXC_TYPE_ERROR, "%s", what);
  else
    ls_raise (vm, LS_EXC_TYPE_ERROR, "must be str, not %s", ls_type_name (vm, v));
  return NULL;
}

/* byte search helpers over [from, to) of the haystack */
static const char *
find_bytes (const char *hay,
            gsize       from,
            gsize       to,
            const char *needle,
            gsize       nlen)
{
  if (to < from || to - from < nlen)
    return NULL;
  if (nlen == 0)
    return hay + from;
  return memmem (hay + from, to - from, needle, nlen);
}

static const char *
rfind_bytes (const char *hay,
             gsize       from,
             gsize       to,
             const char *needle,
             gsize       nlen)
{
  const char *p;

  if (to < from || to - from < nlen)
    return NULL;
  if (nlen == 0)
    return hay + to;
  for (p = hay + to - nlen; p >= hay + from; p--)
    if (*p == *needle && memcmp (p, needle, nlen) == 0)
      return p;
  return NULL;
}

/* ------------------------------------------------------------ find & co */

static gint64
find_impl (LsVM          *vm,
           LsValue        self,
           const LsValue *args,
           int            nargs,
           LsTuple       *kwnames,
           const char    *name,
           gboolean       reverse,
           gboolean      *error)
{
  LsStr *s = SELF, *sub;
  gint64 start, end;
  gsize a, b;
  const char *hit;

  *error = TRUE;
  if (!_ls_check_args (vm, name, nargs, kwnames, 1, 3))
    return -1;
  if ((sub = str_arg (vm, args[0], NULL)) == NULL)
    return -1;
  if (!get_range (vm, s, args, nargs, 1, &start, &end))
    return -1;
  *error = FALSE;
  if (start > end)
    return -1;
  a = _ls_str_offset (s, start);
  b = _ls_str_offset (s, end);
  hit = reverse ? rfind_bytes (s->data, a, b, sub->data, sub->len)
                : find_bytes (s->data, a, b, sub->data, sub->len);
  if (hit == NULL)
    return -1;
  return _ls_str_index_of_offset (s, hit - s->data);
}

static LsValue
str_find (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  gboolean err;
  gint64 r = find_impl (vm, self, args, nargs, kwnames, "find()", FALSE, &err);

  return err ? LS_ERR : ls_int (r);
}

static LsValue
str_rfind (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  gboolean err;
  gint64 r = find_impl (vm, self, args, nargs, kwnames, "rfind()", TRUE, &err);

  return err ? LS_ERR : ls_int (r);
}

static LsValue
str_index (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  gboolean err;
  gint64 r = find_impl (vm, self, args, nargs, kwnames, "index()", FALSE, &err);

  if (err)
    return LS_ERR;
  if (r < 0)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "substring not found");
  return ls_int (r);
}

static LsValue
str_rindex (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  gboolean err;
  gint64 r = find_impl (vm, self, args, nargs, kwnames, "rindex()", TRUE, &err);

  if (err)
    return LS_ERR;
  if (r < 0)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "substring not found");
  return ls_int (r);
}

static LsValue
str_count (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsStr *s = SELF, *sub;
  gint64 start, end, n = 0;
  gsize a, b;
  const char *p;

  if (!_ls_check_args (vm, "count()", nargs, kwnames, 1, 3))
    return LS_ERR;
  if ((sub = str_arg (vm, args[0], NULL)) == NULL)
    return LS_ERR;
  if (!get_range (vm, s, args, nargs, 1, &start, &end))
    return LS_ERR;
  if (start > end)
    return ls_int (0);
  if (sub->len == 0)
    return ls_int (end - start + 1);
  a = _ls_str_offset (s, start);
  b = _ls_str_offset (s, end);
  while ((p = find_bytes (s->data, a, b, sub->data, sub->len)) != NULL)
    {
      n++;
      a = (p - s->data) + sub->len;
    }
  return ls_int (n);
}

static LsValue
affix_check (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames,
             gboolean       suffix)
{
  const char *name = suffix ? "endswith" : "startswith";
  LsStr *s = SELF;
  gint64 start, end;
  gsize a, b;
  const LsValue *cands = args;
  gsize ncand = 1, i;

  if (!_ls_check_args (vm, suffix ? "endswith()" : "startswith()", nargs, kwnames, 1, 3))
    return LS_ERR;
  if (LS_IS_TUPLE (args[0]))
    {
      cands = LS_TUPLE (args[0])->items;
      ncand = LS_TUPLE (args[0])->len;
    }
  else if (!LS_IS_STR (args[0]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s first arg must be str or a tuple of str, not %s",
                     name, ls_type_name (vm, args[0]));
  if (!get_range (vm, s, args, nargs, 1, &start, &end))
    return LS_ERR;
  a = _ls_str_offset (s, start);
  b = _ls_str_offset (s, end);
  for (i = 0; i < ncand; i++)
    {
      LsStr *c;
      if (!LS_IS_STR (cands[i]))
        return ls_raise (vm, LS_EXC_TYPE_ERROR, "tuple for %s must only contain str, not %s", name,
                         ls_type_name (vm, cands[i]));
      c = LS_STR (cands[i]);
      if (start > end || b - a < c->len)
        continue;
      if (memcmp (suffix ? s->data + b - c->len : s->data + a, c->data, c->len) == 0)
        return LS_TRUE;
    }
  return LS_FALSE;
}

static LsValue
str_startswith (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return affix_check (vm, self, args, nargs, kwnames, FALSE);
}

static LsValue
str_endswith (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return affix_check (vm, self, args, nargs, kwnames, TRUE);
}

/* ---------------------------------------------------------------- case */

typedef enum { CASE_UPPER, CASE_LOWER, CASE_TITLE, CASE_SWAP, CASE_FOLD } CaseOp;

static gboolean
unichar_cased (gunichar c)
{
  return g_unichar_isupper (c) || g_unichar_islower (c) || g_unichar_istitle (c);
}

/* Full (possibly multi-character) mapping of one code point. */
static void
append_mapped (GString    *out,
               const char *p,
               gsize       len,
               CaseOp      op)
{
  gunichar c = g_utf8_get_char (p);
  char *m = NULL;
  char buf[8];

  switch (op)
    {
    case CASE_UPPER: m = g_utf8_strup (p, len); break;
    case CASE_LOWER: m = g_utf8_strdown (p, len); break;
    case CASE_FOLD: m = g_utf8_casefold (p, len); break;
    case CASE_SWAP:
      if (g_unichar_isupper (c))
        m = g_utf8_strdown (p, len);
      else if (g_unichar_islower (c))
        m = g_utf8_strup (p, len);
      break;
    case CASE_TITLE:
      if (g_unichar_istitle (c) || g_unichar_isupper (c) || g_unichar_islower (c))
        {
          gunichar t = g_unichar_totitle (c);
          if (t == c && g_unichar_islower (c))
            {
              /* no single title-case letter (ß, ﬁ): upper-case the first
               * letter of the full upper mapping, lower-case the rest */
              char *up = g_utf8_strup (p, len);
              const char *second = g_utf8_next_char (up);
              char *rest = g_utf8_strdown (second, -1);
              g_string_append_len (out, up, second - up);
              g_string_append (out, rest);
              g_free (rest);
              g_free (up);
            }
          else
            g_string_append_len (out, buf, g_unichar_to_utf8 (t, buf));
          return;
        }
      break;
    }
  if (m != NULL)
    {
      g_string_append (out, m);
      g_free (m);
    }
  else
    g_string_append_len (out, p, len);
}

static char
ascii_map (char c,
           CaseOp op)
{
  switch (op)
    {
    case CASE_UPPER: case CASE_TITLE:
      return g_ascii_toupper (c);
    case CASE_LOWER: case CASE_FOLD:
      return g_ascii_tolower (c);
    case CASE_SWAP:
      return g_ascii_isupper (c) ? g_ascii_tolower (c) : g_ascii_toupper (c);
    }
  return c;
}

/* Unicode's Case_Ignorable, approximately: marks, format characters,
 * modifiers and the apostrophe-like punctuation. */
static gboolean
case_ignorable (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_NON_SPACING_MARK: case G_UNICODE_ENCLOSING_MARK: case G_UNICODE_FORMAT:
    case G_UNICODE_MODIFIER_LETTER: case G_UNICODE_MODIFIER_SYMBOL:
      return TRUE;
    default:
      return c == '\'' || c == '.' || c == ':' || c == '^' || c == '`' || c == 0xb7 || c == 0x2019;
    }
}

/* Is the capital sigma at p word-final (lower-cased to ς)? As CPython:
 * preceded by a cased letter and not followed by one, skipping
 * case-ignorable characters on both sides. */
static gboolean
final_sigma (const char *start,
             const char *end,
             const char *p)
{
  const char *q = p;
  gboolean before = FALSE;

  while ((q = g_utf8_find_prev_char (start, q)) != NULL)
    {
      gunichar c = g_utf8_get_char (q);
      if (!case_ignorable (c))
        {
          before = unichar_cased (c);
          break;
        }
    }
  if (!before)
    return FALSE;
  for (q = g_utf8_next_char (p); q < end; q = g_utf8_next_char (q))
    {
      gunichar c = g_utf8_get_char (q);
      if (!case_ignorable (c))
        return !unichar_cased (c);
    }
  return TRUE;
}

/* Maps code points [p, end) with op; start/stop bound the whole string,
 * which decides the form of a lower-cased sigma. */
static void
map_range_in (GString    *out,
              const char *start,
              const char *stop,
              const char *p,
              const char *end,
              CaseOp      op)
{
  while (p < end)
    {
      const char *next;
      if ((guchar) *p < 0x80)
        {
          g_string_append_c (out, ascii_map (*p, op));
          p++;
          continue;
        }
      next = g_utf8_next_char (p);
      if ((op == CASE_LOWER || op == CASE_SWAP) && g_utf8_get_char (p) == 0x3a3)
        g_string_append (out, final_sigma (start, stop, p) ? "\xcf\x82" : "\xcf\x83");
      else
        append_mapped (out, p, next - p, op);
      p = next;
    }
}

static void
map_range (GString    *out,
           const char *p,
           const char *end,
           CaseOp      op)
{
  map_range_in (out, p, end, p, end, op);
}

static LsValue
case_method (LsVM          *vm,
             LsValue        self,
             int            nargs,
             LsTuple       *kwnames,
             const char    *name,
             CaseOp         op)
{
  LsStr *s = SELF;
  GString *out;

  if (!_ls_check_args (vm, name, nargs, kwnames, 0, 0))
    return LS_ERR;
  out = g_string_sized_new (s->len);
  map_range (out, s->data, s->data + s->len, op);
  return _ls_str_from_gstring (vm, out);
}

static LsValue
str_upper (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return case_method (vm, self, nargs, kwnames, "str.upper", CASE_UPPER);
}

static LsValue
str_lower (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return case_method (vm, self, nargs, kwnames, "str.lower", CASE_LOWER);
}

static LsValue
str_swapcase (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return case_method (vm, self, nargs, kwnames, "str.swapcase", CASE_SWAP);
}

static LsValue
str_casefold (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return case_method (vm, self, nargs, kwnames, "str.casefold", CASE_FOLD);
}

static LsValue
str_capitalize (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsStr *s = SELF;
  GString *out;
  const char *second;

  if (!_ls_check_args (vm, "str.capitalize", nargs, kwnames, 0, 0))
    return LS_ERR;
  if (s->len == 0)
    return self;
  out = g_string_sized_new (s->len);
  second = g_utf8_next_char (s->data);
  map_range (out, s->data, second, CASE_TITLE);
  map_range_in (out, s->data, s->data + s->len, second, s->data + s->len, CASE_LOWER);
  return _ls_str_from_gstring (vm, out);
}

static LsValue
str_title (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsStr *s = SELF;
  GString *out;
  const char *p = s->data, *end = p + s->len;
  gboolean prev_cased = FALSE;

  if (!_ls_check_args (vm, "str.title", nargs, kwnames, 0, 0))
    return LS_ERR;
  out = g_string_sized_new (s->len);
  while (p < end)
    {
      const char *next = g_utf8_next_char (p);
      gunichar c = g_utf8_get_char (p);
      map_range_in (out, s->data, end, p, next, prev_cased ? CASE_LOWER : CASE_TITLE);
      prev_cased = unichar_cased (c);
      p = next;
    }
  return _ls_str_from_gstring (vm, out);
}

/* --------------------------------------------------------- predicates */

typedef gboolean (*CharPred) (gunichar c);

static gboolean pred_digit (gunichar c)
{
  GUnicodeType t = g_unichar_type (c);
  return t == G_UNICODE_DECIMAL_NUMBER
         || (t == G_UNICODE_OTHER_NUMBER && g_unichar_digit_value (c) >= 0)
         || (c >= 0xb2 && c <= 0xb3) || c == 0xb9 || (c >= 0x2070 && c <= 0x2079 && c != 0x2071
                                                        && c != 0x2072 && c != 0x2073)
         || (c >= 0x2080 && c <= 0x2089) || (c >= 0x2460 && c <= 0x2468);
}
static gboolean pred_decimal (gunichar c) { return g_unichar_type (c) == G_UNICODE_DECIMAL_NUMBER; }
static gboolean pred_numeric (gunichar c)
{
  GUnicodeType t = g_unichar_type (c);
  return t == G_UNICODE_DECIMAL_NUMBER || t == G_UNICODE_LETTER_NUMBER || t == G_UNICODE_OTHER_NUMBER
         || pred_digit (c) || c == 0x3007 || c == 0x4e00 || c == 0x4e8c || c == 0x4e09
         || c == 0x56db || c == 0x4e94 || c == 0x516d || c == 0x4e03 || c == 0x516b || c == 0x4e5d
         || c == 0x5341 || c == 0x767e || c == 0x5343 || c == 0x4e07;
}
static gboolean pred_alpha (gunichar c) { return g_unichar_isalpha (c); }
static gboolean pred_alnum (gunichar c) { return g_unichar_isalpha (c) || pred_numeric (c); }
static gboolean pred_space (gunichar c) { return _ls_unichar_isspace (c); }
static gboolean pred_ascii (gunichar c) { return c < 0x80; }
static gboolean pred_printable (gunichar c)
{
  if (c == ' ')
    return TRUE;
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL: case G_UNICODE_FORMAT: case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE: case G_UNICODE_SURROGATE: case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR: case G_UNICODE_SPACE_SEPARATOR:
      return FALSE;
    default:
      return TRUE;
    }
}

static LsValue
all_chars (LsVM       *vm,
           LsValue     self,
           int         nargs,
           LsTuple    *kwnames,
           const char *name,
           CharPred    pred,
           gboolean    empty_result)
{
  LsStr *s = SELF;
  const char *p = s->data, *end = p + s->len;

  if (!_ls_check_args (vm, name, nargs, kwnames, 0, 0))
    return LS_ERR;
  if (s->len == 0)
    return ls_bool (empty_result);
  for (; p < end; p = g_utf8_next_char (p))
    if (!pred (g_utf8_get_char (p)))
      return LS_FALSE;
  return LS_TRUE;
}

#define PREDICATE(fn, pyname, pred, empty)                                               \
  static LsValue fn (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw) \
  {                                                                                      \
    return all_chars (vm, self, nargs, kw, pyname, pred, empty);                          \
  }

PREDICATE (str_isdigit, "str.isdigit", pred_digit, FALSE)
PREDICATE (str_isdecimal, "str.isdecimal", pred_decimal, FALSE)
PREDICATE (str_isnumeric, "str.isnumeric", pred_numeric, FALSE)
PREDICATE (str_isalpha, "str.isalpha", pred_alpha, FALSE)
PREDICATE (str_isalnum, "str.isalnum", pred_alnum, FALSE)
PREDICATE (str_isspace, "str.isspace", pred_space, FALSE)
PREDICATE (str_isascii, "str.isascii", pred_ascii, TRUE)
PREDICATE (str_isprintable, "str.isprintable", pred_printable, TRUE)

static LsValue
case_predicate (LsVM       *vm,
                LsValue     self,
                int         nargs,
                LsTuple    *kwnames,
                const char *name,
                gboolean    upper)
{
  LsStr *s = SELF;
  const char *p = s->data, *end = p + s->len;
  gboolean cased = FALSE;

  if (!_ls_check_args (vm, name, nargs, kwnames, 0, 0))
    return LS_ERR;
  for (; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_istitle (c) || (upper ? g_unichar_islower (c) : g_unichar_isupper (c)))
        return LS_FALSE;
      if (upper ? g_unichar_isupper (c) : g_unichar_islower (c))
        cased = TRUE;
    }
  return ls_bool (cased);
}

static LsValue
str_isupper (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return case_predicate (vm, self, nargs, kwnames, "str.isupper", TRUE);
}

static LsValue
str_islower (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return case_predicate (vm, self, nargs, kwnames, "str.islower", FALSE);
}

static LsValue
str_istitle (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsStr *s = SELF;
  const char *p = s->data, *end = p + s->len;
  gboolean cased = FALSE, prev_cased = FALSE;

  if (!_ls_check_args (vm, "str.istitle", nargs, kwnames, 0, 0))
    return LS_ERR;
  for (; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isupper (c) || g_unichar_istitle (c))
        {
          if (prev_cased)
            return LS_FALSE;
          prev_cased = cased = TRUE;
        }
      else if (g_unichar_islower (c))
        {
          if (!prev_cased)
            return LS_FALSE;
          prev_cased = cased = TRUE;
        }
      else
        prev_cased = FALSE;
    }
  return ls_bool (cased);
}

static gboolean
id_start (gunichar c)
{
  GUnicodeType t;

  if (c < 0x80)
    return g_ascii_isalpha (c) || c == '_';
  t = g_unichar_type (c);
  return g_unichar_isalpha (c) || t == G_UNICODE_LETTER_NUMBER;
}

static gboolean
id_continue (gunichar c)
{
  GUnicodeType t;

  if (c < 0x80)
    return g_ascii_isalnum (c) || c == '_';
  t = g_unichar_type (c);
  return id_start (c) || t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_SPACING_MARK
         || t == G_UNICODE_DECIMAL_NUMBER || t == G_UNICODE_CONNECT_PUNCTUATION;
}

static LsValue
str_isidentifier (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsStr *s = SELF;
  const char *p = s->data, *end = p + s->len;

  if (!_ls_check_args (vm, "str.isidentifier", nargs, kwnames, 0, 0))
    return LS_ERR;
  if (s->len == 0 || !id_start (g_utf8_get_char (p)))
    return LS_FALSE;
  for (p = g_utf8_next_char (p); p < end; p = g_utf8_next_char (p))
    if (!id_continue (g_utf8_get_char (p)))
      return LS_FALSE;
  return LS_TRUE;
}

/* ------------------------------------------------------------ stripping */

static gboolean
in_chars (gunichar c,
          LsStr   *chars)
{
  const char *p, *end;

  if (chars == NULL)
    return _ls_unichar_isspace (c);
  if (c < 0x80 && IS_ASCII (chars))
    return memchr (chars->data, (int) c, chars->len) != NULL;
  for (p = chars->data, end = p + chars->len; p < end; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) == c)
      return TRUE;
  return FALSE;
}

static LsValue
strip_impl (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames,
            const char    *name,
            gboolean       left,
            gboolean       right)
{
  LsStr *s = SELF, *chars = NULL;
  const char *a = s->data, *b = s->data + s->len;

  if (!_ls_check_args (vm, name, nargs, kwnames, 0, 1))
    return LS_ERR;
  if (nargs == 1 && !LS_IS_NONE (args[0]))
    {
      if (!LS_IS_STR (args[0]))
        return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s arg must be None or str", name);
      chars = LS_STR (args[0]);
    }
  if (left)
    while (a < b && in_chars (g_utf8_get_char (a), chars))
      a = g_utf8_next_char (a);
  if (right)
    while (b > a)
      {
        const char *prev = g_utf8_find_prev_char (a, b);
        if (prev == NULL)
          prev = a;
        if (!in_chars (g_utf8_get_char (prev), chars))
          break;
        b = prev;
      }
  if (a == s->data && b == s->data + s->len && s->hdr.type == vm->types[LS_T_STR])
    return self;
  return new_str (vm, a, b - a);
}

static LsValue
str_strip (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return strip_impl (vm, self, args, nargs, kwnames, "strip", TRUE, TRUE);
}

static LsValue
str_lstrip (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return strip_impl (vm, self, args, nargs, kwnames, "lstrip", TRUE, FALSE);
}

static LsValue
str_rstrip (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return strip_impl (vm, self, args, nargs, kwnames, "rstrip", FALSE, TRUE);
}

static LsValue
affix_remove (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames,
              gboolean       suffix)
{
  LsStr *s = SELF, *a;

  if (!_ls_check_args (vm, suffix ? "str.removesuffix" : "str.removeprefix", nargs, kwnames, 1, 1))
    return LS_ERR;
  if (!LS_IS_STR (args[0]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() argument must be str, not %s",
                     suffix ? "removesuffix" : "removeprefix", ls_type_name (vm, args[0]));
  a = LS_STR (args[0]);
  if (a->len == 0 || a->len > s->len)
    return new_str (vm, s->data, s->len);
  if (suffix && memcmp (s->data + s->len - a->len, a->data, a->len) == 0)
    return new_str (vm, s->data, s->len - a->len);
  if (!suffix && memcmp (s->data, a->data, a->len) == 0)
    return new_str (vm, s->data + a->len, s->len - a->len);
  return new_str (vm, s->data, s->len);
}

static LsValue
str_removeprefix (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return affix_remove (vm, self, args, nargs, kwnames, FALSE);
}

static LsValue
str_removesuffix (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return affix_remove (vm, self, args, nargs, kwnames, TRUE);
}

/* -------------------------------------------------------------- padding */

static gboolean
fill_arg (LsVM          *vm,
          const LsValue *args,
          int            nargs,
          int            i,
          const char   **fill,
          gsize         *fill_len)
{
  LsStr *f;

  *fill = " ";
  *fill_len = 1;
  if (nargs <= i)
    return TRUE;
  if (!LS_IS_STR (args[i]))
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "The fill character must be a unicode character, not %s",
                ls_type_name (vm, args[i]));
      return FALSE;
    }
  f = LS_STR (args[i]);
  if (f->nchars != 1)
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "The fill character must be exactly one character long");
      return FALSE;
    }
  *fill = f->data;
  *fill_len = f->len;
  return TRUE;
}

static void
repeat_fill (GString    *out,
             const char *fill,
             gsize       len,
             gint64      n)
{
  for (; n > 0; n--)
    g_string_append_len (out, fill, len);
}

static LsValue
pad_impl (LsVM          *vm,
          LsValue        self,
          const LsValue *args,
          int            nargs,
          LsTuple       *kwnames,
          const char    *name,
          char           how)
{
  LsStr *s = SELF;
  gint64 width, marg, left;
  const char *fill;
  gsize fill_len;
  GString *out;

  if (!_ls_check_args (vm, name, nargs, kwnames, 1, 2))
    return LS_ERR;
  if (!ls_index_value (vm, args[0], &width) || !fill_arg (vm, args, nargs, 1, &fill, &fill_len))
    return LS_ERR;
  if (width <= (gint64) s->nchars)
    return new_str (vm, s->data, s->len);
  marg = width - s->nchars;
  if (!_ls_check_alloc (vm, s->len + (guint64) marg * fill_len))
    return LS_ERR;
  left = how == '<' ? 0 : how == '>' ? marg : marg / 2 + (marg & width & 1);
  out = g_string_sized_new (s->len + marg * fill_len);
  repeat_fill (out, fill, fill_len, left);
  g_string_append_len (out, s->data, s->len);
  repeat_fill (out, fill, fill_len, marg - left);
  return _ls_str_from_gstring (vm, out);
}

static LsValue
str_ljust (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return pad_impl (vm, self, args, nargs, kwnames, "ljust", '<');
}

static LsValue
str_rjust (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return pad_impl (vm, self, args, nargs, kwnames, "rjust", '>');
}

static LsValue
str_center (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return pad_impl (vm, self, args, nargs, kwnames, "center", '^');
}

static LsValue
str_zfill (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsStr *s = SELF;
  gint64 width, pad;
  GString *out;
  gsize skip = 0;

  if (!_ls_check_args (vm, "str.zfill", nargs, kwnames, 1, 1))
    return LS_ERR;
  if (!ls_index_value (vm, args[0], &width))
    return LS_ERR;
  if (width <= (gint64) s->nchars)
    return new_str (vm, s->data, s->len);
  pad = width - s->nchars;
  if (!_ls_check_alloc (vm, s->len + (guint64) pad))
    return LS_ERR;
  out = g_string_sized_new (s->len + pad);
  if (s->len > 0 && (s->data[0] == '+' || s->data[0] == '-'))
    {
      g_string_append_c (out, s->data[0]);
      skip = 1;
    }
  repeat_fill (out, "0", 1, pad);
  g_string_append_len (out, s->data + skip, s->len - skip);
  return _ls_str_from_gstring (vm, out);
}

static LsValue
str_expandtabs (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  static const char *const names[] = { "tabsize", NULL };
  LsStr *s = SELF;
  LsValue opt[1] = { LS_UNDEF };
  gint64 tabsize = 8, col = 0;
  const char *p, *end = s->data + s->len;
  GString *out;

  if (!_ls_method_args (vm, "expandtabs", names, 1, 0, args, nargs, kwnames, opt))
    return LS_ERR;
  if (!LS_IS_UNDEF (opt[0]) && !ls_index_value (vm, opt[0], &tabsize))
    return LS_ERR;
  out = g_string_sized_new (s->len);
  for (p = s->data; p < end; p = g_utf8_next_char (p))
    {
      if (*p == '\t')
        {
          if (tabsize > 0)
            {
              gint64 n = tabsize - col % tabsize;
              if (!_ls_check_alloc (vm, out->len + (guint64) n))
                {
                  g_string_free (out, TRUE);
                  return LS_ERR;
                }
              repeat_fill (out, " ", 1, n);
              col += n;
            }
        }
      else
        {
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
          col = (*p == '\n' || *p == '\r') ? 0 : col + 1;
        }
    }
  return _ls_str_from_gstring (vm, out);
}

/* ------------------------------------------------------------ splitting */

static gboolean
split_args (LsVM          *vm,
            const char    *name,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames,
            LsStr        **sep,
            gint64        *maxsplit)
{
  static const char *const names[] = { "sep", "maxsplit", NULL };
  LsValue opt[2] = { LS_UNDEF, LS_UNDEF };

  *sep = NULL;
  *maxsplit = -1;
  if (!_ls_method_args (vm, name, names, 2, 0, args, nargs, kwnames, opt))
    return FALSE;
  if (!LS_IS_UNDEF (opt[0]) && !LS_IS_NONE (opt[0]))
    {
      if (!LS_IS_STR (opt[0]))
        {
          ls_raise (vm, LS_EXC_TYPE_ERROR, "must be str or None, not %s", ls_type_name (vm, opt[0]));
          return FALSE;
        }
      *sep = LS_STR (opt[0]);
      if ((*sep)->len == 0)
        {
          ls_raise (vm, LS_EXC_VALUE_ERROR, "empty separator");
          return FALSE;
        }
    }
  if (!LS_IS_UNDEF (opt[1]) && !ls_index_value (vm, opt[1], maxsplit))
    return FALSE;
  if (*maxsplit < 0)
    *maxsplit = G_MAXINT64;
  return TRUE;
}

static gboolean
is_space_at (const char *p,
             const char *end,
             const char **next)
{
  gunichar c;

  if ((guchar) *p < 0x80)
    {
      *next = p + 1;
      return _ls_unichar_isspace ((guchar) *p);
    }
  c = g_utf8_get_char (p);
  *next = g_utf8_next_char (p);
  (void) end;
  return _ls_unichar_isspace (c);
}

static LsValue
split_whitespace (LsVM  *vm,
                  LsStr *s,
                  gint64 maxsplit)
{
  LsList *list = ls_list_new (vm, 0);
  const char *p = s->data, *end = p + s->len, *next, *word;

  while (p < end)
    {
      while (p < end && is_space_at (p, end, &next))
        p = next;
      if (p >= end)
        break;
      if (maxsplit-- <= 0)
        {
          /* the remainder keeps its trailing whitespace */
          ls_list_append (vm, list, new_str (vm, p, end - p));
          break;
        }
      word = p;
      while (p < end && !is_space_at (p, end, &next))
        p = next;
      ls_list_append (vm, list, new_str (vm, word, p - word));
    }
  return ls_obj (list);
}

static LsValue
rsplit_whitespace (LsVM  *vm,
                   LsStr *s,
                   gint64 maxsplit)
{
  LsList *list = ls_list_new (vm, 0);
  const char *start = s->data, *b = start + s->len, *prev, *word_end;
  gsize i, n;

  while (b > start)
    {
      while (b > start && (prev = g_utf8_find_prev_char (start, b)) != NULL
             && _ls_unichar_isspace (g_utf8_get_char (prev)))
        b = prev;
      if (b <= start)
        break;
      if (maxsplit-- <= 0)
        {
          ls_list_append (vm, list, new_str (vm, start, b - start));
          break;
        }
      word_end = b;
      while (b > start && (prev = g_utf8_find_prev_char (start, b)) != NULL
             && !_ls_unichar_isspace (g_utf8_get_char (prev)))
        b = prev;
      ls_list_append (vm, list, new_str (vm, b, word_end - b));
    }
  n = list->len;
  for (i = 0; i < n / 2; i++)
    {
      LsValue t = list->items[i];
      list->items[i] = list->items[n - 1 - i];
      list->items[n - 1 - i] = t;
    }
  return ls_obj (list);
}

static LsValue
str_split (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsStr *s = SELF, *sep;
  gint64 maxsplit;
  LsList *list;
  const char *p, *end, *hit;

  if (!split_args (vm, "split", args, nargs, kwnames, &sep, &maxsplit))
    return LS_ERR;
  if (sep == NULL)
    return split_whitespace (vm, s, maxsplit);
  list = ls_list_new (vm, 0);
  p = s->data;
  end = p + s->len;
  while (maxsplit-- > 0 && (hit = find_bytes (p, 0, end - p, sep->data, sep->len)) != NULL)
    {
      ls_list_append (vm, list, new_str (vm, p, hit - p));
      p = hit + sep->len;
    }
  ls_list_append (vm, list, new_str (vm, p, end - p));
  return ls_obj (list);
}

static LsValue
str_rsplit (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsStr *s = SELF, *sep;
  gint64 maxsplit;
  LsList *list;
  const char *start, *end, *hit;
  gsize i, n;

  if (!split_args (vm, "rsplit", args, nargs, kwnames, &sep, &maxsplit))
    return LS_ERR;
  if (sep == NULL)
    return rsplit_whitespace (vm, s, maxsplit);
  list = ls_list_new (vm, 0);
  start = s->data;
  end = start + s->len;
  while (maxsplit-- > 0 && (hit = rfind_bytes (start, 0, end - start, sep->data, sep->len)) != NULL)
    {
      ls_list_append (vm, list, new_str (vm, hit + sep->len, end - hit - sep->len));
      end = hit;
    }
  ls_list_append (vm, list, new_str (vm, start, end - start));
  n = list->len;
  for (i = 0; i < n / 2; i++)
    {
      LsValue t = list->items[i];
      list->items[i] = list->items[n - 1 - i];
      list->items[n - 1 - i] = t;
    }
  return ls_obj (list);
}

/* Length of the line break at p (0 if none): \n \r \r\n \v \f \x1c-\x1e
 * \x85 \u2028 \u2029. */
static gsize
line_break_len (const char *p,
                const char *end)
{
  guchar c = (guchar) *p;
  gunichar u;

  if (c == '\r')
    return (p + 1 < end && p[1] == '\n') ? 2 : 1;
  if (c == '\n' || c == '\v' || c == '\f' || (c >= 0x1c && c <= 0x1e))
    return 1;
  if (c < 0x80)
    return 0;
  u = g_utf8_get_char (p);
  if (u == 0x85 || u == 0x2028 || u == 0x2029)
    return g_utf8_next_char (p) - p;
  return 0;
}

static LsValue
str_splitlines (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  static const char *const names[] = { "keepends", NULL };
  LsStr *s = SELF;
  LsValue opt[1] = { LS_UNDEF };
  gboolean keep = FALSE;
  LsList *list;
  const char *p, *end, *line;

  if (!_ls_method_args (vm, "splitlines", names, 1, 0, args, nargs, kwnames, opt))
    return LS_ERR;
  if (!LS_IS_UNDEF (opt[0]))
    {
      int t = ls_truthy (vm, opt[0]);
      if (t < 0)
        return LS_ERR;
      keep = t;
    }
  list = ls_list_new (vm, 0);
  p = line = s->data;
  end = p + s->len;
  while (p < end)
    {
      gsize br = line_break_len (p, end);
      if (br == 0)
        {
          p = g_utf8_next_char (p);
          continue;
        }
      ls_list_append (vm, list, new_str (vm, line, (p - line) + (keep ? br : 0)));
      p += br;
      line = p;
    }
  if (line < end)
    ls_list_append (vm, list, new_str (vm, line, end - line));
  return ls_obj (list);
}

static LsValue
partition_impl (LsVM          *vm,
                LsValue        self,
                const LsValue *args,
                int            nargs,
                LsTuple       *kwnames,
                gboolean       reverse)
{
  LsStr *s = SELF, *sep;
  const char *hit;
  LsValue items[3];

  if (!_ls_check_args (vm, reverse ? "str.rpartition" : "str.partition", nargs, kwnames, 1, 1))
    return LS_ERR;
  if ((sep = str_arg (vm, args[0], NULL)) == NULL)
    return LS_ERR;
  if (sep->len == 0)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "empty separator");
  hit = reverse ? rfind_bytes (s->data, 0, s->len, sep->data, sep->len)
                : find_bytes (s->data, 0, s->len, sep->data, sep->len);
  if (hit == NULL)
    {
      items[0] = reverse ? vm->empty_str : new_str (vm, s->data, s->len);
      items[1] = vm->empty_str;
      items[2] = reverse ? new_str (vm, s->data, s->len) : vm->empty_str;
    }
  else
    {
      items[0] = new_str (vm, s->data, hit - s->data);
      items[1] = ls_obj (sep);
      items[2] = new_str (vm, hit + sep->len, s->data + s->len - hit - sep->len);
    }
  return ls_obj (ls_tuple_from (vm, items, 3));
}

static LsValue
str_partition (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return partition_impl (vm, self, args, nargs, kwnames, FALSE);
}

static LsValue
str_rpartition (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return partition_impl (vm, self, args, nargs, kwnames, TRUE);
}

/* ------------------------------------------------------- join, replace */

static LsValue
join_items (LsVM          *vm,
            LsStr         *sep,
            const LsValue *items,
            gsize          n)
{
  gsize i, total = 0;
  LsStr *r;
  char *dst;
  gboolean ascii = (sep->hdr.flags & LS_STR_ASCII) != 0;
  gsize nchars = 0;

  for (i = 0; i < n; i++)
    {
      if (!LS_IS_STR (items[i]))
        return ls_raise (vm, LS_EXC_TYPE_ERROR, "sequence item %" G_GSIZE_FORMAT ": expected str instance, %s found",
                         i, ls_type_name (vm, items[i]));
      total += LS_STR (items[i])->len;
      nchars += LS_STR (items[i])->nchars;
      ascii = ascii && (LS_STR (items[i])->hdr.flags & LS_STR_ASCII);
    }
  if (n == 1 && LS_STR (items[0])->hdr.type == vm->types[LS_T_STR])
    return items[0];
  if (n > 0)
    {
      total += sep->len * (n - 1);
      nchars += sep->nchars * (n - 1);
    }
  if (!_ls_check_alloc (vm, total))
    return LS_ERR;
  if (total == 0)
    return vm->empty_str;
  r = _ls_str_alloc (vm, vm->types[LS_T_STR], total);
  dst = r->data;
  for (i = 0; i < n; i++)
    {
      LsStr *it = LS_STR (items[i]);
      if (i > 0 && sep->len > 0)
        {
          memcpy (dst, sep->data, sep->len);
          dst += sep->len;
        }
      memcpy (dst, it->data, it->len);
      dst += it->len;
    }
  r->nchars = nchars;
  if (ascii)
    r->hdr.flags |= LS_STR_ASCII;
  return ls_obj (r);
}

static LsValue
str_join (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsList *list;
  LsValue v = args[0];

  if (!_ls_check_args (vm, "str.join", nargs, kwnames, 1, 1))
    return LS_ERR;
  if (LS_IS_LIST (v))
    return join_items (vm, SELF, LS_LIST (v)->items, LS_LIST (v)->len);
  if (LS_IS_TUPLE (v))
    return join_items (vm, SELF, LS_TUPLE (v)->items, LS_TUPLE (v)->len);
  list = ls_list_from_iterable (vm, v);
  if (list == NULL)
    {
      if (ls_exc_pending_is (vm, LS_EXC_TYPE_ERROR))
        {
          LsValue it;
          ls_exc_clear (vm);
          it = ls_get_iter (vm, v);
          if (LS_IS_ERR (it))
            {
              ls_exc_clear (vm);
              return ls_raise (vm, LS_EXC_TYPE_ERROR, "can only join an iterable");
            }
          list = ls_list_from_iterable (vm, it);
          if (list == NULL)
            return LS_ERR;
        }
      else
        return LS_ERR;
    }
  return join_items (vm, SELF, list->items, list->len);
}

static LsValue
str_replace (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsStr *s = SELF, *old, *new;
  gint64 count = -1;
  GString *out;
  const char *p, *end, *hit;

  if (!_ls_check_args (vm, "replace", nargs, kwnames, 2, 3))
    return LS_ERR;
  if ((old = str_arg (vm, args[0], NULL)) == NULL || (new = str_arg (vm, args[1], NULL)) == NULL)
    return LS_ERR;
  if (nargs == 3 && !ls_index_value (vm, args[2], &count))
    return LS_ERR;
  if (count < 0)
    count = G_MAXINT64;
  if (new->len > old->len)
    {
      /* the most the result can grow: every possible match replaced */
      guint64 matches = old->len == 0 ? s->nchars + 1 : s->len / old->len;
      if (!_ls_check_alloc (vm, s->len + MIN ((guint64) count, matches) * (new->len - old->len)))
        return LS_ERR;
    }
  out = g_string_sized_new (s->len);
  p = s->data;
  end = p + s->len;
  if (old->len == 0)
    {
      while (count > 0)
        {
          g_string_append_len (out, new->data, new->len);
          count--;
          if (p >= end)
            break;
          {
            const char *next = g_utf8_next_char (p);
            g_string_append_len (out, p, next - p);
            p = next;
          }
        }
      g_string_append_len (out, p, end - p);
      return _ls_str_from_gstring (vm, out);
    }
  while (count > 0 && (hit = find_bytes (p, 0, end - p, old->data, old->len)) != NULL)
    {
      g_string_append_len (out, p, hit - p);
      g_string_append_len (out, new->data, new->len);
      p = hit + old->len;
      count--;
    }
  g_string_append_len (out, p, end - p);
  return _ls_str_from_gstring (vm, out);
}

/* --------------------------------------------------- maketrans/translate */

static LsValue
str_maketrans (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsDict *d;
  gsize pos = 0;
  LsValue k, v;

  if (!_ls_check_args (vm, "maketrans()", nargs, kwnames, 1, 3))
    return LS_ERR;
  d = ls_dict_new (vm);
  if (nargs == 1)
    {
      if (!LS_IS_DICT (args[0]))
        return ls_raise (vm, LS_EXC_TYPE_ERROR,
                         "if you give only one argument to maketrans it must be a dict");
      while (ls_dict_next (LS_DICT (args[0]), &pos, &k, &v))
        {
          if (LS_IS_STR (k))
            {
              if (LS_STR (k)->nchars != 1)
                return ls_raise (vm, LS_EXC_VALUE_ERROR,
                                 "string keys in translate table must be of length 1");
              k = ls_int (g_utf8_get_char (LS_STR (k)->data));
            }
          else if (!LS_IS_INTLIKE (k))
            return ls_raise (vm, LS_EXC_TYPE_ERROR,
                             "keys in translate table must be strings or integers");
          if (ls_dict_set (vm, d, k, v) < 0)
            return LS_ERR;
        }
      return ls_obj (d);
    }
  {
    LsStr *x = str_arg (vm, args[0], "first maketrans argument must be a string if there is a second argument");
    LsStr *y = x ? str_arg (vm, args[1], "the second maketrans argument must be a string") : NULL;
    const char *p, *q;
    if (y == NULL)
      return LS_ERR;
    if (x->nchars != y->nchars)
      return ls_raise (vm, LS_EXC_VALUE_ERROR, "the first two maketrans arguments must have equal length");
    for (p = x->data, q = y->data; p < x->data + x->len; p = g_utf8_next_char (p), q = g_utf8_next_char (q))
      ls_dict_set (vm, d, ls_int (g_utf8_get_char (p)), ls_int (g_utf8_get_char (q)));
    if (nargs == 3)
      {
        LsStr *z = str_arg (vm, args[2], "the third maketrans argument must be a string");
        if (z == NULL)
          return LS_ERR;
        for (p = z->data; p < z->data + z->len; p = g_utf8_next_char (p))
          ls_dict_set (vm, d, ls_int (g_utf8_get_char (p)), LS_NONE);
      }
  }
  return ls_obj (d);
}

static LsValue
str_translate (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  LsStr *s = SELF;
  GString *out;
  const char *p, *end;

  if (!_ls_check_args (vm, "str.translate", nargs, kwnames, 1, 1))
    return LS_ERR;
  out = g_string_sized_new (s->len);
  for (p = s->data, end = p + s->len; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      LsValue r = ls_getitem (vm, args[0], ls_int (c));
      char buf[8];
      if (LS_IS_ERR (r))
        {
          if (!ls_exc_pending_is (vm, LS_EXC_LOOKUP_ERROR))
            {
              g_string_free (out, TRUE);
              return LS_ERR;
            }
          ls_exc_clear (vm);
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
        }
      else if (LS_IS_NONE (r))
        continue;
      else if (LS_IS_INTLIKE (r))
        {
          if (LS_AS_INT (r) < 0 || LS_AS_INT (r) > 0x10ffff)
            {
              g_string_free (out, TRUE);
              return ls_raise (vm, LS_EXC_VALUE_ERROR, "character mapping must be in range(0x110000)");
            }
          g_string_append_len (out, buf, g_unichar_to_utf8 ((gunichar) LS_AS_INT (r), buf));
        }
      else if (LS_IS_STR (r))
        g_string_append_len (out, LS_STR (r)->data, LS_STR (r)->len);
      else
        {
          g_string_free (out, TRUE);
          return ls_raise (vm, LS_EXC_TYPE_ERROR, "character mapping must return integer, None or str");
        }
    }
  return _ls_str_from_gstring (vm, out);
}

/* ------------------------------------------------------------ dunders */

static LsValue
str_dunder_format (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "str.__format__", nargs, kwnames, 1, 1))
    return LS_ERR;
  if (!LS_IS_STR (args[0]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "__format__() argument must be str, not %s",
                     ls_type_name (vm, args[0]));
  return ls_format (vm, ls_obj (_ls_str_new_typed (vm, vm->types[LS_T_STR], SELF->data, SELF->len)),
                    LS_STR (args[0]));
}

static LsValue
str_dunder_len (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "str.__len__", nargs, kwnames, 0, 0))
    return LS_ERR;
  return ls_int (SELF->nchars);
}

static LsValue
str_dunder_getitem (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "str.__getitem__", nargs, kwnames, 1, 1))
    return LS_ERR;
  return _ls_str_getitem (vm, SELF, args[0]);
}

static LsValue
str_dunder_contains (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "str.__contains__", nargs, kwnames, 1, 1))
    return LS_ERR;
  if (!LS_IS_STR (args[0]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "'in <string>' requires string as left operand, not %s",
                     ls_type_name (vm, args[0]));
  return ls_bool (_ls_str_contains (SELF, LS_STR (args[0])));
}

static LsValue
str_encode (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return ls_raise (vm, LS_EXC_NOT_IMPLEMENTED_ERROR, "bytes are not supported (str.encode)");
}

void
_ls_strmethods_register (LsVM   *vm,
                         LsType *type)
{
  static const struct { const char *name; LsNativeFn fn; } methods[] = {
    { "find", str_find }, { "rfind", str_rfind }, { "index", str_index }, { "rindex", str_rindex },
    { "count", str_count }, { "startswith", str_startswith }, { "endswith", str_endswith },
    { "upper", str_upper }, { "lower", str_lower }, { "swapcase", str_swapcase },
    { "casefold", str_casefold }, { "capitalize", str_capitalize }, { "title", str_title },
    { "isdigit", str_isdigit }, { "isdecimal", str_isdecimal }, { "isnumeric", str_isnumeric },
    { "isalpha", str_isalpha }, { "isalnum", str_isalnum }, { "isspace", str_isspace },
    { "isascii", str_isascii }, { "isprintable", str_isprintable }, { "isupper", str_isupper },
    { "islower", str_islower }, { "istitle", str_istitle }, { "isidentifier", str_isidentifier },
    { "strip", str_strip }, { "lstrip", str_lstrip }, { "rstrip", str_rstrip },
    { "removeprefix", str_removeprefix }, { "removesuffix", str_removesuffix },
    { "ljust", str_ljust }, { "rjust", str_rjust }, { "center", str_center }, { "zfill", str_zfill },
    { "expandtabs", str_expandtabs }, { "split", str_split }, { "rsplit", str_rsplit },
    { "splitlines", str_splitlines }, { "partition", str_partition }, { "rpartition", str_rpartition },
    { "join", str_join }, { "replace", str_replace }, { "translate", str_translate },
    { "format", _ls_str_format_method }, { "format_map", _ls_str_format_map },
    { "encode", str_encode }, { "__format__", str_dunder_format }, { "__len__", str_dunder_len },
    { "__getitem__", str_dunder_getitem }, { "__contains__", str_dunder_contains },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (methods); i++)
    ls_type_add_method (vm, type, methods[i].name, methods[i].fn);
  ls_type_add_static (vm, type, "maketrans", str_maketrans);
}
