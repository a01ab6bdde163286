"""Law recognition: titles in 《…》 and bare law names from a lexicon.

Two sources of candidates, both driven by the data files of
:mod:`fazhi_ie.lexicons.laws`:

* a 《…》 title is classified by its ending (…法 is a law, …条例 a regulation,
  …通知/要点 a normative document); titles of books, articles and programmes
  (…读本, 《今日说法》) are rejected;
* bare law names (宪法, 民法典, 反有组织犯罪法 …) are taken without brackets
  when they sit on token boundaries of the pkuseg segmentation, so that 宪法
  in 宪法宣传周 or 教师法 in 教师法治 is not taken; also inside a title that
  is no law (《在宪法框架下…》 names the Constitution), but not inside a book
  about a law (《宪法学习读本》);
* names not in the lexicon are recognised by their form: an item of a list
  right after a law (宪法、青山省文明行为促进条例), a quoted name
  (“青山市养犬管理条例”), a …法 after a verb of study or publicity; each
  must end like a law or regulation;
* a law-like title in a run of titles that are mostly no laws
  (《獬豸》、《宪法》、《天平》) names a work and is dropped.

Candidates (:class:`LawCandidate`) carry clean offsets, the short ``name``,
the ``full_name`` and the ``kind`` (a :class:`~fazhi_ie.records.LawKind`
value); :func:`fazhi_ie.build.laws.build_laws` groups them into Law records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicons.laws import (
    bare_kind,
    classify_title,
    describe,
    lexicon_re,
    names_laws_inside,
    short_name,
    title_rules,
)
from ..text.primitives import TITLE_RE
from .base import KEYS, Recognizer
from .tokens import token_edges

#: What may close a law name before a list mark (《…》、 “…”、).
CLOSERS = frozenset("》”\"'")


@dataclass(slots=True)
class LawCandidate:
    """A law mention: clean offsets, short name, full name, kind, and whether it
    was written in 《…》."""

    start: int
    end: int
    name: str
    full_name: str
    kind: str
    bracketed: bool


class LawRecognizer(Recognizer):
    """Finds law mentions; see the module docstring."""

    key = KEYS.LAWS

    def __init__(self, spans_key: str = KEYS.LAWS, require_token_boundary: bool = True) -> None:
        super().__init__(spans_key)
        self.require_token_boundary = require_token_boundary

    def label(self, cand: LawCandidate) -> str:
        return cand.kind

    def find(self, doc: Doc) -> list[LawCandidate]:
        text = doc.text
        found: list[LawCandidate] = []
        taken: list[tuple[int, int]] = []
        inside: list[tuple[int, int]] = []  # inner ranges of titles that are no law
        rules = title_rules()
        titles = list(TITLE_RE.finditer(text))
        works = _work_runs(text, titles)
        for i, m in enumerate(titles):
            # Bare names inside a law title are not mentions of their own
            # (《中华人民共和国宪法》 is one mention); inside a title that is no
            # law they are (《在宪法框架下…》 names the Constitution).
            taken.append((m.start(), m.end()))
            inner = m.group(1)
            lead = len(inner) - len(inner.lstrip())
            start, end = m.start(1) + lead, m.start(1) + len(inner.rstrip())
            if i in works:
                continue
            if inner.strip() in rules.generic_titles:
                # 《要点》 after 《2020年…工作要点》: a short back-reference
                earlier = [c for c in found if c.bracketed and c.name.endswith(inner.strip())]
                if earlier:
                    found.append(replace(earlier[-1], start=start, end=end))
                continue
            if classify_title(inner) is None:
                if names_laws_inside(inner):
                    inside.append((start, end))
                continue
            name, full_name, kind = describe(inner)
            found.append(LawCandidate(start, end, name, full_name, kind, True))
        for pattern, group, kind in rules.bare_patterns:
            for m in pattern.finditer(text):
                s, e = m.start(group), m.end(group)
                if _overlaps(s, e, taken):
                    continue
                name = short_name(m.group(group))
                found.append(LawCandidate(s, e, name, name, kind, False))
                taken.append((s, e))
        starts, ends = token_edges(doc)
        for m in lexicon_re().finditer(text):
            s, e = m.start(), m.end()
            if _overlaps(s, e, taken) and not any(a <= s and e <= b for a, b in inside):
                continue
            if self.require_token_boundary and not self._aligned(text, s, e, starts, ends):
                continue
            name, full_name, kind = describe(m.group(0))
            found.append(LawCandidate(s, e, name, full_name, kind, False))
        taken.extend((c.start, c.end) for c in found)
        for pattern in (rules.quoted, rules.after_verb):
            for m in pattern.finditer(text):
                _add_bare(found, taken, m.group(1), m.start(1))
        _add_list_items(text, found, taken)
        found.sort(key=lambda c: c.start)
        return found

    @staticmethod
    def _aligned(text: str, s: int, e: int, starts: set[int], ends: set[int]) -> bool:
        if s not in starts:
            return False
        if e in ends:
            return True
        # Long names are unambiguous even when the segmenter glued the next
        # character on, unless that character continues a word (宪法学).
        return e - s >= 4 and (e >= len(text) or text[e] not in title_rules().continuation)


def _overlaps(s: int, e: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= s < b or a < e <= b or (s <= a and b <= e) for a, b in ranges)


def _add_bare(
    found: list[LawCandidate], taken: list[tuple[int, int]], surface: str, s: int
) -> bool:
    """Add a name found by its form (quoted, after a verb, in a list) when it is a law."""
    e = s + len(surface)
    kind = bare_kind(surface)
    if kind is None or _overlaps(s, e, taken):
        return False
    name = short_name(surface)
    found.append(LawCandidate(s, e, name, name, kind, False))
    taken.append((s, e))
    return True


def _add_list_items(text: str, found: list[LawCandidate], taken: list[tuple[int, int]]) -> None:
    """Items of a list that continue after a law: 宪法、青山省文明行为促进条例."""
    rules = title_rules()
    queue = sorted(found, key=lambda c: c.start)
    while queue:
        c = queue.pop(0)
        pos = c.end + (1 if c.end < len(text) and text[c.end] in CLOSERS else 0)
        mark = next((w for w in rules.list_marks if text.startswith(w, pos)), None)
        if mark is None:
            continue
        m = rules.list_item.match(text, pos + len(mark))
        if m and _add_bare(found, taken, m.group(0), m.start()):
            queue.append(found[-1])


def _work_runs(text: str, titles: list[re.Match[str]]) -> set[int]:
    """Indices of titles in a run of titles most of which are no law: names of works."""
    rules = title_rules()
    out: set[int] = set()
    run: list[int] = []
    for i, m in enumerate(titles):
        if run:
            gap = text[titles[run[-1]].end() : m.start()]
            if len(gap) > 1 or (gap and gap not in rules.title_run_joiners):
                run = _close_run(titles, run, out)
        run.append(i)
    _close_run(titles, run, out)
    return out


def _close_run(titles: list[re.Match[str]], run: list[int], out: set[int]) -> list[int]:
    if len(run) >= title_rules().title_run_min:
        laws = sum(1 for i in run if classify_title(titles[i].group(1)) is not None)
        if 2 * laws < len(run):
            out.update(run)
    return []


@Language.factory(
    "fazhi_laws",
    assigns=["doc.spans", "doc.user_data"],
    default_config={"spans_key": KEYS.LAWS, "require_token_boundary": True},
)
def make_law_recognizer(
    nlp: Language, name: str, spans_key: str, require_token_boundary: bool
) -> LawRecognizer:
    return LawRecognizer(spans_key=spans_key, require_token_boundary=require_token_boundary)
