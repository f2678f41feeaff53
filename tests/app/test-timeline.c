/* test-timeline.c: a real LsTimelineView in a window under Xvfb, showing the
 * trace of a program run by the real VM through LsSession: clicking a span
 * (span-activated with its task and line), collapsing a lane, zoom by action
 * and Ctrl+scroll, pan turning follow-live off, the playhead, a live run, and
 * a 10,000-task trace rendered by the GSK renderer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <gtksourceview/gtksource.h>
#include <string.h>

#include "gui-test-util.h"
#include "ls-session.h"
#include "ls-timeline-view-private.h"
#include "ls-window-private.h"

#define MS G_GINT64_CONSTANT (1000000)

/* Line 6 sleeps while holding the semaphore; line 7 puts into the queue. */
static const char program[] =
  "import asyncio\n"                                              /* 1 */
  "\n"                                                            /* 2 */
  "\n"                                                            /* 3 */
  "async def worker(sem, q, n):\n"                                /* 4 */
  "    async with sem:\n"                                         /* 5 */
  "        await asyncio.sleep(0.1 * (n + 1))\n"                  /* 6 */
  "        await q.put(n)\n"                                      /* 7 */
  "\n"                                                            /* 8 */
  "\n"                                                            /* 9 */
  "async def main():\n"                                           /* 10 */
  "    sem = asyncio.Semaphore(2)\n"                              /* 11 */
  "    q = asyncio.Queue()\n"                                     /* 12 */
  "    tasks = [asyncio.create_task(worker(sem, q, n)) for n in range(4)]\n"
  "    for _ in range(4):\n"
  "        print(await q.get())\n"
  "    await asyncio.gather(*tasks)\n"
  "\n"
  "\n"
  "asyncio.run(main())\n";

static GdkTexture *render   (GtkWidget  *widget);
static void        save_png (GdkTexture *texture,
                             const char *name);

typedef struct
{
  GtkWidget      *window;
  LsTimelineView *view;
  LsTrace        *trace;
  guint           n_activated;
  guint           activated_task;
  gint            activated_line;
  guint           n_follow_notifies;
  guint           n_playhead_notifies;
} Fixture;

static gboolean
session_is_over (gpointer session)
{
  return ls_session_get_state (session) != LS_SESSION_STATE_RUNNING;
}

static LsTrace *
run_program (const char *source)
{
  g_autoptr(LsSession) session = ls_session_new ();
  g_autoptr(GError) error = NULL;

  ls_session_set_clock_mode (session, LS_SESSION_CLOCK_INSTANT);
  g_assert_true (ls_session_load (session, "prog.py", source, NULL, NULL, &error));
  g_assert_no_error (error);
  ls_session_start (session);
  ls_test_wait_until (session_is_over, session, "the program to run to its end");
  g_assert_cmpint (ls_session_get_state (session), ==, LS_SESSION_STATE_FINISHED);
  return g_object_ref (ls_session_get_trace (session));
}

static void
wait_for_frames (GtkWidget *widget,
                 guint      n)
{
  ls_test_wait_for_frames (widget, n);
}

static void
on_span_activated (LsTimelineView *view,
                   guint           task,
                   gint            line,
                   Fixture        *f)
{
  f->n_activated++;
  f->activated_task = task;
  f->activated_line = line;
}

static void
on_notify (LsTimelineView *view,
           GParamSpec     *pspec,
           Fixture        *f)
{
  if (g_str_equal (pspec->name, "follow-live"))
    f->n_follow_notifies++;
  else if (g_str_equal (pspec->name, "playhead"))
    f->n_playhead_notifies++;
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  f->trace = data != NULL ? g_object_ref ((LsTrace *) data) : run_program (program);
  f->window = gtk_window_new ();
  f->view = LS_TIMELINE_VIEW (ls_timeline_view_new ());
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 600);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  ls_timeline_view_set_trace (f->view, f->trace);
  g_signal_connect (f->view, "span-activated", G_CALLBACK (on_span_activated), f);
  g_signal_connect (f->view, "notify", G_CALLBACK (on_notify), f);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for_frames (f->window, 2);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->trace);
}

