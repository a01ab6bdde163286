"""See the records: an HTML view of one article and a report over a corpus.

* :func:`render` — one Article as HTML (mentions highlighted by record type, the record
  in a tooltip, tables of events, organizations, persons, laws and metrics); also what
  Jupyter shows for an Article (``Article._repr_html_``);
* :func:`report` — a corpus report (counts, events by type and month, top
  organizations, regions and laws, metric totals) with matplotlib plots as inline SVG;
* ``fazhi-ie view`` / ``fazhi-ie report`` write them as standalone pages (:mod:`.cli`).

The HTML is self-contained (inline CSS and SVG, no script, nothing fetched) and every
piece of article text is escaped. See docs/view.md.
"""

from __future__ import annotations

from .article import render, render_many
from .cli import load_articles
from .corpus import CorpusStats, corpus_stats
from .html import Html
from .report import report

__all__ = [
    "CorpusStats",
    "Html",
    "corpus_stats",
    "load_articles",
    "render",
    "render_many",
    "report",
]
