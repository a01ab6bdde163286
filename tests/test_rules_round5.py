"""Rules of the fifth quality round (issue 14): descriptive teams, Taiwan
investigation offices. Invented sentences."""

from __future__ import annotations

import pytest
from rules_helpers import org_names as _orgs

from fazhi_ie import parse

pytestmark = pytest.mark.pipeline


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("近日，青山市公安局反诈宣传小分队走进校园。", "青山市公安局"),
        ("近日，白河县司法局巾帼志愿服务队开展普法宣传。", "白河县司法局"),
        ("近日，团县委青年志愿服务队在广场设点。", "团县委"),
    ],
)
def test_descriptive_team_after_a_body_is_that_body(text: str, body: str):
    assert _orgs(text) == [body]


def test_descriptive_team_alone_is_no_body():
    assert _orgs("近日，白河县司法局组织普法志愿者服务队开展活动。") == ["白河县司法局"]


def test_descriptive_team_at_the_start_of_the_text_is_no_body():
    assert _orgs("普法志愿者服务队走进社区。") == []


def test_team_with_a_proper_name_stays_a_body():
    assert _orgs("近日，县检察院莎姐讲师团走进学校。") == ["县检察院莎姐讲师团"]


def test_quoted_team_stays_a_body():
    assert "“春雨”普法志愿服务队" in _orgs("近日，青山市律师协会“春雨”普法志愿服务队走进社区。")


def test_investigation_office_under_its_bureau_is_one_body():
    text = "法務部調查局臺北市調查處於3月5日舉辦講座。"
    assert _orgs(text) == ["法务部调查局台北市调查处"]
    assert parse(text).events[0].date == "--03-05"


def test_investigation_office_alone_is_a_body():
    assert _orgs("近日，新北市調查處舉辦反毒講座。") == ["新北市调查处"]


def _dated(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(e.type.value, e.date, e.date_end) for e in parse(text).events]


def test_stated_length_in_the_sentence_gives_a_period():
    text = "2024年5月6日，青山市司法局举办为期3天的人民调解员培训班。"
    assert _dated(text) == [("training", "2024-05-06", "2024-05-08")]


def test_later_back_reference_gives_the_length_of_a_started_activity():
    text = (
        "6月17日起，白河街道在东风社区开展反诈骗知识宣传活动。\n"
        "活动围绕宣传周主题展开。\n此次活动共持续四天，发放资料500余份。"
    )
    assert _dated(text)[0][1:] == ("--06-17", "--06-20")


def test_length_of_a_day_not_marked_as_a_start_is_not_read_from_later_sentences():
    text = "6月17日，白河街道开展食品安全宣传活动。\n此次活动共持续四天。"
    assert _dated(text)[0][1:] == ("--06-17", None)


def test_length_across_the_new_year_without_a_year_is_not_guessed():
    text = "12月30日起，白河县司法局开展为期一周的宪法宣传活动。"
    assert _dated(text)[0][1:] == ("--12-30", None)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("近日，國立臺灣大學法律學系舉辦法律講座。", "国立台湾大学法律学系"),
        ("近日，私立东吴大学法律学系举办讲座。", "私立东吴大学法律学系"),
        ("近日，青山大学法律系举办讲座。", "青山大学法律系"),
        ("近日，青山师范大学东校区举办活动。", "青山师范大学东校区"),
        ("近日，青山大学白河分校举办讲座。", "青山大学白河分校"),
    ],
)
def test_school_departments_and_campuses_are_one_body(text: str, name: str):
    assert _orgs(text) == [name]


def test_city_school_keeps_its_city_out_of_the_status_word():
    assert _orgs("近日，高雄市立三民高級中學舉辦講座。") != ["市立三民高级中学"]


def test_a_follower_word_that_begins_a_body_does_not_drop_the_name_before_it():
    # 学生 after a school drops it (白河中学学生: its students), 学生会 does not
    # (the union is named with its school, one multi-level name, as the guide writes them)
    names = _orgs("近日，香港中文大學法律學院學生會舉辦活動。")
    assert any(n.startswith("香港中文大学法律学院") for n in names)
    assert _orgs("近日，白河中学学生会组织同学参观法院。")[0] == "白河中学学生会"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("近日，福建省公安厅高速公路交通警察总队开展宣传。", "福建省公安厅高速公路交通警察总队"),
        ("近日，福州高速交警支队开展宣传。", "福州高速交警支队"),
        ("近日，青山市公安局交通警察支队开展宣传。", "青山市公安局交通警察支队"),
    ],
)
def test_traffic_police_units_keep_their_road_words(text: str, name: str):
    assert _orgs(text) == [name]


