"""Organizer disagreements on matched events, counted by kind, for a part of the dev split.

    python bench/organizer_errors.py --part tune      # develop against this
    python bench/organizer_errors.py --part check     # milestones only (counts, no text)

Scores ``../shared/corpus/dev`` with the same evaluator as ``fazhi-ie evaluate`` and
sorts each matched event whose organizers disagree with the gold into one class:

* ``none predicted``: the gold names organizers, the parser none;
* ``none in gold``: the parser names organizers, the gold none;
* ``too few`` / ``too many``: the predicted set is a strict subset / superset;
* ``other bodies``: the sets overlap partly or not at all.

``gold organizer not an organization`` counts, among the gold organizers of those
events, the names that no predicted organization of the article carries (a miss of
the organization recognizer rather than of the attribution). Prints counts only, so
that reading *check* shows no text of it.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
from collections import Counter
from pathlib import Path

from fazhi_ie import parse
from fazhi_ie.evaluate import load_gold_dir, score_article
from fazhi_ie.evaluate.keys import comparison_key

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FAZHI_IE_SHARED", ROOT.parent / "shared"))
_MISMATCH = re.compile(r"^events: \S+ \S+: organizers gold (\[.*\]) vs predicted (\[.*\])$")


def classify(gold: set[str], pred: set[str]) -> str:
    """The class of one disagreement between gold and predicted organizer keys."""
    if not pred:
        return "none predicted"
    if not gold:
        return "none in gold"
    if pred < gold:
        return "too few"
    if pred > gold:
        return "too many"
    return "other bodies"


def measure(part: str) -> dict:
    ids = set((ROOT / "bench" / "dev_split" / f"{part}.txt").read_text().split())
    classes: Counter[str] = Counter()
    not_found = matched_wrong = 0
    for gold in load_gold_dir(SHARED / "corpus" / "dev"):
        if gold.id not in ids:
            continue
        art = parse(gold.text, id=gold.id)
        have = {
            comparison_key(f)
            for o in art.organizations
            for f in (o.name, o.canonical, *(m.text for m in o.mentions))
        }
        for line in score_article(gold, art).mismatches:
            m = _MISMATCH.match(line)
            if m is None:
                continue
            g = {comparison_key(x) for x in ast.literal_eval(m[1])}
            p = {comparison_key(x) for x in ast.literal_eval(m[2])}
            matched_wrong += 1
            classes[classify(g, p)] += 1
            not_found += sum(1 for k in g if k not in have)
    return {
        "part": part,
        "disagreements": matched_wrong,
        "classes": dict(classes.most_common()),
        "gold organizer not an organization": not_found,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", default="tune", choices=("tune", "check"))
    print(json.dumps(measure(ap.parse_args().part), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
