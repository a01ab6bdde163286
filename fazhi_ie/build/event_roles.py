"""Who and where of an event mention: organizers, participants, audience, place.

Organizers are the organizations in the subject of the hold verb: a
coordinated list right before the last organizer verb (``A、B联合开展``), or
those named in ``由…主办/承办``; ``相继``/``分别`` makes them act one by one.
Participants are invited (``邀请…``); the audience is the phrase an audience
noun stands in (``邀请…代表``, ``为…学生讲解``); the place is a location right
after ``在``/``于``/``赴``.

Mentions of records come as ``(start, end, id)`` in clean offsets, sorted
(:meth:`~fazhi_ie.build.context.Assembly.mentions`).
"""

from __future__ import annotations

from ..components.events import EventMention
from ..lexicons.triggers import TriggerRules
from ..text.primitives import sentence_of, starting_in
from .event_frames import (
    At,
    chain_before,
    coordinated,
    inviter,
    sentence_subject,
    staff_after,
)

__all__ = [
    "audience",
    "follow_subject",
    "ids_in",
    "location",
    "participants",
    "subject_orgs",
]


def ids_in(spans: list[At], s0: int, s1: int) -> list[str]:
    """Ids of the mentions inside ``[s0, s1)``, each once, in order."""
    out: list[str] = []
    for s, e, oid in starting_in(spans, s0, s1 + 1):
        if s0 <= s and e <= s1 and oid not in out:
            out.append(oid)
    return out


def subject_orgs(
    c: EventMention, text: str, orgs: list[At], r: TriggerRules
) -> tuple[list[str], bool]:
    """Organizations acting as subject of the activity, and whether they act one by one."""
    s0, trig = c.sent_start, c.start
    orgs = list(starting_in(orgs, s0, c.sent_end + 1))  # only those of the sentence count
    if c.trigger in r.appointment:
        return _appointing(c, text, orgs), False
    # 某中心主办，某基金会赞助: supporters organize nothing
    orgs = [
        o
        for o in orgs
        if not text.startswith(r.non_host_after, o[1])
        and not (
            o[1] <= trig
            and not text.startswith(r.lead_frame, o[1])  # A牵头、B配合: A leads
            and r.joining_clause_re.match(text, o[1], trig)
        )
    ]
    hosts, lead = _hosts(c, text, orgs, r)
    # A推出…演出，由B承办 / A与B合办…，由C承办: those who undertake it organize beside
    # the subject
    undertaken = bool(hosts) and all(
        any(x == h and text.startswith(r.undertake_frame, e) for _s, e, x in orgs) for h in hosts
    )
    if hosts and not lead and not undertaken:
        return hosts, False
    # the last organizer verb before the trigger in the sentence
    window = text[s0:trig]
    verb_at, verb_end = -1, -1
    for v in r.organizer_verbs:
        k = window.rfind(v)
        if k > verb_at:
            verb_at, verb_end = k, k + len(v)
    # 某单位参加了…活动: those who attend are participants, unless invited
    # (A邀请B参加…活动: A organizes); 出席在某地举行的…: the verb is the host's
    attend_at = max((window.rfind(v) for v in r.attend_verbs), default=-1)
    subject_end = -1  # where the subject of a new predicate ends (its attend verb)
    talk = c.type in r.invited_talk_types  # a talk given, not a hand at another's activity
    if attend_at >= 0 and talk and r.new_predicate_re.search(window, attend_at):
        # 某院检察长受邀参加某校开学典礼，并为学生上了一堂法治课: the subject of the
        # attend clause acts in the new one; the body it attended does not
        subject_end, attend_at = s0 + attend_at, -1
    invited = 0 <= window.rfind(r.invite_verb) < attend_at
    relative = verb_end >= 0 and window[verb_end : verb_end + 1] == r.relative_marker
    if not invited and relative and 0 <= attend_at < verb_at:
        # 干警参加了某妇联举办的…活动: the body right before the relative host verb
        # holds the activity the subject attends
        held = [o for o in orgs if s0 + attend_at < o[0] and o[1] <= s0 + verb_at]
        chain, _ = chain_before(text, s0 + attend_at, s0 + verb_at, held, r)
        if chain and not hosts:
            return [oid for _, _, oid in reversed(chain)], False
    if not invited and (attend_at > verb_at or (0 <= attend_at and relative)):
        return hosts, False
    # 某局组织某中心工作人员…开展: the staff act, their body organizes nothing
    # (unless no body stands before them: 某镇组织司法所工作人员…, 某院干警邀请…)
    orgs = [o for o in orgs if not _staff_of_other(text, s0, o, orgs, r)]
    # 应某校邀请，某局派员到该校…: the inviter asks for it, the invited body named after
    # the frame holds it (a speaker named before it, 某教授应某局邀请作讲座, does not)
    inviters = [
        o
        for o in orgs
        if o[1] <= trig
        and inviter(text, o, r)
        and not any(p[1] <= o[0] for p in orgs)
        and any(o[1] <= p[0] and p[1] <= trig for p in orgs)
    ]
    if inviters:
        orgs = [o for o in orgs if o not in inviters]
    # 某院检察官、某小学法治副校长方蕾: an honorary post at the school, held by an outsider
    posts = [o for o in orgs if text.startswith(r.honorary_titles, o[1])]
    if posts and len(posts) < len(orgs):
        orgs = [o for o in orgs if o not in posts]
    end = s0 + verb_at if verb_at >= 0 else trig
    if subject_end >= 0:
        end = min(end, subject_end)
    cands = [(s, e, oid) for s, e, oid in orgs if s0 <= s and e <= end]
    if not cands:
        end = trig
        cands = [(s, e, oid) for s, e, oid in orgs if s0 <= s and e <= end]
    if not cands:
        return [], False
    chain, pos = chain_before(text, s0, end, cands, r)
    if not chain:
        chain = sentence_subject(text, s0, cands, r)
    ids: list[str] = list(hosts)
    for _, _, oid in reversed(chain):
        if oid not in ids:
            ids.append(oid)
    # A邀请B共同开展…: the invited co-hosts organize beside the inviter
    m = r.invited_cohost_re.search(text, s0, trig)
    if m is not None and ids:
        ids += [oid for s, e, oid in orgs if m.start() < s and e <= m.end() and oid not in ids]
    seq = any(w in text[pos:trig] for w in r.sequential)
    return ids, seq


