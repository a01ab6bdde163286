"""Rules added for articles nobody tuned for (issue 14, third round): organizers of
subject-less sentences and of articles with one body, pronoun heads, aggregates held
by classes of bodies, acting communities, class lists, multi-level names, street
publicity, media portals and Macau / Taiwan police bureaus. Invented sentences."""

from __future__ import annotations

import pytest

from fazhi_ie import parse

pytestmark = pytest.mark.pipeline


def org_names(text: str) -> list[str]:
    return [o.name for o in parse(text).organizations]


def events(text: str) -> list[tuple[str, str | None, list[str]]]:
    a = parse(text)
    names = {o.id: o.name for o in a.organizations}
    return [(e.type.value, e.date, [names[x] for x in e.organizers]) for e in a.events]


def test_subject_less_sentence_takes_the_organizers_before_it():
    text = "白河县司法局在县广场开展普法宣传活动。同时，依托党校微课堂开展法律知识培训。"
    assert events(text) == [
        ("publicity", None, ["白河县司法局"]),
        ("training", None, ["白河县司法局"]),
    ]


def test_sentence_with_its_own_subject_does_not_inherit():
    text = "白河县司法局在县广场开展普法宣传活动。同时，白河县第一中学组织学生开展法律知识竞赛。"
    assert events(text)[1] == ("competition", None, ["白河县第一中学"])


def test_only_body_of_the_article_organizes_an_activity_naming_none():
    text = "白河县法律援助中心为农民工准备了资料。当天的法律咨询活动吸引了两百余名群众。"
    assert events(text) == [("consultation", None, ["白河县法律援助中心"])]


def test_body_named_only_in_a_title_or_later_is_no_fallback_organizer():
    text = "5月3日，青山市法治宣传周启动仪式举行。青山市司法局局长李明远表示，将继续开展普法。"
    assert all(orgs == [] for _, _, orgs in events(text))


def test_pronoun_refers_to_the_last_body_with_its_head():
    text = (
        "青山市人民检察院与白河县人民法院签订协议。2022年由该院法官主讲的一堂法治直播课反响热烈。"
    )
    assert events(text) == [("livestream", None, ["白河县人民法院"])]


def test_activity_held_by_a_class_of_bodies_is_an_aggregate():
    text = "3月5日，青山市司法局在广场开展普法宣传活动。各村也相继召开普法推进会。"
    assert [t for t, _, _ in events(text)] == ["publicity"]


def test_class_list_before_a_name_is_no_body():
    text = "各县、区、乡镇党委宣传部联合相关单位组织开展法治宣传周活动。"
    assert org_names(text) == []
    assert events(text) == []


def test_community_holding_an_activity_is_a_body():
    assert events("青禾社区于2025年3月11日举办扫黑除恶主题活动。") == [
        ("publicity", "2025-03-11", ["青禾社区"])
    ]
    assert org_names("近日，青禾社区联合白河派出所开展反诈宣传。") == ["青禾社区", "白河派出所"]


def test_community_as_venue_or_after_a_verb_is_no_body():
    assert org_names("在青禾社区开展普法宣传活动。") == []
    assert org_names("民警每周深入社区开展宣传。") == []


def test_unrecognized_parent_joins_its_sub_unit():
    text = "青山边境管理支队白河镇派出所联合白河镇中学开展禁毒宣传活动。"
    assert org_names(text) == ["青山边境管理支队白河镇派出所", "白河镇中学"]


def test_street_publicity_and_place_traffic_police():
    text = "近日，白河县交警走上街头开展交通安全宣传。"
    assert events(text) == [("publicity", None, ["白河县交警"])]
    assert org_names("执勤交警在路口开展交通安全宣传。") == []


def test_media_portal_is_one_outlet():
    assert events("青山晚报正义网主办的法治征文大赛昨日结束。") == [
        ("competition", None, ["青山晚报正义网"])
    ]


def test_macau_police_bureau_after_a_coordinator():
    text = "法務局聯同治安警察局舉辦普法講座。"
    assert events(text) == [("lecture", None, ["法务局", "治安警察局"])]


def test_office_stationed_somewhere_is_one_name():
    assert org_names("青山市人民检察院驻白河镇检察室开展法律咨询活动。") == [
        "青山市人民检察院驻白河镇检察室"
    ]
    assert org_names("青山市司法局驻地在白河路。") == ["青山市司法局"]


def test_body_that_only_gives_instructions_is_no_fallback_organizer():
    text = "根据中国共产党中央委员会的部署，白河县开展宪法宣传。"
    assert events(text) == [("publicity", None, [])]


def law_names(text: str) -> list[str]:
    return [law.name for law in parse(text).laws]


def test_hong_kong_and_macau_laws_as_written():
    assert law_names("讲座介绍宪法、香港国安法与香港基本法的关系。") == [
        "宪法",
        "香港国安法",
        "香港基本法",
    ]
    assert law_names("增進認識「一國兩制」及基本法。") == ["基本法"]


def test_law_inside_a_body_name_is_no_mention():
    text = "白河基本法推廣協會舉辦講座。"
    assert law_names(text) == []
    assert law_names(text + "講座介紹基本法。") == ["基本法"]


def test_unbracketed_regulations_in_quotes_and_lists():
    assert law_names("展出了“白河县物业服务收费管理办法”的宣传展板。") == [
        "白河县物业服务收费管理办法"
    ]
    assert law_names("他说：“这是我们的工作规定”。") == []
    assert law_names("学习宪法、青山市物业管理条例、民法典等法律法规。") == [
        "宪法",
        "青山市物业管理条例",
        "民法典",
    ]


def test_law_named_in_a_talk_title():
    assert law_names("开展《遵守安全生产法，当好第一责任人》专题讲座。") == ["安全生产法"]


def test_taiwan_police_units_councils_and_family_courts():
    assert org_names("青山縣警察局交通隊與監理站合辦交通安全宣導。") == ["青山县警察局交通队"]
    assert events("青山市議會舉辦公聽會。") == [("meeting", None, ["青山市议会"])]
    assert org_names("青山市残联联合县工商联、市消协开展宣传。") == [
        "青山市残联",
        "县工商联",
        "市消协",
    ]
    assert org_names("白河市政府教育局與白河少年及家事法院合辦法治講座。") == [
        "白河市政府教育局",
        "白河少年及家事法院",
    ]
