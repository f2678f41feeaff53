/* ls-trace.h: LsTrace, the record of one run (design.md, "The trace"): tasks and
 * their contiguous state spans, synchronisation objects and their counters,
 * flows, console lines and instants.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The runtime appends; views and exports read while it grows. Storage is
 * columnar and append-only (no allocation per event, strings interned), so a
 * trace can stay on for millions of events. Not thread-safe: record and read
 * from one thread (the GLib main loop's).
 *
 * Ids are dense and handed out by the trace: tasks, objects and series each
 * count from 0 in creation order.
 */
#pragma once

#include <glib-object.h>

#include "ls-trace-types.h"

G_BEGIN_DECLS

#define LS_TYPE_TRACE (ls_trace_get_type ())

G_DECLARE_FINAL_TYPE (LsTrace, ls_trace, LS, TRACE, GObject)

LsTrace    *ls_trace_new                   (void);

/* Recording.
 *
 * Times must not go backwards per task, per series and per console/instant
 * table; a time earlier than the last one recorded there is moved up to it.
 * The trace never emits a signal while recording: call
 * ls_trace_flush_notify() (say once per frame) to let readers know.
 */

/* Adds a task, READY from @time. Returns its id. */
gint        ls_trace_add_task              (LsTrace            *self,
                                            gint64              time,
                                            const char         *name,
                                            gint                parent,
                                            LsTraceTaskKind     kind,
                                            guint               line);
/* As ls_trace_add_task(), named "Task-@number"; the name is only made when
 * it is read, since most never are. */
gint        ls_trace_add_numbered_task     (LsTrace            *self,
                                            gint64              time,
                                            guint64             number,
                                            gint                parent,
                                            LsTraceTaskKind     kind,
                                            guint               line);
void        ls_trace_task_set_name         (LsTrace            *self,
                                            gint                task,
                                            const char         *name);

/* Closes the task's open span at @time and opens one in @state. A span that
 * would last no time is replaced instead of kept; a RUNNING span replaced that
 * way is remembered as a "step" (the task ran at that instant, in no virtual
 * time). Setting the state the task is already in does nothing.
 * LS_TRACE_STATE_DONE ends the task as ls_trace_task_end() with
 * LS_TRACE_END_DONE. */
void        ls_trace_task_set_state        (LsTrace            *self,
                                            gint                task,
                                            gint64              time,
                                            LsTraceState        state,
                                            gint                detail,
                                            guint               line);
void        ls_trace_task_end              (LsTrace            *self,
                                            gint                task,
                                            gint64              time,
                                            LsTraceEnd          end,
                                            const char         *exception);

gint        ls_trace_add_object            (LsTrace            *self,
                                            gint64              time,
                                            LsTraceObjectKind   kind,
                                            const char         *label,
                                            gint64              capacity);
void        ls_trace_object_set_label      (LsTrace            *self,
                                            gint                object,
                                            const char         *label);

/* Returns the id of @object's series @name, adding it on first use. */
gint        ls_trace_add_series            (LsTrace            *self,
                                            gint                object,
                                            const char         *name);

/* Appends a sample. A sample at the time of the last one replaces it; a value
 * equal to the one in effect adds nothing (a series is a step function). */
void        ls_trace_series_sample         (LsTrace            *self,
                                            gint                series,
                                            gint64              time,
                                            double              value);
void        ls_trace_object_sample         (LsTrace            *self,
                                            gint                object,
                                            const char         *series,
                                            gint64              time,
                                            double              value);

void        ls_trace_add_flow              (LsTrace            *self,
                                            LsTraceFlowKind     kind,
                                            gint                from_task,
                                            gint                to_task,
                                            gint64              time_from,
                                            gint64              time_to,
                                            gint                object);

/* One line of output; a trailing newline is dropped. */
void        ls_trace_add_console           (LsTrace            *self,
                                            gint64              time,
                                            gint                task,
                                            LsTraceStream       stream,
                                            const char         *text);
void        ls_trace_add_instant           (LsTrace            *self,
                                            gint64              time,
                                            gint                task,
                                            LsTraceInstantKind  kind,
                                            const char         *text);

/* Moves "now" forward while nothing happens (the virtual clock jumps, paced
 * time flows); open spans extend to it. */
void        ls_trace_set_now               (LsTrace            *self,
                                            gint64              time);

/* The program the trace was recorded from, kept so a saved trace can show it. */
void        ls_trace_set_source            (LsTrace            *self,
                                            const char         *filename,
                                            const char         *source);

/* Emits "changed" if anything was recorded since the last call. */
void        ls_trace_flush_notify          (LsTrace            *self);

/* Reading. Getters return FALSE (and leave @out alone) for ids out of range. */

