/* ls-compiler.c: LsAst to LsCode, one code object per module, class body,
 * def, lambda and comprehension.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How this compiler reads ls-opcodes.h (notes for the VM):
 *
 *  - Jump arguments are absolute instruction indices, resolved from labels
 *    when a code object is finished. max_stack and max_blocks come from a
 *    simulation of every reachable path with the documented stack effects.
 *  - LIST_APPEND / SET_ADD / MAP_ADD / LIST_EXTEND / SET_UPDATE / DICT_UPDATE /
 *    DICT_MERGE follow the bracket notation of the header (CPython 3.11):
 *    arg i means i-1 items lie between the container and the popped value(s),
 *    so after popping, the container is stack[-i]. A comprehension appends
 *    with LIST_APPEND depth+1 where depth is the number of live iterators.
 *  - Exception blocks. SETUP_FINALLY records the stack depth at the moment it
 *    runs; the handler starts with that depth plus the exception. Handlers
 *    always begin with
 *        SETUP_FINALLY cleanup ; PUSH_EXC_INFO
 *    i.e. the cleanup block is pushed while the exception is still on top, so
 *    an exception raised inside the handler truncates to [.. prev_handled]
 *    and lands in `cleanup` as [.. prev_handled, exc2], which does
 *        SWAP 2 ; POP_EXCEPT ; RERAISE
 *    (restore the previously handled exception, propagate exc2).
 *  - try/except:      SETUP_FINALLY H; body; POP_BLOCK; else; JUMP end
 *      H: [exc] SETUP_FINALLY C; PUSH_EXC_INFO; for each clause:
 *         <type>; CHECK_EXC_MATCH; POP_JUMP_IF_FALSE next; STORE e (or POP_TOP);
 *         with a name: SETUP_FINALLY N; body; POP_BLOCK; POP_BLOCK; POP_EXCEPT;
 *                      e = None; del e; JUMP end
 *                   N: [prev, exc2] e = None; del e; RERAISE
 *         without:     body; POP_BLOCK; POP_EXCEPT; JUMP end
 *      no clause matched: RERAISE (with [prev, exc]: goes through C).
 *  - try/finally: the normal path runs the finally body inline after POP_BLOCK;
 *    the exceptional path is  [exc] SETUP_FINALLY C; PUSH_EXC_INFO; finally
 *    body; POP_BLOCK; SWAP 2; POP_EXCEPT; RERAISE.  return/break/continue
 *    leaving a try/finally or a with block compile the finally body / the
 *    __exit__(None, None, None) call inline before jumping.
 *  - with: <mgr>; BEFORE_WITH; <store or POP_TOP>; SETUP_FINALLY X; body;
 *    (a target that can raise is stored from a COPY under a block of its
 *    own that drops the __enter__ result and jumps to X);
 *    POP_BLOCK; LOAD_CONST None x3; CALL 3; POP_TOP; JUMP end
 *      X: [exit, exc] SETUP_FINALLY C; PUSH_EXC_INFO; WITH_EXCEPT_START;
 *         POP_JUMP_IF_TRUE S; RERAISE
 *      S: POP_BLOCK; POP_TOP; POP_EXCEPT; POP_TOP; JUMP end
 *    async with inserts GET_AWAITABLE 1|2; LOAD_CONST None; YIELD_FROM after
 *    BEFORE_ASYNC_WITH and after both __aexit__ calls.
 *  - try/except* (CPython 3.11 semantics):
 *      H: [exc] SETUP_FINALLY C; PUSH_EXC_INFO; COPY 1; BUILD_LIST 0; SWAP 2
 *         stack: [prev, orig, raised_list, rest]
 *      each clause: (after the first: COPY 1; POP_JUMP_IF_NONE done — nothing
 *         left to match, the remaining clause types are not evaluated)
 *         <type>; CHECK_EG_MATCH            [.., rest', match]
 *         COPY 1; POP_JUMP_IF_NONE nomatch
 *         PUSH_EXC_INFO                      [.., rest', prev2, match]: the
 *                                            handled exception is the match
 *         STORE e (or POP_TOP); SETUP_FINALLY R; body; POP_BLOCK; POP_EXCEPT;
 *         e = None; del e; JUMP next
 *      R: [.., rest', prev2, raised] SWAP 2; POP_EXCEPT; e = None; del e;
 *         LIST_APPEND 2; JUMP next
 *      nomatch: POP_TOP   next: ...
 *      done: LIST_APPEND 1 (the unhandled rest, possibly None, goes last);
 *         PREP_RERAISE_STAR; COPY 1; POP_JUMP_IF_NOT_NONE reraise;
 *         POP_TOP; POP_BLOCK; POP_EXCEPT; JUMP end
 *      reraise: POP_BLOCK; SWAP 2; POP_EXCEPT; RERAISE
 *    So PREP_RERAISE_STAR receives None items in its list (skip them), and a
 *    bare `raise` in a handler re-raises the match, which must count as
 *    re-raised (kept in the original group's shape), as in CPython.
 *  - for: GET_ITER; L: FOR_ITER exit; <store>; body; JUMP L.  async for:
 *    GET_AITER; L: SETUP_FINALLY E; GET_ANEXT; LOAD_CONST None; YIELD_FROM;
 *    POP_BLOCK; <store>; body; JUMP L; E: END_ASYNC_FOR.
 *  - Calls: CALL n; CALL_KW n with a constant tuple of names on top;
 *    x.m(...) without * or ** args is LOAD_METHOD + CALL_METHOD(_KW); with * or **
 *    the arguments become a tuple (BUILD_LIST, LIST_APPEND/LIST_EXTEND,
 *    LIST_TO_TUPLE) and a dict (BUILD_MAP + DICT_MERGE 1) for CALL_EX.
 *  - Functions: consts[0] of a def is its docstring, or None (lambdas: None),
 *    so the VM may take __doc__ from there when it is a str. varnames holds
 *    the positional parameters (posonly first), then the keyword-only ones,
 *    then *args, then **kwargs (CPython's order), then the other locals. A
 *    captured parameter is also a cell: cell2arg[cell] names its parameter
 *    slot, whose argument the frame copies into the cell on entry.
 *  - A comprehension / generator expression is a function of one parameter
 *    ".0" (the iterator over its outermost iterable, already GET_ITER'd or
 *    GET_AITER'd by the caller), called with CALL 1.
 *  - Class bodies store __module__ (LOAD_NAME __name__) and __qualname__,
 *    then run; they return the __class__ cell (LOAD_CLOSURE) when a method
 *    uses super() or __class__, else None.
 *  - Module/class annotations `x: T` store the source text of T (a str) into
 *    __annotations__['x']; annotations are never evaluated.
 *  - IMPORT_NAME "a.b" pushes a; `import a.b as c` and `from a.b import x`
 *    walk down with IMPORT_FROM.
 *  - SyntaxError offsets follow CPython's compiler: UTF-8 byte column + 1.
 */
#include "ls-compiler.h"

#include <math.h>
#include <string.h>

#include "ls-opcodes.h"
#include "ls-symtable.h"

/* ------------------------------------------------------------ structures */

typedef enum
{
  FB_WHILE,
  FB_FOR,
  FB_ASYNC_FOR,
  FB_TRY_EXCEPT,
  FB_FINALLY_TRY,
  FB_FINALLY_END,
  FB_WITH,
  FB_ASYNC_WITH,
  FB_HANDLER,
  FB_EXCEPT_STAR,
  FB_POP_VALUE,
} FBlockKind;

/* What a return/break/continue must undo on its way out. */
typedef struct
{
  FBlockKind   kind;
  int          continue_label;
  int          break_label;
  const LsAst *node;        /* FB_FINALLY_TRY: the try; FB_WITH: the with */
  const char  *name;        /* FB_HANDLER: the `as` name, or NULL */
} FBlock;

typedef struct _Unit Unit;

struct _Unit
{
  Unit       *parent;
  LsScope    *scope;
  char       *name;
  char       *qualname;
  GArray     *code;         /* guint32 */
  GArray     *positions;    /* LsPosition */
  GArray     *consts;       /* LsValue */
  GHashTable *const_map;    /* GBytes key -> index + 1 */
  GPtrArray  *names;
  GHashTable *name_map;
  GPtrArray  *varnames;
  GHashTable *var_map;
  GPtrArray  *cellnames;
  GHashTable *cell_map;
  GPtrArray  *freenames;
  GHashTable *free_map;
  GArray     *labels;       /* int: instruction index, -1 until placed */
  GArray     *fblocks;      /* FBlock */
  LsPosition  pos;          /* given to every emitted instruction */
  int         argcount;
  int         posonlyargcount;
  int         kwonlyargcount;
  guint32     flags;
  int         first_line;
  gboolean    awaits;       /* module body used top-level await */
};

typedef struct
{
  LsVM           *vm;
  LsSymtable     *st;
  Unit           *u;
  LsCompileFlags  flags;
  const char     *filename;
  const char     *source;
  GArray         *line_starts;  /* byte offset of each line, lazily */
  LsStr          *filename_str;
  GStringChunk   *strings;      /* names made up while compiling */
  GPtrArray      *frozensets;   /* LsSet: the module's frozenset constants */
  gboolean        failed;
  char           *err_msg;
  LsPosition      err_pos;
} Compiler;

static void compile_expr      (Compiler *c, const LsAst *e);
static void compile_stmt      (Compiler *c, const LsAst *s);
static void compile_body      (Compiler *c, const LsAstList *body);
static void compile_store     (Compiler *c, const LsAst *target);
static void compile_jump_if   (Compiler *c, const LsAst *e, gboolean cond, int label);

/* ---------------------------------------------------------------- errors */

static LsPosition
pos_of (const LsAst *node)
{
  LsPosition p;

  p.line = node->line;
  p.end_line = node->end_line ? node->end_line : node->line;
  p.col = (guint16) CLAMP (node->col, 0, G_MAXUINT16);
  p.end_col = (guint16) CLAMP (node->end_col, 0, G_MAXUINT16);
  return p;
}

static void
error_at_pos (Compiler   *c,
              LsPosition  pos,
              char       *msg)
{
  if (c->failed)
    {
      g_free (msg);
      return;
    }
  c->failed = TRUE;
  c->err_msg = msg;
  c->err_pos = pos;
}

/* Reports a SyntaxError at node (NULL: the instruction position in effect). */
static void
compile_error (Compiler    *c,
               const LsAst *node,
               const char  *fmt,
               ...) G_GNUC_PRINTF (3, 4);

static void
compile_error (Compiler    *c,
               const LsAst *node,
               const char  *fmt,
               ...)
{
  va_list ap;
  char *msg;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  error_at_pos (c, node ? pos_of (node) : c->u->pos, msg);
}

/* ------------------------------------------------------------- emitting */

static int
emit (Compiler *c,
      LsOpcode  op,
      guint32   arg)
{
  guint32 word = LS_INSTR (op, MIN (arg, LS_ARG_MAX));

  g_array_append_val (c->u->code, word);
  g_array_append_val (c->u->positions, c->u->pos);
  return c->u->code->len - 1;
}

static int
new_label (Compiler *c)
{
  int unplaced = -1;

  g_array_append_val (c->u->labels, unplaced);
  return c->u->labels->len - 1;
}

static void
place_label (Compiler *c,
             int       label)
{
  g_array_index (c->u->labels, int, label) = c->u->code->len;
}

/* Jump-type instructions carry a label number until the unit is finished. */
static void
emit_jump (Compiler *c,
           LsOpcode  op,
           int       label)
{
  emit (c, op, label);
}

static gboolean
is_jump (LsOpcode op)
{
  switch (op)
    {
    case LS_OP_JUMP:
    case LS_OP_POP_JUMP_IF_FALSE:
    case LS_OP_POP_JUMP_IF_TRUE:
    case LS_OP_POP_JUMP_IF_NONE:
    case LS_OP_POP_JUMP_IF_NOT_NONE:
    case LS_OP_JUMP_IF_FALSE_OR_POP:
    case LS_OP_JUMP_IF_TRUE_OR_POP:
    case LS_OP_FOR_ITER:
    case LS_OP_SETUP_FINALLY:
      return TRUE;
    default:
      return FALSE;
    }
}

static LsPosition
set_pos (Compiler    *c,
         const LsAst *node)
{
  LsPosition saved = c->u->pos;

  c->u->pos = pos_of (node);
  return saved;
}

/* CPython's update_start_location_to_match_attr: an attribute access that
 * spans lines is reported on the line of the attribute name. */
static LsPosition
attr_position (LsPosition   loc,
               const LsAst *attr)
{
  if (loc.line != attr->end_line)
    {
      glong len = g_utf8_strlen (attr->u.attribute.attr, -1);

      loc.line = attr->end_line;
      if (len <= attr->end_col)
        loc.col = attr->end_col - len;
      loc.end_line = MAX (loc.line, loc.end_line);
      if (loc.line == loc.end_line)
        loc.end_col = MAX (loc.col, loc.end_col);
    }
  return loc;
}

/* ------------------------------------------------------- constant pool */

static GBytes *
const_key (Compiler *c,
           LsValue   v)
{
  guint8 buf[1 + sizeof (gint64)];

  if (LS_IS_OBJ (v))
    {
      LsObj *o = LS_AS_OBJ (v);

      if (o->kind == LS_OBJ_STR)
        {
          LsStr *s = (LsStr *) o;
          GByteArray *key = g_byte_array_sized_new (s->len + 1);

          g_byte_array_append (key, (const guint8 *) "s", 1);
          g_byte_array_append (key, (const guint8 *) s->data, s->len);
          return g_byte_array_free_to_bytes (key);
        }
      if (v.u.o != LS_AS_OBJ (c->vm->ellipsis))
        return NULL;   /* code objects and tuples are not shared */
    }
  buf[0] = (guint8) v.tag;
  memcpy (buf + 1, &v.u.i, sizeof (gint64));
  return g_bytes_new (buf, sizeof buf);
}

static int
add_const (Compiler *c,
           LsValue   v)
{
  Unit *u = c->u;
  g_autoptr (GBytes) key = const_key (c, v);
  gpointer found;

  if (key && g_hash_table_lookup_extended (u->const_map, key, NULL, &found))
    return GPOINTER_TO_INT (found) - 1;
  g_array_append_val (u->consts, v);
  if (key)
    g_hash_table_insert (u->const_map, g_steal_pointer (&key), GINT_TO_POINTER (u->consts->len));
  return u->consts->len - 1;
}

static void
emit_load_const (Compiler *c,
                 LsValue   v)
{
  emit (c, LS_OP_LOAD_CONST, add_const (c, v));
}

static void
emit_load_none (Compiler *c)
{
  emit_load_const (c, LS_NONE);
}

static gboolean
is_identifier_like (const char *s,
                    gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (s[i]) && s[i] != '_')
      return FALSE;
  return TRUE;
}

/* Identifier-like string constants are interned, like CPython does. */
static LsValue
str_const (Compiler   *c,
           const char *s,
           gsize       len)
{
  if (len < 64 && is_identifier_like (s, len))
    return ls_obj (ls_str_intern (c->vm, s, len));
  return ls_obj (ls_str_new (c->vm, s, len));
}

/* ---------------------------------------------------------- name tables */

static int
table_index (GPtrArray  *arr,
             GHashTable *map,
             const char *name)
{
  gpointer found;

  if (g_hash_table_lookup_extended (map, name, NULL, &found))
    return GPOINTER_TO_INT (found) - 1;
  g_ptr_array_add (arr, (gpointer) name);
  g_hash_table_insert (map, (gpointer) name, GINT_TO_POINTER (arr->len));
  return arr->len - 1;
}

static int
table_find (GHashTable *map,
            const char *name)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (map, name)) - 1;
}

static int
name_index (Compiler   *c,
            const char *name)
{
  return table_index (c->u->names, c->u->name_map, name);
}

static const char *
mangle (Compiler   *c,
        const char *name)
{
  return ls_symtable_mangle (c->st, c->u->scope->private_name, name);
}

/* ------------------------------------------------------------ fblocks */

static void
push_fblock (Compiler    *c,
             FBlockKind   kind,
             int          continue_label,
             int          break_label,
             const LsAst *node,
             const char  *name)
{
  FBlock fb = { kind, continue_label, break_label, node, name };

  g_array_append_val (c->u->fblocks, fb);
}

static void
pop_fblock (Compiler *c)
{
  g_array_set_size (c->u->fblocks, c->u->fblocks->len - 1);
}

/* --------------------------------------------------------------- source */

static void
ensure_line_starts (Compiler *c)
{
  gsize zero = 0;

  if (c->line_starts || c->source == NULL)
    return;
  c->line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_append_val (c->line_starts, zero);
  for (const char *p = c->source; *p; p++)
    if (*p == '\n')
      {
        gsize off = p - c->source + 1;
        g_array_append_val (c->line_starts, off);
      }
}

