"""Segmentation ("softword") features for the NER model: each character's position in
the pkuseg word that contains it, ``B`` (begins a word of 2+ characters), ``M`` (inside),
``E`` (ends) or ``S`` (a one-character word, or a character no word covers).

Inside the pipeline the words are the Doc's tokens (the tokenizer ran before the NER);
on plain text the library's pkuseg segmenter is run. Training data is segmented the same
way (``fazhi_ie.training.ner``), so the features match at training and at run time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from fazhi_ie.segmenter import load_pkuseg

SEG_TAGS = ("B", "M", "E", "S")


def tags_from_bounds(n_chars: int, bounds: Iterable[tuple[int, int]] | np.ndarray) -> list[str]:
    """BMES tags for ``n_chars`` characters given word ``(start, end)`` offsets (pairs, or
    an ``(n, 2)`` integer array), words not overlapping.

    Words may be clipped by the window (``start < 0`` or ``end > n_chars``): a clipped
    word keeps the tags it has in the whole text. Characters no word covers are ``S``.
    Computed with array operations (a text's words at once).
    """
    pairs = bounds if isinstance(bounds, np.ndarray) else np.array(list(bounds), dtype=np.int64)
    pairs = pairs.reshape(-1, 2).astype(np.int64, copy=False)
    pairs = pairs[pairs[:, 1] - pairs[:, 0] >= 2]
    start, end = pairs[:, 0], pairs[:, 1]
    codes = np.zeros(n_chars, dtype=np.int8)  # S
    lo, hi = np.clip(start + 1, 0, n_chars), np.clip(end - 1, 0, n_chars)
    ok = lo < hi  # a word with inside characters in the window: M from lo to hi
    inside = np.bincount(lo[ok], minlength=n_chars + 1) - np.bincount(hi[ok], minlength=n_chars + 1)
    codes[np.cumsum(inside[:n_chars]) > 0] = 2
    codes[start[(start >= 0) & (start < n_chars)]] = 1
    last = end - 1
    codes[last[(last >= 0) & (last < n_chars)]] = 3
    return _CODE_TAGS[codes].tolist()


_CODE_TAGS = np.array(["S", "B", "M", "E"])


def word_bounds(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    """``(start, end)`` of each of a segmenter's ``words`` in ``text``, found in order.

    Words are located by search, so whitespace the segmenter dropped never shifts the
    alignment; a word that cannot be found (normalised by the segmenter) is skipped.
    """
    bounds: list[tuple[int, int]] = []
    pos = 0
    for word in words:
        if not word or word.isspace():
            continue
        at = text.find(word, pos)
        if at < 0:
            continue
        bounds.append((at, at + len(word)))
        pos = at + len(word)
    return bounds


def tags_from_words(chars: Sequence[str], words: Sequence[str]) -> list[str]:
    """BMES tags for ``chars`` from a segmenter's ``words`` (see :func:`word_bounds`)."""
    text = "".join(chars)
    if len(text) != len(chars):  # multi-character "characters": no alignment
        return ["S"] * len(chars)
    return tags_from_bounds(len(chars), word_bounds(text, words))


class Segmenter:
    """pkuseg (the library's default model and domain dictionary) for plain text.

    Loaded on first use; ``segment`` gives BMES tags for character lists.
    """

    def __init__(self, model: str | None = None) -> None:
        self.model = model
        self._seg: Any = None

    def _cutter(self) -> Any:
        if self._seg is None:
            self._seg = load_pkuseg(self.model)
        return self._seg

    def segment(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        cut = self._cutter().cut
        out: list[list[str]] = []
        for chars in sentences:
            text = "".join(chars)
            out.append(tags_from_words(chars, cut(text)) if text.strip() else ["S"] * len(chars))
        return out


_default: Segmenter | None = None


def segment(sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    """BMES tags for each character list, with the library's pkuseg segmenter."""
    global _default
    if _default is None:
        _default = Segmenter()
    return _default.segment(sentences)


__all__ = [
    "SEG_TAGS",
    "Segmenter",
    "segment",
    "tags_from_bounds",
    "tags_from_words",
    "word_bounds",
]
