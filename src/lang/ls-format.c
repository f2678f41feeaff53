/* ls-format.c: the format-spec mini-language (format(), f-strings),
 * str.format() and printf-style `str % args`, as CPython renders them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ls-lang.h"
#include "ls-types-private.h"

typedef struct
{
  gunichar fill;
  char     align;       /* 0, '<', '>', '^', '=' */
  char     sign;        /* 0, '+', '-', ' ' */
  gboolean no_neg_zero; /* 'z' */
  gboolean alt;         /* '#' */
  gint64   width;       /* -1: none */
  char     grouping;    /* 0, ',', '_' */
  int      group_size;  /* 3, or 4 for '_' with b/o/x/X */
  gint64   precision;   /* -1: none */
  char     type;        /* 0: none */
} Spec;

static gboolean
is_align (gunichar c)
{
  return c == '<' || c == '>' || c == '^' || c == '=';
}

/* Reads a decimal number; -1 on overflow. */
static gint64
read_number (const char **pp,
             const char  *end,
             gboolean    *any)
{
  const char *p = *pp;
  gint64 n = 0;

  *any = FALSE;
  while (p < end && g_ascii_isdigit (*p))
    {
      if (n > (G_MAXINT64 - 9) / 10)
        n = -2;
      else if (n >= 0)
        n = n * 10 + (*p - '0');
      *any = TRUE;
      p++;
    }
  *pp = p;
  return n == -2 ? -1 : n;
}

static gboolean
parse_spec (LsVM       *vm,
            LsStr      *specstr,
            const char *type_name,
            char        default_type,
            char        default_align,
            Spec       *spec)
{
  const char *p = specstr->data, *end = p + specstr->len;
  gboolean fill_given = FALSE, align_given = FALSE, any;
  gunichar c0;

  memset (spec, 0, sizeof *spec);
  spec->fill = ' ';
  spec->align = default_align;
  spec->width = -1;
  spec->precision = -1;
  spec->group_size = 3;

  if (p < end)
    {
      const char *second = g_utf8_next_char (p);
      c0 = g_utf8_get_char (p);
      if (second < end && is_align ((guchar) *second))
        {
          spec->fill = c0;
          spec->align = *second;
          fill_given = align_given = TRUE;
          p = second + 1;
        }
      else if (is_align (c0))
        {
          spec->align = *p++;
          align_given = TRUE;
        }
    }
  if (p < end && (*p == '+' || *p == '-' || *p == ' '))
    spec->sign = *p++;
  if (p < end && *p == 'z')
    {
      spec->no_neg_zero = TRUE;
      p++;
    }
  if (p < end && *p == '#')
    {
      spec->alt = TRUE;
      p++;
    }
  if (!fill_given && p < end && *p == '0')
    {
      spec->fill = '0';
      if (!align_given && default_align == '>')
        spec->align = '=';
      p++;
    }
  spec->width = read_number (&p, end, &any);
  if (spec->width < 0)
    goto too_many_digits;
  if (!any)
    spec->width = -1;
  if (p < end && (*p == ',' || *p == '_'))
    {
      spec->grouping = *p++;
      if (p < end && (*p == ',' || *p == '_'))
        {
          if (*p == spec->grouping)
            ls_raise (vm, LS_EXC_VALUE_ERROR, "Cannot specify '%c' with '%c'.", *p, *p);
          else
            ls_raise (vm, LS_EXC_VALUE_ERROR, "Cannot specify both ',' and '_'.");
          return FALSE;
        }
    }
  if (p < end && *p == '.')
    {
      p++;
      spec->precision = read_number (&p, end, &any);
      if (spec->precision < 0)
        goto too_many_digits;
      if (!any)
        {
          ls_raise (vm, LS_EXC_VALUE_ERROR, "Format specifier missing precision");
          return FALSE;
        }
    }
  if (end - p > 1)
    {
      ls_raise (vm, LS_EXC_VALUE_ERROR, "Invalid format specifier '%s' for object of type '%s'",
                specstr->data, type_name);
      return FALSE;
    }
  spec->type = p < end ? *p : default_type;
  if (spec->width > 0 && !_ls_check_alloc (vm, (guint64) spec->width * 4))
    return FALSE;

  if (spec->grouping)
    {
      switch (spec->type)
        {
        case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
          break;
        case 'b': case 'o': case 'x': case 'X':
          if (spec->grouping == '_')
            {
              spec->group_size = 4;
              break;
            }
          G_GNUC_FALLTHROUGH;
        default:
          if (spec->type > 32 && (guchar) spec->type < 128)
            ls_raise (vm, LS_EXC_VALUE_ERROR, "Cannot specify '%c' with '%c'.", spec->grouping, spec->type);
          else
            ls_raise (vm, LS_EXC_VALUE_ERROR, "Cannot specify '%c' with '\\x%x'.", spec->grouping,
                      (guchar) spec->type);
          return FALSE;
        }
    }
  return TRUE;

too_many_digits:
  ls_raise (vm, LS_EXC_VALUE_ERROR, "Too many decimal digits in format string");
  return FALSE;
}

