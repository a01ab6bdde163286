"""Rules of the ninth quality round (issue 14), on invented sentences: parts and
sub-sessions of one activity, a day named after a campaign period, booths of Hong Kong
and Macau campaigns, Taiwan release dates, customs houses and forest farms."""

from __future__ import annotations

import pytest
from rules_helpers import events_with_organizers as _events
from rules_helpers import org_names as _orgs

from fazhi_ie import parse

pytestmark = pytest.mark.pipeline


def test_two_parts_told_in_one_on_site_sentence_stay_one_activity():
    text = (
        "12月4日上午，白河县司法局在县人民广场开展宪法宣传活动。活动现场，县法院、"
        "县检察院等20余家单位设置咨询台，干警向赶集的村民发放宣传资料3000余份。"
    )
    assert _events(text) == [("publicity", ["白河县司法局"])]


def test_two_activities_of_two_bodies_in_two_sentences_stay_two():
    text = (
        "12月4日，白河县司法局在县人民广场开展宪法宣传活动。"
        "12月5日，县检察院在城北社区开展宪法宣传活动。"
    )
    assert _events(text) == [
        ("publicity", ["白河县司法局"]),
        ("publicity", ["县检察院"]),
    ]


def test_the_same_day_after_a_named_campaign_week_is_the_day_named_before():
    text = (
        "12月4日，由白河县委宣传部主办的宪法宣传周主题宣传活动在县人民广场举行。\n"
        "当天下午，县司法局组织律师走进白河县第一中学，为初三学生上了一堂宪法课。"
    )
    art = parse(text)
    assert [(e.type.value, e.date) for e in art.events] == [
        ("publicity", "--12-04"),
        ("lecture", "--12-04"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "12月4日，白河县人民法院举行“司法公开周”开放日活动，邀请20余名人大代表走进法院旁听庭审。"
        "旁听结束后，院长主持召开座谈会，听取代表的意见建议。",
        "12月4日，白河县人民法院举行“司法公开周”开放日活动，邀请20余名人大代表走进法院旁听庭审。"
        "随后，代表们参加了座谈会。",
    ],
)
def test_a_meeting_after_the_activity_is_its_sub_session(text: str):
    assert [t for t, _ in _events(text)] == ["open_day"]


def test_a_meeting_held_on_its_own_is_still_a_meeting():
    text = "12月4日，白河县人民法院召开人大代表座谈会，听取代表的意见建议。"
    assert [t for t, _ in _events(text)] == ["meeting"]


def test_an_invited_talk_in_the_training_just_reported_is_its_content():
    text = (
        "12月5日，白河市司法局举办全市人民调解员业务培训班，150余名调解员参加培训。"
        "培训邀请市中级人民法院法官王晓明授课，围绕民法典婚姻家庭编进行解读。"
    )
    assert _events(text) == [("training", ["白河市司法局"])]


@pytest.mark.parametrize(
    "text",
    [
        "治安警察局於12月10日在議事亭前地設置宣傳攤位，向市民派發防騙單張。",
        "警方今日在旺角設置街站，向市民派發宣傳單張。",
    ],
)
def test_a_street_booth_is_a_publicity_activity(text: str):
    assert [t for t, _ in _events(text)] == ["publicity"]


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("北院辦理宣導\n\n法院今(4)日舉辦講座。\n\n發布日期：113年12月4日", "2024-12-04"),
        ("新聞稿 113年12月5日\n法務部今(5)日舉辦講座。", "2024-12-05"),
    ],
)
def test_a_taiwan_release_date_in_roc_years_is_the_published_date(text: str, published: str):
    assert parse(text).published == published


def test_a_roc_date_in_the_body_is_no_published_date():
    assert parse("本校於113年12月4日舉辦講座。").published is None


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("拱北海关联合珠海出入境边防检查站举办讲座。", ["拱北海关", "珠海出入境边防检查站"]),
        ("白河县青松林场开展森林法宣传。", ["白河县青松林场"]),
    ],
)
def test_customs_houses_and_forest_farms_keep_their_names(text: str, names: list[str]):
    assert _orgs(text) == names


