"""Preparing the model once: fetch the wheel, verify, read, prune, write (``fazhi-ie download``)."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from fazhi_ie.errors import E201, ModelError
from fazhi_ie.pretrained import PKUSEG_THRESHOLD, PKUSEG_VERSION, PKUSEG_WHEEL_SHA256

from .convert import check_threshold, write_model
from .paths import CACHE_ENV_VAR, ENV_VAR, default_model_dir, is_model_dir, read_meta, threshold_tag
from .wheel import pip_download, read_wheel_model


def _say(progress: bool, message: str) -> None:
    if progress:
        print(f"fazhi_ie: {message}", file=sys.stderr, flush=True)


def prepare_model(
    dest: str | os.PathLike[str] | None = None,
    *,
    wheel: str | os.PathLike[str] | None = None,
    threshold: float = PKUSEG_THRESHOLD,
    progress: bool = False,
    sha256: str | None = None,
) -> Path:
    """Fetch, verify, convert and prune the pkuseg ``default`` model into ``dest``.

    ``dest`` defaults to ``default_model_dir(threshold)`` in the cache.
    ``wheel`` is a local copy of the pkuseg 0.0.25 wheel; without it the wheel
    is fetched with ``pip download`` into a temporary directory. ``sha256`` is
    the expected checksum of the wheel (default
    :data:`~fazhi_ie.pretrained.PKUSEG_WHEEL_SHA256`). An existing model at
    ``dest`` is replaced; a directory holding other files is not.
    """
    threshold = check_threshold(threshold)
    dest = Path(dest).expanduser() if dest is not None else default_model_dir(threshold)
    with contextlib.ExitStack() as stack:
        if wheel is None:
            tmpdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="fazhi_ie-")))
            _say(progress, f"downloading pkuseg=={PKUSEG_VERSION} (~50 MB) with pip ...")
            wheel_path = pip_download(tmpdir)
        else:
            wheel_path = Path(wheel).expanduser()
        _say(progress, f"verifying and reading {wheel_path.name} ...")
        features, w = read_wheel_model(wheel_path, sha256=sha256)
    _say(progress, f"pruning features with max |w| < {threshold_tag(threshold)} ...")
    provenance = {"wheel": wheel_path.name, "sha256": (sha256 or PKUSEG_WHEEL_SHA256).lower()}
    try:
        write_model(dest, features, w, threshold=threshold, provenance=provenance)
    except OSError as exc:
        raise ModelError(
            E201,
            detail=f"could not write it to {dest} ({exc}); set {CACHE_ENV_VAR} to a writable "
            "directory",
        ) from None
    _say(progress, f"model ready in {dest}")
    return dest


def download_command(
    to: str | os.PathLike[str] | None = None,
    wheel: str | os.PathLike[str] | None = None,
    threshold: float = PKUSEG_THRESHOLD,
    *,
    force: bool = False,
    sha256: str | None = None,
) -> Path:
    """What ``fazhi-ie download [--to DIR] [--wheel FILE] [--threshold X]`` does.

    Prepares the model in ``to`` (default: the cache directory for
    ``threshold``), printing progress to stderr, and returns the directory. A
    directory already prepared from the same wheel (checksum ``sha256``, by
    default the published one) at the same threshold is kept unless ``force``.
    """
    threshold = check_threshold(threshold)
    expected = (sha256 or PKUSEG_WHEEL_SHA256).lower()
    dest = Path(to).expanduser() if to is not None else default_model_dir(threshold)
    if not force and is_model_dir(dest):
        meta = read_meta(dest)
        if meta.get("sha256") == expected and meta.get("threshold") == threshold:
            _say(True, f"the pkuseg model is already prepared in {dest}")
            return dest
    prepare_model(dest, wheel=wheel, threshold=threshold, progress=True, sha256=sha256)
    if dest != default_model_dir():
        _say(True, f"to use it, set {ENV_VAR}={dest} or pass it as the pkuseg model")
    return dest
