/* ls-ast.c: the node arena and an ast.dump()-compatible printer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ls-ast.h"

#include <math.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Most parses of a scenario fit in one or two chunks of the first size;
 * chunks then double, so that a big file takes few allocations. */
#define CHUNK_SIZE     (16 * 1024)
#define CHUNK_SIZE_MAX (1024 * 1024)
#define ALIGNMENT  (alignof (max_align_t))

typedef struct _Chunk Chunk;

struct _Chunk
{
  Chunk *next;
  gsize  size;
  gsize  used;
  alignas (max_align_t) char data[];
};

struct _LsAstArena
{
  Chunk *head;
  gsize  next_size;
};

LsAstArena *
ls_ast_arena_new (void)
{
  return g_new0 (LsAstArena, 1);
}

void
ls_ast_arena_free (LsAstArena *arena)
{
  Chunk *chunk;

  if (arena == NULL)
    return;

  chunk = arena->head;
  while (chunk != NULL)
    {
      Chunk *next = chunk->next;

      g_free (chunk);
      chunk = next;
    }
  g_free (arena);
}

static Chunk *
chunk_new (LsAstArena *arena,
           gsize       min_size)
{
  gsize size = MAX (min_size, MAX (arena->next_size, CHUNK_SIZE));
  /* calloc hands out fresh pages already zeroed, and arena memory is never
   * reused, so allocations need no memset of their own. */
  Chunk *chunk = g_malloc0 (sizeof (Chunk) + size);

  arena->next_size = MIN (size * 2, CHUNK_SIZE_MAX);

  chunk->next = NULL;
  chunk->size = size;
  chunk->used = 0;
  return chunk;
}

/* Returns zeroed memory that lives as long as the arena. */
gpointer
ls_ast_alloc (LsAstArena *arena,
              gsize       size)
{
  Chunk *chunk;
  gpointer mem;

  g_return_val_if_fail (arena != NULL, NULL);

  size = (size + ALIGNMENT - 1) & ~(ALIGNMENT - 1);
  chunk = arena->head;
  if (chunk == NULL || chunk->size - chunk->used < size)
    {
      Chunk *fresh = chunk_new (arena, size);

      /* A big one-off allocation must not strand the free space of the
       * current chunk, so it goes behind it. */
      if (chunk != NULL && size > arena->next_size / 4)
        {
          fresh->next = chunk->next;
          chunk->next = fresh;
        }
      else
        {
          fresh->next = chunk;
          arena->head = fresh;
        }
      chunk = fresh;
    }

  mem = chunk->data + chunk->used;
  chunk->used += size;
  return mem;
}

const char *
ls_ast_strndup (LsAstArena *arena,
                const char *s,
                gsize       len)
{
  char *copy = ls_ast_alloc (arena, len + 1);

  memcpy (copy, s, len);
  copy[len] = '\0';
  return copy;
}

LsAst *
ls_ast_new (LsAstArena *arena,
            LsAstKind   kind,
            int         line,
            int         col)
{
  LsAst *node = ls_ast_alloc (arena, sizeof (LsAst));

  node->kind = kind;
  node->line = node->end_line = line;
  node->col = node->end_col = col;
  return node;
}

/* The capacity is implied by the length (4, then powers of two), so a list
 * needs no extra field: it is full exactly when its length is a power of two. */
void
ls_ast_list_append (LsAstArena *arena,
                    LsAstList  *list,
                    LsAst      *node)
{
  int len = list->len;

  if (len == 0 || (len >= 4 && (len & (len - 1)) == 0))
    {
      int cap = len == 0 ? 4 : len * 2;
      LsAst **items = ls_ast_alloc (arena, sizeof (LsAst *) * cap);

      if (len > 0)
        memcpy (items, list->items, sizeof (LsAst *) * len);
      list->items = items;
    }
  list->items[len] = node;
  list->len = len + 1;
}

