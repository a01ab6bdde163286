"""Person records: rule candidates plus the NER's PER spans, titles and affiliation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..components.base import KEYS, EntitySpan
from ..components.persons import PersonCandidate, propagate
from ..components.tokens import token_edges
from ..lexicons.person_rules import DOT, HAN_RUN, NAME_RUN, rules, tibetan_name
from ..records import Person
from ..text.primitives import starting_in
from .context import Assembly

#: What may not stand between an organization and the title chain of its member.
_AFFILIATION_BREAK = re.compile(r"[，,。；;！？!?\n“”]")


@dataclass(slots=True)
class _Group:
    """One person under construction: titles, affiliation, mention ranges."""

    titles: list[str] = field(default_factory=list)
    organization: str | None = None
    ranges: list[tuple[int, int]] = field(default_factory=list)


def _ner_persons(ctx: Assembly) -> list[PersonCandidate]:
    """NER PER spans that look like names (titles and generic words dropped)."""
    r = rules()
    text = ctx.text
    starts, ends = token_edges(ctx.doc)
    quoted = [m.span() for m in r.quoted_re.finditer(text)]
    out = []
    for c in ctx.candidates(KEYS.NER, EntitySpan):
        if c.label != "PER":
            continue
        s, e = c.start, c.end
        if any(a < s and e < b for a, b in quoted):
            continue  # inside “普法进万家”: a theme or brand, not a person
        name = text[s:e].strip()
        if tibetan_name(text[s : e + 1]) and not tibetan_name(name):
            e += 1  # 才让东 + 主: the NER cut the last component of a Tibetan name
            name = text[s:e]
        if tibetan_name(name) and (s in starts or not HAN_RUN.match(text[s - 1 : s] or "\n")):
            out.append(PersonCandidate(s, e, text[s:e], [], None, "ner"))
            continue  # 次仁卓玛: no Han surname, made of Tibetan name components
        if not name or name in r.stop_words or r.title_re.fullmatch(name):
            continue
        if not (2 <= len(name) <= 4 or any(ch in DOT for ch in name)):
            continue
        if not NAME_RUN.fullmatch(name) or any(ch in r.stop_given for ch in name):
            continue
        if name[1:] in r.stop_suffixes or name[2:] in r.stop_suffixes:
            continue  # 王女士, 欧阳先生: a form of address
        before, after = r.byline_place
        if text[s - 1 : s] and text[s - 1] in before and text.startswith(after, e):
            continue  # 记者某某/白河报道: the byline's place
        # The MSRA-trained NER is out of domain here: a name it alone finds must
        # start with a known surname (or be a transliteration with ·) and sit on
        # pkuseg token edges (克拉玛 cut out of 克拉玛依 is not a name).
        has_dot = any(ch in DOT for ch in name)
        if not has_dot and name[0] not in r.surnames and name[:2] not in r.compound:
            continue
        if len(name) == 2 and name[0] not in r.strict_surnames:
            continue  # 安抚, 明白, 文明: an ambiguous surname + one character is a word
        if not has_dot and (s not in starts or e not in ends):
            continue
        out.append(PersonCandidate(s, e, text[s:e], [], None, "ner"))
    return out


def _affiliation(
    c: PersonCandidate, orgs: list[tuple[int, int, str]], text: str, longest: int | None = None
) -> str | None:
    """The organization whose mention ends where the title chain before ``c`` starts
    (``longest``: the longest mention, to look only at those that may end there)."""
    ts = c.title_start
    if ts is None:
        return None
    best = None
    near = orgs if longest is None else starting_in(orgs, ts - 12 - longest, ts + 1)
    for _s, e, oid in near:
        if e <= ts and ts - e <= 12 and not _AFFILIATION_BREAK.search(text[e:ts]):
            if best is None or e > best[0]:
                best = (e, oid)
    return best[1] if best else None


def build_persons(ctx: Assembly) -> None:
    """One Person per name: rule mentions + NER PER, titles and affiliation."""
    text = ctx.text
    cands = ctx.candidates(KEYS.PERSONS, PersonCandidate)
    taken = [(c.start, c.end) for c in cands]
    extra = []
    for c in _ner_persons(ctx):
        if any(c.start < b and a < c.end for a, b in taken):
            continue
        extra.append(c)
        taken.append((c.start, c.end))
    if extra:
        cands = propagate(text, sorted(cands + extra, key=lambda c: c.start))
    orgs = ctx.mentions(ctx.organizations)
    longest = max((e - s for s, e, _ in orgs), default=0)  # names that hold c start near
    # a "person" inside an organization's name is part of that name
    cands = [
        c
        for c in cands
        if not any(
            s <= c.start and c.end <= e and (s, e) != (c.start, c.end)
            for s, e, _ in starting_in(orgs, c.end - longest, c.start + 1)
        )
    ]
    groups: dict[str, _Group] = {}
    for c in cands:
        g = groups.setdefault(c.name, _Group())
        for t in c.titles:
            if t not in g.titles:
                g.titles.append(t)
        if g.organization is None and orgs:
            g.organization = _affiliation(c, orgs, text, longest)
        g.ranges.append((c.start, c.end))
    for name, g in groups.items():
        ctx.add(
            Person(
                id=ctx.next_id("per", ctx.persons),
                name=name,
                titles=g.titles,
                organization=g.organization,
                mentions=[ctx.span(s, e) for s, e in g.ranges],
            ),
            g.ranges,
        )
