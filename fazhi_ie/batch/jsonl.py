"""The JSONL sink: ``OUT`` holds one Article JSON per line, appended and fsync'ed per
batch; a torn last line (a power cut mid-write) is cut on resume. Extra input
fields go to ``OUT.metadata.jsonl`` (``{"id", "metadata"}`` lines) and the
manifest to ``OUT.manifest.json``, so that the article lines stay valid Article JSON.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..records import Article
from .base import Meta, Sink, write_text_atomic

_ID_RE = re.compile(rb'^\{"schema_version":\s*"[^"]*",\s*"id":\s*("(?:[^"\\]|\\.)*"|null)')


class JsonlSink(Sink):
    format = "jsonl"

    @property
    def manifest_path(self) -> Path:
        return self.path.with_name(self.path.name + ".manifest.json")

    @property
    def metadata_path(self) -> Path:
        return self.path.with_name(self.path.name + ".metadata.jsonl")

    def read_manifest(self) -> dict[str, Any] | None:
        if not self.manifest_path.exists():
            return None
        return json.loads(self.manifest_path.read_text(encoding="utf-8"))

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        text = json.dumps(manifest, ensure_ascii=False, indent=2)
        write_text_atomic(self.manifest_path, text + "\n")

    def clear(self) -> None:
        for p in (self.path, self.manifest_path, self.metadata_path):
            p.unlink(missing_ok=True)

    def recover(self) -> int:
        return sum(_cut_torn_tail(p) for p in (self.path, self.metadata_path))

    def done_ids(self) -> set[str]:
        done: set[str] = set()
        if not self.path.exists():
            return done
        with self.path.open("rb") as fh:
            for line in fh:
                m = _ID_RE.match(line)
                value = json.loads(m.group(1)) if m else json.loads(line).get("id")
                if value is not None:
                    done.add(value)
        return done

    def write(self, articles: Sequence[Article], metas: Sequence[Meta]) -> None:
        exclude = None if self.clean_text else {"clean_text"}
        lines = [
            json.dumps(a.model_dump(mode="json", exclude=exclude), ensure_ascii=False) + "\n"
            for a in articles
        ]
        meta_lines = [
            json.dumps({"id": a.id, "metadata": m}, ensure_ascii=False) + "\n"
            for a, m in zip(articles, metas, strict=True)
            if m
        ]
        if meta_lines:  # before the articles: an orphan metadata line is harmless
            _append(self.metadata_path, "".join(meta_lines))
        _append(self.path, "".join(lines))


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


def _cut_torn_tail(path: Path) -> int:
    """Truncate a file after its last newline; 1 when something was cut."""
    if not path.exists() or path.stat().st_size == 0:
        return 0
    with path.open("rb+") as fh:
        size = fh.seek(0, os.SEEK_END)
        pos = size
        while pos > 0:
            step = min(65536, pos)
            fh.seek(pos - step)
            chunk = fh.read(step)
            nl = chunk.rfind(b"\n")
            if nl >= 0:
                keep = pos - step + nl + 1
                break
            pos -= step
        else:
            keep = 0
        if keep == size:
            return 0
        fh.truncate(keep)
        fh.flush()
        os.fsync(fh.fileno())
    return 1


def read_jsonl_metadata(path: Path) -> dict[str, dict[str, Any]]:
    """``OUT.metadata.jsonl`` as {id: metadata} (the last line for an id wins)."""
    meta_path = path.with_name(path.name + ".metadata.jsonl")
    out: dict[str, dict[str, Any]] = {}
    if meta_path.exists():
        with meta_path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    obj = json.loads(line)
                    out[obj["id"]] = obj["metadata"]
    return out


__all__ = ["JsonlSink", "read_jsonl_metadata"]
