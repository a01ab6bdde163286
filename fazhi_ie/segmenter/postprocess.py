"""pkuseg's post-processing dictionary in a compact form (about 8 MB instead of 65 MB).

``spacy_pkuseg.Postprocesser`` keeps its dictionary (390k words from the package's
``dicts/default.pkl``) as a Python set of strings: about 65 MB of a cold
``fazhi-ie parse``. :class:`CompactPostprocesser` keeps the same words in 16,384
buckets, each one string ``"\\nword\\nword\\n"``, the bucket of a word chosen by its
hash (stable within a process): a word is in the dictionary exactly when
``"\\n" + word + "\\n"`` occurs in its bucket (no word holds a newline: the file is
split on newlines, and the segmenter only asks about pieces of whitespace-free text).
:meth:`CompactPostprocesser.post_process` is ``spacy_pkuseg``'s, over these buckets:
the same words merged in the same order.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable
from operator import itemgetter
from typing import Any

#: Buckets of the compact dictionary (a power of two).
N_BUCKETS = 1 << 14


class CompactWords:
    """A read-only set of newline-free strings in :data:`N_BUCKETS` joined buckets."""

    __slots__ = ("buckets", "mask")

    def __init__(
        self, words: Iterable[str], n_buckets: int = N_BUCKETS, *, newline_free: bool = False
    ) -> None:
        import numpy as np

        self.mask = mask = n_buckets - 1
        words = list(words)
        if not newline_free:
            words = [w for w in words if "\n" not in w]
        # the words ordered by bucket (numpy sorts the hashes), then one join per bucket
        slots = np.fromiter(map(hash, words), dtype=np.int64, count=len(words)) & mask
        order = np.argsort(slots, kind="stable").tolist()
        ordered = list(itemgetter(*order)(words)) if len(order) > 1 else [words[i] for i in order]
        ends = np.cumsum(np.bincount(slots, minlength=n_buckets)).tolist()
        starts = [0, *ends[:-1]]
        self.buckets = [
            "\n" + "\n".join(ordered[a:b]) + "\n" if b > a else ""
            for a, b in zip(starts, ends, strict=True)
        ]

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or "\n" in word:
            return False
        return f"\n{word}\n" in self.buckets[hash(word) & self.mask]


def _read_words(path: str) -> list[str]:
    # the format spacy_pkuseg reads: a pickled str, one word a line (its own package file)
    with open(path, "rb") as fh:
        return pickle.load(fh).strip().split("\n")


class CompactPostprocesser:
    """``spacy_pkuseg.Postprocesser(None, other_names)``: merges runs of 2-7 words that
    form a dictionary word, keeping runs whose words are all dictionary words."""

    def __init__(self, other_names: list[str]) -> None:
        self.do_process = True
        words: list[str] = []
        for name in other_names:
            words += _read_words(name)
        self.other_words = CompactWords(words, newline_free=True)  # lines of a file

    def post_process(self, sent: list[str], check_seperated: bool) -> list[str]:
        buckets, mask = self.other_words.buckets, self.other_words.mask
        for m in range(7, 1, -1):
            end = len(sent) - m
            if end < 0:
                continue
            i = 0
            while i < end + 1:
                merged = "".join(sent[i : i + m])
                if f"\n{merged}\n" in buckets[hash(merged) & mask]:
                    if check_seperated:
                        do_seg = not all(
                            f"\n{w}\n" in buckets[hash(w) & mask] for w in sent[i : i + m]
                        )
                    else:
                        do_seg = True
                    if do_seg:
                        sent[i : i + m] = [merged]
                        end = len(sent) - m
                i += 1
        return sent

    def __call__(self, sent: list[str]) -> list[str]:
        return self.post_process(sent, check_seperated=True)


def postprocesser_class(base: Any) -> Any:
    """A ``Postprocesser`` class for ``spacy_pkuseg.pkuseg()`` to build: the compact one
    for what it builds by default (no common words, dictionary files), else ``base``."""

    class _Postprocesser(base):  # type: ignore[misc,valid-type]
        def __new__(cls, common_name: Any, other_names: Any) -> Any:
            if common_name is None and isinstance(other_names, list) and other_names:
                return CompactPostprocesser([str(n) for n in other_names])
            return base(common_name, other_names)

    return _Postprocesser


__all__ = ["N_BUCKETS", "CompactPostprocesser", "CompactWords", "postprocesser_class"]
