"""Rules of the fifteenth quality round (issue 14), on invented sentences: who
organizes an activity when the list of hosts is broken by a declared short form, an
adverb or a time, who opens a launch, and captions and slogans that looked like
other activities."""

from __future__ import annotations

import pytest
from rules_helpers import events_with_organizers as _events

from fazhi_ie import parse

pytestmark = pytest.mark.pipeline


def test_a_short_form_declared_inside_the_list_keeps_the_hosts_before_it() -> None:
    text = (
        "6月3日至4日，青石县委全面依法治县委员会办公室、青石县司法局（以下简称县司法局）"
        "在县委党校联合举办全县普法骨干培训班。"
    )
    assert _events(text) == [("training", ["青石县委全面依法治县委员会办公室", "青石县司法局"])]


def test_a_quoted_audience_between_two_trigger_words_is_not_a_second_activity() -> None:
    text = (
        "5月8日，青石县司法局在县委党校举办调解员培训班，各乡镇调解员及“法律明白人”"
        "代表共计90人参加培训。"
    )
    assert _events(text) == [("training", ["青石县司法局"])]


def test_two_quoted_activity_names_listed_are_still_two_activities() -> None:
    events = _events(
        "9月1日，青石县司法局在城南社区开展“宪法进万家”宣传活动和“民法典进社区”宣传活动。"
    )
    assert [t for t, _ in events] == ["publicity", "publicity"]


@pytest.mark.parametrize("adverb", ["还", "也", "同时"])
def test_an_adverb_before_the_coordinator_keeps_the_first_host(adverb: str) -> None:
    text = f"当天下午，共青团青石县委{adverb}联合县禁毒办在县第二中学举办青少年禁毒知识竞赛。"
    assert _events(text) == [("competition", ["共青团青石县委", "县禁毒办"])]


def test_an_adverb_alone_does_not_join_two_bodies() -> None:
    text = "县禁毒办还为县第二中学举办禁毒知识竞赛。"
    assert _events(text) == [("competition", ["县禁毒办"])]


def test_an_official_who_announces_a_launch_does_not_make_his_body_its_only_host() -> None:
    text = (
        "青石县公安局、青石县人民检察院于6月1日至6月30日联合主办“反诈在行动”集中宣传月活动。"
        "6月1日上午，宣传月启动仪式在县城广场举行。副县长、县公安局局长张建军宣布活动启动。"
    )
    launch = [orgs for t, orgs in _events(text) if t == "launch"]
    assert launch == [["青石县公安局", "青石县人民检察院"]]


def test_a_launch_whose_host_is_named_keeps_it() -> None:
    text = (
        "青石县公安局、青石县人民检察院于6月1日至6月30日联合主办“反诈在行动”集中宣传月活动。"
        "6月1日上午，青石县公安局在县城广场举行宣传月启动仪式。"
    )
    launch = [orgs for t, orgs in _events(text) if t == "launch"]
    assert launch == [["青石县公安局"]]


def test_an_honorary_school_post_in_a_title_does_not_make_the_school_a_host() -> None:
    text = (
        "9月2日，青石县人民检察院检察官、县实验小学法治副校长李静走进青石县实验小学，"
        "为学生上了一堂法治课。"
    )
    assert _events(text) == [("lecture", ["青石县人民检察院"])]


def test_a_school_whose_honorary_head_acts_alone_still_holds_the_lecture() -> None:
    text = "9月2日，青石县实验小学法治副校长李静为全校学生上了一堂法治课。"
    assert _events(text) == [("lecture", ["青石县实验小学"])]


def test_a_caption_naming_an_activity_told_before_shows_that_activity() -> None:
    text = (
        "11月24日下午，共青团青石县委联合青石县人民法院在县第三中学开展“青春模拟法庭”进校园活动。\n\n"
        "图为“青春模拟法庭”活动现场。\n\n"
        "当天，县禁毒办在县第一中学举办禁毒知识竞赛。"
    )
    events = _events(text)
    assert [t for t, _ in events] == ["performance", "competition"]
    assert events[0][1] == ["共青团青石县委", "青石县人民法院"]


