/* test-layout.c: the backend-free timeline layout: lanes grouped under their
 * parent task and collapsing, culling, lane compression, level of detail,
 * counter tracks, flows, ticks, hit testing, palette, hidden internal tasks,
 * the main task's label and the marks of how tasks ended.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ls-timeline-layout.h"

#define MS G_GINT64_CONSTANT (1000000)

static guint
count_task_rects (LsTimelineLayout *layout,
                  gint              task)
{
  guint n = 0;

  for (guint i = 0; i < layout->rects->len; i++)
    if (g_array_index (layout->rects, LsTimelineRect, i).task == task)
      n++;
  return n;
}

static const LsTimelineRect *
first_task_rect (LsTimelineLayout *layout,
                 gint              task)
{
  for (guint i = 0; i < layout->rects->len; i++)
    if (g_array_index (layout->rects, LsTimelineRect, i).task == task)
      return &g_array_index (layout->rects, LsTimelineRect, i);
  return NULL;
}

static gboolean
has_text (LsTimelineLayout *layout,
          const char       *text)
{
  for (guint i = 0; i < layout->texts->len; i++)
    if (g_str_equal (g_array_index (layout->texts, LsTimelineText, i).text, text))
      return TRUE;
  return FALSE;
}

static guint
count_lines (LsTimelineLayout *layout,
             LsTimelineColor   color,
             gboolean          arrow)
{
  guint n = 0;

  for (guint i = 0; i < layout->lines->len; i++)
    {
      const LsTimelineLine *l = &g_array_index (layout->lines, LsTimelineLine, i);

      if (l->color == color && l->arrow == arrow)
        n++;
    }
  return n;
}

/* @n_tasks tasks, task t from t ms: READY 1 ms, RUNNING 1 ms, SLEEPING 8 ms. */
static LsTrace *
make_trace (guint n_tasks)
{
  LsTrace *trace = ls_trace_new ();

  for (guint t = 0; t < n_tasks; t++)
    {
      gint id = ls_trace_add_task (trace, t * MS, NULL, -1, LS_TRACE_TASK_KIND_TASK, 1);

      ls_trace_task_set_state (trace, id, t * MS + MS, LS_TRACE_STATE_RUNNING, -1, 2);
      ls_trace_task_set_state (trace, id, t * MS + 2 * MS, LS_TRACE_STATE_SLEEPING, -1, 3);
      ls_trace_task_end (trace, id, t * MS + 10 * MS, LS_TRACE_END_DONE, NULL);
    }
  return trace;
}

static void
params_for (LsTimelineParams *params,
            gint64            t1)
{
  ls_timeline_params_init (params);
  params->t1 = t1;
  params->width = 1140;
  params->height = 600;
}

static void
test_lanes (void)
{
  g_autoptr(LsTrace) trace = make_trace (3);
  g_autoptr(LsTimelineLayout) layout = ls_timeline_layout_new ();
  LsTimelineParams params;

  params_for (&params, 20 * MS);
  ls_timeline_layout_compute (layout, trace, &params);

  g_assert_cmpuint (layout->n_lanes, ==, 3);
  g_assert_cmpfloat (layout->lane_h, ==, params.lane_height);
  for (gint t = 0; t < 3; t++)
    g_assert_cmpuint (count_task_rects (layout, t), ==, 3);
  /* Spans are contiguous: the running rect starts where ready ends. */
  for (guint i = 0; i + 1 < layout->rects->len; i++)
    {
      LsTimelineRect *a = &g_array_index (layout->rects, LsTimelineRect, i);
      LsTimelineRect *b = &g_array_index (layout->rects, LsTimelineRect, i + 1);

      if (a->task == 0 && b->task == 0)
        g_assert_cmpfloat_with_epsilon (a->x + a->w, b->x, 0.01);
    }
  g_assert_true (has_text (layout, "Task-1"));
}

/* main creates a and b; a creates a1 and a2. */
static LsTrace *
make_family (void)
{
  LsTrace *trace = ls_trace_new ();
  gint main_id = ls_trace_add_task (trace, 0, "main", -1, LS_TRACE_TASK_KIND_MAIN, 1);
  gint a = ls_trace_add_task (trace, 1 * MS, "a", main_id, LS_TRACE_TASK_KIND_TASK, 2);
  gint b = ls_trace_add_task (trace, 2 * MS, "b", main_id, LS_TRACE_TASK_KIND_TASK, 3);
  gint a1 = ls_trace_add_task (trace, 3 * MS, "a1", a, LS_TRACE_TASK_KIND_TASK, 4);
  gint a2 = ls_trace_add_task (trace, 4 * MS, "a2", a, LS_TRACE_TASK_KIND_TASK, 5);

  g_assert_cmpint (b, ==, 2);
  ls_trace_task_set_state (trace, a2, 5 * MS, LS_TRACE_STATE_RUNNING, -1, 7);
  ls_trace_task_end (trace, a1, 8 * MS, LS_TRACE_END_DONE, NULL);
  ls_trace_task_end (trace, a2, 9 * MS, LS_TRACE_END_DONE, NULL);
  ls_trace_set_now (trace, 10 * MS);
  return trace;
}

