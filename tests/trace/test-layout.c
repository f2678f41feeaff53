/* test-layout.c: the backend-free timeline layout (lanes, culling, level of
 * detail, ticks, hit testing).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

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
test_lanes (void)
{
  g_autoptr(LsTrace) trace = make_trace (3);
  g_autoptr(LsTimelineLayout) layout = ls_timeline_layout_new ();
  LsTimelineParams params;

  ls_timeline_params_init (&params);
  params.t1 = 20 * MS;
  ls_timeline_layout_compute (layout, trace, &params);

  g_assert_cmpuint (layout->n_lanes, ==, 3);
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
}

static void
test_culling (void)
{
  g_autoptr(LsTrace) trace = make_trace (100);
  g_autoptr(LsTimelineLayout) layout = ls_timeline_layout_new ();
  LsTimelineParams params;

  ls_timeline_params_init (&params);
  params.t1 = 200 * MS;
  params.height = params.axis_height + params.legend_height + 5 * params.lane_height;
  params.scroll_y = 10 * params.lane_height;
  ls_timeline_layout_compute (layout, trace, &params);

  g_assert_cmpuint (layout->n_lanes, ==, 100);
  g_assert_cmpuint (count_task_rects (layout, 9), ==, 0);
  g_assert_cmpuint (count_task_rects (layout, 10), ==, 3);
  g_assert_cmpuint (count_task_rects (layout, 14), ==, 3);
  g_assert_cmpuint (count_task_rects (layout, 15), ==, 0);
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

  ls_timeline_params_init (&params);
  params.width = 1096;
  params.t1 = (n + 1) * 1000;
  ls_timeline_layout_compute (layout, trace, &params);

  /* About one rect per pixel column, not one per span. */
  g_assert_cmpuint (count_task_rects (layout, id), <=, 1000 + 2);
  g_assert_cmpuint (count_task_rects (layout, id), >=, 900);
  g_assert_cmpuint (layout->n_spans_visited, <=, 2000);
}

static void
test_open_span_grows (void)
{
  g_autoptr(LsTrace) trace = ls_trace_new ();
  g_autoptr(LsTimelineLayout) layout = ls_timeline_layout_new ();
  LsTimelineParams params;
  gint id = ls_trace_add_task (trace, 0, "live", -1, LS_TRACE_TASK_KIND_TASK, 1);
  float w1, w2;

  ls_timeline_params_init (&params);
  params.t1 = 100 * MS;
  params.now = 10 * MS;
  ls_timeline_layout_compute (layout, trace, &params);
  g_assert_cmpuint (count_task_rects (layout, id), ==, 1);
  w1 = g_array_index (layout->rects, LsTimelineRect, 1).w;
  params.now = 50 * MS;
  ls_timeline_layout_compute (layout, trace, &params);
  w2 = g_array_index (layout->rects, LsTimelineRect, 1).w;
  g_assert_cmpfloat (w2, >, w1 * 4);
}

static void
test_ticks (void)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  g_assert_cmpint (ls_timeline_tick_step (10 * 1000 * MS, 1000, 90), ==, 1000 * MS);
  g_assert_cmpint (ls_timeline_tick_step (1000 * MS, 1000, 90), ==, 100 * MS);
  g_assert_cmpint (ls_timeline_tick_step (3000 * MS, 1000, 90), ==, 500 * MS);
  a = ls_timeline_format_time (1500 * MS, 500 * MS);
  b = ls_timeline_format_time (250 * MS, 50 * MS);
  c = ls_timeline_format_time (2000 * MS, 1000 * MS);
  g_assert_cmpstr (a, ==, "1.5 s");
  g_assert_cmpstr (b, ==, "250 ms");
  g_assert_cmpstr (c, ==, "2 s");
}

static void
test_hit (void)
{
  g_autoptr(LsTrace) trace = make_trace (2);
  LsTimelineParams params;
  gint task = -1;
  guint span = 0;
  double x;

  ls_timeline_params_init (&params);
  params.t1 = 20 * MS;
  x = ls_timeline_params_time_to_x (&params, 5 * MS);
  g_assert_true (ls_timeline_layout_hit (trace, &params, x,
                                         params.axis_height + params.lane_height * 1.5,
                                         &task, &span));
  g_assert_cmpint (task, ==, 1);
  g_assert_cmpuint (span, ==, 2);
  g_assert_false (ls_timeline_layout_hit (trace, &params, 2, 40, &task, &span));
}

static void
test_palette (void)
{
  float light[4], dark[4];

  ls_timeline_color_rgba (LS_TIMELINE_COLOR_TEXT, FALSE, light);
  ls_timeline_color_rgba (LS_TIMELINE_COLOR_TEXT, TRUE, dark);
  g_assert_cmpfloat (light[0], <, 0.5);
  g_assert_cmpfloat (dark[0], >, 0.5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/trace/layout/lanes", test_lanes);
  g_test_add_func ("/trace/layout/culling", test_culling);
  g_test_add_func ("/trace/layout/level-of-detail", test_level_of_detail);
  g_test_add_func ("/trace/layout/open-span-grows", test_open_span_grows);
  g_test_add_func ("/trace/layout/ticks", test_ticks);
  g_test_add_func ("/trace/layout/hit", test_hit);
  g_test_add_func ("/trace/layout/palette", test_palette);
  return g_test_run ();
}
