/* test-vm.c: the VM end to end: programs through the real pipeline
 * (compiler, dispatch loop, builtins) compared with CPython 3.11's output,
 * budget suspension, the coroutine driver API, tracebacks and limits.
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

typedef struct
{
  GString *out;
  GString *err;
} Capture;

static void
capture_out (const char *text,
             gsize       len,
             gpointer    user_data)
{
  g_string_append_len (((Capture *) user_data)->out, text, (gssize) len);
}

static void
capture_err (const char *text,
             gsize       len,
             gpointer    user_data)
{
  g_string_append_len (((Capture *) user_data)->err, text, (gssize) len);
}

static LsVM *
new_vm (Capture *cap)
{
  LsVM *vm = ls_vm_new ();

  cap->out = g_string_new (NULL);
  cap->err = g_string_new (NULL);
  ls_vm_set_output (vm, capture_out, capture_err, cap);
  return vm;
}

static void
capture_clear (Capture *cap)
{
  g_string_free (cap->out, TRUE);
  g_string_free (cap->err, TRUE);
}

/* Runs source as prog.py; returns the final status and counts suspensions. */
static LsRunStatus
run_source (LsVM       *vm,
            const char *source,
            gint64      budget,
            int        *suspensions)
{
  LsSyntaxError *err = NULL;
  LsCode *code = ls_vm_compile (vm, "prog.py", source, -1, 0, &err);
  LsValue out;
  LsRunStatus s;

  if (code == NULL)
    {
      g_test_message ("syntax error: %s", err->msg);
      ls_syntax_error_free (err);
      return LS_RUN_ERROR;
    }
  s = ls_vm_run_main (vm, code, budget, &out);
  while (s == LS_RUN_SUSPENDED)
    {
      if (suspensions)
        (*suspensions)++;
      s = ls_vm_resume (vm, budget, &out);
    }
  return s;
}

static char *
run_program (const char *source,
             gint64      budget,
             gboolean    stress,
             int        *suspensions)
{
  Capture cap;
  LsVM *vm = new_vm (&cap);
  LsRunStatus s;
  char *result;

  vm->gc_stress = stress;
  s = run_source (vm, source, budget, suspensions);
  if (s == LS_RUN_ERROR)
    {
      g_autofree char *report = ls_format_exception (vm, vm->exc, NULL);
      g_string_append (cap.out, report);
    }
  result = g_strdup (cap.out->str);
  ls_vm_free (vm);
  capture_clear (&cap);
  return result;
}