/* The text of a 1-based line, without its newline; NULL if unknown. */
static char *
source_line (const char *source,
             int         line)
{
  const char *start = source, *end;

  if (source == NULL || line < 1)
    return NULL;
  for (int i = 1; i < line; i++)
    {
      start = strchr (start, '\n');
      if (start == NULL)
        return NULL;
      start++;
    }
  end = strchr (start, '\n');
  if (end == NULL)
    end = start + strlen (start);
  if (end > start && end[-1] == '\r')
    end--;
  return g_strndup (start, end - start);
}

/* ------------------------------------------------------------ name ops */

typedef enum { ACCESS_FAST, ACCESS_DEREF, ACCESS_GLOBAL, ACCESS_NAME } Access;

static const LsOpcode access_ops[4][3] = {
  /*                 LOAD                  STORE                DEL */
  [ACCESS_FAST]   = { LS_OP_LOAD_FAST,   LS_OP_STORE_FAST,   LS_OP_DELETE_FAST },
  [ACCESS_DEREF]  = { LS_OP_LOAD_DEREF,  LS_OP_STORE_DEREF,  LS_OP_DELETE_DEREF },
  [ACCESS_GLOBAL] = { LS_OP_LOAD_GLOBAL, LS_OP_STORE_GLOBAL, LS_OP_DELETE_GLOBAL },
  [ACCESS_NAME]   = { LS_OP_LOAD_NAME,   LS_OP_STORE_NAME,   LS_OP_DELETE_NAME },
};

static void
compile_name_op (Compiler    *c,
                 const char  *id,
                 LsExprCtx    ctx)
{
  Unit *u = c->u;
  const char *mangled = mangle (c, id);
  LsSymbol *sym = ls_scope_symbol (u->scope, mangled);
  LsBinding binding = sym ? sym->binding : LS_BIND_NONE;
  gboolean fn = ls_scope_is_function (u->scope);
  Access access = ACCESS_NAME;
  int index = 0;

  switch (binding)
    {
    case LS_BIND_FREE:
      access = ACCESS_DEREF;
      index = u->cellnames->len + table_find (u->free_map, mangled);
      if (ctx == LS_CTX_LOAD && u->scope->kind == LS_SCOPE_CLASS)
        {
          emit (c, LS_OP_LOAD_CLASSDEREF, index);
          return;
        }
      break;
    case LS_BIND_CELL:
      access = ACCESS_DEREF;
      index = table_find (u->cell_map, mangled);
      break;
    case LS_BIND_LOCAL:
      if (fn)
        {
          access = ACCESS_FAST;
          index = table_index (u->varnames, u->var_map, mangled);
        }
      break;
    case LS_BIND_GLOBAL_EXPLICIT:
      access = ACCESS_GLOBAL;
      break;
    case LS_BIND_GLOBAL_IMPLICIT:
    case LS_BIND_NONE:
    default:
      if (fn)
        access = ACCESS_GLOBAL;
      break;
    }
  if (access == ACCESS_GLOBAL || access == ACCESS_NAME)
    index = name_index (c, mangled);
  emit (c, access_ops[access][ctx], index);
}

/* Loads/stores a name the compiler itself introduces (__module__...). */
static void
emit_raw_name (Compiler   *c,
               LsOpcode    op,
               const char *name)
{
  emit (c, op, name_index (c, name));
}

/* ---------------------------------------------------------------- units */

static char *
make_qualname (Compiler    *c,
               LsScope     *scope,
               const char  *name)
{
  Unit *parent = c->u;

  if (parent == NULL || parent->scope->kind == LS_SCOPE_MODULE)
    return g_strdup (name);
  if (scope->kind == LS_SCOPE_FUNCTION || scope->kind == LS_SCOPE_CLASS)
    {
      const char *mangled = ls_symtable_mangle (c->st, parent->scope->private_name, name);
      LsSymbol *sym = ls_scope_symbol (parent->scope, mangled);

      if (sym && sym->binding == LS_BIND_GLOBAL_EXPLICIT)
        return g_strdup (name);
    }
  if (parent->scope->kind == LS_SCOPE_FUNCTION || parent->scope->kind == LS_SCOPE_LAMBDA)
    return g_strdup_printf ("%s.<locals>.%s", parent->qualname, name);
  return g_strdup_printf ("%s.%s", parent->qualname, name);
}

static void
unit_fill_tables (Unit *u)
{
  LsScope *scope = u->scope;

  if (ls_scope_is_function (scope))
    {
      for (guint i = 0; i < scope->params->len; i++)
        table_index (u->varnames, u->var_map, scope->params->pdata[i]);
      for (guint i = 0; i < scope->symbol_list->len; i++)
        {
          LsSymbol *sym = scope->symbol_list->pdata[i];
          if (sym->binding == LS_BIND_LOCAL)
            table_index (u->varnames, u->var_map, sym->name);
        }
    }
  for (guint i = 0; i < scope->symbol_list->len; i++)
    {
      LsSymbol *sym = scope->symbol_list->pdata[i];
      if (sym->binding == LS_BIND_CELL)
        table_index (u->cellnames, u->cell_map, sym->name);
    }
  if (scope->kind == LS_SCOPE_CLASS && scope->needs_class_closure)
    table_index (u->cellnames, u->cell_map, "__class__");
  for (guint i = 0; i < scope->symbol_list->len; i++)
    {
      LsSymbol *sym = scope->symbol_list->pdata[i];
      if (sym->binding == LS_BIND_FREE || (sym->flags & LS_SYM_FREE_CLASS))
        table_index (u->freenames, u->free_map, sym->name);
    }
}

static void
enter_unit (Compiler    *c,
            LsScope     *scope,
            const char  *name,
            const LsAst *node)
{
  Unit *u = g_new0 (Unit, 1);

  u->parent = c->u;
  u->scope = scope;
  u->name = g_strdup (name);
  u->qualname = make_qualname (c, scope, name);
  u->code = g_array_new (FALSE, FALSE, sizeof (guint32));
  u->positions = g_array_new (FALSE, FALSE, sizeof (LsPosition));
  u->consts = g_array_new (FALSE, FALSE, sizeof (LsValue));
  u->const_map = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                        (GDestroyNotify) g_bytes_unref, NULL);
  u->names = g_ptr_array_new ();
  u->name_map = g_hash_table_new (g_str_hash, g_str_equal);
  u->varnames = g_ptr_array_new ();
  u->var_map = g_hash_table_new (g_str_hash, g_str_equal);
  u->cellnames = g_ptr_array_new ();
  u->cell_map = g_hash_table_new (g_str_hash, g_str_equal);
  u->freenames = g_ptr_array_new ();
  u->free_map = g_hash_table_new (g_str_hash, g_str_equal);
  u->labels = g_array_new (FALSE, FALSE, sizeof (int));
  u->fblocks = g_array_new (FALSE, FALSE, sizeof (FBlock));
  if (node)
    {
      u->pos = pos_of (node);
      u->first_line = node->line;
    }
  else
    {
      u->pos = (LsPosition) { 1, 1, 0, 0 };
      u->first_line = 1;
    }
  if (u->parent && ls_scope_is_function (u->parent->scope))
    u->flags |= LS_CODE_NESTED;
  unit_fill_tables (u);
  c->u = u;
}

static void
unit_free (Unit *u)
{
  g_free (u->name);
  g_free (u->qualname);
  g_array_unref (u->code);
  g_array_unref (u->positions);
  g_array_unref (u->consts);
  g_hash_table_unref (u->const_map);
  g_ptr_array_unref (u->names);
  g_hash_table_unref (u->name_map);
  g_ptr_array_unref (u->varnames);
  g_hash_table_unref (u->var_map);
  g_ptr_array_unref (u->cellnames);
  g_hash_table_unref (u->cell_map);
  g_ptr_array_unref (u->freenames);
  g_hash_table_unref (u->free_map);
  g_array_unref (u->labels);
  g_array_unref (u->fblocks);
  g_free (u);
}

/* ------------------------------------------------------------ assembly */

static int
stack_effect (guint32  word,
              gboolean jump)
{
  int arg = LS_ARG (word);

  switch ((LsOpcode) LS_OP (word))
    {
    case LS_OP_POP_TOP:
    case LS_OP_IMPORT_STAR:
    case LS_OP_STORE_FAST:
    case LS_OP_STORE_DEREF:
    case LS_OP_STORE_GLOBAL:
    case LS_OP_STORE_NAME:
    case LS_OP_DELETE_ATTR:
    case LS_OP_BINARY_OP:
    case LS_OP_COMPARE_OP:
    case LS_OP_IS_OP:
    case LS_OP_CONTAINS_OP:
    case LS_OP_BINARY_SUBSCR:
    case LS_OP_LIST_APPEND:
    case LS_OP_SET_ADD:
    case LS_OP_LIST_EXTEND:
    case LS_OP_SET_UPDATE:
    case LS_OP_DICT_UPDATE:
    case LS_OP_DICT_MERGE:
    case LS_OP_POP_JUMP_IF_FALSE:
    case LS_OP_POP_JUMP_IF_TRUE:
    case LS_OP_POP_JUMP_IF_NONE:
    case LS_OP_POP_JUMP_IF_NOT_NONE:
    case LS_OP_RETURN_VALUE:
    case LS_OP_POP_EXCEPT:
    case LS_OP_PREP_RERAISE_STAR:
    case LS_OP_RERAISE:
    case LS_OP_YIELD_FROM:
      return -1;
    case LS_OP_COPY:
    case LS_OP_PUSH_NULL:
    case LS_OP_LOAD_CONST:
    case LS_OP_LOAD_FAST:
    case LS_OP_LOAD_DEREF:
    case LS_OP_LOAD_CLOSURE:
    case LS_OP_LOAD_CLASSDEREF:
    case LS_OP_LOAD_GLOBAL:
    case LS_OP_LOAD_NAME:
    case LS_OP_LOAD_METHOD:
    case LS_OP_LOAD_ASSERTION_ERROR:
    case LS_OP_PUSH_EXC_INFO:
    case LS_OP_WITH_EXCEPT_START:
    case LS_OP_BEFORE_WITH:
    case LS_OP_BEFORE_ASYNC_WITH:
    case LS_OP_GET_ANEXT:
    case LS_OP_IMPORT_NAME:
    case LS_OP_IMPORT_FROM:
      return 1;
    case LS_OP_STORE_ATTR:
    case LS_OP_DELETE_SUBSCR:
    case LS_OP_MAP_ADD:
    case LS_OP_END_ASYNC_FOR:
      return -2;
    case LS_OP_STORE_SUBSCR:
      return -3;
    case LS_OP_BUILD_SLICE:
    case LS_OP_BUILD_TUPLE:
    case LS_OP_BUILD_LIST:
    case LS_OP_BUILD_SET:
    case LS_OP_BUILD_STRING:
      return 1 - arg;
    case LS_OP_BUILD_MAP:
      return 1 - 2 * arg;
    case LS_OP_FORMAT_VALUE:
      return (arg & LS_FV_HAVE_SPEC) ? -1 : 0;
    case LS_OP_UNPACK_SEQUENCE:
      return arg - 1;
    case LS_OP_UNPACK_EX:
      return (arg & 0xff) + (arg >> 8);
    case LS_OP_JUMP_IF_FALSE_OR_POP:
    case LS_OP_JUMP_IF_TRUE_OR_POP:
      return jump ? 0 : -1;
    case LS_OP_FOR_ITER:
      return jump ? -1 : 1;
    case LS_OP_CALL:
      return -arg;
    case LS_OP_CALL_KW:
    case LS_OP_CALL_METHOD:
      return -arg - 1;
    case LS_OP_CALL_METHOD_KW:
      return -arg - 2;
    case LS_OP_CALL_EX:
      return -1 - (arg & 1);
    case LS_OP_MAKE_FUNCTION:
      return -(!!(arg & LS_MF_DEFAULTS) + !!(arg & LS_MF_KWDEFAULTS) + !!(arg & LS_MF_CLOSURE));
    case LS_OP_BUILD_CLASS:
      return -arg - 1;
    case LS_OP_SETUP_FINALLY:
      return jump ? 1 : 0;
    case LS_OP_RAISE_VARARGS:
      return -arg;
    default:
      return 0;
    }
}

static gboolean
is_terminal (LsOpcode op)
{
  return op == LS_OP_JUMP || op == LS_OP_RETURN_VALUE
         || op == LS_OP_RAISE_VARARGS || op == LS_OP_RERAISE;
}

typedef struct
{
  const guint32 *code;
  int            n;
  int           *depth;
  int           *blocks;
  GArray        *work;
  int            max_depth;
  int            max_blocks;
  gboolean       consistent;
} DepthSim;

static void
sim_reach (DepthSim *sim,
           int       target,
           int       depth,
           int       blocks)
{
  if (target < 0 || target >= sim->n || depth < 0 || blocks < 0)
    {
      sim->consistent = FALSE;
      return;
    }
  sim->max_depth = MAX (sim->max_depth, depth);
  sim->max_blocks = MAX (sim->max_blocks, blocks);
  if (sim->depth[target] >= 0)
    {
      if (sim->depth[target] != depth || sim->blocks[target] != blocks)
        sim->consistent = FALSE;
      return;
    }
  sim->depth[target] = depth;
  sim->blocks[target] = blocks;
  g_array_append_val (sim->work, target);
}

/* Walks every reachable path with the per-opcode effects of ls-opcodes.h. */
static gboolean
simulate_stack (const guint32 *code,
                int            n,
                int           *max_stack,
                int           *max_blocks)
{
  DepthSim sim = { code, n, g_new (int, n), g_new (int, n), g_array_new (FALSE, FALSE, sizeof (int)),
                   0, 0, TRUE };

  for (int i = 0; i < n; i++)
    sim.depth[i] = -1;
  sim_reach (&sim, 0, 0, 0);
  while (sim.work->len > 0 && sim.consistent)
    {
      int i = g_array_index (sim.work, int, sim.work->len - 1);
      guint32 word = code[i];
      LsOpcode op = LS_OP (word);
      int d = sim.depth[i], b = sim.blocks[i];

      g_array_set_size (sim.work, sim.work->len - 1);
      if (is_jump (op))
        sim_reach (&sim, LS_ARG (word), d + stack_effect (word, TRUE), b);
      if (is_terminal (op))
        continue;
      if (op == LS_OP_SETUP_FINALLY)
        b++;
      else if (op == LS_OP_POP_BLOCK)
        b--;
      sim_reach (&sim, i + 1, d + stack_effect (word, FALSE), b);
    }
  *max_stack = sim.max_depth;
  *max_blocks = sim.max_blocks;
  g_free (sim.depth);
  g_free (sim.blocks);
  g_array_unref (sim.work);
  return sim.consistent;
}

static LsStr **
intern_names (Compiler  *c,
              GPtrArray *names)
{
  LsStr **out = g_new (LsStr *, names->len);

  for (guint i = 0; i < names->len; i++)
    out[i] = ls_str_intern (c->vm, names->pdata[i], -1);
  return out;
}

static int *
make_cell2arg (Unit *u)
{
  int *cell2arg = NULL;

  for (guint i = 0; i < u->cellnames->len; i++)
    {
      int param = table_find (u->var_map, u->cellnames->pdata[i]);

      if (param >= 0 && (guint) param < u->scope->params->len && ls_scope_is_function (u->scope))
        {
          if (cell2arg == NULL)
            {
              cell2arg = g_new (int, u->cellnames->len);
              for (guint j = 0; j < u->cellnames->len; j++)
                cell2arg[j] = -1;
            }
          cell2arg[i] = param;
        }
    }
  return cell2arg;
}

static LsCode *
assemble (Compiler *c,
          Unit     *u)
{
  int n = u->code->len;
  guint32 *words = g_new (guint32, n);
  LsCode *co;
  int max_stack, max_blocks;

  for (int i = 0; i < n; i++)
    {
      guint32 word = g_array_index (u->code, guint32, i);
      LsOpcode op = LS_OP (word);

      if (is_jump (op))
        word = LS_INSTR (op, g_array_index (u->labels, int, LS_ARG (word)));
      words[i] = word;
    }
  if (!simulate_stack (words, n, &max_stack, &max_blocks))
    g_critical ("ls-compiler: inconsistent stack depth in %s (%s line %d)",
                u->qualname, c->filename, u->first_line);

  co = ls_gc_alloc (c->vm, LS_OBJ_CODE, LS_TYPE (c->vm, CODE), sizeof (LsCode));
  co->code = words;
  co->n_code = n;
  co->positions = g_memdup2 (u->positions->data, n * sizeof (LsPosition));
  co->n_consts = u->consts->len;
  co->consts = g_memdup2 (u->consts->data, u->consts->len * sizeof (LsValue));
  co->n_names = u->names->len;
  co->names = intern_names (c, u->names);
  co->n_locals = u->varnames->len;
  co->varnames = intern_names (c, u->varnames);
  co->n_cells = u->cellnames->len;
  co->cellnames = intern_names (c, u->cellnames);
  co->n_free = u->freenames->len;
  co->freenames = intern_names (c, u->freenames);
  co->cell2arg = make_cell2arg (u);
  co->argcount = u->argcount;
  co->posonlyargcount = u->posonlyargcount;
  co->kwonlyargcount = u->kwonlyargcount;
  co->flags = u->flags;
  co->max_stack = max_stack;
  co->max_blocks = max_blocks;
  co->first_line = u->first_line;
  co->name = ls_str_intern (c->vm, u->name, -1);
  co->qualname = ls_str_intern (c->vm, u->qualname, -1);
  co->filename = c->filename_str;
  return co;
}

