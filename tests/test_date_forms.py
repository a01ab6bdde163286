"""Date forms: stated lengths (values.durations), Chinese-numeral months (values.dates)."""

from __future__ import annotations

import pytest

from fazhi_ie.values.durations import period_end, stated_days


@pytest.mark.parametrize(
    ("text", "days"),
    [("为期3天的培训", 3), ("活动共持续四天", 4), ("为期两周的宣传", 14), ("历时十天", 10)],
)
def test_stated_days(text: str, days: int):
    assert stated_days(text) == days


@pytest.mark.parametrize("text", ["持续1天", "持续开展宣传", "为期一年的专项行动", "为期100天"])
def test_no_period_of_days(text: str):
    assert stated_days(text) is None


def test_period_end_keeps_the_form_of_the_start():
    assert period_end("--06-17", 4) == "--06-20"
    assert period_end("2024-02-27", 3) == "2024-02-29"
    assert period_end("2023-12-30", 5) == "2024-01-03"
    assert period_end("--12-30", 5) is None
    assert period_end("2024-05", 3) is None


@pytest.mark.parametrize(
    ("text", "date", "end"),
    [
        ("四月，某局开展活动", "2023-04", None),
        ("今年三月份开展宣传", "2023-03", None),
        ("2023年十二月四日举行", "2023-12-04", None),
        ("十一月三十日至十二月七日开展", "2022-11-30", "2022-12-07"),
    ],
)
def test_months_and_days_in_chinese_numerals(text: str, date: str, end: str | None):
    from fazhi_ie.values.dates import find_dates

    found = find_dates(text, "2023-05-10")
    assert (found[0].date, found[0].date_end) == (date, end)


@pytest.mark.parametrize("text", ["壮族三月三活动", "每月一次", "同一月内"])
def test_chinese_numerals_near_a_month_word_that_are_no_date(text: str):
    from fazhi_ie.values.dates import find_dates

    assert find_dates(text, "2023-05-10") == []


@pytest.mark.pipeline
def test_a_header_date_above_a_campaign_name_does_not_date_the_campaign():
    from fazhi_ie import parse

    a = parse("发布时间：2023-05-20\n民法典宣传月期间，白河县司法局举办了专题讲座。")
    assert [(e.date, e.date_end) for e in a.events] == [("2023-05", None)]
