#!/usr/bin/env python3
"""Check po/POTFILES.in against the tree: every file with translatable strings
is listed, every listed file exists, and the list is sorted.

Usage: check-potfiles.py SOURCE_ROOT
"""
import pathlib
import re
import sys

# Gettext calls the 'glib' xgettext preset extracts from C.
C_CALL = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|g_dgettext|g_dngettext|g_dpgettext2?)\s*\(')
UI_PROPERTY = re.compile(r'translatable="yes"')
SCHEMA_TEXT = re.compile(r'<(?:summary|description)>')


def has_strings(path):
    text = path.read_text(encoding='utf-8', errors='replace')
    if path.suffix in ('.c', '.h'):
        # "#define _(s)"-style definitions are not strings to translate.
        return any(C_CALL.search(line) and not line.lstrip().startswith('#')
                   for line in text.splitlines())
    if path.suffix == '.ui':
        return bool(UI_PROPERTY.search(text))
    if path.name.endswith('.gschema.xml'):
        return bool(SCHEMA_TEXT.search(text))
    # The .desktop and metainfo templates are translatable as a whole.
    return path.name.endswith(('.desktop.in', '.metainfo.xml.in'))


def candidates(root):
    for pattern in ('src/**/*.c', 'src/**/*.h', 'ui/*.ui', 'data/*.in', 'data/*.gschema.xml'):
        yield from root.glob(pattern)


def main():
    root = pathlib.Path(sys.argv[1])
    lines = (root / 'po' / 'POTFILES.in').read_text(encoding='utf-8').splitlines()
    listed = [l.strip() for l in lines if l.strip() and not l.lstrip().startswith('#')]
    problems = []
    for name in listed:
        if not (root / name).is_file():
            problems.append(f'listed but missing: {name}')
    if listed != sorted(listed):
        problems.append('POTFILES.in is not sorted')
    wanted = sorted(str(p.relative_to(root)) for p in candidates(root) if has_strings(p))
    for name in wanted:
        if name not in listed:
            problems.append(f'has translatable strings but is not in POTFILES.in: {name}')
    for problem in problems:
        print(problem)
    print(f'{len(listed)} files listed, {len(wanted)} with translatable strings')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