static void
append_fill (GString *out,
             gunichar fill,
             gint64   n)
{
  char buf[8];
  int len;

  if (n <= 0)
    return;
  if (fill < 0x80)
    {
      for (; n > 0; n--)
        g_string_append_c (out, (char) fill);
      return;
    }
  len = g_unichar_to_utf8 (fill, buf);
  for (; n > 0; n--)
    g_string_append_len (out, buf, len);
}

/* Pads text (of nchars code points) to the spec's width. */
static void
append_aligned (GString    *out,
                const Spec *spec,
                const char *text,
                gsize       len,
                gint64      nchars)
{
  gint64 pad = spec->width > nchars ? spec->width - nchars : 0;
  gint64 left = 0;

  switch (spec->align)
    {
    case '>': left = pad; break;
    case '^': left = pad / 2; break;
    default: left = 0; break;
    }
  append_fill (out, spec->fill, left);
  g_string_append_len (out, text, len);
  append_fill (out, spec->fill, pad - left);
}

/* Groups a run of ASCII digits right to left; with min_width, pads with
 * zeros (grouped as well) until the result is at least that wide, never
 * starting with a separator. */
static void
append_grouped (GString    *out,
                const char *digits,
                gsize       n,
                char        sep,
                int         group,
                gint64      min_width)
{
  GString *rev = g_string_sized_new (n + n / 3 + 8);
  gsize i = 0;
  int in_group = 0;

  while (i < n || (gint64) rev->len < min_width)
    {
      if (sep && in_group == group)
        {
          g_string_append_c (rev, sep);
          in_group = 0;
        }
      g_string_append_c (rev, i < n ? digits[n - 1 - i] : '0');
      i++;
      in_group++;
    }
  g_strreverse (rev->str);
  g_string_append_len (out, rev->str, rev->len);
  g_string_free (rev, TRUE);
}

/* The common tail of int and float formatting: sign, prefix ("0x"), the
 * integer digits (grouped), and the rest (".5e+10", "%"). */
static void
render_number (GString    *out,
               const Spec *spec,
               gboolean    negative,
               const char *prefix,
               const char *intdigits,
               gsize       nint,
               const char *rest)
{
  const char *sign = negative ? "-" : spec->sign == '+' ? "+" : spec->sign == ' ' ? " " : "";
  gsize nrest = strlen (rest), nfixed = strlen (sign) + strlen (prefix) + nrest;
  GString *num = g_string_new (NULL);
  gint64 min_width = 0;

  if (spec->align == '=' && spec->fill == '0' && spec->width > 0)
    min_width = spec->width - (gint64) nfixed;
  append_grouped (num, intdigits, nint, spec->grouping, spec->group_size, min_width);

  if (spec->align == '=')
    {
      gint64 total = nfixed + num->len;
      g_string_append (out, sign);
      g_string_append (out, prefix);
      append_fill (out, spec->fill, spec->width - total);
      g_string_append_len (out, num->str, num->len);
      g_string_append (out, rest);
    }
  else
    {
      GString *all = g_string_new (sign);
      g_string_append (all, prefix);
      g_string_append_len (all, num->str, num->len);
      g_string_append (all, rest);
      append_aligned (out, spec, all->str, all->len, all->len);
      g_string_free (all, TRUE);
    }
  g_string_free (num, TRUE);
}

/* ------------------------------------------------------------------- ints */

static void
int_digits (GString *out,
            guint64  u,
            int      base,
            gboolean upper)
{
  const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  char buf[72];
  int i = sizeof buf;

  do
    {
      buf[--i] = set[u % base];
      u /= base;
    }
  while (u != 0);
  g_string_append_len (out, buf + i, sizeof buf - i);
}

static LsValue format_float_spec (LsVM *vm, double f, Spec *spec, const char *type_name);

static LsValue
format_int_spec (LsVM       *vm,
                 gint64      v,
                 Spec       *spec,
                 const char *type_name)
{
  GString *out, *digits;
  guint64 u = v < 0 ? -(guint64) v : (guint64) v;
  const char *prefix = "";
  int base = 10;

  switch (spec->type)
    {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%':
      return format_float_spec (vm, (double) v, spec, type_name);
    case 'b': base = 2; prefix = "0b"; break;
    case 'o': base = 8; prefix = "0o"; break;
    case 'x': base = 16; prefix = "0x"; break;
    case 'X': base = 16; prefix = "0X"; break;
    case 'd': case 'n': case 0: case 'c':
      break;
    default:
      goto unknown;
    }
  if (spec->precision >= 0)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "Precision not allowed in integer format specifier");
  if (spec->no_neg_zero)
    return ls_raise (vm, LS_EXC_VALUE_ERROR,
                     "Negative zero coercion (z) not allowed in integer format specifier");
  out = g_string_new (NULL);
  if (spec->type == 'c')
    {
      char buf[8];
      int n;
      Spec s2 = *spec;
      if (spec->sign)
        {
          g_string_free (out, TRUE);
          return ls_raise (vm, LS_EXC_VALUE_ERROR, "Sign not allowed with integer format specifier 'c'");
        }
      if (spec->alt)
        {
          g_string_free (out, TRUE);
          return ls_raise (vm, LS_EXC_VALUE_ERROR,
                           "Alternate form (#) not allowed with integer format specifier 'c'");
        }
      if (v < 0 || v > 0x10ffff)
        {
          g_string_free (out, TRUE);
          return ls_raise (vm, LS_EXC_OVERFLOW_ERROR, "%%c arg not in range(0x110000)");
        }
      n = g_unichar_to_utf8 ((gunichar) v, buf);
      if (s2.align == '=')
        s2.align = '>';
      append_aligned (out, &s2, buf, n, 1);
      return _ls_str_from_gstring (vm, out);
    }
  digits = g_string_new (NULL);
  int_digits (digits, u, base, spec->type == 'X');
  render_number (out, spec, v < 0, spec->alt ? prefix : "", digits->str, digits->len, "");
  g_string_free (digits, TRUE);
  return _ls_str_from_gstring (vm, out);

