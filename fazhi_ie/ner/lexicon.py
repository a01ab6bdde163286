"""Gazetteer features for the NER model: for each character, its position (``B``, ``M``,
``E``, ``S`` or ``-``) in the longest PER, LOC and ORG lexicon word that covers it, joined
into one tag such as ``B|-|M`` (PER|LOC|ORG).

The lexicon is a file of the model directory (``lexicon.tsv``: ``word<TAB>PER|LOC|ORG``),
so a model and its features always travel together. ``fazhi_ie.training.lexicon`` builds
it from a word list with part-of-speech tags.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

TYPES = ("PER", "LOC", "ORG")
#: the gazetteer's file name in a model directory
LEXICON_FILE = "lexicon.tsv"
NONE_TAG = "|".join("-" for _ in TYPES)


class Lexicon:
    """Words by type, matched longest-first around each character."""

    def __init__(self, entries: Iterable[tuple[str, str]], max_len: int = 12) -> None:
        # label sets are shared (a few distinct ones for ~100k words)
        self.words: dict[str, frozenset[str]] = {}
        by_first: dict[str, set[int]] = {}  # first two characters -> word lengths
        words = self.words
        shared = {frozenset([t]): frozenset([t]) for t in TYPES}
        single = {t: shared[frozenset([t])] for t in TYPES}
        for word, label in entries:
            n = len(word)
            if n < 2 or n > max_len or label not in single:
                continue
            old = words.get(word)
            if old is None:
                words[word] = single[label]
            elif label not in old:
                both = old | single[label]
                words[word] = shared.setdefault(both, both)
            by_first.setdefault(word[:2], set()).add(n)
        #: first two characters -> the lengths of its words, longest first
        self.lengths_from: dict[str, tuple[int, ...]] = {
            k: tuple(sorted(v, reverse=True)) for k, v in by_first.items()
        }
        self.max_len = max((v[0] for v in self.lengths_from.values()), default=1)

    def __len__(self) -> int:
        return len(self.words)

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> Lexicon:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        pairs = (line.partition("\t") for line in lines)
        return cls((word, label.strip()) for word, _, label in pairs)

    def write(self, path: str | os.PathLike[str]) -> Path:
        path = Path(path)
        lines = [f"{w}\t{t}" for w in sorted(self.words) for t in sorted(self.words[w])]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    def tags(self, chars: Sequence[str]) -> list[str]:
        """One ``PER|LOC|ORG`` position tag per character (``-`` where no word of a type)."""
        n = len(chars)
        text = "".join(chars)
        out = [NONE_TAG] * n
        if len(text) != n:  # items longer than one character: no matching
            return out
        # per covered character: [per, loc, org] of (covering word length, position)
        cover: dict[int, list[tuple[int, str]]] = {}
        words, lengths_from = self.words, self.lengths_from
        for i in range(n - 1):
            lengths = lengths_from.get(text[i : i + 2])
            if not lengths:
                continue
            for length in lengths:  # longest first, as the words that exist
                j = i + length
                if j > n:
                    continue
                labels = words.get(text[i:j])
                if not labels:
                    continue
                for t in labels:
                    ti = _TYPE_INDEX[t]
                    for k in range(i, j):
                        cell = cover.get(k)
                        if cell is None:
                            cell = cover[k] = [_NO_COVER, _NO_COVER, _NO_COVER]
                        if length > cell[ti][0]:
                            cell[ti] = (length, "B" if k == i else "E" if k == j - 1 else "M")
        for k, cell in cover.items():
            out[k] = f"{cell[0][1]}|{cell[1][1]}|{cell[2][1]}"
        return out


def read_model_lexicon(model_dir: str | os.PathLike[str]) -> Lexicon:
    """The gazetteer of a model directory (:data:`LEXICON_FILE`); FileNotFoundError
    with the path when it is missing."""
    path = Path(model_dir) / LEXICON_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path}: the model's lexicon file is missing")
    return Lexicon.read(path)


def person_names(lexicon: Lexicon | None) -> frozenset[str]:
    """The lexicon's PER words (known names, for cutting runs of names); none without one."""
    if lexicon is None:
        return frozenset()
    return frozenset(w for w, types in lexicon.words.items() if "PER" in types)


_TYPE_INDEX = {t: i for i, t in enumerate(TYPES)}
_NO_COVER = (0, "-")


__all__ = ["LEXICON_FILE", "NONE_TAG", "TYPES", "Lexicon", "person_names", "read_model_lexicon"]
