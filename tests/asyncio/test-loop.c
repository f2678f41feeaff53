/* test-loop.c: the event loop end to end: ordering against CPython, the
 * driver API (slices, budgets, waits, abandoning a step) and the GC.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The programs and their expected output live in data/ (NAME.py, NAME.out,
 * the latter produced by CPython 3.11.7 under the shared vrun.py oracle).
 */
#include "config.h"

#include <string.h>

#include "ls-asyncio.h"

static const char *const programs[] = {
  "timer_ties",
  "call_soon_later_at",
  "two_hop_wakeup",
  "heap_rebuild",
  "cancel_counts",
  "task_start_order",
};

typedef struct
{
  LsVM    *vm;
  GString *out;
  GString *err;
} Run;

static void
capture_out (const char *text,
             gsize       len,
             gpointer    user_data)
{
  g_string_append_len (((Run *) user_data)->out, text, (gssize) len);
}

static void
capture_err (const char *text,
             gsize       len,
             gpointer    user_data)
{
  g_string_append_len (((Run *) user_data)->err, text, (gssize) len);
}

static void
run_init (Run     *run,
          LsTrace *trace)
{
  run->vm = ls_vm_new ();
  run->out = g_string_new (NULL);
  run->err = g_string_new (NULL);
  ls_vm_set_output (run->vm, capture_out, capture_err, run);
  ls_asyncio_install (run->vm, trace);
}

static void
run_clear (Run *run)
{
  ls_vm_free (run->vm);
  g_string_free (run->out, TRUE);
  g_string_free (run->err, TRUE);
}

