"""Person-name rules: surnames (``data/person_surnames.json``), the anchor
patterns of ``data/person_rules.json`` compiled once, and name validation.

A Chinese personal name is a surname (single or compound) plus one or two
given-name characters; :func:`valid_name` says whether a string has that
shape (or is a transliterated name joined by ``·``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..resources import load_json
from ..text.primitives import HAN_BASIC, alternation

#: The dots that join the parts of a transliterated name.
DOT = "·•"
#: A run of Han characters (basic block).
HAN_RUN = re.compile(f"[{HAN_BASIC}]+")
#: A run of Han characters and name dots.
NAME_RUN = re.compile(f"[{HAN_BASIC}{DOT}]+")


@dataclass(frozen=True)
class Rules:
    surnames: frozenset[str]
    strict_surnames: frozenset[str]
    compound: frozenset[str]
    stop_given: frozenset[str]
    last_given_stop: frozenset[str]
    delimited_last_given: frozenset[str]
    tibetan_parts: frozenset[str]
    stop_words: frozenset[str]
    stop_suffixes: tuple[str, ...]
    byline_place: tuple[str, tuple[str, ...]]
    name_chars: frozenset[str]
    weak_titles: frozenset[str]
    weak_cue_re: re.Pattern[str]
    possessive_re: re.Pattern[str]
    anchor_re: re.Pattern[str]
    anchor_cue_re: re.Pattern[str]
    caption_anchor: str
    titles: frozenset[str]
    title_chain: re.Pattern[str]
    title_re: re.Pattern[str]
    credit_re: re.Pattern[str]
    credit_separators: str
    title_separators: str
    boundary: frozenset[str]
    org_end: frozenset[str]
    title_continuations: frozenset[str]
    place_suffixes: str
    doctrine_generic_re: re.Pattern[str]
    label_stop_re: re.Pattern[str]
    trailing: tuple[str, ...]
    list_end: str
    after_re: re.Pattern[str]
    cue_re: re.Pattern[str]
    doctrine_re: re.Pattern[str]
    speech_re: re.Pattern[str]
    photo_re: re.Pattern[str]
    photo_left: str
    photo_agent: str
    dotted_re: re.Pattern[str]
    paren_re: re.Pattern[str]
    paren_left: str
    quoted_re: re.Pattern[str]


def _alt(words: list[str]) -> str:
    return alternation(tuple(words))


@lru_cache(maxsize=1)
def rules() -> Rules:
    s = load_json("person_surnames.json")
    d = load_json("person_rules.json")
    single = frozenset(s["single"])
    compound = frozenset(s["compound"])
    strict = frozenset(c for c in single if c not in set(s["ambiguous"]))
    first = re.escape("".join(sorted({w[0] for w in d["title_prefixes"] + d["titles"]})))
    tl = "[" + re.escape("".join(sorted(set(d["transliteration_chars"])))) + "]"
    title = f"(?=[{first}])(?:{_alt(d['title_prefixes'])})*(?:{_alt(d['titles'])})"
    joiners = re.escape(d["title_joiners"])
    punct = re.escape(d["punctuation"])
    cues = _alt(d["right_cues"] + d["titles_after"])
    quote_max = int(d["quoted_titles"]["max_chars"])
    speech_left = re.escape(d["speech_left"])
    return Rules(
        surnames=single,
        strict_surnames=strict,
        compound=compound,
        stop_given=frozenset(d["stop_given_chars"]),
        last_given_stop=frozenset(d["last_given_stop"]),
        delimited_last_given=frozenset(d["delimited_last_given"]),
        tibetan_parts=frozenset(d["tibetan_name_parts"]),
        stop_words=frozenset(d["stop_words"]),
        stop_suffixes=tuple(d["name_stop_suffixes"]),
        byline_place=(d["byline_place"][0], tuple(d["byline_place"][1])),
        name_chars=frozenset(d["name_chars"]),
        weak_titles=frozenset(d["weak_titles"]),
        weak_cue_re=re.compile(f"(?:{_alt(d['weak_cues'])})"),
        possessive_re=re.compile(d["place_possessive"]),
        anchor_re=re.compile(_alt(d["left_anchors"])),
        anchor_cue_re=re.compile(_alt(d["anchor_cues"])),
        caption_anchor=d["caption_anchor"],
        titles=frozenset(d["titles"]) | frozenset(d["titles_after"]),
        title_chain=re.compile(f"{title}(?:[{joiners}]?{title})*"),
        title_re=re.compile(title),
        credit_re=re.compile(
            f"(?:{_alt(d['credit_labels'])})[{re.escape(d['credit_separators'])}]+"
        ),
        credit_separators=d["credit_separators"],
        title_separators=d["title_separators"],
        boundary=frozenset(d["boundary_chars"]),
        org_end=frozenset(d["org_end_chars"]),
        title_continuations=frozenset(d["title_continuations"]),
        place_suffixes=d["place_suffixes"],
        doctrine_generic_re=re.compile(_alt(d["doctrine_generic_suffixes"])),
        label_stop_re=re.compile(_alt(d["label_stops"])),
        trailing=tuple(sorted(d["trailing_words"], key=len, reverse=True)),
        list_end=d["list_end_chars"],
        after_re=re.compile(f"(?:{_alt(d['titles_after'])})"),
        cue_re=re.compile(f"(?:[{punct}\\d]|{cues}|$)"),
        doctrine_re=re.compile(_alt(d["doctrine_suffixes"])),
        speech_re=re.compile(
            f"(?:^|(?<=[{speech_left}]))([{HAN_BASIC}]{{2,4}}?)(?:{_alt(d['speech_verbs'])})"
        ),
        photo_re=re.compile(
            f"\\s?{re.escape(d['photo_mark'])}(?=[{re.escape(d['photo_right'])}]|$)"
        ),
        photo_left=d["photo_left"],
        photo_agent=d["photo_agent"],
        dotted_re=re.compile(f"{tl}{{2,8}}(?:[{DOT}]{tl}{{1,8}})+"),
        paren_re=re.compile(r"[(（]([^()（）\n]{2,60})[)）]"),
        paren_left=d["paren_left"],
        quoted_re=re.compile(
            "|".join(
                f"{re.escape(a)}[^{re.escape(a + b)}\n]{{1,{quote_max}}}{re.escape(b)}"
                for a, b in d["quoted_titles"]["pairs"]
            )
        ),
    )


def surname_length(name: str, strict: bool = False) -> int:
    """Length of the surname ``name`` starts with (2 compound, 1 single), else 0."""
    r = rules()
    if name[:2] in r.compound:
        return 2
    if name[:1] in (r.strict_surnames if strict else r.surnames):
        return 1
    return 0


def valid_name(
    name: str, *, strict: bool = False, allow_four: bool = False, delimited: bool = False
) -> bool:
    """A plausible Han name (surname + 1-2 given characters) or a ``·`` name.

    ``allow_four`` admits four characters: a compound surname plus two, a double
    surname (范徐丽泰) or, when the text ``delimited`` the name on both sides (a
    credit line: 作者:陈诗玉子), any surname plus three.
    """
    r = rules()
    if any(c in DOT for c in name):
        parts = re.split(f"[{DOT}]", name)
        return (
            all(len(p) >= 1 and HAN_RUN.fullmatch(p) for p in parts)
            and len(name) <= 20
            and not any(c in r.stop_given for c in name)
        )
    if not HAN_RUN.fullmatch(name) or name in r.stop_words:
        return False
    sl = surname_length(name, strict)
    if sl == 0:
        return False
    given = name[sl:]
    if not 1 <= len(given) <= (3 if allow_four else 2):
        return False
    if len(given) == 3 and (sl == 2 or not (delimited or _double_surname(name))):
        return False
    # 审核：尹志和 — a credit line delimits the name, so 和 or 之 may end it
    last_ok = delimited and len(given) == 2 and given[-1] in r.delimited_last_given
    if given in r.stop_suffixes or (
        len(given) > 1 and given[-1] in r.last_given_stop and not last_ok
    ):
        return False
    if given in r.titles or given in r.stop_words or name[:2] in r.stop_words:
        return False  # 和法官, 向群众: a word after a function character; 金融合
    return not any(c in r.stop_given for c in (given[:-1] if last_ok else given))


def _double_surname(name: str) -> bool:
    """范徐丽泰: a married woman's name, her husband's surname before her own."""
    r = rules()
    return (
        len(name) == 4 and name[1] in r.strict_surnames and all(c in r.name_chars for c in name[2:])
    )


def tibetan_name(name: str) -> bool:
    """Whether ``name`` (2-8 characters) is made up entirely of common components of
    Tibetan names, one of them at least two characters long (次仁卓玛, 拉毛措)."""
    parts = rules().tibetan_parts
    if not 2 <= len(name) <= 8:
        return False
    # reach[i]: the ways of covering name[:i] -> whether a long component was used
    reach: dict[int, bool] = {0: False}
    for i in range(len(name)):
        if i not in reach:
            continue
        for n in (3, 2, 1):
            if name[i : i + n] in parts and i + n <= len(name):
                reach[i + n] = reach.get(i + n, False) or reach[i] or n > 1
    return reach.get(len(name), False)
