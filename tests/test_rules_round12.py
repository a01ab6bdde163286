"""Rules of the twelfth quality round (issue 14), on invented sentences: body names that
sweeps of generated names (bench/name_sweep.py) and of short reports
(bench/organizer_sweep.py) did not find whole."""

from __future__ import annotations

import pytest
from rules_helpers import events_with_organizers as _events
from rules_helpers import org_names as _orgs

from fazhi_ie.segmenter.splits import split_joined

pytestmark = pytest.mark.pipeline

HOLD = "12月4日，{}在城东广场开展宪法宣传活动。"


@pytest.mark.parametrize(
    "name",
    [
        # a bank's branch: a chain of unit words after the place (银行, 公司, 支行)
        "白河市农村商业银行股份有限公司城东支行",
        "青石县农村商业银行股份有限公司城东支行",
        "青石县供销合作社联合社",
    ],
)
def test_long_and_missing_bodies_hold_the_activity(name: str) -> None:
    assert _events(HOLD.format(name)) == [("publicity", [name])]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("12月4日，消防處在城東廣場開展防火宣傳活動。", "消防处"),
        ("12月4日，白河市公安局法制处在市民广场开展宣传活动。", "白河市公安局法制处"),
        ("日前，東區區議會與香港警務處於社區會堂合辦防騙講座。", "香港警务处"),
    ],
)
def test_a_body_ending_in_chu_before_a_place_and_a_hold_verb_is_found(text: str, name: str) -> None:
    assert name in _orgs(text)


def test_being_in_a_state_is_not_split() -> None:
    assert "处在" in split_joined(["我国", "正", "处在", "关键", "时期", "，", "开展"])
    assert "处于" in split_joined(["该", "项目", "处于", "试点", "阶段", "。"])
    assert split_joined(["消防", "处在", "广场", "开展"]) == ["消防", "处", "在", "广场", "开展"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("12月4日，高雄市立圖書館在城東廣場開展宣傳活動。", "高雄市立图书馆"),
        ("12月4日，白河市立图书馆举办法治讲座。", "白河市立图书馆"),
        ("屏東縣立光華國民中學於12月4日舉辦反毒講座。", "屏东县立光华国民中学"),
    ],
)
def test_a_city_run_body_keeps_its_city(text: str, name: str) -> None:
    assert name in _orgs(text)


def test_the_level_character_goes_back_to_the_place_word() -> None:
    assert split_joined(["高雄", "市立", "图书馆"]) == ["高雄市", "立", "图书馆"]
    # a one-character word before is no place
    assert split_joined(["为", "市立", "学校"]) == ["为", "市立", "学校"]


@pytest.mark.parametrize(
    "text",
    [
        "青石县“法律进乡村”活动每年举办一次，已连续举办五届。",
        "该讲座每周举办一次，由律师轮流主讲。",
        "白河市宪法知识竞赛已连续举办六届。",
    ],
)
def test_a_recurring_programme_is_no_event(text: str) -> None:
    assert _events(text) == []


def test_a_dated_activity_before_a_recurrence_in_another_clause_stays() -> None:
    text = "12月4日，白河市司法局举办法治讲座，该讲座每月举办一次。"
    assert _events(text) == [("lecture", ["白河市司法局"])]


def test_a_team_named_after_an_activity_is_no_activity() -> None:
    text = "据悉，东城区人民检察院自2021年起组建“青春护航”检察官宣讲团，累计开展法治宣讲100余场。"
    assert [t for t, _ in _events(text)] == []


@pytest.mark.parametrize(
    "byline",
    ["〔記者陳怡君／高雄報導〕", "（记者王敏/白河报道）"],
)
def test_the_place_of_a_byline_is_no_person(byline: str, ner_on: None) -> None:
    from fazhi_ie import parse

    names = [p.name for p in parse(byline + "白河市司法局于12月4日举办法治讲座。").persons]
    assert len(names) == 1 and names[0] in ("陈怡君", "王敏")


