/* paced-frames.c: does a paced run drop frames?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   paced-frames [--seconds S] [--scenario NAME.py]
 *
 * Opens a real LsWindow, loads a built-in scenario (semaphore.py, the default
 * one), starts it as the Run button does (paced, at the speed in the
 * settings) and records the window's frame clock for S seconds (5): how many
 * frames were painted, the mean and longest interval between two paints, and
 * how many intervals were longer than 25 ms (a missed frame at 60 Hz). It
 * also counts the main loop's stalls: gaps of more than 25 ms between two
 * runs of a 5 ms timeout, whatever their cause (a session slice, a layout),
 * and the frames' own work: "before-paint" to "after-paint" (size allocation,
 * snapshot and render; the GL renderer's wait for the swap too). Set
 * GSK_RENDERER=cairo to compare with software rendering without GL: under
 * Xvfb the GL renderer is Mesa's software GL, the slowest part of a frame.
 * Needs a display and the settings schema: run it under xvfb-run with
 * GSETTINGS_SCHEMA_DIR set to the build's data/ folder, or through
 * `meson test --benchmark paced-frames`. Wall time, so a loaded machine shows
 * up in the numbers: compare with the load average.
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "ls-window-private.h"

#define DROP_US 25000

typedef struct
{
  GArray  *paints;      /* gint64 µs, monotonic, at each "after-paint" */
  GArray  *ticks;       /* gint64 µs, at each run of the stall probe */
  gint64   frame_start;  /* at "before-paint" */
  gint64   run_start;
  GString *long_frames; /* "at 0.12 s: 40 ms", for the frames over 25 ms */
  gint64   work_total, work_max;   /* before-paint to after-paint: the frame's work */
  gint64   frame_time_first, frame_time_last;
} Recording;

static void
on_before_paint (GdkFrameClock *clock,
                 Recording     *rec)
{
  rec->frame_start = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                Recording     *rec)
{
  gint64 now = g_get_monotonic_time ();

  if (rec->frame_start > 0)
    {
      rec->work_total += now - rec->frame_start;
      rec->work_max = MAX (rec->work_max, now - rec->frame_start);
      if (now - rec->frame_start > DROP_US && rec->run_start > 0)
        g_string_append_printf (rec->long_frames, " %.2fs:%dms",
                                (rec->frame_start - rec->run_start) / 1e6,
                                (int) ((now - rec->frame_start) / 1000));
    }

  g_array_append_val (rec->paints, now);
  if (rec->frame_time_first == 0)
    rec->frame_time_first = gdk_frame_clock_get_frame_time (clock);
  rec->frame_time_last = gdk_frame_clock_get_frame_time (clock);
}

static gboolean
on_probe (gpointer data)
{
  Recording *rec = data;
  gint64 now = g_get_monotonic_time ();

  g_array_append_val (rec->ticks, now);
  return G_SOURCE_CONTINUE;
}

/* Mean and longest gap of @times, and how many gaps exceed DROP_US. */
static void
gaps (GArray  *times,
      double  *mean_ms,
      double  *max_ms,
      guint   *n_long)
{
  gint64 max = 0;

  *n_long = 0;
  for (guint i = 1; i < times->len; i++)
    {
      gint64 d = g_array_index (times, gint64, i) - g_array_index (times, gint64, i - 1);

      max = MAX (max, d);
      *n_long += d > DROP_US;
    }
  *mean_ms = times->len > 1 ? (g_array_index (times, gint64, times->len - 1)
                               - g_array_index (times, gint64, 0)) / 1e3 / (times->len - 1)
                            : 0;
  *max_ms = max / 1e3;
}

int
main (int   argc,
      char *argv[])
{
  double seconds = 5;
  char *scenario = NULL;
  GOptionEntry entries[] = {
    { "seconds", 0, 0, G_OPTION_ARG_DOUBLE, &seconds, "Seconds recorded (5)", "S" },
    { "scenario", 0, 0, G_OPTION_ARG_STRING, &scenario, "Built-in scenario (semaphore.py)", "NAME" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- frames painted during a paced run");
  g_autoptr(GError) error = NULL;
  Recording rec = { 0 };
  LsWindow *window;
  GdkFrameClock *clock;
  LsSession *session;
  gint64 start, end;
  guint probe;
  double mean, max, probe_mean, probe_max;
  guint n_long, n_stalls;
  double load[1] = { 0 };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  seconds = CLAMP (seconds, 0.5, 600);
  gtk_init ();
  adw_init ();

  window = ls_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  if (!_ls_window_load_scenario (window, scenario ? scenario : LS_DEFAULT_SCENARIO))
    {
      g_printerr ("no scenario %s\n", scenario ? scenario : LS_DEFAULT_SCENARIO);
      return 2;
    }
  /* Let the window settle before the run. */
  end = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);

  rec.paints = g_array_new (FALSE, FALSE, sizeof (gint64));
  rec.ticks = g_array_new (FALSE, FALSE, sizeof (gint64));
  rec.long_frames = g_string_new (NULL);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &rec);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &rec);
  probe = g_timeout_add (5, on_probe, &rec);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  session = _ls_window_get_session (window);
  start = rec.run_start = g_get_monotonic_time ();
  end = start + (gint64) (seconds * G_USEC_PER_SEC);
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (probe);
  g_signal_handlers_disconnect_by_func (clock, on_before_paint, &rec);
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, &rec);
  gaps (rec.paints, &mean, &max, &n_long);
  gaps (rec.ticks, &probe_mean, &probe_max, &n_stalls);
  if (getloadavg (load, 1) < 1)
    load[0] = -1;

  printf ("paced run of %s, speed %g, %.1f s recorded, renderer %s (load average %.2f)\n",
          scenario ? scenario : LS_DEFAULT_SCENARIO,
          session != NULL ? ls_session_get_speed (session) : 0.0, seconds,
          G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))), load[0]);
  printf ("session: %s, virtual time %.2f s, %u tasks\n",
          session == NULL ? "none"
          : ls_session_get_state (session) == LS_SESSION_STATE_RUNNING ? "still running"
          : "ended",
          _ls_window_get_trace (window) ? ls_trace_get_now (_ls_window_get_trace (window)) / 1e9 : 0.0,
          _ls_window_get_trace (window) ? ls_trace_get_n_tasks (_ls_window_get_trace (window)) : 0);
  printf ("%-18s %8s %12s %12s %16s\n", "", "count", "mean ms", "max ms", "gaps > 25 ms");
  printf ("%-18s %8u %12.2f %12.2f %16u\n", "frames painted", rec.paints->len, mean, max, n_long);
  printf ("%-18s %8u %12.2f %12.2f %16u\n", "main loop (5 ms)", rec.ticks->len, probe_mean,
          probe_max, n_stalls);
  printf ("%-18s %8u %12.2f %12.2f\n", "frame work", rec.paints->len,
          rec.work_total / 1e3 / MAX (1u, rec.paints->len), rec.work_max / 1e3);
  printf ("frames over 25 ms of work (time into the run: ms):%s\n",
          rec.long_frames->len > 0 ? rec.long_frames->str : " none");
  printf ("frame clock: %.2f s of frame time over %u frames\n",
          (rec.frame_time_last - rec.frame_time_first) / 1e6, rec.paints->len);

  g_array_unref (rec.paints);
  g_array_unref (rec.ticks);
  g_string_free (rec.long_frames, TRUE);
  g_free (scenario);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
