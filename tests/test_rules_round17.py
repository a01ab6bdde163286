"""Rules of the seventeenth quality round (issue 14): who organized each activity,
on invented sentences."""

from __future__ import annotations

import pytest

from fazhi_ie import parse
from fazhi_ie.evaluate.keys import pred_date

pytestmark = pytest.mark.pipeline


def _events(text: str) -> list[tuple[str, str | None, list[str]]]:
    a = parse(text)
    names = {o.id: o.name for o in a.organizations}
    return [(e.type.value, e.date, [names[x] for x in e.organizers]) for e in a.events]


def _orgs(text: str) -> list[str]:
    return [o.name for o in parse(text).organizations]


def test_a_quoted_name_going_somewhere_names_an_activity() -> None:
    text = "10月12日，青山县海事处联合北湾船员协会开展“平安水上”进码头活动。"
    assert _events(text) == [("publicity", "--10-12", ["青山县海事处", "北湾船员协会"])]


def test_a_verb_compound_with_jin_before_activity_is_no_name() -> None:
    assert _events("10月12日，青山县海事处推进活动。") == []


def test_a_body_whose_staff_act_in_one_clause_joins_the_bodies_after_it() -> None:
    text = (
        "10月12日，青山县海事处执法员走进北湾码头，联合北湾船员协会开展"
        "“平安水上”进码头活动，发放宣传资料300份。"
    )
    assert _events(text) == [("publicity", "--10-12", ["青山县海事处", "北湾船员协会"])]


def test_a_body_two_clauses_before_the_coordinator_does_not_join() -> None:
    text = (
        "10月12日，青山县海事处执法员走进北湾码头，查看船只，"
        "联合北湾船员协会开展“平安水上”进码头活动。"
    )
    assert _events(text) == [("publicity", "--10-12", ["北湾船员协会"])]


@pytest.mark.usefixtures("ner_on")
def test_an_ner_span_glued_over_a_coordinating_verb_gives_two_bodies() -> None:
    text = "10月12日，青山县海警局蓝湾工作站联合北港渔业专业合作社开展宣传活动。"
    assert _orgs(text) == ["青山县海警局蓝湾工作站", "北港渔业专业合作社"]


@pytest.mark.usefixtures("ner_on")
def test_a_pronoun_before_a_unit_is_no_part_of_its_name() -> None:
    text = "5月20日，县妇联联合本院少年家事审判庭在县妇联会议室举办专题讲座。"
    assert "本院少年家事审判庭" not in _orgs(text)


def test_a_bare_company_head_refers_to_the_company_named_first() -> None:
    # a guard: the lead sentence's subject gave it before this round too
    text = (
        "江澄化工股份有限公司开展安全生产月活动\n"
        "6月，江澄化工股份有限公司组织开展安全生产主题活动，邀请青川消防设备有限公司技术人员参与。"
        "6月3日，公司召开安全生产月活动动员部署会。"
    )
    meeting = [e for e in _events(text) if e[0] == "meeting"]
    assert meeting == [("meeting", "--06-03", ["江澄化工股份有限公司"])]


def test_a_sentence_opening_with_you_names_the_hosts_of_the_activity_before_it() -> None:
    text = (
        "【特讯】连续第三年举办的青少年法律推广月，将于下月开始。"
        "由法务局、劳工局及文化局合办的「普法新天地」，将透过网上问答等十项活动向青少年推广法律。"
    )
    events = _events(text)
    assert events and events[0][2] == ["法务局", "劳工局", "文化局"]


def test_a_place_the_article_names_with_its_level_is_read_across_token_edges() -> None:
    text = "香港警務處灣畔警區聯同灣畔民政事務處舉辦社區嘉年華。灣畔區議會議員亦有出席。"
    assert "灣畔民政事務處" in [m.text for o in parse(text).organizations for m in o.mentions]


def test_a_clause_opening_with_lianhe_after_a_time_takes_the_subject_before() -> None:
    text = (
        "青禾县司法局开展宪法宣传周活动\n"
        "12月4日，青禾县司法局在县人民广场开展宪法宣传活动。\n"
        "12月6日，联合青禾县融媒体中心推出“宪法知识线上竞答”活动。\n"
    )
    quiz = [e for e in _events(text) if e[1] == "--12-06"]
    assert quiz and quiz[0][2] == ["青禾县司法局", "青禾县融媒体中心"]


