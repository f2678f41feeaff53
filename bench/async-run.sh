#!/usr/bin/env bash
# The asyncio benchmarks: loopscope-run against CPython on bench/async/*.py.
#
#   bench/async-run.sh [RUNNER]     # RUNNER defaults to _build/src/cli/loopscope-run
#
# Run by hand (not a test): the goals (>= 5x CPython, <= 15 % for recording
# the trace, <= 500 bytes per sleeping task) are measured, not asserted.
#
# Each program runs under CPython on our virtual-clock loop (tests/oracle/vrun.py)
# and under loopscope-run in instant mode (virtual clock), once without and once
# with trace recording (--record-trace: recorded, not written). The three outputs
# must be identical. Times are user+sys CPU seconds (the machine is shared, so
# wall time would count other people's work), the best of BENCH_RUNS runs
# (default 3); RSS is the peak resident size of loopscope's run without the trace.
#
# Memory per sleeping task: sleeping_tasks.py with N tasks asleep at once, peak
# RSS minus that of the same program with N=0, divided by N (BENCH_SLEEPERS,
# default 100000).
#
# The first row, startup, is an empty asyncio.run(): the fixed cost in every
# row (interpreter start, `import asyncio`), for reading the short ones.
#
# BENCH_ONLY="queue wait_for" runs some of the programs only.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runner=${1:-$top/_build/src/cli/loopscope-run}
runs=${BENCH_RUNS:-3}
sleepers=${BENCH_SLEEPERS:-100000}
programs=${BENCH_ONLY:-"gather_sleep semaphore queue wait_for async_gen"}
vrun=$top/tests/oracle/vrun.py

if [ ! -x "$runner" ]; then
  echo "async-run: no runner at $runner (build it first)" >&2
  exit 1
fi
if [ ! -x /usr/bin/time ]; then
  echo "async-run: needs GNU time at /usr/bin/time" >&2
  exit 1
fi
# Time the interpreter itself, not a launcher script such as a pyenv shim.
python=$("${PYTHON:-python3}" -c 'import sys; print(sys.executable)')

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# measure NAME CMD...: runs CMD, output to $tmp/NAME.out; sets cpu (s) and rss (KiB).
measure () {
  local name=$1
  shift
  if ! /usr/bin/time -o "$tmp/$name.time" -f '%U %S %M' "$@" > "$tmp/$name.out"; then
    echo "async-run: '$*' failed" >&2
    exit 1
  fi
  read -r user sys rss < "$tmp/$name.time"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')
}

# best NAME CMD...: the best CPU time of $runs runs (and that run's RSS).
best () {
  local name=$1 best_cpu="" best_rss=""
  shift
  for _ in $(seq "$runs"); do
    measure "$name" "$@"
    if [ -z "$best_cpu" ] || awk -v a="$cpu" -v b="$best_cpu" 'BEGIN { exit !(a < b) }'; then
      best_cpu=$cpu
      best_rss=$rss
    fi
  done
  cpu=$best_cpu
  rss=$best_rss
}

same_output () {
  local a=$1 b=$2
  if ! cmp -s "$tmp/$a.out" "$tmp/$b.out"; then
    echo "async-run: outputs differ ($a vs $b):" >&2
    diff -u --label "$a" --label "$b" "$tmp/$a.out" "$tmp/$b.out" >&2 || true
    exit 1
  fi
}

# Startup: an empty asyncio.run(), included in every time below.
cat > "$tmp/startup.py" <<'PY'
import asyncio


async def main():
    print("startup")


asyncio.run(main())
PY

rows=()
for prog in startup $programs; do
  script=$top/bench/async/$prog.py
  [ "$prog" = startup ] && script=$tmp/startup.py
  best "$prog.py" "$python" "$vrun" "$script"
  py_cpu=$cpu
  best "$prog.ls" "$runner" "$script"
  ls_cpu=$cpu
  ls_rss=$rss
  best "$prog.trace" "$runner" --record-trace "$script"
  tr_cpu=$cpu
  same_output "$prog.py" "$prog.ls"
  same_output "$prog.py" "$prog.trace"
  echo "async-run: $prog: $(head -c 100 "$tmp/$prog.py.out")" >&2
  rows+=("$(awk -v n="$prog" -v py="$py_cpu" -v ls="$ls_cpu" -v tr="$tr_cpu" -v rss="$ls_rss" \
    'BEGIN { printf "| %s | %.2f | %.2f | %.1fx | %+.0f %% | %.0f MiB |", n, py, ls, py / ls, 100 * (tr - ls) / ls, rss / 1024 }')")
done

# Memory per sleeping task: a copy of the program with N rewritten.
sleep_script=$top/bench/async/sleeping_tasks.py
sed "s/^N = [0-9_]*/N = $sleepers/" "$sleep_script" > "$tmp/sleepers.py"
sed "s/^N = [0-9_]*/N = 0/" "$sleep_script" > "$tmp/sleepers0.py"
per_task () {
  local tag=$1
  shift
  best "sleep.$tag" "$@" "$tmp/sleepers.py"
  local full=$rss
  best "sleep0.$tag" "$@" "$tmp/sleepers0.py"
  awk -v a="$full" -v b="$rss" -v n="$sleepers" 'BEGIN { printf "%.0f", (a - b) * 1024 / n }'
}
py_bytes=$(per_task py "$python" "$vrun")
ls_bytes=$(per_task ls "$runner")
same_output sleep.py sleep.ls

echo
echo "| benchmark | CPython s | loopscope s | speedup | trace overhead | loopscope RSS |"
echo "|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "| memory per sleeping task ($sleepers at once) | CPython | loopscope |"
echo "|---|---:|---:|"
echo "| peak RSS over an empty run, per task | $py_bytes B | $ls_bytes B |"
