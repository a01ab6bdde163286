"""Rules of the twentieth quality round (issue 14), on invented sentences: names as
the text writes them, organization names, launched campaigns and dates."""

from __future__ import annotations

import pytest

from fazhi_ie import parse

pytestmark = [pytest.mark.pipeline, pytest.mark.usefixtures("ner_on")]


def test_a_law_name_keeps_the_full_width_brackets_of_the_text() -> None:
    a = parse("本署今日舉辦講座，介紹《業主與租客（綜合）條例》的最新修訂。")
    assert [x.name for x in a.laws] == ["业主与租客（综合）条例"]


def test_an_organization_name_keeps_the_ascii_brackets_of_the_text() -> None:
    a = parse("青禾贸易(上海)有限公司与白河县司法局联合开展普法宣传活动。")
    assert "青禾贸易(上海)有限公司" in [o.name for o in a.organizations]


def _orgs(text: str) -> list[str]:
    return [o.name for o in parse(text).organizations]


def test_a_hong_kong_law_firm_is_a_body() -> None:
    assert "李陈律师行" in _orgs("由翠嶺區議會主辦、李陳律師行協辦的巡迴展覽今日開幕。")


def test_the_macau_venue_marker_glued_to_the_venue_splits_two_bodies() -> None:
    names = _orgs("廉署聯同教育局假海晴官立中學舉行嘉許禮，表揚多所學校。")
    assert {"教育局", "海晴官立中学"} <= set(names)
    assert not any("假" in n for n in names)


def test_a_unit_under_a_bureau_is_named_apart_from_it() -> None:
    names = _orgs("司警局人員聯同社會工作局轄下海昕長者服務中心的社工走訪獨居長者。")
    assert {"社会工作局", "海昕长者服务中心"} <= set(names)
    assert not any("辖下" in n for n in names)


def test_units_under_a_body_named_by_class_are_no_body() -> None:
    names = _orgs("翠灣坊眾互助會已動員轄下長者中心共四十名義工協助推廣。")
    assert not any("辖下" in n for n in names)


def test_a_quoted_activity_opening_with_a_verb_is_no_body() -> None:
    names = _orgs("本中心與懲教署合辦「探訪懲教所」活動，由社工帶領青年義工參觀。")
    assert "探访惩教所" not in names


def test_a_holiday_after_a_bureau_stays_one_word() -> None:
    assert "公安局" in "".join(_orgs("春节假期，白河县公安局假期值班民警坚守岗位。"))


def test_a_unit_named_after_its_level_word_is_the_multi_level_name() -> None:
    names = _orgs(
        "6月20日，临澜县公安局禁毒大队在县人民广场举办禁毒宣传活动。"
        "活动中，县禁毒大队民警为群众讲解毒品危害。县交警大队也派员参加。"
    )
    assert "临澜县公安局禁毒大队" in names
    assert "临澜县公安局" not in names and "县禁毒大队" not in names
    assert "县交警大队" in names  # a unit of its own, named by no longer name


@pytest.mark.parametrize(
    ("text", "body", "department"),
    [
        ("本中心舉辦講座，邀請東灣醫院精神科醫生鄧偉傑主講。", "东湾医院", "东湾医院精神科"),
        (
            "白河纺织公司邀请北沅市中级人民法院民二庭法官郑佳禾授课。",
            "北沅市中级人民法院",
            "北沅市中级人民法院民二庭",
        ),
    ],
)
def test_a_department_before_a_profession_is_named_only_in_a_title(
    text: str, body: str, department: str
) -> None:
    names = _orgs(text)
    assert body in names and department not in names


def test_a_department_that_acts_stays_a_body() -> None:
    assert "北沅市中级人民法院民二庭" in _orgs("北沅市中级人民法院民二庭走进社区开展调解。")


def test_a_law_named_in_brackets_is_a_law_where_it_stands_bare() -> None:
    a = parse(
        "本院在國民法官法宣導攤位讓民眾體驗審判。讓民眾更了解《國民法官法》實施後的審判方式。"
    )
    assert [x.name for x in a.laws] == ["国民法官法"]
    assert len(a.laws[0].mentions) == 2


def test_a_bracketed_title_inside_a_longer_word_is_no_mention() -> None:
    a = parse("《安全生产法》宣传中，安全生产法治理念深入人心。")
    assert [len(x.mentions) for x in a.laws] == [1]


@pytest.mark.parametrize(
    "text",
    [
        "舉辦「113年度國小學童反詐騙知識競賽」決賽。",
        "教育處表示，將把競賽題目編入國小的法治教育課程。",
    ],
)
def test_a_year_or_a_verb_before_a_class_of_schools_makes_no_body(text: str) -> None:
    assert not any(n.endswith("国小") for n in _orgs(text))


def _events(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(e.type.value, e.date, e.date_end) for e in parse(text).events]


def test_a_launch_with_its_campaign_period_stated_gives_the_campaign_too() -> None:
    found = _events(
        "3月5日上午，白沙区妇女联合会会同白沙区司法局举行“巾帼普法月”启动仪式。"
        "本次普法月活动由区妇联、区司法局联合主办，自3月5日持续至3月31日。"
    )
    assert ("launch", "--03-05", None) in found
    assert ("publicity", "--03-05", "--03-31") in found


def test_a_launch_whose_campaign_is_only_named_gives_the_launch_alone() -> None:
    found = _events("12月1日，白河县司法局举行宪法宣传周启动仪式，县领导出席并讲话。")
    assert [t for t, _, _ in found] == ["launch"]


def test_an_exhibition_set_up_runs_until_the_day_it_is_said_to_last() -> None:
    found = _events(
        "4月14日起，白河县第二中学在校园主干道布设国家安全主题展览，展出展板24块，"
        "展览将持续至4月18日。"
    )
    assert ("exhibition", "--04-14", "--04-18") in found


def test_the_same_day_after_a_period_is_its_first_day() -> None:
    found = _events(
        "4月14日起，白河二中在校园主干道布设国家安全主题展览，展览将持续至4月18日。"
        "当天下午，学校邀请法治副校长作专题讲座，全校1800余名师生聆听。"
    )
    assert ("lecture", "--04-14", None) in found


def test_a_campaign_period_told_in_the_paragraph_after_the_launch() -> None:
    found = _events(
        "3月5日上午，白沙区妇女联合会举行“巾帼普法月”启动仪式。\n\n"
        "启动仪式上，区妇联主席介绍了活动安排。本次普法月活动由区妇联主办，自3月5日持续至3月31日。"
    )
    assert ("publicity", "--03-05", "--03-31") in found


def test_the_legal_profession_is_no_law_firm() -> None:
    names = _orgs("近日，县律师行业党委书记王某联合白河县司法局开展普法活动。")
    assert not any(n.endswith("律师行") for n in names)
