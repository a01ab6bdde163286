"""The pkuseg word-segmentation model: where it lives, how it is fetched, pruned and loaded.

spaCy's Chinese language segments with ``spacy_pkuseg`` but ships no model. The
mixed-domain ``default`` model of pkuseg 0.0.25 is inside that release's wheel
(a plain zip). :func:`prepare_model` fetches the wheel with ``pip download``
(or takes a local copy), checks its sha256, reads ``features.pkl`` and
``weights.npz`` straight out of the zip, unpickles the features with a
restricted unpickler, drops the features whose weights are all close to zero
(see ``docs/segmentation.md`` for the measurement behind
:data:`DEFAULT_THRESHOLD`) and writes the directory that
``spacy_pkuseg.pkuseg(model_name=DIR)`` loads: ``features.msgpack``,
``weights.npz`` and a provenance file ``meta.json``.

The weights are licensed for research use only: they are never part of this
package and are written to a per-user cache on first use.

Model directory lookup (:func:`resolve_model_dir`): the explicit argument, then
the ``FAZHI_IE_PKUSEG_MODEL`` environment variable, then the cache
(``platformdirs.user_cache_dir("fazhi_ie")``, or ``FAZHI_IE_CACHE_DIR``).

Modules: :mod:`~fazhi_ie.segmenter.paths` (cache, model directories),
:mod:`~fazhi_ie.segmenter.wheel` (pip download, sha256, restricted unpickling,
reading the wheel), :mod:`~fazhi_ie.segmenter.convert` (pruning, atomic writes),
:mod:`~fazhi_ie.segmenter.prepare` (the whole preparation, ``fazhi-ie download``)
and :mod:`~fazhi_ie.segmenter.load` (choosing the directory, loading). The ids,
versions and checksums are in :mod:`fazhi_ie.pretrained`.
"""

from __future__ import annotations

from fazhi_ie.pretrained import PKUSEG_THRESHOLD as DEFAULT_THRESHOLD
from fazhi_ie.pretrained import PKUSEG_VERSION
from fazhi_ie.pretrained import PKUSEG_WHEEL_NAME as WHEEL_NAME
from fazhi_ie.pretrained import PKUSEG_WHEEL_SHA256 as WHEEL_SHA256

from .convert import prune, write_model
from .load import load_pkuseg, pkuseg_init_kwargs, resolve_model_dir
from .paths import (
    CACHE_ENV_VAR,
    ENV_VAR,
    META_FILE,
    MODEL_FILES,
    cache_root,
    default_model_dir,
    is_model_dir,
    user_dict_path,
)
from .prepare import download_command, prepare_model
from .wheel import FEATURES_MEMBER, WEIGHTS_MEMBER, read_wheel_model

__all__ = [
    "CACHE_ENV_VAR",
    "DEFAULT_THRESHOLD",
    "ENV_VAR",
    "FEATURES_MEMBER",
    "META_FILE",
    "MODEL_FILES",
    "PKUSEG_VERSION",
    "WEIGHTS_MEMBER",
    "WHEEL_NAME",
    "WHEEL_SHA256",
    "cache_root",
    "default_model_dir",
    "download_command",
    "is_model_dir",
    "load_pkuseg",
    "pkuseg_init_kwargs",
    "prepare_model",
    "prune",
    "read_wheel_model",
    "resolve_model_dir",
    "user_dict_path",
    "write_model",
]
