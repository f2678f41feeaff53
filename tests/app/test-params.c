/* test-params.c: parameters in a real LsWindow under Xvfb. The panel and
 * Ctrl+drag scrubbing rewrite the program's literals and re-run it; editing
 * the text updates the panel; the number-literal helpers behind scrubbing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>
#include <string.h>

#include "gui-test-util.h"
#include "ls-params.h"
#include "ls-window-private.h"

/* Helpers */

typedef struct
{
  gpointer object;
  double   value;
} Expect;

static gboolean
has_n_params (gpointer data)
{
  Expect *expect = data;

  return ls_param_panel_get_n_params (expect->object) == expect->value;
}

static void
wait_for_n_params (LsParamPanel *panel,
                   guint         n)
{
  Expect expect = { panel, n };

  ls_test_wait_until (has_n_params, &expect, "the panel's rows");
}

static gboolean
has_spin_value (gpointer data)
{
  Expect *expect = data;

  return gtk_spin_button_get_value (expect->object) == expect->value;
}

static void
wait_for_spin_value (GtkWidget *spin,
                     double     value)
{
  Expect expect = { spin, value };

  ls_test_wait_until (has_spin_value, &expect, "a spin button's value");
}


static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkTextBuffer *
editor_buffer (LsWindow *window)
{
  GtkWidget *editor = find_descendant (GTK_WIDGET (window), GTK_SOURCE_TYPE_VIEW);

  g_assert_nonnull (editor);
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
}

/* An iter on the first character of the first @needle in the buffer, plus @skip. */
static void
iter_at_text (GtkTextBuffer *buffer,
              const char    *needle,
              int            skip,
              GtkTextIter   *iter)
{
  GtkTextIter start, match_end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  if (!gtk_text_iter_forward_search (&start, needle, 0, iter, &match_end, NULL))
    {
      g_autofree char *text = NULL;
      GtkTextIter end;

      gtk_text_buffer_get_end_iter (buffer, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
      g_error ("no “%s” in:\n%s", needle, text);
    }
  gtk_text_iter_forward_chars (iter, skip);
}

static void remove_tree (const char *path);

static LsWindow *
new_window_with_semaphore (void)
{
  g_autofree char *saved = g_build_filename (g_get_user_data_dir (), "loopscope", NULL);
  LsWindow *window;

  /* The window keeps an edited scenario: start each test from the original. */
  remove_tree (saved);
  window = ls_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  ls_test_wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_true (_ls_window_load_scenario (window, "semaphore.py"));
  ls_test_drain_pending ();
  return window;
}

static gboolean
text_contains (LsWindow   *window,
               const char *needle)
{
  g_autofree char *text = _ls_window_get_text (window);

  return strstr (text, needle) != NULL;
}

typedef struct
{
  LsWindow  *window;
  LsSession *previous;
} RerunWait;

/* A new run replaced @previous and is over: it ran to its end, or failed to
 * start (a program that does not compile leaves its session idle). */
static gboolean
rerun_finished (gpointer data)
{
  RerunWait *wait = data;
  LsSession *session = _ls_window_get_session (wait->window);

  return session != NULL && session != wait->previous
         && ls_session_get_state (session) != LS_SESSION_STATE_RUNNING;
}

static void
wait_for_rerun (LsWindow *window)
{
  /* Held so that a new session cannot reuse the old one's address. */
  g_autoptr(LsSession) previous = NULL;
  RerunWait wait = { window, NULL };

  if (_ls_window_get_session (window) != NULL)
    previous = g_object_ref (_ls_window_get_session (window));
  wait.previous = previous;
  ls_test_wait_until (rerun_finished, &wait, "the re-run");
  if (ls_session_get_state (_ls_window_get_session (window)) != LS_SESSION_STATE_FINISHED)
    {
      g_autofree char *console = _ls_window_get_console_text (window);

      g_test_message ("the re-run did not finish; its console:\n%s", console);
    }
  g_assert_cmpint (ls_session_get_state (_ls_window_get_session (window)), ==,
                   LS_SESSION_STATE_FINISHED);
}

typedef struct
{
  gint64 time;
  int    delta;
} Edge;

static int
compare_edges (gconstpointer a,
               gconstpointer b)
{
  const Edge *x = a, *y = b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return x->delta - y->delta;   /* a slot is released before it is taken again */
}

/* How many tasks sleep at once at most: in the semaphore scenario a download
 * sleeps exactly while it holds the semaphore. */
static guint
max_sleeping (LsTrace *trace)
{
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  int now = 0, most = 0;

  for (guint task = 0; task < ls_trace_get_n_tasks (trace); task++)
    for (guint i = 0; i < ls_trace_task_get_n_spans (trace, task); i++)
      {
        LsTraceSpan span;
        Edge start, end;

        g_assert_true (ls_trace_task_get_span (trace, task, i, &span));
        if (span.state != LS_TRACE_STATE_SLEEPING)
          continue;
        start = (Edge) { span.start, +1 };
        end = (Edge) { span.end, -1 };
        g_array_append_val (edges, start);
        g_assert_cmpint (span.end, !=, LS_TRACE_TIME_NONE);
        g_array_append_val (edges, end);
      }
  g_array_sort (edges, compare_edges);
  for (guint i = 0; i < edges->len; i++)
    {
      now += g_array_index (edges, Edge, i).delta;
      most = MAX (most, now);
    }
  return most;
}

static gint64
semaphore_capacity (LsTrace *trace)
{
  for (guint i = 0; i < ls_trace_get_n_objects (trace); i++)
    {
      LsTraceObject object;

      g_assert_true (ls_trace_get_object (trace, i, &object));
      if (object.kind == LS_TRACE_OBJECT_SEMAPHORE)
        return object.capacity;
    }
  g_assert_not_reached ();
}

static char *
trace_stdout (LsTrace *trace)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < ls_trace_get_n_console (trace); i++)
    {
      LsTraceConsoleLine line;

      g_assert_true (ls_trace_get_console (trace, i, &line));
      if (line.stream == LS_TRACE_STREAM_STDOUT)
        g_string_append_printf (out, "%s\n", line.text);
    }
  return g_string_free (out, FALSE);
}

