/* ls-mod-math.c: the math module, with CPython's domain/range errors and its
 * exact algorithms where results would otherwise differ in the last bit
 * (hypot/dist's vector norm, fsum's exact partials).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <float.h>
#include <math.h>

#include "ls-lang.h"
#include "ls-modules-private.h"

static LsValue
domain_error (LsVM *vm)
{
  return ls_raise (vm, LS_EXC_VALUE_ERROR, "math domain error");
}

static LsValue
range_error (LsVM *vm)
{
  return ls_raise (vm, LS_EXC_OVERFLOW_ERROR, "math range error");
}

static LsValue
int_overflow (LsVM *vm)
{
  return ls_raise (vm, LS_EXC_OVERFLOW_ERROR, "integer overflow: result does not fit in 64 bits");
}

static gboolean
arg_double (LsVM    *vm,
            LsValue  v,
            double  *out)
{
  return _ls_value_as_double (vm, v, out);
}

static gboolean
positional (LsVM       *vm,
            const char *fname,
            int         nargs,
            LsTuple    *kwnames,
            int         min,
            int         max)
{
  return _ls_check_no_kwargs (vm, fname, kwnames) && _ls_check_nargs (vm, fname, nargs, min, max);
}

/* -------------------------------------------------------- gamma, lgamma */

/* CPython computes these itself (not with libm) with a Lanczos approximation
 * (N = 13, g = 6.024680040776729583740234375, Boost's coefficients written as
 * a rational function); the same method gives the same last digits. */

#define LANCZOS_N 13

static const double lanczos_g = 6.024680040776729583740234375;
static const double lanczos_g_minus_half = 5.524680040776729583740234375;
static const double lanczos_num[LANCZOS_N] = {
  23531376880.410759688572007674451636754734846804940,
  42919803642.649098768957899047001988850926355848959,
  35711959237.355668049440185451547166705960488635843,
  17921034426.037209699919755754458931112671403265390,
  6039542586.3520280050642916443072979210699388420708,
  1439720407.3117216736632230727949123939715485786772,
  248874557.86205415651146038641322942321632125127801,
  31426415.585400194380614231628318205362874684987640,
  2876370.6289353724412254090516208496135991145378768,
  186056.26539522349504029498971604569928220784236328,
  8071.6720023658162106380029022722506138218516325024,
  210.82427775157934587250973392071336271166969580291,
  2.5066282746310002701649081771338373386264310793408
};
static const double lanczos_den[LANCZOS_N] = {
  0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0,
  13339535.0, 2637558.0, 357423.0, 32670.0, 1925.0, 66.0, 1.0
};
static const double gamma_of_int[23] = {
  1.0, 1.0, 2.0, 6.0, 24.0, 120.0, 720.0, 5040.0, 40320.0, 362880.0, 3628800.0, 39916800.0,
  479001600.0, 6227020800.0, 87178291200.0, 1307674368000.0, 20922789888000.0,
  355687428096000.0, 6402373705728000.0, 121645100408832000.0, 2432902008176640000.0,
  51090942171709440000.0, 1124000727777607680000.0,
};

/* sin(pi * x), exact at integers and half-integers */
static double
sin_pi (double x)
{
  double y = fmod (fabs (x), 2.0), r;
  int n = (int) round (2.0 * y);

  switch (n)
    {
    case 0: r = sin (G_PI * y); break;
    case 1: r = cos (G_PI * (y - 0.5)); break;
    case 2: r = sin (G_PI * (1.0 - y)); break;
    case 3: r = -cos (G_PI * (y - 1.5)); break;
    default: r = sin (G_PI * (y - 2.0)); break;
    }
  return copysign (1.0, x) * r;
}

static double
lanczos_sum (double x)
{
  double num = 0.0, den = 0.0;

  /* for large x, evaluate as a rational function of 1/x to avoid overflow */
  if (x < 5.0)
    for (int i = LANCZOS_N - 1; i >= 0; i--)
      {
        num = num * x + lanczos_num[i];
        den = den * x + lanczos_den[i];
      }
  else
    for (int i = 0; i < LANCZOS_N; i++)
      {
        num = num / x + lanczos_num[i];
        den = den / x + lanczos_den[i];
      }
  return num / den;
}

