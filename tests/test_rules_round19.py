"""Rules of the nineteenth quality round (issue 14): which names are bodies, on
invented sentences (bare heads, halls, verbs glued to names, short forms)."""

from __future__ import annotations

import pytest

from fazhi_ie import parse
from fazhi_ie.values.dates import find_dates

pytestmark = [pytest.mark.pipeline, pytest.mark.usefixtures("ner_on")]


def _orgs(text: str) -> list[str]:
    return [o.name for o in parse(text).organizations]


def _organizers(text: str) -> list[list[str]]:
    a = parse(text)
    names = {o.id: o.name for o in a.organizations}
    return [[names[x] for x in e.organizers] for e in a.events]


@pytest.mark.parametrize(
    "text",
    [
        "讲座中，律师提醒村民，遇到家庭纠纷可以向法院申请调解，切勿私下报复。",
        "检举贿选经法院判决有罪确定者，最高可获奖金五百万元，白河县选委会呼吁民众踊跃检举。",
        "座谈会上，来自公安、检察、法院、司法行政等部门的代表交流了普法经验。",
    ],
)
def test_a_bare_court_that_names_no_body_of_the_article_is_no_organization(text: str) -> None:
    assert "法院" not in _orgs(text)


def test_a_bare_court_listed_with_named_bodies_is_the_local_court() -> None:
    text = "白河县司法局联合县妇联、法院、检察院等部门在广场开展普法宣传。"
    assert {"县妇联", "法院", "检察院"} <= set(_orgs(text))


def test_a_bare_court_still_names_the_one_court_of_the_article() -> None:
    text = "青山市中级人民法院举办开放日活动，市民走进法院参观诉讼服务中心。"
    names = _orgs(text)
    assert "法院" not in names
    assert "青山市中级人民法院" in names


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("3月5日，青山市司法局在青山市第一中学报告厅举办法治讲座。", "青山市第一中学"),
        ("4月2日，澳门法务局在法务局演讲厅举办讲座。", "澳门法务局"),
    ],
)
def test_a_hall_is_a_venue_and_its_building_the_body(text: str, body: str) -> None:
    names = _orgs(text)
    assert body in names
    assert not any(n.endswith("厅") for n in names)


def test_a_department_named_only_in_its_heads_title_folds_into_the_bureau() -> None:
    text = "澳門法務局法律推廣及公共關係廳廳長陳明主講，介紹基本法的內容。"
    assert _orgs(text) == ["澳门法务局"]


def test_a_taiwan_school_short_form_is_the_school() -> None:
    text = "北濱縣立海天國民中學的學生參加反毒講座。海天國中校長鄭雅婷表示，學校將持續推動。"
    assert _orgs(text) == ["北滨县立海天国民中学"]


@pytest.mark.parametrize(
    ("text", "not_a_name"),
    [
        ("民眾如懷疑受騙，可致電海關熱線查詢，海關人員會跟進。", "致电海关"),
        ("律師提醒年輕人切勿出租銀行帳戶，以免觸犯法律。", "出租银行"),
        ("下學年將把防騙講座推廣至更多學校。", "更多学校"),
    ],
)
def test_a_verb_or_a_quantity_word_before_a_body_word_is_no_part_of_a_name(
    text: str, not_a_name: str
) -> None:
    assert not_a_name not in _orgs(text)


def test_a_joining_verb_glued_to_a_county_after_an_office_is_split_off() -> None:
    text = "当天上午，青山县禁毒委员会办公室会同县公安局、县卫生健康局在广场开展宣传活动。"
    assert _organizers(text) == [["青山县禁毒委员会办公室", "县公安局", "县卫生健康局"]]


def test_bodies_opening_their_premises_each_are_one_name() -> None:
    text = "嘉濱縣政府警察局及法務部矯正署嘉濱監獄分別開放警察局大禮堂供民眾參觀。"
    names = _orgs(text)
    assert "法务部矫正署嘉滨监狱" in names
    assert not any("开放" in n for n in names)


def test_a_short_form_in_the_headline_joins_the_name_declared_later() -> None:
    text = (
        "白河农商银行走进集市宣传防范非法集资\n\n"
        "近日，白河农村商业银行股份有限公司（以下简称“白河农商银行”）组织员工"
        "走进集市，向群众发放宣传资料200余份。"
    )
    assert _orgs(text) == ["白河农村商业银行股份有限公司"]


def test_a_named_unit_after_a_jurisdiction_word_is_a_body() -> None:
    text = "同日，青山市公安局白河分局组织辖区青云路派出所、白河路派出所民警，在广场设置宣传点。"
    assert "青云路派出所" in _orgs(text)


