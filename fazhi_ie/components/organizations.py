"""Organization recognition: a grammar of Chinese institution names.

Names are found from their right end: every institution suffix of
``data/org_grammar.json`` (司法局, 人民法院, 律师事务所, 中学, 委员会 …) is a
possible end, kept when it ends a pkuseg token. From there the name grows to
the left, token by token, over

* region units: named places (``酒泉市``, ``白碱滩区``, ``白碱滩区(克拉玛依高新区)``)
  and level words (``市``, ``县委``, ``中共``, ``全国``);
* modifiers from the lexicon (``全面依法治市``, ``农业农村``, ``禁毒``);
* free name tokens (``红星`` in 红星司法所, ``东风`` in 东风中学),

and stops at punctuation, stop words (在, 联合, 邀请, 走进 …) and determiners
(各级, 该, 全市). The leftmost region unit fixes where the name starts
(``在市司法局`` -> ``市司法局``, ``联合县司法局`` -> ``县司法局``); without one, a
suffix that needs a name (…中学, …司法所) takes the one or two free tokens
before it, a core (司法局, 法院) stands alone, the rest is dropped. A name
directly followed by a sub-unit (``公安局`` + ``城东分局`` + ``巡警大队``)
is joined with it.

Dropped: generic classes (司法行政机关), names followed by a platform or role
word (…公众号, 人大代表), names inside law titles, credit lines (来源:, 供稿,
编辑) and the header's publishing outlet. NER ORG spans from
``candidates(doc, "ner")`` are added where the grammar found nothing.

Candidates are stored in ``doc.user_data["fazhi_ie"]["orgs"]`` with offsets
into ``doc.text`` and the name analysis (prefix/region/level marker/core,
kind), and in ``doc.spans["orgs"]``; :func:`build_organizations` clusters
them into one :class:`~fazhi_ie.records.Organization` per body.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Any

from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc

from ..lexicons.orgs import (
    admin_suffix,
    cluster_core,
    grammar,
    is_han,
    kind_of,
    level_of,
    longest_suffix,
)
from ..records import AdminLevel, Organization, OrgKind
from ..resources import load_json
from .base import USER_DATA_KEY, candidates, char_span, token_edges

REGION_TYPES = ("region", "level", "party", "paren")
_COORD = frozenset("和、与及")
_OPEN_QUOTES = ("‘", "“", "「", "『")
_CLOSE_QUOTES = frozenset("’”」』")
_ADMIN_LAST = frozenset("省市州盟县区旗镇乡村道委")
_GENERIC_CORES = frozenset({"法院", "检察院", "公安局"})
_CLAUSE_TAIL = re.compile(r"[^,。;!?、:\n]*$")
_COUNTING = re.compile(r"[共有建设]")
_NUMERAL_AFTER = re.compile(r"[0-9一二两三四五六七八九十百几多]")
_NOT_SUBUNITS = frozenset({"党委", "党组", "党支部", "党总支", "工作室", "支部", "中心组"})
MAX_FREE = 3
_LINE_RE = re.compile(r"[^\n]+")
_NER_CLEAN = re.compile(r"[\u4e00-\u9fff0-9A-Za-z()·]+")


def _brackets_ok(name: str) -> bool:
    """Parentheses in a name are balanced and do not open it: ``某某(集团)公司``, not
    ``)民委员会`` cut out of ``村(居)民委员会``."""
    depth = 0
    for ch in name:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return False
    return depth == 0 and not name.startswith("(")


@lru_cache(maxsize=1)
def _counted_re() -> re.Pattern[str]:
    """A count of bodies at the end of a text: ``5个``, ``十余家``, ``多所``."""
    cls = "".join(load_json("org_grammar.json")["ner_counted_classifiers"])
    return re.compile(rf"(?:[0-9０-９]+|[一二两三四五六七八九十百千万几多数]+)[余多]?[{cls}]$")


@lru_cache(maxsize=4)
def _longest_first(words: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def _only_generic(name: str, generic: frozenset[str]) -> bool:
    """Whether ``name`` is made only of generic unit names (``企业党支部`` =
    企业 + 党支部): it names no particular body."""
    by_length = _longest_first(generic)
    rest = name
    while rest:
        for word in by_length:
            if rest.endswith(word):
                rest = rest[: -len(word)]
                break
        else:
            return False
    return True


def _counted_before(text: str, start: int) -> bool:
    """Whether a count of bodies (``3家``, ``十余个``) ends at ``start``."""
    return _counted_re().search(text, max(0, start - 8), start) is not None


def _class_before(text: str, start: int, prev_token: str) -> bool:
    """Whether the words before ``start`` make the name that follows a class: a count
    of bodies (``3家``) or a determiner token ``prev_token`` (``各``, ``该``, ``全市``)."""
    if _counted_before(text, start):
        return True
    return prev_token in grammar().determiners or prev_token.startswith("各")


@lru_cache(maxsize=1)
def _tail_words() -> frozenset[str]:
    return frozenset(load_json("org_grammar.json").get("tail_words", ()))


@lru_cache(maxsize=1)
def _ner_stop() -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]:
    d = load_json("org_grammar.json")
    return (
        tuple(d["ner_stop_prefixes"]),
        frozenset(d["ner_stop_chars"]),
        tuple(d.get("ner_stop_words", ())),
    )


_ORDINAL_END = re.compile(r"第?[一二三四五六七八九十百0-9]{1,4}届")


class _Tokens:
    """Token boundaries of a Doc as char offsets."""

    def __init__(self, doc: Doc, text: str | None = None) -> None:
        self.text = doc.text if text is None else text
        arr = doc.to_array([IDX, LENGTH]) if len(doc) else None
        if arr is None:
            self.starts_list: list[int] = []
            ends: list[int] = []
        else:
            self.starts_list = arr[:, 0].tolist()
            ends = (arr[:, 0] + arr[:, 1]).tolist()
        self.ends_list = ends
        self.by_end: dict[int, int] = dict(zip(ends, self.starts_list, strict=True))
        self.ends: set[int] = set(ends)
        self.starts: set[int] = set(self.starts_list)

    def start_at(self, i: int) -> int:
        """Start of the token that contains character ``i``."""
        k = bisect_right(self.starts_list, i) - 1
        return self.starts_list[k] if k >= 0 else 0

    @property
    def words(self) -> list[str]:
        return [self.text[s:e] for s, e in zip(self.starts_list, self.ends_list, strict=True)]

    def token_before(self, pos: int) -> int:
        """Start of the token (or the part of it) that ends at ``pos``."""
        s = self.by_end.get(pos)
        if s is not None:
            return s
        return self.start_at(pos - 1)


def prefix_end_of(use: list[tuple[int, int, str]], start: int) -> int:
    """End of the region units at the left edge of a name."""
    end = start
    for u in reversed(use):
        if u[2] not in REGION_TYPES:
            break
        end = u[1]
    return end


@lru_cache(maxsize=1)
def _not_org_words() -> dict[str, tuple[str, ...]]:
    """Words that end like a suffix but are no institution (干部, 举办), by last character."""
    out: dict[str, list[str]] = {}
    for w in grammar().not_org_words:
        out.setdefault(w[-1], []).append(w)
    return {k: tuple(v) for k, v in out.items()}


def _has_place_token(doc: Doc, start: int, end: int) -> bool:
    """Whether a token of ``doc`` inside ``[start, end)`` is a place, a level word or a
    party marker (``_classify``), or a province named without its suffix."""
    g = grammar()
    span = doc.char_span(start, end, alignment_mode="contract")
    return span is not None and any(
        t.text in g.provinces or _classify(t.text) in ("region", "level", "party") for t in span
    )


def _place_head_ok(head: str) -> bool:
    """Whether ``head``, which the NER puts in front of a grammar name that already has a
    region prefix, can be a place name without a suffix: 2-4 Han characters, none of
    the grammar's stop tokens, determiners, level words or modifiers."""
    g = grammar()
    if not 2 <= len(head) <= 4 or not is_han(head):
        return False
    if head in g.stop_tokens or head in g.determiners or head in g.level_words:
        return False
    return _place_stem_ok(head) and not any(head.startswith(m) for m in g.modifiers)


