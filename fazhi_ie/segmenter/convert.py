"""Pruning the pkuseg model and writing a model directory atomically."""

from __future__ import annotations

import datetime as _dt
import json
import math
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fazhi_ie.about import __version__
from fazhi_ie.errors import E204, E401, ConfigError, ModelError
from fazhi_ie.pretrained import PKUSEG_MODEL, PKUSEG_PACKAGE, PKUSEG_VERSION

from .fastload import CACHE_FILE, CACHE_META, WEIGHTS_CACHE, WEIGHTS_META
from .paths import META_FILE, MODEL_FILES, is_model_dir

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

FORMAT_VERSION = 1
_OURS = frozenset(
    {*MODEL_FILES, META_FILE, "features.pkl", CACHE_FILE, CACHE_META, WEIGHTS_CACHE, WEIGHTS_META}
)


def check_threshold(threshold: float) -> float:
    """``threshold`` as a float; ConfigError E401 unless it is finite and >= 0."""
    try:
        value = float(threshold)
    except (TypeError, ValueError):
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise ConfigError(
            E401,
            name="threshold",
            value=threshold,
            detail="must be a finite number >= 0",
            hint="Use 0 to keep every feature; see docs/segmentation.md for the trade-off.",
        )
    return value


def prune(
    feature_to_idx: Mapping[str, int], w: np.ndarray, n_tag: int, threshold: float
) -> tuple[dict[str, int], np.ndarray]:
    """Drop the features whose largest |weight| over all tags is below ``threshold``.

    ``w`` is laid out as spacy_pkuseg's Model: node weights
    ``w[feature * n_tag + tag]`` for every feature, then the ``n_tag * n_tag``
    transition weights, which are always kept. Feature 0 (``$$``, the bias that
    the feature extractor adds to every character by index) is always kept.
    The kept features are renumbered densely in their old order. A dropped
    feature is simply not found at inference, exactly like an unseen one, so
    its (small) contribution becomes 0.
    """
    import numpy as np

    n_feature = len(feature_to_idx)
    node = w[: n_feature * n_tag].reshape(n_feature, n_tag)
    keep = np.abs(node).max(axis=1) >= threshold if n_feature else np.zeros(0, bool)
    if n_feature:
        keep[0] = True
    new_index = np.cumsum(keep) - 1
    new_f2i = {feat: int(new_index[idx]) for feat, idx in feature_to_idx.items() if keep[idx]}
    new_w = np.concatenate([node[keep].reshape(-1), w[n_feature * n_tag :]]).astype(np.float64)
    return new_f2i, new_w


def _write_files(
    target: Path, features: dict[str, Any], w: np.ndarray, meta: dict[str, Any]
) -> None:
    import numpy as np
    import srsly

    n_tag = len(features["tag_to_idx"])
    n_feature = len(features["feature_to_idx"])
    srsly.write_msgpack(target / "features.msgpack", features)
    np.savez_compressed(
        target / "weights.npz",
        sizes=np.array([n_tag, n_feature], dtype=np.int64),
        w=np.ascontiguousarray(w, dtype=np.float64),
    )
    (target / META_FILE).write_text(
        json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def _commit(tmp: Path, dest: Path, attempts: int = 20) -> None:
    """Move the finished ``tmp`` to ``dest`` atomically (rename on the same filesystem).

    An existing model at ``dest`` is moved aside first. Concurrent writers (threads or
    processes preparing the same model) may move ``dest`` between our steps: a step that
    loses such a race is retried, and a complete model another writer committed is as
    good as ours.
    """
    for _ in range(attempts):
        try:
            os.rename(tmp, dest)
            return
        except OSError:
            if not dest.exists():
                continue  # moved aside by a concurrent writer: try again
        try:
            if not dest.is_dir():
                if not dest.exists() or dest.is_dir():
                    continue  # moved aside (or replaced) by a concurrent writer meanwhile
                others = ["(not a directory)"]
            else:
                others = sorted(p.name for p in dest.iterdir() if p.name not in _OURS)
        except FileNotFoundError:
            continue
        if others:
            # an older model or an empty directory is replaced, never one holding
            # other files
            raise ModelError(
                E204,
                path=dest,
                detail=f"it exists and holds other files ({', '.join(others[:3])}); "
                "refusing to replace it",
            )
        old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.old-", dir=dest.parent))
        try:
            try:
                os.rename(dest, old / "m")
            except FileNotFoundError:
                pass
            try:
                os.rename(tmp, dest)
                return
            except OSError:
                if is_model_dir(dest):
                    return  # a concurrent writer won the race; its model is as good
        finally:
            shutil.rmtree(old, ignore_errors=True)
    raise OSError(f"could not move {tmp} to {dest} ({attempts} attempts)")


def write_model(
    dest: str | os.PathLike[str],
    features: dict[str, Any],
    w: np.ndarray,
    *,
    threshold: float,
    provenance: Mapping[str, Any] | None = None,
) -> Path:
    """Prune ``(features, w)`` at ``threshold`` and write a model directory at ``dest``.

    The files are written into a fresh temporary directory beside ``dest``
    which is then renamed to ``dest``, so readers never see a half-written
    model and two processes preparing at once do not corrupt it. ``bigram`` is
    written empty: spacy_pkuseg uses it only to build features when training;
    inference looks features up in ``feature_to_idx`` and words in
    ``unigram``, which is kept whole (dropping words from it would change which
    ``ww.*`` features fire).
    """
    threshold = check_threshold(threshold)
    dest = Path(dest).expanduser()
    tag_to_idx = dict(features["tag_to_idx"])
    n_tag = len(tag_to_idx)
    new_f2i, new_w = prune(features["feature_to_idx"], w, n_tag, threshold)
    out = {
        "unigram": sorted(set(features["unigram"])),
        "bigram": [],
        "feature_to_idx": new_f2i,
        "tag_to_idx": tag_to_idx,
    }
    meta: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "source": {"package": PKUSEG_PACKAGE, "version": PKUSEG_VERSION, "model": PKUSEG_MODEL},
        **(dict(provenance) if provenance else {}),
        "threshold": threshold,
        "n_features_before": len(features["feature_to_idx"]),
        "n_features_after": len(new_f2i),
        "n_tags": n_tag,
        "bigram": "dropped (used only for training)",
        "license_note": "pkuseg model weights: research use only; do not redistribute",
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "created_by": f"fazhi_ie {__version__}",
    }
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent))
    try:
        _write_files(tmp, out, new_w, meta)
        os.chmod(tmp, 0o755)  # mkdtemp makes it 0o700; the files follow the umask
        _commit(tmp, dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return dest
