"""Event and organization errors of a part of the dev split, counted by class.

    python bench/error_classes.py --part tune      # develop against this
    python bench/error_classes.py --part check     # milestones only (counts, no text)

Scores ``../shared/corpus/dev`` (NER as ``fazhi-ie evaluate`` runs it) and sorts:

* each gold event left unmatched (same type, and the same date when the gold
  has one, as the evaluator matches): ``no site`` when the
  article holds no trigger site of its type at all (trigger recall), ``type
  predicted`` when an event of its type was predicted (a date or a merge is
  wrong), ``spoiled`` when sites of its type exist but none was read as held;
  the spoil checks that turned those sites down are counted by name;
* each spurious event by type;
* each missed gold organization: whether a predicted name is part of it (cut
  short), lies inside a longer predicted name, or overlaps none; each spurious
  organization by kind;
* all of it by script (Simplified / Traditional) of the article.

Prints counts only, so that reading *check* shows no text of it.
"""

from __future__ import annotations

import argparse
import json
import os
from collections import Counter
from pathlib import Path

from fazhi_ie import parse
from fazhi_ie.components.events import sites, spoil_reasons
from fazhi_ie.evaluate import load_gold_dir
from fazhi_ie.evaluate.keys import comparison_key
from fazhi_ie.lexicons.triggers import trigger_rules
from fazhi_ie.text import detect_script, normalize

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FAZHI_IE_SHARED", ROOT.parent / "shared"))


def _event_keys(events, predicted: bool) -> list[tuple[str, str | None]]:
    out = []
    for e in events:
        kind = e.type.value if hasattr(e.type, "value") else str(e.type)
        date = e.date
        if predicted and e.date and e.date_end:
            date = f"{e.date}/{e.date_end}"
        out.append((kind, date))
    return out


def _unmatched(gold: list, predicted: list) -> tuple[list, list]:
    """Gold and predicted events left after matching as the evaluator does (same
    type; the same date when the gold has one), dated gold events first."""
    used: set[int] = set()
    left = []
    for g in sorted(gold, key=lambda g: g[1] is None):
        i = next(
            (
                i
                for i, p in enumerate(predicted)
                if i not in used and p[0] == g[0] and (g[1] is None or p[1] == g[1])
            ),
            None,
        )
        if i is None:
            left.append(g)
        else:
            used.add(i)
    return left, [p for i, p in enumerate(predicted) if i not in used]


def _keys(names) -> set[str]:
    return {k for k in (comparison_key(n) for n in names) if k}


def measure(part: str) -> dict[str, dict[str, int]]:
    ids = set((ROOT / "bench" / "dev_split" / f"{part}.txt").read_text().split())
    rules = trigger_rules()
    out: dict[str, Counter[str]] = {}
    for gold in load_gold_dir(SHARED / "corpus" / "dev"):
        if gold.id not in ids:
            continue
        art = parse(gold.text, id=gold.id)
        script = detect_script(gold.text).value
        c = out.setdefault(script, Counter())
        c["articles"] += 1
        predicted = _event_keys(art.events, True)
        gold_left, spurious = _unmatched(_event_keys(gold.events, False), predicted)
        for p in spurious:
            c[f"spurious event: {p[0]}"] += 1
        found = sites(normalize(gold.text).text)
        for kind, _ in gold_left:
            same = [x for x in found if x.type == kind]
            if not same:
                c["missed event: no site of its type"] += 1
                c[f"  no site: {kind}"] += 1
            elif any(p[0] == kind for p in predicted):
                c["missed event: type predicted (date or merge)"] += 1
                c[f"  type predicted: {kind}"] += 1
            else:
                c["missed event: sites spoiled"] += 1
                for x in same:
                    for why in spoil_reasons(x, rules):
                        c[f"  spoiled by: {why}"] += 1
        pred_keys = [
            _keys((o.name, o.canonical, *(m.text for m in o.mentions))) for o in art.organizations
        ]
        gold_keys = [_keys((o.name, *o.aliases)) for o in gold.organizations]
        every_pred = set().union(*pred_keys) if pred_keys else set()
        every_gold = set().union(*gold_keys) if gold_keys else set()
        for gk, o in zip(gold_keys, gold.organizations, strict=True):
            if gk & every_pred:
                continue
            k = comparison_key(o.name) or ""
            if any(k and n in k for n in every_pred):
                c["missed organization: a predicted name is part of it"] += 1
            elif any(k and k in n for n in every_pred):
                c["missed organization: inside a longer predicted name"] += 1
            else:
                c["missed organization: no overlap"] += 1
        for pk, o in zip(pred_keys, art.organizations, strict=True):
            if not pk & every_gold:
                c[f"spurious organization: kind {o.kind.value}"] += 1
    return {k: dict(sorted(v.items())) for k, v in out.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", default="tune", choices=("tune", "check"))
    args = ap.parse_args(argv)
    print(json.dumps({"part": args.part, **measure(args.part)}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
