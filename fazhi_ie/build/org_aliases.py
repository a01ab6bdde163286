"""Short forms an article declares for a body: ``X人民检察院（以下简称“X检”）``,
``廉政公署(廉署)``. Each occurrence of the short form is a mention of that body, so
that ``廉署表示``, ``X检又举办…`` or a headline written with the short form before the
lead declares it reach the body's record (and its events).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..components.org_candidate import OrgCandidate
from ..resources import load_json
from ..text.primitives import starting_in

__all__ = ["in_order", "with_declared"]


@lru_cache(maxsize=1)
def _declared_re() -> re.Pattern[str]:
    return re.compile(load_json("org_grammar.json")["declared_short_form_re"])


def in_order(short: str, long: str) -> bool:
    """The characters of ``short`` come in order in ``long`` (社工局 in 社会工作局)."""
    it = iter(long)
    return all(ch in it for ch in short)


def with_declared(text: str, cands: list[OrgCandidate]) -> list[OrgCandidate]:
    """``cands`` with the mentions of declared short forms: each occurrence (before
    the declaration too: a headline) that no candidate covers becomes a copy of the
    declaring name's candidate at its offsets (so it groups with that name), and so
    does a candidate that ends with the short form and abbreviates the name too
    (青山保护委 after 青山市知识产权保护委员会(保护委))."""
    rx = _declared_re()
    out = list(cands)
    # (start, end, index) by start, for the candidates an occurrence overlaps
    index = sorted((c.start, c.end, i) for i, c in enumerate(cands))
    longest = max((c.end - c.start for c in cands), default=0)
    seen: set[str] = set()
    for c in cands:
        m = rx.match(text, c.end)
        if m is None:
            continue
        short = m.group(1)
        if short in seen or short == c.name or not in_order(short, c.name):
            continue
        seen.add(short)
        # the whole article: a headline or lead may use the short form first
        k = text.find(short)
        while k >= 0:
            e = k + len(short)
            over = [i for a, b, i in starting_in(index, k - longest, e) if a < e and k < b]
            if not over:
                out.append(replace(c, start=k, end=e))
            for i in over:
                x = out[i]
                if x is not c and x.name.endswith(short) and in_order(x.name, c.name):
                    out[i] = replace(c, start=x.start, end=x.end)
                elif x is not c and k <= x.start and x.end <= e and x.end - x.start < len(short):
                    out[i] = replace(c, start=k, end=e)  # 保某分会 cut from 犯保某分会
            k = text.find(short, e)
    return out
