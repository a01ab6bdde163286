"""Where an organization stands in its sentence, for the organizer rules of
:mod:`.event_roles`: listed with the next one (``A、B联合``, ``A还联合B``, a head
leading its staff then ``，会同B``), in a place phrase or as an object (``在某医院``,
``走进某中学``, ``假某中心``), under another's instructions or in a purpose clause
(``根据某委员会的部署``), inviting or invited (``应某校邀请``); and the chain of
co-hosts right before an organizer verb.

Mentions come as ``(start, end, id)`` in clean offsets, sorted.
"""

from __future__ import annotations

import re

from ..lexicons.triggers import TriggerRules

__all__ = [
    "At",
    "chain_before",
    "coordinated",
    "directed",
    "directed_at",
    "in_place_phrase",
    "inviter",
    "sentence_subject",
    "staff_after",
    "strip_gap",
]

#: (start, end, record id) of a mention, clean offsets
At = tuple[int, int, str]


#: A short bracketed note (a day, a short form) inside the text before the verb.
_BRACKETED = re.compile(r"[（(][^（()）]{1,12}[）)]")

#: A head count before a personnel noun (12名, 十余位).
_HEADCOUNT = re.compile(r"[0-9０-９一二三四五六七八九十百千两]+[余多]?[名位]")


def staff_after(text: str, end: int, r: TriggerRules) -> bool:
    """A personnel noun (律师, 民警, 工作人员), after an optional 的 or a head count
    (某诊所12名师生), right at ``end``."""
    if text.startswith("的", end):
        end += 1
    m = _HEADCOUNT.match(text, end)
    return text.startswith(r.personnel_after, m.end() if m else end)


def inviter(text: str, p: At, r: TriggerRules) -> bool:
    """Whether ``p`` stands in an invitation frame (受某校邀请，某院法官…): it sends no
    staff; those invited act."""
    return text.startswith(r.inviter_after, p[1]) and text.endswith(
        r.inviter_before, max(0, p[0] - 2), p[0]
    )


def chain_before(
    text: str, s0: int, end: int, cands: list[At], r: TriggerRules
) -> tuple[list[At], int]:
    """The chain of organizations right before ``end`` (the verb), joined by
    coordination words, last first; and where the chain starts."""
    chain: list[At] = []
    pos = end
    themes = [m.span() for m in r.theme_span_re.finditer(text, s0, end)]
    for s, e, oid in reversed(cands):
        if chain and any(a <= s and e <= b for a, b in themes):
            continue  # 以某服务队为先锋，联合…: the means, not one of the organizers
        gap = text[e:pos]
        if chain and oid == chain[-1][2] and r.alias_bracket_re.match(gap):
            # A（以下简称B）: B, the first of the chain, stands for A; go on before A
            chain[-1] = (s, e, oid)
            pos = s
            continue
        if chain:
            # A以“…”为主题，联合B开展: the theme stands between A and the coordinator
            if not coordinated(strip_gap(gap, r), r) and not _led_cohost(text, e, gap, r):
                break
        elif len(gap) > 25 or re.search(r"[。；;！？]", gap):
            break
        elif re.search(r"[，,]", gap) and not re.match(
            r"^[^，,]*[，,][^，,]{0,12}$", _BRACKETED.sub("", gap)
        ):
            break  # (a bracketed note, 于国际禁毒日（6月26日）假…, counts for nothing)
        placed = in_place_phrase(text, s0, s, r)
        if placed or directed(text, s0, s, r):
            if chain and placed and gap in r.object_list_marks:
                chain = []  # 深入A、B等企业: the bodies listed after an object are objects
                pos = s
                continue
            if chain:
                break
            pos = s
            continue
        chain.append((s, e, oid))
        pos = s
    return chain, pos


#: At most this many characters from a body's head to the coordinator of the bodies
#: it joins (某署检察长某某于某日率领同仁，会同某站、某局).
LED_GAP_MAX = 60


def _led_cohost(text: str, e: int, gap: str, r: TriggerRules) -> bool:
    """The body's head leads its staff (某署检察长某某率领同仁…), or its staff act in one
    clause (某站执法员走进某渔港，), and the clause after joins the next bodies (，会同B、C
    / ，联合B): the body organizes with them."""
    if (
        len(gap) > LED_GAP_MAX
        or r.led_cohost_re.search(gap) is None
        or re.search(r"[。；;！？]", gap) is not None
    ):
        return False
    if r.title_after_re.match(text, e) is not None:
        return True
    # 某站执法员走进某渔港，联合…: its staff act in one clause (not 某局印发通知，联合…)
    return len(re.findall(r"[，,]", gap)) == 1 and staff_after(text, e, r)


