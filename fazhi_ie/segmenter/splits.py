"""Words the segmenter joins across a name's edge, split again: pkuseg reads 处于 (to be
in) in ``警务处于昨日举办``, hiding the end of ``警务处``. A word of
``data/segment_splits.json`` is split when a time follows it, or a hold verb later in
its clause (消防处在广场开展; 处于…阶段 stays whole);
one of its ``always`` words is split wherever it stands (联合团 is 联合 + 团市委's 团), as is
a listed verb glued to a level character (出席县 is 出席 + 县律师协会's 县).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..resources import load_json
from ..text.primitives import is_han

__all__ = ["split_joined"]


class _Rules(NamedTuple):
    splits: dict[str, int]
    base_splits: frozenset[str]
    always: dict[str, int]
    time_start: re.Pattern[str]
    day_note_heads: tuple[str, ...]
    day_note: re.Pattern[str]
    clause_hold: re.Pattern[str]
    state_adverbs: str
    level_status: frozenset[str]
    joining_prefixes: tuple[str, ...]
    split_verbs: frozenset[str]
    joining_verbs: frozenset[str]
    joining_words: frozenset[str]
    body_end_chars: str
    invite: tuple[str, str, str]  # opener, verb, level characters
    venue_opener: str
    venue_opener_words: frozenset[str]
    joined_heads: frozenset[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    d = load_json("segment_splits.json")
    always = dict(d["always"])
    vl = d["verb_levels"]
    always.update({v + lv: len(v) for v in vl["verbs"] for lv in vl["levels"]})
    splits = dict(d["splits"])
    # 教育处在县 + 立 + 体育馆: the level character of the place after it glued on too
    splits.update({w + lv: k for w, k in d["splits"].items() for lv in vl["levels"]})
    return _Rules(
        splits,
        frozenset(d["splits"]),
        always,
        re.compile(d["time_start"]),
        tuple(d["day_note_heads"]),
        re.compile(d["day_note"]),
        re.compile(d["clause_hold"]),
        str(d["state_adverbs"]),
        frozenset(d["level_status"]),
        tuple(v + lv for v in d["joining_verbs"] for lv in vl["levels"]),
        frozenset(d["split_verbs"]),
        frozenset(d["joining_verbs"]),
        frozenset(d["joining_words"]),
        str(d["body_end_chars"]),
        (str(d["invite_opener"]), str(d["invite_verb"]), "".join(vl["levels"])),
        str(d["venue_opener"]),
        frozenset(d["venue_opener_words"]),
        frozenset(d["joined_heads"]),
    )


def split_joined(words: list[str]) -> list[str]:
    """``words`` with each listed word that a time follows split in two, and the 今 of
    Taiwan's 今(8)日 split off any word that swallowed it (法务部今 + (8)日)."""
    r = _rules()
    splits, always, heads = r.splits, r.always, r.day_note_heads
    words = _joining_verbs(words, r)
    words = _verbs_back(words, r.split_verbs)
    words = _invite_opener(words, r)
    words = _venue_opener(words, r)
    words = _joined_heads(words, r)
    if not any(
        w in splits or w in always or w in r.level_status or (len(w) > 1 and w.endswith(heads))
        for w in words
    ):
        return words
    words = _level_back(words, r.level_status)
    out: list[str] = []
    last = len(words) - 1
    for i, w in enumerate(words):
        if w in always:  # split wherever it stands
            out += [w[: always[w]], w[always[w] :]]
            continue
        k = splits.get(w)
        if k is None and len(w) > 1 and w.endswith(heads):
            k = len(w) - 1
            ok = i < last and r.day_note.match("".join(words[i + 1 : i + 5])) is not None
        else:
            ok = k is not None and i < last and _place_or_time(r, words, i)
        if ok:
            assert k is not None
            rest = w[k:]
            # 处 + 在县: the preposition and the place's level character apart (处 + 在 + 县)
            glued = w in splits and w not in r.base_splits
            out += [w[:k], rest[:-1], rest[-1]] if glued else [w[:k], rest]
        else:
            out.append(w)
    return out


def _joined_heads(words: list[str], r: _Rules) -> list[str]:
    """联合国 + 网 -> 联合 + 国网: a name's head glued into the joining word before it."""
    out = list(words)
    for i in range(len(out) - 1):
        w, nxt = out[i], out[i + 1]
        if w in r.joining_words and nxt and w[-1] + nxt[0] in r.joined_heads:
            out[i], out[i + 1] = w[:-1], w[-1] + nxt
    return out


