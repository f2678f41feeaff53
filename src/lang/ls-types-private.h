/* ls-types-private.h: helpers shared by the builtin-type files (str, numbers,
 * containers, the object protocol); not for the rest of src/lang/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ls-lang.h"

G_BEGIN_DECLS

#define LS_STR(v)    ((LsStr *) LS_AS_OBJ (v))
#define LS_TUPLE(v)  ((LsTuple *) LS_AS_OBJ (v))
#define LS_LIST(v)   ((LsList *) LS_AS_OBJ (v))
#define LS_DICT(v)   ((LsDict *) LS_AS_OBJ (v))
#define LS_SET(v)    ((LsSet *) LS_AS_OBJ (v))
#define LS_RANGE(v)  ((LsRange *) LS_AS_OBJ (v))
#define LS_SLICE(v)  ((LsSlice *) LS_AS_OBJ (v))
#define LS_ITER(v)   ((LsIter *) LS_AS_OBJ (v))

#define LS_IS_STR(v)    LS_OBJ_IS (v, LS_OBJ_STR)
#define LS_IS_TUPLE(v)  LS_OBJ_IS (v, LS_OBJ_TUPLE)
#define LS_IS_LIST(v)   LS_OBJ_IS (v, LS_OBJ_LIST)
#define LS_IS_DICT(v)   LS_OBJ_IS (v, LS_OBJ_DICT)
#define LS_IS_SET(v)    LS_OBJ_IS (v, LS_OBJ_SET)   /* set or frozenset */

/* A value that carries NotImplemented back from a binary/compare slot. */
static inline gboolean
_ls_is_not_implemented (LsVM *vm, LsValue v)
{
  return ls_is (v, vm->not_implemented);
}

/* Checks the number of positional arguments of a method and refuses
 * keywords; raises TypeError in CPython's style on mismatch. */
gboolean  _ls_check_args        (LsVM *vm, const char *name, int nargs, LsTuple *kwnames,
                                 int min, int max);
/* Binds positional (up to npos) then keyword arguments to names (NULL-terminated)
 * into out[] (left untouched when missing); nreq leading names are required. */
gboolean  _ls_method_args         (LsVM *vm, const char *fname, const char *const *names, int npos,
                                 int nreq, const LsValue *args, int nargs, LsTuple *kwnames,
                                 LsValue *out);

/* --- ls-str.c --- */
/* FALSE with MemoryError when a result of `bytes` would not fit the heap
 * (user-controlled sizes: widths, repeats, paddings). */
gboolean  _ls_check_alloc       (LsVM *vm, guint64 bytes);
LsStr    *_ls_str_alloc         (LsVM *vm, LsType *type, gsize len);     /* data uninitialised */
void      _ls_str_finish        (LsStr *s);                              /* nchars + ASCII flag */
LsStr    *_ls_str_new_typed     (LsVM *vm, LsType *type, const char *utf8, gsize len);
LsValue   _ls_str_from_gstring  (LsVM *vm, GString *gs);                 /* frees gs */
gsize     _ls_str_offset        (const LsStr *s, gint64 index);          /* byte offset of a code point */
gint64    _ls_str_index_of_offset (const LsStr *s, gsize offset);        /* code point index of a byte offset */
LsValue   _ls_str_char          (LsVM *vm, LsStr *s, gint64 index);      /* no bounds check */
LsValue   _ls_str_substr        (LsVM *vm, LsStr *s, gint64 start, gint64 stop); /* code points */
LsValue   _ls_str_getitem       (LsVM *vm, LsStr *s, LsValue key);
LsValue   _ls_str_repeat        (LsVM *vm, LsStr *s, gint64 n);
int       _ls_str_cmp           (const LsStr *a, const LsStr *b);        /* <0, 0, >0 */
gboolean  _ls_str_contains      (const LsStr *hay, const LsStr *needle);
LsValue   _ls_str_iter          (LsVM *vm, LsStr *s);
LsStr    *_ls_str_repr_ex       (LsVM *vm, LsStr *s, gboolean ascii_only);
void      _ls_gstring_append_repr (GString *out, const char *data, gsize len, gboolean ascii_only);
gboolean  _ls_unichar_isspace   (gunichar c);
LsValue   _ls_str_mod           (LsVM *vm, LsStr *fmt, LsValue args);    /* fmt % args */

/* --- ls-strmethods.c --- */
void      _ls_strmethods_register (LsVM *vm, LsType *type);

