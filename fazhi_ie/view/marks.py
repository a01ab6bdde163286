"""Mention highlighting: every grounded span of an Article as a ``<mark>`` in its text.

A :class:`Mark` is one highlighted stretch of ``article.text`` with a kind (the legend
entry) and the tooltip lines of the record(s) it stands for. Marks may nest (a
location inside an organization name) or cross; :func:`markup` nests them properly and
splits a crossing mark into pieces, the later ones with the class ``fz-cont`` so that
each mark is counted once (``mark.fz:not(.fz-cont)``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from ..records import Article, Event, Law, Location, Metric, Organization, Person, Span

#: (kind, legend label), in legend order; the CSS class of a kind is ``fz-<kind>``.
KINDS: tuple[tuple[str, str], ...] = (
    ("org", "Organization"),
    ("per", "Person"),
    ("loc", "Location"),
    ("law", "Law"),
    ("evt", "Event"),
    ("date", "Date"),
    ("num", "Metric"),
)
_ORDER = {k: i for i, (k, _) in enumerate(KINDS)}


@dataclass
class Mark:
    kind: str
    start: int
    end: int
    ids: list[str] = field(default_factory=list)
    tips: list[str] = field(default_factory=list)


def number(v: int | float) -> str:
    """A value as the view shows it: thousands separators, at most 2 decimals."""
    return f"{v:,}" if isinstance(v, int) or float(v).is_integer() else f"{v:,.2f}"


def _val(v: object) -> str:
    return getattr(v, "value", v) if v is not None else "—"  # enums show their value


def org_tip(o: Organization) -> str:
    lines = [f"Organization {o.id}: {o.name}"]
    if o.canonical != o.name:
        lines.append(f"canonical: {o.canonical}")
    lines.append(f"kind: {_val(o.kind)}, level: {_val(o.level)}, region: {_val(o.region)}")
    return "\n".join(lines)


def person_tip(p: Person, orgs: dict[str, Organization]) -> str:
    lines = [f"Person {p.id}: {p.name}"]
    if p.titles:
        lines.append("titles: " + ", ".join(p.titles))
    if p.organization:
        org = orgs.get(p.organization)
        lines.append(f"organization: {org.name if org else '?'} ({p.organization})")
    return "\n".join(lines)


def location_tip(loc: Location) -> str:
    return f"Location {loc.id}: {loc.name}\nlevel: {_val(loc.level)}, parent: {_val(loc.parent)}"


def law_tip(law: Law) -> str:
    return f"Law {law.id}: {law.name}\nfull name: {law.full_name}\nkind: {_val(law.kind)}"


def when(ev: Event) -> str:
    """An event's date as the view shows it (``2023-12-04..2023-12-06``, or ``?``)."""
    text = ev.date or "?"
    return f"{text}..{ev.date_end}" if ev.date_end else text


def event_tip(ev: Event, orgs: dict[str, Organization]) -> str:
    lines = [f"Event {ev.id}: {_val(ev.type)}" + (f" {ev.name}" if ev.name else "")]
    lines.append(f"date: {when(ev)}" + ("" if ev.date_resolved else " (unresolved)"))
    if ev.organizers:
        lines.append(
            "organizers: " + ", ".join(orgs[i].name if i in orgs else i for i in ev.organizers)
        )
    if ev.theme:
        lines.append(f"theme: {ev.theme}")
    return "\n".join(lines)


def metric_tip(m: Metric) -> str:
    value = number(m.value) + (f"–{number(m.value_max)}" if m.value_max is not None else "")
    lines = [f"Metric {m.id}: {value} {m.unit}".rstrip()]
    lines.append(f"quantity: {_val(m.quantity)}, approx: {_val(m.approx)}")
    if m.subject:
        lines.append(f"subject: {m.subject}")
    return "\n".join(lines)


def _date_span(ev: Event) -> tuple[int, int] | None:
    """Where the event's date is written: ``date_text`` inside its evidence, if found."""
    if not ev.date_text or ev.evidence is None:
        return None
    i = ev.evidence.text.find(ev.date_text)
    if i < 0:
        return None
    start = ev.evidence.start + i
    return start, start + len(ev.date_text)


def collect(article: Article) -> tuple[list[Mark], int]:
    """The marks of an article (one per kind and stretch of text, records merged) and
    the number of spans left out because they do not match the text."""
    orgs = {o.id: o for o in article.organizations}
    found: dict[tuple[str, int, int], Mark] = {}
    bad = 0
    text = article.text

    def add(kind: str, span: Span | tuple[int, int] | None, rec_id: str, tip: str) -> None:
        nonlocal bad
        if span is None:
            return
        if isinstance(span, Span):
            start, end = span.start, span.end
            if text[start:end] != span.text:
                bad += 1
                return
        else:
            start, end = span
        if not 0 <= start < end <= len(text):
            bad += start != end
            return
        mark = found.setdefault((kind, start, end), Mark(kind, start, end))
        if rec_id not in mark.ids:
            mark.ids.append(rec_id)
            mark.tips.append(tip)

    def add_all(kind: str, spans: Iterable[Span], rec_id: str, tip: str) -> None:
        for s in spans:
            add(kind, s, rec_id, tip)

    for o in article.organizations:
        add_all("org", o.mentions, o.id, org_tip(o))
    for p in article.persons:
        add_all("per", p.mentions, p.id, person_tip(p, orgs))
    for loc in article.locations:
        add_all("loc", loc.mentions, loc.id, location_tip(loc))
    for law in article.laws:
        add_all("law", law.mentions, law.id, law_tip(law))
    for ev in article.events:
        tip = event_tip(ev, orgs)
        add("evt", ev.trigger, ev.id, tip)
        add(
            "date",
            _date_span(ev),
            ev.id,
            f"Date of {ev.id}: {when(ev)}\nas written: {ev.date_text}",
        )
    if article.published_span is not None and article.published:
        add("date", article.published_span, "published", f"Published: {article.published}")
    for m in article.metrics:
        add("num", m.span, m.id, metric_tip(m))
    marks = sorted(found.values(), key=lambda m: (m.start, -m.end, _ORDER[m.kind]))
    return marks, bad


def _open(mark: Mark, cont: bool) -> Markup:
    cls = f"fz fz-{mark.kind}" + (" fz-cont" if cont else "")
    return Markup('<mark class="{}" data-ids="{}" title="{}">').format(
        cls, " ".join(mark.ids), "\n\n".join(mark.tips)
    )


def markup(text: str, marks: list[Mark]) -> Markup:
    """``text`` escaped, with every mark as a properly nested ``<mark>`` element."""
    starts: dict[int, list[int]] = defaultdict(list)
    for i, m in enumerate(marks):
        starts[m.start].append(i)
    points = sorted({m.start for m in marks} | {m.end for m in marks})
    out: list[str] = []
    stack: list[int] = []
    pos = 0
    for p in points:
        out.append(escape(text[pos:p]))
        pos = p
        reopen: list[int] = []
        while any(marks[i].end == p for i in stack):
            i = stack.pop()
            out.append("</mark>")
            if marks[i].end != p:
                reopen.append(i)
        for i in reversed(reopen):
            out.append(_open(marks[i], cont=True))
            stack.append(i)
        for i in sorted(starts.get(p, ()), key=lambda i: (-marks[i].end, _ORDER[marks[i].kind])):
            out.append(_open(marks[i], cont=False))
            stack.append(i)
    out.append(escape(text[pos:]))
    return Markup("".join(out))


__all__ = ["KINDS", "Mark", "collect", "markup", "number", "when"]
