"""Metric records: one per candidate, linked to its sentence's organization when clear."""

from __future__ import annotations

from ..components.base import KEYS
from ..components.metrics import MetricCandidate
from ..records import Approx, Metric, Quantity
from ..text.primitives import CLAUSE_END, starting_in
from .context import Assembly


def _sentence_subject(
    text: str, orgs: list[tuple[int, int, str]], c: MetricCandidate
) -> str | None:
    """The organization that is the subject of the metric's sentence, when that is clear.

    Clear means: organizations are named in the first clause of the sentence,
    before the number, and they are all the same one (``青山县司法局开展…,
    发放资料2万余份``). An organization named later is more often the counted
    thing itself (``工作室已建成503个``) than the one reporting it.
    """
    sent, start = c.sentence, c.start
    first_clause_end = sent
    while first_clause_end < start and text[first_clause_end] not in CLAUSE_END:
        first_clause_end += 1
    near = starting_in(orgs, sent, first_clause_end)
    ids = {oid for s, e, oid in near if sent <= s and e <= start and s < first_clause_end}
    return ids.pop() if len(ids) == 1 else None


def build_metrics(ctx: Assembly) -> None:
    """One Metric per candidate, linked to its sentence's organization when clear."""
    orgs = ctx.mentions(ctx.organizations)
    text = ctx.text
    for c in ctx.candidates(KEYS.METRICS, MetricCandidate):
        ctx.add(
            Metric(
                id=ctx.next_id("met", ctx.metrics),
                value=c.value,
                value_max=c.value_max,
                approx=Approx(c.approx),
                unit=c.unit,
                quantity=Quantity(c.quantity),
                subject=c.subject,
                organization=_sentence_subject(text, orgs, c) if orgs else None,
                span=ctx.span(c.start, c.end),
            ),
            [(c.start, c.end)],
        )
