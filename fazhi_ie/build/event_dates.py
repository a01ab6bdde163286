"""The date of an event mention.

The nearest date expression in the mention's sentence (see
:mod:`fazhi_ie.values.dates`), else a recurring day named there (宪法宣传周期间),
else none when the sentence dates it by a year only (去年…), else the last explicit
date earlier in its paragraph, else the one date of a ``时间：`` field line. The
header's publication date is never an activity's date.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace

from ..components.events import EventMention
from ..lexicons.triggers import TriggerRules, trigger_rules
from ..text.primitives import paragraph_of, sentence_of
from ..values.dates import DateExpr, cn_number, find_dates
from ..values.durations import (
    back_reference_re,
    closes,
    period_end,
    period_start,
    start_marked,
    stated_days,
)
from .context import Assembly

__all__ = [
    "DateIndex",
    "article_dates",
    "enumerated_details",
    "is_named_day",
    "until_day",
    "with_duration",
]


def _day(d: DateExpr) -> bool:
    """The expression names a day (2023-04-15, --04-15), not a month."""
    return len(d.date or "") in (7, 10) and (d.date or "").count("-") >= 2


#: Kinds of a single day (or month) an activity may run on from (a date, a named day,
#: 当天, 今日): a day it runs until after the trigger makes them a period.
_DAY_KINDS = ("date", "month", "recurring", "same_day", "relative")


@dataclass(slots=True)
class DateIndex:
    """The article's date expressions in text order, with their starts for bisection."""

    text: str
    dates: list[DateExpr]
    starts: list[int]
    labelled: DateExpr | None = None  # the one date of a 时间：… line, if any

    def date_for(self, c: EventMention, r: TriggerRules) -> DateExpr | None:
        """The mention's date: an explicit date in its sentence (nearest before the
        trigger first), else a recurring day named there (宪法宣传周期间), else the
        last explicit date earlier in its paragraph."""
        text, dates, starts = self.text, self.dates, self.starts
        s0, s1 = c.sent_start, c.sent_end
        lo = bisect_right(starts, s0 - 1)
        hi = bisect_right(starts, s1 - 1)
        inside = dates[lo:hi]
        # 国家宪法日来临之际 / 5月1日前夕: the day is only approaching, it dates nothing
        near = [
            d for d in inside if d.end <= c.start and r.approach_re.match(text[d.end : d.end + 24])
        ]
        if near:
            inside = [d for d in inside if d not in near]
            if not any(d.end <= c.start for d in inside):
                return DateExpr(
                    near[0].start, near[0].end, near[0].text, None, None, False, "vague"
                )
        # 12月4日是第七个国家宪法日: a date defining a day, not the activity's
        explicit = [
            d for d in inside if d.kind != "recurring" and not _definitional(text, d, c.start, r)
        ]
        before = [d for d in explicit if d.end <= c.start]
        # the trigger names a campaign period itself: “宪法宣传周”活动
        own = [
            d
            for d in inside
            if d.kind == "recurring" and d.date_end and d.start <= c.start < d.end + 1
        ]
        if before and before[-1].kind == "vague":
            # 12月2日至8日是宣传周，…，近日，某局开展…: inside the period the sentence defines
            period = [
                d
                for d in inside
                if d.end <= before[-1].start and d.date_end and d not in explicit
                and d.kind != "recurring"
            ]  # fmt: skip
            if period:
                return period[-1]
            # 12月2日下午，车管所组织近期有违法记录的驾驶人开展培训: a vague word inside a
            # phrase after the sentence's day does not date the activity
            days = [d for d in before[:-1] if d.date and d.kind == "date"]
            if days:
                return days[-1]
        at = before[-1].start if before else 0
        if before and text.endswith(r.occasion_before, max(0, at - 3), at):
            # 适逢六月二十六日国际禁毒日，…巡回展览，本月二十四日至二十八日…: the day is the
            # occasion; a date after the trigger is the activity's
            after = [d for d in explicit if d.start >= c.end and d.date]
            if after:
                return after[0]
        if before:
            return before[-1]
        if own:
            return own[0]
        explicit = [d for d in explicit if d.date]
        if explicit:
            return explicit[0]
        if inside:
            before = [d for d in inside if d.end <= c.start]
            return before[-1] if before else inside[0]
        # 去年，某局联合开展了…: a year only, nothing to inherit from earlier sentences
        y = r.year_only_re.search(text, s0, c.start)
        if y is not None:
            return DateExpr(y.start(), y.end(), y.group(0), None, None, False, "vague")
        p0, _ = paragraph_of(text, s0)
        # a campaign month named earlier in the paragraph (民法典宣传月期间…。其间，…)
        # dates the activities inside it
        prev = [
            d
            for d in dates[bisect_right(starts, p0 - 1) : lo]
            if (d.kind != "recurring" or (d.date and len(d.date) == 7 and not d.date_end))
            and not (d.date_end and r.definitional_re.match(text, d.end))
        ]
        if len(prev) > 1 and r.until_re.search(text, max(0, prev[-1].start - 4), prev[-1].start):
            prev = prev[:-1]  # 今日揭开序幕，为期一周至十一月十九日结束。启动仪式…: the first day
        if prev:
            return prev[-1]
        # 时间：2023年5月12日 (a notice's or transcript's field) dates what it announces
        if self.labelled is not None or not c.told:
            return self.labelled
        # the one activity of the article, told by a verb (向学生讲解…): the first day
        # the article gives before it (4月10日，某院干警来到某校。…课堂上，…)
        return self.first_day_before(c)

    def runs_until(self, c: EventMention, d: DateExpr | None) -> DateExpr | None:
        """A dated activity whose sentence says after the trigger the day (or month) it
        runs until (15日举办主题展览，…将持续至21日; 比赛于去年十一月展开，至今年三月截止):
        the period from its date to that one. ``d`` unchanged else, and for a launch,
        held on its day whatever the period of the campaign it opens."""
        if d is None or not d.date or d.date_end or d.kind not in _DAY_KINDS:
            return d
        if c.type == "launch":
            return d
        until = trigger_rules().until_re
        lo = bisect_right(self.starts, max(c.end, d.end) - 1)
        for e in self.dates[lo:]:
            if e.start >= c.sent_end:
                break
            if (
                e.date
                and not e.date_end
                and (e.kind == d.kind or (e.kind in ("until", "date") and _day(d) and _day(e)))
                and d.date < e.date
                and until.search(self.text[max(0, e.start - 4) : e.start])
            ):
                return replace(d, date_end=e.date, kind="range")
        return d

    def first_day_before(self, c: EventMention) -> DateExpr | None:
        """The first explicit day the text gives before the mention's sentence."""
        lo = bisect_right(self.starts, c.sent_start - 1)
        return next((d for d in self.dates[:lo] if d.kind == "date" and d.date), None)

    def launched_period(self, c: EventMention, day: DateExpr | None) -> DateExpr | None:
        """The period of a campaign opened by a launch on ``day`` in its clause
        (…展览开幕式), when the text says right after, in its paragraph, the day it runs
        until (展期至5月15日, 活动将持续至4月30日): from the launch's day to that day.
        None when it says no such day: a campaign only named by its launch has no date."""
        if day is None or not day.date or day.date_end:
            return None
        text, dates = self.text, self.dates
        _, p1 = paragraph_of(text, c.start)
        stop, pos = min(p1, c.sent_end), c.sent_end
        for _ in range(LAUNCH_PERIOD_SENTENCES):  # the clause's own sentence, then the next
            if pos >= p1:
                break
            stop = sentence_of(text, pos, pos)[1]
            pos = stop
        until = trigger_rules().until_re
        for d in dates[bisect_right(self.starts, c.end - 1) :]:
            if d.start >= stop:
                break
            if (
                d.kind == "date"
                and d.date
                and len(d.date) == len(day.date)
                and day.date < d.date
                and until.search(text[max(0, d.start - 4) : d.start])
            ):
                return replace(d, date=day.date, date_end=d.date, kind="range")
        return None


