/* ls-session-clock.c: a session's time in its three clock modes, and what
 * time.sleep() does to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The virtual modes keep the VM's own virtual clock, moved only by the loop's
 * waits (by exactly the time the loop asked to wait, as the reference runner
 * does) and by time.sleep(); paced mode merely holds the loop back until the
 * paced clock reaches the next deadline. See ls-session-private.h for the
 * three clocks.
 */
#include "config.h"

#include "ls-session-private.h"

#include <math.h>

#define USEC_PER_SEC 1e6

/* A paced run that fell this far behind (a slow machine, a long slice) stops
 * trying to catch up instead of rushing through the backlog. */
#define PACED_MAX_LAG_SEC 0.05

static double
virtual_now (LsSession *self)
{
  return ls_vm_get_virtual_time (self->vm);
}

/* Wall seconds since the start, not counting pauses. */
static double
real_wall (LsSession *self,
           gint64     wall)
{
  if (self->clock.paused)
    wall = self->clock.paused_at;
  return (double) (wall - self->clock.real_origin) / USEC_PER_SEC;
}

static double
real_now (LsSession *self,
          gint64     wall)
{
  return MAX (real_wall (self, wall), self->clock.real_floor);
}

static double
paced_clock (LsSession *self,
             gint64     wall)
{
  const LsSessionClock *c = &self->clock;

  return c->anchor_virtual + self->speed * (double) (wall - c->anchor_wall) / USEC_PER_SEC;
}

static void
anchor_paced (LsSession *self,
              double     virtual_time,
              gint64     wall)
{
  self->clock.anchor_virtual = virtual_time;
  self->clock.anchor_wall = wall;
}

static void
anchor_blocked (LsSession *self,
                gint64     wall)
{
  self->clock.blocked_virtual = virtual_now (self);
  self->clock.blocked_wall = wall;
}

/* The VM's clock hook in real mode. */
static double
real_clock (gpointer user_data)
{
  return real_now (user_data, g_get_monotonic_time ());
}

/* time.sleep(x): the loop is blocked for x seconds while the task runs on
 * (the runtime records the task as BLOCKING meanwhile). The clock moves by x
 * at once; paced and real modes then hold the loop back until wall time has
 * caught up (_ls_session_clock_ready_at). */
static gboolean
session_sleep (LsVM     *vm,
               double    seconds,
               gpointer  user_data)
{
  LsSession *self = _ls_session_get_driving ();

  if (!(seconds > 0))
    return TRUE;
  if (self == NULL || self->vm != vm || self->clock_mode != LS_SESSION_CLOCK_REAL)
    ls_vm_advance_virtual_time (vm, seconds);
  else
    self->clock.real_floor = real_now (self, g_get_monotonic_time ()) + seconds;
  return TRUE;
}

/* Sets the VM's clock for the mode. The sleep hook is ours the first time;
 * later the runtime may have wrapped it (to trace blocking), so it is kept. */
void
_ls_session_clock_install (LsSession *self,
                           gboolean   first)
{
  LsSleepFunc sleep = first ? session_sleep : self->vm->sleep;

  g_assert (self->vm != NULL);

  /* the virtual modes keep clock_data == vm: the loop then knows the clock */
  if (self->clock_mode == LS_SESSION_CLOCK_REAL)
    ls_vm_set_clock (self->vm, real_clock, sleep, self);
  else
    ls_vm_set_clock (self->vm, NULL, sleep, NULL);
}

double
_ls_session_clock_now (LsSession *self)
{
  if (self->vm == NULL)
    return self->clock.final_time;
  if (self->clock_mode == LS_SESSION_CLOCK_REAL)
    return real_now (self, g_get_monotonic_time ());
  return virtual_now (self);
}

double
_ls_session_clock_shown (LsSession *self,
                         gint64     wall)
{
  const LsSessionClock *c = &self->clock;
  double goal;

  if (self->vm == NULL)
    return c->final_time;
  switch (self->clock_mode)
    {
    case LS_SESSION_CLOCK_INSTANT:
      return virtual_now (self);
    case LS_SESSION_CLOCK_REAL:
      /* the wall clock: a time.sleep() debt is paid as it flows */
      return real_wall (self, wall);
    case LS_SESSION_CLOCK_PACED:
    default:
      if (c->paused)
        return c->paused_virtual;
      goal = c->waiting ? c->target : virtual_now (self);
      return MIN (goal, paced_clock (self, wall));
    }
}

void
_ls_session_clock_start (LsSession *self,
                         gint64     wall)
{
  double t = virtual_now (self);

  anchor_paced (self, t, wall);
  self->clock.real_origin = wall - (gint64) (t * USEC_PER_SEC);
  self->clock.real_floor = t;
  self->clock.paused_virtual = t;
}

void
_ls_session_clock_pause (LsSession *self,
                         gint64     wall)
{
  LsSessionClock *c = &self->clock;

  if (c->paused)
    return;
  _ls_session_clock_flow_blocked (self, wall);
  c->paused_virtual = _ls_session_clock_shown (self, wall);
  c->paused = TRUE;
  c->paused_at = wall;
}

void
_ls_session_clock_resume (LsSession *self,
                          gint64     wall)
{
  LsSessionClock *c = &self->clock;

  if (!c->paused)
    return;
  c->paused = FALSE;
  c->real_origin += wall - c->paused_at;
  anchor_paced (self, c->paused_virtual, wall);
  if (c->blocked)
    anchor_blocked (self, wall);
}