/* Finishes the current unit: its code object, or NULL after an error. */
static LsCode *
leave_unit (Compiler *c)
{
  Unit *u = c->u;
  LsCode *co = NULL;

  if (u->awaits && u->scope->kind == LS_SCOPE_MODULE)
    u->flags |= LS_CODE_TOPLEVEL_AWAIT;
  if (!c->failed)
    co = assemble (c, u);
  c->u = u->parent;
  unit_free (u);
  return co;
}

/* ----------------------------------------------------------- constants */

static gboolean
constant_value (Compiler    *c,
                const LsAst *e,
                LsValue     *out)
{
  switch (e->u.constant.kind)
    {
    case LS_CONST_NONE:
      *out = LS_NONE;
      return TRUE;
    case LS_CONST_TRUE:
      *out = LS_TRUE;
      return TRUE;
    case LS_CONST_FALSE:
      *out = LS_FALSE;
      return TRUE;
    case LS_CONST_ELLIPSIS:
      *out = c->vm->ellipsis;
      return TRUE;
    case LS_CONST_INT:
      *out = ls_int (e->u.constant.i);
      return TRUE;
    case LS_CONST_FLOAT:
      *out = ls_float (e->u.constant.f);
      return TRUE;
    case LS_CONST_STR:
      *out = str_const (c, e->u.constant.s, e->u.constant.slen);
      return TRUE;
    case LS_CONST_BIGINT:
    case LS_CONST_BYTES:
    default:
      return FALSE;
    }
}

static void
report_bad_constant (Compiler    *c,
                     const LsAst *e)
{
  if (e->u.constant.kind == LS_CONST_BIGINT)
    compile_error (c, e, "integer literal too large for Loopscope (64-bit ints)");
  else
    compile_error (c, e, "bytes literals are not supported");
}

