"""Numbers as Chinese news writes them: ``20.34万``, ``五千余``, ``3至5万``, ``近8600余``.

Arabic digits (decimals, thousands separators), Chinese numerals (parsed by
``cn2an``, not by hand), mixtures (``3.5万``, ``12万余``), 十/百/千/万/亿
multipliers, ranges (``3至5万``, ``3-5``) and the approximation markers around
a number (the words are data, ``fazhi_ie/data/metric_numbers.json``; the
numeral characters and regex templates are in ``fazhi_ie/data/numerals.json``):

* ``余`` ``多`` ``超`` ``超过`` ``逾`` ``以上`` → ``more_than``
* ``约`` ``近`` ``左右`` → ``about``; it wins over the others (``近8600余`` is about)
* ``不到`` ``不足`` ``以下`` → ``less_than``

Values are ``int`` when whole, else ``float``; the arithmetic runs on
:class:`~decimal.Decimal`, so ``20.34万`` is exactly 203400.

>>> parse("近8600余")
NumberExpr(value=8600, value_max=None, approx='about')
>>> parse("3至5万")
NumberExpr(value=30000, value_max=50000, approx='exact')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ..resources import load_json
from ..text.primitives import CN_DIGITS as _DIGITS_0_9
from ..text.primitives import CN_NUMERAL, CN_UNITS, fill
from ..text.regex_guard import guarded

#: Chinese numeral characters below 万 (万/亿 are multipliers): those of
#: :data:`~fazhi_ie.text.primitives.CN_NUMERAL` but the circle ``○``.
CN_DIGITS = CN_NUMERAL.replace("○", "")
# the regex templates and character sets (fazhi_ie/data/numerals.json)
_NUMERALS = load_json("numerals.json")
_BARE_MULTIPLIERS: str = _NUMERALS["bare_multipliers"]  # 千余条 = 一千余条
_TYPO_MULTIPLIERS: str = _NUMERALS["typo_multipliers"]  # 500百 = 500

_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
#: Digits with 万 and then one digit with 千, or four digits: 1万2千, 1万2000 (12000).
_MIXED_RE = re.compile(r"(\d{1,4})万(?:(\d)(千)|(\d{4}))")
_ARABIC_RE = re.compile(rf"^(?:{_ARABIC})$")
_CN = fill(_NUMERALS["cn_pattern"], CN_DIGITS=CN_DIGITS)  # 十二万, 一万二
_CN_RE = re.compile(fill(_NUMERALS["cn_whole"], CN=_CN))

Number = int | float


@dataclass(frozen=True)
class NumberExpr:
    """A parsed number expression."""

    value: Number
    value_max: Number | None = None
    approx: str = "exact"


@dataclass(frozen=True)
class Markers:
    kinds: dict[str, str]  # marker word -> approx kind
    prefix: tuple[str, ...]
    bare_only: tuple[str, ...]
    inner: tuple[str, ...]
    suffix: tuple[str, ...]
    range_separators: tuple[str, ...]


@lru_cache(maxsize=1)
def markers() -> Markers:
    d = load_json("metric_numbers.json")
    kinds = {w: kind for kind, words in d["approx"].items() for w in words}
    return Markers(
        kinds=kinds,
        prefix=tuple(w for w in d["prefix"] if w not in d.get("bare_only", ())),
        bare_only=tuple(d.get("bare_only", ())),
        inner=tuple(d["inner"]),
        suffix=tuple(d["suffix"]),
        range_separators=tuple(d["range_separators"]),
    )


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _as_number(d: Decimal) -> Number:
    return int(d) if d == d.to_integral_value() else float(d)


@lru_cache(maxsize=4096)
def _parse_cn(text: str) -> Decimal | None:
    import cn2an

    if text[0] in _BARE_MULTIPLIERS:  # 千余条, 近万名: a bare multiplier is one of it
        text = _DIGITS_0_9[1] + text
    try:
        return Decimal(str(cn2an.cn2an(text, "smart")))
    except (ValueError, KeyError, TypeError, IndexError, InvalidOperation):
        return None


def parse_plain(text: str) -> Decimal | None:
    """A bare number, Arabic or Chinese (no 万/亿 after it).

    >>> parse_plain("1,234.5"), parse_plain("五千"), parse_plain("两")
    (Decimal('1234.5'), Decimal('5000'), Decimal('2'))
    """
    text = text.strip()
    mixed = _MIXED_RE.fullmatch(text)
    if mixed:  # 1万2千, 1万2000: ten thousands and the rest written apart
        rest = Decimal(mixed[2]) * 1000 if mixed[3] else Decimal(mixed[4])
        return Decimal(mixed[1]) * 10000 + rest
    if _ARABIC_RE.match(text):
        return Decimal(text.replace(",", ""))
    if text and _CN_RE.match(text):
        return _parse_cn(text)
    return None


def apply_multiplier(base: Decimal, multiplier: str) -> Decimal:
    """``base`` times 十/百/千/万/亿 words (``千万`` is 10^7).

    A number of 100 or more followed by 百/千 is a typo read as meant:
    ``500百`` is 500.
    """
    if multiplier and multiplier[0] in _TYPO_MULTIPLIERS and base >= 100:
        multiplier = multiplier[1:]
    for ch in multiplier:
        base *= CN_UNITS[ch]
    return base


def combine_approx(words: list[str] | tuple[str, ...]) -> str:
    """The approximation given by marker words: about > less_than > more_than > exact.

    >>> combine_approx(["近", "余"]), combine_approx(["余"]), combine_approx([])
    ('about', 'more_than', 'exact')
    """
    kinds = {markers().kinds.get(w) for w in words}
    for kind in ("about", "less_than", "more_than"):
        if kind in kinds:
            return kind
    return "exact"


@lru_cache(maxsize=1)
def number_regex() -> str:
    """Regex source for one number with inner markers and multiplier.

    Named groups are not used so that it can be embedded twice (ranges);
    see :func:`expression_pattern`.
    """
    inner = _alt(markers().inner)
    return fill(_NUMERALS["number_pattern"], ARABIC=_ARABIC, CN=_CN, INNER=inner)


@lru_cache(maxsize=1)
def prefix_regex() -> str:
    """Regex source for the prefix markers (``上`` only before a bare 百/千/万)."""
    m = markers()
    bare = "".join(f"|{re.escape(w)}(?=[{_BARE_MULTIPLIERS}])" for w in m.bare_only)
    return rf"(?:{_alt(m.prefix)}{bare})*"


@lru_cache(maxsize=1)
def expression_pattern() -> re.Pattern[str]:
    """Prefix markers, a number, an optional range end: ``约3至5万``, ``近8600余``."""
    m = markers()
    one = number_regex()
    return guarded(
        rf"(?P<pre>{prefix_regex()})(?P<num>{one})"
        rf"(?:(?P<sep>{_alt(m.range_separators)})(?P<num2>{one}))?"
    )


@lru_cache(maxsize=1)
def _single_pattern() -> re.Pattern[str]:
    inner = _alt(markers().inner)
    return re.compile(fill(_NUMERALS["single_pattern"], ARABIC=_ARABIC, CN=_CN, INNER=inner))


def parse_one(text: str) -> tuple[Decimal, str, list[str]] | None:
    """(value, multiplier, inner marker words) of one number: ``30余万`` → (300000, 万, [余])."""
    m = _single_pattern().match(text.strip())
    if m is None:
        return None
    base = parse_plain(m.group("n"))
    if base is None:
        return None
    mult = m.group("m") or ""
    words = [w for w in (m.group("i1"), m.group("i2")) if w]
    return apply_multiplier(base, mult), mult, words


def parse_value(text: str) -> Number | None:
    """A number with multiplier words: ``20.34万`` → 203400, ``五千`` → 5000.

    >>> parse_value("20.34万"), parse_value("2.2亿"), parse_value("1,200")
    (203400, 220000000, 1200)
    """
    one = parse_one(text)
    return None if one is None else _as_number(one[0])


def scan_words(text: str, words: Iterable[str]) -> list[str]:
    """The given words found left to right in ``text``, longest first at each point."""
    ordered = sorted(words, key=len, reverse=True)
    out: list[str] = []
    i = 0
    while i < len(text):
        for w in ordered:
            if text.startswith(w, i):
                out.append(w)
                i += len(w)
                break
        else:
            i += 1
    return out


def _prefix_words(text: str) -> list[str]:
    m = markers()
    return scan_words(text, m.prefix + m.bare_only)


def from_parts(
    pre: str, num: str, num2: str | None = None, post: tuple[str, ...] = ()
) -> NumberExpr | None:
    """A :class:`NumberExpr` from the pieces of an expression (prefix, numbers, suffix words)."""
    first = parse_one(num)
    if first is None:
        return None
    value, mult, words = first
    words = _prefix_words(pre) + words + list(post)
    if not num2:
        return NumberExpr(_as_number(value), None, combine_approx(words))
    second = parse_one(num2)
    if second is None:
        return None
    hi, mult2, words2 = second
    if mult2 and not mult:  # 3至5万: the multiplier applies to both ends
        value = apply_multiplier(value, mult2)
    if hi < value:
        return None
    return NumberExpr(_as_number(value), _as_number(hi), combine_approx(words + words2))


def parse(text: str) -> NumberExpr | None:
    """Parse a number expression with its markers: ``超过3000``, ``3-5``, ``近30余万左右``.

    >>> parse("500百余")
    NumberExpr(value=500, value_max=None, approx='more_than')
    >>> parse("不到二十")
    NumberExpr(value=20, value_max=None, approx='less_than')
    """
    text = text.strip()
    post: list[str] = []
    suffixes = sorted(markers().suffix, key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        for w in suffixes:
            if text.endswith(w) and len(text) > len(w):
                post.insert(0, w)
                text = text[: -len(w)]
                changed = True
                break
    m = expression_pattern().fullmatch(text)
    if m is None:
        return None
    return from_parts(m.group("pre"), m.group("num"), m.group("num2"), tuple(post))
