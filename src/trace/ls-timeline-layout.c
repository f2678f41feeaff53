/* ls-timeline-layout.c: the timeline as plain primitives. Work is bounded by
 * what is visible: lanes outside the viewport are skipped, each lane's spans
 * and each counter's samples are found by binary search, and where they are
 * narrower than a pixel one sampled rect per pixel column replaces them (level
 * of detail). What depends on the whole trace (the lane tree, the counter
 * tracks, each series' maximum) is kept between frames and only extended as
 * the trace grows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ls-timeline-layout.h"

#include <glib/gi18n-lib.h>

#define NS_PER_SEC G_GINT64_CONSTANT (1000000000)

/* Nesting deeper than this is not indented further: the names need the room. */
#define MAX_INDENT_DEPTH 6
/* A collapsed lane's summary looks at this many descendants at most. */
#define MAX_SUMMARY_TASKS 4096
/* With many flows in view and a focus task, at most this many are searched
 * for the focus task's. */
#define MAX_FLOW_SCAN 50000
/* Counter tracks take at most this share of the height. */
#define COUNTER_SHARE 0.4f
#define MIN_COUNTER_HEIGHT 18.0f
/* The room for a lane's disclosure triangle: it grows with the text. */
/* The width of a level-of-detail column, where spans are narrower than a pixel. */
#define LOD_COLUMN 2.0
#define DISCLOSURE_WIDTH(params) MAX (14.0f, (params)->text_height)

typedef struct
{
  gint     parent;           /* -1 for a root */
  gint     first_child;
  gint     last_child;
  gint     next_sibling;
  guint    depth;
  guint    n_descendants;
  gint     row;              /* the row showing it, -1 while folded away */
  gboolean internal;         /* the loop's or a library's task, or under one */
} TaskNode;

typedef struct
{
  guint    n_scanned;
  double   max;
} SeriesMax;

typedef struct
{
  LsTrace  *trace;           /* identity only, not a reference */
  GArray   *nodes;           /* TaskNode per task id */
  gint      first_root;
  gint      last_root;
  GArray   *collapsed;       /* guint8 per task id */
  GArray   *rows;            /* LsTimelineRow: task lanes, then counter tracks */
  guint     n_task_rows;
  gboolean  rows_dirty;
  guint     n_objects_seen;
  guint     n_series_seen;
  gboolean  show_internal;   /* the rows were built with internal tasks */
  GArray   *series_max;      /* SeriesMax per series id */
  guint32   states_drawn;    /* bit per state drawn in this frame, for the legend */
  guint32   ends_drawn;      /* bit per LsTraceEnd marked in this frame */
  GByteArray *columns;       /* a dense lane's state per column, reused */
} LayoutPriv;

/* Geometry shared by one frame's painting and hit testing. */
typedef struct
{
  const LsTimelineParams *params;
  LsTrace                *trace;
  gint64                  now;
  float                   scroll_y;
  guint                   n_counters_shown;
} Frame;

static inline LayoutPriv *
get_priv (LsTimelineLayout *self)
{
  return self->priv;
}

static void
text_clear (gpointer data)
{
  LsTimelineText *text = data;

  g_clear_pointer (&text->text, g_free);
}

void
ls_timeline_params_init (LsTimelineParams *params)
{
  g_return_if_fail (params != NULL);

  *params = (LsTimelineParams) {
    .t0 = 0,
    .t1 = NS_PER_SEC,
    .now = LS_TRACE_TIME_NONE,
    .playhead = LS_TRACE_TIME_NONE,
    .width = 800,
    .height = 400,
    .lane_height = 22,
    .min_lane_height = 2,
    .counter_height = 40,
    .label_width = 140,
    .axis_height = 24,
    .legend_height = 24,
    .text_height = 16,
    .indent = 10,
    .scroll_y = 0,
    .char_width = 7.5,
    .selected_task = LS_TRACE_NO_ID,
    .focus_task = LS_TRACE_NO_ID,
    .max_flows = 64,
  };
}

LsTimelineLayout *
ls_timeline_layout_new (void)
{
  LsTimelineLayout *self = g_new0 (LsTimelineLayout, 1);
  LayoutPriv *priv = g_new0 (LayoutPriv, 1);

  self->rects = g_array_new (FALSE, FALSE, sizeof (LsTimelineRect));
  self->lines = g_array_new (FALSE, FALSE, sizeof (LsTimelineLine));
  self->texts = g_array_new (FALSE, FALSE, sizeof (LsTimelineText));
  g_array_set_clear_func (self->texts, text_clear);

  priv->nodes = g_array_new (FALSE, FALSE, sizeof (TaskNode));
  priv->collapsed = g_array_new (FALSE, TRUE, sizeof (guint8));
  priv->rows = g_array_new (FALSE, FALSE, sizeof (LsTimelineRow));
  priv->series_max = g_array_new (FALSE, TRUE, sizeof (SeriesMax));
  priv->columns = g_byte_array_new ();
  priv->first_root = priv->last_root = -1;
  self->priv = priv;
  self->label_stride = 1;
  return self;
}

void
ls_timeline_layout_clear (LsTimelineLayout *self)
{
  g_return_if_fail (self != NULL);

  g_array_set_size (self->rects, 0);
  g_array_set_size (self->lines, 0);
  g_array_set_size (self->texts, 0);
  self->n_lanes = 0;
  self->n_counters = 0;
  self->n_spans_visited = 0;
  self->n_flows_drawn = 0;
  get_priv (self)->states_drawn = 0;
  get_priv (self)->ends_drawn = 0;
}

void
ls_timeline_layout_reset (LsTimelineLayout *self)
{
  LayoutPriv *priv;

  g_return_if_fail (self != NULL);

  priv = get_priv (self);
  priv->trace = NULL;
  g_array_set_size (priv->nodes, 0);
  g_array_set_size (priv->collapsed, 0);
  g_array_set_size (priv->rows, 0);
  g_array_set_size (priv->series_max, 0);
  priv->first_root = priv->last_root = -1;
  priv->n_task_rows = 0;
  priv->n_objects_seen = 0;
  priv->n_series_seen = 0;
  priv->rows_dirty = TRUE;
  ls_timeline_layout_clear (self);
}

void
ls_timeline_layout_free (LsTimelineLayout *self)
{
  LayoutPriv *priv;

  if (self == NULL)
    return;
  priv = get_priv (self);
  g_array_unref (priv->nodes);
  g_array_unref (priv->collapsed);
  g_array_unref (priv->rows);
  g_array_unref (priv->series_max);
  g_byte_array_unref (priv->columns);
  g_free (priv);
  g_array_unref (self->rects);
  g_array_unref (self->lines);
  g_array_unref (self->texts);
  g_free (self);
}

/* Coordinates */

static double
lanes_width (const LsTimelineParams *params)
{
  return MAX (1.0, params->width - params->label_width);
}

double
ls_timeline_params_time_to_x (const LsTimelineParams *params,
                              gint64                  time)
{
  double frac = (double) (time - params->t0) / (double) MAX (1, params->t1 - params->t0);

  return params->label_width + frac * lanes_width (params);
}

gint64
ls_timeline_params_x_to_time (const LsTimelineParams *params,
                              double                  x)
{
  double frac = (x - params->label_width) / lanes_width (params);

  return params->t0 + (gint64) llround (frac * (double) (params->t1 - params->t0));
}

/* Primitives */

static void
add_rect (LsTimelineLayout *self,
          double            x,
          double            y,
          double            w,
          double            h,
          LsTimelineColor   color,
          gint              task)
{
  LsTimelineRect r = { x, y, w, h, color, task };

  g_array_append_val (self->rects, r);
}

/* Lane content is clipped to the lanes' area here, so painters need no clip. */
static void
add_rect_clipped (LsTimelineLayout *self,
                  double            x,
                  double            y,
                  double            w,
                  double            h,
                  LsTimelineColor   color,
                  gint              task)
{
  double y0 = MAX (y, self->lanes_top);
  double y1 = MIN (y + h, self->lanes_bottom);

  if (y1 > y0 && w > 0)
    add_rect (self, x, y0, w, y1 - y0, color, task);
}

static void
add_line (LsTimelineLayout *self,
          double            x0,
          double            y0,
          double            x1,
          double            y1,
          LsTimelineColor   color,
          float             width,
          gboolean          arrow)
{
  LsTimelineLine l = { x0, y0, x1, y1, color, width, arrow };

  g_array_append_val (self->lines, l);
}

static void
add_text (LsTimelineLayout *self,
          double            x,
          double            y,
          LsTimelineAlign   align,
          LsTimelineColor   color,
          float             max_width,
          char             *text)
{
  LsTimelineText t = { x, y, align, color, max_width, text };

  g_array_append_val (self->texts, t);
}