/* Programs and their CPython output. */
static const Program programs[] = {
  { "arith",
    "print(1 + 2, 7 // 2, -7 // 2, 7 % -3, 2 ** 10, 1 / 4, 3 * 1.5, -(-5), ~5)\n"
    "x = 10\n"
    "x += 5; x -= 3; x *= 2; x //= 5; x **= 3\n"
    "print(x, 2 ** 61 + 2 ** 61 - 1 > 0, 10 < 20 < 30, 1 == 1.0, 3 != 3)\n",
    "3 3 -4 -2 1024 0.25 4.5 5 -6\n"
    "64 True True True False\n" },
  { "closures",
    "def make_counter():\n"
    "    count = 0\n"
    "    def inc(step=1):\n"
    "        nonlocal count\n"
    "        count += step\n"
    "        return count\n"
    "    return inc\n"
    "c = make_counter()\n"
    "print(c(), c(), c(10))\n"
    "fs = [lambda i=i: i * i for i in range(4)]\n"
    "print([f() for f in fs])\n"
    "def outer():\n"
    "    x = \"outer\"\n"
    "    def mid():\n"
    "        def inner():\n"
    "            return x\n"
    "        return inner()\n"
    "    return mid()\n"
    "print(outer())\n",
    "1 2 12\n"
    "[0, 1, 4, 9]\n"
    "outer\n" },
  { "generators",
    "def counter(n):\n"
    "    i = 0\n"
    "    while i < n:\n"
    "        got = yield i\n"
    "        i = got if got is not None else i + 1\n"
    "    return \"done\"\n"
    "g = counter(5)\n"
    "print(next(g), next(g), g.send(4))\n"
    "try:\n"
    "    g.send(None)\n"
    "except StopIteration as e:\n"
    "    print(\"stopped\", e.args)\n"
    "def deleg():\n"
    "    r = yield from counter(3)\n"
    "    yield (\"returned\", r)\n"
    "print(list(deleg()))\n"
    "def thrower():\n"
    "    try:\n"
    "        yield 1\n"
    "        yield 2\n"
    "    except ValueError as e:\n"
    "        yield \"caught \" + str(e)\n"
    "    finally:\n"
    "        print(\"finally\")\n"
    "t = thrower()\n"
    "print(next(t), t.throw(ValueError(\"x\")))\n"
    "t.close()\n"
    "def ignore():\n"
    "    try:\n"
    "        yield 1\n"
    "    except GeneratorExit:\n"
    "        yield 2\n"
    "i = ignore(); next(i)\n"
    "try:\n"
    "    i.close()\n"
    "except RuntimeError as e:\n"
    "    print(e)\n"
    "def bad():\n"
    "    yield 1\n"
    "    raise StopIteration\n"
    "try:\n"
    "    list(bad())\n"
    "except RuntimeError as e:\n"
    "    print(e, type(e.__cause__).__name__)\n"
    "print(sum(x * x for x in range(10)), [x for x in (y for y in \"abc\")])\n",
    "0 1 4\n"
    "stopped ('done',)\n"
    "[0, 1, 2, ('returned', 'done')]\n"
    "1 caught x\n"
    "finally\n"
    "generator ignored GeneratorExit\n"
    "generator raised StopIteration StopIteration\n"
    "285 ['a', 'b', 'c']\n" },
  { "exceptions",
    "def f():\n"
    "    try:\n"
    "        {}[\"k\"]\n"
    "    except KeyError as e:\n"
    "        raise ValueError(\"bad\") from e\n"
    "try:\n"
    "    f()\n"
    "except ValueError as e:\n"
    "    print(repr(e), repr(e.__cause__), e.__suppress_context__)\n"
    "try:\n"
    "    try:\n"
    "        1 / 0\n"
    "    except ZeroDivisionError:\n"
    "        [][1]\n"
    "except IndexError as e:\n"
    "    print(repr(e), repr(e.__context__))\n"
    "def g():\n"
    "    try:\n"
    "        return \"try\"\n"
    "    finally:\n"
    "        print(\"finally runs\")\n"
    "print(g())\n"
    "def h():\n"
    "    for i in range(3):\n"
    "        try:\n"
    "            if i == 1:\n"
    "                continue\n"
    "            if i == 2:\n"
    "                break\n"
    "        finally:\n"
    "            print(\"fin\", i)\n"
    "h()\n"
    "class MyError(Exception):\n"
    "    def __init__(self, code):\n"
    "        super().__init__(f\"code {code}\")\n"
    "        self.code = code\n"
    "try:\n"
    "    raise MyError(7)\n"
    "except Exception as e:\n"
    "    print(e, e.code, e.args, isinstance(e, MyError))\n"
    "print(str(KeyError(\"a\")), repr(ValueError()), str(ValueError(1, 2)))\n"
    "try:\n"
    "    raise\n"
    "except RuntimeError as e:\n"
    "    print(e)\n",
    "ValueError('bad') KeyError('k') True\n"
    "IndexError('list index out of range') ZeroDivisionError('division by zero')\n"
    "finally runs\n"
    "try\n"
    "fin 0\n"
    "fin 1\n"
    "fin 2\n"
    "code 7 7 ('code 7',) True\n"
    "'a' ValueError() (1, 2)\n"
    "No active exception to reraise\n" },
  { "classes",
    "class Base:\n"
    "    created = []\n"
    "    def __init_subclass__(cls):\n"
    "        Base.created.append(cls.__name__)\n"
    "    def __init__(self, name):\n"
    "        self.name = name\n"
    "    def hello(self):\n"
    "        return f\"{type(self).__name__} {self.name}\"\n"
    "    @property\n"
    "    def upper(self):\n"
    "        return self.name.upper()\n"
    "    @classmethod\n"
    "    def make(cls, n):\n"
    "        return cls(n)\n"
    "    @staticmethod\n"
    "    def twice(x):\n"
    "        return 2 * x\n"
    "class Child(Base):\n"
    "    def hello(self):\n"
    "        return \"child: \" + super().hello()\n"
    "c = Child.make(\"ann\")\n"
    "print(c.hello(), c.upper, Base.twice(4), Base.created, isinstance(c, Base))\n"
    "class Vec:\n"
    "    def __init__(self, x, y): self.x, self.y = x, y\n"
    "    def __add__(self, o): return Vec(self.x + o.x, self.y + o.y)\n"
    "    def __eq__(self, o): return (self.x, self.y) == (o.x, o.y)\n"
    "    def __repr__(self): return f\"Vec({self.x}, {self.y})\"\n"
    "    def __len__(self): return 2\n"
    "    def __iter__(self): return iter((self.x, self.y))\n"
    "v = Vec(1, 2) + Vec(3, 4)\n"
    "print(v, v == Vec(4, 6), len(v), list(v))\n"
    "try:\n"
    "    Base()\n"
    "except TypeError as e:\n"
    "    print(e)\n"
    "class Bad:\n"
    "    def __init__(self): return 1\n"
    "try:\n"
    "    Bad()\n"
    "except TypeError as e:\n"
    "    print(e)\n",
    "child: Child ann ANN 8 ['Child'] True\n"
    "Vec(4, 6) True 2 [4, 6]\n"
    "Base.__init__() missing 1 required positional argument: 'name'\n"
    "__init__() should return None, not 'int'\n" },
  { "calls",
    "def f(a, b=2, *args, c, d=4, **kw):\n"
    "    return (a, b, args, c, d, kw)\n"
    "print(f(1, c=3))\n"
    "print(f(1, 5, 6, 7, c=8, e=9))\n"
    "print(f(*[1, 2], **{\"c\": 3, \"z\": 0}))\n"
    "def g(x, y): pass\n"
    "for call in (lambda: g(1), lambda: g(1, 2, 3), lambda: g(1, y=2, z=3), lambda: g(1, x=2)):\n"
    "    try:\n"
    "        call()\n"
    "    except TypeError as e:\n"
    "        print(e)\n"
    "def k(*, only): return only\n"
    "print(k(only=1))\n"
    "try:\n"
    "    k(1)\n"
    "except TypeError as e:\n"
    "    print(e)\n",
    "(1, 2, (), 3, 4, {})\n"
    "(1, 5, (6, 7), 8, 4, {'e': 9})\n"
    "(1, 2, (), 3, 4, {'z': 0})\n"
    "g() missing 1 required positional argument: 'y'\n"
    "g() takes 2 positional arguments but 3 were given\n"
    "g() got an unexpected keyword argument 'z'\n"
    "g() got multiple values for argument 'x'\n"
    "1\n"
    "k() takes 0 positional arguments but 1 was given\n" },
  { "async_manual",
    "class Sleep:\n"
    "    def __init__(self, n): self.n = n\n"
    "    def __await__(self):\n"
    "        r = yield (\"sleep\", self.n)\n"
    "        return r\n"
    "async def leaf(x):\n"
    "    return (await Sleep(x)) * 2\n"
    "async def agen(n):\n"
    "    for i in range(n):\n"
    "        yield i, await Sleep(i)\n"
    "class CM:\n"
    "    async def __aenter__(self):\n"
    "        await Sleep(0)\n"
    "        return \"res\"\n"
    "    async def __aexit__(self, *a):\n"
    "        print(\"exit\", a[0])\n"
    "async def main():\n"
    "    a = await leaf(1)\n"
    "    out = [x async for x in agen(3)]\n"
    "    async with CM() as r:\n"
    "        print(\"body\", r)\n"
    "    return a, out\n"
    "def run(coro):\n"
    "    value = None\n"
    "    while True:\n"
    "        try:\n"
    "            req = coro.send(value)\n"
    "        except StopIteration as e:\n"
    "            return e.value\n"
    "        value = req[1] * 10\n"
    "print(run(main()))\n",
    "body res\n"
    "exit None\n"
    "(20, [(0, 0), (1, 10), (2, 20)])\n" },
  { "except_star",
    "try:\n"
    "    raise ExceptionGroup(\"eg\", [ValueError(1), TypeError(2), ValueError(3)])\n"
    "except* ValueError as e:\n"
    "    print(\"values\", repr(e))\n"
    "except* TypeError as e:\n"
    "    print(\"types\", repr(e))\n"
    "eg = ExceptionGroup(\"m\", [ValueError(1), KeyError(2)])\n"
    "print(eg, [repr(x) for x in eg.split(KeyError)])\n",
    "values ExceptionGroup('eg', [ValueError(1), ValueError(3)])\n"
    "types ExceptionGroup('eg', [TypeError(2)])\n"
    "m (2 sub-exceptions) [\"ExceptionGroup('m', [KeyError(2)])\", \"ExceptionGroup('m', [ValueError(1)])\"]\n" },
  { "event_loop",
    "from collections import deque\n"
    "class Loop:\n"
    "    def __init__(self):\n"
    "        self.ready = deque()\n"
    "        self.time = 0\n"
    "        self.timers = []\n"
    "    def spawn(self, gen, name):\n"
    "        self.ready.append((gen, None, name))\n"
    "    def run(self):\n"
    "        while self.ready or self.timers:\n"
    "            if not self.ready:\n"
    "                self.timers.sort()\n"
    "                t, name, gen = self.timers.pop(0)\n"
    "                self.time = t\n"
    "                self.ready.append((gen, None, name))\n"
    "                continue\n"
    "            gen, value, name = self.ready.popleft()\n"
    "            try:\n"
    "                cmd = gen.send(value)\n"
    "            except StopIteration as e:\n"
    "                print(f\"[{self.time}] {name} finished -> {e.value}\")\n"
    "                continue\n"
    "            if cmd[0] == \"sleep\":\n"
    "                self.timers.append((self.time + cmd[1], name, gen))\n"
    "            else:\n"
    "                self.ready.append((gen, self.time, name))\n"
    "def worker(name, delays):\n"
    "    total = 0\n"
    "    for d in delays:\n"
    "        yield (\"sleep\", d)\n"
    "        total += d\n"
    "        print(f\"{name} woke after {d}\")\n"
    "    now = yield (\"now\",)\n"
    "    return (total, now)\n"
    "loop = Loop()\n"
    "loop.spawn(worker(\"a\", [3, 1]), \"a\")\n"
    "loop.spawn(worker(\"b\", [2, 2]), \"b\")\n"
    "loop.spawn(worker(\"c\", [5]), \"c\")\n"
    "loop.run()\n",
    "b woke after 2\n"
    "a woke after 3\n"
    "a woke after 1\n"
    "[4] a finished -> (4, 4)\n"
    "b woke after 2\n"
    "[4] b finished -> (4, 4)\n"
    "c woke after 5\n"
    "[5] c finished -> (5, 5)\n" },
  { "unpacking",
    "a, *b, c = range(6)\n"
    "print(a, b, c)\n"
    "(x, y), z = (1, 2), 3\n"
    "print(x, y, z)\n"
    "for bad in ([1], [1, 2, 3], 5):\n"
    "    try:\n"
    "        p, q = bad\n"
    "    except (ValueError, TypeError) as e:\n"
    "        print(type(e).__name__, e)\n"
    "try:\n"
    "    p, *q, r = [1]\n"
    "except ValueError as e:\n"
    "    print(e)\n"
    "print([*range(3), *\"ab\"], {**{\"a\": 1}, \"b\": 2}, {*[1, 1, 2]})\n",
    "0 [1, 2, 3, 4] 5\n"
    "1 2 3\n"
    "ValueError not enough values to unpack (expected 2, got 1)\n"
    "ValueError too many values to unpack (expected 2)\n"
    "TypeError cannot unpack non-iterable int object\n"
    "not enough values to unpack (expected at least 2, got 1)\n"
    "[0, 1, 2, 'a', 'b'] {'a': 1, 'b': 2} {1, 2}\n" },
  { "with_stmt",
    "class CM:\n"
    "    def __init__(self, name, swallow=False):\n"
    "        self.name, self.swallow = name, swallow\n"
    "    def __enter__(self):\n"
    "        print(\"enter\", self.name)\n"
    "        return self.name\n"
    "    def __exit__(self, et, ev, tb):\n"
    "        print(\"exit\", self.name, et.__name__ if et else None)\n"
    "        return self.swallow\n"
    "with CM(\"a\") as a, CM(\"b\") as b:\n"
    "    print(\"body\", a, b)\n"
    "with CM(\"s\", swallow=True):\n"
    "    raise KeyError(\"x\")\n"
    "print(\"after\")\n"
    "try:\n"
    "    with CM(\"t\"):\n"
    "        1 / 0\n"
    "except ZeroDivisionError as e:\n"
    "    print(\"propagated\", e)\n",
    "enter a\n"
    "enter b\n"
    "body a b\n"
    "exit b None\n"
    "exit a None\n"
    "enter s\n"
    "exit s KeyError\n"
    "after\n"
    "enter t\n"
    "exit t ZeroDivisionError\n"
    "propagated division by zero\n" },
  { "recursion",
    "depth = 0\n"
    "def deep():\n"
    "    global depth\n"
    "    depth += 1\n"
    "    deep()\n"
    "try:\n"
    "    deep()\n"
    "except RecursionError as e:\n"
    "    print(depth, e)\n"
    "def fact(n):\n"
    "    return 1 if n <= 1 else n * fact(n - 1)\n"
    "print(fact(20))\n",
    "999 maximum recursion depth exceeded\n"
    "2432902008176640000\n" },
  { "names",
    "x = \"global\"\n"
    "def f():\n"
    "    print(x)\n"
    "def g():\n"
    "    x = \"local\"\n"
    "    def h():\n"
    "        return x\n"
    "    return h()\n"
    "f(); print(g())\n"
    "def u():\n"
    "    print(y)\n"
    "    y = 1\n"
    "try:\n"
    "    u()\n"
    "except UnboundLocalError as e:\n"
    "    print(e)\n"
    "try:\n"
    "    print(nope)\n"
    "except NameError as e:\n"
    "    print(e)\n"
    "import math\n"
    "from math import sqrt as s\n"
    "print(math.floor(2.5), s(16))\n"
    "try:\n"
    "    import no_such_module\n"
    "except ModuleNotFoundError as e:\n"
    "    print(e)\n"
    "try:\n"
    "    from sys import nope\n"
    "except ImportError as e:\n"
    "    print(e)\n",
    "global\n"
    "local\n"
    "cannot access local variable 'y' where it is not associated with a value\n"
    "name 'nope' is not defined\n"
    "2 4.0\n"
    "No module named 'no_such_module'\n"
    "cannot import name 'nope' from 'sys' (unknown location)\n" },
};

