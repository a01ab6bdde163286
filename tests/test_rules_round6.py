"""Rules of the sixth quality round (issue 14): organizer lists across a time,
pronouns joined to a list, joining verbs before an NER name. Invented sentences."""

from __future__ import annotations

import pytest
from rules_helpers import events_with_organizers as _events

from fazhi_ie import parse
from fazhi_ie.build.org_ner import with_ner
from fazhi_ie.components.base import EntitySpan, candidates
from fazhi_ie.components.organizations import OrgRecognizer

pytestmark = pytest.mark.pipeline


@pytest.mark.parametrize(
    "text",
    [
        "律政司今日與香港大學法律學院合辦「國家憲法日」研討會。",
        "青山区司法局12月4日与青山大学法学院合办宪法研讨会。",
        "青山区司法局（12月4日）同青山大学法学院合办宪法研讨会。",
    ],
)
def test_a_time_between_two_hosts_keeps_both(text: str):
    (event,) = _events(text)
    assert event[0] == "meeting"
    assert len(event[1]) == 2


def test_a_pronoun_joined_to_a_body_organizes_with_it():
    text = "白河县人民法院召开会议。12月5日，该院联合县司法局在人民广场设立宪法宣传咨询台。"
    assert ("publicity", ["白河县人民法院", "县司法局"]) in _events(text)


def test_a_pronoun_that_attends_joins_no_list():
    # the pronoun is the subject of another verb: only the body after 联合 is read
    text = "白河县人民法院召开会议。12月5日，县司法局联合县妇联设立宪法宣传咨询台，该院干警到场。"
    assert ("publicity", ["县司法局", "县妇联"]) in _events(text)


def test_joining_verb_before_an_ner_name_is_cut(nlp):
    text = "治安警察局联同社会工作局举行防骗讲座。"
    doc = nlp.make_doc(text)
    OrgRecognizer()(doc)
    span = EntitySpan(5, 12, "ORG", text[5:12])  # 联同社会工作局, as the NER gives it
    merged = with_ner(doc, text, candidates(doc, "orgs"), [span])
    assert "社会工作局" in [c.name for c in merged]
    assert not any(c.name.startswith("联同") for c in merged)


def test_hosts_named_after_the_activity_include_those_that_carry_it_out():
    text = (
        "4月15日，一场国家安全主题普法活动在青山市文化广场举行。"
        "本次活动由青山市委政法委主办，青山市司法局、青山市教育局承办，青山日报社协办。"
    )
    ((kind, organizers),) = _events(text)
    assert kind == "publicity"
    assert organizers == ["青山市委政法委", "青山市司法局", "青山市教育局"]


def _dates(text: str) -> list[str | None]:
    return [e.date for e in parse(text).events]


@pytest.mark.parametrize(
    "text",
    [
        "在第十个国家宪法日来临之际，白河县司法局开展宪法宣传活动。",
        "在“6·26”国际禁毒日到来之际，白河县公安局开展禁毒宣传活动。",
        "12月4日国家宪法日前夕，白河县司法局开展宪法宣传活动。",
        "白河县总工会于5月1日前夕举办劳动法律知识竞赛。",
        # an earlier sentence's date is not taken either
        "12月1日，白河县司法局召开会议。国家宪法日前夕，白河县司法局开展宪法宣传活动。",
    ],
)
def test_an_approaching_day_dates_no_activity(text: str):
    assert _dates(text)[-1] is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("12月4日，在国家宪法日到来之际，白河县检察院开展开放日活动。", "--12-04"),
        ("2025年3月，在三八妇女节来临之际，白河区妇联开展维权宣讲活动。", "2025-03"),
        ("在12月4日国家宪法日当天，白河县司法局开展宪法宣传活动。", "--12-04"),
    ],
)
def test_a_date_of_its_own_still_dates_the_activity(text: str, date: str):
    assert _dates(text) == [date]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("警務處處長蕭明輝出席開幕禮。", "萧明辉"),
        ("局長賴志偉致詞。", "赖志伟"),
        ("院长锺文华出席。", "锺文华"),
        ("新闻记者区家明报道。", "区家明"),
    ],
)
def test_common_surnames_missing_before(text: str, name: str):
    assert [p.name for p in parse(text).persons] == [name]


def test_an_ambiguous_surname_needs_an_anchor():
    # 区 is also the district word: no title, no name
    assert parse("区文化馆举行展览。").persons == []


