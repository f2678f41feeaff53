/* ls-json.c: a streaming, strict JSON reader (see ls-json-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ls-json-private.h"
#include "ls-trace-types.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <string.h>

#define MAX_DEPTH 64
#define ARENA_BLOCK (64 * 1024)

typedef struct _Block Block;

struct _Block
{
  Block *next;
  gsize  size;
  gsize  used;
  /* data follows, 16-aligned */
};

struct _LsJsonReader
{
  const char *data;
  const char *p;
  const char *end;

  Block      *blocks;       /* the newest first */
  GArray     *node_stack;   /* items of the containers being parsed */
  GPtrArray  *key_stack;
  GString    *scratch;      /* strings with escapes */
  guint       depth;
};

/* Arena */

static gpointer
arena_alloc (LsJsonReader *r,
             gsize         size)
{
  Block *b = r->blocks;

  size = (size + 15) & ~(gsize) 15;
  if (b == NULL || b->size - b->used < size)
    {
      gsize data_size = MAX (ARENA_BLOCK, size);

      b = g_malloc (sizeof (Block) + 16 + data_size);
      b->next = r->blocks;
      b->size = data_size;
      b->used = 0;
      r->blocks = b;
    }

  b->used += size;
  return (guint8 *) b + ((sizeof (Block) + 15) & ~(gsize) 15) + b->used - size;
}

static char *
arena_strndup (LsJsonReader *r,
               const char   *str,
               gsize         len)
{
  char *copy = arena_alloc (r, len + 1);

  memcpy (copy, str, len);
  copy[len] = '\0';
  return copy;
}

void
_ls_json_reader_reset (LsJsonReader *r)
{
  /* Keep one block: a reader parsing one event at a time never allocates. */
  while (r->blocks != NULL && r->blocks->next != NULL)
    {
      Block *next = r->blocks->next;

      g_free (r->blocks);
      r->blocks = next;
    }
  if (r->blocks != NULL)
    r->blocks->used = 0;
}

/* Reader */

LsJsonReader *
_ls_json_reader_new (const char *data,
                     gsize       len)
{
  LsJsonReader *r = g_new0 (LsJsonReader, 1);

  r->data = data;
  r->p = data;
  r->end = data + len;
  r->node_stack = g_array_new (FALSE, FALSE, sizeof (LsJsonNode));
  r->key_stack = g_ptr_array_new ();
  r->scratch = g_string_new (NULL);
  return r;
}

void
_ls_json_reader_free (LsJsonReader *r)
{
  if (r == NULL)
    return;

  _ls_json_reader_reset (r);
  g_free (r->blocks);
  g_array_unref (r->node_stack);
  g_ptr_array_unref (r->key_stack);
  g_string_free (r->scratch, TRUE);
  g_free (r);
}

gsize
_ls_json_reader_tell (LsJsonReader *r)
{
  return (gsize) (r->p - r->data);
}

void
_ls_json_reader_seek (LsJsonReader *r,
                      gsize         offset)
{
  r->p = r->data + MIN (offset, (gsize) (r->end - r->data));
}

static gboolean G_GNUC_PRINTF (3, 4)
fail (LsJsonReader *r,
      GError      **error,
      const char   *format,
      ...)
{
  g_autofree char *message = NULL;
  guint line = 1, column = 1;
  va_list args;

  for (const char *q = r->data; q < r->p && q < r->end; q++)
    {
      if (*q == '\n')
        {
          line++;
          column = 1;
        }
      else
        column++;
    }

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, LS_TRACE_ERROR, LS_TRACE_ERROR_INVALID,
               _("Invalid trace file: line %u, column %u: %s"), line, column, message);
  return FALSE;
}

static void
skip_space (LsJsonReader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
    r->p++;
}

char
_ls_json_reader_peek (LsJsonReader *r)
{
  skip_space (r);
  return r->p < r->end ? *r->p : '\0';
}

gboolean
_ls_json_reader_expect (LsJsonReader  *r,
                        char           c,
                        GError       **error)
{
  skip_space (r);
  if (r->p >= r->end)
    return fail (r, error, _("unexpected end of file, expected “%c”"), c);
  if (*r->p != c)
    return fail (r, error, _("expected “%c”"), c);
  r->p++;
  return TRUE;
}

