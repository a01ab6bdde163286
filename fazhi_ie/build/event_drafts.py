"""Drafts of events and their merging.

Each event mention gives one :class:`EventDraft` (or several: one per
organizer when they act one by one, one per listed name). Drafts of one
activity — same type, compatible dates, organizers and names: a caption or a
headline repeating a body sentence — merge into one :class:`EventGroup`,
which becomes an :class:`~fazhi_ie.records.Event`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..components.events import EventMention
from ..lexicons.triggers import TriggerRules
from ..values.dates import DateExpr

__all__ = ["EventDraft", "EventGroup", "announced", "merge_drafts"]


@dataclass(slots=True)
class EventDraft:
    """What one mention says about an activity."""

    mention: EventMention
    type: str
    date: DateExpr | None
    name: str | None
    theme: str | None
    sent: tuple[int, int]
    headline: bool  # the mention is on a headline or a caption line
    named_day: bool  # the date is read off a named day, not the activity's time
    participants: list[str]
    audience: str | None
    location: str | None
    laws: list[str]
    metrics: list[str]
    organizers: list[str] = field(default_factory=list)
    listed: bool = False  # one of several quoted names listed in the sentence

    @property
    def weak(self) -> bool:
        """A date that yields to another: a headline's, or one read off a named day
        that is not used as the time of the activity (宪法宣传周期间 is)."""
        return self.headline or self.named_day


@dataclass(slots=True)
class EventGroup:
    """Drafts of one activity: the first draft's reading, completed by the others."""

    type: str
    date: DateExpr | None
    name: str | None
    theme: str | None
    headline: bool
    named_day: bool
    participants: list[str]
    audience: str | None
    location: str | None
    laws: list[str]
    metrics: list[str]
    organizers: list[str]
    mentions: list[EventDraft]

    @classmethod
    def start(cls, d: EventDraft) -> EventGroup:
        return cls(
            type=d.type,
            date=d.date,
            name=d.name,
            theme=d.theme,
            headline=d.headline,
            named_day=d.named_day,
            participants=d.participants,
            audience=d.audience,
            location=d.location,
            laws=d.laws,
            metrics=d.metrics,
            organizers=d.organizers,
            mentions=[d],
        )

    @property
    def weak(self) -> bool:
        return self.headline or self.named_day

    @property
    def lead(self) -> EventDraft:
        """The mention shown (trigger, evidence): the first body sentence, since a
        headline says less."""
        return next((m for m in self.mentions if not m.headline), self.mentions[0])

    def absorb(self, d: EventDraft) -> None:
        """Add a draft of this activity: a better date, more organizers, what is missing."""
        self.mentions.append(d)
        if _weaker(self, d):
            self.date = d.date
            self.headline = d.headline
        if set(self.organizers) < set(d.organizers):
            # a headline names the lead body only; the body sentence names them all
            self.organizers = d.organizers
        if self.name is None:
            self.name = d.name
        if self.theme is None:
            self.theme = d.theme
        if self.audience is None:
            self.audience = d.audience
        if self.location is None:
            self.location = d.location
        self.participants = _union(self.participants, d.participants)
        self.laws = _union(self.laws, d.laws)
        self.metrics = _union(self.metrics, d.metrics)


def _union(a: list[str], b: list[str]) -> list[str]:
    return a + [x for x in b if x not in a]


def merge_drafts(text: str, drafts: list[EventDraft], r: TriggerRules) -> list[EventGroup]:
    """Group the drafts of one activity, in the order of their first mention."""
    groups: list[EventGroup] = []
    for d in drafts:
        part_of = (
            _part_of(text, groups, d, r)
            or _site_part(text, groups, d, r)
            or _service_part(text, groups, d, r)
            or _referred(text, groups, d, r)
            or _subsession(text, groups, d, r)
        )
        if part_of is not None:
            part_of.absorb(d)
            continue
        fits = [g for g in groups if _same(text, g, d, r)]
        # a group of the very same date first: the draft reports that day's activity
        target = next((g for g in fits if _same_date(g, d)), fits[0] if fits else None)
        if target is None:
            groups.append(EventGroup.start(d))
        else:
            target.absorb(d)
    return _headline_modifiers(text, groups, r)


def _headline_modifiers(text: str, groups: list[EventGroup], r: TriggerRules) -> list[EventGroup]:
    """A headline that names the activity by a word the body uses as its modifier
    (北检办理反诈骗宣导 over …反诈骗宣导讲座), or by the campaign period it belongs to
    when the body reports no activity of the headline's type (…宪法宣传周活动 over a
    lecture), reports that activity, not another: its group joins the body's when
    their organizers agree."""
    out: list[EventGroup] = []
    for g in groups:
        word = g.mentions[0].mention.trigger
        if all(m.headline for m in g.mentions) and g.type in r.modifier_types:
            # 某局开展宪法宣传周活动 over a body that reports only a lecture: the period
            # the headline names is the umbrella of that lecture
            umbrella = word.endswith(r.period_suffixes) and not any(
                o.type == g.type and not all(m.headline for m in o.mentions) for o in groups
            )
            body = next(
                (
                    o
                    for o in groups
                    if o is not g
                    and o.type != g.type
                    and not all(m.headline for m in o.mentions)
                    and (umbrella or text.endswith(word, 0, o.lead.mention.start))
                    and _organizers_agree(set(g.organizers), set(o.organizers))
                ),
                None,
            )
            if body is not None:
                body.mentions.extend(g.mentions)
                continue
        out.append(g)
    return out


