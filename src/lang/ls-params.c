/* ls-params.c: finding and rewriting `# param` literals in a program's text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scan tracks just enough of Python's lexical structure (strings, brackets,
 * comments, backslash continuations) to know which lines start a top-level
 * statement; each such line is then matched against
 * `NAME [: annotation] = literal  # param [MIN..MAX] [label]`.
 */
#include "config.h"

#include "ls-params.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

G_DEFINE_QUARK (ls-params-error-quark, ls_params_error)

void
ls_param_free (LsParam *param)
{
  if (param == NULL)
    return;
  g_free (param->name);
  g_free (param->literal);
  g_free (param->label);
  g_free (param);
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\f';
}

static gboolean
is_ident_start (char c)
{
  return g_ascii_isalpha (c) || c == '_' || (guchar) c >= 0x80;
}

static gboolean
is_ident_char (char c)
{
  return is_ident_start (c) || g_ascii_isdigit (c);
}

static const char *
skip_spaces (const char *p,
             const char *end)
{
  while (p < end && is_space (*p))
    p++;
  return p;
}

/* Scans a Python number starting at p (no sign). Stops before ".." so that a
 * range such as "1..10" reads as two numbers. Returns the end, or p if none;
 * *is_float tells whether it had a fraction or an exponent. */
static const char *
scan_number (const char *p,
             const char *end,
             gboolean   *is_float)
{
  const char *q = p;
  gboolean digits = FALSE;

  *is_float = FALSE;
  if (end - q > 2 && q[0] == '0' && strchr ("xXoObB", q[1]) && g_ascii_isxdigit (q[2]))
    {
      q += 2;
      while (q < end && (g_ascii_isxdigit (*q) || *q == '_'))
        q++;
      return q;
    }
  while (q < end && (g_ascii_isdigit (*q) || (*q == '_' && digits)))
    digits = TRUE, q++;
  if (q < end && *q == '.' && !(q + 1 < end && q[1] == '.'))
    {
      *is_float = TRUE;
      q++;
      while (q < end && (g_ascii_isdigit (*q) || *q == '_'))
        digits = TRUE, q++;
    }
  if (!digits)
    return p;
  if (q < end && (*q == 'e' || *q == 'E'))
    {
      const char *e = q + 1;

      if (e < end && (*e == '+' || *e == '-'))
        e++;
      if (e < end && g_ascii_isdigit (*e))
        {
          while (e < end && (g_ascii_isdigit (*e) || *e == '_'))
            e++;
          *is_float = TRUE;
          q = e;
        }
    }
  return q;
}

/* Scans a one-line quoted string literal starting at the quote. */
static const char *
scan_string (const char *p,
             const char *end)
{
  char quote = *p;
  const char *q = p + 1;

  if (end - p >= 3 && p[1] == quote && p[2] == quote)
    return p;   /* triple-quoted literals are not parameters */
  while (q < end && *q != quote)
    {
      if (*q == '\n')
        return p;
      if (*q == '\\' && q + 1 < end)
        q++;
      q++;
    }
  return q < end ? q + 1 : p;
}

static gboolean
starts_word (const char *p,
             const char *end,
             const char *word)
{
  gsize len = strlen (word);

  return (gsize) (end - p) >= len && memcmp (p, word, len) == 0
         && (p + len == end || !is_ident_char (p[len]));
}

/* Scans a literal: a signed number, a string, True or False. */
static const char *
scan_literal (const char  *p,
              const char  *end,
              LsParamKind *kind)
{
  const char *q = p;
  gboolean is_float;

  if (q < end && (*q == '"' || *q == '\''))
    {
      *kind = LS_PARAM_STR;
      return scan_string (q, end);
    }
  if (starts_word (q, end, "True") || starts_word (q, end, "False"))
    {
      *kind = LS_PARAM_BOOL;
      return q + (*q == 'T' ? 4 : 5);
    }
  if (q < end && (*q == '-' || *q == '+'))
    q = skip_spaces (q + 1, end);
  {
    const char *e = scan_number (q, end, &is_float);

    if (e == q || (e < end && is_ident_char (*e)))
      return p;
    *kind = is_float ? LS_PARAM_FLOAT : LS_PARAM_INT;
    return e;
  }
}

