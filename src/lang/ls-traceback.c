/* ls-traceback.c: traceback entries, the program source registry and
 * CPython 3.11's report of an uncaught exception (carets, chaining,
 * exception group trees, "[Previous line repeated N more times]").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ls-vm-private.h"
#include "ls-parser.h"

#define RECURSIVE_CUTOFF 3
#define MAX_GROUP_WIDTH  15
#define MAX_GROUP_DEPTH  10

static const char cause_message[] =
  "\nThe above exception was the direct cause of the following exception:\n\n";
static const char context_message[] =
  "\nDuring handling of the above exception, another exception occurred:\n\n";

/* ------------------------------------------------------------ entries */

void
_ls_traceback_add (LsVM    *vm,
                   LsValue  exc,
                   LsCode  *code,
                   int      lasti)
{
  LsException *e;
  LsTraceback *tb;

  if (!LS_OBJ_IS (exc, LS_OBJ_EXCEPTION))
    return;
  e = (LsException *) LS_AS_OBJ (exc);
  tb = ls_gc_alloc (vm, LS_OBJ_TRACEBACK, vm->types[LS_T_TRACEBACK], sizeof (LsTraceback));
  tb->code = code;
  tb->lasti = lasti;
  tb->next = LS_OBJ_IS (e->traceback, LS_OBJ_TRACEBACK) ? (LsTraceback *) LS_AS_OBJ (e->traceback) : NULL;
  e->traceback = ls_obj (tb);
}

/* ----------------------------------------------------------- sources */

void
_ls_vm_register_source (LsVM       *vm,
                        const char *filename,
                        const char *source)
{
  if (filename == NULL || source == NULL)
    return;
  g_hash_table_replace (vm->st->sources, g_strdup (filename), g_strdup (source));
}

const char *
_ls_vm_lookup_source (LsVM       *vm,
                      const char *filename)
{
  return filename ? g_hash_table_lookup (vm->st->sources, filename) : NULL;
}

/* The 1-based line of source, without its newline (g_free), or NULL. */
static char *
source_line (const char *source,
             int         lineno)
{
  const char *p = source, *end;

  if (source == NULL || lineno < 1)
    return NULL;
  for (int i = 1; i < lineno; i++)
    {
      p = strchr (p, '\n');
      if (p == NULL)
        return NULL;
      p++;
    }
  end = strchr (p, '\n');
  if (end == NULL)
    end = p + strlen (p);
  if (end > p && end[-1] == '\r')
    end--;
  return g_strndup (p, (gsize) (end - p));
}

/* ------------------------------------------------------------- carets */

static gboolean
is_py_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
         || g_unichar_isspace (c);
}

/* Characters in the first `bytes` bytes of s. */
static glong
char_offset (const char *s,
             gsize       len,
             gsize       bytes)
{
  if (bytes > len)
    bytes = len;
  return g_utf8_pointer_to_offset (s, s + bytes);
}

/* Display columns of the first n characters (wide characters count twice). */
static glong
display_width (const char *s,
               glong       n)
{
  glong w = 0;

  for (glong i = 0; i < n && *s != '\0'; i++, s = g_utf8_next_char (s))
    w += g_unichar_iswide (g_utf8_get_char (s)) ? 2 : 1;
  return w;
}

typedef struct
{
  glong left;   /* characters into the segment */
  glong right;
} Anchors;