static void
test_grouping_and_collapse (void)
{
  g_autoptr(LsTrace) trace = make_family ();
  g_autoptr(LsTimelineLayout) layout = ls_timeline_layout_new ();
  LsTimelineParams params;
  const gint expanded[] = { 0, 1, 3, 4, 2 };   /* main, a, a1, a2, b */
  const LsTimelineRow *row;

  params_for (&params, 20 * MS);
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_cmpuint (layout->n_lanes, ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (expanded); i++)
    g_assert_cmpint (ls_timeline_layout_get_row (layout, i)->id, ==, expanded[i]);
  g_assert_cmpuint (ls_timeline_layout_get_row (layout, 2)->depth, ==, 2);
  g_assert_true (ls_timeline_layout_get_row (layout, 1)->has_children);
  g_assert_false (ls_timeline_layout_get_row (layout, 4)->has_children);

  /* Collapsing a folds a1 and a2 into its lane. */
  ls_timeline_layout_set_collapsed (layout, 1, TRUE);
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_cmpuint (layout->n_lanes, ==, 3);
  row = ls_timeline_layout_get_row (layout, 1);
  g_assert_true (row->collapsed);
  g_assert_cmpuint (row->n_hidden, ==, 2);
  g_assert_cmpint (ls_timeline_layout_get_row (layout, 2)->id, ==, 2);
  g_assert_cmpint (ls_timeline_layout_task_row (layout, 3), ==, 1);
  g_assert_true (has_text (layout, "a (+2)"));
  g_assert_false (has_text (layout, "a1"));
  /* The summary bar of a's children: from 3 ms to 9 ms. */
  g_assert_cmpuint (count_task_rects (layout, 1), >=, 2);

  /* A task added under a collapsed parent stays folded; collapsing the root
   * folds everything. */
  ls_trace_add_task (trace, 10 * MS, "a3", 1, LS_TRACE_TASK_KIND_TASK, 6);
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_cmpuint (layout->n_lanes, ==, 3);
  g_assert_cmpuint (ls_timeline_layout_get_row (layout, 1)->n_hidden, ==, 3);
  ls_timeline_layout_set_collapsed (layout, 0, TRUE);
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_cmpuint (layout->n_lanes, ==, 1);
  g_assert_cmpuint (ls_timeline_layout_get_row (layout, 0)->n_hidden, ==, 5);

  ls_timeline_layout_set_collapsed (layout, 0, FALSE);
  ls_timeline_layout_set_collapsed (layout, 1, FALSE);
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_cmpuint (layout->n_lanes, ==, 6);

  /* Another trace starts from scratch. */
  ls_timeline_layout_set_collapsed (layout, 0, TRUE);
  {
    g_autoptr(LsTrace) other = make_trace (4);

    ls_timeline_layout_compute (layout, other, &params);
    g_assert_cmpuint (layout->n_lanes, ==, 4);
  }
}

static void
test_culling (void)
{
  g_autoptr(LsTrace) trace = make_trace (100);
  g_autoptr(LsTimelineLayout) layout = ls_timeline_layout_new ();
  LsTimelineParams params;

  params_for (&params, 200 * MS);
  params.min_lane_height = params.lane_height;   /* no compression */
  params.height = params.axis_height + params.legend_height + 5 * params.lane_height;
  params.scroll_y = 10 * params.lane_height;
  ls_timeline_layout_compute (layout, trace, &params);

  g_assert_cmpuint (layout->n_lanes, ==, 100);
  g_assert_cmpuint (count_task_rects (layout, 9), ==, 0);
  g_assert_cmpuint (count_task_rects (layout, 10), ==, 3);
  g_assert_cmpuint (count_task_rects (layout, 14), ==, 3);
  g_assert_cmpuint (count_task_rects (layout, 15), ==, 0);
  g_assert_cmpfloat (layout->max_scroll_y, ==, 95 * params.lane_height);
  /* Nothing is drawn outside the lanes' area. */
  for (guint i = 0; i < layout->rects->len; i++)
    {
      const LsTimelineRect *r = &g_array_index (layout->rects, LsTimelineRect, i);

      if (r->task >= 0)
        {
          g_assert_cmpfloat (r->y, >=, layout->lanes_top);
          g_assert_cmpfloat (r->y + r->h, <=, layout->lanes_bottom + 0.01);
        }
    }
}

static void
test_compression (void)
{
  g_autoptr(LsTrace) trace = make_trace (1000);
  g_autoptr(LsTimelineLayout) layout = ls_timeline_layout_new ();
  LsTimelineParams params;
  float avail;

  params_for (&params, 1100 * MS);
  params.height = params.axis_height + params.legend_height + 500;
  avail = 500;

  /* 1000 lanes in 500 px: 2 px each (the minimum), names on every n-th one. */
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_cmpfloat (layout->lane_h, ==, 2);
  g_assert_cmpuint (layout->label_stride, >, 1);
  g_assert_cmpfloat (layout->content_height, ==, 2000);
  g_assert_cmpfloat (layout->max_scroll_y, ==, 2000 - avail);
  g_assert_cmpuint (layout->texts->len, <, 100);
  /* Only the visible lanes were looked at. */
  g_assert_cmpuint (count_task_rects (layout, 249), >, 0);
  g_assert_cmpuint (count_task_rects (layout, 250), ==, 0);

  /* 50 lanes: thinner than the default, no scrolling, every lane named. */
  {
    g_autoptr(LsTrace) fifty = make_trace (50);

    params.height = params.axis_height + params.legend_height + 50 * 18;
    ls_timeline_layout_compute (layout, fifty, &params);
    g_assert_cmpfloat (layout->lane_h, ==, 18);
    g_assert_cmpfloat (layout->max_scroll_y, ==, 0);
    g_assert_cmpuint (layout->label_stride, ==, 1);
    g_assert_true (has_text (layout, "Task-50"));
  }
}

