/* ls-app-run-private.h: a synchronous, instant-mode run of a program into a
 * trace. A stand-in until LsSession (src/session) drives runs from the main
 * loop with paced time, pause and step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ls-trace.h"

G_BEGIN_DECLS

/* Called for each chunk the program writes; @is_error for stderr and
 * tracebacks; @time is the virtual time of the write, in seconds. */
typedef void (*LsAppRunOutput) (const char *text,
                                gboolean    is_error,
                                double      time,
                                gpointer    user_data);

/* Runs @source to the end, recording into @trace. Returns FALSE if the
 * program failed (its traceback went to @output). */
gboolean _ls_app_run_instant (const char     *filename,
                              const char     *source,
                              LsTrace        *trace,
                              LsAppRunOutput  output,
                              gpointer        user_data);

G_END_DECLS
