"""Rules of the twenty-first quality round (issue 14), on invented texts: organizers
of an activity whose own sentence names none, read from the activity told before it."""

from __future__ import annotations

from pathlib import Path

import pytest

from fazhi_ie import parse

pytestmark = [pytest.mark.pipeline, pytest.mark.usefixtures("ner_on")]

_SERIES = (
    "司警聯同教青局走進中學講防騙\n2024年3月12日　星期二\n\n"
    "【本報訊】網絡騙案手法層出不窮，青少年誤墮陷阱的個案亦時有所聞。為提升學生的防騙意識，"
    "司法警察局刑事偵查廳聯同教育及青年發展局，本月八日至十日一連三日走進區內中學舉辦"
    "「識破騙局」講座，合共約六百名學生參與。\n\n"
)


def _events(text: str) -> list[tuple[str, str | None, list[str]]]:
    a = parse(text)
    names = {o.id: o.name for o in a.organizations}
    return [(e.type.value, e.date, [names[x] for x in e.organizers]) for e in a.events]


def test_a_session_of_a_series_takes_the_series_organizers() -> None:
    events = _events(
        _SERIES + "　　八日首場講座在海灣中學舉行，由刑事偵查廳警員以短劇重現"
        "「網上兼職」等騙局，提醒學生切勿出借銀行戶口。"
    )
    hosts = ["司法警察局刑事侦查厅", "教育及青年发展局"]
    assert ("lecture", "2024-03-08", hosts) in events
    assert all(organizers == hosts for _, _, organizers in events)


def test_an_activity_of_another_type_takes_no_organizers_from_the_one_before() -> None:
    events = _events(
        _SERIES + "　　此外，「全城防騙」巡迴展覽將於三月十五日至二十日在各區圖書館輪流展出。"
    )
    assert ("exhibition", "2024-03-15", []) in events


def test_an_award_told_as_part_of_the_meeting_takes_its_organizers() -> None:
    events = _events(
        "1月26日，由临澜市委依法治市办主办、临澜市司法局承办的全市普法工作推进会召开。"
        "副市长王立出席会议并讲话，各部门负责同志100余人参加会议。\n"
        "会议宣读了表彰决定，对市人民检察院、市妇联等15个先进集体进行了表彰。"
    )
    hosts = ["临澜市委依法治市办", "临澜市司法局"]
    assert [o for t, _, o in events if t == "meeting"] == [hosts]
    assert [o for t, _, o in events if t == "award"] == [hosts]


def test_a_department_glued_to_the_preposition_and_a_level_character_is_split() -> None:
    from fazhi_ie.segmenter.splits import split_joined

    words = ["教育", "处在县", "立", "体育馆", "举办", "竞赛"]
    assert split_joined(words) == ["教育", "处", "在", "县", "立", "体育馆", "举办", "竞赛"]
    assert split_joined(["正", "处在县", "域", "发展", "关键", "时期"])[1] == "处在县"


def test_a_county_government_department_holding_an_activity_is_its_organizer() -> None:
    events = _events("5月11日，青嵐縣政府教育處在縣立體育館舉辦反詐騙知識競賽，三十六所國小參賽。")
    assert [o for _, _, o in events] == [["青岚县政府教育处"]]


def test_a_body_joined_with_a_unit_of_our_court_leads_the_organizers() -> None:
    events = _events(
        "5月20日，县妇联联合本院少年家事审判庭在县妇联会议室举办“民法典与家庭”专题讲座，"
        "家事法官为80名妇女群众上了一堂法治课。"
    )
    assert [o for t, _, o in events if t == "lecture"] == [["县妇联", "少年家事审判庭"]]


def test_the_speaker_of_a_plan_joined_with_another_body_organizes_with_it() -> None:
    events = _events(
        "【本報訊】司法警察局昨日到海灣中學舉辦防騙講座。\n"
        "　　司警局表示，將於五月一日至三十一日推出「全民防騙月」，"
        "聯同治安警察局走入社區進行巡迴宣傳。"
    )
    assert [o for t, _, o in events if t == "publicity"] == [["司法警察局", "治安警察局"]]


