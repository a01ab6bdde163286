"""Imported by the worker fork server (:data:`fazhi_ie.workers.PRELOAD`): the NER
stage's libraries (ONNX Runtime and :mod:`fazhi_ie.ner.onnx_engine`; hanlp, torch and
:mod:`fazhi_ie.ner.model` only for the torch engine) and the pkuseg module,
imported once so that each forked worker only loads the models.

Importing runs no torch operation (forking after one is not safe) and never raises:
a library that fails to import here is imported, and reported, by the worker itself.
"""

from __future__ import annotations

import importlib.util


def _preload() -> None:
    try:
        from fazhi_ie.ner.loader import wanted_engine
        from fazhi_ie.network import quiet_libraries

        quiet_libraries()  # before hanlp, as the loader does
        import spacy_pkuseg  # noqa: F401

        from fazhi_ie.segmenter import fastload  # noqa: F401

        has_ort = importlib.util.find_spec("onnxruntime") is not None
        if has_ort:
            import fazhi_ie.ner.onnx_engine
        torch_wanted = not has_ort or wanted_engine() == "torch"  # E401 is the worker's
        if torch_wanted and all(importlib.util.find_spec(m) for m in ("hanlp", "torch")):
            import fazhi_ie.ner.model  # noqa: F401
    except Exception:  # the worker imports it again and reports what fails
        pass


_preload()
