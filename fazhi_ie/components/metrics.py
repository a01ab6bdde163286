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
durations and rates (``3个月``, ``2个百分点``), money or article counts in
a case story or a law's description (a fraud loss, a fine, ``1260条``), counts
that only add up the enumeration just before them (``进机关、进校园、进社区3个主题日``),
counts of batches that group the next number (``两批共计18个``), targets in a
sentence that announces a plan (``将继续开展…20场``) and anything on a bulleted
line of a link block.

The quantity class comes from cue words near the number in the same clause
(``data/metric_quantity.json``): the nearest cue wins; without one, an item
of a list takes the class of the item before it, else the unit's default.

Candidates (:class:`MetricCandidate`) carry clean offsets, the value, unit,
approximation, quantity class, subject and the start of their sentence;
:func:`fazhi_ie.build.metrics.build_metrics` turns them into
:class:`~fazhi_ie.records.Metric` records. A figure repeated later
(``230余名社会公众`` in the lead and again in the body) is reported once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicons.metric_units import MetricData, metric_data
from ..text.primitives import CLAUSE_END, MAX_SCAN, SENT_END, RangeIndex, title_ranges
from ..values.numbers import CN_DIGITS, Number, from_parts, markers, scan_words
from .base import KEYS, Recognizer, doc_text
from .page_ranges import off_sidebars

KEY = KEYS.METRICS
#: What ends a sentence here: the shared sentence ends plus semicolons (the
#: metric rules treat a ``；`` clause as its own sentence: list inheritance and
#: repetition look no further back). Clauses end at the shared
#: :data:`~fazhi_ie.text.primitives.CLAUSE_END` (``、`` does not end one).
SENTENCE_END = SENT_END | frozenset("；;")
_WINDOW_BEFORE = 40
_WINDOW_AFTER = 24
_HAS_ASCII_DIGIT = re.compile(r"\d")


@dataclass(slots=True)
class MetricCandidate:
    """A metric: clean offsets, value (and upper bound of a range), approximation,
    unit, quantity class, subject, and where its sentence starts."""

    start: int
    end: int
    value: Number
    value_max: Number | None
    approx: str
    unit: str
    quantity: str
    subject: str | None
    sentence: int


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
    lo = max(0, pos - MAX_SCAN)  # a text without sentence ends costs linear time
    while i > lo and text[i - 1] not in SENTENCE_END:
        i -= 1
    return i


def classify(
    unit: str, before: str, after: str, data: MetricData | None = None
) -> tuple[str | None, int]:
    """(quantity, distance) of the nearest cue, or (None, -1) when no cue applies."""
    data = data or metric_data()
    if unit in data.forced:
        return data.forced[unit], 0
    # (distance, side, rule index, quantity): on equal distance a cue after the
    # unit (…400人参加, 42家单位) beats one before the number, unless the rule
    # says its own before cues win
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
                side = -1 if rule.before_wins_tie else 1  # 志愿者30名参与: the staff
                cand = (len(before) - k - len(cue), side, i, rule.quantity)
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
    m = data.subject_stop.search(after)
    head = (after[: m.start()] if m else after)[:6]
    if head and not _HAS_ASCII_DIGIT.search(head):
        return head
    tail = data.subject_trail.sub("", before.rsplit("、", 1)[-1])
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
        # 阅读量10万+: a "+" that ends the count (not 1+1) is an approximation
        nxt = text[num_end + 1 : num_end + 2]
        if not ((m.group("post") or "").startswith("+") and not nxt.isalnum()):
            return True
    if start > 0 and text[start - 1] in data.quote_open:
        close = text[start : start + data.quoted_max_length + 1]
        if any(c in data.quote_close for c in close):
            return True
    digits = re.sub(r"\D", "", num)
    if len(digits) >= data.max_plain_digits and "," not in num and num.isdigit():
        return True
    # 一名, 一个: generic; a bare 百/千 is an idiom (千家万户, 百姓), but 千余, 近百 are not
    if num == data.generic_number:
        return True
    return num in data.round_numbers and not m.group("pre")


def _structural(text: str, m: re.Match[str], unit: str, value: float, data: MetricData) -> bool:
    if unit not in data.structural_units:
        return False
    after = text[m.end() : m.end() + 6]
    if not _HAS_ASCII_DIGIT.search(m.group("num")) and value <= data.structural_max:
        return not any(after.startswith(n) for n in data.counted_nouns)
    if any(after.startswith(e) for e in data.structural_exceptions):
        return False
    return any(after.startswith(n) for n in data.structural_nouns)


def _context_excluded(unit: str, clause: str, data: MetricData) -> bool:
    for units, words, unless in data.context_rules:
        if unit in units and any(w in clause for w in words):
            if not any(w in clause for w in unless):
                return True
    return False


def _plan(text: str, start: int, clause_end: int, data: MetricData) -> bool:
    """A number in a sentence that announces a plan (将继续…, 力争…) is a target."""
    lo = max(0, start - data.plan_window)
    i = start
    while i > lo and text[i - 1] not in SENTENCE_END:
        i -= 1
    return data.plan_words.search(text, i, clause_end) is not None


