"""Shared fixtures.

``shared_dir`` points at the real articles in ../shared (beside the repo);
tests that need them skip cleanly when the folder is absent.

Two kinds of tests: fast unit tests (pure functions, hand-built Docs, no
model) and pipeline tests, marked ``pipeline``, which load the full pipeline
(pkuseg model, optional NER). ``pytest -m "not pipeline"`` runs the first
kind alone. A guard makes an unmarked test that loads the pipeline fail, so
the marks stay true.

The NER stage is pinned, never left to whether the optional extra happens
to be installed: the session runs with ``FAZHI_IE_NER=0`` (rules only);
``nlp`` is the rules-only pipeline, ``nlp_ner`` the pipeline with the
shipped NER model (skipped without the ``ner`` extra), and the ``ner_on``
fixture turns NER on for code that loads the pipeline itself (``parse``,
``evaluate_dir``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


def shared_articles() -> list[Path]:
    """Every .txt article in ../shared/seeds and ../shared/corpus/dev."""
    out: list[Path] = []
    for sub in ("seeds", "corpus/dev"):
        d = SHARED / sub
        if d.is_dir():
            out += sorted(d.glob("*.txt"))
    return out


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not present")
    return SHARED


def pytest_configure(config):
    os.environ["FAZHI_IE_NER"] = "0"


def _refuse(*args, **kwargs):
    raise AssertionError(
        "this test loads the fazhi_ie pipeline: mark it with @pytest.mark.pipeline"
    )


@pytest.fixture(autouse=True)
def _pipeline_guard(request, monkeypatch):
    """Unmarked tests may not load the pipeline (see the module docstring)."""
    if request.node.get_closest_marker("pipeline") is not None:
        yield
        return
    import fazhi_ie.api
    import fazhi_ie.pipeline

    monkeypatch.setattr(fazhi_ie.pipeline, "load", _refuse)
    monkeypatch.setattr(fazhi_ie.pipeline, "build", _refuse)
    monkeypatch.setattr(fazhi_ie.api, "load", _refuse)
    yield


def _ner_installed() -> bool:
    from fazhi_ie.pipeline import ner_available

    return ner_available()


def _marked(request) -> None:
    if request.node.get_closest_marker("pipeline") is None:
        _refuse()


@pytest.fixture(scope="session")
def _nlp_rules():
    from fazhi_ie.pipeline import load

    return load(ner=False)


@pytest.fixture(scope="session")
def _nlp_with_ner():
    if not _ner_installed():
        pytest.skip("the ner extra (hanlp, torch) is not installed")
    from fazhi_ie.pipeline import load

    return load(ner=True)


@pytest.fixture
def nlp(request):
    """The pipeline without the NER stage (rules only)."""
    _marked(request)
    return request.getfixturevalue("_nlp_rules")


@pytest.fixture
def nlp_ner(request):
    """The pipeline with the shipped NER model."""
    _marked(request)
    return request.getfixturevalue("_nlp_with_ner")


@pytest.fixture
def ner_on(monkeypatch):
    """NER on for code that loads the pipeline itself (parse, evaluate_dir)."""
    if not _ner_installed():
        pytest.skip("the ner extra (hanlp, torch) is not installed")
    monkeypatch.setenv("FAZHI_IE_NER", "1")


@pytest.fixture(scope="session")
def blank_zh():
    """spaCy Chinese with character segmentation: for building Docs by hand."""
    from spacy.lang.zh import Chinese

    return Chinese()
