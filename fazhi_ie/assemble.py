"""Doc -> Article: the one place where public records are built.

Components leave candidates with offsets into the cleaned text; here they are
grouped into records and every offset is mapped back to the raw text through
the normaliser's offset map, so ``article.text[s.start:s.end] == s.text``.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from .components.store import candidates
from .records import Article, Law, LawKind, Notice, Script, Span
from .text import Normalized


def _span(norm: Normalized, start: int, end: int) -> Span:
    return norm.raw_span(start, end)


def build_laws(cands: list[dict[str, Any]], norm: Normalized) -> list[Law]:
    """One Law per law: mentions grouped by short name (aliases via the lexicon)."""
    from .components.laws import lexicon

    groups: dict[str, dict[str, Any]] = {}
    lex = lexicon()
    for c in cands:
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
        g["mentions"].append(_span(norm, c["start"], c["end"]))
    laws = []
    for i, g in enumerate(groups.values(), 1):
        kind = g["kind"] if g["kind"] in LawKind.__members__ else "other"
        laws.append(
            Law(
                id=f"law-{i}",
                name=g["name"],
                full_name=g["full_name"],
                kind=LawKind(kind),
                mentions=g["mentions"],
            )
        )
    return laws


def assemble(
    doc: Doc,
    norm: Normalized,
    *,
    id: str | None = None,
    published: str | None = None,
    warnings: list[Notice] | None = None,
    pipeline: dict[str, str] | None = None,
) -> Article:
    notices = list(warnings or [])
    pub = norm.published
    pub_span = norm.published_span
    if published is not None:
        if pub is not None and pub != published:
            from .errors import W104
            from .inputs import notice

            notices.append(notice(W104, given=published, found=pub))
        pub = published
    return Article(
        id=id,
        title=norm.title,
        title_span=norm.title_span,
        source=norm.source,
        source_span=norm.source_span,
        published=pub,
        published_span=pub_span,
        script=norm.script if isinstance(norm.script, Script) else Script(norm.script),
        text=norm.raw,
        clean_text=norm.text,
        laws=build_laws(candidates(doc, "laws"), norm),
        pipeline=dict(pipeline or {}),
        warnings=notices,
    )