def test_a_body_whose_counted_staff_go_out_joins_the_body_they_work_with() -> None:
    events = _events(
        "5月20日上午，临澜大学法学院法律诊所12名师生走进东湖街道阳光社区，"
        "联合阳光社区居委会开展“民法典进社区”公益法律咨询活动。"
    )
    assert [o for t, _, o in events if t == "consultation"] == [
        ["临澜大学法学院法律诊所", "阳光社区居委会"]
    ]


def test_a_body_that_first_issues_a_notice_does_not_lead_the_bodies_joined() -> None:
    events = _events("白河县司法局印发通知，联合县总工会在城东社区开展劳动法宣传活动。")
    assert [o for t, _, o in events if t == "publicity"] == [["县总工会"]]


def test_a_first_sentence_without_an_actor_is_held_by_the_body_of_the_headline() -> None:
    events = _events(
        "白河縣政府警察局東岸分局走進校園　反詐宣導從小扎根\n\n"
        "　　為提升學童辨識詐騙的能力，113年5月8日上午前往白河縣立東岸國民小學，"
        "為五、六年級學生舉辦反詐騙宣導講座，東岸國小師生約二百人參與。\n\n"
        "　　5月11日，白河縣政府警察局聯合白河縣政府教育處舉辦反詐騙知識競賽。"
    )
    assert ("lecture", "2024-05-08", ["白河县政府警察局东岸分局"]) in events


def test_a_kind_of_body_described_before_the_name_is_no_organization() -> None:
    a = parse(
        "作为一家扎根本地的综合性律师事务所，临澜市明衡律师事务所始终把公益普法作为社会责任。"
        "6月3日，我所律师走进枫林社区开展民法典讲座。"
    )
    names = [o.name for o in a.organizations]
    assert "综合性律师事务所" not in names
    assert "临澜市明衡律师事务所" in names


def test_a_session_of_a_series_of_talks_is_held_by_the_series_host_not_the_speaker() -> None:
    events = _events(
        "社區講座系列圓滿結束\n2024年5月20日\n\n"
        "　　由南灣民政事務處主辦、南灣區議會贊助的「法律知識齊分享」社區講座系列，"
        "日前圓滿結束。系列講座吸引逾三百名區內居民參加。\n\n"
        "　　首場講座於四月十三日在南灣社區會堂舉行，由消費者委員會代表主講網購陷阱。\n\n"
        "　　第二場講座於四月二十七日舉行，由法律援助署律師主講訂立遺囑須知。"
    )
    sessions = [(d, o) for t, d, o in events if t == "lecture" and d is not None]
    assert sessions == [("2024-04-13", ["南湾民政事务处"]), ("2024-04-27", ["南湾民政事务处"])]


def test_an_ner_span_opening_with_the_joining_verb_keeps_the_whole_name() -> None:
    events = _events(
        "10月12日，白沙海警局东礁工作站执法员走进东湾渔港，"
        "联合南港渔业专业合作社开展“护渔反诈”进渔港活动。"
    )
    assert events == [("publicity", "--10-12", ["白沙海警局东礁工作站", "南港渔业专业合作社"])]


def test_an_association_and_its_centre_after_a_place_are_one_name() -> None:
    a = parse("莲溪坊众互助会综合服务中心联同莲溪青年关怀会举办讲座。")
    assert "莲溪坊众互助会综合服务中心" in [o.name for o in a.organizations]


_WEEK = (
    "白河县司法局开展宪法宣传周活动\n2024-12-09 来源：白河县司法局\n\n"
    "　　12月1日至7日，白河县司法局组织开展2024年“宪法宣传周”活动。\n\n"
    "　　12月3日，县司法局联合县教育局在白河县第一中学举办宪法专题讲座，600余名师生参加。\n\n"
)


def test_a_campaign_week_framing_activities_inside_it_is_no_event_of_its_own() -> None:
    events = _events(_WEEK + "　　12月5日，县司法局在县城人民广场开展法律咨询活动。")
    assert [t for t, _, _ in events] == ["lecture", "consultation"]


def test_a_campaign_week_with_no_activity_inside_its_days_stays_an_event() -> None:
    a = parse(_WEEK.replace("12月3日，", "11月20日，"))
    spans = [(e.type.value, e.date, e.date_end) for e in a.events]
    assert ("publicity", "2024-12-01", "2024-12-07") in spans


