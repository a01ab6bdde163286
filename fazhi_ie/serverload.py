"""Imported last by the worker fork server (:data:`fazhi_ie.workers.PRELOAD`): loads the
pipeline a :func:`~fazhi_ie.workers.run_parallel` call asked for
(:data:`~fazhi_ie.workers.SERVER_LOAD_ENV`, set by the caller while it starts the
server), so that each forked worker starts with the models in memory (shared
copy-on-write) instead of loading them itself.

torch runs with one thread here, set before its first operation: no OpenMP pool exists
when the workers are forked (each then sets its own thread count). Never raises: a
pipeline that fails to load here is loaded, and reported, by the worker itself.
"""

from __future__ import annotations

import gc
import json
import os

from fazhi_ie.threads import THREADS_ENV
from fazhi_ie.workers import SERVER_LOAD_ENV

#: The pid of the process that loaded the pipeline here (the fork server), else None.
LOADED_BY: int | None = None


def _load() -> None:
    global LOADED_BY
    raw = os.environ.pop(SERVER_LOAD_ENV, None)
    if raw is None:
        return
    threads = os.environ.get(THREADS_ENV)
    try:
        model = json.loads(raw)["model"]
        import sys

        from fazhi_ie.pipeline import load

        torch = sys.modules.get("torch")  # imported by the preload (or spaCy's thinc)
        if torch is not None:
            torch.set_num_threads(1)
        os.environ[THREADS_ENV] = "1"  # the NER loader sets torch's threads from it
        load(model)
        LOADED_BY = os.getpid()
        # what is loaded stays: later collections in the workers skip it and leave
        # its pages shared
        gc.freeze()
    except Exception:  # the worker loads it again and reports what fails
        pass
    finally:  # the workers read it (and set their own thread count)
        if threads is None:
            os.environ.pop(THREADS_ENV, None)
        else:
            os.environ[THREADS_ENV] = threads


_load()
