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
"""

from __future__ import annotations

import builtins
import contextlib
import datetime as _dt
import hashlib
import io
import json
import math
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import E201, E202, E203, E204, E401, ConfigError, ModelError

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

__all__ = [
    "CACHE_ENV_VAR",
    "DEFAULT_THRESHOLD",
    "ENV_VAR",
    "PKUSEG_VERSION",
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

PKUSEG_VERSION = "0.0.25"
WHEEL_NAME = f"pkuseg-{PKUSEG_VERSION}-cp37-cp37m-manylinux1_x86_64.whl"
WHEEL_SHA256 = "6fc2f97d0f66cc6722cf772e65dbcde1b01d8cc53b66ac4aa7bce639de79588f"
#: Features whose largest |weight| over the five tags is below this are dropped.
#: Chosen by measurement, see docs/segmentation.md.
DEFAULT_THRESHOLD = 0.05
ENV_VAR = "FAZHI_IE_PKUSEG_MODEL"
CACHE_ENV_VAR = "FAZHI_IE_CACHE_DIR"

FEATURES_MEMBER = "pkuseg/models/default/features.pkl"
WEIGHTS_MEMBER = "pkuseg/models/default/weights.npz"
MODEL_FILES = ("features.msgpack", "weights.npz")
META_FILE = "meta.json"
FORMAT_VERSION = 1

PIP_DOWNLOAD_ARGS = (
    "-m",
    "pip",
    "download",
    "--no-deps",
    "--only-binary=:all:",
    "--python-version",
    "37",
    "--platform",
    "manylinux1_x86_64",
    "--implementation",
    "cp",
    "--disable-pip-version-check",
    "--no-input",
)
PIP_TIMEOUT_S = 900

# The features pickle of pkuseg 0.0.25 is made of dicts, lists, str and int
# only (protocol 4): it references no global at all. Sets are harmless and
# other pkuseg releases may pickle them (protocol 2 names them __builtin__.set),
# so they are the only names allowed.
_ALLOWED_GLOBALS = {
    (module, name): getattr(builtins, name)
    for module in ("builtins", "__builtin__")
    for name in ("set", "frozenset")
}


# --- paths --------------------------------------------------------------------


def cache_root() -> Path:
    """The per-user cache directory of fazhi_ie (``FAZHI_IE_CACHE_DIR`` overrides it)."""
    override = os.environ.get(CACHE_ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("fazhi_ie"))


def _threshold_tag(threshold: float) -> str:
    return format(float(threshold), "g")


def default_model_dir(threshold: float = DEFAULT_THRESHOLD) -> Path:
    """Where the prepared model for ``threshold`` lives in the cache."""
    return cache_root() / f"pkuseg-default-{PKUSEG_VERSION}-p{_threshold_tag(threshold)}"


def user_dict_path() -> Path:
    """The domain dictionary (one word a line) forced as single tokens by pkuseg."""
    return Path(__file__).resolve().parent / "data" / "user_dict.txt"


def _model_dir_problem(path: Path) -> str | None:
    """Why ``path`` is not a loadable model directory, or None when it is one."""
    if not path.exists():
        return "it does not exist"
    if not path.is_dir():
        return "it is not a directory"
    missing = [name for name in MODEL_FILES if not (path / name).is_file()]
    if missing:
        detail = "missing " + ", ".join(missing)
        if "features.msgpack" in missing and (path / "features.pkl").is_file():
            detail += (
                "; directories with only features.pkl are refused because spacy_pkuseg "
                "would unpickle it unrestricted"
            )
        return detail
    import numpy as np

    try:
        with np.load(path / "weights.npz", allow_pickle=False) as npz:
            sizes = npz["sizes"]
            if sizes.shape != (2,):
                return f"weights.npz: sizes has shape {sizes.shape}"
    except Exception as exc:
        return f"unreadable weights.npz: {exc}"
    return None


def _check_model_dir(path: Path, via: str = "") -> None:
    problem = _model_dir_problem(path)
    if problem is not None:
        raise ModelError(E204, path=path, detail=problem + via)


def is_model_dir(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a directory spacy_pkuseg can load (see :func:`resolve_model_dir`)."""
    return _model_dir_problem(Path(path)) is None


