"""Trigger sites and the rules' reading of them: is a trigger occurrence a held activity?

A :class:`Site` is one occurrence of a trigger word (``data/event_triggers.json``)
with the stretches of text the rules look at (its sentence, its clause, what
stands before and after it). :func:`spoil_reasons` names the checks that make it
no held activity (a reference, a total, an ongoing duty, a purpose, a form of
another activity, a sub-session…), :func:`frame_reasons` the frames that make it
one (a hold verb, a frame word after it, an invited talk…); :func:`held_by_rules`
combines them. :mod:`fazhi_ie.components.events` turns held sites into mentions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..lexicons.triggers import TriggerRules, trigger_rules
from ..text.primitives import clause_of, paragraph_of, sentence_of

__all__ = [
    "CORNER_QUOTES",
    "Site",
    "frame_reasons",
    "held_by_rules",
    "sites",
    "spoil_reasons",
]


@dataclass(slots=True)
class Site:
    """A trigger occurrence and the stretches of text the rules look at."""

    text: str
    start: int
    end: int
    word: str
    type: str
    sent: tuple[int, int]
    clause: tuple[int, int]
    before: str  # the sentence before the trigger, quoted content emptied
    clause_before: str  # the clause before the trigger, quoted content emptied
    named: bool  # the trigger ends a quoted name: “公众开放日”活动
    after: str  # a few characters after the trigger (after the closing quote if named)


_QUOTED = re.compile(r"“[^“”]*”")
#: Corner quotes read as curly quotes (a Doc's text is matched after this translation).
CORNER_QUOTES = str.maketrans("「」『』", "“”‘’")
_QUOTED_SHORT = re.compile(r"“[^“”。！？\n]{1,30}”")


def _site(text: str, masked: str, m: re.Match[str], r: TriggerRules) -> Site:
    return _site_at(text, masked, m.start(), m.end(), r.types[m.group(0)])


def _site_at(text: str, masked: str, s: int, e: int, etype: str) -> Site:
    word = text[s:e]
    sent = sentence_of(text, s, e)
    clause = clause_of(masked, s, e)
    named = text[e : e + 1] in '”"」'
    a = e + 1 if named else e
    return Site(
        text=text,
        start=s,
        end=e,
        word=word,
        type=etype,
        sent=sent,
        clause=clause,
        # quoted content does not speak for the frame: “传承法治精神”
        before=_QUOTED.sub("“”", text[sent[0] : s]),
        clause_before=_QUOTED.sub("“”", text[clause[0] : s]),
        named=named,
        after=text[a : min(sent[1], a + 6)],
    )


def _spoil_checks(x: Site, r: TriggerRules) -> tuple[tuple[str, Callable[[], bool]], ...]:
    """The named checks that make a site no held activity, each run on demand."""
    clause, before = x.clause_before, x.before
    for w in r.spoil_exempt:  # 将于…举行 announces a dated activity
        clause = clause.replace(w, "")
        before = before.replace(w, "")
    if x.word.endswith(r.noun_cue_heads):  # 某计划启动仪式: a name, not a plan
        clause = r.noun_cue_re.sub("", clause)
    # 12月4日，某局将在某地开展…: an activity announced for a day
    dated = r.dated_plan_cues if r.dated_plan_re.search(x.before) else frozenset()
    # 局方表示，十二月四日当天将邀请…讲座: what a body says it held or holds on a day
    said = {c for c in r.dated_speech_cues if r.dated_plan_re.search(before, before.rfind(c))}
    checks = (
        # 开展了一系列活动: an umbrella, an activity only when launched (…系列活动正式启动)
        ("series_unlaunched", lambda: x.word in r.launched_only and not _launched_after(x, r)),
        ("reference_after", lambda: any(x.after.startswith(w) for w in r.reference_after)),
        # 座谈会后随即举行…颁奖礼: a time after an activity the text told already
        (
            "told_time",
            lambda: (
                x.after.startswith(r.time_anchor_after) and x.text.find(x.word, 0, x.start) >= 0
            ),
        ),
        # a venue's name: 会议展览中心, 会议室
        ("venue", lambda: _venue(x.after, r)),
        # 宣传月活动启动仪式: the campaign is only named by its launch
        (
            "campaign_launched",
            lambda: x.type == "publicity" and any(w in x.after for w in r.campaign_launched_after),
        ),
        # 随后召开的座谈会上: a sub-session of the activity just reported
        (
            "subsession",
            lambda: x.type in r.subsession_types and any(c in x.before for c in r.subsession_cues),
        ),
        # 对活动进行了全程网络直播: the stream of the activity just reported
        (
            "relay",
            lambda: x.type in r.relay_types and any(c in x.clause_before for c in r.relay_cues),
        ),
        # 举办专题讲座，邀请某教授作专题辅导: the invited talk is the activity just named
        ("invited_talk", lambda: _invited_talk(x, r)),
        ("reference_cue", lambda: any(c in x.clause_before for c in r.reference_cues)),
        ("spoil_cue", lambda: any(c in clause for c in r.spoil_cues if c not in dated)),
        (
            "sentence_spoil",
            lambda: any(
                c in before and not (c in r.modifier_time_cues and _modifier_cue(before, c))
                for c in r.sentence_spoil
                if c not in said
            ),
        ),
        # 本次…活动的开展: a look back at the activity already reported
        (
            "back_reference",
            lambda: bool(r.back_reference_re.search(x.text, x.sent[0], min(x.sent[1], x.end + 4))),
        ),
        # a purpose clause: 为进一步推动…宣传月深入开展
        ("purpose", lambda: x.clause_before.lstrip().startswith(r.purpose)),
        # a count right after: 开展宣讲活动11次 is a total
        ("count_after", lambda: bool(r.count_after_re.match(x.after))),
        # 当天共走访企业9家: a verb after a total word tells a total
        (
            "total_before",
            lambda: x.word in r.verb_triggers and x.clause_before.endswith(r.total_before),
        ),
        # 该讲座每周举办一次, 已连续举办五届: a recurring programme
        (
            "recurring_after",
            lambda: bool(r.recurring_after_re.match(x.text, x.end, x.clause[1])),
        ),
        (
            "form_list",
            lambda: _in_form_list(x, r) or _in_forms_named(x, r) or _kinds_listed(x, r),
        ),
        # 各村也相继召开…会: an uncounted aggregate held by a class of bodies
        # (also when the class opens the sentence: 此外，各乡镇也结合实际，组织开展…)
        (
            "class_subject",
            lambda: bool(
                r.class_subject_re.match(x.clause_before) or r.class_subject_re.match(x.before)
            ),
        ),
    )
    return checks


#: 结合近年来办理的案件，…: a time cue inside a noun phrase (…的) of an earlier clause
_MODIFIER_AFTER = re.compile(r"[^，,。；;：:]{0,10}?的[^，,。；;]*[，,]")


def _modifier_cue(before: str, cue: str) -> bool:
    """The sentence's cue (近年来, 以来) only modifies a noun of an earlier clause
    (结合近年来办理的校园欺凌案件，为学生上了一堂法治课): it says nothing of the activity."""
    k = before.rfind(cue)
    return _MODIFIER_AFTER.match(before, k + len(cue)) is not None


def _invited_talk(x: Site, r: TriggerRules) -> bool:
    """A talk given by an invited speaker after an activity of a talk-holding type in
    an earlier clause of the sentence, or told by its verb in a paragraph that opens
    with that activity (培训为期两天…分别进行授课): that activity's content, no second one."""
    if x.type not in r.invited_talk_types:
        return False
    invited = r.invited_frame_re.search(x.clause_before) or (
        x.word in r.verb_triggers and r.invite_verb in x.clause_before  # 邀请某律师为…授课
    )
    if r.talk_subject_re.match(x.before) and (invited or r.invite_verb in x.before):
        # 培训邀请某法官授课 / 培训班邀请某教授，围绕…进行授课: the activity just reported
        return True
    p0, p1 = paragraph_of(x.text, x.start)
    if x.word in r.verb_triggers and r.talk_subject_re.match(x.text[p0:p1]):
        # 培训为期两天。…某庭长、某律师分别围绕…进行授课: the speakers of the training
        # whose paragraph this is
        return True
    if not invited:
        return False
    # the earlier clauses as written: a host named in quotes counts (举办“宪法大讲堂”，邀请…)
    prior = x.text[x.sent[0] : x.clause[0]]
    return any(r.types.get(m.group(0)) in r.talk_hosts for m in r.trigger_re.finditer(prior))