def follow_subject(
    text: str, follow: list[tuple[int, int]], orgs: list[At], r: TriggerRules
) -> list[str]:
    """The body acting in the sentence that follows up an activity whose own sentence
    names none (a place as subject: 某镇开展…活动。某镇综治办联合…): the organization
    list opening that sentence (after a short lead-in such as 活动现场，) when an
    organizer or coordination verb comes right after it."""
    if not follow:
        return []
    f0, f1 = follow[0]
    cands = [o for o in orgs if f0 <= o[0] and o[1] <= f1]
    if not cands:
        return []
    lead = text[f0 : cands[0][0]].strip()
    if lead and not (len(lead) <= r.follow_lead_max and lead[-1] in "，,"):
        return []
    chain = [cands[0]]
    for o in cands[1:]:
        gap = text[chain[-1][1] : o[0]].strip()
        # 某委组织某院、某局…: the bodies summoned carry it out for the first one
        if not coordinated(gap, r) or gap in r.organizer_verbs:
            break
        chain.append(o)
    # 某局联合某局开展 / 某局、某局开展: a verb right after the first body or the list;
    # 某局(的)律师为…: its staff act for it
    if not any(
        text.startswith(r.follow_subject_verbs, o[1]) or staff_after(text, o[1], r)
        for o in (chain[0], chain[-1])
    ):
        return []
    return [oid for _, _, oid in chain]


def _staff_of_other(text: str, s0: int, o: At, orgs: list[At], r: TriggerRules) -> bool:
    """Organization ``o`` only names whose staff act (某中心工作人员) and another body
    of the sentence, not listed with it, stands before it and sends them."""
    if not text.startswith(r.personnel_after, o[1]):
        return False
    before = [p for p in orgs if s0 <= p[0] and p[1] <= o[0] and not inviter(text, p, r)]
    listed = o
    for p in reversed(before):
        gap = text[p[1] : listed[0]].strip()
        if not coordinated(gap, r) or gap in r.organizer_verbs:
            return True
        listed = p
    return False


def _hosts(c: EventMention, text: str, orgs: list[At], r: TriggerRules) -> tuple[list[str], bool]:
    """Hosts named in the sentence: 由A、B主办/承办, or A、B主办 without 由; and whether
    they lead others named before the verb (由A牵头，B、C联合开展)."""
    s0 = c.sent_start
    sent_text = text[s0 : c.sent_end]
    hosts: list[str] = []
    lead = False
    # 由A、B主办; 在某局的组织下
    matches = [*r.host_re.finditer(sent_text), *r.organized_span_re.finditer(sent_text)]
    for m in matches:
        a, b = s0 + m.start(1), s0 + m.end(1)
        hosts += [oid for s, e, oid in orgs if a <= s and e <= b]  # A（简称B）: one id twice
        hosts = list(dict.fromkeys(hosts))
        # 由A牵头，B、C联合开展 / 在A的牵头下（组织下），B、C开展: A leads those named
        # before the verb, as in A组织B、C开展
        lead = lead or m.re is r.organized_span_re or m.group(0).endswith(r.lead_frame)
    hosts += [oid for oid in _host_chains(text, s0, c.sent_end, orgs, r) if oid not in hosts]
    # A牵头，B、C联合开展 / A牵头、B配合 (without 由): A leads as in 由A牵头
    for s, e, oid in orgs:
        if s0 <= s and e < c.start and text.startswith(r.lead_frame, e):
            if text[e + len(r.lead_frame) : e + len(r.lead_frame) + 1] in ("，", ",", "、"):
                hosts += [oid] if oid not in hosts else []
                lead = True
    return hosts, lead


