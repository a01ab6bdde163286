"""Organizers of an activity whose own sentence names none, read from around it:
the article's sole body, a person opening the sentence, the hosts of a series of talks
or the speaker of a talk, staff acting for the body of the sentence before, a sentence
that shares the subject before it, the headline's subject. :mod:`.events` tries them
in order after the sentence's own subject and hosts."""

from __future__ import annotations

import re

from ..components.events import EventMention
from ..lexicons.triggers import TriggerRules
from ..text.primitives import paragraph_of, sentence_of, starting_in
from ..values.dates import DateExpr
from .event_drafts import EventDraft
from .event_frames import At, directed_at, in_place_phrase, sentence_subject, strip_gap
from .event_roles import subject_orgs

__all__ = [
    "person_subject",
    "series_hosts",
    "sole_body",
    "speaker_body",
    "speaker_of",
    "staff_subject",
    "title_subject",
    "told_subject",
    "zero_subject",
]


def sole_body(text: str, c: EventMention, orgs: list[At], r: TriggerRules) -> list[str]:
    """The one organization of an article that names only one, named by the end of
    the mention's sentence and not only in a person's title (某局党组书记), nor as
    the body whose instructions are followed, one that attends or the venue of the
    activity's own sentence (在某中学举办): the holder of an
    activity whose sentence names no organizer."""
    ids = {oid for _, _, oid in orgs}
    if len(ids) != 1:
        return []
    acting = [
        o
        for o in orgs
        if o[0] < c.sent_end
        and not r.title_after_re.match(text, o[1])
        and not directed_at(text, o[0], r)
        # 我院在某中学举办…: the venue holds nothing
        and not (c.sent_start <= o[0] < c.sent_end and in_place_phrase(text, c.sent_start, o[0], r))
    ]
    if not acting:
        return []
    o = acting[0]
    # 某院干警参加了…活动 / …活动，某院派员参加: a body that attends holds nothing
    if c.sent_start <= o[0] < c.start and _attends(text[o[1] : c.start], r):
        return []
    if c.end <= o[0] < c.sent_end and _attends(text[o[1] : c.sent_end], r):
        return []
    return [o[2]]


#: What may stand before a person who opens a sentence as its subject: a date, a time.
_DATE_OPENING = re.compile(r"[0-9一二三四五六七八九十〇年月日号上下午晚间当天同日，,、\s]*")


def person_subject(
    text: str, c: EventMention, persons: list[At], affiliations: dict[str, str]
) -> list[str]:
    """某局局长李明… 12月4日，李明带领律师…开展…: a person who opens the activity's
    sentence (after its date) acts for the body the article names them with."""
    for s, _e, pid in starting_in(persons, c.sent_start, c.start):
        if _DATE_OPENING.fullmatch(text, c.sent_start, s) is None:
            return []
        oid = affiliations.get(pid)
        return [oid] if oid else []
    return []


#: At most this many characters (a title, a name) between a speaker's body and the verb.
SPEAKER_GAP = 12


def speaker_body(text: str, c: EventMention, orgs: list[At], r: TriggerRules) -> list[str]:
    """讲座由某院法官某某主讲: the body whose speaker gave the talk, named after 由 in the
    talk's sentence or the next one of its paragraph."""
    p1 = paragraph_of(text, c.start)[1]
    end = sentence_of(text, c.sent_end, c.sent_end)[1] if c.sent_end < p1 else c.sent_end
    for s, e, oid in starting_in(orgs, c.sent_start, min(end, p1)):
        if text[s - 1 : s] != "由":
            continue
        gap = text[e : e + SPEAKER_GAP + max(map(len, r.speaker_verbs))]
        cut = min((gap.find(ch) for ch in "，,。；;！？" if ch in gap), default=len(gap))
        if any(0 <= gap.find(v) <= min(cut, SPEAKER_GAP) for v in r.speaker_verbs):
            return [oid]
    return []


