"""The law lexicon: title rules (``data/law_titles.json``) and bare law names
(``data/laws.tsv``), with the functions that classify and describe a title.

* ``data/law_titles.json`` classifies a 《…》 title by its ending (…法 is a
  law, …条例 a regulation, …通知/要点 a normative document) and rejects
  titles of books, articles and programmes (…读本, 《今日说法》);
* ``data/laws.tsv`` lists law names recognised without brackets (宪法, 民法典,
  反有组织犯罪法 …) with their full names, kinds and aliases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..resources import load_json, load_tsv
from ..text.primitives import alternation, first_chars


@dataclass(frozen=True)
class LexEntry:
    name: str
    full_name: str
    kind: str


@dataclass(frozen=True)
class TitleRules:
    strip_prefixes: tuple[str, ...]
    suffix_kinds: tuple[tuple[str, str], ...]
    party_prefixes: tuple[str, ...]
    not_law_suffixes: tuple[str, ...]
    not_law_containing: tuple[str, ...]
    max_length: int
    bare_patterns: tuple[tuple[re.Pattern[str], int, str], ...]
    state_prefix: str
    continuation: frozenset[str]
    ordinal_tail: re.Pattern[str]

    @property
    def generic_titles(self) -> frozenset[str]:
        return frozenset(s for s, _ in self.suffix_kinds)


@lru_cache(maxsize=1)
def title_rules() -> TitleRules:
    d = load_json("law_titles.json")
    return TitleRules(
        strip_prefixes=tuple(d["strip_prefixes"]),
        suffix_kinds=tuple(
            sorted(((s, k) for s, k in d["suffix_kinds"]), key=lambda x: -len(x[0]))
        ),
        party_prefixes=tuple(d["party_prefixes"]),
        not_law_suffixes=tuple(d["not_law_suffixes"]),
        not_law_containing=tuple(d["not_law_titles_containing"]),
        max_length=int(d["max_length"]),
        bare_patterns=tuple(
            (re.compile(p["pattern"]), int(p["group"]), p["kind"]) for p in d["bare_patterns"]
        ),
        state_prefix=d["state_prefix"],
        ordinal_tail=re.compile(d["ordinal_tail"]),
        continuation=frozenset(d["continuation_chars"]),
    )


@lru_cache(maxsize=1)
def lexicon() -> dict[str, LexEntry]:
    """Surface form -> entry; aliases point at their law's entry."""
    out: dict[str, LexEntry] = {}
    for row in load_tsv("laws.tsv"):
        name, full_name, kind = row[0], row[1], row[2]
        entry = LexEntry(name, full_name, kind)
        out[name] = entry
        if len(row) > 3 and row[3]:
            for alias in row[3].split(","):
                out.setdefault(alias.strip(), entry)
    return out


@lru_cache(maxsize=1)
def lexicon_re() -> re.Pattern[str]:
    """Any bare law name of the lexicon, with an optional state prefix; longest first."""
    state = title_rules().state_prefix
    names = tuple(lexicon())
    guard = first_chars((state, *names))  # see first_chars: the scan skips the rest
    return re.compile(f"(?={guard})(?:{re.escape(state)})?(?:{alternation(names)})")


def short_name(title: str) -> str:
    """Strip brackets, inner quotes' outer spaces and a leading 中华人民共和国."""
    name = title.strip().strip("《》").strip()
    for prefix in title_rules().strip_prefixes:
        if name.startswith(prefix) and len(name) > len(prefix):
            name = name[len(prefix) :]
    return name


def classify_title(title: str) -> str | None:
    """The law kind of a 《…》 title, or None when it is not a law-like document."""
    rules = title_rules()
    name = title.strip()
    if not name or len(name) > rules.max_length:
        return None
    if any(s in name for s in rules.not_law_containing):
        return None
    if name.endswith(rules.not_law_suffixes):
        return None
    entry = lexicon().get(short_name(name))
    if entry is not None:
        return entry.kind
    name = rules.ordinal_tail.sub("", name)  # 刑法修正案（十一）, …的解释（二）
    for suffix, kind in rules.suffix_kinds:
        if name.endswith(suffix):
            if kind == "regulation" and name.startswith(rules.party_prefixes):
                return "party_regulation"
            return kind
    return None


def describe(surface: str) -> tuple[str, str, str]:
    """(name, full_name, kind) for a law surface form (with or without prefix)."""
    name = short_name(surface)
    entry = lexicon().get(name)
    if entry is not None:
        return name, entry.full_name, entry.kind
    kind = classify_title(surface) or "other"
    full = surface.strip() if surface.strip().startswith(title_rules().state_prefix) else name
    return name, full, kind
