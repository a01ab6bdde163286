"""Date expressions in Chinese news text, resolved against the article's date.

:func:`find_dates` returns every date expression of a (cleaned, Simplified)
text as a :class:`DateExpr` with exact character offsets and an ISO value,
possibly partial (``2020-12-04``, ``2020-12``, ``--12-04``):

* full and partial dates: ``2020年12月4日``, ``12月4日``, ``12月4号``,
  ``今年4月`` (→ ``YYYY-MM``), ``4月份``;
* ranges: ``11月30日至12月7日`` (``date`` + ``date_end``);
* relative days: ``昨日``, ``今天``, ``当天`` (``当天`` is the day last named in
  the text, else the article's date);
* vague times: ``近日``, ``日前`` → unresolved (``date`` None, ``resolved``
  False, the text kept);
* recurring days: ``第七个国家宪法日`` → 2020-12-04 (first one in 2014),
  ``首个全民国家安全教育日``, or a bare ``国家宪法日`` in an article whose year
  is known; weeks give a range. The days are data
  (``fazhi_ie/data/recurring_days.json``), and so are the patterns
  (``fazhi_ie/data/date_patterns.json``).

The year of a date written without one comes from the base date (the
article's publication date; a date more than two months after it belongs to
the year before, and so does any date after it when a paragraph opens with the
year before: a review of 2023 dated in January 2024), else from the article's year
inferred from the text (:func:`article_year`: an ordinal of a recurring day,
else a stated year), else the date stays partial (``--MM-DD``). Counts such as
``2000余份`` are never years: a year needs ``年`` right after four digits.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..resources import load_json
from ..text.primitives import CN_DIGIT_VALUE, RangeIndex, cn_int, fill, in_short_quote
from ..text.regex_guard import guarded
from .date_spans import from_day_ranges
from .days import shift_day
from .recurring import DateRules, RecurringDay, rules
from .recurring import iso_date as _iso

# the regexes and word sets of dates (fazhi_ie/data/date_patterns.json)
_PATTERNS = load_json("date_patterns.json")
# the digits cn_number reads: 0-9 (零 and 〇 for zero, not the circle ○) and 两
_DIGITS: dict[str, int] = {
    **{c: v for c, v in CN_DIGIT_VALUE.items() if c != "○"},
    **_PATTERNS["counting_digits"],
}
_ORDINAL_FIRST = frozenset(_PATTERNS["ordinal_first"])
ROC_OFFSET: int = _PATTERNS["roc_offset"]
_RELATIVE_ORDINAL = re.compile(_PATTERNS["relative_ordinal_before"])


def cn_number(s: str) -> int | None:
    """``36`` / ``三十六`` / ``十一`` / ``首`` → int (small numbers only)."""
    s = s.strip()
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if s in _ORDINAL_FIRST:
        return 1
    return cn_int(s, _DIGITS)


@dataclass(frozen=True)
class DateExpr:
    """One date expression: offsets into the text it was found in."""

    start: int
    end: int
    text: str
    date: str | None
    date_end: str | None = None
    resolved: bool = False
    kind: str = "date"  # date | month | range | relative | same_day | vague | recurring | until


def _parse_base(base: str | dt.date | None) -> tuple[int | None, int | None, int | None]:
    if base is None:
        return None, None, None
    if isinstance(base, dt.date):
        return base.year, base.month, base.day
    m = re.match(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$", base)
    if m:
        return int(m[1]), int(m[2]), int(m[3]) if m[3] else None
    m = re.match(r"^--(\d{2})-(\d{2})$", base)
    if m:
        return None, int(m[1]), int(m[2])
    return None, None, None


_YEAR_RE = guarded(_PATTERNS["stated_year"])
_STARTING_YEAR_RE = guarded(_PATTERNS["starting_year"])
_YEAR_MONTH_RE = guarded(_PATTERNS["year_month"])
_YEAR_SPAN_RE = guarded(_PATTERNS["year_span"])
_NAMED_DAY_RE = guarded(_PATTERNS["named_day"])


def _year_of(m: re.Match[str]) -> int:
    """The year AD of a stated-year match: group 1, else a ROC year (roc, roc2)."""
    if m[1]:
        return int(m[1])
    roc = m.groupdict().get("roc") or m.groupdict().get("roc2")
    return int(roc) + ROC_OFFSET


def _ordinal(r: DateRules, m: re.Match[str], text: str) -> int | None:
    """The ordinal of a recurring-day match (第七个 → 7, 首个 → 1); None when the
    match has none or when it counts from something else (生效后的首个)."""
    if not (m["n"] or m["first"]):
        return None
    if _RELATIVE_ORDINAL.search(text[max(0, m.start() - 4) : m.start()]):
        return None
    return cn_number(m["n"]) if m["n"] else 1


_WORDS = load_json("recurring_days.json")
# 2020年11月30日至12月7日 / 11月30日至7日 / 2020年12月4日 / 12月4日 / 今年4月
_DATE_RE = guarded(
    fill(
        _PATTERNS["date"],
        NUM=_PATTERNS["date_number"],
        SEP=_PATTERNS["range_separator"],
        YEAR_WORDS="|".join(map(re.escape, _WORDS["year_words"])),
        MONTH_SUFFIXES="|".join(map(re.escape, _WORDS["month_suffixes"])),
    )
)
_NOT_BEFORE_DATE: str = _PATTERNS["not_before_date"]
_BARE_MONTH_AFTER: str = _PATTERNS["bare_month_after"]
_DAY_NOTE_RE = guarded(_PATTERNS["day_note"])
_BARE_DAY_RE = guarded(_PATTERNS["bare_day"])
_BARE_UNTIL_RE = guarded(_PATTERNS["bare_until_day"])
_REVIEW_YEAR_RE = re.compile(_PATTERNS["review_year"])
_MONTH_DAY_RE = re.compile(r"([0-9]{1,2}|[一二三四五六七八九十]{1,3})[日号]")
_DAY_TO_RE = re.compile(r"[至到~～—-]([0-9]{1,2}|[一二三四五六七八九十]{1,3})[日号]")
#: a clock time right after a day (12日9:30, 4日10时许, 9时30分); a bare 12时 is left out:
#: it mostly bounds a period (5月1日12时至…), not an activity
_CLOCK_RE = re.compile(r"[0-9]{1,2}(?:[:：][0-9]{2}|[时点時點](?:许|許|左右|[0-9]{1,2}分))")
_ISO_RE = guarded(r"(?<![0-9])((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?![0-9])")


def _stated_periods(text: str, found: list[DateExpr]) -> list[DateExpr]:
    """A recurring period the text dates itself (``11月30日至12月7日是第三个宪法宣传周``)
    takes that range wherever the text names it again."""
    stated: dict[str, tuple[str | None, str | None]] = {}
    for i, x in enumerate(found):
        if x.kind != "recurring" or i == 0:
            continue
        prev = found[i - 1]
        # within one line: a header date above a paragraph states nothing
        if (
            prev.kind in ("range", "date")
            and 0 <= x.start - prev.end <= 6
            and "\n" not in text[prev.end : x.start]
        ):
            name = rules().recurring_re.match(x.text)
            key = name["name"] if name else x.text
            stated[key] = (prev.date, prev.date_end)
    if not stated:
        return found
    out = []
    for x in found:
        m = rules().recurring_re.match(x.text) if x.kind == "recurring" else None
        if m and m["name"] in stated:
            d, e = stated[m["name"]]
            x = DateExpr(x.start, x.end, x.text, d, e, d is not None, x.kind)
        out.append(x)
    return out


def article_year(text: str, published: str | dt.date | None = None) -> int | None:
    """The year an article is about: the published year, else one the text fixes.

    Without a published year: the year of an ordinal recurring day
    (``第七个国家宪法日`` → 2020) or anniversary, else :func:`stated_year`.
    """
    year, _, _ = _parse_base(published)
    if year is not None:
        return year
    r = rules()
    for m in r.recurring_re.finditer(text):
        n = _ordinal(r, m, text)
        if n:
            return r.day(m["name"]).first + n - 1
    for m in r.anniversary_re.finditer(text):
        n = cn_number(m[2])
        if n:
            return r.anniversaries[m[1]] + n
    return stated_year(text)


def stated_year(text: str) -> int | None:
    """The first year the text states with a month (``2023年5月``), else the first
    stated year that is not a starting point (``2021年起``, ``2022年以来``) or in a
    plan's span of years (``《…纲要（2021—2025年）》``)."""
    text = _YEAR_SPAN_RE.sub(lambda m: " " * len(m[0]), text)
    m = _YEAR_MONTH_RE.search(text)
    if m:
        return _year_of(m)
    starting = {int(x[1]) for x in _STARTING_YEAR_RE.finditer(text)}
    for m in _YEAR_RE.finditer(text):
        if not text[m.end() : m.end() + 1].isdigit() and _year_of(m) not in starting:
            return _year_of(m)
    return None