/* BinOp and Subscript segments get "~~~^^^~~~" markers (traceback.py's rules). */
static gboolean
extract_anchors (const char *segment,
                 Anchors    *out)
{
  g_autoptr (LsAstArena) arena = ls_ast_arena_new ();
  LsSyntaxError *err = NULL;
  gsize len = strlen (segment);
  LsAst *mod = ls_parse_module (arena, "<segment>", segment, len, &err);
  LsAst *stmt, *expr;

  if (mod == NULL)
    {
      ls_syntax_error_free (err);
      return FALSE;
    }
  if (mod->u.module.body.len != 1)
    return FALSE;
  stmt = mod->u.module.body.items[0];
  if (stmt->kind != LS_AST_EXPR)
    return FALSE;
  expr = stmt->u.expr.value;
  if (expr->kind == LS_AST_BIN_OP)
    {
      LsAst *l = expr->u.bin_op.left, *r = expr->u.bin_op.right;
      gsize lend = (gsize) l->end_col, rstart = (gsize) r->col;
      gsize op_off = 0, left, right;

      if (l->end_line != 1 || r->line != 1 || lend > len || rstart > len || lend > rstart)
        return FALSE;
      while (lend + op_off < rstart && g_ascii_isspace (segment[lend + op_off]))
        op_off++;
      left = lend + op_off;
      right = left + 1;
      if (op_off + 1 < rstart - lend && !g_ascii_isspace (segment[lend + op_off + 1]))
        right++;
      while (left < len && (g_ascii_isspace (segment[left]) || segment[left] == ')' || segment[left] == '#'))
        {
          left++;
          right++;
        }
      out->left = char_offset (segment, len, left);
      out->right = char_offset (segment, len, MIN (right, len));
      return TRUE;
    }
  if (expr->kind == LS_AST_SUBSCRIPT)
    {
      LsAst *v = expr->u.subscript.value, *s = expr->u.subscript.slice;
      gsize left, right;

      if (v->end_line != 1 || s->end_line != 1)
        return FALSE;
      left = (gsize) v->end_col;
      right = (gsize) s->end_col + 1;
      while (left < len && segment[left] != '[')
        left++;
      while (right < len && segment[right] != ']')
        right++;
      if (right < len)
        right++;
      out->left = char_offset (segment, len, MIN (left, len));
      out->right = char_offset (segment, len, MIN (right, len));
      return TRUE;
    }
  return FALSE;
}

static void
append_repeat (GString    *out,
               const char *s,
               glong       n)
{
  for (glong i = 0; i < n; i++)
    g_string_append (out, s);
}

/* One "  File ..." entry with its source line and caret line. */
static void
format_frame (LsVM        *vm,
              GString     *out,
              LsCode      *code,
              int          lasti,
              const char  *fallback_source)
{
  const char *filename = ls_str_cstr (code->filename);
  LsPosition pos = { 0, };
  const char *source;
  g_autofree char *line = NULL;
  const char *stripped;
  gsize stripped_len, line_len;
  glong lead;

  if (code->positions != NULL && lasti >= 0 && lasti < code->n_code)
    pos = code->positions[lasti];
  g_string_append_printf (out, "  File \"%s\", line %d, in %s\n", filename, pos.line,
                          ls_str_cstr (code->name));
  source = _ls_vm_lookup_source (vm, filename);
  if (source == NULL)
    source = fallback_source;
  line = source_line (source, pos.line);
  if (line == NULL)
    return;

  line_len = strlen (line);
  stripped = line;
  while (*stripped != '\0' && is_py_space (g_utf8_get_char (stripped)))
    stripped = g_utf8_next_char (stripped);
  stripped_len = strlen (stripped);
  while (stripped_len > 0 && g_ascii_isspace (stripped[stripped_len - 1]))
    stripped_len--;
  if (stripped_len == 0)
    return;
  g_string_append (out, "    ");
  g_string_append_len (out, stripped, (gssize) stripped_len);
  g_string_append_c (out, '\n');

  if (pos.end_line == 0 || pos.line == 0)
    return;
  {
    glong start = char_offset (line, line_len, pos.col);
    glong end;
    glong stripped_chars = g_utf8_pointer_to_offset (stripped, stripped + stripped_len);
    Anchors anchors;
    gboolean have_anchors = FALSE;
    g_autofree char *segment = NULL;

    lead = g_utf8_pointer_to_offset (line, stripped);
    if (pos.end_line == pos.line)
      {
        end = char_offset (line, line_len, pos.end_col);
        if (pos.end_col > pos.col && pos.end_col <= line_len)
          {
            segment = g_strndup (line + pos.col, pos.end_col - pos.col);
            have_anchors = extract_anchors (segment, &anchors);
          }
      }
    else
      end = lead + stripped_chars;
    if (end < start)
      return;
    if (!(end - start < stripped_chars || (have_anchors && anchors.right - anchors.left > 0)))
      return;
    {
      glong dp_start = display_width (line, start);
      glong dp_end = display_width (line, end);
      glong dp_lead = display_width (line, lead);

      g_string_append (out, "    ");
      append_repeat (out, " ", dp_start - dp_lead);
      if (have_anchors)
        {
          glong dl = display_width (segment, anchors.left);
          glong dr = display_width (segment, anchors.right);
          append_repeat (out, "~", dl);
          append_repeat (out, "^", dr - dl);
          append_repeat (out, "~", dp_end - dp_start - dr);
        }
      else
        append_repeat (out, "^", dp_end - dp_start);
      g_string_append_c (out, '\n');
    }
  }
}

