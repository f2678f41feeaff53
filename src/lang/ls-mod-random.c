/* ls-mod-random.c: the random module. A Mersenne Twister seeded and consumed
 * exactly as CPython 3.11 does, so that random.seed(42) followed by any of
 * random/randint/choice/shuffle/sample/... gives CPython's numbers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ls-lang.h"
#include "ls-modules-private.h"

#define MT_N 624
#define MT_M 397

typedef struct
{
  guint32  mt[MT_N];
  int      index;
  gboolean has_gauss;     /* gauss() keeps its second value */
  double   gauss_next;
} RandomState;

static void
random_trace (LsVM    *vm,
              LsCData *self)
{
  /* the state holds no values */
}

static const LsCDataClass random_class = { "Random", random_trace, NULL, NULL, NULL };

/* --------------------------------------------------------- Mersenne Twister */

static void
mt_init_genrand (RandomState *st,
                 guint32      s)
{
  st->mt[0] = s;
  for (int i = 1; i < MT_N; i++)
    st->mt[i] = 1812433253u * (st->mt[i - 1] ^ (st->mt[i - 1] >> 30)) + (guint32) i;
  st->index = MT_N;
}

static void
mt_init_by_array (RandomState   *st,
                  const guint32 *key,
                  gsize          key_length)
{
  gsize i = 1, j = 0, k;

  mt_init_genrand (st, 19650218u);
  for (k = MAX (MT_N, key_length); k > 0; k--)
    {
      st->mt[i] = (st->mt[i] ^ ((st->mt[i - 1] ^ (st->mt[i - 1] >> 30)) * 1664525u))
                  + key[j] + (guint32) j;
      i++;
      j++;
      if (i >= MT_N)
        {
          st->mt[0] = st->mt[MT_N - 1];
          i = 1;
        }
      if (j >= key_length)
        j = 0;
    }
  for (k = MT_N - 1; k > 0; k--)
    {
      st->mt[i] = (st->mt[i] ^ ((st->mt[i - 1] ^ (st->mt[i - 1] >> 30)) * 1566083941u))
                  - (guint32) i;
      i++;
      if (i >= MT_N)
        {
          st->mt[0] = st->mt[MT_N - 1];
          i = 1;
        }
    }
  st->mt[0] = 0x80000000u;
  st->index = MT_N;
}

static guint32
mt_next (RandomState *st)
{
  static const guint32 mag01[2] = { 0x0u, 0x9908b0dfu };
  guint32 y;

  if (st->index >= MT_N)
    {
      int kk;

      for (kk = 0; kk < MT_N - MT_M; kk++)
        {
          y = (st->mt[kk] & 0x80000000u) | (st->mt[kk + 1] & 0x7fffffffu);
          st->mt[kk] = st->mt[kk + MT_M] ^ (y >> 1) ^ mag01[y & 1];
        }
      for (; kk < MT_N - 1; kk++)
        {
          y = (st->mt[kk] & 0x80000000u) | (st->mt[kk + 1] & 0x7fffffffu);
          st->mt[kk] = st->mt[kk + (MT_M - MT_N)] ^ (y >> 1) ^ mag01[y & 1];
        }
      y = (st->mt[MT_N - 1] & 0x80000000u) | (st->mt[0] & 0x7fffffffu);
      st->mt[MT_N - 1] = st->mt[MT_M - 1] ^ (y >> 1) ^ mag01[y & 1];
      st->index = 0;
    }
  y = st->mt[st->index++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= y >> 18;
  return y;
}

/* random(): 53 random bits from two draws */
static double
mt_random (RandomState *st)
{
  guint32 a = mt_next (st) >> 5, b = mt_next (st) >> 6;

  return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

/* getrandbits(k) for 0 <= k <= 64: 32-bit words from the least significant */
static guint64
mt_bits (RandomState *st,
         int          k)
{
  guint64 r = 0;

  if (k == 0)
    return 0;
  if (k <= 32)
    return mt_next (st) >> (32 - k);
  r = mt_next (st);
  r |= (guint64) (mt_next (st) >> (64 - k)) << 32;
  return r;
}

/* _randbelow_with_getrandbits: rejection sampling on bit_length(n) bits */
static gint64
mt_below (RandomState *st,
          guint64      n)
{
  int k = n == 0 ? 0 : 64 - __builtin_clzll (n);
  guint64 r = mt_bits (st, k);

  while (r >= n)
    r = mt_bits (st, k);
  return (gint64) r;
}

/* ------------------------------------------------------------------ seeding */

/* Seeds from a big-endian magnitude of any length (CPython splits the
 * integer into 32-bit words starting at the least significant). */
static void
seed_from_bytes (RandomState  *st,
                 const guint8 *be,
                 gsize         len)
{
  g_autofree guint32 *key = NULL;
  gsize nwords;

  while (len > 0 && be[0] == 0)
    {
      be++;
      len--;
    }
  nwords = len == 0 ? 1 : (len + 3) / 4;
  key = g_new0 (guint32, nwords);
  for (gsize i = 0; i < len; i++)
    {
      gsize bytepos = len - 1 - i;   /* i-th least significant byte */

      key[i / 4] |= (guint32) be[bytepos] << (8 * (i % 4));
    }
  mt_init_by_array (st, key, nwords);
}

static void
seed_from_u64 (RandomState *st,
               guint64      n)
{
  guint8 be[8];

  for (int i = 0; i < 8; i++)
    be[i] = (guint8) (n >> (8 * (7 - i)));
  seed_from_bytes (st, be, 8);
}

static void
seed_from_str (RandomState *st,
               LsStr       *s)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA512);
  gsize dlen = 64;
  g_autofree guint8 *buf = g_malloc (s->len + 64);

  g_checksum_update (sum, (const guchar *) s->data, s->len);
  memcpy (buf, s->data, s->len);
  g_checksum_get_digest (sum, buf + s->len, &dlen);
  seed_from_bytes (st, buf, s->len + dlen);
}

