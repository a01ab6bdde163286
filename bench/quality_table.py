"""The tune/check quality table of docs/evaluation.md, in one run.

    python bench/quality_table.py            # markdown table on stdout
    python bench/quality_table.py --json     # the raw figures

Scores ``../shared/corpus/dev`` split by ``bench/dev_split/{tune,check}.txt``
(and, for reference, the seeds and ``bench/holdout`` … ``holdout8``, invented
articles annotated blind to the rules) with the same evaluator as ``fazhi-ie evaluate``. Only read
*check* at milestones, and log each reading in docs/evaluation.md.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from fazhi_ie.evaluate import evaluate_dir

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FAZHI_IE_SHARED", ROOT.parent / "shared"))
TYPES = ("organizations", "persons", "laws", "events", "metrics")
ACCURACIES = (
    ("events_organizer_accuracy", "event organizer accuracy"),
    ("metrics_quantity_accuracy", "metric quantity accuracy"),
    ("published_accuracy", "published accuracy"),
)


def _ids(part: str) -> list[str]:
    text = (ROOT / "bench" / "dev_split" / f"{part}.txt").read_text(encoding="utf-8")
    return text.split()


def measure(parts: tuple[str, ...]) -> dict[str, dict]:
    out = {}
    for part in parts:
        if part == "seeds":
            out[part] = evaluate_dir(SHARED / "seeds").to_json()
        elif part.startswith("holdout"):
            out[part] = evaluate_dir(ROOT / "bench" / part).to_json()
        else:
            out[part] = evaluate_dir(SHARED / "corpus" / "dev", ids=_ids(part)).to_json()
    return out


def table(figures: dict[str, dict]) -> str:
    parts = list(figures)
    head = "| record | " + " | ".join(f"{p} ({figures[p]['articles']}) F1 (P / R)" for p in parts)
    lines = [head + " |", "| --- |" + " ---: |" * len(parts)]
    for t in TYPES:
        cells = []
        for p in parts:
            c = figures[p][t]
            cells.append(f"{c['f1']:.3f} ({c['precision']:.2f} / {c['recall']:.2f})")
        lines.append(f"| {t} | " + " | ".join(cells) + " |")
    for key, label in ACCURACIES:
        cells = [f"{figures[p][key]:.3f}" if figures[p][key] is not None else "–" for p in parts]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--parts",
        default="tune,check",
        help="comma list of tune, check, seeds, holdout, holdout2 … holdout8",
    )
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    figures = measure(tuple(args.parts.split(",")))
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=1))
    else:
        print(table(figures))


if __name__ == "__main__":
    main()