/* Gamma; *err: 1 domain error, 2 overflow */
static double
py_gamma (double x,
          int   *err)
{
  double ax, r, y, z, q;

  *err = 0;
  if (!isfinite (x))
    {
      if (isnan (x) || x > 0.0)
        return x;
      *err = 1;
      return NAN;
    }
  if (x == 0.0)
    {
      *err = 1;
      return copysign (INFINITY, x);
    }
  if (x == floor (x))
    {
      if (x < 0.0)
        {
          *err = 1;
          return NAN;
        }
      if (x <= 23)
        return gamma_of_int[(int) x - 1];
    }
  ax = fabs (x);
  if (ax < 1e-20)
    {
      r = 1.0 / x;
      if (isinf (r))
        *err = 2;
      return r;
    }
  if (ax > 200.0)
    {
      if (x < 0.0)
        return 0.0 / sin_pi (x);
      *err = 2;
      return INFINITY;
    }
  y = ax + lanczos_g_minus_half;
  /* the rounding error made computing y, to correct the result */
  if (ax > lanczos_g_minus_half)
    {
      q = y - ax;
      z = q - lanczos_g_minus_half;
    }
  else
    {
      q = y - lanczos_g_minus_half;
      z = q - ax;
    }
  z = z * lanczos_g / y;
  if (x < 0.0)
    {
      r = -G_PI / sin_pi (ax) / ax * exp (y) / lanczos_sum (ax);
      r -= z * r;
      if (ax < 140.0)
        r /= pow (y, ax - 0.5);
      else
        {
          double sqrtpow = pow (y, ax / 2.0 - 0.25);

          r /= sqrtpow;
          r /= sqrtpow;
        }
    }
  else
    {
      r = lanczos_sum (ax) / exp (y);
      r += z * r;
      if (ax < 140.0)
        r *= pow (y, ax - 0.5);
      else
        {
          double sqrtpow = pow (y, ax / 2.0 - 0.25);

          r *= sqrtpow;
          r *= sqrtpow;
        }
    }
  if (isinf (r))
    *err = 2;
  return r;
}

static double
py_lgamma (double x,
           int   *err)
{
  double r, ax;

  *err = 0;
  if (!isfinite (x))
    return isnan (x) ? x : INFINITY;
  if (x == floor (x) && x <= 2.0)
    {
      if (x <= 0.0)
        {
          *err = 1;
          return INFINITY;
        }
      return 0.0;
    }
  ax = fabs (x);
  if (ax < 1e-20)
    return -log (ax);
  r = log (lanczos_sum (ax)) - lanczos_g;
  r += (ax - 0.5) * (log (ax + lanczos_g - 0.5) - 1);
  if (x < 0.0)
    r = log (G_PI) - log (fabs (sin_pi (ax))) - log (ax) - r;
  if (isinf (r))
    *err = 2;
  return r;
}

static LsValue
gamma_common (LsVM          *vm,
              const char    *fname,
              double       (*fn) (double, int *),
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  double x, r;
  int err;

  if (!positional (vm, fname, nargs, kwnames, 1, 1) || !arg_double (vm, args[0], &x))
    return LS_ERR;
  r = fn (x, &err);
  if (err == 1)
    return domain_error (vm);
  if (err == 2)
    return range_error (vm);
  return ls_float (r);
}

static LsValue
math_gamma (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return gamma_common (vm, "gamma", py_gamma, args, nargs, kwnames);
}

static LsValue
math_lgamma (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return gamma_common (vm, "lgamma", py_lgamma, args, nargs, kwnames);
}

/* ---------------------------------------------------- one-argument functions */

typedef struct
{
  const char *name;
  double    (*fn) (double);
  gboolean    can_overflow;
} MathFunc1;

static const MathFunc1 funcs1[] = {
  { "acos", acos, FALSE }, { "acosh", acosh, FALSE }, { "asin", asin, FALSE },
  { "asinh", asinh, FALSE }, { "atan", atan, FALSE }, { "atanh", atanh, FALSE },
  { "cos", cos, FALSE }, { "cosh", cosh, TRUE }, { "sin", sin, FALSE },
  { "sinh", sinh, TRUE }, { "tan", tan, FALSE }, { "tanh", tanh, FALSE },
  { "exp", exp, TRUE }, { "exp2", exp2, TRUE }, { "expm1", expm1, TRUE },
  { "fabs", fabs, FALSE }, { "sqrt", sqrt, FALSE }, { "log1p", log1p, FALSE },
  { "erf", erf, FALSE }, { "erfc", erfc, FALSE }, { "cbrt", cbrt, FALSE },
};