static char *
oracle_output (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "scenarios", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

static void
count_changed_cb (LsParamPanel *panel,
                  const char   *name,
                  const char   *literal,
                  guint        *count)
{
  (*count)++;
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (path);
}

/* The panel drives the program */

static void
test_panel_rewrites_and_reruns (void)
{
  LsWindow *window = new_window_with_semaphore ();
  LsParamPanel *panel = _ls_window_get_param_panel (window);
  GtkWidget *tasks, *concurrent;
  g_autofree char *expected = NULL;
  g_autofree char *output = NULL;
  LsTrace *trace;

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (panel)));
  g_assert_cmpuint (ls_param_panel_get_n_params (panel), ==, 3);
  g_assert_true (_ls_window_run_instant (window));
  g_assert_cmpuint (max_sleeping (_ls_window_get_trace (window)), ==, 5);

  tasks = _ls_param_panel_get_control (panel, "N_TASKS");
  concurrent = _ls_param_panel_get_control (panel, "MAX_CONCURRENT");
  g_assert_true (GTK_IS_SPIN_BUTTON (tasks));
  g_assert_true (GTK_IS_SPIN_BUTTON (concurrent));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (concurrent)), ==, 5);
  g_assert_null (_ls_param_panel_get_control (panel, "no_such_param"));

  /* Two changes in a row: the text follows each, one re-run follows both. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (concurrent), 1);
  g_assert_true (text_contains (window, "\nMAX_CONCURRENT = 1   # param 1..50    semaphore size\n"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (tasks), 20);
  g_assert_true (text_contains (window, "\nN_TASKS = 20        # param 1..1000  number of downloads\n"));
  wait_for_rerun (window);

  trace = _ls_window_get_trace (window);
  g_assert_cmpuint (max_sleeping (trace), ==, 1);
  g_assert_cmpint (semaphore_capacity (trace), ==, 1);
  /* Exactly what CPython prints for these values (tests/scenarios, from the oracle). */
  expected = oracle_output ("semaphore@N_TASKS=20,MAX_CONCURRENT=1.out");
  output = trace_stdout (trace);
  g_assert_cmpstr (output, ==, expected);
  /* The panel kept its values (no feedback from its own rewrite). */
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (concurrent)), ==, 1);

  /* Each change is one undoable action. */
  gtk_text_buffer_undo (editor_buffer (window));
  g_assert_true (text_contains (window, "\nN_TASKS = 100        # param"));
  g_assert_true (text_contains (window, "\nMAX_CONCURRENT = 1   # param"));
  gtk_widget_queue_resize (GTK_WIDGET (window));
  ls_test_wait_for_frames (GTK_WIDGET (window), 3);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_panel_float_literal (void)
{
  LsWindow *window = new_window_with_semaphore ();
  LsParamPanel *panel = _ls_window_get_param_panel (window);
  GtkWidget *duration = _ls_param_panel_get_control (panel, "DURATION");

  g_assert_true (GTK_IS_SPIN_BUTTON (duration));
  /* Range 0.01..2: two decimals, written back as Python writes the float. */
  g_assert_cmpuint (gtk_spin_button_get_digits (GTK_SPIN_BUTTON (duration)), ==, 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (duration), 0.05);
  g_assert_true (text_contains (window, "\nDURATION = 0.05       # param 0.01..2"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (duration), 1.5000000001);
  g_assert_true (text_contains (window, "\nDURATION = 1.5       # param 0.01..2"));
  wait_for_rerun (window);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The text drives the panel */

static void
test_edit_rescans_panel (void)
{
  LsWindow *window = new_window_with_semaphore ();
  LsParamPanel *panel = _ls_window_get_param_panel (window);
  GtkTextBuffer *buffer = editor_buffer (window);
  GtkWidget *concurrent = _ls_param_panel_get_control (panel, "MAX_CONCURRENT");
  guint changed = 0;
  GtkTextIter iter, end;

  g_signal_connect (panel, "changed", G_CALLBACK (count_changed_cb), &changed);

  /* Typing a new parameter adds a row (after the typing pauses). */
  iter_at_text (buffer, "import asyncio\n", strlen ("import asyncio\n"), &iter);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert (buffer, &iter, "VERBOSE = False  # param  print more\n", -1);
  gtk_text_buffer_end_user_action (buffer);
  wait_for_n_params (panel, 4);
  g_assert_true (GTK_IS_SWITCH (_ls_param_panel_get_control (panel, "VERBOSE")));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (_ls_param_panel_get_control (panel, "VERBOSE"))));

  /* Editing a value updates the row in place, without a "changed" echo. */
  concurrent = _ls_param_panel_get_control (panel, "MAX_CONCURRENT");
  iter_at_text (buffer, "MAX_CONCURRENT = 5", strlen ("MAX_CONCURRENT = "), &iter);
  end = iter;
  gtk_text_iter_forward_char (&end);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &iter, &end);
  gtk_text_buffer_insert (buffer, &iter, "12", -1);
  gtk_text_buffer_end_user_action (buffer);
  wait_for_spin_value (concurrent, 12);
  g_assert_true (_ls_param_panel_get_control (panel, "MAX_CONCURRENT") == concurrent);
  g_assert_cmpuint (changed, ==, 0);

  /* The switch writes a bool literal back. */
  gtk_switch_set_active (GTK_SWITCH (_ls_param_panel_get_control (panel, "VERBOSE")), TRUE);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (text_contains (window, "\nVERBOSE = True  # param  print more\n"));

  /* Removing the marker removes the row. */
  iter_at_text (buffer, "# param  print more", 0, &iter);
  end = iter;
  gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &iter, &end);
  gtk_text_buffer_end_user_action (buffer);
  wait_for_n_params (panel, 3);
  g_assert_null (_ls_param_panel_get_control (panel, "VERBOSE"));

  /* A program without parameters empties the panel. */
  gtk_text_buffer_set_text (buffer, "print('hi')\n", -1);
  ls_test_drain_pending ();
  g_assert_cmpuint (ls_param_panel_get_n_params (panel), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Bad input */

static void
test_bad_values (void)
{
  LsWindow *window = new_window_with_semaphore ();
  LsParamPanel *panel = _ls_window_get_param_panel (window);
  GtkWidget *concurrent = _ls_param_panel_get_control (panel, "MAX_CONCURRENT");
  g_autofree char *before = _ls_window_get_text (window);
  g_autofree char *after = NULL;
  guint changed = 0;

  g_signal_connect (panel, "changed", G_CALLBACK (count_changed_cb), &changed);

  /* Text typed into an int's spin button is dropped. */
  gtk_editable_set_text (GTK_EDITABLE (concurrent), "lots");
  gtk_spin_button_update (GTK_SPIN_BUTTON (concurrent));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (concurrent)), ==, 5);
  gtk_editable_set_text (GTK_EDITABLE (concurrent), "1e999");
  gtk_spin_button_update (GTK_SPIN_BUTTON (concurrent));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (concurrent)), ==, 5);
  after = _ls_window_get_text (window);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (changed, ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  char *name;
  char *literal;
} LastChange;