static void
test_level_of_detail (void)
{
  g_autoptr(LsTrace) trace = ls_trace_new ();
  g_autoptr(LsTimelineLayout) layout = ls_timeline_layout_new ();
  LsTimelineParams params;
  gint id = ls_trace_add_task (trace, 0, "busy", -1, LS_TRACE_TASK_KIND_TASK, 1);
  const guint n = 200000;

  for (guint i = 1; i <= n; i++)
    ls_trace_task_set_state (trace, id, i * 1000,
                             i % 2 ? LS_TRACE_STATE_RUNNING : LS_TRACE_STATE_READY, -1, 1);
  ls_trace_task_end (trace, id, (n + 1) * 1000, LS_TRACE_END_DONE, NULL);

  params_for (&params, (n + 1) * 1000);
  params.label_width = 96;
  params.width = 1096;
  ls_timeline_layout_compute (layout, trace, &params);

  /* Every column holds running and ready: it shows running (the sampled
   * state alone would alias to one of them), and the columns merge into one
   * rect across the lane. A few spans looked at per column, not 200,000. */
  g_assert_cmpuint (count_task_rects (layout, id), <=, 3);
  {
    float running_w = 0;

    for (guint i = 0; i < layout->rects->len; i++)
      {
        const LsTimelineRect *r = &g_array_index (layout->rects, LsTimelineRect, i);

        if (r->task == id && r->color == (LsTimelineColor) LS_TRACE_STATE_RUNNING)
          running_w += r->w;
      }
    g_assert_cmpfloat (running_w, >=, 998);
  }
  g_assert_cmpuint (layout->n_spans_visited, <=, 20 * 1000);

  /* Sparse running among long waits still shows where it ran. */
  {
    g_autoptr(LsTrace) sparse = ls_trace_new ();
    gint s = ls_trace_add_task (sparse, 0, "sparse", -1, LS_TRACE_TASK_KIND_TASK, 1);
    guint n_running = 0, n_sleeping = 0;

    for (guint i = 0; i < 1000; i++)
      {
        ls_trace_task_set_state (sparse, s, i * 100000 + 1, LS_TRACE_STATE_SLEEPING, -1, 1);
        if (i % 100 == 50)
          ls_trace_task_set_state (sparse, s, i * 100000 + 500, LS_TRACE_STATE_RUNNING, -1, 1);
        ls_trace_task_set_state (sparse, s, i * 100000 + 600, LS_TRACE_STATE_READY, -1, 1);
      }
    ls_trace_task_end (sparse, s, 1000 * 100000, LS_TRACE_END_DONE, NULL);
    params.t0 = 0;
    params.t1 = 1000 * 100000;
    ls_timeline_layout_compute (layout, sparse, &params);
    for (guint i = 0; i < layout->rects->len; i++)
      {
        const LsTimelineRect *r = &g_array_index (layout->rects, LsTimelineRect, i);

        if (r->task == s && r->color == (LsTimelineColor) LS_TRACE_STATE_RUNNING)
          n_running++;
        else if (r->task == s)
          n_sleeping++;
      }
    g_assert_cmpuint (n_running, ==, 10);
    g_assert_cmpuint (n_sleeping, >, 0);
  }

  /* Zoomed in on 10 spans: each its own rect. */
  params.t0 = 50000 * 1000;
  params.t1 = params.t0 + 10 * 1000;
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_cmpuint (count_task_rects (layout, id), ==, 10);
  g_assert_cmpuint (layout->n_spans_visited, <=, 12);
}

static void
test_open_span_grows (void)
{
  g_autoptr(LsTrace) trace = ls_trace_new ();
  g_autoptr(LsTimelineLayout) layout = ls_timeline_layout_new ();
  LsTimelineParams params;
  gint id = ls_trace_add_task (trace, 0, "live", -1, LS_TRACE_TASK_KIND_TASK, 1);
  float w1, w2;

  params_for (&params, 100 * MS);
  params.now = 10 * MS;
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_cmpuint (count_task_rects (layout, id), ==, 1);
  w1 = first_task_rect (layout, id)->w;
  params.now = 50 * MS;
  ls_timeline_layout_compute (layout, trace, &params);
  w2 = first_task_rect (layout, id)->w;
  g_assert_cmpfloat (w2, >, w1 * 4);
}

/* Steps (running in no time) show as thin running marks, at most one per
 * couple of pixels however many there are. */
static void
test_steps (void)
{
  g_autoptr(LsTrace) trace = ls_trace_new ();
  g_autoptr(LsTimelineLayout) layout = ls_timeline_layout_new ();
  LsTimelineParams params;
  gint id = ls_trace_add_task (trace, 0, "stepper", -1, LS_TRACE_TASK_KIND_TASK, 1);
  guint n_marks = 0;

  /* Runs at 10, 20 and 30 ms, sleeping in between; then 100,000 steps in
   * the next 10 ms. */
  for (guint i = 1; i <= 3; i++)
    {
      ls_trace_task_set_state (trace, id, i * 10 * MS, LS_TRACE_STATE_RUNNING, -1, 2);
      ls_trace_task_set_state (trace, id, i * 10 * MS, LS_TRACE_STATE_SLEEPING, -1, 3);
    }
  g_assert_cmpuint (ls_trace_task_get_n_steps (trace, id), ==, 3);
  params_for (&params, 40 * MS);
  ls_timeline_layout_compute (layout, trace, &params);
  for (guint i = 0; i < layout->rects->len; i++)
    {
      const LsTimelineRect *r = &g_array_index (layout->rects, LsTimelineRect, i);

      if (r->task == id && r->color == (LsTimelineColor) LS_TRACE_STATE_RUNNING)
        {
          g_assert_cmpfloat (r->w, <=, 2);
          n_marks++;
        }
    }
  g_assert_cmpuint (n_marks, ==, 3);
  g_assert_true (has_text (layout, "running"));

  for (guint i = 0; i < 100000; i++)
    {
      gint64 t = 40 * MS + i * 100;

      ls_trace_task_set_state (trace, id, t, LS_TRACE_STATE_RUNNING, -1, 2);
      ls_trace_task_set_state (trace, id, t, LS_TRACE_STATE_READY, -1, 3);
      ls_trace_task_set_state (trace, id, t + 50, LS_TRACE_STATE_SLEEPING, -1, 3);
    }
  params.t0 = 40 * MS;
  params.t1 = 50 * MS;
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_cmpuint (layout->n_spans_visited, <=, 4000);
}

