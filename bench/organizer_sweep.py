"""Which organizers does the parser give? A sweep of short invented reports (issue 14):
each line of a JSONL file gives a text and the events it reports as ``[type,
[organizer, ...]]`` (``[]`` for a text that reports no held activity: plans,
yearly totals, routines); an expected event with no predicted event of its type, or
whose organizers differ, is printed with what was found, and so are events beyond
those expected. Counts only, no timing.

    python bench/organizer_sweep.py                  # bench/sweeps/organizers.jsonl
    python bench/organizer_sweep.py my_cases.jsonl

The texts are invented (no article of ../shared).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from fazhi_ie import parse  # noqa: E402


def found_events(text: str) -> list[tuple[str, set[str]]]:
    art = parse(text)
    forms = {o.id: {o.name, *(m.text for m in o.mentions)} for o in art.organizations}
    return [(e.type.value, [forms.get(i, {i}) for i in e.organizers]) for e in art.events]


def agrees(expected: list[str], got: list[set[str]]) -> bool:
    return len(expected) == len(got) and all(any(n in g for g in got) for n in expected)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cases", nargs="?", default=str(HERE / "sweeps" / "organizers.jsonl"))
    args = ap.parse_args(argv)
    lines = Path(args.cases).read_text("utf-8").splitlines()
    cases = [json.loads(x) for x in lines if x.strip()]
    wrong = total = spurious = 0
    for case in cases:
        got = found_events(case["text"])
        shown = [(t, [sorted(g)[0] for g in orgs]) for t, orgs in got]
        for typ, names in case["events"]:
            total += 1
            same_type = [orgs for t, orgs in got if t == typ]
            if not any(agrees(names, orgs) for orgs in same_type):
                wrong += 1
                print(f"{case['text'][:40]}… expected {typ} {names}; found {shown}")
        extra = Counter(t for t, _ in got) - Counter(t for t, _ in case["events"])
        if extra:
            spurious += sum(extra.values())
            print(f"{case['text'][:40]}… spurious {dict(extra)}; found {shown}")
    print(f"{wrong} of {total} expected events without their organizers")
    print(f"{spurious} events beyond those expected, in {len(cases)} texts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
