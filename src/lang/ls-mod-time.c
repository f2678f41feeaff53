/* ls-mod-time.c: the time module on the VM's clock (virtual by default):
 * monotonic() and perf_counter() read it, time() is 1700000000.0 + clock,
 * sleep() calls the VM's sleep hook, and the calendar functions show that
 * wall time in UTC, as the reference runner (vrun.py) does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "ls-lang.h"
#include "ls-modules-private.h"
#include "ls-types-private.h"

#define LS_TIME_EPOCH 1700000000.0

static double
clock_now (LsVM *vm)
{
  return vm->clock != NULL ? vm->clock (vm->clock_data) : 0.0;
}

static gboolean
no_args (LsVM          *vm,
         const char    *name,
         int            nargs,
         LsTuple       *kwnames)
{
  if (!_ls_check_no_kwargs (vm, name, kwnames))
    return FALSE;
  if (nargs == 0)
    return TRUE;
  ls_raise (vm, LS_EXC_TYPE_ERROR, "time.%s() takes no arguments (%d given)", name, nargs);
  return FALSE;
}

static LsValue
time_monotonic (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return no_args (vm, "monotonic", nargs, kwnames) ? ls_float (clock_now (vm)) : LS_ERR;
}

static LsValue
time_perf_counter (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return no_args (vm, "perf_counter", nargs, kwnames) ? ls_float (clock_now (vm)) : LS_ERR;
}

static LsValue
time_process_time (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return no_args (vm, "process_time", nargs, kwnames) ? ls_float (clock_now (vm)) : LS_ERR;
}

static LsValue
time_time (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return no_args (vm, "time", nargs, kwnames) ? ls_float (LS_TIME_EPOCH + clock_now (vm)) : LS_ERR;
}

static LsValue
time_monotonic_ns (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return no_args (vm, "monotonic_ns", nargs, kwnames) ? ls_int ((gint64) (clock_now (vm) * 1e9)) : LS_ERR;
}

static LsValue
time_perf_counter_ns (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return no_args (vm, "perf_counter_ns", nargs, kwnames) ? ls_int ((gint64) (clock_now (vm) * 1e9)) : LS_ERR;
}

static LsValue
time_time_ns (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  if (!no_args (vm, "time_ns", nargs, kwnames))
    return LS_ERR;
  return ls_int ((gint64) ((LS_TIME_EPOCH + clock_now (vm)) * 1e9));
}

static gboolean
seconds_arg (LsVM    *vm,
             LsValue  v,
             double  *out)
{
  if (LS_IS_FLOAT (v))
    *out = LS_AS_FLOAT (v);
  else if (LS_IS_INTLIKE (v))
    *out = (double) LS_AS_INT (v);
  else
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                ls_type_name (vm, v));
      return FALSE;
    }
  return TRUE;
}

static LsValue
time_sleep (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  LsValue arg;
  double secs;

  if (!_ls_check_one (vm, "sleep", nargs, kwnames))
    return LS_ERR;
  arg = _ls_number_unbox (vm, args[0]);
  /* the reference runner's sleep starts with `if seconds < 0`: same TypeError */
  if (!LS_IS_FLOAT (arg) && !LS_IS_INTLIKE (arg))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "'<' not supported between instances of '%s' and 'int'",
                     ls_type_name (vm, arg));
  if (!seconds_arg (vm, arg, &secs))
    return LS_ERR;
  if (isnan (secs))
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "Invalid value NaN (not a number)");
  if (secs < 0)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "sleep length must be non-negative");
  if (vm->sleep != NULL && !vm->sleep (vm, secs, vm->clock_data))
    return LS_ERR;
  return LS_NONE;
}

/* ------------------------------------------------------------ struct_time */

/* self (the natives' data) is the struct_time type */
static LsValue
make_struct_time (LsVM            *vm,
                  LsValue          self,
                  const struct tm *tm)
{
  LsType *type = LS_OBJ_IS (self, LS_OBJ_TYPE) ? (LsType *) LS_AS_OBJ (self) : NULL;
  LsValue v[9] = {
    ls_int (tm->tm_year + 1900), ls_int (tm->tm_mon + 1), ls_int (tm->tm_mday),
    ls_int (tm->tm_hour), ls_int (tm->tm_min), ls_int (tm->tm_sec),
    ls_int ((tm->tm_wday + 6) % 7), ls_int (tm->tm_yday + 1), ls_int (tm->tm_isdst),
  };

  if (type == NULL)
    return ls_obj (ls_tuple_from (vm, v, 9));
  return _ls_structseq_new (vm, type, v, 9);
}

