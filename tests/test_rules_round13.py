"""Rules of the thirteenth quality round (issue 14), on invented sentences: bodies named
for their function (…调处中心), and articles whose one activity is told only by a verb
(向学生讲解…)."""

from __future__ import annotations

import pytest
from rules_helpers import events_with_organizers as _events
from rules_helpers import org_names as _orgs

from fazhi_ie import parse

pytestmark = pytest.mark.pipeline

HOLD = "12月4日，{}在城东广场开展宪法宣传活动。"


@pytest.mark.parametrize(
    "name",
    [
        "青石县矛盾纠纷调处中心",
        "青石县反诈骗协调中心",
        "青石县非诉讼纠纷解决中心",
    ],
)
def test_a_body_named_for_its_function_is_found(name: str) -> None:
    assert _events(HOLD.format(name)) == [("publicity", [name])]


@pytest.mark.parametrize(
    "text",
    [
        "县司法局协调中心城区各单位开展宣传。",  # a verb after a body, no name word before it
        "12月4日，协调中心在城东广场开展宪法宣传活动。",  # no region, level or parent body
    ],
)
def test_a_function_word_alone_before_a_suffix_makes_no_name(text: str) -> None:
    assert not any(n.endswith("协调中心") for n in _orgs(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "12月4日，白河市人民检察院干警来到白河市实验中学，向师生讲解宪法知识。",
            [("lecture", ["白河市人民检察院"])],
        ),
        (
            "基隆市警察局第一分局員警前往仁愛國小，向學童宣導交通安全。",
            [("lecture", ["基隆市警察局第一分局"])],
        ),
        (
            "白河市人民检察院干警前往白河市实验中学，为师生普及未成年人保护法。",
            [("lecture", ["白河市人民检察院"])],
        ),
        (
            "近日，東城區警署警員到訪長者中心，向長者講解防騙知識。",
            [("publicity", ["东城区警署"])],
        ),
    ],
)
def test_an_activity_told_by_a_verb_is_the_articles_event(text: str, expected: list) -> None:
    assert _events(text) == expected


def test_a_told_activity_takes_the_day_the_article_gives_before_it() -> None:
    text = (
        "5月9日，白河市中级人民法院少年庭干警携手来到白河市第二中学。\n"
        "课堂上，干警结合身边案例，向同学们讲解了网络交友的风险。"
    )
    events = parse(text).events
    assert [(e.type.value, e.date) for e in events] == [("lecture", "--05-09")]


@pytest.mark.parametrize(
    "text",
    [
        "今后，青石县司法局将继续向群众宣传法律知识，营造良好氛围。",
        "会议要求，各单位要积极向群众宣传宪法，提高全民法治意识。",
        "多年来，白河市人民法院坚持向群众宣传法律知识，累计发放资料3万份。",
        "为进一步向青少年普及法律知识，青石县司法局制定了工作方案。",
        "青石县司法局每月定期向居民讲解法律知识。",
        "据介绍，该中心主要负责向群众宣传禁毒知识。",
    ],
)
def test_telling_as_a_plan_duty_or_routine_is_no_event(text: str) -> None:
    assert parse(text).events == []


def test_beside_a_held_activity_telling_describes_it() -> None:
    text = (
        "12月4日，青石县司法局在城东广场开展宪法宣传活动。"
        "活动现场，工作人员向过往群众讲解宪法知识，并向学生宣讲法治故事。"
    )
    assert _events(text) == [("publicity", ["青石县司法局"])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 偕同 joins two hosts
        (
            "新北市政府警察局偕同新北市政府教育局，於板橋國中辦理校園反毒講座。",
            [("lecture", ["新北市政府警察局", "新北市政府教育局"])],
        ),
        # 展開 holds an activity
        (
            "廉政公署昨日展開一連三日的廉潔宣傳活動，在多個商場設置攤位。",
            [("publicity", ["廉政公署"])],
        ),
        # 到訪 leads to a destination, not an actor; 與學生分享 tells a school's audience
        (
            "懲教署職員日前到訪屯門區中學，與學生分享更生故事及禁毒訊息。",
            [("lecture", ["惩教署"])],
        ),
    ],
)
def test_hong_kong_and_taiwan_verbs_of_holding_and_going(text: str, expected: list) -> None:
    assert _events(text) == expected


def test_world_environment_day_ordinal_gives_the_year() -> None:
    text = "为迎接第48个世界环境日，6月2日，青石县司法局在城东广场开展宣传活动。"
    assert [(e.type.value, e.date) for e in parse(text).events] == [("publicity", "2019-06-02")]


@pytest.mark.parametrize("name", ["青石县一中", "白河市二中", "东城区三小"])
def test_a_numbered_school_after_its_place_is_found(name: str) -> None:
    assert _events(HOLD.format(name)) == [("publicity", [name])]


@pytest.mark.parametrize("text", ["其中一中学生获奖。", "全县一中队民警开展宣传。"])
def test_a_numeral_and_zhong_without_a_place_is_no_school(text: str) -> None:
    assert _orgs(text) == []


