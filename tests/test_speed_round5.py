"""Start-up (issue 17, round 5): spaCy is imported without its command line, and the
``fazhi-ie`` command ends without the interpreter's teardown but with everything the
teardown does for a finished command (threads joined, atexit run, output flushed)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    for name in ("FAZHI_IE_SPACY_CLI", "FAZHI_IE_FAST_EXIT"):
        if name not in env:
            full.pop(name, None)
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=full,
        check=False,
        cwd=str(ROOT),
    )


def test_spacy_imported_after_install_has_no_cli_until_asked():
    # what the fazhi-ie command (cli.run) and the fork server (serverstart) do
    pytest.importorskip("spacy")
    out = _python(
        """
        import sys
        from fazhi_ie import spacy_cli
        spacy_cli.install()
        import spacy
        from spacy.tokens import Doc
        print("spacy.cli" in sys.modules, "spacy.cli.info" in sys.modules, hasattr(spacy, "cli"))
        print(callable(spacy.info), spacy.__spec__.loader.exec_module.__name__)
        import spacy.cli
        from spacy.cli.info import info
        print(type(spacy.cli).__name__, hasattr(spacy.cli, "setup_cli"), info.__module__)
        """
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:3] == [
        "False False False",
        "True exec_module",
        "module True spacy.cli.info",
    ]


def test_spacy_info_calls_the_real_one():
    pytest.importorskip("spacy")
    out = _python(
        """
        from fazhi_ie import spacy_cli
        spacy_cli.install()
        import spacy
        data = spacy.info(silent=True)
        print(sorted(data)[:1], "spacy.cli.info" in __import__("sys").modules)
        """
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("True")


def test_a_plain_import_of_fazhi_ie_leaves_spacy_as_it_is():
    # a user's spacy.cli.download(...) after `import fazhi_ie, spacy` keeps working
    pytest.importorskip("spacy")
    out = _python("import sys\nimport fazhi_ie, spacy\nprint(hasattr(spacy, 'cli'))")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "True"


@pytest.mark.parametrize("env", [{"FAZHI_IE_SPACY_CLI": "1"}, {}])
def test_spacy_cli_as_usual_when_asked_or_spacy_came_first(env):
    pytest.importorskip("spacy")
    install = "from fazhi_ie import spacy_cli; spacy_cli.install()"
    first = f"import spacy\n{install}" if not env else f"{install}\nimport spacy"
    out = _python(f"import sys\n{first}\nprint('spacy.cli' in sys.modules)", **env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "True"


_EXIT_SCRIPT = """
    import atexit, sys, threading, time
    from fazhi_ie.cli import exit_now

    def late():
        time.sleep(0.2)
        sys.stdout.write("thread|")

    atexit.register(lambda: sys.stdout.write("atexit|"))
    threading.Thread(target=late).start()
    sys.stdout.write("unflushed|")
    sys.stderr.write("err")
    exit_now(3)
    """


@pytest.mark.parametrize("fast", ["", "0"])
def test_exit_now_does_what_the_teardown_does_for_a_finished_command(fast):
    out = _python(_EXIT_SCRIPT, FAZHI_IE_FAST_EXIT=fast)
    assert out.returncode == 3
    assert out.stdout == "unflushed|thread|atexit|"
    assert out.stderr == "err"


def test_the_command_line_exits_with_main_s_code(tmp_path):
    missing = tmp_path / "missing.txt"
    out = subprocess.run(
        [sys.executable, "-m", "fazhi_ie", "parse", str(missing)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
        cwd=str(ROOT),
    )
    assert out.returncode != 0
    assert "error E" in out.stderr


# --- the garbage collector paused per batch -------------------------------------------
class _FakeNlp:
    """Records whether the collector was on while a batch ran; raises ``exc`` if given."""

    def __init__(self, exc: BaseException | None = None) -> None:
        self.meta: dict = {}
        self.exc = exc
        self.seen: list[bool] = []

    def pipe(self, texts, batch_size=32):
        import gc

        self.seen.append(gc.isenabled())
        if self.exc is not None:
            raise self.exc
        return iter(())


@pytest.mark.parametrize("was_on", [True, False])
def test_gc_is_paused_during_a_batch_and_restored_after_it_raises(was_on):
    import gc

    from fazhi_ie.api import _parse_batch
    from fazhi_ie.inputs import InputDoc

    nlp = _FakeNlp(KeyboardInterrupt())
    (gc.enable if was_on else gc.disable)()
    try:
        with pytest.raises(KeyboardInterrupt):
            _parse_batch([InputDoc(id="a", text="普法宣传。")], lambda: nlp, 8)
        assert gc.isenabled() is was_on
    finally:
        gc.enable()
    assert nlp.seen == [False]


@pytest.mark.pipeline
def test_parse_many_leaves_the_collector_on():
    import gc

    pytest.importorskip("spacy")
    from fazhi_ie import parse_many

    assert gc.isenabled()
    records = list(parse_many(["普法宣传进社区。", ""], batch_size=1))
    assert [r.error is None for r in records] == [True, False]
    assert gc.isenabled()


# --- the placeholders, on a stand-in package ------------------------------------------
def _package(root: Path, name: str, init: str) -> None:
    (root / name / "cli").mkdir(parents=True)
    (root / name / "__init__.py").write_text(init, encoding="utf-8")
    (root / name / "cli" / "__init__.py").write_text(
        "from .info import info\ndef setup_cli():\n    return 'cli'\n", encoding="utf-8"
    )
    (root / name / "cli" / "info.py").write_text(
        "def info(*args, **kwargs):\n    return ('real', args, kwargs)\n", encoding="utf-8"
    )


def test_the_placeholders_serve_only_while_the_package_imports(tmp_path, monkeypatch):
    import importlib

    from fazhi_ie import spacy_cli

    name = "fake_spacy_r5a"
    _package(tmp_path, name, "from .cli.info import info\nREADY = True\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert spacy_cli.install(name)
    pkg = importlib.import_module(name)
    assert pkg.READY
    assert f"{name}.cli" not in sys.modules and not hasattr(pkg, "cli")
    assert not any(getattr(f, "package", None) == name for f in sys.meta_path)
    assert "exec_module" not in vars(pkg.__spec__.loader)
    assert pkg.info(1, x=2) == ("real", (1,), {"x": 2})  # imports the real one
    assert sys.modules[f"{name}.cli"].setup_cli() == "cli"


def test_a_package_that_imports_more_of_its_cli_imports_the_real_one(tmp_path, monkeypatch):
    import importlib

    from fazhi_ie import spacy_cli

    name = "fake_spacy_r5b"
    init = "from .cli.info import info\nfrom .cli import setup_cli\nREADY = True\n"
    _package(tmp_path, name, init)
    monkeypatch.syspath_prepend(str(tmp_path))
    assert spacy_cli.install(name)
    pkg = importlib.import_module(name)
    assert pkg.READY and pkg.setup_cli() == "cli"
    assert pkg.info() == ("real", (), {})
    assert sys.modules[f"{name}.cli"].__file__.endswith("__init__.py")


# --- the fork server --------------------------------------------------------------------
def modules_batch(batch, get_nlp, batch_size):
    """Stands in for the parser: each record's text names what the worker has imported."""
    from fazhi_ie.records import Article

    seen = f"spacy={'spacy' in sys.modules} cli={'spacy.cli' in sys.modules}"
    return [Article(id=doc.id, text=seen) for doc in batch]