/* self is the index into funcs1 */
static LsValue
math_func1 (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  const MathFunc1 *f = &funcs1[LS_AS_INT (self)];
  double x, r;

  if (!positional (vm, f->name, nargs, kwnames, 1, 1) || !arg_double (vm, args[0], &x))
    return LS_ERR;
  r = f->fn (x);
  if (isnan (r) && !isnan (x))
    return domain_error (vm);
  if (isinf (r) && isfinite (x))
    return f->can_overflow ? range_error (vm) : domain_error (vm);
  return ls_float (r);
}

/* ------------------------------------------------------------- logarithms */

static gboolean
log_of (LsVM    *vm,
        LsValue  v,
        double (*fn) (double),
        double  *out)
{
  double x;

  if (!arg_double (vm, v, &x))
    return FALSE;
  if (isnan (x) || (isinf (x) && x > 0))
    {
      *out = x;
      return TRUE;
    }
  if (x <= 0)
    {
      domain_error (vm);
      return FALSE;
    }
  *out = fn (x);
  return TRUE;
}

static LsValue
math_log (LsVM          *vm,
          LsValue        self,
          const LsValue *args,
          int            nargs,
          LsTuple       *kwnames)
{
  double num, den;

  if (!positional (vm, "log", nargs, kwnames, 1, 2) || !log_of (vm, args[0], log, &num))
    return LS_ERR;
  if (nargs == 1)
    return ls_float (num);
  if (!log_of (vm, args[1], log, &den))
    return LS_ERR;
  if (den == 0.0)
    return ls_raise (vm, LS_EXC_ZERO_DIVISION_ERROR, "float division by zero");
  return ls_float (num / den);
}

static LsValue
math_log2 (LsVM          *vm,
           LsValue        self,
           const LsValue *args,
           int            nargs,
           LsTuple       *kwnames)
{
  double r;

  if (!positional (vm, "log2", nargs, kwnames, 1, 1) || !log_of (vm, args[0], log2, &r))
    return LS_ERR;
  return ls_float (r);
}

static LsValue
math_log10 (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  double r;

  if (!positional (vm, "log10", nargs, kwnames, 1, 1) || !log_of (vm, args[0], log10, &r))
    return LS_ERR;
  return ls_float (r);
}

/* ---------------------------------------------------- floor, ceil, trunc */

static LsValue
float_to_int (LsVM   *vm,
              double  r)
{
  if (isinf (r))
    return ls_raise (vm, LS_EXC_OVERFLOW_ERROR, "cannot convert float infinity to integer");
  if (isnan (r))
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "cannot convert float NaN to integer");
  if (r >= 9223372036854775808.0 || r < -9223372036854775808.0)
    return int_overflow (vm);
  return ls_int ((gint64) r);
}

static LsValue
rounding (LsVM          *vm,
          const char    *fname,
          const char    *dunder,
          double       (*fn) (double),
          const LsValue *args,
          int            nargs,
          LsTuple       *kwnames)
{
  LsValue m;
  double x;

  if (!positional (vm, fname, nargs, kwnames, 1, 1))
    return LS_ERR;
  if (LS_IS_INTLIKE (args[0]))
    return ls_int (LS_AS_INT (args[0]));
  if (LS_IS_FLOAT (args[0]))
    return float_to_int (vm, fn (LS_AS_FLOAT (args[0])));
  m = ls_lookup_special (vm, args[0], ls_str_intern (vm, dunder, -1));
  if (!LS_IS_UNDEF (m))
    return ls_call (vm, m, NULL, 0, NULL);
  if (!strcmp (dunder, "__trunc__"))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "type %s doesn't define __trunc__ method",
                     ls_type_name (vm, args[0]));
  if (!arg_double (vm, args[0], &x))
    return LS_ERR;
  return float_to_int (vm, fn (x));
}

static LsValue
math_floor (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return rounding (vm, "floor", "__floor__", floor, args, nargs, kwnames);
}

static LsValue
math_ceil (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return rounding (vm, "ceil", "__ceil__", ceil, args, nargs, kwnames);
}

static LsValue
math_trunc (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return rounding (vm, "trunc", "__trunc__", trunc, args, nargs, kwnames);
}

/* ------------------------------------------------------- two-argument ones */

static gboolean
two_doubles (LsVM          *vm,
             const char    *fname,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames,
             double        *x,
             double        *y)
{
  return positional (vm, fname, nargs, kwnames, 2, 2)
         && arg_double (vm, args[0], x) && arg_double (vm, args[1], y);
}