static float
measure (const LsTimelineParams *params,
         const char             *text)
{
  if (params->measure != NULL)
    return params->measure (text, params->measure_data);
  return 1.1f * params->char_width * g_utf8_strlen (text, -1);
}

/* Time axis text */

gint64
ls_timeline_tick_step (gint64 span,
                       double width,
                       double min_px)
{
  static const int mult[] = { 1, 2, 5 };
  gint64 base = 1;

  if (span <= 0 || width <= 0)
    return NS_PER_SEC;
  for (;;)
    {
      for (guint i = 0; i < G_N_ELEMENTS (mult); i++)
        {
          gint64 step = base * mult[i];

          if ((double) step / (double) span * width >= min_px)
            return step;
        }
      if (base > LS_TRACE_TIME_MAX / 10)
        return base;
      base *= 10;
    }
}

static const struct { gint64 unit; const char *name; } time_units[] = {
  { NS_PER_SEC, "s" }, { 1000000, "ms" }, { 1000, "µs" }, { 1, "ns" },
};

char *
ls_timeline_format_time (gint64 time,
                         gint64 step)
{
  guint u = 0;
  int decimals = 0;

  /* Use the largest unit the step is at least a tenth of, so ticks read "0.5 s"
   * rather than "500000000 ns". */
  while (u + 1 < G_N_ELEMENTS (time_units) && step * 10 <= time_units[u].unit)
    u++;
  /* Past a whole larger unit, "1.02 s" reads better than "1020 ms", as long
   * as the step still shows in three decimals. */
  while (u > 0 && ABS (time) >= time_units[u - 1].unit && step * 1000 >= time_units[u - 1].unit)
    u--;
  for (gint64 s = step; s < time_units[u].unit && decimals < 3 && time != 0; s *= 10)
    decimals++;
  return g_strdup_printf ("%.*f %s", decimals, (double) time / (double) time_units[u].unit,
                          time_units[u].name);
}

char *
ls_timeline_format_duration (gint64 duration)
{
  guint u = 0;
  double v;

  duration = MAX (0, duration);
  while (u + 1 < G_N_ELEMENTS (time_units) && duration < time_units[u].unit)
    u++;
  v = (double) duration / (double) time_units[u].unit;
  return g_strdup_printf ("%.*f %s", v >= 100 || u + 1 == G_N_ELEMENTS (time_units) ? 0
                                     : v >= 10 ? 1 : 2, v, time_units[u].name);
}

/* The lane tree */

static TaskNode *
node (LayoutPriv *priv,
      gint        task)
{
  return &g_array_index (priv->nodes, TaskNode, task);
}

/* Adds the tasks recorded since the last frame. Parents are always older than
 * their children, so each new task hangs under a node that exists. */
static void
extend_tree (LayoutPriv *priv,
             LsTrace    *trace)
{
  guint n_tasks = ls_trace_get_n_tasks (trace);

  if (priv->nodes->len == n_tasks)
    return;
  g_array_set_size (priv->collapsed, MAX (priv->collapsed->len, n_tasks));
  for (gint id = priv->nodes->len; id < (gint) n_tasks; id++)
    {
      LsTraceTask task;
      TaskNode n = { -1, -1, -1, -1, 0, 0, -1, FALSE };

      if (ls_trace_get_task (trace, id, &task))
        {
          if (task.parent >= 0 && task.parent < id)
            n.parent = task.parent;
          n.internal = task.kind == LS_TRACE_TASK_KIND_INTERNAL
                       || (n.parent >= 0 && node (priv, n.parent)->internal);
        }
      g_array_append_val (priv->nodes, n);
      if (n.parent < 0)
        {
          if (priv->last_root >= 0)
            node (priv, priv->last_root)->next_sibling = id;
          else
            priv->first_root = id;
          priv->last_root = id;
          continue;
        }
      {
        TaskNode *p = node (priv, n.parent);

        node (priv, id)->depth = p->depth + 1;
        if (p->last_child >= 0)
          node (priv, p->last_child)->next_sibling = id;
        else
          p->first_child = id;
        p->last_child = id;
      }
      for (gint a = n.parent; a >= 0; a = node (priv, a)->parent)
        node (priv, a)->n_descendants++;
    }
  priv->rows_dirty = TRUE;
}

static gboolean
is_collapsed (LayoutPriv *priv,
              gint        task)
{
  return task >= 0 && (guint) task < priv->collapsed->len
         && g_array_index (priv->collapsed, guint8, task);
}

/* The next task in depth-first order, skipping the children of @task when
 * @skip_children. */
static gint
next_in_order (LayoutPriv *priv,
               gint        task,
               gboolean    skip_children)
{
  if (!skip_children && node (priv, task)->first_child >= 0)
    return node (priv, task)->first_child;
  for (gint t = task; t >= 0; t = node (priv, t)->parent)
    if (node (priv, t)->next_sibling >= 0)
      return node (priv, t)->next_sibling;
  return -1;
}

static gboolean
counter_object (LsTrace *trace,
                gint     object)
{
  LsTraceObject o;

  if (!ls_trace_get_object (trace, object, &o) || o.n_series == 0)
    return FALSE;
  /* Futures, gathers and task groups are shown by the lanes' states. */
  return o.kind != LS_TRACE_OBJECT_FUTURE && o.kind != LS_TRACE_OBJECT_GATHER
         && o.kind != LS_TRACE_OBJECT_TASKGROUP;
}

static void
rebuild_rows (LayoutPriv *priv,
              LsTrace    *trace,
              gboolean    show_internal)
{
  guint n_objects = ls_trace_get_n_objects (trace);

  g_array_set_size (priv->rows, 0);
  for (guint i = 0; i < priv->nodes->len; i++)
    node (priv, i)->row = -1;
  for (gint t = priv->first_root; t >= 0; )
    {
      TaskNode *n = node (priv, t);
      gboolean collapsed = is_collapsed (priv, t) && n->first_child >= 0;
      LsTimelineRow row = {
        LS_TIMELINE_ROW_TASK, t, n->depth, collapsed ? n->n_descendants : 0,
        n->first_child >= 0, collapsed,
      };

      /* The loop's own tasks (asyncio.run()'s shutdown helpers...) are
       * noise to a learner: hidden with what they started, unless asked for. */
      if (n->internal && !show_internal)
        {
          t = next_in_order (priv, t, TRUE);
          continue;
        }
      n->row = priv->rows->len;
      g_array_append_val (priv->rows, row);
      t = next_in_order (priv, t, collapsed);
    }
  priv->n_task_rows = priv->rows->len;
  priv->show_internal = show_internal;

  for (guint o = 0; o < n_objects; o++)
    if (counter_object (trace, o))
      {
        LsTimelineRow row = { LS_TIMELINE_ROW_COUNTER, o, 0, 0, FALSE, FALSE };

        g_array_append_val (priv->rows, row);
      }
  priv->n_objects_seen = n_objects;
  priv->n_series_seen = ls_trace_get_n_series (trace);
  priv->rows_dirty = FALSE;
}

static void
update_rows (LsTimelineLayout *self,
             LsTrace          *trace,
             gboolean          show_internal)
{
  LayoutPriv *priv = get_priv (self);

  if (priv->trace != trace)
    {
      ls_timeline_layout_reset (self);
      priv->trace = trace;
    }
  extend_tree (priv, trace);
  if (priv->rows_dirty || priv->show_internal != !!show_internal
      || priv->n_objects_seen != ls_trace_get_n_objects (trace)
      || priv->n_series_seen != ls_trace_get_n_series (trace))
    rebuild_rows (priv, trace, !!show_internal);
}

void
ls_timeline_layout_set_collapsed (LsTimelineLayout *self,
                                  gint              task,
                                  gboolean          collapsed)
{
  LayoutPriv *priv;

  g_return_if_fail (self != NULL);
  g_return_if_fail (task >= 0);

  priv = get_priv (self);
  if (is_collapsed (priv, task) == !!collapsed)
    return;
  if ((guint) task >= priv->collapsed->len)
    g_array_set_size (priv->collapsed, task + 1);
  g_array_index (priv->collapsed, guint8, task) = !!collapsed;
  priv->rows_dirty = TRUE;
}

gboolean
ls_timeline_layout_get_collapsed (LsTimelineLayout *self,
                                  gint              task)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return is_collapsed (get_priv (self), task);
}

guint
ls_timeline_layout_get_n_rows (LsTimelineLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return get_priv (self)->rows->len;
}

