"""Person names: anchored patterns over surnames, merged with NER PER spans.

A Chinese personal name is a surname (``data/person_surnames.json``: single
and compound surnames) plus one or two given-name characters (a four-character
name such as ``阿依张梅`` is taken only where the context closes it). A name is
only taken where the text anchors it (patterns in ``data/person_rules.json``):

* after a title or role, possibly a chain of them: ``党组书记、局长张积强``,
  ``律师王国炜``, ``市民李剑锋说``, ``社区民警潘立新``;
* after a credit label or in a byline: ``责任编辑:X``, ``审核:X 签发:Y``,
  ``(记者 X Y 通讯员 Z)``, ``本报记者●X``, ``(X、Y、Z)`` closing a paragraph,
  ``X摄``; names with ``·`` (``努尔买买提·艾山``) are read whole here;
* before a title: ``林海峰检察长``, ``贾丽律师``;
* inside a doctrine's name: ``习近平法治思想`` (a person, per ANNOTATION.md);
* at a clause start before a speech verb: ``。赵文斌指出``;
* after a named place and 的 (``青山市的钟国梁正准备``, the place checked in
  the location gazetteer) or after an agent word (``由X主持``, ``图为X向…``);
* a transliterated name joined by ``·`` anywhere, when every character is one
  that transliterations use (``阿不都热依木·买买提``; not ``宪法·民法典``).

Where a name ends is decided by what follows it (a speech verb, punctuation,
``出席``, ``等`` …: ``检察长陈刚致欢迎辞`` gives 陈刚) and, failing that, by
the pkuseg token edges. Titles alone, ``记者``, ``市民`` and ``群众`` are never
names: a candidate must start with a surname and its given part may not hold
function characters (``的``, ``局``, ``说`` …) or be a listed common word.
Surnames that are also frequent ordinary characters (于, 和, 向 …) count only
where a title or a credit line anchors the name; after weak role nouns
(``群众``, ``当事人``) a verb must follow (``群众满意度`` is no name).

Measured on text it was not written for (the MSRA NER test set, general news,
5,000 sentences): 99% of the mentions these rules find are gold PER spans; they
find about a fifth of all names there (the rest have no anchor: that is the
NER's part).

Once a name is found, every other occurrence of it in the article is a
mention too. The NER component (``candidates(doc, "ner")``, label ``PER``) is
merged by :func:`build_persons`, which runs after every component.

Candidates (``doc.user_data["fazhi_ie"]["persons"]``) carry clean-text
offsets, the ``name``, the ``titles`` seen with that mention and
``title_start``: where the title chain before the name begins, so that the
builder can tie the person to the Organization named just before it
(``酒泉市司法局党组书记、局长张积强``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc

from ..records import Person
from ..resources import load_json
from .base import candidates, char_span, token_edges

STORE_KEY = "persons"
HAN = "\u4e00-\u9fff"
_HAN_RE = re.compile(f"[{HAN}]+")
_DOT = "·•"
_LIST_END = " \t\n、,，)）|丨/"


@dataclass(frozen=True)
class Rules:
    surnames: frozenset[str]
    strict_surnames: frozenset[str]
    compound: frozenset[str]
    stop_given: frozenset[str]
    last_given_stop: frozenset[str]
    stop_words: frozenset[str]
    stop_suffixes: tuple[str, ...]
    name_chars: frozenset[str]
    weak_titles: frozenset[str]
    weak_cue_re: re.Pattern[str]
    possessive_re: re.Pattern[str]
    anchor_re: re.Pattern[str]
    anchor_cue_re: re.Pattern[str]
    titles: frozenset[str]
    title_chain: re.Pattern[str]
    title_re: re.Pattern[str]
    credit_re: re.Pattern[str]
    credit_separators: str
    title_separators: str
    boundary: frozenset[str]
    org_end: frozenset[str]
    title_continuations: frozenset[str]
    doctrine_generic_re: re.Pattern[str]
    label_stop_re: re.Pattern[str]
    trailing: tuple[str, ...]
    after_re: re.Pattern[str]
    cue_re: re.Pattern[str]
    doctrine_re: re.Pattern[str]
    speech_re: re.Pattern[str]
    photo_re: re.Pattern[str]
    photo_left: str
    dotted_re: re.Pattern[str]
    paren_re: re.Pattern[str]
    quoted_re: re.Pattern[str]


def _alt(words: list[str]) -> str:
    return "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))


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
    punct = re.escape(d["punctuation"])
    cues = _alt(d["right_cues"] + d["titles_after"])
    quote_max = int(d["quoted_titles"]["max_chars"])
    return Rules(
        surnames=single,
        strict_surnames=strict,
        compound=compound,
        stop_given=frozenset(d["stop_given_chars"]),
        last_given_stop=frozenset(d["last_given_stop"]),
        stop_words=frozenset(d["stop_words"]),
        stop_suffixes=tuple(d["name_stop_suffixes"]),
        name_chars=frozenset(d["name_chars"]),
        weak_titles=frozenset(d["weak_titles"]),
        weak_cue_re=re.compile(f"(?:{_alt(d['weak_cues'])})"),
        possessive_re=re.compile(d["place_possessive"]),
        anchor_re=re.compile(_alt(d["left_anchors"])),
        anchor_cue_re=re.compile(_alt(d["anchor_cues"])),
        titles=frozenset(d["titles"]) | frozenset(d["titles_after"]),
        title_chain=re.compile(f"{title}(?:[、和及兼]?{title})*"),
        title_re=re.compile(title),
        credit_re=re.compile(
            f"(?:{_alt(d['credit_labels'])})[{re.escape(d['credit_separators'])}]+"
        ),
        credit_separators=d["credit_separators"],
        title_separators=d["title_separators"],
        boundary=frozenset(d["boundary_chars"]),
        org_end=frozenset(d["org_end_chars"]),
        title_continuations=frozenset(d["title_continuations"]),
        doctrine_generic_re=re.compile(_alt(d["doctrine_generic_suffixes"])),
        label_stop_re=re.compile(_alt(d["label_stops"])),
        trailing=tuple(sorted(d["trailing_words"], key=len, reverse=True)),
        after_re=re.compile(f"(?:{_alt(d['titles_after'])})"),
        cue_re=re.compile(f"(?:[{punct}\\d]|{cues}|$)"),
        doctrine_re=re.compile(_alt(d["doctrine_suffixes"])),
        speech_re=re.compile(
            f"(?:^|(?<=[{re.escape(d['speech_left'])}]))([{HAN}]{{2,4}}?)(?:{_alt(d['speech_verbs'])})"
        ),
        photo_re=re.compile(f"\\s?摄(?=[{re.escape(d['photo_right'])}]|$)"),
        photo_left=d["photo_left"],
        dotted_re=re.compile(f"{tl}{{2,8}}(?:[{_DOT}]{tl}{{1,8}})+"),
        paren_re=re.compile(r"[(（]([^()（）\n]{2,60})[)）]"),
        quoted_re=re.compile(
            "|".join(
                f"{re.escape(a)}[^{re.escape(a + b)}\n]{{1,{quote_max}}}{re.escape(b)}"
                for a, b in d["quoted_titles"]["pairs"]
            )
        ),
    )


# --- name validation ----------------------------------------------------------
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
    if any(c in _DOT for c in name):
        parts = re.split(f"[{_DOT}]", name)
        return (
            all(len(p) >= 1 and _HAN_RE.fullmatch(p) for p in parts)
            and len(name) <= 20
            and not any(c in r.stop_given for c in name)
        )
    if not _HAN_RE.fullmatch(name) or name in r.stop_words:
        return False
    sl = surname_length(name, strict)
    if sl == 0:
        return False
    given = name[sl:]
    if not 1 <= len(given) <= (3 if allow_four else 2):
        return False
    if len(given) == 3 and (sl == 2 or not (delimited or _double_surname(name))):
        return False
    if given in r.stop_suffixes or (len(given) > 1 and given[-1] in r.last_given_stop):
        return False
    if given in r.titles or given in r.stop_words or name[:2] in r.stop_words:
        return False  # 和法官, 向群众: a word after a function character; 金融合
    return not any(c in r.stop_given for c in given)


def fast_token_edges(doc: Doc) -> tuple[set[int], set[int]]:
    """Like :func:`~fazhi_ie.components.store.token_edges`, without Token objects."""
    if len(doc) == 0:
        return set(), set()
    arr = doc.to_array([IDX, LENGTH])
    idx = arr[:, 0]
    return set(idx.tolist()), set((idx + arr[:, 1]).tolist())


def _double_surname(name: str) -> bool:
    """范徐丽泰: a married woman's name, her husband's surname before her own."""
    r = rules()
    return (
        len(name) == 4 and name[1] in r.strict_surnames and all(c in r.name_chars for c in name[2:])
    )


# --- the recognizer -------------------------------------------------------------
class PersonRecognizer:
    """Finds person mentions; see the module docstring."""

    def __init__(self, spans_key: str = STORE_KEY) -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        starts, ends = fast_token_edges(doc)
        found: list[dict[str, Any]] = []
        self._after_titles(text, starts, ends, found)
        self._credits(text, found)
        self._before_titles(text, starts, found)
        self._parentheses(text, found)
        self._photo(text, found)
        self._doctrine(text, starts, found)
        self._possessive(text, starts, ends, found)
        self._dotted(text, found)
        self._speech(text, starts, ends, found)
        out = _propagate(text, _resolve(found))
        candidates(doc, self.spans_key).extend(out)
        spans = [char_span(doc, c["start"], c["end"], "PER") for c in out]
        doc.spans[self.spans_key] = [s for s in spans if s is not None]
        return doc

    # A name right after a title (chain): 党组书记、局长张积强, 记者 吴萍萍
    def _after_titles(self, text: str, starts: set[int], ends: set[int], found: list) -> None:
        r = rules()
        for m in r.title_chain.finditer(text):
            pos = m.end()
            titles = [t.group(0) for t in r.title_re.finditer(m.group(0))]
            skipped = _skip(text, pos, r.title_separators)
            if skipped > pos and text[pos:skipped].strip("”\"'"):
                names = _read_list(text, skipped)
                if names:
                    for s, e in names:
                        found.append(_cand(text, s, e, titles, m.start(), "byline"))
                    continue
            weak = titles[-1] in r.weak_titles
            span = _read_name(text, skipped, starts, ends, weak=weak)
            while span is not None:
                found.append(_cand(text, span[0], span[1], titles, m.start(), "title"))
                # 副局长张三、李四: the list goes on while names follow
                if not text.startswith("、", span[1]):
                    break
                span = _read_name(text, span[1] + 1, starts, ends, strict=True)

    # Credit lines: 责任编辑:X, 审核:X 签发:Y, 作者:X Y
    def _credits(self, text: str, found: list) -> None:
        r = rules()
        for m in r.credit_re.finditer(text):
            label = m.group(0).rstrip(r.credit_separators)
            if len(label) == 1 and m.start() > 0 and _HAN_RE.match(text[m.start() - 1]):
                continue  # 原文: is no credit line
            for s, e in _read_list(text, m.end()):
                found.append(_cand(text, s, e, [label], None, "credit"))

    # A name right before a title: 林海峰检察长, 贾丽律师
    def _before_titles(self, text: str, starts: set[int], found: list) -> None:
        from .locations import gazetteer

        forms = gazetteer().forms
        r = rules()
        for m in r.after_re.finditer(text):
            end = m.start()
            if text[m.end() : m.end() + 1] in r.title_continuations:
                continue  # 主席台, 律师事务所: the title is part of a longer word
            best = None
            for n in (3, 2, 4):
                s = end - n
                if s < 0:
                    continue
                name = text[s:end]
                if not valid_name(name, allow_four=(n == 4 and surname_length(name) == 2)):
                    continue
                strict = name[0] in r.strict_surnames or name[:2] in r.compound
                prev = text[s - 1] if s > 0 else "\n"
                at_edge = not _HAN_RE.match(prev) or prev in r.boundary
                if n == 3 and not strict:
                    # 和钱芳律师: prefer the two-character reading
                    if valid_name(text[end - 2 : end]) or not at_edge:
                        continue
                if n >= 3 and s not in starts and not at_edge:
                    continue  # 分管负责同志
                if prev in _DOT:
                    break  # 爱伦·安得森博士: the end of a transliterated name
                if name in forms or any(name + x in forms for x in "市县区"):
                    break  # 曲阜律师: a place before the title
                if n == 2 and not (at_edge or (strict and prev in r.org_end and s in starts)):
                    continue  # 沃尔斯基主席, 英国大律师: the name would start mid-word
                if n == 2 and not strict and name[1] in r.surnames:
                    continue  # 由王律师: a function character before a bare surname
                best = (s, end)
                break
            if best is not None:
                found.append(_cand(text, best[0], best[1], [m.group(0)], None, "title_after"))

    # Bylines closing a paragraph: (宋雅琴), (马启明 方丽), (罗小军、白洁、许文)
    def _parentheses(self, text: str, found: list) -> None:
        for m in rules().paren_re.finditer(text):
            before = text[m.start() - 1] if m.start() > 0 else "\n"
            after = text[m.end()] if m.end() < len(text) else "\n"
            if before not in "。！？!?”\n:：讯 \t" and after not in "\n。":
                continue
            parts = [p for p in re.split(r"[\s、,，]+", m.group(1)) if p]
            strict = len(parts) == 1  # (全文完) is no byline
            if not parts or not all(valid_name(p, strict=strict) for p in parts):
                continue
            off = m.start(1)
            for p in parts:
                s = text.index(p, off)
                off = s + len(p)
                found.append(_cand(text, s, off, [], None, "paren"))

    # Photo credits: 卢斌摄, (本版图片由韦嘉明摄)
    def _photo(self, text: str, found: list) -> None:
        r = rules()
        for m in r.photo_re.finditer(text):
            e = s = m.start()
            while s > 0 and e - s < 16 and (_HAN_RE.match(text[s - 1]) or text[s - 1] in _DOT):
                s -= 1
            if s > 0 and text[s - 1] not in r.photo_left:
                continue
            cut = text.rfind("由", s, e)
            if cut >= 0:
                s = cut + 1
            if valid_name(text[s:e], allow_four=True):
                found.append(_cand(text, s, e, [], None, "photo"))

    # Transliterated names joined by ·: 阿不都热依木·买买提, in any context, when
    # every character is one that transliterations use (宪法·民法典 is no name)
    def _dotted(self, text: str, found: list) -> None:
        if "·" not in text and "•" not in text:
            return
        r = rules()
        for m in r.dotted_re.finditer(text):
            prev = text[m.start() - 1] if m.start() > 0 else "\n"
            if _HAN_RE.match(prev) and prev not in r.boundary:
                continue  # 弗兰克·佩斯塔纳: a name cut at an unknown character
            if not r.cue_re.match(text, m.end()):
                continue
            if valid_name(m.group(0)):
                found.append(_cand(text, m.start(), m.end(), [], None, "dotted"))

    # A name after a place and 的 (青山市的钟国梁正准备出门) or after a word that
    # introduces an agent (由张三主持, 图为李四向群众讲解): strict surnames only
    def _possessive(self, text: str, starts: set[int], ends: set[int], found: list) -> None:
        from .locations import gazetteer

        forms = gazetteer().forms
        r = rules()
        for pat in (r.possessive_re, r.anchor_re):
            for m in pat.finditer(text):
                if pat is r.possessive_re and not any(
                    text[m.start() - k : m.start()] in forms for k in range(2, 9)
                ):
                    continue  # 山村的农民: only after a named place (合肥市的, 沧州的)
                # a caption (图为X向群众讲解) names its subject: any cue will do
                cue = r.cue_re if m.group(0) == "图为" else r.anchor_cue_re
                span = _read_name(text, m.end(), starts, ends, strict=True, cue=cue)
                if span is not None:
                    found.append(_cand(text, span[0], span[1], [], None, "possessive"))

    # A name inside a doctrine's name: 习近平法治思想 → 习近平
    def _doctrine(self, text: str, starts: set[int], found: list) -> None:
        r = rules()
        for m in r.doctrine_re.finditer(text):
            e = m.start()
            s = e - 3
            if s < 0 or not valid_name(text[s:e], strict=True) or s not in starts:
                continue  # 西方农业经济思想: the name must start a word
            found.append(_cand(text, s, e, [], None, "doctrine"))
        # 毛泽东思想, 邓小平理论: generic endings need a clear start (not 繁荣法学理论)
        for m in r.doctrine_generic_re.finditer(text):
            e = m.start()
            s = e - 3
            if s < 0 or not valid_name(text[s:e], strict=True):
                continue
            prev = text[s - 1] if s > 0 else "\n"
            if _HAN_RE.match(prev) and prev not in r.boundary:
                continue
            found.append(_cand(text, s, e, [], None, "doctrine"))

    # A name at a clause start before a speech verb: 。赵文斌指出
    def _speech(self, text: str, starts: set[int], ends: set[int], found: list) -> None:
        for m in rules().speech_re.finditer(text):
            s, e = m.span(1)
            name = text[s:e]
            if valid_name(name, strict=True) and s in starts and e in ends:
                found.append(_cand(text, s, e, [], None, "speech"))


def _cand(
    text: str, s: int, e: int, titles: list[str], title_start: int | None, source: str
) -> dict[str, Any]:
    return {
        "start": s,
        "end": e,
        "name": text[s:e],
        "label": "PER",
        "titles": list(titles),
        "title_start": title_start,
        "source": source,
    }


def _skip(text: str, pos: int, chars: str) -> int:
    while pos < len(text) and text[pos] in chars and text[pos] not in _DOT:
        pos += 1
    return pos


def _read_name(
    text: str,
    pos: int,
    starts: set[int],
    ends: set[int],
    *,
    weak: bool = False,
    strict: bool = False,
    cue: re.Pattern[str] | None = None,
) -> tuple[int, int] | None:
    """The name starting at ``pos`` whose end the following text confirms.

    After a weak role noun (群众, 当事人) only a strict surname and a verb cue
    (说, 表示) will do: 群众满意度 and 当事人安检 are not names.
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
    return None