static void
seed_from_entropy (RandomState *st)
{
  guint32 key[MT_N];

  for (int i = 0; i < MT_N; i++)
    key[i] = g_random_int ();
  key[0] ^= (guint32) g_get_real_time ();
  mt_init_by_array (st, key, MT_N);
}

static gboolean
random_do_seed (LsVM        *vm,
                RandomState *st,
                LsValue      a)
{
  gint64 h;

  st->has_gauss = FALSE;
  if (LS_IS_UNDEF (a) || LS_IS_NONE (a))
    seed_from_entropy (st);
  else if (LS_IS_INTLIKE (a))
    {
      gint64 i = LS_AS_INT (a);

      seed_from_u64 (st, i < 0 ? (guint64) 0 - (guint64) i : (guint64) i);
    }
  else if (_ls_is_str (a))
    seed_from_str (st, _ls_as_str (a));
  else if (LS_IS_FLOAT (a))
    {
      if (!ls_hash (vm, a, &h))
        return FALSE;
      seed_from_u64 (st, (guint64) h);   /* size_t of the hash, not its absolute value */
    }
  else
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "The only supported seed types are: None,\n"
                "int, float, str, bytes, and bytearray.");
      return FALSE;
    }
  return TRUE;
}

/* -------------------------------------------------------------- the methods */

static RandomState *
state_of (LsVM       *vm,
          LsValue     self,
          const char *method)
{
  RandomState *st = _ls_cdata_get (self, &random_class);

  if (st == NULL)
    ls_raise (vm, LS_EXC_TYPE_ERROR,
              "descriptor '%s' for 'Random' objects doesn't apply to a '%s' object",
              method, ls_type_name (vm, self));
  return st;
}

/* Collects positional and keyword arguments by name (names NULL-terminated). */
static gboolean
collect_args (LsVM              *vm,
              const char        *fname,
              const LsValue     *args,
              int                nargs,
              LsTuple           *kwnames,
              const char *const *names,
              int                n_required,
              LsValue           *out)
{
  int n_names = 0;

  while (names[n_names] != NULL)
    n_names++;
  if (nargs > n_names)
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "Random.%s() takes from %d to %d positional arguments but %d were given",
                fname, n_required + 1, n_names + 1, nargs + 1);
      return FALSE;
    }
  for (int i = 0; i < nargs; i++)
    out[i] = args[i];
  if (!_ls_take_kwargs (vm, fname, args, nargs, kwnames, names, out))
    return FALSE;
  for (int i = 0; i < n_required; i++)
    if (LS_IS_UNDEF (out[i]))
      {
        ls_raise (vm, LS_EXC_TYPE_ERROR, "Random.%s() missing 1 required positional argument: '%s'",
                  fname, names[i]);
        return FALSE;
      }
  return TRUE;
}

static LsValue
rnd_seed (LsVM          *vm,
          LsValue        self,
          const LsValue *args,
          int            nargs,
          LsTuple       *kwnames)
{
  static const char *const names[] = { "a", "version", NULL };
  LsValue a[2] = { LS_UNDEF, LS_UNDEF };
  RandomState *st = state_of (vm, self, "seed");

  if (st == NULL || !collect_args (vm, "seed", args, nargs, kwnames, names, 0, a)
      || !random_do_seed (vm, st, a[0]))
    return LS_ERR;
  return LS_NONE;
}

static LsValue
rnd_random (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  RandomState *st = state_of (vm, self, "random");

  if (st == NULL || !_ls_check_no_kwargs (vm, "random", kwnames))
    return LS_ERR;
  if (nargs != 0)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "random() takes no arguments (%d given)", nargs);
  return ls_float (mt_random (st));
}

static LsValue
rnd_getrandbits (LsVM          *vm,
                 LsValue        self,
                 const LsValue *args,
                 int            nargs,
                 LsTuple       *kwnames)
{
  RandomState *st = state_of (vm, self, "getrandbits");
  gint64 k;

  if (st == NULL || !_ls_check_one (vm, "getrandbits", nargs, kwnames)
      || !ls_index_value (vm, args[0], &k))
    return LS_ERR;
  if (k < 0)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "number of bits must be non-negative");
  if (k > 63)
    return ls_raise (vm, LS_EXC_OVERFLOW_ERROR, "integer overflow: result does not fit in 64 bits");
  return ls_int ((gint64) mt_bits (st, (int) k));
}

/* An integer argument of randrange(): ints, or integral floats (deprecated in CPython). */
static gboolean
randrange_int (LsVM       *vm,
               LsValue     v,
               const char *what,
               gint64     *out)
{
  if (LS_IS_FLOAT (v))
    {
      double f = LS_AS_FLOAT (v);

      if (f != trunc (f) || !isfinite (f))
        {
          if (!isfinite (f))
            ls_raise (vm, isinf (f) ? LS_EXC_OVERFLOW_ERROR : LS_EXC_VALUE_ERROR,
                      isinf (f) ? "cannot convert float infinity to integer"
                                : "cannot convert float NaN to integer");
          else
            ls_raise (vm, LS_EXC_VALUE_ERROR, "non-integer %s for randrange()", what);
          return FALSE;
        }
      *out = (gint64) f;
      return TRUE;
    }
  return ls_index_value (vm, v, out);
}