unknown:
  return ls_raise (vm, LS_EXC_VALUE_ERROR, "Unknown format code '%c' for object of type '%s'",
                   spec->type, type_name);
}

/* ----------------------------------------------------------------- floats */

/* Lays out digits/decpt like CPython's format_float_short. */
static void
layout_digits (GString    *out,
               const char *digits,
               int         decpt,
               gboolean    use_exp,
               gboolean    alt,
               gboolean    add_dot_0,
               gboolean    upper)
{
  gsize nd = strlen (digits);
  int i;

  if (use_exp)
    {
      g_string_append_c (out, digits[0]);
      if (nd > 1 || alt)
        g_string_append_c (out, '.');
      g_string_append (out, digits + 1);
      g_string_append_printf (out, "%c%c%02d", upper ? 'E' : 'e', decpt - 1 < 0 ? '-' : '+',
                              ABS (decpt - 1));
      return;
    }
  if (decpt <= 0)
    {
      g_string_append (out, "0.");
      for (i = decpt; i < 0; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else if ((gsize) decpt >= nd)
    {
      g_string_append (out, digits);
      for (i = nd; i < decpt; i++)
        g_string_append_c (out, '0');
      if (add_dot_0)
        g_string_append (out, ".0");
      else if (alt)
        g_string_append_c (out, '.');
    }
  else
    {
      g_string_append_len (out, digits, decpt);
      g_string_append_c (out, '.');
      g_string_append (out, digits + decpt);
    }
}

/* Formats |f| (finite) without sign for the types r (repr), g/G, e/E, f/F. */
static void
format_abs_float (GString *out,
                  double   f,
                  char     type,
                  gint64   precision,
                  gboolean alt,
                  gboolean add_dot_0)
{
  char digits[400];
  char *text;
  int decpt, p;
  gboolean upper = type == 'E' || type == 'G' || type == 'F';

  f = fabs (f);
  switch (type)
    {
    case 'f': case 'F':
      text = _ls_double_printf ('f', (int) precision, alt, f);
      g_string_append (out, text);
      g_free (text);
      return;
    case 'e': case 'E':
      text = _ls_double_printf ('e', (int) precision, alt, f);
      if (upper)
        for (char *q = text; *q; q++)
          *q = g_ascii_toupper (*q);
      g_string_append (out, text);
      g_free (text);
      return;
    case 'r':
      decpt = _ls_float_digits (f, 0, 0, digits, sizeof digits);
      layout_digits (out, digits, decpt, decpt <= -4 || decpt > 16, alt, add_dot_0, FALSE);
      return;
    default:   /* g, G */
      p = precision == 0 ? 1 : (int) MIN (precision, 380);
      decpt = _ls_float_digits (f, 2, p, digits, sizeof digits);
      if (!alt)
        {
          gsize n = strlen (digits);
          while (n > 1 && digits[n - 1] == '0')
            digits[--n] = '\0';
        }
      layout_digits (out, digits, decpt,
                     decpt <= -4 || decpt > (add_dot_0 ? p - 1 : p), alt, add_dot_0, upper);
      return;
    }
}

static gboolean
only_zero_digits (const char *s)
{
  for (; *s && *s != 'e' && *s != 'E'; s++)
    if (*s >= '1' && *s <= '9')
      return FALSE;
  return TRUE;
}

static LsValue
format_float_spec (LsVM       *vm,
                   double      f,
                   Spec       *spec,
                   const char *type_name)
{
  char type = spec->type;
  gint64 precision = spec->precision;
  gboolean add_dot_0 = FALSE, pct = FALSE, negative;
  GString *body, *out;
  gsize nint = 0;

  switch (type)
    {
    case 0:
      add_dot_0 = TRUE;
      type = precision < 0 ? 'r' : 'g';
      break;
    case 'n':
      type = 'g';
      break;
    case '%':
      type = 'f';
      f *= 100;
      pct = TRUE;
      break;
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
      break;
    default:
      return ls_raise (vm, LS_EXC_VALUE_ERROR, "Unknown format code '%c' for object of type '%s'",
                       spec->type, type_name);
    }
  if (precision < 0)
    precision = 6;
  if (precision > G_MAXINT32)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "precision too big");
  if (!_ls_check_alloc (vm, (guint64) precision + 400))
    return LS_ERR;

  negative = signbit (f) && !isnan (f);
  body = g_string_new (NULL);
  if (isinf (f) || isnan (f))
    {
      gboolean upper = type == 'E' || type == 'F' || type == 'G';
      g_string_append (body, isnan (f) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"));
    }
  else
    {
      format_abs_float (body, f, type, precision, spec->alt, add_dot_0);
      if (negative && spec->no_neg_zero && only_zero_digits (body->str))
        negative = FALSE;
      while (nint < body->len && g_ascii_isdigit (body->str[nint]))
        nint++;
    }
  if (pct)
    g_string_append_c (body, '%');

  out = g_string_new (NULL);
  if (isinf (f) || isnan (f))
    spec->grouping = 0;   /* "inf" is padded with zeros but never grouped */
  render_number (out, spec, negative, "", body->str, nint, body->str + nint);
  g_string_free (body, TRUE);
  return _ls_str_from_gstring (vm, out);
}

/* ------------------------------------------------------------------ strings */

static LsValue
format_str_spec (LsVM  *vm,
                 LsStr *s,
                 Spec  *spec)
{
  GString *out;
  gint64 n = s->nchars;
  gsize len = s->len;

  if (spec->type != 's')
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "Unknown format code '%c' for object of type 'str'",
                     spec->type);
  if (spec->sign)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "%s not allowed in string format specifier",
                     spec->sign == ' ' ? "Space" : "Sign");
  if (spec->no_neg_zero)
    return ls_raise (vm, LS_EXC_VALUE_ERROR,
                     "Negative zero coercion (z) not allowed in string format specifier");
  if (spec->alt)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "Alternate form (#) not allowed in string format specifier");
  if (spec->align == '=')
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "'=' alignment not allowed in string format specifier");
  if (spec->precision >= 0 && spec->precision < n)
    {
      n = spec->precision;
      len = _ls_str_offset (s, n);
    }
  out = g_string_sized_new (len + 8);
  append_aligned (out, spec, s->data, len, n);
  return _ls_str_from_gstring (vm, out);
}

