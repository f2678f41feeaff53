/* ls-opcodes.h: the bytecode shared by the compiler and the VM.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An instruction is one guint32 word: opcode in the low 8 bits, argument in
 * the high 24 bits (LS_OP/LS_ARG). Jump targets are absolute instruction
 * indices. Stack effects are written [before] -> [after], top of stack last.
 * UNDEF below means an LsValue with tag LS_V_UNDEF (a "null" slot).
 *
 * Exceptions use a per-frame block stack. SETUP_FINALLY pushes a handler
 * (target, stack level). When an exception propagates into a frame (raised by
 * an instruction there, or coming out of a callee), the VM first appends a
 * traceback entry for the frame at its current instruction (except for
 * RERAISE and RAISE_VARARGS 0, which keep the traceback as it is), then pops
 * the top block, truncates the stack to its level, pushes the exception and
 * jumps to the handler. With no block left, the frame is popped and the
 * exception moves to the caller.
 *
 * Each frame has a "handled exception" slot (what a bare `raise` re-raises
 * and what becomes __context__ of a new exception); when it is None, the VM
 * looks at the calling frames, as CPython's exception-info stack does.
 */
#pragma once

#include <glib.h>

#define LS_OP(word)        ((guint8) ((word) & 0xff))
#define LS_ARG(word)       ((guint32) ((word) >> 8))
#define LS_INSTR(op, arg)  ((guint32) (op) | ((guint32) (arg) << 8))
#define LS_ARG_MAX         0xffffff

