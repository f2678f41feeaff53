/* test-export.c: Chrome trace JSON, CSV and console exports and the importer
 * (src/trace/ls-trace-export.c, ls-trace-import.c). The JSON is checked with
 * json-glib, a parser independent of ours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "ls-trace.h"
#include "ls-trace-export.h"
#include "ls-trace-import.h"

/* Every byte that needs escaping, quotes, backslashes and some UTF-8. */
static const char nasty[] =
  "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14"
  "\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f \"quoted\" back\\slash / "
  "caf\xc3\xa9 \xe2\x80\xa8 \xf0\x9f\x90\x8d end";

/* A trace with something in every table: tasks that run, wait, fail, get
 * cancelled and finish in no time; objects with counters; flows; prints. */
static LsTrace *
make_trace (guint seed)
{
  LsTrace *trace = ls_trace_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  gint main_task, sem, q, fut, series;
  gint64 clock = 0;

  main_task = ls_trace_add_task (trace, 0, "main", -1, LS_TRACE_TASK_KIND_MAIN, 20);
  sem = ls_trace_add_object (trace, 0, LS_TRACE_OBJECT_SEMAPHORE, "sem", 3);
  q = ls_trace_add_object (trace, 0, LS_TRACE_OBJECT_QUEUE, "q", 0);
  fut = ls_trace_add_object (trace, 0, LS_TRACE_OBJECT_FUTURE, NULL, 0);
  ls_trace_add_object (trace, 0, LS_TRACE_OBJECT_LOCK, "q", 0);   /* a label used twice */
  series = ls_trace_add_series (trace, sem, "free");
  ls_trace_set_source (trace, "demo.py", "import asyncio\nprint(\"hi\")\n");

  ls_trace_task_set_state (trace, main_task, 0, LS_TRACE_STATE_RUNNING, -1, 21);
  ls_trace_series_sample (trace, series, 0, 3);

  for (int i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("worker-%d", i);
      gint task = ls_trace_add_task (trace, clock, i == 3 ? nasty : name, main_task,
                                     LS_TRACE_TASK_KIND_TASK, 22);

      ls_trace_add_flow (trace, LS_TRACE_FLOW_SPAWN, main_task, task, clock, clock, -1);
      for (int step = 0; step < 20; step++)
        {
          /* Odd nanoseconds, so that exported times are fractional microseconds. */
          if (g_rand_int_range (rand, 0, 3) != 0)
            clock += g_rand_int_range (rand, 1, 3000) * 1001 + 333;
          ls_trace_task_set_state (trace, task, clock, LS_TRACE_STATE_RUNNING, -1, 30 + step % 5);
          if (step % 4 == 0)
            {
              ls_trace_task_set_state (trace, task, clock, LS_TRACE_STATE_SEMAPHORE, sem, 31);
              ls_trace_series_sample (trace, series, clock, g_rand_int_range (rand, 0, 4));
            }
          else if (step % 4 == 1)
            ls_trace_task_set_state (trace, task, clock, LS_TRACE_STATE_QUEUE_GET, q, 32);
          else if (step % 4 == 2)
            ls_trace_task_set_state (trace, task, clock, LS_TRACE_STATE_AWAIT_TASK, main_task, 33);
          else
            ls_trace_task_set_state (trace, task, clock, LS_TRACE_STATE_SLEEPING, -1, 34);
          if (g_rand_int_range (rand, 0, 4) == 0)
            {
              clock += 2000;
              ls_trace_task_set_state (trace, task, clock, LS_TRACE_STATE_READY, -1, 35);
              ls_trace_add_flow (trace, LS_TRACE_FLOW_WAKE, main_task, task, clock - 1000, clock,
                                 sem);
            }
          if (step == 7 && i % 2 == 0)
            ls_trace_add_console (trace, clock, task, LS_TRACE_STREAM_STDOUT,
                                  i == 4 ? nasty : "tick\n");
        }

      if (i % 4 == 1)
        {
          ls_trace_add_instant (trace, clock, task, LS_TRACE_INSTANT_CANCEL, "CancelledError()");
          ls_trace_task_end (trace, task, clock + 5, LS_TRACE_END_CANCELLED, NULL);
        }
      else if (i % 4 == 2)
        ls_trace_task_end (trace, task, clock + 7, LS_TRACE_END_FAILED,
                           "Traceback (most recent call last):\n  ValueError: \"bad\"\n");
      else if (i % 4 == 3)
        ls_trace_task_end (trace, task, clock, LS_TRACE_END_DONE, NULL);
      /* i % 4 == 0: still running, its last span open */
    }

  /* A task that lives for no time at all, and a print outside every task. */
  {
    gint quick = ls_trace_add_task (trace, clock, "quick", main_task, LS_TRACE_TASK_KIND_INTERNAL,
                                    40);

    ls_trace_task_set_state (trace, quick, clock, LS_TRACE_STATE_RUNNING, -1, 41);
    ls_trace_task_end (trace, quick, clock, LS_TRACE_END_DONE, NULL);
  }
  ls_trace_add_console (trace, clock, LS_TRACE_NO_ID, LS_TRACE_STREAM_STDERR, "outside");
  ls_trace_add_instant (trace, clock, LS_TRACE_NO_ID, LS_TRACE_INSTANT_TIMEOUT, NULL);
  ls_trace_add_flow (trace, LS_TRACE_FLOW_TIMEOUT, LS_TRACE_NO_ID, main_task, clock, clock, fut);
  ls_trace_task_set_state (trace, main_task, clock, LS_TRACE_STATE_AWAIT_FUTURE, fut, 25);
  ls_trace_set_now (trace, clock + 123457);

  return trace;
}

