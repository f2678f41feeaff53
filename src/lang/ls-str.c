/* ls-str.c: the str object: UTF-8 storage indexed by code point, interning,
 * hashing, repr, slicing and iteration.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE   /* memmem */
#endif
#include <string.h>

#include "ls-lang.h"
#include "ls-types-private.h"

/* ------------------------------------------------------------ allocation */

gboolean
_ls_check_alloc (LsVM   *vm,
                 guint64 bytes)
{
  if (bytes <= vm->heap_limit && bytes < G_MAXUINT32)
    return TRUE;
  ls_raise (vm, LS_EXC_MEMORY_ERROR, "%s", "");
  return FALSE;
}

LsStr *
_ls_str_alloc (LsVM   *vm,
               LsType *type,
               gsize   len)
{
  LsStr *s = ls_gc_alloc (vm, LS_OBJ_STR, type, sizeof (LsStr) + len + 1);

  s->hdr.flags = 0;
  s->hash = -1;
  s->len = len;
  s->nchars = len;
  s->data[len] = '\0';
  return s;
}

/* Counts code points; a string whose bytes are all ASCII gets the flag that
 * makes indexing O(1). */
void
_ls_str_finish (LsStr *s)
{
  const guchar *p = (const guchar *) s->data;
  gsize n = 0, i;
  guchar high = 0;

  for (i = 0; i < s->len; i++)
    {
      high |= p[i];
      n += (p[i] & 0xc0) != 0x80;
    }
  s->nchars = n;
  s->hdr.flags &= ~LS_STR_ASCII;
  if (high < 0x80)
    s->hdr.flags |= LS_STR_ASCII;
}

LsStr *
_ls_str_new_typed (LsVM       *vm,
                   LsType     *type,
                   const char *utf8,
                   gsize       len)
{
  LsStr *s = _ls_str_alloc (vm, type, len);

  if (len > 0)
    memcpy (s->data, utf8, len);
  _ls_str_finish (s);
  return s;
}

LsStr *
ls_str_new (LsVM       *vm,
            const char *utf8,
            gssize      len)
{
  if (len < 0)
    len = strlen (utf8);
  if (len == 0 && LS_IS_OBJ (vm->empty_str))
    return LS_STR (vm->empty_str);
  if (len == 1 && (guchar) utf8[0] < 0x80 && LS_IS_OBJ (vm->small_strs[(guchar) utf8[0]]))
    return LS_STR (vm->small_strs[(guchar) utf8[0]]);
  return _ls_str_new_typed (vm, vm->types[LS_T_STR], utf8, len);
}

LsValue
ls_str_value (LsVM       *vm,
              const char *utf8)
{
  return ls_obj (ls_str_new (vm, utf8, -1));
}

LsValue
_ls_str_from_gstring (LsVM    *vm,
                      GString *gs)
{
  LsStr *s = ls_str_new (vm, gs->str, gs->len);

  g_string_free (gs, TRUE);
  return ls_obj (s);
}

LsStr *
ls_str_printf (LsVM       *vm,
               const char *fmt,
               ...)
{
  va_list ap;
  char *text;
  LsStr *s;

  va_start (ap, fmt);
  text = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  s = ls_str_new (vm, text, -1);
  g_free (text);
  return s;
}

/* The table is keyed by the string's own data, so a key stays valid for as
 * long as the string lives. Strings holding NUL bytes are never interned. */
LsStr *
ls_str_intern (LsVM       *vm,
               const char *utf8,
               gssize      len)
{
  char stack_buf[128];
  char *key;
  LsStr *s;

  if (len < 0)
    len = strlen (utf8);
  if (memchr (utf8, '\0', len) != NULL)
    return ls_str_new (vm, utf8, len);
  if (vm->interned == NULL)
    vm->interned = g_hash_table_new (g_str_hash, g_str_equal);

  key = (gsize) len < sizeof stack_buf ? stack_buf : g_malloc (len + 1);
  memcpy (key, utf8, len);
  key[len] = '\0';
  s = g_hash_table_lookup (vm->interned, key);
  if (key != stack_buf)
    g_free (key);
  if (s != NULL)
    return s;

  s = ls_str_new (vm, utf8, len);
  if (s->hdr.type != vm->types[LS_T_STR])
    s = _ls_str_new_typed (vm, vm->types[LS_T_STR], utf8, len);
  s->hdr.flags |= LS_STR_INTERNED;
  g_hash_table_insert (vm->interned, s->data, s);
  return s;
}

