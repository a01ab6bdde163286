"""Where the organizers of matched events stand when the parser and the gold disagree.

    python bench/organizer_places.py --part tune     # develop against this
    python bench/organizer_places.py --part check    # milestones only (counts, no text)
    python bench/organizer_places.py --dir bench/holdout6 --show   # a gold folder, each case

For every matched event whose organizers disagree with the gold (the same pairs as
``bench/organizer_errors.py``), each organizer the gold names and the parser does not
(*missed*), and each the parser names and the gold does not (*extra*), is counted by
where its nearest mention stands relative to the event's trigger (the first of
these places that holds one):

* ``sentence, before`` / ``sentence, after``: in the trigger's sentence;
* ``headline``: on the article's first line (when the trigger is not on it);
* ``paragraph``: elsewhere in the trigger's paragraph;
* ``lead paragraph`` (the one after the headline), ``earlier paragraph``, ``later
  paragraph``: in another paragraph; ``not in text``: the name is not written
  as such (a gold name in its fullest form, written shorter in the text).

Missed organizers are also counted by whether the parser found them as an
organization at all. Prints counts only, so that reading *check* shows no text.
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
from fazhi_ie.evaluate.keys import comparison_key, pred_date

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FAZHI_IE_SHARED", ROOT.parent / "shared"))
_MISMATCH = re.compile(r"^events: (\S+) (\S+): organizers gold (\[.*\]) vs predicted (\[.*\])$")
_SENT_END = "。！？!?\n"


def _sentence(text: str, pos: int) -> tuple[int, int]:
    s = max(text.rfind(ch, 0, pos) for ch in _SENT_END) + 1
    ends = [k for ch in _SENT_END if (k := text.find(ch, pos)) >= 0]
    return s, min(ends, default=len(text))


def place(text: str, at: int, trigger: tuple[int, int]) -> str:
    """Where a mention starting at ``at`` stands relative to the trigger span."""
    s0, s1 = _sentence(text, trigger[0])
    if s0 <= at < s1:
        return "sentence, before" if at < trigger[0] else "sentence, after"
    first_line = text.find("\n")
    if 0 <= at < first_line < trigger[0]:
        return "headline"
    p0 = text.rfind("\n", 0, trigger[0]) + 1
    p1 = text.find("\n", trigger[0])
    if p0 <= at < (p1 if p1 >= 0 else len(text)):
        return "paragraph"
    if at > trigger[0]:
        return "later paragraph"
    lead_end = text.find("\n", first_line + 1) if first_line >= 0 else -1
    return "lead paragraph" if first_line < at < lead_end or lead_end < 0 else "earlier paragraph"


_ORDER = (
    "sentence, before",
    "sentence, after",
    "paragraph",
    "headline",
    "lead paragraph",
    "earlier paragraph",
    "later paragraph",
)


def nearest(text: str, starts: list[int], trigger: tuple[int, int]) -> str:
    """The nearest place (in :data:`_ORDER`) of the mentions starting at ``starts``."""
    places = {place(text, at, trigger) for at in starts}
    return next((p for p in _ORDER if p in places), "not in text")


def measure(part: str, folder: Path | None = None, show: bool = False) -> dict:
    """Counts for a part of the dev split, or for every article of ``folder``; with
    ``show`` (not for *check*), each missed or extra organizer is printed."""
    if folder is None:
        ids = set((ROOT / "bench" / "dev_split" / f"{part}.txt").read_text().split())
        golds = [g for g in load_gold_dir(SHARED / "corpus" / "dev") if g.id in ids]
    else:
        golds = list(load_gold_dir(folder))
        part = str(folder)
    missed: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for gold in golds:
        art = parse(gold.text, id=gold.id)
        text = art.text
        by_key: dict[str, list[int]] = {}
        for o in art.organizations:
            starts = [m.start for m in o.mentions]
            for f in (o.name, o.canonical, *(m.text for m in o.mentions)):
                if starts:
                    by_key.setdefault(comparison_key(f), starts)
        names = {o.id: o.name for o in art.organizations}
        for line in score_article(gold, art).mismatches:
            m = _MISMATCH.match(line)
            if m is None:
                continue
            gold_names, pred_names = ast.literal_eval(m[3]), ast.literal_eval(m[4])
            event = next(
                (
                    e
                    for e in art.events
                    if e.type.value == m[1]
                    and (m[2] == "-" or pred_date(e) == m[2])
                    and [names.get(x, x) for x in e.organizers] == pred_names
                    and e.trigger is not None
                ),
                None,
            )
            if event is None or event.trigger is None:
                continue
            trig = (event.trigger.start, event.trigger.end)
            g = {comparison_key(x): x for x in gold_names}
            p = {comparison_key(x): x for x in pred_names}
            for k, name in g.items():
                if k in p:
                    continue
                at = by_key.get(k)
                found["predicted as an organization" if at is not None else "not predicted"] += 1
                if at is None:
                    at = [m.start() for m in re.finditer(re.escape(name), text)]
                where = nearest(text, at, trig) + (", none predicted" if not p else "")
                missed[where] += 1
                if show:
                    print(f"{gold.id} {m[1]} {m[2]} missed {name}: {where}")
            for k, name in p.items():
                if k not in g:
                    where = nearest(text, by_key.get(k, []), trig)
                    extra[where] += 1
                    if show:
                        print(f"{gold.id} {m[1]} {m[2]} extra {name}: {where}")
    return {
        "part": part,
        "missed organizers, where": dict(missed.most_common()),
        "missed organizers, found by the parser": dict(found.most_common()),
        "extra organizers, where": dict(extra.most_common()),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", default="tune", choices=("tune", "check"))
    ap.add_argument("--dir", type=Path, help="a gold folder instead of a part of the dev split")
    ap.add_argument("--show", action="store_true", help="print each case (not for check)")
    a = ap.parse_args()
    if a.show and a.dir is None and a.part == "check":
        ap.error("check is read as counts only")
    print(json.dumps(measure(a.part, a.dir, a.show), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