/* Uncaught exceptions: CPython's report on stderr. */
static const Program tracebacks[] = {
  { "chained",
    "def load(d):\n"
    "    return d[\"key\"]\n"
    "def main():\n"
    "    try:\n"
    "        load({})\n"
    "    except KeyError as e:\n"
    "        raise RuntimeError(\"load failed\") from e\n"
    "main()\n",
    "Traceback (most recent call last):\n"
    "  File \"prog.py\", line 5, in main\n"
    "    load({})\n"
    "  File \"prog.py\", line 2, in load\n"
    "    return d[\"key\"]\n"
    "           ~^^^^^^^\n"
    "KeyError: 'key'\n"
    "\n"
    "The above exception was the direct cause of the following exception:\n"
    "\n"
    "Traceback (most recent call last):\n"
    "  File \"prog.py\", line 8, in <module>\n"
    "    main()\n"
    "  File \"prog.py\", line 7, in main\n"
    "    raise RuntimeError(\"load failed\") from e\n"
    "RuntimeError: load failed\n" },
  { "context_binop",
    "values = [1, 2, 0]\n"
    "def ratio(i):\n"
    "    return values[i] / values[i + 1]\n"
    "try:\n"
    "    print(ratio(1))\n"
    "except ZeroDivisionError:\n"
    "    print(values[10])\n",
    "Traceback (most recent call last):\n"
    "  File \"prog.py\", line 5, in <module>\n"
    "    print(ratio(1))\n"
    "          ^^^^^^^^\n"
    "  File \"prog.py\", line 3, in ratio\n"
    "    return values[i] / values[i + 1]\n"
    "           ~~~~~~~~~~^~~~~~~~~~~~~~~\n"
    "ZeroDivisionError: division by zero\n"
    "\n"
    "During handling of the above exception, another exception occurred:\n"
    "\n"
    "Traceback (most recent call last):\n"
    "  File \"prog.py\", line 7, in <module>\n"
    "    print(values[10])\n"
    "          ~~~~~~^^^^\n"
    "IndexError: list index out of range\n" },
  { "recursion",
    "def f(n):\n"
    "    return f(n + 1)\n"
    "f(0)\n",
    "Traceback (most recent call last):\n"
    "  File \"prog.py\", line 3, in <module>\n"
    "    f(0)\n"
    "  File \"prog.py\", line 2, in f\n"
    "    return f(n + 1)\n"
    "           ^^^^^^^^\n"
    "  File \"prog.py\", line 2, in f\n"
    "    return f(n + 1)\n"
    "           ^^^^^^^^\n"
    "  File \"prog.py\", line 2, in f\n"
    "    return f(n + 1)\n"
    "           ^^^^^^^^\n"
    "  [Previous line repeated 996 more times]\n"
    "RecursionError: maximum recursion depth exceeded\n" },
  { "group",
    "def fail(i):\n"
    "    raise ValueError(f\"bad {i}\")\n"
    "errors = []\n"
    "for i in range(2):\n"
    "    try:\n"
    "        fail(i)\n"
    "    except ValueError as e:\n"
    "        errors.append(e)\n"
    "raise ExceptionGroup(\"several\", errors)\n",
    "  + Exception Group Traceback (most recent call last):\n"
    "  |   File \"prog.py\", line 9, in <module>\n"
    "  |     raise ExceptionGroup(\"several\", errors)\n"
    "  | ExceptionGroup: several (2 sub-exceptions)\n"
    "  +-+---------------- 1 ----------------\n"
    "    | Traceback (most recent call last):\n"
    "    |   File \"prog.py\", line 6, in <module>\n"
    "    |     fail(i)\n"
    "    |   File \"prog.py\", line 2, in fail\n"
    "    |     raise ValueError(f\"bad {i}\")\n"
    "    | ValueError: bad 0\n"
    "    +---------------- 2 ----------------\n"
    "    | Traceback (most recent call last):\n"
    "    |   File \"prog.py\", line 6, in <module>\n"
    "    |     fail(i)\n"
    "    |   File \"prog.py\", line 2, in fail\n"
    "    |     raise ValueError(f\"bad {i}\")\n"
    "    | ValueError: bad 1\n"
    "    +------------------------------------\n" },
  { "name_suggestion",
    "count = 3\n"
    "print(cuont)\n",
    "Traceback (most recent call last):\n"
    "  File \"prog.py\", line 2, in <module>\n"
    "    print(cuont)\n"
    "          ^^^^^\n"
    "NameError: name 'cuont' is not defined. Did you mean: 'count'?\n" },
};

