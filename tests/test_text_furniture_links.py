"""Page furniture that names bodies and people without being the article: titles of
linked pages cut short with '...' and betting-site titles injected into hacked pages.
Lines of the article that look alike stay."""

from __future__ import annotations

import pytest

from fazhi_ie.text import normalize

ARTICLE = "12月4日，青石县司法局在城东广场开展宪法宣传活动。"


@pytest.mark.parametrize(
    "line",
    [
        "(来源:小林)星河电子新品发布会丨直播回顾...",
        "展会快讯 | 某某新品发布…",
        "金沙娱乐城_某某博彩公司-投注官网",
        "某某体育在线(中国)官方网站-登录入口",
    ],
)
def test_a_furniture_line_is_dropped_with_what_it_names(line: str) -> None:
    clean = normalize(f"{line}\n{ARTICLE}").text
    assert clean == normalize(ARTICLE).text


@pytest.mark.parametrize(
    "line",
    [
        "他说：“大家要学法、懂法、守法……”",
        "本次活动累计发放宣传册1200余份……",
        "远离网络赌博，不登录境外博彩网站，不下载投注软件。",
        "民警提醒：博彩网站官网多为诈骗陷阱",
        "切勿点击“某某娱乐城-官网”等链接",
    ],
)
def test_lines_of_the_article_that_look_alike_stay(line: str) -> None:
    kept = normalize(line).text
    assert kept and normalize(f"{ARTICLE}\n{line}").text.endswith(kept)
