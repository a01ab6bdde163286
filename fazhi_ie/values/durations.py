"""The stated length of an activity (为期3天, 持续四天, 历时两周) and the last day
of a period that starts on a given day.

Patterns are data (``date_patterns.json``: ``duration``,
``duration_back_reference``, ``duration_start_marks``)::

    >>> stated_days("培训为期3天")
    3
    >>> period_end("--06-17", 4)
    '--06-20'
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..resources import load_json
from .dates import cn_number
from .days import shift_day

__all__ = [
    "back_reference_re",
    "closes",
    "period_end",
    "period_start",
    "start_marked",
    "stated_days",
]

#: A stated length is 2 to this many days (a longer one is a campaign's, not a day's).
MAX_DAYS = 62


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...], tuple[str, ...]]:
    d = load_json("date_patterns.json")
    return (
        re.compile(d["duration"]),
        re.compile(d["duration_back_reference"]),
        tuple(d["duration_start_marks"]),
        tuple(d["duration_closing_words"]),
    )


def closes(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (the rest of an activity's sentence after its date)
    says it closed that day (落下帷幕, 圆满结束): a stated length then ends on it."""
    return any(w in text[start:end] for w in _patterns()[3])


def period_start(date: str, days: int) -> str | None:
    """The first day of a ``days``-day period ending on ``date``, as :func:`period_end`."""
    return shift_day(date, -(days - 1))


def stated_days(text: str, start: int = 0, end: int | None = None) -> int | None:
    """The first stated length in ``text[start:end]`` in days, or None."""
    rx = _patterns()[0]
    m = rx.search(text, start, len(text) if end is None else end)
    if m is None:
        return None
    n = cn_number(m.group("n"))
    if not n:
        return None
    days = n * 7 if m.group("unit") in ("周", "星期") else n
    return days if 2 <= days <= MAX_DAYS else None


def back_reference_re() -> re.Pattern[str]:
    """A sentence opening that refers back to the activity just told (此次活动…)."""
    return _patterns()[1]


def start_marked(text: str, end: int) -> bool:
    """Whether the date ending at ``end`` is marked as a start (6月17日起)."""
    return text.startswith(_patterns()[2], end)


def period_end(date: str, days: int) -> str | None:
    """The last day of a ``days``-day period starting on ``date`` (``YYYY-MM-DD`` or
    ``--MM-DD``), in the same form; None for any other form, or for a period across
    the new year with no year stated."""
    return shift_day(date, days - 1)
