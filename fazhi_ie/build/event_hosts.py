"""Article-level passes that give hosts to the activities whose own sentences name
none, run on the merged groups (so that they join no drafts): a launch takes its
campaign's hosts, the article's host lines (主办单位：…), the activity of its kind
told right before it and the subject of its lead sentence hold the activities still
without one."""

from __future__ import annotations

from itertools import pairwise

from ..components.events import EventMention
from ..lexicons.triggers import TriggerRules
from ..text.primitives import sentence_of, starting_in
from .event_drafts import EventGroup, announced
from .event_frames import At
from .event_roles import subject_orgs


def launch_hosts(text: str, groups: list[EventGroup], orgs: list[At], r: TriggerRules) -> None:
    """A launch that names no host takes the organizers of the campaign reported with
    it (the first publicity event or exhibition with organizers: 展览…开幕礼), but for
    those only named as undertaking it (由某中心承办); so does one whose organizers only
    come from who announced it open (某局局长宣布活动启动: an official's act at the
    ceremony, not its host)."""
    campaign = next((g for g in groups if g.type in r.launched_types and g.organizers), None)
    if campaign is None:
        return
    only_undertake = {
        oid
        for oid in campaign.organizers
        if all(text.startswith(r.undertake_frame, e) for _s, e, x in orgs if x == oid)
    }
    hosts = [x for x in campaign.organizers if x not in only_undertake] or campaign.organizers
    for g in groups:
        if g.type != "launch":
            continue
        named = [m for m in g.mentions if m.organizers]
        if not named or all(announced(text, m, r) for m in named):
            g.organizers = list(hosts)


def block_hosts(text: str, groups: list[EventGroup], orgs: list[At], r: TriggerRules) -> None:
    """The bodies of the article's host lines (主办单位：A / 承办单位：B　C, not 协办) hold
    the activities it reports without an organizer (a notice's or a report's closing
    block; a site footer's lines were dropped by the cleaning)."""
    if all(g.organizers for g in groups):
        return
    hosts: list[str] = []
    for m in r.host_block_re.finditer(text):
        line_end = text.find("\n", m.end())
        for _s, _e, oid in starting_in(orgs, m.end(), len(text) if line_end < 0 else line_end):
            if oid not in hosts:
                hosts.append(oid)
    if hosts:
        for g in groups:
            if not g.organizers:
                g.organizers = list(hosts)


def lead_hosts(text: str, groups: list[EventGroup], orgs: list[At], r: TriggerRules) -> None:
    """An activity reported without any organizer is held by the bodies acting as
    subject of the article's lead sentence (the first of its first sentences with a
    lead verb: 某镇妇联联合镇党委政府开展…), unless others are said to hold it
    (…等地，各种宣传活动正在开展). Set after merging, so that it joins no drafts."""
    if all(g.organizers for g in groups):
        return
    lead = lead_subject(text, orgs, r)
    if not lead:
        return
    for g in groups:
        c = g.lead.mention
        if not g.organizers and not any(
            w in text[c.sent_start : c.start] for w in r.lead_host_stops
        ):
            g.organizers = list(lead)


def kind_hosts(text: str, groups: list[EventGroup], r: TriggerRules) -> None:
    """An activity reported without any organizer right after one of its own kind
    (讲座…。十二日首场讲座在某中心举行; 成果展同日起在大礼堂展出) is that activity
    again or a session of it: it takes the organizers of the nearest activity told
    before it when that one is of the same type, or, whatever its type, when its
    sentence opens by speaking of that activity (会议传达学习了…，对…进行了表彰;
    ``activity_reference_pattern``). Set after merging, after the host
    lines and before the lead sentence's subject, in text order (a third session
    follows the second)."""
    ordered = sorted(groups, key=lambda g: g.lead.mention.start)
    for before, g in pairwise(ordered):
        c = g.lead.mention
        if g.organizers or not before.organizers:
            continue
        if before.type == g.type or r.activity_reference_re.match(text, c.sent_start):
            g.organizers = list(before.organizers)


def lead_subject(
    text: str, orgs: list[At], r: TriggerRules, pos: int = 0, sentences: int | None = None
) -> list[str]:
    """The bodies acting as subject of the lead sentence from ``pos`` (the article's
    by default; the first of ``sentences`` sentences with a lead verb), or none."""
    while pos < len(text) and text[pos] in "\n \t\u3000":
        pos += 1
    for _ in range(sentences or r.lead_host_sentences):
        s0, s1 = sentence_of(text, pos, pos)
        if s1 <= pos:
            return []
        seg = text[s0:s1]
        at = min((seg.find(v) for v in r.lead_host_verbs if v in seg), default=-1)
        if at >= 0:
            verb = EventMention(s0 + at, s0 + at, "publicity", "", s0, s1, s0)
            return subject_orgs(verb, text, orgs, r)[0]
        pos = s1
        while pos < len(text) and text[pos] in "\n \t\u3000":
            pos += 1  # a header line ends at its line break: the next sentence starts after it
    return []