/* The entries of tb with "[Previous line repeated N more times]" compression. */
static void
format_stack (LsVM        *vm,
              GString     *out,
              LsTraceback *tb,
              const char  *fallback_source)
{
  const char *last_file = NULL, *last_name = NULL;
  int last_line = -1;
  int count = 0;

  for (; tb != NULL; tb = tb->next)
    {
      const char *file = ls_str_cstr (tb->code->filename);
      const char *name = ls_str_cstr (tb->code->name);
      int line = _ls_code_line_at (tb->code, tb->lasti);

      if (last_file == NULL || strcmp (last_file, file) != 0 || last_line != line
          || strcmp (last_name, name) != 0)
        {
          if (count > RECURSIVE_CUTOFF)
            {
              count -= RECURSIVE_CUTOFF;
              g_string_append_printf (out, "  [Previous line repeated %d more time%s]\n", count,
                                      count > 1 ? "s" : "");
            }
          last_file = file;
          last_line = line;
          last_name = name;
          count = 0;
        }
      count++;
      if (count > RECURSIVE_CUTOFF)
        continue;
      format_frame (vm, out, tb->code, tb->lasti, fallback_source);
    }
  if (count > RECURSIVE_CUTOFF)
    {
      count -= RECURSIVE_CUTOFF;
      g_string_append_printf (out, "  [Previous line repeated %d more time%s]\n", count,
                              count > 1 ? "s" : "");
    }
}

