"""The typed context in which builders turn candidates into records.

Builders work in clean-text offsets (the text the components saw). A record
is added with :meth:`Assembly.add` together with the clean ranges of its
mentions, which go into an index that later builders read
(:meth:`Assembly.mentions`): events find their organizers, laws and metrics
there, never by mapping raw spans back. Raw :class:`~fazhi_ie.records.Span`
objects are made once, by :meth:`Assembly.span`, when a record is built.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from spacy.tokens import Doc

from ..components.base import candidates, stored
from ..records import (
    Event,
    Law,
    Location,
    Metric,
    Notice,
    Organization,
    Person,
    Relation,
    Span,
)
from ..text import Normalized

R = TypeVar("R", Organization, Person, Location, Law, Event, Metric, Relation)
T = TypeVar("T")

#: Which list of the Assembly each record type goes to.
_LISTS: dict[type, str] = {
    Organization: "organizations",
    Person: "persons",
    Location: "locations",
    Law: "laws",
    Event: "events",
    Metric: "metrics",
    Relation: "relations",
}


@dataclass
class Assembly:
    """Records under construction for one article, with their clean ranges."""

    doc: Doc
    norm: Normalized
    published: str | None = None
    organizations: list[Organization] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    laws: list[Law] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    #: record id -> clean ``[start, end)`` of each of its mentions, in order
    ranges: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The clean text (what the components saw)."""
        return self.norm.text

    def candidates(self, key: str, kind: type[T] | None = None) -> list[Any]:
        """The candidates a component stored under ``key`` (of ``kind`` only, if given)."""
        if kind is None:
            return candidates(self.doc, key)
        return stored(self.doc, key, kind)

    def span(self, start: int, end: int) -> Span:
        """The raw-text Span behind the clean range ``[start, end)``."""
        return self.norm.raw_span(start, end)

    def next_id(self, prefix: str, records: list[Any]) -> str:
        return f"{prefix}-{len(records) + 1}"

    def add(self, record: R, ranges: Iterable[tuple[int, int]] = ()) -> R:
        """Append ``record`` to its list and index the clean ranges of its mentions."""
        getattr(self, _LISTS[type(record)]).append(record)
        self.ranges[record.id] = [(s, e) for s, e in ranges]
        return record

    def mentions(self, records: Iterable[Any]) -> list[tuple[int, int, str]]:
        """``(start, end, record id)`` of every mention of ``records``, sorted."""
        out = [(s, e, r.id) for r in records for s, e in self.ranges.get(r.id, ()) if e > s]
        out.sort()
        return out

    def header_range(self, part: str) -> tuple[int, int] | None:
        """Clean range of a header part: ``title``, ``source`` or ``published``."""
        return self.norm.header_ranges.get(part)
