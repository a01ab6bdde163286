"""String normalisation and dates as the scorer compares them (docs/evaluation-method.md)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from fazhi_ie.records import Event

_PARTIAL = r"(?:\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|--\d{2}-\d{2})"
_PARTIAL_RE = re.compile(rf"^{_PARTIAL}$")
_GOLD_DATE_RE = re.compile(rf"^{_PARTIAL}(?:/{_PARTIAL})?$")
_STRIP_RE = re.compile(r"[\s“”‘’「」『』\"']")
_LAW_BRACKETS_RE = re.compile(r"[《》]")
_PRC = "中华人民共和国"


# --- normalisation ------------------------------------------------------------
@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Traditional→Simplified (OpenCC t2s), then drop whitespace and quotation marks."""
    return _STRIP_RE.sub("", _converter().convert(text))


@lru_cache(maxsize=16384)
def normalize_law(name: str) -> str:
    """:func:`normalize`, then drop every 《 》 and one leading 中华人民共和国."""
    out = _LAW_BRACKETS_RE.sub("", normalize(name))
    if out.startswith(_PRC):
        out = out[len(_PRC) :]
    return out


def _canonical_date(date: str | None) -> str | None:
    """A date string with a one-day range ``A/A`` collapsed to ``A``."""
    if date is None:
        return None
    start, sep, end = date.partition("/")
    if sep and start == end:
        return start
    return date


def _pred_date(event: Event) -> str | None:
    if event.date is None:
        return None
    if event.date_end is not None and event.date_end != event.date:
        return f"{event.date}/{event.date_end}"
    return event.date
