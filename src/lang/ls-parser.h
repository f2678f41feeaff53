/* ls-parser.h: source text to LsAst, with CPython-style syntax errors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ls-ast.h"

G_BEGIN_DECLS

/* What went wrong in a parse, in the terms CPython reports it. */
typedef struct
{
  char *type;        /* "SyntaxError", "IndentationError" or "TabError" */
  char *msg;         /* e.g. "expected ':'", "invalid syntax", "unexpected indent" */
  char *filename;
  int   lineno;      /* 1-based */
  int   offset;      /* 1-based column of the caret, in characters, as CPython's SyntaxError.offset */
  int   end_offset;  /* 1-based exclusive end column, or 0 */
  char *text;        /* the offending source line, without its newline, or NULL */
} LsSyntaxError;

void ls_syntax_error_free (LsSyntaxError *err);

/* Parses a whole module. Returns the LS_AST_MODULE node, or NULL with *error set.
 * Every node and string is allocated in @arena. */
LsAst *ls_parse_module (LsAstArena     *arena,
                        const char     *filename,
                        const char     *source,
                        gsize           len,
                        LsSyntaxError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsSyntaxError, ls_syntax_error_free)

G_END_DECLS
