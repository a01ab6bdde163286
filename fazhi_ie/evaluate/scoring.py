"""Per-article scores: counts, ratios and :func:`score_article`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from fazhi_ie.evaluate.gold import GoldArticle, GoldEvent, GoldMetric, _coerce_gold, _org_index
from fazhi_ie.evaluate.keys import canonical_date, comparison_key, law_key, pred_date
from fazhi_ie.evaluate.matching import _bipartite_perfect, match_one_to_one
from fazhi_ie.records import (
    Article,
    Event,
    Metric,
    Organization,
)

METRIC_TOLERANCE = 0.005
"""Largest relative difference (to the gold value) between matching metric values."""


# --- scores -------------------------------------------------------------------
@dataclass
class Counts:
    """True positives, false positives and false negatives, with P/R/F1.

    When a denominator is zero: precision is 1.0 when there were also no false
    negatives (nothing to find, nothing predicted) and 0.0 otherwise; recall
    likewise with false positives; F1 is 0.0 when P + R is 0.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 1.0 if self.fn == 0 else 0.0

    @property
    def recall(self) -> float:
        if self.tp + self.fn:
            return self.tp / (self.tp + self.fn)
        return 1.0 if self.fp == 0 else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, float | int]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Ratio:
    """A secondary accuracy: ``correct`` out of ``total`` matched pairs."""

    correct: int = 0
    total: int = 0

    def __iadd__(self, other: Ratio) -> Ratio:
        self.correct += other.correct
        self.total += other.total
        return self

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def to_json(self) -> dict[str, int]:
        return {"correct": self.correct, "total": self.total}


PublishedStatus = Literal["correct", "wrong", "missing"]


@dataclass
class ArticleScore:
    """The scores of one article.

    ``counts`` holds an entry for each annotated record type and for
    ``published`` when it was annotated; types whose key was missing from the
    gold are listed in ``skipped``. ``missed`` (gold items left unmatched),
    ``spurious`` (predictions left unmatched) and ``mismatches`` (matched pairs
    that disagree on a secondary attribute) are short readable descriptions.
    """

    id: str
    counts: dict[str, Counts] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    missed: dict[str, list[str]] = field(default_factory=dict)
    spurious: dict[str, list[str]] = field(default_factory=dict)
    matched: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    mismatches: list[str] = field(default_factory=list)
    organizers: Ratio = field(default_factory=Ratio)
    quantity: Ratio = field(default_factory=Ratio)
    approx: Ratio = field(default_factory=Ratio)
    published_gold: str | None = None
    published_pred: str | None = None
    published_status: PublishedStatus | None = None
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            **{kind: c.to_json() for kind, c in self.counts.items()},
            "skipped": list(self.skipped),
            "missed": {k: list(v) for k, v in self.missed.items() if v},
            "spurious": {k: list(v) for k, v in self.spurious.items() if v},
            "mismatches": list(self.mismatches),
            "events_organizer": self.organizers.to_json(),
            "metrics_quantity": self.quantity.to_json(),
            "metrics_approx": self.approx.to_json(),
            "published_gold": self.published_gold,
            "published_pred": self.published_pred,
            "published_status": self.published_status,
            "error": self.error,
        }


def _fmt_value(value: float) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _metric_agree(g: GoldMetric, p: Metric) -> int:
    return int(g.quantity is not None and p.quantity == g.quantity) + int(
        g.approx is not None and p.approx == g.approx
    )


def _values_close(gold: float, pred: float) -> bool:
    if gold == 0:
        return pred == 0
    # inclusive bound, with slack for float rounding (1e-9 of the bound)
    return abs(pred - gold) <= abs(gold) * METRIC_TOLERANCE * (1 + 1e-9)


def _describe_org(o: Organization) -> str:
    extra = [o.canonical] if o.canonical and o.canonical != o.name else []
    return " / ".join([o.name, *extra])


def _describe_gold_event(e: GoldEvent) -> str:
    return f"{e.type.value} {e.date or '-'} organizers={list(e.organizers)}"