def _year_for(
    month: int,
    day: int | None,
    base: tuple[int | None, int | None, int | None],
    year: int | None,
    stated: int | None = None,
) -> int | None:
    """The year of an unyeared date: the base year, rolled back when far after it, or
    after it at all when a paragraph opens with the year before (``stated``: 2023年，
    某局…。3月，召开推进会 in a review dated 2024-01-08)."""
    by, bm, bd = base
    if by is None:
        return year
    later = (month - bm) * 31 + ((day or 1) - (bd or 1)) if bm else 0
    return by - 1 if later > 62 or (later > 0 and stated == by - 1) else by


def _bare_days(
    text: str, base: tuple[int | None, int | None, int | None], year: int | None,
    found: list[DateExpr], free: Callable[[int, int], bool],
) -> list[DateExpr]:  # fmt: skip
    """某局局长21日表示, 展览将持续至21日: a day alone, in the base month (the month
    before when the day is later than the base day), else in the month of the last full
    date named."""
    out: list[DateExpr] = []
    until = {m.start() for m in _BARE_UNTIL_RE.finditer(text)}
    bare = [*_BARE_DAY_RE.finditer(text), *_BARE_UNTIL_RE.finditer(text)]
    for m in sorted(bare, key=lambda m: m.start()):
        s, e = m.start(1), m.end(1) + 1
        if not free(s, e):
            continue
        if (day := cn_number(m[1])) is None:
            continue
        prev = [x for x in found if x.end <= s and x.date and x.kind == "date"]
        y: int | None
        if prev:
            last = prev[-1].date or ""
            y = None if last.startswith("--") else int(last[:4])
            month = int(last[-5:-3])
        elif base[0] is not None and base[1] is not None:
            y, month = base[0], base[1]
            if base[2] is not None and day > base[2]:
                y, month = (y, month - 1) if month > 1 else (y - 1, 12)
        else:
            continue
        iso = _iso(y, month, day)
        if iso:  # an until day (持续至21日) ends a period: no day for 同日 to refer to
            kind = "until" if m.start() in until else "date"
            out.append(DateExpr(s, e, text[s:e], iso, None, True, kind))
    return out


