"""Access to the lexicons and pattern files shipped in ``fazhi_ie/data``."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


def data_path(name: str) -> Path:
    """Filesystem path of a packaged data file."""
    return Path(str(resources.files("fazhi_ie") / "data" / name))


@cache
def load_json(name: str) -> Any:
    with data_path(name).open(encoding="utf-8") as fh:
        return json.load(fh)


@cache
def load_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated data file; ``#`` starts a comment line."""
    rows = []
    with data_path(name).open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            rows.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(rows)