static void
test_counters (void)
{
  g_autoptr(LsTrace) trace = make_trace (2);
  g_autoptr(LsTimelineLayout) layout = ls_timeline_layout_new ();
  LsTimelineParams params;
  gint sem = ls_trace_add_object (trace, 0, LS_TRACE_OBJECT_SEMAPHORE, "sem", 3);
  gint fut = ls_trace_add_object (trace, 0, LS_TRACE_OBJECT_FUTURE, "fut", 0);
  gint lock = ls_trace_add_object (trace, 0, LS_TRACE_OBJECT_LOCK, "lock", 1);
  const LsTimelineRow *row;
  guint n_fill = 0;
  float max_fill_h = 0;

  ls_trace_object_sample (trace, sem, "free", 0, 3);
  ls_trace_object_sample (trace, sem, "free", 2 * MS, 1);
  ls_trace_object_sample (trace, sem, "free", 5 * MS, 0);
  ls_trace_object_sample (trace, sem, "waiters", 5 * MS, 2);
  ls_trace_object_sample (trace, sem, "free", 8 * MS, 3);
  ls_trace_object_sample (trace, fut, "x", 0, 1);
  g_assert_cmpint (lock, >=, 0);   /* no samples: no track */

  params_for (&params, 20 * MS);
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_cmpuint (layout->n_counters, ==, 1);
  row = ls_timeline_layout_get_row (layout, layout->n_lanes);
  g_assert_cmpint (row->kind, ==, LS_TIMELINE_ROW_COUNTER);
  g_assert_cmpint (row->id, ==, sem);
  g_assert_true (has_text (layout, "sem"));
  /* Each series' value at the playhead, or now (10 ms) without one. */
  g_assert_true (has_text (layout, "free 3/3 · waiters 2"));
  params.playhead = 6 * MS;
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_true (has_text (layout, "free 0/3 · waiters 2"));
  params.playhead = 1 * MS;
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_true (has_text (layout, "free 3/3 · waiters 0"));
  params.playhead = LS_TRACE_TIME_NONE;
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_cmpfloat (layout->counters_top, <, params.height - params.legend_height);
  g_assert_cmpfloat (layout->lanes_bottom, <=, layout->counters_top);

  /* "free" filled: 3, 1, (0 draws nothing), 3 until now (10 ms). */
  for (guint i = 0; i < layout->rects->len; i++)
    {
      const LsTimelineRect *r = &g_array_index (layout->rects, LsTimelineRect, i);

      if (r->color == LS_TIMELINE_COLOR_COUNTER)
        {
          n_fill++;
          g_assert_cmpfloat (r->y, >=, layout->counters_top);
          g_assert_cmpfloat (r->y + r->h, <=, layout->counters_top + layout->counter_h);
          max_fill_h = MAX (max_fill_h, r->h);
        }
    }
  g_assert_cmpuint (n_fill, ==, 3);
  /* The capacity line sits exactly at the top of a full semaphore's fill. */
  g_assert_cmpuint (count_lines (layout, LS_TIMELINE_COLOR_CAPACITY, FALSE), ==, 1);
  {
    const LsTimelineLine *cap = NULL;

    for (guint i = 0; i < layout->lines->len; i++)
      if (g_array_index (layout->lines, LsTimelineLine, i).color == LS_TIMELINE_COLOR_CAPACITY)
        cap = &g_array_index (layout->lines, LsTimelineLine, i);
    for (guint i = 0; i < layout->rects->len; i++)
      {
        const LsTimelineRect *r = &g_array_index (layout->rects, LsTimelineRect, i);

        if (r->color == LS_TIMELINE_COLOR_COUNTER && r->h == max_fill_h)
          g_assert_cmpfloat_with_epsilon (r->y, cap->y0, 0.01);
      }
  }
  /* "waiters" as a line: up to 2 at 5 ms, back to... nothing recorded, so it
   * stays at 2 until now. */
  g_assert_cmpuint (count_lines (layout, LS_TIMELINE_COLOR_COUNTER_LINE, FALSE), >=, 1);

  /* Waiters far above the capacity stay inside the track. */
  ls_trace_object_sample (trace, sem, "waiters", 9 * MS, 30);
  ls_trace_set_now (trace, 12 * MS);
  ls_timeline_layout_compute (layout, trace, &params);
  for (guint i = 0; i < layout->lines->len; i++)
    {
      const LsTimelineLine *l = &g_array_index (layout->lines, LsTimelineLine, i);

      if (l->color == LS_TIMELINE_COLOR_COUNTER_LINE)
        g_assert_cmpfloat (MIN (l->y0, l->y1), >=, layout->counters_top);
    }
}

static void
test_counter_level_of_detail (void)
{
  g_autoptr(LsTrace) trace = ls_trace_new ();
  g_autoptr(LsTimelineLayout) layout = ls_timeline_layout_new ();
  LsTimelineParams params;
  gint q = ls_trace_add_object (trace, 0, LS_TRACE_OBJECT_QUEUE, "q", 0);

  for (guint i = 0; i < 100000; i++)
    ls_trace_object_sample (trace, q, "size", i * 1000, i % 7);
  ls_trace_set_now (trace, 100000 * 1000);

  params_for (&params, 100000 * 1000);
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_cmpuint (layout->n_counters, ==, 1);
  /* At most about one column per pixel, a few samples looked at per column. */
  g_assert_cmpuint (layout->n_spans_visited, <=, 2 * 1000);
}

