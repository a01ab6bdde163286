"""Parsing on a Dask cluster (the ``dask`` extra: dask[dataframe], distributed).

The pipeline is never shipped in the task graph: each worker process loads it
once, on its first task (:func:`worker_nlp`, a module-level cache), with
torch limited to one thread. Tasks carry documents and return Articles.

* :func:`parse_bag`: a ``dask.bag`` of texts, ``{"id", "text", "published"?}``
  mappings or InputDocs -> a bag of Articles;
* :func:`parse_dataframe`: a ``dask.dataframe`` with a text column -> a bag of
  Articles; :func:`to_dataframes` turns such a bag into one lazy
  ``dask.dataframe`` per table (:data:`fazhi_ie.tables.TABLES`);
* :func:`parse_stream`: documents in, Articles out in input order, through a
  ``distributed.Client`` (what ``fazhi-ie parse --dask`` runs; a worker that
  dies mid-run has its tasks rerun elsewhere by the scheduler);
* :func:`connect`: ``"local"`` (a LocalCluster on this machine, loopback
  only) or a scheduler address (``tcp://host:8786``, a dask-jobqueue cluster).
"""

from __future__ import annotations

import itertools
import os
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .api import MAX_CHARS, parse_many
from .batch.ids import text_id
from .errors import E504, E507, ConfigError
from .inputs import InputDoc
from .pipeline import load
from .records import Article
from .tables import TABLES, frame, frames_from_rows, rows_of

if TYPE_CHECKING:  # pragma: no cover
    import dask.bag as db
    import dask.dataframe as dd
    from distributed import Client

_lock = threading.Lock()
_loaded: dict[str | None, Any] = {}
#: How many times this process loaded the pipeline (once per worker is the contract).
LOADS = 0
#: Environment of the worker processes of ``connect("local")``: one thread each.
WORKER_ENV = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}


def _require() -> None:
    for module in ("dask", "distributed"):
        try:
            __import__(module)
        except ImportError as exc:
            raise ConfigError(E504, module=module, detail=str(exc)) from exc


def worker_nlp(pkuseg_model: str | None = None) -> Any:
    """The pipeline of this worker process, loaded on first use (torch: one thread)."""
    global LOADS
    with _lock:
        if pkuseg_model not in _loaded:
            _loaded[pkuseg_model] = load(pkuseg_model)
            LOADS += 1
            torch = sys.modules.get("torch")
            if torch is not None:  # the NER stage runs torch: one thread per worker
                torch.set_num_threads(1)
        return _loaded[pkuseg_model]


def loads() -> int:
    """Pipeline loads in this process (``client.run(fazhi_ie.dask.loads)``)."""
    return LOADS


def _with_id(item: Any) -> Any:
    if isinstance(item, str):
        return {"id": text_id(item), "text": item}
    if isinstance(item, Mapping) and item.get("id") is None and isinstance(item.get("text"), str):
        return {**item, "id": text_id(item["text"])}
    return item


def parse_docs(
    items: Iterable[Any],
    *,
    batch_size: int = 32,
    pkuseg_model: str | None = None,
    max_chars: int | None = MAX_CHARS,
) -> list[Article]:
    """Parse documents in this worker (the task every function here runs).

    A document without an id gets :func:`fazhi_ie.batch.ids.text_id` of its text; one
    longer than ``max_chars`` becomes an error record (E108), as in ``parse_many``.
    """
    items = [_with_id(x) for x in items]
    model = str(pkuseg_model) if pkuseg_model is not None else None
    if any(not isinstance(x, InputDoc) or x.error is None for x in items):
        worker_nlp(model)
    return list(parse_many(items, batch_size=batch_size, pkuseg_model=model, max_chars=max_chars))


def parse_bag(
    bag: db.Bag,
    *,
    batch_size: int = 32,
    pkuseg_model: str | None = None,
    max_chars: int | None = MAX_CHARS,
) -> db.Bag:
    """A bag of documents -> a bag of Articles (one per document, same partitions)."""
    _require()
    return bag.map_partitions(
        parse_docs, batch_size=batch_size, pkuseg_model=pkuseg_model, max_chars=max_chars
    )


