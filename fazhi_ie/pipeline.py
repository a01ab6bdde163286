"""Building the spaCy pipeline (Chinese + pkuseg + fazhi_ie components)."""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers the factories)
from .about import __version__
from .records import SCHEMA_VERSION

#: Components added after the tokenizer, in order.
COMPONENTS: tuple[str, ...] = ("fazhi_laws",)

_lock = threading.Lock()


def build(pkuseg_model: str | Path | None = None, *, auto_download: bool = True) -> Language:
    """A new pipeline: spaCy's Chinese language with the pkuseg segmenter.

    ``pkuseg_model`` is a directory holding a pkuseg model (``features.msgpack``
    + ``weights.npz``); by default the ``FAZHI_IE_PKUSEG_MODEL`` environment
    variable, then the user cache (prepared on first use, see
    :func:`fazhi_ie.segmenter.resolve_model_dir`).
    """
    from spacy.lang.zh import Chinese

    from .segmenter import resolve_model_dir, user_dict_path

    model_dir = resolve_model_dir(pkuseg_model, auto_download=auto_download)
    nlp = Chinese.from_config({"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    nlp.tokenizer.initialize(  # type: ignore[attr-defined]
        pkuseg_model=str(model_dir), pkuseg_user_dict=str(user_dict_path())
    )
    for name in COMPONENTS:
        nlp.add_pipe(name)
    nlp.meta["name"] = "fazhi_ie"
    nlp.meta["version"] = __version__
    nlp.meta["fazhi_ie"] = {
        "schema_version": SCHEMA_VERSION,
        "pkuseg_model": str(model_dir),
        "pkuseg": model_dir.name,
    }
    return nlp


@lru_cache(maxsize=4)
def _cached(pkuseg_model: str | None, auto_download: bool) -> Language:
    return build(pkuseg_model, auto_download=auto_download)


def load(pkuseg_model: str | Path | None = None, *, auto_download: bool = True) -> Language:
    """The configured pipeline, built once per process and cached."""
    key = str(pkuseg_model) if pkuseg_model is not None else None
    with _lock:
        return _cached(key, auto_download)


def versions(nlp: Language) -> dict[str, str]:
    info = nlp.meta.get("fazhi_ie", {})
    return {
        "fazhi_ie": __version__,
        "schema": SCHEMA_VERSION,
        "spacy": spacy.__version__,
        "pkuseg": str(info.get("pkuseg", "")),
    }