def resolve_model_dir(
    model: str | os.PathLike[str] | None = None, *, auto_download: bool = True
) -> Path:
    """The pkuseg model directory to use.

    ``model`` (a directory) wins, then the environment variable
    ``FAZHI_IE_PKUSEG_MODEL``, then the cache (``default_model_dir()``). An
    explicit or environment directory that is not a model raises E204; it is
    never silently replaced by the cached one. When the cache is empty it is
    filled by :func:`prepare_model` if ``auto_download``; otherwise, or when
    that fails, :class:`~fazhi_ie.errors.ModelError` E201 is raised (E202 or
    E203 when what pip fetched is not the published wheel).
    """
    if model is not None and str(model).strip():
        path = Path(model).expanduser()
        _check_model_dir(path)
        return path
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        path = Path(env).expanduser()
        _check_model_dir(path, via=f"; it is set by {ENV_VAR}")
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


# --- reading the wheel ------------------------------------------------------------


class _RestrictedUnpickler(pickle.Unpickler):
    """An unpickler that builds plain containers only; any other global raises E203."""

    def find_class(self, module: str, name: str) -> Any:
        allowed = _ALLOWED_GLOBALS.get((module, name))
        if allowed is not None:
            return allowed
        raise ModelError(E203, what=f"the global {module}.{name}")

    def persistent_load(self, pid: Any) -> Any:
        raise ModelError(E203, what=f"a persistent id {pid!r}")


def _restricted_loads(data: bytes) -> Any:
    try:
        return _RestrictedUnpickler(io.BytesIO(data)).load()
    except ModelError:
        raise
    except Exception as exc:  # malformed or truncated data
        raise ModelError(E203, what=f"malformed data ({type(exc).__name__}: {exc})") from None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _validate_features(data: Any, where: str) -> dict[str, Any]:
    def bad(detail: str) -> ModelError:
        return ModelError(E204, path=where, detail=detail)

    if not isinstance(data, dict):
        raise bad(f"features are a {type(data).__name__}, not a dict")
    for key in ("unigram", "feature_to_idx", "tag_to_idx"):
        if key not in data:
            raise bad(f"features lack {key!r}")
    f2i, t2i = data["feature_to_idx"], data["tag_to_idx"]
    if not isinstance(f2i, dict) or not isinstance(t2i, dict):
        raise bad("feature_to_idx and tag_to_idx must be dicts")
    if not all(isinstance(u, str) for u in data["unigram"]):
        raise bad("unigram holds non-strings")
    n = len(f2i)
    seen = bytearray(n)
    for key, idx in f2i.items():
        if not isinstance(key, str) or type(idx) is not int or not 0 <= idx < n or seen[idx]:
            raise bad(f"feature_to_idx is not a dense str->int index (at {key!r})")
        seen[idx] = 1
    if sorted(t2i.values()) != list(range(len(t2i))):
        raise bad("tag_to_idx is not a dense index")
    return data


