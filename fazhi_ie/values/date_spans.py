"""Ranges that run from a day named by a word or a date to a later date
(``由今日起至四月二十一日``; ``即日起至12月31日``, 即日 being the day named last):
one :class:`DateExpr` of kind ``range`` instead of two days. The pattern of the text
between them is data (``date_patterns.json``: ``from_day_to``)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ..resources import load_json

if TYPE_CHECKING:  # pragma: no cover
    from .dates import DateExpr

_STARTS = ("relative", "same_day", "date", "recurring")


@lru_cache(maxsize=1)
def _between_re() -> re.Pattern[str]:
    return re.compile(load_json("date_patterns.json")["from_day_to"])


def _not_before(start: str, end: str, has_year: bool) -> str:
    """``end`` (ISO) moved into the year of ``start`` or the next one when it has no
    year of its own and would fall before ``start``."""
    if has_year or len(start) != 10 or len(end) != 10:
        return end
    moved = start[:4] + end[4:]
    if moved < start:
        moved = f"{int(start[:4]) + 1:04d}" + end[4:]
    return moved


def from_day_ranges(text: str, found: list[DateExpr]) -> list[DateExpr]:
    """``found`` (sorted by start) with each day followed by ``起至``/``至`` and a date
    merged into one range."""
    between = _between_re()
    out: list[DateExpr] = []
    for x in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind in _STARTS
            and prev.date
            and not prev.date_end
            and x.kind == "date"
            and x.date
            and between.match(text[prev.end : x.start])
        ):
            end = _not_before(prev.date, x.date, "年" in x.text)
            if end >= prev.date:
                out[-1] = replace(
                    prev, end=x.end, text=text[prev.start : x.end], date_end=end, kind="range"
                )
                continue
        out.append(x)
    return out
