"""Law recognition: titles in 《…》 and bare law names from a lexicon.

Two sources of candidates, both driven by the data files of
:mod:`fazhi_ie.lexicons.laws`:

* a 《…》 title is classified by its ending (…法 is a law, …条例 a regulation,
  …通知/要点 a normative document); titles of books, articles and programmes
  (…读本, 《今日说法》) are rejected, but a law such a title names is a mention
  (《遵守安全生产法，当好第一责任人》);
* bare law names (宪法, 民法典, 反有组织犯罪法 …) are taken without brackets
  when they sit on token boundaries of the pkuseg segmentation, so that 宪法
  in 宪法宣传周 or 教师法 in 教师法治 is not taken.

Candidates (:class:`LawCandidate`) carry clean offsets, the short ``name``,
the ``full_name`` and the ``kind`` (a :class:`~fazhi_ie.records.LawKind`
value); :func:`fazhi_ie.build.laws.build_laws` groups them into Law records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicons.laws import classify_title, describe, lexicon_re, short_name, title_rules
from ..text.primitives import TITLE_RE, RangeIndex
from .base import KEYS, Recognizer, doc_text
from .page_ranges import off_sidebars
from .tokens import token_edges

#: A title named in 《》 of at least this many characters is a law where it stands bare.
TITLE_AGAIN_MIN = 4


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
        text = doc_text(doc)
        found: list[LawCandidate] = []
        taken = RangeIndex()
        rules = title_rules()
        for m in TITLE_RE.finditer(text):
            inner = m.group(1)
            # Bare names inside a law's title are not mentions of their own
            # (《中华人民共和国宪法》 is one mention); a law named in the title of a
            # talk or a programme is (《遵守安全生产法，当好第一责任人》)
            if classify_title(inner) is not None or inner.strip() in rules.generic_titles:
                taken.append((m.start(), m.end()))
            lead = len(inner) - len(inner.lstrip())
            start, end = m.start(1) + lead, m.start(1) + len(inner.rstrip())
            if inner.strip() in rules.generic_titles:
                # 《要点》 after 《2020年…工作要点》: a short back-reference
                earlier = [c for c in found if c.bracketed and c.name.endswith(inner.strip())]
                if earlier:
                    found.append(replace(earlier[-1], start=start, end=end))
                continue
            if classify_title(inner) is None:
                continue
            name, full_name, kind = describe(inner)
            found.append(LawCandidate(start, end, name, full_name, kind, True))
        # 《國民法官法》 … 國民法官法宣導攤位: a title named in 《》 is a law where it
        # stands bare too (before the lexicon's shorter 法官法 can take it)
        for c in [c for c in found if c.bracketed and c.end - c.start >= TITLE_AGAIN_MIN]:
            inner = text[c.start : c.end]
            for m in re.finditer(re.escape(inner), text):
                s, e = m.start(), m.end()
                if any(a <= s < b or a < e <= b for a, b in taken.near(s, e)):
                    continue
                if e < len(text) and text[e] in rules.continuation:
                    continue  # 安全生产法 + 治: a word goes on
                found.append(replace(c, start=s, end=e, bracketed=False))
                taken.append((s, e))
        for pattern, group, kind in rules.bare_patterns:
            for m in pattern.finditer(text):
                s, e = m.start(group), m.end(group)
                if any(a <= s < b or a < e <= b for a, b in taken.near(s, e)):
                    continue
                name = short_name(m.group(group))
                found.append(LawCandidate(s, e, name, name, kind, False))
                taken.append((s, e))
        starts, ends = token_edges(doc)
        for m in lexicon_re().finditer(text):
            s, e = m.start(), m.end()
            if any(a <= s < b or a < e <= b for a, b in taken.near(s, e)):
                continue
            if self.require_token_boundary and not self._aligned(text, s, e, starts, ends):
                continue
            name, full_name, kind = describe(m.group(0))
            found.append(LawCandidate(s, e, name, full_name, kind, False))
        found.sort(key=lambda c: c.start)
        return off_sidebars(text, found)

    @staticmethod
    def _aligned(text: str, s: int, e: int, starts: set[int], ends: set[int]) -> bool:
        if s not in starts:
            return False
        if e in ends:
            return True
        # Long names are unambiguous even when the segmenter glued the next
        # character on, unless that character continues a word (宪法学).
        return e - s >= 4 and (e >= len(text) or text[e] not in title_rules().continuation)


@Language.factory(
    "fazhi_laws",
    assigns=["doc.spans", "doc.user_data"],
    default_config={"spans_key": KEYS.LAWS, "require_token_boundary": True},
)
def make_law_recognizer(
    nlp: Language, name: str, spans_key: str, require_token_boundary: bool
) -> LawRecognizer:
    return LawRecognizer(spans_key=spans_key, require_token_boundary=require_token_boundary)
