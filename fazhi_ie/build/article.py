"""Doc -> Article: the one place where public records are built.

Components leave candidates with offsets into the cleaned text
(``doc.user_data["fazhi_ie"][key]``); builders turn them into records, in a
fixed order so that later records can refer to earlier ones by id
(organizations before persons, metrics and events). Every offset is mapped
back to the raw text through the normaliser's offset map, so that
``article.text[s.start:s.end] == s.text``.

A builder is a function ``build(ctx: Assembly) -> None`` that appends to the
lists of ``ctx``. :data:`BUILDERS` lists them in order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

from .context import Assembly

from ..components.events import build_events, build_relations
from ..components.locations import build_locations
from ..components.metrics import build_metrics
from ..components.organizations import build_organizations
from ..components.persons import build_persons
from ..errors import W104, notice
from ..records import (
    Article,
    Event,
    Law,
    LawKind,
    Location,
    Metric,
    Notice,
    Organization,
    Person,
    Relation,
    Script,
    Span,
)
from ..text import Normalized


def build_laws(ctx: Assembly) -> None:
    """One Law per law: mentions grouped by short name (aliases via the lexicon)."""
    from ..components.laws import lexicon

    groups: dict[str, dict[str, Any]] = {}
    lex = lexicon()
    for c in ctx.candidates("laws"):
        entry = lex.get(c["name"])
        key = entry.name if entry is not None else c["name"]
        g = groups.get(key)
        if g is None:
            g = groups[key] = {
                "name": c["name"],
                "full_name": c["full_name"],
                "kind": c["kind"],
                "mentions": [],
            }
        elif len(c["full_name"]) > len(g["full_name"]):
            g["full_name"] = c["full_name"]
        g["mentions"].append(ctx.span(c["start"], c["end"]))
    for i, g in enumerate(groups.values(), len(ctx.laws) + 1):
        kind = g["kind"] if g["kind"] in LawKind.__members__ else "other"
        ctx.laws.append(
            Law(
                id=f"law-{i}",
                name=g["name"],
                full_name=g["full_name"],
                kind=LawKind(kind),
                mentions=g["mentions"],
            )
        )


#: Builders in the order they run; later ones may refer to earlier records.
BUILDERS: list[Callable[[Assembly], None]] = [
    build_organizations,
    build_persons,
    build_locations,
    build_laws,
    build_metrics,
    build_events,
    build_relations,
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
