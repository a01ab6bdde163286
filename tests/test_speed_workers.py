"""Worker pool and threads (issue 17, round 4): the fork server a call starts loads the
pipeline for its workers and is gone when the call returns or its stream is closed
early, with no worker left; torch runs one thread per process by default, in the
caller's process too."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fazhi_ie.inputs import InputDoc
from fazhi_ie.records import Article
from fazhi_ie.threads import THREADS_ENV
from fazhi_ie.workers import START_ENV, run_parallel

ROOT = Path(__file__).resolve().parents[1]

FORKSERVER = "forkserver" in multiprocessing.get_all_start_methods()


def pid_batch(batch, get_nlp, batch_size):
    """Stands in for the parser: each record's text is the worker's pid."""
    return [Article(id=doc.id, text=str(os.getpid())) for doc in batch]


def _server_pid() -> int | None:
    from multiprocessing import forkserver

    return getattr(getattr(forkserver, "_forkserver", None), "_forkserver_pid", None)


def _alive(pid: int) -> bool:
    """The process runs: it exists and is no zombie (an exited orphan that the
    machine's init has not reaped yet holds no resources but its pid)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - another user's process
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:  # no procfs (macOS) or gone meanwhile
        return True
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


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


def loaded_batch(batch, get_nlp, batch_size):
    """Stands in for the parser: parses, and tags each record's id with whether the
    pipeline came loaded from the server and with torch's thread count."""
    import torch

    from fazhi_ie import serverload
    from fazhi_ie.api import _parse_batch

    out = _parse_batch(batch, get_nlp, batch_size)
    inherited = serverload.LOADED_BY not in (None, os.getpid())
    tag = f"inherited={inherited} threads={torch.get_num_threads()}"
    return [a.model_copy(update={"id": f"{a.id} {tag}"}) for a in out]


@pytest.mark.pipeline
@pytest.mark.skipif(not FORKSERVER, reason="the platform has no forkserver")
@pytest.mark.parametrize("threads", ["1", "2"])
def test_workers_start_with_the_pipeline_the_fork_server_loaded(nlp_ner, monkeypatch, threads):
    """The server loads the models with torch at one thread, before any torch operation;
    workers forked from it (at 1 or 2 threads each) parse as the caller's process does."""
    from fazhi_ie.api import _parse_batch
    from fazhi_ie.pipeline import load

    monkeypatch.delenv(START_ENV, raising=False)
    monkeypatch.setenv("FAZHI_IE_NER", "1")
    monkeypatch.setenv("FAZHI_IE_WORKER_THREADS", threads)
    texts = [
        "3月5日，青山县司法局在人民广场开展《民法典》宣传活动，发放资料1200余份。",
        "白河市人民检察院检察长王立新带队走进青山中学，为400名学生上法治课。",
        "县普法办联合县妇联举办反家暴法律知识讲座，约80人参加。",
    ]
    docs = [InputDoc(id=str(i), text=t) for i, t in enumerate(texts)]
    out = list(
        run_parallel(
            iter(docs), loaded_batch, batch_size=1, n_process=2, model=None, time_limit=None
        )
    )
    tag = f"inherited=True threads={threads}"
    assert [a.id for a in out] == [f"{i} {tag}" for i in range(len(texts))]
    serial = _parse_batch(docs, load, 1)
    assert [a.model_copy(update={"id": a.id.split()[0]}) for a in out] == serial


THREADS_CODE = """
import os
from fazhi_ie import parse
from fazhi_ie.ner.loader import load_model
art = parse("3月5日，青山县司法局开展普法宣传活动。")
if os.environ["FAZHI_IE_NER_ENGINE"] == "torch":
    import torch
    n = torch.get_num_threads()
else:
    n = load_model().session.get_session_options().intra_op_num_threads
print(n, bool(art.events))
"""


@pytest.mark.pipeline
@pytest.mark.parametrize("engine", ["onnx", "torch"])
@pytest.mark.parametrize("setting, expected", [(None, "1"), ("2", "2")])
def test_parse_in_process_runs_the_ner_at_one_thread_unless_told(
    nlp_ner, engine, setting, expected
):
    """One NER thread (ONNX Runtime's or torch's) by default in the caller's process too
    (a second one is no faster on an idle core and much slower on a busy one);
    FAZHI_IE_WORKER_THREADS overrides."""
    if engine == "torch":
        pytest.importorskip("torch")
        pytest.importorskip("hanlp")
    env = {k: v for k, v in os.environ.items() if k not in {THREADS_ENV, "OMP_NUM_THREADS"}}
    env.update(PYTHONPATH=str(ROOT), FAZHI_IE_NER="1", FAZHI_IE_NER_ENGINE=engine)
    if setting is not None:
        env[THREADS_ENV] = setting
    run = subprocess.run(
        [sys.executable, "-c", THREADS_CODE], capture_output=True, text=True, env=env, timeout=300
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == [expected, "True"]