def test_a_sentence_opening_with_lianhe_takes_no_subject_from_far_away() -> None:
    text = (
        "青禾县人大常委会召开会议。\n"
        "县里通过多种形式开展宣传。\n"
        "白鹭镇积极组织各村参与。\n"
        "12月6日，联合青禾县融媒体中心推出“宪法知识线上竞答”活动。\n"
    )
    quiz = [e for e in _events(text) if e[1] == "--12-06"]
    assert quiz and quiz[0][2] == ["青禾县融媒体中心"]


@pytest.mark.parametrize(
    "text",
    [
        "應聖若翰中學邀請，司法警察局派員於三月二十日到該校為學生主講「網購陷阱」講座。",
        "3月20日，应青山中学邀请，县公安局民警到该校为学生开展防诈骗讲座。",
    ],
)
def test_the_body_answering_an_invitation_holds_the_activity(text: str) -> None:
    (event,) = _events(text)
    assert event[2] in (["司法警察局"], ["县公安局"])


def test_the_body_that_invites_a_speaker_holds_the_talk() -> None:
    text = "3月20日，青山中学邀请县公安局民警到校为学生开展防诈骗讲座。"
    assert _events(text) == [("lecture", "--03-20", ["青山中学"])]


def test_a_team_formed_by_a_verb_is_no_body() -> None:
    text = "9月3日，晴川县教育局邀请县检察院检察官、明德律师事务所律师组成宣讲团开展巡回宣讲。"
    assert "组成宣讲团" not in _orgs(text)


def test_the_host_lines_of_a_report_hold_its_activity() -> None:
    text = (
        "江沱区举办国际禁毒日集中宣传活动\n"
        "6月26日上午，江沱区国际禁毒日集中宣传活动在滨江文化广场举行。\n"
        "主办单位：江沱区禁毒委员会\n"
        "承办单位：江沱区公安分局　江沱区司法局\n"
        "协办单位：江沱区卫生健康局\n"
    )
    (event,) = [e for e in _events(text) if e[1] == "--06-26"]
    assert event[2] == ["江沱区禁毒委员会", "江沱区公安分局", "江沱区司法局"]


def test_a_task_force_office_named_by_two_coordinated_aims_is_one_body() -> None:
    text = "6月15日上午，桐陵市防范和处置非法集资工作领导小组办公室牵头开展宣传。"
    assert _orgs(text) == ["桐陵市防范和处置非法集资工作领导小组办公室"]


def test_a_launch_dated_by_a_period_named_before_it_opens_the_period() -> None:
    text = (
        "5月6日至5月31日，临川区司法局开展民法典宣传月活动。"
        "启动仪式在区文化广场举行，区司法局局长宣布活动正式启动。"
    )
    a = parse(text)
    assert [(e.type.value, pred_date(e)) for e in a.events] == [
        ("publicity", "--05-06/--05-31"),
        ("launch", "--05-06"),
    ]


def test_days_listed_before_fenbie_give_one_activity_each() -> None:
    text = (
        "本局於五月六日（星期一）及七日（星期二）分別到海澄中學及濠畔葡文學校，"
        "舉辦「網絡欺凌」講座。"
    )
    a = parse(text)
    assert [(e.type.value, pred_date(e)) for e in a.events] == [
        ("lecture", "--05-06"),
        ("lecture", "--05-07"),
    ]


def test_days_listed_without_fenbie_give_one_activity() -> None:
    text = "本局於五月六日（星期一）及七日（星期二）到海澄中學舉辦「網絡欺凌」講座。"
    assert len(parse(text).events) == 1


def test_the_army_founding_anniversary_gives_the_year() -> None:
    text = (
        "在建军96周年即将到来之际，崇宁县退役军人事务局组织律师志愿者开展法律服务活动。"
        "7月28日，在县退役军人服务中心开展法律咨询。"
    )
    dates = {pred_date(e) for e in parse(text).events}
    assert "2023-07-28" in dates