static LsValue
math_pow (LsVM          *vm,
          LsValue        self,
          const LsValue *args,
          int            nargs,
          LsTuple       *kwnames)
{
  double x, y, r;

  if (!two_doubles (vm, "pow", args, nargs, kwnames, &x, &y))
    return LS_ERR;
  if (!isfinite (x) || !isfinite (y))
    {
      /* C99 Annex F gives the special values CPython uses, except these: */
      if (isnan (x))
        return ls_float (y == 0.0 ? 1.0 : x);
      if (isnan (y))
        return ls_float (x == 1.0 ? 1.0 : y);
      return ls_float (pow (x, y));
    }
  r = pow (x, y);
  if (isnan (r))
    return domain_error (vm);
  if (isinf (r))
    return x == 0.0 ? domain_error (vm) : range_error (vm);
  return ls_float (r);
}

static LsValue
math_atan2 (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  double y, x;

  if (!two_doubles (vm, "atan2", args, nargs, kwnames, &y, &x))
    return LS_ERR;
  return ls_float (atan2 (y, x));
}

static LsValue
math_copysign (LsVM          *vm,
               LsValue        self,
               const LsValue *args,
               int            nargs,
               LsTuple       *kwnames)
{
  double x, y;

  if (!two_doubles (vm, "copysign", args, nargs, kwnames, &x, &y))
    return LS_ERR;
  return ls_float (copysign (x, y));
}

static LsValue
math_fmod (LsVM          *vm,
           LsValue        self,
           const LsValue *args,
           int            nargs,
           LsTuple       *kwnames)
{
  double x, y, r;

  if (!two_doubles (vm, "fmod", args, nargs, kwnames, &x, &y))
    return LS_ERR;
  if (isinf (y) && isfinite (x))
    return ls_float (x);
  r = fmod (x, y);
  if (isnan (r) && !isnan (x) && !isnan (y))
    return domain_error (vm);
  return ls_float (r);
}

static LsValue
math_remainder (LsVM          *vm,
                LsValue        self,
                const LsValue *args,
                int            nargs,
                LsTuple       *kwnames)
{
  double x, y, r;

  if (!two_doubles (vm, "remainder", args, nargs, kwnames, &x, &y))
    return LS_ERR;
  r = remainder (x, y);
  if (isnan (r) && !isnan (x) && !isnan (y))
    return domain_error (vm);
  return ls_float (r);
}

