/* ls-number.c: int (64-bit), float and bool: arithmetic with CPython's
 * semantics, exact mixed comparisons, hashes, reprs, parsing and round().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ls-lang.h"
#include "ls-types-private.h"

#define HASH_BITS    61
#define HASH_MODULUS ((G_GUINT64_CONSTANT (1) << HASH_BITS) - 1)
#define HASH_INF     314159

LsValue
_ls_int_overflow (LsVM *vm)
{
  return ls_raise (vm, LS_EXC_OVERFLOW_ERROR, "integer overflow: result does not fit in 64 bits");
}

/* ------------------------------------------------------------------ hashes */

gint64
_ls_hash_int (gint64 i)
{
  guint64 a = i < 0 ? -(guint64) i : (guint64) i;
  gint64 h = (gint64) (a % HASH_MODULUS);

  if (i < 0)
    h = -h;
  return h == -1 ? -2 : h;
}

/* CPython's numeric hash for floats: the value reduced modulo 2**61 - 1, so
 * that equal ints and floats hash alike. */
gint64
_ls_hash_float (double v)
{
  int e, sign = 1;
  double m;
  guint64 x = 0, y;

  if (!isfinite (v))
    return isinf (v) ? (v > 0 ? HASH_INF : -HASH_INF) : 0;
  m = frexp (v, &e);
  if (m < 0)
    {
      sign = -1;
      m = -m;
    }
  while (m != 0)
    {
      x = ((x << 28) & HASH_MODULUS) | x >> (HASH_BITS - 28);
      m *= 268435456.0;
      e -= 28;
      y = (guint64) m;
      m -= y;
      x += y;
      if (x >= HASH_MODULUS)
        x -= HASH_MODULUS;
    }
  e = e >= 0 ? e % HASH_BITS : HASH_BITS - 1 - ((-1 - e) % HASH_BITS);
  x = ((x << e) & HASH_MODULUS) | x >> (HASH_BITS - e);
  x = x * (guint64) (gint64) sign;
  if (x == (guint64) -1)
    x = (guint64) -2;
  return (gint64) x;
}

/* ------------------------------------------------------------------- reprs */

LsStr *
ls_int_repr (LsVM  *vm,
             gint64 i)
{
  char buf[32];
  int n = g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, i);

  return ls_str_new (vm, buf, n);
}

/* Parses "%.Ne" output into digits and returns the decimal point position. */
static int
parse_e_format (const char *buf,
                char       *digits,
                gsize       size)
{
  gsize n = 0;
  const char *p = buf;

  for (; *p != 'e' && *p != '\0'; p++)
    if (*p >= '0' && *p <= '9' && n + 1 < size)
      digits[n++] = *p;
  digits[n] = '\0';
  return (*p == 'e' ? atoi (p + 1) : 0) + 1;
}

char *
_ls_double_printf (char     conv,
                   int      prec,
                   gboolean alt,
                   double   f)
{
  char fmt[8] = { '%', 0 };
  const char *dp = localeconv ()->decimal_point;
  char *text, *hit;

  g_strlcat (fmt, alt ? "#.*" : ".*", sizeof fmt);
  fmt[strlen (fmt)] = conv;
  text = g_strdup_printf (fmt, prec, f);
  /* a locale's decimal separator (the GUI sets the user's locale) */
  if (dp != NULL && dp[0] != '\0' && strcmp (dp, ".") != 0 && (hit = strstr (text, dp)) != NULL)
    {
      gsize n = strlen (dp);
      *hit = '.';
      memmove (hit + 1, hit + n, strlen (hit + n) + 1);
    }
  return text;
}

static void
strip_trailing_zeros (char *digits)
{
  gsize n = strlen (digits);

  while (n > 1 && digits[n - 1] == '0')
    digits[--n] = '\0';
}

/* When the correctly rounded p-digit decimal misses the rounding interval of
 * f (which is lopsided at powers of two), a neighbour may still hit it. */
static gboolean
try_neighbour (double      f,
               guint64     mant,
               int         exp10,
               char       *digits,
               gsize       size,
               int        *decpt)
{
  char buf[48];
  int n;

  g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT "e%d", mant, exp10);
  if (g_ascii_strtod (buf, NULL) != f)
    return FALSE;
  n = g_snprintf (digits, size, "%" G_GUINT64_FORMAT, mant);
  *decpt = n + exp10;
  strip_trailing_zeros (digits);
  return TRUE;
}

/* Does some prec-digit decimal round-trip to f? Fills digits/decpt if so. */
static gboolean
shortest_try (double f,
              int    prec,
              char  *digits,
              gsize  size,
              int   *decpt)
{
  char buf[64];
  guint64 mant;

  /* the decimal separator depends on the locale: only digits are kept */
  snprintf (buf, sizeof buf, "%.*e", prec - 1, f);
  *decpt = parse_e_format (buf, digits, size);
  mant = g_ascii_strtoull (digits, NULL, 10);
  g_snprintf (buf, sizeof buf, "%se%d", digits, *decpt - prec);
  if (g_ascii_strtod (buf, NULL) == f)
    {
      strip_trailing_zeros (digits);
      return TRUE;
    }
  if (try_neighbour (f, mant + 1, *decpt - prec, digits, size, decpt))
    return TRUE;
  return mant > 1 && try_neighbour (f, mant - 1, *decpt - prec, digits, size, decpt);
}

int
_ls_float_digits (double f,
                  int    mode,
                  int    ndigits,
                  char  *digits,
                  gsize  size)
{
  char probe[32];
  int prec, decpt, lo, hi;

  f = fabs (f);
  if (f == 0)
    {
      if (mode == 0 || ndigits <= 1)
        g_strlcpy (digits, "0", size);
      else
        {
          memset (digits, '0', MIN ((gsize) ndigits, size - 1));
          digits[MIN ((gsize) ndigits, size - 1)] = '\0';
        }
      return 1;
    }
  if (mode != 0)
    {
      char *big = _ls_double_printf ('e', MAX (ndigits, 1) - 1, FALSE, f);
      decpt = parse_e_format (big, digits, size);
      g_free (big);
      return decpt;
    }
  /* A normal double is within half an ulp (< 1.2e-16 relative) of any
   * decimal that rounds to it, less than half the spacing of 15-digit
   * decimals: so when the shortest form has at most 15 digits, it is the
   * 15-digit rounding with its zeros stripped. Else 16 or 17 digits. */
  if (f >= DBL_MIN)
    {
      for (prec = 15; prec <= 17; prec++)
        if (shortest_try (f, prec, digits, size, &decpt))
          return decpt;
    }
  else
    {
      /* subnormals carry fewer bits: search from the shortest */
      lo = 1;
      hi = 17;
      while (lo < hi)
        {
          int mid = (lo + hi) / 2;
          if (shortest_try (f, mid, probe, sizeof probe, &decpt))
            hi = mid;
          else
            lo = mid + 1;
        }
      if (shortest_try (f, lo, digits, size, &decpt))
        return decpt;
    }
  snprintf (probe, sizeof probe, "%.16e", f);
  decpt = parse_e_format (probe, digits, size);
  strip_trailing_zeros (digits);
  return decpt;
}