/* The middle of @task's span @index, in the view's coordinates. */
static void
span_point (Fixture *f,
            gint     task,
            guint    index,
            double  *x,
            double  *y)
{
  LsTimelineLayout *layout = _ls_timeline_view_get_layout (f->view);
  const LsTimelineParams *params = _ls_timeline_view_get_params (f->view);
  gint row = ls_timeline_layout_task_row (layout, task);
  LsTraceSpan span;

  g_assert_cmpint (row, >=, 0);
  g_assert_true (ls_trace_task_get_span (f->trace, task, index, &span));
  *x = ls_timeline_params_time_to_x (params, span.start + (span.end - span.start) / 2);
  *y = layout->lanes_top + (row + 0.5) * layout->lane_h - params->scroll_y;
}

/* The first SLEEPING span of a worker task. */
static gboolean
find_sleep (LsTrace *trace,
            gint    *task,
            guint   *index)
{
  for (guint t = 0; t < ls_trace_get_n_tasks (trace); t++)
    for (guint i = 0; i < ls_trace_task_get_n_spans (trace, t); i++)
      {
        LsTraceSpan span;

        ls_trace_task_get_span (trace, t, i, &span);
        if (span.state == LS_TRACE_STATE_SLEEPING)
          {
            *task = t;
            *index = i;
            return TRUE;
          }
      }
  return FALSE;
}

static void
test_click_activates_span (Fixture      *f,
                           gconstpointer data)
{
  gint task, selected;
  guint index, selected_span, n_waits;
  double x, y;

  g_assert_true (find_sleep (f->trace, &task, &index));
  span_point (f, task, index, &x, &y);

  /* Hovering says what the task does there, since when, for how long, where. */
  {
    g_autofree char *tip = _ls_timeline_view_get_tooltip (f->view, x, y);
    LsTraceSpan span;
    g_autofree char *duration = NULL;

    ls_trace_task_get_span (f->trace, task, index, &span);
    duration = ls_timeline_format_duration (span.end - span.start);
    g_assert_nonnull (tip);
    g_assert_nonnull (strstr (tip, ls_trace_task_get_name (f->trace, task)));
    g_assert_nonnull (strstr (tip, "sleeping"));
    g_assert_nonnull (strstr (tip, duration));
    g_assert_nonnull (strstr (tip, "line 6"));
  }
  /* On a lane's name: when the task was made, how and when it ended. */
  {
    LsTraceTask info;
    g_autofree char *tip = _ls_timeline_view_get_tooltip (f->view, 20, y);
    g_autofree char *ended = NULL;

    g_assert_true (ls_trace_get_task (f->trace, task, &info));
    g_assert_cmpint (info.end, ==, LS_TRACE_END_DONE);
    ended = ls_timeline_format_duration (info.ended);
    g_assert_nonnull (tip);
    g_assert_nonnull (strstr (tip, ls_trace_task_get_name (f->trace, task)));
    g_assert_nonnull (strstr (tip, "returned at"));
    g_assert_nonnull (strstr (tip, ended));
  }
  /* Waiting on the semaphore, it names it (workers 3 and 4 wait). */
  n_waits = 0;
  for (guint t = 0; t < ls_trace_get_n_tasks (f->trace); t++)
    for (guint i = 0; i < ls_trace_task_get_n_spans (f->trace, t); i++)
      {
        LsTraceSpan span;
        double sx, sy;
        g_autofree char *tip = NULL;

        ls_trace_task_get_span (f->trace, t, i, &span);
        if (span.state != LS_TRACE_STATE_SEMAPHORE || span.end - span.start < 20 * MS)
          continue;
        span_point (f, t, i, &sx, &sy);
        tip = _ls_timeline_view_get_tooltip (f->view, sx, sy);
        g_assert_nonnull (strstr (tip, "semaphore on sem"));
        n_waits++;
      }
  g_assert_cmpuint (n_waits, ==, 2);

  _ls_timeline_view_click (f->view, x, y);

  g_assert_cmpuint (f->n_activated, ==, 1);
  g_assert_cmpuint (f->activated_task, ==, task);
  g_assert_cmpint (f->activated_line, ==, 6);
  g_assert_true (ls_timeline_view_get_selected (f->view, &selected, &selected_span));
  g_assert_cmpint (selected, ==, task);
  g_assert_cmpuint (selected_span, ==, index);
  /* The selection is outlined. */
  wait_for_frames (f->window, 1);
  {
    LsTimelineLayout *layout = _ls_timeline_view_get_layout (f->view);
    guint n = 0;

    for (guint i = 0; i < layout->lines->len; i++)
      if (g_array_index (layout->lines, LsTimelineLine, i).color == LS_TIMELINE_COLOR_SELECTION)
        n++;
    g_assert_cmpuint (n, ==, 4);
  }

  /* A click on an empty part of a lane clears the selection, emits nothing. */
  _ls_timeline_view_click (f->view, _ls_timeline_view_get_params (f->view)->width - 2, y);
  g_assert_cmpuint (f->n_activated, ==, 1);
  g_assert_false (ls_timeline_view_get_selected (f->view, NULL, NULL));
}