static LsValue
math_ldexp (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  double x, r;
  gint64 e;

  if (!positional (vm, "ldexp", nargs, kwnames, 2, 2) || !arg_double (vm, args[0], &x))
    return LS_ERR;
  if (!LS_IS_INTLIKE (args[1]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "Expected an int as second argument to ldexp.");
  e = CLAMP (LS_AS_INT (args[1]), G_MININT32, G_MAXINT32);
  r = ldexp (x, (int) e);
  if (isinf (r) && isfinite (x))
    return range_error (vm);
  return ls_float (r);
}

static LsValue
pair (LsVM    *vm,
      LsValue  a,
      LsValue  b)
{
  LsValue items[2] = { a, b };

  return ls_obj (ls_tuple_from (vm, items, 2));
}

static LsValue
math_frexp (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  double x, m;
  int e = 0;

  if (!positional (vm, "frexp", nargs, kwnames, 1, 1) || !arg_double (vm, args[0], &x))
    return LS_ERR;
  m = (isnan (x) || isinf (x) || x == 0.0) ? x : frexp (x, &e);
  return pair (vm, ls_float (m), ls_int (e));
}

static LsValue
math_modf (LsVM          *vm,
           LsValue        self,
           const LsValue *args,
           int            nargs,
           LsTuple       *kwnames)
{
  double x, ip, fp;

  if (!positional (vm, "modf", nargs, kwnames, 1, 1) || !arg_double (vm, args[0], &x))
    return LS_ERR;
  if (isinf (x))
    return pair (vm, ls_float (copysign (0.0, x)), ls_float (x));
  fp = modf (x, &ip);
  return pair (vm, ls_float (fp), ls_float (ip));
}

static LsValue
math_degrees (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  double x;

  if (!positional (vm, "degrees", nargs, kwnames, 1, 1) || !arg_double (vm, args[0], &x))
    return LS_ERR;
  return ls_float (x * (180.0 / G_PI));
}

static LsValue
math_radians (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  double x;

  if (!positional (vm, "radians", nargs, kwnames, 1, 1) || !arg_double (vm, args[0], &x))
    return LS_ERR;
  return ls_float (x * (G_PI / 180.0));
}

/* ------------------------------------------------------------ predicates */

static LsValue
math_predicate (LsVM          *vm,
                const char    *fname,
                const LsValue *args,
                int            nargs,
                LsTuple       *kwnames,
                int            which)
{
  double x;

  if (!positional (vm, fname, nargs, kwnames, 1, 1) || !arg_double (vm, args[0], &x))
    return LS_ERR;
  switch (which)
    {
    case 0: return ls_bool (isnan (x));
    case 1: return ls_bool (isinf (x));
    default: return ls_bool (isfinite (x));
    }
}

static LsValue
math_isnan (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return math_predicate (vm, "isnan", args, nargs, kwnames, 0);
}

static LsValue
math_isinf (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return math_predicate (vm, "isinf", args, nargs, kwnames, 1);
}

static LsValue
math_isfinite (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return math_predicate (vm, "isfinite", args, nargs, kwnames, 2);
}

static LsValue
math_isclose (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  static const char *const kw[] = { "a", "b", "rel_tol", "abs_tol", NULL };
  LsValue opt[4] = { LS_UNDEF, LS_UNDEF, LS_UNDEF, LS_UNDEF };
  double a, b, rel = 1e-09, abs_tol = 0.0, diff;

  if (nargs > 2)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "isclose() takes exactly 2 positional arguments (%d given)", nargs);
  for (int i = 0; i < nargs; i++)
    opt[i] = args[i];
  if (!_ls_take_kwargs (vm, "isclose", args, nargs, kwnames, kw, opt))
    return LS_ERR;
  for (int i = 0; i < 2; i++)
    if (LS_IS_UNDEF (opt[i]))
      return ls_raise (vm, LS_EXC_TYPE_ERROR, "isclose() missing required argument '%s' (pos %d)",
                       kw[i], i + 1);
  if (!arg_double (vm, opt[0], &a) || !arg_double (vm, opt[1], &b)
      || (!LS_IS_UNDEF (opt[2]) && !arg_double (vm, opt[2], &rel))
      || (!LS_IS_UNDEF (opt[3]) && !arg_double (vm, opt[3], &abs_tol)))
    return LS_ERR;
  if (rel < 0.0 || abs_tol < 0.0)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "tolerances must be non-negative");
  if (a == b)
    return LS_TRUE;
  if (isinf (a) || isinf (b))
    return LS_FALSE;
  diff = fabs (b - a);
  return ls_bool ((diff <= fabs (rel * b)) || (diff <= fabs (rel * a)) || (diff <= abs_tol));
}

/* --------------------------------------------------------- integer maths */

static gboolean
int_arg (LsVM    *vm,
         LsValue  v,
         gint64  *out)
{
  if (LS_IS_FLOAT (v))
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "'float' object cannot be interpreted as an integer");
      return FALSE;
    }
  return ls_index_value (vm, v, out);
}

static guint64
gcd_u64 (guint64 a,
         guint64 b)
{
  while (b != 0)
    {
      guint64 t = a % b;

      a = b;
      b = t;
    }
  return a;
}

static LsValue
gcd_lcm (LsVM          *vm,
         const char    *fname,
         const LsValue *args,
         int            nargs,
         LsTuple       *kwnames,
         gboolean       lcm)
{
  guint64 acc = lcm ? 1 : 0;

  if (!_ls_check_no_kwargs (vm, fname, kwnames))
    return LS_ERR;
  for (int i = 0; i < nargs; i++)
    {
      gint64 v;
      guint64 u;

      if (!int_arg (vm, args[i], &v))
        return LS_ERR;
      u = v < 0 ? (guint64) 0 - (guint64) v : (guint64) v;
      if (!lcm)
        acc = gcd_u64 (acc, u);
      else if (acc == 0 || u == 0)
        acc = 0;
      else
        {
          unsigned __int128 m = (unsigned __int128) (acc / gcd_u64 (acc, u)) * u;

          if (m > G_MAXINT64)
            return int_overflow (vm);
          acc = (guint64) m;
        }
    }
  if (acc > G_MAXINT64)
    return int_overflow (vm);
  return ls_int ((gint64) acc);
}