char *
ls_float_repr_cstr (double f)
{
  char digits[32];
  GString *out;
  int decpt, nd, i;

  if (isnan (f))
    return g_strdup ("nan");
  if (isinf (f))
    return g_strdup (f > 0 ? "inf" : "-inf");

  decpt = _ls_float_digits (f, 0, 0, digits, sizeof digits);
  nd = strlen (digits);
  out = g_string_sized_new (32);
  if (signbit (f))
    g_string_append_c (out, '-');
  if (decpt > -4 && decpt <= 16)
    {
      if (decpt <= 0)
        {
          g_string_append (out, "0.");
          for (i = decpt; i < 0; i++)
            g_string_append_c (out, '0');
          g_string_append (out, digits);
        }
      else if (decpt < nd)
        {
          g_string_append_len (out, digits, decpt);
          g_string_append_c (out, '.');
          g_string_append (out, digits + decpt);
        }
      else
        {
          g_string_append (out, digits);
          for (i = nd; i < decpt; i++)
            g_string_append_c (out, '0');
          g_string_append (out, ".0");
        }
    }
  else
    {
      g_string_append_c (out, digits[0]);
      if (nd > 1)
        {
          g_string_append_c (out, '.');
          g_string_append (out, digits + 1);
        }
      g_string_append_printf (out, "e%c%02d", decpt - 1 < 0 ? '-' : '+', abs (decpt - 1));
    }
  return g_string_free (out, FALSE);
}

LsStr *
ls_float_repr (LsVM  *vm,
               double f)
{
  char *text = ls_float_repr_cstr (f);
  LsStr *s = ls_str_new (vm, text, -1);

  g_free (text);
  return s;
}

/* -------------------------------------------------------------- arithmetic */

static inline double
num_as_double (LsValue v)
{
  return LS_IS_FLOAT (v) ? LS_AS_FLOAT (v) : (double) LS_AS_INT (v);
}

static inline gboolean
is_number (LsValue v)
{
  return v.tag == LS_V_INT || v.tag == LS_V_FLOAT || v.tag == LS_V_BOOL;
}

/* int / int, correctly rounded even when the operands exceed 2**53. */
static double
int_true_divide (gint64 a,
                 gint64 b)
{
  const gint64 limit = G_GINT64_CONSTANT (1) << 53;
  gboolean neg;
  unsigned __int128 ua, ub, q, r;
  guint64 ia, ib;
  int shift, bits, extra;
  gboolean sticky;
  double res;

  if (a >= -limit && a <= limit && b >= -limit && b <= limit)
    return (double) a / (double) b;
  neg = (a < 0) != (b < 0);
  ia = a < 0 ? -(guint64) a : (guint64) a;
  ib = b < 0 ? -(guint64) b : (guint64) b;
  if (ia == 0)
    return neg ? -0.0 : 0.0;
  shift = 127 - (64 - __builtin_clzll (ia));
  ua = (unsigned __int128) ia << shift;
  ub = ib;
  q = ua / ub;
  r = ua % ub;
  sticky = r != 0;
  bits = 0;
  for (unsigned __int128 t = q; t != 0; t >>= 1)
    bits++;
  extra = bits - 53;
  if (extra > 0)
    {
      unsigned __int128 low = q & (((unsigned __int128) 1 << extra) - 1);
      unsigned __int128 half = (unsigned __int128) 1 << (extra - 1);
      q >>= extra;
      if (low > half || (low == half && (sticky || (q & 1))))
        q++;
    }
  else
    extra = 0;
  res = ldexp ((double) (guint64) q, extra - shift);
  return neg ? -res : res;
}

static LsValue
int_pow (LsVM  *vm,
         gint64 base,
         gint64 exp)
{
  gint64 result = 1;

  if (exp < 0)
    {
      if (base == 0)
        return ls_raise (vm, LS_EXC_ZERO_DIVISION_ERROR, "0.0 cannot be raised to a negative power");
      return ls_float (pow ((double) base, (double) exp));
    }
  while (exp > 0)
    {
      if (exp & 1)
        {
          if (__builtin_mul_overflow (result, base, &result))
            return _ls_int_overflow (vm);
        }
      exp >>= 1;
      if (exp > 0 && __builtin_mul_overflow (base, base, &base))
        return _ls_int_overflow (vm);
    }
  return ls_int (result);
}

static LsValue
int_binop (LsVM  *vm,
           LsValue av,
           LsValue bv,
           int    op)
{
  gint64 a = LS_AS_INT (av), b = LS_AS_INT (bv), r;

  switch (op)
    {
    case LS_BINOP_ADD:
      if (__builtin_add_overflow (a, b, &r))
        return _ls_int_overflow (vm);
      return ls_int (r);
    case LS_BINOP_SUB:
      if (__builtin_sub_overflow (a, b, &r))
        return _ls_int_overflow (vm);
      return ls_int (r);
    case LS_BINOP_MUL:
      if (__builtin_mul_overflow (a, b, &r))
        return _ls_int_overflow (vm);
      return ls_int (r);
    case LS_BINOP_DIV:
      if (b == 0)
        return ls_raise (vm, LS_EXC_ZERO_DIVISION_ERROR, "division by zero");
      return ls_float (int_true_divide (a, b));
    case LS_BINOP_FLOORDIV:
      if (b == 0)
        return ls_raise (vm, LS_EXC_ZERO_DIVISION_ERROR, "integer division or modulo by zero");
      if (a == G_MININT64 && b == -1)
        return _ls_int_overflow (vm);
      r = a / b;
      if (a % b != 0 && ((a < 0) != (b < 0)))
        r--;
      return ls_int (r);
    case LS_BINOP_MOD:
      if (b == 0)
        return ls_raise (vm, LS_EXC_ZERO_DIVISION_ERROR, "integer modulo by zero");
      if (b == -1)
        return ls_int (0);
      r = a % b;
      if (r != 0 && ((r < 0) != (b < 0)))
        r += b;
      return ls_int (r);
    case LS_BINOP_POW:
      return int_pow (vm, a, b);
    case LS_BINOP_LSHIFT:
      if (b < 0)
        return ls_raise (vm, LS_EXC_VALUE_ERROR, "negative shift count");
      if (a == 0)
        return ls_int (0);
      if (b == 63 && a == -1)
        return ls_int (G_MININT64);
      if (b >= 63 || __builtin_mul_overflow (a, G_GINT64_CONSTANT (1) << b, &r))
        return _ls_int_overflow (vm);
      return ls_int (r);
    case LS_BINOP_RSHIFT:
      if (b < 0)
        return ls_raise (vm, LS_EXC_VALUE_ERROR, "negative shift count");
      if (b >= 64)
        return ls_int (a < 0 ? -1 : 0);
      return ls_int (a >> b);
    case LS_BINOP_BITOR:
      r = a | b;
      break;
    case LS_BINOP_BITXOR:
      r = a ^ b;
      break;
    case LS_BINOP_BITAND:
      r = a & b;
      break;
    default:
      return vm->not_implemented;
    }
  /* bool & bool stays a bool */
  if (LS_IS_BOOL (av) && LS_IS_BOOL (bv))
    return ls_bool (r != 0);
  return ls_int (r);
}

static gboolean
is_odd_integer (double w)
{
  return fmod (fabs (w), 2.0) == 1.0;
}