def _place_stem_ok(stem: str) -> bool:
    g = grammar()
    if not stem or not is_han(stem):
        return False
    if stem in g.not_place_stems or stem in g.stop_tokens or stem in g.determiners:
        return False
    if stem[0] in "全各该本我此其两这那":
        return False
    return True


def _classify(tok: str) -> str:
    """Type of a token left of a name: region, level, party, stop or free."""
    g = grammar()
    if tok in g.level_words or tok in g.admin_suffixes:
        return "level"
    if tok in g.party_markers:
        return "party"
    if len(tok) >= 2 and tok.endswith("委") and tok[:-1] in g.level_words:
        return "level"
    if tok in g.stop_tokens or tok in g.determiners:
        return "stop"
    suf = admin_suffix(tok)
    if suf is not None and len(tok) > len(suf):
        stem = tok[: -len(suf)]
        if suf == "省" and stem not in g.provinces:
            return "glued"  # 得到省: provinces are a closed list
        return "region" if _place_stem_ok(stem) else "glued"
    if len(tok) >= 2 and tok.endswith("委") and admin_suffix(tok[:-1]):
        stem = tok[:-1][: -len(admin_suffix(tok[:-1]) or "")]
        return "region" if _place_stem_ok(stem) else "stop"
    if longest_suffix(tok) is not None and len(tok) >= 2:
        suf2 = longest_suffix(tok)
        if suf2 is not None and len(suf2.text) >= 2:
            return "org"
    return "free"


