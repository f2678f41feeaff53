/* ls-trace-types.h: the vocabulary of a trace (states, kinds, the records the
 * readers fill in) and the time unit, shared by the model, exporters and views.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times are gint64 nanoseconds from the start of the run (virtual or wall
 * clock). Integer times make contiguity exact: a span ends precisely where the
 * next one starts, and every export formats both from the same integer.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An end time that is not known yet: the span (or task) is still open and
 * extends to the trace's "now". */
#define LS_TRACE_TIME_NONE ((gint64) -1)

/* The largest time a trace accepts, about 104 days: every time stays exactly
 * representable as a double (JSON readers parse numbers as doubles). */
#define LS_TRACE_TIME_MAX ((gint64) 1 << 53)

/* No task, object or series. */
#define LS_TRACE_NO_ID (-1)

#define LS_TRACE_ERROR (ls_trace_error_quark ())

typedef enum
{
  LS_TRACE_ERROR_INVALID,       /* a malformed or inconsistent trace file */
  LS_TRACE_ERROR_UNSUPPORTED,   /* not a Loopscope trace, or a newer format */
} LsTraceError;

/* What a task is doing. A task's spans are contiguous; each has one of these. */
typedef enum
{
  LS_TRACE_STATE_RUNNING,
  LS_TRACE_STATE_READY,         /* scheduled, waiting for its turn in the ready queue */
  LS_TRACE_STATE_READY_LATE,    /* due, but the loop was blocked by another task */
  LS_TRACE_STATE_SLEEPING,
  LS_TRACE_STATE_AWAIT_TASK,    /* detail: the awaited task */
  LS_TRACE_STATE_AWAIT_FUTURE,  /* detail: the future object, or -1 */
  LS_TRACE_STATE_AWAIT_GATHER,  /* detail: the gather object, or -1 */
  LS_TRACE_STATE_QUEUE_GET,
  LS_TRACE_STATE_QUEUE_PUT,
  LS_TRACE_STATE_SEMAPHORE,
  LS_TRACE_STATE_LOCK,
  LS_TRACE_STATE_EVENT,
  LS_TRACE_STATE_CONDITION,
  LS_TRACE_STATE_BARRIER,
  LS_TRACE_STATE_IO,
  LS_TRACE_STATE_BLOCKING,      /* time.sleep() or a step that would not yield */
  LS_TRACE_STATE_DONE,          /* only as an argument: ends the task */
  LS_TRACE_N_STATES
} LsTraceState;

typedef enum
{
  LS_TRACE_TASK_KIND_TASK,
  LS_TRACE_TASK_KIND_MAIN,      /* the coroutine given to asyncio.run() */
  LS_TRACE_TASK_KIND_INTERNAL,  /* created by the loop or library, not the program */
  LS_TRACE_N_TASK_KINDS
} LsTraceTaskKind;

typedef enum
{
  LS_TRACE_END_RUNNING,         /* not ended yet */
  LS_TRACE_END_DONE,
  LS_TRACE_END_CANCELLED,
  LS_TRACE_END_FAILED,
  LS_TRACE_N_ENDS
} LsTraceEnd;

typedef enum
{
  LS_TRACE_OBJECT_QUEUE,
  LS_TRACE_OBJECT_LIFO_QUEUE,
  LS_TRACE_OBJECT_PRIORITY_QUEUE,
  LS_TRACE_OBJECT_SEMAPHORE,
  LS_TRACE_OBJECT_BOUNDED_SEMAPHORE,
  LS_TRACE_OBJECT_LOCK,
  LS_TRACE_OBJECT_EVENT,
  LS_TRACE_OBJECT_CONDITION,
  LS_TRACE_OBJECT_BARRIER,
  LS_TRACE_OBJECT_FUTURE,
  LS_TRACE_OBJECT_TASKGROUP,
  LS_TRACE_OBJECT_GATHER,
  LS_TRACE_N_OBJECT_KINDS
} LsTraceObjectKind;

typedef enum
{
  LS_TRACE_FLOW_AWAIT,          /* a task starts awaiting another */
  LS_TRACE_FLOW_WAKE,           /* a put/release/set/finish wakes a waiter */
  LS_TRACE_FLOW_CANCEL,         /* task.cancel() from one task to another */
  LS_TRACE_FLOW_TIMEOUT,        /* a timeout cancels its task */
  LS_TRACE_FLOW_SPAWN,          /* create_task(): parent to child */
  LS_TRACE_N_FLOW_KINDS
} LsTraceFlowKind;

typedef enum
{
  LS_TRACE_STREAM_STDOUT,
  LS_TRACE_STREAM_STDERR,
  LS_TRACE_N_STREAMS
} LsTraceStream;