gboolean
_ls_json_reader_expect_end (LsJsonReader  *r,
                            GError       **error)
{
  skip_space (r);
  if (r->p != r->end)
    return fail (r, error, _("unexpected data after the end"));
  return TRUE;
}

/* Strings */

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (LsJsonReader *r,
           gunichar     *out)
{
  gunichar v = 0;

  if (r->end - r->p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int d = hex_digit (r->p[i]);

      if (d < 0)
        return FALSE;
      v = v * 16 + (gunichar) d;
    }
  r->p += 4;
  *out = v;
  return TRUE;
}

/* After "\u": one code point, joining a surrogate pair. */
static gboolean
read_unicode_escape (LsJsonReader  *r,
                     gunichar      *out,
                     GError       **error)
{
  gunichar c, low;

  if (!read_hex4 (r, &c))
    return fail (r, error, _("bad \\u escape"));
  if (c >= 0xDC00 && c <= 0xDFFF)
    return fail (r, error, _("lone surrogate in \\u escape"));
  if (c >= 0xD800 && c <= 0xDBFF)
    {
      if (r->end - r->p < 2 || r->p[0] != '\\' || r->p[1] != 'u')
        return fail (r, error, _("lone surrogate in \\u escape"));
      r->p += 2;
      if (!read_hex4 (r, &low) || low < 0xDC00 || low > 0xDFFF)
        return fail (r, error, _("lone surrogate in \\u escape"));
      c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
    }

  /* Strings end up as C strings: a NUL inside one becomes U+FFFD. */
  *out = c == 0 ? 0xFFFD : c;
  return TRUE;
}

static gboolean
read_escape (LsJsonReader  *r,
             GString       *out,
             GError       **error)
{
  gunichar c = 0;

  if (r->p >= r->end)
    return fail (r, error, _("unexpected end of file in a string"));

  switch (*r->p++)
    {
    case '"':  g_string_append_c (out, '"'); return TRUE;
    case '\\': g_string_append_c (out, '\\'); return TRUE;
    case '/':  g_string_append_c (out, '/'); return TRUE;
    case 'b':  g_string_append_c (out, '\b'); return TRUE;
    case 'f':  g_string_append_c (out, '\f'); return TRUE;
    case 'n':  g_string_append_c (out, '\n'); return TRUE;
    case 'r':  g_string_append_c (out, '\r'); return TRUE;
    case 't':  g_string_append_c (out, '\t'); return TRUE;
    case 'u':
      if (!read_unicode_escape (r, &c, error))
        return FALSE;
      g_string_append_unichar (out, c);
      return TRUE;
    default:
      r->p--;
      return fail (r, error, _("unknown escape in a string"));
    }
}

/* At the opening quote. With @out NULL the string is only checked. */
static gboolean
read_string (LsJsonReader  *r,
             const char   **out,
             GError       **error)
{
  const char *run, *text;
  gboolean escaped = FALSE;
  gsize len;

  g_assert (*r->p == '"');
  r->p++;
  run = r->p;
  g_string_truncate (r->scratch, 0);

  for (;;)
    {
      guchar c;

      if (r->p >= r->end)
        return fail (r, error, _("unexpected end of file in a string"));

      c = (guchar) *r->p;
      if (c == '"')
        break;
      if (c < 0x20)
        return fail (r, error, _("control character in a string"));
      if (c != '\\')
        {
          r->p++;
          continue;
        }

      g_string_append_len (r->scratch, run, r->p - run);
      r->p++;
      if (!read_escape (r, r->scratch, error))
        return FALSE;
      escaped = TRUE;
      run = r->p;
    }

  if (escaped)
    g_string_append_len (r->scratch, run, r->p - run);
  text = escaped ? r->scratch->str : run;
  len = escaped ? r->scratch->len : (gsize) (r->p - run);

  if (!g_utf8_validate_len (text, len, NULL))
    return fail (r, error, _("invalid UTF-8 in a string"));
  if (out != NULL)
    *out = arena_strndup (r, text, len);

  r->p++;
  return TRUE;
}

