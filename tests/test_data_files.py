"""The data files of ``fazhi_ie/data/`` are read, and their enum values are valid.

* every top-level key of every JSON file (except ``_doc``/``_comment`` notes,
  which start with ``_``) appears as a string literal somewhere in the code:
  a key nobody reads is a rule that silently does nothing;
* every file is named by some module;
* values that stand for a record enum (event types, quantity classes,
  organization and law kinds, admin levels, approximations) are members of
  that enum, so that a typo in a data file fails here and not as a
  ValueError in the middle of a batch.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from fazhi_ie.records import AdminLevel, Approx, EventType, LawKind, OrgKind, Quantity

PKG = Path(__file__).resolve().parents[1] / "fazhi_ie"
DATA = PKG / "data"
JSON_FILES = sorted(DATA.glob("*.json"))


def _code_strings() -> set[str]:
    out: set[str] = set()
    for path in PKG.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                out.add(node.value)
    return out


CODE_STRINGS = _code_strings()


def _load(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", JSON_FILES, ids=lambda p: p.name)
def test_every_key_is_read(path: Path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: a data file is a JSON object"
    unread = [k for k in data if not k.startswith("_") and k not in CODE_STRINGS]
    assert not unread, f"{path.name}: keys no code reads: {unread}"


@pytest.mark.parametrize("path", sorted(DATA.iterdir()), ids=lambda p: p.name)
def test_every_data_file_is_used(path: Path):
    assert any(path.name in s or path.stem == s for s in CODE_STRINGS), path.name


def _walk(data: object, spec: tuple[str, ...]) -> Iterator[object]:
    """Values at ``spec`` in ``data``: a key, ``*`` (every item or value),
    ``*keys`` (every key of a dict) or an integer index into a list."""
    if not spec:
        yield data
        return
    head, rest = spec[0], spec[1:]
    if head == "*keys":
        assert isinstance(data, dict)
        for k in data:
            yield from _walk(k, rest)
    elif head == "*":
        items = data.values() if isinstance(data, dict) else data
        for v in items:  # type: ignore[union-attr]
            yield from _walk(v, rest)
    elif head.isdigit():
        assert isinstance(data, list)
        yield from _walk(data[int(head)], rest)
    elif isinstance(data, dict) and head in data:
        yield from _walk(data[head], rest)


#: (file, path to the values, the enum they must belong to)
ENUM_VALUES = [
    ("event_triggers.json", ("types", "*keys"), EventType),
    ("event_triggers.json", ("secondary_types", "*"), EventType),
    ("event_triggers.json", ("self_framed", "*keys"), EventType),
    ("metric_quantity.json", ("forced", "*"), Quantity),
    ("metric_quantity.json", ("unit_default", "*"), Quantity),
    ("metric_quantity.json", ("rules", "*", "quantity"), Quantity),
    ("metric_numbers.json", ("approx", "*keys"), Approx),
    ("org_grammar.json", ("suffixes", "*", "1"), OrgKind),
    ("org_grammar.json", ("level_words", "*"), AdminLevel),
    ("org_grammar.json", ("admin_suffix_levels", "*"), AdminLevel),
    ("org_grammar.json", ("kind_overrides", "*", "1"), OrgKind),
    ("law_titles.json", ("suffix_kinds", "*", "1"), LawKind),
    ("law_titles.json", ("bare_patterns", "*", "kind"), LawKind),
]


@pytest.mark.parametrize(("name", "spec", "enum"), ENUM_VALUES, ids=lambda x: str(x))
def test_enum_values_are_valid(name: str, spec: tuple[str, ...], enum: type):
    values = list(_walk(_load(name), spec))
    assert values, f"{name}: nothing at {spec} (was the key renamed? update ENUM_VALUES)"
    members = set(enum.__members__)
    bad = sorted({str(v) for v in values if v not in members})
    assert not bad, f"{name} {spec}: not a {enum.__name__}: {bad}"


def test_the_enum_check_catches_a_typo():
    data = {"types": {"open_day": [], "lecutre": []}}
    values = list(_walk(data, ("types", "*keys")))
    assert [v for v in values if v not in EventType.__members__] == ["lecutre"]
