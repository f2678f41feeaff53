#!/usr/bin/env bash
# Run the built-in scenarios through loopscope-run and report each run as TAP.
#
#   run-scenarios.sh RUNNER SCENARIOS_DIR EXPECTED_DIR
#
# Each SCENARIOS_DIR/NAME.py runs from SCENARIOS_DIR as `RUNNER NAME.py`, and once
# more for each line "NAME P=V..." of EXPECTED_DIR/cases.txt as
# `RUNNER --param P=V... NAME.py`. Each run must exit 0 and print exactly the
# expected file (EXPECTED_DIR/NAME.out or NAME@P=V,....out, written by regen.sh
# from CPython). Every scenario needs its .out and at least two parameter cases.
# LS_CONFORMANCE_TIMEOUT (seconds, default 60) bounds each run. Needs only bash
# and coreutils/diffutils.
set -u

if [ $# -ne 3 ]; then
  echo "usage: $0 RUNNER SCENARIOS_DIR EXPECTED_DIR" >&2
  exit 2
fi
runner=$1
case $runner in
  /*) ;;
  *) runner=$PWD/$runner ;;
esac
if [ ! -x "$runner" ]; then
  echo "Bail out! no runner at $runner"
  exit 1
fi
scenarios=$(cd "$2" && pwd) || { echo "Bail out! no such directory: $2"; exit 1; }
expected=$(cd "$3" && pwd) || { echo "Bail out! no such directory: $3"; exit 1; }
# shellcheck source=expected-name.sh
. "$(dirname "${BASH_SOURCE[0]}")/expected-name.sh"
per_run_timeout=${LS_CONFORMANCE_TIMEOUT:-60}
work=$(mktemp -d "${TMPDIR:-/tmp}/ls-scenarios.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Every run as "NAME [P=V...]": first the defaults, then cases.txt's lines.
runs=()
names=()
for path in "$scenarios"/*.py; do
  [ -e "$path" ] || continue
  names+=("$(basename "$path" .py)")
  runs+=("${names[-1]}")
done
if [ -f "$expected/cases.txt" ]; then
  while read -r line; do
    case $line in ''|'#'*) continue ;; esac
    runs+=("$line")
  done < "$expected/cases.txt"
fi

echo "1..$(( ${#runs[@]} + ${#names[@]} ))"
i=0
failed=0

# Each scenario must have parameter cases, so a new one is not left untested.
for name in "${names[@]}"; do
  i=$((i + 1))
  n=$(grep -c "^$name[[:space:]]" "$expected/cases.txt" 2>/dev/null)
  if [ "${n:-0}" -ge 2 ]; then
    echo "ok $i - $name has $n parameter cases"
  else
    echo "not ok $i - $name has ${n:-0} parameter cases in cases.txt, needs 2"
    failed=$((failed + 1))
  fi
done

for run in "${runs[@]}"; do
  i=$((i + 1))
  read -r -a words <<< "$run"
  name=${words[0]}
  params=("${words[@]:1}")
  label="$name${params[*]:+ ${params[*]}}"
  want=$expected/$(case_file "$name" "${params[@]}")
  args=()
  for p in "${params[@]}"; do
    args+=(--param "$p")
  done

  if [ ! -f "$scenarios/$name.py" ]; then
    echo "not ok $i - $label: no scenario $name.py"
    failed=$((failed + 1))
    continue
  fi
  if [ ! -f "$want" ]; then
    echo "not ok $i - $label: missing $(basename "$want"): run tests/scenarios/regen.sh"
    failed=$((failed + 1))
    continue
  fi

  (cd "$scenarios" && ulimit -f 100000 \
    && exec timeout -k 5 "$per_run_timeout" "$runner" "${args[@]}" "$name.py") \
    > "$work/stdout" 2> "$work/stderr" < /dev/null
  status=$?

  problems=()
  if ! cmp -s "$want" "$work/stdout"; then
    diff -u --label expected --label "actual stdout" "$want" "$work/stdout" > "$work/diff"
    problems+=("stdout differs")
  fi
  if [ "$status" = 124 ] || [ "$status" = 137 ]; then
    problems+=("timed out after ${per_run_timeout}s")
  elif [ "$status" != 0 ]; then
    problems+=("exit status $status")
  fi
  if [ "${#problems[@]}" -eq 0 ]; then
    echo "ok $i - $label"
    continue
  fi
  failed=$((failed + 1))
  echo "not ok $i - $label"
  {
    echo "--- $label: ${problems[*]}"
    [ -f "$work/diff" ] && head -n 30 "$work/diff" | sed 's/^/    /'
    if [ -s "$work/stderr" ]; then
      echo "  stderr:"
      tail -n 10 "$work/stderr" | sed 's/^/    /'
    fi
  } >&2
  rm -f "$work/diff"
done

echo "# $((i - failed)) of $i checks passed"
exit 0
