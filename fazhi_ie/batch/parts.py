"""Folder sinks: one folder per table of ``part-NNNNNN`` parquet or csv files.

A batch is committed by renaming its parts into place, the ``articles`` part
last: a part of another table whose ``articles`` part is missing belongs to a
batch that was never committed and is removed by :meth:`PartsSink.recover`,
as are hidden temporary files. Readers (pandas, pyarrow, DuckDB) skip hidden
files, so they never see a half-written part.
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..records import Article
from ..tables import TABLES, arrow_table
from .base import Meta, Sink, replace_durably, write_text_atomic

_PART = re.compile(r"^part-(\d{6,})\.(parquet|csv)$")
#: Tables renamed into place before ``articles``, which commits the batch.
_ORDER = [t for t in TABLES if t != "articles"] + ["articles"]


class PartsSink(Sink):
    suffix = ""

    @property
    def manifest_path(self) -> Path:
        return self.path / "manifest.json"

    def read_manifest(self) -> dict[str, Any] | None:
        if not self.manifest_path.exists():
            return None
        return json.loads(self.manifest_path.read_text(encoding="utf-8"))

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        text = json.dumps(manifest, ensure_ascii=False, indent=2)
        write_text_atomic(self.manifest_path, text + "\n")

    def exists(self) -> bool:
        return self.path.exists() and any(self.path.iterdir())

    def clear(self) -> None:
        if self.path.is_dir():
            shutil.rmtree(self.path)
        elif self.path.exists():
            self.path.unlink()

    def _parts(self, table: str) -> dict[int, Path]:
        folder = self.path / table
        if not folder.is_dir():
            return {}
        out = {}
        for p in folder.iterdir():
            m = _PART.match(p.name)
            if m and m.group(2) == self.suffix:
                out[int(m.group(1))] = p
        return out

    def recover(self) -> int:
        removed = 0
        committed = set(self._parts("articles"))
        for table in TABLES:
            folder = self.path / table
            if not folder.is_dir():
                continue
            for p in folder.iterdir():
                if p.name.startswith(".") and p.name.endswith(".tmp"):
                    p.unlink()
                    removed += 1
            for seq, p in self._parts(table).items():
                if seq not in committed:
                    p.unlink()
                    removed += 1
        self._next = max(committed, default=0) + 1
        return removed

    def done_ids(self) -> set[str]:
        done: set[str] = set()
        for p in self._parts("articles").values():
            done.update(self._ids(p))
        return done

    def write(self, articles: Sequence[Article], metas: Sequence[Meta]) -> None:
        if not hasattr(self, "_next"):
            self.recover()
        seq = self._next
        rows = self.rows(articles, metas)
        staged = []
        for table in _ORDER:
            folder = self.path / table
            folder.mkdir(parents=True, exist_ok=True)
            tmp = folder / f".part-{seq:06d}.{self.suffix}.tmp"
            self._write_part(table, rows[table], tmp)
            staged.append((tmp, folder / f"part-{seq:06d}.{self.suffix}"))
        for tmp, final in staged:
            replace_durably(tmp, final)
        self._next = seq + 1

    def _write_part(self, table: str, rows: list[dict[str, Any]], path: Path) -> None:
        raise NotImplementedError

    def _ids(self, part: Path) -> list[str]:
        raise NotImplementedError


class ParquetSink(PartsSink):
    format = "parquet"
    suffix = "parquet"

    def _write_part(self, table: str, rows: list[dict[str, Any]], path: Path) -> None:
        import pyarrow.parquet as pq

        pq.write_table(arrow_table(table, rows), path, compression="zstd")

    def _ids(self, part: Path) -> list[str]:
        import pyarrow.parquet as pq

        return pq.read_table(part, columns=["article_id"]).column(0).to_pylist()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


class CsvSink(PartsSink):
    format = "csv"
    suffix = "csv"

    def _write_part(self, table: str, rows: list[dict[str, Any]], path: Path) -> None:
        cols = [c for c, _ in TABLES[table]]
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(cols)
            for r in rows:
                w.writerow([_cell(r[c]) for c in cols])

    def _ids(self, part: Path) -> list[str]:
        with part.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            next(reader, None)
            return [row[0] for row in reader if row]


__all__ = ["CsvSink", "ParquetSink", "PartsSink"]