/* The tasks asyncio.run() makes for itself (shutdown_asyncgens...). */
static guint
count_internal_tasks (LsTrace *trace)
{
  guint n = 0;

  for (guint id = 0; id < ls_trace_get_n_tasks (trace); id++)
    {
      LsTraceTask task;

      g_assert_true (ls_trace_get_task (trace, (gint) id, &task));
      n += task.kind == LS_TRACE_TASK_KIND_INTERNAL;
    }
  return n;
}

static gboolean
has_layout_text (LsTimelineLayout *layout,
                 const char       *text)
{
  for (guint i = 0; i < layout->texts->len; i++)
    if (g_str_equal (g_array_index (layout->texts, LsTimelineText, i).text, text))
      return TRUE;
  return FALSE;
}

static void
test_collapse (Fixture      *f,
               gconstpointer data)
{
  LsTimelineLayout *layout = _ls_timeline_view_get_layout (f->view);
  const LsTimelineParams *params = _ls_timeline_view_get_params (f->view);
  guint n_internal = count_internal_tasks (f->trace);
  guint n_tasks = ls_trace_get_n_tasks (f->trace) - n_internal;
  const LsTimelineRow *row = ls_timeline_layout_get_row (layout, 0);
  double y = layout->lanes_top + 0.5 * layout->lane_h;

  /* asyncio.run()'s own tasks have lanes only when asked for. */
  g_assert_cmpuint (n_internal, >, 0);
  g_assert_false (ls_timeline_view_get_show_internal (f->view));
  g_object_set (f->view, "show-internal", TRUE, NULL);
  g_assert_cmpuint (ls_timeline_view_get_n_lanes (f->view), ==, n_tasks + n_internal);
  ls_timeline_view_set_show_internal (f->view, FALSE);

  /* main() created the workers: they are under it. */
  g_assert_cmpuint (ls_timeline_view_get_n_lanes (f->view), ==, n_tasks);
  g_assert_true (has_layout_text (layout, "Task-1 (main)"));
  g_assert_true (row->has_children);
  g_assert_cmpuint (ls_timeline_layout_get_row (layout, 1)->depth, ==, row->depth + 1);

  _ls_timeline_view_click (f->view, 6 + row->depth * params->indent + 4, y);
  g_assert_cmpuint (ls_timeline_view_get_n_lanes (f->view), <, n_tasks);
  g_assert_true (ls_timeline_layout_get_row (layout, 0)->collapsed);
  wait_for_frames (f->window, 2);
  {
    g_autoptr(GdkTexture) shot = render (GTK_WIDGET (f->view));

    save_png (shot, "timeline-collapsed.png");
  }
  _ls_timeline_view_click (f->view, 6 + row->depth * params->indent + 4, y);
  g_assert_cmpuint (ls_timeline_view_get_n_lanes (f->view), ==, n_tasks);
}

