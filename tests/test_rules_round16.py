"""Rules of the sixteenth quality round (issue 14), on invented sentences."""

from __future__ import annotations

import pytest

from fazhi_ie import parse

pytestmark = pytest.mark.pipeline


@pytest.mark.parametrize(
    "text",
    [
        "講座上，民警提醒同學們遇到校園欺凌要及時告知老師，切勿獨自承受。",
        "发现可疑情况要及时告诉老师或者家长，并拨打110报警。",
    ],
)
def test_a_word_ending_in_a_surname_character_does_not_start_a_name_before_a_title(
    text: str,
) -> None:
    assert [p.name for p in parse(text).persons] == []


def test_a_name_after_a_coordinating_character_before_a_title_is_still_a_name() -> None:
    names = [p.name for p in parse("会上，县司法局邀请了张立军及钱芳律师为群众答疑。").persons]
    assert "钱芳" in names


def _types(text: str) -> list[tuple[str, str | None]]:
    return [(e.type.value, e.date) for e in parse(text).events]


@pytest.mark.parametrize(
    "text",
    [
        "3月11日，青石新区的防范非法集资宣传活动走进金桂园小区。",
        "3月11日，“民法典”普法宣传走进金桂园小区，发放资料200余份。",
    ],
)
def test_an_activity_that_goes_somewhere_is_held(text: str) -> None:
    assert _types(text) == [("publicity", "--03-11")]


@pytest.mark.parametrize(
    "text",
    [
        "为推动普法宣传走进千家万户，青石县司法局制定了年度工作方案。",
        "下一步，要让法治宣传走进千家万户。",
    ],
)
def test_an_aim_that_publicity_go_somewhere_is_no_activity(text: str) -> None:
    assert _types(text) == []


def test_a_social_media_post_time_stamp_gives_the_publication_date() -> None:
    text = (
        "青石縣政府警察局白河分局\n2024年5月8日 · 🌏\n\n"
        "白河分局員警今天在白河市場向攤商宣導反詐騙知識。\n"
    )
    assert str(parse(text).published) == "2024-05-08"


def test_an_roc_release_date_in_chinese_numerals_gives_the_publication_date() -> None:
    text = (
        "臺灣青石地方檢察署 新聞稿\n發布日期：中華民國一一三年八月二十三日\n\n"
        "本署今日與青石醫院合辦反醫療暴力法治講座。\n"
    )
    assert str(parse(text).published) == "2024-08-23"


@pytest.mark.parametrize(
    ("credit", "name"),
    [("编辑：黎思琪　审核：尹志和\n", "尹志和"), ("编辑：夏语冰　审核：何敬之\n", "何敬之")],
)
def test_a_credit_line_name_may_end_in_a_function_character(credit: str, name: str) -> None:
    text = "5月3日，青石县司法局在城南社区开展民法典宣传活动。\n" + credit
    assert name in [p.name for p in parse(text).persons]


def test_a_credited_name_before_he_and_another_name_does_not_take_he() -> None:
    text = "5月3日，青石县司法局在城南社区开展民法典宣传活动。\n责任编辑：王明和李芳\n"
    names = [p.name for p in parse(text).persons]
    assert "王明" in names and "王明和" not in names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("10月12日，城北派出所联合幸福里社区居委会开展反诈宣传。", "幸福里社区居委会"),
        (
            "5月8日上午，青石县政府警察局白河分局聯合仁和里辦公處在市場舉辦反詐宣導。",
            "仁和里办公处",
        ),
    ],
)
def test_a_neighbourhood_or_village_named_with_li_is_one_organization(text: str, name: str) -> None:
    assert name in [o.name for o in parse(text).organizations]


def test_a_joining_verb_glued_to_a_names_first_character_is_split_off() -> None:
    from fazhi_ie.segmenter.splits import split_joined

    assert split_joined(["上午", "联合仁", "和", "里", "办公处"]) == [
        "上午",
        "联合",
        "仁和",
        "里",
        "办公处",
    ]
    assert split_joined(["县妇联", "联合会", "计"]) == ["县妇联", "联合会", "计"]


@pytest.mark.parametrize(
    "span", ["7月5日（星期六）起至7月20日", "7月5日起至7月20日", "7月5日(周六)至7月20日"]
)
def test_a_range_whose_start_carries_a_weekday_or_qi_is_one_range(span: str) -> None:
    from fazhi_ie.values.dates import find_dates

    found = find_dates(f"“廉洁选举”社区展览由{span}在东湾社区中心举行。", "2025-07-09")
    assert [(d.date, d.date_end) for d in found] == [("2025-07-05", "2025-07-20")]


def _organizers(text: str) -> list[tuple[str, list[str]]]:
    a = parse(text)
    names = {o.id: o.name for o in a.organizations}
    return [(e.type.value, [names.get(x, x) for x in e.organizers]) for e in a.events]


