"""Building the spaCy pipeline (Chinese + pkuseg + fazhi_ie components)."""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import Literal

import spacy
from spacy.language import Language

# Importing these registers the factories (fazhi_hanlp_ner imports no torch).
from . import components as _components  # noqa: F401
from .about import __version__
from .errors import E401, ConfigError
from .ner import component as _ner_component  # noqa: F401
from .ner.loader import can_load
from .records import SCHEMA_VERSION
from .segmenter import resolve_model_dir, user_dict_path
from .segmenter.tokenizer import TOKENIZER_NAME

NerOption = bool | Literal["auto"]
#: Environment switch for the NER stage: "0"/"off" disables it, "1"/"on" requires it.
NER_ENV = "FAZHI_IE_NER"

#: Components added after the tokenizer, in order.
COMPONENTS: tuple[str, ...] = (
    "fazhi_orgs",
    "fazhi_persons",
    "fazhi_locations",
    "fazhi_laws",
    "fazhi_metrics",
    "fazhi_events",
)

_lock = threading.Lock()


def ner_available(ner_model: str | Path | None = None) -> bool:
    """True when an NER engine here can run ``ner_model`` (default: the shipped
    model): ONNX Runtime for our models with a ``model.onnx`` (the shipped one has
    it), hanlp + torch (the ``ner`` extra) for any HanLP model."""
    return can_load(str(ner_model) if ner_model is not None else None)


def _want_ner(ner: NerOption, ner_model: str | Path | None = None) -> bool:
    if ner == "auto":
        env = os.environ.get(NER_ENV, "").strip().lower()
        if env in {"0", "off", "false", "no"}:
            return False
        if env in {"1", "on", "true", "yes"}:
            ner = True
        else:
            return ner_available(ner_model)
    if not isinstance(ner, bool):
        raise ConfigError(
            E401,
            name="ner",
            value=ner,
            detail="expected True, False or 'auto'",
            hint="Use ner='auto' (default), True or False.",
        )
    return ner


def build(
    pkuseg_model: str | Path | None = None,
    *,
    auto_download: bool = True,
    ner: NerOption = "auto",
    ner_model: str | Path | None = None,
) -> Language:
    """A new pipeline: spaCy's Chinese language with the pkuseg segmenter.

    ``pkuseg_model`` is a directory holding a pkuseg model (``features.msgpack``
    + ``weights.npz``); by default the ``FAZHI_IE_PKUSEG_MODEL`` environment
    variable, then the user cache (prepared on first use, see
    :func:`fazhi_ie.segmenter.resolve_model_dir`).

    ``ner``: run the HanLP NER stage (``fazhi_hanlp_ner``) first. ``"auto"``
    runs it when an engine here can run the model (:func:`ner_available`;
    ``FAZHI_IE_NER=0`` turns it off); ``True`` requires it (E208 when no engine can
    run it, E205-E207 when the model is missing or does not load). ``ner_model`` is
    a HanLP model directory or identifier (default: the model shipped in ``models/``).
    """
    from spacy.lang.zh import Chinese

    model_dir = resolve_model_dir(pkuseg_model, auto_download=auto_download)
    # spaCy's Chinese tokenizer, with a word alignment in linear time
    tok = {"@tokenizers": TOKENIZER_NAME, "segmenter": "pkuseg"}
    nlp = Chinese.from_config({"nlp": {"tokenizer": tok}})
    nlp.tokenizer.initialize(  # type: ignore[attr-defined]
        pkuseg_model=str(model_dir), pkuseg_user_dict=str(user_dict_path())
    )
    ner_name = ""
    if _want_ner(ner, ner_model):
        cfg = {"model": str(ner_model) if ner_model is not None else None}
        component = nlp.add_pipe("fazhi_hanlp_ner", config=cfg)
        ner_name = Path(str(getattr(component, "model_ref", "") or "hanlp")).name
    for name in COMPONENTS:
        nlp.add_pipe(name)
    nlp.meta["name"] = "fazhi_ie"
    nlp.meta["version"] = __version__
    nlp.meta["fazhi_ie"] = {
        "schema_version": SCHEMA_VERSION,
        "pkuseg_model": str(model_dir),
        "pkuseg": model_dir.name,
        "ner": ner_name or "off",
    }
    return nlp


@lru_cache(maxsize=4)
def _cached(
    pkuseg_model: str | None, auto_download: bool, ner: NerOption, ner_model: str | None
) -> Language:
    return build(pkuseg_model, auto_download=auto_download, ner=ner, ner_model=ner_model)


def load(
    pkuseg_model: str | Path | None = None,
    *,
    auto_download: bool = True,
    ner: NerOption = "auto",
    ner_model: str | Path | None = None,
) -> Language:
    """The configured pipeline (see :func:`build`), built once per process and cached."""
    key = str(pkuseg_model) if pkuseg_model is not None else None
    nkey = str(ner_model) if ner_model is not None else None
    if ner == "auto":
        ner = _want_ner("auto", ner_model)
    with _lock:
        return _cached(key, auto_download, ner, nkey)


def versions(nlp: Language) -> dict[str, str]:
    info = nlp.meta.get("fazhi_ie", {})
    return {
        "fazhi_ie": __version__,
        "schema": SCHEMA_VERSION,
        "spacy": spacy.__version__,
        "pkuseg": str(info.get("pkuseg", "")),
        "ner": str(info.get("ner", "off")),
    }
