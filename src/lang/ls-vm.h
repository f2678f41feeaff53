/* ls-vm.h: the interpreter's public API, for the CLI, the session and the
 * asyncio runtime.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Life of a program:
 *
 *   LsVM *vm = ls_vm_new ();
 *   ls_vm_set_output (vm, write_out, write_err, data);
 *   LsCode *code = ls_vm_compile (vm, "prog.py", source, -1, 0, &syntax_error);
 *   LsValue out;
 *   LsRunStatus s = ls_vm_run_main (vm, code, budget, &out);
 *   while (s == LS_RUN_SUSPENDED)          (the budget ran out: come back later)
 *     s = ls_vm_resume (vm, budget, &out);
 *   if (s == LS_RUN_ERROR)                 (uncaught exception in vm->exc)
 *     report = ls_format_exception (vm, vm->exc, NULL);
 *   ls_vm_free (vm);
 *
 * Budgets: every run takes an instruction budget (< 0: unlimited). When it
 * runs out, the VM stops at the next safe point between two instructions,
 * keeps its (heap) frames and returns LS_RUN_SUSPENDED; ls_vm_resume()
 * continues exactly there. Only the outermost run can suspend: bytecode run
 * by natives (a key function called by sorted(), a __repr__ called by
 * print()) always runs to completion. While a run is suspended, the VM may be
 * used for nothing but ls_vm_resume() / ls_vm_abandon() (and reading values).
 *
 * Driving coroutines (the asyncio runtime): a task step is
 *   ls_vm_gen_send (vm, coro, value, budget, &out)   or
 *   ls_vm_gen_throw (vm, coro, exc, budget, &out)
 * returning LS_RUN_YIELDED (out = the value the innermost await yielded, e.g.
 * a Future), LS_RUN_RETURNED (out = the coroutine's result), LS_RUN_ERROR or
 * LS_RUN_SUSPENDED (finish the step with ls_vm_resume()). `await` chains run
 * without C recursion: a send resumes the coroutine, which resumes the
 * coroutine it awaits, down to the innermost one. Natively implemented
 * awaitables take part through LsCDataClass.send/throw_.
 *
 * Top-level await: compile with LS_COMPILE_TOPLEVEL_AWAIT; when the module
 * code needs it (LS_CODE_TOPLEVEL_AWAIT), ls_vm_run_main() does not run the
 * body but returns LS_RUN_DONE with out = a coroutine object running it, to be
 * driven as the main task.
 *
 * GC: values held by the host across runs must be pinned (ls_gc_pin) or
 * reported by a roots callback (ls_gc_add_roots).
 */
#pragma once

#include "ls-lang.h"
#include "ls-parser.h"
#include "ls-compiler.h"

G_BEGIN_DECLS

typedef enum
{
  LS_RUN_DONE,        /* a module body finished (out = None, or the main coroutine) */
  LS_RUN_RETURNED,    /* a generator/coroutine step returned (out = its value) */
  LS_RUN_YIELDED,     /* a generator/coroutine step yielded (out = the value) */
  LS_RUN_ERROR,       /* an exception escaped: it is in vm->exc */
  LS_RUN_SUSPENDED,   /* the budget ran out: call ls_vm_resume() */
  LS_RUN_HOSTCALL,    /* a native asked the host for work (ls_vm_get_hostcall()):
                       * finish with ls_vm_resume_with_value/_exception() */
} LsRunStatus;

/* The default heap limit (MemoryError beyond it). */
#define LS_VM_DEFAULT_HEAP_LIMIT ((gsize) 1 << 30)

LsVM        *ls_vm_new                (void);
void         ls_vm_free               (LsVM *vm);

/* Where print() and sys.stdout/stderr go (default: the process's stdout/stderr). */
void         ls_vm_set_output         (LsVM        *vm,
                                       LsWriteFunc  out,
                                       LsWriteFunc  err,
                                       gpointer     user_data);
/* time.monotonic() and time.sleep(). The default is a virtual clock that
 * starts at 0.0 and that time.sleep() advances. */
void         ls_vm_set_clock          (LsVM        *vm,
                                       LsClockFunc  clock,
                                       LsSleepFunc  sleep,
                                       gpointer     user_data);
void         ls_vm_set_heap_limit     (LsVM        *vm,
                                       gsize        bytes);
void         ls_vm_set_recursion_limit(LsVM        *vm,
                                       int          limit);
/* The default virtual clock's time, and a way for the host to move it. */
double       ls_vm_get_virtual_time   (LsVM        *vm);
void         ls_vm_advance_virtual_time (LsVM      *vm,
                                       double       seconds);

/* Compiles a program; the source is remembered under filename for tracebacks.
 * len -1: NUL-terminated. Returns NULL with *error set on a syntax error. */
LsCode      *ls_vm_compile            (LsVM            *vm,
                                       const char      *filename,
                                       const char      *source,
                                       gssize           len,
                                       LsCompileFlags   flags,
                                       LsSyntaxError  **error);
/* Remembers a source text for tracebacks (ls_vm_compile does it itself). */
void         ls_vm_add_source         (LsVM        *vm,
                                       const char  *filename,
                                       const char  *source);
/* CPython's report of a syntax error ("  File ..., line N\n    text\n    ^\nSyntaxError: msg\n"). */
char        *ls_vm_format_syntax_error (const LsSyntaxError *error);

/* The __main__ module (created on first use). */
LsModule    *ls_vm_main_module        (LsVM        *vm);
/* Runs code as the body of __main__. */
LsRunStatus  ls_vm_run_main           (LsVM        *vm,
                                       LsCode      *code,
                                       gint64       budget,
                                       LsValue     *out);
