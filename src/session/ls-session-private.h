/* ls-session-private.h: LsSession's instance struct and what its files share
 * (ls-session.c drives the run, ls-session-clock.c keeps its time).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ls-session.h"
#include "ls-asyncio.h"
#include "ls-vm.h"

G_BEGIN_DECLS

/* Three clocks meet here:
 *  - the program's clock: what time.monotonic() and loop.time() read. In the
 *    virtual modes it is the VM's virtual clock, which moves only when the
 *    loop waits or time.sleep() runs. In real mode it is the wall clock since
 *    the start, minus the time spent paused, never below `floor`.
 *  - the paced clock P(t) = anchor_virtual + speed × (t - anchor_wall): how
 *    far virtual time may have gone by wall time t.
 *  - the shown time (the virtual-time property): the program's clock, or
 *    during a paced wait or time.sleep() debt the paced clock, whichever is
 *    lower, so it flows smoothly and never runs ahead of speed × wall time. */
typedef struct
{
  gboolean waiting;           /* the loop waits until `target` */
  double   target;            /* virtual seconds */

  double   anchor_virtual;    /* paced clock */
  gint64   anchor_wall;       /* µs, g_get_monotonic_time() */

  gint64   real_origin;       /* µs at which the real clock read 0 */
  double   real_floor;        /* time.sleep() in real mode moves the clock up to this */

  gboolean paused;
  gint64   paused_at;
  double   paused_virtual;    /* the shown time, frozen */

  gboolean blocked;           /* a step runs across slices */
  gint64   blocked_wall;
  double   blocked_virtual;

  double   final_time;        /* once the VM is gone */
} LsSessionClock;

struct _LsSession
{
  GObject             parent_instance;

  LsSessionState      state;
  LsSessionClockMode  clock_mode;
  double              speed;
  gboolean            blocking;
  gboolean            record_trace;
  LsTrace            *trace;
  int                 exit_status;
  double              notified_time;

  /* the program */
  LsVM               *vm;
  LsCode             *code;           /* pinned until the run starts */
  gint64              budget;         /* VM instructions per slice of a step */
  gboolean            fixed_budget;   /* set by LOOPSCOPE_BUDGET: no adapting */
  guint               batch;          /* callbacks per move of the loop */
  LsRunStatus         status;         /* of the outermost run */
  LsValue             result;         /* what it returned (the main coroutine) */
  gboolean            toplevel_await; /* the body is a coroutine to run as the main task */
  gboolean            main_started;   /* ... and it runs */
  gboolean            suspended;      /* a step or the module body stopped mid-way */
  char               *error_text;     /* to report once the VM is left */
  char               *exit_message;   /* SystemExit's text for stderr */
  gboolean            ended;          /* the program is over: report and tear down */

  /* driving */
  GSource            *source;
  GSource            *starvation_guard;  /* see guard_starvation() */
  gint64              last_dispatch;     /* monotonic µs */
  guint               in_vm;          /* > 0 while the VM runs (stop waits for it) */
  gboolean            stop_requested;
  gboolean            step_pending;   /* a step continues in the next dispatch */
  gboolean            discard_output;
  GString            *scratch;
  GHashTable         *task_hints;     /* runtime task -> trace id + 1 */

  LsSessionClock      clock;
};

/* The session running VM code on this thread (for the VM's hooks). */
LsSession *_ls_session_get_driving        (void);
LsSession *_ls_session_enter_vm           (LsSession          *self);
void       _ls_session_leave_vm           (LsSession          *self,
                                           LsSession          *saved);
/* The trace id of the task running now, or LS_TRACE_NO_ID. */
gint       _ls_session_current_trace_task (LsSession          *self);
LsAsyncioLoop *_ls_session_get_loop       (LsSession          *self);

/* ls-session-clock.c */
void       _ls_session_clock_install      (LsSession          *self,
                                           gboolean            first);
double     _ls_session_clock_now          (LsSession          *self);
double     _ls_session_clock_shown        (LsSession          *self,
                                           gint64              wall);
void       _ls_session_clock_start        (LsSession          *self,
                                           gint64              wall);
void       _ls_session_clock_pause        (LsSession          *self,
                                           gint64              wall);
void       _ls_session_clock_resume       (LsSession          *self,
                                           gint64              wall);
void       _ls_session_clock_set_speed    (LsSession          *self,
                                           double              speed,
                                           gint64              wall);
void       _ls_session_clock_set_mode     (LsSession          *self,
                                           LsSessionClockMode  mode,
                                           gint64              wall);
/* The loop asked to wait @wait seconds. */
void       _ls_session_clock_begin_wait   (LsSession          *self,
                                           LsAsyncioLoop      *loop,
                                           double              wait,
                                           gint64              wall);
/* The wall time (µs) at which the loop may run on: the end of its wait or of
 * a time.sleep() debt; <= @wall when it may run now. */
gint64     _ls_session_clock_ready_at     (LsSession          *self,
                                           gint64              wall);
/* Ends the wait if its time has come (or at once with @jump); FALSE if the
 * loop must still wait. */
gboolean   _ls_session_clock_end_wait     (LsSession          *self,
                                           LsAsyncioLoop      *loop,
                                           gboolean            jump,
                                           gint64              wall);
/* A step runs across slices: in paced mode virtual time flows meanwhile. */
void       _ls_session_clock_set_blocked  (LsSession          *self,
                                           gboolean            blocked,
                                           gint64              wall);
void       _ls_session_clock_flow_blocked (LsSession          *self,
                                           gint64              wall);
/* After a step while paused: the shown time catches up with the program's. */
void       _ls_session_clock_sync_paused  (LsSession          *self);
/* The VM is about to go: remember the time it reached. */
void       _ls_session_clock_finish       (LsSession          *self,
                                           gint64              wall);

G_END_DECLS
