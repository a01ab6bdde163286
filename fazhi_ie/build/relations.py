"""Typed relations between the records, each with its evidence span.

From the events: organized_by, participated_in, held_at, promotes_law and
reported_metric (evidence: the event's sentence, or the metric's own span);
affiliated_with from ``Person.organization`` (evidence: the sentence of the
person's first mention); quoted from ``X说:“…”`` (the last person named
before the speech verb in its sentence; evidence: the quotation).
"""

from __future__ import annotations

from ..lexicons.triggers import trigger_rules
from ..records import Relation, RelationType, Span
from ..text.primitives import sentence_of
from .context import Assembly
from .event_details import trim

__all__ = ["build_relations"]


def build_relations(ctx: Assembly) -> None:
    """Typed relations between the records, each with its evidence span."""
    _event_relations(ctx)
    _affiliations(ctx)
    _quotes(ctx)


def _add(
    ctx: Assembly, rtype: RelationType, head: str, tail: str | None, evidence: Span | None
) -> None:
    if evidence is None:
        return
    ctx.add(
        Relation(
            id=ctx.next_id("rel", ctx.relations),
            type=rtype,
            head=head,
            tail=tail,
            evidence=evidence,
        )
    )


def _event_relations(ctx: Assembly) -> None:
    metric_span = {m.id: m.span for m in reversed(ctx.metrics)}
    for ev in ctx.events:
        for oid in ev.organizers:
            _add(ctx, RelationType.organized_by, ev.id, oid, ev.evidence)
        for pid in ev.participants:
            _add(ctx, RelationType.participated_in, pid, ev.id, ev.evidence)
        if ev.location:
            _add(ctx, RelationType.held_at, ev.id, ev.location, ev.evidence)
        for lid in ev.laws:
            _add(ctx, RelationType.promotes_law, ev.id, lid, ev.evidence)
        for mid in ev.metrics:
            _add(ctx, RelationType.reported_metric, ev.id, mid, metric_span.get(mid, ev.evidence))


def _affiliations(ctx: Assembly) -> None:
    text = ctx.text
    for p in ctx.persons:
        if not p.organization:
            continue
        first = ctx.mentions([p])
        if not first:
            continue
        s, e, _ = first[0]
        s0, s1 = sentence_of(text, s, max(s, e))
        _add(ctx, RelationType.affiliated_with, p.id, p.organization, ctx.span(*trim(text, s0, s1)))


def _quotes(ctx: Assembly) -> None:
    text = ctx.text
    person_at = ctx.mentions(ctx.persons)
    for m in trigger_rules().quote_re.finditer(text):
        s0, _ = sentence_of(text, m.start(), m.start())
        speakers = [pid for s, e, pid in person_at if s0 <= s and e <= m.start()]
        if not speakers:
            continue
        _add(ctx, RelationType.quoted, speakers[-1], None, ctx.span(m.start(1) - 1, m.end()))
