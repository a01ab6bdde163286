"""The sink interface and atomic file writes shared by every sink (see sinks.py)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..records import Article
from ..tables import Rows, rows_of

Meta = dict[str, Any] | None


def fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory handles
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def replace_durably(tmp: Path, final: Path) -> None:
    """fsync ``tmp``, rename it to ``final`` (atomic), fsync the folder."""
    with tmp.open("rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, final)
    fsync_dir(final.parent)


def write_text_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    replace_durably(tmp, path)


class Sink:
    """The interface of every sink (see the module docstring)."""

    format = ""

    def __init__(self, path: Path, *, clean_text: bool = True) -> None:
        self.path = Path(path)
        self.clean_text = clean_text

    # the manifest
    def read_manifest(self) -> dict[str, Any] | None:
        raise NotImplementedError

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        raise NotImplementedError

    def exists(self) -> bool:
        return self.path.exists()

    def clear(self) -> None:
        raise NotImplementedError

    def recover(self) -> int:
        """Remove what a killed run left half-written; how many pieces were removed."""
        return 0

    def done_ids(self) -> set[str]:
        raise NotImplementedError

    def write(self, articles: Sequence[Article], metas: Sequence[Meta]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def rows(self, articles: Sequence[Article], metas: Sequence[Meta]) -> Rows:
        return rows_of(articles, metas)


__all__ = ["Meta", "Sink", "fsync_dir", "replace_durably", "write_text_atomic"]