static JsonNode *
parse_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonArray *
events_of (JsonNode *root)
{
  JsonObject *object;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  object = json_node_get_object (root);
  g_assert_true (json_object_has_member (object, "traceEvents"));
  return json_object_get_array_member (object, "traceEvents");
}

typedef struct
{
  double us_start;
  double us_dur;
} XEvent;

static int
compare_x (gconstpointer a,
           gconstpointer b)
{
  const XEvent *x = a, *y = b;

  return (x->us_start > y->us_start) - (x->us_start < y->us_start);
}

/* The X events of one thread, as three readers would see them: exact decimal
 * (rounding to ns), older Perfetto (truncating to ns) and plain doubles
 * (speedscope). None may overlap. */
static void
assert_no_overlap (GArray *xs)
{
  g_array_sort (xs, compare_x);
  for (guint i = 0; i + 1 < xs->len; i++)
    {
      const XEvent *a = &g_array_index (xs, XEvent, i);
      const XEvent *b = &g_array_index (xs, XEvent, i + 1);

      g_assert_cmpfloat (a->us_dur, >=, 0);
      g_assert_cmpint (llround (a->us_start * 1000) + llround (a->us_dur * 1000),
                       <=, llround (b->us_start * 1000));
      g_assert_cmpint ((gint64) (a->us_start * 1000) + (gint64) (a->us_dur * 1000),
                       <=, (gint64) (b->us_start * 1000));
      g_assert_cmpfloat (a->us_start + a->us_dur, <=, b->us_start);
    }
}

