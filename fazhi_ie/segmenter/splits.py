"""Words the segmenter joins across a name's edge, split again: pkuseg reads 处于 (to be
in) in ``警务处于昨日举办``, hiding the end of ``警务处``. A word of
``data/segment_splits.json`` is split when a time follows it (处于…阶段 stays whole);
one of its ``always`` words is split wherever it stands (联合团 is 联合 + 团市委's 团), as is
a listed verb glued to a level character (出席县 is 出席 + 县律师协会's 县).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..resources import load_json

__all__ = ["split_joined"]


@lru_cache(maxsize=1)
def _rules() -> tuple[
    dict[str, int], dict[str, int], re.Pattern[str], tuple[str, ...], re.Pattern[str]
]:
    d = load_json("segment_splits.json")
    always = dict(d["always"])
    vl = d["verb_levels"]
    always.update({v + lv: len(v) for v in vl["verbs"] for lv in vl["levels"]})
    return (
        dict(d["splits"]),
        always,
        re.compile(d["time_start"]),
        tuple(d["day_note_heads"]),
        re.compile(d["day_note"]),
    )


def split_joined(words: list[str]) -> list[str]:
    """``words`` with each listed word that a time follows split in two, and the 今 of
    Taiwan's 今(8)日 split off any word that swallowed it (法务部今 + (8)日)."""
    splits, always, time_start, heads, day_note = _rules()
    if not any(
        w in splits or w in always or (len(w) > 1 and w.endswith(heads)) for w in words
    ):
        return words
    out: list[str] = []
    last = len(words) - 1
    for i, w in enumerate(words):
        if w in always:  # split wherever it stands
            out += [w[: always[w]], w[always[w] :]]
            continue
        k = splits.get(w)
        if k is None and len(w) > 1 and w.endswith(heads):
            k = len(w) - 1
            after = day_note
        else:
            after = time_start
        if k is not None and i < last and after.match("".join(words[i + 1 : i + 5])):
            out += [w[:k], w[k:]]
        else:
            out.append(w)
    return out
