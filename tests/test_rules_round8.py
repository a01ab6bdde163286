"""Rules of the eighth quality round (issue 14), on invented sentences: launch
ceremonies of named schemes, dates (clock times, Chinese-digit years, weekdays, Taiwan's
今(8)日), parts of an activity and page furniture, organizers after verbs of going,
associations, clubs and federations of Hong Kong, Macau and Taiwan, unbracketed
statutes."""

from __future__ import annotations

import pytest
from rules_helpers import events_with_organizers as _events
from rules_helpers import org_names as _orgs

from fazhi_ie import parse

pytestmark = pytest.mark.pipeline


@pytest.mark.parametrize(
    "text",
    [
        "香港警務處今日聯同教育局舉辦「校園守法大使」計劃啟動禮。",
        "香港警务处今日联同教育局举办“校园守法大使”计划启动礼。",
        "香港警務處今日聯同教育局舉辦「校園守法大使」開幕禮。",
    ],
)
def test_a_launch_ceremony_of_a_named_scheme_is_a_launch(text: str):
    assert _events(text) == [("launch", ["香港警务处", "教育局"])]


def test_a_scheme_named_before_its_launch_ceremony_is_no_plan():
    assert [t for t, _ in _events("白河市卫生局今日举行禁毒教育计划启动仪式。")] == ["launch"]


def test_a_plan_to_hold_an_activity_is_still_no_event():
    assert _events("白河市卫生局计划明年举办禁毒讲座。") == []


def test_a_body_that_only_supports_is_no_organizer():
    text = "在白河市委政法委的支持下，白河市律师协会于12月4日举办宪法主题演讲比赛。"
    assert _events(text) == [("competition", ["白河市律师协会"])]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("白河市慈善总会开展公益法律服务。", ["白河市慈善总会"]),
        (
            "白河市工商业联合会、白河市总商会、白河市青年企业家商会联合举办讲座。",
            ["白河市工商业联合会", "白河市总商会", "白河市青年企业家商会"],
        ),
    ],
)
def test_chambers_of_commerce_and_charity_federations_are_organizations(
    text: str, names: list[str]
):
    assert _orgs(text) == names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("行政院與司法院聯合舉辦記者會。", "司法院"),
        ("金管會與法務部調查局合辦反詐騙宣導。", "金管会"),
        ("香港郵政聯同香港海關舉辦宣傳活動。", "香港邮政"),
    ],
)
def test_central_bodies_of_taiwan_and_hong_kong_are_organizations(text: str, name: str):
    assert name in _orgs(text)


def test_materials_handed_out_at_the_site_are_part_of_the_activity():
    text = (
        "12月4日上午，白河县司法局在人民广场开展宪法宣传活动。"
        "活动现场，县法律援助中心工作人员向群众发放宣传资料800余份。"
    )
    assert _events(text) == [("publicity", ["白河县司法局"])]


def test_a_part_told_as_a_verb_in_the_same_paragraph_joins_the_activity():
    text = (
        "12月4日，白河县司法局在人民广场开展宪法宣传活动。"
        "县法律援助中心律师为群众解答疑问。县公证处工作人员发放宣传资料500余份。"
    )
    assert _events(text) == [("publicity", ["白河县司法局"])]


def test_another_body_holding_its_own_activity_in_the_next_paragraph_stays_apart():
    text = (
        "12月4日，白河县司法局在人民广场开展宪法宣传活动。\n"
        "12月4日，白河县人民法院在法院门前开展宪法宣传活动。"
    )
    assert _events(text) == [
        ("publicity", ["白河县司法局"]),
        ("publicity", ["白河县人民法院"]),
    ]


@pytest.mark.parametrize(
    "name",
    ["白河经济技术开发区管委会", "白河高新技术产业开发区管委会", "白河经济开发区管委会"],
)
def test_a_development_zone_keeps_its_whole_name_before_its_committee(name: str):
    assert _orgs(f"{name}联合区司法所开展宣传。")[0] == name


def test_today_as_taiwan_writes_it_dates_the_activity_and_keeps_the_name_whole():
    text = "法務部調查局臺中市調查處今(8)日與臺中市政府教育局合作舉辦反毒宣導活動。"
    art = parse(text, published="2024-05-09")
    names = {o.id: o.name for o in art.organizations}
    assert [(e.date, [names[x] for x in e.organizers]) for e in art.events] == [
        ("2024-05-08", ["法务部调查局台中市调查处", "台中市政府教育局"])
    ]
    for e in art.events:
        assert e.trigger is None or text[e.trigger.start : e.trigger.end] == e.trigger.text


@pytest.mark.parametrize(
    "text",
    [
        "白河治安警察局在多間學校舉辦防騙講座。",
        "白河縣政府警察局白沙分局至轄內國中辦理校園安全宣導。",
        "白河县公安局走进三所中学开展禁毒宣传。",
    ],
)
def test_counted_or_jurisdiction_wide_schools_are_no_organization(text: str):
    assert len(_orgs(text)) == 1


