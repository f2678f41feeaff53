/* test-window.c: a real LsWindow under Xvfb: the default scenario loads, runs
 * to the end, and the timeline shows one lane per task of its trace; the run
 * actions, files, kept scenario edits, exports and error marks work as a user
 * would see them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>
#include <string.h>

#include "gui-test-util.h"
#include "ls-application.h"
#include "ls-preferences-window.h"
#include "ls-trace-import.h"
#include "ls-window-private.h"

/* The temporary XDG_DATA_HOME, where edited scenarios are kept. */
static char *data_home;

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* The first widget under @root of @type, or with @action_name if it is set. */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *action_name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type)
      && (action_name == NULL
          || g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkTextBuffer *
editor_buffer (LsWindow *window)
{
  GtkWidget *view = find_widget (GTK_WIDGET (window), GTK_SOURCE_TYPE_VIEW, NULL);

  g_assert_nonnull (view);
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

/* What the header bar's button for @action looks like to the user. */
static gboolean
button_enabled (LsWindow   *window,
                const char *action)
{
  GtkWidget *button = find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, action);

  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button);
}

static const char *
subtitle (LsWindow *window)
{
  GtkWidget *title = find_widget (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE, NULL);

  g_assert_nonnull (title);
  return adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title));
}

static void
set_editor_text (LsWindow   *window,
                 const char *text)
{
  GtkTextBuffer *buffer = editor_buffer (window);
  GtkTextIter start, end;

  /* As typing would (set_text() is not undoable, so not a user action). */
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, text, -1);
  gtk_text_buffer_end_user_action (buffer);
}

static LsWindow *
new_window (void)
{
  LsWindow *window = ls_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  ls_test_wait_for_frames (GTK_WIDGET (window), 1);
  return window;
}

/* Destroys @window without keeping its edits of a built-in scenario, so the
 * next test starts from the original. */
static void
discard_window (LsWindow *window)
{
  g_autofree char *copy = g_build_filename (data_home, "loopscope", "scenarios", "semaphore.py",
                                            NULL);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (copy);
}

