"""Input documents for batch runs, with the extra fields of JSONL records.

Files, folders and stdin are read by :mod:`fazhi_ie.inputs`; this module adds
what a batch run needs on top: the fields of a JSONL record other than
``id``, ``text`` and ``published`` (carried through as metadata), and no
line-number ids: a record without ``"id"`` (and stdin text) gets its id from
its text (:func:`fazhi_ie.batch.ids.text_id`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import FazhiError, error_notice
from ..inputs import (
    JSONL_SUFFIXES,
    InputDoc,
    decode_bytes,
    iter_jsonl_objects,
    iter_path,
    record_to_input,
)

#: Fields of an input record that are not metadata.
RESERVED = frozenset({"id", "text", "published"})

Item = tuple[InputDoc, dict[str, Any] | None]


def _record(obj: Any, default_id: str) -> Item:
    doc = record_to_input(obj, default_id)
    meta = None
    if isinstance(obj, dict):
        if obj.get("id") is None and doc.text is not None:
            doc.id = None  # the batch run ids it from its text
        meta = {k: v for k, v in obj.items() if k not in RESERVED} or None
    elif isinstance(obj, str):
        doc.id = None
    return doc, meta


def iter_jsonl_records(lines: Iterable[bytes], source: str) -> Iterator[Item]:
    """One item per non-blank line; a broken line is an E105 error document."""
    for default_id, obj, error in iter_jsonl_objects(lines, source):
        yield (error, None) if error is not None else _record(obj, default_id)


def iter_batch_inputs(paths: Sequence[str], fmt: str = "auto") -> Iterator[Item]:
    """Documents and their metadata from files, folders, JSONL files and stdin (``-``)."""
    for p in paths or ["-"]:
        if p == "-":
            yield from _stdin(fmt)
            continue
        path = Path(p)
        if path.is_file() and path.suffix.lower() in JSONL_SUFFIXES:
            with path.open("rb") as fh:
                yield from iter_jsonl_records(fh, path.name)
        else:
            for doc in iter_path(path):
                yield doc, None


def _stdin(fmt: str) -> Iterator[Item]:
    data = sys.stdin.buffer.read()
    if fmt == "jsonl" or (fmt == "auto" and data.lstrip()[:1] == b"{"):
        yield from iter_jsonl_records(data.splitlines(), "stdin")
        return
    try:
        text, warnings = decode_bytes(data)
    except FazhiError as exc:
        yield InputDoc(id="stdin", error=error_notice(exc)), None
        return
    yield InputDoc(id=None, text=text, warnings=warnings), None


def count_inputs(paths: Sequence[str]) -> int | None:
    """How many documents the inputs hold (for the progress bar); None for stdin."""
    total = 0
    for p in paths or ["-"]:
        path = Path(p)
        if p == "-":
            return None
        if path.is_dir():
            total += sum(1 for q in path.iterdir() if q.is_file() and q.suffix == ".txt")
        elif path.is_file() and path.suffix.lower() in JSONL_SUFFIXES:
            with path.open("rb") as fh:
                total += sum(1 for line in fh if line.strip())
        else:
            total += 1
    return total


__all__ = ["RESERVED", "count_inputs", "iter_batch_inputs", "iter_jsonl_records"]
