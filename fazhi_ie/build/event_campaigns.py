"""The campaign a launch opens, when the article says for how long it runs.

A launch (启动仪式, 开幕式) reported with the campaign it opens gives two events
(ANNOTATION.md, second settled calls): the launch on its day and the campaign for
its period. The event recognizer reads ``…安全生产月启动仪式`` as the launch alone
(a campaign only named by its launch has no event); this pass adds the campaign
when a sentence right after the launch's gives its period (``本次安全生产月活动…时间为
6月1日至6月30日``, ``自3月5日持续至3月31日``). Its organizers are the hosts named in
that sentence (``由区妇联、区司法局联合主办``), else the launch's."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from ..components.events import EventMention
from ..lexicons.triggers import TriggerRules
from ..text.primitives import paragraph_of, sentence_of, starting_in
from ..values.dates import DateExpr
from .event_dates import DateIndex, until_day
from .event_drafts import EventDraft, EventGroup
from .event_frames import At

__all__ = ["campaign_periods", "without_umbrellas"]

#: Sentences after the launch's own one that may give the campaign's period.
PERIOD_SENTENCES = 2


def campaign_periods(
    text: str, drafts: list[EventDraft], dates: DateIndex, orgs: list[At], r: TriggerRules
) -> list[EventDraft]:
    """Campaign drafts for the launches whose campaign's period the text states."""
    out: list[EventDraft] = []
    have = {(d.type, d.date.date, d.date.date_end) for d in drafts if d.date is not None}
    for dr in drafts:
        c = dr.mention
        if dr.type != "launch" or dr.date is None or not dr.date.date or dr.date.date_end:
            continue
        m = r.launched_campaign_re.search(text, c.clause_start, c.start)
        if m is None or m.end() != c.start:
            continue
        found = _stated_period(text, c, dr.date, dates, r)
        if found is None:
            continue
        period, (s0, s1) = found
        if ("publicity", period.date, period.date_end) in have:
            continue
        hosts = _hosts(text, s0, s1, orgs, r) or dr.organizers
        s, e = m.span("name")
        mention = EventMention(
            s, e, "publicity", text[s:e], c.sent_start, c.sent_end, c.clause_start
        )
        out.append(
            replace(
                dr, mention=mention, type="publicity", date=period, organizers=hosts, metrics=[]
            )
        )
    return out


def _stated_period(
    text: str, c: EventMention, day: DateExpr, dates: DateIndex, r: TriggerRules
) -> tuple[DateExpr, tuple[int, int]] | None:
    """The period (a range, a day then the day it runs until, or from the launch's
    ``day`` to the day it runs until: 宣传月活动将持续至4月15日) of a sentence after the
    launch's own, in its paragraph or the next, that speaks of the campaign (活动, 本次),
    and that sentence's bounds."""
    _, p1 = paragraph_of(text, c.start)
    next_par = len(text) - len(text[p1:].lstrip())
    if next_par < len(text):  # the paragraph after the launch's too (启动仪式上，…。本次…)
        p1 = paragraph_of(text, next_par)[1]
    pos = c.sent_end
    for _ in range(PERIOD_SENTENCES):
        while pos < p1 and text[pos] in "。！？!? \u3000\n":
            pos += 1
        if pos >= p1:
            return None
        s0, s1 = sentence_of(text, pos, pos)
        if s1 <= pos:
            return None
        if any(w in text[s0:s1] for w in r.campaign_period_cues):
            inside = dates.dates[
                bisect_right(dates.starts, s0 - 1) : bisect_right(dates.starts, s1 - 1)
            ]
            for i, d in enumerate(inside):
                if not d.date or d.kind not in ("date", "range"):
                    continue
                if d.date_end:
                    return d, (s0, s1)
                # 自3月5日持续至3月31日: a day, then the day it runs until
                until = until_day(text, inside[i + 1], d) if i + 1 < len(inside) else None
                if until is not None and until.date_end:
                    return replace(d, date_end=until.date_end, kind="range"), (s0, s1)
                # 宣传月活动将持续至4月15日: from the launch's day to that one
                if i == 0 and day.date and day.date < d.date and _after_until(text, d, r):
                    return replace(day, date_end=d.date, kind="range"), (s0, s1)
        pos = s1
    return None


def _hosts(text: str, s0: int, s1: int, orgs: list[At], r: TriggerRules) -> list[str]:
    """The bodies named in a host frame of the sentence (由A、B联合主办)."""
    hosts: list[str] = []
    for m in r.host_re.finditer(text, s0, s1):
        a, b = m.span(1)
        hosts += [oid for s, e, oid in starting_in(orgs, a, b) if e <= b and oid not in hosts]
    return hosts


def without_umbrellas(groups: list[EventGroup], r: TriggerRules) -> list[EventGroup]:
    """The groups but the campaign periods (宪法宣传周 over 12月1日至7日) that only frame
    activities of other types the article reports inside their range: the umbrella of
    an annotated activity is no event of its own (ANNOTATION.md, second settled calls).
    A campaign opened by a launch the article reports stays (two events)."""
    if any(g.type == "launch" for g in groups):
        return groups
    out: list[EventGroup] = []
    for g in groups:
        d = g.date
        if (
            g.type == "publicity"
            and d is not None
            and d.date
            and d.date_end
            and g.lead.mention.trigger.endswith(r.period_suffixes)
            and any(_inside(o, d.date, d.date_end) for o in groups if o.type != g.type)
        ):
            continue
        out.append(g)
    return out


def _inside(g: EventGroup, first: str, last: str) -> bool:
    """The group is dated on a day from ``first`` to ``last`` (ISO strings)."""
    d = g.date
    return bool(d is not None and d.date and not d.date_end and first <= d.date <= last)


def _after_until(text: str, d: DateExpr, r: TriggerRules) -> bool:
    """The date follows an until word (持续至, 到)."""
    return r.until_re.search(text, max(0, d.start - 3), d.start) is not None
