"""Throughput of each stage of the pipeline, measured in one run.

    python bench/parse_bench.py [--texts DIR ...] [--repeat N] [--json]

Reports characters per second for: normalisation alone, pkuseg tokenisation
of the cleaned text, the full spaCy pipeline, and parse() end to end (with
record assembly), plus parse_many at a few batch sizes; and each stage's
time as a ratio of the tokeniser's, so figures from different machines can
be compared. Default texts: ../shared/seeds and ../shared/corpus/dev if
present, else examples/.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _texts(dirs: list[str]) -> list[str]:
    paths: list[Path] = []
    if not dirs:
        shared = ROOT.parent / "shared"
        dirs = [str(shared / "seeds"), str(shared / "corpus" / "dev")]
        if not Path(dirs[0]).is_dir():
            dirs = [str(ROOT / "examples")]
    for d in dirs:
        paths += sorted(Path(d).glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def _timeit(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", nargs="*", default=[])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    from fazhi_ie import load, parse, parse_many
    from fazhi_ie.text import normalize

    texts = _texts(args.texts)
    chars = sum(len(t) for t in texts)
    t0 = time.perf_counter()
    nlp = load()
    load_s = time.perf_counter() - t0
    clean = [normalize(t).text for t in texts]
    nlp("预热")  # warm up

    rows: dict[str, float] = {}
    rows["normalize"] = _timeit(lambda: [normalize(t) for t in texts], args.repeat)
    rows["tokenize (pkuseg)"] = _timeit(lambda: [nlp.make_doc(t) for t in clean], args.repeat)
    rows["spaCy pipeline"] = _timeit(lambda: list(nlp.pipe(clean)), args.repeat)
    rows["parse() end to end"] = _timeit(lambda: [parse(t, nlp=nlp) for t in texts], args.repeat)
    for bs in (1, 8, 32):
        rows[f"parse_many batch_size={bs}"] = _timeit(
            lambda bs=bs: list(parse_many(texts, batch_size=bs)), args.repeat
        )
    base = rows["tokenize (pkuseg)"]
    result = {
        "documents": len(texts),
        "characters": chars,
        "pipeline_load_s": round(load_s, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "stages": {
            name: {
                "seconds": round(s, 4),
                "chars_per_s": round(chars / s),
                "ratio_to_tokenize": round(s / base, 2),
            }
            for name, s in rows.items()
        },
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(
        f"{len(texts)} documents, {chars} characters; pipeline load {load_s:.2f} s; "
        f"peak RSS {result['peak_rss_mb']} MB"
    )
    print(f"{'stage':32} {'seconds':>8} {'chars/s':>10} {'x tokenize':>10}")
    for name, r in result["stages"].items():
        print(
            f"{name:32} {r['seconds']:8.3f} {r['chars_per_s']:10d} {r['ratio_to_tokenize']:10.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