/* --------------------------------------------------------------- ls_format */

LsValue
ls_format (LsVM   *vm,
           LsValue v,
           LsStr  *specstr)
{
  Spec spec;
  gboolean empty = specstr == NULL || specstr->len == 0;
  LsValue meth;

  if (LS_IS_OBJ (v))
    {
      meth = _ls_find_override (vm, v, LS_NAME (vm, __format__));
      if (!LS_IS_UNDEF (meth))
        {
          LsValue arg = specstr != NULL ? ls_obj (specstr) : vm->empty_str, r;
          r = _ls_call_override (vm, meth, v, &arg, 1);
          if (!LS_IS_ERR (r) && !LS_IS_STR (r))
            return ls_raise (vm, LS_EXC_TYPE_ERROR, "__format__ must return a str, not %s",
                             ls_type_name (vm, r));
          return r;
        }
    }

  switch (v.tag)
    {
    case LS_V_INT:
      if (empty)
        return ls_obj (ls_int_repr (vm, LS_AS_INT (v)));
      if (!parse_spec (vm, specstr, "int", 'd', '>', &spec))
        return LS_ERR;
      return format_int_spec (vm, LS_AS_INT (v), &spec, "int");
    case LS_V_BOOL:
      if (empty)
        return ls_to_str (vm, v);
      if (!parse_spec (vm, specstr, "bool", 'd', '>', &spec))
        return LS_ERR;
      return format_int_spec (vm, LS_AS_INT (v), &spec, "bool");
    case LS_V_FLOAT:
      if (empty)
        return ls_obj (ls_float_repr (vm, LS_AS_FLOAT (v)));
      if (!parse_spec (vm, specstr, "float", 0, '>', &spec))
        return LS_ERR;
      return format_float_spec (vm, LS_AS_FLOAT (v), &spec, "float");
    default:
      break;
    }
  if (LS_IS_STR (v))
    {
      if (empty)
        return ls_to_str (vm, v);
      if (!parse_spec (vm, specstr, "str", 's', '<', &spec))
        return LS_ERR;
      return format_str_spec (vm, LS_STR (v), &spec);
    }
  if (!empty)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "unsupported format string passed to %s.__format__",
                     ls_type_name (vm, v));
  return ls_to_str (vm, v);
}

/* ------------------------------------------------------------ str.format() */

typedef struct
{
  const LsValue *args;
  int            nargs;
  LsTuple       *kwnames;
  const LsValue *kwvalues;
  LsValue        mapping;    /* format_map: UNDEF otherwise */
  int            auto_index; /* -1 after manual numbering was used */
  gboolean       manual;
} FormatArgs;

static LsValue format_string (LsVM *vm, const char *p, const char *end, FormatArgs *fa, int depth);

static LsValue
lookup_keyword (LsVM       *vm,
                FormatArgs *fa,
                const char *name,
                gsize       len)
{
  LsStr *key;
  int i;

  if (!LS_IS_UNDEF (fa->mapping))
    return ls_getitem (vm, fa->mapping, ls_obj (ls_str_new (vm, name, len)));
  if (fa->kwnames != NULL)
    for (i = 0; i < (int) fa->kwnames->len; i++)
      {
        LsStr *k = LS_STR (fa->kwnames->items[i]);
        if (k->len == len && memcmp (k->data, name, len) == 0)
          return fa->kwvalues[i];
      }
  key = ls_str_new (vm, name, len);
  return ls_raise_key_error (vm, ls_obj (key));
}