def _organizers_agree(x: set[str], y: set[str]) -> bool:
    """One set of organizers holds the other (or either is empty)."""
    return not x or not y or x <= y or y <= x


def _site_part(
    text: str, groups: list[EventGroup], d: EventDraft, r: TriggerRules
) -> EventGroup | None:
    """The activity reported just before, when ``d`` (a consultation, a quiz, a
    display, publicity told as a verb: 悬挂横幅…) is told on its site (…园游会，现场设置
    摊位，提供咨询服务; 在宣传活动现场，我们提供法律咨询): a part of it, whatever its
    type, in its sentence or a later one of its paragraph or the next (anywhere after
    it with 活动现场). Not of a launch (the campaign it opens holds what follows)."""
    told = d.type == "publicity" and d.mention.trigger in r.verb_triggers  # 悬挂横幅
    if (d.type not in r.site_part_types and not told) or not groups:
        return None
    g = groups[-1]
    last = g.mentions[-1]
    if g.type in (d.type, "launch") or last.mention.end > d.mention.start:
        return None
    if d.date is not None and g.date is not None and not _same_date(g, d):
        return None
    if last.sent != d.sent and last.sent[1] > d.sent[0]:
        return None
    start = last.mention.end if last.sent == d.sent else d.sent[0]
    before = text[start : d.mention.start]
    if r.site_reference in before:  # 在…活动现场: that activity's site, wherever told
        return g
    if last.sent != d.sent and text.count("\n", last.sent[1], d.sent[0]) > 1:
        return None
    return g if r.site_word in before else None


def _service_part(
    text: str, groups: list[EventGroup], d: EventDraft, r: TriggerRules
) -> EventGroup | None:
    """The activity reported just before, when ``d`` is a service given at it (律师为群众
    提供法律咨询50余人次 after …开展宪法宣传活动。): in the same paragraph, with no day and
    no other host of its own, it is part of that activity."""
    if d.type not in r.service_part_types or not groups:
        return None
    g = groups[-1]
    last = g.mentions[-1]
    if g.type in (d.type, "launch") or last.sent[1] > d.sent[0]:
        return None
    if "\n" in text[last.sent[1] : d.sent[0]].strip() or (d.date and d.date.start >= d.sent[0]):
        return None
    return g if _organizers_agree(set(g.organizers), set(d.organizers)) else None


def _subsession(
    text: str, groups: list[EventGroup], d: EventDraft, r: TriggerRules
) -> EventGroup | None:
    """The activity reported just before in the same sentence, of another type, when
    ``d`` (a meeting) is joined to it as a sub-session (…举办开放日活动，…，并召开座谈会)."""
    if d.type not in r.subsession_types or not groups:
        return None
    g = groups[-1]
    last = g.mentions[-1]
    if g.type in (d.type, "launch") or last.sent != d.sent or last.mention.end > d.mention.start:
        return None
    between = text[last.mention.end : d.mention.start]
    return g if any(w in between for w in r.subsession_joiners) else None


def _referred(
    text: str, groups: list[EventGroup], d: EventDraft, r: TriggerRules
) -> EventGroup | None:
    """The last activity of the draft's type, when the draft refers back to it by a
    demonstrative right before its trigger (该研讨会由某局主办): the same activity,
    whoever it names, unless the dates disagree."""
    if not text.endswith(r.referring_words, 0, d.mention.start):
        return None
    g = next((g for g in reversed(groups) if g.type == d.type), None)
    if g is None:
        return None
    dated = d.date is not None and d.date.date and g.date is not None and g.date.date
    return None if dated and not _same_date(g, d) else g


def _part_of(
    text: str, groups: list[EventGroup], d: EventDraft, r: TriggerRules
) -> EventGroup | None:
    """The activity draft ``d`` is a part of, whoever acts in it: the last one of its
    type reported before it, when ``d`` opens its sentence on that activity's site
    (…开展宣传活动。活动现场，某中心工作人员…) in the same or the next paragraph, or
    is one of its parts told as a verb (发放宣传资料, 设立咨询台) in the same paragraph."""
    g = next((g for g in reversed(groups) if g.type == d.type), None)
    if g is None:
        return None
    last = g.mentions[-1]
    if last.sent == d.sent and last.organizers == d.organizers and last is not g.mentions[0]:
        # 活动现场，某局设置咨询台，发放宣传资料: the sentence already joined as a part
        return None if r.another_name(text, last.mention.end, d.mention.start) else g
    if last.sent[1] > d.sent[0]:
        return None
    if d.date is not None and g.date is not None and not _same_date(g, d):
        return None
    breaks = text.count("\n", last.sent[1], d.sent[0])
    if r.on_site_re.match(text, d.sent[0], d.sent[1]) and breaks <= 1:
        return g
    part = d.mention.trigger in r.verb_triggers and g.lead.mention.trigger not in r.verb_triggers
    return g if part and breaks == 0 else None