def test_the_campaign_named_normalised_crime_fight_is_not_an_ongoing_duty() -> None:
    text = (
        "日前，青石镇组织镇综治中心、镇司法所、青石派出所工作人员深入各村及集贸市场，"
        "开展常态化扫黑除恶斗争宣传活动。"
    )
    assert _events(text) == [("publicity", ["镇综治中心", "镇司法所", "青石派出所"])]


def test_routine_work_called_normalised_is_still_no_activity() -> None:
    assert _events("青石镇常态化开展法治宣传活动，不断提升群众法治意识。") == []


def test_a_dated_short_form_before_the_coordinator_keeps_the_hosts_in_traditional_text() -> None:
    text = (
        "臺灣青石地方檢察署（下稱青石地檢署）於112年12月10日（星期日）上午，結合青石縣政府、"
        "青石縣警察局，在縣立體育館前廣場舉辦反賄選宣導園遊會。"
    )
    events = _events(text)
    assert events == [("publicity", ["台湾青石地方检察署", "青石县政府", "青石县警察局"])]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("青石经济技术开发区管理委员会举办宣讲会。", "青石经济技术开发区管理委员会"),
        ("乘警支队联合安川客运段开展宣传活动。", "安川客运段"),
        ("演出由澳门晓光剧团承办。", "澳门晓光剧团"),
        ("青石大学法学院法律诊所开展义务咨询。", "青石大学法学院法律诊所"),
    ],
)
def test_more_kinds_of_body_end_a_name(text: str, name: str) -> None:
    assert name in [o.name for o in parse(text).organizations]


def test_a_station_after_its_bureau_is_one_body() -> None:
    names = [o.name for o in parse("法務部調查局青石縣調查站派員到場宣導。").organizations]
    assert names == ["法务部调查局青石县调查站"]


def test_an_adverb_and_a_time_between_two_hosts_keep_both() -> None:
    text = "青石分局也於同(5)日下午與青石縣政府法制處合辦「聰明消費」講座。"
    assert _events(text) == [("lecture", ["青石分局", "青石县政府法制处"])]


def test_a_named_day_between_two_hosts_keeps_both() -> None:
    text = "此外，法務局於十二月四日「國家憲法日」當天，聯同教育及青年發展局在北灣學校舉行講座。"
    assert _events(text) == [("lecture", ["法务局", "教育及青年发展局"])]


def test_a_body_whose_head_leads_its_staff_organizes_with_those_it_joins() -> None:
    text = (
        "臺灣青石地方檢察署檢察長林正德於本（9）月22日上午率領同仁，會同青石縣警察局東陽分局"
        "前往青石市場舉辦反賄選宣導活動。"
    )
    assert _events(text) == [("publicity", ["台湾青石地方检察署", "青石县警察局东阳分局"])]


def test_a_body_named_in_a_clause_before_without_its_head_does_not_join() -> None:
    text = "青石县司法局印发通知，联合县妇联在城南社区开展反家暴宣传活动。"
    assert _events(text) == [("publicity", ["县妇联"])]


def test_hosts_named_after_the_campaign_theme_organize_its_launch() -> None:
    text = (
        "9月11日上午，2023年青石市网络安全宣传周启动仪式在市民中心广场举行。本届宣传周以"
        "“网络安全为人民，网络安全靠人民”为主题，由青石市委网信办、青石市公安局主办。\n\n"
        "市委网信办主任王丽宣布宣传周启动。"
    )
    launch = [orgs for t, orgs in _events(text) if t == "launch"]
    assert launch == [["青石市委网信办", "青石市公安局"]]


@pytest.mark.usefixtures("ner_on")
def test_a_joining_verb_glued_to_a_level_after_a_company_is_no_part_of_a_name() -> None:
    text = "6月16日，公司联合区应急管理局、青石区消防救援大队在青石区人民广场开展安全用电宣传活动。"
    names = [o.name for o in parse(text).organizations]
    assert "区应急管理局" in names
    assert not any("联合" in n for n in names)


