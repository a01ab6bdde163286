"""The names found, taken together: lists, overlaps, sub-units and exclusions.

* :func:`coordinated`: 中央 is a body when coordinated with one (中央和省委);
* :func:`shared_prefix`: the bare items of a list share the first item's
  prefix (市委宣传部、统战部);
* :func:`resolve`: of overlapping names the longest wins;
* :func:`join_subunits`: 公安局 + 城东分局 + 巡警大队 is one name;
* :func:`keep`: names followed by a platform or role word (…公众号, 人大代表),
  generic classes and counted classes are dropped;
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from ..lexicons.orgs import Suffix, folded_department, grammar, kind_of, longest_suffix
from ..text.primitives import RangeIndex, is_han
from .org_candidate import OrgCandidate
from .org_tokens import not_org_words
from .tokens import Tokens

_CLAUSE_TAIL = re.compile(r"[^,。;!?、:\n]*$")
_LINE_RE = re.compile(r"[^\n]+")


def coordinated(text: str, toks: Tokens, found: list[OrgCandidate]) -> list[OrgCandidate]:
    """按照中央和省委要求: 中央 is a body when coordinated with one."""
    g = grammar()
    starts = {c.start for c in found}
    ends = {c.end for c in found}
    out = []
    for word in g.coordinated_standalone:
        i = text.find(word)
        while i >= 0:
            e = i + len(word)
            if i in toks.starts and e in toks.ends and not any(c.start <= i < c.end for c in found):
                after = text[e : e + 1] in g.coordinators and (e + 1) in starts
                before = i > 0 and text[i - 1] in g.coordinators and (i - 1) in ends
                # 落实中央、省、市部署, 中央要求: a bare 中央 that issues instructions
                levels = (
                    text[e : e + 1] in g.list_marks and text[e + 1 : e + 2] in g.proximal_levels
                )
                orders = text.startswith(g.central_instruction_words, e)
                if after or before or levels or orders:
                    name = text[i:e]
                    out.append(
                        OrgCandidate(
                            start=i,
                            end=e,
                            name=name,
                            core=name,
                            suffix=name,
                            mode="core",
                            kind="party",
                            level="national",
                        )
                    )
            i = text.find(word, e)
    return out


def _list_item_suffix(word: str) -> Suffix | None:
    """The suffix of a bare list item that can share a prefix (统战部, 政法委), or None."""
    g = grammar()
    suf = longest_suffix(word)
    if (
        suf is None
        or suf.mode == "named"
        or not is_han(word)
        or word in g.generic_names
        or (len(suf.text) < len(word) and word[: -len(suf.text)] not in g.modifiers)
        or (len(suf.text) == 1 and len(word) == 1)
    ):
        return None
    return suf


def shared_prefix(text: str, toks: Tokens, found: list[OrgCandidate]) -> list[OrgCandidate]:
    """市委宣传部、统战部: a bare item of a list shares the prefix of the first.

    Bare items already found take the prefix in place; the others are returned.
    """
    taken = {c.start: c for c in found}
    out: list[OrgCandidate] = []
    for c in sorted(found, key=lambda c: c.start):
        if not c.prefix or c.inherit:
            continue
        pos = c.end
        while pos < len(text) and text[pos] == "、" and (pos + 1) in toks.starts:
            s = pos + 1
            other = taken.get(s)
            if other is not None:
                if other.prefix or other.mode == "named":
                    break
                # 市委宣传部、政法委: the bare core takes the shared prefix too
                other.region = c.region
                other.marker = c.marker
                other.level = c.level or other.level
                other.inherit = c.prefix
                pos = other.end
                continue
            k = bisect_right(toks.ends_list, s)  # the first token end after s
            e = toks.ends_list[k] if k < len(toks.ends_list) else None
            if e is None:
                break
            word = text[s:e]
            suf = _list_item_suffix(word)
            if suf is None:
                break
            out.append(
                OrgCandidate(
                    start=s,
                    end=e,
                    name=word,
                    core=word,
                    region=c.region,
                    marker=c.marker,
                    suffix=suf.text,
                    mode=suf.mode,
                    kind=kind_of(c.prefix + word, word),
                    level=c.level,
                    inherit=c.prefix,
                )
            )
            pos = e
    return out


def resolve(found: list[OrgCandidate]) -> list[OrgCandidate]:
    """Overlapping candidates: the longest wins."""
    found.sort(key=lambda c: (-(c.end - c.start), c.start))
    taken = RangeIndex()
    out = []
    for c in found:
        if any(c.start < b and a < c.end for a, b in taken.near(c.start, c.end)):
            continue
        taken.append((c.start, c.end))
        out.append(c)
    out.sort(key=lambda c: c.start)
    return out


def _parent_part(text: str, c: OrgCandidate) -> OrgCandidate | None:
    """The parent body at the head of ``c`` (市审计局 in 市审计局财务科), or None."""
    g = grammar()
    for p in range(c.end - len(c.suffix), c.start + len(c.prefix) + 1, -1):
        suf = longest_suffix(text[c.start : p])
        if suf is not None and suf.mode != "sub" and p - c.start >= 3:
            name = text[c.start : p]
            core = text[c.start + len(c.prefix) : p]
            kind = kind_of(name, core)
            return replace(
                c, end=p, name=name, core=core, suffix=suf.text, mode=suf.mode, kind=kind
            )
        if text[p - 1] not in g.title_after_suffix and not is_han(text[p - 1]):
            return None
    return None


def _national_unit(prev: OrgCandidate, c: OrgCandidate) -> bool:
    """法务部矫正署 + 台北监狱: a unit with a place of its own under a parent with none."""
    return not prev.region and c.suffix in grammar().units_after_national


def _community_unit(prev: OrgCandidate, c: OrgCandidate) -> bool:
    """街坊总会 + 望海社区中心: an association's centre in a community, named by it."""
    g = grammar()
    return (
        prev.kind == "mass_organization"
        and c.prefix.endswith(g.community_levels)
        and c.suffix in g.community_units
    )


