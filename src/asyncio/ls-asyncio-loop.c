/* ls-asyncio-loop.c: the event loop: ready queue, timer heap, _run_once,
 * and the driver hosts run it with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One iteration is CPython's BaseEventLoop._run_once: drop cancelled timers
 * (rebuilding the heap when more than 100 are pending and over half of them
 * are cancelled), wait until the first timer is due (or not at all when a
 * callback is ready), move every timer due within the clock resolution
 * (1e-09 s) to the ready queue, then run the callbacks that were ready at
 * that point, and only those. Here that iteration is a small state machine
 * (LsLoopPhase) so the host can run it in slices: stop after any callback,
 * and come back to a task step that ran out of budget mid-way.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ls-asyncio-private.h"

#define MIN_SCHEDULED_TIMER_HANDLES 100
#define MIN_CANCELLED_TIMER_HANDLES_FRACTION 0.5
#define MAXIMUM_SELECT_TIMEOUT (24.0 * 3600.0)
#define CLOCK_RESOLUTION 1e-09

/* ------------------------------------------------------ the object */

/* Ready-queue entries are handles, or tasks standing for their own next
 * step without a handle: a plain step (the task), or the wake-up by the
 * future it waits for (the task with this bit set; the future is its
 * fut_waiter until that step). Most callbacks of a run are these two. */
#define READY_WAKEUP ((guintptr) 1)

static inline LsCData *
ready_object (LsCData *entry)
{
  return (LsCData *) ((guintptr) entry & ~READY_WAKEUP);
}

void
_ls_asyncio_loop_trace (LsVM          *vm,
                        LsAsyncioLoop *l)
{
  for (gsize i = 0; i < l->ready_len; i++)
    ls_gc_mark_obj (vm, ready_object (l->ready[(l->ready_head + i) & (l->ready_cap - 1)]));
  for (gsize i = 0; i < l->n_timers; i++)
    ls_gc_mark_obj (vm, l->timers[i].item);
  for (gsize i = 0; i < l->n_spare; i++)
    ls_gc_mark_obj (vm, l->spare[i]);
  ls_gc_mark_obj (vm, l->current_handle);
  ls_gc_mark_obj (vm, l->stepping);
  ls_gc_mark_value (vm, l->current_task);
  ls_gc_mark_value (vm, l->exception_handler);
  ls_gc_mark_value (vm, l->loop_error);
  ls_gc_mark_value (vm, l->asyncgens);
  ls_gc_mark_value (vm, l->old_firstiter);
  ls_gc_mark_value (vm, l->old_finalizer);
  ls_gc_mark_value (vm, l->task_factory);
}

static void
loop_trace (LsVM    *vm,
            LsCData *self)
{
  _ls_asyncio_loop_trace (vm, LS_LOOP (self));
}

static void
loop_finalize (LsVM    *vm,
               LsCData *self)
{
  LsAsyncioLoop *l = LS_LOOP (self);

  g_clear_pointer (&l->ready, g_free);
  g_clear_pointer (&l->timers, g_free);
  g_clear_pointer (&l->spare, g_free);
}

static const LsCDataClass loop_class = {
  "Loop", loop_trace, loop_finalize, NULL, NULL,
};

/* ----------------------------------------------- ready queue, heap */

static void
ready_push (LsAsyncioLoop *l,
            LsCData       *handle)
{
  if (l->ready_len == l->ready_cap)
    {
      gsize cap = l->ready_cap ? l->ready_cap * 2 : 64;
      LsCData **n = g_new (LsCData *, cap);
      for (gsize i = 0; i < l->ready_len; i++)
        n[i] = l->ready[(l->ready_head + i) & (l->ready_cap - 1)];
      g_free (l->ready);
      l->ready = n;
      l->ready_head = 0;
      l->ready_cap = cap;
    }
  l->ready[(l->ready_head + l->ready_len) & (l->ready_cap - 1)] = handle;   /* cap: a power of 2 */
  l->ready_len++;
}

static LsCData *
ready_pop (LsAsyncioLoop *l)
{
  LsCData *h = l->ready[l->ready_head];

  l->ready_head = (l->ready_head + 1) & (l->ready_cap - 1);
  l->ready_len--;
  return h;
}

/* A task's steps and wake-ups are the loop's own handles: no Python code
 * ever sees them, so once run they are kept for the next one instead of
 * becoming garbage (a task's life is a string of them). */
#define MAX_SPARE_HANDLES 256

