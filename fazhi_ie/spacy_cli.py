"""spaCy imported without its command line (issue 17, round 5).

``spacy/__init__.py`` runs ``from .cli.info import info``, which imports the whole
``spacy.cli`` package (typer, weasel, httpx, requests, rich, jinja2...): about 0.25 s
of every cold start, and of the worker fork server's start, for commands the parser
never runs.

:func:`install` is called only in processes of ours: by the ``fazhi-ie`` command
(:func:`fazhi_ie.cli.run`) and by the worker fork server (:mod:`fazhi_ie.serverstart`);
never by a plain ``import fazhi_ie``, so that in a user's program ``spacy.cli`` stays
an attribute of ``spacy``. It adds a finder to :data:`sys.meta_path` that acts once,
when ``spacy`` itself is imported: while spaCy's ``__init__`` runs, ``spacy.cli`` and
``spacy.cli.info`` are placeholders whose ``info`` imports the real
``spacy.cli.info`` when called; the placeholders are removed as soon as
``spacy/__init__`` returns (or raises), so a later ``import spacy.cli`` imports the
real package. Nothing else in spaCy imports ``spacy.cli``; a spaCy whose ``__init__``
imports more of it than the placeholders hold runs its ``__init__`` again with the
real command line.

While spaCy's ``__init__`` runs, the deep-learning libraries that thinc (imported by
spaCy) looks for are hidden too (:data:`HIDDEN`: an import of them raises ImportError,
which thinc's own ``try`` expects): where torch is installed (the ``ner`` extra),
importing it costs about 0.8 s and 200 MB of every cold start, and the parser never
uses thinc's wrappers of it (the NER runs on ONNX Runtime; the torch engine and the
training commands import torch themselves, later, as usual). They are importable again
as soon as ``spacy/__init__`` returns.

``FAZHI_IE_SPACY_CLI=1`` turns this off (spaCy imports its command line and thinc its
libraries as usual), as does importing spaCy before fazhi_ie.
"""

from __future__ import annotations

import importlib
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
PACKAGE = "spacy"
#: libraries thinc imports when installed, hidden while spaCy's ``__init__`` runs
HIDDEN = ("torch", "tensorflow", "mxnet")


def _real_info(package: str) -> Any:
    def info(*args: Any, **kwargs: Any) -> Any:
        """``spacy.info``: the real ``spacy.cli.info.info``, imported on first call."""
        real = importlib.import_module(f"{package}.cli.info").info
        return real(*args, **kwargs)

    return info


def _placeholders(package: str) -> dict[str, types.ModuleType]:
    cli = types.ModuleType(f"{package}.cli", "placeholder while spaCy imports (fazhi_ie)")
    sub = types.ModuleType(f"{package}.cli.info", cli.__doc__)
    sub.info = _real_info(package)  # type: ignore[attr-defined]
    cli.info = sub  # type: ignore[attr-defined]
    return {cli.__name__: cli, sub.__name__: sub}


def _about_cli(exc: ImportError, package: str) -> bool:
    """Whether ``exc`` is an import from the placeholders that they cannot serve."""
    name = exc.name or ""
    return name == f"{package}.cli" or name.startswith(f"{package}.cli.")


def _exec_without_cli(
    package: str, exec_module: Any, module: types.ModuleType, hidden: Sequence[str] = ()
) -> None:
    """Run the package's ``__init__`` with the placeholders in :data:`sys.modules` and
    the ``hidden`` libraries not importable (a ``None`` entry); where it imports more of
    ``<package>.cli`` than the placeholders hold (another spaCy version), run it again
    with the real command line."""
    stubs = _placeholders(package)
    added = [name for name in stubs if name not in sys.modules]
    blocked = [name for name in hidden if name not in sys.modules]

    def remove() -> None:
        for name in added:
            if sys.modules.get(name) is stubs[name]:
                del sys.modules[name]
        if getattr(module, "cli", None) is stubs[f"{package}.cli"]:
            delattr(module, "cli")

    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]
    for name in added:
        sys.modules[name] = stubs[name]
    try:
        exec_module(module)
    except ImportError as exc:
        if not _about_cli(exc, package):
            raise
        remove()
        exec_module(module)
    finally:
        remove()
        for name in blocked:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


class _SpacyFinder(importlib.abc.MetaPathFinder):
    """Finds nothing itself: when the package (spaCy) is about to be imported it removes
    itself, asks the other finders for the package's spec and makes that loader run
    ``__init__`` with the placeholders (one call; the loader is otherwise unchanged)."""

    def __init__(self, package: str = PACKAGE, hidden: Sequence[str] = HIDDEN) -> None:
        self.package = package
        self.hidden = tuple(hidden)
        self.lock = threading.Lock()

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: Any = None
    ) -> ModuleSpec | None:
        if fullname != self.package:
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
            loader.__dict__.pop("exec_module", None)  # the loader's own method again
            _exec_without_cli(self.package, exec_module, module, self.hidden)

        loader.exec_module = run  # type: ignore[union-attr]
        return spec


def _eager() -> bool:
    return os.environ.get(EAGER_ENV, "").strip().lower() in {"1", "on", "true", "yes"}


def install(package: str = PACKAGE, hidden: Sequence[str] = HIDDEN) -> bool:
    """Add the finder unless spaCy (``package``) is imported already or
    ``$FAZHI_IE_SPACY_CLI`` is set; True when it was added. ``hidden``: the libraries
    not importable while the package's ``__init__`` runs."""
    if package in sys.modules or _eager():
        return False
    if any(isinstance(f, _SpacyFinder) and f.package == package for f in sys.meta_path):
        return False
    sys.meta_path.insert(0, _SpacyFinder(package, hidden))
    return True


__all__ = ["EAGER_ENV", "HIDDEN", "PACKAGE", "install"]