def spoil_reasons(x: Site, r: TriggerRules) -> list[str]:
    """Why the site is not a held activity: a reference, a total, an ongoing duty, a
    purpose or a form of another activity (empty: nothing spoils it)."""
    return [name for name, check in _spoil_checks(x, r) if check()]


def _spoiled(x: Site, r: TriggerRules) -> bool:
    """A reference, a total, an ongoing duty, a purpose or a form of another activity."""
    return any(check() for _, check in _spoil_checks(x, r))


def _venue(after: str, r: TriggerRules) -> bool:
    """The trigger starts a venue's name: 会议展览中心, 会议室 (not 咨询在大厅)."""
    head = after[:4]
    ks = [head.find(w) for w in r.venue_after if w in head]
    return bool(ks) and not any(ch in r.venue_breaks for ch in head[: min(ks)])


def _launched_after(x: Site, r: TriggerRules) -> bool:
    """A launch trigger follows the site in its clause."""
    return any(
        r.types.get(m.group(0)) == "launch"
        for m in r.trigger_re.finditer(x.text, x.end, x.clause[1])
    )


def _in_form_list(x: Site, r: TriggerRules) -> bool:
    """The trigger names a form of another activity: 通过…、现场咨询等形式."""
    text = x.text
    after = text[x.end : x.sent[1]]
    m = r.form_list_re.match(after)
    # …启动，工作人员通过…等方式: the forms belong to a clause of their own
    if m and not any(len(o) > 1 and o in m.group(0) for o in r.form_open):
        return True
    close = min((after.find(c) for c in r.form_close if c in after), default=-1)
    if close < 0 or any(ch in after[:close] for ch in "，,；;"):
        return False
    before = text[x.sent[0] : x.start]
    opened = max((before.rfind(o) for o in r.form_open), default=-1)
    return opened >= 0 and not any(ch in before[opened:] for ch in "；;")