/* ------------------------------------------------------- equality, hash */

gboolean
ls_str_equal (const LsStr *a,
              const LsStr *b)
{
  if (a == b)
    return TRUE;
  if (a->len != b->len)
    return FALSE;
  if (a->hash != -1 && b->hash != -1 && a->hash != b->hash)
    return FALSE;
  return memcmp (a->data, b->data, a->len) == 0;
}

/* FNV-1a over the bytes, then a 64-bit finalizer to spread the bits into
 * the low ones that the tables use. Never -1, which means "not computed". */
gint64
ls_str_hash (LsStr *s)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  gsize i;

  if (s->hash != -1)
    return s->hash;
  for (i = 0; i < s->len; i++)
    {
      h ^= (guchar) s->data[i];
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 33;
  if ((gint64) h == -1)
    h = (guint64) -2;
  s->hash = (gint64) h;
  return s->hash;
}

/* UTF-8 byte order is code point order, so memcmp sorts like CPython. */
int
_ls_str_cmp (const LsStr *a,
             const LsStr *b)
{
  gsize n = MIN (a->len, b->len);
  int c = n > 0 ? memcmp (a->data, b->data, n) : 0;

  if (c != 0)
    return c;
  return a->len < b->len ? -1 : a->len > b->len ? 1 : 0;
}

gboolean
_ls_str_contains (const LsStr *hay,
                  const LsStr *needle)
{
  if (needle->len == 0)
    return TRUE;
  if (needle->len > hay->len)
    return FALSE;
  return memmem (hay->data, hay->len, needle->data, needle->len) != NULL;
}

/* ---------------------------------------------------------- concatenation */

static LsStr *
exact_str (LsVM  *vm,
           LsStr *s)
{
  if (s->hdr.type == vm->types[LS_T_STR])
    return s;
  return _ls_str_new_typed (vm, vm->types[LS_T_STR], s->data, s->len);
}

LsValue
ls_str_concat (LsVM  *vm,
               LsStr *a,
               LsStr *b)
{
  LsStr *s;

  if (a->len == 0)
    return ls_obj (exact_str (vm, b));
  if (b->len == 0)
    return ls_obj (exact_str (vm, a));
  s = _ls_str_alloc (vm, vm->types[LS_T_STR], a->len + b->len);
  memcpy (s->data, a->data, a->len);
  memcpy (s->data + a->len, b->data, b->len);
  s->nchars = a->nchars + b->nchars;
  if ((a->hdr.flags & b->hdr.flags) & LS_STR_ASCII)
    s->hdr.flags |= LS_STR_ASCII;
  return ls_obj (s);
}

LsValue
_ls_str_repeat (LsVM  *vm,
                LsStr *s,
                gint64 n)
{
  LsStr *r;
  gsize i;

  if (n <= 0 || s->len == 0)
    return vm->empty_str;
  if (n == 1)
    return ls_obj (exact_str (vm, s));
  if ((guint64) n > G_MAXSSIZE / s->len)
    return ls_raise (vm, LS_EXC_OVERFLOW_ERROR, "repeated string is too long");
  if (!_ls_check_alloc (vm, s->len * (guint64) n))
    return LS_ERR;
  r = _ls_str_alloc (vm, vm->types[LS_T_STR], s->len * n);
  if (s->len == 1)
    memset (r->data, s->data[0], n);
  else
    for (i = 0; i < (gsize) n; i++)
      memcpy (r->data + i * s->len, s->data, s->len);
  r->nchars = s->nchars * n;
  r->hdr.flags |= s->hdr.flags & LS_STR_ASCII;
  return ls_obj (r);
}

/* --------------------------------------------------------------- indexing */

