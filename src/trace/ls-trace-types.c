/* ls-trace-types.c: names of the trace's enumerations and time conversions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ls-trace-types.h"

#include <math.h>
#include <string.h>

G_DEFINE_QUARK (ls-trace-error-quark, ls_trace_error)

/* Each table is indexed by its enum; the strings are the on-disk format. */
static const char * const state_names[LS_TRACE_N_STATES] = {
  "running", "ready", "ready-late", "sleeping", "await-task", "await-future",
  "await-gather", "queue-get", "queue-put", "semaphore", "lock", "event",
  "condition", "barrier", "io", "blocking", "done",
};

static const char * const task_kind_names[LS_TRACE_N_TASK_KINDS] = {
  "task", "main", "internal",
};

static const char * const end_names[LS_TRACE_N_ENDS] = {
  "running", "done", "cancelled", "failed",
};

static const char * const object_kind_names[LS_TRACE_N_OBJECT_KINDS] = {
  "queue", "lifo-queue", "priority-queue", "semaphore", "bounded-semaphore",
  "lock", "event", "condition", "barrier", "future", "taskgroup", "gather",
};

static const char * const flow_kind_names[LS_TRACE_N_FLOW_KINDS] = {
  "await", "wake", "cancel", "timeout", "spawn",
};

static const char * const stream_names[LS_TRACE_N_STREAMS] = {
  "stdout", "stderr",
};

static const char * const instant_kind_names[LS_TRACE_N_INSTANT_KINDS] = {
  "cancel", "timeout", "exception", "custom",
};

static const char *
name_of (const char * const *names,
         guint               n_names,
         guint               value)
{
  return value < n_names ? names[value] : NULL;
}

static gboolean
value_of (const char * const *names,
          guint               n_names,
          const char         *str,
          guint              *value)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (strcmp (names[i], str) == 0)
        {
          *value = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* One to_string/from_string pair per enumeration, all alike. */
#define NAMED_ENUM(Type, prefix, table)                                  \
  const char *                                                           \
  prefix##_to_string (Type value)                                        \
  {                                                                      \
    return name_of (table, G_N_ELEMENTS (table), (guint) value);         \
  }                                                                      \
                                                                         \
  gboolean                                                               \
  prefix##_from_string (const char *str,                                 \
                        Type       *value)                               \
  {                                                                      \
    guint v;                                                             \
                                                                         \
    if (!value_of (table, G_N_ELEMENTS (table), str, &v))                \
      return FALSE;                                                      \
    *value = (Type) v;                                                   \
    return TRUE;                                                         \
  }

NAMED_ENUM (LsTraceState, ls_trace_state, state_names)
NAMED_ENUM ( LsTraceTaskKind,
             ls_trace_task_kind,
             task_kind_names)
NAMED_ENUM ( LsTraceEnd,
             ls_trace_end,
             end_names)
NAMED_ENUM ( LsTraceObjectKind,
             ls_trace_object_kind,
             object_kind_names)
NAMED_ENUM ( LsTraceFlowKind,
             ls_trace_flow_kind,
             flow_kind_names)
NAMED_ENUM ( LsTraceStream,
             ls_trace_stream,
             stream_names)
NAMED_ENUM ( LsTraceInstantKind,
             ls_trace_instant_kind,
             instant_kind_names)

gboolean
ls_trace_state_waits_on_task (LsTraceState state)
{
  return state == LS_TRACE_STATE_AWAIT_TASK;
}

gint64
ls_trace_time_from_seconds (double seconds)
{
  double ns = seconds * 1e9;

  /* NaN fails both comparisons and lands on 0. */
  if (!(ns > 0))
    return 0;
  if (ns >= (double) LS_TRACE_TIME_MAX)
    return LS_TRACE_TIME_MAX;
  return (gint64) llround (ns);
}

double
ls_trace_time_to_seconds (gint64 time)
{
  return (double) time / 1e9;
}
