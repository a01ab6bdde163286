"""Reading documents: decoding bytes and iterating over files, folders and JSONL.

Every input document yields exactly one :class:`InputDoc`, either with text or
with an error notice, so that a batch never loses or duplicates a document.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from .decode import decode_bytes
from .errors import E105, E106, E108, FazhiError, InputError, error_notice
from .records import Notice

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
#: Files larger than this are not read (E108): no article is near it, and reading
#: it whole would cost memory before the per-document character limit applies.
MAX_FILE_BYTES = 256 * 2**20

__all__ = ["InputDoc", "decode_bytes", "iter_jsonl", "iter_path", "iter_stdin"]


@dataclass
class InputDoc:
    """One document to parse: its text, or the error that prevented reading it."""

    id: str | None
    text: str | None = None
    published: str | None = None
    warnings: list[Notice] = field(default_factory=list)
    error: Notice | None = None


def read_text_file(path: Path) -> InputDoc:
    doc_id = path.stem
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(E108, size=size, unit="bytes", limit=f"{MAX_FILE_BYTES} bytes")
        text, warnings = decode_bytes(path.read_bytes())
    except FazhiError as exc:
        return InputDoc(id=doc_id, error=error_notice(exc))
    except OSError as exc:
        return InputDoc(id=doc_id, error=Notice(code="E106", message=str(exc)))
    return InputDoc(id=doc_id, text=text, warnings=warnings)


def record_to_input(obj: Any, default_id: str) -> InputDoc:
    """A JSON record ``{"id", "text", "published"?}`` (or a bare string) as an InputDoc."""
    if isinstance(obj, str):
        return InputDoc(id=default_id, text=obj)
    if not isinstance(obj, dict):
        exc = InputError(
            E105, line=default_id, detail=f"expected an object, got {type(obj).__name__}"
        )
        return InputDoc(id=default_id, error=error_notice(exc))
    doc_id = obj.get("id", default_id)
    doc_id = default_id if doc_id is None else str(doc_id)
    text = obj.get("text")
    if not isinstance(text, str):
        exc = InputError(E105, line=default_id, detail='missing or non-string "text"')
        return InputDoc(id=doc_id, error=error_notice(exc))
    published = obj.get("published")
    return InputDoc(
        id=doc_id, text=text, published=published if isinstance(published, str) else None
    )


def iter_jsonl_objects(
    lines: Iterable[bytes], source: str
) -> Iterator[tuple[str, Any | None, InputDoc | None]]:
    """``(default id, parsed object, None)`` per non-blank line, or ``(default id, None,
    error document)`` for a line that is not JSON (E105)."""
    for lineno, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        default_id = f"{source}:{lineno}"
        try:
            text, _ = decode_bytes(raw)
            obj = json.loads(text)
        except (FazhiError, json.JSONDecodeError) as exc:
            detail = exc.message if isinstance(exc, FazhiError) else exc.msg
            err = InputError(E105, line=lineno, detail=detail)
            yield default_id, None, InputDoc(id=default_id, error=error_notice(err))
            continue
        yield default_id, obj, None


def iter_jsonl(lines: Iterable[bytes], source: str) -> Iterator[InputDoc]:
    for default_id, obj, error in iter_jsonl_objects(lines, source):
        yield error if error is not None else record_to_input(obj, default_id)


def iter_path(path: Path) -> Iterator[InputDoc]:
    """Documents in a file, a folder of .txt files, or a JSONL file."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix in {".txt"})
        for p in files:
            yield read_text_file(p)
        return
    if not path.exists():
        err = InputError(E106, path=str(path))
        yield InputDoc(id=path.stem or str(path), error=error_notice(err))
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        with path.open("rb") as fh:
            yield from iter_jsonl(fh, path.name)
        return
    yield read_text_file(path)


def iter_stdin(stream: BinaryIO | None = None, fmt: str = "auto") -> Iterator[InputDoc]:
    data = (stream or sys.stdin.buffer).read()
    if fmt == "jsonl" or (fmt == "auto" and data.lstrip()[:1] == b"{"):
        yield from iter_jsonl(data.splitlines(), "stdin")
        return
    try:
        text, warnings = decode_bytes(data)
    except FazhiError as exc:
        yield InputDoc(id="stdin", error=error_notice(exc))
        return
    yield InputDoc(id="stdin", text=text, warnings=warnings)
