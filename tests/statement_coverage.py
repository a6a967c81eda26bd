#!/usr/bin/env python3
"""The statement coverage test (docs/testing.md).

`start --log DIR` empties the statement log before the first test of a ctest run.

`check --log DIR --ctest CTEST --build BUILD --allowed FILE LIST...` runs after every test:
- the statements: each LIST (written by voronka_embed_sql, cmake/Embed.cmake) holds lines
  `NAME sqlite` and `NAME pg`, one pair per embedded statement;
- what ran: DIR/statements-PID.log of every process (store/statement_log.hpp) holds the
  statements it ran without error, DIR/tests-PID.log the gtest tests that started
  (tests/support/test_run_log.cpp);
- the run must be full: every gtest test that ctest knows (`ctest --show-only=json-v1`) started,
  else the check answers 77 (ctest reports it skipped), since a subset runs fewer statements;
- then every statement must have run on each back end, unless FILE names it with a reason.
Exit 0: all ran; 1: some did not (listed per back end), or FILE is stale or malformed.
"""

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

SKIPPED = 77


def read_lines(pattern):
    lines = set()
    for path in glob.glob(pattern):
        with open(path, encoding="utf-8") as f:
            lines.update(line.strip() for line in f if line.strip())
    return lines


def embedded_statements(lists):
    """{(name, dialect)} of every list, and the names that two lists share."""
    statements, owner, clashes = set(), {}, set()
    for path in lists:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                name, dialect = line.split()
                statements.add((name, dialect))
                if owner.setdefault(name, path) != path:
                    clashes.add(name)
    return statements, clashes


def allowed_statements(path):
    """{(name, dialect): reason} of the allowed list: `NAME DIALECT|both  reason...` lines."""
    allowed = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 2)
            if len(parts) < 3 or parts[1] not in ("sqlite", "pg", "both"):
                sys.exit(f"{path}:{number}: write `NAME sqlite|pg|both REASON`")
            dialects = ("sqlite", "pg") if parts[1] == "both" else (parts[1],)
            for dialect in dialects:
                allowed[(parts[0], dialect)] = parts[2]
    return allowed


def gtest_tests(ctest, build):
    """The gtest filter of every enabled test that ctest knows (those of voronka_add_test)."""
    # Asked from another directory: a ctest in the build directory would rewrite the running
    # ctest's Testing/Temporary/LastTest.log.
    with tempfile.TemporaryDirectory() as directory:
        with open(os.path.join(directory, "CTestTestfile.cmake"), "w", encoding="utf-8") as f:
            f.write(f'subdirs("{build}")\n')
        shown = subprocess.run([ctest, "--show-only=json-v1"], cwd=directory, check=True,
                               capture_output=True, text=True).stdout
    tests = set()
    for test in json.loads(shown).get("tests", []):
        properties = {p["name"]: p["value"] for p in test.get("properties", [])}
        if properties.get("DISABLED"):
            continue
        for arg in test.get("command", []):
            if arg.startswith("--gtest_filter="):
                tests.add(arg[len("--gtest_filter="):])
    return tests


def check(args):
    expected = gtest_tests(args.ctest, args.build)
    started = read_lines(os.path.join(args.log, "tests-*.log"))
    missing = expected - started
    if missing:
        print(f"Skipped: {len(missing)} of {len(expected)} tests did not run in this ctest run, so "
              "statement coverage is not judged (it needs the full run; docs/testing.md). "
              f"For example: {sorted(missing)[0]}")
        return SKIPPED

    absent = [path for path in args.lists if not os.path.exists(path)]
    if absent:
        print("The build has not written these statement lists; build everything first:",
              *absent, sep="\n  ")
        return 1
    statements, clashes = embedded_statements(args.lists)
    if clashes:
        print("These names are embedded twice; a statement's name is its label in the log, so "
              "rename one of each:", *sorted(clashes), sep="\n  ")
        return 1

    ran = {tuple(line.split()) for line in read_lines(os.path.join(args.log, "statements-*.log"))}
    allowed = allowed_statements(args.allowed)
    status = 0
    stale = sorted(s for s in allowed if s in ran or s not in statements)
    if stale:
        print(f"{args.allowed} allows statements that ran or do not exist; remove them:",
              *(f"{n} {d}" for n, d in stale), sep="\n  ")
        status = 1
    not_run = statements - ran - set(allowed)
    for dialect, back_end in (("sqlite", "SQLite"), ("pg", "PostgreSQL")):
        names = sorted(n for n, d in not_run if d == dialect)
        if names:
            print(f"{len(names)} embedded statements ran in no test on {back_end}:",
                  *names, sep="\n  ")
            status = 1
    total = len({n for n, _ in statements})
    print(f"{total} embedded statements, {len(statements)} with their back ends; "
          f"{len(statements & ran)} ran, {len(not_run)} did not, {len(allowed)} allowed "
          f"({len(started)} tests).")
    return status


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["start", "check"])
    parser.add_argument("--log", required=True)
    parser.add_argument("--ctest")
    parser.add_argument("--build")
    parser.add_argument("--allowed")
    parser.add_argument("lists", nargs="*")
    args = parser.parse_intermixed_args()
    if args.mode == "start":
        shutil.rmtree(args.log, ignore_errors=True)
        os.makedirs(args.log)
        return 0
    return check(args)


if __name__ == "__main__":
    sys.exit(main())