static LsValue
float_pow (LsVM  *vm,
           double iv,
           double iw)
{
  gboolean negate = FALSE;
  double ix;

  if (iw == 0)
    return ls_float (1.0);
  if (isnan (iv))
    return ls_float (iv);
  if (isnan (iw))
    return ls_float (iv == 1.0 ? 1.0 : iw);
  if (isinf (iw))
    {
      iv = fabs (iv);
      if (iv == 1.0)
        return ls_float (1.0);
      return ls_float ((iw > 0) == (iv > 1.0) ? INFINITY : 0.0);
    }
  if (isinf (iv))
    {
      gboolean odd = is_odd_integer (iw);
      if (iw > 0)
        return ls_float (odd ? iv : fabs (iv));
      return ls_float (odd ? copysign (0.0, iv) : 0.0);
    }
  if (iv == 0)
    {
      if (iw < 0)
        return ls_raise (vm, LS_EXC_ZERO_DIVISION_ERROR, "0.0 cannot be raised to a negative power");
      return ls_float (is_odd_integer (iw) ? iv : 0.0);
    }
  if (iv < 0)
    {
      if (iw != floor (iw))
        return ls_raise (vm, LS_EXC_VALUE_ERROR,
                         "negative number cannot be raised to a fractional power");
      iv = -iv;
      negate = is_odd_integer (iw);
    }
  if (iv == 1.0)
    return ls_float (negate ? -1.0 : 1.0);
  errno = 0;
  ix = pow (iv, iw);
  if (isinf (ix))
    return ls_raise (vm, LS_EXC_OVERFLOW_ERROR, "(34, 'Numerical result out of range')");
  return ls_float (negate ? -ix : ix);
}

static double
float_mod (double a,
           double b)
{
  double mod = fmod (a, b);

  if (mod != 0)
    {
      if ((b < 0) != (mod < 0))
        mod += b;
    }
  else
    mod = copysign (0.0, b);
  return mod;
}

static double
float_floordiv (double a,
                double b)
{
  double mod = fmod (a, b), div = (a - mod) / b, floordiv;

  if (mod != 0 && ((b < 0) != (mod < 0)))
    div -= 1.0;
  if (div != 0)
    {
      floordiv = floor (div);
      if (div - floordiv > 0.5)
        floordiv += 1.0;
    }
  else
    floordiv = copysign (0.0, a / b);
  return floordiv;
}

static LsValue
float_binop (LsVM  *vm,
             double a,
             double b,
             int    op)
{
  switch (op)
    {
    case LS_BINOP_ADD:
      return ls_float (a + b);
    case LS_BINOP_SUB:
      return ls_float (a - b);
    case LS_BINOP_MUL:
      return ls_float (a * b);
    case LS_BINOP_DIV:
      if (b == 0)
        return ls_raise (vm, LS_EXC_ZERO_DIVISION_ERROR, "float division by zero");
      return ls_float (a / b);
    case LS_BINOP_FLOORDIV:
      if (b == 0)
        return ls_raise (vm, LS_EXC_ZERO_DIVISION_ERROR, "float floor division by zero");
      return ls_float (float_floordiv (a, b));
    case LS_BINOP_MOD:
      if (b == 0)
        return ls_raise (vm, LS_EXC_ZERO_DIVISION_ERROR, "float modulo");
      return ls_float (float_mod (a, b));
    case LS_BINOP_POW:
      return float_pow (vm, a, b);
    default:
      return vm->not_implemented;
    }
}

LsValue
_ls_number_binop (LsVM   *vm,
                  LsValue a,
                  LsValue b,
                  int     op)
{
  op &= ~LS_BINOP_INPLACE;
  if (!is_number (a) || !is_number (b))
    return vm->not_implemented;
  if (!LS_IS_FLOAT (a) && !LS_IS_FLOAT (b))
    return int_binop (vm, a, b, op);
  return float_binop (vm, num_as_double (a), num_as_double (b), op);
}

/* -------------------------------------------------------------- comparison */

/* Compares an int with a float exactly: <0, 0, >0; 2 when f is NaN. */
static int
cmp_int_float (gint64 i,
               double f)
{
  double ft;
  gint64 fi;

  if (isnan (f))
    return 2;
  if (i > -(G_GINT64_CONSTANT (1) << 53) && i < (G_GINT64_CONSTANT (1) << 53))
    {
      double d = (double) i;
      return d < f ? -1 : d > f ? 1 : 0;
    }
  if (f >= 9223372036854775808.0)
    return -1;
  if (f < -9223372036854775808.0)
    return 1;
  ft = trunc (f);
  fi = (gint64) ft;
  if (i != fi)
    return i < fi ? -1 : 1;
  ft = f - ft;
  return ft > 0 ? -1 : ft < 0 ? 1 : 0;
}

static int
cmp_result (int c,
            LsCmpOpKind op)
{
  if (c == 2)
    return op == LS_CMP_NE;
  switch (op)
    {
    case LS_CMP_LT: return c < 0;
    case LS_CMP_LE: return c <= 0;
    case LS_CMP_EQ: return c == 0;
    case LS_CMP_NE: return c != 0;
    case LS_CMP_GT: return c > 0;
    case LS_CMP_GE: return c >= 0;
    default: return 0;
    }
}

int
_ls_number_cmp (LsValue     a,
                LsValue     b,
                LsCmpOpKind op)
{
  if (!LS_IS_FLOAT (a) && !LS_IS_FLOAT (b))
    {
      gint64 x = LS_AS_INT (a), y = LS_AS_INT (b);
      return cmp_result (x < y ? -1 : x > y ? 1 : 0, op);
    }
  if (LS_IS_FLOAT (a) && LS_IS_FLOAT (b))
    {
      double x = LS_AS_FLOAT (a), y = LS_AS_FLOAT (b);
      if (isnan (x) || isnan (y))
        return cmp_result (2, op);
      return cmp_result (x < y ? -1 : x > y ? 1 : 0, op);
    }
  if (LS_IS_FLOAT (b))
    return cmp_result (cmp_int_float (LS_AS_INT (a), LS_AS_FLOAT (b)), op);
  {
    int c = cmp_int_float (LS_AS_INT (b), LS_AS_FLOAT (a));
    return cmp_result (c == 2 ? 2 : -c, op);
  }
}

/* ----------------------------------------------------------------- parsing */

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);
      if (!_ls_unichar_isspace (c))
        break;
      p = g_utf8_next_char (p);
    }
  return p;
}

static const char *
skip_space_back (const char *start,
                 const char *end)
{
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);
      if (prev == NULL || !_ls_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return end;
}

static int
digit_value (const char **pp,
             const char  *end)
{
  const char *p = *pp;
  guchar c = (guchar) *p;
  int d;

  if (c >= '0' && c <= '9')
    d = c - '0';
  else if (c >= 'a' && c <= 'z')
    d = c - 'a' + 10;
  else if (c >= 'A' && c <= 'Z')
    d = c - 'A' + 10;
  else if (c >= 0x80)
    {
      d = g_unichar_digit_value (g_utf8_get_char (p));
      if (d < 0)
        return -1;
      *pp = g_utf8_next_char (p);
      return d;
    }
  else
    return -1;
  *pp = p + 1;
  return d;
}

gboolean
_ls_parse_int (const char *s,
               gsize       len,
               int         base,
               gint64     *out,
               gboolean   *overflow)
{
  const char *p = s, *end = s + len;
  gboolean neg = FALSE, any = FALSE, prev_us = FALSE, after_prefix = FALSE;
  guint64 acc = 0, limit;

  *overflow = FALSE;
  p = skip_space (p, end);
  end = skip_space_back (p, end);
  if (p < end && (*p == '+' || *p == '-'))
    neg = *p++ == '-';
  if (end - p >= 2 && p[0] == '0')
    {
      char x = g_ascii_tolower (p[1]);
      int pb = x == 'x' ? 16 : x == 'o' ? 8 : x == 'b' ? 2 : 0;
      if (pb != 0 && (base == 0 || base == pb))
        {
          base = pb;
          p += 2;
          after_prefix = TRUE;   /* "0x_1" is allowed */
        }
    }
  if (base == 0)
    base = 10;

  limit = neg ? (G_GUINT64_CONSTANT (1) << 63) : (guint64) G_MAXINT64;
  while (p < end)
    {
      int d;
      if (*p == '_')
        {
          if (prev_us || (!any && !after_prefix))
            return FALSE;
          prev_us = TRUE;
          p++;
          continue;
        }
      d = digit_value (&p, end);
      if (d < 0 || d >= base)
        return FALSE;
      if (acc > (limit - d) / base)
        *overflow = TRUE;
      else
        acc = acc * base + d;
      any = TRUE;
      prev_us = FALSE;
    }
  if (!any || prev_us)
    return FALSE;
  *out = neg ? (gint64) (0 - acc) : (gint64) acc;
  return TRUE;
}

