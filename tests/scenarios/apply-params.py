#!/usr/bin/env python3
"""Write SOURCE with the literals of some `# param` parameters replaced.

    apply-params.py SOURCE PARAM=VALUE... > EDITED

The oracle's side of the parameter cases: a plain text edit of each unindented
`NAME = literal  # param...` line, written independently of Loopscope's own
ls_params_apply(), so that `loopscope-run --param` is checked against it.
"""
import re
import sys


def main():
    path, assignments = sys.argv[1], sys.argv[2:]
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for assignment in assignments:
        name, sep, value = assignment.partition("=")
        if not sep:
            sys.exit(f"apply-params.py: expected PARAM=VALUE, got {assignment!r}")
        pattern = re.compile(rf"^({re.escape(name)}\s*=\s*)(\S+)(\s+#\s*param\b.*)$")
        hits = [i for i, line in enumerate(lines) if pattern.match(line)]
        if len(hits) != 1:
            sys.exit(f"apply-params.py: {path}: no single parameter {name}")
        match = pattern.match(lines[hits[0]])
        if match.group(2) == value:
            sys.exit(f"apply-params.py: {path}: {name} is already {value}")
        lines[hits[0]] = match.group(1) + value + match.group(3)
    sys.stdout.write("\n".join(lines))


main()
