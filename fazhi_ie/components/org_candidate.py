"""The candidate the organization recognizer stores: one mention of a body."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..lexicons.orgs import kind_of


@dataclass(slots=True)
class OrgCandidate:
    """An organization name at clean offsets ``[start, end)``, with its analysis.

    ``name = prefix + core``: ``prefix`` is the chain of region units at the left
    edge (``青山市``, ``市委``), ``region`` the named places in it and ``marker``
    its last level marker (``市``, ``县``). ``suffix`` is the grammar suffix that
    ends the name and ``mode`` its mode (``core``, ``named``, ``core_named``,
    ``prefixed``, ``sub``). ``kind`` and ``level`` are OrgKind and AdminLevel
    values. ``source`` is ``grammar`` or ``ner``. ``inherit`` is the prefix a bare
    list item shares with the first item (统战部 after 市委宣传部); ``parent`` the
    name a sub-unit was joined to (公安局 + 城东分局).
    """

    start: int
    end: int
    name: str
    core: str
    suffix: str
    mode: str
    kind: str
    prefix: str = ""
    region: str | None = None
    marker: str | None = None
    level: str | None = None
    source: str = "grammar"
    inherit: str = ""
    parent: str | None = None

    @classmethod
    def bare(
        cls, start: int, end: int, name: str, suffix: str, mode: str, **extra: Any
    ) -> OrgCandidate:
        """A name without a region prefix: its own core, kind read from the name."""
        return cls(
            start=start,
            end=end,
            name=name,
            core=name,
            suffix=suffix,
            mode=mode,
            kind=kind_of(name, name),
            **extra,
        )
