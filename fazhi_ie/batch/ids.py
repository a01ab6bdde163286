"""Document ids for batch runs: the input's id, else a stable hash of the text.

A resumed run must recognise what it has already written, so every document
needs an id that does not depend on when or where it was parsed. A document
whose id was already used earlier in the input is kept apart under a new id
(``id~2``, ``id~3``, ...) with a ``W501`` warning: never silently merged.
Renaming follows input order, so a resumed run over the same input gives the
same ids.
"""

from __future__ import annotations

import hashlib

from ..errors import W501, notice
from ..inputs import InputDoc
from ..records import Notice

#: Prefix of ids made from the text (``t-`` + 20 hex digits of SHA-256).
HASH_PREFIX = "t-"


def text_id(text: str) -> str:
    """A stable id for a text: ``t-`` and the first 20 hex digits of its SHA-256."""
    return HASH_PREFIX + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]


class IdAssigner:
    """Gives each document its final id and counts the duplicates."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}
        self.duplicates = 0

    def assign(self, doc_id: str | None, text: str | None) -> tuple[str, Notice | None]:
        """The final id of a document, and the W501 warning when it was renamed."""
        base = doc_id if doc_id is not None else text_id(text or "")
        n = self._seen.get(base, 0) + 1
        self._seen[base] = n
        if n == 1:
            return base, None
        new = f"{base}~{n}"
        while new in self._seen:  # "a~2" may itself be an input id
            n += 1
            new = f"{base}~{n}"
        self._seen[base] = n
        self._seen[new] = 1
        self.duplicates += 1
        return new, notice(W501, id=base, new=new)

    def assign_doc(self, doc: InputDoc) -> str:
        """Set ``doc.id`` to its final id (a renamed duplicate gets the W501 warning)."""
        doc.id, warning = self.assign(doc.id, doc.text)
        if warning is not None:
            doc.warnings = [*doc.warnings, warning]
        return doc.id
