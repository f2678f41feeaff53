/* ls-run.c: loopscope-run, the headless runner: runs PROG.py like `python3
 * PROG.py` on the virtual clock and prints what CPython would print.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   loopscope-run PROG.py [--param NAME=VALUE]... [--paced SPEED] [--real]
 *                 [--trace FILE.json] [--record-trace]
 *
 * A thin client of LsSession on a GMainLoop: instant mode by default,
 * --paced SPEED releases virtual time at SPEED × wall time, --real runs on the
 * wall clock, --trace writes the run's Chrome trace JSON once it is over.
 * --record-trace records the trace without writing it (what the app does;
 * bench/async-run.sh measures its cost this way).
 *
 * Developer knobs (environment, read by LsSession): LOOPSCOPE_BUDGET=N cuts
 * task steps and the module body into slices of N instructions, and
 * LOOPSCOPE_GC_STRESS=1 collects at every safe point; the output must not
 * change with either.
 */
#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ls-session.h"
#include "ls-trace-export.h"

#define USAGE \
  "usage: loopscope-run PROG.py [--param NAME=VALUE]... [--paced SPEED] [--real]\n" \
  "                     [--trace FILE.json] [--record-trace]\n"

typedef struct
{
  char               *program;
  GPtrArray          *names;     /* NULL-terminated */
  GPtrArray          *values;
  LsSessionClockMode  mode;
  double              speed;
  char               *trace_path;
  gboolean            record_trace;
} Options;

typedef struct
{
  LsSession *session;
  GMainLoop *loop;
  gboolean   interrupted;
} Run;

static void
options_clear (Options *opts)
{
  g_clear_pointer (&opts->program, g_free);
  g_clear_pointer (&opts->names, g_ptr_array_unref);
  g_clear_pointer (&opts->values, g_ptr_array_unref);
  g_clear_pointer (&opts->trace_path, g_free);
}

static gboolean
bad_usage (const char *format,
           const char *arg)
{
  if (format != NULL)
    {
      fputs ("loopscope-run: ", stderr);
      fprintf (stderr, format, arg);
      fputc ('\n', stderr);
    }
  fputs (USAGE, stderr);
  return FALSE;
}

static gboolean
add_param (Options    *opts,
           const char *spec)
{
  const char *eq = strchr (spec, '=');

  if (eq == NULL || eq == spec)
    return bad_usage ("--param expects NAME=VALUE, got '%s'", spec);
  g_ptr_array_add (opts->names, g_strndup (spec, (gsize) (eq - spec)));
  g_ptr_array_add (opts->values, g_strdup (eq + 1));
  return TRUE;
}

static gboolean
set_paced (Options    *opts,
           const char *text)
{
  char *end = NULL;
  double speed = g_ascii_strtod (text, &end);

  if (end == text || *end != '\0' || !(speed >= LS_SESSION_MIN_SPEED && speed <= LS_SESSION_MAX_SPEED))
    return bad_usage ("--paced expects a speed from 0.05 to 50, got '%s'", text);
  if (opts->mode == LS_SESSION_CLOCK_REAL)
    return bad_usage ("--paced and --real exclude each other%s", "");
  opts->mode = LS_SESSION_CLOCK_PACED;
  opts->speed = speed;
  return TRUE;
}

static gboolean
set_real (Options *opts)
{
  if (opts->mode == LS_SESSION_CLOCK_PACED)
    return bad_usage ("--paced and --real exclude each other%s", "");
  opts->mode = LS_SESSION_CLOCK_REAL;
  return TRUE;
}

/* An option with a value, as `--name VALUE` or `--name=VALUE`; sets *value
 * (NULL: not this option) and returns FALSE when the value is missing. */
static gboolean
option_value (int          argc,
              char       **argv,
              int         *i,
              const char  *name,
              const char **value)
{
  gsize n = strlen (name);

  *value = NULL;
  if (strcmp (argv[*i], name) == 0)
    {
      if (*i + 1 >= argc)
        return bad_usage ("%s expects a value", name);
      *value = argv[++*i];
    }
  else if (strncmp (argv[*i], name, n) == 0 && argv[*i][n] == '=')
    *value = argv[*i] + n + 1;
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
      const char *param, *paced, *trace;

      if (strcmp (a, "--help") == 0 || strcmp (a, "-h") == 0)
        {
          fputs (USAGE, stdout);
          exit (0);
        }
      if (!option_value (argc, argv, &i, "--param", &param)
          || !option_value (argc, argv, &i, "--paced", &paced)
          || !option_value (argc, argv, &i, "--trace", &trace))
        return FALSE;
      if (param != NULL && !add_param (opts, param))
        return FALSE;
      if (paced != NULL && !set_paced (opts, paced))
        return FALSE;
      if (trace != NULL)
        {
          g_free (opts->trace_path);
          opts->trace_path = g_strdup (trace);
        }
      if (param != NULL || paced != NULL || trace != NULL)
        continue;
      if (strcmp (a, "--real") == 0)
        {
          if (!set_real (opts))
            return FALSE;
        }
      else if (strcmp (a, "--record-trace") == 0)
        opts->record_trace = TRUE;
      else if (opts->program == NULL && (a[0] != '-' || strcmp (a, "-") == 0))
        opts->program = g_strdup (a);
      else
        return bad_usage ("unknown option '%s'", a);
    }
  if (opts->program == NULL)
    return bad_usage (NULL, NULL);
  return TRUE;
}

