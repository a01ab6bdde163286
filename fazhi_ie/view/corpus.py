"""The numbers of a corpus report: counts over a list of Articles, no HTML.

Organizations are counted by canonical name and laws by short name, each by the number
of articles that name them (and their mentions); regions are the names of location
records and organizations' regions, by articles. Events are counted by type and by the
month of their date (events whose date has no year or month count as undated). Metric
values are added per quantity class and unit; an approximate value (``more_than``,
``about``, ``less_than``) or a range counts as approximate.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..records import Approx, Article, Quantity


@dataclass
class Named:
    """A name counted across articles."""

    name: str
    articles: int = 0
    mentions: int = 0
    detail: str = ""


@dataclass
class QuantityTotal:
    quantity: str
    metrics: int = 0
    approx: int = 0
    by_unit: dict[str, float] = field(default_factory=dict)


@dataclass
class CorpusStats:
    articles: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    warnings: Counter[str] = field(default_factory=Counter)
    scripts: Counter[str] = field(default_factory=Counter)
    chars: int = 0
    published: tuple[str, str] | None = None
    events: int = 0
    events_by_type: Counter[str] = field(default_factory=Counter)
    events_by_month: Counter[str] = field(default_factory=Counter)
    undated_events: int = 0
    organizations: list[Named] = field(default_factory=list)
    regions: list[Named] = field(default_factory=list)
    laws: list[Named] = field(default_factory=list)
    quantities: list[QuantityTotal] = field(default_factory=list)
    distinct: dict[str, int] = field(default_factory=dict)
    """Distinct organizations (canonical names), laws and regions; metrics in all."""

    @property
    def parsed(self) -> int:
        return self.articles - sum(self.errors.values())


def _month(date: str | None) -> str | None:
    return date[:7] if date and date[:4].isdigit() and len(date) >= 7 else None


def _top(counts: dict[str, Named], top: int) -> list[Named]:
    return sorted(counts.values(), key=lambda n: (-n.articles, -n.mentions, n.name))[:top]


def corpus_stats(articles: Iterable[Article], *, top: int = 15) -> CorpusStats:
    """Count a corpus: articles, errors, scripts, events, organizations, regions, laws,
    metric totals. ``top`` bounds the organization, region and law lists."""
    st = CorpusStats()
    orgs: dict[str, Named] = {}
    regions: dict[str, Named] = {}
    laws: dict[str, Named] = {}
    totals = {q.value: QuantityTotal(q.value) for q in Quantity}
    dates: list[str] = []
    for art in articles:
        st.articles += 1
        if art.error is not None:
            st.errors[art.error.code] += 1
            continue
        st.warnings.update(w.code for w in art.warnings)
        st.scripts[art.script.value] += 1
        st.chars += len(art.text)
        if art.published and art.published[:4].isdigit():
            dates.append(art.published)
        for ev in art.events:
            st.events += 1
            st.events_by_type[ev.type.value] += 1
            month = _month(ev.date)
            if month:
                st.events_by_month[month] += 1
            else:
                st.undated_events += 1
        seen: set[str] = set()
        for o in art.organizations:
            n = orgs.setdefault(o.canonical, Named(o.canonical, detail=o.kind.value))
            n.mentions += len(o.mentions)
            if o.canonical not in seen:
                seen.add(o.canonical)
                n.articles += 1
        places = {loc.name: len(loc.mentions) for loc in art.locations}
        for o in art.organizations:
            if o.region:
                places.setdefault(o.region, 0)
                places[o.region] += len(o.mentions)
        for name, mentions in places.items():
            n = regions.setdefault(name, Named(name))
            n.articles += 1
            n.mentions += mentions
        for law in art.laws:
            n = laws.setdefault(law.name, Named(law.name, detail=law.kind.value))
            n.articles += 1
            n.mentions += len(law.mentions)
        for m in art.metrics:
            t = totals[m.quantity.value]
            t.metrics += 1
            t.approx += m.approx is not Approx.exact or m.value_max is not None
            t.by_unit[m.unit] = t.by_unit.get(m.unit, 0) + m.value
    st.published = (min(dates), max(dates)) if dates else None
    st.distinct = {
        "organizations": len(orgs),
        "laws": len(laws),
        "regions": len(regions),
        "metrics": sum(t.metrics for t in totals.values()),
    }
    st.organizations = _top(orgs, top)
    st.regions = _top(regions, top)
    st.laws = _top(laws, top)
    st.quantities = [t for t in totals.values() if t.metrics]
    return st


__all__ = ["CorpusStats", "Named", "QuantityTotal", "corpus_stats"]
