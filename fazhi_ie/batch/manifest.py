"""The manifest of a batch run: what wrote the output, so that a resume can check it.

It records the fazhi_ie version, the record and table schema versions, the
models (pkuseg, NER, spaCy, from the first parsed article) and the options
that change the output. Resuming with any of them different is refused
(``E502``) rather than mixing records of two configurations in one output.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from typing import Any

from ..about import __version__
from ..errors import E502, ConfigError
from ..records import SCHEMA_VERSION
from ..tables import TABLES_VERSION

#: Keys compared on resume (models only once both runs know them).
CHECKED = ("fazhi_ie", "schema", "tables", "format", "options")
#: Keys of ``Article.pipeline`` that name the models.
MODEL_KEYS = ("spacy", "pkuseg", "ner")


def new_manifest(fmt: str, options: Mapping[str, Any], inputs: Sequence[str]) -> dict[str, Any]:
    return {
        "fazhi_ie": __version__,
        "schema": SCHEMA_VERSION,
        "tables": TABLES_VERSION,
        "format": fmt,
        "options": dict(options),
        "models": None,
        "inputs": list(inputs),
        "started": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "resumed": 0,
    }


def models_of(pipeline: Mapping[str, str]) -> dict[str, str] | None:
    """The models named in an article's ``pipeline`` (None for an error record)."""
    if not pipeline:
        return None
    return {k: str(pipeline.get(k, "")) for k in MODEL_KEYS}


def check_resume(path: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
    """Raise E502 when the run that wrote ``path`` differs from this one."""
    for key in CHECKED:
        if old.get(key) != new.get(key):
            raise ConfigError(E502, path=path, what=key, old=old.get(key), new=new.get(key))


def check_models(path: str, manifest: dict[str, Any], models: dict[str, str]) -> bool:
    """Compare the models of this run with the manifest's; True when newly recorded."""
    old = manifest.get("models")
    if old is None:
        manifest["models"] = models
        return True
    if old != models:
        raise ConfigError(E502, path=path, what="models", old=old, new=models)
    return False


__all__ = ["CHECKED", "check_models", "check_resume", "models_of", "new_manifest"]