/* --- ls-number.c --- */
/* An instance of a Python subclass of int or float: an instance that carries the number. */
typedef struct
{
  LsInstance base;
  LsValue    value;
} LsNumBox;
gboolean  _ls_is_number_subtype (LsVM *vm, LsType *type);   /* a subclass of int or float */
LsValue   _ls_number_box        (LsVM *vm, LsType *type, LsValue value);
LsValue   _ls_number_unbox      (LsVM *vm, LsValue v);   /* a box's number, else v */
LsValue   _ls_number_binop      (LsVM *vm, LsValue a, LsValue b, int op);  /* NotImplemented if not numbers */
int       _ls_number_cmp        (LsValue a, LsValue b, LsCmpOpKind op);     /* 1 / 0; both numbers */
gint64    _ls_hash_int          (gint64 i);
gint64    _ls_hash_float        (double f);
LsValue   _ls_int_overflow      (LsVM *vm);
/* int('...') and float('...') parsing with CPython's rules (no exception set on failure). */
gboolean  _ls_parse_int         (const char *s, gsize len, int base, gint64 *out, gboolean *overflow);
gboolean  _ls_parse_float       (const char *s, gsize len, double *out);
/* Float digits for formatting: shortest round-trip digits (mode 0) or
 * `ndigits` significant digits (mode 2); fills digits (NUL-terminated, no
 * trailing zeros for mode 0) and returns the decimal point position. */
int       _ls_float_digits      (double f, int mode, int ndigits, char *digits, gsize size);
/* printf ("%.*e"-style) of one double with '.' as the decimal point in any
 * locale; conv is e, f (or E, F, g, G). g_free() the result. */
char     *_ls_double_printf     (char conv, int prec, gboolean alt, double f);

/* --- ls-format.c --- */
LsValue   _ls_str_format_method (LsVM *vm, LsValue self, const LsValue *args, int nargs,
                                 LsTuple *kwnames);
LsValue   _ls_str_format_map    (LsVM *vm, LsValue self, const LsValue *args, int nargs,
                                 LsTuple *kwnames);

/* --- ls-tuple.c / ls-list.c --- */
LsValue   _ls_tuple_getitem     (LsVM *vm, LsTuple *t, LsValue key);
LsValue   _ls_tuple_concat      (LsVM *vm, LsTuple *a, LsTuple *b);
LsValue   _ls_seq_repeat        (LsVM *vm, LsValue seq, gint64 n);        /* tuple or list */
LsValue   _ls_tuple_iter        (LsVM *vm, LsTuple *t);
gint64    _ls_tuple_hash        (LsVM *vm, LsTuple *t, gboolean *ok);
/* Lexicographic compare of two tuples or two lists; 1/0/-1. */
int       _ls_seq_richcmp       (LsVM *vm, LsValue a, LsValue b, LsCmpOpKind op);
/* x's side of a rich comparison (its override or the builtin one), not reflected */
LsValue   _ls_richcmp_one_side  (LsVM *vm, LsValue x, LsValue y, LsCmpOpKind op);
/* The items of a tuple or list (re-read after calls that may mutate a list). */
static inline const LsValue *
_ls_seq_items (LsValue v, gsize *n)
{
  if (LS_AS_OBJ (v)->kind == LS_OBJ_TUPLE)
    {
      *n = ((LsTuple *) LS_AS_OBJ (v))->len;
      return ((LsTuple *) LS_AS_OBJ (v))->items;
    }
  *n = ((LsList *) LS_AS_OBJ (v))->len;
  return ((LsList *) LS_AS_OBJ (v))->items;
}
/* "[a, b]" / "(a,)" of a tuple or list, with the recursion guard. */
LsValue   _ls_seq_repr          (LsVM *vm, LsValue self);
LsValue   _ls_list_getitem      (LsVM *vm, LsList *l, LsValue key);
int       _ls_list_setitem      (LsVM *vm, LsList *l, LsValue key, LsValue value);
int       _ls_list_delitem      (LsVM *vm, LsList *l, LsValue key);
LsValue   _ls_list_concat       (LsVM *vm, LsList *a, LsList *b);
gboolean  _ls_list_extend       (LsVM *vm, LsList *l, LsValue iterable);
LsValue   _ls_list_iter         (LsVM *vm, LsList *l);
gboolean  _ls_list_reserve      (LsVM *vm, LsList *l, gsize cap);   /* FALSE: MemoryError */