/* base 0 rejects "010" but not "000": checked by the caller with the text */
static gboolean
has_bad_leading_zero (const char *s,
                      gsize       len)
{
  const char *p = skip_space (s, s + len), *end = skip_space_back (p, s + len);
  gboolean nonzero = FALSE;

  if (p < end && (*p == '+' || *p == '-'))
    p++;
  if (end - p < 2 || p[0] != '0')
    return FALSE;
  if (strchr ("xXoObB", p[1]) != NULL)
    return FALSE;
  for (; p < end; p++)
    if (*p != '0' && *p != '_')
      nonzero = TRUE;
  return nonzero;
}

static gboolean
match_word (const char *p,
            const char *end,
            const char *word)
{
  gsize n = strlen (word);

  return (gsize) (end - p) == n && g_ascii_strncasecmp (p, word, n) == 0;
}

gboolean
_ls_parse_float (const char *s,
                 gsize       len,
                 double     *out)
{
  const char *p = skip_space (s, s + len), *end = skip_space_back (p, s + len);
  GString *clean;
  gboolean neg = FALSE, digits = FALSE, ok = TRUE;
  const char *q;

  if (p < end && (*p == '+' || *p == '-'))
    neg = *p++ == '-';
  if (match_word (p, end, "inf") || match_word (p, end, "infinity"))
    {
      *out = neg ? -INFINITY : INFINITY;
      return TRUE;
    }
  if (match_word (p, end, "nan"))
    {
      *out = neg ? -NAN : NAN;
      return TRUE;
    }

  /* validate [digits][.digits][e[sign]digits] with single underscores
   * between digits, building an ASCII copy for strtod */
  clean = g_string_new (neg ? "-" : "");
  for (q = p; q < end && ok; q++)
    {
      char c = *q;
      if (c >= '0' && c <= '9')
        {
          g_string_append_c (clean, c);
          digits = TRUE;
        }
      else if (c == '_')
        ok = q > p && g_ascii_isdigit (q[-1]) && q + 1 < end && g_ascii_isdigit (q[1]);
      else
        break;
    }
  if (ok && q < end && *q == '.')
    {
      g_string_append_c (clean, '.');
      for (q++; q < end && ok; q++)
        {
          char c = *q;
          if (c >= '0' && c <= '9')
            {
              g_string_append_c (clean, c);
              digits = TRUE;
            }
          else if (c == '_')
            ok = g_ascii_isdigit (q[-1]) && q + 1 < end && g_ascii_isdigit (q[1]);
          else
            break;
        }
    }
  if (ok && digits && q < end && (*q == 'e' || *q == 'E'))
    {
      gboolean edigits = FALSE;
      g_string_append_c (clean, 'e');
      q++;
      if (q < end && (*q == '+' || *q == '-'))
        g_string_append_c (clean, *q++);
      for (; q < end && ok; q++)
        {
          char c = *q;
          if (c >= '0' && c <= '9')
            {
              g_string_append_c (clean, c);
              edigits = TRUE;
            }
          else if (c == '_')
            ok = edigits && q + 1 < end && g_ascii_isdigit (q[1]);
          else
            break;
        }
      ok = ok && edigits;
    }
  ok = ok && digits && q == end;
  if (ok)
    *out = g_ascii_strtod (clean->str, NULL);
  g_string_free (clean, TRUE);
  return ok;
}

/* --------------------------------------------------------------- round etc */

/* Rounds the decimal integer in digits (no sign) so that its last `drop`
 * digits become zero, half to even; sticky says a nonzero fraction follows. */
static void
round_decimal_string (GString *digits,
                      gsize    drop,
                      gboolean sticky)
{
  gsize n = digits->len, keep, i;
  gboolean up;
  char first;

  if (drop == 0)
    return;
  if (drop > n)
    {
      g_string_assign (digits, "0");
      return;
    }
  keep = n - drop;
  first = digits->str[keep];
  for (i = keep + 1; i < n && !sticky; i++)
    sticky = digits->str[i] != '0';
  if (first > '5')
    up = TRUE;
  else if (first < '5')
    up = FALSE;
  else
    up = sticky || (keep > 0 && ((digits->str[keep - 1] - '0') & 1));
  for (i = keep; i < n; i++)
    digits->str[i] = '0';
  for (i = keep; up && i > 0; i--)
    {
      if (digits->str[i - 1] == '9')
        digits->str[i - 1] = '0';
      else
        {
          digits->str[i - 1]++;
          up = FALSE;
        }
    }
  if (up)
    g_string_prepend_c (digits, '1');
}

static LsValue
float_round_ndigits (LsVM  *vm,
                     double x,
                     gint64 ndigits)
{
  char *text;
  double r, ip;
  GString *digits;

  if (!isfinite (x) || x == 0)
    return ls_float (x);
  if (ndigits > 330)
    return ls_float (x);
  if (ndigits < -330)
    return ls_float (0.0 * x);
  if (ndigits >= 0)
    {
      text = _ls_double_printf ('f', (int) ndigits, FALSE, x);
      r = g_ascii_strtod (text, NULL);
      g_free (text);
    }
  else
    {
      double frac = modf (fabs (x), &ip);
      text = _ls_double_printf ('f', 0, FALSE, ip);
      digits = g_string_new (text);
      g_free (text);
      round_decimal_string (digits, (gsize) -ndigits, frac != 0);
      r = g_ascii_strtod (digits->str, NULL);
      g_string_free (digits, TRUE);
      if (x < 0)
        r = -r;
    }
  if (isinf (r))
    return ls_raise (vm, LS_EXC_OVERFLOW_ERROR, "rounded value too large to represent");
  return ls_float (r);
}

static LsValue
float_to_int (LsVM  *vm,
              double f)
{
  if (isinf (f))
    return ls_raise (vm, LS_EXC_OVERFLOW_ERROR, "cannot convert float infinity to integer");
  if (isnan (f))
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "cannot convert float NaN to integer");
  f = trunc (f);
  if (f >= 9223372036854775808.0 || f < -9223372036854775808.0)
    return _ls_int_overflow (vm);
  return ls_int ((gint64) f);
}

static LsValue
int_round_ndigits (LsVM  *vm,
                   gint64 x,
                   gint64 ndigits)
{
  gint64 pow10 = 1, q, r, i;

  if (ndigits >= 0)
    return ls_int (x);
  if (ndigits < -18)
    return ls_int (0);
  for (i = 0; i < -ndigits; i++)
    pow10 *= 10;
  q = x / pow10;
  r = x % pow10;
  if (r < 0)
    {
      r += pow10;
      q--;
    }
  /* x = q * pow10 + r with 0 <= r < pow10; round half to even */
  if (2 * (guint64) r > (guint64) pow10 || (2 * (guint64) r == (guint64) pow10 && (q & 1)))
    q++;
  if (__builtin_mul_overflow (q, pow10, &r))
    return _ls_int_overflow (vm);
  return ls_int (r);
}