def read_wheel_model(
    wheel: str | os.PathLike[str], *, sha256: str | None = None
) -> tuple[dict[str, Any], np.ndarray]:
    """Verify the wheel and read its ``default`` model: ``(features, w)``.

    Only ``features.pkl`` and ``weights.npz`` are read, in memory; nothing of
    the wheel is extracted. E202 on a checksum mismatch, E203 when the pickle
    references anything but plain containers, E204 when the content is not a
    pkuseg model. ``sha256`` defaults to :data:`WHEEL_SHA256`.
    """
    import numpy as np

    sha256 = (sha256 or WHEEL_SHA256).lower()
    path = Path(wheel)
    if not path.is_file():
        raise ModelError(E201, detail=f"no such wheel file: {path}")
    actual = _sha256(path)
    if actual != sha256:
        raise ModelError(E202, path=path, expected=sha256, actual=actual)
    try:
        with zipfile.ZipFile(path) as zf:
            features_bytes = zf.read(FEATURES_MEMBER)
            weights_bytes = zf.read(WEIGHTS_MEMBER)
    except KeyError as exc:
        raise ModelError(E204, path=path, detail=f"the wheel lacks {exc.args[0]}") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise ModelError(E204, path=path, detail=f"not a readable zip: {exc}") from None

    features = _validate_features(_restricted_loads(features_bytes), f"{path}!{FEATURES_MEMBER}")
    del features_bytes
    where = f"{path}!{WEIGHTS_MEMBER}"
    try:
        with np.load(io.BytesIO(weights_bytes), allow_pickle=False) as npz:
            sizes = np.asarray(npz["sizes"])
            w = np.asarray(npz["w"], dtype=np.float64)
    except Exception as exc:
        raise ModelError(E204, path=where, detail=f"unreadable weights: {exc}") from None
    n_tag, n_feature = len(features["tag_to_idx"]), len(features["feature_to_idx"])
    if sizes.shape != (2,) or (int(sizes[0]), int(sizes[1])) != (n_tag, n_feature):
        raise ModelError(
            E204, path=where, detail=f"sizes {sizes.tolist()} != ({n_tag}, {n_feature})"
        )
    if w.shape != (n_tag * (n_feature + n_tag),):
        raise ModelError(E204, path=where, detail=f"w has shape {w.shape}")
    return features, w


# --- pruning and writing ----------------------------------------------------------


def prune(
    feature_to_idx: Mapping[str, int], w: np.ndarray, n_tag: int, threshold: float
) -> tuple[dict[str, int], np.ndarray]:
    """Drop the features whose largest |weight| over all tags is below ``threshold``.

    ``w`` is laid out as spacy_pkuseg's Model: node weights
    ``w[feature * n_tag + tag]`` for every feature, then the ``n_tag * n_tag``
    transition weights, which are always kept. Feature 0 (``$$``, the bias that
    the feature extractor adds to every character by index) is always kept.
    The kept features are renumbered densely in their old order. A dropped
    feature is simply not found at inference, exactly like an unseen one, so
    its (small) contribution becomes 0.
    """
    import numpy as np

    n_feature = len(feature_to_idx)
    node = w[: n_feature * n_tag].reshape(n_feature, n_tag)
    keep = np.abs(node).max(axis=1) >= threshold if n_feature else np.zeros(0, bool)
    if n_feature:
        keep[0] = True
    new_index = np.cumsum(keep) - 1
    new_f2i = {feat: int(new_index[idx]) for feat, idx in feature_to_idx.items() if keep[idx]}
    new_w = np.concatenate([node[keep].reshape(-1), w[n_feature * n_tag :]]).astype(np.float64)
    return new_f2i, new_w


