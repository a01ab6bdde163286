"""The NER stage's fast paths give what HanLP's own code gives: the batched Viterbi
(against HanLP's CRF decoding) and the lexicon's two-character index (against a plain
longest-match scan)."""

from __future__ import annotations

import pytest

from fazhi_ie.ner.lexicon import NONE_TAG, Lexicon

torch = pytest.importorskip("torch")
pytest.importorskip("hanlp")

from hanlp.layers.crf.crf import CRF  # noqa: E402

from fazhi_ie.ner.viterbi import crf_decode  # noqa: E402


@pytest.mark.parametrize("seed", range(6))
def test_numpy_viterbi_gives_hanlps_paths(seed: int) -> None:
    gen = torch.Generator().manual_seed(seed)
    n_tags = 5 + seed
    crf = CRF(n_tags, batch_first=True)
    for p in (crf.start_transitions, crf.transitions, crf.end_transitions):
        p.data = torch.randn(p.shape, generator=gen) * 2
    lengths = torch.randint(1, 40, (17,), generator=gen)
    lengths[0] = 40  # the widest row is full
    lengths[1] = 1  # a one-character sentence
    mask = torch.arange(40)[None, :] < lengths[:, None]
    logits = torch.randn((17, 40, n_tags), generator=gen) * 3
    if seed == 0:  # ties everywhere: both pick the lowest tag index
        logits = logits.round()
        crf.transitions.data = crf.transitions.data.round()
    want = crf.decode(logits, mask)
    got = crf_decode(crf, logits, mask)
    assert got == want
    assert [len(p) for p in got] == lengths.tolist()


def _slow_tags(words: dict[str, set[str]], text: str) -> list[str]:
    """Longest covering word of each type, by trying every substring."""
    types = ("PER", "LOC", "ORG")
    best = {t: [0] * len(text) for t in types}
    pos = {t: ["-"] * len(text) for t in types}
    for i in range(len(text)):
        for j in range(len(text), i + 1, -1):
            for t in sorted(words.get(text[i:j], ())):
                for k in range(i, j):
                    if j - i > best[t][k]:
                        best[t][k] = j - i
                        pos[t][k] = "B" if k == i else "E" if k == j - 1 else "M"
    return ["|".join(x) for x in zip(*(pos[t] for t in types), strict=True)]


def test_lexicon_tags_match_a_plain_scan() -> None:
    entries = [
        ("李明远", "PER"),
        ("青山市", "LOC"),
        ("青山", "LOC"),
        ("青山市司法局", "ORG"),
        ("白河县", "LOC"),
        ("白河", "PER"),
        ("白河", "LOC"),
        ("司法局", "ORG"),
    ]
    lex = Lexicon(entries)
    text = "青山市司法局李明远到白河县青山村，白河。"
    assert lex.tags(list(text)) == _slow_tags(lex.words, text)
    assert lex.tags(list("青")) == [NONE_TAG]
    assert lex.tags(list("白河")) == ["B|B|-", "E|E|-"]


@pytest.mark.parametrize("rows", [1, 5, 512])
def test_batches_decoded_together_give_each_batchs_paths(rows: int) -> None:
    from fazhi_ie.ner.viterbi import PendingPaths, crf_params

    gen = torch.Generator().manual_seed(rows)
    crf = CRF(7, batch_first=True)
    for p in (crf.start_transitions, crf.transitions, crf.end_transitions):
        p.data = torch.randn(p.shape, generator=gen)
    pending = PendingPaths(crf_params(crf), rows=rows)
    want: dict[int, list[int]] = {}
    got: list[tuple[int, list[int]]] = []
    next_id = 0
    for width in (30, 22, 9, 3):  # narrower batches after wider ones, as the model sorts
        lengths = torch.randint(1, width + 1, (4,), generator=gen)
        lengths[0] = width
        mask = torch.arange(width)[None, :] < lengths[:, None]
        logits = torch.randn((4, width, 7), generator=gen)
        ids = list(range(next_id, next_id + 4))
        next_id += 4
        want.update(zip(ids, crf.decode(logits, mask), strict=True))
        got += pending.add(logits, mask, ids)
    got += pending.flush()
    assert dict(got) == want and len(got) == len(want)
