"""Rules of the eighteenth quality round (issue 14): which activities are events,
their types and their dates, on invented sentences."""

from __future__ import annotations

import pytest

from fazhi_ie import parse
from fazhi_ie.evaluate.keys import pred_date
from fazhi_ie.values.dates import find_dates

pytestmark = pytest.mark.pipeline


def _events(text: str) -> list[tuple[str, str | None, list[str]]]:
    a = parse(text)
    names = {o.id: o.name for o in a.organizations}
    return [(e.type.value, pred_date(e), [names[x] for x in e.organizers]) for e in a.events]


def test_the_day_before_a_named_activity_is_a_date_not_a_vague_word() -> None:
    dates = find_dates("4月26日举办开放日。开放日前一天，该院走进企业。", "2024-04-29")
    assert [(d.text, d.date) for d in dates] == [
        ("4月26日", "2024-04-26"),
        ("前一天", "2024-04-25"),
    ]


def test_a_vague_word_alone_stays_vague() -> None:
    dates = find_dates("日前，该院走进企业开展宣讲。", "2024-04-29")
    assert [(d.text, d.kind) for d in dates] == [("日前", "vague")]


def test_a_relative_month_with_its_day_still_resolves() -> None:
    dates = find_dates("本月十日，该局举办讲座。", "2025-03-20")
    assert [(d.text, d.date) for d in dates] == [("本月十日", "2025-03-10")]


@pytest.mark.parametrize(
    "meta",
    [
        "2023-12-03　濠江日报",
        "2024-05-13　社区消息",
        "青山市医疗保障局　2024-04-11　【打印】【关闭】",
    ],
)
def test_a_date_line_with_an_outlet_or_page_buttons_gives_the_publication_date(meta: str) -> None:
    text = f"某局举办宪法宣传活动\n{meta}\n\n活动当天，某局在广场设立咨询台。\n"
    assert parse(text).published == meta.split("　")[-2 if "【" in meta else 0].strip()


def test_a_date_inside_a_sentence_line_is_no_publication_date() -> None:
    text = "某局举办宪法宣传活动\n2023-12-03　青山县司法局在广场开展宪法宣传，发放资料。\n"
    assert parse(text).published is None


def test_bodies_opening_their_premises_for_the_public_to_visit_hold_open_days() -> None:
    text = (
        "青山市公安局今日（四月十五日）举行开幕典礼。同日，青山市消防救援支队、青山海关"
        "分别开放训练基地及海关总部大楼，让市民参观。"
    )
    opens = [e for e in _events(text) if e[0] == "open_day"]
    assert [e[2] for e in opens] == [["青山市消防救援支队"], ["青山海关"]]


def test_a_building_opened_without_visitors_is_no_open_day() -> None:
    text = "4月15日，青山市公安局开放新的办证大厅，方便群众办事。"
    assert [e for e in _events(text) if e[0] == "open_day"] == []


@pytest.mark.parametrize("count", ["逾180场", "超过30场", "约20期"])
def test_a_count_after_an_activity_with_a_bound_word_is_a_total(count: str) -> None:
    text = f"青山县司法局今年举办各类法律讲座{count}。"
    assert _events(text) == []


def test_a_count_of_sessions_after_the_activity_just_told_does_not_spoil_it() -> None:
    text = "5月15日，青山县公安局到青山中学举办校园讲座，两场讲座合共约九百名师生参与。"
    assert [e[0] for e in _events(text)] == ["lecture"]


def test_a_past_total_with_yi_juban_is_no_event() -> None:
    assert _events("今年，青山县司法局已举办民法典专题讲座，覆盖全县各乡镇。") == []


def test_what_a_body_says_it_will_hold_on_a_day_is_an_event() -> None:
    text = (
        "青山县司法局表示，十二月四日国家宪法日当天上午，将邀请青山大学教授许明德"
        "在局演讲厅主持专题讲座。"
    )
    assert [(e[0], e[1]) for e in _events(text)] == [("lecture", "--12-04")]


def test_what_a_body_says_without_a_day_stays_no_event() -> None:
    assert _events("青山县司法局表示，将继续开展法治讲座。") == []


def test_a_date_followed_by_wei_for_an_audience_dates_the_activity() -> None:
    text = (
        "青山县惩教所所长表示，所方已于本月三日为32名新晋升的主任举行宣誓仪式，"
        "并于四月八日至十二日为前线人员举办专题培训班。"
    )
    got = [(e[0], e[1]) for e in parse_with_date(text, "2024-04-19")]
    assert got == [("oath", "2024-04-03"), ("training", "2024-04-08/2024-04-12")]


