"""Prints what `make test` took: each step, the whole run, the ten slowest tests, and whether
the scenario tests slow down as the run goes on.

Usage: test_report.py <steps file> <label>=<junit.xml>...

The steps file has one line per finished step, "<name> <seconds>", written by test.sh. The
JUnit files are nextest's (Rust) and node's (the browser tests), each named with a label;
missing ones are skipped, so a run that stopped early still reports what it did.
"""

import sys
import xml.etree.ElementTree as ET


def cases(label, path):
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return []
    found = []
    for case in root.iter("testcase"):
        failed = case.find("failure") is not None or case.find("error") is not None
        name = case.get("name", "?")
        # nextest names the test binary as the class; node names every case's class "test".
        classname = case.get("classname", "")
        where = classname if classname and classname != "test" else label
        started = case.get("timestamp", "")
        found.append((float(case.get("time", "0") or 0), f"{where} {name}", failed, started))
    return found


def main(argv):
    steps_file, junit_files = argv[1], [a.partition("=")[::2] for a in argv[2:]]
    print("\n== make test: time")
    total = 0.0
    try:
        with open(steps_file) as f:
            for line in f:
                name, _, seconds = line.strip().rpartition(" ")
                if name:
                    total += float(seconds)
                    print(f"  {name:<28} {float(seconds):8.1f} s")
    except OSError:
        pass
    print(f"  {'total':<28} {total:8.1f} s  ({total / 60:.1f} min)")
    everything = [c for label, path in junit_files for c in cases(label, path)]
    if not everything:
        return 0
    failed = sum(1 for c in everything if c[2])
    print(f"\n== {len(everything)} tests ({failed} failed); the ten slowest")
    for seconds, name, bad, _ in sorted(everything, reverse=True)[:10]:
        print(f"  {seconds:7.1f} s  {name}{'  FAILED' if bad else ''}")
    # A test's time should not depend on how many ran before it (each has its own stack): the
    # scenario tests that started last against those that started first shows if it does.
    scenarios = sorted((c for c in everything if "scenarios" in c[1] and c[3]), key=lambda c: c[3])
    if len(scenarios) >= 40:
        first, last = scenarios[:20], scenarios[-20:]
        mean = lambda group: sum(c[0] for c in group) / len(group)
        print(f"\n== scenario tests by start: first 20 {mean(first):.1f} s on average, last 20 {mean(last):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