class OrgRecognizer:
    def __init__(self, spans_key: str = "orgs", ner_key: str = "ner") -> None:
        self.spans_key = spans_key
        self.ner_key = ner_key

    # -- left extension -------------------------------------------------------------
    def _walk_left(
        self, text: str, toks: _Tokens, pos: int, stems: dict[str, str] | None = None
    ) -> list[tuple[int, int, str]]:
        """Units (start, end, type) left of ``pos``, nearest first."""
        g = grammar()
        units: list[tuple[int, int, str]] = []
        steps = 0
        while pos > 0 and steps < 10:
            steps += 1
            # modifier lexicon (may cross token edges: 全面/依法/治/市)
            mod = None
            for k in range(min(g.max_modifier, pos), 1, -1):
                if text[pos - k : pos] in g.modifiers:
                    mod = k
                    break
            if mod is not None and (pos - mod) in toks.starts:
                units.append((pos - mod, pos, "free"))
                pos -= mod
                continue
            pm = next((w for w in g.party_markers if text.endswith(w, 0, pos)), None)
            if pm is not None and (pos - len(pm)) in toks.starts:
                units.append((pos - len(pm), pos, "party"))
                pos -= len(pm)
                continue
            ch = text[pos - 1]
            if ch in _CLOSE_QUOTES and not units:
                # ‘暖心’未检工作室: a quoted name right before the suffix
                op = max(text.rfind(q, max(0, pos - 10), pos - 1) for q in _OPEN_QUOTES)
                inner = text[op + 1 : pos - 1] if op >= 0 else ""
                if inner and 2 <= len(inner) <= 8 and is_han(inner.replace("·", "")):
                    units.append((op, pos, "free"))
                    pos = op
                    continue
                break
            if ch == ")":
                op = text.rfind("(", max(0, pos - 16), pos - 1)
                inner = text[op + 1 : pos - 1] if op >= 0 else ""
                if len(inner) >= 2 and is_han(inner) and admin_suffix(inner):
                    units.append((op, pos, "paren"))
                    pos = op
                    continue
                break
            if ch == "委" and pos >= 2 and text[pos - 2] == ")":
                # 区(高新区)委: the committee marker after a parenthesised region
                units.append((pos - 1, pos, "level"))
                pos -= 1
                continue
            om = _ORDINAL_END.search(text, max(0, pos - 8), pos)
            if om is not None and om.end() == pos:
                units.append((om.start(), pos, "free"))
                pos = om.start()
                continue
            start = toks.token_before(pos)
            tok = text[start:pos]
            if tok.isdigit() and len(tok) >= 3 and not units:
                units.append((start, pos, "digits"))
                pos = start
                continue
            if not tok or not is_han(tok):
                break
            typ = _classify(tok)
            if typ == "free" and ((stems and tok in stems) or tok in g.provinces):
                typ = "region"
            if typ == "glued":
                # 联合县 / 司法局: keep the level character only
                suf = admin_suffix(tok) or ""
                stem = tok[: -len(suf)] if suf else tok
                if (len(suf) == 1 or suf in g.level_words) and not (
                    stem in g.determiners or stem[0] in "各全该本其此"
                ):
                    units.append((pos - len(suf), pos, "level"))
                break
            if typ == "stop":
                # 我市 / 本县: the level character belongs to the name
                if len(tok) == 2 and tok[0] in "我本" and tok[1] in "省市县区州旗镇乡":
                    units.append((pos - 1, pos, "level"))
                break
            if typ == "org":
                # 市政府 / 法制办, 公安局 / 经济开发区分局: a parent body inside the name
                lead = next(
                    (w for w in g.level_words_by_len if tok.startswith(w)),
                    None,
                )
                if lead and len(tok) > len(lead):
                    units.append((start + len(lead), pos, "free"))
                    units.append((start, start + len(lead), "level"))
                else:
                    units.append((start, pos, "orgtok"))
                pos = start
                continue
            if typ == "free" and len(tok) > 4:
                break
            if typ == "free" and units and units[-1][2] in ("region", "level"):
                rs, re_, rtyp = units[-1]
                piece = text[rs:re_]
                if piece.endswith("委") and len(piece) > 1:
                    piece = piece[:-1]
                suf = admin_suffix(piece) or ""
                stem_len = len(piece) - len(suf)
                if (
                    suf
                    and (suf != "省" or tok in g.provinces)
                    and 2 <= len(tok) <= 4
                    and (stem_len == 1 or (stem_len == 0 and (len(suf) == 1 or len(suf) >= 2)))
                    and (rtyp == "region" or piece in g.admin_suffixes)
                ):
                    # 白堿 / 滩区, 酒泉 / 市, 克拉玛依 / 高新区: the place name goes on
                    units[-1] = (start, re_, "region")
                    pos = start
                    continue
            units.append((start, pos, typ))
            pos = start
        return units

    def _analyse(
        self,
        text: str,
        toks: _Tokens,
        s: int,
        e: int,
        suffix: str,
        stems: dict[str, str] | None = None,
    ) -> dict[str, Any] | None:
        g = grammar()
        suf = g.suffixes[suffix]
        # A name does not start mid-word: 审计局, 农村局 take the whole token,
        # unless the token's head is a level word (市委 -> 市 + 委).
        core_start = s
        for k in range(min(g.max_modifier, s), 1, -1):
            if text[s - k : s] in g.modifiers and (s - k) in toks.starts:
                core_start = s - k
                break
        head_ok = core_start < s
        if core_start == s and s not in toks.starts:
            ts = toks.start_at(s)
            head = text[ts:s]
            if is_han(head) and _classify(head) not in ("level", "region", "party"):
                if head in g.determiners or head in g.stop_tokens or head[0] in "该本其此各全":
                    return None
                core_start = ts
                head_ok = len(suffix) >= 2 or head in g.modifiers
        units = self._walk_left(text, toks, core_start, stems)
        left = [i for i, u in enumerate(units) if u[2] in REGION_TYPES]
        if left:
            last = left[-1]
            n_free = sum(1 for u in units[: last + 1] if u[2] in ("free", "orgtok"))
            if n_free > MAX_FREE:
                left = []
        if left:
            use = units[: left[-1] + 1]
            if any(u[2] == "orgtok" for u in use) and (
                (len(suffix) == 1 and not head_ok) or suffix in _NOT_SUBUNITS
            ):
                # 公安分局党委 is the 公安分局 itself; 司法局机关支部 is not a body here
                return None
        else:
            free = []
            for u in units:
                if u[2] not in ("free", "orgtok", "digits"):
                    break
                free.append(u)
            ext = s - core_start
            if suf.mode == "core":
                use = free[:1] if free and free[0][2] == "digits" else []
            elif suf.mode in ("named", "core_named"):
                n = 1
                if suf.kind == "company":
                    n = 4
                elif free and (free[0][2] == "orgtok" or free[0][1] - free[0][0] == 1):
                    n = 3
                use = [u for u in free[:n]]
                while use and use[-1][2] == "orgtok":
                    use.pop()
                if sum(u[1] - u[0] for u in use) > 10:
                    use = use[:1]
                if use and all(text[u[0] : u[1]] in g.not_names for u in use):
                    use = []
                if not use and (ext < 2 or not head_ok) and suf.mode == "named":
                    return None
            elif suf.mode == "sub":
                use = [u for u in free[:1] if text[u[0] : u[1]] in g.modifiers]
                if not use and len(free) >= 2 and free[0][2] == "free" and free[1][2] == "orgtok":
                    use = free[:1]  # 中国银行 / 白石 / 支行: joined with its parent below
                if not use and (ext < 2 or not head_ok):
                    return None
            else:  # prefixed
                use = [u for u in free[:1] if text[u[0]] in _OPEN_QUOTES]
                if ext < 2 or not head_ok:
                    mod_units = [u for u in free[:1] if text[u[0] : u[1]] in g.modifiers]
                    if not mod_units:
                        return None
                    use = mod_units
        if (
            not left
            and suffix in g.weak_suffixes
            and not any(text[u[0]] in _OPEN_QUOTES for u in use)
        ):
            # 检察中心, 宣传站, 社区矫正办公室: a function word + a generic unit, no body
            return None
        start = use[-1][0] if use else core_start
        # the token before the name: a determiner makes it generic (各级法院)
        region_units = [u for u in use if u[2] in REGION_TYPES]
        if start > 0:
            ps = toks.token_before(start)
            prev = text[ps:start]
            if prev.startswith("各") or _counted_before(text, start):
                return None  # 各级法院, 十余个X公司: a class
            if not region_units and (prev in g.determiners or (prev and prev[-1] in "各该本其此")):
                return None
        name = text[start:e]
        if name in g.generic_names:
            return None
        if text[prefix_end_of(use, start) : e] in g.generic_cores:
            return None  # 区中小学校
        # prefix = region units at the left edge (contiguous)
        prefix_end = start
        region_named: list[str] = []
        marker = None
        for u in reversed(use):
            if u[2] not in REGION_TYPES:
                break
            prefix_end = u[1]
            piece = text[u[0] : u[1]]
            if u[2] == "region":
                if piece.endswith("委") and len(piece) > 1:
                    piece = piece[:-1]
                if stems and not admin_suffix(piece) and stems.get(piece):
                    piece += stems[piece]  # 青山中院 in an article about 青山市
                region_named.append(piece)
                marker = admin_suffix(piece) or marker
            elif u[2] == "paren":
                if region_named:
                    region_named[-1] += piece
            elif u[2] == "level":
                m = piece[:-1] if piece.endswith("委") and len(piece) > 1 else piece
                if g.level_words.get(m) == "national":
                    pass
                elif m in g.level_words or admin_suffix(m):
                    marker = m if m in g.level_words else admin_suffix(m)
                    if region_named and not admin_suffix(region_named[-1]) and admin_suffix(m):
                        # 青山 (a known place) + 市委: the region is 青山市
                        region_named[-1] += m
        core = text[prefix_end:e]
        region = "".join(region_named) or None
        return {
            "start": start,
            "end": e,
            "name": name,
            "prefix": text[start:prefix_end],
            "core": core,
            "region": region,
            "marker": marker,
            "suffix": suffix,
            "mode": suf.mode,
            "kind": kind_of(name, core),
            "level": level_of(marker, name),
            "source": "grammar",
        }

    @staticmethod
    def _place_stems(toks: _Tokens) -> dict[str, str]:
        """Place names the article itself writes with a suffix (青山 -> 市 from 青山市)."""
        g = grammar()
        text = toks.text
        starts, ends = toks.starts_list, toks.ends_list
        out: dict[str, str] = {}
        for i, e in enumerate(ends):
            if text[e - 1] not in _ADMIN_LAST:
                continue
            w = text[starts[i] : e]
            if w.endswith("委") and len(w) >= 2:
                w = w[:-1]  # 青山市委, 青山 / 市委
            suf = admin_suffix(w)
            if suf and len(suf) == 1 and len(w) >= 3 and _classify(w) == "region":
                out.setdefault(w[:-1], suf)
            elif i > 0 and w in ("市", "县", "区", "州") and ends[i - 1] == starts[i]:
                prev = text[starts[i - 1] : ends[i - 1]]
                if 2 <= len(prev) <= 4 and is_han(prev) and _classify(prev) == "free":
                    out.setdefault(prev, w)
        return {k: v for k, v in out.items() if k not in g.stop_tokens and k not in g.not_names}

    def _ner_places(self, doc: Doc, text: str) -> dict[str, str]:
        """Place names found by the NER component (包头 in 包头稀土高新区)."""
        out: dict[str, str] = {}
        for n in candidates(doc, self.ner_key):
            if n.label in ("LOC", "GPE"):
                name = text[n.start : n.end]
                if 2 <= len(name) <= 6 and is_han(name):
                    out[name] = ""
        return out

    # -- exclusions -------------------------------------------------------------------
    @staticmethod
    def _credit_ranges(text: str) -> list[tuple[int, int]]:
        g = grammar()
        out = []
        for m in _LINE_RE.finditer(text):
            line = m.group(0)
            if g.credit_line.search(line):
                out.append((m.start(), m.end()))
                continue
            stripped = line.strip()
            if len(stripped) <= 60 and any(p in stripped for p in g.credit_phrases):
                if stripped.endswith(("供稿", "提供", ")", "）")) or stripped.startswith(
                    ("(", "（")
                ):
                    out.append((m.start(), m.end()))
        return out

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        g = grammar()
        toks = _Tokens(doc, text)
        stems = {**self._ner_places(doc, text), **self._place_stems(toks)}
        found: list[dict[str, Any]] = []
        # every end position, with the longest suffix ending there
        ends: dict[int, int] = {}
        for m in g.suffix_re.finditer(text):
            s, e = m.start(1), m.end(1)
            if e not in ends or s < ends[e]:
                ends[e] = s
        for e, s in sorted(ends.items()):
            suffix = text[s:e]
            if (
                e not in toks.ends
                and text[e : e + 2] != suffix[-1] + "长"  # 处处长 = 处 + 处长 is an end
                and text[e - 1 : e + 1] not in _tail_words()  # 派出所在 = 派出所 + 在
            ):
                continue
            if any(
                text.endswith(w, 0, e) and len(w) > len(suffix)
                for w in _not_org_words().get(suffix[-1], ())
            ):
                continue
            cand = self._analyse(text, toks, s, e, suffix, stems)
            if cand is not None:
                found.append(cand)
        found = self._resolve(found)
        found += self._coordinated(text, toks, found)
        found += self._shared_prefix(text, toks, found)
        found.sort(key=lambda c: c["start"])
        found = self._join_subunits(text, found)
        found = [c for c in found if self._keep(text, c)]
        found = self.merge_ner(doc, text, found)
        found.sort(key=lambda c: c["start"])
        candidates(doc, self.spans_key).extend(found)
        spans = [char_span(doc, c["start"], c["end"], c["kind"]) for c in found]
        doc.spans[self.spans_key] = [sp for sp in spans if sp is not None]
        return doc

    @staticmethod
    def _coordinated(text: str, toks: _Tokens, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """按照中央和省委要求: 中央 is a body when coordinated with one."""
        starts = {c["start"] for c in found}
        ends = {c["end"] for c in found}
        out = []
        for word in grammar().coordinated_standalone:
            i = text.find(word)
            while i >= 0:
                e = i + len(word)
                if (
                    i in toks.starts
                    and e in toks.ends
                    and not any(c["start"] <= i < c["end"] for c in found)
                ):
                    after = text[e : e + 1] in _COORD and (e + 1) in starts
                    before = i > 0 and text[i - 1] in _COORD and (i - 1) in ends
                    if after or before:
                        name = text[i:e]
                        out.append(
                            {
                                "start": i,
                                "end": e,
                                "name": name,
                                "prefix": "",
                                "core": name,
                                "region": None,
                                "marker": None,
                                "suffix": name,
                                "mode": "core",
                                "kind": "party",
                                "level": "national",
                                "source": "grammar",
                            }
                        )
                i = text.find(word, e)
        return out

    @staticmethod
    def _shared_prefix(
        text: str, toks: _Tokens, found: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """市委宣传部、统战部: a bare item of a list shares the prefix of the first."""
        g = grammar()
        taken = {c["start"]: c for c in found}
        out: list[dict[str, Any]] = []
        for c in sorted(found, key=lambda c: c["start"]):
            if not c["prefix"] or c.get("inherit"):
                continue
            pos = c["end"]
            while pos < len(text) and text[pos] == "、" and (pos + 1) in toks.starts:
                s = pos + 1
                other = taken.get(s)
                if other is not None:
                    if other["prefix"] or other["mode"] == "named":
                        break
                    # 市委宣传部、政法委: the bare core takes the shared prefix too
                    other.update(
                        region=c["region"],
                        marker=c["marker"],
                        level=c["level"] or other["level"],
                        inherit=c["prefix"],
                    )
                    pos = other["end"]
                    continue
                e = next((x for x in sorted(toks.ends) if x > s), None)
                if e is None:
                    break
                word = text[s:e]
                suf = longest_suffix(word)
                if (
                    suf is None
                    or suf.mode == "named"
                    or not is_han(word)
                    or word in g.generic_names
                    or (len(suf.text) < len(word) and word[: -len(suf.text)] not in g.modifiers)
                    or (len(suf.text) == 1 and len(word) == 1)
                ):
                    break
                full = c["prefix"] + word
                out.append(
                    {
                        "start": s,
                        "end": e,
                        "name": word,
                        "prefix": "",
                        "core": word,
                        "region": c["region"],
                        "marker": c["marker"],
                        "suffix": suf.text,
                        "mode": suf.mode,
                        "kind": kind_of(full, word),
                        "level": c["level"],
                        "source": "grammar",
                        "inherit": c["prefix"],
                    }
                )
                pos = e
        return out

    @staticmethod
    def _resolve(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Overlapping candidates: the longest wins."""
        found.sort(key=lambda c: (-(c["end"] - c["start"]), c["start"]))
        taken: list[tuple[int, int]] = []
        out = []
        for c in found:
            if any(c["start"] < b and a < c["end"] for a, b in taken):
                continue
            taken.append((c["start"], c["end"]))
            out.append(c)
        out.sort(key=lambda c: c["start"])
        return out

    @staticmethod
    def _join_subunits(text: str, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """公安局 + 城东分局 + 巡警大队 -> one name."""
        out: list[dict[str, Any]] = []
        for c in found:
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev["end"] == c["start"]
                and (c["mode"] == "sub" or not c["region"] or c["prefix"] == "")
                and not c["prefix"].startswith(("中共", "中国共产党"))
            ):
                name = text[prev["start"] : c["end"]]
                merged = dict(prev)
                merged.update(
                    end=c["end"],
                    name=name,
                    core=text[prev["start"] + len(prev["prefix"]) : c["end"]],
                    suffix=c["suffix"],
                    mode=c["mode"],
                    kind=kind_of(name, c["core"]) if c["kind"] != "grassroots" else c["kind"],
                    parent=prev["name"],
                )
                out[-1] = merged
                continue
            out.append(c)
        return out

    @staticmethod
    def _keep(text: str, c: dict[str, Any]) -> bool:
        g = grammar()
        after = text[c["end"] : c["end"] + 6]
        for f in g.followers:
            if after.startswith(f):
                return False
        if after.startswith(g.role_followers.get(c["suffix"], ())):
            return False  # 人大代表, 政协委员: role nouns
        if c["name"] in g.generic_names:
            return False
        before = _CLAUSE_TAIL.search(text, max(0, c["start"] - 15), c["start"])
        if (
            not c["prefix"]
            and _NUMERAL_AFTER.match(after)
            and before
            and _COUNTING.search(before.group(0))
        ):
            # 全市共有律师事务所28家, 公证处3个: a class being counted
            return False
        return True

    def merge_ner(self, doc: Doc, text: str, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Add the NER component's ORG spans (when it ran first), drop credit lines."""
        if candidates(doc, self.ner_key):
            doc.user_data.setdefault(USER_DATA_KEY, {})["orgs_ner_merged"] = True
            found = list(found)
            extra = self._from_ner(doc, text, found)  # may drop a grammar span it extends
            found += extra
        credits = self._credit_ranges(text)
        return [c for c in found if not any(a <= c["start"] < b for a, b in credits)]

    def _from_ner(self, doc: Doc, text: str, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
        g = grammar()
        out = []
        starts, _ = token_edges(doc)
        ner_stop = _ner_stop()
        token_ending = {t.idx + len(t.text): t.text for t in doc}
        for n in candidates(doc, self.ner_key):
            if n.label != "ORG":
                continue
            s, e = n.start, n.end
            inner = [c for c in found if s < c["end"] and c["start"] < e]
            if any(c["start"] < e and s < c["end"] for c in out):
                continue
            if inner and not (
                # NER gives the fuller name: a shop name where the grammar stopped at 我,
                # or a place the grammar cannot know before its prefix (包头 + 稀土高新区…)
                len(inner) == 1
                and s < inner[0]["start"]
                and inner[0]["end"] == e
                and (not inner[0]["prefix"] or _place_head_ok(text[s : inner[0]["start"]]))
            ):
                continue
            name = text[s:e]
            if not name or _only_generic(name, g.generic_names) or len(name) < 4:
                continue
            if _class_before(text, s, token_ending.get(s, "")):
                continue  # 3家企业党支部, 各派出所: a class, not one body
            # The MSRA-trained NER is out of domain: keep only clean spans that
            # start on a pkuseg token edge (not 联合X律师事务所, not 中,该分局).
            if not _NER_CLEAN.fullmatch(name) or s not in starts or not _brackets_ok(name):
                continue
            if name.startswith(ner_stop[0]) or any(ch in name for ch in ner_stop[1]):
                continue
            if any(w in name for w in ner_stop[2]):
                continue
            suf = longest_suffix(name)
            if suf is None or suf.text == name:
                continue
            if suf.text in g.weak_suffixes and not _has_place_token(doc, s, e - len(suf.text)):
                # 综合办公室, 社区矫正办公室: the grammar's rule for generic units holds for
                # the NER's spans too (a weak unit word needs a place in the name)
                continue
            cand = {
                "start": s,
                "end": e,
                "name": name,
                "prefix": "",
                "core": name,
                "region": None,
                "marker": None,
                "suffix": suf.text,
                "mode": suf.mode,
                "kind": kind_of(name, name),
                "level": level_of(None, name),
                "source": "ner",
            }
            if self._keep(text, cand):
                if inner:
                    found.remove(inner[0])
                out.append(cand)
        return out


@Language.factory(
    "fazhi_orgs",
    assigns=["doc.spans"],
    default_config={"spans_key": "orgs", "ner_key": "ner"},
)
def make_org_recognizer(nlp: Language, name: str, spans_key: str, ner_key: str) -> OrgRecognizer:
    return OrgRecognizer(spans_key=spans_key, ner_key=ner_key)


# --- builder ------------------------------------------------------------------------------
def _outlet_range(ctx: Any) -> tuple[int, int] | None:
    sp = ctx.norm.source_span
    if sp is None:
        return None
    try:
        return ctx.norm.to_clean(sp.start, sp.end)
    except Exception:  # pragma: no cover - defensive: a span outside the map
        return None


def build_organizations(ctx: Any) -> None:
    """One Organization per body: mentions clustered by core and region."""
    cands = list(ctx.candidates("orgs"))
    store = ctx.doc.user_data.get(USER_DATA_KEY, {})
    if ctx.candidates("ner") and not store.get("orgs_ner_merged"):
        # the NER component ran after fazhi_orgs: merge its ORG spans here
        cands = OrgRecognizer().merge_ner(ctx.doc, ctx.norm.text, cands)
        cands.sort(key=lambda c: c["start"])
    outlet = _outlet_range(ctx)
    source = ctx.norm.source
    if outlet is not None:
        cands = [c for c in cands if not (c["start"] < outlet[1] and outlet[0] < c["end"])]
    if source:
        # The outlet is metadata; a body that also acts in the text stays.
        cands = [c for c in cands if c["name"] != source or c["kind"] != "media"]
    laws = [(c["start"], c["end"]) for c in ctx.candidates("laws")]
    cands = [c for c in cands if not any(c["start"] < b and a < c["end"] for a, b in laws)]
    groups: list[dict[str, Any]] = []
    by_key: dict[tuple[str, str | None, str | None], dict[str, Any]] = {}
    # 龙安区 and 安阳市龙安区: the shorter chain names the same region
    chains = sorted({c["region"] for c in cands if c["region"]}, key=len, reverse=True)
    for c in cands:
        region = c["region"]
        if region:
            region = next((r for r in chains if r.endswith(region)), region)
        key = (cluster_core(c["core"]), region, c["marker"])
        grp = by_key.get(key)
        if grp is None:
            grp = by_key[key] = {"key": key, "cands": []}
            groups.append(grp)
        grp["cands"].append(c)
    # 市司法局 -> 酒泉市司法局 when that is the only 市-level body with that core
    merged: dict[int, dict[str, Any]] = {}
    for grp in groups:
        core, region, marker = grp["key"]
        short = grp["cands"][0]["name"]
        if len(short) >= 4:
            # a short form that ends exactly one longer name of the article
            # (X派出所 after Y公安X派出所)
            longer = [
                o
                for o in groups
                if o is not grp
                and any(c["name"].endswith(short) and c["name"] != short for c in o["cands"])
            ]
            if len(longer) == 1 and _root(longer[0], merged) is not grp:
                merged[id(grp)] = _root(longer[0], merged)
                continue
        if region is not None:
            continue
        if marker is not None:
            targets = [
                o
                for o in groups
                if o is not grp and o["key"][0] == core and o["key"][1] and o["key"][2] == marker
            ]
        else:
            targets = [o for o in groups if o is not grp and o["key"][0] == core]
            if not targets and len(core) >= 4:
                # 普法协调小组 after 县委依法治县委员会普法协调小组
                targets = [o for o in groups if o is not grp and o["key"][0].endswith(core)]

            if not targets and core in _GENERIC_CORES:
                # 走进法院 after 青山市中级人民法院: the one court of the article
                kind = grp["cands"][0]["kind"]
                targets = [o for o in groups if o is not grp and o["cands"][0]["kind"] == kind]
        roots = {id(_root(o, merged)): _root(o, merged) for o in targets}
        if len(roots) == 1:
            merged[id(grp)] = next(iter(roots.values()))
        elif len(roots) > 1 and marker is None:
            best = max(roots.values(), key=lambda o: len(o["cands"]))
            merged[id(grp)] = best
    final: list[dict[str, Any]] = []
    for grp in groups:
        root = _root(grp, merged)
        if root is grp:
            final.append(grp)
        else:
            root.setdefault("extra", []).extend(grp["cands"])
    regions = _article_regions(cands)
    for grp in final:
        cs = sorted(grp["cands"] + grp.get("extra", []), key=lambda c: c["start"])
        best = max(cs, key=lambda c: (len(c["name"]), c["region"] is not None, -c["start"]))
        name = best["name"]
        region = best["region"]
        marker = best["marker"]
        full = best.get("inherit", "") + name  # 统战部 after 市委宣传部 -> 市委统战部
        canonical = full
        if region is None and marker is not None and full.startswith(marker):
            fixed = regions.get(marker)
            if fixed is not None:
                canonical = fixed + full[len(marker) :]
                region = fixed
        level = best["level"]
        if level is None:
            level = next((c["level"] for c in cs if c["level"]), None)
        kind = best["kind"] if best["kind"] in OrgKind.__members__ else "other"
        ctx.organizations.append(
            Organization(
                id=f"org-{len(ctx.organizations) + 1}",
                name=name,
                canonical=canonical,
                kind=OrgKind(kind),
                level=AdminLevel(level) if level in AdminLevel.__members__ else None,
                region=region,
                mentions=[ctx.span(c["start"], c["end"]) for c in cs],
            )
        )


def _root(grp: dict[str, Any], merged: dict[int, dict[str, Any]]) -> dict[str, Any]:
    seen = 0
    while id(grp) in merged and seen < 20:
        grp = merged[id(grp)]
        seen += 1
    return grp


def _article_regions(cands: list[dict[str, Any]]) -> dict[str, str]:
    """Level marker -> the one named region of that level the article uses."""
    by_marker: dict[str, set[str]] = {}
    for c in cands:
        if c["region"] and c["marker"]:
            by_marker.setdefault(c["marker"], set()).add(c["region"])
    return {m: next(iter(rs)) for m, rs in by_marker.items() if len(rs) == 1}
