"""spaCy pipeline components of fazhi_ie, each a registered factory.

Importing this package registers the factories (``fazhi_laws``, ...) with
spaCy, so that ``nlp.add_pipe("fazhi_laws")`` works in user code too.

Components write two things on the Doc:

* ``doc.spans[<key>]``: token-aligned spans with a label, for spaCy users
  (displaCy, ``Span`` APIs);
* ``doc.user_data["fazhi_ie"][<key>]``: a list of typed candidates
  (dataclasses such as ``OrgCandidate``, ``PersonCandidate``,
  ``EventMention``) with exact character offsets into ``doc.text``. The
  builders of :mod:`fazhi_ie.build` turn them into records.

Each component is a :class:`~fazhi_ie.components.base.Recognizer`: it only
finds; linking and record building happen in :mod:`fazhi_ie.build`.
"""

from __future__ import annotations

# Importing the modules registers their factories with spaCy.
from . import events, laws, locations, metrics, organizations, persons  # noqa: F401
from .base import USER_DATA_KEY, candidates, char_span
from .tokens import token_edges

__all__ = ["USER_DATA_KEY", "candidates", "char_span", "token_edges"]
