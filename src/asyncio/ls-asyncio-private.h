/* ls-asyncio-private.h: the runtime's objects (loop, handles, futures,
 * tasks) and what its files share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every runtime object is an LS_OBJ_CDATA whose payload is one of the structs
 * below. Python subclasses (the library's event loop class, gather's future)
 * are CDATA objects of the subclass with the same payload.
 */
#pragma once

#include "ls-asyncio.h"

G_BEGIN_DECLS

typedef struct _LsAsyncioState  LsAsyncioState;
typedef struct _LsAsyncioHandle LsAsyncioHandle;
typedef struct _LsAsyncioFuture LsAsyncioFuture;

/* ------------------------------------------------------------ the heap */

/* A binary min-heap on `when` with exactly the sift order of Python's heapq,
 * so equal deadlines pop in the order CPython pops them. */
typedef struct
{
  double   when;
  gpointer item;
} LsHeapEntry;

void      _ls_heap_push            (LsHeapEntry *heap,
                                    gsize       *len,
                                    LsHeapEntry  entry);      /* room for one more is the caller's */
LsHeapEntry _ls_heap_pop           (LsHeapEntry *heap,
                                    gsize       *len);        /* *len > 0 */
void      _ls_heap_heapify         (LsHeapEntry *heap,
                                    gsize        len);

/* ---------------------------------------------------------- handles */

typedef enum
{
  LS_HANDLE_CALL,          /* a(*b): b is a tuple */
  LS_HANDLE_CALL1,         /* a(b): a done callback and its future, without a tuple */
  LS_HANDLE_TASK_STEP,     /* a: the task, b: the exception to throw in, or UNDEF */
  LS_HANDLE_TASK_WAKEUP,   /* a: the task, b: the future it waited for */
  LS_HANDLE_SET_RESULT,    /* futures._set_result_unless_cancelled(a, b) (sleep's timer) */
  LS_HANDLE_RELEASE,       /* tasks._release_waiter(a): a.set_result(None) unless done */
} LsHandleKind;

struct _LsAsyncioHandle
{
  guint8   kind;
  guint8   cancelled;
  guint8   scheduled;     /* in the timer heap */
  guint8   is_timer;
  guint8   recycle;       /* the loop's own step/wake-up: nobody else sees it */
  double   when;
  LsValue  a, b;
  LsCData *loop;
};

/* ---------------------------------------------------------- futures */

typedef enum
{
  LS_FUT_PENDING,
  LS_FUT_CANCELLED,
  LS_FUT_FINISHED,
} LsFutureState;

typedef enum
{
  LS_CB_CALL,              /* fn(future) */
  LS_CB_WAKEUP,            /* fn is a task: its __wakeup(future) */
} LsCallbackKind;

typedef struct
{
  LsValue fn;
  guint8  kind;
} LsFutureCallback;

struct _LsAsyncioFuture
{
  guint8            state;
  guint8            blocking;          /* _asyncio_future_blocking */
  guint8            log_traceback;
  guint8            is_task;
  LsCData          *loop;
  LsValue           result;
  LsValue           exception;
  LsObj            *exception_tb;      /* its __traceback__ when it was set; NULL: None */
  LsObj            *cancelled_exc;     /* NULL: none (pointers: a task per 240 bytes) */
  LsValue           cancel_message;
  LsFutureCallback *callbacks;         /* ls_gc_realloc_buffer'ed */
  guint32           n_callbacks;
  guint32           cap_callbacks;

  /* Task only: a Future's payload ends here (Future's cdata_size) */
  LsValue           coro;
  LsValue           name;              /* str, or the int N while it is Task-N */
  LsObj            *fut_waiter;        /* NULL: none */
  gint32            num_cancels;
  guint8            must_cancel;
  guint8            log_destroy_pending;
  gint16            wait_state;        /* LsTraceState announced by _trace_wait, or -1 */
  gint32            trace_id;          /* -1: not traced */
  gint32            wait_detail;
  gint32            waiting_on;        /* trace object id of the current wait, or -1 */
  gint32            trace_line;        /* the line it stopped at while it does not run, or -1 */
  LsCData          *all_prev;          /* the state's list of pending tasks */
  LsCData          *all_next;
};