def _host_chains(text: str, s0: int, s1: int, orgs: list[At], r: TriggerRules) -> list[str]:
    """某中心主办 / A、B合办: the chains right before a host word in ``[s0, s1)`` (also
    after 由A主办，B、C承办)."""
    hosts: list[str] = []
    sent_orgs = [o for o in orgs if s0 <= o[0] and o[1] <= s1]
    for i, (_s, e, _oid) in enumerate(sent_orgs):
        if text.startswith(r.host_after_org, e):
            chain, _ = chain_before(text, s0, e, sent_orgs[: i + 1], r)
            hosts += [oid for _, _, oid in reversed(chain) if oid not in hosts]
    return hosts


#: How many sentences after an activity's own one may name its hosts.
FOLLOW_HOST_SENTENCES = 2


def follow_hosts(c: EventMention, text: str, orgs: list[At], r: TriggerRules) -> list[str]:
    """The hosts named in a sentence right after the activity's own (一场…宣传活动在某地
    举行。活动由某局主办。), within its paragraph or the next."""
    pos, breaks = c.sent_end, 0
    for _ in range(FOLLOW_HOST_SENTENCES):
        while pos < len(text) and text[pos] in "\n \t\u3000":
            breaks += text[pos] == "\n"
            pos += 1
        if breaks > 1 or pos >= len(text):
            return []
        s0, s1 = sentence_of(text, pos, pos)
        if s1 <= pos:
            return []
        if r.follow_host_re.match(text[s0:s1]):  # ^ anchors at the slice
            m = r.host_re.search(text, s0, s1)
            if m is None:
                return []
            a, b = m.span(1)
            hosts = [oid for s, e, oid in starting_in(orgs, a, b) if e <= b]
            # 活动由A主办，B、C承办，D协办: the 承办 bodies organize too
            return hosts + [x for x in _host_chains(text, b, s1, orgs, r) if x not in hosts]
        pos = s1
    return []


def _appointing(c: EventMention, text: str, orgs: list[At]) -> list[str]:
    """The body that appoints (受聘担任某中学法治副校长): the organization after the
    trigger in its clause, else the last one before it in the sentence."""
    clause_end = c.sent_end
    for ch in "，,；;。":
        k = text.find(ch, c.end, c.sent_end)
        if k >= 0:
            clause_end = min(clause_end, k)
    after = [oid for s, e, oid in orgs if c.end <= s and e <= clause_end]
    if after:
        return after[:1]
    before = [oid for s, e, oid in orgs if c.sent_start <= s and e <= c.start]
    return before[-1:]


def participants(
    text: str, c: EventMention, orgs: list[At], persons: list[At], r: TriggerRules
) -> list[str]:
    """Organizations and persons invited (邀请…) in the sentence, up to its first
    full stop or semicolon."""
    s0, s1 = c.sent_start, c.sent_end
    k = text.find(r.invite_verb, s0, s1)
    if k < 0:
        return []
    end = s1
    for ch in "。；;":
        j = text.find(ch, k, s1)
        if j >= 0:
            end = min(end, j)
    return ids_in(orgs, k, end) + ids_in(persons, k, end)


def audience(text: str, c: EventMention, r: TriggerRules) -> str | None:
    """Those the activity was for, as written: 邀请…代表, 为…学生讲解."""
    s0, s1 = c.sent_start, c.sent_end
    for pattern in (r.invited_re, r.served_re):
        m = pattern.search(text, s0, s1)
        if m and r.audience_re.search(m.group(1)):
            return m.group(1).strip()
    return None


def location(text: str, c: EventMention, locs: list[At], r: TriggerRules) -> str | None:
    """The first location of the sentence right after 在/于/赴."""
    for s, _e, lid in starting_in(locs, c.sent_start, c.sent_end):
        if c.sent_start <= s < c.sent_end and text[max(0, s - 1) : s] in r.location_markers:
            return lid
    return None