/* Syntax errors: CPython's report. */
static const Program syntax_errors[] = {
  { "missing_colon",
    "x = 1\n"
    "if x\n"
    "    pass\n",
    "  File \"prog.py\", line 2\n"
    "    if x\n"
    "        ^\n"
    "SyntaxError: expected ':'\n" },
  { "unclosed",
    "print((1, 2)\n",
    "  File \"prog.py\", line 1\n"
    "    print((1, 2)\n"
    "         ^\n"
    "SyntaxError: '(' was never closed\n" },
  { "bad_indent",
    "def f():\n"
    "    return 1\n"
    "  x = 2\n",
    "  File \"prog.py\", line 3\n"
    "    x = 2\n"
    "         ^\n"
    "IndentationError: unindent does not match any outer indentation level\n" },
};

/* ----------------------------------------------------------------- tests */

static void
test_program (gconstpointer data)
{
  const Program *p = data;
  g_autofree char *out = run_program (p->source, -1, FALSE, NULL);

  g_assert_cmpstr (out, ==, p->expected);
}

/* Any budget gives the same output; small budgets really suspend. */
static void
test_budget (gconstpointer data)
{
  const Program *p = data;
  static const gint64 budgets[] = { 1, 7, 1000 };

  for (gsize i = 0; i < G_N_ELEMENTS (budgets); i++)
    {
      int suspensions = 0;
      g_autofree char *out = run_program (p->source, budgets[i], FALSE, &suspensions);
      g_assert_cmpstr (out, ==, p->expected);
      if (budgets[i] == 1)
        g_assert_cmpint (suspensions, >, 10);
    }
}

