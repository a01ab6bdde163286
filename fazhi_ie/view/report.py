"""``report(articles)``: a corpus report as HTML (``fazhi-ie report OUT.jsonl``).

How many articles, errors and scripts; events by type and by month; the organizations
(by canonical name), regions and laws named most often; metric totals by quantity
class with the number of approximate values. Plots are matplotlib figures inlined as
SVG (``plots=False`` leaves them out and needs no matplotlib).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..records import Article
from . import plots as _plots
from .article import as_article
from .corpus import CorpusStats, corpus_stats
from .html import Html, page, render_template
from .marks import number


def _months(stats: CorpusStats) -> list[tuple[str, int]]:
    """Every month from the first to the last event month, zeros included."""
    if not stats.events_by_month:
        return []
    first, last = min(stats.events_by_month), max(stats.events_by_month)
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        key = f"{y:04d}-{m:02d}"
        out.append((key, stats.events_by_month.get(key, 0)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _plots_of(stats: CorpusStats, months: list[tuple[str, int]]) -> dict[str, str]:
    out: dict[str, str] = {}
    by_type = stats.events_by_type.most_common()
    if by_type:
        out["events_by_type"] = _plots.bars(
            [k for k, _ in by_type],
            [v for _, v in by_type],
            name="types",
            title="Events by type",
            xlabel="events",
        )
    if months:
        out["events_by_month"] = _plots.bars(
            [k for k, _ in months],
            [v for _, v in months],
            name="months",
            title="Events by month (dated events)",
            xlabel="events",
            horizontal=False,
        )
    if stats.quantities:
        qs = sorted(stats.quantities, key=lambda q: -q.metrics)
        out["metrics"] = _plots.bars(
            [q.quantity for q in qs],
            [q.metrics for q in qs],
            name="metrics",
            title="Metrics by quantity class",
            xlabel="metrics",
        )
    return out


def report(
    articles: Iterable[Article | dict[str, Any]],
    *,
    title: str = "fazhi_ie report",
    top: int = 15,
    plots: bool = True,
    full_page: bool = False,
) -> Html:
    """A corpus report as HTML: counts, tables and (``plots=True``) SVG plots.

    ``articles`` are Articles or their JSON dicts (the lines ``fazhi-ie parse`` writes).
    Returns a fragment that Jupyter displays; ``full_page=True`` makes a standalone
    page. Plots need matplotlib (the ``view`` extra, error E601 without it).
    """
    stats = corpus_stats((as_article(a) for a in articles), top=top)
    months = _months(stats)
    body = render_template(
        "report.html",
        title=title,
        st=stats,
        months=months,
        plots=_plots_of(stats, months) if plots else {},
        number=number,
    )
    return page(body, title=title) if full_page else body


__all__ = ["corpus_stats", "report"]