static void
check_chrome_json (LsTrace    *trace,
                   const char *json)
{
  g_autoptr(JsonNode) root = parse_json (json);
  JsonArray *events = events_of (root);
  g_autoptr(GHashTable) xs_by_tid = g_hash_table_new_full (NULL, NULL, NULL,
                                                           (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) names = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GHashTable) sort_index = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) flow_starts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) flow_ends = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean process_named = FALSE;
  guint n_x = 0, n_console = 0, n_counters = 0;
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *e = json_array_get_object_element (events, i);
      const char *ph = json_object_get_string_member (e, "ph");
      gint64 tid = json_object_has_member (e, "tid") ? json_object_get_int_member (e, "tid") : -1;

      g_assert_cmpint (json_object_get_int_member (e, "pid"), ==, 1);

      if (g_str_equal (ph, "M"))
        {
          const char *what = json_object_get_string_member (e, "name");
          JsonObject *args = json_object_get_object_member (e, "args");

          if (g_str_equal (what, "process_name"))
            process_named = g_str_equal (json_object_get_string_member (args, "name"),
                                         "Loopscope");
          else if (g_str_equal (what, "thread_name"))
            g_hash_table_insert (names, GINT_TO_POINTER (tid),
                                 g_strdup (json_object_get_string_member (args, "name")));
          else if (g_str_equal (what, "thread_sort_index"))
            g_hash_table_insert (sort_index, GINT_TO_POINTER (tid),
                                 GINT_TO_POINTER (json_object_get_int_member (args, "sort_index")));
        }
      else if (g_str_equal (ph, "X"))
        {
          GArray *xs = g_hash_table_lookup (xs_by_tid, GINT_TO_POINTER (tid));
          XEvent x = { json_object_get_double_member (e, "ts"),
                       json_object_get_double_member (e, "dur") };
          LsTraceState state;

          g_assert_true (ls_trace_state_from_string (json_object_get_string_member (e, "name"),
                                                     &state));
          if (xs == NULL)
            {
              xs = g_array_new (FALSE, FALSE, sizeof (XEvent));
              g_hash_table_insert (xs_by_tid, GINT_TO_POINTER (tid), xs);
            }
          g_array_append_val (xs, x);
          n_x++;
        }
      else if (g_str_equal (ph, "s") || g_str_equal (ph, "f"))
        {
          GHashTable *table = g_str_equal (ph, "s") ? flow_starts : flow_ends;
          g_autofree char *id = g_strdup_printf ("%s/%s/%" G_GINT64_FORMAT,
                                                 json_object_get_string_member (e, "cat"),
                                                 json_object_get_string_member (e, "name"),
                                                 json_object_get_int_member (e, "id"));

          if (g_str_equal (ph, "f"))
            g_assert_cmpstr (json_object_get_string_member (e, "bp"), ==, "e");
          g_assert_false (g_hash_table_contains (table, id));
          g_hash_table_insert (table, g_steal_pointer (&id),
                               GINT_TO_POINTER ((gint) (json_object_get_double_member (e, "ts")
                                                        * 1000)));
        }
      else if (g_str_equal (ph, "i"))
        {
          g_assert_cmpstr (json_object_get_string_member (e, "s"), ==, "t");
          if (g_str_equal (json_object_get_string_member (e, "cat"), "loopscope.console"))
            {
              LsTraceConsoleLine line;
              JsonObject *args = json_object_get_object_member (e, "args");

              g_assert_true (ls_trace_get_console (trace, n_console++, &line));
              g_assert_cmpstr (json_object_get_string_member (args, "text"), ==, line.text);
            }
        }
      else if (g_str_equal (ph, "C"))
        {
          JsonObject *args = json_object_get_object_member (e, "args");

          g_assert_cmpuint (json_object_get_size (args), ==, 1);
          n_counters++;
        }
      else
        g_assert_not_reached ();
    }

  g_assert_true (process_named);
  g_assert_cmpuint (n_console, ==, ls_trace_get_n_console (trace));
  g_assert_cmpuint (n_counters, >, 0);

  /* A named, ordered thread per task, its name exactly the task's. */
  for (guint task = 0; task < ls_trace_get_n_tasks (trace); task++)
    {
      g_assert_cmpstr (g_hash_table_lookup (names, GINT_TO_POINTER (task + 1)),
                       ==, ls_trace_task_get_name (trace, (gint) task));
      g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (sort_index,
                                                             GINT_TO_POINTER (task + 1))),
                       ==, task);
    }

  /* One X per span, none overlapping on its thread. */
  {
    LsTraceStats stats;

    ls_trace_get_stats (trace, &stats);
    g_assert_cmpuint (n_x, ==, stats.n_spans);
  }
  g_hash_table_iter_init (&iter, xs_by_tid);
  while (g_hash_table_iter_next (&iter, &key, &value))
    assert_no_overlap (value);

  /* Flows come in pairs, the end not before the start. */
  g_assert_cmpuint (g_hash_table_size (flow_starts), ==, ls_trace_get_n_flows (trace));
  g_assert_cmpuint (g_hash_table_size (flow_ends), ==, ls_trace_get_n_flows (trace));
  g_hash_table_iter_init (&iter, flow_starts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gpointer end;

      g_assert_true (g_hash_table_lookup_extended (flow_ends, key, NULL, &end));
      g_assert_cmpint (GPOINTER_TO_INT (end), >=, GPOINTER_TO_INT (value) - 1);
    }
}

static void
test_chrome_json (void)
{
  for (guint seed = 1; seed <= 20; seed++)
    {
      g_autoptr(LsTrace) trace = make_trace (seed);
      g_autofree char *json = NULL;
      gsize len;

      json = ls_trace_to_chrome_json (trace, &len);
      g_assert_cmpuint (strlen (json), ==, len);
      check_chrome_json (trace, json);
    }
}