def _council_unit(prev: OrgCandidate, c: OrgCandidate) -> bool:
    """某区议会 + 社区建设委员会: a council's committee, one multi-level name."""
    g = grammar()
    return prev.name.endswith(g.council_suffixes) and c.name.endswith(g.council_units)


def _same_place_unit(prev: OrgCandidate, c: OrgCandidate) -> bool:
    """广州铁路公安处 + 广州站派出所: a unit of the body before it, in the same place, with
    a name word of its own before a suffix that needs one (not 县法院 + 县检察院)."""
    return (
        bool(c.prefix)
        and c.prefix == prev.prefix
        and c.mode == "named"
        and c.kind == prev.kind
        and c.core != c.suffix
    )


def join_subunits(text: str, found: list[OrgCandidate]) -> list[OrgCandidate]:
    """公安局 + 城东分局 + 巡警大队 -> one name."""
    g = grammar()
    party = g.party_markers
    out: list[OrgCandidate] = []
    for c in found:
        if (c.suffix in g.title_folded or (c.name == c.suffix and c.kind == "party")) and (
            text.startswith(c.suffix[-1] + g.title_after_suffix, c.end)
        ):
            # (a bare party department before its head's title: 县委常委、宣传部部长)
            # 市审计局财务科科长: the department is named only in a title
            c = _parent_part(text, c)
            if c is None:
                continue
        elif c.suffix in g.title_units and text.startswith(c.suffix + g.title_after_suffix, c.end):
            # 某分局刑侦大队大队长, 该分局刑侦大队大队长: the parent holds the title
            if (out and out[-1].end == c.start) or g.title_unit_pronoun_re.search(
                text, max(0, c.start - 4), c.start
            ):
                continue
        elif folded_department(c.name) and text.startswith(
            (*g.title_words, *g.folded_staff_titles), c.end
        ):
            # 市教育局办公室主任: the same, under another title
            parent = _parent_part(text, c)
            if parent is None and out and out[-1].end == c.start:
                continue  # 东湾医院 + 精神科医生: the parent before holds the title
            c = parent or c
        elif (
            c.suffix in g.party_units
            and c.name != c.suffix
            and text.startswith((*g.title_words, *g.party_member_titles), c.end)
        ):
            # 某县税务局党委书记、局长, 某局党委委员: the bureau's party committee is
            # named only in its member's title
            c = _parent_part(text, c) or c
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.end == c.start
            and not c.inherit
            and text[c.start] not in g.quote_chars  # “春苗芽”团队: a name of its own
            # 县法院 + 县检察院: a level word of its own starts another body
            and (
                c.mode == "sub"
                or c.prefix == ""
                or _national_unit(prev, c)
                or (c.suffix in g.district_units and c.kind == prev.kind)  # 警务处 + 东区警区
                or _same_place_unit(prev, c)
                or _community_unit(prev, c)
                or _council_unit(prev, c)
            )
            and not c.prefix.startswith(party)
            # 县委 + 县政府: a body with a level word of its own after a committee
            and not (c.prefix and prev.name.endswith(g.committee))
        ):
            name = text[prev.start : c.end]
            out[-1] = replace(
                prev,
                end=c.end,
                name=name,
                core=text[prev.start + len(prev.prefix) : c.end],
                suffix=c.suffix,
                mode=c.mode,
                kind=kind_of(name, c.core) if c.kind != "grassroots" else c.kind,
                parent=prev.name,
            )
            continue
        out.append(c)
    return out