def test_the_article_own_voice_refers_to_the_body_of_its_headline() -> None:
    text = (
        "青石县司法局开展宪法宣传周系列活动\n来源：青石县司法局\n\n"
        "12月1日，我局联合县教育局在青石县第二中学举办宪法专题讲座。\n\n"
        "12月4日，我局组织全体干部职工开展宪法宣誓仪式。\n"
    )
    assert _organizers(text) == [
        ("lecture", ["青石县司法局", "县教育局"]),
        ("oath", ["青石县司法局"]),
    ]


def test_a_pronoun_that_points_back_takes_the_body_named_last() -> None:
    text = (
        "青石县司法局联合县教育局开展法治宣传。\n\n"
        "12月4日，该局组织全体干部职工开展宪法宣誓仪式。\n"
    )
    assert _organizers(text)[-1] == ("oath", ["县教育局"])


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "11月2日，云岭县消防救援大队走进云岭县社会福利院和乐康养老院开展消防安全培训。",
            {"云岭县社会福利院", "乐康养老院"},
        ),
        ("6月16日，县应急管理局在柏川县城南加油站开展应急演练。", {"柏川县城南加油站"}),
    ],
)
def test_care_homes_and_filling_stations_are_organizations(text: str, names: set[str]) -> None:
    assert names <= {o.name for o in parse(text).organizations}


def test_bodies_listed_after_a_visited_body_are_visited_too() -> None:
    text = (
        "柏川县应急管理局开展安全生产月活动\n\n6月7日，局党委书记、局长贺立军带队深入"
        "柏川县华鑫化工有限公司、柏川县东方机械有限公司等企业，开展“安全生产公开课”进企业活动，"
        "为企业负责人讲解安全生产法。\n"
    )
    assert _organizers(text) == [("lecture", ["柏川县应急管理局"])]


@pytest.mark.usefixtures("ner_on")
def test_the_rest_of_an_anonymised_company_name_is_no_organization() -> None:
    text = "澜州某科技有限公司曾因涉嫌虚开增值税发票被查处。"
    assert [o.name for o in parse(text).organizations] == []


@pytest.mark.parametrize(
    "text", ["牢记“三不”原则——不出租出借银行账户、不替他人转账。", "切勿因贪图小利出借銀行戶口。"]
)
def test_a_bank_account_is_no_organization(text: str) -> None:
    assert [o.name for o in parse(text).organizations] == []


def test_a_unit_in_the_same_place_as_the_body_before_it_is_part_of_its_name() -> None:
    text = "9月12日，澜州铁路运输法院联合澜州铁路公安处澜州站派出所开展宣传。"
    assert [o.name for o in parse(text).organizations] == [
        "澜州铁路运输法院",
        "澜州铁路公安处澜州站派出所",
    ]


def test_two_bodies_of_one_place_and_of_two_kinds_stay_two() -> None:
    text = "9月12日，广州市公安局广州市交通运输局开展宣传。"
    assert len(parse(text).organizations) == 2


def test_the_ordinal_of_the_tax_publicity_month_gives_the_year_of_its_events() -> None:
    text = (
        "本报4月19日讯 在第33个全国税收宣传月期间，4月17日，青山市税务局第二稽查局"
        "在开发区举办涉税法律知识讲座。\n"
    )
    a = parse(text)
    assert [(e.type.value, e.date) for e in a.events] == [("lecture", "2024-04-17")]
    assert str(a.published) == "--04-19"  # a dateline takes only a year the text states


def test_telling_a_counted_audience_of_some_grades_is_a_lecture() -> None:
    text = (
        "2024/03/27\n\n臺灣青石地方檢察署昨（26）日由檢察官王怡萱前往青石縣立東山國民中學，"
        "以「別讓好奇毀了未來」為題向全校七、八年級學生約420人宣講反毒知識。\n"
    )
    assert [(e.type.value, e.date) for e in parse(text).events] == [("lecture", "2024-03-26")]


def test_this_months_day_in_brackets_is_a_date() -> None:
    from fazhi_ie.values.dates import find_dates

    found = find_dates("本署於本（23）日下午與青石醫院合辦法治講座。", "2024-08-23")
    assert [(d.text, d.date) for d in found] == [("本（23）日", "2024-08-23")]


@pytest.mark.usefixtures("ner_on")
def test_a_declared_self_reference_is_no_mention_of_the_body() -> None:
    text = "臺灣青石地方檢察署（下稱本署）與青石醫院於本（23）日共同簽署合作備忘錄。"
    mentions = [m.text for o in parse(text).organizations for m in o.mentions]
    assert not any(m.startswith("下稱") for m in mentions)


def test_an_associations_community_centre_is_one_name_and_jia_marks_its_place() -> None:
    text = "3月13日，法務局聯同社會工作局假街坊總會望海社區中心合辦講座。"
    assert _organizers(text) == [("lecture", ["法务局", "社会工作局"])]
    assert "街坊总会望海社区中心" in [o.name for o in parse(text).organizations]