static LsValue
randrange_impl (LsVM        *vm,
                RandomState *st,
                LsValue      start,
                LsValue      stop,
                LsValue      step)
{
  gint64 istart, istop, istep = 1, width, n;

  if (!randrange_int (vm, start, "arg 1", &istart))
    return LS_ERR;
  if (LS_IS_UNDEF (stop) || LS_IS_NONE (stop))
    {
      if (!LS_IS_UNDEF (step))
        return ls_raise (vm, LS_EXC_TYPE_ERROR, "Missing a non-None stop argument");
      if (istart > 0)
        return ls_int (mt_below (st, (guint64) istart));
      return ls_raise (vm, LS_EXC_VALUE_ERROR, "empty range for randrange()");
    }
  if (!randrange_int (vm, stop, "stop", &istop))
    return LS_ERR;
  if (__builtin_sub_overflow (istop, istart, &width))
    return ls_raise (vm, LS_EXC_OVERFLOW_ERROR, "integer overflow: result does not fit in 64 bits");
  if (!LS_IS_UNDEF (step) && !randrange_int (vm, step, "step", &istep))
    return LS_ERR;
  if (istep == 1)
    {
      if (width > 0)
        return ls_int (istart + mt_below (st, (guint64) width));
      return ls_raise (vm, LS_EXC_VALUE_ERROR,
                       "empty range for randrange() (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                       ", %" G_GINT64_FORMAT ")", istart, istop, width);
    }
  if (istep == 0)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "zero step for randrange()");
  /* floor division as in Python */
  {
    gint64 num = istep > 0 ? width + istep - 1 : width + istep + 1;

    n = num / istep;
    if ((num % istep != 0) && ((num < 0) != (istep < 0)))
      n -= 1;
  }
  if (n <= 0)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "empty range for randrange()");
  return ls_int (istart + istep * mt_below (st, (guint64) n));
}

static LsValue
rnd_randrange (LsVM          *vm,
               LsValue        self,
               const LsValue *args,
               int            nargs,
               LsTuple       *kwnames)
{
  static const char *const names[] = { "start", "stop", "step", NULL };
  LsValue a[3] = { LS_UNDEF, LS_UNDEF, LS_UNDEF };
  RandomState *st = state_of (vm, self, "randrange");

  if (st == NULL || !collect_args (vm, "randrange", args, nargs, kwnames, names, 1, a))
    return LS_ERR;
  return randrange_impl (vm, st, a[0], a[1], a[2]);
}

static LsValue
rnd_randint (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  static const char *const names[] = { "a", "b", NULL };
  LsValue a[2] = { LS_UNDEF, LS_UNDEF }, stop;
  RandomState *st = state_of (vm, self, "randint");

  if (st == NULL || !collect_args (vm, "randint", args, nargs, kwnames, names, 2, a))
    return LS_ERR;
  stop = ls_binary_op (vm, a[1], ls_int (1), LS_BINOP_ADD);
  if (LS_IS_ERR (stop))
    return LS_ERR;
  return randrange_impl (vm, st, a[0], stop, LS_UNDEF);
}

static LsValue
rnd_choice (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  static const char *const names[] = { "seq", NULL };
  LsValue a[1] = { LS_UNDEF };
  RandomState *st = state_of (vm, self, "choice");
  gint64 n;

  if (st == NULL || !collect_args (vm, "choice", args, nargs, kwnames, names, 1, a)
      || !ls_len (vm, a[0], &n))
    return LS_ERR;
  if (n == 0)
    return ls_raise (vm, LS_EXC_INDEX_ERROR, "Cannot choose from an empty sequence");
  return ls_getitem (vm, a[0], ls_int (mt_below (st, (guint64) n)));
}

static LsValue
rnd_shuffle (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  static const char *const names[] = { "x", NULL };
  LsValue a[1] = { LS_UNDEF };
  RandomState *st = state_of (vm, self, "shuffle");
  gint64 n;

  if (st == NULL || !collect_args (vm, "shuffle", args, nargs, kwnames, names, 1, a)
      || !ls_len (vm, a[0], &n))
    return LS_ERR;
  for (gint64 i = n - 1; i >= 1; i--)
    {
      gint64 j = mt_below (st, (guint64) i + 1);

      if (LS_OBJ_IS (a[0], LS_OBJ_LIST) && ((LsList *) LS_AS_OBJ (a[0]))->len == (gsize) n)
        {
          LsValue *items = ((LsList *) LS_AS_OBJ (a[0]))->items, t = items[i];

          items[i] = items[j];
          items[j] = t;
        }
      else
        {
          LsValue xi = ls_getitem (vm, a[0], ls_int (i)), xj;

          if (LS_IS_ERR (xi))
            return LS_ERR;
          xj = ls_getitem (vm, a[0], ls_int (j));
          if (LS_IS_ERR (xj) || ls_setitem (vm, a[0], ls_int (i), xj) < 0
              || ls_setitem (vm, a[0], ls_int (j), xi) < 0)
            return LS_ERR;
        }
    }
  return LS_NONE;
}

