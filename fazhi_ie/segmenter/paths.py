"""Where the pkuseg model lives: the cache, the model directory and its checks.

A model directory is what ``spacy_pkuseg.pkuseg(model_name=DIR)`` loads:
``features.msgpack`` and ``weights.npz`` (plus our provenance file ``meta.json``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from fazhi_ie.errors import E204, ModelError
from fazhi_ie.pretrained import PKUSEG_MODEL, PKUSEG_THRESHOLD, PKUSEG_VERSION

ENV_VAR = "FAZHI_IE_PKUSEG_MODEL"
CACHE_ENV_VAR = "FAZHI_IE_CACHE_DIR"
MODEL_FILES = ("features.msgpack", "weights.npz")
META_FILE = "meta.json"


def cache_root() -> Path:
    """The per-user cache directory of fazhi_ie (``FAZHI_IE_CACHE_DIR`` overrides it)."""
    override = os.environ.get(CACHE_ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("fazhi_ie"))


def threshold_tag(threshold: float) -> str:
    """The pruning threshold as it appears in directory names and messages."""
    return format(float(threshold), "g")


def default_model_dir(threshold: float = PKUSEG_THRESHOLD) -> Path:
    """Where the prepared model for ``threshold`` lives in the cache."""
    name = f"pkuseg-{PKUSEG_MODEL}-{PKUSEG_VERSION}-p{threshold_tag(threshold)}"
    return cache_root() / name


def user_dict_path() -> Path:
    """The domain dictionary (one word a line) forced as single tokens by pkuseg."""
    return Path(__file__).resolve().parents[1] / "data" / "user_dict.txt"


def model_dir_problem(path: Path) -> str | None:
    """Why ``path`` is not a loadable model directory, or None when it is one."""
    if not path.exists():
        return "it does not exist"
    if not path.is_dir():
        return "it is not a directory"
    missing = [name for name in MODEL_FILES if not (path / name).is_file()]
    if missing:
        detail = "missing " + ", ".join(missing)
        if "features.msgpack" in missing and (path / "features.pkl").is_file():
            detail += (
                "; directories with only features.pkl are refused because spacy_pkuseg "
                "would unpickle it unrestricted"
            )
        return detail
    import numpy as np

    try:
        with np.load(path / "weights.npz", allow_pickle=False) as npz:
            sizes = npz["sizes"]
            if sizes.shape != (2,):
                return f"weights.npz: sizes has shape {sizes.shape}"
    except Exception as exc:
        return f"unreadable weights.npz: {exc}"
    return None


def check_model_dir(path: Path, via: str = "") -> None:
    """Raise E204 when ``path`` is not a model directory (``via`` ends the message)."""
    problem = model_dir_problem(path)
    if problem is not None:
        raise ModelError(E204, path=path, detail=problem + via)


def is_model_dir(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a directory spacy_pkuseg can load."""
    return model_dir_problem(Path(path)) is None


def read_meta(path: Path) -> dict[str, Any]:
    """The provenance file of a model directory (``{}`` when absent or unreadable)."""
    try:
        meta = json.loads((path / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}
