"""Rules of the tenth quality round (issue 14), on invented sentences: numbered police
sub-units, ..."""

from __future__ import annotations

import pytest
from rules_helpers import events_with_organizers as _events
from rules_helpers import org_names as _orgs

from fazhi_ie import parse

pytestmark = pytest.mark.pipeline


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("11月2日，青石市公安局交通警察支队二大队民警走进新华小学开展交通安全讲座。",
         "青石市公安局交通警察支队二大队"),
        ("青石县公安局特警大队三中队的民警近日来到城南社区宣传禁毒知识。",
         "青石县公安局特警大队三中队"),
    ],
)  # fmt: skip
def test_a_numbered_sub_unit_is_part_of_its_parent_name(text: str, name: str):
    assert name in _orgs(text)


def test_the_next_day_is_the_day_after_the_day_named_last():
    text = (
        "发布时间：2023-11-10\n"
        "11月8日，青石县人民法院法官走进青石县实验中学开展法治讲座。"
        "次日，该院又在城西社区开展法律咨询。"
    )
    assert [(e.type.value, e.date) for e in parse(text).events] == [
        ("lecture", "2023-11-08"),
        ("consultation", "2023-11-09"),
    ]


def test_a_launch_is_held_on_its_day_when_its_sentence_states_a_period():
    text = "发布时间：2023-11-10\n为期三天的反诈宣传活动于11月7日在青石县人民广场启动。"
    launches = [e for e in parse(text).events if e.type.value == "launch"]
    assert [(e.date, e.date_end) for e in launches] == [("2023-11-07", None)]


def test_a_body_acting_through_its_own_party_branch_is_an_organizer():
    text = "11月20日，青石县司法局机关党支部与城南社区党支部开展主题党日活动。"
    assert _events(text) == [("publicity", ["青石县司法局", "城南社区党支部"])]


def test_an_activity_told_as_running_for_days_past_has_no_day():
    text = (
        "发布时间：2023-12-06\n"
        "12月4日是第十个国家宪法日。连日来，青石县司法局在城东广场开展宪法宣传活动。"
    )
    assert [(e.type.value, e.date) for e in parse(text).events] == [("publicity", None)]


def test_an_activity_of_recent_days_inside_a_period_defined_before_takes_the_period():
    text = (
        "发布时间：2021-12-08\n"
        "12月2日至8日是本年度的宪法宣传周，为让纳税人知法守法，近日，青石县税务局在办税大厅"
        "开展了宪法宣传活动。"
    )
    assert [(e.type.value, e.date, e.date_end) for e in parse(text).events] == [
        ("publicity", "2021-12-02", "2021-12-08")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "11月30日，青石县人民法院为城南小学授予“法治教育示范学校”牌匾。",
        "城南小学被评为“青石县依法治校示范学校”。",
    ],
)
def test_a_quoted_honorary_title_is_no_organization(text: str):
    assert _orgs(text) == [n for n in _orgs(text) if "示范" not in n]
    assert "城南小学" in _orgs(text)


def test_the_labelled_lines_of_a_site_footer_go_with_the_footer():
    from fazhi_ie.text import normalize

    text = (
        "11月30日，青石县司法局在城东广场开展宪法宣传活动。\n"
        "主办单位：青石县人民政府办公室\n"
        "承办单位：青石县信息中心\n"
        "技术支持：青石县融媒体中心\n"
        "联系电话：0000-1234567"
    )
    clean = normalize(text).text
    assert "信息中心" not in clean and "人民政府办公室" not in clean
    assert "青石县人民政府办公室" not in _orgs(text)


def test_the_host_lines_of_an_activity_notice_stay():
    from fazhi_ie.text import normalize

    text = (
        "青石县宪法知识竞赛将于12月4日举行。\n"
        "主办单位：青石县司法局\n"
        "承办单位：青石县律师协会\n"
        "联系电话：0000-1234567"
    )
    assert "青石县律师协会" in normalize(text).text


def test_a_promotion_activity_is_publicity_and_many_of_them_are_an_aggregate():
    held = "黃大仙民政事務處於11月25日舉辦《基本法》推廣活動，吸引逾百名街坊參加。"
    many = "黃大仙民政事務處今年已在區內舉辦多次《基本法》推廣活動。"
    assert [t for t, _ in _events(held)] == ["publicity"]
    assert _events(many) == []


def test_a_hong_kong_police_district_is_an_organization():
    text = "深水埗區撲滅罪行委員會與深水埗警區於11月25日合辦防騙講座。"
    assert _events(text) == [("lecture", ["深水埗区扑灭罪行委员会", "深水埗警区"])]


def test_a_day_of_this_month_before_a_verb_opening_with_qian_is_that_day():
    text = "發布日期：112-11-10\n臺東縣警察局關山分局於本月8日前往轄內社區辦理反詐騙宣導。"
    assert [(e.type.value, e.date) for e in parse(text).events] == [("publicity", "2023-11-08")]