static gboolean
is_sequence (LsVM    *vm,
             LsValue  v)
{
  LsType *t;

  if (LS_OBJ_IS (v, LS_OBJ_LIST) || LS_OBJ_IS (v, LS_OBJ_TUPLE) || LS_OBJ_IS (v, LS_OBJ_STR)
      || LS_OBJ_IS (v, LS_OBJ_RANGE))
    return TRUE;
  if (!LS_OBJ_IS (v, LS_OBJ_INSTANCE) && !LS_OBJ_IS (v, LS_OBJ_CDATA))
    return FALSE;
  t = ls_typeof (vm, v);
  return !LS_IS_UNDEF (ls_type_lookup (t, LS_NAME (vm, __getitem__)))
         && !LS_IS_UNDEF (ls_type_lookup (t, LS_NAME (vm, __len__)));
}

/* Python's bisect_right(a, x, lo, hi) */
static gint64
bisect_right (LsVM    *vm,
              LsList  *a,
              LsValue  x,
              gint64   lo,
              gint64   hi)
{
  while (lo < hi)
    {
      gint64 mid = (lo + hi) / 2;
      int lt = ls_less (vm, x, a->items[mid]);

      if (lt < 0)
        return -1;
      if (lt)
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo;
}

static LsList *
accumulate (LsVM    *vm,
            LsValue  iterable)
{
  LsList *src = ls_list_from_iterable (vm, iterable);

  if (src == NULL)
    return NULL;
  for (gsize i = 1; i < src->len; i++)
    {
      src->items[i] = ls_binary_op (vm, src->items[i - 1], src->items[i], LS_BINOP_ADD);
      if (LS_IS_ERR (src->items[i]))
        return NULL;
    }
  return src;
}

static LsValue sample_impl (LsVM *vm, RandomState *st, LsValue population, LsValue kv, LsValue counts);

static LsValue
sample_counts (LsVM        *vm,
               RandomState *st,
               LsValue      population,
               gint64       n,
               LsValue      kv,
               LsValue      counts)
{
  LsList *cum = accumulate (vm, counts), *sel, *out;
  LsValue total, picks;

  if (cum == NULL)
    return LS_ERR;
  if ((gint64) cum->len != n)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "The number of counts does not match the population");
  total = cum->items[--cum->len];
  if (!LS_IS_INT (total))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "Counts must be integers");
  if (LS_AS_INT (total) <= 0)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "Total of counts must be greater than zero");
  picks = sample_impl (vm, st, ls_range_new (vm, 0, LS_AS_INT (total), 1), kv, LS_UNDEF);
  if (LS_IS_ERR (picks))
    return LS_ERR;
  sel = (LsList *) LS_AS_OBJ (picks);
  out = ls_list_new (vm, sel->len);
  for (gsize i = 0; i < sel->len; i++)
    {
      gint64 idx = bisect_right (vm, cum, sel->items[i], 0, cum->len);
      LsValue v;

      if (idx < 0)
        return LS_ERR;
      v = ls_getitem (vm, population, ls_int (idx));
      if (LS_IS_ERR (v))
        return LS_ERR;
      ls_list_append (vm, out, v);
    }
  return ls_obj (out);
}

static LsValue
sample_impl (LsVM        *vm,
             RandomState *st,
             LsValue      population,
             LsValue      kv,
             LsValue      counts)
{
  gint64 n, k, setsize = 21;
  LsList *result;

  if (!is_sequence (vm, population))
    return ls_raise (vm, LS_EXC_TYPE_ERROR,
                     "Population must be a sequence.  For dicts or sets, use sorted(d).");
  if (!ls_len (vm, population, &n))
    return LS_ERR;
  if (!LS_IS_UNDEF (counts) && !LS_IS_NONE (counts))
    return sample_counts (vm, st, population, n, kv, counts);
  if (!ls_index_value (vm, kv, &k))
    return LS_ERR;
  if (k < 0 || k > n)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "Sample larger than population or is negative");
  if (k > 5)
    setsize += (gint64) pow (4.0, ceil (log ((double) (k * 3)) / log (4.0)));
  result = ls_list_new (vm, k);
  if (n <= setsize)
    {
      LsList *pool = ls_list_from_iterable (vm, population);

      if (pool == NULL)
        return LS_ERR;
      for (gint64 i = 0; i < k; i++)
        {
          gint64 j = mt_below (st, (guint64) (n - i));

          ls_list_append (vm, result, pool->items[j]);
          pool->items[j] = pool->items[n - i - 1];
        }
    }
  else
    {
      g_autoptr (GHashTable) selected = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autofree gint64 *picked = g_new (gint64, MAX (k, 1));

      for (gint64 i = 0; i < k; i++)
        {
          gint64 j = mt_below (st, (guint64) n);
          LsValue v;

          while (g_hash_table_contains (selected, &j))
            j = mt_below (st, (guint64) n);
          picked[i] = j;
          g_hash_table_add (selected, &picked[i]);
          v = ls_getitem (vm, population, ls_int (j));
          if (LS_IS_ERR (v))
            return LS_ERR;
          ls_list_append (vm, result, v);
        }
    }
  return ls_obj (result);
}

