"""Title, source and publication date from header lines (sentences written for the tests)."""

from __future__ import annotations

import pytest

from fazhi_ie.text import Normalized, normalize

BODY = "青山县司法局联合县法院在文化广场开展普法宣传活动,向过往群众发放宣传资料,解答法律咨询。"


def spans_ok(n: Normalized) -> None:
    for span in (n.title_span, n.source_span, n.published_span):
        if span is not None:
            assert n.raw[span.start : span.end] == span.text


@pytest.mark.parametrize(
    "header, expected, span_text",
    [
        ("2019-12-05 18:53", "2019-12-05", "2019-12-05"),
        ("2019年12月5日 10:20", "2019-12-05", "2019年12月5日"),
        ("發布時間:2021-03-08", "2021-03-08", "2021-03-08"),
        ("发布日期：2022/12/16", "2022-12-16", "2022/12/16"),
        ("时间：2022-12-16", "2022-12-16", "2022-12-16"),
        ("來源：青山日報　發佈時間：2023年4月2日", "2023-04-02", "2023年4月2日"),
        ("更新时间：2020-05-02 发布时间：2020-05-01", "2020-05-01", "2020-05-01"),
        ("发布时间：15:30 2025-01-09", "2025-01-09", "2025-01-09"),
        ("作者：张三 2018-07-06T09:10:11", "2018-07-06", "2018-07-06"),
        ("08.11.2018  09:12", "2018-11-08", "08.11.2018"),
        ("【 2017-06-30 08:00:00 】 【 来源：青山法治网", "2017-06-30", "2017-06-30"),
        ("2021年3月8日 星期一", "2021-03-08", "2021年3月8日"),
        ("发布时间：二〇一九年十二月五日", "2019-12-05", "二〇一九年十二月五日"),
    ],
)
def test_header_date_forms(header, expected, span_text):
    raw = f"青山县开展普法宣传活动\n{header}\n{BODY}"
    n = normalize(raw)
    assert n.published == expected
    assert n.published_span is not None and n.published_span.text == span_text
    spans_ok(n)


def test_date_closing_the_title_line():
    n = normalize(f"青山县开展普法宣传活动 2024年05月06日\n{BODY}")
    assert n.published == "2024-05-06"
    assert n.title == "青山县开展普法宣传活动"
    spans_ok(n)


@pytest.mark.parametrize(
    "raw, expected",
    [
        (f"本报5月27日讯(记者 王小明)\n{BODY}", "--05-27"),
        (f"本报青山5月27日讯 {BODY}", "--05-27"),
        (f"新华社北京12月4日电 {BODY}", "--12-04"),
        (f"青山日报2020年6月1日讯 {BODY}", "2020-06-01"),
    ],
)
def test_datelines(raw, expected):
    n = normalize(raw)
    assert n.published == expected
    spans_ok(n)


@pytest.mark.parametrize(
    "raw",
    [
        # a crawl banner is not the publication date
        f"欢迎访问青山法治网,今天是2024年3月1日 星期五\n青山县开展普法宣传活动\n{BODY}",
        f"今天是 2024年3月1日 星期五\n{BODY}",
        # event dates in the body are not publication dates
        f"12月4日,{BODY}",
        f"2019年12月9日,{BODY}",
        f"青山县开展普法宣传活动\n2023年5月,{BODY}",
        f"本报讯(通讯员 赵军)8月29日,{BODY}",
        f"青山县开展普法宣传活动\n{BODY}\n活动时间:2020年12月4日 地点:文化广场",
        "",
    ],
)
def test_no_publication_date(raw):
    n = normalize(raw)
    assert n.published is None
    assert n.published_span is None


def test_title_ending_with_exclamation_and_bare_date_line():
    n = normalize(f"守护青少年健康成长,青山县检察院在行动!\n2021-06-01\n{BODY}")
    assert n.title == "守护青少年健康成长,青山县检察院在行动!"
    assert n.published == "2021-06-01"


def test_impossible_date_is_ignored():
    assert normalize(f"青山县开展普法宣传活动\n发布时间:2021-02-30\n{BODY}").published is None


def test_late_publication_label_is_used():
    raw = f"青山县开展普法宣传活动\n{BODY}\n{BODY}\n发布日期:2020-12-05 【打印】【关闭】"
    assert normalize(raw).published == "2020-12-05"


def test_header_date_wins_over_dateline():
    raw = f"青山县开展普法宣传活动\n发布时间:2020-05-28\n本报5月27日讯 {BODY}"
    assert normalize(raw).published == "2020-05-28"


