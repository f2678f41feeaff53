/* ls-trace.c: the trace model, columnar and append-only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each task owns an array of 16-byte span records (start, detail, packed state
 * and line), so a transition touches one cache line of it and a lane query
 * bisects it. Spans are contiguous, so only starts are stored: span i ends
 * where span i + 1 starts, and the last one at the task's end or, while it
 * runs, nowhere (open). The global tables (flows, console, instants, samples)
 * are struct-of-arrays. Arrays grow by doubling, so recording allocates only
 * O(log n) times per array, never per event; the small per-task arrays come
 * from a pool (see RecordPool) and tasks from fixed chunks, so adding a task
 * allocates nothing most of the time.
 */
#include "config.h"

#include "ls-trace.h"
#include "ls-trace-private.h"

#include <math.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <sys/mman.h>
#endif

/* A span's state and line share one word: 8 bits of state, 24 of line. */
#define STATE_BITS 8
#define LINE_MAX_PACKED ((1u << (32 - STATE_BITS)) - 1)

typedef struct
{
  gint64  start;
  gint32  detail;
  guint32 state_line;
} SpanRec;

typedef struct
{
  gint64  time;
  guint32 line;
  guint32 reserved;
} StepRec;

typedef struct
{
  /* What a transition reads comes first, in one cache line, with a copy of the
   * last span so that it rarely needs to read the span array itself. */
  SpanRec    *spans;
  guint       n_spans;
  guint       cap_spans;
  SpanRec     last;
  gint64      created;
  gint64      ended;
  StepRec    *steps;
  guint       n_steps;
  guint       cap_steps;

  const char *name;     /* NULL: "Task-<number>", made when first read */
  const char *exception;
  gint32      parent;
  guint32     line;
  guint8      kind;
  guint8      end;
  guint32     number;
} TaskRec;

/* The span and step arrays of tasks (both of 16-byte records) come from a
 * pool while they are small: most tasks have a handful of spans, and a malloc
 * per task was most of what adding one cost. Capacities go 4, 8, ...
 * POOL_MAX_RECORDS records, carved from big blocks; an array that grows
 * leaves its old room on the free list of its size class for the next one. */
#define POOL_RECORD_SIZE 16
#define POOL_N_CLASSES 6
#define POOL_MAX_RECORDS (4u << (POOL_N_CLASSES - 1))
#define POOL_FIRST_BLOCK_SIZE (32 * 1024)

G_STATIC_ASSERT (sizeof (SpanRec) == POOL_RECORD_SIZE);
G_STATIC_ASSERT (sizeof (StepRec) == POOL_RECORD_SIZE);

/* Past the first (small, so that a small trace stays small: the pool's first
 * block, and the first chunk of tasks, which grows), the pool's blocks and
 * the task chunks are big blocks: 2 MiB, aligned to that and asked for as
 * transparent huge pages where there are any. A large trace otherwise spent
 * more of its cost on page faults than on recording. */
#define BIG_BLOCK_SIZE (2u << 20)

#define TASK_CHUNK_BITS 14
#define TASK_CHUNK (1u << TASK_CHUNK_BITS)
G_STATIC_ASSERT (TASK_CHUNK * sizeof (TaskRec) <= BIG_BLOCK_SIZE);

typedef struct
{
  guint8    *next;
  guint8    *end;
  GPtrArray *blocks;
  gpointer   free_lists[POOL_N_CLASSES];
} RecordPool;

typedef struct
{
  const char *label;
  gint64      created;
  gint64      capacity;
  gint32      first_series;
  gint32      last_series;
  guint32     n_series;
  guint8      kind;
} ObjectRec;

typedef struct
{
  const char *name;
  gint32      object;
  gint32      next_in_object;
  gint64      last_time;  /* of the last sample given, kept or not */
  gint64     *time;
  double     *value;
  guint       n;
  guint       cap;
} SeriesRec;

typedef struct
{
  gint64 *time_from;
  gint64 *time_to;
  gint32 *from;
  gint32 *to;
  gint32 *object;
  guint8 *kind;
  guint   n;
  guint   cap;
} FlowTable;

/* Console lines and instants share a shape: time, task, a small enum, text. */
typedef struct
{
  gint64      *time;
  gint32      *task;
  guint8      *kind;
  const char **text;
  guint        n;
  guint        cap;
} NoteTable;

struct _LsTrace
{
  GObject       parent_instance;

  GStringChunk *chunk;
  GHashTable   *strings;
  gsize         string_bytes;

  /* Tasks in chunks of TASK_CHUNK: adding one never moves the others. */
  TaskRec     **task_chunks;
  guint         n_task_chunks;
  guint         cap_task_chunks;
  guint         cap_first_chunk;
  guint         n_tasks;
  RecordPool    pool;

  ObjectRec    *objects;
  guint         n_objects;
  guint         cap_objects;

  SeriesRec    *series;
  guint         n_series;
  guint         cap_series;

  FlowTable     flows;
  NoteTable     console;
  NoteTable     instants;

  char         *filename;
  char         *source;

  gint64        now;
  guint64       n_events;
  guint64       generation;
  guint64       notified_generation;
  gint64        notified_now;
  guint64       notified_n_events;
};