/* The struct tm of `secs` (None/missing: the virtual wall clock), in UTC. */
static gboolean
tm_of_secs (LsVM          *vm,
            const char    *name,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames,
            struct tm     *tm)
{
  double secs;
  time_t t;

  if (!_ls_check_no_kwargs (vm, name, kwnames) || !_ls_check_nargs (vm, name, nargs, 0, 1))
    return FALSE;
  if (nargs == 0 || LS_IS_NONE (args[0]))
    secs = LS_TIME_EPOCH + clock_now (vm);
  else if (!seconds_arg (vm, args[0], &secs))
    return FALSE;
  if (!isfinite (secs))
    {
      ls_raise (vm, isnan (secs) ? LS_EXC_VALUE_ERROR : LS_EXC_OVERFLOW_ERROR,
                isnan (secs) ? "Invalid value NaN (not a number)" : "timestamp out of range for platform time_t");
      return FALSE;
    }
  t = (time_t) floor (secs);
  if (gmtime_r (&t, tm) == NULL)
    {
      ls_raise (vm, LS_EXC_OVERFLOW_ERROR, "timestamp out of range for platform time_t");
      return FALSE;
    }
  return TRUE;
}

static LsValue
time_gmtime (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  struct tm tm;

  if (!tm_of_secs (vm, "gmtime", args, nargs, kwnames, &tm))
    return LS_ERR;
  return make_struct_time (vm, self, &tm);
}

static LsValue
time_localtime (LsVM          *vm,
                LsValue        self,
                const LsValue *args,
                int            nargs,
                LsTuple       *kwnames)
{
  struct tm tm;

  /* the virtual wall clock is in UTC */
  if (!tm_of_secs (vm, "localtime", args, nargs, kwnames, &tm))
    return LS_ERR;
  return make_struct_time (vm, self, &tm);
}

/* struct_time or 9-tuple -> struct tm, with CPython's range checks */
static gboolean
tm_of_tuple (LsVM      *vm,
             LsValue    v,
             struct tm *tm)
{
  LsTuple *t;
  gint64 f[9];

  if (!LS_OBJ_IS (v, LS_OBJ_TUPLE))
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "Tuple or struct_time argument required");
      return FALSE;
    }
  t = (LsTuple *) LS_AS_OBJ (v);
  if (t->len != 9)
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "function takes exactly 9 arguments (%" G_GSIZE_FORMAT " given)", t->len);
      return FALSE;
    }
  for (int i = 0; i < 9; i++)
    if (!ls_index_value (vm, t->items[i], &f[i]))
      return FALSE;
  memset (tm, 0, sizeof *tm);
  tm->tm_year = (int) (f[0] - 1900);
  tm->tm_mon = (int) f[1] - 1;
  tm->tm_mday = (int) f[2];
  tm->tm_hour = (int) f[3];
  tm->tm_min = (int) f[4];
  tm->tm_sec = (int) f[5];
  tm->tm_wday = (int) ((f[6] + 1) % 7);
  tm->tm_yday = (int) f[7] - 1;
  tm->tm_isdst = (int) f[8];
  tm->tm_zone = "GMT";
  if (f[1] == 0)
    tm->tm_mon = 0;
  if (f[2] == 0)
    tm->tm_mday = 1;
  if (f[7] == 0)
    tm->tm_yday = 0;
  if (tm->tm_mon < 0 || tm->tm_mon > 11)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "month out of range"), FALSE;
  if (tm->tm_mday < 1 || tm->tm_mday > 31)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "day of month out of range"), FALSE;
  if (tm->tm_hour < 0 || tm->tm_hour > 23)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "hour out of range"), FALSE;
  if (tm->tm_min < 0 || tm->tm_min > 59)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "minute out of range"), FALSE;
  if (tm->tm_sec < 0 || tm->tm_sec > 61)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "seconds out of range"), FALSE;
  if (tm->tm_wday < 0)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "day of week out of range"), FALSE;
  if (tm->tm_yday < 0 || tm->tm_yday > 365)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "day of year out of range"), FALSE;
  return TRUE;
}

static gboolean
tm_arg (LsVM          *vm,
        const LsValue *args,
        int            nargs,
        int            index,
        struct tm     *tm)
{
  if (nargs > index)
    return tm_of_tuple (vm, args[index], tm);
  return tm_of_secs (vm, "strftime", NULL, 0, NULL, tm);
}