static void
test_traceback (gconstpointer data)
{
  const Program *p = data;
  Capture cap;
  LsVM *vm = new_vm (&cap);
  g_autofree char *report = NULL;

  g_assert_cmpint (run_source (vm, p->source, -1, NULL), ==, LS_RUN_ERROR);
  report = ls_format_exception (vm, vm->exc, NULL);
  g_assert_cmpstr (report, ==, p->expected);
  ls_vm_free (vm);
  capture_clear (&cap);
}

static void
test_syntax_error (gconstpointer data)
{
  const Program *p = data;
  Capture cap;
  LsVM *vm = new_vm (&cap);
  LsSyntaxError *err = NULL;
  g_autofree char *report = NULL;

  g_assert_null (ls_vm_compile (vm, "prog.py", p->source, -1, 0, &err));
  g_assert_nonnull (err);
  report = ls_vm_format_syntax_error (err);
  g_assert_cmpstr (report, ==, p->expected);
  ls_syntax_error_free (err);
  ls_vm_free (vm);
  capture_clear (&cap);
}

static void
test_recursion_limit (void)
{
  g_autofree char *out = run_program ("n = 0\n"
                                      "def f():\n"
                                      "    global n\n"
                                      "    n += 1\n"
                                      "    f()\n"
                                      "try:\n"
                                      "    f()\n"
                                      "except RecursionError as e:\n"
                                      "    print(n, e)\n"
                                      "n = 0\n"
                                      "try:\n"
                                      "    f()\n"
                                      "except RecursionError as e:\n"
                                      "    print(n, e)\n", -1, FALSE, NULL);

  /* CPython 3.11: the module frame plus 999 calls. */
  g_assert_cmpstr (out, ==, "999 maximum recursion depth exceeded\n"
                            "999 maximum recursion depth exceeded\n");
}