def staff_subject(text: str, c: EventMention, orgs: list[At], r: TriggerRules) -> list[str]:
    """活动中，法官为学生们上了一堂法治课: staff named by no body act for the bodies
    acting as subject of the sentence before, in the same paragraph (某院走进某中学。)."""
    before = text[c.sent_start : c.start].lstrip()
    if not r.staff_subject_re.match(before) or any(starting_in(orgs, c.sent_start, c.start)):
        return []
    p0 = paragraph_of(text, c.start)[0]
    if c.sent_start <= p0:
        return []
    s0, s1 = sentence_of(text, c.sent_start - 1, c.sent_start - 1)
    if s0 < p0:
        return []
    chain = sentence_subject(text, s0, list(starting_in(orgs, s0, s1)), r)
    return [oid for _, _, oid in chain]


def _attends(between: str, r: TriggerRules) -> bool:
    """The words between a body and an activity make it attend (干警参加了), not
    send others to it (组织干警参加)."""
    at = max((between.find(v) for v in r.attend_verbs if v in between), default=-1)
    return at >= 0 and not any(v in between[:at] for v in r.organizer_verbs)


def zero_subject(text: str, c: EventMention, orgs: list[At], r: TriggerRules) -> bool:
    """The mention's sentence opens with no actor of its own (同时，依托…开展; 随后，组织…)
    and names no organization before the trigger: it shares the subject before it."""
    before = text[c.sent_start : c.start].lstrip()
    if any(
        not in_place_phrase(text, c.sent_start, s, r)
        for s, _, _ in starting_in(orgs, c.sent_start, c.start)
    ):
        return False
    return bool(r.zero_subject_re.match(before))


def told_subject(
    text: str, c: EventMention, day: DateExpr | None, orgs: list[At], r: TriggerRules
) -> list[str]:
    """向学生讲解… (the article's one activity, told by a verb): the bodies acting as
    subject of the sentence that gives its day (4月10日，某院某庭、某庭干警来到某校。)."""
    if not c.told or day is None:
        return []
    s0, s1 = sentence_of(text, day.start, day.end)
    return [oid for _, _, oid in sentence_subject(text, s0, list(starting_in(orgs, s0, s1)), r)]


def zero_cohost(text: str, c: EventMention, orgs: list[At], r: TriggerRules) -> bool:
    """The mention's sentence names no actor before the first body it names and joins
    that body by a coordination verb (当天下午，又来到某村，联合某所开展…; 12月6日，联合
    某中心推出…): the subject before it leads the bodies it names."""
    first = next(iter(starting_in(orgs, c.sent_start, c.start)), None)
    if first is None or in_place_phrase(text, c.sent_start, first[0], r):
        return False
    before = text[c.sent_start : first[0]]
    if not before.endswith(r.zero_cohost_verbs):
        return False
    clause0 = max(before.rfind(ch) for ch in "，,；;") + 1
    lead = before[clause0:]
    for w in r.coordination_adverbs:
        if lead.startswith(w):
            lead = lead[len(w) :]
            break
    # the verb opens a clause after a first one (a time, a place reached: 12月6日，联合…)
    return lead in r.zero_cohost_verbs and clause0 > 0


def _speaker_opens(text: str, s0: int, end: int, r: TriggerRules) -> bool:
    """The sentence from ``s0`` opens with a clause that ends in a speech verb
    (某局表示，), its comma before ``end``."""
    cut = min((k for ch in "，," if 0 <= (k := text.find(ch, s0, end))), default=-1)
    return cut > s0 and text[s0:cut].endswith(r.speech_verbs)