static void
test_zoom (Fixture      *f,
           gconstpointer data)
{
  gint64 t0, t1, u0, u1, now = ls_trace_get_now (f->trace);
  const LsTimelineParams *params = _ls_timeline_view_get_params (f->view);
  double x;
  gint64 anchor;

  ls_timeline_view_get_range (f->view, &t0, &t1);
  g_assert_cmpint (t0, ==, 0);
  g_assert_cmpint (t1, >=, now);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "timeline.zoom-in", NULL));
  ls_timeline_view_get_range (f->view, &u0, &u1);
  g_assert_cmpint (u1 - u0, <, t1 - t0);
  g_assert_false (ls_timeline_view_get_follow_live (f->view));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "timeline.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "timeline.zoom-out", NULL));
  ls_timeline_view_get_range (f->view, &u0, &u1);
  g_assert_cmpint (u1 - u0, >, t1 - t0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "timeline.zoom-fit", NULL));
  ls_timeline_view_get_range (f->view, &u0, &u1);
  g_assert_cmpint (u0, ==, t0);
  g_assert_cmpint (u1, ==, t1);
  g_assert_true (ls_timeline_view_get_follow_live (f->view));

  /* Ctrl+scroll zooms around the pointer: the time under it stays put. */
  wait_for_frames (f->window, 1);
  x = params->label_width + 0.25 * (params->width - params->label_width);
  anchor = ls_timeline_params_x_to_time (params, x);
  _ls_timeline_view_scroll (f->view, x, 100, 0, -1, GDK_CONTROL_MASK);
  ls_timeline_view_get_range (f->view, &u0, &u1);
  g_assert_cmpint (u1 - u0, <, t1 - t0);
  g_assert_cmpint (ABS (ls_timeline_params_x_to_time (params, x) - anchor), <=, (u1 - u0) / 1000);
}

static void
test_pan_stops_following (Fixture      *f,
                          gconstpointer data)
{
  gint64 t0, t1, u0, u1;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "timeline.zoom-in", NULL));
  ls_timeline_view_set_follow_live (f->view, TRUE);
  f->n_follow_notifies = 0;
  ls_timeline_view_get_range (f->view, &t0, &t1);

  /* Dragging to the left moves later in time. */
  _ls_timeline_view_drag (f->view, 500, 100, -100, 0);
  ls_timeline_view_get_range (f->view, &u0, &u1);
  g_assert_cmpint (u0, >, t0);
  g_assert_cmpint (u1 - u0, ==, t1 - t0);
  g_assert_false (ls_timeline_view_get_follow_live (f->view));
  g_assert_cmpuint (f->n_follow_notifies, ==, 1);

  /* So does scrolling with Shift. */
  ls_timeline_view_set_follow_live (f->view, TRUE);
  _ls_timeline_view_scroll (f->view, 500, 100, 0, 1, GDK_SHIFT_MASK);
  ls_timeline_view_get_range (f->view, &t0, &t1);
  g_assert_cmpint (t0, >, u0);
  g_assert_false (ls_timeline_view_get_follow_live (f->view));

  /* A press without a move is a click, not a pan. */
  ls_timeline_view_set_follow_live (f->view, TRUE);
  _ls_timeline_view_drag (f->view, 500, 100, 1, 1);
  g_assert_true (ls_timeline_view_get_follow_live (f->view));
}

