"""``normalize(raw) -> Normalized``: the clean text plus its map to the raw text."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..errors import E104, E401, ConfigError, InputError
from ..records import Script, Span
from .header import find_header
from .offsets import OffsetText, Removed, make_pipeline
from .script import detect_script
from .steps import DEFAULT_STEPS


@dataclass(frozen=True)
class Normalized:
    """The result of :func:`normalize`.

    ``text`` is what the tokenizer, NER and rules see: cleaned, Simplified,
    half-width. ``offsets[i]`` is the raw index of ``text[i]`` (non-decreasing).
    Header fields (title, source, published) come with spans in the RAW text.
    """

    raw: str
    text: str
    offsets: Sequence[int]
    script: Script = Script.unknown
    title: str | None = None
    title_span: Span | None = None
    source: str | None = None
    source_span: Span | None = None
    published: str | None = None
    published_span: Span | None = None
    removed: list[Removed] = field(default_factory=list)
    #: Clean-text ranges of the header parts found (``title``, ``source``,
    #: ``published``), for the builders that work on clean offsets.
    header_ranges: dict[str, tuple[int, int]] = field(default_factory=dict)

    def _check(self, start: int, end: int) -> None:
        if not (0 <= start <= end <= len(self.text)):
            raise ConfigError(
                E401,
                name="span",
                value=(start, end),
                detail=f"not a range of the clean text (length {len(self.text)})",
                hint="Pass 0 <= start <= end <= len(normalized.text).",
            )

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map clean ``[start, end)`` to raw ``[s, e)``.

        ``s = offsets[start]``, ``e = offsets[end - 1] + 1``: the raw span runs
        from the first to the last raw character behind the clean ones, so it
        includes whatever was removed in between (pinyin inside a name, say).
        An empty clean span maps to an empty raw span at the raw position of
        ``text[start]`` (or just after the last mapped raw character).
        """
        self._check(start, end)
        offs = self.offsets
        if start < end:
            return offs[start], offs[end - 1] + 1
        if start < len(offs):
            p = offs[start]
        elif offs:
            p = offs[-1] + 1
        else:
            p = 0
        return p, p

    def raw_span(self, start: int, end: int) -> Span:
        """The :class:`~fazhi_ie.records.Span` of the raw text behind clean ``[start, end)``."""
        s, e = self.to_raw(start, end)
        return Span(start=s, end=e, text=self.raw[s:e])

    def to_clean(self, raw_start: int, raw_end: int) -> tuple[int, int]:
        """Map raw ``[raw_start, raw_end)`` to the clean characters whose raw
        index falls inside it (an empty range where none does)."""
        offs = self.offsets
        s = bisect_left(offs, raw_start)
        e = bisect_right(offs, raw_end - 1) if raw_end > raw_start else s
        return s, max(s, e)


def _span(raw: str, ot: OffsetText, rng: tuple[int, int] | None) -> Span | None:
    if rng is None or rng[0] >= rng[1]:
        return None
    s, e = ot.raw_range(*rng)
    return Span(start=s, end=e, text=raw[s:e])


_default_pipeline = make_pipeline(*DEFAULT_STEPS)


def normalize(
    raw: str, *, pipeline: Callable[[OffsetText], OffsetText] | None = None
) -> Normalized:
    """Clean ``raw`` and keep the offset map (see :mod:`fazhi_ie.text`).

    ``pipeline`` replaces the default steps (:data:`~fazhi_ie.text.DEFAULT_STEPS`);
    build one with :func:`~fazhi_ie.text.make_pipeline`. An empty string gives
    an empty result (the caller decides whether that is an error).
    """
    if not isinstance(raw, str):
        raise InputError(E104, type=type(raw).__name__)
    ot = (pipeline or _default_pipeline)(OffsetText(raw))
    h = find_header(ot.text)
    return Normalized(
        raw=raw,
        text=ot.text,
        offsets=tuple(ot.offsets),
        script=detect_script(raw),
        title=h.title,
        title_span=_span(raw, ot, h.title_range),
        source=h.source,
        source_span=_span(raw, ot, h.source_range),
        published=h.published,
        published_span=_span(raw, ot, h.published_range),
        removed=sorted(ot.removed),
        header_ranges={
            name: rng
            for name, rng in (
                ("title", h.title_range),
                ("source", h.source_range),
                ("published", h.published_range),
            )
            if rng is not None and rng[0] < rng[1]
        },
    )