def parse_dataframe(
    ddf: dd.DataFrame,
    *,
    text: str = "text",
    id: str | None = "id",
    published: str | None = None,
    batch_size: int = 32,
    pkuseg_model: str | None = None,
    max_chars: int | None = MAX_CHARS,
) -> db.Bag:
    """The ``text`` column of a dask DataFrame (ids from ``id``, else the text) -> Articles."""
    _require()
    cols = {"text": text, "id": id, "published": published}
    keep = {k: v for k, v in cols.items() if v is not None and v in ddf.columns}
    bag = ddf[list(keep.values())].to_bag(index=False, format="dict").map(_record, keep)
    return parse_bag(bag, batch_size=batch_size, pkuseg_model=pkuseg_model, max_chars=max_chars)


def _record(row: Mapping[str, Any], keep: Mapping[str, str]) -> dict[str, Any]:
    rec = {k: row[v] for k, v in keep.items()}
    for k in ("id", "published"):
        value = rec.get(k)
        if value is not None and value == value:  # NaN (a missing value) is not equal to itself
            rec[k] = value if k == "published" else str(value)
        else:
            rec.pop(k, None)
    return rec


def _delayed(fn: Any) -> Any:
    import dask

    return dask.delayed(fn, pure=True)


def _frames(articles: list[Article]) -> dict[str, Any]:
    return frames_from_rows(rows_of(articles))


def to_dataframes(articles: db.Bag) -> dict[str, dd.DataFrame]:
    """A bag of Articles -> one lazy dask DataFrame per table (compute them together:
    ``dask.compute(*frames.values())`` parses each partition once)."""
    _require()
    import dask.dataframe as ddf

    parts = [_delayed(_frames)(p) for p in articles.to_delayed()]
    return {
        t: ddf.from_delayed([_delayed(_pick)(p, t) for p in parts], meta=frame(t, []))
        for t in TABLES
    }


def _pick(frames: dict[str, Any], table: str) -> Any:
    return frames[table]


def parse_stream(
    docs: Iterable[Any],
    client: Client,
    *,
    batch_size: int = 32,
    pkuseg_model: str | None = None,
    window: int | None = None,
    max_chars: int | None = MAX_CHARS,
) -> Iterator[Article]:
    """Parse ``docs`` on the cluster of ``client``; Articles come back in input order.

    ``window`` tasks of ``batch_size`` documents are in flight at once (default:
    three per worker), so memory stays bounded for any number of documents.
    """
    if window is None:
        window = 3 * max(1, len(client.scheduler_info().get("workers", {})))
    it = iter(docs)
    futures: deque[Any] = deque()
    model = str(pkuseg_model) if pkuseg_model is not None else None
    while True:
        chunk = list(itertools.islice(it, batch_size))
        if chunk:
            futures.append(
                client.submit(
                    parse_docs,
                    chunk,
                    batch_size=batch_size,
                    pkuseg_model=model,
                    max_chars=max_chars,
                    pure=False,
                )
            )
        while futures and (len(futures) >= window or not chunk):
            yield from futures.popleft().result()
        if not chunk:
            return


def connect(address: str, *, n_workers: int | None = None) -> Client:
    """A Client: ``"local"`` starts a LocalCluster (processes, one thread each,
    loopback only); otherwise ``address`` names a running scheduler."""
    _require()
    from distributed import Client, LocalCluster

    if address == "local":
        cluster = LocalCluster(
            n_workers=n_workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            env=WORKER_ENV,
        )
        return Client(cluster)
    try:
        return Client(address, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise ConfigError(E507, address=address, detail=str(exc)) from exc


def close(client: Client) -> None:
    """Close ``client`` and the LocalCluster :func:`connect` started for it."""
    from distributed import LocalCluster

    cluster = client.cluster
    client.close()
    if isinstance(cluster, LocalCluster):
        cluster.close()


__all__ = [
    "LOADS",
    "close",
    "connect",
    "loads",
    "parse_bag",
    "parse_dataframe",
    "parse_docs",
    "parse_stream",
    "to_dataframes",
    "worker_nlp",
]
