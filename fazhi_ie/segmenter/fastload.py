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

CACHE_FILE = "features.cache.npz"
CACHE_META = "features.cache.json"
CACHE_FORMAT = 1
SOURCE = "features.msgpack"

_lock = threading.Lock()


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _source_stamp(model_dir: Path) -> dict[str, int]:
    st = (model_dir / SOURCE).stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _joined(items: list[str]) -> np.ndarray | None:
    if any("\n" in s for s in items):
        return None
    return np.frombuffer("\n".join(items).encode("utf-8"), dtype=np.uint8)


def _split(arr: np.ndarray) -> list[str]:
    return arr.tobytes().decode("utf-8").split("\n") if arr.size else []


def write_cache(model_dir: Path, data: dict[str, Any]) -> bool:
    """Write the cache for the msgpack ``data`` of ``model_dir``; False when the features
    cannot be stored this way or the directory is not writable."""
    f2i = data["feature_to_idx"]
    keys = list(f2i)
    if list(f2i.values()) != list(range(len(keys))) or data.get("bigram"):
        return False  # ids not dense in order, or bigrams: keep msgpack
    arrays = {"features": _joined(keys), "unigram": _joined(list(data["unigram"]))}
    if any(a is None for a in arrays.values()):
        return False
    tags = json.dumps(data["tag_to_idx"], ensure_ascii=False).encode("utf-8")
    arrays["tags"] = np.frombuffer(tags, dtype=np.uint8)
    tmp = model_dir / f".{CACHE_FILE}.{os.getpid()}.tmp"
    try:
        with tmp.open("wb") as fh:
            np.savez(fh, **arrays)
        meta = {
            "format": CACHE_FORMAT,
            "sha256": _sha256(tmp),
            "source": _source_stamp(model_dir),
            "n_features": len(keys),
        }
        meta_tmp = model_dir / f".{CACHE_META}.{os.getpid()}.tmp"
        meta_tmp.write_text(json.dumps(meta), encoding="utf-8")
        os.replace(tmp, model_dir / CACHE_FILE)
        os.replace(meta_tmp, model_dir / CACHE_META)
    except OSError:
        for p in (tmp, model_dir / f".{CACHE_META}.{os.getpid()}.tmp"):
            p.unlink(missing_ok=True)
        return False
    return True


def read_cache(model_dir: Path) -> dict[str, Any] | None:
    """The features of ``model_dir`` from its cache, or None when there is no valid one."""
    try:
        meta = json.loads((model_dir / CACHE_META).read_text(encoding="utf-8"))
        if meta.get("format") != CACHE_FORMAT or meta.get("source") != _source_stamp(model_dir):
            return None
        path = model_dir / CACHE_FILE
        if _sha256(path) != meta.get("sha256"):
            return None
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

    class _Cached(spacy_pkuseg.FeatureExtractor):  # type: ignore[misc,name-defined]
        @classmethod
        def load(cls, model_dir: str | None = None) -> Any:
            return extractor

    with _lock:  # pkuseg() calls FeatureExtractor.load() by its module-level name
        original = spacy_pkuseg.FeatureExtractor  # type: ignore[attr-defined]
        spacy_pkuseg.FeatureExtractor = _Cached  # type: ignore[attr-defined]
        try:
            return spacy_pkuseg.pkuseg(model, user_dict=user_dict)
        finally:
            spacy_pkuseg.FeatureExtractor = original  # type: ignore[attr-defined]


__all__ = ["CACHE_FILE", "CACHE_META", "load_features", "load_segmenter", "read_cache"]