/* -------------------------------------------------------------- loop */

typedef enum
{
  LS_PHASE_START,          /* next: begin an iteration (_run_once's first half) */
  LS_PHASE_WAITING,        /* told the host to wait pending_wait seconds */
  LS_PHASE_TIMERS,         /* the wait is over: move due timers to ready */
  LS_PHASE_RUN,            /* running the iteration's ntodo callbacks */
} LsLoopPhase;

struct _LsAsyncioLoop
{
  LsAsyncioState *st;
  LsCData        *obj;              /* the loop object */

  LsCData       **ready;            /* ring buffer of handles (or objects whose payload
                                     * starts with one: sleep), and of tasks standing
                                     * for a plain step (no exception) */
  gsize           ready_head;
  gsize           ready_len;
  gsize           ready_cap;

  LsCData       **spare;            /* run step/wake-up handles, for reuse */
  gsize           n_spare;
  gsize           cap_spare;

  LsHeapEntry    *timers;           /* heap of TimerHandles */
  gsize           n_timers;
  gsize           cap_timers;
  gsize           timer_cancelled_count;

  guint8          phase;
  guint8          stopping;
  guint8          closed;
  guint8          running;
  guint8          debug;
  guint8          auto_advance;
  guint8          block_error;      /* would block forever: raise */
  gsize           ntodo;
  double          pending_wait;

  LsCData        *current_handle;   /* being run */
  LsCData        *stepping;         /* task whose step is suspended mid-way */
  LsValue         current_task;     /* UNDEF when none */
  LsValue         exception_handler;
  LsValue         loop_error;       /* exception that escaped the loop, UNDEF */
  LsValue         asyncgens;        /* list of async generators seen by firstiter */
  LsValue         old_firstiter;    /* the asyncgen hooks run_forever() replaced */
  LsValue         old_finalizer;
  LsValue         task_factory;
};

/* ----------------------------------------------------------- state */

struct _LsAsyncioState
{
  LsVM          *vm;
  LsTrace       *trace;
  LsCData       *obj;               /* the pinned state object */

  LsType        *state_type;
  LsType        *loop_type;
  LsType        *handle_type;
  LsType        *timer_handle_type;
  LsType        *future_type;
  LsType        *task_type;
  LsType        *yield_once_type;
  LsType        *sleep_type;
  LsType        *sleep_wrapper_type;

  /* from the library (_asyncio_core._setup) */
  LsValue        cancelled_error;
  LsValue        invalid_state_error;
  LsValue        future_repr;       /* Python helpers for the reprs */
  LsValue        task_repr;
  LsValue        handle_repr;
  LsValue        exception_handler; /* default_exception_handler(loop, context) */
  LsValue        wakeup_marker;     /* what _callbacks shows for a task's wakeup */
  LsValue        run_cb;            /* _run_until_complete_cb, for recognizing it */

  LsValue        running_loop;      /* UNDEF when no loop runs */
  LsValue        unretrieved;       /* list of futures that failed, maybe never looked at */
  gint64         task_counter;
  LsCData       *all_head;          /* pending tasks, oldest first */
  LsCData       *all_tail;
  gsize          n_pending_tasks;

  /* trace recording */
  gboolean       next_task_main;    /* the next task is asyncio.run()'s */
  double         late_since;        /* > 0 while a late timer callback runs */

  /* the host's output and time.sleep(), wrapped to record them */
  LsSleepFunc    sleep;
  LsWriteFunc    out_write;
  LsWriteFunc    err_write;
  gpointer       write_data;
  GString       *line[2];
};

