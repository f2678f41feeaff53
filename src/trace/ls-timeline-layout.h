/* ls-timeline-layout.h: turns a trace and a visible window into drawing
 * primitives (rects, lines, text runs). Backend-free, so the GTK widget and the
 * cairo exports paint exactly the same picture.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
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
  LS_TIMELINE_N_COLORS
} LsTimelineColor;

typedef enum
{
  LS_TIMELINE_ALIGN_START,
  LS_TIMELINE_ALIGN_CENTER,
} LsTimelineAlign;

typedef struct
{
  float            x, y, w, h;
  LsTimelineColor  color;
  gint             task;       /* LS_TRACE_NO_ID for chrome */
} LsTimelineRect;

typedef struct
{
  float            x0, y0, x1, y1;
  LsTimelineColor  color;
} LsTimelineLine;

typedef struct
{
  float            x, y;       /* top-left (START) or top-centre (CENTER) */
  LsTimelineAlign  align;
  LsTimelineColor  color;
  char            *text;
} LsTimelineText;

typedef struct
{
  gint64  t0, t1;              /* visible time range, ns; t1 > t0 */
  gint64  now;                 /* where open spans end; LS_TRACE_TIME_NONE: the trace's now */
  float   width, height;
  float   lane_height;
  float   label_width;         /* task names on the left */
  float   axis_height;         /* time ticks on top */
  float   legend_height;       /* state legend at the bottom; 0 for none */
  float   scroll_y;            /* pixels of lanes scrolled off the top */
  float   char_width;          /* average advance of a label character, for the legend */
} LsTimelineParams;

typedef struct
{
  GArray    *rects;            /* LsTimelineRect */
  GArray    *lines;            /* LsTimelineLine */
  GArray    *texts;            /* LsTimelineText */
  guint      n_lanes;
  guint      n_spans_visited;  /* work done, for tests and benchmarks */
} LsTimelineLayout;

void              ls_timeline_params_init        (LsTimelineParams       *params);

LsTimelineLayout *ls_timeline_layout_new         (void);
void              ls_timeline_layout_free        (LsTimelineLayout       *self);
void              ls_timeline_layout_clear       (LsTimelineLayout       *self);
void              ls_timeline_layout_compute     (LsTimelineLayout       *self,
                                                  LsTrace                *trace,
                                                  const LsTimelineParams *params);

/* Pixel <-> time within the lanes area. */
double            ls_timeline_params_time_to_x   (const LsTimelineParams *params,
                                                  gint64                  time);
gint64            ls_timeline_params_x_to_time   (const LsTimelineParams *params,
                                                  double                  x);

/* The task lane and span under (@x, @y); FALSE over chrome or empty time. */
gboolean          ls_timeline_layout_hit         (LsTrace                *trace,
                                                  const LsTimelineParams *params,
                                                  double                  x,
                                                  double                  y,
                                                  gint                   *task,
                                                  guint                  *span);

/* Picks a tick step (ns) of 1, 2 or 5 times a power of ten giving ticks at
 * least @min_px apart. */
gint64            ls_timeline_tick_step          (gint64                  span,
                                                  double                  width,
                                                  double                  min_px);
/* "250 ms", "1.5 s": formats @time for a tick step of @step. */
char             *ls_timeline_format_time        (gint64                  time,
                                                  gint64                  step);

/* RGBA in 0..1 for @color; Okabe-Ito based, so it is colour-blind safe. */
void              ls_timeline_color_rgba         (LsTimelineColor         color,
                                                  gboolean                dark,
                                                  float                   rgba[4]);
const char       *ls_timeline_state_label        (LsTraceState            state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsTimelineLayout, ls_timeline_layout_free)

G_END_DECLS