def test_a_police_district_continues_its_force_s_name() -> None:
    assert _orgs("12月4日，香港警務處東區警區在社區會堂舉辦防騙講座。") == ["香港警务处东区警区"]
    assert _orgs("12月4日，黃大仙警區在社區會堂舉辦防騙講座。") == ["黄大仙警区"]


def test_the_cap_of_a_reward_is_no_metric() -> None:
    from fazhi_ie import parse

    art = parse("處長表示，檢舉賄選最高可獲新臺幣1000萬元獎金。")
    assert [m.value for m in art.metrics] == []


def test_a_procuratorate_department_named_in_a_title_folds_into_its_body() -> None:
    text = "9月2日，某校聘请青石县人民检察院第二检察部主任刘洋担任法治副校长。"
    assert "青石县人民检察院" in _orgs(text)
    assert "青石县人民检察院第二检察部" not in _orgs(text)


def test_a_name_before_dan_ren_stops_before_it() -> None:
    from fazhi_ie import parse

    text = "9月2日，某校聘请青石县人民检察院检察官刘洋担任法治副校长。"
    assert [p.name for p in parse(text).persons] == ["刘洋"]


@pytest.mark.parametrize(
    "text",
    [
        "澳門法務局舉辦推廣活動\n澳門特別行政區政府法務局於十二月四日在塔石廣場舉辦推廣活動。",
        "臺中市政府教育局於12月4日舉辦講座。臺中市教育局表示將持續推動。",
    ],
)
def test_a_government_s_bureau_and_its_short_form_are_one_body(text: str) -> None:
    assert len(_orgs(text)) == 1
    assert len(_events(text)) == 1


def test_a_coaching_lecture_is_one_lecture() -> None:
    text = "12月4日，白河市中级人民法院院长王军为全市领导干部作宪法专题辅导讲座。"
    assert [t for t, _ in _events(text)] == ["lecture"]


def test_a_bare_department_before_its_head_s_title_names_no_body() -> None:
    names = _orgs("11月20日，青石县委召开会议。县委常委、宣传部部长赵红主持会议。")
    assert "宣传部" not in names


def test_a_court_s_short_form_with_its_place_joins_the_full_name() -> None:
    text = (
        "新北地院舉辦開放日\n新北地方法院於113年10月26日舉辦「司法開放日」活動，"
        "開放法庭讓民眾參觀。"
    )
    assert len(_orgs(text)) == 1
    assert [t for t, _ in _events(text)] == ["open_day"]


def test_a_body_before_a_quoted_slogan_in_the_headline_holds_an_unhosted_activity() -> None:
    text = (
        "青石县公安局“反诈宣传进校园”\n"
        "为筑牢校园反诈防线，9月5日，民警走进青石县职业中学，为800余名新生上了一堂反诈课。"
    )
    assert _events(text) == [("lecture", ["青石县公安局"])]


def test_a_taiwan_district_court_is_found_whole() -> None:
    assert _orgs("高雄地方法院於10月26日舉辦司法開放日活動。") == ["高雄地方法院"]


def test_bodies_acting_under_another_s_organisation_organize_with_it() -> None:
    # as in 青石县司法局组织县律师协会、县公证处开展…
    text = "12月4日，在青石县司法局的组织下，县律师协会、县公证处在县城广场开展法律咨询活动。"
    assert _events(text) == [("consultation", ["青石县司法局", "县律师协会", "县公证处"])]


def test_bodies_joined_through_their_staff_organize_together() -> None:
    text = "12月4日，白河市司法局工作人员联合白河市妇联志愿者在市民广场开展宪法宣传活动。"
    assert _events(text) == [("publicity", ["白河市司法局", "白河市妇联"])]


def test_a_leading_body_without_you_leads_and_a_cooperating_one_does_not_organize() -> None:
    led = "12月4日，青石县司法局牵头，县律师协会、县公证处联合开展法律咨询活动。"
    assert _events(led) == [("consultation", ["青石县司法局", "县律师协会", "县公证处"])]
    helped = "12月4日，白河市司法局牵头，白河市妇联配合，在市民广场开展宪法宣传活动。"
    assert _events(helped) == [("publicity", ["白河市司法局"])]


