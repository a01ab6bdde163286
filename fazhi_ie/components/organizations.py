"""Organization recognition: a grammar of Chinese institution names.

Names are found from their right end: every institution suffix of
``data/org_grammar.json`` (司法局, 人民法院, 律师事务所, 中学, 委员会 …) is a
possible end, kept when it ends a pkuseg token. From there the name grows to
the left, token by token (:mod:`.org_left`), over

* region units: named places (``酒泉市``, ``白碱滩区``, ``白碱滩区(克拉玛依高新区)``)
  and level words (``市``, ``县委``, ``中共``, ``全国``);
* modifiers from the lexicon (``全面依法治市``, ``农业农村``, ``禁毒``);
* free name tokens (``红星`` in 红星司法所, ``东风`` in 东风中学),

and stops at punctuation, stop words (在, 联合, 邀请, 走进 …) and determiners
(各级, 该, 全市). The leftmost region unit fixes where the name starts
(``在市司法局`` -> ``市司法局``, ``联合县司法局`` -> ``县司法局``); without one, a
suffix that needs a name (…中学, …司法所) takes the one or two free tokens
before it, a core (司法局, 法院) stands alone, the rest is dropped. A name
directly followed by a sub-unit (``公安局`` + ``城东分局`` + ``巡警大队``)
is joined with it (:mod:`.org_lists`).

Dropped: generic classes (司法行政机关), names followed by a platform or role
word (…公众号, 人大代表) and names in credit lines (来源:, 供稿, 编辑).

Candidates (:class:`~.org_candidate.OrgCandidate`) are stored in
``doc.user_data["fazhi_ie"]["orgs"]`` with offsets into ``doc.text`` and the
name analysis (prefix/region/level marker/core, kind), and in
``doc.spans["orgs"]``. The builder
(:func:`fazhi_ie.build.organizations.build_organizations`) adds the NER ORG
spans, drops the header's outlet and names inside law titles, and clusters the
mentions into one :class:`~fazhi_ie.records.Organization` per body.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicons.orgs import admin_suffix, grammar
from ..text.primitives import is_han
from .base import KEYS, Recognizer, candidates, doc_text
from .org_candidate import OrgCandidate
from .org_extra import (
    acting_government,
    acting_places,
    descriptive_teams,
    local_units,
    national_companies,
    quoted_name,
)
from .org_left import analyse
from .org_lists import (
    adjacent_parents,
    coordinated,
    join_subunits,
    keep,
    resolve,
    shared_prefix,
    stationed,
)
from .org_tokens import classify, not_org_words
from .org_units import units_after_parent
from .page_ranges import credit_ranges, outside, sidebar_ranges
from .tokens import Tokens

__all__ = ["OrgCandidate", "OrgRecognizer", "make_org_recognizer"]


def place_stems(toks: Tokens) -> dict[str, str]:
    """Place names the article itself writes with a suffix (青山 -> 市 from 青山市)."""
    g = grammar()
    text = toks.text
    starts, ends = toks.starts_list, toks.ends_list
    out: dict[str, str] = {}
    for i, e in enumerate(ends):
        if text[e - 1] not in g.admin_last:
            continue
        w = text[starts[i] : e]
        if w.endswith(g.committee) and len(w) >= 2:
            w = w[:-1]  # 青山市委, 青山 / 市委
        suf = admin_suffix(w)
        if suf and len(suf) == 1 and len(w) >= 3 and classify(w) == "region":
            out.setdefault(w[:-1], suf)
        elif i > 0 and w in g.bare_levels and ends[i - 1] == starts[i]:
            prev = text[starts[i - 1] : ends[i - 1]]
            if 2 <= len(prev) <= 4 and is_han(prev) and classify(prev) == "free":
                out.setdefault(prev, w)
    return {k: v for k, v in out.items() if k not in g.stop_tokens and k not in g.not_names}


def _suffix_ends(text: str) -> dict[int, int]:
    """Every end position of a grammar suffix, with the start of the longest one there."""
    ends: dict[int, int] = {}
    for m in grammar().suffix_re.finditer(text):
        s, e = m.start(1), m.end(1)
        if e not in ends or s < ends[e]:
            ends[e] = s
    return ends


def _glued_committee(text: str, e: int) -> bool:
    """Whether ``e`` ends a committee glued to the level word of the next body
    (区委区政府 cut 区委区 / 政府: 区委 ends at ``e``)."""
    g = grammar()
    return (
        e >= 2
        and text[e - 1] == g.committee
        and text[e : e + 1] == text[e - 2]
        and text[e] in g.proximal_levels
    )


class OrgRecognizer(Recognizer):
    """Finds organization names (grammar only; NER ORG spans are added by the builder)."""

    key = KEYS.ORGS

    def __init__(self, spans_key: str = KEYS.ORGS, ner_key: str = KEYS.NER) -> None:
        super().__init__(spans_key)
        self.ner_key = ner_key

    def label(self, cand: OrgCandidate) -> str:
        return cand.kind

    def _ner_places(self, doc: Doc, text: str) -> dict[str, str]:
        """Place names found by the NER component (包头 in 包头稀土高新区)."""
        out: dict[str, str] = {}
        for n in candidates(doc, self.ner_key):
            if n.label in ("LOC", "GPE"):
                name = text[n.start : n.end]
                if 2 <= len(name) <= 6 and is_han(name):
                    out[name] = ""
        return out

    def find(self, doc: Doc) -> list[OrgCandidate]:
        text = doc_text(doc)
        g = grammar()
        toks = Tokens(doc, text)
        stems = {**self._ner_places(doc, text), **place_stems(toks)}
        found: list[OrgCandidate] = []
        ends = _suffix_ends(text)
        for e, s in sorted(ends.items()):
            suffix = text[s:e]
            if (
                e not in toks.ends
                # 处处长 = 处 + 处长 is an end
                and text[e : e + 2] != suffix[-1] + g.title_after_suffix
                and text[e - 1 : e + 1] not in g.tail_words  # 派出所在 = 派出所 + 在
                and not _glued_committee(text, e)
            ):
                continue
            if any(
                text.endswith(w, 0, e) and len(w) > len(suffix)
                for w in not_org_words().get(suffix[-1], ())
            ):
                continue
            if (
                suffix.startswith(g.verb_led_suffix_words)
                and s in ends
                and text[s - 1] not in g.federation_members
            ):
                continue  # 司法局 + 联合 + 国网…: the verb after a body, not 联合国
            cand = quoted_name(text, s, e, suffix) or analyse(text, toks, s, e, suffix, stems)
            if cand is not None:
                found.append(cand)
        found = resolve(found)
        found += coordinated(text, toks, found)
        found += shared_prefix(text, toks, found)
        found.sort(key=lambda c: c.start)
        found = adjacent_parents(text, toks, found)
        found = stationed(text, toks, found)
        found = units_after_parent(text, toks, found)
        found = join_subunits(text, found)
        found = national_companies(text, found)
        found = descriptive_teams(text, found)
        found = [c for c in found if keep(text, c)]
        found += local_units(text, toks, found)
        found += acting_places(text, toks, found)
        found += acting_government(text, found)
        found.sort(key=lambda c: c.start)
        return outside(found, credit_ranges(text) + sidebar_ranges(text))


@Language.factory(
    "fazhi_orgs",
    assigns=["doc.spans", "doc.user_data"],
    default_config={"spans_key": KEYS.ORGS, "ner_key": KEYS.NER},
)
def make_org_recognizer(nlp: Language, name: str, spans_key: str, ner_key: str) -> OrgRecognizer:
    return OrgRecognizer(spans_key=spans_key, ner_key=ner_key)