#: The longest descriptive head (综合性, 非营利性) read as a kind, not a name.
DESCRIPTIVE_MAX = 4


def keep(text: str, c: OrgCandidate) -> bool:
    """Whether ``c`` names a body: not a platform or role (…公众号, 人大代表), not a
    generic class, not a class being counted (全市共有律师事务所28家)."""
    g = grammar()
    after = text[c.end : c.end + 8].lstrip(g.quote_chars)  # “国家反诈中心”APP
    if g.counted_inside_re.search(c.name):
        return False  # 城区9家律师事务所: a counted class
    if text.startswith(g.suffix_not_before.get(c.suffix, ()), c.end):
        return False  # 律师行 + 业: 律师行业, a profession
    for f in g.followers:
        if after.startswith(f) and not any(
            after[: len(f) + k] in g.suffixes for k in (1, 2, 3)
        ):  # 学生 but not 学生会: a body of its own follows
            return False
    if _honour_title(text, c):
        return False  # 被评为“法治教育示范学校”: a title, not a body
    if after.startswith(g.role_followers.get(c.suffix, ())):
        return False  # 人大代表, 政协委员: role nouns
    head = c.name[: len(c.name) - len(c.suffix)]
    if 1 < len(head) <= DESCRIPTIVE_MAX and head.endswith(g.descriptive_core_ends):
        return False  # 一家综合性律师事务所: a kind of body, described
    if c.name in g.generic_names or any(m in c.name for m in g.anonymised_marks):
        return False  # 物业公司: a kind of body; 某科技公司, 某某县法院: an anonymised one
    if c.name.endswith(g.venue_suffixes) and _after_venue_verb(text, c.start):
        return False  # 在华联超市门口, 在广场、某超市等地: a place people go, not a body
    ends = not_org_words().get(c.name[-1:], ())  # the words ending in its last character
    if any(c.name.endswith(w) and len(w) > len(c.suffix) for w in ends):
        return False  # 青山市体育中心 from the NER: a venue, no body
    for f in g.credit_end_followers:
        # (图片由市公安局提供): a credit; 市公安局提供咨询: a body
        nxt = text[c.end + len(f) : c.end + len(f) + 1]
        if after.startswith(f) and (not nxt or nxt == "\n" or nxt in g.close_brackets):
            return False
    if c.kind == "media" and _media_credit(text, c):
        return False
    if g.class_list_re.search(text, max(0, c.start - 30), c.start):
        return False  # 各县、区、乡镇党委…: the last item of a list of classes
    before = _CLAUSE_TAIL.search(text, max(0, c.start - 15), c.start)
    if (
        not c.prefix
        and g.count_after_re.match(after)
        and before
        and g.counting_re.search(before.group(0))
    ):
        # 全市共有律师事务所28家, 公证处3个: a class being counted
        return False
    return True


def _honour_title(text: str, c: OrgCandidate) -> bool:
    """Whether ``c`` is a quoted honorary title: 授予“…示范学校”, “…先进单位”称号."""
    g = grammar()
    op = max(text.rfind(q, max(0, c.start - 12), c.start + 1) for q in "“‘「『")
    cl = c.end if text[c.end : c.end + 1] in ("”", "’", "」", "』") else -1
    if op < 0 or cl < 0 or any(ch in text[op + 1 : c.start] for ch in "，,。；;"):
        return False
    return text.startswith(g.honour_after, cl + 1) or text.endswith(g.honour_before, 0, op)


def _after_venue_verb(text: str, start: int) -> bool:
    """Whether the name at ``start`` stands in a place phrase opened by a venue verb
    in its clause (在某广场、某超市), with only names and list marks between."""
    g = grammar()
    k = max(text.rfind(ch, max(0, start - 40), start) for ch in "，,。；;！？\n") + 1
    seg = text[k:start]
    at = max((seg.rfind(v) + len(v) for v in g.venue_verbs if v in seg), default=-1)
    return at >= 0 and all(ch not in "，," for ch in seg[at:]) and len(seg) - at <= 20


