/* ls-asyncio.h: the asyncio runtime on the interpreter: the modules `asyncio`
 * and `_asyncio_core`, and the API a host (the CLI, LsSession) drives the
 * event loop with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loop never runs nested inside the program's own code. asyncio.run(),
 * loop.run_until_complete() and loop.run_forever() are host calls: the VM run
 * that reaches one stops with LS_RUN_HOSTCALL, and the host drives the loop
 * in slices until it stops, then lets the program continue:
 *
 *   ls_asyncio_install (vm, trace);            (once, after ls_vm_new)
 *   s = ls_vm_run_main (vm, code, budget, &out);
 *   while (s == LS_RUN_HOSTCALL)
 *     {
 *       LsAsyncioLoop *loop = ls_asyncio_hostcall_loop (vm);
 *       double wait;
 *       LsAsyncioStatus d;
 *       while ((d = ls_asyncio_drive (loop, budget, 0, &wait)) != LS_ASYNCIO_STOPPED)
 *         ... SUSPENDED / SLICE: come back later; WAIT: see below ...
 *       s = ls_asyncio_finish_hostcall (vm, budget, &out);
 *     }
 *
 * (ls_asyncio_run_hostcall() does exactly that for a headless host.)
 *
 * Clocks: loop.time() reads the VM's clock (vm->clock, the virtual clock by
 * default). When nothing is ready, an auto-advancing loop (the default) moves
 * the virtual clock by exactly the time to the next timer, as CPython's
 * select() would have waited. A host that paces time itself turns that off
 * (ls_asyncio_loop_set_auto_advance): drive() then returns LS_ASYNCIO_WAIT
 * with the seconds to wait; once they have passed, the host calls
 * ls_asyncio_loop_end_wait() (which advances the virtual clock by exactly
 * that much, or not at all for a host that installed a real clock) and
 * drives again. The loop advances the clock itself only while the VM runs
 * its default virtual clock (clock_data == vm); with ls_vm_set_clock() the
 * host's clock is the loop's, and the host's sleep hook is time.sleep().
 *
 * Order at set-up: ls_vm_set_output() and ls_vm_set_clock() first, then
 * ls_asyncio_install(): with a trace, the runtime wraps the VM's output
 * (console lines, attributed to the running task) and time.sleep() (the
 * task is BLOCKING meanwhile).
 *
 * Budgets: a task step runs with the instruction budget given to drive();
 * when it runs out the step is suspended mid-way (LS_ASYNCIO_SUSPENDED) and
 * the next drive() resumes it; ls_asyncio_loop_abandon() drops it (Stop).
 * Top-level await: a module run that returns LS_RUN_DONE with a coroutine
 * continues with ls_asyncio_run_main_coroutine(), which starts a host call
 * like asyncio.run().
 */
#pragma once

#include "ls-lang.h"
#include "ls-vm.h"
#include "ls-trace.h"

G_BEGIN_DECLS

typedef struct _LsAsyncioLoop LsAsyncioLoop;

typedef enum
{
  LS_ASYNCIO_STOPPED,    /* the loop stopped: finish the host call */
  LS_ASYNCIO_SUSPENDED,  /* a task step used up its budget mid-step: drive again to go on */
  LS_ASYNCIO_SLICE,      /* max_callbacks callbacks ran; more are ready */
  LS_ASYNCIO_WAIT,       /* nothing ready: wait *wait seconds, then ls_asyncio_loop_end_wait() */
  LS_ASYNCIO_ERROR,      /* an exception escaped the loop; it stops (finish the host call) */
} LsAsyncioStatus;

/* Registers `asyncio` and `_asyncio_core` in vm. With a trace, the runtime
 * records into it, and prints are recorded as console lines (call
 * ls_vm_set_output() before this, not after). */
void             ls_asyncio_install           (LsVM          *vm,
                                               LsTrace       *trace);
LsTrace         *ls_asyncio_get_trace         (LsVM          *vm);

/* The loop a pending host call asks to run, or NULL when the request is
 * not the runtime's. */
LsAsyncioLoop   *ls_asyncio_hostcall_loop     (LsVM          *vm);

/* Runs the loop: whole loop iterations, callback by callback. budget bounds
 * the VM instructions of one task step (< 0: unlimited); max_callbacks, when
 * > 0, the callbacks run by this call. *wait (may be NULL) gets the seconds
 * to wait for LS_ASYNCIO_WAIT. */
LsAsyncioStatus  ls_asyncio_drive             (LsAsyncioLoop *loop,
                                               gint64         budget,
                                               guint          max_callbacks,
                                               double        *wait);
/* The wait drive() asked for is over; advance_clock: move the virtual clock
 * by exactly that time (FALSE when the host's clock moved by itself). */
void             ls_asyncio_loop_end_wait     (LsAsyncioLoop *loop,
                                               gboolean       advance_clock);
void             ls_asyncio_loop_set_auto_advance (LsAsyncioLoop *loop,
                                               gboolean       auto_advance);
/* loop.time() */
double           ls_asyncio_loop_time         (LsAsyncioLoop *loop);
/* The seconds until the earliest pending timer (-1: none); 0 when callbacks are ready. */
double           ls_asyncio_loop_next_deadline (LsAsyncioLoop *loop);
/* The task running (or suspended mid-step), or UNDEF. */
LsValue          ls_asyncio_loop_current_task (LsAsyncioLoop *loop);
/* Abandons a step suspended mid-way (Stop): its frames are dropped. */
void             ls_asyncio_loop_abandon      (LsAsyncioLoop *loop);

/* Ends the host call once drive() returned STOPPED or ERROR: the program
 * continues after run_forever() (or raises the loop's exception). */
LsRunStatus      ls_asyncio_finish_hostcall   (LsVM          *vm,
                                               gint64         budget,
                                               LsValue       *out);
/* For headless hosts: drives the pending host call's loop to the end with
 * auto-advancing virtual time, then finishes it (resuming suspensions). */
LsRunStatus      ls_asyncio_run_hostcall      (LsVM          *vm,
                                               gint64         budget,
                                               LsValue       *out);
/* Runs the coroutine of a top-level-await program as asyncio.run() would;
 * returns what the module run would (LS_RUN_DONE, ERROR, HOSTCALL...). */
LsRunStatus      ls_asyncio_run_main_coroutine (LsVM         *vm,
                                               LsValue        coro,
                                               gint64         budget,
                                               LsValue       *out);

G_END_DECLS