LsValue
ls_number_round (LsVM   *vm,
                 LsValue x,
                 LsValue ndigits)
{
  gint64 nd = 0;
  gboolean have_nd = !LS_IS_UNDEF (ndigits) && !LS_IS_NONE (ndigits);

  if (have_nd && !ls_index_value (vm, ndigits, &nd))
    {
      if (ls_exc_pending_is (vm, LS_EXC_TYPE_ERROR))
        {
          ls_exc_clear (vm);
          return ls_raise (vm, LS_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                           ls_type_name (vm, ndigits));
        }
      return LS_ERR;
    }
  if (LS_IS_INTLIKE (x))
    return have_nd ? int_round_ndigits (vm, LS_AS_INT (x), nd) : ls_int (LS_AS_INT (x));
  if (LS_IS_FLOAT (x))
    {
      double f = LS_AS_FLOAT (x), rounded;
      if (have_nd)
        return float_round_ndigits (vm, f, nd);
      rounded = round (f);
      if (fabs (f - rounded) == 0.5)
        rounded = 2.0 * round (f / 2.0);
      return float_to_int (vm, rounded);
    }
  {
    LsValue meth = ls_lookup_special (vm, x, LS_NAME (vm, __round__));
    if (LS_IS_UNDEF (meth))
      {
        if (!LS_IS_UNDEF (vm->exc))
          return LS_ERR;
        return ls_raise (vm, LS_EXC_TYPE_ERROR, "type %s doesn't define __round__ method",
                         ls_type_name (vm, x));
      }
    return ls_call (vm, meth, &ndigits, have_nd ? 1 : 0, NULL);
  }
}

LsValue
ls_number_abs (LsVM   *vm,
               LsValue x)
{
  LsValue meth;

  if (LS_IS_INTLIKE (x))
    {
      if (LS_AS_INT (x) == G_MININT64)
        return _ls_int_overflow (vm);
      return ls_int (LS_AS_INT (x) < 0 ? -LS_AS_INT (x) : LS_AS_INT (x));
    }
  if (LS_IS_FLOAT (x))
    return ls_float (fabs (LS_AS_FLOAT (x)));
  meth = ls_lookup_special (vm, x, LS_NAME (vm, __abs__));
  if (LS_IS_UNDEF (meth))
    {
      if (!LS_IS_UNDEF (vm->exc))
        return LS_ERR;
      return ls_raise (vm, LS_EXC_TYPE_ERROR, "bad operand type for abs(): '%s'",
                       ls_type_name (vm, x));
    }
  return ls_call (vm, meth, NULL, 0, NULL);
}

LsValue
ls_number_divmod (LsVM   *vm,
                  LsValue a,
                  LsValue b)
{
  LsValue q, r, items[2];

  if (is_number (a) && is_number (b))
    {
      if (!LS_IS_FLOAT (a) && !LS_IS_FLOAT (b))
        {
          if (LS_AS_INT (b) == 0)
            return ls_raise (vm, LS_EXC_ZERO_DIVISION_ERROR, "integer division or modulo by zero");
          q = int_binop (vm, a, b, LS_BINOP_FLOORDIV);
          if (LS_IS_ERR (q))
            return q;
          r = int_binop (vm, a, b, LS_BINOP_MOD);
        }
      else
        {
          double x = num_as_double (a), y = num_as_double (b);
          if (y == 0)
            return ls_raise (vm, LS_EXC_ZERO_DIVISION_ERROR, "float divmod()");
          q = ls_float (float_floordiv (x, y));
          r = ls_float (float_mod (x, y));
        }
      items[0] = q;
      items[1] = r;
      return ls_obj (ls_tuple_from (vm, items, 2));
    }
  {
    LsStr *name = ls_str_intern (vm, "__divmod__", -1);
    LsStr *rname = ls_str_intern (vm, "__rdivmod__", -1);
    LsValue meth = ls_lookup_special (vm, a, name), res;
    if (!LS_IS_UNDEF (meth))
      {
        res = ls_call (vm, meth, &b, 1, NULL);
        if (LS_IS_ERR (res) || !_ls_is_not_implemented (vm, res))
          return res;
      }
    meth = ls_lookup_special (vm, b, rname);
    if (!LS_IS_UNDEF (meth))
      {
        res = ls_call (vm, meth, &a, 1, NULL);
        if (LS_IS_ERR (res) || !_ls_is_not_implemented (vm, res))
          return res;
      }
    if (!LS_IS_UNDEF (vm->exc))
      return LS_ERR;
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "unsupported operand type(s) for divmod(): '%s' and '%s'",
                     ls_type_name (vm, a), ls_type_name (vm, b));
  }
}

/* pow(base, exp, mod) for ints */
LsValue
ls_number_pow (LsVM   *vm,
               LsValue base,
               LsValue exp,
               LsValue mod)
{
  gint64 b, e, m, result = 1;
  unsigned __int128 acc;

  if (LS_IS_UNDEF (mod) || LS_IS_NONE (mod))
    return ls_binary_op (vm, base, exp, LS_BINOP_POW);
  if (!LS_IS_INTLIKE (base) || !LS_IS_INTLIKE (exp) || !LS_IS_INTLIKE (mod))
    return ls_raise (vm, LS_EXC_TYPE_ERROR,
                     "pow() 3rd argument not allowed unless all arguments are integers");
  b = LS_AS_INT (base);
  e = LS_AS_INT (exp);
  m = LS_AS_INT (mod);
  if (m == 0)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "pow() 3rd argument cannot be 0");
  if (e < 0)
    {
      /* modular inverse via the extended Euclid algorithm */
      gint64 mm = m < 0 ? -m : m, t = 0, newt = 1, r = mm, newr = ((b % mm) + mm) % mm, q, tmp;
      while (newr != 0)
        {
          q = r / newr;
          tmp = t - q * newt; t = newt; newt = tmp;
          tmp = r - q * newr; r = newr; newr = tmp;
        }
      if (r != 1)
        return ls_raise (vm, LS_EXC_VALUE_ERROR, "base is not invertible for the given modulus");
      b = t < 0 ? t + mm : t;
      e = -e;
    }
  {
    guint64 um = m < 0 ? -(guint64) m : (guint64) m;
    guint64 ub = (guint64) (((b % (gint64) um) + (gint64) um) % (gint64) um);
    guint64 ur = 1 % um;
    while (e > 0)
      {
        if (e & 1)
          {
            acc = (unsigned __int128) ur * ub;
            ur = (guint64) (acc % um);
          }
        acc = (unsigned __int128) ub * ub;
        ub = (guint64) (acc % um);
        e >>= 1;
      }
    result = (gint64) ur;
    if (m < 0 && result != 0)
      result += m;
  }
  return ls_int (result);
}

/* ------------------------------------------------------------ constructors */

static LsValue
invalid_int_literal (LsVM   *vm,
                     LsStr  *s,
                     int     base)
{
  LsStr *r = ls_str_repr (vm, s);

  return ls_raise (vm, LS_EXC_VALUE_ERROR, "invalid literal for int() with base %d: %s", base,
                   r->data);
}

static LsValue
int_from_str (LsVM  *vm,
              LsStr *s,
              int    base)
{
  gint64 v;
  gboolean overflow;

  if (!_ls_parse_int (s->data, s->len, base, &v, &overflow)
      || (base == 0 && has_bad_leading_zero (s->data, s->len)))
    return invalid_int_literal (vm, s, base);
  if (overflow)
    return _ls_int_overflow (vm);
  return ls_int (v);
}

