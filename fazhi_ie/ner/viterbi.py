"""Viterbi decoding of a CRF's best tag paths for many sentences at once.

HanLP's ``CRF._viterbi_decode`` traces every sentence back one ``.item()`` call per
character: on CPU that costs about half as much as the BiLSTM. :func:`viterbi_paths`
runs the same forward pass as HanLP (the same float32 additions in the same order, so
the same scores and the same ties: the lowest tag index) and traces all sentences back
together, in numpy; :class:`PendingPaths` decodes several model batches in one pass.
It gives HanLP's paths (``tests/test_speed_ner.py`` compares them). This module
imports no torch: the ONNX engine decodes with it too.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def viterbi_paths(
    emissions: np.ndarray,
    mask: np.ndarray,
    start: np.ndarray,
    transitions: np.ndarray,
    end: np.ndarray,
) -> list[list[int]]:
    """Best tag path of each sentence.

    ``emissions``: ``(batch, width, tags)`` float32 scores; ``mask``: ``(batch, width)``
    bool, true on the characters of each sentence (a prefix of its row, at least one);
    ``start``, ``end``: ``(tags,)`` and ``transitions``: ``(tags, tags)`` (from, to).
    The forward pass does HanLP's operations (one maximum per character position gives
    scores and back-pointers), then the rows are traced back together. The rows go
    longest first, so that each step works on the prefix of rows whose sentences
    reach it: a pass costs the characters of its sentences, not rows × width.
    """
    batch, width, _ = emissions.shape
    if batch == 0:
        return []
    lengths = np.asarray(mask, dtype=bool).sum(axis=1)
    order = np.argsort(-lengths, kind="stable")
    ln = lengths[order]
    em = np.ascontiguousarray(emissions[order], dtype=np.float32)
    trans = np.asarray(transitions, dtype=np.float32)
    n_tags = em.shape[2]
    # reach[i]: how many rows (a prefix, longest first) have a character at position i
    reach = np.searchsorted(-ln, -np.arange(width + 1), side="left").tolist()
    pointers = np.zeros((max(width - 1, 0), batch, n_tags), dtype=np.int16)
    score = np.asarray(start, dtype=np.float32) + em[:, 0]
    buf = np.empty((batch, n_tags, n_tags), dtype=np.float32)
    to_from = np.ascontiguousarray(trans.T)
    for i in range(1, width):
        k = reach[i]
        cand = buf[:k]
        # (rows, to, from): score[from] + trans[from, to], then + em[to], as HanLP adds;
        # the maximum over the last axis is the fast one, and its value is read at the
        # argmax (the first maximum: the lowest tag) instead of a second reduction
        np.add(score[:k, None, :], to_from, out=cand)
        cand += em[:k, i][:, :, None]
        best = cand.argmax(axis=2)
        pointers[i - 1, :k] = best
        score[:k] = np.take_along_axis(cand, best[:, :, None], axis=2)[:, :, 0]
    score = score + np.asarray(end, dtype=np.float32)
    last = score.argmax(axis=1)
    tags = np.zeros((batch, width), dtype=np.int64)
    cur = last.copy()
    rows = np.arange(batch)
    for i in range(width - 1, 0, -1):
        k, k1 = reach[i], reach[i + 1]
        cur[k1:k] = last[k1:k]  # the sentences that end at i start their trace here
        tags[:k, i] = cur[:k]
        cur[:k] = pointers[i - 1, rows[:k], cur[:k]]
    k1 = reach[1]
    cur[k1:] = last[k1:]
    tags[:, 0] = cur
    paths = tags.tolist()
    out: list[list[int]] = [[] for _ in range(batch)]
    for j, (b, n) in enumerate(zip(order.tolist(), ln.tolist(), strict=True)):
        out[b] = paths[j][:n]
    return out


def crf_params(crf: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(start, transitions, end)`` of a HanLP ``CRF`` (torch parameters) as float32
    arrays."""
    return tuple(  # type: ignore[return-value]
        p.detach().float().cpu().numpy()
        for p in (crf.start_transitions, crf.transitions, crf.end_transitions)
    )


def _array(x: Any, dtype: Any) -> np.ndarray:
    """A torch tensor or an array as a numpy array of ``dtype``."""
    if hasattr(x, "detach"):
        x = x.detach().cpu().numpy()
    return np.asarray(x, dtype=dtype)


def crf_decode(crf: Any, logits: Any, mask: Any) -> list[list[int]]:
    """:func:`viterbi_paths` for a HanLP ``CRF`` (batch first), ``logits`` and
    ``mask`` (``(batch, width)``, true on characters, each row starting with one)."""
    return viterbi_paths(_array(logits, np.float32), _array(mask, bool), *crf_params(crf))


class PendingPaths:
    """Emission scores of several model batches, decoded together: one Viterbi pass of
    ``rows`` sentences costs about as much as one of 32 (a step is a few array
    operations), and each sentence's path does not depend on the others in its pass."""

    def __init__(self, params: tuple[np.ndarray, np.ndarray, np.ndarray], rows: int = 128) -> None:
        """``params``: the CRF's ``(start, transitions, end)`` (see :func:`crf_params`)."""
        self.params = params
        self.rows = rows
        self.parts: list[tuple[np.ndarray, np.ndarray, list[int]]] = []
        self.count = 0

    def add(self, logits: Any, mask: Any, ids: list[int]) -> list[tuple[int, list[int]]]:
        """Keep a batch (``ids`` name its rows); the paths decoded so far, if any.
        ``logits`` and ``mask``: arrays or torch tensors."""
        self.parts.append((_array(logits, np.float32), _array(mask, bool), ids))
        self.count += len(ids)
        return self.flush() if self.count >= self.rows else []

    def flush(self) -> list[tuple[int, list[int]]]:
        """``(id, path)`` of every kept row."""
        if not self.parts:
            return []
        width = max(em.shape[1] for em, _, _ in self.parts)
        n_tags = self.parts[0][0].shape[2]
        em_all = np.zeros((self.count, width, n_tags), dtype=np.float32)
        mask_all = np.zeros((self.count, width), dtype=bool)
        ids_all: list[int] = []
        row = 0
        for em, live, ids in self.parts:
            b, w = live.shape
            em_all[row : row + b, :w] = em
            mask_all[row : row + b, :w] = live
            ids_all += ids
            row += b
        self.parts, self.count = [], 0
        return list(zip(ids_all, viterbi_paths(em_all, mask_all, *self.params), strict=True))


__all__ = ["PendingPaths", "crf_decode", "crf_params", "viterbi_paths"]
