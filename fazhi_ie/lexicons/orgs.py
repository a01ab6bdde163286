"""Organization names: the grammar (data/org_grammar.json) and name analysis.

An institution name is read as ``PREFIX + CORE`` where PREFIX is a chain of
region units (``酒泉市``, ``白碱滩区(克拉玛依高新区)``, level words such as
``市``, ``区委``, ``中共``) and CORE the rest (``司法局``, ``委宣传部`` …).
:func:`kind_of`, :func:`level_of` and :func:`cluster_core` give the record
attributes and the key used to group mentions of one body.

Every word list, character set and pattern of the grammar is read once, into
:class:`Grammar` (:func:`grammar`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..resources import load_json

__all__ = [
    "Determiners",
    "Grammar",
    "Suffix",
    "admin_suffix",
    "cluster_core",
    "folded_department",
    "grammar",
    "kind_of",
    "level_of",
    "longest_suffix",
]


@dataclass(frozen=True)
class Suffix:
    text: str
    kind: str
    mode: str  # core | named | core_named | prefixed | sub


@dataclass(frozen=True)
class Determiners:
    """Determiner characters, by the place the grammar checks them (see the data's note)."""

    place_stem: frozenset[str]  # a place stem never starts with one (全市, 我区)
    name_head: frozenset[str]  # a cut token head or a glued stem starting with one (该局)
    before_name: frozenset[str]  # the token before an unprefixed name ends with one (该)
    class_start: str  # the token before a name starts with it: a class (各级法院)
    proximal: frozenset[str]  # 我市 / 本县: the level character belongs to the name


@dataclass(frozen=True)
class Grammar:
    suffixes: dict[str, Suffix]
    suffix_re: re.Pattern[str]
    admin_suffixes: tuple[str, ...]
    # the ends of longer administrative suffixes (技术开发区 of 经济技术开发区)
    admin_suffix_parts: frozenset[str]
    level_words: dict[str, str]
    party_markers: tuple[str, ...]
    not_place_stems: frozenset[str]
    stop_tokens: frozenset[str]
    determiners: frozenset[str]
    not_names: frozenset[str]
    generic_names: frozenset[str]
    followers: tuple[str, ...]
    honour_after: tuple[str, ...]
    honour_before: tuple[str, ...]
    credit_line: re.Pattern[str]
    credit_phrases: tuple[str, ...]
    credit_phrase_ends: tuple[str, ...]
    core_aliases: tuple[tuple[str, str], ...]  # longest first
    modifiers: frozenset[str]
    level_words_by_len: tuple[str, ...]
    max_modifier: int
    not_org_words: tuple[str, ...]
    provinces: frozenset[str]
    generic_cores: frozenset[str]
    coordinated_standalone: tuple[str, ...]
    core_rewrites: tuple[tuple[str, str], ...]
    government_bureau: tuple[tuple[str, ...], tuple[str, ...]]
    restating_levels: frozenset[str]
    role_followers: dict[str, tuple[str, ...]]
    weak_suffixes: frozenset[str]
    # single characters and character sets
    committee: str
    province: str
    coordinators: frozenset[str]
    name_coordinators: frozenset[str]
    coordinated_core_suffixes: frozenset[str]
    coordinated_core_long_suffixes: frozenset[str]
    bare_bureau_suffixes: frozenset[str]
    two_word_named: frozenset[str]
    school_status_words: tuple[str, ...]
    open_brackets: frozenset[str]
    quote_chars: str
    title_folded: frozenset[str]
    title_units: frozenset[str]
    title_unit_pronoun_re: re.Pattern[str]
    local_levels: frozenset[str]
    team_suffixes: frozenset[str]
    team_descriptors: tuple[str, ...]
    quoted_team_suffixes: frozenset[str]
    local_units_re: re.Pattern[str]
    acting_place_re: re.Pattern[str]
    league_short_form: str
    league_prefix: str
    acting_government_re: re.Pattern[str]
    class_list_re: re.Pattern[str]
    name_words: frozenset[str]
    stationed_marker: str
    stationed_max: int
    summon_words: frozenset[str]
    ner_inside_stop_tokens: frozenset[str]
    function_words: frozenset[str]
    lane_words: frozenset[str]
    party_units: frozenset[str]
    party_member_titles: tuple[str, ...]
    glued_stop_ends: tuple[str, ...]
    community_levels: tuple[str, ...]
    community_units: frozenset[str]
    council_suffixes: tuple[str, ...]
    council_units: tuple[str, ...]
    lane_suffixes: tuple[str, ...]
    country_words: frozenset[str]
    ner_verbs_before_level: frozenset[str]
    list_marks: frozenset[str]
    central_instruction_words: tuple[str, ...]
    sidebar_bullet: str
    sidebar_min_lines: int
    sidebar_max_chars: int
    sidebar_headers: frozenset[str]
    date_line_re: re.Pattern[str]
    close_brackets: frozenset[str]
    paired_party_cores: frozenset[str]
    paired_government: frozenset[str]
    admin_last: frozenset[str]
    bare_levels: frozenset[str]
    proximal_levels: frozenset[str]
    title_after_suffix: str
    district_units: frozenset[str]
    company_chain_words: frozenset[str]
    det: Determiners
    # cores
    single_body_cores: frozenset[str]
    not_subunits: frozenset[str]
    party_cores: frozenset[str]
    # patterns
    counting_re: re.Pattern[str]
    count_after_re: re.Pattern[str]
    counted_re: re.Pattern[str]
    counted_inside_re: re.Pattern[str]
    ordinal_re: re.Pattern[str]
    ordinal_end_re: re.Pattern[str]
    unit_number_re: re.Pattern[str]
    party_committee_re: re.Pattern[str]
    # levels and kinds
    admin_suffix_levels: dict[str, str]
    national_prefixes: tuple[str, ...]
    national_company_prefixes: tuple[str, ...]
    state_prefixes: tuple[str, ...]
    verb_led_suffix_words: tuple[str, ...]
    federation_members: str
    venue_suffixes: tuple[str, ...]
    venue_verbs: tuple[str, ...]
    ethnic_word_end: str
    autonomous_prefix: str
    national_names: frozenset[str]
    central_word: str
    kind_overrides: tuple[tuple[str, str, frozenset[str]], ...]
    # NER ORG spans and segmentation
    ner_stop_prefixes: tuple[str, ...]
    head_title_char: str
    quoted_question_words: tuple[str, ...]
    parent_unit_suffixes: tuple[str, ...]
    parent_unit_not: frozenset[str]
    ner_trim_prefixes: tuple[str, ...]
    ner_split_words: tuple[str, ...]
    county_short_suffixes: tuple[str, ...]
    anonymised_marks: tuple[str, ...]
    units_after_national: tuple[str, ...]
    ner_stop_chars: frozenset[str]
    ner_stop_words: tuple[str, ...]
    tail_words: frozenset[str]
    title_words: tuple[str, ...]
    folded_staff_titles: tuple[str, ...]
    suffix_not_before: dict[str, tuple[str, ...]]
    descriptive_core_ends: tuple[str, ...]
    credit_end_followers: tuple[str, ...]
    ner_tail_stop_words: tuple[str, ...]
    media_source_before: tuple[str, ...]
    header_date_re: re.Pattern[str]


def _longest_first(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def _determiners(d: dict[str, str]) -> Determiners:
    return Determiners(
        place_stem=frozenset(d["place_stem"]),
        name_head=frozenset(d["name_head"]),
        before_name=frozenset(d["before_name"]),
        class_start=d["class"],
        proximal=frozenset(d["proximal"]),
    )


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    d = load_json("org_grammar.json")
    suffixes = {s: Suffix(s, k, m) for s, k, m in d["suffixes"]}
    alts = "|".join(map(re.escape, _longest_first(suffixes)))
    mods = _longest_first(set(d["modifiers"]))
    classifiers = "".join(d["ner_counted_classifiers"])
    return Grammar(
        suffixes=suffixes,
        # lookahead: every start position, longest suffix there
        suffix_re=re.compile(
            "(?=[" + "".join(sorted({s[0] for s in suffixes})) + f"])(?=({alts}))"
        ),
        admin_suffixes=_longest_first(d["admin_suffixes"]),
        admin_suffix_parts=frozenset(
            a[k:] for a in d["admin_suffixes"] for k in range(1, len(a) - 1)
        ),
        level_words=dict(d["level_words"]),
        party_markers=tuple(d["party_markers"]),
        not_place_stems=frozenset(d["region_stems_not_places"]),
        stop_tokens=frozenset(d["stop_tokens"]),
        determiners=frozenset(d["determiners"]),
        not_names=frozenset(d["name_tokens_not_names"]),
        generic_names=frozenset(d["generic_names"]),
        followers=_longest_first(d["not_org_followers"]),
        honour_after=tuple(d["honour_after"]),
        honour_before=tuple(d["honour_before"]),
        credit_line=re.compile(d["credit_line"]),
        credit_phrases=tuple(d["credit_phrases"]),
        credit_phrase_ends=tuple(d["credit_phrase_ends"]),
        core_aliases=tuple(sorted(d["core_aliases"].items(), key=lambda kv: -len(kv[0]))),
        modifiers=frozenset(mods),
        level_words_by_len=_longest_first(d["level_words"]),
        max_modifier=max((len(m) for m in mods), default=0),
        not_org_words=_longest_first(d["not_org_words"]),
        provinces=frozenset(d["provinces"]),
        generic_cores=frozenset(d["generic_cores"]),
        coordinated_standalone=tuple(d["coordinated_standalone"]),
        core_rewrites=tuple((a, b) for a, b in d["core_rewrites"]),
        restating_levels=frozenset(d["restating_levels"]),
        government_bureau=(
            tuple(d["government_bureau"][0]),
            tuple(d["government_bureau"][1]),
        ),
        role_followers={k: tuple(v) for k, v in d["role_followers"].items()},
        weak_suffixes=frozenset(d["weak_suffixes"]),
        committee=d["committee_char"],
        province=d["province_char"],
        coordinators=frozenset(d["coordinators"]),
        name_coordinators=frozenset(d["name_coordinators"]),
        coordinated_core_suffixes=frozenset(d["coordinated_core_suffixes"]),
        coordinated_core_long_suffixes=frozenset(d["coordinated_core_long_suffixes"]),
        bare_bureau_suffixes=frozenset(d["bare_bureau_suffixes"]),
        two_word_named=frozenset(d["two_word_named"]),
        school_status_words=tuple(d["school_status_words"]),
        open_brackets=frozenset(d["short_form_brackets"][0]),
        quote_chars=d["quote_chars"],
        title_folded=frozenset(d["title_folded_suffixes"]),
        title_units=frozenset(d["title_folded_units"]),
        title_unit_pronoun_re=re.compile(d["title_unit_pronoun_re"]),
        local_levels=frozenset(d["local_levels"]),
        team_suffixes=frozenset(d["team_suffixes"]),
        team_descriptors=tuple(d["team_descriptors"]),
        quoted_team_suffixes=frozenset(d["quoted_team_suffixes"]),
        local_units_re=re.compile("|".join(map(re.escape, _longest_first(d["local_units"])))),
        summon_words=frozenset(d["summon_words"]),
        acting_place_re=re.compile(d["acting_place_pattern"]),
        acting_government_re=re.compile(d["acting_government_pattern"]),
        class_list_re=re.compile(d["class_list_pattern"]),
        name_words=frozenset(d["name_words"]),
        stationed_marker=d["stationed_marker"],
        stationed_max=int(d["stationed_max"]),
        ner_inside_stop_tokens=frozenset(d["ner_inside_stop_tokens"]),
        function_words=frozenset(d["function_words"]),
        lane_words=frozenset(d["lane_words"]),
        party_units=frozenset(d["party_units"]),
        party_member_titles=tuple(d["party_member_titles"]),
        glued_stop_ends=tuple(d["glued_stop_ends"]),
        community_levels=tuple(d["community_levels"]),
        community_units=frozenset(d["community_units"]),
        council_suffixes=tuple(d["council_suffixes"]),
        council_units=tuple(d["council_units"]),
        lane_suffixes=tuple(d["lane_suffixes"]),
        country_words=frozenset(d["country_words"]),
        ner_verbs_before_level=frozenset(d["ner_verbs_before_level"]),
        list_marks=frozenset(d["list_marks"]),
        central_instruction_words=_longest_first(d["central_instruction_words"]),
        sidebar_bullet=d["sidebar_bullet"],
        sidebar_min_lines=int(d["sidebar_min_lines"]),
        sidebar_max_chars=int(d["sidebar_max_chars"]),
        sidebar_headers=frozenset(d["sidebar_headers"]),
        date_line_re=re.compile(d["date_line_re"]),
        close_brackets=frozenset(d["short_form_brackets"][1]),
        paired_party_cores=frozenset(d["paired_bodies"]["party"]),
        paired_government=frozenset(d["paired_bodies"]["government"]),
        admin_last=frozenset(d["admin_last_chars"]),
        bare_levels=frozenset(d["bare_level_tokens"]),
        proximal_levels=frozenset(d["proximal_levels"]),
        title_after_suffix=d["title_after_suffix"],
        district_units=frozenset(d["district_units"]),
        company_chain_words=frozenset(d["company_chain_words"]),
        det=_determiners(d["determiner_chars"]),
        single_body_cores=frozenset(d["single_body_cores"]),
        not_subunits=frozenset(d["not_subunits"]),
        party_cores=frozenset(d["party_cores"]),
        counting_re=re.compile(d["counting_re"]),
        count_after_re=re.compile(d["count_after_re"]),
        counted_re=re.compile(d["counted_numbers_re"] + f"[{classifiers}]$"),
        counted_inside_re=re.compile(d["counted_inside_numbers_re"] + f"[{classifiers}]"),
        league_short_form=d["league_short_form"],
        league_prefix=d["league_prefix"],
        ordinal_re=re.compile(d["ordinal_re"]),
        ordinal_end_re=re.compile(d["ordinal_end_re"]),
        unit_number_re=re.compile(d["unit_number_re"]),
        party_committee_re=re.compile(d["party_committee_re"]),
        admin_suffix_levels=dict(d["admin_suffix_levels"]),
        national_prefixes=tuple(d["national_prefixes"]),
        national_company_prefixes=tuple(
            sorted(d["national_company_prefixes"], key=len, reverse=True)
        ),
        state_prefixes=tuple(d["state_prefixes"]),
        verb_led_suffix_words=tuple(d["verb_led_suffix_words"]),
        federation_members=d["federation_members"],
        venue_suffixes=tuple(d["venue_suffixes"]),
        venue_verbs=tuple(d["venue_verbs"]),
        ethnic_word_end=d["ethnic_word_end"],
        autonomous_prefix=d["autonomous_prefix"],
        national_names=frozenset(d["national_names"]),
        central_word=d["central_word"],
        kind_overrides=tuple((w, k, frozenset(ks)) for w, k, ks in d["kind_overrides"]),
        ner_stop_prefixes=tuple(d["ner_stop_prefixes"]),
        head_title_char=d["head_title_char"],
        quoted_question_words=tuple(d["quoted_question_words"]),
        parent_unit_suffixes=_longest_first(frozenset(d["parent_unit_suffixes"])),
        parent_unit_not=frozenset(d["parent_unit_not"]),
        ner_trim_prefixes=tuple(d["ner_trim_prefixes"]),
        ner_split_words=tuple(d["ner_split_words"]),
        county_short_suffixes=tuple(d["county_short_suffixes"]),
        anonymised_marks=tuple(d["anonymised_marks"]),
        units_after_national=tuple(d["units_after_national"]),
        ner_stop_chars=frozenset(d["ner_stop_chars"]),
        ner_stop_words=tuple(d["ner_stop_words"]),
        tail_words=frozenset(d["tail_words"]),
        title_words=_longest_first(d["title_words"]),
        folded_staff_titles=_longest_first(d["folded_staff_titles"]),
        suffix_not_before={k: tuple(v) for k, v in d["suffix_not_before"].items()},
        descriptive_core_ends=tuple(d["descriptive_core_ends"]),
        credit_end_followers=tuple(d["credit_end_followers"]),
        ner_tail_stop_words=tuple(d["ner_tail_stop_words"]),
        media_source_before=tuple(d["media_source_before"]),
        header_date_re=re.compile(d["header_date_re"]),
    )


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


def folded_department(name: str) -> str | None:
    """The title-folded department word ``name`` ends with (处, 科, 检察部: a unit named
    only in its head's title folds into its parent), or None."""
    return next((f for f in grammar().title_folded if name.endswith(f)), None)


def level_of(marker: str | None, name: str) -> str | None:
    """Administrative level from the last level marker of the prefix."""
    g = grammar()
    if name.startswith(g.national_prefixes) or name in g.national_names:
        return "national"
    if name.startswith(g.party_markers) and (g.central_word in name[:8]):
        return "national"
    if not marker:
        return None
    return g.level_words.get(marker) or g.admin_suffix_levels.get(marker)


def kind_of(name: str, core: str) -> str:
    """OrgKind value of a name from its suffix, with a few overrides."""
    g = grammar()
    suf = longest_suffix(name)
    kind = suf.kind if suf is not None else "other"
    if core in g.party_cores and name != core:
        return "party"
    for word, new_kind, kinds in g.kind_overrides:
        if word in name and kind in kinds:
            return new_kind
    if kind == "government" and g.party_committee_re.search(name[:8]):
        return "party"
    return kind


@lru_cache(maxsize=2)
def _quote_table(chars: str) -> dict[int, None]:
    return {ord(c): None for c in chars}


def cluster_core(core: str) -> str:
    """The core of a name with abbreviations and optional words unified."""
    g = grammar()
    out = g.ordinal_re.sub("", core.translate(_quote_table(g.quote_chars)))
    for a, b in g.core_rewrites:
        out = out.replace(a, b)
    heads, tails = g.government_bureau
    head = next((h for h in heads if out.startswith(h)), None)
    if head is not None and len(out) > len(head) + 1 and out.endswith(tails):
        out = out[len(head) :]  # 政府法务局 and 法务局: one bureau
    # 市委宣传部 and 市宣传部, 市人民法院 and 市法院: same bodies.
    for long, short in g.core_aliases:
        if out.endswith(long):
            out = out[: -len(long)] + short
            break
    return out
