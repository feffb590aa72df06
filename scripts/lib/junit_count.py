#!/usr/bin/env python3
"""Counts the test cases of JUnit XML reports (ctest, node --test, vitest).

Usage: junit_count.py REPORT.xml...
Prints "PASSED FAILED SKIPPED DISABLED" on the first line, then the name of each case that did not
pass, one per line (prefixed "failed: ", "skipped: " or "disabled: "). Disabled is ctest's word for
a GoogleTest DISABLED_ case (excluded when compiled, e.g. a timing run made by hand); skipped is any
case that decided not to run (GTEST_SKIP, test.skip, todo). Exits 2 when a report is missing or
unreadable: the caller counts that suite as failed.
"""
import html
import sys
import xml.etree.ElementTree as ET


def cases(element, path=()):
    """Yields (name, testcase) for every test case, its name prefixed by its enclosing suites."""
    for child in element:
        if child.tag == "testcase":
            yield " > ".join(path + (html.unescape(child.get("name", "?")),)), child
        elif child.tag == "testsuite":
            yield from cases(child, path + (html.unescape(child.get("name", "")),))


def main(paths):
    passed = failed = skipped = disabled = 0
    names = []
    for path in paths:
        try:
            root = ET.parse(path).getroot()
        except (OSError, ET.ParseError) as e:
            print(f"junit_count: cannot read {path}: {e}", file=sys.stderr)
            return 2
        # The root's own name ("(empty)" for ctest, "vitest tests") says nothing.
        for name, case in cases(root):
            # ctest marks a test whose program could not start status="notrun": a failure.
            status = case.get("status", "")
            if case.find("failure") is not None or case.find("error") is not None or status in ("fail", "notrun"):
                failed += 1
                names.append("failed: " + name)
            elif status == "disabled":
                disabled += 1
                names.append("disabled: " + name)
            elif case.find("skipped") is not None:
                skipped += 1
                names.append("skipped: " + name)
            else:
                passed += 1
    print(passed, failed, skipped, disabled)
    for n in names:
        print(n)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
