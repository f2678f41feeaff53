/* ls-disasm.c: a readable listing of code objects, for tests and debugging.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format is ours (tests compare against it): a header per code object,
 * then one line per instruction with the source line where it changes,
 * the index, the opcode, the argument and what the argument means.
 */
#include <stdlib.h>
#include <string.h>

#include "ls-compiler.h"
#include "ls-opcodes.h"

static void append_value (GString *out, LsValue v);

/* Shortest text that reads back as the same double, like repr(float). */
static void
append_float (GString *out,
              double   f)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int prec = 1; prec <= 17; prec++)
    {
      char fmt[8];

      g_snprintf (fmt, sizeof fmt, "%%.%dg", prec);
      g_ascii_formatd (buf, sizeof buf, fmt, f);
      if (g_ascii_strtod (buf, NULL) == f)
        break;
    }
  g_string_append (out, buf);
  if (strpbrk (buf, ".eni") == NULL)
    g_string_append (out, ".0");
}

static void
append_str (GString     *out,
            const LsStr *s)
{
  g_string_append_c (out, '\'');
  for (gsize i = 0; i < s->len; i++)
    {
      guchar ch = s->data[i];

      switch (ch)
        {
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\'':
          g_string_append (out, "\\'");
          break;
        default:
          if (ch < 0x20 || ch == 0x7f)
            g_string_append_printf (out, "\\x%02x", ch);
          else
            g_string_append_c (out, ch);
        }
    }
  g_string_append_c (out, '\'');
}

static void
append_object (GString *out,
               LsObj   *o)
{
  switch (o->kind)
    {
    case LS_OBJ_STR:
      append_str (out, (LsStr *) o);
      break;
    case LS_OBJ_TUPLE:
      {
        LsTuple *t = (LsTuple *) o;

        g_string_append_c (out, '(');
        for (gsize i = 0; i < t->len; i++)
          {
            if (i > 0)
              g_string_append (out, ", ");
            append_value (out, t->items[i]);
          }
        g_string_append (out, t->len == 1 ? ",)" : ")");
        break;
      }
    case LS_OBJ_CODE:
      g_string_append_printf (out, "<code %s>", ls_str_cstr (((LsCode *) o)->qualname));
      break;
    default:
      g_string_append (out, "Ellipsis");
      break;
    }
}

static void
append_value (GString *out,
              LsValue  v)
{
  switch (v.tag)
    {
    case LS_V_NONE:
      g_string_append (out, "None");
      break;
    case LS_V_BOOL:
      g_string_append (out, v.u.i ? "True" : "False");
      break;
    case LS_V_INT:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, v.u.i);
      break;
    case LS_V_FLOAT:
      append_float (out, v.u.f);
      break;
    case LS_V_OBJ:
      append_object (out, v.u.o);
      break;
    default:
      g_string_append (out, "<undef>");
      break;
    }
}

static const char *
binop_symbol (guint32 arg)
{
  static const char * const symbols[] = {
    "+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "|", "^", "&",
  };
  static const char * const inplace[] = {
    "+=", "-=", "*=", "/=", "//=", "%=", "**=", "@=", "<<=", ">>=", "|=", "^=", "&=",
  };
  guint32 op = arg & ~(guint32) LS_BINOP_INPLACE;

  if (op >= G_N_ELEMENTS (symbols))
    return "?";
  return (arg & LS_BINOP_INPLACE) ? inplace[op] : symbols[op];
}

static const char *
deref_name (LsCode  *code,
            guint32  arg)
{
  if ((int) arg < code->n_cells)
    return ls_str_cstr (code->cellnames[arg]);
  if ((int) arg - code->n_cells < code->n_free)
    return ls_str_cstr (code->freenames[arg - code->n_cells]);
  return "?";
}

static const char *
name_at (LsStr  **names,
         int      n,
         guint32  arg)
{
  return (int) arg < n ? ls_str_cstr (names[arg]) : "?";
}

/* What an argument means, or NULL when there is nothing to add. */
static char *
describe_arg (LsCode   *code,
              LsOpcode  op,
              guint32   arg)
{
  static const char * const cmp[] = { "<", "<=", "==", "!=", ">", ">=" };

  switch (op)
    {
    case LS_OP_LOAD_CONST:
      {
        GString *s = g_string_new (NULL);
        if ((int) arg < code->n_consts)
          append_value (s, code->consts[arg]);
        return g_string_free (s, FALSE);
      }
    case LS_OP_LOAD_FAST:
    case LS_OP_STORE_FAST:
    case LS_OP_DELETE_FAST:
      return g_strdup (name_at (code->varnames, code->n_locals, arg));
    case LS_OP_LOAD_DEREF:
    case LS_OP_STORE_DEREF:
    case LS_OP_DELETE_DEREF:
    case LS_OP_LOAD_CLOSURE:
    case LS_OP_LOAD_CLASSDEREF:
      return g_strdup (deref_name (code, arg));
    case LS_OP_LOAD_GLOBAL:
    case LS_OP_STORE_GLOBAL:
    case LS_OP_DELETE_GLOBAL:
    case LS_OP_LOAD_NAME:
    case LS_OP_STORE_NAME:
    case LS_OP_DELETE_NAME:
    case LS_OP_LOAD_ATTR:
    case LS_OP_STORE_ATTR:
    case LS_OP_DELETE_ATTR:
    case LS_OP_LOAD_METHOD:
    case LS_OP_IMPORT_NAME:
    case LS_OP_IMPORT_FROM:
      return g_strdup (name_at (code->names, code->n_names, arg));
    case LS_OP_BINARY_OP:
      return g_strdup (binop_symbol (arg));
    case LS_OP_COMPARE_OP:
      return g_strdup (arg < G_N_ELEMENTS (cmp) ? cmp[arg] : "?");
    case LS_OP_IS_OP:
      return g_strdup (arg ? "is not" : "is");
    case LS_OP_CONTAINS_OP:
      return g_strdup (arg ? "not in" : "in");
    case LS_OP_UNPACK_EX:
      return g_strdup_printf ("%u before, %u after", arg & 0xff, arg >> 8);
    default:
      if (op == LS_OP_JUMP || op == LS_OP_FOR_ITER || op == LS_OP_SETUP_FINALLY
          || (op >= LS_OP_POP_JUMP_IF_FALSE && op <= LS_OP_JUMP_IF_TRUE_OR_POP))
        return g_strdup_printf ("to %u", arg);
      return NULL;
    }
}