G_DEFINE_FINAL_TYPE (LsTrace, ls_trace, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NOW,
  PROP_N_EVENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Growth */

static guint
next_capacity (guint cap,
               guint need)
{
  guint new_cap = MAX (cap, 4u);

  while (new_cap < need)
    {
      if (new_cap > G_MAXUINT / 2)
        g_error ("LsTrace: table too large");
      new_cap *= 2;
    }

  return new_cap;
}

#define RESIZE(ptr, cap) ((ptr) = g_realloc_n ((ptr), (cap), sizeof *(ptr)))

static void
flow_table_reserve (FlowTable *t)
{
  if (t->n < t->cap)
    return;
  t->cap = next_capacity (t->cap, t->n + 1);
  RESIZE (t->time_from, t->cap);
  RESIZE (t->time_to, t->cap);
  RESIZE (t->from, t->cap);
  RESIZE (t->to, t->cap);
  RESIZE (t->object, t->cap);
  RESIZE (t->kind, t->cap);
}

static void
flow_table_clear (FlowTable *t)
{
  g_free (t->time_from);
  g_free (t->time_to);
  g_free (t->from);
  g_free (t->to);
  g_free (t->object);
  g_free (t->kind);
}

static void
note_table_reserve (NoteTable *t)
{
  if (t->n < t->cap)
    return;
  t->cap = next_capacity (t->cap, t->n + 1);
  RESIZE (t->time, t->cap);
  RESIZE (t->task, t->cap);
  RESIZE (t->kind, t->cap);
  RESIZE (t->text, t->cap);
}

static void
note_table_clear (NoteTable *t)
{
  g_free (t->time);
  g_free (t->task);
  g_free (t->kind);
  g_free (t->text);
}

/* Big blocks */

static gpointer
big_block_new (void)
{
  gpointer mem = g_aligned_alloc (1, BIG_BLOCK_SIZE, BIG_BLOCK_SIZE);

#ifdef MADV_HUGEPAGE
  madvise (mem, BIG_BLOCK_SIZE, MADV_HUGEPAGE);  /* only advice: failing is fine */
#endif
  return mem;
}

/* The record pool */

static guint
pool_class (guint cap)
{
  /* cap is 4 << class */
  return g_bit_storage (cap) - 3;
}

static gpointer
pool_take (RecordPool *p,
           guint       cap)
{
  guint c = pool_class (cap);
  gsize size = (gsize) cap * POOL_RECORD_SIZE;
  gpointer mem = p->free_lists[c];

  if (mem != NULL)
    {
      p->free_lists[c] = *(gpointer *) mem;
      return mem;
    }

  if ((gsize) (p->end - p->next) < size)
    {
      /* the rest of the old block is too small for this class; a few bytes lost */
      gsize block_size = p->blocks->len > 0 ? BIG_BLOCK_SIZE : POOL_FIRST_BLOCK_SIZE;

      /* g_aligned_free() frees either kind */
      p->next = p->blocks->len > 0 ? big_block_new () : g_aligned_alloc (1, block_size, 64);
      p->end = p->next + block_size;
      g_ptr_array_add (p->blocks, p->next);
    }
  mem = p->next;
  p->next += size;
  return mem;
}

static void
pool_give_back (RecordPool *p,
                gpointer    mem,
                guint       cap)
{
  guint c;

  if (mem == NULL)
    return;
  if (cap > POOL_MAX_RECORDS)
    {
      g_free (mem);
      return;
    }
  c = pool_class (cap);
  *(gpointer *) mem = p->free_lists[c];
  p->free_lists[c] = mem;
}

/* Moves the @n records of @mem (capacity *@cap) to room for at least @n + 1. */
static gpointer
pool_grow (RecordPool *p,
           gpointer    mem,
           guint       n,
           guint      *cap)
{
  guint new_cap = next_capacity (*cap, n + 1);
  gpointer grown;

  if (*cap > POOL_MAX_RECORDS)
    grown = g_realloc_n (mem, new_cap, POOL_RECORD_SIZE);
  else
    {
      grown = new_cap > POOL_MAX_RECORDS ? g_malloc_n (new_cap, POOL_RECORD_SIZE) : pool_take (p, new_cap);
      if (n > 0)
        memcpy (grown, mem, (gsize) n * POOL_RECORD_SIZE);
      pool_give_back (p, mem, *cap);
    }
  *cap = new_cap;
  return grown;
}

/* Strings */

/* Returns the trace's single copy of @str, made valid UTF-8 so that every
 * export can pass it through unchanged. */
static const char *
intern (LsTrace    *self,
        const char *str)
{
  const char *found;
  g_autofree char *valid = NULL;
  char *copy;

  if (str == NULL)
    return NULL;

  found = g_hash_table_lookup (self->strings, str);
  if (found != NULL)
    return found;

  if (!g_utf8_validate (str, -1, NULL))
    {
      valid = g_utf8_make_valid (str, -1);
      found = g_hash_table_lookup (self->strings, valid);
      if (found != NULL)
        return found;
      str = valid;
    }

  copy = g_string_chunk_insert (self->chunk, str);
  g_hash_table_add (self->strings, copy);
  self->string_bytes += strlen (copy) + 1;
  return copy;
}

/* Searches */

/* The searches below read times out of records of @stride bytes that start
 * with a gint64 time (span and step records, or plain time columns). */
#define TIME_AT(base, stride, i) (*(const gint64 *) ((const guint8 *) (base) + (gsize) (i) * (stride)))

/* Index of the first of @n sorted times greater than @t. */
static guint
upper_bound (const void *base,
             gsize       stride,
             guint       n,
             gint64      t)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (TIME_AT (base, stride, mid) <= t)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Index of the first of @n sorted times at or after @t. */
static guint
lower_bound (const void *base,
             gsize       stride,
             guint       n,
             gint64      t)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (TIME_AT (base, stride, mid) < t)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Points (steps, console lines, instants) with t0 <= time <= t1. */
static gboolean
points_in_range (const void *base,
                 gsize       stride,
                 guint       n,
                 gint64      t0,
                 gint64      t1,
                 guint      *first,
                 guint      *last)
{
  guint lo, hi;

  if (t1 < t0)
    return FALSE;

  lo = lower_bound (base, stride, n, t0);
  hi = upper_bound (base, stride, n, t1);
  if (lo >= hi)
    return FALSE;

  if (first != NULL)
    *first = lo;
  if (last != NULL)
    *last = hi - 1;
  return TRUE;
}

/* Tasks and spans */

static inline guint32
pack_state_line (LsTraceState state,
                 guint        line)
{
  return (MIN (line, LINE_MAX_PACKED) << STATE_BITS) | (guint32) state;
}

static inline LsTraceState
span_state (const SpanRec *span)
{
  return (LsTraceState) (span->state_line & ((1u << STATE_BITS) - 1));
}

static inline guint
span_line (const SpanRec *span)
{
  return span->state_line >> STATE_BITS;
}

/* Same state, detail and line; the start does not matter. */
static inline gboolean
span_same (const SpanRec *a,
           const SpanRec *b)
{
  return a->detail == b->detail && a->state_line == b->state_line;
}

static inline TaskRec *
task_rec (LsTrace *self,
          gint     task)
{
  g_assert (task >= 0 && (guint) task < self->n_tasks);
  return &self->task_chunks[(guint) task >> TASK_CHUNK_BITS][(guint) task & (TASK_CHUNK - 1)];
}

static inline gboolean
valid_task (LsTrace *self,
            gint     task)
{
  return task >= 0 && (guint) task < self->n_tasks;
}

static inline gboolean
valid_task_or_none (LsTrace *self,
                    gint     task)
{
  return task == LS_TRACE_NO_ID || valid_task (self, task);
}

static inline gboolean
valid_object_or_none (LsTrace *self,
                      gint     object)
{
  return object == LS_TRACE_NO_ID || (object >= 0 && (guint) object < self->n_objects);
}

static gint64
span_end (const TaskRec *t,
          guint          index)
{
  if (index + 1 < t->n_spans)
    return t->spans[index + 1].start;
  return t->ended;
}

static inline gint64
last_start (const TaskRec *t)
{
  g_assert (t->n_spans > 0);
  return t->last.start;
}

static void
push_span (LsTrace *self,
           TaskRec *t,
           SpanRec  span)
{
  if (G_UNLIKELY (t->n_spans == t->cap_spans))
    t->spans = pool_grow (&self->pool, t->spans, t->n_spans, &t->cap_spans);
  t->spans[t->n_spans++] = span;
  t->last = span;
}

static gboolean
has_step_at (const TaskRec *t,
             gint64         time)
{
  return t->n_steps > 0 && t->steps[t->n_steps - 1].time == time;
}

static void
push_step (LsTrace *self,
           TaskRec *t,
           gint64   time,
           guint    line)
{
  /* A task yielding many times in one instant (sleep(0) loops) is one step. */
  if (has_step_at (t, time))
    return;

  if (G_UNLIKELY (t->n_steps == t->cap_steps))
    t->steps = pool_grow (&self->pool, t->steps, t->n_steps, &t->cap_steps);
  t->steps[t->n_steps++] = (StepRec) { time, line, 0 };
}

/* The open span started at @time and is being left at once: forget it,
 * remembering a RUNNING one as a step. */
static void
drop_instant_span (LsTrace *self,
                   TaskRec *t,
                   gint64   time)
{
  g_assert (t->last.start == time);

  if (span_state (&t->last) == LS_TRACE_STATE_RUNNING)
    push_step (self, t, time, span_line (&t->last));
  t->n_spans--;
  if (t->n_spans > 0)
    t->last = t->spans[t->n_spans - 1];
}

/* Only arrays grown past the pool's classes are freed one by one. */
static void
task_rec_clear (TaskRec *t)
{
  if (t->cap_spans > POOL_MAX_RECORDS)
    g_free (t->spans);
  if (t->cap_steps > POOL_MAX_RECORDS)
    g_free (t->steps);
}

static TaskRec *
push_task (LsTrace         *self,
           gint64           created,
           const char      *name,
           gint             parent,
           LsTraceTaskKind  kind,
           guint            line)
{
  TaskRec *t;

  if (self->n_tasks < TASK_CHUNK && self->n_tasks == self->cap_first_chunk)
    {
      /* the first chunk grows like an array */
      if (self->n_task_chunks == 0)
        {
          self->cap_task_chunks = 4;
          self->task_chunks = g_new0 (TaskRec *, self->cap_task_chunks);
          self->n_task_chunks = 1;
        }
      self->cap_first_chunk = MIN (next_capacity (self->cap_first_chunk, self->n_tasks + 1), TASK_CHUNK);
      RESIZE (self->task_chunks[0], self->cap_first_chunk);
    }
  else if (self->n_tasks == self->n_task_chunks * TASK_CHUNK)
    {
      if (self->n_task_chunks == self->cap_task_chunks)
        {
          self->cap_task_chunks = next_capacity (self->cap_task_chunks, self->n_task_chunks + 1);
          RESIZE (self->task_chunks, self->cap_task_chunks);
        }
      self->task_chunks[self->n_task_chunks++] = big_block_new ();
    }

  t = &self->task_chunks[self->n_tasks / TASK_CHUNK][self->n_tasks % TASK_CHUNK];
  memset (t, 0, sizeof *t);
  if (name != NULL)
    t->name = intern (self, name);
  else
    t->number = self->n_tasks + 1;
  t->created = created;
  t->ended = LS_TRACE_TIME_NONE;
  t->parent = parent;
  t->line = line;
  t->kind = kind;
  t->end = LS_TRACE_END_RUNNING;
  self->n_tasks++;
  return t;
}

/* A numbered task's name is made the first time someone reads it: most are
 * never read, and making them was a good part of what adding a task cost. */
static const char *
task_name (LsTrace *self,
           gint     task)
{
  TaskRec *t = task_rec (self, task);

  if (G_UNLIKELY (t->name == NULL))
    {
      char buf[32];

      g_snprintf (buf, sizeof buf, "Task-%u", t->number);
      t->name = intern (self, buf);
    }
  return t->name;
}

/* Bookkeeping shared by every recording call. */
static void
note_event (LsTrace *self,
            gint64   time)
{
  self->n_events++;
  self->generation++;
  if (time > self->now)
    self->now = time;
}

/* GObject */

static void
ls_trace_finalize (GObject *object)
{
  LsTrace *self = (LsTrace *) object;

  for (guint i = 0; i < self->n_tasks; i++)
    task_rec_clear (task_rec (self, (gint) i));
  if (self->n_task_chunks > 0)
    g_free (self->task_chunks[0]);
  for (guint i = 1; i < self->n_task_chunks; i++)
    g_aligned_free (self->task_chunks[i]);
  g_clear_pointer (&self->task_chunks, g_free);
  g_clear_pointer (&self->pool.blocks, g_ptr_array_unref);
  g_clear_pointer (&self->objects, g_free);

  for (guint i = 0; i < self->n_series; i++)
    {
      g_free (self->series[i].time);
      g_free (self->series[i].value);
    }
  g_clear_pointer (&self->series, g_free);

  flow_table_clear (&self->flows);
  note_table_clear (&self->console);
  note_table_clear (&self->instants);

  g_clear_pointer (&self->strings, g_hash_table_unref);
  g_clear_pointer (&self->chunk, g_string_chunk_free);
  g_clear_pointer (&self->filename, g_free);
  g_clear_pointer (&self->source, g_free);

  G_OBJECT_CLASS (ls_trace_parent_class)->finalize (object);
}

static void
ls_trace_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  LsTrace *self = LS_TRACE (object);

  switch (prop_id)
    {
    case PROP_NOW:
      g_value_set_int64 (value, ls_trace_get_now (self));
      break;

    case PROP_N_EVENTS:
      g_value_set_uint64 (value, ls_trace_get_n_events (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_trace_class_init (LsTraceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ls_trace_finalize;
  object_class->get_property = ls_trace_get_property;

  /**
   * LsTrace:now:
   *
   * The latest time seen, in nanoseconds. Notified from ls_trace_flush_notify().
   */
  properties[PROP_NOW] =
    g_param_spec_int64 ("now", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * LsTrace:n-events:
   *
   * How many events were recorded. Notified from ls_trace_flush_notify().
   */
  properties[PROP_N_EVENTS] =
    g_param_spec_uint64 ("n-events", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LsTrace::changed:
   *
   * Something was recorded since the previous emission. Emitted only by
   * ls_trace_flush_notify(), at most once per call.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
ls_trace_init (LsTrace *self)
{
  self->chunk = g_string_chunk_new (64 * 1024);
  self->strings = g_hash_table_new (g_str_hash, g_str_equal);
  self->pool.blocks = g_ptr_array_new_with_free_func (g_aligned_free);
}

/* Public API: recording */

LsTrace *
ls_trace_new (void)
{
  return g_object_new (LS_TYPE_TRACE, NULL);
}

gint
ls_trace_add_task (LsTrace         *self,
                   gint64           time,
                   const char      *name,
                   gint             parent,
                   LsTraceTaskKind  kind,
                   guint            line)
{
  TaskRec *t;

  g_return_val_if_fail (LS_IS_TRACE (self), LS_TRACE_NO_ID);
  g_return_val_if_fail (time >= 0 && time <= LS_TRACE_TIME_MAX, LS_TRACE_NO_ID);
  g_return_val_if_fail (valid_task_or_none (self, parent), LS_TRACE_NO_ID);
  g_return_val_if_fail (kind < LS_TRACE_N_TASK_KINDS, LS_TRACE_NO_ID);
  g_return_val_if_fail (self->n_tasks < G_MAXINT, LS_TRACE_NO_ID);

  t = push_task (self, time, name, parent, kind, line);
  push_span (self, t, (SpanRec) { time, LS_TRACE_NO_ID,
                                  pack_state_line (LS_TRACE_STATE_READY, line) });
  note_event (self, time);
  return (gint) self->n_tasks - 1;
}

gint
ls_trace_add_numbered_task (LsTrace         *self,
                            gint64           time,
                            guint64          number,
                            gint             parent,
                            LsTraceTaskKind  kind,
                            guint            line)
{
  gint task;

  g_return_val_if_fail (LS_IS_TRACE (self), LS_TRACE_NO_ID);

  if (number > G_MAXUINT32)
    {
      char buf[32];

      g_snprintf (buf, sizeof buf, "Task-%" G_GUINT64_FORMAT, number);
      return ls_trace_add_task (self, time, buf, parent, kind, line);
    }

  task = ls_trace_add_task (self, time, NULL, parent, kind, line);
  if (task != LS_TRACE_NO_ID)
    task_rec (self, task)->number = (guint32) number;
  return task;
}

void
ls_trace_task_set_name (LsTrace    *self,
                        gint        task,
                        const char *name)
{
  g_return_if_fail (LS_IS_TRACE (self));
  g_return_if_fail (valid_task (self, task));
  g_return_if_fail (name != NULL);

  task_rec (self, task)->name = intern (self, name);
  self->generation++;
}

void
ls_trace_task_set_state (LsTrace      *self,
                         gint          task,
                         gint64        time,
                         LsTraceState  state,
                         gint          detail,
                         guint         line)
{
  TaskRec *t;
  SpanRec span;

  g_return_if_fail (LS_IS_TRACE (self));
  g_return_if_fail (valid_task (self, task));
  g_return_if_fail (state < LS_TRACE_N_STATES);
  g_return_if_fail (time >= 0 && time <= LS_TRACE_TIME_MAX);
  g_return_if_fail (ls_trace_state_waits_on_task (state)
                    ? valid_task_or_none (self, detail)
                    : valid_object_or_none (self, detail));

  if (state == LS_TRACE_STATE_DONE)
    {
      ls_trace_task_end (self, task, time, LS_TRACE_END_DONE, NULL);
      return;
    }

  t = task_rec (self, task);
  g_return_if_fail (t->ended == LS_TRACE_TIME_NONE);

  note_event (self, time);
  span = (SpanRec) { MAX (time, t->created), detail, pack_state_line (state, line) };

  if (t->n_spans == 0)
    {
      push_span (self, t, span);
      return;
    }

  if (span_same (&t->last, &span))
    return;

  span.start = MAX (span.start, last_start (t));
  if (span.start > last_start (t))
    {
      push_span (self, t, span);
      return;
    }

  /* The open span lasted no time. If the wait it interrupted comes back
   * without the task having run in between, that span simply continues.
   * RUNNING never continues this way: running again after a yield is a new
   * step, and the boundary shows it. */
  drop_instant_span (self, t, span.start);
  if (t->n_spans > 0 && span_same (&t->last, &span)
      && span_state (&span) != LS_TRACE_STATE_RUNNING && !has_step_at (t, span.start))
    return;
  push_span (self, t, span);
}

void
ls_trace_task_end (LsTrace    *self,
                   gint        task,
                   gint64      time,
                   LsTraceEnd  end,
                   const char *exception)
{
  TaskRec *t;

  g_return_if_fail (LS_IS_TRACE (self));
  g_return_if_fail (valid_task (self, task));
  g_return_if_fail (end > LS_TRACE_END_RUNNING && end < LS_TRACE_N_ENDS);
  g_return_if_fail (time >= 0 && time <= LS_TRACE_TIME_MAX);

  t = task_rec (self, task);
  g_return_if_fail (t->ended == LS_TRACE_TIME_NONE);

  note_event (self, time);
  time = MAX (time, t->created);
  if (t->n_spans > 0)
    {
      time = MAX (time, last_start (t));
      if (time == last_start (t))
        drop_instant_span (self, t, time);
    }

  t->ended = time;
  t->end = end;
  t->exception = intern (self, exception);
}

gint
ls_trace_add_object (LsTrace           *self,
                     gint64             time,
                     LsTraceObjectKind  kind,
                     const char        *label,
                     gint64             capacity)
{
  ObjectRec *o;

  g_return_val_if_fail (LS_IS_TRACE (self), LS_TRACE_NO_ID);
  g_return_val_if_fail (time >= 0 && time <= LS_TRACE_TIME_MAX, LS_TRACE_NO_ID);
  g_return_val_if_fail (kind < LS_TRACE_N_OBJECT_KINDS, LS_TRACE_NO_ID);
  g_return_val_if_fail (self->n_objects < G_MAXINT, LS_TRACE_NO_ID);

  if (self->n_objects == self->cap_objects)
    {
      self->cap_objects = next_capacity (self->cap_objects, self->n_objects + 1);
      RESIZE (self->objects, self->cap_objects);
    }

  o = &self->objects[self->n_objects++];
  memset (o, 0, sizeof *o);
  o->label = intern (self, label);
  o->created = time;
  o->capacity = capacity;
  o->first_series = LS_TRACE_NO_ID;
  o->last_series = LS_TRACE_NO_ID;
  o->kind = kind;

  note_event (self, time);
  return (gint) self->n_objects - 1;
}

void
ls_trace_object_set_label (LsTrace    *self,
                           gint        object,
                           const char *label)
{
  g_return_if_fail (LS_IS_TRACE (self));
  g_return_if_fail (object >= 0 && (guint) object < self->n_objects);

  self->objects[object].label = intern (self, label);
  self->generation++;
}

gint
ls_trace_add_series (LsTrace    *self,
                     gint        object,
                     const char *name)
{
  ObjectRec *o;
  SeriesRec *s;
  const char *iname;
  gint id;

  g_return_val_if_fail (LS_IS_TRACE (self), LS_TRACE_NO_ID);
  g_return_val_if_fail (object >= 0 && (guint) object < self->n_objects, LS_TRACE_NO_ID);
  g_return_val_if_fail (name != NULL, LS_TRACE_NO_ID);

  /* An object has a handful of series: comparing their names is cheaper than
   * interning @name, and this runs for every sample. */
  o = &self->objects[object];
  for (id = o->first_series; id != LS_TRACE_NO_ID; id = self->series[id].next_in_object)
    if (strcmp (self->series[id].name, name) == 0)
      return id;
  /* @name may have been made valid UTF-8 on the way in */
  iname = intern (self, name);
  for (id = o->first_series; id != LS_TRACE_NO_ID; id = self->series[id].next_in_object)
    if (self->series[id].name == iname)
      return id;

  if (self->n_series == self->cap_series)
    {
      self->cap_series = next_capacity (self->cap_series, self->n_series + 1);
      RESIZE (self->series, self->cap_series);
    }

  id = (gint) self->n_series++;
  s = &self->series[id];
  memset (s, 0, sizeof *s);
  s->name = iname;
  s->object = object;
  s->next_in_object = LS_TRACE_NO_ID;

  if (o->last_series == LS_TRACE_NO_ID)
    o->first_series = id;
  else
    self->series[o->last_series].next_in_object = id;
  o->last_series = id;
  o->n_series++;

  self->generation++;
  return id;
}

static void
series_push (SeriesRec *s,
             gint64     time,
             double     value)
{
  if (s->n == s->cap)
    {
      s->cap = next_capacity (s->cap, s->n + 1);
      RESIZE (s->time, s->cap);
      RESIZE (s->value, s->cap);
    }
  s->time[s->n] = time;
  s->value[s->n] = value;
  s->n++;
}

void
ls_trace_series_sample (LsTrace *self,
                        gint     series,
                        gint64   time,
                        double   value)
{
  SeriesRec *s;
  guint last;

  g_return_if_fail (LS_IS_TRACE (self));
  g_return_if_fail (series >= 0 && (guint) series < self->n_series);
  g_return_if_fail (time >= 0 && time <= LS_TRACE_TIME_MAX);
  g_return_if_fail (isfinite (value));

  s = &self->series[series];
  note_event (self, time);

  if (s->n == 0)
    {
      series_push (s, time, value);
      s->last_time = time;
      return;
    }

  last = s->n - 1;
  time = s->last_time = MAX (time, s->last_time);
  if (time > s->time[last])
    {
      if (s->value[last] != value)
        series_push (s, time, value);
      return;
    }

  /* Several updates in one instant: only the last is visible. One that
   * restores the value before the instant makes the sample redundant. */
  if (last > 0 && s->value[last - 1] == value)
    s->n--;
  else
    s->value[last] = value;
}

void
ls_trace_object_sample (LsTrace    *self,
                        gint        object,
                        const char *series,
                        gint64      time,
                        double      value)
{
  gint id;

  g_return_if_fail (LS_IS_TRACE (self));

  id = ls_trace_add_series (self, object, series);
  if (id != LS_TRACE_NO_ID)
    ls_trace_series_sample (self, id, time, value);
}

void
ls_trace_add_flow (LsTrace         *self,
                   LsTraceFlowKind  kind,
                   gint             from_task,
                   gint             to_task,
                   gint64           time_from,
                   gint64           time_to,
                   gint             object)
{
  FlowTable *f;

  g_return_if_fail (LS_IS_TRACE (self));
  g_return_if_fail (kind < LS_TRACE_N_FLOW_KINDS);
  g_return_if_fail (valid_task_or_none (self, from_task));
  g_return_if_fail (valid_task_or_none (self, to_task));
  g_return_if_fail (valid_object_or_none (self, object));
  g_return_if_fail (time_from >= 0 && time_from <= LS_TRACE_TIME_MAX);
  g_return_if_fail (time_to >= 0 && time_to <= LS_TRACE_TIME_MAX);

  time_to = MAX (time_to, time_from);
  f = &self->flows;
  flow_table_reserve (f);
  f->kind[f->n] = kind;
  f->from[f->n] = from_task;
  f->to[f->n] = to_task;
  f->time_from[f->n] = time_from;
  f->time_to[f->n] = time_to;
  f->object[f->n] = object;
  f->n++;

  note_event (self, time_to);
}

static void
note_table_push (LsTrace    *self,
                 NoteTable  *t,
                 gint64      time,
                 gint        task,
                 guint       kind,
                 const char *text)
{
  /* Keep the table sorted so that range queries can bisect it. */
  if (t->n > 0)
    time = MAX (time, t->time[t->n - 1]);

  note_table_reserve (t);
  t->time[t->n] = time;
  t->task[t->n] = task;
  t->kind[t->n] = (guint8) kind;
  t->text[t->n] = intern (self, text);
  t->n++;

  note_event (self, time);
}

void
ls_trace_add_console (LsTrace       *self,
                      gint64         time,
                      gint           task,
                      LsTraceStream  stream,
                      const char    *text)
{
  g_autofree char *stripped = NULL;
  gsize len;

  g_return_if_fail (LS_IS_TRACE (self));
  g_return_if_fail (valid_task_or_none (self, task));
  g_return_if_fail (stream < LS_TRACE_N_STREAMS);
  g_return_if_fail (time >= 0 && time <= LS_TRACE_TIME_MAX);
  g_return_if_fail (text != NULL);

  len = strlen (text);
  if (len > 0 && text[len - 1] == '\n')
    text = stripped = g_strndup (text, len - 1);

  note_table_push (self, &self->console, time, task, stream, text);
}

void
ls_trace_add_instant (LsTrace            *self,
                      gint64              time,
                      gint                task,
                      LsTraceInstantKind  kind,
                      const char         *text)
{
  g_return_if_fail (LS_IS_TRACE (self));
  g_return_if_fail (valid_task_or_none (self, task));
  g_return_if_fail (kind < LS_TRACE_N_INSTANT_KINDS);
  g_return_if_fail (time >= 0 && time <= LS_TRACE_TIME_MAX);

  note_table_push (self, &self->instants, time, task, kind, text);
}

void
ls_trace_set_now (LsTrace *self,
                  gint64   time)
{
  g_return_if_fail (LS_IS_TRACE (self));
  g_return_if_fail (time <= LS_TRACE_TIME_MAX);

  if (time > self->now)
    {
      self->now = time;
      self->generation++;
    }
}

void
ls_trace_set_source (LsTrace    *self,
                     const char *filename,
                     const char *source)
{
  g_return_if_fail (LS_IS_TRACE (self));

  g_free (self->filename);
  self->filename = filename != NULL ? g_utf8_make_valid (filename, -1) : NULL;
  g_free (self->source);
  self->source = source != NULL ? g_utf8_make_valid (source, -1) : NULL;
  self->generation++;
}

void
ls_trace_flush_notify (LsTrace *self)
{
  g_return_if_fail (LS_IS_TRACE (self));

  if (self->generation == self->notified_generation)
    return;
  self->notified_generation = self->generation;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->now != self->notified_now)
    {
      self->notified_now = self->now;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
    }
  if (self->n_events != self->notified_n_events)
    {
      self->notified_n_events = self->n_events;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_EVENTS]);
    }
  g_signal_emit (self, signals[CHANGED], 0);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Public API: reading */

gint64
ls_trace_get_now (LsTrace *self)
{
  g_return_val_if_fail (LS_IS_TRACE (self), 0);
  return self->now;
}

guint64
ls_trace_get_n_events (LsTrace *self)
{
  g_return_val_if_fail (LS_IS_TRACE (self), 0);
  return self->n_events;
}

/* Changes whenever anything readers can see changes, "now" included. */
guint64
ls_trace_get_generation (LsTrace *self)
{
  g_return_val_if_fail (LS_IS_TRACE (self), 0);
  return self->generation;
}

/**
 * ls_trace_get_filename:
 *
 * Returns: (transfer none) (nullable): the program's file name
 */
const char *
ls_trace_get_filename (LsTrace *self)
{
  g_return_val_if_fail (LS_IS_TRACE (self), NULL);
  return self->filename;
}

/**
 * ls_trace_get_source:
 *
 * Returns: (transfer none) (nullable): the program's text
 */
const char *
ls_trace_get_source (LsTrace *self)
{
  g_return_val_if_fail (LS_IS_TRACE (self), NULL);
  return self->source;
}

guint
ls_trace_get_n_tasks (LsTrace *self)
{
  g_return_val_if_fail (LS_IS_TRACE (self), 0);
  return self->n_tasks;
}

gboolean
ls_trace_get_task (LsTrace     *self,
                   gint         task,
                   LsTraceTask *out)
{
  const TaskRec *t;

  g_return_val_if_fail (LS_IS_TRACE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!valid_task (self, task))
    return FALSE;

  t = task_rec (self, task);
  out->id = task;
  out->name = task_name (self, task);
  out->kind = t->kind;
  out->parent = t->parent;
  out->created = t->created;
  out->ended = t->ended;
  out->end = t->end;
  out->exception = t->exception;
  out->line = t->line;
  out->n_spans = t->n_spans;
  out->n_steps = t->n_steps;
  return TRUE;
}

/**
 * ls_trace_task_get_name:
 *
 * Returns: (transfer none) (nullable): the task's current name
 */
const char *
ls_trace_task_get_name (LsTrace *self,
                        gint     task)
{
  g_return_val_if_fail (LS_IS_TRACE (self), NULL);

  if (!valid_task (self, task))
    return NULL;
  return task_name (self, task);
}

guint
ls_trace_task_get_n_spans (LsTrace *self,
                           gint     task)
{
  g_return_val_if_fail (LS_IS_TRACE (self), 0);

  if (!valid_task (self, task))
    return 0;
  return task_rec (self, task)->n_spans;
}

gboolean
ls_trace_task_get_span (LsTrace     *self,
                        gint         task,
                        guint        index,
                        LsTraceSpan *out)
{
  const TaskRec *t;

  g_return_val_if_fail (LS_IS_TRACE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!valid_task (self, task))
    return FALSE;
  t = task_rec (self, task);
  if (index >= t->n_spans)
    return FALSE;

  out->start = t->spans[index].start;
  out->end = span_end (t, index);
  out->state = span_state (&t->spans[index]);
  out->detail = t->spans[index].detail;
  out->line = span_line (&t->spans[index]);
  return TRUE;
}

gboolean
ls_trace_task_spans_in_range (LsTrace *self,
                              gint     task,
                              gint64   t0,
                              gint64   t1,
                              guint   *first,
                              guint   *last)
{
  const TaskRec *t;
  guint lo, hi;

  g_return_val_if_fail (LS_IS_TRACE (self), FALSE);

  if (!valid_task (self, task) || t1 < t0)
    return FALSE;
  t = task_rec (self, task);

  hi = upper_bound (t->spans, sizeof *t->spans, t->n_spans, t1);
  if (hi == 0)
    return FALSE;

  /* The span covering t0, or the first one if t0 comes before them all. Only
   * the last span of an ended task can end at or before t0. */
  lo = upper_bound (t->spans, sizeof *t->spans, hi, t0);
  lo = lo > 0 ? lo - 1 : 0;
  if (lo == t->n_spans - 1 && t->ended != LS_TRACE_TIME_NONE && t->ended <= t0)
    return FALSE;

  if (first != NULL)
    *first = lo;
  if (last != NULL)
    *last = hi - 1;
  return TRUE;
}

gboolean
ls_trace_task_span_at (LsTrace *self,
                       gint     task,
                       gint64   time,
                       guint   *index)
{
  const TaskRec *t;
  guint i;
  gint64 end;

  g_return_val_if_fail (LS_IS_TRACE (self), FALSE);

  if (!valid_task (self, task))
    return FALSE;
  t = task_rec (self, task);

  i = upper_bound (t->spans, sizeof *t->spans, t->n_spans, time);
  if (i == 0)
    return FALSE;
  end = span_end (t, i - 1);
  if (end != LS_TRACE_TIME_NONE && end <= time)
    return FALSE;

  if (index != NULL)
    *index = i - 1;
  return TRUE;
}

/* A column sampled at this many spans at most, so a column costs the same
 * however many spans it hides. */
#define COLUMN_SAMPLES 6

/* The first span at or after @from starting after @t: galloping, since the
 * answer is usually a few spans away. */
static guint
gallop_upper_bound (const TaskRec *t,
                    guint          from,
                    gint64         time)
{
  guint lo = from, hi = from, step = 1;

  while (hi < t->n_spans && t->spans[hi].start <= time)
    {
      lo = hi + 1;
      hi = from + step;
      step *= 2;
    }
  hi = MIN (hi, t->n_spans);
  return lo + upper_bound (t->spans + lo, sizeof *t->spans, hi - lo, time);
}

guint
ls_trace_task_column_states (LsTrace *self,
                             gint     task,
                             gint64   t0,
                             gint64   t1,
                             gint64   now,
                             guint    n_columns,
                             guint8  *states)
{
  const TaskRec *t;
  gint64 life_end;
  double col_ns;
  guint first, n_filled = 0;

  g_return_val_if_fail (LS_IS_TRACE (self), 0);
  g_return_val_if_fail (states != NULL || n_columns == 0, 0);

  memset (states, LS_TRACE_N_STATES, n_columns);
  if (!valid_task (self, task) || t1 <= t0 || n_columns == 0)
    return 0;
  t = task_rec (self, task);
  if (t->n_spans == 0)
    return 0;
  life_end = t->ended != LS_TRACE_TIME_NONE ? t->ended : MAX (now, last_start (t));
  col_ns = (double) (t1 - t0) / n_columns;
  first = upper_bound (t->spans, sizeof *t->spans, t->n_spans, t0);
  first = first > 0 ? first - 1 : 0;

  for (guint c = 0; c < n_columns; c++)
    {
      gint64 c0 = t0 + (gint64) (col_ns * c);
      gint64 c1 = MAX (c0 + 1, t0 + (gint64) (col_ns * (c + 1)));
      guint next, n;
      LsTraceState state;

      if (c0 >= life_end)
        break;
      if (c1 <= t->spans[0].start)
        continue;
      /* @first covers the column's start (or is the first span in it); @next
       * is the first span starting after the column, and the span covering
       * the next column's start is just before it, or it. */
      next = gallop_upper_bound (t, first + 1, c1 - 1);
      state = span_state (&t->spans[first]);
      /* Running anywhere in the column wins: it is what the eye looks for. */
      n = next > first + 1 ? next - first - 1 : 0;
      for (guint k = 1; k <= MIN (n, COLUMN_SAMPLES) && state != LS_TRACE_STATE_RUNNING; k++)
        {
          guint j = first + (n <= COLUMN_SAMPLES ? k : (guint) ((guint64) n * k / COLUMN_SAMPLES));

          if (span_state (&t->spans[MIN (j, t->n_spans - 1)]) == LS_TRACE_STATE_RUNNING)
            state = LS_TRACE_STATE_RUNNING;
        }
      states[c] = (guint8) state;
      n_filled++;
      first = next < t->n_spans && t->spans[next].start == c1 ? next : MAX (next, 1) - 1;
    }
  return n_filled;
}

guint
ls_trace_task_get_n_steps (LsTrace *self,
                           gint     task)
{
  g_return_val_if_fail (LS_IS_TRACE (self), 0);

  if (!valid_task (self, task))
    return 0;
  return task_rec (self, task)->n_steps;
}

gboolean
ls_trace_task_get_step (LsTrace *self,
                        gint     task,
                        guint    index,
                        gint64  *time,
                        guint   *line)
{
  const TaskRec *t;

  g_return_val_if_fail (LS_IS_TRACE (self), FALSE);

  if (!valid_task (self, task))
    return FALSE;
  t = task_rec (self, task);
  if (index >= t->n_steps)
    return FALSE;

  if (time != NULL)
    *time = t->steps[index].time;
  if (line != NULL)
    *line = t->steps[index].line;
  return TRUE;
}

gboolean
ls_trace_task_steps_in_range (LsTrace *self,
                              gint     task,
                              gint64   t0,
                              gint64   t1,
                              guint   *first,
                              guint   *last)
{
  const TaskRec *t;

  g_return_val_if_fail (LS_IS_TRACE (self), FALSE);

  if (!valid_task (self, task))
    return FALSE;
  t = task_rec (self, task);
  return points_in_range (t->steps, sizeof *t->steps, t->n_steps, t0, t1, first, last);
}

guint
ls_trace_get_n_objects (LsTrace *self)
{
  g_return_val_if_fail (LS_IS_TRACE (self), 0);
  return self->n_objects;
}

gboolean
ls_trace_get_object (LsTrace       *self,
                     gint           object,
                     LsTraceObject *out)
{
  const ObjectRec *o;

  g_return_val_if_fail (LS_IS_TRACE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (object < 0 || (guint) object >= self->n_objects)
    return FALSE;

  o = &self->objects[object];
  out->id = object;
  out->kind = o->kind;
  out->label = o->label;
  out->capacity = o->capacity;
  out->created = o->created;
  out->n_series = o->n_series;
  return TRUE;
}

guint
ls_trace_object_get_series (LsTrace *self,
                            gint     object,
                            gint    *series,
                            guint    max_series)
{
  guint n = 0;

  g_return_val_if_fail (LS_IS_TRACE (self), 0);

  if (object < 0 || (guint) object >= self->n_objects)
    return 0;

  for (gint id = self->objects[object].first_series;
       id != LS_TRACE_NO_ID && n < max_series;
       id = self->series[id].next_in_object)
    series[n++] = id;

  return n;
}

guint
ls_trace_get_n_series (LsTrace *self)
{
  g_return_val_if_fail (LS_IS_TRACE (self), 0);
  return self->n_series;
}

gboolean
ls_trace_get_series (LsTrace       *self,
                     gint           series,
                     LsTraceSeries *out)
{
  const SeriesRec *s;

  g_return_val_if_fail (LS_IS_TRACE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (series < 0 || (guint) series >= self->n_series)
    return FALSE;

  s = &self->series[series];
  out->id = series;
  out->object = s->object;
  out->name = s->name;
  out->n_samples = s->n;
  return TRUE;
}

gboolean
ls_trace_series_get_sample (LsTrace *self,
                            gint     series,
                            guint    index,
                            gint64  *time,
                            double  *value)
{
  const SeriesRec *s;

  g_return_val_if_fail (LS_IS_TRACE (self), FALSE);

  if (series < 0 || (guint) series >= self->n_series)
    return FALSE;
  s = &self->series[series];
  if (index >= s->n)
    return FALSE;

  if (time != NULL)
    *time = s->time[index];
  if (value != NULL)
    *value = s->value[index];
  return TRUE;
}

gboolean
ls_trace_series_samples_in_range (LsTrace *self,
                                  gint     series,
                                  gint64   t0,
                                  gint64   t1,
                                  guint   *first,
                                  guint   *last)
{
  const SeriesRec *s;
  guint lo, hi;

  g_return_val_if_fail (LS_IS_TRACE (self), FALSE);

  if (series < 0 || (guint) series >= self->n_series || t1 < t0)
    return FALSE;
  s = &self->series[series];

  hi = upper_bound (s->time, sizeof *s->time, s->n, t1);
  if (hi == 0)
    return FALSE;
  lo = upper_bound (s->time, sizeof *s->time, hi, t0);
  lo = lo > 0 ? lo - 1 : 0;

  if (first != NULL)
    *first = lo;
  if (last != NULL)
    *last = hi - 1;
  return TRUE;
}

guint
ls_trace_get_n_flows (LsTrace *self)
{
  g_return_val_if_fail (LS_IS_TRACE (self), 0);
  return self->flows.n;
}

gboolean
ls_trace_get_flow (LsTrace     *self,
                   guint        index,
                   LsTraceFlow *out)
{
  const FlowTable *f;

  g_return_val_if_fail (LS_IS_TRACE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  f = &self->flows;
  if (index >= f->n)
    return FALSE;

  out->kind = f->kind[index];
  out->from_task = f->from[index];
  out->to_task = f->to[index];
  out->time_from = f->time_from[index];
  out->time_to = f->time_to[index];
  out->object = f->object[index];
  return TRUE;
}

guint
ls_trace_get_n_console (LsTrace *self)
{
  g_return_val_if_fail (LS_IS_TRACE (self), 0);
  return self->console.n;
}

gboolean
ls_trace_get_console (LsTrace            *self,
                      guint               index,
                      LsTraceConsoleLine *out)
{
  const NoteTable *c;

  g_return_val_if_fail (LS_IS_TRACE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  c = &self->console;
  if (index >= c->n)
    return FALSE;

  out->time = c->time[index];
  out->task = c->task[index];
  out->stream = c->kind[index];
  out->text = c->text[index];
  return TRUE;
}

gboolean
ls_trace_console_in_range (LsTrace *self,
                           gint64   t0,
                           gint64   t1,
                           guint   *first,
                           guint   *last)
{
  g_return_val_if_fail (LS_IS_TRACE (self), FALSE);
  return points_in_range (self->console.time, sizeof (gint64), self->console.n,
                          t0, t1, first, last);
}

guint
ls_trace_get_n_instants (LsTrace *self)
{
  g_return_val_if_fail (LS_IS_TRACE (self), 0);
  return self->instants.n;
}

gboolean
ls_trace_get_instant (LsTrace        *self,
                      guint           index,
                      LsTraceInstant *out)
{
  const NoteTable *in;

  g_return_val_if_fail (LS_IS_TRACE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  in = &self->instants;
  if (index >= in->n)
    return FALSE;

  out->time = in->time[index];
  out->task = in->task[index];
  out->kind = in->kind[index];
  out->text = in->text[index];
  return TRUE;
}

gboolean
ls_trace_instants_in_range (LsTrace *self,
                            gint64   t0,
                            gint64   t1,
                            guint   *first,
                            guint   *last)
{
  g_return_val_if_fail (LS_IS_TRACE (self), FALSE);
  return points_in_range (self->instants.time, sizeof (gint64), self->instants.n,
                          t0, t1, first, last);
}

static gsize
task_bytes (const TaskRec *t)
{
  return sizeof *t
         + t->cap_spans * sizeof *t->spans
         + t->cap_steps * sizeof *t->steps;
}

static void
add_task_stats (LsTrace       *self,
                const TaskRec *t,
                LsTraceStats  *stats)
{
  for (guint i = 0; i < t->n_spans; i++)
    {
      gint64 end = span_end (t, i);

      if (end == LS_TRACE_TIME_NONE)
        end = MAX (self->now, t->spans[i].start);
      stats->state_time[span_state (&t->spans[i])] += end - t->spans[i].start;
    }

  stats->n_spans += t->n_spans;
  stats->n_steps += t->n_steps;
  stats->bytes += task_bytes (t);
}

void
ls_trace_get_stats (LsTrace      *self,
                    LsTraceStats *stats)
{
  g_return_if_fail (LS_IS_TRACE (self));
  g_return_if_fail (stats != NULL);

  memset (stats, 0, sizeof *stats);
  stats->n_tasks = self->n_tasks;
  stats->n_objects = self->n_objects;
  stats->n_series = self->n_series;
  stats->n_flows = self->flows.n;
  stats->n_console = self->console.n;
  stats->n_instants = self->instants.n;
  stats->n_events = self->n_events;
  stats->now = self->now;

  stats->bytes = sizeof *self
                 + (MAX (self->n_task_chunks, 1u) * TASK_CHUNK - TASK_CHUNK + self->cap_first_chunk - self->n_tasks) * sizeof (TaskRec)
                 + self->cap_objects * sizeof (ObjectRec)
                 + self->cap_series * sizeof (SeriesRec)
                 + self->flows.cap * (2 * sizeof (gint64) + 3 * sizeof (gint32) + 1)
                 + self->console.cap * (sizeof (gint64) + sizeof (gint32) + 1 + sizeof (char *))
                 + self->instants.cap * (sizeof (gint64) + sizeof (gint32) + 1 + sizeof (char *))
                 + self->string_bytes
                 /* the intern table: about two words and a hash per string */
                 + g_hash_table_size (self->strings) * (3 * sizeof (gpointer));

  for (guint i = 0; i < self->n_tasks; i++)
    add_task_stats (self, task_rec (self, (gint) i), stats);

  for (guint i = 0; i < self->n_series; i++)
    {
      stats->n_samples += self->series[i].n;
      stats->bytes += self->series[i].cap * (sizeof (gint64) + sizeof (double));
    }
}

/* Private API for the importer */

gint
_ls_trace_add_task_raw (LsTrace         *self,
                        gint64           created,
                        const char      *name,
                        gint             parent,
                        LsTraceTaskKind  kind,
                        guint            line)
{
  g_assert (LS_IS_TRACE (self));

  if (created < 0 || created > LS_TRACE_TIME_MAX || kind >= LS_TRACE_N_TASK_KINDS
      || !valid_task_or_none (self, parent) || self->n_tasks >= G_MAXINT)
    return LS_TRACE_NO_ID;

  push_task (self, created, name, parent, kind, line);
  self->generation++;
  if (created > self->now)
    self->now = created;
  return (gint) self->n_tasks - 1;
}

gboolean
_ls_trace_task_append_span (LsTrace      *self,
                            gint          task,
                            gint64        start,
                            LsTraceState  state,
                            gint          detail,
                            guint         line)
{
  TaskRec *t;

  g_assert (LS_IS_TRACE (self));

  if (!valid_task (self, task) || state >= LS_TRACE_STATE_DONE || start > LS_TRACE_TIME_MAX)
    return FALSE;
  if (ls_trace_state_waits_on_task (state)
      ? !valid_task_or_none (self, detail)
      : !valid_object_or_none (self, detail))
    return FALSE;
  t = task_rec (self, task);
  if (t->ended != LS_TRACE_TIME_NONE || start < t->created)
    return FALSE;
  if (t->n_spans > 0 && start <= last_start (t))
    return FALSE;

  push_span (self, t, (SpanRec) { start, detail, pack_state_line (state, line) });
  self->generation++;
  if (start > self->now)
    self->now = start;
  return TRUE;
}

gboolean
_ls_trace_task_finish (LsTrace    *self,
                       gint        task,
                       gint64      ended,
                       LsTraceEnd  end,
                       const char *exception)
{
  TaskRec *t;

  g_assert (LS_IS_TRACE (self));

  if (!valid_task (self, task) || end <= LS_TRACE_END_RUNNING || end >= LS_TRACE_N_ENDS)
    return FALSE;
  t = task_rec (self, task);
  if (t->ended != LS_TRACE_TIME_NONE || ended < t->created || ended > LS_TRACE_TIME_MAX)
    return FALSE;
  if (t->n_spans > 0 && ended <= last_start (t))
    return FALSE;

  t->ended = ended;
  t->end = end;
  t->exception = intern (self, exception);
  self->generation++;
  if (ended > self->now)
    self->now = ended;
  return TRUE;
}

gboolean
_ls_trace_task_append_step (LsTrace *self,
                            gint     task,
                            gint64   time,
                            guint    line)
{
  TaskRec *t;

  g_assert (LS_IS_TRACE (self));

  if (!valid_task (self, task) || time < 0 || time > LS_TRACE_TIME_MAX)
    return FALSE;
  t = task_rec (self, task);
  if (t->n_steps > 0 && time <= t->steps[t->n_steps - 1].time)
    return FALSE;

  push_step (self, t, time, line);
  self->generation++;
  if (time > self->now)
    self->now = time;
  return TRUE;
}

gboolean
_ls_trace_series_append (LsTrace *self,
                         gint     series,
                         gint64   time,
                         double   value)
{
  SeriesRec *s;

  g_assert (LS_IS_TRACE (self));

  if (series < 0 || (guint) series >= self->n_series || !isfinite (value)
      || time < 0 || time > LS_TRACE_TIME_MAX)
    return FALSE;
  s = &self->series[series];
  if (s->n > 0 && time < s->time[s->n - 1])
    return FALSE;

  if (s->n > 0 && time == s->time[s->n - 1])
    s->value[s->n - 1] = value;
  else
    series_push (s, time, value);
  s->last_time = time;
  self->generation++;
  if (time > self->now)
    self->now = time;
  return TRUE;
}

const char *
_ls_trace_intern (LsTrace    *self,
                  const char *str)
{
  g_assert (LS_IS_TRACE (self));
  return intern (self, str);
}

void
_ls_trace_add_console_raw (LsTrace       *self,
                           gint64         time,
                           gint           task,
                           LsTraceStream  stream,
                           const char    *text)
{
  g_assert (LS_IS_TRACE (self));
  g_assert (valid_task_or_none (self, task) && stream < LS_TRACE_N_STREAMS && text != NULL);

  note_table_push (self, &self->console, time, task, stream, text);
}

void
_ls_trace_set_n_events (LsTrace *self,
                        guint64  n_events)
{
  g_assert (LS_IS_TRACE (self));
  self->n_events = n_events;
}
