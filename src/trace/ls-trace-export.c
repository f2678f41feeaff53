/* ls-trace-export.c: Chrome trace JSON, CSV and console text out of an LsTrace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text is written by hand into one growing buffer: numbers are formatted
 * from integers (no printf, no locale), strings escaped in runs.
 */
#include "config.h"

#include "ls-trace-export.h"
#include "ls-trace-private.h"

#include <math.h>
#include <string.h>

#define PID "1"

/* begin_event()'s task for events that belong to no thread. */
#define NO_THREAD G_MININT

/* Console lines show on the timeline under their first few characters. */
#define INSTANT_NAME_CHARS 48

/* An append-only byte buffer; cheaper per call than GString, which matters
 * at a dozen appends per event. */
typedef struct
{
  char  *data;
  gsize  len;
  gsize  cap;
} Buf;

typedef struct
{
  LsTrace  *trace;
  Buf      *out;
  gboolean  first;
  char    **tracks;     /* a unique counter track name per object */
} Writer;

/* Buffer */

static void
buf_init (Buf   *b,
          gsize  size_hint)
{
  b->cap = MAX (size_hint, 256);
  b->data = g_malloc (b->cap);
  b->len = 0;
}

static void
buf_grow (Buf   *b,
          gsize  extra)
{
  while (b->cap - b->len < extra)
    {
      if (b->cap > G_MAXSIZE / 2)
        g_error ("export too large");
      b->cap *= 2;
    }
  b->data = g_realloc (b->data, b->cap);
}

static inline void
buf_add (Buf        *b,
         const char *bytes,
         gsize       n)
{
  if (G_UNLIKELY (b->cap - b->len < n))
    buf_grow (b, n);
  memcpy (b->data + b->len, bytes, n);
  b->len += n;
}

#define buf_lit(b, literal) buf_add ((b), "" literal, sizeof (literal) - 1)

static inline void
buf_str (Buf        *b,
         const char *str)
{
  buf_add (b, str, strlen (str));
}

static inline void
buf_c (Buf  *b,
       char  c)
{
  if (G_UNLIKELY (b->cap == b->len))
    buf_grow (b, 1);
  b->data[b->len++] = c;
}

/* Ends the text with a NUL and hands it over. */
static char *
buf_steal (Buf   *b,
           gsize *len)
{
  buf_c (b, '\0');
  if (len != NULL)
    *len = b->len - 1;
  return g_steal_pointer (&b->data);
}

/* Numbers and strings */

static void
put_int (Buf    *out,
         gint64  v)
{
  char buf[24];
  char *p = buf + sizeof buf;
  guint64 u = v < 0 ? 0 - (guint64) v : (guint64) v;

  do
    {
      *--p = (char) ('0' + u % 10);
      u /= 10;
    }
  while (u != 0);
  if (v < 0)
    *--p = '-';

  buf_add (out, p, buf + sizeof buf - p);
}

/* Nanoseconds as microseconds, exactly: "12", or "12.345". */
static void
put_us (Buf    *out,
        gint64  ns)
{
  char frac[4];

  g_assert (ns >= 0);

  put_int (out, ns / 1000);
  if (ns % 1000 == 0)
    return;

  frac[0] = '.';
  frac[1] = (char) ('0' + ns / 100 % 10);
  frac[2] = (char) ('0' + ns / 10 % 10);
  frac[3] = (char) ('0' + ns % 10);
  buf_add (out, frac, 4);
}

static void
put_double (Buf    *out,
            double  v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_assert (isfinite (v));

  if (v == floor (v) && fabs (v) < 1e15)
    put_int (out, (gint64) v);
  else
    buf_str (out, g_ascii_dtostr (buf, sizeof buf, v));
}

