"""Law records: one per law, its mentions grouped by short name (aliases via the lexicon)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..components.base import KEYS
from ..components.laws import LawCandidate
from ..lexicons.laws import lexicon
from ..records import Law, LawKind
from .context import Assembly


@dataclass(slots=True)
class _Group:
    name: str
    full_name: str
    kind: str
    ranges: list[tuple[int, int]] = field(default_factory=list)


def build_laws(ctx: Assembly) -> None:
    """One Law per law: mentions grouped by short name (aliases via the lexicon)."""
    groups: dict[str, _Group] = {}
    lex = lexicon()
    for c in ctx.candidates(KEYS.LAWS, LawCandidate):
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