static LsValue
rnd_sample (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  static const char *const names[] = { "population", "k", "counts", NULL };
  LsValue a[3] = { LS_UNDEF, LS_UNDEF, LS_UNDEF };
  RandomState *st = state_of (vm, self, "sample");

  if (st == NULL)
    return LS_ERR;
  if (nargs > 2)
    return ls_raise (vm, LS_EXC_TYPE_ERROR,
                     "Random.sample() takes 3 positional arguments but %d were given", nargs + 1);
  if (!collect_args (vm, "sample", args, nargs, kwnames, names, 2, a))
    return LS_ERR;
  return sample_impl (vm, st, a[0], a[1], a[2]);
}

static LsValue
choices_uniform (LsVM        *vm,
                 RandomState *st,
                 LsValue      population,
                 gint64       n,
                 gint64       k)
{
  LsList *out = ls_list_new (vm, MAX (k, 0));

  for (gint64 i = 0; i < k; i++)
    {
      LsValue v = ls_getitem (vm, population, ls_int ((gint64) floor (mt_random (st) * (double) n)));

      if (LS_IS_ERR (v))
        return LS_ERR;
      ls_list_append (vm, out, v);
    }
  return ls_obj (out);
}

static LsValue
rnd_choices (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  static const char *const names[] = { "population", "weights", "cum_weights", "k", NULL };
  LsValue a[4] = { LS_UNDEF, LS_UNDEF, LS_UNDEF, LS_UNDEF }, totalv;
  RandomState *st = state_of (vm, self, "choices");
  LsList *cum, *out;
  gint64 n, k = 1;
  double total;

  if (st == NULL)
    return LS_ERR;
  if (nargs > 2)
    return ls_raise (vm, LS_EXC_TYPE_ERROR,
                     "Random.choices() takes from 2 to 3 positional arguments but %d were given", nargs + 1);
  if (!collect_args (vm, "choices", args, nargs, kwnames, names, 1, a) || !ls_len (vm, a[0], &n))
    return LS_ERR;
  if (!LS_IS_UNDEF (a[3]) && !ls_index_value (vm, a[3], &k))
    return LS_ERR;
  if (LS_IS_UNDEF (a[2]) || LS_IS_NONE (a[2]))
    {
      if (LS_IS_UNDEF (a[1]) || LS_IS_NONE (a[1]))
        return choices_uniform (vm, st, a[0], n, k);
      if (LS_IS_INT (a[1]))
        return ls_raise (vm, LS_EXC_TYPE_ERROR,
                         "The number of choices must be a keyword argument: k=%" G_GINT64_FORMAT,
                         LS_AS_INT (a[1]));
      cum = accumulate (vm, a[1]);
    }
  else if (!LS_IS_UNDEF (a[1]) && !LS_IS_NONE (a[1]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "Cannot specify both weights and cumulative weights");
  else
    cum = ls_list_from_iterable (vm, a[2]);
  if (cum == NULL)
    return LS_ERR;
  if ((gint64) cum->len != n)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "The number of weights does not match the population");
  if (n == 0)
    return ls_raise (vm, LS_EXC_INDEX_ERROR, "list index out of range");
  totalv = ls_binary_op (vm, cum->items[n - 1], ls_float (0.0), LS_BINOP_ADD);
  if (LS_IS_ERR (totalv) || !_ls_value_as_double (vm, totalv, &total))
    return LS_ERR;
  if (total <= 0.0)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "Total of weights must be greater than zero");
  if (!isfinite (total))
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "Total of weights must be finite");
  out = ls_list_new (vm, MAX (k, 0));
  for (gint64 i = 0; i < k; i++)
    {
      gint64 idx = bisect_right (vm, cum, ls_float (mt_random (st) * total), 0, n - 1);
      LsValue v;

      if (idx < 0)
        return LS_ERR;
      v = ls_getitem (vm, a[0], ls_int (idx));
      if (LS_IS_ERR (v))
        return LS_ERR;
      ls_list_append (vm, out, v);
    }
  return ls_obj (out);
}

static LsValue
rnd_uniform (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  static const char *const names[] = { "a", "b", NULL };
  LsValue a[2] = { LS_UNDEF, LS_UNDEF }, d;
  RandomState *st = state_of (vm, self, "uniform");

  if (st == NULL || !collect_args (vm, "uniform", args, nargs, kwnames, names, 2, a))
    return LS_ERR;
  /* a + (b - a) * random(), with Python's arithmetic on a and b */
  d = ls_binary_op (vm, a[1], a[0], LS_BINOP_SUB);
  if (LS_IS_ERR (d))
    return LS_ERR;
  d = ls_binary_op (vm, d, ls_float (mt_random (st)), LS_BINOP_MUL);
  if (LS_IS_ERR (d))
    return LS_ERR;
  return ls_binary_op (vm, a[0], d, LS_BINOP_ADD);
}

/* Float arguments of the distributions, with defaults for missing ones. */
static gboolean
float_args (LsVM              *vm,
            const char        *fname,
            const LsValue     *args,
            int                nargs,
            LsTuple           *kwnames,
            const char *const *names,
            int                n_required,
            const double      *defaults,
            double            *out)
{
  LsValue a[4] = { LS_UNDEF, LS_UNDEF, LS_UNDEF, LS_UNDEF };

  if (!collect_args (vm, fname, args, nargs, kwnames, names, n_required, a))
    return FALSE;
  for (int i = 0; names[i] != NULL; i++)
    {
      if (LS_IS_UNDEF (a[i]))
        out[i] = defaults[i];
      else if (!_ls_value_as_double (vm, a[i], &out[i]))
        return FALSE;
    }
  return TRUE;
}