/* @str is valid UTF-8 (the trace interns only valid strings). */
static void
put_string (Buf        *out,
            const char *str)
{
  static const char hex[] = "0123456789abcdef";
  const char *run = str;
  const char *p;

  buf_c (out, '"');
  for (p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      char esc[6] = { '\\', 'u', '0', '0', 0, 0 };

      if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
        continue;

      buf_add (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"':  buf_lit (out, "\\\""); break;
        case '\\': buf_lit (out, "\\\\"); break;
        case '\n': buf_lit (out, "\\n"); break;
        case '\r': buf_lit (out, "\\r"); break;
        case '\t': buf_lit (out, "\\t"); break;
        default:
          esc[4] = hex[c >> 4];
          esc[5] = hex[c & 0xf];
          buf_add (out, esc, sizeof esc);
          break;
        }
    }
  buf_add (out, run, p - run);
  buf_c (out, '"');
}

static void
put_key (Buf        *out,
         const char *key)
{
  buf_c (out, '"');
  buf_str (out, key);
  buf_lit (out, "\":");
}

/* Events */

/* Starts an event object with the members every event has. */
static void
begin_event (Writer     *w,
             const char *ph,
             const char *cat,
             gint        task)
{
  Buf *out = w->out;

  buf_str (out, w->first ? "\n{\"ph\":\"" : ",\n{\"ph\":\"");
  w->first = FALSE;
  buf_str (out, ph);
  buf_str (out, "\",\"pid\":" PID);
  if (task != NO_THREAD)
    {
      /* Task ids count from 0; tid 0 is the loop itself (no task). */
      buf_lit (out, ",\"tid\":");
      put_int (out, task + 1);
    }
  if (cat != NULL)
    {
      buf_lit (out, ",\"cat\":\"");
      buf_str (out, cat);
      buf_c (out, '"');
    }
}

static void
put_ts (Writer *w,
        gint64  ns)
{
  buf_lit (w->out, ",\"ts\":");
  put_us (w->out, ns);
}

static void
put_name (Writer     *w,
          const char *name)
{
  buf_lit (w->out, ",\"name\":");
  put_string (w->out, name);
}

static void
write_metadata (Writer     *w,
                const char *what,
                gint        task,
                const char *name,
                gint64      sort_index)
{
  begin_event (w, "M", NULL, task);
  put_name (w, what);
  buf_lit (w->out, ",\"args\":{");
  if (name != NULL)
    {
      put_key (w->out, "name");
      put_string (w->out, name);
    }
  else
    {
      put_key (w->out, "sort_index");
      put_int (w->out, sort_index);
    }
  buf_lit (w->out, "}}");
}

static gboolean
uses_loop_thread (LsTrace *trace)
{
  LsTraceConsoleLine line;
  LsTraceInstant instant;
  LsTraceFlow flow;

  for (guint i = 0; i < ls_trace_get_n_console (trace); i++)
    if (ls_trace_get_console (trace, i, &line) && line.task == LS_TRACE_NO_ID)
      return TRUE;
  for (guint i = 0; i < ls_trace_get_n_instants (trace); i++)
    if (ls_trace_get_instant (trace, i, &instant) && instant.task == LS_TRACE_NO_ID)
      return TRUE;
  for (guint i = 0; i < ls_trace_get_n_flows (trace); i++)
    if (ls_trace_get_flow (trace, i, &flow)
        && (flow.from_task == LS_TRACE_NO_ID || flow.to_task == LS_TRACE_NO_ID))
      return TRUE;
  return FALSE;
}

static void
write_all_metadata (Writer *w)
{
  guint n_tasks = ls_trace_get_n_tasks (w->trace);

  write_metadata (w, "process_name", NO_THREAD, "Loopscope", 0);
  if (uses_loop_thread (w->trace))
    {
      write_metadata (w, "thread_name", LS_TRACE_NO_ID, "Event loop", 0);
      write_metadata (w, "thread_sort_index", LS_TRACE_NO_ID, NULL, -1);
    }
  for (guint i = 0; i < n_tasks; i++)
    {
      write_metadata (w, "thread_name", (gint) i, ls_trace_task_get_name (w->trace, (gint) i), 0);
      write_metadata (w, "thread_sort_index", (gint) i, NULL, i);
    }
}