static void
test_empty_trace (void)
{
  g_autoptr(LsTrace) trace = ls_trace_new ();
  g_autofree char *json = ls_trace_to_chrome_json (trace, NULL);
  g_autoptr(JsonNode) root = parse_json (json);
  g_autoptr(LsTrace) back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (json_array_get_length (events_of (root)), ==, 1);
  back = ls_trace_import_chrome_json_data (json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ls_trace_get_n_tasks (back), ==, 0);
}

/* Round trip */

static void
assert_same_trace (LsTrace *a,
                   LsTrace *b)
{
  LsTraceStats sa, sb;

  ls_trace_get_stats (a, &sa);
  ls_trace_get_stats (b, &sb);
  g_assert_cmpuint (sa.n_tasks, ==, sb.n_tasks);
  g_assert_cmpuint (sa.n_spans, ==, sb.n_spans);
  g_assert_cmpuint (sa.n_steps, ==, sb.n_steps);
  g_assert_cmpuint (sa.n_objects, ==, sb.n_objects);
  g_assert_cmpuint (sa.n_series, ==, sb.n_series);
  g_assert_cmpuint (sa.n_samples, ==, sb.n_samples);
  g_assert_cmpuint (sa.n_flows, ==, sb.n_flows);
  g_assert_cmpuint (sa.n_console, ==, sb.n_console);
  g_assert_cmpuint (sa.n_instants, ==, sb.n_instants);
  g_assert_cmpuint (sa.n_events, ==, sb.n_events);
  g_assert_cmpint (sa.now, ==, sb.now);
  g_assert_cmpmem (sa.state_time, sizeof sa.state_time, sb.state_time, sizeof sb.state_time);
  g_assert_cmpstr (ls_trace_get_filename (a), ==, ls_trace_get_filename (b));
  g_assert_cmpstr (ls_trace_get_source (a), ==, ls_trace_get_source (b));

  for (gint i = 0; i < (gint) sa.n_tasks; i++)
    {
      LsTraceTask ta, tb;

      ls_trace_get_task (a, i, &ta);
      ls_trace_get_task (b, i, &tb);
      g_assert_cmpstr (ta.name, ==, tb.name);
      g_assert_cmpstr (ta.exception, ==, tb.exception);
      g_assert_cmpint (ta.kind, ==, tb.kind);
      g_assert_cmpint (ta.parent, ==, tb.parent);
      g_assert_cmpint (ta.created, ==, tb.created);
      g_assert_cmpint (ta.ended, ==, tb.ended);
      g_assert_cmpint (ta.end, ==, tb.end);
      g_assert_cmpuint (ta.line, ==, tb.line);
      g_assert_cmpuint (ta.n_spans, ==, tb.n_spans);
      g_assert_cmpuint (ta.n_steps, ==, tb.n_steps);
      for (guint j = 0; j < ta.n_spans; j++)
        {
          LsTraceSpan x, y;

          ls_trace_task_get_span (a, i, j, &x);
          ls_trace_task_get_span (b, i, j, &y);
          g_assert_cmpint (x.start, ==, y.start);
          g_assert_cmpint (x.end, ==, y.end);
          g_assert_cmpint (x.state, ==, y.state);
          g_assert_cmpint (x.detail, ==, y.detail);
          g_assert_cmpuint (x.line, ==, y.line);
        }
      for (guint j = 0; j < ta.n_steps; j++)
        {
          gint64 tx, ty;
          guint lx, ly;

          ls_trace_task_get_step (a, i, j, &tx, &lx);
          ls_trace_task_get_step (b, i, j, &ty, &ly);
          g_assert_cmpint (tx, ==, ty);
          g_assert_cmpuint (lx, ==, ly);
        }
    }

  for (gint i = 0; i < (gint) sa.n_objects; i++)
    {
      LsTraceObject x, y;

      ls_trace_get_object (a, i, &x);
      ls_trace_get_object (b, i, &y);
      g_assert_cmpint (x.kind, ==, y.kind);
      g_assert_cmpstr (x.label, ==, y.label);
      g_assert_cmpint (x.capacity, ==, y.capacity);
      g_assert_cmpint (x.created, ==, y.created);
      g_assert_cmpuint (x.n_series, ==, y.n_series);
    }

  for (gint i = 0; i < (gint) sa.n_series; i++)
    {
      LsTraceSeries x, y;

      ls_trace_get_series (a, i, &x);
      ls_trace_get_series (b, i, &y);
      g_assert_cmpint (x.object, ==, y.object);
      g_assert_cmpstr (x.name, ==, y.name);
      g_assert_cmpuint (x.n_samples, ==, y.n_samples);
      for (guint j = 0; j < x.n_samples; j++)
        {
          gint64 tx, ty;
          double vx, vy;

          ls_trace_series_get_sample (a, i, j, &tx, &vx);
          ls_trace_series_get_sample (b, i, j, &ty, &vy);
          g_assert_cmpint (tx, ==, ty);
          g_assert_cmpfloat (vx, ==, vy);
        }
    }

  for (guint i = 0; i < sa.n_flows; i++)
    {
      LsTraceFlow x, y;

      ls_trace_get_flow (a, i, &x);
      ls_trace_get_flow (b, i, &y);
      g_assert_cmpint (x.kind, ==, y.kind);
      g_assert_cmpint (x.from_task, ==, y.from_task);
      g_assert_cmpint (x.to_task, ==, y.to_task);
      g_assert_cmpint (x.time_from, ==, y.time_from);
      g_assert_cmpint (x.time_to, ==, y.time_to);
      g_assert_cmpint (x.object, ==, y.object);
    }

  for (guint i = 0; i < sa.n_console; i++)
    {
      LsTraceConsoleLine x, y;

      ls_trace_get_console (a, i, &x);
      ls_trace_get_console (b, i, &y);
      g_assert_cmpint (x.time, ==, y.time);
      g_assert_cmpint (x.task, ==, y.task);
      g_assert_cmpint (x.stream, ==, y.stream);
      g_assert_cmpstr (x.text, ==, y.text);
    }

  for (guint i = 0; i < sa.n_instants; i++)
    {
      LsTraceInstant x, y;

      ls_trace_get_instant (a, i, &x);
      ls_trace_get_instant (b, i, &y);
      g_assert_cmpint (x.time, ==, y.time);
      g_assert_cmpint (x.task, ==, y.task);
      g_assert_cmpint (x.kind, ==, y.kind);
      g_assert_cmpstr (x.text, ==, y.text);
    }
}