static LsValue
math_gcd (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return gcd_lcm (vm, "gcd", args, nargs, kwnames, FALSE);
}

static LsValue
math_lcm (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return gcd_lcm (vm, "lcm", args, nargs, kwnames, TRUE);
}

static LsValue
math_factorial (LsVM          *vm,
                LsValue        self,
                const LsValue *args,
                int            nargs,
                LsTuple       *kwnames)
{
  gint64 n, r = 1;

  if (!positional (vm, "factorial", nargs, kwnames, 1, 1) || !int_arg (vm, args[0], &n))
    return LS_ERR;
  if (n < 0)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "factorial() not defined for negative values");
  if (n > 20)
    return int_overflow (vm);
  for (gint64 i = 2; i <= n; i++)
    r *= i;
  return ls_int (r);
}

static gboolean
nonneg_pair (LsVM          *vm,
             const LsValue *args,
             gint64        *n,
             gint64        *k)
{
  if (!int_arg (vm, args[0], n) || !int_arg (vm, args[1], k))
    return FALSE;
  if (*n < 0)
    {
      ls_raise (vm, LS_EXC_VALUE_ERROR, "n must be a non-negative integer");
      return FALSE;
    }
  if (*k < 0)
    {
      ls_raise (vm, LS_EXC_VALUE_ERROR, "k must be a non-negative integer");
      return FALSE;
    }
  return TRUE;
}

static LsValue
math_comb (LsVM          *vm,
           LsValue        self,
           const LsValue *args,
           int            nargs,
           LsTuple       *kwnames)
{
  gint64 n, k;
  unsigned __int128 r = 1;

  if (!positional (vm, "comb", nargs, kwnames, 2, 2) || !nonneg_pair (vm, args, &n, &k))
    return LS_ERR;
  if (k > n)
    return ls_int (0);
  k = MIN (k, n - k);
  for (gint64 i = 0; i < k; i++)
    {
      /* r * (n - i) is divisible by (i + 1): r is C(n, i) */
      r = r * (unsigned __int128) (n - i) / (unsigned __int128) (i + 1);
      if (r > G_MAXINT64)
        return int_overflow (vm);
    }
  return ls_int ((gint64) r);
}

static LsValue
math_perm (LsVM          *vm,
           LsValue        self,
           const LsValue *args,
           int            nargs,
           LsTuple       *kwnames)
{
  LsValue pa[2];
  gint64 n, k;
  __int128 r = 1;

  if (!positional (vm, "perm", nargs, kwnames, 1, 2))
    return LS_ERR;
  pa[0] = args[0];
  pa[1] = (nargs == 2 && !LS_IS_NONE (args[1])) ? args[1] : args[0];
  if (!nonneg_pair (vm, pa, &n, &k))
    return LS_ERR;
  if (k > n)
    return ls_int (0);
  for (gint64 i = 0; i < k; i++)
    {
      r *= n - i;
      if (r > G_MAXINT64)
        return int_overflow (vm);
    }
  return ls_int ((gint64) r);
}

static LsValue
math_isqrt (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  gint64 n;
  guint64 r;

  if (!positional (vm, "isqrt", nargs, kwnames, 1, 1) || !int_arg (vm, args[0], &n))
    return LS_ERR;
  if (n < 0)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "isqrt() argument must be nonnegative");
  r = (guint64) sqrt ((double) n);
  while (r > 0 && (unsigned __int128) r * r > (guint64) n)
    r--;
  while ((unsigned __int128) (r + 1) * (r + 1) <= (guint64) n)
    r++;
  return ls_int ((gint64) r);
}

/* ------------------------------------------------------- hypot, dist */

typedef struct
{
  double hi, lo;
} DoubleLength;

static inline DoubleLength
dl_mul (double x,
        double y)
{
  double z = x * y;

  return (DoubleLength) { z, fma (x, y, -z) };
}

static inline DoubleLength
dl_fast_sum (double a,
             double b)
{
  double x = a + b;

  return (DoubleLength) { x, (a - x) + b };
}

/* sqrt(sum(v*v)): power-of-two scaling, exact squares, compensated
 * summation and a differential correction of the root (as CPython 3.11). */