def test_today_with_the_date_in_brackets_is_that_date_and_the_launch_its_first_day() -> None:
    a = parse(
        "「交通安全宣傳周」啟動\n2023-11-14 10:00\n\n"
        "　　由治安警察局主辦的「2023交通安全宣傳周」今日（十一月十三日）揭開序幕，"
        "為期一周至十一月十九日結束。啟動儀式上午十時在南灣廣場舉行，約二百名市民參與。"
    )
    spans = [(e.type.value, e.date, e.date_end) for e in a.events]
    assert ("publicity", "2023-11-13", "2023-11-19") in spans
    assert ("launch", "2023-11-13", None) in spans


def test_staff_calling_on_bodies_on_a_day_is_a_visit() -> None:
    events = _events(
        "法務局人員走訪大廈管理委員會\n2024-04-20\n\n"
        "　　此前，法務局人員於4月9日走訪雅湖區三個大廈管理委員會，向委員介紹租賃合同的書面要求。"
    )
    assert [(t, d) for t, d, _ in events] == [("visit", "2024-04-09")]


def test_a_planned_round_of_visits_is_no_event() -> None:
    assert _events("下一步，该局将继续走访辖区企业，宣传劳动法。") == []


def test_a_body_joined_after_a_short_form_and_before_a_dated_venue_organizes_too() -> None:
    events = _events(
        "6月27日訊　社會工作局（社工局）聯同北岸坊眾互助會，於國際禁毒日（6月26日）"
        "假北岸社區綜合服務中心舉行「無毒社區」嘉年華，吸引逾千名居民參與。"
    )
    assert [o for _, _, o in events] == [["社会工作局", "北岸坊众互助会"]]


def test_hosts_named_with_a_short_form_are_each_listed_once() -> None:
    events = _events(
        "【本報訊】由濠海青年法律人協會（青法會）主辦、濠海公民教育學會承辦的"
        "「第五屆中學生法律知識競賽」總決賽，昨（15）日下午假濠暉體育館舉行。"
    )
    assert [o for t, _, o in events if t == "competition"] == [
        ["濠海青年法律人协会", "濠海公民教育学会"]
    ]


def test_the_venue_marker_after_a_short_form_ending_in_xie_splits_the_venue_off() -> None:
    events = _events(
        "律政司與濠灣青年法律協會（青法協）合辦培訓計劃。\n\n"
        "　　七月二十日，青法協假濠灣大學法律學院舉辦模擬法庭比賽，學員分組擔任控辯雙方。"
    )
    assert [o for t, _, o in events if t == "competition"] == [["濠湾青年法律协会"]]


def test_the_body_that_leads_before_a_supporting_one_organizes() -> None:
    events = _events(
        "6月25日，白河县教育局牵头、县禁毒办配合，在全县中小学组织开展了禁毒知识网络竞赛。"
    )
    assert [o for _, _, o in events] == [["白河县教育局"]]


def test_a_bodys_staff_joined_with_another_body_leave_both_organizers() -> None:
    events = _events("6月25日，社工局人員聯同教育及青年發展局，到濠灣中學為中三學生主持禁毒講座。")
    assert [o for _, _, o in events] == [["社工局", "教育及青年发展局"]]


def test_our_bureau_is_the_bureau_named_later_not_its_partner() -> None:
    events = _events(
        "宪法宣传周期间，我局精心策划，推动宪法精神走进千家万户。\n"
        "12月5日，我局联合区教育局在白沙第二中学举办“宪法小卫士”知识竞赛。\n"
        "12月7日晚，白沙区司法局局长冯立走进区融媒体中心，以“宪法与你我同行”为题开展直播访谈。"
    )
    assert [o for t, _, o in events if t == "competition"] == [["白沙区司法局", "区教育局"]]


def test_the_police_district_as_a_bare_head_is_the_district_named_before() -> None:
    events = _events(
        "長者防騙月\n2024-03-25\n\n"
        "　　活動由警務處青灣警區主辦，青灣民政事務處協辦。\n\n"
        "　　三月九日上午，警區人員假安泰邨互助委員會會址舉辦防騙講座，約六十名長者出席。"
    )
    assert [o for t, _, o in events if t == "lecture"] == [["警务处青湾警区"]]


_SESSIONS = (
    "「法律進社區」系列講座圓滿結束\n2024-09-25\n\n"
    "　　法務局與南灣坊眾互助會合辦的「法律進社區」系列講座，一連三個星期六假該會會址舉行。\n\n"
    "　　首場講座於九月七日舉行，由恒達律師事務所律師主講遺囑及繼承的規定。\n\n"
)


