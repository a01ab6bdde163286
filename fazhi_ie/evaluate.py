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

import json
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, StrictFloat, StrictInt, ValidationError
from pydantic import Field as PField

from fazhi_ie.errors import E301, E302, E401, ConfigError, GoldError
from fazhi_ie.records import (
    Approx,
    Article,
    Event,
    EventType,
    Law,
    Metric,
    Organization,
    Person,
    Quantity,
    Span,
)

RECORD_TYPES: tuple[str, ...] = ("organizations", "persons", "laws", "events", "metrics")
"""The record types scored as sets, in report order (``published`` comes after)."""

METRIC_TOLERANCE = 0.005
"""Largest relative difference (to the gold value) between matching metric values."""

_PARTIAL = r"(?:\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|--\d{2}-\d{2})"
_PARTIAL_RE = re.compile(rf"^{_PARTIAL}$")
_GOLD_DATE_RE = re.compile(rf"^{_PARTIAL}(?:/{_PARTIAL})?$")
_STRIP_RE = re.compile(r"[\s“”‘’「」『』\"']")
_LAW_BRACKETS_RE = re.compile(r"[《》]")
_PRC = "中华人民共和国"


# --- normalisation ------------------------------------------------------------
@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Traditional→Simplified (OpenCC t2s), then drop whitespace and quotation marks."""
    return _STRIP_RE.sub("", _converter().convert(text))


@lru_cache(maxsize=16384)
def normalize_law(name: str) -> str:
    """:func:`normalize`, then drop every 《 》 and one leading 中华人民共和国."""
    out = _LAW_BRACKETS_RE.sub("", normalize(name))
    if out.startswith(_PRC):
        out = out[len(_PRC) :]
    return out


def _canonical_date(date: str | None) -> str | None:
    """A date string with a one-day range ``A/A`` collapsed to ``A``."""
    if date is None:
        return None
    start, sep, end = date.partition("/")
    if sep and start == end:
        return start
    return date


def _pred_date(event: Event) -> str | None:
    if event.date is None:
        return None
    if event.date_end is not None and event.date_end != event.date:
        return f"{event.date}/{event.date_end}"
    return event.date


# --- gold records -------------------------------------------------------------
class _Gold(BaseModel):
    # Unknown keys (annotator notes, extra attributes) are ignored.
    model_config = ConfigDict(extra="ignore", frozen=True)


class GoldOrganization(_Gold):
    name: str = PField(min_length=1)
    aliases: list[str] = PField(default_factory=list)


class GoldPerson(_Gold):
    name: str = PField(min_length=1)


class GoldLaw(_Gold):
    name: str = PField(min_length=1)


class GoldEvent(_Gold):
    type: EventType
    date: str | None = None
    organizers: list[str] = PField(default_factory=list)


class GoldMetric(_Gold):
    value: StrictInt | StrictFloat
    unit: str
    quantity: Quantity | None = None
    approx: Approx | None = None


class GoldArticle(_Gold):
    """One gold article: the raw text and the annotated records.

    A record list that is ``None`` was not annotated (its key was missing from
    the JSON); an empty list was annotated as empty. ``published_annotated`` is
    False when the ``published`` key was missing.
    """

    id: str
    text: str = ""
    published: str | None = None
    published_annotated: bool = True
    organizations: list[GoldOrganization] | None = None
    persons: list[GoldPerson] | None = None
    laws: list[GoldLaw] | None = None
    events: list[GoldEvent] | None = None
    metrics: list[GoldMetric] | None = None
    path: str | None = None
    encoding: str = "utf-8"


def _gold_error(path: object, detail: str) -> GoldError:
    return GoldError(E302, path=str(path), detail=detail)


def _validation_detail(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        loc = ".".join(str(x) for x in err.get("loc", ()))
        parts.append(f"{loc}: {err.get('msg', '')}" if loc else str(err.get("msg", "")))
    more = len(exc.errors()) - 3
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


def gold_from_dict(
    data: Mapping[str, Any],
    *,
    id: str | None = None,
    text: str | None = None,
    path: object = "<dict>",
    encoding: str = "utf-8",
) -> GoldArticle:
    """Validate one gold JSON object (ANNOTATION.md) into a :class:`GoldArticle`.

    ``id`` and ``text`` override the object's own ``id`` / ``text`` keys.
    Raises :class:`~fazhi_ie.errors.GoldError` E302 when the object is malformed.
    """
    if not isinstance(data, Mapping):
        raise _gold_error(path, f"expected a JSON object, got {type(data).__name__}")
    fields: dict[str, Any] = {}
    art_id = id if id is not None else data.get("id")
    if not isinstance(art_id, str) or not art_id:
        raise _gold_error(path, "missing or invalid 'id'")
    fields["id"] = art_id
    raw_text = text if text is not None else data.get("text", "")
    if not isinstance(raw_text, str):
        raise _gold_error(path, "'text' must be a string")
    fields["text"] = raw_text
    if "published" in data:
        pub = data["published"]
        if pub is not None and (not isinstance(pub, str) or not _PARTIAL_RE.match(pub)):
            raise _gold_error(
                path, f"published: expected YYYY-MM-DD, YYYY-MM, --MM-DD or null, got {pub!r}"
            )
        fields["published"] = pub
    else:
        fields["published_annotated"] = False
    for kind in RECORD_TYPES:
        value = data.get(kind)
        if value is None:  # missing (or null): not annotated
            continue
        if not isinstance(value, list):
            raise _gold_error(path, f"{kind}: expected a list, got {type(value).__name__}")
        fields[kind] = value
    for n, ev in enumerate(fields.get("events") or []):
        if isinstance(ev, Mapping):
            date = ev.get("date")
            if date is not None and (not isinstance(date, str) or not _GOLD_DATE_RE.match(date)):
                raise _gold_error(
                    path,
                    f"events.{n}.date: expected YYYY-MM-DD, YYYY-MM, --MM-DD, a range A/B "
                    f"of those, or null; got {date!r}",
                )
    fields["path"] = None if path == "<dict>" else str(path)
    fields["encoding"] = encoding
    try:
        return GoldArticle.model_validate(fields)
    except ValidationError as exc:
        raise _gold_error(path, _validation_detail(exc)) from None


def _read_text(path: Path) -> tuple[str, str]:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise _gold_error(path, "text is neither UTF-8 nor GB18030") from None


def load_gold_dir(path: str | Path) -> list[GoldArticle]:
    """Read every ``<id>.txt`` + ``<id>.json`` pair of a gold directory, sorted by id.

    ``index.jsonl`` (and any other file) is ignored; a ``.txt`` without a
    ``.json`` (or a ``.json`` without a ``.txt``) is skipped. The text is read
    as UTF-8, falling back to GB18030, and kept raw (no newline translation).
    Raises GoldError E301 when no pair is found, E302 for a malformed JSON file.
    """
    root = Path(path)
    if not root.is_dir():
        raise GoldError(E301, path=str(root))
    golds: list[GoldArticle] = []
    for txt in sorted(root.glob("*.txt")):
        js = txt.with_suffix(".json")
        if not txt.is_file() or not js.is_file():
            continue
        try:
            data = json.loads(js.read_bytes().decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise _gold_error(js, f"not valid UTF-8 JSON ({exc})") from None
        text, encoding = _read_text(txt)
        golds.append(gold_from_dict(data, id=txt.stem, text=text, path=js, encoding=encoding))
    if not golds:
        raise GoldError(E301, path=str(root))
    return golds


# --- the oracle ---------------------------------------------------------------
def _coerce_gold(gold: GoldArticle | Mapping[str, Any]) -> GoldArticle:
    if isinstance(gold, GoldArticle):
        return gold
    return gold_from_dict(gold, id=gold.get("id") or "<dict>")


def _org_index(orgs: Iterable[GoldOrganization]) -> dict[str, int]:
    """Normalised name/alias -> position of the first gold organization carrying it."""
    index: dict[str, int] = {}
    for n, org in enumerate(orgs):
        for form in (org.name, *org.aliases):
            key = normalize(form)
            if key:
                index.setdefault(key, n)
    return index


def gold_to_article(gold: GoldArticle | Mapping[str, Any]) -> Article:
    """Turn gold records into an :class:`Article` prediction (an oracle).

    Scoring the result against the same gold gives F1 = 1.0 for every record
    type. Organization mentions are the first raw-text occurrence of the
    name and of each alias (when found); metric spans are empty
    (``Span(start=0, end=0, text="")``); an organizer name not found among the
    gold organizations is dropped.
    """
    g = _coerce_gold(gold)
    text = g.text
    orgs: list[Organization] = []
    for n, org in enumerate(g.organizations or [], 1):
        mentions: list[Span] = []
        for form in (org.name, *org.aliases):
            at = text.find(form) if form else -1
            if at >= 0:
                span = Span(start=at, end=at + len(form), text=form)
                if span not in mentions:
                    mentions.append(span)
        orgs.append(
            Organization(
                id=f"org-{n}",
                name=org.name,
                canonical=_converter().convert(org.name),
                mentions=mentions,
            )
        )
    org_at = _org_index(g.organizations or [])
    events: list[Event] = []
    for n, ev in enumerate(g.events or [], 1):
        date, date_end = None, None
        if ev.date is not None:
            date, _, end = ev.date.partition("/")
            date_end = end or None
        organizers: list[str] = []
        for name in ev.organizers:
            pos = org_at.get(normalize(name))
            if pos is not None and orgs[pos].id not in organizers:
                organizers.append(orgs[pos].id)
        events.append(
            Event(
                id=f"ev-{n}",
                type=ev.type,
                date=date,
                date_end=date_end,
                date_resolved=date is not None,
                organizers=organizers,
            )
        )
    return Article(
        id=g.id,
        text=text,
        published=g.published,
        organizations=orgs,
        persons=[Person(id=f"per-{n}", name=p.name) for n, p in enumerate(g.persons or [], 1)],
        laws=[
            Law(id=f"law-{n}", name=law.name, full_name=law.name)
            for n, law in enumerate(g.laws or [], 1)
        ],
        events=events,
        metrics=[
            Metric(
                id=f"m-{n}",
                value=m.value,
                unit=m.unit,
                quantity=m.quantity or Quantity.other,
                approx=m.approx or Approx.exact,
                span=Span(start=0, end=0, text=""),
            )
            for n, m in enumerate(g.metrics or [], 1)
        ],
    )


# --- one-to-one matching --------------------------------------------------------
def _hungarian_max(weights: list[list[int]]) -> list[int]:
    """Maximum-weight assignment of every row to a distinct column (rows <= cols).

    O(rows² · cols) Hungarian algorithm with potentials (integer arithmetic).
    Returns, for each row, its column.
    """
    n, m = len(weights), len(weights[0])
    inf = float("inf")
    u = [0] * (n + 1)
    v = [0] * (m + 1)
    p = [0] * (m + 1)  # p[j]: row (1-based) assigned to column j; 0 = free
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv: list[float] = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = p[j0]
            delta: float = inf
            j1 = 0
            row = weights[i0 - 1]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = -row[j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    result = [0] * n
    for j in range(1, m + 1):
        if p[j]:
            result[p[j] - 1] = j - 1
    return result


def match_one_to_one(
    n_gold: int,
    n_pred: int,
    edges: Mapping[tuple[int, int], tuple[int, int]],
) -> list[tuple[int, int]]:
    """A one-to-one matching of gold and predicted items.

    ``edges`` maps ``(gold_index, pred_index)`` of every compatible pair to a
    preference ``(agree, tie)`` of small non-negative integers (``agree`` at
    most 2, ``tie`` at most 1). The result is a maximum matching (most pairs);
    among those, one with the largest total ``agree``; among those, the
    largest total ``tie``. It does not depend on the order of the items except
    in choosing between matchings that are equal on all three counts.
    """
    if not edges:
        return []
    # Connected components (union-find over gold nodes g and pred nodes n_gold + p).
    parent = list(range(n_gold + n_pred))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for g, p in edges:
        a, b = find(g), find(n_gold + p)
        if a != b:
            parent[a] = b
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for g, p in edges:
        rows, cols = groups.setdefault(find(g), ([], []))
        if g not in rows:
            rows.append(g)
        if p not in cols:
            cols.append(p)
    pairs: list[tuple[int, int]] = []
    for rows, cols in groups.values():
        rows.sort()
        cols.sort()
        k = min(len(rows), len(cols))
        s2 = k + 1  # the total of `tie` never reaches s2
        s1 = k * (2 * s2 + 1) + 1  # the total of agree*s2+tie never reaches s1
        transpose = len(rows) > len(cols)
        outer, inner = (cols, rows) if transpose else (rows, cols)
        matrix: list[list[int]] = []
        for a in outer:
            line = []
            for b in inner:
                key = (b, a) if transpose else (a, b)
                pref = edges.get(key)
                line.append(0 if pref is None else s1 + pref[0] * s2 + pref[1])
            matrix.append(line)
        for oi, ii in enumerate(_hungarian_max(matrix)):
            a, b = outer[oi], inner[ii]
            key = (b, a) if transpose else (a, b)
            if key in edges:
                pairs.append(key)
    pairs.sort()
    return pairs


def _bipartite_perfect(left: list[set[str]], right: list[set[str]]) -> bool:
    """True when ``left`` and ``right`` can be paired one to one by shared keys."""
    if len(left) != len(right):
        return False
    match_r: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j, keys in enumerate(right):
            if j in seen or not (left[i] & keys):
                continue
            seen.add(j)
            if j not in match_r or augment(match_r[j], seen):
                match_r[j] = i
                return True
        return False

    return all(augment(i, set()) for i in range(len(left)))


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
            {k for k in (normalize(f) for f in (o.name, *o.aliases)) if k} for o in g.organizations
        ]
        pred_keys = [
            {
                k
                for k in (
                    normalize(f) for f in (o.name, o.canonical, *(m.text for m in o.mentions))
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
        ("persons", g.persons, p.persons, normalize),
        ("laws", g.laws, p.laws, normalize_law),
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
            key = normalize(name)
            pos = org_at.get(key)
            if pos is None:
                return {key} if key else set()
            o = gold_orgs[pos]
            return {key} | {k for k in (normalize(f) for f in (o.name, *o.aliases)) if k}

        def pred_organizer_keys(org_id: str) -> set[str]:
            o = pred_orgs.get(org_id)
            if o is None:  # an id that names no predicted organization matches nothing
                return set()
            forms = (o.name, o.canonical, *(m.text for m in o.mentions))
            return {k for k in (normalize(f) for f in forms) if k}

        gold_org_sets = []
        for e in g.events:
            seen: dict[str, set[str]] = {}
            for name in e.organizers:
                seen.setdefault(normalize(name), gold_organizer_keys(name))
            gold_org_sets.append(list(seen.values()))
        pred_org_sets = [
            [pred_organizer_keys(oid) for oid in dict.fromkeys(e.organizers)] for e in p.events
        ]
        edges = {}
        for i, ge in enumerate(g.events):
            gdate = _canonical_date(ge.date)
            for j, pe in enumerate(p.events):
                if pe.type != ge.type:
                    continue
                if gdate is not None and _canonical_date(_pred_date(pe)) != gdate:
                    continue
                agree = int(_bipartite_perfect(gold_org_sets[i], pred_org_sets[j]))
                edges[(i, j)] = (agree, 0)
        pairs = match_one_to_one(len(g.events), len(p.events), edges)
        record("events", len(g.events), p.events, pairs)

        def describe_pred_event(e: Event) -> str:
            names = [pred_orgs[o].name if o in pred_orgs else f"?{o}" for o in e.organizers]
            return f"{e.type.value} {_pred_date(e) or '-'} organizers={names}"

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
            gunit = normalize(gm.unit)
            for j, pm in enumerate(p.metrics):
                if normalize(pm.unit) == gunit and _values_close(gm.value, pm.value):
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
    import importlib
    import types

    pkg = importlib.import_module("fazhi_ie")
    fn: Any = getattr(pkg, "parse", None)
    if fn is None:
        fn = importlib.import_module("fazhi_ie.parse")
    if isinstance(fn, types.ModuleType):
        fn = fn.parse

    def call(text: str, id: str) -> Article:
        return fn(text, id=id)

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
) -> EvaluationReport:
    """Score a gold directory.

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
    "Ratio",
    "evaluate_dir",
    "gold_from_dict",
    "gold_to_article",
    "load_gold_dir",
    "match_one_to_one",
    "normalize",
    "normalize_law",
    "score_article",
]