/* ------------------------------------------------------------------ */
/* Dump                                                                 */
/* ------------------------------------------------------------------ */

static const char *kind_names[LS_AST_N_KINDS] = {
  [LS_AST_MODULE] = "Module",
  [LS_AST_FUNCTION_DEF] = "FunctionDef",
  [LS_AST_CLASS_DEF] = "ClassDef",
  [LS_AST_RETURN] = "Return",
  [LS_AST_DELETE] = "Delete",
  [LS_AST_ASSIGN] = "Assign",
  [LS_AST_AUG_ASSIGN] = "AugAssign",
  [LS_AST_ANN_ASSIGN] = "AnnAssign",
  [LS_AST_FOR] = "For",
  [LS_AST_WHILE] = "While",
  [LS_AST_IF] = "If",
  [LS_AST_WITH] = "With",
  [LS_AST_RAISE] = "Raise",
  [LS_AST_TRY] = "Try",
  [LS_AST_ASSERT] = "Assert",
  [LS_AST_IMPORT] = "Import",
  [LS_AST_IMPORT_FROM] = "ImportFrom",
  [LS_AST_GLOBAL] = "Global",
  [LS_AST_NONLOCAL] = "Nonlocal",
  [LS_AST_EXPR] = "Expr",
  [LS_AST_PASS] = "Pass",
  [LS_AST_BREAK] = "Break",
  [LS_AST_CONTINUE] = "Continue",
  [LS_AST_BOOL_OP] = "BoolOp",
  [LS_AST_NAMED_EXPR] = "NamedExpr",
  [LS_AST_BIN_OP] = "BinOp",
  [LS_AST_UNARY_OP] = "UnaryOp",
  [LS_AST_LAMBDA] = "Lambda",
  [LS_AST_IF_EXP] = "IfExp",
  [LS_AST_DICT] = "Dict",
  [LS_AST_SET] = "Set",
  [LS_AST_LIST_COMP] = "ListComp",
  [LS_AST_SET_COMP] = "SetComp",
  [LS_AST_DICT_COMP] = "DictComp",
  [LS_AST_GENERATOR_EXP] = "GeneratorExp",
  [LS_AST_AWAIT] = "Await",
  [LS_AST_YIELD] = "Yield",
  [LS_AST_YIELD_FROM] = "YieldFrom",
  [LS_AST_COMPARE] = "Compare",
  [LS_AST_CALL] = "Call",
  [LS_AST_FORMATTED_VALUE] = "FormattedValue",
  [LS_AST_JOINED_STR] = "JoinedStr",
  [LS_AST_CONSTANT] = "Constant",
  [LS_AST_ATTRIBUTE] = "Attribute",
  [LS_AST_SUBSCRIPT] = "Subscript",
  [LS_AST_STARRED] = "Starred",
  [LS_AST_NAME] = "Name",
  [LS_AST_LIST] = "List",
  [LS_AST_TUPLE] = "Tuple",
  [LS_AST_SLICE] = "Slice",
  [LS_AST_ARGUMENTS] = "arguments",
  [LS_AST_ARG] = "arg",
  [LS_AST_KEYWORD] = "keyword",
  [LS_AST_ALIAS] = "alias",
  [LS_AST_WITH_ITEM] = "withitem",
  [LS_AST_EXCEPT_HANDLER] = "ExceptHandler",
  [LS_AST_COMPREHENSION] = "comprehension",
};

const char *
ls_ast_kind_name (LsAstKind kind)
{
  if ((int) kind < 0 || kind >= LS_AST_N_KINDS)
    return "?";
  return kind_names[kind];
}

typedef struct
{
  GString  *out;
  gboolean  positions;
} Dumper;

static void dump_node (Dumper *d, const LsAst *node);

