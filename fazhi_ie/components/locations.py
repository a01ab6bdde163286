"""Administrative places: divisions of the gazetteer, short forms, townships and villages.

The gazetteer (:mod:`fazhi_ie.lexicons.gazetteer`) lists the divisions
(provinces, prefectures, counties) with their short forms. What is a mention:

* a division's full name (``甘肃省``, ``酒泉市``, ``白碱滩区``), also where it
  prefixes an organization's name: ``酒泉市`` in ``酒泉市司法局`` is a mention
  of 酒泉市, since the article talks about that place through its bodies;
* a short form on pkuseg token edges: ``甘肃`` for 甘肃省, ``酒泉`` for
  酒泉市, ``凉山州``/``凉山`` for 凉山彝族自治州; county names are only taken in
  full (``沅江`` alone is a river as often as a city). Short forms that are
  ordinary words (``来宾``, ``安康``) and generic names (``城区``) never count;
* a township (``…镇``, ``…乡``, ``…街道``) or village (``…村``, ``…社区``) named
  right after a known division: ``南溪区青桐镇石板社区`` gives 青桐镇
  (parent 南溪区) and 石板社区 (parent 青桐镇);
* not: places inside 《…》 titles (part of a law's or a work's name), ``我市``,
  ``全县`` and other deictic or generic references.

A name shared by several divisions (朝阳区, 鼓楼区) is resolved by the other
places of the same article (its prefecture or province mentioned elsewhere);
when that fails the candidate keeps the level but no parent.

Candidates (:class:`PlaceCandidate`): ``name`` is the official full name
(``甘肃省`` even when the article writes ``甘肃``), ``level`` the
:class:`~fazhi_ie.records.AdminLevel` value, ``parent`` the official name of
the enclosing division. :func:`fazhi_ie.build.locations.build_locations`
merges the NER's LOC spans and builds the Location records.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicons.gazetteer import (
    Gazetteer,
    Place,
    choose,
    gazetteer,
    location_rules,
    sub_patterns,
    variants,
)
from ..text.primitives import RangeIndex, title_ranges
from .base import KEYS, Recognizer, doc_text
from .tokens import token_edges

STORE_KEY = KEYS.LOCATIONS


@dataclass(slots=True)
class PlaceCandidate:
    """A place mention: clean offsets, the division's official name, level and parent."""

    start: int
    end: int
    name: str
    code: str | None  # the division code; None for townships, villages and unresolved forms
    level: str | None
    parent: str | None
    text: str  # the surface form


class LocationRecognizer(Recognizer):
    """Finds place mentions; see the module docstring."""

    key = STORE_KEY

    def find(self, doc: Doc) -> list[PlaceCandidate]:
        return find_places(doc_text(doc), *token_edges(doc))

    def label(self, cand: PlaceCandidate) -> str:
        return cand.level or "LOC"


def find_places(text: str, starts: set[int], ends: set[int]) -> list[PlaceCandidate]:
    """Place candidates in ``text`` (clean offsets), parents resolved."""
    gaz = gazetteer()
    titles = RangeIndex(title_ranges(text))
    text = text.translate(variants())  # one character for one: offsets unchanged
    raw: list[tuple[int, int, tuple[tuple[str, bool], ...]]] = []
    forms, index = gaz.forms, gaz.lengths
    upto = 0
    # A place starts where a pkuseg token starts; the longest form wins.
    for s in sorted(starts):
        if s < upto:
            continue
        lengths = index.get(text[s : s + 2])
        if not lengths:
            continue
        for n in lengths:
            e = s + n
            entries = forms.get(text[s:e])
            if entries is None:
                continue
            short = all(is_short for _, is_short in entries)
            if (short or n == 2) and e not in ends:
                continue
            if not any(a <= s < b for a, b in titles.near(s, s)):
                raw.append((s, e, entries))
            upto = e
            break
    codes_seen = {code for _, _, entries in raw if len(entries) == 1 for code, _ in entries}
    found = [
        place_candidate(text, s, e, choose(entries, codes_seen, gaz), gaz) for s, e, entries in raw
    ]
    found.extend(_sub_places(text, found, ends))
    found.sort(key=lambda c: c.start)
    return found


def place_candidate(
    text: str, s: int, e: int, place: Place | list[Place], gaz: Gazetteer
) -> PlaceCandidate:
    """The candidate for a division (or for a form several divisions share)."""
    if isinstance(place, Place):
        parent = gaz.places.get(place.parent) if place.parent else None
        return PlaceCandidate(
            s, e, place.name, place.code, place.level, parent.name if parent else None, text[s:e]
        )
    levels = {p.level for p in place}
    level = levels.pop() if len(levels) == 1 else None
    return PlaceCandidate(s, e, place[0].name, None, level, None, text[s:e])


def _sub_places(text: str, found: list[PlaceCandidate], ends: set[int]) -> list[PlaceCandidate]:
    """Townships and villages written right after a known division."""
    town_re, village_re = sub_patterns()
    stop_parts = location_rules()["sub_stop_parts"]
    out: list[PlaceCandidate] = []
    for c in found:
        if c.level not in ("county", "prefectural"):
            continue
        parent, pos = c.name, c.end
        for level, pat in (("township", town_re), ("village", village_re)):
            m = pat.match(text, pos)
            if m is None or (m.end() not in ends and m.end() < len(text)):
                continue
            name = m.group(0)
            if any(part in name for part in stop_parts):
                break
            out.append(PlaceCandidate(m.start(), m.end(), name, None, level, parent, name))
            parent, pos = name, m.end()
    return out


@Language.factory(
    "fazhi_locations",
    assigns=["doc.spans", "doc.user_data"],
    default_config={"spans_key": STORE_KEY},
)
def make_location_recognizer(nlp: Language, name: str, spans_key: str) -> LocationRecognizer:
    return LocationRecognizer(spans_key=spans_key)