@pytest.mark.skipif(
    "forkserver" not in __import__("multiprocessing").get_all_start_methods(),
    reason="the platform has no forkserver",
)
def test_the_fork_server_imports_spacy_without_its_command_line(monkeypatch):
    pytest.importorskip("spacy")
    from fazhi_ie.inputs import InputDoc
    from fazhi_ie.workers import START_ENV, run_parallel

    monkeypatch.delenv(START_ENV, raising=False)
    monkeypatch.delenv("FAZHI_IE_SPACY_CLI", raising=False)
    docs = iter([InputDoc(id=str(i), text="x") for i in range(4)])
    out = list(
        run_parallel(
            docs,
            modules_batch,
            batch_size=2,
            n_process=2,
            model=None,
            time_limit=None,
            preload=False,
        )
    )
    assert [a.text for a in out] == ["spacy=True cli=False"] * 4


# --- the libraries thinc looks for, hidden while spaCy imports (session 38) --------------
def test_hidden_libraries_are_not_importable_only_while_the_package_imports(tmp_path, monkeypatch):
    import importlib

    from fazhi_ie import spacy_cli

    name, lib = "fake_spacy_r5c", "fake_dl_lib_r5c"
    init = (
        "from .cli.info import info\n"
        "try:\n"
        f"    import {lib}\n"
        "    HAS_LIB = True\n"
        "except ImportError:\n"
        "    HAS_LIB = False\n"
    )
    _package(tmp_path, name, init)
    (tmp_path / f"{lib}.py").write_text("VALUE = 42\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert spacy_cli.install(name, hidden=(lib,))
    pkg = importlib.import_module(name)
    assert pkg.HAS_LIB is False  # as thinc sees torch: not installed
    assert lib not in sys.modules  # no None entry is left behind
    assert importlib.import_module(lib).VALUE == 42  # importable as usual afterwards


@pytest.mark.parametrize("eager", ["", "1"])
def test_the_command_s_spacy_imports_no_torch(eager):
    pytest.importorskip("spacy")
    pytest.importorskip("torch")
    out = _python(
        """
        import sys
        from fazhi_ie import spacy_cli
        spacy_cli.install()
        import spacy
        import thinc.compat
        print("torch" in sys.modules, thinc.compat.has_torch)
        import torch
        print(torch.tensor([1, 2]).sum().item())
        """,
        **({"FAZHI_IE_SPACY_CLI": eager} if eager else {}),
    )
    assert out.returncode == 0, out.stderr
    want = "True True" if eager else "False False"
    assert out.stdout.split("\n")[:2] == [want, "3"]
