"""Organization records: the recognizer's names clustered into one record per body.

The candidates of ``fazhi_orgs`` get the NER ORG spans merged in
(:func:`~fazhi_ie.build.org_ner.with_ner`), lose the header's publishing
outlet and the names inside law titles, and are grouped by cluster core,
region chain and level marker. A short form then joins the one group it
names (市司法局 -> 酒泉市司法局, X派出所 -> Y公安X派出所, 法院 -> the one court of
the article); each final group is one :class:`~fazhi_ie.records.Organization`
whose mentions go into the Assembly's index.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..components.base import KEYS
from ..components.org_candidate import OrgCandidate
from ..lexicons.orgs import cluster_core, grammar, longest_suffix
from ..records import AdminLevel, Organization, OrgKind
from ..text.primitives import starting_in
from .context import Assembly
from .org_aliases import in_order, with_declared
from .org_ner import with_ner

_Key = tuple[str, str | None, str | None]  # cluster core, region, level marker


@dataclass(eq=False)
class _Group:
    """Mentions with one key; ``extra`` holds those of the groups merged into it."""

    key: _Key
    cands: list[OrgCandidate] = field(default_factory=list)
    extra: list[OrgCandidate] = field(default_factory=list)


def _range(c: Any) -> tuple[int, int]:
    """Clean ``(start, end)`` of a candidate stored as an object or as a dict."""
    start = getattr(c, "start", None)
    if start is None:
        return c["start"], c["end"]
    return start, c.end


def _candidates(ctx: Assembly) -> list[OrgCandidate]:
    """The names of the article that may be bodies: grammar and NER names, without
    the header's outlet and the names inside law titles."""
    cands = with_ner(ctx.doc, ctx.text, ctx.candidates(KEYS.ORGS), ctx.candidates(KEYS.NER))
    outlet = ctx.header_range("source")
    if outlet is not None:
        cands = [c for c in cands if not (c.start < outlet[1] and outlet[0] < c.end)]
    source = ctx.norm.source
    if source:
        # The outlet is metadata; a body that also acts in the text stays.
        cands = [c for c in cands if c.name != source or c.kind != "media"]
    laws = sorted(_range(c) for c in ctx.candidates(KEYS.LAWS))
    longest = max((b - a for a, b in laws), default=0)  # laws that overlap start near
    # 基本法委员会 holds the law name 基本法 and is a body; a name inside a title is not
    return [
        c
        for c in cands
        if not any(
            c.start < b and a < c.end and not (c.start <= a and b < c.end)
            for a, b in starting_in(laws, c.start - longest, c.end)
        )
    ]


def _school_core(c: OrgCandidate) -> str:
    """The cluster core of ``c``; a school's without the status its region carries
    (北滨县立海天国民中学 and 海天国中 share 海天国中)."""
    core = cluster_core(c.core)
    if c.kind == "school" and c.region and len(core) > 3:
        tails = {w[-1] for w in grammar().school_status_words}
        if core[0] in tails:
            return core[1:]
    return core


def _group(cands: list[OrgCandidate]) -> list[_Group]:
    """Candidates grouped by cluster core, region chain and level marker."""
    groups: list[_Group] = []
    by_key: dict[_Key, _Group] = {}
    # 龙安区 and 安阳市龙安区: the shorter chain names the same region
    restating = grammar().restating_levels
    chains = sorted({_place(c, restating)[0] for c in cands if c.region}, key=len, reverse=True)
    for c in cands:
        region, marker = _place(c, restating)
        if region:
            region = next((r for r in chains if r.endswith(region)), region)
        key = (_school_core(c), region, marker)
        grp = by_key.get(key)
        if grp is None:
            grp = by_key[key] = _Group(key)
            groups.append(grp)
        grp.cands.append(c)
    return groups


def _place(c: OrgCandidate, restating: frozenset[str]) -> tuple[str | None, str | None]:
    """The region and level marker a name is grouped by: a level word that only
    restates the place (澳门特别行政区) is read as no level."""
    region, marker = c.region, c.marker
    if marker in restating:
        if region and region.endswith(marker):
            region = region[: -len(marker)] or None
        marker = None
    return region, marker