gboolean
_ls_json_reader_read_key (LsJsonReader  *r,
                          const char   **key,
                          GError       **error)
{
  skip_space (r);
  if (r->p >= r->end || *r->p != '"')
    return fail (r, error, _("expected a member name"));
  if (!read_string (r, key, error))
    return FALSE;
  return _ls_json_reader_expect (r, ':', error);
}

/* Numbers */

static gboolean
skip_digits (LsJsonReader *r)
{
  const char *start = r->p;

  while (r->p < r->end && g_ascii_isdigit (*r->p))
    r->p++;
  return r->p > start;
}

/* Moves past a number's text as RFC 8259 spells it; FALSE if it is not one.
 * @integral: whether it has neither fraction nor exponent. */
static gboolean
scan_number (LsJsonReader *r,
             gboolean     *integral)
{
  *integral = TRUE;

  if (r->p < r->end && *r->p == '-')
    r->p++;
  if (r->p < r->end && *r->p == '0')
    r->p++;
  else if (!skip_digits (r))
    return FALSE;

  if (r->p < r->end && *r->p == '.')
    {
      r->p++;
      *integral = FALSE;
      if (!skip_digits (r))
        return FALSE;
    }

  if (r->p < r->end && (*r->p == 'e' || *r->p == 'E'))
    {
      r->p++;
      *integral = FALSE;
      if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
        r->p++;
      if (!skip_digits (r))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_number (LsJsonReader  *r,
             LsJsonNode    *node,
             GError       **error)
{
  const char *start = r->p;
  gboolean integral;
  char buf[64];
  g_autofree char *heap = NULL;
  char *text;
  gsize len;

  if (!scan_number (r, &integral))
    return fail (r, error, _("bad number"));

  /* The input is not NUL-terminated: convert a copy. */
  len = (gsize) (r->p - start);
  text = len < sizeof buf ? buf : (heap = g_malloc (len + 1));
  memcpy (text, start, len);
  text[len] = '\0';

  if (integral)
    {
      errno = 0;
      node->v.i = g_ascii_strtoll (text, NULL, 10);
      node->type = LS_JSON_INT;
      if (errno == 0)
        return TRUE;
    }

  /* Out of range gives ±inf or 0: the caller's range checks reject it. */
  node->type = LS_JSON_DOUBLE;
  node->v.d = g_ascii_strtod (text, NULL);
  return TRUE;
}

/* Values */

static gboolean
read_literal (LsJsonReader  *r,
              const char    *word,
              GError       **error)
{
  gsize len = strlen (word);

  if ((gsize) (r->end - r->p) < len || memcmp (r->p, word, len) != 0)
    return fail (r, error, _("unexpected character"));
  r->p += len;
  return TRUE;
}

static gboolean parse_value (LsJsonReader  *r,
                             LsJsonNode    *node,
                             GError       **error);

/* Moves the last @n items (and keys) of the stacks into the arena. */
static void
finish_container (LsJsonReader *r,
                  LsJsonNode   *node,
                  guint         n,
                  gboolean      object)
{
  guint base = r->node_stack->len - n;

  node->n = n;
  node->v.items = arena_alloc (r, MAX (n, 1) * sizeof (LsJsonNode));
  if (object)
    node->keys = arena_alloc (r, MAX (n, 1) * sizeof (char *));
  if (n == 0)
    return;

  memcpy (node->v.items, &g_array_index (r->node_stack, LsJsonNode, base), n * sizeof (LsJsonNode));
  g_array_set_size (r->node_stack, base);
  if (object)
    {
      guint kbase = r->key_stack->len - n;

      memcpy (node->keys, r->key_stack->pdata + kbase, n * sizeof (char *));
      g_ptr_array_set_size (r->key_stack, kbase);
    }
}

static gboolean
parse_container (LsJsonReader  *r,
                 LsJsonNode    *node,
                 gboolean       object,
                 GError       **error)
{
  char close = object ? '}' : ']';
  guint n = 0;

  if (++r->depth > MAX_DEPTH)
    return fail (r, error, _("nested too deeply"));

  r->p++;
  node->type = object ? LS_JSON_OBJECT : LS_JSON_ARRAY;
  node->keys = NULL;

  if (_ls_json_reader_peek (r) == close)
    r->p++;
  else
    {
      for (;;)
        {
          LsJsonNode item = { 0 };
          const char *key = NULL;

          if (object && !_ls_json_reader_read_key (r, &key, error))
            return FALSE;
          if (!parse_value (r, &item, error))
            return FALSE;

          g_array_append_val (r->node_stack, item);
          if (object)
            g_ptr_array_add (r->key_stack, (gpointer) key);
          n++;

          if (_ls_json_reader_peek (r) == close)
            {
              r->p++;
              break;
            }
          if (!_ls_json_reader_expect (r, ',', error))
            return FALSE;
        }
    }

  finish_container (r, node, n, object);
  r->depth--;
  return TRUE;
}

static gboolean
parse_value (LsJsonReader  *r,
             LsJsonNode    *node,
             GError       **error)
{
  memset (node, 0, sizeof *node);

  switch (_ls_json_reader_peek (r))
    {
    case '{':
      return parse_container (r, node, TRUE, error);
    case '[':
      return parse_container (r, node, FALSE, error);
    case '"':
      node->type = LS_JSON_STRING;
      return read_string (r, &node->v.s, error);
    case 't':
      node->type = LS_JSON_BOOL;
      node->v.b = TRUE;
      return read_literal (r, "true", error);
    case 'f':
      node->type = LS_JSON_BOOL;
      return read_literal (r, "false", error);
    case 'n':
      node->type = LS_JSON_NULL;
      return read_literal (r, "null", error);
    case '\0':
      if (r->p >= r->end)
        return fail (r, error, _("unexpected end of file"));
      return fail (r, error, _("unexpected character"));
    default:
      if (*r->p == '-' || g_ascii_isdigit (*r->p))
        return read_number (r, node, error);
      return fail (r, error, _("unexpected character"));
    }
}

gboolean
_ls_json_reader_parse (LsJsonReader  *r,
                       LsJsonNode    *node,
                       GError       **error)
{
  gboolean ok;

  r->depth = 0;
  ok = parse_value (r, node, error);
  if (!ok)
    {
      /* Items of the containers left open are garbage now. */
      g_array_set_size (r->node_stack, 0);
      g_ptr_array_set_size (r->key_stack, 0);
    }
  return ok;
}

/* Skipping checks structure (brackets, strings, escapes), not every token:
 * the importer parses what it uses and only skips what it ignores. */
gboolean
_ls_json_reader_skip (LsJsonReader  *r,
                      GError       **error)
{
  char stack[MAX_DEPTH];
  guint depth = 0;

  skip_space (r);
  do
    {
      char c;

      if (r->p >= r->end)
        return fail (r, error, _("unexpected end of file"));

      c = *r->p;
      if (c == '"')
        {
          if (!read_string (r, NULL, error))
            return FALSE;
          continue;
        }
      if (c == '{' || c == '[')
        {
          if (depth == MAX_DEPTH)
            return fail (r, error, _("nested too deeply"));
          stack[depth++] = c == '{' ? '}' : ']';
        }
      else if (c == '}' || c == ']')
        {
          if (depth == 0 || stack[depth - 1] != c)
            return fail (r, error, _("mismatched “%c”"), c);
          depth--;
        }
      else if (((guchar) c < 0x20 || (guchar) c >= 0x80)
               && c != '\n' && c != '\r' && c != '\t')
        return fail (r, error, _("unexpected character"));
      r->p++;

      /* A scalar at the top level ends at the next delimiter. */
      if (depth == 0 && c != '}' && c != ']')
        {
          while (r->p < r->end && !strchr (",}] \n\r\t", *r->p))
            r->p++;
        }
    }
  while (depth > 0);

  return TRUE;
}

const LsJsonNode *
_ls_json_node_get_member (const LsJsonNode *node,
                          const char       *key)
{
  if (node == NULL || node->type != LS_JSON_OBJECT)
    return NULL;

  for (guint i = 0; i < node->n; i++)
    if (strcmp (node->keys[i], key) == 0)
      return &node->v.items[i];
  return NULL;
}