static LsValue
int_from_object (LsVM   *vm,
                 LsValue v)
{
  static const char *const names[] = { "__int__", "__index__", "__trunc__" };
  guint i;

  if (LS_IS_INTLIKE (v))
    return ls_int (LS_AS_INT (v));
  if (LS_IS_FLOAT (v))
    return float_to_int (vm, LS_AS_FLOAT (v));
  if (LS_IS_STR (v))
    return int_from_str (vm, LS_STR (v), 10);
  for (i = 0; i < G_N_ELEMENTS (names); i++)
    {
      LsValue meth = ls_lookup_special (vm, v, ls_str_intern (vm, names[i], -1)), r;
      if (LS_IS_UNDEF (meth))
        {
          if (!LS_IS_UNDEF (vm->exc))
            return LS_ERR;
          continue;
        }
      r = ls_call (vm, meth, NULL, 0, NULL);
      if (LS_IS_ERR (r) || LS_IS_INTLIKE (r))
        return LS_IS_ERR (r) ? r : ls_int (LS_AS_INT (r));
      return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s returned non-int (type %s)", names[i],
                       ls_type_name (vm, r));
    }
  return ls_raise (vm, LS_EXC_TYPE_ERROR,
                   "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                   ls_type_name (vm, v));
}

static LsValue
int_value_ctor (LsVM          *vm,
                const LsValue *args,
                int            nargs,
                LsTuple       *kwnames)
{
  LsValue out[2] = { LS_UNDEF, LS_UNDEF };
  int nkw = kwnames != NULL ? (int) kwnames->len : 0;
  gint64 base;

  if (nkw == 0 && nargs == 1)
    return int_from_object (vm, args[0]);
  if (nargs > 2)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "int() takes at most 2 arguments (%d given)", nargs);
  if (nargs > 0)
    out[0] = args[0];
  if (nargs > 1)
    out[1] = args[1];
  for (int i = 0; i < nkw; i++)
    {
      const char *kw = LS_STR (kwnames->items[i])->data;
      if (strcmp (kw, "base") != 0 || nargs > 1)
        return ls_raise (vm, LS_EXC_TYPE_ERROR, strcmp (kw, "base") != 0
                         ? "'%s' is an invalid keyword argument for int()"
                         : "argument for int() given by name ('%s') and position (2)", kw);
      out[1] = args[nargs + i];
    }
  if (LS_IS_UNDEF (out[1]))
    return LS_IS_UNDEF (out[0]) ? ls_int (0) : int_from_object (vm, out[0]);
  if (LS_IS_UNDEF (out[0]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "int() missing string argument");
  if (!ls_index_value (vm, out[1], &base))
    return LS_ERR;
  if (!LS_IS_STR (out[0]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "int() can't convert non-string with explicit base");
  if (base != 0 && (base < 2 || base > 36))
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "int() base must be >= 2 and <= 36, or 0");
  return int_from_str (vm, LS_STR (out[0]), (int) base);
}

static LsValue
float_from_object (LsVM   *vm,
                   LsValue v)
{
  LsValue meth, r;

  if (LS_IS_FLOAT (v))
    return v;
  if (LS_IS_INTLIKE (v))
    return ls_float ((double) LS_AS_INT (v));
  if (LS_IS_STR (v))
    {
      double d;
      if (_ls_parse_float (LS_STR (v)->data, LS_STR (v)->len, &d))
        return ls_float (d);
      return ls_raise (vm, LS_EXC_VALUE_ERROR, "could not convert string to float: %s",
                       ls_str_repr (vm, LS_STR (v))->data);
    }
  meth = ls_lookup_special (vm, v, ls_str_intern (vm, "__float__", -1));
  if (!LS_IS_UNDEF (meth))
    {
      r = ls_call (vm, meth, NULL, 0, NULL);
      if (LS_IS_ERR (r) || LS_IS_FLOAT (r))
        return r;
      return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s.__float__ returned non-float (type %s)",
                       ls_type_name (vm, v), ls_type_name (vm, r));
    }
  if (!LS_IS_UNDEF (vm->exc))
    return LS_ERR;
  meth = ls_lookup_special (vm, v, LS_NAME (vm, __index__));
  if (!LS_IS_UNDEF (meth))
    {
      r = ls_call (vm, meth, NULL, 0, NULL);
      if (LS_IS_ERR (r) || !LS_IS_INTLIKE (r))
        return LS_IS_ERR (r) ? r : ls_raise (vm, LS_EXC_TYPE_ERROR, "__index__ returned non-int (type %s)",
                                             ls_type_name (vm, r));
      return ls_float ((double) LS_AS_INT (r));
    }
  if (!LS_IS_UNDEF (vm->exc))
    return LS_ERR;
  return ls_raise (vm, LS_EXC_TYPE_ERROR, "float() argument must be a string or a real number, not '%s'",
                   ls_type_name (vm, v));
}

/* int(...) or, for a subclass, its instance holding that int */
static LsValue
int_ctor (LsVM          *vm,
          LsValue        self,
          const LsValue *args,
          int            nargs,
          LsTuple       *kwnames)
{
  LsValue v = int_value_ctor (vm, args, nargs, kwnames);

  if (LS_IS_ERR (v) || !LS_OBJ_IS (self, LS_OBJ_TYPE) || LS_AS_OBJ (self) == (LsObj *) vm->types[LS_T_INT])
    return v;
  return _ls_number_box (vm, (LsType *) LS_AS_OBJ (self), v);
}

static LsValue
float_ctor (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  LsValue v;

  if (kwnames != NULL && kwnames->len > 0)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "float() takes no keyword arguments");
  if (nargs > 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "float expected at most 1 argument, got %d", nargs);
  v = nargs == 0 ? ls_float (0.0) : float_from_object (vm, args[0]);
  if (LS_IS_ERR (v) || !LS_OBJ_IS (self, LS_OBJ_TYPE) || LS_AS_OBJ (self) == (LsObj *) vm->types[LS_T_FLOAT])
    return v;
  return _ls_number_box (vm, (LsType *) LS_AS_OBJ (self), v);
}

static LsValue
bool_ctor (LsVM          *vm,
           LsValue        self,
           const LsValue *args,
           int            nargs,
           LsTuple       *kwnames)
{
  int t;

  if (kwnames != NULL && kwnames->len > 0)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "bool() takes no keyword arguments");
  if (nargs > 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "bool expected at most 1 argument, got %d", nargs);
  if (nargs == 0)
    return LS_FALSE;
  t = ls_truthy (vm, args[0]);
  return t < 0 ? LS_ERR : ls_bool (t);
}

/* --------------------------------------- Python subclasses of int and float */

/* An instance of `class C(int)` is an ordinary instance (with its __dict__)
 * that carries the number: LsNumBox. The dunders below give it int's and
 * float's behaviour through the usual override lookup, and unbox self. */

gboolean
_ls_is_number_subtype (LsVM   *vm,
                       LsType *type)
{
  return type != vm->types[LS_T_INT] && type != vm->types[LS_T_FLOAT]
         && type != vm->types[LS_T_BOOL]
         && (ls_is_subtype (type, vm->types[LS_T_INT]) || ls_is_subtype (type, vm->types[LS_T_FLOAT]));
}

LsValue
_ls_number_box (LsVM    *vm,
                LsType  *type,
                LsValue  value)
{
  LsNumBox *box;

  if (ls_is_subtype (type, vm->types[LS_T_FLOAT]) && LS_IS_INTLIKE (value))
    value = ls_float ((double) LS_AS_INT (value));
  box = ls_gc_alloc (vm, LS_OBJ_INSTANCE, type, sizeof (LsNumBox));
  box->base.dict = ls_dict_new (vm);
  box->value = LS_IS_BOOL (value) ? ls_int (LS_AS_INT (value)) : value;
  return ls_obj (box);
}

/* The number in v: v itself, or what a box carries. Only instances of
 * int/float subclasses reach int's and float's methods, and those are boxes. */
