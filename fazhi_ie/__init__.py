"""fazhi_ie: typed, grounded records from Chinese rule-of-law publicity news.

>>> from fazhi_ie import parse
>>> article = parse(text)            # doctest: +SKIP
>>> [law.name for law in article.laws]  # doctest: +SKIP
['宪法', '民法典']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import records as _records
from .about import __version__
from .errors import ConfigError, FazhiError, GoldError, InputError, ModelError
from .records import (
    SCHEMA_VERSION,
    Approx,
    Article,
    Event,
    EventType,
    Law,
    LawKind,
    Location,
    Metric,
    Notice,
    Organization,
    OrgKind,
    Person,
    Quantity,
    Relation,
    RelationType,
    Script,
    Span,
)

if TYPE_CHECKING:  # pragma: no cover
    from .api import parse, parse_many
    from .pipeline import load
    from .tables import to_frames
    from .view import render, report

_LAZY = {
    "parse": "api",
    "parse_many": "api",
    "load": "pipeline",
    "render": "view",
    "report": "view",
    "to_frames": "tables",
}
#: Submodules reachable as attributes after a plain ``import fazhi_ie``.
_SUBMODULES = frozenset({"summary"})


def _render_html(article: Article) -> str:
    from .view import render

    return render(article)


_records.html_view = _render_html  # Article._repr_html_ (records sit below the view)


def __getattr__(name: str) -> Any:
    # spaCy and the pipeline are imported on first use, so that
    # `from fazhi_ie import Article` stays cheap for programs reading records.
    if name in _LAZY:
        import importlib

        module = importlib.import_module(f".{_LAZY[name]}", __name__)
        return getattr(module, name)
    if name in _SUBMODULES:
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "SCHEMA_VERSION",
    "Approx",
    "Article",
    "ConfigError",
    "Event",
    "EventType",
    "FazhiError",
    "GoldError",
    "InputError",
    "Law",
    "LawKind",
    "Location",
    "Metric",
    "ModelError",
    "Notice",
    "OrgKind",
    "Organization",
    "Person",
    "Quantity",
    "Relation",
    "RelationType",
    "Script",
    "Span",
    "__version__",
    "load",
    "parse",
    "parse_many",
    "render",
    "report",
    "to_frames",
]
