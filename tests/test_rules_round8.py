"""Rules of the eighth quality round (issue 14): launch ceremonies of named schemes
(Hong Kong 啟動禮 / 開幕禮, 某计划启动仪式), a lead body without 由 (A牵头，B、C配合).
Invented sentences."""

from __future__ import annotations

import pytest

from fazhi_ie import parse

pytestmark = pytest.mark.pipeline


def _events(text: str) -> list[tuple[str, list[str]]]:
    art = parse(text)
    names = {o.id: o.name for o in art.organizations}
    return [(e.type.value, [names[x] for x in e.organizers]) for e in art.events]


@pytest.mark.parametrize(
    "text",
    [
        "香港警務處今日聯同教育局舉辦「校園守法大使」計劃啟動禮。",
        "香港警务处今日联同教育局举办“校园守法大使”计划启动礼。",
        "香港警務處今日聯同教育局舉辦「校園守法大使」開幕禮。",
    ],
)
def test_a_launch_ceremony_of_a_named_scheme_is_a_launch(text: str):
    assert _events(text) == [("launch", ["香港警务处", "教育局"])]


def test_a_scheme_named_before_its_launch_ceremony_is_no_plan():
    assert [t for t, _ in _events("白河市卫生局今日举行禁毒教育计划启动仪式。")] == ["launch"]


def test_a_plan_to_hold_an_activity_is_still_no_event():
    assert _events("白河市卫生局计划明年举办禁毒讲座。") == []


def test_a_lead_body_without_you_joins_the_bodies_it_leads():
    text = "12月4日，白河区委政法委牵头，区法院、区检察院配合，在白河公园开展宪法宣传活动。"
    assert _events(text) == [("publicity", ["白河区委政法委", "区法院", "区检察院"])]


def test_a_body_that_only_supports_is_no_organizer():
    text = "在白河市委政法委的支持下，白河市律师协会于12月4日举办宪法主题演讲比赛。"
    assert _events(text) == [("competition", ["白河市律师协会"])]
