"""What every recognizer shares: the candidate store on the Doc and its tail.

A recognizer is a spaCy component that only *finds*: it reads the Doc and
leaves typed candidates (small dataclasses with exact character offsets into
``doc.text``) under its store key, plus token-aligned spans in
``doc.spans[key]`` for spaCy users (displaCy, ``Span`` APIs). Builders
(:mod:`fazhi_ie.build`) turn candidates into records.

Store keys are declared once, in :data:`KEYS`; the factories declare what
they assign (``doc.spans``, ``doc.user_data``) and what they require.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, TypeVar
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span

#: ``doc.user_data[USER_DATA_KEY]`` is a dict of candidate lists by store key.
USER_DATA_KEY = "fazhi_ie"


class KEYS:
    """Store keys (also the ``doc.spans`` keys) of the components."""

    NER = "ner"
    ORGS = "orgs"
    PERSONS = "persons"
    LOCATIONS = "locations"
    LAWS = "laws"
    METRICS = "metrics"
    EVENTS = "events"


class Candidate(Protocol):
    """Anything stored by a recognizer: clean-text offsets ``[start, end)``."""

    start: int
    end: int


C = TypeVar("C")


@dataclass(slots=True)
class EntitySpan:
    """An NER span: clean offsets, a label (``PER``, ``LOC``, ``ORG``) and its text."""

    start: int
    end: int
    label: str
    text: str


_TEXTS: WeakKeyDictionary[Doc, str] = WeakKeyDictionary()


def doc_text(doc: Doc, text: str | None = None) -> str:
    """``doc.text``, joined once per Doc (spaCy joins the tokens again on every
    access, which costs about as much as a rule component). A tokenizer that knows
    the text passes it as ``text`` (it must equal ``doc.text``)."""
    found = _TEXTS.get(doc)
    if found is None:
        found = _TEXTS[doc] = doc.text if text is None else text
    return found


def candidates(doc: Doc, key: str) -> list[Any]:
    """The candidate list stored under ``key`` (created on demand)."""
    store = doc.user_data.setdefault(USER_DATA_KEY, {})
    return store.setdefault(key, [])


def stored(doc: Doc, key: str, kind: type[C]) -> list[C]:
    """The candidates under ``key``, typed: only items of ``kind``."""
    return [c for c in candidates(doc, key) if isinstance(c, kind)]


def char_span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    """A token-aligned span covering [start, end), expanded to token edges."""
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def put(doc: Doc, key: str, found: Sequence[Any], labels: Iterable[str]) -> None:
    """Store ``found`` under ``key`` and as ``doc.spans[key]`` with ``labels``."""
    candidates(doc, key).extend(found)
    spans = [char_span(doc, c.start, c.end, lab) for c, lab in zip(found, labels, strict=True)]
    doc.spans[key] = [s for s in spans if s is not None]


class Recognizer:
    """Base class of the rule components: ``find`` candidates, then store them.

    Subclasses set :attr:`key` (the default store key), implement
    :meth:`find` and :meth:`label` (the ``doc.spans`` label of a candidate).
    """

    key: ClassVar[str] = ""

    def __init__(self, spans_key: str | None = None) -> None:
        self.spans_key = spans_key or self.key

    def find(self, doc: Doc) -> list[Any]:  # pragma: no cover - abstract
        raise NotImplementedError

    def label(self, cand: Any) -> str:
        return type(self).__name__

    def __call__(self, doc: Doc) -> Doc:
        found = self.find(doc)
        put(doc, self.spans_key, found, (self.label(c) for c in found))
        return doc
