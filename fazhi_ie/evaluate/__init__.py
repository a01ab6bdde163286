"""Gold loader and scorer: the scoring contract of ``docs/ANNOTATION.md``.

A gold directory holds ``<id>.txt`` (the raw article text) and ``<id>.json``
(the gold records) pairs. :func:`load_gold_dir` reads them,
:func:`score_article` compares one gold article with one predicted
:class:`~fazhi_ie.records.Article`, and :func:`evaluate_dir` parses (or takes
given predictions for) every article of a directory and micro-averages the
scores into an :class:`EvaluationReport`.

How the scoring works, and every interpretation and tie-break it makes, is
written down in ``docs/evaluation-method.md``. In short:

* strings are compared after OpenCC ``t2s`` and removal of whitespace and of
  the quotation marks ``“”‘’「」『』"'``;
* per article and record type, gold and predicted items are matched one to
  one with a maximum-weight bipartite assignment whose weights make it first a
  maximum matching, then (among those) the one where most matched pairs also
  agree on the secondary attributes (organizers for events, quantity and
  approx for metrics), then the one with most exactly equal metric values;
* precision, recall and F1 are micro-averaged over all articles; a record
  type whose key is missing from an article's gold JSON is not annotated
  there and is skipped for that article.
"""

from __future__ import annotations

from fazhi_ie.evaluate.gold import (
    RECORD_TYPES,
    GoldArticle,
    GoldEvent,
    GoldLaw,
    GoldMetric,
    GoldOrganization,
    GoldPerson,
    gold_from_dict,
    gold_to_article,
    load_gold_dir,
)
from fazhi_ie.evaluate.keys import comparison_key, law_key, normalize, normalize_law
from fazhi_ie.evaluate.matching import match_one_to_one
from fazhi_ie.evaluate.report import EvaluationReport, ParseFn, evaluate_dir
from fazhi_ie.evaluate.scoring import (
    METRIC_TOLERANCE,
    ArticleScore,
    Counts,
    Ratio,
    score_article,
)

__all__ = [
    "METRIC_TOLERANCE",
    "RECORD_TYPES",
    "ArticleScore",
    "Counts",
    "EvaluationReport",
    "GoldArticle",
    "GoldEvent",
    "GoldLaw",
    "GoldMetric",
    "GoldOrganization",
    "GoldPerson",
    "ParseFn",
    "Ratio",
    "comparison_key",
    "evaluate_dir",
    "gold_from_dict",
    "gold_to_article",
    "law_key",
    "load_gold_dir",
    "match_one_to_one",
    "normalize",
    "normalize_law",
    "score_article",
]