static void
test_memory_error (void)
{
  Capture cap;
  LsVM *vm = new_vm (&cap);
  LsRunStatus s;

  ls_vm_set_heap_limit (vm, 16 << 20);
  s = run_source (vm, "def grow():\n"
                      "    xs = []\n"
                      "    while True:\n"
                      "        xs.append('x' * 1000 + str(len(xs)))\n"
                      "try:\n"
                      "    grow()\n"
                      "except MemoryError:\n"
                      "    print('MemoryError caught')\n"
                      "print('still alive', len([1, 2, 3]))\n", -1, NULL);
  g_assert_cmpint (s, ==, LS_RUN_DONE);
  g_assert_cmpstr (cap.out->str, ==, "MemoryError caught\nstill alive 3\n");
  /* The list died with grow()'s frame: a collection gets the memory back. */
  ls_gc_collect (vm);
  g_assert_cmpuint (vm->bytes_allocated, <, 8 << 20);
  ls_vm_free (vm);
  capture_clear (&cap);
}

/* The runtime's view: drive a coroutine step by step from C. */
static const char driver_source[] =
  "class Req:\n"
  "    def __init__(self, what): self.what = what\n"
  "    def __await__(self):\n"
  "        reply = yield self.what\n"
  "        return reply\n"
  "async def inner(x):\n"
  "    total = 0\n"
  "    for i in range(50):\n"
  "        total += i\n"
  "    return (await Req(x)) + total\n"
  "async def main():\n"
  "    a = await inner('first')\n"
  "    try:\n"
  "        await inner('second')\n"
  "    except KeyError as e:\n"
  "        a += 1000\n"
  "    return a\n";

static LsRunStatus
step (LsVM     *vm,
      gboolean  is_throw,
      LsValue   coro,
      LsValue   value,
      gint64    budget,
      LsValue  *out,
      int      *suspensions)
{
  LsRunStatus s = is_throw ? ls_vm_gen_throw (vm, coro, value, budget, out)
                           : ls_vm_gen_send (vm, coro, value, budget, out);
  while (s == LS_RUN_SUSPENDED)
    {
      (*suspensions)++;
      g_assert_true (ls_vm_is_suspended (vm));
      s = ls_vm_resume (vm, budget, out);
    }
  return s;
}

static void
test_driver (void)
{
  static const gint64 budgets[] = { -1, 1, 5 };

  for (gsize i = 0; i < G_N_ELEMENTS (budgets); i++)
    {
      Capture cap;
      LsVM *vm = new_vm (&cap);
      LsModule *m;
      LsValue main_fn, coro, out = LS_UNDEF, exc;
      int suspensions = 0;

      g_assert_cmpint (run_source (vm, driver_source, -1, NULL), ==, LS_RUN_DONE);
      m = ls_vm_main_module (vm);
      main_fn = ls_dict_get_str (m->dict, ls_str_intern (vm, "main", -1));
      coro = ls_call (vm, main_fn, NULL, 0, NULL);
      g_assert_true (ls_gen_is_coroutine (vm, coro));
      ls_gc_pin (vm, coro);

      g_assert_cmpint (step (vm, FALSE, coro, LS_NONE, budgets[i], &out, &suspensions), ==, LS_RUN_YIELDED);
      g_assert_cmpstr (ls_str_cstr ((LsStr *) LS_AS_OBJ (out)), ==, "first");
      g_assert_true (LS_IS_OBJ (ls_gen_get_awaiting (coro)));
      g_assert_cmpint (ls_gen_get_line (coro), ==, 12);

      g_assert_cmpint (step (vm, FALSE, coro, ls_int (1), budgets[i], &out, &suspensions), ==, LS_RUN_YIELDED);
      g_assert_cmpstr (ls_str_cstr ((LsStr *) LS_AS_OBJ (out)), ==, "second");

      /* throw() goes to the innermost await first, and is caught in main. */
      exc = ls_exc_new (vm, LS_EXC (vm, KEY_ERROR), NULL, 0);
      g_assert_cmpint (step (vm, TRUE, coro, exc, budgets[i], &out, &suspensions), ==, LS_RUN_RETURNED);
      g_assert_cmpint (LS_AS_INT (out), ==, 1 + 1225 + 1000);
      g_assert_true (ls_gen_is_finished (coro));
      if (budgets[i] == 1)
        g_assert_cmpint (suspensions, >, 100);

      /* A finished coroutine cannot be resumed. */
      g_assert_cmpint (ls_vm_gen_send (vm, coro, LS_NONE, -1, &out), ==, LS_RUN_ERROR);
      g_assert_true (ls_exc_pending_is (vm, LS_EXC_RUNTIME_ERROR));
      ls_exc_clear (vm);
      ls_gc_unpin (vm, coro);
      ls_vm_free (vm);
      capture_clear (&cap);
    }
}