#define LS_HANDLE(cd)  ((LsAsyncioHandle *) ls_cdata_payload (cd))
#define LS_FUTURE(cd)  ((LsAsyncioFuture *) ls_cdata_payload (cd))
#define LS_LOOP(cd)    ((LsAsyncioLoop *) ls_cdata_payload (cd))

/* ls-asyncio-module.c */
LsAsyncioState *_ls_asyncio_state         (LsVM *vm);
/* The exact CancelledError class, an instance (msg UNDEF/None: no args). */
LsValue   _ls_asyncio_cancelled_error     (LsAsyncioState *st, LsValue msg);
LsValue   _ls_asyncio_raise_invalid_state (LsAsyncioState *st, const char *fmt, ...) G_GNUC_PRINTF (2, 3);
gboolean  _ls_asyncio_is_cancelled_error  (LsAsyncioState *st, LsValue exc);
/* Logs like loop.call_exception_handler(): message plus the exception's traceback. */
void      _ls_asyncio_report              (LsAsyncioState *st, LsCData *loop, const char *message,
                                           LsValue exc, const char *key, LsValue obj);
/* The native type check helpers */
gboolean  _ls_asyncio_is_future           (LsAsyncioState *st, LsValue v);   /* Future or subclass (Task included) */
gboolean  _ls_asyncio_is_task             (LsAsyncioState *st, LsValue v);
gboolean  _ls_asyncio_is_loop             (LsAsyncioState *st, LsValue v);
double    _ls_asyncio_now                 (LsAsyncioState *st);
gboolean  _ls_asyncio_is_coroutine        (LsVM *vm, LsValue v);

/* ls-asyncio-handle.c */
void      _ls_asyncio_handle_init_types   (LsAsyncioState *st);
LsCData  *_ls_asyncio_handle_new          (LsAsyncioState *st, LsCData *loop, LsHandleKind kind,
                                           LsValue a, LsValue b, gboolean timer);
void      _ls_asyncio_handle_cancel       (LsCData *handle);

/* ls-asyncio-loop.c */
void      _ls_asyncio_loop_init_types     (LsAsyncioState *st);
void      _ls_asyncio_loop_trace          (LsVM *vm, LsAsyncioLoop *loop);
/* The handle (for a plain task step, the task itself: see the ready queue). */
LsCData  *_ls_asyncio_call_soon           (LsCData *loop, LsHandleKind kind, LsValue a, LsValue b);
LsCData  *_ls_asyncio_call_at             (LsCData *loop, double when, LsHandleKind kind,
                                           LsValue a, LsValue b);
void      _ls_asyncio_timer_cancelled     (LsCData *loop, LsCData *handle);
/* Puts timer (a TimerHandle, or an object whose payload starts with an
 * LsAsyncioHandle with is_timer set) in the heap for when. */
void      _ls_asyncio_schedule_timer      (LsCData *loop, LsCData *timer, double when);
/* Runs the loop to the end inline (no host call possible): FALSE on error. */
gboolean  _ls_asyncio_run_inline          (LsCData *loop);
/* run_forever's set-up and tear-down around the driving. */
LsValue   _ls_asyncio_loop_begin_run      (LsCData *loop);
void      _ls_asyncio_loop_end_run        (LsCData *loop);

/* ls-asyncio-future.c */
void      _ls_asyncio_future_init_types   (LsAsyncioState *st);
LsCData  *_ls_asyncio_future_new          (LsAsyncioState *st, LsCData *loop);
void      _ls_asyncio_future_init         (LsAsyncioFuture *f, LsCData *loop);
gboolean  _ls_asyncio_future_set_result   (LsAsyncioState *st, LsCData *fut, LsValue result);
gboolean  _ls_asyncio_future_set_exception(LsAsyncioState *st, LsCData *fut, LsValue exc);
gboolean  _ls_asyncio_future_cancel       (LsAsyncioState *st, LsCData *fut, LsValue msg);
void      _ls_asyncio_future_add_callback (LsAsyncioState *st, LsCData *fut, LsValue fn,
                                           LsCallbackKind kind);