/* Runs code as the body of the given module (any module dict). */
LsRunStatus  ls_vm_run_module         (LsVM        *vm,
                                       LsCode      *code,
                                       LsModule    *module,
                                       gint64       budget,
                                       LsValue     *out);

/* One step of a generator/coroutine (or any object with send()/throw()). */
LsRunStatus  ls_vm_gen_send           (LsVM        *vm,
                                       LsValue      gen,
                                       LsValue      value,
                                       gint64       budget,
                                       LsValue     *out);
LsRunStatus  ls_vm_gen_throw          (LsVM        *vm,
                                       LsValue      gen,
                                       LsValue      exc,
                                       gint64       budget,
                                       LsValue     *out);

/* Continues a suspended run. */
LsRunStatus  ls_vm_resume             (LsVM        *vm,
                                       gint64       budget,
                                       LsValue     *out);
gboolean     ls_vm_is_suspended       (LsVM        *vm);
/* Drops a suspended run: its frames are discarded and the generators running
 * in it are finished (no finally blocks run). */
void         ls_vm_abandon            (LsVM        *vm);

/* Host calls. A native called directly from bytecode of the outermost run
 * (ls_vm_can_hostcall() tells) may hand work to the host instead of doing it
 * nested: it returns ls_vm_request_hostcall (vm, request), the run stops with
 * LS_RUN_HOSTCALL, and the calling frame waits. Meanwhile the host may drive
 * coroutines (ls_vm_gen_send/throw stack their frames on top of the waiting
 * ones); it then continues the run as if the native had returned value (or
 * raised exc). asyncio.run() uses this so the event loop runs from the host,
 * not nested inside a native. */
gboolean     ls_vm_can_hostcall       (LsVM        *vm,
                                       LsNativeFn   fn);
LsValue      ls_vm_request_hostcall   (LsVM        *vm,
                                       LsValue      request);
gboolean     ls_vm_hostcall_pending   (LsVM        *vm);
/* The pending request (UNDEF when none). */
LsValue      ls_vm_get_hostcall       (LsVM        *vm);
LsRunStatus  ls_vm_resume_with_value  (LsVM        *vm,
                                       LsValue      value,
                                       gint64       budget,
                                       LsValue     *out);
LsRunStatus  ls_vm_resume_with_exception (LsVM     *vm,
                                       LsValue      exc,
                                       gint64       budget,
                                       LsValue     *out);

/* Where the innermost running Python frame is (filename, 1-based line, function
 * name); FALSE when no frame runs. The strings belong to the VM. */
gboolean     ls_vm_current_location   (LsVM         *vm,
                                       const char  **filename,
                                       int          *line,
                                       const char  **function);

/* The same for the innermost frame whose file name does not start with
 * skip_prefix: the program's code that called into a library ("<asyncio"). */
gboolean     ls_vm_user_location      (LsVM         *vm,
                                       const char   *skip_prefix,
                                       const char  **filename,
                                       int          *line,
                                       const char  **function);
/* The variable (or attribute) that frame is about to store the result of
 * the call it is in to (`sem = Semaphore(5)` gives "sem"), or NULL. */
const char  *ls_vm_user_store_target  (LsVM         *vm,
                                       const char   *skip_prefix);

/* Generators and coroutines, for the runtime (reprs, the timeline). */
gboolean     ls_gen_is_coroutine      (LsVM *vm, LsValue v);
gboolean     ls_gen_is_finished       (LsValue gen);
gboolean     ls_gen_is_running        (LsValue gen);
/* The code and current line (the first line when not started). */
LsCode      *ls_gen_get_code          (LsValue gen);
int          ls_gen_get_line          (LsValue gen);
/* The object a suspended coroutine is awaiting (its YIELD_FROM delegate), or UNDEF. */
LsValue      ls_gen_get_awaiting      (LsValue gen);

/* Like sys.set_asyncgen_hooks(): firstiter(agen) is called when an async
 * generator is first iterated (its first __anext__/asend/athrow/aclose);
 * finalizer(agen) is called, instead of closing it synchronously, when an
 * async generator left suspended by an `async for` that was exited early
 * (break, return, an exception) is dropped. UNDEF or None: no hook. */
void         ls_vm_set_asyncgen_hooks (LsVM     *vm,
                                       LsValue   firstiter,
                                       LsValue   finalizer);
void         ls_vm_get_asyncgen_hooks (LsVM     *vm,
                                       LsValue  *firstiter,
                                       LsValue  *finalizer);

/* Counts delta extra (or, negative, fewer) frames against the recursion
 * limit: a host running a task step adds the frames CPython's asyncio
 * machinery would have below the task (asyncio.run, run_until_complete,
 * run_forever, _run_once, Handle._run, Task.__step), so RecursionError
 * strikes at the same depth. Undo with the opposite delta. */
void         ls_vm_add_depth          (LsVM     *vm,
                                       int       delta);

/* SystemExit's exit status, like CPython's handling of an uncaught SystemExit:
 * returns TRUE when exc is a SystemExit, with *status set; *message gets a text
 * to print on stderr (g_free), or NULL. */
gboolean     ls_vm_system_exit_status (LsVM     *vm,
                                       LsValue   exc,
                                       int      *status,
                                       char    **message);

/* CPython's exit, for generators: the globals of __main__ are set to None
 * (in order) and every suspended generator nothing reaches any more is
 * closed (oldest first), so the
 * finally blocks of generators left half-way run (and print) as they do in
 * CPython at exit. Call once, after the program ended (and its traceback, if
 * any, was written), with no run suspended. */
void         ls_vm_finalize_main      (LsVM     *vm);

G_END_DECLS