def test_a_verb_of_thanks_starts_no_body_name() -> None:
    text = "12月5日，嘉義地檢署舉辦講座。校長王美玲感謝地檢署到校宣導。"
    assert _orgs(text) == ["嘉义地检署"]


def test_a_fraud_loss_in_a_crime_count_is_no_metric() -> None:
    from fazhi_ie import parse

    art = parse("第三分局表示，今年轄區財損超過新台幣8000萬元，將持續宣導。")
    assert [m.unit for m in art.metrics] == []
    kept = parse("12月4日，该院为群众挽回经济损失300万元。")
    assert [m.value for m in kept.metrics] == [3000000]


def test_a_date_line_with_its_weekday_in_brackets_dates_the_release() -> None:
    from fazhi_ie import parse

    art = parse("2024年12月4日（星期三）\n律政司今日舉辦「憲法日」座談會。")
    assert art.published == "2024-12-04"
    assert [e.date for e in art.events] == ["2024-12-04"]


@pytest.mark.parametrize(
    ("tail", "quantity"),
    [
        ("组织志愿者30名参与宣传。", "personnel"),
        ("工作人员12名参与活动。", "personnel"),
        ("设立咨询台8个。", "other"),
        ("出动宣传车10辆。", "other"),
        # attending cadres are the audience, not staff
        ("机关干部350余人参加活动。", "audience"),
    ],
)
def test_volunteers_and_desks_take_the_guide_s_classes(tail: str, quantity: str) -> None:
    from fazhi_ie import parse

    art = parse("12月4日，白河市司法局在市民广场开展宪法宣传活动，" + tail)
    assert [m.quantity.value for m in art.metrics] == [quantity]


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("《刑法修正案（十二）》", "刑法修正案（十二）"),
        ("《中华人民共和国刑法修正案（十一）》", "刑法修正案（十一）"),
        (
            "《最高人民法院关于审理道路交通事故损害赔偿案件适用法律问题的解释（二）》",
            "最高人民法院关于审理道路交通事故损害赔偿案件适用法律问题的解释（二）",
        ),
    ],
)
def test_amendments_and_judicial_interpretations_are_laws(title: str, name: str) -> None:
    from fazhi_ie import parse

    assert [law.name for law in parse(f"12月4日，某局组织学习{title}。").laws] == [name]


@pytest.mark.parametrize(
    "block",
    [
        "【相关新闻】\n· 白河市举办宪法知识竞赛（2024-12-01）\n"
        "· 青石县开展法治讲座（2024-11-28）\n",
        "热点推荐：\n1.白河市开展反诈宣传活动\n2.青石县召开普法工作会议\n",
    ],
)
def test_a_link_block_under_a_bracketed_or_colon_header_is_furniture(block: str) -> None:
    body = "12月4日，白河市司法局在市民广场开展宪法宣传活动，发放宣传资料500余份。\n"
    assert _events(body + block) == [("publicity", ["白河市司法局"])]


@pytest.mark.parametrize(
    "block",
    [
        "上一則：臺南地檢署舉辦法治教育講座\n下一則：嘉義縣政府舉辦消保宣導\n",
        "熱門新聞\n1. 桃園市調處舉辦反賄選宣導\n2. 臺北市法務局舉辦講座\n",
    ],
)
def test_taiwan_page_furniture_reports_no_activity(block: str) -> None:
    body = "法務部於12月4日在臺北舉辦反詐騙宣導活動，發放宣導品500份。\n"
    assert _events(body + block) == [("publicity", ["法务部"])]


def test_a_venue_in_the_activity_s_sentence_is_not_its_sole_holder() -> None:
    text = "12月4日，我院在白河市第一中学举办法治讲座。\n（白河市人民法院 供稿）"
    assert _events(text) == [("lecture", [])]


def test_staff_named_by_no_body_act_for_the_subject_of_the_sentence_before() -> None:
    text = "12月4日，白河市人民法院走进白河市第一中学。活动中，法官为学生们上了一堂生动的法治课。"
    assert _events(text) == [("lecture", ["白河市人民法院"])]