def _media_credit(text: str, c: OrgCandidate) -> bool:
    """Whether the outlet ``c`` is named as a source (据青山日报报道) or on a short
    header line with a date (青山日报 2024-05-01 10:20): metadata, not content."""
    g = grammar()
    if text.endswith(g.media_source_before, max(0, c.start - 2), c.start):
        return True
    ls = text.rfind("\n", 0, c.start) + 1
    le = text.find("\n", c.end)
    line = text[ls : le if le >= 0 else len(text)]
    return len(line.strip()) <= g.sidebar_max_chars and g.header_date_re.search(line) is not None


#: At most this many characters of an unrecognized parent body are joined to a name.
MAX_PARENT = 12


def adjacent_parents(text: str, toks: Tokens, found: list[OrgCandidate]) -> list[OrgCandidate]:
    """怒江边境管理支队 + 片马边境派出所: a name right after words that end with an
    institution suffix (支队, 分局, 公司…) is a sub-unit of that body, also when the
    grammar could not read the parent on its own; the parent's words stand right
    after a clause boundary or a stop word and hold no verb."""
    g = grammar()
    # the grammar's stop words, less the nouns a body's name may hold (管理, 服务)
    stops = (g.stop_tokens - g.name_words) | g.ner_inside_stop_tokens | g.summon_words
    out: list[OrgCandidate] = []
    prev_end = -1
    for c in found:
        start = _parent_start(text, toks, c.start, max(prev_end, 0), stops)
        if start is not None:
            parent = text[start : c.start]
            name = parent + c.name
            c = replace(c, start=start, name=name, core=name, prefix="", region=None, parent=parent)
        out.append(c)
        prev_end = c.end
    return out


def _parent_start(text: str, toks: Tokens, s: int, floor: int, stops: frozenset[str]) -> int | None:
    """Start of the parent body's words that end at ``s``, or None."""
    if s == 0 or not is_han(text[s - 1]) or s <= floor:
        return None
    suf = longest_suffix(text[max(0, s - 8) : s])
    if suf is None or len(suf.text) < 2:
        return None
    k, clean = s, False
    while s - k < MAX_PARENT:
        if floor and k <= floor:
            return None  # the parent words touch the name before: join_subunits' case
        if k == 0 or not is_han(text[k - 1]):
            clean = True
            break
        b = toks.token_before(k)
        word = text[b:k]
        if word in stops:
            clean = True
            break
        if b < floor or not is_han(word):
            break
        k = b
    if not clean or s - k < len(suf.text) + 2:
        return None
    return k


def stationed(text: str, toks: Tokens, found: list[OrgCandidate]) -> list[OrgCandidate]:
    """青山市人民检察院 + 驻白河镇检察室: a body's office stationed somewhere is one
    name; a name found inside the stationed part joins it."""
    g = grammar()
    out: list[OrgCandidate] = []
    skip_until = -1
    for c in found:
        if c.start < skip_until:
            continue  # the stationed office already taken into the name before
        m = c.end + len(g.stationed_marker)
        if text.startswith(g.stationed_marker, c.end):
            end = _stationed_end(text, toks, m, g.stationed_max)
            if end is not None:
                name = text[c.start : end]
                suf = longest_suffix(name)
                if suf is not None:
                    c = replace(
                        c,
                        end=end,
                        name=name,
                        core=name[len(c.prefix) :],
                        suffix=suf.text,
                        mode=suf.mode,
                        parent=c.name,
                    )
                    skip_until = end
        out.append(c)
    return out


def _stationed_end(text: str, toks: Tokens, m: int, limit: int) -> int | None:
    """End of the stationed office's words after the marker at ``m``: the last token
    end within ``limit`` Han characters where a grammar suffix (no team word) ends,
    before a joining verb or coordinator (联合, 携手, 和)."""
    g = grammar()
    best = None
    k = tok_start = m
    while k < len(text) and k - m < limit and is_han(text[k]):
        k += 1
        if k in toks.ends:
            word = text[tok_start:k]
            if word in g.summon_words or word in g.ner_tail_stop_words or word in g.coordinators:
                break  # 驻某镇检察室 + 联合 + 某县司法局: the office ends before the verb
            tok_start = k
            suf = longest_suffix(text[m:k])
            if suf is not None and suf.text not in g.team_suffixes and k - m > len(suf.text):
                best = k
    return best