static void
recycle_handle (LsAsyncioLoop *l,
                LsCData       *handle)
{
  LsAsyncioHandle *h = LS_HANDLE (handle);

  if (!h->recycle || l->n_spare >= MAX_SPARE_HANDLES)
    return;
  h->a = LS_UNDEF;
  h->b = LS_UNDEF;
  if (l->n_spare == l->cap_spare)
    {
      l->cap_spare = l->cap_spare ? l->cap_spare * 2 : 16;
      l->spare = g_renew (LsCData *, l->spare, l->cap_spare);
    }
  l->spare[l->n_spare++] = handle;
}

LsCData *
_ls_asyncio_call_soon (LsCData      *loop,
                       LsHandleKind  kind,
                       LsValue       a,
                       LsValue       b)
{
  LsAsyncioLoop *l = LS_LOOP (loop);
  gboolean own = kind == LS_HANDLE_TASK_STEP || kind == LS_HANDLE_TASK_WAKEUP;
  LsCData *h;

  /* A plain step and the usual wake-up need no handle (see READY_WAKEUP). */
  if (kind == LS_HANDLE_TASK_STEP && LS_IS_UNDEF (b))
    {
      h = (LsCData *) LS_AS_OBJ (a);
      ready_push (l, h);
      return h;
    }
  if (kind == LS_HANDLE_TASK_WAKEUP && LS_IS_OBJ (b)
      && LS_FUTURE ((LsCData *) LS_AS_OBJ (a))->fut_waiter == LS_AS_OBJ (b))
    {
      h = (LsCData *) LS_AS_OBJ (a);
      ready_push (l, (LsCData *) ((guintptr) h | READY_WAKEUP));
      return h;
    }
  if (own && l->n_spare > 0)
    {
      LsAsyncioHandle *p;

      h = l->spare[--l->n_spare];
      p = LS_HANDLE (h);
      p->kind = (guint8) kind;
      p->cancelled = FALSE;
      p->a = a;
      p->b = b;
    }
  else
    {
      h = _ls_asyncio_handle_new (l->st, loop, kind, a, b, FALSE);
      LS_HANDLE (h)->recycle = (guint8) own;
    }
  ready_push (l, h);
  return h;
}

void
_ls_asyncio_schedule_timer (LsCData *loop,
                            LsCData *timer,
                            double   when)
{
  LsAsyncioLoop *l = LS_LOOP (loop);
  LsHeapEntry e = { when, timer };

  LS_HANDLE (timer)->loop = loop;
  LS_HANDLE (timer)->when = when;
  if (l->n_timers == l->cap_timers)
    {
      l->cap_timers = l->cap_timers ? l->cap_timers * 2 : 64;
      l->timers = g_renew (LsHeapEntry, l->timers, l->cap_timers);
    }
  _ls_heap_push (l->timers, &l->n_timers, e);
  LS_HANDLE (timer)->scheduled = TRUE;
}

LsCData *
_ls_asyncio_call_at (LsCData      *loop,
                     double        when,
                     LsHandleKind  kind,
                     LsValue       a,
                     LsValue       b)
{
  LsCData *h = _ls_asyncio_handle_new (LS_LOOP (loop)->st, loop, kind, a, b, TRUE);

  _ls_asyncio_schedule_timer (loop, h, when);
  return h;
}

void
_ls_asyncio_timer_cancelled (LsCData *loop,
                             LsCData *handle)
{
  if (LS_HANDLE (handle)->scheduled)
    LS_LOOP (loop)->timer_cancelled_count++;
}

/* ---------------------------------------------------- one iteration */

static double
loop_time (LsAsyncioLoop *l)
{
  return _ls_asyncio_now (l->st);
}

static void
drop_cancelled_timers (LsAsyncioLoop *l)
{
  if (l->n_timers > MIN_SCHEDULED_TIMER_HANDLES
      && (double) l->timer_cancelled_count / (double) l->n_timers > MIN_CANCELLED_TIMER_HANDLES_FRACTION)
    {
      gsize kept = 0;
      for (gsize i = 0; i < l->n_timers; i++)
        {
          LsAsyncioHandle *h = LS_HANDLE ((LsCData *) l->timers[i].item);
          if (h->cancelled)
            h->scheduled = FALSE;
          else
            l->timers[kept++] = l->timers[i];
        }
      l->n_timers = kept;
      _ls_heap_heapify (l->timers, l->n_timers);
      l->timer_cancelled_count = 0;
      return;
    }
  while (l->n_timers > 0 && LS_HANDLE ((LsCData *) l->timers[0].item)->cancelled)
    {
      LsHeapEntry e;
      l->timer_cancelled_count--;
      e = _ls_heap_pop (l->timers, &l->n_timers);
      LS_HANDLE ((LsCData *) e.item)->scheduled = FALSE;
    }
}