def _describe_gold_metric(m: GoldMetric) -> str:
    q = m.quantity.value if m.quantity else "?"
    a = m.approx.value if m.approx else "?"
    return f"{_fmt_value(m.value)}{m.unit} ({q}, {a})"


def _describe_metric(m: Metric) -> str:
    return f"{_fmt_value(m.value)}{m.unit} ({m.quantity.value}, {m.approx.value})"


def score_article(
    gold: GoldArticle | Mapping[str, Any], pred: Article | Mapping[str, Any]
) -> ArticleScore:
    """Score one predicted article against its gold (see ``docs/evaluation-method.md``).

    ``gold`` is a :class:`GoldArticle` or a gold JSON object; ``pred`` an
    :class:`~fazhi_ie.records.Article` or its JSON (``model_dump(mode="json")``).
    """
    g = _coerce_gold(gold)
    p = pred if isinstance(pred, Article) else Article.model_validate(pred)
    score = ArticleScore(id=g.id)
    pred_orgs = {o.id: o for o in p.organizations}

    def record(kind: str, n_gold: int, pred_items: list[Any], pairs: list[tuple[int, int]]):
        score.counts[kind] = Counts(
            tp=len(pairs), fp=len(pred_items) - len(pairs), fn=n_gold - len(pairs)
        )

    # organizations
    if g.organizations is not None:
        gold_keys = [
            {k for k in (comparison_key(f) for f in (o.name, *o.aliases)) if k}
            for o in g.organizations
        ]
        pred_keys = [
            {
                k
                for k in (
                    comparison_key(f) for f in (o.name, o.canonical, *(m.text for m in o.mentions))
                )
                if k
            }
            for o in p.organizations
        ]
        edges = {
            (i, j): (0, 0)
            for i, gk in enumerate(gold_keys)
            for j, pk in enumerate(pred_keys)
            if gk & pk
        }
        pairs = match_one_to_one(len(gold_keys), len(pred_keys), edges)
        record("organizations", len(gold_keys), p.organizations, pairs)
        _collect(
            score,
            "organizations",
            [
                o.name + (f" (aliases: {', '.join(o.aliases)})" if o.aliases else "")
                for o in g.organizations
            ],
            [_describe_org(o) for o in p.organizations],
            pairs,
        )
    else:
        score.skipped.append("organizations")

    # persons and laws: equal normalised names
    for kind, gold_items, pred_items, norm in (
        ("persons", g.persons, p.persons, comparison_key),
        ("laws", g.laws, p.laws, law_key),
    ):
        if gold_items is None:
            score.skipped.append(kind)
            continue
        gk = [norm(x.name) for x in gold_items]
        pk = [norm(x.name) for x in pred_items]
        edges = {(i, j): (0, 0) for i, a in enumerate(gk) for j, b in enumerate(pk) if a and a == b}
        pairs = match_one_to_one(len(gk), len(pk), edges)
        record(kind, len(gk), pred_items, pairs)
        _collect(score, kind, [x.name for x in gold_items], [x.name for x in pred_items], pairs)

    # events
    if g.events is not None:
        gold_orgs = g.organizations or []
        org_at = _org_index(gold_orgs)

        def gold_organizer_keys(name: str) -> set[str]:
            key = comparison_key(name)
            pos = org_at.get(key)
            if pos is None:
                return {key} if key else set()
            o = gold_orgs[pos]
            return {key} | {k for k in (comparison_key(f) for f in (o.name, *o.aliases)) if k}

        def pred_organizer_keys(org_id: str) -> set[str]:
            o = pred_orgs.get(org_id)
            if o is None:  # an id that names no predicted organization matches nothing
                return set()
            forms = (o.name, o.canonical, *(m.text for m in o.mentions))
            return {k for k in (comparison_key(f) for f in forms) if k}

        gold_org_sets = []
        for e in g.events:
            seen: dict[str, set[str]] = {}
            for name in e.organizers:
                seen.setdefault(comparison_key(name), gold_organizer_keys(name))
            gold_org_sets.append(list(seen.values()))
        pred_org_sets = [
            [pred_organizer_keys(oid) for oid in dict.fromkeys(e.organizers)] for e in p.events
        ]
        edges = {}
        for i, ge in enumerate(g.events):
            gdate = canonical_date(ge.date)
            for j, pe in enumerate(p.events):
                if pe.type != ge.type:
                    continue
                if gdate is not None and canonical_date(pred_date(pe)) != gdate:
                    continue
                agree = int(_bipartite_perfect(gold_org_sets[i], pred_org_sets[j]))
                edges[(i, j)] = (agree, 0)
        pairs = match_one_to_one(len(g.events), len(p.events), edges)
        record("events", len(g.events), p.events, pairs)

        def describe_pred_event(e: Event) -> str:
            names = [pred_orgs[o].name if o in pred_orgs else f"?{o}" for o in e.organizers]
            return f"{e.type.value} {pred_date(e) or '-'} organizers={names}"

        _collect(
            score,
            "events",
            [_describe_gold_event(e) for e in g.events],
            [describe_pred_event(e) for e in p.events],
            pairs,
        )
        for i, j in pairs:
            ok = edges[(i, j)][0] == 1
            score.organizers.correct += int(ok)
            score.organizers.total += 1
            if not ok:
                ge, pe = g.events[i], p.events[j]
                score.mismatches.append(
                    f"events: {ge.type.value} {ge.date or '-'}: organizers gold "
                    f"{list(ge.organizers)} vs predicted "
                    f"{[pred_orgs[o].name if o in pred_orgs else f'?{o}' for o in pe.organizers]}"
                )
    else:
        score.skipped.append("events")

    # metrics
    if g.metrics is not None:
        edges = {}
        for i, gm in enumerate(g.metrics):
            gunit = comparison_key(gm.unit)
            for j, pm in enumerate(p.metrics):
                if comparison_key(pm.unit) == gunit and _values_close(gm.value, pm.value):
                    edges[(i, j)] = (_metric_agree(gm, pm), int(pm.value == gm.value))
        pairs = match_one_to_one(len(g.metrics), len(p.metrics), edges)
        record("metrics", len(g.metrics), p.metrics, pairs)
        _collect(
            score,
            "metrics",
            [_describe_gold_metric(m) for m in g.metrics],
            [_describe_metric(m) for m in p.metrics],
            pairs,
        )
        for i, j in pairs:
            gm, pm = g.metrics[i], p.metrics[j]
            wrong = []
            if gm.quantity is not None:
                score.quantity.total += 1
                if pm.quantity == gm.quantity:
                    score.quantity.correct += 1
                else:
                    wrong.append(f"quantity {gm.quantity.value} vs {pm.quantity.value}")
            if gm.approx is not None:
                score.approx.total += 1
                if pm.approx == gm.approx:
                    score.approx.correct += 1
                else:
                    wrong.append(f"approx {gm.approx.value} vs {pm.approx.value}")
            if wrong:
                score.mismatches.append(
                    f"metrics: {_fmt_value(gm.value)}{gm.unit}: {'; '.join(wrong)}"
                    " (gold vs predicted)"
                )
    else:
        score.skipped.append("metrics")

    # published
    if g.published_annotated:
        gp, pp = g.published, p.published
        score.published_gold, score.published_pred = gp, pp
        c = Counts()
        if pp == gp:
            score.published_status = "correct"
            c.tp = int(gp is not None)
        else:
            score.published_status = "missing" if pp is None else "wrong"
            c.fp = int(pp is not None)
            c.fn = int(gp is not None)
        score.counts["published"] = c
    else:
        score.skipped.append("published")
    return score


def _collect(
    score: ArticleScore,
    kind: str,
    gold_desc: list[str],
    pred_desc: list[str],
    pairs: list[tuple[int, int]],
) -> None:
    gi = {i for i, _ in pairs}
    pj = {j for _, j in pairs}
    score.missed[kind] = [d for i, d in enumerate(gold_desc) if i not in gi]
    score.spurious[kind] = [d for j, d in enumerate(pred_desc) if j not in pj]
    score.matched[kind] = [(gold_desc[i], pred_desc[j]) for i, j in pairs]
