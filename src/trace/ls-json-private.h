/* ls-json-private.h: a small strict JSON reader for the trace importer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A saved trace holds millions of events; a DOM of the whole file would take
 * gigabytes. The reader parses one value at a time into an arena that the
 * caller resets between values, and can skip a value without building it.
 * It follows RFC 8259 (no comments, no trailing commas, UTF-8 only) and
 * limits nesting, so untrusted input cannot exhaust the stack.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LS_JSON_NULL,
  LS_JSON_BOOL,
  LS_JSON_INT,      /* an integer literal that fits in gint64 */
  LS_JSON_DOUBLE,   /* any other number; may be infinite if out of range */
  LS_JSON_STRING,
  LS_JSON_ARRAY,
  LS_JSON_OBJECT,
} LsJsonType;

typedef struct _LsJsonNode LsJsonNode;

struct _LsJsonNode
{
  LsJsonType    type;
  guint         n;          /* items of an array, members of an object */
  union {
    gboolean    b;
    gint64      i;
    double      d;
    const char *s;          /* NUL-terminated, valid UTF-8 */
    LsJsonNode *items;
  } v;
  const char  **keys;       /* objects: the n member names */
};

typedef struct _LsJsonReader LsJsonReader;

LsJsonReader     *_ls_json_reader_new          (const char    *data,
                                                gsize          len);
void              _ls_json_reader_free         (LsJsonReader  *reader);

/* Drops every node parsed so far. */
void              _ls_json_reader_reset        (LsJsonReader  *reader);
gsize             _ls_json_reader_tell         (LsJsonReader  *reader);
void              _ls_json_reader_seek         (LsJsonReader  *reader,
                                                gsize          offset);

/* Skips white space and returns the next character without consuming it, or
 * '\0' at the end of the input. */
char              _ls_json_reader_peek         (LsJsonReader  *reader);
/* Skips white space and consumes @c, or fails. */
gboolean          _ls_json_reader_expect       (LsJsonReader  *reader,
                                                char           c,
                                                GError       **error);
/* Reads `"key" :`; the key lives until the next reset. */
gboolean          _ls_json_reader_read_key     (LsJsonReader  *reader,
                                                const char   **key,
                                                GError       **error);
gboolean          _ls_json_reader_parse        (LsJsonReader  *reader,
                                                LsJsonNode    *node,
                                                GError       **error);
gboolean          _ls_json_reader_skip         (LsJsonReader  *reader,
                                                GError       **error);
/* Fails unless only white space is left. */
gboolean          _ls_json_reader_expect_end   (LsJsonReader  *reader,
                                                GError       **error);

/* Member @key of an object node, or NULL (also when @node is not an object). */
const LsJsonNode *_ls_json_node_get_member     (const LsJsonNode *node,
                                                const char       *key);

G_END_DECLS