@pytest.mark.parametrize(
    ("text", "period"),
    [
        (
            "4月15日，白河市政府舉辦國家安全主題展覽開幕式。展期至5月15日。",
            ("exhibition", "--04-15", "--05-15"),
        ),
        (
            "3月1日，白河县“民法典宣传月”系列活动正式启动，活动持续到3月31日。",
            ("publicity", "--03-01", "--03-31"),
        ),
    ],
)
def test_a_campaign_opened_by_a_launch_runs_until_the_day_stated_after_it(
    text: str, period: tuple[str, str, str]
):
    art = parse(text)
    assert sorted((e.type.value, e.date, e.date_end) for e in art.events) == sorted(
        [period, ("launch", period[1], None)]
    )


def test_a_campaign_opened_by_a_launch_with_no_end_stated_has_no_date():
    art = parse("3月1日，白河县“民法典宣传月”系列活动正式启动。")
    assert [e.date for e in art.events if e.type.value != "launch"] in ([], [None])


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "展覽由維護國家安全委員會辦公室主辦，保安司司長辦公室協辦。",
            ["维护国家安全委员会办公室", "保安司司长办公室"],
        ),
        ("維護國家安全委員會今日舉行會議。", ["维护国家安全委员会"]),
    ],
)
def test_national_security_committees_and_secretariat_offices(text: str, names: list[str]):
    assert _orgs(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "臺北市政府法務局於12月8日在信義區舉辦消費者保護宣導園遊會，現場設置攤位，提供消費諮詢服務。",
        "12月4日，白河县司法局在县人民广场开展宪法宣传活动。\n"
        "“在宣传活动现场，我们不仅提供法律咨询，还有有奖问答。”工作人员说。",
    ],
)
def test_a_consultation_told_on_the_site_of_an_activity_is_part_of_it(text: str):
    assert [t for t, _ in _events(text)] == ["publicity"]


def test_a_consultation_of_its_own_after_an_activity_stays_an_activity():
    text = (
        "12月4日，白河县司法局在县人民广场开展宪法宣传活动。"
        "12月4日，县法律援助中心在城北社区开展法律咨询活动。"
    )
    assert [t for t, _ in _events(text)] == ["publicity", "consultation"]


@pytest.mark.parametrize(
    "text",
    ["法務部今(10)日舉行研討會。", "白河國中今(10)日舉行研討會。"],
)
def test_taiwan_today_is_read_whatever_word_the_segmenter_glued_it_to(text: str):
    assert [len(orgs) for _, orgs in _events(text)] == [1]


def test_a_body_joined_by_jiehe_is_not_one_name_with_it(ner_on):
    text = "新竹縣政府警察局竹北分局結合東興社區發展協會，於12月3日舉辦治安座談會。"
    assert _orgs(text) == ["新竹县政府警察局竹北分局", "东兴社区发展协会"]


@pytest.mark.parametrize(
    "text",
    [
        "新竹縣政府警察局竹北分局結合轄內社區發展協會舉辦治安座談會。",
        "教育部國民及學前教育署辦理「高級中等學校法治教育教師研習」。",
    ],
)
def test_a_class_of_associations_or_schools_is_no_organization(text: str):
    assert not any(n in ("社区发展协会", "中等学校", "高级中等学校") for n in _orgs(text))


def test_a_district_prosecutors_short_form_is_one_body_with_its_full_name():
    text = (
        "高雄地檢署舉辦反賄選宣導活動\n"
        "臺灣高雄地方檢察署於12月2日舉辦反賄選宣導活動，邀請高雄市政府警察局共同參與。"
    )
    art = parse(text)
    names = {o.id: o.name for o in art.organizations}
    assert sorted(names.values()) == ["台湾高雄地方检察署", "高雄市政府警察局"]
    assert [[names[x] for x in e.organizers] for e in art.events] == [["台湾高雄地方检察署"]]


def test_a_youth_league_committee_written_with_tuan_before_its_place():
    text = "12月4日，团青川市委、市青少年宫联合举办青少年法治演讲比赛。"
    assert _events(text) == [("competition", ["团青川市委", "市青少年宫"])]


