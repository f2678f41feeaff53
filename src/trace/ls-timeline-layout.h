/* ls-timeline-layout.h: turns a trace and a visible window into drawing
 * primitives (rects, lines, text runs). Backend-free, so the GTK widget and the
 * cairo exports paint exactly the same picture.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The picture, top to bottom: the time axis; one lane per task, each under the
 * task that created it (a parent's children can be collapsed into its lane);
 * counter tracks for the queues and semaphores (step charts of their series);
 * the state legend. Where a task ended, a mark says how: a tick (returned), a
 * cross (raised) or a slash (cancelled). Flow arrows (awaits, wake-ups, cancellations, timeouts)
 * join lanes; the playhead and the selected span are drawn on top.
 *
 * An LsTimelineLayout keeps what it derives from the trace between frames
 * (the lane tree, the counter tracks, each series' maximum) and updates it as
 * the trace grows, so a frame costs what is visible, not what was recorded.
 */
#pragma once

#include "ls-trace.h"

G_BEGIN_DECLS

/* Palette slots: one per state, then the chrome. */
typedef enum
{
  LS_TIMELINE_COLOR_STATE_FIRST = 0,
  LS_TIMELINE_COLOR_MIXED = LS_TRACE_N_STATES, /* a pixel holding several states */
  LS_TIMELINE_COLOR_LANE_BG,
  LS_TIMELINE_COLOR_LANE_BG_ALT,
  LS_TIMELINE_COLOR_GRID,
  LS_TIMELINE_COLOR_AXIS,
  LS_TIMELINE_COLOR_TEXT,
  LS_TIMELINE_COLOR_TEXT_DIM,
  LS_TIMELINE_COLOR_NOW,
  LS_TIMELINE_COLOR_HEADER_BG,     /* the task names column and the axis */
  LS_TIMELINE_COLOR_SELECTION,     /* the outline of the selected span */
  LS_TIMELINE_COLOR_FLOW,          /* await and wake-up arrows */
  LS_TIMELINE_COLOR_FLOW_CANCEL,   /* cancellation and timeout arrows */
  LS_TIMELINE_COLOR_COUNTER,       /* a counter track's first series, filled */
  LS_TIMELINE_COLOR_COUNTER_LINE,  /* its other series (waiters), as a line */
  LS_TIMELINE_COLOR_CAPACITY,      /* the capacity line of a counter track */
  LS_TIMELINE_COLOR_SUMMARY,       /* the lifetime of a collapsed lane's children */
  LS_TIMELINE_COLOR_END_DONE,      /* the tick where a task returned */
  LS_TIMELINE_COLOR_END_FAILED,    /* the cross where a task raised */
  LS_TIMELINE_COLOR_END_CANCELLED, /* the slash where a task was cancelled */
  LS_TIMELINE_N_COLORS
} LsTimelineColor;

typedef enum
{
  LS_TIMELINE_ALIGN_START,
  LS_TIMELINE_ALIGN_CENTER,
  LS_TIMELINE_ALIGN_END,
} LsTimelineAlign;

typedef struct
{
  float            x, y, w, h;
  LsTimelineColor  color;
  gint             task;       /* LS_TRACE_NO_ID for chrome */
} LsTimelineRect;

/* A line @width pixels wide; with @arrow, an arrowhead at (x1, y1). */
typedef struct
{
  float            x0, y0, x1, y1;
  LsTimelineColor  color;
  float            width;
  gboolean         arrow;
} LsTimelineLine;

typedef struct
{
  float            x, y;       /* top-left (START), top-centre (CENTER), top-right (END) */
  LsTimelineAlign  align;
  LsTimelineColor  color;
  float            max_width;  /* ellipsize beyond this; 0 for no limit */
  char            *text;
} LsTimelineText;

/* Measures @text in pixels as the painter will draw it; lets the layout place
 * legend entries without knowing the text backend. */
typedef float (*LsTimelineMeasureFunc) (const char *text,
                                        gpointer    user_data);

typedef struct
{
  gint64  t0, t1;              /* visible time range, ns; t1 > t0 */
  gint64  now;                 /* where open spans end; LS_TRACE_TIME_NONE: the trace's now */
  gint64  playhead;            /* the playhead line; LS_TRACE_TIME_NONE: none */
  float   width, height;
  float   lane_height;         /* a lane's height when all lanes fit */
  float   min_lane_height;     /* lanes shrink down to this before scrolling */
  float   counter_height;      /* a counter track's height */
  float   label_width;         /* task names on the left */
  float   axis_height;         /* time ticks on top */
  float   legend_height;       /* state legend at the bottom; 0 for none */
  float   text_height;         /* a line of label text */
  float   indent;              /* per level of task nesting */
  float   scroll_y;            /* pixels of lanes scrolled off the top */
  float   char_width;          /* average advance of a label character */
  gint    selected_task;       /* the selected span, drawn outlined; -1 for none */
  guint   selected_span;
  gint    focus_task;          /* hovered task: its flows are drawn when there are many; -1 */
  guint   max_flows;           /* more visible flows than this: only the focus task's */
  gboolean show_internal;      /* lanes for the loop's and library's own tasks */
  LsTimelineMeasureFunc measure;
  gpointer              measure_data;
} LsTimelineParams;

typedef enum
{
  LS_TIMELINE_ROW_TASK,
  LS_TIMELINE_ROW_COUNTER,
} LsTimelineRowKind;