typedef enum
{
  LS_TRACE_INSTANT_CANCEL,
  LS_TRACE_INSTANT_TIMEOUT,
  LS_TRACE_INSTANT_EXCEPTION,
  LS_TRACE_INSTANT_CUSTOM,
  LS_TRACE_N_INSTANT_KINDS
} LsTraceInstantKind;

/* The records below are filled in by LsTrace's getters. Their strings belong to
 * the trace and live as long as it does. */

typedef struct
{
  gint             id;
  const char      *name;
  LsTraceTaskKind  kind;
  gint             parent;      /* LS_TRACE_NO_ID for none */
  gint64           created;
  gint64           ended;       /* LS_TRACE_TIME_NONE while running */
  LsTraceEnd       end;
  const char      *exception;   /* for LS_TRACE_END_FAILED; NULL otherwise */
  guint            line;        /* where it was created; 0 if unknown */
  guint            n_spans;
  guint            n_steps;
} LsTraceTask;

typedef struct
{
  gint64        start;
  gint64        end;            /* LS_TRACE_TIME_NONE: open, extends to "now" */
  LsTraceState  state;
  gint          detail;         /* the task (AWAIT_TASK) or object it waits on, or -1 */
  guint         line;
} LsTraceSpan;

typedef struct
{
  gint               id;
  LsTraceObjectKind  kind;
  const char        *label;     /* the variable it was first bound to; may be NULL */
  gint64             capacity;  /* maxsize, permits or parties; 0 = unbounded */
  gint64             created;
  guint              n_series;
} LsTraceObject;

typedef struct
{
  gint         id;
  gint         object;
  const char  *name;            /* "size", "free", "waiters"... */
  guint        n_samples;
} LsTraceSeries;

typedef struct
{
  LsTraceFlowKind  kind;
  gint             from_task;   /* LS_TRACE_NO_ID: the loop itself */
  gint             to_task;
  gint64           time_from;
  gint64           time_to;
  gint             object;      /* the object it passes through, or -1 */
} LsTraceFlow;

typedef struct
{
  gint64         time;
  gint           task;          /* LS_TRACE_NO_ID: printed outside any task */
  LsTraceStream  stream;
  const char    *text;          /* one line, without its newline */
} LsTraceConsoleLine;

typedef struct
{
  gint64              time;
  gint                task;
  LsTraceInstantKind  kind;
  const char         *text;     /* may be NULL */
} LsTraceInstant;

typedef struct
{
  guint   n_tasks;
  guint   n_spans;
  guint   n_steps;
  guint   n_objects;
  guint   n_series;
  guint   n_samples;
  guint   n_flows;
  guint   n_console;
  guint   n_instants;
  guint64 n_events;
  gint64  now;
  gsize   bytes;                /* memory held by the trace, approximately */
  gint64  state_time[LS_TRACE_N_STATES]; /* summed over tasks, open spans to now */
} LsTraceStats;

GQuark      ls_trace_error_quark              (void);

/* Stable names, used by the exports (and so by saved traces): never rename one. */
const char *ls_trace_state_to_string          (LsTraceState         state);
gboolean    ls_trace_state_from_string        (const char          *str,
                                               LsTraceState        *state);
const char *ls_trace_task_kind_to_string      (LsTraceTaskKind      kind);
gboolean    ls_trace_task_kind_from_string    (const char          *str,
                                               LsTraceTaskKind     *kind);
const char *ls_trace_end_to_string            (LsTraceEnd           end);
gboolean    ls_trace_end_from_string          (const char          *str,
                                               LsTraceEnd          *end);
const char *ls_trace_object_kind_to_string    (LsTraceObjectKind    kind);
gboolean    ls_trace_object_kind_from_string  (const char          *str,
                                               LsTraceObjectKind   *kind);
const char *ls_trace_flow_kind_to_string      (LsTraceFlowKind      kind);
gboolean    ls_trace_flow_kind_from_string    (const char          *str,
                                               LsTraceFlowKind     *kind);
const char *ls_trace_stream_to_string         (LsTraceStream        stream);
gboolean    ls_trace_stream_from_string       (const char          *str,
                                               LsTraceStream       *stream);
const char *ls_trace_instant_kind_to_string   (LsTraceInstantKind   kind);
gboolean    ls_trace_instant_kind_from_string (const char          *str,
                                               LsTraceInstantKind  *kind);

/* TRUE when a span in @state waits on a task (its detail is a task id) rather
 * than on an object. */
gboolean    ls_trace_state_waits_on_task      (LsTraceState         state);

/* Converts the loop's clock (float seconds) to trace time, rounding to the
 * nearest nanosecond and clamping to [0, LS_TRACE_TIME_MAX]. */
gint64      ls_trace_time_from_seconds        (double               seconds);
double      ls_trace_time_to_seconds          (gint64               time);

G_END_DECLS
