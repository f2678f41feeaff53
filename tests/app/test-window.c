/* test-window.c: a real LsWindow under Xvfb: the default scenario loads, runs
 * to the end, and the timeline shows one lane per task of its trace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ls-window-private.h"

static void
wait_for_frames (GtkWidget *widget,
                 guint      n)
{
  GdkFrameClock *clock;
  gint64 target;

  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (widget);
  target = gdk_frame_clock_get_frame_counter (clock) + n;
  while (gdk_frame_clock_get_frame_counter (clock) < target)
    {
      gtk_widget_queue_draw (widget);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (widget));

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
test_default_scenario_runs (void)
{
  LsWindow *window = ls_window_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *console = NULL;
  LsTrace *trace;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (GTK_WIDGET (window), 2);

  text = _ls_window_get_text (window);
  g_assert_nonnull (strstr (text, "asyncio.Semaphore(MAX_CONCURRENT)"));
  g_assert_nonnull (strstr (text, "# param"));

  g_assert_true (_ls_window_run_instant (window));
  trace = _ls_window_get_trace (window);
  g_assert_nonnull (trace);
  /* main() and the 100 downloads, at least. */
  g_assert_cmpuint (ls_trace_get_n_tasks (trace), >=, 101);
  g_assert_cmpuint (ls_timeline_view_get_n_lanes (_ls_window_get_timeline (window)), ==,
                    ls_trace_get_n_tasks (trace));
  g_assert_true (ls_timeline_view_get_trace (_ls_window_get_timeline (window)) == trace);

  console = _ls_window_get_console_text (window);
  g_assert_nonnull (strstr (console, "all 100 done in"));

  wait_for_frames (GTK_WIDGET (window), 3);
  save_screenshot (GTK_WIDGET (window), "screenshot-semaphore.png");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  wait_for_frames (GTK_WIDGET (window), 3);
  save_screenshot (GTK_WIDGET (window), "screenshot-semaphore-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_scenarios_load (void)
{
  LsWindow *window = ls_window_new (NULL);
  g_auto(GStrv) names = g_resources_enumerate_children (LS_SCENARIOS_PATH, 0, NULL);

  g_assert_nonnull (names);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *text = NULL;

      g_assert_true (_ls_window_load_scenario (window, names[i]));
      text = _ls_window_get_text (window);
      g_assert_cmpuint (strlen (text), >, 0);
    }
  g_assert_false (_ls_window_load_scenario (window, "no-such-scenario.py"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_pause_step_stop (void)
{
  LsWindow *window = ls_window_new (NULL);
  g_autofree char *console = NULL;
  LsSession *session;

  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (GTK_WIDGET (window), 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  session = _ls_window_get_session (window);
  g_assert_nonnull (session);
  g_assert_cmpint (ls_session_get_clock_mode (session), ==, LS_SESSION_CLOCK_PACED);
  g_assert_cmpint (ls_session_get_state (session), ==, LS_SESSION_STATE_RUNNING);
  g_assert_true (ls_timeline_view_get_live (_ls_window_get_timeline (window)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.pause", NULL);
  g_assert_cmpint (ls_session_get_state (session), ==, LS_SESSION_STATE_PAUSED);
  g_assert_false (ls_timeline_view_get_live (_ls_window_get_timeline (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL);
  g_assert_cmpint (ls_session_get_state (session), ==, LS_SESSION_STATE_PAUSED);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.pause", NULL);
  g_assert_cmpint (ls_session_get_state (session), ==, LS_SESSION_STATE_RUNNING);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (ls_session_get_state (session), ==, LS_SESSION_STATE_STOPPED);
  console = _ls_window_get_console_text (window);
  g_assert_nonnull (strstr (console, "stopped"));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/app/window/default-scenario-runs", test_default_scenario_runs);
  g_test_add_func ("/app/window/scenarios-load", test_scenarios_load);
  g_test_add_func ("/app/window/pause-step-stop", test_pause_step_stop);
  return g_test_run ();
}
