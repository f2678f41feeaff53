#!/usr/bin/env bash
# Regenerate the expected results of the asyncio conformance programs in this folder
# from CPython 3.11 running on a virtual clock (tests/oracle/vrun.py).
#
#   tests/conformance-async/regen.sh              # every program here
#   tests/conformance-async/regen.sh NAME...      # only these (NAME or NAME.py)
#
# This is a thin wrapper around tests/oracle/regen.sh, which does the work: each
# program runs from this folder as `python3 ../oracle/vrun.py NAME.py` (so tracebacks
# and Task reprs name the bare file), twice with different hash seeds, and writes
#   NAME.out     its stdout, byte for byte
#   NAME.status  its exit status, only when it is not 0
#   NAME.err     the last line of its stderr, only when the exit status is not 0
# Never edit those files by hand. Set PYTHON to pick the interpreter (CPython 3.11).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
oracle=$here/../oracle/regen.sh

programs=()
if [ $# -gt 0 ]; then
  for arg in "$@"; do
    name=$(basename "${arg%.py}")
    if [ ! -f "$here/$name.py" ]; then
      echo "regen.sh: no program $name.py in $here" >&2
      exit 1
    fi
    programs+=("$here/$name.py")
  done
else
  for p in "$here"/*.py; do
    [ -e "$p" ] && programs+=("$p")
  done
  # Expected files whose program is gone.
  for f in "$here"/*.out "$here"/*.status "$here"/*.err; do
    [ -e "$f" ] || continue
    [ -e "${f%.*}.py" ] || { echo "removing stale $(basename "$f")"; rm -f "$f"; }
  done
fi

if [ "${#programs[@]}" -eq 0 ]; then
  echo "regen.sh: no programs in $here" >&2
  exit 1
fi
exec bash "$oracle" "${programs[@]}"
