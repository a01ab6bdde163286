"""Finding and loading NER models (once per process), with one of two engines:

* ``onnx``: our models (config naming :data:`~fazhi_ie.pretrained.NER_MODEL_CLASSPATH`)
  that have a ``model.onnx``, run by ONNX Runtime (:mod:`fazhi_ie.ner.onnx_engine`):
  no torch, no hanlp. The default for the shipped model.
* ``torch``: any HanLP model (directory or identifier) through hanlp and torch (the
  ``ner`` extra), our class included.

``$FAZHI_IE_NER_ENGINE`` (``onnx`` / ``torch``) picks one; by default ``onnx`` where it
can run the model. ONNX Runtime, torch and hanlp are imported lazily.
"""

from __future__ import annotations

import importlib.util
import json
import os
import threading
import warnings
from pathlib import Path
from typing import Any

from fazhi_ie.errors import E152, E401, ConfigError, ModelError
from fazhi_ie.ner.errors import model_error
from fazhi_ie.network import check_online, quiet_libraries
from fazhi_ie.pretrained import (
    HANLP_RNN_NER_CLASSPATH,
    NER_MODEL_CLASSPATH,
    NER_MODEL_NAME,
    NER_MODELS_CHECKOUT_DIR,
    NER_MODELS_PACKAGE_DIR,
    NER_ONNX_FILE,
)
from fazhi_ie.threads import thread_count

ENV_VAR = "FAZHI_IE_NER_MODEL"
#: "onnx" or "torch": the engine that runs the NER model (default: onnx where it can)
ENGINE_ENV = "FAZHI_IE_NER_ENGINE"
ENGINES = ("onnx", "torch")
#: torch engine only: "0"/"off": the NER model runs in float32; by default its LSTM and
#: Linear layers run as dynamic int8 where torch has a quantized engine
INT8_ENV = "FAZHI_IE_NER_INT8"
# HanLP classes our class can load (same config, vocabs and weights layout)
_RNN_CLASSPATHS = {HANLP_RNN_NER_CLASSPATH, NER_MODEL_CLASSPATH}
# HanLP imports and instantiates every "classpath" of a model's config.json: a
# directory from elsewhere may only name classes of these packages (E152).
TRUSTED_CLASS_PREFIXES = ("hanlp.", "fazhi_ie.")

_cache: dict[str, Any] = {}
_lock = threading.Lock()


def models_root() -> Path:
    """Where the shipped models are: the repository's ``models/`` (a source checkout or
    an editable install) or, in a regular install, the copy inside the package
    (``fazhi_ie/_models``, made by ``setup.py`` when the wheel is built)."""
    package = Path(__file__).resolve().parents[1]
    installed = package / NER_MODELS_PACKAGE_DIR
    if installed.is_dir():
        return installed
    return package.parent / NER_MODELS_CHECKOUT_DIR


def default_model_dir() -> Path:
    return models_root() / NER_MODEL_NAME


def is_model_dir(path: str | os.PathLike[str]) -> bool:
    p = Path(path)
    return p.is_dir() and (p / "config.json").is_file()


def resolve_model(model: str | os.PathLike[str] | None) -> str:
    """A model directory (absolute path) or a HanLP identifier string.

    ``None`` means ``$FAZHI_IE_NER_MODEL`` or, failing that, the shipped model.
    """
    if model is None or model == "":
        env = os.environ.get(ENV_VAR)
        if env:
            if not is_model_dir(env):
                raise model_error("E205", path=env, via=f" (from {ENV_VAR})")
            return str(Path(env).resolve())
        path = default_model_dir()
        if not is_model_dir(path):
            raise model_error("E205", path=str(path), via=" (the shipped model)")
        return str(path)
    p = Path(model).expanduser()
    if p.exists():
        if not is_model_dir(p):
            raise model_error("E205", path=str(p), via="")
        return str(p.resolve())
    text = str(model)
    if "://" not in text and (os.sep in text or "/" in text or text.startswith((".", "~"))):
        # a path that is not there: never sent to HanLP as an identifier to download
        raise model_error("E205", path=text, via=" (no such directory)")
    return text


