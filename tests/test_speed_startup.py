"""Start-up and memory (issue 17, round 3): pkuseg's post-processing dictionary in its
compact form merges exactly as spacy_pkuseg's set does; the worker start method; a
caller that only feeds worker processes imports neither spaCy nor torch."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from fazhi_ie.errors import ConfigError
from fazhi_ie.segmenter.postprocess import CompactPostprocesser, CompactWords
from fazhi_ie.workers import START_ENV, start_method

spacy_pkuseg = pytest.importorskip("spacy_pkuseg")
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DICT = str(Path(spacy_pkuseg.__file__).parent / "dicts" / "default.pkl")


def test_compact_words_hold_exactly_the_words():
    words = ["法治", "宣传", "法治宣传", "a", "ab", "普法", "普法", "x\ny"]
    compact = CompactWords(words, n_buckets=4)
    for w in words[:-1]:
        assert w in compact
    for w in ("法", "治宣", "法治宣", "b", "", "x", "x\ny", "ab\n", "\n"):
        assert w not in compact


def test_compact_postprocesser_merges_as_spacy_pkuseg_does():
    ours = CompactPostprocesser([DEFAULT_DICT])
    theirs = spacy_pkuseg.Postprocesser(None, [DEFAULT_DICT])
    rng = random.Random(17)
    words = sorted(theirs.other_words)
    pieces = [w[:k] for w in rng.sample(words, 3000) for k in range(1, len(w) + 1)]
    pieces += list("法治宣传的和在是了一")
    for _ in range(3000):
        sent = [rng.choice(pieces) for _ in range(rng.randint(1, 12))]
        for check in (True, False):
            assert ours.post_process(list(sent), check) == theirs.post_process(list(sent), check)


def test_the_worker_start_method(monkeypatch):
    monkeypatch.delenv(START_ENV, raising=False)
    import multiprocessing

    default = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    assert start_method() == default
    monkeypatch.setenv(START_ENV, "spawn")
    assert start_method() == "spawn"
    monkeypatch.setenv(START_ENV, "fork")
    with pytest.raises(ConfigError) as info:
        start_method()
    assert info.value.code == "E401"


def test_a_caller_of_parse_many_imports_no_spacy_or_torch():
    code = (
        "import sys, fazhi_ie.api, fazhi_ie.workers\n"
        "from fazhi_ie import parse_many\n"
        "print(sorted(m for m in ('spacy', 'torch', 'hanlp') if m in sys.modules))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == "[]"