def _root(grp: _Group, merged: dict[_Group, _Group]) -> _Group:
    seen = 0
    while grp in merged and seen < 20:
        grp = merged[grp]
        seen += 1
    return grp


def _targets(grp: _Group, groups: list[_Group]) -> list[_Group]:
    """The groups a short form without a region may name."""
    core, _, marker = grp.key
    others = [o for o in groups if o is not grp]
    if marker is not None:
        same = [o for o in others if o.key[0] == core and o.key[1] and o.key[2] == marker]
        # 市消保委 after 某市消费者权益保护委员会, 市安委办 after 某市安全生产委员会办公室
        return same or [
            o
            for o in others
            if o.key[2] == marker
            and any(_tail_abbreviation(core, x) for x in (o.key[0], o.cands[0].core))
        ]
    targets = [o for o in others if o.key[0] == core]
    if not targets and len(core) >= 4:
        # 普法协调小组 after 县委依法治县委员会普法协调小组
        targets = [o for o in others if o.key[0].endswith(core)]
    if not targets and core in grammar().single_body_cores:
        # 走进法院 after 青山市中级人民法院: the one court of the article
        kind = grp.cands[0].kind
        targets = [o for o in others if o.cands[0].kind == kind]
    return targets


#: Tails a short form writes with one character (委员会 -> 委, 办公室 -> 办).
_TAILS = (("委员会", "委"), ("办公室", "办"))


def _tail_abbreviation(short: str, core: str) -> bool:
    """Whether ``short`` abbreviates ``core`` written with its tail shortened
    (消保委 for 消费者权益保护委员会, 安委办 for 安全生产委员会办公室)."""
    for long, tail in _TAILS:
        if core.endswith(long):
            t = core[: -len(long)] + tail
            return (
                len(short) >= 3
                and len(t) > len(short)
                and t[0] == short[0]
                and short.endswith(tail)
                and in_order(short, t)
            )
    return _abbreviation(short, core)


def _bracketed(text: str, groups: list[_Group]) -> dict[_Group, _Group]:
    """民青局 in ``X事务局(民青局)``: a name in brackets right after another is its
    short form; group of the short form -> group of the name."""
    g = grammar()
    ends = {c.end: grp for grp in groups for c in grp.cands}
    out: dict[_Group, _Group] = {}
    for grp in groups:
        for c in grp.cands:
            if (
                c.start > 0
                and text[c.start - 1 : c.start] in g.open_brackets
                and text[c.end : c.end + 1] in g.close_brackets
            ):
                long = ends.get(c.start - 1)
                if long is not None and long is not grp and len(grp.cands) <= len(long.cands) + 2:
                    out[grp] = long
                    break
    return out


def _abbreviates(c: OrgCandidate, others: list[OrgCandidate]) -> bool:
    """Whether the unprefixed 2-4 character name ``c`` abbreviates one of ``others``:
    same first character of the core and same last character, its characters in order
    (社工局 in 社会工作局, 民青局 in 民政及青年事务局; 廉署 in 廉政公署, for a core of
    four characters or more); a longer one only with the same place name first
    (台中地检署 in 台湾台中地方检察署)."""
    short = c.name
    if c.prefix or not 2 <= len(short) <= 6:
        return False
    return any(_abbreviation(short, o.core) for o in others)


def _abbreviation(short: str, core: str) -> bool:
    """Whether ``short`` abbreviates the core ``core`` (see :func:`_abbreviates`)."""
    return (
        len(core) > len(short)
        and (len(short) > 2 or len(core) >= 4)
        # 公安局 is not 公安分局; a two-character form is always a head and a tail
        and (
            len(short) == 2
            or not any(
                core.startswith(short[:i]) and core.endswith(short[i:])
                for i in range(1, len(short))
            )
        )
        and core[0] == short[0]
        and core[-1] == short[-1]
        and (len(short) <= 4 or core[:2] == short[:2])
        and in_order(short, core)
        and not _parent_of(short, core)
    )