def test_a_department_named_only_in_a_title_is_no_body_whoever_proposes_it(ner_on):
    names = _orgs("12月4日，白河市司法局人民参与与促进法治科科长张三在广场接受采访。")
    assert names == ["白河市司法局"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("青川县图书馆联合县司法局举办法治图书展。", ["青川县图书馆", "县司法局"]),
        ("青川县红旗农场开展安全生产法宣传活动。", ["青川县红旗农场"]),
        ("青川县公路养护段开展公路法宣传活动。", ["青川县公路养护段"]),
        ("臺北市政府毒品危害防制中心辦理反毒宣導。", ["台北市政府毒品危害防制中心"]),
        ("桃園市家庭暴力及性侵害防治中心舉辦宣導活動。", ["桃园市家庭暴力及性侵害防治中心"]),
        ("香港小童群益會與警務處合辦防騙講座。", ["香港小童群益会", "警务处"]),
        ("中壢區公所結合中壢區各里辦公處辦理防詐宣導。", ["中坜区公所"]),
        ("白河县慈善会开展公益宣传。", ["白河县慈善会"]),
        ("白河县未成年人保护中心开展宣传。", ["白河县未成年人保护中心"]),
        ("白河县红旗镇人大主席团开展宣传。", ["白河县红旗镇人大主席团"]),
    ],
)
def test_libraries_farms_taiwan_prevention_centres_and_hong_kong_ngos(text: str, names: list[str]):
    assert _orgs(text) == names


def test_a_library_named_as_the_venue_is_no_organizer():
    text = "12月4日，县司法局在县图书馆举办法治讲座。"
    assert _events(text) == [("lecture", ["县司法局"])]


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("12月4日，白河县法院在县一中开展模拟法庭进校园活动。", ["performance"]),
        ("12月4日，白河大学法学院举办第八届模拟法庭大赛。", ["competition"]),
        ("12月4日，白河县司法局开展法治讲座进社区活动。", ["lecture"]),
        ("12月4日，白河市交警支队在市区主要路口开展交通安全宣传活动。", ["publicity"]),
        ("12月4日，白河县司法局举办“宪法大讲堂”，邀请省委党校教授作专题辅导。", ["lecture"]),
        ("宣传周期间，活动方式主要包括发放资料、开展网络安全知识竞赛等。", []),
        ("12月4日，白河县司法局举办宪法宣传周法治文艺汇演。", ["performance"]),
        ("12月4日，白河县司法局在县广场举办宪法主题展。", ["exhibition"]),
        ("12月4日，白河县司法局召开全县人民调解工作会。", ["meeting"]),
        ("12月4日，白河县公安局举办执法技能大比武。", ["competition"]),
    ],
)
def test_one_activity_however_its_name_is_built(text: str, types: list[str]):
    assert [t for t, _ in _events(text)] == types


@pytest.mark.parametrize(
    "text",
    [
        "记者了解到，白河县人民检察院已连续三年开展“检察开放日”活动。",
        "市民如欲參加講座，可於即日起致電報名。",
        "白河县融媒体中心开设“宪法宣传周”专栏，推送宪法知识20余期。",
    ],
)
def test_a_programme_an_invitation_or_a_column_is_no_activity(text: str):
    assert _events(text) == []


def test_bodies_acting_under_a_leading_body_are_organizers_with_it():
    text = "12月4日，在白河县司法局的牵头下，县法院、县检察院在县广场联合开展宪法宣传活动。"
    assert _events(text) == [("publicity", ["白河县司法局", "县法院", "县检察院"])]


def test_an_activity_whose_hosts_are_named_right_after_it_is_held():
    text = "律政司司長今日（十二月四日）在「憲法日」研討會上致辭。研討會由律政司與香港中聯辦合辦。"
    assert _events(text) == [("meeting", ["律政司", "香港中联办"])]


def test_a_mention_referring_back_with_gai_is_the_same_activity():
    text = (
        "12月16日，白河市政府將在市會展中心舉行基本法研討會。教育局發言人稱，已邀請中學師生觀看直播。\n"
        "該研討會由白河市政制事務局主辦。"
    )
    assert [t for t, _ in _events(text) if t == "meeting"] == ["meeting"]


@pytest.mark.parametrize("venue", ["县客运中心", "县物流中心", "县科技中心", "白河收费站"])
def test_centres_that_are_places_are_no_bodies(venue: str):
    assert _orgs(f"12月4日，白河县司法局在{venue}开展宣传活动。") == ["白河县司法局"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("白河县人民法院刑事审判庭开展宣传。", ["白河县人民法院刑事审判庭"]),
        ("白河县人民检察院未成年人检察工作室开展宣传。", ["白河县人民检察院未成年人检察工作室"]),
        ("白河县纪委监委第一监督检查室开展宣传。", ["白河县纪委监委第一监督检查室"]),
        ("白河市中级人民法院少年家事审判庭庭长出席。", ["白河市中级人民法院"]),
        ("随后，在白河县人民法院第五审判庭，代表们旁听了庭审。", ["白河县人民法院"]),
    ],
)
def test_court_divisions_procuratorate_studios_and_inspection_offices(text: str, names: list[str]):
    assert _orgs(text) == names


