"""Obtaining and reading the pkuseg wheel: ``pip download``, sha256, a restricted
unpickler, and the ``default`` model read straight out of the zip.

Only ``features.pkl`` and ``weights.npz`` are read, in memory; nothing of the wheel
is extracted and nothing in it is executed.
"""

from __future__ import annotations

import builtins
import hashlib
import io
import os
import pickle
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fazhi_ie.errors import E201, E202, E203, E204, ModelError
from fazhi_ie.network import check_online
from fazhi_ie.pretrained import (
    PKUSEG_MODEL,
    PKUSEG_PACKAGE,
    PKUSEG_VERSION,
    PKUSEG_WHEEL_NAME,
    PKUSEG_WHEEL_SHA256,
)

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

FEATURES_MEMBER = f"pkuseg/models/{PKUSEG_MODEL}/features.pkl"
WEIGHTS_MEMBER = f"pkuseg/models/{PKUSEG_MODEL}/weights.npz"

PIP_DOWNLOAD_ARGS = (
    "-m",
    "pip",
    "download",
    "--no-deps",
    "--only-binary=:all:",
    "--python-version",
    "37",
    "--platform",
    "manylinux1_x86_64",
    "--implementation",
    "cp",
    "--disable-pip-version-check",
    "--no-input",
)
PIP_TIMEOUT_S = 900

# The features pickle of pkuseg 0.0.25 is made of dicts, lists, str and int
# only (protocol 4): it references no global at all. Sets are harmless and
# other pkuseg releases may pickle them (protocol 2 names them __builtin__.set),
# so they are the only names allowed.
_ALLOWED_GLOBALS = {
    (module, name): getattr(builtins, name)
    for module in ("builtins", "__builtin__")
    for name in ("set", "frozenset")
}


# --- fetching -----------------------------------------------------------------------


def pip_download(directory: Path) -> Path:
    """Fetch the pkuseg wheel into ``directory`` with ``pip download``; E201 on failure."""
    requirement = f"{PKUSEG_PACKAGE}=={PKUSEG_VERSION}"
    check_online(
        f"fetch {requirement} with pip (the pkuseg segmentation model)",
        "On a machine with access, run `fazhi-ie download --to DIR`, copy DIR here and set "
        "FAZHI_IE_PKUSEG_MODEL=DIR (or `fazhi-ie download --wheel FILE` with a copy of the "
        "wheel).",
    )
    cmd = [sys.executable, *PIP_DOWNLOAD_ARGS, "-d", str(directory), requirement]
    try:
        proc = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=PIP_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ModelError(E201, detail=f"`pip download` could not run: {exc}") from None
    wheels = sorted(directory.glob("*.whl"))
    if proc.returncode != 0 or not wheels:
        lines = [ln.strip() for ln in (proc.stderr + "\n" + proc.stdout).splitlines() if ln.strip()]
        tail = " | ".join(lines[-3:]) or f"exit status {proc.returncode}"
        raise ModelError(E201, detail=f"`pip download {requirement}` failed: {tail}")
    named = [p for p in wheels if p.name == PKUSEG_WHEEL_NAME]
    return named[0] if named else wheels[0]


def sha256_file(path: Path) -> str:
    """The hex sha256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- reading ---------------------------------------------------------------------------


class _RestrictedUnpickler(pickle.Unpickler):
    """An unpickler that builds plain containers only; any other global raises E203."""

    def find_class(self, module: str, name: str) -> Any:
        allowed = _ALLOWED_GLOBALS.get((module, name))
        if allowed is not None:
            return allowed
        raise ModelError(E203, what=f"the global {module}.{name}")

    def persistent_load(self, pid: Any) -> Any:
        raise ModelError(E203, what=f"a persistent id {pid!r}")


def restricted_loads(data: bytes) -> Any:
    """Unpickle ``data`` allowing plain containers only (E203 otherwise)."""
    try:
        return _RestrictedUnpickler(io.BytesIO(data)).load()
    except ModelError:
        raise
    except Exception as exc:  # malformed or truncated data
        raise ModelError(E203, what=f"malformed data ({type(exc).__name__}: {exc})") from None


def _validate_features(data: Any, where: str) -> dict[str, Any]:
    def bad(detail: str) -> ModelError:
        return ModelError(E204, path=where, detail=detail)

    if not isinstance(data, dict):
        raise bad(f"features are a {type(data).__name__}, not a dict")
    for key in ("unigram", "feature_to_idx", "tag_to_idx"):
        if key not in data:
            raise bad(f"features lack {key!r}")
    f2i, t2i = data["feature_to_idx"], data["tag_to_idx"]
    if not isinstance(f2i, dict) or not isinstance(t2i, dict):
        raise bad("feature_to_idx and tag_to_idx must be dicts")
    if not all(isinstance(u, str) for u in data["unigram"]):
        raise bad("unigram holds non-strings")
    n = len(f2i)
    seen = bytearray(n)
    for key, idx in f2i.items():
        if not isinstance(key, str) or type(idx) is not int or not 0 <= idx < n or seen[idx]:
            raise bad(f"feature_to_idx is not a dense str->int index (at {key!r})")
        seen[idx] = 1
    if sorted(t2i.values()) != list(range(len(t2i))):
        raise bad("tag_to_idx is not a dense index")
    return data


def read_wheel_model(
    wheel: str | os.PathLike[str], *, sha256: str | None = None
) -> tuple[dict[str, Any], np.ndarray]:
    """Verify the wheel and read its ``default`` model: ``(features, w)``.

    E202 on a checksum mismatch, E203 when the pickle references anything but plain
    containers, E204 when the content is not a pkuseg model. ``sha256`` defaults to
    :data:`~fazhi_ie.pretrained.PKUSEG_WHEEL_SHA256`.
    """
    import numpy as np

    sha256 = (sha256 or PKUSEG_WHEEL_SHA256).lower()
    path = Path(wheel)
    if not path.is_file():
        raise ModelError(E201, detail=f"no such wheel file: {path}")
    actual = sha256_file(path)
    if actual != sha256:
        raise ModelError(E202, path=path, expected=sha256, actual=actual)
    try:
        with zipfile.ZipFile(path) as zf:
            features_bytes = zf.read(FEATURES_MEMBER)
            weights_bytes = zf.read(WEIGHTS_MEMBER)
    except KeyError as exc:
        raise ModelError(E204, path=path, detail=f"the wheel lacks {exc.args[0]}") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise ModelError(E204, path=path, detail=f"not a readable zip: {exc}") from None

    features = _validate_features(restricted_loads(features_bytes), f"{path}!{FEATURES_MEMBER}")
    del features_bytes
    where = f"{path}!{WEIGHTS_MEMBER}"
    try:
        with np.load(io.BytesIO(weights_bytes), allow_pickle=False) as npz:
            sizes = np.asarray(npz["sizes"])
            w = np.asarray(npz["w"], dtype=np.float64)
    except Exception as exc:
        raise ModelError(E204, path=where, detail=f"unreadable weights: {exc}") from None
    n_tag, n_feature = len(features["tag_to_idx"]), len(features["feature_to_idx"])
    if sizes.shape != (2,) or (int(sizes[0]), int(sizes[1])) != (n_tag, n_feature):
        raise ModelError(
            E204, path=where, detail=f"sizes {sizes.tolist()} != ({n_tag}, {n_feature})"
        )
    if w.shape != (n_tag * (n_feature + n_tag),):
        raise ModelError(E204, path=where, detail=f"w has shape {w.shape}")
    return features, w
