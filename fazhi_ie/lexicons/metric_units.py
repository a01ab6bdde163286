"""Metric data compiled once: counting units (``data/metric_units.json``),
quantity cues (``data/metric_quantity.json``) and exclusions
(``data/metric_exclusions.json``), with the metric pattern built from the
number grammar of :mod:`fazhi_ie.values.numbers`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..resources import load_json
from ..text.primitives import alternation
from ..text.regex_guard import guarded
from ..values.numbers import markers, number_regex, prefix_regex


@dataclass(frozen=True)
class Rule:
    """A quantity rule: cue words before the number or after the unit give ``quantity``."""

    quantity: str
    units: frozenset[str] | None
    before: tuple[str, ...]
    after: tuple[str, ...]
    override: bool = False
    max_distance: int = 1_000
    before_wins_tie: bool = False


@dataclass(frozen=True)
class MetricData:
    pattern: re.Pattern[str]
    paren_suffix: frozenset[str]
    structural_units: frozenset[str]
    structural_max: int
    structural_nouns: tuple[str, ...]
    structural_exceptions: tuple[str, ...]
    counted_nouns: tuple[str, ...]
    after_unit_exclusions: tuple[str, ...]
    unitless: re.Pattern[str]
    before_words: tuple[str, ...]
    before_words_chinese: tuple[str, ...]
    clause_words: tuple[str, ...]
    boundary_before: frozenset[str]
    boundary_after: frozenset[str]
    max_plain_digits: int
    generic_number: str
    round_numbers: frozenset[str]
    context_rules: tuple[tuple[frozenset[str], tuple[str, ...], tuple[str, ...]], ...]
    quote_open: frozenset[str]
    quote_close: frozenset[str]
    quoted_max_length: int
    forced: dict[str, str]
    rules: tuple[Rule, ...]
    unit_default: dict[str, str]
    inherit_max_gap: int
    subject_stop: re.Pattern[str]
    subject_trail: re.Pattern[str]
    subject_drop: re.Pattern[str]
    plan_words: re.Pattern[str]
    plan_window: int
    enumeration_window: int
    enumeration_item_max: int
    enumeration_links: tuple[str, ...]
    enumeration_unless: tuple[str, ...]
    link_bullets: frozenset[str]
    grouping_units: frozenset[str]
    grouping_links: tuple[str, ...]


def _alt(words: list[str]) -> str:
    return alternation(tuple(words))


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
    pattern = guarded(
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
            before_wins_tie=bool(r.get("before_wins_tie", False)),
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
        counted_nouns=tuple(units["counted_nouns"]),
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
        generic_number=excl["generic_number"],
        round_numbers=frozenset(excl["round_numbers"]),
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
        subject_stop=re.compile("[" + re.escape(quant["subject_stop_chars"]) + "]"),
        subject_trail=re.compile(f"(?:{_alt(quant['subject_trail'])})+$"),
        subject_drop=re.compile(f"^.*(?:{_alt(quant['subject_drop'])})"),
        plan_words=re.compile(_alt(excl["plan_words"])),
        plan_window=int(excl["plan_window"]),
        enumeration_window=int(excl["enumeration_window"]),
        enumeration_item_max=int(excl["enumeration_item_max"]),
        enumeration_links=tuple(sorted(excl["enumeration_links"], key=len, reverse=True)),
        enumeration_unless=tuple(excl["enumeration_unless"]),
        link_bullets=frozenset(excl["link_bullets"]),
        grouping_units=frozenset(excl["grouping_units"]),
        grouping_links=tuple(sorted(excl["grouping_links"], key=len, reverse=True)),
    )
