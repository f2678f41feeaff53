#!/usr/bin/env bash
# Regenerate the expected output of the built-in scenarios (data/scenarios) from
# CPython 3.11 running on a virtual clock (tests/oracle/vrun.py).
#
#   tests/scenarios/regen.sh
#
# For each data/scenarios/NAME.py this writes NAME.out (its stdout, byte for
# byte), and for each line "NAME P=V..." of cases.txt NAME@P=V,....out: the
# stdout of the source with those parameters' literals replaced (apply-params.py).
# Every program runs from its own folder by its bare name, twice with different
# hash seeds; output that differs, or a non-zero exit status, is an error: a
# built-in scenario must end cleanly and deterministically.
# Never edit the .out files by hand. Set PYTHON to pick the interpreter.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
scenarios=$(cd "$here/../../data/scenarios" && pwd)
vrun=$here/../oracle/vrun.py
# shellcheck source=expected-name.sh
. "$here/expected-name.sh"

python=${PYTHON:-python3}
version=$("$python" -c 'import sys, platform; print(platform.python_implementation(), "%d.%d" % sys.version_info[:2])')
if [ "$version" != "CPython 3.11" ]; then
  echo "regen.sh: need CPython 3.11, but $python is $version (set PYTHON=...)" >&2
  exit 1
fi
python=$("$python" -c 'import sys; print(sys.executable)')

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run_oracle DIR NAME.py OUT: runs the program twice, writes its stdout to OUT.
run_oracle () {
  local dir=$1 prog=$2 out=$3 seed status
  for seed in 0 4242; do
    status=0
    (cd "$dir" && PYTHONHASHSEED=$seed PYTHONUTF8=1 PYTHONDONTWRITEBYTECODE=1 \
      timeout 60 "$python" "$vrun" "$prog" > "$tmp/$seed.out" 2> "$tmp/$seed.err" < /dev/null) \
      || status=$?
    if [ "$status" != 0 ]; then
      echo "regen.sh: $prog ($out) exits with status $status:" >&2
      tail -n 5 "$tmp/$seed.err" | sed 's/^/    /' >&2
      return 1
    fi
  done
  if ! cmp -s "$tmp/0.out" "$tmp/4242.out"; then
    echo "regen.sh: $prog ($out) is nondeterministic (output depends on the hash seed)" >&2
    return 1
  fi
  mv "$tmp/0.out" "$here/$out"
}

rm -f "$here"/*.out
count=0
for path in "$scenarios"/*.py; do
  name=$(basename "$path" .py)
  run_oracle "$scenarios" "$name.py" "$(case_file "$name")"
  count=$((count + 1))
done

mkdir "$tmp/edited"
while read -r name params; do
  case $name in ''|'#'*) continue ;; esac
  if [ ! -f "$scenarios/$name.py" ]; then
    echo "regen.sh: cases.txt names no scenario: $name" >&2
    exit 1
  fi
  # shellcheck disable=SC2086  # params are split on purpose
  "$python" "$here/apply-params.py" "$scenarios/$name.py" $params > "$tmp/edited/$name.py"
  # shellcheck disable=SC2086
  run_oracle "$tmp/edited" "$name.py" "$(case_file "$name" $params)"
  count=$((count + 1))
done < "$here/cases.txt"

echo "regen.sh: $count expected outputs written"
