#!/usr/bin/env python3
"""Counts the test cases of JUnit XML reports (ctest, node --test, vitest).

Usage: junit_count.py REPORT.xml...
Prints "PASSED FAILED SKIPPED" on the first line, then the name of each failed or skipped case,
one per line (prefixed "failed: " or "skipped: "). Exits 2 when a report is missing or unreadable:
the caller counts that suite as failed.
"""
import sys
import xml.etree.ElementTree as ET


def main(paths):
    passed = failed = skipped = 0
    names = []
    for path in paths:
        try:
            root = ET.parse(path).getroot()
        except (OSError, ET.ParseError) as e:
            print(f"junit_count: cannot read {path}: {e}", file=sys.stderr)
            return 2
        for case in root.iter("testcase"):
            name = " > ".join(filter(None, [case.get("classname"), case.get("name")]))
            if case.get("classname") == case.get("name"):  # ctest repeats the name
                name = case.get("name")
            # ctest marks a test whose program could not start status="notrun": a failure.
            status = case.get("status", "")
            if case.find("failure") is not None or case.find("error") is not None or status in ("fail", "notrun"):
                failed += 1
                names.append("failed: " + name)
            elif case.find("skipped") is not None or status == "disabled":
                skipped += 1
                names.append("skipped: " + name)
            else:
                passed += 1
    print(passed, failed, skipped)
    for n in names:
        print(n)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