def test_a_time_after_an_activity_told_before_is_no_new_one() -> None:
    text = (
        "由律政司主辦的「國家憲法日」座談會今日（十二月四日）下午舉行。"
        "座談會後隨即舉行由律政司與新域青年法律協會合辦的演講比賽頒獎禮。"
    )
    assert sorted(e.type.value for e in parse(text).events) == ["award", "meeting"]


def test_the_central_bank_short_form_joins_a_list_of_hosts() -> None:
    text = (
        "5月以来，中国人民银行桂塘县支行开展宣传。"
        "5月15日，县地方金融服务中心、人行桂塘县支行组织辖区13家银行设立咨询台，开展宣传活动。"
    )
    may15 = [e for e in _events(text) if e[1] == "--05-15"]
    assert may15 and may15[0][2] == ["县地方金融服务中心", "中国人民银行桂塘县支行"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("本會青年大使出席由荔峰區婦女會舉辦的社區講座。", "荔峰区妇女会"),
        ("由澳門道路交通安全促進會協辦。", "澳门道路交通安全促进会"),
    ],
)
def test_womens_associations_and_promotion_societies_are_bodies(text: str, name: str) -> None:
    assert name in _orgs(text)


@pytest.mark.parametrize(
    "text",
    ["提防冒充保险公司的诈骗电话。", "在西岭镇中心集贸市场开展宣传。"],
)
def test_a_verb_or_a_market_around_a_suffix_makes_no_body(text: str) -> None:
    assert _orgs(text) == []


def test_an_invited_womens_association_lecture_is_held_by_its_host() -> None:
    text = "本會青年大使亦於4月27日（星期六）出席由荔峰區婦女會舉辦的「家暴零容忍」社區講座。"
    assert _events(text) == [("lecture", "--04-27", ["荔峰区妇女会"])]


def test_a_stated_length_ends_on_the_day_an_activity_closed() -> None:
    text = "9月15日，为期一周的2024年东陵省网络安全宣传周落下帷幕。"
    assert [pred_date(e) for e in parse(text).events] == ["2024-09-09/2024-09-15"]


def test_a_stated_length_starts_on_the_day_an_activity_opened() -> None:
    text = "9月9日，为期一周的2024年东陵省网络安全宣传周正式开幕。"
    assert "2024-09-09/2024-09-15" in [pred_date(e) for e in parse(text).events]


def test_a_first_lesson_on_safety_is_a_lecture() -> None:
    text = "11月2日，大队宣传员走进实验中学，为全校1800余名师生讲授消防安全第一课。"
    assert [(e.type.value, pred_date(e)) for e in parse(text).events] == [("lecture", "--11-02")]


def test_a_drill_is_a_training() -> None:
    text = "6月17日，在县应急管理局的指导下，鹿鸣镇中心小学组织开展应急疏散演练，900余名师生参加。"
    assert [(e.type.value, pred_date(e)) for e in parse(text).events] == [("training", "--06-17")]


def test_an_activity_joined_by_ji_to_the_launch_of_another_campaign_is_held_that_day() -> None:
    text = (
        "12月2日上午，由县文明办、县公安局主办的“全国交通安全日”主题宣传活动"
        "暨冬季交通安全宣传启动仪式在县文化广场举行。"
    )
    got = sorted((e.type.value, pred_date(e)) for e in parse(text).events)
    assert got == [("launch", "--12-02"), ("publicity", "--12-02")]


def test_the_vehicle_office_is_a_body_on_its_own() -> None:
    text = "12月2日下午，车管所组织近期有交通违法记录的52名驾驶人开展交通安全警示教育培训。"
    assert _events(text) == [("training", "--12-02", ["车管所"])]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("县检察院会同县教育局在南屏县职业中等专业学校举行活动。", "南屏县职业中等专业学校"),
        ("代表们先后参观了12309检察服务中心、案件管理中心和检察文化长廊。", "案件管理中心"),
    ],
)
def test_vocational_schools_and_a_case_management_centre_are_bodies(text: str, name: str) -> None:
    assert name in _orgs(text)