static void
test_playhead (Fixture      *f,
               gconstpointer data)
{
  const LsTimelineParams *params = _ls_timeline_view_get_params (f->view);
  gint64 now = ls_trace_get_now (f->trace);
  double x = ls_timeline_params_time_to_x (params, now / 2);
  gint64 expected = ls_timeline_params_x_to_time (params, x);

  /* After the run, the playhead is at its end... */
  g_assert_cmpint (ls_timeline_view_get_playhead (f->view), ==, now);

  /* ...and a click on the axis puts it there, a drag moves it along. */
  _ls_timeline_view_click (f->view, x, params->axis_height / 2);
  g_assert_cmpint (ls_timeline_view_get_playhead (f->view), ==, expected);
  g_assert_cmpuint (f->n_playhead_notifies, ==, 1);
  _ls_timeline_view_drag (f->view, x, params->axis_height / 2, 50, 0);
  g_assert_cmpint (ls_timeline_view_get_playhead (f->view), ==,
                   ls_timeline_params_x_to_time (params, x + 50));
  g_assert_cmpuint (f->n_playhead_notifies, >=, 2);

  /* It stays within the run. */
  ls_timeline_view_set_playhead (f->view, -5);
  g_assert_cmpint (ls_timeline_view_get_playhead (f->view), ==, 0);
  g_object_set (f->view, "playhead", LS_TRACE_TIME_MAX, NULL);
  g_assert_cmpint (ls_timeline_view_get_playhead (f->view), ==, now);

  /* While live it is "now", and the axis does not scrub. */
  ls_timeline_view_set_playhead (f->view, now / 4);
  ls_timeline_view_set_live (f->view, TRUE);
  g_assert_cmpint (ls_timeline_view_get_playhead (f->view), ==, now);
  _ls_timeline_view_click (f->view, x, params->axis_height / 2);
  g_assert_cmpint (ls_timeline_view_get_playhead (f->view), ==, now);
  ls_timeline_view_set_live (f->view, FALSE);
}

/* A live run: "now" moves between frames and open spans grow with it; with
 * follow-live the view keeps "now" in sight. */