@pytest.mark.parametrize("label", ["青少年法治学校", "家长学校"])
def test_a_school_named_by_a_programme_is_no_body(label: str):
    assert _orgs(f"近日，白河县法院在{label}举办活动。") == ["白河县法院"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("近日，中国人民解放军青山军分区开展宣传。", "中国人民解放军青山军分区"),
        ("近日，中华人民共和国司法部发布通知。", "中华人民共和国司法部"),
    ],
)
def test_the_state_named_before_a_body_belongs_to_its_name(text: str, name: str):
    assert _orgs(text) == [name]


def test_the_united_nations_is_a_body():
    assert _orgs("联合国确定2017年世界水日的宣传主题。") == ["联合国"]


def test_joining_verb_after_a_body_is_not_the_united_nations():
    text = "近日，白河县司法局联合国网白河供电公司开展宣传。"
    assert "联合国" not in "".join(_orgs(text))


def test_bare_government_acting_at_a_clause_start_is_a_body():
    text = "为庆祝回归二十周年，政府将于下月举行基本法研讨会。"
    assert _orgs(text) == ["政府"]
    assert [e.type.value for e in parse(text).events] == ["meeting"]


@pytest.mark.parametrize("text", ["市民可向政府有关部门反映。", "政府部门将加强宣传。"])
def test_government_as_a_modifier_or_object_is_no_body(text: str):
    assert _orgs(text) == []


def test_a_street_stall_is_a_publicity_activity():
    text = "3月5日，白河县司法局在人民广场设立咨询台，向过往群众发放宣传资料。"
    assert _dated(text) == [("publicity", "--03-05", None)]


def test_materials_counted_in_a_summary_are_no_activity():
    assert _dated("截至目前，累计发放宣传资料800余份。") == []


def test_a_stall_inside_a_reported_campaign_is_the_same_activity():
    text = "3月5日，白河县司法局开展普法宣传，现场发放宣传资料500余份。"
    assert _dated(text) == [("publicity", "--03-05", None)]


def test_bodies_in_a_list_of_venues_organize_nothing():
    text = (
        "4月8日，白河县医保局召开动员会。同时组织工作人员在白河县人民医院、白河县妇幼保健院、"
        "政务大厅等场所，借助展板开展集中宣传。"
    )
    a = parse(text)
    names = {o.id: o.name for o in a.organizations}
    assert "白河县妇幼保健院" in names.values()
    # the venues do not give the second sentence a subject: it shares the first one's
    assert [[names[x] for x in e.organizers] for e in a.events] == [["白河县医保局"]] * 2


def test_a_class_given_to_an_audience_is_held():
    text = "5月8日，白河县法院法治副校长为学生上法治课。"
    assert _dated(text) == [("lecture", "--05-08", None)]


def test_online_is_not_the_verb_of_a_served_class():
    text = "白河县司法局为“青春护航”网上普法课制作了海报。"
    assert [e.type.value for e in parse(text).events] == []


def test_corner_bracket_named_activity_is_held():
    text = "懲教署昨日舉辦「更生先鋒計劃」活動。"
    assert [(e.type.value, e.date_text) for e in parse(text).events] == [("publicity", "昨日")]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("廉署於上月舉辦「全城‧傳誠」活動，逾萬人參與。", ["廉署"]),
        ("近日，司警局聯同社工局舉辦講座。", ["司警局", "社工局"]),
        ("近日，海巡署與移民署合辦宣導。", ["海巡署", "移民署"]),
    ],
)
def test_hong_kong_macau_and_taiwan_short_names_are_bodies(text: str, names: list[str]):
    assert _orgs(text) == names


def test_a_two_character_short_form_joins_its_full_name():
    assert _orgs("廉政公署今日舉辦講座。廉署表示會繼續推廣誠信文化。") == ["廉政公署"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("近日，青山出入境边防检查站开展宣传。", "青山出入境边防检查站"),
        ("近日，深圳湾边检站开展宣传。", "深圳湾边检站"),
    ],
)
def test_border_inspection_stations_are_bodies(text: str, name: str):
    assert _orgs(text) == [name]


def test_a_body_that_guides_or_supports_holds_nothing():
    text = "3月5日，在白河县司法局的大力支持下，青山中学举办了模拟法庭。"
    a = parse(text)
    names = {o.id: o.name for o in a.organizations}
    assert [[names[x] for x in e.organizers] for e in a.events] == [["青山中学"]]
    guided = parse("3月5日，在白河县司法局的指导下，青山镇开展了法治宣传活动。")
    assert [e.organizers for e in guided.events] == [[]]


def test_hosts_named_in_the_next_sentence_organize_the_activity():
    text = "近日，一场以“反诈”为主题的宣传活动在青山社区举行。本次活动由白河县公安局主办。"
    a = parse(text)
    names = {o.id: o.name for o in a.organizations}
    assert [[names[x] for x in e.organizers] for e in a.events] == [["白河县公安局"]]


def test_hosts_in_the_next_sentence_join_the_organizers_named():
    text = "為慶祝回歸，政府將於下月舉辦憲法座談會。該座談會由民政及青年事務局主辦。"
    a = parse(text)
    names = {o.id: o.name for o in a.organizations}
    assert [[names[x] for x in e.organizers] for e in a.events] == [["政府", "民政及青年事务局"]]