gsize
_ls_str_offset (const LsStr *s,
                gint64       index)
{
  if (s->hdr.flags & LS_STR_ASCII)
    return index;
  if ((gsize) index >= s->nchars)
    return s->len;
  return g_utf8_offset_to_pointer (s->data, index) - s->data;
}

gint64
_ls_str_index_of_offset (const LsStr *s,
                         gsize        offset)
{
  const guchar *p = (const guchar *) s->data;
  gint64 n = 0;
  gsize i;

  if (s->hdr.flags & LS_STR_ASCII)
    return offset;
  for (i = 0; i < offset; i++)
    n += (p[i] & 0xc0) != 0x80;
  return n;
}

LsValue
_ls_str_char (LsVM  *vm,
              LsStr *s,
              gint64 index)
{
  gsize off, end;

  if (s->hdr.flags & LS_STR_ASCII)
    return vm->small_strs[(guchar) s->data[index]];
  off = _ls_str_offset (s, index);
  end = g_utf8_next_char (s->data + off) - s->data;
  if (end == off + 1 && (guchar) s->data[off] < 0x80)
    return vm->small_strs[(guchar) s->data[off]];
  return ls_obj (ls_str_new (vm, s->data + off, end - off));
}

LsValue
_ls_str_substr (LsVM  *vm,
                LsStr *s,
                gint64 start,
                gint64 stop)
{
  gsize a, b;
  LsStr *r;

  if (stop <= start)
    return vm->empty_str;
  if (start == 0 && (gsize) stop >= s->nchars && s->hdr.type == vm->types[LS_T_STR])
    return ls_obj (s);
  if (s->hdr.flags & LS_STR_ASCII)
    {
      r = _ls_str_alloc (vm, vm->types[LS_T_STR], stop - start);
      memcpy (r->data, s->data + start, stop - start);
      r->hdr.flags |= LS_STR_ASCII;
      return ls_obj (r);
    }
  a = _ls_str_offset (s, start);
  b = a + (g_utf8_offset_to_pointer (s->data + a, stop - start) - (s->data + a));
  return ls_obj (ls_str_new (vm, s->data + a, b - a));
}

static LsValue
str_slice (LsVM    *vm,
           LsStr   *s,
           LsSlice *slice)
{
  gint64 start, stop, step, n, i;
  GString *out;

  if (!ls_slice_indices (vm, slice, s->nchars, &start, &stop, &step, &n))
    return LS_ERR;
  if (n <= 0)
    return vm->empty_str;
  if (step == 1)
    return _ls_str_substr (vm, s, start, start + n);
  out = g_string_sized_new (n);
  if (s->hdr.flags & LS_STR_ASCII)
    {
      for (i = 0; i < n; i++)
        g_string_append_c (out, s->data[start + i * step]);
      return _ls_str_from_gstring (vm, out);
    }
  {
    /* decode once: stepping through UTF-8 by index would be quadratic */
    gunichar *chars = g_utf8_to_ucs4_fast (s->data, s->len, NULL);
    for (i = 0; i < n; i++)
      g_string_append_unichar (out, chars[start + i * step]);
    g_free (chars);
  }
  return _ls_str_from_gstring (vm, out);
}

LsValue
_ls_str_getitem (LsVM   *vm,
                 LsStr  *s,
                 LsValue key)
{
  gint64 i;

  if (LS_IS_INTLIKE (key))
    i = LS_AS_INT (key);
  else if (LS_OBJ_IS (key, LS_OBJ_SLICE))
    return str_slice (vm, s, LS_SLICE (key));
  else if (LS_IS_FLOAT (key) || !ls_index_value (vm, key, &i))
    {
      if (LS_IS_UNDEF (vm->exc) || ls_exc_pending_is (vm, LS_EXC_TYPE_ERROR))
        {
          ls_exc_clear (vm);
          return ls_raise (vm, LS_EXC_TYPE_ERROR, "string indices must be integers, not '%s'",
                           ls_type_name (vm, key));
        }
      return LS_ERR;
    }
  if (i < 0)
    i += s->nchars;
  if (i < 0 || (guint64) i >= s->nchars)
    return ls_raise (vm, LS_EXC_INDEX_ERROR, "string index out of range");
  return _ls_str_char (vm, s, i);
}

