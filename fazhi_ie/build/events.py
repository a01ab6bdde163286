"""Events: the activities reported as held, from the mentions ``fazhi_events`` found.

:func:`build_events` runs in steps:

1. :func:`_linked_mentions`: clean mention offsets of the records an event
   links to (organizations, persons, locations, laws, metrics);
2. :func:`_drafts`: each mention's reading (:class:`EventDraft`): its date
   (:mod:`.event_dates`: nearest date expression in its sentence, else the
   last one earlier in its paragraph, else the date of the activity reported
   last), organizers (:mod:`.event_roles`: the subject of the hold verb,
   ``A、B联合开展``, ``由…主办/承办``; a pronoun such as 该局 takes the last
   organizers), participants, audience, place, laws and metrics (in its
   sentence and the follow-up sentences, :mod:`.event_details`). ``相继``/``分别``
   split an organizer list into one activity each, listed quoted names into
   one activity per name;
3. :func:`~.event_drafts.merge_drafts`: the drafts of one activity become one
   group (a caption or headline repeating a body sentence is the same event);
4. :func:`_add_events`: one Event per group, each metric reported by one
   event only, and ``Metric.event`` set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..components.events import KEY, EventMention
from ..lexicons.triggers import TriggerRules, trigger_rules
from ..records import Event, EventType
from ..text.primitives import paragraph_of, sentence_of, starting_in
from ..values.dates import DateExpr
from .context import Assembly
from .event_campaigns import campaign_periods, without_umbrellas
from .event_dates import (
    DateIndex,
    article_dates,
    enumerated_details,
    is_named_day,
    listed_days,
    until_day,
    with_duration,
)
from .event_details import (
    follow_up,
    is_headline,
    listed_names,
    metrics_for,
    name,
    theme,
    trim,
)
from .event_drafts import EventDraft, EventGroup, merge_drafts
from .event_fallbacks import (
    clause_cohost,
    person_subject,
    series_hosts,
    sole_body,
    speaker_body,
    speaker_of,
    staff_subject,
    title_subject,
    told_subject,
    zero_cohost,
    zero_subject,
)
from .event_frames import At
from .event_hosts import block_hosts, kind_hosts, launch_hosts, lead_hosts, lead_subject
from .event_pronouns import pronoun_joins, referent
from .event_roles import (
    audience,
    follow_hosts,
    follow_subject,
    ids_in,
    location,
    participants,
    subject_orgs,
)
from .event_sessions import session_mentions

__all__ = ["build_events"]

_LEADING_SPACE = re.compile(r"\s*")


@dataclass(slots=True)
class _Linked:
    """Clean mentions ``(start, end, id)`` of the records events link to, and the
    start of every event mention."""

    orgs: list[At]
    persons: list[At]
    locs: list[At]
    laws: list[At]
    metrics: list[At]
    triggers: list[int]
    #: person id -> the id of the organization the person works for
    affiliations: dict[str, str]


def build_events(ctx: Assembly) -> None:
    """Events from the mentions found by ``fazhi_events`` (see the module docstring)."""
    mentions = ctx.candidates(KEY, EventMention)
    if not mentions:
        return
    r = trigger_rules()
    linked = _linked_mentions(ctx, mentions)
    dates = article_dates(ctx)
    sessions = session_mentions(ctx.text, mentions, dates, r)
    if sessions:
        mentions = sorted([*mentions, *sessions], key=lambda m: m.start)
    drafts = _drafts(ctx.text, mentions, dates, linked, r)
    drafts += campaign_periods(ctx.text, drafts, dates, linked.orgs, r)
    groups = without_umbrellas(merge_drafts(ctx.text, drafts, r), r)
    _headline_dates(ctx.text, groups, dates, linked.triggers, r)
    launch_hosts(ctx.text, groups, linked.orgs, r)
    block_hosts(ctx.text, groups, linked.orgs, r)
    kind_hosts(ctx.text, groups, r)
    lead_hosts(ctx.text, groups, linked.orgs, r)
    _add_events(ctx, groups)
    _link_metrics(ctx)


def _linked_mentions(ctx: Assembly, mentions: list[EventMention]) -> _Linked:
    return _Linked(
        orgs=ctx.mentions(ctx.organizations),
        persons=ctx.mentions(ctx.persons),
        locs=ctx.mentions(ctx.locations),
        laws=ctx.mentions(ctx.laws),
        metrics=ctx.mentions(ctx.metrics),
        triggers=sorted(c.start for c in mentions),
        affiliations={p.id: p.organization for p in ctx.persons if p.organization},
    )


def _umbrella_heading(
    text: str, c: EventMention, ahead: EventMention, mentions: list[EventMention], r: TriggerRules
) -> bool:
    """二是开展“宪法进校园”活动。12月5日，某局在某中学举办讲座: the sentence that tells
    the heading reports activities of other types only, so the heading names the
    campaign they belong to (an umbrella, no event of its own). The next item of the
    list (三是举办…竞赛) tells no heading."""
    if r.enumerated_re.match(text[ahead.sent_start : ahead.sent_end]):
        return False
    told = [m.type for m in mentions if ahead.sent_start <= m.start < ahead.sent_end]
    return bool(told) and c.type not in told


def _drafts(
    text: str, mentions: list[EventMention], dates: DateIndex, linked: _Linked, r: TriggerRules
) -> list[EventDraft]:
    """The drafts of the mentions in text order; a mention without a date takes
    the date of the activity reported last, one without organizers but with a
    pronoun (该局) the organizers named last."""
    out: list[EventDraft] = []
    launches = _last_launches(mentions)
    last_orgs: list[str] = []
    # the first organizer of the last body sentence's activity, and where its paragraph ends
    last_subject: list[str] = []
    subject_end = -1
    head_subject = _headline_subject(text, linked.orgs, r)  # once per article
    context: DateExpr | None = None  # the date of the activity reported last
    for c in mentions:
        # an enumerated heading is told in the sentence after it
        ahead = enumerated_details(text, c, r)
        if ahead is not None and _umbrella_heading(text, c, ahead, mentions, r):
            continue
        d = dates.date_for(c, r)
        if d is None and ahead is not None:
            d = dates.date_for(ahead, r)
        dated = d is not None and bool(d.date)  # a day of its own, not the one reported last
        if d is not None and not d.date_end and _launched_here(c, launches, text, r):
            # …活动正式启动: the campaign runs for a period, not on its launch day
            # (…展览开幕式。展期至5月15日: from that day to the day it runs until)
            d = dates.launched_period(c, d)
        elif d is None:
            # (a photo caption's activity is one the body tells: no day lent)
            d = None if _marked_caption(text, c, r) else context
        elif d.date:
            d = until_day(text, dates.runs_until(c, with_duration(text, c, d)), context)
            context = d
        if _borrowed_range(c, d):
            # 启动仪式在某广场举行 after the campaign's period: it opens the period on its
            # first day, and what follows it (随后举行的…) is on that day too
            d = context = replace(d, date_end=None, kind="date")
        organizers, seq = subject_orgs(c, text, linked.orgs, r)
        if not organizers and ahead is not None:
            organizers, seq = subject_orgs(ahead, text, linked.orgs, r)
        before = text[c.sent_start : c.start]
        if not organizers:
            organizers = referent(text, c, before, linked.orgs, last_orgs, r)
        elif pronoun_joins(before, r):
            # 该院联合县司法局开展…: the body the pronoun refers to leads the list
            lead = referent(text, c, before, linked.orgs, last_orgs, r)
            organizers = lead + [x for x in organizers if x not in lead]
        elif last_subject and _near(text, subject_end, c) and zero_cohost(text, c, linked.orgs, r):
            # 当天下午，又来到某村，联合某所开展…: the subject before leads the bodies joined
            organizers = last_subject + [x for x in organizers if x not in last_subject]
        elif organizers:
            # …，并于23日联合某会举行…: the sentence's subject leads the bodies joined
            organizers = clause_cohost(text, c, organizers, linked.orgs, r) + organizers
        if not organizers:
            follow = follow_up(text, c, linked.triggers, r)
            organizers = follow_subject(text, follow, linked.orgs, r)
            organizers = organizers or speaker_of(text, c, linked.orgs, r)
        # 该研讨会由某局主办 in the next sentence: hosts join the organizers
        hosts = follow_hosts(c, text, linked.orgs, r)
        organizers = organizers + [x for x in hosts if x not in organizers]
        if not organizers and last_orgs and zero_subject(text, c, linked.orgs, r):
            organizers = list(last_orgs)
        if not organizers:
            organizers = staff_subject(text, c, linked.orgs, r)
        if not organizers and c.type in r.invited_talk_types:
            # 首场讲座…由某会代表主讲 after a series of talks with hosts: a session of it
            organizers = series_hosts(out, c) if dated else []
            organizers = organizers or speaker_body(text, c, linked.orgs, r)
        if not organizers and c.type in r.person_subject_types:
            organizers = person_subject(text, c, linked.persons, linked.affiliations)
        if not organizers:
            organizers = sole_body(text, c, linked.orgs, r)
        if not organizers and _caption(text, c, linked.orgs) and not _told_before(text, c, r):
            # 图为模拟法庭活动现场。(a caption) — the body acting in the paragraph after it holds it
            organizers = lead_subject(text, linked.orgs, r, paragraph_of(text, c.start)[1], 1)
        if not organizers:
            organizers = list(head_subject) or title_subject(text, c, linked.orgs, r)
        # the article's one activity, told by a verb: the subject of the sentence of its day
        organizers = told_subject(text, c, d, linked.orgs, r) or organizers
        if organizers:
            last_orgs = organizers
            if not is_headline(text, c):  # not a caption's
                last_subject, subject_end = organizers[:1], paragraph_of(text, c.start)[1]
        base = _draft(text, c, d, organizers, linked, r)
        days = listed_days(text, c, d, r)  # 五月六日及七日分别到A及B举办讲座: one a day
        if days:
            out += [base] + [replace(base, date=x) for x in days]
        else:
            out += _split(base, seq, listed_names(text, c, r))
    return out


#: How many paragraphs before a clause that opens with 联合 may name its subject.
NEAR_PARAGRAPHS = 2


def _borrowed_range(c: EventMention, d: DateExpr | None) -> bool:
    """A launch dated by a period named outside its own sentence."""
    return (
        c.type == "launch"
        and d is not None
        and bool(d.date_end)
        and not c.sent_start <= d.start < c.sent_end
    )


def _near(text: str, par_end: int, c: EventMention) -> bool:
    """The mention stands in the paragraph that ends at ``par_end`` or in one of the
    next :data:`NEAR_PARAGRAPHS` (blank lines do not count)."""
    if par_end < 0:
        return False
    p0 = paragraph_of(text, c.start)[0]
    between = [line for line in text[par_end:p0].split("\n") if line.strip()]
    return p0 <= par_end or len(between) < NEAR_PARAGRAPHS


def _last_launches(mentions: list[EventMention]) -> dict[int, int]:
    """Clause start -> the start of the last launch mention in that clause."""
    out: dict[int, int] = {}
    for m in mentions:
        if m.type == "launch":
            out[m.clause_start] = max(out.get(m.clause_start, -1), m.start)
    return out


def _launched_here(c: EventMention, launches: dict[int, int], text: str, r: TriggerRules) -> bool:
    """A launch is reported after the campaign in its clause (…宣传活动正式启动); an
    activity joined to it by 暨 is held on its day (开放日暨宣传周启动仪式), unless it is
    a campaign period."""
    at = launches.get(c.clause_start, -1)
    # 宣传活动暨冬季宣传启动仪式: the activity is held on the launch's day; a campaign
    # period joined to its launch (宣传周暨宣传活动启动仪式) is still the period
    period = c.type == "publicity" and c.trigger.endswith(r.period_suffixes)
    joined = not period and any(w in text[c.end : at] for w in r.primary_before)
    return c.type != "launch" and at > c.start and not joined


#: The longest paragraph read as a caption or a heading (图为模拟法庭活动现场。).
CAPTION_MAX = 30


def _caption(text: str, c: EventMention, orgs: list[At]) -> bool:
    """The mention stands in a short paragraph of its own that names no organization."""
    p0, p1 = paragraph_of(text, c.start)
    return len(text[p0:p1].strip()) <= CAPTION_MAX and not starting_in(orgs, p0, p1)


def _marked_caption(text: str, c: EventMention, r: TriggerRules) -> bool:
    """The mention's paragraph opens with a photo caption's mark (▲, 图为)."""
    p0, _ = paragraph_of(text, c.start)
    return text[p0:].lstrip().startswith(r.caption_marks)


def _told_before(text: str, c: EventMention, r: TriggerRules) -> bool:
    """A caption whose quoted activity name the text gave before its paragraph
    (图为“青春模拟法庭”活动现场 after the body told of it): it shows that activity."""
    q0 = text.rfind("“", c.sent_start, c.start)
    q1 = text.find("”", c.end, c.sent_end)
    if q0 >= 0 and q1 >= 0 and "”" not in text[q0 : c.start]:
        quoted: str | None = text[q0 : q1 + 1]  # the trigger inside the name: “青春模拟法庭”
    else:
        quoted = name(text, c, r)
    return bool(quoted) and 0 <= text.find(quoted, 0, paragraph_of(text, c.start)[0])


def _draft(
    text: str,
    c: EventMention,
    d: DateExpr | None,
    organizers: list[str],
    linked: _Linked,
    r: TriggerRules,
) -> EventDraft:
    """What the mention's sentence (and the sentences that follow it up) say."""
    s0, s1 = c.sent_start, c.sent_end
    follow = follow_up(text, c, linked.triggers, r)
    # laws of the sentence, then those of the follow-up sentences
    in_sent = ids_in(linked.laws, s0, s1)
    laws = in_sent + [
        x for f0, f1 in follow for x in ids_in(linked.laws, f0, f1) if x not in in_sent
    ]
    return EventDraft(
        mention=c,
        type=c.type,
        date=d,
        name=name(text, c, r),
        theme=theme(text, c, r),
        sent=(s0, s1),
        headline=is_headline(text, c),
        named_day=is_named_day(text, c, d, r),
        participants=participants(text, c, linked.orgs, linked.persons, r),
        audience=audience(text, c, r),
        location=location(text, c, linked.locs, r),
        laws=laws,
        metrics=metrics_for(c, linked.metrics, follow),
        organizers=organizers,
    )