def test_a_date_followed_by_wei_a_day_name_still_defines_the_day() -> None:
    text = "12月4日为第十个国家宪法日。12月2日，青山县司法局开展宪法宣传活动。"
    assert [(e[0], e[1]) for e in _events(text)] == [("publicity", "2023-12-02")]


def parse_with_date(text: str, published: str) -> list[tuple[str, str | None]]:
    a = parse(f"标题\n发布时间：{published}\n\n{text}\n")
    return [(e.type.value, pred_date(e)) for e in a.events]


def test_the_manner_of_a_class_is_no_list_of_forms() -> None:
    text = "12日，青山县人民法院法官来到光明中学，以模拟法庭方式为九年级学生上了一堂法治课。"
    assert [e[0] for e in _events(text)] == ["lecture"]


def test_a_list_of_forms_still_names_no_activity() -> None:
    text = "宣传周期间，活动方式主要为举办讲座、知识竞赛等。"
    assert _events(text) == []


_HELD = "5月17日，青山县西岭镇司法所在西岭集市开展普法宣传活动，发放资料500份。\n"


def test_staff_going_somewhere_to_explain_the_law_on_another_day_gave_a_lecture() -> None:
    text = _HELD + "次日上午，司法所工作人员又走进东坪村村委会，为40余名村民讲解民法典相关规定。\n"
    assert _events(text)[1:] == [("lecture", "--05-18", ["青山县西岭镇司法所"])]


def test_staff_going_somewhere_to_tell_villagers_held_publicity() -> None:
    text = _HELD + "5月19日，青山县林业局执法人员走进沙湾村，向村民宣传《森林法》。\n"
    assert _events(text)[1:] == [("publicity", "--05-19", ["青山县林业局"])]


def test_explaining_inside_the_paragraph_of_an_activity_is_part_of_it() -> None:
    text = (
        "5月17日，青山县西岭镇司法所在西岭集市开展普法宣传活动。次日上午，"
        "工作人员又走进东坪村，为村民讲解民法典相关规定。\n"
    )
    assert [e[0] for e in _events(text)] == ["publicity"]


def test_explaining_in_a_paragraph_with_no_time_of_its_own_is_part_of_the_activity() -> None:
    text = _HELD + "活动中，工作人员走进摊位，为村民讲解民法典相关规定。\n"
    assert [e[0] for e in _events(text)] == ["publicity"]


@pytest.mark.usefixtures("ner_on")
def test_a_verb_opening_a_place_is_no_part_of_a_body_name() -> None:
    text = "此外，海關於國際禁毒日當日開放海關總部，舉辦「緝毒犬開放日」，吸引市民參觀。"
    assert "开放海关" not in [o.name for o in parse(text).organizations]


def test_a_stated_period_told_again_in_another_paragraph_is_one_activity() -> None:
    text = (
        "11月6日至8日，由青山市司法局主办、青山市委党校承办的普法骨干培训班举办。\n"
        "培训班邀请青山大学教授梁明和等专家，围绕宪法、民法典等内容进行授课。\n"
    )
    got = _events(text)
    assert [(e[0], e[1]) for e in got] == [("training", "--11-06/--11-08")]


def test_activities_dated_by_a_campaign_week_stay_apart() -> None:
    text = (
        "12月1日至7日是宪法宣传周。宣传周期间，青山市司法局开展宪法知识直播。\n"
        "宣传周期间，青山市司法局还联合青山市妇联开展民法典直播。\n"
    )
    assert [e[0] for e in _events(text)] == ["livestream", "livestream"]


def test_a_body_coordinating_after_its_time_clause_leads_the_hosts() -> None:
    text = (
        "青山地方检察署（下称青山地检署）于本（10）月20日上午10时，会同青山县政府、"
        "青山县警察局，在县府广场联合举办反贿选宣导记者会。"
    )
    assert _events(text)[0][2] == ["青山地方检察署", "青山县政府", "青山县警察局"]


