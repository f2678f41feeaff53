#!/usr/bin/env bash
# Regenerate the expected results of the conformance programs from CPython 3.11.
#
#   tests/oracle/regen.sh                 # every program in tests/conformance and tests/bigint
#   tests/oracle/regen.sh NAME|PATH...    # only these (NAME is looked up in those folders)
#
# Each program runs from its own folder as `python3 tests/oracle/vrun.py NAME.py`,
# so tracebacks name the bare file. For each NAME.py this writes:
#   NAME.out     its stdout, byte for byte
#   NAME.status  its exit status, only when it is not 0
#   NAME.err     the last line of its stderr, only when the exit status is not 0
# Each program runs twice with different hash seeds; output that depends on the
# seed (set iteration order of strings, ...) is rejected as nondeterministic.
# Set PYTHON to pick the interpreter (default: python3); it must be CPython 3.11.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
vrun=$here/vrun.py
corpora=("$here/../conformance" "$here/../bigint")
python=${PYTHON:-python3}

version=$("$python" -c 'import sys, platform; print(platform.python_implementation(), "%d.%d.%d" % sys.version_info[:3])')
case $version in
  "CPython 3.11."*) ;;
  *)
    echo "regen.sh: need CPython 3.11.x, but $python is $version (set PYTHON=...)" >&2
    exit 1
    ;;
esac
[ "$version" = "CPython 3.11.7" ] || echo "regen.sh: note: the reference is 3.11.7, using $version" >&2
# Run the interpreter itself, not a launcher script (pyenv shims cost ~0.5 s a start).
python=$("$python" -c 'import sys; print(sys.executable)')

programs=()
if [ $# -gt 0 ]; then
  for arg in "$@"; do
    found=""
    if [ -f "$arg" ]; then
      found=$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")
    else
      for dir in "${corpora[@]}"; do
        [ -f "$dir/${arg%.py}.py" ] && { found=$dir/${arg%.py}.py; break; }
      done
    fi
    if [ -z "$found" ]; then
      echo "regen.sh: no program $arg" >&2
      exit 1
    fi
    programs+=("$found")
  done
else
  for dir in "${corpora[@]}"; do
    for p in "$dir"/*.py; do programs+=("$p"); done
    # Expected files whose program is gone.
    for f in "$dir"/*.out "$dir"/*.status "$dir"/*.err; do
      [ -e "$f" ] || continue
      [ -e "${f%.*}.py" ] || { echo "removing stale $f"; rm -f "$f"; }
    done
  done
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run_once () {
  # run_once NAME SEED -> $tmp/SEED.{out,err,status}; runs in the program's folder
  local status=0
  PYTHONHASHSEED=$2 PYTHONUTF8=1 PYTHONDONTWRITEBYTECODE=1 \
    timeout 60 "$python" "$vrun" "$1.py" \
    > "$tmp/$2.out" 2> "$tmp/$2.err" < /dev/null || status=$?
  echo "$status" > "$tmp/$2.status"
}

bad=0
failing=0
for path in "${programs[@]}"; do
  cd "$(dirname "$path")"
  name=$(basename "$path" .py)
  run_once "$name" 0
  run_once "$name" 4242
  status=$(cat "$tmp/0.status")
  if ! cmp -s "$tmp/0.out" "$tmp/4242.out" || [ "$status" != "$(cat "$tmp/4242.status")" ] \
     || [ "$(tail -n 1 "$tmp/0.err")" != "$(tail -n 1 "$tmp/4242.err")" ]; then
    echo "regen.sh: $name.py is nondeterministic (output depends on the hash seed)" >&2
    bad=1
    continue
  fi
  if [ "$status" = 124 ]; then
    echo "regen.sh: $name.py timed out" >&2
    bad=1
    continue
  fi
  mv "$tmp/0.out" "$name.out"
  if [ "$status" != 0 ]; then
    failing=$((failing + 1))
    echo "$status" > "$name.status"
    tail -n 1 "$tmp/0.err" > "$name.err"
  else
    rm -f "$name.status" "$name.err"
    if [ -s "$tmp/0.err" ]; then
      echo "regen.sh: note: $name.py exits 0 but wrote to stderr:" >&2
      sed 's/^/    /' "$tmp/0.err" >&2
    fi
  fi
done

echo "regen.sh: ${#programs[@]} programs, $failing exit non-zero by design"
exit "$bad"