/* The first half of _run_once, up to the select(): FALSE when the host must
 * wait (LS_PHASE_WAITING) or the loop would block forever (loop_error). */
static gboolean
begin_iteration (LsAsyncioLoop *l)
{
  LsVM *vm = l->st->vm;
  double timeout;

  drop_cancelled_timers (l);
  if (l->ready_len > 0 || l->stopping)
    timeout = 0;
  else if (l->n_timers > 0)
    {
      timeout = l->timers[0].when - loop_time (l);
      timeout = MIN (MAX (0, timeout), MAXIMUM_SELECT_TIMEOUT);
    }
  else
    {
      LsValue msg = ls_str_value (vm, "event loop would block forever (nothing ready, no timer pending)");
      l->loop_error = ls_exc_new (vm, LS_EXC (vm, RUNTIME_ERROR), &msg, 1);
      return FALSE;
    }
  if (timeout > 0)
    {
      if (!l->auto_advance)
        {
          l->pending_wait = timeout;
          l->phase = LS_PHASE_WAITING;
          return FALSE;
        }
      if (vm->clock_data == vm)
        ls_vm_advance_virtual_time (vm, timeout);
      if (l->st->trace != NULL)
        ls_trace_set_now (l->st->trace, _ls_asyncio_trace_now (l->st));
    }
  l->phase = LS_PHASE_TIMERS;
  return TRUE;
}

/* After the wait: every timer due before now + resolution becomes ready. */
static void
collect_due_timers (LsAsyncioLoop *l)
{
  double end_time = loop_time (l) + CLOCK_RESOLUTION;

  while (l->n_timers > 0)
    {
      LsHeapEntry e;
      if (l->timers[0].when >= end_time)
        break;
      e = _ls_heap_pop (l->timers, &l->n_timers);
      LS_HANDLE ((LsCData *) e.item)->scheduled = FALSE;
      ready_push (l, e.item);
    }
  l->ntodo = l->ready_len;
  l->phase = LS_PHASE_RUN;
}

/* ------------------------------------------------- running a handle */

static gboolean
is_fatal (LsVM    *vm,
          LsValue  exc)
{
  return ls_isinstance (vm, exc, LS_EXC (vm, KEYBOARD_INTERRUPT))
         || ls_isinstance (vm, exc, LS_EXC (vm, SYSTEM_EXIT));
}

/* An exception escaped a callback: KeyboardInterrupt and SystemExit stop the
 * loop, everything else goes to the exception handler. */
static LsStepResult
callback_failed (LsAsyncioLoop *l,
                 LsCData       *handle)
{
  LsAsyncioState *st = l->st;
  LsVM *vm = st->vm;
  LsValue exc = ls_exc_fetch (vm);
  LsValue r;
  g_autofree char *message = NULL;

  if (is_fatal (vm, exc))
    {
      l->loop_error = exc;
      return LS_STEP_FATAL;
    }
  r = ls_repr (vm, ls_obj (handle));
  if (LS_IS_ERR (r))
    {
      ls_exc_clear (vm);
      message = g_strdup ("Exception in callback");
    }
  else
    {
      const char *s = ls_str_cstr ((LsStr *) LS_AS_OBJ (r));
      const char *sp = strchr (s, ' ');
      gsize len = strlen (s);
      if (sp != NULL && len > 0 && s[len - 1] == '>')
        message = g_strdup_printf ("Exception in callback %.*s", (int) (s + len - 1 - (sp + 1)), sp + 1);
      else
        message = g_strdup_printf ("Exception in callback %s", s);
    }
  _ls_asyncio_report (st, l->obj, message, exc, "handle", ls_obj (handle));
  return LS_STEP_DONE;
}

static void
set_result_unless_cancelled (LsAsyncioState *st,
                             LsValue         fut,
                             LsValue         value)
{
  LsVM *vm = st->vm;

  if (_ls_asyncio_future_exact (st, fut))
    {
      LsCData *cd = (LsCData *) LS_AS_OBJ (fut);
      if (LS_FUTURE (cd)->state == LS_FUT_CANCELLED)
        return;
      if (LS_FUTURE (cd)->state == LS_FUT_PENDING)
        {
          _ls_asyncio_future_set_result (st, cd, value);
          return;
        }
    }
  {
    LsValue c = ls_call_method (vm, fut, ls_str_intern (vm, "cancelled", -1), NULL, 0);
    int t = LS_IS_ERR (c) ? -1 : ls_truthy (vm, c);
    if (t != 0)
      return;
    ls_call_method (vm, fut, ls_str_intern (vm, "set_result", -1), &value, 1);
  }
}