def test_sessions_told_by_their_ordinal_alone_are_lectures_of_the_series() -> None:
    events = _events(
        _SESSIONS + "　　九月十四日的第二場，邀請社工講解家暴受害人可以尋求的支援服務。"
        "最後一場於九月二十一日舉行，由警員講解防騙知識。"
    )
    hosts = ["法务局", "南湾坊众互助会"]
    assert [(t, d, o) for t, d, o in events if d] == [
        ("lecture", "2024-09-07", hosts),
        ("lecture", "2024-09-14", hosts),
        ("lecture", "2024-09-21", hosts),
    ]


def test_a_count_of_sessions_is_no_session() -> None:
    events = _events(_SESSIONS + "　　三場講座合共吸引約二百四十人次參加。")
    assert [d for t, d, _ in events if t == "lecture" and d] == ["2024-09-07"]


def test_kinds_of_activity_a_campaign_lists_are_no_events_each() -> None:
    events = _events(
        "法治教育月由县政府主办、县政府法制处承办，5月2日至5月31日推出讲座、"
        "义务法律咨询及线上直播等活动。"
    )
    assert not {"lecture", "consultation", "livestream"} & {t for t, _, _ in events}


def test_a_single_lecture_with_its_own_activity_word_stays_an_event() -> None:
    events = _events("5月6日，白河县司法局在县演艺厅举办民法典专题讲座等活动。")
    assert "lecture" in [t for t, _, _ in events]


def test_a_launch_press_conference_and_its_photo_caption_are_one_launch() -> None:
    a = parse(
        "白岸縣法治教育月開跑\n2023/05/02 14:36\n\n"
        "　　白岸縣政府今（2）日上午於縣府大禮堂舉行「112年法治教育月」啟動記者會，"
        "現場約150名學生及家長參與。\n\n"
        "　　此外，白岸縣警察局少年警察隊也將於5月20日走訪轄內夜市攤商，宣導防制詐騙。\n\n"
        "▲白岸縣長與與會貴賓共同啟動法治教育月。（圖／白岸縣政府提供）"
    )
    spans = [(e.type.value, e.date) for e in a.events]
    assert spans.count(("launch", "2023-05-02")) == 1
    assert not any(t in ("meeting",) or (t == "launch" and d != "2023-05-02") for t, d in spans)


def test_a_campaign_that_runs_until_a_day_after_its_launch_has_that_period() -> None:
    a = parse(
        "2024-03-16 09:31 来源：白岭市市场监督管理局\n白岭市消费维权宣传月启动\n\n"
        "3月15日上午，由白岭市市场监督管理局主办的“提振消费信心”消费维权宣传月启动仪式"
        "在市民广场举行。宣传月活动将持续至4月15日，期间将陆续开展商圈宣传。"
    )
    spans = [(e.type.value, e.date, e.date_end) for e in a.events]
    assert ("launch", "2024-03-15", None) in spans
    assert ("publicity", "2024-03-15", "2024-04-15") in spans


def test_visits_told_as_a_total_are_no_visit() -> None:
    events = _events("6月5日，县应急管理局工作人员当天共走访企业9家，发放宣传册300余册。")
    assert "visit" not in [t for t, _, _ in events]


def test_the_venue_marker_opening_a_clause_is_no_part_of_the_venue() -> None:
    names = [
        o.name
        for o in parse(
            "嘉濱地檢署與嘉濱縣政府教育處合辦反毒知識競賽決賽，假溪寮國中活動中心舉行。"
        ).organizations
    ]
    assert not any(n.startswith("假") for n in names)