const LsTimelineRow *
ls_timeline_layout_get_row (LsTimelineLayout *self,
                            guint             index)
{
  LayoutPriv *priv;

  g_return_val_if_fail (self != NULL, NULL);

  priv = get_priv (self);
  return index < priv->rows->len ? &g_array_index (priv->rows, LsTimelineRow, index) : NULL;
}

gint
ls_timeline_layout_task_row (LsTimelineLayout *self,
                             gint              task)
{
  LayoutPriv *priv;

  g_return_val_if_fail (self != NULL, -1);

  priv = get_priv (self);
  if (task < 0 || (guint) task >= priv->nodes->len)
    return -1;
  /* A hidden internal task has no lane, not even its parent's. */
  if (node (priv, task)->internal && !priv->show_internal)
    return -1;
  while (task >= 0 && node (priv, task)->row < 0)
    task = node (priv, task)->parent;
  return task >= 0 ? node (priv, task)->row : -1;
}

/* Geometry */

static void
compute_geometry (LsTimelineLayout       *self,
                  const LsTimelineParams *params,
                  Frame                  *frame)
{
  LayoutPriv *priv = get_priv (self);
  guint n_rows = priv->n_task_rows;
  guint n_counters = priv->rows->len - priv->n_task_rows;
  float top = params->axis_height;
  float bottom = MAX (top, params->height - params->legend_height);
  float avail = bottom - top;
  float counter_h = params->counter_height;
  float counter_area = n_counters * counter_h;
  float lanes_h;
  float lane_h = MAX (1.0f, params->lane_height);

  /* Counters keep a share of the height; past it they get thinner, then the
   * last ones are left out. */
  if (n_rows > 0 && counter_area > avail * COUNTER_SHARE)
    {
      counter_h = MAX (MIN_COUNTER_HEIGHT, floorf (avail * COUNTER_SHARE / n_counters));
      frame->n_counters_shown = MIN (n_counters, (guint) (avail * COUNTER_SHARE / counter_h));
    }
  else
    frame->n_counters_shown = MIN (n_counters, (guint) (avail / MAX (1.0f, counter_h)));
  counter_area = frame->n_counters_shown * counter_h;

  self->counter_h = counter_h;
  self->counters_top = bottom - counter_area;
  self->lanes_top = top;
  self->lanes_bottom = self->counters_top;
  lanes_h = self->lanes_bottom - self->lanes_top;

  /* Too many lanes for the height: thinner lanes first, down to the minimum,
   * then a vertical scroll. */
  if (n_rows * lane_h > lanes_h && n_rows > 0)
    lane_h = MAX (MAX (1.0f, params->min_lane_height), lanes_h / n_rows);
  self->lane_h = lane_h;
  self->content_height = n_rows * lane_h;
  self->max_scroll_y = MAX (0.0f, self->content_height - lanes_h);
  frame->scroll_y = CLAMP (params->scroll_y, 0.0f, self->max_scroll_y);
  self->label_stride = lane_h >= params->text_height ? 1
                       : (guint) ceilf ((params->text_height + 2) / lane_h);
  self->n_lanes = n_rows;
  self->n_counters = n_counters;
}

static float
row_y (LsTimelineLayout *self,
       const Frame      *frame,
       guint             row)
{
  return self->lanes_top + row * self->lane_h - frame->scroll_y;
}

/* Axis */

static void
layout_axis (LsTimelineLayout       *self,
             const LsTimelineParams *params)
{
  gint64 step = ls_timeline_tick_step (params->t1 - params->t0, lanes_width (params), 90);
  gint64 first = params->t0 <= 0 ? 0 : (params->t0 + step - 1) / step * step;

  add_rect (self, 0, 0, params->width, params->axis_height,
            LS_TIMELINE_COLOR_HEADER_BG, LS_TRACE_NO_ID);
  for (gint64 t = first; t <= params->t1; t += step)
    {
      double x = ls_timeline_params_time_to_x (params, t);

      add_rect (self, floor (x), params->axis_height - 6, 1, 6,
                LS_TIMELINE_COLOR_AXIS, LS_TRACE_NO_ID);
      char *label = ls_timeline_format_time (t, step);

      /* A label that would run off the right edge is left out. */
      if (x + 4 + measure (params, label) <= params->width - 2)
        add_text (self, x + 4, (params->axis_height - params->text_height) / 2,
                  LS_TIMELINE_ALIGN_START, LS_TIMELINE_COLOR_TEXT_DIM, 0, label);
      else
        g_free (label);
    }
  add_text (self, params->label_width - 8, (params->axis_height - params->text_height) / 2,
            LS_TIMELINE_ALIGN_END, LS_TIMELINE_COLOR_TEXT_DIM, 0,
            g_strdup (g_dgettext (GETTEXT_PACKAGE, "time")));
  add_rect (self, 0, params->axis_height - 1, params->width, 1,
            LS_TIMELINE_COLOR_AXIS, LS_TRACE_NO_ID);
}

/* Grid lines go under the spans, so they are rects added before them. */
static void
layout_grid (LsTimelineLayout       *self,
             const LsTimelineParams *params)
{
  gint64 step = ls_timeline_tick_step (params->t1 - params->t0, lanes_width (params), 90);
  gint64 first = params->t0 <= 0 ? 0 : (params->t0 + step - 1) / step * step;

  for (gint64 t = first; t <= params->t1; t += step)
    add_rect (self, floor (ls_timeline_params_time_to_x (params, t)), self->lanes_top,
              1, self->lanes_bottom - self->lanes_top, LS_TIMELINE_COLOR_GRID, LS_TRACE_NO_ID);
}

/* Task lanes */

/* Chooses a colour for a pixel column holding spans @first (in @state) to
 * @last: running if the task ran in it (what the eye looks for), else the
 * state at its start. Looks at a few spans spread over the column, not all of
 * them, so a column costs the same however many spans it hides. */
#define COLUMN_SAMPLES 6

static LsTimelineColor
column_state (LsTimelineLayout *self,
              LsTrace          *trace,
              gint              task,
              LsTraceState      state,
              guint             first,
              guint             last)
{
  guint n = last > first ? last - first : 0;

  if (state == LS_TRACE_STATE_RUNNING)
    return (LsTimelineColor) state;
  for (guint k = 1; k <= MIN (n, COLUMN_SAMPLES); k++)
    {
      guint j = first + (n <= COLUMN_SAMPLES ? k : (guint) ((guint64) n * k / COLUMN_SAMPLES));
      LsTraceSpan span;

      /* The last span reaches into the next column; it speaks for that one. */
      if (j >= last || !ls_trace_task_get_span (trace, task, j, &span))
        break;
      self->n_spans_visited++;
      if (span.state == LS_TRACE_STATE_RUNNING)
        return (LsTimelineColor) LS_TRACE_STATE_RUNNING;
    }
  return (LsTimelineColor) state;
}

/* A span's rect; one that continues the previous rect in the same colour
 * extends it instead, so a dense lane costs one node per run of a colour
 * rather than one per pixel column. */
static void
add_span_rect (LsTimelineLayout *self,
               double            x,
               double            y,
               double            w,
               double            h,
               LsTimelineColor   color,
               gint              task)
{
  if (self->rects->len > 0)
    {
      LsTimelineRect *last = &g_array_index (self->rects, LsTimelineRect, self->rects->len - 1);

      if (last->task == task && last->color == color && fabs (last->x + last->w - x) < 0.01
          && last->y == (float) MAX (y, self->lanes_top))
        {
          last->w = x + w - last->x;
          return;
        }
    }
  add_rect_clipped (self, x, y, w, h, color, task);
}

/* A lane with more spans in view than columns: its state per LOD_COLUMN
 * pixels, read from the trace in one call, one rect per run of a colour. The
 * cost is the width's, whatever the number of spans. */
static void
layout_dense_lane (LsTimelineLayout       *self,
                   LsTrace                *trace,
                   const LsTimelineParams *params,
                   gint                    task,
                   gint64                  now,
                   float                   y,
                   float                   h)
{
  LayoutPriv *priv = get_priv (self);
  double x_min = params->label_width;
  double x_max = params->width;
  guint n_cols = (guint) ceil ((x_max - x_min) / LOD_COLUMN);
  gint64 t_end = ls_timeline_params_x_to_time (params, x_min + n_cols * LOD_COLUMN);

  g_byte_array_set_size (priv->columns, n_cols);
  self->n_spans_visited += ls_trace_task_column_states (trace, task, params->t0, t_end, now,
                                                        n_cols, priv->columns->data);
  for (guint c = 0; c < n_cols; c++)
    {
      guint8 state = priv->columns->data[c];
      double x = x_min + c * LOD_COLUMN;

      if (state >= LS_TRACE_N_STATES)
        continue;
      priv->states_drawn |= 1u << state;
      add_span_rect (self, x, y, MIN (LOD_COLUMN, x_max - x), h, (LsTimelineColor) state, task);
    }
}

