/* test-compiler.c: bytecode shapes, compile-time SyntaxErrors and exact stack
 * sizes of the compiler (ls-compiler.c, ls-symtable.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ls-compiler.h"
#include "ls-opcodes.h"
#include "ls-vm.h"

/* ------------------------------------------------------------ helpers */

static LsCode *
compile_flags (LsVM           *vm,
               const char     *src,
               LsCompileFlags  flags)
{
  g_autoptr (LsSyntaxError) err = NULL;
  LsCode *code = ls_compile_source (vm, "prog.py", src, strlen (src), flags, &err);

  if (code == NULL)
    g_error ("unexpected %s: %s (line %d, offset %d)\n%s",
             err ? err->type : "failure", err ? err->msg : "?",
             err ? err->lineno : 0, err ? err->offset : 0, src);
  return code;
}

static LsCode *
compile_ok (LsVM       *vm,
            const char *src)
{
  return compile_flags (vm, src, LS_COMPILE_DEFAULT);
}

/* The first nested code object called qualname, depth first. */
static LsCode *
find_code (LsCode     *code,
           const char *qualname)
{
  if (strcmp (ls_str_cstr (code->qualname), qualname) == 0)
    return code;
  for (int i = 0; i < code->n_consts; i++)
    if (LS_OBJ_IS (code->consts[i], LS_OBJ_CODE))
      {
        LsCode *found = find_code ((LsCode *) LS_AS_OBJ (code->consts[i]), qualname);
        if (found)
          return found;
      }
  return NULL;
}