static gboolean
all_digits (const char *p,
            gsize       len)
{
  gsize i;

  if (len == 0)
    return FALSE;
  for (i = 0; i < len; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  return TRUE;
}

static LsValue
resolve_field (LsVM       *vm,
               const char *p,
               const char *end,
               FormatArgs *fa)
{
  const char *q = p;
  LsValue v;

  while (q < end && *q != '.' && *q != '[')
    q++;
  if ((q == p || all_digits (p, q - p)) && !LS_IS_UNDEF (fa->mapping))
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "Format string contains positional fields");
  if (q == p || all_digits (p, q - p))
    {
      gint64 index;
      if (q == p)
        {
          if (fa->manual)
            return ls_raise (vm, LS_EXC_VALUE_ERROR,
                             "cannot switch from manual field specification to automatic field numbering");
          index = fa->auto_index++;
        }
      else
        {
          if (fa->auto_index > 0)
            return ls_raise (vm, LS_EXC_VALUE_ERROR,
                             "cannot switch from automatic field numbering to manual field specification");
          fa->manual = TRUE;
          index = g_ascii_strtoll (p, NULL, 10);
        }
      if (index >= fa->nargs)
        return ls_raise (vm, LS_EXC_INDEX_ERROR,
                         "Replacement index %" G_GINT64_FORMAT " out of range for positional args tuple",
                         index);
      v = fa->args[index];
    }
  else
    v = lookup_keyword (vm, fa, p, q - p);
  if (LS_IS_ERR (v))
    return v;

  while (q < end)
    {
      const char *s;
      if (*q == '.')
        {
          s = ++q;
          while (q < end && *q != '.' && *q != '[')
            q++;
          if (q == s)
            return ls_raise (vm, LS_EXC_VALUE_ERROR, "Empty attribute in format string");
          v = ls_getattr (vm, v, ls_str_intern (vm, s, q - s));
        }
      else if (*q == '[')
        {
          LsValue key;
          s = ++q;
          while (q < end && *q != ']')
            q++;
          if (q == end)
            return ls_raise (vm, LS_EXC_VALUE_ERROR, "Missing ']' in format string");
          if (q == s)
            return ls_raise (vm, LS_EXC_VALUE_ERROR, "Empty attribute in format string");
          key = all_digits (s, q - s) ? ls_int (g_ascii_strtoll (s, NULL, 10))
                                      : ls_obj (ls_str_new (vm, s, q - s));
          v = ls_getitem (vm, v, key);
          q++;
          if (q < end && *q != '.' && *q != '[')
            return ls_raise (vm, LS_EXC_VALUE_ERROR,
                             "Only '.' or '[' may follow ']' in format field specifier");
        }
      else
        break;
      if (LS_IS_ERR (v))
        return v;
    }
  return v;
}

/* Formats one replacement field "name!conv:spec" (braces stripped). */
static LsValue
format_field (LsVM       *vm,
              const char *p,
              const char *end,
              FormatArgs *fa,
              int         depth)
{
  const char *name_end = p, *spec_start = NULL;
  char conv = 0;
  int bracket = 0;
  LsValue v, spec = LS_UNDEF;

  while (name_end < end)
    {
      if (*name_end == '[')
        bracket++;
      else if (*name_end == ']' && bracket > 0)
        bracket--;
      else if (bracket == 0 && (*name_end == '!' || *name_end == ':'))
        break;
      name_end++;
    }
  if (name_end < end && *name_end == '!')
    {
      if (name_end + 1 >= end)
        return ls_raise (vm, LS_EXC_VALUE_ERROR, "unmatched '{' in format spec");
      conv = name_end[1];
      if (name_end + 2 < end && name_end[2] != ':')
        return ls_raise (vm, LS_EXC_VALUE_ERROR, "expected ':' after conversion specifier");
      if (name_end + 2 < end)
        spec_start = name_end + 3;
    }
  else if (name_end < end)
    spec_start = name_end + 1;

  v = resolve_field (vm, p, name_end, fa);
  if (LS_IS_ERR (v))
    return v;
  switch (conv)
    {
    case 0: break;
    case 'r': v = ls_repr (vm, v); break;
    case 's': v = ls_to_str (vm, v); break;
    case 'a': v = ls_ascii (vm, v); break;
    default:
      return ls_raise (vm, LS_EXC_VALUE_ERROR, "Unknown conversion specifier %c", conv);
    }
  if (LS_IS_ERR (v))
    return v;
  if (spec_start != NULL && spec_start < end)
    {
      if (depth >= 2)
        return ls_raise (vm, LS_EXC_VALUE_ERROR, "Max string recursion exceeded");
      spec = format_string (vm, spec_start, end, fa, depth + 1);
      if (LS_IS_ERR (spec))
        return spec;
    }
  return ls_format (vm, v, LS_IS_UNDEF (spec) ? NULL : LS_STR (spec));
}