@pytest.mark.parametrize(
    "text",
    [
        "第八届“法治杯”辩论比赛吸引了来自全市的60支队伍参赛。",
        "本次宪法知识竞赛圆满结束。",
    ],
)
def test_an_activity_reported_as_over_is_held(text: str):
    assert [t for t, _ in _events(text)] == ["competition"]


def _org_names(text: str) -> list[str]:
    return [o.name for o in parse(text).organizations]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("平等機會委員會舉辦研討會。", "平等机会委员会"),
        ("個人資料私隱專員公署推出宣傳活動。", "个人资料私隐专员公署"),
        ("教育部國民及學前教育署推動反霸凌。", "教育部国民及学前教育署"),
        ("法律援助署派員講解。", "法律援助署"),
    ],
)
def test_hong_kong_and_taiwan_bodies_without_a_place(text: str, name: str):
    assert _org_names(text) == [name]


def test_a_county_without_its_suffix_names_its_traffic_police():
    # 垦利区 is a county-level division: 垦利交警 is its traffic police, and it organizes
    assert _events("近日，垦利交警开展交通安全宣传活动。") == [("publicity", ["垦利交警"])]


def test_a_word_that_is_no_county_stays_no_region():
    assert _org_names("近日，幸福交警开展宣传活动。") == []


def test_the_lead_sentence_after_a_header_line_holds_unattributed_activities():
    text = (
        "青山晚报 2025-08-09 09:41\n"
        "本月，青石乡团委以“向阳花”青年服务队为抓手，携手乡政府举办防诈骗宣传活动。\n"
        "8月3日至6日，暑期普法课堂在各村陆续开讲。"
    )
    events = _events(text)
    assert ("lecture", ["青石乡团委", "乡政府"]) in events
    assert ("publicity", ["青石乡团委", "乡政府"]) in events


def test_a_means_phrase_between_two_organizers_keeps_the_list():
    text = "白河县司法局以普法志愿服务队为抓手，联合县妇联开展宣传活动。"
    assert _events(text) == [("publicity", ["白河县司法局", "县妇联"])]


def test_a_county_name_inside_a_company_name_is_no_region():
    names = _org_names("中国移动通信集团青山有限公司开展反诈宣传。")
    assert names == ["中国移动通信集团青山有限公司"]


def test_a_caption_takes_the_body_acting_in_the_paragraph_after_it():
    text = (
        "图为模拟法庭活动现场。\n"
        "为提升少年的守法观念，本周一，白河县人民检察院举办送法入校园活动，"
        "把模拟法庭带到县第一中学。"
    )
    assert ("performance", ["白河县人民检察院"]) in _events(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("青山县矛盾纠纷多元化解中心开展调解。", "青山县矛盾纠纷多元化解中心"),
        ("白河县社会治理中心开展调解。", "白河县社会治理中心"),
    ],
)
def test_dispute_resolution_centres_are_bodies(text: str, name: str):
    assert _org_names(text) == [name]


def test_resolving_disputes_is_still_no_name():
    assert _org_names("该中心有效化解矛盾纠纷120件。") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("近日，高等法院舉辦法治講座。", "高等法院"),
        ("近日，香港區域法院舉辦法治講座。", "香港区域法院"),
        ("近日，臺北律師公會舉辦法治講座。", "台北律师公会"),
    ],
)
def test_hong_kong_courts_and_bar_associations(text: str, name: str):
    assert _org_names(text) == [name]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("5月10日，白河县法院组织干警到县第二法院观摩庭审。", "visit"),
        ("白河县司法局与县教育局举行法治副校长签约仪式。", "other"),
        ("白河县检察院党组书记为全院干警讲授专题党课。", "lecture"),
        ("青石镇在集市上举办普法大集活动。", "publicity"),
        ("白河县总工会举办劳动法知识擂台赛。", "competition"),
    ],
)
def test_more_activity_words(text: str, kind: str):
    assert [t for t, _ in _events(text)] == [kind]


def test_a_classroom_used_as_a_means_is_no_lecture():
    text = "青石乡还借助村级微课堂举办禁毒知识培训。"
    assert [t for t, _ in _events(text)] == ["training"]


@pytest.mark.parametrize("name", ["青石派出所幸福社区警务室", "白河县青石镇综合行政执法队"])
def test_police_posts_and_enforcement_teams(name: str):
    assert _org_names(f"近日，{name}开展普法宣传活动。") == [name]