static void
test_round_trip (void)
{
  for (guint seed = 1; seed <= 20; seed++)
    {
      g_autoptr(LsTrace) trace = make_trace (seed);
      g_autoptr(LsTrace) back = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *json = ls_trace_to_chrome_json (trace, NULL);
      g_autofree char *again = NULL;

      back = ls_trace_import_chrome_json_data (json, -1, &error);
      g_assert_no_error (error);
      g_assert_nonnull (back);
      assert_same_trace (trace, back);

      /* Exporting what was imported gives the same bytes. */
      again = ls_trace_to_chrome_json (back, NULL);
      g_assert_cmpstr (json, ==, again);
    }
}

static void
test_round_trip_file (void)
{
  g_autoptr(LsTrace) trace = make_trace (99);
  g_autoptr(LsTrace) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ls-trace-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "trace.json", NULL);

  g_assert_true (ls_trace_export_chrome_json (trace, path, &error));
  g_assert_no_error (error);
  back = ls_trace_import_chrome_json (path, &error);
  g_assert_no_error (error);
  assert_same_trace (trace, back);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Malformed input */

static void
assert_rejected (const char *data,
                 gssize      len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsTrace) trace = ls_trace_import_chrome_json_data (data, len, &error);

  g_assert_null (trace);
  g_assert_error (error, LS_TRACE_ERROR, error->code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
  if (g_test_verbose ())
    g_test_message ("  %s", error->message);
}

/* Replaces the first @old in @json by @new and checks the result is refused. */
static void
assert_edit_rejected (const char *json,
                      const char *old,
                      const char *new)
{
  const char *at = strstr (json, old);
  g_autoptr(GString) edited = NULL;

  g_assert_nonnull (at);
  edited = g_string_new_len (json, at - json);
  g_string_append (edited, new);
  g_string_append (edited, at + strlen (old));
  if (g_test_verbose ())
    g_test_message ("%s -> %s", old, new);
  assert_rejected (edited->str, (gssize) edited->len);
}