def _invite_opener(words: list[str], r: _Rules) -> list[str]:
    """应北区 + 分会 + 邀请 -> 应 + 北区 + 分会 + 邀请: the opener of an invitation frame
    glued to the inviter's place."""
    opener, verb, levels = r.invite
    if not any(len(w) > 2 and w.startswith(opener) and w[-1] in levels for w in words):
        return words
    out: list[str] = []
    for i, w in enumerate(words):
        if len(w) > 2 and w.startswith(opener) and w[-1] in levels:
            ahead = ""
            for x in words[i + 1 : i + 8]:
                if x in "，,。；;！？!?\n":
                    break
                ahead += x
            if verb in ahead:
                out += [opener, w[len(opener) :]]
                continue
        out.append(w)
    return out


#: Punctuation after which a word opening with the venue marker opens a place phrase.
_CLAUSE_MARKS = frozenset("，,、")


def _venue_opener(words: list[str], r: _Rules) -> list[str]:
    """教育局 + 假海 + 晴官立中学 -> 教育局 + 假 + 海 + 晴官立中学: the Hong Kong and Macau
    venue marker glued to the venue after a body, or opening a clause (，假溪寮国中…)."""
    m = r.venue_opener
    out: list[str] = []
    for i, w in enumerate(words):
        if (
            i > 0
            and len(w) > 1
            and w.startswith(m)
            and w not in r.venue_opener_words
            and (words[i - 1][-1:] in r.body_end_chars or words[i - 1] in _CLAUSE_MARKS)
        ):
            out += [m, w[len(m) :]]
        else:
            out.append(w)
    return out


def _place_or_time(r: _Rules, words: list[str], i: int) -> bool:
    """Whether the split word ``words[i]`` (处于, 处在) reads as a name's end and a
    preposition: a time follows, or a hold verb later in the clause (消防处在广场开展)
    with no adverb of state before it (正处在关键时期)."""
    if r.time_start.match("".join(words[i + 1 : i + 5])):
        return True
    if i and words[i - 1][-1:] in r.state_adverbs:
        return False
    return r.clause_hold.match(words[i][-1:] + "".join(words[i + 1 : i + 12])) is not None


def _level_back(words: list[str], status: frozenset[str]) -> list[str]:
    """高雄 + 市立 + 图书馆 -> 高雄市 + 立 + 图书馆: the level character of a status word goes
    back to the place word of two or three Han characters before it."""
    out: list[str] = []
    for w in words:
        prev = out[-1] if out else ""
        if w in status and 2 <= len(prev) <= 3 and is_han(prev):
            out[-1] = prev + w[0]
            out.append(w[1:])
        else:
            out.append(w)
    return out


def _joining_verbs(words: list[str], r: _Rules) -> list[str]:
    """司法局 + 会同县教育局 -> 司法局 + 会同 + 县 + 教育局 (公司 + 联合区 + 应急管理局 ->
    公司 + 联合 + 区 + 应急管理局): a joining verb glued to the short name of the body
    after a body's end is split off it, and the level character off the name's rest,
    as the segmenter cuts 县 + 团委."""
    if not any(w[:2] in r.joining_verbs for w in words):
        return words
    out: list[str] = []
    skip = False
    for i, w in enumerate(words):
        if skip:
            skip = False
            continue
        prev = out[-1] if out else ""
        if prev[-1:] and prev[-1] in r.body_end_chars and w.startswith(r.joining_prefixes):
            k = next(len(p) for p in r.joining_prefixes if w.startswith(p)) - 1
            if len(w) > k + 1:
                out += [w[:k], w[k], w[k + 1 :]]  # the verb, the level, the name's rest
                continue
            out += [w[:k], w[k]]  # 联合区 + 应急管理局: the verb, the level
            continue
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if (
            len(w) == 3
            and w[:2] in r.joining_verbs
            and w not in r.joining_words
            and len(nxt) == 1
            and is_han(w + nxt)
            and nxt not in r.body_end_chars
        ):
            out += [w[:2], w[2] + nxt]  # 联合仁 + 和 -> 联合 + 仁和: a name cut after its start
            skip = True
            continue
        out.append(w)
    return out


def _verbs_back(words: list[str], verbs: frozenset[str]) -> list[str]:
    """致 + 电廉署 -> 致电 + 廉署: a two-character verb the segmenter cut, its second
    character glued to the name after it, is made whole again."""
    seconds = {v[-1] for v in verbs}
    if not any(len(w) > 1 and w[0] in seconds for w in words):
        return words
    out: list[str] = []
    for w in words:
        prev = out[-1] if out else ""
        if prev and len(w) > 1 and prev[-1:] + w[0] in verbs:
            out[-1] = prev + w[0]
            out.append(w[1:])
        else:
            out.append(w)
    return out