/* --------------------------------------------------------------- iteration */

static int
str_iter_next (LsVM    *vm,
               LsIter  *it,
               LsValue *out)
{
  LsStr *s;
  const char *p, *q;

  if (!LS_IS_OBJ (it->a))
    return 0;
  s = LS_STR (it->a);
  if ((gsize) it->i >= s->len)
    {
      it->a = LS_NONE;
      return 0;
    }
  p = s->data + it->i;
  if ((guchar) *p < 0x80)
    {
      *out = vm->small_strs[(guchar) *p];
      it->i++;
      return 1;
    }
  q = g_utf8_next_char (p);
  *out = ls_obj (ls_str_new (vm, p, q - p));
  it->i = q - s->data;
  return 1;
}

LsValue
_ls_str_iter (LsVM  *vm,
              LsStr *s)
{
  LsType *type = (s->hdr.flags & LS_STR_ASCII) ? LS_ITER_TYPE (vm, STR_ASCII) : LS_ITER_TYPE (vm, STR);

  return ls_obj (_ls_iter_alloc (vm, type, str_iter_next, ls_obj (s)));
}

/* -------------------------------------------------------------------- repr */

/* Python's str.isprintable(): everything but the "Other" and "Separator"
 * categories, except the ASCII space. */
static gboolean
unichar_printable (gunichar c)
{
  if (c == ' ')
    return TRUE;
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_SPACE_SEPARATOR:
      return FALSE;
    default:
      return TRUE;
    }
}

gboolean
_ls_unichar_isspace (gunichar c)
{
  if (c < 0x80)
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
  switch (c)
    {
    case 0x85: case 0xa0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202f: case 0x205f: case 0x3000:
      return TRUE;
    default:
      return c >= 0x2000 && c <= 0x200a;
    }
}

static void
append_escaped (GString *out,
                gunichar c)
{
  if (c < 0x100)
    g_string_append_printf (out, "\\x%02x", c);
  else if (c < 0x10000)
    g_string_append_printf (out, "\\u%04x", c);
  else
    g_string_append_printf (out, "\\U%08x", c);
}

void
_ls_gstring_append_repr (GString    *out,
                         const char *data,
                         gsize       len,
                         gboolean    ascii_only)
{
  const char *p = data, *end = data + len;
  char quote = '\'';

  if (memchr (data, '\'', len) != NULL && memchr (data, '"', len) == NULL)
    quote = '"';
  g_string_append_c (out, quote);
  while (p < end)
    {
      guchar b = (guchar) *p;
      gunichar c;
      const char *next;

      if (b < 0x80)
        {
          p++;
          if (b == (guchar) quote || b == '\\')
            {
              g_string_append_c (out, '\\');
              g_string_append_c (out, b);
            }
          else if (b == '\n')
            g_string_append (out, "\\n");
          else if (b == '\t')
            g_string_append (out, "\\t");
          else if (b == '\r')
            g_string_append (out, "\\r");
          else if (b < 0x20 || b == 0x7f)
            g_string_append_printf (out, "\\x%02x", b);
          else
            g_string_append_c (out, b);
          continue;
        }
      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* not valid UTF-8: show the byte rather than stop */
          g_string_append_printf (out, "\\x%02x", b);
          p++;
          continue;
        }
      next = g_utf8_next_char (p);
      if (ascii_only || !unichar_printable (c))
        append_escaped (out, c);
      else
        g_string_append_len (out, p, next - p);
      p = next;
    }
  g_string_append_c (out, quote);
}

LsStr *
_ls_str_repr_ex (LsVM    *vm,
                 LsStr   *s,
                 gboolean ascii_only)
{
  GString *out = g_string_sized_new (s->len + 2);

  _ls_gstring_append_repr (out, s->data, s->len, ascii_only);
  return LS_STR (_ls_str_from_gstring (vm, out));
}

