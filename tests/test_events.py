"""Events and relations: one invented sentence per trigger family and per rule."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest
from spacy.language import Language

from fazhi_ie import parse
from fazhi_ie.build import Assembly, assemble
from fazhi_ie.build.event_drafts import EventDraft, merge_drafts
from fazhi_ie.components.events import EventMention, find_mentions, trigger_rules
from fazhi_ie.records import EventType
from fazhi_ie.text import normalize
from fazhi_ie.values.dates import DateExpr


def types(text: str) -> list[str]:
    return [c.type for c in find_mentions(text)]


@pytest.mark.parametrize(
    ("sentence", "etype"),
    [
        ("6月3日,某区司法局举办司法行政开放日活动。", "open_day"),
        ("4月2日,某镇司法所在广场开展普法宣传活动。", "publicity"),
        ("某街道开展法律进社区活动。", "publicity"),
        ("5月9日,某区检察院走上讲台开展法治讲座。", "lecture"),
        ("3月1日,某县召开普法工作推进会。", "meeting"),
        ("7月8日,某市司法局举办人民调解员培训。", "training"),
        ("某区团委组织开展禁毒知识竞赛。", "competition"),
        ("某局邀请律师开展普法直播活动。", "livestream"),
        ("某院组织新任干部进行宪法宣誓。", "oath"),
        ("某社区举办法治文艺汇演。", "performance"),
        ("某区司法局举办法治图片展。", "exhibition"),
        ("某律所律师在集市开展法律咨询活动。", "consultation"),
        ("某县举行法治宣传月启动仪式。", "launch"),
        ("某局组织干部参观法治教育基地。", "visit"),
        ("某市召开大会表彰先进集体。", "award"),
        ("某中学举行升旗仪式。", "other"),
        ("某中学举行模拟法庭活动。", "performance"),
        ("6月2日,青山市举行禁毒宣传月开幕式。", "launch"),
        ("白河县警察局办理防诈骗宣导活动。", "publicity"),
        ("白河基金会于昨日举办国庆嘉年华。", "publicity"),
        ("青山市医保局召开新闻发布会。", "meeting"),
        ("李明远为三百名师生作了专题法治宣讲。", "lecture"),
        ("李明远走进青山第一中学,受聘担任该校法治副校长。", "other"),
    ],
)
def test_trigger_families(sentence: str, etype: str) -> None:
    assert etype in types(sentence)


def test_every_family_has_triggers_in_the_data_file() -> None:
    assert set(trigger_rules().types.values()) == {t.value for t in EventType}


def test_reference_is_not_an_event() -> None:
    assert types("会上传达了全省政法工作会议精神。") == []


def test_totals_and_ongoing_duties_are_not_events() -> None:
    assert types("今年以来,某局累计开展普法讲座12场。") == []
    assert types("某局开展宣讲活动8次。") == []


def test_forms_of_another_activity_are_not_events() -> None:
    assert types("某所通过发放资料、现场咨询、文艺演出等形式开展宣传活动。") == ["publicity"]


@pytest.mark.pipeline
def test_event_date_organizers_and_law() -> None:
    art = parse(
        "某市新闻\n2022-12-06 10:00\n"
        "12月5日,青川县司法局联合青川县人民法院在广场开展《民法典》宣传活动。"
        "活动中共发放宣传资料800余份。\n"
    )
    (ev,) = art.events
    orgs = {o.id: o.name for o in art.organizations}
    assert ev.type == EventType.publicity
    assert (ev.date, ev.date_resolved, ev.date_text) == ("2022-12-05", True, "12月5日")
    assert [orgs[o] for o in ev.organizers] == ["青川县司法局", "青川县人民法院"]
    assert [law.name for law in art.laws if law.id in ev.laws] == ["民法典"]
    assert ev.metrics and all(m.event == ev.id for m in art.metrics if m.id in ev.metrics)
    rel = {(r.type.value, r.head, r.tail) for r in art.relations}
    assert ("organized_by", ev.id, ev.organizers[0]) in rel
    assert ("promotes_law", ev.id, ev.laws[0]) in rel
    for r in art.relations:
        assert art.text[r.evidence.start : r.evidence.end] == r.evidence.text


@pytest.mark.pipeline
def test_host_frame_and_coorganizer() -> None:
    art = parse("4月10日,由青川县司法局主办、某某律师事务所协办的法治讲座在县城举行。\n")
    orgs = {o.id: o.name for o in art.organizations}
    lectures = [e for e in art.events if e.type == EventType.lecture]
    assert lectures and [orgs[o] for o in lectures[0].organizers] == ["青川县司法局"]


@pytest.mark.pipeline
def test_place_as_subject_is_no_organizer() -> None:
    art = parse("2021-04-20\n4月15日,青川县开展国家安全教育日宣传活动。\n")
    (ev,) = art.events
    assert ev.organizers == []
    assert ev.date == "2021-04-15"


@pytest.mark.pipeline
def test_vague_date_is_unresolved() -> None:
    art = parse("近日,青川县司法局开展法治宣传活动。\n", published="2023-03-01")
    (ev,) = art.events
    assert (ev.date, ev.date_resolved, ev.date_text) == (None, False, "近日")


@pytest.mark.pipeline
def test_headline_and_body_are_one_event() -> None:
    art = parse(
        "青川县司法局开展司法行政开放日活动\n"
        "6月3日,青川县司法局举办司法行政开放日活动,邀请群众代表参加。\n",
        published="2022-06-05",
    )
    assert [(e.type.value, e.date) for e in art.events] == [("open_day", "2022-06-03")]


@pytest.mark.pipeline
def test_jian_of_two_types_gives_two_events() -> None:
    art = parse(
        "5月8日,青川县“法治宣传月”启动仪式暨法律咨询活动在广场举行。\n", published="2021-05-10"
    )
    assert sorted(e.type.value for e in art.events) == ["consultation", "launch"]


@pytest.mark.pipeline
def test_quote_relation() -> None:
    art = parse("青川县司法局局长王明远说:“我们将继续开展普法。”\n")
    quotes = [r for r in art.relations if r.type.value == "quoted"]
    assert quotes and quotes[0].tail is None and "继续开展普法" in quotes[0].evidence.text


@pytest.mark.pipeline
def test_listed_names_give_one_event_each() -> None:
    art = parse("某区总工会开展了“工地普法行”“法治小剧场进车间”等演出活动。\n")
    names = sorted(e.name or "" for e in art.events if e.type == EventType.performance)
    assert names == ["工地普法行", "法治小剧场进车间"]


@pytest.mark.pipeline
def test_two_captions_with_organizers_are_two_events() -> None:
    art = parse(
        "青川县司法局在广场开展普法宣传活动\n正文第一段。\n青川县司法局在园区开展普法宣传活动\n",
        published="2022-06-05",
    )
    assert [e.type.value for e in art.events] == ["publicity", "publicity"]


@pytest.mark.pipeline
def test_attendees_are_not_organizers_and_purpose_clause_is_no_event() -> None:
    assert types("为进一步推动宪法宣传周深入开展,某县印发通知。") == []
    art = parse("3月2日,青川县人民法院干警参加了普法宣传活动。\n", published="2022-03-05")
    assert [e.organizers for e in art.events] == [[]]


@pytest.mark.pipeline
def test_audience_as_written() -> None:
    art = parse("5月6日,青川县司法局邀请社区居民代表30余人参加法治讲座。\n", published="2022-05-07")
    (ev,) = art.events
    assert ev.audience == "社区居民代表"


def test_mentions_are_typed_with_clean_offsets() -> None:
    text = "4月2日,某镇司法所在广场开展普法宣传活动。"
    (c,) = find_mentions(text)
    assert isinstance(c, EventMention)
    assert text[c.start : c.end] == c.trigger and c.type == "publicity"
    assert (c.sent_start, c.sent_end) == (0, len(text))


@pytest.mark.pipeline
def test_events_are_added_with_their_trigger_range(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    norm = normalize("5月6日,青川县司法局举办法治讲座。\n")
    seen: dict[str, list[tuple[int, int]]] = {}
    add = Assembly.add

    def spy(self: Assembly, record: Any, ranges: Iterable[tuple[int, int]] = ()) -> Any:
        seen[record.id] = list(ranges)
        return add(self, record, seen[record.id])

    monkeypatch.setattr(Assembly, "add", spy)
    art = assemble(nlp(norm.text), norm, published="2022-05-07")
    (ev,) = art.events
    ((s, e),) = seen[ev.id]
    assert ev.trigger is not None and norm.text[s:e] == ev.trigger.text == "讲座"
    assert art.relations and all(seen[r.id] == [] for r in art.relations)


def _draft(start: int, *, headline: bool, date: str | None, orgs: list[str]) -> EventDraft:
    c = EventMention(start, start + 2, "lecture", "讲座", start, start + 10, start)
    d = DateExpr(start, start + 1, "x", date, resolved=date is not None)
    return EventDraft(
        mention=c,
        type=c.type,
        date=d,
        name=None,
        theme=None,
        sent=(start, start + 10),
        headline=headline,
        named_day=False,
        participants=[],
        audience=None,
        location=None,
        laws=[],
        metrics=[],
        organizers=orgs,
    )


def test_a_headline_and_its_body_sentence_merge() -> None:
    text = " " * 40
    head = _draft(0, headline=True, date=None, orgs=["org-1"])
    body = _draft(20, headline=False, date="2022-05-06", orgs=["org-1", "org-2"])
    (g,) = merge_drafts(text, [head, body], trigger_rules())
    assert g.date is not None and g.date.date == "2022-05-06"
    assert g.organizers == ["org-1", "org-2"] and g.lead is body
    other = _draft(20, headline=False, date="2022-05-07", orgs=["org-3"])
    assert len(merge_drafts(text, [body, other], trigger_rules())) == 2


def test_planned_with_a_date_is_an_event_planned_without_is_not() -> None:
    assert types("青山市司法局将于下月十日举行法治讲座。") == ["lecture"]
    assert types("青山市司法局将举行法治讲座。") == []
    assert types("白河法院将继续与白河中学合作,开展模拟法庭等活动。") == []


def test_trigger_inside_a_venue_or_role_noun_is_no_event() -> None:
    assert types("典礼在青山会议展览中心举行。") == []
    assert types("同学们踊跃争做禁毒宣传员。") == []
    assert types("白河律所的法律咨询在服务大厅举行。") == ["consultation"]


def test_speech_is_no_competition() -> None:
    assert types("李明远应邀出席并演讲。") == []


def test_award_joined_by_jian_is_its_own_event() -> None:
    assert types("白河县司法局举行普法知识竞赛决赛暨颁奖礼。") == ["competition", "award"]


def test_campaign_named_only_by_its_launch() -> None:
    assert types("11月3日,白河镇消防宣传月活动启动仪式在广场举行。") == ["launch"]


def test_subsession_meeting_is_folded() -> None:
    assert types("在随后召开的座谈会上,检察官介绍了工作。") == []


def test_publicity_inside_a_performance_name_is_part_of_it() -> None:
    text = "青山区检察院举办的“护苗同行—模拟法庭进校园”活动在白河中学开展。"
    assert types(text) == ["performance"]


def test_quoted_activity_name_holding_a_trigger() -> None:
    text = "白河区网信办主办的“2024年网络安全宣传周白河活动”在全区进行。"
    assert types(text) == ["publicity"]


def test_forms_of_a_clause_of_their_own_do_not_spoil_the_launch() -> None:
    text = "9月1日,白河宣传周正式启动,工作人员通过摆放展板、发放资料等方式宣传知识。"
    assert "launch" in types(text)
    assert types("白河工会在开展讲座、培训,提供咨询等常规方式的基础上开展了演出活动。") == [
        "performance"
    ]


def _organizers(text: str, etype: str, published: str = "2022-06-20") -> list[list[str]]:
    art = parse(text, published=published)
    names = {o.id: o.name for o in art.organizations}
    return [[names[o] for o in e.organizers] for e in art.events if e.type.value == etype]


@pytest.mark.pipeline
def test_host_without_you_and_sponsors() -> None:
    text = "白河县司法局主办、青山基金会赞助的禁毒嘉年华于6月9日在广场举行。\n"
    assert _organizers(text, "publicity") == [["白河县司法局"]]


@pytest.mark.pipeline
def test_lead_host_joins_the_coordinated_bodies() -> None:
    text = "6月16日,由青山市安委办牵头,青山市应急局、青山市公安局联合开展安全生产宣传活动。\n"
    assert _organizers(text, "publicity") == [["青山市安委办", "青山市应急局", "青山市公安局"]]


@pytest.mark.pipeline
def test_appointment_is_organized_by_the_school() -> None:
    text = "5月8日,青山市人民检察院检察长李明远走进青山市第一中学,受聘担任该校法治副校长。\n"
    assert _organizers(text, "other") == [["青山市第一中学"]]


@pytest.mark.pipeline
def test_inviting_body_organizes_what_the_invited_attend() -> None:
    text = "6月2日,青山市人民法院干警邀请社区居民参加公众开放日活动。\n"
    assert _organizers(text, "open_day") == [["青山市人民法院"]]


@pytest.mark.pipeline
def test_theme_phrase_between_coordinated_organizers() -> None:
    text = "3月5日,青山区委政法委以“崇尚科学”为主题,联合白河乡平安办开展反邪教宣传活动。\n"
    assert _organizers(text, "publicity") == [["青山区委政法委", "白河乡平安办"]]


@pytest.mark.pipeline
def test_launch_takes_the_campaign_hosts_and_one_campaign() -> None:
    text = (
        "12月1日至7日,由青山市司法局主办的“宪法宣传周”活动在全市进行。\n"
        "12月1日,宪法宣传周在青山广场正式启动。\n"
    )
    art = parse(text, published="2022-12-08")
    names = {o.id: o.name for o in art.organizations}
    got = sorted((e.type.value, e.date, tuple(names[o] for o in e.organizers)) for e in art.events)
    assert got == [
        ("launch", "2022-12-01", ("青山市司法局",)),
        ("publicity", "2022-12-01", ("青山市司法局",)),
    ]


@pytest.mark.pipeline
def test_place_as_subject_takes_the_body_acting_in_the_next_sentence() -> None:
    art = parse(
        "2021-04-20\n4月16日,青川县开展全民普法宣传活动。"
        "活动现场,青川县司法局联合县公安局向群众发放宣传资料。\n"
    )
    orgs = {o.id: o.name for o in art.organizations}
    (ev,) = art.events
    assert [orgs[o] for o in ev.organizers] == ["青川县司法局", "县公安局"]


@pytest.mark.pipeline
def test_a_body_in_the_purpose_clause_is_no_organizer() -> None:
    art = parse(
        "为深入贯彻落实省司法厅部署要求,切实提高群众防骗意识,"
        "白河县道路管理处于6月3日上午在广场开展反诈宣传活动。\n"
    )
    orgs = {o.id: o.name for o in art.organizations}
    (ev,) = art.events
    assert [orgs[o] for o in ev.organizers] == ["白河县道路管理处"]
    assert ev.date == "--06-03"


@pytest.mark.pipeline
def test_a_bare_day_dates_the_same_day_word() -> None:
    art = parse(
        "本报青山4月22日电 青山市司法局局长李明远21日表示,全市将深化普法。"
        "当日,李明远出席青山市宪法知识竞赛决赛暨颁奖礼。\n"
    )
    comps = [e for e in art.events if e.type == EventType.competition]
    assert comps and comps[0].date.endswith("04-21")


@pytest.mark.pipeline
def test_a_year_only_sentence_takes_no_date_from_earlier_sentences() -> None:
    art = parse(
        "7月25日,青山市妇联举办暑期安全教育启动仪式。"
        "去年,青山市妇联联合市检察院开展了法治巡讲活动。\n"
    )
    (lecture,) = [e for e in art.events if e.type == EventType.lecture]
    assert lecture.date is None


@pytest.mark.pipeline
@pytest.mark.parametrize(
    ("sentence", "etype"),
    [
        # a topic's publicity at the end of its clause
        ("青山银行白河支行组织员工走进社区开展反诈宣传。", "publicity"),
        # the trigger is the verb of the activity
        ("青山市公安局民警走进青山小学,为师生上了一堂交通安全课。", "lecture"),
        ("8月2日,暑期法治课堂在全乡9个村火热开讲。", "lecture"),
    ],
)
def test_topic_publicity_and_verb_triggers(sentence: str, etype: str) -> None:
    assert [e.type.value for e in parse(sentence).events] == [etype]


@pytest.mark.pipeline
def test_topic_publicity_does_not_cut_a_campaign_period_name() -> None:
    art = parse("9月8日至14日,白河县委网信办举办2024年网络安全宣传周系列活动。")
    (ev,) = art.events
    assert (ev.type.value, ev.trigger.text) == ("publicity", "宣传周")
    assert ev.date_end is not None


@pytest.mark.pipeline
def test_a_verb_trigger_inside_another_word_is_none() -> None:
    art = parse("6月3日,白河县司法局在广场开展宣传活动,工作人员向市民展开讲解。")
    assert [e.type.value for e in art.events] == ["publicity"]


@pytest.mark.pipeline
def test_any_topic_publicity_at_a_clause_end() -> None:
    art = parse("国网青山供电公司在营业厅开展电力法宣传。")
    assert [e.type.value for e in art.events] == ["publicity"]


def test_a_draft_joins_the_group_of_its_own_day_first() -> None:
    text = " " * 80
    week = _draft(0, headline=True, date="2020-12-01", orgs=["org-1"])  # a weak date
    day = _draft(20, headline=False, date="2020-12-04", orgs=["org-2"])
    more = _draft(40, headline=False, date="2020-12-04", orgs=[])
    groups = merge_drafts(text, [week, day, more], trigger_rules())
    assert [len(g.mentions) for g in groups] == [1, 2]
    assert groups[0].date is not None and groups[0].date.date == "2020-12-01"


@pytest.mark.pipeline
def test_bodies_summoned_in_the_follow_up_are_not_organizers() -> None:
    art = parse("3月8日,青川县启动维权周宣传活动。现场,县妇联组织县检察院、县司法局设立咨询台。\n")
    orgs = {o.id: o.name for o in art.organizations}
    (ev,) = [e for e in art.events if e.type.value == "launch"]
    assert [orgs[o] for o in ev.organizers] == ["县妇联"]


@pytest.mark.pipeline
def test_organizer_and_co_organizer_after_you() -> None:
    art = parse("由青山市司法局主办、白河县司法局承办的宪法知识竞赛于12月4日在白河县举行。")
    orgs = {o.id: o.name for o in art.organizations}
    (ev,) = art.events
    assert [orgs[o] for o in ev.organizers] == ["青山市司法局", "白河县司法局"]


@pytest.mark.pipeline
@pytest.mark.parametrize(
    ("sentence", "etypes"),
    [
        ("白河县公安局民警走进白河县第二中学,开展禁毒宣传讲座。", ["lecture"]),
        # a 进X campaign names the activity that goes somewhere: the moot court
        ("白河县检察院开展“模拟法庭进校园”活动。", ["performance"]),
    ],
)
def test_a_publicity_word_before_another_activity_modifies_it(
    sentence: str, etypes: list[str]
) -> None:
    assert [e.type.value for e in parse(sentence).events] == etypes


@pytest.mark.pipeline
@pytest.mark.parametrize(
    ("sentence", "etype"),
    [
        ("9月1日,白河县检察院检察长为全县中小学生讲授“开学第一课”。", "lecture"),
        ("7月15日至20日,青山市检察院组织开展“检察开放周”活动。", "open_day"),
        ("8月5日晚,青山市司法局在文化广场举办“法治文艺进万家”专场演出。", "performance"),
        ("澳門法務局與教育暨青年局於5月3日合辦普法問答比賽。", "competition"),
    ],
)
def test_more_activity_words(sentence: str, etype: str) -> None:
    assert [e.type.value for e in parse(sentence).events] == [etype]


@pytest.mark.pipeline
def test_a_time_field_dates_what_the_text_announces() -> None:
    art = parse(
        "时间:2023年5月12日9:30\n地点:青山市档案馆报告厅\n"
        "各位媒体朋友:\n欢迎出席青山市医疗保障局举行的新闻发布会。\n"
    )
    (ev,) = art.events
    assert (ev.type.value, ev.date) == ("meeting", "2023-05-12")


@pytest.mark.pipeline
def test_a_quoted_activity_name_before_a_publicity_word_decides_the_type() -> None:
    art = parse("9月2日,白河县司法所在白河中学开展“法治第一课”普法宣传活动。")
    assert [e.type.value for e in art.events] == ["lecture"]


@pytest.mark.pipeline
def test_bringing_a_class_frames_a_lecture() -> None:
    art = parse("近日,白河县检察院为全校师生带来一堂“拒绝网络沉迷”主题法治课。")
    assert [e.type.value for e in art.events] == ["lecture"]
