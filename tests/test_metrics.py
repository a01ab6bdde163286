"""Metric recognition: units, approx, quantity classes, exclusions, records.

The sentences are written for these tests (not taken from the gold articles).
"""

import pytest

from fazhi_ie.components.metrics import MetricRecognizer, classify, find_metrics


def found(text):
    return [(c.value, c.value_max, c.unit, c.approx, c.quantity) for c in find_metrics(text)]


def one(text):
    got = found(text)
    assert len(got) == 1, got
    return got[0]


# --- values, units, approx -----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("活动中发放普法资料3000余份。", (3000, None, "份", "more_than", "materials")),
        ("共印制读本1.5万余册。", (15000, None, "册", "more_than", "materials")),
        ("现场摆放展板12块。", (12, None, "块", "exact", "materials")),
        ("共发放宣传材料近5万册(张)。", (50000, None, "册", "about", "materials")),
        ("接受群众咨询近九百余人次。", (900, None, "人次", "about", "consultations")),
        ("全年开展培训超800场(次)。", (800, None, "场次", "more_than", "activities")),
        ("全县举办法治讲座45场次。", (45, None, "场次", "exact", "activities")),
        ("为农民工追回欠薪36.8万元。", (368000, None, "元", "exact", "money")),
        ("受理法律援助案件1,268件。", (1268, None, "件", "exact", "cases")),
        ("调处矛盾纠纷约3至5百件。", (300, 500, "件", "about", "cases")),
        ("推送普法信息60余条。", (60, None, "条", "more_than", "publications")),
        ("短视频播放量达30万次。", (300000, None, "次", "exact", "views")),
        ("直播点赞数2.6万,", (26000, None, "", "exact", "views")),
        ("公众号粉丝量1.8万人。", (18000, None, "人", "exact", "audience")),
        ("受教育群众近30余万人。", (300000, None, "人", "about", "audience")),
        ("吸引了六百余名师生参加。", (600, None, "名", "more_than", "audience")),
        ("共有近百名群众到场。", (100, None, "名", "about", "audience")),
        ("组织20余名干警走进社区。", (20, None, "名", "more_than", "personnel")),
        ("出动执法人员56人次。", (56, None, "人次", "exact", "personnel")),
        ("培训人民调解员300余名。", (300, None, "名", "more_than", "audience")),
        ("全市新建法治文化阵地12个。", (12, None, "个", "exact", "institutions")),
        ("共有38家成员单位参与。", (38, None, "家", "exact", "institutions")),
        ("法律顾问已覆盖全县147个村。", (147, None, "个", "exact", "institutions")),
        ("上千份资料很快发放一空。", (1000, None, "份", "more_than", "materials")),
        ("现场发放宣传品100人左右。", (100, None, "人", "about", "audience")),
        ("发放宣传单800百余份。", (800, None, "份", "more_than", "materials")),
        ("本周开展巡回宣讲3-5场。", (3, 5, "场", "exact", "activities")),
        ("活动惠及群众2至3万人。", (20000, 30000, "人", "exact", "audience")),
        ("发放资料万余份。", (10000, None, "份", "more_than", "materials")),
        ("共有逾千人次在线观看。", (1000, None, "人次", "more_than", "views")),
        ("与企业签订协议20份。", (20, None, "份", "exact", "other")),
    ],
)
def test_metric_values_units_and_classes(text, expected):
    assert one(text) == expected


def test_money_recovered_is_a_metric_but_a_fraud_loss_is_not():
    got = found("张某被骗走4万元。民警为其挽回损失3.2万元。")
    assert got == [(32000, None, "元", "exact", "money")]


def test_police_work_counts_are_cases():
    got = found("共抓获犯罪嫌疑人26名,破获电诈案件31起。")
    assert [(g[0], g[4]) for g in got] == [(26, "cases"), (31, "cases")]


def test_audience_figure_of_a_livestream_is_views():
    assert one("直播在线观看人数超过3万人次。")[4] == "views"


def test_activity_cue_after_a_count_of_places_must_be_close():
    assert one("在全县22个村(社区)开展巡回宣讲。")[4] == "institutions"
    assert one("集中开展7项主题普法活动。")[4] == "activities"


def test_list_items_share_the_verb_and_class():
    got = found("此次共发放宣传手册2000份,环保袋300余个,3个展架。")
    assert [g[4] for g in got] == ["materials", "materials", "materials"]
    assert [g[0] for g in got] == [2000, 300, 3]


def test_enumeration_comma_keeps_the_verb():
    got = found("命名市级示范村15个、示范社区6个。")
    assert [(g[0], g[4]) for g in got] == [(15, "institutions"), (6, "institutions")]


def test_covered_villages_are_institutions_but_provinces_are_other():
    assert one("法律服务覆盖白河县9个乡镇。")[4] == "institutions"
    assert one("作品来自全国30余个省市。")[4] == "other"
    assert one("建成5个省级示范基地。")[4] == "institutions"


def test_small_chinese_count_of_communities_is_not_structural():
    assert one("青山街道下辖的五个社区开展了宣传。")[:3] == (5, None, "个")


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("有2万余位用户访问了答题页面。", "views"),
        ("为80余位居民提供了法律咨询。", "consultations"),
        ("36名调解员参加了培训。", "audience"),
        ("白河县法院发布了12个典型案例。", "cases"),
        ("现场悬挂横幅6处。", "materials"),
        ("向居民发放雨伞300把。", "materials"),
    ],
)
def test_quantity_cues(text, quantity):
    assert one(text)[4] == quantity