def _split(base: EventDraft, seq: bool, names: list[str]) -> list[EventDraft]:
    """One draft per organizer when they act one by one (相继/分别), one per
    listed quoted name (“A”“B”等演出活动), else the draft itself."""
    if seq and len(base.organizers) > 1:
        return [replace(base, organizers=[oid]) for oid in base.organizers]
    if len(names) > 1:
        return [replace(base, name=n, listed=True) for n in names]
    return [base]


def _add_events(ctx: Assembly, groups: list[EventGroup]) -> None:
    """One Event per group, its trigger and evidence from the group's lead mention;
    a metric goes to the first event that reports it."""
    text = ctx.text
    used_metrics: set[str] = set()
    for g in groups:
        lead = g.lead
        d = g.date
        mets = [m for m in g.metrics if m not in used_metrics]
        used_metrics.update(mets)
        c = lead.mention
        event = Event(
            id=ctx.next_id("evt", ctx.events),
            type=EventType(g.type),
            name=g.name,
            theme=g.theme,
            date=d.date if d is not None else None,
            date_end=d.date_end if d is not None else None,
            date_text=d.text if d is not None else None,
            date_resolved=bool(d is not None and d.resolved and d.date),
            organizers=g.organizers,
            participants=[p for p in g.participants if p not in g.organizers],
            audience=g.audience,
            location=g.location,
            laws=g.laws,
            metrics=mets,
            trigger=ctx.span(c.start, c.end),
            evidence=ctx.span(*trim(text, *lead.sent)),
        )
        ctx.add(event, [(c.start, c.end)])


