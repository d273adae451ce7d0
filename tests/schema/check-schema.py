#!/usr/bin/env python3
# Checks that the JSON Schema of the file format and the loader agree.
#
#   check-schema.py --schema SCHEMA FIXTURES EXAMPLES
#       every FIXTURES/valid/*.json and EXAMPLES/*.json validates against
#       SCHEMA, and no FIXTURES/invalid/*.json does
#   check-schema.py --loader CHRONOSCOPE FIXTURES EXAMPLES
#       `chronoscope --check` accepts the same files and rejects the same
#       files, with a FILE:LINE:COL: message for each rejected one
#
# Prints TAP, one test a file.

import argparse
import glob
import json
import os
import re
import subprocess
import sys


def collect(fixtures, examples):
    """Returns [(path, expected_valid)], sorted, failing when a set is empty."""
    valid = sorted(glob.glob(os.path.join(fixtures, 'valid', '*.json')))
    invalid = sorted(glob.glob(os.path.join(fixtures, 'invalid', '*.json')))
    example_files = sorted(glob.glob(os.path.join(examples, '*.json')))

    for name, files in (('valid fixtures', valid),
                        ('invalid fixtures', invalid),
                        ('examples', example_files)):
        if not files:
            print(f'Bail out! no {name} found')
            sys.exit(1)

    return ([(f, True) for f in valid + example_files] +
            [(f, False) for f in invalid])


def check_schema(schema_path, files):
    try:
        import jsonschema
    except ImportError:
        print('Bail out! python3-jsonschema is not installed '
              '(apt-get install python3-jsonschema)')
        return 1

    with open(schema_path, encoding='utf-8') as f:
        schema = json.load(f)

    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)

    failures = 0
    print(f'1..{len(files)}')
    for n, (path, expected) in enumerate(files, 1):
        name = os.path.relpath(path)
        with open(path, encoding='utf-8') as f:
            instance = json.load(f)
        errors = list(validator.iter_errors(instance))
        if (not errors) == expected:
            if not expected:
                print(f'# rejected: {errors[0].message[:100]}')
            print(f'ok {n} - {name}')
        else:
            failures += 1
            if expected:
                for e in errors:
                    path_text = '/'.join(str(p) for p in e.absolute_path)
                    print(f'# {path_text}: {e.message}')
                print(f'not ok {n} - {name}: valid, but the schema rejects it')
            else:
                print(f'not ok {n} - {name}: invalid, but the schema accepts it')
    return 1 if failures else 0


def check_loader(chronoscope, files):
    failures = 0
    print(f'1..{len(files)}')
    for n, (path, expected) in enumerate(files, 1):
        name = os.path.relpath(path)
        try:
            result = subprocess.run([chronoscope, '--check', path],
                                    capture_output=True, text=True,
                                    timeout=60)
        except subprocess.TimeoutExpired:
            failures += 1
            print(f'not ok {n} - {name}: chronoscope --check hangs')
            continue

        output = result.stdout + result.stderr
        for line in output.splitlines():
            print(f'# {line}')

        if expected:
            ok = (result.returncode == 0 and
                  output.startswith(f'{path}: OK'))
            problem = f'valid, but --check exits {result.returncode}'
        else:
            positioned = re.compile(r'^' + re.escape(path) + r':\d+:\d+: \S',
                                    re.MULTILINE)
            ok = result.returncode == 1 and positioned.search(output)
            if result.returncode != 1:
                problem = f'invalid, but --check exits {result.returncode}'
            else:
                problem = 'no FILE:LINE:COL: message in the output'

        if ok:
            print(f'ok {n} - {name}')
        else:
            failures += 1
            print(f'not ok {n} - {name}: {problem}')
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser()
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument('--schema', help='the JSON Schema to check against')
    mode.add_argument('--loader', help='the chronoscope binary')
    parser.add_argument('fixtures', help='the directory with valid/ and invalid/')
    parser.add_argument('examples', help='the directory of example timelines')
    args = parser.parse_args()

    files = collect(args.fixtures, args.examples)
    if args.schema:
        return check_schema(args.schema, files)
    return check_loader(args.loader, files)


if __name__ == '__main__':
    sys.exit(main())