/* Appends the spans of one lane between the names column and the right edge. */
static void
layout_lane_spans (LsTimelineLayout       *self,
                   LsTrace                *trace,
                   const LsTimelineParams *params,
                   gint                    task,
                   gint64                  now,
                   float                   y,
                   float                   h)
{
  double x_min = params->label_width;
  double x_max = params->width;
  double covered = x_min;
  guint first, last;

  if (!ls_trace_task_spans_in_range (trace, task, params->t0, params->t1, &first, &last))
    return;
  if (last - first + 1 > (x_max - x_min) / LOD_COLUMN)
    {
      layout_dense_lane (self, trace, params, task, now, y, h);
      return;
    }

  for (guint i = first; i <= last; i++)
    {
      LsTraceSpan span;
      gint64 end;
      double x0, x1;

      if (!ls_trace_task_get_span (trace, task, i, &span))
        break;
      self->n_spans_visited++;
      end = span.end == LS_TRACE_TIME_NONE ? MAX (now, span.start) : span.end;
      x0 = MAX (covered, ls_timeline_params_time_to_x (params, span.start));
      x1 = MIN (x_max, ls_timeline_params_time_to_x (params, end));
      if (x1 <= x0)
        continue;
      get_priv (self)->states_drawn |= 1u << span.state;
      if (x1 - x0 >= 1.0 || span.end == LS_TRACE_TIME_NONE)
        {
          add_span_rect (self, x0, y, x1 - x0, h, (LsTimelineColor) span.state, task);
          covered = x1;
          continue;
        }

      /* Narrower than a pixel: one rect for this whole column of LOD_COLUMN
       * pixels (finer than the eye follows in a dense lane, and half the work
       * of single pixels), then on to the span covering the next column. */
      {
        double col_end = MIN (x_max, x_min + (floor ((x0 - x_min) / LOD_COLUMN) + 1) * LOD_COLUMN);
        double col = MAX (covered, col_end - LOD_COLUMN);
        gint64 next_t = ls_timeline_params_x_to_time (params, col_end);
        guint next;
        gboolean more = ls_trace_task_span_at (trace, task, next_t, &next) && next > i;

        add_span_rect (self, col, y, col_end - col, h,
                       column_state (self, trace, task, span.state, i, more ? next : i), task);
        covered = col_end;
        if (!more)
          continue;
        i = next - 1;
      }
    }
}

/* Steps: the task ran at an instant, in no virtual time (most steps on the
 * virtual clock). A thin running-coloured mark each, one per STEP_WIDTH
 * pixels at most: past one in a column, the next is found by binary search. */
#define STEP_WIDTH 2.0

static void
layout_lane_steps (LsTimelineLayout       *self,
                   LsTrace                *trace,
                   const LsTimelineParams *params,
                   gint                    task,
                   float                   y,
                   float                   h)
{
  guint first, last;

  if (!ls_trace_task_steps_in_range (trace, task, params->t0, params->t1, &first, &last))
    return;
  for (guint i = first; i <= last; i++)
    {
      gint64 t;
      double x;
      guint next;

      if (!ls_trace_task_get_step (trace, task, i, &t, NULL))
        break;
      self->n_spans_visited++;
      x = floor (ls_timeline_params_time_to_x (params, t));
      if (x < params->label_width || x >= params->width)
        continue;
      add_span_rect (self, x, y, MIN (STEP_WIDTH, params->width - x), h,
                     (LsTimelineColor) LS_TRACE_STATE_RUNNING, task);
      get_priv (self)->states_drawn |= 1u << LS_TRACE_STATE_RUNNING;
      if (!ls_trace_task_steps_in_range (trace, task,
                                         ls_timeline_params_x_to_time (params, x + STEP_WIDTH),
                                         params->t1, &next, NULL))
        break;
      if (next > i + 1)
        i = next - 1;
    }
}

/* A collapsed lane's children: the time from the first one's creation to the
 * last one's end, as a thin bar under the lane's own spans. */
static void
layout_summary (LsTimelineLayout       *self,
                LsTrace                *trace,
                const LsTimelineParams *params,
                const LsTimelineRow    *row,
                gint64                  now,
                float                   y,
                float                   h)
{
  LayoutPriv *priv = get_priv (self);
  gint64 from = G_MAXINT64, to = 0;
  guint seen = 0;
  gint stop = next_in_order (priv, row->id, TRUE);
  double x0, x1;

  for (gint t = node (priv, row->id)->first_child; t >= 0 && t != stop && seen < MAX_SUMMARY_TASKS;
       t = next_in_order (priv, t, FALSE), seen++)
    {
      LsTraceTask task;

      if (!ls_trace_get_task (trace, t, &task))
        break;
      from = MIN (from, task.created);
      to = MAX (to, task.ended == LS_TRACE_TIME_NONE ? now : task.ended);
    }
  if (seen == 0 || to <= from)
    return;
  x0 = MAX (params->label_width, ls_timeline_params_time_to_x (params, from));
  x1 = MIN (params->width, ls_timeline_params_time_to_x (params, to));
  if (x1 > x0)
    add_rect_clipped (self, x0, y, MAX (1.0, x1 - x0), h, LS_TIMELINE_COLOR_SUMMARY, row->id);
}

/* "Task-1 (main)": the task running asyncio.run()'s coroutine is the one a
 * learner looks for first. */
static char *
lane_name (LsTrace *trace,
           gint     id)
{
  LsTraceTask task;

  if (!ls_trace_get_task (trace, id, &task) || task.name == NULL)
    return g_strdup ("?");
  if (task.kind == LS_TRACE_TASK_KIND_MAIN)
    /* Translators: the lane of the task running the coroutine given to asyncio.run() */
    return g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "%s (main)"), task.name);
  return g_strdup (task.name);
}

static void
layout_lane_header (LsTimelineLayout       *self,
                    LsTrace                *trace,
                    const LsTimelineParams *params,
                    const LsTimelineRow    *row,
                    guint                   index,
                    float                   y)
{
  float x = 6 + MIN (row->depth, MAX_INDENT_DEPTH) * params->indent;
  float text_y;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  if (self->label_stride > 1)
    {
      /* Lanes thinner than a line of text: name every n-th one, so the column
       * still says where in the list of tasks the eye is. */
      if (index % self->label_stride != 0)
        return;
      text_y = y;
      if (text_y < self->lanes_top || text_y + params->text_height > self->lanes_bottom)
        return;
      add_text (self, 6, text_y, LS_TIMELINE_ALIGN_START, LS_TIMELINE_COLOR_TEXT_DIM,
                params->label_width - 10, lane_name (trace, row->id));
      return;
    }

  text_y = y + (self->lane_h - params->text_height) / 2;
  if (text_y < self->lanes_top - 1 || text_y + params->text_height > self->lanes_bottom + 1)
    return;
  if (row->has_children)
    add_text (self, x, text_y, LS_TIMELINE_ALIGN_START, LS_TIMELINE_COLOR_TEXT_DIM, 0,
              g_strdup (row->collapsed ? "▸" : "▾"));
  x += DISCLOSURE_WIDTH (params);
  name = lane_name (trace, row->id);
  if (row->collapsed)
    /* Translators: a collapsed lane: the task's name, then how many tasks it hides */
    label = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "%s (+%u)"), name, row->n_hidden);
  else
    label = g_steal_pointer (&name);
  add_text (self, x, text_y, LS_TIMELINE_ALIGN_START, LS_TIMELINE_COLOR_TEXT,
            params->label_width - x - 6, g_steal_pointer (&label));
}

/* How a task ended, drawn just after (@x, @y), @size pixels high: a tick
 * for a return, a cross for an exception, a slash for a cancellation. Shapes
 * as well as colours, so they read without colour too. */
static void
add_end_marker (LsTimelineLayout *self,
                LsTraceEnd        end,
                float             x,
                float             y,
                float             size)
{
  float s = size / 2;
  float cy = y + s;

  switch (end)
    {
    case LS_TRACE_END_DONE:
      add_line (self, x + 1, y, x + 1, y + size, LS_TIMELINE_COLOR_END_DONE, 2, FALSE);
      break;
    case LS_TRACE_END_FAILED:
      add_line (self, x + 1, cy - s, x + 1 + size, cy + s, LS_TIMELINE_COLOR_END_FAILED, 2, FALSE);
      add_line (self, x + 1, cy + s, x + 1 + size, cy - s, LS_TIMELINE_COLOR_END_FAILED, 2, FALSE);
      break;
    case LS_TRACE_END_CANCELLED:
      add_line (self, x + 1, cy + s, x + 1 + s, cy - s, LS_TIMELINE_COLOR_END_CANCELLED, 2, FALSE);
      break;
    case LS_TRACE_END_RUNNING:
    case LS_TRACE_N_ENDS:
    default:
      return;
    }
  get_priv (self)->ends_drawn |= 1u << end;
}