def _link_metrics(ctx: Assembly) -> None:
    """Set Metric.event for the metrics an event reports."""
    owner = {m: ev.id for ev in ctx.events for m in ev.metrics}
    if not owner:
        return
    ctx.metrics[:] = [
        m.model_copy(update={"event": owner[m.id]}) if m.id in owner and m.event is None else m
        for m in ctx.metrics
    ]


def _headline_subject(text: str, orgs: list[At], r: TriggerRules) -> list[str]:
    """The body that opens the article's headline as its label (青山县法院：法官进校园),
    for an activity no sentence gives a host: the article reports its own work."""
    pos = _first_char(text)
    line_end = text.find("\n", pos)
    last = text[line_end - 1 : line_end] if line_end > pos else ""
    if not last or last in "。！？!?":
        return []
    first = next(iter(starting_in(orgs, pos, pos + 1)), None)
    if first is None or text[first[1] : first[1] + 1] not in r.headline_label_marks:
        return []
    return [first[2]]


def _first_char(text: str) -> int:
    """Where the article's first line starts (after leading whitespace)."""
    m = _LEADING_SPACE.match(text)
    return m.end() if m else 0


def _headline_dates(
    text: str, groups: list[EventGroup], dates: DateIndex, triggers: list[int], r: TriggerRules
) -> None:
    """An activity named only in the article's headline, with no date, takes the day
    of the lead sentence when that sentence reports no activity of its own (12月4日，
    在某广场，工作人员通过…向群众宣传民法典): the lead tells the headline's activity
    (not a day it defines: 12月4日是国家宪法日)."""
    start = _first_char(text)
    line_end = text.find("\n", start)
    if line_end < 0:
        return
    for g in groups:
        if (g.date is not None and g.date.date) or any(
            not m.headline or not start <= m.mention.start < line_end for m in g.mentions
        ):
            continue
        s0, s1 = sentence_of(text, line_end + 1, line_end + 1)
        if any(s0 <= p < s1 for p in triggers):
            continue
        g.date = next(
            (
                d
                for d in dates.dates
                if s0 <= d.start < s1
                and d.date
                and d.kind in ("date", "range")
                and not r.definitional_re.match(text, d.end)
            ),
            g.date,
        )