static void
test_malformed (void)
{
  g_autoptr(LsTrace) trace = make_trace (5);
  g_autofree char *json = ls_trace_to_chrome_json (trace, NULL);
  g_autoptr(GString) deep = g_string_new ("{\"x\":");
  static const char * const garbage[] = {
    "", " ", "{", "}", "[", "[]", "{}", "null", "42", "\"str\"", "{\"traceEvents\":[]}",
    "{\"loopscope\":{}}", "{\"traceEvents\":[],\"loopscope\":[]}",
    "{\"traceEvents\":[],\"loopscope\":{\"format\":1}}",
    "{\"traceEvents\":[],\"loopscope\":{\"format\":1,\"now_ns\":0,\"tasks\":[],\"objects\":[]}}",
    "{\"traceEvents\":[{}],\"loopscope\":{\"format\":1,\"now_ns\":0,\"tasks\":[],"
    "\"objects\":[],\"series\":[]}}",
    "{\"traceEvents\":[1],\"loopscope\":{\"format\":1,\"now_ns\":0,\"tasks\":[],"
    "\"objects\":[],\"series\":[]}}",
    "{\"traceEvents\":[],\"loopscope\":{\"format\":1,\"now_ns\":0,\"tasks\":[],"
    "\"objects\":[],\"series\":[]}} trailing",
    "{\"traceEvents\":[],,\"loopscope\":{}}",
    "{\"traceEvents\":[],\"loopscope\":{\"format\":1,\"now_ns\":0,\"tasks\":[],"
    "\"objects\":[],\"series\":[],}}",
    "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\q\"}",
    "{\"a\":\"tab\there\"}", "{\"a\":\"\xff\xfe\"}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":-}",
    "{\"a\":1e}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":[1,2}", "{\"a\":{\"b\":1]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    assert_rejected (garbage[i], -1);

  /* A NUL byte inside the data. */
  assert_rejected ("{\"traceEvents\":[]\0}", 19);

  /* Nesting deep enough to overflow a recursive parser's stack. */
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  assert_rejected (deep->str, (gssize) deep->len);

  /* Truncated anywhere. */
  for (gsize cut = 0; cut + 2 < strlen (json); cut += 1 + cut / 50)
    assert_rejected (json, (gssize) cut);

  /* Wrong types, huge numbers, missing or unknown fields, bad references. */
  assert_edit_rejected (json, "\"format\":1", "\"format\":99");
  assert_edit_rejected (json, "\"format\":1", "\"format\":\"1\"");
  assert_edit_rejected (json, "\"now_ns\":", "\"now_ns\":1e400,\"x\":");
  assert_edit_rejected (json, "\"ph\":\"X\",", "");
  assert_edit_rejected (json, "\"ph\":\"X\",", "\"ph\":7,");
  assert_edit_rejected (json, "\"ts\":", "\"ts\":\"12\",\"x\":");
  assert_edit_rejected (json, "\"ts\":", "\"ts\":1e400,\"x\":");
  assert_edit_rejected (json, "\"ts\":", "\"ts\":-1,\"x\":");
  assert_edit_rejected (json, "\"ts\":", "\"ts\":99999999999999999999999,\"x\":");
  assert_edit_rejected (json, "\"ts\":", "\"ts\":9007199254740993,\"x\":");
  assert_edit_rejected (json, "\"ts\":", "\"ts\":null,\"x\":");
  assert_edit_rejected (json, "\"tid\":2,\"cat\":\"state\"", "\"tid\":{},\"cat\":\"state\"");
  assert_edit_rejected (json, "\"tid\":2,\"cat\":\"state\"", "\"tid\":1e30,\"cat\":\"state\"");
  assert_edit_rejected (json, "\"tid\":2,\"cat\":\"state\"", "\"tid\":2.5,\"cat\":\"state\"");
  assert_edit_rejected (json, "\"tid\":2,\"cat\":\"state\"", "\"tid\":4000,\"cat\":\"state\"");
  assert_edit_rejected (json, "\"tid\":2,\"cat\":\"state\"", "\"cat\":\"state\"");
  assert_edit_rejected (json, "\"name\":\"running\"", "\"name\":\"flying\"");
  assert_edit_rejected (json, "\"name\":\"running\"", "\"name\":\"done\"");
  assert_edit_rejected (json, "\"name\":\"running\"", "\"name\":[]");
  assert_edit_rejected (json, "\"waits_on\":", "\"waits_on\":1000000,\"x\":");
  assert_edit_rejected (json, "\"tasks\":[", "\"tasks\":{},\"x\":[");
  assert_edit_rejected (json, "\"tasks\":[\n{\"id\":0", "\"tasks\":[\n{\"id\":3");
  assert_edit_rejected (json, "\"tasks\":[\n{\"id\":0,\"name\":\"main\"", "\"tasks\":[\n{\"id\":0");
  assert_edit_rejected (json, "\"kind\":\"main\"", "\"kind\":\"boss\"");
  assert_edit_rejected (json, "\"parent\":0", "\"parent\":50");
  assert_edit_rejected (json, "\"created_ns\":0", "\"created_ns\":-5");
  assert_edit_rejected (json, "\"end\":\"running\"", "\"end\":\"done\"");
  assert_edit_rejected (json, "\"capacity\":3", "\"capacity\":1e400");
  assert_edit_rejected (json, "\"track\":\"sem\"", "\"track\":\"q #1\"");
  assert_edit_rejected (json, "\"cat\":\"loopscope.counter\",\"ts\":",
                        "\"cat\":\"loopscope.counter\",\"name\":\"nothing\",\"ts\":");
  assert_edit_rejected (json, "{\"free\":", "{\"used\":");
  assert_edit_rejected (json, "\"ph\":\"f\"", "\"ph\":\"s\"");
  assert_edit_rejected (json, "\"ph\":\"s\"", "\"ph\":\"f\"");
  assert_edit_rejected (json, "\"stream\":\"stdout\"", "\"stream\":\"stdin\"");
  assert_edit_rejected (json, "\"loopscope\":{", "\"loopscope\":[");
}

static void
test_fuzz (void)
{
  g_autoptr(LsTrace) trace = make_trace (11);
  g_autofree char *json = ls_trace_to_chrome_json (trace, NULL);
  /* `-m slow` runs many more rounds, seeded by --seed. */
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_slow () ? g_test_rand_int () : 4242);
  static const char alphabet[] = "{}[]\",:0123456789.-+eEtrufalsn \\u\x01\xc3\xff";
  gsize len = strlen (json);
  guint accepted = 0, rounds = g_test_slow () ? 200000 : 3000;

  /* Random damage must give a trace or an error, never a crash (run it under
   * AddressSanitizer to mean it). */
  for (guint round = 0; round < rounds; round++)
    {
      g_autofree char *copy = g_memdup2 (json, len);
      g_autoptr(GError) error = NULL;
      g_autoptr(LsTrace) back = NULL;
      gsize n = len;
      int edits = g_rand_int_range (rand, 1, 4);

      for (int e = 0; e < edits; e++)
        {
          gsize at = (gsize) g_rand_int_range (rand, 0, (gint32) n);

          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0:
              copy[at] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
              break;
            case 1:
              memmove (copy + at, copy + at + 1, n - at - 1);
              n--;
              break;
            default:
              copy[at] = copy[g_rand_int_range (rand, 0, (gint32) n)];
              break;
            }
        }

      back = ls_trace_import_chrome_json_data (copy, (gssize) n, &error);
      g_assert_true ((back == NULL) != (error == NULL));
      if (back != NULL)
        accepted++;
      else
        g_assert_true (error->domain == LS_TRACE_ERROR);
    }

  g_test_message ("%u of %u damaged files still made sense", accepted, rounds);
}