static char *
read_data (const char *name,
           const char *ext)
{
  g_autofree char *file = g_strconcat (name, ext, NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", file, NULL);
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static LsRunStatus
start (Run        *run,
       const char *filename,
       const char *source,
       gint64      budget)
{
  LsSyntaxError *err = NULL;
  LsCode *code = ls_vm_compile (run->vm, filename, source, -1, LS_COMPILE_TOPLEVEL_AWAIT, &err);
  LsValue out = LS_NONE;
  LsRunStatus s;

  g_assert_nonnull (code);
  s = ls_vm_run_main (run->vm, code, budget, &out);
  while (s == LS_RUN_SUSPENDED)
    s = ls_vm_resume (run->vm, budget, &out);
  return s;
}

/* The headless way: every host call runs the loop to its end. */
static LsRunStatus
finish (Run         *run,
        LsRunStatus  s,
        gint64       budget)
{
  LsValue out = LS_NONE;

  while (s == LS_RUN_SUSPENDED || s == LS_RUN_HOSTCALL)
    s = s == LS_RUN_SUSPENDED ? ls_vm_resume (run->vm, budget, &out)
                              : ls_asyncio_run_hostcall (run->vm, budget, &out);
  return s;
}

static void
check_program (const char *name,
               gint64      budget,
               gboolean    gc_stress)
{
  g_autofree char *source = read_data (name, ".py");
  g_autofree char *expected = read_data (name, ".out");
  g_autofree char *filename = g_strconcat (name, ".py", NULL);
  Run run;

  run_init (&run, NULL);
  run.vm->gc_stress = gc_stress;
  g_assert_cmpint (finish (&run, start (&run, filename, source, budget), budget), ==, LS_RUN_DONE);
  g_assert_cmpstr (run.err->str, ==, "");
  g_assert_cmpstr (run.out->str, ==, expected);
  run_clear (&run);
}

static void
test_program (gconstpointer data)
{
  check_program (data, -1, FALSE);
}

/* Task steps cut into slices of a few instructions print the same. */
static void
test_program_budget (gconstpointer data)
{
  check_program (data, 5, FALSE);
}

static void
test_program_gc_stress (gconstpointer data)
{
  check_program (data, 50, TRUE);
}

/* A task that never yields is suspended again and again; the host keeps
 * control and can drop the step (Stop). */
static void
test_budget_runaway (void)
{
  Run run;
  LsAsyncioLoop *loop;
  LsRunStatus s;
  int suspended = 0;

  run_init (&run, NULL);
  s = start (&run, "spin.py",
             "import asyncio\n"
             "async def spin():\n"
             "    print('spinning')\n"
             "    n = 0\n"
             "    while True:\n"
             "        n += 1\n"
             "asyncio.run(spin())\n", 1000);
  g_assert_cmpint (s, ==, LS_RUN_HOSTCALL);
  loop = ls_asyncio_hostcall_loop (run.vm);
  g_assert_nonnull (loop);
  for (int i = 0; i < 50; i++)
    if (ls_asyncio_drive (loop, 1000, 0, NULL) == LS_ASYNCIO_SUSPENDED)
      suspended++;
  g_assert_cmpint (suspended, ==, 50);
  g_assert_true (ls_vm_is_suspended (run.vm));
  g_assert_false (LS_IS_UNDEF (ls_asyncio_loop_current_task (loop)));
  g_assert_cmpstr (run.out->str, ==, "spinning\n");
  ls_asyncio_loop_abandon (loop);
  g_assert_false (ls_vm_is_suspended (run.vm));
  g_assert_true (LS_IS_UNDEF (ls_asyncio_loop_current_task (loop)));
  run_clear (&run);
}

/* max_callbacks runs one callback (one task step) at a time. */
static void
test_step_slices (void)
{
  Run run;
  LsAsyncioLoop *loop;
  LsAsyncioStatus d;
  LsRunStatus s;
  int slices = 0;

  run_init (&run, NULL);
  s = start (&run, "steps.py",
             "import asyncio\n"
             "async def main():\n"
             "    for i in range(3):\n"
             "        print('step', i)\n"
             "        await asyncio.sleep(0)\n"
             "asyncio.run(main())\n", -1);
  g_assert_cmpint (s, ==, LS_RUN_HOSTCALL);
  loop = ls_asyncio_hostcall_loop (run.vm);
  while ((d = ls_asyncio_drive (loop, -1, 1, NULL)) == LS_ASYNCIO_SLICE)
    {
      slices++;
      g_assert_cmpint (slices, <, 100);
    }
  g_assert_cmpint (d, ==, LS_ASYNCIO_STOPPED);
  g_assert_cmpint (slices, >=, 4);
  g_assert_cmpstr (run.out->str, ==, "step 0\nstep 1\nstep 2\n");
  g_assert_cmpint (finish (&run, ls_asyncio_finish_hostcall (run.vm, -1, NULL), -1), ==, LS_RUN_DONE);
  run_clear (&run);
}

/* Without auto-advance the loop asks the host to wait, exactly as long as
 * CPython's select() would have. */
static void
test_host_waits (void)
{
  Run run;
  LsAsyncioLoop *loop;
  LsAsyncioStatus d;
  LsRunStatus s;
  double wait = -1, waited = 0;

  run_init (&run, NULL);
  s = start (&run, "waits.py",
             "import asyncio\n"
             "async def main():\n"
             "    await asyncio.sleep(0.25)\n"
             "    await asyncio.sleep(1.5)\n"
             "    print(asyncio.get_running_loop().time())\n"
             "asyncio.run(main())\n", -1);
  g_assert_cmpint (s, ==, LS_RUN_HOSTCALL);
  loop = ls_asyncio_hostcall_loop (run.vm);
  ls_asyncio_loop_set_auto_advance (loop, FALSE);
  while ((d = ls_asyncio_drive (loop, -1, 0, &wait)) != LS_ASYNCIO_STOPPED)
    {
      g_assert_cmpint (d, ==, LS_ASYNCIO_WAIT);
      g_assert_cmpfloat (ls_asyncio_loop_next_deadline (loop), ==, wait);
      waited += wait;
      ls_asyncio_loop_end_wait (loop, TRUE);
    }
  g_assert_cmpfloat (waited, ==, 1.75);
  g_assert_cmpstr (run.out->str, ==, "1.75\n");
  g_assert_cmpint (finish (&run, ls_asyncio_finish_hostcall (run.vm, -1, NULL), -1), ==, LS_RUN_DONE);
  run_clear (&run);
}

/* Nothing ready and no timer: CPython would hang; the runner raises. */
static void
test_block_forever (void)
{
  Run run;
  LsRunStatus s;

  run_init (&run, NULL);
  s = start (&run, "block.py",
             "import asyncio\n"
             "async def main():\n"
             "    await asyncio.get_running_loop().create_future()\n"
             "try:\n"
             "    asyncio.run(main())\n"
             "except RuntimeError as e:\n"
             "    print(e)\n", -1);
  g_assert_cmpint (finish (&run, s, -1), ==, LS_RUN_DONE);
  g_assert_cmpstr (run.out->str, ==, "event loop would block forever (nothing ready, no timer pending)\n");
  run_clear (&run);
}

/* A second asyncio.run() in the same program continues the clock and the
 * task numbers (the first run used three). */
static void
test_two_runs (void)
{
  Run run;

  run_init (&run, NULL);
  g_assert_cmpint (finish (&run, start (&run, "two.py",
                                        "import asyncio\n"
                                        "async def main():\n"
                                        "    await asyncio.sleep(1)\n"
                                        "    print(asyncio.current_task().get_name(),"
                                        " asyncio.get_running_loop().time())\n"
                                        "asyncio.run(main())\n"
                                        "asyncio.run(main())\n", -1), -1), ==, LS_RUN_DONE);
  g_assert_cmpstr (run.out->str, ==, "Task-1 1.0\nTask-4 2.0\n");
  run_clear (&run);
}

/* Top-level await runs the module body as the main task. */
static void
test_toplevel_await (void)
{
  Run run;
  LsSyntaxError *err = NULL;
  LsCode *code;
  LsValue out = LS_NONE;
  LsRunStatus s;

  run_init (&run, NULL);
  code = ls_vm_compile (run.vm, "top.py",
                        "import asyncio\n"
                        "await asyncio.sleep(0.5)\n"
                        "print('top', asyncio.get_running_loop().time())\n",
                        -1, LS_COMPILE_TOPLEVEL_AWAIT, &err);
  g_assert_nonnull (code);
  s = ls_vm_run_main (run.vm, code, -1, &out);
  g_assert_cmpint (s, ==, LS_RUN_DONE);
  s = finish (&run, ls_asyncio_run_main_coroutine (run.vm, out, -1, &out), -1);
  g_assert_cmpint (s, ==, LS_RUN_DONE);
  g_assert_cmpstr (run.out->str, ==, "top 0.5\n");
  run_clear (&run);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (programs); i++)
    {
      g_autofree char *p1 = g_strdup_printf ("/asyncio/loop/programs/%s", programs[i]);
      g_autofree char *p2 = g_strdup_printf ("/asyncio/loop/budget/%s", programs[i]);
      g_autofree char *p3 = g_strdup_printf ("/asyncio/loop/gc-stress/%s", programs[i]);
      g_test_add_data_func (p1, programs[i], test_program);
      g_test_add_data_func (p2, programs[i], test_program_budget);
      g_test_add_data_func (p3, programs[i], test_program_gc_stress);
    }
  g_test_add_func ("/asyncio/loop/budget-runaway", test_budget_runaway);
  g_test_add_func ("/asyncio/loop/step-slices", test_step_slices);
  g_test_add_func ("/asyncio/loop/host-waits", test_host_waits);
  g_test_add_func ("/asyncio/loop/block-forever", test_block_forever);
  g_test_add_func ("/asyncio/loop/two-runs", test_two_runs);
  g_test_add_func ("/asyncio/loop/toplevel-await", test_toplevel_await);
  return g_test_run ();
}
