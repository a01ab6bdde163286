"""What an event mention's sentence says besides dates and roles: the quoted
name and theme of the activity, whether the line is a headline or a caption,
and the sentences after it that go on reporting it (where its metrics are).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..components.events import EventMention
from ..lexicons.triggers import TriggerRules
from ..text.primitives import sentence_of, starting_in

__all__ = ["follow_up", "is_headline", "listed_names", "metrics_for", "name", "theme", "trim"]

_NAME_BEFORE = re.compile(r"“([^“”]{2,40})”(?:[^，,。“”]{0,12})$")
_LISTED_NAME = re.compile(r"“([^“”]{2,30})”")


def name(text: str, c: EventMention, r: TriggerRules) -> str | None:
    """A quoted name right before the trigger: “法治夜市”活动 → 法治夜市活动."""
    s0, s, e = c.sent_start, c.start, c.end
    m = _NAME_BEFORE.search(text[s0:s])
    if m is None:
        return None
    suffix = r.name_suffix if text[e : e + 2] == r.name_suffix else ""
    return m.group(1) + text[s0 + m.end(1) + 1 : e] + suffix


def listed_names(text: str, c: EventMention, r: TriggerRules) -> list[str]:
    """Quoted names listed right before the trigger: “A”“B”等演出活动 → [A, B]."""
    m = r.listed_re.search(text, c.sent_start, c.start)
    if not m:
        return []
    return _LISTED_NAME.findall(m.group(1))


def theme(text: str, c: EventMention, r: TriggerRules) -> str | None:
    """The theme of the sentence: 以“…”为主题."""
    m = r.theme_re.search(text[c.sent_start : c.sent_end])
    return m.group(1) if m else None


def is_headline(text: str, c: EventMention) -> bool:
    """A one-clause line without final punctuation: a headline or a caption."""
    line = text[c.sent_start : c.sent_end].strip()
    return bool(line) and line[-1] not in "。！？!?" and not re.search(r"[，,；;]", line)


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    """``[s, e)`` without leading and trailing whitespace."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def follow_up(
    text: str, c: EventMention, mention_at: list[int], r: TriggerRules
) -> list[tuple[int, int]]:
    """Sentences that go on reporting the mention's activity: up to two after its
    sentence (one paragraph break at most), up to the next mention, and not a total
    (今年以来…, 累计…)."""
    out: list[tuple[int, int]] = []
    pos, breaks = c.sent_end, 0
    while len(out) < 2 and pos < len(text):
        while pos < len(text) and text[pos] in "\n \t\u3000":
            breaks += text[pos] == "\n"
            pos += 1
        if breaks > 1 or pos >= len(text):
            break
        s0, s1 = sentence_of(text, pos, pos)
        k = bisect_left(mention_at, s0)  # mention_at is sorted
        if s1 <= pos or (k < len(mention_at) and mention_at[k] < s1):
            break
        if any(w in text[s0:s1] for w in r.sentence_spoil):
            break
        out.append((s0, s1))
        pos = s1
    return out


def metrics_for(
    c: EventMention, metric_at: list[tuple[int, int, str]], follow: list[tuple[int, int]]
) -> list[str]:
    """Metrics after the trigger in its sentence and in the follow-up sentences."""
    out = [mid for s, _e, mid in starting_in(metric_at, c.end, c.sent_end)]
    for s0, s1 in follow:
        out += [mid for s, _e, mid in starting_in(metric_at, s0, s1)]
    return out
