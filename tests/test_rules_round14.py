"""Rules of the fourteenth quality round (issue 14), on invented sentences: Hong Kong
districts written without 区 before a body's name, Taiwan's ministry of health and
welfare."""

from __future__ import annotations

import pytest
from rules_helpers import events_with_organizers as _events
from rules_helpers import org_names as _orgs

from fazhi_ie import parse

pytestmark = pytest.mark.pipeline


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("黃大仙民政事務處昨日舉辦防騙講座。", "黄大仙民政事务处"),
        ("油尖旺民政事務處與警方合辦講座。", "油尖旺民政事务处"),
        ("深水埗民政事務處今日派員到場。", "深水埗民政事务处"),
        ("離島民政事務處舉辦長者防騙講座。", "离岛民政事务处"),
    ],
)
def test_a_hong_kong_district_without_its_suffix_opens_a_body_name(text: str, name: str) -> None:
    assert _orgs(text) == [name]


def test_a_district_short_form_is_no_place_inside_a_word() -> None:
    assert _orgs("推动中西部地区法治建设，中西区民政事務處派員出席。") == ["中西区民政事务处"]


def test_taiwan_ministry_of_health_and_welfare_is_a_body() -> None:
    assert _orgs("文化部、衛生福利部代表出席反毒宣導活動。") == ["文化部", "卫生福利部"]


@pytest.mark.parametrize(
    "name",
    ["青石县公安局反诈骗协调中心", "白河市公安局网络安全保卫大队", "青石县公安局经济犯罪侦查大队"],
)
def test_a_police_unit_named_by_three_words_after_its_parent_is_one_body(name: str) -> None:
    assert _orgs(f"{name}民警到城东社区开展宣传活动。") == [name]


def test_four_free_words_after_a_parent_body_still_end_the_name() -> None:
    names = _orgs("青石县公安局组织开展禁毒禁赌整治行动宣传中心揭牌活动。")
    assert "青石县公安局" in names
    assert not any(n.endswith("宣传中心") for n in names)


def test_a_short_form_declared_without_quotes_is_an_alias_not_a_body() -> None:
    art = parse("青石县委全面依法治县委员会办公室（以下简称县委依法治县办）于5月10日举办培训班。")
    assert [o.name for o in art.organizations] == ["青石县委全面依法治县委员会办公室"]
    assert "县委依法治县办" in {m.text for m in art.organizations[0].mentions}


@pytest.mark.parametrize(
    "declared", ["（以下简称市禁毒办）", "（以下简称“市禁毒办”）", "（市禁毒办）"]
)
def test_a_declared_short_form_does_not_cut_the_body_from_the_joint_hosts(declared: str) -> None:
    text = f"12月4日，白河市禁毒委员会办公室{declared}联合市公安局开展禁毒宣传活动。"
    assert _events(text) == [("publicity", ["白河市禁毒委员会办公室", "市公安局"])]


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("白河市市场监督管理局", "市市场监管局"),
        ("白河市人力资源和社会保障局", "市人社局"),
        ("白河市妇女联合会", "市妇联"),
        ("白河市卫生健康委员会", "市卫健委"),
    ],
)
def test_the_usual_short_form_of_a_body_is_the_same_body(full: str, short: str) -> None:
    text = f"3月15日，{full}在城东广场开展宣传活动。{short}工作人员向群众发放资料。"
    assert _orgs(text) == [full]


def test_a_bank_branch_under_its_bank_short_name_is_the_same_body() -> None:
    text = (
        "近日，中国农业银行石溪县支行联合东关社区居民委员会开展反诈宣传活动。"
        "农行石溪县支行行长刘振宇表示将继续开展宣传。"
    )
    assert _orgs(text) == ["中国农业银行石溪县支行", "东关社区居民委员会"]


def test_a_bank_short_name_opens_its_branch_name() -> None:
    assert _orgs("农行石溪县支行走进社区开展反诈宣传活动。") == ["农行石溪县支行"]