static void
release_waiter (LsAsyncioState *st,
                LsValue         waiter)
{
  LsVM *vm = st->vm;

  if (_ls_asyncio_future_exact (st, waiter))
    {
      LsCData *cd = (LsCData *) LS_AS_OBJ (waiter);
      if (LS_FUTURE (cd)->state == LS_FUT_PENDING)
        _ls_asyncio_future_set_result (st, cd, LS_NONE);
      return;
    }
  {
    LsValue d = ls_call_method (vm, waiter, ls_str_intern (vm, "done", -1), NULL, 0);
    LsValue none = LS_NONE;
    int t = LS_IS_ERR (d) ? -1 : ls_truthy (vm, d);
    if (t != 0)
      return;
    ls_call_method (vm, waiter, ls_str_intern (vm, "set_result", -1), &none, 1);
  }
}

static LsStepResult run_handle_kind (LsAsyncioLoop *l, LsCData *handle, gint64 budget);

static LsStepResult
run_handle (LsAsyncioLoop *l,
            LsCData       *handle,
            gint64         budget)
{
  LsAsyncioState *st = l->st;
  LsAsyncioHandle *h = LS_HANDLE (handle);
  LsStepResult res;

  if (h->is_timer && st->trace != NULL)
    {
      _ls_asyncio_trace_timer (st, handle, TRUE);
      res = run_handle_kind (l, handle, budget);
      _ls_asyncio_trace_timer (st, handle, FALSE);
      return res;
    }
  return run_handle_kind (l, handle, budget);
}

static LsStepResult
run_handle_kind (LsAsyncioLoop *l,
                 LsCData       *handle,
                 gint64         budget)
{
  LsAsyncioState *st = l->st;
  LsVM *vm = st->vm;
  LsAsyncioHandle *h = LS_HANDLE (handle);
  LsValue r;

  switch ((LsHandleKind) h->kind)
    {
    case LS_HANDLE_TASK_STEP:
      return _ls_asyncio_task_step (st, (LsCData *) LS_AS_OBJ (h->a), h->b, budget);
    case LS_HANDLE_TASK_WAKEUP:
      return _ls_asyncio_task_wakeup (st, (LsCData *) LS_AS_OBJ (h->a), h->b, budget);
    case LS_HANDLE_SET_RESULT:
      set_result_unless_cancelled (st, h->a, h->b);
      break;
    case LS_HANDLE_RELEASE:
      release_waiter (st, h->a);
      break;
    case LS_HANDLE_CALL1:
      if (_ls_asyncio_wakeup_task (h->a) != NULL)
        return _ls_asyncio_task_wakeup (st, _ls_asyncio_wakeup_task (h->a), h->b, budget);
      r = ls_call (vm, h->a, &h->b, 1, NULL);
      if (LS_IS_ERR (r))
        return callback_failed (l, handle);
      break;
    case LS_HANDLE_CALL:
      {
        LsTuple *args = (LsTuple *) LS_AS_OBJ (h->b);
        r = ls_call (vm, h->a, args->items, (int) args->len, NULL);
        if (LS_IS_ERR (r))
          return callback_failed (l, handle);
      }
      break;
    }
  if (!LS_IS_UNDEF (vm->exc))
    return callback_failed (l, handle);
  return LS_STEP_DONE;
}

/* ---------------------------------------------------------- driving */

static LsAsyncioStatus
after_step (LsAsyncioLoop *l,
            LsStepResult   r)
{
  if (r == LS_STEP_SUSPENDED)
    return LS_ASYNCIO_SUSPENDED;
  if (r == LS_STEP_FATAL)
    {
      l->current_handle = NULL;
      return LS_ASYNCIO_ERROR;
    }
  if (l->current_handle != NULL)
    recycle_handle (l, l->current_handle);
  l->current_handle = NULL;
  return LS_ASYNCIO_SLICE;   /* go on */
}