/* "ValueError: msg" (module-qualified outside builtins/__main__), suggestions, notes. */
static void
format_exception_only (LsVM    *vm,
                       GString *out,
                       LsValue  exc)
{
  LsType *t = ls_typeof (vm, exc);
  LsValue mod = ls_dict_get_str (t->dict, LS_NAME (vm, __module__));
  const char *m = LS_OBJ_IS (mod, LS_OBJ_STR) ? ls_str_cstr ((LsStr *) LS_AS_OBJ (mod))
                : t->module ? ls_str_cstr (t->module) : NULL;
  LsValue saved = vm->exc;
  LsValue s;
  g_autofree char *suggestion = NULL;
  LsException *e = (LsException *) LS_AS_OBJ (exc);

  vm->exc = LS_UNDEF;
  if (m == NULL)
    g_string_append (out, "<unknown>.");
  else if (strcmp (m, "builtins") != 0 && strcmp (m, "__main__") != 0)
    g_string_append_printf (out, "%s.", m);
  g_string_append (out, ls_str_cstr (t->qualname));

  vm->native_depth++;
  s = ls_to_str (vm, exc);
  if (LS_IS_ERR (s) || !LS_OBJ_IS (s, LS_OBJ_STR))
    {
      vm->exc = LS_UNDEF;
      g_string_append (out, ": <exception str() failed>");
    }
  else if (((LsStr *) LS_AS_OBJ (s))->len > 0)
    g_string_append_printf (out, ": %s", ls_str_cstr ((LsStr *) LS_AS_OBJ (s)));
  suggestion = _ls_exc_suggestion (vm, exc);
  if (suggestion != NULL)
    g_string_append_printf (out, ". Did you mean: '%s'?", suggestion);
  g_string_append_c (out, '\n');

  if (e->dict != NULL)
    {
      LsValue notes = ls_dict_get_str (e->dict, ls_str_intern (vm, "__notes__", -1));
      if (LS_OBJ_IS (notes, LS_OBJ_LIST) || LS_OBJ_IS (notes, LS_OBJ_TUPLE))
        {
          LsList *l = ls_list_from_iterable (vm, notes);
          for (gsize i = 0; l != NULL && i < l->len; i++)
            {
              LsValue n = ls_to_str (vm, l->items[i]);
              if (LS_IS_ERR (n))
                {
                  vm->exc = LS_UNDEF;
                  g_string_append (out, "<note str() failed>\n");
                }
              else
                g_string_append_printf (out, "%s\n", ls_str_cstr ((LsStr *) LS_AS_OBJ (n)));
            }
        }
      else if (!LS_IS_UNDEF (notes))
        {
          LsValue n = ls_repr (vm, notes);
          if (LS_IS_ERR (n))
            vm->exc = LS_UNDEF;
          else
            g_string_append_printf (out, "%s\n", ls_str_cstr ((LsStr *) LS_AS_OBJ (n)));
        }
    }
  vm->native_depth--;
  vm->exc = saved;
}

/* ------------------------------------------------------------ the tree */

typedef struct _Node Node;
struct _Node
{
  LsValue    exc;
  Node      *cause;
  Node      *context;
  GPtrArray *children;  /* Node*, for exception groups */
};

static Node *
node_new (LsValue exc)
{
  Node *n = g_new0 (Node, 1);
  n->exc = exc;
  return n;
}

static void
node_free (Node *n)
{
  if (n == NULL)
    return;
  node_free (n->cause);
  node_free (n->context);
  if (n->children)
    {
      for (guint i = 0; i < n->children->len; i++)
        node_free (n->children->pdata[i]);
      g_ptr_array_unref (n->children);
    }
  g_free (n);
}

static gboolean
is_group (LsVM    *vm,
          LsValue  v)
{
  return LS_OBJ_IS (v, LS_OBJ_EXCEPTION)
         && ls_is_subtype (LS_AS_OBJ (v)->type, vm->exc_types[LS_EXC_BASE_EXCEPTION_GROUP])
         && LS_OBJ_IS (((LsException *) LS_AS_OBJ (v))->eg_exceptions, LS_OBJ_TUPLE);
}

/* Builds the chain/group tree as traceback.TracebackException does (compact
 * mode), with one set of seen exceptions against cycles. */
static Node *
build_tree (LsVM    *vm,
            LsValue  exc)
{
  GHashTable *seen = g_hash_table_new (NULL, NULL);
  GPtrArray *queue = g_ptr_array_new ();
  Node *root = node_new (exc);

  g_hash_table_add (seen, LS_AS_OBJ (exc));
  g_ptr_array_add (queue, root);
  while (queue->len > 0)
    {
      Node *n = g_ptr_array_steal_index (queue, queue->len - 1);
      LsException *e = (LsException *) LS_AS_OBJ (n->exc);

      if (LS_OBJ_IS (e->cause, LS_OBJ_EXCEPTION) && !g_hash_table_contains (seen, LS_AS_OBJ (e->cause)))
        {
          n->cause = node_new (e->cause);
          g_hash_table_add (seen, LS_AS_OBJ (e->cause));
        }
      if (n->cause == NULL && !e->suppress_context && LS_OBJ_IS (e->context, LS_OBJ_EXCEPTION)
          && !g_hash_table_contains (seen, LS_AS_OBJ (e->context)))
        {
          n->context = node_new (e->context);
          g_hash_table_add (seen, LS_AS_OBJ (e->context));
        }
      if (is_group (vm, n->exc))
        {
          LsTuple *t = (LsTuple *) LS_AS_OBJ (e->eg_exceptions);
          n->children = g_ptr_array_new ();
          for (gsize i = 0; i < t->len; i++)
            {
              Node *c = node_new (t->items[i]);
              g_hash_table_add (seen, LS_AS_OBJ (t->items[i]));
              g_ptr_array_add (n->children, c);
            }
        }
      if (n->cause)
        g_ptr_array_add (queue, n->cause);
      if (n->context)
        g_ptr_array_add (queue, n->context);
      if (n->children)
        for (guint i = 0; i < n->children->len; i++)
          g_ptr_array_add (queue, n->children->pdata[i]);
    }
  g_ptr_array_unref (queue);
  g_hash_table_unref (seen);
  return root;
}

