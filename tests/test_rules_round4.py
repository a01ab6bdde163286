"""Rules of the fourth quality round (issue 14): named activities, more 进X forms,
talks given to an audience, campaigns opened by a launch. Invented sentences."""

from __future__ import annotations

import pytest
from test_rules_generalise import events

from fazhi_ie import parse

pytestmark = pytest.mark.pipeline


def test_quoted_name_followed_by_activity_is_a_publicity_event():
    text = "4月10日，白河县检察院开展“护苗成长”活动。"
    assert events(text) == [("publicity", "--04-10", ["白河县检察院"])]


def test_quoted_name_holding_a_trigger_keeps_that_type():
    text = "7月1日，青山市检察院开展“检务开放日”主题活动。"
    assert events(text) == [("open_day", "--07-01", ["青山市检察院"])]


def test_quoted_name_as_a_theme_is_not_a_second_event():
    text = "6月2日，白河县司法局以“法治护航”为主题开展普法宣传活动。"
    assert events(text) == [("publicity", "--06-02", ["白河县司法局"])]


@pytest.mark.parametrize("place", ["进工地", "进万家", "进家庭", "进军营"])
def test_publicity_taken_to_a_place(place: str):
    text = f"8月3日，白河县人社局组织开展法律法规宣传{place}活动。"
    assert events(text) == [("publicity", "--08-03", ["白河县人社局"])]


def test_talk_given_to_an_audience_is_held():
    text = "5月8日，白河县司法局邀请青山大学教授为全体干部作民法典专题讲座。"
    assert events(text)[0][:2] == ("lecture", "--05-08")


def test_talk_only_planned_is_not_held():
    text = "白河县司法局要求各单位今后要为干部作好学法安排，并将适时组织讲座。"
    assert events(text) == []


def test_campaign_opened_by_a_launch_is_not_dated_by_the_launch_day():
    text = "3月25日，青山市妇联主办的“护苗成长”活动正式启动。"
    found = events(text)
    assert ("launch", "--03-25", ["青山市妇联"]) in found
    assert ("publicity", None, ["青山市妇联"]) in found


def orgs(text: str) -> dict[str, list[str]]:
    return {o.name: [m.text for m in o.mentions] for o in parse(text).organizations}


def test_declared_short_form_is_a_mention_of_its_body():
    text = (
        "青山市人民检察院（以下简称“青山市检”）于5月3日开展普法宣传活动。"
        "6月1日，白河县司法局和青山市检又举办法治讲座。"
    )
    found = orgs(text)
    assert list(found) == ["青山市人民检察院", "白河县司法局"]
    assert found["青山市人民检察院"].count("青山市检") == 2
    assert events(text)[1] == ("lecture", "--06-01", ["白河县司法局", "青山市人民检察院"])


def test_declared_short_form_in_traditional_script():
    text = "香港廉政公署（廉署）昨日舉辦講座。6月1日，白河縣教育局與廉署再舉辦防貪講座。"
    assert list(orgs(text)) == ["香港廉政公署", "白河县教育局"]


def test_longer_short_form_ending_in_the_declared_one_joins_the_body():
    text = "青山市知识产权保护委员会（保护委）今日召开会议。青山保护委表示将加强宣传。"
    assert list(orgs(text)) == ["青山市知识产权保护委员会"]


def test_bracketed_words_that_do_not_abbreviate_are_no_short_form():
    text = "青山市司法局（记者站）今日开展普法宣传活动，记者站工作人员到场。"
    assert [m for ms in orgs(text).values() for m in ms].count("记者站") == 0


@pytest.mark.parametrize(
    "text, name",
    [
        ("香港入境處於3月舉辦防騙講座。", "香港入境处"),
        ("青山市司法局法制处于5月3日举办讲座。", "青山市司法局法制处"),
    ],
)
def test_body_ending_in_chu_before_a_time_keeps_its_name(text: str, name: str):
    assert name in [o.name for o in parse(text).organizations]


def test_chu_yu_before_a_state_is_no_body():
    assert parse("当前，禁毒工作仍处于攻坚阶段。").organizations == []


def test_day_of_this_month_is_a_full_date():
    a = parse("香港警務處於本月10日在灣仔舉辦反詐騙嘉年華活動。", published="2024-05-12")
    assert [(e.type.value, e.date) for e in a.events] == [("publicity", "2024-05-10")]


def test_taiwan_police_units_join_their_bureau():
    text = "高雄市政府警察局少年隊於5月26日至青山國中進行反毒宣導。"
    names = [o.name for o in parse(text).organizations]
    assert names[0] == "高雄市政府警察局少年队"


@pytest.mark.parametrize(
    "text, name",
    [
        ("中国移动通信集团青山有限公司开展反诈宣传。", "中国移动通信集团青山有限公司"),
        (
            "中国邮政储蓄银行股份有限公司白河县支行开展反诈宣传活动。",
            "中国邮政储蓄银行股份有限公司白河县支行",
        ),
        (
            "中国人寿保险股份有限公司白河县支公司开展宣传活动。",
            "中国人寿保险股份有限公司白河县支公司",
        ),
        ("白河县农村信用合作联社开展宣传活动。", "白河县农村信用合作联社"),
    ],
)
def test_banks_and_companies_keep_their_whole_name(text: str, name: str):
    assert [o.name for o in parse(text).organizations] == [name]