/* What a span waits on, as shown to a person. */
static const char *
detail_name (Writer       *w,
             LsTraceState  state,
             gint          detail)
{
  if (detail < 0)
    return NULL;
  if (ls_trace_state_waits_on_task (state))
    return ls_trace_task_get_name (w->trace, detail);
  if ((guint) detail < ls_trace_get_n_objects (w->trace))
    return w->tracks[detail];
  return NULL;
}

static void
write_span_args (Writer            *w,
                 const LsTraceSpan *span)
{
  const char *on = detail_name (w, span->state, span->detail);
  gboolean comma = FALSE;

  if (span->detail < 0 && span->line == 0)
    return;

  buf_lit (w->out, ",\"args\":{");
  if (span->detail >= 0)
    {
      put_key (w->out, "waits_on");
      put_int (w->out, span->detail);
      if (on != NULL)
        {
          buf_lit (w->out, ",\"on\":");
          put_string (w->out, on);
        }
      comma = TRUE;
    }
  if (span->line > 0)
    {
      buf_str (w->out, comma ? ",\"line\":" : "\"line\":");
      put_int (w->out, span->line);
    }
  buf_c (w->out, '}');
}

/* Spans are contiguous, so span i ends exactly where span i + 1 starts. A
 * reader that turns fractional microseconds into nanoseconds by truncation
 * (older Perfetto) could still make the two overlap by a nanosecond; ending
 * one nanosecond early then keeps the ends apart whatever the rounding. */
static gint64
exported_duration (gint64   start,
                   gint64   end,
                   gboolean has_next)
{
  gint64 dur = end - start;

  if (has_next && dur > 0 && (start % 1000 != 0 || end % 1000 != 0))
    dur--;
  return dur;
}

static void
write_task_spans (Writer *w,
                  gint    task)
{
  guint n = ls_trace_task_get_n_spans (w->trace, task);
  gint64 now = ls_trace_get_now (w->trace);

  for (guint i = 0; i < n; i++)
    {
      LsTraceSpan span;
      gint64 end;

      ls_trace_task_get_span (w->trace, task, i, &span);
      end = span.end == LS_TRACE_TIME_NONE ? MAX (now, span.start) : span.end;

      begin_event (w, "X", "state", task);
      put_ts (w, span.start);
      buf_lit (w->out, ",\"dur\":");
      put_us (w->out, exported_duration (span.start, end, i + 1 < n));
      put_name (w, ls_trace_state_to_string (span.state));
      write_span_args (w, &span);
      buf_c (w->out, '}');
    }
}

static void
write_task_steps (Writer *w,
                  gint    task)
{
  guint n = ls_trace_task_get_n_steps (w->trace, task);

  for (guint i = 0; i < n; i++)
    {
      gint64 time;
      guint line;

      ls_trace_task_get_step (w->trace, task, i, &time, &line);
      begin_event (w, "i", "loopscope.step", task);
      buf_lit (w->out, ",\"s\":\"t\"");
      put_ts (w, time);
      buf_lit (w->out, ",\"name\":\"step\",\"args\":{\"line\":");
      put_int (w->out, line);
      buf_lit (w->out, "}}");
    }
}

static void
write_counters (Writer *w)
{
  guint n_series = ls_trace_get_n_series (w->trace);

  for (guint s = 0; s < n_series; s++)
    {
      LsTraceSeries series;

      ls_trace_get_series (w->trace, (gint) s, &series);
      for (guint i = 0; i < series.n_samples; i++)
        {
          gint64 time;
          double value;

          ls_trace_series_get_sample (w->trace, (gint) s, i, &time, &value);
          begin_event (w, "C", "loopscope.counter", NO_THREAD);
          put_ts (w, time);
          put_name (w, w->tracks[series.object]);
          buf_lit (w->out, ",\"args\":{");
          put_string (w->out, series.name);
          buf_c (w->out, ':');
          put_double (w->out, value);
          buf_lit (w->out, "}}");
        }
    }
}