def test_a_class_noun_before_a_cohost_does_not_end_the_list_of_hosts() -> None:
    text = "香港警務處青山警區聯同非政府機構晨光青年中心舉辦嘉年華，向市民講解國家安全知識。"
    assert _organizers(text) == [["香港警务处青山警区", "晨光青年中心"]]


@pytest.mark.parametrize(
    "text",
    [
        "配合教育日，青山警務處將於四月二十日（星期六）開放位於翠嶺的警察學院，讓市民了解紀律部隊的工作。",
        "青山懲教署亦會於六月二十九日（星期六）開放勵新懲教所予區內中學生參觀，了解更生工作。",
    ],
)
def test_premises_opened_to_the_public_make_an_open_day(text: str) -> None:
    assert [e.type.value for e in parse(text).events] == ["open_day"]


def test_opening_data_to_the_public_is_no_open_day() -> None:
    assert parse("青山市政务服务中心开放政务数据，让市民了解办事流程。").events == []


def test_a_venue_after_the_macau_jia_is_no_organizer_even_when_its_name_is_cut() -> None:
    text = (
        "法務局於5月8日聯同治安警察局交通廳，假海晴街坊互助會長者服務中心舉辦「長者出行安全」講座。"
    )
    assert _organizers(text) == [["法务局", "治安警察局交通厅"]]


def test_a_holiday_before_a_body_is_no_venue_marker() -> None:
    assert _organizers("暑假期间，青山县司法局开展青少年普法宣传。") == [["青山县司法局"]]


def test_the_ying_of_an_invitation_is_no_part_of_the_inviters_place() -> None:
    text = "3月11日，應北區分會邀請，司法警察局派員到分會主講「防騙攻略」講座。"
    assert "北区分会" in _orgs(text)
    assert "应城市司法局" in _orgs("应城市司法局开展普法宣传。")


def test_a_name_cut_from_inside_a_declared_short_form_is_that_body() -> None:
    text = (
        "嵐山地檢署於本（11）月20日與財團法人犯罪被害人保護協會嵐山分會（以下簡稱犯保嵐山分會）"
        "在廣場合辦宣導活動。檢察長表示，本署將持續結合犯保嵐山分會資源。"
    )
    assert _organizers(text) == [["岚山地检署", "财团法人犯罪被害人保护协会岚山分会"]]


def test_a_police_community_relations_office_is_a_unit_of_its_district() -> None:
    text = "此外，青嶺警區警民關係組將於三月十六日到青嶺長者關懷中心舉辦防騙講座。"
    assert _organizers(text) == [["青岭警区警民关系组"]]


def test_a_venue_after_jia_right_after_the_bureau_is_no_organizer() -> None:
    text = "社會工作局假蓮溪坊眾互助會綜合服務中心舉行禁毒宣傳活動啟動儀式。"
    assert _organizers(text) == [["社会工作局"]]


def test_a_class_noun_before_a_name_is_no_part_of_it() -> None:
    assert _orgs("社福機構銀湖家庭福利會昨日舉辦防騙講座。") == ["银湖家庭福利会"]


def test_a_verb_before_a_generic_tribunal_makes_no_name() -> None:
    text = "11月7日，鹭湖区人民法院召开推进会，总结人民法庭参与基层社会治理的经验做法。"
    assert _orgs(text) == ["鹭湖区人民法院"]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        (
            "2月26日，青山县司法局在广场开展法治宣传活动。2月28日，镇政府召开专题会议，"
            "学习了《法治政府建设实施纲要（2021—2025年）》。",
            ["--02-26", "--02-28"],
        ),
        (
            "根据《2025年“三月三”法治宣传活动方案》，3月28日，青山县司法局在广场开展法治宣传活动。",
            ["2025-03-28"],
        ),
    ],
)
def test_a_plans_span_of_years_gives_no_year_a_plan_for_one_year_does(
    text: str, dates: list[str]
) -> None:
    assert [e.date for e in parse(text).events] == dates


@pytest.mark.parametrize(
    ("text", "hosts"),
    [
        (
            "6月1日，县妇联、团县委还将联合县教育局，在县城文化广场举办“六一”法治游园会。",
            ["县妇联", "团县委", "县教育局"],
        ),
        (
            "5月15日，法務局再與司法警察局反詐騙協調中心及海晴街坊互助會合辦防騙講座。",
            ["法务局", "司法警察局反诈骗协调中心", "海晴街坊互助会"],
        ),
        (
            "10月17日，县司法局还将联合县农业农村局，在全县各乡镇开展“农资打假”宣传活动。",
            ["县司法局", "县农业农村局"],
        ),
    ],
)
def test_an_adverb_of_time_or_repetition_before_the_coordinator_keeps_the_subject(
    text: str, hosts: list[str]
) -> None:
    assert _organizers(text) == [hosts]