static void
test_flows (void)
{
  g_autoptr(LsTrace) trace = make_trace (3);
  g_autoptr(LsTimelineLayout) layout = ls_timeline_layout_new ();
  LsTimelineParams params;

  ls_trace_add_flow (trace, LS_TRACE_FLOW_SPAWN, 0, 1, 1 * MS, 1 * MS, -1);
  ls_trace_add_flow (trace, LS_TRACE_FLOW_AWAIT, 0, 2, 2 * MS, 2 * MS, -1);
  ls_trace_add_flow (trace, LS_TRACE_FLOW_WAKE, 1, 0, 5 * MS, 5 * MS, -1);
  ls_trace_add_flow (trace, LS_TRACE_FLOW_TIMEOUT, -1, 2, 9 * MS, 9 * MS, -1);
  ls_trace_add_flow (trace, LS_TRACE_FLOW_CANCEL, 0, 1, 30 * MS, 30 * MS, -1);

  /* [0, 20 ms]: the await, the wake-up and the timeout; no spawn; not the
   * cancellation at 30 ms. */
  params_for (&params, 20 * MS);
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_cmpuint (layout->n_flows_drawn, ==, 3);
  g_assert_cmpuint (count_lines (layout, LS_TIMELINE_COLOR_FLOW, TRUE), ==, 2);
  g_assert_cmpuint (count_lines (layout, LS_TIMELINE_COLOR_FLOW_CANCEL, TRUE), ==, 1);

  /* [4 ms, 40 ms]: the wake-up, the timeout, the cancellation. */
  params.t0 = 4 * MS;
  params.t1 = 40 * MS;
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_cmpuint (layout->n_flows_drawn, ==, 3);

  /* Too many for the limit: only the focus task's. */
  params.max_flows = 1;
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_cmpuint (layout->n_flows_drawn, ==, 0);
  params.focus_task = 2;
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_cmpuint (layout->n_flows_drawn, ==, 1);
}

static void
test_ticks (void)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;
  g_autofree char *e = NULL;
  g_autofree char *f = NULL;

  g_assert_cmpint (ls_timeline_tick_step (10 * 1000 * MS, 1000, 90), ==, 1000 * MS);
  g_assert_cmpint (ls_timeline_tick_step (1000 * MS, 1000, 90), ==, 100 * MS);
  g_assert_cmpint (ls_timeline_tick_step (3000 * MS, 1000, 90), ==, 500 * MS);
  g_assert_cmpint (ls_timeline_tick_step (2000, 1000, 90), ==, 200);
  g_assert_cmpint (ls_timeline_tick_step (30 * MS, 1000, 90), ==, 5 * MS);
  a = ls_timeline_format_time (1500 * MS, 500 * MS);
  b = ls_timeline_format_time (250 * MS, 50 * MS);
  c = ls_timeline_format_time (2000 * MS, 1000 * MS);
  d = ls_timeline_format_time (1200, 200);
  g_assert_cmpstr (a, ==, "1.5 s");
  g_assert_cmpstr (b, ==, "250 ms");
  g_assert_cmpstr (c, ==, "2 s");
  g_assert_cmpstr (d, ==, "1.2 µs");
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&b, g_free);
  a = ls_timeline_format_time (1020 * MS, 20 * MS);
  b = ls_timeline_format_time (980 * MS, 20 * MS);
  g_assert_cmpstr (a, ==, "1.02 s");
  g_assert_cmpstr (b, ==, "980 ms");
  e = ls_timeline_format_duration (1234 * MS);
  f = ls_timeline_format_duration (250 * 1000);
  g_assert_cmpstr (e, ==, "1.23 s");
  g_assert_cmpstr (f, ==, "250 µs");
}

static void
test_axis (void)
{
  g_autoptr(LsTrace) trace = make_trace (1);
  g_autoptr(LsTimelineLayout) layout = ls_timeline_layout_new ();
  LsTimelineParams params;
  guint n_ticks = 0;

  params_for (&params, 1000 * MS);
  ls_timeline_layout_compute (layout, trace, &params);
  /* 1000 px for 1 s with ticks at least 90 px apart: every 100 ms. */
  for (guint i = 0; i < layout->texts->len; i++)
    {
      const LsTimelineText *t = &g_array_index (layout->texts, LsTimelineText, i);

      if (t->y < params.axis_height && g_str_has_suffix (t->text, "s"))
        n_ticks++;
    }
  g_assert_true (has_text (layout, "300 ms"));
  g_assert_true (has_text (layout, "900 ms"));
  g_assert_cmpuint (n_ticks, >=, 9);
  g_assert_cmpuint (n_ticks, <=, 11);
}