static double
gauss_draw (RandomState *st)
{
  double z, x2pi, g2rad;

  if (st->has_gauss)
    {
      st->has_gauss = FALSE;
      return st->gauss_next;
    }
  x2pi = mt_random (st) * (2.0 * G_PI);
  g2rad = sqrt (-2.0 * log (1.0 - mt_random (st)));
  z = cos (x2pi) * g2rad;
  st->gauss_next = sin (x2pi) * g2rad;
  st->has_gauss = TRUE;
  return z;
}

static LsValue
rnd_gauss (LsVM          *vm,
           LsValue        self,
           const LsValue *args,
           int            nargs,
           LsTuple       *kwnames)
{
  static const char *const names[] = { "mu", "sigma", NULL };
  static const double defaults[] = { 0.0, 1.0 };
  RandomState *st = state_of (vm, self, "gauss");
  double p[2];

  if (st == NULL || !float_args (vm, "gauss", args, nargs, kwnames, names, 0, defaults, p))
    return LS_ERR;
  return ls_float (p[0] + gauss_draw (st) * p[1]);
}

static double
normal_draw (RandomState *st)
{
  const double nv_magic = 4 * exp (-0.5) / sqrt (2.0);

  for (;;)
    {
      double u1 = mt_random (st), u2 = 1.0 - mt_random (st);
      double z = nv_magic * (u1 - 0.5) / u2;

      if (z * z / 4.0 <= -log (u2))
        return z;
    }
}

static LsValue
rnd_normalvariate (LsVM          *vm,
                   LsValue        self,
                   const LsValue *args,
                   int            nargs,
                   LsTuple       *kwnames)
{
  static const char *const names[] = { "mu", "sigma", NULL };
  static const double defaults[] = { 0.0, 1.0 };
  RandomState *st = state_of (vm, self, "normalvariate");
  double p[2];

  if (st == NULL || !float_args (vm, "normalvariate", args, nargs, kwnames, names, 0, defaults, p))
    return LS_ERR;
  return ls_float (p[0] + normal_draw (st) * p[1]);
}

static LsValue
rnd_lognormvariate (LsVM          *vm,
                    LsValue        self,
                    const LsValue *args,
                    int            nargs,
                    LsTuple       *kwnames)
{
  static const char *const names[] = { "mu", "sigma", NULL };
  static const double defaults[] = { 0.0, 1.0 };
  RandomState *st = state_of (vm, self, "lognormvariate");
  double p[2];

  if (st == NULL || !float_args (vm, "lognormvariate", args, nargs, kwnames, names, 2, defaults, p))
    return LS_ERR;
  return ls_float (exp (p[0] + normal_draw (st) * p[1]));
}

static LsValue
rnd_expovariate (LsVM          *vm,
                 LsValue        self,
                 const LsValue *args,
                 int            nargs,
                 LsTuple       *kwnames)
{
  static const char *const names[] = { "lambd", NULL };
  static const double defaults[] = { 1.0 };
  RandomState *st = state_of (vm, self, "expovariate");
  double p[1];

  if (st == NULL || !float_args (vm, "expovariate", args, nargs, kwnames, names, 1, defaults, p))
    return LS_ERR;
  if (p[0] == 0.0)
    return ls_raise (vm, LS_EXC_ZERO_DIVISION_ERROR, "float division by zero");
  return ls_float (-log (1.0 - mt_random (st)) / p[0]);
}

static LsValue
rnd_triangular (LsVM          *vm,
                LsValue        self,
                const LsValue *args,
                int            nargs,
                LsTuple       *kwnames)
{
  static const char *const names[] = { "low", "high", "mode", NULL };
  LsValue a[3] = { LS_UNDEF, LS_UNDEF, LS_UNDEF };
  RandomState *st = state_of (vm, self, "triangular");
  double low = 0.0, high = 1.0, u, c;

  if (st == NULL || !collect_args (vm, "triangular", args, nargs, kwnames, names, 0, a)
      || (!LS_IS_UNDEF (a[0]) && !_ls_value_as_double (vm, a[0], &low))
      || (!LS_IS_UNDEF (a[1]) && !_ls_value_as_double (vm, a[1], &high)))
    return LS_ERR;
  u = mt_random (st);
  if (LS_IS_UNDEF (a[2]) || LS_IS_NONE (a[2]))
    c = 0.5;
  else
    {
      double mode;

      if (!_ls_value_as_double (vm, a[2], &mode))
        return LS_ERR;
      if (high - low == 0.0)
        return LS_IS_UNDEF (a[0]) ? ls_float (low) : a[0];
      c = (mode - low) / (high - low);
    }
  if (u > c)
    {
      double t = low;

      u = 1.0 - u;
      c = 1.0 - c;
      low = high;
      high = t;
    }
  return ls_float (low + (high - low) * sqrt (u * c));
}