/* The end mark of a lane whose task has ended in view; lanes too thin for a
 * readable mark get none. */
static void
layout_lane_end (LsTimelineLayout       *self,
                 LsTrace                *trace,
                 const LsTimelineParams *params,
                 gint                    id,
                 float                   y,
                 float                   h)
{
  LsTraceTask task;
  float size = MIN (h, 10.0f);
  double x;

  if (h < 6 || !ls_trace_get_task (trace, id, &task) || task.end == LS_TRACE_END_RUNNING
      || task.ended < params->t0 || task.ended > params->t1)
    return;
  x = ls_timeline_params_time_to_x (params, task.ended);
  if (x < params->label_width || x + size + 2 > params->width
      || y < self->lanes_top || y + h > self->lanes_bottom)
    return;
  add_end_marker (self, task.end, x, y + (h - size) / 2, size);
}

/* Where the visible lanes are among all of them, when they do not all fit. */
static void
layout_scroll_indicator (LsTimelineLayout *self,
                         const Frame      *frame)
{
  float track = self->lanes_bottom - self->lanes_top;
  float h, y;

  if (self->max_scroll_y <= 0 || self->content_height <= 0)
    return;
  h = MAX (12.0f, track * track / self->content_height);
  y = self->lanes_top + (track - h) * (frame->scroll_y / self->max_scroll_y);
  add_rect (self, frame->params->width - 5, y, 3, h, LS_TIMELINE_COLOR_AXIS, LS_TRACE_NO_ID);
}

static void
layout_lanes (LsTimelineLayout       *self,
              const Frame            *frame)
{
  LayoutPriv *priv = get_priv (self);
  const LsTimelineParams *params = frame->params;
  float lh = self->lane_h;
  float inset = lh >= 12 ? 3 : lh >= 6 ? 1 : 0;
  guint first = (guint) MAX (0.0f, floorf (frame->scroll_y / lh));

  add_rect (self, 0, self->lanes_top, params->label_width, self->lanes_bottom - self->lanes_top,
            LS_TIMELINE_COLOR_HEADER_BG, LS_TRACE_NO_ID);
  /* Back to front: stripes, grid, spans. */
  for (guint index = first | 1; lh >= 6 && index < priv->n_task_rows; index += 2)
    {
      float y = row_y (self, frame, index);

      if (y >= self->lanes_bottom)
        break;
      add_rect_clipped (self, params->label_width, y, params->width - params->label_width, lh,
                        LS_TIMELINE_COLOR_LANE_BG_ALT, LS_TRACE_NO_ID);
    }
  layout_grid (self, params);
  for (guint index = first; index < priv->n_task_rows; index++)
    {
      const LsTimelineRow *row = &g_array_index (priv->rows, LsTimelineRow, index);
      float y = row_y (self, frame, index);

      if (y >= self->lanes_bottom)
        break;
      if (row->collapsed && lh >= 10)
        {
          layout_lane_spans (self, frame->trace, params, row->id, frame->now, y + inset,
                             lh - 2 * inset - 4);
          layout_lane_steps (self, frame->trace, params, row->id, y + inset, lh - 2 * inset - 4);
          layout_summary (self, frame->trace, params, row, frame->now, y + lh - inset - 3, 3);
        }
      else
        {
          layout_lane_spans (self, frame->trace, params, row->id, frame->now, y + inset,
                             lh - 2 * inset);
          layout_lane_steps (self, frame->trace, params, row->id, y + inset, lh - 2 * inset);
        }
      layout_lane_end (self, frame->trace, params, row->id, y + inset, lh - 2 * inset);
      layout_lane_header (self, frame->trace, params, row, index, y);
    }
  add_rect (self, params->label_width - 1, self->lanes_top, 1,
            self->lanes_bottom - self->lanes_top, LS_TIMELINE_COLOR_AXIS, LS_TRACE_NO_ID);
  layout_scroll_indicator (self, frame);
}

/* Counter tracks */

static double
series_max (LayoutPriv *priv,
            LsTrace    *trace,
            gint        series)
{
  LsTraceSeries info;
  SeriesMax *m;

  if (!ls_trace_get_series (trace, series, &info))
    return 0;
  if ((guint) series >= priv->series_max->len)
    g_array_set_size (priv->series_max, series + 1);
  m = &g_array_index (priv->series_max, SeriesMax, series);
  /* Only the samples added since the last frame are looked at. */
  for (; m->n_scanned < info.n_samples; m->n_scanned++)
    {
      double v;

      if (ls_trace_series_get_sample (trace, series, m->n_scanned, NULL, &v))
        m->max = MAX (m->max, v);
    }
  return m->max;
}

/* Draws @series as a step chart in [y_base - scale * value]: filled rects
 * when @fill, else a line. Samples narrower than a pixel share a column, which
 * shows the largest of (at most a few of) them. */
static void
layout_series (LsTimelineLayout       *self,
               const Frame            *frame,
               gint                    series,
               float                   y_base,
               float                   scale,
               gboolean                fill)
{
  const LsTimelineParams *params = frame->params;
  gint64 end_time = MIN (frame->now, params->t1);
  guint first, last;
  double prev_y = NAN;

  if (!ls_trace_series_samples_in_range (frame->trace, series, params->t0, end_time,
                                         &first, &last))
    return;
  for (guint i = first; i <= last; i++)
    {
      gint64 t, t_next = end_time;
      double v, x0, x1, y;

      if (!ls_trace_series_get_sample (frame->trace, series, i, &t, &v))
        break;
      if (i + 1 <= last)
        ls_trace_series_get_sample (frame->trace, series, i + 1, &t_next, NULL);
      self->n_spans_visited++;
      x0 = MAX (params->label_width, ls_timeline_params_time_to_x (params, t));
      x1 = MIN (params->width, ls_timeline_params_time_to_x (params, MAX (t, t_next)));
      if (x1 - x0 < 1.0 && i < last)
        {
          /* A pixel column: its largest value among a few samples, then on to
           * the sample in effect at the next column. */
          double col = floor (x0);
          gint64 col_end = ls_timeline_params_x_to_time (params, col + 1.0);
          guint cf, cl;

          if (ls_trace_series_samples_in_range (frame->trace, series, t, col_end, &cf, &cl))
            {
              guint stride = MAX (1u, (cl - cf) / 8);

              for (guint j = cf; j <= cl; j += stride)
                {
                  double vj;

                  if (ls_trace_series_get_sample (frame->trace, series, j, NULL, &vj))
                    v = MAX (v, vj);
                }
              if (cl > i)
                i = cl - 1;
            }
          x0 = col;
          x1 = col + 1.0;
        }
      if (x1 <= x0)
        continue;
      y = y_base - scale * MAX (0.0, v);
      if (fill)
        {
          if (y_base - y >= 0.5)
            add_rect (self, x0, y, x1 - x0, y_base - y, LS_TIMELINE_COLOR_COUNTER, LS_TRACE_NO_ID);
          continue;
        }
      if (!isnan (prev_y) && fabs (prev_y - y) >= 0.5)
        add_line (self, x0, prev_y, x0, y, LS_TIMELINE_COLOR_COUNTER_LINE, 1.5f, FALSE);
      add_line (self, x0, y, x1, y, LS_TIMELINE_COLOR_COUNTER_LINE, 1.5f, FALSE);
      prev_y = y;
    }
}

/* The value of @series in effect at @time, 0 before its first sample. */
static double
series_value_at (LsTrace *trace,
                 gint     series,
                 gint64   time)
{
  guint first;
  gint64 t = 0;
  double v = 0;

  if (!ls_trace_series_samples_in_range (trace, series, time, time, &first, NULL)
      || !ls_trace_series_get_sample (trace, series, first, &t, &v) || t > time)
    return 0;
  return v;
}

/* Under the track's name: each series' value at the playhead (or now), e.g.
 * "free 2/5 · waiters 90". */
static char *
counter_values (const Frame         *frame,
                const LsTraceObject *object,
                const gint          *series,
                guint                n_series)
{
  gint64 at = frame->params->playhead != LS_TRACE_TIME_NONE ? frame->params->playhead : frame->now;
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_series; i++)
    {
      LsTraceSeries info;
      double v = series_value_at (frame->trace, series[i], at);

      if (!ls_trace_get_series (frame->trace, series[i], &info))
        continue;
      g_string_append_printf (text, "%s%s %g", i ? " · " : "", info.name, v);
      if (i == 0 && object->capacity > 0)
        g_string_append_printf (text, "/%" G_GINT64_FORMAT, object->capacity);
    }
  return g_string_free (text, FALSE);
}