def test_a_public_hearing_held_is_a_meeting():
    text = "12月6日，白河县人民检察院举行公开听证会，邀请人大代表担任听证员。"
    assert _events(text) == [("meeting", ["白河县人民检察院"])]


@pytest.mark.parametrize(
    "name", ["白河县新时代文明实践中心", "青石镇新时代文明实践所", "青石村新时代文明实践站"]
)
def test_civilization_practice_centres_are_organizations(name: str):
    assert _orgs(f"{name}组织志愿者开展宪法宣传。") == [name]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("澳門法治推廣協會與澳門中華教育會合辦知識競賽。", ["澳门法治推广协会", "澳门中华教育会"]),
        ("澳門司法警察局與澳門街坊會聯合總會合辦講座。", ["澳门司法警察局", "澳门街坊会联合总会"]),
        ("香港青年聯會及香港島各界聯合會合辦講座。", ["香港青年联会", "香港岛各界联合会"]),
    ],
)
def test_macau_and_hong_kong_associations_are_organizers(text: str, names: list[str]):
    assert [o for _, o in _events(text)] == [names]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("12月4日，白河县司法局工作人员来到青石小学，给孩子们送上一堂生动的宪法课。", "lecture"),
        ("12月4日，白河县人民检察院检察官为青石中学师生带来一场精彩的法治报告。", "lecture"),
        ("12月4日晚，白河县司法局在文化广场上演法治文艺节目。", "performance"),
        ("白河县妇联在青石社区举行反家暴法宣传暨维权服务活动。", "publicity"),
    ],
)
def test_activities_brought_or_staged_are_held(text: str, kind: str):
    assert [t for t, _ in _events(text)] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "臺南地方檢察署檢察官今日前往臺南市立大成國中進行反毒入班宣導。",
        "白河县人民检察院检察官走进白河市第三中学开展法治宣讲。",
    ],
)
def test_a_school_gone_to_is_no_organizer(text: str):
    art = parse(text)
    names = {o.id: o.name for o in art.organizations}
    organizers = [names[x] for e in art.events for x in e.organizers]
    assert len(organizers) == 1 and "检察" in organizers[0]


def test_a_hall_borrowed_for_an_activity_names_no_organizer():
    text = "白河地方檢察署假白河市政府大禮堂辦理校園巡迴講座。"
    assert _events(text) == [("lecture", ["白河地方检察署"])]


def test_an_exhibition_of_results_is_an_exhibition():
    text = "白河监狱于12月4日举办“艺术与新生”作品展。"
    assert [t for t, _ in _events(text)] == ["exhibition"]


@pytest.mark.parametrize("name", ["宜蘭縣政府社會處", "臺東縣政府地政處", "花蓮縣政府觀光處"])
def test_a_county_government_department_keeps_its_name(name: str):
    from fazhi_ie.evaluate.keys import comparison_key

    assert _orgs(f"{name}辦理家庭暴力防治研習。") == [comparison_key(name)]


def test_a_cooperative_is_an_organization_and_a_class_of_them_is_not():
    assert _orgs("白河县青山农民专业合作社开展宣传。") == ["白河县青山农民专业合作社"]
    assert _orgs("各合作社开展宣传。") == []


def test_schools_covered_are_institutions():
    art = parse("该院共聘请32名法治副校长，覆盖全县中小学56所。")
    assert [(m.value, m.quantity.value) for m in art.metrics] == [
        (32, "personnel"),
        (56, "institutions"),
    ]


@pytest.mark.parametrize("verb", ["强调", "指出", "表示"])
def test_activities_a_speaker_calls_for_are_no_events(verb: str):
    text = (
        "12月6日，白河县司法局召开普法工作会议。"
        f"局长赵敏{verb}，要深入学习贯彻宪法精神，扎实开展宪法宣传周系列活动。"
    )
    assert [t for t, _ in _events(text)] == ["meeting"]


@pytest.mark.parametrize(
    ("text", "published", "date"),
    [
        ("二〇二四年十二月四日，白河县司法局开展宪法宣传活动。", None, "2024-12-04"),
        ("本周三，白河县司法局开展宪法宣传活动。", "2024-12-06", "2024-12-04"),
        ("上周五，白河县司法局开展宪法宣传活动。", "2024-12-06", "2024-11-29"),
        ("上周五，白河县司法局开展宪法宣传活动。", None, None),
    ],
)
def test_years_in_chinese_digits_and_weekdays_date_the_activity(
    text: str, published: str | None, date: str | None
):
    art = parse(text, published=published)
    assert [e.date for e in art.events] == [date]


def test_this_month_as_taiwan_writes_it_dates_the_activity():
    text = "臺灣白河地方檢察署於本(12)月3日舉辦修復式司法研習。"
    assert [e.date for e in parse(text, published="2024-12-05").events] == ["2024-12-03"]


def test_the_jockey_club_is_an_organizer():
    text = "禁毒處今日與香港賽馬會在公園合辦禁毒嘉年華。"
    assert _events(text) == [("publicity", ["禁毒处", "香港赛马会"])]


