"""The SQLite sink: one SQL table per flat table, one transaction per batch.

The database runs in WAL mode, so readers see the last committed batch while
the run goes on, and a killed run loses at most the batch in flight (SQLite
rolls it back on the next open). Dates are ISO text (``YYYY-MM-DD``),
booleans 0/1, enums and JSON columns text. The manifest is the JSON text in
table ``fazhi_manifest``.
"""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..records import Article
from ..tables import KEYS, TABLES
from .base import Meta, Sink

_SQL_TYPE = {"int": "INTEGER", "float": "REAL", "bool": "INTEGER"}
MANIFEST_TABLE = "fazhi_manifest"


def create_statements() -> list[str]:
    out = []
    for table, cols in TABLES.items():
        defs = [f'"{c}" {_SQL_TYPE.get(k, "TEXT")}' for c, k in cols]
        key = ", ".join(f'"{k}"' for k in KEYS[table])
        out.append(f'CREATE TABLE IF NOT EXISTS "{table}" ({", ".join(defs)}, PRIMARY KEY ({key}))')
    out.append(f'CREATE TABLE IF NOT EXISTS "{MANIFEST_TABLE}" (id INTEGER PRIMARY KEY, json TEXT)')
    return out


def _value(v: Any) -> Any:
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, _dt.date):
        return v.isoformat()
    return v


class SqliteSink(Sink):
    format = "sqlite"

    def __init__(self, path: Path, *, clean_text: bool = True) -> None:
        super().__init__(path, clean_text=clean_text)
        self._conn: sqlite3.Connection | None = None

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            for stmt in create_statements():
                conn.execute(stmt)
            self._conn = conn
        return self._conn

    def exists(self) -> bool:
        return self.path.exists() and self.path.stat().st_size > 0

    def read_manifest(self) -> dict[str, Any] | None:
        if not self.path.exists():
            return None
        row = self.conn.execute(f'SELECT json FROM "{MANIFEST_TABLE}" WHERE id = 1').fetchone()
        return json.loads(row[0]) if row else None

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        text = json.dumps(manifest, ensure_ascii=False)
        with self._transaction() as conn:
            conn.execute(f'INSERT OR REPLACE INTO "{MANIFEST_TABLE}" VALUES (1, ?)', (text,))

    def clear(self) -> None:
        self.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)

    def done_ids(self) -> set[str]:
        return {r[0] for r in self.conn.execute('SELECT article_id FROM "articles"')}

    def write(self, articles: Sequence[Article], metas: Sequence[Meta]) -> None:
        rows = self.rows(articles, metas)
        with self._transaction() as conn:
            for table, cols in TABLES.items():
                if not rows[table]:
                    continue
                names = [c for c, _ in cols]
                sql = 'INSERT INTO "{}" VALUES ({})'.format(table, ", ".join("?" * len(names)))
                conn.executemany(sql, [[_value(r[c]) for c in names] for r in rows[table]])

    def _transaction(self) -> _Tx:
        return _Tx(self.conn)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class _Tx:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")


__all__ = ["MANIFEST_TABLE", "SqliteSink", "create_statements"]