/* Files */

static void
test_unwritable (void)
{
  g_autoptr(LsTrace) trace = make_trace (3);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ls-trace-XXXXXX", NULL);
  g_autofree char *blocker = g_build_filename (dir, "file", NULL);
  g_autofree char *inside_file = g_build_filename (blocker, "trace.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "dir", "trace.json", NULL);

  g_assert_true (g_file_set_contents (blocker, "keep", -1, NULL));

  /* A folder that does not exist, a "folder" that is a file, a path that is a folder. */
  g_assert_false (ls_trace_export_chrome_json (trace, missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);
  g_assert_false (ls_trace_export_chrome_json (trace, inside_file, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_FILE_ERROR);
  g_clear_error (&error);
  g_assert_false (ls_trace_export_csv (trace, dir, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (ls_trace_export_console_text (trace, missing, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Importing what is not there. */
  g_assert_null (ls_trace_import_chrome_json (missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);
  g_assert_null (ls_trace_import_chrome_json (blocker, &error));
  g_assert_error (error, LS_TRACE_ERROR, LS_TRACE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (g_remove (blocker), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_atomic_overwrite (void)
{
  g_autoptr(LsTrace) trace = make_trace (8);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ls-trace-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = ls_trace_to_csv (trace, NULL);
  g_autoptr(GDir) listing = NULL;
  guint n_files = 0;

  g_assert_true (g_file_set_contents (path, "old contents", -1, NULL));
  g_assert_true (ls_trace_export_csv (trace, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);

  /* No temporary file left behind. */
  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_csv (void)
{
  g_autoptr(LsTrace) trace = ls_trace_new ();
  gint sem = ls_trace_add_object (trace, 0, LS_TRACE_OBJECT_SEMAPHORE, "sem", 1);
  gint a = ls_trace_add_task (trace, 0, "plain", -1, LS_TRACE_TASK_KIND_MAIN, 1);
  gint b = ls_trace_add_task (trace, 0, "a,\"b\"\nc", a, LS_TRACE_TASK_KIND_TASK, 2);
  gint c = ls_trace_add_task (trace, 0, "=HYPERLINK(1)", a, LS_TRACE_TASK_KIND_TASK, 3);
  g_autofree char *csv = NULL;
  g_auto(GStrv) rows = NULL;

  ls_trace_task_set_state (trace, a, 1500000000, LS_TRACE_STATE_SEMAPHORE, sem, 7);
  ls_trace_task_end (trace, a, 2000000001, LS_TRACE_END_DONE, NULL);
  ls_trace_task_set_state (trace, b, 5, LS_TRACE_STATE_AWAIT_TASK, a, 8);
  ls_trace_task_set_state (trace, c, 5, LS_TRACE_STATE_RUNNING, -1, 9);
  ls_trace_set_now (trace, 3000000000);

  csv = ls_trace_to_csv (trace, NULL);
  rows = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (rows), ==, 1 + 6 + 1);
  g_assert_cmpstr (rows[0], ==,
                   "task,task_name,state,start_s,end_s,duration_s,open,waits_on,waits_on_name,line");
  g_assert_cmpstr (rows[1], ==, "0,plain,ready,0.000000000,1.500000000,1.500000000,0,,,1");
  g_assert_cmpstr (rows[2], ==,
                   "0,plain,semaphore,1.500000000,2.000000001,0.500000001,0,0,sem,7");
  g_assert_cmpstr (rows[3], ==,
                   "1,\"a,\"\"b\"\"\nc\",ready,0.000000000,0.000000005,0.000000005,0,,,2");
  g_assert_cmpstr (rows[4], ==, "1,\"a,\"\"b\"\"\nc\",await-task,0.000000005,3.000000000,"
                                "2.999999995,1,0,plain,8");
  g_assert_cmpstr (rows[5], ==, "2,\"'=HYPERLINK(1)\",ready,0.000000000,0.000000005,"
                                "0.000000005,0,,,3");
  g_assert_cmpstr (rows[6], ==, "2,\"'=HYPERLINK(1)\",running,0.000000005,3.000000000,"
                                "2.999999995,1,,,9");
  g_assert_cmpstr (rows[7], ==, "");
}

static void
test_console_text (void)
{
  g_autoptr(LsTrace) trace = ls_trace_new ();
  g_autofree char *text = NULL;

  ls_trace_add_console (trace, 0, LS_TRACE_NO_ID, LS_TRACE_STREAM_STDOUT, "one\n");
  ls_trace_add_console (trace, 5, LS_TRACE_NO_ID, LS_TRACE_STREAM_STDERR, "two");
  text = ls_trace_to_console_text (trace, NULL);
  g_assert_cmpstr (text, ==, "one\ntwo\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trace/export/chrome-json", test_chrome_json);
  g_test_add_func ("/trace/export/empty-trace", test_empty_trace);
  g_test_add_func ("/trace/export/round-trip", test_round_trip);
  g_test_add_func ("/trace/export/round-trip-file", test_round_trip_file);
  g_test_add_func ("/trace/export/malformed", test_malformed);
  g_test_add_func ("/trace/export/fuzz", test_fuzz);
  g_test_add_func ("/trace/export/unwritable", test_unwritable);
  g_test_add_func ("/trace/export/atomic-overwrite", test_atomic_overwrite);
  g_test_add_func ("/trace/export/csv", test_csv);
  g_test_add_func ("/trace/export/console-text", test_console_text);

  return g_test_run ();
}