def test_a_day_when_entries_open_is_no_date_of_the_contest() -> None:
    text = (
        "8月17日，青山地方法院举行模拟法庭竞赛决赛。本届竞赛由青山地方法院主办，"
        "自6月起开放报名，共有12所学校报名参加。\n赛后随即举行颁奖典礼，院长颁发奖状。"
    )
    got = [(e[0], e[1]) for e in _events(text)]
    assert got == [("competition", "--08-17"), ("award", "--08-17")]


def test_a_paragraph_opening_with_a_weekday_of_last_week_tells_a_talk() -> None:
    text = (
        "标题\n发布时间：2025-03-17\n\n"
        "12日，青山地方法院法官来到光明中学举办法治讲座。\n"
        "上周一（10日），少年警察队队员走进福林中学，为全校学生讲解反诈知识。\n"
    )
    got = [(e.type.value, pred_date(e)) for e in parse(text).events]
    assert ("lecture", "2025-03-10") in got


def test_the_day_entries_open_dates_no_contest() -> None:
    text = "青山地方法院举办高中模拟法庭竞赛，6月10日起开放报名，共有12所学校报名参加。"
    assert [(e[0], e[1]) for e in _events(text)] == [("competition", None)]


def test_how_a_campaign_goes_on_is_no_activity() -> None:
    text = "16日下午，青山市应急管理局局长带队深入企业，调研“安全生产月”活动开展情况。"
    assert _events(text) == []


def test_a_safety_class_is_a_lecture() -> None:
    text = "近日，青山县红石派出所联合红石镇中心小学开展“珍爱生命”主题安全教育课。"
    assert [e[0] for e in _events(text)] == ["lecture"]


def test_a_touring_exhibition_shown_in_places_is_held() -> None:
    text = "宣传周期间，“交通安全展板巡回展览”先后在北区、中区三个地点展出，吸引市民参观。"
    assert [e[0] for e in _events(text)] == ["exhibition"]


def test_a_month_in_a_review_of_last_year_takes_that_year() -> None:
    dates = find_dates("2023年，青山县司法局深化人民调解。3月，召开推进会。", "2024-01-08")
    assert [(d.text, d.date) for d in dates if d.text == "3月"] == [("3月", "2023-03")]


def test_a_month_after_publication_in_an_article_of_its_own_year_stays() -> None:
    dates = find_dates("2024年，青山县司法局将深化人民调解。3月，召开推进会。", "2024-01-08")
    assert [(d.text, d.date) for d in dates if d.text == "3月"] == [("3月", "2024-03")]


def test_the_name_of_the_anti_gang_campaign_phase_is_no_routine() -> None:
    text = (
        "7月12日晚，由青山区委政法委主办的“平安石桥”扫黑除恶常态化法治文艺汇演"
        "在石桥镇文化广场上演。"
    )
    assert [(e[0], e[1]) for e in _events(text)] == [("performance", "--07-12")]


def test_an_exhibition_that_runs_until_a_later_day_covers_the_period() -> None:
    text = "15日，青山市国家安全局举办主题展览，展览共设置展板40块，将持续至21日。"
    assert [(e[0], e[1]) for e in parse_with_date(text, "2024-04-16")] == [
        ("exhibition", "2024-04-15/2024-04-21")
    ]


def test_a_contest_opened_in_one_month_and_closed_in_another_covers_both() -> None:
    text = "短片创作比赛由青山律政署主办，于去年十一月展开，至今年三月截止收件。"
    assert [(e[0], e[1]) for e in parse_with_date(text, "2024-05-18")] == [
        ("competition", "2023-11/2024-03")
    ]


def test_a_count_up_to_a_later_day_is_no_end_of_the_activity() -> None:
    text = "15日，青山市国家安全局举办主题展览，截至21日，共有3000人参观。"
    assert [(e[0], e[1]) for e in parse_with_date(text, "2024-04-16")] == [
        ("exhibition", "2024-04-15")
    ]


def test_the_same_day_after_an_until_day_is_the_activity_day() -> None:
    text = (
        "15日，青山市国家安全局举办主题展览，将持续至21日。\n"
        "同日，青山市公安局滨河分局在商圈设置宣传点，发放宣传折页1500余份。\n"
    )
    got = [(e[0], e[1]) for e in parse_with_date(text, "2024-04-16")]
    assert got == [("exhibition", "2024-04-15/2024-04-21"), ("publicity", "2024-04-15")]


