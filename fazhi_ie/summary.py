"""A human-readable summary of an Article, for a terminal or a notebook cell
(``fazhi-ie parse --summary``, ``print(summarize(article))``). The JSON stays the API;
this view is for reading, not for parsing."""

from __future__ import annotations

from .records import Article


def _value(v: int | float) -> str:
    return f"{v:,}" if isinstance(v, int) or float(v).is_integer() else f"{v:,.2f}"


def summarize(article: Article) -> str:
    """Title, date, then one line per organization, person, law, event and metric."""
    lines: list[str] = []
    head = article.id or "(no id)"
    if article.error is not None:
        return f"{head}: error {article.error.code}: {article.error.message}"
    lines.append(f"{head}: {article.title or '(no title)'}")
    meta = [f"published {article.published}" if article.published else "no date"]
    if article.source:
        meta.append(f"source {article.source}")
    meta.append(f"{len(article.text):,} chars, {article.script.value}")
    lines.append("  " + "; ".join(meta))
    orgs = {o.id: o for o in article.organizations}
    if article.organizations:
        lines.append(f"  organizations ({len(orgs)}):")
        for o in article.organizations:
            extra = f" = {o.canonical}" if o.canonical != o.name else ""
            lines.append(f"    {o.name}{extra} [{o.kind.value}] x{len(o.mentions)}")
    if article.persons:
        lines.append(f"  persons ({len(article.persons)}):")
        for p in article.persons:
            org = orgs[p.organization].name if p.organization in orgs else ""
            role = " ".join(x for x in (org, "、".join(p.titles)) if x)
            lines.append(f"    {p.name}" + (f" ({role})" if role else ""))
    if article.laws:
        lines.append("  laws: " + ", ".join(f"《{law.name}》" for law in article.laws))
    metrics = {m.id: m for m in article.metrics}
    if article.events:
        lines.append(f"  events ({len(article.events)}):")
        for e in article.events:
            when = str(e.date) if e.date else "date ?"
            if e.date_end:
                when += f"..{e.date_end}"
            who = "、".join(orgs[i].name for i in e.organizers if i in orgs) or "organizer ?"
            what = e.name or (e.trigger.text if e.trigger else "")
            lines.append(f"    {when} {e.type.value}: {what} — {who}")
            for mid in e.metrics:
                if mid in metrics:
                    lines.append(f"      · {metrics[mid].span.text}")
    loose = [m for m in article.metrics if m.event is None]
    if loose:
        lines.append(f"  other metrics ({len(loose)}):")
        for m in loose:
            lines.append(f"    {_value(m.value)} {m.unit} [{m.quantity.value}] «{m.span.text}»")
    for w in article.warnings:
        lines.append(f"  warning {w.code}: {w.message}")
    return "\n".join(lines)


__all__ = ["summarize"]
