/* frame-cost.c: what one frame of the timeline costs, by trace size.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   frame-cost [--frames N] [--render] [--width W] [--height H]
 *
 * Builds traces of 1k, 100k and 1M spans directly through the LsTrace API
 * (tasks under one parent, each alternating running / ready / a wait, plus a
 * semaphore's counter samples and wake-up flows), shows each in a real
 * LsTimelineView and times N frames (default 60) of layout + snapshot (the
 * render node tree the widget builds), for the whole run and zoomed in on a
 * thousandth of it, panning a little every frame. --render also renders each
 * frame's nodes to a texture with the window's GSK renderer (wall time: a GL
 * renderer works in other threads too). Needs a display: run it under
 * xvfb-run. Layout + snapshot is CPU time of this thread, so other processes
 * on a shared machine are not counted.
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ls-timeline-view-private.h"

#define MS G_GINT64_CONSTANT (1000000)

static gint64
cpu_time_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static guint32
next_random (guint32 *state)
{
  /* xorshift32: deterministic, and cheap next to what is being built */
  *state ^= *state << 13;
  *state ^= *state >> 17;
  *state ^= *state << 5;
  return *state;
}

/* @n_spans spans over @n_tasks tasks created by one main task; ~10% of the
 * steps also move the semaphore's counters and add a wake-up flow. */
static LsTrace *
build_trace (guint n_spans,
             guint n_tasks)
{
  static const LsTraceState waits[] = {
    LS_TRACE_STATE_SLEEPING, LS_TRACE_STATE_SEMAPHORE, LS_TRACE_STATE_QUEUE_GET,
    LS_TRACE_STATE_AWAIT_TASK,
  };
  LsTrace *trace = ls_trace_new ();
  gint main_task = ls_trace_add_task (trace, 0, "main", -1, LS_TRACE_TASK_KIND_MAIN, 1);
  gint sem = ls_trace_add_object (trace, 0, LS_TRACE_OBJECT_SEMAPHORE, "sem", 10);
  guint per_task = MAX (3u, n_spans / n_tasks);
  guint32 rng = 12345;
  gint64 now = 0;
  double free_permits = 10;

  ls_trace_task_set_state (trace, main_task, 1000, LS_TRACE_STATE_AWAIT_GATHER, -1, 2);
  for (guint t = 0; t < n_tasks; t++)
    ls_trace_add_task (trace, 1000 + t, NULL, main_task, LS_TRACE_TASK_KIND_TASK, 3);

  /* Round-robin steps, so every task's spans cover the whole run. */
  for (guint s = 0; s < per_task; s++)
    for (guint t = 0; t < n_tasks; t++)
      {
        gint id = 1 + t;
        guint32 r = next_random (&rng);
        LsTraceState state = s % 3 == 0 ? LS_TRACE_STATE_RUNNING
                             : s % 3 == 1 ? waits[r % G_N_ELEMENTS (waits)]
                             : LS_TRACE_STATE_READY;

        now += 1000 + r % 50000;
        ls_trace_task_set_state (trace, id, now, state, -1, 4 + s % 3);
        if (r % 10 == 0)
          {
            free_permits = (double) (r % 11);
            ls_trace_object_sample (trace, sem, "free", now, free_permits);
            ls_trace_object_sample (trace, sem, "waiters", now, (double) (r % 7));
            ls_trace_add_flow (trace, LS_TRACE_FLOW_WAKE, id, 1 + (gint) (r % n_tasks), now, now,
                               sem);
          }
      }
  ls_trace_set_now (trace, now);
  return trace;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

typedef struct
{
  double mean, p95;
} Stats;

static Stats
stats_of (double *ms,
          guint   n)
{
  Stats st = { 0, 0 };

  for (guint i = 0; i < n; i++)
    st.mean += ms[i];
  st.mean /= MAX (1u, n);
  qsort (ms, n, sizeof *ms, compare_double);
  st.p95 = ms[MIN (n - 1, (guint) (0.95 * n))];
  return st;
}

/* Times @frames frames of @view over [t0, t0 + range), panning by a pixel's
 * worth of time each frame. */
static void
time_frames (GtkWidget      *window,
             LsTimelineView *view,
             gint64          t0,
             gint64          range,
             guint           frames,
             gboolean        render,
             Stats          *build,
             Stats          *layout,
             Stats          *draw,
             guint          *n_nodes_hint)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  int w = gtk_widget_get_width (GTK_WIDGET (view));
  int h = gtk_widget_get_height (GTK_WIDGET (view));
  g_autofree double *build_ms = g_new0 (double, frames);
  g_autofree double *draw_ms = g_new0 (double, frames);
  g_autofree double *layout_ms = g_new0 (double, frames);
  gint64 step = range / MAX (1, w);

  for (guint f = 0; f < frames + 5; f++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      gint64 start;
      double ms;

      ls_timeline_view_set_range (view, t0 + f * step, t0 + f * step + range);
      /* Otherwise the widget hands back its cached render node. */
      gtk_widget_queue_draw (GTK_WIDGET (view));
      start = cpu_time_ns ();
      gtk_widget_snapshot_child (window, GTK_WIDGET (view), snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      ms = (cpu_time_ns () - start) / 1e6;
      if (f >= 5)
        build_ms[f - 5] = ms;   /* the first frames warm the text cache */
      /* The layout alone, the same frame again. */
      start = cpu_time_ns ();
      _ls_timeline_view_get_layout (view);
      if (f >= 5)
        layout_ms[f - 5] = (cpu_time_ns () - start) / 1e6;
      if (render && node != NULL)
        {
          gint64 wall = g_get_monotonic_time ();
          g_autoptr(GdkTexture) texture =
            gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));

          if (f >= 5)
            draw_ms[f - 5] = (g_get_monotonic_time () - wall) / 1e3;
        }
    }
  *build = stats_of (build_ms, frames);
  *layout = stats_of (layout_ms, frames);
  *draw = stats_of (draw_ms, frames);
  *n_nodes_hint = _ls_timeline_view_get_layout (view)->rects->len;
}

