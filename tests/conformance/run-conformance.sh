#!/usr/bin/env bash
# Run a conformance corpus through loopscope-run and report each program as TAP.
#
#   run-conformance.sh RUNNER CORPUS_DIR [CORPUS_DIR...]
#
# For each CORPUS_DIR/NAME.py the runner is started from CORPUS_DIR as `RUNNER NAME.py`
# (so tracebacks name the bare file) and must reproduce:
#   - stdout, byte for byte:            NAME.out
#   - the exit status:                  NAME.status (no file: 0)
#   - the last line of stderr, if any:  NAME.err
# Directories listed in LS_CONFORMANCE_EXTRA (colon-separated) are run too.
# LS_CONFORMANCE_TIMEOUT (seconds, default 60) bounds each program.
# LS_CONFORMANCE_FILTER (a shell glob on NAME) runs a subset.
# CORPUS_DIR/KNOWN_FAILURES lists programs Loopscope does not match yet, one
# "NAME  reason" per line: they are reported as TAP TODO (expected failures), and
# one that starts passing is reported as an unexpected pass, so the list only shrinks.
# Needs only bash and coreutils/diffutils: no python.
set -u

if [ $# -lt 2 ]; then
  echo "usage: $0 RUNNER CORPUS_DIR [CORPUS_DIR...]" >&2
  exit 2
fi

runner=$1
shift
case $runner in
  /*) ;;
  *) runner=$PWD/$runner ;;
esac

dirs=("$@")
if [ -n "${LS_CONFORMANCE_EXTRA:-}" ]; then
  IFS=: read -r -a extra <<< "$LS_CONFORMANCE_EXTRA"
  dirs+=("${extra[@]}")
fi

per_program_timeout=${LS_CONFORMANCE_TIMEOUT:-60}
filter=${LS_CONFORMANCE_FILTER:-*}
work=$(mktemp -d "${TMPDIR:-/tmp}/ls-conformance.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Collect the programs first: TAP wants the plan before the results.
programs=()
for dir in "${dirs[@]}"; do
  if [ ! -d "$dir" ]; then
    echo "Bail out! no such corpus directory: $dir"
    exit 1
  fi
  dir=$(cd "$dir" && pwd)
  for path in "$dir"/*.py; do
    [ -e "$path" ] || continue
    name=$(basename "$path" .py)
    # shellcheck disable=SC2254
    case $name in
      $filter) programs+=("$path") ;;
    esac
  done
done

show () {
  # Indent a file for the failure report, at most 30 lines.
  head -n 30 "$1" | sed 's/^/    /'
}

echo "1..${#programs[@]}"
if [ "${#programs[@]}" -eq 0 ]; then
  echo "# no programs found"
  exit 0
fi

i=0
failed=0
label_prefix=""
[ "${#dirs[@]}" -gt 1 ] && multi=1 || multi=0
for path in "${programs[@]}"; do
  i=$((i + 1))
  dir=$(dirname "$path")
  name=$(basename "$path" .py)
  if [ "$multi" -eq 1 ]; then
    label_prefix="$(basename "$dir")/"
  fi
  label="$label_prefix$name"

  if [ ! -f "$dir/$name.out" ]; then
    echo "not ok $i - $label"
    echo "--- $label: missing $name.out: run tests/oracle/regen.sh" >&2
    failed=$((failed + 1))
    continue
  fi

  # ulimit -f: a runaway program cannot fill the disk (about 100 MB of output at most).
  (cd "$dir" && ulimit -f 100000 && exec timeout -k 5 "$per_program_timeout" "$runner" "$name.py") \
    > "$work/stdout" 2> "$work/stderr" < /dev/null
  status=$?

  want_status=0
  [ -f "$dir/$name.status" ] && want_status=$(tr -d '[:space:]' < "$dir/$name.status")

  problems=()
  if ! cmp -s "$dir/$name.out" "$work/stdout"; then
    diff -u --label "$name.out" --label "actual stdout" "$dir/$name.out" "$work/stdout" \
      > "$work/diff"
    problems+=("stdout differs")
  fi
  if [ "$status" != "$want_status" ]; then
    if [ "$status" = 124 ] || [ "$status" = 137 ]; then
      problems+=("timed out after ${per_program_timeout}s")
    elif [ "$status" = 153 ]; then
      problems+=("stopped: more than 100 MB of output")
    else
      problems+=("exit status $status, expected $want_status")
    fi
  fi
  if [ -f "$dir/$name.err" ]; then
    want_err=$(tail -n 1 "$dir/$name.err")
    got_err=$(tail -n 1 "$work/stderr")
    if [ "$want_err" != "$got_err" ]; then
      problems+=("last stderr line: got '$got_err', expected '$want_err'")
    fi
  fi

  known=""
  if [ -f "$dir/KNOWN_FAILURES" ]; then
    known=$(awk -v n="$name" '$1 == n { $1 = ""; sub(/^ +/, ""); print; exit }' \
      "$dir/KNOWN_FAILURES")
  fi
  if [ "${#problems[@]}" -eq 0 ]; then
    if [ -n "$known" ]; then
      echo "ok $i - $label # TODO listed in KNOWN_FAILURES but passes now: remove it"
    else
      echo "ok $i - $label"
    fi
    continue
  fi
  failed=$((failed + 1))
  if [ -n "$known" ]; then
    echo "not ok $i - $label # TODO known failure: $known"
  else
    echo "not ok $i - $label"
  fi
  # Details go to stderr, which `meson test --print-errorlogs` shows.
  {
    echo "--- $label:"
    for p in "${problems[@]}"; do
      echo "  $p"
    done
    if [[ " ${problems[*]} " == *"stdout differs"* ]]; then
      show "$work/diff"
    fi
    if [ -s "$work/stderr" ] && [ "$status" != "$want_status" ]; then
      echo "  stderr:"
      tail -n 10 "$work/stderr" | sed 's/^/    /'
    fi
  } >&2
done

echo "# $((i - failed)) of $i programs passed"
# Failures are reported by the "not ok" lines; the exit status stays 0 so that
# meson reports FAIL (a failing program) rather than ERROR (a broken runner).
exit 0
