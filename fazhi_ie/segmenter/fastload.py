"""Loading the pkuseg segmenter faster: its features from a plain array cache.

``spacy_pkuseg`` reads ``features.msgpack`` (870k feature strings and their ids,
116k words) with msgpack, about a quarter of a cold ``fazhi-ie parse``. The first
load also writes ``features.cache.npz`` next to the model: the feature strings
joined by newlines as one UTF-8 byte array (a feature's id is its line number), the
words likewise, and the tags as JSON bytes; numpy arrays only, read with
``allow_pickle=False``. ``features.cache.json`` records the sha256 of that file and
the size and modification time of the ``features.msgpack`` it was made from: a cache
whose hash or source does not match is ignored (and rewritten when the directory is
writable), so the segmenter is always the one ``features.msgpack`` describes. Where
the model directory is read-only, or the features cannot be written this way, the
segmenter loads as ``spacy_pkuseg`` does.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np

from .postprocess import postprocesser_class

CACHE_FILE = "features.cache.npz"
CACHE_META = "features.cache.json"
WEIGHTS_CACHE = "weights.cache.npy"
WEIGHTS_META = "weights.cache.json"
CACHE_FORMAT = 1
SOURCE = "features.msgpack"
WEIGHTS_SOURCE = "weights.npz"

_lock = threading.Lock()


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _source_stamp(model_dir: Path, source: str) -> dict[str, int]:
    st = (model_dir / source).stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _joined(items: list[str]) -> np.ndarray | None:
    if any("\n" in s for s in items):
        return None
    return np.frombuffer("\n".join(items).encode("utf-8"), dtype=np.uint8)


def _split(arr: np.ndarray) -> list[str]:
    return arr.tobytes().decode("utf-8").split("\n") if arr.size else []


def _meta_path(model_dir: Path, name: str) -> Path:
    return model_dir / (name.rsplit(".", 1)[0] + ".json")


def _write_checked(model_dir: Path, name: str, source: str, write: Any, **extra: Any) -> bool:
    """``write(fh)`` into ``model_dir/name`` (atomically), with its sha256 and the stamp of
    ``source`` in the JSON file beside it; False when the directory is not writable."""
    tmp = model_dir / f".{name}.{os.getpid()}.tmp"
    meta_path = _meta_path(model_dir, name)
    meta_tmp = model_dir / f".{meta_path.name}.{os.getpid()}.tmp"
    try:
        with tmp.open("wb") as fh:
            write(fh)
        meta = {
            "format": CACHE_FORMAT,
            "sha256": _sha256(tmp),
            "source": _source_stamp(model_dir, source),
            **extra,
        }
        meta_tmp.write_text(json.dumps(meta), encoding="utf-8")
        os.replace(tmp, model_dir / name)
        os.replace(meta_tmp, meta_path)
    except OSError:
        for p in (tmp, meta_tmp):
            p.unlink(missing_ok=True)
        return False
    return True


def _checked(model_dir: Path, name: str, source: str) -> tuple[Path, dict[str, Any]] | None:
    """The cache file ``name`` and its metadata when it was made from the ``source`` file
    now in ``model_dir`` and has the recorded sha256; else None."""
    try:
        meta = json.loads(_meta_path(model_dir, name).read_text(encoding="utf-8"))
        if not isinstance(meta, dict) or meta.get("format") != CACHE_FORMAT:
            return None
        if meta.get("source") != _source_stamp(model_dir, source):
            return None
        path = model_dir / name
        if _sha256(path) != meta.get("sha256"):
            return None
    except (OSError, ValueError):
        return None
    return path, meta


def write_cache(model_dir: Path, data: dict[str, Any]) -> bool:
    """Write the features cache for the msgpack ``data`` of ``model_dir``; False when the
    features cannot be stored this way or the directory is not writable."""
    f2i = data["feature_to_idx"]
    keys = list(f2i)
    if list(f2i.values()) != list(range(len(keys))) or data.get("bigram"):
        return False  # ids not dense in order, or bigrams: keep msgpack
    arrays = {"features": _joined(keys), "unigram": _joined(list(data["unigram"]))}
    if any(a is None for a in arrays.values()):
        return False
    tags = json.dumps(data["tag_to_idx"], ensure_ascii=False).encode("utf-8")
    arrays["tags"] = np.frombuffer(tags, dtype=np.uint8)
    return _write_checked(
        model_dir, CACHE_FILE, SOURCE, lambda fh: np.savez(fh, **arrays), n_features=len(keys)
    )


def read_cache(model_dir: Path) -> dict[str, Any] | None:
    """The features of ``model_dir`` from its cache, or None when there is no valid one."""
    found = _checked(model_dir, CACHE_FILE, SOURCE)
    if found is None:
        return None
    path, meta = found
    try:
        with np.load(path, allow_pickle=False) as npz:
            keys = _split(npz["features"])
            unigram = _split(npz["unigram"])
            tags = json.loads(npz["tags"].tobytes().decode("utf-8"))
    except (OSError, ValueError, KeyError, AttributeError):
        return None
    if len(keys) != meta.get("n_features"):
        return None
    return {
        "feature_to_idx": dict(zip(keys, range(len(keys)), strict=True)),
        "unigram": unigram,
        "bigram": [],
        "tag_to_idx": tags,
    }


def load_weights(model_dir: Path) -> Any:
    """A ``spacy_pkuseg`` ``Model`` for ``model_dir``, as its own ``load`` makes it, with
    the weights memory-mapped from an uncompressed copy (``weights.cache.npy``, made
    from ``weights.npz`` on first use; copy-on-write): only the pages of the features a
    text uses are read."""
    from spacy_pkuseg.model import Model

    found = _checked(model_dir, WEIGHTS_CACHE, WEIGHTS_SOURCE)
    with np.load(model_dir / WEIGHTS_SOURCE, allow_pickle=False) as npz:
        sizes = npz["sizes"]
        w = None
        if found is not None:
            try:
                w = np.load(found[0], mmap_mode="c", allow_pickle=False)
            except (OSError, ValueError):
                w = None
        if w is None:
            w = npz["w"]
            _write_checked(model_dir, WEIGHTS_CACHE, WEIGHTS_SOURCE, lambda fh: np.save(fh, w))
    model = Model.__new__(Model)
    model.n_tag = int(sizes[0])
    model.n_feature = int(sizes[1])
    model.n_transition_feature = model.n_tag * (model.n_feature + model.n_tag)
    model.w = w
    if w.dtype != np.float64 or w.shape != (model.n_transition_feature,):
        raise ValueError(f"{model_dir / WEIGHTS_SOURCE}: weights of an unexpected shape")
    return model


def load_features(model_dir: Path) -> Any:
    """A ``spacy_pkuseg`` ``FeatureExtractor`` for ``model_dir``, as its own ``load`` makes
    it, read from the cache (written first when missing or stale)."""
    import srsly
    from spacy_pkuseg.feature_extractor import FeatureExtractor

    data = read_cache(model_dir)
    if data is None:
        data = srsly.read_msgpack(model_dir / SOURCE)
        write_cache(model_dir, data)
    extractor = FeatureExtractor.__new__(FeatureExtractor)
    extractor.unigram = set(data["unigram"])
    extractor.bigram = set(data["bigram"])
    extractor.feature_to_idx = data["feature_to_idx"]
    extractor.tag_to_idx = data["tag_to_idx"]
    return extractor


def load_segmenter(model: str, user_dict: str) -> Any:
    """``spacy_pkuseg.pkuseg(model, user_dict=user_dict)`` with the features from the cache
    (a model directory holding ``features.msgpack``; anything else loads as usual)."""
    import spacy_pkuseg

    model_dir = Path(model)
    if not (model_dir / SOURCE).is_file():
        return spacy_pkuseg.pkuseg(model, user_dict=user_dict)
    extractor = load_features(model_dir)
    model = load_weights(model_dir)

    class _Features(spacy_pkuseg.FeatureExtractor):  # type: ignore[misc,name-defined]
        @classmethod
        def load(cls, model_dir: str | None = None) -> Any:
            return extractor

    class _Weights(spacy_pkuseg.Model):  # type: ignore[misc,name-defined]
        @classmethod
        def load(cls, model_dir: str | None = None) -> Any:
            return model

    # pkuseg() calls FeatureExtractor.load(), Model.load() and Postprocesser() by their
    # module-level names; its post-processing dictionary is kept compact (postprocess.py)
    post = postprocesser_class(spacy_pkuseg.Postprocesser)
    names = ("FeatureExtractor", "Model", "Postprocesser")
    with _lock:
        saved = [getattr(spacy_pkuseg, name) for name in names]
        for name, cls in zip(names, (_Features, _Weights, post), strict=True):
            setattr(spacy_pkuseg, name, cls)
        try:
            return spacy_pkuseg.pkuseg(model, user_dict=user_dict)
        finally:
            for name, cls in zip(names, saved, strict=True):
                setattr(spacy_pkuseg, name, cls)


__all__ = [
    "CACHE_FILE",
    "CACHE_META",
    "WEIGHTS_CACHE",
    "WEIGHTS_META",
    "load_features",
    "load_segmenter",
    "load_weights",
    "read_cache",
]
