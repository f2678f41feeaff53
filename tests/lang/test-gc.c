/* test-gc.c: the collector: programs give identical output when it runs
 * at every safe point, garbage is freed (cycles included), pins and root
 * callbacks keep objects alive, deep structures mark without C recursion.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected texts below were produced by running each program with
 * python3 (3.11.7); regenerate them the same way, never by hand.
 */
#include "config.h"

#include <string.h>

#include "ls-lang.h"
#include "ls-vm.h"

typedef struct
{
  const char *name;
  const char *source;
  const char *expected;
} Program;

static void
capture (const char *text,
         gsize       len,
         gpointer    user_data)
{
  g_string_append_len (user_data, text, (gssize) len);
}

static LsRunStatus
run_source (LsVM       *vm,
            const char *source)
{
  LsSyntaxError *err = NULL;
  LsCode *code = ls_vm_compile (vm, "prog.py", source, -1, 0, &err);
  LsValue out;

  if (code == NULL)
    {
      ls_syntax_error_free (err);
      return LS_RUN_ERROR;
    }
  return ls_vm_run_main (vm, code, -1, &out);
}

static char *
run_program (const char *source,
             gboolean    stress)
{
  GString *out = g_string_new (NULL);
  LsVM *vm = ls_vm_new ();

  ls_vm_set_output (vm, capture, capture, out);
  vm->gc_stress = stress;
  if (run_source (vm, source) == LS_RUN_ERROR)
    {
      g_autofree char *report = ls_format_exception (vm, vm->exc, NULL);
      g_string_append (out, report);
    }
  ls_vm_free (vm);
  return g_string_free (out, FALSE);
}

/* Programs and their CPython output. */
static const Program programs[] = {
  { "linked_list",
    "class Node:\n"
    "    def __init__(self, v, nxt=None):\n"
    "        self.v, self.nxt = v, nxt\n"
    "head = None\n"
    "for i in range(2000):\n"
    "    head = Node(i, head)\n"
    "n, s = 0, 0\n"
    "while head:\n"
    "    n += 1; s += head.v; head = head.nxt\n"
    "print(n, s)\n",
    "2000 1999000\n" },
  { "churn",
    "d = {}\n"
    "for i in range(3000):\n"
    "    d[str(i)] = [i, str(i) * 3, (i, i + 1)]\n"
    "    if i % 3 == 0:\n"
    "        del d[str(i // 2)]\n"
    "print(len(d), sum(len(v[1]) for v in d.values()))\n"
    "words = \" \".join(str(i) for i in range(500)).split()\n"
    "print(len(words), words[-1], sorted(set(w[-1] for w in words)))\n",
    "2000 22893\n"
    "500 499 ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']\n" },
  { "generators_closures",
    "def gen(n):\n"
    "    for i in range(n):\n"
    "        yield [i] * 3\n"
    "def make(k):\n"
    "    data = list(range(k))\n"
    "    return lambda: sum(data)\n"
    "fs = [make(i) for i in range(100)]\n"
    "print(sum(f() for f in fs), sum(len(x) for x in gen(500)))\n"
    "def pipeline():\n"
    "    evens = (x for x in range(1000) if x % 2 == 0)\n"
    "    squares = (x * x for x in evens)\n"
    "    return sum(squares)\n"
    "print(pipeline())\n",
    "161700 1500\n"
    "166167000\n" },
  { "exceptions",
    "caught = 0\n"
    "for i in range(300):\n"
    "    try:\n"
    "        try:\n"
    "            raise ValueError(str(i))\n"
    "        except ValueError as e:\n"
    "            raise KeyError(i) from e\n"
    "    except KeyError as e:\n"
    "        caught += 1\n"
    "        last = e\n"
    "print(caught, repr(last), repr(last.__cause__))\n",
    "300 KeyError(299) ValueError('299')\n" },
  { "cycles",
    "class Box:\n"
    "    pass\n"
    "def make_cycle(i):\n"
    "    a, b = Box(), Box()\n"
    "    a.other, b.other = b, a\n"
    "    a.payload = \"x\" * i\n"
    "    return len(a.other.other.payload)\n"
    "print(sum(make_cycle(i) for i in range(500)))\n"
    "l = []\n"
    "l.append(l)\n"
    "print(len(l), l[0] is l)\n",
    "124750\n"
    "1 True\n" },
};

static void
test_program (gconstpointer data)
{
  const Program *p = data;
  g_autofree char *normal = run_program (p->source, FALSE);
  g_autofree char *stressed = run_program (p->source, TRUE);

  g_assert_cmpstr (normal, ==, p->expected);
  g_assert_cmpstr (stressed, ==, p->expected);
}

/* A native object type that counts its finalizations. */
static int finalized;

static void
counted_finalize (LsVM    *vm,
                  LsCData *self)
{
  finalized++;
}

static const LsCDataClass counted_class = { "counted", NULL, counted_finalize, NULL, NULL };

static LsType *
counted_type (LsVM *vm)
{
  LsType *t = ls_type_new_builtin (vm, "counted", NULL, LS_OBJ_CDATA);

  t->cdata_class = &counted_class;
  t->cdata_size = 16;
  /* Keep the type itself alive: types live in a module dict normally. */
  ls_gc_pin (vm, ls_obj (t));
  return t;
}