LsAsyncioStatus
ls_asyncio_drive (LsAsyncioLoop *l,
                  gint64         budget,
                  guint          max_callbacks,
                  double        *wait)
{
  guint n = 0;

  g_return_val_if_fail (l != NULL, LS_ASYNCIO_ERROR);
  if (!LS_IS_UNDEF (l->loop_error))
    return LS_ASYNCIO_ERROR;
  if (!l->running)
    return LS_ASYNCIO_STOPPED;
  for (;;)
    {
      LsAsyncioStatus s;
      LsCData *h;

      if (l->stepping != NULL)
        {
          s = after_step (l, _ls_asyncio_task_resume (l->st, l->stepping, budget));
          if (s != LS_ASYNCIO_SLICE)
            return s;
          n++;
          continue;
        }
      switch ((LsLoopPhase) l->phase)
        {
        case LS_PHASE_START:
          if (!begin_iteration (l))
            {
              if (!LS_IS_UNDEF (l->loop_error))
                return LS_ASYNCIO_ERROR;
              if (wait != NULL)
                *wait = l->pending_wait;
              return LS_ASYNCIO_WAIT;
            }
          break;
        case LS_PHASE_WAITING:
          if (wait != NULL)
            *wait = l->pending_wait;
          return LS_ASYNCIO_WAIT;
        case LS_PHASE_TIMERS:
          collect_due_timers (l);
          break;
        case LS_PHASE_RUN:
          if (l->ntodo == 0)
            {
              l->phase = LS_PHASE_START;
              if (l->stopping)
                return LS_ASYNCIO_STOPPED;
              break;
            }
          if (max_callbacks > 0 && n >= max_callbacks)
            return LS_ASYNCIO_SLICE;
          h = ready_pop (l);
          l->ntodo--;
          if ((guintptr) h & READY_WAKEUP)
            {
              LsObj *fut;
              h = ready_object (h);
              fut = LS_FUTURE (h)->fut_waiter;   /* only a step changes it: set (defensive) */
              s = after_step (l, fut == NULL ? _ls_asyncio_task_step (l->st, h, LS_UNDEF, budget)
                                             : _ls_asyncio_task_wakeup (l->st, h, ls_obj (fut), budget));
            }
          else if (_ls_asyncio_is_future_cdata (h))
            s = after_step (l, _ls_asyncio_task_step (l->st, h, LS_UNDEF, budget));
          else if (LS_HANDLE (h)->cancelled)
            break;
          else
            {
              l->current_handle = h;
              s = after_step (l, run_handle (l, h, budget));
            }
          if (s != LS_ASYNCIO_SLICE)
            return s;
          n++;
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

void
ls_asyncio_loop_end_wait (LsAsyncioLoop *l,
                          gboolean       advance_clock)
{
  LsVM *vm = l->st->vm;

  if (l->phase != LS_PHASE_WAITING)
    return;
  if (advance_clock)
    ls_vm_advance_virtual_time (vm, l->pending_wait);
  l->pending_wait = 0;
  l->phase = LS_PHASE_TIMERS;
}

void
ls_asyncio_loop_set_auto_advance (LsAsyncioLoop *l,
                                  gboolean       auto_advance)
{
  l->auto_advance = (guint8) auto_advance;
}

double
ls_asyncio_loop_time (LsAsyncioLoop *l)
{
  return loop_time (l);
}

double
ls_asyncio_loop_next_deadline (LsAsyncioLoop *l)
{
  if (l->ready_len > 0 || l->stepping != NULL || l->phase == LS_PHASE_RUN)
    return 0;
  for (gsize i = 0; i < l->n_timers; i++)
    if (!LS_HANDLE ((LsCData *) l->timers[i].item)->cancelled)
      return MAX (0, l->timers[0].when - loop_time (l));
  return -1;
}

LsValue
ls_asyncio_loop_current_task (LsAsyncioLoop *l)
{
  return l->current_task;
}

void
ls_asyncio_loop_abandon (LsAsyncioLoop *l)
{
  if (l->stepping == NULL)
    return;
  ls_vm_abandon (l->st->vm);
  l->stepping = NULL;
  l->current_handle = NULL;
  l->current_task = LS_UNDEF;
}

/* Like run_forever(): the loop's hooks see the async generators iterated
 * while it runs (to close them in tasks of their own), then the old ones
 * come back. */
static void
install_asyncgen_hooks (LsAsyncioLoop *l)
{
  LsVM *vm = l->st->vm;
  LsValue first = ls_getattr_opt (vm, ls_obj (l->obj), ls_str_intern (vm, "_asyncgen_firstiter_hook", -1));
  LsValue fin = ls_getattr_opt (vm, ls_obj (l->obj), ls_str_intern (vm, "_asyncgen_finalizer_hook", -1));

  ls_exc_clear (vm);
  ls_vm_get_asyncgen_hooks (vm, &l->old_firstiter, &l->old_finalizer);
  ls_vm_set_asyncgen_hooks (vm, LS_IS_UNDEF (first) ? LS_NONE : first, LS_IS_UNDEF (fin) ? LS_NONE : fin);
}

LsValue
_ls_asyncio_loop_begin_run (LsCData *loop)
{
  LsAsyncioLoop *l = LS_LOOP (loop);
  LsVM *vm = l->st->vm;

  if (l->closed)
    return ls_raise (vm, LS_EXC_RUNTIME_ERROR, "Event loop is closed");
  if (l->running)
    return ls_raise (vm, LS_EXC_RUNTIME_ERROR, "This event loop is already running");
  if (!LS_IS_UNDEF (l->st->running_loop))
    return ls_raise (vm, LS_EXC_RUNTIME_ERROR,
                     "Cannot run the event loop while another loop is running");
  l->running = TRUE;
  l->loop_error = LS_UNDEF;
  l->st->running_loop = ls_obj (loop);
  install_asyncgen_hooks (l);
  return LS_NONE;
}

void
_ls_asyncio_loop_end_run (LsCData *loop)
{
  LsAsyncioLoop *l = LS_LOOP (loop);

  l->stopping = FALSE;
  l->running = FALSE;
  ls_vm_set_asyncgen_hooks (l->st->vm, LS_IS_UNDEF (l->old_firstiter) ? LS_NONE : l->old_firstiter,
                            LS_IS_UNDEF (l->old_finalizer) ? LS_NONE : l->old_finalizer);
  l->old_firstiter = LS_UNDEF;
  l->old_finalizer = LS_UNDEF;
  if (l->phase == LS_PHASE_WAITING)
    l->phase = LS_PHASE_TIMERS;
  if (ls_is (l->st->running_loop, ls_obj (loop)))
    l->st->running_loop = LS_UNDEF;
}

gboolean
_ls_asyncio_run_inline (LsCData *loop)
{
  LsAsyncioLoop *l = LS_LOOP (loop);
  gboolean saved = l->auto_advance;
  LsAsyncioStatus s;

  l->auto_advance = TRUE;
  do
    s = ls_asyncio_drive (l, -1, 0, NULL);
  while (s != LS_ASYNCIO_STOPPED && s != LS_ASYNCIO_ERROR);
  l->auto_advance = saved;
  return s == LS_ASYNCIO_STOPPED;
}

/* ------------------------------------------------- Python methods */

static LsAsyncioLoop *
loop_of (LsVM    *vm,
         LsValue  self)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);

  if (!_ls_asyncio_is_loop (st, self))
    {
      ls_raise (vm, LS_EXC_TYPE_ERROR, "an event loop was expected, got %s", ls_type_name (vm, self));
      return NULL;
    }
  return LS_LOOP ((LsCData *) LS_AS_OBJ (self));
}

#define LOOP_OR_FAIL(l, self)               \
  LsAsyncioLoop *l = loop_of (vm, self);    \
  if (l == NULL)                            \
    return LS_ERR

static LsValue
check_closed (LsVM          *vm,
              LsAsyncioLoop *l)
{
  if (l->closed)
    return ls_raise (vm, LS_EXC_RUNTIME_ERROR, "Event loop is closed");
  return LS_NONE;
}

static LsValue
loop_ctor (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsAsyncioState *st = _ls_asyncio_state (vm);
  LsCData *cd = ls_cdata_new (vm, (LsType *) LS_AS_OBJ (self));
  LsAsyncioLoop *l = LS_LOOP (cd);

  l->st = st;
  l->obj = cd;
  l->auto_advance = TRUE;
  l->current_task = LS_UNDEF;
  l->exception_handler = LS_NONE;
  l->loop_error = LS_UNDEF;
  l->asyncgens = ls_obj (ls_list_new (vm, 0));
  l->task_factory = LS_NONE;
  return ls_obj (cd);
}

static LsValue
loop_init (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  return LS_NONE;
}

static LsValue
loop_time_method (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LOOP_OR_FAIL (l, self);
  return ls_float (loop_time (l));
}

/* The (callback, *args) part of call_soon/call_later/call_at: a new args tuple. */
static LsValue
callback_args (LsVM          *vm,
               const char    *fname,
               const LsValue *args,
               int            nargs,
               LsTuple       *kw,
               int            skip)
{
  if (kw != NULL)
    for (gsize i = 0; i < kw->len; i++)
      if (strcmp (ls_str_cstr ((LsStr *) LS_AS_OBJ (kw->items[i])), "context") != 0)
        return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() got an unexpected keyword argument '%s'", fname,
                         ls_str_cstr ((LsStr *) LS_AS_OBJ (kw->items[i])));
  if (nargs < skip + 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "%s() missing required argument", fname);
  return ls_obj (ls_tuple_from (vm, args + skip + 1, (gsize) (nargs - skip - 1)));
}

