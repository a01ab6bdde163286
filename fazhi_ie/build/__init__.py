"""Builders: candidates on a Doc -> linked public records.

:func:`assemble` runs the builders of :data:`BUILDERS` in order over one
:class:`Assembly` (organizations before persons, metrics and events, so that
later records refer to earlier ones by id) and returns the Article.
"""

from __future__ import annotations

from .article import BUILDERS, assemble
from .context import Assembly

__all__ = ["BUILDERS", "Assembly", "assemble"]