def test_a_court_division_after_a_short_court_name_stays_whole() -> None:
    # the segmenter knows 民一庭: no 院民 + 一庭 cut
    assert "白河中院民一庭" in _orgs("12月4日，白河中院民一庭在城东广场开展宣传活动。")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "12月4日，青石县司法局邀请白河市律师协会共同开展宪法宣传活动。",
            [("publicity", ["青石县司法局", "白河市律师协会"])],
        ),
        (
            "近日，白河市人民法院邀请青石县教育局一起举办模拟法庭活动。",
            [("performance", ["白河市人民法院", "青石县教育局"])],
        ),
        # invited to take part: a participant, no organizer
        (
            "12月4日，青石县司法局邀请白河市律师协会参与宪法宣传活动。",
            [("publicity", ["青石县司法局"])],
        ),
    ],
)
def test_bodies_invited_to_hold_an_activity_jointly_organize_it(text: str, expected: list) -> None:
    assert _events(text) == expected


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("12月4日，青石县司法局将在城东广场开展宪法宣传活动。", "--12-04"),
        ("宪法宣传周期间（12月1日至7日），青石县司法局将在全县开展宪法宣传活动。", "--12-01"),
    ],
)
def test_an_activity_announced_for_a_day_is_an_event(text: str, date: str) -> None:
    assert [(e.type.value, e.date) for e in parse(text).events] == [("publicity", date)]


def test_an_undated_plan_stays_no_event() -> None:
    assert parse("今后，青石县司法局将继续开展宪法宣传活动。").events == []


def test_a_line_opening_with_punctuation_joins_the_line_before() -> None:
    from fazhi_ie.text import normalize

    raw = "连日来，青石县水务局按照省\n、市部门的安排\n，在城东广场开展宣传活动。\n第二段。"
    n = normalize(raw)
    assert n.text == "连日来,青石县水务局按照省、市部门的安排,在城东广场开展宣传活动。\n第二段。"
    span = n.raw_span(n.text.index("市部门"), n.text.index("市部门") + 3)
    assert raw[span.start : span.end] == span.text == "市部门"
    assert _events(raw) == [("publicity", ["青石县水务局"])]


def test_an_enumerated_heading_told_by_another_type_is_the_campaign_only() -> None:
    text = "一是开展宪法进校园活动。12月5日，青石县司法局在青石县第一中学举办法治讲座。"
    assert _events(text) == [("lecture", ["青石县司法局"])]


def test_an_enumerated_heading_told_by_its_own_type_stays_one_event() -> None:
    text = "一是开展法律咨询活动。12月5日，青石县司法局在城东广场开展法律咨询，解答群众问题。"
    assert _events(text) == [("consultation", ["青石县司法局"])]


def test_a_headline_naming_the_campaign_period_of_a_lecture_is_that_lecture() -> None:
    text = (
        "青石县司法局开展宪法宣传周活动\n"
        "12月4日，青石县司法局在城东广场举办法治讲座，为群众讲解宪法知识。"
    )
    assert _events(text) == [("lecture", ["青石县司法局"])]


def test_a_headline_campaign_with_its_own_body_report_stays() -> None:
    text = (
        "青石县司法局开展宪法宣传周活动\n"
        "12月4日，青石县司法局在城东广场开展宪法宣传活动。当天下午，该局还举办了法治讲座。"
    )
    assert sorted(t for t, _ in _events(text)) == ["lecture", "publicity"]


def test_a_fair_that_opens_is_an_exhibition() -> None:
    text = "由法務部主辦、臺灣高等檢察署承辦的反毒博覽會，今日在高雄展覽館登場。"
    assert _events(text) == [("exhibition", ["法务部", "台湾高等检察署"])]


def test_the_country_before_the_national_level_word_opens_the_name() -> None:
    assert _events(HOLD.format("中华全国律师协会")) == [("publicity", ["中华全国律师协会"])]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("12月4日，祐漢街坊會在城東廣場開展宣傳活動。", "祐汉街坊会"),
        ("12月4日，黑沙環坊眾互助會在城東廣場開展宣傳活動。", "黑沙环坊众互助会"),
        ("12月4日，白河市法学会在城东广场开展宣传活动。", "白河市法学会"),
        ("12月4日，青石县台胞联谊会在城东广场开展宣传活动。", "青石县台胞联谊会"),
    ],
)
def test_neighbourhood_and_learned_associations_are_bodies(text: str, name: str) -> None:
    assert name in _orgs(text)


@pytest.mark.parametrize("name", ["臺北市政府警察局中正第一分局", "白河市公安局城东第一分局"])
def test_a_districts_numbered_branch_keeps_its_district(name: str) -> None:
    assert any(n.endswith("第一分局") and len(n) == len(name) for n in _orgs(HOLD.format(name)))


@pytest.mark.parametrize(
    ("name", "found"),
    [("東九龍總區", "东九龙总区"), ("香港警務處東九龍總區", "香港警务处东九龙总区")],
)
def test_a_hong_kong_police_region_is_a_body(name: str, found: str) -> None:
    assert found in _orgs(HOLD.format(name))


def test_a_joining_verb_glued_to_the_next_bodys_short_name_is_split_off() -> None:
    text = "12月4日，青石县司法局会同县教育局、县团委在青石县第一中学开展宪法宣传活动。"
    assert _events(text) == [("publicity", ["青石县司法局", "县教育局", "县团委"])]


def test_a_county_named_like_a_joining_verb_stays_a_county() -> None:
    assert "湖南省会同县教育局" in _orgs("湖南省会同县教育局开展宣传活动。")


def test_bodies_that_only_take_part_are_no_hosts() -> None:
    text = (
        "12月4日，青石县司法局牵头，县公安局、县市场监管局等部门参与，在城东广场开展宪法宣传活动。"
    )
    assert _events(text) == [("publicity", ["青石县司法局"])]
