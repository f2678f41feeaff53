/* ls-trace-import.c: rebuilding an LsTrace from its Chrome trace JSON export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "loopscope" member gives the tables (tasks, objects, series); the events
 * give their contents. The file is read in two passes with a streaming reader
 * (a DOM of a million events would take gigabytes): the first finds the
 * events and parses the header, the second parses one event at a time.
 * Events are collected, then sorted and appended through the model's raw
 * appends, which refuse anything that would break the model's invariants: a
 * bad file is reported, never half-trusted.
 */
#include "config.h"

#include "ls-trace-import.h"
#include "ls-trace-private.h"
#include "ls-json-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

typedef struct
{
  gint     task;
  guint    line;
  gint64   time;
  gint     detail;
  guint8   state;
} PendingSpan;

typedef struct
{
  gint64   time;
  guint    seq;
  gint     owner;     /* the task (steps, notes) or series (samples) */
  guint8   kind;
  double   value;
  const char *text;   /* interned by the trace */
} PendingPoint;

typedef struct
{
  gint64   id;
  gint64   time_from;
  gint64   time_to;
  gint     from;
  gint     to;
  gint     object;
  guint8   kind;
  guint8   seen;      /* 1: "s", 2: "f" */
} PendingFlow;

typedef struct
{
  gint64      ended;
  LsTraceEnd  end;
  const char *exception;
} PendingEnd;

typedef struct
{
  LsTrace    *trace;
  GHashTable *tracks;    /* counter track name -> object id + 1 */
  GHashTable *series;    /* "object\nname" -> series id + 1 */
  GHashTable *flow_ids;  /* flow id -> index in flows + 1 */
  GArray     *ends;
  GArray     *spans;
  GArray     *steps;
  GArray     *samples;
  GArray     *console;
  GArray     *instants;
  GArray     *flows;
  guint       seq;
  guint64     n_events;
} Import;

/* Errors */

static gboolean G_GNUC_PRINTF (4, 5)
invalid (GError     **error,
         const char  *what,
         guint        index,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (index == G_MAXUINT)
    g_set_error (error, LS_TRACE_ERROR, LS_TRACE_ERROR_INVALID,
                 _("Invalid trace file: %s: %s"), what, message);
  else
    g_set_error (error, LS_TRACE_ERROR, LS_TRACE_ERROR_INVALID,
                 _("Invalid trace file: %s %u: %s"), what, index, message);
  return FALSE;
}

/* Members. Every getter takes an object node, accepts NULL and nodes of the
 * wrong type, and then finds nothing. */

static const LsJsonNode *
member (const LsJsonNode *object,
        const char       *key)
{
  return _ls_json_node_get_member (object, key);
}

static const char *
get_string (const LsJsonNode *object,
            const char       *key)
{
  const LsJsonNode *node = member (object, key);

  return node != NULL && node->type == LS_JSON_STRING ? node->v.s : NULL;
}

static const LsJsonNode *
get_object (const LsJsonNode *object,
            const char       *key)
{
  const LsJsonNode *node = member (object, key);

  return node != NULL && node->type == LS_JSON_OBJECT ? node : NULL;
}

static const LsJsonNode *
get_array (const LsJsonNode *object,
           const char       *key)
{
  const LsJsonNode *node = member (object, key);

  return node != NULL && node->type == LS_JSON_ARRAY ? node : NULL;
}

/* An integer within [@min, @max]; integral doubles count. */
static gboolean
node_to_int (const LsJsonNode *node,
             gint64            min,
             gint64            max,
             gint64           *out)
{
  gint64 v;

  if (node == NULL)
    return FALSE;
  if (node->type == LS_JSON_INT)
    v = node->v.i;
  else if (node->type == LS_JSON_DOUBLE)
    {
      double d = node->v.d;

      if (!(d >= -9e18 && d <= 9e18) || d != floor (d))
        return FALSE;
      v = (gint64) d;
    }
  else
    return FALSE;

  if (v < min || v > max)
    return FALSE;
  *out = v;
  return TRUE;
}

