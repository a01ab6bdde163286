"""The tokens left of an organization name: boundaries and what each token is.

(:class:`~fazhi_ie.components.tokens.Tokens` holds the token edges);
:func:`classify` tells what a token before a name is (a place, a level word,
a party marker, a stop word, an institution word or a free name token); the
other helpers check place stems and the determiners or counts that make the
name that follows a class of bodies rather than one.
"""

from __future__ import annotations

from functools import lru_cache

from ..lexicons.gazetteer import gazetteer, location_rules
from ..lexicons.orgs import admin_suffix, grammar, longest_suffix
from ..text.primitives import is_han
from .tokens import Tokens

#: Unit types of a name prefix (the region chain at the left edge of a name).
REGION_TYPES = ("region", "level", "party", "paren")

#: A unit left of a name: ``(start, end, type)``.
Unit = tuple[int, int, str]

#: Free name tokens in a name with a region prefix: at most this, +1 with no body word.
MAX_FREE = 3
#: Words in all between a region prefix and the suffix of a chain of unit words.
MAX_CHAIN = 8


def prefix_end_of(use: list[Unit], start: int) -> int:
    """End of the region units at the left edge of a name."""
    end = start
    for u in reversed(use):
        if u[2] not in REGION_TYPES:
            break
        end = u[1]
    return end


@lru_cache(maxsize=1)
def not_org_words() -> dict[str, tuple[str, ...]]:
    """Words that end like a suffix but are no institution (干部, 举办), by last character."""
    out: dict[str, list[str]] = {}
    for w in grammar().not_org_words:
        out.setdefault(w[-1], []).append(w)
    return {k: tuple(v) for k, v in out.items()}


def counted_before(text: str, start: int) -> bool:
    """Whether a count of bodies (``3家``, ``十余个``) ends at ``start``."""
    return grammar().counted_re.search(text, max(0, start - 8), start) is not None


def class_before(text: str, start: int, prev_token: str) -> bool:
    """Whether the words before ``start`` make the name that follows a class: a count
    of bodies (``3家``) or a determiner token ``prev_token`` (``各``, ``该``, ``全市``)."""
    if counted_before(text, start):
        return True
    g = grammar()
    return prev_token in g.determiners or prev_token.startswith(g.det.class_start)


def place_stem_ok(stem: str) -> bool:
    """Whether ``stem`` (a word without its admin suffix) can name a place."""
    g = grammar()
    if not stem or not is_han(stem):
        return False
    if stem in g.not_place_stems or stem in g.stop_tokens or stem in g.determiners:
        return False
    if stem[0] in g.det.place_stem:
        return False
    return True


@lru_cache(maxsize=4096)
def county_short(tok: str, suffix: str) -> bool:
    """Whether ``tok`` is a county-level division written without its suffix (垦利 for
    垦利区), as local police and courts name themselves before a body word that needs
    a place (垦利交警; not before 有限公司). The gazetteer lists no such short forms:
    alone they are often words."""
    suf = longest_suffix(suffix) if suffix else None
    if suf is None or suf.mode != "prefixed" or not 2 <= len(tok) <= 3 or not place_stem_ok(tok):
        return False
    gaz = gazetteer()
    return any(
        not short and gaz.places[code].level == "county"
        for suf in grammar().county_short_suffixes
        for code, short in gaz.forms.get(tok + suf, ())
    )


@lru_cache(maxsize=4096)
def district_short(tok: str) -> bool:
    """Whether ``tok`` is a district written without its suffix where that is the usual
    form (Hong Kong's 黄大仙 for 黄大仙区: ``district_short_forms`` of the location
    rules), a region before any body's name (黄大仙民政事务处)."""
    gaz = gazetteer()
    prefixes = tuple(p for p, _ in location_rules().get("district_short_forms", ()))
    return bool(prefixes) and any(
        short and code.startswith(prefixes) for code, short in gaz.forms.get(tok, ())
    )


def place_head_ok(head: str) -> bool:
    """Whether ``head``, which the NER puts in front of a grammar name that already has a
    region prefix, can be a place name without a suffix: 2-4 Han characters, none of
    the grammar's stop tokens, determiners, level words or modifiers."""
    g = grammar()
    if not 2 <= len(head) <= 4 or not is_han(head):
        return False
    if head in g.stop_tokens or head in g.determiners or head in g.level_words:
        return False
    return place_stem_ok(head) and not any(head.startswith(m) for m in g.modifiers)


def classify(tok: str) -> str:
    """Type of a token left of a name: region, level, party, stop, glued, org or free."""
    g = grammar()
    if tok in g.level_words or tok in g.admin_suffixes:
        return "level"
    if tok in g.party_markers:
        return "party"
    committee = g.committee
    if len(tok) >= 2 and tok.endswith(committee) and tok[:-1] in g.level_words:
        return "level"
    if tok in g.stop_tokens or tok in g.determiners or tok.endswith(g.glued_stop_ends):
        return "stop"  # 调及 (检警调及学校): a coordinator the segmenter glued to a word
    suf = admin_suffix(tok)
    if suf is not None and len(tok) > len(suf):
        stem = tok[: -len(suf)]
        if suf == g.province and stem not in g.provinces:
            return "glued"  # 得到省: provinces are a closed list
        return "region" if place_stem_ok(stem) else "glued"
    if len(tok) >= 2 and tok.endswith(committee) and admin_suffix(tok[:-1]):
        stem = tok[:-1][: -len(admin_suffix(tok[:-1]) or "")]
        return "region" if place_stem_ok(stem) else "stop"
    if longest_suffix(tok) is not None and len(tok) >= 2:
        suf2 = longest_suffix(tok)
        if suf2 is not None and len(suf2.text) >= 2:
            return "org"
    return "free"


