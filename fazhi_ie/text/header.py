"""Title, source and publication date from an article's header lines.

Works on the CLEAN text (boilerplate lines, crawl banners and ``浏览量``
counters are already gone) and returns clean-text ranges; the caller maps
them to raw spans.

The header zone is the lines before the first body paragraph (at most
:data:`MAX_HEADER_LINES`). In it:

* **published** - a full date ``YYYY-MM-DD`` / ``YYYY年M月D日`` / ``YYYY/M/D`` /
  ``YYYY.M.D`` / ``DD.MM.YYYY`` / ``二〇一九年十二月五日`` that a header label
  announces (``发布时间:``, ``发布日期:``, ``时间:``, ``发文时间:``, ``date``), or
  that a clock time accompanies (``2019-12-05 18:53``, ``15:30 2025-12-03``), or
  that stands alone on a short line or at the end of the title line. A date
  that opens a body sentence (``12月4日,市民…``, ``2019年12月9日,…召开``) is not
  a publication date, nor is ``今天是…`` (a crawl banner). Without such a date,
  a dateline in the first paragraphs (``本报5月27日讯``, ``新华社北京12月4日电``)
  gives ``--05-27`` (or the full date when it names the year). Then a dated
  header line just after a zone that ended early, and as a last resort a date
  labelled ``发布时间:``/``发布日期:`` in the last lines.
* **source** - the value of ``来源:`` / ``稿源:`` / ``出处:`` / ``信息来源:`` (cut
  before the next ``作者:``-style label), else an outlet opening the first
  paragraph (``辽宁长安网讯``, ``山东法制传媒网:``, ``(河南经济报 记者…``).
* **title** - the first header line that reads like a headline: short, mostly
  Han, no sentence punctuation, not a label/date/byline/caption line
  (``标题:`` in a metadata table is used directly). None rather than a body
  sentence.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .steps import HAN

MAX_HEADER_LINES = 20
FOOTER_LINES = 10

Range = tuple[int, int]


@dataclass
class Header:
    title: str | None = None
    title_range: Range | None = None
    source: str | None = None
    source_range: Range | None = None
    published: str | None = None
    published_range: Range | None = None


# --- lines ---------------------------------------------------------------------------
_LINE = re.compile(r"[^\n]+")


def _lines(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _LINE.finditer(text)]


_HEADER_LABEL = re.compile(
    r"(?:来源|稿源|出处|作者|编辑|责编|责任编辑|发布|发表|时间|日期|浏览|点击|字号|记者|通讯员|供稿|审核)"
    r"\s*[:|]"
)


def _is_body(line: str) -> bool:
    """A paragraph of running text (ends the header zone)."""
    if len(line) < 50:
        if line.endswith(("。", "。”", "……")):
            return len(line) >= 15
        return line.endswith(("!", "?", "!”", "?”")) and len(line) >= 40
    if _HEADER_LABEL.search(line) and len(line) < 120:
        return False
    return bool(re.search(r"[。,;!?]", line))


# --- dates ---------------------------------------------------------------------------
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_CN_DIGIT["零"] = 0
_CN_DIGIT["○"] = 0


def _cn_number(s: str) -> int:
    """'十二' -> 12, '二十一' -> 21, '五' -> 5 (1-99)."""
    if "十" in s:
        a, _, b = s.partition("十")
        return (_CN_DIGIT.get(a, 1) if a else 1) * 10 + (_CN_DIGIT.get(b, 0) if b else 0)
    return _CN_DIGIT.get(s, 0)


_DATE = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d{2})\s*(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})"
    r"(?![\d])"
    r"|(?<!\d)(?P<y2>(?:19|20)\d{2})\s*年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*[日号]?(?!\d)"
    r"|(?<![\d.])(?P<d3>\d{1,2})\.(?P<m3>\d{1,2})\.(?P<y3>(?:19|20)\d{2})(?![\d.])"
    r"|(?P<y4>[〇零○一二三四五六七八九]{4})\s*年\s*(?P<m4>十[一二]?|[一二三四五六七八九])\s*月"
    r"\s*(?P<d4>[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])\s*日"
)
_TIME_AFTER = re.compile(r"(?:\s*|T)(?:\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}时\d{1,2}分)")
_TIME_BEFORE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?\s*$")
_LABEL_BEFORE = re.compile(  # bare 日期/时间 only as a label of its own, not 活动时间
    r"(?P<label>发布时间|发布日期|发布于|发布|发表时间|发表日期|发表于|发稿时间|发文时间|发文日期|"
    rf"刊发时间|出版日期|出版时间|上传时间|录入时间|更新时间|更新日期|(?<![{HAN}])(?:日期|时间)|"
    r"(?<![A-Za-z])(?:[Dd]ate|DATE|[Pp]ublished|[Pp]ublish(?:ed)? (?:[Dd]ate|[Tt]ime)|"
    r"[Pp]osted(?: on)?))"
    r"\s*[:|]?\s*(?:\d{1,2}:\d{2}(?::\d{2})?\s*)?$"
)
_LABEL_SCORE = (
    (re.compile(r"^(?:发布|发表|发稿|发文|刊发|出版|[Pp]ublish|[Pp]osted)"), 6),
    (re.compile(r"^(?:日期|时间|[Dd]ate|DATE)"), 5),
    (re.compile(r"^(?:上传|录入)"), 4),
    (re.compile(r"^更新"), 3),
)
_BANNER_BEFORE = re.compile(r"(?:今天是|今日是|今天|今日)\s*$")
_HEADER_AFTER = re.compile(
    r"^\s*(?:$|[|】\])/]|星期|周[一二三四五六日天]|(?:\S{1,6}\s*:)|来源|作者|编辑|记者|浏览|点击|字号|"
    r"责任编辑|责编|稿源|出处|供稿)"
)
_STANDALONE_BEFORE = re.compile(r"(?:^|[\s|【\[(])$")


def _date_value(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    try:
        if g["y"]:
            y, mo, d = int(g["y"]), int(g["m"]), int(g["d"])
        elif g["y2"]:
            y, mo, d = int(g["y2"]), int(g["m2"]), int(g["d2"])
        elif g["y3"]:
            y, mo, d = int(g["y3"]), int(g["m3"]), int(g["d3"])
        else:
            y = int("".join(str(_CN_DIGIT[c]) for c in g["y4"]))
            mo, d = _cn_number(g["m4"]), _cn_number(g["d4"])
    except (KeyError, ValueError):
        return None
    if not 1990 <= y <= 2100:
        return None
    try:
        return datetime.date(y, mo, d).isoformat()
    except ValueError:  # 2021-02-30
        return None


def _score_date(line: str, m: re.Match[str]) -> int:
    """How surely this date in a header line is the publication date (0: not)."""
    pre = line[max(0, m.start() - 24) : m.start()]
    if _BANNER_BEFORE.search(pre):
        return 0
    post = line[m.end() :]
    t = _TIME_AFTER.match(post)
    has_time = t is not None or _TIME_BEFORE.search(pre) is not None
    if t is not None:
        post = post[t.end() :]
    lab = _LABEL_BEFORE.search(pre)
    if lab is not None:
        for pat, score in _LABEL_SCORE:
            if pat.match(lab.group("label")):
                return score
    pre_bare = _TIME_BEFORE.sub("", pre)
    standalone = bool(_HEADER_AFTER.match(post)) and bool(_STANDALONE_BEFORE.search(pre_bare))
    if has_time and (standalone or post.strip() == ""):
        return 3
    if has_time and not re.match(r"\s*[,、。;]", post):
        return 2
    if standalone and len(line) <= 60:
        return 1
    return 0


_DATELINE = re.compile(
    rf"(?P<o>本报|本网|本台|本刊|新华社|中新社|[{HAN}]{{2,12}}?(?:社|网|报|台))"
    rf"[{HAN}]{{0,8}}?\s*(?:(?P<y>(?:19|20)\d{{2}})年)?(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日\s*(?:电|讯)"
)


# --- source ---------------------------------------------------------------------------
_SOURCE = re.compile(
    r"(?:信息来源|文章来源|新闻来源|稿件来源|来源|稿源|出处)\s*[:|]\s*"
    r"(?P<v>[^\s|】\]:]{2,40})"
)
_NOT_SOURCE = {"本站", "本网", "原创", "本站原创", "网络", "互联网", "未知", "转载", "综合", "网友"}
_SOURCE_TAIL = re.compile(r"(?:作者|责任编辑|责编|编辑|记者|发布|时间|日期|浏览).*$|[。,;、.]+$")
_OUTLET_OPENING = re.compile(
    rf"^[(【\[]?(?P<v>(?!本|据|记者|从|在)[{HAN}]{{2,12}}?(?:网|报|电视台|广播电视台|新闻|社))(?:讯|消息|:|\s)"
)


# --- title ------------------------------------------------------------------------------
_HAN_CHAR = re.compile(f"[{HAN}]")
_EMPTY_LABEL = re.compile(rf"[{HAN}]{{2,6}}\s*:\s*(?:\||$)|\|.*:|:.*\|")
_TITLE_LABEL = re.compile(r"(?:^|\|)\s*(?:标题|题目|文章标题)\s*:\s*(?P<v>[^|]+?)\s*(?:\||$)")
_NOT_TITLE = re.compile(
    r"^[(【\[]?(?:记者|通讯员|作者|编辑|责任编辑|责编|摄影|摄|文|图)\s*[/ ]|"
    r"^(?:[(【\[]?(?:本报|本网|本台|本刊)|[(【\[]?(?:记者|通讯员|作者|编辑|责任编辑|责编|来源|稿源|出处|"
    r"发布|发表|时间|日期|浏览|编者按|按语|摘要|导读|关键词|索引号|发文|主题|分类|审核)\s*[:|])"
    r"|(?:摄|供图|摄影|图)$|^——|^--"
)


def _title_of(line: str) -> tuple[int, int] | None:
    """Range of the title within a header line, or None if it is no title."""
    s, e = 0, len(line)
    # a date (and time) closing the title line: '标题 2025年05月08日'
    for dm in _DATE.finditer(line):
        tail = line[dm.end() :]
        t = _TIME_AFTER.match(tail)
        if t is not None:
            tail = tail[t.end() :]
        if not tail.strip() and dm.start() > 0:
            e = dm.start()
            break
    while s < e and line[s] in " |":
        s += 1
    while e > s and line[e - 1] in " |":
        e -= 1
    body = line[s:e]
    if not 4 <= len(body) <= 64:
        return None
    n_han = len(_HAN_CHAR.findall(body))
    if n_han < 4 or n_han / len(body) < 0.4:
        return None
    if _NOT_TITLE.search(body) or "。" in body or body[-1] in ",;:、":
        return None
    if body.count(":") >= 2 or _EMPTY_LABEL.search(body):  # a metadata row
        return None
    return s, e


# --- main --------------------------------------------------------------------------------
EARLY_LINES = 10
"""In the first lines, a date with a clock time or a label on a short line, or one labelled
发布时间/发布日期 on any line, counts even after the header zone has ended."""

STRONG = 6
"""Score of a date labelled as the publication date (发布/发表/发稿/发文/刊发/出版)."""


def _best_date(
    lines: list[tuple[int, str]], min_score: int = 1
) -> tuple[int, int, int, str] | None:
    best: tuple[int, int, int, str] | None = None  # (-score, start, end, value)
    for pos, line in lines:
        for m in _DATE.finditer(line):
            value = _date_value(m)
            if value is None:
                continue
            score = _score_date(line, m)
            if score < min_score:
                continue
            cand = (-score, pos + m.start(), pos + m.end(), value)
            if best is None or cand[:2] < best[:2]:
                best = cand
    return best


def find_header(text: str) -> Header:
    """Title, source and publication date of a clean article text."""
    h = Header()
    lines = _lines(text)
    zone: list[tuple[int, str]] = []
    body: list[tuple[int, str]] = []
    for i, (pos, line) in enumerate(lines):
        if i >= MAX_HEADER_LINES or _is_body(line):
            body = lines[i : i + 3]
            break
        zone.append((pos, line))

    dateline = None
    for pos, line in zone + body[:3]:
        dm = _DATELINE.search(line[:60])
        if dm is not None and dm.start() <= 8:
            dateline = (pos, dm)
            break

    # published: header zone, then a dateline, then a 发布时间 label early or late
    best = _best_date(zone)
    if best is None and dateline is not None:
        pos, dm = dateline
        mo, d = int(dm.group("m")), int(dm.group("d"))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            y = dm.group("y")
            value = f"{y}-{mo:02d}-{d:02d}" if y else f"--{mo:02d}-{d:02d}"
            best = (0, pos + dm.start("o"), pos + dm.end(), value)
    if best is None:  # the zone ended early (a long title?): short lines just after it
        early = lines[len(zone) : EARLY_LINES]
        best = _best_date([x for x in early if not _is_body(x[1])], 3)
        if best is None:
            best = _best_date(early, STRONG)
    if best is None and len(lines) > max(len(zone), EARLY_LINES):
        best = _best_date(lines[max(len(zone), EARLY_LINES, len(lines) - FOOTER_LINES) :], STRONG)
    if best is not None:
        h.published = best[3]
        h.published_range = (best[1], best[2])

    # source: a 来源: label in the header, else the outlet opening the first paragraph
    for pos, line in zone:
        for m in _SOURCE.finditer(line):
            v = m.group("v")
            cut = _SOURCE_TAIL.search(v)
            if cut is not None:
                v = v[: cut.start()]
            if len(v) >= 2 and v not in _NOT_SOURCE:
                h.source = v
                h.source_range = (pos + m.start("v"), pos + m.start("v") + len(v))
                break
        if h.source is not None:
            break
    if h.source is None:
        for pos, line in (zone + body)[:4]:
            m = _OUTLET_OPENING.match(line)
            if m is not None and m.group("v") not in _NOT_SOURCE:
                h.source = m.group("v")
                h.source_range = (pos + m.start("v"), pos + m.end("v"))
                break
    if h.source is None and dateline is not None:
        pos, dm = dateline
        if not dm.group("o").startswith("本"):
            h.source = dm.group("o")
            h.source_range = (pos + dm.start("o"), pos + dm.end("o"))

    # title: a labelled one ('标题:' in a metadata table) first
    for pos, line in zone:
        m = _TITLE_LABEL.search(line)
        if m is not None:
            h.title = m.group("v")
            h.title_range = (pos + m.start("v"), pos + m.end("v"))
            return h
    for pos, line in zone:
        r = _title_of(line)
        if r is not None:
            h.title = line[r[0] : r[1]]
            h.title_range = (pos + r[0], pos + r[1])
            break
    return h
