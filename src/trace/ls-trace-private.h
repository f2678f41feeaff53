/* ls-trace-private.h: what the exporter and importer share, and raw appends
 * for the importer, which restores a saved trace exactly instead of replaying
 * it through the state machine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each returns FALSE, changing nothing, when the record would break an
 * invariant of the model (times out of order, unknown ids).
 */
#pragma once

#include "ls-trace.h"

G_BEGIN_DECLS

/* The version of the "loopscope" member of exported JSON; the importer refuses
 * newer ones. Raise it when old Loopscopes would misread a new file. */
#define LS_TRACE_FORMAT_VERSION 1

/* The trace's own copy of @str (NULL for NULL), valid as long as the trace. */
const char *_ls_trace_intern         (LsTrace         *self,
                                      const char      *str);

/* A task without any span yet. */
gint     _ls_trace_add_task_raw      (LsTrace         *self,
                                      gint64           created,
                                      const char      *name,
                                      gint             parent,
                                      LsTraceTaskKind  kind,
                                      guint            line);
/* @start must be after the task's last span start and not before its creation. */
gboolean _ls_trace_task_append_span  (LsTrace         *self,
                                      gint             task,
                                      gint64           start,
                                      LsTraceState     state,
                                      gint             detail,
                                      guint            line);
/* @ended must be after the last span's start. */
gboolean _ls_trace_task_finish       (LsTrace         *self,
                                      gint             task,
                                      gint64           ended,
                                      LsTraceEnd       end,
                                      const char      *exception);
gboolean _ls_trace_task_append_step  (LsTrace         *self,
                                      gint             task,
                                      gint64           time,
                                      guint            line);
/* Times must not decrease; a sample at the last time replaces it. */
gboolean _ls_trace_series_append     (LsTrace         *self,
                                      gint             series,
                                      gint64           time,
                                      double           value);
/* Keeps @text as it is, trailing newline included. */
void     _ls_trace_add_console_raw   (LsTrace         *self,
                                      gint64           time,
                                      gint             task,
                                      LsTraceStream    stream,
                                      const char      *text);
void     _ls_trace_set_n_events      (LsTrace         *self,
                                      guint64          n_events);

G_END_DECLS
