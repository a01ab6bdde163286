"""The bodies pronouns and bare heads stand for in an activity's sentence: 该院 the
last body named with 院, 我局 / 本院 the article's own body (named first, or the one
that never shares a sentence with the pronoun), and whether a pronoun joins the
bodies named after it (该院联合某局: one of the organizers)."""

from __future__ import annotations

from ..components.events import EventMention
from ..lexicons.triggers import TriggerRules
from ..text.primitives import sentence_of
from .event_frames import At, strip_gap

__all__ = ["pronoun_joins", "referent"]


def referent(
    text: str, c: EventMention, before: str, orgs: list[At], last: list[str], r: TriggerRules
) -> list[str]:
    """The body a pronoun before the trigger refers to: 该院 the last organization
    named before it whose name ends with 院 (该局 with 局…), else the organizers
    named last."""
    found = [p for p in r.pronouns if p in before]
    bare = _bare_heads(before, r)
    if not found and not bare:
        return []
    head = found[0][1:] if found else bare[0][-1]
    if head:
        named = [o for o in orgs if o[1] <= c.start and text[o[0] : o[1]].endswith(head)]
        # 我局 / 本院 / 大队: the article's own body, named first (headline, source)
        own = not found or found[0].startswith(r.self_pronoun_marks)
        if own and found:
            named = _own_body(text, found[0], head, orgs) or named
        if named:
            return [min(named)[2] if own else named[-1][2]]
    return list(last)


def _own_body(text: str, pronoun: str, head: str, orgs: list[At]) -> list[At]:
    """The bodies of the article named with the pronoun's head (我局: …局) that never
    share a sentence with the pronoun (我局联合区教育局: the partner is not 我局)."""
    shared: list[tuple[int, int]] = []
    k = text.find(pronoun)
    while k >= 0:
        shared.append(sentence_of(text, k, k))
        k = text.find(pronoun, k + len(pronoun))
    return [
        o
        for o in orgs
        if text[o[0] : o[1]].endswith(head)
        and o[1] - o[0] >= len(head) + OWN_NAME_MIN  # a name, not a bare 检察院
        and not any(a <= o[0] < b for a, b in shared)
    ]


#: Characters a body's name holds before the pronoun's head (鹭滨区司法 + 局).
OWN_NAME_MIN = 3


def _bare_heads(before: str, r: TriggerRules) -> list[str]:
    """Bare heads of a body opening a clause before the trigger (，大队会同…)."""
    return [m.group(0) for m in r.bare_self_re.finditer(before)]


def pronoun_joins(before: str, r: TriggerRules) -> bool:
    """A pronoun (该院, 我局) is joined to the bodies named after it by a coordination
    word (该院联合某局, 我局会同某局, 该所还联合某会): it is one of the organizers."""
    joins = tuple(w for w in r.coordination if w != "等")
    for p in (*r.pronouns, *_bare_heads(before, r)):
        k = before.rfind(p)
        if k < 0:
            continue
        # 该所还联合某居委会, 本院并订于1月17日与某处合办: adverbs and a time between the
        # pronoun and the coordinator
        if strip_gap(before[k + len(p) :], r).startswith(joins):
            return True
    return False
