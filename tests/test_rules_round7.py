"""Rules of the seventh quality round (issue 14): long association names, Hong Kong
police districts and departments, a follow-up sentence whose subject is a body's
staff, services and safety education reported as held. Invented sentences."""

from __future__ import annotations

import pytest
from rules_helpers import events_with_organizers as _events
from rules_helpers import org_names as _orgs

from fazhi_ie import parse

pytestmark = pytest.mark.pipeline


def test_a_region_and_four_words_before_an_association_are_one_name():
    text = "白河市人民银行联合白河市金融消费权益保护协会开展宣传活动。"
    assert "白河市金融消费权益保护协会" in _orgs(text)


def test_four_words_that_hold_a_body_still_end_the_name():
    # the walk stops at another body's name: 司法局 / 联合 / 国网 … is no one name
    orgs = _orgs("近日，白河县司法局联合国网白河供电公司开展宣传。")
    assert "白河县司法局" in orgs


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("香港警務處沙田警區昨日在火車站舉行防騙講座。", "香港警务处沙田警区"),
        ("旅遊事務署聯同知識產權署舉辦宣傳活動。", "知识产权署"),
        ("康樂及文化事務署上月舉辦法律講座。", "康乐及文化事务署"),
        ("選舉事務處今日舉辦簡介會。", "选举事务处"),
    ],
)
def test_hong_kong_districts_and_departments_keep_their_whole_name(text: str, name: str):
    assert name in _orgs(text)


def test_the_staff_of_a_body_in_the_next_sentence_name_the_organizer():
    text = "日前，一场民法典讲座在白河社区举行。白河区司法局的律师为居民讲解了继承编。"
    assert _events(text) == [("lecture", ["白河区司法局"])]


def test_a_place_subject_alone_in_the_next_sentence_names_no_organizer():
    text = "日前，一场民法典讲座在白河社区举行。白河社区的居民踊跃参加。"
    assert _events(text) == [("lecture", [])]


def test_legal_advice_provided_is_a_consultation():
    text = "白河市法律援助中心律师为进城务工人员提供法律咨询服务40余人次。"
    assert [t for t, _ in _events(text)] == ["consultation"]


def test_safety_education_carried_out_is_an_activity():
    text = "白河市消防救援支队走进白河二中，为师生开展消防安全教育。"
    assert _events(text) == [("publicity", ["白河市消防救援支队"])]


def test_safety_education_as_a_topic_is_no_activity():
    assert _events("学校要重视消防安全教育工作，完善相关制度。") == []


def test_a_class_of_bodies_opening_the_sentence_holds_no_single_activity():
    text = (
        "12月4日，白河县司法局在中心广场举办宪法宣传活动。"
        "此外，各乡镇司法所也立足本地，组织举办宪法宣传活动。"
    )
    assert _events(text) == [("publicity", ["白河县司法局"])]


def test_a_body_joined_by_jiehe_organizes_with_the_other():
    # Taiwan usage: 结合 joins two bodies that hold the activity together
    text = "屏東縣政府社會處結合屏東縣家庭暴力防治中心辦理反家暴宣導活動。"
    assert _events(text) == [("publicity", ["屏东县政府社会处", "屏东县家庭暴力防治中心"])]


def test_a_unit_named_in_its_heads_title_after_a_pronoun_is_no_body():
    text = "白河市公安局城南分局日前举办讲座，该分局治安大队大队长陈刚为居民授课。"
    orgs = _orgs(text)
    assert "治安大队" not in orgs
    assert "白河市公安局城南分局" in orgs


def test_a_unit_of_its_own_keeps_its_name_before_its_heads_title():
    assert _orgs("白河县禁毒大队大队长张三带领民警开展宣传。") == ["白河县禁毒大队"]


def test_a_named_campaign_that_goes_into_a_community_is_the_campaign():
    text = "日前，由白河市司法局主办的“法律进万家”活动走进白河社区。"
    assert _events(text) == [("publicity", ["白河市司法局"])]


def _quantities(text: str) -> list[tuple[float, str]]:
    return [(m.value, m.quantity.value) for m in parse(text).metrics]


def test_consultations_counted_in_zong_are_consultations():
    # Hong Kong and Macau count enquiries in 宗, as they count cases
    assert _quantities("本月共處理市民查詢及諮詢86宗，調解糾紛9宗。") == [
        (86, "consultations"),
        (9, "cases"),
    ]


def test_enterprises_counted_in_hu_are_institutions_and_households_are_audience():
    assert _quantities("律师团为60余户企业开展法治体检。") == [(60, "institutions")]
    assert _quantities("民警走访辖区200余户居民。") == [(200, "audience")]