/* Parses a possibly signed number of a range bound. */
static const char *
scan_bound (const char *p,
            const char *end,
            double     *out)
{
  const char *q = p;
  gboolean is_float;
  const char *e;
  g_autofree char *text = NULL;
  g_autofree char *clean = NULL;
  GString *s;

  if (q < end && (*q == '-' || *q == '+'))
    q++;
  e = scan_number (q, end, &is_float);
  if (e == q)
    return p;
  text = g_strndup (p, e - p);
  s = g_string_new (NULL);
  for (const char *c = text; *c; c++)
    if (*c != '_')
      g_string_append_c (s, *c);
  clean = g_string_free (s, FALSE);
  if (g_str_has_prefix (clean + (*clean == '-' || *clean == '+'), "0x")
      || g_str_has_prefix (clean + (*clean == '-' || *clean == '+'), "0X"))
    *out = (double) g_ascii_strtoll (clean, NULL, 16);
  else
    *out = g_ascii_strtod (clean, NULL);
  return e;
}

/* The comment after `param`: an optional MIN..MAX range, then the label. */
static void
parse_comment_tail (LsParam    *param,
                    const char *p,
                    const char *end)
{
  double lo, hi;
  const char *q = scan_bound (p, end, &lo);

  if (q != p && end - q >= 2 && q[0] == '.' && q[1] == '.')
    {
      const char *r = scan_bound (q + 2, end, &hi);

      if (r != q + 2 && (r == end || is_space (*r)))
        {
          param->has_range = TRUE;
          param->min = MIN (lo, hi);
          param->max = MAX (lo, hi);
          p = r;
        }
    }
  param->label = g_strstrip (g_strndup (p, end - p));
}

/* Matches one top-level line [line, end) (end excludes the newline). */
static LsParam *
parse_line (const char *source,
            const char *line,
            const char *end,
            int         lineno)
{
  const char *p = line, *name_end, *lit, *lit_end;
  LsParamKind kind;
  LsParam *param;

  if (p >= end || !is_ident_start (*p))
    return NULL;
  while (p < end && is_ident_char (*p))
    p++;
  name_end = p;
  p = skip_spaces (p, end);
  if (p < end && *p == ':')
    {
      while (p < end && *p != '=' && *p != '#')
        p++;
    }
  if (p >= end || *p != '=' || (p + 1 < end && p[1] == '='))
    return NULL;
  lit = skip_spaces (p + 1, end);
  lit_end = scan_literal (lit, end, &kind);
  if (lit_end == lit)
    return NULL;
  p = skip_spaces (lit_end, end);
  if (p >= end || *p != '#')
    return NULL;
  p = skip_spaces (p + 1, end);
  if (!starts_word (p, end, "param"))
    return NULL;
  p = skip_spaces (p + 5, end);

  param = g_new0 (LsParam, 1);
  param->name = g_strndup (line, name_end - line);
  param->line = lineno;
  param->start = lit - source;
  param->end = lit_end - source;
  param->literal = g_strndup (lit, lit_end - lit);
  param->kind = kind;
  parse_comment_tail (param, p, end);
  return param;
}

typedef struct
{
  int      depth;        /* open brackets */
  char     triple;       /* quote char of an open triple-quoted string, or 0 */
  gboolean continued;    /* the previous line ended with a backslash */
} ScanState;

/* Advances the lexical state over one line [p, end). */
static void
scan_line_state (ScanState  *st,
                 const char *p,
                 const char *end)
{
  st->continued = FALSE;
  while (p < end)
    {
      char c = *p;

      if (st->triple)
        {
          if (c == '\\')
            p++;
          else if (c == st->triple && end - p >= 3 && p[1] == c && p[2] == c)
            {
              st->triple = 0;
              p += 2;
            }
          p++;
          continue;
        }
      if (c == '#')
        return;
      if (c == '"' || c == '\'')
        {
          if (end - p >= 3 && p[1] == c && p[2] == c)
            {
              st->triple = c;
              p += 3;
              continue;
            }
          p++;
          while (p < end && *p != c)
            p += (*p == '\\' && p + 1 < end) ? 2 : 1;
          p++;
          continue;
        }
      if (c == '(' || c == '[' || c == '{')
        st->depth++;
      else if ((c == ')' || c == ']' || c == '}') && st->depth > 0)
        st->depth--;
      else if (c == '\\' && p + 1 == end)
        st->continued = TRUE;
      p++;
    }
}

