"""Runs the trainer's unit tests and writes one JSON line per test, so the Java build can report
each Python test on its own (TestPythonSide turns each line into a JUnit dynamic test).

    python3 tests/run_tests.py --json results.jsonl

Each line: {"id": "test_rbox.TestIou.test_identical", "outcome": "passed"|"failed"|"error"|"skipped",
"seconds": 0.01, "detail": traceback or skip reason}. The exit status is unittest's.
"""
import argparse
import json
import os
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
# as `python -m unittest discover -s tests` from training-bridge/python: the deepchm package importable
sys.path.insert(0, os.path.dirname(HERE))


class JsonLinesResult(unittest.TextTestResult):
    """unittest's verbose text result that also records each test's outcome and duration."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.records = []
        self._started = {}

    def startTest(self, test):
        self._started[test.id()] = time.perf_counter()
        super().startTest(test)

    def _record(self, test, outcome, detail=""):
        t0 = self._started.pop(test.id(), time.perf_counter())
        self.records.append({"id": test.id(), "outcome": outcome,
                             "seconds": round(time.perf_counter() - t0, 4), "detail": detail})

    def addSuccess(self, test):
        super().addSuccess(test)
        self._record(test, "passed")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._record(test, "failed", self._exc_info_to_string(err, test))

    def addError(self, test, err):
        super().addError(test, err)
        self._record(test, "error", self._exc_info_to_string(err, test))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._record(test, "skipped", reason)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._record(test, "passed", "expected failure")

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._record(test, "failed", "unexpected success")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", required=True, help="file to write one JSON line per test to")
    ap.add_argument("--pattern", default="test*.py")
    args = ap.parse_args(argv)
    suite = unittest.defaultTestLoader.discover(HERE, pattern=args.pattern,
                                                top_level_dir=HERE)
    runner = unittest.TextTestRunner(verbosity=2, resultclass=JsonLinesResult)
    result = runner.run(suite)
    with open(args.json, "w", encoding="utf-8") as f:
        for r in result.records:
            f.write(json.dumps(r) + "\n")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