/* Perfetto binds a flow end to the slice open at its time; a task that has
 * ended has none at its end time, so the end is drawn a nanosecond earlier.
 * The exact time travels in "args". */
static gint64
flow_anchor (Writer *w,
             gint    task,
             gint64  time)
{
  LsTraceTask t;

  if (!ls_trace_get_task (w->trace, task, &t))
    return time;
  if (t.ended != LS_TRACE_TIME_NONE && t.n_spans > 0 && time >= t.ended)
    return t.ended - 1;
  return time;
}

static void
write_flow_end (Writer            *w,
                const LsTraceFlow *flow,
                guint              id,
                gboolean           start)
{
  gint task = start ? flow->from_task : flow->to_task;
  gint64 time = start ? flow->time_from : flow->time_to;

  begin_event (w, start ? "s" : "f", "loopscope.flow", task);
  if (!start)
    buf_lit (w->out, ",\"bp\":\"e\"");
  put_ts (w, flow_anchor (w, task, time));
  put_name (w, ls_trace_flow_kind_to_string (flow->kind));
  buf_lit (w->out, ",\"id\":");
  put_int (w->out, id);
  buf_lit (w->out, ",\"args\":{\"ns\":");
  put_int (w->out, time);
  if (start && flow->object >= 0)
    {
      buf_lit (w->out, ",\"object\":");
      put_int (w->out, flow->object);
    }
  buf_lit (w->out, "}}");
}

static void
write_flows (Writer *w)
{
  guint n = ls_trace_get_n_flows (w->trace);

  for (guint i = 0; i < n; i++)
    {
      LsTraceFlow flow;

      ls_trace_get_flow (w->trace, i, &flow);
      write_flow_end (w, &flow, i + 1, TRUE);
      write_flow_end (w, &flow, i + 1, FALSE);
    }
}

/* Copies @text, or its first characters and an ellipsis if it is long. */
static void
shorten (char       *dest,
         const char *text)
{
  const char *p = text;
  guint n = 0;

  while (*p != '\0' && n < INSTANT_NAME_CHARS)
    {
      p = g_utf8_next_char (p);
      n++;
    }

  if (*p == '\0')
    {
      memcpy (dest, text, p - text + 1);
      return;
    }

  p = g_utf8_offset_to_pointer (text, INSTANT_NAME_CHARS - 1);
  memcpy (dest, text, p - text);
  strcpy (dest + (p - text), "…");
}

static void
write_console (Writer *w)
{
  guint n = ls_trace_get_n_console (w->trace);

  for (guint i = 0; i < n; i++)
    {
      LsTraceConsoleLine line;
      char short_name[INSTANT_NAME_CHARS * 4 + 4];

      ls_trace_get_console (w->trace, i, &line);
      shorten (short_name, line.text);

      begin_event (w, "i", "loopscope.console", line.task);
      buf_lit (w->out, ",\"s\":\"t\"");
      put_ts (w, line.time);
      put_name (w, short_name);
      buf_lit (w->out, ",\"args\":{\"stream\":");
      put_string (w->out, ls_trace_stream_to_string (line.stream));
      buf_lit (w->out, ",\"text\":");
      put_string (w->out, line.text);
      buf_lit (w->out, "}}");
    }
}

static void
write_instants (Writer *w)
{
  guint n = ls_trace_get_n_instants (w->trace);

  for (guint i = 0; i < n; i++)
    {
      LsTraceInstant instant;

      ls_trace_get_instant (w->trace, i, &instant);
      begin_event (w, "i", "loopscope.instant", instant.task);
      buf_lit (w->out, ",\"s\":\"t\"");
      put_ts (w, instant.time);
      put_name (w, ls_trace_instant_kind_to_string (instant.kind));
      if (instant.text != NULL)
        {
          buf_lit (w->out, ",\"args\":{\"text\":");
          put_string (w->out, instant.text);
          buf_c (w->out, '}');
        }
      buf_c (w->out, '}');
    }
}