typedef struct
{
  LsVM       *vm;
  GString    *out;
  int         depth;
  gboolean    need_close;
  const char *fallback_source;
} Printer;

/* Writes text with every line prefixed by the group margin. */
static void
emit (Printer    *p,
      const char *text,
      char        margin)
{
  const char *s = text;

  while (*s != '\0')
    {
      const char *nl = strchr (s, '\n');
      gsize n = nl ? (gsize) (nl - s + 1) : strlen (s);

      append_repeat (p->out, " ", 2 * p->depth);
      if (p->depth > 0)
        {
          g_string_append_c (p->out, margin);
          g_string_append_c (p->out, ' ');
        }
      g_string_append_len (p->out, s, (gssize) n);
      s += n;
    }
}

static void
emit_stack (Printer     *p,
            LsTraceback *tb,
            const char  *header,
            char         header_margin)
{
  g_autoptr (GString) s = g_string_new (NULL);

  if (tb == NULL)
    return;
  emit (p, header, header_margin);
  format_stack (p->vm, s, tb, p->fallback_source);
  emit (p, s->str, '|');
}

static void
emit_exception_only (Printer *p,
                     LsValue  exc)
{
  g_autoptr (GString) s = g_string_new (NULL);

  format_exception_only (p->vm, s, exc);
  emit (p, s->str, '|');
}

static LsTraceback *
tb_of (LsValue exc)
{
  LsValue tb = ((LsException *) LS_AS_OBJ (exc))->traceback;
  return LS_OBJ_IS (tb, LS_OBJ_TRACEBACK) ? (LsTraceback *) LS_AS_OBJ (tb) : NULL;
}

static void print_node (Printer *p, Node *n);

static void
print_group (Printer *p,
             Node    *n)
{
  gboolean toplevel = p->depth == 0;
  guint num = n->children->len;
  guint shown = num <= MAX_GROUP_WIDTH ? num : MAX_GROUP_WIDTH + 1;

  if (toplevel)
    p->depth++;
  emit_stack (p, tb_of (n->exc), "Exception Group Traceback (most recent call last):\n",
              toplevel ? '+' : '|');
  emit_exception_only (p, n->exc);
  p->need_close = FALSE;
  for (guint i = 0; i < shown; i++)
    {
      gboolean last = i == shown - 1;
      gboolean truncated = i >= MAX_GROUP_WIDTH;

      if (last)
        p->need_close = TRUE;
      append_repeat (p->out, " ", 2 * p->depth);
      g_string_append (p->out, i == 0 ? "+-" : "  ");
      if (truncated)
        g_string_append (p->out, "+---------------- ... ----------------\n");
      else
        g_string_append_printf (p->out, "+---------------- %u ----------------\n", i + 1);
      p->depth++;
      if (!truncated)
        print_node (p, n->children->pdata[i]);
      else
        {
          g_autofree char *msg = NULL;
          guint remaining = num - MAX_GROUP_WIDTH;
          msg = g_strdup_printf ("and %u more exception%s\n", remaining, remaining > 1 ? "s" : "");
          emit (p, msg, '|');
        }
      if (last && p->need_close)
        {
          append_repeat (p->out, " ", 2 * p->depth);
          g_string_append (p->out, "+------------------------------------\n");
          p->need_close = FALSE;
        }
      p->depth--;
    }
  if (toplevel)
    p->depth = 0;
}

