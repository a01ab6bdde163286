"""Reading a person name at a position of the text: where it ends.

:func:`read_name` reads a surname and one to three given characters and keeps
the reading whose end the following text confirms (a cue: punctuation, a
speech verb, ``出席`` …); :func:`read_list` reads the names of a credit line
or byline, delimited by spaces or ``、``.
"""

from __future__ import annotations

import re

from ..lexicons.person_rules import DOT, NAME_RUN, rules, surname_length, valid_name


def skip(text: str, pos: int, chars: str) -> int:
    """The first position at or after ``pos`` not in ``chars`` (a name dot stops it)."""
    while pos < len(text) and text[pos] in chars and text[pos] not in DOT:
        pos += 1
    return pos


def read_name(
    text: str,
    pos: int,
    starts: set[int],
    ends: set[int],
    *,
    weak: bool = False,
    strict: bool = False,
    cue: re.Pattern[str] | None = None,
    titled: bool = False,
) -> tuple[int, int] | None:
    """The name starting at ``pos`` whose end the following text confirms.

    After a weak role noun (群众, 当事人) only a strict surname and a verb cue
    (说, 表示) will do: 群众满意度 and 当事人安检 are not names. After a title
    (``titled``), a three-character name may end with a character names seldom
    end with (县长杨文科到场) when a token edge and a verb of two characters or
    more follow it.
    """
    r = rules()
    strict = strict or weak
    sl = surname_length(text[pos : pos + 2], strict=strict)
    if sl == 0 or r.title_re.match(text, pos + sl):
        return None  # 和法官, 向班主任: a character before a title, not a name
    lengths = (sl + 2, sl + 1, sl + 3) if sl == 1 else (sl + 2, sl + 1)
    cue = cue or (r.weak_cue_re if weak else r.cue_re)
    ambiguous = sl == 1 and text[pos] not in r.strict_surnames
    for n in lengths:
        name = text[pos : pos + n]
        if len(name) < n or not valid_name(name, strict=strict, allow_four=(n == 4)):
            continue
        if (
            sl == 1
            and n == 4
            and pos in starts
            and pos + 4 in ends
            and not _split_inside(pos, 4, starts)
        ):
            continue  # one four-character word is an idiom (齐聚一堂), not a name
        m = cue.match(text, pos + n)
        if m is None:
            continue
        if ambiguous and m.end() - m.start() == 1 and pos + n not in starts | ends:
            continue  # 院士曾参与: the cue character belongs to a word (参与)
        return pos, pos + n
    if titled and sl == 1 and not weak:
        return _titled_rare_end(text, pos, starts, cue)
    return None


def _titled_rare_end(
    text: str, pos: int, starts: set[int], cue: re.Pattern[str]
) -> tuple[int, int] | None:
    """县长杨文科到场, 董事长林百里出席: after a title, a three-character name whose last
    character is one names seldom end with (科, 里), confirmed by a token edge and a
    cue of two characters or more right after it."""
    r = rules()
    name = text[pos : pos + 3]
    if len(name) < 3 or name[2] not in r.stop_given or name[2] in r.last_given_stop:
        return None
    if not valid_name(name[:2]) or name[1] in r.stop_given or pos + 3 not in starts:
        return None
    m = cue.match(text, pos + 3)
    if m is None or m.end() - m.start() < 2:
        return None
    return pos, pos + 3


def _split_inside(pos: int, n: int, starts: set[int]) -> bool:
    return any(pos < k < pos + n for k in starts)


def read_list(text: str, pos: int) -> list[tuple[int, int]]:
    """Names delimited by spaces or 、 after a credit label: ``杜文涛 柯雪梅``."""
    r = rules()
    out: list[tuple[int, int]] = []
    while pos < len(text):
        m = NAME_RUN.match(text, pos)
        if m is None:
            break
        run_s, run_e = m.span()
        stop = r.label_stop_re.search(text, run_s, run_e)
        if stop is not None and stop.start() == run_s:
            break
        if stop is not None and stop.start() >= run_s + 2:
            run_e = stop.start()
        name = text[run_s:run_e]
        for t in r.trailing:
            if name.endswith(t) and len(name) - len(t) >= 2:
                name = name[: -len(t)]
                run_e = run_s + len(name)
                break
        if not valid_name(name, allow_four=True, delimited=True):
            break
        if run_e == m.end() and run_e < len(text) and text[run_e] not in r.list_end:
            break  # 记者:谈北大,不能…: an interview question, not a byline
        out.append((run_s, run_e))
        if run_e < m.end():
            break
        nxt = run_e
        while nxt < len(text) and text[nxt] in " \t、,，":
            nxt += 1
        if nxt == run_e:
            break
        pos = nxt
    return out
