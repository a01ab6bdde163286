"""Token edges of a Doc, read in one array call (no Token objects).

One home for token boundaries: :func:`token_edges` (the two sets) and
:class:`Tokens` (sorted lists plus look-ups), both from
``doc.to_array([IDX, LENGTH])``.
"""

from __future__ import annotations

from bisect import bisect_right

import numpy as np
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

from .base import doc_text


def offsets_array(doc: Doc) -> np.ndarray:
    """``(start, length)`` of each token as int64 (spaCy gives uint64, whose
    ``tolist`` is several times slower)."""
    return doc.to_array([IDX, LENGTH]).astype(np.int64)


def token_edges(doc: Doc) -> tuple[set[int], set[int]]:
    """Character offsets where tokens start and where they end."""
    if len(doc) == 0:
        return set(), set()
    arr = offsets_array(doc)
    idx = arr[:, 0]
    return set(idx.tolist()), set((idx + arr[:, 1]).tolist())


class Tokens:
    """Token boundaries of a Doc as char offsets."""

    def __init__(self, doc: Doc, text: str | None = None) -> None:
        self.text = doc_text(doc) if text is None else text
        arr = offsets_array(doc) if len(doc) else None
        if arr is None:
            self.starts_list: list[int] = []
            ends: list[int] = []
        else:
            self.starts_list = arr[:, 0].tolist()
            ends = (arr[:, 0] + arr[:, 1]).tolist()
        self.ends_list = ends
        self.by_end: dict[int, int] = dict(zip(ends, self.starts_list, strict=True))
        self.ends: set[int] = set(ends)
        self.starts: set[int] = set(self.starts_list)

    def start_at(self, i: int) -> int:
        """Start of the token that contains character ``i``."""
        k = bisect_right(self.starts_list, i) - 1
        return self.starts_list[k] if k >= 0 else 0

    def token_before(self, pos: int) -> int:
        """Start of the token (or the part of it) that ends at ``pos``."""
        s = self.by_end.get(pos)
        if s is not None:
            return s
        return self.start_at(pos - 1)