static void
test_live (void)
{
  g_autoptr(LsTrace) trace = ls_trace_new ();
  GtkWidget *window = gtk_window_new ();
  LsTimelineView *view = LS_TIMELINE_VIEW (ls_timeline_view_new ());
  gint task = ls_trace_add_task (trace, 0, "live", -1, LS_TRACE_TASK_KIND_MAIN, 1);
  LsTimelineLayout *layout;
  gint64 t0, t1;
  float w1 = 0, w2 = 0;

  ls_trace_task_set_state (trace, task, 10 * MS, LS_TRACE_STATE_RUNNING, -1, 2);
  ls_trace_set_now (trace, 500 * MS);
  ls_trace_flush_notify (trace);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 300);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  ls_timeline_view_set_trace (view, trace);
  ls_timeline_view_set_live (view, TRUE);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (window, 2);

  layout = _ls_timeline_view_get_layout (view);
  for (guint i = 0; i < layout->rects->len; i++)
    if (g_array_index (layout->rects, LsTimelineRect, i).task == task)
      w1 = MAX (w1, g_array_index (layout->rects, LsTimelineRect, i).w);

  /* The clock moves on without a flush: the frame clock redraws anyway. */
  ls_trace_set_now (trace, 900 * MS);
  wait_for_frames (window, 2);
  layout = _ls_timeline_view_get_layout (view);
  for (guint i = 0; i < layout->rects->len; i++)
    if (g_array_index (layout->rects, LsTimelineRect, i).task == task)
      w2 = MAX (w2, g_array_index (layout->rects, LsTimelineRect, i).w);
  g_assert_cmpfloat (w2, >, w1 * 1.5f);
  g_assert_cmpint (ls_timeline_view_get_playhead (view), ==, 900 * MS);

  /* Following a zoomed-in view slides it along. */
  ls_timeline_view_set_range (view, 0, 100 * MS);
  ls_timeline_view_set_follow_live (view, TRUE);
  ls_trace_set_now (trace, 3000 * MS);
  wait_for_frames (window, 2);
  ls_timeline_view_get_range (view, &t0, &t1);
  g_assert_cmpint (t1 - t0, ==, 100 * MS);
  g_assert_cmpint (t0, <, 3000 * MS);
  g_assert_cmpint (t1, >=, 3000 * MS);

  /* Not following: the range stays. */
  ls_timeline_view_set_follow_live (view, FALSE);
  ls_trace_set_now (trace, 4000 * MS);
  wait_for_frames (window, 2);
  ls_timeline_view_get_range (view, &t0, &t1);
  g_assert_cmpint (t1, <, 4000 * MS);

  ls_timeline_view_set_live (view, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* @widget as the next frame shows it. */
static GdkTexture *
render (GtkWidget *widget)
{
  return ls_test_render (widget);
}

static void
save_png (GdkTexture *texture,
          const char *name)
{
  ls_test_save_png (texture, name);
}

/* How many pixels of @texture are within a few levels of @rgba. */
static guint
count_color (GdkTexture  *texture,
             const float  rgba[4])
{
  int w = gdk_texture_get_width (texture);
  int h = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc (4 * w * h);
  guint n = 0;

  gdk_texture_download (texture, data, 4 * w);
  for (int i = 0; i < w * h; i++)
    {
      /* Cairo's native-endian ARGB32: BGRA in memory here. */
      const guchar *p = data + 4 * i;

      if (ABS (p[2] - rgba[0] * 255) < 4 && ABS (p[1] - rgba[1] * 255) < 4
          && ABS (p[0] - rgba[2] * 255) < 4)
        n++;
    }
  return n;
}

static void
test_renders_in_both_schemes (Fixture      *f,
                              gconstpointer data)
{
  g_autoptr(GdkTexture) light = NULL;
  g_autoptr(GdkTexture) dark = NULL;
  float bg[4];

  light = render (GTK_WIDGET (f->view));
  save_png (light, "timeline-light.png");
  ls_timeline_color_rgba (LS_TIMELINE_COLOR_LANE_BG, FALSE, bg);
  g_assert_cmpuint (count_color (light, bg), >, 1000);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  wait_for_frames (f->window, 2);
  dark = render (GTK_WIDGET (f->view));
  save_png (dark, "timeline-dark.png");
  ls_timeline_color_rgba (LS_TIMELINE_COLOR_LANE_BG, TRUE, bg);
  g_assert_cmpuint (count_color (dark, bg), >, 1000);
  ls_timeline_color_rgba (LS_TIMELINE_COLOR_LANE_BG, FALSE, bg);
  g_assert_cmpuint (count_color (dark, bg), ==, 0);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  /* A large font: lanes, axis and names grow with it. */
  {
    GtkSettings *settings = gtk_settings_get_default ();
    g_autofree char *font = NULL;
    g_autoptr(GdkTexture) big = NULL;
    float lane_height = _ls_timeline_view_get_params (f->view)->lane_height;

    g_object_get (settings, "gtk-font-name", &font, NULL);
    g_object_set (settings, "gtk-font-name", "Sans 20", NULL);
    wait_for_frames (f->window, 2);
    g_assert_cmpfloat (_ls_timeline_view_get_params (f->view)->lane_height, >, lane_height * 1.3);
    big = render (GTK_WIDGET (f->view));
    save_png (big, "timeline-big-font.png");
    g_object_set (settings, "gtk-font-name", font, NULL);
  }
}

/* 10,000 tasks under one parent, each ready, running, sleeping. */
static LsTrace *
make_big_trace (guint n_tasks)
{
  LsTrace *trace = ls_trace_new ();
  gint root = ls_trace_add_task (trace, 0, "main", -1, LS_TRACE_TASK_KIND_MAIN, 1);

  for (guint t = 0; t < n_tasks; t++)
    {
      gint64 at = (gint64) t * 100000;
      gint id = ls_trace_add_task (trace, at, NULL, root, LS_TRACE_TASK_KIND_TASK, 2);

      ls_trace_task_set_state (trace, id, at + 20 * MS, LS_TRACE_STATE_RUNNING, -1, 3);
      ls_trace_task_set_state (trace, id, at + 40 * MS, LS_TRACE_STATE_SLEEPING, -1, 4);
      ls_trace_task_end (trace, id, at + 300 * MS, LS_TRACE_END_DONE, NULL);
    }
  ls_trace_task_set_state (trace, root, 10 * MS, LS_TRACE_STATE_AWAIT_GATHER, -1, 5);
  ls_trace_task_end (trace, root, (gint64) n_tasks * 100000 + 300 * MS, LS_TRACE_END_DONE, NULL);
  return trace;
}

static void
test_ten_thousand_tasks (Fixture      *f,
                         gconstpointer data)
{
  LsTimelineLayout *layout = _ls_timeline_view_get_layout (f->view);
  const LsTimelineParams *params = _ls_timeline_view_get_params (f->view);
  g_autoptr(GdkTexture) texture = NULL;
  float running[4];

  /* Lanes at their thinnest, names on every n-th, a vertical scroll. */
  g_assert_cmpuint (layout->n_lanes, ==, 10001);
  g_assert_cmpfloat (layout->lane_h, ==, params->min_lane_height);
  g_assert_cmpuint (layout->label_stride, >, 1);
  g_assert_cmpfloat (layout->max_scroll_y, >, 0);
  /* Work is bounded by the lanes in view, not by the trace. */
  g_assert_cmpuint (layout->n_spans_visited, <, 4 * 600);

  texture = render (GTK_WIDGET (f->view));
  save_png (texture, "timeline-10k.png");
  ls_timeline_color_rgba ((LsTimelineColor) LS_TRACE_STATE_RUNNING,
                          adw_style_manager_get_dark (adw_style_manager_get_default ()), running);
  g_assert_cmpuint (count_color (texture, running), >, 100);

  /* Scrolled to the bottom, the last lanes are drawn. */
  _ls_timeline_view_scroll (f->view, 500, 300, 0, 100000, 0);
  wait_for_frames (f->window, 1);
  layout = _ls_timeline_view_get_layout (f->view);
  g_assert_cmpfloat (_ls_timeline_view_get_params (f->view)->scroll_y, ==, layout->max_scroll_y);
  {
    gboolean last_drawn = FALSE;

    for (guint i = 0; i < layout->rects->len; i++)
      if (g_array_index (layout->rects, LsTimelineRect, i).task == 10000)
        last_drawn = TRUE;
    g_assert_true (last_drawn);
  }
}

/* The window connects span-activated to the editor: the clicked span's line
 * gets selected. */
static GtkWidget *
find_child (GtkWidget *widget,
            GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_window_selects_line (void)
{
  LsWindow *window = ls_window_new (NULL);
  GtkWidget *editor;
  LsTimelineView *view;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  LsTrace *trace;
  gint task;
  guint index;
  LsTraceSpan span;
  double x, y;
  LsTimelineLayout *layout;
  const LsTimelineParams *params;
  gint row;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_true (_ls_window_run_instant (window));
  trace = _ls_window_get_trace (window);
  view = _ls_window_get_timeline (window);
  wait_for_frames (GTK_WIDGET (window), 2);

  g_assert_true (find_sleep (trace, &task, &index));
  g_assert_true (ls_trace_task_get_span (trace, task, index, &span));
  layout = _ls_timeline_view_get_layout (view);
  params = _ls_timeline_view_get_params (view);
  row = ls_timeline_layout_task_row (layout, task);
  x = ls_timeline_params_time_to_x (params, span.start + (span.end - span.start) / 2);
  y = layout->lanes_top + (row + 0.5) * layout->lane_h - params->scroll_y;
  _ls_timeline_view_click (view, x, y);
  wait_for_frames (GTK_WIDGET (window), 2);
  {
    g_autoptr(GdkTexture) shot = render (GTK_WIDGET (window));

    save_png (shot, "window-timeline.png");
  }

  editor = find_child (GTK_WIDGET (window), GTK_SOURCE_TYPE_VIEW);
  g_assert_nonnull (editor);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  g_assert_cmpint (gtk_text_iter_get_line (&start), ==, (int) span.line - 1);
  {
    g_autofree char *text = _ls_window_get_text (window);
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
    g_autofree char *selected = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

    g_assert_cmpstr (selected, ==, lines[span.line - 1]);
    g_assert_nonnull (strstr (selected, "sleep"));
  }
  /* The window's zoom actions (Ctrl+plus/minus/0) reach the timeline. */
  {
    gint64 t0, t1, u0, u1;

    ls_timeline_view_get_range (view, &t0, &t1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL));
    ls_timeline_view_get_range (view, &u0, &u1);
    g_assert_cmpint (u1 - u0, <, t1 - t0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-fit", NULL));
    ls_timeline_view_get_range (view, &u0, &u1);
    g_assert_cmpint (u1 - u0, ==, t1 - t0);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A paced run in the window: the timeline is live, follows "now" and grows
 * frame by frame. */
static void
test_window_live_run (void)
{
  LsWindow *window = ls_window_new (NULL);
  LsTimelineView *view;
  LsTrace *trace;
  gint64 t0, t1, now;
  guint frames = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  view = _ls_window_get_timeline (window);
  g_assert_true (ls_timeline_view_get_live (view));
  trace = ls_timeline_view_get_trace (view);
  g_assert_nonnull (trace);

  /* Half a second of virtual time: some downloads hold the semaphore. */
  while (ls_trace_get_now (trace) < 500 * MS && frames++ < 6000)
    wait_for_frames (GTK_WIDGET (window), 1);
  g_assert_cmpint (ls_trace_get_now (trace), >=, 500 * MS);
  wait_for_frames (GTK_WIDGET (window), 1);
  now = ls_trace_get_now (trace);
  ls_timeline_view_get_range (view, &t0, &t1);
  g_assert_true (ls_timeline_view_get_follow_live (view));
  g_assert_cmpint (t1, >=, now);
  g_assert_cmpint (ls_timeline_view_get_playhead (view), ==, now);
  {
    g_autoptr(GdkTexture) shot = render (GTK_WIDGET (window));

    save_png (shot, "window-live.png");
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LsTrace) big = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  big = make_big_trace (10000);

  g_test_add ("/app/timeline/click-activates-span", Fixture, NULL,
              fixture_set_up, test_click_activates_span, fixture_tear_down);
  g_test_add ("/app/timeline/collapse", Fixture, NULL,
              fixture_set_up, test_collapse, fixture_tear_down);
  g_test_add ("/app/timeline/zoom", Fixture, NULL,
              fixture_set_up, test_zoom, fixture_tear_down);
  g_test_add ("/app/timeline/pan-stops-following", Fixture, NULL,
              fixture_set_up, test_pan_stops_following, fixture_tear_down);
  g_test_add ("/app/timeline/playhead", Fixture, NULL,
              fixture_set_up, test_playhead, fixture_tear_down);
  g_test_add_func ("/app/timeline/live", test_live);
  g_test_add ("/app/timeline/renders-in-both-schemes", Fixture, NULL,
              fixture_set_up, test_renders_in_both_schemes, fixture_tear_down);
  g_test_add ("/app/timeline/ten-thousand-tasks", Fixture, big,
              fixture_set_up, test_ten_thousand_tasks, fixture_tear_down);
  g_test_add_func ("/app/timeline/window-selects-line", test_window_selects_line);
  g_test_add_func ("/app/timeline/window-live-run", test_window_live_run);
  return g_test_run ();
}
