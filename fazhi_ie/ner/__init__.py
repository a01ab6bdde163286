"""The NER stage: a HanLP BiLSTM-CRF trained by us on MSRA, run as the spaCy
component ``fazhi_hanlp_ner``.

Importing :mod:`fazhi_ie.ner.component` registers the factory (the pipeline
does); torch and hanlp are imported only when a model is loaded
(``pip install fazhi-ie[ner]``). This package itself imports nothing heavy, so
that the span utilities and the training CLI start fast.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "FACTORY": "component",
    "HanlpNER": "component",
    "ENV_VAR": "loader",
    "default_model_dir": "loader",
    "load_model": "loader",
    "resolve_model": "loader",
    "split_sentences": "spans",
    "strict_scores": "spans",
    "tags_to_spans": "spans",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = sorted(_LAZY)