static LsValue
format_string (LsVM       *vm,
               const char *p,
               const char *end,
               FormatArgs *fa,
               int         depth)
{
  GString *out = g_string_new (NULL);

  while (p < end)
    {
      const char *field;
      int level;
      LsValue v;

      if (*p == '}')
        {
          if (p + 1 < end && p[1] == '}')
            {
              g_string_append_c (out, '}');
              p += 2;
              continue;
            }
          g_string_free (out, TRUE);
          return ls_raise (vm, LS_EXC_VALUE_ERROR, "Single '}' encountered in format string");
        }
      if (*p != '{')
        {
          g_string_append_c (out, *p++);
          continue;
        }
      if (p + 1 < end && p[1] == '{')
        {
          g_string_append_c (out, '{');
          p += 2;
          continue;
        }
      field = ++p;
      level = 1;
      {
        /* in the field name, brackets hide braces: "{0[}]}" indexes with "}" */
        gboolean in_name = TRUE, in_bracket = FALSE;
        while (p < end)
          {
            if (in_name && in_bracket)
              {
                if (*p == ']')
                  in_bracket = FALSE;
              }
            else if (in_name && *p == '[')
              in_bracket = TRUE;
            else if (*p == '{')
              level++;
            else if (*p == '}' && --level == 0)
              break;
            else if (*p == ':' || *p == '!')
              in_name = FALSE;
            p++;
          }
      }
      if (p >= end)
        {
          g_string_free (out, TRUE);
          if (level > 1 || field < end)
            return ls_raise (vm, LS_EXC_VALUE_ERROR, "expected '}' before end of string");
          return ls_raise (vm, LS_EXC_VALUE_ERROR, "Single '{' encountered in format string");
        }
      v = format_field (vm, field, p, fa, depth);
      if (LS_IS_ERR (v))
        {
          g_string_free (out, TRUE);
          return v;
        }
      g_string_append_len (out, LS_STR (v)->data, LS_STR (v)->len);
      p++;
    }
  return _ls_str_from_gstring (vm, out);
}

LsValue
_ls_str_format_method (LsVM          *vm,
                       LsValue        self,
                       const LsValue *args,
                       int            nargs,
                       LsTuple       *kwnames)
{
  LsStr *s = LS_STR (self);
  FormatArgs fa = { args, nargs, kwnames, args + nargs, LS_UNDEF, 0, FALSE };

  return format_string (vm, s->data, s->data + s->len, &fa, 0);
}

LsValue
_ls_str_format_map (LsVM          *vm,
                    LsValue        self,
                    const LsValue *args,
                    int            nargs,
                    LsTuple       *kwnames)
{
  LsStr *s = LS_STR (self);
  FormatArgs fa = { NULL, 0, NULL, NULL, LS_UNDEF, 0, FALSE };

  if (!_ls_check_args (vm, "format_map", nargs, kwnames, 1, 1))
    return LS_ERR;
  fa.mapping = args[0];
  return format_string (vm, s->data, s->data + s->len, &fa, 0);
}

/* -------------------------------------------------------- printf-style % */

typedef struct
{
  gboolean left, plus, space, alt, zero;
  gint64   width, prec;
} PctFlags;

static void
pct_pad (GString        *out,
         const PctFlags *fl,
         const char     *sign,
         const char     *prefix,
         const char     *body,
         gsize           nchars_body)
{
  gint64 len = strlen (sign) + strlen (prefix) + nchars_body;
  gint64 pad = fl->width > len ? fl->width - len : 0;

  if (!fl->left && !fl->zero)
    append_fill (out, ' ', pad);
  g_string_append (out, sign);
  g_string_append (out, prefix);
  if (!fl->left && fl->zero)
    append_fill (out, '0', pad);
  g_string_append (out, body);
  if (fl->left)
    append_fill (out, ' ', pad);
}

static gboolean
pct_int_value (LsVM      *vm,
               LsValue    v,
               char       conv,
               gint64    *out)
{
  if (LS_IS_INTLIKE (v))
    {
      *out = LS_AS_INT (v);
      return TRUE;
    }
  if (LS_IS_FLOAT (v) && (conv == 'd' || conv == 'i' || conv == 'u'))
    {
      LsValue r = ls_call (vm, ls_obj (vm->types[LS_T_INT]), &v, 1, NULL);
      if (LS_IS_ERR (r))
        return FALSE;
      *out = LS_AS_INT (r);
      return TRUE;
    }
  if (LS_IS_OBJ (v) && !LS_IS_STR (v))
    {
      LsValue meth = ls_lookup_special (vm, v, LS_NAME (vm, __index__));
      if (LS_IS_UNDEF (meth) && (conv == 'd' || conv == 'i' || conv == 'u'))
        meth = ls_lookup_special (vm, v, LS_NAME (vm, __int__));
      if (!LS_IS_UNDEF (meth))
        {
          LsValue r = ls_call (vm, meth, NULL, 0, NULL);
          if (LS_IS_ERR (r))
            return FALSE;
          if (LS_IS_INTLIKE (r))
            {
              *out = LS_AS_INT (r);
              return TRUE;
            }
        }
      if (!LS_IS_UNDEF (vm->exc))
        return FALSE;
    }
  if (conv == 'd' || conv == 'i' || conv == 'u')
    ls_raise (vm, LS_EXC_TYPE_ERROR, "%%%c format: a real number is required, not %s", conv,
              ls_type_name (vm, v));
  else
    ls_raise (vm, LS_EXC_TYPE_ERROR, "%%%c format: an integer is required, not %s", conv,
              ls_type_name (vm, v));
  return FALSE;
}