def test_a_talk_with_no_host_is_held_by_its_speaker_s_body() -> None:
    text = "近日，一场法治讲座在白河市第一中学举行。讲座由白河市人民法院法官李明主讲。"
    assert _events(text) == [("lecture", ["白河市人民法院"])]
    hosted = "12月4日，白河市第一中学举办法治讲座，由白河市人民法院法官李明主讲。"
    assert _events(hosted) == [("lecture", ["白河市第一中学"])]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("律政司於12月4日舉辦網上直播講座。", "lecture"),
        ("律政司於12月4日舉辦導賞團，帶領市民參觀終審法院大樓。", "visit"),
    ],
)
def test_a_streamed_lecture_is_one_lecture_and_a_guided_tour_a_visit(text: str, kind: str) -> None:
    assert [t for t, _ in _events(text)] == [kind]


def test_a_stationed_office_ends_before_a_joining_verb() -> None:
    text = "近日，青石县人民检察院驻城关镇检察室联合青石县司法局举办法治讲座。"
    assert _orgs(text) == ["青石县人民检察院驻城关镇检察室", "青石县司法局"]


@pytest.mark.parametrize(
    ("text", "name"),
    [("縣長楊文科到場致詞。", "杨文科"), ("董事長林百里出席活動。", "林百里")],
)
def test_a_titled_name_may_end_with_a_rare_final_character(text: str, name: str) -> None:
    from fazhi_ie import parse

    assert [p.name for p in parse(text).persons] == [name]


def test_a_department_after_a_surname_is_still_no_name() -> None:
    from fazhi_ie import parse

    assert [p.name for p in parse("12月4日，局长王刚与法制科同志座谈。").persons] == ["王刚"]


def test_a_site_footer_naming_its_host_and_operator_is_furniture() -> None:
    text = (
        "12月4日，青石县司法局在人民广场开展宪法宣传活动。\n"
        "主办单位：青石县人民政府 承办单位：青石县大数据中心\n"
    )
    assert _orgs(text) == ["青石县司法局"]
    notice = "活动信息\n主办单位：白河市司法局\n承办单位：白河市律师协会\n"
    assert _orgs(notice) == ["白河市司法局", "白河市律师协会"]


def test_a_person_opening_the_sentence_acts_for_the_body_named_with_them() -> None:
    text = (
        "白河市司法局局长李明介绍了全市普法工作情况。"
        "12月4日，李明带领律师走进新华社区开展法律咨询活动。"
    )
    assert _events(text) == [("consultation", ["白河市司法局"])]


def test_a_railway_station_is_a_venue_and_its_police_station_a_body(ner_on: None) -> None:
    assert _orgs("12月4日，白河市司法局在白河高铁站开展反诈宣传。") == ["白河市司法局"]
    assert _orgs("12月4日，白河高铁站派出所开展反诈宣传。") == ["白河高铁站派出所"]


@pytest.mark.parametrize(
    "text",
    [
        "该局常年开展“法律进社区”活动。",
        "每逢重要节点，该局都会组织开展集中宣传活动。",
        "该局始终把普法作为重点，经常性开展法治宣传活动。",
        "为此，该局专门成立了普法讲师团，负责开展法治宣讲。",
    ],
)
def test_a_routine_duty_is_no_event(text: str) -> None:
    assert _events(text) == []


def test_the_sum_of_a_case_is_no_metric_unless_enforced() -> None:
    from fazhi_ie import parse

    assert parse("该案涉案金额达500万元，被告人被判处有期徒刑3年。").metrics == []
    enforced = parse("今年以来，该院执结涉案款项1200万元。").metrics
    assert [m.value for m in enforced] == [12000000]


@pytest.mark.parametrize(
    ("tail", "value"),
    [
        ("发放资料1万2千余份。", 12000),
        ("受教育群众3万5千人次。", 35000),
        ("发放资料1万2000份。", 12000),
    ],
)
def test_ten_thousands_and_thousands_written_apart_are_one_number(tail: str, value: int) -> None:
    from fazhi_ie import parse

    art = parse("12月4日，白河市司法局开展宪法宣传活动，" + tail)
    assert [m.value for m in art.metrics] == [value]