def test_approximate_teens_and_investment_in_a_facility():
    assert one("有十几间学校参加了比赛。")[:4] == (10, None, "间", "more_than")
    assert one("法治广场总投资60万元。")[:4] == (600000, None, "元", "exact")


# --- exclusions ------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "2023年12月4日上午9时30分,活动在广场举行。",
        "今年是第十个国家宪法日,也是第五届宪法宣传周。",
        "会议传达了党的二十届三中全会精神。",
        "扎实推进“八五”普法,服务“十四五”规划。",
        "群众可拨打12348法律服务热线,电话:0571-88886666。",
        "调解成功率达97.5%,满意度100%。",
        "重点抓好四个方面的工作,构建三级网络,围绕七个主题开展。",
        "平台设置法规查询等4个模块。",
        "一名法治副校长讲了一堂课。",
        "让法治走进千家万户,千方百计为百姓办实事。",
        "每个村平均配备调解员超过3名。",
        "纪念馆占地面积2000平方米,展厅高6米。",
        "学生年龄在12岁以下,比赛成绩88.02分。",
        "整改期限为3个月,增长2个百分点。",
        "印发了《防范电诈知识100问》。",
        "第16期培训班开班,庆祝建院70周年。",
        "“4·15”国家安全教育日,“6.26”国际禁毒日。",
        "一、提高站位;2、压实责任;(3)强化宣传。",
        "有4部门联合发文。",
        "数十名群众围观,几百人驻足。",
        "前三名获得奖励。",
        "出台20条措施,建立10项制度。",
        "更新于2020-07-19 08:05 浏览次数:318",
        "李某被骗取6万元,法院并处罚金3000元。",
        "民法典共7编、1260条。",
        "开设了进企业、进学校、进社区3个主题日。",
        "围绕禁毒日、消防日、交通日等三个主题日开展。",
        "这两部法律与群众密切相关。",
        "宪法历经5次修正。",
        "下一步,该局将继续开展宣讲30场。",
        "青山市律师协会力争与60个村签订协议。",
        "• 白河县近一周已发生地震12次",
    ],
)
def test_not_metrics(text):
    assert found(text) == []


def test_lists_of_counts_and_built_units_are_not_sums_of_an_enumeration():
    got = found("推荐微电影2部、短视频2部。")
    assert [g[0] for g in got] == [2, 2]
    assert one("组建法律、心理、调解三支服务队伍。")[:3] == (3, None, "支")


def test_a_batch_count_is_grouping_but_its_items_count():
    assert [g[0] for g in found("先后发布两批共计18个案例。")] == [18]
    assert one("先后发布第三批18个典型案例。")[0] == 18


def test_repeated_approximate_figure_is_one_fact():
    text = "共有120余名群众参加。\n活动结束后,120余名群众纷纷点赞。"
    assert len(found(text)) == 1


def test_repeated_exact_figures_are_kept():
    text = "我县普法工作成效明显\n建成调解室8个。\n推荐省级示范村8个。"
    assert [g[4] for g in found(text)] == ["institutions", "institutions"]


def test_headline_figure_repeated_in_the_body_is_one_fact():
    text = "我县开展36场普法宣讲\n今年以来,我县共开展普法宣讲36场。"
    assert len(found(text)) == 1


def test_classify_prefers_nearest_cue():
    assert classify("人次", "接受群众咨询", "")[0] == "consultations"
    assert classify("人次", "", "观看直播")[0] == "views"
    assert classify("元", "", "")[0] == "money"
    assert classify("辆", "", "") == (None, -1)


def test_candidates_have_exact_offsets():
    text = "活动现场共发放资料约2000份,解答咨询80余人次。"
    for c in find_metrics(text):
        assert text[c.start : c.end] in ("约2000份", "80余人次")


# --- the component and the records ---------------------------------------------------
def test_component_sets_spans(blank_zh):
    doc = blank_zh("发放资料200份,接待咨询50人次。")
    doc = MetricRecognizer()(doc)
    assert [s.label_ for s in doc.spans["metrics"]] == ["materials", "consultations"]


@pytest.mark.pipeline
def test_parse_builds_metric_records_with_raw_spans(nlp):
    from fazhi_ie import parse

    raw = "青山縣司法局開展普法宣傳,發放宣傳資料2萬餘份,受益群眾約3000人。"
    art = parse(raw, nlp=nlp)
    got = [(m.value, m.unit, m.approx.value, m.quantity.value) for m in art.metrics]
    assert got == [(20000, "份", "more_than", "materials"), (3000, "人", "about", "audience")]
    assert [m.id for m in art.metrics] == ["met-1", "met-2"]
    for m in art.metrics:
        assert art.text[m.span.start : m.span.end] == m.span.text
    assert art.metrics[0].span.text == "2萬餘份"
    assert art.metrics[0].subject == "宣传资料"
    if art.organizations:  # linked to the organization named before it in the sentence
        assert art.metrics[0].organization == art.organizations[0].id


def test_a_list_summed_with_deng_repeats_the_figure_already_given():
    text = "白河县法院发布第二批6个典型案例。包括甲某诉乙某合同纠纷案、丙某盗窃案等6个案例。"
    assert [g[0] for g in found(text)] == [6]
