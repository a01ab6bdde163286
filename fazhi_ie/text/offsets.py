"""A string that remembers, for each of its characters, where it came from.

:class:`OffsetText` is the value every cleaning step takes and returns. It
holds the current ``text`` and, for each character of it, the index of the
raw character it stands for (``offsets``). Steps only ever do three things:

* delete ranges (the characters go, the others keep their offsets);
* replace ranges by other text (each replacement character maps to the first
  raw character of the range it replaces);
* substitute characters one for one (same length: offsets are untouched).

Offsets therefore never decrease, which is what lets a clean span be mapped
back to a raw span (``offsets[start]``, ``offsets[end - 1] + 1``) and a raw
position forward to a clean one (bisection).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

Edit = tuple[int, int, str] | tuple[int, int, str, str | None]
"""``(start, end, replacement[, reason])`` in the coordinates of the current text."""

Removed = tuple[int, int, str]
"""``(raw_start, raw_end, reason)``: a raw range a step dropped, and why."""


class OffsetText:
    """Text plus, for each character, the index of its raw character."""

    __slots__ = ("offsets", "removed", "text")

    def __init__(
        self,
        text: str,
        offsets: Sequence[int] | None = None,
        removed: list[Removed] | None = None,
    ) -> None:
        if offsets is None:
            offsets = range(len(text))
        if len(offsets) != len(text):
            raise ValueError("offsets and text differ in length")
        self.text: str = text
        self.offsets: list[int] = list(offsets)
        self.removed: list[Removed] = removed if removed is not None else []

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return f"OffsetText({self.text[:40]!r}{'...' if len(self.text) > 40 else ''})"

    # --- the three operations ------------------------------------------------
    def edit(self, edits: Iterable[Edit], reason: str | None = None) -> OffsetText:
        """Apply non-overlapping edits given in ascending order, all at once.

        ``(s, e, "")`` deletes ``text[s:e]``; ``(s, e, r)`` replaces it by ``r``,
        whose characters all map to the raw character of ``text[s]``. An
        insertion (``s == e``) maps to the character at ``s`` (or, at the very
        end, to one past the last raw character). When ``reason`` is given,
        the raw ranges that disappear are recorded in :attr:`removed`; a
        fourth item in an edit overrides ``reason`` for that edit.
        """
        text, offs = self.text, self.offsets
        parts: list[str] = []
        new_offs: list[int] = []
        removed = list(self.removed)
        pos = 0
        changed = False
        for item in edits:
            s, e, rep = item[0], item[1], item[2]
            why = item[3] if len(item) > 3 else reason
            if s < pos or e < s or e > len(text):
                raise ValueError(f"bad edit ({s}, {e}) at position {pos}")
            if s == e and not rep:
                continue
            changed = True
            parts.append(text[pos:s])
            new_offs.extend(offs[pos:s])
            if s < e:
                anchor = offs[s]
                if why is not None and len(rep) < e - s:
                    removed.append((anchor, offs[e - 1] + 1, why))
            else:
                anchor = offs[s] if s < len(offs) else (offs[-1] + 1 if offs else 0)
            if rep:
                parts.append(rep)
                new_offs.extend([anchor] * len(rep))
            pos = e
        if not changed:
            return self
        parts.append(text[pos:])
        new_offs.extend(offs[pos:])
        out = OffsetText.__new__(OffsetText)
        out.text = "".join(parts)
        out.offsets = new_offs
        out.removed = removed
        return out

    def delete(self, ranges: Iterable[tuple[int, int]], reason: str | None = None) -> OffsetText:
        """Delete non-overlapping ``[start, end)`` ranges given in ascending order."""
        return self.edit(((s, e, "") for s, e in ranges), reason)

    def replace(self, edits: Iterable[Edit], reason: str | None = None) -> OffsetText:
        """Replace ranges (alias of :meth:`edit`, for readability at call sites)."""
        return self.edit(edits, reason)

    def substitute(self, new_text: str) -> OffsetText:
        """Swap the text for one of the same length, character for character."""
        if len(new_text) != len(self.text):
            raise ValueError("substitute() needs a text of the same length")
        if new_text == self.text:
            return self
        out = OffsetText.__new__(OffsetText)
        out.text = new_text
        out.offsets = self.offsets
        out.removed = self.removed
        return out

    # --- helpers ---------------------------------------------------------------
    def sub(
        self,
        pattern: re.Pattern[str],
        repl: str | Callable[[re.Match[str]], str | None],
        reason: str | None = None,
    ) -> OffsetText:
        """Like :func:`re.sub`, but keeping offsets (one regex pass).

        ``repl`` is a string (used literally, no group references) or a
        function of the match returning the replacement, or ``None`` to leave
        that match alone.
        """
        edits: list[Edit] = []
        if isinstance(repl, str):
            for m in pattern.finditer(self.text):
                edits.append((m.start(), m.end(), repl))
        else:
            for m in pattern.finditer(self.text):
                r = repl(m)
                if r is not None and r != m.group():
                    edits.append((m.start(), m.end(), r))
        if not edits:
            return self
        return self.edit(edits, reason)

    def raw_range(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``[s, e)`` covered by the current ``[start, end)`` (non-empty)."""
        return self.offsets[start], self.offsets[end - 1] + 1


def make_pipeline(*steps: Callable[[OffsetText], OffsetText]) -> Callable[[OffsetText], OffsetText]:
    """Compose steps ``OffsetText -> OffsetText`` left to right (textacy style).

    >>> clean = make_pipeline(remove_pinyin, fullwidth_to_halfwidth)  # doctest: +SKIP
    >>> clean(OffsetText(raw)).text  # doctest: +SKIP
    """

    def pipeline(ot: OffsetText) -> OffsetText:
        for step in steps:
            ot = step(ot)
        return ot

    pipeline.steps = steps  # type: ignore[attr-defined]
    return pipeline
