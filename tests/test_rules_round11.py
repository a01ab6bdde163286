"""Rules of the eleventh quality round (issue 14), on invented sentences: bodies a sweep
of generated names in three frames did not find (county service centres, vocational
schools, a national group's short name before its local company, a power company's
station as one multi-level name)."""

from __future__ import annotations

import pytest
from rules_helpers import events_with_organizers as _events
from rules_helpers import org_names as _orgs

pytestmark = pytest.mark.pipeline

HOLD = "12月4日，{}在城东广场开展宪法宣传活动。"


@pytest.mark.parametrize(
    "name",
    [
        "青石县矛盾纠纷调处化解中心",
        "青石县住房公积金管理中心",
        "白河市青少年活动中心",
        "白河市妇女儿童活动中心",
        "青石县职业中专",
        "青石县新华书店",
        "白河市反电信网络诈骗中心",
        "青石县老区建设促进会",
    ],
)
def test_county_bodies_a_sweep_missed_hold_the_activity(name: str) -> None:
    assert _events(HOLD.format(name)) == [("publicity", [name])]


@pytest.mark.parametrize(
    "name",
    [
        "国网青石县供电公司",
        "国家电网白河市供电公司",
        "中国移动青石县分公司",
        "中国电信白河市分公司",
    ],
)
def test_a_national_groups_short_name_is_part_of_its_local_companys_name(name: str) -> None:
    assert _orgs(HOLD.format(name)) == [name]


def test_a_power_companys_station_is_one_multi_level_name() -> None:
    text = HOLD.format("国网青石县供电公司城关供电所")
    assert _orgs(text) == ["国网青石县供电公司城关供电所"]


def test_a_bookshop_named_as_a_venue_is_still_found_only_where_it_acts() -> None:
    text = "12月4日，青石县司法局在城东广场开展宪法宣传活动，青石县新华书店捐赠图书200册。"
    assert "青石县新华书店" in _orgs(text)
    assert _events(text)[0] == ("publicity", ["青石县司法局"])


@pytest.mark.parametrize(
    "text",
    [
        "12月4日，青石县司法局邀请律师为社区居民讲授法律知识。",
        "法務部矯正署臺中監獄12月4日邀請律師為收容人講授法律常識。",
    ],
)
def test_teaching_the_law_to_an_audience_is_a_lecture(text: str) -> None:
    events = _events(text)
    assert len(events) == 1 and events[0][0] == "lecture" and events[0][1]


def test_teaching_named_as_a_noun_is_no_activity() -> None:
    assert _events("参观结束后，她表示律师对条文的讲授十分透彻。") == []


def test_a_morning_reading_of_the_constitution_is_held_publicity() -> None:
    assert _events("12月4日，青石县第一中学组织开展宪法晨读活动。") == [
        ("publicity", ["青石县第一中学"])
    ]


@pytest.mark.parametrize(
    "text",
    [
        "9月1日，青石县人民检察院检察长受邀参加青石县第一中学开学典礼，并为学生上了一堂法治课。",
        "9月1日，青石县人民检察院检察长应邀出席青石县第一中学开学典礼，并为全校师生讲授法治第一课。",
    ],
)
def test_a_talk_given_after_attending_a_ceremony_is_the_speakers_bodys(text: str) -> None:
    lectures = [e for e in _events(text) if e[0] == "lecture"]
    assert lectures == [("lecture", ["青石县人民检察院"])]


def test_a_hand_lent_at_an_attended_activity_makes_no_organizer_of_the_guest() -> None:
    text = "9月1日，青石县人民检察院干警参加了县妇联举办的反家暴宣传活动，并向群众发放宣传资料。"
    assert all("青石县人民检察院" not in orgs for _, orgs in _events(text))


@pytest.mark.parametrize("verb", ["出席", "配合", "走访", "观摩", "调研", "慰问", "指导", "协助"])
def test_a_verb_glued_to_the_level_of_a_short_name_stays_out_of_both_names(
    verb: str, ner_on
) -> None:
    """pkuseg reads 出席县 as one word, and the NER ran both bodies into one span: the
    body before the verb and the short name after it are two bodies, neither holding it."""
    names = _orgs(f"9月1日，青石县司法局{verb}县律师协会开展法治宣传活动。")
    assert "青石县司法局" in names and "县律师协会" in names


def test_a_county_named_like_a_verb_stays_whole() -> None:
    from fazhi_ie.segmenter.splits import split_joined

    assert split_joined(["在", "会同县", "开展"]) == ["在", "会同县", "开展"]
    assert split_joined(["局长", "出席县", "律师"]) == ["局长", "出席", "县", "律师"]


@pytest.mark.parametrize(
    "text",
    [
        "9月1日，青石县人民检察院干警参加了县妇联举办的反家暴宣传活动。",
        "9月1日，青石县司法局局长出席县妇联举办的反家暴宣传活动。",
    ],
)
def test_the_host_named_in_the_activity_a_body_attends_holds_it(text: str) -> None:
    assert _events(text) == [("publicity", ["县妇联"])]


@pytest.mark.parametrize("name", ["青石县家庭教育指导中心", "青石县妇女儿童权益保护指导中心"])
def test_a_name_holding_a_verb_that_is_no_verb_before_a_level_stays(name: str, ner_on) -> None:
    assert name in _orgs(f"12月4日，{name}在城东广场开展宪法宣传活动。")


@pytest.mark.parametrize(
    "text",
    [
        "12月4日，由青石县司法局指导、青石县律师协会承办的宪法宣传活动在城东广场举行。",
        "12月4日，青石县司法局指导青石县律师协会在城东广场开展宪法宣传活动。",
    ],
)
def test_a_guiding_body_is_no_organizer(text: str, ner_on) -> None:
    assert _events(text) == [("publicity", ["青石县律师协会"])]
    assert {"青石县司法局", "青石县律师协会"} <= set(_orgs(text))