static gboolean
pct_format_int (LsVM           *vm,
                GString        *out,
                const PctFlags *fl,
                char            conv,
                LsValue         v)
{
  gint64 i;
  guint64 u;
  GString *digits;
  const char *prefix = "";
  int base = 10;

  if (!pct_int_value (vm, v, conv, &i))
    return FALSE;
  u = i < 0 ? -(guint64) i : (guint64) i;
  switch (conv)
    {
    case 'x': base = 16; prefix = fl->alt ? "0x" : ""; break;
    case 'X': base = 16; prefix = fl->alt ? "0X" : ""; break;
    case 'o': base = 8; prefix = fl->alt ? "0o" : ""; break;
    default: break;
    }
  digits = g_string_new (NULL);
  int_digits (digits, u, base, conv == 'X');
  while (fl->prec > (gint64) digits->len)
    g_string_prepend_c (digits, '0');
  pct_pad (out, fl, i < 0 ? "-" : fl->plus ? "+" : fl->space ? " " : "", prefix, digits->str,
           digits->len);
  g_string_free (digits, TRUE);
  return TRUE;
}

static gboolean
pct_format_float (LsVM           *vm,
                  GString        *out,
                  const PctFlags *fl,
                  char            conv,
                  LsValue         v)
{
  LsValue fv = v;
  double f;
  GString *body;
  gint64 prec = fl->prec < 0 ? 6 : fl->prec;

  if (!LS_IS_FLOAT (v))
    {
      if (LS_IS_INTLIKE (v))
        fv = ls_float ((double) LS_AS_INT (v));
      else
        {
          LsValue meth = LS_IS_STR (v) ? LS_UNDEF
                                       : ls_lookup_special (vm, v, ls_str_intern (vm, "__float__", -1));
          fv = LS_IS_UNDEF (meth) ? LS_UNDEF : ls_call (vm, meth, NULL, 0, NULL);
          if (!LS_IS_UNDEF (vm->exc))
            return FALSE;
          if (!LS_IS_FLOAT (fv))
            {
              ls_raise (vm, LS_EXC_TYPE_ERROR, "must be real number, not %s", ls_type_name (vm, v));
              return FALSE;
            }
        }
    }
  f = LS_AS_FLOAT (fv);
  body = g_string_new (NULL);
  if (isinf (f) || isnan (f))
    g_string_append (body, isnan (f) ? (g_ascii_isupper (conv) ? "NAN" : "nan")
                                     : (g_ascii_isupper (conv) ? "INF" : "inf"));
  else
    format_abs_float (body, f, conv, prec, fl->alt, FALSE);
  pct_pad (out, fl, signbit (f) && !isnan (f) ? "-" : fl->plus ? "+" : fl->space ? " " : "", "",
           body->str, body->len);
  g_string_free (body, TRUE);
  return TRUE;
}

static gboolean
pct_format_text (LsVM           *vm,
                 GString        *out,
                 const PctFlags *fl,
                 char            conv,
                 LsValue         v)
{
  LsValue s;
  LsStr *str;
  gsize len;
  gint64 n;
  PctFlags f2 = *fl;

  if (conv == 'c')
    {
      char buf[8];
      if (LS_IS_STR (v))
        {
          if (LS_STR (v)->nchars != 1)
            {
              ls_raise (vm, LS_EXC_TYPE_ERROR, "%%c requires int or char");
              return FALSE;
            }
          s = v;
        }
      else if (LS_IS_INTLIKE (v))
        {
          if (LS_AS_INT (v) < 0 || LS_AS_INT (v) > 0x10ffff)
            {
              ls_raise (vm, LS_EXC_OVERFLOW_ERROR, "%%c arg not in range(0x110000)");
              return FALSE;
            }
          s = ls_obj (ls_str_new (vm, buf, g_unichar_to_utf8 ((gunichar) LS_AS_INT (v), buf)));
        }
      else
        {
          ls_raise (vm, LS_EXC_TYPE_ERROR, "%%c requires int or char");
          return FALSE;
        }
      f2.prec = -1;
    }
  else
    s = conv == 's' ? ls_to_str (vm, v) : conv == 'r' ? ls_repr (vm, v) : ls_ascii (vm, v);
  if (LS_IS_ERR (s))
    return FALSE;
  str = LS_STR (s);
  n = str->nchars;
  len = str->len;
  if (f2.prec >= 0 && f2.prec < n)
    {
      n = f2.prec;
      len = _ls_str_offset (str, n);
    }
  f2.zero = FALSE;
  {
    char *body = g_strndup (str->data, len);
    gint64 pad = f2.width > n ? f2.width - n : 0;
    if (!f2.left)
      append_fill (out, ' ', pad);
    g_string_append (out, body);
    if (f2.left)
      append_fill (out, ' ', pad);
    g_free (body);
  }
  return TRUE;
}

static gboolean
pct_star (LsVM          *vm,
          const LsValue *items,
          gsize          nitems,
          gsize         *argi,
          gint64        *out)
{
  if (*argi >= nitems)
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "not enough arguments for format string");
      return FALSE;
    }
  if (!LS_IS_INTLIKE (items[*argi]))
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "* wants int");
      return FALSE;
    }
  *out = LS_AS_INT (items[(*argi)++]);
  return TRUE;
}