/* --------------------------------------------------- session signals */

static void
on_output (LsSession  *session,
           int         stream,
           const char *text,
           guint       len,
           gpointer    user_data)
{
  if (stream == LS_TRACE_STREAM_STDERR)
    {
      /* stdout is block-buffered like CPython's off a terminal; what goes
       * to stderr must come after what was printed before it */
      fflush (stdout);
      fwrite (text, 1, len, stderr);
      fflush (stderr);
    }
  else
    fwrite (text, 1, len, stdout);
}

static void
on_error (LsSession  *session,
          const char *text,
          gpointer    user_data)
{
  fflush (stdout);
  fputs (text, stderr);
  fflush (stderr);
}

static void
on_finished (LsSession *session,
             int        status,
             Run       *run)
{
  g_main_loop_quit (run->loop);
}

/* Ctrl+C: stop the run (the trace is still written), exit like python3. */
static gboolean
on_sigint (gpointer user_data)
{
  Run *run = user_data;

  run->interrupted = TRUE;
  ls_session_stop (run->session);
  return G_SOURCE_CONTINUE;
}

/* ------------------------------------------------------------- main */

static int
run_session (LsSession     *session,
             const Options *opts,
             const char    *source)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr (GError) error = NULL;
  Run run = { session, loop, FALSE };
  guint sigint_id;

  g_signal_connect (session, "output", G_CALLBACK (on_output), NULL);
  g_signal_connect (session, "error", G_CALLBACK (on_error), NULL);
  g_signal_connect (session, "finished", G_CALLBACK (on_finished), &run);
  if (!ls_session_load (session, opts->program, source,
                        (const char * const *) opts->names->pdata,
                        (const char * const *) opts->values->pdata, &error))
    {
      if (!g_error_matches (error, LS_SESSION_ERROR, LS_SESSION_ERROR_SYNTAX))
        {
          fprintf (stderr, "loopscope-run: %s\n", error->message);
          return 2;
        }
      fflush (stdout);
      fputs (error->message, stderr);
      return 1;
    }

  sigint_id = g_unix_signal_add (SIGINT, on_sigint, &run);
  ls_session_start (session);
  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  if (run.interrupted)
    {
      fflush (stdout);
      fputs ("KeyboardInterrupt\n", stderr);
      return 130;
    }
  return ls_session_get_exit_status (session);
}

static int
write_trace (LsSession  *session,
             const char *path)
{
  g_autoptr (GError) error = NULL;

  if (ls_trace_export_chrome_json (ls_session_get_trace (session), path, &error))
    return 0;
  fprintf (stderr, "loopscope-run: cannot write the trace to '%s': %s\n", path, error->message);
  return 1;
}

int
main (int    argc,
      char **argv)
{
  Options opts = { NULL, g_ptr_array_new_null_terminated (4, g_free, TRUE),
                   g_ptr_array_new_null_terminated (4, g_free, TRUE),
                   LS_SESSION_CLOCK_INSTANT, 1.0, NULL, FALSE };
  g_autoptr (LsSession) session = NULL;
  g_autofree char *source = NULL;
  g_autoptr (GError) error = NULL;
  int rc;

  setlocale (LC_ALL, "");
  if (!parse_args (argc, argv, &opts))
    {
      options_clear (&opts);
      return 2;
    }
  if (!g_file_get_contents (opts.program, &source, NULL, &error))
    {
      g_autofree char *abs = g_canonicalize_filename (opts.program, NULL);
      fprintf (stderr, "loopscope-run: can't open file '%s': [Errno 2] No such file or directory\n",
               abs);
      options_clear (&opts);
      return 2;
    }

  session = ls_session_new ();
  ls_session_set_record_trace (session, opts.trace_path != NULL || opts.record_trace);
  ls_session_set_clock_mode (session, opts.mode);
  ls_session_set_speed (session, opts.speed);
  rc = run_session (session, &opts, source);
  fflush (stdout);
  if (opts.trace_path != NULL && rc != 2 && write_trace (session, opts.trace_path) != 0 && rc == 0)
    rc = 1;
  options_clear (&opts);
  return rc;
}
