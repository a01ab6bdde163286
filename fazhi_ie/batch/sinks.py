"""Where a batch run writes: JSONL, parquet, csv or SQLite, atomically per batch.

Every sink has the same life: :meth:`Sink.recover` removes what a killed run
left half-written, :meth:`Sink.done_ids` lists the documents already
written (a resume skips them), :meth:`Sink.write` commits one batch so that a
reader never sees part of it, and the manifest (:mod:`.manifest`) says which
configuration wrote the output.

* **jsonl**: ``OUT`` holds one Article JSON per line, appended and fsync'ed
  per batch; a torn last line (power cut mid-write) is cut on resume. Extra
  input fields go to ``OUT.metadata.jsonl`` (``{"id", "metadata"}`` lines), the
  manifest to ``OUT.manifest.json``: the article lines stay valid Article JSON.
* **parquet**, **csv**: ``OUT/`` holds one folder per table
  (:data:`fazhi_ie.tables.TABLES`) of ``part-NNNNNN`` files. Each part is
  written under a hidden temporary name, then renamed; the ``articles`` part
  is renamed last and is the commit: parts without it are removed on resume.
* **sqlite**: one SQL table per table, one transaction per batch, WAL mode.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import E505, ConfigError
from .base import Meta, Sink
from .jsonl import JsonlSink, read_jsonl_metadata

FORMATS = ("jsonl", "parquet", "csv", "sqlite")
SUFFIXES = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".csv": "csv",
    ".sqlite": "sqlite",
    ".sqlite3": "sqlite",
    ".db": "sqlite",
}


# --- choosing a sink ----------------------------------------------------------
def infer_format(path: Path, fmt: str | None = None) -> str:
    """The sink format: ``fmt`` when given, else the manifest of an existing
    output, else the suffix of ``path`` (E505 when none says)."""
    if fmt and fmt != "auto":
        return fmt
    manifest = path / "manifest.json"
    if path.is_dir() and manifest.exists():
        return str(json.loads(manifest.read_text(encoding="utf-8")).get("format", ""))
    found = SUFFIXES.get(path.suffix.lower())
    if found is None:
        raise ConfigError(E505, path=str(path))
    return found


def open_sink(path: str | Path, fmt: str | None = None, *, clean_text: bool = True) -> Sink:
    """A sink for ``path`` (format from ``fmt`` or the path, see :func:`infer_format`)."""
    path = Path(path)
    kind = infer_format(path, fmt)
    if kind == "jsonl":
        return JsonlSink(path, clean_text=clean_text)
    if kind in ("parquet", "csv"):
        from .parts import CsvSink, ParquetSink

        return (ParquetSink if kind == "parquet" else CsvSink)(path, clean_text=clean_text)
    if kind == "sqlite":
        from .sqlite import SqliteSink

        return SqliteSink(path, clean_text=clean_text)
    raise ConfigError(E505, path=str(path))


__all__ = [
    "FORMATS",
    "JsonlSink",
    "Meta",
    "Sink",
    "infer_format",
    "open_sink",
    "read_jsonl_metadata",
]