static void
test_hit (void)
{
  g_autoptr(LsTrace) trace = make_family ();
  g_autoptr(LsTimelineLayout) layout = ls_timeline_layout_new ();
  LsTimelineParams params;
  LsTimelineHit hit;
  double x;
  float lane_y;

  params_for (&params, 20 * MS);
  ls_timeline_layout_compute (layout, trace, &params);

  /* Lane 3 is a2 (main, a, a1, a2, b): READY from 4 ms, RUNNING from 5 ms. */
  x = ls_timeline_params_time_to_x (&params, 6 * MS);
  lane_y = layout->lanes_top + 3.5f * layout->lane_h;
  g_assert_true (ls_timeline_layout_hit (layout, trace, &params, x, lane_y, &hit));
  g_assert_cmpint (hit.kind, ==, LS_TIMELINE_HIT_SPAN);
  g_assert_cmpint (hit.task, ==, 4);
  g_assert_cmpuint (hit.span, ==, 1);
  g_assert_cmpint (hit.time, ==, 6 * MS);

  /* Before a2 existed: its lane, no span. */
  x = ls_timeline_params_time_to_x (&params, 1 * MS);
  g_assert_true (ls_timeline_layout_hit (layout, trace, &params, x, lane_y, &hit));
  g_assert_cmpint (hit.kind, ==, LS_TIMELINE_HIT_LANE);

  /* a's header: its triangle, and its name. */
  lane_y = layout->lanes_top + 1.5f * layout->lane_h;
  g_assert_true (ls_timeline_layout_hit (layout, trace, &params, 6 + params.indent + 4, lane_y,
                                         &hit));
  g_assert_cmpint (hit.kind, ==, LS_TIMELINE_HIT_HEADER);
  g_assert_cmpint (hit.task, ==, 1);
  g_assert_true (hit.disclosure);
  g_assert_true (ls_timeline_layout_hit (layout, trace, &params, params.label_width - 10, lane_y,
                                         &hit));
  g_assert_false (hit.disclosure);

  /* The axis, the legend, below the last lane. */
  x = ls_timeline_params_time_to_x (&params, 10 * MS);
  g_assert_true (ls_timeline_layout_hit (layout, trace, &params, x, 5, &hit));
  g_assert_cmpint (hit.kind, ==, LS_TIMELINE_HIT_AXIS);
  g_assert_cmpint (hit.time, ==, 10 * MS);
  g_assert_true (ls_timeline_layout_hit (layout, trace, &params, x, params.height - 3, &hit));
  g_assert_cmpint (hit.kind, ==, LS_TIMELINE_HIT_LEGEND);
  g_assert_false (ls_timeline_layout_hit (layout, trace, &params, x,
                                          layout->lanes_top + 5.5f * layout->lane_h, &hit));

  /* Collapsed: a's lane now holds a1 and a2; the lane below is b. */
  ls_timeline_layout_set_collapsed (layout, 1, TRUE);
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_true (ls_timeline_layout_hit (layout, trace, &params, 50,
                                         layout->lanes_top + 2.5f * layout->lane_h, &hit));
  g_assert_cmpint (hit.task, ==, 2);
}

static void
test_selection_and_playhead (void)
{
  g_autoptr(LsTrace) trace = make_trace (2);
  g_autoptr(LsTimelineLayout) layout = ls_timeline_layout_new ();
  LsTimelineParams params;
  double x;
  guint n_now = 0;

  params_for (&params, 20 * MS);
  params.selected_task = 1;
  params.selected_span = 1;       /* RUNNING, 2..3 ms */
  params.playhead = 7 * MS;
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_cmpuint (count_lines (layout, LS_TIMELINE_COLOR_SELECTION, FALSE), ==, 4);
  x = ls_timeline_params_time_to_x (&params, 7 * MS);
  for (guint i = 0; i < layout->lines->len; i++)
    {
      const LsTimelineLine *l = &g_array_index (layout->lines, LsTimelineLine, i);

      if (l->color == LS_TIMELINE_COLOR_NOW)
        {
          g_assert_cmpfloat_with_epsilon (l->x0, x, 0.01);
          n_now++;
        }
    }
  g_assert_cmpuint (n_now, ==, 1);

  /* Out of view: neither is drawn. */
  params.t0 = 10 * MS;
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_cmpuint (count_lines (layout, LS_TIMELINE_COLOR_SELECTION, FALSE), ==, 0);
  g_assert_cmpuint (count_lines (layout, LS_TIMELINE_COLOR_NOW, FALSE), ==, 0);
}

static float
measure_wide (const char *text,
              gpointer    user_data)
{
  return 100.0f * strlen (text);
}

static void
test_legend (void)
{
  g_autoptr(LsTrace) trace = make_trace (1);
  g_autoptr(LsTimelineLayout) layout = ls_timeline_layout_new ();
  LsTimelineParams params;

  /* The legend names the states on screen. */
  params_for (&params, 20 * MS);
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_true (has_text (layout, "running"));
  g_assert_true (has_text (layout, "ready"));
  g_assert_true (has_text (layout, "sleeping"));
  g_assert_false (has_text (layout, "semaphore"));

  /* Entries that do not fit are left out, not drawn past the edge. */
  params.measure = measure_wide;
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_true (has_text (layout, "running"));
  g_assert_false (has_text (layout, "ready"));

  /* Nothing in view: the common states. */
  params.measure = NULL;
  params.t0 = 100 * MS;
  params.t1 = 200 * MS;
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_true (has_text (layout, "semaphore"));
}

/* main, then the two tasks asyncio.run() makes at shutdown (internal), one
 * of them with a child of its own, and a flow from main to the first. */