@pytest.mark.parametrize(
    "text",
    [
        "提醒長者切勿向陌生人透露銀行戶口資料。",
        "检察官还提醒幼儿园老师注意接送安全。",
    ],
)
def test_a_verb_before_a_bank_or_a_school_word_makes_no_body(text: str) -> None:
    assert parse(text).organizations == []


@pytest.mark.usefixtures("ner_on")
def test_a_doubled_character_before_a_head_title_is_not_part_of_the_body() -> None:
    names = [o.name for o in parse("由法務局法律推廣及公共關係廳廳長區嘉敏主講。").organizations]
    assert not any(n.endswith("厅厅") for n in names)


@pytest.mark.parametrize(
    ("header", "published"),
    [
        ("青石县依法治县办　2024-09-03　　【大】【中】【小】", "2024-09-03"),
        ("發稿日期：111年9月23日", "2022-09-23"),
    ],
)
def test_more_header_lines_give_the_publication_date(header: str, published: str) -> None:
    body = "8月28日晚，青石县司法局在文化广场举办法治文艺演出。"
    text = f"青石县开展法治宣传活动\n{header}\n\n{body}"
    assert parse(text).published == published


def test_a_subject_that_puts_on_a_show_undertaken_by_a_troupe_organizes_it_too() -> None:
    text = "3月11日，廉政公署攜手教育及青年發展局推出校園巡迴演出，由澳門曉光劇團承辦。"
    assert _events(text) == [("performance", ["澳门晓光剧团", "廉政公署", "教育及青年发展局"])]


def test_a_main_host_named_beside_the_undertaker_stays_the_only_other_organizer() -> None:
    text = "3月11日，由青石县司法局主办、青石县文化馆承办的法治文艺演出在文化广场举行。"
    assert _events(text) == [("performance", ["青石县司法局", "青石县文化馆"])]


def test_an_undated_lead_is_the_dated_activity_its_body_held_with_others() -> None:
    text = (
        "近期，青石农村商业银行组织各网点集中开展反洗钱宣传。\n\n"
        "9月12日，青石农村商业银行携手青石县公安局经侦大队在集贸市场设立宣传咨询台，"
        "向赶集群众讲解《反洗钱法》。"
    )
    assert _events(text) == [("publicity", ["青石农村商业银行", "青石县公安局经侦大队"])]


def test_an_undated_lead_by_another_body_stays_its_own_activity() -> None:
    text = (
        "近期，青石县司法局开展反诈宣传活动。\n\n"
        "9月12日，青石县公安局在集贸市场设立宣传咨询台，向群众讲解《反电信网络诈骗法》。"
    )
    assert [orgs for _, orgs in _events(text)] == [["青石县司法局"], ["青石县公安局"]]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("治安警察局交通廳人員到場講解。", "治安警察局交通厅"),
        ("司法警察局反詐騙協調中心派員到校。", "司法警察局反诈骗协调中心"),
    ],
)
def test_a_unit_right_after_a_parent_without_a_place_is_one_body(text: str, name: str) -> None:
    assert [o.name for o in parse(text).organizations] == [name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("群众依次走进诉讼服务中心大厅和家事调解室参观。", "诉讼服务中心"),
        ("治安警察局交通廳廳長表示。", "治安警察局"),
        ("治安警察局協調中心工作。", "治安警察局"),
    ],
)
def test_a_hall_a_title_or_a_verb_after_a_parent_is_no_unit(text: str, name: str) -> None:
    assert name in [o.name for o in parse(text).organizations]


def test_a_date_given_as_the_occasion_yields_to_the_activity_s_own_dates() -> None:
    text = (
        "適逢六月二十六日「國際禁毒日」，禁毒處與北嶺區撲滅罪行委員會合辦禁毒巡迴展覽，"
        "本月二十四日至二十八日在區內三間中學巡迴展出。"
    )
    art = parse(text, published="2024-06-28")
    assert [(e.type.value, e.date, e.date_end) for e in art.events] == [
        ("exhibition", "2024-06-24", "2024-06-28")
    ]