static gboolean
has_arg (LsOpcode op)
{
  switch (op)
    {
    case LS_OP_NOP:
    case LS_OP_POP_TOP:
    case LS_OP_PUSH_NULL:
    case LS_OP_LOAD_ASSERTION_ERROR:
    case LS_OP_UNARY_NEGATIVE:
    case LS_OP_UNARY_POSITIVE:
    case LS_OP_UNARY_NOT:
    case LS_OP_UNARY_INVERT:
    case LS_OP_BINARY_SUBSCR:
    case LS_OP_STORE_SUBSCR:
    case LS_OP_DELETE_SUBSCR:
    case LS_OP_LIST_TO_TUPLE:
    case LS_OP_GET_ITER:
    case LS_OP_RETURN_VALUE:
    case LS_OP_SETUP_ANNOTATIONS:
    case LS_OP_POP_BLOCK:
    case LS_OP_PUSH_EXC_INFO:
    case LS_OP_POP_EXCEPT:
    case LS_OP_CHECK_EXC_MATCH:
    case LS_OP_CHECK_EG_MATCH:
    case LS_OP_PREP_RERAISE_STAR:
    case LS_OP_RERAISE:
    case LS_OP_WITH_EXCEPT_START:
    case LS_OP_BEFORE_WITH:
    case LS_OP_BEFORE_ASYNC_WITH:
    case LS_OP_YIELD_VALUE:
    case LS_OP_GET_YIELD_FROM_ITER:
    case LS_OP_YIELD_FROM:
    case LS_OP_GET_AITER:
    case LS_OP_GET_ANEXT:
    case LS_OP_END_ASYNC_FOR:
      return FALSE;
    default:
      return TRUE;
    }
}

static void
append_flags (GString *out,
              guint32  flags)
{
  static const char * const names[] = {
    "VARARGS", "VARKEYWORDS", "GENERATOR", "COROUTINE", "ASYNC_GENERATOR",
    "MODULE", "CLASS_BODY", "NESTED", "TOPLEVEL_AWAIT",
  };
  gboolean first = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (flags & (1u << i))
      {
        g_string_append_printf (out, "%s%s", first ? "" : ", ", names[i]);
        first = FALSE;
      }
  if (first)
    g_string_append (out, "-");
}

static void
append_names (GString    *out,
              const char *label,
              LsStr     **names,
              int         n)
{
  if (n == 0)
    return;
  g_string_append_printf (out, "  %s:", label);
  for (int i = 0; i < n; i++)
    g_string_append_printf (out, " %s", ls_str_cstr (names[i]));
  g_string_append_c (out, '\n');
}

static void
append_header (GString *out,
               LsCode  *code)
{
  g_string_append_printf (out, "code %s (line %d)\n", ls_str_cstr (code->qualname), code->first_line);
  g_string_append (out, "  flags: ");
  append_flags (out, code->flags);
  g_string_append_printf (out, "\n  args: %d posonly: %d kwonly: %d stack: %d blocks: %d\n",
                          code->argcount, code->posonlyargcount, code->kwonlyargcount,
                          code->max_stack, code->max_blocks);
  append_names (out, "locals", code->varnames, code->n_locals);
  append_names (out, "cells", code->cellnames, code->n_cells);
  append_names (out, "frees", code->freenames, code->n_free);
}

static void
disassemble_into (GString *out,
                  LsCode  *code)
{
  int last_line = -1;

  append_header (out, code);
  for (int i = 0; i < code->n_code; i++)
    {
      LsOpcode op = LS_OP (code->code[i]);
      guint32 arg = LS_ARG (code->code[i]);
      int line = code->positions[i].line;
      g_autofree char *what = NULL;

      if (line != last_line)
        g_string_append_printf (out, "%4d %4d %-20s", line, i, ls_opcode_name (op));
      else
        g_string_append_printf (out, "     %4d %-20s", i, ls_opcode_name (op));
      last_line = line;
      if (has_arg (op))
        {
          what = describe_arg (code, op, arg);
          g_string_append_printf (out, " %u", arg);
          if (what)
            g_string_append_printf (out, " (%s)", what);
        }
      /* no trailing blanks */
      while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
    }
  for (int i = 0; i < code->n_consts; i++)
    if (LS_OBJ_IS (code->consts[i], LS_OBJ_CODE))
      {
        g_string_append_c (out, '\n');
        disassemble_into (out, (LsCode *) LS_AS_OBJ (code->consts[i]));
      }
}

char *
ls_disassemble (LsCode *code)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (code != NULL, NULL);
  disassemble_into (out, code);
  return g_string_free (out, FALSE);
}