def test_a_neighbourhood_association_is_an_organization() -> None:
    assert [o.name for o in parse("青洲街坊會今日舉辦防騙講座。").organizations] == ["青洲街坊会"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("灣畔警區聯同非政府機構晴朗青年中心舉辦嘉年華。", ["湾畔警区", "晴朗青年中心"]),
        ("區內長者中心舉辦防騙講座。", []),
    ],
)
def test_youth_and_elderly_centres_with_a_name_are_organizations(
    text: str, names: list[str]
) -> None:
    assert [o.name for o in parse(text).organizations] == names


@pytest.mark.parametrize(
    "text",
    [
        "去年该院急诊室共发生医疗暴力事件7起。",
        "今年以来，白河分局已成功拦阻诈骗23件，保住民众财产。",
    ],
)
def test_counted_incidents_and_intercepted_frauds_are_cases(text: str) -> None:
    assert [m.quantity.value for m in parse(text).metrics] == ["cases"]


def test_a_coordinator_glued_to_the_word_before_a_suffix_is_no_name_word() -> None:
    text = "未來將持續結合檢警調及學校力量，從源頭防堵毒品。"
    assert [o.name for o in parse(text).organizations] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "会上，国家税务总局青山市税务局党委委员、副局长柯静作了讲话。",
            "国家税务总局青山市税务局",
        ),
        ("会上，白河县税务局党委书记、局长王明讲话。", "白河县税务局"),
    ],
)
def test_a_bureaus_party_committee_in_a_members_title_folds_into_the_bureau(
    text: str, name: str
) -> None:
    assert [o.name for o in parse(text).organizations] == [name]


def test_a_party_committee_acting_on_its_own_is_a_name() -> None:
    names = [o.name for o in parse("白河县税务局党委召开专题会议。").organizations]
    assert names == ["白河县税务局党委"]


def test_a_cut_verb_is_made_whole_before_the_name_after_it() -> None:
    from fazhi_ie.segmenter.splits import split_joined

    assert split_joined(["可", "致", "电廉署", "举报"]) == ["可", "致电", "廉署", "举报"]
    names = [o.name for o in parse("如發現賄選行為，可致電廉署舉報。").organizations]
    assert "电廉署" not in names


@pytest.mark.usefixtures("ner_on")
def test_tibetan_names_without_a_han_surname_are_persons() -> None:
    text = (
        "格曲县司法局开展双语普法宣讲\n作者：次仁卓玛\n\n"
        "宣讲团团长才让东主说：“用牧民听得懂的话讲法律。”牧民多吉听完宣讲后连连点头。\n"
        "编辑：拉毛措\n"
    )
    names = {p.name for p in parse(text).persons}
    assert {"次仁卓玛", "才让东主", "拉毛措"} <= names


def test_a_bodys_bare_head_opening_a_clause_is_the_articles_own_body() -> None:
    text = (
        "云岭县消防救援大队开展消防宣传月活动\n\n"
        "11月17日，大队会同城关派出所、锦绣社区居委会走进锦绣花园小区，开展消防安全宣传。\n"
    )
    assert _organizers(text) == [
        ("publicity", ["云岭县消防救援大队", "城关派出所", "锦绣社区居委会"])
    ]


def test_a_head_inside_a_name_is_no_bare_head() -> None:
    text = (
        "云岭县消防救援大队开展消防宣传月活动\n\n"
        "11月17日，县交警大队会同城关派出所走进锦绣花园小区，开展交通安全宣传。\n"
    )
    assert _organizers(text)[-1] == ("publicity", ["县交警大队", "城关派出所"])


def test_legal_advice_on_the_rule_of_law_is_a_consultation() -> None:
    text = "4月15日，青石县人民检察院12309检察服务中心面向来访群众开展国家安全法治咨询。"
    assert [e.type.value for e in parse(text).events] == ["consultation"]


def test_members_of_a_team_joined_by_the_staff_of_another_body_organize_with_it() -> None:
    text = (
        "5月31日下午，“青苗”检察官讲师团成员会同西岭镇派出所民警来到"
        "西岭镇中心学校，围绕防溺水、防欺凌开展专题讲座。"
    )
    assert _organizers(text) == [("lecture", ["“青苗”检察官讲师团", "西岭镇派出所"])]


def test_an_intellectual_property_tribunal_is_an_organization() -> None:
    text = "当天下午，青山知识产权法庭法官走进高新区，为企业负责人作专题讲座。"
    assert _organizers(text) == [("lecture", ["青山知识产权法庭"])]


def test_an_activity_named_after_its_hosts_relative_clause_is_held() -> None:
    text = (
        "由青石縣社會工作局主辦，縣公安局協辦的「無毒人生」禁毒嘉年華，"
        "於6月23日在南灣文化廣場舉行。"
    )
    assert [(e.type.value, e.date) for e in parse(text).events] == [("publicity", "--06-23")]
