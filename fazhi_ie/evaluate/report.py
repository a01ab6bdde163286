"""The micro-averaged report and :func:`evaluate_dir` (parse or take predictions, score)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fazhi_ie.errors import E304, E401, ConfigError, GoldError
from fazhi_ie.evaluate.gold import RECORD_TYPES, GoldArticle, load_gold_dir
from fazhi_ie.evaluate.scoring import ArticleScore, Counts, Ratio, score_article
from fazhi_ie.records import Article


# --- the report ---------------------------------------------------------------
@dataclass
class EvaluationReport:
    """Micro-averaged scores over a set of articles, with per-article details."""

    articles: list[ArticleScore] = field(default_factory=list)

    @property
    def errors(self) -> dict[str, str]:
        """Article id -> error message, for articles whose prediction failed."""
        return {a.id: a.error for a in self.articles if a.error}

    def counts(self, kind: str) -> Counts:
        total = Counts()
        for a in self.articles:
            if kind in a.counts:
                total += a.counts[kind]
        return total

    def _ratio(self, name: str) -> Ratio:
        total = Ratio()
        for a in self.articles:
            total += getattr(a, name)
        return total

    @property
    def events_organizer(self) -> Ratio:
        return self._ratio("organizers")

    @property
    def metrics_quantity(self) -> Ratio:
        return self._ratio("quantity")

    @property
    def metrics_approx(self) -> Ratio:
        return self._ratio("approx")

    @property
    def published(self) -> Ratio:
        r = Ratio()
        for a in self.articles:
            if a.published_status is not None:
                r.total += 1
                r.correct += int(a.published_status == "correct")
        return r

    def annotated(self, kind: str) -> int:
        """How many articles annotate ``kind`` (a record type or ``published``)."""
        return sum(1 for a in self.articles if kind in a.counts)

    def to_json(self, *, include_articles: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            kind: self.counts(kind).to_json() for kind in (*RECORD_TYPES, "published")
        }
        out["events_organizer_accuracy"] = self.events_organizer.value
        out["metrics_quantity_accuracy"] = self.metrics_quantity.value
        out["metrics_approx_accuracy"] = self.metrics_approx.value
        out["published_accuracy"] = self.published.value
        out["articles"] = len(self.articles)
        out["annotated"] = {k: self.annotated(k) for k in (*RECORD_TYPES, "published")}
        out["secondary"] = {
            "events_organizer": self.events_organizer.to_json(),
            "metrics_quantity": self.metrics_quantity.to_json(),
            "metrics_approx": self.metrics_approx.to_json(),
            "published": self.published.to_json(),
        }
        out["errors"] = [{"id": k, "error": v} for k, v in self.errors.items()]
        if include_articles:
            out["per_article"] = [a.to_json() for a in self.articles]
        return out

    def format_table(self) -> str:
        lines = [
            f"{'type':<15}{'P':>8}{'R':>8}{'F1':>8}{'tp':>7}{'fp':>7}{'fn':>7}",
            "-" * 60,
        ]
        for kind in (*RECORD_TYPES, "published"):
            c = self.counts(kind)
            lines.append(
                f"{kind:<15}{c.precision:>8.3f}{c.recall:>8.3f}{c.f1:>8.3f}"
                f"{c.tp:>7}{c.fp:>7}{c.fn:>7}"
            )
        lines.append("-" * 60)
        for label, r in (
            ("event organizer accuracy", self.events_organizer),
            ("metric quantity accuracy", self.metrics_quantity),
            ("metric approx accuracy", self.metrics_approx),
            ("published accuracy", self.published),
        ):
            shown = "n/a" if r.value is None else f"{r.value:.3f}"
            lines.append(f"{label:<26}{shown:>7}  ({r.correct}/{r.total})")
        errs = self.errors
        lines.append(f"articles: {len(self.articles)}   errors: {len(errs)}")
        return "\n".join(lines)

    def format_verbose(self) -> str:
        out: list[str] = []
        for a in self.articles:
            out.append(f"== {a.id}")
            if a.error:
                out.append(f"  ERROR: {a.error}")
            if a.skipped:
                out.append(f"  not annotated: {', '.join(a.skipped)}")
            for kind in RECORD_TYPES:
                if kind not in a.counts:
                    continue
                c = a.counts[kind]
                out.append(f"  {kind}: tp={c.tp} fp={c.fp} fn={c.fn}")
                out += [f"    missed:   {d}" for d in a.missed.get(kind, [])]
                out += [f"    spurious: {d}" for d in a.spurious.get(kind, [])]
            if a.published_status is not None:
                out.append(
                    f"  published: {a.published_status} "
                    f"(gold {a.published_gold}, predicted {a.published_pred})"
                )
            out += [f"  mismatch: {m}" for m in a.mismatches]
        return "\n".join(out)


# --- running over a directory ----------------------------------------------------
ParseFn = Callable[[str, str], Article]


def _default_parse_fn() -> ParseFn:
    # imported here: the parser (spaCy, the pipeline) is loaded only when it is used
    from fazhi_ie.api import parse

    def call(text: str, id: str) -> Article:
        return parse(text, id=id)

    return call


def _progress(items: list[GoldArticle], enabled: bool) -> Iterable[GoldArticle]:
    if not enabled:
        return items
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency

        def plain() -> Iterable[GoldArticle]:
            for n, item in enumerate(items, 1):
                print(f"[{n}/{len(items)}] {item.id}", file=sys.stderr)
                yield item

        return plain()
    return tqdm(items, desc="evaluate", unit="article")


def evaluate_dir(
    path: str | Path,
    *,
    parse_fn: ParseFn | None = None,
    predictions: Mapping[str, Article | Mapping[str, Any]] | None = None,
    progress: bool = False,
    ids: Iterable[str] | None = None,
) -> EvaluationReport:
    """Score a gold directory.

    ``ids`` restricts the scoring to those article ids (for instance the
    *tune* or *check* part of a split); an id with no gold pair raises
    GoldError E304.

    Predictions come from ``predictions`` (article id -> Article or its JSON)
    when given, else from ``parse_fn(text, id)`` (by default
    ``fazhi_ie.parse(text, id=id)``; the gold ``published`` is never passed).
    A prediction that fails (the parser raises, the result is not an Article,
    an id is missing from ``predictions``) counts as an empty prediction and
    its error is recorded in the report; the run goes on.
    """
    if parse_fn is not None and predictions is not None:
        raise ConfigError(
            E401,
            name="predictions",
            value="...",
            detail="give parse_fn or predictions, not both",
            hint="Pass predictions to score saved results, or parse_fn to parse the texts.",
        )
    golds = load_gold_dir(path)
    if ids is not None:
        wanted = [str(i) for i in ids]
        have = {g.id for g in golds}
        missing = [i for i in wanted if i not in have]
        if missing:
            raise GoldError(E304, path=str(path), ids=", ".join(missing[:5]))
        keep = set(wanted)
        golds = [g for g in golds if g.id in keep]
    fn: ParseFn | None = None
    if predictions is None:
        fn = parse_fn if parse_fn is not None else _default_parse_fn()
    report = EvaluationReport()
    for gold in _progress(golds, progress):
        error: str | None = None
        pred: Article | None = None
        try:
            if predictions is not None:
                if gold.id not in predictions:
                    raise KeyError(f"no prediction for article {gold.id!r}")
                raw = predictions[gold.id]
            else:
                assert fn is not None
                raw = fn(gold.text, gold.id)
            if isinstance(raw, Article):
                pred = raw
            elif isinstance(raw, Mapping):
                pred = Article.model_validate(raw)
            else:
                raise TypeError(f"expected an Article, got {type(raw).__name__}")
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
            pred = None
        if pred is None:
            pred = Article(id=gold.id, text=gold.text)
        elif pred.error is not None and error is None:
            error = f"article error {pred.error.code}: {pred.error.message}"
        score = score_article(gold, pred)
        score.error = error
        report.articles.append(score)
    return report