static gboolean
has_name (LsStr      **names,
          int          n,
          const char  *name)
{
  for (int i = 0; i < n; i++)
    if (strcmp (ls_str_cstr (names[i]), name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
uses_opcode (LsCode   *code,
             LsOpcode  op)
{
  for (int i = 0; i < code->n_code; i++)
    if (LS_OP (code->code[i]) == op)
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------ stack verification */

/* An independent reading of ls-opcodes.h: pops and pushes per opcode.
 * Returns the depth after the instruction on the fall-through path
 * (branch: the depth at the jump target). */
static int
effect (guint32  word,
        gboolean branch)
{
  int arg = LS_ARG (word);

  switch (LS_OP (word))
    {
    case LS_OP_NOP: case LS_OP_SWAP: case LS_OP_DELETE_FAST: case LS_OP_DELETE_DEREF:
    case LS_OP_DELETE_GLOBAL: case LS_OP_DELETE_NAME: case LS_OP_LOAD_ATTR:
    case LS_OP_UNARY_NEGATIVE: case LS_OP_UNARY_POSITIVE: case LS_OP_UNARY_NOT:
    case LS_OP_UNARY_INVERT: case LS_OP_LIST_TO_TUPLE: case LS_OP_JUMP: case LS_OP_GET_ITER:
    case LS_OP_SETUP_ANNOTATIONS: case LS_OP_POP_BLOCK: case LS_OP_CHECK_EXC_MATCH:
    case LS_OP_CHECK_EG_MATCH: case LS_OP_YIELD_VALUE: case LS_OP_GET_AWAITABLE:
    case LS_OP_GET_YIELD_FROM_ITER: case LS_OP_GET_AITER:
      return 0;
    case LS_OP_COPY: case LS_OP_PUSH_NULL: case LS_OP_LOAD_CONST: case LS_OP_LOAD_FAST:
    case LS_OP_LOAD_DEREF: case LS_OP_LOAD_CLOSURE: case LS_OP_LOAD_CLASSDEREF:
    case LS_OP_LOAD_GLOBAL: case LS_OP_LOAD_NAME: case LS_OP_LOAD_METHOD:
    case LS_OP_LOAD_ASSERTION_ERROR: case LS_OP_PUSH_EXC_INFO: case LS_OP_WITH_EXCEPT_START:
    case LS_OP_BEFORE_WITH: case LS_OP_BEFORE_ASYNC_WITH: case LS_OP_GET_ANEXT:
    case LS_OP_IMPORT_NAME: case LS_OP_IMPORT_FROM:
      return 1;
    case LS_OP_STORE_ATTR: case LS_OP_DELETE_SUBSCR: case LS_OP_MAP_ADD:
    case LS_OP_END_ASYNC_FOR:
      return -2;
    case LS_OP_STORE_SUBSCR:
      return -3;
    case LS_OP_BUILD_SLICE: case LS_OP_BUILD_TUPLE: case LS_OP_BUILD_LIST:
    case LS_OP_BUILD_SET: case LS_OP_BUILD_STRING:
      return 1 - arg;
    case LS_OP_BUILD_MAP:
      return 1 - 2 * arg;
    case LS_OP_FORMAT_VALUE:
      return -((arg & LS_FV_HAVE_SPEC) != 0);
    case LS_OP_UNPACK_SEQUENCE:
      return arg - 1;
    case LS_OP_UNPACK_EX:
      return (arg & 0xff) + (arg >> 8);
    case LS_OP_JUMP_IF_FALSE_OR_POP: case LS_OP_JUMP_IF_TRUE_OR_POP:
      return branch ? 0 : -1;
    case LS_OP_FOR_ITER:
      return branch ? -1 : 1;
    case LS_OP_SETUP_FINALLY:
      return branch ? 1 : 0;
    case LS_OP_CALL:
      return -arg;
    case LS_OP_CALL_KW: case LS_OP_CALL_METHOD: case LS_OP_BUILD_CLASS:
      return -arg - 1;
    case LS_OP_CALL_METHOD_KW:
      return -arg - 2;
    case LS_OP_CALL_EX:
      return -1 - (arg & 1);
    case LS_OP_MAKE_FUNCTION:
      return -(((arg & 1) != 0) + ((arg & 2) != 0) + ((arg & 8) != 0));
    case LS_OP_RAISE_VARARGS:
      return -arg;
    default:
      /* every other opcode pops one value */
      return -1;
    }
}

static gboolean
jumps (LsOpcode op)
{
  return op == LS_OP_JUMP || op == LS_OP_FOR_ITER || op == LS_OP_SETUP_FINALLY
         || (op >= LS_OP_POP_JUMP_IF_FALSE && op <= LS_OP_JUMP_IF_TRUE_OR_POP);
}

static gboolean
ends_path (LsOpcode op)
{
  return op == LS_OP_JUMP || op == LS_OP_RETURN_VALUE || op == LS_OP_RERAISE
         || op == LS_OP_RAISE_VARARGS;
}

static void
verify_depths (LsCode *code,
               int    *depth,
               int    *blocks,
               int     start,
               int     d,
               int     b,
               int    *max_d,
               int    *max_b)
{
  for (int i = start; ; i++)
    {
      guint32 word;
      LsOpcode op;

      g_assert_cmpint (i, <, code->n_code);
      g_assert_cmpint (d, >=, 0);
      g_assert_cmpint (b, >=, 0);
      if (depth[i] >= 0)
        {
          g_assert_cmpint (depth[i], ==, d);
          g_assert_cmpint (blocks[i], ==, b);
          return;
        }
      depth[i] = d;
      blocks[i] = b;
      *max_d = MAX (*max_d, d);
      *max_b = MAX (*max_b, b);
      word = code->code[i];
      op = LS_OP (word);
      if (jumps (op))
        {
          int target_d = d + effect (word, TRUE);

          g_assert_cmpuint (LS_ARG (word), <, (guint) code->n_code);
          *max_d = MAX (*max_d, target_d);
          verify_depths (code, depth, blocks, LS_ARG (word), target_d, b, max_d, max_b);
        }
      if (ends_path (op))
        return;
      d += effect (word, FALSE);
      *max_d = MAX (*max_d, d);
      if (op == LS_OP_SETUP_FINALLY)
        b++;
      else if (op == LS_OP_POP_BLOCK)
        b--;
    }
}

/* Every path agrees on the stack depth, and max_stack/max_blocks are exact. */
static void
verify_code (LsCode *code)
{
  g_autofree int *depth = g_new (int, code->n_code);
  g_autofree int *blocks = g_new (int, code->n_code);
  int max_d = 0, max_b = 0;

  for (int i = 0; i < code->n_code; i++)
    depth[i] = -1;
  verify_depths (code, depth, blocks, 0, 0, 0, &max_d, &max_b);
  g_assert_cmpint (code->max_stack, ==, max_d);
  g_assert_cmpint (code->max_blocks, ==, max_b);
  for (int i = 0; i < code->n_consts; i++)
    if (LS_OBJ_IS (code->consts[i], LS_OBJ_CODE))
      verify_code ((LsCode *) LS_AS_OBJ (code->consts[i]));
}

/* ------------------------------------------------------ disassembly */

static void
check_disassembly (const char *src,
                   const char *qualname,
                   const char *expected)
{
  LsVM *vm = ls_vm_new ();
  LsCode *code = compile_ok (vm, src);
  LsCode *target = find_code (code, qualname);
  g_autofree char *text = NULL;

  g_assert_nonnull (target);
  verify_code (code);
  text = ls_disassemble (target);
  if (strcmp (text, expected) != 0)
    g_printerr ("--- got:\n%s--- expected:\n%s", text, expected);
  g_assert_cmpstr (text, ==, expected);
  ls_vm_free (vm);
}

static void
test_disasm_function (void)
{
  check_disassembly ("def add(a, b=1):\n"
                     "    return a + b\n",
                     "add",
                     "code add (line 1)\n"
                     "  flags: -\n"
                     "  args: 2 posonly: 0 kwonly: 0 stack: 2 blocks: 0\n"
                     "  locals: a b\n"
                     "   2    0 LOAD_FAST            0 (a)\n"
                     "        1 LOAD_FAST            1 (b)\n"
                     "        2 BINARY_OP            0 (+)\n"
                     "        3 RETURN_VALUE\n");
}

static void
test_disasm_closure (void)
{
  check_disassembly ("def counter():\n"
                     "    n = 0\n"
                     "    def bump():\n"
                     "        nonlocal n\n"
                     "        n += 1\n"
                     "        return n\n"
                     "    return bump\n",
                     "counter",
                     "code counter (line 1)\n"
                     "  flags: -\n"
                     "  args: 0 posonly: 0 kwonly: 0 stack: 2 blocks: 0\n"
                     "  locals: bump\n"
                     "  cells: n\n"
                     "   2    0 LOAD_CONST           1 (0)\n"
                     "        1 STORE_DEREF          0 (n)\n"
                     "   3    2 LOAD_CLOSURE         0 (n)\n"
                     "        3 BUILD_TUPLE          1\n"
                     "        4 LOAD_CONST           2 (<code counter.<locals>.bump>)\n"
                     "        5 MAKE_FUNCTION        8\n"
                     "        6 STORE_FAST           0 (bump)\n"
                     "   7    7 LOAD_FAST            0 (bump)\n"
                     "        8 RETURN_VALUE\n"
                     "\n"
                     "code counter.<locals>.bump (line 3)\n"
                     "  flags: NESTED\n"
                     "  args: 0 posonly: 0 kwonly: 0 stack: 2 blocks: 0\n"
                     "  frees: n\n"
                     "   5    0 LOAD_DEREF           0 (n)\n"
                     "        1 LOAD_CONST           1 (1)\n"
                     "        2 BINARY_OP            16 (+=)\n"
                     "        3 STORE_DEREF          0 (n)\n"
                     "   6    4 LOAD_DEREF           0 (n)\n"
                     "        5 RETURN_VALUE\n");
}

static void
test_disasm_loop (void)
{
  check_disassembly ("def first_even(xs):\n"
                     "    for x in xs:\n"
                     "        if x % 2 == 0:\n"
                     "            break\n"
                     "    else:\n"
                     "        return None\n"
                     "    return x\n",
                     "first_even",
                     "code first_even (line 1)\n"
                     "  flags: -\n"
                     "  args: 1 posonly: 0 kwonly: 0 stack: 3 blocks: 0\n"
                     "  locals: xs x\n"
                     "   2    0 LOAD_FAST            0 (xs)\n"
                     "        1 GET_ITER\n"
                     "        2 FOR_ITER             13 (to 13)\n"
                     "        3 STORE_FAST           1 (x)\n"
                     "   3    4 LOAD_FAST            1 (x)\n"
                     "        5 LOAD_CONST           1 (2)\n"
                     "        6 BINARY_OP            5 (%)\n"
                     "        7 LOAD_CONST           2 (0)\n"
                     "        8 COMPARE_OP           2 (==)\n"
                     "        9 POP_JUMP_IF_FALSE    12 (to 12)\n"
                     "   4   10 POP_TOP\n"
                     "       11 JUMP                 15 (to 15)\n"
                     "   2   12 JUMP                 2 (to 2)\n"
                     "   6   13 LOAD_CONST           0 (None)\n"
                     "       14 RETURN_VALUE\n"
                     "   7   15 LOAD_FAST            1 (x)\n"
                     "       16 RETURN_VALUE\n");
}

static void
test_disasm_try (void)
{
  check_disassembly ("def safe(f):\n"
                     "    try:\n"
                     "        return f()\n"
                     "    except ValueError as e:\n"
                     "        return e\n",
                     "safe",
                     "code safe (line 1)\n"
                     "  flags: -\n"
                     "  args: 1 posonly: 0 kwonly: 0 stack: 3 blocks: 2\n"
                     "  locals: f e\n"
                     "   2    0 SETUP_FINALLY        7 (to 7)\n"
                     "   3    1 LOAD_FAST            0 (f)\n"
                     "        2 CALL                 0\n"
                     "        3 POP_BLOCK\n"
                     "        4 RETURN_VALUE\n"
                     "   2    5 POP_BLOCK\n"
                     "        6 JUMP                 38 (to 38)\n"
                     "        7 SETUP_FINALLY        35 (to 35)\n"
                     "        8 PUSH_EXC_INFO\n"
                     "   4    9 LOAD_GLOBAL          0 (ValueError)\n"
                     "       10 CHECK_EXC_MATCH\n"
                     "       11 POP_JUMP_IF_FALSE    34 (to 34)\n"
                     "       12 STORE_FAST           1 (e)\n"
                     "       13 SETUP_FINALLY        30 (to 30)\n"
                     "   5   14 LOAD_FAST            1 (e)\n"
                     "       15 POP_BLOCK\n"
                     "       16 POP_BLOCK\n"
                     "       17 SWAP                 2\n"
                     "       18 POP_EXCEPT\n"
                     "       19 LOAD_CONST           0 (None)\n"
                     "       20 STORE_FAST           1 (e)\n"
                     "       21 DELETE_FAST          1 (e)\n"
                     "       22 RETURN_VALUE\n"
                     "   4   23 POP_BLOCK\n"
                     "       24 POP_BLOCK\n"
                     "       25 POP_EXCEPT\n"
                     "       26 LOAD_CONST           0 (None)\n"
                     "       27 STORE_FAST           1 (e)\n"
                     "       28 DELETE_FAST          1 (e)\n"
                     "       29 JUMP                 38 (to 38)\n"
                     "       30 LOAD_CONST           0 (None)\n"
                     "       31 STORE_FAST           1 (e)\n"
                     "       32 DELETE_FAST          1 (e)\n"
                     "       33 RERAISE\n"
                     "   2   34 RERAISE\n"
                     "       35 SWAP                 2\n"
                     "       36 POP_EXCEPT\n"
                     "       37 RERAISE\n"
                     "       38 LOAD_CONST           0 (None)\n"
                     "       39 RETURN_VALUE\n");
}

/* ----------------------------------------------------- code shapes */

static void
test_flags_and_names (void)
{
  LsVM *vm = ls_vm_new ();
  LsCode *code = compile_ok (vm,
                             "def gen():\n    yield 1\n"
                             "async def coro():\n    await x\n"
                             "async def agen():\n    yield 1\n"
                             "class C:\n"
                             "    def m(self):\n"
                             "        return super().m()\n"
                             "    def n(self):\n"
                             "        def inner(): pass\n"
                             "        return [lambda: y for y in range(3)]\n");

  verify_code (code);
  g_assert_true (code->flags & LS_CODE_MODULE);
  g_assert_true (find_code (code, "gen")->flags & LS_CODE_GENERATOR);
  g_assert_true (find_code (code, "coro")->flags & LS_CODE_COROUTINE);
  g_assert_true (find_code (code, "agen")->flags & LS_CODE_ASYNC_GENERATOR);
  g_assert_true (find_code (code, "C")->flags & LS_CODE_CLASS_BODY);
  g_assert_true (has_name (find_code (code, "C")->cellnames, find_code (code, "C")->n_cells,
                           "__class__"));
  g_assert_true (has_name (find_code (code, "C.m")->freenames, find_code (code, "C.m")->n_free,
                           "__class__"));
  g_assert_nonnull (find_code (code, "C.n.<locals>.inner"));
  g_assert_nonnull (find_code (code, "C.n.<locals>.<listcomp>"));
  g_assert_nonnull (find_code (code, "C.n.<locals>.<listcomp>.<lambda>"));
  ls_vm_free (vm);
}

static void
test_class_cell_only_when_needed (void)
{
  LsVM *vm = ls_vm_new ();
  LsCode *code = compile_ok (vm, "class C:\n    def m(self):\n        return 1\n");
  LsCode *body = find_code (code, "C");

  g_assert_cmpint (body->n_cells, ==, 0);
  g_assert_false (uses_opcode (body, LS_OP_LOAD_CLOSURE));
  ls_vm_free (vm);
}

static void
test_captured_parameter (void)
{
  LsVM *vm = ls_vm_new ();
  LsCode *code = compile_ok (vm, "def f(a, b):\n    return lambda: b\n");
  LsCode *f = find_code (code, "f");

  g_assert_cmpint (f->n_cells, ==, 1);
  g_assert_nonnull (f->cell2arg);
  g_assert_cmpint (f->cell2arg[0], ==, 1);
  ls_vm_free (vm);
}

static void
test_walrus_in_comprehension (void)
{
  LsVM *vm = ls_vm_new ();
  LsCode *code = compile_ok (vm,
                             "def f(xs):\n"
                             "    if any((hit := x) > 2 for x in xs):\n"
                             "        return hit\n"
                             "[(last := v) for v in range(3)]\n");
  LsCode *f = find_code (code, "f");
  LsCode *genexpr = find_code (code, "f.<locals>.<genexpr>");
  LsCode *listcomp = find_code (code, "<listcomp>");

  verify_code (code);
  g_assert_true (has_name (f->cellnames, f->n_cells, "hit"));
  g_assert_true (has_name (genexpr->freenames, genexpr->n_free, "hit"));
  g_assert_true (uses_opcode (listcomp, LS_OP_STORE_GLOBAL));
  ls_vm_free (vm);
}

static void
test_mangling (void)
{
  LsVM *vm = ls_vm_new ();
  LsCode *code = compile_ok (vm,
                             "class Account:\n"
                             "    def __init__(self):\n"
                             "        self.__balance = 0\n"
                             "    def __secret(self):\n"
                             "        return self.__dunder__\n");
  LsCode *init = find_code (code, "Account.__init__");
  LsCode *body = find_code (code, "Account");

  g_assert_true (has_name (init->names, init->n_names, "_Account__balance"));
  g_assert_true (has_name (body->names, body->n_names, "_Account__secret"));
  g_assert_true (has_name (find_code (code, "Account.__secret")->names,
                           find_code (code, "Account.__secret")->n_names, "__dunder__"));
  ls_vm_free (vm);
}

static void
test_toplevel_await (void)
{
  LsVM *vm = ls_vm_new ();
  const char *src = "import asyncio\n"
                    "await asyncio.sleep(0)\n"
                    "async with m as x:\n    pass\n"
                    "async for y in z:\n    pass\n"
                    "print([v async for v in w])\n";
  LsCode *code = compile_flags (vm, src, LS_COMPILE_TOPLEVEL_AWAIT);

  verify_code (code);
  g_assert_true (code->flags & LS_CODE_TOPLEVEL_AWAIT);
  code = compile_flags (vm, "x = 1\n", LS_COMPILE_TOPLEVEL_AWAIT);
  g_assert_false (code->flags & LS_CODE_TOPLEVEL_AWAIT);
  ls_vm_free (vm);
}

static void
test_annotations (void)
{
  LsVM *vm = ls_vm_new ();
  LsCode *code = compile_ok (vm,
                             "x: int = 1\n"
                             "class P:\n"
                             "    y: dict[str,  int]\n"
                             "def f():\n"
                             "    z: int = 2\n");
  LsCode *body = find_code (code, "P");
  gboolean found = FALSE;

  g_assert_true (uses_opcode (code, LS_OP_SETUP_ANNOTATIONS));
  g_assert_true (uses_opcode (body, LS_OP_SETUP_ANNOTATIONS));
  g_assert_false (uses_opcode (find_code (code, "f"), LS_OP_SETUP_ANNOTATIONS));
  for (int i = 0; i < body->n_consts; i++)
    if (LS_OBJ_IS (body->consts[i], LS_OBJ_STR)
        && strcmp (ls_str_cstr ((LsStr *) LS_AS_OBJ (body->consts[i])), "dict[str,  int]") == 0)
      found = TRUE;
  g_assert_true (found);
  ls_vm_free (vm);
}

static void
test_positions (void)
{
  LsVM *vm = ls_vm_new ();
  LsCode *code = compile_ok (vm, "x = [1]\nprint(x[0] +\n      f(x))\n");
  gboolean saw_call = FALSE, saw_binop = FALSE, saw_subscr = FALSE;

  for (int i = 0; i < code->n_code; i++)
    {
      LsPosition p = code->positions[i];

      switch (LS_OP (code->code[i]))
        {
        case LS_OP_BINARY_OP:
          g_assert_cmpint (p.line, ==, 2);
          g_assert_cmpint (p.end_line, ==, 3);
          g_assert_cmpint (p.col, ==, 6);
          g_assert_cmpint (p.end_col, ==, 10);
          saw_binop = TRUE;
          break;
        case LS_OP_BINARY_SUBSCR:
          g_assert_cmpint (p.line, ==, 2);
          g_assert_cmpint (p.col, ==, 6);
          g_assert_cmpint (p.end_col, ==, 10);
          saw_subscr = TRUE;
          break;
        case LS_OP_CALL:
          if (p.line == 3)
            {
              g_assert_cmpint (p.col, ==, 6);
              g_assert_cmpint (p.end_col, ==, 10);
              saw_call = TRUE;
            }
          break;
        default:
          break;
        }
    }
  g_assert_true (saw_call && saw_binop && saw_subscr);
  ls_vm_free (vm);
}

static int
count_opcode (LsCode   *code,
              LsOpcode  op)
{
  int n = 0;

  for (int i = 0; i < code->n_code; i++)
    n += LS_OP (code->code[i]) == op;
  return n;
}

static void
test_constant_folding (void)
{
  LsVM *vm = ls_vm_new ();
  LsCode *code = compile_ok (vm,
                             "a = 2 ** 10 - 1\n"
                             "b = '-' * 3 + 'x'\n"
                             "c = True + 1.5 / 2\n"
                             "d = 9223372036854775807 + 1\n"
                             "e = 1 // 0\n");

  /* only the overflowing and the failing operation are left for run time */
  g_assert_cmpint (count_opcode (code, LS_OP_BINARY_OP), ==, 2);
  ls_vm_free (vm);
}

/* A failing `as` target must reach __exit__ like an error in the body. */
static void
test_with_target (void)
{
  LsVM *vm = ls_vm_new ();
  LsCode *code = compile_ok (vm,
                             "with m as x:\n    pass\n"
                             "with m as (a, b):\n    pass\n"
                             "with m as o.attr, n as d[k]:\n    pass\n");

  verify_code (code);
  g_assert_cmpint (count_opcode (code, LS_OP_SETUP_FINALLY), ==, 4 * 2 + 3);
  ls_vm_free (vm);
}

/* ---------------------------------------------------- syntax errors */

typedef struct
{
  const char *src;
  const char *msg;
  int         lineno;
  int         offset;
  int         end_offset;
} ErrorCase;

/* Each message, line and offset is what python3.11 reports for the source. */
static const ErrorCase error_cases[] = {
  { "return 1", "'return' outside function", 1, 1, 9 },
  { "class C:\n    return 1", "'return' outside function", 2, 5, 13 },
  { "break", "'break' outside loop", 1, 1, 6 },
  { "continue", "'continue' not properly in loop", 1, 1, 9 },
  { "def f():\n    yield 1\nyield 2", "'yield' outside function", 3, 1, 8 },
  { "await x", "'await' outside function", 1, 1, 8 },
  { "def f():\n    await x", "'await' outside async function", 2, 5, 12 },
  { "def f():\n    [await x for x in y]",
    "asynchronous comprehension outside of an asynchronous function", 2, 5, 25 },
  { "def f():\n    [x async for x in y]",
    "asynchronous comprehension outside of an asynchronous function", 2, 5, 25 },
  { "[x async for x in y]",
    "asynchronous comprehension outside of an asynchronous function", 1, 1, 21 },
  { "def f():\n    nonlocal x", "no binding for nonlocal 'x' found", 2, 5, 15 },
  { "nonlocal x", "nonlocal declaration not allowed at module level", 1, 1, 11 },
  { "def f():\n    x = 1\n    global x",
    "name 'x' is assigned to before global declaration", 3, 5, 13 },
  { "def f():\n    print(x)\n    global x",
    "name 'x' is used prior to global declaration", 3, 5, 13 },
  { "def f(x):\n    global x", "name 'x' is parameter and global", 2, 5, 13 },
  { "def f():\n    global x\n    nonlocal x", "name 'x' is nonlocal and global", 2, 5, 13 },
  { "def f():\n    x: int = 1\n    global x", "annotated name 'x' can't be global", 3, 5, 13 },
  { "*a = 1", "starred assignment target must be in a list or tuple", 1, 1, 3 },
  { "a, *b, *c = x", "multiple starred expressions in assignment", 1, 1, 10 },
  { "x = *a", "can't use starred expression here", 1, 5, 7 },
  { "async def f():\n    yield 1\n    return 2", "'return' with value in async generator", 3, 5, 13 },
  { "def f(a, a): pass", "duplicate argument 'a' in function definition", 1, 10, 11 },
  { "try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass",
    "default 'except:' must be last", 3, 1, 8 },
  { "for x in y:\n    try:\n        pass\n    except* E:\n        break",
    "'break', 'continue' and 'return' cannot appear in an except* block", 5, 9, 14 },
  { "def f():\n    try:\n        pass\n    except* E:\n        return 1",
    "'break', 'continue' and 'return' cannot appear in an except* block", 5, 16, 17 },
  { "async for x in y: pass", "'async for' outside async function", 1, 1, 23 },
  { "async with x: pass", "'async with' outside async function", 1, 1, 19 },
  { "def f():\n    async for x in y: pass", "'async for' outside async function", 2, 5, 27 },
  { "def f():\n    x = [(yield 1) for y in z]", "'yield' inside list comprehension", 2, 11, 18 },
  { "def f():\n    x = ((yield 1) for y in z)", "'yield' inside generator expression", 2, 11, 18 },
  { "async def f():\n    yield from x", "'yield from' inside async function", 2, 5, 17 },
  { "def f():\n    lambda: await x", "'await' outside async function", 2, 13, 20 },
  { "class C:\n    await x", "'await' outside function", 2, 5, 12 },
  { "def f():\n  class C:\n    [(y := 1) for x in z]",
    "assignment expression within a comprehension cannot be used in a class body", 3, 7, 8 },
  { "[(x := 1) for x in z]",
    "assignment expression cannot rebind comprehension iteration variable 'x'", 1, 3, 4 },
  { "def f():\n    x = 1\n    def g():\n        nonlocal x\n        global x",
    "name 'x' is nonlocal and global", 4, 9, 19 },
  { "def f():\n    from os import *", "import * only allowed at module level", 2, 20, 21 },
  { "class C:\n    nonlocal x", "no binding for nonlocal 'x' found", 2, 5, 15 },
  { "def f():\n    class C:\n        x = 1\n        def g():\n            nonlocal x",
    "no binding for nonlocal 'x' found", 5, 13, 23 },
  { "def f(): \n  'é'; nonlocal ééé", "no binding for nonlocal 'ééé' found", 2, 9, 24 },
  { "x.y += await z", "'await' outside function", 1, 8, 15 },
  { "f(a=1, a=2)", "keyword argument repeated: a", 1, 8, 11 },
  /* Loopscope's own limits */
  { "x = 12345678901234567890123", "integer literal too large for Loopscope (64-bit ints)", 1, 5, 28 },
  { "class C(metaclass=M):\n    pass", "class keyword arguments are not supported", 1, 9, 20 },
};

static void
test_syntax_errors (void)
{
  LsVM *vm = ls_vm_new ();

  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      const ErrorCase *ec = &error_cases[i];
      g_autoptr (LsSyntaxError) err = NULL;
      LsCode *code = ls_compile_source (vm, "prog.py", ec->src, strlen (ec->src), 0, &err);

      if (code != NULL || err == NULL)
        g_error ("no SyntaxError for:\n%s", ec->src);
      if (strcmp (err->msg, ec->msg) != 0 || err->lineno != ec->lineno
          || err->offset != ec->offset || err->end_offset != ec->end_offset)
        g_error ("for:\n%s\ngot %s %d:%d-%d, expected %s %d:%d-%d", ec->src,
                 err->msg, err->lineno, err->offset, err->end_offset,
                 ec->msg, ec->lineno, ec->offset, ec->end_offset);
      g_assert_cmpstr (err->type, ==, "SyntaxError");
      g_assert_cmpstr (err->filename, ==, "prog.py");
      g_assert_nonnull (err->text);
    }
  ls_vm_free (vm);
}

static void
test_error_text (void)
{
  LsVM *vm = ls_vm_new ();
  g_autoptr (LsSyntaxError) err = NULL;
  const char *src = "x = 1\nif x:\n    break\n";

  g_assert_null (ls_compile_source (vm, "prog.py", src, strlen (src), 0, &err));
  g_assert_cmpstr (err->text, ==, "    break");
  g_assert_cmpint (err->lineno, ==, 3);
  g_assert_cmpint (err->offset, ==, 5);
  ls_vm_free (vm);
}

/* --------------------------------------------------------- the corpus */

static void
compile_corpus_dir (LsVM       *vm,
                    const char *dir,
                    int        *count)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *src = NULL;
      gsize len;
      g_autoptr (LsSyntaxError) err = NULL;
      LsCode *code;

      if (!g_str_has_suffix (name, ".py"))
        continue;
      path = g_build_filename (dir, name, NULL);
      g_assert_true (g_file_get_contents (path, &src, &len, NULL));
      code = ls_compile_source (vm, name, src, len, LS_COMPILE_DEFAULT, &err);
      if (code == NULL)
        {
          /* a program may check its own SyntaxError; that must match CPython's */
          g_autofree char *err_path = g_strdup_printf ("%.*s.err", (int) strlen (path) - 3, path);
          g_autofree char *expected = NULL;

          if (err && g_file_get_contents (err_path, &expected, NULL, NULL)
              && strstr (expected, err->msg))
            continue;
          g_error ("%s: %s at line %d", path, err ? err->msg : "?", err ? err->lineno : 0);
        }
      verify_code (code);
      (*count)++;
    }
}

static void
test_corpus (void)
{
  LsVM *vm = ls_vm_new ();
  g_autofree char *local = g_test_build_filename (G_TEST_DIST, "..", "conformance", NULL);
  g_autofree char *shared = g_test_build_filename (G_TEST_DIST, "..", "..", "..", "shared",
                                                   "conformance", NULL);
  int count = 0;

  if (!g_file_test (local, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("tests/conformance not found: run under meson test or set G_TEST_SRCDIR");
      ls_vm_free (vm);
      return;
    }
  compile_corpus_dir (vm, local, &count);
  compile_corpus_dir (vm, shared, &count);
  g_test_message ("%d programs compiled", count);
  g_assert_cmpint (count, >, 0);
  ls_vm_free (vm);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lang/compiler/disasm/function", test_disasm_function);
  g_test_add_func ("/lang/compiler/disasm/closure", test_disasm_closure);
  g_test_add_func ("/lang/compiler/disasm/loop", test_disasm_loop);
  g_test_add_func ("/lang/compiler/disasm/try", test_disasm_try);
  g_test_add_func ("/lang/compiler/flags-and-names", test_flags_and_names);
  g_test_add_func ("/lang/compiler/class-cell", test_class_cell_only_when_needed);
  g_test_add_func ("/lang/compiler/captured-parameter", test_captured_parameter);
  g_test_add_func ("/lang/compiler/walrus-comprehension", test_walrus_in_comprehension);
  g_test_add_func ("/lang/compiler/mangling", test_mangling);
  g_test_add_func ("/lang/compiler/toplevel-await", test_toplevel_await);
  g_test_add_func ("/lang/compiler/annotations", test_annotations);
  g_test_add_func ("/lang/compiler/positions", test_positions);
  g_test_add_func ("/lang/compiler/constant-folding", test_constant_folding);
  g_test_add_func ("/lang/compiler/with-target", test_with_target);
  g_test_add_func ("/lang/compiler/syntax-errors", test_syntax_errors);
  g_test_add_func ("/lang/compiler/syntax-error-text", test_error_text);
  g_test_add_func ("/lang/compiler/corpus", test_corpus);

  return g_test_run ();
}
