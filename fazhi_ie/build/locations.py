"""Location records: place candidates plus the NER's LOC spans the gazetteer knows."""

from __future__ import annotations

from ..components.base import KEYS, EntitySpan
from ..components.locations import PlaceCandidate, place_candidate
from ..lexicons.gazetteer import choose, gazetteer, variants
from ..records import AdminLevel, Location
from ..text.primitives import title_ranges
from .context import Assembly


def _ner_places(ctx: Assembly, taken: list[tuple[int, int]]) -> list[PlaceCandidate]:
    """NER LOC spans that the gazetteer knows (others are too often not places)."""
    gaz = gazetteer()
    text = ctx.text
    blocked = taken + title_ranges(text)
    out = []
    for c in ctx.candidates(KEYS.NER, EntitySpan):
        if c.label != "LOC":
            continue
        s, e = c.start, c.end
        if any(s < b and a < e for a, b in blocked):
            continue  # already found, or inside a 《…》 title
        entries = gaz.forms.get(text[s:e].translate(variants()))
        if entries:
            out.append(place_candidate(text, s, e, choose(entries, set(), gaz), gaz))
    return out


def build_locations(ctx: Assembly) -> None:
    """One Location per division (by code; townships and villages by name)."""
    cands = ctx.candidates(KEYS.LOCATIONS, PlaceCandidate)
    cands += _ner_places(ctx, [(c.start, c.end) for c in cands])
    groups: dict[str, tuple[PlaceCandidate, list[tuple[int, int]]]] = {}
    for c in sorted(cands, key=lambda c: c.start):
        key = c.code or f"{c.level}:{c.name}"
        groups.setdefault(key, (c, []))[1].append((c.start, c.end))
    for first, ranges in groups.values():
        ctx.add(
            Location(
                id=ctx.next_id("loc", ctx.locations),
                name=first.name,
                level=AdminLevel(first.level) if first.level else None,
                parent=first.parent,
                mentions=[ctx.span(s, e) for s, e in ranges],
            ),
            ranges,
        )