static gboolean
get_int (const LsJsonNode *object,
         const char       *key,
         gint64            min,
         gint64            max,
         gint64           *out)
{
  return node_to_int (member (object, key), min, max, out);
}

/* Like get_int(), but an absent member gives @fallback. */
static gboolean
get_optional_int (const LsJsonNode *object,
                  const char       *key,
                  gint64            min,
                  gint64            max,
                  gint64            fallback,
                  gint64           *out)
{
  if (member (object, key) == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  return get_int (object, key, min, max, out);
}

static gboolean
node_to_double (const LsJsonNode *node,
                double           *out)
{
  if (node != NULL && node->type == LS_JSON_INT)
    *out = (double) node->v.i;
  else if (node != NULL && node->type == LS_JSON_DOUBLE)
    *out = node->v.d;
  else
    return FALSE;

  return isfinite (*out);
}

/* "ts", in microseconds, as trace time. */
static gboolean
get_ts (const LsJsonNode *event,
        gint64           *ns)
{
  const LsJsonNode *node = member (event, "ts");
  double us;

  if (node != NULL && node->type == LS_JSON_INT)
    {
      if (node->v.i < 0 || node->v.i > LS_TRACE_TIME_MAX / 1000)
        return FALSE;
      *ns = node->v.i * 1000;
      return TRUE;
    }

  if (!node_to_double (node, &us) || !(us >= 0 && us * 1000 <= (double) LS_TRACE_TIME_MAX))
    return FALSE;
  *ns = (gint64) llround (us * 1000);
  return TRUE;
}

static gboolean
get_tid_task (Import           *im,
              const LsJsonNode *event,
              gboolean          loop_allowed,
              gint             *task)
{
  gint64 tid;

  if (!get_int (event, "tid", loop_allowed ? 0 : 1, ls_trace_get_n_tasks (im->trace), &tid))
    return FALSE;
  *task = (gint) tid - 1;
  return TRUE;
}

/* The "loopscope" member */

static gboolean
import_task (Import            *im,
             const LsJsonNode  *rec,
             guint              index,
             GError           **error)
{
  gint64 id, parent, created, ended, line;
  const char *name = get_string (rec, "name");
  const char *kind_name = get_string (rec, "kind");
  const char *end_name = get_string (rec, "end");
  LsTraceTaskKind kind;
  PendingEnd end = { 0 };

  if (rec == NULL)
    return invalid (error, "task", index, _("not an object"));
  if (!get_int (rec, "id", index, index, &id))
    return invalid (error, "task", index, _("missing or wrong \"id\""));
  if (name == NULL)
    return invalid (error, "task", index, _("missing \"name\""));
  if (!ls_trace_task_kind_from_string (kind_name, &kind))
    return invalid (error, "task", index, _("unknown \"kind\""));
  if (!get_int (rec, "parent", -1, (gint64) index - 1, &parent))
    return invalid (error, "task", index, _("missing or wrong \"parent\""));
  if (!get_int (rec, "created_ns", 0, LS_TRACE_TIME_MAX, &created)
      || !get_int (rec, "ended_ns", -1, LS_TRACE_TIME_MAX, &ended))
    return invalid (error, "task", index, _("missing or wrong times"));
  if (!ls_trace_end_from_string (end_name, &end.end)
      || (end.end == LS_TRACE_END_RUNNING) != (ended == LS_TRACE_TIME_NONE))
    return invalid (error, "task", index, _("wrong \"end\""));
  if (!get_optional_int (rec, "line", 0, G_MAXUINT, 0, &line))
    return invalid (error, "task", index, _("wrong \"line\""));
  if (member (rec, "exception") != NULL && get_string (rec, "exception") == NULL)
    return invalid (error, "task", index, _("wrong \"exception\""));

  end.ended = ended;
  end.exception = get_string (rec, "exception");
  g_array_append_val (im->ends, end);

  if (_ls_trace_add_task_raw (im->trace, created, name, (gint) parent, kind, (guint) line) < 0)
    return invalid (error, "task", index, _("inconsistent"));
  return TRUE;
}

static gboolean
import_object (Import            *im,
               const LsJsonNode  *rec,
               guint              index,
               GError           **error)
{
  gint64 id, capacity, created;
  const char *track = get_string (rec, "track");
  LsTraceObjectKind kind;

  if (rec == NULL)
    return invalid (error, "object", index, _("not an object"));
  if (!get_int (rec, "id", index, index, &id))
    return invalid (error, "object", index, _("missing or wrong \"id\""));
  if (!ls_trace_object_kind_from_string (get_string (rec, "kind"), &kind))
    return invalid (error, "object", index, _("unknown \"kind\""));
  if (member (rec, "label") != NULL && get_string (rec, "label") == NULL)
    return invalid (error, "object", index, _("wrong \"label\""));
  if (!get_int (rec, "capacity", G_MININT64, G_MAXINT64, &capacity)
      || !get_int (rec, "created_ns", 0, LS_TRACE_TIME_MAX, &created))
    return invalid (error, "object", index, _("missing or wrong numbers"));
  if (track == NULL || g_hash_table_contains (im->tracks, track))
    return invalid (error, "object", index, _("missing or repeated \"track\""));

  ls_trace_add_object (im->trace, created, kind, get_string (rec, "label"), capacity);
  g_hash_table_insert (im->tracks, (char *) track, GINT_TO_POINTER (index + 1));
  return TRUE;
}

static char *
series_key (gint        object,
            const char *name)
{
  return g_strdup_printf ("%d\n%s", object, name);
}

static gboolean
import_series (Import            *im,
               const LsJsonNode  *rec,
               guint              index,
               GError           **error)
{
  gint64 id, object;
  const char *name = get_string (rec, "name");
  char *key;

  if (rec == NULL)
    return invalid (error, "series", index, _("not an object"));
  if (!get_int (rec, "id", index, index, &id))
    return invalid (error, "series", index, _("missing or wrong \"id\""));
  if (!get_int (rec, "object", 0, (gint64) ls_trace_get_n_objects (im->trace) - 1, &object))
    return invalid (error, "series", index, _("missing or wrong \"object\""));
  if (name == NULL)
    return invalid (error, "series", index, _("missing \"name\""));

  key = series_key ((gint) object, name);
  if (g_hash_table_contains (im->series, key))
    {
      g_free (key);
      return invalid (error, "series", index, _("repeated"));
    }
  ls_trace_add_series (im->trace, (gint) object, name);
  g_hash_table_insert (im->series, key, GINT_TO_POINTER (index + 1));
  return TRUE;
}

typedef gboolean (*RecordFunc) (Import           *im,
                                const LsJsonNode *rec,
                                guint        index,
                                GError     **error);

static gboolean
import_records (Import            *im,
                const LsJsonNode  *header,
                const char        *key,
                RecordFunc         func,
                GError           **error)
{
  const LsJsonNode *records = get_array (header, key);

  if (records == NULL)
    return invalid (error, key, G_MAXUINT, _("missing list"));

  for (guint i = 0; i < records->n; i++)
    {
      const LsJsonNode *rec = &records->v.items[i];

      if (!func (im, rec->type == LS_JSON_OBJECT ? rec : NULL, i, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
import_header (Import            *im,
               const LsJsonNode  *header,
               GError           **error)
{
  gint64 format, now, n_events;
  const LsJsonNode *filename = member (header, "filename");
  const LsJsonNode *source = member (header, "source");

  if (!get_int (header, "format", 1, G_MAXINT64, &format))
    return invalid (error, "header", G_MAXUINT, _("missing \"format\""));
  if (format > LS_TRACE_FORMAT_VERSION)
    {
      g_set_error (error, LS_TRACE_ERROR, LS_TRACE_ERROR_UNSUPPORTED,
                   _("This trace was saved by a newer version of Loopscope"));
      return FALSE;
    }
  if (!get_int (header, "now_ns", 0, LS_TRACE_TIME_MAX, &now)
      || !get_optional_int (header, "n_events", 0, G_MAXINT64, 0, &n_events))
    return invalid (error, "header", G_MAXUINT, _("missing or wrong \"now_ns\""));
  if ((filename != NULL && filename->type != LS_JSON_STRING)
      || (source != NULL && source->type != LS_JSON_STRING))
    return invalid (error, "header", G_MAXUINT, _("wrong program"));

  ls_trace_set_source (im->trace, get_string (header, "filename"), get_string (header, "source"));
  ls_trace_set_now (im->trace, now);
  im->n_events = (guint64) n_events;

  return import_records (im, header, "tasks", import_task, error)
         && import_records (im, header, "objects", import_object, error)
         && import_records (im, header, "series", import_series, error);
}

/* Events */

static gboolean
import_span (Import            *im,
             const LsJsonNode  *event,
             guint              index,
             GError           **error)
{
  const LsJsonNode *args = get_object (event, "args");
  PendingSpan span = { 0 };
  LsTraceState state;
  gint64 detail, line, max_detail;

  if (!get_tid_task (im, event, FALSE, &span.task))
    return invalid (error, "event", index, _("\"tid\" is not a task"));
  if (!get_ts (event, &span.time))
    return invalid (error, "event", index, _("missing or wrong \"ts\""));
  if (!ls_trace_state_from_string (get_string (event, "name"), &state)
      || state == LS_TRACE_STATE_DONE)
    return invalid (error, "event", index, _("unknown state"));

  max_detail = ls_trace_state_waits_on_task (state)
               ? ls_trace_get_n_tasks (im->trace)
               : ls_trace_get_n_objects (im->trace);
  if (!get_optional_int (args, "waits_on", -1, max_detail - 1, -1, &detail)
      || !get_optional_int (args, "line", 0, G_MAXUINT, 0, &line))
    return invalid (error, "event", index, _("wrong \"args\""));

  span.state = state;
  span.detail = (gint) detail;
  span.line = (guint) line;
  g_array_append_val (im->spans, span);
  return TRUE;
}

static gboolean
import_step (Import            *im,
             const LsJsonNode  *event,
             guint              index,
             GError           **error)
{
  PendingPoint step = { 0 };
  gint64 line;

  if (!get_tid_task (im, event, FALSE, &step.owner) || !get_ts (event, &step.time))
    return invalid (error, "event", index, _("missing or wrong \"tid\" or \"ts\""));
  if (!get_optional_int (get_object (event, "args"), "line", 0, G_MAXUINT, 0, &line))
    return invalid (error, "event", index, _("wrong \"line\""));

  step.value = (double) line;
  step.seq = im->seq++;
  g_array_append_val (im->steps, step);
  return TRUE;
}

static gboolean
import_console (Import            *im,
                const LsJsonNode  *event,
                guint              index,
                GError           **error)
{
  const LsJsonNode *args = get_object (event, "args");
  PendingPoint line = { 0 };
  LsTraceStream stream;

  if (!get_tid_task (im, event, TRUE, &line.owner) || !get_ts (event, &line.time))
    return invalid (error, "event", index, _("missing or wrong \"tid\" or \"ts\""));
  if (!ls_trace_stream_from_string (get_string (args, "stream"), &stream)
      || get_string (args, "text") == NULL)
    return invalid (error, "event", index, _("missing console text"));

  /* The event's strings go with the event: keep the trace's copy. */
  line.text = _ls_trace_intern (im->trace, get_string (args, "text"));
  line.kind = stream;
  line.seq = im->seq++;
  g_array_append_val (im->console, line);
  return TRUE;
}

static gboolean
import_instant (Import            *im,
                const LsJsonNode  *event,
                guint              index,
                GError           **error)
{
  const LsJsonNode *args = get_object (event, "args");
  PendingPoint instant = { 0 };
  LsTraceInstantKind kind;

  if (!get_tid_task (im, event, TRUE, &instant.owner) || !get_ts (event, &instant.time))
    return invalid (error, "event", index, _("missing or wrong \"tid\" or \"ts\""));
  if (!ls_trace_instant_kind_from_string (get_string (event, "name"), &kind))
    return invalid (error, "event", index, _("unknown instant"));
  if (member (args, "text") != NULL && get_string (args, "text") == NULL)
    return invalid (error, "event", index, _("wrong \"text\""));

  instant.kind = kind;
  instant.text = _ls_trace_intern (im->trace, get_string (args, "text"));
  instant.seq = im->seq++;
  g_array_append_val (im->instants, instant);
  return TRUE;
}

static gboolean
import_counter (Import            *im,
                const LsJsonNode  *event,
                guint              index,
                GError           **error)
{
  const char *track = get_string (event, "name");
  const LsJsonNode *args = get_object (event, "args");
  gpointer object;
  gint64 time;

  if (track == NULL || !g_hash_table_lookup_extended (im->tracks, track, NULL, &object))
    return invalid (error, "event", index, _("counter of an unknown object"));
  if (!get_ts (event, &time) || args == NULL)
    return invalid (error, "event", index, _("missing or wrong \"ts\" or \"args\""));

  for (guint i = 0; i < args->n; i++)
    {
      g_autofree char *key = series_key (GPOINTER_TO_INT (object) - 1, args->keys[i]);
      gint series = GPOINTER_TO_INT (g_hash_table_lookup (im->series, key)) - 1;
      PendingPoint sample = { .time = time, .owner = series, .seq = im->seq++ };

      if (series < 0 || !node_to_double (&args->v.items[i], &sample.value))
        return invalid (error, "event", index, _("unknown series or wrong value"));
      g_array_append_val (im->samples, sample);
    }
  return TRUE;
}

static PendingFlow *
flow_for_id (Import *im,
             gint64  id)
{
  gpointer found = g_hash_table_lookup (im->flow_ids, &id);
  PendingFlow flow = { .id = id, .object = LS_TRACE_NO_ID };
  gint64 *key;

  if (found != NULL)
    return &g_array_index (im->flows, PendingFlow, GPOINTER_TO_UINT (found) - 1);

  g_array_append_val (im->flows, flow);
  key = g_new (gint64, 1);
  *key = id;
  g_hash_table_insert (im->flow_ids, key, GUINT_TO_POINTER (im->flows->len));
  return &g_array_index (im->flows, PendingFlow, im->flows->len - 1);
}

static gboolean
import_flow_end (Import            *im,
                 const LsJsonNode  *event,
                 guint              index,
                 gboolean           start,
                 GError           **error)
{
  const LsJsonNode *args = get_object (event, "args");
  LsTraceFlowKind kind;
  PendingFlow *flow;
  gint64 id, time, object;
  gint task;

  if (!get_int (event, "id", 1, G_MAXINT64, &id) || !get_tid_task (im, event, TRUE, &task))
    return invalid (error, "event", index, _("missing or wrong \"id\" or \"tid\""));
  if (!ls_trace_flow_kind_from_string (get_string (event, "name"), &kind))
    return invalid (error, "event", index, _("unknown flow"));
  if (!get_ts (event, &time)
      || !get_optional_int (args, "ns", 0, LS_TRACE_TIME_MAX, time, &time)
      || !get_optional_int (args, "object", -1, (gint64) ls_trace_get_n_objects (im->trace) - 1,
                            LS_TRACE_NO_ID, &object))
    return invalid (error, "event", index, _("missing or wrong time or object"));

  flow = flow_for_id (im, id);
  if ((flow->seen & (start ? 1 : 2)) != 0 || (flow->seen != 0 && flow->kind != kind))
    return invalid (error, "event", index, _("flow %" G_GINT64_FORMAT " does not pair"), id);

  flow->seen |= start ? 1 : 2;
  flow->kind = kind;
  if (start)
    {
      flow->from = task;
      flow->time_from = time;
      flow->object = (gint) object;
    }
  else
    {
      flow->to = task;
      flow->time_to = time;
    }
  return TRUE;
}

static gboolean
import_event (Import            *im,
              const LsJsonNode  *node,
              guint              index,
              GError           **error)
{
  const LsJsonNode *event = node->type == LS_JSON_OBJECT ? node : NULL;
  const char *ph = get_string (event, "ph");
  const char *cat = get_string (event, "cat");

  if (ph == NULL)
    return invalid (error, "event", index, _("not an event"));
  if (cat == NULL)
    return TRUE;  /* metadata, or not ours */

  if (g_str_equal (ph, "X") && g_str_equal (cat, "state"))
    return import_span (im, event, index, error);
  if (g_str_equal (ph, "i") && g_str_equal (cat, "loopscope.step"))
    return import_step (im, event, index, error);
  if (g_str_equal (ph, "i") && g_str_equal (cat, "loopscope.console"))
    return import_console (im, event, index, error);
  if (g_str_equal (ph, "i") && g_str_equal (cat, "loopscope.instant"))
    return import_instant (im, event, index, error);
  if (g_str_equal (ph, "C") && g_str_equal (cat, "loopscope.counter"))
    return import_counter (im, event, index, error);
  if ((g_str_equal (ph, "s") || g_str_equal (ph, "f")) && g_str_equal (cat, "loopscope.flow"))
    return import_flow_end (im, event, index, g_str_equal (ph, "s"), error);
  return TRUE;
}

/* Rebuilding */

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const PendingSpan *x = a, *y = b;

  if (x->task != y->task)
    return x->task < y->task ? -1 : 1;
  return (x->time > y->time) - (x->time < y->time);
}

/* Points sort by owner, then time, then file order. */
static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const PendingPoint *x = a, *y = b;

  if (x->owner != y->owner)
    return x->owner < y->owner ? -1 : 1;
  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Console lines and instants sort by time only. */
static int
compare_notes (gconstpointer a,
               gconstpointer b)
{
  const PendingPoint *x = a, *y = b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return (x->seq > y->seq) - (x->seq < y->seq);
}

static int
compare_flows (gconstpointer a,
               gconstpointer b)
{
  const PendingFlow *x = a, *y = b;

  return (x->id > y->id) - (x->id < y->id);
}

static gboolean
rebuild_tasks (Import  *im,
               GError **error)
{
  g_array_sort (im->spans, compare_spans);
  for (guint i = 0; i < im->spans->len; i++)
    {
      const PendingSpan *s = &g_array_index (im->spans, PendingSpan, i);

      if (!_ls_trace_task_append_span (im->trace, s->task, s->time, s->state, s->detail, s->line))
        return invalid (error, "task", (guint) s->task, _("spans overlap or start before the task"));
    }

  g_array_sort (im->steps, compare_points);
  for (guint i = 0; i < im->steps->len; i++)
    {
      const PendingPoint *p = &g_array_index (im->steps, PendingPoint, i);

      if (!_ls_trace_task_append_step (im->trace, p->owner, p->time, (guint) p->value))
        return invalid (error, "task", (guint) p->owner, _("repeated step"));
    }

  for (guint i = 0; i < im->ends->len; i++)
    {
      const PendingEnd *e = &g_array_index (im->ends, PendingEnd, i);

      if (e->end != LS_TRACE_END_RUNNING
          && !_ls_trace_task_finish (im->trace, (gint) i, e->ended, e->end, e->exception))
        return invalid (error, "task", i, _("ends before its last span"));
    }
  return TRUE;
}

static gboolean
rebuild_samples (Import  *im,
                 GError **error)
{
  g_array_sort (im->samples, compare_points);
  for (guint i = 0; i < im->samples->len; i++)
    {
      const PendingPoint *p = &g_array_index (im->samples, PendingPoint, i);

      if (!_ls_trace_series_append (im->trace, p->owner, p->time, p->value))
        return invalid (error, "series", (guint) p->owner, _("wrong sample"));
    }
  return TRUE;
}

static gboolean
rebuild_flows (Import  *im,
               GError **error)
{
  g_array_sort (im->flows, compare_flows);
  for (guint i = 0; i < im->flows->len; i++)
    {
      const PendingFlow *f = &g_array_index (im->flows, PendingFlow, i);

      if (f->seen != 3)
        return invalid (error, "flow", (guint) MIN (f->id, G_MAXUINT), _("has only one end"));
      if (f->time_to < f->time_from)
        return invalid (error, "flow", (guint) MIN (f->id, G_MAXUINT), _("ends before it starts"));
      ls_trace_add_flow (im->trace, f->kind, f->from, f->to, f->time_from, f->time_to, f->object);
    }
  return TRUE;
}

static void
rebuild_notes (Import *im)
{
  g_array_sort (im->console, compare_notes);
  for (guint i = 0; i < im->console->len; i++)
    {
      const PendingPoint *p = &g_array_index (im->console, PendingPoint, i);

      _ls_trace_add_console_raw (im->trace, p->time, p->owner, p->kind, p->text);
    }

  g_array_sort (im->instants, compare_notes);
  for (guint i = 0; i < im->instants->len; i++)
    {
      const PendingPoint *p = &g_array_index (im->instants, PendingPoint, i);

      ls_trace_add_instant (im->trace, p->time, p->owner, p->kind, p->text);
    }
}

static void
import_init (Import *im)
{
  im->trace = ls_trace_new ();
  im->tracks = g_hash_table_new (g_str_hash, g_str_equal);
  im->series = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im->flow_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  im->ends = g_array_new (FALSE, FALSE, sizeof (PendingEnd));
  im->spans = g_array_new (FALSE, FALSE, sizeof (PendingSpan));
  im->steps = g_array_new (FALSE, FALSE, sizeof (PendingPoint));
  im->samples = g_array_new (FALSE, FALSE, sizeof (PendingPoint));
  im->console = g_array_new (FALSE, FALSE, sizeof (PendingPoint));
  im->instants = g_array_new (FALSE, FALSE, sizeof (PendingPoint));
  im->flows = g_array_new (FALSE, FALSE, sizeof (PendingFlow));
}

static void
import_clear (Import *im)
{
  g_clear_object (&im->trace);
  g_clear_pointer (&im->tracks, g_hash_table_unref);
  g_clear_pointer (&im->series, g_hash_table_unref);
  g_clear_pointer (&im->flow_ids, g_hash_table_unref);
  g_clear_pointer (&im->ends, g_array_unref);
  g_clear_pointer (&im->spans, g_array_unref);
  g_clear_pointer (&im->steps, g_array_unref);
  g_clear_pointer (&im->samples, g_array_unref);
  g_clear_pointer (&im->console, g_array_unref);
  g_clear_pointer (&im->instants, g_array_unref);
  g_clear_pointer (&im->flows, g_array_unref);
}

/* First pass: finds the events array and parses the header, which the
 * events need (task and object counts, counter track names). */
static gboolean
scan_top_level (LsJsonReader  *reader,
                LsJsonNode    *header,
                gsize         *events_at,
                GError       **error)
{
  gboolean have_header = FALSE, have_events = FALSE;

  if (_ls_json_reader_peek (reader) == '[')
    goto not_ours;
  if (!_ls_json_reader_expect (reader, '{', error))
    return FALSE;

  while (_ls_json_reader_peek (reader) != '}')
    {
      const char *key;

      if (!_ls_json_reader_read_key (reader, &key, error))
        return FALSE;
      if (g_str_equal (key, "traceEvents") && _ls_json_reader_peek (reader) == '[')
        {
          *events_at = _ls_json_reader_tell (reader);
          have_events = TRUE;
          if (!_ls_json_reader_skip (reader, error))
            return FALSE;
        }
      else if (g_str_equal (key, "loopscope") && !have_header)
        {
          if (!_ls_json_reader_parse (reader, header, error))
            return FALSE;
          have_header = header->type == LS_JSON_OBJECT;
        }
      else if (!_ls_json_reader_skip (reader, error))
        return FALSE;

      if (_ls_json_reader_peek (reader) != '}' && !_ls_json_reader_expect (reader, ',', error))
        return FALSE;
    }

  if (!_ls_json_reader_expect (reader, '}', error) || !_ls_json_reader_expect_end (reader, error))
    return FALSE;
  if (have_header && have_events)
    return TRUE;

not_ours:
  g_set_error (error, LS_TRACE_ERROR, LS_TRACE_ERROR_UNSUPPORTED,
               _("This is not a trace saved by Loopscope"));
  return FALSE;
}

/* Second pass: one event at a time, each dropped once it is recorded. */
static gboolean
import_events (Import        *im,
               LsJsonReader  *reader,
               GError       **error)
{
  if (!_ls_json_reader_expect (reader, '[', error))
    return FALSE;
  if (_ls_json_reader_peek (reader) == ']')
    return TRUE;

  for (guint i = 0;; i++)
    {
      LsJsonNode event;

      _ls_json_reader_reset (reader);
      if (!_ls_json_reader_parse (reader, &event, error)
          || !import_event (im, &event, i, error))
        return FALSE;

      if (_ls_json_reader_peek (reader) == ']')
        return TRUE;
      if (!_ls_json_reader_expect (reader, ',', error))
        return FALSE;
    }
}

static gboolean
import_all (Import      *im,
            const char  *data,
            gsize        len,
            GError     **error)
{
  LsJsonReader *top = _ls_json_reader_new (data, len);
  LsJsonReader *events = _ls_json_reader_new (data, len);
  LsJsonNode header;
  gsize events_at = 0;
  gboolean ok;

  ok = scan_top_level (top, &header, &events_at, error)
       && import_header (im, &header, error);
  if (ok)
    {
      _ls_json_reader_seek (events, events_at);
      ok = import_events (im, events, error)
           && rebuild_tasks (im, error)
           && rebuild_samples (im, error)
           && rebuild_flows (im, error);
    }
  if (ok)
    {
      rebuild_notes (im);
      /* Rebuilding counted its appends as events; keep the count of the run. */
      _ls_trace_set_n_events (im->trace, im->n_events);
    }

  /* The header's strings (track names, exceptions) live in the first reader. */
  _ls_json_reader_free (events);
  _ls_json_reader_free (top);
  return ok;
}

LsTrace *
ls_trace_import_chrome_json_data (const char  *data,
                                  gssize       len,
                                  GError     **error)
{
  Import im = { 0 };
  LsTrace *trace = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len < 0)
    len = (gssize) strlen (data);

  import_init (&im);
  if (import_all (&im, data != NULL ? data : "", (gsize) len, error))
    trace = g_steal_pointer (&im.trace);
  import_clear (&im);
  return trace;
}

LsTrace *
ls_trace_import_chrome_json (const char  *path,
                             GError     **error)
{
  g_autofree char *data = NULL;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;
  return ls_trace_import_chrome_json_data (data, (gssize) len, error);
}
