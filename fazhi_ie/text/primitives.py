"""Text primitives every layer shares: character classes, title and date
patterns, Chinese digits, sentence and clause boundaries.

One definition each, imported everywhere (``from fazhi_ie.text.primitives
import HAN, SENT_END, ...``), so that two modules never disagree on what ends
a sentence or what a Han character is.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from operator import itemgetter
from typing import Any, TypeVar

from ..records import PARTIAL_DATE as PARTIAL_DATE
from ..records import PARTIAL_DATE_RE as PARTIAL_DATE_RE
from ..resources import load_json
from .regex_guard import guarded

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


# PARTIAL_DATE (a complete or partial ISO date as the records store it:
# ``2023-12-04``, ``2023-12`` or ``--12-04``, the pattern to embed) and
# PARTIAL_DATE_RE (a whole value) are defined in the base layer,
# fazhi_ie.records, which validates with them; imported above to be shared.

_NUMERALS = load_json("numerals.json")
#: Chinese digits 0-9 in order (``fazhi_ie/data/numerals.json``).
CN_DIGITS: str = _NUMERALS["digits"]
#: Digit -> value, with the variants 零 and ○ for zero.
CN_DIGIT_VALUE: dict[str, int] = {
    **{c: i for i, c in enumerate(CN_DIGITS)},
    **{c: 0 for c in _NUMERALS["zeros"]},
}
#: Every character of a Chinese numeral up to the thousands, for regex classes.
CN_NUMERAL: str = _NUMERALS["numeral_chars"]
#: Multiplier characters and their values: 十 10, 百 100, 千 1000, 万 10^4, 亿 10^8.
CN_UNITS: dict[str, int] = dict(_NUMERALS["units"])
_TENS_HUNDREDS = {c: v for c, v in CN_UNITS.items() if v in (10, 100)}


def cn_int(s: str, digits: Mapping[str, int] = CN_DIGIT_VALUE) -> int | None:
    """A small Chinese numeral (digits, 十 and 百) -> int: ``十二`` 12, ``二十一``
    21, ``一百二十`` 120, ``五`` 5, ``""`` 0; None when another character occurs.

    ``digits`` says which characters are digits (default :data:`CN_DIGIT_VALUE`).
    """
    total, cur = 0, 0
    for ch in s:
        if ch in digits:
            cur = digits[ch]
        elif ch in _TENS_HUNDREDS:
            total += (cur or 1) * _TENS_HUNDREDS[ch]
            cur = 0
        else:
            return None
    return total + cur


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
    first, last = _stop_res(stops)
    lo = max(0, i - limit)
    m = last.search(text, lo, i)
    s = m.start() + 1 if m else lo
    hi = min(len(text), j + limit)
    m = first.search(text, j, hi)
    e = m.start() if m else max(j, hi)
    if e < len(text) and e < hi and text[e] != "\n":
        e += 1
    return s, e


@cache
def _stop_res(stops: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The first stop character of a stretch, and the last one (searched up to the end
    of a window: ``\\Z`` holds at ``endpos``)."""
    if not stops:
        return re.compile("(?!)"), re.compile("(?!)")
    cls = "".join(re.escape(c) for c in sorted(stops))
    return re.compile(f"[{cls}]"), re.compile(f"[{cls}][^{cls}]*\\Z")


def sentence_of(text: str, i: int, j: int | None = None) -> tuple[int, int]:
    """The sentence around ``[i, j)``."""
    return bounds(text, i, i if j is None else j, SENT_END)


def clause_of(text: str, i: int, j: int | None = None) -> tuple[int, int]:
    """The clause around ``[i, j)``."""
    return bounds(text, i, i if j is None else j, CLAUSE_END)


_LINE_BREAK = frozenset("\n")


def in_short_quote(text: str, i: int, j: int, reach: int = 16) -> bool:
    """Whether ``text[i:j]`` stands inside a quotation (“…” or 「…」) that opens and
    closes within ``reach`` characters of it: a slogan or a name (“检护明天”)."""
    for open_, close in ("“”", "「」"):
        k = text.rfind(open_, max(0, i - reach), i)
        if k >= 0 and close not in text[k:i]:
            m = text.find(close, j, j + reach)
            if m >= 0 and open_ not in text[j:m]:
                return True
    return False


def paragraph_of(text: str, i: int) -> tuple[int, int]:
    """The line (paragraph) around ``i``."""
    return bounds(text, i, i, _LINE_BREAK, limit=4 * MAX_SCAN)


_Item = TypeVar("_Item", bound=tuple[Any, ...])
_first = itemgetter(0)


def starting_in(items: Sequence[_Item], lo: int, hi: int) -> Sequence[_Item]:
    """The items that start in ``[lo, hi)``, from tuples sorted by their first
    element (a start offset), such as ``(start, end, id)`` mentions.

    A bisection: looking up the mentions of one sentence costs the logarithm of
    their total plus their number, not a pass over all of them.
    """
    a = bisect_left(items, lo, key=_first)
    return items[a : bisect_left(items, hi, lo=a, key=_first)]


class RangeIndex:
    """Ranges ``[a, b)`` kept sorted by start, with the length of the longest, so
    that the ranges touching ``[s, e]`` are found by bisection (:meth:`near`) and
    not by a pass over all of them: ``any(... for a, b in index.near(s, e))``
    asks what ``any(... for a, b in ranges)`` asks, in time bounded by the ranges
    nearby instead of all the ranges of a text.
    """

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        self._items: list[tuple[int, int]] = sorted(ranges)
        self._longest = max((b - a for a, b in self._items), default=0)

    def append(self, span: tuple[int, int]) -> None:
        """Add the range ``span`` (any range: they may overlap)."""
        insort(self._items, span)
        self._longest = max(self._longest, span[1] - span[0])

    def near(self, s: int, e: int) -> Sequence[tuple[int, int]]:
        """Every range that holds, overlaps, touches or lies in ``[s, e]`` (those
        that start in ``[s - longest, e]``), maybe with a few others."""
        return starting_in(self._items, s - self._longest, e + 1)

    def __len__(self) -> int:
        return len(self._items)


@cache
def alternation(words: tuple[str, ...]) -> str:
    """A regex alternation of ``words``, longest first, escaped."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def first_chars(words: Iterable[str]) -> str:
    """A regex character class of the words' first characters. Put as a lookahead
    before a long alternation (``(?=[…])(?:…)``), it lets the scan skip every other
    character at once; Python's ``re`` does not do so for an alternation by itself
    when a branch starts with an assertion."""
    return "[" + "".join(re.escape(c) for c in sorted({w[0] for w in words if w})) + "]"


_SLOT = re.compile(r"\{([A-Z][A-Z_]*)\}")


def fill(template: str, **parts: str) -> str:
    """A regex template from a data file with its ``{NAME}`` slots filled in.

    ``{HAN}`` is :data:`HAN`; other upper-case names come from ``parts``. Regex
    quantifiers (``{2,12}``) and unknown names are left as they are; the parts
    are inserted once (a part's own text is not searched for slots).
    """
    values = {"HAN": HAN, **parts}
    return _SLOT.sub(lambda m: values.get(m.group(1), m.group()), template)


def data_regex(source: str | list[str], flags: int = 0, **parts: str) -> re.Pattern[str]:
    """Compile a regex from a data file: a string, or a list of strings that are
    concatenated (a long pattern written in readable pieces), with its
    ``{NAME}`` slots filled in by :func:`fill`."""
    text = source if isinstance(source, str) else "".join(source)
    return guarded(fill(text, **parts), flags)  # same matches, faster scans