def strip_gap(gap: str, r: TriggerRules) -> str:
    """The gap between two organizers without the theme phrases, times and adverbs
    that may open it (也于同(5)日下午与, 于十二月四日“国家宪法日”当天，联同)."""
    while True:
        m = r.theme_gap_re.match(gap)
        if m is not None and m.end() > 0:
            gap = gap[m.end() :]
            continue
        adverb = next((w for w in r.coordination_adverbs if gap.startswith(w)), "")
        if not adverb or gap == adverb:
            return gap
        gap = gap[len(adverb) :]


def directed(text: str, s0: int, s: int, r: TriggerRules) -> bool:
    """An organization whose instructions are followed (根据某委员会的部署), or one
    named in a purpose clause (为深入贯彻落实某委员会部署要求，…)."""
    clause0 = max(s0, max(text.rfind(ch, s0, s) for ch in "，,；;") + 1)
    clause = text[clause0:s]
    if r.directed_re.search(clause) or clause.lstrip().startswith(r.purpose):
        return True
    # 在某局的指导下: the body stands inside the phrase
    k = clause.rfind("在")
    m = r.directed_span_re.match(text, clause0 + k, s + 40) if k >= 0 else None
    return m is not None and m.end() > s


def directed_at(text: str, s: int, r: TriggerRules) -> bool:
    """Whether the organization named at ``s`` only gives instructions or a purpose
    (根据某委员会的部署, 为贯彻某委员会要求), looking back to its sentence start."""
    s0 = max(text.rfind(ch, max(0, s - 80), s) for ch in "。！？!?\n") + 1
    return directed(text, s0, s, r)


def in_place_phrase(text: str, s0: int, s: int, r: TriggerRules) -> bool:
    """Whether the organization at ``s`` (sentence from ``s0``) is an object or a
    place (在某医院、某医院等场所, 走进某中学), not an actor."""
    prefix = text[max(s0, s - 3) : s]
    return any(prefix.endswith(w) for w in r.object_before_org) or _locative(text, s0, s, r)


def _locative(text: str, s0: int, s: int, r: TriggerRules) -> bool:
    """An organization inside a place phrase: 在某县某商场门口, 前往某市立某国中."""
    for marker in (r.locative_marker, *r.destination_markers):
        k = text.rfind(marker, max(s0, s - 12), s)
        if k >= 0 and not any(ch in r.locative_joiners for ch in text[k:s]):
            return True
    # 假某中心舉辦 (Macau): the venue, also when the name was read short
    for m in r.venue_marker_re.finditer(text, max(s0, s - 12), s):
        if not any(ch in r.locative_joiners for ch in text[m.start() : s]):
            return True
    return False


def sentence_subject(text: str, s0: int, cands: list[At], r: TriggerRules) -> list[At]:
    """The first organization list of the sentence when it is its subject."""
    chain: list[At] = []
    placed = -1  # the end of the last organization read as an object or a place
    for s, e, oid in cands:
        if chain:
            if coordinated(text[chain[-1][1] : s], r):
                chain.append((s, e, oid))
                continue
            break
        if in_place_phrase(text, s0, s, r) or (
            placed >= 0 and text[placed:s] in r.object_list_marks  # 深入某公司、某加油站
        ):
            placed = e
            continue
        if _invited(text[s0:s], r) or directed(text, s0, s, r):
            break
        chain.append((s, e, oid))
    return list(reversed(chain))


def _invited(before: str, r: TriggerRules) -> bool:
    """The text before a body invites it (某校邀请某局…), not the body answering an
    invitation (应某校邀请，某局…)."""
    return r.invite_verb in r.answered_re.sub("", before)


def coordinated(gap: str, r: TriggerRules) -> bool:
    """The text between two organizations of one list (、 / 和 / 联合), after the
    first one's own party unit (某局机关党支部与…) or its staff (某局工作人员联合…) and
    an adverb (还联合); a class noun or a pronoun may stand before the second one
    (联同非政府机构某中心, 联合本院某庭)."""
    g = gap.strip()
    unit = next((w for w in (*r.own_party_units, *r.personnel_after) if g.startswith(w)), "")
    g = g[len(unit) :]
    # 某委还联合某办: an adverb before the coordinator (not a list without one: A还B)
    adverb = next((w for w in r.coordination_adverbs if g.startswith(w)), "")
    if adverb and g != adverb:
        g = g[len(adverb) :]
    # 联同非政府机构某中心: a class noun before the next body
    g = next((g[: -len(w)] for w in r.body_descriptors if g.endswith(w) and len(g) > len(w)), g)
    # 县妇联联合本院少年家事审判庭: the pronoun names the unit's parent, not a body between
    g = next((g[: -len(w)] for w in r.pronouns if g.endswith(w) and len(g) > len(w)), g)
    if g[:1] in "，," and g[1:] in r.zero_cohost_verbs:
        return True  # A会同B、C，携手D、E开展: a second verb joins more hosts
    return not g or g in r.coordination
