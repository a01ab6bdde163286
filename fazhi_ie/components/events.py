"""Event mentions: trigger words framed as held activities.

The component ``fazhi_events`` finds event *mentions*: a trigger word of an
event type (``data/event_triggers.json``: 开放日 → open_day, 讲座 → lecture …)
in a sentence that frames it as held — a hold verb (开展/举办/召开 …) before it
in the sentence or a frame word right after it (…活动, …仪式) — and that is
not a reference (``传达…会议精神``), a total or an ongoing duty (``今年以来``,
``累计``, ``共开展…次``), nor one of the forms of another activity
(``通过发放资料、现场咨询等形式``). Each mention is an :class:`EventMention`
with exact offsets into ``doc.text``, stored under ``"events"``.

Dates, organizers, participants and the merging of mentions into events are
the builders' work (:mod:`fazhi_ie.build.events`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicons.triggers import TriggerRules, trigger_rules
from ..text.primitives import paragraph_of
from .base import KEYS, Recognizer, doc_text
from .event_sites import (
    CORNER_QUOTES,
    Site,
    frame_reasons,
    held_by_rules,
    sites,
    spoil_reasons,
    told_sites,
)
from .page_ranges import sidebar_ranges
from .tokens import token_edges

KEY = KEYS.EVENTS

__all__ = [
    "KEY",
    "EventMention",
    "EventRecognizer",
    "Site",
    "find_mentions",
    "frame_reasons",
    "held_by_rules",
    "sites",
    "spoil_reasons",
    "trigger_rules",
]


@dataclass(slots=True)
class EventMention:
    """A trigger framed as a held activity, with its sentence and clause."""

    start: int
    end: int
    type: str  # an EventType value
    trigger: str
    sent_start: int
    sent_end: int
    clause_start: int
    #: a verb telling an audience (向学生讲解), read where no trigger is held
    told: bool = False


def find_mentions(
    text: str,
    held: Callable[[Site, TriggerRules], bool] | None = None,
    starts: Collection[int] | None = None,
) -> list[EventMention]:
    """Trigger mentions framed as held activities (see the module docstring).

    ``held`` decides whether a site is a held activity (default: the rules,
    :func:`held_by_rules`); the clean-ups that follow (nested triggers, name parts,
    launched campaigns, secondary types) apply either way. ``starts``: the token
    starts of the text, when known; a verb trigger must start on one (开讲, not the
    开讲 of 展开讲解).
    """
    r = trigger_rules()
    decide = held or held_by_rules
    out = [
        _mention(x)
        for x in sites(text)
        if decide(x, r)
        and not (starts is not None and x.word in r.verb_triggers and x.start not in starts)
    ]
    out = _same_kind(out, r)
    out = _drop_modifiers(text, out, r)
    out = _drop_nested(text, out, r)
    out = _drop_name_parts(text, out, r.secondary)
    out = _drop_launched(out, r)
    out = _drop_umbrellas(text, out, r)
    out, ceremonies = _ceremonies(out, r)
    # visits and awards inside a paragraph that reports another activity are parts of
    # it, unless joined to it by 暨 (…决赛暨颁奖礼, 推进会暨先进表彰大会 report both)
    primary = {paragraph_of(text, c.start) for c in out if c.type not in r.secondary}
    out = [
        c
        for i, c in enumerate(out)
        if c.type not in r.secondary
        or paragraph_of(text, c.start) not in primary
        or c.start in ceremonies
        or text[max(0, c.start - 1) : c.start] in r.primary_before
        or (i > 0 and _joined(text[out[i - 1].end : c.start], r))
    ]
    if not out:
        # nothing held: a verb telling an audience about the law (向学生讲解…) is the
        # one activity the article reports
        out = [_mention(x, told=True) for x in told_sites(text)[:1]]
    else:
        out = sorted(out + _visiting_talks(text, out, r), key=lambda c: c.start)
    return out


def _visiting_talks(text: str, found: list[EventMention], r: TriggerRules) -> list[EventMention]:
    """A talk told by its verbs in a paragraph of its own that opens with a time
    (次日上午，司法所工作人员又走进某村，为村民讲解…): staff went somewhere to tell an
    audience about the law, an activity beside those the article reports: a lecture
    when they explained (讲解, 宣讲), else publicity (向村民宣传)."""
    held = {paragraph_of(text, c.start) for c in found}
    out = []
    for x in told_sites(text):
        para = paragraph_of(text, x.start)
        before = text[x.sent[0] : x.start]
        if (
            para not in held
            and x.sent[0] <= para[0] + 2
            and r.visit_opener_re.match(text, x.sent[0])
            and any(w in before for w in r.destination_markers)
        ):
            held.add(para)
            etype = "lecture" if x.word in r.talk_verbs else "publicity"
            out.append(_mention(replace(x, type=etype), told=True))
    return out


def _drop_umbrellas(text: str, found: list[EventMention], r: TriggerRules) -> list[EventMention]:
    """Publicity named as a manifold whole (开展了一系列特色宣传活动, 多举措开展…宣传活动)
    is the umbrella of the activities the article reports, when it reports another and
    its clause gives it no days of its own (某局于3月1日至31日…开展了一系列…活动
    is the campaign's period)."""
    umbrella = {
        i
        for i, c in enumerate(found)
        if c.type == "publicity"
        and r.umbrella_re.search(text, c.clause_start, c.start)
        and not r.dated_plan_re.search(text, c.clause_start, c.start)
    }
    if len(umbrella) == len(found):
        return found
    return [c for i, c in enumerate(found) if i not in umbrella]


def _mention(x: Site, told: bool = False) -> EventMention:
    return EventMention(
        start=x.start,
        end=x.end,
        type=x.type,
        trigger=x.word,
        sent_start=x.sent[0],
        sent_end=x.sent[1],
        clause_start=x.clause[0],
        told=told,
    )


def _drop_modifiers(text: str, found: list[EventMention], r: TriggerRules) -> list[EventMention]:
    """A trigger right before another of a main type modifies it: 禁毒宣传讲座 is a
    lecture, 法治宣传文艺汇演 a performance, 模拟法庭大赛 a competition; a 进X form
    right after another type's trigger says where it goes (模拟法庭进校园)."""
    drop = {
        i
        for i, (a, b) in enumerate(itertools.pairwise(found))
        if (a.end == b.start or (b.type == "meeting" and _name_gap(text[a.end : b.start], r)))
        and a.type in r.modifier_types
        and a.type != b.type
        and b.type not in r.secondary
        and not b.trigger.startswith(r.modifier_not_before)
    }
    # 宪法宣传周法治文艺汇演: the campaign period is the time of the activity it names
    drop |= {
        i
        for i, (a, b) in enumerate(itertools.pairwise(found))
        if a.trigger.endswith(r.period_suffixes)
        and a.type != b.type
        and b.type not in r.secondary
        and _name_gap(text[a.end : b.start], r)
    }
    # 模拟法庭进校园活动: where the activity goes, no second one (as inside quotes)
    drop |= {
        i + 1
        for i, (a, b) in enumerate(itertools.pairwise(found))
        if a.end == b.start
        and b.type in r.modifier_types
        and a.type != b.type
        and b.trigger.startswith(r.modifier_not_before)
    }
    return [c for i, c in enumerate(found) if i not in drop]


#: At most this many characters between a campaign period and the activity it names.
PERIOD_NAME_GAP = 4
#: Characters at most between 暨 and the trigger of the activity it joins.
JOINED_NAME_GAP = 24


def _same_kind(found: list[EventMention], r: TriggerRules) -> list[EventMention]:
    """A trigger of ``same_kind_words`` (开展同类活动) takes the type of the activity
    named just before it (not a part told as a verb); with none, its own (publicity)."""
    out: list[EventMention] = []
    kind = None  # the type of the last activity named (not a part told as 悬挂横幅)
    for c in found:
        if c.trigger in r.same_kind_words and kind is not None:
            c = replace(c, type=kind)
        if c.trigger not in r.verb_triggers:
            kind = c.type
        out.append(c)
    return out


def _ceremonies(found: list[EventMention], r: TriggerRules) -> tuple[list[EventMention], set[int]]:
    """A trigger of a ``ceremony_of`` type right before one of a secondary type names
    the contest whose ceremony is held (知识竞赛颁奖典礼: an award): the first is
    dropped; the starts of the ceremonies kept."""
    pairs = [
        (i, b.start)
        for i, (a, b) in enumerate(itertools.pairwise(found))
        if a.end == b.start and a.type in r.ceremony_of and b.type in r.secondary
    ]
    drop = {i for i, _ in pairs}
    return [c for i, c in enumerate(found) if i not in drop], {s for _, s in pairs}


def _joined(gap: str, r: TriggerRules) -> bool:
    """Whether ``gap``, between an activity's trigger and the next, joins a second
    activity by 暨 within one name (决赛暨颁奖礼, 推进会暨“八五”普法先进表彰大会)."""
    return (
        any(w in gap for w in r.primary_before)
        and len(gap) <= JOINED_NAME_GAP
        and not any(ch in gap for ch in "，,。；;！？!?\n")
    )


def _name_gap(gap: str, r: TriggerRules) -> bool:
    """Whether ``gap`` joins two words of one name: a few Han characters, no verb."""
    return (
        len(gap) <= PERIOD_NAME_GAP
        and all("\u4e00" <= ch <= "\u9fff" for ch in gap)
        and not any(v in gap for v in r.hold_verbs)
    )


def _drop_nested(text: str, found: list[EventMention], r: TriggerRules) -> list[EventMention]:
    """Within one clause, 宣传周 + 宣传活动 of one type: keep one mention per type."""
    out: list[EventMention] = []
    for c in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.type == c.type
            and prev.clause_start == c.clause_start
            and not r.another_name(text, prev.end, c.start)
        ):
            continue
        out.append(c)
    return out


