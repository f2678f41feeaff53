/* test-scenarios.c: every built-in scenario in a real LsWindow under Xvfb. Each
 * one loads from the resources, runs to the end in instant mode, and then the
 * timeline has one lane per task of the program (the loop's internal tasks
 * only when "show-internal" is on), every task of the trace has spans that
 * cover its life, and the console shows exactly what CPython prints for the
 * scenario (tests/scenarios/NAME.out, written by the oracle). Screenshots of
 * each, light and dark, land in the build dir: screenshot-scenario-NAME*.png.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gui-test-util.h"
#include "ls-trace-export.h"
#include "ls-window-private.h"

static void
wait_for_frames (GtkWidget *widget,
                 guint      n)
{
  ls_test_wait_for_frames (widget, n);
}

/* Renders @widget as it is on screen and writes it to the build dir. */
static void
write_screenshot (GtkWidget  *widget,
                  const char *filename)
{
  ls_test_screenshot (widget, filename);
}

/* What the program printed, as the console shows it: the console's untagged
 * text. What the window adds around it (time stamps, task labels, the end-of-run
 * line) carries tags, and so would stderr. */
static char *
console_program_text (LsWindow *window)
{
  GtkTextView *console = GTK_TEXT_VIEW (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                       LS_TYPE_WINDOW,
                                                                       "console"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (console);
  GString *text = g_string_new (NULL);
  GtkTextIter iter, next;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (!gtk_text_iter_is_end (&iter))
    {
      g_autoptr(GSList) tags = gtk_text_iter_get_tags (&iter);
      g_autofree char *run = NULL;

      next = iter;
      gtk_text_iter_forward_to_tag_toggle (&next, NULL);
      run = gtk_text_iter_get_text (&iter, &next);
      if (tags == NULL)
        g_string_append (text, run);
      iter = next;
    }
  return g_string_free (text, FALSE);
}

static char *
expected_output (const char *name)
{
  g_autofree char *base = g_strndup (name, strlen (name) - strlen (".py"));
  g_autofree char *file = g_strconcat (base, ".out", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "scenarios", file, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("no expected output for %s: %s (run tests/scenarios/regen.sh)", name,
             error->message);
  return text;
}

/* Spans are contiguous, so a task's first span starts when it was created and its
 * last one ends when it ended: the lane shows the task's whole life. A task that
 * lives no virtual time at all (asyncio.run's shutdown_asyncgens(), say) has no
 * span, only the mark of its step. */
static void
assert_task_has_spans (LsTrace *trace,
                       gint     id)
{
  LsTraceTask task;
  LsTraceSpan first, last;

  g_assert_true (ls_trace_get_task (trace, id, &task));
  g_assert_cmpint (task.end, !=, LS_TRACE_END_RUNNING);
  if (task.ended == task.created)
    {
      g_assert_cmpuint (task.n_spans + task.n_steps, >, 0);
      return;
    }
  g_assert_cmpuint (task.n_spans, >, 0);
  g_assert_true (ls_trace_task_get_span (trace, id, 0, &first));
  g_assert_true (ls_trace_task_get_span (trace, id, task.n_spans - 1, &last));
  g_assert_cmpint (first.start, ==, task.created);
  g_assert_cmpint (last.end, ==, task.ended);
}

/* One window for every scenario, as when a user goes through the menu (and
 * mapping a window under Xvfb takes longer than running a scenario). */
static LsWindow *shared_window;

static void
set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_DEFAULT);
}

/* Tasks of the program: not the loop's or library's own, nor started by one. */
static guint
count_program_tasks (LsTrace *trace)
{
  guint n_tasks = ls_trace_get_n_tasks (trace);
  g_autofree gboolean *internal = g_new0 (gboolean, n_tasks);
  guint n = 0;

  for (guint id = 0; id < n_tasks; id++)
    {
      LsTraceTask task;

      g_assert_true (ls_trace_get_task (trace, (gint) id, &task));
      internal[id] = task.kind == LS_TRACE_TASK_KIND_INTERNAL
                     || (task.parent >= 0 && internal[task.parent]);
      n += !internal[id];
    }
  return n;
}

static void
test_scenario (gconstpointer data)
{
  const char *name = data;
  LsWindow *window = shared_window;
  g_autofree char *base = g_strndup (name, strlen (name) - strlen (".py"));
  g_autofree char *light_png = g_strdup_printf ("screenshot-scenario-%s.png", base);
  g_autofree char *dark_png = g_strdup_printf ("screenshot-scenario-%s-dark.png", base);
  g_autofree char *expected = expected_output (name);
  g_autofree char *printed = NULL;
  g_autofree char *console = NULL;
  LsTrace *trace;
  guint n_tasks;
  guint n_program_tasks;
  LsTimelineView *timeline;

  g_assert_true (_ls_window_load_scenario (window, name));
  g_test_message ("%s: running", name);
  g_assert_true (_ls_window_run_instant (window));
  trace = _ls_window_get_trace (window);
  g_assert_nonnull (trace);
  g_assert_true (ls_timeline_view_get_trace (_ls_window_get_timeline (window)) == trace);

  n_tasks = ls_trace_get_n_tasks (trace);
  g_test_message ("%s: %u tasks, %.2f s of virtual time", name, n_tasks,
                  ls_trace_get_now (trace) / 1e9);
  g_assert_cmpuint (n_tasks, >, 0);
  n_program_tasks = count_program_tasks (trace);
  g_assert_cmpuint (n_program_tasks, >, 0);
  timeline = _ls_window_get_timeline (window);
  g_assert_false (ls_timeline_view_get_show_internal (timeline));
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpuint (ls_timeline_view_get_n_lanes (timeline), ==, n_program_tasks);
  ls_timeline_view_set_show_internal (timeline, TRUE);
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpuint (ls_timeline_view_get_n_lanes (timeline), ==, n_tasks);
  ls_timeline_view_set_show_internal (timeline, FALSE);
  for (guint id = 0; id < n_tasks; id++)
    assert_task_has_spans (trace, (gint) id);

  /* What the session recorded, what the console shows and what CPython prints. */
  printed = ls_trace_to_console_text (trace, NULL);
  console = console_program_text (window);
  g_assert_cmpstr (printed, ==, expected);
  g_assert_cmpstr (console, ==, expected);

  g_test_message ("%s: drawing", name);
  wait_for_frames (GTK_WIDGET (window), 3);
  write_screenshot (GTK_WIDGET (window), light_png);
  set_dark (TRUE);
  wait_for_frames (GTK_WIDGET (window), 3);
  write_screenshot (GTK_WIDGET (window), dark_png);
  set_dark (FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) names = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  names = g_resources_enumerate_children (LS_SCENARIOS_PATH, 0, NULL);
  g_assert_nonnull (names);
  /* The seven guide patterns and the teaching scenarios, at least. */
  g_assert_cmpuint (g_strv_length (names), >=, 13);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = NULL;

      if (!g_str_has_suffix (names[i], ".py"))
        continue;
      path = g_strconcat ("/app/scenarios/", names[i], NULL);
      g_test_add_data_func (path, names[i], test_scenario);
    }

  shared_window = ls_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (shared_window), 1280, 800);
  gtk_window_present (GTK_WINDOW (shared_window));
  wait_for_frames (GTK_WIDGET (shared_window), 2);
  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (shared_window));
  return status;
}