GPtrArray *
ls_params_scan (const char *source)
{
  GPtrArray *params = g_ptr_array_new_with_free_func ((GDestroyNotify) ls_param_free);
  ScanState st = { 0, 0, FALSE };
  const char *p = source;
  int lineno = 1;

  g_return_val_if_fail (source != NULL, params);

  while (*p)
    {
      const char *nl = strchr (p, '\n');
      const char *end = nl ? nl : p + strlen (p);
      const char *line_end = (end > p && end[-1] == '\r') ? end - 1 : end;

      if (st.depth == 0 && !st.triple && !st.continued)
        {
          LsParam *param = parse_line (source, p, line_end, lineno);

          if (param != NULL)
            g_ptr_array_add (params, param);
        }
      scan_line_state (&st, p, line_end);
      if (!nl)
        break;
      p = nl + 1;
      lineno++;
    }
  return params;
}

/* Python's repr of a str, for string parameters given as plain text. */
static char *
quote_python_str (const char *text)
{
  gboolean has_single = strchr (text, '\'') != NULL;
  gboolean has_double = strchr (text, '"') != NULL;
  char quote = (has_single && !has_double) ? '"' : '\'';
  GString *s = g_string_new (NULL);

  g_string_append_c (s, quote);
  for (const char *c = text; *c; c++)
    {
      guchar u = (guchar) *c;

      if (*c == quote || *c == '\\')
        g_string_append_printf (s, "\\%c", *c);
      else if (*c == '\n')
        g_string_append (s, "\\n");
      else if (*c == '\t')
        g_string_append (s, "\\t");
      else if (*c == '\r')
        g_string_append (s, "\\r");
      else if (u < 0x20 || u == 0x7f)
        g_string_append_printf (s, "\\x%02x", u);
      else
        g_string_append_c (s, *c);
    }
  g_string_append_c (s, quote);
  return g_string_free (s, FALSE);
}

/* The replacement literal for @value, or NULL if it does not fit @kind. */
static char *
convert_value (LsParamKind  kind,
               const char  *value)
{
  g_autofree char *v = g_strstrip (g_strdup (value));
  const char *end = v + strlen (v);
  LsParamKind got;

  switch (kind)
    {
    case LS_PARAM_BOOL:
      if (g_ascii_strcasecmp (v, "true") == 0 || strcmp (v, "1") == 0)
        return g_strdup ("True");
      if (g_ascii_strcasecmp (v, "false") == 0 || strcmp (v, "0") == 0)
        return g_strdup ("False");
      return NULL;
    case LS_PARAM_STR:
      if ((*v == '"' || *v == '\'') && scan_literal (v, end, &got) == end && *v)
        return g_steal_pointer (&v);
      return quote_python_str (value);
    case LS_PARAM_INT:
    case LS_PARAM_FLOAT:
      if (*v == '"' || *v == '\'' || scan_literal (v, end, &got) != end || *v == '\0'
          || (got != LS_PARAM_INT && got != LS_PARAM_FLOAT))
        return NULL;
      if (kind == LS_PARAM_INT && got != LS_PARAM_INT)
        return NULL;
      if (kind == LS_PARAM_FLOAT && got == LS_PARAM_INT)
        {
          const char *digits = v + strspn (v, "+- \t");

          if (digits[0] == '0' && digits[1] && strchr ("xXoObB", digits[1]))
            return NULL;
          return g_strconcat (v, ".0", NULL);
        }
      return g_steal_pointer (&v);
    default:
      g_assert_not_reached ();
    }
}

static const char *
kind_name (LsParamKind kind)
{
  static const char *const names[] = { "an int", "a float", "a str", "a bool" };

  return names[kind];
}

