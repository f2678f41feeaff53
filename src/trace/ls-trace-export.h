/* ls-trace-export.h: writing a trace out (design.md, "Exports").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Chrome trace event JSON, as opened by Perfetto, speedscope and
 * chrome://tracing: one process, one thread per task. Each state span is an
 * "X" event, and the spans of a task never overlap (Perfetto drops slices that
 * do not nest); counters are "C" events, flows "s"/"f" pairs, prints, steps
 * and cancellations "i" instants. A final "loopscope" member holds what the
 * events cannot carry (task ends, object kinds), so ls_trace_import_chrome_json()
 * restores the trace exactly.
 *
 * The ls_trace_export_*() functions write atomically (a temporary file in the
 * same folder, then a rename): a failed export leaves any old file intact.
 */
#pragma once

#include "ls-trace.h"

G_BEGIN_DECLS

/* Returns: (transfer full): NUL-terminated JSON; @len (optional) its length. */
char     *ls_trace_to_chrome_json        (LsTrace     *trace,
                                          gsize       *len);
gboolean  ls_trace_export_chrome_json    (LsTrace     *trace,
                                          const char  *path,
                                          GError     **error);

/* One row per span, tasks in creation order, with a header row. Times are in
 * seconds; an open span ends at "now" and says so in the "open" column. */
char     *ls_trace_to_csv                (LsTrace     *trace,
                                          gsize       *len);
gboolean  ls_trace_export_csv            (LsTrace     *trace,
                                          const char  *path,
                                          GError     **error);

/* What the program printed, stdout and stderr interleaved, one line each. */
char     *ls_trace_to_console_text       (LsTrace     *trace,
                                          gsize       *len);
gboolean  ls_trace_export_console_text   (LsTrace     *trace,
                                          const char  *path,
                                          GError     **error);

G_END_DECLS
