"""Names the left walk cannot read: quoted full names and bare local units.

* :func:`quoted_name`: a whole name in quotes (“青山志愿宣讲小分队”) is one proper
  name, whatever words it is made of;
* :func:`local_units`: a town's own units named bare after the verb that summons
  them or in a list (组织司法所、派出所…) are bodies, not the generic class;
* :func:`acting_places`: a community that holds an activity itself (东海社区于…举办)
  acts through its staff and is a body; :func:`acting_government`: so is a bare
  政府 that opens a clause as the actor (政府将于下月举行…).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from itertools import pairwise

from ..lexicons.orgs import grammar, kind_of, longest_suffix
from ..text.primitives import is_han
from .org_candidate import OrgCandidate
from .org_tokens import place_stem_ok
from .tokens import Tokens

_OPEN = "“‘「『"
_CLOSE = "”’」』"
#: A quoted name is at most this long.
MAX_QUOTED = 16
#: The words before the suffix of a quoted name are at least this long (“反诈中心”
#: is a slogan word, not a name).
MIN_QUOTED_NAME = 4
#: The place word of an acting community (acting_place_pattern ends with it).
_COMMUNITY = "社区"
#: At most this many descriptive characters between a team's quoted name and its suffix.
MAX_TEAM_WORDS = 8


def quoted_name(text: str, s: int, e: int, suffix: str) -> OrgCandidate | None:
    """The name in quotes that ends with the suffix ``text[s:e]`` right before the
    closing quote, or a team whose quoted proper name stands before its descriptive
    words (“春雨”普法志愿服务队), or None."""
    if text[e : e + 1] not in _CLOSE:
        return _quoted_team(text, s, e, suffix)
    op = max(text.rfind(q, max(0, e - MAX_QUOTED), s) for q in _OPEN)
    if op < 0:
        return None
    inner = text[op + 1 : e]
    if len(inner) - len(suffix) < MIN_QUOTED_NAME or not is_han(inner.replace("·", "")):
        return None
    g = grammar()
    if inner in g.generic_names or any(w in inner for w in g.quoted_question_words):
        return None  # “哪些事项可以网上办”: a question, not a name
    return OrgCandidate.bare(op + 1, e, inner, suffix, g.suffixes[suffix].mode)


def _quoted_team(text: str, s: int, e: int, suffix: str) -> OrgCandidate | None:
    """“春雨”普法志愿服务队, “青禾姐姐”工作室: a team named by the quoted words before
    the Han descriptive words (at most MAX_TEAM_WORDS characters) and its team suffix."""
    g = grammar()
    if suffix not in g.team_suffixes and suffix not in g.quoted_team_suffixes:
        return None
    k = s
    while k > 0 and s - k < MAX_TEAM_WORDS and is_han(text[k - 1]):
        k -= 1
    if k == 0 or text[k - 1] not in _CLOSE:
        return None
    close = k - 1
    if any(ch in g.stop_tokens for ch in text[k:s]):
        return None  # “暖心姐姐”组成的…团队: a clause, not descriptive words
    op = max(text.rfind(q, max(0, close - MAX_QUOTED), close) for q in _OPEN)
    inner = text[op + 1 : close] if op >= 0 else ""
    if len(inner) < 2 or not is_han(inner.replace("·", "")) or inner in g.generic_names:
        return None
    return OrgCandidate.bare(op, e, text[op:e], suffix, g.suffixes[suffix].mode)


def _unit(text: str, s: int, e: int) -> OrgCandidate | None:
    word = text[s:e]
    suf = longest_suffix(word)
    if suf is None:
        return None
    return OrgCandidate.bare(s, e, word, suf.text, suf.mode)


def local_units(text: str, toks: Tokens, found: list[OrgCandidate]) -> list[OrgCandidate]:
    """组织司法所、派出所开展…: bare local units after a summoning verb, and the
    further items of their list."""
    g = grammar()
    spans = [(c.start, c.end) for c in found]
    taken = [(c.start, c.end) for c in found if c.marker in g.local_levels]
    out: list[OrgCandidate] = []
    hits = sorted((m.start(), m.end()) for m in g.local_units_re.finditer(text))
    for i, e in hits:
        if (
            i in toks.starts
            and e in toks.ends
            and not any(a < e and i < b for a, b in spans)
            and _summoned(text, toks, i, taken)
        ):
            cand = _unit(text, i, e)
            if cand is not None:
                out.append(cand)
                taken.append((i, e))
    return out


def _summoned(text: str, toks: Tokens, i: int, taken: list[tuple[int, int]]) -> bool:
    """Whether the token before ``i`` is a summoning verb (组织), or a list mark after
    a name already taken (…综治办、派出所)."""
    g = grammar()
    ps = toks.token_before(i)
    prev = text[ps:i]
    if prev in g.summon_words:
        return True
    return prev in g.list_marks and any(b == ps for _, b in taken)


def acting_places(text: str, toks: Tokens, found: list[OrgCandidate]) -> list[OrgCandidate]:
    """东海社区于3月11日举办…: a community opening a clause as the holder of an
    activity is a body (it acts through its staff); one after 在/到 is a venue."""
    g = grammar()
    spans = [(c.start, c.end) for c in found]
    stops = g.ner_inside_stop_tokens | g.stop_tokens
    out: list[OrgCandidate] = []
    for m in g.acting_place_re.finditer(text):
        i, e = m.span(1)
        name = m.group(1)
        if i not in toks.starts or any(a < e and i < b for a, b in spans):
            continue
        stem = name[: -len(_COMMUNITY)]
        if not place_stem_ok(stem) or stem in g.generic_names:
            continue
        # 每周深入社区开展: a verb or a time word inside is no name
        words = _words_in(text, toks, i, e - len(_COMMUNITY))
        if len(words) > 2 or any(w in stops for w in words):
            continue
        out.append(OrgCandidate.bare(i, e, name, _COMMUNITY, "named"))
    return out


def acting_government(text: str, found: list[OrgCandidate]) -> list[OrgCandidate]:
    """政府将于下月举行…: a bare 政府 opening a clause as the actor is a body."""
    g = grammar()
    spans = [(c.start, c.end) for c in found]
    out: list[OrgCandidate] = []
    for m in g.acting_government_re.finditer(text):
        i, e = m.span(1)
        if not any(a < e and i < b for a, b in spans):
            out.append(OrgCandidate.bare(i, e, m.group(1), m.group(1), g.suffixes[m.group(1)].mode))
    return out


def _words_in(text: str, toks: Tokens, a: int, b: int) -> list[str]:
    """The tokens of ``text[a:b]`` (cut at the token starts inside it)."""
    lo, hi = bisect_right(toks.starts_list, a), bisect_left(toks.starts_list, b)
    cuts = [a, *toks.starts_list[lo:hi], b]
    return [text[x:y] for x, y in pairwise(cuts) if x < y]


def national_companies(text: str, found: list[OrgCandidate]) -> list[OrgCandidate]:
    """Company names right after 中国 or a national group's short name take it in
    (中国移动通信集团青山有限公司, 国网青山供电公司), any body the state or its forces
    right before it (中华人民共和国青山海关)."""
    g = grammar()
    out = []
    for c in found:
        head = next((w for w in g.state_prefixes if text.endswith(w, 0, c.start)), None)
        if head is None and c.kind == "company":
            firms = g.national_company_prefixes
            head = next((w for w in firms if text.endswith(w, 0, c.start)), None)
        if head is not None:
            k = len(head)
            c = replace(c, start=c.start - k, name=head + c.name, prefix=head + c.prefix)
        out.append(c)
    return out


def _descriptive_head(name: str, suffix: str) -> int | None:
    """Where the descriptive words before a team suffix begin in ``name``
    (…反诈宣传小分队 -> the index of 反诈), or None when the word right before the
    suffix is no descriptor (莎姐讲师团: a proper name)."""
    g = grammar()
    p = len(name) - len(suffix)
    stripped = False
    while p > 0:
        word = next((w for w in g.team_descriptors if name.endswith(w, 0, p)), None)
        if word is None:
            break
        p -= len(word)
        stripped = True
    return p if stripped else None


def descriptive_teams(text: str, found: list[OrgCandidate]) -> list[OrgCandidate]:
    """A team named only by descriptive words (法治宣讲团, 青年志愿服务队) is a label,
    not a body: dropped, or cut back to the body it belongs to (青山市公安局反诈宣传
    小分队 -> 青山市公安局). Teams in quotes or with a proper name stay."""
    g = grammar()
    out: list[OrgCandidate] = []
    for c in found:
        if (
            c.suffix not in g.team_suffixes
            or (c.start > 0 and text[c.start - 1] in g.quote_chars)
            or any(q in c.name for q in g.quote_chars)
        ):
            out.append(c)
            continue
        p = _descriptive_head(c.name, c.suffix)
        if p is None:
            out.append(c)
            continue
        head = c.name[:p]
        suf = longest_suffix(head) if len(head) >= 3 else None
        if suf is None or suf.mode == "sub" or suf.text in g.team_suffixes:
            continue  # 普法志愿者服务队, 白河法律服务小分队: a descriptive label
        end = c.start + p
        out.append(
            replace(
                c,
                end=end,
                name=head,
                core=text[c.start + len(c.prefix) : end],
                suffix=suf.text,
                mode=suf.mode,
                kind=kind_of(head, text[c.start + len(c.prefix) : end]),
            )
        )
    return out
