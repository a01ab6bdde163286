"""Parse time against document size, for the default of ``parse_many(max_chars=...)``
(docs/reliability.md). Rules only, one thread::

    python bench/size_limit.py                 # the example article repeated to each size
    python bench/size_limit.py --sizes 50000 200000 --one-line

Prints characters, seconds and characters per second for each size. The speed of the
pipeline is measured by bench/parse_bench.py; this only asks how long one large
document takes.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("FAZHI_IE_NER", "0")
for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "01_open_day.txt"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", type=int, nargs="*", default=[25_000, 50_000, 100_000, 200_000])
    p.add_argument("--one-line", action="store_true", help="remove the newlines")
    args = p.parse_args()
    from fazhi_ie import load, parse

    load()
    unit = EXAMPLE.read_text(encoding="utf-8")
    if args.one_line:
        unit = unit.replace("\n", "")
    for size in args.sizes:
        text = (unit * (size // len(unit) + 1))[:size]
        t0 = time.perf_counter()
        parse(text)
        dt = time.perf_counter() - t0
        print(f"{size:>10,} chars  {dt:8.2f} s  {size / dt:10,.0f} chars/s", flush=True)


if __name__ == "__main__":
    main()