static LsValue
time_strftime (LsVM          *vm,
               LsValue        self,
               const LsValue *args,
               int            nargs,
               LsTuple       *kwnames)
{
  static locale_t c_locale;
  struct tm tm;
  LsStr *fmt;
  gsize cap;

  if (!_ls_check_no_kwargs (vm, "strftime", kwnames) || !_ls_check_nargs (vm, "strftime", nargs, 1, 2))
    return LS_ERR;
  if (!_ls_is_str (args[0]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "strftime() argument 1 must be str, not %s",
                     ls_type_name (vm, args[0]));
  fmt = _ls_as_str (args[0]);
  if (!tm_arg (vm, args, nargs, 1, &tm))
    return LS_ERR;
  if (fmt->len == 0)
    return vm->empty_str;
  /* English names whatever the process locale is, like CPython's C locale for LC_TIME */
  if (c_locale == (locale_t) 0)
    c_locale = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
  for (cap = 1024; cap <= 256 * (fmt->len + 64); cap *= 2)
    {
      g_autofree char *buf = g_malloc (cap);
      gsize n = strftime_l (buf, cap, fmt->data, &tm, c_locale);

      if (n > 0 || cap > 256 * fmt->len)
        return ls_obj (ls_str_new (vm, buf, n));
    }
  return vm->empty_str;
}

static LsValue
format_asctime (LsVM            *vm,
                const struct tm *tm)
{
  static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
  static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

  return ls_obj (ls_str_printf (vm, "%s %s%3d %.2d:%.2d:%.2d %d", days[tm->tm_wday % 7],
                                months[tm->tm_mon % 12], tm->tm_mday, tm->tm_hour, tm->tm_min,
                                tm->tm_sec, tm->tm_year + 1900));
}

static LsValue
time_asctime (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  struct tm tm;

  if (!_ls_check_no_kwargs (vm, "asctime", kwnames) || !_ls_check_nargs (vm, "asctime", nargs, 0, 1)
      || !tm_arg (vm, args, nargs, 0, &tm))
    return LS_ERR;
  return format_asctime (vm, &tm);
}

static LsValue
time_ctime (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  struct tm tm;

  if (!tm_of_secs (vm, "ctime", args, nargs, kwnames, &tm))
    return LS_ERR;
  return format_asctime (vm, &tm);
}

static LsValue
time_mktime (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  struct tm tm;

  if (!_ls_check_one (vm, "mktime", nargs, kwnames) || !tm_of_tuple (vm, args[0], &tm))
    return LS_ERR;
  return ls_float ((double) timegm (&tm));
}

static LsValue
struct_time_zone (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return ls_str_value (vm, "GMT");
}

static LsValue
struct_time_gmtoff (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return ls_int (0);
}

static const LsModFunc time_funcs[] = {
  { "monotonic", time_monotonic }, { "perf_counter", time_perf_counter },
  { "process_time", time_process_time }, { "thread_time", time_process_time },
  { "time", time_time }, { "monotonic_ns", time_monotonic_ns },
  { "perf_counter_ns", time_perf_counter_ns }, { "time_ns", time_time_ns },
  { "sleep", time_sleep }, { "gmtime", time_gmtime }, { "localtime", time_localtime },
  { "strftime", time_strftime }, { "asctime", time_asctime }, { "ctime", time_ctime },
  { "mktime", time_mktime },
  { NULL, NULL }
};

gboolean
_ls_mod_time_init (LsVM   *vm,
                   LsDict *dict)
{
  static const char *const fields[] = {
    "tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst"
  };
  LsTuple *names = ls_tuple_new (vm, G_N_ELEMENTS (fields));
  LsType *st;
  LsValue tz[2];

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    names->items[i] = ls_obj (ls_str_intern (vm, fields[i], -1));
  st = _ls_namedtuple_new_type (vm, "time", "struct_time", names, NULL, TRUE);
  _ls_mod_add_getter (vm, st, "tm_zone", struct_time_zone);
  _ls_mod_add_getter (vm, st, "tm_gmtoff", struct_time_gmtoff);
  ls_dict_set_cstr (vm, dict, "struct_time", ls_obj (st));
  _ls_mod_add_funcs (vm, dict, time_funcs, ls_obj (st));
  ls_dict_set_cstr (vm, dict, "timezone", ls_int (0));
  ls_dict_set_cstr (vm, dict, "altzone", ls_int (0));
  ls_dict_set_cstr (vm, dict, "daylight", ls_int (0));
  tz[0] = ls_str_value (vm, "UTC");
  tz[1] = tz[0];
  ls_dict_set_cstr (vm, dict, "tzname", ls_obj (ls_tuple_from (vm, tz, 2)));
  return TRUE;
}