def _write_files(
    target: Path, features: dict[str, Any], w: np.ndarray, meta: dict[str, Any]
) -> None:
    import numpy as np
    import srsly

    n_tag = len(features["tag_to_idx"])
    n_feature = len(features["feature_to_idx"])
    srsly.write_msgpack(target / "features.msgpack", features)
    np.savez_compressed(
        target / "weights.npz",
        sizes=np.array([n_tag, n_feature], dtype=np.int64),
        w=np.ascontiguousarray(w, dtype=np.float64),
    )
    (target / META_FILE).write_text(
        json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


_OURS = frozenset({*MODEL_FILES, META_FILE, "features.pkl"})


def _commit(tmp: Path, dest: Path, attempts: int = 20) -> None:
    """Move the finished ``tmp`` to ``dest`` atomically (rename on the same filesystem).

    An existing model at ``dest`` is moved aside first. Concurrent writers (threads or
    processes preparing the same model) may move ``dest`` between our steps: a step that
    loses such a race is retried, and a complete model another writer committed is as
    good as ours.
    """
    for _ in range(attempts):
        try:
            os.rename(tmp, dest)
            return
        except OSError:
            if not dest.exists():
                continue  # moved aside by a concurrent writer: try again
        try:
            if not dest.is_dir():
                if not dest.exists() or dest.is_dir():
                    continue  # moved aside (or replaced) by a concurrent writer meanwhile
                others = ["(not a directory)"]
            else:
                others = sorted(p.name for p in dest.iterdir() if p.name not in _OURS)
        except FileNotFoundError:
            continue
        if others:
            # an older model or an empty directory is replaced, never one holding
            # other files
            raise ModelError(
                E204,
                path=dest,
                detail=f"it exists and holds other files ({', '.join(others[:3])}); "
                "refusing to replace it",
            )
        old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.old-", dir=dest.parent))
        try:
            try:
                os.rename(dest, old / "m")
            except FileNotFoundError:
                pass
            try:
                os.rename(tmp, dest)
                return
            except OSError:
                if is_model_dir(dest):
                    return  # a concurrent writer won the race; its model is as good
        finally:
            shutil.rmtree(old, ignore_errors=True)
    raise OSError(f"could not move {tmp} to {dest} ({attempts} attempts)")


def write_model(
    dest: str | os.PathLike[str],
    features: dict[str, Any],
    w: np.ndarray,
    *,
    threshold: float,
    provenance: Mapping[str, Any] | None = None,
) -> Path:
    """Prune ``(features, w)`` at ``threshold`` and write a model directory at ``dest``.

    The files are written into a fresh temporary directory beside ``dest``
    which is then renamed to ``dest``, so readers never see a half-written
    model and two processes preparing at once do not corrupt it. ``bigram`` is
    written empty: spacy_pkuseg uses it only to build features when training;
    inference looks features up in ``feature_to_idx`` and words in
    ``unigram``, which is kept whole (dropping words from it would change which
    ``ww.*`` features fire).
    """
    from .about import __version__

    threshold = _check_threshold(threshold)
    dest = Path(dest).expanduser()
    tag_to_idx = dict(features["tag_to_idx"])
    n_tag = len(tag_to_idx)
    new_f2i, new_w = prune(features["feature_to_idx"], w, n_tag, threshold)
    out = {
        "unigram": sorted(set(features["unigram"])),
        "bigram": [],
        "feature_to_idx": new_f2i,
        "tag_to_idx": tag_to_idx,
    }
    meta: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "source": {"package": "pkuseg", "version": PKUSEG_VERSION, "model": "default"},
        **(dict(provenance) if provenance else {}),
        "threshold": threshold,
        "n_features_before": len(features["feature_to_idx"]),
        "n_features_after": len(new_f2i),
        "n_tags": n_tag,
        "bigram": "dropped (used only for training)",
        "license_note": "pkuseg model weights: research use only; do not redistribute",
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "created_by": f"fazhi_ie {__version__}",
    }
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent))
    try:
        _write_files(tmp, out, new_w, meta)
        os.chmod(tmp, 0o755)  # mkdtemp makes it 0o700; the files follow the umask
        _commit(tmp, dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return dest


def _check_threshold(threshold: float) -> float:
    try:
        value = float(threshold)
    except (TypeError, ValueError):
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise ConfigError(
            E401,
            name="threshold",
            value=threshold,
            detail="must be a finite number >= 0",
            hint="Use 0 to keep every feature; see docs/segmentation.md for the trade-off.",
        )
    return value


# --- obtaining the wheel ----------------------------------------------------------


def _pip_download(directory: Path) -> Path:
    cmd = [sys.executable, *PIP_DOWNLOAD_ARGS, "-d", str(directory), f"pkuseg=={PKUSEG_VERSION}"]
    try:
        proc = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=PIP_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ModelError(E201, detail=f"`pip download` could not run: {exc}") from None
    wheels = sorted(directory.glob("*.whl"))
    if proc.returncode != 0 or not wheels:
        lines = [ln.strip() for ln in (proc.stderr + "\n" + proc.stdout).splitlines() if ln.strip()]
        tail = " | ".join(lines[-3:]) or f"exit status {proc.returncode}"
        raise ModelError(E201, detail=f"`pip download pkuseg=={PKUSEG_VERSION}` failed: {tail}")
    named = [p for p in wheels if p.name == WHEEL_NAME]
    return named[0] if named else wheels[0]


def _say(progress: bool, message: str) -> None:
    if progress:
        print(f"fazhi_ie: {message}", file=sys.stderr, flush=True)


def prepare_model(
    dest: str | os.PathLike[str] | None = None,
    *,
    wheel: str | os.PathLike[str] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    progress: bool = False,
    sha256: str | None = None,
) -> Path:
    """Fetch, verify, convert and prune the pkuseg ``default`` model into ``dest``.

    ``dest`` defaults to ``default_model_dir(threshold)`` in the cache.
    ``wheel`` is a local copy of the pkuseg 0.0.25 wheel; without it the wheel
    is fetched with ``pip download`` into a temporary directory. ``sha256`` is
    the expected checksum of the wheel (default :data:`WHEEL_SHA256`). An existing
    model at ``dest`` is replaced; a directory holding other files is not.
    """
    threshold = _check_threshold(threshold)
    dest = Path(dest).expanduser() if dest is not None else default_model_dir(threshold)
    with contextlib.ExitStack() as stack:
        if wheel is None:
            tmpdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="fazhi_ie-")))
            _say(progress, f"downloading pkuseg=={PKUSEG_VERSION} (~50 MB) with pip ...")
            wheel_path = _pip_download(tmpdir)
        else:
            wheel_path = Path(wheel).expanduser()
        _say(progress, f"verifying and reading {wheel_path.name} ...")
        features, w = read_wheel_model(wheel_path, sha256=sha256)
    _say(progress, f"pruning features with max |w| < {_threshold_tag(threshold)} ...")
    provenance = {"wheel": wheel_path.name, "sha256": (sha256 or WHEEL_SHA256).lower()}
    try:
        write_model(dest, features, w, threshold=threshold, provenance=provenance)
    except OSError as exc:
        raise ModelError(
            E201,
            detail=f"could not write it to {dest} ({exc}); set {CACHE_ENV_VAR} to a writable "
            "directory",
        ) from None
    _say(progress, f"model ready in {dest}")
    return dest


def _read_meta(path: Path) -> dict[str, Any]:
    try:
        meta = json.loads((path / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def download_command(
    to: str | os.PathLike[str] | None = None,
    wheel: str | os.PathLike[str] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    *,
    force: bool = False,
) -> Path:
    """What ``fazhi-ie download [--to DIR] [--wheel FILE] [--threshold X]`` does.

    Prepares the model in ``to`` (default: the cache directory for
    ``threshold``), printing progress to stderr, and returns the directory. A
    directory already prepared from the same wheel at the same threshold is
    kept unless ``force``.
    """
    threshold = _check_threshold(threshold)
    dest = Path(to).expanduser() if to is not None else default_model_dir(threshold)
    if not force and is_model_dir(dest):
        meta = _read_meta(dest)
        if meta.get("sha256") == WHEEL_SHA256 and meta.get("threshold") == threshold:
            _say(True, f"the pkuseg model is already prepared in {dest}")
            return dest
    prepare_model(dest, wheel=wheel, threshold=threshold, progress=True)
    if dest != default_model_dir():
        _say(True, f"to use it, set {ENV_VAR}={dest} or pass it as the pkuseg model")
    return dest


# --- loading --------------------------------------------------------------------------


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