/* The "loopscope" member */

static void
write_task_record (Writer *w,
                   gint    task)
{
  Buf *out = w->out;
  LsTraceTask t;

  ls_trace_get_task (w->trace, task, &t);
  buf_str (out, task == 0 ? "\n{\"id\":" : ",\n{\"id\":");
  put_int (out, task);
  buf_lit (out, ",\"name\":");
  put_string (out, t.name);
  buf_lit (out, ",\"kind\":");
  put_string (out, ls_trace_task_kind_to_string (t.kind));
  buf_lit (out, ",\"parent\":");
  put_int (out, t.parent);
  buf_lit (out, ",\"created_ns\":");
  put_int (out, t.created);
  buf_lit (out, ",\"ended_ns\":");
  put_int (out, t.ended);
  buf_lit (out, ",\"end\":");
  put_string (out, ls_trace_end_to_string (t.end));
  if (t.exception != NULL)
    {
      buf_lit (out, ",\"exception\":");
      put_string (out, t.exception);
    }
  buf_lit (out, ",\"line\":");
  put_int (out, t.line);
  buf_c (out, '}');
}

static void
write_object_record (Writer *w,
                     gint    object)
{
  Buf *out = w->out;
  LsTraceObject o;

  ls_trace_get_object (w->trace, object, &o);
  buf_str (out, object == 0 ? "\n{\"id\":" : ",\n{\"id\":");
  put_int (out, object);
  buf_lit (out, ",\"kind\":");
  put_string (out, ls_trace_object_kind_to_string (o.kind));
  if (o.label != NULL)
    {
      buf_lit (out, ",\"label\":");
      put_string (out, o.label);
    }
  buf_lit (out, ",\"track\":");
  put_string (out, w->tracks[object]);
  buf_lit (out, ",\"capacity\":");
  put_int (out, o.capacity);
  buf_lit (out, ",\"created_ns\":");
  put_int (out, o.created);
  buf_c (out, '}');
}

static void
write_series_record (Writer *w,
                     gint    series)
{
  Buf *out = w->out;
  LsTraceSeries s;

  ls_trace_get_series (w->trace, series, &s);
  buf_str (out, series == 0 ? "\n{\"id\":" : ",\n{\"id\":");
  put_int (out, series);
  buf_lit (out, ",\"object\":");
  put_int (out, s.object);
  buf_lit (out, ",\"name\":");
  put_string (out, s.name);
  buf_c (out, '}');
}

static void
write_loopscope (Writer *w)
{
  Buf *out = w->out;
  const char *filename = ls_trace_get_filename (w->trace);
  const char *source = ls_trace_get_source (w->trace);

  buf_lit (out, "\"loopscope\":{\"format\":");
  put_int (out, LS_TRACE_FORMAT_VERSION);
  buf_str (out, ",\"generator\":\"Loopscope " PACKAGE_VERSION "\",\"now_ns\":");
  put_int (out, ls_trace_get_now (w->trace));
  buf_lit (out, ",\"n_events\":");
  put_int (out, (gint64) MIN (ls_trace_get_n_events (w->trace), (guint64) G_MAXINT64));
  if (filename != NULL)
    {
      buf_lit (out, ",\"filename\":");
      put_string (out, filename);
    }
  if (source != NULL)
    {
      buf_lit (out, ",\"source\":");
      put_string (out, source);
    }

  buf_lit (out, ",\n\"tasks\":[");
  for (guint i = 0; i < ls_trace_get_n_tasks (w->trace); i++)
    write_task_record (w, (gint) i);
  buf_lit (out, "],\n\"objects\":[");
  for (guint i = 0; i < ls_trace_get_n_objects (w->trace); i++)
    write_object_record (w, (gint) i);
  buf_lit (out, "],\n\"series\":[");
  for (guint i = 0; i < ls_trace_get_n_series (w->trace); i++)
    write_series_record (w, (gint) i);
  buf_lit (out, "]}");
}