def _adds_up_list(text: str, start: int, value: float, data: MetricData) -> bool:
    """``A、B、C等3个部门``: a count of as many items as the enumeration right before it."""
    lo = max(0, start - data.enumeration_window)
    i = start
    while i > lo and text[i - 1] not in CLAUSE_END:
        i -= 1
    clause = text[i:start]
    if _HAS_ASCII_DIGIT.search(clause) or any(w in clause for w in data.enumeration_unless):
        return False
    for link in data.enumeration_links:
        if clause.endswith(link):
            clause = clause[: -len(link)]
            break
    items = clause.split("、")
    if len(items) < 2 or any(not x or len(x) > data.enumeration_item_max for x in items[1:]):
        return False
    return len(items) == value


def _in_link_line(text: str, pos: int, data: MetricData) -> bool:
    """The number stands on a bulleted line of a related-news or link block."""
    lo = max(0, pos - data.plan_window)
    i = pos
    while i > lo and text[i - 1] != "\n":
        i -= 1
    line = text[i:pos].lstrip()
    return bool(line) and line[0] in data.link_bullets


def _groups_next_number(text: str, end: int, unit: str, data: MetricData) -> bool:
    """``两批共计18个``: a count of batches that only groups the count after it."""
    if unit not in data.grouping_units:
        return False
    rest = text[end : end + 4]
    for link in data.grouping_links:
        if rest.startswith(link):
            rest = rest[len(link) :]
            break
    return bool(rest) and (rest[0].isdigit() or rest[0] in CN_DIGITS)


def _unitless_ok(text: str, m: re.Match[str], data: MetricData) -> bool:
    """A count without unit only right after a count noun: 点赞数1.7万."""
    if not data.unitless.search(text, max(0, m.start() - 12), m.start()):
        return False
    end = m.end()
    return not (end < len(text) and (text[end] in data.boundary_after or text[end] in CN_DIGITS))


def find_metrics(text: str) -> list[MetricCandidate]:
    """Metric candidates in a cleaned text, in order (see the module docstring)."""
    data = metric_data()
    titles = RangeIndex(title_ranges(text))
    out: list[MetricCandidate] = []
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
        if any(a < m.start() < b for a, b in titles.near(m.start(), m.start())):
            continue
        post = tuple(w for w in _split_suffix(m.group("post") or "") if w)
        q = from_parts(m.group("pre") or "", m.group("num"), m.group("num2"), post)
        if q is None or q.value <= 0:
            continue
        if _structural(text, m, unit, q.value, data):
            continue
        if _groups_next_number(text, end, unit, data):
            continue
        if _adds_up_list(text, m.start(), q.value, data):
            continue
        before = _clause_before(text, m.start())
        if any(w in before for w in data.clause_words):
            continue
        if before.endswith(data.enumeration_links) and any(
            o.value == q.value and o.unit == unit for o in out
        ):
            continue  # …等5个案例 after 第三批5个案例: the list sums a figure already given
        after = _clause_after(text, end)
        if _context_excluded(unit, before + after, data):
            continue
        if _plan(text, m.start(), end + len(after), data) or _in_link_line(text, m.start(), data):
            continue
        quantity, _dist = classify(unit, before, after, data)
        sent = _sentence_start(text, m.start())
        if quantity is None and out and not before.rsplit("、", 1)[-1].strip():
            # an item of a list (…3000份手册,500余付扑克,3个彩虹门) takes the class
            # of the item before it
            prev = out[-1]
            if prev.sentence == sent and m.start() - prev.end <= data.inherit_max_gap:
                quantity = prev.quantity if prev.quantity != "other" else None
        if quantity is None:
            quantity = data.unit_default.get(unit, "other")
        out.append(
            MetricCandidate(
                start=m.start(),
                end=end,
                value=q.value,
                value_max=q.value_max,
                approx=q.approx,
                unit=unit,
                quantity=quantity,
                subject=_subject(before, after, data),
                sentence=sent,
            )
        )
    return _dedupe(out)


def _split_suffix(text: str) -> list[str]:
    return scan_words(text, markers().suffix)


def _dedupe(found: list[MetricCandidate]) -> list[MetricCandidate]:
    """The same figure reported again is one fact.

    An approximate figure repeated in a later sentence about the same kind of
    thing, or any figure of the first line (the headline) repeated in the
    body, is kept once.
    """
    seen: dict[tuple[Number, Number | None, str, str, str], int] = {}
    out = []
    for c in found:
        key = (c.value, c.value_max, c.unit, c.approx, c.quantity)
        if key in seen and seen[key] != c.sentence:
            if c.approx != "exact" or seen[key] == 0:
                continue
        seen.setdefault(key, c.sentence)
        out.append(c)
    return out


class MetricRecognizer(Recognizer):
    """Finds metrics; see the module docstring."""

    key = KEY

    def find(self, doc: Doc) -> list[MetricCandidate]:
        text = doc_text(doc)
        return off_sidebars(text, find_metrics(text))

    def label(self, cand: MetricCandidate) -> str:
        return cand.quantity


@Language.factory(
    "fazhi_metrics",
    assigns=["doc.spans", "doc.user_data"],
    default_config={"spans_key": KEY},
)
def make_metric_recognizer(nlp: Language, name: str, spans_key: str) -> MetricRecognizer:
    return MetricRecognizer(spans_key=spans_key)
