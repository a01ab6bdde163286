"""Tag decoding, strict span scoring and sentence splitting (pure Python, no torch).

Spans are ``(start, end, label)`` triples with ``end`` exclusive, in characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

Span = tuple[int, int, str]

LABELS = ("PER", "LOC", "ORG")

# characters after which a sentence ends
SENTENCE_END = frozenset("。！？；!?;\n…")
# closing quotes/brackets that stay with the sentence they close
CLOSERS = frozenset("”’」』）)】》\"'")
# preferred places to hard-split an overlong sentence (split after them)
SOFT_BREAKS = frozenset("，,、：: \t　")


def tags_to_spans(tags: Sequence[str]) -> list[Span]:
    """Decode IOBES (or BIO/BIOES/BMES) tags into spans, leniently.

    Never raises on an ill-formed sequence: an ``I-``/``E-``/``M-`` without a matching
    open entity starts a new one, an entity left open at an ``O``, a different label or
    the end of the sentence is closed there.
    """
    spans: list[Span] = []
    start = -1
    label = ""
    for i, tag in enumerate(tags):
        if tag == "O":  # most characters: close an open entity, nothing else
            if start >= 0:
                spans.append((start, i, label))
                start = -1
            continue
        prefix, _, typ = tag.partition("-")
        prefix = prefix.upper()
        if not typ or prefix not in ("B", "I", "M", "E", "S"):
            # "O" or anything unknown closes an open entity
            if start >= 0:
                spans.append((start, i, label))
                start = -1
            continue
        if prefix == "S":
            if start >= 0:
                spans.append((start, i, label))
                start = -1
            spans.append((i, i + 1, typ))
        elif prefix == "B":
            if start >= 0:
                spans.append((start, i, label))
            start, label = i, typ
        else:  # I, M, E
            if start >= 0 and typ != label:
                spans.append((start, i, label))
                start = -1
            if start < 0:
                start, label = i, typ
            if prefix == "E":
                spans.append((start, i + 1, label))
                start = -1
    if start >= 0:
        spans.append((start, len(tags), label))
    return spans


def bmes_to_iobes(tags: Iterable[str]) -> list[str]:
    """MSRA's B/M/E/S/O tags to HanLP's IOBES (``M-`` becomes ``I-``)."""
    return ["I-" + t[2:] if t.startswith("M-") else t for t in tags]


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    """Precision, recall and F1 (0 where undefined) with the counts they come from."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


class StrictSpanCounter:
    """Exact-match span scorer: a prediction counts only if start, end and label match."""

    def __init__(self, labels: Iterable[str] = LABELS) -> None:
        self.labels = tuple(labels)
        self.reset()

    def reset(self) -> None:
        self.counts: dict[str, list[int]] = {}

    def add(self, gold: Iterable[Span], pred: Iterable[Span]) -> None:
        g, p = set(gold), set(pred)
        for span in p & g:
            self.counts.setdefault(span[2], [0, 0, 0])[0] += 1
        for span in p - g:
            self.counts.setdefault(span[2], [0, 0, 0])[1] += 1
        for span in g - p:
            self.counts.setdefault(span[2], [0, 0, 0])[2] += 1

    def scores(self) -> dict[str, dict[str, float | int]]:
        out: dict[str, dict[str, float | int]] = {}
        labels = list(self.labels) + sorted(set(self.counts) - set(self.labels))
        for lab in labels:
            out[lab] = prf(*self.counts.get(lab, [0, 0, 0]))
        tot = [sum(c[i] for c in self.counts.values()) for i in range(3)]
        out["overall"] = prf(*tot)
        return out

    @property
    def f1(self) -> float:
        return float(self.scores()["overall"]["f1"])


def strict_scores(
    gold: Iterable[Iterable[Span]], pred: Iterable[Iterable[Span]], labels: Iterable[str] = LABELS
) -> dict[str, dict[str, float | int]]:
    """Per-type and overall P/R/F1 with tp/fp/fn over parallel lists of span lists."""
    counter = StrictSpanCounter(labels)
    for g, p in zip(gold, pred, strict=True):
        counter.add(g, p)
    return counter.scores()


def split_sentences(text: str, max_chars: int = 126) -> list[tuple[int, int]]:
    """Cut ``text`` into ``(start, end)`` pieces that together cover every character.

    Sentences end after 。！？；!?; … and newlines (closing quotes stay attached). A piece
    longer than ``max_chars`` is hard-split, preferably after a comma-like character,
    otherwise exactly at ``max_chars``. Concatenating the pieces gives ``text`` back.
    """
    if max_chars < 1:
        raise ValueError("max_chars must be >= 1")
    pieces: list[tuple[int, int]] = []
    n = len(text)
    start = 0
    i = 0
    while i < n:
        ch = text[i]
        i += 1
        if ch in SENTENCE_END:
            while i < n and (text[i] in SENTENCE_END or text[i] in CLOSERS) and text[i] != "\n":
                i += 1
            pieces.append((start, i))
            start = i
    if start < n:
        pieces.append((start, n))
    out: list[tuple[int, int]] = []
    for s, e in pieces:
        while e - s > max_chars:
            cut = s + max_chars
            for j in range(s + max_chars - 1, s + max_chars // 2, -1):
                if text[j] in SOFT_BREAKS:
                    cut = j + 1
                    break
            out.append((s, cut))
            s = cut
        out.append((s, e))
    return out
