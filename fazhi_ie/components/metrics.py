"""Metric recognition: counts of work done and reach achieved (``发放资料2万余份``).

A metric is a number expression (:mod:`fazhi_ie.values.numbers`: Arabic or
Chinese numerals, 万/亿 multipliers, ranges, approximation markers) followed by
a counting unit from ``data/metric_units.json`` (份, 件, 人次, 场次, 个, 家, 名,
元 …), or a unit-less count right after a count noun (``点赞数1.7万``).

Not metrics (``data/metric_exclusions.json`` and the structural rules of
``metric_units.json``): dates, years and times (no counting unit), ordinals
(``第七个``), codes and names with digits (``12309``, ``“八五”``), phone
numbers, percentages, numbers inside 《》 titles, averages (``平均每个村…超4名``),
generic ``一名/一个``, vague counts (``数十人``), enumerations with small
Chinese numerals (``四个方面``, ``十项措施``), structural counts (``4个模块``),
durations and rates (``3个月``, ``2个百分点``), and money or article counts in
a case story or a law's description (a fraud loss, a fine, ``1260条``).

The quantity class comes from cue words near the number in the same clause
(``data/metric_quantity.json``): the nearest cue wins; without one, an item
of a list takes the class of the item before it, else the unit's default.

Each candidate is stored in ``doc.user_data["fazhi_ie"]["metrics"]`` with
exact character offsets into ``doc.text`` and in ``doc.spans["metrics"]``;
:func:`build_metrics` turns them into :class:`~fazhi_ie.records.Metric`
records (last builder: it links a metric to the organization its sentence
is about, when that is clear). A figure repeated later (``230余名社会公众``
in the lead and again in the body) is reported once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc

from ..resources import load_json
from ..values.numbers import (
    CN_DIGITS,
    from_parts,
    markers,
    number_regex,
    prefix_regex,
    scan_words,
)
from .base import candidates, char_span

if TYPE_CHECKING:
    from ..build import Assembly

KEY = "metrics"
#: Characters that end a clause (the enumeration comma 、 does not).
CLAUSE_END = frozenset("，,。；;！!？?：:\n")
#: Characters that end a sentence.
SENTENCE_END = frozenset("。；;！!？?\n")
_WINDOW_BEFORE = 40
_WINDOW_AFTER = 24
_SUBJECT_STOP = re.compile(r"[、，,。；;！!？?：:\n（()）“”\"《》的和及与等参走受]")
_HAS_ASCII_DIGIT = re.compile(r"\d")
_SUBJECT_TRAIL = re.compile(
    r"(?:达到了|达到|已达|高达|达|共计|共|累计|总计|为|超过|突破|约|近|了|已)+$"
)


@dataclass(frozen=True)
class Rule:
    quantity: str
    units: frozenset[str] | None
    before: tuple[str, ...]
    after: tuple[str, ...]
    override: bool = False
    max_distance: int = 1_000


@dataclass(frozen=True)
class MetricData:
    pattern: re.Pattern[str]
    paren_suffix: frozenset[str]
    structural_units: frozenset[str]
    structural_max: int
    structural_nouns: tuple[str, ...]
    structural_exceptions: tuple[str, ...]
    after_unit_exclusions: tuple[str, ...]
    unitless: re.Pattern[str]
    before_words: tuple[str, ...]
    before_words_chinese: tuple[str, ...]
    clause_words: tuple[str, ...]
    boundary_before: frozenset[str]
    boundary_after: frozenset[str]
    max_plain_digits: int
    context_rules: tuple[tuple[frozenset[str], tuple[str, ...], tuple[str, ...]], ...]
    quote_open: frozenset[str]
    quote_close: frozenset[str]
    quoted_max_length: int
    forced: dict[str, str]
    rules: tuple[Rule, ...]
    unit_default: dict[str, str]
    inherit_max_gap: int
    subject_drop: re.Pattern[str]


def _alt(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def metric_data() -> MetricData:
    """The unit, quantity and exclusion data, compiled once."""
    units = load_json("metric_units.json")
    quant = load_json("metric_quantity.json")
    excl = load_json("metric_exclusions.json")
    unit_alts = []
    for u in sorted(units["units"], key=lambda x: -len(x["unit"])):
        nb = u.get("not_before", "")
        unit_alts.append(re.escape(u["unit"]) + (f"(?![{re.escape(nb)}])" if nb else ""))
    nm = markers()
    one = number_regex()
    pattern = re.compile(
        rf"(?P<pre>{prefix_regex()})(?P<num>{one})"
        rf"(?:(?P<sep>{_alt(nm.range_separators)})(?P<num2>{one}))?"
        rf"(?: ?(?P<unit>{'|'.join(unit_alts)}))?"
        rf"(?:[(（](?P<paren>[^()（）\n]{{1,2}})[)）])?"
        rf"(?P<post>(?:{_alt(nm.suffix)})*)"
    )
    rules = tuple(
        Rule(
            quantity=r["quantity"],
            units=None if r["units"] is None else frozenset(r["units"]),
            before=tuple(r["before"]),
            after=tuple(r["after"]),
            override=bool(r.get("override", False)),
            max_distance=int(r.get("max_distance", 1_000)),
        )
        for r in quant["rules"]
    )
    return MetricData(
        pattern=pattern,
        paren_suffix=frozenset(units["paren_suffix"]),
        structural_units=frozenset(units["structural_units"]),
        structural_max=int(units["structural_max"]),
        structural_nouns=tuple(units["structural_nouns"]),
        structural_exceptions=tuple(units["structural_noun_exceptions"]),
        after_unit_exclusions=tuple(units["after_unit_exclusions"]),
        unitless=re.compile(
            f"(?:{_alt(units['unitless_cues'])})(?:{_alt(units['unitless_links'])})*$"
        ),
        before_words=tuple(excl["before_words"]),
        before_words_chinese=tuple(excl["before_words_chinese"]),
        clause_words=tuple(excl["clause_words"]),
        boundary_before=frozenset(excl["boundary_before"]),
        boundary_after=frozenset(excl["boundary_after"]),
        max_plain_digits=int(excl["max_plain_digits"]),
        context_rules=tuple(
            (frozenset(r["units"]), tuple(r["clause_words"]), tuple(r["unless"]))
            for r in excl["context_rules"]
        ),
        quote_open=frozenset(excl["quote_open"]),
        quote_close=frozenset(excl["quote_close"]),
        quoted_max_length=int(excl["quoted_max_length"]),
        forced=dict(quant["forced"]),
        rules=rules,
        unit_default=dict(quant["unit_default"]),
        inherit_max_gap=int(quant["inherit_max_gap"]),
        subject_drop=re.compile(f"^.*(?:{_alt(quant['subject_drop'])})"),
    )


# --- context helpers ----------------------------------------------------------
def _clause_before(text: str, pos: int) -> str:
    lo = max(0, pos - _WINDOW_BEFORE)
    i = pos
    while i > lo and text[i - 1] not in CLAUSE_END:
        i -= 1
    return text[i:pos]


def _clause_after(text: str, pos: int) -> str:
    hi = min(len(text), pos + _WINDOW_AFTER)
    i = pos
    while i < hi and text[i] not in CLAUSE_END:
        i += 1
    return text[pos:i]


def _sentence_start(text: str, pos: int) -> int:
    i = pos
    while i > 0 and text[i - 1] not in SENTENCE_END:
        i -= 1
    return i


def _title_ranges(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"《[^《》\n]{0,80}》", text)]


def classify(
    unit: str, before: str, after: str, data: MetricData | None = None
) -> tuple[str | None, int]:
    """(quantity, distance) of the nearest cue, or (None, -1) when no cue applies."""
    data = data or metric_data()
    if unit in data.forced:
        return data.forced[unit], 0
    # (distance, side, rule index, quantity): on equal distance a cue after the
    # unit (…400人参加, 42家单位) beats one before the number
    best: tuple[int, int, int, str] | None = None
    for i, rule in enumerate(data.rules):
        if rule.units is not None and unit not in rule.units:
            continue
        if rule.override:
            if any(c in before for c in rule.before) or any(c in after for c in rule.after):
                return rule.quantity, 0
            continue
        for cue in rule.before:
            k = before.rfind(cue)
            if k >= 0:
                cand = (len(before) - k - len(cue), 1, i, rule.quantity)
                if cand[0] <= rule.max_distance and (best is None or cand < best):
                    best = cand
        for cue in rule.after:
            k = after.find(cue)
            if k >= 0:
                cand = (k, 0, i, rule.quantity)
                if k <= rule.max_distance and (best is None or cand < best):
                    best = cand
    if best is None:
        return None, -1
    return best[3], best[0]


def _subject(before: str, after: str, data: MetricData) -> str | None:
    """The counted thing as written: the noun after the unit, else the one before the number."""
    m = _SUBJECT_STOP.search(after)
    head = (after[: m.start()] if m else after)[:6]
    if head and not _HAS_ASCII_DIGIT.search(head):
        return head
    tail = _SUBJECT_TRAIL.sub("", before.rsplit("、", 1)[-1])
    tail = data.subject_drop.sub("", tail)[-10:]
    if tail and not _HAS_ASCII_DIGIT.search(tail):
        return tail
    return None


# --- the finder ---------------------------------------------------------------
def _excluded(text: str, m: re.Match[str], unit: str, data: MetricData) -> bool:
    start = m.start()
    num = m.group("num")
    before = text[max(0, start - 4) : start]
    if any(before.endswith(w) for w in data.before_words):
        return True
    chinese = not _HAS_ASCII_DIGIT.search(num)
    if chinese and any(before.endswith(w) for w in data.before_words_chinese):
        return True  # 数十人, 几百名: too vague to count
    if start > 0 and text[start - 1] in data.boundary_before:
        return True
    num_end = m.end("num2") if m.group("num2") else m.end("num")
    if num_end < len(text) and text[num_end] in data.boundary_after:
        return True
    if start > 0 and text[start - 1] in data.quote_open:
        close = text[start : start + data.quoted_max_length + 1]
        if any(c in data.quote_close for c in close):
            return True
    digits = re.sub(r"\D", "", num)
    if len(digits) >= data.max_plain_digits and "," not in num and num.isdigit():
        return True
    # 一名, 一个: generic; a bare 百/千 is an idiom (千家万户, 百姓), but 千余, 近百 are not
    if num == "一":
        return True
    return num in ("百", "千") and not m.group("pre")


def _structural(text: str, m: re.Match[str], unit: str, value: float, data: MetricData) -> bool:
    if unit not in data.structural_units:
        return False
    if not _HAS_ASCII_DIGIT.search(m.group("num")) and value <= data.structural_max:
        return True
    after = text[m.end() : m.end() + 6]
    if any(after.startswith(e) for e in data.structural_exceptions):
        return False
    return any(after.startswith(n) for n in data.structural_nouns)


def _context_excluded(unit: str, clause: str, data: MetricData) -> bool:
    for units, words, unless in data.context_rules:
        if unit in units and any(w in clause for w in words):
            if not any(w in clause for w in unless):
                return True
    return False


def _unitless_ok(text: str, m: re.Match[str], data: MetricData) -> bool:
    """A count without unit only right after a count noun: 点赞数1.7万."""
    if not data.unitless.search(text, max(0, m.start() - 12), m.start()):
        return False
    end = m.end()
    return not (end < len(text) and (text[end] in data.boundary_after or text[end] in CN_DIGITS))


def find_metrics(text: str) -> list[dict[str, Any]]:
    """Metric candidates in a cleaned text, in order (see the module docstring)."""
    data = metric_data()
    titles = _title_ranges(text)
    out: list[dict[str, Any]] = []
    for m in data.pattern.finditer(text):
        if not m.group("num"):
            continue
        unit = m.group("unit") or ""
        paren = m.group("paren")
        end = m.end()
        if paren is not None:
            if unit and paren in data.paren_suffix and not unit.endswith(paren):
                unit += paren
            elif not unit:
                end = m.start("paren") - 1
        if not unit and not _unitless_ok(text, m, data):
            continue
        if unit and any(text.startswith(w, end) for w in data.after_unit_exclusions):
            continue
        if _excluded(text, m, unit, data):
            continue
        if any(a < m.start() < b for a, b in titles):
            continue
        post = tuple(w for w in _split_suffix(m.group("post") or "") if w)
        q = from_parts(m.group("pre") or "", m.group("num"), m.group("num2"), post)
        if q is None or q.value <= 0:
            continue
        if _structural(text, m, unit, q.value, data):
            continue
        before = _clause_before(text, m.start())
        if any(w in before for w in data.clause_words):
            continue
        after = _clause_after(text, end)
        if _context_excluded(unit, before + after, data):
            continue
        quantity, _dist = classify(unit, before, after, data)
        sent = _sentence_start(text, m.start())
        if quantity is None and out and not before.rsplit("、", 1)[-1].strip():
            # an item of a list (…3000份手册,500余付扑克,3个彩虹门) takes the class
            # of the item before it
            prev = out[-1]
            if prev["sentence"] == sent and m.start() - prev["end"] <= data.inherit_max_gap:
                quantity = prev["quantity"] if prev["quantity"] != "other" else None
        if quantity is None:
            quantity = data.unit_default.get(unit, "other")
        out.append(
            {
                "start": m.start(),
                "end": end,
                "value": q.value,
                "value_max": q.value_max,
                "approx": q.approx,
                "unit": unit,
                "quantity": quantity,
                "subject": _subject(before, after, data),
                "sentence": sent,
                "num_start": m.start("num"),
            }
        )
    return _dedupe(out)


def _split_suffix(text: str) -> list[str]:
    return scan_words(text, markers().suffix)


def _dedupe(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same figure reported again is one fact.

    An approximate figure repeated in a later sentence about the same kind of
    thing, or any figure of the first line (the headline) repeated in the
    body, is kept once.
    """
    seen: dict[tuple[Any, ...], int] = {}
    out = []
    for c in found:
        key = (c["value"], c["value_max"], c["unit"], c["approx"], c["quantity"])
        if key in seen and seen[key] != c["sentence"]:
            if c["approx"] != "exact" or seen[key] == 0:
                continue
        seen.setdefault(key, c["sentence"])
        out.append(c)
    return out


