"""Shared fixtures.

``shared_dir`` points at the real articles in ../shared (beside the repo);
tests that need them skip cleanly when the folder is absent. ``nlp`` loads
the full pipeline once per session (the pkuseg model is prepared in the
user cache on first use).
"""

from __future__ import annotations

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


@pytest.fixture(scope="session")
def nlp():
    from fazhi_ie import load

    return load()


@pytest.fixture(scope="session")
def blank_zh():
    """spaCy Chinese with character segmentation: for building Docs by hand."""
    from spacy.lang.zh import Chinese

    return Chinese()