@pytest.mark.parametrize(
    ("text", "laws"),
    [
        (
            "宣導內容包括毒品危害防制條例及詐欺犯罪危害防制條例。",
            ["毒品危害防制条例", "诈欺犯罪危害防制条例"],
        ),
        ("律師講解了家庭暴力防治法的重點。", ["家庭暴力防治法"]),
    ],
)
def test_taiwan_statutes_named_without_brackets_are_laws(text: str, laws: list[str]):
    art = parse(text)
    assert [law.name for law in art.laws] == laws
    for law in art.laws:
        for m in law.mentions:
            assert text[m.start : m.end] == m.text


def test_the_body_whose_stance_opens_the_article_holds_its_activities():
    text = (
        "青山区司法局高度重视宪法宣传工作。为进一步增强群众宪法意识，12月4日，"
        "在青山广场开展宪法宣传活动，邀请青山区人民法院法官现场解答咨询。"
    )
    assert _events(text) == [("publicity", ["青山区司法局"])]


def test_the_only_body_named_attends_and_holds_nothing():
    text = "我局于12月4日在青山广场开展宪法宣传活动，青山区人民法院派员参加。"
    assert _events(text) == [("publicity", [])]


@pytest.mark.parametrize("clock", ["9时30分", "10时许", "10点左右", "9:30"])
def test_a_date_followed_by_a_clock_time_dates_the_activity(clock: str):
    text = f"12月4日{clock}，白河县司法局在人民广场开展宪法宣传活动。"
    assert [e.date for e in parse(text, published="2024-12-05").events] == ["2024-12-04"]


def test_related_news_and_next_article_lines_report_no_activity():
    text = (
        "12月4日，白河县司法局在人民广场开展宪法宣传活动，发放宣传资料500余份。\n"
        "相关新闻：\n"
        "· 白河县人民法院举办公众开放日活动\n"
        "· 白河县检察院开展检察开放日活动\n"
        "· 青石镇召开普法工作推进会\n"
        "上一篇：白河县召开政法工作会议\n"
        "下一篇：白河县开展扫黑除恶宣传\n"
    )
    art = parse(text)
    assert [e.type.value for e in art.events] == ["publicity"]
    assert [o.name for o in art.organizations] == ["白河县司法局"]


@pytest.mark.parametrize(
    "text",
    [
        "截至目前，白河县司法局已开展宪法宣传活动36场次，发放宣传资料2万余份。",
        "据统计，活动期间共接待群众咨询200余人次，发放宣传资料3000余份。",
    ],
)
def test_totals_report_no_activity(text: str):
    art = parse(text)
    assert art.events == []
    assert len(art.metrics) == 2


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("白河法務局於12月4日在廣場舉辦憲法日遊園會。", "publicity"),
        ("白河县司法局于12月4日举办民法典主题巡回展。", "exhibition"),
    ],
)
def test_fairs_and_touring_exhibitions_are_held_activities(text: str, kind: str):
    assert [t for t, _ in _events(text)] == [kind]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("臺北市中山扶輪社與中山分局合辦反毒宣導。", "台北市中山扶轮社"),
        ("高雄市獅子會舉辦法律講座。", "高雄市狮子会"),
        ("香港九龍華仁書院舉辦國家安全教育日講座。", "香港九龙华仁书院"),
        ("香港沙田循道衛理幼稚園舉辦親子法治講座。", "香港沙田循道卫理幼稚园"),
        ("香港福建同鄉會舉辦憲法日講座。", "香港福建同乡会"),
        ("香港九龍城街坊福利會舉辦防騙講座。", "香港九龙城街坊福利会"),
    ],
)
def test_clubs_schools_and_neighbourhood_associations_hold_activities(text: str, name: str):
    assert [o[0] for _, o in _events(text)] == [name]


@pytest.mark.parametrize(
    "name", ["香港福建同乡会联合总会", "香港九龙城街坊福利会联合会", "澳门街坊会联合总会"]
)
def test_a_federation_of_associations_keeps_its_whole_name(name: str):
    assert _orgs(f"{name}舉辦講座。") == [name]


def test_the_verb_after_a_bureau_still_joins_two_bodies():
    assert _orgs("白河县司法局联合国网白河供电公司开展宣传。")[0] == "白河县司法局"


def test_a_press_release_dated_on_its_last_line_resolves_today():
    text = (
        "白河律政司今日舉辦憲法日研討會，約三百人出席。\n"
        "完\n2024年12月4日（星期三）\n香港時間18時30分\n"
    )
    art = parse(text)
    assert art.published == "2024-12-04"
    assert [e.date for e in art.events] == ["2024-12-04"]
    span = art.published_span
    assert span is not None and text[span.start : span.end] == span.text


def test_each_enumerated_item_reports_its_own_activity():
    text = (
        "宪法宣传周期间，白河县司法局开展了形式多样的宣传活动。"
        "一是开展“宪法进社区”活动，在5个社区设立咨询台。"
        "二是开展“宪法进校园”活动，向学生发放宣传资料。"
        "三是举办宪法知识竞赛，共有300余人参加。"
    )
    assert [t for t, _ in _events(text)] == ["publicity", "publicity", "competition"]
