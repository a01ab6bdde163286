"""normalize() over every real article in ../shared (skipped when absent).

Checks the offset map (each clean character stands for a sensible raw
character, random clean spans map back to raw spans), the header spans, the
absence of inserted pinyin and ``????`` runs, and measures the published date
and script against the gold files.
"""

from __future__ import annotations

import json
import random
import re
from functools import cache
from pathlib import Path

import pytest
from conftest import shared_articles

from fazhi_ie.text import normalize
from fazhi_ie.text.steps import opencc_converter

SHARED = Path(__file__).resolve().parents[2] / "shared"

pytestmark = pytest.mark.shared


ARTICLES = shared_articles()
needs_shared = pytest.mark.skipif(not ARTICLES, reason="../shared is not present")

_FW = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}\)")


@cache
def _simplify(ch: str) -> str:
    out = opencc_converter("t2s")(ch)
    return out if len(out) == 1 else ch


@cache
def _simplify_in_context(window: str) -> str:
    return opencc_converter("t2s")(window)


def _sensible(clean: str, raw: str, context: tuple[str, int] = ("", 0)) -> bool:
    """Is ``clean`` a sensible stand-in for the raw character ``raw``?

    ``context`` is a raw window and the position of ``raw`` in it: OpenCC
    converts some characters by phrase (藉以 -> 借以, 瞭解 -> 了解), where the
    character alone is left as it is.
    """
    if clean == raw:
        return True
    window, at = context
    if window:
        conv = _simplify_in_context(window)
        if len(conv) == len(window) and conv[at] == clean:
            return True
    half = raw.translate(_FW)
    if clean == half or clean == _simplify(half):
        return True
    if clean in " \n":  # a whitespace run, a line break, a tag or an entity
        return raw.isspace() or raw in "<?&n\u200b\ufeff"
    return raw == "&"  # an entity replaced by its character


@needs_shared
@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: f"{p.parent.name}/{p.stem[:12]}")
def test_offsets_and_spans(path: Path):
    raw = path.read_text(encoding="utf-8")
    n = normalize(raw)
    assert n.raw == raw
    assert len(n.offsets) == len(n.text)
    assert list(n.offsets) == sorted(n.offsets)
    bad = [
        (i, n.text[i], raw[o])
        for i, o in enumerate(n.offsets)
        if not _sensible(n.text[i], raw[o], (raw[max(0, o - 3) : o + 4], o - max(0, o - 3)))
    ]
    assert not bad, bad[:10]

    rng = random.Random(len(raw))
    for _ in range(200):
        s = rng.randrange(0, len(n.text))
        e = rng.randrange(s, min(len(n.text), s + 40) + 1)
        span = n.raw_span(s, e)
        assert raw[span.start : span.end] == span.text
        if s < e:
            assert (span.start, span.end) == (n.offsets[s], n.offsets[e - 1] + 1)
            # every clean character of the span comes from inside the raw span
            assert all(span.start <= n.offsets[i] < span.end for i in range(s, e))

    for span in (n.title_span, n.source_span, n.published_span):
        if span is not None:
            assert raw[span.start : span.end] == span.text

    assert not _PINYIN.search(n.text), _PINYIN.search(n.text)
    assert "????" not in n.text
    assert "?/p>" not in n.text and "&nbsp;" not in n.text


@needs_shared
def test_published_accuracy():
    wrong = []
    for path in ARTICLES:
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        if "published" not in gold:
            continue
        got = normalize(path.read_text(encoding="utf-8")).published
        if got != gold["published"]:
            wrong.append((path.stem, gold["published"], got))
    # measured: every gold published date right (135 of 135, seeds and dev)
    assert not wrong, wrong


@needs_shared
def test_script_matches_index():
    index = SHARED / "corpus" / "dev" / "index.jsonl"
    if not index.is_file():
        pytest.skip("no index.jsonl")
    wrong = []
    for line in index.read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        path = index.parent / f"{meta['id']}.txt"
        if "script" in meta and path.is_file():
            got = normalize(path.read_text(encoding="utf-8")).script.value
            if got != meta["script"]:
                wrong.append((meta["id"], meta["script"], got))
    assert not wrong, wrong
