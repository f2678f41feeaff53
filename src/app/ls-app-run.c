/* ls-app-run.c: runs a program to completion on the virtual clock, the way
 * loopscope-run does, but recording into a trace and reporting output to the
 * window's console.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Loopscope"

#include "config.h"

#include "ls-app-run-private.h"
#include "ls-asyncio.h"
#include "ls-vm.h"

#include <string.h>

typedef struct
{
  LsTrace        *trace;
  LsAppRunOutput  output;
  gpointer        user_data;
} RunData;

static void
emit (RunData    *data,
      const char *text,
      gsize       len,
      gboolean    is_error)
{
  g_autofree char *copy = g_strndup (text, len);

  data->output (copy, is_error, ls_trace_time_to_seconds (ls_trace_get_now (data->trace)),
                data->user_data);
}

static void
write_out (const char *text,
           gsize       len,
           gpointer    user_data)
{
  emit (user_data, text, len, FALSE);
}

static void
write_err (const char *text,
           gsize       len,
           gpointer    user_data)
{
  emit (user_data, text, len, TRUE);
}

static LsRunStatus
finish_run (LsVM        *vm,
            LsRunStatus  status,
            LsValue     *out)
{
  while (status == LS_RUN_SUSPENDED || status == LS_RUN_HOSTCALL)
    {
      if (status == LS_RUN_SUSPENDED)
        status = ls_vm_resume (vm, -1, out);
      else
        status = ls_asyncio_run_hostcall (vm, -1, out);
    }
  return status;
}

static void
report_error (LsVM    *vm,
              RunData *data)
{
  int status = 1;
  g_autofree char *message = NULL;
  g_autofree char *report = NULL;

  if (ls_vm_system_exit_status (vm, vm->exc, &status, &message))
    {
      if (message != NULL)
        emit (data, message, strlen (message), TRUE);
      return;
    }
  report = ls_format_exception (vm, vm->exc, NULL);
  emit (data, report, strlen (report), TRUE);
}

gboolean
_ls_app_run_instant (const char     *filename,
                     const char     *source,
                     LsTrace        *trace,
                     LsAppRunOutput  output,
                     gpointer        user_data)
{
  RunData data = { trace, output, user_data };
  LsVM *vm = ls_vm_new ();
  LsSyntaxError *err = NULL;
  LsValue out = LS_NONE;
  LsRunStatus status;
  LsCode *code;

  g_return_val_if_fail (LS_IS_TRACE (trace), FALSE);

  ls_vm_set_output (vm, write_out, write_err, &data);
  ls_asyncio_install (vm, trace);
  ls_trace_set_source (trace, filename, source);
  code = ls_vm_compile (vm, filename, source, -1, LS_COMPILE_TOPLEVEL_AWAIT, &err);
  if (code == NULL)
    {
      g_autofree char *report = ls_vm_format_syntax_error (err);

      emit (&data, report, strlen (report), TRUE);
      ls_syntax_error_free (err);
      ls_vm_free (vm);
      return FALSE;
    }
  status = finish_run (vm, ls_vm_run_main (vm, code, -1, &out), &out);
  if (status == LS_RUN_DONE && (code->flags & LS_CODE_TOPLEVEL_AWAIT))
    status = finish_run (vm, ls_asyncio_run_main_coroutine (vm, out, -1, &out), &out);
  if (status == LS_RUN_ERROR)
    report_error (vm, &data);
  ls_vm_free (vm);
  ls_trace_flush_notify (trace);
  return status != LS_RUN_ERROR;
}