def test_a_body_that_prepares_a_lecture_is_named_without_the_verb() -> None:
    # an invented article of bench/holdout8, where the NER's span runs over the verb
    text = (Path(__file__).resolve().parents[1] / "bench/holdout8/h985.txt").read_text("utf-8")
    names = [o.name for o in parse(text).organizations]
    assert "锦朗街坊会" in names
    assert not any(n.endswith("筹办") for n in names)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("社工局人員到北灣長者日間護理中心探訪長者。", "北湾长者日间护理中心"),
        ("由南岸坊眾互助會耆康中心舉辦講座。", "南岸坊众互助会耆康中心"),
        ("青雲鄉農會與分局合辦講座。", "青云乡农会"),
        ("嘉恒慈善基金贊助本次活動。", "嘉恒慈善基金"),
        ("白州警备区联合开展宣传。", "白州警备区"),
        ("县安委会召开会议。", "县安委会"),
        ("晨星劇社演出話劇。", "晨星剧社"),
        ("白渡镇中心校举办讲座。", "白渡镇中心校"),
        ("白口鎮婦女之家舉辦講座。", "白口镇妇女之家"),
        ("青峰區中學校長會合辦比賽。", "青峰区中学校长会"),
        ("海昕長者服務中心舉辦講座。", "海昕长者服务中心"),
        ("晴川青少年服務中心舉辦講座。", "晴川青少年服务中心"),
        ("海晴家庭服务中心举办讲座。", "海晴家庭服务中心"),
    ],
)
def test_names_of_less_common_kinds_of_body_are_bodies(text: str, name: str) -> None:
    assert name in [o.name for o in parse(text).organizations]


@pytest.mark.parametrize(
    "text",
    [
        "3月15日，白岭市消费者权益保护委员会举办活动。市消保委还设置了体验区。",
        "6月1日，白阳市安全生产委员会办公室启动安全生产月。市安委办要求各地开展宣传。",
    ],
)
def test_a_level_short_form_of_a_committee_is_the_committee(text: str) -> None:
    assert len(parse(text).organizations) == 1


def test_a_bureau_and_its_branch_stay_two_bodies() -> None:
    assert len(parse("县公安局联合县公安分局开展活动。").organizations) == 2


def test_a_team_with_a_quoted_name_is_a_body_and_a_descriptive_one_is_not() -> None:
    text = "7月20日，律政司「和解先鋒」推廣隊在社區會堂舉辦調解工作坊。"
    assert "「和解先锋」推广队" in [o.name for o in parse(text).organizations]
    assert parse("6月1日，社区反诈宣传推广队走进广场开展宣传。").organizations == []


def test_the_body_speaking_of_the_activity_right_after_it_holds_it() -> None:
    events = _events(
        "另外，今年12月4日是國家憲法日，「憲法與基本法」座談會將於當日上午假青年活動中心舉行。"
        "法務局表示，座談會歡迎市民報名參加。"
    )
    assert [o for t, _, o in events if t == "meeting"] == [["法务局"]]


def test_a_volunteers_commendation_is_an_award_and_drug_day_dates_its_day() -> None:
    events = _events(
        "6月27日訊\n\n社工局表示，將於6月29日假東岸社區綜合服務中心舉行禁毒義工嘉許禮。\n\n"
        "禁毒日當天，司法警察局亦在南岸公園舉辦禁毒展覽，展出各類毒品樣本。"
    )
    assert [(t, d) for t, d, _ in events] == [("award", "--06-29"), ("exhibition", "--06-26")]


def test_sessions_of_a_series_named_in_their_own_sentence_are_lectures() -> None:
    events = _events(
        "大廈管理法律講座\n2024-08-30\n\n"
        "　　錦川民政事務處八月二十四日舉辦頒獎禮，表揚參與計劃的大廈。\n\n"
        "　　講座由錦川街坊會負責籌辦，首場於六月十五日舉行，邀請政府律師講解業主立案法團的責任；"
        "七月六日一場則由恒志律師事務所律師講解租務糾紛的處理方法。"
    )
    assert [(t, d) for t, d, _ in events if t == "lecture"] == [
        ("lecture", "2024-06-15"),
        ("lecture", "2024-07-06"),
    ]


def test_an_exhibition_on_a_named_day_runs_until_the_day_its_sentence_gives() -> None:
    a = parse(
        "2023年工作总结\n\n4月15日全民国家安全教育日当天，县司法局联合县委国安办在城东人民广场"
        "举办国家安全主题法治展览，展期至4月21日，展出展板36块。"
    )
    assert [(e.type.value, e.date, e.date_end) for e in a.events] == [
        ("exhibition", "2023-04-15", "2023-04-21")
    ]


def test_a_judge_invited_into_the_studio_is_a_livestream_of_the_inviter() -> None:
    events = _events(
        "10月20日晚，白川县司法局邀请县人民法院法官走进直播间，围绕土地承包纠纷在线答疑。"
    )
    assert events == [("livestream", "--10-20", ["白川县司法局"])]
