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
    history = np.zeros((max(width - 1, 0), batch, len(start)), dtype=np.int64)
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


def crf_decode(crf: Any, logits: Any, mask: Any) -> list[list[int]]:
    """:func:`viterbi_paths` for a HanLP ``CRF`` (batch first), torch ``logits`` and
    ``mask`` (``(batch, width)``, true on characters, each row starting with one)."""
    em = logits.detach().float().cpu().numpy()
    live = mask.cpu().numpy().astype(bool)
    start = crf.start_transitions.detach().float().cpu().numpy()
    trans = crf.transitions.detach().float().cpu().numpy()
    end = crf.end_transitions.detach().float().cpu().numpy()
    return viterbi_paths(em, live, start, trans, end)


__all__ = ["crf_decode", "viterbi_paths"]
