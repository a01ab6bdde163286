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
  paragraph (``青山法治网讯``, ``青山日报:``, ``(青山晚报 记者…``).
* **title** - the first header line that reads like a headline: short, mostly
  Han, no sentence punctuation, not a label/date/byline/caption line
  (``标题:`` in a metadata table is used directly). None rather than a body
  sentence.

The words and patterns are data: ``fazhi_ie/data/header_patterns.json``.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from ..resources import load_json
from ..values.dates import stated_year
from .primitives import CN_DIGIT_VALUE, HAN, cn_int, data_regex

MAX_HEADER_LINES = 20
FOOTER_LINES = 10
#: A Taiwan ROC year plus this is the year AD (民国113年 = 2024).
ROC_OFFSET = 1911

Range = tuple[int, int]


@dataclass
class Header:
    title: str | None = None
    title_range: Range | None = None
    source: str | None = None
    source_range: Range | None = None
    published: str | None = None
    published_range: Range | None = None


_P = load_json("header_patterns.json")

# --- lines ---------------------------------------------------------------------------
_LINE = re.compile(r"[^\n]+")


def _lines(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _LINE.finditer(text)]


_HEADER_LABEL = re.compile(rf"(?:{'|'.join(_P['header_labels'])})\s*[:|]")


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
_DATE = data_regex(_P["date"])
_TIME_AFTER = data_regex(_P["time_after"])
_TIME_BEFORE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?\s*$")
_LABEL_BEFORE = data_regex(_P["published_label"])
_LABEL_SCORE = tuple((data_regex(pat), int(score)) for pat, score in _P["label_scores"])
_BANNER_BEFORE = data_regex(_P["banner_before"])
_SOURCE_BEFORE = data_regex(_P["source_before"])
_EVENT_LABEL = data_regex(_P["event_labels"])
_CONTINUES = data_regex(_P["continues_after"])
_MENU_LINE = data_regex(_P["menu_line"])
_HEADER_AFTER = data_regex(_P["header_after"])
_RELEASE_FOOTER = data_regex(_P["release_footer"])
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
            if mo > 12 >= d:  # 7/28/2018: month first after all
                mo, d = d, mo
        elif g["y5"]:
            y, mo, d = int(g["y5"]) + ROC_OFFSET, int(g["m5"]), int(g["d5"])
        elif g["y6"]:
            y, mo, d = int(g["y6"]) + ROC_OFFSET, int(g["m6"]), int(g["d6"])
        elif g["y7"]:
            y, mo, d = int(g["y7"]) + ROC_OFFSET, int(g["m7"]), int(g["d7"])
        else:  # 二〇一九年十二月五日, or an ROC year: 中华民国一一三年八月二十三日 (y8)
            k = "8" if g["y8"] else "4"
            y = int("".join(str(CN_DIGIT_VALUE[c]) for c in g["y" + k]))
            y += ROC_OFFSET if k == "8" else 0
            m, day = cn_int(g["m" + k]), cn_int(g["d" + k])
            if m is None or day is None:  # not with the pattern's numerals
                return None
            mo, d = m, day
    except (KeyError, ValueError):
        return None
    if not 1990 <= y <= 2100:
        return None
    try:
        return datetime.date(y, mo, d).isoformat()
    except ValueError:  # 2021-02-30
        return None


def _score_date(line: str, m: re.Match[str], event_block: bool = False) -> int:
    """How surely this date in a header line is the publication date (0: not).

    ``event_block``: the line stands beside an event's own metadata (地点:, 主题:),
    so a bare 时间/日期 label or a clock time dates the event.
    """
    pre = line[max(0, m.start() - 40) : m.start()]
    if _BANNER_BEFORE.search(pre):
        return 0
    if _SOURCE_BEFORE.search(pre):
        return STRONG
    pre = pre[-24:]
    post = line[m.end() :]
    t = _TIME_AFTER.match(post)
    has_time = t is not None or _TIME_BEFORE.search(pre) is not None
    if t is not None:
        post = post[t.end() :]
    lab = _LABEL_BEFORE.search(pre)
    if lab is not None:
        for pat, score in _LABEL_SCORE:
            if pat.match(lab.group("label")):
                return 0 if event_block and score < STRONG else score
    if m.group("y6") or m.group("y7") or event_block:  # 113-05-02 only with a label
        return 0
    pre_bare = _TIME_BEFORE.sub("", pre)
    standalone = bool(_HEADER_AFTER.match(post)) and bool(_STANDALONE_BEFORE.search(pre_bare))
    if has_time and (standalone or post.strip() == ""):
        return 3
    if has_time and not re.match(r"\s*[,、。;]", post):
        return 2
    if standalone and len(line) <= 60:
        return 1
    return 0


_DATELINE = data_regex(_P["dateline"])
#: A dateline counts anywhere in the first this many characters of its line.
DATELINE_REACH = 120


def _stated_year(text: str) -> int | None:
    """The year the text states for its own time, for a dateline without one (a
    stated year only: an ordinal day's year dates events, not the dateline)."""
    return stated_year(text)


_OWN_OUTLET: str = _P["own_outlet"]  # 本报, 本网: the article's own paper


# --- source ---------------------------------------------------------------------------
_SOURCE = data_regex(_P["source_label"])
_NOT_SOURCE = frozenset(_P["not_source"])
_SOURCE_TAIL = data_regex(_P["source_tail"])
_OUTLET_OPENING = data_regex(_P["outlet_opening"])


# --- title ------------------------------------------------------------------------------
_HAN_CHAR = re.compile(f"[{HAN}]")
_EMPTY_LABEL = re.compile(rf"[{HAN}]{{2,6}}\s*:\s*(?:\||$)|\|.*:|:.*\|")
_TITLE_LABEL = data_regex(_P["title_label"])
_NOT_TITLE = data_regex(_P["not_title"])


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
#: In the first lines, a date with a clock time or a label on a short line, or one labelled
#: 发布时间/发布日期 on any line, counts even after the header zone has ended.
EARLY_LINES = 10

#: Score of a date labelled as the publication date (发布/发表/发稿/发文/刊发/出版).
STRONG = 6


#: A bare 时间: label this many lines from an event label (地点:, 主题:) dates the event.
EVENT_BLOCK_LINES = 3


def _date_line(line: str, m: re.Match[str]) -> bool:
    """Is the line the date alone (with a clock time or a weekday)?"""
    post = line[m.end() :]
    t = _TIME_AFTER.match(post)
    if t is not None:
        post = post[t.end() :]
    return not line[: m.start()].strip(" |【[(") and bool(_HEADER_AFTER.match(post))


def _best_date(
    lines: list[tuple[int, str]], min_score: int = 1, alone_after_title: bool = False
) -> tuple[int, int, int, str] | None:
    """The surest publication date in ``lines`` (score at least ``min_score``).

    ``alone_after_title``: a date alone on the line after a title counts whatever its
    score (``2018/7/28`` under the headline).
    """
    best: tuple[int, int, int, str] | None = None  # (-score, start, end, value)
    events = [i for i, (_, line) in enumerate(lines) if _EVENT_LABEL.search(line)]
    for i, (pos, line) in enumerate(lines):
        event_block = any(abs(i - j) <= EVENT_BLOCK_LINES for j in events)
        nxt = lines[i + 1][1] if i + 1 < len(lines) else ""
        for m in _DATE.finditer(line):
            value = _date_value(m)
            if value is None:
                continue
            score = _score_date(line, m, event_block)
            alone = _date_line(line, m)
            if alone and score < STRONG and _CONTINUES.match(nxt):
                continue  # '2024年12月2日' / '是第十三个…': a sentence broken over lines
            if alone and alone_after_title and i > 0 and _title_of(lines[i - 1][1]):
                score = max(score, min_score)
            if score < min_score:
                continue
            cand = (-score, pos + m.start(), pos + m.end(), value)
            if best is None or cand[:2] < best[:2]:
                best = cand
    return best


def _release_date(lines: list[tuple[int, str]]) -> tuple[int, int, int, str] | None:
    """A date alone on a footer line with its weekday in brackets (2024年12月4日（星期三）):
    the release date of a press release."""
    for pos, line in reversed(lines):
        for m in _DATE.finditer(line):
            value = _date_value(m)
            if value and not line[: m.start()].strip() and _RELEASE_FOOTER.match(line[m.end() :]):
                return (0, pos + m.start(), pos + m.end(), value)
    return None


def find_header(text: str) -> Header:
    """Title, source and publication date of a clean article text."""
    h = Header()
    lines = _lines(text)
    zone: list[tuple[int, str]] = []
    body: list[tuple[int, str]] = []
    counted = 0
    for i, (pos, line) in enumerate(lines):
        if counted >= MAX_HEADER_LINES or _is_body(line):
            body = lines[i : i + 3]
            break
        zone.append((pos, line))
        counted += not _MENU_LINE.match(line)  # a site menu does not use up the zone

    dateline = None
    for pos, line in zone + body[:3]:
        dm = _DATELINE.search(line[:DATELINE_REACH])
        if dm is not None:
            dateline = (pos, dm)
            break

    # published: header zone, then a dateline, then a 发布时间 label early or late
    best = _best_date(zone)
    if best is None and dateline is not None:
        pos, dm = dateline
        mo, d = int(dm.group("m")), int(dm.group("d"))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            y = dm.group("y") or _stated_year(text)
            value = f"{y}-{mo:02d}-{d:02d}" if y else f"--{mo:02d}-{d:02d}"
            best = (0, pos + dm.start("o" if dm.group("o") else "m"), pos + dm.end(), value)
    if best is None:  # the zone ended early (a long title?): short lines just after it
        early = lines[len(zone) : EARLY_LINES]
        best = _best_date([x for x in early if not _is_body(x[1])], 3, alone_after_title=True)
        if best is None:
            best = _best_date(early, STRONG)
    if best is None and len(lines) > max(len(zone), EARLY_LINES):
        best = _best_date(lines[max(len(zone), EARLY_LINES, len(lines) - FOOTER_LINES) :], STRONG)
    if best is None:  # a press release's own date on its last lines
        best = _release_date(lines[max(1, len(lines) - FOOTER_LINES) :])
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
        o = dm.group("o")
        if o is not None and dm.start() <= 8 and not o.startswith(_OWN_OUTLET):
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
