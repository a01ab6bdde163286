"""Runs already done: JSONL of Articles into table sinks, and any output back as frames.

``fazhi-ie export OUT.jsonl -o tables.parquet`` turns the JSONL a run wrote
(``fazhi-ie parse -o OUT.jsonl``, or any file of Article JSON lines) into the
parquet, csv or SQLite tables, with the same ids, commits and resume rules as
a parse run. :func:`read_tables` loads any sink's output as typed pandas
DataFrames.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..errors import E506, ConfigError
from ..records import Article
from ..tables import TABLES, arrow_schema, to_frames, typed
from .ids import IdAssigner
from .manifest import new_manifest
from .runner import Summary, prepare
from .sinks import JsonlSink, Sink, infer_format, read_jsonl_metadata


def iter_articles(path: Path) -> Iterator[Article]:
    """The Articles of a JSONL file (blank lines skipped; a torn last line ignored)."""
    with path.open("rb") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            if not line.endswith(b"\n"):  # a run killed mid-write: not committed
                return
            try:
                yield Article.model_validate_json(line)
            except ValueError as exc:
                raise ConfigError(E506, path=str(path), detail=f"line {lineno}: {exc}") from exc


def export_jsonl(
    src: str | Path,
    sink: Sink,
    *,
    resume: bool = False,
    overwrite: bool = False,
    commit_every: int = 1000,
    log: Callable[[str], None] | None = None,
) -> Summary:
    """Write the Articles of ``src`` (JSONL) to ``sink``; returns the summary."""
    src = Path(src)
    say = log or (lambda msg: print(f"fazhi-ie: {msg}", file=sys.stderr))
    if not src.is_file():
        raise ConfigError(E506, path=str(src), detail="no such file")
    source = JsonlSink(src).read_manifest() or {}
    manifest = new_manifest(sink.format, source.get("options", {}), [str(src)])
    manifest["models"] = source.get("models")
    manifest, done, recovered = prepare(sink, manifest, resume=resume, overwrite=overwrite)
    metadata = read_jsonl_metadata(src)
    summary = Summary(recovered=recovered)
    ids = IdAssigner()
    t0 = time.perf_counter()
    batch: list[Article] = []
    metas: list[dict[str, Any] | None] = []
    try:
        for art in iter_articles(src):
            old = art.id
            art.id, warning = ids.assign(art.id, art.text)
            if warning is not None:
                art.warnings.append(warning)
                say(f"{warning.message} (W501)")
            if art.id in done:
                summary.skipped += 1
                continue
            batch.append(art)
            metas.append(metadata.get(old) if old is not None else None)
            if art.error is None:
                summary.parsed += 1
            else:
                summary.failed[art.error.code] += 1
            summary.chars += len(art.text)
            if len(batch) >= commit_every:
                sink.write(batch, metas)
                batch.clear()
                metas.clear()
        if batch:
            sink.write(batch, metas)
    finally:
        summary.duplicates = ids.duplicates
        summary.seconds = time.perf_counter() - t0
        sink.close()
    return summary


def read_tables(path: str | Path, fmt: str | None = None) -> dict[str, Any]:
    """The output of a batch run (any sink) as typed pandas DataFrames, one per table."""
    import pandas as pd

    path = Path(path)
    kind = infer_format(path, fmt)
    if kind == "jsonl":
        metadata = read_jsonl_metadata(path)
        arts = list(iter_articles(path))
        return to_frames(arts, [metadata.get(a.id or "") for a in arts])
    out = {}
    for table in TABLES:
        if kind == "sqlite":
            import sqlite3

            with sqlite3.connect(path) as conn:
                df = pd.read_sql_query(f'SELECT * FROM "{table}"', conn)
        elif kind == "parquet":
            import pyarrow.parquet as pq

            folder = path / table
            parts = sorted(folder.glob("part-*.parquet")) if folder.is_dir() else []
            files = [str(p) for p in parts]
            df = pq.read_table(files, schema=arrow_schema(table)).to_pandas() if parts else None
        else:
            parts = sorted((path / table).glob("part-*.csv"))
            frames = [
                pd.read_csv(p, dtype=str, na_values=[""], keep_default_na=False) for p in parts
            ]
            df = pd.concat(frames, ignore_index=True) if frames else None
        if df is None:
            df = pd.DataFrame({c: [] for c, _ in TABLES[table]})
        out[table] = typed(table, df)
    return out


__all__ = ["export_jsonl", "iter_articles", "read_tables"]
