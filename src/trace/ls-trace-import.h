/* ls-trace-import.h: reading a trace saved by ls_trace_export_chrome_json().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is untrusted: anything malformed, inconsistent or out of range
 * gives an LS_TRACE_ERROR (G_FILE_ERROR when it cannot be read), never a crash.
 */
#pragma once

#include "ls-trace.h"

G_BEGIN_DECLS

/* Returns: (transfer full) (nullable): the trace, or NULL with @error set. */
LsTrace *ls_trace_import_chrome_json      (const char  *path,
                                           GError     **error);
LsTrace *ls_trace_import_chrome_json_data (const char  *data,
                                           gssize       len,
                                           GError     **error);

G_END_DECLS