static LsValue
loop_call_soon (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsValue cbargs;
  LOOP_OR_FAIL (l, self);

  if (LS_IS_ERR (check_closed (vm, l)))
    return LS_ERR;
  cbargs = callback_args (vm, "call_soon", args, nargs, kw, 0);
  if (LS_IS_ERR (cbargs))
    return cbargs;
  return ls_obj (_ls_asyncio_call_soon (l->obj, LS_HANDLE_CALL, args[0], cbargs));
}

static LsValue
call_at_value (LsVM          *vm,
               LsAsyncioLoop *l,
               LsValue        when,
               const LsValue *args,
               int            nargs,
               LsTuple       *kw,
               const char    *fname)
{
  LsValue cbargs;
  double w;

  if (LS_IS_ERR (check_closed (vm, l)))
    return LS_ERR;
  cbargs = callback_args (vm, fname, args, nargs, kw, 1);
  if (LS_IS_ERR (cbargs))
    return cbargs;
  if (LS_IS_FLOAT (when))
    w = LS_AS_FLOAT (when);
  else if (LS_IS_INTLIKE (when))
    w = (double) LS_AS_INT (when);
  else
    {
      LsValue f = ls_call (vm, ls_obj (vm->types[LS_T_FLOAT]), &when, 1, NULL);
      if (LS_IS_ERR (f))
        return f;
      w = LS_AS_FLOAT (f);
    }
  return ls_obj (_ls_asyncio_call_at (l->obj, w, LS_HANDLE_CALL, args[1], cbargs));
}