static const char *
binop_name (LsBinOpKind op)
{
  static const char *names[] = {
    "Add", "Sub", "Mult", "Div", "FloorDiv", "Mod", "Pow", "MatMult",
    "LShift", "RShift", "BitOr", "BitXor", "BitAnd",
  };

  op &= ~LS_BINOP_INPLACE;
  return (int) op >= 0 && op < LS_BINOP_N ? names[op] : "?";
}

static const char *
cmpop_name (LsCmpOpKind op)
{
  static const char *names[] = {
    "Lt", "LtE", "Eq", "NotEq", "Gt", "GtE", "Is", "IsNot", "In", "NotIn",
  };

  return (int) op >= 0 && op <= LS_CMP_NOT_IN ? names[op] : "?";
}

static const char *
ctx_name (LsExprCtx ctx)
{
  switch (ctx)
    {
    case LS_CTX_STORE:
      return "Store";
    case LS_CTX_DEL:
      return "Del";
    case LS_CTX_LOAD:
    default:
      return "Load";
    }
}

/* Python's str.isprintable() for one non-ASCII code point. */
static gboolean
unichar_is_printable (gunichar c)
{
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

/* Decodes one code point; also accepts encoded surrogates, which the parser
 * produces for escapes such as "\ud800". Returns the byte length. */
static int
decode_utf8 (const guchar *s,
             gsize         len,
             gunichar     *out)
{
  int n;
  gunichar c;

  if (s[0] < 0x80)
    {
      *out = s[0];
      return 1;
    }
  n = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 0;
  if (n == 0 || (gsize) n > len)
    {
      *out = 0xfffd;
      return 1;
    }
  c = s[0] & (0x7f >> n);
  for (int i = 1; i < n; i++)
    {
      if ((s[i] & 0xc0) != 0x80)
        {
          *out = 0xfffd;
          return 1;
        }
      c = (c << 6) | (s[i] & 0x3f);
    }
  *out = c;
  return n;
}

static void
append_escaped_char (GString  *out,
                     gunichar  c,
                     char      quote)
{
  if (c == (gunichar) quote || c == '\\')
    g_string_append_printf (out, "\\%c", (char) c);
  else if (c == '\t')
    g_string_append (out, "\\t");
  else if (c == '\n')
    g_string_append (out, "\\n");
  else if (c == '\r')
    g_string_append (out, "\\r");
  else if (c < ' ' || c == 0x7f)
    g_string_append_printf (out, "\\x%02x", c);
  else if (c < 0x7f || unichar_is_printable (c))
    g_string_append_unichar (out, c);
  else if (c <= 0xff)
    g_string_append_printf (out, "\\x%02x", c);
  else if (c <= 0xffff)
    g_string_append_printf (out, "\\u%04x", c);
  else
    g_string_append_printf (out, "\\U%08x", c);
}

/* Python's choice: single quotes unless the text has ' and no ". */
static char
pick_quote (const char *s,
            gsize       len)
{
  gboolean squote = memchr (s, '\'', len) != NULL;
  gboolean dquote = memchr (s, '"', len) != NULL;

  return squote && !dquote ? '"' : '\'';
}

static void
append_str_repr (GString    *out,
                 const char *s,
                 gsize       len)
{
  char quote = pick_quote (s, len);
  gsize i = 0;

  g_string_append_c (out, quote);
  while (i < len)
    {
      gunichar c;

      i += decode_utf8 ((const guchar *) s + i, len - i, &c);
      append_escaped_char (out, c, quote);
    }
  g_string_append_c (out, quote);
}

static void
append_bytes_repr (GString    *out,
                   const char *s,
                   gsize       len)
{
  char quote = pick_quote (s, len);

  g_string_append (out, "b");
  g_string_append_c (out, quote);
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) s[i];

      if (c >= 0x80)
        g_string_append_printf (out, "\\x%02x", c);
      else
        append_escaped_char (out, c, quote);
    }
  g_string_append_c (out, quote);
}