def test_a_year_of_a_report_named_in_passing_does_not_move_a_plan() -> None:
    text = (
        "6月27日，青山市人社局召开新闻发布会，发布2023年度劳动争议仲裁典型案例。"
        "7月1日至7月31日，市人社局将联合市总工会开展集中宣传活动。"
    )
    got = [(e[0], e[1]) for e in parse_with_date(text, "2024-06-28")]
    assert ("publicity", "2024-07-01/2024-07-31") in got


def test_speakers_of_a_training_told_in_its_paragraph_give_no_lecture() -> None:
    text = (
        "4月11日至12日，青山县司法局举办法律明白人培训班。\n"
        "培训为期两天。县人民法院庭长邓秋萍、律师苏婉婷分别围绕民法典等内容进行授课。\n"
    )
    assert [e[0] for e in _events(text)] == ["training"]


def test_a_series_of_publicity_activities_is_the_umbrella_of_those_told() -> None:
    text = (
        "今年4月是全国税收宣传月。青山市税务局组织开展了一系列特色宣传活动。\n"
        "4月12日，青山市税务局联合青山广播电视台推出专场直播。\n"
    )
    assert [e[0] for e in _events(text)] == ["livestream"]


def test_a_series_with_its_own_period_is_the_campaign() -> None:
    text = (
        "青山县城管局于3月1日至31日组织各中队开展了一系列普法宣传活动。\n"
        "活动期间，我局还开展了优秀普法作品评选。\n"
    )
    assert [e[0] for e in _events(text)][:1] == ["publicity"]


def test_a_series_alone_stays_the_activity_reported() -> None:
    text = "近日，青山市税务局组织开展了一系列特色宣传活动，发放资料500份。"
    assert [e[0] for e in _events(text)] == ["publicity"]


def test_a_pronoun_with_an_adverb_before_the_coordinator_joins_the_hosts() -> None:
    text = (
        "8月10日，青山区公安分局东关派出所开展反诈直播。\n"
        "此前，8月3日，该所还联合东关社区居委会在社区文化广场举办防范诈骗图片展。\n"
    )
    assert _events(text)[1][2] == ["青山区公安分局东关派出所", "东关社区居委会"]


def _quantities(text: str) -> list[tuple[float, str, str]]:
    return [(m.value, m.unit, m.quantity.value) for m in parse(text).metrics]


def test_cases_counted_with_zong_are_cases() -> None:
    text = "消委会去年共接获逾2.5万宗投诉；首九个月共录得诈骗案182宗。"
    assert {q for _, _, q in _quantities(text)} == {"cases"}


def test_schools_and_firms_covered_are_institutions() -> None:
    text = "全县52所国中小师生同步连线收看。"
    assert [q for _, _, q in _quantities(text)] == ["institutions"]


def test_questions_answered_are_consultations() -> None:
    text = "干警和律师现场解答职工提出的法律问题30余个，并发放宣传资料200余份。"
    assert [q for _, _, q in _quantities(text)] == ["consultations", "materials"]


def test_a_quiz_with_prizes_named_as_an_activity_is_a_contest() -> None:
    text = "此前，青山市消保委已在其公众号推出“消费维权知识有奖问答”活动，吸引2万余人次参与。"
    assert [e[0] for e in _events(text)] == ["competition"]


def test_a_quiz_with_prizes_inside_a_fair_is_no_contest() -> None:
    text = "5月4日，青山区议会在运动场举办社区嘉年华，场内设有摊位游戏、有奖问答。"
    assert [e[0] for e in _events(text)] == ["publicity"]


def test_workers_helped_to_recover_wages_are_no_audience() -> None:
    text = "今年以来，县人社局共为1137名农民工追回工资1500余万元。"
    assert [(u, q) for _, u, q in _quantities(text)] == [("名", "other"), ("元", "money")]


def test_a_span_of_time_modifying_a_noun_of_an_earlier_clause_spoils_nothing() -> None:
    text = (
        "次日，青山市人民检察院检察官走进实验中学，结合近年来办理的校园欺凌案件，"
        "为初二年级的同学们开讲法治课。"
    )
    assert [e[0] for e in _events(text)] == ["lecture"]


def test_a_total_since_a_time_stays_a_total() -> None:
    text = "近年来，青山市人民检察院共为该校师生上法治课30余次。"
    assert _events(text) == []


def test_what_a_body_says_of_last_year_is_no_activity() -> None:
    text = "青山法务局表示，去年的流动展览共接待参观人士逾六千人次，派发宣传品三千份。"
    assert _events(text) == []
