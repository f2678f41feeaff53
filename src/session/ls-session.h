/* ls-session.h: LsSession, one run of one program, driven by the GLib main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A session owns a VM world, its event loop and its trace. It runs on the
 * thread-default GMainContext of the thread that calls ls_session_start():
 *
 *   LsSession *s = ls_session_new ();
 *   g_signal_connect (s, "output", G_CALLBACK (on_output), NULL);
 *   g_signal_connect (s, "finished", G_CALLBACK (on_finished), NULL);
 *   if (!ls_session_load (s, "prog.py", source, NULL, NULL, &error))
 *     ... error->message is CPython's report of the syntax error ...
 *   ls_session_start (s);
 *   ... run the main loop until "finished" ...
 *
 * Clock modes (design.md, "Runtime and the GLib main loop"):
 *  - instant: virtual time; the program runs in slices of a few milliseconds
 *    and the clock jumps to the next timer when nothing is ready. The output
 *    is exactly CPython's under the reference virtual clock.
 *  - paced: the same virtual clock, released at speed × wall time: a wait
 *    ends at the wall instant its deadline arrives. The program sees the same
 *    times as in instant mode; only a step that will not yield lets virtual
 *    time flow while it runs, as it would in a real loop.
 *  - real: the clock is the monotonic wall clock (frozen while paused).
 *
 * Signals:
 *   started ()                    the run began (start(), or the first step())
 *   progress ()                   it moved on, or its time flowed; at most once
 *                                 per main-loop iteration (a live view's cue)
 *   output (LsTraceStream stream, const char *text, guint length)
 *                                 what the program wrote (text may hold NULs)
 *   error (const char *text)      an uncaught exception, as python3 reports it
 *   finished (int exit_status)    the run is over (LS_SESSION_EXIT_STOPPED
 *                                 when ls_session_stop() ended it)
 * stop() and step() may be called from any handler, even while the VM runs
 * (output): they take effect as soon as it returns.
 *
 * Blocking is shown, never hidden: a task step is cut into slices by an
 * instruction budget, so a `while True: pass` never freezes the main loop;
 * while a step spans several slices "blocking" is TRUE and the task is in the
 * trace's BLOCKING state. time.sleep(x) advances the clock by x while the
 * task keeps running (a BLOCKING span of x seconds).
 */
#pragma once

#include <glib-object.h>

#include "ls-trace.h"

G_BEGIN_DECLS

typedef enum
{
  LS_SESSION_STATE_IDLE,       /* not started (a program may be loaded) */
  LS_SESSION_STATE_RUNNING,
  LS_SESSION_STATE_PAUSED,
  LS_SESSION_STATE_FINISHED,   /* the program ended: exit status 0, or SystemExit */
  LS_SESSION_STATE_FAILED,     /* a syntax error or an uncaught exception */
  LS_SESSION_STATE_STOPPED,    /* ls_session_stop() ended it */
} LsSessionState;

typedef enum
{
  LS_SESSION_CLOCK_INSTANT,
  LS_SESSION_CLOCK_PACED,
  LS_SESSION_CLOCK_REAL,
} LsSessionClockMode;

#define LS_SESSION_ERROR (ls_session_error_quark ())

typedef enum
{
  LS_SESSION_ERROR_SYNTAX,     /* the message is CPython's full report */
  LS_SESSION_ERROR_STATE,      /* the session already has a program */
} LsSessionError;

#define LS_SESSION_MIN_SPEED 0.05
#define LS_SESSION_MAX_SPEED 50.0

/* The exit status "finished" reports for a stopped run. */
#define LS_SESSION_EXIT_STOPPED (-1)

#include "ls-session-enums.h"

#define LS_TYPE_SESSION (ls_session_get_type ())

G_DECLARE_FINAL_TYPE (LsSession, ls_session, LS, SESSION, GObject)

GQuark              ls_session_error_quark      (void);

LsSession          *ls_session_new              (void);

/* Compiles @source (remembered as @filename for tracebacks) after replacing
 * the `# param` literals named in @param_names (NULL-terminated, may be NULL)
 * with @param_values. A syntax error leaves the session FAILED. */
gboolean            ls_session_load             (LsSession           *self,
                                                 const char          *filename,
                                                 const char          *source,
                                                 const char * const  *param_names,
                                                 const char * const  *param_values,
                                                 GError             **error);

void                ls_session_start            (LsSession           *self);
void                ls_session_pause            (LsSession           *self);
void                ls_session_resume           (LsSession           *self);
/* Runs exactly one ready callback (one task step), jumping the clock to the
 * next timer if nothing is ready, then stays paused. */
void                ls_session_step             (LsSession           *self);
/* Ends the run at once, even in the middle of a step. */
void                ls_session_stop             (LsSession           *self);

LsSessionState      ls_session_get_state        (LsSession           *self);
LsSessionClockMode  ls_session_get_clock_mode   (LsSession           *self);
void                ls_session_set_clock_mode   (LsSession           *self,
                                                 LsSessionClockMode   mode);
double              ls_session_get_speed        (LsSession           *self);
void                ls_session_set_speed        (LsSession           *self,
                                                 double               speed);
/* The virtual time the run has reached, in seconds (flows during paced waits). */
double              ls_session_get_virtual_time (LsSession           *self);
/* Returns: (transfer none): the trace; never NULL. */
LsTrace            *ls_session_get_trace        (LsSession           *self);
gboolean            ls_session_get_blocking     (LsSession           *self);
/* Whether the run records a trace (default TRUE); set it before loading. */
gboolean            ls_session_get_record_trace (LsSession           *self);
void                ls_session_set_record_trace (LsSession           *self,
                                                 gboolean             record_trace);
/* The exit status once FINISHED/FAILED/STOPPED, as `python3` would exit. */
int                 ls_session_get_exit_status  (LsSession           *self);

G_END_DECLS
