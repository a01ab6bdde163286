"""The pkuseg features cache (fazhi_ie.segmenter.fastload): same segmenter as
spacy_pkuseg's own loading, written once next to the model, ignored when it does not
match its hash or its source, skipped where the model directory is read-only."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from fazhi_ie.segmenter import fastload
from fazhi_ie.segmenter.convert import write_model

spacy_pkuseg = pytest.importorskip("spacy_pkuseg")

TAGS = {"B": 0, "B_single": 1, "I": 2, "I_end": 3, "I_first": 4}
TEXT = "青山市法治宣传"


def _model(path: Path, strength: float = 5.0) -> Path:
    """A tiny model: every character alone, except 法治 (and 宣传 when strong)."""
    feats = ["$$", "cc1.法.治", "c-1c.法.治", "cc1.宣.传", "c-1c.宣.传"]
    f2i = {f: i for i, f in enumerate(feats)}
    node = np.zeros((len(feats), len(TAGS)))
    node[0, TAGS["B_single"]] = 1.0
    node[1, TAGS["B"]] = node[2, TAGS["I_end"]] = 5.0
    node[3, TAGS["B"]] = node[4, TAGS["I_end"]] = strength
    trans = np.zeros(len(TAGS) * len(TAGS))
    features = {
        "unigram": ["法治", "宣传"],
        "bigram": [],
        "feature_to_idx": f2i,
        "tag_to_idx": dict(TAGS),
    }
    w = np.concatenate([node.reshape(-1), trans])
    return write_model(path, features, w, threshold=0)


def _cut(model: Path) -> list[str]:
    return fastload.load_segmenter(str(model), "default").cut(TEXT)


def _plain(model: Path) -> list[str]:
    return spacy_pkuseg.pkuseg(str(model), user_dict="default").cut(TEXT)


def test_cache_gives_the_same_segmenter(tmp_path: Path) -> None:
    model = _model(tmp_path / "m")
    plain = spacy_pkuseg.pkuseg(str(model), user_dict="default")
    assert _cut(model) == plain.cut(TEXT)
    assert plain.cut(TEXT)[-2:] == ["法治", "宣传"]
    assert (model / fastload.CACHE_FILE).is_file()
    cached = fastload.read_cache(model)
    assert cached is not None
    assert cached["feature_to_idx"] == plain.feature_extractor.feature_to_idx
    assert set(cached["unigram"]) == plain.feature_extractor.unigram
    assert _cut(model) == plain.cut(TEXT)  # from the cache this time
    seg = fastload.load_segmenter(str(model), "default")
    assert isinstance(seg.model.w, np.memmap)  # the weights mapped from their cache
    assert np.array_equal(seg.model.w, plain.model.w)
    assert (seg.model.n_feature, seg.model.n_tag) == (plain.model.n_feature, plain.model.n_tag)
    with np.load(model / fastload.CACHE_FILE, allow_pickle=False) as npz:
        assert all(npz[k].dtype == np.uint8 for k in npz.files)  # no objects, no pickle


def test_a_tampered_cache_is_ignored_and_rewritten(tmp_path: Path) -> None:
    model = _model(tmp_path / "m")
    _cut(model)
    path = model / fastload.CACHE_FILE
    data = bytearray(path.read_bytes())
    data[-40] ^= 0xFF
    path.write_bytes(bytes(data))
    assert fastload.read_cache(model) is None
    assert _cut(model) == _plain(model)
    assert fastload.read_cache(model) is not None


def test_new_features_in_the_directory_invalidate_the_cache(tmp_path: Path) -> None:
    import srsly

    model = _model(tmp_path / "m")
    _cut(model)
    src = model / "features.msgpack"
    data = srsly.read_msgpack(src)
    data["feature_to_idx"] = {
        ("cc1.X.Y" if k == "cc1.法.治" else k): v for k, v in data["feature_to_idx"].items()
    }
    srsly.write_msgpack(src, data)
    cached = fastload.read_cache(model)
    assert cached is None  # made from the old features
    assert _cut(model) == _plain(model)
    cached = fastload.read_cache(model)
    assert cached is not None and "cc1.X.Y" in cached["feature_to_idx"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes anyway")
def test_read_only_model_directory_loads_without_cache(tmp_path: Path) -> None:
    model = _model(tmp_path / "m")
    model.chmod(0o555)
    try:
        assert _cut(model) == _plain(model)
        assert not (model / fastload.CACHE_FILE).exists()
    finally:
        model.chmod(0o755)


def test_write_failure_leaves_no_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = _model(tmp_path / "m")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(fastload.os, "replace", fail)
    assert _cut(model) == _plain(model)
    assert sorted(p.name for p in model.iterdir()) == [
        "features.msgpack",
        "meta.json",
        "weights.npz",
    ]