def _words(r: DateRules, text: str) -> Iterator[tuple[int, int, str]]:
    """The date words of ``text`` left to right, longest first, not overlapping; a
    vague word gives way to a same-day word starting inside it (``开放日前一天``: the
    day before the open day, not ``日前``)."""
    found = [(m.start(1), m.end(1), m[1]) for m in r.word_re.finditer(text)]
    end = -1
    for k, (s, e, w) in enumerate(found):
        if s < end:
            continue
        if w in r.vague and any(
            s2 < e and w2 in r.same_day for s2, _, w2 in found[k + 1 : k + len(w)]
        ):
            continue
        end = e
        yield s, e, w


def find_dates(
    text: str, published: str | dt.date | None = None, year: int | None = None
) -> list[DateExpr]:
    """Every date expression in ``text``, resolved against ``published``.

    ``year`` is the article's year when the base date has none (see
    :func:`article_year`, computed when not given).
    """
    r = rules()
    base = _parse_base(published)
    if year is None:
        year = article_year(text, published)
    review = _REVIEW_YEAR_RE.search(text) if base[0] is not None else None
    stated = int(review[1]) if review else None
    out: list[DateExpr] = []
    taken = RangeIndex()

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken.near(s, e))

    for m in _ISO_RE.finditer(text):
        iso = _iso(int(m[1]), int(m[2]), int(m[3]))
        if iso:
            out.append(DateExpr(m.start(), m.end(), m[0], iso, None, True, "date"))
            taken.append((m.start(), m.end()))

    for m in r.recurring_re.finditer(text):
        if not free(m.start(), m.end()):
            continue
        day = r.day(m["name"])
        n = _ordinal(r, m, text)
        # a bare name only counts with a known year
        y = day.first + n - 1 if n else year
        if n is None and m["n"] and cn_number(m["n"]) is None:
            continue
        date, end = day.on(y)
        if date is None:
            continue
        out.append(DateExpr(m.start(), m.end(), m[0], date, end, y is not None, "recurring"))
        taken.append((m.start(), m.end()))

    # 4·15, “6.26”: a day named by its date
    for m in _NAMED_DAY_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        month, day = int(m["m1"] or m["m2"]), int(m["d1"] or m["d2"])
        iso = _iso(_year_for(month, day, base, year, stated), month, day)
        if iso:
            out.append(DateExpr(m.start(), m.end(), m[0], iso, None, iso[0] != "-", "recurring"))
            taken.append((m.start(), m.end()))

    for m in _DATE_RE.finditer(text):
        s, e = m.start(), m.end()
        if not free(s, e):
            continue
        before = text[max(0, s - 1) : s]
        # a digit right after is no date (3月1…), unless a clock time follows a closed
        # day: 12日9:30
        digit_after = text[e : e + 1].isdigit() and not (
            text[e - 1 : e] in "日号" and _CLOCK_RE.match(text, e)
        )
        if before.isdigit() or (before and before in _NOT_BEFORE_DATE) or digit_after:
            continue
        month = cn_number(m["m"]) or 0
        day = cn_number(m["d"]) if m["d"] else None
        if not 1 <= month <= 12 or day == 0:
            continue
        if day is None and not (m["y"] or m["yw"] or m["suffix"]):
            # a bare month: only when it reads as a time (5月, / 5月起), not 3月时
            after = text[e : e + 1]
            if not after or after not in _BARE_MONTH_AFTER:
                continue
        if m["y"]:
            y: int | None = int(m["y"])
        elif m["yc"]:
            y = int("".join(str(CN_DIGIT_VALUE[c]) for c in m["yc"]))  # 二〇二四
        elif m["roc"] or m["roc2"]:
            y = int(m["roc"] or m["roc2"]) + ROC_OFFSET
        elif m["yw"]:
            by = base[0] if base[0] is not None else year
            y = by + r.year_words[m["yw"]] if by is not None else None
        else:
            y = _year_for(month, day, base, year, stated)
        if m["d2"]:
            m2 = (cn_number(m["m2"]) or 0) if m["m2"] else month
            y2 = int(m["y2"]) if m["y2"] else (y + 1 if y is not None and m2 < month else y)
            start = _iso(y, month, day)
            end = _iso(y2, m2, cn_number(m["d2"]) or 0)
            if start and end:
                out.append(DateExpr(s, e, m[0], start, end, True, "range"))
                taken.append((s, e))
            continue
        if day is None:
            if y is None:
                continue  # a month without any year: nothing to write
            iso = _iso(y, month)
            kind = "month"
        else:
            iso = _iso(y, month, day)
            kind = "date"
        if iso:
            out.append(DateExpr(s, e, m[0], iso, None, True, kind))
            taken.append((s, e))

    # 昨天(1日): the day in brackets, in the month of the base or of the last date named
    for m in _DAY_NOTE_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        day = int(m[1] or m[2])
        prev = [x for x in out if x.end <= m.start() and x.date and x.kind == "date"]
        month = base[1] if base[1] is not None else (int(prev[-1].date[-5:-3]) if prev else None)
        if month is None:
            continue
        iso = _iso(_year_for(month, day, base, year, stated), month, day)
        if iso:
            out.append(DateExpr(m.start(), m.end(), m[0], iso, None, True, "date"))
            taken.append((m.start(), m.end()))
    out += _bare_days(text, base, year, out, free)
    out.sort(key=lambda x: x.start)
    out = _stated_periods(text, out)
    # words: vague, relative to the base, same day as the last date named
    words: list[DateExpr] = []
    for s, e, w in _words(r, text):
        word = w
        quoted = w in r.relative and in_short_quote(text, s, e)  # “检护明天”: no day
        if quoted or not free(s, e) or (words and s < words[-1].end):  # 本月3日|前往: no 日前
            continue
        if w in r.vague:
            words.append(DateExpr(s, e, w, None, None, False, "vague"))
        elif w in r.relative_months:
            iso = None
            day_m = _MONTH_DAY_RE.match(text, e)  # 本月10日: a day of that month
            to_m = _DAY_TO_RE.match(text, day_m.end()) if day_m else None  # 本月十二日至十四日
            kind, end_iso = ("range" if to_m else "date") if day_m else "month", None
            if day_m:
                w = text[s : (e := (to_m or day_m).end())]
            if base[0] is not None and base[1] is not None:
                k = base[0] * 12 + base[1] - 1 + r.relative_months[word]
                iso = _iso(k // 12, k % 12 + 1, cn_number(day_m[1]) if day_m else None)
                end_iso = _iso(k // 12, k % 12 + 1, cn_number(to_m[1])) if to_m else None
            words.append(DateExpr(s, e, w, iso, end_iso, iso is not None, kind))
        elif w in r.relative or w in r.relative_weeks:
            if text[e : e + 1] in "(（" and any(x.start == e + 1 and x.date for x in out):
                continue  # 今日（十一月十三日）: the day in brackets is the date
            iso = None
            if base[0] is not None and base[1] is not None and base[2] is not None:
                d = dt.date(base[0], base[1], base[2])
                if w in r.relative:
                    d += dt.timedelta(days=r.relative[w])
                else:  # 上周五: that day of the week before the base date's
                    weeks, weekday = r.relative_weeks[w]
                    d += dt.timedelta(weeks=weeks, days=weekday - d.weekday())
                iso = d.isoformat()
            words.append(DateExpr(s, e, w, iso, None, iso is not None, "relative"))
        else:
            # the last day named before it (a period named since, 宣传周, is not a day)
            prev = [
                x
                for x in out
                if x.end <= s and x.date and x.kind in ("date", "recurring") and not x.date_end
            ]
            if len(prev) > 1 and text.endswith(r.until_marks, 0, prev[-1].start):
                prev = prev[:-1]  # 4月14日起…持续至4月18日。当天下午: the period's first day
            if prev:
                days = r.same_day[w]
                iso = shift_day(prev[-1].date or "", days) if days else prev[-1].date
            elif base[0] is not None and base[2] is not None and not r.same_day[w]:
                iso = _iso(base[0], base[1] or 1, base[2])
            else:
                iso = None
            words.append(DateExpr(s, e, w, iso, None, iso is not None, "same_day"))
    out.extend(words)
    out.sort(key=lambda x: x.start)
    return from_day_ranges(text, out)


__all__ = [
    "DateExpr",
    "RecurringDay",
    "article_year",
    "cn_number",
    "find_dates",
    "rules",
    "stated_year",
]