def _kinds_listed(x: Site, r: TriggerRules) -> bool:
    """The trigger is one of the kinds of activity a campaign lists (推出讲座、义务法律咨询
    及线上直播等活动): two or more trigger words of different types, closed by 等活动 in
    the clause, name what it will hold, not one activity each."""
    m = r.kinds_close_re.match(x.text, x.end, x.clause[1])
    if m is None:
        return False
    listed = {
        r.types.get(t.group(0))
        for t in r.trigger_re.finditer(x.text, x.clause[0], m.end())
        if t.end() <= x.start or t.start() >= x.end
    }
    return bool(listed - {x.type, None})


def _in_forms_named(x: Site, r: TriggerRules) -> bool:
    """The trigger is one of the forms a sentence lists (活动方式主要包括…、开展知识竞赛、…);
    not the manner of the activity itself (以模拟法庭方式为学生上了一堂法治课)."""
    for m in r.form_intro_re.finditer(x.text, x.sent[0], x.start):
        clause = x.text[x.sent[0] : m.start()]
        clause = clause[max(clause.rfind(c) for c in "，,；;") + 1 :]
        if not any(clause.startswith(o) for o in r.form_open):
            return True
    return False


def frame_reasons(x: Site, r: TriggerRules) -> list[str]:
    """How the trigger's clause or sentence frames it as held (empty: it does not)."""
    text, e, clause_end = x.text, x.end, x.clause[1]
    framed = any(x.after.startswith(w) for w in r.frame_after)
    held_clause = any(v in x.clause_before for v in r.hold_verbs)
    held = any(v in x.before for v in r.hold_verbs)
    heading = text[x.sent[0] : x.sent[1]].strip() == text[x.clause[0] : clause_end].strip()
    # …座谈会周四举行 / …启动仪式暨…活动举行: the verb comes after
    held_after = (
        any(v in text[e:clause_end] for v in r.held_after)
        or any(v in text[e : e + 8] for v in r.held_right_after)
        # 研讨会由律政司与某办合办: its hosts named right after it
        or r.host_re.match(text, e, clause_end) is not None
    )
    # 启动 is a verb itself: 启动…宣传活动 (with an object in its clause)
    self_framed = x.word in r.self_framed and (
        bool(r.self_framed_object_re.search(text[e:clause_end]))
        or text[e : e + 1] in "。，,；;"  # …活动当天在某地启动。
    )
    # 在…会议上: the meeting was held
    mp = r.meeting_place
    met = x.type == "meeting" and (
        (
            any(w in x.word for w in mp.trigger_contains)
            and x.after.startswith(mp.after)
            and mp.before in x.clause_before
        )
        or x.after.startswith(r.meeting_decided)
    )
    # 受聘担任…: the appointment is a verb itself
    appointed = x.word in r.appointment
    # 为师生上了一堂…课: the trigger is the verb of the activity
    verb = x.word in r.verb_triggers
    # 为全体干部作…专题讲座: given to an audience
    served = bool(r.served_frame_re.search(x.clause_before))
    # 邀请某教授作专题讲座, 应某局邀请作…: an invited speaker gives it
    invited = bool(r.invited_frame_re.search(x.clause_before))
    # 普法宣传活动走进某小区: the activity goes somewhere (not 推动…走进千家万户)
    moved_in = r.moved_in_re.match(text, e, clause_end) is not None and not any(
        w in x.clause_before for w in r.moved_in_not_before
    )
    hosted = r.hosted_frame_re.search(x.clause_before) is not None  # 由某局主办的…嘉年华
    found = {
        "held_clause": held_clause,
        "hosted": hosted,
        "held_after": held_after,
        "moved_in": moved_in,
        "self_framed": self_framed,
        "meeting": met,
        "appointed": appointed,
        "verb": verb,
        "served": served,
        "invited": invited,
        "frame_word_held": framed and held,
        "frame_word_heading": framed and heading,
    }
    return [name for name, ok in found.items() if ok]