static char *
resource_text (const char *name)
{
  g_autofree char *path = g_strconcat (LS_SCENARIOS_PATH, name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);

  g_assert_nonnull (bytes);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
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
  ls_test_wait_for_frames (GTK_WIDGET (window), 2);

  text = _ls_window_get_text (window);
  g_assert_nonnull (strstr (text, "asyncio.Semaphore(MAX_CONCURRENT)"));
  g_assert_nonnull (strstr (text, "# param"));

  g_assert_true (_ls_window_run_instant (window));
  trace = _ls_window_get_trace (window);
  g_assert_nonnull (trace);
  /* main() and the 100 downloads have lanes; asyncio.run()'s own tasks are
   * in the trace too, but have lanes only when "show-internal" is on. */
  g_assert_cmpuint (ls_trace_get_n_tasks (trace), >, 101);
  g_assert_cmpuint (ls_timeline_view_get_n_lanes (_ls_window_get_timeline (window)), ==, 101);
  g_assert_true (ls_timeline_view_get_trace (_ls_window_get_timeline (window)) == trace);

  console = _ls_window_get_console_text (window);
  g_assert_nonnull (strstr (console, "all 100 done in"));

  ls_test_wait_for_frames (GTK_WIDGET (window), 3);
  ls_test_screenshot (GTK_WIDGET (window), "screenshot-semaphore.png");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  ls_test_wait_for_frames (GTK_WIDGET (window), 3);
  ls_test_screenshot (GTK_WIDGET (window), "screenshot-semaphore-dark.png");
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
  ls_test_wait_for_frames (GTK_WIDGET (window), 1);
  /* Nothing has run: only Run is there to press. */
  g_assert_true (button_enabled (window, "win.run"));
  g_assert_false (button_enabled (window, "win.pause"));
  g_assert_false (button_enabled (window, "win.step"));
  g_assert_false (button_enabled (window, "win.stop"));
  g_assert_false (button_enabled (window, "win.restart"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  g_assert_true (button_enabled (window, "win.pause"));
  g_assert_true (button_enabled (window, "win.step"));
  g_assert_true (button_enabled (window, "win.stop"));
  g_assert_true (button_enabled (window, "win.restart"));
  session = _ls_window_get_session (window);
  g_assert_nonnull (session);
  g_assert_cmpint (ls_session_get_clock_mode (session), ==, LS_SESSION_CLOCK_PACED);
  g_assert_cmpint (ls_session_get_state (session), ==, LS_SESSION_STATE_RUNNING);
  g_assert_true (ls_timeline_view_get_live (_ls_window_get_timeline (window)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.pause", NULL);
  g_assert_cmpint (ls_session_get_state (session), ==, LS_SESSION_STATE_PAUSED);
  g_assert_false (ls_timeline_view_get_live (_ls_window_get_timeline (window)));
  g_assert_true (button_enabled (window, "win.pause"));
  g_assert_true (button_enabled (window, "win.step"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL);
  g_assert_cmpint (ls_session_get_state (session), ==, LS_SESSION_STATE_PAUSED);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.pause", NULL);
  g_assert_cmpint (ls_session_get_state (session), ==, LS_SESSION_STATE_RUNNING);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL);
  ls_test_drain_pending ();
  g_assert_cmpint (ls_session_get_state (session), ==, LS_SESSION_STATE_STOPPED);
  console = _ls_window_get_console_text (window);
  g_assert_nonnull (strstr (console, "stopped"));
  g_assert_true (button_enabled (window, "win.run"));
  g_assert_false (button_enabled (window, "win.pause"));
  g_assert_false (button_enabled (window, "win.step"));
  g_assert_false (button_enabled (window, "win.stop"));
  g_assert_true (button_enabled (window, "win.restart"));

  /* Restart: a new run of the same program. */
  g_object_add_weak_pointer (G_OBJECT (session), (gpointer *) &session);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restart", NULL));
  g_assert_null (session);
  g_assert_cmpint (ls_session_get_state (_ls_window_get_session (window)), ==,
                   LS_SESSION_STATE_RUNNING);
  g_assert_true (button_enabled (window, "win.stop"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_ten_tasks (gpointer window)
{
  return ls_trace_get_n_tasks (_ls_window_get_trace (window)) >= 10;
}

/* Where each live task is: dots in the gutter while paused, none once it is over. */
static void
test_task_marks (void)
{
  LsWindow *window = new_window ();
  GtkTextBuffer *buffer = editor_buffer (window);
  LsSession *session;
  guint marked = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  session = _ls_window_get_session (window);
  /* The semaphore's downloads wait on line 16 (`async with sem:`) from the first step. */
  ls_test_wait_until (has_ten_tasks, window, "the run's first ten tasks");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.pause", NULL);
  g_assert_cmpint (ls_session_get_state (session), ==, LS_SESSION_STATE_PAUSED);
  for (int line = 0; line < gtk_text_buffer_get_line_count (buffer); line++)
    {
      GSList *marks = gtk_source_buffer_get_source_marks_at_line (GTK_SOURCE_BUFFER (buffer),
                                                                  line, NULL);

      for (GSList *l = marks; l != NULL; l = l->next)
        if (g_str_has_prefix (gtk_source_mark_get_category (l->data), "task-"))
          {
            g_test_message ("task mark on line %d", line + 1);
            marked++;
          }
      g_slist_free (marks);
    }
  g_assert_cmpuint (marked, >, 0);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL);
  ls_test_drain_pending ();
  g_assert_null (gtk_source_buffer_get_source_marks_at_line (GTK_SOURCE_BUFFER (buffer), 15,
                                                             NULL));
  discard_window (window);
}

static void
test_scenario_note (void)
{
  LsWindow *window = new_window ();

  g_assert_true (_ls_window_load_scenario (window, "semaphore.py"));
  g_assert_nonnull (_ls_window_get_note (window));
  g_assert_true (g_str_has_prefix (_ls_window_get_note (window), "every task starts at once"));
  /* The paragraph ends at the "import": no code in the note. */
  g_assert_null (strstr (_ls_window_get_note (window), "import"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Saved (the buffer is no longer modified) or told why not (a toast). */
static gboolean
save_done (gpointer data)
{
  LsWindow *window = data;

  return !gtk_text_buffer_get_modified (editor_buffer (window))
         || _ls_window_get_last_toast (window) != NULL;
}

static void
wait_for_save (LsWindow      *window,
               GtkTextBuffer *buffer)
{
  g_assert_true (buffer == editor_buffer (window));
  ls_test_wait_until (save_done, window, "the save");
}

static gboolean
shows_saved_program (gpointer window)
{
  return g_strcmp0 (subtitle (window), "saved program.py") == 0;
}

static void
test_save_and_reopen (void)
{
  LsWindow *window = new_window ();
  GtkTextBuffer *buffer = editor_buffer (window);
  g_autofree char *path = g_build_filename (data_home, "saved program.py", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  static const char program[] = "# What to notice: nothing much\n"
                                "import asyncio\n\nasync def main():\n"
                                "    await asyncio.sleep(0.5)\n    print('é done')\n\n"
                                "asyncio.run(main())\n";
  g_autofree char *on_disk = NULL;
  g_autofree char *reopened_text = NULL;
  LsWindow *reopened;

  set_editor_text (window, program);
  g_assert_true (gtk_text_buffer_get_modified (buffer));
  _ls_window_save_to (window, file);
  wait_for_save (window, buffer);
  g_assert_null (_ls_window_get_last_toast (window));
  g_assert_true (g_file_get_contents (path, &on_disk, NULL, NULL));
  g_assert_cmpstr (on_disk, ==, program);
  g_assert_cmpstr (subtitle (window), ==, "saved program.py");

  reopened = new_window ();
  ls_window_open_file (reopened, file);
  ls_test_wait_until (shows_saved_program, reopened, "the file to open");
  reopened_text = _ls_window_get_text (reopened);
  g_assert_cmpstr (reopened_text, ==, program);
  g_assert_cmpstr (_ls_window_get_note (reopened), ==, "nothing much");
  g_assert_false (gtk_text_buffer_get_modified (editor_buffer (reopened)));
  gtk_window_destroy (GTK_WINDOW (reopened));
  discard_window (window);
}

/* A path below a regular file: no one, not even root, can write there. */
static void
test_unwritable_save (void)
{
  LsWindow *window = new_window ();
  GtkTextBuffer *buffer = editor_buffer (window);
  g_autofree char *blocker = g_build_filename (data_home, "a-file", NULL);
  g_autofree char *path = g_build_filename (blocker, "program.py", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  g_assert_true (_ls_window_load_scenario (window, "semaphore.py"));
  set_editor_text (window, "print('precious edits')\n");
  _ls_window_save_to (window, file);
  wait_for_save (window, buffer);
  g_assert_nonnull (_ls_window_get_last_toast (window));
  g_assert_nonnull (strstr (_ls_window_get_last_toast (window), "Could not save"));
  text = _ls_window_get_text (window);
  g_assert_cmpstr (text, ==, "print('precious edits')\n");
  /* Still the scenario, still edited: nothing was lost or renamed. */
  g_assert_true (g_str_has_prefix (subtitle (window), "• semaphore.py"));
  discard_window (window);
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_scenario_edits_kept (void)
{
  g_autofree char *copy = g_build_filename (data_home, "loopscope", "scenarios", "semaphore.py",
                                            NULL);
  g_autofree char *original = resource_text ("semaphore.py");
  g_autofree char *edited = g_strconcat ("# my change\n", original, NULL);
  g_autofree char *text = NULL;
  g_autofree char *reverted = NULL;
  LsWindow *window = new_window ();
  GtkTextBuffer *buffer;

  g_assert_true (_ls_window_load_scenario (window, "semaphore.py"));
  set_editor_text (window, edited);
  /* The copy is written a moment after the last change... */
  ls_test_wait_until (file_exists, copy, "the edited scenario's copy");
  set_editor_text (window, original);
  set_editor_text (window, edited);
  /* ...and at the latest when the window goes. */
  gtk_window_destroy (GTK_WINDOW (window));

  window = new_window ();
  buffer = editor_buffer (window);
  text = _ls_window_get_text (window);
  g_assert_cmpstr (text, ==, edited);
  g_assert_false (gtk_text_buffer_get_modified (buffer));
  g_assert_nonnull (strstr (subtitle (window), "edited"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.revert-scenario", NULL));
  reverted = _ls_window_get_text (window);
  g_assert_cmpstr (reverted, ==, original);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_null (strstr (subtitle (window), "edited"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_export_chrome_json (void)
{
  LsWindow *window = new_window ();
  g_autofree char *path = g_build_filename (data_home, "trace.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LsTrace) imported = NULL;

  g_assert_true (_ls_window_load_scenario (window, "semaphore.py"));
  g_assert_true (_ls_window_run_instant (window));
  g_assert_true (_ls_window_export_chrome_json (window, path, &error));
  g_assert_no_error (error);
  imported = ls_trace_import_chrome_json (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (imported);
  g_assert_cmpuint (ls_trace_get_n_tasks (imported), ==,
                    ls_trace_get_n_tasks (_ls_window_get_trace (window)));
  g_assert_cmpuint (ls_trace_get_n_tasks (imported), >=, 101);
  discard_window (window);
}

static guint
count_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint visible = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      visible += gtk_widget_get_visible (toplevel);
    }
  return visible;
}

static void
test_syntax_error_marked (void)
{
  LsWindow *window = new_window ();
  g_autofree char *lines = NULL;
  g_autofree char *console = NULL;
  g_autofree char *cleared = NULL;
  guint toplevels = count_toplevels ();

  set_editor_text (window, "import asyncio\n\nasync def main():\n    x = (1 +\n"
                           "    print(\"hi\"\n");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  ls_test_drain_pending ();
  lines = _ls_window_get_error_lines (window);
  g_assert_cmpstr (lines, ==, "5");
  console = _ls_window_get_console_text (window);
  g_assert_nonnull (strstr (console, "SyntaxError: '(' was never closed"));
  g_assert_nonnull (strstr (console, "line 5"));
  /* No dialog: the console explains. */
  g_assert_cmpuint (count_toplevels (), ==, toplevels);

  /* The next edit clears the mark. */
  gtk_text_buffer_insert_at_cursor (editor_buffer (window), " ", 1);
  cleared = _ls_window_get_error_lines (window);
  g_assert_cmpstr (cleared, ==, "");
  discard_window (window);
}

/* Clicks (as the console's click gesture sees it) in the middle of @needle. */
static void
click_console_text (LsWindow   *window,
                    const char *needle)
{
  GtkTextView *console = GTK_TEXT_VIEW (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                       LS_TYPE_WINDOW,
                                                                       "console"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (console);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (console));
  GtkTextIter start, match, match_end;
  GdkRectangle rect;
  int x, y;

  ls_test_wait_for_frames (GTK_WIDGET (window), 2);
  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, needle, 0, &match, &match_end, NULL));
  /* As the user would: scroll it into view first. */
  gtk_text_view_scroll_to_mark (console, gtk_text_buffer_create_mark (buffer, NULL, &match, TRUE),
                                0, TRUE, 0, 0.5);
  ls_test_wait_for_frames (GTK_WIDGET (window), 2);
  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, needle, 0, &match, &match_end, NULL));
  gtk_text_view_get_iter_location (console, &match, &rect);
  gtk_text_view_buffer_to_window_coords (console, GTK_TEXT_WINDOW_WIDGET, rect.x + 2,
                                         rect.y + rect.height / 2, &x, &y);
  /* The window's gesture is one of the console's click gestures; a release
   * without a press means nothing to the text view's own. */
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        g_signal_emit_by_name (controller, "released", 1, (double) x, (double) y);
    }
}

static void
test_runtime_error_marked (void)
{
  LsWindow *window = new_window ();
  GtkTextBuffer *buffer = editor_buffer (window);
  g_autofree char *lines = NULL;
  g_autofree char *console = NULL;
  GtkTextIter cursor;

  set_editor_text (window, "import asyncio\n\nasync def f():\n    await asyncio.sleep(0.1)\n"
                           "    raise ValueError(\"boom\")\n\nasync def main():\n"
                           "    await f()\n\nasyncio.run(main())\n");
  g_assert_false (_ls_window_run_instant (window));
  lines = _ls_window_get_error_lines (window);
  g_assert_cmpstr (lines, ==, "5");
  console = _ls_window_get_console_text (window);
  g_assert_nonnull (strstr (console, "ValueError: boom"));
  g_assert_nonnull (strstr (console, "File \"semaphore.py\", line 5, in f"));

  /* Clicking the traceback's `File "semaphore.py", line 8` takes the editor there. */
  click_console_text (window, "line 8, in main");
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_line (&cursor), ==, 7);
  g_assert_true (gtk_text_buffer_get_has_selection (buffer));
  discard_window (window);
}

/* Ctrl+plus/minus/0 are window actions, so they zoom the timeline wherever the focus is. */
static void
test_zoom_actions (void)
{
  LsWindow *window = new_window ();
  LsTimelineView *timeline = _ls_window_get_timeline (window);
  gint64 t0, t1, z0, z1;

  g_assert_true (_ls_window_run_instant (window));
  ls_test_wait_for_frames (GTK_WIDGET (window), 1);
  ls_timeline_view_get_range (timeline, &t0, &t1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL));
  ls_timeline_view_get_range (timeline, &z0, &z1);
  g_assert_cmpint (z1 - z0, <, t1 - t0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-out", NULL));
  ls_timeline_view_get_range (timeline, &z0, &z1);
  g_assert_cmpint (z1 - z0, >, t1 - t0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-fit", NULL));
  discard_window (window);
}

/* The Preferences rows write the settings the window and application read. */
static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = ls_application_new_settings ();
  LsWindow *window = new_window ();
  LsPreferencesWindow *prefs;
  GtkWidget *combo;
  GtkWidget *spin;
  GtkWidget *speed;

  g_assert_nonnull (settings);
  prefs = ls_preferences_window_new (GTK_WINDOW (window), settings);
  gtk_window_present (GTK_WINDOW (prefs));
  combo = find_widget (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW, NULL);
  spin = find_widget (GTK_WIDGET (prefs), GTK_TYPE_SPIN_BUTTON, NULL);
  g_assert_nonnull (combo);
  g_assert_nonnull (spin);

  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 2);
  g_assert_cmpint (g_settings_get_enum (settings, "color-scheme"), ==, 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 16);
  g_assert_cmpint (g_settings_get_int (settings, "editor-font-size"), ==, 16);
  /* The header's speed follows the setting, and the other way round. */
  g_settings_set_double (settings, "speed", 2.5);
  speed = find_widget (GTK_WIDGET (window), GTK_TYPE_SPIN_BUTTON, NULL);
  g_assert_nonnull (speed);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (speed)), ==, 2.5);

  g_settings_reset (settings, "color-scheme");
  g_settings_reset (settings, "editor-font-size");
  g_settings_reset (settings, "speed");
  gtk_window_destroy (GTK_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A new window opens on the scenario of last time, at the size of last time. */
static void
test_settings_restored (void)
{
  g_autoptr(GSettings) settings = ls_application_new_settings ();
  g_autofree char *gather = resource_text ("gather.py");
  g_autofree char *last = NULL;
  g_autofree char *text = NULL;
  LsWindow *window = new_window ();
  int width, height;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-scenario", "s",
                                             "gather.py"));
  last = g_settings_get_string (settings, "last-scenario");
  g_assert_cmpstr (last, ==, "gather.py");
  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_int (settings, "window-height", 700);
  discard_window (window);

  window = ls_window_new (NULL);
  text = _ls_window_get_text (window);
  g_assert_cmpstr (text, ==, gather);
  g_assert_cmpstr (subtitle (window), ==, "gather.py (built-in)");
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "last-scenario");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Before GLib caches the user data dir: edited scenarios go to a fresh folder. */
  data_home = g_dir_make_tmp ("loopscope-test-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/app/window/default-scenario-runs", test_default_scenario_runs);
  g_test_add_func ("/app/window/scenarios-load", test_scenarios_load);
  g_test_add_func ("/app/window/pause-step-stop", test_pause_step_stop);
  g_test_add_func ("/app/window/task-marks", test_task_marks);
  g_test_add_func ("/app/window/scenario-note", test_scenario_note);
  g_test_add_func ("/app/window/save-and-reopen", test_save_and_reopen);
  g_test_add_func ("/app/window/unwritable-save", test_unwritable_save);
  g_test_add_func ("/app/window/scenario-edits-kept", test_scenario_edits_kept);
  g_test_add_func ("/app/window/export-chrome-json", test_export_chrome_json);
  g_test_add_func ("/app/window/syntax-error-marked", test_syntax_error_marked);
  g_test_add_func ("/app/window/runtime-error-marked", test_runtime_error_marked);
  g_test_add_func ("/app/window/zoom-actions", test_zoom_actions);
  g_test_add_func ("/app/window/settings-restored", test_settings_restored);
  g_test_add_func ("/app/preferences/binds-settings", test_preferences);
  status = g_test_run ();
  rm_rf (data_home);
  g_free (data_home);
  return status;
}