/* A lane as laid out in the last computed frame. */
typedef struct
{
  LsTimelineRowKind  kind;
  gint               id;           /* task or object id */
  guint              depth;        /* nesting under the task's ancestors */
  guint              n_hidden;     /* descendants folded into a collapsed lane */
  gboolean           has_children;
  gboolean           collapsed;
} LsTimelineRow;

typedef struct
{
  GArray    *rects;            /* LsTimelineRect */
  GArray    *lines;            /* LsTimelineLine */
  GArray    *texts;            /* LsTimelineText */
  guint      n_lanes;          /* task lanes shown (collapsed children not counted) */
  guint      n_counters;       /* counter tracks */
  guint      n_spans_visited;  /* work done, for tests and benchmarks */
  guint      n_flows_drawn;
  float      lane_h;           /* a task lane's height in this frame (after compression) */
  float      lanes_top;        /* the lanes' area on screen... */
  float      lanes_bottom;
  float      content_height;   /* ...and the height of all lanes, for scrolling */
  float      max_scroll_y;
  float      counters_top;     /* the counter tracks' area */
  float      counter_h;
  guint      label_stride;     /* 1: every lane is named; n: every n-th */

  /*< private >*/
  gpointer   priv;
} LsTimelineLayout;

typedef enum
{
  LS_TIMELINE_HIT_NONE,
  LS_TIMELINE_HIT_AXIS,        /* the time axis: @time */
  LS_TIMELINE_HIT_HEADER,      /* a lane's name: @task, @disclosure when on its triangle */
  LS_TIMELINE_HIT_LANE,        /* a lane at @time where it has no span: @task */
  LS_TIMELINE_HIT_SPAN,        /* @task's span @span */
  LS_TIMELINE_HIT_COUNTER,     /* a counter track: @object at @time */
  LS_TIMELINE_HIT_LEGEND,
} LsTimelineHitKind;

typedef struct
{
  LsTimelineHitKind  kind;
  gint               task;
  guint              span;
  gint               object;
  gint64             time;
  gboolean           disclosure;
} LsTimelineHit;

void              ls_timeline_params_init        (LsTimelineParams       *params);

LsTimelineLayout *ls_timeline_layout_new         (void);
void              ls_timeline_layout_free        (LsTimelineLayout       *self);
void              ls_timeline_layout_clear       (LsTimelineLayout       *self);
/* Forgets what was derived from a trace (call it when showing another one):
 * the lane tree, the collapsed lanes, the counter tracks. */
void              ls_timeline_layout_reset       (LsTimelineLayout       *self);
void              ls_timeline_layout_compute     (LsTimelineLayout       *self,
                                                  LsTrace                *trace,
                                                  const LsTimelineParams *params);

/* Collapsing a lane folds its descendants into it. Takes effect at the next
 * compute. */
void              ls_timeline_layout_set_collapsed (LsTimelineLayout     *self,
                                                    gint                  task,
                                                    gboolean              collapsed);
gboolean          ls_timeline_layout_get_collapsed (LsTimelineLayout     *self,
                                                    gint                  task);

/* The lanes of the last computed frame, top to bottom (task lanes, then
 * counter tracks). */
guint             ls_timeline_layout_get_n_rows  (LsTimelineLayout       *self);
const LsTimelineRow *ls_timeline_layout_get_row  (LsTimelineLayout       *self,
                                                  guint                   index);
/* The index of the lane showing @task (its collapsed ancestor's when hidden),
 * or -1. */
gint              ls_timeline_layout_task_row    (LsTimelineLayout       *self,
                                                  gint                    task);

/* Pixel <-> time within the lanes area. */
double            ls_timeline_params_time_to_x   (const LsTimelineParams *params,
                                                  gint64                  time);
gint64            ls_timeline_params_x_to_time   (const LsTimelineParams *params,
                                                  double                  x);

/* What is under (@x, @y) in the last frame computed with @params. Returns
 * @hit->kind != LS_TIMELINE_HIT_NONE. */
gboolean          ls_timeline_layout_hit         (LsTimelineLayout       *self,
                                                  LsTrace                *trace,
                                                  const LsTimelineParams *params,
                                                  double                  x,
                                                  double                  y,
                                                  LsTimelineHit          *hit);

/* Picks a tick step (ns) of 1, 2 or 5 times a power of ten giving ticks at
 * least @min_px apart. */
gint64            ls_timeline_tick_step          (gint64                  span,
                                                  double                  width,
                                                  double                  min_px);
/* "250 ms", "1.5 s": formats @time for a tick step of @step, in the largest
 * unit that shows the step with at most three decimals. */
char             *ls_timeline_format_time        (gint64                  time,
                                                  gint64                  step);
/* "1.25 s", "300 µs": a duration with three significant digits. */
char             *ls_timeline_format_duration    (gint64                  duration);

/* RGBA in 0..1 for @color; Okabe-Ito based, so it is colour-blind safe. */
void              ls_timeline_color_rgba         (LsTimelineColor         color,
                                                  gboolean                dark,
                                                  float                   rgba[4]);
const char       *ls_timeline_state_label        (LsTraceState            state);
/* "returned", "raised", "cancelled": how a task ended, as the legend says it. */
const char       *ls_timeline_end_label          (LsTraceEnd              end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsTimelineLayout, ls_timeline_layout_free)

G_END_DECLS