def _classpaths(config: Any) -> list[str]:
    """Every ``classpath`` value in a HanLP config, nested ones included."""
    if isinstance(config, dict):
        own = [v for k, v in config.items() if k in ("classpath", "class_path")]
        return own + [c for v in config.values() for c in _classpaths(v)]
    if isinstance(config, list):
        return [c for v in config for c in _classpaths(v)]
    return []


def check_classpaths(config: Any, model: str) -> None:
    """E152 unless every class the config names belongs to hanlp or fazhi_ie."""
    for cp in _classpaths(config):
        if not isinstance(cp, str) or not cp.startswith(TRUSTED_CLASS_PREFIXES):
            raise ModelError(E152, model=model, detail=f"its config names the class {cp!r}")


def _read_config(resolved: str) -> dict[str, Any] | None:
    """The checked config of a model directory (None for an identifier), read before
    hanlp is imported: E205 unreadable, E152 untrusted classes, E151 offline identifier."""
    path = Path(resolved)
    if not is_model_dir(path):
        check_online(
            f"download the HanLP pretrained model {resolved!r}",
            "Load it once on a machine with access (hanlp.load), copy the directory HanLP "
            "saved (under ~/.hanlp) and pass that directory instead of the identifier.",
        )
        return None
    try:
        config = json.loads((path / "config.json").read_text("utf-8"))
        if not isinstance(config, dict):
            raise ValueError("config.json is not a JSON object")
    except (OSError, ValueError) as exc:
        raise model_error("E205", path=resolved, via=f" ({exc})") from exc
    check_classpaths(config, resolved)
    return config


def _installed(*modules: str) -> bool:
    return all(importlib.util.find_spec(m) is not None for m in modules)


def wanted_engine() -> str | None:
    """``$FAZHI_IE_NER_ENGINE`` (``onnx`` / ``torch``), None when unset; E401 otherwise."""
    raw = os.environ.get(ENGINE_ENV, "").strip().lower()
    if not raw:
        return None
    if raw not in ENGINES:
        raise ConfigError(
            E401,
            name=ENGINE_ENV,
            value=raw,
            detail=f"expected one of {', '.join(ENGINES)}",
            hint=f"Unset {ENGINE_ENV} (ONNX Runtime where it can run the model) or set it "
            "to onnx or torch.",
        )
    return raw


def engine_for(resolved: str, config: dict[str, Any] | None) -> str:
    """The engine that runs a resolved model (``onnx`` or ``torch``); E208 when the one
    wanted, or every one, cannot run it here."""
    onnx_file = config is not None and config.get("classpath") == NER_MODEL_CLASSPATH
    onnx_file = onnx_file and (Path(resolved) / NER_ONNX_FILE).is_file()
    onnx_ok = onnx_file and _installed("onnxruntime")
    torch_ok = _installed("hanlp", "torch")
    wanted = wanted_engine()
    if wanted == "onnx" and not onnx_ok:
        why = "onnxruntime is not installed" if onnx_file else f"the model has no {NER_ONNX_FILE}"
        raise model_error("E208", detail=f"{ENGINE_ENV}=onnx, but {why}")
    if wanted == "torch" and not torch_ok:
        raise model_error("E208", detail=f"{ENGINE_ENV}=torch, but hanlp or torch is not installed")
    if wanted:
        return wanted
    if onnx_ok:
        return "onnx"
    if torch_ok:
        return "torch"
    detail = "onnxruntime is not installed" if onnx_file else "hanlp or torch is not installed"
    raise model_error("E208", detail=detail)


def can_load(model: str | os.PathLike[str] | None = None) -> bool:
    """Whether an engine here can run ``model`` (see :func:`resolve_model`)."""
    try:
        resolved = resolve_model(model)
        engine_for(resolved, _read_config(resolved) if is_model_dir(resolved) else None)
    except ModelError:
        return False
    return True


