#!/usr/bin/env bash
# Compare loopscope-run with CPython on bench/interp.py.
#
#   bench/run.sh [RUNNER]        # RUNNER defaults to _build/src/cli/loopscope-run
#
# Checks that both print the same thing, then times them (hyperfine when
# installed and BENCH_NO_HYPERFINE is unset, else the best of BENCH_RUNS
# wall-clock runs) and prints the ratio
# loopscope / CPython (lower is better; 1.0 means as fast as CPython).
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runner=${1:-$top/_build/src/cli/loopscope-run}
script=$top/bench/interp.py
runs=${BENCH_RUNS:-5}

if [ ! -x "$runner" ]; then
  echo "bench: no runner at $runner (run 'make' first)" >&2
  exit 1
fi
# Time the interpreter itself, not a launcher script such as a pyenv shim.
python=$("${PYTHON:-python3}" -c 'import sys; print(sys.executable)')

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$python" "$script" > "$tmp/cpython.out"
if ! "$runner" "$script" > "$tmp/loopscope.out"; then
  echo "bench: $runner failed on bench/interp.py" >&2
  exit 1
fi
if ! cmp -s "$tmp/cpython.out" "$tmp/loopscope.out"; then
  echo "bench: outputs differ:" >&2
  diff -u --label cpython --label loopscope "$tmp/cpython.out" "$tmp/loopscope.out" >&2 || true
  exit 1
fi
echo "bench: outputs identical ($(tail -n 1 "$tmp/cpython.out"))"

if [ -z "${BENCH_NO_HYPERFINE:-}" ] && command -v hyperfine > /dev/null; then
  hyperfine --warmup 1 --runs "$runs" --export-json "$tmp/times.json" \
    -n cpython "$python $script" \
    -n loopscope "$runner $script"
  # The two "median" fields, in command order (the median resists noisy runs).
  mapfile -t medians < <(sed -n 's/^ *"median": *\([0-9.eE+-]*\),*$/\1/p' "$tmp/times.json")
  t_py=${medians[0]}
  t_ls=${medians[1]}
else
  best_of () {
    local best="" start end t
    for _ in $(seq "$runs"); do
      start=$(date +%s.%N)
      "$@" > /dev/null
      end=$(date +%s.%N)
      t=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", b - a }')
      if [ -z "$best" ] || awk -v t="$t" -v b="$best" 'BEGIN { exit !(t < b) }'; then
        best=$t
      fi
    done
    echo "$best"
  }
  t_py=$(best_of "$python" "$script")
  t_ls=$(best_of "$runner" "$script")
  echo "cpython:   ${t_py} s (best of $runs)"
  echo "loopscope: ${t_ls} s (best of $runs)"
fi

awk -v py="$t_py" -v ls="$t_ls" \
  'BEGIN { printf "bench: loopscope %.3f s, cpython %.3f s, ratio %.2fx\n", ls, py, ls / py }'
