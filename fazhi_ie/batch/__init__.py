"""Batch runs at corpus scale: resumable sinks (JSONL, parquet, csv, SQLite).

``fazhi-ie parse INPUT... -o OUT [--format ...] [--resume]`` runs
:func:`~fazhi_ie.batch.runner.run_batch`; see docs/batch.md.
"""

from __future__ import annotations

from .export import export_jsonl, read_tables
from .ids import text_id
from .reading import iter_batch_inputs
from .runner import Summary, run_batch
from .sinks import FORMATS, Sink, open_sink

__all__ = [
    "FORMATS",
    "Sink",
    "Summary",
    "export_jsonl",
    "iter_batch_inputs",
    "open_sink",
    "read_tables",
    "run_batch",
    "text_id",
]
