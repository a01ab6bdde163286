"""Sessions of a series told by their ordinal alone (首场讲座…。九月十四日的第二场，邀请
某社工讲解…; 最后一场于九月二十一日举行): the noun of the activity is left out, so no
trigger stands in the sentence. Each such session with a date of its own in its
sentence is a mention of the type of the activity named before it in its sentence,
else of the activity told last before it; the builder
then dates it and gives it the series' hosts (:func:`.event_fallbacks.series_hosts`)."""

from __future__ import annotations

from bisect import bisect_right

from ..components.events import EventMention
from ..lexicons.triggers import TriggerRules
from ..text.primitives import sentence_of
from .event_dates import DateIndex

__all__ = ["session_mentions"]


def session_mentions(
    text: str, mentions: list[EventMention], dates: DateIndex, r: TriggerRules
) -> list[EventMention]:
    """Mentions for the ordinal sessions (第二场, 最后一场) of the series told before them."""
    out: list[EventMention] = []
    starts = [m.start for m in mentions]
    for m in r.session_ordinal_re.finditer(text):
        s0, s1 = sentence_of(text, m.start(), m.start())
        if any(s0 <= x.start < s1 for x in mentions):
            continue  # the sentence names its activity (首场讲座于…举行)
        k = bisect_right(starts, m.start())
        # 讲座由某会筹办，首场于…举行: the series named before it in its sentence
        named = [r.types.get(t.group(0)) for t in r.trigger_re.finditer(text, s0, m.start())]
        kind = named[-1] if named else mentions[k - 1].type if k else None
        if kind not in r.session_types:
            continue
        inside = dates.dates[
            bisect_right(dates.starts, s0 - 1) : bisect_right(dates.starts, s1 - 1)
        ]
        if not any(d.date and d.kind == "date" for d in inside):
            continue  # a session with no day of its own is the series again
        clause0 = max(text.rfind(ch, s0, m.start()) for ch in "，,；;") + 1
        out.append(
            EventMention(
                m.start(),
                m.end(),
                kind,
                m.group(0),
                s0,
                s1,
                max(clause0, s0),
            )
        )
    return out