/* A step chart per series: the first filled, on a scale up to the capacity
 * (its line drawn) or its own maximum; the others (waiters) as lines, each on
 * its own scale, so a long queue of waiters does not flatten the permits. */
static void
layout_counter (LsTimelineLayout       *self,
                const Frame            *frame,
                const LsTimelineRow    *row,
                float                   y)
{
  LayoutPriv *priv = get_priv (self);
  const LsTimelineParams *params = frame->params;
  LsTraceObject object;
  gint series[4];
  guint n_series;
  float h = self->counter_h;
  float pad = MIN (6.0f, h / 6);
  float y_base = y + h - pad;
  float span_h = h - 2 * pad - 2;
  g_autofree char *title = NULL;

  if (!ls_trace_get_object (frame->trace, row->id, &object))
    return;
  n_series = ls_trace_object_get_series (frame->trace, row->id, series, G_N_ELEMENTS (series));
  n_series = MIN (n_series, G_N_ELEMENTS (series));

  add_rect (self, 0, y, params->width, 1, LS_TIMELINE_COLOR_GRID, LS_TRACE_NO_ID);
  for (guint i = 0; i < n_series; i++)
    {
      double max = MAX (series_max (priv, frame->trace, series[i]), 1.0);
      float scale;

      if (i == 0)
        max = MAX (max, (double) object.capacity);
      scale = span_h / max;
      layout_series (self, frame, series[i], y_base, scale, i == 0);
      if (i == 0 && object.capacity > 0)
        add_line (self, params->label_width, y_base - scale * object.capacity, params->width,
                  y_base - scale * object.capacity, LS_TIMELINE_COLOR_CAPACITY, 1, FALSE);
    }

  title = g_strdup (object.label != NULL ? object.label
                    : ls_trace_object_kind_to_string (object.kind));
  if (h >= params->text_height + 2)
    add_text (self, 8, y + MIN (4.0f, (h - params->text_height) / 2),
              LS_TIMELINE_ALIGN_START, LS_TIMELINE_COLOR_TEXT, params->label_width - 14,
              g_steal_pointer (&title));
  if (h >= 2 * params->text_height + 4)
    add_text (self, 8, y + 4 + params->text_height, LS_TIMELINE_ALIGN_START,
              LS_TIMELINE_COLOR_TEXT_DIM, params->label_width - 14,
              counter_values (frame, &object, series, n_series));
}

static void
layout_counters (LsTimelineLayout *self,
                 const Frame      *frame)
{
  LayoutPriv *priv = get_priv (self);
  const LsTimelineParams *params = frame->params;

  if (frame->n_counters_shown == 0)
    return;
  add_rect (self, 0, self->counters_top, params->width,
            frame->n_counters_shown * self->counter_h, LS_TIMELINE_COLOR_HEADER_BG, LS_TRACE_NO_ID);
  add_rect (self, 0, self->counters_top, params->width, 1, LS_TIMELINE_COLOR_AXIS, LS_TRACE_NO_ID);
  for (guint i = 0; i < frame->n_counters_shown; i++)
    {
      const LsTimelineRow *row =
        &g_array_index (priv->rows, LsTimelineRow, priv->n_task_rows + i);

      layout_counter (self, frame, row, self->counters_top + i * self->counter_h);
    }
}

/* Flows */

static gboolean
find_first_flow (LsTrace *trace,
                 gint64   t0,
                 guint   *index)
{
  guint lo = 0, hi = ls_trace_get_n_flows (trace);

  /* Flows are recorded as they happen, so their times only go up. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      LsTraceFlow flow;

      ls_trace_get_flow (trace, mid, &flow);
      if (MAX (flow.time_from, flow.time_to) < t0)
        lo = mid + 1;
      else
        hi = mid;
    }
  *index = lo;
  return lo < ls_trace_get_n_flows (trace);
}

static float
row_center_clamped (LsTimelineLayout *self,
                    const Frame      *frame,
                    gint              row)
{
  float y = row_y (self, frame, row) + self->lane_h / 2;

  return CLAMP (y, self->lanes_top, self->lanes_bottom);
}

static void
layout_flow (LsTimelineLayout  *self,
             const Frame       *frame,
             const LsTraceFlow *flow)
{
  const LsTimelineParams *params = frame->params;
  gint to_row = ls_timeline_layout_task_row (self, flow->to_task);
  gint from_row = ls_timeline_layout_task_row (self, flow->from_task);
  LsTimelineColor color = flow->kind == LS_TRACE_FLOW_CANCEL || flow->kind == LS_TRACE_FLOW_TIMEOUT
                          ? LS_TIMELINE_COLOR_FLOW_CANCEL : LS_TIMELINE_COLOR_FLOW;
  double x0 = ls_timeline_params_time_to_x (params, flow->time_from);
  double x1 = ls_timeline_params_time_to_x (params, flow->time_to);
  float y0, y1;

  if (to_row < 0 || from_row == to_row || x1 < params->label_width || x1 > params->width)
    return;
  y1 = row_center_clamped (self, frame, to_row);
  /* From the loop itself (a timeout): a short arrow from above the lane. */
  y0 = from_row >= 0 ? row_center_clamped (self, frame, from_row)
                     : MAX (self->lanes_top, y1 - MAX (10.0f, self->lane_h));
  if (fabsf (y1 - y0) < 2)
    return;
  add_line (self, MAX (x0, params->label_width), y0, x1, y1, color, 1, TRUE);
  self->n_flows_drawn++;
}

static gboolean
flow_drawn (const LsTraceFlow *flow)
{
  /* Spawns are what the lane tree already shows. */
  return flow->kind != LS_TRACE_FLOW_SPAWN;
}

static void
layout_flows (LsTimelineLayout *self,
              const Frame      *frame)
{
  const LsTimelineParams *params = frame->params;
  gint focus = params->focus_task >= 0 ? params->focus_task : params->selected_task;
  guint first, end;
  guint n_flows = ls_trace_get_n_flows (frame->trace);
  gboolean all;

  if (!find_first_flow (frame->trace, params->t0, &first))
    return;
  if (!find_first_flow (frame->trace, params->t1 + 1, &end))
    end = n_flows;
  /* Many arrows are noise: then only the hovered or selected task's. */
  all = end - first <= params->max_flows;
  if (!all && (focus < 0 || end - first > MAX_FLOW_SCAN))
    return;
  for (guint i = first; i < end; i++)
    {
      LsTraceFlow flow;

      if (!ls_trace_get_flow (frame->trace, i, &flow) || !flow_drawn (&flow))
        continue;
      if (all || flow.from_task == focus || flow.to_task == focus)
        layout_flow (self, frame, &flow);
    }
}

/* Selection and playhead */

static void
layout_selection (LsTimelineLayout *self,
                  const Frame      *frame)
{
  const LsTimelineParams *params = frame->params;
  gint row = ls_timeline_layout_task_row (self, params->selected_task);
  LsTraceSpan span;
  gint64 end;
  double x0, x1;
  float y0, y1;

  if (row < 0 || !ls_trace_task_get_span (frame->trace, params->selected_task,
                                           params->selected_span, &span))
    return;
  end = span.end == LS_TRACE_TIME_NONE ? frame->now : span.end;
  if (end < params->t0 || span.start > params->t1)
    return;
  x0 = MAX (params->label_width, ls_timeline_params_time_to_x (params, span.start));
  x1 = MIN (params->width, ls_timeline_params_time_to_x (params, end));
  x1 = MAX (x1, x0 + 2);
  y0 = row_y (self, frame, row);
  y1 = y0 + self->lane_h;
  if (x0 >= params->width || x1 <= params->label_width
      || y1 <= self->lanes_top || y0 >= self->lanes_bottom)
    return;
  y0 = MAX (y0, self->lanes_top);
  y1 = MIN (y1, self->lanes_bottom);
  add_line (self, x0, y0, x1, y0, LS_TIMELINE_COLOR_SELECTION, 2, FALSE);
  add_line (self, x0, y1, x1, y1, LS_TIMELINE_COLOR_SELECTION, 2, FALSE);
  add_line (self, x0, y0, x0, y1, LS_TIMELINE_COLOR_SELECTION, 2, FALSE);
  add_line (self, x1, y0, x1, y1, LS_TIMELINE_COLOR_SELECTION, 2, FALSE);
}

