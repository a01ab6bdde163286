"""Regexes that skip, at one character check each, the positions where they cannot
start a match.

Python's ``re`` tries a pattern at every position of the text. For a pattern that
opens with an assertion, an optional group or a long alternation (a date with an
optional year, ``(?<![0-9])…``, a list of names), each try walks the pattern's first
steps before it fails; over an article that is most of a scan's time. When the set
of characters a match can start with is known, a lookahead on it (``(?=[…])``) lets
each try fail at once.

:func:`first_class` reads that set from the parsed pattern (``re``'s own parser):
literals, ranges and ``\\d``/``\\w``/``\\s`` at the first position, through groups,
alternatives, optional parts and zero-width assertions (a lookahead's own first
characters count: ``(?=(…))`` finds every start of a word list). Where it cannot tell (a
negated class, ``.``, a back-reference, a case-insensitive or verbose pattern, a
pattern that can match the empty string, inline global flags) it gives None and
:func:`guarded` compiles the pattern as it is. The lookahead only adds a condition
every match already meets, so the matches are the same (``tests/test_speed_scans.py``).
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_CATEGORIES = {
    _c.CATEGORY_DIGIT: r"\d",
    _c.CATEGORY_WORD: r"\w",
    _c.CATEGORY_SPACE: r"\s",
}
_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


class _Unknown(Exception):
    """The first characters cannot be listed as a class."""


def _literal(code: int) -> str:
    return re.escape(chr(code))


def _class_items(items: list[tuple[Any, Any]]) -> list[str]:
    out = []
    for op, av in items:
        if op is _c.LITERAL:
            out.append(_literal(av))
        elif op is _c.RANGE:
            out.append(f"{_literal(av[0])}-{_literal(av[1])}")
        elif op is _c.CATEGORY and av in _CATEGORIES:
            out.append(_CATEGORIES[av])
        else:  # NEGATE, other categories
            raise _Unknown
    return out


def _first(seq: Any) -> tuple[list[str], bool]:
    """The class items a match of ``seq`` can start with, and whether it can be
    empty."""
    out: list[str] = []
    for op, av in seq:
        if op is _c.ASSERT and av[0] == 1:
            # a lookahead: the character here is one its content starts with
            try:
                ahead, ahead_empty = _first(av[1])
            except _Unknown:
                continue
            if ahead and not ahead_empty:
                return [*out, *ahead], False
            continue
        if op in _ZERO_WIDTH:
            continue
        if op is _c.LITERAL:
            return [*out, _literal(av)], False
        if op is _c.IN:
            return [*out, *_class_items(av)], False
        if op is _c.SUBPATTERN:
            items, empty = _first(av[-1])
        elif op is _c.BRANCH:
            items, empty = [], False
            for branch in av[1]:
                b_items, b_empty = _first(branch)
                items += b_items
                empty = empty or b_empty
        elif op in _REPEATS:
            items, empty = _first(av[2])
            empty = empty or av[0] == 0
        else:  # ANY, NOT_LITERAL, GROUPREF, ...
            raise _Unknown
        out += items
        if not empty:
            return out, False
    return out, True


def first_class(pattern: str, flags: int = 0) -> str | None:
    """A character class (``[…]``) holding every character a match of ``pattern``
    can start with, or None where that cannot be told (see the module docstring)."""
    if flags & (re.IGNORECASE | re.VERBOSE) or _INLINE_FLAGS.match(pattern):
        return None
    try:
        parsed = _p.parse(pattern, flags)
        if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
            return None
        items, empty = _first(parsed)
    except (_Unknown, re.error, AttributeError, TypeError, ValueError):
        return None
    if empty or not items:
        return None
    return "[" + "".join(dict.fromkeys(items)) + "]"


def guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` compiled with a lookahead on its first characters, where they are
    known (same matches, faster scans); as it is otherwise."""
    cls = first_class(pattern, flags)
    if cls is None:
        return re.compile(pattern, flags)
    return re.compile(f"(?={cls})(?:{pattern})", flags)


__all__ = ["first_class", "guarded"]