/* Counter tracks are named after the objects' labels; Perfetto merges tracks
 * of the same name, so a label used twice gets the object id appended. */
static char **
make_track_names (LsTrace *trace)
{
  guint n = ls_trace_get_n_objects (trace);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  char **tracks = g_new0 (char *, n + 1);
  g_autofree char **unique = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      LsTraceObject o;

      ls_trace_get_object (trace, (gint) i, &o);
      if (o.label != NULL && o.label[0] != '\0')
        tracks[i] = g_strdup (o.label);
      else
        tracks[i] = g_strdup_printf ("%s %u", ls_trace_object_kind_to_string (o.kind), i);
      g_hash_table_insert (seen, tracks[i],
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (seen, tracks[i])) + 1));
    }

  /* The table's keys are the names themselves: rename only once done with it. */
  for (guint i = 0; i < n; i++)
    if (GPOINTER_TO_UINT (g_hash_table_lookup (seen, tracks[i])) > 1)
      unique[i] = g_strdup_printf ("%s #%u", tracks[i], i);
  for (guint i = 0; i < n; i++)
    if (unique[i] != NULL)
      {
        g_free (tracks[i]);
        tracks[i] = unique[i];
      }

  return tracks;
}

char *
ls_trace_to_chrome_json (LsTrace *trace,
                         gsize   *len)
{
  Writer w = { 0 };
  Buf buf;
  guint n_tasks;

  g_return_val_if_fail (LS_IS_TRACE (trace), NULL);

  w.trace = trace;
  w.first = TRUE;
  w.tracks = make_track_names (trace);
  w.out = &buf;
  buf_init (&buf, 4096 + 120 * ls_trace_get_n_events (trace));

  buf_lit (w.out, "{\"displayTimeUnit\":\"ms\",\"traceEvents\":[");
  write_all_metadata (&w);
  n_tasks = ls_trace_get_n_tasks (trace);
  for (guint i = 0; i < n_tasks; i++)
    {
      write_task_spans (&w, (gint) i);
      write_task_steps (&w, (gint) i);
    }
  write_counters (&w);
  write_flows (&w);
  write_console (&w);
  write_instants (&w);
  /* Perfetto stops reading at a member it does not know: this one goes last. */
  buf_lit (w.out, "\n],\n");
  write_loopscope (&w);
  buf_lit (w.out, "}\n");

  g_strfreev (w.tracks);
  return buf_steal (&buf, len);
}

static gboolean
write_atomically (const char  *path,
                  char        *contents,
                  gsize        len,
                  GError     **error)
{
  g_autofree char *owned = contents;

  return g_file_set_contents (path, owned, (gssize) len, error);
}

gboolean
ls_trace_export_chrome_json (LsTrace     *trace,
                             const char  *path,
                             GError     **error)
{
  char *json;
  gsize len;

  g_return_val_if_fail (LS_IS_TRACE (trace), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  json = ls_trace_to_chrome_json (trace, &len);
  return write_atomically (path, json, len, error);
}

/* CSV */

static void
put_seconds (Buf    *out,
             gint64  ns)
{
  char frac[10];
  gint64 rem = ns % 1000000000;

  put_int (out, ns / 1000000000);
  frac[0] = '.';
  for (int i = 9; i >= 1; i--)
    {
      frac[i] = (char) ('0' + rem % 10);
      rem /= 10;
    }
  buf_add (out, frac, sizeof frac);
}

/* RFC 4180 quoting. Names come from untrusted programs: a leading = + - @
 * would make a spreadsheet evaluate the cell, so it gets a quote prefix. */
static void
put_csv_field (Buf        *out,
               const char *text)
{
  gboolean formula = strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0';

  if (!formula && strpbrk (text, ",\"\r\n") == NULL)
    {
      buf_str (out, text);
      return;
    }

  buf_c (out, '"');
  if (formula)
    buf_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        buf_c (out, '"');
      buf_c (out, *p);
    }
  buf_c (out, '"');
}