static LsValue
loop_call_later (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsValue when;
  LOOP_OR_FAIL (l, self);

  if (nargs < 2)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "call_later() missing required argument");
  if (LS_IS_NONE (args[0]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "delay must not be None");
  when = ls_binary_op (vm, ls_float (loop_time (l)), args[0], LS_BINOP_ADD);
  if (LS_IS_ERR (when))
    return when;
  return call_at_value (vm, l, when, args, nargs, kw, "call_later");
}

static LsValue
loop_call_at (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LOOP_OR_FAIL (l, self);

  if (nargs < 2)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "call_at() missing required argument");
  if (LS_IS_NONE (args[0]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "when cannot be None");
  return call_at_value (vm, l, args[0], args, nargs, kw, "call_at");
}

static LsValue
loop_create_future (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LOOP_OR_FAIL (l, self);
  return ls_obj (_ls_asyncio_future_new (l->st, l->obj));
}

static LsValue
loop_create_task (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsValue a[3] = { LS_UNDEF, LS_NONE, LS_NONE };
  LsCData *task;
  LOOP_OR_FAIL (l, self);

  if (!ls_parse_args (vm, "create_task", "coro|$name,context", args, nargs, kw, a))
    return LS_ERR;
  if (LS_IS_ERR (check_closed (vm, l)))
    return LS_ERR;
  if (!LS_IS_NONE (l->task_factory))
    {
      LsValue fa[2] = { self, a[0] };
      LsValue t = ls_call (vm, l->task_factory, fa, 2, NULL);
      if (LS_IS_ERR (t) || LS_IS_NONE (a[1]))
        return t;
      if (LS_IS_ERR (ls_call_method (vm, t, ls_str_intern (vm, "set_name", -1), &a[1], 1)))
        return LS_ERR;
      return t;
    }
  task = _ls_asyncio_task_new (l->st, l->obj, a[0], a[1]);
  return task != NULL ? ls_obj (task) : LS_ERR;
}

static LsValue
loop_stop (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LOOP_OR_FAIL (l, self);
  l->stopping = TRUE;
  return LS_NONE;
}

static LsValue
loop_is_running (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LOOP_OR_FAIL (l, self);
  return ls_bool (l->running);
}

static LsValue
loop_is_closed (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LOOP_OR_FAIL (l, self);
  return ls_bool (l->closed);
}

static LsValue
loop_check_closed (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LOOP_OR_FAIL (l, self);
  return check_closed (vm, l);
}

