"""The parsing API: :func:`parse` for one text, :func:`parse_many` for streams.

spaCy, torch and the pipeline are imported when a text is parsed in this process, not
when this module is: a caller that only feeds worker processes (``n_process > 1``)
stays light, and its workers start sooner.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import gc
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .decode import replace_surrogates
from .errors import E101, E104, E107, E108, E401, ConfigError, InputError, error_notice, notice
from .inputs import InputDoc, record_to_input
from .records import PARTIAL_DATE_RE, Article, Notice
from .text import normalize
from .workers import _chunks, run_parallel

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

Item = str | Mapping[str, Any] | InputDoc
#: Default per-document limit of parse_many (characters): articles run to ~20,000;
#: 200,000 parse in ~16 s on one core (docs/reliability.md). None or 0: no limit.
MAX_CHARS = 200_000


def load(pkuseg_model: str | Path | None = None, **kwargs: Any) -> Language:
    """:func:`fazhi_ie.pipeline.load` (imported on first use)."""
    from .pipeline import load as load_pipeline

    return load_pipeline(pkuseg_model, **kwargs)


def _published(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str) and PARTIAL_DATE_RE.match(value.strip()):
        return value.strip()
    raise InputError(E107, value=value)


def parse(
    text: str,
    *,
    id: str | None = None,
    published: _dt.date | str | None = None,
    nlp: Language | None = None,
) -> Article:
    """Parse one article into an :class:`~fazhi_ie.records.Article`.

    ``text`` is the raw article text (noise included); every span in the
    result indexes into it. ``published`` is an optional publication date
    known from metadata (``date`` or ISO string); it overrides the date
    found in the text and serves as the base for relative dates.

    Raises :class:`~fazhi_ie.errors.InputError` (E101, E104, E107) for
    input that cannot be parsed. Use :func:`parse_many` for batches: it turns
    such errors into error records instead.
    """
    if not isinstance(text, str):
        raise InputError(E104, type=type(text).__name__)
    if not text.strip():
        raise InputError(E101)
    pub = _published(published)
    text, fixed = replace_surrogates(text)
    from .build import assemble
    from .pipeline import versions

    nlp = nlp or load()
    norm = normalize(text)
    doc = nlp(norm.text)
    return assemble(doc, norm, id=id, published=pub, warnings=fixed, pipeline=versions(nlp))


def _error_article(doc: InputDoc, err: Notice) -> Article:
    return Article(id=doc.id, text=doc.text or "", warnings=list(doc.warnings), error=err)


def _to_input(item: Item, index: int) -> InputDoc:
    if isinstance(item, InputDoc):
        return item
    if isinstance(item, str):
        return InputDoc(id=None, text=item)
    if isinstance(item, Mapping):
        doc = record_to_input(dict(item), str(index))
        if "id" not in item:
            doc.id = None
        return doc
    exc = InputError(E104, type=type(item).__name__)
    return InputDoc(id=None, error=error_notice(exc))


def _screen(doc: InputDoc, max_chars: int | None) -> InputDoc:
    """Lone surrogates replaced (W107); a document over ``max_chars`` refused (E108)."""
    if doc.error is not None or doc.text is None:
        return doc
    text, fixed = replace_surrogates(doc.text)
    if fixed:
        doc = dataclasses.replace(doc, text=text, warnings=[*doc.warnings, *fixed])
    if max_chars and len(text) > max_chars:
        err = notice(E108, size=len(text), unit="characters", limit=max_chars)
        return dataclasses.replace(doc, error=err)
    return doc


def _parse_batch(
    batch: list[InputDoc], get_nlp: Callable[[], Language], batch_size: int
) -> list[Article]:
    """Parse a batch; a document that fails becomes an error record.

    The pipeline is only loaded (``get_nlp()``) when the batch holds a
    readable document, so that unreadable input never waits for models.
    """
    out: list[Article | None] = [None] * len(batch)
    ready: list[tuple[int, Any, str | None]] = []
    for i, doc in enumerate(batch):
        if doc.error is not None:
            out[i] = _error_article(doc, doc.error)
            continue
        try:
            if doc.text is None or not doc.text.strip():
                raise InputError(E101)
            pub = _published(doc.published)
            ready.append((i, normalize(doc.text), pub))
        except Exception as exc:  # one bad document never kills the batch
            out[i] = _error_article(doc, error_notice(exc))
    if not ready:
        return [a for a in out if a is not None]
    from .build import assemble
    from .pipeline import versions

    nlp = get_nlp()
    info = versions(nlp)
    with gc_paused():
        try:
            docs = list(nlp.pipe((n.text for _, n, _ in ready), batch_size=batch_size))
        except Exception:
            docs = []
            for _, n, _ in ready:
                try:
                    docs.append(nlp(n.text))
                except Exception as exc:
                    docs.append(exc)
        for (i, norm, pub), sdoc in zip(ready, docs, strict=True):
            src = batch[i]
            if isinstance(sdoc, Exception):
                out[i] = _error_article(src, error_notice(sdoc))
                continue
            try:
                out[i] = assemble(
                    sdoc, norm, id=src.id, published=pub, warnings=src.warnings, pipeline=info
                )
            except Exception as exc:
                out[i] = _error_article(src, error_notice(exc))
    return [a for a in out if a is not None]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while one batch is parsed, and turned
    back on after it (also when the batch raises, e.g. a worker's time limit), if it was
    on. Parsing allocates many short-lived objects: the collector would run about a
    hundred young-generation passes per batch and, now and then, a full pass over the
    ~230k objects torch and spaCy hold (about 0.1 s); paused, it runs once after the
    batch. Cyclic garbage made by one batch is collected after it (docs/performance.md,
    round 5)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def parse_many(
    items: Iterable[Item],
    *,
    batch_size: int = 32,
    n_process: int = 1,
    progress: bool = False,
    total: int | None = None,
    pkuseg_model: str | Path | None = None,
    max_chars: int | None = MAX_CHARS,
    time_limit: float | None = None,
) -> Iterator[Article]:
    """Parse a stream of articles, yielding one Article per input, in order.

    ``items`` are texts, mappings ``{"id", "text", "published"?}`` or
    :class:`~fazhi_ie.inputs.InputDoc`. A document that cannot be parsed
    yields an Article whose ``error`` is set: nothing is dropped or repeated.
    ``n_process > 1`` parses in worker processes (each loads the pipeline once;
    from a script, call it under ``if __name__ == "__main__":``, else E150).
    ``max_chars``: a longer document becomes an error record (E108).
    ``time_limit``: seconds per document, in worker processes (one when
    ``n_process == 1``); a slower document becomes an error record (E109).
    See docs/reliability.md.
    """
    if batch_size < 1:
        raise ConfigError(
            E401,
            name="batch_size",
            value=batch_size,
            detail="must be >= 1",
            hint="Use a positive batch size such as 32.",
        )
    if n_process < 1:
        raise ConfigError(
            E401,
            name="n_process",
            value=n_process,
            detail="must be >= 1",
            hint="Use 1 for in-process parsing.",
        )
    if time_limit is not None and not time_limit > 0:
        raise ConfigError(
            E401,
            name="time_limit",
            value=time_limit,
            detail="must be > 0",
            hint="Give seconds per document, e.g. 60, or None for no limit.",
        )
    if max_chars is not None and max_chars < 0:
        raise ConfigError(
            E401,
            name="max_chars",
            value=max_chars,
            detail="must be >= 0",
            hint=f"Give a number of characters (default {MAX_CHARS}); None or 0: no limit.",
        )
    docs = (_screen(_to_input(item, i), max_chars) for i, item in enumerate(items))
    results: Iterator[Article]
    model = str(pkuseg_model) if pkuseg_model is not None else None
    if n_process == 1 and not time_limit:

        def get_nlp() -> Language:
            return load(model)

        results = (
            a
            for chunk in _chunks(docs, batch_size)
            for a in _parse_batch(chunk, get_nlp, batch_size)
        )
    else:
        results = run_parallel(
            docs,
            _parse_batch,
            batch_size=batch_size,
            n_process=n_process,
            model=model,
            time_limit=time_limit,
        )
    if progress:
        from tqdm.auto import tqdm

        results = iter(tqdm(results, total=total, unit="doc", desc="fazhi-ie"))
    yield from results