@pytest.mark.parametrize(
    "text",
    [
        "小区物业公司工作人员参加了活动。",
        "快递公司员工接受了反诈培训。",
        "去年，某科技公司员工被骗5万元。",
        "白河县某某律师事务所律师参加了活动。",
    ],
)
def test_kinds_of_company_and_anonymised_bodies_are_no_organizations(text: str):
    assert _org_names(text) == []


def test_a_company_with_a_proper_name_stays():
    assert _org_names("白河县华润物业公司开展活动。") == ["白河县华润物业公司"]


@pytest.mark.parametrize(
    ("name", "simplified"),
    [
        ("臺北市政府社會局", "台北市政府社会局"),
        ("臺灣更生保護會", "台湾更生保护会"),
        ("法務部矯正署臺北監獄", "法务部矫正署台北监狱"),
        ("香港警務處新界南總區", "香港警务处新界南总区"),
        ("土地註冊處", "土地注册处"),
    ],
)
def test_more_taiwan_and_hong_kong_bodies(name: str, simplified: str):
    assert _org_names(f"近日，{name}舉辦法治講座。") == [simplified]


def test_two_national_bodies_stay_two():
    assert _org_names("近日，公安部、北京市公安局举办法治讲座。") == ["公安部", "北京市公安局"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("白河县法院白河县检察院联合开展活动。", ["白河县法院", "白河县检察院"]),
        ("县公安局县司法局联合开展活动。", ["县公安局", "县司法局"]),
        ("市中级人民法院市人民检察院联合举办讲座。", ["市中级人民法院", "市人民检察院"]),
    ],
)
def test_bodies_written_together_each_with_its_place_are_two(text: str, names: list[str]):
    assert _org_names(text) == names


@pytest.mark.parametrize(
    "name", ["永登县公安局红城派出所", "青石市公安局滨江新区分局", "法务部调查局桃园市调查处"]
)
def test_a_unit_under_its_parent_stays_one_name(name: str):
    assert _org_names(f"{name}开展宣传活动。") == [name]


@pytest.mark.parametrize(
    ("text", "names"),
    [("白河县法院白河县检察院联合开展活动。", ["白河县法院", "白河县检察院"])],
)
def test_an_ner_span_over_two_bodies_is_split(ner_on, text: str, names: list[str]):
    assert _org_names(text) == names


def test_a_taiwan_short_form_with_its_place_is_the_same_body():
    art = parse(
        "臺中地檢署舉辦反詐宣導。\n臺灣臺中地方檢察署今天上午在里活動中心舉辦法治宣導活動。"
    )
    assert [o.name for o in art.organizations] == ["台湾台中地方检察署"]
    assert len(art.organizations[0].mentions) == 2


def test_forms_introduced_by_a_taiwan_word_are_no_activities_of_their_own():
    text = (
        "法務局於塔石廣場舉辦「國家憲法日」嘉年華，透過攤位遊戲、展板展示等形式向市民推廣憲法知識。"
    )
    assert [t for t, _ in _events(text)] == ["publicity"]


def test_a_campaign_running_until_a_day_is_a_period_from_the_launch():
    art = parse("4月15日，白河县司法局举行宣传月启动仪式。宣传月活动将持续至5月15日。")
    got = [(e.type.value, e.date, e.date_end) for e in art.events]
    assert ("launch", "--04-15", None) in got
    assert ("publicity", "--04-15", "--05-15") in got


def test_a_count_as_of_a_day_starts_no_period():
    art = parse("截至5月15日，共发放资料1000份。4月15日，白河县司法局举办讲座。")
    assert [(e.type.value, e.date, e.date_end) for e in art.events] == [
        ("lecture", "--04-15", None)
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "12月4日，白河县司法局在县委党校举办宪法专题讲座，邀请省委党校教授李明作专题辅导。",
            "lecture",
        ),
        (
            "11月20日，青山镇司法所举办法律明白人培训班，邀请县法律援助中心律师王丽为学员授课。",
            "training",
        ),
    ],
)
def test_an_invited_talk_inside_an_activity_is_no_second_activity(text: str, kind: str):
    assert [t for t, _ in _events(text)] == [kind]


def test_an_invited_talk_after_a_publicity_activity_is_its_own():
    text = "白河县司法局开展宪法宣传活动，邀请律师为群众作专题讲座。"
    assert [t for t, _ in _events(text)] == ["publicity", "lecture"]


def test_a_verb_ending_in_to_is_no_part_of_the_body_after_it():
    names = _org_names("白河县人民检察院把模拟法庭带到县第一中学。")
    assert names == ["白河县人民检察院", "县第一中学"]
