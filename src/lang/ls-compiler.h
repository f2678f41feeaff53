/* ls-compiler.h: LsAst to LsCode.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ls-lang.h"
#include "ls-parser.h"

G_BEGIN_DECLS

typedef enum
{
  LS_COMPILE_DEFAULT        = 0,
  /* allow await / async for / async with at module level (python -m asyncio style);
   * the module code then gets LS_CODE_TOPLEVEL_AWAIT when it uses them */
  LS_COMPILE_TOPLEVEL_AWAIT = 1 << 0,
} LsCompileFlags;

/* Compiles a parsed module. Errors found by the compiler ('return' outside
 * function, 'await' outside async function, nonlocal without binding, ...)
 * are reported as SyntaxError in *error (text filled from @source when given). */
LsCode *ls_compile_module (LsVM           *vm,
                           const LsAst    *module,
                           const char     *filename,
                           const char     *source,
                           LsCompileFlags  flags,
                           LsSyntaxError **error);

/* Parses and compiles in one go. */
LsCode *ls_compile_source (LsVM           *vm,
                           const char     *filename,
                           const char     *source,
                           gsize           len,
                           LsCompileFlags  flags,
                           LsSyntaxError **error);

/* Human-readable listing of a code object and its nested code, for tests and debugging. */
char   *ls_disassemble    (LsCode         *code);

G_END_DECLS