int
main (int   argc,
      char *argv[])
{
  static const struct { guint spans, tasks; const char *name; } sizes[] = {
    { 1000, 100, "1k" }, { 100000, 1000, "100k" }, { 1000000, 10000, "1M" },
    { 1000000, 100, "1M" },   /* 10,000 spans a lane: sub-pixel, level of detail */
  };
  int frames = 60, width = 1280, height = 720;
  gboolean render = FALSE;
  GOptionEntry entries[] = {
    { "frames", 0, 0, G_OPTION_ARG_INT, &frames, "Frames timed per case (60)", "N" },
    { "render", 0, 0, G_OPTION_ARG_NONE, &render, "Also render with the GSK renderer", NULL },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "View width (1280)", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "View height (720)", "H" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- timeline cost per frame");
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  LsTimelineView *view;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  frames = CLAMP (frames, 1, 100000);
  gtk_init ();
  adw_init ();

  window = gtk_window_new ();
  view = LS_TIMELINE_VIEW (ls_timeline_view_new ());
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (GTK_WIDGET (view)) == 0)
    g_main_context_iteration (NULL, TRUE);

  printf ("timeline frame cost, %dx%d, %d frames per case; ms per frame (CPU: layout + snapshot%s)\n",
          gtk_widget_get_width (GTK_WIDGET (view)), gtk_widget_get_height (GTK_WIDGET (view)),
          frames, render ? "; wall: GSK render" : "");
  printf ("%-6s %-7s %-8s %10s %10s %12s %8s", "spans", "tasks", "view", "mean", "p95",
          "layout mean", "rects");
  if (render)
    printf (" %12s %12s", "render mean", "render p95");
  printf ("\n");

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(LsTrace) trace = build_trace (sizes[i].spans, sizes[i].tasks);
      gint64 end = ls_trace_get_now (trace);
      struct { const char *name; gint64 t0, range; } views[] = {
        { "whole", 0, end }, { "zoomed", end / 2, MAX (1000, end / 1000) },
      };

      ls_timeline_view_set_trace (LS_TIMELINE_VIEW (view), trace);
      for (guint v = 0; v < G_N_ELEMENTS (views); v++)
        {
          Stats build, layout, draw;
          guint n_rects;

          time_frames (window, view, views[v].t0, views[v].range, frames, render,
                       &build, &layout, &draw, &n_rects);
          printf ("%-6s %-7u %-8s %10.2f %10.2f %12.2f %8u", sizes[i].name, sizes[i].tasks,
                  views[v].name, build.mean, build.p95, layout.mean, n_rects);
          if (render)
            printf (" %12.2f %12.2f", draw.mean, draw.p95);
          printf ("\n");
          fflush (stdout);
        }
      ls_timeline_view_set_trace (LS_TIMELINE_VIEW (view), NULL);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
