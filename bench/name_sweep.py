"""Which body names does the parser find whole? A sweep of generated names in
sentence frames (issue 14): each name of a list file, with each place for ``{p}``,
goes into each frame; a name missing from the article's organizations is printed with
what was found instead. Counts only, no timing.

    python bench/name_sweep.py                       # bench/sweeps/bodies.txt
    python bench/name_sweep.py my_names.txt --places 2

The names and frames are invented text (no article of ../shared). A name counts as
found when an organization's name (Simplified) or one of its mentions equals it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from fazhi_ie import parse  # noqa: E402

PLACES = ("青石县", "白河市", "东城区")
FRAMES = (
    "12月4日，{n}在城东广场开展宪法宣传活动。",
    "近日，{n}联合青石县司法局举办法治讲座，发放宣传资料260余份。",
    "活动由{n}主办。",
)


def names_of(line: str, places: int) -> list[str]:
    return [line.replace("{p}", p) for p in PLACES[:places]] if "{p}" in line else [line]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="?", default=str(HERE / "sweeps" / "bodies.txt"))
    ap.add_argument("--places", type=int, default=2, help="places per {p} name (1-3)")
    args = ap.parse_args(argv)
    lines = Path(args.names).read_text("utf-8").splitlines()
    entries = [x.strip() for x in lines if x.strip() and not x.startswith("#")]
    missed = 0
    for entry in entries:
        misses = []
        for name in names_of(entry, args.places):
            for k, frame in enumerate(FRAMES):
                orgs = parse(frame.format(n=name)).organizations
                found = [o.name for o in orgs]
                # names are Simplified; a Traditional name is found as a mention's text
                if not any(name == m.text or name == o.name for o in orgs for m in o.mentions):
                    misses.append((k, found))
        if misses:
            missed += 1
            print(entry, misses[:3])
    print(f"{missed} of {len(entries)} names missed in at least one frame")
    return 0


if __name__ == "__main__":
    sys.exit(main())