def test_an_activity_joined_by_ji_to_a_launch_is_held_on_the_launch_day() -> None:
    text = "5月30日，青石县人民检察院举办检察开放日暨未成年人保护宣传周启动仪式。"
    assert [(e.type.value, e.date) for e in parse(text).events] == [
        ("open_day", "--05-30"),
        ("launch", "--05-30"),
    ]


def test_a_campaign_joined_by_ji_to_its_launch_is_still_the_campaign() -> None:
    text = "3月1日，青石县举行“3·15”消费者权益保护宣传周暨宣传活动启动仪式。"
    assert [(e.type.value, e.date) for e in parse(text).events] == [
        ("publicity", None),
        ("launch", "--03-01"),
    ]


def test_a_relative_day_inside_a_quoted_slogan_dates_nothing() -> None:
    text = (
        "青石检察\n发布时间：2024-05-31\n"
        "5月30日，青石县人民检察院以“检护明天 法治同行”为主题，举办检察开放日活动。"
    )
    assert [(e.type.value, e.date) for e in parse(text).events] == [("open_day", "2024-05-30")]


def test_a_meeting_joined_to_an_activity_by_bing_is_its_sub_session() -> None:
    text = (
        "4月18日，青石县税务局举办“税务开放日”活动，邀请纳税人代表40名走进办税服务厅，"
        "并召开座谈会听取意见建议。"
    )
    assert _events(text) == [("open_day", ["青石县税务局"])]


def test_a_meeting_of_its_own_sentence_stays_an_activity() -> None:
    text = "4月18日，青石县税务局举办“税务开放日”活动。4月20日，青石县税务局召开座谈会。"
    assert [e[0] for e in _events(text)] == ["open_day", "meeting"]


def test_the_same_days_activity_told_on_with_one_host_is_one_event() -> None:
    text = (
        "青石县税务局：税收宣传月活动精彩纷呈\n发布时间：2023-04-26\n\n"
        "4月11日，县税务局联合青石县工商业联合会举办“政策直通车”专题宣讲会，"
        "税务干部围绕减免政策进行逐条解读。全县150余家民营企业的财务负责人参加宣讲会。"
    )
    assert _events(text) == [("lecture", ["青石县税务局", "青石县工商业联合会"])]


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("1月25日，青石区司法局召开全区法治宣传教育工作推进会。", ["meeting"]),
        (
            "1月25日，青石区司法局召开全区法治宣传教育工作推进会暨“八五”普法先进集体表彰大会。",
            ["meeting", "award"],
        ),
        ("3月21日，青石县司法局举行普法知识竞赛颁奖典礼。", ["award"]),
        ("3月21日，青石县司法局举行普法知识竞赛决赛暨颁奖典礼。", ["competition", "award"]),
        ("3月21日，青石县司法局举行普法知识竞赛，并为获奖选手颁奖。", ["competition"]),
        ("12月4日，青石县司法局开展法治宣传，召开推进会。", ["publicity", "meeting"]),
    ],
)
def test_names_of_meetings_and_ceremonies(text: str, types: list[str]) -> None:
    assert [e[0] for e in _events(text)] == types


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("“税苗”宣讲队走进青石县实验中学开展税法宣传。", ["“税苗”宣讲队", "青石县实验中学"]),
        ("“春雨”禁毒社工服务站举办禁毒知识竞赛。", ["“春雨”禁毒社工服务站"]),
        ("青石县司法局法治宣讲队走进学校开展宣传。", ["青石县司法局"]),
        ("青石县文化馆文艺宣传队在广场开展宣传。", ["青石县文化馆"]),
    ],
)
def test_quoted_teams_and_stations_are_bodies_descriptive_ones_are_not(
    text: str, names: list[str]
) -> None:
    assert _orgs(text) == names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "3月15日，青石县法律援助中心在白沙镇集市开展法律援助集中咨询活动。"
            "3月17日，县法律援助中心又赴龙潭乡集市开展同类活动。",
            [("consultation", "--03-15"), ("consultation", "--03-17")],
        ),
        (
            "12月4日，青石县司法局举办法治讲座。12月6日，县司法局在西城社区举办了类似活动。",
            [("lecture", "--12-04"), ("lecture", "--12-06")],
        ),
        ("今后将继续开展同类活动。", []),
    ],
)
def test_an_activity_of_the_same_kind_takes_the_kind_of_the_one_before(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(e.type.value, e.date) for e in parse(text).events] == expected


