#!/usr/bin/env python3
"""Loopscope's oracle: run a Python program under CPython on a virtual clock.

    python3 vrun.py PROGRAM.py [ARGS...]

What the program sees differs from `python3 PROGRAM.py` in one way: time is virtual.

* One process-wide clock, in seconds, starting at 0.0.
* Event loops (asyncio.run, asyncio.Runner, new_event_loop, get_event_loop) are
  ordinary SelectorEventLoops whose selector never blocks: when the loop would wait
  `timeout` seconds for its next timer, the clock jumps by exactly that amount
  (a float addition) and select() returns at once. loop.time() reads the clock.
  asyncio's scheduling code itself is CPython's, so the ready queue, timer-heap tie
  order and clock-resolution window are exactly CPython's. A loop with nothing
  ready and no timer pending would wait forever; here it raises RuntimeError.
* time.sleep(x) adds x to the clock at once (it "blocks" the caller).
* time.monotonic(), time.perf_counter() read the clock; time.time() is
  1700000000.0 + clock; the *_ns variants are int(seconds * 1e9);
  time.gmtime(), time.localtime(), time.strftime(), time.ctime(), time.asctime()
  show that virtual wall time in UTC.

An uncaught exception prints its traceback on stderr starting at the program's own
outermost frame (this runner's frames are hidden), through the interpreter's own
display so the text matches `python3 PROGRAM.py` (3.11's "Did you mean" hints
included), and exits with status 1 (130 for KeyboardInterrupt, as after Ctrl+C);
sys.exit(code) exits with code. File names in tracebacks are PROGRAM as given on the
command line, so run it by its bare name from its folder for portable output.
"""
import asyncio
import os
import runpy
import selectors
import sys
import time

WALL_EPOCH = 1700000000.0
FOREVER_MESSAGE = "event loop would block forever (nothing ready, no timer pending)"


class VirtualClock:
    """Seconds since the start of the run; only ever moved forward by the runner."""

    def __init__(self):
        self.seconds = 0.0

    def advance(self, delta):
        self.seconds += delta

    def wall(self):
        return WALL_EPOCH + self.seconds


CLOCK = VirtualClock()


class _InstantSelector(selectors.DefaultSelector):
    """Polls without waiting; a requested wait becomes a jump of the virtual clock."""

    def select(self, timeout=None):
        events = super().select(0)
        if events:
            return events
        if timeout is None:
            raise RuntimeError(FOREVER_MESSAGE)
        if timeout > 0:
            CLOCK.advance(timeout)
        return []


class _VirtualTimeLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__(selector=_InstantSelector())

    def time(self):
        return CLOCK.seconds


class _VirtualTimePolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return _VirtualTimeLoop()


# --- the time module, rebased on the virtual clock -----------------------------------

_gmtime = time.gmtime
_strftime = time.strftime
_asctime = time.asctime


def _sleep(seconds):
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    CLOCK.advance(seconds)


def _struct_time(seconds=None):
    return _gmtime(CLOCK.wall() if seconds is None else seconds)


def _format_time(format, t=None):
    return _strftime(format, _struct_time() if t is None else t)


def _asctime_virtual(t=None):
    return _asctime(_struct_time() if t is None else t)


def _ctime(seconds=None):
    return _asctime(_struct_time(seconds))


def _nanoseconds(read):
    return lambda: int(read() * 1e9)


def _patch_time_module():
    monotonic = lambda: CLOCK.seconds  # noqa: E731
    wall = CLOCK.wall
    replacements = {
        "sleep": _sleep,
        "monotonic": monotonic,
        "perf_counter": monotonic,
        "time": wall,
        "monotonic_ns": _nanoseconds(monotonic),
        "perf_counter_ns": _nanoseconds(monotonic),
        "time_ns": _nanoseconds(wall),
        "gmtime": _struct_time,
        "localtime": _struct_time,  # the virtual wall clock lives in UTC
        "strftime": _format_time,
        "asctime": _asctime_virtual,
        "ctime": _ctime,
    }
    for name, func in replacements.items():
        setattr(time, name, func)


# --- running the program -------------------------------------------------------------

def _report(exc, program):
    """Print exc the way the interpreter does, from the program's first frame on."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != program:
        tb = tb.tb_next
    sys.stdout.flush()
    # The interpreter's own display (not the traceback module) so that the text,
    # including 3.11's "Did you mean" hints, is what `python3 PROGRAM.py` prints.
    sys.__excepthook__(type(exc), exc.with_traceback(tb), tb)
    sys.stderr.flush()


def _exit_status(code):
    """The process status for SystemExit(code), printing a non-integer code."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stdout.flush()
    print(code, file=sys.stderr)
    return 1


def run(program, args=()):
    asyncio.set_event_loop_policy(_VirtualTimePolicy())
    _patch_time_module()
    sys.argv = [program, *args]
    sys.path[0] = os.path.dirname(os.path.abspath(program))
    try:
        runpy.run_path(program, run_name="__main__")
    except SystemExit as exc:
        return _exit_status(exc.code)
    except KeyboardInterrupt as exc:
        _report(exc, program)
        return 130  # what a shell reports for a process ended by SIGINT
    except BaseException as exc:  # noqa: B902 - everything escapes like in python3
        _report(exc, program)
        return 1
    finally:
        sys.stdout.flush()
    return 0


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__, file=sys.stderr)
        return 2
    return run(argv[1], argv[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