static void
test_internal_hidden (void)
{
  g_autoptr(LsTrace) trace = ls_trace_new ();
  g_autoptr(LsTimelineLayout) layout = ls_timeline_layout_new ();
  LsTimelineParams params;
  gint main_id = ls_trace_add_task (trace, 0, "Task-1", -1, LS_TRACE_TASK_KIND_MAIN, 1);
  gint gens = ls_trace_add_task (trace, 5 * MS, "Task-2", -1, LS_TRACE_TASK_KIND_INTERNAL, 0);
  gint exec = ls_trace_add_task (trace, 5 * MS, "Task-3", -1, LS_TRACE_TASK_KIND_INTERNAL, 0);
  gint child = ls_trace_add_task (trace, 6 * MS, "Task-4", exec, LS_TRACE_TASK_KIND_TASK, 0);

  ls_trace_add_flow (trace, LS_TRACE_FLOW_WAKE, main_id, gens, 4 * MS, 5 * MS, LS_TRACE_NO_ID);
  ls_trace_set_now (trace, 10 * MS);
  params_for (&params, 10 * MS);

  /* Hidden by default: no lane, no rect, no arrow, no name. */
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_cmpuint (layout->n_lanes, ==, 1);
  g_assert_cmpuint (count_task_rects (layout, gens), ==, 0);
  g_assert_cmpuint (count_task_rects (layout, exec), ==, 0);
  g_assert_cmpuint (count_task_rects (layout, child), ==, 0);
  g_assert_cmpint (ls_timeline_layout_task_row (layout, gens), ==, -1);
  g_assert_cmpint (ls_timeline_layout_task_row (layout, child), ==, -1);
  g_assert_cmpuint (layout->n_flows_drawn, ==, 0);
  g_assert_false (has_text (layout, "Task-2"));

  /* Asked for, they are lanes like any other. */
  params.show_internal = TRUE;
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_cmpuint (layout->n_lanes, ==, 4);
  g_assert_cmpuint (count_task_rects (layout, gens), >, 0);
  g_assert_cmpint (ls_timeline_layout_task_row (layout, child), ==, 3);
  g_assert_cmpuint (layout->n_flows_drawn, ==, 1);
  g_assert_true (has_text (layout, "Task-2"));

  params.show_internal = FALSE;
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_cmpuint (layout->n_lanes, ==, 1);
}

static void
test_main_label (void)
{
  g_autoptr(LsTrace) trace = ls_trace_new ();
  g_autoptr(LsTimelineLayout) layout = ls_timeline_layout_new ();
  LsTimelineParams params;

  ls_trace_add_task (trace, 0, "Task-1", -1, LS_TRACE_TASK_KIND_MAIN, 1);
  ls_trace_add_task (trace, 0, "Task-2", 0, LS_TRACE_TASK_KIND_TASK, 1);
  ls_trace_set_now (trace, 10 * MS);
  params_for (&params, 10 * MS);
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_true (has_text (layout, "Task-1 (main)"));
  g_assert_true (has_text (layout, "Task-2"));
  g_assert_false (has_text (layout, "Task-2 (main)"));
}

/* The lines of @color, and whether one of them starts at @x within a pixel. */
static guint
count_lines_at (LsTimelineLayout *layout,
                LsTimelineColor   color,
                double            x)
{
  guint n = 0;

  for (guint i = 0; i < layout->lines->len; i++)
    {
      const LsTimelineLine *l = &g_array_index (layout->lines, LsTimelineLine, i);

      if (l->color == color && fabs (MIN (l->x0, l->x1) - x) <= 1.5)
        n++;
    }
  return n;
}

static void
test_end_markers (void)
{
  g_autoptr(LsTrace) trace = ls_trace_new ();
  g_autoptr(LsTimelineLayout) layout = ls_timeline_layout_new ();
  LsTimelineParams params;
  gint done = ls_trace_add_task (trace, 0, "done", -1, LS_TRACE_TASK_KIND_TASK, 1);
  gint failed = ls_trace_add_task (trace, 0, "failed", -1, LS_TRACE_TASK_KIND_TASK, 1);
  gint cancelled = ls_trace_add_task (trace, 0, "cancelled", -1, LS_TRACE_TASK_KIND_TASK, 1);
  gint running = ls_trace_add_task (trace, 0, "running", -1, LS_TRACE_TASK_KIND_TASK, 1);

  g_assert_cmpint (running, ==, 3);
  ls_trace_task_set_state (trace, done, 1 * MS, LS_TRACE_STATE_RUNNING, -1, 2);
  ls_trace_task_end (trace, done, 2 * MS, LS_TRACE_END_DONE, NULL);
  ls_trace_task_end (trace, failed, 4 * MS, LS_TRACE_END_FAILED, "ValueError('x')");
  ls_trace_task_end (trace, cancelled, 6 * MS, LS_TRACE_END_CANCELLED, NULL);
  ls_trace_set_now (trace, 10 * MS);
  params_for (&params, 10 * MS);
  ls_timeline_layout_compute (layout, trace, &params);

  /* One mark each where the task ended (legend marks sit left of the lanes). */
  g_assert_cmpuint (count_lines_at (layout, LS_TIMELINE_COLOR_END_DONE,
                                    ls_timeline_params_time_to_x (&params, 2 * MS)), ==, 1);
  g_assert_cmpuint (count_lines_at (layout, LS_TIMELINE_COLOR_END_FAILED,
                                    ls_timeline_params_time_to_x (&params, 4 * MS)), ==, 2);
  g_assert_cmpuint (count_lines_at (layout, LS_TIMELINE_COLOR_END_CANCELLED,
                                    ls_timeline_params_time_to_x (&params, 6 * MS)), ==, 1);
  /* ...and the legend says what they mean. */
  g_assert_true (has_text (layout, "returned"));
  g_assert_true (has_text (layout, "raised"));
  g_assert_true (has_text (layout, "cancelled"));
  g_assert_cmpuint (count_lines (layout, LS_TIMELINE_COLOR_END_FAILED, FALSE), ==, 4);

  /* An end out of view draws nothing and is not in the legend. */
  params.t1 = 3 * MS;
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_cmpuint (count_lines (layout, LS_TIMELINE_COLOR_END_DONE, FALSE), ==, 2);
  g_assert_cmpuint (count_lines (layout, LS_TIMELINE_COLOR_END_FAILED, FALSE), ==, 0);
  g_assert_cmpuint (count_lines (layout, LS_TIMELINE_COLOR_END_CANCELLED, FALSE), ==, 0);
  g_assert_false (has_text (layout, "raised"));

  /* Lanes too thin for a readable mark get none. */
  params.t1 = 10 * MS;
  params.lane_height = 4;
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_cmpuint (count_lines (layout, LS_TIMELINE_COLOR_END_FAILED, FALSE), ==, 0);
}

