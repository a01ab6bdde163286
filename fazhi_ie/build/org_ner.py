"""NER ORG spans added to the grammar's organization names: the one place they merge.

The NER stage (trained on news, out of domain here) proposes ORG spans; one
is taken where the grammar found nothing, or where it gives the fuller name
of a grammar name (a shop name where the grammar stopped at 我, a place the
grammar cannot know before its prefix: 包头 + 稀土高新区…, a parent body
the grammar found followed by the sub-units it did not: 应急管理部 + 消防救援局,
市政府警察局 + 三重分局 + 交通分队). It must be a
clean span on a token edge, end with an institution suffix, name one body
(not a class: 3家企业党支部, 各派出所, 两级禁毒办) and pass the grammar's own
exclusions (:func:`~fazhi_ie.components.org_lists.keep`, credit lines).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Doc

from ..components.base import EntitySpan
from ..components.org_candidate import OrgCandidate
from ..components.org_extra import descriptive_teams, national_companies
from ..components.org_lists import keep
from ..components.org_tokens import (
    class_before,
    classify,
    place_head_ok,
    starts_with_division,
)
from ..components.page_ranges import credit_ranges, outside, sidebar_ranges
from ..components.tokens import Tokens
from ..lexicons.orgs import folded_department, grammar, level_of, longest_suffix
from ..text.primitives import HAN_BASIC

_NER_CLEAN = re.compile(f"[{HAN_BASIC}0-9A-Za-z()·]+")
_HAN_RUN = re.compile(f"[{HAN_BASIC}]+")


def brackets_ok(name: str) -> bool:
    """Parentheses in a name are balanced and do not open it: ``某某(集团)公司``, not
    ``)民委员会`` cut out of ``村(居)民委员会``."""
    depth = 0
    for ch in name:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return False
    return depth == 0 and not name.startswith("(")


@lru_cache(maxsize=4)
def _longest_first(words: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def only_generic(name: str, generic: frozenset[str]) -> bool:
    """Whether ``name`` is made only of generic unit names (``企业党支部`` =
    企业 + 党支部): it names no particular body."""
    by_length = _longest_first(generic)
    rest = name
    while rest:
        for word in by_length:
            if rest.endswith(word):
                rest = rest[: -len(word)]
                break
        else:
            return False
    return True


def has_place_token(doc: Doc, start: int, end: int) -> bool:
    """Whether a token of ``doc`` inside ``[start, end)`` is a place, a level word or a
    party marker (:func:`~fazhi_ie.components.org_tokens.classify`), or a province
    named without its suffix."""
    g = grammar()
    span = doc.char_span(start, end, alignment_mode="contract")
    return span is not None and any(
        t.text in g.provinces or classify(t.text) in ("region", "level", "party") for t in span
    )


def _summons_inside(doc: Doc, start: int, end: int) -> bool:
    """Whether a token inside ``[start, end)`` is a summoning verb (猫街镇组织司法所 is a
    place, a verb and a unit, no name), an action verb or a people noun (白河中学学生
    参观法院 is a clause)."""
    span = doc.char_span(start, end, alignment_mode="contract")
    g = grammar()
    if span is None:
        return False
    if any(t.text in g.summon_words or t.text in g.ner_inside_stop_tokens for t in span):
        return True
    # 某局指导县律师协会, 某局指导某县律师协会: a verb right before a place or the level
    # of a short name (not 指导中心)
    levels = (*g.county_short_suffixes, "省", "镇", "乡")
    return any(
        t.text in g.ner_verbs_before_level
        and t.i + 1 < span.end
        and doc[t.i + 1].text.endswith(levels)
        for t in span
    )


def _fuller(text: str, s: int, e: int, inner: list[OrgCandidate]) -> bool:
    """Whether the NER span ``[s, e)`` is the fuller name of the grammar names inside
    it: one name with a place-like head before its prefix, ending where the span ends
    or continued by its sub-units, or a parent body at the span's start that the span
    continues with its sub-units (:func:`_unit_chain`)."""
    inner = sorted(inner, key=lambda c: c.start)
    if any(c.start < s or c.end > e for c in inner):
        return False
    first = inner[0]
    if first.start == s and first.end < e:
        return _unit_chain(text, first.end, e)
    if len(inner) != 1:
        return False
    c = inner[0]
    if s < c.start and c.end < e and not c.prefix and place_head_ok(text[s : c.start]):
        # 莲溪 + 坊众互助会 + 综合服务中心: a place-like head and the body's own unit
        return _unit_chain(text, c.end, e)
    return s < c.start and c.end == e and (not c.prefix or place_head_ok(text[s : c.start]))


def _unit_chain(text: str, pos: int, e: int) -> bool:
    """Whether ``text[pos:e]``, after a parent body, names its sub-units (应急管理部 +
    消防救援局, 市政府警察局 + 第三分局 + 交通分队): it ends with an institution
    suffix that is no party body or title-only department of the parent, starts with
    no place or level word of its own (县法院县检察院 are two bodies) and is not
    followed by a leader's title (…局办公室主任 names the 局)."""
    g = grammar()
    suf = longest_suffix(text[pos:e])
    if suf is None or suf.text in g.not_subunits or suf.text in g.title_folded:
        return False
    if text.endswith(g.not_org_words, 0, e):
        return False  # 服务中心 + 大厅: a hall, no unit
    if text.startswith(g.title_words, e):
        return False
    tail = text[pos:e]
    if starts_with_division(tail):
        return False  # 白河县法院 + 白河县检察院: two bodies
    if any(w in tail for w in (*g.summon_words, *g.ner_tail_stop_words)) or any(
        ch in tail for ch in g.coordinators
    ):
        return False  # 司法局联合市检察院: two bodies
    m = _HAN_RUN.match(text, pos, e)
    head = text[pos : m.end()] if m else ""
    return not any(
        head.startswith(w) for w in (*g.level_words_by_len, *g.party_markers, *g.provinces)
    )