#: Sentences after a launch's own one that may say until when its campaign runs.
LAUNCH_PERIOD_SENTENCES = 1


def _definitional(text: str, d: DateExpr, trigger: int, r: TriggerRules) -> bool:
    return d.end < trigger and r.definitional_re.match(text, d.end) is not None


def article_dates(ctx: Assembly) -> DateIndex:
    """The date expressions of the article, the header's publication date left out."""
    dates = [d for d in find_dates(ctx.text, ctx.published) if d.kind != "recurring" or d.date]
    published = ctx.header_range("published")
    if published is not None:
        ps, pe = published
        dates = [d for d in dates if not (d.start < pe and ps < d.end)]
    r = trigger_rules()
    text = ctx.text
    # 自6月起开放报名: when entries open, not when the activity is held
    dates = [d for d in dates if not r.registration_after_re.match(text, d.end)]
    labelled = [
        d
        for d in dates
        if d.date
        and d.kind == "date"
        and r.date_label_re.search(text, max(0, d.start - 6), d.start)
    ]
    one = labelled[0] if len({d.date for d in labelled}) == 1 else None
    return DateIndex(text=ctx.text, dates=dates, starts=[d.start for d in dates], labelled=one)


def is_named_day(text: str, c: EventMention, d: DateExpr | None, r: TriggerRules) -> bool:
    """A date read off a recurring day named in the sentence, not used as the
    activity's time: 宪法日 (weak) but not 宪法宣传周期间 nor “宪法宣传周”活动."""
    return (
        d is not None
        and d.kind == "recurring"
        and not (d.start <= c.start < d.end)  # the activity is the period itself
        and not r.day_as_time_re.match(text[d.end : d.end + 5])
    )


