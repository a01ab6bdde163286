"""Text primitives every layer shares: character classes, title and date
patterns, Chinese digits, sentence and clause boundaries.

One definition each, imported everywhere (``from fazhi_ie.text.primitives
import HAN, SENT_END, ...``), so that two modules never disagree on what ends
a sentence or what a Han character is.
"""

from __future__ import annotations

import re
from functools import cache

#: Han characters: the CJK Unified Ideographs with extension A, the
#: compatibility block and the supplementary planes (for regex classes).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
#: The basic block only, as the name rules use it (a name of rare characters
#: from the extensions is not taken for a person or an organization).
HAN_BASIC = "\u4e00-\u9fff"
_HAN_ONLY = re.compile("[\u3400-\u9fff]+")


def is_han(text: str) -> bool:
    """Whether ``text`` is non-empty and made of Han characters (basic block and
    extension A) only."""
    return bool(_HAN_ONLY.fullmatch(text))


#: 《title》 with its inner text as group 1 (a law, a book, a programme).
TITLE_RE = re.compile(r"《([^《》\n]{1,80})》")


def title_ranges(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every 《…》 title in ``text``, brackets included."""
    return [(m.start(), m.end()) for m in TITLE_RE.finditer(text)]


#: A complete or partial ISO date as the records store it:
#: ``2023-12-04``, ``2023-12`` or ``--12-04`` (month and day, year unknown).
PARTIAL_DATE = r"(?:\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|--\d{2}-\d{2})"
PARTIAL_DATE_RE = re.compile(f"^{PARTIAL_DATE}$")

#: Chinese digits 0-9 (with the variants 零 and ○ for zero).
CN_DIGITS = "〇一二三四五六七八九"
CN_DIGIT_VALUE: dict[str, int] = {
    **{c: i for i, c in enumerate(CN_DIGITS)},
    "零": 0,
    "○": 0,
}
#: Every character of a Chinese numeral up to the thousands, for regex classes.
CN_NUMERAL = "零〇○一二两三四五六七八九十百千"

#: What ends a sentence; a clause also ends at commas, semicolons and colons.
SENT_END = frozenset("。！？!?\n")
CLAUSE_END = frozenset("，,；;：:") | SENT_END

#: No sentence or clause scan looks further than this many characters either
#: way, so that a text without sentence ends costs linear time.
MAX_SCAN = 400


def bounds(
    text: str, i: int, j: int, stops: frozenset[str], limit: int = MAX_SCAN
) -> tuple[int, int]:
    """``[start, end)`` of the stretch around ``[i, j)`` delimited by ``stops``.

    The end includes its stop character unless that is a line break; the scan
    goes at most ``limit`` characters each way.
    """
    s = i
    lo = max(0, i - limit)
    while s > lo and text[s - 1] not in stops:
        s -= 1
    e = j
    hi = min(len(text), j + limit)
    while e < hi and text[e] not in stops:
        e += 1
    if e < len(text) and e < hi and text[e] != "\n":
        e += 1
    return s, e


def sentence_of(text: str, i: int, j: int | None = None) -> tuple[int, int]:
    """The sentence around ``[i, j)``."""
    return bounds(text, i, i if j is None else j, SENT_END)


def clause_of(text: str, i: int, j: int | None = None) -> tuple[int, int]:
    """The clause around ``[i, j)``."""
    return bounds(text, i, i if j is None else j, CLAUSE_END)


_LINE_BREAK = frozenset("\n")


def paragraph_of(text: str, i: int) -> tuple[int, int]:
    """The line (paragraph) around ``i``."""
    return bounds(text, i, i, _LINE_BREAK, limit=4 * MAX_SCAN)


@cache
def alternation(words: tuple[str, ...]) -> str:
    """A regex alternation of ``words``, longest first, escaped."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