static void
test_toplevel_await (void)
{
  Capture cap;
  LsVM *vm = new_vm (&cap);
  LsSyntaxError *err = NULL;
  LsCode *code = ls_vm_compile (vm, "prog.py",
                                "class Tick:\n"
                                "    def __await__(self):\n"
                                "        return (yield 'tick')\n"
                                "print('before')\n"
                                "v = await Tick()\n"
                                "print('after', v)\n", -1, LS_COMPILE_TOPLEVEL_AWAIT, &err);
  LsValue coro = LS_UNDEF, out = LS_UNDEF;

  g_assert_nonnull (code);
  g_assert_true (code->flags & LS_CODE_TOPLEVEL_AWAIT);
  g_assert_cmpint (ls_vm_run_main (vm, code, -1, &coro), ==, LS_RUN_DONE);
  g_assert_true (ls_gen_is_coroutine (vm, coro));
  ls_gc_pin (vm, coro);
  g_assert_cmpint (ls_vm_gen_send (vm, coro, LS_NONE, -1, &out), ==, LS_RUN_YIELDED);
  g_assert_cmpint (ls_vm_gen_send (vm, coro, ls_int (5), -1, &out), ==, LS_RUN_RETURNED);
  g_assert_cmpstr (cap.out->str, ==, "before\nafter 5\n");
  ls_gc_unpin (vm, coro);
  ls_vm_free (vm);
  capture_clear (&cap);
}

static void
test_call_from_c (void)
{
  Capture cap;
  LsVM *vm = new_vm (&cap);
  LsDict *g;
  LsValue f, r, args[2];
  LsTuple *kw;

  g_assert_cmpint (run_source (vm, "def add(a, b=10):\n"
                                   "    return a + b\n"
                                   "class C:\n"
                                   "    def m(self, x): return x * 3\n"
                                   "c = C()\n", -1, NULL), ==, LS_RUN_DONE);
  g = ls_vm_main_module (vm)->dict;
  f = ls_dict_get_str (g, ls_str_intern (vm, "add", -1));
  args[0] = ls_int (1);
  r = ls_call (vm, f, args, 1, NULL);
  g_assert_cmpint (LS_AS_INT (r), ==, 11);
  kw = ls_tuple_new (vm, 1);
  kw->items[0] = ls_obj (ls_str_intern (vm, "b", -1));
  args[1] = ls_int (5);
  r = ls_call (vm, f, args, 1, kw);
  g_assert_cmpint (LS_AS_INT (r), ==, 6);
  r = ls_call (vm, f, NULL, 0, NULL);
  g_assert_true (LS_IS_ERR (r));
  g_assert_true (ls_exc_pending_is (vm, LS_EXC_TYPE_ERROR));
  ls_exc_clear (vm);
  r = ls_call_method (vm, ls_dict_get_str (g, ls_str_intern (vm, "c", -1)),
                      ls_str_intern (vm, "m", -1), args, 1);
  g_assert_cmpint (LS_AS_INT (r), ==, 3);
  ls_vm_free (vm);
  capture_clear (&cap);
}

static void
test_parse_args (void)
{
  Capture cap;
  LsVM *vm = new_vm (&cap);
  LsValue out[3] = { LS_UNDEF, LS_UNDEF, LS_UNDEF };
  LsValue args[4] = { ls_int (1), ls_int (2), ls_int (3), ls_int (4) };
  LsTuple *kw = ls_tuple_new (vm, 1);
  LsValue msg;

  g_assert_true (ls_parse_args (vm, "f", "a|b,c", args, 2, NULL, out));
  g_assert_cmpint (LS_AS_INT (out[1]), ==, 2);
  g_assert_true (LS_IS_UNDEF (out[2]));
  kw->items[0] = ls_obj (ls_str_intern (vm, "c", -1));
  g_assert_true (ls_parse_args (vm, "f", "a|b,c", args, 1, kw, out));
  g_assert_cmpint (LS_AS_INT (out[2]), ==, 2);
  g_assert_false (ls_parse_args (vm, "f", "a|b,c", args, 4, NULL, out));
  msg = ls_exc_str (vm, vm->exc);
  g_assert_cmpstr (ls_str_cstr ((LsStr *) LS_AS_OBJ (msg)), ==, "f() takes at most 3 arguments (4 given)");
  ls_exc_clear (vm);
  kw->items[0] = ls_obj (ls_str_intern (vm, "zz", -1));
  g_assert_false (ls_parse_args (vm, "f", "a|b,c", args, 1, kw, out));
  msg = ls_exc_str (vm, vm->exc);
  g_assert_cmpstr (ls_str_cstr ((LsStr *) LS_AS_OBJ (msg)), ==, "f() got an unexpected keyword argument 'zz'");
  ls_exc_clear (vm);
  ls_vm_free (vm);
  capture_clear (&cap);
}

/* A native that hands its argument to the host when it may (host calls),
 * and doubles it itself when called nested. */
static LsValue
hostcall_ask (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kw)
{
  if (ls_vm_can_hostcall (vm, hostcall_ask))
    return ls_vm_request_hostcall (vm, args[0]);
  return ls_binary_op (vm, args[0], args[0], LS_BINOP_ADD);
}

static gboolean
hostcall_init (LsVM   *vm,
               LsDict *dict)
{
  ls_dict_set_cstr (vm, dict, "ask", ls_native_new (vm, "ask", hostcall_ask, LS_UNDEF));
  return TRUE;
}