def enumerated_details(text: str, c: EventMention, r: TriggerRules) -> EventMention | None:
    """An enumerated heading (1、举办…报告会。) is told in the next sentence of its
    paragraph: that sentence, as a mention with an empty trigger at its end."""
    if not r.enumerated_re.match(text[c.sent_start : c.sent_end]):
        return None
    _, p1 = paragraph_of(text, c.sent_start)
    if c.sent_end >= p1:
        return None
    s0, s1 = sentence_of(text, c.sent_end, c.sent_end)
    return replace(c, sent_start=s0, sent_end=s1, start=s1, end=s1)


#: How far after an activity's sentence a back reference may state its length.
DURATION_LOOKAHEAD = 600


def with_duration(text: str, c: EventMention, d: DateExpr | None) -> DateExpr | None:
    """The period of a dated activity whose length is stated: in its own sentence
    (6月5日起为期3天的培训), or, when its day is marked as a start (6月17日起), in a
    later sentence that refers back to it (此次活动共持续四天). ``d`` unchanged else;
    a launch is held on its day whatever the period of the campaign it opens."""
    if d is None or not d.date or d.date_end or d.kind != "date" or c.type == "launch":
        return d
    days = stated_days(text, c.sent_start, c.sent_end)
    if days is None and start_marked(text, d.end):
        back = back_reference_re()
        pos, stop = c.sent_end, min(len(text), c.sent_end + DURATION_LOOKAHEAD)
        while pos < stop and days is None:
            s0, s1 = sentence_of(text, pos, pos)
            lead = text[s0:s1].lstrip()
            if back.match(lead):
                days = stated_days(text, s0, s1)
            pos = max(s1, pos + 1)
    if days and closes(text, d.end, c.sent_end):
        # 9月15日，为期一周的宣传周落下帷幕: the period ends on the day
        first = period_start(d.date, days)
        return d if first is None else replace(d, date=first, date_end=d.date, kind="range")
    end = period_end(d.date, days) if days else None
    return d if end is None else replace(d, date_end=end, kind="range")


def until_day(text: str, d: DateExpr | None, start: DateExpr | None) -> DateExpr | None:
    """An activity dated only by the day it runs until (展期至四月二十一日, 持续到5月底)
    after one reported on an earlier day: the period from that day to this one."""
    if d is None or not d.date or d.date_end or start is None or not start.date:
        return d
    if start.date_end or len(start.date) != len(d.date) or not start.date < d.date:
        return d
    if not trigger_rules().until_re.search(text[max(0, d.start - 4) : d.start]):
        return d
    return replace(d, date=start.date, date_end=d.date, kind="range")


def listed_days(text: str, c: EventMention, d: DateExpr | None, r: TriggerRules) -> list[DateExpr]:
    """The days of a list right after the mention's date (五月六日（星期一）及七日（星期二）
    分别到A及B舉辦講座; 12月3日、4日分别在…): one more date each, when the sentence says the
    activity was held on each (分别, 先后); none else."""
    if d is None or not d.date or d.date_end or not c.sent_start <= d.start < c.sent_end:
        return []
    clause_end = min(
        (k for k in (text.find(ch, d.end, c.end) for ch in "。；;") if k >= 0), default=c.end
    )
    if not any(w in text[d.end : clause_end] for w in r.sequential):
        return []
    out: list[DateExpr] = []
    pos = d.end
    while True:
        m = r.listed_day_re.match(text, pos)
        if m is None:
            break
        day = cn_number(m.group("d"))
        month = cn_number(m.group("m")) if m.group("m") else int(d.date[-5:-3])
        if day is None or month is None or not 1 <= day <= 31:
            break
        iso = f"{d.date[:-5]}{month:02d}-{day:02d}"
        out.append(replace(d, start=m.start("d"), end=m.end(), text=m.group(0), date=iso))
        pos = m.end()
    return out
