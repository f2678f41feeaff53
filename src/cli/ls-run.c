/* ls-run.c: loopscope-run, the headless runner: runs PROG.py like `python3
 * PROG.py` on the virtual clock and prints what CPython would print.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   loopscope-run PROG.py [--param NAME=VALUE]...
 *
 * Developer knobs (environment): LOOPSCOPE_BUDGET=N runs the program in
 * slices of N instructions (suspending and resuming in between), and
 * LOOPSCOPE_GC_STRESS=1 collects at every safe point; the output must not
 * change with either.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ls-asyncio.h"
#include "ls-lang.h"
#include "ls-params.h"
#include "ls-vm.h"

typedef struct
{
  char      *program;
  GPtrArray *names;
  GPtrArray *values;
} Options;

static void
usage (FILE *out)
{
  fprintf (out, "usage: loopscope-run PROG.py [--param NAME=VALUE]...\n");
}

static gboolean
add_param (Options    *opts,
           const char *spec)
{
  const char *eq = strchr (spec, '=');

  if (eq == NULL || eq == spec)
    {
      fprintf (stderr, "loopscope-run: --param expects NAME=VALUE, got '%s'\n", spec);
      return FALSE;
    }
  g_ptr_array_add (opts->names, g_strndup (spec, (gsize) (eq - spec)));
  g_ptr_array_add (opts->values, g_strdup (eq + 1));
  return TRUE;
}

static gboolean
parse_args (int       argc,
            char    **argv,
            Options  *opts)
{
  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];

      if (strcmp (a, "--help") == 0 || strcmp (a, "-h") == 0)
        {
          usage (stdout);
          exit (0);
        }
      else if (strcmp (a, "--param") == 0)
        {
          if (i + 1 >= argc)
            {
              usage (stderr);
              return FALSE;
            }
          if (!add_param (opts, argv[++i]))
            return FALSE;
        }
      else if (g_str_has_prefix (a, "--param="))
        {
          if (!add_param (opts, a + strlen ("--param=")))
            return FALSE;
        }
      else if (opts->program == NULL && (a[0] != '-' || strcmp (a, "-") == 0))
        opts->program = g_strdup (a);
      else
        {
          fprintf (stderr, "loopscope-run: unknown option '%s'\n", a);
          usage (stderr);
          return FALSE;
        }
    }
  if (opts->program == NULL)
    {
      usage (stderr);
      return FALSE;
    }
  return TRUE;
}

static void
write_stderr_text (const char *text)
{
  fflush (stdout);
  fputs (text, stderr);
  fflush (stderr);
}

/* Runs a status-returning step to completion, resuming after suspensions
 * and running the event loop for asyncio's host calls. */
static LsRunStatus
finish_run (LsVM        *vm,
            LsRunStatus  status,
            gint64       budget,
            LsValue     *out)
{
  while (status == LS_RUN_SUSPENDED || status == LS_RUN_HOSTCALL)
    {
      if (status == LS_RUN_SUSPENDED)
        status = ls_vm_resume (vm, budget, out);
      else
        status = ls_asyncio_run_hostcall (vm, budget, out);
    }
  return status;
}

/* A top-level-await program: its body runs as the main task of asyncio.run(). */
static LsRunStatus
drive_main_coroutine (LsVM    *vm,
                      LsValue  coro,
                      gint64   budget)
{
  LsValue out = LS_NONE;

  return finish_run (vm, ls_asyncio_run_main_coroutine (vm, coro, budget, &out), budget, &out);
}

static int
report_error (LsVM *vm)
{
  LsValue exc = vm->exc;
  int status = 1;
  char *message = NULL;

  if (ls_vm_system_exit_status (vm, exc, &status, &message))
    {
      if (message != NULL)
        {
          write_stderr_text (message);
          write_stderr_text ("\n");
          g_free (message);
        }
      return status;
    }
  {
    g_autofree char *report = ls_format_exception (vm, exc, NULL);
    write_stderr_text (report);
  }
  /* Like CPython after Ctrl+C: the status of a SIGINT death. */
  if (ls_isinstance (vm, exc, LS_EXC (vm, KEYBOARD_INTERRUPT)))
    return 130;
  return 1;
}

static int
run_program (const char *filename,
             const char *source)
{
  LsVM *vm = ls_vm_new ();
  LsSyntaxError *err = NULL;
  LsCode *code;
  LsValue out = LS_NONE;
  LsRunStatus status;
  const char *budget_env = g_getenv ("LOOPSCOPE_BUDGET");
  gint64 budget = budget_env ? g_ascii_strtoll (budget_env, NULL, 10) : -1;
  int rc = 0;

  if (budget == 0)
    budget = -1;
  if (g_strcmp0 (g_getenv ("LOOPSCOPE_GC_STRESS"), "1") == 0)
    vm->gc_stress = TRUE;
  ls_asyncio_install (vm, NULL);

  code = ls_vm_compile (vm, filename, source, -1, LS_COMPILE_TOPLEVEL_AWAIT, &err);
  if (code == NULL)
    {
      g_autofree char *report = ls_vm_format_syntax_error (err);
      write_stderr_text (report);
      ls_syntax_error_free (err);
      ls_vm_free (vm);
      return 1;
    }

  status = finish_run (vm, ls_vm_run_main (vm, code, budget, &out), budget, &out);
  if (status == LS_RUN_DONE && (code->flags & LS_CODE_TOPLEVEL_AWAIT))
    status = drive_main_coroutine (vm, out, budget);
  if (status == LS_RUN_ERROR)
    rc = report_error (vm);
  fflush (stdout);
  ls_vm_free (vm);
  return rc;
}

int
main (int    argc,
      char **argv)
{
  Options opts = { NULL, g_ptr_array_new_with_free_func (g_free),
                   g_ptr_array_new_with_free_func (g_free) };
  g_autofree char *source = NULL;
  g_autoptr (GError) error = NULL;
  int rc;

  setlocale (LC_ALL, "");
  if (!parse_args (argc, argv, &opts))
    return 2;
  if (!g_file_get_contents (opts.program, &source, NULL, &error))
    {
      g_autofree char *abs = g_canonicalize_filename (opts.program, NULL);
      fprintf (stderr, "loopscope-run: can't open file '%s': [Errno 2] No such file or directory\n",
               abs);
      return 2;
    }
  if (opts.names->len > 0)
    {
      char *applied = ls_params_apply (source, opts.names->len,
                                       (const char * const *) opts.names->pdata,
                                       (const char * const *) opts.values->pdata, &error);
      if (applied == NULL)
        {
          fprintf (stderr, "loopscope-run: %s\n", error->message);
          return 2;
        }
      g_free (source);
      source = applied;
    }

  /* stdout is block-buffered like CPython's when it is not a terminal;
   * tracebacks flush it first. */
  rc = run_program (opts.program, source);
  g_free (opts.program);
  g_ptr_array_unref (opts.names);
  g_ptr_array_unref (opts.values);
  return rc;
}