def _split_inside(pos: int, n: int, starts: set[int]) -> bool:
    return any(pos < k < pos + n for k in starts)


def _read_list(text: str, pos: int) -> list[tuple[int, int]]:
    """Names delimited by spaces or 、 after a credit label: ``杜文涛 柯雪梅``."""
    r = rules()
    out: list[tuple[int, int]] = []
    while pos < len(text):
        m = re.compile(f"[{HAN}{_DOT}]+").match(text, pos)
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
        if run_e == m.end() and run_e < len(text) and text[run_e] not in _LIST_END:
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


_PRIORITY = {
    "credit": 0,
    "byline": 0,
    "paren": 1,
    "photo": 1,
    "title": 2,
    "title_after": 3,
    "doctrine": 3,
    "speech": 4,
    "possessive": 4,
    "dotted": 2,
}


def _resolve(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop candidates overlapping a better one; merge titles of equal spans."""
    by_span: dict[tuple[int, int], dict[str, Any]] = {}
    for c in found:
        key = (c["start"], c["end"])
        old = by_span.get(key)
        if old is None:
            by_span[key] = c
            continue
        for t in c["titles"]:
            if t not in old["titles"]:
                old["titles"].append(t)
        if old["title_start"] is None:
            old["title_start"] = c["title_start"]
    ordered = sorted(
        by_span.values(), key=lambda c: (_PRIORITY[c["source"]], -(c["end"] - c["start"]))
    )
    for c in ordered:
        c["titles"] = [
            t for t in c["titles"] if not any(o != t and o.endswith(t) for o in c["titles"])
        ]
    kept: list[dict[str, Any]] = []
    for c in ordered:
        if any(c["start"] < k["end"] and k["start"] < c["end"] for k in kept):
            continue
        kept.append(c)
    return sorted(kept, key=lambda c: c["start"])


def _propagate(text: str, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every occurrence of a found name is a mention (longer names first)."""
    out = list(found)
    taken = [(c["start"], c["end"]) for c in found]
    names = sorted({c["name"] for c in found}, key=len, reverse=True)
    for name in names:
        for m in re.finditer(re.escape(name), text):
            s, e = m.span()
            if any(s < b and a < e for a, b in taken):
                continue
            out.append(_cand(text, s, e, [], None, "repeat"))
            taken.append((s, e))
    return sorted(out, key=lambda c: c["start"])


@Language.factory("fazhi_persons", assigns=["doc.spans"], default_config={"spans_key": STORE_KEY})
def make_person_recognizer(nlp: Language, name: str, spans_key: str) -> PersonRecognizer:
    return PersonRecognizer(spans_key=spans_key)


# --- the builder ------------------------------------------------------------------
def _ner_persons(ctx: Any) -> list[dict[str, Any]]:
    """NER PER spans that look like names (titles and generic words dropped)."""
    r = rules()
    text = ctx.norm.text
    starts, ends = token_edges(ctx.doc)
    quoted = [m.span() for m in r.quoted_re.finditer(text)]
    out = []
    for c in ctx.candidates("ner"):
        if c.label != "PER":
            continue
        s, e = c.start, c.end
        if any(a < s and e < b for a, b in quoted):
            continue  # inside “普法进万家”: a theme or brand, not a person
        name = text[s:e].strip()
        if not name or name in r.stop_words or r.title_re.fullmatch(name):
            continue
        if not (2 <= len(name) <= 4 or any(ch in _DOT for ch in name)):
            continue
        if not re.fullmatch(f"[{HAN}{_DOT}]+", name) or any(ch in r.stop_given for ch in name):
            continue
        if name[1:] in r.stop_suffixes or name[2:] in r.stop_suffixes:
            continue  # 王女士, 欧阳先生: a form of address
        # The MSRA-trained NER is out of domain here: a name it alone finds must
        # start with a known surname (or be a transliteration with ·) and sit on
        # pkuseg token edges (克拉玛 cut out of 克拉玛依 is not a name).
        has_dot = any(ch in _DOT for ch in name)
        if not has_dot and name[0] not in r.surnames and name[:2] not in r.compound:
            continue
        if len(name) == 2 and name[0] not in r.strict_surnames:
            continue  # 安抚, 明白, 文明: an ambiguous surname + one character is a word
        if not has_dot and (s not in starts or e not in ends):
            continue
        out.append(_cand(text, s, e, [], None, "ner"))
    return out


def _org_spans(ctx: Any) -> list[tuple[int, int, str]]:
    """(clean start, clean end, org id) for every organization mention."""
    out = []
    for org in getattr(ctx, "organizations", None) or []:
        for m in org.mentions:
            try:
                s, e = ctx.norm.to_clean(m.start, m.end)
            except Exception:  # a mention the map cannot place is not used
                continue
            out.append((s, e, org.id))
    return out


def _affiliation(c: dict[str, Any], orgs: list[tuple[int, int, str]], text: str) -> str | None:
    """The organization whose mention ends where the title chain before ``c`` starts."""
    ts = c.get("title_start")
    if ts is None:
        return None
    best = None
    for _s, e, oid in orgs:
        if e <= ts and ts - e <= 12 and not re.search(r"[，,。；;！？!?\n“”]", text[e:ts]):
            if best is None or e > best[0]:
                best = (e, oid)
    return best[1] if best else None


def build_persons(ctx: Any) -> None:
    """One Person per name: rule mentions + NER PER, titles and affiliation."""
    text = ctx.norm.text
    cands = list(ctx.candidates(STORE_KEY))
    taken = [(c["start"], c["end"]) for c in cands]
    extra = []
    for c in _ner_persons(ctx):
        if any(c["start"] < b and a < c["end"] for a, b in taken):
            continue
        extra.append(c)
        taken.append((c["start"], c["end"]))
    if extra:
        cands = _propagate(text, sorted(cands + extra, key=lambda c: c["start"]))
    orgs = _org_spans(ctx)
    # a "person" inside an organization's name is part of that name
    cands = [
        c
        for c in cands
        if not any(
            s <= c["start"] and c["end"] <= e and (s, e) != (c["start"], c["end"])
            for s, e, _ in orgs
        )
    ]
    groups: dict[str, dict[str, Any]] = {}
    for c in cands:
        g = groups.setdefault(c["name"], {"titles": [], "organization": None, "mentions": []})
        for t in c["titles"]:
            if t not in g["titles"]:
                g["titles"].append(t)
        if g["organization"] is None and orgs:
            g["organization"] = _affiliation(c, orgs, text)
        g["mentions"].append(ctx.span(c["start"], c["end"]))
    for i, (name, g) in enumerate(groups.items(), len(ctx.persons) + 1):
        ctx.persons.append(
            Person(
                id=f"per-{i}",
                name=name,
                titles=g["titles"],
                organization=g["organization"],
                mentions=g["mentions"],
            )
        )
