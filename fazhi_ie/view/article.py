"""``render(article)``: one Article as HTML, for Jupyter and for ``fazhi-ie view``.

The header (title, id, source, published, script, warnings or error), a legend, the
raw text with every mention highlighted by record type (the record in a tooltip), then
compact tables of events, organizations, persons, laws and metrics.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from ..errors import E604, ConfigError
from ..records import Article
from .html import Html, page, render_template
from .marks import KINDS, collect, markup, number, when


def as_article(article: Article | dict[str, Any]) -> Article:
    """An Article, from itself or from its JSON dict (``model_dump`` / a JSONL line)."""
    if isinstance(article, Article):
        return article
    if isinstance(article, dict):
        try:
            return Article.model_validate(article)
        except ValidationError as exc:
            raise ConfigError(E604, type="dict", detail=str(exc).splitlines()[0]) from exc
    raise ConfigError(E604, type=type(article).__name__, detail="not an Article")


def _names(ids: Iterable[str], names: dict[str, str]) -> str:
    return ", ".join(names.get(i, i) for i in ids)


def _tables(art: Article) -> dict[str, list[list[str]]]:
    org_names = {o.id: o.name for o in art.organizations}
    law_names = {law.id: law.name for law in art.laws}
    loc_names = {loc.id: loc.name for loc in art.locations}
    met_text = {m.id: m.span.text for m in art.metrics}
    events = [
        [
            e.id,
            e.type.value,
            when(e) + ("" if e.date_resolved or not e.date_text else f" ({e.date_text})"),
            e.name or e.theme or (e.trigger.text if e.trigger else ""),
            _names(e.organizers, org_names),
            loc_names.get(e.location or "", e.location or ""),
            _names(e.laws, law_names),
            _names(e.metrics, met_text),
        ]
        for e in art.events
    ]
    orgs = [
        [
            o.id,
            o.name,
            o.canonical if o.canonical != o.name else "",
            o.kind.value,
            o.level.value if o.level else "",
            o.region or "",
            str(len(o.mentions)),
        ]
        for o in art.organizations
    ]
    persons = [
        [
            p.id,
            p.name,
            ", ".join(p.titles),
            org_names.get(p.organization or "", ""),
            str(len(p.mentions)),
        ]
        for p in art.persons
    ]
    laws = [
        [law.id, law.name, law.full_name, law.kind.value, str(len(law.mentions))]
        for law in art.laws
    ]
    metrics = [
        [
            m.id,
            number(m.value) + (f"–{number(m.value_max)}" if m.value_max is not None else ""),
            m.unit,
            m.approx.value,
            m.quantity.value,
            m.subject or "",
            m.event or "",
            m.span.text,
        ]
        for m in art.metrics
    ]
    return {
        "events": events,
        "organizations": orgs,
        "persons": persons,
        "laws": laws,
        "metrics": metrics,
    }


HEADS = {
    "events": ["id", "type", "date", "name / theme", "organizers", "location", "laws", "metrics"],
    "organizations": ["id", "name", "canonical", "kind", "level", "region", "mentions"],
    "persons": ["id", "name", "titles", "organization", "mentions"],
    "laws": ["id", "name", "full name", "kind", "mentions"],
    "metrics": ["id", "value", "unit", "approx", "quantity", "subject", "event", "as written"],
}
#: Columns shown right-aligned (numbers), by table.
NUMERIC = {"organizations": {6}, "persons": {4}, "laws": {4}, "metrics": {1}}


def fragment(article: Article | dict[str, Any], *, tables: bool = True) -> Html:
    """The view as a ``<div class="fzv">`` with its own ``<style>`` (no page around it)."""
    art = as_article(article)
    marks, bad = collect(art)
    counts = {kind: 0 for kind, _ in KINDS}
    for m in marks:
        counts[m.kind] += 1
    return render_template(
        "article.html",
        art=art,
        text=markup(art.text, marks),
        legend=[(kind, label, counts[kind]) for kind, label in KINDS],
        unmatched=bad,
        tables=_tables(art) if tables else {},
        heads=HEADS,
        numeric=NUMERIC,
    )


def render(
    article: Article | dict[str, Any], *, tables: bool = True, full_page: bool = False
) -> Html:
    """One article as HTML: header, legend, highlighted text, tables.

    Returns a self-contained fragment (it carries its own CSS, no script, nothing
    fetched) that Jupyter displays as is; ``full_page=True`` wraps it in a standalone
    HTML document (what ``fazhi-ie view`` writes). Every piece of article text is
    escaped. ``article`` is an :class:`~fazhi_ie.records.Article` or its JSON dict.
    """
    art = as_article(article)
    body = fragment(art, tables=tables)
    if not full_page:
        return body
    return page(body, title=art.title or art.id or "fazhi_ie article")


def render_many(
    articles: Iterable[Article], *, tables: bool = True, title: str = "fazhi_ie articles"
) -> Html:
    """Several articles, one view after another, as one standalone page."""
    body = "\n".join(fragment(a, tables=tables) for a in articles)
    return page(body, title=title)


__all__ = ["as_article", "fragment", "render", "render_many"]
