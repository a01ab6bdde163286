"""spaCy imported without its command line (issue 17, round 5).

``spacy/__init__.py`` runs ``from .cli.info import info``, which imports the whole
``spacy.cli`` package (typer, weasel, httpx, requests, rich, jinja2...): about 0.25 s
of every cold start, and of the worker fork server's start, for commands the parser
never runs. :func:`install` (called when :mod:`fazhi_ie` is imported, before spaCy is)
adds a finder to :data:`sys.meta_path` that acts once, when ``spacy`` itself is
imported: while spaCy's ``__init__`` runs, ``spacy.cli`` and ``spacy.cli.info`` are
placeholders whose ``info`` imports the real ``spacy.cli.info`` when called; the
placeholders are removed as soon as ``spacy/__init__`` returns (or raises), so a later
``import spacy.cli`` imports the real package. Nothing else in spaCy imports
``spacy.cli``.

``FAZHI_IE_SPACY_CLI=1`` turns this off (spaCy imports its command line as usual), as
does importing spaCy before fazhi_ie.
"""

from __future__ import annotations

import importlib.abc
import os
import sys
import threading
import types
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from typing import Any

#: ``1``/``on``: spaCy imports ``spacy.cli`` as usual.
EAGER_ENV = "FAZHI_IE_SPACY_CLI"
_CLI = "spacy.cli"
_INFO = "spacy.cli.info"


def info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: the real ``spacy.cli.info.info``, imported on first call."""
    from spacy.cli.info import info as real

    return real(*args, **kwargs)


def _placeholders() -> dict[str, types.ModuleType]:
    cli = types.ModuleType(_CLI, "placeholder while spaCy imports (fazhi_ie.spacy_cli)")
    sub = types.ModuleType(_INFO, cli.__doc__)
    sub.info = info  # type: ignore[attr-defined]
    cli.info = sub  # type: ignore[attr-defined]
    return {_CLI: cli, _INFO: sub}


def _exec_without_cli(loader: Any, exec_module: Any, module: types.ModuleType) -> None:
    """Run spaCy's ``__init__`` with the placeholders in :data:`sys.modules`."""
    stubs = _placeholders()
    added = [name for name in stubs if name not in sys.modules]
    for name in added:
        sys.modules[name] = stubs[name]
    try:
        exec_module(module)
    finally:
        loader.__dict__.pop("exec_module", None)  # the loader's own method again
        for name in added:
            if sys.modules.get(name) is stubs[name]:
                del sys.modules[name]
        if getattr(module, "cli", None) is stubs[_CLI]:
            delattr(module, "cli")


class _SpacyFinder(importlib.abc.MetaPathFinder):
    """Finds nothing itself: when ``spacy`` is about to be imported it removes itself,
    asks the other finders for spaCy's spec and makes that loader run ``__init__`` with
    the placeholders (one call; the loader is otherwise unchanged)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: Any = None
    ) -> ModuleSpec | None:
        if fullname != "spacy":
            return None
        with self.lock:
            if self not in sys.meta_path:
                return None
            sys.meta_path.remove(self)
        spec = None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            spec = find(fullname, path, target) if find is not None else None
            if spec is not None:
                break
        loader = getattr(spec, "loader", None)
        exec_module = getattr(loader, "exec_module", None)
        if spec is None or exec_module is None or not hasattr(loader, "__dict__"):
            return spec

        def run(module: types.ModuleType) -> None:
            _exec_without_cli(loader, exec_module, module)

        loader.exec_module = run  # type: ignore[union-attr]
        return spec


def _eager() -> bool:
    return os.environ.get(EAGER_ENV, "").strip().lower() in {"1", "on", "true", "yes"}


def install() -> bool:
    """Add the finder unless spaCy is imported already (or ``$FAZHI_IE_SPACY_CLI`` is set);
    True when it was added."""
    if "spacy" in sys.modules or _eager():
        return False
    if any(isinstance(f, _SpacyFinder) for f in sys.meta_path):
        return False
    sys.meta_path.insert(0, _SpacyFinder())
    return True


__all__ = ["EAGER_ENV", "info", "install"]
