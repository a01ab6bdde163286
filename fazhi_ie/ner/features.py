"""The NER model's inputs and its batched decoding, shared by its two engines (ONNX
Runtime and torch): vocabulary ids of each input feature as padded arrays, sentences
batched longest first, and CRF paths decoded several batches at a time.

No torch here: the arrays are numpy, and each engine turns them into its own inputs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain, repeat
from typing import Any

import numpy as np

from fazhi_ie.ner.bigrams import char_bigrams
from fazhi_ie.ner.lexicon import Lexicon
from fazhi_ie.ner.names import split_person_spans
from fazhi_ie.ner.spans import tags_to_spans
from fazhi_ie.ner.viterbi import PendingPaths

#: the input features in the model's order (``token`` always; the others when the
#: model's config gives them an embedding size)
FEATURES = ("token", "bigram", "seg", "lex")
#: config key of each optional feature's embedding size
FEATURE_CONFIG = {"bigram": "bigram_embed", "seg": "seg_embed", "lex": "lex_embed"}

#: sentences whose feature ids :func:`tag_paths` looks up together (a multiple of
#: the batch size); bounds the id arrays of one look-up to this many rows
LOOKUP_ROWS = 512

#: vocabulary name -> (token -> id, id of an unknown token)
Index = Mapping[str, tuple[Mapping[str, int], int]]


#: ASCII characters with a wide form the model may know instead (beside U+FF01-U+FF5E)
_WIDE_ALTERNATIVES = {'"': "“", "'": "‘", "-": "—"}


def wide_forms(known: Mapping[str, int]) -> dict[int, str]:
    """A ``str.translate`` table from the ASCII punctuation a model never saw to the
    full-width form it knows (``,`` -> ``，``, ``(`` -> ``（``): the library's cleaning
    writes half-width punctuation, MSRA's text is full-width. One character for one,
    so offsets do not move. Letters and digits are left as they are."""
    table: dict[int, str] = {}
    for code in range(0x21, 0x7F):
        ch = chr(code)
        if ch.isalnum() or ch in known:
            continue
        for wide in (chr(code + 0xFEE0), _WIDE_ALTERNATIVES.get(ch)):
            if wide and wide in known:
                table[code] = wide
                break
    return table


def index_from_json(vocabs: Mapping[str, Any]) -> dict[str, tuple[dict[str, int], int]]:
    """The index of a model directory's ``vocabs.json`` (HanLP's ``idx_to_token``
    lists). An unknown segmentation tag reads as ``S``, as in training."""
    out: dict[str, tuple[dict[str, int], int]] = {}
    for name, vocab in vocabs.items():
        tokens = vocab["idx_to_token"]
        ids = {t: i for i, t in enumerate(tokens)}
        unk = vocab.get("unk_token")
        out[name] = (ids, ids.get("S", 0) if name == "seg" else ids.get(unk, 0))
    return out


def index_from_hanlp(vocabs: Mapping[str, Any]) -> dict[str, tuple[dict[str, int], int]]:
    """The same index from HanLP ``Vocab`` objects (a loaded torch model)."""
    return index_from_json(
        {
            name: {"idx_to_token": v.idx_to_token, "unk_token": v.unk_token}
            for name, v in vocabs.items()
        }
    )


class FeatureIds:
    """Padded id arrays of a model's input features for a batch of sentences.

    ``features``: the features the model reads, a prefix-ordered subset of
    :data:`FEATURES`; ``lexicon``: a callable giving the model's gazetteer (read
    only when the model has lexicon features).
    """

    def __init__(
        self, index: Index, features: Sequence[str], lexicon: Callable[[], Lexicon]
    ) -> None:
        self.index = index
        self.features = tuple(f for f in FEATURES if f in features)
        self._lexicon = lexicon

    @classmethod
    def for_config(cls, index: Index, config: Mapping[str, Any], lexicon: Callable[[], Lexicon]):
        on = ["token"] + [f for f, key in FEATURE_CONFIG.items() if config.get(key)]
        return cls(index, on, lexicon)

    @property
    def uses_segmentation(self) -> bool:
        return "seg" in self.features

    def arrays(
        self,
        data: Sequence[Sequence[str]],
        rows: Sequence[int],
        segs: Sequence[Sequence[str]] | None,
    ) -> dict[str, np.ndarray]:
        """``{feature: (len(rows), width) int64}`` for the sentences ``data[i]`` of
        ``rows`` (the first one the longest), 0 after each sentence's end. Each
        feature's ids are looked up in one pass over the batch's items."""
        sents = [data[i] for i in rows]
        lengths = np.fromiter(map(len, sents), dtype=np.int64, count=len(sents))
        total = int(lengths.sum())
        filled = np.arange(int(lengths[0]))[None, :] < lengths[:, None]
        out = {}
        for f in self.features:
            if f == "token":
                items: Iterable[str] = chain.from_iterable(sents)
            elif f == "bigram":
                items = chain.from_iterable(map(char_bigrams, sents))
            elif f == "seg":
                items = chain.from_iterable(_segs_of(sents, rows, segs))
            else:
                items = chain.from_iterable(map(self._lexicon().tags, sents))
            ids, unk = self.index[f]
            arr = np.zeros(filled.shape, dtype=np.int64)
            arr[filled] = np.fromiter(map(ids.get, items, repeat(unk)), np.int64, total)
            out[f] = arr
        return out


def _segs_of(
    sents: Sequence[Sequence[str]], rows: Sequence[int], segs: Sequence[Sequence[str]] | None
) -> Iterator[Sequence[str]]:
    """Each sentence's segmentation tags (all ``S`` where none of its length are given)."""
    for toks, i in zip(sents, rows, strict=True):
        seg = segs[i] if segs is not None else ()
        yield seg if len(seg) == len(toks) else ["S"] * len(toks)