static void
layout_playhead (LsTimelineLayout *self,
                 const Frame      *frame)
{
  const LsTimelineParams *params = frame->params;
  gint64 t = params->playhead;
  double x;

  if (t == LS_TRACE_TIME_NONE || t < params->t0 || t > params->t1)
    return;
  x = ls_timeline_params_time_to_x (params, t);
  add_line (self, x, params->axis_height - 8, x,
            self->counters_top + frame->n_counters_shown * self->counter_h,
            LS_TIMELINE_COLOR_NOW, 2, FALSE);
  add_rect (self, x - 5, params->axis_height - 8, 10, 7, LS_TIMELINE_COLOR_NOW, LS_TRACE_NO_ID);
}

/* Legend */

/* Shown when no span is in view. */
static const guint32 default_legend =
  1u << LS_TRACE_STATE_RUNNING | 1u << LS_TRACE_STATE_READY | 1u << LS_TRACE_STATE_SLEEPING
  | 1u << LS_TRACE_STATE_AWAIT_TASK | 1u << LS_TRACE_STATE_QUEUE_GET
  | 1u << LS_TRACE_STATE_SEMAPHORE | 1u << LS_TRACE_STATE_LOCK | 1u << LS_TRACE_STATE_BLOCKING;

/* After the states, the end marks drawn in this frame, as far as they fit. */
static void
layout_legend_ends (LsTimelineLayout       *self,
                    const LsTimelineParams *params,
                    float                   x,
                    float                   swatch,
                    float                   gap)
{
  float y = params->height - params->legend_height;
  guint32 ends = get_priv (self)->ends_drawn;

  for (LsTraceEnd end = LS_TRACE_END_DONE; end < LS_TRACE_N_ENDS; end++)
    {
      const char *label;
      float text_w;

      if (!(ends & (1u << end)))
        continue;
      label = ls_timeline_end_label (end);
      text_w = measure (params, label);
      if (x + swatch + gap + text_w > params->width - 6)
        break;
      add_end_marker (self, end, x, y + (params->legend_height - swatch) / 2, swatch);
      add_text (self, x + swatch + gap, y + (params->legend_height - params->text_height) / 2,
                LS_TIMELINE_ALIGN_START, LS_TIMELINE_COLOR_TEXT_DIM, 0, g_strdup (label));
      x += swatch + gap + text_w + 3 * gap;
    }
}

static void
layout_legend (LsTimelineLayout       *self,
               const LsTimelineParams *params)
{
  float y = params->height - params->legend_height;
  float x = 10;
  float swatch = MIN (roundf (0.75f * params->text_height), params->legend_height - 8);
  float gap = roundf (0.4f * params->text_height);
  /* The legend explains what is on screen: the states drawn in this frame. */
  guint32 states = get_priv (self)->states_drawn ? get_priv (self)->states_drawn
                                                 : default_legend;

  if (params->legend_height <= 0)
    return;
  add_rect (self, 0, y, params->width, params->legend_height,
            LS_TIMELINE_COLOR_HEADER_BG, LS_TRACE_NO_ID);
  add_rect (self, 0, y, params->width, 1, LS_TIMELINE_COLOR_AXIS, LS_TRACE_NO_ID);
  for (guint state = 0; state < LS_TRACE_STATE_DONE; state++)
    {
      const char *label;
      float text_w;

      if (!(states & (1u << state)))
        continue;
      label = ls_timeline_state_label (state);
      text_w = measure (params, label);

      /* Entries that do not fit are left out rather than clipped mid-word. */
      if (x + swatch + gap + text_w > params->width - 6)
        break;
      add_rect (self, x, y + (params->legend_height - swatch) / 2, swatch, swatch,
                (LsTimelineColor) state, LS_TRACE_NO_ID);
      add_text (self, x + swatch + gap, y + (params->legend_height - params->text_height) / 2,
                LS_TIMELINE_ALIGN_START, LS_TIMELINE_COLOR_TEXT_DIM, 0, g_strdup (label));
      x += swatch + gap + text_w + 3 * gap;
    }
  layout_legend_ends (self, params, x, swatch, gap);
}

void
ls_timeline_layout_compute (LsTimelineLayout       *self,
                            LsTrace                *trace,
                            const LsTimelineParams *params)
{
  Frame frame = { 0 };

  g_return_if_fail (self != NULL);
  g_return_if_fail (LS_IS_TRACE (trace));
  g_return_if_fail (params != NULL);
  g_return_if_fail (params->t1 > params->t0);

  ls_timeline_layout_clear (self);
  update_rows (self, trace, params->show_internal);
  frame.params = params;
  frame.trace = trace;
  frame.now = params->now != LS_TRACE_TIME_NONE ? params->now : ls_trace_get_now (trace);
  compute_geometry (self, params, &frame);

  /* Back to front: lanes, counters, axis, legend; then the lines on top. */
  layout_lanes (self, &frame);
  layout_counters (self, &frame);
  layout_axis (self, params);
  layout_legend (self, params);
  layout_flows (self, &frame);
  layout_selection (self, &frame);
  layout_playhead (self, &frame);
}

/* Hit testing */