/* fut.result(): the value, or LS_ERR with the exception raised. */
LsValue   _ls_asyncio_future_result       (LsAsyncioState *st, LsCData *fut);
LsValue   _ls_asyncio_make_cancelled_error(LsAsyncioState *st, LsCData *fut);
void      _ls_asyncio_future_trace        (LsVM *vm, LsCData *self);
/* Logs "Task exception was never retrieved" for loop's failed futures
 * nobody looked at (CPython does when it frees them; we do when the loop closes). */
void      _ls_asyncio_report_unretrieved  (LsAsyncioState *st, LsCData *loop);
void      _ls_asyncio_future_finalize     (LsVM *vm, LsCData *self);
/* A Future or Task (or a Python subclass of one): what the ready queue tells from handles by. */
gboolean  _ls_asyncio_is_future_cdata     (LsCData *cd);
/* Is v exactly a Future/Task made in C (no Python subclass methods to honour)? */
gboolean  _ls_asyncio_future_exact        (LsAsyncioState *st, LsValue v);

/* ls-asyncio-task.c */
void      _ls_asyncio_task_init_types     (LsAsyncioState *st);
LsCData  *_ls_asyncio_task_new            (LsAsyncioState *st, LsCData *loop, LsValue coro,
                                           LsValue name);
/* Runs a TASK_STEP/TASK_WAKEUP handle: FALSE when the step is suspended
 * (budget) and must be resumed by _ls_asyncio_task_resume. */
typedef enum
{
  LS_STEP_DONE,
  LS_STEP_SUSPENDED,
  LS_STEP_FATAL,       /* SystemExit/KeyboardInterrupt escaped: loop->loop_error */
} LsStepResult;
LsStepResult _ls_asyncio_task_step        (LsAsyncioState *st, LsCData *task, LsValue exc,
                                           gint64 budget);
LsStepResult _ls_asyncio_task_wakeup      (LsAsyncioState *st, LsCData *task, LsValue fut,
                                           gint64 budget);
LsStepResult _ls_asyncio_task_resume      (LsAsyncioState *st, LsCData *task, gint64 budget);
LsValue   _ls_asyncio_task_get_name       (LsAsyncioState *st, LsCData *task);
/* The task whose wake-up callback (for a foreign future) this is, or NULL. */
LsCData  *_ls_asyncio_wakeup_task         (LsValue callback);

/* ls-asyncio-sleep.c */
void      _ls_asyncio_sleep_init          (LsAsyncioState *st, LsDict *module_dict);
/* A Task repr's coroutine part for a native sleep(), or NULL for anything else. */
char     *_ls_asyncio_sleep_describe      (LsAsyncioState *st, LsValue v);

/* ls-asyncio-trace.c: recording (each a no-op without a trace) */
gint64    _ls_asyncio_trace_now           (LsAsyncioState *st);
void      _ls_asyncio_trace_task_new      (LsAsyncioState *st, LsCData *task);
void      _ls_asyncio_trace_task_state    (LsAsyncioState *st, LsCData *task, int state, int detail);
void      _ls_asyncio_trace_task_end      (LsAsyncioState *st, LsCData *task);
void      _ls_asyncio_trace_task_wait     (LsAsyncioState *st, LsCData *task, LsValue awaited);
/* fut completed: the tasks among its callbacks become ready. */
void      _ls_asyncio_trace_wake          (LsAsyncioState *st, LsCData *fut,
                                           const LsFutureCallback *cbs, guint n);
void      _ls_asyncio_trace_cancel        (LsAsyncioState *st, LsCData *task);
/* A timer callback runs late (the loop was blocked): wake-ups it causes are late since when. */
void      _ls_asyncio_trace_timer         (LsAsyncioState *st, LsCData *handle, gboolean start);
void      _ls_asyncio_trace_install       (LsAsyncioState *st);
void      _ls_asyncio_trace_module_init   (LsAsyncioState *st, LsDict *dict, LsValue data);

G_END_DECLS
