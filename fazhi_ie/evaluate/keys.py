"""The comparison keys of the scoring contract (docs/evaluation-method.md): the form in
which strings and dates are compared.

:func:`comparison_key` (also exported as ``normalize``) and :func:`law_key` (also
``normalize_law``) make the keys; the date helpers canonicalise gold and predicted
event dates.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from fazhi_ie.records import Event
from fazhi_ie.resources import load_json
from fazhi_ie.text.primitives import PARTIAL_DATE, PARTIAL_DATE_RE

#: A gold event date: one partial date or a range ``start/end``.
GOLD_DATE_RE = re.compile(rf"^{PARTIAL_DATE}(?:/{PARTIAL_DATE})?$")
_STRIP_RE = re.compile(r"[\s“”‘’「」『』\"']")
_LAW_BRACKETS_RE = re.compile(r"[《》]")


@cache
def _law_state_prefix() -> str:
    return str(load_json("scoring_keys.json")["law_state_prefix"])


@lru_cache(maxsize=1)
def t2s_converter() -> Any:
    """The OpenCC Traditional→Simplified converter the keys use."""
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def comparison_key(text: str) -> str:
    """Traditional→Simplified (OpenCC t2s), then drop whitespace and quotation marks."""
    return _STRIP_RE.sub("", t2s_converter().convert(text))


@lru_cache(maxsize=16384)
def law_key(name: str) -> str:
    """:func:`comparison_key`, then drop every 《 》 and one leading 中华人民共和国."""
    out = _LAW_BRACKETS_RE.sub("", comparison_key(name))
    prefix = _law_state_prefix()
    if out.startswith(prefix):
        out = out[len(prefix) :]
    return out


#: The names these keys had before (kept for compatibility).
normalize = comparison_key
normalize_law = law_key


def canonical_date(date: str | None) -> str | None:
    """A date string with a one-day range ``A/A`` collapsed to ``A``."""
    if date is None:
        return None
    start, sep, end = date.partition("/")
    if sep and start == end:
        return start
    return date


def pred_date(event: Event) -> str | None:
    """A predicted event's date as the gold writes it (``start/end`` for a range)."""
    if event.date is None:
        return None
    if event.date_end is not None and event.date_end != event.date:
        return f"{event.date}/{event.date_end}"
    return event.date


__all__ = [
    "GOLD_DATE_RE",
    "PARTIAL_DATE_RE",
    "canonical_date",
    "comparison_key",
    "law_key",
    "normalize",
    "normalize_law",
    "pred_date",
    "t2s_converter",
]
