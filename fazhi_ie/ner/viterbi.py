"""Viterbi decoding of a CRF's best tag paths for a whole batch, in numpy.

HanLP's ``CRF._viterbi_decode`` runs its forward pass as small torch operations and
traces every sentence back one ``.item()`` call per character: on CPU it costs about
half as much as the BiLSTM. :func:`viterbi_paths` does the same arithmetic on numpy
float32 arrays (the same additions in the same order, so the same scores) and traces
all sentences back together; ties go to the lowest tag index, as in torch's ``max``.
It gives HanLP's paths (``tests/test_speed_ner.py`` compares them).
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
    """
    batch, width, _ = emissions.shape
    lengths = mask.sum(axis=1)
    if batch == 0:
        return []
    rows = np.arange(batch)
    score = start + emissions[:, 0]
    hist_type = np.uint8 if len(start) < 256 else np.int64
    history = np.zeros((max(width - 1, 0), batch, len(start)), dtype=hist_type)
    everyone = mask.all(axis=0)
    for i in range(1, width):
        nxt = score[:, :, None] + transitions + emissions[:, i][:, None, :]
        history[i - 1] = nxt.argmax(axis=1)
        if everyone[i]:
            score = nxt.max(axis=1)
        else:
            score = np.where(mask[:, i][:, None], nxt.max(axis=1), score)
    score = score + end
    last = score.argmax(axis=1)
    ends = lengths - 1
    tags = np.zeros((batch, width), dtype=np.int64)
    cur = last.copy()
    for i in range(width - 1, 0, -1):
        cur = np.where(ends == i, last, cur)
        tags[:, i] = cur
        back = history[i - 1][rows, cur]
        cur = np.where(i <= ends, back, cur)
    tags[:, 0] = np.where(ends == 0, last, cur)
    return [tags[b, : lengths[b]].tolist() for b in range(batch)]


def crf_params(crf: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(start, transitions, end)`` of a HanLP ``CRF`` as float32 arrays."""
    return tuple(  # type: ignore[return-value]
        p.detach().float().cpu().numpy()
        for p in (crf.start_transitions, crf.transitions, crf.end_transitions)
    )


def crf_decode(crf: Any, logits: Any, mask: Any) -> list[list[int]]:
    """:func:`viterbi_paths` for a HanLP ``CRF`` (batch first), torch ``logits`` and
    ``mask`` (``(batch, width)``, true on characters, each row starting with one)."""
    em = logits.detach().float().cpu().numpy()
    live = mask.cpu().numpy().astype(bool)
    return viterbi_paths(em, live, *crf_params(crf))


class PendingPaths:
    """Emission scores of several model batches, decoded together: one Viterbi pass of
    ``rows`` sentences costs about as much as one of 32 (a step is a few array
    operations), and each sentence's path does not depend on the others in its pass."""

    def __init__(self, crf: Any, rows: int = 512) -> None:
        self.params = crf_params(crf)
        self.rows = rows
        self.parts: list[tuple[np.ndarray, np.ndarray, list[int]]] = []
        self.count = 0

    def add(self, logits: Any, mask: Any, ids: list[int]) -> list[tuple[int, list[int]]]:
        """Keep a batch (``ids`` name its rows); the paths decoded so far, if any."""
        em = logits.detach().float().cpu().numpy()
        self.parts.append((em, mask.cpu().numpy().astype(bool), ids))
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