LsValue
_ls_str_mod (LsVM   *vm,
             LsStr  *fmt,
             LsValue args)
{
  const char *p = fmt->data, *end = p + fmt->len;
  const LsValue *items = &args;
  gsize nitems = 1, argi = 0;
  LsValue dict = LS_UNDEF;
  GString *out = g_string_sized_new (fmt->len + 16);

  if (LS_IS_TUPLE (args))
    {
      items = LS_TUPLE (args)->items;
      nitems = LS_TUPLE (args)->len;
    }
  else if (LS_IS_OBJ (args) && !LS_IS_STR (args)
           && (LS_IS_DICT (args) || LS_IS_LIST (args)
               || !LS_IS_UNDEF (ls_lookup_special (vm, args, LS_NAME (vm, __getitem__)))))
    dict = args;

  while (p < end)
    {
      PctFlags fl = { FALSE, FALSE, FALSE, FALSE, FALSE, -1, -1 };
      LsValue v;
      char conv;
      gboolean ok;

      if (*p != '%')
        {
          const char *q = memchr (p, '%', end - p);
          if (q == NULL)
            q = end;
          g_string_append_len (out, p, q - p);
          p = q;
          continue;
        }
      p++;
      v = LS_UNDEF;
      if (p < end && *p == '(')
        {
          int level = 1;
          const char *k = ++p;
          if (LS_IS_UNDEF (dict))
            {
              g_string_free (out, TRUE);
              return ls_raise (vm, LS_EXC_TYPE_ERROR, "format requires a mapping");
            }
          while (p < end && level > 0)
            {
              if (*p == '(')
                level++;
              else if (*p == ')')
                level--;
              p++;
            }
          if (level > 0)
            {
              g_string_free (out, TRUE);
              return ls_raise (vm, LS_EXC_VALUE_ERROR, "incomplete format key");
            }
          v = ls_getitem (vm, dict, ls_obj (ls_str_new (vm, k, p - 1 - k)));
          if (LS_IS_ERR (v))
            {
              g_string_free (out, TRUE);
              return v;
            }
        }
      for (; p < end; p++)
        {
          if (*p == '-') fl.left = TRUE;
          else if (*p == '+') fl.plus = TRUE;
          else if (*p == ' ') fl.space = TRUE;
          else if (*p == '#') fl.alt = TRUE;
          else if (*p == '0') fl.zero = TRUE;
          else break;
        }
      if (p < end && *p == '*')
        {
          p++;
          if (!pct_star (vm, items, nitems, &argi, &fl.width))
            goto error;
          if (fl.width < 0)
            {
              fl.left = TRUE;
              fl.width = -fl.width;
            }
        }
      else
        while (p < end && g_ascii_isdigit (*p))
          {
            fl.width = MIN (MAX (fl.width, 0), G_MAXINT64 / 20) * 10 + (*p - '0');
            p++;
          }
      if (p < end && *p == '.')
        {
          p++;
          fl.prec = 0;
          if (p < end && *p == '*')
            {
              p++;
              if (!pct_star (vm, items, nitems, &argi, &fl.prec))
                goto error;
            }
          else
            while (p < end && g_ascii_isdigit (*p))
              {
                fl.prec = MIN (fl.prec, G_MAXINT64 / 20) * 10 + (*p - '0');
                p++;
              }
        }
      while (p < end && (*p == 'h' || *p == 'l' || *p == 'L'))
        p++;
      if (fl.width > G_MAXINT32 || fl.prec > G_MAXINT32)
        {
          g_string_free (out, TRUE);
          return ls_raise (vm, LS_EXC_VALUE_ERROR, fl.width > G_MAXINT32 ? "width too big"
                                                                           : "precision too big");
        }
      if (!_ls_check_alloc (vm, (guint64) MAX (fl.width, 0) + MAX (fl.prec, 0) + 400))
        goto error;
      if (p >= end)
        {
          g_string_free (out, TRUE);
          return ls_raise (vm, LS_EXC_VALUE_ERROR, "incomplete format");
        }
      conv = *p++;
      if (conv == '%')
        {
          g_string_append_c (out, '%');
          continue;
        }
      if (!strchr ("sradiuoxXeEfFgGc", conv))
        {
          gunichar c = g_utf8_get_char (p - 1);
          char cbuf[8] = { 0 };
          g_unichar_to_utf8 (c, cbuf);
          g_string_free (out, TRUE);
          return ls_raise (vm, LS_EXC_VALUE_ERROR,
                           "unsupported format character '%s' (0x%x) at index %" G_GINT64_FORMAT,
                           cbuf, c, _ls_str_index_of_offset (fmt, p - 1 - fmt->data));
        }
      if (LS_IS_UNDEF (v))
        {
          if (argi >= nitems)
            {
              g_string_free (out, TRUE);
              return ls_raise (vm, LS_EXC_TYPE_ERROR, "not enough arguments for format string");
            }
          v = items[argi++];
        }
      switch (conv)
        {
        case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
          ok = pct_format_int (vm, out, &fl, conv, v);
          break;
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
          ok = pct_format_float (vm, out, &fl, conv, v);
          break;
        default:
          ok = pct_format_text (vm, out, &fl, conv, v);
          break;
        }
      if (!ok)
        goto error;
    }
  if (argi < nitems && LS_IS_UNDEF (dict))
    {
      g_string_free (out, TRUE);
      return ls_raise (vm, LS_EXC_TYPE_ERROR, "not all arguments converted during string formatting");
    }
  return _ls_str_from_gstring (vm, out);

error:
  g_string_free (out, TRUE);
  return LS_ERR;
}