void
_ls_session_clock_set_speed (LsSession *self,
                             double     speed,
                             gint64     wall)
{
  LsSessionClock *c = &self->clock;

  if (self->vm != NULL && !c->paused)
    {
      _ls_session_clock_flow_blocked (self, wall);
      anchor_paced (self, paced_clock (self, wall), wall);
      if (c->blocked)
        anchor_blocked (self, wall);
    }
  self->speed = speed;
}

/* Switches clocks without a jump: the new clock goes on from the time the
 * program's clock reads now. A pending wait is dropped, so the loop computes
 * it afresh against the new clock. */
void
_ls_session_clock_set_mode (LsSession          *self,
                            LsSessionClockMode  mode,
                            gint64              wall)
{
  LsSessionClock *c = &self->clock;
  gint64 at = c->paused ? c->paused_at : wall;
  double now, shown;
  LsAsyncioLoop *loop;

  if (self->vm == NULL)
    {
      self->clock_mode = mode;
      return;
    }
  _ls_session_clock_flow_blocked (self, wall);
  now = _ls_session_clock_now (self);
  shown = _ls_session_clock_shown (self, wall);
  if (now > virtual_now (self))
    ls_vm_advance_virtual_time (self->vm, now - virtual_now (self));

  self->clock_mode = mode;
  c->real_origin = at - (gint64) (shown * USEC_PER_SEC);
  c->real_floor = now;
  anchor_paced (self, shown, at);
  c->paused_virtual = shown;
  if (c->blocked)
    anchor_blocked (self, wall);
  _ls_session_clock_install (self, FALSE);

  loop = _ls_session_get_loop (self);
  if (c->waiting && loop != NULL)
    ls_asyncio_loop_end_wait (loop, FALSE);
  c->waiting = FALSE;
}

void
_ls_session_clock_begin_wait (LsSession     *self,
                              LsAsyncioLoop *loop,
                              double         wait,
                              gint64         wall)
{
  LsSessionClock *c = &self->clock;
  double now = virtual_now (self);

  c->waiting = TRUE;
  c->target = ls_asyncio_loop_time (loop) + wait;
  if (self->clock_mode == LS_SESSION_CLOCK_PACED && !c->paused
      && (paced_clock (self, wall) - now) / self->speed > PACED_MAX_LAG_SEC)
    anchor_paced (self, now, wall);
}

gint64
_ls_session_clock_ready_at (LsSession *self,
                            gint64     wall)
{
  const LsSessionClock *c = &self->clock;
  double goal;

  switch (self->clock_mode)
    {
    case LS_SESSION_CLOCK_PACED:
      goal = c->waiting ? c->target : virtual_now (self);
      if (goal <= paced_clock (self, wall))
        return wall;
      return c->anchor_wall + (gint64) ceil ((goal - c->anchor_virtual) / self->speed * USEC_PER_SEC);
    case LS_SESSION_CLOCK_REAL:
      goal = c->waiting ? MAX (c->target, c->real_floor) : c->real_floor;
      if (goal <= real_wall (self, wall))
        return wall;
      return c->real_origin + (gint64) ceil (goal * USEC_PER_SEC);
    case LS_SESSION_CLOCK_INSTANT:
    default:
      return wall;
    }
}

gboolean
_ls_session_clock_end_wait (LsSession     *self,
                            LsAsyncioLoop *loop,
                            gboolean       jump,
                            gint64         wall)
{
  LsSessionClock *c = &self->clock;

  if (!c->waiting)
    return TRUE;
  if (!jump && _ls_session_clock_ready_at (self, wall) > wall)
    return FALSE;
  c->waiting = FALSE;
  if (self->clock_mode != LS_SESSION_CLOCK_REAL)
    {
      /* exactly the wait the loop asked for, as the reference runner does */
      ls_asyncio_loop_end_wait (loop, TRUE);
      return TRUE;
    }
  if (jump && c->target > real_wall (self, wall))
    c->real_origin -= (gint64) ceil ((c->target - real_wall (self, wall)) * USEC_PER_SEC);
  ls_asyncio_loop_end_wait (loop, FALSE);
  return TRUE;
}

void
_ls_session_clock_set_blocked (LsSession *self,
                               gboolean   blocked,
                               gint64     wall)
{
  if (blocked && !self->clock.blocked)
    anchor_blocked (self, wall);
  self->clock.blocked = blocked;
}

/* A step that will not yield holds the loop in paced mode as it would in a
 * real one: virtual time flows while it runs, and timers fall due late. */
void
_ls_session_clock_flow_blocked (LsSession *self,
                                gint64     wall)
{
  const LsSessionClock *c = &self->clock;
  double t;

  if (!c->blocked || c->paused || self->vm == NULL || self->clock_mode != LS_SESSION_CLOCK_PACED)
    return;
  t = c->blocked_virtual + self->speed * (double) (wall - c->blocked_wall) / USEC_PER_SEC;
  if (t > virtual_now (self))
    ls_vm_advance_virtual_time (self->vm, t - virtual_now (self));
}

void
_ls_session_clock_sync_paused (LsSession *self)
{
  LsSessionClock *c = &self->clock;

  if (self->vm != NULL)
    c->paused_virtual = MAX (c->paused_virtual, virtual_now (self));
}

void
_ls_session_clock_finish (LsSession *self,
                          gint64     wall)
{
  if (self->vm != NULL)
    self->clock.final_time = _ls_session_clock_now (self);
}