static gboolean
gamma_draw (LsVM        *vm,
            RandomState *st,
            double       alpha,
            double       beta,
            double      *out)
{
  if (alpha <= 0.0 || beta <= 0.0)
    {
      ls_raise (vm, LS_EXC_VALUE_ERROR, "gammavariate: alpha and beta must be > 0.0");
      return FALSE;
    }
  if (alpha > 1.0)
    {
      double ainv = sqrt (2.0 * alpha - 1.0), bbb = alpha - log (4.0), ccc = alpha + ainv;
      const double sg_magic = 1.0 + log (4.5);

      for (;;)
        {
          double u1 = mt_random (st), u2, v, x, z, r;

          if (!(1e-7 < u1 && u1 < 0.9999999))
            continue;
          u2 = 1.0 - mt_random (st);
          v = log (u1 / (1.0 - u1)) / ainv;
          x = alpha * exp (v);
          z = u1 * u1 * u2;
          r = bbb + ccc * v - x;
          if (r + sg_magic - 4.5 * z >= 0.0 || r >= log (z))
            {
              *out = x * beta;
              return TRUE;
            }
        }
    }
  if (alpha == 1.0)
    {
      *out = -log (1.0 - mt_random (st)) * beta;
      return TRUE;
    }
  for (;;)
    {
      double u = mt_random (st), b = (G_E + alpha) / G_E, p = b * u, x, u1;

      x = p <= 1.0 ? pow (p, 1.0 / alpha) : -log ((b - p) / alpha);
      u1 = mt_random (st);
      if (p > 1.0 ? u1 <= pow (x, alpha - 1.0) : u1 <= exp (-x))
        {
          *out = x * beta;
          return TRUE;
        }
    }
}

static LsValue
rnd_gammavariate (LsVM          *vm,
                  LsValue        self,
                  const LsValue *args,
                  int            nargs,
                  LsTuple       *kwnames)
{
  static const char *const names[] = { "alpha", "beta", NULL };
  static const double defaults[] = { 1.0, 1.0 };
  RandomState *st = state_of (vm, self, "gammavariate");
  double p[2], r;

  if (st == NULL || !float_args (vm, "gammavariate", args, nargs, kwnames, names, 2, defaults, p)
      || !gamma_draw (vm, st, p[0], p[1], &r))
    return LS_ERR;
  return ls_float (r);
}

static LsValue
rnd_betavariate (LsVM          *vm,
                 LsValue        self,
                 const LsValue *args,
                 int            nargs,
                 LsTuple       *kwnames)
{
  static const char *const names[] = { "alpha", "beta", NULL };
  static const double defaults[] = { 1.0, 1.0 };
  RandomState *st = state_of (vm, self, "betavariate");
  double p[2], y, y2;

  if (st == NULL || !float_args (vm, "betavariate", args, nargs, kwnames, names, 2, defaults, p)
      || !gamma_draw (vm, st, p[0], 1.0, &y))
    return LS_ERR;
  if (y == 0.0)
    return ls_float (0.0);
  if (!gamma_draw (vm, st, p[1], 1.0, &y2))
    return LS_ERR;
  return ls_float (y / (y + y2));
}

static LsValue
rnd_paretovariate (LsVM          *vm,
                   LsValue        self,
                   const LsValue *args,
                   int            nargs,
                   LsTuple       *kwnames)
{
  static const char *const names[] = { "alpha", NULL };
  static const double defaults[] = { 1.0 };
  RandomState *st = state_of (vm, self, "paretovariate");
  double p[1];

  if (st == NULL || !float_args (vm, "paretovariate", args, nargs, kwnames, names, 1, defaults, p))
    return LS_ERR;
  return ls_float (pow (1.0 - mt_random (st), -1.0 / p[0]));
}

static LsValue
rnd_weibullvariate (LsVM          *vm,
                    LsValue        self,
                    const LsValue *args,
                    int            nargs,
                    LsTuple       *kwnames)
{
  static const char *const names[] = { "alpha", "beta", NULL };
  static const double defaults[] = { 1.0, 1.0 };
  RandomState *st = state_of (vm, self, "weibullvariate");
  double p[2];

  if (st == NULL || !float_args (vm, "weibullvariate", args, nargs, kwnames, names, 2, defaults, p))
    return LS_ERR;
  return ls_float (p[0] * pow (-log (1.0 - mt_random (st)), 1.0 / p[1]));
}

static double
py_fmod (double x,
         double y)
{
  double m = fmod (x, y);

  if (m != 0.0)
    {
      if ((y < 0) != (m < 0))
        m += y;
    }
  else
    m = copysign (0.0, y);
  return m;
}

static LsValue
rnd_vonmisesvariate (LsVM          *vm,
                     LsValue        self,
                     const LsValue *args,
                     int            nargs,
                     LsTuple       *kwnames)
{
  static const char *const names[] = { "mu", "kappa", NULL };
  static const double defaults[] = { 0.0, 0.0 };
  RandomState *st = state_of (vm, self, "vonmisesvariate");
  double p[2], s, r, z, q, f;

  if (st == NULL || !float_args (vm, "vonmisesvariate", args, nargs, kwnames, names, 2, defaults, p))
    return LS_ERR;
  if (p[1] <= 1e-6)
    return ls_float (2.0 * G_PI * mt_random (st));
  s = 0.5 / p[1];
  r = s + sqrt (1.0 + s * s);
  for (;;)
    {
      double u1 = mt_random (st), d, u2;

      z = cos (G_PI * u1);
      d = z / (r + z);
      u2 = mt_random (st);
      if (u2 < 1.0 - d * d || u2 <= (1.0 - d) * exp (d))
        break;
    }
  q = 1.0 / r;
  f = (q + z) / (1.0 + q * z);
  if (mt_random (st) > 0.5)
    return ls_float (py_fmod (p[0] + acos (f), 2.0 * G_PI));
  return ls_float (py_fmod (p[0] - acos (f), 2.0 * G_PI));
}

