"""Recurring commemorative days, weeks and months (``data/recurring_days.json``) and
the date words read with them (vague, relative, same-day words), read once:
:func:`rules`. Used by :mod:`fazhi_ie.values.dates`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..resources import load_json
from ..text.primitives import fill
from ..text.regex_guard import guarded

# the regexes of dates (fazhi_ie/data/date_patterns.json)
_PATTERNS = load_json("date_patterns.json")


def iso_date(year: int | None, month: int, day: int | None = None) -> str | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``--MM-DD`` (None when not a date)."""
    try:
        if day is None:
            if year is None or not 1 <= month <= 12:
                return None
            return f"{year:04d}-{month:02d}"
        dt.date(year or 2000, month, day)  # validates (2000: a leap year)
    except ValueError:
        return None
    if year is None:
        return f"--{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


@dataclass(frozen=True)
class RecurringDay:
    name: str
    first: int
    month: int
    day: int | None
    end: tuple[int, int] | None

    def on(self, year: int | None) -> tuple[str | None, str | None]:
        """(date, date_end) of this day in ``year`` (partial when year is None)."""
        if self.day is None:
            return (f"{year:04d}-{self.month:02d}" if year else None), None
        start = iso_date(year, self.month, self.day)
        end = iso_date(year, *self.end) if self.end else None
        return start, end


@dataclass(frozen=True)
class DateRules:
    days: tuple[tuple[str, RecurringDay], ...]  # surface form -> day, longest first
    vague: tuple[str, ...]
    relative: dict[str, int]
    relative_months: dict[str, int]
    relative_weeks: dict[str, tuple[int, int]]  # 上周五 -> (-1 week, Friday = 4)
    same_day: dict[str, int]  # 当天 -> 0, 次日 -> 1: days after the day named last
    until_marks: tuple[str, ...]  # 至 before a day: the day a period runs until
    year_words: dict[str, int]
    month_suffixes: tuple[str, ...]
    recurring_re: re.Pattern[str]
    word_re: re.Pattern[str]
    anniversary_re: re.Pattern[str]
    anniversaries: dict[str, int]

    def day(self, surface: str) -> RecurringDay:
        return dict(self.days)[surface]


@lru_cache(maxsize=1)
def rules() -> DateRules:
    d = load_json("recurring_days.json")
    forms: list[tuple[str, RecurringDay]] = []
    for e in d["days"]:
        end = tuple(int(x) for x in e["end"].split("-")) if e.get("end") else None
        day = RecurringDay(e["name"], int(e["first"]), int(e["month"]), e.get("day"), end)  # type: ignore[arg-type]
        for form in (e["name"], *e.get("aliases", [])):
            forms.append((form, day))
    forms.sort(key=lambda x: -len(x[0]))
    names = "|".join(re.escape(f) for f, _ in forms)
    recurring = guarded(fill(_PATTERNS["recurring"], NAMES=names))
    days = enumerate(d["weekdays"])
    weeks = {w + day: (n, k) for k, day in days for w, n in d["relative_weeks"].items()}
    words = sorted(
        [*d["vague"], *d["relative"], *d["relative_months"], *weeks, *d["same_day"]],
        key=len,
        reverse=True,
    )
    return DateRules(
        days=tuple(forms),
        vague=tuple(d["vague"]),
        relative=dict(d["relative"]),
        relative_months=dict(d["relative_months"]),
        relative_weeks=weeks,
        same_day=dict(d["same_day"]),
        until_marks=tuple(d["until_marks"]),
        year_words=dict(d["year_words"]),
        month_suffixes=tuple(d["month_suffixes"]),
        recurring_re=recurring,
        # a lookahead: every start, so that a word inside another is seen (日|前一天)
        word_re=guarded("(?=(" + "|".join(map(re.escape, words)) + "))"),
        anniversary_re=re.compile(
            fill(
                _PATTERNS["anniversary"],
                NAMES="|".join(map(re.escape, sorted(d["anniversaries"], key=len, reverse=True))),
            )
        ),
        anniversaries=dict(d["anniversaries"]),
    )
