"""Worker processes for :func:`~fazhi_ie.api.parse_many` (``n_process > 1`` or a time limit).

* Each worker loads the pipeline once, with torch/OpenMP/MKL at
  ``FAZHI_IE_WORKER_THREADS`` threads (default 1: the processes are the
  parallelism; more threads per process oversubscribe the cores).
* The pool is fed lazily: at most ``2 * n_process`` batches are in flight, so
  memory stays flat however long the input stream is.
* ``time_limit`` (seconds per document): a document that takes longer becomes
  an error record (E109) and the batch goes on. The limit is a SIGALRM in the
  worker (POSIX); a document stuck in C code that ignores it is stopped by a
  hard limit (``2 * time_limit + 10`` s) that ends the worker.
* A worker that dies (hard limit, crash, out of memory) does not lose the batch:
  the pool is restarted, the batches in flight are parsed again one document at a
  time, and the document that kills a worker again becomes an error record (E110).
* A script that calls ``parse_many(n_process=2)`` at its top level without an
  ``if __name__ == "__main__":`` guard fails once with E150 (workers would re-run
  it); workers that exit while starting raise E153.
* Workers are started by a ``forkserver`` (where the platform has one) that has
  imported spaCy, torch and the pipeline's modules (:data:`PRELOAD`) and loaded the
  pipeline once, with torch at one thread set before its first operation (no OpenMP
  pool exists when it forks; :mod:`fazhi_ie.serverload`): each worker is a fork of it
  that starts with the models in memory (shared copy-on-write) and only sets its own
  thread count. ``FAZHI_IE_WORKER_START=spawn`` (or a platform without
  ``forkserver``) starts fresh interpreters that import and load everything
  themselves. The fork server started by :func:`run_parallel` is ended when it returns.
"""

from __future__ import annotations

import ast
import faulthandler
import itertools
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from functools import lru_cache
from multiprocessing.context import BaseContext
from typing import TYPE_CHECKING, Any

from .errors import E109, E110, E150, E153, E401, ConfigError, notice
from .inputs import InputDoc
from .records import Article, Notice
from .threads import THREADS_ENV, thread_count

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

_THREAD_VARS = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")
#: Batches in flight per worker process.
INFLIGHT_PER_WORKER = 2
#: How worker processes start: "forkserver" (default where available) or "spawn".
START_ENV = "FAZHI_IE_WORKER_START"
START_METHODS = ("forkserver", "spawn")
#: Modules the fork server imports once: the first imports spaCy without its command line,
#: the last loads the pipeline (torch at one thread).
PRELOAD = (
    "fazhi_ie.serverstart",
    "fazhi_ie.api",
    "fazhi_ie.pipeline",
    "fazhi_ie.build",
    "fazhi_ie.ner.preload",
    "fazhi_ie.serverload",
)
#: Set while the fork server starts: ``{"model": <pkuseg model or null>}``, the pipeline
#: it loads for the workers (:mod:`fazhi_ie.serverload`).
SERVER_LOAD_ENV = "_FAZHI_IE_SERVER_LOAD"

BatchFn = Callable[[list[InputDoc], Callable[[], "Language"], int], list[Article]]


def worker_threads() -> int:
    """Threads per worker: :func:`fazhi_ie.threads.thread_count`."""
    return thread_count()


def start_method() -> str:
    """``$FAZHI_IE_WORKER_START`` ("forkserver" or "spawn"); by default "forkserver" where
    the platform has it (Linux, macOS), else "spawn"."""
    raw = os.environ.get(START_ENV, "").strip().lower()
    if raw and raw not in START_METHODS:
        raise ConfigError(
            E401,
            name=START_ENV,
            value=raw,
            detail="must be 'forkserver' or 'spawn'",
            hint=f"Unset {START_ENV} (forkserver where available) or set it to spawn.",
        )
    if raw != "spawn" and "forkserver" in multiprocessing.get_all_start_methods():
        return "forkserver"
    return "spawn"