static double
vector_norm (gsize    n,
             double  *vec,
             double   max,
             gboolean found_nan)
{
  double x, h, scale, csum = 1.0, frac1 = 0.0, frac2 = 0.0;
  DoubleLength pr, sm;
  int max_e;

  if (isinf (max))
    return max;
  if (found_nan)
    return NAN;
  if (max == 0.0 || n <= 1)
    return max;
  frexp (max, &max_e);
  if (max_e < -1023)
    {
      for (gsize i = 0; i < n; i++)
        vec[i] /= DBL_MIN;
      return DBL_MIN * vector_norm (n, vec, max / DBL_MIN, found_nan);
    }
  scale = ldexp (1.0, -max_e);
  for (gsize i = 0; i < n; i++)
    {
      x = vec[i] * scale;
      pr = dl_mul (x, x);
      sm = dl_fast_sum (csum, pr.hi);
      csum = sm.hi;
      frac1 += pr.lo;
      frac2 += sm.lo;
    }
  h = sqrt (csum - 1.0 + (frac1 + frac2));
  pr = dl_mul (-h, h);
  sm = dl_fast_sum (csum, pr.hi);
  csum = sm.hi;
  frac1 += pr.lo;
  frac2 += sm.lo;
  x = csum - 1.0 + (frac1 + frac2);
  h += x / (2.0 * h);
  return h / scale;
}

static LsValue
math_hypot (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  g_autofree double *v = NULL;
  double max = 0.0;
  gboolean found_nan = FALSE;

  if (!_ls_check_no_kwargs (vm, "hypot", kwnames))
    return LS_ERR;
  v = g_new (double, MAX (nargs, 1));
  for (int i = 0; i < nargs; i++)
    {
      if (!arg_double (vm, args[i], &v[i]))
        return LS_ERR;
      v[i] = fabs (v[i]);
      found_nan |= isnan (v[i]);
      if (v[i] > max)
        max = v[i];
    }
  return ls_float (vector_norm (nargs, v, max, found_nan));
}

static LsValue
math_dist (LsVM          *vm,
           LsValue        self,
           const LsValue *args,
           int            nargs,
           LsTuple       *kwnames)
{
  g_autofree double *v = NULL;
  LsList *p, *q;
  double max = 0.0;
  gboolean found_nan = FALSE;

  if (!positional (vm, "dist", nargs, kwnames, 2, 2))
    return LS_ERR;
  p = ls_list_from_iterable (vm, args[0]);
  q = p ? ls_list_from_iterable (vm, args[1]) : NULL;
  if (q == NULL)
    return LS_ERR;
  if (p->len != q->len)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "both points must have the same number of dimensions");
  v = g_new (double, MAX (p->len, 1));
  for (gsize i = 0; i < p->len; i++)
    {
      double a, b;

      if (!arg_double (vm, p->items[i], &a) || !arg_double (vm, q->items[i], &b))
        return LS_ERR;
      v[i] = fabs (a - b);
      found_nan |= isnan (v[i]);
      if (v[i] > max)
        max = v[i];
    }
  return ls_float (vector_norm (p->len, v, max, found_nan));
}

/* ---------------------------------------------------------- fsum, prod */

/* Shewchuk's exact partial sums, rounded once at the end (as CPython). */
static LsValue
fsum_finish (LsVM    *vm,
             GArray  *partials,
             double   special_sum,
             double   inf_sum)
{
  double *p = (double *) partials->data, hi = 0.0, lo = 0.0, x, y, yr;
  gssize n = partials->len;

  if (special_sum != 0.0)
    {
      if (isnan (inf_sum))
        return ls_raise (vm, LS_EXC_VALUE_ERROR, "-inf + inf in fsum");
      return ls_float (special_sum);
    }
  if (n > 0)
    {
      hi = p[--n];
      while (n > 0)
        {
          x = hi;
          y = p[--n];
          hi = x + y;
          yr = hi - x;
          lo = y - yr;
          if (lo != 0.0)
            break;
        }
      /* round half-even correctly when the remaining partials push past a tie */
      if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)))
        {
          y = lo * 2.0;
          x = hi + y;
          yr = x - hi;
          if (y == yr)
            hi = x;
        }
    }
  return ls_float (hi);
}