static void
print_node (Printer *p,
            Node    *n)
{
  GPtrArray *chain = g_ptr_array_new ();
  GPtrArray *msgs = g_ptr_array_new ();

  /* Oldest first: walk the causes/contexts, then print in reverse. */
  for (Node *c = n; c != NULL;)
    {
      g_ptr_array_add (chain, c);
      if (c->cause)
        {
          g_ptr_array_add (msgs, (gpointer) cause_message);
          c = c->cause;
        }
      else if (c->context)
        {
          g_ptr_array_add (msgs, (gpointer) context_message);
          c = c->context;
        }
      else
        {
          g_ptr_array_add (msgs, NULL);
          c = NULL;
        }
    }
  for (guint i = chain->len; i-- > 0;)
    {
      Node *c = chain->pdata[i];
      if (msgs->pdata[i] != NULL)
        emit (p, msgs->pdata[i], '|');
      if (c->children == NULL)
        {
          emit_stack (p, tb_of (c->exc), "Traceback (most recent call last):\n", '|');
          emit_exception_only (p, c->exc);
        }
      else if (p->depth > MAX_GROUP_DEPTH)
        {
          g_autofree char *msg = g_strdup_printf ("... (max_group_depth is %d)\n", MAX_GROUP_DEPTH);
          emit (p, msg, '|');
        }
      else
        print_group (p, c);
    }
  g_ptr_array_unref (chain);
  g_ptr_array_unref (msgs);
}

char *
ls_format_exception (LsVM       *vm,
                     LsValue     exc,
                     const char *source_hint)
{
  Printer p = { vm, g_string_new (NULL), 0, FALSE, source_hint };
  Node *root;

  if (!LS_OBJ_IS (exc, LS_OBJ_EXCEPTION))
    {
      g_string_append (p.out, "TypeError: exceptions must derive from BaseException\n");
      return g_string_free (p.out, FALSE);
    }
  root = build_tree (vm, exc);
  print_node (&p, root);
  node_free (root);
  return g_string_free (p.out, FALSE);
}

/* ------------------------------------------------------- syntax errors */

char *
ls_vm_format_syntax_error (const LsSyntaxError *err)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "  File \"%s\", line %d\n", err->filename ? err->filename : "<string>",
                          err->lineno);
  if (err->text != NULL)
    {
      const char *text = err->text;
      glong offset = err->offset - 1;
      glong end_offset = err->end_offset > 0 ? err->end_offset - 1 : offset + 1;
      gsize len;

      while (*text == ' ' || *text == '\t' || *text == '\f')
        {
          text++;
          offset--;
          end_offset--;
        }
      len = strlen (text);
      while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
        len--;
      g_string_append (out, "    ");
      g_string_append_len (out, text, (gssize) len);
      g_string_append_c (out, '\n');
      if (offset >= 0 && err->offset > 0)
        {
          glong nchars = g_utf8_strlen (text, (gssize) len);
          if (offset > nchars)
            offset = nchars;
          if (end_offset <= offset)
            end_offset = offset + 1;
          if (end_offset > nchars + 1)
            end_offset = nchars + 1;
          g_string_append (out, "    ");
          append_repeat (out, " ", offset);
          append_repeat (out, "^", end_offset - offset);
          g_string_append_c (out, '\n');
        }
    }
  g_string_append_printf (out, "%s: %s\n", err->type ? err->type : "SyntaxError",
                          err->msg ? err->msg : "invalid syntax");
  return g_string_free (out, FALSE);
}
