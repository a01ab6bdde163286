"""Number parsing for metrics: Arabic, Chinese (cn2an), multipliers, ranges, approx markers."""

import pytest

from fazhi_ie.values.numbers import combine_approx, parse, parse_value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("42", 42),
        ("1,234", 1234),
        ("12,345.5", 12345.5),
        ("3.5万", 35000),
        ("20.34万", 203400),
        ("2.2亿", 220000000),
        ("158.37万", 1583700),
        ("五千", 5000),
        ("六百", 600),
        ("两", 2),
        ("三十五", 35),
        ("一万二", 12000),
        ("千", 1000),
        ("5千", 5000),
        ("0.5", 0.5),
    ],
)
def test_parse_value(text, value):
    assert parse_value(text) == value
    assert type(parse_value(text)) is type(value)


def test_parse_value_rejects_non_numbers():
    assert parse_value("") is None
    assert parse_value("abc") is None
    assert parse_value("宪法") is None


@pytest.mark.parametrize(
    ("text", "value", "value_max", "approx"),
    [
        ("800", 800, None, "exact"),
        ("五千余", 5000, None, "more_than"),
        ("十多", 10, None, "more_than"),
        ("千余", 1000, None, "more_than"),
        ("12万余", 120000, None, "more_than"),
        ("30余万", 300000, None, "more_than"),
        ("499万余", 4990000, None, "more_than"),
        ("超过3000", 3000, None, "more_than"),
        ("超4", 4, None, "more_than"),
        ("逾百", 100, None, "more_than"),
        ("200以上", 200, None, "more_than"),
        ("约60", 60, None, "about"),
        ("近5万", 50000, None, "about"),
        ("100左右", 100, None, "about"),
        ("二十来", 20, None, "about"),
        ("近8600余", 8600, None, "about"),  # about wins
        ("近一百余", 100, None, "about"),
        ("近万", 10000, None, "about"),
        ("上千", 1000, None, "more_than"),
        ("不到20", 20, None, "less_than"),
        ("不足五十", 50, None, "less_than"),
        ("30以下", 30, None, "less_than"),
        ("3至5万", 30000, 50000, "exact"),
        ("3-5", 3, 5, "exact"),
        ("约2到3万", 20000, 30000, "about"),
        ("1.2万至1.5万", 12000, 15000, "exact"),
        ("500百余", 500, None, "more_than"),  # typo read as meant
        ("不少于300", 300, None, "more_than"),
        ("至少两千", 2000, None, "more_than"),
        ("不超过50", 50, None, "less_than"),
    ],
)
def test_parse_expression(text, value, value_max, approx):
    q = parse(text)
    assert q is not None
    assert (q.value, q.value_max, q.approx) == (value, value_max, approx)


def test_parse_rejects_reversed_range_and_garbage():
    assert parse("5至3") is None
    assert parse("法治") is None
    assert parse("") is None


def test_combine_approx_precedence():
    assert combine_approx([]) == "exact"
    assert combine_approx(["余"]) == "more_than"
    assert combine_approx(["约", "余"]) == "about"
    assert combine_approx(["不到", "余"]) == "less_than"


def test_module_doctests():
    import doctest

    from fazhi_ie.values import numbers

    assert doctest.testmod(numbers).failed == 0