@pytest.mark.parametrize("place", ["社区警务室", "人民调解室", "法律服务站"])
def test_a_generic_unit_with_no_name_of_its_own_is_no_body(place: str):
    assert _orgs(f"12月4日，白河县司法局在{place}开展宣传活动。") == ["白河县司法局"]


def test_a_named_community_police_room_is_a_body():
    assert _orgs("红旗社区警务室民警开展反诈宣传。") == ["红旗社区警务室"]


def test_a_series_launched_is_a_campaign_for_its_period():
    text = "3月25日，“法润白河”系列活动在县体育馆正式启动。此后直到4月30日，各乡镇将轮流开展宣传。"
    art = parse(text)
    assert sorted((e.type.value, e.date, e.date_end) for e in art.events) == [
        ("launch", "--03-25", None),
        ("publicity", "--03-25", "--04-30"),
    ]


def test_a_series_only_named_is_an_umbrella_not_an_activity():
    text = "宪法宣传周期间，白河县司法局开展了一系列活动。12月4日，该局在县广场举办宪法宣传活动。"
    assert [e.date for e in parse(text).events] == ["--12-04"]


def test_an_activity_named_in_a_purpose_clause_is_no_activity():
    text = "为认真开展好“全国交通安全日”主题宣传活动，切实提高群众交通安全意识。"
    assert parse(text).events == []


def test_a_site_footer_naming_its_host_and_builder_is_no_content():
    text = (
        "12月4日，白河县司法局在县人民广场开展宪法宣传活动。\n"
        "主办单位：白河县人民政府办公室 承办单位：白河县大数据中心 技术支持：白河信息技术有限公司\n"
    )
    assert _orgs(text) == ["白河县司法局"]


def test_an_activitys_own_host_lines_stay_content():
    text = (
        "白河县宪法知识竞赛\n主办单位：白河县司法局\n承办单位：白河县第一中学\n12月4日，竞赛举行。"
    )
    assert _orgs(text) == ["白河县司法局", "白河县第一中学"]


@pytest.mark.parametrize("header", ["往期推荐", "相關連結"])
def test_a_link_block_under_its_header_is_page_furniture(header: str):
    text = (
        "12月4日，白河县司法局联合县总工会开展宪法宣传活动。\n"
        f"{header}\n白河县人民法院召开新闻发布会\n白河县检察院开展检察开放日活动\n"
    )
    assert _events(text) == [("publicity", ["白河县司法局", "县总工会"])]


def test_a_headline_naming_the_activity_by_its_modifier_is_that_activity():
    text = (
        "北院辦理反詐騙宣導\n"
        "臺灣臺北地方法院於12月5日上午在信義國小辦理反詐騙宣導講座，約有300位學生參加。"
    )
    assert _events(text) == [("lecture", ["台湾台北地方法院"])]


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("直播观看量达10万+。", (100000, "", "views", "more_than")),
        ("約有300名市民參與。", (300, "名", "audience", "about")),
        ("大约有50人参加讲座。", (50, "人", "audience", "about")),
    ],
)
def test_counts_marked_plus_or_about(text: str, metric: tuple):
    art = parse(text)
    assert [(m.value, m.unit, m.quantity.value, m.approx.value) for m in art.metrics] == [metric]


def test_a_sum_written_with_plus_is_no_count():
    assert parse("开展“1+1”结对帮扶。").metrics == []


def test_a_class_of_units_named_from_its_determiner_is_no_body(ner_on):
    text = "12月3日，白河县司法局组织全县司法所所长80余人举办人民调解业务培训班。"
    assert "全县司法所" not in _orgs(text)


def test_the_issuing_office_under_a_releases_date_is_no_content():
    text = (
        "法務局於12月3日舉辦青少年法律知識問答比賽，共有36名學生參賽。\n"
        "2024-12-04 15:32\n白河特別行政區政府新聞局\n"
    )
    assert _orgs(text) == ["法务局"]


def test_persons_laws_and_counts_in_a_link_block_are_page_furniture():
    text = (
        "12月4日，白河县司法局开展宪法宣传活动，发放资料500份。\n"
        "相关新闻\n局长张晓东带队调研《民法典》宣传工作\n白河县发放宣传册3000册\n"
    )
    art = parse(text)
    assert [p.name for p in art.persons] == []
    assert [law.name for law in art.laws] == ["宪法"]
    assert [m.value for m in art.metrics] == [500]