static LsValue
math_fsum (LsVM          *vm,
           LsValue        self,
           const LsValue *args,
           int            nargs,
           LsTuple       *kwnames)
{
  g_autoptr (GArray) partials = g_array_new (FALSE, FALSE, sizeof (double));
  double special_sum = 0.0, inf_sum = 0.0;
  LsValue it, item = LS_UNDEF;
  int st;

  if (!positional (vm, "fsum", nargs, kwnames, 1, 1))
    return LS_ERR;
  it = ls_get_iter (vm, args[0]);
  if (LS_IS_ERR (it))
    return LS_ERR;
  while ((st = ls_iter_next (vm, it, &item)) > 0)
    {
      double x, xsave, *p = (double *) partials->data;
      guint i = 0;

      if (!arg_double (vm, item, &x))
        return LS_ERR;
      xsave = x;
      for (guint j = 0; j < partials->len; j++)
        {
          double y = p[j], hi, lo;

          if (fabs (x) < fabs (y))
            {
              double t = x;

              x = y;
              y = t;
            }
          hi = x + y;
          lo = y - (hi - x);
          if (lo != 0.0)
            p[i++] = lo;
          x = hi;
        }
      g_array_set_size (partials, i);
      if (x == 0.0)
        continue;
      if (!isfinite (x))
        {
          if (isfinite (xsave))
            return ls_raise (vm, LS_EXC_OVERFLOW_ERROR, "intermediate overflow in fsum");
          if (isinf (xsave))
            inf_sum += xsave;
          special_sum += xsave;
          g_array_set_size (partials, 0);
        }
      else
        g_array_append_val (partials, x);
    }
  if (st < 0)
    return LS_ERR;
  return fsum_finish (vm, partials, special_sum, inf_sum);
}

static LsValue
math_prod (LsVM          *vm,
           LsValue        self,
           const LsValue *args,
           int            nargs,
           LsTuple       *kwnames)
{
  static const char *const kw[] = { "start", NULL };
  LsValue start = LS_UNDEF, acc, it, item = LS_UNDEF;
  int st;

  if (!_ls_take_kwargs (vm, "prod", args, nargs, kwnames, kw, &start)
      || !_ls_check_nargs (vm, "prod", nargs, 1, 1))
    return LS_ERR;
  acc = LS_IS_UNDEF (start) ? ls_int (1) : start;
  it = ls_get_iter (vm, args[0]);
  if (LS_IS_ERR (it))
    return LS_ERR;
  while ((st = ls_iter_next (vm, it, &item)) > 0)
    {
      acc = ls_binary_op (vm, acc, item, LS_BINOP_MUL);
      if (LS_IS_ERR (acc))
        return LS_ERR;
    }
  return st < 0 ? LS_ERR : acc;
}

/* ------------------------------------------------------------------ init */

static const LsModFunc math_funcs[] = {
  { "log", math_log }, { "log2", math_log2 }, { "log10", math_log10 },
  { "floor", math_floor }, { "ceil", math_ceil }, { "trunc", math_trunc },
  { "pow", math_pow }, { "atan2", math_atan2 }, { "copysign", math_copysign },
  { "fmod", math_fmod }, { "remainder", math_remainder }, { "ldexp", math_ldexp },
  { "frexp", math_frexp }, { "modf", math_modf }, { "degrees", math_degrees },
  { "radians", math_radians }, { "isnan", math_isnan }, { "isinf", math_isinf },
  { "isfinite", math_isfinite }, { "isclose", math_isclose }, { "gcd", math_gcd },
  { "lcm", math_lcm }, { "factorial", math_factorial }, { "comb", math_comb },
  { "perm", math_perm }, { "isqrt", math_isqrt }, { "hypot", math_hypot },
  { "dist", math_dist }, { "fsum", math_fsum }, { "prod", math_prod },
  { "gamma", math_gamma }, { "lgamma", math_lgamma },
  { NULL, NULL }
};

gboolean
_ls_mod_math_init (LsVM   *vm,
                   LsDict *dict)
{
  _ls_mod_add_funcs (vm, dict, math_funcs, LS_UNDEF);
  for (gsize i = 0; i < G_N_ELEMENTS (funcs1); i++)
    ls_dict_set_cstr (vm, dict, funcs1[i].name,
                      ls_native_new (vm, funcs1[i].name, math_func1, ls_int ((gint64) i)));
  ls_dict_set_cstr (vm, dict, "pi", ls_float (G_PI));
  ls_dict_set_cstr (vm, dict, "e", ls_float (G_E));
  ls_dict_set_cstr (vm, dict, "tau", ls_float (2 * G_PI));
  ls_dict_set_cstr (vm, dict, "inf", ls_float (INFINITY));
  ls_dict_set_cstr (vm, dict, "nan", ls_float (NAN));
  return TRUE;
}
