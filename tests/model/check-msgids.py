#!/usr/bin/env python3
# Extracts the translatable strings of every C file under the given
# directories with xgettext, as the po update does, and fails when a
# msgid holds a "%" that starts no printf directive: the sign of a string
# cut in two by a format macro such as G_GINT64_FORMAT, which xgettext
# cannot expand ("the year %" G_GINT64_FORMAT " is out of range" gives
# the msgid "the year %").  Format such numbers into a string first and
# use %s in the translatable string.

import os
import re
import subprocess
import sys
import tempfile

KEYWORDS = ['_', 'N_', 'C_:1c,2', 'NC_:1c,2', 'g_dgettext:2', 'g_dcgettext:2',
            'g_dngettext:2,3', 'ngettext:1,2', 'g_dpgettext2:2c,3']

DIRECTIVE = re.compile(r"%(?:%|(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*)?)?"
                       r"(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcspn])")


def c_files(roots):
    for root in roots:
        for directory, _, names in os.walk(root):
            for name in sorted(names):
                if name.endswith('.c'):
                    yield os.path.join(directory, name)


def msgids(pot):
    """Yields (location, text) for each msgid and msgid_plural."""
    location = ''
    current = None
    parts = []

    def flush():
        if current is not None:
            yield location, ''.join(parts)

    for line in pot.splitlines():
        if line.startswith('#:'):
            location = line[2:].strip()
        elif line.startswith('msgid ') or line.startswith('msgid_plural '):
            yield from flush()
            current = line.split(' ', 1)[0]
            parts = [eval(line.split(' ', 1)[1])]
        elif line.startswith('"') and current is not None:
            parts.append(eval(line))
        else:
            yield from flush()
            current = None
            parts = []
    yield from flush()


def bad_percent(text):
    """The offset of a "%" that starts no directive, or -1."""
    i = text.find('%')
    while i >= 0:
        match = DIRECTIVE.match(text, i)
        if match is None:
            return i
        i = text.find('%', match.end())
    return -1


def main():
    xgettext, roots = sys.argv[1], sys.argv[2:]
    files = list(c_files(roots))
    if not files:
        print('no C files found under', roots)
        return 1

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'check.pot')
        args = [xgettext, '--from-code=UTF-8', '--language=C', '--add-location=file',
                '--no-wrap', '-o', pot]
        args += ['--keyword=' + k for k in KEYWORDS]
        subprocess.run(args + files, check=True)
        with open(pot, encoding='utf-8') as f:
            text = f.read()

    bad = 0
    count = 0
    for location, msgid in msgids(text):
        count += 1
        if msgid and bad_percent(msgid) >= 0:
            print(f'{location}: msgid cut off at a stray "%": {msgid!r}')
            bad += 1

    print(f'{count} msgids checked, {bad} cut off')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
