"""The batch run: ids, resume, parsing in order, committing batches, progress, summary.

:func:`run_batch` reads ``(InputDoc, metadata)`` items, gives each document
its id (:mod:`.ids`), skips those the output already holds (``resume``),
parses the rest with :func:`fazhi_ie.parse_many` (or any function with its
contract: one Article per document, in order, e.g. :func:`fazhi_ie.dask.parse_stream`)
and commits them ``commit_every`` at a time to a :class:`~.sinks.Sink`.
"""

from __future__ import annotations

import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import E401, E501, E506, ConfigError
from ..inputs import InputDoc
from ..records import Article
from .ids import IdAssigner
from .manifest import check_models, check_resume, models_of, new_manifest
from .reading import Item
from .sinks import Meta, Sink

ParseFn = Callable[[Iterator[InputDoc]], Iterable[Article]]


@dataclass
class Summary:
    """What a batch run did (``line()`` is the closing summary)."""

    parsed: int = 0
    failed: Counter[str] = field(default_factory=Counter)
    skipped: int = 0
    duplicates: int = 0
    recovered: int = 0
    chars: int = 0
    seconds: float = 0.0

    @property
    def done(self) -> int:
        return self.parsed + sum(self.failed.values())

    def line(self) -> str:
        n_failed = sum(self.failed.values())
        codes = ", ".join(f"{c}: {n}" for c, n in sorted(self.failed.items()))
        secs = max(self.seconds, 1e-9)
        parts = [f"{self.parsed} parsed, {n_failed} failed" + (f" ({codes})" if codes else "")]
        if self.skipped:
            parts.append(f"{self.skipped} already done (skipped)")
        if self.duplicates:
            parts.append(f"{self.duplicates} duplicate id(s) renamed (W501)")
        parts.append(
            f"{self.seconds:.1f} s, {self.done / secs:.1f} docs/s, {self.chars / secs:,.0f} chars/s"
        )
        return "; ".join(parts)


def prepare(
    sink: Sink, manifest: dict[str, Any], *, resume: bool, overwrite: bool
) -> tuple[dict[str, Any], set[str], int]:
    """Check the output against this run; returns (manifest, done ids, pieces recovered)."""
    where = str(sink.path)
    try:
        old = sink.read_manifest()
    except Exception as exc:
        raise ConfigError(E506, path=where, detail=f"unreadable manifest ({exc})") from exc
    if overwrite:
        sink.clear()
        old = None
    elif old is not None:
        if not resume:
            raise ConfigError(E501, path=where)
        check_resume(where, old, manifest)
        old["resumed"] = int(old.get("resumed", 0)) + 1
        old["inputs"] = manifest["inputs"]
        recovered = sink.recover()
        done = sink.done_ids()
        sink.write_manifest(old)
        return old, done, recovered
    elif sink.exists():
        if sink.format != "jsonl" or resume:
            raise ConfigError(E506, path=where, detail="it exists but has no manifest")
        sink.clear()  # a plain JSONL file is overwritten, as `parse -o` always did
    sink.write_manifest(manifest)
    return manifest, set(), 0


def _progress(total: int | None, initial: int) -> Any:
    from tqdm.auto import tqdm

    if total is not None:
        initial = min(initial, total)
    return tqdm(total=total, initial=initial, unit="doc", desc="fazhi-ie", file=sys.stderr)


def run_batch(
    items: Iterable[Item],
    sink: Sink,
    *,
    parse: ParseFn,
    options: Mapping[str, Any] | None = None,
    inputs: Sequence[str] = (),
    resume: bool = False,
    overwrite: bool = False,
    commit_every: int = 500,
    progress: bool = False,
    total: int | None = None,
    log: Callable[[str], None] | None = None,
) -> Summary:
    """Parse ``items`` into ``sink``; see the module docstring. Returns the summary."""
    if commit_every < 1:
        raise ConfigError(
            E401,
            name="commit_every",
            value=commit_every,
            detail="must be >= 1",
            hint="Use a positive number of documents per committed batch, such as 500.",
        )
    say = log or (lambda msg: print(f"fazhi-ie: {msg}", file=sys.stderr))
    fresh = new_manifest(sink.format, options or {}, inputs)
    manifest, done, recovered = prepare(sink, fresh, resume=resume, overwrite=overwrite)
    summary = Summary(recovered=recovered)
    if recovered:
        say(f"removed {recovered} half-written piece(s) left by an interrupted run")
    ids = IdAssigner()
    pending: deque[tuple[str, Meta, int]] = deque()

    def todo() -> Iterator[InputDoc]:
        for doc, meta in items:
            doc_id = ids.assign_doc(doc)
            if ids.duplicates > summary.duplicates:
                summary.duplicates = ids.duplicates
                if summary.duplicates <= 20:
                    say(f"{doc.warnings[-1].message} (W501)")
            if doc_id in done:
                summary.skipped += 1
                continue
            pending.append((doc_id, meta, len(doc.text or "")))
            yield doc

    bar = _progress(total, len(done)) if progress else None
    t0 = time.perf_counter()
    batch: list[Article] = []
    metas: list[Meta] = []

    def commit() -> None:
        for art in batch:
            models = models_of(art.pipeline) if art.error is None else None
            if models and check_models(str(sink.path), manifest, models):
                sink.write_manifest(manifest)
        sink.write(batch, metas)
        for art in batch:
            if art.error is None:
                summary.parsed += 1
            else:
                summary.failed[art.error.code] += 1
        if bar is not None:
            bar.update(len(batch))
            secs = max(time.perf_counter() - t0, 1e-9)
            bar.set_postfix(
                chars_s=f"{summary.chars / secs:,.0f}", errors=sum(summary.failed.values())
            )
        batch.clear()
        metas.clear()

    try:
        for art in parse(todo()):
            doc_id, meta, n_chars = pending.popleft()
            if art.id != doc_id:  # pragma: no cover - the parse contract is broken
                raise RuntimeError(f"parse returned {art.id!r} where {doc_id!r} was expected")
            summary.chars += n_chars
            batch.append(art)
            metas.append(meta)
            if len(batch) >= commit_every:
                commit()
        if batch:
            commit()
    finally:
        summary.seconds = time.perf_counter() - t0
        if bar is not None:
            bar.close()
        sink.close()
    return summary


__all__ = ["ParseFn", "Summary", "prepare", "run_batch"]