class MetricRecognizer:
    """Finds metrics; see the module docstring."""

    def __init__(self, spans_key: str = KEY) -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        found = find_metrics(doc.text)
        candidates(doc, self.spans_key).extend(found)
        spans = [char_span(doc, c["start"], c["end"], c["quantity"]) for c in found]
        doc.spans[self.spans_key] = [s for s in spans if s is not None]
        return doc


@Language.factory("fazhi_metrics", assigns=["doc.spans"], default_config={"spans_key": KEY})
def make_metric_recognizer(nlp: Language, name: str, spans_key: str) -> MetricRecognizer:
    return MetricRecognizer(spans_key=spans_key)


# --- builder ------------------------------------------------------------------
def _org_mentions(ctx: Assembly) -> list[tuple[int, int, str]]:
    """(clean start, clean end, org id) of every organization mention, sorted."""
    out: list[tuple[int, int, str]] = []
    for org in getattr(ctx, "organizations", None) or []:
        for span in getattr(org, "mentions", None) or []:
            try:
                s, e = ctx.norm.to_clean(span.start, span.end)
            except Exception:
                continue
            out.append((s, e, org.id))
    out.sort()
    return out


def _sentence_subject(text: str, orgs: list[tuple[int, int, str]], c: dict[str, Any]) -> str | None:
    """The organization that is the subject of the metric's sentence, when that is clear.

    Clear means: organizations are named in the first clause of the sentence,
    before the number, and they are all the same one (``青山县司法局开展…,
    发放资料2万余份``). An organization named later is more often the counted
    thing itself (``工作室已建成503个``) than the one reporting it.
    """
    sent, start = c["sentence"], c["start"]
    first_clause_end = sent
    while first_clause_end < start and text[first_clause_end] not in CLAUSE_END:
        first_clause_end += 1
    ids = {oid for s, e, oid in orgs if sent <= s and e <= start and s < first_clause_end}
    return ids.pop() if len(ids) == 1 else None


def build_metrics(ctx: Assembly) -> None:
    """One Metric per candidate, linked to its sentence's organization when clear."""
    from ..records import Approx, Metric, Quantity

    orgs = _org_mentions(ctx)
    text = ctx.doc.text
    for c in ctx.candidates(KEY):
        org_id = _sentence_subject(text, orgs, c) if orgs else None
        ctx.metrics.append(
            Metric(
                id=f"met-{len(ctx.metrics) + 1}",
                value=c["value"],
                value_max=c["value_max"],
                approx=Approx(c["approx"]),
                unit=c["unit"],
                quantity=Quantity(c["quantity"]),
                subject=c["subject"],
                organization=org_id,
                span=ctx.span(c["start"], c["end"]),
            )
        )