def _drop_name_parts(
    text: str, found: list[EventMention], secondary: Collection[str] = ()
) -> list[EventMention]:
    """A publicity trigger inside the quoted name of an activity of another type is
    part of that activity: “…模拟法庭进校园”活动 is a performance, 《宪法进机关》主题直播
    a livestream; so is one right after such a name: “法治第一课”普法宣传活动 is a lecture
    (not a visit or an award verb after it: “法律进万家”活动走进社区)."""
    drop: set[int] = set()
    for i, c in enumerate(found):
        if c.type != "publicity":
            continue
        # “法治第一课”普法宣传活动: the quoted name right before says what the activity is
        o = found[i - 1] if i > 0 else None
        if o is not None and o.type != "publicity" and o.sent_start == c.sent_start:
            k = _name_end(text, o)
            if 0 <= k < c.start <= k + 6:
                drop.add(i)
        closing = _name_end(text, c)
        if closing < 0:
            continue
        for j in (i - 1, i + 1):
            o = found[j] if 0 <= j < len(found) else None
            if o is None or o.type == "publicity" or o.sent_start != c.sent_start:
                continue
            if j > i and o.type in secondary:
                continue  # “法律进万家”活动走进…: the verb after the name moves it, no name
            # the other trigger is in the same name, or names it right after its end
            if (o.start < c.start and _name_end(text, o) == closing) or (
                closing <= o.start <= closing + 6
            ):
                drop.add(i)
    return [c for i, c in enumerate(found) if i not in drop]