def _clean_span(
    text: str, s: int, e: int, starts: set[int], prev: str, inner: list[OrgCandidate]
) -> bool:
    """Whether the NER span ``[s, e)`` may name one body (before its suffix is read);
    the coordinators inside the grammar names ``inner`` it holds are no list
    (人力资源和社会保障局 + 监察支队)."""
    g = grammar()
    name = text[s:e]
    for c in inner:
        name = name[: c.start - s] + "\0" * (c.end - c.start) + name[c.end - s :]
    if not name or only_generic(text[s:e], g.generic_names) or len(name) < 4:
        return False
    if class_before(text, s, prev):
        return False  # 3家企业党支部, 各派出所: a class, not one body
    if any(text.endswith(m, 0, s) for m in g.anonymised_marks):
        return False  # 澜州某|科技有限公司: the rest of an anonymised name
    if any(len(d) > 1 and name.startswith(d) for d in g.determiners):
        return False  # 全县司法所(所长), 辖区派出所: a class named from its first token
    # The MSRA-trained NER is out of domain: keep only clean spans that
    # start on a pkuseg token edge (not 联合X律师事务所, not 中,该分局).
    if not _NER_CLEAN.fullmatch(text[s:e]) or s not in starts or not brackets_ok(text[s:e]):
        return False
    if name.startswith(g.ner_stop_prefixes) or any(ch in name for ch in g.ner_stop_chars):
        return False
    return not any(w in name for w in g.ner_stop_words)


def _from_ner(
    doc: Doc, text: str, found: list[OrgCandidate], ner: Sequence[EntitySpan]
) -> list[OrgCandidate]:
    """The NER ORG spans taken; a grammar name they extend is removed from ``found``."""
    g = grammar()
    out: list[OrgCandidate] = []
    if not any(n.label == "ORG" for n in ner):
        return out
    tokens = Tokens(doc, text)  # token edges from one array call, no Token objects
    starts, by_end = tokens.starts, tokens.by_end
    for s, e in _split_joined(text, ner, starts):
        trimmed = False
        for p in g.ner_trim_prefixes:
            if text.startswith(p, s) and s + len(p) in starts:
                s += len(p)  # 联同社会工作局: the joining verb is no part of the name
                trimmed = True  # 辖区青云路派出所: a named body after the determiner
                break
        if e - s > 2 and text[e - 1] == text[e - 2] and text.startswith(g.head_title_char, e):
            e -= 1  # 公共关系厅 + 厅长: the doubled character opens the head's title
        inner = [c for c in found if s < c.end and c.start < e]
        if any(c.start < e and s < c.end for c in out):
            continue
        if inner and not _fuller(text, s, e, inner):
            continue
        before = by_end.get(s)  # the token that ends where the span starts
        prev = "" if before is None or trimmed else text[before:s]
        if not _clean_span(text, s, e, starts, prev, inner):
            continue
        name = text[s:e]
        suf = longest_suffix(name)
        if suf is None or suf.text == name or _summons_inside(doc, s, e):
            continue
        folded = folded_department(name)
        if folded is not None and (
            text.startswith(folded[-1] + g.title_after_suffix, e)
            or text.startswith((*g.title_words, *g.folded_staff_titles), e)
        ):
            continue  # …依法治理处处长: a department named only in a title, as the grammar's
        if any(text.startswith(t, e - k) for t in g.title_words for k in range(1, len(t))):
            continue  # …促进法治科科|长: the span ends inside a leader's title
        if suf.text in g.weak_suffixes and not has_place_token(doc, s, e - len(suf.text)):
            # 综合办公室, 社区矫正办公室: the grammar's rule for generic units holds for
            # the NER's spans too (a weak unit word needs a place in the name)
            continue
        cand = OrgCandidate.bare(
            s, e, name, suf.text, suf.mode, level=level_of(None, name), source="ner"
        )
        teams = descriptive_teams(text, [cand])
        if not teams or (teams[0].end != e and inner):
            continue  # 反诈宣传小分队: a descriptive label; the grammar's body stays
        cand = national_companies(text, teams)[0]  # 中华人民共和国 + 青山海关
        if keep(text, cand):
            for c in inner:
                found.remove(c)
            out.append(cand)
    return out


def _split_joined(text: str, ner: Sequence[EntitySpan], starts: set[int]) -> list[tuple[int, int]]:
    """The NER's ORG spans, each cut at a joining verb standing as a token of its own
    (某站联合北港渔业专业合作社: two bodies, each read as a span of its own)."""
    words = grammar().ner_split_words
    out: list[tuple[int, int]] = []
    for n in ner:
        if n.label != "ORG":
            continue
        s = n.start
        for w in words:
            k = text.find(w, s, n.end)
            while k >= 0:
                if k > s and k in starts and k + len(w) in starts:
                    out.append((s, k))
                    s = k + len(w)
                k = text.find(w, k + len(w), n.end)
        out.append((s, n.end))
    return out


def with_ner(
    doc: Doc, text: str, found: Sequence[OrgCandidate], ner: Sequence[EntitySpan]
) -> list[OrgCandidate]:
    """The grammar's names ``found`` with the NER ORG spans ``ner`` merged in, by start.

    ``found`` itself is not changed. Outside credit lines only, like the grammar's.
    """
    out = list(found)
    if ner:
        out += outside(_from_ner(doc, text, out, ner), credit_ranges(text) + sidebar_ranges(text))
    out.sort(key=lambda c: c.start)
    return out