static inline LsValue
num_self (LsValue v)
{
  return LS_OBJ_IS (v, LS_OBJ_INSTANCE) ? ((LsNumBox *) LS_AS_OBJ (v))->value : v;
}

/* Another operand: a box is unboxed, anything else stays as it is. */
LsValue
_ls_number_unbox (LsVM    *vm,
                  LsValue  v)
{
  if (LS_OBJ_IS (v, LS_OBJ_INSTANCE) && _ls_is_number_subtype (vm, LS_AS_OBJ (v)->type))
    return ((LsNumBox *) LS_AS_OBJ (v))->value;
  return v;
}

static gboolean
num_check_one (LsVM *vm,
               int   nargs)
{
  if (nargs == 1)
    return TRUE;
  ls_raise (vm, LS_EXC_TYPE_ERROR, "expected 1 argument, got %d", nargs);
  return FALSE;
}

static LsValue
num_binop (LsVM          *vm,
           LsValue        self,
           const LsValue *args,
           int            nargs,
           int            op,
           gboolean       reflected)
{
  LsValue a, b;

  if (!num_check_one (vm, nargs))
    return LS_ERR;
  a = num_self (self);
  b = _ls_number_unbox (vm, args[0]);
  /* int's own operators leave a float operand to float's */
  if (!(LS_IS_INTLIKE (b) || LS_IS_FLOAT (b)) || (LS_IS_INTLIKE (a) && LS_IS_FLOAT (b)))
    return vm->not_implemented;
  return reflected ? _ls_number_binop (vm, b, a, op) : _ls_number_binop (vm, a, b, op);
}

#define NUM_BINOP(name, op)                                                               \
  static LsValue num_##name (LsVM *vm, LsValue self, const LsValue *args, int nargs,      \
                             LsTuple *kw)                                                 \
  { return num_binop (vm, self, args, nargs, op, FALSE); }                                \
  static LsValue num_r##name (LsVM *vm, LsValue self, const LsValue *args, int nargs,     \
                              LsTuple *kw)                                                \
  { return num_binop (vm, self, args, nargs, op, TRUE); }

NUM_BINOP (add, LS_BINOP_ADD)
NUM_BINOP (sub, LS_BINOP_SUB)
NUM_BINOP (mul, LS_BINOP_MUL)
NUM_BINOP (truediv, LS_BINOP_DIV)
NUM_BINOP (floordiv, LS_BINOP_FLOORDIV)
NUM_BINOP (mod, LS_BINOP_MOD)
NUM_BINOP (pow, LS_BINOP_POW)
NUM_BINOP (lshift, LS_BINOP_LSHIFT)
NUM_BINOP (rshift, LS_BINOP_RSHIFT)
NUM_BINOP (or, LS_BINOP_BITOR)
NUM_BINOP (xor, LS_BINOP_BITXOR)
NUM_BINOP (and, LS_BINOP_BITAND)

static LsValue
num_richcmp (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsCmpOpKind    op)
{
  LsValue a, b;

  if (!num_check_one (vm, nargs))
    return LS_ERR;
  a = num_self (self);
  b = _ls_number_unbox (vm, args[0]);
  if (!(LS_IS_INTLIKE (b) || LS_IS_FLOAT (b)) || (LS_IS_INTLIKE (a) && LS_IS_FLOAT (b)))
    return vm->not_implemented;
  return ls_bool (_ls_number_cmp (a, b, op));
}

#define NUM_CMP(name, op)                                                                 \
  static LsValue num_##name (LsVM *vm, LsValue self, const LsValue *args, int nargs,      \
                             LsTuple *kw)                                                 \
  { return num_richcmp (vm, self, args, nargs, op); }

NUM_CMP (lt, LS_CMP_LT)
NUM_CMP (le, LS_CMP_LE)
NUM_CMP (eq, LS_CMP_EQ)
NUM_CMP (ne, LS_CMP_NE)
NUM_CMP (gt, LS_CMP_GT)
NUM_CMP (ge, LS_CMP_GE)

/* The builtin function `name` applied to the unboxed self (and the arguments). */
static LsValue
num_via_builtin (LsVM          *vm,
                 const char    *name,
                 LsValue        self,
                 const LsValue *args,
                 int            nargs)
{
  LsValue argv[3];
  LsValue f = ls_dict_get_str (vm->builtins, ls_str_intern (vm, name, -1));

  if (nargs > 2)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() takes at most 2 arguments (%d given)", name,
                     nargs + 1);
  argv[0] = num_self (self);
  for (int i = 0; i < nargs; i++)
    argv[i + 1] = _ls_number_unbox (vm, args[i]);
  return ls_call (vm, f, argv, nargs + 1, NULL);
}

static LsValue
num_abs (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return num_via_builtin (vm, "abs", self, args, 0);
}

static LsValue
num_round (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return num_via_builtin (vm, "round", self, args, MIN (nargs, 1));
}

static LsValue
num_divmod (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  if (!num_check_one (vm, nargs))
    return LS_ERR;
  if (!LS_IS_INTLIKE (_ls_number_unbox (vm, args[0])) && !LS_IS_FLOAT (_ls_number_unbox (vm, args[0])))
    return vm->not_implemented;
  return num_via_builtin (vm, "divmod", self, args, 1);
}

static LsValue
num_unary (LsVM          *vm,
           LsValue        self,
           LsUnaryOpKind  op)
{
  return ls_unary_op (vm, num_self (self), op);
}

static LsValue
num_neg (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return num_unary (vm, self, LS_UNARY_NEG);
}

static LsValue
num_pos (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return num_unary (vm, self, LS_UNARY_POS);
}

static LsValue
num_invert (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return num_unary (vm, self, LS_UNARY_INVERT);
}

static LsValue
num_bool (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsValue v = num_self (self);

  return ls_bool (LS_IS_FLOAT (v) ? LS_AS_FLOAT (v) != 0.0 : LS_AS_INT (v) != 0);
}

static LsValue
num_int (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return int_from_object (vm, num_self (self));
}

static LsValue
num_float (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return float_from_object (vm, num_self (self));
}

static LsValue
num_hash (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  gint64 h;

  return ls_hash (vm, num_self (self), &h) ? ls_int (h) : LS_ERR;
}

static LsValue
num_repr (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return ls_repr (vm, num_self (self));
}

static LsValue
num_getnewargs (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsValue v = num_self (self);

  return ls_obj (ls_tuple_from (vm, &v, 1));
}

/* int.__new__(cls, ...) and float.__new__(cls, ...) */
static LsValue
num_new (LsVM          *vm,
         LsType        *base,
         LsNativeFn     ctor,
         const LsValue *args,
         int            nargs,
         LsTuple       *kwnames)
{
  const char *name = ls_str_cstr (base->name);
  LsType *cls;

  if (nargs < 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s.__new__(): not enough arguments", name);
  if (!LS_OBJ_IS (args[0], LS_OBJ_TYPE))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s.__new__(X): X is not a type object (%s)", name,
                     ls_type_name (vm, args[0]));
  cls = (LsType *) LS_AS_OBJ (args[0]);
  if (!ls_is_subtype (cls, base))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s.__new__(%s): %s is not a subtype of %s", name,
                     ls_str_cstr (cls->name), ls_str_cstr (cls->name), name);
  return ctor (vm, args[0], args + 1, nargs - 1, kwnames);
}

static LsValue
int_dunder_new (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return num_new (vm, vm->types[LS_T_INT], int_ctor, args, nargs, kwnames);
}

static LsValue
float_dunder_new (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return num_new (vm, vm->types[LS_T_FLOAT], float_ctor, args, nargs, kwnames);
}

