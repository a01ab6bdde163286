"""The committed tune/check split of ../shared/corpus/dev (issue 14).

Rules are developed against *tune* only; *check* is read at milestones and
each reading is logged in docs/evaluation.md. The split is a seeded random
draw, stratified so that both parts hold the same mix of the first 40
articles and the newer ones (ids 106+), and of Simplified and Traditional
script (as ``fazhi_ie.text.script.detect_script`` decides it on the raw text)::

    python bench/dev_split.py            # writes bench/dev_split/{tune,check}.txt
    fazhi-ie evaluate ../shared/corpus/dev --ids bench/dev_split/tune.txt

Re-running it on the same corpus writes the same files (the test suite
checks this). It stores article ids only, never text.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from fazhi_ie.text.script import detect_script

HERE = Path(__file__).resolve().parent
DEV = HERE.parents[1] / "shared" / "corpus" / "dev"
SEED = 14
TUNE_SHARE = 2 / 3


def draw(dev: Path = DEV, seed: int = SEED) -> tuple[list[str], list[str]]:
    """(tune ids, check ids), each sorted."""
    ids = sorted(p.stem for p in dev.glob("*.json") if p.with_suffix(".txt").is_file())
    script = {i: detect_script((dev / f"{i}.txt").read_text(encoding="utf-8")).value for i in ids}
    strata: dict[tuple[bool, str], list[str]] = {}
    for i in ids:
        new = i.isdigit() and int(i) >= 106
        strata.setdefault((new, script[i]), []).append(i)
    rng = random.Random(seed)
    tune: list[str] = []
    check: list[str] = []
    for key in sorted(strata):
        group = sorted(strata[key])
        rng.shuffle(group)
        k = round(len(group) * TUNE_SHARE)
        tune += group[:k]
        check += group[k:]
    return sorted(tune), sorted(check)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--out", type=Path, default=HERE / "dev_split")
    args = ap.parse_args()
    tune, check = draw(args.dev)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "tune.txt").write_text("\n".join(tune) + "\n", encoding="utf-8")
    (args.out / "check.txt").write_text("\n".join(check) + "\n", encoding="utf-8")
    print(f"tune {len(tune)}, check {len(check)} -> {args.out}")


if __name__ == "__main__":
    main()