#define LS_FOREACH_OPCODE(X) \
  /* stack manipulation */ \
  X (NOP)                 /* [] -> [] */ \
  X (POP_TOP)             /* [a] -> [] */ \
  X (COPY)                /* arg n>=1: [.. x (n-1 items)] -> [.. x ... x]: pushes the n-th item from the top */ \
  X (SWAP)                /* arg n>=2: swaps TOS with the n-th item from the top */ \
  X (PUSH_NULL)           /* [] -> [UNDEF] */ \
  \
  /* names */ \
  X (LOAD_CONST)          /* arg const index: [] -> [c] */ \
  X (LOAD_FAST)           /* arg local index: [] -> [v]; UnboundLocalError if UNDEF */ \
  X (STORE_FAST)          /* [v] -> [] */ \
  X (DELETE_FAST)         /* [] -> []; UnboundLocalError if UNDEF */ \
  X (LOAD_DEREF)          /* arg cell index (cells then frees): [] -> [cell contents]; NameError/UnboundLocalError if empty */ \
  X (STORE_DEREF)         /* [v] -> [] */ \
  X (DELETE_DEREF)        /* [] -> [] */ \
  X (LOAD_CLOSURE)        /* arg cell index: [] -> [the cell object itself] */ \
  X (LOAD_CLASSDEREF)     /* class body: name of freenames[arg - n_cells] in the namespace dict, else the cell */ \
  X (LOAD_GLOBAL)         /* arg name index: globals, then builtins; NameError "name 'x' is not defined" */ \
  X (STORE_GLOBAL) \
  X (DELETE_GLOBAL) \
  X (LOAD_NAME)           /* module/class body: locals dict, globals, builtins */ \
  X (STORE_NAME)          /* [v] -> []: into the frame's locals dict */ \
  X (DELETE_NAME) \
  X (LOAD_ATTR)           /* arg name: [obj] -> [obj.name] */ \
  X (STORE_ATTR)          /* arg name: [v, obj] -> []  (obj.name = v) */ \
  X (DELETE_ATTR)         /* arg name: [obj] -> [] */ \
  X (LOAD_METHOD)         /* arg name: [obj] -> [meth, obj] when obj's type has a plain function/native method `name` \
                             and the instance dict does not shadow it; else [UNDEF, obj.name] */ \
  X (LOAD_ASSERTION_ERROR) /* [] -> [AssertionError] */ \
  X (LOAD_BUILD_CLASS)    /* reserved */ \
  \
  /* operators */ \
  X (UNARY_NEGATIVE) \
  X (UNARY_POSITIVE) \
  X (UNARY_NOT)           /* [v] -> [bool] */ \
  X (UNARY_INVERT) \
  X (BINARY_OP)           /* arg LsBinOpKind (+ LS_BINOP_INPLACE for augmented): [a, b] -> [a op b] */ \
  X (COMPARE_OP)          /* arg LsCmpOpKind (LT..GE): [a, b] -> [result] */ \
  X (IS_OP)               /* arg 0 `is`, 1 `is not`: [a, b] -> [bool] */ \
  X (CONTAINS_OP)         /* arg 0 `in`, 1 `not in`: [item, container] -> [bool] */ \
  X (BINARY_SUBSCR)       /* [obj, key] -> [obj[key]] */ \
  X (STORE_SUBSCR)        /* [v, obj, key] -> []  (obj[key] = v) */ \
  X (DELETE_SUBSCR)       /* [obj, key] -> [] */ \
  X (BUILD_SLICE)         /* arg 2 or 3: [start, stop(, step)] -> [slice] */ \
  \
  /* building */ \
  X (BUILD_TUPLE)         /* arg n: [a1..an] -> [tuple] */ \
  X (BUILD_LIST)          /* arg n */ \
  X (BUILD_SET)           /* arg n */ \
  X (BUILD_MAP)           /* arg n: [k1, v1, .. kn, vn] -> [dict] */ \
  X (BUILD_CONST_KEY_MAP) /* reserved */ \
  X (BUILD_STRING)        /* arg n: [s1..sn] -> [concatenation] */ \
  X (LIST_APPEND)         /* arg i: [.. list (i-1 items) v] -> [.. list ...]: list = stack[-i-1] after popping v */ \
  X (SET_ADD)             /* arg i: like LIST_APPEND */ \
  X (MAP_ADD)             /* arg i: [.. dict (i-1 items) k, v] -> [.. dict ...] */ \
  X (LIST_EXTEND)         /* arg i: [.. list (i-1 items) iterable] -> [..]  (for [*a, *b] and f(*a, *b)) */ \
  X (SET_UPDATE)          /* arg i: like LIST_EXTEND */ \
  X (DICT_UPDATE)         /* arg i: [.. dict (i-1) mapping] -> [..]  ({**a}) */ \
  X (DICT_MERGE)          /* arg i: like DICT_UPDATE but TypeError on duplicate keys (f(**a, **b)) \
                             "f() got multiple values for keyword argument 'x'" */ \
  X (LIST_TO_TUPLE)       /* [list] -> [tuple] */ \
  X (FORMAT_VALUE)        /* arg: (arg & 3) 0 none, 1 str, 2 repr, 3 ascii; (arg & 4) a spec is on the stack: \
                             [v (, spec)] -> [formatted str] */ \
  X (UNPACK_SEQUENCE)     /* arg n: [seq] -> [vn .. v1] (v1 on top); ValueError "not enough values to unpack \
                             (expected n, got m)" / "too many values to unpack (expected n)" */ \
  X (UNPACK_EX)           /* arg before | (after << 8): [seq] -> [v_after_last .. list_star .. v1] (v1 on top) */ \
  \
  /* control flow */ \
  X (JUMP)                /* arg target */ \
  X (POP_JUMP_IF_FALSE)   /* [v] -> [] ; jump if not truthy */ \
  X (POP_JUMP_IF_TRUE) \
  X (POP_JUMP_IF_NONE) \
  X (POP_JUMP_IF_NOT_NONE) \
  X (JUMP_IF_FALSE_OR_POP) /* [v] -> [v] and jump if falsy, else [] */ \
  X (JUMP_IF_TRUE_OR_POP) \
  X (GET_ITER)            /* [obj] -> [iter(obj)] */ \
  X (FOR_ITER)            /* arg target: [it] -> [it, next] or, when exhausted, [] and jump */ \
  X (RETURN_VALUE)        /* [v] -> return v from the frame */ \
  \
  /* calls and functions */ \
  X (CALL)                /* arg n: [func, a1..an] -> [result] */ \
  X (CALL_KW)             /* arg n (positional + keyword values): [func, a1..an, kwnames tuple] -> [result] */ \
  X (CALL_METHOD)         /* arg n: [meth_or_UNDEF, self_or_callable, a1..an] -> [result]; \
                             if the first slot is UNDEF, calls the second with a1..an; \
                             else calls the first with (self, a1..an) */ \
  X (CALL_METHOD_KW)      /* arg n: like CALL_METHOD with a kwnames tuple on top */ \
  X (CALL_EX)             /* arg flags (1: kwargs dict present): [func, args tuple (, kwargs dict)] -> [result] */ \
  X (MAKE_FUNCTION)       /* arg flags: [(defaults tuple if & 1) (kwdefaults dict if & 2) (closure tuple if & 8) code] \
                             -> [function]; name/qualname come from the code object */ \
  X (BUILD_CLASS)         /* arg n bases: [body_function, name, base1..basen] -> [class]. The VM calls the body \
                             with a fresh namespace dict as its locals (the body code has LS_CODE_CLASS_BODY; \
                             its __module__/__qualname__ are set by the body itself via STORE_NAME), creates the \
                             type, fills the __class__ cell the body returned (or None), then calls \
                             __set_name__ / the base's __init_subclass__. */ \
  X (SETUP_ANNOTATIONS)   /* module/class body: creates __annotations__ = {} in the locals dict if missing */ \
  \
  /* exceptions */ \
  X (SETUP_FINALLY)       /* arg handler target: pushes a block with the current stack level */ \
  X (POP_BLOCK)           /* pops the top block */ \
  X (PUSH_EXC_INFO)       /* [exc] -> [prev_handled, exc]; the frame's handled exception = exc */ \
  X (POP_EXCEPT)          /* [prev_handled] -> []; the frame's handled exception = prev_handled */ \
  X (CHECK_EXC_MATCH)     /* [exc, type_or_tuple] -> [exc, bool]; TypeError if type is not an exception class */ \
  X (CHECK_EG_MATCH)      /* except*: [eg, type] -> [rest, match]: match is the subgroup of eg matching type \
                             (a naked exception is wrapped in ExceptionGroup('', [exc]) first) or None; \
                             rest is what remains (None if nothing) */ \
  X (PREP_RERAISE_STAR)   /* [orig_eg, list_of_raised_or_unhandled] -> [exc_to_raise_or_None] */ \
  X (RAISE_VARARGS)       /* arg 0: re-raise the handled exception (RuntimeError "No active exception to \
                             reraise" if none); 1: [exc] raise; 2: [exc, cause] raise exc from cause */ \
  X (RERAISE)             /* [exc] -> raise exc without adding a traceback entry */ \
  X (WITH_EXCEPT_START)   /* [exit, prev, exc] -> [exit, prev, exc, exit(type(exc), exc, tb)] */ \
  X (BEFORE_WITH)         /* [mgr] -> [bound __exit__, mgr.__enter__()] */ \
  X (BEFORE_ASYNC_WITH)   /* [mgr] -> [bound __aexit__, mgr.__aenter__()] (result still to be awaited) */ \
  \
  /* generators and coroutines */ \
  X (YIELD_VALUE)         /* [v] -> suspend, yield v; on resume [sent value] */ \
  X (GET_AWAITABLE)       /* arg 0 plain await, 1 after __aenter__, 2 after __aexit__ (error texts differ): \
                             [obj] -> [iterator to delegate to] (coroutine itself, __await__() result, \
                             or a native awaitable) */ \
  X (GET_YIELD_FROM_ITER) /* [obj] -> [iter] for `yield from` */ \
  X (YIELD_FROM)          /* [iter, v] -> sends v into iter; if iter yields w, this frame yields w and, when \
                             resumed with x, re-executes YIELD_FROM with [iter, x]; when iter returns r: [r] */ \
  X (GET_AITER)           /* [obj] -> [obj.__aiter__()] */ \
  X (GET_ANEXT)           /* [aiter] -> [aiter, awaitable of aiter.__anext__()] */ \
  X (END_ASYNC_FOR)       /* [aiter, exc] -> [] if exc is StopAsyncIteration, else re-raise exc */ \
  \
  /* modules */ \
  X (IMPORT_NAME)         /* arg name: [] -> [module]  (`import a.b` pushes a) */ \
  X (IMPORT_FROM)         /* arg name: [module] -> [module, module.name]; ImportError "cannot import name 'x' \
                             from 'm' (unknown location)" */ \
  X (IMPORT_STAR)         /* [module] -> []: its public names (__all__, else those without a leading \
                             underscore) into the module namespace */

typedef enum
{
#define LS_OPCODE_ENUM(name) LS_OP_##name,
  LS_FOREACH_OPCODE (LS_OPCODE_ENUM)
#undef LS_OPCODE_ENUM
  LS_N_OPCODES
} LsOpcode;

/* MAKE_FUNCTION flags */
#define LS_MF_DEFAULTS    0x01
#define LS_MF_KWDEFAULTS  0x02
#define LS_MF_CLOSURE     0x08

/* FORMAT_VALUE flags */
#define LS_FV_CONV_MASK   0x03
#define LS_FV_STR         0x01
#define LS_FV_REPR        0x02
#define LS_FV_ASCII       0x03
#define LS_FV_HAVE_SPEC   0x04

const char *ls_opcode_name (LsOpcode op);