def tag_paths(
    data: Sequence[Sequence[str]],
    batch_size: int,
    features: FeatureIds,
    segs: Sequence[Sequence[str]] | None,
    emissions: Callable[[dict[str, np.ndarray], np.ndarray], np.ndarray],
    crf: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> list[list[int]]:
    """Best CRF tag-id path of each sentence (``[]`` for an empty one).

    Sentences go to ``emissions(arrays, lengths)`` (``(rows, width, tags)`` float32
    scores) ``batch_size`` at a time, longest first, each batch as wide as its longest
    sentence; the paths of several batches are decoded together
    (:class:`~fazhi_ie.ner.viterbi.PendingPaths`).
    """
    order = sorted((i for i in range(len(data)) if len(data[i])), key=lambda i: -len(data[i]))
    out: list[list[int]] = [[] for _ in data]
    pending = PendingPaths(crf)

    def keep(found: list[tuple[int, list[int]]]) -> None:
        for i, path in found:
            out[i] = path[: len(data[i])]

    # feature ids are looked up for many batches at once (a look-up call costs about
    # as much as a small batch's ids); each batch is a slice of them, cut to its width
    chunk = batch_size * max(1, LOOKUP_ROWS // batch_size)
    for c in range(0, len(order), chunk):
        chunk_rows = order[c : c + chunk]
        ids = features.arrays(data, chunk_rows, segs)
        chunk_lengths = np.fromiter(
            (len(data[i]) for i in chunk_rows), dtype=np.int64, count=len(chunk_rows)
        )
        for k in range(0, len(chunk_rows), batch_size):
            rows = chunk_rows[k : k + batch_size]
            lengths = chunk_lengths[k : k + batch_size]
            width = int(lengths[0])
            arrays = {
                f: np.ascontiguousarray(a[k : k + batch_size, :width]) for f, a in ids.items()
            }
            scores = emissions(arrays, lengths)
            mask = np.arange(scores.shape[1])[None, :] < lengths[:, None]
            keep(pending.add(scores, mask, rows))
    keep(pending.flush())
    return out


def entities(
    data: Sequence[Sequence[str]],
    tags: Sequence[Sequence[str]],
    delimiter: str = "",
    known_names: frozenset[str] | None = None,
) -> list[list[tuple[str, str, int, int]]]:
    """``(text, label, begin, end)`` of each sentence's entities, decoded leniently
    from its tags; with ``known_names`` (not None) PER spans that are runs of several
    names are cut (:func:`~fazhi_ie.ner.names.split_person_spans`)."""
    out = []
    for tokens, ts in zip(data, tags, strict=True):
        spans = tags_to_spans(list(ts[: len(tokens)]))
        if known_names is not None:
            spans = split_person_spans(list(tokens), spans, known_names)
        out.append([(delimiter.join(tokens[b:e]), t, b, e) for b, e, t in spans])
    return out


__all__ = [
    "FEATURES",
    "FeatureIds",
    "entities",
    "index_from_hanlp",
    "index_from_json",
    "tag_paths",
    "wide_forms",
]