def _parent_of(short: str, core: str) -> bool:
    """Whether ``short`` is the parent named at the start of the multi-level ``core``
    (议会 in 议会社区建设委员会, 银行 in 银行某分行): a body of its own, no short form;
    not a legal form (有限公司) nor the body's own party committee (党委)."""
    if not core.startswith(short):
        return False
    rest = core[len(short) :]
    suf = longest_suffix(rest)
    if suf is None or rest in grammar().not_subunits:
        return False
    return not (suf.kind == "company" and suf.mode == "named")


def _same_place_abbreviation(short: _Key, long: _Key) -> bool:
    """Whether the name keyed ``short`` abbreviates the core of ``long`` in the same
    place: same region and level (高雄地检署, 台湾高雄地方检察署), or a long name read
    without a region whose core starts with the short one's (新北地院, 新北地方法院)."""
    core, region, marker = short
    if long[1:] == short[1:]:
        return _abbreviation(core, long[0])
    return (
        region is not None
        and long[1] is None
        and long[2] == marker
        and long[0].startswith(region)
        and _abbreviation(core, long[0][len(region) :])
    )


def _full_forms(groups: list[_Group]) -> dict[str, list[_Group]]:
    """Short form -> the groups whose name it abbreviates: the Youth League committee
    of a level (团区委 for 共青团青石区委, ``league_short_form``), and a name read with
    the grammar's ``core_rewrites`` (农行石溪县支行 for 中国农业银行石溪县支行)."""
    g = grammar()
    out: dict[str, list[_Group]] = {}
    for grp in groups:
        name, marker = grp.cands[0].name, grp.key[2]
        if name.startswith(g.league_prefix) and marker:
            out.setdefault(g.league_short_form.format(marker), []).append(grp)
        short = name
        for long, abbr in g.core_rewrites:
            short = short.replace(long, abbr)
        if short != name:
            out.setdefault(short, []).append(grp)
    return out


def _merge_short_forms(groups: list[_Group], text: str = "") -> list[_Group]:
    """市司法局 -> 酒泉市司法局 when that is the only 市-level body with that core;
    the final groups, each with the mentions of the groups merged into it."""
    merged: dict[_Group, _Group] = _bracketed(text, groups) if text else {}
    full = _full_forms(groups)
    for grp in groups:
        if grp in merged:
            continue
        short = grp.cands[0].name
        # 团区委 -> 共青团青石区委, 农行石溪县支行 -> 中国农业银行石溪县支行
        spelled = [o for o in full.get(short, ()) if o is not grp]
        if len(spelled) == 1 and _root(spelled[0], merged) is not grp:
            merged[grp] = _root(spelled[0], merged)
            continue
        if len(short) >= 3:
            # a short form that ends exactly one longer name of the article
            # (X派出所 after Y公安X派出所)
            longer = [
                o
                for o in groups
                if o is not grp and any(c.name.endswith(short) and c.name != short for c in o.cands)
            ]
            if len(longer) == 1 and _root(longer[0], merged) is not grp:
                merged[grp] = _root(longer[0], merged)
                continue
        unit = _level_unit(grp, groups)  # 县禁毒大队 after 临澜县公安局禁毒大队
        if unit is not None and _root(unit, merged) is not grp:
            merged[grp] = _root(unit, merged)
            continue
        if grp.key[1] is not None:
            # 高雄地检署 beside 台湾高雄地方检察署 (one region): the core abbreviated
            same = [o for o in groups if o is not grp and _same_place_abbreviation(grp.key, o.key)]
            if len(same) == 1 and _root(same[0], merged) is not grp:
                merged[grp] = _root(same[0], merged)
            continue
        abbr = [o for o in groups if o is not grp and _abbreviates(grp.cands[0], o.cands)]
        if len(abbr) == 1 and _root(abbr[0], merged) is not grp:
            merged[grp] = _root(abbr[0], merged)  # 社工局 -> 社会工作局
            continue
        roots = {id(r): r for r in (_root(o, merged) for o in _targets(grp, groups))}
        if len(roots) == 1:
            merged[grp] = next(iter(roots.values()))
        elif len(roots) > 1 and grp.key[2] is None:
            merged[grp] = max(roots.values(), key=lambda o: len(o.cands))
    final: list[_Group] = []
    listed = _listed_bare(text, groups)
    for grp in groups:
        root = _root(grp, merged)
        if root is grp:
            if grp in listed:
                # 向法院申请, 经法院判决: a bare core that names no body of the article
                # is the class of bodies, unless listed with named bodies
                continue
            final.append(grp)
        else:
            root.extra.extend(grp.cands)
    return final