static LsValue
loop_close (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LOOP_OR_FAIL (l, self);

  if (l->running)
    return ls_raise (vm, LS_EXC_RUNTIME_ERROR, "Cannot close a running event loop");
  if (l->closed)
    return LS_NONE;
  _ls_asyncio_report_unretrieved (l->st, l->obj);
  l->closed = TRUE;
  l->ready_len = 0;
  l->ready_head = 0;
  l->n_timers = 0;
  l->timer_cancelled_count = 0;
  l->phase = LS_PHASE_START;
  return LS_NONE;
}

static LsValue
loop_get_debug (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LOOP_OR_FAIL (l, self);
  return ls_bool (l->debug);
}

static LsValue
loop_set_debug (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  int t;
  LOOP_OR_FAIL (l, self);

  if (nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "set_debug() takes exactly one argument");
  t = ls_truthy (vm, args[0]);
  if (t < 0)
    return LS_ERR;
  l->debug = (guint8) t;
  return LS_NONE;
}

static LsValue
loop_get_exception_handler (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LOOP_OR_FAIL (l, self);
  return l->exception_handler;
}

static LsValue
loop_set_exception_handler (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LOOP_OR_FAIL (l, self);
  if (nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "set_exception_handler() takes exactly one argument");
  l->exception_handler = args[0];
  return LS_NONE;
}

static LsValue
loop_get_task_factory (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LOOP_OR_FAIL (l, self);
  return l->task_factory;
}

static LsValue
loop_set_task_factory (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LOOP_OR_FAIL (l, self);
  if (nargs != 1)
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "set_task_factory() takes exactly one argument");
  l->task_factory = args[0];
  return LS_NONE;
}

static LsValue
loop_asyncgens (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LOOP_OR_FAIL (l, self);
  return l->asyncgens;
}

/* run_forever()'s core: a host call when possible, else the loop runs here. */
static LsValue
loop_run_forever (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LsValue r;
  LOOP_OR_FAIL (l, self);

  r = _ls_asyncio_loop_begin_run (l->obj);
  if (LS_IS_ERR (r))
    return r;
  if (ls_vm_can_hostcall (vm, loop_run_forever))
    return ls_vm_request_hostcall (vm, self);
  if (!_ls_asyncio_run_inline (l->obj))
    {
      LsValue err = l->loop_error;
      l->loop_error = LS_UNDEF;
      _ls_asyncio_loop_end_run (l->obj);
      return ls_raise_value (vm, err);
    }
  _ls_asyncio_loop_end_run (l->obj);
  return LS_NONE;
}

static LsValue
loop_repr (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  LOOP_OR_FAIL (l, self);
  return ls_obj (ls_str_printf (vm, "<%s running=%s closed=%s debug=%s>", ls_type_name (vm, self),
                                l->running ? "True" : "False", l->closed ? "True" : "False",
                                l->debug ? "True" : "False"));
}

void
_ls_asyncio_loop_init_types (LsAsyncioState *st)
{
  LsVM *vm = st->vm;
  LsType *t = ls_type_new_builtin (vm, "BaseEventLoop", NULL, LS_OBJ_CDATA);
  static const struct { const char *name; LsNativeFn fn; } methods[] = {
    { "__init__", loop_init },
    { "time", loop_time_method },
    { "call_soon", loop_call_soon },
    { "call_soon_threadsafe", loop_call_soon },
    { "call_later", loop_call_later },
    { "call_at", loop_call_at },
    { "create_future", loop_create_future },
    { "create_task", loop_create_task },
    { "stop", loop_stop },
    { "is_running", loop_is_running },
    { "is_closed", loop_is_closed },
    { "_check_closed", loop_check_closed },
    { "close", loop_close },
    { "get_debug", loop_get_debug },
    { "set_debug", loop_set_debug },
    { "get_exception_handler", loop_get_exception_handler },
    { "set_exception_handler", loop_set_exception_handler },
    { "get_task_factory", loop_get_task_factory },
    { "set_task_factory", loop_set_task_factory },
    { "_asyncgens_list", loop_asyncgens },
    { "_run_forever", loop_run_forever },
    { "__repr__", loop_repr },
  };

  t->module = ls_str_intern (vm, "asyncio.base_events", -1);
  t->cdata_class = &loop_class;
  t->cdata_size = sizeof (LsAsyncioLoop);
  t->ctor = loop_ctor;
  for (gsize i = 0; i < G_N_ELEMENTS (methods); i++)
    ls_type_add_method (vm, t, methods[i].name, methods[i].fn);
  st->loop_type = t;
}
