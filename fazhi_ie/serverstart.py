"""Imported first by the worker fork server (:data:`fazhi_ie.workers.PRELOAD`): spaCy
is imported there without its own command line (:mod:`fazhi_ie.spacy_cli`), which the
workers never run. The fork server is a process of ours; a plain ``import fazhi_ie``
leaves spaCy's import as it is, so that a user's ``spacy.cli`` keeps working.
"""

from __future__ import annotations

from fazhi_ie import spacy_cli

INSTALLED = spacy_cli.install()