LsStr *
ls_str_repr (LsVM  *vm,
             LsStr *s)
{
  return _ls_str_repr_ex (vm, s, FALSE);
}

/* ------------------------------------------------------------- the type */

/* str(), str(x), and subclasses of str. */
static LsValue
str_ctor (LsVM          *vm,
          LsValue        self,
          const LsValue *args,
          int            nargs,
          LsTuple       *kwnames)
{
  LsType *type = (LsType *) LS_AS_OBJ (self);
  int nkw = kwnames != NULL ? (int) kwnames->len : 0;
  LsValue v;
  LsStr *s;

  if (nkw > 0)
    {
      LsStr *name = LS_STR (kwnames->items[0]);
      if (nkw > 1 || nargs > 0 || strcmp (name->data, "object") != 0)
        return ls_raise (vm, LS_EXC_TYPE_ERROR, "'%s' is an invalid keyword argument for str()",
                         name->data);
      v = args[0];
    }
  else if (nargs == 0)
    v = vm->empty_str;
  else if (nargs > 3)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "str() takes at most 3 arguments (%d given)", nargs);
  else if (nargs > 1)
    {
      if (!LS_IS_STR (args[1]) || (nargs > 2 && !LS_IS_STR (args[2])))
        return ls_raise (vm, LS_EXC_TYPE_ERROR, "str() argument '%s' must be str, not %s",
                         LS_IS_STR (args[1]) ? "errors" : "encoding",
                         ls_type_name (vm, LS_IS_STR (args[1]) ? args[2] : args[1]));
      if (LS_IS_STR (args[0]))
        return ls_raise (vm, LS_EXC_TYPE_ERROR, "decoding str is not supported");
      return ls_raise (vm, LS_EXC_TYPE_ERROR, "decoding to str: need a bytes-like object, %s found",
                       ls_type_name (vm, args[0]));
    }
  else
    v = args[0];

  v = ls_to_str (vm, v);
  if (LS_IS_ERR (v) || type == vm->types[LS_T_STR])
    return v;
  s = LS_STR (v);
  return ls_obj (_ls_str_new_typed (vm, type, s->data, s->len));
}

/* str.__new__(cls, ...): what super().__new__(cls, v) reaches in a subclass */
static LsValue
str_dunder_new (LsVM          *vm,
                LsValue        self,
                const LsValue *args,
                int            nargs,
                LsTuple       *kwnames)
{
  LsType *cls;

  if (nargs < 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "str.__new__(): not enough arguments");
  if (!LS_OBJ_IS (args[0], LS_OBJ_TYPE))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "str.__new__(X): X is not a type object (%s)",
                     ls_type_name (vm, args[0]));
  cls = (LsType *) LS_AS_OBJ (args[0]);
  if (!ls_is_subtype (cls, vm->types[LS_T_STR]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "str.__new__(%s): %s is not a subtype of str",
                     ls_str_cstr (cls->name), ls_str_cstr (cls->name));
  return str_ctor (vm, args[0], args + 1, nargs - 1, kwnames);
}

void
_ls_str_init_type (LsVM *vm)
{
  LsType *type = vm->types[LS_T_STR];
  int i;

  if (vm->interned == NULL)
    vm->interned = g_hash_table_new (g_str_hash, g_str_equal);

  /* the caches may exist already (the VM interns names first) */
  if (!LS_IS_OBJ (vm->empty_str))
    vm->empty_str = ls_obj (ls_str_intern (vm, "", 0));
  for (i = 0; i < 128; i++)
    if (!LS_IS_OBJ (vm->small_strs[i]))
      {
        char c = (char) i;
        vm->small_strs[i] = ls_obj (ls_str_intern (vm, &c, 1));
      }

  type->ctor = str_ctor;
  ls_type_add_static (vm, type, "__new__", str_dunder_new);
  LS_ITER_TYPE (vm, STR) = _ls_iter_type_new (vm, "str_iterator");
  LS_ITER_TYPE (vm, STR_ASCII) = _ls_iter_type_new (vm, "str_ascii_iterator");
  _ls_strmethods_register (vm, type);
}
