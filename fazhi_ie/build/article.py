"""Doc -> Article: the one place where public records are built.

Components leave candidates with offsets into the cleaned text
(``doc.user_data["fazhi_ie"][key]``); builders turn them into records, in a
fixed order so that later records can refer to earlier ones by id
(organizations before persons, metrics and events). Builders work in clean
offsets and index each record's mention ranges on the
:class:`~fazhi_ie.build.context.Assembly`; the raw spans of the records are
made once, through the normaliser's offset map, so that
``article.text[s.start:s.end] == s.text``.

A builder is a function ``build(ctx: Assembly) -> None`` that appends to the
lists of ``ctx``. :data:`BUILDERS` lists them in order.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from ..errors import W104, notice
from ..records import (
    Article,
    Notice,
    Script,
)
from ..text import Normalized
from .context import Assembly
from .events import build_events
from .laws import build_laws
from .locations import build_locations
from .metrics import build_metrics
from .names import written_brackets
from .organizations import build_organizations
from .persons import build_persons
from .relations import build_relations

#: Builders in the order they run; later ones may refer to earlier records.
BUILDERS: list[Callable[[Assembly], None]] = [
    build_organizations,
    build_persons,
    build_locations,
    build_laws,
    build_metrics,
    build_events,
    build_relations,
    written_brackets,
]


def assemble(
    doc: Doc,
    norm: Normalized,
    *,
    id: str | None = None,
    published: str | None = None,
    warnings: list[Notice] | None = None,
    pipeline: dict[str, str] | None = None,
) -> Article:
    """Build the Article for a processed Doc and its normalisation."""
    notices = list(warnings or [])
    pub = norm.published
    if published is not None:
        if pub is not None and pub != published:
            notices.append(notice(W104, given=published, found=pub))
        pub = published
    ctx = Assembly(doc=doc, norm=norm, published=pub, warnings=notices)
    for build in BUILDERS:
        build(ctx)
    return Article(
        id=id,
        title=norm.title,
        title_span=norm.title_span,
        source=norm.source,
        source_span=norm.source_span,
        published=pub,
        published_span=norm.published_span,
        script=norm.script if isinstance(norm.script, Script) else Script(norm.script),
        text=norm.raw,
        clean_text=norm.text,
        organizations=ctx.organizations,
        persons=ctx.persons,
        locations=ctx.locations,
        laws=ctx.laws,
        events=ctx.events,
        metrics=ctx.metrics,
        relations=ctx.relations,
        pipeline=dict(pipeline or {}),
        warnings=ctx.warnings,
    )