def test_an_opening_ceremony_with_no_host_takes_the_exhibition_s_hosts() -> None:
    text = (
        "禁毒處與北嶺區撲滅罪行委員會於6月24日至28日合辦禁毒巡迴展覽。\n\n"
        "展覽於二十四日在北嶺公立中學舉行開幕禮。"
    )
    launch = [orgs for t, orgs in _events(text) if t == "launch"]
    assert launch == [["禁毒处", "北岭区扑灭罪行委员会"]]


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        ("十三日，青石警區在青石長者服務中心舉行講座。", "2024-04-13"),
        ("二十四日在青石中學舉行講座。", "2024-04-24"),
    ],
)
def test_a_day_in_chinese_numerals_alone_is_a_day_of_the_month(sentence: str, date: str) -> None:
    text = f"4月12日，青石警區在青石中心舉行講座。\n\n{sentence}"
    dates = [e.date for e in parse(text, published="2024-04-30").events]
    assert date in dates


@pytest.mark.parametrize("phrase", ["一连三日走进社区开展宣传", "三日内办结", "第十三日"])
def test_a_count_of_days_is_no_day_of_the_month(phrase: str) -> None:
    from fazhi_ie.values.dates import find_dates

    assert find_dates(phrase, "2024-04-16") == []


def test_a_court_division_named_only_before_its_head_s_title_is_the_court() -> None:
    names = [o.name for o in parse("青石市中级人民法院民二庭庭长周雅琴担任评委。").organizations]
    assert names == ["青石市中级人民法院"]


def test_a_court_division_that_acts_stays_a_body() -> None:
    names = [o.name for o in parse("青石县人民法院民一庭开展巡回审判。").organizations]
    assert names == ["青石县人民法院民一庭"]


@pytest.mark.usefixtures("ner_on")
def test_a_county_school_without_its_county_keeps_its_status_word() -> None:
    text = "青禾縣政府於5月23日舉辦反毒競賽，縣立青山國中與縣立河濱國中學生參加。"
    names = [o.name for o in parse(text).organizations]
    assert "县立青山国中" in names


def test_a_taiwan_foundation_keeps_its_legal_form() -> None:
    names = [o.name for o in parse("財團法人臺灣更生保護會青禾分會派員參加。").organizations]
    assert names == ["财团法人台湾更生保护会青禾分会"]


def test_a_department_read_on_its_own_after_a_parent_joins_it() -> None:
    names = [o.name for o in parse("廉政公署社區關係廳人員到校講解。").organizations]
    assert names == ["廉政公署社区关系厅"]


def test_a_quoted_question_ending_like_an_office_is_no_body() -> None:
    assert parse("市民可扫码了解“哪些事项可以网上办”。").organizations == []


@pytest.mark.parametrize(
    "text", ["上届区议会选举中，廉署接获投诉。", "廉署提醒市民留意区议会选举。"]
)
def test_district_councils_named_as_a_class_are_no_body(text: str) -> None:
    assert [o.name for o in parse(text).organizations] == ["廉署"]


def test_a_named_district_council_stays_a_body() -> None:
    names = [o.name for o in parse("东湾区议会赞助是次活动。").organizations]
    assert names == ["东湾区议会"]


def test_a_launch_takes_the_main_hosts_not_the_body_that_undertakes() -> None:
    text = (
        "禁毒處與北嶺區撲滅罪行委員會於6月24日至28日合辦禁毒巡迴展覽，"
        "由北嶺青少年綜合服務中心承辦。\n\n"
        "展覽於二十四日在北嶺公立中學舉行開幕禮。"
    )
    events = _events(text)
    assert set(events[0][1]) == {"禁毒处", "北岭区扑灭罪行委员会", "北岭青少年综合服务中心"}
    assert [orgs for t, orgs in events if t == "launch"] == [["禁毒处", "北岭区扑灭罪行委员会"]]