static void
test_pin (void)
{
  LsVM *vm = ls_vm_new ();
  LsType *t = counted_type (vm);
  LsValue kept = ls_obj (ls_cdata_new (vm, t));

  finalized = 0;
  ls_cdata_new (vm, t);
  ls_cdata_new (vm, t);
  ls_gc_pin (vm, kept);
  ls_gc_collect (vm);
  g_assert_cmpint (finalized, ==, 2);
  ls_gc_collect (vm);
  g_assert_cmpint (finalized, ==, 2);
  ls_gc_unpin (vm, kept);
  ls_gc_collect (vm);
  g_assert_cmpint (finalized, ==, 3);
  ls_vm_free (vm);
}

typedef struct
{
  LsValue held;
  int     calls;
} Roots;

static void
mark_roots (LsVM     *vm,
            gpointer  user_data)
{
  Roots *r = user_data;

  r->calls++;
  ls_gc_mark_value (vm, r->held);
}

static void
test_roots_callback (void)
{
  LsVM *vm = ls_vm_new ();
  LsType *t = counted_type (vm);
  Roots roots = { LS_UNDEF, 0 };
  guint id;

  finalized = 0;
  roots.held = ls_obj (ls_list_from (vm, (LsValue[]) { ls_obj (ls_cdata_new (vm, t)) }, 1));
  id = ls_gc_add_roots (vm, mark_roots, &roots);
  ls_gc_collect (vm);
  g_assert_cmpint (roots.calls, ==, 1);
  g_assert_cmpint (finalized, ==, 0);
  ls_gc_remove_roots (vm, id);
  ls_gc_collect (vm);
  g_assert_cmpint (roots.calls, ==, 1);
  g_assert_cmpint (finalized, ==, 1);
  ls_vm_free (vm);
}

/* Garbage made by a program (cycles included) is reclaimed. */
static void
test_frees_garbage (void)
{
  GString *out = g_string_new (NULL);
  LsVM *vm = ls_vm_new ();
  gsize before, after;

  ls_vm_set_output (vm, capture, capture, out);
  ls_gc_collect (vm);
  before = vm->bytes_allocated;
  g_assert_cmpint (run_source (vm, "def work():\n"
                                   "    objs = []\n"
                                   "    for i in range(20000):\n"
                                   "        d = {'i': i, 's': str(i) * 5}\n"
                                   "        d['self'] = d\n"
                                   "        objs.append(d)\n"
                                   "    return len(objs)\n"
                                   "print(work())\n"), ==, LS_RUN_DONE);
  g_assert_cmpstr (out->str, ==, "20000\n");
  ls_gc_collect (vm);
  after = vm->bytes_allocated;
  /* Only the module's new names and the code remain. */
  g_assert_cmpuint (after, <, before + 200 * 1024);
  ls_vm_free (vm);
  g_string_free (out, TRUE);
}

/* Marking a million-deep nesting must not recurse in C. */
static void
test_deep_structure (void)
{
  LsVM *vm = ls_vm_new ();
  LsValue v = LS_NONE;

  for (int i = 0; i < 1000000; i++)
    v = ls_obj (ls_list_from (vm, &v, 1));
  ls_gc_pin (vm, v);
  ls_gc_collect (vm);
  g_assert_true (LS_OBJ_IS (v, LS_OBJ_LIST));
  ls_gc_unpin (vm, v);
  ls_gc_collect (vm);
  ls_vm_free (vm);
}

/* Suspended generators that become unreachable are freed with their frames. */
static void
test_generator_frames (void)
{
  GString *out = g_string_new (NULL);
  LsVM *vm = ls_vm_new ();
  gsize before;

  ls_vm_set_output (vm, capture, capture, out);
  ls_gc_collect (vm);
  before = vm->bytes_allocated;
  g_assert_cmpint (run_source (vm, "def gen(n):\n"
                                   "    data = [0] * n\n"
                                   "    yield len(data)\n"
                                   "    yield 0\n"
                                   "total = 0\n"
                                   "for i in range(2000):\n"
                                   "    g = gen(100)\n"
                                   "    total += next(g)\n"
                                   "print(total)\n"), ==, LS_RUN_DONE);
  g_assert_cmpstr (out->str, ==, "200000\n");
  ls_gc_collect (vm);
  g_assert_cmpuint (vm->bytes_allocated, <, before + 200 * 1024);
  ls_vm_free (vm);
  g_string_free (out, TRUE);
}

/* Attributes of instances of builtin-type subclasses live as long as the object. */
static void
test_subclass_attributes (void)
{
  g_autofree char *out = run_program ("class Stack(list):\n"
                                      "    pass\n"
                                      "s = Stack()\n"
                                      "s.label = 'top'\n"
                                      "junk = [Stack() for _ in range(100)]\n"
                                      "for j in junk:\n"
                                      "    j.tag = 1\n"
                                      "junk = None\n"
                                      "s.append(1)\n"
                                      "print(s.label, s)\n", TRUE);

  g_assert_cmpstr (out, ==, "top [1]\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (programs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/lang/gc/stress/%s", programs[i].name);
      g_test_add_data_func (path, &programs[i], test_program);
    }
  g_test_add_func ("/lang/gc/pin", test_pin);
  g_test_add_func ("/lang/gc/roots-callback", test_roots_callback);
  g_test_add_func ("/lang/gc/frees-garbage", test_frees_garbage);
  g_test_add_func ("/lang/gc/deep-structure", test_deep_structure);
  g_test_add_func ("/lang/gc/generator-frames", test_generator_frames);
  g_test_add_func ("/lang/gc/subclass-attributes", test_subclass_attributes);
  return g_test_run ();
}