static void
remember_change_cb (LsParamPanel *panel,
                    const char   *name,
                    const char   *literal,
                    LastChange   *last)
{
  g_free (last->name);
  g_free (last->literal);
  last->name = g_strdup (name);
  last->literal = g_strdup (literal);
}

/* Odd literals: huge, infinite, out of range, strings with quotes. The panel
 * shows them without crashing and what it writes back is valid. */
static void
test_odd_literals (void)
{
  const char *source =
    "HUGE = 99999999999999999999999999  # param\n"
    "INF = 1e400  # param 0..1\n"
    "OUT = 75  # param 1..50  beyond its range\n"
    "HEX = 0x1F  # param\n"
    "S = 'it\\'s'  # param  greeting <b>&</b>\n";
  LsParamPanel *panel = g_object_ref_sink (ls_param_panel_new ());
  LastChange last = { NULL, NULL };
  GtkWidget *out, *entry, *hex;
  g_autofree char *applied = NULL;
  g_autoptr(GPtrArray) params = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[1], *values[1];

  g_signal_connect (panel, "changed", G_CALLBACK (remember_change_cb), &last);
  ls_param_panel_set_source (panel, source);
  g_assert_cmpuint (ls_param_panel_get_n_params (panel), ==, 5);
  g_assert_null (last.name);

  /* Out of its range: shown as written, not clamped. */
  out = _ls_param_panel_get_control (panel, "OUT");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (out)), ==, 75);
  hex = _ls_param_panel_get_control (panel, "HEX");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (hex)), ==, 31);

  entry = _ls_param_panel_get_control (panel, "S");
  g_assert_true (GTK_IS_ENTRY (entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "it's");
  gtk_editable_set_text (GTK_EDITABLE (entry), "say \"it's\" \\ ok");
  g_assert_cmpstr (last.name, ==, "S");

  /* What the entry wrote is a literal that reads back as the same text. */
  names[0] = last.name;
  values[0] = last.literal;
  applied = ls_params_apply (source, 1, names, values, &error);
  g_assert_no_error (error);
  params = ls_params_scan (applied);
  g_assert_cmpuint (params->len, ==, 5);
  g_assert_cmpstr (((LsParam *) params->pdata[4])->literal, ==, last.literal);
  ls_param_panel_set_source (panel, applied);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "say \"it's\" \\ ok");

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (hex), 32);
  g_assert_cmpstr (last.name, ==, "HEX");
  g_assert_cmpstr (last.literal, ==, "32");

  g_free (last.name);
  g_free (last.literal);
  g_object_unref (panel);
}