def _name_end(text: str, c: EventMention) -> int:
    """The offset of the closing mark of the quoted or titled name the trigger is in,
    else -1."""
    for o, e in ("“”", "《》", "「」"):
        k = text.rfind(o, c.sent_start, c.start)
        if k >= 0 and text.rfind(e, c.sent_start, c.start) < k:
            return text.find(e, c.end, c.sent_end)
    return -1


def _drop_launched(found: list[EventMention], r: TriggerRules) -> list[EventMention]:
    """启动…宣传活动: the launch is the event, the campaign its object (unless the
    launch verb comes after the campaign: …活动…启动, both are reported)."""
    launched = {c.clause_start for c in found if c.type == "launch" and c.trigger in r.self_framed}

    def launch_after(c: EventMention) -> bool:
        return any(
            x.type == "launch" and x.clause_start == c.clause_start and x.start > c.start
            for x in found
        )

    return [
        c
        for c in found
        if not (c.type == "publicity" and c.clause_start in launched and not launch_after(c))
    ]


class EventRecognizer(Recognizer):
    """Stores the :class:`EventMention` list of a Doc, labelled by event type."""

    key = KEY

    def find(self, doc: Doc) -> list[EventMention]:
        starts, _ = token_edges(doc)
        text = doc_text(doc)
        # corner brackets (「更生先锋」活动, Hong Kong and Taiwan) read as quotes;
        # one character each, so the offsets stay those of the text
        found = find_mentions(text.translate(CORNER_QUOTES), starts=starts)
        # a related-news sidebar (a run of short bulleted lines) is page furniture
        sidebars = sidebar_ranges(text)
        return [c for c in found if not any(a <= c.start < b for a, b in sidebars)]

    def label(self, cand: EventMention) -> str:
        return cand.type


@Language.factory(
    "fazhi_events", assigns=["doc.spans", "doc.user_data"], default_config={"spans_key": KEY}
)
def make_event_recognizer(nlp: Language, name: str, spans_key: str) -> EventRecognizer:
    return EventRecognizer(spans_key=spans_key)
