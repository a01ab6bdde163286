"""Worker processes under hostile conditions (issue 18, docs/reliability.md): a slow
document, a document that kills its worker, a worker stuck in code that ignores the
time limit, an endless input, a script without the ``__main__`` guard.

The batch functions below stand in for the parser (the workers run them by name, with
``preload=False``), so that these tests load no model.
"""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from fazhi_ie.errors import ConfigError
from fazhi_ie.inputs import InputDoc
from fazhi_ie.records import Article
from fazhi_ie.workers import INFLIGHT_PER_WORKER, run_parallel, worker_threads

ROOT = Path(__file__).resolve().parents[1]
POSIX = hasattr(signal, "setitimer")


def echo_batch(batch, get_nlp, batch_size):
    """Stands in for the parser: a document's text says what to do with it."""
    out = []
    for doc in batch:
        if doc.text == "CRASH":
            os._exit(3)
        if doc.text == "SLOW":
            time.sleep(120)
        if doc.text == "STUCK":  # ignores SIGALRM, as C code may
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(120)
        text = os.environ.get("OMP_NUM_THREADS", "") if doc.text == "THREADS" else doc.text
        out.append(Article(id=doc.id, text=text or ""))
    return out


def _run(texts, **kwargs):
    docs = iter([InputDoc(id=str(i), text=t) for i, t in enumerate(texts)])
    kwargs.setdefault("batch_size", 2)
    kwargs.setdefault("n_process", 2)
    kwargs.setdefault("time_limit", None)
    return list(run_parallel(docs, echo_batch, model=None, preload=False, **kwargs))


@pytest.mark.skipif(not POSIX, reason="the soft time limit is a SIGALRM (POSIX)")
def test_slow_crashing_and_stuck_documents_become_error_records(monkeypatch):
    monkeypatch.setenv("FAZHI_IE_WORKER_THREADS", "3")
    texts = ["a", "THREADS", "CRASH", "b", "SLOW", "STUCK", "c"]
    out = _run(texts, time_limit=0.5)
    assert [a.id for a in out] == [str(i) for i in range(len(texts))]  # order, none lost
    codes = [a.error.code if a.error else None for a in out]
    assert codes == [None, None, "E110", None, "E109", "E110", None]
    assert out[1].text == "3"  # OMP_NUM_THREADS in the worker
    assert [out[i].text for i in (0, 3, 6)] == ["a", "b", "c"]
    assert "hard limit" in out[5].error.message
    assert out[4].error.hint and out[4].error.message.endswith("0.5 s")


def test_workers_default_to_one_thread_and_reject_a_bad_setting(monkeypatch):
    monkeypatch.delenv("FAZHI_IE_WORKER_THREADS", raising=False)
    assert worker_threads() == 1
    monkeypatch.setenv("FAZHI_IE_WORKER_THREADS", "many")
    with pytest.raises(ConfigError) as info:
        worker_threads()
    assert info.value.code == "E401"


def test_the_pool_is_fed_lazily():
    pulled = itertools.count()

    def endless():
        for i in range(10**6):
            next(pulled)
            yield InputDoc(id=str(i), text="x")

    batch_size, n = 3, 1
    results = run_parallel(
        endless(),
        echo_batch,
        batch_size=batch_size,
        n_process=n,
        model=None,
        time_limit=None,
        preload=False,
    )
    first = [next(results) for _ in range(5)]
    results.close()
    assert [a.id for a in first] == ["0", "1", "2", "3", "4"]
    assert next(pulled) <= (INFLIGHT_PER_WORKER * n + 2) * batch_size


def test_an_error_loading_the_pipeline_in_a_worker_is_raised_once_with_its_code(tmp_path):
    docs = iter([InputDoc(id="a", text="x")])
    from fazhi_ie.api import _parse_batch

    with pytest.raises(Exception) as info:
        list(
            run_parallel(
                docs,
                _parse_batch,
                batch_size=1,
                n_process=1,
                model=str(tmp_path / "no-such-model"),
                time_limit=None,
            )
        )
    assert getattr(info.value, "code", "").startswith("E2"), info.value


# --- scripts without the __main__ guard -------------------------------------------
def _script(tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "batch_script.py"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'tests'}"}
    return subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, env=env, timeout=300
    )


UNGUARDED = """
    from fazhi_ie import parse_many
    for art in parse_many(["text"] * 3, n_process=2):
        print(art.id)
"""

CALLED_UNGUARDED = """
    from fazhi_ie import parse_many
    def main():
        return list(parse_many(["text"] * 3, n_process=2))
    main()
"""


@pytest.mark.parametrize("body", [UNGUARDED, CALLED_UNGUARDED], ids=["top-level", "main()"])
def test_an_unguarded_script_fails_once_with_e150_and_the_fix(tmp_path, body):
    proc = _script(tmp_path, body)
    assert proc.returncode == 1
    assert proc.stderr.count("[E150]") == 1
    assert 'if __name__ == "__main__":' in proc.stderr
    assert proc.stdout == ""


def test_a_guarded_script_runs(tmp_path):
    proc = _script(
        tmp_path,
        """
        from fazhi_ie.inputs import InputDoc
        from fazhi_ie.workers import run_parallel
        from test_hostile_workers import echo_batch

        if __name__ == "__main__":
            docs = iter([InputDoc(id=str(i), text="t") for i in range(3)])
            for art in run_parallel(docs, echo_batch, batch_size=1, n_process=2,
                                    model=None, time_limit=None, preload=False):
                print(art.id)
        """,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["0", "1", "2"]


def test_workers_that_rerun_an_unguarded_script_end_quietly_and_e153_is_raised(tmp_path):
    # the caller's check is switched off, as for a script it cannot read
    proc = _script(
        tmp_path,
        """
        import fazhi_ie.workers as w
        from fazhi_ie.inputs import InputDoc
        from test_hostile_workers import echo_batch
        w.unguarded_main_script = lambda: None
        docs = iter([InputDoc(id="a", text="t")])
        list(w.run_parallel(docs, echo_batch, batch_size=1, n_process=2,
                            model=None, time_limit=None, preload=False))
        """,
    )
    assert proc.returncode == 1
    assert proc.stderr.count("[E153]") == 1
    assert proc.stderr.count("Traceback") == 1  # the caller's, not one per worker
