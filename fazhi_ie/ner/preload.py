"""Imported by the worker fork server (:data:`fazhi_ie.workers.PRELOAD`): the NER
stage's libraries (hanlp, torch, :mod:`fazhi_ie.ner.model`) and the pkuseg module,
imported once so that each forked worker only loads the models.

Importing runs no torch operation (forking after one is not safe) and never raises:
a library that fails to import here is imported, and reported, by the worker itself.
"""

from __future__ import annotations

import importlib.util


def _preload() -> None:
    try:
        from fazhi_ie.network import quiet_libraries

        quiet_libraries()  # before hanlp, as the loader does
        import spacy_pkuseg  # noqa: F401

        from fazhi_ie.segmenter import fastload  # noqa: F401

        if all(importlib.util.find_spec(m) is not None for m in ("hanlp", "torch")):
            import fazhi_ie.ner.model  # noqa: F401
    except Exception:  # the worker imports it again and reports what fails
        pass


_preload()
