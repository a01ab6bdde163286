"""Worker pool start and stop (issue 17, round 4): the fork server a call starts is
gone when the call returns or its stream is closed early, and no worker is left."""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest

from fazhi_ie.inputs import InputDoc
from fazhi_ie.records import Article
from fazhi_ie.workers import START_ENV, run_parallel

FORKSERVER = "forkserver" in multiprocessing.get_all_start_methods()


def pid_batch(batch, get_nlp, batch_size):
    """Stands in for the parser: each record's text is the worker's pid."""
    return [Article(id=doc.id, text=str(os.getpid())) for doc in batch]


def _server_pid() -> int | None:
    from multiprocessing import forkserver

    return getattr(getattr(forkserver, "_forkserver", None), "_forkserver_pid", None)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - another user's process
        return True
    return True


def _stream(n: int):
    return iter([InputDoc(id=str(i), text="x") for i in range(n)])


@pytest.mark.skipif(not FORKSERVER, reason="the platform has no forkserver")
@pytest.mark.parametrize("close_early", [False, True])
def test_the_fork_server_and_workers_are_gone_when_the_call_ends(monkeypatch, close_early):
    monkeypatch.delenv(START_ENV, raising=False)
    assert _server_pid() is None
    results = run_parallel(
        _stream(40),
        pid_batch,
        batch_size=2,
        n_process=2,
        model=None,
        time_limit=None,
        preload=False,
    )
    first = next(results)
    server = _server_pid()
    assert server is not None and _alive(server)
    if close_early:
        results.close()
        out = [first]
    else:
        out = [first, *results]
        assert [a.id for a in out] == [str(i) for i in range(40)]  # order, none lost
    assert _server_pid() is None
    assert not _alive(server)
    workers = {int(a.text) for a in out}
    # workers were the server's children: once it is gone they are reaped by init
    for _ in range(200):
        if not any(_alive(p) for p in workers):
            break
        time.sleep(0.05)
    assert not any(_alive(p) for p in workers)