/* Writes @digits (no dot) with decimal exponent @exp the way repr(float)
 * does: positional for 1e-4 <= |x| < 1e16, scientific otherwise. */
static void
append_float_digits (GString    *out,
                     const char *digits,
                     int         exp)
{
  int n = strlen (digits);

  if (exp < -4 || exp >= 16)
    {
      g_string_append_c (out, digits[0]);
      if (n > 1)
        {
          g_string_append_c (out, '.');
          g_string_append (out, digits + 1);
        }
      g_string_append_printf (out, "e%c%02d", exp < 0 ? '-' : '+', ABS (exp));
    }
  else if (exp < 0)
    {
      g_string_append (out, "0.");
      for (int i = 0; i < -exp - 1; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else
    {
      for (int i = 0; i <= exp; i++)
        g_string_append_c (out, i < n ? digits[i] : '0');
      g_string_append_c (out, '.');
      g_string_append (out, n > exp + 1 ? digits + exp + 1 : "0");
    }
}

/* repr(float): the shortest digit string that reads back as the same double. */
static void
append_float_repr (GString *out,
                   double   d)
{
  char buf[64];
  char digits[32];
  int n = 0;
  int exp;
  char *e;

  if (isnan (d))
    {
      g_string_append (out, "nan");
      return;
    }
  if (isinf (d))
    {
      g_string_append (out, d < 0 ? "-inf" : "inf");
      return;
    }
  for (int prec = 1; prec <= 17; prec++)
    {
      snprintf (buf, sizeof buf, "%.*e", prec - 1, d);
      if (strtod (buf, NULL) == d)
        break;
    }
  e = strchr (buf, 'e');
  exp = atoi (e + 1);
  for (const char *p = buf; p < e; p++)
    if (g_ascii_isdigit (*p))
      digits[n++] = *p;
  while (n > 1 && digits[n - 1] == '0')
    n--;
  digits[n] = '\0';
  if (buf[0] == '-')
    g_string_append_c (out, '-');
  append_float_digits (out, digits, exp);
}

static void
append_constant (GString     *out,
                 const LsAst *node)
{
  switch (node->u.constant.kind)
    {
    case LS_CONST_NONE:
      g_string_append (out, "None");
      break;
    case LS_CONST_TRUE:
      g_string_append (out, "True");
      break;
    case LS_CONST_FALSE:
      g_string_append (out, "False");
      break;
    case LS_CONST_ELLIPSIS:
      g_string_append (out, "Ellipsis");
      break;
    case LS_CONST_INT:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, node->u.constant.i);
      break;
    case LS_CONST_BIGINT:
      g_string_append (out, node->u.constant.s);
      break;
    case LS_CONST_FLOAT:
      append_float_repr (out, node->u.constant.f);
      break;
    case LS_CONST_STR:
      append_str_repr (out, node->u.constant.s, node->u.constant.slen);
      break;
    case LS_CONST_BYTES:
      append_bytes_repr (out, node->u.constant.s, node->u.constant.slen);
      break;
    default:
      g_string_append (out, "?");
      break;
    }
}

/* Field writers: each prepends ", " unless it is the first field. */

static void
field_sep (Dumper *d)
{
  char last = d->out->len > 0 ? d->out->str[d->out->len - 1] : '(';

  if (last != '(')
    g_string_append (d->out, ", ");
}

static void
field_node (Dumper      *d,
            const char  *name,
            const LsAst *node)
{
  field_sep (d);
  g_string_append_printf (d->out, "%s=", name);
  dump_node (d, node);
}

/* An optional field: ast.dump() leaves out the ones that are None. */
static void
field_opt (Dumper      *d,
           const char  *name,
           const LsAst *node)
{
  if (node != NULL)
    field_node (d, name, node);
}

static void
field_list (Dumper          *d,
            const char      *name,
            const LsAstList *list)
{
  field_sep (d);
  g_string_append_printf (d->out, "%s=[", name);
  for (int i = 0; i < list->len; i++)
    {
      if (i > 0)
        g_string_append (d->out, ", ");
      dump_node (d, list->items[i]);
    }
  g_string_append_c (d->out, ']');
}

static void
field_str (Dumper     *d,
           const char *name,
           const char *value)
{
  if (value == NULL)
    return;
  field_sep (d);
  g_string_append_printf (d->out, "%s=", name);
  append_str_repr (d->out, value, strlen (value));
}

static void
field_raw (Dumper     *d,
           const char *name,
           const char *value)
{
  field_sep (d);
  g_string_append_printf (d->out, "%s=%s", name, value);
}

static void
field_int (Dumper     *d,
           const char *name,
           int         value)
{
  field_sep (d);
  g_string_append_printf (d->out, "%s=%d", name, value);
}

static void
field_op (Dumper     *d,
          const char *name,
          const char *op)
{
  field_sep (d);
  g_string_append_printf (d->out, "%s=%s()", name, op);
}

static void
field_names (Dumper      *d,
             const char **names,
             int          n_names)
{
  field_sep (d);
  g_string_append (d->out, "names=[");
  for (int i = 0; i < n_names; i++)
    {
      if (i > 0)
        g_string_append (d->out, ", ");
      append_str_repr (d->out, names[i], strlen (names[i]));
    }
  g_string_append_c (d->out, ']');
}

static void
dump_function_def (Dumper      *d,
                   const LsAst *node)
{
  field_str (d, "name", node->u.function_def.name);
  field_node (d, "args", node->u.function_def.args);
  field_list (d, "body", &node->u.function_def.body);
  field_list (d, "decorator_list", &node->u.function_def.decorators);
  field_opt (d, "returns", node->u.function_def.returns);
}

static void
dump_class_def (Dumper      *d,
                const LsAst *node)
{
  field_str (d, "name", node->u.class_def.name);
  field_list (d, "bases", &node->u.class_def.bases);
  field_list (d, "keywords", &node->u.class_def.keywords);
  field_list (d, "body", &node->u.class_def.body);
  field_list (d, "decorator_list", &node->u.class_def.decorators);
}

static void
dump_try (Dumper      *d,
          const LsAst *node)
{
  field_list (d, "body", &node->u.try_.body);
  field_list (d, "handlers", &node->u.try_.handlers);
  field_list (d, "orelse", &node->u.try_.orelse);
  field_list (d, "finalbody", &node->u.try_.finalbody);
}

static void
dump_arguments (Dumper      *d,
                const LsAst *node)
{
  field_list (d, "posonlyargs", &node->u.arguments.posonlyargs);
  field_list (d, "args", &node->u.arguments.args);
  field_opt (d, "vararg", node->u.arguments.vararg);
  field_list (d, "kwonlyargs", &node->u.arguments.kwonlyargs);
  field_list (d, "kw_defaults", &node->u.arguments.kw_defaults);
  field_opt (d, "kwarg", node->u.arguments.kwarg);
  field_list (d, "defaults", &node->u.arguments.defaults);
}

static void
dump_comp (Dumper      *d,
           const LsAst *node)
{
  if (node->kind == LS_AST_DICT_COMP)
    {
      field_node (d, "key", node->u.comp.key);
      field_node (d, "value", node->u.comp.value);
    }
  else
    field_node (d, "elt", node->u.comp.elt);
  field_list (d, "generators", &node->u.comp.generators);
}

static void
dump_compare (Dumper      *d,
              const LsAst *node)
{
  field_node (d, "left", node->u.compare.left);
  field_sep (d);
  g_string_append (d->out, "ops=[");
  for (int i = 0; i < node->u.compare.comparators.len; i++)
    g_string_append_printf (d->out, "%s%s()", i > 0 ? ", " : "",
                            cmpop_name (node->u.compare.ops[i]));
  g_string_append_c (d->out, ']');
  field_list (d, "comparators", &node->u.compare.comparators);
}

static void
dump_constant (Dumper      *d,
               const LsAst *node)
{
  field_sep (d);
  g_string_append (d->out, "value=");
  append_constant (d->out, node);
}

static void
dump_formatted_value (Dumper      *d,
                      const LsAst *node)
{
  field_node (d, "value", node->u.formatted_value.value);
  field_int (d, "conversion", node->u.formatted_value.conversion);
  field_opt (d, "format_spec", node->u.formatted_value.format_spec);
}

static void
dump_statement_fields (Dumper      *d,
                       const LsAst *node)
{
  switch (node->kind)
    {
    case LS_AST_MODULE:
      field_list (d, "body", &node->u.module.body);
      field_raw (d, "type_ignores", "[]");
      break;
    case LS_AST_FUNCTION_DEF:
      dump_function_def (d, node);
      break;
    case LS_AST_CLASS_DEF:
      dump_class_def (d, node);
      break;
    case LS_AST_RETURN:
      field_opt (d, "value", node->u.ret.value);
      break;
    case LS_AST_DELETE:
      field_list (d, "targets", &node->u.del.targets);
      break;
    case LS_AST_ASSIGN:
      field_list (d, "targets", &node->u.assign.targets);
      field_node (d, "value", node->u.assign.value);
      break;
    case LS_AST_AUG_ASSIGN:
      field_node (d, "target", node->u.aug_assign.target);
      field_op (d, "op", binop_name (node->u.aug_assign.op));
      field_node (d, "value", node->u.aug_assign.value);
      break;
    case LS_AST_ANN_ASSIGN:
      field_node (d, "target", node->u.ann_assign.target);
      field_node (d, "annotation", node->u.ann_assign.annotation);
      field_opt (d, "value", node->u.ann_assign.value);
      field_int (d, "simple", node->u.ann_assign.simple ? 1 : 0);
      break;
    case LS_AST_FOR:
      field_node (d, "target", node->u.for_.target);
      field_node (d, "iter", node->u.for_.iter);
      field_list (d, "body", &node->u.for_.body);
      field_list (d, "orelse", &node->u.for_.orelse);
      break;
    case LS_AST_WHILE:
      field_node (d, "test", node->u.while_.test);
      field_list (d, "body", &node->u.while_.body);
      field_list (d, "orelse", &node->u.while_.orelse);
      break;
    case LS_AST_IF:
      field_node (d, "test", node->u.if_.test);
      field_list (d, "body", &node->u.if_.body);
      field_list (d, "orelse", &node->u.if_.orelse);
      break;
    case LS_AST_WITH:
      field_list (d, "items", &node->u.with.items);
      field_list (d, "body", &node->u.with.body);
      break;
    case LS_AST_RAISE:
      field_opt (d, "exc", node->u.raise.exc);
      field_opt (d, "cause", node->u.raise.cause);
      break;
    case LS_AST_TRY:
      dump_try (d, node);
      break;
    case LS_AST_ASSERT:
      field_node (d, "test", node->u.assert_.test);
      field_opt (d, "msg", node->u.assert_.msg);
      break;
    case LS_AST_IMPORT:
      field_list (d, "names", &node->u.import.names);
      break;
    case LS_AST_IMPORT_FROM:
      field_str (d, "module", node->u.import_from.module);
      field_list (d, "names", &node->u.import_from.names);
      field_int (d, "level", node->u.import_from.level);
      break;
    case LS_AST_GLOBAL:
    case LS_AST_NONLOCAL:
      field_names (d, node->u.global.names, node->u.global.n_names);
      break;
    case LS_AST_EXPR:
      field_node (d, "value", node->u.expr.value);
      break;
    default:
      break;
    }
}

static void
dump_expression_fields (Dumper      *d,
                        const LsAst *node)
{
  switch (node->kind)
    {
    case LS_AST_BOOL_OP:
      field_op (d, "op", node->u.bool_op.op == LS_BOOL_AND ? "And" : "Or");
      field_list (d, "values", &node->u.bool_op.values);
      break;
    case LS_AST_NAMED_EXPR:
      field_node (d, "target", node->u.named_expr.target);
      field_node (d, "value", node->u.named_expr.value);
      break;
    case LS_AST_BIN_OP:
      field_node (d, "left", node->u.bin_op.left);
      field_op (d, "op", binop_name (node->u.bin_op.op));
      field_node (d, "right", node->u.bin_op.right);
      break;
    case LS_AST_UNARY_OP:
      {
        static const char *ops[] = { "Not", "USub", "UAdd", "Invert" };

        field_op (d, "op", ops[node->u.unary_op.op & 3]);
        field_node (d, "operand", node->u.unary_op.operand);
      }
      break;
    case LS_AST_LAMBDA:
      field_node (d, "args", node->u.lambda.args);
      field_node (d, "body", node->u.lambda.body);
      break;
    case LS_AST_IF_EXP:
      field_node (d, "test", node->u.if_exp.test);
      field_node (d, "body", node->u.if_exp.body);
      field_node (d, "orelse", node->u.if_exp.orelse);
      break;
    case LS_AST_DICT:
      field_list (d, "keys", &node->u.dict.keys);
      field_list (d, "values", &node->u.dict.values);
      break;
    case LS_AST_SET:
      field_list (d, "elts", &node->u.set.elts);
      break;
    case LS_AST_LIST_COMP:
    case LS_AST_SET_COMP:
    case LS_AST_DICT_COMP:
    case LS_AST_GENERATOR_EXP:
      dump_comp (d, node);
      break;
    case LS_AST_AWAIT:
    case LS_AST_YIELD_FROM:
      field_node (d, "value", node->u.await.value);
      break;
    case LS_AST_YIELD:
      field_opt (d, "value", node->u.await.value);
      break;
    case LS_AST_COMPARE:
      dump_compare (d, node);
      break;
    case LS_AST_CALL:
      field_node (d, "func", node->u.call.func);
      field_list (d, "args", &node->u.call.args);
      field_list (d, "keywords", &node->u.call.keywords);
      break;
    case LS_AST_FORMATTED_VALUE:
      dump_formatted_value (d, node);
      break;
    case LS_AST_JOINED_STR:
      field_list (d, "values", &node->u.joined_str.values);
      break;
    case LS_AST_CONSTANT:
      dump_constant (d, node);
      break;
    default:
      break;
    }
}

static void
dump_target_fields (Dumper      *d,
                    const LsAst *node)
{
  switch (node->kind)
    {
    case LS_AST_ATTRIBUTE:
      field_node (d, "value", node->u.attribute.value);
      field_str (d, "attr", node->u.attribute.attr);
      field_op (d, "ctx", ctx_name (node->u.attribute.ctx));
      break;
    case LS_AST_SUBSCRIPT:
      field_node (d, "value", node->u.subscript.value);
      field_node (d, "slice", node->u.subscript.slice);
      field_op (d, "ctx", ctx_name (node->u.subscript.ctx));
      break;
    case LS_AST_STARRED:
      field_node (d, "value", node->u.starred.value);
      field_op (d, "ctx", ctx_name (node->u.starred.ctx));
      break;
    case LS_AST_NAME:
      field_str (d, "id", node->u.name.id);
      field_op (d, "ctx", ctx_name (node->u.name.ctx));
      break;
    case LS_AST_LIST:
    case LS_AST_TUPLE:
      field_list (d, "elts", &node->u.list.elts);
      field_op (d, "ctx", ctx_name (node->u.list.ctx));
      break;
    case LS_AST_SLICE:
      field_opt (d, "lower", node->u.slice.lower);
      field_opt (d, "upper", node->u.slice.upper);
      field_opt (d, "step", node->u.slice.step);
      break;
    default:
      break;
    }
}

static void
dump_helper_fields (Dumper      *d,
                    const LsAst *node)
{
  switch (node->kind)
    {
    case LS_AST_ARGUMENTS:
      dump_arguments (d, node);
      break;
    case LS_AST_ARG:
      field_str (d, "arg", node->u.arg.arg);
      field_opt (d, "annotation", node->u.arg.annotation);
      break;
    case LS_AST_KEYWORD:
      field_str (d, "arg", node->u.keyword.arg);
      field_node (d, "value", node->u.keyword.value);
      break;
    case LS_AST_ALIAS:
      field_str (d, "name", node->u.alias.name);
      field_str (d, "asname", node->u.alias.asname);
      break;
    case LS_AST_WITH_ITEM:
      field_node (d, "context_expr", node->u.with_item.context_expr);
      field_opt (d, "optional_vars", node->u.with_item.optional_vars);
      break;
    case LS_AST_EXCEPT_HANDLER:
      field_opt (d, "type", node->u.except_handler.type);
      field_str (d, "name", node->u.except_handler.name);
      field_list (d, "body", &node->u.except_handler.body);
      break;
    case LS_AST_COMPREHENSION:
      field_node (d, "target", node->u.comprehension.target);
      field_node (d, "iter", node->u.comprehension.iter);
      field_list (d, "ifs", &node->u.comprehension.ifs);
      field_int (d, "is_async", node->u.comprehension.is_async ? 1 : 0);
      break;
    default:
      break;
    }
}

/* The Python class name, which for some kinds depends on a flag. */
static const char *
dump_class_name (const LsAst *node)
{
  switch (node->kind)
    {
    case LS_AST_FUNCTION_DEF:
      return node->u.function_def.is_async ? "AsyncFunctionDef" : "FunctionDef";
    case LS_AST_FOR:
      return node->u.for_.is_async ? "AsyncFor" : "For";
    case LS_AST_WITH:
      return node->u.with.is_async ? "AsyncWith" : "With";
    case LS_AST_TRY:
      return node->u.try_.is_star ? "TryStar" : "Try";
    default:
      return ls_ast_kind_name (node->kind);
    }
}

/* Python gives positions only to statements, expressions, handlers, args,
 * keywords and aliases; module and the other helpers have none. */
static gboolean
has_python_position (LsAstKind kind)
{
  switch (kind)
    {
    case LS_AST_MODULE:
    case LS_AST_ARGUMENTS:
    case LS_AST_WITH_ITEM:
    case LS_AST_COMPREHENSION:
      return FALSE;
    default:
      return TRUE;
    }
}

static void
dump_node (Dumper      *d,
           const LsAst *node)
{
  if (node == NULL)
    {
      g_string_append (d->out, "None");
      return;
    }
  g_string_append_printf (d->out, "%s(", dump_class_name (node));
  if (node->kind <= LS_AST_CONTINUE)
    dump_statement_fields (d, node);
  else if (node->kind <= LS_AST_CONSTANT)
    dump_expression_fields (d, node);
  else if (node->kind <= LS_AST_SLICE)
    dump_target_fields (d, node);
  else
    dump_helper_fields (d, node);
  if (d->positions && has_python_position (node->kind))
    {
      field_int (d, "lineno", node->line);
      field_int (d, "col_offset", node->col);
      field_int (d, "end_lineno", node->end_line);
      field_int (d, "end_col_offset", node->end_col);
    }
  g_string_append_c (d->out, ')');
}

char *
ls_ast_dump_full (const LsAst *node,
                  gboolean     include_positions)
{
  Dumper d = { g_string_new (NULL), include_positions };

  dump_node (&d, node);
  return g_string_free (d.out, FALSE);
}

char *
ls_ast_dump (const LsAst *node)
{
  return ls_ast_dump_full (node, FALSE);
}