def _load_uncached(resolved: str, engine: str | None = None) -> Any:
    config = _read_config(resolved)
    engine = engine or engine_for(resolved, config)
    if engine == "onnx":
        try:  # installed but not importable (a broken wheel, a missing system library)
            from fazhi_ie.ner.onnx_engine import OnnxNER
        except ImportError as exc:
            raise model_error("E208", detail=f"onnxruntime does not import: {exc}") from exc
        try:
            return OnnxNER(resolved, threads=thread_count())
        except Exception as exc:
            raise model_error(
                "E206", model=resolved, detail=f"{type(exc).__name__}: {exc}"
            ) from exc
    return _load_torch(resolved, config)


def _load_torch(resolved: str, config: dict[str, Any] | None) -> Any:
    quiet_libraries()
    try:
        import hanlp
        import torch
    except ImportError as exc:
        raise model_error("E208", detail=str(exc)) from exc
    # before the first torch operation: default 1 thread (fazhi_ie.threads)
    torch.set_num_threads(thread_count())

    from fazhi_ie.ner.model import FazhiRNNNER, fix_crf

    if config is not None:
        try:
            if config.get("classpath") in _RNN_CLASSPATHS:
                tagger = FazhiRNNNER()
                tagger.load(resolved, devices=-1, verbose=False)
                if tagger.config.get("lex_embed"):
                    _ = tagger.lexicon  # read now: a missing lexicon.tsv fails at load
            else:
                tagger = hanlp.load(resolved)
        except Exception as exc:
            raise model_error(
                "E206", model=resolved, detail=f"{type(exc).__name__}: {exc}"
            ) from exc
    else:
        try:
            tagger = hanlp.load(resolved)
        except Exception as exc:
            raise model_error(
                "E207", model=resolved, detail=f"{type(exc).__name__}: {exc}"
            ) from exc
    model = getattr(tagger, "model", None)
    if model is not None:
        fix_crf(model)
        if int8_wanted():
            quantize_int8(tagger)
    return tagger


def int8_wanted() -> bool:
    """Whether to run the NER model in int8: yes unless ``$FAZHI_IE_NER_INT8`` is
    ``0``/``off``/``false``/``no``."""
    return os.environ.get(INT8_ENV, "").strip().lower() not in {"0", "off", "false", "no"}


def quantize_int8(tagger: Any) -> bool:
    """Replace the tagger's LSTM and Linear layers by dynamically quantized int8 ones
    (weights int8, activations quantized on the fly, on CPU): the NER stage about
    1.15x as fast, MSRA test F1 0.9074 instead of 0.9071 (docs/performance.md). A
    torch without a quantized engine, or one whose quantization API fails, keeps the
    float32 model. Returns whether the model was quantized."""
    import torch

    if not set(torch.backends.quantized.supported_engines) - {"none"}:
        return False
    try:  # a torch that dropped or changed torch.ao dynamic quantization: keep float32
        from torch.ao.quantization import quantize_dynamic

        model = tagger.model
        model.eval()
        with warnings.catch_warnings():  # torch warns about its quantized tensor functions
            warnings.simplefilter("ignore", UserWarning)
            warnings.simplefilter("ignore", DeprecationWarning)
            quantized = quantize_dynamic(model, {torch.nn.LSTM, torch.nn.Linear}, torch.qint8)
    except (ImportError, AttributeError, RuntimeError, NotImplementedError):
        return False
    tagger.model = quantized
    return True


def load_model(model: str | os.PathLike[str] | None = None) -> Any:
    """The tagger for ``model`` (see :func:`resolve_model`), cached by path and engine:
    an :class:`~fazhi_ie.ner.onnx_engine.OnnxNER` or a HanLP component."""
    resolved = resolve_model(model)
    config = _read_config(resolved) if is_model_dir(resolved) else None
    engine = engine_for(resolved, config)
    key = f"{engine}:{resolved}"
    with _lock:
        tagger = _cache.get(key)
        if tagger is None:
            tagger = _cache[key] = _load_uncached(resolved, engine)
    return tagger


def clear_cache() -> None:
    with _lock:
        _cache.clear()