def _same_date(g: EventGroup, d: EventDraft) -> bool:
    return (
        g.date is not None
        and d.date is not None
        and g.date.date is not None
        and (g.date.date, g.date.date_end) == (d.date.date, d.date.date_end)
    )


def _weaker(g: EventGroup, d: EventDraft) -> bool:
    """Draft ``d`` says more about the date than group ``g``: a body sentence's date
    beats a headline's, any date beats none."""
    if d.date is None or d.date.date is None:
        return False
    if g.date is None or g.date.date is None:
        return True
    return g.weak and not d.weak


def _same(text: str, g: EventGroup, d: EventDraft, r: TriggerRules) -> bool:
    """Two mentions of one activity: same type, compatible dates and organizers, and
    not two activities listed in one sentence."""
    if g.type != d.type:
        return False
    if _item(text, d, r) and any(_item(text, m, r) and m.sent != d.sent for m in g.mentions):
        return False  # 一是开展…活动。二是开展…活动: each enumerated item is an activity
    if any(
        m.sent == d.sent
        and (
            r.another_name(text, m.mention.end, d.mention.start)
            or (m.listed and d.listed and m.name != d.name)
        )
        for m in g.mentions
    ):
        return False
    # two captions naming their organizers are two activities (a review's photo captions)
    if (
        d.headline
        and d.organizers
        and any(
            m.headline and m.organizers and _line(text, m) != _line(text, d) for m in g.mentions
        )
    ):
        return False
    d1, e1 = (g.date.date, g.date.date_end) if g.date is not None else (None, None)
    d2, e2 = (d.date.date, d.date.date_end) if d.date is not None else (None, None)
    # a headline or caption takes its date from the body
    weak = g.weak or d.weak
    if d1 and d2 and not weak and (d1, e1) != (d2, e2) and not _in_period(g, d, r):
        return False
    o1, o2 = set(g.organizers), set(d.organizers)
    if announced(text, d, r):
        o2 = set()  # 某部长宣布活动启动: the official's body is not the launch's host
    if g.headline or d.headline:
        return _organizers_agree(o1, o2)
    last = g.mentions[-1]
    if d1 and (d1, e1) == (d2, e2) and text.count("\n", last.sent[1], d.sent[0]) == 0:
        # …联合某会举办宣讲会。…参加宣讲会: that day's activity told on, one host named
        return _organizers_agree(o1, o2)
    if e1 and (d1, e1) == (d2, e2) and g.date is not None and g.date.kind == "range":
        # 11月6日至8日…培训班举办。…培训班邀请专家…: one stated period told on, one host
        # named (not a campaign week's, whose activities are many)
        return _organizers_agree(o1, o2)
    if (d1 is None) != (d2 is None) and not d.named_day and not g.named_day:
        # 近期，某行开展…宣传。9月12日，某行携手某队…: the undated lead is the dated day's
        return _organizers_agree(o1, o2)
    return not (o1 and o2 and o1 != o2)


def announced(text: str, d: EventDraft, r: TriggerRules) -> bool:
    """A launch whose trigger follows an announce verb (宣布) in its clause."""
    c = d.mention
    return d.type == "launch" and any(v in text[c.clause_start : c.start] for v in r.announce_verbs)


def _item(text: str, m: EventDraft, r: TriggerRules) -> bool:
    """The draft's sentence opens an enumerated item (一是…, 1、…, （二）…)."""
    return r.enumerated_re.match(text[m.sent[0] : m.sent[1]]) is not None


def _line(text: str, m: EventDraft) -> str:
    return text[m.sent[0] : m.sent[1]].strip().lstrip("—-－ ")


def _in_period(g: EventGroup, d: EventDraft, r: TriggerRules) -> bool:
    """A campaign period (宣传周) mentioned on a day inside the range of the group's
    campaign period: the same campaign (…宣传周正式启动 on its first day)."""
    if g.date is None or d.date is None:
        return False
    ranged, day = (g.date, d.date) if g.date.date_end else (d.date, g.date)
    day_mentions = [d] if ranged is g.date else g.mentions
    if not any(m.mention.trigger.endswith(r.period_suffixes) for m in day_mentions):
        return False
    if not ranged.date_end or day.date_end or not (ranged.date and day.date):
        return False
    return ranged.date <= day.date <= ranged.date_end