static void
add_number_dunders (LsVM    *vm,
                    LsType  *type,
                    gboolean is_int)
{
  static const struct { const char *name, *rname; LsNativeFn fn, rfn; gboolean int_only; } binops[] = {
    { "__add__", "__radd__", num_add, num_radd, FALSE },
    { "__sub__", "__rsub__", num_sub, num_rsub, FALSE },
    { "__mul__", "__rmul__", num_mul, num_rmul, FALSE },
    { "__truediv__", "__rtruediv__", num_truediv, num_rtruediv, FALSE },
    { "__floordiv__", "__rfloordiv__", num_floordiv, num_rfloordiv, FALSE },
    { "__mod__", "__rmod__", num_mod, num_rmod, FALSE },
    { "__pow__", "__rpow__", num_pow, num_rpow, FALSE },
    { "__lshift__", "__rlshift__", num_lshift, num_rlshift, TRUE },
    { "__rshift__", "__rrshift__", num_rshift, num_rrshift, TRUE },
    { "__or__", "__ror__", num_or, num_ror, TRUE },
    { "__xor__", "__rxor__", num_xor, num_rxor, TRUE },
    { "__and__", "__rand__", num_and, num_rand, TRUE },
  };
  static const struct { const char *name; LsNativeFn fn; } others[] = {
    { "__lt__", num_lt }, { "__le__", num_le }, { "__eq__", num_eq }, { "__ne__", num_ne },
    { "__gt__", num_gt }, { "__ge__", num_ge }, { "__neg__", num_neg }, { "__pos__", num_pos },
    { "__abs__", num_abs }, { "__bool__", num_bool }, { "__int__", num_int },
    { "__float__", num_float }, { "__hash__", num_hash }, { "__repr__", num_repr },
    { "__round__", num_round }, { "__divmod__", num_divmod }, { "__trunc__", num_int },
    { "__getnewargs__", num_getnewargs },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (binops); i++)
    if (is_int || !binops[i].int_only)
      {
        ls_type_add_method (vm, type, binops[i].name, binops[i].fn);
        ls_type_add_method (vm, type, binops[i].rname, binops[i].rfn);
      }
  for (gsize i = 0; i < G_N_ELEMENTS (others); i++)
    ls_type_add_method (vm, type, others[i].name, others[i].fn);
  if (is_int)
    {
      ls_type_add_method (vm, type, "__invert__", num_invert);
      ls_type_add_method (vm, type, "__index__", num_int);
    }
  ls_type_add_static (vm, type, "__new__", is_int ? int_dunder_new : float_dunder_new);
}

/* ----------------------------------------------------------------- methods */

static LsValue
int_bit_length (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  guint64 a;

  if (!_ls_check_args (vm, "int.bit_length", nargs, kwnames, 0, 0))
    return LS_ERR;
  a = LS_AS_INT (num_self (self)) < 0 ? -(guint64) LS_AS_INT (num_self (self)) : (guint64) LS_AS_INT (num_self (self));
  return ls_int (a == 0 ? 0 : 64 - __builtin_clzll (a));
}

static LsValue
int_bit_count (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  guint64 a;

  if (!_ls_check_args (vm, "int.bit_count", nargs, kwnames, 0, 0))
    return LS_ERR;
  a = LS_AS_INT (num_self (self)) < 0 ? -(guint64) LS_AS_INT (num_self (self)) : (guint64) LS_AS_INT (num_self (self));
  return ls_int (__builtin_popcountll (a));
}

static LsValue
int_conjugate (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "int.conjugate", nargs, kwnames, 0, 0))
    return LS_ERR;
  return ls_int (LS_AS_INT (num_self (self)));
}

static LsValue
int_real (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return ls_int (LS_AS_INT (num_self (self)));
}

static LsValue
int_imag (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return ls_int (0);
}

static LsValue
int_denominator (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return ls_int (1);
}

static LsValue
float_is_integer (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  double f = LS_AS_FLOAT (num_self (self));

  if (!_ls_check_args (vm, "float.is_integer", nargs, kwnames, 0, 0))
    return LS_ERR;
  return ls_bool (isfinite (f) && floor (f) == f);
}

static LsValue
float_as_integer_ratio (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  double f = LS_AS_FLOAT (num_self (self)), m;
  int e;
  gint64 num, den = 1;
  LsValue items[2];

  if (!_ls_check_args (vm, "float.as_integer_ratio", nargs, kwnames, 0, 0))
    return LS_ERR;
  if (isinf (f))
    return ls_raise (vm, LS_EXC_OVERFLOW_ERROR, "cannot convert Infinity to integer ratio");
  if (isnan (f))
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "cannot convert NaN to integer ratio");
  m = frexp (f, &e);
  while (m != floor (m))
    {
      m *= 2.0;
      e--;
    }
  if (e > 0)
    {
      if (e > 62 - (int) log2 (fabs (m) + 1))
        return _ls_int_overflow (vm);
      num = (gint64) m << e;
    }
  else
    {
      if (-e > 62)
        return _ls_int_overflow (vm);
      num = (gint64) m;
      den = G_GINT64_CONSTANT (1) << -e;
    }
  items[0] = ls_int (num);
  items[1] = ls_int (den);
  return ls_obj (ls_tuple_from (vm, items, 2));
}

static LsValue
float_real (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return num_self (self);
}

static LsValue
float_imag (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return ls_float (0.0);
}

static LsValue
float_conjugate (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "float.conjugate", nargs, kwnames, 0, 0))
    return LS_ERR;
  return num_self (self);
}

static LsValue
number_format (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!_ls_check_args (vm, "__format__", nargs, kwnames, 1, 1))
    return LS_ERR;
  if (!LS_IS_STR (args[0]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "__format__() argument must be str, not %s",
                     ls_type_name (vm, args[0]));
  /* format(x, '') is str(x): a subclass's own __repr__ shows */
  if (LS_STR (args[0])->len == 0 && LS_IS_OBJ (self))
    return ls_to_str (vm, self);
  return ls_format (vm, num_self (self), LS_STR (args[0]));
}

void
_ls_number_init_types (LsVM *vm)
{
  LsType *t_int = vm->types[LS_T_INT];
  LsType *t_float = vm->types[LS_T_FLOAT];
  LsType *t_bool = vm->types[LS_T_BOOL];

  t_int->ctor = int_ctor;
  t_float->ctor = float_ctor;
  t_bool->ctor = bool_ctor;
  add_number_dunders (vm, t_int, TRUE);
  add_number_dunders (vm, t_float, FALSE);

  ls_type_add_method (vm, t_int, "bit_length", int_bit_length);
  ls_type_add_method (vm, t_int, "bit_count", int_bit_count);
  ls_type_add_method (vm, t_int, "conjugate", int_conjugate);
  ls_type_add_method (vm, t_int, "__format__", number_format);
  _ls_type_add_getter (vm, t_int, "real", int_real);
  _ls_type_add_getter (vm, t_int, "imag", int_imag);
  _ls_type_add_getter (vm, t_int, "numerator", int_real);
  _ls_type_add_getter (vm, t_int, "denominator", int_denominator);

  ls_type_add_method (vm, t_float, "is_integer", float_is_integer);
  ls_type_add_method (vm, t_float, "as_integer_ratio", float_as_integer_ratio);
  ls_type_add_method (vm, t_float, "conjugate", float_conjugate);
  ls_type_add_method (vm, t_float, "__format__", number_format);
  _ls_type_add_getter (vm, t_float, "real", float_real);
  _ls_type_add_getter (vm, t_float, "imag", float_imag);
}