static gboolean
constant_truth (const LsAst *e,
                gboolean    *truth)
{
  switch (e->u.constant.kind)
    {
    case LS_CONST_NONE:
    case LS_CONST_FALSE:
      *truth = FALSE;
      return TRUE;
    case LS_CONST_TRUE:
    case LS_CONST_ELLIPSIS:
      *truth = TRUE;
      return TRUE;
    case LS_CONST_INT:
      *truth = e->u.constant.i != 0;
      return TRUE;
    case LS_CONST_FLOAT:
      *truth = e->u.constant.f != 0.0;
      return TRUE;
    case LS_CONST_STR:
      *truth = e->u.constant.slen > 0;
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean const_expr_value (Compiler *c, const LsAst *e, LsValue *out);

/* A tuple display made only of constants becomes one constant, as in CPython. */
static gboolean
fold_tuple (Compiler    *c,
            const LsAst *e,
            LsValue     *out)
{
  const LsAstList *elts = &e->u.list.elts;
  g_autofree LsValue *items = g_new (LsValue, MAX (elts->len, 1));

  for (int i = 0; i < elts->len; i++)
    if (!const_expr_value (c, elts->items[i], &items[i]))
      return FALSE;
  *out = ls_obj (ls_tuple_from (c->vm, items, elts->len));
  return TRUE;
}

/* Whether two constants are the same constant to CPython's constant cache,
 * which keeps 1, 1.0 and True (and 0.0 and -0.0) apart. */
static gboolean
const_identical (LsValue a,
                 LsValue b)
{
  if (a.tag != b.tag)
    return FALSE;
  if (a.tag == LS_V_FLOAT)
    return memcmp (&a.u.f, &b.u.f, sizeof a.u.f) == 0;
  if (a.tag != LS_V_OBJ || a.u.o == b.u.o)
    return a.u.i == b.u.i;
  if (a.u.o->kind != b.u.o->kind)
    return FALSE;
  if (a.u.o->kind == LS_OBJ_STR)
    return ((LsStr *) a.u.o)->len == ((LsStr *) b.u.o)->len
           && memcmp (((LsStr *) a.u.o)->data, ((LsStr *) b.u.o)->data,
                      ((LsStr *) a.u.o)->len) == 0;
  if (a.u.o->kind == LS_OBJ_TUPLE)
    {
      LsTuple *x = (LsTuple *) a.u.o, *y = (LsTuple *) b.u.o;

      if (x->len != y->len)
        return FALSE;
      for (gsize i = 0; i < x->len; i++)
        if (!const_identical (x->items[i], y->items[i]))
          return FALSE;
      return TRUE;
    }
  return FALSE;
}

static gboolean
frozensets_identical (LsSet *a,
                      LsSet *b)
{
  gsize pos_a = 0;
  LsValue x, y;

  if (a->used != b->used)
    return FALSE;
  while (ls_set_next (a, &pos_a, &x))
    {
      gsize pos_b = 0;
      gboolean found = FALSE;

      while (!found && ls_set_next (b, &pos_b, &y))
        found = const_identical (x, y);
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* A set display (or iterated set) of constants becomes a frozenset constant.
 * CPython builds it from the items in source order, then its constant cache
 * either hands out an identical frozenset made earlier in the module or
 * rebuilds this one from its own iteration order: the program sees the
 * order of that second build. */
static gboolean
fold_frozenset (Compiler        *c,
                const LsAstList *elts,
                LsValue         *out)
{
  LsType *type = c->vm->types[LS_T_FROZENSET];
  LsSet *first, *merged;
  LsValue item;
  gsize pos = 0;

  first = ls_set_new (c->vm, type);
  for (int i = 0; i < elts->len; i++)
    if (!const_expr_value (c, elts->items[i], &item) || ls_set_add (c->vm, first, item) < 0)
      return FALSE;
  for (guint i = 0; c->frozensets && i < c->frozensets->len; i++)
    if (frozensets_identical (first, c->frozensets->pdata[i]))
      {
        *out = ls_obj (c->frozensets->pdata[i]);
        return TRUE;
      }
  merged = ls_set_new (c->vm, type);
  while (ls_set_next (first, &pos, &item))
    if (ls_set_add (c->vm, merged, item) < 0)
      return FALSE;
  if (c->frozensets == NULL)
    c->frozensets = g_ptr_array_new ();
  g_ptr_array_add (c->frozensets, merged);
  *out = ls_obj (merged);
  return TRUE;
}

/* What is iterated by `for` and comprehensions: CPython's AST optimizer
 * turns a set display of constants there into a frozenset constant. */
static void
compile_iterable (Compiler    *c,
                  const LsAst *e)
{
  LsValue frozen;

  if (e->kind == LS_AST_SET && fold_frozenset (c, &e->u.set.elts, &frozen))
    emit_load_const (c, frozen);
  else
    compile_expr (c, e);
}

static gboolean
all_constants (const LsAstList *elts)
{
  for (int i = 0; i < elts->len; i++)
    {
      const LsAst *e = elts->items[i];
      if (e->kind != LS_AST_CONSTANT || e->u.constant.kind == LS_CONST_BIGINT
          || e->u.constant.kind == LS_CONST_BYTES)
        return FALSE;
    }
  return TRUE;
}

static void
compile_constant (Compiler    *c,
                  const LsAst *e)
{
  LsValue v;

  if (!constant_value (c, e, &v))
    {
      report_bad_constant (c, e);
      return;
    }
  emit_load_const (c, v);
}

/* -------------------------------------------------------- expressions */

static void
compile_exprs (Compiler        *c,
               const LsAstList *list)
{
  for (int i = 0; i < list->len; i++)
    compile_expr (c, list->items[i]);
}

static gboolean
has_starred (const LsAstList *elts)
{
  for (int i = 0; i < elts->len; i++)
    if (elts->items[i]->kind == LS_AST_STARRED)
      return TRUE;
  return FALSE;
}

/* Lists, tuples and sets, with *unpacking. */
static void
compile_sequence (Compiler        *c,
                  const LsAstList *elts,
                  LsAstKind        kind)
{
  LsOpcode build = kind == LS_AST_SET ? LS_OP_BUILD_SET : LS_OP_BUILD_LIST;
  LsOpcode add = kind == LS_AST_SET ? LS_OP_SET_ADD : LS_OP_LIST_APPEND;
  LsOpcode extend = kind == LS_AST_SET ? LS_OP_SET_UPDATE : LS_OP_LIST_EXTEND;
  LsValue frozen;
  int lead = 0;

  if (kind == LS_AST_SET && elts->len > 2 && fold_frozenset (c, elts, &frozen))
    {
      /* CPython: BUILD_SET 0; LOAD_CONST frozenset; SET_UPDATE 1 */
      emit (c, LS_OP_BUILD_SET, 0);
      emit_load_const (c, frozen);
      emit (c, LS_OP_SET_UPDATE, 1);
      return;
    }
  if (!has_starred (elts) && elts->len <= 32)
    {
      compile_exprs (c, elts);
      emit (c, kind == LS_AST_TUPLE ? LS_OP_BUILD_TUPLE : build, elts->len);
      return;
    }
  if (kind == LS_AST_LIST && !has_starred (elts) && all_constants (elts))
    {
      LsValue tuple;

      emit (c, LS_OP_BUILD_LIST, 0);
      if (fold_tuple (c, &(LsAst) { .kind = LS_AST_TUPLE, .u.list.elts = *elts }, &tuple))
        emit_load_const (c, tuple);
      emit (c, LS_OP_LIST_EXTEND, 1);
      return;
    }
  /* a long or starred display grows one element at a time */
  while (lead < elts->len && lead < 32 && elts->items[lead]->kind != LS_AST_STARRED)
    compile_expr (c, elts->items[lead++]);
  emit (c, build, lead);
  for (int i = lead; i < elts->len; i++)
    {
      const LsAst *elt = elts->items[i];

      if (elt->kind == LS_AST_STARRED)
        {
          compile_expr (c, elt->u.starred.value);
          emit (c, extend, 1);
        }
      else
        {
          compile_expr (c, elt);
          emit (c, add, 1);
        }
    }
  if (kind == LS_AST_TUPLE)
    emit (c, LS_OP_LIST_TO_TUPLE, 0);
}

static void
compile_tuple (Compiler    *c,
               const LsAst *e)
{
  LsValue folded;

  if (!has_starred (&e->u.list.elts) && e->u.list.elts.len > 0 && fold_tuple (c, e, &folded))
    emit_load_const (c, folded);
  else
    compile_sequence (c, &e->u.list.elts, LS_AST_TUPLE);
}

static void
compile_dict (Compiler    *c,
              const LsAst *e)
{
  const LsAstList *keys = &e->u.dict.keys;
  const LsAstList *values = &e->u.dict.values;
  int n = values->len;
  int lead = 0;

  while (lead < n && lead < 16 && keys->items[lead] != NULL)
    {
      compile_expr (c, keys->items[lead]);
      compile_expr (c, values->items[lead]);
      lead++;
    }
  emit (c, LS_OP_BUILD_MAP, lead);
  for (int i = lead; i < n; i++)
    {
      if (keys->items[i] == NULL)
        {
          compile_expr (c, values->items[i]);
          emit (c, LS_OP_DICT_UPDATE, 1);
        }
      else
        {
          compile_expr (c, keys->items[i]);
          compile_expr (c, values->items[i]);
          emit (c, LS_OP_MAP_ADD, 1);
        }
    }
}

static void
emit_compare_op (Compiler    *c,
                 LsCmpOpKind  op)
{
  switch (op)
    {
    case LS_CMP_IS:
      emit (c, LS_OP_IS_OP, 0);
      break;
    case LS_CMP_IS_NOT:
      emit (c, LS_OP_IS_OP, 1);
      break;
    case LS_CMP_IN:
      emit (c, LS_OP_CONTAINS_OP, 0);
      break;
    case LS_CMP_NOT_IN:
      emit (c, LS_OP_CONTAINS_OP, 1);
      break;
    default:
      emit (c, LS_OP_COMPARE_OP, op);
      break;
    }
}

/* a < b < c: b is evaluated once and the chain stops at the first false. */
static void
compile_compare (Compiler    *c,
                 const LsAst *e)
{
  const LsAstList *comps = &e->u.compare.comparators;
  int n = comps->len;
  int cleanup, end;

  compile_expr (c, e->u.compare.left);
  if (n == 1)
    {
      compile_expr (c, comps->items[0]);
      emit_compare_op (c, e->u.compare.ops[0]);
      return;
    }
  cleanup = new_label (c);
  end = new_label (c);
  for (int i = 0; i < n - 1; i++)
    {
      compile_expr (c, comps->items[i]);
      emit (c, LS_OP_SWAP, 2);
      emit (c, LS_OP_COPY, 2);
      emit_compare_op (c, e->u.compare.ops[i]);
      emit_jump (c, LS_OP_JUMP_IF_FALSE_OR_POP, cleanup);
    }
  compile_expr (c, comps->items[n - 1]);
  emit_compare_op (c, e->u.compare.ops[n - 1]);
  emit_jump (c, LS_OP_JUMP, end);
  place_label (c, cleanup);
  emit (c, LS_OP_SWAP, 2);
  emit (c, LS_OP_POP_TOP, 0);
  place_label (c, end);
}

static void
compile_bool_op (Compiler    *c,
                 const LsAst *e)
{
  const LsAstList *values = &e->u.bool_op.values;
  LsOpcode jump = e->u.bool_op.op == LS_BOOL_AND ? LS_OP_JUMP_IF_FALSE_OR_POP
                                                 : LS_OP_JUMP_IF_TRUE_OR_POP;
  int end = new_label (c);

  for (int i = 0; i < values->len - 1; i++)
    {
      compile_expr (c, values->items[i]);
      emit_jump (c, jump, end);
    }
  compile_expr (c, values->items[values->len - 1]);
  place_label (c, end);
}

static void
compile_if_exp (Compiler    *c,
                const LsAst *e)
{
  int orelse = new_label (c);
  int end = new_label (c);

  compile_jump_if (c, e->u.if_exp.test, FALSE, orelse);
  compile_expr (c, e->u.if_exp.body);
  emit_jump (c, LS_OP_JUMP, end);
  place_label (c, orelse);
  compile_expr (c, e->u.if_exp.orelse);
  place_label (c, end);
}

/* ------------------------------------------------- constant folding */

/* A folded value: ints, floats and strs only (bools stay as they are). */
typedef struct
{
  LsConstKind kind;          /* INT, FLOAT or STR */
  gint64      i;
  double      f;
  GString    *s;
} Folded;

#define FOLD_MAX_STR 4096    /* CPython's limit for folded strings */

static gboolean fold_expr (const LsAst *e, Folded *out);

static void
folded_clear (Folded *f)
{
  if (f->s)
    g_string_free (f->s, TRUE);
  f->s = NULL;
}

static double
folded_float (const Folded *f)
{
  return f->kind == LS_CONST_INT ? (double) f->i : f->f;
}

static gboolean
fold_int_op (LsBinOpKind  op,
             gint64       a,
             gint64       b,
             gint64      *r)
{
  switch (op)
    {
    case LS_BINOP_ADD:
      return !__builtin_add_overflow (a, b, r);
    case LS_BINOP_SUB:
      return !__builtin_sub_overflow (a, b, r);
    case LS_BINOP_MUL:
      return !__builtin_mul_overflow (a, b, r);
    case LS_BINOP_FLOORDIV:
    case LS_BINOP_MOD:
      if (b == 0 || (a == G_MININT64 && b == -1))
        return FALSE;
      {
        gint64 q = a / b, m = a % b;

        /* Python rounds the quotient towards minus infinity */
        if (m != 0 && ((m < 0) != (b < 0)))
          {
            q--;
            m += b;
          }
        *r = op == LS_BINOP_FLOORDIV ? q : m;
      }
      return TRUE;
    case LS_BINOP_POW:
      if (b < 0 || b > 64)
        return FALSE;
      *r = 1;
      for (gint64 k = 0; k < b; k++)
        if (__builtin_mul_overflow (*r, a, r))
          return FALSE;
      return TRUE;
    default:
      return FALSE;
    }
}

/* Float results whose value cannot depend on how the run time computes
 * them; small ints divide exactly as doubles. */
static gboolean
fold_float_op (LsBinOpKind   op,
               const Folded *a,
               const Folded *b,
               double       *r)
{
  const gint64 exact = (gint64) 1 << 53;
  double x = folded_float (a), y = folded_float (b);

  if ((a->kind == LS_CONST_INT && (a->i > exact || a->i < -exact))
      || (b->kind == LS_CONST_INT && (b->i > exact || b->i < -exact)))
    return FALSE;
  switch (op)
    {
    case LS_BINOP_ADD:
      *r = x + y;
      break;
    case LS_BINOP_SUB:
      *r = x - y;
      break;
    case LS_BINOP_MUL:
      *r = x * y;
      break;
    case LS_BINOP_DIV:
      if (y == 0.0)
        return FALSE;
      *r = x / y;
      break;
    case LS_BINOP_POW:
      if (!(x > 0.0) || !isfinite (x) || !isfinite (y))
        return FALSE;
      *r = pow (x, y);
      break;
    default:
      return FALSE;
    }
  return isfinite (*r);
}

static gboolean
fold_str_op (LsBinOpKind  op,
             Folded      *a,
             Folded      *b,
             Folded      *out)
{
  Folded *str = a->kind == LS_CONST_STR ? a : b;
  Folded *other = str == a ? b : a;

  if (op == LS_BINOP_ADD && a->kind == LS_CONST_STR && b->kind == LS_CONST_STR
      && a->s->len + b->s->len <= FOLD_MAX_STR)
    {
      out->kind = LS_CONST_STR;
      out->s = g_string_new_len (a->s->str, a->s->len);
      g_string_append_len (out->s, b->s->str, b->s->len);
      return TRUE;
    }
  if (op == LS_BINOP_MUL && other->kind == LS_CONST_INT && other->i >= 0
      && (str->s->len == 0 || (guint64) other->i <= FOLD_MAX_STR / str->s->len))
    {
      /* '' * 2**40 is '': the count of an empty string never matters */
      gint64 count = str->s->len == 0 ? 0 : other->i;

      out->kind = LS_CONST_STR;
      out->s = g_string_sized_new (str->s->len * count);
      for (gint64 k = 0; k < count; k++)
        g_string_append_len (out->s, str->s->str, str->s->len);
      return TRUE;
    }
  return FALSE;
}

static gboolean
fold_binop (const LsAst *e,
            Folded      *out)
{
  Folded a = { 0 }, b = { 0 };
  LsBinOpKind op = e->u.bin_op.op;
  gboolean ok = FALSE;

  if (!fold_expr (e->u.bin_op.left, &a) || !fold_expr (e->u.bin_op.right, &b))
    ;
  else if (a.kind == LS_CONST_STR || b.kind == LS_CONST_STR)
    ok = fold_str_op (op, &a, &b, out);
  else if (a.kind == LS_CONST_INT && b.kind == LS_CONST_INT && op != LS_BINOP_DIV)
    {
      out->kind = LS_CONST_INT;
      ok = fold_int_op (op, a.i, b.i, &out->i);
    }
  else
    {
      out->kind = LS_CONST_FLOAT;
      ok = fold_float_op (op, &a, &b, &out->f);
    }
  folded_clear (&a);
  folded_clear (&b);
  return ok;
}

/* Evaluates constant arithmetic at compile time, as CPython's AST optimizer
 * does for the cases whose result cannot differ from the run-time one. */
static gboolean
fold_expr (const LsAst *e,
           Folded      *out)
{
  out->s = NULL;
  if (e->kind == LS_AST_CONSTANT && (e->u.constant.kind == LS_CONST_TRUE
                                     || e->u.constant.kind == LS_CONST_FALSE))
    {
      /* as an operand, a bool is the int it subclasses */
      out->kind = LS_CONST_INT;
      out->i = e->u.constant.kind == LS_CONST_TRUE;
      return TRUE;
    }
  if (e->kind == LS_AST_CONSTANT)
    {
      out->kind = e->u.constant.kind;
      out->i = e->u.constant.i;
      out->f = e->u.constant.f;
      if (out->kind == LS_CONST_STR)
        out->s = g_string_new_len (e->u.constant.s, e->u.constant.slen);
      return out->kind == LS_CONST_INT || out->kind == LS_CONST_FLOAT
             || out->kind == LS_CONST_STR;
    }
  if (e->kind == LS_AST_UNARY_OP && e->u.unary_op.op == LS_UNARY_NEG)
    {
      if (!fold_expr (e->u.unary_op.operand, out))
        return FALSE;
      if (out->kind == LS_CONST_FLOAT)
        out->f = -out->f;
      else if (out->kind == LS_CONST_INT && out->i != G_MININT64)
        out->i = -out->i;
      else
        {
          folded_clear (out);
          return FALSE;
        }
      return TRUE;
    }
  if (e->kind == LS_AST_BIN_OP)
    return fold_binop (e, out);
  return FALSE;
}

/* The value of an expression CPython's AST optimizer makes a constant:
 * a literal, folded arithmetic, or a tuple of those. */
static gboolean
const_expr_value (Compiler    *c,
                  const LsAst *e,
                  LsValue     *out)
{
  Folded f = { 0 };

  if (e->kind == LS_AST_CONSTANT)
    return constant_value (c, e, out);
  if (e->kind == LS_AST_TUPLE)
    return fold_tuple (c, e, out);
  if ((e->kind != LS_AST_UNARY_OP && e->kind != LS_AST_BIN_OP) || !fold_expr (e, &f))
    return FALSE;
  if (f.kind == LS_CONST_INT)
    *out = ls_int (f.i);
  else if (f.kind == LS_CONST_FLOAT)
    *out = ls_float (f.f);
  else
    *out = str_const (c, f.s->str, f.s->len);
  folded_clear (&f);
  return TRUE;
}

static void
compile_bin_op (Compiler    *c,
                const LsAst *e)
{
  Folded f = { 0 };

  if (fold_binop (e, &f))
    {
      if (f.kind == LS_CONST_INT)
        emit_load_const (c, ls_int (f.i));
      else if (f.kind == LS_CONST_FLOAT)
        emit_load_const (c, ls_float (f.f));
      else
        emit_load_const (c, str_const (c, f.s->str, f.s->len));
      folded_clear (&f);
      return;
    }
  compile_expr (c, e->u.bin_op.left);
  compile_expr (c, e->u.bin_op.right);
  emit (c, LS_OP_BINARY_OP, e->u.bin_op.op);
}

static void
compile_unary (Compiler    *c,
               const LsAst *e)
{
  static const LsOpcode ops[] = {
    [LS_UNARY_NOT] = LS_OP_UNARY_NOT,
    [LS_UNARY_NEG] = LS_OP_UNARY_NEGATIVE,
    [LS_UNARY_POS] = LS_OP_UNARY_POSITIVE,
    [LS_UNARY_INVERT] = LS_OP_UNARY_INVERT,
  };
  const LsAst *operand = e->u.unary_op.operand;

  /* -1 and -1.5 are constants, as CPython folds them */
  if (e->u.unary_op.op == LS_UNARY_NEG && operand->kind == LS_AST_CONSTANT)
    {
      if (operand->u.constant.kind == LS_CONST_INT)
        {
          emit_load_const (c, ls_int (-operand->u.constant.i));
          return;
        }
      if (operand->u.constant.kind == LS_CONST_FLOAT)
        {
          emit_load_const (c, ls_float (-operand->u.constant.f));
          return;
        }
      if (operand->u.constant.kind == LS_CONST_BIGINT
          && strcmp (operand->u.constant.s, "9223372036854775808") == 0)
        {
          emit_load_const (c, ls_int (G_MININT64));
          return;
        }
    }
  compile_expr (c, operand);
  emit (c, ops[e->u.unary_op.op], 0);
}

static void
compile_attribute (Compiler    *c,
                   const LsAst *e)
{
  compile_expr (c, e->u.attribute.value);
  c->u->pos = attr_position (c->u->pos, e);
  emit (c, e->u.attribute.ctx == LS_CTX_DEL ? LS_OP_DELETE_ATTR : LS_OP_LOAD_ATTR,
        name_index (c, mangle (c, e->u.attribute.attr)));
}

/* Pushes the subscript key: a slice object for a[i:j:k]. */
static void
compile_subscript_key (Compiler    *c,
                       const LsAst *slice)
{
  LsPosition saved;
  int n = 2;

  if (slice->kind != LS_AST_SLICE)
    {
      compile_expr (c, slice);
      return;
    }
  saved = set_pos (c, slice);
  if (slice->u.slice.lower)
    compile_expr (c, slice->u.slice.lower);
  else
    emit_load_none (c);
  if (slice->u.slice.upper)
    compile_expr (c, slice->u.slice.upper);
  else
    emit_load_none (c);
  if (slice->u.slice.step)
    {
      compile_expr (c, slice->u.slice.step);
      n = 3;
    }
  emit (c, LS_OP_BUILD_SLICE, n);
  c->u->pos = saved;
}

static void
compile_subscript (Compiler    *c,
                   const LsAst *e)
{
  compile_expr (c, e->u.subscript.value);
  compile_subscript_key (c, e->u.subscript.slice);
  emit (c, e->u.subscript.ctx == LS_CTX_DEL ? LS_OP_DELETE_SUBSCR : LS_OP_BINARY_SUBSCR, 0);
}

static void
compile_joined_str (Compiler    *c,
                    const LsAst *e)
{
  const LsAstList *values = &e->u.joined_str.values;

  if (values->len == 0)
    {
      emit_load_const (c, str_const (c, "", 0));
      return;
    }
  compile_exprs (c, values);
  if (values->len > 1)
    emit (c, LS_OP_BUILD_STRING, values->len);
}

static void
compile_formatted_value (Compiler    *c,
                         const LsAst *e)
{
  guint32 flags = 0;

  compile_expr (c, e->u.formatted_value.value);
  switch (e->u.formatted_value.conversion)
    {
    case 's':
      flags = LS_FV_STR;
      break;
    case 'r':
      flags = LS_FV_REPR;
      break;
    case 'a':
      flags = LS_FV_ASCII;
      break;
    default:
      break;
    }
  if (e->u.formatted_value.format_spec)
    {
      compile_expr (c, e->u.formatted_value.format_spec);
      flags |= LS_FV_HAVE_SPEC;
    }
  emit (c, LS_OP_FORMAT_VALUE, flags);
}

/* --------------------------------------------------------------- calls */

static gboolean
call_has_unpacking (const LsAst *e)
{
  if (has_starred (&e->u.call.args))
    return TRUE;
  for (int i = 0; i < e->u.call.keywords.len; i++)
    if (e->u.call.keywords.items[i]->u.keyword.arg == NULL)
      return TRUE;
  return FALSE;
}

static gboolean
check_keywords (Compiler    *c,
                const LsAst *e)
{
  const LsAstList *kws = &e->u.call.keywords;

  for (int i = 0; i < kws->len; i++)
    {
      const char *name = kws->items[i]->u.keyword.arg;

      if (name == NULL)
        continue;
      for (int j = i + 1; j < kws->len; j++)
        {
          const char *other = kws->items[j]->u.keyword.arg;

          if (other && strcmp (name, other) == 0)
            {
              compile_error (c, kws->items[j], "keyword argument repeated: %s", name);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* Pushes the keyword values and returns how many there are; *kwnames gets
 * the constant tuple of their names. */
static int
compile_keyword_values (Compiler    *c,
                        const LsAst *e,
                        LsValue     *kwnames)
{
  const LsAstList *kws = &e->u.call.keywords;
  g_autofree LsValue *names = g_new (LsValue, MAX (kws->len, 1));

  for (int i = 0; i < kws->len; i++)
    {
      const LsAst *kw = kws->items[i];

      compile_expr (c, kw->u.keyword.value);
      names[i] = ls_obj (ls_str_intern (c->vm, kw->u.keyword.arg, -1));
    }
  if (kws->len > 0)
    *kwnames = ls_obj (ls_tuple_from (c->vm, names, kws->len));
  return kws->len;
}

/* f(*a, b, **k): the positional tuple and the keyword dict for CALL_EX. */
static void
compile_call_ex_args (Compiler    *c,
                      const LsAst *e)
{
  const LsAstList *args = &e->u.call.args;
  const LsAstList *kws = &e->u.call.keywords;
  int pairs = 0;
  gboolean have_dict = FALSE;

  /* f(*x) hands x itself to the call, which names f if x is no iterable */
  if (args->len == 1 && args->items[0]->kind == LS_AST_STARRED)
    compile_expr (c, args->items[0]->u.starred.value);
  else
    compile_sequence (c, args, LS_AST_TUPLE);
  if (kws->len == 0)
    {
      emit (c, LS_OP_CALL_EX, 0);
      return;
    }
  for (int i = 0; i < kws->len; i++)
    {
      const LsAst *kw = kws->items[i];

      if (kw->u.keyword.arg)
        {
          emit_load_const (c, ls_obj (ls_str_intern (c->vm, kw->u.keyword.arg, -1)));
          compile_expr (c, kw->u.keyword.value);
          pairs++;
          continue;
        }
      if (pairs > 0)
        {
          emit (c, LS_OP_BUILD_MAP, pairs);
          if (have_dict)
            emit (c, LS_OP_DICT_MERGE, 1);
          pairs = 0;
          have_dict = TRUE;
        }
      if (!have_dict)
        {
          emit (c, LS_OP_BUILD_MAP, 0);
          have_dict = TRUE;
        }
      compile_expr (c, kw->u.keyword.value);
      emit (c, LS_OP_DICT_MERGE, 1);
    }
  if (pairs > 0)
    {
      emit (c, LS_OP_BUILD_MAP, pairs);
      if (have_dict)
        emit (c, LS_OP_DICT_MERGE, 1);
    }
  emit (c, LS_OP_CALL_EX, 1);
}

/* obj.m(args): LOAD_METHOD avoids creating a bound method. */
static void
compile_method_call (Compiler    *c,
                     const LsAst *e)
{
  const LsAst *meth = e->u.call.func;
  LsPosition call_pos = c->u->pos;
  LsValue kwnames = LS_UNDEF;
  int n;

  compile_expr (c, meth->u.attribute.value);
  c->u->pos = attr_position (pos_of (meth), meth);
  emit (c, LS_OP_LOAD_METHOD, name_index (c, mangle (c, meth->u.attribute.attr)));
  c->u->pos = call_pos;
  compile_exprs (c, &e->u.call.args);
  n = e->u.call.args.len + compile_keyword_values (c, e, &kwnames);
  c->u->pos = attr_position (call_pos, meth);
  if (e->u.call.keywords.len > 0)
    {
      emit_load_const (c, kwnames);
      emit (c, LS_OP_CALL_METHOD_KW, n);
    }
  else
    emit (c, LS_OP_CALL_METHOD, n);
  c->u->pos = call_pos;
}

static void
compile_call (Compiler    *c,
              const LsAst *e)
{
  const LsAst *func = e->u.call.func;
  LsValue kwnames = LS_UNDEF;
  int n;

  if (!check_keywords (c, e))
    return;
  if (call_has_unpacking (e))
    {
      compile_expr (c, func);
      compile_call_ex_args (c, e);
      return;
    }
  if (func->kind == LS_AST_ATTRIBUTE && func->u.attribute.ctx == LS_CTX_LOAD)
    {
      compile_method_call (c, e);
      return;
    }
  compile_expr (c, func);
  compile_exprs (c, &e->u.call.args);
  n = e->u.call.args.len + compile_keyword_values (c, e, &kwnames);
  if (e->u.call.keywords.len > 0)
    {
      emit_load_const (c, kwnames);
      emit (c, LS_OP_CALL_KW, n);
    }
  else
    emit (c, LS_OP_CALL, n);
}

/* ------------------------------------------------- await and yield */

static gboolean
unit_is_async_function (Unit *u)
{
  return u->scope->kind == LS_SCOPE_FUNCTION && u->scope->is_async;
}

static gboolean
toplevel_await_allowed (Compiler *c)
{
  return (c->flags & LS_COMPILE_TOPLEVEL_AWAIT) && c->u->scope->kind == LS_SCOPE_MODULE;
}

static void
emit_await (Compiler *c,
            int       kind)
{
  emit (c, LS_OP_GET_AWAITABLE, kind);
  emit_load_none (c);
  emit (c, LS_OP_YIELD_FROM, 0);
  if (c->u->scope->kind == LS_SCOPE_MODULE)
    c->u->awaits = TRUE;
}

static void
compile_await (Compiler    *c,
               const LsAst *e)
{
  if (!toplevel_await_allowed (c))
    {
      if (!ls_scope_is_function (c->u->scope))
        {
          compile_error (c, NULL, "'await' outside function");
          return;
        }
      if (!unit_is_async_function (c->u) && c->u->scope->kind != LS_SCOPE_COMPREHENSION)
        {
          compile_error (c, NULL, "'await' outside async function");
          return;
        }
    }
  compile_expr (c, e->u.await.value);
  emit_await (c, 0);
}

static void
compile_yield (Compiler    *c,
               const LsAst *e)
{
  if (!ls_scope_is_function (c->u->scope))
    {
      compile_error (c, NULL, "'yield' outside function");
      return;
    }
  if (e->kind == LS_AST_YIELD_FROM)
    {
      if (unit_is_async_function (c->u))
        {
          compile_error (c, NULL, "'yield from' inside async function");
          return;
        }
      compile_expr (c, e->u.await.value);
      emit (c, LS_OP_GET_YIELD_FROM_ITER, 0);
      emit_load_none (c);
      emit (c, LS_OP_YIELD_FROM, 0);
      return;
    }
  if (e->u.await.value)
    compile_expr (c, e->u.await.value);
  else
    emit_load_none (c);
  emit (c, LS_OP_YIELD_VALUE, 0);
}

static void
compile_named_expr (Compiler    *c,
                    const LsAst *e)
{
  compile_expr (c, e->u.named_expr.value);
  emit (c, LS_OP_COPY, 1);
  compile_store (c, e->u.named_expr.target);
}

/* ---------------------------------------------------- functions, closures */

/* Where the current unit keeps a variable a nested code object captures. */
static int
closure_index (Compiler   *c,
               const char *name)
{
  Unit *u = c->u;
  int i = table_find (u->cell_map, name);

  if (i >= 0)
    return i;
  i = table_find (u->free_map, name);
  if (i >= 0)
    return u->cellnames->len + i;
  g_critical ("ls-compiler: no cell for captured variable '%s' in %s", name, u->qualname);
  return 0;
}

/* Pushes the closure tuple for code (if it captures anything), then code,
 * then MAKE_FUNCTION. extra_flags says what the caller pushed before. */
static void
emit_make_function (Compiler *c,
                    LsCode   *code,
                    guint32   flags)
{
  if (code == NULL)
    {
      /* an error was reported: keep the stack shape, the code is dropped */
      emit_load_none (c);
      emit (c, LS_OP_MAKE_FUNCTION, flags);
      return;
    }
  if (code->n_free > 0)
    {
      for (int i = 0; i < code->n_free; i++)
        emit (c, LS_OP_LOAD_CLOSURE, closure_index (c, ls_str_cstr (code->freenames[i])));
      emit (c, LS_OP_BUILD_TUPLE, code->n_free);
      flags |= LS_MF_CLOSURE;
    }
  emit_load_const (c, ls_obj (code));
  emit (c, LS_OP_MAKE_FUNCTION, flags);
}

/* Positional defaults as a tuple, keyword-only ones as a dict. */
static guint32
compile_defaults (Compiler    *c,
                  const LsAst *args)
{
  const LsAstList *defaults = &args->u.arguments.defaults;
  const LsAstList *kwonly = &args->u.arguments.kwonlyargs;
  const LsAstList *kw_defaults = &args->u.arguments.kw_defaults;
  guint32 flags = 0;
  int n_kw = 0;

  if (defaults->len > 0)
    {
      LsAst tuple = { .kind = LS_AST_TUPLE, .u.list.elts = *defaults };
      LsValue folded;

      if (fold_tuple (c, &tuple, &folded))
        emit_load_const (c, folded);
      else
        {
          compile_exprs (c, defaults);
          emit (c, LS_OP_BUILD_TUPLE, defaults->len);
        }
      flags |= LS_MF_DEFAULTS;
    }
  for (int i = 0; i < kwonly->len && i < kw_defaults->len; i++)
    {
      const LsAst *value = kw_defaults->items[i];

      if (value == NULL)
        continue;
      emit_load_const (c, ls_obj (ls_str_intern (c->vm, mangle (c, kwonly->items[i]->u.arg.arg), -1)));
      compile_expr (c, value);
      n_kw++;
    }
  if (n_kw > 0)
    {
      emit (c, LS_OP_BUILD_MAP, n_kw);
      flags |= LS_MF_KWDEFAULTS;
    }
  return flags;
}

static void
set_arg_counts (Unit        *u,
                const LsAst *args)
{
  u->posonlyargcount = args->u.arguments.posonlyargs.len;
  u->argcount = u->posonlyargcount + args->u.arguments.args.len;
  u->kwonlyargcount = args->u.arguments.kwonlyargs.len;
  if (args->u.arguments.vararg)
    u->flags |= LS_CODE_VARARGS;
  if (args->u.arguments.kwarg)
    u->flags |= LS_CODE_VARKEYWORDS;
}

static guint32
scope_code_flags (LsScope *scope)
{
  if (scope->is_coroutine && scope->is_generator)
    return LS_CODE_ASYNC_GENERATOR;
  if (scope->is_coroutine)
    return LS_CODE_COROUTINE;
  if (scope->is_generator)
    return LS_CODE_GENERATOR;
  return 0;
}

static void
compile_lambda (Compiler    *c,
                const LsAst *e)
{
  LsScope *scope = ls_symtable_lookup (c->st, e);
  guint32 flags = compile_defaults (c, e->u.lambda.args);
  LsCode *code;

  enter_unit (c, scope, "<lambda>", e);
  set_arg_counts (c->u, e->u.lambda.args);
  c->u->flags |= scope_code_flags (scope);
  add_const (c, LS_NONE);   /* no docstring */
  compile_expr (c, e->u.lambda.body);
  if (scope->is_generator)
    {
      emit (c, LS_OP_POP_TOP, 0);
      emit_load_none (c);
    }
  emit (c, LS_OP_RETURN_VALUE, 0);
  code = leave_unit (c);
  emit_make_function (c, code, flags);
}

/* ------------------------------------------------------ comprehensions */

static void
compile_comp_element (Compiler    *c,
                      const LsAst *e,
                      int          depth)
{
  switch (e->kind)
    {
    case LS_AST_GENERATOR_EXP:
      compile_expr (c, e->u.comp.elt);
      emit (c, LS_OP_YIELD_VALUE, 0);
      emit (c, LS_OP_POP_TOP, 0);
      break;
    case LS_AST_LIST_COMP:
      compile_expr (c, e->u.comp.elt);
      emit (c, LS_OP_LIST_APPEND, depth + 1);
      break;
    case LS_AST_SET_COMP:
      compile_expr (c, e->u.comp.elt);
      emit (c, LS_OP_SET_ADD, depth + 1);
      break;
    case LS_AST_DICT_COMP:
      compile_expr (c, e->u.comp.key);
      compile_expr (c, e->u.comp.value);
      emit (c, LS_OP_MAP_ADD, depth + 1);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* One `for ... in ... if ...` clause; depth counts the live iterators. */
static void
compile_comp_generator (Compiler    *c,
                        const LsAst *e,
                        int          index,
                        int          depth)
{
  const LsAst *gen = e->u.comp.generators.items[index];
  gboolean is_async = gen->u.comprehension.is_async;
  int start = new_label (c);
  int anchor = new_label (c);

  if (index == 0)
    emit (c, LS_OP_LOAD_FAST, 0);   /* .0, the outermost iterator */
  else
    {
      compile_iterable (c, gen->u.comprehension.iter);
      emit (c, is_async ? LS_OP_GET_AITER : LS_OP_GET_ITER, 0);
    }
  depth++;
  place_label (c, start);
  if (is_async)
    {
      emit_jump (c, LS_OP_SETUP_FINALLY, anchor);
      emit (c, LS_OP_GET_ANEXT, 0);
      emit_load_none (c);
      emit (c, LS_OP_YIELD_FROM, 0);
      emit (c, LS_OP_POP_BLOCK, 0);
    }
  else
    emit_jump (c, LS_OP_FOR_ITER, anchor);
  compile_store (c, gen->u.comprehension.target);
  for (int i = 0; i < gen->u.comprehension.ifs.len; i++)
    compile_jump_if (c, gen->u.comprehension.ifs.items[i], FALSE, start);
  if (index + 1 < e->u.comp.generators.len)
    compile_comp_generator (c, e, index + 1, depth);
  else
    compile_comp_element (c, e, depth);
  emit_jump (c, LS_OP_JUMP, start);
  place_label (c, anchor);
  if (is_async)
    emit (c, LS_OP_END_ASYNC_FOR, 0);
}

static gboolean
outer_may_await (Compiler *c)
{
  return unit_is_async_function (c->u)
         || c->u->scope->kind == LS_SCOPE_COMPREHENSION
         || toplevel_await_allowed (c);
}

static void
compile_comprehension (Compiler    *c,
                       const LsAst *e)
{
  LsScope *scope = ls_symtable_lookup (c->st, e);
  const LsAst *outermost = e->u.comp.generators.items[0];
  gboolean is_genexp = e->kind == LS_AST_GENERATOR_EXP;
  gboolean awaited = scope->is_coroutine && !is_genexp;
  LsCode *code;

  if (awaited && !outer_may_await (c))
    {
      compile_error (c, e, "asynchronous comprehension outside of an asynchronous function");
      return;
    }
  enter_unit (c, scope, scope->name, e);
  c->u->argcount = 1;
  c->u->flags |= scope_code_flags (scope);
  if (e->kind == LS_AST_LIST_COMP)
    emit (c, LS_OP_BUILD_LIST, 0);
  else if (e->kind == LS_AST_SET_COMP)
    emit (c, LS_OP_BUILD_SET, 0);
  else if (e->kind == LS_AST_DICT_COMP)
    emit (c, LS_OP_BUILD_MAP, 0);
  compile_comp_generator (c, e, 0, 0);
  if (is_genexp)
    emit_load_none (c);
  emit (c, LS_OP_RETURN_VALUE, 0);
  code = leave_unit (c);

  emit_make_function (c, code, 0);
  compile_iterable (c, outermost->u.comprehension.iter);
  emit (c, outermost->u.comprehension.is_async ? LS_OP_GET_AITER : LS_OP_GET_ITER, 0);
  emit (c, LS_OP_CALL, 1);
  if (awaited)
    emit_await (c, 0);
}

/* ------------------------------------------------------ the dispatcher */

static void
compile_expr_inner (Compiler    *c,
                    const LsAst *e)
{
  switch (e->kind)
    {
    case LS_AST_BOOL_OP:
      compile_bool_op (c, e);
      break;
    case LS_AST_NAMED_EXPR:
      compile_named_expr (c, e);
      break;
    case LS_AST_BIN_OP:
      compile_bin_op (c, e);
      break;
    case LS_AST_UNARY_OP:
      compile_unary (c, e);
      break;
    case LS_AST_LAMBDA:
      compile_lambda (c, e);
      break;
    case LS_AST_IF_EXP:
      compile_if_exp (c, e);
      break;
    case LS_AST_DICT:
      compile_dict (c, e);
      break;
    case LS_AST_SET:
      compile_sequence (c, &e->u.set.elts, LS_AST_SET);
      break;
    case LS_AST_LIST_COMP:
    case LS_AST_SET_COMP:
    case LS_AST_DICT_COMP:
    case LS_AST_GENERATOR_EXP:
      compile_comprehension (c, e);
      break;
    case LS_AST_AWAIT:
      compile_await (c, e);
      break;
    case LS_AST_YIELD:
    case LS_AST_YIELD_FROM:
      compile_yield (c, e);
      break;
    case LS_AST_COMPARE:
      compile_compare (c, e);
      break;
    case LS_AST_CALL:
      compile_call (c, e);
      break;
    case LS_AST_FORMATTED_VALUE:
      compile_formatted_value (c, e);
      break;
    case LS_AST_JOINED_STR:
      compile_joined_str (c, e);
      break;
    case LS_AST_CONSTANT:
      compile_constant (c, e);
      break;
    case LS_AST_ATTRIBUTE:
      if (e->u.attribute.ctx == LS_CTX_STORE)
        compile_store (c, e);
      else
        compile_attribute (c, e);
      break;
    case LS_AST_SUBSCRIPT:
      if (e->u.subscript.ctx == LS_CTX_STORE)
        compile_store (c, e);
      else
        compile_subscript (c, e);
      break;
    case LS_AST_STARRED:
      if (e->u.starred.ctx == LS_CTX_STORE)
        compile_error (c, NULL, "starred assignment target must be in a list or tuple");
      else
        compile_error (c, NULL, "can't use starred expression here");
      break;
    case LS_AST_NAME:
      compile_name_op (c, e->u.name.id, e->u.name.ctx);
      break;
    case LS_AST_LIST:
      if (e->u.list.ctx == LS_CTX_STORE)
        compile_store (c, e);
      else
        compile_sequence (c, &e->u.list.elts, LS_AST_LIST);
      break;
    case LS_AST_TUPLE:
      if (e->u.list.ctx == LS_CTX_STORE)
        compile_store (c, e);
      else
        compile_tuple (c, e);
      break;
    case LS_AST_SLICE:
      compile_subscript_key (c, e);
      break;
    default:
      compile_error (c, NULL, "unsupported expression (%s)", ls_ast_kind_name (e->kind));
      break;
    }
}

static void
compile_expr (Compiler    *c,
              const LsAst *e)
{
  LsPosition saved = set_pos (c, e);

  compile_expr_inner (c, e);
  c->u->pos = saved;
}

/* ------------------------------------------------ conditional jumps */

static gboolean
is_none_constant (const LsAst *e)
{
  return e->kind == LS_AST_CONSTANT && e->u.constant.kind == LS_CONST_NONE;
}

static void
compile_jump_if_compare (Compiler    *c,
                         const LsAst *e,
                         gboolean     cond,
                         int          label)
{
  const LsAstList *comps = &e->u.compare.comparators;
  int n = comps->len;
  int cleanup = new_label (c);
  int end = new_label (c);

  compile_expr (c, e->u.compare.left);
  for (int i = 0; i < n - 1; i++)
    {
      compile_expr (c, comps->items[i]);
      emit (c, LS_OP_SWAP, 2);
      emit (c, LS_OP_COPY, 2);
      emit_compare_op (c, e->u.compare.ops[i]);
      emit_jump (c, LS_OP_POP_JUMP_IF_FALSE, cleanup);
    }
  compile_expr (c, comps->items[n - 1]);
  emit_compare_op (c, e->u.compare.ops[n - 1]);
  emit_jump (c, cond ? LS_OP_POP_JUMP_IF_TRUE : LS_OP_POP_JUMP_IF_FALSE, label);
  emit_jump (c, LS_OP_JUMP, end);
  place_label (c, cleanup);
  emit (c, LS_OP_POP_TOP, 0);
  if (!cond)
    emit_jump (c, LS_OP_JUMP, label);
  place_label (c, end);
}

/* Jumps to label when the truth of e equals cond, without building a bool
 * for and/or/not and chained comparisons, as CPython's compiler_jump_if. */
static void
compile_jump_if (Compiler    *c,
                 const LsAst *e,
                 gboolean     cond,
                 int          label)
{
  gboolean truth;

  switch (e->kind)
    {
    case LS_AST_UNARY_OP:
      if (e->u.unary_op.op == LS_UNARY_NOT)
        {
          compile_jump_if (c, e->u.unary_op.operand, !cond, label);
          return;
        }
      break;
    case LS_AST_BOOL_OP:
      {
        const LsAstList *values = &e->u.bool_op.values;
        gboolean cond2 = e->u.bool_op.op == LS_BOOL_OR;
        int next = cond2 != cond ? new_label (c) : label;

        for (int i = 0; i < values->len - 1; i++)
          compile_jump_if (c, values->items[i], cond2, next);
        compile_jump_if (c, values->items[values->len - 1], cond, label);
        if (next != label)
          place_label (c, next);
        return;
      }
    case LS_AST_IF_EXP:
      {
        int orelse = new_label (c);
        int end = new_label (c);

        compile_jump_if (c, e->u.if_exp.test, FALSE, orelse);
        compile_jump_if (c, e->u.if_exp.body, cond, label);
        emit_jump (c, LS_OP_JUMP, end);
        place_label (c, orelse);
        compile_jump_if (c, e->u.if_exp.orelse, cond, label);
        place_label (c, end);
        return;
      }
    case LS_AST_COMPARE:
      /* CPython 3.11 leaves the comparison's position in effect after the
       * jump: `assert x >= 0` raises with carets under `x >= 0` */
      c->u->pos = pos_of (e);
      if (e->u.compare.comparators.len > 1)
        {
          compile_jump_if_compare (c, e, cond, label);
          return;
        }
      if ((e->u.compare.ops[0] == LS_CMP_IS || e->u.compare.ops[0] == LS_CMP_IS_NOT)
          && is_none_constant (e->u.compare.comparators.items[0]))
        {
          gboolean is_none = e->u.compare.ops[0] == LS_CMP_IS;

          compile_expr (c, e->u.compare.left);
          emit_jump (c, is_none == cond ? LS_OP_POP_JUMP_IF_NONE : LS_OP_POP_JUMP_IF_NOT_NONE,
                     label);
          return;
        }
      break;
    case LS_AST_CONSTANT:
      if (constant_truth (e, &truth))
        {
          if (truth == cond)
            emit_jump (c, LS_OP_JUMP, label);
          return;
        }
      break;
    default:
      break;
    }
  compile_expr (c, e);
  emit_jump (c, cond ? LS_OP_POP_JUMP_IF_TRUE : LS_OP_POP_JUMP_IF_FALSE, label);
}

/* ------------------------------------------------------------ targets */

/* How CPython's parser names an expression in "cannot assign to ...". */
static const char *
expr_description (const LsAst *e)
{
  switch (e->kind)
    {
    case LS_AST_ATTRIBUTE:      return "attribute";
    case LS_AST_SUBSCRIPT:      return "subscript";
    case LS_AST_STARRED:        return "starred";
    case LS_AST_NAME:           return "name";
    case LS_AST_LIST:           return "list";
    case LS_AST_TUPLE:          return "tuple";
    case LS_AST_LAMBDA:         return "lambda";
    case LS_AST_CALL:           return "function call";
    case LS_AST_BOOL_OP:
    case LS_AST_BIN_OP:
    case LS_AST_UNARY_OP:       return "expression";
    case LS_AST_GENERATOR_EXP:  return "generator expression";
    case LS_AST_YIELD:
    case LS_AST_YIELD_FROM:     return "yield expression";
    case LS_AST_AWAIT:          return "await expression";
    case LS_AST_LIST_COMP:      return "list comprehension";
    case LS_AST_SET_COMP:       return "set comprehension";
    case LS_AST_DICT_COMP:      return "dict comprehension";
    case LS_AST_DICT:           return "dict literal";
    case LS_AST_SET:            return "set display";
    case LS_AST_JOINED_STR:
    case LS_AST_FORMATTED_VALUE: return "f-string expression";
    case LS_AST_COMPARE:        return "comparison";
    case LS_AST_IF_EXP:         return "conditional expression";
    case LS_AST_NAMED_EXPR:     return "named expression";
    case LS_AST_CONSTANT:
      switch (e->u.constant.kind)
        {
        case LS_CONST_NONE:     return "None";
        case LS_CONST_TRUE:     return "True";
        case LS_CONST_FALSE:    return "False";
        case LS_CONST_ELLIPSIS: return "ellipsis";
        default:                return "literal";
        }
    default:
      return "expression";
    }
}

static void
compile_unpack (Compiler        *c,
                const LsAstList *elts)
{
  int star = -1;

  for (int i = 0; i < elts->len; i++)
    if (elts->items[i]->kind == LS_AST_STARRED)
      {
        if (star >= 0)
          {
            compile_error (c, NULL, "multiple starred expressions in assignment");
            return;
          }
        star = i;
      }
  if (star < 0)
    emit (c, LS_OP_UNPACK_SEQUENCE, elts->len);
  else
    {
      int after = elts->len - star - 1;

      if (star >= 256 || after >= (1 << 16))
        {
          compile_error (c, NULL, "too many expressions in star-unpacking assignment");
          return;
        }
      emit (c, LS_OP_UNPACK_EX, star | (after << 8));
    }
  for (int i = 0; i < elts->len; i++)
    {
      const LsAst *elt = elts->items[i];
      compile_store (c, elt->kind == LS_AST_STARRED ? elt->u.starred.value : elt);
    }
}

/* Stores TOS into an assignment target. */
static void
compile_store (Compiler    *c,
               const LsAst *t)
{
  LsPosition saved = set_pos (c, t);

  switch (t->kind)
    {
    case LS_AST_NAME:
      compile_name_op (c, t->u.name.id, LS_CTX_STORE);
      break;
    case LS_AST_ATTRIBUTE:
      compile_expr (c, t->u.attribute.value);
      c->u->pos = attr_position (c->u->pos, t);
      emit (c, LS_OP_STORE_ATTR, name_index (c, mangle (c, t->u.attribute.attr)));
      break;
    case LS_AST_SUBSCRIPT:
      compile_expr (c, t->u.subscript.value);
      compile_subscript_key (c, t->u.subscript.slice);
      emit (c, LS_OP_STORE_SUBSCR, 0);
      break;
    case LS_AST_TUPLE:
    case LS_AST_LIST:
      compile_unpack (c, &t->u.list.elts);
      break;
    case LS_AST_STARRED:
      compile_error (c, NULL, "starred assignment target must be in a list or tuple");
      break;
    default:
      compile_error (c, NULL, "cannot assign to %s", expr_description (t));
      break;
    }
  c->u->pos = saved;
}

static void
compile_delete (Compiler    *c,
                const LsAst *t)
{
  LsPosition saved = set_pos (c, t);

  switch (t->kind)
    {
    case LS_AST_NAME:
      compile_name_op (c, t->u.name.id, LS_CTX_DEL);
      break;
    case LS_AST_ATTRIBUTE:
      compile_expr (c, t->u.attribute.value);
      c->u->pos = attr_position (c->u->pos, t);
      emit (c, LS_OP_DELETE_ATTR, name_index (c, mangle (c, t->u.attribute.attr)));
      break;
    case LS_AST_SUBSCRIPT:
      compile_expr (c, t->u.subscript.value);
      compile_subscript_key (c, t->u.subscript.slice);
      emit (c, LS_OP_DELETE_SUBSCR, 0);
      break;
    case LS_AST_TUPLE:
    case LS_AST_LIST:
      for (int i = 0; i < t->u.list.elts.len; i++)
        compile_delete (c, t->u.list.elts.items[i]);
      break;
    default:
      compile_error (c, NULL, "cannot delete %s", expr_description (t));
      break;
    }
  c->u->pos = saved;
}

/* ------------------------------------------------------ leaving blocks */

static void
emit_exit_with_nones (Compiler *c,
                      gboolean  is_async)
{
  emit_load_none (c);
  emit_load_none (c);
  emit_load_none (c);
  emit (c, LS_OP_CALL, 3);
  if (is_async)
    emit_await (c, 2);
  emit (c, LS_OP_POP_TOP, 0);
}

/* Handler epilogue for an `except ... as name`: name = None; del name. */
static void
emit_clear_name (Compiler   *c,
                 const char *name)
{
  emit_load_none (c);
  compile_name_op (c, name, LS_CTX_STORE);
  compile_name_op (c, name, LS_CTX_DEL);
}

/* The restore-and-propagate tail shared by every handler: [prev, exc]. */
static void
emit_handler_cleanup (Compiler *c)
{
  emit (c, LS_OP_SWAP, 2);
  emit (c, LS_OP_POP_EXCEPT, 0);
  emit (c, LS_OP_RERAISE, 0);
}

/* Undoes one block for a return/break/continue going through it. With
 * preserve_tos the return value stays on top of the stack. */
static void
unwind_fblock (Compiler     *c,
               const FBlock *fb,
               gboolean      preserve_tos)
{
  LsPosition saved;

  switch (fb->kind)
    {
    case FB_WHILE:
    case FB_EXCEPT_STAR:
      break;
    case FB_FOR:
    case FB_ASYNC_FOR:
    case FB_POP_VALUE:
      if (preserve_tos)
        emit (c, LS_OP_SWAP, 2);
      emit (c, LS_OP_POP_TOP, 0);
      break;
    case FB_TRY_EXCEPT:
      emit (c, LS_OP_POP_BLOCK, 0);
      break;
    case FB_FINALLY_TRY:
      emit (c, LS_OP_POP_BLOCK, 0);
      if (preserve_tos)
        push_fblock (c, FB_POP_VALUE, -1, -1, NULL, NULL);
      compile_body (c, &fb->node->u.try_.finalbody);
      if (preserve_tos)
        pop_fblock (c);
      break;
    case FB_FINALLY_END:
      emit (c, LS_OP_POP_BLOCK, 0);
      if (preserve_tos)
        emit (c, LS_OP_SWAP, 2);
      emit (c, LS_OP_POP_TOP, 0);
      if (preserve_tos)
        emit (c, LS_OP_SWAP, 2);
      emit (c, LS_OP_POP_EXCEPT, 0);
      break;
    case FB_WITH:
    case FB_ASYNC_WITH:
      saved = set_pos (c, fb->node);
      emit (c, LS_OP_POP_BLOCK, 0);
      if (preserve_tos)
        emit (c, LS_OP_SWAP, 2);
      emit_exit_with_nones (c, fb->kind == FB_ASYNC_WITH);
      c->u->pos = saved;
      break;
    case FB_HANDLER:
      if (fb->name)
        emit (c, LS_OP_POP_BLOCK, 0);
      emit (c, LS_OP_POP_BLOCK, 0);
      if (preserve_tos)
        emit (c, LS_OP_SWAP, 2);
      emit (c, LS_OP_POP_EXCEPT, 0);
      if (fb->name)
        emit_clear_name (c, fb->name);
      break;
    default:
      break;
    }
}

/* Unwinds blocks innermost first; with loop != NULL stops at the innermost
 * loop and returns 1 (0: no loop). -1 after an error. */
static int
unwind_fblocks (Compiler *c,
                gboolean  preserve_tos,
                FBlock   *loop)
{
  GArray *fbs = c->u->fblocks;
  FBlock top;
  int found;

  if (fbs->len == 0)
    return 0;
  top = g_array_index (fbs, FBlock, fbs->len - 1);
  if (top.kind == FB_EXCEPT_STAR)
    {
      compile_error (c, NULL, "'break', 'continue' and 'return' cannot appear in an except* block");
      return -1;
    }
  if (loop && (top.kind == FB_WHILE || top.kind == FB_FOR || top.kind == FB_ASYNC_FOR))
    {
      *loop = top;
      return 1;
    }
  g_array_set_size (fbs, fbs->len - 1);
  unwind_fblock (c, &top, preserve_tos);
  found = unwind_fblocks (c, preserve_tos, loop);
  g_array_append_val (c->u->fblocks, top);
  return found;
}

static void
compile_return (Compiler    *c,
                const LsAst *s)
{
  const LsAst *value = s->u.ret.value;
  LsScope *scope = c->u->scope;
  gboolean preserve_tos = value && value->kind != LS_AST_CONSTANT;

  if (!ls_scope_is_function (scope))
    {
      compile_error (c, NULL, "'return' outside function");
      return;
    }
  if (value && scope->is_coroutine && scope->is_generator)
    {
      compile_error (c, NULL, "'return' with value in async generator");
      return;
    }
  if (preserve_tos)
    compile_expr (c, value);
  else if (value && value->line == s->line)
    c->u->pos = pos_of (value);
  if (unwind_fblocks (c, preserve_tos, NULL) < 0)
    return;
  if (value == NULL)
    emit_load_none (c);
  else if (!preserve_tos)
    compile_expr (c, value);
  emit (c, LS_OP_RETURN_VALUE, 0);
}

static void
compile_break_continue (Compiler    *c,
                        const LsAst *s)
{
  gboolean is_break = s->kind == LS_AST_BREAK;
  FBlock loop;
  int found = unwind_fblocks (c, FALSE, &loop);

  if (found < 0)
    return;
  if (found == 0)
    {
      compile_error (c, NULL, is_break ? "'break' outside loop" : "'continue' not properly in loop");
      return;
    }
  if (is_break)
    {
      unwind_fblock (c, &loop, FALSE);
      emit_jump (c, LS_OP_JUMP, loop.break_label);
    }
  else
    emit_jump (c, LS_OP_JUMP, loop.continue_label);
}

/* ------------------------------------------------- defs and classes */

static const LsAst *
docstring_of (const LsAstList *body)
{
  const LsAst *first;

  if (body->len == 0)
    return NULL;
  first = body->items[0];
  if (first->kind == LS_AST_EXPR && first->u.expr.value->kind == LS_AST_CONSTANT
      && first->u.expr.value->u.constant.kind == LS_CONST_STR)
    return first->u.expr.value;
  return NULL;
}

static LsValue
docstring_value (Compiler    *c,
                 const LsAst *doc)
{
  return ls_obj (ls_str_new (c->vm, doc->u.constant.s, doc->u.constant.slen));
}

static void
apply_decorators (Compiler        *c,
                  const LsAstList *decorators)
{
  for (int i = decorators->len - 1; i >= 0; i--)
    {
      LsPosition saved = set_pos (c, decorators->items[i]);

      emit (c, LS_OP_CALL, 1);
      c->u->pos = saved;
    }
}

static gboolean
ends_with_exit (const LsAstList *body)
{
  LsAstKind last;

  if (body->len == 0)
    return FALSE;
  last = body->items[body->len - 1]->kind;
  return last == LS_AST_RETURN || last == LS_AST_RAISE;
}

/* Statements of a body, the docstring (if any) skipped. */
static void
compile_body_after_doc (Compiler        *c,
                        const LsAstList *body,
                        const LsAst     *doc)
{
  for (int i = doc ? 1 : 0; i < body->len; i++)
    compile_stmt (c, body->items[i]);
  if (body->len > 0)
    c->u->pos = pos_of (body->items[body->len - 1]);
}

static void
compile_function_def (Compiler    *c,
                      const LsAst *s)
{
  LsScope *scope = ls_symtable_lookup (c->st, s);
  const LsAstList *body = &s->u.function_def.body;
  const LsAstList *decorators = &s->u.function_def.decorators;
  const LsAst *doc = docstring_of (body);
  guint32 flags;
  LsCode *code;

  compile_exprs (c, decorators);
  flags = compile_defaults (c, s->u.function_def.args);

  enter_unit (c, scope, s->u.function_def.name, s);
  if (decorators->len > 0)
    c->u->first_line = decorators->items[0]->line;
  set_arg_counts (c->u, s->u.function_def.args);
  c->u->flags |= scope_code_flags (scope);
  add_const (c, doc ? docstring_value (c, doc) : LS_NONE);
  compile_body_after_doc (c, body, doc);
  if (!ends_with_exit (body))
    {
      emit_load_none (c);
      emit (c, LS_OP_RETURN_VALUE, 0);
    }
  code = leave_unit (c);

  emit_make_function (c, code, flags);
  apply_decorators (c, decorators);
  compile_name_op (c, s->u.function_def.name, LS_CTX_STORE);
}

static gboolean
find_annotations (const LsAstList *body);

static gboolean
stmt_has_annotations (const LsAst *s)
{
  switch (s->kind)
    {
    case LS_AST_ANN_ASSIGN:
      return TRUE;
    case LS_AST_FOR:
      return find_annotations (&s->u.for_.body) || find_annotations (&s->u.for_.orelse);
    case LS_AST_WHILE:
      return find_annotations (&s->u.while_.body) || find_annotations (&s->u.while_.orelse);
    case LS_AST_IF:
      return find_annotations (&s->u.if_.body) || find_annotations (&s->u.if_.orelse);
    case LS_AST_WITH:
      return find_annotations (&s->u.with.body);
    case LS_AST_TRY:
      for (int i = 0; i < s->u.try_.handlers.len; i++)
        if (find_annotations (&s->u.try_.handlers.items[i]->u.except_handler.body))
          return TRUE;
      return find_annotations (&s->u.try_.body) || find_annotations (&s->u.try_.orelse)
             || find_annotations (&s->u.try_.finalbody);
    default:
      return FALSE;
    }
}

/* Does a module or class body need __annotations__ (SETUP_ANNOTATIONS)? */
static gboolean
find_annotations (const LsAstList *body)
{
  for (int i = 0; i < body->len; i++)
    if (stmt_has_annotations (body->items[i]))
      return TRUE;
  return FALSE;
}

static gboolean
check_class_arguments (Compiler    *c,
                       const LsAst *s)
{
  if (s->u.class_def.keywords.len > 0)
    {
      compile_error (c, s->u.class_def.keywords.items[0],
                     "class keyword arguments are not supported");
      return FALSE;
    }
  for (int i = 0; i < s->u.class_def.bases.len; i++)
    if (s->u.class_def.bases.items[i]->kind == LS_AST_STARRED)
      {
        compile_error (c, s->u.class_def.bases.items[i], "starred base classes are not supported");
        return FALSE;
      }
  return TRUE;
}

static void
compile_class_body (Compiler    *c,
                    const LsAst *s)
{
  const LsAstList *body = &s->u.class_def.body;
  const LsAst *doc = docstring_of (body);
  Unit *u = c->u;

  /* the prologue belongs to the class line but to no columns (CPython) */
  u->pos = (LsPosition) { u->first_line, u->first_line, 0, 0 };
  emit_raw_name (c, LS_OP_LOAD_NAME, "__name__");
  emit_raw_name (c, LS_OP_STORE_NAME, "__module__");
  emit_load_const (c, ls_obj (ls_str_intern (c->vm, u->qualname, -1)));
  emit_raw_name (c, LS_OP_STORE_NAME, "__qualname__");
  if (find_annotations (body))
    emit (c, LS_OP_SETUP_ANNOTATIONS, 0);
  if (doc)
    {
      LsPosition saved = set_pos (c, doc);

      emit_load_const (c, docstring_value (c, doc));
      emit_raw_name (c, LS_OP_STORE_NAME, "__doc__");
      c->u->pos = saved;
    }
  compile_body_after_doc (c, body, doc);
  if (u->scope->needs_class_closure)
    emit (c, LS_OP_LOAD_CLOSURE, table_find (u->cell_map, "__class__"));
  else
    emit_load_none (c);
  emit (c, LS_OP_RETURN_VALUE, 0);
}

static void
compile_class_def (Compiler    *c,
                   const LsAst *s)
{
  LsScope *scope = ls_symtable_lookup (c->st, s);
  const LsAstList *decorators = &s->u.class_def.decorators;
  LsCode *code;

  if (!check_class_arguments (c, s))
    return;
  compile_exprs (c, decorators);

  enter_unit (c, scope, s->u.class_def.name, s);
  if (decorators->len > 0)
    c->u->first_line = decorators->items[0]->line;
  c->u->flags |= LS_CODE_CLASS_BODY;
  compile_class_body (c, s);
  code = leave_unit (c);

  emit_make_function (c, code, 0);
  emit_load_const (c, ls_obj (ls_str_intern (c->vm, s->u.class_def.name, -1)));
  compile_exprs (c, &s->u.class_def.bases);
  emit (c, LS_OP_BUILD_CLASS, s->u.class_def.bases.len);
  apply_decorators (c, decorators);
  compile_name_op (c, s->u.class_def.name, LS_CTX_STORE);
}

/* --------------------------------------------------------- assignment */

static gboolean
is_plain_sequence (const LsAst *e)
{
  return (e->kind == LS_AST_TUPLE || e->kind == LS_AST_LIST) && !has_starred (&e->u.list.elts);
}

/* a, b = b, a: no tuple is built, as CPython's peephole pass arranges. */
static gboolean
compile_swap_assign (Compiler    *c,
                     const LsAst *target,
                     const LsAst *value)
{
  int n;

  if (!is_plain_sequence (target) || !is_plain_sequence (value))
    return FALSE;
  n = target->u.list.elts.len;
  if (n != value->u.list.elts.len || n < 2 || n > 3)
    return FALSE;
  compile_exprs (c, &value->u.list.elts);
  emit (c, LS_OP_SWAP, n);
  for (int i = 0; i < n; i++)
    compile_store (c, target->u.list.elts.items[i]);
  return TRUE;
}

static void
compile_assign (Compiler    *c,
                const LsAst *s)
{
  const LsAstList *targets = &s->u.assign.targets;

  if (targets->len == 1 && compile_swap_assign (c, targets->items[0], s->u.assign.value))
    return;
  compile_expr (c, s->u.assign.value);
  for (int i = 0; i < targets->len; i++)
    {
      if (i < targets->len - 1)
        emit (c, LS_OP_COPY, 1);
      compile_store (c, targets->items[i]);
    }
}

static void
compile_aug_assign (Compiler    *c,
                    const LsAst *s)
{
  const LsAst *t = s->u.aug_assign.target;
  guint32 op = s->u.aug_assign.op + LS_BINOP_INPLACE;
  LsPosition stmt_pos = c->u->pos;

  switch (t->kind)
    {
    case LS_AST_NAME:
      set_pos (c, t);
      compile_name_op (c, t->u.name.id, LS_CTX_LOAD);
      c->u->pos = stmt_pos;
      compile_expr (c, s->u.aug_assign.value);
      emit (c, LS_OP_BINARY_OP, op);
      compile_store (c, t);
      break;
    case LS_AST_ATTRIBUTE:
      {
        int name = name_index (c, mangle (c, t->u.attribute.attr));

        set_pos (c, t);
        compile_expr (c, t->u.attribute.value);
        emit (c, LS_OP_COPY, 1);
        c->u->pos = attr_position (c->u->pos, t);
        emit (c, LS_OP_LOAD_ATTR, name);
        c->u->pos = stmt_pos;
        compile_expr (c, s->u.aug_assign.value);
        emit (c, LS_OP_BINARY_OP, op);
        c->u->pos = attr_position (pos_of (t), t);
        emit (c, LS_OP_SWAP, 2);
        emit (c, LS_OP_STORE_ATTR, name);
        break;
      }
    case LS_AST_SUBSCRIPT:
      set_pos (c, t);
      compile_expr (c, t->u.subscript.value);
      compile_subscript_key (c, t->u.subscript.slice);
      emit (c, LS_OP_COPY, 2);
      emit (c, LS_OP_COPY, 2);
      emit (c, LS_OP_BINARY_SUBSCR, 0);
      c->u->pos = stmt_pos;
      compile_expr (c, s->u.aug_assign.value);
      emit (c, LS_OP_BINARY_OP, op);
      set_pos (c, t);
      emit (c, LS_OP_SWAP, 3);
      emit (c, LS_OP_SWAP, 2);
      emit (c, LS_OP_STORE_SUBSCR, 0);
      break;
    default:
      compile_error (c, t, "'%s' is an illegal expression for augmented assignment",
                     expr_description (t));
      break;
    }
  c->u->pos = stmt_pos;
}

/* Minimal unparser for annotations when the source text is not at hand. */
static void
unparse (GString     *out,
         const LsAst *e)
{
  switch (e->kind)
    {
    case LS_AST_NAME:
      g_string_append (out, e->u.name.id);
      break;
    case LS_AST_ATTRIBUTE:
      unparse (out, e->u.attribute.value);
      g_string_append_printf (out, ".%s", e->u.attribute.attr);
      break;
    case LS_AST_SUBSCRIPT:
      unparse (out, e->u.subscript.value);
      g_string_append_c (out, '[');
      unparse (out, e->u.subscript.slice);
      g_string_append_c (out, ']');
      break;
    case LS_AST_TUPLE:
    case LS_AST_LIST:
      if (e->kind == LS_AST_LIST)
        g_string_append_c (out, '[');
      for (int i = 0; i < e->u.list.elts.len; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          unparse (out, e->u.list.elts.items[i]);
        }
      if (e->kind == LS_AST_LIST)
        g_string_append_c (out, ']');
      break;
    case LS_AST_BIN_OP:
      unparse (out, e->u.bin_op.left);
      g_string_append (out, " | ");
      unparse (out, e->u.bin_op.right);
      break;
    case LS_AST_CONSTANT:
      if (e->u.constant.kind == LS_CONST_STR)
        g_string_append_printf (out, "'%s'", e->u.constant.s);
      else if (e->u.constant.kind == LS_CONST_NONE)
        g_string_append (out, "None");
      else
        g_string_append (out, "...");
      break;
    default:
      g_string_append (out, "...");
      break;
    }
}

static char *
annotation_text (Compiler    *c,
                 const LsAst *ann)
{
  GString *out;

  ensure_line_starts (c);
  if (c->line_starts && ann->line >= 1 && ann->end_line >= ann->line
      && (guint) ann->end_line <= c->line_starts->len)
    {
      gsize start = g_array_index (c->line_starts, gsize, ann->line - 1) + ann->col;
      gsize end = g_array_index (c->line_starts, gsize, ann->end_line - 1) + ann->end_col;

      if (end > start && end <= strlen (c->source))
        return g_strndup (c->source + start, end - start);
    }
  out = g_string_new (NULL);
  unparse (out, ann);
  return g_string_free (out, FALSE);
}

static void
compile_ann_assign (Compiler    *c,
                    const LsAst *s)
{
  const LsAst *t = s->u.ann_assign.target;
  LsScopeKind kind = c->u->scope->kind;

  if (s->u.ann_assign.value)
    {
      compile_expr (c, s->u.ann_assign.value);
      compile_store (c, t);
    }
  switch (t->kind)
    {
    case LS_AST_NAME:
      if (s->u.ann_assign.simple && (kind == LS_SCOPE_MODULE || kind == LS_SCOPE_CLASS))
        {
          g_autofree char *text = annotation_text (c, s->u.ann_assign.annotation);

          emit_load_const (c, str_const (c, text, strlen (text)));
          emit_raw_name (c, LS_OP_LOAD_NAME, "__annotations__");
          emit_load_const (c, ls_obj (ls_str_intern (c->vm, mangle (c, t->u.name.id), -1)));
          emit (c, LS_OP_STORE_SUBSCR, 0);
        }
      break;
    case LS_AST_ATTRIBUTE:
      if (!s->u.ann_assign.value)
        {
          compile_expr (c, t->u.attribute.value);
          emit (c, LS_OP_POP_TOP, 0);
        }
      break;
    case LS_AST_SUBSCRIPT:
      if (!s->u.ann_assign.value)
        {
          compile_expr (c, t->u.subscript.value);
          emit (c, LS_OP_POP_TOP, 0);
          compile_subscript_key (c, t->u.subscript.slice);
          emit (c, LS_OP_POP_TOP, 0);
        }
      break;
    default:
      compile_error (c, t, "illegal target for annotation");
      break;
    }
}

/* ------------------------------------------------------------- loops */

static void
compile_for (Compiler    *c,
             const LsAst *s)
{
  int start = new_label (c);
  int orelse = new_label (c);
  int end = new_label (c);

  compile_iterable (c, s->u.for_.iter);
  emit (c, LS_OP_GET_ITER, 0);
  place_label (c, start);
  emit_jump (c, LS_OP_FOR_ITER, orelse);
  compile_store (c, s->u.for_.target);
  push_fblock (c, FB_FOR, start, end, s, NULL);
  compile_body (c, &s->u.for_.body);
  pop_fblock (c);
  emit_jump (c, LS_OP_JUMP, start);
  place_label (c, orelse);
  compile_body (c, &s->u.for_.orelse);
  place_label (c, end);
}

static void
compile_async_for (Compiler    *c,
                   const LsAst *s)
{
  int start = new_label (c);
  int except = new_label (c);
  int end = new_label (c);

  if (!unit_is_async_function (c->u) && !toplevel_await_allowed (c))
    {
      compile_error (c, NULL, "'async for' outside async function");
      return;
    }
  compile_expr (c, s->u.for_.iter);
  emit (c, LS_OP_GET_AITER, 0);
  place_label (c, start);
  emit_jump (c, LS_OP_SETUP_FINALLY, except);
  emit (c, LS_OP_GET_ANEXT, 0);
  emit_load_none (c);
  emit (c, LS_OP_YIELD_FROM, 0);
  emit (c, LS_OP_POP_BLOCK, 0);
  if (c->u->scope->kind == LS_SCOPE_MODULE)
    c->u->awaits = TRUE;
  compile_store (c, s->u.for_.target);
  push_fblock (c, FB_ASYNC_FOR, start, end, s, NULL);
  compile_body (c, &s->u.for_.body);
  pop_fblock (c);
  emit_jump (c, LS_OP_JUMP, start);
  place_label (c, except);
  emit (c, LS_OP_END_ASYNC_FOR, 0);
  compile_body (c, &s->u.for_.orelse);
  place_label (c, end);
}

/* The test is compiled twice (before the loop and at its bottom) so each
 * iteration takes one jump; `while True:` has no test at all. */
static void
compile_while (Compiler    *c,
               const LsAst *s)
{
  int body = new_label (c);
  int next = new_label (c);
  int orelse = new_label (c);
  int end = new_label (c);

  compile_jump_if (c, s->u.while_.test, FALSE, orelse);
  place_label (c, body);
  push_fblock (c, FB_WHILE, next, end, s, NULL);
  compile_body (c, &s->u.while_.body);
  pop_fblock (c);
  place_label (c, next);
  compile_jump_if (c, s->u.while_.test, TRUE, body);
  place_label (c, orelse);
  compile_body (c, &s->u.while_.orelse);
  place_label (c, end);
}

static void
compile_if (Compiler    *c,
            const LsAst *s)
{
  int end = new_label (c);
  int orelse = s->u.if_.orelse.len > 0 ? new_label (c) : end;

  compile_jump_if (c, s->u.if_.test, FALSE, orelse);
  compile_body (c, &s->u.if_.body);
  if (s->u.if_.orelse.len > 0)
    {
      emit_jump (c, LS_OP_JUMP, end);
      place_label (c, orelse);
      compile_body (c, &s->u.if_.orelse);
    }
  place_label (c, end);
}

/* --------------------------------------------------------------- with */

/* [exit, enter_result] -> [exit]. The body's block must be set up over [exit]
 * alone, so a target that can fail (attribute, subscript, unpacking) is
 * stored from a copy under a block of its own whose handler drops the
 * result and joins the body's handler: __exit__ sees that error too. */
static void
compile_with_target (Compiler    *c,
                     const LsAst *target,
                     int          except)
{
  int store_failed, stored;

  if (target == NULL)
    {
      emit (c, LS_OP_POP_TOP, 0);
      return;
    }
  if (target->kind == LS_AST_NAME)
    {
      compile_store (c, target);
      return;
    }
  store_failed = new_label (c);
  stored = new_label (c);
  emit_jump (c, LS_OP_SETUP_FINALLY, store_failed);
  emit (c, LS_OP_COPY, 1);
  compile_store (c, target);
  emit (c, LS_OP_POP_BLOCK, 0);
  emit (c, LS_OP_POP_TOP, 0);
  emit_jump (c, LS_OP_JUMP, stored);
  /* [exit, enter_result, exc] */
  place_label (c, store_failed);
  emit (c, LS_OP_SWAP, 2);
  emit (c, LS_OP_POP_TOP, 0);
  emit_jump (c, LS_OP_JUMP, except);
  place_label (c, stored);
}

static void
compile_with_item (Compiler    *c,
                   const LsAst *s,
                   int          index)
{
  const LsAst *item = s->u.with.items.items[index];
  gboolean is_async = s->u.with.is_async;
  int except = new_label (c);
  int cleanup = new_label (c);
  int suppress = new_label (c);
  int end = new_label (c);

  compile_expr (c, item->u.with_item.context_expr);
  if (is_async)
    {
      emit (c, LS_OP_BEFORE_ASYNC_WITH, 0);
      emit_await (c, 1);
    }
  else
    emit (c, LS_OP_BEFORE_WITH, 0);
  compile_with_target (c, item->u.with_item.optional_vars, except);
  emit_jump (c, LS_OP_SETUP_FINALLY, except);
  push_fblock (c, is_async ? FB_ASYNC_WITH : FB_WITH, -1, -1, s, NULL);
  if (index + 1 < s->u.with.items.len)
    compile_with_item (c, s, index + 1);
  else
    compile_body (c, &s->u.with.body);
  pop_fblock (c);
  emit (c, LS_OP_POP_BLOCK, 0);
  emit_exit_with_nones (c, is_async);
  emit_jump (c, LS_OP_JUMP, end);

  /* [exit, exc]: ask __exit__ whether to swallow the exception */
  place_label (c, except);
  emit_jump (c, LS_OP_SETUP_FINALLY, cleanup);
  emit (c, LS_OP_PUSH_EXC_INFO, 0);
  emit (c, LS_OP_WITH_EXCEPT_START, 0);
  if (is_async)
    emit_await (c, 2);
  emit_jump (c, LS_OP_POP_JUMP_IF_TRUE, suppress);
  emit (c, LS_OP_RERAISE, 0);
  place_label (c, suppress);
  emit (c, LS_OP_POP_BLOCK, 0);
  emit (c, LS_OP_POP_TOP, 0);
  emit (c, LS_OP_POP_EXCEPT, 0);
  emit (c, LS_OP_POP_TOP, 0);
  emit_jump (c, LS_OP_JUMP, end);
  place_label (c, cleanup);
  emit_handler_cleanup (c);
  place_label (c, end);
}

static void
compile_with (Compiler    *c,
              const LsAst *s)
{
  if (s->u.with.is_async && !unit_is_async_function (c->u) && !toplevel_await_allowed (c))
    {
      compile_error (c, NULL, "'async with' outside async function");
      return;
    }
  compile_with_item (c, s, 0);
}

/* ---------------------------------------------------------------- try */

static void
compile_handler_body (Compiler    *c,
                      const LsAst *h,
                      int          end)
{
  const char *name = h->u.except_handler.name;

  if (name)
    {
      int cleanup_body = new_label (c);

      compile_name_op (c, name, LS_CTX_STORE);
      emit_jump (c, LS_OP_SETUP_FINALLY, cleanup_body);
      push_fblock (c, FB_HANDLER, -1, -1, h, name);
      compile_body (c, &h->u.except_handler.body);
      pop_fblock (c);
      emit (c, LS_OP_POP_BLOCK, 0);
      emit (c, LS_OP_POP_BLOCK, 0);
      emit (c, LS_OP_POP_EXCEPT, 0);
      emit_clear_name (c, name);
      emit_jump (c, LS_OP_JUMP, end);
      /* [prev, exc2]: the handler raised; `e` must not outlive it */
      place_label (c, cleanup_body);
      emit_clear_name (c, name);
      emit (c, LS_OP_RERAISE, 0);
      return;
    }
  emit (c, LS_OP_POP_TOP, 0);
  push_fblock (c, FB_HANDLER, -1, -1, h, NULL);
  compile_body (c, &h->u.except_handler.body);
  pop_fblock (c);
  emit (c, LS_OP_POP_BLOCK, 0);
  emit (c, LS_OP_POP_EXCEPT, 0);
  emit_jump (c, LS_OP_JUMP, end);
}

static void
compile_try_except (Compiler    *c,
                    const LsAst *s)
{
  const LsAstList *handlers = &s->u.try_.handlers;
  int handler = new_label (c);
  int cleanup = new_label (c);
  int end = new_label (c);

  emit_jump (c, LS_OP_SETUP_FINALLY, handler);
  push_fblock (c, FB_TRY_EXCEPT, -1, -1, s, NULL);
  compile_body (c, &s->u.try_.body);
  pop_fblock (c);
  emit (c, LS_OP_POP_BLOCK, 0);
  compile_body (c, &s->u.try_.orelse);
  emit_jump (c, LS_OP_JUMP, end);

  place_label (c, handler);
  emit_jump (c, LS_OP_SETUP_FINALLY, cleanup);
  emit (c, LS_OP_PUSH_EXC_INFO, 0);
  for (int i = 0; i < handlers->len; i++)
    {
      const LsAst *h = handlers->items[i];
      LsPosition saved = set_pos (c, h);
      int next = new_label (c);

      if (h->u.except_handler.type == NULL && i < handlers->len - 1)
        {
          compile_error (c, NULL, "default 'except:' must be last");
          return;
        }
      if (h->u.except_handler.type)
        {
          compile_expr (c, h->u.except_handler.type);
          emit (c, LS_OP_CHECK_EXC_MATCH, 0);
          emit_jump (c, LS_OP_POP_JUMP_IF_FALSE, next);
        }
      compile_handler_body (c, h, end);
      place_label (c, next);
      c->u->pos = saved;
    }
  /* no clause matched: [prev, exc] */
  emit (c, LS_OP_RERAISE, 0);
  place_label (c, cleanup);
  emit_handler_cleanup (c);
  place_label (c, end);
}

/* One except* clause; the stack holds [prev, orig, raised_list, rest]. */
static void
compile_star_handler (Compiler    *c,
                      const LsAst *h,
                      int          done,
                      gboolean     first)
{
  const char *name = h->u.except_handler.name;
  int no_match = new_label (c);
  int raised = new_label (c);
  int next = new_label (c);

  if (!first)
    {
      emit (c, LS_OP_COPY, 1);
      emit_jump (c, LS_OP_POP_JUMP_IF_NONE, done);
    }
  if (h->u.except_handler.type)
    compile_expr (c, h->u.except_handler.type);
  else
    compile_error (c, NULL, "expected one or more exception types");
  emit (c, LS_OP_CHECK_EG_MATCH, 0);
  emit (c, LS_OP_COPY, 1);
  emit_jump (c, LS_OP_POP_JUMP_IF_NONE, no_match);
  emit (c, LS_OP_PUSH_EXC_INFO, 0);
  if (name)
    compile_name_op (c, name, LS_CTX_STORE);
  else
    emit (c, LS_OP_POP_TOP, 0);
  emit_jump (c, LS_OP_SETUP_FINALLY, raised);
  push_fblock (c, FB_EXCEPT_STAR, -1, -1, h, name);
  compile_body (c, &h->u.except_handler.body);
  pop_fblock (c);
  emit (c, LS_OP_POP_BLOCK, 0);
  emit (c, LS_OP_POP_EXCEPT, 0);
  if (name)
    emit_clear_name (c, name);
  emit_jump (c, LS_OP_JUMP, next);

  /* [.., rest, prev2, exc]: remember what the handler raised */
  place_label (c, raised);
  emit (c, LS_OP_SWAP, 2);
  emit (c, LS_OP_POP_EXCEPT, 0);
  if (name)
    emit_clear_name (c, name);
  emit (c, LS_OP_LIST_APPEND, 2);
  emit_jump (c, LS_OP_JUMP, next);

  place_label (c, no_match);
  emit (c, LS_OP_POP_TOP, 0);
  place_label (c, next);
}

static void
compile_try_star_except (Compiler    *c,
                         const LsAst *s)
{
  const LsAstList *handlers = &s->u.try_.handlers;
  int handler = new_label (c);
  int cleanup = new_label (c);
  int done = new_label (c);
  int reraise = new_label (c);
  int end = new_label (c);

  emit_jump (c, LS_OP_SETUP_FINALLY, handler);
  push_fblock (c, FB_TRY_EXCEPT, -1, -1, s, NULL);
  compile_body (c, &s->u.try_.body);
  pop_fblock (c);
  emit (c, LS_OP_POP_BLOCK, 0);
  compile_body (c, &s->u.try_.orelse);
  emit_jump (c, LS_OP_JUMP, end);

  place_label (c, handler);
  emit_jump (c, LS_OP_SETUP_FINALLY, cleanup);
  emit (c, LS_OP_PUSH_EXC_INFO, 0);
  emit (c, LS_OP_COPY, 1);
  emit (c, LS_OP_BUILD_LIST, 0);
  emit (c, LS_OP_SWAP, 2);
  for (int i = 0; i < handlers->len; i++)
    {
      LsPosition saved = set_pos (c, handlers->items[i]);

      compile_star_handler (c, handlers->items[i], done, i == 0);
      c->u->pos = saved;
    }
  place_label (c, done);
  emit (c, LS_OP_LIST_APPEND, 1);
  emit (c, LS_OP_PREP_RERAISE_STAR, 0);
  emit (c, LS_OP_COPY, 1);
  emit_jump (c, LS_OP_POP_JUMP_IF_NOT_NONE, reraise);
  emit (c, LS_OP_POP_TOP, 0);
  emit (c, LS_OP_POP_BLOCK, 0);
  emit (c, LS_OP_POP_EXCEPT, 0);
  emit_jump (c, LS_OP_JUMP, end);
  place_label (c, reraise);
  emit (c, LS_OP_POP_BLOCK, 0);
  emit_handler_cleanup (c);
  place_label (c, cleanup);
  emit_handler_cleanup (c);
  place_label (c, end);
}

static void
compile_try_handlers (Compiler    *c,
                      const LsAst *s)
{
  if (s->u.try_.is_star)
    compile_try_star_except (c, s);
  else
    compile_try_except (c, s);
}

static void
compile_try_finally (Compiler    *c,
                     const LsAst *s)
{
  int handler = new_label (c);
  int cleanup = new_label (c);
  int end = new_label (c);

  emit_jump (c, LS_OP_SETUP_FINALLY, handler);
  push_fblock (c, FB_FINALLY_TRY, -1, -1, s, NULL);
  if (s->u.try_.handlers.len > 0)
    compile_try_handlers (c, s);
  else
    compile_body (c, &s->u.try_.body);
  pop_fblock (c);
  emit (c, LS_OP_POP_BLOCK, 0);
  compile_body (c, &s->u.try_.finalbody);
  emit_jump (c, LS_OP_JUMP, end);

  /* [exc]: run the finally body with exc as the handled exception */
  place_label (c, handler);
  emit_jump (c, LS_OP_SETUP_FINALLY, cleanup);
  emit (c, LS_OP_PUSH_EXC_INFO, 0);
  push_fblock (c, FB_FINALLY_END, -1, -1, s, NULL);
  compile_body (c, &s->u.try_.finalbody);
  pop_fblock (c);
  emit (c, LS_OP_POP_BLOCK, 0);
  emit_handler_cleanup (c);
  place_label (c, cleanup);
  emit_handler_cleanup (c);
  place_label (c, end);
}

static void
compile_try (Compiler    *c,
             const LsAst *s)
{
  if (s->u.try_.finalbody.len > 0)
    compile_try_finally (c, s);
  else
    compile_try_handlers (c, s);
}

/* ------------------------------------------------------ simple statements */

static void
compile_raise (Compiler    *c,
               const LsAst *s)
{
  int n = 0;

  if (s->u.raise.exc)
    {
      compile_expr (c, s->u.raise.exc);
      n = 1;
      if (s->u.raise.cause)
        {
          compile_expr (c, s->u.raise.cause);
          n = 2;
        }
    }
  emit (c, LS_OP_RAISE_VARARGS, n);
}

static void
compile_assert (Compiler    *c,
                const LsAst *s)
{
  int end = new_label (c);

  compile_jump_if (c, s->u.assert_.test, TRUE, end);
  emit (c, LS_OP_LOAD_ASSERTION_ERROR, 0);
  if (s->u.assert_.msg)
    {
      compile_expr (c, s->u.assert_.msg);
      emit (c, LS_OP_CALL, 1);
    }
  emit (c, LS_OP_RAISE_VARARGS, 1);
  place_label (c, end);
}

/* After IMPORT_NAME "a.b.c" (which pushes a), walks down to a.b.c. */
static void
emit_import_walk (Compiler   *c,
                  const char *dotted)
{
  g_auto (GStrv) parts = g_strsplit (dotted, ".", -1);

  for (int i = 1; parts[i]; i++)
    {
      emit (c, LS_OP_IMPORT_FROM,
            name_index (c, g_string_chunk_insert_const (c->strings, parts[i])));
      emit (c, LS_OP_SWAP, 2);
      emit (c, LS_OP_POP_TOP, 0);
    }
}

static void
compile_import (Compiler    *c,
                const LsAst *s)
{
  for (int i = 0; i < s->u.import.names.len; i++)
    {
      const LsAst *alias = s->u.import.names.items[i];
      const char *name = alias->u.alias.name;

      emit (c, LS_OP_IMPORT_NAME, name_index (c, name));
      if (alias->u.alias.asname)
        {
          emit_import_walk (c, name);
          compile_name_op (c, alias->u.alias.asname, LS_CTX_STORE);
        }
      else
        {
          const char *dot = strchr (name, '.');
          g_autofree char *first = dot ? g_strndup (name, dot - name) : g_strdup (name);

          compile_name_op (c, g_string_chunk_insert_const (c->strings, first), LS_CTX_STORE);
        }
    }
}

static void
compile_import_from (Compiler    *c,
                     const LsAst *s)
{
  const char *module = s->u.import_from.module;
  const LsAstList *names = &s->u.import_from.names;

  if (s->u.import_from.level > 0 || module == NULL)
    {
      compile_error (c, NULL, "relative imports are not supported");
      return;
    }
  /* future features change nothing here: annotations are never evaluated */
  if (strcmp (module, "__future__") == 0)
    return;
  emit (c, LS_OP_IMPORT_NAME, name_index (c, module));
  emit_import_walk (c, module);
  for (int i = 0; i < names->len; i++)
    {
      const LsAst *alias = names->items[i];

      if (strcmp (alias->u.alias.name, "*") == 0)
        {
          emit (c, LS_OP_IMPORT_STAR, 0);
          return;
        }
      emit (c, LS_OP_IMPORT_FROM, name_index (c, alias->u.alias.name));
      compile_name_op (c, alias->u.alias.asname ? alias->u.alias.asname : alias->u.alias.name,
                       LS_CTX_STORE);
    }
  emit (c, LS_OP_POP_TOP, 0);
}

static void
compile_expr_stmt (Compiler    *c,
                   const LsAst *s)
{
  /* docstrings and `...` compile to nothing */
  if (s->u.expr.value->kind == LS_AST_CONSTANT)
    return;
  compile_expr (c, s->u.expr.value);
  emit (c, LS_OP_POP_TOP, 0);
}

static void
compile_stmt_inner (Compiler    *c,
                    const LsAst *s)
{
  switch (s->kind)
    {
    case LS_AST_FUNCTION_DEF:
      compile_function_def (c, s);
      break;
    case LS_AST_CLASS_DEF:
      compile_class_def (c, s);
      break;
    case LS_AST_RETURN:
      compile_return (c, s);
      break;
    case LS_AST_DELETE:
      for (int i = 0; i < s->u.del.targets.len; i++)
        compile_delete (c, s->u.del.targets.items[i]);
      break;
    case LS_AST_ASSIGN:
      compile_assign (c, s);
      break;
    case LS_AST_AUG_ASSIGN:
      compile_aug_assign (c, s);
      break;
    case LS_AST_ANN_ASSIGN:
      compile_ann_assign (c, s);
      break;
    case LS_AST_FOR:
      if (s->u.for_.is_async)
        compile_async_for (c, s);
      else
        compile_for (c, s);
      break;
    case LS_AST_WHILE:
      compile_while (c, s);
      break;
    case LS_AST_IF:
      compile_if (c, s);
      break;
    case LS_AST_WITH:
      compile_with (c, s);
      break;
    case LS_AST_RAISE:
      compile_raise (c, s);
      break;
    case LS_AST_TRY:
      compile_try (c, s);
      break;
    case LS_AST_ASSERT:
      compile_assert (c, s);
      break;
    case LS_AST_IMPORT:
      compile_import (c, s);
      break;
    case LS_AST_IMPORT_FROM:
      compile_import_from (c, s);
      break;
    case LS_AST_EXPR:
      compile_expr_stmt (c, s);
      break;
    case LS_AST_BREAK:
    case LS_AST_CONTINUE:
      compile_break_continue (c, s);
      break;
    case LS_AST_GLOBAL:
    case LS_AST_NONLOCAL:
    case LS_AST_PASS:
      break;
    default:
      compile_error (c, NULL, "unsupported statement (%s)", ls_ast_kind_name (s->kind));
      break;
    }
}

static void
compile_stmt (Compiler    *c,
              const LsAst *s)
{
  LsPosition saved = set_pos (c, s);

  compile_stmt_inner (c, s);
  c->u->pos = saved;
}

static void
compile_body (Compiler        *c,
              const LsAstList *body)
{
  for (int i = 0; i < body->len && !c->failed; i++)
    compile_stmt (c, body->items[i]);
}

/* ------------------------------------------------------------- modules */

static LsCode *
compile_module_code (Compiler    *c,
                     const LsAst *module)
{
  const LsAstList *body = &module->u.module.body;
  const LsAst *doc = docstring_of (body);

  enter_unit (c, ls_symtable_top (c->st), "<module>", NULL);
  c->u->flags |= LS_CODE_MODULE;
  if (body->len > 0)
    c->u->pos = pos_of (body->items[0]);
  if (find_annotations (body))
    emit (c, LS_OP_SETUP_ANNOTATIONS, 0);
  if (doc)
    {
      emit_load_const (c, docstring_value (c, doc));
      emit_raw_name (c, LS_OP_STORE_NAME, "__doc__");
    }
  compile_body_after_doc (c, body, doc);
  emit_load_none (c);
  emit (c, LS_OP_RETURN_VALUE, 0);
  return leave_unit (c);
}

static LsSyntaxError *
make_syntax_error (const char *filename,
                   const char *source,
                   char       *msg,
                   int         line,
                   int         col,
                   int         end_line,
                   int         end_col)
{
  LsSyntaxError *err = g_new0 (LsSyntaxError, 1);

  err->type = g_strdup ("SyntaxError");
  err->msg = msg;
  err->filename = g_strdup (filename ? filename : "<string>");
  err->lineno = line;
  err->offset = col + 1;
  err->text = source_line (source, line);
  if (end_line > line && err->text)
    err->end_offset = strlen (err->text) + 1;   /* CPython underlines to the line's end */
  else
    err->end_offset = end_col + 1;
  return err;
}

static void
compiler_clear (Compiler *c)
{
  if (c->line_starts)
    g_array_unref (c->line_starts);
  if (c->strings)
    g_string_chunk_free (c->strings);
  if (c->frozensets)
    g_ptr_array_unref (c->frozensets);
  g_free (c->err_msg);
}

LsCode *
ls_compile_module (LsVM           *vm,
                   const LsAst    *module,
                   const char     *filename,
                   const char     *source,
                   LsCompileFlags  flags,
                   LsSyntaxError **error)
{
  Compiler c = { 0 };
  LsSymtableError st_error;
  LsCode *code;

  g_return_val_if_fail (vm != NULL, NULL);
  g_return_val_if_fail (module != NULL && module->kind == LS_AST_MODULE, NULL);

  if (filename == NULL)
    filename = "<string>";
  c.st = ls_symtable_build (module, &st_error);
  if (c.st == NULL)
    {
      const LsAst *n = st_error.node;

      if (error)
        *error = make_syntax_error (filename, source, st_error.msg, n ? n->line : 1,
                                    n ? n->col : 0, n ? n->end_line : 1, n ? n->end_col : 0);
      else
        g_free (st_error.msg);
      return NULL;
    }
  c.vm = vm;
  c.flags = flags;
  c.filename = filename;
  c.source = source;
  c.strings = g_string_chunk_new (256);
  c.filename_str = ls_str_intern (vm, filename, -1);

  code = compile_module_code (&c, module);
  if (c.failed)
    {
      if (error)
        *error = make_syntax_error (filename, source, g_steal_pointer (&c.err_msg),
                                    c.err_pos.line, c.err_pos.col,
                                    c.err_pos.end_line, c.err_pos.end_col);
      code = NULL;
    }
  ls_symtable_free (c.st);
  compiler_clear (&c);
  return code;
}

LsCode *
ls_compile_source (LsVM           *vm,
                   const char     *filename,
                   const char     *source,
                   gsize           len,
                   LsCompileFlags  flags,
                   LsSyntaxError **error)
{
  g_autoptr (LsAstArena) arena = ls_ast_arena_new ();
  g_autofree char *text = g_strndup (source, len);
  LsAst *module;

  module = ls_parse_module (arena, filename, text, len, error);
  if (module == NULL)
    return NULL;
  return ls_compile_module (vm, module, filename, text, flags, error);
}