def _level_unit(grp: _Group, groups: list[_Group]) -> _Group | None:
    """The one multi-level name of the same level whose last unit a short form names
    after its level word (县禁毒大队 for 临澜县公安局禁毒大队: the unit's own core, of
    three characters or more, ends the long core after its parent)."""
    core, region, marker = grp.key
    if marker is None or region is not None or len(core) < 3:
        return None
    longer = [
        o
        for o in groups
        if o is not grp
        and o.key[2] == marker
        and o.key[1] is not None
        and o.key[0].endswith(core)
        and len(o.key[0]) > len(core)
        and longest_suffix(o.key[0][: -len(core)]) is not None  # a parent body first
    ]
    return longer[0] if len(longer) == 1 else None


def _listed_bare(text: str, groups: list[_Group]) -> set[_Group]:
    """The groups of bare cores (法院, 检察院, 公安局) none of whose mentions stands in
    a list with a named body: 联合市妇联、法院、检察院 lists the city's own
    bodies; 经法院判决 and 公安、检察、法院等部门 name classes."""
    bare = grammar().single_body_cores
    cands = sorted((c for grp in groups for c in grp.cands), key=lambda c: c.start)
    joined = grammar().coordinators
    chains: list[list[OrgCandidate]] = []
    for c in cands:
        if chains and 0 <= c.start - chains[-1][-1].end <= 1:
            gap = text[chains[-1][-1].end : c.start]
            if gap == "" or gap in joined:
                chains[-1].append(c)
                continue
        chains.append([c])
    named = {id(c) for ch in chains if any(x.name not in bare for x in ch) for c in ch}
    return {grp for grp in groups if all(c.name in bare and id(c) not in named for c in grp.cands)}


def _article_regions(cands: list[OrgCandidate]) -> dict[str, str]:
    """Level marker -> the one named region of that level the article uses."""
    by_marker: dict[str, set[str]] = {}
    for c in cands:
        if c.region and c.marker:
            by_marker.setdefault(c.marker, set()).add(c.region)
    return {m: next(iter(rs)) for m, rs in by_marker.items() if len(rs) == 1}


def _record(ctx: Assembly, cs: list[OrgCandidate], regions: dict[str, str]) -> Organization:
    """The Organization of one group's mentions ``cs`` (sorted by start)."""
    best = max(cs, key=lambda c: (len(c.name), c.region is not None, -c.start))
    name = best.name
    region = best.region
    marker = best.marker
    full = best.inherit + name  # 统战部 after 市委宣传部 -> 市委统战部
    canonical = full
    if region is None and marker is not None and full.startswith(marker):
        fixed = regions.get(marker)
        if fixed is not None:
            canonical = fixed + full[len(marker) :]
            region = fixed
    level = best.level
    if level is None:
        level = next((c.level for c in cs if c.level), None)
    kind = best.kind if best.kind in OrgKind.__members__ else "other"
    return Organization(
        id=ctx.next_id("org", ctx.organizations),
        name=name,
        canonical=canonical,
        kind=OrgKind(kind),
        level=AdminLevel(level) if level in AdminLevel.__members__ else None,
        region=region,
        mentions=[ctx.span(c.start, c.end) for c in cs],
    )


def build_organizations(ctx: Assembly) -> None:
    """One Organization per body: mentions clustered by core and region."""
    cands = _candidates(ctx)
    cands = with_declared(ctx.text, cands)  # 廉政公署(廉署) … 廉署表示
    regions = _article_regions(cands)
    for grp in _merge_short_forms(_group(cands), ctx.text):
        cs = sorted(grp.cands + grp.extra, key=lambda c: c.start)
        ctx.add(_record(ctx, cs, regions), [(c.start, c.end) for c in cs])