def _framed(x: Site, r: TriggerRules) -> bool:
    """The trigger's clause or sentence frames it as held."""
    return bool(frame_reasons(x, r))


def _quoted_away(x: Site, r: TriggerRules) -> bool:
    """The trigger is quoted content, not a quoted activity name (“送法下乡”活动)."""
    text, (s0, s1) = x.text, x.sent
    before = text[s0 : x.start]
    if not (before.count("“") > before.count("”") and "”" in text[x.end : s1]):
        return False
    if x.named:
        return False
    k = text.find("”", x.end, s1)
    # the quote is an activity's name: “2025年某某宣传周白河活动”
    if k >= 0 and text[x.end : k].endswith(r.quoted_activity_frames):
        return False
    quoted_activity = (
        k >= 0 and "“" not in text[x.end : k] and text.startswith(r.quoted_activity_frames, k + 1)
    )
    return not quoted_activity


def _masked(text: str) -> str:
    """The text with short quoted names blanked (one character for one), so that their
    commas do not end a clause: “学法,守法”为主题."""
    return _QUOTED_SHORT.sub(lambda q: "“" + "_" * (len(q.group(0)) - 2) + "”", text)


def sites(text: str) -> list[Site]:
    """Every trigger occurrence with the stretches of text the rules look at."""
    r = trigger_rules()
    masked = _masked(text)
    return [_site(text, masked, m, r) for m in r.trigger_re.finditer(text)]


def told_sites(text: str) -> list[Site]:
    """Verbs telling an audience about the law (向学生宣讲…, 向居民讲解…) that nothing
    spoils, as sites of a lecture (a school's audience) or of publicity; the caller
    reads them only where no trigger is held (see ``told_pattern``)."""
    r = trigger_rules()
    masked = _masked(text)
    out = []
    for m in r.told_re.finditer(text):
        etype = "lecture" if m.group("audience") in r.told_lecture_audience else "publicity"
        x = _site_at(text, masked, m.start("verb"), m.end("verb"), etype)
        if not _spoiled(x, r) and not _quoted_away(x, r):
            out.append(x)
    return out


def held_by_rules(x: Site, r: TriggerRules) -> bool:
    """The rules' reading of a site: framed as held, not spoiled, not quoted content."""
    return not _spoiled(x, r) and _framed(x, r) and not _quoted_away(x, r)
