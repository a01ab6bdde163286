"""Threads per process for the NER engine (ONNX Runtime's intra-op pool, or torch),
OpenMP, MKL and OpenBLAS.

Default 1, in worker processes and in the caller's own process alike: on this
project's 2-core machine a second NER thread makes ``parse()`` no faster when the
other core is idle and 2-3x slower when it is busy (docs/performance.md, round 4).
``FAZHI_IE_WORKER_THREADS=N`` sets N instead (both kinds of process). The count is
applied when the NER model loads (:mod:`fazhi_ie.ner.loader`); with the torch engine a
caller may still call ``torch.set_num_threads`` after :func:`fazhi_ie.load`.
"""

from __future__ import annotations

import os

from .errors import E401, ConfigError

#: Threads per process for torch, OpenMP, MKL and OpenBLAS (default 1).
THREADS_ENV = "FAZHI_IE_WORKER_THREADS"


def thread_count() -> int:
    """``$FAZHI_IE_WORKER_THREADS`` (default 1); E401 when it is not an integer >= 1."""
    raw = os.environ.get(THREADS_ENV, "").strip()
    if not raw:
        return 1
    try:
        n = int(raw)
    except ValueError:
        n = 0
    if n < 1:
        raise ConfigError(
            E401,
            name=THREADS_ENV,
            value=raw,
            detail="must be an integer >= 1",
            hint=f"Unset {THREADS_ENV} (1 thread per process) or set it to e.g. 2.",
        )
    return n


__all__ = ["THREADS_ENV", "thread_count"]
