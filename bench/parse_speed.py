"""Parse speed of whatever fazhi_ie is importable, through the public API only, so that
one script times two checkouts (``PYTHONPATH=<checkout>``) back to back.

    python bench/parse_speed.py                       # this checkout
    cd /tmp/base && PYTHONPATH=/tmp/base python /path/to/bench/parse_speed.py

Texts: the bundled examples and, when present, ../shared (seeds, corpus/dev).
Prints one JSON line: the checkout, characters, ``parse_many`` seconds (best of 3,
batch 32, one torch thread) and chars/s.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def texts() -> list[str]:
    paths = sorted((ROOT / "examples").glob("*.txt"))
    paths += sorted((SHARED / "seeds").glob("*.txt"))
    paths += sorted((SHARED / "corpus" / "dev").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def main() -> int:
    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:
        pass
    import fazhi_ie
    from fazhi_ie import parse_many

    docs = texts()
    list(parse_many(docs[:5]))  # load the pipeline, build the lexicons
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        list(parse_many(docs, batch_size=32))
        best = min(best, time.perf_counter() - t0)
    n = sum(map(len, docs))
    print(
        json.dumps(
            {
                "fazhi_ie": str(Path(fazhi_ie.__file__).parent.parent),
                "texts": len(docs),
                "chars": n,
                "parse_many_s": round(best, 3),
                "chars_per_s": round(n / best),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
