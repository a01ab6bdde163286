"""Where components put their results on a Doc."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

USER_DATA_KEY = "fazhi_ie"


def candidates(doc: Doc, key: str) -> list[dict[str, Any]]:
    """The candidate list stored under ``key`` (created on demand)."""
    store = doc.user_data.setdefault(USER_DATA_KEY, {})
    return store.setdefault(key, [])


def char_span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    """A token-aligned span covering [start, end), expanded to token edges."""
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def token_edges(doc: Doc) -> tuple[set[int], set[int]]:
    """Character offsets where tokens start and where they end."""
    starts = {t.idx for t in doc}
    ends = {t.idx + len(t.text) for t in doc}
    return starts, ends
