#!/usr/bin/env python3
"""Prints, per Maven module, how many tests ran, failed and were skipped and why each skip
happened (the assumption's message), from the surefire XML reports, and the JaCoCo line and
branch coverage. Run by .ci/run after the build, whether it passed or not. Usage: test_summary.py [project root]"""
import collections
import csv
import glob
import os
import sys
import xml.etree.ElementTree as ET


def coverage(module_dir):
    """Line and branch coverage from JaCoCo's CSV report (mvn verify writes it)."""
    try:
        with open(os.path.join(module_dir, "target", "site", "jacoco", "jacoco.csv"), newline="") as f:
            rows = list(csv.DictReader(f))
    except FileNotFoundError:
        return "coverage: no JaCoCo report"
    lm, lc = (sum(int(r[k]) for r in rows) for k in ("LINE_MISSED", "LINE_COVERED"))
    bm, bc = (sum(int(r[k]) for r in rows) for k in ("BRANCH_MISSED", "BRANCH_COVERED"))
    return (f"coverage: lines {100 * lc / max(1, lm + lc):.1f}% ({lc}/{lm + lc}), "
            f"branches {100 * bc / max(1, bm + bc):.1f}% ({bc}/{bm + bc})")


def main(root):
    total = collections.Counter()
    for module in sorted(glob.glob(os.path.join(root, "*", "target", "surefire-reports"))):
        name = os.path.basename(os.path.dirname(os.path.dirname(module)))
        counts = collections.Counter()
        reasons = collections.Counter()
        failed = []
        for report in glob.glob(os.path.join(module, "TEST-*.xml")):
            for case in ET.parse(report).getroot().iter("testcase"):
                counts["tests"] += 1
                skipped = case.find("skipped")
                if skipped is not None:
                    counts["skipped"] += 1
                    reasons[(skipped.get("message") or "no reason given").strip()[:160]] += 1
                elif case.find("failure") is not None:
                    counts["failed"] += 1
                    failed.append(f"{case.get('classname')}: {case.get('name')}")
                elif case.find("error") is not None:
                    counts["errors"] += 1
                    failed.append(f"{case.get('classname')}: {case.get('name')}")
        total.update(counts)
        print(f"{name}: {counts['tests']} tests, {counts['tests'] - counts['skipped']} ran, "
              f"{counts['failed']} failed, {counts['errors']} errors, {counts['skipped']} skipped")
        print("    " + coverage(os.path.dirname(os.path.dirname(module))))
        for name_ in failed:
            print(f"    FAILED {name_}")
        for why, n in reasons.most_common():
            print(f"    skipped {n}x: {why}")
    print(f"all modules: {total['tests']} tests, {total['tests'] - total['skipped']} ran, "
          f"{total['failed']} failed, {total['errors']} errors, {total['skipped']} skipped")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