def test_a_clause_opening_with_a_coordinator_shares_the_sentences_subject() -> None:
    text = "3月16日，青山县司法局在广场开展法治宣传，并于3月23日联合县妇联在社区举办法治讲座。"
    assert _organizers(text) == [["青山县司法局"], ["青山县司法局", "县妇联"]]


def test_a_clause_with_a_subject_of_its_own_keeps_it() -> None:
    text = "3月16日，青山县司法局在广场开展法治宣传，县妇联联合县团委在社区举办法治讲座。"
    assert _organizers(text) == [["青山县司法局"], ["县妇联", "县团委"]]


def test_a_pronoun_with_a_scheduled_day_before_the_coordinator_is_a_host() -> None:
    text = (
        "雲津地方法院今日舉辦開放日。本院並訂於1月17日與雲津縣政府社會處合辦「家事調解」法律講座。"
    )
    assert _organizers(text)[-1] == ["云津地方法院", "云津县政府社会处"]


def test_a_second_joining_verb_after_a_comma_adds_hosts() -> None:
    text = (
        "6月12日至16日，县司法局会同县人民法院、县妇联，携手芦湾镇司法所、鹭岗镇司法所，"
        "在12个行政村开展“民法典进万家”巡回宣讲。"
    )
    assert _organizers(text) == [
        ["县司法局", "县人民法院", "县妇联", "芦湾镇司法所", "鹭岗镇司法所"]
    ]


def test_the_state_grid_after_a_joining_verb_keeps_its_head() -> None:
    text = "2月27日，荻洲镇团委联合国网澜坪县供电公司荻洲供电所，组织青年志愿者走进敬老院开展宣讲。"
    assert _organizers(text) == [["荻洲镇团委", "国网澜坪县供电公司荻洲供电所"]]
    assert _orgs("联合国儿童基金会代表出席活动。") == ["联合国儿童基金会"]


@pytest.mark.parametrize(
    ("text", "published", "span"),
    [
        ("由今日起至四月二十一日举办巡回展览。", "2024-04-15", ("2024-04-15", "2024-04-21")),
        ("活动自即日起至12月31日，在全市开展。", "2024-10-09", ("2024-10-09", "2024-12-31")),
        (
            "某署昨日（8日）举行启动礼。巡演由即日起至十一月二十九日期间到各中学演出。",
            "2024-10-09",
            ("2024-10-08", "2024-11-29"),
        ),
    ],
)
def test_a_day_running_to_a_later_date_is_one_range(
    text: str, published: str, span: tuple[str, str]
) -> None:
    ranges = [(d.date, d.date_end) for d in find_dates(text, published) if d.kind == "range"]
    assert ranges == [span]


def test_two_dates_without_a_running_word_stay_two_days() -> None:
    found = find_dates("今日，记者从县司法局获悉，5月31日将举办讲座。", "2024-04-15")
    assert [d.kind for d in found] == ["relative", "date"]


@pytest.mark.parametrize(
    "text",
    [
        "2月26日，青山县司法局在集市入口开展法治宣传活动。青山县融媒体中心对活动进行了全程网络直播。",
        "3月5日，青山县法院举办法治讲座，讲座全程进行网络直播。",
    ],
)
def test_the_stream_of_an_activity_just_reported_is_folded_into_it(text: str) -> None:
    assert "livestream" not in [e.type.value for e in parse(text).events]


def test_a_stream_of_its_own_is_an_activity() -> None:
    text = "4月12日，市税务局联合市广播电视台，在两个平台同步推出“局长说税”专场直播。"
    assert [e.type.value for e in parse(text).events] == ["livestream"]


def test_a_councils_committee_is_one_name_and_the_council_named_alone_its_own() -> None:
    text = (
        "由翠灣區議會社區建設委員會主辦的講座昨日舉行。翠灣區議會副主席黃國強致辭，"
        "介紹區議會的工作。"
    )
    assert _orgs(text) == ["翠湾区议会社区建设委员会", "翠湾区议会"]


def test_a_bank_and_its_legal_name_stay_one_body() -> None:
    text = (
        "近日，白河农村商业银行股份有限公司组织员工走进集市。白河农村商业银行表示将持续开展宣传。"
    )
    assert _orgs(text) == ["白河农村商业银行股份有限公司"]