gboolean
ls_timeline_layout_hit (LsTimelineLayout       *self,
                        LsTrace                *trace,
                        const LsTimelineParams *params,
                        double                  x,
                        double                  y,
                        LsTimelineHit          *hit)
{
  LayoutPriv *priv;
  float scroll_y;
  const LsTimelineRow *row;
  guint index;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (LS_IS_TRACE (trace), FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  priv = get_priv (self);
  *hit = (LsTimelineHit) { LS_TIMELINE_HIT_NONE, LS_TRACE_NO_ID, 0, LS_TRACE_NO_ID,
                           ls_timeline_params_x_to_time (params, x), FALSE };
  if (priv->trace != trace || x < 0 || x >= params->width || y < 0 || y >= params->height)
    return FALSE;
  if (y < params->axis_height)
    {
      hit->kind = x >= params->label_width ? LS_TIMELINE_HIT_AXIS : LS_TIMELINE_HIT_NONE;
      return hit->kind != LS_TIMELINE_HIT_NONE;
    }
  if (params->legend_height > 0 && y >= params->height - params->legend_height)
    {
      hit->kind = LS_TIMELINE_HIT_LEGEND;
      return TRUE;
    }
  if (y >= self->counters_top)
    {
      index = (guint) ((y - self->counters_top) / MAX (1.0f, self->counter_h));
      if (priv->n_task_rows + index >= priv->rows->len)
        return FALSE;
      row = &g_array_index (priv->rows, LsTimelineRow, priv->n_task_rows + index);
      hit->kind = LS_TIMELINE_HIT_COUNTER;
      hit->object = row->id;
      return TRUE;
    }

  scroll_y = CLAMP (params->scroll_y, 0.0f, self->max_scroll_y);
  if (y < self->lanes_top || y >= self->lanes_bottom)
    return FALSE;
  index = (guint) ((y - self->lanes_top + scroll_y) / MAX (1.0f, self->lane_h));
  if (index >= priv->n_task_rows)
    return FALSE;
  row = &g_array_index (priv->rows, LsTimelineRow, index);
  hit->task = row->id;
  if (x < params->label_width)
    {
      float tri = 6 + MIN (row->depth, MAX_INDENT_DEPTH) * params->indent;

      hit->kind = LS_TIMELINE_HIT_HEADER;
      hit->disclosure = row->has_children && self->label_stride == 1
                        && x >= tri - 4 && x < tri + DISCLOSURE_WIDTH (params);
      return TRUE;
    }
  hit->kind = ls_trace_task_span_at (trace, row->id, hit->time, &hit->span)
              ? LS_TIMELINE_HIT_SPAN : LS_TIMELINE_HIT_LANE;
  return TRUE;
}

/* Colours */

/* Okabe-Ito colours (distinguishable with the common colour-vision
 * deficiencies), slightly lifted for dark backgrounds. Alpha in the low byte. */
static const guint32 palette_light[LS_TIMELINE_N_COLORS] = {
  [LS_TRACE_STATE_RUNNING]      = 0x009E73FF,
  [LS_TRACE_STATE_READY]        = 0xE69F00FF,
  [LS_TRACE_STATE_READY_LATE]   = 0xD55E00FF,
  [LS_TRACE_STATE_SLEEPING]     = 0x56B4E9FF,
  [LS_TRACE_STATE_AWAIT_TASK]   = 0xC4C4C4FF,
  [LS_TRACE_STATE_AWAIT_FUTURE] = 0xC4C4C4FF,
  [LS_TRACE_STATE_AWAIT_GATHER] = 0xA3A3A3FF,
  [LS_TRACE_STATE_QUEUE_GET]    = 0xCC79A7FF,
  [LS_TRACE_STATE_QUEUE_PUT]    = 0xA5507EFF,
  [LS_TRACE_STATE_SEMAPHORE]    = 0x0072B2FF,
  [LS_TRACE_STATE_LOCK]         = 0x00446CFF,
  [LS_TRACE_STATE_EVENT]        = 0xF0E442FF,
  [LS_TRACE_STATE_CONDITION]    = 0xC9BE2EFF,
  [LS_TRACE_STATE_BARRIER]      = 0x8C8C3AFF,
  [LS_TRACE_STATE_IO]           = 0x7F7F7FFF,
  [LS_TRACE_STATE_BLOCKING]     = 0x000000FF,
  [LS_TRACE_STATE_DONE]         = 0xFFFFFFFF,
  [LS_TIMELINE_COLOR_MIXED]     = 0x808080FF,
  [LS_TIMELINE_COLOR_LANE_BG]   = 0xFFFFFFFF,
  [LS_TIMELINE_COLOR_LANE_BG_ALT] = 0xF4F4F6FF,
  [LS_TIMELINE_COLOR_GRID]      = 0xE2E2E4FF,
  [LS_TIMELINE_COLOR_AXIS]      = 0xB0B0B4FF,
  [LS_TIMELINE_COLOR_TEXT]      = 0x1E1E1EFF,
  [LS_TIMELINE_COLOR_TEXT_DIM]  = 0x5E5E62FF,
  [LS_TIMELINE_COLOR_NOW]       = 0xD55E00FF,
  [LS_TIMELINE_COLOR_HEADER_BG] = 0xFAFAFBFF,
  [LS_TIMELINE_COLOR_SELECTION] = 0x1E1E1EFF,
  [LS_TIMELINE_COLOR_FLOW]      = 0x3D3D46B0,
  [LS_TIMELINE_COLOR_FLOW_CANCEL] = 0xD55E00D0,
  [LS_TIMELINE_COLOR_COUNTER]   = 0x0072B266,
  [LS_TIMELINE_COLOR_COUNTER_LINE] = 0xD55E00FF,
  [LS_TIMELINE_COLOR_CAPACITY]  = 0x5E5E62FF,
  [LS_TIMELINE_COLOR_SUMMARY]   = 0x5E5E6299,
  [LS_TIMELINE_COLOR_END_DONE]  = 0x5E5E62FF,
  [LS_TIMELINE_COLOR_END_FAILED] = 0xE01B24FF,
  [LS_TIMELINE_COLOR_END_CANCELLED] = 0xE66100FF,
};

static const guint32 palette_dark[LS_TIMELINE_N_COLORS] = {
  [LS_TRACE_STATE_RUNNING]      = 0x1FC08FFF,
  [LS_TRACE_STATE_READY]        = 0xF2B233FF,
  [LS_TRACE_STATE_READY_LATE]   = 0xF07A2AFF,
  [LS_TRACE_STATE_SLEEPING]     = 0x6CC3F0FF,
  [LS_TRACE_STATE_AWAIT_TASK]   = 0x5A5A60FF,
  [LS_TRACE_STATE_AWAIT_FUTURE] = 0x5A5A60FF,
  [LS_TRACE_STATE_AWAIT_GATHER] = 0x74747AFF,
  [LS_TRACE_STATE_QUEUE_GET]    = 0xDE93BDFF,
  [LS_TRACE_STATE_QUEUE_PUT]    = 0xBC6A98FF,
  [LS_TRACE_STATE_SEMAPHORE]    = 0x3A8DD6FF,
  [LS_TRACE_STATE_LOCK]         = 0x2467A0FF,
  [LS_TRACE_STATE_EVENT]        = 0xF0E442FF,
  [LS_TRACE_STATE_CONDITION]    = 0xC9BE2EFF,
  [LS_TRACE_STATE_BARRIER]      = 0xA8A850FF,
  [LS_TRACE_STATE_IO]           = 0x9A9A9AFF,
  [LS_TRACE_STATE_BLOCKING]     = 0xF2F2F2FF,
  [LS_TRACE_STATE_DONE]         = 0x000000FF,
  [LS_TIMELINE_COLOR_MIXED]     = 0x909090FF,
  [LS_TIMELINE_COLOR_LANE_BG]   = 0x1E1E1EFF,
  [LS_TIMELINE_COLOR_LANE_BG_ALT] = 0x262628FF,
  [LS_TIMELINE_COLOR_GRID]      = 0x333336FF,
  [LS_TIMELINE_COLOR_AXIS]      = 0x55555AFF,
  [LS_TIMELINE_COLOR_TEXT]      = 0xEEEEEEFF,
  [LS_TIMELINE_COLOR_TEXT_DIM]  = 0xB0B0B4FF,
  [LS_TIMELINE_COLOR_NOW]       = 0xF07A2AFF,
  [LS_TIMELINE_COLOR_HEADER_BG] = 0x242426FF,
  [LS_TIMELINE_COLOR_SELECTION] = 0xFFFFFFFF,
  [LS_TIMELINE_COLOR_FLOW]      = 0xD8D8E0A0,
  [LS_TIMELINE_COLOR_FLOW_CANCEL] = 0xF07A2AD0,
  [LS_TIMELINE_COLOR_COUNTER]   = 0x3A8DD680,
  [LS_TIMELINE_COLOR_COUNTER_LINE] = 0xF07A2AFF,
  [LS_TIMELINE_COLOR_CAPACITY]  = 0xB0B0B4FF,
  [LS_TIMELINE_COLOR_SUMMARY]   = 0xB0B0B499,
  [LS_TIMELINE_COLOR_END_DONE]  = 0xB0B0B4FF,
  [LS_TIMELINE_COLOR_END_FAILED] = 0xFF7B63FF,
  [LS_TIMELINE_COLOR_END_CANCELLED] = 0xFFA348FF,
};

void
ls_timeline_color_rgba (LsTimelineColor color,
                        gboolean        dark,
                        float           rgba[4])
{
  guint32 c;

  g_return_if_fail (color < LS_TIMELINE_N_COLORS);

  c = (dark ? palette_dark : palette_light)[color];
  rgba[0] = ((c >> 24) & 0xff) / 255.0f;
  rgba[1] = ((c >> 16) & 0xff) / 255.0f;
  rgba[2] = ((c >> 8) & 0xff) / 255.0f;
  rgba[3] = (c & 0xff) / 255.0f;
}

const char *
ls_timeline_state_label (LsTraceState state)
{
  const char *label;

  switch (state)
    {
    case LS_TRACE_STATE_RUNNING: label = N_("running"); break;
    case LS_TRACE_STATE_READY: label = N_("ready"); break;
    case LS_TRACE_STATE_READY_LATE: label = N_("ready (late)"); break;
    case LS_TRACE_STATE_SLEEPING: label = N_("sleeping"); break;
    case LS_TRACE_STATE_AWAIT_TASK: label = N_("awaiting task"); break;
    case LS_TRACE_STATE_AWAIT_FUTURE: label = N_("awaiting future"); break;
    case LS_TRACE_STATE_AWAIT_GATHER: label = N_("gather"); break;
    case LS_TRACE_STATE_QUEUE_GET: label = N_("queue get"); break;
    case LS_TRACE_STATE_QUEUE_PUT: label = N_("queue put"); break;
    case LS_TRACE_STATE_SEMAPHORE: label = N_("semaphore"); break;
    case LS_TRACE_STATE_LOCK: label = N_("lock"); break;
    case LS_TRACE_STATE_EVENT: label = N_("event"); break;
    case LS_TRACE_STATE_CONDITION: label = N_("condition"); break;
    case LS_TRACE_STATE_BARRIER: label = N_("barrier"); break;
    case LS_TRACE_STATE_IO: label = N_("I/O"); break;
    case LS_TRACE_STATE_BLOCKING: label = N_("blocking"); break;
    case LS_TRACE_STATE_DONE: label = N_("done"); break;
    case LS_TRACE_N_STATES:
    default: return "?";
    }
  return g_dgettext (GETTEXT_PACKAGE, label);
}

const char *
ls_timeline_end_label (LsTraceEnd end)
{
  const char *label;

  switch (end)
    {
    case LS_TRACE_END_RUNNING: label = N_("running"); break;
    case LS_TRACE_END_DONE: label = N_("returned"); break;
    case LS_TRACE_END_FAILED: label = N_("raised"); break;
    case LS_TRACE_END_CANCELLED: label = N_("cancelled"); break;
    case LS_TRACE_N_ENDS:
    default: return "?";
    }
  return g_dgettext (GETTEXT_PACKAGE, label);
}
