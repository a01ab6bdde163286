"""The shared text primitives: one definition each, read from data where they are words."""

from __future__ import annotations

import re

import pytest

from fazhi_ie import records
from fazhi_ie.text import primitives as p
from fazhi_ie.text import steps
from fazhi_ie.values import dates, numbers


def test_partial_date_is_the_records_one():
    assert p.PARTIAL_DATE_RE is records.PARTIAL_DATE_RE
    for ok in ("2023-12-04", "2023-12", "--12-04"):
        assert p.PARTIAL_DATE_RE.match(ok)
    for bad in ("2023", "12-04", "2023-1-4", "--12"):
        assert not p.PARTIAL_DATE_RE.match(bad)
    assert re.fullmatch(rf"from {p.PARTIAL_DATE}", "from 2023-12")


def test_one_han_class():
    assert steps.HAN is p.HAN
    assert p.is_han("青山县") and not p.is_han("青山 县") and not p.is_han("")


def test_chinese_digits():
    assert [p.CN_DIGIT_VALUE[c] for c in p.CN_DIGITS] == list(range(10))
    assert p.CN_DIGIT_VALUE["零"] == p.CN_DIGIT_VALUE["○"] == 0
    assert p.CN_UNITS["万"] == 10_000 and p.CN_UNITS["亿"] == 100_000_000
    # numbers.CN_DIGITS: the numeral characters without the circle
    assert "○" not in numbers.CN_DIGITS and set(numbers.CN_DIGITS) == set(p.CN_NUMERAL) - {"○"}


@pytest.mark.parametrize(
    "text, value",
    [("五", 5), ("十", 10), ("十二", 12), ("二十", 20), ("三十一", 31), ("一百二十", 120), ("", 0)],
)
def test_cn_int(text, value):
    assert p.cn_int(text) == value


def test_cn_int_digit_sets():
    assert p.cn_int("两百") is None  # 两 is no digit by default
    assert p.cn_int("两百", {"两": 2}) == 200
    # dates.cn_number: 两 counts, the circle does not, 首 is one
    assert dates.cn_number("两") == 2
    assert dates.cn_number("○") is None
    assert dates.cn_number("首") == 1


def test_fill_and_data_regex():
    assert p.fill("[{HAN}]{2,4}{X}{Y}", X="a") == f"[{p.HAN}]{{2,4}}a{{Y}}"
    # a part is inserted once: its own braces are not filled again
    assert p.fill("{A}", A="{HAN}") == "{HAN}"
    rx = p.data_regex(["[{HAN}]{2}", "(?P<n>{N})"], N=r"\d+")
    m = rx.match("青山12")
    assert m is not None and m["n"] == "12"