@contextmanager
def _server_env(threads: int, load: str | None) -> Iterator[None]:
    """The thread variables set to ``threads`` and, with ``load``, the pipeline for the
    fork server to load (for a process started meanwhile)."""
    values = {var: str(threads) for var in _THREAD_VARS}
    if load is not None:
        values[SERVER_LOAD_ENV] = load
    saved = {var: os.environ.get(var) for var in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for var, value in saved.items():
            if value is None:
                os.environ.pop(var, None)
            else:
                os.environ[var] = value


def _forkserver_context(threads: int, model: str | None, preload: bool) -> tuple[BaseContext, bool]:
    """The forkserver context, its server running with :data:`PRELOAD` imported (torch
    at ``threads`` threads) and, with ``preload``, the pipeline for ``model`` loaded;
    True when this call started the server."""
    import json
    from multiprocessing import forkserver

    ctx = multiprocessing.get_context("forkserver")
    server = getattr(forkserver, "_forkserver", None)
    started = getattr(server, "_forkserver_pid", 0) is None
    if started:
        ctx.set_forkserver_preload(list(PRELOAD))
        with _server_env(threads, json.dumps({"model": model}) if preload else None):
            forkserver.ensure_running()
    return ctx, started


def _stop_forkserver() -> None:
    """Stop the fork server started by :func:`_forkserver_context`.

    multiprocessing asks it to stop by closing a pipe and waits for it: the server
    then finalizes an interpreter holding spaCy and torch (about 0.5 s, with the
    caller waiting). It holds nothing to save (its workers are children that outlive
    it), so it is ended with SIGTERM first and only reaped."""
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    stop = getattr(server, "_stop", None)
    if stop is None:
        return
    pid = getattr(server, "_forkserver_pid", None)
    if isinstance(pid, int) and hasattr(signal, "SIGTERM"):
        try:
            os.kill(pid, signal.SIGTERM)
        except OSError:
            pass
    try:
        stop()
    except OSError:
        pass


def hard_limit(time_limit: float) -> float:
    """Seconds after which a worker stuck on one document is ended."""
    return 2 * time_limit + 10


def _chunks(it: Iterator[InputDoc], size: int) -> Iterator[list[InputDoc]]:
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk


def _error_article(doc: InputDoc, err: Notice) -> Article:
    return Article(id=doc.id, text=doc.text or "", warnings=list(doc.warnings), error=err)


# --- inside a worker ----------------------------------------------------------
class _TimeUp(BaseException):
    """Raised by SIGALRM in a worker; a BaseException so that per-document
    ``except Exception`` handlers let it through."""


_worker: dict[str, Any] = {}


def _on_alarm(signum: int, frame: object) -> None:
    raise _TimeUp


def _nlp() -> Language:
    nlp = _worker.get("nlp")
    if nlp is None:
        from .pipeline import load

        nlp = _worker["nlp"] = load(_worker["model"])
        if "torch" in sys.modules:  # imported by the NER stage
            sys.modules["torch"].set_num_threads(_worker["threads"])
    return nlp


def _worker_init(
    parse_batch: BatchFn,
    pkuseg_model: str | None,
    threads: int,
    time_limit: float | None,
    preload: bool,
    ready: Any,
) -> None:
    for var in _THREAD_VARS:  # before torch is imported
        os.environ[var] = str(threads)
    _worker.update(fn=parse_batch, model=pkuseg_model, threads=threads, limit=time_limit)
    if preload:
        try:
            _nlp()
        except Exception as exc:  # raised in the caller with the first batch
            _worker["error"] = exc
    if time_limit:
        if hasattr(signal, "setitimer"):
            signal.signal(signal.SIGALRM, _on_alarm)
        _worker["devnull"] = open(os.devnull, "w")  # lives as long as the worker
    ready.set()


def _parse_limited(doc: InputDoc, batch_size: int) -> list[Article]:
    fn, limit = _worker["fn"], _worker["limit"]
    soft = hasattr(signal, "setitimer")
    result: list[Article] | None = None
    faulthandler.dump_traceback_later(hard_limit(limit), exit=True, file=_worker["devnull"])
    try:
        try:
            if soft:
                signal.setitimer(signal.ITIMER_REAL, limit)
            result = fn([doc], _nlp, batch_size)
        finally:
            if soft:
                signal.setitimer(signal.ITIMER_REAL, 0)
            faulthandler.cancel_dump_traceback_later()
    except _TimeUp:  # also when it fires just as the document was done
        if result is None:
            return [_error_article(doc, notice(E109, limit=limit))]
    assert result is not None
    return result


def _worker_run(batch: list[InputDoc], batch_size: int) -> list[Article]:
    if "error" in _worker:
        raise _worker["error"]
    if not _worker["limit"]:
        return _worker["fn"](batch, _nlp, batch_size)
    return [a for doc in batch for a in _parse_limited(doc, batch_size)]


# --- the __main__ guard ---------------------------------------------------------
def _is_main_guard(node: ast.AST) -> bool:
    if not isinstance(node, ast.If) or not isinstance(node.test, ast.Compare):
        return False
    parts = [node.test.left, *node.test.comparators]
    names = [p for p in parts if isinstance(p, ast.Name) and p.id == "__name__"]
    mains = [p for p in parts if isinstance(p, ast.Constant) and p.value == "__main__"]
    return bool(names and mains)


@lru_cache(maxsize=8)
def _guarded_lines(path: str) -> tuple[tuple[int, int], ...] | None:
    try:
        with open(path, encoding="utf-8") as fh:
            tree = ast.parse(fh.read(), path)
    except (OSError, SyntaxError, ValueError, UnicodeDecodeError):
        return None
    return tuple((n.lineno, n.end_lineno or n.lineno) for n in ast.walk(tree) if _is_main_guard(n))


def unguarded_main_script() -> str | None:
    """The path of the ``__main__`` script when this call runs from its top level outside
    an ``if __name__ == "__main__":`` block, else None (notebooks, ``-c``, guarded code)."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if main is None or not path or not str(path).endswith(".py"):
        return None
    spec_name = getattr(getattr(main, "__spec__", None), "name", "") or ""
    if spec_name == "__main__" or spec_name.endswith(".__main__"):
        return None  # `python -m package`: spawn does not re-run a package's __main__
    outer = None
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_globals is vars(main) and frame.f_code.co_name == "<module>":
            outer = frame
        frame = frame.f_back  # type: ignore[assignment]
    if outer is None:
        return None
    guards = _guarded_lines(str(path))
    if guards is None:
        return None
    line = outer.f_lineno
    return None if any(a <= line <= b for a, b in guards) else str(path)


def _check_main_guard(n_process: int) -> None:
    if getattr(multiprocessing.current_process(), "_inheriting", False):
        # a worker re-running an unguarded script while it starts: leave quietly,
        # the caller reports it once (E153)
        raise SystemExit(1)
    script = unguarded_main_script()
    if script is not None:
        raise ConfigError(E150, n=n_process, script=script)


# --- the pool ------------------------------------------------------------------------
class _Pool:
    def __init__(
        self,
        n: int,
        parse_batch: BatchFn,
        model: str | None,
        time_limit: float | None,
        preload: bool,
        ctx: BaseContext,
    ) -> None:
        self.ready = ctx.Event()
        self.executor = ProcessPoolExecutor(
            n,
            mp_context=ctx,
            initializer=_worker_init,
            initargs=(parse_batch, model, worker_threads(), time_limit, preload, self.ready),
        )

    def submit(self, batch: list[InputDoc], batch_size: int) -> Future[list[Article]]:
        return self.executor.submit(_worker_run, batch, batch_size)

    def close(self, wait: bool = True) -> None:
        """Shut the pool down; without waiting (a stream closed early, a broken pool)
        its workers are ended too, so that none outlives the call."""
        # the executor forgets its processes once shut down
        procs = list((getattr(self.executor, "_processes", None) or {}).values())
        self.executor.shutdown(wait=wait, cancel_futures=True)
        if not wait:
            for proc in procs:
                if proc.is_alive():
                    proc.terminate()


def run_parallel(
    docs: Iterator[InputDoc],
    parse_batch: BatchFn,
    *,
    batch_size: int,
    n_process: int,
    model: str | None,
    time_limit: float | None,
    preload: bool = True,
) -> Iterator[Article]:
    """Articles for ``docs`` parsed in ``n_process`` worker processes, in input order.

    ``parse_batch(batch, get_nlp, batch_size)`` runs in the workers (a module-level
    function: it is pickled by name); ``preload`` loads the pipeline when a worker
    starts, so that loading never counts against ``time_limit``.
    """
    _check_main_guard(n_process)
    threads = worker_threads()
    started = False
    if start_method() == "forkserver":
        ctx, started = _forkserver_context(threads, model, preload)
    else:
        ctx = multiprocessing.get_context("spawn")

    def new_pool(n: int) -> _Pool:
        return _Pool(n, parse_batch, model, time_limit, preload, ctx)

    chunks = _chunks(docs, batch_size)
    pending: deque[tuple[list[InputDoc], Future[list[Article]]]] = deque()
    done = False
    try:
        pool = new_pool(n_process)
    except BaseException:
        if started:
            _stop_forkserver()
        raise
    try:
        while True:
            while len(pending) < INFLIGHT_PER_WORKER * n_process:
                chunk = next(chunks, None)
                if chunk is None:
                    break
                pending.append((chunk, pool.submit(chunk, batch_size)))
            if not pending:
                done = True
                return
            chunk, future = pending.popleft()
            try:
                articles = future.result()
            except BrokenProcessPool as exc:
                if not pool.ready.is_set():
                    raise ConfigError(E153, detail=str(exc) or type(exc).__name__) from None
                suspects = [chunk] + [c for c, _ in pending]
                pending.clear()
                pool.close(wait=False)
                pool = new_pool(1)
                for suspect in suspects:
                    for doc in suspect:
                        articles, pool = _isolated(doc, pool, new_pool, batch_size, time_limit)
                        yield from articles
                pool.close()
                pool = new_pool(n_process)
                continue
            yield from articles
    finally:
        pool.close(wait=done)
        if started:
            _stop_forkserver()


def _isolated(
    doc: InputDoc,
    pool: _Pool,
    new_pool: Callable[[int], _Pool],
    batch_size: int,
    time_limit: float | None,
) -> tuple[list[Article], _Pool]:
    """One document parsed alone; a worker that dies on it makes it an E110 record."""
    try:
        return pool.submit([doc], batch_size).result(), pool
    except BrokenProcessPool:
        pool.close(wait=False)
        detail = "it exited"
        if time_limit:
            detail += f"; a document over the hard limit of {hard_limit(time_limit):g} s ends it"
        return [_error_article(doc, notice(E110, detail=detail))], new_pool(1)


__all__ = [
    "PRELOAD",
    "START_ENV",
    "THREADS_ENV",
    "run_parallel",
    "start_method",
    "unguarded_main_script",
    "worker_threads",
]