gint64      ls_trace_get_now               (LsTrace            *self);
guint64     ls_trace_get_n_events          (LsTrace            *self);
guint64     ls_trace_get_generation        (LsTrace            *self);
const char *ls_trace_get_filename          (LsTrace            *self);
const char *ls_trace_get_source            (LsTrace            *self);

guint       ls_trace_get_n_tasks           (LsTrace            *self);
gboolean    ls_trace_get_task              (LsTrace            *self,
                                            gint                task,
                                            LsTraceTask        *out);
const char *ls_trace_task_get_name         (LsTrace            *self,
                                            gint                task);

guint       ls_trace_task_get_n_spans      (LsTrace            *self,
                                            gint                task);
gboolean    ls_trace_task_get_span         (LsTrace            *self,
                                            gint                task,
                                            guint               index,
                                            LsTraceSpan        *out);

/* Finds the spans of @task that meet [@t0, @t1] (a span covers [start, end);
 * an open span reaches to infinity) by binary search. Returns FALSE if none. */
gboolean    ls_trace_task_spans_in_range   (LsTrace            *self,
                                            gint                task,
                                            gint64              t0,
                                            gint64              t1,
                                            guint              *first,
                                            guint              *last);
/* The span of @task covering @time, for tooltips. */
gboolean    ls_trace_task_span_at          (LsTrace            *self,
                                            gint                task,
                                            gint64              time,
                                            guint              *index);

/* For drawing a lane whose spans are narrower than a pixel: @task's state in
 * each of @n_columns equal columns of [@t0, @t1), RUNNING if it ran anywhere in
 * the column (a few spans sampled), else the state at the column's start;
 * LS_TRACE_N_STATES where the task did not exist (open spans end at @now).
 * Returns how many columns hold a state. One pass, no call per span. */
guint       ls_trace_task_column_states    (LsTrace            *self,
                                            gint                task,
                                            gint64              t0,
                                            gint64              t1,
                                            gint64              now,
                                            guint               n_columns,
                                            guint8             *states);

guint       ls_trace_task_get_n_steps      (LsTrace            *self,
                                            gint                task);
gboolean    ls_trace_task_get_step         (LsTrace            *self,
                                            gint                task,
                                            guint               index,
                                            gint64             *time,
                                            guint              *line);
gboolean    ls_trace_task_steps_in_range   (LsTrace            *self,
                                            gint                task,
                                            gint64              t0,
                                            gint64              t1,
                                            guint              *first,
                                            guint              *last);

guint       ls_trace_get_n_objects         (LsTrace            *self);
gboolean    ls_trace_get_object            (LsTrace            *self,
                                            gint                object,
                                            LsTraceObject      *out);
/* The ids of @object's series, in creation order; returns how many. */
guint       ls_trace_object_get_series     (LsTrace            *self,
                                            gint                object,
                                            gint               *series,
                                            guint               max_series);

guint       ls_trace_get_n_series          (LsTrace            *self);
gboolean    ls_trace_get_series            (LsTrace            *self,
                                            gint                series,
                                            LsTraceSeries      *out);
gboolean    ls_trace_series_get_sample     (LsTrace            *self,
                                            gint                series,
                                            guint               index,
                                            gint64             *time,
                                            double             *value);
/* @first is the sample in effect at @t0 (the last one at or before it) when
 * there is one, else the first after it; @last the last at or before @t1. */
gboolean    ls_trace_series_samples_in_range (LsTrace          *self,
                                              gint              series,
                                              gint64            t0,
                                              gint64            t1,
                                              guint            *first,
                                              guint            *last);

guint       ls_trace_get_n_flows           (LsTrace            *self);
gboolean    ls_trace_get_flow              (LsTrace            *self,
                                            guint               index,
                                            LsTraceFlow        *out);

guint       ls_trace_get_n_console         (LsTrace            *self);
gboolean    ls_trace_get_console           (LsTrace            *self,
                                            guint               index,
                                            LsTraceConsoleLine *out);
gboolean    ls_trace_console_in_range      (LsTrace            *self,
                                            gint64              t0,
                                            gint64              t1,
                                            guint              *first,
                                            guint              *last);

guint       ls_trace_get_n_instants        (LsTrace            *self);
gboolean    ls_trace_get_instant           (LsTrace            *self,
                                            guint               index,
                                            LsTraceInstant     *out);
gboolean    ls_trace_instants_in_range     (LsTrace            *self,
                                            gint64              t0,
                                            gint64              t1,
                                            guint              *first,
                                            guint              *last);

/* Totals and memory use; walks every span, so call it on demand, not per frame. */
void        ls_trace_get_stats             (LsTrace            *self,
                                            LsTraceStats       *stats);

G_END_DECLS