def clause_cohost(
    text: str, c: EventMention, organizers: list[str], orgs: list[At], r: TriggerRules
) -> list[str]:
    """The subject of the mention's sentence when the clause of its organizers opens
    with no actor, only a coordination verb, with or without an adverb
    (某所…举办讲座，并于23日联合某会举行培训班), or without one after a first clause
    that only says who speaks (某局表示，将推出…，联同某局走入社区): it leads the
    bodies joined. Only ids not in ``organizers`` are returned."""
    mine = [o for o in starting_in(orgs, c.sent_start, c.start) if o[2] in organizers]
    if not mine:
        return []
    first = mine[0]
    clause0 = max(text.rfind(ch, c.sent_start, first[0]) for ch in "，,；;")
    if clause0 < 0:
        return []
    lead = text[clause0 + 1 : first[0]].strip()
    adverb = next((w for w in r.coordination_adverbs if lead.startswith(w)), "")
    if not adverb and not _speaker_opens(text, c.sent_start, clause0 + 1, r):
        return []  # 某局印发通知，联合某会开展…: the first clause's act is the body's own
    if strip_gap(lead[len(adverb) :], r) not in r.zero_cohost_verbs:
        return []
    subject = sentence_subject(
        text, c.sent_start, list(starting_in(orgs, c.sent_start, clause0)), r
    )
    return [oid for _, _, oid in subject if oid not in organizers]


def title_subject(text: str, c: EventMention, orgs: list[At], r: TriggerRules) -> list[str]:
    """为提升…，5月8日上午前往某小学举办讲座 (the first sentence of the article's body,
    with no actor of its own, after a purpose clause or not): the bodies acting as
    subject of the headline right above it (某分局走进校园　反诈宣导从小扎根)."""
    if re.search(r"[。！？!?]", text[: c.sent_start]):
        return []  # not the body's first sentence
    before = text[c.sent_start : c.start].lstrip()
    opening = c.start - len(before)
    if before.startswith(r.purpose) or before.startswith("为"):
        cut = min((k for ch in "，," if (k := before.find(ch)) >= 0), default=-1)
        before = before[cut + 1 :] if cut >= 0 else ""
    # the clause's verb comes first (after a time): no body acts before it
    m = r.zero_subject_re.match(before)
    if m is None or any(starting_in(orgs, opening, c.start - len(before) + m.end())):
        return []
    head_end = text.rfind("\n", 0, c.sent_start)
    while head_end > 0 and not text[:head_end].rstrip():
        head_end -= 1
    head_end = len(text[:head_end].rstrip())
    head_start = text.rfind("\n", 0, head_end) + 1
    head = text[head_start:head_end].lstrip()
    if not head:
        return []
    s = head_start + len(text[head_start:head_end]) - len(head)
    first = next(iter(starting_in(orgs, s, s + 1)), None)
    if first is None:
        return []
    at = min((head.find(v) for v in r.title_subject_verbs if v in head), default=-1)
    if at < 0:
        return []
    verb = EventMention(s + at, s + at, "publicity", "", s, head_end, s)
    return subject_orgs(verb, text, orgs, r)[0]


def series_hosts(out: list[EventDraft], c: EventMention) -> list[str]:
    """The organizers of the talks of ``c``'s type told right before it (the drafts
    since the last one of another type, not on a headline), the latest first."""
    for d in reversed(out):
        if d.type != c.type:
            return []
        if d.organizers and not d.headline:
            return list(d.organizers)
    return []


def speaker_of(text: str, c: EventMention, orgs: list[At], r: TriggerRules) -> list[str]:
    """…座谈会将于当日举行。某局表示，座谈会欢迎市民报名: the body that speaks of the
    activity by name in the sentence right after it in its paragraph (opening that
    sentence with a speech verb) holds it."""
    p1 = paragraph_of(text, c.start)[1]
    pos = c.sent_end
    while pos < p1 and text[pos] in "。！？!? \u3000":
        pos += 1
    if pos >= p1 or not c.trigger:
        return []
    f0, f1 = sentence_of(text, pos, pos)
    first = next(iter(starting_in(orgs, f0, f1)), None)
    if first is None or text[f0 : first[0]].strip():
        return []
    verb = next((v for v in r.speech_verbs if text.startswith(v, first[1])), None)
    if verb is None or text[first[1] + len(verb) : first[1] + len(verb) + 1] not in "，,":
        return []
    return [first[2]] if c.trigger in text[first[1] : f1] else []