# --- source ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw, source",
    [
        (f"青山县开展普法宣传活动\n来源：青山日报 作者：张三\n{BODY}", "青山日报"),
        (f"青山县开展普法宣传活动\n来源:青山日报作者:张三\n{BODY}", "青山日报"),
        (f"青山县开展普法宣传活动\n信息来源:青山新闻网 | 浏览次数:12\n{BODY}", "青山新闻网"),
        (f"青山县开展普法宣传活动\n稿源：澎湃新闻·政务\n{BODY}", "澎湃新闻·政务"),
        (f"青山法治网讯 3月2日,{BODY}", "青山法治网"),
        (f"(青山晚报 记者 王小明)3月2日,{BODY}", "青山晚报"),
        (f"本网讯 3月2日,{BODY}", None),
        (f"青山县开展普法宣传活动\n来源:本站\n{BODY}", None),
        (f"{BODY}\n来源:青山县公安局", None),  # a credit line at the end is not the outlet
    ],
)
def test_source(raw, source):
    n = normalize(raw)
    assert n.source == source
    spans_ok(n)


def test_source_is_simplified_and_span_is_raw():
    raw = f"青山縣開展普法宣傳活動\n來源:青山日報\n{BODY}"
    n = normalize(raw)
    assert n.source == "青山日报"
    assert n.source_span is not None and n.source_span.text == "青山日報"


# --- title ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw, title",
    [
        (f"青山县开展普法宣传活动\n{BODY}", "青山县开展普法宣传活动"),
        (
            f"登录\n分享到\n青山縣開展普法宣傳活動\n發布時間:2021-03-08\n{BODY}",
            "青山县开展普法宣传活动",
        ),
        (
            f"| 索引号: 0001/2024-01 | |\n| 标题: 青山县开展普法宣传活动 | |\n{BODY}",
            "青山县开展普法宣传活动",
        ),
        (f"WEEKLY NEWS\n法治周末\n{BODY}", "法治周末"),
        (f"{BODY}\n第二段", None),  # the first line is a body sentence
        (f"记者 王小明 摄\n{BODY}", None),
        (f"来源:青山日报\n{BODY}", None),
        (f"2021-03-08 10:00\n{BODY}", None),
    ],
)
def test_title(raw, title):
    n = normalize(raw)
    assert n.title == title
    spans_ok(n)


def test_title_span_maps_to_raw_traditional():
    raw = f"青山縣開展普法宣傳活動\n{BODY}"
    n = normalize(raw)
    assert n.title_span is not None
    assert n.title_span.text == "青山縣開展普法宣傳活動"
    assert (n.title_span.start, n.title_span.end) == (0, 11)


# --- publication date: second-round classes ---------------------------------------------
@pytest.mark.parametrize(
    "header, expected",
    [
        ("發佈時間:15/04/2019", "2019-04-15"),  # day first, as on Hong Kong and Macau sites
        ("發佈時間:03/05/2019", "2019-05-03"),
        ("發布日期:民國113年5月2日", "2024-05-02"),  # ROC year
        ("發布日期:113-05-02", "2024-05-02"),  # ROC year after a label
    ],
)
def test_regional_header_dates(header, expected):
    raw = f"白河縣舉辦法治講座\n{header}\n{BODY}"
    assert normalize(raw).published == expected


def test_bare_roc_numbers_need_a_label():
    assert normalize(f"白河县举办法治讲座\n编号 112-3-4\n{BODY}").published is None


def test_source_line_with_a_date_at_the_foot():
    raw = f"{BODY}\n{BODY}\n来源:青山日报 2017年3月22日"
    assert normalize(raw).published == "2017-03-22"


def test_time_label_of_an_event_block_is_not_publication():
    raw = (
        "时间:2022年6月8日15:00\n主题:青山县禁毒新闻发布会\n地点:县政府三楼会议室\n"
        f"主持人:县公安局副局长 李明远\n{BODY}"
    )
    assert normalize(raw).published is None


def test_date_line_that_continues_a_sentence_is_content():
    raw = f"你知道今天是什么日子吗\n2023年12月4日\n是第十个国家宪法日\n{BODY}"
    assert normalize(raw).published is None


def test_site_menu_does_not_use_up_the_header_zone():
    menu = "\n".join(f"• 青山新闻栏目{i}" for i in range(30))
    raw = f"{menu}\n白河县举办法治讲座\n2019-09-27 00:32\n{BODY}"
    assert normalize(raw).published == "2019-09-27"


def test_date_alone_under_the_title_after_an_early_body_line():
    raw = f"{BODY}\n白河县举办法治讲座\n2018/7/28\n{BODY}"
    assert normalize(raw).published == "2018-07-28"


@pytest.mark.parametrize(
    "raw, expected",
    [
        # a dateline after other words, outlet names joined by a middle dot
        (f"青山晚报·白河客户端6月26日讯(通讯员 李明远){BODY}", "--06-26"),
        # the year stated for the same period gives the dateline its year
        (f"青山网6月11日讯 6月10日,2021年青山县食品安全宣传周启动。{BODY}", "2021-06-11"),
        # 电 starting a word is no dateline
        (f"白河县举办法治讲座\n5月2日电视台播出了专题节目,{BODY}", None),
    ],
)
def test_dateline_classes(raw, expected):
    n = normalize(raw)
    assert n.published == expected
    spans_ok(n)