static void
test_hostcall (void)
{
  Capture cap;
  LsVM *vm = new_vm (&cap);
  LsSyntaxError *err = NULL;
  LsCode *code;
  LsValue out = LS_UNDEF, coro, exc, msg;
  LsRunStatus s;

  ls_vm_register_module (vm, "hostcall", hostcall_init);
  code = ls_vm_compile (vm, "prog.py",
                        "import hostcall\n"
                        "async def co():\n"
                        "    return 7\n"
                        "c = co()\n"
                        "def f(x):\n"
                        "    return hostcall.ask(x) + 1\n"
                        "print(f(20))\n"
                        "try:\n"
                        "    hostcall.ask('boom')\n"
                        "except ValueError as e:\n"
                        "    print('caught', e)\n"
                        "print(sorted([3, 1], key=hostcall.ask))\n", -1, 0, &err);
  g_assert_nonnull (code);
  s = ls_vm_run_main (vm, code, -1, &out);
  g_assert_cmpint (s, ==, LS_RUN_HOSTCALL);
  g_assert_true (ls_vm_hostcall_pending (vm));
  g_assert_cmpint (LS_AS_INT (ls_vm_get_hostcall (vm)), ==, 20);

  /* While the program waits, the host may drive coroutines. */
  coro = ls_dict_get_str (ls_vm_main_module (vm)->dict, ls_str_intern (vm, "c", -1));
  g_assert_cmpint (ls_vm_gen_send (vm, coro, LS_NONE, -1, &out), ==, LS_RUN_RETURNED);
  g_assert_cmpint (LS_AS_INT (out), ==, 7);

  s = ls_vm_resume_with_value (vm, ls_int (100), 3, &out);
  while (s == LS_RUN_SUSPENDED)
    s = ls_vm_resume (vm, 3, &out);
  g_assert_cmpint (s, ==, LS_RUN_HOSTCALL);
  g_assert_cmpstr (cap.out->str, ==, "101\n");
  msg = ls_str_value (vm, "no");
  exc = ls_exc_new (vm, LS_EXC (vm, VALUE_ERROR), &msg, 1);
  s = ls_vm_resume_with_exception (vm, exc, -1, &out);
  g_assert_cmpint (s, ==, LS_RUN_DONE);
  g_assert_false (ls_vm_hostcall_pending (vm));
  g_assert_cmpstr (cap.out->str, ==, "101\ncaught no\n[1, 3]\n");
  ls_vm_free (vm);
  capture_clear (&cap);
}

/* At exit, generators left suspended in a try block run their finally
 * blocks, as CPython's finalization does (output from python3). */
static void
test_finalize_main (void)
{
  static const char source[] =
    "def gen(name):\n"
    "    try:\n"
    "        yield name\n"
    "    finally:\n"
    "        print('finally', name)\n"
    "def count():\n"
    "    try:\n"
    "        yield 1\n"
    "    finally:\n"
    "        print('count closed')\n"
    "class Pipeline:\n"
    "    def __init__(self):\n"
    "        self.stage = self.run()\n"
    "        next(self.stage)\n"
    "    def run(self):\n"
    "        try:\n"
    "            while True:\n"
    "                print('got', (yield))\n"
    "        finally:\n"
    "            print('pipeline closed')\n"
    "a = gen('a')\n"
    "next(a)\n"
    "_b = gen('_b')\n"
    "next(_b)\n"
    "kept = [gen('in a list')]\n"
    "next(kept[0])\n"
    "c = count()\n"
    "next(c)\n"
    "p = Pipeline()\n"
    "p.stage.send(1)\n"
    "p = None\n"
    "print('end of program')\n";
  static const char expected[] =
    "got 1\n"
    "end of program\n"
    "pipeline closed\n"
    "finally a\n"
    "finally _b\n"
    "count closed\n"
    "finally in a list\n";
  Capture cap;
  LsVM *vm = new_vm (&cap);

  g_assert_cmpint (run_source (vm, source, -1, NULL), ==, LS_RUN_DONE);
  ls_vm_finalize_main (vm);
  g_assert_cmpstr (cap.out->str, ==, expected);
  g_assert_cmpstr (cap.err->str, ==, "");
  ls_vm_free (vm);
  capture_clear (&cap);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (programs); i++)
    {
      g_autofree char *p1 = g_strdup_printf ("/lang/vm/programs/%s", programs[i].name);
      g_autofree char *p2 = g_strdup_printf ("/lang/vm/budget/%s", programs[i].name);
      g_test_add_data_func (p1, &programs[i], test_program);
      g_test_add_data_func (p2, &programs[i], test_budget);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (tracebacks); i++)
    {
      g_autofree char *p = g_strdup_printf ("/lang/vm/traceback/%s", tracebacks[i].name);
      g_test_add_data_func (p, &tracebacks[i], test_traceback);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (syntax_errors); i++)
    {
      g_autofree char *p = g_strdup_printf ("/lang/vm/syntax-error/%s", syntax_errors[i].name);
      g_test_add_data_func (p, &syntax_errors[i], test_syntax_error);
    }
  g_test_add_func ("/lang/vm/recursion-limit", test_recursion_limit);
  g_test_add_func ("/lang/vm/memory-error", test_memory_error);
  g_test_add_func ("/lang/vm/driver", test_driver);
  g_test_add_func ("/lang/vm/toplevel-await", test_toplevel_await);
  g_test_add_func ("/lang/vm/call-from-c", test_call_from_c);
  g_test_add_func ("/lang/vm/parse-args", test_parse_args);
  g_test_add_func ("/lang/vm/hostcall", test_hostcall);
  g_test_add_func ("/lang/vm/finalize-main", test_finalize_main);
  return g_test_run ();
}