char *
ls_params_apply (const char         *source,
                 guint               n,
                 const char * const *names,
                 const char * const *values,
                 GError            **error)
{
  g_autoptr (GPtrArray) params = NULL;
  g_autoptr (GPtrArray) repl = NULL;
  GString *out;
  gsize pos = 0;

  g_return_val_if_fail (source != NULL, NULL);

  params = ls_params_scan (source);
  repl = g_ptr_array_new_full (params->len, g_free);
  for (guint i = 0; i < params->len; i++)
    g_ptr_array_add (repl, NULL);

  for (guint k = 0; k < n; k++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < params->len; i++)
        {
          LsParam *param = params->pdata[i];
          char *lit;

          if (strcmp (param->name, names[k]) != 0)
            continue;
          found = TRUE;
          lit = convert_value (param->kind, values[k]);
          if (lit == NULL)
            {
              g_set_error (error, LS_PARAMS_ERROR, LS_PARAMS_ERROR_BAD_VALUE,
                           "parameter '%s' needs %s, not '%s'",
                           names[k], kind_name (param->kind), values[k]);
              return NULL;
            }
          g_free (repl->pdata[i]);
          repl->pdata[i] = lit;
        }
      if (!found)
        {
          g_set_error (error, LS_PARAMS_ERROR, LS_PARAMS_ERROR_UNKNOWN_NAME,
                       "no parameter named '%s'", names[k]);
          return NULL;
        }
    }

  out = g_string_new (NULL);
  for (guint i = 0; i < params->len; i++)
    {
      LsParam *param = params->pdata[i];

      if (repl->pdata[i] == NULL)
        continue;
      g_string_append_len (out, source + pos, param->start - pos);
      g_string_append (out, repl->pdata[i]);
      pos = param->end;
    }
  g_string_append (out, source + pos);
  return g_string_free (out, FALSE);
}

/* Python's float repr: the shortest round-tripping digits, positional
 * notation for exponents in [-4, 16), else d.ddde+XX. */
static char *
float_repr (double value)
{
  char buf[64], digits[32];
  int prec, exp10, nd = 0;
  GString *s;

  if (isinf (value))
    return g_strdup (value > 0 ? "inf" : "-inf");
  if (isnan (value))
    return g_strdup ("nan");
  for (prec = 0; prec <= 17; prec++)
    {
      char fmt[16];

      /* g_ascii_formatd: the GUI runs under a locale with a decimal comma */
      snprintf (fmt, sizeof fmt, "%%.%de", prec);
      g_ascii_formatd (buf, sizeof buf, fmt, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  /* buf is [-]d[.ddd]e[+-]XX */
  for (const char *c = buf; *c && *c != 'e'; c++)
    if (g_ascii_isdigit (*c))
      digits[nd++] = *c;
  digits[nd] = '\0';
  exp10 = atoi (strchr (buf, 'e') + 1);
  s = g_string_new (value < 0 || (value == 0 && signbit (value)) ? "-" : "");
  if (exp10 >= -4 && exp10 < 16)
    {
      if (exp10 < 0)
        {
          g_string_append (s, "0.");
          for (int i = -1; i > exp10; i--)
            g_string_append_c (s, '0');
          g_string_append (s, digits);
        }
      else
        {
          for (int i = 0; i <= exp10 || i < nd; i++)
            {
              if (i == exp10 + 1)
                g_string_append_c (s, '.');
              g_string_append_c (s, i < nd ? digits[i] : '0');
            }
          if (nd <= exp10 + 1)
            g_string_append (s, ".0");
        }
    }
  else
    {
      g_string_append_c (s, digits[0]);
      if (nd > 1)
        g_string_append_printf (s, ".%s", digits + 1);
      g_string_append_printf (s, "e%c%02d", exp10 < 0 ? '-' : '+', ABS (exp10));
    }
  return g_string_free (s, FALSE);
}

char *
ls_param_format_number (const LsParam *param,
                        double         value)
{
  g_return_val_if_fail (param != NULL, NULL);

  if (param->kind == LS_PARAM_INT)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) llround (value));
  if (param->kind == LS_PARAM_BOOL)
    return g_strdup (value != 0 ? "True" : "False");
  return float_repr (value);
}