/* Ctrl+drag scrubbing */

static void
test_scrub_find_number (void)
{
  const struct
  {
    const char *line;
    const char *at;      /* the character under the pointer: the first match */
    const char *number;  /* NULL: none there */
  } cases[] = {
    { "N_TASKS = 100        # param 1..1000  number", "00 ", "100" },
    { "N_TASKS = 100        # param 1..1000  number", "1..", "1" },
    { "N_TASKS = 100        # param 1..1000  number", "000  ", "1000" },
    { "N_TASKS = 100        # param 1..1000  number", "TASKS", NULL },
    { "x = -3", "3", "-3" },
    { "x = -3", "-", "-3" },
    { "y = a-3", "3", "3" },
    { "f(x, -2.5)", ".5", "-2.5" },
    { "t = 1e-3  # ms", "e-", "1e-3" },
    { "t = .5", "5", ".5" },
    { "n = 1_000_000", "_000_", "1_000_000" },
    { "x1 = 2", "1", NULL },
    { "m = 0x1F", "1F", NULL },
    { "z = 2j", "2", NULL },
    { "h = 3.", "3", "3." },
    { "await asyncio.sleep(DURATION * (1 + n % 3))", "3)", "3" },
    { "v = d[0].x + 7", "0", "0" },
    { "v = d[0] - 7", "7", "7" },
    { "# é 42", "42", "42" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *line = cases[i].line;
      gsize pos = strstr (line, cases[i].at) - line;
      gsize start = 0, end = 0;
      gboolean found = _ls_literal_scrub_find_number (line, pos, &start, &end);

      g_test_message ("%s @ %s", line, cases[i].at);
      if (cases[i].number == NULL)
        {
          g_assert_false (found);
          continue;
        }
      g_assert_true (found);
      g_assert_cmpuint (end - start, ==, strlen (cases[i].number));
      g_assert_cmpint (strncmp (line + start, cases[i].number, end - start), ==, 0);
    }
  /* Past the end of the line, or on a space. */
  g_assert_false (_ls_literal_scrub_find_number ("x = 5", 5, &(gsize) { 0 }, &(gsize) { 0 }));
  g_assert_false (_ls_literal_scrub_find_number ("x = 5", 1, &(gsize) { 0 }, &(gsize) { 0 }));
}

static void
test_scrub_step (void)
{
  const struct
  {
    const char *literal;
    int         steps;
    gboolean    has_range;
    double      min, max;
    const char *result;   /* NULL: cannot be scrubbed */
  } cases[] = {
    { "5", 3, FALSE, 0, 0, "8" },
    { "5", -10, FALSE, 0, 0, "-5" },
    { "5", 100, TRUE, 1, 50, "50" },
    { "5", -100, TRUE, 1, 50, "1" },
    { "75", 1, TRUE, 1, 50, "75" },       /* out of range: kept, not snapped back */
    { "75", -1, TRUE, 1, 50, "74" },
    { "-3", 4, FALSE, 0, 0, "1" },
    { "1_000", 1, FALSE, 0, 0, "1001" },
    { "0.2", 1, FALSE, 0, 0, "0.3" },
    { "0.2", -5, TRUE, 0.01, 2, "0.01" }, /* the bound needs more decimals */
    { "0.25", 2, FALSE, 0, 0, "0.27" },
    { "0.1", -1, FALSE, 0, 0, "0.0" },
    { "0.1", -2, FALSE, 0, 0, "-0.1" },
    { "2.5", 200, TRUE, 0.1, 10, "10.0" },
    { "1e-3", 1, FALSE, 0, 0, "0.002" },
    { "3.", 1, FALSE, 0, 0, "4.0" },
    { "5", 0, FALSE, 0, 0, "5" },
    { "0x1F", 1, FALSE, 0, 0, NULL },
    { "99999999999999999999", 1, FALSE, 0, 0, NULL },
    { "abc", 1, FALSE, 0, 0, NULL },
    { "", 1, FALSE, 0, 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = _ls_literal_scrub_step (cases[i].literal, cases[i].steps,
                                                        cases[i].has_range, cases[i].min,
                                                        cases[i].max);

      g_test_message ("%s %+d", cases[i].literal, cases[i].steps);
      g_assert_cmpstr (result, ==, cases[i].result);
    }
  g_assert_cmpint (_ls_literal_scrub_decimals ("0.25"), ==, 2);
  g_assert_cmpint (_ls_literal_scrub_decimals ("1e-3"), ==, 3);
  g_assert_cmpint (_ls_literal_scrub_decimals ("1.5e2"), ==, -1);
  g_assert_cmpint (_ls_literal_scrub_decimals ("7"), ==, 0);
}

static void
test_scrub_in_editor (void)
{
  LsWindow *window = new_window_with_semaphore ();
  LsLiteralScrub *scrub = _ls_window_get_literal_scrub (window);
  LsParamPanel *panel = _ls_window_get_param_panel (window);
  GtkTextBuffer *buffer = editor_buffer (window);
  GtkTextIter iter;

  g_assert_nonnull (scrub);

  /* Not on a number: nothing to drag, the view keeps the press. */
  iter_at_text (buffer, "MAX_CONCURRENT = 5", 2, &iter);
  g_assert_false (_ls_literal_scrub_begin (scrub, &iter));

  /* A parameter's literal moves within its range; the drag is one undo step. */
  iter_at_text (buffer, "MAX_CONCURRENT = 5", strlen ("MAX_CONCURRENT = "), &iter);
  g_assert_true (_ls_literal_scrub_begin (scrub, &iter));
  _ls_literal_scrub_update (scrub, 3);
  g_assert_true (text_contains (window, "\nMAX_CONCURRENT = 8   # param"));
  _ls_literal_scrub_update (scrub, 100);
  g_assert_true (text_contains (window, "\nMAX_CONCURRENT = 50   # param"));
  _ls_literal_scrub_update (scrub, -100);
  g_assert_true (text_contains (window, "\nMAX_CONCURRENT = 1   # param"));
  _ls_literal_scrub_update (scrub, 5);
  _ls_literal_scrub_end (scrub);
  g_assert_true (text_contains (window, "\nMAX_CONCURRENT = 10   # param"));

  /* The program re-runs with it, and the panel follows. */
  wait_for_rerun (window);
  g_assert_cmpuint (max_sleeping (_ls_window_get_trace (window)), ==, 10);
  wait_for_spin_value (_ls_param_panel_get_control (panel, "MAX_CONCURRENT"), 10);

  gtk_text_buffer_undo (buffer);
  g_assert_true (text_contains (window, "\nMAX_CONCURRENT = 5   # param"));

  /* Any number, not only parameters: here the 3 of `n % 3`. */
  iter_at_text (buffer, "n % 3", 4, &iter);
  g_assert_true (_ls_literal_scrub_begin (scrub, &iter));
  _ls_literal_scrub_update (scrub, -7);
  _ls_literal_scrub_end (scrub);
  g_assert_true (text_contains (window, "n % -4"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Looks */

static void
test_screenshots (void)
{
  LsWindow *window = new_window_with_semaphore ();

  g_assert_true (_ls_window_run_instant (window));
  ls_test_wait_for_frames (GTK_WIDGET (window), 3);
  ls_test_screenshot (GTK_WIDGET (window), "screenshot-params.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  ls_test_wait_for_frames (GTK_WIDGET (window), 3);
  ls_test_screenshot (GTK_WIDGET (window), "screenshot-params-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  /* Every kind of row, then none. */
  gtk_text_buffer_set_text (editor_buffer (window),
                            "import asyncio\n"
                            "\n"
                            "WORKERS = 4  # param 1..16  worker tasks\n"
                            "SEED = 42  # param\n"
                            "TIMEOUT = 2.5  # param 0.1..10  wait_for timeout (s)\n"
                            "VERBOSE = True  # param  print every step\n"
                            "PREFIX = 'job'  # param  task name prefix\n",
                            -1);
  ls_test_drain_pending ();
  g_assert_cmpuint (ls_param_panel_get_n_params (_ls_window_get_param_panel (window)), ==, 5);
  ls_test_wait_for_frames (GTK_WIDGET (window), 3);
  ls_test_screenshot (GTK_WIDGET (window), "screenshot-params-kinds.png");
  gtk_text_buffer_set_text (editor_buffer (window), "print('no parameters here')\n", -1);
  ls_test_drain_pending ();
  ls_test_wait_for_frames (GTK_WIDGET (window), 3);
  ls_test_screenshot (GTK_WIDGET (window), "screenshot-params-none.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("loopscope-test-params-XXXXXX", NULL);
  int status;

  /* Edited scenarios are saved in the user's data dir: use a temporary one.
   * (gtk_test_init() ignores G_TEST_OPTION_ISOLATE_DIRS.) */
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/app/params/panel-rewrites-and-reruns", test_panel_rewrites_and_reruns);
  g_test_add_func ("/app/params/panel-float-literal", test_panel_float_literal);
  g_test_add_func ("/app/params/edit-rescans-panel", test_edit_rescans_panel);
  g_test_add_func ("/app/params/bad-values", test_bad_values);
  g_test_add_func ("/app/params/odd-literals", test_odd_literals);
  g_test_add_func ("/app/params/scrub-find-number", test_scrub_find_number);
  g_test_add_func ("/app/params/scrub-step", test_scrub_step);
  g_test_add_func ("/app/params/scrub-in-editor", test_scrub_in_editor);
  g_test_add_func ("/app/params/screenshots", test_screenshots);
  status = g_test_run ();
  ls_test_drain_pending ();
  remove_tree (data_home);
  return status;
}
