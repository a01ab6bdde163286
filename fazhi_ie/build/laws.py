"""Law records: one per law, its mentions grouped by short name (aliases via the lexicon)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from ..components.base import KEYS
from ..components.laws import LawCandidate
from ..lexicons.laws import lexicon
from ..records import Law, LawKind
from .context import Assembly

#: Organization mentions are looked back at over at most this many characters.
MAX_ORG_NAME = 60


@dataclass(slots=True)
class _Group:
    name: str
    full_name: str
    kind: str
    ranges: list[tuple[int, int]] = field(default_factory=list)


def _inside_org(orgs: list[tuple[int, int, str]], s: int, e: int) -> bool:
    """Whether ``[s, e)`` lies inside a longer organization mention."""
    k = bisect_right(orgs, (s, float("inf"), "")) - 1
    while k >= 0 and s - orgs[k][0] < MAX_ORG_NAME:
        a, b, _ = orgs[k]
        if a <= s and e <= b and (a, b) != (s, e):
            return True
        k -= 1
    return False


def build_laws(ctx: Assembly) -> None:
    """One Law per law: mentions grouped by short name (aliases via the lexicon)."""
    groups: dict[str, _Group] = {}
    lex = lexicon()
    orgs = ctx.mentions(ctx.organizations)
    for c in ctx.candidates(KEYS.LAWS, LawCandidate):
        if _inside_org(orgs, c.start, c.end):
            continue  # 基本法推广协会: a law inside a body's name is no mention of it
        entry = lex.get(c.name)
        key = entry.name if entry is not None else c.name
        g = groups.get(key)
        if g is None:
            g = groups[key] = _Group(c.name, c.full_name, c.kind)
        elif len(c.full_name) > len(g.full_name):
            g.full_name = c.full_name
        g.ranges.append((c.start, c.end))
    for g in groups.values():
        kind = g.kind if g.kind in LawKind.__members__ else "other"
        ctx.add(
            Law(
                id=ctx.next_id("law", ctx.laws),
                name=g.name,
                full_name=g.full_name,
                kind=LawKind(kind),
                mentions=[ctx.span(s, e) for s, e in g.ranges],
            ),
            g.ranges,
        )
