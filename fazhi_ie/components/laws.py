"""Law recognition: titles in 《…》 and bare law names from a lexicon.

Two sources of candidates, both driven by data files:

* ``data/law_titles.json`` classifies a 《…》 title by its ending (…法 is a
  law, …条例 a regulation, …通知/要点 a normative document) and rejects
  titles of books, articles and programmes (…读本, 《今日说法》);
* ``data/laws.tsv`` lists law names recognised without brackets (宪法, 民法典,
  反有组织犯罪法 …). A bare name must sit on token boundaries of the pkuseg
  segmentation, so that 宪法 in 宪法宣传周 or 教师法 in 教师法治 is not taken.

Each candidate is stored as a dict in ``doc.user_data["fazhi_ie"]["laws"]``
with exact character offsets into ``doc.text`` and in ``doc.spans["laws"]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ..resources import load_json, load_tsv
from .base import candidates, char_span, token_edges

PRC = "中华人民共和国"
# Characters that continue a word after a law name (劳动合同法律, 宪法学).
_CONTINUATION = set("律治规院官学制典理")


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
def _lexicon_re() -> re.Pattern[str]:
    names = sorted(lexicon(), key=len, reverse=True)
    return re.compile(f"(?:{PRC})?(?:" + "|".join(map(re.escape, names)) + ")")


_TITLE_RE = re.compile(r"《([^《》\n]{1,80})》")


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
    full = surface.strip() if surface.strip().startswith(PRC) else name
    return name, full, kind


class LawRecognizer:
    """Finds law mentions; see the module docstring."""

    def __init__(self, spans_key: str = "laws", require_token_boundary: bool = True) -> None:
        self.spans_key = spans_key
        self.require_token_boundary = require_token_boundary

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        found: list[dict] = []
        taken: list[tuple[int, int]] = []
        rules = title_rules()
        for m in _TITLE_RE.finditer(text):
            # Bare names inside any title are not mentions of their own:
            # 《宪法学习读本》 is a book, 《中华人民共和国宪法》 one mention.
            taken.append((m.start(), m.end()))
            inner = m.group(1)
            lead = len(inner) - len(inner.lstrip())
            start, end = m.start(1) + lead, m.start(1) + len(inner.rstrip())
            if inner.strip() in rules.generic_titles:
                # 《要点》 after 《2020年…工作要点》: a short back-reference
                earlier = [c for c in found if c["bracketed"] and c["name"].endswith(inner.strip())]
                if earlier:
                    ref = earlier[-1]
                    found.append({**ref, "start": start, "end": end})
                continue
            kind = classify_title(inner)
            if kind is None:
                continue
            name, full_name, kind = describe(inner)
            found.append(
                {
                    "start": start,
                    "end": end,
                    "name": name,
                    "full_name": full_name,
                    "kind": kind,
                    "bracketed": True,
                }
            )
        for pattern, group, kind in rules.bare_patterns:
            for m in pattern.finditer(text):
                s, e = m.start(group), m.end(group)
                if any(a <= s < b or a < e <= b for a, b in taken):
                    continue
                name = short_name(m.group(group))
                found.append(
                    {
                        "start": s,
                        "end": e,
                        "name": name,
                        "full_name": name,
                        "kind": kind,
                        "bracketed": False,
                    }
                )
                taken.append((s, e))
        starts, ends = token_edges(doc)
        for m in _lexicon_re().finditer(text):
            s, e = m.start(), m.end()
            if any(a <= s < b or a < e <= b for a, b in taken):
                continue
            if self.require_token_boundary and not self._aligned(text, s, e, starts, ends):
                continue
            name, full_name, kind = describe(m.group(0))
            found.append(
                {
                    "start": s,
                    "end": e,
                    "name": name,
                    "full_name": full_name,
                    "kind": kind,
                    "bracketed": False,
                }
            )
        found.sort(key=lambda c: c["start"])
        candidates(doc, self.spans_key).extend(found)
        spans = [char_span(doc, c["start"], c["end"], c["kind"]) for c in found]
        doc.spans[self.spans_key] = [s for s in spans if s is not None]
        return doc

    @staticmethod
    def _aligned(text: str, s: int, e: int, starts: set[int], ends: set[int]) -> bool:
        if s not in starts:
            return False
        if e in ends:
            return True
        # Long names are unambiguous even when the segmenter glued the next
        # character on, unless that character continues a word (宪法学).
        return e - s >= 4 and (e >= len(text) or text[e] not in _CONTINUATION)


@Language.factory(
    "fazhi_laws",
    assigns=["doc.spans"],
    default_config={"spans_key": "laws", "require_token_boundary": True},
)
def make_law_recognizer(
    nlp: Language, name: str, spans_key: str, require_token_boundary: bool
) -> LawRecognizer:
    return LawRecognizer(spans_key=spans_key, require_token_boundary=require_token_boundary)