static void
write_csv_span (Writer            *w,
                gint               task,
                const char        *task_name,
                const LsTraceSpan *span)
{
  Buf *out = w->out;
  gboolean open = span->end == LS_TRACE_TIME_NONE;
  gint64 end = open ? MAX (ls_trace_get_now (w->trace), span->start) : span->end;
  const char *on = detail_name (w, span->state, span->detail);

  put_int (out, task);
  buf_c (out, ',');
  put_csv_field (out, task_name);
  buf_c (out, ',');
  buf_str (out, ls_trace_state_to_string (span->state));
  buf_c (out, ',');
  put_seconds (out, span->start);
  buf_c (out, ',');
  put_seconds (out, end);
  buf_c (out, ',');
  put_seconds (out, end - span->start);
  buf_str (out, open ? ",1," : ",0,");
  if (span->detail >= 0)
    put_int (out, span->detail);
  buf_c (out, ',');
  if (on != NULL)
    put_csv_field (out, on);
  buf_c (out, ',');
  if (span->line > 0)
    put_int (out, span->line);
  buf_lit (out, "\r\n");
}

char *
ls_trace_to_csv (LsTrace *trace,
                 gsize   *len)
{
  Writer w = { 0 };
  Buf buf;
  guint n_tasks;

  g_return_val_if_fail (LS_IS_TRACE (trace), NULL);

  w.trace = trace;
  w.tracks = make_track_names (trace);
  w.out = &buf;
  buf_init (&buf, 4096 + 64 * ls_trace_get_n_events (trace));

  buf_lit (w.out,
           "task,task_name,state,start_s,end_s,duration_s,open,waits_on,waits_on_name,line\r\n");
  n_tasks = ls_trace_get_n_tasks (trace);
  for (guint i = 0; i < n_tasks; i++)
    {
      const char *name = ls_trace_task_get_name (trace, (gint) i);
      guint n_spans = ls_trace_task_get_n_spans (trace, (gint) i);

      for (guint j = 0; j < n_spans; j++)
        {
          LsTraceSpan span;

          ls_trace_task_get_span (trace, (gint) i, j, &span);
          write_csv_span (&w, (gint) i, name, &span);
        }
    }

  g_strfreev (w.tracks);
  return buf_steal (&buf, len);
}

gboolean
ls_trace_export_csv (LsTrace     *trace,
                     const char  *path,
                     GError     **error)
{
  char *csv;
  gsize len;

  g_return_val_if_fail (LS_IS_TRACE (trace), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  csv = ls_trace_to_csv (trace, &len);
  return write_atomically (path, csv, len, error);
}

/* Console text */

char *
ls_trace_to_console_text (LsTrace *trace,
                          gsize   *len)
{
  Buf buf;
  guint n;

  g_return_val_if_fail (LS_IS_TRACE (trace), NULL);

  n = ls_trace_get_n_console (trace);
  buf_init (&buf, 4096);
  for (guint i = 0; i < n; i++)
    {
      LsTraceConsoleLine line;

      ls_trace_get_console (trace, i, &line);
      buf_str (&buf, line.text);
      buf_c (&buf, '\n');
    }

  return buf_steal (&buf, len);
}

gboolean
ls_trace_export_console_text (LsTrace     *trace,
                              const char  *path,
                              GError     **error)
{
  char *text;
  gsize len;

  g_return_val_if_fail (LS_IS_TRACE (trace), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = ls_trace_to_console_text (trace, &len);
  return write_atomically (path, text, len, error);
}