def starts_another_body(text: str, units: list[Unit]) -> bool:
    """Whether the units read so far, left of a name's suffix, end (leftmost) with a
    level word or a place written with its suffix: an institution word further left
    is another body (县法院 / 县检察院, 白河县法院 / 白河县检察院), not a parent inside
    the name (公安局 / 红城派出所)."""
    if not units or units[-1][2] not in ("region", "level"):
        return False
    s, e, typ = units[-1]
    return typ == "level" or admin_suffix(text[s:e]) is not None


def starts_with_division(text: str) -> bool:
    """Whether ``text`` starts with the full name of an administrative division of the
    gazetteer (白河县检察院 after 白河县法院: a second body with its own place)."""
    gaz = gazetteer()
    return any(
        any(not short for _, short in gaz.forms.get(text[:n], ()))
        for n in gaz.lengths.get(text[:2], ())
    )


def bare_head(head: str) -> bool:
    """Whether ``head`` may name a bureau on its own (法务 in 法务局): a free Han word
    that is no generic noun, stop word or determiner."""
    g = grammar()
    return (
        is_han(head)
        and head not in g.not_names
        and head not in g.stop_tokens
        and head not in g.determiners
        and head[0] not in g.det.name_head
        and classify(head) == "free"
    )


def content_word(tok: str) -> bool:
    """A word ending in a level character whose stem is no place (农村, 城乡): part of
    a name, not a level marker glued to a verb (联合县)."""
    g = grammar()
    suf = admin_suffix(tok) or ""
    stem = tok[: -len(suf)] if suf else tok
    return (
        len(suf) == 1
        and stem in g.not_place_stems
        and stem not in g.determiners
        and stem[0] not in g.det.place_stem
    )


def sub_unit_suffix(suffix: str) -> bool:
    """Whether ``suffix`` is a sub-unit suffix (大队, 分局): it may follow another body."""
    suf = grammar().suffixes.get(suffix)
    return suf is not None and suf.mode == "sub"


def autonomous_area(text: str, last: Unit, tok: str, typ: str) -> bool:
    """Whether ``tok`` continues the autonomous area ``last`` to the left: an ethnic
    group (土家族 before 苗族自治州), or the place name before the groups (恩施)."""
    g = grammar()
    if last[2] not in ("region", "level") or typ != "free" or not 2 <= len(tok) <= 4:
        return False
    piece = text[last[0] : last[1]]
    suf = admin_suffix(piece) or ""
    if not suf.startswith(g.autonomous_prefix):
        return False
    if tok.endswith(g.ethnic_word_end):
        return True
    groups = piece[: -len(suf)]
    return (
        bool(groups)
        and groups.endswith(g.ethnic_word_end)
        and not tok.endswith(g.ethnic_word_end)
        and place_stem_ok(tok)
    )


def lane_start(text: str, tok: str, start: int, pos: int, prev_start: int) -> int | None:
    """Where a neighbourhood's or village's name ending in ``tok`` (里, the token at
    ``start``..``pos``) begins, when a lane suffix follows and a two-character name
    word (``prev_start``..``start``) stands before it: 幸福里社区, 仁和里办公处."""
    g = grammar()
    prev = text[prev_start:start]
    if tok not in g.lane_words or not text.startswith(g.lane_suffixes, pos):
        return None
    if len(prev) != 2 or not is_han(prev) or classify(prev) != "free":
        return None
    return prev_start


def too_free(text: str, words: list[Unit]) -> bool:
    """Whether the free and unit words between a region and the suffix (``words``,
    nearest first) are too many for one name: more than :data:`MAX_FREE` (one more
    with no unit word, or after one parent body: 公安局 网络 安全 保卫 大队); in a chain
    of ``company_chain_words`` (农村 商业 银行 股份 有限 公司 城东 支行) up to
    :data:`MAX_CHAIN` words, with at most two free words between two unit words."""
    kinds = [u[2] for u in words]
    if "orgtok" not in kinds or kinds == ["free"] * MAX_FREE + ["orgtok"]:
        return "orgtok" not in kinds and len(kinds) > MAX_FREE + 1
    if len(kinds) <= MAX_FREE:
        return False
    chain = grammar().company_chain_words
    if any(u[2] == "orgtok" and text[u[0] : u[1]] not in chain for u in words):
        return True
    runs = "".join("o" if k == "orgtok" else "f" for k in kinds).split("o")
    return len(kinds) > MAX_CHAIN or max(map(len, runs)) > MAX_FREE - 1


def split_stem(text: str, toks: Tokens, pos: int, stems: dict[str, str] | None) -> int | None:
    """The start of a place the article names elsewhere with its level (湾畔 from 湾畔区)
    ending at ``pos`` that the segmenter cut apart or glued to the word before it
    (联同湾 / 畔): the walk reads it as one region."""
    if not stems:
        return None
    for k in (4, 3, 2):
        if pos - k >= 0 and text[pos - k : pos] in stems and toks.token_before(pos) > pos - k:
            return pos - k
    return None