/* --- ls-dict.c --- */
LsValue   _ls_dict_repr         (LsVM *vm, LsDict *d);
int       _ls_dict_equal        (LsVM *vm, LsDict *a, LsDict *b);        /* 1 / 0 / -1 */
LsValue   _ls_dict_iter         (LsVM *vm, LsDict *d, int what);         /* 0 keys, 1 values, 2 items */
LsValue   _ls_dict_view         (LsVM *vm, LsDict *d, int what);
LsValue   _ls_dict_getitem      (LsVM *vm, LsValue self, LsValue key);   /* KeyError / __missing__ */
gboolean  _ls_dict_update       (LsVM *vm, LsDict *d, LsValue other);
LsValue   _ls_dict_or           (LsVM *vm, LsValue a, LsValue b, gboolean inplace);
int       _ls_dict_lookup_hash  (LsVM *vm, LsDict *d, LsValue key, gint64 hash, LsValue *out);
int       _ls_dict_set_hash     (LsVM *vm, LsDict *d, LsValue key, gint64 hash, LsValue value);
gboolean  _ls_dict_next_hash    (LsDict *d, gsize *pos, LsValue *key, LsValue *value, gint64 *hash);
gboolean  _ls_is_dict_view      (LsVM *vm, LsValue v, int *what);
LsValue   _ls_dict_view_repr    (LsVM *vm, LsValue view);
LsValue   _ls_dict_view_binop   (LsVM *vm, LsValue a, LsValue b, int op);
int       _ls_dict_view_contains(LsVM *vm, LsValue view, LsValue item);
int       _ls_dict_view_richcmp (LsVM *vm, LsValue a, LsValue b, LsCmpOpKind op); /* -2: NotImplemented */

/* --- ls-set.c --- */
LsValue   _ls_set_repr          (LsVM *vm, LsSet *s);
LsValue   _ls_set_iter          (LsVM *vm, LsSet *s);
LsValue   _ls_set_binop         (LsVM *vm, LsValue a, LsValue b, int op); /* NotImplemented if not sets */
int       _ls_set_richcmp       (LsVM *vm, LsSet *a, LsSet *b, LsCmpOpKind op);
gint64    _ls_frozenset_hash    (LsSet *s);
LsSet    *_ls_set_from_iterable (LsVM *vm, LsType *type, LsValue iterable);

/* --- ls-range.c --- */
LsValue   _ls_range_getitem     (LsVM *vm, LsRange *r, LsValue key);
LsValue   _ls_range_iter        (LsVM *vm, LsRange *r);
int       _ls_range_contains    (LsVM *vm, LsRange *r, LsValue v);
LsValue   _ls_range_repr        (LsVM *vm, LsRange *r);
LsValue   _ls_slice_repr        (LsVM *vm, LsSlice *s);
int       _ls_range_equal       (LsRange *a, LsRange *b);
gint64    _ls_range_hash        (LsVM *vm, LsRange *r);

/* --- ls-ops.c --- */
/* The user-level override of a special method for a value whose builtin
 * behaviour the type files implement: looks along the type chain until the
 * builtin type of its kind. UNDEF when none. Returns the raw function. */
LsValue   _ls_find_override     (LsVM *vm, LsValue v, LsStr *name);
/* Calls a raw function found by _ls_find_override with self prepended. */
LsValue   _ls_call_override     (LsVM *vm, LsValue func, LsValue self, const LsValue *args, int nargs);
/* Recursion guard for reprs of containers: FALSE when obj is being
 * repr'd already (the caller prints "[...]"). Raises RecursionError when
 * too deep (returns FALSE with vm->exc set). */
typedef struct _LsReprGuard LsReprGuard;
struct _LsReprGuard
{
  LsObj       *obj;
  LsReprGuard *prev;
  int          depth;
};
int       _ls_repr_enter        (LsVM *vm, LsReprGuard *guard, gpointer obj); /* 1 ok, 0 recursive, -1 error */
void      _ls_repr_leave        (LsReprGuard *guard);
/* The default repr: "<__main__.Foo object at 0x...>". */
LsValue   _ls_default_repr      (LsVM *vm, LsValue v);
LsIter   *_ls_iter_alloc        (LsVM *vm, LsType *type, LsIterNextFn next, LsValue a);
/* Makes a builtin type for a native iterator (__iter__/__next__ registered). */
LsType   *_ls_iter_type_new     (LsVM *vm, const char *name);
/* Adds a read-only attribute backed by a getter native. */
void      _ls_type_add_getter   (LsVM *vm, LsType *type, const char *name, LsNativeFn fn);

/* Per-VM types of the native iterators and views (made by the init functions). */
typedef enum
{
  LS_IT_LIST, LS_IT_LIST_REV, LS_IT_TUPLE, LS_IT_STR, LS_IT_STR_ASCII, LS_IT_RANGE, LS_IT_DICT_KEYS,
  LS_IT_DICT_VALUES, LS_IT_DICT_ITEMS, LS_IT_DICT_REV_KEYS, LS_IT_DICT_REV_VALUES,
  LS_IT_DICT_REV_ITEMS, LS_IT_SET, LS_IT_SEQ, LS_IT_CALLABLE, LS_IT_N
} LsIterTypeId;
G_STATIC_ASSERT (LS_IT_N <= G_N_ELEMENTS (((LsVM *) NULL)->iter_types));
#define LS_ITER_TYPE(vm, id) ((vm)->iter_types[LS_IT_##id])

G_END_DECLS