/* The trace's bulk reader for dense lanes against the spans one by one: a
 * column is RUNNING when a running span starts in it (with at most a few
 * spans inside, so every one is sampled), else the state at its start. */
static void
test_column_states (void)
{
  g_autoptr(LsTrace) trace = ls_trace_new ();
  gint id = ls_trace_add_task (trace, 100, "t", -1, LS_TRACE_TASK_KIND_TASK, 1);
  guint8 cols[64];
  gint64 t = 100;
  guint32 rng = 7;

  /* Spans of 1 to 40 ns over ~1600 ns; 64 columns of 25 ns from 0. */
  for (guint i = 0; i < 80; i++)
    {
      rng = rng * 1103515245u + 12345u;
      t += 1 + (rng >> 16) % 40;
      ls_trace_task_set_state (trace, id, t, i % 3 == 0 ? LS_TRACE_STATE_RUNNING
                                             : i % 3 == 1 ? LS_TRACE_STATE_SLEEPING
                                             : LS_TRACE_STATE_READY, -1, 1);
    }
  ls_trace_task_end (trace, id, t + 10, LS_TRACE_END_DONE, NULL);
  g_assert_cmpuint (ls_trace_task_column_states (trace, id, 0, 64 * 25, t, 64, cols), >, 0);

  for (guint c = 0; c < 64; c++)
    {
      gint64 c0 = c * 25, c1 = c0 + 25;
      guint8 expected = LS_TRACE_N_STATES;
      gboolean ran = FALSE;

      for (guint i = 0; i < ls_trace_task_get_n_spans (trace, id); i++)
        {
          LsTraceSpan span;

          ls_trace_task_get_span (trace, id, i, &span);
          if (span.start < c1 && span.end > c0)
            {
              if (expected == LS_TRACE_N_STATES)
                expected = span.state;
              ran |= span.state == LS_TRACE_STATE_RUNNING;
            }
        }
      if (ran)
        expected = LS_TRACE_STATE_RUNNING;
      g_assert_cmpuint (cols[c], ==, expected);
    }
  /* Out of range: nothing. */
  g_assert_cmpuint (ls_trace_task_column_states (trace, id + 1, 0, 100, 0, 64, cols), ==, 0);
  g_assert_cmpuint (cols[0], ==, LS_TRACE_N_STATES);
}

static void
test_palette (void)
{
  float light[4], dark[4];

  ls_timeline_color_rgba (LS_TIMELINE_COLOR_TEXT, FALSE, light);
  ls_timeline_color_rgba (LS_TIMELINE_COLOR_TEXT, TRUE, dark);
  g_assert_cmpfloat (light[0], <, 0.5);
  g_assert_cmpfloat (dark[0], >, 0.5);
  ls_timeline_color_rgba (LS_TIMELINE_COLOR_LANE_BG, FALSE, light);
  ls_timeline_color_rgba (LS_TIMELINE_COLOR_LANE_BG, TRUE, dark);
  g_assert_cmpfloat (light[0], >, 0.9);
  g_assert_cmpfloat (dark[0], <, 0.2);
  /* Every state has a colour of its own against its neighbours in the legend. */
  for (guint s = 0; s + 1 < LS_TRACE_STATE_DONE; s++)
    {
      float a[4], b[4];

      ls_timeline_color_rgba (s, FALSE, a);
      ls_timeline_color_rgba (s + 1, FALSE, b);
      g_assert_cmpfloat (a[3], ==, 1.0f);
      if (s == LS_TRACE_STATE_AWAIT_TASK)
        continue;   /* awaiting a task or a future: one grey */
      g_assert_true (a[0] != b[0] || a[1] != b[1] || a[2] != b[2]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/trace/layout/lanes", test_lanes);
  g_test_add_func ("/trace/layout/grouping-and-collapse", test_grouping_and_collapse);
  g_test_add_func ("/trace/layout/culling", test_culling);
  g_test_add_func ("/trace/layout/compression", test_compression);
  g_test_add_func ("/trace/layout/level-of-detail", test_level_of_detail);
  g_test_add_func ("/trace/layout/open-span-grows", test_open_span_grows);
  g_test_add_func ("/trace/layout/steps", test_steps);
  g_test_add_func ("/trace/layout/counters", test_counters);
  g_test_add_func ("/trace/layout/counter-level-of-detail", test_counter_level_of_detail);
  g_test_add_func ("/trace/layout/flows", test_flows);
  g_test_add_func ("/trace/layout/ticks", test_ticks);
  g_test_add_func ("/trace/layout/axis", test_axis);
  g_test_add_func ("/trace/layout/hit", test_hit);
  g_test_add_func ("/trace/layout/selection-and-playhead", test_selection_and_playhead);
  g_test_add_func ("/trace/layout/legend", test_legend);
  g_test_add_func ("/trace/layout/palette", test_palette);
  g_test_add_func ("/trace/layout/internal-hidden", test_internal_hidden);
  g_test_add_func ("/trace/layout/main-label", test_main_label);
  g_test_add_func ("/trace/layout/end-markers", test_end_markers);
  g_test_add_func ("/trace/layout/column-states", test_column_states);
  return g_test_run ();
}