static LsValue
rnd_getstate (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  RandomState *st = state_of (vm, self, "getstate");
  LsTuple *inner, *outer;

  if (st == NULL || !_ls_check_no_kwargs (vm, "getstate", kwnames)
      || !_ls_check_nargs (vm, "getstate", nargs, 0, 0))
    return LS_ERR;
  inner = ls_tuple_new (vm, MT_N + 1);
  for (int i = 0; i < MT_N; i++)
    inner->items[i] = ls_int (st->mt[i]);
  inner->items[MT_N] = ls_int (st->index);
  outer = ls_tuple_new (vm, 3);
  outer->items[0] = ls_int (3);
  outer->items[1] = ls_obj (inner);
  outer->items[2] = st->has_gauss ? ls_float (st->gauss_next) : LS_NONE;
  return ls_obj (outer);
}

static LsValue
rnd_setstate (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  RandomState *st = state_of (vm, self, "setstate");
  LsTuple *outer, *inner;
  RandomState tmp;

  if (st == NULL || !_ls_check_one (vm, "setstate", nargs, kwnames))
    return LS_ERR;
  if (!LS_OBJ_IS (args[0], LS_OBJ_TUPLE) || ((LsTuple *) LS_AS_OBJ (args[0]))->len != 3)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "state vector must be a tuple");
  outer = (LsTuple *) LS_AS_OBJ (args[0]);
  if (!LS_IS_INT (outer->items[0]) || LS_AS_INT (outer->items[0]) != 3)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "state with version %s passed to Random.setstate() of version 3",
                     LS_IS_INT (outer->items[0]) ? "other" : "?");
  if (!LS_OBJ_IS (outer->items[1], LS_OBJ_TUPLE))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "state vector must be a tuple");
  inner = (LsTuple *) LS_AS_OBJ (outer->items[1]);
  if (inner->len != MT_N + 1)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "state vector is the wrong size");
  for (int i = 0; i <= MT_N; i++)
    {
      if (!LS_IS_INTLIKE (inner->items[i]) || LS_AS_INT (inner->items[i]) < 0
          || LS_AS_INT (inner->items[i]) > G_MAXUINT32)
        return ls_raise (vm, LS_EXC_VALUE_ERROR, "invalid state");
      if (i < MT_N)
        tmp.mt[i] = (guint32) LS_AS_INT (inner->items[i]);
    }
  tmp.index = (int) LS_AS_INT (inner->items[MT_N]);
  if (tmp.index > MT_N)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "invalid state");
  tmp.has_gauss = !LS_IS_NONE (outer->items[2]);
  tmp.gauss_next = 0.0;
  if (tmp.has_gauss && !_ls_value_as_double (vm, outer->items[2], &tmp.gauss_next))
    return LS_ERR;
  *st = tmp;
  return LS_NONE;
}

/* ------------------------------------------------------------------ types */

static LsValue
random_new (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  LsCData *cd;

  if (!_ls_check_no_kwargs (vm, "Random", kwnames) || !_ls_check_nargs (vm, "Random", nargs, 0, 1))
    return LS_ERR;
  cd = ls_cdata_new (vm, (LsType *) LS_AS_OBJ (self));
  if (!random_do_seed (vm, ls_cdata_payload (cd), nargs == 1 ? args[0] : LS_UNDEF))
    return LS_ERR;
  return ls_obj (cd);
}

static const LsModFunc random_methods[] = {
  { "seed", rnd_seed }, { "random", rnd_random }, { "getrandbits", rnd_getrandbits },
  { "randrange", rnd_randrange }, { "randint", rnd_randint }, { "choice", rnd_choice },
  { "shuffle", rnd_shuffle }, { "sample", rnd_sample }, { "choices", rnd_choices },
  { "uniform", rnd_uniform }, { "gauss", rnd_gauss }, { "normalvariate", rnd_normalvariate },
  { "lognormvariate", rnd_lognormvariate }, { "expovariate", rnd_expovariate },
  { "triangular", rnd_triangular }, { "gammavariate", rnd_gammavariate },
  { "betavariate", rnd_betavariate }, { "paretovariate", rnd_paretovariate },
  { "weibullvariate", rnd_weibullvariate }, { "vonmisesvariate", rnd_vonmisesvariate },
  { "getstate", rnd_getstate }, { "setstate", rnd_setstate },
  { NULL, NULL }
};

gboolean
_ls_mod_random_init (LsVM   *vm,
                     LsDict *dict)
{
  LsType *type = _ls_mod_new_type (vm, "random", "Random", NULL, LS_OBJ_CDATA, random_new);
  LsCData *inst;

  type->cdata_class = &random_class;
  type->cdata_size = sizeof (RandomState);
  type->hdr.flags |= LS_TYPE_BASETYPE;
  _ls_mod_add_methods (vm, type, random_methods);
  ls_dict_set_cstr (vm, dict, "Random", ls_obj (type));

  /* module functions are the methods of a hidden instance, as in CPython */
  inst = ls_cdata_new (vm, type);
  seed_from_entropy (ls_cdata_payload (inst));
  ls_dict_set_cstr (vm, dict, "_inst", ls_obj (inst));
  _ls_mod_add_funcs (vm, dict, random_methods, ls_obj (inst));
  return TRUE;
}
