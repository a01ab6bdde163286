"""Date expressions resolved against a base date (sentences invented for the tests)."""

from __future__ import annotations

import pytest

from fazhi_ie.values.dates import article_year, cn_number, find_dates


def dates(text: str, published: str | None = None) -> list[tuple[str, str | None, str | None]]:
    return [(d.text, d.date, d.date_end) for d in find_dates(text, published)]


def test_month_day_takes_the_base_year() -> None:
    assert dates("3月8日上午,某区妇联举办讲座。", "2022-03-10") == [("3月8日", "2022-03-08", None)]


def test_full_date() -> None:
    assert dates("2021年6月5日,某镇召开会议。") == [("2021年6月5日", "2021-06-05", None)]


def test_date_long_after_the_base_is_last_year() -> None:
    assert dates("12月30日,某局开展活动。", "2023-01-04") == [("12月30日", "2022-12-30", None)]


def test_this_year_month() -> None:
    assert dates("今年9月,某县启动活动。", "2021-11-02") == [("今年9月", "2021-09", None)]


@pytest.mark.parametrize(
    ("word", "expected"), [("昨日", "2024-03-14"), ("今天", "2024-03-15"), ("前天", "2024-03-13")]
)
def test_relative_days(word: str, expected: str) -> None:
    assert dates(f"{word},某所开展普法宣传。", "2024-03-15") == [(word, expected, None)]


def test_same_day_refers_to_the_last_date() -> None:
    found = find_dates("9月9日是活动日,当天,某院举办开放日。", "2020-09-20")
    assert [(d.text, d.date) for d in found] == [("9月9日", "2020-09-09"), ("当天", "2020-09-09")]


def test_vague_is_unresolved_but_kept() -> None:
    (d,) = find_dates("日前,某街道开展宣传。", "2024-05-01")
    assert (d.text, d.date, d.resolved) == ("日前", None, False)


def test_range() -> None:
    assert dates("10月28日至11月3日,某市开展集中宣传。", "2021-11-05") == [
        ("10月28日至11月3日", "2021-10-28", "2021-11-03")
    ]


def test_range_with_day_only_end() -> None:
    assert dates("5月6日-9日,某局举办培训。", "2019-05-20") == [
        ("5月6日-9日", "2019-05-06", "2019-05-09")
    ]


def test_ordinal_of_a_recurring_day_gives_the_year() -> None:
    assert dates("迎来第五个国家宪法日。") == [("第五个国家宪法日", "2018-12-04", None)]
    assert dates("迎来第30个国际禁毒日。") == [("第30个国际禁毒日", "2017-06-26", None)]
    assert dates("首个全民国家安全教育日。") == [("首个全民国家安全教育日", "2016-04-15", None)]


def test_recurring_week_is_a_range_and_a_stated_range_wins() -> None:
    assert dates("第二个宪法宣传周到来。") == [("第二个宪法宣传周", "2019-12-01", "2019-12-07")]
    found = dates("11月29日至12月5日是第四个宪法宣传周。宪法宣传周期间,某局开展活动。")
    assert found[-1] == ("宪法宣传周", "2021-11-29", "2021-12-05")


def test_recurring_month() -> None:
    assert dates("第二个民法典宣传月。") == [("第二个民法典宣传月", "2022-05", None)]


def test_partial_date_without_any_year() -> None:
    assert dates("7月2日上午,某法院举办活动。") == [("7月2日", "--07-02", None)]


def test_year_from_the_text_when_no_base() -> None:
    text = "第六个国家宪法日前夕,12月3日,某局开展宣传。"
    assert article_year(text) == 2019
    assert ("12月3日", "2019-12-03", None) in dates(text)


def test_counts_are_never_years() -> None:
    assert dates("发放资料2000余份,接待群众1500人次。") == []
    assert article_year("发放资料2000余份。") is None


def test_a_starting_year_is_not_the_article_year() -> None:
    assert article_year("2020年以来,某局坚持开展普法。8月3日举办讲座。") is None


def test_bare_month_needs_a_time_reading() -> None:
    assert dates("项目历时3月时完成。", "2020-10-01") == []


def test_cn_number() -> None:
    assert [cn_number(s) for s in ("七", "十一", "三十五", "36", "首")] == [7, 11, 35, 36, 1]