def test_an_activity_in_the_fire_safety_month_takes_that_month():
    text = (
        "发布时间：2023-11-20\n"
        "“119”消防宣传月期间，青石县消防救援大队组织开展了消防安全进社区活动。"
    )
    assert [(e.type.value, e.date) for e in parse(text).events] == [("publicity", "2023-11")]


def test_the_body_labelling_the_headline_holds_an_activity_no_sentence_gives_a_host():
    text = (
        "青石县检察院：检察官进校园 护航促成长\n近日，干警们走进城南中学，为学生们上了一堂法治课。"
    )
    assert _events(text) == [("lecture", ["青石县检察院"])]


def test_a_headline_activity_takes_the_day_of_a_lead_that_reports_no_activity_of_its_own():
    text = (
        "青石县司法局开展民法典宣传活动\n"
        "11月28日，在城东广场，工作人员通过摆放展板、发放宣传资料等方式向群众宣传民法典。"
    )
    assert [(e.type.value, e.date) for e in parse(text).events] == [("publicity", "--11-28")]


def test_publicity_carried_into_a_place_is_held():
    text = "11月29日，青石县公安局城南派出所开展反诈宣传进营业厅活动，提醒群众防范电信诈骗。"
    assert _events(text) == [("publicity", ["青石县公安局城南派出所"])]


def test_legal_advice_given_at_an_activity_is_part_of_it():
    text = (
        "11月28日，青石县司法局在城东广场开展了民法典宣传活动。"
        "律师为赶集群众提供法律咨询40余人次，发放宣传资料800余份。"
    )
    assert _events(text) == [("publicity", ["青石县司法局"])]


def test_legal_advice_by_another_body_later_that_day_is_an_activity_of_its_own():
    text = (
        "11月28日，青石县司法局在城东广场开展了民法典宣传活动。"
        "当天下午，青石县律师协会在城西社区开展法律咨询活动。"
    )
    assert _events(text) == [
        ("publicity", ["青石县司法局"]),
        ("consultation", ["青石县律师协会"]),
    ]


def test_bodies_joined_by_lianshou_are_two_organizers():
    text = "11月28日，青石县司法局联手青石广播电视台举办宪法知识竞赛。"
    assert _events(text) == [("competition", ["青石县司法局", "青石广播电视台"])]


def test_the_body_of_a_lead_that_says_it_acted_holds_the_activities_listed_after_it():
    text = (
        "民法典宣传月期间，青石县人民检察院积极行动。\n"
        "一是开展“检察官进校园”活动。检察官们来到城南小学，为学生们上了一堂法治课。"
    )
    assert {tuple(o) for _, o in _events(text)} == {("青石县人民检察院",)}


def test_staff_sent_at_a_schools_invitation_act_for_their_own_body():
    text = "11月28日，受城南小学邀请，青石县人民法院法官走进校园开展法治讲座。"
    assert _events(text) == [("lecture", ["青石县人民法院"])]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("11月28日，青石县公安局在城南社区开展反诈宣传教育。", "publicity"),
        ("11月28日，青石县司法局在城南社区开展送法活动。", "publicity"),
        ("11月28日，青石县司法局在城南公园开展法治文化活动。", "publicity"),
        ("11月28日，青石县人民检察院为城南中学学生举行十八岁成人仪式。", "other"),
        ("11月28日，青石县人大常委会组织部分人大代表视察县人民法院。", "visit"),
    ],
)
def test_more_words_for_held_activities(text: str, kind: str):
    assert [t for t, _ in _events(text)] == [kind]


@pytest.mark.parametrize(
    "name",
    ["区城管局", "县文旅局", "市卫健委", "市民政局", "县商务局", "市发改局", "市民宗局",
     "市人防办", "县文广旅局", "青石县行政审批服务局"],
)  # fmt: skip
def test_short_names_of_local_government_bureaus_are_organizations(name: str):
    text = f"近日，{name}组织干部走进城南社区开展普法宣传活动。"
    assert name in _orgs(text)


def test_a_youth_league_committee_after_a_joining_verb_is_found():
    text = "11月28日，青石县司法局联合团青石县委开展青少年普法宣传活动。"
    assert _events(text) == [("publicity", ["青石县司法局", "团青石县委"])]


def test_a_campaign_word_followed_by_its_day_is_held():
    text = "由廉政公署主辦的反賄選宣導於11月28日在沙田舉行。"
    assert [t for t, _ in _events(text)] == ["publicity"]


@pytest.mark.parametrize("name", ["終審法院", "初級法院", "社會工作局", "法務部行政執行署"])
def test_macau_courts_and_bureaus_and_a_taiwan_agency_are_organizations(name: str):
    from opencc import OpenCC

    assert OpenCC("t2s").convert(name) in _orgs(f"活動由{name}主辦，於11月28日舉行。")