def test_a_bureau_named_in_its_head_s_title_is_a_body_in_its_own_right():
    assert _orgs("警務處處長出席活動並致辭。") == ["警务处"]


def test_an_activity_without_organizer_is_held_by_the_lead_sentence_s_subject():
    text = (
        "为护航暑期安全，白河镇妇联联合镇党委政府开展“三防”主题公益课程。\n"
        "7月21日至25日，公益课堂在全镇11个村火热开讲。"
    )
    a = parse(text)
    names = {o.id: o.name for o in a.organizations}
    lectures = [e for e in a.events if e.type.value == "lecture"]
    assert [names[x] for x in lectures[0].organizers] == ["白河镇妇联", "镇党委", "政府"]


def test_activities_held_by_others_do_not_take_the_lead_subject():
    text = (
        "今年宪法宣传周由白河县司法局、县委宣传部共同举办，12月1日在县城启动。\n"
        "青山、白河等地也陆续开展了各类宣传活动。"
    )
    a = parse(text)
    others = [e for e in a.events if e.trigger is not None and e.trigger.text == "宣传活动"]
    assert [e.organizers for e in others] == [[]]


def test_an_activity_inside_a_campaign_month_named_before_takes_that_month():
    text = "2023年民法典宣传月期间，白河县司法局开展了系列活动。其间，县司法局举办了专题讲座。"
    assert _dated(text) == [("lecture", "2023-05", None)]


def test_a_kind_of_school_is_no_body_but_a_named_one_is():
    assert _orgs("近日，白河县法院走进辖区职业学校开展普法宣传。") == ["白河县法院"]
    assert _orgs("近日，白河县职业学校举办讲座。") == ["白河县职业学校"]


@pytest.mark.parametrize(
    "text",
    [
        "近日，白河县市场监管局在华联超市门口开展宣传。",
        "近日，白河县公安局在人民广场、华联超市等地开展宣传。",
    ],
)
def test_a_shop_named_as_a_venue_is_no_body(text: str):
    assert len(_orgs(text)) == 1


def test_a_shop_acting_as_subject_is_a_company():
    assert _orgs("近日，青山华联超市组织员工学习食品安全法。") == ["青山华联超市"]


@pytest.mark.parametrize(
    ("text", "host"),
    [
        ("5月8日，白河县法院邀请青山大学教授李明远作专题讲座。", "白河县法院"),
        ("5月8日，青山大学法学院教授李明远应白河县司法局邀请作专题讲座。", "白河县司法局"),
    ],
)
def test_a_talk_by_an_invited_speaker_is_held_by_the_host(text: str, host: str):
    a = parse(text)
    names = {o.id: o.name for o in a.organizations}
    assert [(e.type.value, [names[x] for x in e.organizers]) for e in a.events] == [
        ("lecture", [host])
    ]


def test_a_planned_invitation_is_no_activity():
    assert _dated("下一步，将邀请专家作专题讲座。") == []


def test_a_body_under_whose_organization_an_activity_runs_organizes_it():
    text = "3月5日，在白河县司法局的组织下，青山律师事务所律师走进社区开展法律咨询。"
    a = parse(text)
    names = {o.id: o.name for o in a.organizations}
    assert [[names[x] for x in e.organizers] for e in a.events] == [["白河县司法局"]]


def test_a_taiwan_workshop_is_training():
    text = "新竹縣政府教育處於3月5日辦理法治教育研習。"
    assert _dated(text) == [("training", "--03-05", None)]


def test_a_hong_kong_briefing_is_a_meeting():
    assert _dated("律政司於3月5日舉辦基本法簡介會。") == [("meeting", "--03-05", None)]


def test_a_forum_held_is_a_meeting():
    assert _dated("3月5日，青山市法学会举办法治论坛。") == [("meeting", "--03-05", None)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("臺北地檢署於3月5日辦理同仁教育訓練。", "training"),
        ("法務部於3月5日邀請學者進行專題演講。", "lecture"),
        ("法務部於3月5日舉辦反毒特展。", "exhibition"),
    ],
)
def test_taiwan_activity_words(text: str, kind: str):
    assert _dated(text) == [(kind, "--03-05", None)]


def test_the_full_name_of_the_youth_league_is_a_party_marker():
    assert _orgs("近日，中国共产主义青年团白河县委员会开展宣传。") == [
        "中国共产主义青年团白河县委员会"
    ]


@pytest.mark.parametrize(
    "name", ["恩施土家族苗族自治州公安局", "黔东南苗族侗族自治州司法局", "白河满族自治县司法局"]
)
def test_autonomous_areas_keep_their_groups_and_place(name: str):
    assert _orgs(f"近日，{name}开展宣传。") == [name]
