"""Organization names: the grammar (data/org_grammar.json) and name analysis.

An institution name is read as ``PREFIX + CORE`` where PREFIX is a chain of
region units (``酒泉市``, ``白碱滩区(克拉玛依高新区)``, level words such as
``市``, ``区委``, ``中共``) and CORE the rest (``司法局``, ``委宣传部`` …).
:func:`kind_of`, :func:`level_of` and :func:`cluster_core` give the record
attributes and the key used to group mentions of one body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..resources import load_json

HAN = re.compile(r"^[\u3400-\u9fff]+$")


@dataclass(frozen=True)
class Suffix:
    text: str
    kind: str
    mode: str  # core | named | prefixed | sub


@dataclass(frozen=True)
class Grammar:
    suffixes: dict[str, Suffix]
    suffix_re: re.Pattern[str]
    admin_suffixes: tuple[str, ...]
    level_words: dict[str, str]
    party_markers: frozenset[str]
    not_place_stems: frozenset[str]
    stop_tokens: frozenset[str]
    determiners: frozenset[str]
    not_names: frozenset[str]
    generic_names: frozenset[str]
    followers: tuple[str, ...]
    credit_line: re.Pattern[str]
    credit_phrases: tuple[str, ...]
    core_aliases: dict[str, str]
    modifiers: frozenset[str]
    level_words_by_len: tuple[str, ...]
    max_modifier: int
    not_org_words: tuple[str, ...]
    provinces: frozenset[str]
    generic_cores: frozenset[str]
    coordinated_standalone: tuple[str, ...]
    core_rewrites: tuple[tuple[str, str], ...]
    role_followers: dict[str, tuple[str, ...]]
    weak_suffixes: frozenset[str]


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    d = load_json("org_grammar.json")
    suffixes = {s: Suffix(s, k, m) for s, k, m in d["suffixes"]}
    alts = "|".join(map(re.escape, sorted(suffixes, key=len, reverse=True)))
    mods = tuple(sorted(set(d["modifiers"]), key=len, reverse=True))
    return Grammar(
        suffixes=suffixes,
        # lookahead: every start position, longest suffix there
        suffix_re=re.compile(
            "(?=[" + "".join(sorted({s[0] for s in suffixes})) + f"])(?=({alts}))"
        ),
        admin_suffixes=tuple(sorted(d["admin_suffixes"], key=len, reverse=True)),
        level_words=dict(d["level_words"]),
        party_markers=frozenset(d["party_markers"]),
        not_place_stems=frozenset(d["region_stems_not_places"]),
        stop_tokens=frozenset(d["stop_tokens"]),
        determiners=frozenset(d["determiners"]),
        not_names=frozenset(d["name_tokens_not_names"]),
        generic_names=frozenset(d["generic_names"]),
        followers=tuple(sorted(d["not_org_followers"], key=len, reverse=True)),
        credit_line=re.compile(d["credit_line"]),
        credit_phrases=tuple(d["credit_phrases"]),
        core_aliases=dict(d["core_aliases"]),
        modifiers=frozenset(mods),
        level_words_by_len=tuple(sorted(d["level_words"], key=len, reverse=True)),
        max_modifier=max((len(m) for m in mods), default=0),
        not_org_words=tuple(sorted(d["not_org_words"], key=len, reverse=True)),
        provinces=frozenset(d["provinces"]),
        generic_cores=frozenset(d["generic_cores"]),
        coordinated_standalone=tuple(d["coordinated_standalone"]),
        core_rewrites=tuple((a, b) for a, b in d["core_rewrites"]),
        role_followers={k: tuple(v) for k, v in d["role_followers"].items()},
        weak_suffixes=frozenset(d["weak_suffixes"]),
    )


def is_han(text: str) -> bool:
    return bool(HAN.match(text))


@lru_cache(maxsize=8192)
def admin_suffix(text: str) -> str | None:
    """The administrative suffix a place-like word ends with (``市``, ``自治区`` …)."""
    for suf in grammar().admin_suffixes:
        if text.endswith(suf):
            return suf
    return None


def longest_suffix(name: str) -> Suffix | None:
    """The longest grammar suffix that ``name`` ends with."""
    suffixes = grammar().suffixes
    for i in range(len(name)):
        s = suffixes.get(name[i:])
        if s is not None:
            return s
    return None


_LEVEL_BY_SUFFIX = {
    "特别行政区": "provincial",
    "自治区": "provincial",
    "省": "provincial",
    "自治州": "prefectural",
    "市": "prefectural",
    "州": "prefectural",
    "盟": "prefectural",
    "自治县": "county",
    "自治旗": "county",
    "县": "county",
    "区": "county",
    "旗": "county",
    "高新区": "county",
    "开发区": "county",
    "新区": "county",
    "镇": "township",
    "乡": "township",
    "街道": "township",
    "村": "village",
    "社区": "village",
}

_NATIONAL_PREFIXES = ("中央", "全国", "国家", "最高", "中共中央", "中国共产党中央", "国务院")
_NATIONAL_NAMES = ("司法部", "公安部", "最高人民法院", "最高人民检察院", "最高检", "最高法")


def level_of(marker: str | None, name: str) -> str | None:
    """Administrative level from the last level marker of the prefix."""
    if name.startswith(_NATIONAL_PREFIXES) or name in _NATIONAL_NAMES:
        return "national"
    if name.startswith(("中共", "中国共产党")) and ("中央" in name[:8]):
        return "national"
    if not marker:
        return None
    return grammar().level_words.get(marker) or _LEVEL_BY_SUFFIX.get(marker)


def kind_of(name: str, core: str) -> str:
    """OrgKind value of a name from its suffix, with a few overrides."""
    suf = longest_suffix(name)
    kind = suf.kind if suf is not None else "other"
    if core in ("委", "党委") and name != core:
        return "party"
    if "公安" in name and kind in ("government", "other", "police"):
        return "police"
    if "检察" in name and kind in ("other", "government"):
        return "procuratorate"
    if "法院" in name and kind in ("other", "government"):
        return "court"
    if "司法" in name and kind in ("other", "government"):
        return "justice_admin"
    if kind == "government" and re.search(r"[省市县区州旗]委", name[:8]):
        return "party"
    return kind


_ORDINAL = re.compile(r"第?[一二三四五六七八九十百0-9]+届")


def cluster_core(core: str) -> str:
    """The core of a name with abbreviations and optional words unified."""
    aliases = grammar().core_aliases
    out = _ORDINAL.sub("", core)
    for a, b in grammar().core_rewrites:
        out = out.replace(a, b)
    # 市委宣传部 and 市宣传部, 市人民法院 and 市法院: same bodies.
    for long, short in sorted(aliases.items(), key=lambda kv: -len(kv[0])):
        if out.endswith(long):
            out = out[: -len(long)] + short
            break
    return out


def national_prefix(name: str) -> bool:
    return name.startswith(_NATIONAL_PREFIXES)