def test_day_in_brackets_after_a_relative_word() -> None:
    found = dates("12月3日是某日,活动昨天(1日)启动。")
    assert ("昨天(1日)", "--12-01", None) in found


def test_anniversary_fixes_the_year() -> None:
    assert article_year("为庆祝新中国成立70周年,5月10日举办活动。") == 2019


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("民国113年5月2日,白河分局举办讲座。", ("民国113年5月2日", "2024-05-02", None)),
        ("112年09月03号白河国中举办反毒活动。", ("112年09月03号", "2023-09-03", None)),
    ],
)
def test_roc_years(text: str, expected: tuple[str, str, None]) -> None:
    assert dates(text) == [expected]
    assert article_year("民国112年,白河分局持续宣导反诈。") == 2023


def test_party_anniversary_fixes_the_year() -> None:
    assert article_year("为庆祝党成立一百周年,青山县举办知识竞赛。4月9日颁奖。") == 2021
    assert ("4月9日", "2021-04-09", None) in dates("庆祝中国共产党成立100周年,4月9日颁奖。")
    assert article_year("今年是总体国家安全观提出十周年。") == 2024


def test_law_anniversary_gives_no_year() -> None:
    assert article_year("青山县纪念某条例实施十周年,4月9日举办座谈会。") is None


def test_first_after_something_is_no_first_ever() -> None:
    text = "今年是白河条例生效后的首个全民国家安全教育日,4月15日举办活动。"
    assert article_year(text) is None
    assert article_year("第九个全民国家安全教育日到来。") == 2024


def test_named_day_by_its_date() -> None:
    assert dates("青山县开展“4·15”宣传。", "2022-04-20")[0][1:] == ("2022-04-15", None)
    assert dates("青山县开展4·15宣传。")[0][1:] == ("--04-15", None)
    assert dates("围绕“12.4”主题开展宣传。", "2021-12-06")[0][1:] == ("2021-12-04", None)
    assert dates("增长了4.15万元。", "2021-12-06") == []


def test_day_number_between_ordinal_and_name() -> None:
    assert dates("第十个122“全国交通安全日”到来。") == [
        ("第十个122“全国交通安全日”", "2021-12-02", None)
    ]
    assert article_year("今年6月26日是第36个“6·26”国际禁毒日。") == 2023


def test_water_week_is_a_range() -> None:
    assert dates("第二十九届中国水周。") == [("第二十九届中国水周", "2016-03-22", "2016-03-28")]


def test_next_month_from_the_base() -> None:
    assert dates("讲座将于下月举行。", "2019-12-27") == [("下月", "2020-01", None)]


def test_a_year_also_stated_as_a_starting_point_is_not_the_article_year() -> None:
    text = "2022年以来,青山县检察院开展讲座60余次。2022年举办的一堂直播课影响广泛。6月1日颁奖。"
    assert article_year(text) is None
    assert ("6月1日", "--06-01", None) in dates(text)


def test_bare_day_after_a_subject_is_read_in_the_base_month() -> None:
    found = find_dates("某局局长21日表示,将于下周举行。某院于25日上午举行活动。", "2024-04-22")
    days = [(d.text, d.date) for d in found if d.kind == "date"]
    assert ("21日", "2024-04-21") in days
    # later than the base day: the month before
    assert ("25日", "2024-03-25") in days


@pytest.mark.parametrize(
    "text", ["办理期限为30日内。", "每月5日开放。", "第3日起。", "前5日内完成。"]
)
def test_bare_day_is_no_duration_or_recurrence(text: str) -> None:
    assert [d for d in find_dates(text, "2024-04-22") if d.kind == "date"] == []


def test_a_closed_day_followed_by_a_clock_time_is_a_date() -> None:
    found = find_dates("时间:2023年5月12日9:30\n地点:青山市档案馆", "2023-05-20")
    assert [(d.text, d.date) for d in found] == [("2023年5月12日", "2023-05-12")]


def test_a_closed_day_followed_by_other_digits_is_still_no_date() -> None:
    assert find_dates("编号2023年5月12日1号", "2023-05-20") == []


def test_relative_month_with_a_day() -> None:
    from fazhi_ie.values.dates import find_dates

    text = "上月3日，某局开展活动；本月，又开展"
    found = [(d.text, d.date) for d in find_dates(text, "2024-05-12")]
    assert found == [("上月3日", "2024-04-03"), ("本月", "2024-05")]