def test_publicity_told_as_a_verb_on_a_consultations_site_is_part_of_it() -> None:
    text = (
        "3月15日，青石县法律援助中心在白沙镇集市开展法律援助集中咨询活动。"
        "活动现场，工作人员摆放咨询台、悬挂宣传横幅，耐心解答群众问题。"
    )
    assert [e.type.value for e in parse(text).events] == ["consultation"]


def test_publicity_and_consultation_together_are_publicity() -> None:
    text = "4月26日，青石县司法局在中山路步行街开展集中宣传咨询活动。"
    assert [e.type.value for e in parse(text).events] == ["publicity"]


def test_a_day_of_this_month_in_chinese_numerals_is_that_day() -> None:
    text = (
        "懲教署開放日\n2024-11-08\n"
        "懲教署今日（十一月八日）聯同廉政公署舉辦分享會。此外，懲教署將於本月十六日舉行開放日。"
    )
    assert ("open_day", "2024-11-16") in [(e.type.value, e.date) for e in parse(text).events]


@pytest.mark.parametrize(
    ("text", "unit", "quantity"),
    [
        ("为过往车辆粘贴反光贴120余辆次。", "辆次", "other"),
        ("检查辖区企业1260家次。", "家次", "institutions"),
        ("出动执法船艇32艘。", "艘", "other"),
    ],
)
def test_counts_of_vehicle_visits_firm_visits_and_boats_are_metrics(
    text: str, unit: str, quantity: str
) -> None:
    assert [(m.unit, m.quantity.value) for m in parse(text).metrics] == [(unit, quantity)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "9月1日，南川县教育局在南川县第一中学举行法治副校长聘任仪式。县一中全体师生参加。",
            ["南川县教育局", "南川县第一中学"],
        ),
        ("白河市第二小学开展宣传活动，市二小师生参加。", ["白河市第二小学"]),
        (
            "南川县第一中学与南川县第十一中学联合开展宣传活动。",
            ["南川县第一中学", "南川县第十一中学"],
        ),
    ],
)
def test_a_numbered_schools_short_form_is_the_same_school(text: str, names: list[str]) -> None:
    assert _orgs(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "今屆比賽反應踴躍，共有來自二十三所中學的學生組隊參加。",
        "廉署人員去年已走訪全澳中學。",
        "全港中學均有派代表參加。",
    ],
)
def test_counted_and_territory_wide_classes_of_schools_are_no_bodies(text: str) -> None:
    assert not any(n.endswith("中学") for n in _orgs(text))


def test_a_name_the_ner_opens_with_a_count_of_schools_is_no_body(ner_on: None) -> None:
    text = "今屆比賽反應踴躍，共有來自二十三所中學的學生組隊參加。"
    assert [o.name for o in parse(text).organizations] == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "11月24日，共青团青石区委联合青石区人民法院举办模拟法庭活动。团区委副书记李明出席。",
            ["共青团青石区委", "青石区人民法院"],
        ),
        ("共青团青石县委员会举办法治讲座，团县委书记出席。", ["共青团青石县委员会"]),
        ("团县委举办法治讲座。", ["团县委"]),
    ],
)
def test_the_youth_leagues_short_committee_name_is_the_full_one(
    text: str, names: list[str]
) -> None:
    assert _orgs(text) == names
